import { MigrationInterface, QueryRunner, Table, TableIndex } from "typeorm";

/**
 * Enforcement's first schema (issue 11): offence cases with their parties and links, leads,
 * controls and their measures, seizures, declarant prohibitions, withdrawal referrals, appeals,
 * administrative assistance requests and border construction permits. Engine-neutral (TypeORM
 * schema API), generated with scripts/gen-initial-migration.ts and reviewed.
 */
export class EnforcementSchema1765400000500 implements MigrationInterface {
  name = "EnforcementSchema1765400000500";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "assistance_request",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "direction", type: "varchar", length: "8" },
          { name: "foreign_authority", type: "varchar", length: "200" },
          { name: "country", type: "varchar", length: "2" },
          { name: "treaty_basis", type: "varchar", length: "300" },
          { name: "spontaneous", type: "boolean" },
          { name: "language", type: "varchar", length: "5" },
          { name: "in_writing", type: "boolean" },
          { name: "particulars_complete", type: "boolean" },
          { name: "subject", type: "text" },
          { name: "person_concerned_id", type: "varchar", length: "36", isNullable: true },
          { name: "forwarded_to", type: "varchar", length: "200", isNullable: true },
          { name: "status", type: "varchar", length: "24" },
          { name: "procedure", type: "varchar", length: "24", isNullable: true },
          { name: "consent_scope", type: "varchar", length: "8", isNullable: true },
          { name: "consent_given_at", type: "datetime", precision: 3, isNullable: true },
          { name: "cooperation_refused", type: "varchar", length: "28", isNullable: true },
          { name: "completion_requested_at", type: "datetime", precision: 3, isNullable: true },
          { name: "final_decision_at", type: "datetime", precision: 3, isNullable: true },
          { name: "final_decision_scope", type: "text", isNullable: true },
          { name: "appeal_deadline", type: "datetime", precision: 3, isNullable: true },
          { name: "transmitted_at", type: "datetime", precision: 3, isNullable: true },
          { name: "received_at", type: "datetime", precision: 3 },
          { name: "recorded_by", type: "varchar", length: "100" },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "border_construction_permit",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "applicant_id", type: "varchar", length: "36" },
          { name: "location", type: "varchar", length: "300" },
          { name: "works", type: "varchar", length: "1000" },
          { name: "boundary_waters", type: "boolean" },
          { name: "status", type: "varchar", length: "8" },
          { name: "conditions", type: "text" },
          { name: "applied_at", type: "datetime", precision: 3 },
          { name: "decided_at", type: "datetime", precision: 3, isNullable: true },
          { name: "decision_reasons", type: "varchar", length: "1000", isNullable: true },
        ],
      }),
    );
    await q.createIndex("border_construction_permit", new TableIndex({ name: "IDX_border_construction_permit_applicant", columnNames: ["applicant_id", "applied_at"] }));
    await q.createTable(
      new Table({
        name: "control",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "kind", type: "varchar", length: "24" },
          { name: "target_id", type: "varchar", length: "36" },
          { name: "target_standing", type: "varchar", length: "16", isNullable: true },
          { name: "declaration_id", type: "varchar", length: "36", isNullable: true },
          { name: "imported_at", type: "datetime", precision: 3, isNullable: true },
          { name: "right_expires_at", type: "datetime", precision: 3, isNullable: true },
          { name: "case_id", type: "varchar", length: "36", isNullable: true },
          { name: "status", type: "varchar", length: "12" },
          { name: "place", type: "varchar", length: "300" },
          { name: "scheduled_for", type: "datetime", precision: 3, isNullable: true },
          { name: "planned_at", type: "datetime", precision: 3 },
          { name: "planned_by", type: "varchar", length: "100" },
          { name: "performed_at", type: "datetime", precision: 3, isNullable: true },
          { name: "performed_by", type: "varchar", length: "100", isNullable: true },
          { name: "result", type: "varchar", length: "16", isNullable: true },
          { name: "findings", type: "text", isNullable: true },
          { name: "closed_at", type: "datetime", precision: 3, isNullable: true },
        ],
      }),
    );
    await q.createIndex("control", new TableIndex({ name: "IDX_control_target", columnNames: ["target_id", "planned_at"] }));
    await q.createTable(
      new Table({
        name: "control_measure",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "control_id", type: "varchar", length: "36" },
          { name: "kind", type: "varchar", length: "32" },
          { name: "grounds", type: "text" },
          { name: "person_sex", type: "varchar", length: "8", isNullable: true },
          { name: "searcher_sex", type: "varchar", length: "8", isNullable: true },
          { name: "could_not_be_postponed", type: "boolean" },
          { name: "by_physician", type: "boolean" },
          { name: "handed_over_to", type: "varchar", length: "200", isNullable: true },
          { name: "notes", type: "varchar", length: "1000", isNullable: true },
          { name: "taken_by", type: "varchar", length: "100" },
          { name: "taken_at", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createIndex("control_measure", new TableIndex({ name: "IDX_control_measure_control", columnNames: ["control_id", "taken_at"] }));
    await q.createTable(
      new Table({
        name: "declarant_prohibition",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "partner_id", type: "varchar", length: "36" },
          { name: "personal_number", type: "varchar", length: "40", isNullable: true },
          { name: "grounds", type: "varchar", length: "24" },
          { name: "scope", type: "text" },
          { name: "valid_from", type: "datetime", precision: 3 },
          { name: "valid_until", type: "datetime", precision: 3, isNullable: true },
          { name: "reasons", type: "text" },
          { name: "case_ids", type: "text" },
          { name: "decided_at", type: "datetime", precision: 3 },
          { name: "decided_by", type: "varchar", length: "100" },
          { name: "appeal_deadline", type: "datetime", precision: 3 },
          { name: "lifted_at", type: "datetime", precision: 3, isNullable: true },
          { name: "lift_reason", type: "varchar", length: "1000", isNullable: true },
        ],
      }),
    );
    await q.createIndex("declarant_prohibition", new TableIndex({ name: "IDX_declarant_prohibition_partner", columnNames: ["partner_id", "valid_from"] }));
    await q.createTable(
      new Table({
        name: "withdrawal_referral",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "partner_id", type: "varchar", length: "36" },
          { name: "open_key", type: "varchar", length: "36", isNullable: true },
          { name: "case_ids", type: "text" },
          { name: "reason", type: "varchar", length: "1000" },
          { name: "status", type: "varchar", length: "24" },
          { name: "raised_at", type: "datetime", precision: 3 },
          { name: "raised_by", type: "varchar", length: "100" },
          { name: "cancelled_at", type: "datetime", precision: 3, isNullable: true },
          { name: "decided_at", type: "datetime", precision: 3, isNullable: true },
          { name: "decision_reason", type: "varchar", length: "1000", isNullable: true },
        ],
      }),
    );
    await q.createIndex("withdrawal_referral", new TableIndex({ name: "UQ_withdrawal_referral_open", columnNames: ["open_key"], isUnique: true }));
    await q.createIndex("withdrawal_referral", new TableIndex({ name: "IDX_withdrawal_referral_partner", columnNames: ["partner_id", "raised_at"] }));
    await q.createTable(
      new Table({
        name: "enforcement_appeal",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "decision_kind", type: "varchar", length: "12" },
          { name: "decision_id", type: "varchar", length: "36" },
          { name: "appellant_id", type: "varchar", length: "36" },
          { name: "instance", type: "varchar", length: "32" },
          { name: "grounds", type: "text" },
          { name: "filed_at", type: "datetime", precision: 3 },
          { name: "status", type: "varchar", length: "12" },
          { name: "reduced_fine", type: "bigint", isNullable: true },
          { name: "decided_at", type: "datetime", precision: 3, isNullable: true },
          { name: "decision_reasons", type: "varchar", length: "1000", isNullable: true },
        ],
      }),
    );
    await q.createIndex("enforcement_appeal", new TableIndex({ name: "IDX_enforcement_appeal_appellant", columnNames: ["appellant_id", "filed_at"] }));
    await q.createIndex("enforcement_appeal", new TableIndex({ name: "UQ_enforcement_appeal", columnNames: ["decision_kind", "decision_id", "appellant_id"], isUnique: true }));
    await q.createTable(
      new Table({
        name: "offence_case",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "case_number", type: "varchar", length: "20" },
          { name: "offence_type", type: "varchar", length: "32" },
          { name: "prior_offence", type: "varchar", length: "24", isNullable: true },
          { name: "order_breach", type: "varchar", length: "24", isNullable: true },
          { name: "culpability", type: "varchar", length: "12", isNullable: true },
          { name: "attempt", type: "boolean" },
          { name: "status", type: "varchar", length: "20" },
          { name: "facts", type: "text" },
          { name: "origin_key", type: "varchar", length: "60", isNullable: true },
          { name: "duties_at_stake", type: "bigint", isNullable: true },
          { name: "duties_estimated", type: "boolean" },
          { name: "goods_value", type: "bigint", isNullable: true },
          { name: "goods_value_basis", type: "varchar", length: "24", isNullable: true },
          { name: "aggravating_circumstances", type: "text" },
          { name: "concurrent_offences", type: "text" },
          { name: "other_concurrent_offence", type: "varchar", length: "300", isNullable: true },
          { name: "other_concurrent_max_fine", type: "bigint", isNullable: true },
          { name: "concurrence_increase", type: "bigint", isNullable: true },
          { name: "concurrence_increase_reason", type: "varchar", length: "1000", isNullable: true },
          { name: "authorised_import_or_export", type: "boolean", isNullable: true },
          { name: "goods_turned_back_or_destroyed", type: "boolean", isNullable: true },
          { name: "fine_imposed", type: "bigint", isNullable: true },
          { name: "fine_payer", type: "varchar", length: "12", isNullable: true },
          { name: "fine_payer_id", type: "varchar", length: "36", isNullable: true },
          { name: "custodial_months", type: "integer", isNullable: true },
          { name: "decision_reasons", type: "text", isNullable: true },
          { name: "opened_at", type: "datetime", precision: 3 },
          { name: "opened_by", type: "varchar", length: "100" },
          { name: "decided_at", type: "datetime", precision: 3, isNullable: true },
          { name: "decided_by", type: "varchar", length: "100", isNullable: true },
          { name: "appeal_deadline", type: "datetime", precision: 3, isNullable: true },
          { name: "final_at", type: "datetime", precision: 3, isNullable: true },
          { name: "ended_at", type: "datetime", precision: 3, isNullable: true },
          { name: "end_reason", type: "varchar", length: "1000", isNullable: true },
        ],
      }),
    );
    await q.createIndex("offence_case", new TableIndex({ name: "UQ_offence_case_number", columnNames: ["case_number"], isUnique: true }));
    await q.createIndex("offence_case", new TableIndex({ name: "IDX_offence_case_status", columnNames: ["status"] }));
    await q.createIndex("offence_case", new TableIndex({ name: "UQ_offence_case_origin", columnNames: ["origin_key"], isUnique: true }));
    await q.createTable(
      new Table({
        name: "case_party",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "case_id", type: "varchar", length: "36" },
          { name: "partner_id", type: "varchar", length: "36" },
          { name: "role", type: "varchar", length: "12" },
          { name: "opened_at", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createIndex("case_party", new TableIndex({ name: "IDX_case_party_partner", columnNames: ["partner_id", "opened_at"] }));
    await q.createIndex("case_party", new TableIndex({ name: "UQ_case_party", columnNames: ["case_id", "partner_id", "role"], isUnique: true }));
    await q.createTable(
      new Table({
        name: "case_link",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "case_id", type: "varchar", length: "36" },
          { name: "kind", type: "varchar", length: "12" },
          { name: "ref_id", type: "varchar", length: "36" },
          { name: "duties", type: "bigint", isNullable: true },
        ],
      }),
    );
    await q.createIndex("case_link", new TableIndex({ name: "IDX_case_link_ref", columnNames: ["kind", "ref_id"] }));
    await q.createIndex("case_link", new TableIndex({ name: "UQ_case_link", columnNames: ["case_id", "kind", "ref_id"], isUnique: true }));
    await q.createTable(
      new Table({
        name: "lead",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "source", type: "varchar", length: "40" },
          { name: "origin_key", type: "varchar", length: "60" },
          { name: "partner_id", type: "varchar", length: "36" },
          { name: "lot_id", type: "varchar", length: "36", isNullable: true },
          { name: "facts", type: "text" },
          { name: "occurred_at", type: "datetime", precision: 3, isNullable: true },
          { name: "received_at", type: "datetime", precision: 3 },
          { name: "status", type: "varchar", length: "12" },
          { name: "case_id", type: "varchar", length: "36", isNullable: true },
          { name: "dismissal_reason", type: "varchar", length: "1000", isNullable: true },
        ],
      }),
    );
    await q.createIndex("lead", new TableIndex({ name: "UQ_lead_origin", columnNames: ["origin_key"], isUnique: true }));
    await q.createIndex("lead", new TableIndex({ name: "IDX_lead_partner", columnNames: ["partner_id", "status"] }));
    await q.createTable(
      new Table({
        name: "seizure",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "kind", type: "varchar", length: "20" },
          { name: "status", type: "varchar", length: "12" },
          { name: "case_id", type: "varchar", length: "36", isNullable: true },
          { name: "control_id", type: "varchar", length: "36", isNullable: true },
          { name: "declaration_id", type: "varchar", length: "36", isNullable: true },
          { name: "owner_id", type: "varchar", length: "36", isNullable: true },
          { name: "holder_id", type: "varchar", length: "36", isNullable: true },
          { name: "objects", type: "varchar", length: "1000" },
          { name: "goods_value", type: "bigint", isNullable: true },
          { name: "perishable", type: "boolean" },
          { name: "crossed_at", type: "datetime", precision: 3, isNullable: true },
          { name: "seized_at", type: "datetime", precision: 3 },
          { name: "seized_by", type: "varchar", length: "100" },
          { name: "forwarded_at", type: "datetime", precision: 3, isNullable: true },
          { name: "forwarded_to", type: "varchar", length: "200", isNullable: true },
        ],
      }),
    );
    await q.createIndex("seizure", new TableIndex({ name: "IDX_seizure_case", columnNames: ["case_id"] }));
    await q.createIndex("seizure", new TableIndex({ name: "IDX_seizure_control", columnNames: ["control_id"] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("seizure");
    await q.dropTable("lead");
    await q.dropTable("case_link");
    await q.dropTable("case_party");
    await q.dropTable("offence_case");
    await q.dropTable("enforcement_appeal");
    await q.dropTable("withdrawal_referral");
    await q.dropTable("declarant_prohibition");
    await q.dropTable("control_measure");
    await q.dropTable("control");
    await q.dropTable("border_construction_permit");
    await q.dropTable("assistance_request");
  }
}
