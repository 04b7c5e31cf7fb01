import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { AeoStatusValue } from "./enums";

@ObjectType({ description: "The four criteria of LD art. 42a para. 1 let. a-d, as assessed by the administration." })
export class AeoCriteria {
  @Field({ description: "let. a: has complied with customs requirements." })
  complianceRecord: boolean;

  @Field({ description: "let. b: a system for managing commercial and transport records allowing customs controls." })
  recordsManagement: boolean;

  @Field({ description: "let. c: proven creditworthiness." })
  solvency: boolean;

  @Field({ description: "let. d: appropriate safety and security standards." })
  safetyAndSecurity: boolean;
}

@ObjectType({ description: "Authorised economic operator status, granted on request (ID-R36, LD art. 42a)." })
@Entity("aeo_status")
export class AeoStatus {
  @Field(() => ID, { description: "Opaque, stable identifier of this AEO request." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "partner_id" })
  partnerId: string;

  @Field(() => AeoStatusValue, { description: "REQUESTED, then GRANTED or REFUSED by the DGD (ID-R36, LD art. 42a)." })
  @Column({ type: "varchar", length: 16 })
  status: AeoStatusValue;

  @Field({ description: "When the partner requested AEO status (ISO 8601 with offset; stored in UTC)." })
  @Column({ type: "datetime", precision: 3, name: "requested_at" })
  requestedAt: Date;

  @Field(() => Date, { nullable: true, description: "When the status was granted (ISO 8601 with offset; stored in UTC); null unless GRANTED." })
  @Column({ type: "datetime", precision: 3, name: "granted_at", nullable: true })
  grantedAt: Date | null;

  @Field(() => AeoCriteria, { nullable: true, description: "The four criteria of LD art. 42a para. 1 as the administration assessed them at its decision; null while REQUESTED." })
  @Column({ type: "simple-json", nullable: true })
  criteria: AeoCriteria | null;

  @Field(() => String, { nullable: true, description: "The administration's reason, when it refused; null otherwise." })
  @Column({ type: "varchar", length: 1000, name: "refusal_reason", nullable: true })
  refusalReason: string | null;
}
