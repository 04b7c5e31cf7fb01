import { ConnectionArgs, ConnectionShape, ValidationError } from "../../kit";

/**
 * Pages of the connections the kit's `paginate` / `paginateByParent` cannot key on (creation time,
 * id): a lot's movements (keyed by their append sequence, they have no id), a declaration's lots
 * (reached through two columns) and a stock's lines (computed per position, keyed by depositor
 * and tariff number). Same cursor shape as the kit's: an opaque base64url JSON of the sort key.
 */
export function encodeKey(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** The sort key behind a cursor, checked against the types the connection sorts by. */
export function decodeKey<K extends (string | number)[]>(cursor: string, types: ("string" | "number")[]): K {
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(key) || key.length !== types.length || key.some((v, i) => typeof v !== types[i])) throw new Error("bad cursor");
    return key as K;
  } catch {
    throw new ValidationError("The cursor is not one this API issued.", { field: "after" });
  }
}

/** A page from `first + 1` sorted nodes: the extra one says whether another page follows. */
export function pageOf<T>(sorted: T[], args: ConnectionArgs, keyOf: (node: T) => (string | number)[], totalCount: () => Promise<number>): ConnectionShape<T> {
  const nodes = sorted.slice(0, args.first);
  const edges = nodes.map(node => ({ node, cursor: encodeKey(keyOf(node)) }));
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
