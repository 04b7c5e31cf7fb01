import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { readRoverConfig, ROOT } from "./compose";

/**
 * `npm run reset`: clears the embedded data of `npm start`, so that the next start seeds the demo
 * data set afresh: each subgraph's SQLite file (with its -wal/-shm), the letter spool, the demo
 * credentials, the supergraph composed into the data folder. Only what start made in DATA_DIR
 * (./data) is removed; a MySQL/MariaDB database is never touched (drop it yourself). Refuses while
 * the graph is running.
 */
export function resetTargets(dataDir: string, subgraphs: string[]): string[] {
  const files = subgraphs.flatMap(name => ["", "-wal", "-shm", "-journal"].map(suffix => path.join(dataDir, `${name}.sqlite${suffix}`)));
  return [
    ...files,
    path.join(dataDir, "letters"),
    path.join(dataDir, "demo-credentials"),
    // Before issue 13 the demo credentials were one file for every database.
    path.join(dataDir, "demo-credentials.json"),
    path.join(dataDir, "supergraph.graphql"),
    path.join(dataDir, "supergraph.digest.json"),
  ].filter(target => fs.existsSync(target));
}

function listening(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.setTimeout(500);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(false));
  });
}

export async function reset(env: NodeJS.ProcessEnv = process.env, root = ROOT): Promise<number> {
  const dataDir = path.resolve(env.DATA_DIR || path.join(root, "data"));
  const config = readRoverConfig(path.join(root, "rover.yaml"));
  const gatewayPort = Number(env.PORT || 4000);
  if (await listening(gatewayPort)) {
    console.error(`[reset] something listens on port ${gatewayPort}: stop the running graph (Ctrl-C in its terminal) first.`);
    return 1;
  }
  const targets = resetTargets(dataDir, config.subgraphs.map(s => s.name));
  if (!targets.length) {
    console.log(`[reset] nothing to clear in ${dataDir}`);
    return 0;
  }
  for (const target of targets) {
    fs.rmSync(target, { recursive: true, force: true });
    console.log(`[reset] removed ${path.relative(process.cwd(), target) || target}`);
  }
  if (env.MYSQL_URL || Object.keys(env).some(k => k.endsWith("_DATABASE_URL"))) {
    console.log("[reset] MySQL/MariaDB databases are left as they are: drop the customs_* databases yourself to start those afresh.");
  }
  console.log("[reset] done: the next `npm start` seeds the demo data set again.");
  return 0;
}

if (require.main === module) {
  reset().then(code => process.exit(code), error => {
    console.error(error);
    process.exit(1);
  });
}
