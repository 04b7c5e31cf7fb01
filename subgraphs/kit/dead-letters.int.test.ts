import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Column, Entity, MigrationInterface, PrimaryColumn, QueryRunner, Table } from "typeorm";
import { dropDatabase, freshDatabase } from "../../test/support/mysql";
import { FixedClock } from "./clock";
import { openDataSource, SubgraphDataSource } from "./datasource";
import { DeadLetters, DeadLetterStatus } from "./dead-letters";
import { DomainError } from "./errors";
import { DeadLetterRecord, EVENT_ENTITIES, EventEnvelope, OutboxDelivery } from "./events";
import { KitDeadLetters1765800000000, KitEventTables1763800000000, KitEventTraceContext1765700000000 } from "./migrations";
import type { Principal } from "./principal";

/**
 * The kit's dead letters (issue 14) on both engines: who may touch them, replaying an incoming
 * one applies it once or says why not and keeps it parked, discarding drops an outgoing delivery,
 * and a resolved one is never resolved again.
 */
@Entity("kit_effect")
class Effect {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: "varchar", length: 36, name: "event_id" })
  eventId: string;
}

class KitEffectTable1700000000002 implements MigrationInterface {
  name = "KitEffectTable1700000000002";
  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({ name: "kit_effect", columns: [{ name: "id", type: "varchar", length: "36", isPrimary: true }, { name: "event_id", type: "varchar", length: "36" }] }));
  }
  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("kit_effect");
  }
}

const DGD: Principal = { kind: "OFFICER", subject: "officer-dgd", partners: [], officerRoles: ["DGD"] };
const OFFICE: Principal = { kind: "OFFICER", subject: "officer-office", partners: [], officerRoles: ["CUSTOMS_OFFICE"] };
const clock = new FixedClock("2026-03-02T08:00:00Z");

const envelope = (id: string): EventEnvelope => ({ id, type: "Thing", producer: "elsewhere", aggregateId: "a", occurredAt: "2026-03-02T07:00:00.000Z", payload: { n: 1 } });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof DomainError ? error.code : `UNTYPED ${(error as Error).message}`;
  }
}

function suite(label: string, env: () => Promise<NodeJS.ProcessEnv>, done: () => Promise<void>) {
  describe(label, () => {
    let db: SubgraphDataSource;
    let failing = true;
    let kicked = 0;
    let letters: DeadLetters;
    beforeAll(async () => {
      db = await openDataSource({ name: "kitdead", entities: [...EVENT_ENTITIES, Effect], migrations: [KitEventTables1763800000000, KitEventTraceContext1765700000000, KitDeadLetters1765800000000, KitEffectTable1700000000002], env: await env() });
      const handlers = {
        Thing: async (m: import("typeorm").EntityManager, e: EventEnvelope) => {
          if (failing) throw new Error("the effect's table is away");
          await m.insert(Effect, { id: `effect-${e.id}`.slice(0, 36), eventId: e.id });
        },
      };
      letters = new DeadLetters("kitdead", db.dataSource, clock, handlers, () => (kicked += 1));
    });
    afterAll(async () => {
      await db?.dataSource.destroy();
      await done();
    });

    const parked = async () => (await db.dataSource.getRepository(DeadLetterRecord).find({ order: { parkedAt: "ASC" } }));

    it("keeps an incoming event parked once, lists it to officers of the DGD only, and refuses a replay that fails again while keeping it parked", async () => {
      await letters.parkIncoming(envelope("e1"), 12, new Error("boom"));
      await letters.parkIncoming(envelope("e1"), 13, new Error("boom again"));
      const [letter] = await parked();
      expect(letter).toMatchObject({ direction: "INCOMING", eventId: "e1", subscriber: "kitdead", attempts: 12, lastError: "boom", status: "PARKED" });
      expect((await letters.list(DGD, Object.assign({ first: 10 }), DeadLetterStatus.PARKED)).edges.map(e => e.node.eventId)).toEqual(["e1"]);
      expect(await codeOf(letters.list(OFFICE, Object.assign({ first: 10 }), null))).toBe("FORBIDDEN");
      expect(await codeOf(letters.replay(OFFICE, letter.id))).toBe("FORBIDDEN");
      expect(await codeOf(letters.replay(DGD, letter.id))).toBe("DEAD_LETTER_REPLAY_FAILED");
      expect((await parked())[0]).toMatchObject({ status: "PARKED", attempts: 13, lastError: "the effect's table is away" });
      expect(await db.dataSource.getRepository(Effect).count()).toBe(0);
    });

    it("applies a replayed incoming event once, and refuses to replay or discard it again", async () => {
      failing = false;
      const [letter] = await parked();
      expect((await letters.replay(DGD, letter.id)).status).toBe("REPLAYED");
      expect(await db.dataSource.getRepository(Effect).count()).toBe(1);
      expect(await codeOf(letters.replay(DGD, letter.id))).toBe("DEAD_LETTER_ALREADY_RESOLVED");
      expect(await codeOf(letters.discard(DGD, letter.id))).toBe("DEAD_LETTER_ALREADY_RESOLVED");
      expect(await codeOf(letters.replay(DGD, "00000000-0000-4000-8000-000000000000"))).toBe("NOT_FOUND");
      expect(await db.dataSource.getRepository(Effect).count()).toBe(1);
    });

    it("discards an outgoing dead letter with its DEAD delivery, which then never goes out, and sends nothing", async () => {
      await db.dataSource.getRepository(OutboxDelivery).insert({ eventId: "e2", subscriber: "far", eventSeq: 1, status: "DEAD", attempts: 12, nextAttemptAt: clock.now(), leaseOwner: null, leaseUntil: null, deliveredAt: null, lastError: "HTTP 500" });
      await db.dataSource.getRepository(DeadLetterRecord).insert({ id: "00000000-0000-4000-8000-0000000000e2", direction: "OUTGOING", eventId: "e2", type: "Thing", producer: "kitdead", subscriber: "far", envelope: envelope("e2") as never, attempts: 12, lastError: "HTTP 500", parkedAt: clock.now(), status: "PARKED", resolvedAt: null, resolvedBy: null });
      const discarded = await letters.discard(DGD, "00000000-0000-4000-8000-0000000000e2");
      expect(discarded).toMatchObject({ status: "DISCARDED", resolvedBy: "officer-dgd" });
      expect((await db.dataSource.getRepository(OutboxDelivery).findOneByOrFail({ eventId: "e2", subscriber: "far" })).status).toBe("DISCARDED");
      expect(kicked).toBe(0);
      expect(await codeOf(letters.replay(DGD, discarded.id))).toBe("DEAD_LETTER_ALREADY_RESOLVED");
    });
  });
}

const mariaName = "customs_test_kit_dead";
suite("on MariaDB", async () => ({ KITDEAD_DATABASE_URL: await freshDatabase(mariaName) }), () => dropDatabase(mariaName));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kitdead-"));
suite("on SQLite", async () => ({ DATA_DIR: dir }), async () => fs.rmSync(dir, { recursive: true, force: true }));
