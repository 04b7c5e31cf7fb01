import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { Address } from "./address";
import { OnboardingCodeStatus } from "./enums";

@ObjectType({
  description:
    "An onboarding code sent by letter (ID-R06 to ID-R12, ePortal steps 2-3). Only a keyed hash of the code is stored; the code itself exists only in the letter.",
})
@Entity("onboarding_code")
export class OnboardingCode {
  @Field(() => ID, { description: "Opaque, stable identifier of the code record; the letter id of the verification letter." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "partner_id" })
  partnerId: string;

  @Index({ unique: true })
  @Column({ type: "varchar", length: 64, name: "code_hash" })
  codeHash: string;

  @Field({ description: "When the code was issued and the letter sent (ID-R06, ID-R12; ISO 8601 with offset, stored in UTC). ID-R11: valid 14 days from the issue date." })
  @Column({ type: "datetime", precision: 3, name: "issued_at" })
  issuedAt: Date;

  @Field({ description: "ID-R11: last valid moment, 23:59:59 Europe/Zurich on the 14th calendar day after the issue date." })
  @Column({ type: "datetime", precision: 3, name: "valid_until" })
  validUntil: Date;

  @Field(() => Address, { description: "Where the letter went (ID-R06; for a branch the head office, ID-R07). Snapshot." })
  @Column(() => Address, { prefix: "delivery_" })
  deliveryAddress: Address;

  /** Stored status; EXPIRED is derived from `validUntil` when read (see the service). */
  @Column({ type: "varchar", length: 16 })
  status: OnboardingCodeStatus;

  @Column({ type: "varchar", length: 36, name: "requested_by_id" })
  requestedById: string;

  @Column({ type: "varchar", length: 36, name: "redeemed_by_id", nullable: true })
  redeemedById: string | null;

  @Field(() => Date, { nullable: true, description: "When a user redeemed the code and became the administrator (ID-R10; ISO 8601 with offset, stored in UTC); null until then." })
  @Column({ type: "datetime", precision: 3, name: "redeemed_at", nullable: true })
  redeemedAt: Date | null;
}

@ObjectType({ description: "ID-R09 (ePortal step 3): the terms of use accepted before redeeming a code." })
@Entity("terms_of_use_acceptance")
export class TermsOfUseAcceptance {
  @Field(() => ID)
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "user_id" })
  userId: string;

  @Field()
  @Column({ type: "varchar", length: 32, name: "terms_version" })
  termsVersion: string;

  @Field()
  @Column({ type: "datetime", precision: 3, name: "accepted_at" })
  acceptedAt: Date;
}
