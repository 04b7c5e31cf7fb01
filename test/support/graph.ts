import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { printSubgraphSchema } from "@apollo/subgraph";
import { PRINCIPAL_EVENT_TYPES } from "../../gateway/auth";
import { SUBSCRIPTION_EVENT_TYPES } from "../../gateway/subscriptions";
import { createGateway, Gateway } from "../../gateway/gateway";
import { composeSupergraph } from "../../scripts/compose";
import { createSubgraph, FixedClock, RunningHost, Subgraph, SubgraphDefinition } from "../../subgraphs/kit";
import { definition as declarationsDefinition } from "../../subgraphs/declarations/declarations.subgraph";
import { definition as identityDefinition } from "../../subgraphs/identity/identity.subgraph";
import { SpoolLetterDispatcher } from "../../subgraphs/identity/services/letters";
import { cleanUp, dropDatabase, freshDatabase } from "./mysql";
import { fingerprint } from "./subgraph-harness";

export interface RunningSubgraph {
  subgraph: Subgraph<any>;
  host: RunningHost;
}

export interface Graph {
  gatewayUrl: string;
  /** The supergraph the gateway serves, composed from the running subgraphs. */
  supergraphSdl: string;
  gateway: Gateway;
  clock: FixedClock;
  subgraphs: Record<string, RunningSubgraph>;
  spool: SpoolLetterDispatcher;
  /** Every subgraph's tables' checksums: equal before and after means nothing changed anywhere. */
  fingerprint(): Promise<Record<string, string>>;
  /** Stops every subgraph's relay and jobs, so that nothing changes unless a request changes it. */
  quiesce(): Promise<void>;
  /** Waits until every subgraph's outbox has delivered everything (bounded). */
  drainEvents(timeoutMs?: number): Promise<void>;
  /**
   * Stops one subgraph and starts a new instance of it on the same database and port, as a
   * replica restarting after a crash would: nothing of the old instance's memory survives.
   */
  restart(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Several real subgraphs on MariaDB, each with its own database, sharing one clock; their events
 * flow through the real outbox relay over HTTP (EVENT_SUBSCRIBERS from each definition's
 * `consumes`); one gateway composed from their schemas.
 */
export async function startGraph(
  prefix: string,
  now: string,
  definitions: SubgraphDefinition<any>[] = [identityDefinition, declarationsDefinition],
  extraEnv: NodeJS.ProcessEnv = {},
  /** MariaDB (fresh databases `<prefix>_<subgraph>`, dropped at stop), or embedded SQLite files. */
  engine: "mysql" | "sqlite" = "mysql",
): Promise<Graph> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  const clock = new FixedClock(now);
  // The suites fire bursts no partner would: the gateway's rate limits are tested on their own (test/edge.e2e.test.ts).
  const base: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, LETTER_SPOOL_DIR: path.join(dir, "letters"), RELAY_INTERVAL_MS: "25", JOB_INTERVAL_MS: "60000", GATEWAY_RATE_LIMITS: "off", ...extraEnv };
  delete base.MYSQL_URL;
  // Hosts first (port 0), so each relay knows where its subscribers listen: start the consumers' HTTP
  // before any producer relays. createSubgraph does not listen; listen() starts relay and jobs.
  const built: Record<string, Subgraph<any>> = {};
  const envs: Record<string, NodeJS.ProcessEnv> = {};
  const hosts: Record<string, RunningHost> = {};
  // The databases this graph created, dropped at stop, or at once if the graph fails to start.
  const databases: string[] = [];
  let gateway: Gateway | undefined;
  const stopAll = () =>
    cleanUp([
      () => gateway?.stop(),
      // Every subgraph created, even one not listening yet; after a restart, the new instance.
      ...Object.values(built).map(subgraph => () => subgraph.stop()),
      ...databases.map(database => () => dropDatabase(database)),
      () => fs.rmSync(dir, { recursive: true, force: true }),
    ]);
  // Two passes: listen on ephemeral ports, then rebuild each subgraph's subscriber list.
  const ports: Record<string, number> = {};
  const reservations: { port: number; release(): Promise<void> }[] = [];
  let gatewayPort = 0;
  const envOf = (def: SubgraphDefinition<any>) => {
    const subscribers = definitions
      .filter(other => other.name !== def.name && other.consumes?.length)
      .map(other => ({ name: other.name, url: `http://127.0.0.1:${ports[other.name]}/events`, types: other.consumes }));
    // As npm start does: the gateway forgets remembered callers on identity's word.
    if (def.name === "identity") subscribers.push({ name: "gateway", url: `http://127.0.0.1:${gatewayPort}/events`, types: PRINCIPAL_EVENT_TYPES });
    // And pushes new notifications to its subscriptions.
    if (def.name === "notifications") subscribers.push({ name: "gateway", url: `http://127.0.0.1:${gatewayPort}/events`, types: SUBSCRIPTION_EVENT_TYPES });
    return { ...envs[def.name], EVENT_SUBSCRIBERS: JSON.stringify(subscribers) };
  };
  let supergraphSdl: string;
  let gatewayHost: RunningHost;
  try {
    for (const def of definitions) {
      if (engine === "mysql") {
        const database = `${prefix}_${def.name}`;
        databases.push(database);
        envs[def.name] = { ...base, [`${def.name.toUpperCase()}_DATABASE_URL`]: await freshDatabase(database) };
      } else envs[def.name] = { ...base };
    }
    // Every port is held until its server listens: a port merely found free could meanwhile become
    // the local port of one of the many outgoing connections (seen once: EADDRINUSE in CI).
    for (const def of definitions) {
      const reservation = await reservePort();
      reservations.push(reservation);
      ports[def.name] = reservation.port;
    }
    const gatewayReservation = await reservePort();
    reservations.push(gatewayReservation);
    gatewayPort = gatewayReservation.port;
    for (const [i, def] of definitions.entries()) {
      built[def.name] = await createSubgraph(def, { env: envOf(def), clock });
      await reservations[i].release();
      hosts[def.name] = await built[def.name].listen(ports[def.name]);
    }
    const composed = composeSupergraph(definitions.map(def => ({ name: def.name, routingUrl: `${hosts[def.name].url}/graphql`, sdl: printSubgraphSchema(built[def.name].schema) })));
    if (!composed.ok) throw new Error(`composition failed: ${JSON.stringify(composed.errors)}`);
    supergraphSdl = composed.supergraphSdl;
    gateway = await createGateway({ supergraphSdl, env: base });
    await gatewayReservation.release();
    gatewayHost = await gateway.listen(gatewayPort, "127.0.0.1");
  } catch (error) {
    // A suite whose graph fails to start has no graph to stop: leave no database, and no held port, behind.
    await Promise.all(reservations.map(r => r.release()));
    await stopAll().catch(() => undefined);
    throw error;
  }
  const subgraphs: Record<string, RunningSubgraph> = Object.fromEntries(definitions.map(def => [def.name, { subgraph: built[def.name], host: hosts[def.name] }]));
  return {
    gatewayUrl: `${gatewayHost.url}/graphql`,
    supergraphSdl,
    gateway,
    clock,
    subgraphs,
    spool: new SpoolLetterDispatcher(base.LETTER_SPOOL_DIR!),
    async fingerprint() {
      const out: Record<string, string> = {};
      for (const [name, { subgraph }] of Object.entries(subgraphs)) out[name] = await fingerprint(subgraph);
      return out;
    },
    async quiesce() {
      for (const { subgraph } of Object.values(subgraphs)) {
        await subgraph.relay.stop();
        await subgraph.jobs.stop();
      }
    },
    async drainEvents(timeoutMs = 5000) {
      const started = Date.now();
      for (;;) {
        let pending = 0;
        for (const { subgraph } of Object.values(subgraphs)) {
          const [row] = await subgraph.runtime.dataSource.query("SELECT COUNT(*) AS n FROM outbox_delivery WHERE status = 'PENDING'");
          // With JetStream, also what the subgraph's consumer has not applied yet.
          pending += Number(row.n) + (await subgraph.pendingEvents());
        }
        if (!pending) return;
        if (Date.now() - started > timeoutMs) {
          const stuck: string[] = [];
          for (const [name, { subgraph }] of Object.entries(subgraphs)) {
            const rows: { type: string; subscriber: string; attempts: number; last_error: string | null }[] = await subgraph.runtime.dataSource.query(
              "SELECT e.type, d.subscriber, d.attempts, d.last_error FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id WHERE d.status = 'PENDING'",
            );
            stuck.push(...rows.map(r => `${name} → ${r.subscriber}: ${r.type} (${r.attempts} attempts) ${r.last_error ?? ""}`));
          }
          throw new Error(`${pending} event deliveries still pending:\n${stuck.join("\n")}`);
        }
        await new Promise(r => setTimeout(r, 25));
      }
    },
    async restart(name) {
      const def = definitions.find(x => x.name === name)!;
      await subgraphs[name].subgraph.stop();
      const subgraph = await createSubgraph(def, { env: envOf(def), clock });
      built[name] = subgraph;
      const host = await subgraph.listen(ports[name]);
      subgraphs[name] = { subgraph, host };
    },
    // Every server is stopped and every database dropped even if stopping one fails; then the first failure is thrown.
    stop: stopAll,
  };
}

/** A port free at this moment on loopback (listened on and released). */
/**
 * A port held by a placeholder listener until `release()`, for a server that must be named (in
 * another server's settings) long before it listens: a port merely found free could meanwhile be
 * taken as the local port of an outgoing connection.
 */
export async function reservePort(): Promise<{ port: number; release(): Promise<void> }> {
  const net = await import("node:net");
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, "127.0.0.1", () => resolve()));
  return { port: (server.address() as { port: number }).port, release: () => new Promise<void>(resolve => server.close(() => resolve())) };
}
