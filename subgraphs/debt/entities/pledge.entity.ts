import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { MoneyScalar, rappenColumn } from "../../kit";

export enum PledgeObjectKind {
  DUTIABLE_GOODS = "DUTIABLE_GOODS",
  OFFENCE_INSTRUMENT = "OFFENCE_INSTRUMENT",
}
registerEnumType(PledgeObjectKind, { name: "PledgeObjectKind", description: "DEBT-R19 (LD art. 82 para. 1 let. a-b): dutiable goods, or goods and things used to commit an offence." });

export enum SequestrationMode {
  TAKEN_INTO_CONTROL = "TAKEN_INTO_CONTROL",
  DISPOSAL_BAN = "DISPOSAL_BAN",
}
registerEnumType(SequestrationMode, { name: "SequestrationMode", description: "DEBT-R20 (LD art. 83): control of the object taken, or the holder forbidden to dispose of it." });

export enum PledgeStatus {
  ARISEN = "ARISEN",
  SEQUESTERED = "SEQUESTERED",
  RELEASED_AGAINST_SECURITY = "RELEASED_AGAINST_SECURITY",
  RELEASED_WITHOUT_SECURITY = "RELEASED_WITHOUT_SECURITY",
  REALISED = "REALISED",
  HANDED_TO_SURETY = "HANDED_TO_SURETY",
}
registerEnumType(PledgeStatus, { name: "PledgeStatus", description: "DOMAIN.md §5.2 (LD art. 82-84, 87); HANDED_TO_SURETY: a surety paid every debt the goods secure, and receives them (DEBT-R15, LD art. 78 para. 2)." });

export enum RealisationMode {
  PUBLIC_AUCTION = "PUBLIC_AUCTION",
  VOLUNTARY_SALE = "VOLUNTARY_SALE",
  IMMEDIATE_SALE = "IMMEDIATE_SALE",
  STOCK_EXCHANGE = "STOCK_EXCHANGE",
}
registerEnumType(RealisationMode, { name: "RealisationMode", description: "DEBT-R24 (LD art. 87): auction as a rule; voluntary sale with the owner's agreement; immediate sale of perishables; securities on the stock exchange." });

export enum InnocenceGround {
  USED_WITHOUT_FAULT = "USED_WITHOUT_FAULT",
  ACQUIRED_IN_GOOD_FAITH = "ACQUIRED_IN_GOOD_FAITH",
}
registerEnumType(InnocenceGround, { name: "InnocenceGround", description: "DEBT-R21 (LD art. 84 para. 2 let. b): used in the offence without the owner's fault, or acquired before sequestration without knowing of unmet customs obligations." });

@ObjectType({ description: "What the proceeds of a realisation paid, debt by debt (DEBT-R19: in the order the debtor chose, else oldest first — DESIGN CHOICE, the Federal Council's order is not in our sources)." })
export class ProceedsAllocation {
  @Field(() => ID)
  debtId: string;

  @Field(() => MoneyScalar)
  amount: number;
}

@ObjectType({ description: "The customs pledge (DEBT-R19, LD art. 82): a legal lien of the Confederation that arises with the debt it secures and ranks before all other rights in rem." })
@Entity("customs_pledge")
export class CustomsPledge {
  @Field(() => ID)
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Field(() => PledgeObjectKind)
  @Column({ type: "varchar", length: 24, name: "object_kind" })
  objectKind: PledgeObjectKind;

  @Field()
  @Column({ type: "varchar", length: 1000 })
  description: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "owner_id", nullable: true })
  ownerId: string | null;

  @Column({ type: "simple-json", name: "secured_debt_ids" })
  securedDebtIds: string[];

  @Field()
  @Column({ type: "datetime", precision: 3, name: "arisen_at" })
  arisenAt: Date;

  @Field({ description: "DEBT-R24: loses value quickly or is expensive to keep." })
  @Column({ type: "boolean" })
  perishable: boolean;

  @Field({ description: "Negotiable securities, which may be sold on the stock exchange (LD art. 87 para. 4)." })
  @Column({ type: "boolean", name: "is_securities" })
  isSecurities: boolean;

  @Field(() => PledgeStatus)
  @Column({ type: "varchar", length: 28 })
  status: PledgeStatus;

  @Field(() => SequestrationMode, { nullable: true })
  @Column({ type: "varchar", length: 20, name: "sequestration_mode", nullable: true })
  sequestrationMode: SequestrationMode | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: "datetime", precision: 3, name: "sequestered_at", nullable: true })
  sequesteredAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: "datetime", precision: 3, name: "released_at", nullable: true })
  releasedAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ type: "varchar", length: 1000, name: "release_reason", nullable: true })
  releaseReason: string | null;

  /** DEBT-R15 (LD art. 78 para. 2): the surety the goods were handed to, against its payment. */
  @Column({ type: "varchar", length: 36, name: "handed_to_id", nullable: true })
  handedToId: string | null;

  @Field(() => RealisationMode, { nullable: true })
  @Column({ type: "varchar", length: 20, name: "realisation_mode", nullable: true })
  realisationMode: RealisationMode | null;

  @Field(() => MoneyScalar, { nullable: true })
  @Column({ type: "bigint", name: "proceeds_rappen", nullable: true, transformer: rappenColumn })
  proceeds: number | null;

  @Field(() => [ProceedsAllocation], { nullable: true })
  @Column({ type: "simple-json", nullable: true })
  allocation: ProceedsAllocation[] | null;

  @Field(() => MoneyScalar, { nullable: true, description: "What is left after the secured debts, for the owner." })
  @Column({ type: "bigint", name: "surplus_rappen", nullable: true, transformer: rappenColumn })
  surplus: number | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: "datetime", precision: 3, name: "realised_at", nullable: true })
  realisedAt: Date | null;

  /**
   * What created the pledge, once: `seizure:<seizure id>` for goods enforcement sequestered as
   * presumed smuggled (X21; LD art. 83 para. 3); null for a pledge the office recorded. The unique
   * key makes a redelivered or concurrent event find the pledge instead of making a second.
   */
  @Index("IDX_customs_pledge_origin_key", { unique: true })
  @Column({ type: "varchar", length: 64, name: "origin_key", nullable: true })
  originKey: string | null;

  /** Enforcement's seizure the pledge comes from (X21), exposed as `CustomsPledge.seizure`. */
  @Column({ type: "varchar", length: 36, name: "seizure_id", nullable: true })
  seizureId: string | null;
}

@ObjectType({ description: "Debt enforcement (DEBT-R25, LD art. 88): seizure, or a claim in the debtor's bankruptcy." })
@Entity("debt_enforcement_case")
export class DebtEnforcementCase {
  @Field(() => ID)
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "debt_id" })
  debtId: string;

  @Field()
  @Column({ type: "varchar", length: 20 })
  kind: string;

  @Field()
  @Column({ type: "datetime", precision: 3, name: "opened_at" })
  openedAt: Date;

  /** DEBT-R15 (LD art. 78 para. 4): the sureties of the bonds attached to the debt when enforcement opened. */
  @Column({ type: "simple-json", name: "bound_surety_ids", nullable: true })
  boundSuretyIds: string[] | null;
}

@ObjectType({
  description:
    "DEBT-R15 (LD art. 78 para. 1): the receipt a surety that paid receives on request, for its recourse against the debtors and the final lifting of an opposition. One per payment.",
})
@Entity("surety_receipt")
export class SuretyReceipt {
  @Field(() => ID)
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Field({ description: "The receipt's number (DESIGN CHOICE: SR-<year>-<8 characters>)." })
  @Index("IDX_surety_receipt_number", { unique: true })
  @Column({ type: "varchar", length: 20 })
  number: string;

  @Index("IDX_surety_receipt_payment", { unique: true })
  @Column({ type: "varchar", length: 36, name: "payment_id" })
  paymentId: string;

  @Column({ type: "varchar", length: 36, name: "debt_id" })
  debtId: string;

  @Index("IDX_surety_receipt_surety")
  @Column({ type: "varchar", length: 36, name: "surety_id" })
  suretyId: string;

  /** The debtors the surety has recourse against. */
  @Column({ type: "simple-json", name: "debtor_ids" })
  debtorIds: string[];

  @Field(() => MoneyScalar, { description: "What the surety paid." })
  @Column({ type: "bigint", name: "amount_rappen", transformer: rappenColumn })
  amount: number;

  @Field()
  @Column({ type: "datetime", precision: 3, name: "paid_at" })
  paidAt: Date;

  @Field()
  @Column({ type: "datetime", precision: 3, name: "issued_at" })
  issuedAt: Date;
}

@ObjectType({ description: "A PCD account: authorised consignees and consignors pay customs debts cashless, against invoice, in the centralised settlement procedure (OD-AFD art. 39; DEBT-R09)." })
@Entity("pcd_account")
export class PcdAccount {
  @Field(() => ID)
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index({ unique: true })
  @Column({ type: "varchar", length: 36, name: "holder_id" })
  holderId: string;

  @Field()
  @Column({ type: "boolean" })
  active: boolean;

  @Field(() => [String], { description: "The ACee/ACor roles that opened it (X02)." })
  @Column({ type: "simple-json" })
  roles: string[];

  @Field()
  @Column({ type: "datetime", precision: 3, name: "opened_at" })
  openedAt: Date;
}

@ObjectType({ description: "A fee for a decision or a service (DEBT-R26, LD art. 89; LD art. 68-88 apply by analogy). Amounts are set by the Federal Council and not in our sources: the office enters them." })
@Entity("fee")
export class Fee {
  @Field(() => ID)
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "payer_id" })
  payerId: string;

  @Field({ description: "The decision or service charged." })
  @Column({ type: "varchar", length: 300 })
  basis: string;

  @Field(() => MoneyScalar)
  @Column({ type: "bigint", name: "amount_rappen", transformer: rappenColumn })
  amount: number;

  @Field()
  @Column({ type: "datetime", precision: 3, name: "charged_at" })
  chargedAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: "datetime", precision: 3, name: "paid_at", nullable: true })
  paidAt: Date | null;
}
