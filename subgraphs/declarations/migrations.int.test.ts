import { KIT_ENTITIES, openDataSource, SubgraphDataSource } from "../kit";
import { driftOf, migrationEngines, tablesOf, undoAfter, undoThrough } from "../../test/support/migrations";
import { definition } from "./declarations.subgraph";
import { CustomsOffice } from "./entities/customs-office.entity";
import { SelectionRuleSet } from "./entities/selection.entity";
import { TariffRate } from "./entities/tariff-rate.entity";

/**
 * Declarations' checked-in migrations (STYLE.md: migrations from empty) on both engines the kit
 * supports: MariaDB for deployments and the integration tier, SQLite for a fresh clone. They
 * must build exactly the schema the entities describe, load the reference data an office needs
 * from day one (four offices, the sample tariff, selection rule set 1), and undo cleanly.
 */
const engines = migrationEngines("declarations");
const tables = tablesOf;
const drift = driftOf;

/** The reference data, read through the entities, so that the JSON columns must parse on this engine. */
async function referenceData(ds: SubgraphDataSource) {
  const offices = await ds.dataSource.getRepository(CustomsOffice).find({ order: { id: "ASC" } });
  const rates = await ds.dataSource.getRepository(TariffRate).find({ order: { tariffNumber: "ASC" } });
  const ruleSets = await ds.dataSource.getRepository(SelectionRuleSet).find({ order: { version: "ASC" } });
  return {
    offices: offices.map(o => [o.id, o.canton, o.openingHours.length, o.competences.includes("IMPORT")]),
    rates: rates.map(r => [r.tariffNumber, r.rateBasis, r.rate, r.validFrom, r.validTo]),
    ruleSets: ruleSets.map(s => [s.version, s.randomRate, s.rules.map(r => `${r.id}:${r.result}`)]),
  };
}

const REFERENCE_DATA = {
  offices: [
    ["1001", "BS", 10, true],
    ["2301", "TI", 10, true],
    ["3001", "GE", 10, true],
    ["4001", "ZH", 5, true],
  ],
  rates: [
    ["0101.2900", "PER_UNIT", "120.00", "2026-01-01", null],
    ["0201.2000", "PER_100_KG_GROSS", "1500.00", "2026-01-01", null],
    ["0201.3000", "PER_100_KG_GROSS", "2200.00", "2026-01-01", null],
    ["0302.1100", "PER_100_KG_GROSS", "0.00", "2026-01-01", null],
    ["0701.9000", "PER_100_KG_GROSS", "46.00", "2026-01-01", null],
    ["0702.0000", "PER_100_KG_GROSS", "5.00", "2026-01-01", null],
    ["0805.1000", "PER_100_KG_GROSS", "0.00", "2026-01-01", null],
    ["0806.1000", "PER_100_KG_GROSS", "36.00", "2026-01-01", null],
    ["1001.9900", "PER_100_KG_GROSS", "42.00", "2026-01-01", null],
    ["2203.0000", "PER_100_KG_GROSS", "25.00", "2026-01-01", null],
    ["2204.2150", "PER_100_KG_GROSS", "50.00", "2026-01-01", null],
    ["2402.2000", "PER_100_KG_GROSS", "31.00", "2026-01-01", null],
    ["6109.1000", "PER_100_KG_GROSS", "97.00", "2026-01-01", null],
    ["6403.9900", "PER_100_KG_GROSS", "250.00", "2026-01-01", null],
    ["8471.3000", "PER_100_KG_GROSS", "0.00", "2026-01-01", null],
    ["8703.2300", "PER_100_KG_GROSS", "15.00", "2026-01-01", null],
    ["9102.1100", "PER_UNIT", "0.60", "2026-01-01", null],
  ],
  ruleSets: [[1, "0.02", ["R1:FREE_WITH", "R2:BLOCKED", "R3:FREE_WITH", "R4:BLOCKED"]]],
};

describe.each(engines)("declarations migrations on $engine", ({ engine, env, cleanup }) => {
  let ds: SubgraphDataSource;
  const names = (definition.migrations as { name: string }[]).map(m => m.name);
  const entityTables = () => [...new Set(ds.dataSource.entityMetadatas.map(m => m.tableName))].sort();

  beforeAll(async () => {
    ds = await openDataSource({ name: "declarations", entities: [...KIT_ENTITIES, ...(definition.entities as unknown[])] as never, migrations: definition.migrations, env: await env() });
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
    expect(applied.map(r => r.name)).toEqual(names);
    expect(await ds.dataSource.showMigrations()).toBe(false);
    expect(await tables(ds)).toEqual([...entityTables(), "migrations"].sort());
  });

  it("leaves no drift between the migrated schema and the entities", async () => {
    const statements = await drift(ds);
    if (statements.length) throw new Error(`Schema drift on ${engine}: TypeORM would still run\n${statements.join(";\n")}`);
    expect(statements).toEqual([]);
  });

  it("loads the reference data: four offices with their cantons and hours (DEC-R83, LD art. 29), the seventeen sample rates (twelve, and five for issue 9's channels and procedures), and selection rule set 1 (DEC-R29)", async () => {
    expect(await referenceData(ds)).toEqual(REFERENCE_DATA);
  });

  it("creates the prohibitions on professional declarants keyed by the prohibition id, with the partner and personal-number indexes the lodging check seeks on (ENF-R05, LD art. 109 para. 2)", async () => {
    const runner = ds.dataSource.createQueryRunner();
    try {
      const table = (await runner.getTable("declarant_prohibition"))!;
      expect(table.primaryColumns.map(c => c.name)).toEqual(["id"]);
      expect(table.indices.map(i => [i.name, i.columnNames, Boolean(i.isUnique)]).sort()).toEqual([
        ["IDX_declarant_prohibition_partner", ["partner_id"], false],
        ["IDX_declarant_prohibition_personal_number", ["personal_number"], false],
      ]);
    } finally {
      await runner.release();
    }
  });

  it("undoes every migration down to only the `migrations` table, and migrates up again without drift", async () => {
    // The prohibitions' table goes first, then the issue-9 tables and sample data, then issue 8's
    // and the kit's idempotency keys, then the reference data alone: the tables stay, empty.
    const issue9 = ["crossing_facility", "rural_traffic_authorisation", "advance_announcement", "procedure_case", "processing_authorisation"];
    // The kit's later migrations first (their dead letters' table goes; the outbox's trace column is a column only).
    await undoAfter(ds, "DeclarationsDocumentRequiredAt1764900000200");
    expect(await tables(ds)).toEqual([...entityTables().filter(t => t !== "dead_letter"), "migrations"].sort());
    // When each document was required (the order of the documents' connections), a column only.
    await ds.dataSource.undoLastMigration({ transaction: "each" });
    const runner = ds.dataSource.createQueryRunner();
    try {
      expect((await runner.getTable("document_requirement"))!.columns.map(c => c.name)).not.toContain("required_at");
    } finally {
      await runner.release();
    }
    expect(await tables(ds)).toEqual([...entityTables().filter(t => t !== "dead_letter"), "migrations"].sort());
    // The prohibitions on professional declarants (ENF-R05, LD art. 109 para. 2).
    await ds.dataSource.undoLastMigration({ transaction: "each" });
    expect(await tables(ds)).toEqual([...entityTables().filter(t => t !== "declarant_prohibition" && t !== "dead_letter"), "migrations"].sort());
    // The unique key of rural authorisations, the items' reliefs column, then the tables.
    await ds.dataSource.undoLastMigration({ transaction: "each" });
    expect(await tables(ds)).toEqual([...entityTables().filter(t => t !== "declarant_prohibition" && t !== "dead_letter"), "migrations"].sort());
    await ds.dataSource.undoLastMigration({ transaction: "each" });
    expect(await tables(ds)).toEqual([...entityTables().filter(t => t !== "declarant_prohibition" && t !== "dead_letter"), "migrations"].sort());
    await ds.dataSource.undoLastMigration({ transaction: "each" });
    expect(await tables(ds)).toEqual([...entityTables().filter(t => !issue9.includes(t) && t !== "declarant_prohibition" && t !== "dead_letter"), "migrations"].sort());
    expect((await referenceData(ds)).rates).toHaveLength(12);
    const later = ["idempotency_key", "declaration_correction", "declarant_prohibition", "dead_letter", ...issue9];
    await ds.dataSource.undoLastMigration({ transaction: "each" });
    await ds.dataSource.undoLastMigration({ transaction: "each" });
    expect(await tables(ds)).toEqual([...entityTables().filter(t => !later.includes(t)), "migrations"].sort());
    await ds.dataSource.undoLastMigration({ transaction: "each" });
    expect(await tables(ds)).toEqual([...entityTables().filter(t => !later.includes(t)), "migrations"].sort());
    expect(await referenceData(ds)).toEqual({ offices: [], rates: [], ruleSets: [] });
    await undoThrough(ds, "KitEventTables1763800000000");
    expect(await tables(ds)).toEqual(["migrations"]);
    expect(await ds.dataSource.query("SELECT name FROM migrations")).toEqual([]);

    const again = await ds.dataSource.runMigrations({ transaction: "each" });
    expect(again.map(m => m.name)).toEqual(names);
    expect(await tables(ds)).toEqual([...entityTables(), "migrations"].sort());
    expect(await referenceData(ds)).toEqual(REFERENCE_DATA);
    const statements = await drift(ds);
    if (statements.length) throw new Error(`Schema drift on ${engine} after down and up: TypeORM would still run\n${statements.join(";\n")}`);
  });
});
