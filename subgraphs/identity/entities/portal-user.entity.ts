import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { PortalUserStatus, SecondFactor } from "./enums";

@ObjectType({ description: "An ePortal user: a CH-LOGIN account registered in ePortal (ID-R01, ePortal step 1)." })
@Directive('@key(fields: "id")')
@Entity("portal_user")
export class PortalUser {
  @Field(() => ID, { description: "Opaque, stable identifier: the federation key other subgraphs use for the user (e.g. who submitted a declaration in the UI)." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Field({ description: "Subject of the CH-LOGIN account (ID-R01). Visible to the user and to officers." })
  @Index({ unique: true })
  @Column({ type: "varchar", length: 200, name: "ch_login_subject" })
  chLoginSubject: string;

  @Field({
    description:
      "E-mail address of the user, for ePortal notifications (ID-R38); the administrator finds users by it to add them (ID-R17). DESIGN CHOICE (the guide is silent): one address, one account, in lower case, enforced by a unique key: an account that merely claims another's address can never be the one an administrator adds (EMAIL_ALREADY_REGISTERED).",
  })
  @Index("UQ_portal_user_email", { unique: true })
  @Column({ type: "varchar", length: 254 })
  email: string;

  @Field(() => SecondFactor, { description: "ID-R02 (ePortal step 1)." })
  @Column({ type: "varchar", length: 24, name: "second_factor" })
  secondFactor: SecondFactor;

  @Field({ description: "ID-R38 (ePortal step 1): the user should keep e-mail notifications on." })
  @Column({ type: "boolean", name: "email_notifications_enabled" })
  emailNotificationsEnabled: boolean;

  @Field({ description: "When the CH-LOGIN account was registered in ePortal (ID-R01; ISO 8601 with offset, stored in UTC)." })
  @Column({ type: "datetime", precision: 3, name: "created_at" })
  createdAt: Date;

  /** Consecutive wrong onboarding codes (ID-R12 design choice: repeated wrong codes lock redemption). */
  @Column({ type: "integer", name: "failed_code_attempts", default: 0 })
  failedCodeAttempts: number;

  @Field(() => Date, { nullable: true, description: "Until when this user may not redeem onboarding codes after repeated wrong codes (DESIGN CHOICE, see redeemOnboardingCode)." })
  @Column({ type: "datetime", precision: 3, name: "redemption_locked_until", nullable: true })
  redemptionLockedUntil: Date | null;

  @Field(() => PortalUserStatus, { description: "REGISTERED until a second factor is set, then SECURED (ID-R02). Derived from `secondFactor`." })
  get status(): PortalUserStatus {
    return this.secondFactor === SecondFactor.NONE ? PortalUserStatus.REGISTERED : PortalUserStatus.SECURED;
  }
}
