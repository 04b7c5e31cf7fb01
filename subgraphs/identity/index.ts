import "reflect-metadata";
import { createSubgraph } from "../kit";
import { definition } from "./identity.subgraph";
import { seedDemoData } from "./seed";

/** Launcher: `PORT` (default 4001); `SEED_DEMO=true` loads the demo data set once. */
async function main(): Promise<void> {
  const subgraph = await createSubgraph(definition);
  if (process.env.SEED_DEMO === "true") await seedDemoData(subgraph.services, process.env.DEMO_CREDENTIALS_FILE);
  await subgraph.listen(Number(process.env.PORT ?? 4001), process.env.HOST ?? "127.0.0.1");
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
