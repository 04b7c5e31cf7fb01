import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from "typeorm";

/**
 * Issue 13: the lists that grow are pages (Relay connections), read for many parents at once by
 * one window query each (kit `paginateByParent`). A declaration's cases page on its links, so a
 * link carries its case's opening time, as a party already does; a partner's penalty decisions
 * and a case's controls get the index their pages read. Existing links take their case's opening.
 * Engine-neutral (TypeORM schema API, one portable UPDATE).
 */
export class EnforcementNestedPages1765600000500 implements MigrationInterface {
  name = "EnforcementNestedPages1765600000500";

  async up(q: QueryRunner): Promise<void> {
    const nullable = new TableColumn({ name: "opened_at", type: "datetime", precision: 3, isNullable: true });
    await q.addColumn("case_link", nullable);
    await q.query("UPDATE case_link SET opened_at = (SELECT c.opened_at FROM offence_case c WHERE c.id = case_link.case_id)");
    // Same type and length, so both engines keep the values and only forbid null.
    await q.changeColumn("case_link", nullable, new TableColumn({ name: "opened_at", type: "datetime", precision: 3, isNullable: false }));
    await q.dropIndex("case_link", "IDX_case_link_ref");
    await q.createIndex("case_link", new TableIndex({ name: "IDX_case_link_ref", columnNames: ["kind", "ref_id", "opened_at"] }));
    await q.createIndex("offence_case", new TableIndex({ name: "IDX_offence_case_payer", columnNames: ["fine_payer_id", "decided_at"] }));
    await q.createIndex("control", new TableIndex({ name: "IDX_control_case", columnNames: ["case_id", "planned_at"] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex("control", "IDX_control_case");
    await q.dropIndex("offence_case", "IDX_offence_case_payer");
    await q.dropIndex("case_link", "IDX_case_link_ref");
    await q.createIndex("case_link", new TableIndex({ name: "IDX_case_link_ref", columnNames: ["kind", "ref_id"] }));
    await q.dropColumn("case_link", "opened_at");
  }
}
