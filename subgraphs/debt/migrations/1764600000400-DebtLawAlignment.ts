import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from "typeorm";

/**
 * Issue 8: the end of a procedure (remission of conditional taxations, DEBT-R23), remission
 * requests without a running deadline, the surety's receipts, pledged goods handed to a surety and
 * the sureties an enforceable title binds (DEBT-R15). Engine-neutral (TypeORM schema API).
 */
export class DebtLawAlignment1764600000400 implements MigrationInterface {
  name = "DebtLawAlignment1764600000400";

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn("customs_debt", new TableColumn({ name: "procedure_ended_at", type: "datetime", precision: 3, isNullable: true }));
    await q.changeColumn("remission_request", "deadline", new TableColumn({ name: "deadline", type: "datetime", precision: 3, isNullable: true }));
    await q.addColumn("customs_pledge", new TableColumn({ name: "handed_to_id", type: "varchar", length: "36", isNullable: true }));
    await q.addColumn("debt_enforcement_case", new TableColumn({ name: "bound_surety_ids", type: "text", isNullable: true }));
    await q.createTable(
      new Table({
        name: "surety_receipt",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "number", type: "varchar", length: "20" },
          { name: "payment_id", type: "varchar", length: "36" },
          { name: "debt_id", type: "varchar", length: "36" },
          { name: "surety_id", type: "varchar", length: "36" },
          { name: "debtor_ids", type: "text" },
          { name: "amount_rappen", type: "bigint" },
          { name: "paid_at", type: "datetime", precision: 3 },
          { name: "issued_at", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createIndex("surety_receipt", new TableIndex({ name: "IDX_surety_receipt_number", columnNames: ["number"], isUnique: true }));
    await q.createIndex("surety_receipt", new TableIndex({ name: "IDX_surety_receipt_payment", columnNames: ["payment_id"], isUnique: true }));
    await q.createIndex("surety_receipt", new TableIndex({ name: "IDX_surety_receipt_surety", columnNames: ["surety_id"] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("surety_receipt");
    await q.dropColumn("debt_enforcement_case", "bound_surety_ids");
    await q.dropColumn("customs_pledge", "handed_to_id");
    // Requests filed while a procedure ran have no deadline; they get the moment of the rollback.
    await q.query("UPDATE remission_request SET deadline = filed_at WHERE deadline IS NULL");
    await q.changeColumn("remission_request", "deadline", new TableColumn({ name: "deadline", type: "datetime", precision: 3, isNullable: false }));
    await q.dropColumn("customs_debt", "procedure_ended_at");
  }
}
