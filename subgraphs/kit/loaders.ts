import DataLoader from "dataloader";
import { In, ObjectLiteral, Repository } from "typeorm";
import type { ConnectionShape } from "./pagination";

/**
 * Per-request DataLoaders (graphql/dataloader "Caching Per-Request"): one cache per GraphQL
 * request, so one caller's data never leaks into another's, and every entity reference of a
 * request is fetched with one `IN` query per batch.
 */
export class LoaderCache {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(key: string, batch: (keys: readonly K[]) => Promise<ArrayLike<V | Error>>): DataLoader<K, V> {
    let loader = this.loaders.get(key) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 500 });
      this.loaders.set(key, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}

/**
 * Loads rows by a unique column in one query and returns them in key order, `null` for a miss:
 * DataLoader requires a dense array exactly as long as the keys.
 */
export async function loadByColumn<T extends ObjectLiteral>(
  repo: Repository<T>,
  column: keyof T & string,
  keys: readonly string[],
): Promise<(T | null)[]> {
  if (!keys.length) return [];
  const rows = await repo.findBy({ [column]: In([...new Set(keys)]) } as never);
  const byKey = new Map(rows.map(row => [String(row[column]), row]));
  return keys.map(k => byKey.get(k) ?? null);
}

/** Groups rows by a (non-unique) column, in key order: for one-to-many fields. */
export async function loadManyByColumn<T extends ObjectLiteral>(
  repo: Repository<T>,
  column: keyof T & string,
  keys: readonly string[],
  order?: Partial<Record<keyof T & string, "ASC" | "DESC">>,
): Promise<T[][]> {
  if (!keys.length) return [];
  const rows = await repo.find({ where: { [column]: In([...new Set(keys)]) } as never, order: order as never });
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = String(row[column]);
    groups.set(k, [...(groups.get(k) ?? []), row]);
  }
  return keys.map(k => groups.get(k) ?? []);
}

/**
 * The per-request loader of one nested connection: its pages for every parent of the request in
 * one batch, one loader per field and per page arguments (and filter), since each such field of a
 * query asks with its own.
 */
export function pageLoader<T>(
  cache: LoaderCache,
  field: string,
  args: { first: number; after?: string | null },
  load: (parentIds: readonly string[]) => Promise<ArrayLike<ConnectionShape<T> | Error>>,
  filter?: unknown,
): DataLoader<string, ConnectionShape<T>> {
  return cache.get<string, ConnectionShape<T>>(`${field}:${JSON.stringify([args.first, args.after ?? null, filter ?? null])}`, load);
}
