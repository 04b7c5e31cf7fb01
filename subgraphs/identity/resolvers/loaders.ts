import { In, ObjectLiteral } from "typeorm";
import { ConnectionArgs, KeptVersion, loadByColumn, pageLoader, paginateByParent } from "../../kit";
import { ApiApplication } from "../entities/api.entity";
import { CustomsSystemAuthorisation } from "../entities/authorisation.entity";
import { BusinessPartner } from "../entities/business-partner.entity";
import { DeclarantEmployee } from "../entities/declarant-employee.entity";
import { PartnerMembership } from "../entities/membership.entity";
import { OnboardingCode } from "../entities/onboarding-code.entity";
import { PartnerRole } from "../entities/partner-role.entity";
import { PortalUser } from "../entities/portal-user.entity";
import { WithdrawalReferral } from "../entities/withdrawal-referral.entity";
import type { IdentityContext } from "./context";

/**
 * A nested connection's loader: one per field and per arguments (a page of 5 and a page of 20 are
 * different answers), so that the pages of all parents of a request cost the same few statements
 * (`paginateByParent`) however many parents there are.
 */
function pages<T extends ObjectLiteral & { id: string }>(
  ctx: IdentityContext,
  field: string,
  entity: new () => T,
  keys: { parentProperty: keyof T & string; timeProperty: keyof T & string },
  args: ConnectionArgs,
) {
  return pageLoader<T>(ctx.loaders, field, args, parentIds => paginateByParent(ctx.services.runtime.dataSource.getRepository(entity), keys, parentIds, args));
}

/** Per-request loaders: every field over N parents costs a constant number of statements (one, or two for a page), not N. */
export const loaders = {
  partner: (ctx: IdentityContext) =>
    ctx.loaders.get<string, BusinessPartner | null>("partner", ids => ctx.services.partners.byIds(ids)),
  user: (ctx: IdentityContext) =>
    ctx.loaders.get<string, PortalUser | null>("user", ids => loadByColumn(ctx.services.runtime.dataSource.getRepository(PortalUser), "id", ids)),
  rolesOfPartner: (ctx: IdentityContext) => ctx.loaders.get("rolesOfPartner", ids => ctx.services.roles.rolesOf(ids as string[])),
  rolePagesOfPartner: (ctx: IdentityContext, args: ConnectionArgs) => pages(ctx, "rolePagesOfPartner", PartnerRole, { parentProperty: "partnerId", timeProperty: "requestedAt" }, args),
  /** Issue 15: the role pages of every partner of the request as of one instant, in one statement (kit/history.ts `versionsAsOf`). */
  rolePagesAsOf: (ctx: IdentityContext, args: ConnectionArgs, at: Date) =>
    pageLoader<PartnerRole>(ctx.loaders, "rolePagesAsOf", args, ids => ctx.services.roles.rolePagesAsOf(ids, at, args), at.toISOString()),
  /** Issue 15: every kept version of the request's roles, oldest first, in one statement (kit/history.ts `versionsOf`): `PartnerRole.history`. */
  roleVersions: (ctx: IdentityContext) => ctx.loaders.get<string, KeptVersion<PartnerRole>[]>("roleVersions", ids => ctx.services.roles.versionsOf(ids)),
  membershipsOfPartner: (ctx: IdentityContext, args: ConnectionArgs) =>
    pages(ctx, "membershipsOfPartner", PartnerMembership, { parentProperty: "partnerId", timeProperty: "since" }, args),
  membershipsOfUser: (ctx: IdentityContext, args: ConnectionArgs) => pages(ctx, "membershipsOfUser", PartnerMembership, { parentProperty: "userId", timeProperty: "since" }, args),
  codesOfPartner: (ctx: IdentityContext, args: ConnectionArgs) => pages(ctx, "codesOfPartner", OnboardingCode, { parentProperty: "partnerId", timeProperty: "issuedAt" }, args),
  subscriptionsOfPartner: (ctx: IdentityContext) => ctx.loaders.get("subscriptionsOfPartner", ids => ctx.services.api.subscriptionsOf(ids as string[])),
  applicationsOfSubscription: (ctx: IdentityContext, args: ConnectionArgs) =>
    pages(ctx, "applicationsOfSubscription", ApiApplication, { parentProperty: "subscriptionId", timeProperty: "createdAt" }, args),
  authorisationsOfPartner: (ctx: IdentityContext, args: ConnectionArgs) =>
    pages(ctx, "authorisationsOfPartner", CustomsSystemAuthorisation, { parentProperty: "partnerId", timeProperty: "appliedAt" }, args),
  /** Issue 15: the authorisation pages of every partner of the request as of one instant, in one statement. */
  authorisationsOfPartnerAsOf: (ctx: IdentityContext, args: ConnectionArgs, at: Date) =>
    pageLoader<CustomsSystemAuthorisation>(ctx.loaders, "authorisationsOfPartnerAsOf", args, ids => ctx.services.authorisations.pagesAsOf(ids, at, args), at.toISOString()),
  referralsOfPartner: (ctx: IdentityContext, args: ConnectionArgs) => pages(ctx, "referralsOfPartner", WithdrawalReferral, { parentProperty: "partnerId", timeProperty: "raisedAt" }, args),
  employeesOfPartner: (ctx: IdentityContext, args: ConnectionArgs) =>
    pages(ctx, "employeesOfPartner", DeclarantEmployee, { parentProperty: "partnerId", timeProperty: "announcedAt" }, args),
  aeoOfPartner: (ctx: IdentityContext) => ctx.loaders.get("aeoOfPartner", ids => ctx.services.aeo.ofPartners(ids as string[])),
};

export { In };
