// @apollo/gateway starts an anonymous usage exporter in its constructor unless this is set.
process.env.APOLLO_TELEMETRY_DISABLED = "true";
// Entities and resolvers are decorated classes.
import "reflect-metadata";

import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createConnection } from "mysql2/promise";
import pino from "pino";
import { createGateway, Gateway } from "../gateway/gateway";
import { BusinessPartner } from "../subgraphs/identity/entities/business-partner.entity";
import { PartnerEntryMode, PartnerRoleType, PartnerStatus, PartnerType, RoleStatus } from "../subgraphs/identity/entities/enums";
import { PartnerRole } from "../subgraphs/identity/entities/partner-role.entity";
import { definition } from "../subgraphs/identity/identity.subgraph";
import type { IdentityServices } from "../subgraphs/identity/services";
import { createSubgraph, Principal, PRINCIPAL_HEADER, signingSecret, signPrincipal, Subgraph } from "../subgraphs/kit";
import { ROOT } from "./compose";
import { ensureSupergraph } from "./lib/supergraph";
import { mintDevToken } from "./mint-token";

/**
 * `npm run bench [-- --partners 1000 --json out.json]`: what entity references and a page of
 * partners cost, in SQL statements and milliseconds. Speed and memory targets are checked here,
 * with figures, rather than by timed tests.
 *
 * Everything runs in this one process on loopback: the identity subgraph (SQLite in a temporary
 * DATA_DIR, or MariaDB database `customs_bench_identity` when MYSQL_URL is set), the gateway on
 * an ephemeral port, and the client. Latencies therefore include the client's own work, and the
 * memory figures cover all three.
 *
 *   a) `_entities` with 100 BusinessPartner representations, sent to the subgraph as the gateway
 *      would send them (signed officer principal);
 *   b) `businessPartners(first: 100)` through the gateway with an officer JWT, one at a time and
 *      then with a fixed concurrency;
 *   c) RSS and heap after the runs.
 */

export interface BenchOptions {
  partners: number;
  /** Measured calls of a) and of b) one at a time. */
  calls: number;
  /** Requests of b) under concurrency. */
  requests: number;
  concurrency: number;
  warmup: number;
  json?: string;
  /** Calls of the partner dashboard per caller (scripts/bench-dashboard.ts). */
  dashboardCalls: number;
}

const USAGE = "Usage: npm run bench -- [--partners N] [--calls N] [--requests N] [--concurrency N] [--warmup N] [--dashboard-calls N] [--json file]";
const BENCH_DATABASE = "customs_bench_identity";
const REPRESENTATIONS = 100;

export function parseBenchArgs(argv: string[]): BenchOptions {
  const options: BenchOptions = { partners: 1000, calls: 200, requests: 500, concurrency: 8, warmup: 20, dashboardCalls: 100 };
  // Bounds keep every loop finite and the seed within what a laptop does in seconds.
  const limits: Record<string, [keyof BenchOptions, number, number]> = {
    "--partners": ["partners", REPRESENTATIONS, 200_000],
    "--calls": ["calls", 1, 100_000],
    "--requests": ["requests", 1, 100_000],
    "--concurrency": ["concurrency", 1, 256],
    "--warmup": ["warmup", 0, 10_000],
    "--dashboard-calls": ["dashboardCalls", 1, 10_000],
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(USAGE);
    if (flag === "--json") {
      options.json = value;
      continue;
    }
    const limit = limits[flag];
    if (!limit) throw new Error(USAGE);
    const [key, min, max] = limit;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${flag} must be an integer from ${min} to ${max}`);
    (options as unknown as Record<string, number>)[key] = n;
  }
  return options;
}

/** Nearest-rank percentile of an unsorted sample. */
export function percentile(sample: number[], p: number): number {
  if (sample.length === 0) return NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface LatencyFigures {
  calls: number;
  sqlPerCall: { min: number; max: number; mean: number };
  p50Ms: number;
  p95Ms: number;
}

export interface BenchFigures {
  engine: "sqlite" | "mysql";
  node: string;
  partners: number;
  roles: number;
  seedMs: number;
  entities: LatencyFigures & { representations: number };
  gatewayPage: LatencyFigures & { first: number };
  gatewayLoad: { requests: number; concurrency: number; seconds: number; requestsPerSecond: number; sqlPerRequest: number; p50Ms: number; p95Ms: number };
  memory: { rssMb: number; heapUsedMb: number; heapTotalMb: number; externalMb: number };
}

const ENTITIES_QUERY = /* GraphQL */ `
  query PartnerReferences($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on BusinessPartner { id name status } }
  }`;

const PAGE_QUERY = /* GraphQL */ `
  query PartnerPage { businessPartners(first: 100) { edges { node { id name roles { edges { node { roleType } } } apiSelfServiceAvailable } } } }`;

const OFFICER: Principal = { kind: "OFFICER", subject: "bench-officer", partners: [], officerRoles: ["AUDITOR"] };

interface Timed {
  ms: number;
  statements: number;
}

/** Inserts `count` onboarded partners and their roles straight through the repositories, in one transaction. */
async function seedPartners(subgraph: Subgraph<IdentityServices>, count: number): Promise<{ ids: string[]; roles: number }> {
  const ids: string[] = [];
  let roles = 0;
  const base = Date.parse("2026-01-05T08:00:00Z");
  await subgraph.runtime.dataSource.transaction(async manager => {
    const chunk = 250;
    for (let start = 0; start < count; start += chunk) {
      const partners: BusinessPartner[] = [];
      const partnerRoles: PartnerRole[] = [];
      for (let i = start; i < Math.min(count, start + chunk); i++) {
        const id = randomUUID();
        ids.push(id);
        const createdAt = new Date(base + i * 1000);
        partners.push(
          manager.create(BusinessPartner, {
            id,
            partnerType: PartnerType.LEGAL_ENTITY,
            name: `Bench Partner ${String(i).padStart(6, "0")} AG`,
            uid: null,
            berNumber: null,
            headOfficeId: null,
            registerAddress: { street: `Bahnhofstrasse ${1 + (i % 200)}`, postalCode: "8001", city: "Zürich", country: "CH" },
            entryMode: PartnerEntryMode.MANUAL,
            domicileInCustomsTerritory: true,
            status: PartnerStatus.ONBOARDED,
            registeredById: "bench-seed",
            createdAt,
          }),
        );
        // Every partner has FREIGHT (active for half of them), every third one TRANSPORT as well.
        const types = i % 3 === 0 ? [PartnerRoleType.FREIGHT, PartnerRoleType.TRANSPORT] : [PartnerRoleType.FREIGHT];
        for (const roleType of types) {
          const active = i % 2 === 0;
          partnerRoles.push(
            manager.create(PartnerRole, {
              id: randomUUID(),
              partnerId: id,
              roleType,
              status: active ? RoleStatus.ACTIVE : RoleStatus.REQUESTED,
              contactPerson: null,
              requestedById: "bench-seed",
              requestedAt: createdAt,
              releasedAt: active ? createdAt : null,
              decisionNote: null,
              decidedBy: active ? "bench-seed" : null,
              endedAt: null,
            }),
          );
        }
      }
      await manager.insert(BusinessPartner, partners);
      await manager.insert(PartnerRole, partnerRoles);
      roles += partnerRoles.length;
    }
  });
  return { ids, roles };
}

async function postGraphQL(url: string, headers: Record<string, string>, query: string, variables?: Record<string, unknown>): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (!response.ok || body.errors?.length) throw new Error(`HTTP ${response.status} from ${url}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  return body;
}

/** Runs `fn` `warmup` times unmeasured, then `calls` times, one at a time, timing each and counting its SQL. */
async function measureSequential(subgraph: Subgraph<IdentityServices>, warmup: number, calls: number, fn: (i: number) => Promise<void>): Promise<LatencyFigures> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const runs: Timed[] = [];
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    const { statements } = await subgraph.runtime.sql.measure(() => fn(warmup + i));
    runs.push({ ms: performance.now() - started, statements });
  }
  return summarise(runs);
}

function summarise(runs: Timed[]): LatencyFigures {
  const statements = runs.map(r => r.statements);
  const ms = runs.map(r => r.ms);
  return {
    calls: runs.length,
    sqlPerCall: { min: Math.min(...statements), max: Math.max(...statements), mean: round(statements.reduce((a, b) => a + b, 0) / runs.length, 2) },
    p50Ms: round(percentile(ms, 50), 2),
    p95Ms: round(percentile(ms, 95), 2),
  };
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export async function resetMysqlDatabase(serverUrl: string, database: string, recreate: boolean): Promise<string> {
  const server = new URL(serverUrl);
  const conn = await createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username || "root"),
    password: decodeURIComponent(server.password),
  });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
    if (recreate) await conn.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
  server.pathname = `/${database}`;
  return server.toString();
}

export async function runBench(options: BenchOptions, log: (line: string) => void = line => console.log(line)): Promise<BenchFigures> {
  const logger = pino({ level: process.env.LOG_LEVEL ?? "warn", base: { service: "bench" } });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "customs-bench-"));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LETTER_SPOOL_DIR: path.join(dataDir, "letters") };
  // No outbox traffic during the runs, and never someone's own database.
  delete env.EVENT_SUBSCRIBERS;
  delete env.IDENTITY_DATABASE_URL;
  const mysqlUrl = process.env.MYSQL_URL;
  if (mysqlUrl) env.IDENTITY_DATABASE_URL = await resetMysqlDatabase(mysqlUrl, BENCH_DATABASE, true);

  const supergraph = await ensureSupergraph(ROOT, { log, separateProcess: true, dataDir });
  let subgraph: Subgraph<IdentityServices> | undefined;
  let gateway: Gateway | undefined;
  try {
    subgraph = await createSubgraph(definition, { env, logger: logger.child({ service: "identity" }) });
    const sub = subgraph;
    const subgraphHost = await sub.listen(0);
    const subgraphUrl = `${subgraphHost.url}/graphql`;
    gateway = await createGateway({
      env,
      supergraphSdl: fs.readFileSync(supergraph.path, "utf8"),
      subgraphUrls: { identity: subgraphUrl },
      port: 0,
      logger: logger.child({ service: "gateway" }),
    });
    const gatewayHost = await gateway.listen(0);
    const gatewayUrl = `${gatewayHost.url}/graphql`;
    log(`identity on ${sub.runtime.engine} at ${subgraphUrl}, gateway at ${gatewayUrl}`);

    const seedStarted = performance.now();
    const { ids, roles } = await seedPartners(sub, options.partners);
    const seedMs = performance.now() - seedStarted;
    log(`seeded ${ids.length} partners and ${roles} roles in ${seedMs.toFixed(0)} ms`);

    // a) 100 representations per call, a different window of partners each time.
    const secret = signingSecret(env);
    const entities = await measureSequential(sub, options.warmup, options.calls, async i => {
      const offset = (i * REPRESENTATIONS) % (ids.length - REPRESENTATIONS + 1);
      const representations = ids.slice(offset, offset + REPRESENTATIONS).map(id => ({ __typename: "BusinessPartner", id }));
      const body = await postGraphQL(subgraphUrl, { [PRINCIPAL_HEADER]: await signPrincipal(OFFICER, secret, "identity") }, ENTITIES_QUERY, { representations });
      const resolved = (body.data?._entities as unknown[] | undefined)?.filter(Boolean).length;
      if (resolved !== REPRESENTATIONS) throw new Error(`_entities resolved ${resolved} of ${REPRESENTATIONS} partners`);
    });

    // b) a page of 100 partners through the gateway.
    const bearer = { authorization: `Bearer ${await mintDevToken({ kind: "officer", sub: "bench-officer", roles: ["AUDITOR"] })}` };
    const page = async () => {
      const body = await postGraphQL(gatewayUrl, bearer, PAGE_QUERY);
      const edges = (body.data?.businessPartners as { edges?: unknown[] } | undefined)?.edges?.length;
      if (edges !== 100) throw new Error(`businessPartners(first: 100) returned ${edges} edges`);
    };
    const gatewayPage = await measureSequential(sub, options.warmup, options.calls, page);

    const latencies: number[] = [];
    let next = 0;
    const before = sub.runtime.sql.count;
    const loadStarted = performance.now();
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (next < options.requests) {
          next += 1;
          const started = performance.now();
          await page();
          latencies.push(performance.now() - started);
        }
      }),
    );
    const seconds = (performance.now() - loadStarted) / 1000;
    const gatewayLoad = {
      requests: options.requests,
      concurrency: options.concurrency,
      seconds: round(seconds, 2),
      requestsPerSecond: round(options.requests / seconds, 1),
      sqlPerRequest: round((sub.runtime.sql.count - before) / options.requests, 2),
      p50Ms: round(percentile(latencies, 50), 2),
      p95Ms: round(percentile(latencies, 95), 2),
    };

    // c) memory of this process (client, gateway and subgraph together).
    const memory = process.memoryUsage();
    const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);
    return {
      engine: sub.runtime.engine,
      node: process.version,
      partners: ids.length,
      roles,
      seedMs: Math.round(seedMs),
      entities: { ...entities, representations: REPRESENTATIONS },
      gatewayPage: { ...gatewayPage, first: 100 },
      gatewayLoad,
      memory: { rssMb: mb(memory.rss), heapUsedMb: mb(memory.heapUsed), heapTotalMb: mb(memory.heapTotal), externalMb: mb(memory.external) },
    };
  } finally {
    await gateway?.stop();
    await subgraph?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (mysqlUrl) await resetMysqlDatabase(mysqlUrl, BENCH_DATABASE, false);
  }
}

export function formatTable(f: BenchFigures): string {
  const sql = (s: LatencyFigures["sqlPerCall"]) => (s.min === s.max ? String(s.min) : `${s.min}-${s.max}`);
  const rows: string[][] = [
    ["measure", "calls", "SQL/call", "p50 ms", "p95 ms", "req/s"],
    [`a) _entities, ${f.entities.representations} BusinessPartner refs (subgraph)`, String(f.entities.calls), sql(f.entities.sqlPerCall), String(f.entities.p50Ms), String(f.entities.p95Ms), ""],
    [`b) businessPartners(first: ${f.gatewayPage.first}) via gateway, 1 at a time`, String(f.gatewayPage.calls), sql(f.gatewayPage.sqlPerCall), String(f.gatewayPage.p50Ms), String(f.gatewayPage.p95Ms), ""],
    [
      `b) same, concurrency ${f.gatewayLoad.concurrency}`,
      String(f.gatewayLoad.requests),
      String(f.gatewayLoad.sqlPerRequest),
      String(f.gatewayLoad.p50Ms),
      String(f.gatewayLoad.p95Ms),
      String(f.gatewayLoad.requestsPerSecond),
    ],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  return [
    `identity on ${f.engine}, ${f.partners} partners, ${f.roles} roles (seeded in ${f.seedMs} ms), node ${f.node}`,
    line(rows[0]),
    ...rows.slice(1).map(line),
    `c) memory after the runs (one process: client, gateway, subgraph): RSS ${f.memory.rssMb} MB, heap used ${f.memory.heapUsedMb} of ${f.memory.heapTotalMb} MB, external ${f.memory.externalMb} MB`,
  ].join("\n");
}
