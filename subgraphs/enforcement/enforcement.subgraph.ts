import { buildFederatedSchema, DomainError, SubgraphDefinition } from "../kit";
import { AssistanceRequest, BorderConstructionPermit } from "./entities/assistance.entity";
import { Control, ControlMeasure } from "./entities/control.entity";
import { DeclarantProhibition, EnforcementAppeal, WithdrawalReferral } from "./entities/decision.entity";
import { CaseLink, CaseParty, Lead, OffenceCase } from "./entities/offence-case.entity";
import { Seizure } from "./entities/seizure.entity";
import { migrations } from "./migrations";
import { LeadResolver, OffenceCaseResolver } from "./resolvers/case.resolver";
import { ControlResolver, SeizureResolver } from "./resolvers/control.resolver";
import { AppealResolver, AssistanceResolver, PermitResolver, ProhibitionResolver, ReferralResolver } from "./resolvers/decision.resolver";
import { loaders } from "./resolvers/loaders";
import { DeclarationEnforcementResolver, PartnerEnforcementResolver } from "./resolvers/partner.resolver";
import { EnforcementContext, StoredLot } from "./resolvers/types";
import { createEnforcementServices, EnforcementServices } from "./services";

export const ENFORCEMENT_ENTITIES = [OffenceCase, CaseParty, CaseLink, Lead, Control, ControlMeasure, Seizure, DeclarantProhibition, WithdrawalReferral, EnforcementAppeal, AssistanceRequest, BorderConstructionPermit];

/**
 * Enforcement (DOMAIN.md §6): controls after release and in the border area, seizures, offence
 * cases with the legal range of their fines, penalties, professional declarant prohibitions,
 * referrals for withdrawal, appeals, international administrative assistance and border
 * construction permits. Owns `OffenceCase`, `Control` and `Seizure`; adds `offenceCases`,
 * `complianceProfile`, `penaltyDecisions`, `declarantProhibitions` to `BusinessPartner` and
 * `offenceCases` to `CustomsDeclaration`. Enforcement data is for officers with an enforcement
 * role (ENF-R21); a partner sees the decisions addressed to it.
 */
export const definition: SubgraphDefinition<EnforcementServices> = {
  name: "enforcement",
  entities: ENFORCEMENT_ENTITIES,
  migrations,
  buildSchema: () =>
    buildFederatedSchema({
      subgraph: "enforcement",
      resolvers: [OffenceCaseResolver, LeadResolver, ControlResolver, SeizureResolver, ProhibitionResolver, ReferralResolver, AppealResolver, AssistanceResolver, PermitResolver, PartnerEnforcementResolver, DeclarationEnforcementResolver],
      orphanedTypes: [StoredLot],
      references: {
        // Batched, and checked for every representation: enforcement roles only (ENF-R21).
        OffenceCase: { __resolveReference: async (ref: { id: string }, ctx: EnforcementContext) => (ctx.services.access.investigates(ctx.principal) ? loaders.offenceCase(ctx).load(ref.id) : null) },
        Seizure: { __resolveReference: async (ref: { id: string }, ctx: EnforcementContext) => (ctx.services.access.controls(ctx.principal) ? loaders.seizure(ctx).load(ref.id) : null) },
        Control: { __resolveReference: async (ref: { id: string }, ctx: EnforcementContext) => (ctx.services.access.controls(ctx.principal) ? loaders.control(ctx).load(ref.id) : null) },
        BusinessPartner: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
        CustomsDeclaration: { __resolveReference: (ref: { id: string }, ctx: EnforcementContext) => (ctx.principal.kind === "ANONYMOUS" ? null : { id: ref.id }) },
      },
    }),
  uniqueViolations: {
    // ENF-R06: one open referral per partner; the loser of a race gets the domain's refusal.
    "withdrawal_referral(open_key)": () => new DomainError("REFERRAL_ALREADY_OPEN", "A referral for this partner awaits the DGD.", { rule: "ENF-R06", article: "OD-AFD art. 9 let. c" }),
    // ENF-R23: one appeal per decision (its kind, id and instant) and appellant; the loser of a race gets the domain's refusal.
    "enforcement_appeal(decision_kind,decision_id,decision_taken_at,appellant_id)": () => new DomainError("APPEAL_ALREADY_FILED", "This decision was already appealed by this appellant.", { rule: "ENF-R23", article: "LD art. 116" }),
  },
  createServices: runtime => createEnforcementServices(runtime),
  consumes: ["UndeclaredGoodsDetected", "TaxationDecisionIssued", "ExOfficioTaxation", "LotReleasedWithoutDeclaration", "PledgeMisappropriated", "WithdrawalReferralDecided"],
  eventHandlers: services => ({
    // X07 (LD art. 118): undeclared goods open an evasion case.
    UndeclaredGoodsDetected: (m, e) => services.cases.onUndeclaredGoodsDetected(m, e.payload as never),
    // X08, X09: the duties at stake of the cases on a declaration.
    TaxationDecisionIssued: (m, e) => services.cases.onTaxation(m, e.payload as never),
    ExOfficioTaxation: (m, e) => services.cases.onTaxation(m, e.payload as never),
    // X16 (LD art. 69 let. d): a lead, not a case (DOMAIN.md §6.4).
    LotReleasedWithoutDeclaration: (m, e) => services.cases.onLotReleasedWithoutDeclaration(m, e.payload as never),
    // X22 (LD art. 122): a case against the pledge's owner.
    PledgeMisappropriated: (m, e) => services.cases.onPledgeMisappropriated(m, e.payload as never),
    // ENF-R06: the DGD decided a referral in identity.
    WithdrawalReferralDecided: (m, e) => services.decisions.onReferralDecided(m, e.payload as never),
  }),
};
