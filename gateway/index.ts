// Before anything loads @apollo/gateway (gateway.ts sets it too, for tests that import it directly).
process.env.APOLLO_TELEMETRY_DISABLED = "true";

import { createLogger } from "../subgraphs/kit/gateway-side";
import { createGateway } from "./gateway";

/** Launcher: `PORT`, `HOST`, `SUPERGRAPH_PATH`, `<NAME>_URL` and the JWT settings come from the environment. */
async function main(): Promise<void> {
  const logger = createLogger("gateway", { async: true });
  const gateway = await createGateway({ logger });
  await gateway.listen();
  const shutdown = (signal: string) => {
    logger.info({ signal }, "gateway stopping");
    gateway.stop().then(
      () => process.exit(0),
      error => {
        logger.error({ err: error }, "gateway did not stop cleanly");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch(error => {
  createLogger("gateway").fatal({ err: error }, "gateway failed to start");
  process.exit(1);
});
