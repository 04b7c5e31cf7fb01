import { buildFederatedSchema, SubgraphDefinition } from "../kit";
import { AdvanceAnnouncement, CrossingFacilityAuthorisation, RuralTrafficAuthorisation } from "./entities/channel.entity";
import { CustomsOffice } from "./entities/customs-office.entity";
import { ProcedureCase, ProcessingAuthorisation } from "./entities/procedure-case.entity";
import { CustomsDeclaration, DeclarationItem } from "./entities/declaration.entity";
import { GoodsPresentation } from "./entities/presentation.entity";
import { Appeal, DeadlineOverride, DeclarationCorrection, Refusal, TaxationChangeRequest, TaxationDecision, Verification } from "./entities/procedure.entity";
import { DeclarantProhibition } from "./entities/prohibition.entity";
import { AuthorisedDeclarant, DeclarantEmployeeRef, PartnerRoleRef } from "./entities/projections.entity";
import { DocumentRequirement, SelectionDecision, SelectionRuleSet } from "./entities/selection.entity";
import { TariffRate } from "./entities/tariff-rate.entity";
import { migrations } from "./migrations";
import { DeclarationsContext } from "./resolvers/context";
import {
  CustomsDeclarationResolver,
  DocumentRequirementResolver,
  GoodsPresentationResolver,
  PartnerDeclarationsResolver,
  RefusalResolver,
  SelectionDecisionResolver,
  VerificationResolver,
} from "./resolvers/declaration.resolver";
import { loaders } from "./resolvers/loaders";
import { AnnouncementResolver, ChannelResolver, DeclarationProcedureResolver, PartnerProcedureResolver, ProcedureCaseResolver } from "./resolvers/procedure.resolver";
import { refused } from "./services/errors";
import { caseAlreadyOpen } from "./services/procedure-case.service";
import { ReferenceResolver, TaxationDecisionResolver } from "./resolvers/taxation.resolver";
import { createDeclarationServices, DeclarationServices } from "./services";

export const DECLARATION_ENTITIES = [
  CustomsOffice,
  TariffRate,
  GoodsPresentation,
  CustomsDeclaration,
  DeclarationItem,
  SelectionRuleSet,
  SelectionDecision,
  DocumentRequirement,
  Refusal,
  Verification,
  TaxationDecision,
  TaxationChangeRequest,
  Appeal,
  DeadlineOverride,
  DeclarationCorrection,
  AuthorisedDeclarant,
  DeclarantEmployeeRef,
  PartnerRoleRef,
  DeclarantProhibition,
  CrossingFacilityAuthorisation,
  RuralTrafficAuthorisation,
  AdvanceAnnouncement,
  ProcedureCase,
  ProcessingAuthorisation,
];

/** The identity events this subgraph keeps a copy of (DOMAIN.md §7 X02, X04; employees for ID-R33). */
const CONSUMED = [
  "CustomsSystemAuthorisationGranted",
  "CustomsSystemAuthorisationWithdrawn",
  "DeclarantEmployeeAnnounced",
  "DeclarantEmployeeDeactivated",
  "PartnerRoleActivated",
  "PartnerRoleEnded",
];

/**
 * Declarations, part 1 (DOMAIN.md §3): the electronic declaration from presentation to taxation,
 * release and removal, with every deadline the law sets. Owns `CustomsDeclaration`,
 * `TaxationDecision` and `CustomsOffice`; adds `declarations` to `BusinessPartner`.
 */
export const definition: SubgraphDefinition<DeclarationServices> = {
  name: "declarations",
  entities: DECLARATION_ENTITIES,
  migrations,
  // Issue 15: every version of a declaration is kept (migrations/1765900000200-DeclarationsHistory.ts),
  // for the timeline's state changes; every transaction stamps the subgraph's clock for its triggers.
  keepsHistory: true,
  buildSchema: () =>
    buildFederatedSchema({
      subgraph: "declarations",
      resolvers: [
        CustomsDeclarationResolver,
        SelectionDecisionResolver,
        DocumentRequirementResolver,
        RefusalResolver,
        GoodsPresentationResolver,
        VerificationResolver,
        PartnerDeclarationsResolver,
        TaxationDecisionResolver,
        ReferenceResolver,
        ChannelResolver,
        AnnouncementResolver,
        ProcedureCaseResolver,
        DeclarationProcedureResolver,
        PartnerProcedureResolver,
      ],
      references: {
        CustomsDeclaration: {
          __resolveReference: async (ref: { id: string }, ctx: DeclarationsContext) => {
            const d = await loaders.declaration(ctx).load(ref.id);
            return d && ctx.services.access.canSee(ctx.principal, d) ? d : null;
          },
        },
        TaxationDecision: {
          __resolveReference: async (ref: { id: string }, ctx: DeclarationsContext) => {
            const t = await loaders.taxationById(ctx).load(ref.id);
            if (!t) return null;
            const d = await loaders.declaration(ctx).load(t.declarationId);
            return d && ctx.services.access.canSee(ctx.principal, d) ? t : null;
          },
        },
        ProcedureCase: {
          __resolveReference: async (ref: { id: string }, ctx: DeclarationsContext) => {
            const c = await loaders.procedureCase(ctx).load(ref.id);
            const d = c && (await loaders.declaration(ctx).load(c.declarationId));
            return c && d && ctx.services.access.canSee(ctx.principal, d) ? c : null;
          },
        },
        ProcessingAuthorisation: {
          __resolveReference: async (ref: { id: string }, ctx: DeclarationsContext) => {
            const a = await loaders.processingAuthorisation(ctx).load(ref.id);
            return a && ctx.services.access.canSeeHolder(ctx.principal, a.holderId) ? a : null;
          },
        },
        CustomsOffice: { __resolveReference: (ref: { id: string }, ctx: DeclarationsContext) => loaders.office(ctx).load(ref.id) },
        BusinessPartner: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
      },
    }),
  uniqueViolations: {
    // DEC-R65: one procedure case per declaration; the loser of a race gets the domain's refusal.
    "procedure_case(declaration_id)": caseAlreadyOpen,
    // DEC-R23: two first grants for one operator at once; the loser grants again and changes the winner's.
    "rural_traffic_authorisation(operator_id)": () => refused("CONCURRENT_MODIFICATION", "The operator's authorisation was granted meanwhile; grant again to change it.", { rule: "DEC-R23", article: "OD-AFD art. 24a", retryable: true }),
  },
  createServices: runtime => createDeclarationServices(runtime),
  consumes: [...CONSUMED, "ProvisionalTaxationSecured", "ConditionalDebtSecured", "GoodsEnteredFreeDeposit", "ProfessionalDeclarantProhibited", "ProfessionalDeclarantProhibitionLifted"],
  eventHandlers: services => ({
    ...services.projections.handlers(),
    // X25 (LD art. 109 para. 2; ENF-R05): enforcement's prohibitions on professional declarants, and their lifting.
    ...services.prohibitions.handlers(),
    // LD art. 76 para. 1: debt secured a procedure's conditional duties; its goods may be released.
    ConditionalDebtSecured: (m, e) => services.procedures.onConditionalDebtSecured(m, e.payload as { debtId: string; reference: string; securedAt: string }),
    // X13 (OD-AFD art. 44; LD art. 61 para. 3): entry into a free deposit discharges transit and the export regime.
    GoodsEnteredFreeDeposit: (m, e) => services.procedures.onGoodsEnteredFreeDeposit(m, e.payload as { procedureCaseId?: string; declarationId?: string; lotId?: string; depositId?: string; enteredAt: string }),
    // DEC-R55 (LD art. 39 para. 3): debt met the security requisition of a provisional taxation.
    ProvisionalTaxationSecured: (m, e) => services.taxation.onProvisionalTaxationSecured(m, e.payload as { taxationDecisionId: string; securedAt: string }),
  }),
  jobs: services => [
    services.lodging.lodgingJob(),
    services.declarations.resubmissionOverdueJob(),
    services.documents.overdueDocumentsJob(),
    services.taxation.provisionalBecomesFinalJob(),
    services.lodging.consigneeOverdueJob(),
    services.procedures.deadlineJob(),
  ],
};
