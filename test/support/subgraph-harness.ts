import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createSubgraph, FixedClock, Principal, processOnce, RunningHost, Subgraph, SubgraphDefinition } from "../../subgraphs/kit";
import { gql, GraphQLResponse } from "./graphql";
import { cleanUp, databaseUrl, dropDatabase, freshDatabase } from "./mysql";

/** One real subgraph for an integration suite: its own fresh database, a clock that stands still, HTTP on port 0. */
export interface TestSubgraph<S> {
  subgraph: Subgraph<S>;
  host: RunningHost;
  url: string;
  clock: FixedClock;
  /** The suite's temporary folder (SQLite files, letter spool). */
  dir: string;
  as<T = Record<string, any>>(principal: Principal, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Delivers an event through the subgraph's real handler, once per envelope id, as the relay would. */
  deliver(producer: string, type: string, payload: Record<string, unknown>, id?: string): Promise<"PROCESSED" | "DUPLICATE" | "IGNORED">;
  /** CHECKSUM TABLE over every table (MariaDB) or full dumps (SQLite): proves that nothing changed. */
  fingerprint(): Promise<string>;
  /** Stops the subgraph and drops its database, unless `keepDatabase` (a restart opens it again). */
  stop(options?: { keepDatabase?: boolean }): Promise<void>;
}

/** CHECKSUM TABLE over every table of a subgraph (MariaDB) or full dumps (SQLite): proves that nothing changed. */
export async function fingerprint(subgraph: Pick<Subgraph<unknown>, "runtime">): Promise<string> {
  const ds = subgraph.runtime.dataSource;
  const tables = ds.entityMetadatas.map(m => m.tableName).sort();
  if (subgraph.runtime.engine === "mysql") {
    const rows = (await ds.query(`CHECKSUM TABLE ${tables.map(t => `\`${t}\``).join(", ")}`)) as { Table: string; Checksum: string }[];
    return rows.map(r => `${r.Table}=${r.Checksum}`).join(";");
  }
  const parts: string[] = [];
  for (const t of tables) parts.push(`${t}=${JSON.stringify(await ds.query(`SELECT * FROM "${t}" ORDER BY 1`))}`);
  return parts.join(";");
}

export async function startTestSubgraph<S>(
  definition: SubgraphDefinition<S>,
  database: string,
  options: {
    now?: string;
    engine?: "mysql" | "sqlite";
    env?: (dir: string) => NodeJS.ProcessEnv;
    /** Opens the database as a stopped instance left it, instead of an empty one: a restart. */
    reuseDatabase?: boolean;
  } = {},
): Promise<TestSubgraph<S>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${database}-`));
  // Jobs run only when a test calls runOnce(): the clock stands still, and a background tick would race.
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, JOB_INTERVAL_MS: "3600000", ...options.env?.(dir) };
  delete env.MYSQL_URL;
  delete env.EVENT_SUBSCRIBERS;
  const urlVariable = `${definition.name.toUpperCase()}_DATABASE_URL`;
  const mysql = options.engine !== "sqlite";
  const clock = new FixedClock(options.now ?? "2026-03-02T09:00:00+01:00");
  let subgraph: Subgraph<S> | undefined;
  let host: RunningHost;
  try {
    if (!mysql) delete env[urlVariable];
    else env[urlVariable] = options.reuseDatabase ? databaseUrl(database) : await freshDatabase(database);
    subgraph = await createSubgraph(definition, { env, clock });
    host = await subgraph.listen(0);
  } catch (error) {
    // A suite whose start fails has no harness to stop: leave nothing behind (a reused database is the caller's).
    await cleanUp([() => subgraph?.stop(), () => mysql && !options.reuseDatabase && dropDatabase(database), () => fs.rmSync(dir, { recursive: true, force: true })]).catch(() => undefined);
    throw error;
  }
  const started = subgraph;
  const url = `${host.url}/graphql`;
  const ds = started.runtime.dataSource;
  const handlers = definition.eventHandlers?.(started.services) ?? {};
  return {
    subgraph: started,
    host,
    url,
    clock,
    dir,
    as: (principal, query, variables) => gql(url, query, variables, { principal, audience: definition.name }),
    deliver: (producer, type, payload, id = randomUUID()) =>
      processOnce(ds, { id, type, producer, aggregateId: String(payload.declarationId ?? payload.partnerId ?? id), occurredAt: clock.now().toISOString(), payload }, handlers[type], clock),
    fingerprint: () => fingerprint(started),
    async stop(stopOptions = {}) {
      // The database is dropped even if stopping the subgraph fails.
      await cleanUp([() => started.stop(), () => mysql && !stopOptions.keepDatabase && dropDatabase(database), () => fs.rmSync(dir, { recursive: true, force: true })]);
    },
  };
}
