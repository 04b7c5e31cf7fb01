// @apollo/gateway starts an anonymous usage exporter in its constructor unless this is set.
process.env.APOLLO_TELEMETRY_DISABLED = "true";
import "reflect-metadata";

import { definition as debtDefinition } from "../subgraphs/debt/debt.subgraph";
import { definition as declarationsDefinition } from "../subgraphs/declarations/declarations.subgraph";
import { definition as identityDefinition } from "../subgraphs/identity/identity.subgraph";
import { DASHBOARD_QUERY, PROCEDURES_QUERY, seedDashboard, seedProcedureCases } from "../test/support/dashboard";
import { startGraph } from "../test/support/graph";
import { onboardDeclarant } from "../test/support/onboarding";
import { mintDevToken } from "./mint-token";

/**
 * The partner dashboard of issue 7 through the gateway: a partner with `declarations` taxed
 * imports whose debts are all overdue (interest accruing for 40 days), its roles, securities and
 * exposure. Three subgraphs (identity, declarations, debt) and the gateway run in this process
 * on MariaDB when MYSQL_URL is set (databases `customs_bench_dash_*`, dropped afterwards), else on
 * embedded SQLite files; the client calls one at a time. For an officer and for the partner's own
 * portal user: statements per subgraph per call, and latency p50 / p95. Target: p50 under 100 ms.
 * Issue 9 adds a second read: another partner's 100 procedure cases with their relief deadlines,
 * declarations and conditional debts (`PROCEDURES_QUERY`), same target.
 */
export interface DashboardFigures {
  engine: "mysql" | "sqlite";
  declarations: number;
  overdueDebts: number;
  calls: number;
  callers: CallerFigures[];
  procedureCases: number;
  procedureCallers: CallerFigures[];
}

interface CallerFigures {
  caller: string;
  statements: Record<string, number>;
  p50Ms: number;
  p95Ms: number;
}

function percentile(sample: number[], p: number): number {
  const sorted = [...sample].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export async function runDashboardBench(options: { declarations?: number; calls?: number; warmup?: number } = {}, log: (line: string) => void = console.log): Promise<DashboardFigures> {
  const declarations = options.declarations ?? 100;
  const calls = options.calls ?? 100;
  const warmup = options.warmup ?? 10;
  const engine = process.env.MYSQL_URL ? "mysql" : "sqlite";
  const g = await startGraph("customs_bench_dash", "2026-03-02T08:00:00+01:00", [identityDefinition, declarationsDefinition, debtDefinition], { LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" }, engine);
  try {
    const partner = await onboardDeclarant(g.gatewayUrl, g.spool, "98000001", "Bench Dashboard AG");
    const surety = await onboardDeclarant(g.gatewayUrl, g.spool, "98000002", "Bench Surety AG");
    const fairs = await onboardDeclarant(g.gatewayUrl, g.spool, "98000004", "Bench Messen AG");
    await g.drainEvents(30_000);
    g.clock.set("2026-03-02T09:00:00+01:00");
    await partner.renew();
    await fairs.renew();
    const seeded = Date.now();
    await seedDashboard(g, partner, declarations, surety.partnerId);
    await seedProcedureCases(g, fairs, declarations);
    log(`seeded ${declarations} taxed declarations and their debts, and ${declarations} procedure cases with their conditional debts, on ${engine} in ${Date.now() - seeded} ms`);
    // 40 days after the payment period: every debt is overdue and accrues default interest.
    g.clock.set("2026-05-11T10:00:00+02:00");
    await g.subgraphs.debt.subgraph.jobs.runOnce();
    await g.quiesce();
    const officer = await mintDevToken({ kind: "officer", sub: "bench-officer", roles: ["CUSTOMS_OFFICE", "AUDITOR"] });

    /** One caller's figures for one query: statements per subgraph per call, p50 and p95. */
    const measure = async (caller: string, bearer: string, query: string, id: string, check: (data: any) => void): Promise<CallerFigures> => {
      const send = async () => {
        const response = await fetch(g.gatewayUrl, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${bearer}` }, body: JSON.stringify({ query, variables: { id, first: 100 } }) });
        const body = (await response.json()) as { data?: any; errors?: unknown[] };
        if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
        return body.data;
      };
      for (let i = 0; i < warmup; i++) await send();
      const ms: number[] = [];
      const totals: Record<string, number> = {};
      for (let i = 0; i < calls; i++) {
        const before = Object.fromEntries(Object.entries(g.subgraphs).map(([name, s]) => [name, s.subgraph.runtime.sql.count]));
        const started = performance.now();
        const data = await send();
        ms.push(performance.now() - started);
        for (const [name, s] of Object.entries(g.subgraphs)) totals[name] = (totals[name] ?? 0) + s.subgraph.runtime.sql.count - before[name];
        check(data);
      }
      return {
        caller,
        statements: Object.fromEntries(Object.entries(totals).map(([name, n]) => [name, Math.round((n / calls) * 100) / 100])),
        p50Ms: Math.round(percentile(ms, 50) * 100) / 100,
        p95Ms: Math.round(percentile(ms, 95) * 100) / 100,
      };
    };
    const callers: CallerFigures[] = [];
    const procedureCallers: CallerFigures[] = [];
    let overdueDebts = 0;
    let procedureCases = 0;
    for (const [caller, bearer, fairsBearer] of [
      ["officer", officer, officer],
      ["portal user (the partner's administrator)", partner.admin, fairs.admin],
    ] as const) {
      callers.push(await measure(caller, bearer, DASHBOARD_QUERY, partner.partnerId, data => {
        overdueDebts = data.businessPartner.declarations.edges.filter((e: any) => e.node.taxationDecision?.customsDebt?.status === "OVERDUE").length;
      }));
      procedureCallers.push(await measure(caller, fairsBearer, PROCEDURES_QUERY, fairs.partnerId, data => {
        procedureCases = data.businessPartner.procedureCases.edges.filter((e: any) => e.node.conditionalDebt?.status === "CONDITIONAL").length;
      }));
    }
    return { engine, declarations, overdueDebts, calls, callers, procedureCases, procedureCallers };
  } finally {
    await g.stop();
  }
}

export function formatDashboard(f: DashboardFigures): string {
  const table = (callers: CallerFigures[]) => {
    const names = Object.keys(callers[0]?.statements ?? {});
    const rows = [
      ["caller", ...names.map(n => `SQL ${n}`), "p50 ms", "p95 ms"],
      ...callers.map(c => [c.caller, ...names.map(n => String(c.statements[n])), String(c.p50Ms), String(c.p95Ms)]),
    ];
    const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
    const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
    return rows.map(line);
  };
  return [
    `partner dashboard through the gateway on ${f.engine}: ${f.declarations} declarations, ${f.overdueDebts} overdue debts, ${f.calls} calls each (target p50 < 100 ms)`,
    ...table(f.callers),
    `partner procedure cases through the gateway on ${f.engine}: ${f.procedureCases} open cases with conditional debts, ${f.calls} calls each (target p50 < 100 ms)`,
    ...table(f.procedureCallers),
  ].join("\n");
}
