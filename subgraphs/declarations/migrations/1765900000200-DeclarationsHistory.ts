import { MigrationInterface, QueryRunner } from "typeorm";
import { createHistoryTriggers, dropHistoryTriggers, HistorySpec } from "../../kit";

/**
 * Issue 15, a declaration's timeline lists every state change: the kit keeps every version of a
 * declaration row (kit/history.ts, its `entity_history` created by KitEntityHistory1765900000000
 * just before this), so that the moves the row itself does not date (a withdrawal, LD art. 34
 * para. 1; the move to RESUBMISSION_OVERDUE, OD-AFD art. 20 para. 2; the office's extension after
 * it) are dated by their version, and the receipt and acceptance a resubmission stamps again
 * (DEC-R40) are kept in the versions before it. Every column, so that a version reads back as the
 * entity; found by declarant (the parent), as a partner's declarations are.
 *
 * The columns are written out here, not read from the entity: a migration installs what existed at
 * its time. A later migration that adds a column to `customs_declaration` installs the triggers
 * again with it; on SQLite, one that rebuilds the table (TypeORM's `changeColumn`, `dropColumn`)
 * loses them with the old table and must install them again.
 *
 * A declaration that existed before this migration gets one version, as it then stood, dated at its
 * creation (`created_at`): what happened to it before is not kept, and is not guessed.
 */
export const DECLARATIONS_HISTORY: HistorySpec[] = [
  {
    table: "customs_declaration",
    parentColumn: "declarant_id",
    columns: [
      "id",
      "declaration_number",
      "direction",
      "procedure",
      "destination",
      "channel",
      "particulars",
      "simplified_procedure",
      "processing_authorisation_id",
      "warehouse_lot_id",
      "declarant_id",
      "on_behalf_of_id",
      "office_id",
      "business_number",
      "personal_number",
      "language",
      "is_pre_declaration",
      "planned_crossing_at",
      "crossed_border_at",
      "presentation_id",
      "application_id",
      "status",
      "transmitted_at",
      "receipt_confirmed_at",
      "accepted_at",
      "selection_result",
      "selection_communicated_at",
      "incorrect_particulars_found_at",
      "released_at",
      "removal_due_by",
      "removed_at",
      "tourist_traffic",
      "version",
      "created_at",
    ],
    backfillTimeColumn: "created_at",
  },
];

export class DeclarationsHistory1765900000200 implements MigrationInterface {
  name = "DeclarationsHistory1765900000200";

  async up(q: QueryRunner): Promise<void> {
    for (const spec of DECLARATIONS_HISTORY) await createHistoryTriggers(q, spec);
  }

  async down(q: QueryRunner): Promise<void> {
    // The kept versions go with the triggers (kit/history.ts says why).
    for (const spec of [...DECLARATIONS_HISTORY].reverse()) await dropHistoryTriggers(q, spec);
  }
}
