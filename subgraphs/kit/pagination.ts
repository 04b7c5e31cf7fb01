import { Max, Min } from "class-validator";
import { ArgsType, ClassType, Directive, Field, Int, ObjectType } from "type-graphql";
import { In, ObjectLiteral, Repository, SelectQueryBuilder } from "typeorm";
import { ValidationError } from "./errors";
import { sqlTime } from "./time";

/**
 * Relay connections (STYLE.md: lists that grow are connections). Keyset pagination on
 * (creation time, id): stable under inserts, one query a page plus one count.
 */
@ObjectType({ description: "Relay page information." })
@Directive("@shareable")
export class PageInfo {
  @Field({ description: "Whether another page follows: ask again with `after: endCursor`." })
  hasNextPage: boolean;

  @Field({ description: "Whether this page was asked for with `after`, so that earlier items exist." })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first edge of this page; null when the page is empty." })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: "Cursor of the last edge of this page; pass it as `after` for the next page. Null when the page is empty." })
  endCursor: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: 20, description: "Page size, 1 to 100." })
  @Min(1)
  @Max(100)
  first: number = 20;

  @Field(() => String, { nullable: true, description: "Cursor of the last edge of the previous page." })
  after?: string | null;
}

export interface ConnectionShape<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
  /** Lazy: a getter, so the count query runs only when a client asks for `totalCount`. */
  readonly totalCount: number | Promise<number>;
}

/**
 * A Relay connection type of `node`. `order` says how its items are ordered when it is not by
 * creation, oldest first (the order of `paginate` and `paginateByParent`).
 */
export function Connection<T extends object>(node: ClassType<T>, name: string, options: { order?: string; shareable?: boolean } = {}) {
  const order = options.order ?? "oldest first";
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with the cursor that points at it.` })
  class Edge {
    @Field(() => node, { description: `The ${name}.` })
    node: T;

    @Field({ description: "Opaque cursor of this edge: pass it as `after` to read the items that follow." })
    cursor: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items, ${order} (keyset pagination: stable while items are added).` })
  class ConnectionType implements ConnectionShape<T> {
    @Field(() => [Edge], { description: `Bounded: the items of this page, at most \`first\`, ${order}.` })
    edges: Edge[];

    @Field(() => PageInfo, { description: "Where this page sits: whether more follow, and the cursors to continue." })
    pageInfo: PageInfo;

    @Field(() => Int, { description: "Number of items matching the filter, over all pages." })
    totalCount: number | Promise<number>;
  }
  // A type every subgraph declares alike (the kit's dead letters) is @shareable in each.
  if (options.shareable) {
    Directive("@shareable")(Edge);
    Directive("@shareable")(ConnectionType);
  }
  return ConnectionType;
}

function encodeCursor(time: Date, id: string): string {
  return Buffer.from(JSON.stringify([time.toISOString(), id])).toString("base64url");
}

function decodeCursor(cursor: string): [Date, string] {
  try {
    const [time, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const date = new Date(time);
    if (Number.isNaN(date.getTime()) || typeof id !== "string") throw new Error("bad cursor");
    return [date, id];
  } catch {
    throw new ValidationError("The cursor is not one this API issued.", { field: "after" });
  }
}

/**
 * Pages a query builder ordered by `<alias>.<timeColumn>`, then id. Entities must expose
 * `id` and the property behind `timeColumn` (`timeProperty`).
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  keys: { alias: string; timeColumn: string; timeProperty: keyof T & string },
): Promise<ConnectionShape<T>> {
  const { alias, timeColumn, timeProperty } = keys;
  const counter = qb.clone();
  const page = qb.clone();
  if (args.after) {
    const [time, id] = decodeCursor(args.after);
    page.andWhere(`(${alias}.${timeColumn} > :cTime OR (${alias}.${timeColumn} = :cTime AND ${alias}.id > :cId))`, {
      cTime: sqlTime(time),
      cId: id,
    });
  }
  const rows = await page
    .orderBy(`${alias}.${timeColumn}`, "ASC")
    .addOrderBy(`${alias}.id`, "ASC")
    .take(args.first + 1)
    .getMany();
  const hasNextPage = rows.length > args.first;
  const nodes = rows.slice(0, args.first);
  const edges = nodes.map(node => ({ node, cursor: encodeCursor(node[timeProperty] as Date, node.id) }));
  return {
    edges,
    get totalCount() {
      return counter.getCount();
    },
    pageInfo: {
      hasNextPage,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/**
 * Pages of a one-to-many field for many parents at once (a nested connection such as
 * `BusinessPartner.securities`), in a constant number of statements whatever the number of
 * parents: one window query (`ROW_NUMBER() OVER (PARTITION BY parent ...)`, MariaDB 10.2+ and
 * SQLite 3.25+) picks each parent's page of ids, one `IN` query loads them, and `totalCount`, when
 * asked for, is one `GROUP BY` over all parents. Same order and cursors as `paginate`. Use it
 * from a DataLoader keyed by parent, one loader per field and arguments (`pageLoader`).
 *
 * The parent of a child is one column (`parentProperty: "debtId"`), any of several (a
 * declaration's declarant or principal: `parentProperty: ["declarantId", "onBehalfOfId"]`), or a
 * link table (`through`: a debt and its debtors). A child under the same parent twice counts once.
 */
export async function paginateByParent<T extends ObjectLiteral & { id: string }>(
  repo: Repository<T>,
  keys: {
    /** The child's column(s) that name its parent, or, with `through`, nothing. */
    parentProperty?: (keyof T & string) | (keyof T & string)[];
    /** A link table between child and parent: `INNER JOIN <table> ON <table>.<childColumn> = child.id`, the parent in `parentColumn`. */
    through?: { table: string; childColumn: string; parentColumn: string };
    timeProperty: keyof T & string;
    where?: (qb: SelectQueryBuilder<T>, alias: string) => void;
  },
  parents: readonly string[],
  args: ConnectionArgs,
): Promise<ConnectionShape<T>[]> {
  if (!parents.length) return [];
  const meta = repo.metadata;
  const column = (property: string) => {
    const found = meta.findColumnWithPropertyName(property);
    if (!found) throw new Error(`${meta.name} has no column for ${property}`);
    return found.databaseName;
  };
  const timeColumn = column(keys.timeProperty);
  const idColumn = column("id");
  const properties = keys.parentProperty === undefined ? [] : Array.isArray(keys.parentProperty) ? keys.parentProperty : [keys.parentProperty];
  const parentExpressions = keys.through ? [`link.${keys.through.parentColumn}`] : properties.map(p => `p.${column(p)}`);
  if (!parentExpressions.length) throw new Error("paginateByParent needs parentProperty or through");
  const unique = [...new Set(parents)];
  const cursor = args.after ? decodeCursor(args.after) : undefined;
  // (id, parent, time) of every child under a parent asked for, one SELECT per parent column, united.
  const children = (withCursor: boolean): [string, unknown[]] => {
    const parts = parentExpressions.map(parent => {
      const qb = repo.createQueryBuilder("p");
      if (keys.through) qb.innerJoin(keys.through.table, "link", `link.${keys.through.childColumn} = p.${idColumn}`);
      qb.select(`p.${idColumn}`, "id").addSelect(parent, "parent").addSelect(`p.${timeColumn}`, "t").where(`${parent} IN (:...parents)`, { parents: unique });
      keys.where?.(qb, "p");
      if (withCursor && cursor) {
        qb.andWhere(`(p.${timeColumn} > :cTime OR (p.${timeColumn} = :cTime AND p.${idColumn} > :cId))`, { cTime: sqlTime(cursor[0]), cId: cursor[1] });
      }
      return qb.getQueryAndParameters();
    });
    return [parts.map(([sql]) => sql).join(" UNION "), parts.flatMap(([, params]) => params)];
  };
  const q = (name: string) => repo.manager.connection.driver.escape(name);
  const [pageSql, pageParams] = children(true);
  const picked = (await repo.query(
    `SELECT ${q("id")}, ${q("parent")} FROM (SELECT ${q("id")}, ${q("parent")}, ROW_NUMBER() OVER (PARTITION BY ${q("parent")} ORDER BY ${q("t")} ASC, ${q("id")} ASC) AS ${q("rn")} FROM (${pageSql}) ${q("children")}) ${q("ranked")} WHERE ${q("rn")} <= ?`,
    [...pageParams, args.first + 1],
  )) as { id: string; parent: string }[];
  const ids = [...new Set(picked.map(r => r.id))];
  const rows = new Map((ids.length ? await repo.find({ where: { id: In(ids) } as never }) : []).map(row => [row.id, row]));
  // By the parent the window query put each child under: a child of two parents is in both pages.
  const byParent = new Map<string, T[]>();
  for (const { id, parent } of picked) {
    const row = rows.get(id);
    if (row) byParent.set(String(parent), [...(byParent.get(String(parent)) ?? []), row]);
  }
  let counts: Promise<Map<string, number>> | undefined;
  const countAll = () => {
    const [countSql, countParams] = children(false);
    return (counts ??= repo
      .query(`SELECT ${q("parent")}, COUNT(*) AS ${q("n")} FROM (${countSql}) ${q("children")} GROUP BY ${q("parent")}`, countParams)
      .then((raw: { parent: string; n: string | number }[]) => new Map(raw.map(r => [String(r.parent), Number(r.n)]))));
  };
  return parents.map(parent => {
    const sorted = (byParent.get(parent) ?? []).sort((a, b) => {
      const d = (a[keys.timeProperty] as Date).getTime() - (b[keys.timeProperty] as Date).getTime();
      return d !== 0 ? d : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
    const nodes = sorted.slice(0, args.first);
    const edges = nodes.map(node => ({ node, cursor: encodeCursor(node[keys.timeProperty] as Date, node.id) }));
    return {
      edges,
      get totalCount() {
        return countAll().then(m => m.get(parent) ?? 0);
      },
      pageInfo: {
        hasNextPage: sorted.length > args.first,
        hasPreviousPage: Boolean(args.after),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  });
}

/** The answer of a connection whose items the caller may not read (e.g. referrals, ENF-R21): no page, nothing counted. */
export function emptyConnection<T>(): ConnectionShape<T> {
  return { edges: [], totalCount: 0, pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } };
}

/**
 * A page of one row shown as another (a case link as its case): the same cursors, and the count
 * still asked for only when a client reads `totalCount`.
 */
export function mapConnection<T, U>(page: ConnectionShape<T>, map: (node: T) => U): ConnectionShape<U> {
  return {
    edges: page.edges.map(e => ({ node: map(e.node), cursor: e.cursor })),
    pageInfo: page.pageInfo,
    get totalCount() {
      return page.totalCount;
    },
  };
}

/**
 * Cursors on another unique sort key than (creation time, id), for lists `paginate` cannot key:
 * tariff number and first day, a sequence number, depositor and tariff number. Same shape as the
 * kit's cursors: opaque base64url JSON of the key.
 */
export const keyCursor = {
  encode(key: (string | number)[]): string {
    return Buffer.from(JSON.stringify(key)).toString("base64url");
  },
  /** The key behind a cursor, checked against the types the list sorts by; BAD_USER_INPUT on `after` otherwise. */
  decode<K extends (string | number)[]>(cursor: string, types: ("string" | "number")[]): K {
    try {
      const key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
      if (!Array.isArray(key) || key.length !== types.length || key.some((v, i) => typeof v !== types[i])) throw new Error("bad cursor");
      return key as K;
    } catch {
      throw new ValidationError("The cursor is not one this API issued.", { field: "after" });
    }
  },
};

/** A page from up to `first + 1` nodes in key order (the extra one says whether another page follows), with `keyCursor` cursors. */
export function pageByKey<T>(sorted: T[], args: ConnectionArgs, keyOf: (node: T) => (string | number)[], totalCount: () => Promise<number>): ConnectionShape<T> {
  const nodes = sorted.slice(0, args.first);
  const edges = nodes.map(node => ({ node, cursor: keyCursor.encode(keyOf(node)) }));
  return {
    edges,
    get totalCount() {
      return totalCount();
    },
    pageInfo: {
      hasNextPage: sorted.length > args.first,
      hasPreviousPage: Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
