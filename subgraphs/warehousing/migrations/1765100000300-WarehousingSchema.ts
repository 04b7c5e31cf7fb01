import { MigrationInterface, QueryRunner, Table, TableIndex } from "typeorm";

/**
 * Warehousing's first schema (issue 10): facilities and their authorisations, stored lots, their
 * movements and stock positions, storage extensions, transfers and handling; and the control
 * offices' cantons and counter hours for the inventory deadlines (the same sample offices as
 * declarations' reference data, DESIGN CHOICE: each subgraph keeps the reference data it needs).
 * Engine-neutral (TypeORM schema API).
 */
const WEEKDAYS = [1, 2, 3, 4, 5];
const split = (am: [string, string], pm: [string, string]) => WEEKDAYS.flatMap(weekday => [
  { weekday, opens: am[0], closes: am[1] },
  { weekday, opens: pm[0], closes: pm[1] },
]);
const OFFICES = [
  { id: "1001", canton: "BS", hours: split(["07:30", "11:45"], ["13:15", "17:30"]) },
  { id: "2301", canton: "TI", hours: split(["07:30", "11:45"], ["13:15", "17:30"]) },
  { id: "3001", canton: "GE", hours: split(["08:00", "12:00"], ["13:30", "17:00"]) },
  { id: "4001", canton: "ZH", hours: WEEKDAYS.map(weekday => ({ weekday, opens: "07:00", closes: "18:00" })) },
];

export class WarehousingSchema1765100000300 implements MigrationInterface {
  name = "WarehousingSchema1765100000300";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "control_office",
        columns: [
          { name: "id", type: "varchar", length: "12", isPrimary: true },
          { name: "canton", type: "varchar", length: "2" },
          { name: "opening_hours", type: "text" },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: "storage_facility",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "kind", type: "varchar", length: "28" },
          { name: "name", type: "varchar", length: "200" },
          { name: "address", type: "varchar", length: "300" },
          { name: "operator_id", type: "varchar", length: "36" },
          { name: "control_office_id", type: "varchar", length: "12" },
          { name: "inventory_keeper", type: "varchar", length: "12" },
          { name: "created_at", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createIndex("storage_facility", new TableIndex({ name: "IDX_storage_facility_operator", columnNames: ["operator_id"] }));
    await q.createTable(
      new Table({
        name: "facility_authorisation",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "facility_id", type: "varchar", length: "36" },
          { name: "status", type: "varchar", length: "12" },
          { name: "applied_at", type: "datetime", precision: 3 },
          { name: "domiciled_in_switzerland", type: "boolean" },
          { name: "proper_operation_guaranteed", type: "boolean" },
          { name: "open_to_all_on_equal_terms", type: "boolean" },
          { name: "decided_at", type: "datetime", precision: 3, isNullable: true },
          { name: "reason", type: "varchar", length: "500", isNullable: true },
          { name: "charges", type: "text" },
          { name: "excluded_goods", type: "text" },
          { name: "special_premises_goods", type: "text" },
          { name: "admitted_goods", type: "text" },
          { name: "operator_security_rappen", type: "bigint", isNullable: true },
        ],
      }),
    );
    await q.createIndex("facility_authorisation", new TableIndex({ name: "IDX_facility_authorisation_facility", columnNames: ["facility_id"], isUnique: true }));
    await q.createTable(
      new Table({
        name: "stored_lot",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "facility_id", type: "varchar", length: "36" },
          { name: "depositor_id", type: "varchar", length: "36" },
          { name: "entry_declaration_id", type: "varchar", length: "36", isNullable: true },
          { name: "presented_at", type: "datetime", precision: 3 },
          { name: "entered_at", type: "datetime", precision: 3 },
          { name: "inventory_due_by", type: "datetime", precision: 3, isNullable: true },
          { name: "inventory_recorded_at", type: "datetime", precision: 3, isNullable: true },
          { name: "inventory_overdue_at", type: "datetime", precision: 3, isNullable: true },
          { name: "goods_description", type: "varchar", length: "300" },
          { name: "tariff_number", type: "varchar", length: "9" },
          { name: "net_mass_kg", type: "varchar", length: "16" },
          { name: "grams", type: "bigint" },
          { name: "sensitive", type: "boolean" },
          { name: "under_export_regime", type: "boolean" },
          { name: "in_special_premises", type: "boolean" },
          { name: "storage_start", type: "datetime", precision: 3 },
          { name: "storage_end", type: "datetime", precision: 3, isNullable: true },
          { name: "max_storage_end", type: "datetime", precision: 3, isNullable: true },
          { name: "placement_deadline", type: "datetime", precision: 3, isNullable: true },
          { name: "conditional_duties_rappen", type: "bigint", isNullable: true },
          { name: "status", type: "varchar", length: "28" },
          { name: "exit_declaration_id", type: "varchar", length: "36", isNullable: true },
          { name: "exit_procedure", type: "varchar", length: "24", isNullable: true },
          { name: "exit_declared_at", type: "datetime", precision: 3, isNullable: true },
          { name: "left_at", type: "datetime", precision: 3, isNullable: true },
          { name: "released_without_declaration_at", type: "datetime", precision: 3, isNullable: true },
          { name: "destruction_cause", type: "varchar", length: "28", isNullable: true },
          { name: "version", type: "integer" },
        ],
      }),
    );
    await q.createIndex("stored_lot", new TableIndex({ name: "IDX_stored_lot_depositor", columnNames: ["depositor_id"] }));
    await q.createIndex("stored_lot", new TableIndex({ name: "IDX_stored_lot_entry_declaration", columnNames: ["entry_declaration_id"] }));
    await q.createIndex("stored_lot", new TableIndex({ name: "IDX_stored_lot_status", columnNames: ["status"] }));
    await q.createIndex("stored_lot", new TableIndex({ name: "IDX_stored_lot_exit_declaration", columnNames: ["exit_declaration_id"] }));
    await q.createIndex("stored_lot", new TableIndex({ name: "IDX_stored_lot_facility_entered", columnNames: ["facility_id", "entered_at"] }));
    await q.createTable(
      new Table({
        name: "lot_movement",
        columns: [
          { name: "seq", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
          { name: "facility_id", type: "varchar", length: "36" },
          { name: "lot_id", type: "varchar", length: "36" },
          { name: "position_id", type: "varchar", length: "36" },
          { name: "kind", type: "varchar", length: "28" },
          { name: "delta_grams", type: "bigint" },
          { name: "balance_after_grams", type: "bigint" },
          { name: "at", type: "datetime", precision: 3 },
          { name: "declaration_id", type: "varchar", length: "36", isNullable: true },
          { name: "recorded_by", type: "varchar", length: "100" },
        ],
      }),
    );
    await q.createIndex("lot_movement", new TableIndex({ name: "IDX_lot_movement_facility_at", columnNames: ["facility_id", "at"] }));
    await q.createIndex("lot_movement", new TableIndex({ name: "IDX_lot_movement_lot", columnNames: ["lot_id", "seq"] }));
    await q.createIndex("lot_movement", new TableIndex({ name: "IDX_lot_movement_position_at", columnNames: ["position_id", "at", "seq"] }));
    await q.createTable(
      new Table({
        name: "stock_position",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "facility_id", type: "varchar", length: "36" },
          { name: "depositor_id", type: "varchar", length: "36" },
          { name: "tariff_number", type: "varchar", length: "9" },
          { name: "current_grams", type: "bigint" },
        ],
      }),
    );
    await q.createIndex("stock_position", new TableIndex({ name: "IDX_stock_position_key", columnNames: ["facility_id", "depositor_id", "tariff_number"], isUnique: true }));
    await q.createTable(
      new Table({
        name: "storage_extension",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "lot_id", type: "varchar", length: "36" },
          { name: "requested_at", type: "datetime", precision: 3 },
          { name: "reason", type: "varchar", length: "1000" },
          { name: "requested_until", type: "datetime", precision: 3 },
          { name: "decision", type: "varchar", length: "10" },
          { name: "decided_at", type: "datetime", precision: 3, isNullable: true },
          { name: "decision_reason", type: "varchar", length: "500", isNullable: true },
        ],
      }),
    );
    await q.createIndex("storage_extension", new TableIndex({ name: "IDX_storage_extension_lot", columnNames: ["lot_id"] }));
    await q.createTable(
      new Table({
        name: "depositor_transfer",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "lot_id", type: "varchar", length: "36" },
          { name: "from_id", type: "varchar", length: "36" },
          { name: "to_id", type: "varchar", length: "36" },
          { name: "effective_at", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createIndex("depositor_transfer", new TableIndex({ name: "IDX_depositor_transfer_lot", columnNames: ["lot_id"] }));
    await q.createTable(
      new Table({
        name: "lot_handling",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "lot_id", type: "varchar", length: "36" },
          { name: "kind", type: "varchar", length: "12" },
          { name: "description", type: "varchar", length: "500" },
          { name: "handled_at", type: "datetime", precision: 3 },
          { name: "recorded_by", type: "varchar", length: "100" },
        ],
      }),
    );
    await q.createIndex("lot_handling", new TableIndex({ name: "IDX_lot_handling_lot", columnNames: ["lot_id"] }));
    for (const o of OFFICES) {
      await q.query("INSERT INTO control_office (id, canton, opening_hours) VALUES (?, ?, ?)", [o.id, o.canton, JSON.stringify(o.hours)]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("lot_handling");
    await q.dropTable("depositor_transfer");
    await q.dropTable("storage_extension");
    await q.dropTable("stock_position");
    await q.dropTable("lot_movement");
    await q.dropTable("stored_lot");
    await q.dropTable("facility_authorisation");
    await q.dropTable("storage_facility");
    await q.dropTable("control_office");
  }
}
