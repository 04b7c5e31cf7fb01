import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs } from "../../kit";
import { AeoStatus } from "../entities/aeo-status.entity";
import { ApiSubscription } from "../entities/api.entity";
import { CustomsSystemAuthorisation } from "../entities/authorisation.entity";
import { BusinessPartner } from "../entities/business-partner.entity";
import { DeclarantEmployee } from "../entities/declarant-employee.entity";
import { OnboardingCodeStatus } from "../entities/enums";
import { PartnerMembership } from "../entities/membership.entity";
import { OnboardingCode } from "../entities/onboarding-code.entity";
import { PartnerRole } from "../entities/partner-role.entity";
import { BerRegisterEntry, UidRegisterEntry } from "../entities/uid-register.entity";
import { IdentityContext, requirePartnerScope, scopeOf } from "./context";
import {
  BusinessPartnerFilter,
  PartnerIdInput,
  RecordBerRegisterEntryInput,
  RecordUidRegisterEntryInput,
  RedeemOnboardingCodeInput,
  RegisterBusinessPartnerInput,
} from "./inputs";
import { loaders } from "./loaders";
import { BusinessPartnerConnection, BusinessPartnerPayload, OnboardingCodePayload, PartnerMembershipPayload, SupportContact, TermsOfUse } from "./payloads";

@Resolver(() => BusinessPartner)
export class BusinessPartnerResolver {
  @Query(() => BusinessPartner, { description: "A business partner. Name, UID, type, status and address are public register data for any authenticated caller; the rest is for those who act for it and officers." })
  async businessPartner(@Arg("id", () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<BusinessPartner> {
    ctx.services.access.requireAuthenticated(ctx.principal);
    return ctx.services.partners.get(id);
  }

  @Query(() => BusinessPartnerConnection, { description: "Officers: every partner. Portal users and applications: the partners they act for (ID-R16 overview)." })
  async businessPartners(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg("filter", () => BusinessPartnerFilter, { nullable: true }) filter: BusinessPartnerFilter | null,
    @Ctx() ctx: IdentityContext,
  ) {
    ctx.services.access.requireAuthenticated(ctx.principal);
    return ctx.services.partners.list(await scopeOf(ctx), filter ?? {}, args);
  }

  @Query(() => [UidRegisterEntry], { description: "ID-R05 (ePortal step 2): search the UID register by name or UID. Public reference data; at most 20 hits." })
  async uidRegisterSearch(@Arg("query") query: string, @Ctx() ctx: IdentityContext): Promise<UidRegisterEntry[]> {
    return ctx.services.partners.searchRegister(query);
  }

  @Query(() => TermsOfUse, { description: "ID-R09: the current terms of use (public)." })
  termsOfUse(@Ctx() ctx: IdentityContext): TermsOfUse {
    return { version: ctx.services.config.termsOfUseVersion };
  }

  @Query(() => [SupportContact], { description: "ID-R39 (ePortal steps 1-3, 5, contact section): where to get help with onboarding (public)." })
  onboardingSupport(): SupportContact[] {
    return [
      { purpose: "Technical support, Onboarding Service Centre (steps 1 to 3)", email: "onboarding@bazg.admin.ch", phone: "+41 58 462 60 00", hours: "Monday to Friday 08:00-12:00 and 13:00-17:00" },
      { purpose: "Onboarding hotline, B2B connection (step 5); telephone appointments can be booked", email: "onboarding@bazg.admin.ch", phone: "+41 58 465 22 50", hours: "Monday to Friday 08:00-12:00 and 13:00-17:00" },
    ];
  }

  @Mutation(() => BusinessPartnerPayload, {
    description:
      "ePortal step 2 (ID-R03 to ID-R07): enter a business partner by UID, BER number (branch) or manually. The verification letter with the onboarding code is sent at once (ID-R06); the code of a branch goes to its head office (ID-R07).",
  })
  async registerBusinessPartner(@Arg("input") input: RegisterBusinessPartnerInput, @Ctx() ctx: IdentityContext): Promise<BusinessPartnerPayload> {
    return { businessPartner: await ctx.services.partners.register(ctx.principal, input) };
  }

  @Mutation(() => OnboardingCodePayload, { description: "ID-R12 (ePortal step 3): a new code by letter; earlier unredeemed codes are superseded." })
  async requestNewOnboardingCode(@Arg("input") input: PartnerIdInput, @Ctx() ctx: IdentityContext): Promise<OnboardingCodePayload> {
    return { onboardingCode: await ctx.services.partners.requestNewCode(ctx.principal, input.partnerId) };
  }

  @Mutation(() => PartnerMembershipPayload, {
    description:
      "ePortal step 3 (ID-R08 to ID-R11): redeem the code from the letter after accepting the terms of use; you become the partner's portal administrator. Valid 14 days, single use. DESIGN CHOICE: 5 wrong codes in a row lock redemption for 30 minutes (ONBOARDING_CODE_LOCKED).",
  })
  async redeemOnboardingCode(@Arg("input") input: RedeemOnboardingCodeInput, @Ctx() ctx: IdentityContext): Promise<PartnerMembershipPayload> {
    return { membership: await ctx.services.partners.redeemCode(ctx.principal, input) };
  }

  @Mutation(() => UidRegisterEntry, { description: "Onboarding service: record or update an entry of the FOCBS mirror of the UID register." })
  async recordUidRegisterEntry(@Arg("input") input: RecordUidRegisterEntryInput, @Ctx() ctx: IdentityContext): Promise<UidRegisterEntry> {
    ctx.services.access.requireOfficer(ctx.principal, "ONBOARDING_SERVICE");
    return ctx.services.partners.recordRegisterEntry(Object.assign(new UidRegisterEntry(), input));
  }

  @Mutation(() => BerRegisterEntry, { description: "Onboarding service: record a branch of the enterprise register (BER), for ID-R07." })
  async recordBerRegisterEntry(@Arg("input") input: RecordBerRegisterEntryInput, @Ctx() ctx: IdentityContext): Promise<BerRegisterEntry> {
    ctx.services.access.requireOfficer(ctx.principal, "ONBOARDING_SERVICE");
    return ctx.services.partners.recordBranchEntry(Object.assign(new BerRegisterEntry(), input));
  }

  @FieldResolver(() => BusinessPartner, { nullable: true, description: "The head office of a branch (ID-R07)." })
  async headOffice(@Root() partner: BusinessPartner, @Ctx() ctx: IdentityContext): Promise<BusinessPartner | null> {
    return partner.headOfficeId ? loaders.partner(ctx).load(partner.headOfficeId) : null;
  }

  @FieldResolver(() => Boolean, { description: 'ID-R21 (ePortal step 5): true while an "Authorised consignee", "Authorised consignor" or "Freight" role is ACTIVE.' })
  async apiSelfServiceAvailable(@Root() partner: BusinessPartner, @Ctx() ctx: IdentityContext): Promise<boolean> {
    return ctx.services.roles.apiSelfServiceAvailable(await loaders.rolesOfPartner(ctx).load(partner.id));
  }

  @FieldResolver(() => [PartnerRole], { nullable: true, description: "ID-R16 (ePortal step 4): requested and released roles with their status." })
  async roles(@Root() partner: BusinessPartner, @Ctx() ctx: IdentityContext): Promise<PartnerRole[]> {
    await requirePartnerScope(ctx, partner.id);
    return loaders.rolesOfPartner(ctx).load(partner.id);
  }

  @FieldResolver(() => [PartnerMembership], { nullable: true, description: "Administrator, deputies and users (ID-R17)." })
  async memberships(@Root() partner: BusinessPartner, @Ctx() ctx: IdentityContext): Promise<PartnerMembership[]> {
    await requirePartnerScope(ctx, partner.id);
    return loaders.membershipsOfPartner(ctx).load(partner.id);
  }

  @FieldResolver(() => [OnboardingCode], { nullable: true, description: "Onboarding codes sent, newest first (ID-R06, ID-R12); never the code itself." })
  async onboardingCodes(@Root() partner: BusinessPartner, @Ctx() ctx: IdentityContext): Promise<OnboardingCode[]> {
    await requirePartnerScope(ctx, partner.id);
    return loaders.codesOfPartner(ctx).load(partner.id);
  }

  @FieldResolver(() => [ApiSubscription], { nullable: true, description: "API self-service subscriptions (ID-R22)." })
  async apiSubscriptions(@Root() partner: BusinessPartner, @Ctx() ctx: IdentityContext): Promise<ApiSubscription[]> {
    await requirePartnerScope(ctx, partner.id);
    return loaders.subscriptionsOfPartner(ctx).load(partner.id);
  }

  @FieldResolver(() => [CustomsSystemAuthorisation], { nullable: true, description: "e-dec/NCTS authorisations (OD-AFD art. 8-9)." })
  async customsSystemAuthorisations(@Root() partner: BusinessPartner, @Ctx() ctx: IdentityContext): Promise<CustomsSystemAuthorisation[]> {
    await requirePartnerScope(ctx, partner.id);
    return loaders.authorisationsOfPartner(ctx).load(partner.id);
  }

  @FieldResolver(() => [DeclarantEmployee], { nullable: true, description: "Employees announced to the DGD (ID-R32, OD-AFD art. 10)." })
  async declarantEmployees(@Root() partner: BusinessPartner, @Ctx() ctx: IdentityContext): Promise<DeclarantEmployee[]> {
    await requirePartnerScope(ctx, partner.id);
    return loaders.employeesOfPartner(ctx).load(partner.id);
  }

  @FieldResolver(() => AeoStatus, { nullable: true, description: "The latest AEO request and its outcome (ID-R36, LD art. 42a)." })
  async aeoStatus(@Root() partner: BusinessPartner, @Ctx() ctx: IdentityContext): Promise<AeoStatus | null> {
    await requirePartnerScope(ctx, partner.id);
    return loaders.aeoOfPartner(ctx).load(partner.id);
  }
}

@Resolver(() => OnboardingCode)
export class OnboardingCodeResolver {
  @FieldResolver(() => OnboardingCodeStatus, { description: "ID-R11: ISSUED codes read as EXPIRED after their last valid moment." })
  status(@Root() code: OnboardingCode, @Ctx() ctx: IdentityContext): OnboardingCodeStatus {
    return ctx.services.partners.codeStatus(code);
  }
}
