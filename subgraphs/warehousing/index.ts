import "reflect-metadata";
import { createSubgraph } from "../kit";
import { seedDemoWarehousing } from "./seed";
import { definition } from "./warehousing.subgraph";

/** Launcher: `PORT` (default 4003); `SEED_DEMO=true` adds a demo facility and lots once identity's demo partner exists. */
async function main(): Promise<void> {
  const subgraph = await createSubgraph(definition);
  await subgraph.listen(Number(process.env.PORT ?? 4003), process.env.HOST ?? "127.0.0.1");
  if (process.env.SEED_DEMO === "true") {
    seedDemoWarehousing(subgraph.services, process.env.DEMO_CREDENTIALS_FILE).catch(error => subgraph.runtime.logger.error({ err: error }, "demo warehousing failed"));
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
