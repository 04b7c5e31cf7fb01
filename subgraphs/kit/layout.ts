import fs from "node:fs";
import path from "node:path";

/**
 * Where the project is, whether it runs from its TypeScript sources (ts-node, ts-jest) or compiled
 * to `dist/` (`npm run build`, `npm start`, production). Files that are not code (rover.yaml,
 * schema/, gateway/dev-keys/, data/) live under the project root in both cases; modules are
 * loaded from the code root with the code's own extension.
 */

/** The folder holding package.json: the project root, from the sources and from dist/ alike. */
export const PROJECT_ROOT = findProjectRoot(__dirname);

/** The project root when running from sources, `<root>/dist` when compiled. */
export const CODE_ROOT = path.resolve(__dirname, "..", "..");

/** `.ts` from sources, `.js` compiled: the extension of loadable modules (`index.ts` / `index.js`). */
export const CODE_EXT = path.extname(__filename) === ".ts" ? ".ts" : ".js";

/** True when this process runs compiled JavaScript. */
export const COMPILED = CODE_EXT === ".js";

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, "..", "..");
  }
}

/**
 * How to run a module of the project in a child process: `node <file>.js` when compiled, else
 * through ts-node's transpile-only register (no type check, no per-frame source mapping needed).
 * `relative` is written without extension, from the code root: `subgraphs/identity/index`.
 */
export function nodeArgsFor(relative: string): string[] {
  const file = path.join(CODE_ROOT, `${relative}${CODE_EXT}`);
  return COMPILED ? [file] : ["-r", "ts-node/register/transpile-only", file];
}
