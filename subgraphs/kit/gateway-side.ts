/**
 * The part of the kit the gateway uses: principals, the HTTP host, the keep-alive client, logging,
 * error masking and the idempotency key's syntax. Importing the kit's index would load TypeORM,
 * the database drivers and TypeGraphQL into a process that has no database (tens of MB of heap).
 */
export * from "./errors";
export * from "./http";
export * from "./http-client";
export * from "./idempotency-key";
export * from "./logger";
export * from "./metrics";
export * from "./principal";
export * from "./tracing";
export * from "./jetstream";
