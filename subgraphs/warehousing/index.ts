import "reflect-metadata";
import { launchSubgraph } from "../kit";
import { seedDemoWarehousing } from "./seed";
import { definition } from "./warehousing.subgraph";

/** Launcher: `PORT` (default 4003); `SEED_DEMO=true` adds a demo facility and lots once identity's demo partner exists. */
launchSubgraph(definition, 4003, {
  afterListen: async subgraph => (process.env.SEED_DEMO === "true" ? seedDemoWarehousing(subgraph.services, process.env.DEMO_CREDENTIALS_FILE) : undefined),
});
