import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { nodeArgsFor } from "../../subgraphs/kit/layout";

/**
 * Keeps schema/supergraph.graphql in step with the code before something serves it
 * (`npm start`, `npm run bench`). The check is by modification time, like make: cheap, and
 * on a fresh clone it at worst composes once more than needed.
 */

/** Composition failed; compose.ts has already printed why. */
export class CompositionFailed extends Error {
  override name = "CompositionFailed";
}

export interface SourceFile {
  path: string;
  mtimeMs: number;
}

/** Every file under `subgraphs/` (dot folders and node_modules aside), plus rover.yaml. */
export function compositionSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.push({ path: full, mtimeMs: fs.statSync(full).mtimeMs });
    }
  };
  const subgraphs = path.join(root, "subgraphs");
  if (fs.existsSync(subgraphs)) walk(subgraphs);
  const rover = path.join(root, "rover.yaml");
  if (fs.existsSync(rover)) files.push({ path: rover, mtimeMs: fs.statSync(rover).mtimeMs });
  return files;
}

/** Why the supergraph must be composed again, or undefined when it is newer than every source. */
export function staleReason(supergraphMtimeMs: number | undefined, sources: SourceFile[], root: string): string | undefined {
  if (supergraphMtimeMs === undefined) return "schema/supergraph.graphql is missing";
  const newest = sources.reduce<SourceFile | undefined>((best, s) => (!best || s.mtimeMs > best.mtimeMs ? s : best), undefined);
  if (newest && newest.mtimeMs > supergraphMtimeMs) {
    return `schema/supergraph.graphql is older than ${path.relative(root, newest.path)}`;
  }
  return undefined;
}

export interface EnsureOptions {
  log?: (line: string) => void;
  /**
   * Compose in a child process rather than in this one: a benchmark keeps @apollo/composition
   * and a second build of every schema out of its memory figures. @default false
   */
  separateProcess?: boolean;
}

/**
 * Composes (scripts/compose.ts) when the supergraph is missing or older than the code, and
 * throws when composition fails. Returns what it did.
 */
export async function ensureSupergraph(root: string, options: EnsureOptions = {}): Promise<"fresh" | "composed"> {
  const log = options.log ?? (line => console.log(line));
  const supergraph = path.join(root, "schema", "supergraph.graphql");
  const mtime = fs.existsSync(supergraph) ? fs.statSync(supergraph).mtimeMs : undefined;
  const reason = staleReason(mtime, compositionSources(root), root);
  if (!reason) return "fresh";
  log(`${reason}: composing (npm run compose) ...`);
  let code: number;
  if (options.separateProcess) {
    const child = spawnSync(process.execPath, nodeArgsFor(path.posix.join("scripts", "compose")), {
      cwd: root,
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
      stdio: "inherit",
    });
    code = child.status ?? 1;
  } else {
    // Loaded only when needed: it pulls in @apollo/composition and every subgraph's classes.
    const { run } = await import("../compose");
    code = await run([], root);
  }
  if (code !== 0) throw new CompositionFailed("Composition failed (see the errors above): the graph cannot start until the subgraph schemas compose.");
  // compose.ts leaves an unchanged file alone; touching it records that it matches the code now,
  // so the next start does not compose again.
  const now = new Date();
  fs.utimesSync(supergraph, now, now);
  return "composed";
}
