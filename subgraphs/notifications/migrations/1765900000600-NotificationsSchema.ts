import { MigrationInterface, QueryRunner, Table, TableIndex } from "typeorm";

/**
 * Notifications' first schema (issue 14 item 3): the inboxes' notifications, one row per
 * recipient (a business partner or an officer role) and source event, and each reader's read
 * marks. Engine-neutral (TypeORM schema API), generated with scripts/gen-initial-migration.ts and
 * reviewed.
 */
export class NotificationsSchema1765900000600 implements MigrationInterface {
  name = "NotificationsSchema1765900000600";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "notification",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "recipient_kind", type: "varchar", length: "16" },
          { name: "recipient_id", type: "varchar", length: "36" },
          { name: "kind", type: "varchar", length: "48" },
          { name: "title", type: "varchar", length: "200" },
          { name: "body", type: "text" },
          { name: "subject_type", type: "varchar", length: "40" },
          { name: "subject_id", type: "varchar", length: "36" },
          { name: "declaration_id", type: "varchar", length: "36", isNullable: true },
          { name: "partner_id", type: "varchar", length: "36", isNullable: true },
          { name: "source_event_id", type: "varchar", length: "36" },
          { name: "source_event_type", type: "varchar", length: "80" },
          { name: "created_at", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createIndex("notification", new TableIndex({ name: "IDX_notification_inbox", columnNames: ["recipient_kind", "recipient_id", "created_at", "id"] }));
    await q.createIndex("notification", new TableIndex({ name: "IDX_notification_source", columnNames: ["source_event_id", "recipient_kind", "recipient_id"], isUnique: true }));
    await q.createTable(
      new Table({
        name: "notification_read",
        columns: [
          { name: "notification_id", type: "varchar", length: "36", isPrimary: true },
          { name: "reader", type: "varchar", length: "240", isPrimary: true },
          { name: "read_at", type: "datetime", precision: 3 },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("notification_read");
    await q.dropTable("notification");
  }
}
