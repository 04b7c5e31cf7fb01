import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from "typeorm";

/**
 * Issue 8: tourist traffic goods (DEC-R59), abuse flagged on taxation decisions (DEC-R59), the
 * security of a provisional taxation (DEC-R55) and the office's corrections (DEC-R39).
 * Engine-neutral (TypeORM schema API).
 */
export class DeclarationsLawAlignment1764600000200 implements MigrationInterface {
  name = "DeclarationsLawAlignment1764600000200";

  async up(q: QueryRunner): Promise<void> {
    // 0, not false: both engines then report the default as the entity states it (no drift).
    await q.addColumn("customs_declaration", new TableColumn({ name: "tourist_traffic", type: "boolean", default: 0 }));
    await q.addColumns("taxation_decision", [
      new TableColumn({ name: "abuse_flagged_at", type: "datetime", precision: 3, isNullable: true }),
      new TableColumn({ name: "abuse_reason", type: "varchar", length: "300", isNullable: true }),
      new TableColumn({ name: "secured_at", type: "datetime", precision: 3, isNullable: true }),
    ]);
    await q.createTable(
      new Table({
        name: "declaration_correction",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "declaration_id", type: "varchar", length: "36" },
          { name: "officer", type: "varchar", length: "100" },
          { name: "corrected_at", type: "datetime", precision: 3 },
          { name: "reason", type: "varchar", length: "1000" },
          { name: "changes", type: "text" },
          { name: "version_after", type: "integer" },
        ],
      }),
    );
    await q.createIndex("declaration_correction", new TableIndex({ name: "IDX_declaration_correction_declaration", columnNames: ["declaration_id"] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("declaration_correction");
    await q.dropColumn("taxation_decision", "secured_at");
    await q.dropColumn("taxation_decision", "abuse_reason");
    await q.dropColumn("taxation_decision", "abuse_flagged_at");
    await q.dropColumn("customs_declaration", "tourist_traffic");
  }
}
