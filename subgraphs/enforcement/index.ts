import "reflect-metadata";
import { launchSubgraph } from "../kit";
import { definition } from "./enforcement.subgraph";
import { seedDemoEnforcement } from "./seed";

/** Launcher: `PORT` (default 4005); `SEED_DEMO=true` adds a demo case once identity's demo partner exists. */
launchSubgraph(definition, 4005, {
  afterListen: async subgraph => (process.env.SEED_DEMO === "true" ? seedDemoEnforcement(subgraph.services, process.env.DEMO_CREDENTIALS_FILE) : undefined),
});
