import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { nodeArgsFor } from "../../subgraphs/kit/layout";

/**
 * The supergraph something serves (`npm start`, benchmarks), in step with the code, without ever
 * writing a tracked file (issue 13). The decision is by content: a digest of every source of
 * composition (the files under `subgraphs/` and rover.yaml). When the checked-in
 * schema/supergraph.graphql was composed from the same content, it is served as it is; otherwise
 * the graph is composed into `<DATA_DIR>/supergraph.graphql` (with its digest beside it), served
 * from there, and the developer is told to run `npm run compose` to update schema/. A fresh clone
 * composes once to learn the digest of the checked-in file, and never again until the code changes.
 */

/** Composition failed; compose.ts has already printed why. */
export class CompositionFailed extends Error {
  override name = "CompositionFailed";
}

/** Every file under `subgraphs/` (dot folders, node_modules and tests aside), plus rover.yaml. */
export function compositionSources(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && !/\.test\.ts$/.test(entry.name)) files.push(full);
    }
  };
  const subgraphs = path.join(root, "subgraphs");
  if (fs.existsSync(subgraphs)) walk(subgraphs);
  const rover = path.join(root, "rover.yaml");
  if (fs.existsSync(rover)) files.push(rover);
  return files;
}

/** SHA-256 over the sources' paths (relative to root) and contents: the same code gives the same digest on any clone. */
export function sourcesDigest(root: string): string {
  const hash = createHash("sha256");
  for (const file of compositionSources(root)) {
    hash.update(path.relative(root, file).split(path.sep).join("/"));
    hash.update("\0");
    hash.update(fs.readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

export interface EnsureOptions {
  log?: (line: string) => void;
  /** Where the composed supergraph and digests are kept. @default <root>/data */
  dataDir?: string;
  /**
   * Compose in a child process rather than in this one: a benchmark keeps @apollo/composition
   * and a second build of every schema out of its memory figures. @default false
   */
  separateProcess?: boolean;
}

export interface EnsuredSupergraph {
  /** The file to serve (SUPERGRAPH_PATH). */
  path: string;
  /** `checked-in`: schema/supergraph.graphql matches the code; `composed`: composed into the data folder. */
  source: "checked-in" | "composed";
}

interface DigestRecord {
  /** Digest of the sources this record was made for. */
  sources: string;
  /** SHA-256 of the supergraph they compose to. */
  supergraph: string;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function readRecord(file: string): DigestRecord | undefined {
  try {
    const record = JSON.parse(fs.readFileSync(file, "utf8")) as DigestRecord;
    return typeof record.sources === "string" && typeof record.supergraph === "string" ? record : undefined;
  } catch {
    return undefined;
  }
}

/** Composes without writing anything tracked: the supergraph SDL, or a CompositionFailed. */
async function composeInMemory(root: string, separateProcess: boolean): Promise<string> {
  if (separateProcess) {
    const child = spawnSync(process.execPath, [...nodeArgsFor(path.posix.join("scripts", "compose")), "--print-supergraph"], {
      cwd: root,
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 64 * 1024 * 1024,
    });
    if (child.status !== 0) throw new CompositionFailed("Composition failed (see the errors above): the graph cannot start until the subgraph schemas compose.");
    return child.stdout.toString("utf8");
  }
  // Loaded only when needed: it pulls in @apollo/composition and every subgraph's classes.
  const { composeFromCode } = await import("../compose");
  const outcome = await composeFromCode(root);
  if (!outcome.ok) {
    for (const error of outcome.errors) console.error(`  - [${String(error.extensions?.code ?? "ERROR")}] ${error.message}`);
    throw new CompositionFailed("Composition failed (see the errors above): the graph cannot start until the subgraph schemas compose.");
  }
  return outcome.supergraphSdl;
}

/**
 * The supergraph to serve for the code as it is now. Writes only into the data folder.
 */
export async function ensureSupergraph(root: string, options: EnsureOptions = {}): Promise<EnsuredSupergraph> {
  const log = options.log ?? (line => console.log(line));
  const dataDir = options.dataDir ?? path.join(root, "data");
  const checkedInPath = path.join(root, "schema", "supergraph.graphql");
  const composedPath = path.join(dataDir, "supergraph.graphql");
  const recordPath = path.join(dataDir, "supergraph.digest.json");
  const digest = sourcesDigest(root);
  const checkedIn = fs.existsSync(checkedInPath) ? fs.readFileSync(checkedInPath, "utf8") : undefined;
  const record = readRecord(recordPath);
  if (record?.sources === digest) {
    if (checkedIn !== undefined && sha256(checkedIn) === record.supergraph) return { path: checkedInPath, source: "checked-in" };
    if (fs.existsSync(composedPath) && sha256(fs.readFileSync(composedPath, "utf8")) === record.supergraph) return { path: composedPath, source: "composed" };
  }
  log(record ? "the code changed since the last composition: composing ..." : "composing the subgraphs once to check schema/supergraph.graphql against the code ...");
  const supergraph = await composeInMemory(root, options.separateProcess ?? false);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(recordPath, `${JSON.stringify({ sources: digest, supergraph: sha256(supergraph) } satisfies DigestRecord, null, 2)}\n`);
  if (checkedIn === supergraph) return { path: checkedInPath, source: "checked-in" };
  fs.writeFileSync(composedPath, supergraph);
  log(`schema/supergraph.graphql does not match the code: serving ${path.relative(root, composedPath)}; run \`npm run compose\` and commit schema/ to update the checked-in files.`);
  return { path: composedPath, source: "composed" };
}
