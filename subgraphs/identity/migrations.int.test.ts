import { KIT_ENTITIES, openDataSource, SubgraphDataSource } from "../kit";
import { driftOf, migrationEngines, tablesOf, undoThrough } from "../../test/support/migrations";
import { AeoStatus } from "./entities/aeo-status.entity";
import { CustomsSystemAuthorisation } from "./entities/authorisation.entity";
import { PartnerRole } from "./entities/partner-role.entity";
import { definition } from "./identity.subgraph";
import { partnerRowsAsOf } from "./services/as-of";
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
  // The kit's kept history (issue 15, kit/history.ts) has no entity: its versions, and on SQLite the clock row for the triggers.
  const historyTables = () => (engine === "sqlite" ? ["entity_history", "kit_clock"] : ["entity_history"]);
  const triggers = async () =>
    ((await ds.dataSource.query(
      engine === "mysql" ? "SELECT trigger_name AS name FROM information_schema.triggers WHERE trigger_schema = DATABASE()" : "SELECT name FROM sqlite_master WHERE type = 'trigger'",
    )) as Record<string, string>[])
      .map(r => r.name ?? r.NAME ?? r.TRIGGER_NAME)
      .sort();

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

  it("runs every migration from an empty database and creates one table per entity plus `migrations` and the kept history's", async () => {
    const applied = (await ds.dataSource.query("SELECT name FROM migrations ORDER BY id")) as { name: string }[];
    expect(applied.map(r => r.name)).toEqual((definition.migrations as { name: string }[]).map(m => m.name));
    expect(await ds.dataSource.showMigrations()).toBe(false);
    expect(await tables(ds)).toEqual([...entityTables(), ...historyTables(), "migrations"].sort());
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

    expect(await triggers()).toEqual([]);

    const again = await ds.dataSource.runMigrations({ transaction: "each" });
    expect(again.map(m => m.name)).toEqual((definition.migrations as { name: string }[]).map(m => m.name));
    expect(await tables(ds)).toEqual([...entityTables(), ...historyTables(), "migrations"].sort());
    const statements = await drift(ds);
    if (statements.length) throw new Error(`Schema drift on ${engine} after down and up: TypeORM would still run\n${statements.join(";\n")}`);
  });

  it("issue 15 (ID-R14 to ID-R16, ePortal step 4; OD-AFD art. 8-9; ID-R36): keeps the history of roles, authorisations and AEO requests: rows already there are recorded once at their creation, later writes by triggers, and down removes the triggers and their versions so that up again starts afresh", async () => {
    await undoThrough(ds, "IdentityHistory1765900000100");
    expect(await triggers()).toEqual([]);
    // Rows from before the history began.
    await ds.dataSource.query(
      "INSERT INTO partner_role (id, partner_id, role_type, status, requested_by_id, requested_at, released_at, decision_note, decided_by, ended_at, contact_Name, contact_Email, contact_Phone) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?, ?, NULL)",
      ["r-hist", "p-hist", "FREIGHT", "ACTIVE", "u-hist", "2026-01-05 08:00:00.000", "2026-01-05 08:00:00.000", "FOCBS (automatic release)", "Anna Muster", "anna@example.ch"],
    );
    await ds.dataSource.query(
      "INSERT INTO customs_system_authorisation (id, partner_id, systems, scope, transit_only, status, written_application_reference, applied_at, it_equipment_confirmed, proper_conduct_guaranteed, data_access_granted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ["a-hist", "p-hist", JSON.stringify(["EDEC", "NCTS"]), "DOMESTIC", 0, "APPLIED", "W-1", "2026-01-06 09:00:00.000", 1, 1, 0],
    );
    await ds.dataSource.query("INSERT INTO aeo_status (id, partner_id, status, requested_at, granted_at, criteria, refusal_reason) VALUES (?, ?, ?, ?, ?, ?, NULL)", [
      "e-hist",
      "p-hist",
      "GRANTED",
      "2026-01-07 10:00:00.000",
      "2026-01-20 10:00:00.000",
      JSON.stringify({ complianceRecord: true, recordsManagement: true, solvency: true, safetyAndSecurity: true }),
    ]);
    const versions = async () =>
      ((await ds.dataSource.query("SELECT entity_type AS t, COUNT(*) AS n FROM entity_history WHERE parent_id = 'p-hist' GROUP BY entity_type ORDER BY entity_type")) as { t: string; n: number | string }[]).map(r => [r.t, Number(r.n)]);
    const asOf = async (instant: string) => {
      const at = new Date(instant);
      const manager = ds.dataSource.manager;
      return { roles: (await partnerRowsAsOf(manager, PartnerRole, ["p-hist"], at))[0], authorisations: (await partnerRowsAsOf(manager, CustomsSystemAuthorisation, ["p-hist"], at))[0], aeo: (await partnerRowsAsOf(manager, AeoStatus, ["p-hist"], at))[0] };
    };
    try {
      await ds.dataSource.runMigrations({ transaction: "each" });
      expect(await triggers()).toEqual(
        ["aeo_status", "customs_system_authorisation", "partner_role"].flatMap(t => ["del", "ins", "upd"].map(op => `hist_${t}_${op}`)),
      );
      expect(await versions()).toEqual([["aeo_status", 1], ["customs_system_authorisation", 1], ["partner_role", 1]]);
      // Each row from its creation on, as it was when the history began; nothing before.
      expect(await asOf("2026-01-05T07:59:59.999Z")).toEqual({ roles: [], authorisations: [], aeo: [] });
      const then = await asOf("2026-01-08T00:00:00Z");
      expect(then.roles.map(r => [r.id, r.status, r.requestedAt, r.contactPerson?.name, r.contactPerson?.email, r.endedAt])).toEqual([
        ["r-hist", "ACTIVE", new Date("2026-01-05T08:00:00Z"), "Anna Muster", "anna@example.ch", null],
      ]);
      expect(then.roles[0]).toBeInstanceOf(PartnerRole);
      // A simple-json column comes back as its value, booleans as booleans, on both engines.
      expect(then.authorisations.map(a => [a.systems, a.transitOnly, a.itEquipmentConfirmed, a.appliedAt])).toEqual([[["EDEC", "NCTS"], false, true, new Date("2026-01-06T09:00:00Z")]]);
      expect(then.aeo.map(e => [e.status, e.criteria])).toEqual([["GRANTED", { complianceRecord: true, recordsManagement: true, solvency: true, safetyAndSecurity: true }]]);

      // A write afterwards, by any path, leaves a version (stamped with the database's time: no clock here).
      await ds.dataSource.query("UPDATE partner_role SET status = 'REMOVED', ended_at = '2026-02-01 00:00:00.000' WHERE id = 'r-hist'");
      expect(await versions()).toEqual([["aeo_status", 1], ["customs_system_authorisation", 1], ["partner_role", 2]]);

      // Down: no trigger, no version of these tables; a write then leaves none.
      await undoThrough(ds, "IdentityHistory1765900000100");
      expect(await triggers()).toEqual([]);
      expect(await versions()).toEqual([]);
      await ds.dataSource.query("UPDATE partner_role SET decision_note = 'while no history was kept' WHERE id = 'r-hist'");
      expect(await versions()).toEqual([]);
      // Up again: one version per row, which no earlier version hides or is hidden by.
      await ds.dataSource.runMigrations({ transaction: "each" });
      expect(await versions()).toEqual([["aeo_status", 1], ["customs_system_authorisation", 1], ["partner_role", 1]]);
      expect((await asOf("2026-01-08T00:00:00Z")).roles.map(r => [r.status, r.decisionNote])).toEqual([["REMOVED", "while no history was kept"]]);
      expect(await drift(ds)).toEqual([]);
    } finally {
      await ds.dataSource.query("DELETE FROM partner_role WHERE id = 'r-hist'");
      await ds.dataSource.query("DELETE FROM customs_system_authorisation WHERE id = 'a-hist'");
      await ds.dataSource.query("DELETE FROM aeo_status WHERE id = 'e-hist'");
      await ds.dataSource.query("DELETE FROM entity_history WHERE parent_id = 'p-hist'");
    }
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

  it("makes an e-mail address one account's, and stops with the shared addresses named rather than choose an owner (ID-R17, ePortal step 4; DESIGN CHOICE)", async () => {
    await undoThrough(ds, "PortalUserEmailUnique1766000000100");
    const insert = (id: string, subject: string, email: string) =>
      ds.dataSource.query("INSERT INTO portal_user (id, ch_login_subject, email, second_factor, email_notifications_enabled, created_at, failed_code_attempts) VALUES (?, ?, ?, 'MTAN', 1, '2026-03-02 08:00:00.000', 0)", [id, subject, email]);
    await insert("00000000-0000-4000-8000-0000000000e1", "chlogin|shared-1", "shared@example.ch");
    await insert("00000000-0000-4000-8000-0000000000e2", "chlogin|shared-2", "shared@example.ch");
    await expect(ds.dataSource.runMigrations({ transaction: "each" })).rejects.toThrow("1 e-mail address(es) belong to several ePortal accounts; settle which account keeps each before migrating: shared@example.ch (2)");
    await ds.dataSource.query("UPDATE portal_user SET email = 'owner@example.ch' WHERE id = '00000000-0000-4000-8000-0000000000e2'");
    await ds.dataSource.runMigrations({ transaction: "each" });
    const runner = ds.dataSource.createQueryRunner();
    try {
      const table = (await runner.getTable("portal_user"))!;
      expect(table.indices.filter(i => i.columnNames.includes("email")).map(i => [i.name, Boolean(i.isUnique)])).toEqual([["UQ_portal_user_email", true]]);
    } finally {
      await runner.release();
    }
    await expect(insert("00000000-0000-4000-8000-0000000000e3", "chlogin|shared-3", "owner@example.ch")).rejects.toThrow();
    await ds.dataSource.query("DELETE FROM portal_user WHERE id IN ('00000000-0000-4000-8000-0000000000e1', '00000000-0000-4000-8000-0000000000e2')");
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
