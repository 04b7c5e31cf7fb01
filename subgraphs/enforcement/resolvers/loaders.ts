import type { BorderConstructionPermit } from "../entities/assistance.entity";
import type { Control, ControlMeasure } from "../entities/control.entity";
import type { DeclarantProhibition, EnforcementAppeal, WithdrawalReferral } from "../entities/decision.entity";
import type { CaseLink, CaseParty, OffenceCase } from "../entities/offence-case.entity";
import type { Seizure } from "../entities/seizure.entity";
import type { ComplianceFacts } from "../services/profile.service";
import type { EnforcementContext } from "./types";

/** Per-request loaders: a page of 100 cases or partners costs one statement per field, not 100. */
export const loaders = {
  offenceCase: (ctx: EnforcementContext) => ctx.loaders.get<string, OffenceCase | null>("offenceCase", ids => ctx.services.cases.byIds(ids)),
  parties: (ctx: EnforcementContext) => ctx.loaders.get<string, CaseParty[]>("parties", ids => ctx.services.cases.partiesOf(ids)),
  links: (ctx: EnforcementContext) => ctx.loaders.get<string, CaseLink[]>("links", ids => ctx.services.cases.linksOf(ids)),
  casesOfDeclaration: (ctx: EnforcementContext) => ctx.loaders.get<string, OffenceCase[]>("casesOfDeclaration", ids => ctx.services.cases.ofDeclarations(ids)),
  decisionsOfPartner: (ctx: EnforcementContext) => ctx.loaders.get<string, OffenceCase[]>("decisionsOfPartner", ids => ctx.services.cases.decisionsOf(ids)),
  control: (ctx: EnforcementContext) => ctx.loaders.get<string, Control | null>("control", ids => ctx.services.controls.byIds(ids)),
  controlsOfCase: (ctx: EnforcementContext) => ctx.loaders.get<string, Control[]>("controlsOfCase", ids => ctx.services.controls.ofCases(ids)),
  measures: (ctx: EnforcementContext) => ctx.loaders.get<string, ControlMeasure[]>("measures", ids => ctx.services.controls.measuresOf(ids)),
  seizure: (ctx: EnforcementContext) => ctx.loaders.get<string, Seizure | null>("seizure", ids => ctx.services.seizures.byIds(ids)),
  seizuresOfCase: (ctx: EnforcementContext) => ctx.loaders.get<string, Seizure[]>("seizuresOfCase", ids => ctx.services.seizures.ofCases(ids)),
  seizuresOfControl: (ctx: EnforcementContext) => ctx.loaders.get<string, Seizure[]>("seizuresOfControl", ids => ctx.services.seizures.ofControls(ids)),
  prohibitions: (ctx: EnforcementContext) => ctx.loaders.get<string, DeclarantProhibition[]>("prohibitions", ids => ctx.services.decisions.prohibitionsOf(ids)),
  referrals: (ctx: EnforcementContext) => ctx.loaders.get<string, WithdrawalReferral[]>("referrals", ids => ctx.services.decisions.referralsOf(ids)),
  appealsOfPartner: (ctx: EnforcementContext) => ctx.loaders.get<string, EnforcementAppeal[]>("appealsOfPartner", ids => ctx.services.decisions.appealsOf(ids)),
  appealsAgainst: (ctx: EnforcementContext) => ctx.loaders.get<string, EnforcementAppeal[]>("appealsAgainst", ids => ctx.services.decisions.appealsAgainst(ids)),
  permits: (ctx: EnforcementContext) => ctx.loaders.get<string, BorderConstructionPermit[]>("permits", ids => ctx.services.assistance.permitsOf(ids)),
  profile: (ctx: EnforcementContext) => ctx.loaders.get<string, ComplianceFacts>("profile", ids => ctx.services.profiles.profilesOf(ids)),
};
