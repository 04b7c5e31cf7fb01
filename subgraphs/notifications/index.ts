import "reflect-metadata";
import { launchSubgraph } from "../kit";
import { definition } from "./notifications.subgraph";

/** Launcher: `PORT` (default 4006). No demo data: the inbox fills from the other subgraphs' events (identity's demo roles among them). */
launchSubgraph(definition, 4006);
