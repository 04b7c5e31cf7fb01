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
  valuesConfig: {
    CLOSED: { description: "A FINAL case whose penalty was executed." },
    DISMISSED: { description: "An open case in which no offence is made out." },
    TIME_BARRED: { description: "An open case whose prosecution is time-barred (ENF-R19, LD art. 129; DPA art. 11 para. 2)." },
  },
});

@InputType({ description: "ENF-R07 (LD art. 117), ENF-R17 (LD art. 127): a case opened by an enforcement officer, or from a lead." })
export class OpenOffenceCaseInput {
  @Field(() => OffenceType, { description: "The offence prosecuted (ENF-R07, LD art. 117) or the breach of order rules (ENF-R17, LD art. 127)." })
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

  @Field(() => Culpability, { nullable: true, description: "Intent or negligence, if already known; an attempt cannot be negligent (NEGLIGENT_ATTEMPT)." })
  @IsOptional()
  @IsEnum(Culpability)
  culpability?: Culpability | null;

  @Field(() => Boolean, { nullable: true, description: "ENF-R13 (LD art. 123): an attempt of a customs offence." })
  @IsOptional()
  @IsBoolean()
  attempt?: boolean | null;

  @Field({ description: "What was found, 1 to 4000 characters." })
  @Length(1, 4000)
  facts: string;

  @Field(() => [ID], { nullable: true, description: "The suspects (`BusinessPartner` ids), at most 50; a lead adds its partner. A case names at least one suspect or an undertaking." })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID("all", { each: true })
  suspectIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: "ENF-R15 (LD art. 125): the undertaking in whose business the offence was committed." })
  @IsOptional()
  @IsUUID()
  undertakingId?: string | null;

  @Field(() => [ID], { nullable: true, description: "The declarations concerned, at most 200; their taxation gives the duties at stake (X08, X09)." })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsUUID("all", { each: true })
  declarationIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "The stored lots concerned (warehousing), at most 200; a lead adds its lot." })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsUUID("all", { each: true })
  lotIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "The customs pledges concerned (debt), at most 200." })
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
  @Field(() => ID, { description: "The case, OPENED or UNDER_INVESTIGATION (CASE_NOT_OPEN otherwise)." })
  @IsUUID()
  caseId: string;

  @Field(() => Culpability, { nullable: true, description: "Intent or negligence, as established (LD art. 118-120, 127)." })
  @IsOptional()
  @IsEnum(Culpability)
  culpability?: Culpability | null;

  @Field(() => PriorOffence, { nullable: true, description: "ENF-R11 (LD art. 121): for receiving, the offence of the author whose penalty applies." })
  @IsOptional()
  @IsEnum(PriorOffence)
  priorOffence?: PriorOffence | null;

  @Field(() => MoneyScalar, { nullable: true, description: "ENF-R08, ENF-R09 (LD art. 118 para. 1, 119 para. 1): the duties evaded or endangered, entered by the officer: a later taxation of a linked declaration no longer replaces them (`dutiesSetByOfficer`). Null clears them: the taxations of the linked declarations give them again." })
  @IsOptional()
  dutiesAtStake?: number | null;

  @Field(() => Boolean, { nullable: true, description: "LD art. 118 para. 4, 119 para. 3: the duties entered are an estimate; a taxation no longer replaces them." })
  @IsOptional()
  @IsBoolean()
  dutiesEstimated?: boolean | null;

  @Field(() => MoneyScalar, { nullable: true, description: "ENF-R10, ENF-R12 (LD art. 120 para. 4, 122 para. 2)." })
  @IsOptional()
  goodsValue?: number | null;

  @Field(() => GoodsValueBasis, { nullable: true, description: "How `goodsValue` was set; required with a value (LD art. 120 para. 4, 122 para. 2)." })
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

  @Field(() => MoneyScalar, { nullable: true, description: "ENF-R16 (LD art. 126 para. 2): the maximum fine of the other offence, as its act gives it." })
  @IsOptional()
  otherConcurrentMaxFine?: number | null;

  @Field(() => MoneyScalar, { nullable: true, description: "ENF-R16 (LD art. 126): the appropriate increase, with `concurrenceIncreaseReason`." })
  @IsOptional()
  concurrenceIncrease?: number | null;

  @Field(() => String, { nullable: true, description: "Why the maximum is increased for the concurrence." })
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
  @Field(() => ID, { description: "The case, UNDER_INVESTIGATION (CASE_NOT_UNDER_INVESTIGATION otherwise)." })
  @IsUUID()
  caseId: string;

  @Field(() => MoneyScalar, { description: "At most the legal maximum (`OffenceCase.fineRange.maxFine`)." })
  fine: number;

  @Field(() => FinePayer, { description: "The person punished, or the undertaking ordered to pay (ENF-R15, LD art. 125)." })
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

  @Field({ description: "The reasons of the decision, addressed to the payer." })
  @Length(1, 4000)
  reasons: string;

  @Field(() => Boolean, { nullable: true, description: "ENF-R15 (LD art. 125): investigating the persons responsible would need measures out of proportion to the penalty." })
  @IsOptional()
  @IsBoolean()
  disproportionateInvestigation?: boolean | null;
}

@InputType({ description: "Names an offence case." })
export class CaseIdInput {
  @Field(() => ID, { description: "The case's id." })
  @IsUUID()
  caseId: string;
}

@InputType({ description: "How an offence case ends (ENF-R19 for a time bar)." })
export class EndOffenceCaseInput {
  @Field(() => ID, { description: "The case: FINAL to close, OPENED or UNDER_INVESTIGATION to dismiss or record as time-barred (CASE_TRANSITION_REFUSED otherwise)." })
  @IsUUID()
  caseId: string;

  @Field(() => CaseEnd, { description: "How it ends." })
  @IsEnum(CaseEnd)
  outcome: CaseEnd;

  @Field({ description: "Why, 1 to 1000 characters." })
  @Length(1, 1000)
  reason: string;
}

@InputType({ description: "A lead dismissed as no offence." })
export class DismissLeadInput {
  @Field(() => ID, { description: "The lead, OPEN (LEAD_ALREADY_DECIDED otherwise)." })
  @IsUUID()
  leadId: string;

  @Field({ description: "Why it is no offence." })
  @Length(1, 1000)
  reason: string;
}

@InputType({ description: "ENF-R01 to ENF-R03 (LD art. 30, 31, 100)." })
export class PlanControlInput {
  @Field(() => ControlKind, { description: "The kind of control: it sets the right's duration (one year, five years, none)." })
  @IsEnum(ControlKind)
  kind: ControlKind;

  @Field(() => ID, { description: "The person or partner controlled." })
  @IsUUID()
  targetId: string;

  @Field(() => HomeControlStanding, { nullable: true, description: "ENF-R02 (LD art. 31 para. 1): for a home control." })
  @IsOptional()
  @IsEnum(HomeControlStanding)
  targetStanding?: HomeControlStanding | null;

  @Field(() => ID, { nullable: true, description: "The declaration whose goods are controlled, if any." })
  @IsOptional()
  @IsUUID()
  declarationId?: string | null;

  @Field(() => Date, { nullable: true, description: "When the goods were imported: the right to control runs from it (not for a border area control)." })
  @IsOptional()
  importedAt?: Date | null;

  @Field({ description: "Where the control is made (premises, crossing point, road)." })
  @Length(1, 300)
  place: string;

  @Field(() => Date, { nullable: true, description: "When the officers intend to make it; a home control is made without prior notice (LD art. 31 para. 1)." })
  @IsOptional()
  scheduledFor?: Date | null;

  @Field(() => ID, { nullable: true, description: "LD art. 30 para. 3, 31 para. 3: an open criminal investigation, which keeps the control possible after the right expired." })
  @IsOptional()
  @IsUUID()
  caseId?: string | null;
}

@InputType({ description: "A planned control made, with its result (ENF-R01 to ENF-R03)." })
export class PerformControlInput {
  @Field(() => ID, { description: "The control, PLANNED; refused with CONTROL_RIGHT_EXPIRED after its right expired unless an investigation is open." })
  @IsUUID()
  controlId: string;

  @Field(() => ControlResult, { description: "What the control found." })
  @IsEnum(ControlResult)
  result: ControlResult;

  @Field(() => String, { nullable: true, description: "What was found, in words." })
  @IsOptional()
  @Length(0, 4000)
  findings?: string | null;

  @Field(() => ID, { nullable: true, description: "The criminal investigation the control serves." })
  @IsOptional()
  @IsUUID()
  caseId?: string | null;
}

@InputType({ description: "Names a control." })
export class ControlIdInput {
  @Field(() => ID, { description: "The control's id." })
  @IsUUID()
  controlId: string;
}

@InputType({ description: "ENF-R04 (LD art. 101-105)." })
export class RecordControlMeasureInput {
  @Field(() => ID, { description: "The control the measure was taken in." })
  @IsUUID()
  controlId: string;

  @Field(() => MeasureKind, { description: "The measure." })
  @IsEnum(MeasureKind)
  kind: MeasureKind;

  @Field(() => [MeasureGround], { nullable: true, description: "The grounds the law requires for it: for a pat-down, body search or medical examination one of SUSPECTED_DANGEROUS, CARRYING_WEAPONS_OR_OBJECTS_TO_SECURE, PROVISIONAL_ARREST_CONDITIONS_MET; for photographs and biometrics SUSPECTED_SERIOUS_OFFENCE or PROVIDED_BY_ANOTHER_ACT; for taking the person to the customs post SUSPECTED_SERIOUS_OFFENCE (LD art. 105 para. 1); for a provisional arrest URGENT or RESISTANCE (MEASURE_GROUNDS_MISSING)." })
  @IsOptional()
  @ArrayMaxSize(7)
  grounds?: MeasureGround[] | null;

  @Field(() => Sex, { nullable: true, description: "For a body search: the sex of the person searched (LD art. 102 para. 2)." })
  @IsOptional()
  @IsEnum(Sex)
  personSex?: Sex | null;

  @Field(() => Sex, { nullable: true, description: "For a body search: the sex of the officer who searched (BODY_SEARCH_SAME_SEX if it differs and the search could be postponed)." })
  @IsOptional()
  @IsEnum(Sex)
  searcherSex?: Sex | null;

  @Field(() => Boolean, { nullable: true, description: "A body search by a person of the other sex, because it could not be postponed (LD art. 102 para. 2)." })
  @IsOptional()
  @IsBoolean()
  couldNotBePostponed?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "A medical examination made by a physician (LD art. 102 para. 3; PHYSICIAN_REQUIRED otherwise)." })
  @IsOptional()
  @IsBoolean()
  byPhysician?: boolean | null;

  @Field(() => String, { nullable: true, description: "For a provisional arrest or a person taken to the customs post: the competent authority it was brought or reported to (LD art. 105; COMPETENT_AUTHORITY_REQUIRED otherwise)." })
  @IsOptional()
  @Length(0, 200)
  handedOverTo?: string | null;

  @Field(() => String, { nullable: true, description: "Anything else to record, at most 1000 characters." })
  @IsOptional()
  @Length(0, 1000)
  notes?: string | null;
}

@InputType({ description: "ENF-R20 (LD art. 82-83), ENF-R04 (LD art. 104)." })
export class SeizeGoodsInput {
  @Field(() => SeizureKind, { description: "What is seized and why; SMUGGLED_GOODS and OFFENCE_INSTRUMENT become a customs pledge in debt (X21) and need `ownerId`." })
  @IsEnum(SeizureKind)
  kind: SeizureKind;

  @Field({ description: "What is seized, described." })
  @Length(1, 1000)
  objects: string;

  @Field(() => ID, { nullable: true, description: "The case the seizure is made for; a seizure names a case or a control." })
  @IsOptional()
  @IsUUID()
  caseId?: string | null;

  @Field(() => ID, { nullable: true, description: "The control the seizure is made in; a seizure names a case or a control." })
  @IsOptional()
  @IsUUID()
  controlId?: string | null;

  @Field(() => ID, { nullable: true, description: "The declaration of the goods (an ex officio one for undeclared goods), whose debt the pledge secures." })
  @IsOptional()
  @IsUUID()
  declarationId?: string | null;

  @Field(() => ID, { nullable: true, description: "The owner of the goods (`BusinessPartner` id), required for a pledge (ENF-R20)." })
  @IsOptional()
  @IsUUID()
  ownerId?: string | null;

  @Field(() => ID, { nullable: true, description: "Who held the goods when seized, if not the owner." })
  @IsOptional()
  @IsUUID()
  holderId?: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: "Their internal-market value when seized, if known; not negative." })
  @IsOptional()
  goodsValue?: number | null;

  @Field(() => Boolean, { nullable: true, description: "Loses value quickly or is expensive to keep, so debt may realise it early (DEBT-R24, LD art. 87 para. 2)." })
  @IsOptional()
  @IsBoolean()
  perishable?: boolean | null;

  @Field(() => Date, { nullable: true, description: "When the goods crossed the border, if known, not in the future: the debt of smuggled goods arises then (LD art. 69 let. c)." })
  @IsOptional()
  crossedAt?: Date | null;
}

@InputType({ description: "Evidence forwarded to the competent authority (ENF-R04, LD art. 104 para. 2)." })
export class ForwardSeizureInput {
  @Field(() => ID, { description: "The seizure, HELD evidence (SEIZURE_NOT_HELD otherwise)." })
  @IsUUID()
  seizureId: string;

  @Field({ description: "The competent authority (LD art. 104 para. 2)." })
  @Length(1, 200)
  authority: string;
}

@InputType({ description: "ENF-R05 (LD art. 109 para. 2)." })
export class ProhibitDeclarantInput {
  @Field(() => ID, { description: "The partner prohibited (`BusinessPartner` id)." })
  @IsUUID()
  partnerId: string;

  @Field(() => String, { nullable: true, description: "The declarant employee's personal number, when one person working for the partner is prohibited." })
  @IsOptional()
  @Length(1, 40)
  personalNumber?: string | null;

  @Field(() => ProhibitionGrounds, { description: "Lack of skills, or a breach of customs law (which needs `caseIds` naming a penalty against the partner: BREACH_NOT_ESTABLISHED)." })
  @IsEnum(ProhibitionGrounds)
  grounds: ProhibitionGrounds;

  @Field(() => [ProhibitionScope], { description: "What is forbidden, at least one of the two." })
  @ArrayMaxSize(2)
  scope: ProhibitionScope[];

  @Field({ description: "When it takes effect." })
  validFrom: Date;

  @Field(() => Date, { nullable: true, description: "Null: indefinite." })
  @IsOptional()
  validUntil?: Date | null;

  @Field({ description: "The reasons of the decision, addressed to the partner." })
  @Length(1, 4000)
  reasons: string;

  @Field(() => [ID], { nullable: true, description: "The cases the decision rests on, at most 50; for a breach of customs law, at least one with a penalty decided against the partner." })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID("all", { each: true })
  caseIds?: string[] | null;
}

@InputType({ description: "A prohibition lifted before its end (DESIGN CHOICE, not in sources)." })
export class LiftProhibitionInput {
  @Field(() => ID, { description: "The prohibition, PENDING or ACTIVE (PROHIBITION_ENDED otherwise)." })
  @IsUUID()
  prohibitionId: string;

  @Field({ description: "Why it is lifted." })
  @Length(1, 1000)
  reason: string;
}

@InputType({ description: "ENF-R06 (OD-AFD art. 9 let. c)." })
export class RaiseWithdrawalReferralInput {
  @Field(() => ID, { description: "The partner with repeated offences (two penalty decisions within five years, ENF-R06 DESIGN CHOICE)." })
  @IsUUID()
  partnerId: string;

  @Field({ description: "Why the DGD should withdraw the partner's e-dec/NCTS authorisation." })
  @Length(1, 1000)
  reason: string;
}

@InputType({ description: "An open withdrawal referral cancelled before the DGD decides (ENF-R06)." })
export class CancelWithdrawalReferralInput {
  @Field(() => ID, { description: "The referral, RAISED (REFERRAL_NOT_OPEN otherwise)." })
  @IsUUID()
  referralId: string;

  @Field({ description: "Why it is cancelled; identity is told." })
  @Length(1, 1000)
  reason: string;
}

@InputType({ description: "ENF-R23 (LD art. 116), ENF-R22 (LD art. 115i)." })
export class FileEnforcementAppealInput {
  @Field(() => AppealableDecision, { description: "Which kind of decision is appealed." })
  @IsEnum(AppealableDecision)
  decisionKind: AppealableDecision;

  @Field(() => ID, { description: "The case (PENALTY), the prohibition or the assistance request." })
  @IsUUID()
  decisionId: string;

  @Field(() => ID, { description: "The appellant (`BusinessPartner` id): the addressee of the decision (NOT_ADDRESSEE otherwise)." })
  @IsUUID()
  appellantId: string;

  @Field({ description: "The appellant's grounds." })
  @Length(1, 4000)
  grounds: string;
}

@InputType({ description: "The instance's decision on an appeal (ENF-R23, LD art. 116; ENF-R22, LD art. 115i para. 3)." })
export class DecideEnforcementAppealInput {
  @Field(() => ID, { description: "The appeal, PENDING (APPEAL_ALREADY_DECIDED otherwise)." })
  @IsUUID()
  appealId: string;

  @Field(() => AppealStatus, { description: "DISMISSED, UPHELD or FINE_REDUCED (a penalty only); not PENDING." })
  @IsEnum(AppealStatus)
  outcome: AppealStatus;

  @Field(() => MoneyScalar, { nullable: true, description: "For FINE_REDUCED: the new fine, at least CHF 0.00 and lower than the fine decided (BAD_USER_INPUT; ENF-R23, LD art. 116)." })
  @IsOptional()
  reducedFine?: number | null;

  @Field({ description: "The instance's reasons (for the tribunal, the judgment's reference)." })
  @Length(1, 4000)
  reasons: string;
}

@InputType({ description: "ENF-R22 (LD art. 113, 115-115b)." })
export class RecordAssistanceRequestInput {
  @Field(() => AssistanceDirection, { description: "A request from abroad, or a Swiss request abroad." })
  @IsEnum(AssistanceDirection)
  direction: AssistanceDirection;

  @Field({ description: "The foreign authority that asks, or that Switzerland asks." })
  @Length(1, 200)
  foreignAuthority: string;

  @Field({ description: "ISO 3166 alpha-2 country of the foreign authority." })
  @Length(2, 2)
  country: string;

  @Field(() => String, { nullable: true, description: "The international treaty that provides for the assistance; required (TREATY_REQUIRED, ENF-R21, LD art. 113, 115 para. 1)." })
  @IsOptional()
  @Length(0, 300)
  treatyBasis?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Assistance of the administration's own motion (LD art. 115 para. 2), only for an outbound request under a treaty that allows it." })
  @IsOptional()
  @IsBoolean()
  spontaneous?: boolean | null;

  @Field(() => AssistanceLanguage, { description: "The language of the request; a foreign one outside the Swiss official languages and English is INCOMPLETE (LD art. 115b)." })
  @IsEnum(AssistanceLanguage)
  language: AssistanceLanguage;

  @Field({ description: "The request was made in writing; a foreign one that was not is INCOMPLETE (LD art. 115b)." })
  @IsBoolean()
  inWriting: boolean;

  @Field({ description: "The request carries the particulars the treaty requires; a foreign one without is INCOMPLETE (LD art. 115b)." })
  @IsBoolean()
  particularsComplete: boolean;

  @Field({ description: "What is asked for." })
  @Length(1, 4000)
  subject: string;

  @Field(() => ID, { nullable: true, description: "The person concerned (`BusinessPartner` id), who may consent, refuse to cooperate and appeal." })
  @IsOptional()
  @IsUUID()
  personConcernedId?: string | null;

  @Field(() => String, { nullable: true, description: "LD art. 115a para. 2: the authority competent under another act, when the request is in its area." })
  @IsOptional()
  @Length(0, 200)
  otherActAuthority?: string | null;
}

@InputType({ description: "What the requesting authority completed after being told (LD art. 115b para. 2)." })
export class CompleteAssistanceRequestInput {
  @Field(() => ID, { description: "The request, INCOMPLETE." })
  @IsUUID()
  requestId: string;

  @Field(() => AssistanceLanguage, { description: "The language of the completed request." })
  @IsEnum(AssistanceLanguage)
  language: AssistanceLanguage;

  @Field({ description: "The completed request is in writing." })
  @IsBoolean()
  inWriting: boolean;

  @Field({ description: "The completed request carries the treaty's particulars." })
  @IsBoolean()
  particularsComplete: boolean;
}

@InputType({ description: "LD art. 115g." })
export class RecordAssistanceConsentInput {
  @Field(() => ID, { description: "The request the person consents to." })
  @IsUUID()
  requestId: string;

  @Field(() => ConsentScope, { description: "Consent to all, or to part only." })
  @IsEnum(ConsentScope)
  scope: ConsentScope;

  @Field({ description: "The consent was given in writing; it must be (CONSENT_NOT_IN_WRITING)." })
  @IsBoolean()
  inWriting: boolean;
}

@InputType({ description: "LD art. 115d para. 2." })
export class RecordCooperationRefusalInput {
  @Field(() => ID, { description: "The request." })
  @IsUUID()
  requestId: string;

  @Field(() => CooperationRefusalGround, { description: "The secret or right the person invokes." })
  @IsEnum(CooperationRefusalGround)
  ground: CooperationRefusalGround;
}

@InputType({ description: "LD art. 115h." })
export class IssueAssistanceFinalDecisionInput {
  @Field(() => ID, { description: "The request, in the ordinary procedure (SIMPLIFIED_PROCEDURE when the person consented to all)." })
  @IsUUID()
  requestId: string;

  @Field({ description: "The reasons and the scope of what is transmitted: only what is likely relevant (LD art. 115h para. 1-2)." })
  @Length(1, 4000)
  scope: string;
}

@InputType({ description: "Names an administrative assistance request." })
export class AssistanceRequestIdInput {
  @Field(() => ID, { description: "The request's id." })
  @IsUUID()
  requestId: string;
}

@InputType({ description: "ENF-R24 (LD art. 4 para. 2)." })
export class ApplyForBorderConstructionInput {
  @Field(() => ID, { description: "The owner applying (`BusinessPartner` id): the partner itself or an officer for it." })
  @IsUUID()
  applicantId: string;

  @Field({ description: "The parcel or address." })
  @Length(1, 300)
  location: string;

  @Field({ description: "What is to be built or altered." })
  @Length(1, 1000)
  works: string;

  @Field(() => Boolean, { nullable: true, description: "Near the shore of boundary waters rather than a land border (LD art. 4 para. 2)." })
  @IsOptional()
  @IsBoolean()
  boundaryWaters?: boolean | null;
}

@InputType({ description: "The Border Guard Corps' decision on an application to build near the border (ENF-R24, LD art. 4)." })
export class DecideBorderConstructionInput {
  @Field(() => ID, { description: "The application, APPLIED (PERMIT_ALREADY_DECIDED otherwise)." })
  @IsUUID()
  permitId: string;

  @Field({ description: "True to grant, false to refuse." })
  @IsBoolean()
  grant: boolean;

  @Field(() => [String], { nullable: true, description: "For a grant: conditions so that the works do not hinder border surveillance (LD art. 4 para. 1), at most 20." })
  @IsOptional()
  @ArrayMaxSize(20)
  conditions?: string[] | null;

  @Field({ description: "The reasons of the decision." })
  @Length(1, 1000)
  reasons: string;
}
