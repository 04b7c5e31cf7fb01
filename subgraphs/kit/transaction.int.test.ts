import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Column, Entity, Index, MigrationInterface, PrimaryColumn, QueryRunner, Table, TableIndex } from "typeorm";
import { dropDatabase, freshDatabase } from "../../test/support/mysql";
import { openDataSource, SubgraphDataSource } from "./datasource";
import { DomainError } from "./errors";
import { configureTransactions, transaction } from "./transaction";

/**
 * The kit's transaction helper on MariaDB and SQLite (issue 7): bounded lock waits, unique keys as
 * typed errors, and no statement outside the open transaction.
 */

@Entity("kit_ticket")
class Ticket {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index("IDX_kit_ticket_code", { unique: true })
  @Column({ type: "varchar", length: 20 })
  code: string;

  @Column({ type: "integer" })
  uses: number;
}

@Entity("kit_note")
@Index("IDX_kit_note_pair", ["a", "b"], { unique: true })
class Note {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: "varchar", length: 20 })
  a: string;

  @Column({ type: "varchar", length: 20 })
  b: string;
}

class KitTransactionTestTables1700000000000 implements MigrationInterface {
  name = "KitTransactionTestTables1700000000000";
  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({ name: "kit_ticket", columns: [{ name: "id", type: "varchar", length: "36", isPrimary: true }, { name: "code", type: "varchar", length: "20" }, { name: "uses", type: "integer" }] }));
    await q.createIndex("kit_ticket", new TableIndex({ name: "IDX_kit_ticket_code", columnNames: ["code"], isUnique: true }));
    await q.createTable(new Table({ name: "kit_note", columns: [{ name: "id", type: "varchar", length: "36", isPrimary: true }, { name: "a", type: "varchar", length: "20" }, { name: "b", type: "varchar", length: "20" }] }));
    await q.createIndex("kit_note", new TableIndex({ name: "IDX_kit_note_pair", columnNames: ["a", "b"], isUnique: true }));
  }
  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("kit_note");
    await q.dropTable("kit_ticket");
  }
}

const ticketTaken = () => new DomainError("TICKET_CODE_TAKEN", "This ticket code is taken.", { field: "input.code", rule: "TEST-R1" });

async function open(env: NodeJS.ProcessEnv): Promise<SubgraphDataSource> {
  const ds = await openDataSource({ name: "kittx", entities: [Ticket, Note], migrations: [KitTransactionTestTables1700000000000], env });
  configureTransactions(ds.dataSource, { uniqueViolations: { "kit_ticket(code)": ticketTaken } });
  return ds;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof DomainError ? error.code : `UNTYPED ${(error as Error).message}`;
  }
}

describe("on MariaDB", () => {
  let db: SubgraphDataSource;

  beforeAll(async () => {
    db = await open({ KITTX_DATABASE_URL: await freshDatabase("customs_test_kit_tx"), DB_POOL_SIZE: "6", DB_LOCK_WAIT_TIMEOUT_SECONDS: "1" });
  });
  afterAll(async () => {
    await db?.dataSource.destroy();
    await dropDatabase("customs_test_kit_tx");
  });
  beforeEach(async () => {
    await db.dataSource.query("DELETE FROM kit_ticket");
    await db.dataSource.query("DELETE FROM kit_note");
  });

  it("runs every pooled connection in READ COMMITTED with the configured lock wait", async () => {
    // 12 parallel reads on a pool of 6: every connection the pool opens is set up before its first use.
    const rows = await Promise.all(
      Array.from({ length: 12 }, () => db.dataSource.query("SELECT @@tx_isolation AS isolation, @@innodb_lock_wait_timeout AS waitSeconds, CONNECTION_ID() AS id, SLEEP(0.05) AS s")),
    );
    const sessions = rows.map(r => r[0] as { isolation: string; waitSeconds: string | number; id: string | number });
    expect(new Set(sessions.map(s => String(s.id))).size).toBeGreaterThan(1);
    for (const s of sessions) expect({ isolation: s.isolation, waitSeconds: Number(s.waitSeconds) }).toEqual({ isolation: "READ-COMMITTED", waitSeconds: 1 });
  });

  it("gives a caller that cannot get a row lock CONCURRENT_MODIFICATION after the bounded wait, and changes nothing", async () => {
    await db.dataSource.query("INSERT INTO kit_ticket (id, code, uses) VALUES ('t1', 'A', 0)");
    let release!: () => void;
    const held = new Promise<void>(resolve => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>(resolve => (locked = resolve));
    const holder = transaction(db.dataSource, async m => {
      await m.query("SELECT * FROM kit_ticket WHERE id = 't1' FOR UPDATE");
      locked();
      await held;
      await m.query("UPDATE kit_ticket SET uses = uses + 1 WHERE id = 't1'");
    });
    await isLocked;
    const started = Date.now();
    const waiter = await codeOf(
      transaction(db.dataSource, async m => {
        await m.query("INSERT INTO kit_note (id, a, b) VALUES ('n1', 'x', 'y')");
        await m.query("UPDATE kit_ticket SET uses = uses + 10 WHERE id = 't1'");
      }),
    );
    const waited = Date.now() - started;
    release();
    await holder;
    expect(waiter).toBe("CONCURRENT_MODIFICATION");
    expect(waited).toBeGreaterThanOrEqual(900);
    expect(waited).toBeLessThan(5000);
    // The loser's earlier insert was rolled back with it; the holder's change stands.
    expect(await db.dataSource.query("SELECT uses FROM kit_ticket WHERE id = 't1'")).toEqual([{ uses: 1 }]);
    expect(await db.dataSource.query("SELECT COUNT(*) AS n FROM kit_note")).toEqual([{ n: "0" }]);
  });

  it("turns a unique-key violation into the error registered for that constraint, or ALREADY_EXISTS", async () => {
    await transaction(db.dataSource, m => m.query("INSERT INTO kit_ticket (id, code, uses) VALUES ('t1', 'A', 0)"));
    expect(await codeOf(transaction(db.dataSource, m => m.query("INSERT INTO kit_ticket (id, code, uses) VALUES ('t2', 'A', 0)")))).toBe("TICKET_CODE_TAKEN");
    await transaction(db.dataSource, m => m.query("INSERT INTO kit_note (id, a, b) VALUES ('n1', 'x', 'y')"));
    expect(await codeOf(transaction(db.dataSource, m => m.query("INSERT INTO kit_note (id, a, b) VALUES ('n2', 'x', 'y')")))).toBe("ALREADY_EXISTS");
  });

  it("makes 50 parallel claims of one unique code end with one winner and 49 typed losers", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => codeOf(transaction(db.dataSource, m => m.insert(Ticket, { id: `t${i}`, code: "SAME", uses: 0 })))),
    );
    expect(outcomes.filter(o => o === "OK")).toHaveLength(1);
    expect(outcomes.filter(o => o !== "OK").every(o => o === "TICKET_CODE_TAKEN" || o === "CONCURRENT_MODIFICATION")).toBe(true);
  });

  it("refuses a statement sent on another connection while a transaction is open (TRANSACTION_LEAK), and rolls the transaction back", async () => {
    const outcome = transaction(db.dataSource, async m => {
      await m.insert(Ticket, { id: "t1", code: "A", uses: 0 });
      // The mistake of issue 7: a read through the data source instead of the transaction's manager.
      await db.dataSource.getRepository(Ticket).findOneBy({ id: "t1" });
    });
    await expect(outcome).rejects.toMatchObject({ code: "TRANSACTION_LEAK" });
    expect(await db.dataSource.getRepository(Ticket).count()).toBe(0);
  });

  it("lets reads through the data source run again once the transaction is over", async () => {
    await transaction(db.dataSource, m => m.insert(Ticket, { id: "t1", code: "A", uses: 0 }));
    expect(await db.dataSource.getRepository(Ticket).findOneBy({ id: "t1" })).toMatchObject({ code: "A" });
  });
});

describe("on SQLite", () => {
  let db: SubgraphDataSource;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-tx-"));
    db = await open({ DATA_DIR: dir });
  });
  afterAll(async () => {
    await db?.dataSource.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("turns a unique-key violation into the registered error there too", async () => {
    await transaction(db.dataSource, m => m.insert(Ticket, { id: "t1", code: "A", uses: 0 }));
    expect(await codeOf(transaction(db.dataSource, m => m.insert(Ticket, { id: "t2", code: "A", uses: 0 })))).toBe("TICKET_CODE_TAKEN");
    await transaction(db.dataSource, m => m.insert(Note, { id: "n1", a: "x", b: "y" }));
    expect(await codeOf(transaction(db.dataSource, m => m.insert(Note, { id: "n2", a: "x", b: "y" })))).toBe("ALREADY_EXISTS");
  });
});
