import type { DataSource, EntityManager, EntityTarget, MigrationInterface, ObjectLiteral, QueryRunner } from "typeorm";
import { Table, TableIndex } from "typeorm";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";
import { DomainError, ValidationError } from "./errors";
import { ConnectionArgs, ConnectionShape, keyCursor, pageByKey } from "./pagination";
import { sqlTime } from "./time";

/**
 * Kept history, for "the state of anything as of a past date" (issue 15).
 *
 * Every version of a historied row is kept in one append-only table, `entity_history`, written by
 * database triggers (after insert, update and delete), so that no write path can forget it: a
 * `save`, an `update` by criteria, a `delete` by criteria, an upsert, a migration. Each version is
 * stamped with the subgraph's clock, not the database's: `transaction()` (kit/transaction.ts), the
 * one door of every write, hands the clock's instant to the triggers as its first statement and
 * takes it back as its last (MySQL: the session variable `@kit_now`; SQLite: the one row of
 * `kit_clock`); a write outside a transaction gets the database's UTC time. A version is a JSON object of the
 * row's columns as they were; `versionsAsOf` turns the last version at or before an instant back
 * into an entity, in one statement for any number of rows or parents.
 *
 * The history of a row begins when its table became historied: the migration that installs the
 * triggers records every existing row once, at the moment its `backfillTimeColumn` names.
 */

/** What a subgraph keeps the history of, for one table. */
export interface HistorySpec {
  /** The table. */
  table: string;
  /** The name its versions are kept under (the table's by default). */
  entityType?: string;
  /** The primary key column (one column); `id` by default. */
  idColumn?: string;
  /** A column to find versions by their parent (a partner, a security), if any. */
  parentColumn?: string;
  /** The columns a version keeps (the ones read back as of a date). */
  columns: string[];
  /** The column that dates a row that existed before its history began (its creation time). */
  backfillTimeColumn: string;
}

const HISTORY_TABLE = "entity_history";

/** The kit's history table (and SQLite's clock row). Listed by the subgraphs that keep history. */
export class KitEntityHistory1765900000000 implements MigrationInterface {
  name = "KitEntityHistory1765900000000";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: HISTORY_TABLE,
        columns: [
          { name: "seq", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
          { name: "entity_type", type: "varchar", length: "40" },
          { name: "entity_id", type: "varchar", length: "64" },
          { name: "parent_id", type: "varchar", length: "64", isNullable: true },
          { name: "recorded_at", type: "datetime", precision: 3 },
          { name: "removed", type: "boolean", default: false },
          { name: "data", type: "text" },
        ],
      }),
    );
    await q.createIndex(HISTORY_TABLE, new TableIndex({ name: "IDX_entity_history_entity", columnNames: ["entity_type", "entity_id", "recorded_at"] }));
    await q.createIndex(HISTORY_TABLE, new TableIndex({ name: "IDX_entity_history_parent", columnNames: ["entity_type", "parent_id", "recorded_at"] }));
    if (isSqlite(q)) {
      await q.createTable(new Table({ name: "kit_clock", columns: [{ name: "id", type: "integer", isPrimary: true }, { name: "now", type: "varchar", length: "23", isNullable: true }] }));
      await q.query(`INSERT INTO kit_clock (id, now) VALUES (1, NULL)`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (isSqlite(q)) await q.dropTable("kit_clock");
    await q.dropTable(HISTORY_TABLE);
  }
}

function isSqlite(q: QueryRunner | DataSource): boolean {
  const type = "connection" in q ? q.connection.options.type : q.options.type;
  return type === "better-sqlite3";
}

function triggerName(spec: HistorySpec, op: "ins" | "upd" | "del"): string {
  return `hist_${spec.table}_${op}`.slice(0, 64);
}

/**
 * Installs the triggers that keep `spec.table`'s history and records every existing row once, at
 * its `backfillTimeColumn`. For a subgraph's own migration; `dropHistoryTriggers` in its `down`.
 */
export async function createHistoryTriggers(q: QueryRunner, spec: HistorySpec): Promise<void> {
  const sqlite = isSqlite(q);
  const type = spec.entityType ?? spec.table;
  const id = spec.idColumn ?? "id";
  const stamp = sqlite ? `COALESCE((SELECT now FROM kit_clock WHERE id = 1), strftime('%Y-%m-%d %H:%M:%f', 'now'))` : `COALESCE(@kit_now, UTC_TIMESTAMP(3))`;
  const json = (row: "NEW" | "OLD") => `${sqlite ? "json_object" : "JSON_OBJECT"}(${spec.columns.map(c => `'${c}', ${row}.${quote(q, c)}`).join(", ")})`;
  const parent = (row: "NEW" | "OLD") => (spec.parentColumn ? `${row}.${quote(q, spec.parentColumn)}` : "NULL");
  const insert = (row: "NEW" | "OLD", removed: 0 | 1) =>
    `INSERT INTO ${HISTORY_TABLE} (entity_type, entity_id, parent_id, recorded_at, removed, data) VALUES ('${type}', ${row}.${quote(q, id)}, ${parent(row)}, ${stamp}, ${removed}, ${json(row)})`;
  const table = quote(q, spec.table);
  const body = (statement: string) => (sqlite ? `BEGIN ${statement}; END` : statement);
  await q.query(`CREATE TRIGGER ${triggerName(spec, "ins")} AFTER INSERT ON ${table} FOR EACH ROW ${body(insert("NEW", 0))}`);
  await q.query(`CREATE TRIGGER ${triggerName(spec, "upd")} AFTER UPDATE ON ${table} FOR EACH ROW ${body(insert("NEW", 0))}`);
  await q.query(`CREATE TRIGGER ${triggerName(spec, "del")} AFTER DELETE ON ${table} FOR EACH ROW ${body(insert("OLD", 1))}`);
  const columns = spec.columns.map(c => `'${c}', t.${quote(q, c)}`).join(", ");
  await q.query(
    `INSERT INTO ${HISTORY_TABLE} (entity_type, entity_id, parent_id, recorded_at, removed, data) ` +
      `SELECT '${type}', t.${quote(q, id)}, ${spec.parentColumn ? `t.${quote(q, spec.parentColumn)}` : "NULL"}, t.${quote(q, spec.backfillTimeColumn)}, 0, ${sqlite ? "json_object" : "JSON_OBJECT"}(${columns}) FROM ${table} t`,
  );
}

/**
 * Undoes `createHistoryTriggers`: drops the triggers and forgets the table's versions. They cannot
 * stay: a new `createHistoryTriggers` records every row once more, as it then is, at its creation
 * and later in sequence than the versions kept, so it would hide them (the last version recorded by
 * an instant is the one read) or contradict them (a list of changes would go back to an older
 * state), and the writes made in between are missing anyway. History begins again.
 */
export async function dropHistoryTriggers(q: QueryRunner, spec: HistorySpec): Promise<void> {
  for (const op of ["ins", "upd", "del"] as const) await q.query(`DROP TRIGGER IF EXISTS ${triggerName(spec, op)}`);
  await q.query(`DELETE FROM ${HISTORY_TABLE} WHERE entity_type = ?`, [spec.entityType ?? spec.table]);
}

function quote(q: QueryRunner, name: string): string {
  return isSqlite(q) ? `"${name}"` : `\`${name}\``;
}

/**
 * The statement `transaction()` sends first on a data source that keeps history: the clock's
 * instant, for the triggers of this transaction's writes.
 */
export async function stampHistoryClock(manager: EntityManager, now: Date): Promise<void> {
  if (isSqlite(manager.connection)) await manager.query(`UPDATE kit_clock SET now = ? WHERE id = 1`, [sqlTime(now)]);
  else await manager.query(`SET @kit_now = ?`, [sqlTime(now)]);
}

/** The statement `transaction()` sends last: no stamp outlives its transaction (the database's time applies outside one). */
export async function clearHistoryClock(manager: EntityManager): Promise<void> {
  if (isSqlite(manager.connection)) await manager.query(`UPDATE kit_clock SET now = NULL WHERE id = 1`);
  else await manager.query(`SET @kit_now = NULL`);
}

/** Which versions to read: by the rows' ids, or by their parents' ids. */
export type HistorySelector = { ids: readonly string[] } | { parentIds: readonly string[] };

/**
 * The rows of `entity` as they stood at `at`: for each row, its last version recorded at or
 * before `at`, unless that version is its removal. One statement, whatever the number of ids or
 * parents; rows are returned in no particular order.
 */
export async function versionsAsOf<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  selector: HistorySelector,
  at: Date,
  entityType?: string,
): Promise<T[]> {
  const metadata = manager.connection.getMetadata(entity);
  const keys = "ids" in selector ? selector.ids : selector.parentIds;
  if (!keys.length) return [];
  const unique = [...new Set(keys)];
  const column = "ids" in selector ? "entity_id" : "parent_id";
  const placeholders = unique.map(() => "?").join(", ");
  const when = sqlTime(at);
  const rows: { data: string; removed: number | boolean | string }[] = await manager.query(
    `SELECT h.data, h.removed FROM ${HISTORY_TABLE} h WHERE h.entity_type = ? AND h.${column} IN (${placeholders}) AND h.recorded_at <= ? ` +
      `AND h.seq = (SELECT MAX(x.seq) FROM ${HISTORY_TABLE} x WHERE x.entity_type = h.entity_type AND x.entity_id = h.entity_id AND x.recorded_at <= ?)`,
    [entityType ?? metadata.tableName, ...unique, when, when],
  );
  return rows.filter(r => !truthy(r.removed)).map(r => revive(metadata.create() as T, metadata.columns, JSON.parse(r.data) as Record<string, unknown>));
}

/** One kept version of a row: when it was recorded, whether it was the row's removal, and the row as it then stood. */
export interface KeptVersion<T> {
  recordedAt: Date;
  removed: boolean;
  row: T;
}

/**
 * Every kept version of the rows `ids` of `entity`, oldest first per row (by recording order), in
 * one statement: the history itself, for answers that list changes (a declaration's timeline).
 */
export async function versionsOf<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, ids: readonly string[], entityType?: string): Promise<Map<string, KeptVersion<T>[]>> {
  const metadata = manager.connection.getMetadata(entity);
  const byId = new Map<string, KeptVersion<T>[]>();
  if (!ids.length) return byId;
  const unique = [...new Set(ids)];
  const rows: { entity_id: string; recorded_at: Date | string; removed: number | boolean | string; data: string }[] = await manager.query(
    `SELECT h.entity_id, h.recorded_at, h.removed, h.data FROM ${HISTORY_TABLE} h WHERE h.entity_type = ? AND h.entity_id IN (${unique.map(() => "?").join(", ")}) ORDER BY h.seq`,
    [entityType ?? metadata.tableName, ...unique],
  );
  for (const r of rows) {
    const version: KeptVersion<T> = {
      recordedAt: r.recorded_at instanceof Date ? r.recorded_at : databaseInstant(String(r.recorded_at)),
      removed: truthy(r.removed),
      row: revive(metadata.create() as T, metadata.columns, JSON.parse(r.data) as Record<string, unknown>),
    };
    byId.set(r.entity_id, [...(byId.get(r.entity_id) ?? []), version]);
  }
  return byId;
}

function truthy(value: number | boolean | string): boolean {
  return value === true || value === 1 || value === "1";
}

/** A version's JSON (column names, database values) as an entity (property names, entity values). */
function revive<T extends ObjectLiteral>(target: T, columns: ColumnMetadata[], data: Record<string, unknown>): T {
  for (const column of columns) {
    if (!(column.databaseName in data)) continue;
    let value = data[column.databaseName];
    if (value !== null && value !== undefined) {
      if (column.type === "datetime" || column.type === Date) value = databaseInstant(String(value));
      else if (column.type === "boolean" || column.type === Boolean) value = truthy(value as number | boolean | string);
      // TypeORM keeps a simple-json column as text: the version holds that text.
      else if (column.type === "simple-json" && typeof value === "string") value = JSON.parse(value);
    }
    const transformers = column.transformer ? (Array.isArray(column.transformer) ? column.transformer : [column.transformer]) : [];
    for (const transformer of [...transformers].reverse()) value = transformer.from(value);
    column.setEntityValue(target, value);
  }
  return target;
}

/** `2026-03-01 10:00:00.123` or `2026-03-01 10:00:00.123000` (UTC, as the kit stores instants). */
function databaseInstant(value: string): Date {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?/.exec(value);
  if (!match) return new Date(value);
  return new Date(`${match[1]}T${match[2]}.${(match[3] ?? "0").padEnd(3, "0").slice(0, 3)}Z`);
}

/** `asOf` after the subgraph's now: nothing is recorded there yet (issue 15). Same refusal in every subgraph. */
export class AsOfInTheFutureError extends DomainError {
  constructor(asOf: Date, now: Date) {
    super("AS_OF_IN_THE_FUTURE", "Only what is already recorded can be shown as of a date: choose an instant up to now.", { field: "asOf", asOf: asOf.toISOString(), now: now.toISOString() });
  }
}

/** The instant of an `asOf` argument: null when omitted (now: the rows as they are); refused after `now`. */
export function recordedInstant(asOf: Date | null | undefined, now: Date): Date | null {
  if (asOf === null || asOf === undefined) return null;
  if (asOf.getTime() > now.getTime()) throw new AsOfInTheFutureError(asOf, now);
  return asOf;
}

/**
 * A page of rows read as of a date, in the order of the live connections (their time, then id)
 * and with their cursors (kit/pagination.ts writes `[ISO time, id]` as `keyCursor` does), so a
 * cursor of one list reads on in the other. Paged in memory: the rows of one parent at one instant
 * are loaded whole (one statement for all parents of a request); `totalCount` counts them all.
 */
export function pageAsOf<T extends { id: string }>(rows: readonly T[], timeOf: (row: T) => Date, args: ConnectionArgs): ConnectionShape<T> {
  let after: [number, string] | undefined;
  if (args.after) {
    const [time, id] = keyCursor.decode<[string, string]>(args.after, ["string", "string"]);
    const ms = Date.parse(time);
    if (Number.isNaN(ms)) throw new ValidationError("The cursor is not one this API issued.", { field: "after" });
    after = [ms, id];
  }
  const sorted = [...rows].sort((a, b) => timeOf(a).getTime() - timeOf(b).getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const following = after ? sorted.filter(r => timeOf(r).getTime() > after[0] || (timeOf(r).getTime() === after[0] && r.id > after[1])) : sorted;
  return pageByKey(following.slice(0, args.first + 1), args, row => [timeOf(row).toISOString(), row.id], async () => rows.length);
}
