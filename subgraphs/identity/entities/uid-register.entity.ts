import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { Address } from "./address";
import { PartnerType } from "./enums";

@ObjectType({
  description:
    "An entry of the UID register, as mirrored by FOCBS: public reference data, searchable by anyone (ID-R05, ePortal step 2). The verification letter goes to its address (ID-R06).",
})
@Entity("uid_register_entry")
export class UidRegisterEntry {
  @Field({ description: "CHE-123.456.789" })
  @PrimaryColumn({ type: "varchar", length: 15 })
  uid: string;

  @Field({ description: "Name of the enterprise as in the UID register." })
  @Index()
  @Column({ type: "varchar", length: 200 })
  name: string;

  @Field(() => PartnerType, { description: "NATURAL_PERSON or LEGAL_ENTITY (branches are in the BER, see BerRegisterEntry)." })
  @Column({ type: "varchar", length: 24, name: "partner_type" })
  partnerType: PartnerType;

  @Field(() => Address, { description: "Business address in the UID register: where the verification letter goes (ID-R06), for a branch too (ID-R07)." })
  @Column(() => Address, { prefix: "address_" })
  address: Address;

  @Field({ description: "Seat in the customs territory (Switzerland or a foreign enclave such as Liechtenstein)." })
  @Column({ type: "boolean", name: "domicile_in_customs_territory" })
  domicileInCustomsTerritory: boolean;
}

@ObjectType({ description: "A branch in the enterprise register (BER), with the UID of its head office (ID-R07)." })
@Entity("ber_register_entry")
export class BerRegisterEntry {
  @Field({ description: "BER number of the branch (DESIGN CHOICE: 8 digits; the format is not in the sources)." })
  @PrimaryColumn({ type: "varchar", length: 8, name: "ber_number" })
  berNumber: string;

  @Field({ description: "UID of the branch's head office, CHE-123.456.789: its onboarding code goes to the head office's UID register address (ID-R07)." })
  @Index()
  @Column({ type: "varchar", length: 15, name: "head_office_uid" })
  headOfficeUid: string;

  @Field({ description: "Name of the branch." })
  @Column({ type: "varchar", length: 200 })
  name: string;

  @Field(() => Address, { description: "The branch's own address (the letter still goes to the head office, ID-R07)." })
  @Column(() => Address, { prefix: "address_" })
  address: Address;
}
