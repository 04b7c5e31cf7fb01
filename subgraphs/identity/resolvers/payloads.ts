import { Field, ObjectType } from "type-graphql";
import { Connection } from "../../kit";
import { AeoStatus } from "../entities/aeo-status.entity";
import { ApiApplication, ApiSubscription } from "../entities/api.entity";
import { CustomsSystemAuthorisation } from "../entities/authorisation.entity";
import { BusinessPartner } from "../entities/business-partner.entity";
import { DeclarantEmployee } from "../entities/declarant-employee.entity";
import { PartnerMembership } from "../entities/membership.entity";
import { OnboardingCode } from "../entities/onboarding-code.entity";
import { PartnerRole } from "../entities/partner-role.entity";
import { PortalUser } from "../entities/portal-user.entity";
import { BerRegisterEntry, UidRegisterEntry } from "../entities/uid-register.entity";
import { WithdrawalReferral } from "../entities/withdrawal-referral.entity";

@ObjectType({ description: "The answer of a mutation on the caller's own ePortal user account (ePortal step 1)." })
export class PortalUserPayload {
  @Field(() => PortalUser, { description: "The portal user as it stands after the mutation." })
  portalUser: PortalUser;
}

@ObjectType({ description: "The answer of registerBusinessPartner (ePortal step 2)." })
export class BusinessPartnerPayload {
  @Field(() => BusinessPartner, { description: "The business partner entered, VERIFICATION_PENDING once its verification letter is sent (ID-R06)." })
  businessPartner: BusinessPartner;
}

@ObjectType({ description: "The answer of requestNewOnboardingCode (ID-R12, ePortal step 3)." })
export class OnboardingCodePayload {
  @Field(() => OnboardingCode, { description: "The new code's record; the code itself is only in the letter." })
  onboardingCode: OnboardingCode;
}

@ObjectType({ description: "The answer of a mutation on a portal user's place at a business partner (redeeming a code, adding, changing or removing a member)." })
export class PartnerMembershipPayload {
  @Field(() => PartnerMembership, { description: "The membership as it stands after the mutation; for removePartnerUser, as it was just before its removal." })
  membership: PartnerMembership;
}

@ObjectType({ description: "The answer of a mutation on a business partner role (ePortal step 4)." })
export class PartnerRolePayload {
  @Field(() => PartnerRole, { description: "The role as it stands after the mutation, with its status." })
  role: PartnerRole;
}

@ObjectType({ description: "The answer of subscribeToApi (ID-R22, ePortal step 5)." })
export class ApiSubscriptionPayload {
  @Field(() => ApiSubscription, { description: "The new, ACTIVE subscription." })
  subscription: ApiSubscription;
}

@ObjectType({ description: "ID-R23 (ePortal step 5): the four keys, displayed only once. Copy them now; they cannot be read again, the consumer key included: if they were not copied, generate new keys." })
export class ApiCredentials {
  @Field({ description: "The access token: partner software sends it as `Authorization: Bearer <token>` to the gateway. Secret, shown once." })
  accessToken: string;

  @Field({ description: "When the access token stops working (ISO 8601 with offset); renew it with renewApiAccessToken before then." })
  accessTokenExpiresAt: Date;

  @Field({ description: "The refresh token, to renew the access token with renewApiAccessToken; rotated on each use. Secret, shown once." })
  refreshToken: string;

  @Field({ description: "When the refresh token stops working (ISO 8601 with offset); after that, renew with consumer key and secret." })
  refreshTokenExpiresAt: Date;

  @Field({ description: "The consumer (customer) key." })
  consumerKey: string;

  @Field({ description: "The consumer (customer) secret." })
  consumerSecret: string;
}

@ObjectType({ description: "The answer of a mutation on an API application (ID-R22, ID-R23, ePortal step 5)." })
export class ApiApplicationPayload {
  @Field(() => ApiApplication, { description: "The application as it stands after the mutation." })
  application: ApiApplication;

  @Field(() => ApiCredentials, {
    nullable: true,
    description: "ID-R23 (ePortal step 5): the four keys, shown once: present only in the answer that issued them (createApiApplication, regenerateApiKeys), never readable later.",
  })
  credentials: ApiCredentials | null;
}

@ObjectType({ description: "A renewed access token (and a rotated refresh token)." })
export class ApiTokenPayload {
  @Field({ description: "The new access token (default lifetime 1 hour, API_ACCESS_TOKEN_TTL_SECONDS). Secret, shown once; earlier access tokens stay valid until they expire." })
  accessToken: string;

  @Field({ description: "When the new access token stops working (ISO 8601 with offset)." })
  accessTokenExpiresAt: Date;

  @Field({ description: "The new refresh token (default lifetime 90 days, API_REFRESH_TOKEN_TTL_SECONDS): a refresh token presented for this renewal is used up. Secret, shown once." })
  refreshToken: string;

  @Field({ description: "When the new refresh token stops working (ISO 8601 with offset)." })
  refreshTokenExpiresAt: Date;
}

@ObjectType({ description: "The answer of a mutation on an e-dec/NCTS authorisation (OD-AFD art. 8-9)." })
export class CustomsSystemAuthorisationPayload {
  @Field(() => CustomsSystemAuthorisation, { description: "The authorisation as it stands after the mutation, with its status." })
  authorisation: CustomsSystemAuthorisation;
}

@ObjectType({ description: "The answer of dismissWithdrawalReferral (ENF-R06, OD-AFD art. 9 let. c)." })
export class WithdrawalReferralPayload {
  @Field(() => WithdrawalReferral, { description: "The referral, now DISMISSED, with the DGD officer's reason." })
  withdrawalReferral: WithdrawalReferral;
}

@ObjectType({ description: "The answer of a mutation on a declaring employee (ID-R32, OD-AFD art. 10)." })
export class DeclarantEmployeePayload {
  @Field(() => DeclarantEmployee, { description: "The employee as it stands after the mutation." })
  employee: DeclarantEmployee;
}

@ObjectType({ description: "The answer of a mutation on an AEO request (ID-R36, LD art. 42a)." })
export class AeoStatusPayload {
  @Field(() => AeoStatus, { description: "The AEO request as it stands after the mutation, with its outcome." })
  aeoStatus: AeoStatus;
}

@ObjectType({ description: "The answer of recordUidRegisterEntry: the entry of the FOCBS mirror of the UID register, as recorded." })
export class UidRegisterEntryPayload {
  @Field(() => UidRegisterEntry, { description: "The entry as recorded (created, or updated when the UID was already there)." })
  uidRegisterEntry: UidRegisterEntry;
}

@ObjectType({ description: "The answer of recordBerRegisterEntry: the branch of the enterprise register (BER), as recorded (ID-R07)." })
export class BerRegisterEntryPayload {
  @Field(() => BerRegisterEntry, { description: "The branch entry as recorded." })
  berRegisterEntry: BerRegisterEntry;
}

@ObjectType({ description: "ID-R09: the terms of use to accept when redeeming an onboarding code." })
export class TermsOfUse {
  @Field({ description: "The version in force; redeemOnboardingCode must name it in `termsVersion`." })
  version: string;
}

export const BusinessPartnerConnection = Connection(BusinessPartner, "BusinessPartner");
export const PartnerRoleConnection = Connection(PartnerRole, "PartnerRole");
export const CustomsSystemAuthorisationConnection = Connection(CustomsSystemAuthorisation, "CustomsSystemAuthorisation");
export const PartnerMembershipConnection = Connection(PartnerMembership, "PartnerMembership");
export const OnboardingCodeConnection = Connection(OnboardingCode, "OnboardingCode");
export const ApiApplicationConnection = Connection(ApiApplication, "ApiApplication");
export const DeclarantEmployeeConnection = Connection(DeclarantEmployee, "DeclarantEmployee");
export const WithdrawalReferralConnection = Connection(WithdrawalReferral, "WithdrawalReferral");

@ObjectType({ description: "A help contact of the ePortal onboarding guide (ID-R39)." })
export class SupportContact {
  @Field({ description: "What the contact helps with." })
  purpose: string;

  @Field({ description: "E-mail address of the contact." })
  email: string;

  @Field({ description: "Telephone number, international format." })
  phone: string;

  @Field({ description: "When the line is staffed (Europe/Zurich)." })
  hours: string;
}
