import { IsOptional } from "class-validator";
import { ArgsType, Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Connection, MoneyScalar, SubgraphContext } from "../../kit";
import { AssistanceRequest, BorderConstructionPermit } from "../entities/assistance.entity";
import { Control, ControlMeasure } from "../entities/control.entity";
import { DeclarantProhibition, EnforcementAppeal, WithdrawalReferral } from "../entities/decision.entity";
import { CaseStatus, ControlStatus, FinePayer, LeadStatus, OffenceType } from "../entities/enums";
import { Lead, OffenceCase } from "../entities/offence-case.entity";
import { Seizure } from "../entities/seizure.entity";
import type { EnforcementServices } from "../services";

export type EnforcementContext = SubgraphContext<EnforcementServices>;

// Entities of other subgraphs, as enforcement knows them: their key, and the fields it adds.
@ObjectType({ description: "A business partner of the identity subgraph (importer, declarant, carrier, ...), as enforcement knows it: its key, and the enforcement fields it adds (cases, compliance profile, decisions addressed to it)." })
@Directive('@key(fields: "id")')
export class BusinessPartner {
  @Field(() => ID, { description: "The partner's id in the identity subgraph (federation key)." })
  id: string;
}

@ObjectType({ description: "A customs declaration of the declarations subgraph, as enforcement knows it: its key, and the offence cases that concern it." })
@Directive('@key(fields: "id")')
export class CustomsDeclaration {
  @Field(() => ID, { description: "The declaration's id in the declarations subgraph (federation key)." })
  id: string;
}

@ObjectType({ description: "A lot stored in a warehouse or free deposit of the warehousing subgraph, referenced by its key only (enforcement does not resolve it)." })
@Directive('@key(fields: "id", resolvable: false)')
export class StoredLot {
  @Field(() => ID, { description: "The lot's id in the warehousing subgraph (federation key)." })
  id: string;
}

@ObjectType({ description: "One step of the computation of a fine's legal maximum, with its article." })
export class FineStep {
  @Field({ description: "What this step does, in English, with the amounts it uses (e.g. `customs evasion: 5 × CHF 412.80`)." })
  description: string;

  @Field({ description: "The article the step applies, e.g. `LD art. 118 para. 1`." })
  article: string;

  @Field(() => MoneyScalar, { nullable: true, description: "The maximum after this step; null while the basis is not established." })
  amount: number | null;
}

@ObjectType({
  description:
    "The range of the fine the law allows on the case's basis (ENF-R08 to ENF-R17, LD art. 118-127), explained step by step: five times the duties (evasion, endangerment) or the value of the goods (prohibited traffic, misappropriation of the pledge), raised by half with aggravating circumstances where the article says so, the offence of the prior author for receiving, fixed maxima for breaches of order rules, the most serious offence in concurrence plus an increase entered with its reason. An attempt has the same range (LD art. 123). An undertaking is ordered to pay at most `undertakingLimit` (LD art. 125).",
})
export class FineRange {
  @Field(() => MoneyScalar, { description: "The lowest fine: CHF 0.00 (the sources set no minimum)." })
  minFine: number;

  @Field(() => MoneyScalar, { nullable: true, description: "The legal maximum; null until the basis is established (see `missing`)." })
  maxFine: number | null;

  @Field(() => Int, { description: "Months of custodial sentence that may be added: 12 with aggravating circumstances under LD art. 118-120 (and 121 through them), else 0." })
  custodialMonthsMax: number;

  @Field(() => MoneyScalar, { description: "ENF-R15 (LD art. 125): CHF 100,000.00." })
  undertakingLimit: number;

  @Field(() => [FineStep], {
    description:
      "Bounded: the steps of the computation, in order: per offence (the case's and at most two concurrent ones, LD art. 126 para. 1) the receiving step (LD art. 121), the base and the aggravation (LD art. 124), then at most three concurrence steps (LD art. 126): at most 12.",
  })
  steps: FineStep[];

  @Field(() => [String], { description: "What must be established before the maximum is known (dutiesAtStake, goodsValue, priorOffence, otherConcurrentMaxFine)." })
  missing: string[];
}

@ObjectType({
  description:
    "A penalty decision as addressed to the person punished or the undertaking ordered to pay: the offence, the articles, the fine, custody and the appeal period; nothing of the investigation (ENF-R21 DESIGN CHOICE). The fine of a final decision is collected as a debt (`FineImposed`).",
})
export class PenaltyDecision {
  @Field(() => ID, { description: "The case's id (the decision's reference for an appeal)." })
  id: string;

  @Field({ description: "The case reference, `ENF-<year>-<8 characters>`, to quote in any correspondence." })
  caseNumber: string;

  @Field(() => OffenceType, { description: "The offence punished (ENF-R07, LD art. 117; or a breach of order rules, LD art. 127)." })
  offenceType: OffenceType;

  @Field({ description: "The articles the penalty rests on." })
  legalBasis: string;

  @Field(() => MoneyScalar, { description: "The fine, at most the legal maximum; after an appeal that reduced it, the reduced fine." })
  fine: number;

  @Field(() => FinePayer, { description: "Whether the addressee pays as the person punished or as the undertaking ordered to pay (LD art. 125)." })
  payer: FinePayer;

  @Field(() => Int, { nullable: true, description: "Months of custodial sentence added, only with aggravating circumstances (LD art. 118 para. 3, 119 para. 2, 120 para. 3); null for none." })
  custodialMonths: number | null;

  @Field({ description: "The reasons given in the decision." })
  reasons: string;

  @Field({ description: "When the penalty was decided; the 30-day appeal period runs from it." })
  decidedAt: Date;

  @Field({ description: "ENF-R23 (LD art. 116): the last instant an appeal is on time." })
  appealDeadline: Date;

  @Field({ description: "Final: no longer open to appeal; the fine is due." })
  final: boolean;
}

@ObjectType({
  description:
    "What the administration knows of a partner's compliance, as counts and flags (ENF-R21 DESIGN CHOICE: other officers see counts and flags, not details), for risk selection and authorisations: open cases, cases and penalties of the last five years, repeated offences (ENF-R06 DESIGN CHOICE: two penalties within five years, the ground of OD-AFD art. 9 let. c), an active declarant prohibition (ENF-R05), an open withdrawal referral (X24), open leads. Every officer sees it; a partner does not.",
})
export class ComplianceProfile {
  @Field(() => Int, { description: "Cases naming the partner as suspect or undertaking that are OPENED, UNDER_INVESTIGATION or PENALTY_DECIDED." })
  openCases: number;

  @Field(() => Int, { description: "Cases naming the partner opened within the last five years (to the same date, Europe/Zurich)." })
  casesLastFiveYears: number;

  @Field(() => Int, { description: "Penalty decisions against the partner (as the person punished or the undertaking ordered to pay) within the last five years, annulled ones excepted; two make `repeatedOffences` (ENF-R06 DESIGN CHOICE)." })
  penaltiesLastFiveYears: number;

  @Field({ description: "ENF-R06 (OD-AFD art. 9 let. c)." })
  repeatedOffences: boolean;

  @Field(() => Date, { nullable: true, description: "When the latest case was opened." })
  lastOffenceAt: Date | null;

  @Field({ description: "ENF-R05 (LD art. 109 para. 2): professional declarations forbidden now." })
  activeProhibition: boolean;

  @Field({ description: "ENF-R06: a referral to withdraw the e-dec/NCTS authorisation awaits the DGD." })
  openWithdrawalReferral: boolean;

  @Field(() => Int, { description: "Leads about the partner (X16) not yet turned into a case or dismissed." })
  openLeads: number;
}

export const OffenceCaseConnection = Connection(OffenceCase, "OffenceCase");
export const ControlConnection = Connection(Control, "Control");
export const LeadConnection = Connection(Lead, "Lead");
export const AssistanceRequestConnection = Connection(AssistanceRequest, "AssistanceRequest");
export const SeizureConnection = Connection(Seizure, "Seizure");
export const ControlMeasureConnection = Connection(ControlMeasure, "ControlMeasure");
export const PenaltyDecisionConnection = Connection(PenaltyDecision, "PenaltyDecision");
export const DeclarantProhibitionConnection = Connection(DeclarantProhibition, "DeclarantProhibition");
export const EnforcementAppealConnection = Connection(EnforcementAppeal, "EnforcementAppeal");
export const BorderConstructionPermitConnection = Connection(BorderConstructionPermit, "BorderConstructionPermit");

@ObjectType({ description: "The result of a mutation on an offence case: the case as it is after it." })
export class OffenceCasePayload {
  @Field(() => OffenceCase, { description: "The case, with its new status and basis." })
  offenceCase: OffenceCase;
}

@ObjectType({ description: "The result of a mutation on a control: the control as it is after it." })
export class ControlPayload {
  @Field(() => Control, { description: "The control planned, performed or closed." })
  control: Control;
}

@ObjectType({ description: "The result of `recordControlMeasure`: the measure recorded." })
export class ControlMeasurePayload {
  @Field(() => ControlMeasure, { description: "The measure, with who took it and when (ENF-R04)." })
  measure: ControlMeasure;
}

@ObjectType({ description: "The result of a mutation on a seizure: the seizure as it is after it." })
export class SeizurePayload {
  @Field(() => Seizure, { description: "The seizure; a pledge it created is on `Seizure.customsPledge` once debt has recorded it (X21)." })
  seizure: Seizure;
}

@ObjectType({ description: "The result of `dismissLead`: the lead as it is after it." })
export class LeadPayload {
  @Field(() => Lead, { description: "The lead, DISMISSED with its reason." })
  lead: Lead;
}

@ObjectType({ description: "The result of a mutation on a professional declarant prohibition: the prohibition as it is after it." })
export class ProhibitionPayload {
  @Field(() => DeclarantProhibition, { description: "The prohibition decided or lifted; declarations is told through X25 or its lifting." })
  prohibition: DeclarantProhibition;
}

@ObjectType("AuthorisationWithdrawalReferralPayload", { description: "The result of a mutation on a withdrawal referral: the referral as it is after it." })
export class ReferralPayload {
  @Field(() => WithdrawalReferral, { description: "The referral raised (X24) or cancelled." })
  referral: WithdrawalReferral;
}

@ObjectType("EnforcementAppealPayload", { description: "The result of a mutation on an appeal against an enforcement decision: the appeal as it is after it." })
export class AppealPayload {
  @Field(() => EnforcementAppeal, { description: "The appeal filed or decided." })
  appeal: EnforcementAppeal;
}

@ObjectType({ description: "The result of a mutation on an administrative assistance request: the request as it is after it." })
export class AssistancePayload {
  @Field(() => AssistanceRequest, { description: "The assistance request, with its new status and procedure." })
  request: AssistanceRequest;
}

@ObjectType({ description: "The result of a mutation on a border construction permit: the application as it is after it." })
export class PermitPayload {
  @Field(() => BorderConstructionPermit, { description: "The application, applied for or decided." })
  permit: BorderConstructionPermit;
}

@ArgsType()
export class CaseFilterArgs {
  @Field(() => [CaseStatus], { nullable: true, description: "Only cases in one of these statuses; all when omitted or empty." })
  @IsOptional()
  statuses?: CaseStatus[] | null;

  @Field(() => [OffenceType], { nullable: true, description: "Only cases of one of these offences; all when omitted or empty." })
  @IsOptional()
  offenceTypes?: OffenceType[] | null;
}

@ArgsType()
export class ControlFilterArgs {
  @Field(() => ID, { nullable: true, description: "Only the controls of this person or partner (`BusinessPartner.id`)." })
  @IsOptional()
  targetId?: string | null;

  @Field(() => [ControlStatus], { nullable: true, description: "Only controls in one of these statuses; all when omitted or empty." })
  @IsOptional()
  statuses?: ControlStatus[] | null;
}

@ArgsType()
export class LeadFilterArgs {
  @Field(() => LeadStatus, { nullable: true, description: "Only leads in this status; all when omitted." })
  @IsOptional()
  status?: LeadStatus | null;
}
