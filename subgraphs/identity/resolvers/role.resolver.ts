import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs, ValidationError } from "../../kit";
import { BusinessPartner } from "../entities/business-partner.entity";
import { RoleStatus } from "../entities/enums";
import { ContactPerson, PartnerRole, PartnerRoleChange } from "../entities/partner-role.entity";
import { asOfInstantOf } from "../services/as-of";
import { roleHistory } from "../services/role.service";
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

  @FieldResolver(() => [PartnerRoleChange], {
    description:
      "Bounded: a role changes status a handful of times (requested, in clarification, released, rejected, removed), and a role removed or rejected and requested again is a new role (ID-R14). Every change of the role's status, oldest first, at the instant the administration recorded it, read from the role's kept history (issue 15; ID-R14 to ID-R16, ePortal step 4), never recomputed from the role's timestamps. DESIGN CHOICE: consecutive versions with the same status are one entry, the first of them: a write that changed only other fields (the contact person, say) adds no entry. A role read as of a date (`BusinessPartner.roles(asOf:)`) lists its history as recorded at that instant, the changes after it left out, so its last entry is the status it then had; a role read live lists all of it. A role older than its history (migration IdentityHistory) has one version, its state when the history began, dated from its request: its history is then that one entry, and the changes before it are not kept. Readable by whoever may read the role.",
  })
  async history(@Root() role: PartnerRole, @Ctx() ctx: IdentityContext): Promise<PartnerRoleChange[]> {
    // The role was reached through a field that checked access to it: its history is read as it is.
    return roleHistory(await loaders.roleVersions(ctx).load(role.id), asOfInstantOf(role));
  }
}
