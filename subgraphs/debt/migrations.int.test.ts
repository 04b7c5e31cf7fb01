import { KIT_ENTITIES, openDataSource, SubgraphDataSource, versionsAsOf } from "../kit";
import { driftOf, migrationEngines, tablesOf, undoAfter, undoThrough } from "../../test/support/migrations";
import { definition } from "./debt.subgraph";
import { CustomsDebt, DebtorLiability, InterestRate } from "./entities/debt.entity";
import { Security, SecurityReservation } from "./entities/security.entity";

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
  // The kit's history (issue 15): its versions' table, and on SQLite the row the clock is stamped in.
  const historyTables = engine === "sqlite" ? ["entity_history", "kit_clock"] : ["entity_history"];

  beforeAll(async () => {
    ds = await openDataSource({ name: "debt", entities: [...KIT_ENTITIES, ...(definition.entities as unknown[])] as never, migrations: definition.migrations, env: await env() });
    expect(ds.engine).toBe(engine);
  });

  afterAll(async () => {
    try {
      if (ds?.dataSource.isInitialized) await ds.dataSource.destroy();
    } finally {
      await cleanup?.();
    }
  });

  it("runs every migration from an empty database and creates one table per entity plus `migrations` and the kit's history", async () => {
    const applied = (await ds.dataSource.query("SELECT name FROM migrations ORDER BY id")) as { name: string }[];
    expect(applied.map(r => r.name)).toEqual(names);
    expect(names).toEqual([
      "KitEventTables1763800000000",
      "DebtSchema1763800000400",
      "DebtReferenceData1763800000500",
      "KitIdempotencyKeys1764500000000",
      "DebtLawAlignment1764600000400",
      "DebtProcedureEvents1765000000400",
      "DebtEnforcementEvents1765300000400",
      "KitEventTraceContext1765700000000",
      "KitDeadLetters1765800000000",
      "KitEntityHistory1765900000000",
      "DebtHistory1765900000400",
      "DebtAmendedDecisionsAndCollectionPeriods1766100000400",
    ]);
    expect(await ds.dataSource.showMigrations()).toBe(false);
    expect(await tablesOf(ds)).toEqual([...entityTables(), ...historyTables, "migrations"].sort());
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
    // DebtEnforcementEvents and the kit's later migrations come after: they are undone first, and done again at the end.
    await undoThrough(ds, "DebtProcedureEvents1765000000400");
    await insert("a0000000-0000-4000-8000-000000000001", declarationKey);
    await ds.dataSource.runMigrations({ transaction: "each" });
    expect(await keys()).toEqual([declarationKey]);
    await insert("a0000000-0000-4000-8000-000000000002", caseKey);
    await expect(insert("a0000000-0000-4000-8000-000000000003", caseKey)).rejects.toThrow();
    expect(await keys()).toEqual([declarationKey, caseKey]);
    await undoAfter(ds, "DebtProcedureEvents1765000000400");
    await expect(ds.dataSource.undoLastMigration({ transaction: "each" })).rejects.toThrow("Debts keyed by a procedure case (origin key over 36 characters: 1) cannot be rolled back");
    await ds.dataSource.runMigrations({ transaction: "each" });
    expect(await ds.dataSource.showMigrations()).toBe(false);
    expect(await driftOf(ds)).toEqual([]);
    await ds.dataSource.query("DELETE FROM customs_debt");
  });

  it("widens a debtor's basis to fit an undertaking ordered to pay a fine and a pledge's description to fit enforcement's, keeping every row and the keys' uniqueness, gives pledges a unique origin key, and refuses to narrow either back over a longer value (LD art. 83 para. 3, 125)", async () => {
    const liability = (id: string, debtId: string, basis: string) =>
      ds.dataSource.query("INSERT INTO debtor_liability (id, debt_id, partner_id, basis, joint_and_several) VALUES (?, ?, ?, ?, 1)", [id, debtId, "b0000000-0000-4000-8000-00000000000b", basis]);
    const bases = async () => ((await ds.dataSource.query("SELECT basis AS b FROM debtor_liability ORDER BY basis")) as { b: string }[]).map(r => r.b);
    const pledge = (id: string, originKey?: string | null, description = "Watches") =>
      originKey === undefined
        ? ds.dataSource.query("INSERT INTO customs_pledge (id, object_kind, description, secured_debt_ids, arisen_at, perishable, is_securities, status) VALUES (?, 'DUTIABLE_GOODS', ?, '[]', '2026-03-02 08:00:00.000', 0, 0, 'SEQUESTERED')", [id, description])
        : ds.dataSource.query("INSERT INTO customs_pledge (id, object_kind, description, secured_debt_ids, arisen_at, perishable, is_securities, status, origin_key, seizure_id) VALUES (?, 'DUTIABLE_GOODS', ?, '[]', '2026-03-02 08:00:00.000', 0, 0, 'SEQUESTERED', ?, NULL)", [id, description, originKey]);
    const descriptions = async () => ((await ds.dataSource.query("SELECT description AS d FROM customs_pledge ORDER BY id")) as { d: string }[]).map(r => r.d.length);
    const seizureKey = "seizure:0b5c7c43-5f7e-4c1e-9d55-3f1f1a2b9c01";
    await undoThrough(ds, "DebtEnforcementEvents1765300000400");
    await liability("c0000000-0000-4000-8000-000000000001", "d0000000-0000-4000-8000-000000000001", "DECLARANT_OR_AGENT");
    await pledge("e0000000-0000-4000-8000-000000000001");
    await ds.dataSource.runMigrations({ transaction: "each" });
    expect(await bases()).toEqual(["DECLARANT_OR_AGENT"]);
    // The pair (debt, partner) stays unique after SQLite's rebuild of the table.
    await expect(liability("c0000000-0000-4000-8000-000000000002", "d0000000-0000-4000-8000-000000000001", "PRINCIPAL")).rejects.toThrow();
    await liability("c0000000-0000-4000-8000-000000000003", "d0000000-0000-4000-8000-000000000002", "UNDERTAKING_ORDERED_TO_PAY");
    expect(await bases()).toEqual(["DECLARANT_OR_AGENT", "UNDERTAKING_ORDERED_TO_PAY"]);
    // The office's pledges have no origin key, as many as there are; a seizure's pledge one, once.
    await pledge("e0000000-0000-4000-8000-000000000002", null);
    await pledge("e0000000-0000-4000-8000-000000000003", seizureKey);
    await expect(pledge("e0000000-0000-4000-8000-000000000004", seizureKey)).rejects.toThrow();
    expect(((await ds.dataSource.query("SELECT origin_key AS k FROM customs_pledge ORDER BY id")) as { k: string | null }[]).map(r => r.k)).toEqual([null, null, seizureKey]);
    // Enforcement describes the objects it seizes in up to 1,000 characters.
    await pledge("e0000000-0000-4000-8000-000000000005", null, "x".repeat(1000));
    expect(await descriptions()).toEqual([7, 7, 7, 1000]);
    await undoAfter(ds, "DebtEnforcementEvents1765300000400");
    await expect(ds.dataSource.undoLastMigration({ transaction: "each" })).rejects.toThrow("Undertakings ordered to pay a fine (debtor basis over 24 characters: 1) cannot be rolled back");
    await ds.dataSource.query("DELETE FROM debtor_liability WHERE basis = 'UNDERTAKING_ORDERED_TO_PAY'");
    await expect(ds.dataSource.undoLastMigration({ transaction: "each" })).rejects.toThrow("Pledges described in more than 500 characters (1) cannot be rolled back");
    // The refused rollbacks left DebtEnforcementEvents applied: only the kit's later migrations are pending.
    expect((await ds.dataSource.runMigrations({ transaction: "each" })).map(m => m.name)).not.toContain("DebtEnforcementEvents1765300000400");
    expect(await driftOf(ds)).toEqual([]);
    expect(await bases()).toEqual(["DECLARANT_OR_AGENT"]);
    expect(await descriptions()).toEqual([7, 7, 7, 1000]);
    // Without the longer values the rollback goes through, and the migration runs again.
    await ds.dataSource.query("DELETE FROM customs_pledge WHERE id = 'e0000000-0000-4000-8000-000000000005'");
    await undoThrough(ds, "DebtEnforcementEvents1765300000400");
    expect(await bases()).toEqual(["DECLARANT_OR_AGENT"]);
    expect(await descriptions()).toEqual([7, 7, 7]);
    await expect(ds.dataSource.query("SELECT origin_key FROM customs_pledge")).rejects.toThrow();
    await ds.dataSource.runMigrations({ transaction: "each" });
    expect(await driftOf(ds)).toEqual([]);
    await ds.dataSource.query("DELETE FROM debtor_liability");
    await ds.dataSource.query("DELETE FROM customs_pledge");
  });

  it("keeps the history of debts, debtors, securities and reservations (issue 15): the rows already there from their creation (a debtor from its debt's), every later change and removal, nothing once undone, and begins again when done again", async () => {
    const debtId = "d1000000-0000-4000-8000-000000000001";
    const liabilityId = "a1000000-0000-4000-8000-000000000001";
    const securityId = "51000000-0000-4000-8000-000000000001";
    const reservationId = "e1000000-0000-4000-8000-000000000001";
    const partnerId = "b0000000-0000-4000-8000-00000000000b";
    const m = ds.dataSource.manager;
    const versions = async () => Number(((await ds.dataSource.query("SELECT COUNT(*) AS n FROM entity_history")) as { n: string | number }[])[0].n);
    const at = (instant: string) => new Date(instant);
    // Rows from before the history began.
    await undoThrough(ds, "DebtHistory1765900000400");
    await ds.dataSource.query(
      "INSERT INTO customs_debt (id, declaration_id, birth_trigger, arisen_at, conditional, amount_rappen, principal_paid_rappen, interest_paid_rappen, due_at, status, suspensions, interruptions, created_at) VALUES (?, 'omitted:H-1', 'OMITTED_DECLARATION_DISCOVERY', ?, 0, 120000, 0, 0, ?, 'DUE', '[]', '[]', ?)",
      [debtId, "2026-03-02 08:00:00.000", "2026-03-02 08:00:00.000", "2026-03-02 08:00:00.000"],
    );
    await ds.dataSource.query("INSERT INTO debtor_liability (id, debt_id, partner_id, basis, joint_and_several) VALUES (?, ?, ?, 'CONVEYOR', 1)", [liabilityId, debtId, partnerId]);
    await ds.dataSource.query(
      "INSERT INTO security (id, debtor_id, surety_id, kind, max_rappen, established_on, status, created_at) VALUES (?, ?, 'c0000000-0000-4000-8000-00000000000c', 'GENERAL_BOND', 500000, '2026-03-03', 'ACTIVE', ?)",
      [securityId, partnerId, "2026-03-03 08:00:00.000"],
    );
    await ds.dataSource.query("INSERT INTO security_reservation (id, security_id, debt_id, amount_rappen, reserved_at) VALUES (?, ?, ?, 120000, ?)", [reservationId, securityId, debtId, "2026-03-04 08:00:00.000"]);
    await ds.dataSource.runMigrations({ transaction: "each" });
    expect(await versions()).toBe(4);
    expect(await versionsAsOf(m, DebtorLiability, { parentIds: [partnerId] }, at("2026-03-02T07:59:59.999Z"))).toEqual([]);
    expect((await versionsAsOf(m, DebtorLiability, { parentIds: [partnerId] }, at("2026-03-02T08:00:00Z"))).map(l => [l.debtId, l.jointAndSeveral])).toEqual([[debtId, true]]);
    const [debt] = await versionsAsOf(m, CustomsDebt, { ids: [debtId] }, at("2026-03-02T08:00:00Z"));
    expect([debt.amount, debt.status, debt.conditional, debt.arisenAt]).toEqual([120000, "DUE", false, at("2026-03-02T08:00:00Z")]);
    expect(await versionsAsOf(m, Security, { parentIds: [partnerId] }, at("2026-03-03T07:59:59.999Z"))).toEqual([]);
    expect((await versionsAsOf(m, Security, { parentIds: [partnerId] }, at("2026-03-03T08:00:00Z"))).map(s => [s.id, s.maxAmount, s.status])).toEqual([[securityId, 500000, "ACTIVE"]]);
    expect((await versionsAsOf(m, SecurityReservation, { parentIds: [securityId] }, at("2026-03-04T08:00:00Z"))).map(r => [r.debtId, r.amount])).toEqual([[debtId, 120000]]);
    // Written after the migration, whatever the path (here plain SQL, stamped with the database's time): kept.
    await ds.dataSource.query("UPDATE security SET status = 'CANCELLED_BY_ADMINISTRATION' WHERE id = ?", [securityId]);
    await ds.dataSource.query("DELETE FROM security_reservation WHERE id = ?", [reservationId]);
    expect(await versions()).toBe(6);
    expect((await versionsAsOf(m, Security, { ids: [securityId] }, at("2100-01-01T00:00:00Z"))).map(s => s.status)).toEqual(["CANCELLED_BY_ADMINISTRATION"]);
    expect(await versionsAsOf(m, SecurityReservation, { parentIds: [securityId] }, at("2100-01-01T00:00:00Z"))).toEqual([]);
    expect(await versionsAsOf(m, SecurityReservation, { parentIds: [securityId] }, at("2026-03-05T00:00:00Z"))).toHaveLength(1);
    // Undone: the triggers and the versions are gone, and a write leaves none.
    await undoAfter(ds, "KitEntityHistory1765900000000");
    expect(await versions()).toBe(0);
    await ds.dataSource.query("UPDATE customs_debt SET status = 'PAID' WHERE id = ?", [debtId]);
    await ds.dataSource.query("DELETE FROM debtor_liability WHERE id = ?", [liabilityId]);
    expect(await versions()).toBe(0);
    // Done again: the history begins again from the rows as they are, at their creation.
    await ds.dataSource.runMigrations({ transaction: "each" });
    expect(await versions()).toBe(2);
    expect((await versionsAsOf(m, CustomsDebt, { ids: [debtId] }, at("2026-03-02T08:00:00Z"))).map(d => d.status)).toEqual(["PAID"]);
    expect(await driftOf(ds)).toEqual([]);
    await ds.dataSource.query("DELETE FROM security");
    await ds.dataSource.query("DELETE FROM customs_debt");
    await ds.dataSource.query("DELETE FROM entity_history");
  });

  it("undoes every migration down to only the `migrations` table, and migrates up again without drift", async () => {
    // The superseded decisions and the collections' periods, the kit's later migrations, the
    // enforcement events' columns, the procedure events' columns, the issue-8 tables and the kit's idempotency keys go first, then the reference data alone:
    // the tables stay, the rate is gone.
    const later = ["idempotency_key", "surety_receipt", "dead_letter", "superseded_taxation_decision"];
    await undoThrough(ds, "KitIdempotencyKeys1764500000000");
    expect(await tablesOf(ds)).toEqual([...entityTables().filter(t => !later.includes(t)), "migrations"].sort());
    await ds.dataSource.undoLastMigration({ transaction: "each" });
    expect(await tablesOf(ds)).toEqual([...entityTables().filter(t => !later.includes(t)), "migrations"].sort());
    expect(await interestRates(ds)).toEqual([]);
    await undoThrough(ds, "KitEventTables1763800000000");
    expect(await tablesOf(ds)).toEqual(["migrations"]);
    expect(await ds.dataSource.query("SELECT name FROM migrations")).toEqual([]);

    const again = await ds.dataSource.runMigrations({ transaction: "each" });
    expect(again.map(m => m.name)).toEqual(names);
    expect(await tablesOf(ds)).toEqual([...entityTables(), ...historyTables, "migrations"].sort());
    expect(await interestRates(ds)).toEqual(RATES);
    const statements = await driftOf(ds);
    if (statements.length) throw new Error(`Schema drift on ${engine} after down and up: TypeORM would still run\n${statements.join(";\n")}`);
  });
});
