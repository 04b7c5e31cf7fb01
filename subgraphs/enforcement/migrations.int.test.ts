import { KIT_ENTITIES, openDataSource, SubgraphDataSource } from "../kit";
import { driftOf, migrationEngines, tablesOf, undoAfter, undoThrough } from "../../test/support/migrations";
import { definition } from "./enforcement.subgraph";

/**
 * Enforcement's checked-in migrations on both engines the kit supports (MariaDB, SQLite): they
 * build exactly the schema the entities describe and undo cleanly.
 */
const engines = migrationEngines("enforcement");

describe.each(engines)("enforcement migrations on $engine", ({ engine, env, cleanup }) => {
  let ds: SubgraphDataSource;
  const names = (definition.migrations as { name: string }[]).map(m => m.name);
  const entityTables = () => [...new Set(ds.dataSource.entityMetadatas.map(m => m.tableName))].sort();

  beforeAll(async () => {
    ds = await openDataSource({ name: "enforcement", entities: [...KIT_ENTITIES, ...(definition.entities as unknown[])] as never, migrations: definition.migrations, env: await env() });
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
    expect(applied.map(r => r.name)).toEqual(["KitEventTables1763800000000", "KitIdempotencyKeys1764500000000", "EnforcementSchema1765400000500", "EnforcementNestedPages1765600000500", "KitEventTraceContext1765700000000", "KitDeadLetters1765800000000", "EnforcementAppealPerDecision1766000000500", "EnforcementDutiesSetByOfficer1766000001500", "EnforcementLinkDutiesEstablishedAt1766200000500"]);
    expect(await ds.dataSource.showMigrations()).toBe(false);
    expect(await tablesOf(ds)).toEqual([...entityTables(), "migrations"].sort());
  });

  it("leaves no drift between the migrated schema and the entities", async () => {
    const statements = await driftOf(ds);
    if (statements.length) throw new Error(`Schema drift on ${engine}: TypeORM would still run\n${statements.join(";\n")}`);
    expect(statements).toEqual([]);
  });

  it("ENF-R23 names each existing appeal's decision by when it was taken (an annulled penalty decision by the appeal's filing), keeps one appeal per decision and appellant, and refuses to roll back over a case's decisions appealed twice (LD art. 116)", async () => {
    const at = (v: Date | string) => (v instanceof Date ? v : new Date(`${v.replace(" ", "T")}Z`)).toISOString();
    const penaltyCase = (id: string, decidedAt: string) =>
      ds.dataSource.query(
        "INSERT INTO offence_case (id, case_number, offence_type, attempt, status, facts, duties_estimated, aggravating_circumstances, concurrent_offences, opened_at, opened_by, decided_at) VALUES (?, ?, 'CUSTOMS_EVASION', 0, 'PENALTY_DECIDED', 'f', 0, '[]', '[]', '2026-03-01 08:00:00.000', 'o', ?)",
        [id, `ENF-2026-${id.slice(0, 8).toUpperCase()}`, decidedAt],
      );
    const appeal = (id: string, kind: string, decisionId: string, filedAt: string, takenAt?: string) =>
      takenAt === undefined
        ? ds.dataSource.query("INSERT INTO enforcement_appeal (id, decision_kind, decision_id, appellant_id, instance, grounds, filed_at, status) VALUES (?, ?, ?, 'b0000000-0000-4000-8000-00000000000b', 'DGD', 'g', ?, 'PENDING')", [id, kind, decisionId, filedAt])
        : ds.dataSource.query("INSERT INTO enforcement_appeal (id, decision_kind, decision_id, appellant_id, instance, grounds, filed_at, status, decision_taken_at) VALUES (?, ?, ?, 'b0000000-0000-4000-8000-00000000000b', 'DGD', 'g', ?, 'PENDING', ?)", [id, kind, decisionId, filedAt, takenAt]);
    const takenAt = async () => ((await ds.dataSource.query("SELECT id, decision_taken_at AS t FROM enforcement_appeal ORDER BY id")) as { id: string; t: Date | string }[]).map(r => [r.id, at(r.t)]);
    const current = "c1000000-0000-4000-8000-000000000001";
    const decidedAgain = "c2000000-0000-4000-8000-000000000002";
    const prohibition = "d0000000-0000-4000-8000-000000000001";
    await undoThrough(ds, "EnforcementAppealPerDecision1766000000500");
    await penaltyCase(current, "2026-03-02 08:00:00.000");
    // Its first penalty was annulled on an appeal filed 3 March; it was decided again on 10 March.
    await penaltyCase(decidedAgain, "2026-03-10 08:00:00.000");
    await ds.dataSource.query(
      "INSERT INTO declarant_prohibition (id, partner_id, grounds, scope, valid_from, reasons, case_ids, decided_at, decided_by, appeal_deadline) VALUES (?, 'b0000000-0000-4000-8000-00000000000b', 'LACKS_SKILLS', '[\"DECLARATIONS\"]', '2026-03-02 08:00:00.000', 'r', '[]', '2026-03-01 10:00:00.000', 'o', '2026-04-01 21:59:59.999')",
      [prohibition],
    );
    await appeal("e0000000-0000-4000-8000-000000000001", "PENALTY", current, "2026-03-05 08:00:00.000");
    await appeal("e0000000-0000-4000-8000-000000000002", "PENALTY", decidedAgain, "2026-03-03 08:00:00.000");
    await appeal("e0000000-0000-4000-8000-000000000003", "PROHIBITION", prohibition, "2026-03-04 08:00:00.000");
    await ds.dataSource.runMigrations({ transaction: "each" });
    expect(await takenAt()).toEqual([
      ["e0000000-0000-4000-8000-000000000001", "2026-03-02T08:00:00.000Z"],
      ["e0000000-0000-4000-8000-000000000002", "2026-03-03T08:00:00.000Z"],
      ["e0000000-0000-4000-8000-000000000003", "2026-03-01T10:00:00.000Z"],
    ]);
    // The new decision is appealed once; the database refuses a second appeal against it.
    await appeal("e0000000-0000-4000-8000-000000000004", "PENALTY", decidedAgain, "2026-03-11 08:00:00.000", "2026-03-10 08:00:00.000");
    await expect(appeal("e0000000-0000-4000-8000-000000000005", "PENALTY", decidedAgain, "2026-03-12 08:00:00.000", "2026-03-10 08:00:00.000")).rejects.toThrow();
    await undoAfter(ds, "EnforcementAppealPerDecision1766000000500");
    await expect(ds.dataSource.undoLastMigration({ transaction: "each" })).rejects.toThrow("Decisions appealed again by the same appellant after an upheld appeal (1) cannot be rolled back");
    await ds.dataSource.query("DELETE FROM enforcement_appeal WHERE id = 'e0000000-0000-4000-8000-000000000004'");
    await undoThrough(ds, "EnforcementAppealPerDecision1766000000500");
    await ds.dataSource.runMigrations({ transaction: "each" });
    expect(await ds.dataSource.showMigrations()).toBe(false);
    expect(await driftOf(ds)).toEqual([]);
    await ds.dataSource.query("DELETE FROM enforcement_appeal");
    await ds.dataSource.query("DELETE FROM declarant_prohibition");
    await ds.dataSource.query("DELETE FROM offence_case");
  });

  it("ENF-R08 marks the duties of existing cases an officer estimated as set by the officer, the others not (LD art. 118 para. 1, 4)", async () => {
    const kase = (id: string, estimated: number) =>
      ds.dataSource.query(
        "INSERT INTO offence_case (id, case_number, offence_type, attempt, status, facts, duties_at_stake, duties_estimated, aggravating_circumstances, concurrent_offences, opened_at, opened_by) VALUES (?, ?, 'CUSTOMS_EVASION', 0, 'UNDER_INVESTIGATION', 'f', 40000, ?, '[]', '[]', '2026-03-01 08:00:00.000', 'o')",
        [id, `ENF-2026-${id.slice(0, 8).toUpperCase()}`, estimated],
      );
    await undoThrough(ds, "EnforcementDutiesSetByOfficer1766000001500");
    await kase("c1000000-0000-4000-8000-000000000001", 1);
    await kase("c2000000-0000-4000-8000-000000000002", 0);
    await ds.dataSource.runMigrations({ transaction: "each" });
    const rows = (await ds.dataSource.query("SELECT id, duties_set_by_officer AS s FROM offence_case ORDER BY id")) as { id: string; s: number | string | boolean }[];
    expect(rows.map(r => [r.id, Number(r.s)])).toEqual([
      ["c1000000-0000-4000-8000-000000000001", 1],
      ["c2000000-0000-4000-8000-000000000002", 0],
    ]);
    expect(await driftOf(ds)).toEqual([]);
    await ds.dataSource.query("DELETE FROM offence_case");
  });

  it("undoes every migration down to only the `migrations` table, and migrates up again without drift", async () => {
    for (let i = 0; i < names.length; i++) await ds.dataSource.undoLastMigration({ transaction: "each" });
    expect(await tablesOf(ds)).toEqual(["migrations"]);
    const again = await ds.dataSource.runMigrations({ transaction: "each" });
    expect(again.map(m => m.name)).toEqual(names);
    expect(await driftOf(ds)).toEqual([]);
  });
});
