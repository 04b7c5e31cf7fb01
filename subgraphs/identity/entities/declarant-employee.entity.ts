import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

@ObjectType({
  description:
    "An employee entitled to declare through e-dec/NCTS, announced to the DGD with a personal number (ID-R32, OD-AFD art. 10). Every declaration names one (ID-R33, OD-AFD art. 11; checked by the declarations subgraph from the DeclarantEmployee events). ID-R37 (LD art. 109 para. 1: professional declarants need the required skills) is declined here: bans on professional declarants are decided in enforcement (ENF-R05) and follow the person through `personId`.",
})
@Entity("declarant_employee")
@Index(["partnerId", "personalNumber"], { unique: true })
export class DeclarantEmployee {
  @Field(() => ID, { description: "Opaque, stable identifier of the employee record." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "partner_id" })
  partnerId: string;

  @Field({ description: "The personal number stated on each declaration (OD-AFD art. 11)." })
  @Column({ type: "varchar", length: 20, name: "personal_number" })
  personalNumber: string;

  @Field({ description: "Name of the employee as announced to the DGD (ID-R32, OD-AFD art. 10)." })
  @Column({ type: "varchar", length: 200 })
  name: string;

  /** The natural person, so that a ban follows the person across companies (DESIGN CHOICE, ENF-R05). */
  @Column({ type: "varchar", length: 36, name: "person_id", nullable: true })
  personId: string | null;

  @Field({ description: "Whether the employee may still declare: false once the declarant reported the change (OD-AFD art. 10). Declarations naming an inactive personal number are refused (ID-R33, DESIGN CHOICE)." })
  @Column({ type: "boolean" })
  active: boolean;

  @Field({ description: "When the employee was announced to the DGD (ID-R32; ISO 8601 with offset, stored in UTC)." })
  @Column({ type: "datetime", precision: 3, name: "announced_at" })
  announcedAt: Date;

  @Field(() => Date, { nullable: true, description: "When the change was reported (OD-AFD art. 10: immediately)." })
  @Column({ type: "datetime", precision: 3, name: "deactivated_at", nullable: true })
  deactivatedAt: Date | null;
}
