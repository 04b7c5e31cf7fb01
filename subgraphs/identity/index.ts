import "reflect-metadata";
import { launchSubgraph } from "../kit";
import { definition } from "./identity.subgraph";
import { seedDemoData } from "./seed";

/** Launcher: `PORT` (default 4001); `SEED_DEMO=true` loads the demo data set once, before the first request. */
launchSubgraph(definition, 4001, {
  beforeListen: async subgraph => (process.env.SEED_DEMO === "true" ? seedDemoData(subgraph.services, process.env.DEMO_CREDENTIALS_FILE) : undefined),
});
