import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { PortalRole } from "./enums";

@ObjectType({ description: "A portal user's place at a business partner: administrator, deputy or user (ID-R10, ID-R17, ID-R18)." })
@Entity("partner_membership")
@Index(["userId", "partnerId"], { unique: true })
export class PartnerMembership {
  @Field(() => ID, { description: "Opaque, stable identifier of the membership." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "user_id" })
  userId: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "partner_id" })
  partnerId: string;

  @Field(() => PortalRole, { description: "ADMINISTRATOR (the redeemer of the onboarding code, ID-R10), DEPUTY (same rights, ID-R17) or USER (reads only)." })
  @Column({ type: "varchar", length: 16, name: "portal_role" })
  portalRole: PortalRole;

  @Field({ description: "When the user became a member: the code was redeemed or the user was added (ISO 8601 with offset; stored in UTC)." })
  @Column({ type: "datetime", precision: 3 })
  since: Date;
}
