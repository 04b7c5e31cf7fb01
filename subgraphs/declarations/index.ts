import "reflect-metadata";
import { launchSubgraph } from "../kit";
import { definition } from "./declarations.subgraph";
import { seedDemoDeclarations } from "./seed";

/** Launcher: `PORT` (default 4002); `SEED_DEMO=true` lodges demo declarations once identity's events arrived. */
launchSubgraph(definition, 4002, {
  afterListen: async subgraph => (process.env.SEED_DEMO === "true" ? seedDemoDeclarations(subgraph.services) : undefined),
});
