import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs, ValidationError } from "../../kit";
import { BusinessPartner } from "../entities/business-partner.entity";
import { RoleStatus } from "../entities/enums";
import { ContactPerson, PartnerRole } from "../entities/partner-role.entity";
import { IdentityContext } from "./context";
import { RequestPartnerRoleInput, RoleDecisionInput, RoleIdInput } from "./inputs";
import { loaders } from "./loaders";
import { PartnerRoleConnection, PartnerRolePayload } from "./payloads";

@Resolver(() => PartnerRole)
export class PartnerRoleResolver {
  @Query(() => PartnerRoleConnection, { description: "Onboarding service: role requests awaiting release or in clarification (ID-R15)." })
  async partnerRoleRequests(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg("status", () => RoleStatus, { nullable: true, description: "Only roles in this status; by default REQUESTED and IN_CLARIFICATION, the ones awaiting FOCBS." }) status: RoleStatus | null,
    @Ctx() ctx: IdentityContext,
  ) {
    return ctx.services.roles.pending(ctx.principal, status, args);
  }

  @Mutation(() => PartnerRolePayload, {
    description:
      "ePortal step 4: the administrator or deputy (ID-R13, ID-R17) requests one role at a time (ID-R14). Most roles are released at once; roles that need clarification (configuration, ID-R15) wait for FOCBS.",
  })
  async requestPartnerRole(@Arg("input", { description: "The partner, the one role requested and, where necessary, a contact person." }) input: RequestPartnerRoleInput, @Ctx() ctx: IdentityContext): Promise<PartnerRolePayload> {
    return { role: await ctx.services.roles.request(ctx.principal, input) };
  }

  @Mutation(() => PartnerRolePayload, { description: "ID-R15: FOCBS releases the role; the partner is notified." })
  async releasePartnerRole(@Arg("input", { description: "The role and an optional note." }) input: RoleDecisionInput, @Ctx() ctx: IdentityContext): Promise<PartnerRolePayload> {
    return { role: await ctx.services.roles.release(ctx.principal, input.roleId, input.note) };
  }

  @Mutation(() => PartnerRolePayload, { description: "ID-R15: FOCBS needs clarification (a question is required)." })
  async clarifyPartnerRole(@Arg("input", { description: "The role and, in `note`, the question for the partner." }) input: RoleDecisionInput, @Ctx() ctx: IdentityContext): Promise<PartnerRolePayload> {
    if (!input.note) throw new ValidationError("Say what needs clarification.", { field: "input.note", rule: "ID-R15", article: "ePortal step 4" });
    return { role: await ctx.services.roles.clarify(ctx.principal, input.roleId, input.note) };
  }

  @Mutation(() => PartnerRolePayload, { description: "DESIGN CHOICE (DOMAIN.md §2.2): FOCBS refuses the role, with the reason." })
  async rejectPartnerRole(@Arg("input", { description: "The role and, in `note`, the reason for the rejection." }) input: RoleDecisionInput, @Ctx() ctx: IdentityContext): Promise<PartnerRolePayload> {
    if (!input.note) throw new ValidationError("Give the reason for the rejection.", { field: "input.note", rule: "ID-R15", article: "ePortal step 4" });
    return { role: await ctx.services.roles.reject(ctx.principal, input.roleId, input.note) };
  }

  @Mutation(() => PartnerRolePayload, { description: "ID-R16 (ePortal step 4): the administrator adjusts the roles." })
  async removePartnerRole(@Arg("input", { description: "The role to remove." }) input: RoleIdInput, @Ctx() ctx: IdentityContext): Promise<PartnerRolePayload> {
    return { role: await ctx.services.roles.remove(ctx.principal, input.roleId) };
  }

  @FieldResolver(() => BusinessPartner, { description: "The business partner that holds or requested the role." })
  async partner(@Root() role: PartnerRole, @Ctx() ctx: IdentityContext): Promise<BusinessPartner> {
    return (await loaders.partner(ctx).load(role.partnerId))!;
  }

  @FieldResolver(() => ContactPerson, { nullable: true, description: "The contact person for FOCBS's queries about this role, when one was given (ID-R14: \"where necessary\")." })
  contactPerson(@Root() role: PartnerRole): ContactPerson | null {
    return role.contactPerson?.name ? role.contactPerson : null;
  }
}
