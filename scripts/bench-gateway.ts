import { ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import { Pool, request } from "undici";
import { BENCH_QUERY, DEFAULT_BENCH_SIZES, expectedBenchAnswer, RunningBenchSubgraph, startBenchSubgraphs } from "./lib/bench-subgraphs";
import { mintDevToken } from "./mint-token";

/**
 * `npm run bench:gateway [-- --rounds 2 --duration 10 --warmup 3 --connections 50 --only stock,dedup,nodedup --json out.json]`
 *
 * Throughput, latency and peak memory of our gateway (gateway/, compiled) against stock
 * @apollo/gateway (scripts/lib/stock-gateway.ts), both in front of the same four in-process
 * subgraphs (scripts/lib/bench-subgraphs.ts) and asked the same deep query over and over.
 *
 * Fairness, as far as two cores allow:
 * - each gateway is a fresh `node` process of its own, pinned to CPU 1 when `taskset` exists;
 *   this driver (load generator and subgraphs) is pinned to CPU 0;
 * - the variants alternate within each round, so a drift of the machine hits them alike;
 * - every answer is checked, byte for byte, against a first answer that was itself checked
 *   against an oracle built from the data: a fast wrong answer does not count as fast;
 * - the gateway's and this driver's CPU use are printed: a gateway well under 100 % of its core
 *   means the driver, not the gateway, set the pace.
 */

const ROOT = path.resolve(__dirname, "..");
const OUR_GATEWAY = path.join(ROOT, "dist", "gateway", "index.js");
const STOCK_GATEWAY = path.join(ROOT, "dist", "scripts", "lib", "stock-gateway.js");
const GATEWAY_CPU = 1;
const DRIVER_CPU = 0;
/** How long a gateway may take to start and answer its first query. */
const READY_TIMEOUT_MS = 60_000;
/** How long a gateway may take to exit after SIGTERM before it is killed. */
const STOP_TIMEOUT_MS = 15_000;
/** Other processes' CPU use (in % of one core) above which a round's figures are called disturbed. */
const OTHERS_CPU_WARN_PCT = 15;
/** Codes with which a gateway refuses a query for its shape (depth, cost, ...), not for its data. */
const QUERY_LIMIT_CODE = /DEPTH|COMPLEX|COST|LIMIT|TOO_|ALIAS|BREADTH|HEIGHT/i;

type VariantName = "stock" | "dedup" | "nodedup";
const VARIANT_ORDER: VariantName[] = ["stock", "dedup", "nodedup"];
const LABEL: Record<VariantName, string> = { stock: "stock", dedup: "ours-dedup", nodedup: "ours-nodedup" };

export interface BenchGatewayOptions {
  rounds: number;
  durationS: number;
  warmupS: number;
  connections: number;
  only: VariantName[];
  json?: string;
}

export function parseBenchGatewayArgs(argv: string[]): BenchGatewayOptions {
  const usage = "Usage: npm run bench:gateway -- [--rounds N] [--duration S] [--warmup S] [--connections N] [--only stock,dedup,nodedup] [--json FILE]";
  const options: BenchGatewayOptions = { rounds: 2, durationS: 10, warmupS: 3, connections: 50, only: [...VARIANT_ORDER] };
  for (let i = 0; i < argv.length; i++) {
    // Both `--flag value` and `--flag=value`.
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value\n${usage}`);
    const count = (min: number) => {
      const n = Number(value);
      if (!Number.isFinite(n) || n < min) throw new Error(`${flag} must be a number >= ${min}, not '${value}'`);
      return n;
    };
    if (flag === "--rounds") options.rounds = Math.floor(count(1));
    else if (flag === "--duration") options.durationS = count(0.5);
    else if (flag === "--warmup") options.warmupS = count(0);
    else if (flag === "--connections") options.connections = Math.floor(count(1));
    else if (flag === "--json") options.json = value;
    else if (flag === "--only") {
      const names = value.split(",").map(v => v.trim()).filter(Boolean);
      const unknown = names.filter(n => !(VARIANT_ORDER as string[]).includes(n));
      if (names.length === 0 || unknown.length > 0) throw new Error(`--only takes stock, dedup and/or nodedup, not '${value}'`);
      // Always in the canonical order, so stock (the reference) goes first in each round.
      options.only = VARIANT_ORDER.filter(v => names.includes(v));
    } else throw new Error(`Unknown flag '${flag}'\n${usage}`);
  }
  return options;
}

// ---------------------------------------------------------------------------------------------
// Answers

/**
 * Decides whether an answer is right. A variant's first answer is parsed and compared with the
 * oracle (scripts/lib/bench-subgraphs.ts); from then on each answer must be byte-identical to it,
 * which is cheap enough to do for every one. Normally all variants share stock's bytes; a variant
 * whose bytes differ (key order, whitespace) but whose content is right is compared with its own.
 */
class AnswerChecker {
  private shared: Buffer | undefined;
  private readonly byVariant = new Map<VariantName, Buffer>();
  readonly notes: string[] = [];

  constructor(
    private readonly oracle: unknown,
    private readonly users: number,
  ) {}

  /** The bytes every later answer of `variant` must equal (after `verifyFirst` accepted one). */
  referenceOf(variant: VariantName): Buffer {
    const reference = this.byVariant.get(variant);
    if (!reference) throw new Error(`No verified answer of ${variant} yet`);
    return reference;
  }

  get answerBytes(): number {
    return this.shared?.length ?? 0;
  }

  /** Undefined when right; otherwise why not. */
  verifyFirst(variant: VariantName, status: number, body: Buffer): string | undefined {
    const known = this.byVariant.get(variant);
    if (known) return status === 200 && body.equals(known) ? undefined : `differs from ${LABEL[variant]}'s earlier answer`;
    if (status !== 200) return `HTTP ${status}`;
    let parsed: { data?: { users?: unknown[] }; errors?: { extensions?: { code?: unknown } }[] };
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      return "the answer is not JSON";
    }
    if (parsed.errors) {
      const codes = parsed.errors.map(e => String(e.extensions?.code ?? "?"));
      const hint = codes.some(c => QUERY_LIMIT_CODE.test(c))
        ? ` (a limit of the gateway refused it: raise that limit for the bench with BENCH_GATEWAY_ENV='{"NAME":"value"}', merged into our gateway's environment)`
        : "";
      return `the answer has errors [${codes.join(", ")}]${hint}`;
    }
    if (parsed.data?.users?.length !== this.users) return `expected ${this.users} users, got ${parsed.data?.users?.length}`;
    if (!isDeepStrictEqual(parsed, this.oracle)) return `the answer differs from the expected one at ${firstDifference(parsed, this.oracle)}`;
    if (!this.shared) {
      this.shared = body;
    } else if (!body.equals(this.shared)) {
      this.notes.push(`${LABEL[variant]}'s answer is right but not byte-identical to the first variant's; its answers are compared with its own first one`);
      this.byVariant.set(variant, body);
      return undefined;
    }
    this.byVariant.set(variant, this.shared);
    return undefined;
  }
}

/** The JSON path of the first difference between two values, for a readable failure. */
function firstDifference(actual: unknown, expected: unknown, at = "$"): string {
  if (typeof actual !== "object" || typeof expected !== "object" || actual === null || expected === null) return at;
  if (Array.isArray(actual) !== Array.isArray(expected)) return at;
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(e), ...Object.keys(a)])];
  for (const key of keys) {
    if (!isDeepStrictEqual(a[key], e[key])) return firstDifference(a[key], e[key], Array.isArray(actual) ? `${at}[${key}]` : `${at}.${key}`);
  }
  return at;
}

function truncate(text: string, max = 2000): string {
  return text.length <= max ? text : `${text.slice(0, max)} ... (${text.length} characters in all)`;
}

// ---------------------------------------------------------------------------------------------
// Gateway processes

interface GatewayProcess {
  child: ChildProcess;
  url: string;
  /** The command line, environment assignments first, for the report. */
  command: string;
  /** Whatever the child printed (our gateway logs at warn and above, so normally nothing). */
  output: { lines: number; tail: string[] };
  exited: Promise<number | null>;
}

/** Children started and not yet seen to exit: killed if this process leaves early. */
const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

function hasTaskset(): boolean {
  if (os.availableParallelism() < 2) return false;
  return spawnSync("taskset", ["-p", String(process.pid)], { stdio: "ignore" }).status === 0;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return port;
}

/** PATH and the like; nothing else of the caller's environment (JWT_*, NODE_ENV, ...) leaks into a gateway. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ["PATH", "HOME", "TMPDIR", "LANG", "TZ"]) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

/** BENCH_GATEWAY_ENV: a JSON object merged into our gateway's environment (e.g. raised query limits). */
function extraEnvOfOurs(): Record<string, string> {
  const raw = process.env.BENCH_GATEWAY_ENV;
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error("BENCH_GATEWAY_ENV must be a JSON object, e.g. '{\"MAX_QUERY_DEPTH\":\"20\"}'");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("BENCH_GATEWAY_ENV must be a JSON object");
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
}

interface LaunchPlan {
  supergraphPath: string;
  subgraphs: RunningBenchSubgraph[];
  pin: boolean;
}

async function startGateway(variant: VariantName, plan: LaunchPlan): Promise<GatewayProcess> {
  const port = await freePort();
  const script = variant === "stock" ? STOCK_GATEWAY : OUR_GATEWAY;
  const own: Record<string, string> =
    variant === "stock"
      ? { PORT: String(port), SUPERGRAPH_PATH: plan.supergraphPath }
      : {
          PORT: String(port),
          HOST: "127.0.0.1",
          SUPERGRAPH_PATH: plan.supergraphPath,
          ...Object.fromEntries(plan.subgraphs.map(s => [`${s.name.toUpperCase()}_URL`, s.url])),
          LOG_LEVEL: "warn",
          GATEWAY_DEDUP: variant === "dedup" ? "on" : "off",
          ...extraEnvOfOurs(),
        };
  // BENCH_NODE_ARGS: node flags for every gateway, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile them.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const argv = plan.pin ? ["taskset", "-c", String(GATEWAY_CPU), process.execPath, ...nodeArgs, script] : [process.execPath, ...nodeArgs, script];
  // taskset execs node, so the child's pid is the gateway's own (for /proc/<pid>/status).
  const child = spawn(argv[0], argv.slice(1), { cwd: ROOT, env: { ...baseEnv(), ...own }, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  const exited = new Promise<number | null>(resolve =>
    child.once("exit", code => {
      running.delete(child);
      resolve(code);
    }),
  );
  const output = { lines: 0, tail: [] as string[] };
  let listening: (url: string) => void = () => undefined;
  const listeningUrl = new Promise<string>(resolve => (listening = resolve));
  for (const stream of [child.stdout, child.stderr]) {
    let partial = "";
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      const lines = (partial + chunk).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) {
        const match = /^listening (\S+)/.exec(line);
        if (match && variant === "stock") {
          listening(match[1]);
          continue;
        }
        output.lines++;
        output.tail.push(line);
        if (output.tail.length > 20) output.tail.shift();
      }
    });
  }
  const command = `${Object.entries(own).map(([k, v]) => `${k}=${v}`).join(" ")} ${argv.map(a => (a === process.execPath ? "node" : path.isAbsolute(a) ? path.relative(ROOT, a) : a)).join(" ")}`;
  const gateway: GatewayProcess = { child, url: `http://127.0.0.1:${port}`, command, output, exited };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  const died = exited.then(code => {
    throw new Error(`${LABEL[variant]} exited (code ${code}) before it was ready:\n${output.tail.join("\n")}`);
  });
  died.catch(() => undefined);
  const timeout = (what: string) => new Error(`${LABEL[variant]} did not ${what} within ${READY_TIMEOUT_MS / 1000} s:\n${output.tail.join("\n")}`);
  try {
    if (variant === "stock") {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([listeningUrl, died, new Promise((_, reject) => (timer = setTimeout(() => reject(timeout("print 'listening'")), READY_TIMEOUT_MS)))]).finally(() => clearTimeout(timer));
    } else {
      const healthy = waitForHealth(gateway.url, deadline, child).then(ok => {
        if (!ok) throw timeout("answer GET /health with 200");
      });
      await Promise.race([healthy, died]);
    }
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return gateway;
}

async function waitForHealth(url: string, deadline: number, child: ChildProcess): Promise<boolean> {
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    try {
      const res = await request(`${url}/health`, { headersTimeout: 2000, bodyTimeout: 2000 });
      await res.body.dump();
      if (res.statusCode === 200) return true;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  return false;
}

/** The readiness query: the first answer, retried only while the gateway cannot be reached. */
async function firstAnswer(gateway: GatewayProcess, body: string, headers: Record<string, string>): Promise<{ status: number; body: Buffer }> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    try {
      const res = await request(`${gateway.url}/graphql`, { method: "POST", headers, body, headersTimeout: 30_000, bodyTimeout: 30_000 });
      return { status: res.statusCode, body: Buffer.from(await res.body.arrayBuffer()) };
    } catch (error) {
      if (Date.now() > deadline || gateway.child.exitCode !== null) throw error;
      await sleep(100);
    }
  }
}

async function stopGateway(gateway: GatewayProcess): Promise<void> {
  if (gateway.child.exitCode !== null || gateway.child.signalCode !== null) return;
  gateway.child.kill("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const stopped = await Promise.race([gateway.exited.then(() => true), new Promise<boolean>(resolve => (timer = setTimeout(() => resolve(false), STOP_TIMEOUT_MS)))]);
  clearTimeout(timer);
  if (!stopped) {
    console.warn(`  (the gateway did not exit ${STOP_TIMEOUT_MS / 1000} s after SIGTERM: killed)`);
    gateway.child.kill("SIGKILL");
    await gateway.exited;
  }
}

/** The process's peak resident set (VmHWM), in MB; undefined where /proc does not tell. */
function peakRssMb(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const CLOCK_TICKS = (() => {
  const ticks = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout);
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
})();

/** CPU seconds the process (all its threads) has used so far; undefined where /proc does not tell. */
function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces: the numbered fields start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are the 14th and 15th fields, the 12th and 13th after the name.
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** CPU seconds the whole machine has been busy (all CPUs, every process); undefined where /proc does not tell. */
function machineBusySeconds(): number | undefined {
  try {
    const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0];
    // cpu user nice system idle iowait irq softirq steal ...: everything but idle and iowait is work.
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return (user + nice + system + irq + softirq + (steal || 0)) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Load

interface LoadFigures {
  /** Answers completed inside the measured window. */
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p95Ms: number;
  /** Every answer, warm-up included. */
  answersChecked: number;
  mismatches: number;
  transportErrors: number;
  firstMismatch?: string;
  gatewayCpuPct?: number;
  driverCpuPct: number;
  /**
   * What every other process on the machine used meanwhile, in % of one core: on a shared
   * machine, someone else's build or test run takes CPU from the gateway or the driver.
   */
  otherCpuPct?: number;
}

/**
 * `connections` loops, one per pooled keep-alive connection, each sending the next request as
 * soon as the previous answer is read and checked (a closed loop, as autocannon and k6 do).
 * Only answers completed in [warm-up end, warm-up end + duration) enter the figures.
 */
async function load(gateway: GatewayProcess, reference: Buffer, body: string, headers: Record<string, string>, options: BenchGatewayOptions): Promise<LoadFigures> {
  const pool = new Pool(gateway.url, { connections: options.connections, pipelining: 1, headersTimeout: 30_000, bodyTimeout: 30_000 });
  const started = performance.now();
  const measureFrom = started + options.warmupS * 1000;
  const end = measureFrom + options.durationS * 1000;
  const latencies: number[] = [];
  let answersChecked = 0;
  let mismatches = 0;
  let transportErrors = 0;
  let firstMismatch: string | undefined;

  // CPU use over the measured window, sampled when it opens and when it closes.
  type CpuSample = { wall: number; gateway?: number; driver: NodeJS.CpuUsage; machine?: number };
  const sample = (): CpuSample => ({ wall: performance.now(), gateway: cpuSeconds(gateway.child.pid ?? -1), driver: process.cpuUsage(), machine: machineBusySeconds() });
  let cpuAtStart: CpuSample | undefined;
  let cpuAtEnd: CpuSample | undefined;
  const sampleStart = setTimeout(() => (cpuAtStart = sample()), Math.max(0, measureFrom - performance.now()));
  const sampleEnd = setTimeout(() => (cpuAtEnd = sample()), Math.max(0, end - performance.now()));

  const loop = async () => {
    while (performance.now() < end) {
      const sent = performance.now();
      let status: number;
      let answer: Buffer;
      try {
        const res = await pool.request({ path: "/graphql", method: "POST", headers, body });
        status = res.statusCode;
        answer = Buffer.from(await res.body.arrayBuffer());
      } catch (error) {
        transportErrors++;
        firstMismatch ??= `transport error: ${error instanceof Error ? error.message : String(error)}`;
        // A gateway that went away fails every request at once: stop rather than spin.
        if (gateway.child.exitCode !== null || gateway.child.signalCode !== null) break;
        await sleep(50);
        continue;
      }
      const received = performance.now();
      answersChecked++;
      if (status !== 200 || !answer.equals(reference)) {
        mismatches++;
        firstMismatch ??= `HTTP ${status}: ${truncate(answer.toString("utf8"))}`;
      }
      if (received >= measureFrom && received < end) latencies.push(received - sent);
    }
  };
  try {
    await Promise.all(Array.from({ length: options.connections }, loop));
  } finally {
    clearTimeout(sampleStart);
    clearTimeout(sampleEnd);
    await pool.close();
  }

  const sorted = Float64Array.from(latencies).sort();
  let gatewayCpuPct: number | undefined;
  let driverCpuPct = NaN;
  let otherCpuPct: number | undefined;
  if (cpuAtStart && cpuAtEnd) {
    const wallS = (cpuAtEnd.wall - cpuAtStart.wall) / 1000;
    const gatewayS = cpuAtStart.gateway !== undefined && cpuAtEnd.gateway !== undefined ? cpuAtEnd.gateway - cpuAtStart.gateway : undefined;
    const driverS = (cpuAtEnd.driver.user + cpuAtEnd.driver.system - cpuAtStart.driver.user - cpuAtStart.driver.system) / 1e6;
    if (gatewayS !== undefined) gatewayCpuPct = (gatewayS / wallS) * 100;
    driverCpuPct = (driverS / wallS) * 100;
    if (gatewayS !== undefined && cpuAtStart.machine !== undefined && cpuAtEnd.machine !== undefined) {
      // Clock-tick granularity can make it a little negative on an otherwise idle machine.
      otherCpuPct = Math.max(0, ((cpuAtEnd.machine - cpuAtStart.machine - gatewayS - driverS) / wallS) * 100);
    }
  }
  return {
    requests: latencies.length,
    reqPerSec: latencies.length / options.durationS,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    answersChecked,
    mismatches,
    transportErrors,
    firstMismatch,
    gatewayCpuPct,
    driverCpuPct,
    otherCpuPct,
  };
}

/** Nearest rank on sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------
// Rounds and report

interface RoundFigures extends LoadFigures {
  variant: VariantName;
  round: number;
  peakRssMb?: number;
  /** Lines the gateway printed during the round (its log at warn and above). */
  gatewayOutputLines: number;
}

interface VariantSummary {
  variant: string;
  reqPerSec: number;
  p50Ms: number;
  p95Ms: number;
  peakRssMb?: number;
  answersChecked: number;
  mismatches: number;
  transportErrors: number;
  gatewayCpuPct?: number;
  driverCpuPct: number;
  /** The highest of the rounds: one disturbed round is enough to distrust a median. */
  otherCpuPct?: number;
}

function summarize(variant: VariantName, rounds: RoundFigures[]): VariantSummary {
  const rss = rounds.map(r => r.peakRssMb).filter((v): v is number => v !== undefined);
  const cpu = rounds.map(r => r.gatewayCpuPct).filter((v): v is number => v !== undefined);
  const others = rounds.map(r => r.otherCpuPct).filter((v): v is number => v !== undefined);
  return {
    variant: LABEL[variant],
    reqPerSec: median(rounds.map(r => r.reqPerSec)),
    p50Ms: median(rounds.map(r => r.p50Ms)),
    p95Ms: median(rounds.map(r => r.p95Ms)),
    // A peak is a peak: the highest of the rounds.
    peakRssMb: rss.length > 0 ? Math.max(...rss) : undefined,
    answersChecked: rounds.reduce((n, r) => n + r.answersChecked, 0),
    mismatches: rounds.reduce((n, r) => n + r.mismatches, 0),
    transportErrors: rounds.reduce((n, r) => n + r.transportErrors, 0),
    gatewayCpuPct: cpu.length > 0 ? median(cpu) : undefined,
    driverCpuPct: median(rounds.map(r => r.driverCpuPct)),
    otherCpuPct: others.length > 0 ? Math.max(...others) : undefined,
  };
}

const fmt = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? "n/a" : n.toFixed(digits));

async function main(): Promise<number> {
  const options = parseBenchGatewayArgs(process.argv.slice(2));
  const commandLine = `npm run bench:gateway${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
  for (const file of options.only.map(v => (v === "stock" ? STOCK_GATEWAY : OUR_GATEWAY))) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run npm run build first (npm run bench:gateway does)`);
  }

  // Before pinning: availableParallelism() then counts only the CPU this process is pinned to.
  const cpus = os.availableParallelism();
  const pin = hasTaskset();
  if (pin) {
    // -a: every thread of this process (V8's and libuv's too); children inherit it unless re-pinned.
    const pinned = spawnSync("taskset", ["-a", "-cp", String(DRIVER_CPU), String(process.pid)], { stdio: "ignore" }).status === 0;
    if (!pinned) console.warn(`could not pin the driver to CPU ${DRIVER_CPU}; going on unpinned`);
  }

  const subgraphs = await startBenchSubgraphs(DEFAULT_BENCH_SIZES);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-gateway-"));
  const gateways = new Set<GatewayProcess>();
  const stopOnSignal = (signal: NodeJS.Signals) => {
    for (const g of gateways) g.child.kill("SIGTERM");
    fs.rmSync(tmp, { recursive: true, force: true });
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  try {
    const composed = composeServices(subgraphs.subgraphs.map(s => ({ name: s.name, url: s.url, typeDefs: parse(s.typeDefs) })));
    if (composed.errors) throw new Error(`The bench subgraphs do not compose:\n${composed.errors.map(e => e.message).join("\n")}`);
    const supergraphPath = path.join(tmp, "supergraph.graphql");
    fs.writeFileSync(supergraphPath, composed.supergraphSdl);

    const token = await mintDevToken({ kind: "officer", sub: "bench-officer", roles: ["CUSTOMS_OFFICE"] });
    // Stock ignores the authorization header; ours needs it. Both get the same request.
    const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
    const body = JSON.stringify({ query: BENCH_QUERY });
    const checker = new AnswerChecker(expectedBenchAnswer(subgraphs.data), DEFAULT_BENCH_SIZES.users);
    const plan: LaunchPlan = { supergraphPath, subgraphs: subgraphs.subgraphs, pin };

    console.log(`command: ${commandLine}`);
    console.log(`node ${process.version}, ${cpus} CPUs; ${pin ? `each gateway pinned to CPU ${GATEWAY_CPU} (taskset -c ${GATEWAY_CPU}), driver and subgraphs to CPU ${DRIVER_CPU}` : "taskset unavailable: nothing pinned"}`);
    console.log(`load: ${options.connections} keep-alive connections (undici Pool), ${options.warmupS} s warm-up + ${options.durationS} s measured, ${options.rounds} round(s) of ${options.only.map(v => LABEL[v]).join(", ")}`);
    console.log(`data: ${DEFAULT_BENCH_SIZES.users} users x ${DEFAULT_BENCH_SIZES.reviewsPerUser} reviews, ${DEFAULT_BENCH_SIZES.products} products; query: ${BENCH_QUERY}`);

    const rounds: RoundFigures[] = [];
    const commands = new Map<VariantName, string>();
    let failure: string | undefined;
    for (let round = 1; round <= options.rounds && !failure; round++) {
      for (const variant of options.only) {
        const gateway = await startGateway(variant, plan);
        gateways.add(gateway);
        commands.set(variant, gateway.command);
        try {
          const first = await firstAnswer(gateway, body, headers);
          const wrong = checker.verifyFirst(variant, first.status, first.body);
          if (wrong) {
            const printed = gateway.output.lines > 0 ? `\n${LABEL[variant]} printed:\n${gateway.output.tail.map(l => truncate(l, 400)).join("\n")}` : "";
            failure = `${LABEL[variant]} (round ${round}) answered the bench query wrongly: ${wrong}\n${truncate(first.body.toString("utf8"))}${printed}`;
            break;
          }
          if (round === 1 && variant === options.only[0]) console.log(`answer: ${checker.answerBytes} bytes (${(checker.answerBytes / 1024).toFixed(1)} KiB), checked against the expected answer`);
          const figures = await load(gateway, checker.referenceOf(variant), body, headers, options);
          const peak = peakRssMb(gateway.child.pid ?? -1);
          rounds.push({ variant, round, ...figures, peakRssMb: peak, gatewayOutputLines: gateway.output.lines });
          console.log(
            `round ${round} ${LABEL[variant].padEnd(12)} ${fmt(figures.reqPerSec).padStart(8)} req/s  p50 ${fmt(figures.p50Ms, 2)} ms  p95 ${fmt(figures.p95Ms, 2)} ms  peak RSS ${fmt(peak)} MB  ` +
              `CPU gateway ${fmt(figures.gatewayCpuPct, 0)} % driver ${fmt(figures.driverCpuPct, 0)} % others ${fmt(figures.otherCpuPct, 0)} %  ${figures.answersChecked} answers checked, ${figures.mismatches + figures.transportErrors} wrong`,
          );
          if (gateway.output.lines > 0) console.log(`  ${LABEL[variant]} printed ${gateway.output.lines} line(s); the last:\n    ${gateway.output.tail.slice(-5).map(l => truncate(l, 400)).join("\n    ")}`);
          if (figures.mismatches + figures.transportErrors > 0) {
            failure = `${LABEL[variant]} (round ${round}): ${figures.mismatches} wrong answer(s), ${figures.transportErrors} transport error(s); the first:\n${figures.firstMismatch}`;
            break;
          }
        } finally {
          await stopGateway(gateway);
          gateways.delete(gateway);
        }
      }
    }

    const summaries = options.only.filter(v => rounds.some(r => r.variant === v)).map(v => summarize(v, rounds.filter(r => r.variant === v)));
    const of = (v: VariantName) => summaries.find(s => s.variant === LABEL[v]);
    const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? undefined : a / b);
    const oursRss = [of("dedup")?.peakRssMb, of("nodedup")?.peakRssMb].filter((v): v is number => v !== undefined);
    const ratios = {
      dedupOverStockReqPerSec: ratio(of("dedup")?.reqPerSec, of("stock")?.reqPerSec),
      nodedupOverStockReqPerSec: ratio(of("nodedup")?.reqPerSec, of("stock")?.reqPerSec),
      oursOverStockPeakRss: ratio(oursRss.length > 0 ? Math.max(...oursRss) : undefined, of("stock")?.peakRssMb),
    };

    if (summaries.length > 0) {
      const n = options.rounds;
      console.log("");
      console.log(`| variant | req/s (median of ${n} round${n === 1 ? "" : "s"}) | p50 ms | p95 ms | peak RSS MB | answers checked |`);
      console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
      for (const s of summaries) {
        console.log(`| ${s.variant} | ${fmt(s.reqPerSec)} | ${fmt(s.p50Ms, 2)} | ${fmt(s.p95Ms, 2)} | ${fmt(s.peakRssMb)} | ${s.answersChecked}${s.mismatches + s.transportErrors > 0 ? ` (${s.mismatches + s.transportErrors} wrong)` : ""} |`);
      }
      console.log("");
      console.log("p50 / p95: median of the rounds' percentiles; peak RSS: highest VmHWM of the rounds.");
      if (ratios.dedupOverStockReqPerSec !== undefined) console.log(`ours-dedup / stock req/s:   ${ratios.dedupOverStockReqPerSec.toFixed(3)}`);
      if (ratios.nodedupOverStockReqPerSec !== undefined) console.log(`ours-nodedup / stock req/s: ${ratios.nodedupOverStockReqPerSec.toFixed(3)}`);
      if (ratios.oursOverStockPeakRss !== undefined) console.log(`ours / stock peak RSS:      ${ratios.oursOverStockPeakRss.toFixed(3)} (the higher of the two ours variants)`);
      console.log(`CPU in % of one core (gateway, driver: median of rounds; others: highest) ${summaries.map(s => `${s.variant}: gateway ${fmt(s.gatewayCpuPct, 0)}, driver ${fmt(s.driverCpuPct, 0)}, others ${fmt(s.otherCpuPct, 0)}`).join("; ")}`);
      const disturbed = summaries.filter(s => s.otherCpuPct !== undefined && s.otherCpuPct > OTHERS_CPU_WARN_PCT);
      if (disturbed.length > 0) console.log(`WARNING: other processes used over ${OTHERS_CPU_WARN_PCT} % of a core while ${disturbed.map(s => s.variant).join(", ")} ran: the machine was not quiet, do not trust these figures`);
      const starved = summaries.filter(s => s.gatewayCpuPct !== undefined && s.gatewayCpuPct < 85);
      if (starved.length > 0) console.log(`note: ${starved.map(s => s.variant).join(", ")} used under 85 % of its core: something else (the driver, the subgraphs, other processes, or a gateway waiting on purpose) set the pace`);
      for (const note of checker.notes) console.log(`note: ${note}`);
      console.log(`answer size: ${checker.answerBytes} bytes`);
      console.log(`command: ${commandLine}`);
      for (const [variant, command] of commands) console.log(`  ${LABEL[variant]}: ${command}`);
    }

    if (options.json) {
      const figures = { command: commandLine, options, sizes: DEFAULT_BENCH_SIZES, answerBytes: checker.answerBytes, pinned: pin, gatewayCommands: Object.fromEntries(commands), rounds, summaries, ratios, failure };
      fs.writeFileSync(options.json, `${JSON.stringify(figures, null, 2)}\n`);
    }
    if (failure) {
      console.error(`\nFAILED: ${failure}`);
      return 1;
    }
    return 0;
  } finally {
    for (const g of gateways) await stopGateway(g);
    await subgraphs.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().then(
    code => process.exit(code),
    error => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
