import { MigrationInterface, QueryRunner, TableIndex } from "typeorm";

/**
 * DEC-R23 (OD-AFD art. 24a para. 1, 6; OD art. 118): one rural border traffic authorisation per
 * operator, changed in place, so that two offices granting at once cannot leave two in force.
 */
export class DeclarationsOneRuralAuthorisation1764700000400 implements MigrationInterface {
  name = "DeclarationsOneRuralAuthorisation1764700000400";

  async up(q: QueryRunner): Promise<void> {
    // Earlier grants for the same operator: the latest stays.
    const rows: { id: string; operator_id: string }[] = await q.query("SELECT id, operator_id FROM rural_traffic_authorisation ORDER BY granted_at DESC, id DESC");
    const seen = new Set<string>();
    for (const row of rows) {
      if (seen.has(row.operator_id)) await q.query("DELETE FROM rural_traffic_authorisation WHERE id = ?", [row.id]);
      seen.add(row.operator_id);
    }
    await q.dropIndex("rural_traffic_authorisation", "IDX_rural_traffic_authorisation_operator");
    await q.createIndex("rural_traffic_authorisation", new TableIndex({ name: "IDX_rural_traffic_authorisation_operator", columnNames: ["operator_id"], isUnique: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex("rural_traffic_authorisation", "IDX_rural_traffic_authorisation_operator");
    await q.createIndex("rural_traffic_authorisation", new TableIndex({ name: "IDX_rural_traffic_authorisation_operator", columnNames: ["operator_id"] }));
  }
}
