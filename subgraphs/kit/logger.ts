import pino, { Logger } from "pino";

/**
 * Structured JSON logs (pino). `LOG_LEVEL` sets the level; tests default to `warn` so the
 * suite stays readable.
 */
export function createLogger(name: string, options: { async?: boolean } = {}): Logger {
  const fallback = process.env.JEST_WORKER_ID ? "warn" : "info";
  const settings = { name, level: process.env.LOG_LEVEL ?? fallback, base: { service: name } };
  // Asynchronous output (the gateway's): a request does not wait for its log line to be written;
  // pino flushes what is buffered when the process exits.
  return options.async ? pino(settings, pino.destination({ sync: false })) : pino(settings);
}

export type { Logger };
