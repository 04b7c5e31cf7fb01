import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import type { OpeningInterval } from "../../kit";

@ObjectType({ description: "Opening of the office's counters on one weekday, Europe/Zurich (DOMAIN.md §0.4 T5)." })
export class OpeningIntervalType {
  @Field(() => Int, { description: "ISO weekday, Monday = 1." })
  weekday: number;

  @Field({ description: "HH:MM" })
  opens: string;

  @Field({ description: "HH:MM" })
  closes: string;
}

@ObjectType({
  description:
    "A customs office (DEC-R83, LD art. 29): its competences, its counter opening hours and the canton whose public holidays apply. Deadlines counted in working days or hours of counter opening use this calendar (DOMAIN.md §0.4 T2-T5).",
})
@Directive('@key(fields: "id")')
@Entity("customs_office")
export class CustomsOffice {
  @Field(() => ID, { description: "The office code." })
  @PrimaryColumn({ type: "varchar", length: 12 })
  id: string;

  @Field({ description: "The office's name." })
  @Column({ type: "varchar", length: 120 })
  name: string;

  @Field({ description: "Canton whose public holidays close the office (T2)." })
  @Column({ type: "varchar", length: 2 })
  canton: string;

  @Field(() => [OpeningIntervalType], { description: "Bounded: the counter opening intervals of one week, at most 35 (recordCustomsOffice's limit). They count the hours of counter opening of T5 (OD-AFD art. 19, 19a); outside them the office is closed." })
  @Column({ type: "simple-json", name: "opening_hours" })
  openingHours: OpeningInterval[];

  @Field(() => [String], { description: "DEC-R83 (LD art. 29): what the office may clear, e.g. IMPORT, EXPORT, TRANSIT, COMMERCIAL_GOODS." })
  @Column({ type: "simple-json" })
  competences: string[];

  @Field({ description: "DEC-R83: the official place of taxation." })
  @Column({ type: "varchar", length: 200, name: "taxation_place" })
  taxationPlace: string;
}
