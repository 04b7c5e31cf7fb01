import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from "typeorm";

/**
 * ID-R25 (OD-AFD art. 8 para. 1 let. c): the projection of the securities covering each partner
 * (from debt's SecurityProvided and SecurityEnded), and on each authorisation the security its
 * condition c relies on. Securities announced before this migration are unknown to the projection
 * (identity never asks debt); conditions already recorded keep standing, as the DGD's records do.
 * TypeORM schema API only, so it runs on MySQL and SQLite.
 */
export class CoveringSecurities1764600000200 implements MigrationInterface {
  name = "CoveringSecurities1764600000200";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "covering_security",
        columns: [
          { name: "security_id", type: "varchar", length: "36", isPrimary: true },
          { name: "partner_id", type: "varchar", length: "36" },
          { name: "kind", type: "varchar", length: "24" },
          { name: "reference", type: "varchar", length: "100" },
          { name: "provided_at", type: "datetime", precision: 3 },
          { name: "ended_at", type: "datetime", precision: 3, isNullable: true },
          { name: "end_reason", type: "varchar", length: "24", isNullable: true },
        ],
      }),
    );
    await q.createIndex("covering_security", new TableIndex({ name: "IDX_762bd164bb2e61ff2a140fdc25", columnNames: ["partner_id"] }));
    await q.addColumn("customs_system_authorisation", new TableColumn({ name: "security_id", type: "varchar", length: "36", isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn("customs_system_authorisation", "security_id");
    await q.dropTable("covering_security");
  }
}
