import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from "typeorm";

/**
 * The stock of an instant in equality seeks (issue 10, `npm run bench:stock`): each movement knows
 * its month (YYYYMM, UTC) and each stock position keeps its balance at the end of every month it
 * moved in, so that reading an instant needs that month's movements of a position and the
 * closing balance of its month before, never a scan of its later history. Backfilled from the
 * movements already recorded. Engine-neutral, but for the month of a datetime.
 */
export class WarehousingStockPeriods1765100000400 implements MigrationInterface {
  name = "WarehousingStockPeriods1765100000400";

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn("lot_movement", new TableColumn({ name: "period", type: "integer", default: 0 }));
    const month = q.connection.options.type === "better-sqlite3" ? "CAST(strftime('%Y%m', at) AS INTEGER)" : "(YEAR(at) * 100 + MONTH(at))";
    await q.query(`UPDATE lot_movement SET period = ${month}`);
    await q.createIndex("lot_movement", new TableIndex({ name: "IDX_lot_movement_position_period", columnNames: ["position_id", "period", "at", "seq"] }));
    // The month's index serves every read of a position's movements; MariaDB preferred the old
    // one for its order, and walked a position's whole later history with it.
    await q.dropIndex("lot_movement", "IDX_lot_movement_position_at");
    await q.createTable(
      new Table({
        name: "position_period",
        columns: [
          { name: "position_id", type: "varchar", length: "36", isPrimary: true },
          { name: "period", type: "integer", isPrimary: true },
          { name: "closing_grams", type: "bigint" },
        ],
      }),
    );
    await q.query(
      "INSERT INTO position_period (position_id, period, closing_grams) SELECT m.position_id, m.period, m.balance_after_grams FROM lot_movement m WHERE m.seq = (SELECT MAX(m2.seq) FROM lot_movement m2 WHERE m2.position_id = m.position_id AND m2.period = m.period)",
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("position_period");
    await q.createIndex("lot_movement", new TableIndex({ name: "IDX_lot_movement_position_at", columnNames: ["position_id", "at", "seq"] }));
    await q.dropIndex("lot_movement", "IDX_lot_movement_position_period");
    await q.dropColumn("lot_movement", "period");
  }
}
