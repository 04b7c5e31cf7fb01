import fs from "node:fs";
import path from "node:path";
import { createConnection } from "mysql2/promise";
import { DataSource, DataSourceOptions, EntityManager, EntitySchema, EntityTarget, FindOptionsWhere, Logger as OrmLogger, MixedList, ObjectLiteral } from "typeorm";
import type { Logger } from "./logger";

/**
 * Counts the SQL statements a DataSource sends. Tests read it to prove that entity references
 * are batched (a query over 100 partners costs a constant number of statements).
 */
export class SqlStatementCounter implements OrmLogger {
  count = 0;
  readonly recent: string[] = [];

  constructor(private readonly logger?: Logger) {}

  logQuery(query: string): void {
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
    const mark = this.recent.length;
    const result = await fn();
    return { result, statements: this.count - before, sql: this.recent.slice(mark) };
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
      extra: { connectionLimit: Number(env.DB_POOL_SIZE ?? 10) },
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

/** Connects and applies pending migrations (the database or folder must exist: see `openDataSource`). */
export async function initialiseDataSource(ds: SubgraphDataSource, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (ds.engine === "sqlite") fs.mkdirSync(path.dirname(ds.location), { recursive: true });
  await ds.dataSource.initialize();
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
