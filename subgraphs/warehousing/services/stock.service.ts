import { randomUUID } from "node:crypto";
import { DataSource, EntityManager, In } from "typeorm";
import { ConnectionArgs, ConnectionShape, Decimal, findForUpdate, keyCursor, pageByKey, paginate, sqlTime } from "../../kit";
import { LotMovement, PositionPeriod, StockPosition, StoredLot } from "../entities/lot.entity";
import { MovementKind } from "../entities/enums";

/** A net mass in kg (exact decimal string, 3 decimals) as whole grams, and back. */
export const toGrams = (kg: string): number => new Decimal(kg).mul(1000).toDecimalPlaces(0).toNumber();
export const toKg = (grams: number): string => new Decimal(grams).div(1000).toFixed(3);

/** The calendar month of an instant (UTC) as YYYYMM: the period a movement is kept under. */
export function periodOf(at: Date): number {
  return at.getUTCFullYear() * 100 + at.getUTCMonth() + 1;
}

export interface StockLine {
  depositorId: string;
  tariffNumber: string;
  grams: number;
}

/** Which positions of a facility's stock to read: some depositors' (none if empty), one tariff number's. */
export interface StockFilter {
  depositorIds?: string[] | null;
  tariffNumber?: string | null;
}

/**
 * A facility's stock through time (WH-R11, WH-R16, WH-R18, WH-R23). Every change is a movement
 * appended to `lot_movement` and never changed; each carries the running balance of its stock
 * position (facility, depositor, tariff number), kept under the position's row lock. The stock of
 * any instant is then, per position, the balance of its last movement at or before that instant,
 * found within the instant's month or in the closing balance of an earlier month (`asOf`), however
 * long the history. So a position's movements must be in the same order by time as by balance:
 * see `move`.
 */
export class StockService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends a movement of `deltaGrams` for the lot's current position, at `at` (now), under the
   * position's lock, and the position's closing balance of the month. A caller reads its clock
   * before it takes its locks, so another movement of the position may take the lock first with a
   * later time (an exit while an entry waits for the facility's authorisation). Dated before that
   * one, this movement's balance, which includes it, would never be read again, and the stock
   * would miss this movement from then on: it is dated at the position's last movement instead,
   * and the stock counts it from there (WH-R11, WH-R18).
   */
  async move(m: EntityManager, lot: Pick<StoredLot, "id" | "facilityId" | "depositorId" | "tariffNumber">, kind: MovementKind, deltaGrams: number, at: Date, recordedBy: string, declarationId: string | null = null): Promise<LotMovement> {
    const position = await this.lockPosition(m, lot.facilityId, lot.depositorId, lot.tariffNumber);
    const balance = position.currentGrams + deltaGrams;
    if (balance < 0) throw new Error(`stock of position ${position.id} would fall below zero`);
    const last = await m.findOne(LotMovement, { where: { positionId: position.id }, order: { period: "DESC", at: "DESC", seq: "DESC" } });
    const when = last && last.at.getTime() > at.getTime() ? last.at : at;
    const period = periodOf(when);
    await m.update(StockPosition, { id: position.id }, { currentGrams: balance });
    await m.upsert(PositionPeriod, { positionId: position.id, period, closingGrams: balance }, ["positionId", "period"]);
    return m.save(
      m.create(LotMovement, { facilityId: lot.facilityId, lotId: lot.id, positionId: position.id, kind, deltaGrams, balanceAfterGrams: balance, at: when, period, declarationId, recordedBy }),
    );
  }

  /**
   * The position's row, locked; created at zero the first time. Creating races on the unique key
   * (facility, depositor, tariff number): the loser re-reads the winner's row under the lock.
   */
  private async lockPosition(m: EntityManager, facilityId: string, depositorId: string, tariffNumber: string): Promise<StockPosition> {
    const existing = await findForUpdate(m, StockPosition, { facilityId, depositorId, tariffNumber });
    if (existing) return existing;
    await m
      .createQueryBuilder()
      .insert()
      .into(StockPosition)
      .values({ id: randomUUID(), facilityId, depositorId, tariffNumber, currentGrams: 0 })
      .orIgnore()
      .execute();
    return (await findForUpdate(m, StockPosition, { facilityId, depositorId, tariffNumber }))!;
  }

  /**
   * The stock of a facility at an instant, per depositor and tariff number (positions at zero
   * left out), a page at a time in one statement whatever the history: for each position, the
   * balance of its last movement at or before the instant within the instant's month, or else the
   * closing balance of the last earlier month it moved in. Both are equality seeks
   * (`IDX_lot_movement_position_period`, `position_period`'s key), so neither scans the position's
   * later movements, as a plain "last movement before the instant" does on MariaDB, whose optimizer
   * reads it by `ref` on the position and walks back from its newest movement (measured with
   * `npm run bench:stock`). Sorted by depositor, then tariff number, which is also the cursor.
   */
  async linesAsOf(facilityId: string, at: Date, filter: StockFilter, args: ConnectionArgs): Promise<ConnectionShape<StockLine>> {
    const positions = this.positionsAt(facilityId, at, filter);
    if (!positions.sql) return pageByKey([], args, () => [], async () => 0);
    const count = async () => Number(((await this.dataSource.query(`SELECT COUNT(*) AS n FROM (${positions.sql}) s WHERE s.grams <> 0`, positions.params)) as { n: string | number }[])[0]?.n ?? 0);
    const params = [...positions.params];
    let after = "";
    if (args.after) {
      const [depositorId, tariffNumber] = keyCursor.decode<[string, string]>(args.after, ["string", "string"]);
      after = " AND (s.depositor_id > ? OR (s.depositor_id = ? AND s.tariff_number > ?))";
      params.push(depositorId, depositorId, tariffNumber);
    }
    const rows: { depositor_id: string; tariff_number: string; grams: string | number }[] = await this.dataSource.query(
      `SELECT s.depositor_id, s.tariff_number, s.grams FROM (${positions.sql}) s WHERE s.grams <> 0${after} ORDER BY s.depositor_id, s.tariff_number LIMIT ${Number(args.first) + 1}`,
      params,
    );
    const lines = rows.map(r => ({ depositorId: r.depositor_id, tariffNumber: r.tariff_number, grams: Number(r.grams) }));
    return pageByKey(lines, args, l => [l.depositorId, l.tariffNumber], count);
  }

  /** All the facility's stock at an instant, in grams, in one statement (same reading as `linesAsOf`). */
  async totalAsOf(facilityId: string, at: Date, filter: StockFilter): Promise<number> {
    const positions = this.positionsAt(facilityId, at, filter);
    if (!positions.sql) return 0;
    const rows: { grams: string | number | null }[] = await this.dataSource.query(`SELECT SUM(s.grams) AS grams FROM (${positions.sql}) s`, positions.params);
    return Number(rows[0]?.grams ?? 0);
  }

  /** Each position of the facility with its balance at the instant (`grams`, null if it had not moved yet); no SQL when the filter names no depositor. */
  private positionsAt(facilityId: string, at: Date, filter: StockFilter): { sql: string; params: unknown[] } {
    if (filter.depositorIds && !filter.depositorIds.length) return { sql: "", params: [] };
    const when = sqlTime(at);
    const period = periodOf(at);
    const params: unknown[] = [period, when, period, facilityId];
    let where = "p.facility_id = ?";
    if (filter.depositorIds) {
      where += ` AND p.depositor_id IN (${filter.depositorIds.map(() => "?").join(", ")})`;
      params.push(...filter.depositorIds);
    }
    if (filter.tariffNumber) {
      where += " AND p.tariff_number = ?";
      params.push(filter.tariffNumber);
    }
    return {
      sql: `SELECT p.depositor_id, p.tariff_number, COALESCE(
         (SELECT m.balance_after_grams FROM lot_movement m WHERE m.position_id = p.id AND m.period = ? AND m.at <= ? ORDER BY m.period DESC, m.at DESC, m.seq DESC LIMIT 1),
         (SELECT pp.closing_grams FROM position_period pp WHERE pp.position_id = p.id AND pp.period < ? ORDER BY pp.period DESC LIMIT 1)
       ) AS grams
       FROM stock_position p WHERE ${where}`,
      params,
    };
  }

  /** The lots in a facility at an instant (entered by then, not yet left): the inventory of that moment, oldest entry first. */
  async inventoryAsOf(facilityId: string, at: Date, args: ConnectionArgs, depositorIds: string[] | null = null): Promise<ConnectionShape<StoredLot>> {
    const qb = this.dataSource
      .getRepository(StoredLot)
      .createQueryBuilder("l")
      .where("l.facility_id = :facilityId AND l.entered_at <= :at AND (l.left_at IS NULL OR l.left_at > :at)", { facilityId, at: sqlTime(at) });
    if (depositorIds) qb.andWhere(depositorIds.length ? "l.depositor_id IN (:...depositors)" : "1 = 0", { depositors: depositorIds });
    return paginate(qb, args, { alias: "l", timeColumn: "entered_at", timeProperty: "enteredAt" });
  }

  /**
   * Pages of the movements of many lots, in the order they were appended, in two statements
   * whatever the number of lots (one window query picks each lot's page, one loads it) and, when
   * asked for, one count for all: the kit's `paginateByParent`, keyed on the movement's sequence
   * since a movement has no id.
   */
  async movementsOf(lotIds: readonly string[], args: ConnectionArgs): Promise<ConnectionShape<LotMovement>[]> {
    if (!lotIds.length) return [];
    const repo = this.dataSource.getRepository(LotMovement);
    const lots = [...new Set(lotIds)];
    const ranked = repo
      .createQueryBuilder("m")
      .select("m.seq", "seq")
      .addSelect("ROW_NUMBER() OVER (PARTITION BY m.lot_id ORDER BY m.seq ASC)", "rn")
      .where("m.lot_id IN (:...lots)", { lots });
    if (args.after) ranked.andWhere("m.seq > :afterSeq", { afterSeq: keyCursor.decode<[number]>(args.after, ["number"])[0] });
    const [sql, params] = ranked.getQueryAndParameters();
    const picked = (await repo.query(`SELECT ranked.seq FROM (${sql}) ranked WHERE ranked.rn <= ?`, [...params, Number(args.first) + 1])) as { seq: string | number }[];
    const rows = picked.length ? await repo.find({ where: { seq: In(picked.map(r => Number(r.seq))) }, order: { seq: "ASC" } }) : [];
    let counts: Promise<Map<string, number>> | undefined;
    const countAll = () =>
      (counts ??= repo
        .createQueryBuilder("m")
        .select("m.lot_id", "lot")
        .addSelect("COUNT(*)", "n")
        .where("m.lot_id IN (:...lots)", { lots })
        .groupBy("m.lot_id")
        .getRawMany<{ lot: string; n: string | number }>()
        .then(raw => new Map(raw.map(r => [r.lot, Number(r.n)]))));
    return lotIds.map(lotId => pageByKey(rows.filter(r => r.lotId === lotId), args, m => [m.seq], async () => (await countAll()).get(lotId) ?? 0));
  }
}
