import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from "typeorm";

/**
 * X08 (DEBT-R01, LD art. 68): the taxation decisions an amended one replaced, so that a late or
 * repeated delivery of one does not put its amount back. DEBT-R22 (LD art. 85) with DEBT-R09,
 * DEBT-R10 (LD art. 73, 74 para. 1): a subsequent collection keeps the payment period of the amount
 * it notifies, from the notification, and the one of the amounts notified before it. Neither table
 * keeps history (DebtHistory): plain additions, engine-neutral (TypeORM schema API). The periods of
 * collections recorded before stay unknown (null): they share the debt's, as they did.
 */
export class DebtAmendedDecisionsAndCollectionPeriods1766100000400 implements MigrationInterface {
  name = "DebtAmendedDecisionsAndCollectionPeriods1766100000400";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "superseded_taxation_decision",
        columns: [
          { name: "taxation_decision_id", type: "varchar", length: "36", isPrimary: true },
          { name: "superseded_by_id", type: "varchar", length: "36" },
          { name: "debt_id", type: "varchar", length: "36" },
          { name: "recorded_at", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createIndex("superseded_taxation_decision", new TableIndex({ name: "IDX_superseded_taxation_decision_debt", columnNames: ["debt_id"] }));
    await q.addColumn("subsequent_collection", new TableColumn({ name: "payment_deadline", type: "datetime", precision: 3, isNullable: true }));
    await q.addColumn("subsequent_collection", new TableColumn({ name: "prior_payment_deadline", type: "datetime", precision: 3, isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn("subsequent_collection", "prior_payment_deadline");
    await q.dropColumn("subsequent_collection", "payment_deadline");
    await q.dropTable("superseded_taxation_decision");
  }
}
