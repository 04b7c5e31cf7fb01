import { ForbiddenError, isOfficer, OfficerRole, Principal, UnauthenticatedError } from "../../kit";
import type { StorageFacility } from "../entities/facility.entity";
import type { StoredLot } from "../entities/lot.entity";
import { refused } from "./errors";

/**
 * Who sees and does what in warehousing (issue 10): an operator sees its facilities, their lots
 * and stock; a depositor sees its own lots; officers act by role.
 */
export class WarehousingAccess {
  isOfficer(principal: Principal): boolean {
    return principal.kind === "OFFICER" || principal.kind === "SERVICE";
  }

  /**
   * An officer who may act on facilities and lots for their operator or depositor: the customs
   * office, the district directorate, the DGD. Every officer reads; the auditor only reads
   * (kit/principal.ts), and the onboarding service has no part in warehousing.
   */
  actsAsOfficer(principal: Principal): boolean {
    return principal.kind === "SERVICE" || isOfficer(principal, "CUSTOMS_OFFICE", "DISTRICT_DIRECTORATE", "DGD");
  }

  requireOfficer(principal: Principal, ...roles: OfficerRole[]): void {
    if (principal.kind === "SERVICE") return;
    if (!isOfficer(principal, ...roles)) throw refused("OFFICER_ROLE_REQUIRED", `This needs an officer with one of the roles ${roles.join(", ")}.`, { requiredRoles: roles });
  }

  partnerIds(principal: Principal): string[] {
    return principal.partners.map(p => p.partnerId);
  }

  actsFor(principal: Principal, partnerId: string): boolean {
    return this.partnerIds(principal).includes(partnerId);
  }

  /** The facility's own data (authorisation, stock, lots): its operator and officers. */
  canOperate(principal: Principal, facility: Pick<StorageFacility, "operatorId">): boolean {
    return this.isOfficer(principal) || this.actsFor(principal, facility.operatorId);
  }

  requireOperate(principal: Principal, facility: Pick<StorageFacility, "operatorId" | "id">): void {
    if (principal.kind === "ANONYMOUS") throw new UnauthenticatedError();
    if (!this.canOperate(principal, facility)) throw new ForbiddenError("You do not act for this facility's operator.", { facilityId: facility.id });
  }

  /** A lot: its depositor, the facility's operator, officers. */
  canSeeLot(principal: Principal, lot: Pick<StoredLot, "depositorId">, facility: Pick<StorageFacility, "operatorId"> | null): boolean {
    return this.isOfficer(principal) || this.actsFor(principal, lot.depositorId) || Boolean(facility && this.actsFor(principal, facility.operatorId));
  }
}
