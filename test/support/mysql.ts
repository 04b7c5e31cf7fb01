import { createConnection } from "mysql2/promise";

/** The MariaDB server the integration and end-to-end tiers use (CI exports MYSQL_URL). */
export const MYSQL_URL = process.env.MYSQL_URL ?? "mysql://root@127.0.0.1:3306";

async function server() {
  const url = new URL(MYSQL_URL);
  return createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username || "root"), password: decodeURIComponent(url.password) });
}

/** Drops a database a suite created (its last act). */
export async function dropDatabase(name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  const conn = await server();
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await conn.end();
  }
}

/** Drops and recreates a database, and returns its URL: every suite starts from empty. */
export async function freshDatabase(name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  const conn = await server();
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
  return databaseUrl(name);
}

/** The URL of a database on the test server, as it is: for a second process on a suite's database (a restart). */
export function databaseUrl(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  const url = new URL(MYSQL_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
