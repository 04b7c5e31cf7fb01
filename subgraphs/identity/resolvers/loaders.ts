import { In } from "typeorm";
import { loadByColumn, loadManyByColumn } from "../../kit";
import { BusinessPartner } from "../entities/business-partner.entity";
import { PartnerMembership } from "../entities/membership.entity";
import { OnboardingCode } from "../entities/onboarding-code.entity";
import { PortalUser } from "../entities/portal-user.entity";
import type { IdentityContext } from "./context";

/** Per-request loaders: every list field over N partners costs one query, not N. */
export const loaders = {
  partner: (ctx: IdentityContext) =>
    ctx.loaders.get<string, BusinessPartner | null>("partner", ids => ctx.services.partners.byIds(ids)),
  user: (ctx: IdentityContext) =>
    ctx.loaders.get<string, PortalUser | null>("user", ids => loadByColumn(ctx.services.runtime.dataSource.getRepository(PortalUser), "id", ids)),
  rolesOfPartner: (ctx: IdentityContext) => ctx.loaders.get("rolesOfPartner", ids => ctx.services.roles.rolesOf(ids as string[])),
  membershipsOfPartner: (ctx: IdentityContext) =>
    ctx.loaders.get<string, PartnerMembership[]>("membershipsOfPartner", ids =>
      loadManyByColumn(ctx.services.runtime.dataSource.getRepository(PartnerMembership), "partnerId", ids, { since: "ASC" }),
    ),
  membershipsOfUser: (ctx: IdentityContext) =>
    ctx.loaders.get<string, PartnerMembership[]>("membershipsOfUser", ids =>
      loadManyByColumn(ctx.services.runtime.dataSource.getRepository(PartnerMembership), "userId", ids, { since: "ASC" }),
    ),
  codesOfPartner: (ctx: IdentityContext) =>
    ctx.loaders.get<string, OnboardingCode[]>("codesOfPartner", ids =>
      loadManyByColumn(ctx.services.runtime.dataSource.getRepository(OnboardingCode), "partnerId", ids, { issuedAt: "DESC" }),
    ),
  subscriptionsOfPartner: (ctx: IdentityContext) => ctx.loaders.get("subscriptionsOfPartner", ids => ctx.services.api.subscriptionsOf(ids as string[])),
  applicationsOfSubscription: (ctx: IdentityContext) => ctx.loaders.get("applicationsOfSubscription", ids => ctx.services.api.applicationsOf(ids as string[])),
  authorisationsOfPartner: (ctx: IdentityContext) => ctx.loaders.get("authorisationsOfPartner", ids => ctx.services.authorisations.ofPartners(ids as string[])),
  referralsOfPartner: (ctx: IdentityContext) => ctx.loaders.get("referralsOfPartner", ids => ctx.services.referrals.ofPartners(ids as string[])),
  employeesOfPartner: (ctx: IdentityContext) => ctx.loaders.get("employeesOfPartner", ids => ctx.services.employees.ofPartners(ids as string[])),
  aeoOfPartner: (ctx: IdentityContext) => ctx.loaders.get("aeoOfPartner", ids => ctx.services.aeo.ofPartners(ids as string[])),
};

export { In };
