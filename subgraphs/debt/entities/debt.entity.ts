import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { MoneyScalar, rappenColumn } from "../../kit";
import { DebtBirthTrigger, DebtStatus, LiabilityBasis, PaymentMethod } from "./enums";

/** A period during which limitation stood still (LD art. 75 para. 2: appeal pending, debtor not prosecutable). */
export interface Suspension {
  from: string;
  to: string | null;
  reason: string;
}

@ObjectType({
  description:
    "DEBT-R01 (LD art. 68): the obligation to pay the customs duties the administration fixed. DEBT-R27 (LD art. 90): levies of other federal acts that the taxation decision includes follow the same rules here. From declarations' events: the debt at acceptance or border crossing (X05, X06), of undeclared goods (X07), and a procedure case's conditional debt, secured on opening and due when the procedure is not discharged (X11, X12; LD art. 49, 58-60, 76). From warehousing's events: a consumer goods warehouse lot's conditional debt, secured when the lot is stored, binding whoever becomes the depositor, extinguished when the lot leaves against a declaration, due when it leaves without one or is not placed within 60 days of the end of its storage, open to remission once the goods are destroyed (X14-X18; LD art. 51 para. 2-3, 52 para. 2, 57, 69 let. d, 76, 86), and the debt of a lot that left an open customs warehouse without a declaration (X16). From enforcement's events: goods presumed smuggled, sequestered as customs pledge for the debt of their undeclared-goods declaration, or else for a debt of their own born at the crossing or at the seizure (X21; DEBT-R19, DEBT-R20, LD art. 82 para. 1, 83 para. 3); the duties of an authorised import or export, payable after prohibited traffic unless the goods were turned back or destroyed (X23; DEBT-R29, LD art. 120 para. 5); and the fine of a final penalty decision, collected like a customs debt (FineImposed; LD art. 118-127, DPA; DESIGN CHOICE), which the CHF 5 rule for duties (DEBT-R07, OD-AFD art. 58) does not touch. Waiting for their producers: DEBT-R05, DEBT-R06 (LD art. 70 para. 5-6, heirs and acquirers: no subgraph publishes successions yet). Declined: DEBT-R17 (LD art. 80, the law governing debtor and surety) and DEBT-R30 (LD art. 5, who bears the costs of customs facilities) state no system behaviour.",
})
@Directive('@key(fields: "id")')
@Entity("customs_debt")
export class CustomsDebt {
  @Field(() => ID, { description: "The debt's opaque, stable id (federation key)." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  /**
   * The debt's origin, one debt each (LD art. 69): a declaration's id, `omitted:<reference>`,
   * `procedure:<case or reference>`, `lot:<stored lot id>`, `seizure:<seizure id>` (X21),
   * `prohibited-traffic:<offence case id>` (X23) or `fine:<offence case id>` (FineImposed).
   */
  @Index({ unique: true })
  @Column({ type: "varchar", length: 64, name: "declaration_id" })
  declarationId: string;

  @Field(() => String, { nullable: true, description: "The number of the declaration the debt comes from; null for a debt not born of a declaration (see `caseReference`)." })
  @Column({ type: "varchar", length: 24, name: "declaration_number", nullable: true })
  declarationNumber: string | null;

  @Index()
  @Column({ type: "varchar", length: 36, name: "taxation_decision_id", nullable: true })
  taxationDecisionId: string | null;

  @Field(() => DebtBirthTrigger, { description: "DEBT-R02 (LD art. 69): what made the debt arise." })
  @Column({ type: "varchar", length: 48, name: "birth_trigger" })
  birthTrigger: DebtBirthTrigger;

  @Field({ description: "DEBT-R02 (LD art. 69)." })
  @Column({ type: "datetime", precision: 3, name: "arisen_at" })
  arisenAt: Date;

  @Field({ description: "Conditional payment obligation of a procedure (LD art. 49, 58-60) or of a lot in a consumer goods warehouse (LD art. 51 para. 2 let. b)." })
  @Column({ type: "boolean" })
  conditional: boolean;

  @Field(() => MoneyScalar, { nullable: true, description: "The duties, fixed by the taxation decision (DESIGN CHOICE: null until then). Nil once relief is granted for a procedure not discharged (LD art. 49 para. 4, 58 para. 3, 59 para. 4, 60 para. 4): what was paid is then shown as a refund (`outstanding` negative)." })
  @Column({ type: "bigint", name: "amount_rappen", nullable: true, transformer: rappenColumn })
  amount: number | null;

  @Field(() => MoneyScalar, { description: "Paid towards the principal so far." })
  @Column({ type: "bigint", name: "principal_paid_rappen", transformer: rappenColumn })
  principalPaid: number;

  @Field(() => MoneyScalar, { description: "Default interest paid so far." })
  @Column({ type: "bigint", name: "interest_paid_rappen", transformer: rappenColumn })
  interestPaid: number;

  @Field(() => Date, { nullable: true, description: "When the taxation decision was established: the one-year windows of LD art. 85 and 86 run from it. For prohibited traffic's duties, when enforcement established the offence (X23); for a fine, when the penalty decision became final (FineImposed)." })
  @Column({ type: "datetime", precision: 3, name: "established_at", nullable: true })
  establishedAt: Date | null;

  @Field({ description: "DEBT-R08 (LD art. 72 para. 1): payable when it arises; default interest runs from here (LD art. 74)." })
  @Column({ type: "datetime", precision: 3, name: "due_at" })
  dueAt: Date;

  @Field(() => Date, { nullable: true, description: "DEBT-R09 (LD art. 73): end of the payment period (a configuration: the Department's value is not in our sources)." })
  @Column({ type: "datetime", precision: 3, name: "payment_deadline", nullable: true })
  paymentDeadline: Date | null;

  @Field(() => DebtStatus, { description: "Where the debt stands in its lifecycle (DOMAIN.md §5.2)." })
  @Column({ type: "varchar", length: 16 })
  status: DebtStatus;

  @Field(() => Date, { nullable: true, description: "LD art. 49 para. 3, 58-60: when the procedure of a conditional debt ended (discharged or not); for a stored lot (LD art. 51 para. 3, 86 para. 1 let. a) the end of its storage period (X17), its release, or the destruction of its goods (X18), the debt staying CONDITIONAL until the lot is placed or its duties fall due. DEBT-R23 (LD art. 86 para. 2): a remission request is due within one year from then." })
  @Column({ type: "datetime", precision: 3, name: "procedure_ended_at", nullable: true })
  procedureEndedAt: Date | null;

  @Column({ type: "simple-json" })
  suspensions: Suspension[];

  @Column({ type: "simple-json" })
  interruptions: string[];

  @Field({ description: "When this subgraph recorded the debt (UTC, ISO 8601); pages of debts are ordered by it." })
  @Column({ type: "datetime", precision: 3, name: "created_at" })
  createdAt: Date;
}

@ObjectType({ description: "A debtor of a customs debt (DEBT-R03, LD art. 70)." })
@Entity("debtor_liability")
@Index(["debtId", "partnerId"], { unique: true })
export class DebtorLiability {
  @Field(() => ID, { description: "The liability's id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: "varchar", length: 36, name: "debt_id" })
  debtId: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "partner_id" })
  partnerId: string;

  @Field(() => LiabilityBasis, { description: "Why this partner owes the debt (DEBT-R03, LD art. 70 para. 2)." })
  @Column({ type: "varchar", length: 32 })
  basis: LiabilityBasis;

  @Field({ description: "DEBT-R03: debtors are jointly and severally liable; DEBT-R04 (LD art. 70 para. 4) excepts professional declarants in some cases." })
  @Column({ type: "boolean", name: "joint_and_several" })
  jointAndSeveral: boolean;
}

@ObjectType({ description: "A payment on a customs debt, by a debtor or a surety (DEBT-R09, LD art. 73; DEBT-R15, LD art. 78)." })
@Entity("payment")
export class Payment {
  @Field(() => ID, { description: "The payment's id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "debt_id" })
  debtId: string;

  @Column({ type: "varchar", length: 36, name: "payer_id" })
  payerId: string;

  @Field(() => MoneyScalar, { description: "The amount paid, CHF (decimal string with 2 fraction digits)." })
  @Column({ type: "bigint", name: "amount_rappen", transformer: rappenColumn })
  amount: number;

  @Field(() => MoneyScalar, { description: "Part that settled default interest (interest first, then the principal: DESIGN CHOICE)." })
  @Column({ type: "bigint", name: "interest_part_rappen", transformer: rappenColumn })
  interestPart: number;

  @Field(() => PaymentMethod, { description: "How it was paid (DEBT-R09, LD art. 73; OD-AFD art. 39)." })
  @Column({ type: "varchar", length: 16 })
  method: PaymentMethod;

  @Field({ description: "When it was paid (UTC, ISO 8601); payments are paged in this order." })
  @Column({ type: "datetime", precision: 3, name: "paid_at" })
  paidAt: Date;

  @Field({ description: "Paid by the surety of a bond covering the debt rather than by a debtor (DEBT-R15, LD art. 78): it may then ask for a receipt." })
  @Column({ type: "boolean", name: "by_surety" })
  bySurety: boolean;
}

@ObjectType({ description: "A default interest rate and its validity (DEBT-R10, LD art. 74 para. 4: set by the Department; reference data)." })
@Entity("interest_rate")
export class InterestRate {
  @Field({ description: "First day (YYYY-MM-DD)." })
  @PrimaryColumn({ type: "varchar", length: 10, name: "valid_from" })
  validFrom: string;

  @Field({ description: "Percent per year, exact decimal string." })
  @Column({ type: "varchar", length: 12, name: "percent_per_year" })
  percentPerYear: string;
}

/**
 * X08 (DEBT-R01, LD art. 68): a taxation decision an amended one replaced. Its amount is no longer
 * the duties the administration fixed: a late or repeated delivery of it (at-least-once, out of
 * order) changes nothing (`DebtService.onTaxation`).
 */
@Entity("superseded_taxation_decision")
export class SupersededTaxationDecision {
  @PrimaryColumn({ type: "varchar", length: 36, name: "taxation_decision_id" })
  taxationDecisionId: string;

  /** The decision that replaced it (the payload's `supersedesId` named it). */
  @Column({ type: "varchar", length: 36, name: "superseded_by_id" })
  supersededById: string;

  @Index("IDX_superseded_taxation_decision_debt")
  @Column({ type: "varchar", length: 36, name: "debt_id" })
  debtId: string;

  @Column({ type: "datetime", precision: 3, name: "recorded_at" })
  recordedAt: Date;
}
