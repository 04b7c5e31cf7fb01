import { Max, Min } from "class-validator";
import { ArgsType, ClassType, Directive, Field, Int, ObjectType } from "type-graphql";
import { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { ValidationError } from "./errors";
import { sqlTime } from "./time";

/**
 * Relay connections (STYLE.md: lists that grow are connections). Keyset pagination on
 * (creation time, id): stable under inserts, one query a page plus one count.
 */
@ObjectType({ description: "Relay page information." })
@Directive("@shareable")
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field()
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
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

export function Connection<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => node)
    node: T;

    @Field()
    cursor: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionType implements ConnectionShape<T> {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: "Number of items matching the filter, over all pages." })
    totalCount: number | Promise<number>;
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
