import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { WithdrawalReferralStatus } from "./enums";

/**
 * X24 `RepeatedOffencesReferral` (enforcement) as identity keeps it: the referral's own id is the
 * key, so a redelivered or concurrently delivered event records one row.
 */
@ObjectType({
  description:
    "ID-R31, ENF-R06 (OD-AFD art. 9 let. c): enforcement found repeated offences under federal law enforced by the AFD by the holder of e-dec/NCTS authorisations, and refers the matter to the DGD. DESIGN CHOICE (ENF-R06): nothing is automatic; a DGD officer decides: withdraw the authorisation on the ground REPEATED_OFFENCES (the referral becomes WITHDRAWN) or dismiss it (DISMISSED). ENF-R21 DESIGN CHOICE: only the offence cases' numbers are kept here; their details stay in enforcement, and no partner ever sees a referral.",
})
@Entity("withdrawal_referral")
export class WithdrawalReferral {
  @Field(() => ID, { description: "The referral's id in enforcement." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  /** The partner the referral is about: the holder of the authorisations. */
  @Index("IDX_withdrawal_referral_partner")
  @Column({ type: "varchar", length: 36, name: "partner_id" })
  partnerId: string;

  @Field(() => [ID], { description: "The offence cases in enforcement the referral rests on." })
  @Column({ type: "simple-json", name: "case_ids" })
  caseIds: string[];

  @Field(() => [String], { description: "The numbers of those offence cases (ENF-R21: numbers only)." })
  @Column({ type: "simple-json", name: "case_numbers" })
  caseNumbers: string[];

  @Field({ description: "Why enforcement considers the offences repeated (the sources do not define \"repeated\", ENF-R06)." })
  @Column({ type: "text" })
  reason: string;

  @Field({ description: "When enforcement raised the referral." })
  @Column({ type: "datetime", precision: 3, name: "raised_at" })
  raisedAt: Date;

  @Field({ description: "When identity recorded it: from then on the DGD sees it." })
  @Column({ type: "datetime", precision: 3, name: "received_at" })
  receivedAt: Date;

  @Field(() => WithdrawalReferralStatus, { description: "OPEN until the DGD decides; then WITHDRAWN or DISMISSED, or CANCELLED by enforcement before a decision (ENF-R06, DESIGN CHOICE)." })
  @Column({ type: "varchar", length: 16 })
  status: WithdrawalReferralStatus;

  @Field(() => Date, { nullable: true, description: "When the DGD decided, or enforcement cancelled the referral." })
  @Column({ type: "datetime", precision: 3, name: "decided_at", nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: "The DGD officer who decided; `enforcement` for a cancellation." })
  @Column({ type: "varchar", length: 200, name: "decided_by", nullable: true })
  decidedBy: string | null;

  @Field(() => String, { nullable: true, description: "The reason of the withdrawal, the dismissal or the cancellation." })
  @Column({ type: "text", name: "decision_reason", nullable: true })
  decisionReason: string | null;
}
