import { ENFORCEMENT_ROLES, ForbiddenError, isOfficer, OfficerRole, ownPartnerIds, Principal, UnauthenticatedError } from "../../kit";
import { refused } from "./errors";

/**
 * Who sees and does what in enforcement (issue 11; ENF-R03, OD-AFD art. 61; ENF-R21 DESIGN
 * CHOICE): offence cases, seizures, leads, referrals and assistance requests are for officers
 * with an enforcement role (`BORDER_GUARD`, `ANTI_FRAUD`); controls also for customs office staff,
 * who make the controls of LD art. 30-31 (OD-AFD art. 61 let. c). Every officer sees a partner's
 * compliance profile, which holds counts and flags, not details. A partner sees only the decisions
 * addressed to it (penalty decisions, prohibitions, its appeals and permits), never an
 * investigation.
 */
export class EnforcementAccess {
  /** Reads cases, seizures, leads, referrals, assistance. */
  investigates(principal: Principal): boolean {
    return principal.kind === "SERVICE" || isOfficer(principal, ...ENFORCEMENT_ROLES);
  }

  /** Reads and makes controls (ENF-R03: OD-AFD art. 61 let. a-c). */
  controls(principal: Principal): boolean {
    return this.investigates(principal) || isOfficer(principal, "CUSTOMS_OFFICE");
  }

  isOfficer(principal: Principal): boolean {
    return principal.kind === "OFFICER" || principal.kind === "SERVICE";
  }

  requireSignedIn(principal: Principal): void {
    if (principal.kind === "ANONYMOUS") throw new UnauthenticatedError();
  }

  /** Throws unless the caller has one of the roles (a service always acts). */
  require(principal: Principal, roles: readonly OfficerRole[], rule = "ENF-R03", article = "OD-AFD art. 61"): void {
    this.requireSignedIn(principal);
    if (principal.kind === "SERVICE") return;
    if (!isOfficer(principal, ...roles)) throw refused("OFFICER_ROLE_REQUIRED", `This needs an officer with one of the roles ${roles.join(", ")}.`, { requiredRoles: [...roles], rule, article });
  }

  requireInvestigator(principal: Principal): void {
    this.require(principal, ENFORCEMENT_ROLES, "ENF-R21", "LD art. 110-113; OD-AFD art. 61");
  }

  requireControls(principal: Principal): void {
    this.require(principal, [...ENFORCEMENT_ROLES, "CUSTOMS_OFFICE"]);
  }

  /** The penalty, the end of a case, assistance: the anti-fraud sections and the criminal cases division (LD art. 128; OD-AFD art. 61 let. b). */
  requireAntiFraud(principal: Principal): void {
    this.require(principal, ["ANTI_FRAUD"], "ENF-R18", "LD art. 128; OD-AFD art. 61 let. b");
  }

  actsFor(principal: Principal, partnerId: string): boolean {
    return ownPartnerIds(principal).includes(partnerId);
  }

  /** A decision addressed to `partnerId`: the partner itself and every officer. */
  requireAddresseeOrOfficer(principal: Principal, partnerId: string): void {
    this.requireSignedIn(principal);
    if (!this.isOfficer(principal) && !this.actsFor(principal, partnerId)) throw new ForbiddenError("This decision is not addressed to a partner you act for.", { rule: "ENF-R21", article: "LD art. 110-112" });
  }

  /** Partner-level enforcement data (the cases): enforcement roles only. */
  requireInvestigatorFor(principal: Principal, what: string): void {
    this.requireSignedIn(principal);
    if (!this.investigates(principal)) throw new ForbiddenError(`${what} are only for officers with an enforcement role.`, { rule: "ENF-R21", article: "LD art. 110-113", requiredRoles: [...ENFORCEMENT_ROLES] });
  }
}
