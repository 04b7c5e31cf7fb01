import { KIT_ENTITIES, openDataSource, SubgraphDataSource } from "../kit";
import { driftOf, migrationEngines, tablesOf } from "../../test/support/migrations";
import { definition } from "./notifications.subgraph";

/**
 * Notifications' checked-in migrations on both engines the kit supports (MariaDB, SQLite): they
 * build exactly the schema the entities describe (the kit's tables, then the inboxes' two), and
 * undo cleanly.
 */
const engines = migrationEngines("notifications");

describe.each(engines)("notifications migrations on $engine", ({ engine, env, cleanup }) => {
  let ds: SubgraphDataSource;
  const names = (definition.migrations as { name: string }[]).map(m => m.name);
  const entityTables = () => [...new Set(ds.dataSource.entityMetadatas.map(m => m.tableName))].sort();

  beforeAll(async () => {
    ds = await openDataSource({ name: "notifications", entities: [...KIT_ENTITIES, ...(definition.entities as unknown[])] as never, migrations: definition.migrations, env: await env() });
    expect(ds.engine).toBe(engine);
  });

  afterAll(async () => {
    try {
      if (ds?.dataSource.isInitialized) await ds.dataSource.destroy();
    } finally {
      await cleanup?.();
    }
  });

  it("runs the kit's migrations in timestamp order, then its own, from an empty database, and creates one table per entity plus `migrations`", async () => {
    const applied = (await ds.dataSource.query("SELECT name FROM migrations ORDER BY id")) as { name: string }[];
    expect(applied.map(r => r.name)).toEqual(["KitEventTables1763800000000", "KitIdempotencyKeys1764500000000", "KitEventTraceContext1765700000000", "KitDeadLetters1765800000000", "NotificationsSchema1765900000600"]);
    expect(await ds.dataSource.showMigrations()).toBe(false);
    expect(await tablesOf(ds)).toEqual([...entityTables(), "migrations"].sort());
    expect(await tablesOf(ds)).toEqual(expect.arrayContaining(["notification", "notification_read"]));
  });

  it("leaves no drift between the migrated schema and the entities", async () => {
    const statements = await driftOf(ds);
    if (statements.length) throw new Error(`Schema drift on ${engine}: TypeORM would still run\n${statements.join(";\n")}`);
    expect(statements).toEqual([]);
  });

  it("undoes every migration down to only the `migrations` table, and migrates up again without drift", async () => {
    for (let i = 0; i < names.length; i++) await ds.dataSource.undoLastMigration({ transaction: "each" });
    expect(await tablesOf(ds)).toEqual(["migrations"]);
    const again = await ds.dataSource.runMigrations({ transaction: "each" });
    expect(again.map(m => m.name)).toEqual(names);
    expect(await driftOf(ds)).toEqual([]);
  });
});
