import { createHash, randomBytes } from "node:crypto";
import { createConnection } from "mysql2/promise";

/** The MariaDB server the integration and end-to-end tiers use (CI exports MYSQL_URL). */
export const MYSQL_URL = process.env.MYSQL_URL ?? "mysql://root@127.0.0.1:3306";

/**
 * Suites name their databases logically (`customs_test_e2e_edge_identity`); on the server each
 * logical name becomes `<logical>_<run>`, where `<run>` is random and drawn once per module
 * instance: jest gives every test file its own module registry, so each file of each run has its
 * own databases, and two runs of the suite on one server never share one. Within a file,
 * `freshDatabase`, `databaseUrl` (a restart on the same database) and `dropDatabase` agree.
 */
export const TEST_RUN_ID = randomBytes(6).toString("hex");

/** MariaDB's limit on a database name. */
const MAX_NAME = 64;

function checkedName(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  return name;
}

/**
 * The name on the server of a suite's logical database name: the logical name and this run's
 * suffix, the logical name shortened and told apart by a hash of it when both would exceed 64
 * characters. Deterministic within a file: the same logical name is always the same database.
 */
export function databaseName(name: string): string {
  checkedName(name);
  const suffix = `_${TEST_RUN_ID}`;
  if (name.length + suffix.length <= MAX_NAME) return `${name}${suffix}`;
  const hash = `_${createHash("sha256").update(name).digest("hex").slice(0, 8)}`;
  return `${name.slice(0, MAX_NAME - suffix.length - hash.length)}${hash}${suffix}`;
}

async function server() {
  const url = new URL(MYSQL_URL);
  return createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username || "root"), password: decodeURIComponent(url.password) });
}

/** Drops a database a suite created (its last act), by the logical name the suite created it with. */
export async function dropDatabase(name: string): Promise<void> {
  const physical = databaseName(name);
  const conn = await server();
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${physical}\``);
  } finally {
    await conn.end();
  }
}

/** Creates an empty database for this run (dropping one left by an earlier call), and returns its URL. */
export async function freshDatabase(name: string): Promise<string> {
  const physical = databaseName(name);
  const conn = await server();
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${physical}\``);
    await conn.query(`CREATE DATABASE \`${physical}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
  return databaseUrl(name);
}

/** The URL of a suite's database on the test server, as it is: for a second process on it (a restart). */
export function databaseUrl(name: string): string {
  const url = new URL(MYSQL_URL);
  url.pathname = `/${databaseName(name)}`;
  return url.toString();
}

/**
 * Runs every cleanup step, even after one fails, then throws the first failure: a suite's
 * databases are dropped even when stopping a server before them went wrong.
 */
export async function cleanUp(steps: (() => unknown)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length) throw failures[0];
}
