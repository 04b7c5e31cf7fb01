import { MigrationInterface, QueryRunner, TableIndex } from "typeorm";

/**
 * WH-R11, WH-R16, WH-R24 (OD-AFD art. 47, 50, 57a; LD art. 56): a lot owes its inventory entry
 * until `inventory_recorded_at` is set, whatever its status, so the overdue job no longer finds the
 * unrecorded lots through the status index (a lot whose exit was declared, or that left, before it
 * was recorded still owes the entry). The job reads lots unrecorded, not yet flagged and past their
 * deadline: two null seeks and a range on this index, however many lots the facilities have held.
 * Engine-neutral (TypeORM schema API).
 */
export class WarehousingInventoryPending1766000000300 implements MigrationInterface {
  name = "WarehousingInventoryPending1766000000300";

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex("stored_lot", new TableIndex({ name: "IDX_stored_lot_inventory_pending", columnNames: ["inventory_recorded_at", "inventory_overdue_at", "inventory_due_by"] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex("stored_lot", "IDX_stored_lot_inventory_pending");
  }
}
