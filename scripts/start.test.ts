import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { demoCredentialsFile } from "../subgraphs/identity/seed";
import { readRoverConfig, ROOT } from "./compose";
import { ensureSupergraph, sourcesDigest } from "./lib/supergraph";
import { resetTargets } from "./reset";
import { banner, planProcesses, StartError } from "./start";

/** Issue 13: a start that never surprises. Pure parts of `npm start` and `npm run reset`. */
const config = readRoverConfig(path.join(ROOT, "rover.yaml"));
const launchable = config.subgraphs.map(s => ({ name: s.name, consumes: [] }));

describe("ports", () => {
  it("moves any subgraph with <NAME>_PORT and the gateway with PORT, without touching rover.yaml, and tells the gateway where each listens", () => {
    const before = fs.readFileSync(path.join(ROOT, "rover.yaml"), "utf8");
    const plans = planProcesses(config, { PORT: "5000", IDENTITY_PORT: "5001", DECLARATIONS_PORT: "5002" }, launchable, ROOT, "/tmp/x/supergraph.graphql");
    const port = (name: string) => plans.find(p => p.name === name)!.port;
    expect([port("gateway"), port("identity"), port("declarations"), port("debt")]).toEqual([5000, 5001, 5002, 4004]);
    const gateway = plans.find(p => p.kind === "gateway")!;
    expect(gateway.env).toMatchObject({ IDENTITY_URL: "http://127.0.0.1:5001/graphql", DECLARATIONS_URL: "http://127.0.0.1:5002/graphql", SUPERGRAPH_PATH: "/tmp/x/supergraph.graphql" });
    expect(fs.readFileSync(path.join(ROOT, "rover.yaml"), "utf8")).toBe(before);
  });

  it("refuses two services on one port, naming the variable that moves one, and a port that is not one", () => {
    expect(() => planProcesses(config, { IDENTITY_PORT: "4002" }, launchable)).toThrow(/DECLARATIONS_PORT|IDENTITY_PORT/);
    expect(() => planProcesses(config, { DEBT_PORT: "70000" }, launchable)).toThrow(StartError);
  });
});

describe("demo credentials", () => {
  it("are kept per identity database, so that SQLite and MariaDB with one data folder never share a file", () => {
    const sqlite = demoCredentialsFile({ DATA_DIR: "/srv/data" });
    const maria = demoCredentialsFile({ DATA_DIR: "/srv/data", MYSQL_URL: "mysql://root@127.0.0.1:3306" });
    const own = demoCredentialsFile({ DATA_DIR: "/srv/data", IDENTITY_DATABASE_URL: "mysql://u:secret@db.example:3307/ident" });
    expect(sqlite).toBe("/srv/data/demo-credentials/sqlite.json");
    expect(maria).toBe("/srv/data/demo-credentials/mysql-127.0.0.1-3306-customs_identity.json");
    expect(own).toBe("/srv/data/demo-credentials/mysql-db.example-3307-ident.json");
    expect(own).not.toContain("secret");
    expect(demoCredentialsFile({ DEMO_CREDENTIALS_FILE: "/elsewhere/c.json" })).toBe("/elsewhere/c.json");
  });

  it("are named in the banner, whose columns line up whatever the subgraphs' names", () => {
    const text = banner({
      gatewayUrl: "http://127.0.0.1:4000/graphql",
      subgraphs: [
        { name: "identity", graphqlUrl: "http://127.0.0.1:4001/graphql", database: "SQLite data/identity.sqlite" },
        { name: "declarations", graphqlUrl: "http://127.0.0.1:14002/graphql", database: "SQLite data/declarations.sqlite" },
      ],
      notStarted: [],
      officerToken: "officer.jwt",
      credentials: { partnerId: "p", applicationId: "a", accessToken: "access", accessTokenExpiresAt: "2026-12-01T00:00:00.000Z", refreshToken: "r", consumerKey: "k", consumerSecret: "s" },
      credentialsFile: "/srv/data/demo-credentials/sqlite.json",
    });
    const rows = text.split("\n").filter(l => l.startsWith("Subgraph"));
    expect(new Set(rows.map(r => r.indexOf("http"))).size).toBe(1);
    expect(new Set(rows.map(r => r.indexOf("data:"))).size).toBe(1);
    expect(text).toContain("/srv/data/demo-credentials/sqlite.json");
  });
});

describe("the supergraph start serves", () => {
  it("digests the sources by content: the same files give the same digest, an edit another one", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "digest-"));
    fs.mkdirSync(path.join(root, "subgraphs", "a"), { recursive: true });
    fs.writeFileSync(path.join(root, "subgraphs", "a", "x.ts"), "export const x = 1;\n");
    fs.writeFileSync(path.join(root, "rover.yaml"), "federation_version: =2.14.4\n");
    const first = sourcesDigest(root);
    // A newer file time alone changes nothing (a fresh clone has new times everywhere).
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(root, "subgraphs", "a", "x.ts"), later, later);
    expect(sourcesDigest(root)).toBe(first);
    // Tests are not sources of composition.
    fs.writeFileSync(path.join(root, "subgraphs", "a", "x.test.ts"), "test\n");
    expect(sourcesDigest(root)).toBe(first);
    fs.writeFileSync(path.join(root, "subgraphs", "a", "x.ts"), "export const x = 2;\n");
    expect(sourcesDigest(root)).not.toBe(first);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("is the checked-in file when it matches the code, found without composing the second time, and nothing tracked is written", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "start-data-"));
    const checkedIn = path.join(ROOT, "schema", "supergraph.graphql");
    const before = { text: fs.readFileSync(checkedIn, "utf8"), mtime: fs.statSync(checkedIn).mtimeMs };
    const lines: string[] = [];
    const first = await ensureSupergraph(ROOT, { dataDir, log: line => lines.push(line) });
    // CI checks that schema/ matches the code (compose:check), so here the checked-in file is served.
    expect(first).toEqual({ path: checkedIn, source: "checked-in" });
    expect(lines).toHaveLength(1);
    const second = await ensureSupergraph(ROOT, { dataDir, log: line => lines.push(line) });
    expect(second).toEqual(first);
    expect(lines).toHaveLength(1);
    expect({ text: fs.readFileSync(checkedIn, "utf8"), mtime: fs.statSync(checkedIn).mtimeMs }).toEqual(before);
    expect(fs.readdirSync(dataDir).sort()).toEqual(["supergraph.digest.json"]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);
});

describe("npm run reset", () => {
  it("clears the embedded data of every subgraph, the letters, the demo credentials and the composed supergraph, and nothing else", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "reset-"));
    for (const f of ["identity.sqlite", "identity.sqlite-wal", "debt.sqlite", "supergraph.graphql", "keep-me.txt"]) fs.writeFileSync(path.join(dataDir, f), "x");
    fs.mkdirSync(path.join(dataDir, "letters"));
    fs.mkdirSync(path.join(dataDir, "demo-credentials"));
    const targets = resetTargets(dataDir, ["identity", "debt", "declarations"]).map(t => path.basename(t)).sort();
    expect(targets).toEqual(["debt.sqlite", "demo-credentials", "identity.sqlite", "identity.sqlite-wal", "letters", "supergraph.graphql"]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
