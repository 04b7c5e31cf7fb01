import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { MoneyScalar, rappenColumn } from "../../kit";
import { AggravatingCircumstance, CaseLinkKind, CasePartyRole, CaseStatus, Culpability, FinePayer, GoodsValueBasis, LeadSource, LeadStatus, OffenceType, OrderBreach, PriorOffence } from "./enums";

@ObjectType({
  description:
    "A case for a customs offence (ENF-R07, LD art. 117) or a breach of order rules (ENF-R17, LD art. 127), prosecuted and judged by the customs administration (ENF-R18, LD art. 128, under the LD and the DPA). It names the suspects and the undertaking, links the declarations, stored lots and pledges concerned, and carries the basis of the fine (duties at stake or value of the goods, aggravating circumstances, concurrence) from which the legal maximum is computed and explained (`fineRange`). An attempt is punishable (ENF-R13, LD art. 123). Only officers with an enforcement role see a case (ENF-R21 DESIGN CHOICE); the person punished sees the decision addressed to it (`PenaltyDecision`), never the investigation.",
})
@Directive('@key(fields: "id")')
@Entity("offence_case")
@Index("IDX_offence_case_payer", ["finePayerId", "decidedAt"])
export class OffenceCase {
  @Field(() => ID, { description: "The case's opaque id (federation key)." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Field({ description: "The case reference, `ENF-<year>-<8 characters>`." })
  @Index("UQ_offence_case_number", { unique: true })
  @Column({ type: "varchar", length: 20, name: "case_number" })
  caseNumber: string;

  @Field(() => OffenceType, { description: "The offence prosecuted (ENF-R07, LD art. 117) or the breach of order rules (ENF-R17, LD art. 127); it sets how the fine's maximum is computed." })
  @Column({ type: "varchar", length: 32, name: "offence_type" })
  offenceType: OffenceType;

  @Field(() => PriorOffence, { nullable: true, description: "ENF-R11 (LD art. 121): for receiving, the offence of the author whose penalty applies." })
  @Column({ type: "varchar", length: 24, name: "prior_offence", nullable: true })
  priorOffence: PriorOffence | null;

  @Field(() => OrderBreach, { nullable: true, description: "ENF-R17 (LD art. 127 para. 1 let. a-b): for a breach of order rules, which kind." })
  @Column({ type: "varchar", length: 24, name: "order_breach", nullable: true })
  orderBreach: OrderBreach | null;

  @Field(() => Culpability, { nullable: true, description: "Intent or negligence, once established (null while unknown)." })
  @Column({ type: "varchar", length: 12, nullable: true })
  culpability: Culpability | null;

  @Field({ description: "ENF-R13 (LD art. 123): an attempt is punishable, with the same maximum." })
  @Column({ type: "boolean" })
  attempt: boolean;

  @Field(() => CaseStatus, { description: "Where the case is in its lifecycle (DOMAIN.md §6.2)." })
  @Index("IDX_offence_case_status")
  @Column({ type: "varchar", length: 20 })
  status: CaseStatus;

  @Field({ description: "What was found, as recorded when the case was opened." })
  @Column({ type: "text" })
  facts: string;

  /** The fact that opened the case from an event (`x07:<declarationId>`, `x22:<pledgeId>`): one case per fact. */
  @Index("UQ_offence_case_origin", { unique: true })
  @Column({ type: "varchar", length: 60, name: "origin_key", nullable: true })
  originKey: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: "ENF-R08, ENF-R09 (LD art. 118 para. 1, 119 para. 1): the duties evaded or endangered; from the taxation of the linked declarations (X08, X09) unless an officer entered them (`dutiesSetByOfficer`) or marked them estimated: a later taxation then no longer replaces them." })
  @Column({ type: "bigint", name: "duties_at_stake", nullable: true, transformer: rappenColumn })
  dutiesAtStake: number | null;

  @Field({ description: "ENF-R08, ENF-R09 (LD art. 118 para. 1, 119 para. 1): an officer entered the duties at stake (an exact amount, e.g. the inaccurately declared part, or an estimate): a taxation of a linked declaration (X08, X09), which gives its total duties, no longer replaces them. False while they come from the taxations." })
  @Column({ type: "boolean", name: "duties_set_by_officer", default: false })
  dutiesSetByOfficer: boolean;

  @Field({ description: "ENF-R08, ENF-R09 (LD art. 118 para. 4, 119 para. 3): the amount could not be determined exactly and was estimated in the administrative procedure." })
  @Column({ type: "boolean", name: "duties_estimated" })
  dutiesEstimated: boolean;

  @Field(() => MoneyScalar, { nullable: true, description: "ENF-R10, ENF-R12 (LD art. 120 para. 4, 122 para. 2): the value of the goods, their internal-market price when the offence was discovered, else set by experts." })
  @Column({ type: "bigint", name: "goods_value", nullable: true, transformer: rappenColumn })
  goodsValue: number | null;

  @Field(() => GoodsValueBasis, { nullable: true, description: "How `goodsValue` was set: the internal-market price at discovery, or by experts (LD art. 120 para. 4, 122 para. 2)." })
  @Column({ type: "varchar", length: 24, name: "goods_value_basis", nullable: true })
  goodsValueBasis: GoodsValueBasis | null;

  @Field(() => [AggravatingCircumstance], { description: "ENF-R14 (LD art. 124)." })
  @Column({ type: "simple-json", name: "aggravating_circumstances" })
  aggravatingCircumstances: AggravatingCircumstance[];

  @Field(() => [OffenceType], { description: "ENF-R16 (LD art. 126 para. 1): the other customs offences the same act constitutes (evasion or endangerment together with prohibited traffic)." })
  @Column({ type: "simple-json", name: "concurrent_offences" })
  concurrentOffences: OffenceType[];

  @Field(() => String, { nullable: true, description: "ENF-R16 (LD art. 126 para. 2): an offence under another act the administration prosecutes that the same act constitutes." })
  @Column({ type: "varchar", length: 300, name: "other_concurrent_offence", nullable: true })
  otherConcurrentOffence: string | null;

  @Field(() => MoneyScalar, { nullable: true, description: "The maximum fine of that other offence, as its act gives it (entered by the officer)." })
  @Column({ type: "bigint", name: "other_concurrent_max_fine", nullable: true, transformer: rappenColumn })
  otherConcurrentMaxFine: number | null;

  @Field(() => MoneyScalar, { nullable: true, description: "ENF-R16 (LD art. 126): the appropriate increase of the most serious offence's maximum, entered with a reason; the source gives no cap." })
  @Column({ type: "bigint", name: "concurrence_increase", nullable: true, transformer: rappenColumn })
  concurrenceIncrease: number | null;

  @Field(() => String, { nullable: true, description: "Why the officer increased the maximum for the concurrence (ENF-R16, LD art. 126)." })
  @Column({ type: "varchar", length: 1000, name: "concurrence_increase_reason", nullable: true })
  concurrenceIncreaseReason: string | null;

  @Field(() => Boolean, { nullable: true, description: "ENF-R10 (LD art. 120 para. 5): prohibited traffic whose import or export could have been authorised: its duties are payable (X23)." })
  @Column({ type: "boolean", name: "authorised_import_or_export", nullable: true })
  authorisedImportOrExport: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "ENF-R10 (LD art. 120 para. 5): the goods are turned back or destroyed: no duties are levied." })
  @Column({ type: "boolean", name: "goods_turned_back_or_destroyed", nullable: true })
  goodsTurnedBackOrDestroyed: boolean | null;

  @Field(() => MoneyScalar, { nullable: true, description: "The fine decided (≤ the legal maximum)." })
  @Column({ type: "bigint", name: "fine_imposed", nullable: true, transformer: rappenColumn })
  fineImposed: number | null;

  @Field(() => FinePayer, { nullable: true, description: "Who pays the fine decided: the person punished or the undertaking (LD art. 125); null before a penalty is decided." })
  @Column({ type: "varchar", length: 12, name: "fine_payer", nullable: true })
  finePayer: FinePayer | null;

  @Column({ type: "varchar", length: 36, name: "fine_payer_id", nullable: true })
  finePayerId: string | null;

  @Field(() => Int, { nullable: true, description: "ENF-R08 to ENF-R10 (LD art. 118 para. 3, 119 para. 2, 120 para. 3): a custodial sentence of up to one year, only with aggravating circumstances." })
  @Column({ type: "integer", name: "custodial_months", nullable: true })
  custodialMonths: number | null;

  @Field(() => String, { nullable: true, description: "The reasons of the penalty decision." })
  @Column({ type: "text", name: "decision_reasons", nullable: true })
  decisionReasons: string | null;

  @Field({ description: "When the case was opened." })
  @Column({ type: "datetime", precision: 3, name: "opened_at" })
  openedAt: Date;

  @Column({ type: "varchar", length: 100, name: "opened_by" })
  openedBy: string;

  @Field(() => Date, { nullable: true, description: "When the penalty was decided; null before, and again after an appeal annulled it." })
  @Column({ type: "datetime", precision: 3, name: "decided_at", nullable: true })
  decidedAt: Date | null;

  @Column({ type: "varchar", length: 100, name: "decided_by", nullable: true })
  decidedBy: string | null;

  @Field(() => Date, { nullable: true, description: "ENF-R23 (LD art. 116): the last instant an appeal against the penalty decision is on time." })
  @Column({ type: "datetime", precision: 3, name: "appeal_deadline", nullable: true })
  appealDeadline: Date | null;

  @Field(() => Date, { nullable: true, description: "When the penalty became final (after its appeal period, no appeal pending); its fine was then handed to debt (`FineImposed`)." })
  @Column({ type: "datetime", precision: 3, name: "final_at", nullable: true })
  finalAt: Date | null;

  @Field(() => Date, { nullable: true, description: "When the case was closed, dismissed or recorded as time-barred." })
  @Column({ type: "datetime", precision: 3, name: "ended_at", nullable: true })
  endedAt: Date | null;

  @Field(() => String, { nullable: true, description: "Why it was closed, dismissed or time-barred." })
  @Column({ type: "varchar", length: 1000, name: "end_reason", nullable: true })
  endReason: string | null;
}

/** A suspect or the undertaking of a case, one row per partner and role, for `BusinessPartner.offenceCases`. */
@Entity("case_party")
@Index("UQ_case_party", ["caseId", "partnerId", "role"], { unique: true })
@Index("IDX_case_party_partner", ["partnerId", "openedAt"])
export class CaseParty {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: "varchar", length: 36, name: "case_id" })
  caseId: string;

  @Column({ type: "varchar", length: 36, name: "partner_id" })
  partnerId: string;

  @Column({ type: "varchar", length: 12 })
  role: CasePartyRole;

  /** The case's opening, copied so a partner's cases page by one index. */
  @Column({ type: "datetime", precision: 3, name: "opened_at" })
  openedAt: Date;
}

/** A declaration, stored lot or pledge a case concerns, with the duties taxation fixed for a declaration. */
@Entity("case_link")
@Index("UQ_case_link", ["caseId", "kind", "refId"], { unique: true })
@Index("IDX_case_link_ref", ["kind", "refId", "openedAt"])
export class CaseLink {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: "varchar", length: 36, name: "case_id" })
  caseId: string;

  @Column({ type: "varchar", length: 12 })
  kind: CaseLinkKind;

  @Column({ type: "varchar", length: 36, name: "ref_id" })
  refId: string;

  /** The duties of the linked declaration's latest taxation (X08, X09), in rappen. */
  @Column({ type: "bigint", nullable: true, transformer: rappenColumn })
  duties: number | null;

  /**
   * When the taxation whose duties the link holds was established (X08, X09; LD art. 118 para. 1):
   * an older one delivered late does not replace them. Null when none came yet, or for a link
   * taxed before the instant was kept (migration 1766200000500).
   */
  @Column({ type: "datetime", precision: 3, nullable: true, name: "duties_established_at" })
  dutiesEstablishedAt: Date | null;

  /** The case's opening, copied so a declaration's cases page by one index. */
  @Column({ type: "datetime", precision: 3, name: "opened_at" })
  openedAt: Date;
}

@ObjectType({
  description:
    "A fact that may be an offence, raised by another subgraph, for an officer to open a case from or dismiss: a lot released from a warehouse without a declaration (X16; DOMAIN.md §6.4 DESIGN CHOICE: a possible case, not opened automatically).",
})
@Entity("lead")
@Index("IDX_lead_partner", ["partnerId", "status"])
export class Lead {
  @Field(() => ID, { description: "The lead's opaque id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Field(() => LeadSource, { description: "Which fact of which subgraph raised the lead." })
  @Column({ type: "varchar", length: 40 })
  source: LeadSource;

  @Index("UQ_lead_origin", { unique: true })
  @Column({ type: "varchar", length: 60, name: "origin_key" })
  originKey: string;

  @Column({ type: "varchar", length: 36, name: "partner_id" })
  partnerId: string;

  @Column({ type: "varchar", length: 36, name: "lot_id", nullable: true })
  lotId: string | null;

  @Field({ description: "What the producing subgraph reported." })
  @Column({ type: "text" })
  facts: string;

  @Field(() => Date, { nullable: true, description: "When the reported event happened, if known." })
  @Column({ type: "datetime", precision: 3, name: "occurred_at", nullable: true })
  occurredAt: Date | null;

  @Field({ description: "When enforcement received the event that raised the lead." })
  @Column({ type: "datetime", precision: 3, name: "received_at" })
  receivedAt: Date;

  @Field(() => LeadStatus, { description: "Whether the lead still waits, gave a case, or was dismissed." })
  @Column({ type: "varchar", length: 12 })
  status: LeadStatus;

  @Column({ type: "varchar", length: 36, name: "case_id", nullable: true })
  caseId: string | null;

  @Field(() => String, { nullable: true, description: "Why the lead was dismissed; null unless DISMISSED." })
  @Column({ type: "varchar", length: 1000, name: "dismissal_reason", nullable: true })
  dismissalReason: string | null;
}
