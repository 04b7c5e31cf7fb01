import { DomainError, ForbiddenError, Principal, UnauthenticatedError } from "../../kit";
import type { DebtorLiability } from "../entities/debt.entity";
import type { Security } from "../entities/security.entity";

/**
 * Who sees what of debts and securities. Officers (and services) see everything; a partner's users
 * and software see the debts their partner owes (DEBT-R03) and the securities it provides or
 * stands surety for; anonymous callers see nothing. The checks take the rows they need as
 * arguments, so a page of 100 debts is checked with the debtors loaded once (resolvers/loaders.ts).
 */
export class DebtAccess {
  isOfficer(principal: Principal): boolean {
    return principal.kind === "OFFICER" || principal.kind === "SERVICE";
  }

  /** Partner ids the caller acts for; null for officers, who are not restricted. */
  partnerScope(principal: Principal): string[] | null {
    if (this.isOfficer(principal)) return null;
    if (principal.kind === "ANONYMOUS") throw new UnauthenticatedError();
    return principal.partners.map(p => p.partnerId);
  }

  requirePartner(principal: Principal, partnerId: string): void {
    const own = this.partnerScope(principal);
    if (own && !own.includes(partnerId)) throw new ForbiddenError("You do not act for this business partner.", { partnerId });
  }

  canSeeDebt(principal: Principal, debtors: readonly DebtorLiability[]): boolean {
    if (this.isOfficer(principal)) return true;
    if (principal.kind === "ANONYMOUS") return false;
    const own = principal.partners.map(p => p.partnerId);
    return debtors.some(l => own.includes(l.partnerId));
  }

  requireSeeDebt(principal: Principal, debtId: string, debtors: readonly DebtorLiability[]): void {
    if (principal.kind === "ANONYMOUS") throw new UnauthenticatedError();
    if (!this.canSeeDebt(principal, debtors)) throw new DomainError("FORBIDDEN", "You do not owe this debt.", { debtId });
  }

  canSeeSecurity(principal: Principal, security: Pick<Security, "debtorId" | "suretyId">): boolean {
    if (this.isOfficer(principal)) return true;
    const own = principal.partners.map(p => p.partnerId);
    return own.includes(security.debtorId) || (security.suretyId !== null && own.includes(security.suretyId));
  }
}
