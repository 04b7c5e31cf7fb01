import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { MoneyScalar, rappenColumn } from "../../kit";
import { CollectionErrorType, RemissionGround, RequestStatus, SecurityKind, SecurityStatus } from "./enums";

@ObjectType({ description: "A security for customs claims (DEBT-R12, DEBT-R14; LD art. 76-79). DEBT-R15 (LD art. 78): a surety that pays is recorded as the payer of the debt, receives on request a receipt for its recourse (`issueSuretyReceipt`), receives the pledged goods its payment frees (pledge status HANDED_TO_SURETY), may raise the debtor's defences (it may ask for remission) and is bound by the enforceable title against the debtor (`DebtEnforcementCase.bindsSureties`). DEBT-R16 (LD art. 79): whether a security covers a claim is decided in one place, for every path (reservations, conditional debts, pledge releases)." })
@Directive('@key(fields: "id")')
@Entity("security")
export class Security {
  @Field(() => ID, { description: "The security's opaque, stable id (federation key)." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "debtor_id" })
  debtorId: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "surety_id", nullable: true })
  suretyId: string | null;

  @Field(() => SecurityKind, { description: "Cash deposit, securities, individual or general bond (LD art. 76 para. 1, 77)." })
  @Column({ type: "varchar", length: 16 })
  kind: SecurityKind;

  @Field(() => MoneyScalar, { description: "The amount deposited, or a bond's maximum amount on the official form (LD art. 77 para. 3)." })
  @Column({ type: "bigint", name: "max_rappen", transformer: rappenColumn })
  maxAmount: number;

  @Field({ description: "YYYY-MM-DD" })
  @Column({ type: "varchar", length: 10, name: "established_on" })
  establishedOn: string;

  @Field(() => SecurityStatus, { description: "Where the security stands (DEBT-R16, LD art. 79)." })
  @Column({ type: "varchar", length: 28 })
  status: SecurityStatus;

  @Field(() => Date, { nullable: true, description: "DEBT-R16 (LD art. 79 para. 2): when the administration received the termination." })
  @Column({ type: "datetime", precision: 3, name: "termination_received_at", nullable: true })
  terminationReceivedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "DEBT-R16: the bond covers claims born until this moment: the end of the 30th day after the termination was received." })
  @Column({ type: "datetime", precision: 3, name: "coverage_cutoff", nullable: true })
  coverageCutoff: Date | null;

  @Field(() => Date, { nullable: true, description: "When the administration cancelled it (LD art. 79 para. 3); null otherwise." })
  @Column({ type: "datetime", precision: 3, name: "cancelled_at", nullable: true })
  cancelledAt: Date | null;

  @Field({ description: "When the office recorded it (UTC, ISO 8601); pages of securities are ordered by it." })
  @Column({ type: "datetime", precision: 3, name: "created_at" })
  createdAt: Date;
}

@ObjectType({ description: "A claim attached to a security, for an amount (DEBT-R14: never above the bond's maximum)." })
@Entity("security_reservation")
@Index(["securityId", "debtId"], { unique: true })
export class SecurityReservation {
  @Field(() => ID, { description: "The reservation's id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "security_id" })
  securityId: string;

  @Column({ type: "varchar", length: 36, name: "debt_id" })
  debtId: string;

  @Field(() => MoneyScalar, { description: "The part of the security held for the claim, CHF; never beyond the security's maximum (DEBT-R14, LD art. 77 para. 3)." })
  @Column({ type: "bigint", name: "amount_rappen", transformer: rappenColumn })
  amount: number;

  @Field({ description: "When the claim was attached (UTC, ISO 8601); reservations are paged in this order." })
  @Column({ type: "datetime", precision: 3, name: "reserved_at" })
  reservedAt: Date;
}

@ObjectType({
  description:
    "A decision requiring security (DEBT-R18, LD art. 81): legal ground, amount, deposit body. DEBT-R28: also made automatically for a release under provisional taxation, at the highest rate (LD art. 39 para. 3, event X10), for the part of a procedure's or a stored lot's conditional debt its securities do not cover (DEBT-R14, LD art. 76 para. 2), and for the operator of a customs warehouse or free deposit whose authorisation requires it (WH-R09, WH-R23; LD art. 53 para. 6, 66 para. 4). Withdrawn, and no longer listed, when that conditional debt ends before it is met (LD art. 49 para. 3-4) or is remitted (LD art. 86); addressed to a lot's new depositor when the lot changes hands before it is met (LD art. 52 para. 2 let. b).",
})
@Entity("security_requisition")
export class SecurityRequisition {
  @Field(() => ID, { description: "The decision's id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "debtor_id" })
  debtorId: string;

  @Field({ description: "The legal ground of the decision, as stated to the debtor (LD art. 81 para. 1)." })
  @Column({ type: "varchar", length: 300, name: "legal_ground" })
  legalGround: string;

  @Field(() => MoneyScalar, { description: "The security required, CHF (LD art. 81 para. 1)." })
  @Column({ type: "bigint", name: "amount_rappen", transformer: rappenColumn })
  amount: number;

  @Field({ description: "The body where the security is to be deposited (LD art. 81 para. 1)." })
  @Column({ type: "varchar", length: 200, name: "deposit_body" })
  depositBody: string;

  @Field({ description: "When the decision was made (UTC, ISO 8601); an appeal does not suspend it (LD art. 81 para. 2)." })
  @Column({ type: "datetime", precision: 3, name: "decided_at" })
  decidedAt: Date;

  @Index({ unique: true })
  @Column({ type: "varchar", length: 80, name: "origin_key" })
  originKey: string;

  @Field(() => ID, { nullable: true, description: "The security provided in answer." })
  @Column({ type: "varchar", length: 36, name: "security_id", nullable: true })
  securityId: string | null;

  /** When it stopped applying unmet: the conditional debt it secured was extinguished (LD art. 49 para. 3-4). */
  @Column({ type: "datetime", precision: 3, name: "withdrawn_at", nullable: true })
  withdrawnAt: Date | null;
}

@ObjectType({ description: "Subsequent collection (DEBT-R22, LD art. 85): intention notified within one year of the taxation decision." })
@Entity("subsequent_collection")
export class SubsequentCollection {
  @Field(() => ID, { description: "The subsequent collection's id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "debt_id" })
  debtId: string;

  @Field(() => CollectionErrorType, { description: "The mistake: not collected, set too low, or refunded too much (LD art. 85)." })
  @Column({ type: "varchar", length: 20, name: "error_type" })
  errorType: CollectionErrorType;

  @Field(() => MoneyScalar, { description: "The amount to collect afterwards, CHF." })
  @Column({ type: "bigint", name: "amount_rappen", transformer: rappenColumn })
  amount: number;

  @Field({ description: "When the debtor was told of the intention to collect: within one year of the taxation decision (DEBT-R22, LD art. 85)." })
  @Column({ type: "datetime", precision: 3, name: "intention_notified_at" })
  intentionNotifiedAt: Date;

  /**
   * DEBT-R09, DEBT-R10 (LD art. 73, 74 para. 1) with DEBT-R22 (LD art. 85): the end of the payment
   * period of the amount notified, counted from the notification (as for a decision the office
   * levies after all, `onTaxationAbuseFound`). Null for a collection recorded before periods were
   * kept per amount: it shares the debt's.
   */
  @Column({ type: "datetime", precision: 3, name: "payment_deadline", nullable: true })
  paymentDeadline: Date | null;

  /**
   * The end of the payment period of the amounts notified before this one, as it stood at the
   * notification: whether they were paid within it decides their default interest (LD art. 74
   * para. 1). For a debt that was not levied (OD-AFD art. 58), this one's own: nothing was payable
   * before. Null as `paymentDeadline`.
   */
  @Column({ type: "datetime", precision: 3, name: "prior_payment_deadline", nullable: true })
  priorPaymentDeadline: Date | null;
}

@ObjectType({ description: "A remission request (DEBT-R23, LD art. 86; OD-AFD art. 59: the DGD decides)." })
@Entity("remission_request")
export class RemissionRequest {
  @Field(() => ID, { description: "The request's id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "debt_id" })
  debtId: string;

  @Field(() => RemissionGround, { description: "The ground invoked (LD art. 86 para. 1 let. a-d)." })
  @Column({ type: "varchar", length: 48 })
  ground: RemissionGround;

  @Field({ description: "The applicant's justification, as filed." })
  @Column({ type: "varchar", length: 2000 })
  justification: string;

  @Field({ description: "When it was filed (UTC, ISO 8601)." })
  @Column({ type: "datetime", precision: 3, name: "filed_at" })
  filedAt: Date;

  @Field(() => Date, {
    nullable: true,
    description: "DEBT-R23 (LD art. 86 para. 2): last moment to file, one year after the taxation decision (T8); for a conditional taxation one year after the end of the procedure, null while the procedure runs.",
  })
  @Column({ type: "datetime", precision: 3, nullable: true })
  deadline: Date | null;

  @Field(() => RequestStatus, { description: "Pending, granted or refused (OD-AFD art. 59: the DGD decides)." })
  @Column({ type: "varchar", length: 12 })
  status: RequestStatus;

  @Field(() => MoneyScalar, { nullable: true, description: "What the DGD remitted, CHF; null until granted." })
  @Column({ type: "bigint", name: "remitted_rappen", nullable: true, transformer: rappenColumn })
  remitted: number | null;
}
