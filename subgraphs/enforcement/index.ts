import "reflect-metadata";
import { createSubgraph } from "../kit";
import { definition } from "./enforcement.subgraph";
import { seedDemoEnforcement } from "./seed";

/** Launcher: `PORT` (default 4005); `SEED_DEMO=true` adds a demo case once identity's demo partner exists. */
async function main(): Promise<void> {
  const subgraph = await createSubgraph(definition);
  await subgraph.listen(Number(process.env.PORT ?? 4005), process.env.HOST ?? "127.0.0.1");
  if (process.env.SEED_DEMO === "true") {
    seedDemoEnforcement(subgraph.services, process.env.DEMO_CREDENTIALS_FILE).catch(error => subgraph.runtime.logger.error({ err: error }, "demo enforcement failed"));
  }
  const stop = async () => {
    await subgraph.stop();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
