import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { RateBasis } from "./enums";

@ObjectType({ description: "A duty rate of the customs tariff for a tariff number and a validity period. Officers maintain the table; DEC-R48 (LD art. 19 para. 1): the rate in force when the customs debt arises applies." })
@Entity("tariff_rate")
@Index(["tariffNumber", "validFrom"], { unique: true })
export class TariffRate {
  @Field(() => ID, { description: "The rate's opaque id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Field({ description: "Tariff number, NNNN.NNNN." })
  @Column({ type: "varchar", length: 9, name: "tariff_number" })
  tariffNumber: string;

  @Field({ description: "The goods of the tariff number, as the tariff describes them." })
  @Column({ type: "varchar", length: 300 })
  description: string;

  @Field(() => RateBasis, { description: "What the rate applies to: gross or net mass, units, or value." })
  @Column({ type: "varchar", length: 24, name: "rate_basis" })
  rateBasis: RateBasis;

  @Field({ description: "CHF per 100 kg or per unit, or a percentage of the value for AD_VALOREM_PERCENT; an exact decimal string." })
  @Column({ type: "varchar", length: 20 })
  rate: string;

  @Field({ description: "First day of validity (YYYY-MM-DD)." })
  @Column({ type: "varchar", length: 10, name: "valid_from" })
  validFrom: string;

  @Field(() => String, { nullable: true, description: "Last day of validity; open-ended when null." })
  @Column({ type: "varchar", length: 10, name: "valid_to", nullable: true })
  validTo: string | null;
}
