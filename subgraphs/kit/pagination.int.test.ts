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

  @Column({ name: "co_parent_id", type: "varchar", length: 36, nullable: true })
  coParentId: string | null;
}

@Entity("kit_child_owner")
class ChildOwner {
  @PrimaryColumn({ name: "child_id", type: "varchar", length: 36 })
  childId: string;

  @PrimaryColumn({ name: "owner_id", type: "varchar", length: 36 })
  ownerId: string;
}

class KitChildTable1700000000001 implements MigrationInterface {
  name = "KitChildTable1700000000001";
  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({ name: "kit_child", columns: [
      { name: "id", type: "varchar", length: "36", isPrimary: true },
      { name: "parent_id", type: "varchar", length: "36" },
      { name: "created_at", type: "datetime" },
      { name: "kind", type: "varchar", length: "10" },
      { name: "co_parent_id", type: "varchar", length: "36", isNullable: true },
    ] }));
    await q.createTable(new Table({ name: "kit_child_owner", columns: [
      { name: "child_id", type: "varchar", length: "36", isPrimary: true },
      { name: "owner_id", type: "varchar", length: "36", isPrimary: true },
    ] }));
  }
  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("kit_child_owner");
    await q.dropTable("kit_child");
  }
}

const args = (first: number, after?: string): ConnectionArgs => Object.assign(new ConnectionArgs(), { first, after: after ?? null });

function suite(label: string, env: () => Promise<NodeJS.ProcessEnv>, done: () => Promise<void>) {
  describe(label, () => {
    let db: SubgraphDataSource;
    beforeAll(async () => {
      db = await openDataSource({ name: "kitpage", entities: [Child, ChildOwner], migrations: [KitChildTable1700000000001], env: await env() });
      const repo = db.dataSource.getRepository(Child);
      const rows: Child[] = [];
      // Parent "a": 5 children, two of them at the same instant (ties break on id); "b": 1; "c": none.
      const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
      for (const [id, parentId, s, kind] of [["a3", "a", 3, "x"], ["a1", "a", 1, "x"], ["a2b", "a", 2, "y"], ["a2a", "a", 2, "x"], ["a5", "a", 5, "x"], ["b1", "b", 1, "x"]] as const) {
        // a2b has a second parent, "b" (as a declaration has a declarant and a principal).
        rows.push(Object.assign(new Child(), { id, parentId, createdAt: t(s), kind, coParentId: id === "a2b" ? "b" : null }));
      }
      await repo.save(rows);
      // Owners through a link table: "x" owns a1, a3 and b1; "y" owns a3 (a child of two owners).
      await db.dataSource.getRepository(ChildOwner).save([["a1", "x"], ["a3", "x"], ["b1", "x"], ["a3", "y"]].map(([childId, ownerId]) => Object.assign(new ChildOwner(), { childId, ownerId })));
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

    it("pages children under either of two parent columns, once each, with counts over both", async () => {
      const repo = db.dataSource.getRepository(Child);
      const { result: [pages, counts], statements } = await db.sql.measure(async () => {
        const pages = await paginateByParent(repo, { parentProperty: ["parentId", "coParentId"], timeProperty: "createdAt" }, ["b", "a"], args(10));
        return [pages, await Promise.all(pages.map(p => p.totalCount))] as const;
      });
      expect(statements).toBe(3);
      expect(pages.map(ids)).toEqual([["b1", "a2b"], ["a1", "a2a", "a2b", "a3", "a5"]]);
      expect(counts).toEqual([2, 5]);
    });

    it("pages children reached through a link table, a child of two parents in both pages, with counts per parent", async () => {
      const repo = db.dataSource.getRepository(Child);
      const through = { table: "kit_child_owner", childColumn: "child_id", parentColumn: "owner_id" };
      const { result: [pages, counts], statements } = await db.sql.measure(async () => {
        const pages = await paginateByParent(repo, { through, timeProperty: "createdAt" }, ["y", "x", "z"], args(2));
        return [pages, await Promise.all(pages.map(p => p.totalCount))] as const;
      });
      expect(statements).toBe(3);
      expect(pages.map(ids)).toEqual([["a3"], ["a1", "b1"], []]);
      expect(counts).toEqual([1, 3, 0]);
      const [rest] = await paginateByParent(repo, { through, timeProperty: "createdAt" }, ["x"], args(2, pages[1].pageInfo.endCursor!));
      expect(ids(rest)).toEqual(["a3"]);
    });
  });
}

const mariaName = "customs_test_kit_page";
suite("on MariaDB", async () => ({ KITPAGE_DATABASE_URL: await freshDatabase(mariaName) }), () => dropDatabase(mariaName));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kitpage-"));
suite("on SQLite", async () => ({ DATA_DIR: dir }), async () => fs.rmSync(dir, { recursive: true, force: true }));
