import { KIT_ENTITIES, openDataSource, SubgraphDataSource } from "../kit";
import { driftOf, migrationEngines, tablesOf } from "../../test/support/migrations";
import { ControlOffice } from "./entities/facility.entity";
import { definition } from "./warehousing.subgraph";

/**
 * Warehousing's checked-in migrations on both engines the kit supports (MariaDB, SQLite): they
 * build exactly the schema the entities describe, load the control offices' cantons and counter
 * hours the inventory deadlines need (WH-R11, WH-R16, WH-R24), and undo cleanly.
 */
const engines = migrationEngines("warehousing");

describe.each(engines)("warehousing migrations on $engine", ({ engine, env, cleanup }) => {
  let ds: SubgraphDataSource;
  const names = (definition.migrations as { name: string }[]).map(m => m.name);
  const entityTables = () => [...new Set(ds.dataSource.entityMetadatas.map(m => m.tableName))].sort();

  beforeAll(async () => {
    ds = await openDataSource({ name: "warehousing", entities: [...KIT_ENTITIES, ...(definition.entities as unknown[])] as never, migrations: definition.migrations, env: await env() });
    expect(ds.engine).toBe(engine);
  });

  afterAll(async () => {
    try {
      if (ds?.dataSource.isInitialized) await ds.dataSource.destroy();
    } finally {
      await cleanup?.();
    }
  });

  it("runs every migration from an empty database and creates one table per entity plus `migrations`", async () => {
    const applied = (await ds.dataSource.query("SELECT name FROM migrations ORDER BY id")) as { name: string }[];
    expect(applied.map(r => r.name)).toEqual(["KitEventTables1763800000000", "KitIdempotencyKeys1764500000000", "WarehousingSchema1765100000300", "WarehousingStockPeriods1765100000400", "KitEventTraceContext1765700000000", "KitDeadLetters1765800000000", "WarehousingInventoryPending1766000000300"]);
    expect(await ds.dataSource.showMigrations()).toBe(false);
    expect(await tablesOf(ds)).toEqual([...entityTables(), "migrations"].sort());
  });

  it("leaves no drift between the migrated schema and the entities", async () => {
    const statements = await driftOf(ds);
    if (statements.length) throw new Error(`Schema drift on ${engine}: TypeORM would still run\n${statements.join(";\n")}`);
    expect(statements).toEqual([]);
  });

  it("loads the four control offices with their cantons and counter hours", async () => {
    const offices = await ds.dataSource.getRepository(ControlOffice).find({ order: { id: "ASC" } });
    expect(offices.map(o => [o.id, o.canton, o.openingHours.length])).toEqual([
      ["1001", "BS", 10],
      ["2301", "TI", 10],
      ["3001", "GE", 10],
      ["4001", "ZH", 5],
    ]);
  });

  it("undoes every migration down to only the `migrations` table, and migrates up again without drift", async () => {
    for (let i = 0; i < names.length; i++) await ds.dataSource.undoLastMigration({ transaction: "each" });
    expect(await tablesOf(ds)).toEqual(["migrations"]);
    const again = await ds.dataSource.runMigrations({ transaction: "each" });
    expect(again.map(m => m.name)).toEqual(names);
    expect(await driftOf(ds)).toEqual([]);
  });
});
