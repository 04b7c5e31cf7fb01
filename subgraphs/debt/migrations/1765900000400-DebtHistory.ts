import { MigrationInterface, QueryRunner } from "typeorm";
import { createHistoryTriggers, dropHistoryTriggers, HistorySpec } from "../../kit";

/**
 * Issue 15, "as of a date": the kit keeps every version of the rows a partner's page is read from
 * (kit/history.ts, its `entity_history` listed before this migration): debts (status, amounts,
 * paid parts, dates), debtors (a liability can come after its debt, at taxation, or move to a
 * stored lot's new depositor, LD art. 52 para. 2 let. b), securities (status, maximum,
 * termination, cancellation) and reservations (removed when their debt is paid or otherwise ends:
 * the removal is kept). Every column of each entity, so that a version reads back as the entity.
 *
 * The columns are written out here, not read from the entities: a migration installs what existed
 * at its time. A later migration that changes one of these tables installs the triggers again with
 * its columns; on SQLite, one that rebuilds the table (TypeORM's `changeColumn`) loses them with the
 * old table and must install them again.
 */
export const DEBT_HISTORY: HistorySpec[] = [
  {
    table: "customs_debt",
    columns: [
      "id",
      "declaration_id",
      "declaration_number",
      "taxation_decision_id",
      "birth_trigger",
      "arisen_at",
      "conditional",
      "amount_rappen",
      "principal_paid_rappen",
      "interest_paid_rappen",
      "established_at",
      "due_at",
      "payment_deadline",
      "status",
      "procedure_ended_at",
      "suspensions",
      "interruptions",
      "created_at",
    ],
    backfillTimeColumn: "created_at",
  },
  // Found by partner: the debts a partner owed at an instant are those of its liabilities then.
  // A liability has no time of its own: its history begins with its debt's (`history_since` below).
  { table: "debtor_liability", parentColumn: "partner_id", columns: ["id", "debt_id", "partner_id", "basis", "joint_and_several"], backfillTimeColumn: "history_since" },
  {
    table: "security",
    parentColumn: "debtor_id",
    columns: ["id", "debtor_id", "surety_id", "kind", "max_rappen", "established_on", "status", "termination_received_at", "coverage_cutoff", "cancelled_at", "created_at"],
    backfillTimeColumn: "created_at",
  },
  // Found by security: a bond's claims at an instant, hence its headroom then (DEBT-R14, LD art. 77 para. 3).
  { table: "security_reservation", parentColumn: "security_id", columns: ["id", "security_id", "debt_id", "amount_rappen", "reserved_at"], backfillTimeColumn: "reserved_at" },
];

export class DebtHistory1765900000400 implements MigrationInterface {
  name = "DebtHistory1765900000400";

  async up(q: QueryRunner): Promise<void> {
    const sqlite = q.connection.options.type === "better-sqlite3";
    // A liability that existed before its history began is recorded as of its debt's creation (the
    // migration's own time for one without its debt), through a column that lives only for the
    // backfill. Plain ALTER TABLE on both engines: SQLite (3.35+) drops the column in place, where
    // TypeORM's `dropColumn` would rebuild the table and lose its new triggers.
    await q.query(sqlite ? `ALTER TABLE "debtor_liability" ADD COLUMN "history_since" datetime NULL` : "ALTER TABLE `debtor_liability` ADD COLUMN `history_since` datetime(3) NULL");
    const now = sqlite ? "strftime('%Y-%m-%d %H:%M:%f', 'now')" : "UTC_TIMESTAMP(3)";
    await q.query(`UPDATE debtor_liability SET history_since = COALESCE((SELECT d.created_at FROM customs_debt d WHERE d.id = debtor_liability.debt_id), ${now})`);
    for (const spec of DEBT_HISTORY) await createHistoryTriggers(q, spec);
    await q.query(sqlite ? `ALTER TABLE "debtor_liability" DROP COLUMN "history_since"` : "ALTER TABLE `debtor_liability` DROP COLUMN `history_since`");
  }

  async down(q: QueryRunner): Promise<void> {
    // The kept versions go with the triggers (kit/history.ts says why).
    for (const spec of [...DEBT_HISTORY].reverse()) await dropHistoryTriggers(q, spec);
  }
}
