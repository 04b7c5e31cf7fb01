import { ForbiddenError, isOfficer, OfficerRole, Principal, UnauthenticatedError } from "../../kit";
import { CustomsDeclaration } from "../entities/declaration.entity";
import { refused } from "./errors";

/**
 * Who sees and does what with declarations. Partner users and applications act for their own
 * partners; officers act by role. Selection reasons are for officers only.
 */
export class DeclarationAccess {
  isOfficer(principal: Principal): boolean {
    return principal.kind === "OFFICER" || principal.kind === "SERVICE";
  }

  requireOfficer(principal: Principal, ...roles: OfficerRole[]): void {
    if (principal.kind === "SERVICE") return;
    if (!isOfficer(principal, ...roles)) throw refused("OFFICER_ROLE_REQUIRED", `This needs an officer with one of the roles ${roles.join(", ")}.`, { requiredRoles: roles });
  }

  partnerIds(principal: Principal): string[] {
    return principal.partners.map(p => p.partnerId);
  }

  canSee(principal: Principal, d: Pick<CustomsDeclaration, "declarantId" | "onBehalfOfId">): boolean {
    if (this.isOfficer(principal)) return true;
    const mine = this.partnerIds(principal);
    return mine.includes(d.declarantId) || (d.onBehalfOfId !== null && mine.includes(d.onBehalfOfId));
  }

  /** A procedure case or authorisation: its holder's users and software, and officers. */
  canSeeHolder(principal: Principal, holderId: string): boolean {
    return this.isOfficer(principal) || this.partnerIds(principal).includes(holderId);
  }

  requireSee(principal: Principal, d: CustomsDeclaration): void {
    if (principal.kind === "ANONYMOUS") throw new UnauthenticatedError();
    if (!this.canSee(principal, d)) throw new ForbiddenError("You do not act for this declaration's declarant.", { declarationId: d.id });
  }

  /** The declarant acting (its user or its clearance software) on its own declaration. */
  requireDeclarant(principal: Principal, d: CustomsDeclaration): void {
    if (principal.kind === "ANONYMOUS") throw new UnauthenticatedError();
    if (!this.partnerIds(principal).includes(d.declarantId)) throw new ForbiddenError("Only the declarant may do this.", { declarationId: d.id });
  }

  /**
   * Lodging for a partner: the caller acts for it, and the partner holds the FREIGHT role
   * (ID-R19 DESIGN CHOICE: goods declarations in Passar need FREIGHT).
   */
  requireLodgingFor(principal: Principal, partnerId: string): void {
    if (principal.kind !== "PORTAL_USER" && principal.kind !== "API_APPLICATION") throw new UnauthenticatedError("Declarations are lodged by a partner's user or clearance software.");
    const grant = principal.partners.find(p => p.partnerId === partnerId);
    if (!grant) throw new ForbiddenError("You do not act for this declarant.", { field: "input.declarantId" });
    if (!grant.roles.includes("FREIGHT")) {
      throw refused("FREIGHT_ROLE_REQUIRED", 'Goods declarations need the partner\'s "Freight" role.', { rule: "ID-R19", article: "ePortal step 4", field: "input.declarantId" });
    }
  }
}
