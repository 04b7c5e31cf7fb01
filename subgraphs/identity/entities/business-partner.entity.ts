import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { Address } from "./address";
import { PartnerEntryMode, PartnerStatus, PartnerType } from "./enums";

@ObjectType({
  description:
    "An FOCBS business partner (ePortal step 2): a natural person, a legal entity, or a branch with its own BER number. Referenced by every other subgraph (declarant, debtor, depositor, offender, ...).",
})
@Directive('@key(fields: "id")')
@Entity("business_partner")
export class BusinessPartner {
  @Field(() => ID, { description: "Opaque, stable identifier: the federation key by which every subgraph references the partner (DOMAIN.md §0.5). Not the UID, which may be null." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Field(() => PartnerType, { description: "Natural person, legal entity or branch (ID-R04, ID-R07). Public register data." })
  @Column({ type: "varchar", length: 24, name: "partner_type" })
  partnerType: PartnerType;

  @Field({ description: "Name as in the UID register or the BER, or as entered manually (ID-R05). Public register data." })
  @Index()
  @Column({ type: "varchar", length: 200 })
  name: string;

  @Field(() => String, { nullable: true, description: "Swiss enterprise identification number, CHE-123.456.789 (null for manual entries and branches)." })
  @Index({ unique: true })
  @Column({ type: "varchar", length: 15, nullable: true })
  uid: string | null;

  @Field(() => String, { nullable: true, description: "BER number of a branch (ID-R07, ePortal step 2)." })
  @Index({ unique: true })
  @Column({ type: "varchar", length: 8, name: "ber_number", nullable: true })
  berNumber: string | null;

  @Column({ type: "varchar", length: 36, name: "head_office_id", nullable: true })
  headOfficeId: string | null;

  @Field(() => Address, { description: "Address from the UID register (ID-R06), or as entered manually." })
  @Column(() => Address, { prefix: "register_" })
  registerAddress: Address;

  @Field(() => PartnerEntryMode, { description: "Whether the partner was found in the UID register (or the BER, for a branch) or entered manually (ID-R05, ePortal step 2)." })
  @Column({ type: "varchar", length: 16, name: "entry_mode" })
  entryMode: PartnerEntryMode;

  @Field(() => Boolean, { nullable: true, description: "Seat or domicile in the customs territory (OD-AFD art. 8 para. 1 let. a; LD art. 42a)." })
  @Column({ type: "boolean", name: "domicile_in_customs_territory", nullable: true })
  domicileInCustomsTerritory: boolean | null;

  @Field(() => PartnerStatus, { description: "ENTERED, VERIFICATION_PENDING once the verification letter is sent, ONBOARDED once a user redeemed the onboarding code (ePortal steps 2-3; the values are a DESIGN CHOICE)." })
  @Column({ type: "varchar", length: 24 })
  status: PartnerStatus;

  /** The portal user who entered the partner (ePortal step 2); may request a new code (ID-R12). */
  @Column({ type: "varchar", length: 36, name: "registered_by_id" })
  registeredById: string;

  @Field({ description: "When a portal user entered the partner (ePortal step 2; ISO 8601 with offset, stored in UTC)." })
  @Column({ type: "datetime", precision: 3, name: "created_at" })
  createdAt: Date;
}
