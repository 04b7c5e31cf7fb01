import fs from "node:fs";
import path from "node:path";
import { createConnection } from "mysql2/promise";
import { DataSource, DataSourceOptions, EntityManager, EntitySchema, EntityTarget, FindOptionsWhere, Logger as OrmLogger, MixedList, ObjectLiteral, QueryRunner } from "typeorm";
import type { Logger } from "./logger";
import { assertNoTransactionLeak } from "./transaction";

/**
 * Counts the SQL statements a DataSource sends. Tests read it to prove that entity references
 * are batched (a query over 100 partners costs a constant number of statements).
 */
export class SqlStatementCounter implements OrmLogger {
  count = 0;
  readonly recent: string[] = [];

  constructor(private readonly logger?: Logger) {}

  logQuery(query: string, _parameters?: unknown[], queryRunner?: QueryRunner): void {
    // Throws before the statement is sent when it would bypass an open transaction (kit/transaction.ts).
    assertNoTransactionLeak(queryRunner, query);
    this.count += 1;
    this.recent.push(query);
    if (this.recent.length > 200) this.recent.shift();
    this.logger?.trace({ sql: query }, "sql");
  }
  logQueryError(error: string | Error, query: string): void {
    this.logger?.warn({ err: error, sql: query }, "sql error");
  }
  logQuerySlow(time: number, query: string): void {
    this.logger?.warn({ ms: time, sql: query }, "slow sql");
  }
  logSchemaBuild(message: string): void {
    this.logger?.debug(message);
  }
  logMigration(message: string): void {
    this.logger?.info(message);
  }
  log(level: "log" | "info" | "warn", message: unknown): void {
    if (level === "warn") this.logger?.warn(String(message));
    else this.logger?.debug(String(message));
  }

  /** Runs `fn` and returns how many statements it sent (and its result). */
  async measure<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number; sql: string[] }> {
    const before = this.count;
    const result = await fn();
    const statements = this.count - before;
    // `recent` keeps the last 200: the statements of `fn` are its tail (an index taken before would shift).
    return { result, statements, sql: this.recent.slice(Math.max(0, this.recent.length - statements)) };
  }
}

export interface DataSourceSettings {
  /** Subgraph name; used for the environment variable and the embedded file name. */
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own option type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own option type
  migrations: MixedList<Function | string>;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
  /** Server flavour for a MySQL URL; found by `openDataSource`, else taken from the URL scheme. */
  flavor?: "mysql" | "mariadb";
}

export interface SubgraphDataSource {
  dataSource: DataSource;
  sql: SqlStatementCounter;
  engine: "mysql" | "sqlite";
  /** Database name (MySQL) or file path (SQLite), for logs. */
  location: string;
}

/**
 * Where a subgraph keeps its data:
 * - `<NAME>_DATABASE_URL` (e.g. `IDENTITY_DATABASE_URL=mysql://root@127.0.0.1:3306/customs_identity`);
 * - else `MYSQL_URL` (a server URL; the database is `customs_<name>`);
 * - else an embedded SQLite file `<DATA_DIR>/<name>.sqlite` (`DATA_DIR` defaults to `./data`).
 */
export function resolveDatabaseUrl(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const own = env[`${name.toUpperCase()}_DATABASE_URL`];
  if (own) return own;
  if (env.MYSQL_URL) {
    const url = new URL(env.MYSQL_URL);
    url.pathname = `/customs_${name}`;
    return url.toString();
  }
  return undefined;
}

/**
 * Creates the database if missing and tells MariaDB from MySQL. TypeORM must know which: MariaDB
 * reports column defaults differently, and a "mysql" DataSource on MariaDB sees phantom schema
 * drift on every nullable column.
 */
export async function ensureMysqlDatabase(url: string): Promise<"mysql" | "mariadb"> {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`Unsupported database name '${database}'`);
  const conn = await createConnection({
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username || "root"),
    password: decodeURIComponent(parsed.password),
  });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const [rows] = await conn.query("SELECT VERSION() AS version");
    return /mariadb/i.test(String((rows as { version: string }[])[0]?.version)) ? "mariadb" : "mysql";
  } finally {
    await conn.end();
  }
}

/** Builds (does not initialise) the subgraph's DataSource. Migrations never synchronise. */
export function createDataSource(settings: DataSourceSettings): SubgraphDataSource {
  const env = settings.env ?? process.env;
  const sql = new SqlStatementCounter(settings.logger);
  const url = resolveDatabaseUrl(settings.name, env);
  const common = {
    entities: settings.entities,
    migrations: settings.migrations,
    migrationsTableName: "migrations",
    synchronize: false,
    logging: ["query", "error", "warn", "migration"] as ("query" | "error" | "warn" | "migration")[],
    logger: sql,
  };
  if (url) {
    const options: DataSourceOptions = {
      ...common,
      type: settings.flavor ?? (url.startsWith("mariadb:") ? "mariadb" : "mysql"),
      url: url.replace(/^mariadb:/, "mysql:"),
      timezone: "Z",
      charset: "utf8mb4_unicode_ci",
      dateStrings: false,
      supportBigNumbers: true,
      bigNumberStrings: true,
      extra: { connectionLimit: poolSize(env) },
    };
    return { dataSource: new DataSource(options), sql, engine: "mysql", location: new URL(url).pathname.slice(1) };
  }
  const dir = env.DATA_DIR ?? path.resolve(process.cwd(), "data");
  const file = path.join(dir, `${settings.name}.sqlite`);
  const options: DataSourceOptions = {
    ...common,
    type: "better-sqlite3",
    database: file,
    enableWAL: true,
    prepareDatabase: db => db.pragma("busy_timeout = 5000"),
  };
  return { dataSource: new DataSource(options), sql, engine: "sqlite", location: file };
}

/**
 * `DB_POOL_SIZE` (default 10): connections per replica. A transaction holds one connection from
 * its first statement to its commit and reads only through it (kit/transaction.ts), so the pool
 * bounds how many mutations of one replica run at once; the others queue for a connection.
 */
export function poolSize(env: NodeJS.ProcessEnv = process.env): number {
  const size = Number(env.DB_POOL_SIZE ?? 10);
  if (!Number.isInteger(size) || size < 1 || size > 1000) throw new Error(`DB_POOL_SIZE must be an integer from 1 to 1000, not '${env.DB_POOL_SIZE}'`);
  return size;
}

/**
 * `DB_LOCK_WAIT_TIMEOUT_SECONDS` (default 3): how long a statement waits for a row lock before the
 * caller gets CONCURRENT_MODIFICATION (MySQL's default is 50 s, far past any gateway timeout).
 */
export function lockWaitTimeoutSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.DB_LOCK_WAIT_TIMEOUT_SECONDS ?? 3);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 120) throw new Error(`DB_LOCK_WAIT_TIMEOUT_SECONDS must be an integer from 1 to 120, not '${env.DB_LOCK_WAIT_TIMEOUT_SECONDS}'`);
  return seconds;
}

interface SessionPool {
  on(event: "connection", listener: (connection: { query(sql: string): unknown }) => void): void;
}

/**
 * The session every pooled MySQL connection works in:
 * - READ COMMITTED: a statement reads what is committed when it runs, not a snapshot taken at the
 *   transaction's first read. So "lock the parent row, then check" (one open request per partner,
 *   one declaration per presentation, ...) sees the winner's row however the transaction began,
 *   and InnoDB takes no gap locks, the usual source of deadlocks between parallel inserts.
 * - a bounded lock wait (`DB_LOCK_WAIT_TIMEOUT_SECONDS`).
 */
export function sessionStatements(env: NodeJS.ProcessEnv = process.env): string[] {
  return ["SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED", `SET SESSION innodb_lock_wait_timeout = ${lockWaitTimeoutSeconds(env)}`];
}

/**
 * Applies `sessionStatements` to every pooled connection: the pool's first connection exists
 * already (TypeORM opens it to check the credentials) and is idle, so the statements reach it;
 * every later one is set up as the pool creates it, before its first use (mysql2 runs a
 * connection's commands in order).
 */
async function configureSessions(ds: SubgraphDataSource, env: NodeJS.ProcessEnv): Promise<void> {
  if (ds.engine !== "mysql") return;
  const statements = sessionStatements(env);
  const pool = (ds.dataSource.driver as unknown as { pool?: SessionPool }).pool;
  if (!pool) throw new Error("the MySQL driver exposes no pool: cannot configure its sessions");
  pool.on("connection", connection => statements.forEach(statement => connection.query(statement)));
  for (const statement of statements) await ds.dataSource.query(statement);
}

/** Connects and applies pending migrations (the database or folder must exist: see `openDataSource`). */
export async function initialiseDataSource(ds: SubgraphDataSource, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (ds.engine === "sqlite") fs.mkdirSync(path.dirname(ds.location), { recursive: true });
  await ds.dataSource.initialize();
  await configureSessions(ds, env);
  if (env.RUN_MIGRATIONS !== "false") await ds.dataSource.runMigrations({ transaction: "each" });
}

/** The whole start: create the MySQL database if missing (and learn its flavour), connect, migrate. */
export async function openDataSource(settings: DataSourceSettings): Promise<SubgraphDataSource> {
  const env = settings.env ?? process.env;
  const url = resolveDatabaseUrl(settings.name, env);
  const flavor = url ? await ensureMysqlDatabase(url.replace(/^mariadb:/, "mysql:")) : undefined;
  const ds = createDataSource({ ...settings, flavor: settings.flavor ?? flavor });
  await initialiseDataSource(ds, env);
  return ds;
}

/** Readiness: the database answers and no migration is pending. */
export async function databaseReady(ds: SubgraphDataSource): Promise<{ ok: boolean; reason?: string }> {
  try {
    if (!ds.dataSource.isInitialized) return { ok: false, reason: "database not connected" };
    await ds.dataSource.query("SELECT 1");
    if (await ds.dataSource.showMigrations()) return { ok: false, reason: "migrations pending" };
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

/**
 * Reads a row and locks it for the rest of the transaction on MySQL/MariaDB (SELECT ... FOR
 * UPDATE), so that read-modify-write sequences on one aggregate (a version bump, replacing its
 * lines) serialise instead of deadlocking. SQLite serialises writers itself and has no row locks.
 */
export async function findForUpdate<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, where: FindOptionsWhere<T>): Promise<T | null> {
  const sqlite = manager.connection.options.type === "better-sqlite3";
  return manager.findOne(entity, { where, ...(sqlite ? {} : { lock: { mode: "pessimistic_write" as const } }) });
}
