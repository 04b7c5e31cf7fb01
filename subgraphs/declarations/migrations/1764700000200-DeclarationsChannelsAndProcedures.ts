import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from "typeorm";

/**
 * Issue 9: every declaration channel (DEC-R12 to DEC-R28), the authorised consignee and consignor
 * (DEC-R61 to DEC-R64) and the procedures that must be discharged (DEC-R65 to DEC-R76). The
 * reference data: the facilities the district directorates and the DGD authorised at the sample
 * offices (OD-AFD art. 23a, 27, 29, 31, 33) and the tariff lines the new channels need (fresh
 * fish, potatoes, grapes, horses, cigarettes); a realistic sample (DESIGN CHOICE), not official
 * figures. Engine-neutral (TypeORM schema API).
 */
const FACILITIES: [string, string, string, string][] = [
  ["1001", "GREEN_LANE", "DISTRICT_DIRECTORATE", "Green lane on the southbound motorway, tourist traffic only"],
  ["1001", "DECLARATION_BOX", "DISTRICT_DIRECTORATE", "Box at the tourist counter, emptied every working morning"],
  ["2301", "GREEN_PLATE", "DISTRICT_DIRECTORATE", "TILO regional trains Como-Chiasso; loudspeaker announcement where no plate can be fitted"],
  ["2301", "PANEL_GOODS_TO_REPORT", "DISTRICT_DIRECTORATE", "Via Pedemonte secondary road"],
  ["3001", "GREEN_VIEW", "DGD", "Private motor vehicles in road traffic"],
  ["3001", "PANEL_NOTHING_TO_DECLARE", "DISTRICT_DIRECTORATE", "Bardonnex tourist lane"],
  ["3001", "DECLARATION_BOX", "DISTRICT_DIRECTORATE", "Box at the tourist lane"],
  ["4001", "GREEN_LANE", "DISTRICT_DIRECTORATE", "Arrivals hall, green channel"],
];

const RATES: [string, string, string, string][] = [
  ["0101.2900", "Live horses, other than pure-bred breeding animals", "PER_UNIT", "120.00"],
  ["0302.1100", "Trout, fresh or chilled", "PER_100_KG_GROSS", "0.00"],
  ["0701.9000", "Potatoes, fresh or chilled, other", "PER_100_KG_GROSS", "46.00"],
  ["0806.1000", "Grapes, fresh", "PER_100_KG_GROSS", "36.00"],
  ["2402.2000", "Cigarettes containing tobacco", "PER_100_KG_GROSS", "31.00"],
];

export class DeclarationsChannelsAndProcedures1764700000200 implements MigrationInterface {
  name = "DeclarationsChannelsAndProcedures1764700000200";

  async up(q: QueryRunner): Promise<void> {
    await q.changeColumn("customs_declaration", "channel", new TableColumn({ name: "channel", type: "varchar", length: "32" }));
    await q.addColumns("customs_declaration", [
      new TableColumn({ name: "particulars", type: "text", isNullable: true }),
      new TableColumn({ name: "simplified_procedure", type: "varchar", length: "24", isNullable: true }),
      new TableColumn({ name: "processing_authorisation_id", type: "varchar", length: "36", isNullable: true }),
      new TableColumn({ name: "warehouse_lot_id", type: "varchar", length: "36", isNullable: true }),
    ]);
    await q.addColumns("goods_presentation", [
      new TableColumn({ name: "authorised_consignee", type: "boolean", default: 0 }),
      new TableColumn({ name: "overdue_flagged_at", type: "datetime", precision: 3, isNullable: true }),
    ]);
    await q.createTable(
      new Table({
        name: "crossing_facility",
        columns: [
          { name: "office_id", type: "varchar", length: "12", isPrimary: true },
          { name: "facility", type: "varchar", length: "24", isPrimary: true },
          { name: "authorised_by", type: "varchar", length: "24" },
          { name: "authorised_at", type: "datetime", precision: 3 },
          { name: "conditions", type: "varchar", length: "500" },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "rural_traffic_authorisation",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "operator_id", type: "varchar", length: "36" },
          { name: "office_id", type: "varchar", length: "12" },
          { name: "empowered_persons", type: "text" },
          { name: "zone_km", type: "integer" },
          { name: "granted_at", type: "datetime", precision: 3 },
          { name: "active", type: "boolean" },
        ],
      }),
    );
    await q.createIndex("rural_traffic_authorisation", new TableIndex({ name: "IDX_rural_traffic_authorisation_operator", columnNames: ["operator_id"] }));
    await q.createTable(
      new Table({
        name: "advance_announcement",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "declaration_id", type: "varchar", length: "36" },
          { name: "operator_id", type: "varchar", length: "36" },
          { name: "authorisation_id", type: "varchar", length: "36" },
          { name: "office_id", type: "varchar", length: "12" },
          { name: "goods_type", type: "varchar", length: "20" },
          { name: "quantity", type: "varchar", length: "16" },
          { name: "planned_crossing_at", type: "datetime", precision: 3 },
          { name: "crossing_place", type: "varchar", length: "200" },
          { name: "received_at", type: "datetime", precision: 3 },
          { name: "announced_by", type: "varchar", length: "120" },
          { name: "transmission", type: "varchar", length: "12" },
          { name: "change_count", type: "integer" },
          { name: "written_confirmation_required", type: "boolean" },
          { name: "status", type: "varchar", length: "12" },
          { name: "imported_at", type: "datetime", precision: 3, isNullable: true },
        ],
      }),
    );
    await q.createIndex("advance_announcement", new TableIndex({ name: "IDX_advance_announcement_declaration", columnNames: ["declaration_id"], isUnique: true }));
    await q.createIndex("advance_announcement", new TableIndex({ name: "IDX_advance_announcement_operator", columnNames: ["operator_id"] }));
    await q.createTable(
      new Table({
        name: "procedure_case",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "declaration_id", type: "varchar", length: "36" },
          { name: "procedure", type: "varchar", length: "24" },
          { name: "holder_id", type: "varchar", length: "36" },
          { name: "office_id", type: "varchar", length: "12" },
          { name: "opened_at", type: "datetime", precision: 3 },
          { name: "time_limit", type: "datetime", precision: 3, isNullable: true },
          { name: "extensions", type: "text" },
          { name: "transport", type: "varchar", length: "12" },
          { name: "sealing", type: "varchar", length: "12", isNullable: true },
          { name: "seal_count", type: "integer", isNullable: true },
          { name: "sealing_costs_rappen", type: "bigint", isNullable: true },
          { name: "goods_kind", type: "varchar", length: "20" },
          { name: "identification", type: "varchar", length: "300" },
          { name: "processing_authorisation_id", type: "varchar", length: "36", isNullable: true },
          { name: "processing_system", type: "varchar", length: "12", isNullable: true },
          { name: "conditional_duties_rappen", type: "bigint" },
          { name: "secured_at", type: "datetime", precision: 3, isNullable: true },
          { name: "debt_id", type: "varchar", length: "36", isNullable: true },
          { name: "status", type: "varchar", length: "16" },
          { name: "discharged_at", type: "datetime", precision: 3, isNullable: true },
          { name: "discharge_mode", type: "varchar", length: "28", isNullable: true },
          { name: "discharge_reference", type: "varchar", length: "200", isNullable: true },
          { name: "not_discharged_at", type: "datetime", precision: 3, isNullable: true },
          { name: "relief_applied_at", type: "datetime", precision: 3, isNullable: true },
          { name: "relief_evidence", type: "varchar", length: "28", isNullable: true },
          { name: "relief_evidence_reference", type: "varchar", length: "200", isNullable: true },
          { name: "goods_moved_at", type: "datetime", precision: 3, isNullable: true },
          { name: "relief_decided_at", type: "datetime", precision: 3, isNullable: true },
          { name: "relief_decision_reason", type: "varchar", length: "500", isNullable: true },
          { name: "revoked_at", type: "datetime", precision: 3, isNullable: true },
          { name: "linked_case_id", type: "varchar", length: "36", isNullable: true },
          { name: "version", type: "integer" },
        ],
      }),
    );
    await q.createIndex("procedure_case", new TableIndex({ name: "IDX_procedure_case_declaration", columnNames: ["declaration_id"], isUnique: true }));
    await q.createIndex("procedure_case", new TableIndex({ name: "IDX_procedure_case_holder", columnNames: ["holder_id"] }));
    await q.createIndex("procedure_case", new TableIndex({ name: "IDX_procedure_case_time_limit", columnNames: ["time_limit"] }));
    await q.createIndex("procedure_case", new TableIndex({ name: "IDX_procedure_case_status", columnNames: ["status"] }));
    await q.createTable(
      new Table({
        name: "processing_authorisation",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "holder_id", type: "varchar", length: "36" },
          { name: "kind", type: "varchar", length: "8" },
          { name: "system", type: "varchar", length: "12" },
          { name: "issuer", type: "varchar", length: "16" },
          { name: "issuing_office_id", type: "varchar", length: "12", isNullable: true },
          { name: "annex_category", type: "varchar", length: "32", isNullable: true },
          { name: "processing", type: "varchar", length: "500" },
          { name: "tariff_headings", type: "text" },
          { name: "quantity_limit_kg", type: "varchar", length: "16", isNullable: true },
          { name: "quantity_used_kg", type: "varchar", length: "16" },
          { name: "valid_until", type: "datetime", precision: 3 },
          { name: "application_form", type: "varchar", length: "16", isNullable: true },
          { name: "application_sent_by", type: "varchar", length: "12", isNullable: true },
          { name: "renewal_of", type: "varchar", length: "36", isNullable: true },
          { name: "granted_at", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createIndex("processing_authorisation", new TableIndex({ name: "IDX_processing_authorisation_holder", columnNames: ["holder_id"] }));
    for (const [officeId, facility, by, conditions] of FACILITIES) {
      await q.query("INSERT INTO crossing_facility (office_id, facility, authorised_by, authorised_at, conditions) VALUES (?, ?, ?, ?, ?)", [officeId, facility, by, "2026-01-01 00:00:00.000", conditions]);
    }
    let n = 100;
    for (const [tariffNumber, description, basis, rate] of RATES) {
      n += 1;
      await q.query("INSERT INTO tariff_rate (id, tariff_number, description, rate_basis, rate, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?, NULL)", [
        `00000000-0000-4000-a000-${String(n).padStart(12, "0")}`,
        tariffNumber,
        description,
        basis,
        rate,
        "2026-01-01",
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM tariff_rate WHERE id IN (${RATES.map(() => "?").join(", ")})`, RATES.map((_, i) => `00000000-0000-4000-a000-${String(101 + i).padStart(12, "0")}`));
    await q.dropTable("processing_authorisation");
    await q.dropTable("procedure_case");
    await q.dropTable("advance_announcement");
    await q.dropTable("rural_traffic_authorisation");
    await q.dropTable("crossing_facility");
    await q.dropColumn("goods_presentation", "overdue_flagged_at");
    await q.dropColumn("goods_presentation", "authorised_consignee");
    for (const c of ["warehouse_lot_id", "processing_authorisation_id", "simplified_procedure", "particulars"]) await q.dropColumn("customs_declaration", c);
    await q.changeColumn("customs_declaration", "channel", new TableColumn({ name: "channel", type: "varchar", length: "12" }));
  }
}
