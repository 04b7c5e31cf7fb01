import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs } from "../../kit";
import { AeoStatus } from "../entities/aeo-status.entity";
import { ApiSubscription } from "../entities/api.entity";
import { BusinessPartner } from "../entities/business-partner.entity";
import { OnboardingCodeStatus } from "../entities/enums";
import { OnboardingCode } from "../entities/onboarding-code.entity";
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
import {
  BerRegisterEntryPayload,
  BusinessPartnerConnection,
  BusinessPartnerPayload,
  CustomsSystemAuthorisationConnection,
  DeclarantEmployeeConnection,
  OnboardingCodeConnection,
  OnboardingCodePayload,
  PartnerMembershipConnection,
  PartnerMembershipPayload,
  PartnerRoleConnection,
  SupportContact,
  TermsOfUse,
  UidRegisterEntryPayload,
} from "./payloads";

@Resolver(() => BusinessPartner)
export class BusinessPartnerResolver {
  @Query(() => BusinessPartner, { description: "A business partner. Name, UID, type, status and address are public register data for any authenticated caller; the rest is for those who act for it and officers." })
  async businessPartner(@Arg("id", () => ID, { description: "The partner's id (the federation key every subgraph uses)." }) id: string, @Ctx() ctx: IdentityContext): Promise<BusinessPartner> {
    ctx.services.access.requireAuthenticated(ctx.principal);
    return ctx.services.partners.get(id);
  }

  @Query(() => BusinessPartnerConnection, { description: "Officers: every partner. Portal users and applications: the partners they act for (ID-R16 overview)." })
  async businessPartners(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg("filter", () => BusinessPartnerFilter, { nullable: true, description: "Narrows the list by status, type, or part of the name or UID; all criteria given must hold." }) filter: BusinessPartnerFilter | null,
    @Ctx() ctx: IdentityContext,
  ) {
    ctx.services.access.requireAuthenticated(ctx.principal);
    return ctx.services.partners.list(await scopeOf(ctx), filter ?? {}, args);
  }

  @Query(() => [UidRegisterEntry], {
    description:
      "Bounded: at most 20 hits, by name A to Z (the code's choice: refine the search rather than page through it). ID-R05 (ePortal step 2): search the UID register by name or UID. Public reference data, open to anonymous callers.",
  })
  async uidRegisterSearch(
    @Arg("query", { description: "At least two characters: a UID (CHE-123.456.789, with or without dots and dashes) finds that entry; anything else is matched case-insensitively anywhere in the name." }) query: string, @Ctx() ctx: IdentityContext): Promise<UidRegisterEntry[]> {
    return ctx.services.partners.searchRegister(query);
  }

  @Query(() => TermsOfUse, { description: "ID-R09: the current terms of use (public)." })
  termsOfUse(@Ctx() ctx: IdentityContext): TermsOfUse {
    return { version: ctx.services.config.termsOfUseVersion };
  }

  @Query(() => [SupportContact], {
    description:
      "Bounded: the two contacts the ePortal onboarding guide names (Onboarding Service Centre for steps 1 to 3, onboarding hotline for step 5). ID-R39 (ePortal steps 1-3, 5, contact section): where to get help with onboarding (public). Help text, not a business rule.",
  })
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
  async registerBusinessPartner(@Arg("input", { description: "Exactly one of uid, berNumber or manual." }) input: RegisterBusinessPartnerInput, @Ctx() ctx: IdentityContext): Promise<BusinessPartnerPayload> {
    return { businessPartner: await ctx.services.partners.register(ctx.principal, input) };
  }

  @Mutation(() => OnboardingCodePayload, { description: "ID-R12 (ePortal step 3): a new code by letter; earlier unredeemed codes are superseded." })
  async requestNewOnboardingCode(@Arg("input", { description: "The partner the new code is for." }) input: PartnerIdInput, @Ctx() ctx: IdentityContext): Promise<OnboardingCodePayload> {
    return { onboardingCode: await ctx.services.partners.requestNewCode(ctx.principal, input.partnerId) };
  }

  @Mutation(() => PartnerMembershipPayload, {
    description:
      "ePortal step 3 (ID-R08 to ID-R11): redeem the code from the letter after accepting the terms of use; you become the partner's portal administrator. Valid 14 days, single use. DESIGN CHOICE: 5 wrong codes in a row lock redemption for 30 minutes (ONBOARDING_CODE_LOCKED).",
  })
  async redeemOnboardingCode(@Arg("input", { description: "The code from the letter and the acceptance of the terms of use." }) input: RedeemOnboardingCodeInput, @Ctx() ctx: IdentityContext): Promise<PartnerMembershipPayload> {
    return { membership: await ctx.services.partners.redeemCode(ctx.principal, input) };
  }

  @Mutation(() => UidRegisterEntryPayload, { description: "Onboarding service: record or update an entry of the FOCBS mirror of the UID register. Other callers are refused (OFFICER_ROLE_REQUIRED)." })
  async recordUidRegisterEntry(@Arg("input", { description: "The entry, keyed by its UID." }) input: RecordUidRegisterEntryInput, @Ctx() ctx: IdentityContext): Promise<UidRegisterEntryPayload> {
    ctx.services.access.requireOfficer(ctx.principal, "ONBOARDING_SERVICE");
    return { uidRegisterEntry: await ctx.services.partners.recordRegisterEntry(Object.assign(new UidRegisterEntry(), input)) };
  }

  @Mutation(() => BerRegisterEntryPayload, { description: "Onboarding service: record a branch of the enterprise register (BER), for ID-R07. Other callers are refused (OFFICER_ROLE_REQUIRED)." })
  async recordBerRegisterEntry(@Arg("input", { description: "The branch, with its head office's UID." }) input: RecordBerRegisterEntryInput, @Ctx() ctx: IdentityContext): Promise<BerRegisterEntryPayload> {
    ctx.services.access.requireOfficer(ctx.principal, "ONBOARDING_SERVICE");
    return { berRegisterEntry: await ctx.services.partners.recordBranchEntry(Object.assign(new BerRegisterEntry(), input)) };
  }

  @FieldResolver(() => BusinessPartner, { nullable: true, description: "The head office of a branch (ID-R07)." })
  async headOffice(@Root() partner: BusinessPartner, @Ctx() ctx: IdentityContext): Promise<BusinessPartner | null> {
    return partner.headOfficeId ? loaders.partner(ctx).load(partner.headOfficeId) : null;
  }

  @FieldResolver(() => Boolean, { description: 'ID-R21 (ePortal step 5): true while an "Authorised consignee", "Authorised consignor" or "Freight" role is ACTIVE.' })
  async apiSelfServiceAvailable(@Root() partner: BusinessPartner, @Ctx() ctx: IdentityContext): Promise<boolean> {
    return ctx.services.roles.apiSelfServiceAvailable(await loaders.rolesOfPartner(ctx).load(partner.id));
  }

  @FieldResolver(() => PartnerRoleConnection, {
    nullable: true,
    description:
      "ID-R16 (ePortal step 4): the partner's roles, requested, released and ended, with their status, oldest request first; with `asOf`, as they stood at a past instant (issue 15). A connection: a role removed or rejected can be requested again (ID-R14), so the history grows. For those who act for the partner, and officers; others get null with FORBIDDEN.",
  })
  async roles(
    @Root() partner: BusinessPartner,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg("asOf", () => Date, {
      nullable: true,
      description:
        "Issue 15: the partner's roles as the administration had recorded them at this instant (ISO 8601 with offset), read from the kept history, not recomputed from today's rows: each role with its status then (ID-R14 to ID-R16, ePortal step 4: REQUESTED, IN_CLARIFICATION, ACTIVE once FOCBS released it, REJECTED or REMOVED) and its other fields as they stood. A role requested after this instant is not listed. Same order (oldest request first) and cursor format as the live list; the page is cut in memory from the partner's roles at that instant. Omitted: now, the live list. An instant after now is refused (AS_OF_IN_THE_FUTURE, field `asOf`). History is kept since the IdentityHistory migration: a role that existed before it has one version, its state at that migration, dated from its request.",
    })
    asOf: Date | null,
    @Ctx() ctx: IdentityContext,
  ) {
    await requirePartnerScope(ctx, partner.id);
    if (asOf) return loaders.rolePagesAsOf(ctx, args, asOf).load(partner.id);
    return loaders.rolePagesOfPartner(ctx, args).load(partner.id);
  }

  @FieldResolver(() => PartnerMembershipConnection, {
    nullable: true,
    description:
      "The portal users who act for the partner: administrator, deputies and users (ID-R10, ID-R17, ID-R18), longest-standing first. For those who act for the partner, and officers; others get null with FORBIDDEN.",
  })
  async memberships(@Root() partner: BusinessPartner, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: IdentityContext) {
    await requirePartnerScope(ctx, partner.id);
    return loaders.membershipsOfPartner(ctx, args).load(partner.id);
  }

  @FieldResolver(() => OnboardingCodeConnection, {
    nullable: true,
    description:
      "Onboarding codes sent by letter (ID-R06, ID-R12), oldest first: the last page holds the newest. Never the code itself. A new code can be requested any number of times (ID-R12), so the list grows. For those who act for the partner, and officers; others get null with FORBIDDEN.",
  })
  async onboardingCodes(@Root() partner: BusinessPartner, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: IdentityContext) {
    await requirePartnerScope(ctx, partner.id);
    return loaders.codesOfPartner(ctx, args).load(partner.id);
  }

  @FieldResolver(() => [ApiSubscription], {
    nullable: true,
    description:
      "Bounded: at most one subscription per API of the catalogue (`apiCatalogue`, one API today): subscribing twice to an API is refused (ALREADY_SUBSCRIBED) and nothing cancels a subscription. API self-service subscriptions (ID-R22, ePortal step 5), oldest first. For those who act for the partner, and officers; others get null with FORBIDDEN.",
  })
  async apiSubscriptions(@Root() partner: BusinessPartner, @Ctx() ctx: IdentityContext): Promise<ApiSubscription[]> {
    await requirePartnerScope(ctx, partner.id);
    return loaders.subscriptionsOfPartner(ctx).load(partner.id);
  }

  @FieldResolver(() => CustomsSystemAuthorisationConnection, {
    nullable: true,
    description:
      "e-dec/NCTS authorisations applied for (OD-AFD art. 8-9), whatever their status, oldest application first; with `asOf`, as they stood at a past instant (issue 15). For those who act for the partner, and officers; others get null with FORBIDDEN.",
  })
  async customsSystemAuthorisations(
    @Root() partner: BusinessPartner,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg("asOf", () => Date, {
      nullable: true,
      description:
        "Issue 15: the partner's authorisations as the DGD had recorded them at this instant (ISO 8601 with offset), read from the kept history, not recomputed from today's rows: each with its status then (OD-AFD art. 8 para. 1 and 6, art. 9: APPLIED, DOCUMENTS_COMPLETE, GRANTED, REFUSED or WITHDRAWN) and its other fields as they stood; `decisionOverdue` is judged at that instant. `missingConditions` and `withdrawalReferrals` stay today's (the partner and the referrals have no kept history). One applied for after this instant is not listed. Same order (oldest application first) and cursor format as the live list; the page is cut in memory from the partner's authorisations at that instant. Omitted: now, the live list. An instant after now is refused (AS_OF_IN_THE_FUTURE, field `asOf`). History is kept since the IdentityHistory migration: an authorisation that existed before it has one version, its state at that migration, dated from its application.",
    })
    asOf: Date | null,
    @Ctx() ctx: IdentityContext,
  ) {
    await requirePartnerScope(ctx, partner.id);
    if (asOf) return loaders.authorisationsOfPartnerAsOf(ctx, args, asOf).load(partner.id);
    return loaders.authorisationsOfPartner(ctx, args).load(partner.id);
  }

  @FieldResolver(() => DeclarantEmployeeConnection, {
    nullable: true,
    description:
      "Employees announced to the DGD as entitled to declare through e-dec/NCTS (ID-R32, OD-AFD art. 10), active and deactivated, first announced first. For those who act for the partner, and officers; others get null with FORBIDDEN.",
  })
  async declarantEmployees(@Root() partner: BusinessPartner, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: IdentityContext) {
    await requirePartnerScope(ctx, partner.id);
    return loaders.employeesOfPartner(ctx, args).load(partner.id);
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
