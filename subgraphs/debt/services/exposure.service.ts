import { DataSource, In } from "typeorm";
import { ConnectionArgs, ConnectionShape, paginateByParent } from "../../kit";
import { CustomsDebt, DebtorLiability } from "../entities/debt.entity";
import { DebtStatus, SecurityKind, SecurityStatus } from "../entities/enums";
import { Security, SecurityReservation } from "../entities/security.entity";
import { DebtService } from "./debt.service";

const OPEN = [DebtStatus.DUE, DebtStatus.OVERDUE, DebtStatus.IN_ENFORCEMENT];

/** The general bonds in force (DEBT-R16, LD art. 79 para. 2), whether read now or as of a date (history.service.ts). */
export const BONDS_IN_FORCE = [SecurityStatus.ACTIVE, SecurityStatus.TERMINATION_RECEIVED];

export interface Exposure {
  /** The partner: its general bonds are paged by `bondPages`. */
  partnerId: string;
  /** Principal and default interest still owed on open debts, jointly and severally (DEBT-R03). */
  openDebts: number;
  /** Conditional payment obligations of procedures (DEBT-R12). */
  conditionalDebts: number;
  /** The instant it was read as of (issue 15), for its bonds; absent for now. A property, not a mark: TypeGraphQL copies a plain root into its class. */
  asOf?: Date;
}

/** A general bond in force: its maximum, what is attached to it, and what is left (DEBT-R14). */
export interface BondHeadroomShape {
  security: Security;
  maxAmount: number;
  reserved: number;
  headroom: number;
}

/**
 * A partner's live exposure: what it owes now, what it owes conditionally, and what its general
 * bonds can still cover. Computed for many partners at once in a fixed number of statements
 * (liabilities, debts, the debts' interest facts; the bonds' pages and their reservations when
 * asked for), whatever their number and however late their debts.
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
    const byId = new Map(debts.map(d => [d.id, d]));
    return partnerIds.map(partnerId => this.sum(partnerId, liabilities.filter(l => l.partnerId === partnerId).map(l => byId.get(l.debtId)).filter((d): d is CustomsDebt => Boolean(d)), interest));
  }

  /**
   * The exposure of a partner from the debts it is jointly and severally liable for and their
   * default interest by debt id, whether read now or as of a date (history.service.ts).
   */
  sum(partnerId: string, owed: readonly CustomsDebt[], interest: ReadonlyMap<string, number>): Exposure {
    return {
      partnerId,
      openDebts: owed.filter(d => OPEN.includes(d.status)).reduce((sum, d) => sum + this.debts.outstandingPrincipal(d) + (interest.get(d.id) ?? 0) - d.interestPaid, 0),
      conditionalDebts: owed.filter(d => d.status === DebtStatus.CONDITIONAL).reduce((sum, d) => sum + (d.amount ?? 0), 0),
    };
  }

  /**
   * A page of each partner's general bonds in force (ACTIVE or TERMINATION_RECEIVED), oldest
   * first, each with what is attached to it: three statements for any number of partners (the
   * pages, then one sum of reservations over every bond on them), one more for `totalCount`.
   */
  async bondPages(partnerIds: readonly string[], args: ConnectionArgs): Promise<ConnectionShape<BondHeadroomShape>[]> {
    const pages = await paginateByParent(
      this.dataSource.getRepository(Security),
      {
        parentProperty: "debtorId",
        timeProperty: "createdAt",
        where: (qb, alias) => qb.andWhere(`${alias}.kind = :bondKind AND ${alias}.status IN (:...bondStatuses)`, { bondKind: SecurityKind.GENERAL_BOND, bondStatuses: BONDS_IN_FORCE }),
      },
      partnerIds,
      args,
    );
    const bondIds = [...new Set(pages.flatMap(p => p.edges.map(e => e.node.id)))];
    const sums = bondIds.length
      ? await this.dataSource
          .getRepository(SecurityReservation)
          .createQueryBuilder("r")
          .select("r.security_id", "securityId")
          .addSelect("SUM(r.amount_rappen)", "reserved")
          .where("r.security_id IN (:...bondIds)", { bondIds })
          .groupBy("r.security_id")
          .getRawMany<{ securityId: string; reserved: string | number }>()
      : [];
    const reserved = new Map(sums.map(r => [r.securityId, Number(r.reserved)]));
    return pages.map(page => headroomPage(page, reserved));
  }
}

/** A page of general bonds as their headroom, from what is attached to each (DEBT-R14, LD art. 77 para. 3). */
export function headroomPage(page: ConnectionShape<Security>, reserved: ReadonlyMap<string, number>): ConnectionShape<BondHeadroomShape> {
  return {
    edges: page.edges.map(({ node, cursor }) => {
      const held = reserved.get(node.id) ?? 0;
      return { cursor, node: { security: node, maxAmount: node.maxAmount, reserved: held, headroom: node.maxAmount - held } };
    }),
    pageInfo: page.pageInfo,
    get totalCount() {
      return page.totalCount;
    },
  };
}
