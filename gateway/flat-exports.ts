/**
 * Loaded before @apollo/gateway (gateway.ts imports it first). TypeScript's CommonJS re-exports
 * (`export * from "./definitions"`) turn every export of a package index into a getter that reads
 * the inner module, and @apollo/gateway's result shaping reads `federation_internals_1.isX` in its
 * innermost loops: a profile of the gateway benchmark showed these getters at 7 % of the CPU.
 *
 * Here each such package is required once, fully loaded, and the module cache is given a plain
 * object holding the very same values, so that the modules loaded after this one read data
 * properties. Nothing else changes: the functions, classes and constants are identical, and the
 * packages export no binding that is reassigned after loading (they are functions, classes and
 * frozen tables).
 */
const PACKAGES = ["@apollo/federation-internals", "@apollo/query-planner"];

for (const name of PACKAGES) {
  const resolved = require.resolve(name);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(name) as Record<string, unknown>;
  const cached = require.cache[resolved];
  if (!cached || cached.exports !== loaded) continue;
  const flat: Record<string, unknown> = {};
  for (const key of Object.keys(loaded)) flat[key] = loaded[key];
  Object.defineProperty(flat, "__esModule", { value: true });
  cached.exports = flat;
}

export {};
