import { KIT_ENTITIES, openDataSource, SubgraphDataSource } from "../kit";
import { driftOf, migrationEngines, tablesOf } from "../../test/support/migrations";
import { definition } from "./identity.subgraph";
import { sha256 } from "./services/secrets";

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
    try {
      if (ds?.dataSource.isInitialized) await ds.dataSource.destroy();
    } finally {
      await cleanup?.();
    }
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

  it("creates the withdrawal referrals' table keyed by the referral id, with its partner index, and down drops only it (ENF-R06, OD-AFD art. 9 let. c)", async () => {
    const names = (definition.migrations as { name: string }[]).map(m => m.name);
    const after = names.length - names.indexOf("WithdrawalReferrals1764800000100");
    for (let i = 0; i < after; i++) await ds.dataSource.undoLastMigration({ transaction: "each" });
    // The later migrations' tables go with it.
    expect(await tables(ds)).toEqual([...entityTables().filter(t => !["withdrawal_referral", "api_renewal_lockout", "dead_letter"].includes(t)), "migrations"].sort());
    await ds.dataSource.runMigrations({ transaction: "each" });
    const runner = ds.dataSource.createQueryRunner();
    try {
      const table = (await runner.getTable("withdrawal_referral"))!;
      expect(table.primaryColumns.map(c => c.name)).toEqual(["id"]);
      expect(table.indices.map(i => [i.name, i.columnNames, Boolean(i.isUnique)])).toEqual([["IDX_withdrawal_referral_partner", ["partner_id"], false]]);
    } finally {
      await runner.release();
    }
    expect(await drift(ds)).toEqual([]);
  });

  it("creates the renewal lockout table keyed by application and credential, only the lock end nullable, and down drops only it (DESIGN CHOICE, ePortal step 5)", async () => {
    const names = (definition.migrations as { name: string }[]).map(m => m.name);
    const after = names.length - names.indexOf("ApiRenewalLockout1765500000100");
    for (let i = 0; i < after; i++) await ds.dataSource.undoLastMigration({ transaction: "each" });
    // The kit's later dead letters' table goes with it.
    expect(await tables(ds)).toEqual([...entityTables().filter(t => !["api_renewal_lockout", "dead_letter"].includes(t)), "migrations"].sort());
    await ds.dataSource.runMigrations({ transaction: "each" });
    const runner = ds.dataSource.createQueryRunner();
    try {
      const table = (await runner.getTable("api_renewal_lockout"))!;
      expect(table.primaryColumns.map(c => c.name).sort()).toEqual(["application_id", "credential"]);
      expect(table.columns.filter(c => c.isNullable).map(c => c.name)).toEqual(["locked_until"]);
    } finally {
      await runner.release();
    }
    expect(await drift(ds)).toEqual([]);
  });

  it("replaces the consumer keys already issued by their SHA-256 hash, keeps no clear key, and down leaves the restored column empty (ID-R23, ePortal step 5)", async () => {
    const names = (definition.migrations as { name: string }[]).map(m => m.name);
    const after = names.length - names.indexOf("ConsumerKeyHashed1764600000100");
    for (let i = 0; i < after; i++) await ds.dataSource.undoLastMigration({ transaction: "each" });
    const key = "ck_legacyClearKey0123456789abcdef";
    await ds.dataSource.query(
      "INSERT INTO api_application (id, subscription_id, partner_id, software_name, status, keys_issued_at, consumer_key, consumer_secret_hash, key_fingerprints, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ["00000000-0000-4000-8000-000000000023", "s", "p", "Legacy Clear 1", "ACTIVE", "2026-03-02 08:00:00.000", key, sha256("cs_secret"), "[]", "2026-03-02 08:00:00.000"],
    );
    await ds.dataSource.runMigrations({ transaction: "each" });
    const [row] = (await ds.dataSource.query("SELECT * FROM api_application WHERE id = '00000000-0000-4000-8000-000000000023'")) as Record<string, unknown>[];
    expect(row.consumer_key_hash).toBe(sha256(key));
    expect(row).not.toHaveProperty("consumer_key");
    expect(JSON.stringify(row)).not.toContain(key);

    for (let i = 0; i < after; i++) await ds.dataSource.undoLastMigration({ transaction: "each" });
    const [restored] = (await ds.dataSource.query("SELECT * FROM api_application WHERE id = '00000000-0000-4000-8000-000000000023'")) as Record<string, unknown>[];
    expect(restored.consumer_key).toBeNull();
    expect(restored).not.toHaveProperty("consumer_key_hash");
    // Up again: the lost key gets an unmatchable hash, so the column can be required and unique.
    await ds.dataSource.runMigrations({ transaction: "each" });
    const [again] = (await ds.dataSource.query("SELECT consumer_key_hash FROM api_application WHERE id = '00000000-0000-4000-8000-000000000023'")) as Record<string, string>[];
    expect(again.consumer_key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(again.consumer_key_hash).not.toBe(sha256(key));
    expect(await drift(ds)).toEqual([]);
  });
});
