import { buildFederatedSchema, DomainError, SubgraphDefinition } from "../kit";
import { CustomsDebt, DebtorLiability, InterestRate, Payment, SupersededTaxationDecision } from "./entities/debt.entity";
import { RemissionRequest, Security, SecurityRequisition, SecurityReservation, SubsequentCollection } from "./entities/security.entity";
import { CustomsPledge, DebtEnforcementCase, Fee, PcdAccount, SuretyReceipt } from "./entities/pledge.entity";
import { migrations } from "./migrations";
import {
  CustomsDebtResolver,
  DebtContext,
  DebtorLiabilityResolver,
  ExposureResolver,
  PartnerDebtResolver,
  PaymentPayloadResolver,
  PaymentResolver,
  SecurityRequisitionResolver,
  SecurityResolver,
  ProcedureCase,
  ProcedureCaseDebtResolver,
  StoredLot,
  StoredLotDebtResolver,
  SuretyReceiptResolver,
  TaxationDebtResolver,
  TaxationDecision,
} from "./resolvers/debt.resolver";
import { DebtEnforcementCaseResolver, PartnerPcdResolver, PledgeResolver, SeizurePledgeResolver } from "./resolvers/pledge.resolver";
import { loaders, visibleDebt } from "./resolvers/loaders";
import { createDebtServices, DebtServices } from "./services";
import { debtAlreadyRecorded } from "./services/debt.service";
import { alreadyReserved } from "./services/security.service";

export const DEBT_ENTITIES = [CustomsDebt, DebtorLiability, Payment, InterestRate, Security, SecurityReservation, SecurityRequisition, SubsequentCollection, RemissionRequest, CustomsPledge, DebtEnforcementCase, PcdAccount, Fee, SuretyReceipt, SupersededTaxationDecision];

/**
 * Debt and guarantees (DOMAIN.md §5), part 1: the customs debt from its birth (declarations'
 * events, procedure cases' conditional debts among them; warehousing's events, stored lots'
 * conditional debts, X14 to X18, and operators' securities) to payment with default interest,
 * non-collection and limitation; securities and general bonds with exact headroom; requisitions,
 * subsequent collection and remission; enforcement's events: goods presumed smuggled sequestered
 * as customs pledge (X21), prohibited traffic's duties (X23) and final fines. Owns `CustomsDebt`
 * and `Security`; adds `customsDebts`, `securities` and `exposure` to `BusinessPartner` and
 * `customsDebt` to `TaxationDecision`.
 */
export const definition: SubgraphDefinition<DebtServices> = {
  name: "debt",
  entities: DEBT_ENTITIES,
  migrations,
  buildSchema: () =>
    buildFederatedSchema({
      subgraph: "debt",
      resolvers: [
        CustomsDebtResolver,
        DebtorLiabilityResolver,
        PaymentResolver,
        PaymentPayloadResolver,
        ExposureResolver,
        SuretyReceiptResolver,
        SecurityResolver,
        SecurityRequisitionResolver,
        PartnerDebtResolver,
        TaxationDebtResolver,
        ProcedureCaseDebtResolver,
        StoredLotDebtResolver,
        PledgeResolver,
        DebtEnforcementCaseResolver,
        PartnerPcdResolver,
        SeizurePledgeResolver,
      ],
      // Reached by no root field: declared so that the fields this subgraph adds to it exist.
      orphanedTypes: [TaxationDecision, ProcedureCase, StoredLot],
      references: {
        // Batched: 100 representations cost one statement for the rows and one for the debtors.
        CustomsDebt: { __resolveReference: async (ref: { id: string }, ctx: DebtContext) => visibleDebt(ctx, await loaders.debt(ctx).load(ref.id)) },
        Security: {
          __resolveReference: async (ref: { id: string }, ctx: DebtContext) => {
            const security = await loaders.security(ctx).load(ref.id);
            return security && ctx.services.access.canSeeSecurity(ctx.principal, security) ? security : null;
          },
        },
        BusinessPartner: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
        TaxationDecision: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
        ProcedureCase: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
        StoredLot: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
        Seizure: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
      },
    }),
  uniqueViolations: {
    "customs_debt(declaration_id)": debtAlreadyRecorded,
    "security_reservation(security_id,debt_id)": alreadyReserved,
    "surety_receipt(payment_id)": () => new DomainError("RECEIPT_ALREADY_ISSUED", "The receipt for this payment was issued.", { rule: "DEBT-R15", article: "LD art. 78 para. 1" }),
  },
  createServices: runtime => createDebtServices(runtime),
  // Issue 15: a partner's debts, securities and headroom as of a past date are read from the kept
  // history (migration DebtHistory): every transaction stamps the subgraph's clock for its triggers.
  keepsHistory: true,
  consumes: [
    "DeclarationAccepted",
    "BorderCrossed",
    "UndeclaredGoodsDetected",
    "TaxationDecisionIssued",
    "ExOfficioTaxation",
    "ProvisionalTaxationRequested",
    "ProcedureCaseOpened",
    "ProcedureNotDischarged",
    "ProcedureCaseDischarged",
    "ProcedureReliefGranted",
    "LotStored",
    "LotDepositorTransferred",
    "LotReleased",
    "LotReleasedWithoutDeclaration",
    "StoragePeriodExpired",
    "LotDutiesDue",
    "LotPlacedInTime",
    "LotDestroyed",
    "OperatorSecurityRequired",
    "AppealFiled",
    "AppealDecided",
    "TaxationAbuseFound",
    "DeclarationWithdrawn",
    "PartnerRoleActivated",
    "PartnerRoleEnded",
    "GoodsSequesteredAsSmuggled",
    "ProhibitedTrafficEstablished",
    "FineImposed",
  ],
  eventHandlers: services => ({
    DeclarationAccepted: (m, e) => services.debts.onDeclarationAccepted(m, e),
    BorderCrossed: (m, e) => services.debts.onBorderCrossed(m, e),
    UndeclaredGoodsDetected: (m, e) => services.debts.onUndeclaredGoodsDetected(m, e),
    TaxationDecisionIssued: (m, e) => services.debts.onTaxation(m, e),
    ExOfficioTaxation: (m, e) => services.debts.onTaxation(m, e),
    ProvisionalTaxationRequested: (m, e) => services.debts.onProvisionalTaxation(m, e),
    // X11, X12 and the ends of a procedure case (LD art. 49, 58-60, 76).
    ProcedureCaseOpened: (m, e) => services.conditionalDebts.onProcedureCaseOpened(m, e),
    ProcedureNotDischarged: (m, e) => services.conditionalDebts.onProcedureNotDischarged(m, e),
    ProcedureCaseDischarged: (m, e) => services.conditionalDebts.onProcedureCaseDischarged(m, e),
    ProcedureReliefGranted: (m, e) => services.conditionalDebts.onProcedureReliefGranted(m, e),
    // Warehousing's stored lots, X14 to X18 (LD art. 51, 52 para. 2, 57, 67, 69 let. d, 76, 86).
    LotStored: (m, e) => services.conditionalDebts.onLotStored(m, e),
    LotDepositorTransferred: (m, e) => services.conditionalDebts.onLotDepositorTransferred(m, e),
    LotReleased: (m, e) => services.conditionalDebts.onLotReleased(m, e),
    LotReleasedWithoutDeclaration: (m, e) => services.conditionalDebts.onLotReleasedWithoutDeclaration(m, e),
    StoragePeriodExpired: (m, e) => services.conditionalDebts.onStoragePeriodExpired(m, e),
    LotDutiesDue: (m, e) => services.conditionalDebts.onLotDutiesDue(m, e),
    LotPlacedInTime: (m, e) => services.conditionalDebts.onLotPlacedInTime(m, e),
    LotDestroyed: (m, e) => services.conditionalDebts.onLotDestroyed(m, e),
    // WH-R09, WH-R23 (LD art. 53 para. 6, 66 para. 4): the operator's security.
    OperatorSecurityRequired: (m, e) => services.securities.onOperatorSecurityRequired(m, e),
    AppealFiled: (m, e) => services.debts.onAppealFiled(m, e),
    AppealDecided: (m, e) => services.debts.onAppealDecided(m, e),
    TaxationAbuseFound: (m, e) => services.debts.onTaxationAbuseFound(m, e),
    DeclarationWithdrawn: (m, e) => services.debts.onDeclarationWithdrawn(m, e),
    // X02 (OD-AFD art. 39): ACee and ACor pay cashless through the PCD.
    PartnerRoleActivated: (m, e) => services.pledges.onRoleActivated(m, e.payload as { partnerId: string; roleType: string }),
    PartnerRoleEnded: (m, e) => services.pledges.onRoleEnded(m, e.payload as { partnerId: string; roleType: string }),
    // Enforcement: X21 (LD art. 82 para. 1, 83 para. 3), X23 (LD art. 120 para. 5), and a final
    // fine collected like a customs debt (LD art. 118-127; DESIGN CHOICE).
    GoodsSequesteredAsSmuggled: (m, e) => services.enforcementDebts.onGoodsSequesteredAsSmuggled(m, e),
    ProhibitedTrafficEstablished: (m, e) => services.enforcementDebts.onProhibitedTrafficEstablished(m, e),
    FineImposed: (m, e) => services.enforcementDebts.onFineImposed(m, e),
  }),
  jobs: services => [services.debts.overdueJob(), services.debts.limitationJob()],
};
