import { ArrayMinSize, IsBoolean, IsEmail, IsEnum, IsNotEmpty, IsOptional, IsUUID, Length, Matches, MaxLength, ValidateNested } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { AddressInput } from "../entities/address";
import { AeoCriteria } from "../entities/aeo-status.entity";
import {
  AuthorisationScope,
  AuthorisationStatus,
  CustomsSystem,
  PartnerStatus,
  PartnerRoleType,
  PartnerType,
  PortalRole,
  SecondFactor,
  WithdrawalGround,
} from "../entities/enums";
import { ContactPerson } from "../entities/partner-role.entity";

@InputType({ description: "ID-R01 (ePortal step 1): register the logged-in CH-LOGIN account as an ePortal user." })
export class RegisterPortalUserInput {
  @Field()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Field(() => Boolean, { nullable: true, description: "ID-R38: default on." })
  @IsOptional()
  @IsBoolean()
  emailNotificationsEnabled?: boolean | null;
}

@InputType()
export class AddSecondFactorInput {
  @Field(() => SecondFactor, { description: "ID-R02: MTAN (recommended) or AUTHENTICATOR_APP." })
  @IsEnum(SecondFactor)
  kind: SecondFactor;
}

@InputType()
export class UpdatePortalUserProfileInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string | null;

  @Field(() => Boolean, { nullable: true, description: "ID-R38 (ePortal step 1)." })
  @IsOptional()
  @IsBoolean()
  emailNotificationsEnabled?: boolean | null;
}

@InputType({ description: "A partner entered by hand when the UID register search finds nothing (ID-R05)." })
export class ManualPartnerInput {
  @Field(() => PartnerType, { description: "NATURAL_PERSON or LEGAL_ENTITY (ID-R04); branches use berNumber." })
  @IsEnum(PartnerType)
  partnerType: PartnerType;

  @Field()
  @IsNotEmpty()
  @Length(2, 200)
  name: string;

  @Field(() => AddressInput, { description: "ID-R06 DESIGN CHOICE: the verification letter goes here and FOCBS checks it by hand." })
  @ValidateNested()
  address: AddressInput;

  @Field({ description: "Seat or domicile in the customs territory (OD-AFD art. 8 para. 1 let. a)." })
  @IsBoolean()
  domicileInCustomsTerritory: boolean;
}

@InputType({ description: "ePortal step 2: exactly one of uid (ID-R05), berNumber (ID-R07) or manual (ID-R05)." })
export class RegisterBusinessPartnerInput {
  @Field(() => String, { nullable: true, description: "UID as found in the register search, CHE-123.456.789." })
  @IsOptional()
  @Matches(/^CHE[-. ]?\d{3}[.]?\d{3}[.]?\d{3}$/i, { message: "uid must look like CHE-123.456.789" })
  uid?: string | null;

  @Field(() => String, { nullable: true, description: "BER number of a branch (ID-R07). DESIGN CHOICE: 8 digits." })
  @IsOptional()
  @Matches(/^\d{8}$/, { message: "berNumber must be 8 digits" })
  berNumber?: string | null;

  @Field(() => ManualPartnerInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  manual?: ManualPartnerInput | null;
}

@InputType()
export class PartnerIdInput {
  @Field(() => ID)
  @IsUUID()
  partnerId: string;
}

@InputType({ description: "ePortal step 3 (ID-R08 to ID-R11)." })
export class RedeemOnboardingCodeInput {
  @Field({ description: "The code from the verification letter, with or without dashes." })
  @Matches(/^[A-Za-z0-9 -]{16,24}$/, { message: "code must be the 16-character code from the letter" })
  code: string;

  @Field({ description: "ID-R09: the terms of use must be read and accepted." })
  @IsBoolean()
  acceptTermsOfUse: boolean;

  @Field({ description: "The version of the terms of use accepted (see `termsOfUse`)." })
  @IsNotEmpty()
  @MaxLength(32)
  termsVersion: string;
}

@InputType({ description: "ID-R17, ID-R18 (ePortal step 4, note on user administration)." })
export class AddPartnerUserInput {
  @Field(() => ID)
  @IsUUID()
  partnerId: string;

  @Field({ description: "E-mail of a registered ePortal user." })
  @IsEmail()
  email: string;

  @Field(() => PortalRole, { description: "DEPUTY (same rights as the administrator) or USER." })
  @IsEnum(PortalRole)
  portalRole: PortalRole;
}

@InputType()
export class ChangePartnerUserRoleInput {
  @Field(() => ID)
  @IsUUID()
  membershipId: string;

  @Field(() => PortalRole)
  @IsEnum(PortalRole)
  portalRole: PortalRole;
}

@InputType()
export class MembershipIdInput {
  @Field(() => ID)
  @IsUUID()
  membershipId: string;
}

@InputType({ description: "ID-R14 (ePortal step 4): one role at a time, with a contact person where necessary." })
export class RequestPartnerRoleInput {
  @Field(() => ID)
  @IsUUID()
  partnerId: string;

  @Field(() => PartnerRoleType)
  @IsEnum(PartnerRoleType)
  roleType: PartnerRoleType;

  @Field(() => ContactPerson, { nullable: true })
  @IsOptional()
  @ValidateNested()
  contactPerson?: ContactPerson | null;
}

@InputType()
export class RoleIdInput {
  @Field(() => ID)
  @IsUUID()
  roleId: string;
}

@InputType({ description: "An FOCBS decision on a role request (ID-R15)." })
export class RoleDecisionInput {
  @Field(() => ID)
  @IsUUID()
  roleId: string;

  @Field(() => String, { nullable: true, description: "The question (clarification) or the reason (rejection); optional note on release." })
  @IsOptional()
  @Length(3, 1000)
  note?: string | null;
}

@InputType({ description: "ID-R22 (ePortal step 5)." })
export class SubscribeToApiInput {
  @Field(() => ID)
  @IsUUID()
  partnerId: string;

  @Field({ description: 'e.g. "B2B HuB Partner API for Passar declarations" (see `apiCatalogue`).' })
  @IsNotEmpty()
  apiName: string;
}

@InputType({ description: "ID-R22: the application is named after the clearance software." })
export class CreateApiApplicationInput {
  @Field(() => ID)
  @IsUUID()
  subscriptionId: string;

  @Field()
  @IsNotEmpty()
  @Length(2, 120)
  softwareName: string;
}

@InputType()
export class ApiApplicationIdInput {
  @Field(() => ID)
  @IsUUID()
  applicationId: string;
}

@InputType({ description: "Either the refresh token, or the consumer key with the consumer secret." })
export class RenewApiAccessTokenInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  refreshToken?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  consumerKey?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  consumerSecret?: string | null;
}

@InputType({ description: "ID-R25 to ID-R28 (OD-AFD art. 8): the written application for e-dec/NCTS." })
export class ApplyForCustomsSystemAuthorisationInput {
  @Field(() => ID)
  @IsUUID()
  partnerId: string;

  @Field(() => [CustomsSystem])
  @ArrayMinSize(1)
  @IsEnum(CustomsSystem, { each: true })
  systems: CustomsSystem[];

  @Field(() => AuthorisationScope)
  @IsEnum(AuthorisationScope)
  scope: AuthorisationScope;

  @Field(() => Boolean, { nullable: true, description: "ID-R28 (art. 8 para. 5): transit declarations only; no seat condition." })
  @IsOptional()
  @IsBoolean()
  transitOnly?: boolean | null;

  @Field({ description: "Reference of the signed written application." })
  @IsNotEmpty()
  @Length(3, 100)
  writtenApplicationReference: string;

  @Field({ description: "Art. 8 para. 1 let. b." })
  @IsBoolean()
  itEquipmentConfirmed: boolean;

  @Field({ description: "Art. 8 para. 1 let. d." })
  @IsBoolean()
  properConductGuaranteed: boolean;

  @Field(() => String, { nullable: true, description: "Art. 8 para. 2." })
  @IsOptional()
  @Length(5, 300)
  notificationDomicile?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Art. 8 para. 2-3." })
  @IsOptional()
  @IsBoolean()
  dataAccessGranted?: boolean | null;

  @Field(() => String, { nullable: true, description: "Art. 8 para. 3." })
  @IsOptional()
  @Length(5, 300)
  juxtaposedOfficePremises?: string | null;
}

@InputType()
export class AuthorisationIdInput {
  @Field(() => ID)
  @IsUUID()
  authorisationId: string;
}

@InputType()
export class RecordAuthorisationSecurityInput {
  @Field(() => ID)
  @IsUUID()
  authorisationId: string;

  @Field({ description: "Reference of the security (cash deposit, bond) that covers the expected levies." })
  @IsNotEmpty()
  @Length(3, 100)
  securityReference: string;
}

@InputType()
export class RefuseAuthorisationInput {
  @Field(() => ID)
  @IsUUID()
  authorisationId: string;

  @Field()
  @Length(5, 1000)
  reason: string;
}

@InputType({ description: "ID-R31 (OD-AFD art. 9)." })
export class WithdrawAuthorisationInput {
  @Field(() => ID)
  @IsUUID()
  authorisationId: string;

  @Field(() => WithdrawalGround)
  @IsEnum(WithdrawalGround)
  ground: WithdrawalGround;

  @Field()
  @Length(5, 1000)
  reason: string;
}

@InputType({ description: "ENF-R06 (OD-AFD art. 9 let. c): the DGD decides not to withdraw on a referral." })
export class DismissWithdrawalReferralInput {
  @Field(() => ID, { description: "The referral's id (enforcement's)." })
  @IsUUID()
  referralId: string;

  @Field({ description: "Why the DGD does not withdraw the authorisation." })
  @Length(5, 1000)
  reason: string;
}

@InputType({ description: "ID-R32 (OD-AFD art. 10)." })
export class AnnounceDeclarantEmployeeInput {
  @Field(() => ID)
  @IsUUID()
  partnerId: string;

  @Field({ description: "DESIGN CHOICE: 1 to 20 letters or digits." })
  @Matches(/^[A-Za-z0-9]{1,20}$/, { message: "personalNumber must be 1 to 20 letters or digits" })
  personalNumber: string;

  @Field()
  @Length(2, 200)
  name: string;

  @Field(() => ID, { nullable: true, description: "The employee as a natural-person business partner, so that a ban follows the person (ENF-R05)." })
  @IsOptional()
  @IsUUID()
  personId?: string | null;
}

@InputType()
export class EmployeeIdInput {
  @Field(() => ID)
  @IsUUID()
  employeeId: string;
}

@InputType({ description: "LD art. 42a para. 1 let. a-d." })
export class AeoCriteriaInput implements AeoCriteria {
  @Field()
  @IsBoolean()
  complianceRecord: boolean;

  @Field()
  @IsBoolean()
  recordsManagement: boolean;

  @Field()
  @IsBoolean()
  solvency: boolean;

  @Field()
  @IsBoolean()
  safetyAndSecurity: boolean;
}

@InputType()
export class DecideAeoStatusInput {
  @Field(() => ID)
  @IsUUID()
  aeoStatusId: string;

  @Field(() => AeoCriteriaInput)
  @ValidateNested()
  criteria: AeoCriteriaInput;

  @Field(() => String, { nullable: true, description: "Required when refusing." })
  @IsOptional()
  @Length(5, 1000)
  reason?: string | null;
}

@InputType({ description: "An entry of the FOCBS mirror of the UID register (onboarding service)." })
export class RecordUidRegisterEntryInput {
  @Field()
  @Matches(/^CHE[-. ]?\d{3}[.]?\d{3}[.]?\d{3}$/i, { message: "uid must look like CHE-123.456.789" })
  uid: string;

  @Field()
  @Length(2, 200)
  name: string;

  @Field(() => PartnerType)
  @IsEnum(PartnerType)
  partnerType: PartnerType;

  @Field(() => AddressInput)
  @ValidateNested()
  address: AddressInput;

  @Field()
  @IsBoolean()
  domicileInCustomsTerritory: boolean;
}

@InputType({ description: "A branch of the enterprise register (BER) with its head office UID." })
export class RecordBerRegisterEntryInput {
  @Field()
  @Matches(/^\d{8}$/, { message: "berNumber must be 8 digits" })
  berNumber: string;

  @Field()
  @Matches(/^CHE[-. ]?\d{3}[.]?\d{3}[.]?\d{3}$/i, { message: "headOfficeUid must look like CHE-123.456.789" })
  headOfficeUid: string;

  @Field()
  @Length(2, 200)
  name: string;

  @Field(() => AddressInput)
  @ValidateNested()
  address: AddressInput;
}

@InputType()
export class BusinessPartnerFilter {
  @Field(() => PartnerStatus, { nullable: true })
  @IsOptional()
  status?: PartnerStatus | null;

  @Field(() => PartnerType, { nullable: true })
  @IsOptional()
  partnerType?: PartnerType | null;

  @Field(() => String, { nullable: true, description: "Part of the name or UID." })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;
}

export { AuthorisationStatus };
