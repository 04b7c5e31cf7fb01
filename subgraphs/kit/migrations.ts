import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from "typeorm";

/**
 * The kit's own tables (event outbox, deliveries, processed events). Every subgraph lists this
 * migration first. Written with TypeORM's schema API so that it runs on MySQL and SQLite alike.
 */
export class KitEventTables1763800000000 implements MigrationInterface {
  name = "KitEventTables1763800000000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "outbox_event",
        columns: [
          { name: "seq", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
          { name: "id", type: "varchar", length: "36" },
          { name: "type", type: "varchar", length: "80" },
          { name: "aggregate_id", type: "varchar", length: "64" },
          { name: "payload", type: "text" },
          { name: "occurred_at", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createIndex("outbox_event", new TableIndex({ name: "IDX_outbox_event_id", columnNames: ["id"], isUnique: true }));
    await q.createTable(
      new Table({
        name: "outbox_delivery",
        columns: [
          { name: "event_id", type: "varchar", length: "36", isPrimary: true },
          { name: "subscriber", type: "varchar", length: "40", isPrimary: true },
          { name: "event_seq", type: "integer" },
          { name: "status", type: "varchar", length: "16" },
          { name: "attempts", type: "integer", default: 0 },
          { name: "next_attempt_at", type: "datetime", precision: 3 },
          { name: "lease_owner", type: "varchar", length: "64", isNullable: true },
          { name: "lease_until", type: "datetime", precision: 3, isNullable: true },
          { name: "delivered_at", type: "datetime", precision: 3, isNullable: true },
          { name: "last_error", type: "varchar", length: "500", isNullable: true },
        ],
      }),
    );
    await q.createIndex("outbox_delivery", new TableIndex({ name: "IDX_outbox_delivery_due", columnNames: ["status", "next_attempt_at"] }));
    await q.createTable(
      new Table({
        name: "processed_event",
        columns: [
          { name: "event_id", type: "varchar", length: "36", isPrimary: true },
          { name: "type", type: "varchar", length: "80" },
          { name: "producer", type: "varchar", length: "40" },
          { name: "processed_at", type: "datetime", precision: 3 },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("processed_event");
    await q.dropTable("outbox_delivery");
    await q.dropTable("outbox_event");
  }
}

/**
 * The kit's idempotency keys (kit/idempotency.ts, issue 7): one row per principal and key, kept
 * for at least 24 hours. Every subgraph lists it in timestamp order (migrations run in that order):
 * after its own first schema, for the subgraphs that existed before it.
 */
export class KitIdempotencyKeys1764500000000 implements MigrationInterface {
  name = "KitIdempotencyKeys1764500000000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "idempotency_key",
        columns: [
          { name: "scope", type: "varchar", length: "200", isPrimary: true },
          { name: "idem_key", type: "varchar", length: "128", isPrimary: true },
          { name: "fingerprint", type: "varchar", length: "64" },
          { name: "response", type: "text", isNullable: true },
          { name: "replayable", type: "boolean" },
          { name: "created_at", type: "datetime", precision: 3 },
          { name: "expires_at", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createIndex("idempotency_key", new TableIndex({ name: "IDX_idempotency_key_expires", columnNames: ["expires_at"] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("idempotency_key");
  }
}

/**
 * The trace an event was published in (issue 13, kit/tracing.ts): its W3C `traceparent`, so that
 * each delivery, and the handling in the consumer, join the trace of the request that caused it.
 * Null for events published outside any trace and for those published before this migration.
 */
export class KitEventTraceContext1765700000000 implements MigrationInterface {
  name = "KitEventTraceContext1765700000000";

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn("outbox_event", new TableColumn({ name: "trace_context", type: "varchar", length: "100", isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn("outbox_event", "trace_context");
  }
}

/**
 * Dead letters (issue 14, kit/events.ts `DeadLetterRecord`): events parked after their attempts,
 * with their envelope and last error, until an officer replays or discards them.
 */
export class KitDeadLetters1765800000000 implements MigrationInterface {
  name = "KitDeadLetters1765800000000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "dead_letter",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "direction", type: "varchar", length: "8" },
          { name: "event_id", type: "varchar", length: "36" },
          { name: "type", type: "varchar", length: "80" },
          { name: "producer", type: "varchar", length: "40" },
          { name: "subscriber", type: "varchar", length: "40" },
          { name: "envelope", type: "text" },
          { name: "attempts", type: "integer" },
          { name: "last_error", type: "varchar", length: "500" },
          { name: "parked_at", type: "datetime", precision: 3 },
          { name: "status", type: "varchar", length: "16" },
          { name: "resolved_at", type: "datetime", precision: 3, isNullable: true },
          { name: "resolved_by", type: "varchar", length: "120", isNullable: true },
        ],
      }),
    );
    await q.createIndex("dead_letter", new TableIndex({ name: "IDX_dead_letter_event", columnNames: ["event_id", "subscriber"], isUnique: true }));
    await q.createIndex("dead_letter", new TableIndex({ name: "IDX_dead_letter_status", columnNames: ["status", "parked_at"] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("dead_letter");
  }
}
