import { EntityManager } from "typeorm";
import { findForUpdate, ForbiddenError, isOfficer, NotFoundError, OfficerRole, Principal, UnauthenticatedError } from "../../kit";
import { BusinessPartner } from "../entities/business-partner.entity";
import { PortalRole } from "../entities/enums";
import { PartnerMembership } from "../entities/membership.entity";
import { PortalUser } from "../entities/portal-user.entity";
import { IdentityErrors } from "./errors";

export interface ReadScope {
  /** Officers and services read everything. */
  all: boolean;
  /** Partners the caller acts for, with the caller's portal role (null: API application or pending registrant). */
  partners: Map<string, PortalRole | null>;
  userId?: string;
}

/**
 * Who may see and do what in identity. Memberships are read from this subgraph's own database,
 * not from the forwarded principal, so a change (a deputy removed) counts from the next
 * statement on.
 */
export class IdentityAccess {
  requireOfficer(principal: Principal, ...roles: OfficerRole[]): void {
    if (principal.kind !== "OFFICER") throw IdentityErrors.officerRoleRequired(roles);
    if (!isOfficer(principal, ...roles)) throw IdentityErrors.officerRoleRequired(roles);
  }

  /** The calling portal user, registered; with `secured`, also holding a second factor (ID-R02). */
  async requireUser(manager: EntityManager, principal: Principal, secured = true): Promise<PortalUser> {
    if (principal.kind !== "PORTAL_USER" || !principal.subject) throw new UnauthenticatedError("Log in with your CH-LOGIN account.");
    const user = await manager.findOneBy(PortalUser, { chLoginSubject: principal.subject });
    if (!user) throw IdentityErrors.notRegistered();
    if (secured && user.secondFactor === "NONE") throw IdentityErrors.secondFactorRequired();
    return user;
  }

  /**
   * Locks the partner's row for the rest of the transaction. The partner's "only once" rules (one
   * open request per role type, one subscription per API, one open AEO request, one open
   * authorisation per scope, one employee per personal number) take this lock before their check,
   * so parallel requests see each other's result instead of both inserting.
   */
  async lockPartner(manager: EntityManager, partnerId: string): Promise<BusinessPartner> {
    const partner = await findForUpdate(manager, BusinessPartner, { id: partnerId });
    if (!partner) throw new NotFoundError("BusinessPartner", partnerId, "input.partnerId");
    return partner;
  }

  async membership(manager: EntityManager, userId: string, partnerId: string): Promise<PartnerMembership | null> {
    return manager.findOneBy(PartnerMembership, { userId, partnerId });
  }

  /** ID-R13, ID-R17 (ePortal step 4): the administrator or a deputy. */
  async requirePartnerAdministrator(manager: EntityManager, principal: Principal, partnerId: string): Promise<PortalUser> {
    const user = await this.requireUser(manager, principal);
    const membership = await this.membership(manager, user.id, partnerId);
    if (!membership || membership.portalRole === PortalRole.USER) throw IdentityErrors.notPartnerAdministrator(partnerId);
    return user;
  }

  /**
   * What the caller may read, computed once per request (two queries at most): officers see
   * every partner; portal users their memberships plus partners they entered that are not yet
   * onboarded; API applications their own partner.
   */
  async scope(manager: EntityManager, principal: Principal): Promise<ReadScope> {
    if (principal.kind === "OFFICER" || principal.kind === "SERVICE") return { all: true, partners: new Map() };
    if (principal.kind === "API_APPLICATION") {
      return { all: false, partners: new Map(principal.partners.map(p => [p.partnerId, null])) };
    }
    if (principal.kind === "PORTAL_USER" && principal.subject) {
      const user = await manager.findOneBy(PortalUser, { chLoginSubject: principal.subject });
      if (!user) return { all: false, partners: new Map() };
      const memberships = await manager.findBy(PartnerMembership, { userId: user.id });
      const partners = new Map<string, PortalRole | null>(memberships.map(m => [m.partnerId, m.portalRole]));
      const entered = await manager.find(BusinessPartner, { where: { registeredById: user.id }, select: { id: true, status: true } });
      for (const p of entered) if (p.status !== "ONBOARDED" && !partners.has(p.id)) partners.set(p.id, null);
      return { all: false, userId: user.id, partners };
    }
    return { all: false, partners: new Map() };
  }

  requireInScope(scope: ReadScope, partnerId: string): void {
    if (!scope.all && !scope.partners.has(partnerId)) {
      throw new ForbiddenError("You do not act for this business partner.", { partnerId });
    }
  }

  /**
   * DESIGN CHOICE: a partner's name, UID, type, status and register address are public in the UID
   * register, so any authenticated caller may read them (a carrier's name on a declaration);
   * anonymous callers see only reference data.
   */
  requireAuthenticated(principal: Principal): void {
    if (principal.kind === "ANONYMOUS") throw new UnauthenticatedError();
  }
}
