import { MigrationInterface, QueryRunner } from "typeorm";
import { createHistoryTriggers, dropHistoryTriggers, HistorySpec } from "../../kit";

/**
 * Issue 15 (a partner page as of a past date): identity keeps the history of a partner's roles
 * (ID-R14 to ID-R16, ePortal step 4), e-dec/NCTS authorisations (OD-AFD art. 8-9) and AEO requests
 * (ID-R36, LD art. 42a) in the kit's `entity_history` (kit/history.ts, whose table
 * KitEntityHistory1765900000000 creates just before this). The column lists are frozen here, as a
 * migration's schema is: a column added later to one of these tables needs a migration that
 * installs the triggers again with it.
 *
 * The history of a row that existed before this migration begins with one version, its state at
 * this migration, dated at its creation (`backfillTimeColumn`): what happened to it before was not
 * kept, and is not guessed from its timestamps.
 *
 * SQLite: TypeORM rebuilds a table to alter it, and the triggers go with the old table; a later
 * migration that alters one of these tables must install its triggers again.
 */
export const IDENTITY_HISTORY: HistorySpec[] = [
  {
    table: "partner_role",
    parentColumn: "partner_id",
    columns: [
      "id",
      "partner_id",
      "role_type",
      "status",
      "requested_by_id",
      "requested_at",
      "released_at",
      "decision_note",
      "decided_by",
      "ended_at",
      "contact_Name",
      "contact_Email",
      "contact_Phone",
    ],
    backfillTimeColumn: "requested_at",
  },
  {
    table: "customs_system_authorisation",
    parentColumn: "partner_id",
    columns: [
      "id",
      "partner_id",
      "systems",
      "scope",
      "transit_only",
      "status",
      "written_application_reference",
      "applied_at",
      "it_equipment_confirmed",
      "proper_conduct_guaranteed",
      "security_provided_at",
      "security_reference",
      "security_id",
      "notification_domicile",
      "data_access_granted",
      "juxtaposed_office_premises",
      "documents_complete_at",
      "decision_due_by",
      "decided_at",
      "business_number",
      "refusal_reason",
      "withdrawal_ground",
      "withdrawal_reason",
      "withdrawn_at",
    ],
    backfillTimeColumn: "applied_at",
  },
  {
    table: "aeo_status",
    parentColumn: "partner_id",
    columns: ["id", "partner_id", "status", "requested_at", "granted_at", "criteria", "refusal_reason"],
    backfillTimeColumn: "requested_at",
  },
];

export class IdentityHistory1765900000100 implements MigrationInterface {
  name = "IdentityHistory1765900000100";

  async up(q: QueryRunner): Promise<void> {
    for (const spec of IDENTITY_HISTORY) await createHistoryTriggers(q, spec);
  }

  async down(q: QueryRunner): Promise<void> {
    // The kept versions go with the triggers (kit/history.ts says why).
    for (const spec of IDENTITY_HISTORY) await dropHistoryTriggers(q, spec);
  }
}
