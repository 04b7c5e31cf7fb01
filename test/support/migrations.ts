import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SubgraphDataSource } from "../../subgraphs/kit";
import { dropDatabase, freshDatabase } from "./mysql";

/** The two engines every subgraph's migrations must run on: MariaDB and an embedded SQLite file. */
export interface MigrationEngine {
  engine: "mysql" | "sqlite";
  env: () => Promise<NodeJS.ProcessEnv>;
  cleanup?: () => void | Promise<void>;
}

export function migrationEngines(subgraph: string): MigrationEngine[] {
  let sqliteDir: string | undefined;
  return [
    {
      engine: "mysql",
      env: async () => ({ [`${subgraph.toUpperCase()}_DATABASE_URL`]: await freshDatabase(`customs_test_${subgraph}_migrations`) }),
      cleanup: () => dropDatabase(`customs_test_${subgraph}_migrations`),
    },
    {
      engine: "sqlite",
      env: async () => {
        sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), `${subgraph}-migrations-`));
        return { DATA_DIR: sqliteDir };
      },
      cleanup: () => {
        if (sqliteDir) fs.rmSync(sqliteDir, { recursive: true, force: true });
      },
    },
  ];
}

export async function tablesOf(ds: SubgraphDataSource): Promise<string[]> {
  const rows: Record<string, string>[] =
    ds.engine === "mysql"
      ? await ds.dataSource.query("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()")
      : await ds.dataSource.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  return rows.map(r => r.name ?? r.NAME ?? r.TABLE_NAME).sort();
}

/** The statements TypeORM would run to make the database match the entities: none, if no drift. */
export async function driftOf(ds: SubgraphDataSource): Promise<string[]> {
  const sql = await ds.dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map(q => q.query);
}

async function applied(ds: SubgraphDataSource): Promise<string[]> {
  return ((await ds.dataSource.query("SELECT name FROM migrations ORDER BY id")) as { name: string }[]).map(r => r.name);
}

/**
 * Undoes the last migrations until `name` is the last one applied: a test of one migration's down
 * stays true when the kit adds migrations after it (every subgraph lists the kit's in timestamp order).
 */
export async function undoAfter(ds: SubgraphDataSource, name: string): Promise<void> {
  for (;;) {
    const names = await applied(ds);
    if (!names.includes(name)) throw new Error(`${name} is not applied`);
    if (names[names.length - 1] === name) return;
    await ds.dataSource.undoLastMigration({ transaction: "each" });
  }
}

/** Undoes the last migrations down to and including `name`. */
export async function undoThrough(ds: SubgraphDataSource, name: string): Promise<void> {
  await undoAfter(ds, name);
  await ds.dataSource.undoLastMigration({ transaction: "each" });
}
