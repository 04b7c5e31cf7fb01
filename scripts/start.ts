// Subgraph definitions declare TypeGraphQL/TypeORM classes, whose decorators need this loaded first.
import "reflect-metadata";

import { ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import { PRINCIPAL_EVENT_TYPES } from "../gateway/auth";
import { SUBSCRIPTION_EVENT_TYPES } from "../gateway/subscriptions";
import { DEMO_ADMIN_SUBJECT, DemoCredentials, demoCredentialsFile } from "../subgraphs/identity/seed";
import { resolveDatabaseUrl, Subscriber, SubgraphDefinition } from "../subgraphs/kit";
import { CODE_EXT, nodeArgsFor } from "../subgraphs/kit/layout";
import { codeRootOf, readRoverConfig, ROOT, RoverConfig } from "./compose";
import { CompositionFailed, ensureSupergraph } from "./lib/supergraph";
import { mintDevToken } from "./mint-token";

/**
 * `npm start`: the whole graph on one machine, one process per service, as it runs in
 * production. Serves the checked-in supergraph when it matches the code (by content), else one
 * composed into the data folder: start never writes a tracked file (lib/supergraph.ts). Starts
 * every subgraph in rover.yaml that has a launcher (with the demo data set), then the gateway,
 * waits until all answer `GET /ready`, and prints where to send queries and with which tokens.
 * Ctrl-C stops everything.
 *
 * Environment: `PORT` (gateway, 4000), `<NAME>_PORT` (a subgraph's port, e.g. `IDENTITY_PORT`;
 * default the port of its rover.yaml routing URL), `DATA_DIR` (./data), `MYSQL_URL` or
 * `<NAME>_DATABASE_URL` (MariaDB instead of embedded SQLite; the children inherit them),
 * `LOG_LEVEL` (info), `SEED_DEMO` (true), `DEMO_CREDENTIALS_FILE` (one file per identity database
 * under <DATA_DIR>/demo-credentials/), `EVENT_SUBSCRIBERS` (computed from the subgraphs'
 * `consumes` unless set), `START_TIMEOUT_MS` (60000).
 */

export interface StartSettings {
  root: string;
  /** Absolute; passed to every child as `DATA_DIR`. */
  dataDir: string;
  credentialsFile: string;
  gatewayPort: number;
  logLevel: string;
  readyTimeoutMs: number;
}

/** A subgraph of rover.yaml that has a launcher, with the event types it consumes. */
export interface LaunchableSubgraph {
  name: string;
  consumes: string[];
}

export interface ProcessPlan {
  name: string;
  kind: "subgraph" | "gateway";
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  port: number;
  /** Where clients (or the gateway) send GraphQL. */
  graphqlUrl: string;
  /** Polled until it answers 200. */
  readyUrl: string;
  /** Gateway only: subgraphs of the supergraph that are not started, which its /ready may report unreachable. */
  notStarted: string[];
}

/** A mistake in the setup (busy port, bad setting): worth a message, not a stack trace. */
export class StartError extends Error {
  override name = "StartError";
}

const GRACE_MS = 5000;
const LOCAL = "127.0.0.1";

export function startSettings(env: NodeJS.ProcessEnv, root = ROOT): StartSettings {
  const dataDir = path.resolve(env.DATA_DIR || path.join(root, "data"));
  return {
    root,
    dataDir,
    credentialsFile: demoCredentialsFile({ ...env, DATA_DIR: dataDir }),
    gatewayPort: parsePort(env.PORT, 4000, "PORT"),
    logLevel: env.LOG_LEVEL || "info",
    readyTimeoutMs: positiveInteger(env.START_TIMEOUT_MS, 60_000, "START_TIMEOUT_MS"),
  };
}

/**
 * Each other started subgraph that consumes events subscribes to this producer, for the types it
 * consumes, and the gateway to identity's changes to callers. A consumer that is not started is
 * left out: its deliveries would only pile up and fail.
 */
export function eventSubscribersFor(producer: string, subgraphs: Array<LaunchableSubgraph & { port: number }>, gatewayPort?: number): Subscriber[] {
  const subscribers = subgraphs
    .filter(s => s.name !== producer && s.consumes.length > 0)
    .map(s => ({ name: s.name, url: `http://${LOCAL}:${s.port}/events`, types: [...s.consumes] }));
  // The gateway hears identity's changes to callers, to forget what it remembered (gateway/auth.ts).
  if (producer === "identity" && gatewayPort !== undefined) subscribers.push({ name: "gateway", url: `http://${LOCAL}:${gatewayPort}/events`, types: [...PRINCIPAL_EVENT_TYPES] });
  // And the new notifications its subscriptions push (gateway/subscriptions.ts).
  if (producer === "notifications" && gatewayPort !== undefined) subscribers.push({ name: "gateway", url: `http://${LOCAL}:${gatewayPort}/events`, types: [...SUBSCRIPTION_EVENT_TYPES] });
  return subscribers;
}

/**
 * What to run: one process per launchable subgraph, on the port of its rover.yaml routing URL,
 * then the gateway pointed at them. Pure, so it can be tested without starting anything.
 */
export function planProcesses(config: RoverConfig, env: NodeJS.ProcessEnv, launchable: LaunchableSubgraph[], root = ROOT, supergraphPath?: string): ProcessPlan[] {
  const settings = startSettings(env, root);
  const byName = new Map(config.subgraphs.map(s => [s.name, s]));
  const started = launchable.map(s => {
    const entry = byName.get(s.name);
    if (!entry) throw new StartError(`${s.name} is not in rover.yaml`);
    const portVariable = `${envName(s.name)}_PORT`;
    return { ...s, port: env[portVariable] ? parsePort(env[portVariable], 0, portVariable) : routingPort(s.name, entry.routingUrl) };
  });
  const ports = new Map<number, string>();
  for (const [name, port] of [...started.map(s => [s.name, s.port] as const), ["gateway", settings.gatewayPort] as const]) {
    const taken = ports.get(port);
    if (taken) throw new StartError(`${name} and ${taken} would both listen on port ${port}; set ${name === "gateway" ? "PORT" : `${envName(name)}_PORT`} to another port`);
    ports.set(port, name);
  }
  const shared: NodeJS.ProcessEnv = { ...env, DATA_DIR: settings.dataDir, LOG_LEVEL: settings.logLevel, TS_NODE_TRANSPILE_ONLY: "true" };
  // Compiled JavaScript when this script runs compiled (npm start), ts-node otherwise.
  const nodeArgs = nodeArgsFor;

  const subgraphs: ProcessPlan[] = started.map(s => ({
    name: s.name,
    kind: "subgraph",
    command: process.execPath,
    args: nodeArgs(path.posix.join("subgraphs", s.name, "index")),
    env: {
      ...shared,
      PORT: String(s.port),
      SEED_DEMO: env.SEED_DEMO ?? "true",
      DEMO_CREDENTIALS_FILE: settings.credentialsFile,
      EVENT_SUBSCRIBERS: env.EVENT_SUBSCRIBERS ?? JSON.stringify(eventSubscribersFor(s.name, started, settings.gatewayPort)),
    },
    port: s.port,
    graphqlUrl: `http://${LOCAL}:${s.port}/graphql`,
    readyUrl: `http://${LOCAL}:${s.port}/ready`,
    notStarted: [],
  }));
  const gatewayEnv: NodeJS.ProcessEnv = { ...shared, PORT: String(settings.gatewayPort), ...(supergraphPath ? { SUPERGRAPH_PATH: supergraphPath } : {}) };
  // The web app's demo sign-in buttons (gateway/web-app.ts), as long as the gateway trusts the development key.
  if (!env.GATEWAY_DEV_LOGIN && !env.JWT_JWKS_URL && !env.JWT_PUBLIC_KEY && env.NODE_ENV !== "production") gatewayEnv.GATEWAY_DEV_LOGIN = "on";
  // The routing URLs of the supergraph stay as rover.yaml has them; the gateway is told where each subgraph listens.
  for (const s of subgraphs) gatewayEnv[`${envName(s.name)}_URL`] = s.graphqlUrl;
  const gateway: ProcessPlan = {
    name: "gateway",
    kind: "gateway",
    command: process.execPath,
    args: nodeArgs("gateway/index"),
    env: gatewayEnv,
    port: settings.gatewayPort,
    graphqlUrl: `http://${LOCAL}:${settings.gatewayPort}/graphql`,
    readyUrl: `http://${LOCAL}:${settings.gatewayPort}/ready`,
    notStarted: config.subgraphs.map(s => s.name).filter(name => !launchable.some(l => l.name === name)),
  };
  return [...subgraphs, gateway];
}

/** 200, or (gateway) a 503 whose only unreachable subgraphs are those not started on purpose. */
export function isReadyAnswer(plan: Pick<ProcessPlan, "kind" | "notStarted">, status: number, body: unknown): boolean {
  if (status === 200) return true;
  if (plan.kind !== "gateway" || status !== 503 || plan.notStarted.length === 0) return false;
  const unreachable = (body as { unreachable?: unknown } | null)?.unreachable;
  return Array.isArray(unreachable) && unreachable.every(name => plan.notStarted.includes(name as string));
}

/** Where a subgraph keeps its data, for the banner (a password in a URL is hidden). */
export function describeDatabase(name: string, env: NodeJS.ProcessEnv): string {
  const url = resolveDatabaseUrl(name, env);
  if (!url) return `SQLite ${path.join(env.DATA_DIR ?? "data", `${name}.sqlite`)}`;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  const from = env[`${name.toUpperCase()}_DATABASE_URL`] ? `${name.toUpperCase()}_DATABASE_URL` : "MYSQL_URL";
  return `MariaDB/MySQL ${parsed.toString()} (from ${from})`;
}

export function curlExample(graphqlUrl: string, token: string, query: string): string {
  return `curl -s ${graphqlUrl} -H 'content-type: application/json' -H 'authorization: Bearer ${token}' -d '${JSON.stringify({ query })}'`;
}

export interface BannerFacts {
  gatewayUrl: string;
  subgraphs: Array<{ name: string; graphqlUrl: string; database: string }>;
  notStarted: string[];
  officerToken: string;
  portalUserToken?: string;
  credentials?: DemoCredentials;
  credentialsFile: string;
}

export const PARTNER_QUERY = "{ businessPartners { edges { node { name roles { edges { node { roleType status } } } } } } }";

export function banner(facts: BannerFacts): string {
  const nameWidth = Math.max(0, ...facts.subgraphs.map(s => s.name.length));
  const urlWidth = Math.max(0, ...facts.subgraphs.map(s => s.graphqlUrl.length));
  const lines = [
    "",
    "══ Swiss customs graph is running ═════════════════════════════════════════",
    `Gateway     ${facts.gatewayUrl}   (GraphiQL: open it in a browser)`,
    `Web app     ${facts.gatewayUrl.replace(/\/graphql$/, "/app/")}   (officers' dashboard and partners' view; demo sign-in buttons)`,
    ...facts.subgraphs.map(s => `Subgraph    ${s.name.padEnd(nameWidth)}  ${s.graphqlUrl.padEnd(urlWidth)}  data: ${s.database}`),
    ...(facts.notStarted.length ? [`Not started ${facts.notStarted.join(", ")} (no subgraphs/<name>/index.ts yet)`] : []),
    "",
    "Demo tokens (send as 'authorization: Bearer <token>'):",
    "  Officer demo-officer (ONBOARDING_SERVICE, DGD, DISTRICT_DIRECTORATE, CUSTOMS_OFFICE, AUDITOR, BORDER_GUARD, ANTI_FRAUD), valid 8 h:",
    `    ${facts.officerToken}`,
  ];
  if (facts.portalUserToken) {
    lines.push(`  Portal user ${DEMO_ADMIN_SUBJECT} (administrator of the demo partner), valid 8 h:`, `    ${facts.portalUserToken}`);
  }
  if (facts.credentials) {
    lines.push(
      `  Partner API application of the demo partner (until ${facts.credentials.accessTokenExpiresAt}; renewed on every start):`,
      `    ${facts.credentials.accessToken}`,
      `  Its refresh token, consumer key and secret, and the partner id: ${facts.credentialsFile}`,
      "",
      "Try:",
      `  ${curlExample(facts.gatewayUrl, facts.credentials.accessToken, PARTNER_QUERY)}`,
    );
  } else {
    lines.push(
      `  (no partner API token: ${facts.credentialsFile} is missing or belongs to another database. The`,
      "   demo data set writes it when it first seeds a database: `npm run reset` starts the embedded data afresh.)",
      "",
      "Try:",
      `  ${curlExample(facts.gatewayUrl, facts.officerToken, PARTNER_QUERY)}`,
    );
  }
  lines.push("", "Ctrl-C stops everything.", "═".repeat(76), "");
  return lines.join("\n");
}

/** The subgraphs of rover.yaml with a launcher (`subgraphs/<name>/index.ts`), and the rest. */
export async function loadLaunchable(config: RoverConfig, root = ROOT): Promise<{ launchable: LaunchableSubgraph[]; skipped: string[] }> {
  const launchable: LaunchableSubgraph[] = [];
  const skipped: string[] = [];
  for (const { name } of config.subgraphs) {
    if (!fs.existsSync(path.join(codeRootOf(root), "subgraphs", name, `index${CODE_EXT}`))) {
      skipped.push(name);
      continue;
    }
    const modulePath = path.join(codeRootOf(root), "subgraphs", name, `${name}.subgraph${CODE_EXT}`);
    const { definition } = (await import(modulePath)) as { definition?: SubgraphDefinition<unknown> };
    if (!definition) throw new Error(`${path.relative(root, modulePath)} does not export 'definition'`);
    launchable.push({ name, consumes: definition.consumes ?? [] });
  }
  return { launchable, skipped };
}

// ── Running the children ────────────────────────────────────────────────────────────────────

interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

interface RunningChild {
  plan: ProcessPlan;
  process: ChildProcess;
  /** The last lines it wrote, shown when it dies. */
  tail: string[];
  closed: Promise<ExitInfo>;
  exit?: ExitInfo;
}

class Supervisor {
  readonly children: RunningChild[] = [];
  private stopping = false;
  private reportExit!: (child: RunningChild) => void;
  /** The first child that ends on its own (not stopped by us). */
  readonly unexpectedExit = new Promise<RunningChild>(resolve => (this.reportExit = resolve));

  constructor(private readonly root: string) {}

  launch(plans: ProcessPlan[]): void {
    const width = Math.max(...plans.map(p => p.name.length)) + 2;
    for (const plan of plans) {
      // Own process group: a Ctrl-C reaches only this script, which then stops each child once.
      const child = spawn(plan.command, plan.args, { cwd: this.root, env: plan.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
      const tail: string[] = [];
      const prefix = `${`[${plan.name}]`.padEnd(width)} `;
      const forward = (stream: NodeJS.ReadableStream, out: NodeJS.WriteStream) =>
        readline.createInterface({ input: stream, crlfDelay: Infinity }).on("line", line => {
          tail.push(line);
          if (tail.length > 20) tail.shift();
          out.write(`${prefix}${line}\n`);
        });
      forward(child.stdout!, process.stdout);
      forward(child.stderr!, process.stderr);
      const running: RunningChild = {
        plan,
        process: child,
        tail,
        closed: new Promise<ExitInfo>(resolve => {
          child.once("error", error => resolve({ code: null, signal: null, error }));
          child.once("close", (code, signal) => resolve({ code, signal }));
        }).then(info => {
          running.exit = info;
          if (!this.stopping) this.reportExit(running);
          return info;
        }),
      };
      this.children.push(running);
    }
  }

  /** Polls every child's /ready, subgraphs first, then the gateway, until `deadline`. */
  async waitUntilReady(deadline: number, log: (line: string) => void): Promise<void> {
    const started = Date.now();
    for (const kind of ["subgraph", "gateway"] as const) {
      const pending = new Map(this.children.filter(c => c.plan.kind === kind).map(c => [c, "no answer yet"]));
      let nextReport = Date.now() + 10_000;
      while (pending.size > 0 && !this.stopping) {
        await Promise.all(
          [...pending.keys()].map(async child => {
            const answer = await probe(child.plan);
            if (answer.ok) {
              pending.delete(child);
              log(`${child.plan.name} is ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
            } else pending.set(child, answer.detail);
          }),
        );
        if (pending.size === 0) break;
        const late = () => [...pending].map(([c, detail]) => `${c.plan.name} (${detail})`).join(", ");
        if (Date.now() > deadline) throw new Error(`Still not ready after ${((Date.now() - started) / 1000).toFixed(0)} s: ${late()}`);
        if (Date.now() >= nextReport) {
          log(`still waiting for ${late()}`);
          nextReport += 10_000;
        }
        await sleep(250);
      }
    }
  }

  /** SIGTERM to every child still running, SIGKILL to those still there after the grace period. */
  async stop(graceMs = GRACE_MS): Promise<void> {
    this.stopping = true;
    const alive = () => this.children.filter(c => !c.exit);
    for (const c of alive()) signal(c, "SIGTERM");
    await Promise.race([Promise.all(this.children.map(c => c.closed)), sleep(graceMs)]);
    const stubborn = alive();
    if (stubborn.length === 0) return;
    console.error(`[start] ${stubborn.map(c => c.plan.name).join(", ")} did not stop within ${graceMs / 1000} s: killing`);
    for (const c of stubborn) signal(c, "SIGKILL");
    await Promise.race([Promise.all(stubborn.map(c => c.closed)), sleep(2000)]);
  }

  /** Last resort when this process exits anyway: nothing may outlive it. */
  killAllNow(): void {
    for (const c of this.children) if (!c.exit) signal(c, "SIGKILL");
  }
}

function signal(child: RunningChild, name: NodeJS.Signals): void {
  try {
    child.process.kill(name);
  } catch {
    // Already gone.
  }
}

async function probe(plan: ProcessPlan): Promise<{ ok: boolean; detail: string }> {
  try {
    const response = await fetch(plan.readyUrl, { signal: AbortSignal.timeout(2000) });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (isReadyAnswer(plan, response.status, body)) return { ok: true, detail: "ready" };
    const reason = (body as { reason?: string; unreachable?: string[] } | undefined) ?? {};
    return { ok: false, detail: `HTTP ${response.status}${reason.reason ? `: ${reason.reason}` : ""}${reason.unreachable ? `: ${reason.unreachable.join(", ")} unreachable` : ""}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { ok: false, detail: cause?.code ?? (error as Error).name };
  }
}

/** Fails early when something already listens on a port (another `npm start`, say). */
async function assertPortsFree(plans: ProcessPlan[]): Promise<void> {
  const busy: string[] = [];
  await Promise.all(
    plans.map(
      plan =>
        new Promise<void>(resolve => {
          const socket = net.connect({ host: LOCAL, port: plan.port });
          socket.setTimeout(1000);
          socket.once("connect", () => {
            busy.push(`${plan.port} (${plan.name})`);
            socket.destroy();
            resolve();
          });
          socket.once("timeout", () => {
            socket.destroy();
            resolve();
          });
          socket.once("error", () => resolve());
        }),
    ),
  );
  if (busy.length) throw new StartError(`Port(s) ${busy.join(", ")} already in use: is the graph already running? Stop it, or move a service with PORT (gateway) or <NAME>_PORT (a subgraph, e.g. IDENTITY_PORT).`);
}

function readCredentials(file: string): DemoCredentials | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as DemoCredentials;
  } catch {
    return undefined;
  }
}

/** Runs the graph until a signal or a child's death. Returns the exit code. */
export async function start(env: NodeJS.ProcessEnv = process.env, root = ROOT): Promise<number> {
  const log = (line: string) => console.log(`[start] ${line}`);
  const settings = startSettings(env, root);
  const supergraph = await ensureSupergraph(root, { log, dataDir: settings.dataDir });
  const config = readRoverConfig(path.join(root, "rover.yaml"));
  const { launchable, skipped } = await loadLaunchable(config, root);
  for (const name of skipped) log(`not starting ${name}: subgraphs/${name}/index.ts does not exist`);
  if (launchable.length === 0) throw new StartError("No subgraph of rover.yaml has a launcher (subgraphs/<name>/index.ts)");
  const plans = planProcesses(config, env, launchable, root, supergraph.path);
  await assertPortsFree(plans);

  const supervisor = new Supervisor(root);
  let onSignal!: (name: string) => void;
  const signalled = new Promise<string>(resolve => (onSignal = resolve));
  for (const name of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(name, () => onSignal(name));
  process.once("exit", () => supervisor.killAllNow());

  log(`data in ${settings.dataDir}; starting ${plans.map(p => `${p.name} (:${p.port})`).join(", ")}`);
  supervisor.launch(plans);
  type Interruption = { kind: "signal"; name: string } | { kind: "exit"; child: RunningChild };
  const interrupted: Promise<Interruption> = Promise.race([
    signalled.then(name => ({ kind: "signal" as const, name })),
    supervisor.unexpectedExit.then(child => ({ kind: "exit" as const, child })),
  ]);

  const stopWith = async (code: number) => {
    await supervisor.stop();
    return code;
  };
  const reportDeath = (child: RunningChild, when: string) => {
    const how = child.exit?.error ? `could not start (${child.exit.error.message})` : `exited ${child.exit?.signal ? `on ${child.exit.signal}` : `with code ${child.exit?.code}`}`;
    console.error(`[start] ${child.plan.name} ${how} ${when}. Its last output:`);
    for (const line of child.tail) console.error(`  ${line}`);
  };

  let ready: Interruption | "ready";
  try {
    ready = await Promise.race([supervisor.waitUntilReady(Date.now() + settings.readyTimeoutMs, log).then(() => "ready" as const), interrupted]);
  } catch (error) {
    console.error(`[start] ${(error as Error).message}`);
    return stopWith(1);
  }
  if (ready !== "ready") {
    if (ready.kind === "signal") return stopWith(0);
    reportDeath(ready.child, "before it was ready");
    return stopWith(1);
  }

  try {
    console.log(await bannerFor(plans, settings));
  } catch (error) {
    console.error(`[start] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return stopWith(1);
  }

  const why = await interrupted;
  if (why.kind === "signal") {
    log(`${why.name}: stopping ${plans.map(p => p.name).join(", ")}`);
    return stopWith(0);
  }
  reportDeath(why.child, "while running");
  return stopWith(1);
}

async function bannerFor(plans: ProcessPlan[], settings: StartSettings): Promise<string> {
  const subgraphPlans = plans.filter(p => p.kind === "subgraph");
  const withIdentity = subgraphPlans.some(p => p.name === "identity");
  const gateway = plans.find(p => p.kind === "gateway")!;
  return banner({
    gatewayUrl: gateway.graphqlUrl,
    subgraphs: subgraphPlans.map(p => ({ name: p.name, graphqlUrl: p.graphqlUrl, database: describeDatabase(p.name, p.env) })),
    notStarted: gateway.notStarted,
    officerToken: await mintDevToken({ kind: "officer", sub: "demo-officer", roles: ["ONBOARDING_SERVICE", "DGD", "DISTRICT_DIRECTORATE", "CUSTOMS_OFFICE", "AUDITOR", "BORDER_GUARD", "ANTI_FRAUD"] }),
    portalUserToken: withIdentity ? await mintDevToken({ kind: "portal_user", sub: DEMO_ADMIN_SUBJECT }) : undefined,
    credentials: withIdentity ? readCredentials(settings.credentialsFile) : undefined,
    credentialsFile: settings.credentialsFile,
  });
}

/** `declarations` → `DECLARATIONS`: the prefix of a subgraph's variables (`<NAME>_PORT`, `<NAME>_URL`). */
function envName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, "_");
}

function routingPort(name: string, routingUrl: string): number {
  const url = new URL(routingUrl);
  const port = Number(url.port);
  if (!url.port || !Number.isInteger(port)) throw new StartError(`rover.yaml: subgraphs.${name}.routing_url (${routingUrl}) must name a port for npm start`);
  // Only the port is taken: the host is where the gateway finds it when deployed; locally all is on loopback.
  return port;
}

function parsePort(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new StartError(`${name} must be an integer between 1 and 65535, not '${value}'`);
  return port;
}

function positiveInteger(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new StartError(`${name} must be a positive integer, not '${value}'`);
  return n;
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

if (require.main === module) {
  start().then(
    code => process.exit(code),
    error => {
      const expected = error instanceof StartError || error instanceof CompositionFailed;
      console.error(`[start] ${error instanceof Error ? (expected ? error.message : (error.stack ?? error.message)) : String(error)}`);
      process.exit(1);
    },
  );
}
