/** The subgraph kit: the shared plumbing every subgraph uses, and nothing of any domain. */
export * from "./calendar";
export * from "./clock";
export * from "./datasource";
export * from "./errors";
export * from "./events";
export * from "./http";
export * from "./jobs";
export * from "./loaders";
export * from "./logger";
export * from "./migrations";
export * from "./money";
export * from "./pagination";
export * from "./principal";
export * from "./schema";
export * from "./subgraph";
export * from "./time";
export * from "./transaction";
