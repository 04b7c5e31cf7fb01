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
@ObjectType()
@Directive('@key(fields: "id")')
export class BusinessPartner {
  @Field(() => ID)
  id: string;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class CustomsDeclaration {
  @Field(() => ID)
  id: string;
}

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class StoredLot {
  @Field(() => ID)
  id: string;
}

@ObjectType({ description: "One step of the computation of a fine's legal maximum, with its article." })
export class FineStep {
  @Field()
  description: string;

  @Field()
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

  @Field(() => [FineStep])
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

  @Field()
  caseNumber: string;

  @Field(() => OffenceType)
  offenceType: OffenceType;

  @Field({ description: "The articles the penalty rests on." })
  legalBasis: string;

  @Field(() => MoneyScalar)
  fine: number;

  @Field(() => FinePayer)
  payer: FinePayer;

  @Field(() => Int, { nullable: true })
  custodialMonths: number | null;

  @Field()
  reasons: string;

  @Field()
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
  @Field(() => Int)
  openCases: number;

  @Field(() => Int)
  casesLastFiveYears: number;

  @Field(() => Int)
  penaltiesLastFiveYears: number;

  @Field({ description: "ENF-R06 (OD-AFD art. 9 let. c)." })
  repeatedOffences: boolean;

  @Field(() => Date, { nullable: true, description: "When the latest case was opened." })
  lastOffenceAt: Date | null;

  @Field({ description: "ENF-R05 (LD art. 109 para. 2): professional declarations forbidden now." })
  activeProhibition: boolean;

  @Field({ description: "ENF-R06: a referral to withdraw the e-dec/NCTS authorisation awaits the DGD." })
  openWithdrawalReferral: boolean;

  @Field(() => Int)
  openLeads: number;
}

export const OffenceCaseConnection = Connection(OffenceCase, "OffenceCase");
export const ControlConnection = Connection(Control, "Control");
export const LeadConnection = Connection(Lead, "Lead");
export const AssistanceRequestConnection = Connection(AssistanceRequest, "AssistanceRequest");

@ObjectType()
export class OffenceCasePayload {
  @Field(() => OffenceCase)
  offenceCase: OffenceCase;
}

@ObjectType()
export class ControlPayload {
  @Field(() => Control)
  control: Control;
}

@ObjectType()
export class ControlMeasurePayload {
  @Field(() => ControlMeasure)
  measure: ControlMeasure;
}

@ObjectType()
export class SeizurePayload {
  @Field(() => Seizure)
  seizure: Seizure;
}

@ObjectType()
export class LeadPayload {
  @Field(() => Lead)
  lead: Lead;
}

@ObjectType()
export class ProhibitionPayload {
  @Field(() => DeclarantProhibition)
  prohibition: DeclarantProhibition;
}

@ObjectType("AuthorisationWithdrawalReferralPayload")
export class ReferralPayload {
  @Field(() => WithdrawalReferral)
  referral: WithdrawalReferral;
}

@ObjectType("EnforcementAppealPayload")
export class AppealPayload {
  @Field(() => EnforcementAppeal)
  appeal: EnforcementAppeal;
}

@ObjectType()
export class AssistancePayload {
  @Field(() => AssistanceRequest)
  request: AssistanceRequest;
}

@ObjectType()
export class PermitPayload {
  @Field(() => BorderConstructionPermit)
  permit: BorderConstructionPermit;
}

@ArgsType()
export class CaseFilterArgs {
  @Field(() => [CaseStatus], { nullable: true })
  @IsOptional()
  statuses?: CaseStatus[] | null;

  @Field(() => [OffenceType], { nullable: true })
  @IsOptional()
  offenceTypes?: OffenceType[] | null;
}

@ArgsType()
export class ControlFilterArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  targetId?: string | null;

  @Field(() => [ControlStatus], { nullable: true })
  @IsOptional()
  statuses?: ControlStatus[] | null;
}

@ArgsType()
export class LeadFilterArgs {
  @Field(() => LeadStatus, { nullable: true })
  @IsOptional()
  status?: LeadStatus | null;
}
