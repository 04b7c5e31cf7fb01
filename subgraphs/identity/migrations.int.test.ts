import { KIT_ENTITIES, openDataSource, SubgraphDataSource } from "../kit";
import { driftOf, migrationEngines, tablesOf } from "../../test/support/migrations";
import { definition } from "./identity.subgraph";

/**
 * Identity's checked-in migrations (STYLE.md: migrations from empty) on both engines the kit
 * supports: MariaDB for deployments and the integration tier, SQLite for a fresh clone. They
 * must build exactly the schema the entities describe, and undo cleanly.
 */
const engines = migrationEngines("identity");
const tables = tablesOf;
const drift = driftOf;

describe.each(engines)("identity migrations on $engine", ({ engine, env, cleanup }) => {
  let ds: SubgraphDataSource;
  const migrationCount = (definition.migrations as unknown[]).length;
  const entityTables = () => [...new Set(ds.dataSource.entityMetadatas.map(m => m.tableName))].sort();

  beforeAll(async () => {
    ds = await openDataSource({ name: "identity", entities: [...KIT_ENTITIES, ...(definition.entities as unknown[])] as never, migrations: definition.migrations, env: await env() });
    expect(ds.engine).toBe(engine);
  });

  afterAll(async () => {
    if (ds?.dataSource.isInitialized) await ds.dataSource.destroy();
    await cleanup?.();
  });

  it("runs every migration from an empty database and creates one table per entity plus `migrations`", async () => {
    const applied = (await ds.dataSource.query("SELECT name FROM migrations ORDER BY id")) as { name: string }[];
    expect(applied.map(r => r.name)).toEqual((definition.migrations as { name: string }[]).map(m => m.name));
    expect(await ds.dataSource.showMigrations()).toBe(false);
    expect(await tables(ds)).toEqual([...entityTables(), "migrations"].sort());
  });

  it("leaves no drift between the migrated schema and the entities", async () => {
    const statements = await drift(ds);
    if (statements.length) throw new Error(`Schema drift on ${engine}: TypeORM would still run\n${statements.join(";\n")}`);
    expect(statements).toEqual([]);
  });

  it("undoes every migration down to only the `migrations` table, and migrates up again without drift", async () => {
    for (let i = 0; i < migrationCount; i++) await ds.dataSource.undoLastMigration({ transaction: "each" });
    expect(await tables(ds)).toEqual(["migrations"]);
    expect(await ds.dataSource.query("SELECT name FROM migrations")).toEqual([]);

    const again = await ds.dataSource.runMigrations({ transaction: "each" });
    expect(again.map(m => m.name)).toEqual((definition.migrations as { name: string }[]).map(m => m.name));
    expect(await tables(ds)).toEqual([...entityTables(), "migrations"].sort());
    const statements = await drift(ds);
    if (statements.length) throw new Error(`Schema drift on ${engine} after down and up: TypeORM would still run\n${statements.join(";\n")}`);
  });
});
