import { randomUUID } from "node:crypto";
import { DataSource, EntityManager, In } from "typeorm";
import { ConnectionArgs, ConnectionShape, Decimal, findForUpdate, paginate, sqlTime } from "../../kit";
import { LotMovement, StockPosition, StoredLot } from "../entities/lot.entity";
import { MovementKind } from "../entities/enums";

/** A net mass in kg (exact decimal string, 3 decimals) as whole grams, and back. */
export const toGrams = (kg: string): number => new Decimal(kg).mul(1000).toDecimalPlaces(0).toNumber();
export const toKg = (grams: number): string => new Decimal(grams).div(1000).toFixed(3);

export interface StockLine {
  depositorId: string;
  tariffNumber: string;
  grams: number;
}

/**
 * A facility's stock through time (WH-R11, WH-R16, WH-R18, WH-R23). Every change is a movement
 * appended to `lot_movement` and never changed; each carries the running balance of its stock
 * position (facility, depositor, tariff number), kept under the position's row lock. The stock of
 * any instant is then, per position, the balance of its last movement at or before that instant:
 * one index seek each (`IDX_lot_movement_position_at`), in one statement, however long the history.
 */
export class StockService {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends a movement of `deltaGrams` for the lot's current position, at `at` (now), under the position's lock. */
  async move(m: EntityManager, lot: Pick<StoredLot, "id" | "facilityId" | "depositorId" | "tariffNumber">, kind: MovementKind, deltaGrams: number, at: Date, recordedBy: string, declarationId: string | null = null): Promise<LotMovement> {
    const position = await this.lockPosition(m, lot.facilityId, lot.depositorId, lot.tariffNumber);
    const balance = position.currentGrams + deltaGrams;
    if (balance < 0) throw new Error(`stock of position ${position.id} would fall below zero`);
    await m.update(StockPosition, { id: position.id }, { currentGrams: balance });
    return m.save(
      m.create(LotMovement, { facilityId: lot.facilityId, lotId: lot.id, positionId: position.id, kind, deltaGrams, balanceAfterGrams: balance, at, declarationId, recordedBy }),
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
   * left out): one statement, one index seek per position.
   */
  async asOf(facilityId: string, at: Date, filter: { depositorIds?: string[] | null; tariffNumber?: string | null } = {}): Promise<StockLine[]> {
    const params: unknown[] = [sqlTime(at), facilityId];
    let where = "p.facility_id = ?";
    if (filter.depositorIds) {
      if (!filter.depositorIds.length) return [];
      where += ` AND p.depositor_id IN (${filter.depositorIds.map(() => "?").join(", ")})`;
      params.push(...filter.depositorIds);
    }
    if (filter.tariffNumber) {
      where += " AND p.tariff_number = ?";
      params.push(filter.tariffNumber);
    }
    const rows: { depositor_id: string; tariff_number: string; grams: string | number | null }[] = await this.dataSource.query(
      `SELECT p.depositor_id, p.tariff_number,
         (SELECT m.balance_after_grams FROM lot_movement m WHERE m.position_id = p.id AND m.at <= ? ORDER BY m.at DESC, m.seq DESC LIMIT 1) AS grams
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
    if (!lotIds.length) return [];
    const rows = await this.dataSource.getRepository(LotMovement).find({ where: { lotId: In([...new Set(lotIds)]) }, order: { seq: "ASC" } });
    return lotIds.map(id => rows.filter(r => r.lotId === id));
  }
}
