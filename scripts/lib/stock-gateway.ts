// @apollo/gateway starts an anonymous usage exporter in its constructor unless this is set; the
// CommonJS output keeps this assignment ahead of the requires below.
process.env.APOLLO_TELEMETRY_DISABLED = "true";

import fs from "node:fs";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled } from "@apollo/server/plugin/disabled";
import { startStandaloneServer } from "@apollo/server/standalone";

/**
 * The yardstick of scripts/bench-gateway.ts: @apollo/gateway as its documentation sets it up, in
 * a plain Apollo Server on the standalone HTTP server, with nothing of this project's. Runs
 * compiled: `PORT=4000 SUPERGRAPH_PATH=supergraph.graphql node dist/scripts/lib/stock-gateway.js`.
 * Prints `listening <url>` once it answers.
 */
async function main(): Promise<void> {
  const supergraphPath = process.env.SUPERGRAPH_PATH;
  if (!supergraphPath) throw new Error("SUPERGRAPH_PATH must name a supergraph file");
  const port = Number(process.env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not '${process.env.PORT}'`);

  const server = new ApolloServer({
    gateway: new ApolloGateway({ supergraphSdl: fs.readFileSync(supergraphPath, "utf8") }),
    // Without a graph ref nothing would be reported anyway; saying so keeps it from being tried.
    plugins: [ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled()],
  });
  // Apollo Server stops itself on SIGTERM / SIGINT (stopOnTerminationSignals), which is how the driver ends it.
  const { url } = await startStandaloneServer(server, { listen: { port, host: process.env.HOST || "127.0.0.1" } });
  console.log(`listening ${url}`);
}

main().catch(error => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
