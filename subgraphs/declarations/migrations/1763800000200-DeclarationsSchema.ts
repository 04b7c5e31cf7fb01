import { MigrationInterface, QueryRunner, Table, TableIndex } from "typeorm";

/**
 * The declarations schema (DOMAIN.md §3). Generated once by scripts/gen-initial-migration.ts from
 * the entities, then reviewed; engine-neutral (TypeORM schema API), so it runs on MySQL and SQLite.
 */
export class DeclarationsSchema1763800000200 implements MigrationInterface {
  name = "DeclarationsSchema1763800000200";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "customs_office",
        columns: [
          { name: "id", type: "varchar", length: "12", isPrimary: true },
          { name: "name", type: "varchar", length: "120" },
          { name: "canton", type: "varchar", length: "2" },
          { name: "opening_hours", type: "text" },
          { name: "competences", type: "text" },
          { name: "taxation_place", type: "varchar", length: "200" },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "customs_declaration",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "declaration_number", type: "varchar", length: "24" },
          { name: "direction", type: "varchar", length: "8" },
          { name: "procedure", type: "varchar", length: "24" },
          { name: "destination", type: "varchar", length: "24" },
          { name: "channel", type: "varchar", length: "12" },
          { name: "declarant_id", type: "varchar", length: "36" },
          { name: "on_behalf_of_id", type: "varchar", length: "36", isNullable: true },
          { name: "office_id", type: "varchar", length: "12" },
          { name: "business_number", type: "varchar", length: "12", isNullable: true },
          { name: "personal_number", type: "varchar", length: "20", isNullable: true },
          { name: "language", type: "varchar", length: "2" },
          { name: "is_pre_declaration", type: "boolean" },
          { name: "planned_crossing_at", type: "datetime", precision: 3, isNullable: true },
          { name: "crossed_border_at", type: "datetime", precision: 3, isNullable: true },
          { name: "presentation_id", type: "varchar", length: "36", isNullable: true },
          { name: "application_id", type: "varchar", length: "36", isNullable: true },
          { name: "status", type: "varchar", length: "24" },
          { name: "transmitted_at", type: "datetime", precision: 3 },
          { name: "receipt_confirmed_at", type: "datetime", precision: 3, isNullable: true },
          { name: "accepted_at", type: "datetime", precision: 3, isNullable: true },
          { name: "selection_result", type: "varchar", length: "20", isNullable: true },
          { name: "selection_communicated_at", type: "datetime", precision: 3, isNullable: true },
          { name: "incorrect_particulars_found_at", type: "datetime", precision: 3, isNullable: true },
          { name: "released_at", type: "datetime", precision: 3, isNullable: true },
          { name: "removal_due_by", type: "datetime", precision: 3, isNullable: true },
          { name: "removed_at", type: "datetime", precision: 3, isNullable: true },
          { name: "version", type: "integer" },
          { name: "created_at", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createIndex("customs_declaration", new TableIndex({ name: "IDX_f85ad2256aaefc79c25ecc33ee", columnNames: ["declaration_number"], isUnique: true }));
    await q.createIndex("customs_declaration", new TableIndex({ name: "IDX_615261647e1fa264365c366d6c", columnNames: ["declarant_id"] }));
    await q.createIndex("customs_declaration", new TableIndex({ name: "IDX_50dd05c69df2540147f5a4e1eb", columnNames: ["office_id"] }));
    await q.createIndex("customs_declaration", new TableIndex({ name: "IDX_e73f24f8f0da8472ceb033d4db", columnNames: ["presentation_id"] }));
    await q.createTable(
      new Table({
        name: "declaration_item",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "declaration_id", type: "varchar", length: "36" },
          { name: "position", type: "integer" },
          { name: "tariff_number", type: "varchar", length: "9" },
          { name: "description", type: "varchar", length: "300" },
          { name: "net_mass_kg", type: "varchar", length: "16" },
          { name: "gross_mass_kg", type: "varchar", length: "16" },
          { name: "quantity", type: "integer", isNullable: true },
          { name: "value_rappen", type: "bigint" },
          { name: "origin", type: "varchar", length: "2" },
          { name: "quota_goods", type: "boolean" },
          { name: "non_customs_acts_apply", type: "boolean" },
          { name: "permit_reference", type: "varchar", length: "60", isNullable: true },
          { name: "proof_of_origin_required", type: "boolean" },
        ],
      }),
    );
    await q.createIndex("declaration_item", new TableIndex({ name: "IDX_0b738a34fc94b755053c8404a6", columnNames: ["declaration_id", "position"], isUnique: true }));
    await q.createTable(
      new Table({
        name: "goods_presentation",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "office_id", type: "varchar", length: "12" },
          { name: "presented_at", type: "datetime", precision: 3 },
          { name: "presenter_id", type: "varchar", length: "36" },
          { name: "summary_form", type: "varchar", length: "12" },
          { name: "place", type: "varchar", length: "200" },
          { name: "goods_description", type: "varchar", length: "500" },
          { name: "declaration_due_by", type: "datetime", precision: 3 },
          { name: "status", type: "varchar", length: "16" },
        ],
      }),
    );
    await q.createIndex("goods_presentation", new TableIndex({ name: "IDX_c5adc14be8b96e505e04e25c58", columnNames: ["office_id"] }));
    await q.createIndex("goods_presentation", new TableIndex({ name: "IDX_6db4238307abea0a066e23b077", columnNames: ["presenter_id"] }));
    await q.createTable(
      new Table({
        name: "refusal",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "declaration_id", type: "varchar", length: "36" },
          { name: "refused_at", type: "datetime", precision: 3 },
          { name: "reasons", type: "text" },
          { name: "resubmission_due_by", type: "datetime", precision: 3 },
          { name: "resubmitted_at", type: "datetime", precision: 3, isNullable: true },
        ],
      }),
    );
    await q.createIndex("refusal", new TableIndex({ name: "IDX_7b88db7987b16be2bc96f6f071", columnNames: ["declaration_id"] }));
    await q.createTable(
      new Table({
        name: "verification",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "declaration_id", type: "varchar", length: "36" },
          { name: "ordered_at", type: "datetime", precision: 3 },
          { name: "scope", type: "varchar", length: "8" },
          { name: "requested_full_by_declarant", type: "boolean" },
          { name: "sampled_tariff_numbers", type: "text" },
          { name: "result", type: "varchar", length: "2000", isNullable: true },
          { name: "conforms", type: "boolean", isNullable: true },
          { name: "recorded_at", type: "datetime", precision: 3, isNullable: true },
        ],
      }),
    );
    await q.createIndex("verification", new TableIndex({ name: "IDX_945bb68f27e14ac9fbbd960899", columnNames: ["declaration_id"] }));
    await q.createTable(
      new Table({
        name: "taxation_decision",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "declaration_id", type: "varchar", length: "36" },
          { name: "kind", type: "varchar", length: "12" },
          { name: "established_at", type: "datetime", precision: 3 },
          { name: "notified_at", type: "datetime", precision: 3 },
          { name: "downloaded_at", type: "datetime", precision: 3, isNullable: true },
          { name: "paper_issued", type: "boolean" },
          { name: "lines", type: "text" },
          { name: "total_rappen", type: "bigint" },
          { name: "non_collected", type: "boolean" },
          { name: "status", type: "varchar", length: "12" },
          { name: "appeal_deadline", type: "varchar", length: "10" },
          { name: "documents_due_by", type: "datetime", precision: 3, isNullable: true },
          { name: "finalised_at", type: "datetime", precision: 3, isNullable: true },
          { name: "cancelled_at", type: "datetime", precision: 3, isNullable: true },
          { name: "cancellation_notice", type: "varchar", length: "1000", isNullable: true },
          { name: "paper_return_due_by", type: "varchar", length: "10", isNullable: true },
          { name: "supersedes_id", type: "varchar", length: "36", isNullable: true },
        ],
      }),
    );
    await q.createIndex("taxation_decision", new TableIndex({ name: "IDX_c1b1e4b1c0ddb05a49e47e9233", columnNames: ["declaration_id"] }));
    await q.createTable(
      new Table({
        name: "taxation_change_request",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "declaration_id", type: "varchar", length: "36" },
          { name: "goods_left_custody_at", type: "datetime", precision: 3 },
          { name: "submitted_at", type: "datetime", precision: 3 },
          { name: "ground", type: "varchar", length: "32" },
          { name: "justification", type: "varchar", length: "2000" },
          { name: "corrected_items", type: "text" },
          { name: "status", type: "varchar", length: "12" },
          { name: "decision_reason", type: "varchar", length: "1000", isNullable: true },
        ],
      }),
    );
    await q.createIndex("taxation_change_request", new TableIndex({ name: "IDX_b926f2b2b9356cce7c3bae3657", columnNames: ["declaration_id"] }));
    await q.createTable(
      new Table({
        name: "appeal",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "contested_type", type: "varchar", length: "60" },
          { name: "contested_id", type: "varchar", length: "36" },
          { name: "appellant_id", type: "varchar", length: "36" },
          { name: "instance", type: "varchar", length: "24" },
          { name: "filed_at", type: "datetime", precision: 3 },
          { name: "deadline", type: "varchar", length: "10" },
          { name: "status", type: "varchar", length: "20" },
          { name: "grounds", type: "varchar", length: "4000" },
          { name: "decided_at", type: "datetime", precision: 3, isNullable: true },
          { name: "outcome", type: "varchar", length: "4000", isNullable: true },
          { name: "further_appeal_deadline", type: "varchar", length: "10", isNullable: true },
        ],
      }),
    );
    await q.createIndex("appeal", new TableIndex({ name: "IDX_c8f57317c99393eafc4654c086", columnNames: ["contested_id"] }));
    await q.createTable(
      new Table({
        name: "deadline_override",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "subject_type", type: "varchar", length: "40" },
          { name: "subject_id", type: "varchar", length: "36" },
          { name: "deadline_kind", type: "varchar", length: "40" },
          { name: "computed_value", type: "datetime", precision: 3, isNullable: true },
          { name: "new_value", type: "datetime", precision: 3 },
          { name: "reason", type: "varchar", length: "1000" },
          { name: "officer", type: "varchar", length: "200" },
          { name: "overridden_at", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createIndex("deadline_override", new TableIndex({ name: "IDX_134642264558b2ce7c8199bde9", columnNames: ["subject_type", "subject_id", "deadline_kind"] }));
    await q.createTable(
      new Table({
        name: "authorised_declarant",
        columns: [
          { name: "business_number", type: "varchar", length: "12", isPrimary: true },
          { name: "partner_id", type: "varchar", length: "36" },
          { name: "systems", type: "text" },
          { name: "scope", type: "varchar", length: "40" },
          { name: "transit_only", type: "boolean" },
          { name: "active", type: "boolean" },
          { name: "changed_at", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "declarant_employee_ref",
        columns: [
          { name: "partner_id", type: "varchar", length: "36", isPrimary: true },
          { name: "personal_number", type: "varchar", length: "20", isPrimary: true },
          { name: "active", type: "boolean" },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "partner_role_ref",
        columns: [
          { name: "partner_id", type: "varchar", length: "36", isPrimary: true },
          { name: "role_type", type: "varchar", length: "32", isPrimary: true },
          { name: "active", type: "boolean" },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "selection_rule_set",
        columns: [
          { name: "version", type: "integer", isPrimary: true },
          { name: "random_rate", type: "varchar", length: "12" },
          { name: "rules", type: "text" },
          { name: "active_from", type: "datetime", precision: 3 },
          { name: "created_by", type: "varchar", length: "200" },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "selection_decision",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "declaration_id", type: "varchar", length: "36" },
          { name: "result", type: "varchar", length: "20" },
          { name: "rule_set_version", type: "integer" },
          { name: "matched_rules", type: "text" },
          { name: "random_draw", type: "varchar", length: "24" },
          { name: "randomly_selected", type: "boolean" },
          { name: "decided_at", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createIndex("selection_decision", new TableIndex({ name: "IDX_d41126576011bf86c4f43413b2", columnNames: ["declaration_id"], isUnique: true }));
    await q.createTable(
      new Table({
        name: "document_requirement",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "declaration_id", type: "varchar", length: "36" },
          { name: "kind", type: "varchar", length: "24" },
          { name: "identification_mark", type: "varchar", length: "48" },
          { name: "due_at", type: "datetime", precision: 3, isNullable: true },
          { name: "due_rule", type: "varchar", length: "300" },
          { name: "submitted_at", type: "datetime", precision: 3, isNullable: true },
          { name: "overdue_flagged", type: "boolean" },
        ],
      }),
    );
    await q.createIndex("document_requirement", new TableIndex({ name: "IDX_d75436271da08b1ca2eeba6a49", columnNames: ["declaration_id"] }));
    await q.createIndex("document_requirement", new TableIndex({ name: "IDX_0df4baffe0485020a8452a14ad", columnNames: ["identification_mark"], isUnique: true }));
    await q.createTable(
      new Table({
        name: "tariff_rate",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "tariff_number", type: "varchar", length: "9" },
          { name: "description", type: "varchar", length: "300" },
          { name: "rate_basis", type: "varchar", length: "24" },
          { name: "rate", type: "varchar", length: "20" },
          { name: "valid_from", type: "varchar", length: "10" },
          { name: "valid_to", type: "varchar", length: "10", isNullable: true },
        ],
      }),
    );
    await q.createIndex("tariff_rate", new TableIndex({ name: "IDX_571e92c4fe099f7f1660dcfa50", columnNames: ["tariff_number", "valid_from"], isUnique: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("tariff_rate");
    await q.dropTable("document_requirement");
    await q.dropTable("selection_decision");
    await q.dropTable("selection_rule_set");
    await q.dropTable("partner_role_ref");
    await q.dropTable("declarant_employee_ref");
    await q.dropTable("authorised_declarant");
    await q.dropTable("deadline_override");
    await q.dropTable("appeal");
    await q.dropTable("taxation_change_request");
    await q.dropTable("taxation_decision");
    await q.dropTable("verification");
    await q.dropTable("refusal");
    await q.dropTable("goods_presentation");
    await q.dropTable("declaration_item");
    await q.dropTable("customs_declaration");
    await q.dropTable("customs_office");
  }
}
