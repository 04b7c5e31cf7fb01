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

  @Field()
  @Index()
  @Column({ type: "varchar", length: 200 })
  name: string;

  @Field(() => PartnerType)
  @Column({ type: "varchar", length: 24, name: "partner_type" })
  partnerType: PartnerType;

  @Field(() => Address)
  @Column(() => Address, { prefix: "address_" })
  address: Address;

  @Field({ description: "Seat in the customs territory (Switzerland or a foreign enclave such as Liechtenstein)." })
  @Column({ type: "boolean", name: "domicile_in_customs_territory" })
  domicileInCustomsTerritory: boolean;
}

@ObjectType({ description: "A branch in the enterprise register (BER), with the UID of its head office (ID-R07)." })
@Entity("ber_register_entry")
export class BerRegisterEntry {
  @Field()
  @PrimaryColumn({ type: "varchar", length: 8, name: "ber_number" })
  berNumber: string;

  @Field()
  @Index()
  @Column({ type: "varchar", length: 15, name: "head_office_uid" })
  headOfficeUid: string;

  @Field()
  @Column({ type: "varchar", length: 200 })
  name: string;

  @Field(() => Address)
  @Column(() => Address, { prefix: "address_" })
  address: Address;
}
