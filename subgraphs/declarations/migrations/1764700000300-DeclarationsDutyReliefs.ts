import { MigrationInterface, QueryRunner, TableColumn } from "typeorm";

/** Issue 9: the relief an item claims, returned goods and changes of use (DEC-R77 to DEC-R79). Engine-neutral. */
export class DeclarationsDutyReliefs1764700000300 implements MigrationInterface {
  name = "DeclarationsDutyReliefs1764700000300";

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn("declaration_item", new TableColumn({ name: "relief", type: "text", isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn("declaration_item", "relief");
  }
}
