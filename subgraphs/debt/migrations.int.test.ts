import { KIT_ENTITIES, openDataSource, SubgraphDataSource } from "../kit";
import { driftOf, migrationEngines, tablesOf } from "../../test/support/migrations";
import { definition } from "./debt.subgraph";
import { InterestRate } from "./entities/debt.entity";

/**
 * Debt's checked-in migrations (STYLE.md: migrations from empty) on both engines the kit
 * supports: MariaDB for deployments and the integration tier, SQLite for a fresh clone. They must
 * build exactly the schema the entities describe, load the default interest rate the Department
 * sets (DEBT-R10, LD art. 74 para. 4; DESIGN CHOICE 4.0 % a year from 2026-01-01), and undo cleanly.
 */
const engines = migrationEngines("debt");

async function interestRates(ds: SubgraphDataSource) {
  const rates = await ds.dataSource.getRepository(InterestRate).find({ order: { validFrom: "ASC" } });
  return rates.map(r => [r.validFrom, r.percentPerYear]);
}

const RATES = [["2026-01-01", "4.0"]];

describe.each(engines)("debt migrations on $engine", ({ engine, env, cleanup }) => {
  let ds: SubgraphDataSource;
  const names = (definition.migrations as { name: string }[]).map(m => m.name);
  const entityTables = () => [...new Set(ds.dataSource.entityMetadatas.map(m => m.tableName))].sort();

  beforeAll(async () => {
    ds = await openDataSource({ name: "debt", entities: [...KIT_ENTITIES, ...(definition.entities as unknown[])] as never, migrations: definition.migrations, env: await env() });
    expect(ds.engine).toBe(engine);
  });

  afterAll(async () => {
    if (ds?.dataSource.isInitialized) await ds.dataSource.destroy();
    await cleanup?.();
  });

  it("runs every migration from an empty database and creates one table per entity plus `migrations`", async () => {
    const applied = (await ds.dataSource.query("SELECT name FROM migrations ORDER BY id")) as { name: string }[];
    expect(applied.map(r => r.name)).toEqual(names);
    expect(names).toEqual(["KitEventTables1763800000000", "DebtSchema1763800000400", "DebtReferenceData1763800000500", "KitIdempotencyKeys1764500000000", "DebtLawAlignment1764600000400", "DebtProcedureEvents1765000000400"]);
    expect(await ds.dataSource.showMigrations()).toBe(false);
    expect(await tablesOf(ds)).toEqual([...entityTables(), "migrations"].sort());
    expect(entityTables()).toEqual(
      expect.arrayContaining(["customs_debt", "debtor_liability", "payment", "interest_rate", "security", "security_reservation", "security_requisition", "subsequent_collection", "remission_request"]),
    );
  });

  it("leaves no drift between the migrated schema and the entities", async () => {
    const statements = await driftOf(ds);
    if (statements.length) throw new Error(`Schema drift on ${engine}: TypeORM would still run\n${statements.join(";\n")}`);
    expect(statements).toEqual([]);
  });

  it("loads the default interest rate: 4.0 % a year from 1 January 2026 (DEBT-R10, LD art. 74 para. 4)", async () => {
    expect(await interestRates(ds)).toEqual(RATES);
  });

  it("widens the debt's origin key to fit a procedure case's, keeping every debt and the key's uniqueness, and refuses to narrow it back over a longer key (X11; LD art. 69)", async () => {
    const insert = (id: string, key: string) =>
      ds.dataSource.query(
        "INSERT INTO customs_debt (id, declaration_id, birth_trigger, arisen_at, conditional, principal_paid_rappen, interest_paid_rappen, due_at, status, suspensions, interruptions, created_at) VALUES (?, ?, 'PROCEDURE', ?, 1, 0, 0, ?, 'CONDITIONAL', '[]', '[]', ?)",
        [id, key, "2026-03-02 08:00:00.000", "2026-03-02 08:00:00.000", "2026-03-02 08:00:00.000"],
      );
    const keys = async () => ((await ds.dataSource.query("SELECT declaration_id AS k FROM customs_debt ORDER BY declaration_id")) as { k: string }[]).map(r => r.k);
    const caseKey = "procedure:0b5c7c43-5f7e-4c1e-9d55-3f1f1a2b9c01";
    const declarationKey = "3a1c2f9e-0000-4000-8000-000000000036";
    await ds.dataSource.undoLastMigration({ transaction: "each" });
    await insert("a0000000-0000-4000-8000-000000000001", declarationKey);
    await ds.dataSource.runMigrations({ transaction: "each" });
    expect(await keys()).toEqual([declarationKey]);
    await insert("a0000000-0000-4000-8000-000000000002", caseKey);
    await expect(insert("a0000000-0000-4000-8000-000000000003", caseKey)).rejects.toThrow();
    expect(await keys()).toEqual([declarationKey, caseKey]);
    await expect(ds.dataSource.undoLastMigration({ transaction: "each" })).rejects.toThrow("Debts keyed by a procedure case (origin key over 36 characters: 1) cannot be rolled back");
    expect(await ds.dataSource.showMigrations()).toBe(false);
    expect(await driftOf(ds)).toEqual([]);
    await ds.dataSource.query("DELETE FROM customs_debt");
  });

  it("undoes every migration down to only the `migrations` table, and migrates up again without drift", async () => {
    // The procedure events' columns, the issue-8 tables and the kit's idempotency keys go first,
    // then the reference data alone: the tables stay, the rate is gone.
    const later = ["idempotency_key", "surety_receipt"];
    await ds.dataSource.undoLastMigration({ transaction: "each" });
    await ds.dataSource.undoLastMigration({ transaction: "each" });
    await ds.dataSource.undoLastMigration({ transaction: "each" });
    expect(await tablesOf(ds)).toEqual([...entityTables().filter(t => !later.includes(t)), "migrations"].sort());
    await ds.dataSource.undoLastMigration({ transaction: "each" });
    expect(await tablesOf(ds)).toEqual([...entityTables().filter(t => !later.includes(t)), "migrations"].sort());
    expect(await interestRates(ds)).toEqual([]);
    for (let i = 4; i < names.length; i++) await ds.dataSource.undoLastMigration({ transaction: "each" });
    expect(await tablesOf(ds)).toEqual(["migrations"]);
    expect(await ds.dataSource.query("SELECT name FROM migrations")).toEqual([]);

    const again = await ds.dataSource.runMigrations({ transaction: "each" });
    expect(again.map(m => m.name)).toEqual(names);
    expect(await tablesOf(ds)).toEqual([...entityTables(), "migrations"].sort());
    expect(await interestRates(ds)).toEqual(RATES);
    const statements = await driftOf(ds);
    if (statements.length) throw new Error(`Schema drift on ${engine} after down and up: TypeORM would still run\n${statements.join(";\n")}`);
  });
});
