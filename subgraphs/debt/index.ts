import "reflect-metadata";
import { launchSubgraph } from "../kit";
import { definition } from "./debt.subgraph";

/** Launcher: `PORT` (default 4004). */
launchSubgraph(definition, 4004);
