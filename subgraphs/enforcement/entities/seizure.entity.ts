import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { MoneyScalar, rappenColumn } from "../../kit";
import { SeizureKind, SeizureStatus } from "./enums";

@ObjectType({
  description:
    "Goods or things seized: goods presumed smuggled, sequestered as customs pledge (ENF-R20, LD art. 83 para. 3), things used to commit an offence, subject to the pledge (LD art. 82 para. 1 let. b), both handed to debt as a customs pledge (X21); or evidence and values likely to be confiscated, sequestered and forwarded immediately to the competent authority (ENF-R04, LD art. 104).",
})
@Directive('@key(fields: "id")')
@Entity("seizure")
export class Seizure {
  @Field(() => ID, { description: "The seizure's opaque id (federation key; debt's customs pledge names it)." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Field(() => SeizureKind, { description: "What was seized and why: smuggled goods, an offence instrument, or evidence." })
  @Column({ type: "varchar", length: 20 })
  kind: SeizureKind;

  @Field(() => SeizureStatus, { description: "Held, pledged to debt (X21), or forwarded to the competent authority." })
  @Column({ type: "varchar", length: 12 })
  status: SeizureStatus;

  @Index("IDX_seizure_case")
  @Column({ type: "varchar", length: 36, name: "case_id", nullable: true })
  caseId: string | null;

  @Index("IDX_seizure_control")
  @Column({ type: "varchar", length: 36, name: "control_id", nullable: true })
  controlId: string | null;

  @Column({ type: "varchar", length: 36, name: "declaration_id", nullable: true })
  declarationId: string | null;

  @Column({ type: "varchar", length: 36, name: "owner_id", nullable: true })
  ownerId: string | null;

  @Column({ type: "varchar", length: 36, name: "holder_id", nullable: true })
  holderId: string | null;

  @Field({ description: "The objects seized." })
  @Column({ type: "varchar", length: 1000 })
  objects: string;

  @Field(() => MoneyScalar, { nullable: true, description: "Their internal-market value when seized, if known." })
  @Column({ type: "bigint", name: "goods_value", nullable: true, transformer: rappenColumn })
  goodsValue: number | null;

  @Field({ description: "DEBT-R24 (LD art. 87 para. 2): loses value quickly or is expensive to keep." })
  @Column({ type: "boolean" })
  perishable: boolean;

  @Field(() => Date, { nullable: true, description: "When the goods crossed the border, if known (the debt of smuggled goods arises then, LD art. 69 let. c)." })
  @Column({ type: "datetime", precision: 3, name: "crossed_at", nullable: true })
  crossedAt: Date | null;

  @Field({ description: "When the goods or things were seized." })
  @Column({ type: "datetime", precision: 3, name: "seized_at" })
  seizedAt: Date;

  @Field({ description: "Who seized." })
  @Column({ type: "varchar", length: 100, name: "seized_by" })
  seizedBy: string;

  @Field(() => Date, { nullable: true, description: "ENF-R04 (LD art. 104 para. 2): when evidence was forwarded to the competent authority." })
  @Column({ type: "datetime", precision: 3, name: "forwarded_at", nullable: true })
  forwardedAt: Date | null;

  @Field(() => String, { nullable: true, description: "The competent authority evidence was forwarded to (LD art. 104 para. 2)." })
  @Column({ type: "varchar", length: 200, name: "forwarded_to", nullable: true })
  forwardedTo: string | null;
}
