import pino, { Logger } from "pino";

/**
 * Structured JSON logs (pino). `LOG_LEVEL` sets the level; tests default to `warn` so the
 * suite stays readable.
 */
export function createLogger(name: string): Logger {
  const fallback = process.env.JEST_WORKER_ID ? "warn" : "info";
  return pino({ name, level: process.env.LOG_LEVEL ?? fallback, base: { service: name } });
}

export type { Logger };
