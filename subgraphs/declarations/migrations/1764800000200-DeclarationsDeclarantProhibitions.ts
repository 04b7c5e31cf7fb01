import { MigrationInterface, QueryRunner, Table, TableIndex } from "typeorm";

/**
 * ENF-R05 (LD art. 109 para. 2): declarations' copy of enforcement's prohibitions on professional
 * declarants (event X25), keyed by the prohibition's own id, with the partner and personal-number
 * indexes the lodging check seeks on. TypeORM schema API only, so it runs on MySQL and SQLite.
 */
export class DeclarationsDeclarantProhibitions1764800000200 implements MigrationInterface {
  name = "DeclarationsDeclarantProhibitions1764800000200";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "declarant_prohibition",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "partner_id", type: "varchar", length: "36" },
          { name: "personal_number", type: "varchar", length: "40", isNullable: true },
          { name: "scope", type: "text" },
          { name: "valid_from", type: "datetime", precision: 3 },
          { name: "valid_until", type: "datetime", precision: 3, isNullable: true },
          { name: "lifted_at", type: "datetime", precision: 3, isNullable: true },
        ],
      }),
    );
    await q.createIndex("declarant_prohibition", new TableIndex({ name: "IDX_declarant_prohibition_partner", columnNames: ["partner_id"] }));
    await q.createIndex("declarant_prohibition", new TableIndex({ name: "IDX_declarant_prohibition_personal_number", columnNames: ["personal_number"] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("declarant_prohibition");
  }
}
