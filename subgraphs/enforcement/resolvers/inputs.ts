import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min } from "class-validator";
import { Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { MoneyScalar } from "../../kit";
import {
  AggravatingCircumstance,
  AppealableDecision,
  AppealStatus,
  AssistanceDirection,
  AssistanceLanguage,
  ConsentScope,
  ControlKind,
  ControlResult,
  CooperationRefusalGround,
  Culpability,
  FinePayer,
  GoodsValueBasis,
  HomeControlStanding,
  MeasureGround,
  MeasureKind,
  OffenceType,
  OrderBreach,
  PriorOffence,
  ProhibitionGrounds,
  ProhibitionScope,
  SeizureKind,
  Sex,
} from "../entities/enums";

export enum CaseEnd {
  CLOSED = "CLOSED",
  DISMISSED = "DISMISSED",
  TIME_BARRED = "TIME_BARRED",
}
registerEnumType(CaseEnd, {
  name: "CaseEnd",
  description: "CLOSED: a final penalty executed; DISMISSED: no offence made out; TIME_BARRED: ENF-R19 (LD art. 129, DPA art. 11 para. 2), recorded by an officer because the period is not in our sources.",
});

@InputType({ description: "ENF-R07 (LD art. 117), ENF-R17 (LD art. 127): a case opened by an enforcement officer, or from a lead." })
export class OpenOffenceCaseInput {
  @Field(() => OffenceType)
  @IsEnum(OffenceType)
  offenceType: OffenceType;

  @Field(() => PriorOffence, { nullable: true, description: "ENF-R11 (LD art. 121): for receiving." })
  @IsOptional()
  @IsEnum(PriorOffence)
  priorOffence?: PriorOffence | null;

  @Field(() => OrderBreach, { nullable: true, description: "ENF-R17 (LD art. 127 para. 1): for a breach of order rules." })
  @IsOptional()
  @IsEnum(OrderBreach)
  orderBreach?: OrderBreach | null;

  @Field(() => Culpability, { nullable: true })
  @IsOptional()
  @IsEnum(Culpability)
  culpability?: Culpability | null;

  @Field(() => Boolean, { nullable: true, description: "ENF-R13 (LD art. 123): an attempt of a customs offence." })
  @IsOptional()
  @IsBoolean()
  attempt?: boolean | null;

  @Field()
  @Length(1, 4000)
  facts: string;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID("all", { each: true })
  suspectIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: "ENF-R15 (LD art. 125): the undertaking in whose business the offence was committed." })
  @IsOptional()
  @IsUUID()
  undertakingId?: string | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsUUID("all", { each: true })
  declarationIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsUUID("all", { each: true })
  lotIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsUUID("all", { each: true })
  pledgeIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: "The lead the case is opened from; a lead gives one case." })
  @IsOptional()
  @IsUUID()
  leadId?: string | null;
}

@InputType({ description: "The basis of the fine, established in the investigation (ENF-R08 to ENF-R16). Omitted fields keep their value; null clears one." })
export class AssessOffenceCaseInput {
  @Field(() => ID)
  @IsUUID()
  caseId: string;

  @Field(() => Culpability, { nullable: true })
  @IsOptional()
  @IsEnum(Culpability)
  culpability?: Culpability | null;

  @Field(() => PriorOffence, { nullable: true })
  @IsOptional()
  @IsEnum(PriorOffence)
  priorOffence?: PriorOffence | null;

  @Field(() => MoneyScalar, { nullable: true, description: "ENF-R08, ENF-R09: the duties evaded or endangered, entered by the officer (otherwise from the taxation of the linked declarations)." })
  @IsOptional()
  dutiesAtStake?: number | null;

  @Field(() => Boolean, { nullable: true, description: "LD art. 118 para. 4, 119 para. 3: the duties entered are an estimate; a taxation no longer replaces them." })
  @IsOptional()
  @IsBoolean()
  dutiesEstimated?: boolean | null;

  @Field(() => MoneyScalar, { nullable: true, description: "ENF-R10, ENF-R12 (LD art. 120 para. 4, 122 para. 2)." })
  @IsOptional()
  goodsValue?: number | null;

  @Field(() => GoodsValueBasis, { nullable: true })
  @IsOptional()
  @IsEnum(GoodsValueBasis)
  goodsValueBasis?: GoodsValueBasis | null;

  @Field(() => [AggravatingCircumstance], { nullable: true, description: "ENF-R14 (LD art. 124); replaces the list." })
  @IsOptional()
  @ArrayMaxSize(2)
  aggravatingCircumstances?: AggravatingCircumstance[] | null;

  @Field(() => [OffenceType], { nullable: true, description: "ENF-R16 (LD art. 126 para. 1); replaces the list." })
  @IsOptional()
  @ArrayMaxSize(2)
  concurrentOffences?: OffenceType[] | null;

  @Field(() => String, { nullable: true, description: "ENF-R16 (LD art. 126 para. 2)." })
  @IsOptional()
  @Length(0, 300)
  otherConcurrentOffence?: string | null;

  @Field(() => MoneyScalar, { nullable: true })
  @IsOptional()
  otherConcurrentMaxFine?: number | null;

  @Field(() => MoneyScalar, { nullable: true, description: "ENF-R16 (LD art. 126): the appropriate increase, with `concurrenceIncreaseReason`." })
  @IsOptional()
  concurrenceIncrease?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 1000)
  concurrenceIncreaseReason?: string | null;

  @Field(() => Boolean, { nullable: true, description: "ENF-R10 (LD art. 120 para. 5)." })
  @IsOptional()
  @IsBoolean()
  authorisedImportOrExport?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "ENF-R10 (LD art. 120 para. 5)." })
  @IsOptional()
  @IsBoolean()
  goodsTurnedBackOrDestroyed?: boolean | null;
}

@InputType({ description: "The penalty (ENF-R08 to ENF-R18)." })
export class DecidePenaltyInput {
  @Field(() => ID)
  @IsUUID()
  caseId: string;

  @Field(() => MoneyScalar, { description: "At most the legal maximum (`OffenceCase.fineRange.maxFine`)." })
  fine: number;

  @Field(() => FinePayer)
  @IsEnum(FinePayer)
  payer: FinePayer;

  @Field(() => ID, { nullable: true, description: "The suspect punished (needed when the case has several); the undertaking for UNDERTAKING." })
  @IsOptional()
  @IsUUID()
  payerId?: string | null;

  @Field(() => Int, { nullable: true, description: "Months of custody, 1 to 12, only with aggravating circumstances (LD art. 118 para. 3, 119 para. 2, 120 para. 3)." })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  custodialMonths?: number | null;

  @Field()
  @Length(1, 4000)
  reasons: string;

  @Field(() => Boolean, { nullable: true, description: "ENF-R15 (LD art. 125): investigating the persons responsible would need measures out of proportion to the penalty." })
  @IsOptional()
  @IsBoolean()
  disproportionateInvestigation?: boolean | null;
}

@InputType()
export class CaseIdInput {
  @Field(() => ID)
  @IsUUID()
  caseId: string;
}

@InputType()
export class EndOffenceCaseInput {
  @Field(() => ID)
  @IsUUID()
  caseId: string;

  @Field(() => CaseEnd)
  @IsEnum(CaseEnd)
  outcome: CaseEnd;

  @Field()
  @Length(1, 1000)
  reason: string;
}

@InputType()
export class DismissLeadInput {
  @Field(() => ID)
  @IsUUID()
  leadId: string;

  @Field()
  @Length(1, 1000)
  reason: string;
}

@InputType({ description: "ENF-R01 to ENF-R03 (LD art. 30, 31, 100)." })
export class PlanControlInput {
  @Field(() => ControlKind)
  @IsEnum(ControlKind)
  kind: ControlKind;

  @Field(() => ID, { description: "The person or partner controlled." })
  @IsUUID()
  targetId: string;

  @Field(() => HomeControlStanding, { nullable: true, description: "ENF-R02 (LD art. 31 para. 1): for a home control." })
  @IsOptional()
  @IsEnum(HomeControlStanding)
  targetStanding?: HomeControlStanding | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  declarationId?: string | null;

  @Field(() => Date, { nullable: true, description: "When the goods were imported: the right to control runs from it (not for a border area control)." })
  @IsOptional()
  importedAt?: Date | null;

  @Field()
  @Length(1, 300)
  place: string;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  scheduledFor?: Date | null;

  @Field(() => ID, { nullable: true, description: "LD art. 30 para. 3, 31 para. 3: an open criminal investigation, which keeps the control possible after the right expired." })
  @IsOptional()
  @IsUUID()
  caseId?: string | null;
}

@InputType()
export class PerformControlInput {
  @Field(() => ID)
  @IsUUID()
  controlId: string;

  @Field(() => ControlResult)
  @IsEnum(ControlResult)
  result: ControlResult;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 4000)
  findings?: string | null;

  @Field(() => ID, { nullable: true, description: "The criminal investigation the control serves." })
  @IsOptional()
  @IsUUID()
  caseId?: string | null;
}

@InputType()
export class ControlIdInput {
  @Field(() => ID)
  @IsUUID()
  controlId: string;
}

@InputType({ description: "ENF-R04 (LD art. 101-105)." })
export class RecordControlMeasureInput {
  @Field(() => ID)
  @IsUUID()
  controlId: string;

  @Field(() => MeasureKind)
  @IsEnum(MeasureKind)
  kind: MeasureKind;

  @Field(() => [MeasureGround], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(7)
  grounds?: MeasureGround[] | null;

  @Field(() => Sex, { nullable: true })
  @IsOptional()
  @IsEnum(Sex)
  personSex?: Sex | null;

  @Field(() => Sex, { nullable: true })
  @IsOptional()
  @IsEnum(Sex)
  searcherSex?: Sex | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  couldNotBePostponed?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  byPhysician?: boolean | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 200)
  handedOverTo?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 1000)
  notes?: string | null;
}

@InputType({ description: "ENF-R20 (LD art. 82-83), ENF-R04 (LD art. 104)." })
export class SeizeGoodsInput {
  @Field(() => SeizureKind)
  @IsEnum(SeizureKind)
  kind: SeizureKind;

  @Field()
  @Length(1, 1000)
  objects: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  caseId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  controlId?: string | null;

  @Field(() => ID, { nullable: true, description: "The declaration of the goods (an ex officio one for undeclared goods), whose debt the pledge secures." })
  @IsOptional()
  @IsUUID()
  declarationId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  holderId?: string | null;

  @Field(() => MoneyScalar, { nullable: true })
  @IsOptional()
  goodsValue?: number | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  perishable?: boolean | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  crossedAt?: Date | null;
}

@InputType()
export class ForwardSeizureInput {
  @Field(() => ID)
  @IsUUID()
  seizureId: string;

  @Field({ description: "The competent authority (LD art. 104 para. 2)." })
  @Length(1, 200)
  authority: string;
}

@InputType({ description: "ENF-R05 (LD art. 109 para. 2)." })
export class ProhibitDeclarantInput {
  @Field(() => ID)
  @IsUUID()
  partnerId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 40)
  personalNumber?: string | null;

  @Field(() => ProhibitionGrounds)
  @IsEnum(ProhibitionGrounds)
  grounds: ProhibitionGrounds;

  @Field(() => [ProhibitionScope])
  @ArrayMaxSize(2)
  scope: ProhibitionScope[];

  @Field()
  validFrom: Date;

  @Field(() => Date, { nullable: true, description: "Null: indefinite." })
  @IsOptional()
  validUntil?: Date | null;

  @Field()
  @Length(1, 4000)
  reasons: string;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID("all", { each: true })
  caseIds?: string[] | null;
}

@InputType()
export class LiftProhibitionInput {
  @Field(() => ID)
  @IsUUID()
  prohibitionId: string;

  @Field()
  @Length(1, 1000)
  reason: string;
}

@InputType({ description: "ENF-R06 (OD-AFD art. 9 let. c)." })
export class RaiseWithdrawalReferralInput {
  @Field(() => ID)
  @IsUUID()
  partnerId: string;

  @Field()
  @Length(1, 1000)
  reason: string;
}

@InputType()
export class CancelWithdrawalReferralInput {
  @Field(() => ID)
  @IsUUID()
  referralId: string;

  @Field()
  @Length(1, 1000)
  reason: string;
}

@InputType({ description: "ENF-R23 (LD art. 116), ENF-R22 (LD art. 115i)." })
export class FileEnforcementAppealInput {
  @Field(() => AppealableDecision)
  @IsEnum(AppealableDecision)
  decisionKind: AppealableDecision;

  @Field(() => ID, { description: "The case (PENALTY), the prohibition or the assistance request." })
  @IsUUID()
  decisionId: string;

  @Field(() => ID)
  @IsUUID()
  appellantId: string;

  @Field()
  @Length(1, 4000)
  grounds: string;
}

@InputType()
export class DecideEnforcementAppealInput {
  @Field(() => ID)
  @IsUUID()
  appealId: string;

  @Field(() => AppealStatus)
  @IsEnum(AppealStatus)
  outcome: AppealStatus;

  @Field(() => MoneyScalar, { nullable: true })
  @IsOptional()
  reducedFine?: number | null;

  @Field()
  @Length(1, 4000)
  reasons: string;
}

@InputType({ description: "ENF-R22 (LD art. 113, 115-115b)." })
export class RecordAssistanceRequestInput {
  @Field(() => AssistanceDirection)
  @IsEnum(AssistanceDirection)
  direction: AssistanceDirection;

  @Field()
  @Length(1, 200)
  foreignAuthority: string;

  @Field()
  @Length(2, 2)
  country: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 300)
  treatyBasis?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  spontaneous?: boolean | null;

  @Field(() => AssistanceLanguage)
  @IsEnum(AssistanceLanguage)
  language: AssistanceLanguage;

  @Field()
  @IsBoolean()
  inWriting: boolean;

  @Field()
  @IsBoolean()
  particularsComplete: boolean;

  @Field()
  @Length(1, 4000)
  subject: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  personConcernedId?: string | null;

  @Field(() => String, { nullable: true, description: "LD art. 115a para. 2: the authority competent under another act, when the request is in its area." })
  @IsOptional()
  @Length(0, 200)
  otherActAuthority?: string | null;
}

@InputType()
export class CompleteAssistanceRequestInput {
  @Field(() => ID)
  @IsUUID()
  requestId: string;

  @Field(() => AssistanceLanguage)
  @IsEnum(AssistanceLanguage)
  language: AssistanceLanguage;

  @Field()
  @IsBoolean()
  inWriting: boolean;

  @Field()
  @IsBoolean()
  particularsComplete: boolean;
}

@InputType({ description: "LD art. 115g." })
export class RecordAssistanceConsentInput {
  @Field(() => ID)
  @IsUUID()
  requestId: string;

  @Field(() => ConsentScope)
  @IsEnum(ConsentScope)
  scope: ConsentScope;

  @Field()
  @IsBoolean()
  inWriting: boolean;
}

@InputType({ description: "LD art. 115d para. 2." })
export class RecordCooperationRefusalInput {
  @Field(() => ID)
  @IsUUID()
  requestId: string;

  @Field(() => CooperationRefusalGround)
  @IsEnum(CooperationRefusalGround)
  ground: CooperationRefusalGround;
}

@InputType({ description: "LD art. 115h." })
export class IssueAssistanceFinalDecisionInput {
  @Field(() => ID)
  @IsUUID()
  requestId: string;

  @Field()
  @Length(1, 4000)
  scope: string;
}

@InputType()
export class AssistanceRequestIdInput {
  @Field(() => ID)
  @IsUUID()
  requestId: string;
}

@InputType({ description: "ENF-R24 (LD art. 4 para. 2)." })
export class ApplyForBorderConstructionInput {
  @Field(() => ID)
  @IsUUID()
  applicantId: string;

  @Field()
  @Length(1, 300)
  location: string;

  @Field()
  @Length(1, 1000)
  works: string;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  boundaryWaters?: boolean | null;
}

@InputType()
export class DecideBorderConstructionInput {
  @Field(() => ID)
  @IsUUID()
  permitId: string;

  @Field()
  @IsBoolean()
  grant: boolean;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  conditions?: string[] | null;

  @Field()
  @Length(1, 1000)
  reasons: string;
}
