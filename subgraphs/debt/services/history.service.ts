import { DataSource } from "typeorm";
import { Clock, ConnectionArgs, ConnectionShape, pageAsOf, paginateByParent, recordedInstant, sqlTime, versionsAsOf } from "../../kit";
import { CustomsDebt, DebtorLiability, InterestRate, Payment } from "../entities/debt.entity";
import { DebtStatus, SecurityKind } from "../entities/enums";
import { Security, SecurityReservation, SubsequentCollection } from "../entities/security.entity";
import { BONDS_IN_FORCE, BondHeadroomShape, Exposure, ExposureService, headroomPage } from "./exposure.service";
import { defaultInterest, earliestReservation, InterestFacts, interestNeedsFacts } from "./interest";

const OPEN = [DebtStatus.DUE, DebtStatus.OVERDUE, DebtStatus.IN_ENFORCEMENT];

/**
 * The instant each debt or security read from the history stands for, so that its fields are
 * computed at it, not at now. They are instances of their entity class, which TypeGraphQL hands
 * to field resolvers as they are (a plain object it would copy, losing the mark: `Exposure.asOf`).
 */
const instants = new WeakMap<object, Date>();

/** The instant `row` was read as of (issue 15); undefined for a row read now. */
export function recordedAsOf(row: object): Date | undefined {
  return instants.get(row);
}

function readAsOf<T extends object>(rows: T[], at: Date): T[] {
  for (const row of rows) instants.set(row, at);
  return rows;
}

/**
 * A partner's page as of a past date (issue 15): its debts, securities, bond headroom and exposure
 * as the administration had recorded them at an instant, read from the history the kit keeps of
 * debts, debtors, securities and reservations (kit/history.ts, migration DebtHistory), never
 * recomputed from today's rows. DESIGN CHOICE (the law is silent): "as recorded then", so a
 * correction recorded later is not applied to the past. What depends on time (default interest,
 * limitation) is computed at the instant from the versions of then, with the payments made by then.
 *
 * Whatever the number of partners, a constant number of statements: the versions of many rows or
 * parents are read in one (`versionsAsOf`). A partner's debts and securities are few enough to be
 * paged in memory, in the order and with the cursors of the live lists.
 */
export class DebtHistoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly exposure: ExposureService,
  ) {}

  /**
   * The instant of an `asOf` argument: null when it is omitted (now, read from the rows as they
   * are). After the subgraph's now nothing is recorded yet: AS_OF_IN_THE_FUTURE.
   */
  instant(asOf: Date | null | undefined): Date | null {
    return recordedInstant(asOf, this.clock.now());
  }

  // ------------------------------------------------------------ debts

  /**
   * Each partner's liabilities and their debts as recorded at `at` (DEBT-R03, LD art. 70): the
   * partner's liabilities then (one that moved to a stored lot's new depositor is the former
   * depositor's until then, LD art. 52 para. 2 let. b), and the versions of their debts then. Two
   * statements for any number of partners.
   */
  async debtsOfPartners(partnerIds: readonly string[], at: Date): Promise<{ liabilities: DebtorLiability[]; debts: CustomsDebt[] }[]> {
    const liabilities = await versionsAsOf(this.dataSource.manager, DebtorLiability, { parentIds: partnerIds }, at);
    const debts = new Map((await this.debts(liabilities.map(l => l.debtId), at)).map(d => [d.id, d]));
    return partnerIds.map(partnerId => {
      const own = liabilities.filter(l => l.partnerId === partnerId && debts.has(l.debtId));
      return { liabilities: own, debts: own.map(l => debts.get(l.debtId)!) };
    });
  }

  /** A page of the debts each partner owed at `at`, in the statuses they had then (all when `statuses` is empty). */
  async debtPagesOfPartners(partnerIds: readonly string[], args: ConnectionArgs, statuses: DebtStatus[] | null | undefined, at: Date): Promise<ConnectionShape<CustomsDebt>[]> {
        const owed = await this.debtsOfPartners(partnerIds, at);
    return owed.map(o => pageAsOf(statuses?.length ? o.debts.filter(d => statuses.includes(d.status)) : o.debts, d => d.createdAt, args));
  }

  /**
   * The debtors of debts read as of `at`, as recorded then (DEBT-R03). A liability is looked for
   * among the debts' liability rows: one removed since (a stored lot's former depositor when its
   * new one was already liable, LD art. 52 para. 2 let. b) is not shown.
   */
  async debtorsOf(debtIds: readonly string[], at: Date): Promise<DebtorLiability[][]> {
    if (!debtIds.length) return [];
    const rows: { id: string }[] = await this.dataSource
      .getRepository(DebtorLiability)
      .createQueryBuilder("l")
      .select("l.id", "id")
      .where("l.debt_id IN (:...debts)", { debts: [...new Set(debtIds)] })
      .getRawMany();
    const versions = (await versionsAsOf(this.dataSource.manager, DebtorLiability, { ids: rows.map(r => r.id) }, at)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return debtIds.map(id => versions.filter(l => l.debtId === id));
  }

  /**
   * DEBT-R10 (LD art. 74): the default interest of debts read as of `at`, accrued to `at`: from
   * their versions then, the payments made by then, the subsequent collections notified by then
   * (LD art. 85), and since when a cash deposit secured them then (LD art. 74 para. 2). In key order; none of the statements when no debt was late.
   */
  async interestOf(debts: readonly CustomsDebt[], at: Date): Promise<number[]> {
    const late = [...new Set(debts.filter(d => interestNeedsFacts(d, at)).map(d => d.id))];
    const none: InterestFacts = { payments: [], rates: [], cashDepositSince: null, collections: [] };
    if (!late.length) return debts.map(d => defaultInterest(d, at, none));
    const payments = await this.dataSource
      .getRepository(Payment)
      .createQueryBuilder("p")
      .where("p.debt_id IN (:...debts) AND p.paid_at <= :at", { debts: late, at: sqlTime(at) })
      .orderBy("p.paid_at", "ASC")
      .addOrderBy("p.id", "ASC")
      .getMany();
    // DEBT-R22 (LD art. 85): the amounts notified by then, each with its payment period.
    const collections = await this.dataSource
      .getRepository(SubsequentCollection)
      .createQueryBuilder("c")
      .where("c.debt_id IN (:...debts) AND c.intention_notified_at <= :at", { debts: late, at: sqlTime(at) })
      .orderBy("c.intention_notified_at", "ASC")
      .addOrderBy("c.id", "ASC")
      .getMany();
    const cash = (await this.reservationsOfDebts(late, at)).filter(r => r.kind === SecurityKind.CASH_DEPOSIT).map(r => r.reservation);
    const rates = await this.dataSource.getRepository(InterestRate).find({ order: { validFrom: "ASC" } });
    return debts.map(d =>
      defaultInterest(d, at, { payments: payments.filter(p => p.debtId === d.id), rates, cashDepositSince: earliestReservation(cash.filter(r => r.debtId === d.id)), collections: collections.filter(c => c.debtId === d.id) }),
    );
  }

  /** DEBT-R14 (LD art. 76-77): what the securities attached to each debt at `at` covered then, in key order. */
  async securedAmountsOf(debtIds: readonly string[], at: Date): Promise<number[]> {
    const attached = await this.reservationsOfDebts(debtIds, at);
    return debtIds.map(id => attached.filter(r => r.reservation.debtId === id).reduce((sum, r) => sum + r.reservation.amount, 0));
  }

  /** A page of each debt's payments made by `at`, oldest first (their own time, `paidAt`, says when). */
  async paymentPages(debtIds: readonly string[], args: ConnectionArgs, at: Date): Promise<ConnectionShape<Payment>[]> {
    return paginateByParent(
      this.dataSource.getRepository(Payment),
      { parentProperty: "debtId", timeProperty: "paidAt", where: (qb, alias) => qb.andWhere(`${alias}.paid_at <= :paidBy`, { paidBy: sqlTime(at) }) },
      debtIds,
      args,
    );
  }

  // ------------------------------------------------------------ securities and exposure

  /** A page of the securities each partner provided or stood surety for at `at`, with their status, maximum and dates then. */
  async securityPagesOfPartners(partnerIds: readonly string[], args: ConnectionArgs, at: Date): Promise<ConnectionShape<Security>[]> {
        const held = await this.securitiesOfPartners(partnerIds, at, "debtorOrSurety");
    return held.map(securities => pageAsOf(securities, s => s.createdAt, args));
  }

  /** A page of each security's reservations at `at`, oldest first: one removed since (its debt paid or ended) is there until its removal. */
  async reservationPages(securityIds: readonly string[], args: ConnectionArgs, at: Date): Promise<ConnectionShape<SecurityReservation>[]> {
        const reservations = await versionsAsOf(this.dataSource.manager, SecurityReservation, { parentIds: securityIds }, at);
    return securityIds.map(id => pageAsOf(reservations.filter(r => r.securityId === id), r => r.reservedAt, args));
  }

  /**
   * Each partner's exposure at `at`: its open and conditional debts then, for which it was jointly
   * and severally liable then (DEBT-R03, DEBT-R04; LD art. 70), with default interest accrued to
   * `at` (DEBT-R10, LD art. 74). Its bonds are read as of the same instant (`bondPages`).
   */
  async exposureOf(partnerIds: readonly string[], at: Date): Promise<Exposure[]> {
    const owed = (await this.debtsOfPartners(partnerIds, at)).map(o => o.debts.filter((_, i) => o.liabilities[i].jointAndSeveral));
    const open = [...new Map(owed.flat().filter(d => OPEN.includes(d.status)).map(d => [d.id, d])).values()];
    const interest = new Map((await this.interestOf(open, at)).map((value, i) => [open[i].id, value]));
    return partnerIds.map((partnerId, i) => ({ ...this.exposure.sum(partnerId, owed[i], interest), asOf: at }));
  }

  /**
   * A page of each partner's general bonds in force at `at` (ACTIVE or TERMINATION_RECEIVED then,
   * DEBT-R16), oldest first, each with the claims attached to it then: its headroom then (DEBT-R14,
   * LD art. 77 para. 3).
   */
  async bondPages(partnerIds: readonly string[], args: ConnectionArgs, at: Date): Promise<ConnectionShape<BondHeadroomShape>[]> {
        const held = await this.securitiesOfPartners(partnerIds, at, "debtor");
    const pages = held.map(securities => pageAsOf(securities.filter(s => s.kind === SecurityKind.GENERAL_BOND && BONDS_IN_FORCE.includes(s.status)), s => s.createdAt, args));
    const bondIds = [...new Set(pages.flatMap(p => p.edges.map(e => e.node.id)))];
    const reservations = await versionsAsOf(this.dataSource.manager, SecurityReservation, { parentIds: bondIds }, at);
    const reserved = new Map<string, number>();
    for (const r of reservations) reserved.set(r.securityId, (reserved.get(r.securityId) ?? 0) + r.amount);
    return pages.map(page => headroomPage(page, reserved));
  }

  /**
   * The versions at `at` of the securities each partner provided (`debtor`) or also stood surety
   * for (`debtorOrSurety`). A security's debtor and surety never change once recorded, so which
   * securities are a partner's is read from the rows, their state then from the history: two
   * statements for any number of partners.
   */
  private async securitiesOfPartners(partnerIds: readonly string[], at: Date, side: "debtor" | "debtorOrSurety"): Promise<Security[][]> {
    if (!partnerIds.length) return [];
    const partners = [...new Set(partnerIds)];
    const qb = this.dataSource.getRepository(Security).createQueryBuilder("s").select("s.id", "id").where("s.debtor_id IN (:...partners)", { partners });
    if (side === "debtorOrSurety") qb.orWhere("s.surety_id IN (:...partners)", { partners });
    const ids = ((await qb.getRawMany()) as { id: string }[]).map(r => r.id);
    const versions = readAsOf(await versionsAsOf(this.dataSource.manager, Security, { ids }, at), at);
    return partnerIds.map(p => versions.filter(s => s.debtorId === p || (side === "debtorOrSurety" && s.suretyId === p)));
  }

  /**
   * The reservations of debts at `at`, each with its security's kind. A reservation's history is
   * kept under its security (a bond's headroom is read by it): it is looked for under the
   * securities of the debts' debtors and those still attached to them, a reservation being made
   * only on a security of one of the debt's debtors (SecurityService.attach; a security's debtor
   * and kind never change). Two statements.
   */
  private async reservationsOfDebts(debtIds: readonly string[], at: Date): Promise<{ reservation: SecurityReservation; kind: SecurityKind }[]> {
    if (!debtIds.length) return [];
    const debts = [...new Set(debtIds)];
    const candidates: { id: string; kind: SecurityKind }[] = await this.dataSource
      .getRepository(Security)
      .createQueryBuilder("s")
      .select("s.id", "id")
      .addSelect("s.kind", "kind")
      .where("s.debtor_id IN (SELECT l.partner_id FROM debtor_liability l WHERE l.debt_id IN (:...debts))", { debts })
      .orWhere("s.id IN (SELECT r.security_id FROM security_reservation r WHERE r.debt_id IN (:...debts))", { debts })
      .getRawMany();
    const kinds = new Map(candidates.map(c => [c.id, c.kind]));
    const reservations = await versionsAsOf(this.dataSource.manager, SecurityReservation, { parentIds: [...kinds.keys()] }, at);
    return reservations.filter(r => debts.includes(r.debtId)).map(reservation => ({ reservation, kind: kinds.get(reservation.securityId)! }));
  }

  /** The versions of debts at `at`, read as of it (the kit revives their JSON columns). */
  private async debts(ids: readonly string[], at: Date): Promise<CustomsDebt[]> {
    const versions = await versionsAsOf(this.dataSource.manager, CustomsDebt, { ids }, at);
    return readAsOf(versions, at);
  }
}
