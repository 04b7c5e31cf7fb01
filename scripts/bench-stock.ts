// Entities and resolvers are decorated classes.
import "reflect-metadata";

import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { createSubgraph, Principal, sqlTime, Subgraph } from "../subgraphs/kit";
import { FacilityKind, LotStatus, MovementKind } from "../subgraphs/warehousing/entities/enums";
import { periodOf } from "../subgraphs/warehousing/services/stock.service";
import type { WarehousingServices } from "../subgraphs/warehousing/services";
import { definition } from "../subgraphs/warehousing/warehousing.subgraph";
import { gql } from "../test/support/graphql";
import { percentile, resetMysqlDatabase } from "./bench-entities";

/**
 * Issue 10's stock-as-of benchmark: a free deposit with `movements` movements (100,000 by default:
 * 50 depositors, 20 tariff numbers, lots entering and leaving every ten minutes over about two
 * years), bulk-loaded, then `storageFacility { stock(at) }` asked at random past instants through
 * the warehousing subgraph's GraphQL endpoint. Prints p50 / p95 and the statements per call, and
 * the same for a facility with 1,000 movements: the statement count does not grow with the
 * history. MariaDB when MYSQL_URL is set (database `customs_bench_warehousing`, dropped after),
 * else SQLite. Target: p50 under 50 ms.
 */
export interface StockFigures {
  engine: string;
  facilities: { movements: number; positions: number; calls: number; statementsPerCall: number; p50Ms: number; p95Ms: number }[];
  seedMs: number;
}

const OFFICER: Principal = { kind: "OFFICER", subject: "bench-officer", partners: [], officerRoles: ["CUSTOMS_OFFICE", "DISTRICT_DIRECTORATE"] };
const START = Date.parse("2024-01-01T00:00:00Z");
const STEP_MS = 10 * 60_000;
const QUERY = `query ($id: ID!, $at: DateTime!) { storageFacility(id: $id) { stock(at: $at) { totalNetMassKg lines(first: 100) { edges { node { tariffNumber netMassKg depositor { id } } } } } } }`;

/**
 * Loads `count` movements for a new free deposit straight into the tables, in batches, with their
 * running balances and the positions' monthly closing balances. The stock reads movements and
 * closings only, so the lots' own exit columns are not kept.
 */
async function seed(sub: Subgraph<WarehousingServices>, count: number, depositors: number, tariffs: number): Promise<{ facilityId: string; positions: number; lastAt: number }> {
  const facility = await sub.services.facilities.apply(OFFICER, { operatorId: randomUUID(), kind: FacilityKind.CUSTOMS_FREE_DEPOSIT, name: `Bench deposit ${count}`, address: "Bench road 1, 4000 Basel", controlOfficeId: "1001", domiciledInSwitzerland: true, properOperationGuaranteed: true, openToAllOnEqualTerms: true });
  await sub.services.facilities.decide(OFFICER, { facilityId: facility.id, grant: true, disproportionateAdministrativeCost: false });
  const ds = sub.runtime.dataSource;
  const positions = Array.from({ length: depositors * tariffs }, (_, i) => ({ id: randomUUID(), depositorId: `00000000-0000-4000-8000-${String(Math.floor(i / tariffs)).padStart(12, "0")}`, tariff: `${String(1000 + (i % tariffs)).padStart(4, "0")}.9900`, balance: 0, open: [] as { id: string; grams: number }[], closing: new Map<number, number>() }));
  let random = 42;
  const next = () => (random = (random * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lots: unknown[][] = [];
  const moves: unknown[][] = [];
  const flush = async () => {
    if (lots.length) {
      await ds.query(
        `INSERT INTO stored_lot (id, facility_id, depositor_id, entry_declaration_id, presented_at, entered_at, inventory_due_by, inventory_recorded_at, inventory_overdue_at, goods_description, tariff_number, net_mass_kg, grams, \`sensitive\`, under_export_regime, in_special_premises, storage_start, storage_end, max_storage_end, placement_deadline, conditional_duties_rappen, status, exit_declaration_id, exit_procedure, exit_declared_at, left_at, released_without_declaration_at, destruction_cause, version) VALUES ${lots.map(() => `(${Array(29).fill("?").join(", ")})`).join(", ")}`,
        lots.flat(),
      );
      lots.length = 0;
    }
    if (moves.length) {
      await ds.query(`INSERT INTO lot_movement (facility_id, lot_id, position_id, kind, delta_grams, balance_after_grams, at, period, declaration_id, recorded_by) VALUES ${moves.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, NULL, 'bench')").join(", ")}`, moves.flat());
      moves.length = 0;
    }
  };
  let at = START;
  for (let i = 0; i < count; i++) {
    at += STEP_MS;
    const p = positions[Math.floor(next() * positions.length)];
    const when = sqlTime(new Date(at));
    if (p.open.length && next() < 0.4) {
      const lot = p.open.splice(Math.floor(next() * p.open.length), 1)[0];
      p.balance -= lot.grams;
      moves.push([facility.id, lot.id, p.id, MovementKind.EXIT, -lot.grams, p.balance, when, periodOf(new Date(at))]);
      p.closing.set(periodOf(new Date(at)), p.balance);
    } else {
      const grams = 1000 * (1 + Math.floor(next() * 5000));
      const id = randomUUID();
      p.balance += grams;
      p.open.push({ id, grams });
      const kg = (grams / 1000).toFixed(3);
      lots.push([id, facility.id, p.depositorId, null, when, when, null, null, null, "Bench goods", p.tariff, kg, grams, 0, 0, 0, when, null, null, null, null, LotStatus.STORED, null, null, null, null, null, null, 1]);
      moves.push([facility.id, id, p.id, MovementKind.ENTRY, grams, p.balance, when, periodOf(new Date(at))]);
      p.closing.set(periodOf(new Date(at)), p.balance);
    }
    if (moves.length >= 500) await flush();
  }
  await flush();
  for (let i = 0; i < positions.length; i += 500) {
    const batch = positions.slice(i, i + 500);
    await ds.query(`INSERT INTO stock_position (id, facility_id, depositor_id, tariff_number, current_grams) VALUES ${batch.map(() => "(?, ?, ?, ?, ?)").join(", ")}`, batch.flatMap(p => [p.id, facility.id, p.depositorId, p.tariff, p.balance]));
  }
  const closings = positions.flatMap(p => [...p.closing].map(([period, grams]) => [p.id, period, grams]));
  for (let i = 0; i < closings.length; i += 500) {
    const batch = closings.slice(i, i + 500);
    await ds.query(`INSERT INTO position_period (position_id, period, closing_grams) VALUES ${batch.map(() => "(?, ?, ?)").join(", ")}`, batch.flat());
  }
  return { facilityId: facility.id, positions: positions.length, lastAt: at };
}

export async function runStockBench(options: { movements?: number; calls?: number } = {}, log: (line: string) => void = console.log): Promise<StockFigures> {
  const movements = options.movements ?? 100_000;
  const calls = options.calls ?? 200;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "customs-bench-stock-"));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, JOB_INTERVAL_MS: "3600000" };
  delete env.EVENT_SUBSCRIBERS;
  delete env.WAREHOUSING_DATABASE_URL;
  const mysqlUrl = process.env.MYSQL_URL;
  if (mysqlUrl) env.WAREHOUSING_DATABASE_URL = await resetMysqlDatabase(mysqlUrl, "customs_bench_warehousing", true);
  const logger = pino({ level: process.env.LOG_LEVEL ?? "warn" });
  const sub = await createSubgraph(definition, { env, logger });
  try {
    const host = await sub.listen(0);
    const url = `${host.url}/graphql`;
    const seedStarted = performance.now();
    const large = await seed(sub, movements, 50, 20);
    const small = await seed(sub, 1000, 50, 20);
    const seedMs = Math.round(performance.now() - seedStarted);
    log(`seeded ${movements} + 1000 movements on ${sub.runtime.engine} in ${seedMs} ms`);
    const facilities: StockFigures["facilities"] = [];
    for (const [facility, count] of [[large, movements], [small, 1000]] as const) {
      const instant = (i: number) => new Date(START + Math.floor(((i * 7919) % 1000) / 1000 * (facility.lastAt - START))).toISOString();
      const send = async (i: number) => {
        const res = await gql(url, QUERY, { id: facility.facilityId, at: instant(i) }, { principal: OFFICER, audience: "warehousing" });
        if (res.errors) throw new Error(JSON.stringify(res.errors).slice(0, 300));
        return res;
      };
      for (let i = 0; i < 10; i++) await send(i);
      const ms: number[] = [];
      let statements = 0;
      for (let i = 0; i < calls; i++) {
        const before = sub.runtime.sql.count;
        const started = performance.now();
        await send(i);
        ms.push(performance.now() - started);
        statements += sub.runtime.sql.count - before;
      }
      facilities.push({ movements: count, positions: facility.positions, calls, statementsPerCall: statements / calls, p50Ms: Math.round(percentile(ms, 50) * 100) / 100, p95Ms: Math.round(percentile(ms, 95) * 100) / 100 });
    }
    return { engine: sub.runtime.engine, facilities, seedMs };
  } finally {
    await sub.stop();
    // BENCH_KEEP_DATABASE=true keeps it, to look at the plans (EXPLAIN) afterwards.
    if (mysqlUrl && process.env.BENCH_KEEP_DATABASE !== "true") await resetMysqlDatabase(mysqlUrl, "customs_bench_warehousing", false);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function formatStock(f: StockFigures): string {
  return [
    `stock as of a past instant, storageFacility { stock(at) } on the warehousing subgraph, ${f.engine} (target p50 < 50 ms; statements must not grow with the history)`,
    "movements  positions  calls  SQL/call  p50 ms  p95 ms",
    ...f.facilities.map(x => `${String(x.movements).padStart(9)}  ${String(x.positions).padStart(9)}  ${String(x.calls).padStart(5)}  ${String(x.statementsPerCall).padStart(8)}  ${String(x.p50Ms).padStart(6)}  ${String(x.p95Ms).padStart(6)}`),
  ].join("\n");
}

if (require.main === module) {
  const movements = Number(process.argv[process.argv.indexOf("--movements") + 1]) || undefined;
  runStockBench({ movements }).then(
    figures => {
      console.log(formatStock(figures));
      console.log(JSON.stringify(figures));
      process.exit(0);
    },
    error => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
