import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs, emptyConnection, NotFoundError, ValidationError } from "../../kit";
import { AeoStatus } from "../entities/aeo-status.entity";
import { CustomsSystemAuthorisation } from "../entities/authorisation.entity";
import { BusinessPartner } from "../entities/business-partner.entity";
import { AuthorisationStatus } from "../entities/enums";
import { DeclarantEmployee } from "../entities/declarant-employee.entity";
import { IdentityContext, requirePartnerScope } from "./context";
import {
  AnnounceDeclarantEmployeeInput,
  ApplyForCustomsSystemAuthorisationInput,
  AuthorisationIdInput,
  DecideAeoStatusInput,
  DismissWithdrawalReferralInput,
  EmployeeIdInput,
  PartnerIdInput,
  RecordAuthorisationSecurityInput,
  RefuseAuthorisationInput,
  WithdrawAuthorisationInput,
} from "./inputs";
import { loaders } from "./loaders";
import { AeoStatusPayload, CustomsSystemAuthorisationConnection, CustomsSystemAuthorisationPayload, DeclarantEmployeePayload, WithdrawalReferralConnection, WithdrawalReferralPayload } from "./payloads";

@Resolver(() => CustomsSystemAuthorisation)
export class CustomsSystemAuthorisationResolver {
  @Query(() => CustomsSystemAuthorisationConnection, { description: "DGD: e-dec/NCTS authorisations by status (OD-AFD art. 8)." })
  async customsSystemAuthorisations(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg("status", () => AuthorisationStatus, { nullable: true, description: "Only authorisations in this status; all when omitted." }) status: AuthorisationStatus | null,
    @Ctx() ctx: IdentityContext,
  ) {
    return ctx.services.authorisations.list(ctx.principal, status, args);
  }

  @Query(() => CustomsSystemAuthorisation, { nullable: true, description: "The authorisation behind a business number (ID-R33, OD-AFD art. 11)." })
  async customsSystemAuthorisationByBusinessNumber(
    @Arg("businessNumber", { description: "The business number the DGD assigned on grant (ID-R29), as stated on declarations (ID-R33)." }) businessNumber: string, @Ctx() ctx: IdentityContext): Promise<CustomsSystemAuthorisation | null> {
    ctx.services.access.requireAuthenticated(ctx.principal);
    const found = await ctx.services.authorisations.byBusinessNumber(businessNumber);
    if (found) await requirePartnerScope(ctx, found.partnerId);
    return found;
  }

  @Mutation(() => CustomsSystemAuthorisationPayload, { description: "ID-R25 to ID-R28 (OD-AFD art. 8 para. 1-3, 5): apply in writing for e-dec and/or NCTS." })
  async applyForCustomsSystemAuthorisation(@Arg("input", { description: "The written application: partner, systems, scope and the conditions of art. 8 the declarant confirms." }) input: ApplyForCustomsSystemAuthorisationInput, @Ctx() ctx: IdentityContext): Promise<CustomsSystemAuthorisationPayload> {
    return { authorisation: await ctx.services.authorisations.apply(ctx.principal, input) };
  }

  @Mutation(() => CustomsSystemAuthorisationPayload, { description: "DGD, ID-R29 (OD-AFD art. 8 para. 6): all supporting documents received; the 10-day decision period starts." })
  async recordAuthorisationDocumentsComplete(@Arg("input", { description: "The authorisation whose supporting documents are complete." }) input: AuthorisationIdInput, @Ctx() ctx: IdentityContext): Promise<CustomsSystemAuthorisationPayload> {
    return { authorisation: await ctx.services.authorisations.recordDocumentsComplete(ctx.principal, input.authorisationId) };
  }

  @Mutation(() => CustomsSystemAuthorisationPayload, { description: "DGD, ID-R25 (OD-AFD art. 8 para. 1 let. c): security for the expected levies provided; it stands whatever the debt subgraph later reports." })
  async recordAuthorisationSecurity(@Arg("input", { description: "The authorisation and the reference of the security provided." }) input: RecordAuthorisationSecurityInput, @Ctx() ctx: IdentityContext): Promise<CustomsSystemAuthorisationPayload> {
    return { authorisation: await ctx.services.authorisations.recordSecurity(ctx.principal, input.authorisationId, input.securityReference) };
  }

  @Mutation(() => CustomsSystemAuthorisationPayload, {
    description:
      "DGD, ID-R29: grant and assign the business number, when the conditions of the scope are met. ID-R25 (OD-AFD art. 8 para. 1 let. c): a security of the debt subgraph that covers the declarant at the decision counts, even if it was provided before the application; DESIGN CHOICE: one cancelled, or a general bond whose termination was received, before the decision does not, and the grant is refused with AUTHORISATION_CONDITIONS_NOT_MET.",
  })
  async grantCustomsSystemAuthorisation(@Arg("input", { description: "The authorisation to grant." }) input: AuthorisationIdInput, @Ctx() ctx: IdentityContext): Promise<CustomsSystemAuthorisationPayload> {
    return { authorisation: await ctx.services.authorisations.grant(ctx.principal, input.authorisationId) };
  }

  @Mutation(() => CustomsSystemAuthorisationPayload, { description: "DGD, ID-R29: refuse, with the reason." })
  async refuseCustomsSystemAuthorisation(@Arg("input", { description: "The authorisation and the reason for the refusal." }) input: RefuseAuthorisationInput, @Ctx() ctx: IdentityContext): Promise<CustomsSystemAuthorisationPayload> {
    return { authorisation: await ctx.services.authorisations.refuse(ctx.principal, input.authorisationId, input.reason) };
  }

  @Mutation(() => CustomsSystemAuthorisationPayload, {
    description:
      "DGD, ID-R31 (OD-AFD art. 9): withdraw on one of the three grounds; the declarant must then use e-dec web. On the ground REPEATED_OFFENCES (let. c), the holder's OPEN withdrawal referrals (ENF-R06) become WITHDRAWN in the same transaction; on the other grounds they stay OPEN.",
  })
  async withdrawCustomsSystemAuthorisation(@Arg("input", { description: "The authorisation, the ground of art. 9 and the reason." }) input: WithdrawAuthorisationInput, @Ctx() ctx: IdentityContext): Promise<CustomsSystemAuthorisationPayload> {
    return { authorisation: await ctx.services.authorisations.withdraw(ctx.principal, input.authorisationId, input.ground, input.reason) };
  }

  @Mutation(() => WithdrawalReferralPayload, {
    description:
      "DGD, ENF-R06 (OD-AFD art. 9 let. c): decide not to withdraw the holder's authorisation on an OPEN referral of repeated offences; the referral becomes DISMISSED. Other officers are refused (OFFICER_ROLE_REQUIRED); a referral already decided or cancelled is refused (WITHDRAWAL_REFERRAL_NOT_OPEN). To withdraw instead, use withdrawCustomsSystemAuthorisation with the ground REPEATED_OFFENCES.",
  })
  async dismissWithdrawalReferral(@Arg("input", { description: "The OPEN referral and why the DGD does not withdraw." }) input: DismissWithdrawalReferralInput, @Ctx() ctx: IdentityContext): Promise<WithdrawalReferralPayload> {
    return { withdrawalReferral: await ctx.services.referrals.dismiss(ctx.principal, input.referralId, input.reason) };
  }

  @FieldResolver(() => WithdrawalReferralConnection, {
    description:
      "ENF-R06 (OD-AFD art. 9 let. c): enforcement's referrals of repeated offences by this authorisation's holder (all of the holder's referrals, whichever of its authorisations they lead to), oldest raised first, for the DGD to decide. A connection: referrals accumulate over the holder's life. DESIGN CHOICE (ENF-R21): officers of the DGD and auditors only; anyone else, the holder included, gets an empty connection.",
  })
  async withdrawalReferrals(@Root() a: CustomsSystemAuthorisation, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: IdentityContext) {
    if (!ctx.services.referrals.canRead(ctx.principal)) return emptyConnection();
    return loaders.referralsOfPartner(ctx, args).load(a.partnerId);
  }

  @FieldResolver(() => BusinessPartner, {
    description:
      "The declarant that applied and holds the authorisation (ID-R25, OD-AFD art. 8 para. 1), for the DGD's work queue. Whoever may read the authorisation may follow it; the partner's private fields keep their own access. Batched: the partners of a whole page cost one statement.",
  })
  async partner(@Root() a: CustomsSystemAuthorisation, @Ctx() ctx: IdentityContext): Promise<BusinessPartner> {
    const partner = await loaders.partner(ctx).load(a.partnerId);
    if (!partner) throw new NotFoundError("BusinessPartner", a.partnerId);
    return partner;
  }

  @FieldResolver(() => Boolean, { description: "ID-R29: the due day has passed without a decision." })
  decisionOverdue(@Root() a: CustomsSystemAuthorisation, @Ctx() ctx: IdentityContext): boolean {
    return ctx.services.authorisations.isDecisionOverdue(a);
  }

  @FieldResolver(() => [String], { description: "Conditions of OD-AFD art. 8 for this scope that are not met yet, with their letter." })
  async missingConditions(@Root() a: CustomsSystemAuthorisation, @Ctx() ctx: IdentityContext): Promise<string[]> {
    // Through the request's partner loader: a work queue page costs one statement, not one per row.
    const partner = await loaders.partner(ctx).load(a.partnerId);
    if (!partner) throw new NotFoundError("BusinessPartner", a.partnerId);
    return ctx.services.authorisations.missingConditions(a, partner).map(c => `${c.condition} (${c.article})`);
  }
}

@Resolver(() => DeclarantEmployee)
export class DeclarantEmployeeResolver {
  @Mutation(() => DeclarantEmployeePayload, { description: "ID-R32 (OD-AFD art. 10): announce an employee entitled to declare, with the personal number." })
  async announceDeclarantEmployee(@Arg("input", { description: "The partner, the employee's personal number and name." }) input: AnnounceDeclarantEmployeeInput, @Ctx() ctx: IdentityContext): Promise<DeclarantEmployeePayload> {
    return { employee: await ctx.services.employees.announce(ctx.principal, input) };
  }

  @Mutation(() => DeclarantEmployeePayload, { description: "ID-R32: report at once that an employee no longer declares." })
  async deactivateDeclarantEmployee(@Arg("input", { description: "The employee who no longer declares." }) input: EmployeeIdInput, @Ctx() ctx: IdentityContext): Promise<DeclarantEmployeePayload> {
    return { employee: await ctx.services.employees.deactivate(ctx.principal, input.employeeId) };
  }
}

@Resolver(() => AeoStatus)
export class AeoStatusResolver {
  @Mutation(() => AeoStatusPayload, { description: "ID-R36 (LD art. 42a): request AEO status (domicile in the customs territory required)." })
  async applyForAeoStatus(@Arg("input", { description: "The partner that requests AEO status." }) input: PartnerIdInput, @Ctx() ctx: IdentityContext): Promise<AeoStatusPayload> {
    return { aeoStatus: await ctx.services.aeo.apply(ctx.principal, input.partnerId) };
  }

  @Mutation(() => AeoStatusPayload, { description: "DGD, ID-R36: grant when all four criteria of LD art. 42a para. 1 are met." })
  async grantAeoStatus(@Arg("input", { description: "The request and the criteria as assessed; all four must be met." }) input: DecideAeoStatusInput, @Ctx() ctx: IdentityContext): Promise<AeoStatusPayload> {
    return { aeoStatus: await ctx.services.aeo.grant(ctx.principal, input.aeoStatusId, { ...input.criteria }) };
  }

  @Mutation(() => AeoStatusPayload, { description: "DGD, ID-R36: refuse, with the assessed criteria and the reason." })
  async refuseAeoStatus(@Arg("input", { description: "The request, the criteria as assessed and the reason (required)." }) input: DecideAeoStatusInput, @Ctx() ctx: IdentityContext): Promise<AeoStatusPayload> {
    if (!input.reason) throw new ValidationError("Give the reason for the refusal.", { field: "input.reason", rule: "ID-R36", article: "LD art. 42a" });
    return { aeoStatus: await ctx.services.aeo.refuse(ctx.principal, input.aeoStatusId, { ...input.criteria }, input.reason) };
  }
}
