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
import { WithdrawalReferral } from "../entities/withdrawal-referral.entity";

@ObjectType()
export class PortalUserPayload {
  @Field(() => PortalUser)
  portalUser: PortalUser;
}

@ObjectType()
export class BusinessPartnerPayload {
  @Field(() => BusinessPartner)
  businessPartner: BusinessPartner;
}

@ObjectType()
export class OnboardingCodePayload {
  @Field(() => OnboardingCode, { description: "The new code's record; the code itself is only in the letter." })
  onboardingCode: OnboardingCode;
}

@ObjectType()
export class PartnerMembershipPayload {
  @Field(() => PartnerMembership)
  membership: PartnerMembership;
}

@ObjectType()
export class PartnerRolePayload {
  @Field(() => PartnerRole)
  role: PartnerRole;
}

@ObjectType()
export class ApiSubscriptionPayload {
  @Field(() => ApiSubscription)
  subscription: ApiSubscription;
}

@ObjectType({ description: "ID-R23 (ePortal step 5): the four keys, displayed only once. Copy them now; they cannot be read again, the consumer key included: if they were not copied, generate new keys." })
export class ApiCredentials {
  @Field()
  accessToken: string;

  @Field()
  accessTokenExpiresAt: Date;

  @Field()
  refreshToken: string;

  @Field()
  refreshTokenExpiresAt: Date;

  @Field({ description: "The consumer (customer) key." })
  consumerKey: string;

  @Field({ description: "The consumer (customer) secret." })
  consumerSecret: string;
}

@ObjectType()
export class ApiApplicationPayload {
  @Field(() => ApiApplication)
  application: ApiApplication;

  @Field(() => ApiCredentials, {
    nullable: true,
    description: "ID-R23 (ePortal step 5): the four keys, shown once: present only in the answer that issued them (createApiApplication, regenerateApiKeys), never readable later.",
  })
  credentials: ApiCredentials | null;
}

@ObjectType({ description: "A renewed access token (and a rotated refresh token)." })
export class ApiTokenPayload {
  @Field()
  accessToken: string;

  @Field()
  accessTokenExpiresAt: Date;

  @Field()
  refreshToken: string;

  @Field()
  refreshTokenExpiresAt: Date;
}

@ObjectType()
export class CustomsSystemAuthorisationPayload {
  @Field(() => CustomsSystemAuthorisation)
  authorisation: CustomsSystemAuthorisation;
}

@ObjectType()
export class WithdrawalReferralPayload {
  @Field(() => WithdrawalReferral)
  withdrawalReferral: WithdrawalReferral;
}

@ObjectType()
export class DeclarantEmployeePayload {
  @Field(() => DeclarantEmployee)
  employee: DeclarantEmployee;
}

@ObjectType()
export class AeoStatusPayload {
  @Field(() => AeoStatus)
  aeoStatus: AeoStatus;
}

@ObjectType({ description: "ID-R09: the terms of use to accept when redeeming an onboarding code." })
export class TermsOfUse {
  @Field()
  version: string;
}

export const BusinessPartnerConnection = Connection(BusinessPartner, "BusinessPartner");
export const PartnerRoleConnection = Connection(PartnerRole, "PartnerRole");
export const CustomsSystemAuthorisationConnection = Connection(CustomsSystemAuthorisation, "CustomsSystemAuthorisation");

@ObjectType({ description: "A help contact of the ePortal onboarding guide (ID-R39)." })
export class SupportContact {
  @Field({ description: "What the contact helps with." })
  purpose: string;

  @Field()
  email: string;

  @Field()
  phone: string;

  @Field({ description: "When the line is staffed (Europe/Zurich)." })
  hours: string;
}
