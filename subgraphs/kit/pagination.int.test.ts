import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Column, Entity, MigrationInterface, PrimaryColumn, QueryRunner, Table } from "typeorm";
import { dropDatabase, freshDatabase } from "../../test/support/mysql";
import { openDataSource, SubgraphDataSource } from "./datasource";
import { ConnectionArgs, paginateByParent } from "./pagination";

/** Nested connections for many parents in a constant number of statements (issue 13), on both engines. */

@Entity("kit_child")
class Child {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ name: "parent_id", type: "varchar", length: 36 })
  parentId: string;

  @Column({ name: "created_at", type: "datetime" })
  createdAt: Date;

  @Column({ type: "varchar", length: 10 })
  kind: string;
}

class KitChildTable1700000000001 implements MigrationInterface {
  name = "KitChildTable1700000000001";
  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({ name: "kit_child", columns: [
      { name: "id", type: "varchar", length: "36", isPrimary: true },
      { name: "parent_id", type: "varchar", length: "36" },
      { name: "created_at", type: "datetime" },
      { name: "kind", type: "varchar", length: "10" },
    ] }));
  }
  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("kit_child");
  }
}

const args = (first: number, after?: string): ConnectionArgs => Object.assign(new ConnectionArgs(), { first, after: after ?? null });

function suite(label: string, env: () => Promise<NodeJS.ProcessEnv>, done: () => Promise<void>) {
  describe(label, () => {
    let db: SubgraphDataSource;
    beforeAll(async () => {
      db = await openDataSource({ name: "kitpage", entities: [Child], migrations: [KitChildTable1700000000001], env: await env() });
      const repo = db.dataSource.getRepository(Child);
      const rows: Child[] = [];
      // Parent "a": 5 children, two of them at the same instant (ties break on id); "b": 1; "c": none.
      const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
      for (const [id, parentId, s, kind] of [["a3", "a", 3, "x"], ["a1", "a", 1, "x"], ["a2b", "a", 2, "y"], ["a2a", "a", 2, "x"], ["a5", "a", 5, "x"], ["b1", "b", 1, "x"]] as const) {
        rows.push(Object.assign(new Child(), { id, parentId, createdAt: t(s), kind }));
      }
      await repo.save(rows);
    });
    afterAll(async () => {
      await db?.dataSource.destroy();
      await done();
    });

    const ids = (page: { edges: { node: Child }[] }) => page.edges.map(e => e.node.id);

    it("gives each parent its own first page in (time, id) order, in the parents' order, with the next cursors", async () => {
      const repo = db.dataSource.getRepository(Child);
      const { result: [c, a, b], statements } = await db.sql.measure(() => paginateByParent(repo, { parentProperty: "parentId", timeProperty: "createdAt" }, ["c", "a", "b"], args(3)));
      expect(statements).toBe(2);
      expect([ids(c), ids(a), ids(b)]).toEqual([[], ["a1", "a2a", "a2b"], ["b1"]]);
      expect([c.pageInfo.hasNextPage, a.pageInfo.hasNextPage, b.pageInfo.hasNextPage]).toEqual([false, true, false]);
      const [next] = await paginateByParent(repo, { parentProperty: "parentId", timeProperty: "createdAt" }, ["a"], args(3, a.pageInfo.endCursor!));
      expect(ids(next)).toEqual(["a3", "a5"]);
      expect(next.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    });

    it("counts every parent's items with one more statement, and applies the filter to pages and counts", async () => {
      const repo = db.dataSource.getRepository(Child);
      const { result: [pages, counts], statements } = await db.sql.measure(async () => {
        const pages = await paginateByParent(repo, { parentProperty: "parentId", timeProperty: "createdAt", where: (qb, alias) => qb.andWhere(`${alias}.kind = :kind`, { kind: "x" }) }, ["a", "b", "c"], args(2));
        return [pages, await Promise.all(pages.map(p => p.totalCount))] as const;
      });
      expect(statements).toBe(3);
      expect(counts).toEqual([4, 1, 0]);
      expect(ids(pages[0])).toEqual(["a1", "a2a"]);
    });
  });
}

const mariaName = "customs_test_kit_page";
suite("on MariaDB", async () => ({ KITPAGE_DATABASE_URL: await freshDatabase(mariaName) }), () => dropDatabase(mariaName));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kitpage-"));
suite("on SQLite", async () => ({ DATA_DIR: dir }), async () => fs.rmSync(dir, { recursive: true, force: true }));
