import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { MoneyScalar, rappenColumn } from "../../kit";
import { AppealInstance, AppealStatus, ChangeGround, ChangeRequestStatus, TaxationKind, TaxationStatus, VerificationScope } from "./enums";

@ObjectType({ description: "A refusal by the summary control (DEC-R38, LD art. 32; DEC-R40, OD-AFD art. 20)." })
@Entity("refusal")
export class Refusal {
  @Field(() => ID, { description: "The refusal's opaque id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "declaration_id" })
  declarationId: string;

  @Field({ description: "When the office refused: the 10 working days run from the next day (DEC-R40, OD-AFD art. 20 para. 2)." })
  @Column({ type: "datetime", precision: 3, name: "refused_at" })
  refusedAt: Date;

  @Field(() => [String], { description: "What to correct or complete, as the office stated it." })
  @Column({ type: "simple-json" })
  reasons: string[];

  @Column({ type: "datetime", precision: 3, name: "resubmission_due_by" })
  computedResubmissionDueBy: Date;

  @Field(() => Date, { nullable: true, description: "When the corrected declaration came back; null until then." })
  @Column({ type: "datetime", precision: 3, name: "resubmitted_at", nullable: true })
  resubmittedAt: Date | null;
}

@ObjectType({ description: "A verification of the goods (DEC-R46, DEC-R47; LD art. 36, 37)." })
@Entity("verification")
export class Verification {
  @Field(() => ID, { description: "The verification's opaque id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "declaration_id" })
  declarationId: string;

  @Field({ description: "When it was ordered or requested." })
  @Column({ type: "datetime", precision: 3, name: "ordered_at" })
  orderedAt: Date;

  @Field(() => VerificationScope, { description: "Full, or by sample." })
  @Column({ type: "varchar", length: 8 })
  scope: VerificationScope;

  @Field({ description: "DEC-R47: the declarant asked for a full verification." })
  @Column({ type: "boolean", name: "requested_full_by_declarant" })
  requestedFullByDeclarant: boolean;

  @Field(() => [String], { description: "Tariff numbers of the sampled items; DEC-R47: a sample's result holds for all goods of the same type." })
  @Column({ type: "simple-json", name: "sampled_tariff_numbers" })
  sampledTariffNumbers: string[];

  @Field(() => String, { nullable: true, description: "DEC-R47: the recorded result, basis of the taxation." })
  @Column({ type: "varchar", length: 2000, nullable: true })
  result: string | null;

  @Field(() => Boolean, { nullable: true, description: "True when the verification found the declaration correct; null until recorded." })
  @Column({ type: "boolean", name: "conforms", nullable: true })
  conforms: boolean | null;

  @Field(() => Date, { nullable: true, description: "When the result was recorded; null until then." })
  @Column({ type: "datetime", precision: 3, name: "recorded_at", nullable: true })
  recordedAt: Date | null;
}

@ObjectType({ description: "A levy line of a taxation decision." })
export class LevyLine {
  @Field(() => Int, { description: "The item's position in the declaration." })
  position: number;

  @Field({ description: "The tariff number taxed (for an ex officio taxation, the heading's number whose rate applied)." })
  tariffNumber: string;

  @Field({ description: "The rate applied and its basis, e.g. \"CHF 12.50 per 100 kg gross\"." })
  rateApplied: string;

  @Field({ description: "The quantity the rate was applied to, e.g. \"1250.500 kg gross\"." })
  basis: string;

  @Field(() => MoneyScalar, { description: "The duty of the line, in CHF (exact decimal string, 2 fraction digits)." })
  amount: number;

  @Field({ description: "Why this rate (e.g. the highest rate of DEC-R41 / DEC-R49)." })
  note: string;
}

@ObjectType({ description: "A taxation decision (DEC-R52, LD art. 38)." })
@Directive('@key(fields: "id")')
@Entity("taxation_decision")
export class TaxationDecision {
  @Field(() => ID, { description: "The decision's opaque id (federation key)." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "declaration_id" })
  declarationId: string;

  @Field(() => TaxationKind, { description: "Final, provisional, ex officio or amended." })
  @Column({ type: "varchar", length: 12 })
  kind: TaxationKind;

  @Field({ description: "When the decision was established; the 60-day appeal period runs from it (DEC-R60, LD art. 116 para. 3)." })
  @Column({ type: "datetime", precision: 3, name: "established_at" })
  establishedAt: Date;

  @Field({ description: "DEC-R53 (OD-AFD art. 20a): notified the moment it is put online." })
  @Column({ type: "datetime", precision: 3, name: "notified_at" })
  notifiedAt: Date;

  @Field(() => Date, { nullable: true, description: "DEC-R53: the declarant's download, recorded at once." })
  @Column({ type: "datetime", precision: 3, name: "downloaded_at", nullable: true })
  downloadedAt: Date | null;

  @Field({ description: "DEC-R53: e-dec import decisions are also issued on paper." })
  @Column({ type: "boolean", name: "paper_issued" })
  paperIssued: boolean;

  @Field(() => [LevyLine], { description: "Bounded: one line per item of the declaration, which holds at most 200 items. The duty of each item: rate, basis and amount." })
  @Column({ type: "simple-json" })
  lines: LevyLine[];

  @Field(() => MoneyScalar, { description: "The duties of all lines, in CHF (exact decimal string, 2 fraction digits); not collected when nonCollected." })
  @Column({ type: "bigint", name: "total_rappen", transformer: rappenColumn })
  totalDuties: number;

  @Field({ description: "DEC-R59 (OD-AFD art. 58): CHF 5 or less per decision is not collected, except for tourist traffic goods (the declaration's `touristTraffic`) and in cases of abuse (`abuseFlaggedAt`)." })
  @Column({ type: "boolean", name: "non_collected" })
  nonCollected: boolean;

  @Field(() => Date, {
    nullable: true,
    description: "DEC-R59 (OD-AFD art. 58 para. 2): an officer found abuse (e.g. one consignment split into several decisions): CHF 5 or less is collected. DESIGN CHOICE (DEBT-R07): flagged by an officer, never detected automatically.",
  })
  @Column({ type: "datetime", precision: 3, name: "abuse_flagged_at", nullable: true })
  abuseFlaggedAt: Date | null;

  @Field(() => String, { nullable: true, description: "DEC-R59: the abuse the officer found." })
  @Column({ type: "varchar", length: 300, name: "abuse_reason", nullable: true })
  abuseReason: string | null;

  @Field(() => Date, {
    nullable: true,
    description: "DEC-R55 (LD art. 39 para. 3): for a provisional taxation, when the duties at the highest rate were secured (the security requisition of the debt subgraph met, event ProvisionalTaxationSecured); until then the goods are not released.",
  })
  @Column({ type: "datetime", precision: 3, name: "secured_at", nullable: true })
  securedAt: Date | null;

  @Field(() => TaxationStatus, { description: "In force, cancelled or superseded." })
  @Column({ type: "varchar", length: 12 })
  status: TaxationStatus;

  @Field({ description: "DEC-R60 (LD art. 116 para. 3): last day to appeal, 60 days after establishment; DESIGN CHOICE: moved to the next working day from a weekend or public holiday." })
  @Column({ type: "varchar", length: 10, name: "appeal_deadline" })
  appealDeadline: string;

  @Field(() => Date, { nullable: true, description: "DEC-R55 (LD art. 39 para. 4): for a provisional taxation, the office's deadline for the missing documents." })
  @Column({ type: "datetime", precision: 3, name: "documents_due_by", nullable: true })
  documentsDueBy: Date | null;

  @Field(() => Date, { nullable: true, description: "DEC-R55: when the provisional taxation became final." })
  @Column({ type: "datetime", precision: 3, name: "finalised_at", nullable: true })
  finalisedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "When it was cancelled (DEC-R54); null otherwise." })
  @Column({ type: "datetime", precision: 3, name: "cancelled_at", nullable: true })
  cancelledAt: Date | null;

  @Field(() => String, { nullable: true, description: "DEC-R54 (OD-AFD art. 20b): the notice sent with the cancellation." })
  @Column({ type: "varchar", length: 1000, name: "cancellation_notice", nullable: true })
  cancellationNotice: string | null;

  @Field(() => String, { nullable: true, description: "DEC-R54: a paper decision goes back to the office by this day (next business day after cancellation)." })
  @Column({ type: "varchar", length: 10, name: "paper_return_due_by", nullable: true })
  paperReturnDueBy: string | null;

  @Column({ type: "varchar", length: 36, name: "supersedes_id", nullable: true })
  supersedesId: string | null;
}

@ObjectType({ description: "A request for a change of taxation (DEC-R44, LD art. 34 para. 3-4)." })
@Entity("taxation_change_request")
export class TaxationChangeRequest {
  @Field(() => ID, { description: "The request's opaque id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "declaration_id" })
  declarationId: string;

  @Field({ description: "When the goods left customs custody: the 30 days run from the next day (LD art. 34 para. 3)." })
  @Column({ type: "datetime", precision: 3, name: "goods_left_custody_at" })
  goodsLeftCustodyAt: Date;

  @Field({ description: "When the request came in." })
  @Column({ type: "datetime", precision: 3, name: "submitted_at" })
  submittedAt: Date;

  @Field(() => ChangeGround, { description: "The ground claimed (LD art. 34 para. 4)." })
  @Column({ type: "varchar", length: 32 })
  ground: ChangeGround;

  @Field({ description: "The evidence the declarant offers for the ground." })
  @Column({ type: "varchar", length: 2000 })
  justification: string;

  @Column({ type: "simple-json", name: "corrected_items" })
  correctedItems: unknown[];

  @Field(() => ChangeRequestStatus, { description: "Submitted, granted or rejected." })
  @Column({ type: "varchar", length: 12 })
  status: ChangeRequestStatus;

  @Field(() => String, { nullable: true, description: "The office's reasons; null until it decided." })
  @Column({ type: "varchar", length: 1000, name: "decision_reason", nullable: true })
  decisionReason: string | null;
}

@ObjectType({ description: "An appeal against a decision of an office or a district directorate (DEC-R60, LD art. 116). DESIGN CHOICE: one appeal entity for all subgraphs, owned here." })
@Entity("appeal")
export class Appeal {
  @Field(() => ID, { description: "The appeal's opaque id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Field({ description: "The GraphQL type of the contested decision, e.g. TaxationDecision." })
  @Column({ type: "varchar", length: 60, name: "contested_type" })
  contestedType: string;

  @Field(() => ID, { description: "The id of the contested decision: a TaxationDecision, or the first-instance Appeal for an appeal to the DGD (see contestedType)." })
  @Index()
  @Column({ type: "varchar", length: 36, name: "contested_id" })
  contestedId: string;

  @Column({ type: "varchar", length: 36, name: "appellant_id" })
  appellantId: string;

  @Field(() => AppealInstance, { description: "Who hears it (DEC-R60, LD art. 116 para. 1)." })
  @Column({ type: "varchar", length: 24 })
  instance: AppealInstance;

  @Field({ description: "When it was filed (UTC, with offset)." })
  @Column({ type: "datetime", precision: 3, name: "filed_at" })
  filedAt: Date;

  @Field({ description: "The last day of the appeal period (DEC-R60)." })
  @Column({ type: "varchar", length: 10 })
  deadline: string;

  @Field(() => AppealStatus, { description: "Filed, inadmissible because late, or decided." })
  @Column({ type: "varchar", length: 20 })
  status: AppealStatus;

  @Field({ description: "The appellant's grounds, as filed." })
  @Column({ type: "varchar", length: 4000 })
  grounds: string;

  @Field(() => Date, { nullable: true, description: "When the appeal instance decided; null until then." })
  @Column({ type: "datetime", precision: 3, name: "decided_at", nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: "The appeal instance's decision." })
  @Column({ type: "varchar", length: 4000, nullable: true })
  outcome: string | null;

  @Field(() => String, { nullable: true, description: "Last day to appeal the instance's decision to the DGD (DESIGN CHOICE: 30 days, general federal procedure, not in our sources)." })
  @Column({ type: "varchar", length: 10, name: "further_appeal_deadline", nullable: true })
  furtherAppealDeadline: string | null;
}

@ObjectType({ description: "DEC-R39 (LD art. 18 para. 2): the office corrected the declaration's particulars, with the reason; the taxation follows the corrected particulars, and the declarant sees the correction." })
@Entity("declaration_correction")
export class DeclarationCorrection {
  @Field(() => ID, { description: "The correction's opaque id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index("IDX_declaration_correction_declaration")
  @Column({ type: "varchar", length: 36, name: "declaration_id" })
  declarationId: string;

  @Field({ description: "The officer who corrected." })
  @Column({ type: "varchar", length: 100 })
  officer: string;

  @Field({ description: "When the office corrected." })
  @Column({ type: "datetime", precision: 3, name: "corrected_at" })
  correctedAt: Date;

  @Field({ description: "Why, as the declarant sees it." })
  @Column({ type: "varchar", length: 1000 })
  reason: string;

  @Field(() => [CorrectedParticular], { description: "Bounded: at most one change per particular (11) of each item position, and a declaration holds at most 200 items. Each particular that changed: item position, particular, value before and after." })
  @Column({ type: "simple-json" })
  changes: CorrectedParticular[];

  @Field({ description: "The declaration's version after the correction." })
  @Column({ type: "integer", name: "version_after" })
  versionAfter: number;
}

@ObjectType("CorrectedParticular", { description: "One particular the office corrected (DEC-R39)." })
export class CorrectedParticular {
  @Field(() => Int, { description: "The item's position in the declaration." })
  position: number;

  @Field({ description: "tariffNumber, description, netMassKg, grossMassKg, quantity, value, origin, ... ; `item` when an item was added or removed." })
  particular: string;

  @Field(() => String, { nullable: true, description: "The value before the correction; null for an added item." })
  before: string | null;

  @Field(() => String, { nullable: true, description: "The value after the correction; null for a removed item." })
  after: string | null;
}

@ObjectType({ description: "An officer's override of a computed deadline, with the reason (DOMAIN.md §0.4 T10; OD-AFD art. 4 para. 2, 19 para. 3, 19a para. 2, 37 para. 2, 20 para. 2)." })
@Entity("deadline_override")
@Index(["subjectType", "subjectId", "deadlineKind"])
export class DeadlineOverride {
  @Field(() => ID, { description: "The override's opaque id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Field({ description: "The type of the thing whose deadline moved: GoodsPresentation, DocumentRequirement, Refusal or CustomsDeclaration." })
  @Column({ type: "varchar", length: 40, name: "subject_type" })
  subjectType: string;

  @Field(() => ID, { description: "The id of that thing." })
  @Column({ type: "varchar", length: 36, name: "subject_id" })
  subjectId: string;

  @Field({ description: "Which deadline: DECLARATION_DUE, DOCUMENT_DUE, RESUBMISSION_DUE or REMOVAL_DUE." })
  @Column({ type: "varchar", length: 40, name: "deadline_kind" })
  deadlineKind: string;

  @Field(() => Date, { nullable: true, description: "The deadline the rules computed, kept for audit; null when none was computed yet." })
  @Column({ type: "datetime", precision: 3, name: "computed_value", nullable: true })
  computedValue: Date | null;

  @Field({ description: "The deadline in force from now on." })
  @Column({ type: "datetime", precision: 3, name: "new_value" })
  newValue: Date;

  @Field({ description: "Why the office adapted it (T10)." })
  @Column({ type: "varchar", length: 1000 })
  reason: string;

  @Field({ description: "The officer who adapted it." })
  @Column({ type: "varchar", length: 200 })
  officer: string;

  @Field({ description: "When it was adapted." })
  @Column({ type: "datetime", precision: 3, name: "overridden_at" })
  overriddenAt: Date;
}
