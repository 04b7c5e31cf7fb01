import "reflect-metadata";
import { createSubgraph } from "../kit";
import { definition } from "./declarations.subgraph";
import { seedDemoDeclarations } from "./seed";

/** Launcher: `PORT` (default 4002); `SEED_DEMO=true` lodges demo declarations once identity's events arrived. */
async function main(): Promise<void> {
  const subgraph = await createSubgraph(definition);
  await subgraph.listen(Number(process.env.PORT ?? 4002), process.env.HOST ?? "127.0.0.1");
  if (process.env.SEED_DEMO === "true") {
    seedDemoDeclarations(subgraph.services).catch(error => subgraph.runtime.logger.error({ err: error }, "demo declarations failed"));
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
