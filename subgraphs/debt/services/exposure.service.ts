import { DataSource, In } from "typeorm";
import { CustomsDebt, DebtorLiability } from "../entities/debt.entity";
import { DebtStatus, SecurityKind, SecurityStatus } from "../entities/enums";
import { Security, SecurityReservation } from "../entities/security.entity";
import { DebtService } from "./debt.service";

const OPEN = [DebtStatus.DUE, DebtStatus.OVERDUE, DebtStatus.IN_ENFORCEMENT];

export interface Exposure {
  /** Principal and default interest still owed on open debts, jointly and severally (DEBT-R03). */
  openDebts: number;
  /** Conditional payment obligations of procedures (DEBT-R12). */
  conditionalDebts: number;
  /** Each active general bond: its maximum, what is attached to it, and what is left (DEBT-R14). */
  bonds: { security: Security; maxAmount: number; reserved: number; headroom: number }[];
}

/**
 * A partner's live exposure: what it owes now, what it owes conditionally, and what its general
 * bonds can still cover. Computed for many partners at once in a fixed number of statements
 * (liabilities, debts, the debts' interest facts, bonds, reservations), whatever their number and
 * however late their debts.
 */
export class ExposureService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly debts: DebtService,
  ) {}

  async exposureOf(partnerIds: readonly string[], at: Date): Promise<Exposure[]> {
    if (!partnerIds.length) return [];
    const ids = [...new Set(partnerIds)];
    // Only joint and several liabilities count: DEBT-R04 releases a professional declarant.
    const liabilities = await this.dataSource.getRepository(DebtorLiability).findBy({ partnerId: In(ids), jointAndSeveral: true });
    const debtIds = [...new Set(liabilities.map(l => l.debtId))];
    const debts = debtIds.length ? await this.dataSource.getRepository(CustomsDebt).findBy({ id: In(debtIds) }) : [];
    const open = debts.filter(d => OPEN.includes(d.status));
    const interest = new Map((await this.debts.interestOf(open, at)).map((value, i) => [open[i].id, value]));
    const bonds = await this.dataSource.getRepository(Security).find({
      where: { debtorId: In(ids), kind: SecurityKind.GENERAL_BOND, status: In([SecurityStatus.ACTIVE, SecurityStatus.TERMINATION_RECEIVED]) },
      order: { createdAt: "ASC", id: "ASC" },
    });
    const reservations = bonds.length ? await this.dataSource.getRepository(SecurityReservation).findBy({ securityId: In(bonds.map(b => b.id)) }) : [];
    const byId = new Map(debts.map(d => [d.id, d]));
    return partnerIds.map(partnerId => {
      const owed = liabilities.filter(l => l.partnerId === partnerId).map(l => byId.get(l.debtId)).filter((d): d is CustomsDebt => Boolean(d));
      return {
        openDebts: owed.filter(d => OPEN.includes(d.status)).reduce((sum, d) => sum + this.debts.outstandingPrincipal(d) + (interest.get(d.id) ?? 0) - d.interestPaid, 0),
        conditionalDebts: owed.filter(d => d.status === DebtStatus.CONDITIONAL).reduce((sum, d) => sum + (d.amount ?? 0), 0),
        bonds: bonds
          .filter(b => b.debtorId === partnerId)
          .map(b => {
            const reserved = reservations.filter(r => r.securityId === b.id).reduce((sum, r) => sum + r.amount, 0);
            return { security: b, maxAmount: b.maxAmount, reserved, headroom: b.maxAmount - reserved };
          }),
      };
    });
  }
}
