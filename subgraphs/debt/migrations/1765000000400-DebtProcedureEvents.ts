import { MigrationInterface, QueryRunner, TableColumn } from "typeorm";

/**
 * Declarations' procedure cases (X11, X12; LD art. 49, 58-60, 76): a case's conditional debt is
 * keyed `procedure:<case id>`, 46 characters, so the debt's origin key widens to 64; a requisition
 * for the rest of a conditional debt is withdrawn when the debt ends unmet (LD art. 49 para. 3-4).
 *
 * TypeORM's MySQL `changeColumn` drops and re-adds a column whose length changes, losing its data
 * and its unique index: MySQL gets `MODIFY`; SQLite rebuilds the table with its rows and indices.
 */
export class DebtProcedureEvents1765000000400 implements MigrationInterface {
  name = "DebtProcedureEvents1765000000400";

  async up(q: QueryRunner): Promise<void> {
    await this.resizeOrigin(q, 64);
    await q.addColumn("security_requisition", new TableColumn({ name: "withdrawn_at", type: "datetime", precision: 3, isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    // A case's key does not fit the old column: refused rather than cut, before anything changes
    // (MySQL commits each schema change at once).
    const [longer] = (await q.query("SELECT COUNT(*) AS n FROM customs_debt WHERE LENGTH(declaration_id) > 36")) as { n: string | number }[];
    if (Number(longer.n) > 0) throw new Error(`Debts keyed by a procedure case (origin key over 36 characters: ${longer.n}) cannot be rolled back`);
    await q.dropColumn("security_requisition", "withdrawn_at");
    await this.resizeOrigin(q, 36);
  }

  private async resizeOrigin(q: QueryRunner, length: number): Promise<void> {
    if (q.connection.options.type === "better-sqlite3") {
      await q.changeColumn("customs_debt", "declaration_id", new TableColumn({ name: "declaration_id", type: "varchar", length: String(length) }));
    } else {
      await q.query(`ALTER TABLE customs_debt MODIFY declaration_id varchar(${length}) NOT NULL`);
    }
  }
}
