import { MigrationInterface, QueryRunner, Table, TableIndex } from "typeorm";

/**
 * The debt schema (DOMAIN.md §5). Generated once by scripts/gen-initial-migration.ts from the
 * entities, then reviewed; engine-neutral (TypeORM schema API), so it runs on MySQL and SQLite.
 */
export class DebtSchema1763800000400 implements MigrationInterface {
  name = "DebtSchema1763800000400";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "customs_debt",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "declaration_id", type: "varchar", length: "36" },
          { name: "declaration_number", type: "varchar", length: "24", isNullable: true },
          { name: "taxation_decision_id", type: "varchar", length: "36", isNullable: true },
          { name: "birth_trigger", type: "varchar", length: "48" },
          { name: "arisen_at", type: "datetime", precision: 3 },
          { name: "conditional", type: "boolean" },
          { name: "amount_rappen", type: "bigint", isNullable: true },
          { name: "principal_paid_rappen", type: "bigint" },
          { name: "interest_paid_rappen", type: "bigint" },
          { name: "established_at", type: "datetime", precision: 3, isNullable: true },
          { name: "due_at", type: "datetime", precision: 3 },
          { name: "payment_deadline", type: "datetime", precision: 3, isNullable: true },
          { name: "status", type: "varchar", length: "16" },
          { name: "suspensions", type: "text" },
          { name: "interruptions", type: "text" },
          { name: "created_at", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createIndex("customs_debt", new TableIndex({ name: "IDX_a29d0bf3a2eb938cf096aa3172", columnNames: ["declaration_id"], isUnique: true }));
    await q.createIndex("customs_debt", new TableIndex({ name: "IDX_2a97fd4555699d6bb4e5dae209", columnNames: ["taxation_decision_id"] }));
    await q.createTable(
      new Table({
        name: "debtor_liability",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "debt_id", type: "varchar", length: "36" },
          { name: "partner_id", type: "varchar", length: "36" },
          { name: "basis", type: "varchar", length: "24" },
          { name: "joint_and_several", type: "boolean" },
        ],
      }),
    );
    await q.createIndex("debtor_liability", new TableIndex({ name: "IDX_3185a92f017400a8c608d2043c", columnNames: ["partner_id"] }));
    await q.createIndex("debtor_liability", new TableIndex({ name: "IDX_65a49ba9da753e3620fec71d9c", columnNames: ["debt_id", "partner_id"], isUnique: true }));
    await q.createTable(
      new Table({
        name: "payment",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "debt_id", type: "varchar", length: "36" },
          { name: "payer_id", type: "varchar", length: "36" },
          { name: "amount_rappen", type: "bigint" },
          { name: "interest_part_rappen", type: "bigint" },
          { name: "method", type: "varchar", length: "16" },
          { name: "paid_at", type: "datetime", precision: 3 },
          { name: "by_surety", type: "boolean" },
        ],
      }),
    );
    await q.createIndex("payment", new TableIndex({ name: "IDX_99fb0926e932b7d263dad6be44", columnNames: ["debt_id"] }));
    await q.createTable(
      new Table({
        name: "interest_rate",
        columns: [
          { name: "valid_from", type: "varchar", length: "10", isPrimary: true },
          { name: "percent_per_year", type: "varchar", length: "12" },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "security",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "debtor_id", type: "varchar", length: "36" },
          { name: "surety_id", type: "varchar", length: "36", isNullable: true },
          { name: "kind", type: "varchar", length: "16" },
          { name: "max_rappen", type: "bigint" },
          { name: "established_on", type: "varchar", length: "10" },
          { name: "status", type: "varchar", length: "28" },
          { name: "termination_received_at", type: "datetime", precision: 3, isNullable: true },
          { name: "coverage_cutoff", type: "datetime", precision: 3, isNullable: true },
          { name: "cancelled_at", type: "datetime", precision: 3, isNullable: true },
          { name: "created_at", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createIndex("security", new TableIndex({ name: "IDX_0ea1f74c29e6dfd4bced73ef79", columnNames: ["debtor_id"] }));
    await q.createIndex("security", new TableIndex({ name: "IDX_618fc66567b3217bd04e60566a", columnNames: ["surety_id"] }));
    await q.createTable(
      new Table({
        name: "security_reservation",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "security_id", type: "varchar", length: "36" },
          { name: "debt_id", type: "varchar", length: "36" },
          { name: "amount_rappen", type: "bigint" },
          { name: "reserved_at", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createIndex("security_reservation", new TableIndex({ name: "IDX_59f005f282c7108b338b8352e9", columnNames: ["security_id"] }));
    await q.createIndex("security_reservation", new TableIndex({ name: "IDX_e44c6da4bce4ee7f664eb596c0", columnNames: ["security_id", "debt_id"], isUnique: true }));
    await q.createTable(
      new Table({
        name: "security_requisition",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "debtor_id", type: "varchar", length: "36" },
          { name: "legal_ground", type: "varchar", length: "300" },
          { name: "amount_rappen", type: "bigint" },
          { name: "deposit_body", type: "varchar", length: "200" },
          { name: "decided_at", type: "datetime", precision: 3 },
          { name: "origin_key", type: "varchar", length: "80" },
          { name: "security_id", type: "varchar", length: "36", isNullable: true },
        ],
      }),
    );
    await q.createIndex("security_requisition", new TableIndex({ name: "IDX_410fe9b8fc6e7f2c4832efe2d6", columnNames: ["debtor_id"] }));
    await q.createIndex("security_requisition", new TableIndex({ name: "IDX_03fd59a7e5995a088ee69ea446", columnNames: ["origin_key"], isUnique: true }));
    await q.createTable(
      new Table({
        name: "subsequent_collection",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "debt_id", type: "varchar", length: "36" },
          { name: "error_type", type: "varchar", length: "20" },
          { name: "amount_rappen", type: "bigint" },
          { name: "intention_notified_at", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createIndex("subsequent_collection", new TableIndex({ name: "IDX_61d79bab3df59a6455255684e5", columnNames: ["debt_id"] }));
    await q.createTable(
      new Table({
        name: "remission_request",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "debt_id", type: "varchar", length: "36" },
          { name: "ground", type: "varchar", length: "48" },
          { name: "justification", type: "varchar", length: "2000" },
          { name: "filed_at", type: "datetime", precision: 3 },
          { name: "deadline", type: "datetime", precision: 3 },
          { name: "status", type: "varchar", length: "12" },
          { name: "remitted_rappen", type: "bigint", isNullable: true },
        ],
      }),
    );
    await q.createIndex("remission_request", new TableIndex({ name: "IDX_609b9a2478998c5c16aebbd5b9", columnNames: ["debt_id"] }));
    await q.createTable(
      new Table({
        name: "customs_pledge",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "object_kind", type: "varchar", length: "24" },
          { name: "description", type: "varchar", length: "500" },
          { name: "owner_id", type: "varchar", length: "36", isNullable: true },
          { name: "secured_debt_ids", type: "text" },
          { name: "arisen_at", type: "datetime", precision: 3 },
          { name: "perishable", type: "boolean" },
          { name: "is_securities", type: "boolean" },
          { name: "status", type: "varchar", length: "28" },
          { name: "sequestration_mode", type: "varchar", length: "20", isNullable: true },
          { name: "sequestered_at", type: "datetime", precision: 3, isNullable: true },
          { name: "released_at", type: "datetime", precision: 3, isNullable: true },
          { name: "release_reason", type: "varchar", length: "1000", isNullable: true },
          { name: "realisation_mode", type: "varchar", length: "20", isNullable: true },
          { name: "proceeds_rappen", type: "bigint", isNullable: true },
          { name: "allocation", type: "text", isNullable: true },
          { name: "surplus_rappen", type: "bigint", isNullable: true },
          { name: "realised_at", type: "datetime", precision: 3, isNullable: true },
        ],
      }),
    );
    await q.createIndex("customs_pledge", new TableIndex({ name: "IDX_8e85545ede10943ecadf4fb826", columnNames: ["owner_id"] }));
    await q.createTable(
      new Table({
        name: "debt_enforcement_case",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "debt_id", type: "varchar", length: "36" },
          { name: "kind", type: "varchar", length: "20" },
          { name: "opened_at", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createIndex("debt_enforcement_case", new TableIndex({ name: "IDX_0eb41563fa1ff98629862b17d1", columnNames: ["debt_id"] }));
    await q.createTable(
      new Table({
        name: "pcd_account",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "holder_id", type: "varchar", length: "36" },
          { name: "active", type: "boolean" },
          { name: "roles", type: "text" },
          { name: "opened_at", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createIndex("pcd_account", new TableIndex({ name: "IDX_8f9e0729a707afb0c410c44b31", columnNames: ["holder_id"], isUnique: true }));
    await q.createTable(
      new Table({
        name: "fee",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "payer_id", type: "varchar", length: "36" },
          { name: "basis", type: "varchar", length: "300" },
          { name: "amount_rappen", type: "bigint" },
          { name: "charged_at", type: "datetime", precision: 3 },
          { name: "paid_at", type: "datetime", precision: 3, isNullable: true },
        ],
      }),
    );
    await q.createIndex("fee", new TableIndex({ name: "IDX_2c4c156f2426191587d20143e0", columnNames: ["payer_id"] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("fee");
    await q.dropTable("pcd_account");
    await q.dropTable("debt_enforcement_case");
    await q.dropTable("customs_pledge");
    await q.dropTable("remission_request");
    await q.dropTable("subsequent_collection");
    await q.dropTable("security_requisition");
    await q.dropTable("security_reservation");
    await q.dropTable("security");
    await q.dropTable("interest_rate");
    await q.dropTable("payment");
    await q.dropTable("debtor_liability");
    await q.dropTable("customs_debt");
  }
}
