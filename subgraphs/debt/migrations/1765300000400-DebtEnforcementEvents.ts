import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from "typeorm";

/**
 * Enforcement's events (X21, X23, FineImposed): a pledge on goods presumed smuggled remembers the
 * seizure it comes from, under a unique origin key so that a redelivery makes no second pledge
 * (LD art. 83 para. 3), and its description widens to 1,000 characters, the length of the objects
 * enforcement describes; a debtor's basis widens to 32 characters for an undertaking ordered to
 * pay a fine (`UNDERTAKING_ORDERED_TO_PAY`, 26; LD art. 125).
 *
 * The resizes are per engine, as in DebtProcedureEvents: MySQL gets `MODIFY` (TypeORM's
 * `changeColumn` would drop and re-add the column with its data); SQLite rebuilds the table with
 * its rows and indices.
 */
export class DebtEnforcementEvents1765300000400 implements MigrationInterface {
  name = "DebtEnforcementEvents1765300000400";

  async up(q: QueryRunner): Promise<void> {
    await this.resize(q, "customs_pledge", "description", 1000);
    await q.addColumn("customs_pledge", new TableColumn({ name: "origin_key", type: "varchar", length: "64", isNullable: true }));
    await q.addColumn("customs_pledge", new TableColumn({ name: "seizure_id", type: "varchar", length: "36", isNullable: true }));
    await q.createIndex("customs_pledge", new TableIndex({ name: "IDX_customs_pledge_origin_key", columnNames: ["origin_key"], isUnique: true }));
    await this.resize(q, "debtor_liability", "basis", 32);
  }

  async down(q: QueryRunner): Promise<void> {
    // A value longer than the old column would be cut: refused before anything changes (MySQL
    // commits each schema change at once).
    const count = async (sql: string) => Number(((await q.query(sql)) as { n: string | number }[])[0].n);
    const bases = await count("SELECT COUNT(*) AS n FROM debtor_liability WHERE LENGTH(basis) > 24");
    if (bases > 0) throw new Error(`Undertakings ordered to pay a fine (debtor basis over 24 characters: ${bases}) cannot be rolled back`);
    const descriptions = await count("SELECT COUNT(*) AS n FROM customs_pledge WHERE LENGTH(description) > 500");
    if (descriptions > 0) throw new Error(`Pledges described in more than 500 characters (${descriptions}) cannot be rolled back`);
    await this.resize(q, "debtor_liability", "basis", 24);
    await q.dropIndex("customs_pledge", "IDX_customs_pledge_origin_key");
    await q.dropColumn("customs_pledge", "seizure_id");
    await q.dropColumn("customs_pledge", "origin_key");
    await this.resize(q, "customs_pledge", "description", 500);
  }

  /** A NOT NULL varchar column to `length` characters, its rows and indices kept. */
  private async resize(q: QueryRunner, table: string, column: string, length: number): Promise<void> {
    if (q.connection.options.type === "better-sqlite3") {
      await q.changeColumn(table, column, new TableColumn({ name: column, type: "varchar", length: String(length) }));
    } else {
      await q.query(`ALTER TABLE ${table} MODIFY ${column} varchar(${length}) NOT NULL`);
    }
  }
}
