import "reflect-metadata";
import { createSubgraph } from "../kit";
import { definition } from "./notifications.subgraph";

/** Launcher: `PORT` (default 4006). No demo data: the inbox fills from the other subgraphs' events (identity's demo roles among them). */
async function main(): Promise<void> {
  const subgraph = await createSubgraph(definition);
  await subgraph.listen(Number(process.env.PORT ?? 4006), process.env.HOST ?? "127.0.0.1");
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
