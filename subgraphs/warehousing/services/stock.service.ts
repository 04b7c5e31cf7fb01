import { randomUUID } from "node:crypto";
import { DataSource, EntityManager } from "typeorm";
import { ConnectionArgs, ConnectionShape, Decimal, findForUpdate, loadManyByColumn, paginate, sqlTime } from "../../kit";
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
   * left out), in one statement whatever the history: for each position, the balance of its last
   * movement at or before the instant within the instant's month, or else the closing balance of
   * the last earlier month it moved in. Both are equality seeks (`IDX_lot_movement_position_period`,
   * `position_period`'s key), so neither scans the position's later movements, as a plain
   * "last movement before the instant" does on MariaDB, whose optimizer reads it by `ref` on the
   * position and walks back from its newest movement (measured with `npm run bench:stock`).
   */
  async asOf(facilityId: string, at: Date, filter: { depositorIds?: string[] | null; tariffNumber?: string | null } = {}): Promise<StockLine[]> {
    if (filter.depositorIds && !filter.depositorIds.length) return [];
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
    const rows: { depositor_id: string; tariff_number: string; grams: string | number | null }[] = await this.dataSource.query(
      `SELECT p.depositor_id, p.tariff_number, COALESCE(
         (SELECT m.balance_after_grams FROM lot_movement m WHERE m.position_id = p.id AND m.period = ? AND m.at <= ? ORDER BY m.period DESC, m.at DESC, m.seq DESC LIMIT 1),
         (SELECT pp.closing_grams FROM position_period pp WHERE pp.position_id = p.id AND pp.period < ? ORDER BY pp.period DESC LIMIT 1)
       ) AS grams
       FROM stock_position p WHERE ${where} ORDER BY p.depositor_id, p.tariff_number`,
      params,
    );
    return rows.map(r => ({ depositorId: r.depositor_id, tariffNumber: r.tariff_number, grams: Number(r.grams ?? 0) })).filter(r => r.grams !== 0);
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

  async movementsOf(lotIds: readonly string[]): Promise<LotMovement[][]> {
    return loadManyByColumn(this.dataSource.getRepository(LotMovement), "lotId", lotIds, { seq: "ASC" });
  }
}
