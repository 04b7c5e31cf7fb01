// @apollo/gateway starts an anonymous usage exporter in its constructor unless this is set.
process.env.APOLLO_TELEMETRY_DISABLED = "true";
import "reflect-metadata";

import fs from "node:fs";
import { formatDashboard, runDashboardBench } from "./bench-dashboard";
import { formatTable, parseBenchArgs, runBench } from "./bench-entities";
import { formatStock, runStockBench } from "./bench-stock";

/**
 * `npm run bench [-- --partners 1000 --dashboard-calls 100 --json out.json]`: the figures that speed
 * and memory targets are checked against (not timed tests), on SQLite, or on MariaDB with MYSQL_URL:
 *   1. entity references and a page of partners (scripts/bench-entities.ts);
 *   2. the partner dashboard with 100 overdue debts across three subgraphs (scripts/bench-dashboard.ts);
 *   3. the stock of a past instant on a facility with 100,000 movements (scripts/bench-stock.ts).
 */
async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  const entities = await runBench(options);
  const dashboard = await runDashboardBench({ calls: options.dashboardCalls });
  const stock = await runStockBench();
  console.log("");
  console.log(formatTable(entities));
  console.log("");
  console.log(formatDashboard(dashboard));
  console.log("");
  console.log(formatStock(stock));
  const figures = { entities, dashboard, stock };
  if (options.json) fs.writeFileSync(options.json, `${JSON.stringify(figures, null, 2)}\n`);
  // The last line is machine-readable.
  console.log(JSON.stringify(figures));
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
