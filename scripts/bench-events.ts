import "reflect-metadata";

import { randomBytes } from "node:crypto";
import pino from "pino";
import {
  createEventReceiver,
  EVENT_ENTITIES,
  EventPublisher,
  EventRelay,
  JetStreamBus,
  JETSTREAM_SUBSCRIBER,
  KitDeadLetters1765800000000,
  KitEventTables1763800000000,
  KitEventTraceContext1765700000000,
  listen,
  openDataSource,
  processOnce,
  signingSecret,
  SubgraphDataSource,
  systemClock,
  transaction,
} from "../subgraphs/kit";
import { dropDatabase, freshDatabase } from "../test/support/mysql";

/**
 * `npm run bench:events [-- --events 10000 --rate 200 --transports http,jetstream --json out.json]` (issue 14):
 * relays N events end to end on each transport, through the real kit pieces: a producer commits
 * each event in its own transaction into its outbox (MariaDB at MYSQL_URL, default 127.0.0.1:3306),
 * the outbox relay delivers it (HTTP: POST to the consumer; JetStream: publish to the stream at
 * NATS_URL, default 127.0.0.1:4222), and the consumer applies it once (processed-event row and the
 * effect in one transaction). Prints events per second (first commit to last processed) and the
 * lag from each event's commit to its processing (p50, p95, max). Without `--rate` four writers
 * commit as fast as they can (the throughput; the lag is then the backlog's); with `--rate` they
 * are paced (the lag of a steady load).
 */
interface Figures {
  transport: string;
  /** Events committed per second by the producers, when paced; unset: as fast as they can. */
  rate?: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  lagMs: { p50: number; p95: number; max: number };
}

const NATS_URL = process.env.NATS_URL ?? "nats://127.0.0.1:4222";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function open(name: string, database: string): Promise<SubgraphDataSource> {
  const url = await freshDatabase(database);
  return openDataSource({
    name,
    entities: EVENT_ENTITIES,
    migrations: [KitEventTables1763800000000, KitEventTraceContext1765700000000, KitDeadLetters1765800000000],
    env: { [`${name.toUpperCase()}_DATABASE_URL`]: url, DB_POOL_SIZE: "10" },
  });
}

async function runTransport(transport: "http" | "jetstream", count: number, rate?: number): Promise<Figures> {
  const logger = pino({ level: "warn" });
  const run = randomBytes(3).toString("hex");
  const producerDb = `customs_bench_events_producer_${run}`;
  const consumerDb = `customs_bench_events_consumer_${run}`;
  const producer = await open("benchproducer", producerDb);
  const consumer = await open("benchconsumer", consumerDb);
  const secret = signingSecret({});
  const committed = new Map<string, number>();
  const lags: number[] = [];
  let done!: () => void;
  const all = new Promise<void>(resolve => (done = resolve));
  let processed = 0;
  let lastProcessedAt = 0;
  const record = (envelope: { id: string }, outcome: string) => {
    if (outcome !== "PROCESSED") return;
    lastProcessedAt = Date.now();
    lags.push(lastProcessedAt - (committed.get(envelope.id) ?? lastProcessedAt));
    processed += 1;
    if (processed === count) done();
  };
  const apply = async (envelope: { id: string; type: string; producer?: string; aggregateId: string; occurredAt: string; payload: Record<string, unknown> }) =>
    record(envelope, await processOnce(consumer.dataSource, envelope as never, async () => undefined, systemClock));

  let server: Awaited<ReturnType<typeof listen>> | undefined;
  let bus: JetStreamBus | undefined;
  let consumerBus: JetStreamBus | undefined;
  const settings = { url: NATS_URL, stream: `CUSTOMS_BENCH_${run}`, subjectPrefix: `customs.bench.${run}`, duplicateWindowMs: 120_000, maxAgeMs: 3600_000 };
  let subscribers;
  if (transport === "http") {
    const receive = createEventReceiver({ name: "benchconsumer", dataSource: consumer.dataSource, handlers: { BenchEvent: async () => undefined }, secret, clock: systemClock, logger });
    server = await listen((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", chunk => chunks.push(chunk as Buffer));
      req.on("end", () => {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        void receive(req, body).then(answer => {
          if (answer.status === 200) record(body, (answer.body as { outcome: string }).outcome);
          res.statusCode = answer.status;
          res.end(JSON.stringify(answer.body));
        });
      });
    }, 0);
    subscribers = [{ name: "benchconsumer", url: `${server.url}/events` }];
  } else {
    bus = await JetStreamBus.connect(settings, logger, "bench-producer");
    consumerBus = await JetStreamBus.connect(settings, logger, "bench-consumer");
    await consumerBus.consume({ durable: "benchconsumer", handle: async envelope => (await apply(envelope), { ack: true }) });
    subscribers = [JETSTREAM_SUBSCRIBER];
  }
  const publisher = new EventPublisher("benchproducer", subscribers, systemClock);
  const relay = new EventRelay({ producer: "benchproducer", dataSource: producer.dataSource, subscribers, clock: systemClock, logger, secret, intervalMs: 5, batchSize: 200, bus });
  relay.start();
  const started = Date.now();
  // Commits from four writers at once, as several requests would.
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < count) {
        const i = next++;
        // Paced (--rate): the i-th event is committed no earlier than i / rate seconds in.
        if (rate) await new Promise(resolve => setTimeout(resolve, Math.max(0, started + (i * 1000) / rate - Date.now())));
        const envelope = await transaction(producer.dataSource, m => publisher.publish(m, "BenchEvent", `agg-${i % 100}`, { i }));
        committed.set(envelope.id, Date.now());
      }
    }),
  );
  await all;
  const seconds = (lastProcessedAt - started) / 1000;
  await relay.stop();
  await consumerBus?.close();
  await bus?.close();
  await server?.close(0);
  await producer.dataSource.destroy();
  await consumer.dataSource.destroy();
  await dropDatabase(producerDb);
  await dropDatabase(consumerDb);
  if (transport === "jetstream") await JetStreamBus.deleteStream(settings);
  const sorted = [...lags].sort((a, b) => a - b);
  return { transport, rate, events: count, seconds, eventsPerSecond: Math.round(count / seconds), lagMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] } };
}

async function main(argv: string[]): Promise<void> {
  const arg = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const count = Number(arg("events") ?? 10_000);
  const transports = (arg("transports") ?? "http,jetstream").split(",") as ("http" | "jetstream")[];
  const rate = arg("rate") ? Number(arg("rate")) : undefined;
  const figures: Figures[] = [];
  for (const transport of transports) {
    console.log(`relaying ${count} events over ${transport}${rate ? ` at ${rate} per second` : ", committed as fast as four writers can"} ...`);
    figures.push(await runTransport(transport, count, rate));
  }
  console.log("");
  console.log("| transport | offered | events | seconds | events/s | lag p50 ms | lag p95 ms | lag max ms |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const f of figures) console.log(`| ${f.transport} | ${f.rate ? `${f.rate}/s` : "max"} | ${f.events} | ${f.seconds.toFixed(1)} | ${f.eventsPerSecond} | ${f.lagMs.p50} | ${f.lagMs.p95} | ${f.lagMs.max} |`);
  const json = arg("json");
  if (json) (await import("node:fs")).writeFileSync(json, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(JSON.stringify(figures));
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  error => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
