import { MigrationInterface, QueryRunner, TableColumn } from "typeorm";

/**
 * A document requirement records when it was required, so that a declaration's documents and the
 * overdue documents are pages ordered by that moment (STYLE.md: lists that grow are connections;
 * the office may require further documents at any time, DEC-R45, LD art. 35). Existing rows take
 * their declaration's creation time. TypeORM schema API only, so it runs on MySQL and SQLite.
 */
export class DeclarationsDocumentRequiredAt1764900000200 implements MigrationInterface {
  name = "DeclarationsDocumentRequiredAt1764900000200";

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn("document_requirement", new TableColumn({ name: "required_at", type: "datetime", precision: 3, isNullable: true }));
    await q.query("UPDATE document_requirement SET required_at = (SELECT d.created_at FROM customs_declaration d WHERE d.id = document_requirement.declaration_id)");
    await q.changeColumn("document_requirement", "required_at", new TableColumn({ name: "required_at", type: "datetime", precision: 3, isNullable: false }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn("document_requirement", "required_at");
  }
}
