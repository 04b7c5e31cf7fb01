import { IsEmail, IsNotEmpty, IsOptional, Length, Matches } from "class-validator";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { PartnerRoleType, RoleStatus } from "./enums";

@ObjectType({ description: "Contact person for queries about a role (ID-R14, ePortal step 4)." })
@InputType("ContactPersonInput", { description: "Contact person for FOCBS's queries about a role request (ID-R14, ePortal step 4): a name, and an e-mail address or telephone number where useful." })
export class ContactPerson {
  @Field({ description: "Name of the contact person, 1 to 200 characters." })
  @Column({ type: "varchar", length: 200, nullable: true })
  @IsNotEmpty()
  @Length(1, 200)
  name: string;

  @Field(() => String, { nullable: true, description: "E-mail address of the contact person, if given." })
  @Column({ type: "varchar", length: 254, nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string | null;

  @Field(() => String, { nullable: true, description: "Telephone number of the contact person, if given: 6 to 20 digits, optionally with + and spaces." })
  @Column({ type: "varchar", length: 32, nullable: true })
  @IsOptional()
  @Matches(/^\+?[0-9 ]{6,20}$/, { message: "phone must be 6 to 20 digits, optionally with + and spaces" })
  phone?: string | null;
}

/**
 * One change of a role's status (`PartnerRole.history`): a value type, never stored, built from the
 * role's kept versions (issue 15; services/role.service.ts `roleHistory`).
 */
@ObjectType({
  description:
    "A change of a role's status (ID-R14 to ID-R16, ePortal step 4) as the administration recorded it, read from the role's kept history (issue 15): the status the role entered, when, and the note recorded with it. Who made the change is not listed: the role keeps who requested it and who took FOCBS's last decision, not who made each change (a removal records no one).",
})
export class PartnerRoleChange {
  @Field(() => Date, { description: "When the administration recorded the change (the instant its write was stamped with; ISO 8601 with offset, stored in UTC). For a role older than its history, its request instant." })
  at: Date;

  @Field(() => RoleStatus, { description: "The status the role entered: REQUESTED (ID-R14), IN_CLARIFICATION or ACTIVE (ID-R15: released by FOCBS, at once for most roles), REJECTED (DESIGN CHOICE, DOMAIN.md §2.2) or REMOVED (ID-R16)." })
  status: RoleStatus;

  @Field(() => String, {
    nullable: true,
    description: "The note recorded with the change: FOCBS's question (IN_CLARIFICATION), its note on release (ACTIVE) or the reason for a rejection (REJECTED). Null when the change left the role's note as it was (a request, a removal, a release without a note). The one entry of a role older than its history carries the note the role had when the history began.",
  })
  decisionNote: string | null;
}

@ObjectType({ description: "A business partner role (ePortal step 4): requested one at a time (ID-R14) and released by FOCBS (ID-R15)." })
@Entity("partner_role")
export class PartnerRole {
  @Field(() => ID, { description: "Opaque, stable identifier of this role request." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "partner_id" })
  partnerId: string;

  @Field(() => PartnerRoleType, { description: "The business partner role requested (ePortal step 4)." })
  @Column({ type: "varchar", length: 32, name: "role_type" })
  roleType: PartnerRoleType;

  @Field(() => RoleStatus, { description: "REQUESTED, IN_CLARIFICATION, ACTIVE (released by FOCBS, ID-R15), REJECTED or REMOVED (DESIGN CHOICE names, DOMAIN.md §2.2)." })
  @Column({ type: "varchar", length: 24 })
  status: RoleStatus;

  @Field(() => ContactPerson, { nullable: true, description: "The contact person for queries about this role, when one was given (ID-R14: \"where necessary\")." })
  @Column(() => ContactPerson, { prefix: "contact_" })
  contactPerson: ContactPerson | null;

  @Column({ type: "varchar", length: 36, name: "requested_by_id" })
  requestedById: string;

  @Field({ description: "When the administrator or deputy requested the role (ID-R13, ID-R14; ISO 8601 with offset, stored in UTC)." })
  @Column({ type: "datetime", precision: 3, name: "requested_at" })
  requestedAt: Date;

  @Field(() => Date, { nullable: true, description: "When FOCBS released the role (ID-R15)." })
  @Column({ type: "datetime", precision: 3, name: "released_at", nullable: true })
  releasedAt: Date | null;

  @Field(() => String, { nullable: true, description: "What FOCBS asked in clarification, or why it rejected the role." })
  @Column({ type: "varchar", length: 1000, name: "decision_note", nullable: true })
  decisionNote: string | null;

  @Column({ type: "varchar", length: 200, name: "decided_by", nullable: true })
  decidedBy: string | null;

  @Field(() => Date, { nullable: true, description: "When the role was rejected by FOCBS or removed by the administrator (ID-R16; ISO 8601 with offset, stored in UTC); null while requested, in clarification or active." })
  @Column({ type: "datetime", precision: 3, name: "ended_at", nullable: true })
  endedAt: Date | null;
}
