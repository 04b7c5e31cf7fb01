import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { MoneyScalar, rappenColumn } from "../../kit";
import { AppealableDecision, AppealInstance, AppealStatus, ProhibitionGrounds, ProhibitionScope, ReferralStatus } from "./enums";

@ObjectType({
  description:
    "ENF-R05 (LD art. 109 para. 2): the administration forbids a person who lacks the required skills or breached customs law, for a fixed or an indefinite period, to make declarations professionally or to carry out other activities in the customs procedure. Published to declarations (X25), which refuses professional declarations by that partner or personal number while it is active. Lifting is a DESIGN CHOICE (not in sources). A decision addressed to the person: it sees its own.",
})
@Entity("declarant_prohibition")
@Index("IDX_declarant_prohibition_partner", ["partnerId", "validFrom"])
export class DeclarantProhibition {
  @Field(() => ID, { description: "The prohibition's opaque id; an appeal names it as `decisionId`." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: "varchar", length: 36, name: "partner_id" })
  partnerId: string;

  @Field(() => String, { nullable: true, description: "The declarant employee's personal number, when the prohibition is of one person working for the partner." })
  @Column({ type: "varchar", length: 40, name: "personal_number", nullable: true })
  personalNumber: string | null;

  @Field(() => ProhibitionGrounds, { description: "Why the person is prohibited: lack of skills, or a breach of customs law (LD art. 109 para. 2)." })
  @Column({ type: "varchar", length: 24 })
  grounds: ProhibitionGrounds;

  @Field(() => [ProhibitionScope], { description: "What is forbidden: professional declarations, other activities in the customs procedure, or both." })
  @Column({ type: "simple-json" })
  scope: ProhibitionScope[];

  @Field({ description: "When the prohibition takes effect." })
  @Column({ type: "datetime", precision: 3, name: "valid_from" })
  validFrom: Date;

  @Field(() => Date, { nullable: true, description: "Exclusive end of a fixed term; null for an indefinite prohibition (LD art. 109 para. 2)." })
  @Column({ type: "datetime", precision: 3, name: "valid_until", nullable: true })
  validUntil: Date | null;

  @Field({ description: "The reasons given in the decision." })
  @Column({ type: "text" })
  reasons: string;

  @Column({ type: "simple-json", name: "case_ids" })
  caseIds: string[];

  @Field({ description: "When the prohibition was decided; the appeal period runs from it." })
  @Column({ type: "datetime", precision: 3, name: "decided_at" })
  decidedAt: Date;

  @Column({ type: "varchar", length: 100, name: "decided_by" })
  decidedBy: string;

  @Field({ description: "ENF-R23 (LD art. 116): the last instant an appeal is on time." })
  @Column({ type: "datetime", precision: 3, name: "appeal_deadline" })
  appealDeadline: Date;

  @Field(() => Date, { nullable: true, description: "When it was lifted, by an officer or on an upheld appeal; null if not." })
  @Column({ type: "datetime", precision: 3, name: "lifted_at", nullable: true })
  liftedAt: Date | null;

  @Field(() => String, { nullable: true, description: "Why it was lifted." })
  @Column({ type: "varchar", length: 1000, name: "lift_reason", nullable: true })
  liftReason: string | null;
}

@ObjectType("AuthorisationWithdrawalReferral", {
  description:
    "ENF-R06 (OD-AFD art. 9 let. c): repeated offences under federal law enforced by the administration are a ground for the DGD to withdraw the partner's e-dec/NCTS authorisation. DESIGN CHOICE: enforcement raises a referral (X24) and a DGD officer decides in identity; nothing is automatic. 'Repeated' (not defined in the sources) is read here as two or more penalty decisions against the partner within five years. One open referral per partner.",
})
@Entity("withdrawal_referral")
@Index("IDX_withdrawal_referral_partner", ["partnerId", "raisedAt"])
export class WithdrawalReferral {
  @Field(() => ID, { description: "The referral's opaque id, as identity knows it (X24)." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: "varchar", length: 36, name: "partner_id" })
  partnerId: string;

  /** The partner id while the referral is RAISED, null once cancelled: the database keeps one open referral per partner. */
  @Index("UQ_withdrawal_referral_open", { unique: true })
  @Column({ type: "varchar", length: 36, name: "open_key", nullable: true })
  openKey: string | null;

  @Column({ type: "simple-json", name: "case_ids" })
  caseIds: string[];

  @Field({ description: "Why enforcement refers the partner, as the anti-fraud officer wrote it." })
  @Column({ type: "varchar", length: 1000 })
  reason: string;

  @Field(() => ReferralStatus, { description: "Whether the referral waits for the DGD, was decided, or was cancelled." })
  @Column({ type: "varchar", length: 24 })
  status: ReferralStatus;

  @Field({ description: "When the referral was raised." })
  @Column({ type: "datetime", precision: 3, name: "raised_at" })
  raisedAt: Date;

  @Column({ type: "varchar", length: 100, name: "raised_by" })
  raisedBy: string;

  @Field(() => Date, { nullable: true, description: "When enforcement cancelled it; null if not cancelled." })
  @Column({ type: "datetime", precision: 3, name: "cancelled_at", nullable: true })
  cancelledAt: Date | null;

  @Field(() => Date, { nullable: true, description: "When the DGD decided (identity's WithdrawalReferralDecided)." })
  @Column({ type: "datetime", precision: 3, name: "decided_at", nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: "The DGD's reasons." })
  @Column({ type: "varchar", length: 1000, name: "decision_reason", nullable: true })
  decisionReason: string | null;
}

@ObjectType({
  description:
    "ENF-R23 (LD art. 116), ENF-R22 (LD art. 115i): an appeal against an enforcement decision addressed to the appellant: a penalty decision or a professional declarant prohibition, to the DGD (LD art. 116 para. 1bis: first-instance decisions of the district directorates' anti-fraud sections); the final decision of an administrative assistance procedure, to the Federal Administrative Tribunal (LD art. 115i para. 3). DESIGN CHOICE (not in our sources): the period is the 30 days of general federal procedure (PA art. 50), ending on the next working day when its last day is a Saturday, Sunday or public holiday (as DEC-R60); a penalty decision is not final while an appeal is pending. One appeal per decision and appellant: a decision is named by its kind, its id and when it was taken, since a case whose penalty an upheld appeal annulled gets a new penalty decision, open to appeal again.",
})
@Entity("enforcement_appeal")
// ENF-R23 (LD art. 116): one appeal per decision and appellant; the decision's instant tells a new penalty decision on the same case from the one annulled.
@Index("UQ_enforcement_appeal", ["decisionKind", "decisionId", "decisionTakenAt", "appellantId"], { unique: true })
@Index("IDX_enforcement_appeal_appellant", ["appellantId", "filedAt"])
export class EnforcementAppeal {
  @Field(() => ID, { description: "The appeal's opaque id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Field(() => AppealableDecision, { description: "Which kind of decision is appealed." })
  @Column({ type: "varchar", length: 12, name: "decision_kind" })
  decisionKind: AppealableDecision;

  @Field(() => ID, { description: "The decision appealed: the case's id for a penalty, the prohibition's, or the assistance request's." })
  @Column({ type: "varchar", length: 36, name: "decision_id" })
  decisionId: string;

  @Field({ description: "ENF-R23 (LD art. 116): when the decision appealed was taken: the penalty's `decidedAt`, the prohibition's `decidedAt`, the assistance request's final decision. With `decisionId` it names the decision: after an upheld appeal annulled a penalty, the case's new penalty decision is another decision, appealed on its own." })
  @Column({ type: "datetime", precision: 3, name: "decision_taken_at" })
  decisionTakenAt: Date;

  @Column({ type: "varchar", length: 36, name: "appellant_id" })
  appellantId: string;

  @Field(() => AppealInstance, { description: "Who decides the appeal: the DGD or the Federal Administrative Tribunal." })
  @Column({ type: "varchar", length: 32 })
  instance: AppealInstance;

  @Field({ description: "The appellant's grounds." })
  @Column({ type: "text" })
  grounds: string;

  @Field({ description: "When the appeal was filed; on time when not after the decision's appeal deadline." })
  @Column({ type: "datetime", precision: 3, name: "filed_at" })
  filedAt: Date;

  @Field(() => AppealStatus, { description: "PENDING until decided, then the outcome." })
  @Column({ type: "varchar", length: 12 })
  status: AppealStatus;

  @Field(() => MoneyScalar, { nullable: true, description: "FINE_REDUCED: the fine the instance set." })
  @Column({ type: "bigint", name: "reduced_fine", nullable: true, transformer: rappenColumn })
  reducedFine: number | null;

  @Field(() => Date, { nullable: true, description: "When the instance decided (or its judgment was recorded); null while pending." })
  @Column({ type: "datetime", precision: 3, name: "decided_at", nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: "The instance's reasons." })
  @Column({ type: "varchar", length: 1000, name: "decision_reasons", nullable: true })
  decisionReasons: string | null;
}
