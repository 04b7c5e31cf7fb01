import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { MoneyScalar, rappenColumn } from "../../kit";

export enum PledgeObjectKind {
  DUTIABLE_GOODS = "DUTIABLE_GOODS",
  OFFENCE_INSTRUMENT = "OFFENCE_INSTRUMENT",
}
registerEnumType(PledgeObjectKind, {
  name: "PledgeObjectKind",
  description: "DEBT-R19 (LD art. 82 para. 1 let. a-b): dutiable goods, or goods and things used to commit an offence.",
  valuesConfig: {
    DUTIABLE_GOODS: { description: "Dutiable goods (let. a)." },
    OFFENCE_INSTRUMENT: { description: "Goods and things used to commit an offence under customs law or a non-customs act the administration enforces (let. b)." },
  },
});

export enum SequestrationMode {
  TAKEN_INTO_CONTROL = "TAKEN_INTO_CONTROL",
  DISPOSAL_BAN = "DISPOSAL_BAN",
}
registerEnumType(SequestrationMode, {
  name: "SequestrationMode",
  description: "DEBT-R20 (LD art. 83): control of the object taken, or the holder forbidden to dispose of it.",
  valuesConfig: {
    TAKEN_INTO_CONTROL: { description: "The administration took control of the object." },
    DISPOSAL_BAN: { description: "The holder keeps the object but is forbidden to dispose of it." },
  },
});

export enum PledgeStatus {
  ARISEN = "ARISEN",
  SEQUESTERED = "SEQUESTERED",
  RELEASED_AGAINST_SECURITY = "RELEASED_AGAINST_SECURITY",
  RELEASED_WITHOUT_SECURITY = "RELEASED_WITHOUT_SECURITY",
  REALISED = "REALISED",
  HANDED_TO_SURETY = "HANDED_TO_SURETY",
}
registerEnumType(PledgeStatus, {
  name: "PledgeStatus",
  description: "DOMAIN.md §5.2 (LD art. 82-84, 87); HANDED_TO_SURETY: a surety paid every debt the goods secure, and receives them (DEBT-R15, LD art. 78 para. 2).",
  valuesConfig: {
    ARISEN: { description: "Arisen with the debt it secures, ranking before all other rights in rem (LD art. 82 para. 3)." },
    SEQUESTERED: { description: "Asserted by sequestration (LD art. 83)." },
    RELEASED_AGAINST_SECURITY: { description: "Returned to the entitled person against security (LD art. 84 para. 1)." },
    RELEASED_WITHOUT_SECURITY: { description: "Returned without security to an innocent owner not personally liable (LD art. 84 para. 2)." },
    REALISED: { description: "Sold; the proceeds were allocated to the secured debts (LD art. 87)." },
    HANDED_TO_SURETY: { description: "Handed to the surety whose payment settled the debts it secured (LD art. 78 para. 2)." },
  },
});

export enum RealisationMode {
  PUBLIC_AUCTION = "PUBLIC_AUCTION",
  VOLUNTARY_SALE = "VOLUNTARY_SALE",
  IMMEDIATE_SALE = "IMMEDIATE_SALE",
  STOCK_EXCHANGE = "STOCK_EXCHANGE",
}
registerEnumType(RealisationMode, {
  name: "RealisationMode",
  description: "DEBT-R24 (LD art. 87): auction as a rule; voluntary sale with the owner's agreement; immediate sale of perishables; securities on the stock exchange.",
  valuesConfig: {
    PUBLIC_AUCTION: { description: "Public auction under the cantonal law of the place of auction, the rule (LD art. 87 para. 3)." },
    VOLUNTARY_SALE: { description: "Sale by agreement, only with the owner's consent (LD art. 87 para. 3)." },
    IMMEDIATE_SALE: { description: "Immediate sale, without the owner's consent, of goods that lose value quickly or are expensive to keep (LD art. 87 para. 2)." },
    STOCK_EXCHANGE: { description: "Sale of securities on the stock exchange (LD art. 87 para. 4)." },
  },
});

export enum InnocenceGround {
  USED_WITHOUT_FAULT = "USED_WITHOUT_FAULT",
  ACQUIRED_IN_GOOD_FAITH = "ACQUIRED_IN_GOOD_FAITH",
}
registerEnumType(InnocenceGround, {
  name: "InnocenceGround",
  description: "DEBT-R21 (LD art. 84 para. 2 let. b): used in the offence without the owner's fault, or acquired before sequestration without knowing of unmet customs obligations.",
  valuesConfig: {
    USED_WITHOUT_FAULT: { description: "The goods were used in the offence without the owner's fault." },
    ACQUIRED_IN_GOOD_FAITH: { description: "The owner acquired them before the sequestration without knowing that customs obligations were unmet." },
  },
});

@ObjectType({ description: "What the proceeds of a realisation paid, debt by debt (DEBT-R19: in the order the debtor chose, else oldest first — DESIGN CHOICE, the Federal Council's order is not in our sources)." })
export class ProceedsAllocation {
  @Field(() => ID, { description: "The customs debt paid from the proceeds." })
  debtId: string;

  @Field(() => MoneyScalar, { description: "What the proceeds paid on it, CHF." })
  amount: number;
}

@ObjectType({ description: "The customs pledge (DEBT-R19, LD art. 82): a legal lien of the Confederation that arises with the debt it secures and ranks before all other rights in rem." })
@Entity("customs_pledge")
export class CustomsPledge {
  @Field(() => ID, { description: "The pledge's id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Field(() => PledgeObjectKind, { description: "Dutiable goods, or goods and things used to commit an offence (LD art. 82 para. 1)." })
  @Column({ type: "varchar", length: 24, name: "object_kind" })
  objectKind: PledgeObjectKind;

  @Field({ description: "What the pledge is on, as the office described it." })
  @Column({ type: "varchar", length: 1000 })
  description: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "owner_id", nullable: true })
  ownerId: string | null;

  @Column({ type: "simple-json", name: "secured_debt_ids" })
  securedDebtIds: string[];

  @Field({ description: "When the pledge arose: with the earliest debt it secures (LD art. 82 para. 3). Pages of pledges are ordered by it." })
  @Column({ type: "datetime", precision: 3, name: "arisen_at" })
  arisenAt: Date;

  @Field({ description: "DEBT-R24: loses value quickly or is expensive to keep." })
  @Column({ type: "boolean" })
  perishable: boolean;

  @Field({ description: "Negotiable securities, which may be sold on the stock exchange (LD art. 87 para. 4)." })
  @Column({ type: "boolean", name: "is_securities" })
  isSecurities: boolean;

  @Field(() => PledgeStatus, { description: "Where the pledge stands (DOMAIN.md §5.2; LD art. 82-84, 87)." })
  @Column({ type: "varchar", length: 28 })
  status: PledgeStatus;

  @Field(() => SequestrationMode, { nullable: true, description: "How it was sequestered (LD art. 83); null before sequestration." })
  @Column({ type: "varchar", length: 20, name: "sequestration_mode", nullable: true })
  sequestrationMode: SequestrationMode | null;

  @Field(() => Date, { nullable: true, description: "When it was sequestered; null before." })
  @Column({ type: "datetime", precision: 3, name: "sequestered_at", nullable: true })
  sequesteredAt: Date | null;

  @Field(() => Date, { nullable: true, description: "When the goods were returned (LD art. 84) or handed to a surety (LD art. 78 para. 2); null otherwise." })
  @Column({ type: "datetime", precision: 3, name: "released_at", nullable: true })
  releasedAt: Date | null;

  @Field(() => String, { nullable: true, description: "Why the goods were returned or handed over; null otherwise." })
  @Column({ type: "varchar", length: 1000, name: "release_reason", nullable: true })
  releaseReason: string | null;

  /** DEBT-R15 (LD art. 78 para. 2): the surety the goods were handed to, against its payment. */
  @Column({ type: "varchar", length: 36, name: "handed_to_id", nullable: true })
  handedToId: string | null;

  @Field(() => RealisationMode, { nullable: true, description: "How it was realised (LD art. 87); null until then." })
  @Column({ type: "varchar", length: 20, name: "realisation_mode", nullable: true })
  realisationMode: RealisationMode | null;

  @Field(() => MoneyScalar, { nullable: true, description: "What the realisation brought in, CHF; null until then." })
  @Column({ type: "bigint", name: "proceeds_rappen", nullable: true, transformer: rappenColumn })
  proceeds: number | null;

  @Field(() => [ProceedsAllocation], { nullable: true, description: "Bounded: one line per secured debt the proceeds paid, so at most the pledge's secured debts (100 at most). DEBT-R19 (LD art. 82 para. 2): in the order the debtor chose, else oldest first (DESIGN CHOICE); null until realised." })
  @Column({ type: "simple-json", nullable: true })
  allocation: ProceedsAllocation[] | null;

  @Field(() => MoneyScalar, { nullable: true, description: "What is left after the secured debts, for the owner." })
  @Column({ type: "bigint", name: "surplus_rappen", nullable: true, transformer: rappenColumn })
  surplus: number | null;

  @Field(() => Date, { nullable: true, description: "When it was realised; null until then." })
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
  @Field(() => ID, { description: "The case's id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "debt_id" })
  debtId: string;

  @Field({ description: "SEIZURE (LP art. 42) or BANKRUPTCY_CLAIM (LD art. 88)." })
  @Column({ type: "varchar", length: 20 })
  kind: string;

  @Field({ description: "When enforcement was opened (UTC, ISO 8601); it interrupts limitation (LD art. 75 para. 3)." })
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
  @Field(() => ID, { description: "The receipt's id." })
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

  @Field({ description: "When the surety paid (UTC, ISO 8601)." })
  @Column({ type: "datetime", precision: 3, name: "paid_at" })
  paidAt: Date;

  @Field({ description: "When the receipt was issued (UTC, ISO 8601)." })
  @Column({ type: "datetime", precision: 3, name: "issued_at" })
  issuedAt: Date;
}

@ObjectType({ description: "A PCD account: authorised consignees and consignors pay customs debts cashless, against invoice, in the centralised settlement procedure (OD-AFD art. 39; DEBT-R09)." })
@Entity("pcd_account")
export class PcdAccount {
  @Field(() => ID, { description: "The account's id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index({ unique: true })
  @Column({ type: "varchar", length: 36, name: "holder_id" })
  holderId: string;

  @Field({ description: "Open: the holder has an active ACee or ACor role (X02); cash payments are then refused (DEC-R62)." })
  @Column({ type: "boolean" })
  active: boolean;

  @Field(() => [String], { description: "The ACee/ACor roles that opened it (X02)." })
  @Column({ type: "simple-json" })
  roles: string[];

  @Field({ description: "When the account was opened (UTC, ISO 8601)." })
  @Column({ type: "datetime", precision: 3, name: "opened_at" })
  openedAt: Date;
}

@ObjectType({ description: "A fee for a decision or a service (DEBT-R26, LD art. 89; LD art. 68-88 apply by analogy). Amounts are set by the Federal Council and not in our sources: the office enters them." })
@Entity("fee")
export class Fee {
  @Field(() => ID, { description: "The fee's id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "payer_id" })
  payerId: string;

  @Field({ description: "The decision or service charged." })
  @Column({ type: "varchar", length: 300 })
  basis: string;

  @Field(() => MoneyScalar, { description: "The fee, CHF, as the office entered it." })
  @Column({ type: "bigint", name: "amount_rappen", transformer: rappenColumn })
  amount: number;

  @Field({ description: "When it was charged (UTC, ISO 8601)." })
  @Column({ type: "datetime", precision: 3, name: "charged_at" })
  chargedAt: Date;

  @Field(() => Date, { nullable: true, description: "When it was paid; null while unpaid." })
  @Column({ type: "datetime", precision: 3, name: "paid_at", nullable: true })
  paidAt: Date | null;
}
