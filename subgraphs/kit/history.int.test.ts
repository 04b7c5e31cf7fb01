import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Column, Entity, MigrationInterface, PrimaryColumn, QueryRunner, Table } from "typeorm";
import { dropDatabase, freshDatabase } from "../../test/support/mysql";
import { FixedClock } from "./clock";
import { openDataSource, SubgraphDataSource } from "./datasource";
import { createHistoryTriggers, dropHistoryTriggers, HistorySpec, KitEntityHistory1765900000000, versionsAsOf, versionsOf } from "./history";
import { rappenColumn } from "./money";
import { configureTransactions, transaction } from "./transaction";

/**
 * Kept history (issue 15) on MariaDB and SQLite: every write path leaves a version stamped with
 * the subgraph's clock, and the state as of an instant between two changes is the earlier one.
 */

@Entity("kit_bond")
class Bond {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: "varchar", length: 36, name: "holder_id" })
  holderId: string;

  @Column({ type: "bigint", name: "max_rappen", transformer: rappenColumn })
  maxAmount: number;

  @Column({ type: "varchar", length: 20 })
  status: string;

  @Column({ type: "boolean" })
  general: boolean;

  @Column({ type: "datetime", precision: 3, name: "created_at" })
  createdAt: Date;

  @Column({ type: "datetime", precision: 3, name: "ended_at", nullable: true })
  endedAt: Date | null;
}

const SPEC: HistorySpec = { table: "kit_bond", parentColumn: "holder_id", columns: ["id", "holder_id", "max_rappen", "status", "general", "created_at", "ended_at"], backfillTimeColumn: "created_at" };

class KitHistoryTestTables1766000000000 implements MigrationInterface {
  name = "KitHistoryTestTables1766000000000";
  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "kit_bond",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "holder_id", type: "varchar", length: "36" },
          { name: "max_rappen", type: "bigint" },
          { name: "status", type: "varchar", length: "20" },
          { name: "general", type: "boolean" },
          { name: "created_at", type: "datetime", precision: 3 },
          { name: "ended_at", type: "datetime", precision: 3, isNullable: true },
        ],
      }),
    );
    // A row from before the history began: the triggers' migration records it at its creation.
    await q.query("INSERT INTO kit_bond (id, holder_id, max_rappen, status, general, created_at, ended_at) VALUES ('b0', 'p1', 100000, 'ACTIVE', 1, '2026-01-05 08:00:00.000', NULL)");
  }
  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("kit_bond");
  }
}

class KitHistoryTestTriggers1766000000001 implements MigrationInterface {
  name = "KitHistoryTestTriggers1766000000001";
  async up(q: QueryRunner): Promise<void> {
    await createHistoryTriggers(q, SPEC);
  }
  async down(q: QueryRunner): Promise<void> {
    await dropHistoryTriggers(q, SPEC);
  }
}

function suite(engine: string, env: () => Promise<NodeJS.ProcessEnv>, cleanup: () => Promise<void>) {
  describe(`on ${engine}`, () => {
    let db: SubgraphDataSource;
    const clock = new FixedClock("2026-03-01T09:00:00Z");

    beforeAll(async () => {
      db = await openDataSource({ name: "kithist", entities: [Bond], migrations: [KitHistoryTestTables1766000000000, KitEntityHistory1765900000000, KitHistoryTestTriggers1766000000001], env: await env() });
      configureTransactions(db.dataSource, { historyClock: clock });
    });
    afterAll(async () => {
      await db?.dataSource.destroy();
      await cleanup();
    });

    it("keeps every version of a row, stamped with the subgraph's clock, whatever the write path (save, update by criteria, delete by criteria)", async () => {
      clock.set("2026-03-01T09:00:00Z");
      await transaction(db.dataSource, m => m.save(m.create(Bond, { id: "b1", holderId: "p1", maxAmount: 500000, status: "ACTIVE", general: true, createdAt: clock.now(), endedAt: null })));
      clock.set("2026-04-10T12:30:00.250Z");
      await transaction(db.dataSource, m => m.update(Bond, { holderId: "p1", id: "b1" }, { maxAmount: 800000 }));
      clock.set("2026-05-20T07:00:00Z");
      await transaction(db.dataSource, m => m.update(Bond, { id: "b1" }, { status: "CANCELLED", endedAt: clock.now() }));
      clock.set("2026-06-01T00:00:00Z");
      await transaction(db.dataSource, m => m.delete(Bond, { id: "b0" }));

      const at = async (instant: string) => (await versionsAsOf(db.dataSource.manager, Bond, { parentIds: ["p1"] }, new Date(instant))).sort((a, b) => a.id.localeCompare(b.id));
      // Before anything: only the row that existed before the history began, from its creation.
      expect(await at("2026-01-04T23:59:59Z")).toEqual([]);
      expect((await at("2026-02-01T00:00:00Z")).map(b => b.id)).toEqual(["b0"]);
      // Between two changes, the earlier state; at the change's instant, the change.
      const between = await at("2026-04-10T12:30:00.249Z");
      expect(between.map(b => [b.id, b.maxAmount, b.status])).toEqual([
        ["b0", 100000, "ACTIVE"],
        ["b1", 500000, "ACTIVE"],
      ]);
      expect(between[1]).toBeInstanceOf(Bond);
      expect(between[1].general).toBe(true);
      expect(between[1].createdAt).toEqual(new Date("2026-03-01T09:00:00Z"));
      expect(between[1].endedAt).toBeNull();
      expect((await at("2026-04-10T12:30:00.250Z")).find(b => b.id === "b1")?.maxAmount).toBe(800000);
      const cancelled = (await at("2026-05-31T00:00:00Z")).find(b => b.id === "b1");
      expect([cancelled?.status, cancelled?.endedAt]).toEqual(["CANCELLED", new Date("2026-05-20T07:00:00Z")]);
      // A removed row is gone from then on, and still there the moment before.
      expect((await at("2026-06-01T00:00:00Z")).map(b => b.id)).toEqual(["b1"]);
      expect((await at("2026-05-31T23:59:59.999Z")).map(b => b.id)).toEqual(["b0", "b1"]);
      // By id as well as by parent, one statement for many.
      const byId = await versionsAsOf(db.dataSource.manager, Bond, { ids: ["b1", "b0", "nope"] }, new Date("2026-04-01T00:00:00Z"));
      expect(byId.map(b => b.id).sort()).toEqual(["b0", "b1"]);
      // The whole history of each row, oldest first, with when each version was recorded.
      const all = await versionsOf(db.dataSource.manager, Bond, ["b1", "b0"]);
      expect(all.get("b1")?.map(v => [v.recordedAt.toISOString(), v.removed, v.row.maxAmount, v.row.status])).toEqual([
        ["2026-03-01T09:00:00.000Z", false, 500000, "ACTIVE"],
        ["2026-04-10T12:30:00.250Z", false, 800000, "ACTIVE"],
        ["2026-05-20T07:00:00.000Z", false, 800000, "CANCELLED"],
      ]);
      expect(all.get("b0")?.map(v => [v.recordedAt.toISOString(), v.removed])).toEqual([
        ["2026-01-05T08:00:00.000Z", false],
        ["2026-06-01T00:00:00.000Z", true],
      ]);
    });

    it("takes the stamp back when a transaction ends: a write outside one carries the database's time, not a stale clock", async () => {
      clock.set("2026-08-01T00:00:00Z");
      await transaction(db.dataSource, m => m.update(Bond, { id: "b1" }, { status: "TERMINATED" }));
      const before = Date.now();
      await db.dataSource.query("UPDATE kit_bond SET status = 'REVIEWED' WHERE id = 'b1'");
      const last = (await versionsOf(db.dataSource.manager, Bond, ["b1"])).get("b1")!.at(-1)!;
      expect(last.row.status).toBe("REVIEWED");
      expect(last.recordedAt.getTime()).toBeGreaterThanOrEqual(before - 2000);
      await db.dataSource.query("UPDATE kit_bond SET status = 'CANCELLED' WHERE id = 'b1'");
    });

    it("undoing the triggers forgets the versions, and installing them again begins the history afresh, one version per row at its creation", async () => {
      const runner = db.dataSource.createQueryRunner();
      try {
        await dropHistoryTriggers(runner, SPEC);
        expect((await versionsOf(db.dataSource.manager, Bond, ["b1"])).get("b1")).toBeUndefined();
        await transaction(db.dataSource, m => m.update(Bond, { id: "b1" }, { status: "UNRECORDED" }));
        expect((await versionsOf(db.dataSource.manager, Bond, ["b1"])).get("b1")).toBeUndefined();
        await createHistoryTriggers(runner, SPEC);
      } finally {
        await runner.release();
      }
      const again = (await versionsOf(db.dataSource.manager, Bond, ["b1"])).get("b1")!;
      expect(again.map(v => [v.recordedAt.toISOString(), v.row.status])).toEqual([["2026-03-01T09:00:00.000Z", "UNRECORDED"]]);
      await transaction(db.dataSource, m => m.update(Bond, { id: "b1" }, { status: "CANCELLED" }));
    });

    it("keeps nothing of a transaction that rolled back", async () => {
      clock.set("2026-07-01T00:00:00Z");
      await expect(
        transaction(db.dataSource, async m => {
          await m.update(Bond, { id: "b1" }, { status: "ACTIVE" });
          throw new Error("refused");
        }),
      ).rejects.toThrow("refused");
      const versions = (await versionsOf(db.dataSource.manager, Bond, ["b1"])).get("b1")!;
      expect(versions.at(-1)!.row.status).toBe("CANCELLED");
      expect(versions.some(v => v.recordedAt.getTime() === new Date("2026-07-01T00:00:00Z").getTime())).toBe(false);
    });
  });
}

const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-history-"));
suite(
  "SQLite",
  async () => ({ DATA_DIR: sqliteDir }),
  async () => fs.rmSync(sqliteDir, { recursive: true, force: true }),
);
suite(
  "MariaDB",
  async () => ({ KITHIST_DATABASE_URL: await freshDatabase("customs_test_kit_history") }),
  () => dropDatabase("customs_test_kit_history"),
);
