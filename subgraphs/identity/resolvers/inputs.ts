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
  @Field({ description: "E-mail address for ePortal notifications (ID-R38); up to 254 characters." })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Field(() => Boolean, { nullable: true, description: "ID-R38: default on." })
  @IsOptional()
  @IsBoolean()
  emailNotificationsEnabled?: boolean | null;
}

@InputType({ description: "ID-R02 (ePortal step 1): the second factor the user set up." })
export class AddSecondFactorInput {
  @Field(() => SecondFactor, { description: "ID-R02: MTAN (recommended) or AUTHENTICATOR_APP." })
  @IsEnum(SecondFactor)
  kind: SecondFactor;
}

@InputType({ description: "ID-R38 (ePortal step 1): the profile of the logged-in user; omitted fields stay as they are." })
export class UpdatePortalUserProfileInput {
  @Field(() => String, { nullable: true, description: "New e-mail address; omitted or null keeps the current one." })
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

  @Field({ description: "Name of the person or entity, 2 to 200 characters." })
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

  @Field(() => ManualPartnerInput, { nullable: true, description: "Manual entry, when the UID register search finds nothing (ID-R05)." })
  @IsOptional()
  @ValidateNested()
  manual?: ManualPartnerInput | null;
}

@InputType({ description: "A business partner, by id." })
export class PartnerIdInput {
  @Field(() => ID, { description: "Id of the business partner." })
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
  @Field(() => ID, { description: "Id of the business partner the user is to act for." })
  @IsUUID()
  partnerId: string;

  @Field({ description: "E-mail of a registered ePortal user." })
  @IsEmail()
  email: string;

  @Field(() => PortalRole, { description: "DEPUTY (same rights as the administrator) or USER." })
  @IsEnum(PortalRole)
  portalRole: PortalRole;
}

@InputType({ description: "ID-R17: a new portal role for a member of a partner." })
export class ChangePartnerUserRoleInput {
  @Field(() => ID, { description: "Id of the membership to change." })
  @IsUUID()
  membershipId: string;

  @Field(() => PortalRole, { description: "The new portal role, DEPUTY or USER: nobody is made ADMINISTRATOR this way (the administrator is whoever redeems the onboarding code, ID-R10), and an administrator changes only while another remains (LAST_ADMINISTRATOR)." })
  @IsEnum(PortalRole)
  portalRole: PortalRole;
}

@InputType({ description: "A membership of a portal user at a business partner, by id." })
export class MembershipIdInput {
  @Field(() => ID, { description: "Id of the membership." })
  @IsUUID()
  membershipId: string;
}

@InputType({ description: "ID-R14 (ePortal step 4): one role at a time, with a contact person where necessary." })
export class RequestPartnerRoleInput {
  @Field(() => ID, { description: "Id of the onboarded business partner that requests the role (ID-R13)." })
  @IsUUID()
  partnerId: string;

  @Field(() => PartnerRoleType, { description: "The one role requested (ID-R14: one at a time). Refused (ROLE_ALREADY_REQUESTED) while the partner has the same role requested, in clarification or active." })
  @IsEnum(PartnerRoleType)
  roleType: PartnerRoleType;

  @Field(() => ContactPerson, { nullable: true, description: "Contact person for FOCBS's queries, where necessary (ID-R14)." })
  @IsOptional()
  @ValidateNested()
  contactPerson?: ContactPerson | null;
}

@InputType({ description: "A business partner role request, by id." })
export class RoleIdInput {
  @Field(() => ID, { description: "Id of the role request." })
  @IsUUID()
  roleId: string;
}

@InputType({ description: "An FOCBS decision on a role request (ID-R15)." })
export class RoleDecisionInput {
  @Field(() => ID, { description: "Id of the role request decided on." })
  @IsUUID()
  roleId: string;

  @Field(() => String, { nullable: true, description: "The question (clarification) or the reason (rejection); optional note on release." })
  @IsOptional()
  @Length(3, 1000)
  note?: string | null;
}

@InputType({ description: "ID-R22 (ePortal step 5)." })
export class SubscribeToApiInput {
  @Field(() => ID, { description: "Id of the business partner that subscribes; it needs an ACTIVE ACee, ACor or Freight role (ID-R21)." })
  @IsUUID()
  partnerId: string;

  @Field({ description: 'e.g. "B2B HuB Partner API for Passar declarations" (see `apiCatalogue`).' })
  @IsNotEmpty()
  apiName: string;
}

@InputType({ description: "ID-R22: the application is named after the clearance software." })
export class CreateApiApplicationInput {
  @Field(() => ID, { description: "Id of the ACTIVE subscription the application is created under." })
  @IsUUID()
  subscriptionId: string;

  @Field({ description: "Name of the clearance software the keys are for (ID-R22), 2 to 120 characters." })
  @IsNotEmpty()
  @Length(2, 120)
  softwareName: string;
}

@InputType({ description: "An API application, by id." })
export class ApiApplicationIdInput {
  @Field(() => ID, { description: "Id of the ACTIVE API application." })
  @IsUUID()
  applicationId: string;
}

@InputType({ description: "Either the refresh token, or the consumer key with the consumer secret." })
export class RenewApiAccessTokenInput {
  @Field(() => String, { nullable: true, description: "The current refresh token; it is used up by the renewal. Give either this, or consumerKey with consumerSecret." })
  @IsOptional()
  @MaxLength(200)
  refreshToken?: string | null;

  @Field(() => String, { nullable: true, description: "The consumer key shown when the keys were issued (ID-R23); with consumerSecret." })
  @IsOptional()
  @MaxLength(200)
  consumerKey?: string | null;

  @Field(() => String, { nullable: true, description: "The consumer secret shown when the keys were issued (ID-R23); with consumerKey." })
  @IsOptional()
  @MaxLength(200)
  consumerSecret?: string | null;
}

@InputType({ description: "ID-R25 to ID-R28 (OD-AFD art. 8): the written application for e-dec/NCTS." })
export class ApplyForCustomsSystemAuthorisationInput {
  @Field(() => ID, { description: "Id of the business partner (the declarant) that applies." })
  @IsUUID()
  partnerId: string;

  @Field(() => [CustomsSystem], { description: "e-dec, NCTS or both; at least one (OD-AFD art. 8 para. 1)." })
  @ArrayMinSize(1)
  @IsEnum(CustomsSystem, { each: true })
  systems: CustomsSystem[];

  @Field(() => AuthorisationScope, { description: "The paragraph of OD-AFD art. 8 the application falls under: domestic (para. 1), foreign border region for imports (para. 2) or juxtaposed office for exports (para. 3)." })
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

@InputType({ description: "An e-dec/NCTS authorisation, by id." })
export class AuthorisationIdInput {
  @Field(() => ID, { description: "Id of the e-dec/NCTS authorisation." })
  @IsUUID()
  authorisationId: string;
}

@InputType({ description: "ID-R25 (OD-AFD art. 8 para. 1 let. c): the security for the expected levies, as recorded by the DGD." })
export class RecordAuthorisationSecurityInput {
  @Field(() => ID, { description: "Id of the e-dec/NCTS authorisation the security is for." })
  @IsUUID()
  authorisationId: string;

  @Field({ description: "Reference of the security (cash deposit, bond) that covers the expected levies." })
  @IsNotEmpty()
  @Length(3, 100)
  securityReference: string;
}

@InputType({ description: "ID-R29 (OD-AFD art. 8 para. 6): the DGD refuses an application, with the reason." })
export class RefuseAuthorisationInput {
  @Field(() => ID, { description: "Id of the e-dec/NCTS authorisation to refuse." })
  @IsUUID()
  authorisationId: string;

  @Field({ description: "Why the DGD refuses, 5 to 1000 characters; the declarant sees it." })
  @Length(5, 1000)
  reason: string;
}

@InputType({ description: "ID-R31 (OD-AFD art. 9)." })
export class WithdrawAuthorisationInput {
  @Field(() => ID, { description: "Id of the GRANTED authorisation to withdraw." })
  @IsUUID()
  authorisationId: string;

  @Field(() => WithdrawalGround, { description: "The ground of OD-AFD art. 9 let. a-c." })
  @IsEnum(WithdrawalGround)
  ground: WithdrawalGround;

  @Field({ description: "Why the DGD withdraws, 5 to 1000 characters; the declarant sees it." })
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
  @Field(() => ID, { description: "Id of the declarant (business partner) that employs the person." })
  @IsUUID()
  partnerId: string;

  @Field({ description: "DESIGN CHOICE: 1 to 20 letters or digits." })
  @Matches(/^[A-Za-z0-9]{1,20}$/, { message: "personalNumber must be 1 to 20 letters or digits" })
  personalNumber: string;

  @Field({ description: "Name of the employee, 2 to 200 characters." })
  @Length(2, 200)
  name: string;

  @Field(() => ID, { nullable: true, description: "The employee as a natural-person business partner, so that a ban follows the person (ENF-R05)." })
  @IsOptional()
  @IsUUID()
  personId?: string | null;
}

@InputType({ description: "A declaring employee, by id." })
export class EmployeeIdInput {
  @Field(() => ID, { description: "Id of the declaring employee." })
  @IsUUID()
  employeeId: string;
}

@InputType({ description: "LD art. 42a para. 1 let. a-d." })
export class AeoCriteriaInput implements AeoCriteria {
  @Field({ description: "LD art. 42a para. 1 let. a: has complied with customs requirements." })
  @IsBoolean()
  complianceRecord: boolean;

  @Field({ description: "LD art. 42a para. 1 let. b: a system for managing commercial and, where relevant, transport records that allows appropriate customs controls." })
  @IsBoolean()
  recordsManagement: boolean;

  @Field({ description: "LD art. 42a para. 1 let. c: proven creditworthiness." })
  @IsBoolean()
  solvency: boolean;

  @Field({ description: "LD art. 42a para. 1 let. d: appropriate safety and security standards." })
  @IsBoolean()
  safetyAndSecurity: boolean;
}

@InputType({ description: "ID-R36 (LD art. 42a): the administration's decision on an AEO request, with the criteria as assessed." })
export class DecideAeoStatusInput {
  @Field(() => ID, { description: "Id of the REQUESTED AEO request." })
  @IsUUID()
  aeoStatusId: string;

  @Field(() => AeoCriteriaInput, { description: "The four criteria of LD art. 42a para. 1 as the administration assessed them." })
  @ValidateNested()
  criteria: AeoCriteriaInput;

  @Field(() => String, { nullable: true, description: "Required when refusing." })
  @IsOptional()
  @Length(5, 1000)
  reason?: string | null;
}

@InputType({ description: "An entry of the FOCBS mirror of the UID register (onboarding service)." })
export class RecordUidRegisterEntryInput {
  @Field({ description: "UID, CHE-123.456.789 (dots, dashes and spaces optional); its check digit must be valid. An existing entry with this UID is updated." })
  @Matches(/^CHE[-. ]?\d{3}[.]?\d{3}[.]?\d{3}$/i, { message: "uid must look like CHE-123.456.789" })
  uid: string;

  @Field({ description: "Name of the enterprise, 2 to 200 characters." })
  @Length(2, 200)
  name: string;

  @Field(() => PartnerType, { description: "NATURAL_PERSON or LEGAL_ENTITY; branches are recorded with recordBerRegisterEntry." })
  @IsEnum(PartnerType)
  partnerType: PartnerType;

  @Field(() => AddressInput, { description: "Business address in the UID register: where verification letters go (ID-R06)." })
  @ValidateNested()
  address: AddressInput;

  @Field({ description: "Seat in the customs territory (Switzerland or a foreign enclave such as Liechtenstein)." })
  @IsBoolean()
  domicileInCustomsTerritory: boolean;
}

@InputType({ description: "A branch of the enterprise register (BER) with its head office UID." })
export class RecordBerRegisterEntryInput {
  @Field({ description: "BER number of the branch: 8 digits (DESIGN CHOICE)." })
  @Matches(/^\d{8}$/, { message: "berNumber must be 8 digits" })
  berNumber: string;

  @Field({ description: "UID of the head office, CHE-123.456.789; it must be in the UID register mirror." })
  @Matches(/^CHE[-. ]?\d{3}[.]?\d{3}[.]?\d{3}$/i, { message: "headOfficeUid must look like CHE-123.456.789" })
  headOfficeUid: string;

  @Field({ description: "Name of the branch, 2 to 200 characters." })
  @Length(2, 200)
  name: string;

  @Field(() => AddressInput, { description: "The branch's own address." })
  @ValidateNested()
  address: AddressInput;
}

@InputType({ description: "Narrows `businessPartners`; every criterion given must hold." })
export class BusinessPartnerFilter {
  @Field(() => PartnerStatus, { nullable: true, description: "Only partners in this status." })
  @IsOptional()
  status?: PartnerStatus | null;

  @Field(() => PartnerType, { nullable: true, description: "Only partners of this type." })
  @IsOptional()
  partnerType?: PartnerType | null;

  @Field(() => String, { nullable: true, description: "Part of the name or UID." })
  @IsOptional()
  @MaxLength(100)
  search?: string | null;
}

export { AuthorisationStatus };
