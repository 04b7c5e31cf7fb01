import { ConnectionArgs, ConnectionShape, pageLoader } from "../../kit";
import type { BorderConstructionPermit } from "../entities/assistance.entity";
import type { Control, ControlMeasure } from "../entities/control.entity";
import type { DeclarantProhibition, EnforcementAppeal, WithdrawalReferral } from "../entities/decision.entity";
import type { CaseStatus, OffenceType } from "../entities/enums";
import type { CaseLink, CaseParty, OffenceCase } from "../entities/offence-case.entity";
import type { Seizure } from "../entities/seizure.entity";
import type { ComplianceFacts } from "../services/profile.service";
import type { EnforcementContext } from "./types";

/**
 * A nested connection's loader: one per field and per arguments (a request may ask two pages of
 * the same field with different `first` or `after`), batching the parents of that field.
 */
function pages<T>(ctx: EnforcementContext, field: string, args: ConnectionArgs, load: (parentIds: readonly string[], args: ConnectionArgs) => Promise<ConnectionShape<T>[]>, filter: unknown = null) {
  return pageLoader<T>(ctx.loaders, field, args, ids => load(ids, args), filter);
}

/** Per-request loaders: a page of 100 cases or partners costs one statement per field, not 100. */
export const loaders = {
  offenceCase: (ctx: EnforcementContext) => ctx.loaders.get<string, OffenceCase | null>("offenceCase", ids => ctx.services.cases.byIds(ids)),
  parties: (ctx: EnforcementContext) => ctx.loaders.get<string, CaseParty[]>("parties", ids => ctx.services.cases.partiesOf(ids)),
  links: (ctx: EnforcementContext) => ctx.loaders.get<string, CaseLink[]>("links", ids => ctx.services.cases.linksOf(ids)),
  casesOfPartner: (ctx: EnforcementContext, args: ConnectionArgs, filter: { statuses?: CaseStatus[] | null; offenceTypes?: OffenceType[] | null }) =>
    pages(ctx, "casesOfPartner", args, (ids, a) => ctx.services.cases.pagesOfPartners(ids, a, filter), [filter.statuses ?? null, filter.offenceTypes ?? null]),
  casesOfDeclaration: (ctx: EnforcementContext, args: ConnectionArgs) => pages(ctx, "casesOfDeclaration", args, (ids, a) => ctx.services.cases.pagesOfDeclarations(ids, a)),
  decisionsOfPartner: (ctx: EnforcementContext, args: ConnectionArgs) => pages(ctx, "decisionsOfPartner", args, (ids, a) => ctx.services.cases.decisionPages(ids, a)),
  control: (ctx: EnforcementContext) => ctx.loaders.get<string, Control | null>("control", ids => ctx.services.controls.byIds(ids)),
  controlsOfCase: (ctx: EnforcementContext, args: ConnectionArgs) => pages<Control>(ctx, "controlsOfCase", args, (ids, a) => ctx.services.controls.pagesOfCases(ids, a)),
  measures: (ctx: EnforcementContext, args: ConnectionArgs) => pages<ControlMeasure>(ctx, "measures", args, (ids, a) => ctx.services.controls.measurePages(ids, a)),
  seizure: (ctx: EnforcementContext) => ctx.loaders.get<string, Seizure | null>("seizure", ids => ctx.services.seizures.byIds(ids)),
  seizuresOfCase: (ctx: EnforcementContext, args: ConnectionArgs) => pages<Seizure>(ctx, "seizuresOfCase", args, (ids, a) => ctx.services.seizures.pages("caseId", ids, a)),
  seizuresOfControl: (ctx: EnforcementContext, args: ConnectionArgs) => pages<Seizure>(ctx, "seizuresOfControl", args, (ids, a) => ctx.services.seizures.pages("controlId", ids, a)),
  prohibitions: (ctx: EnforcementContext, args: ConnectionArgs) => pages<DeclarantProhibition>(ctx, "prohibitions", args, (ids, a) => ctx.services.decisions.prohibitionPages(ids, a)),
  referrals: (ctx: EnforcementContext) => ctx.loaders.get<string, WithdrawalReferral[]>("referrals", ids => ctx.services.decisions.referralsOf(ids)),
  appealsOfPartner: (ctx: EnforcementContext, args: ConnectionArgs) => pages<EnforcementAppeal>(ctx, "appealsOfPartner", args, (ids, a) => ctx.services.decisions.appealPages(ids, a)),
  appealsAgainst: (ctx: EnforcementContext) => ctx.loaders.get<string, EnforcementAppeal[]>("appealsAgainst", ids => ctx.services.decisions.appealsAgainst(ids)),
  permits: (ctx: EnforcementContext, args: ConnectionArgs) => pages<BorderConstructionPermit>(ctx, "permits", args, (ids, a) => ctx.services.assistance.permitPages(ids, a)),
  profile: (ctx: EnforcementContext) => ctx.loaders.get<string, ComplianceFacts>("profile", ids => ctx.services.profiles.profilesOf(ids)),
};
