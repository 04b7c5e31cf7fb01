import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs, ForbiddenError } from "../../kit";
import { BusinessPartner } from "../entities/business-partner.entity";
import { PartnerMembership } from "../entities/membership.entity";
import { PortalUser } from "../entities/portal-user.entity";
import { IdentityContext, requirePartnerScope } from "./context";
import { AddPartnerUserInput, AddSecondFactorInput, ChangePartnerUserRoleInput, MembershipIdInput, RegisterPortalUserInput, UpdatePortalUserProfileInput } from "./inputs";
import { loaders } from "./loaders";
import { PartnerMembershipConnection, PartnerMembershipPayload, PortalUserPayload } from "./payloads";

@Resolver(() => PortalUser)
export class PortalUserResolver {
  @Query(() => PortalUser, { nullable: true, description: "The logged-in portal user; null until the CH-LOGIN account is registered (ID-R01)." })
  async me(@Ctx() ctx: IdentityContext): Promise<PortalUser | null> {
    return ctx.services.users.me(ctx.principal);
  }

  @Mutation(() => PortalUserPayload, { description: "ID-R01 (ePortal step 1): register the logged-in CH-LOGIN account in ePortal." })
  async registerPortalUser(@Arg("input", { description: "The e-mail address and notification choice of the new ePortal user." }) input: RegisterPortalUserInput, @Ctx() ctx: IdentityContext): Promise<PortalUserPayload> {
    return { portalUser: await ctx.services.users.register(ctx.principal, input) };
  }

  @Mutation(() => PortalUserPayload, { description: "ID-R02 (ePortal step 1): add the second factor; steps 2 to 5 need it (DESIGN CHOICE)." })
  async addSecondFactor(@Arg("input", { description: "The kind of second factor set up." }) input: AddSecondFactorInput, @Ctx() ctx: IdentityContext): Promise<PortalUserPayload> {
    return { portalUser: await ctx.services.users.addSecondFactor(ctx.principal, input.kind) };
  }

  @Mutation(() => PortalUserPayload, { description: "ID-R38 (ePortal step 1): profile and e-mail notifications." })
  async updatePortalUserProfile(@Arg("input", { description: "The profile fields to change; omitted fields stay as they are." }) input: UpdatePortalUserProfileInput, @Ctx() ctx: IdentityContext): Promise<PortalUserPayload> {
    return { portalUser: await ctx.services.users.updateProfile(ctx.principal, input) };
  }

  @FieldResolver(() => PartnerMembershipConnection, {
    description:
      "The business partners this user acts for, with the portal role at each (ID-R10, ID-R17), longest-standing first. A connection: a user of a clearance agent may act for many partners. Only the user and officers see it.",
  })
  async memberships(@Root() user: PortalUser, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: IdentityContext) {
    await this.requireSelfOrOfficer(user, ctx);
    return loaders.membershipsOfUser(ctx, args).load(user.id);
  }

  @FieldResolver(() => String, { description: "Subject of the CH-LOGIN account this ePortal user registered with (ID-R01, ePortal step 1). Only the user and officers see it." })
  async chLoginSubject(@Root() user: PortalUser, @Ctx() ctx: IdentityContext): Promise<string> {
    await this.requireSelfOrOfficer(user, ctx);
    return user.chLoginSubject;
  }

  private async requireSelfOrOfficer(user: PortalUser, ctx: IdentityContext): Promise<void> {
    const { principal } = ctx;
    if (principal.kind === "OFFICER" || principal.kind === "SERVICE") return;
    if (principal.kind === "PORTAL_USER" && principal.subject === user.chLoginSubject) return;
    throw new ForbiddenError("Only the user and officers see this.");
  }
}

@Resolver(() => PartnerMembership)
export class PartnerMembershipResolver {
  @Mutation(() => PartnerMembershipPayload, { description: "ID-R17, ID-R18 (ePortal step 4, note): the administrator or a deputy adds a deputy or a user." })
  async addPartnerUser(@Arg("input", { description: "The partner, the registered ePortal user (by e-mail) and the portal role." }) input: AddPartnerUserInput, @Ctx() ctx: IdentityContext): Promise<PartnerMembershipPayload> {
    return { membership: await ctx.services.partners.addUser(ctx.principal, input) };
  }

  @Mutation(() => PartnerMembershipPayload, { description: "ID-R17: change a member between DEPUTY and USER; the last administrator stays." })
  async changePartnerUserRole(@Arg("input", { description: "The membership and its new portal role." }) input: ChangePartnerUserRoleInput, @Ctx() ctx: IdentityContext): Promise<PartnerMembershipPayload> {
    return { membership: await ctx.services.partners.changeUserRole(ctx.principal, input) };
  }

  @Mutation(() => PartnerMembershipPayload, { description: "ID-R17: remove a member; a partner keeps at least one administrator." })
  async removePartnerUser(@Arg("input", { description: "The membership to remove." }) input: MembershipIdInput, @Ctx() ctx: IdentityContext): Promise<PartnerMembershipPayload> {
    return { membership: await ctx.services.partners.removeUser(ctx.principal, input.membershipId) };
  }

  @FieldResolver(() => PortalUser, { description: "The portal user who acts for the partner." })
  async user(@Root() membership: PartnerMembership, @Ctx() ctx: IdentityContext): Promise<PortalUser> {
    return (await loaders.user(ctx).load(membership.userId))!;
  }

  @FieldResolver(() => BusinessPartner, { description: "The business partner the user acts for. For those who act for it, and officers." })
  async partner(@Root() membership: PartnerMembership, @Ctx() ctx: IdentityContext): Promise<BusinessPartner> {
    await requirePartnerScope(ctx, membership.partnerId);
    return (await loaders.partner(ctx).load(membership.partnerId))!;
  }
}
