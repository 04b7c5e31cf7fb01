import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { defaultFieldResolver, GraphQLSchema } from "graphql";
import type { DataSource, EntitySchema, MixedList } from "typeorm";
import { Clock, systemClock } from "./clock";
import { databaseReady, openDataSource, SqlStatementCounter, SubgraphDataSource } from "./datasource";
import { formatError, unwrap } from "./errors";
import { DeadLetters } from "./dead-letters";
import { createEventReceiver, EVENT_ENTITIES, EventEnvelope, EventHandler, EventPublisher, EventRelay, JETSTREAM_SUBSCRIBER, maxEventAttempts, processOnce, subscribersFromEnv, withDeliveryAtOnce } from "./events";
import { Disposition, JetStreamBus, jetStreamSettings } from "./jetstream";
import { Idempotency, IdempotencyRecord } from "./idempotency";
import { createHttpHandler, HttpError, keepAliveTimeoutMs, listen, RouteHandler, RunningHost } from "./http";
import { clientIdleMs, KeepAliveClient } from "./http-client";
import { JobRunner, ScheduledJob } from "./jobs";
import { LoaderCache } from "./loaders";
import { createLogger, Logger } from "./logger";
import { createMetrics, Metrics, metricsPlugin } from "./metrics";
import { PRINCIPAL_HEADER, Principal, signingSecret, verifyPrincipal } from "./principal";
import { configureTransactions, translateDatabaseError, UniqueViolationFactory } from "./transaction";
import { createTracing, extractContext, SpanKind, Tracing } from "./tracing";

/** What a subgraph's services are built from, once per process. */
export interface SubgraphRuntime {
  name: string;
  dataSource: DataSource;
  engine: "mysql" | "sqlite";
  sql: SqlStatementCounter;
  clock: Clock;
  logger: Logger;
  events: EventPublisher;
  env: NodeJS.ProcessEnv;
  secret: Uint8Array;
}

/** The GraphQL context of every subgraph request. */
export interface SubgraphContext<S> {
  principal: Principal;
  requestId: string;
  services: S;
  loaders: LoaderCache;
  /** The subgraph's dead letters (kit/dead-letters.ts), for the fields every subgraph has. */
  deadLetters: DeadLetters;
}

export interface SubgraphDefinition<S> {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Builds the federated schema (kit/schema.ts `buildFederatedSchema`). */
  buildSchema(): Promise<GraphQLSchema>;
  createServices(runtime: SubgraphRuntime): S;
  /**
   * Event types this subgraph consumes (DOMAIN.md §7). The start script and deployments turn
   * these lists into each producer's `EVENT_SUBSCRIBERS`.
   */
  consumes?: string[];
  /** Handlers of the consumed events, by event type (one for each type in `consumes`). */
  eventHandlers?(services: S): Record<string, EventHandler>;
  /** Time-driven transitions of this subgraph (kit/jobs.ts), run by every replica. */
  jobs?(services: S): ScheduledJob[];
  /**
   * The domain error for each unique constraint that enforces an "only once" rule, keyed
   * `table(column,column)`: the loser of a race gets it instead of the generic `ALREADY_EXISTS`
   * (kit/transaction.ts).
   */
  uniqueViolations?: Record<string, UniqueViolationFactory>;
  /**
   * Mutations whose response holds secrets shown once (kit/idempotency.ts): applied once under an
   * Idempotency-Key, but their response is never stored nor replayed.
   */
  secretResults?: string[];
  /**
   * Event types pushed to their subscribers before the request that published them is answered
   * (the relay's next round would otherwise deliver them within RELAY_INTERVAL_MS): identity's
   * revocations, which the gateway must have heard of before the revoking caller has its answer.
   */
  deliverAtOnce?: string[];
  /**
   * The subgraph keeps history of some tables (kit/history.ts: its migrations list
   * KitEntityHistory and install triggers): every transaction stamps the clock for them.
   */
  keepsHistory?: boolean;
  /** Extra HTTP routes (`"POST /internal/x"`), for service-to-service calls. */
  routes?(services: S, runtime: SubgraphRuntime): Record<string, RouteHandler>;
}

/** The kit's own tables, in every subgraph's database (kit/migrations.ts creates them). */
export const KIT_ENTITIES = [...EVENT_ENTITIES, IdempotencyRecord];

export interface SubgraphOptions {
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  logger?: Logger;
}

export interface Subgraph<S> {
  name: string;
  runtime: SubgraphRuntime;
  services: S;
  schema: GraphQLSchema;
  relay: EventRelay;
  jobs: JobRunner;
  deadLetters: DeadLetters;
  /** Events published or received and not yet applied by this subgraph's JetStream consumer (0 over HTTP: the outbox says it). */
  pendingEvents(): Promise<number>;
  apollo: ApolloServer<SubgraphContext<S>>;
  /** Node request listener serving /graphql, /health, /ready, /events and the extra routes. */
  handler: ReturnType<typeof createHttpHandler>;
  listen(port: number, host?: string): Promise<RunningHost>;
  stop(): Promise<void>;
}

/**
 * Builds a subgraph without listening: connects its database, runs migrations, builds schema,
 * services and server. `listen` starts HTTP and the event relay. Tests, scripts and the
 * launcher all go through here.
 */
export async function createSubgraph<S>(def: SubgraphDefinition<S>, options: SubgraphOptions = {}): Promise<Subgraph<S>> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? createLogger(def.name);
  const clock = options.clock ?? systemClock;
  const secret = signingSecret(env);
  const tracing = createTracing(def.name, env);
  const db: SubgraphDataSource = await openDataSource({
    name: def.name,
    entities: [...KIT_ENTITIES, ...(def.entities as unknown[])] as MixedList<string>,
    migrations: def.migrations,
    logger,
    env,
  });
  configureTransactions(db.dataSource, { uniqueViolations: def.uniqueViolations ?? {}, ...(def.keepsHistory ? { historyClock: clock } : {}) });
  if (tracing.enabled) traceStatements(db.dataSource, tracing, db.engine);
  // With NATS_URL every event goes once to JetStream (kit/jetstream.ts); otherwise over HTTP to EVENT_SUBSCRIBERS.
  const jetStream = jetStreamSettings(env);
  const bus = jetStream ? await JetStreamBus.connect(jetStream, logger, def.name) : undefined;
  const subscribers = bus ? [JETSTREAM_SUBSCRIBER] : subscribersFromEnv(env);
  const maxAttempts = maxEventAttempts(env);
  const runtime: SubgraphRuntime = {
    name: def.name,
    dataSource: db.dataSource,
    engine: db.engine,
    sql: db.sql,
    clock,
    logger,
    events: new EventPublisher(def.name, subscribers, clock, def.deliverAtOnce ?? []),
    env,
    secret,
  };
  const services = def.createServices(runtime);
  const handlers = def.eventHandlers?.(services) ?? {};
  const unhandled = (def.consumes ?? []).filter(type => !handlers[type]);
  if (unhandled.length) throw new Error(`${def.name} consumes ${unhandled.join(", ")} but has no handler`);
  const schema = await def.buildSchema();
  if (tracing.enabled) traceRootResolvers(schema, tracing);
  const metrics = createMetrics(def.name);
  const apollo = new ApolloServer<SubgraphContext<S>>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // The launcher owns shutdown (close HTTP, relay, jobs, database, in that order).
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginInlineTraceDisabled(), metricsPlugin(metrics)],
    formatError: (formatted, error) => {
      // A race lost on a unique key or a lock outside kit/transaction.ts is still a typed error.
      const translated = translateDatabaseError(unwrap(error), db.dataSource);
      if (translated) return { message: translated.message, path: formatted.path, locations: formatted.locations, extensions: translated.extensions } as never;
      return formatError(formatted, error, unexpected => logger.error({ err: unexpected }, "unexpected error")) as never;
    },
  });
  await apollo.start();
  const client = new KeepAliveClient({ idleMs: clientIdleMs(env) });
  const relay = new EventRelay({
    producer: def.name,
    dataSource: db.dataSource,
    subscribers,
    clock,
    logger,
    secret,
    intervalMs: Number(env.RELAY_INTERVAL_MS ?? 500),
    maxAttempts,
    maxBackoffMs: env.EVENT_MAX_BACKOFF_MS ? Number(env.EVENT_MAX_BACKOFF_MS) : undefined,
    bus,
    fetch: client.fetch,
    onAttempt: (subscriber, outcome) => metrics.eventDeliveries.inc({ subscriber, outcome }),
    tracing,
  });
  const deadLetters = new DeadLetters(def.name, db.dataSource, clock, handlers, () => void relay.runOnce().catch(error => logger.warn({ err: error }, "relay round failed")));
  const consumes = def.consumes ?? [];
  const maxBackoffMs = Number(env.EVENT_MAX_BACKOFF_MS ?? 300_000);
  /** One event from JetStream: applied at most once, acknowledged after commit, parked after its attempts. */
  const consumeFromStream = async (envelope: EventEnvelope, delivery: { attempt: number; traceparent?: string }): Promise<Disposition> => {
    if (!consumes.includes(envelope.type)) return { ack: true };
    try {
      await tracing.span(
        `handle ${envelope.type}`,
        { kind: SpanKind.CONSUMER, parent: delivery.traceparent ? extractContext({ traceparent: delivery.traceparent }) : undefined, attributes: { "messaging.message.id": envelope.id, "messaging.destination.name": envelope.type, "event.producer": envelope.producer } },
        () => processOnce(db.dataSource, envelope, handlers[envelope.type], clock),
      );
      metrics.eventDeliveries.inc({ subscriber: def.name, outcome: "delivered" });
      return { ack: true };
    } catch (error) {
      metrics.eventDeliveries.inc({ subscriber: def.name, outcome: "failed" });
      if (delivery.attempt >= maxAttempts) {
        await deadLetters.parkIncoming(envelope, delivery.attempt, error);
        logger.error({ err: error, event: envelope.id, type: envelope.type, attempts: delivery.attempt }, "event handling failed too often: parked as a dead letter");
        return { ack: true };
      }
      logger.warn({ err: error, event: envelope.id, type: envelope.type, attempt: delivery.attempt }, "event handling failed; redelivered later");
      return { ack: false, retryInMs: Math.min(1000 * 2 ** (delivery.attempt - 1), maxBackoffMs) };
    }
  };
  observeDatabase(metrics, db, clock);
  const idempotency = new Idempotency({ dataSource: db.dataSource, clock, logger, env, secretResults: def.secretResults });
  const jobs = new JobRunner([...(def.jobs?.(services) ?? []), idempotency.purgeJob()], clock, logger, Number(env.JOB_INTERVAL_MS ?? 1000), (job, outcome) =>
    metrics.jobRuns.inc({ job, outcome }),
  );
  const routes: Record<string, RouteHandler> = {
    "GET /health": async () => ({ status: 200, body: { status: "ok", service: def.name } }),
    "GET /metrics": metrics.route,
    "GET /ready": async () => {
      const ready = await databaseReady(db);
      return { status: ready.ok ? 200 : 503, body: { status: ready.ok ? "ready" : "not ready", service: def.name, reason: ready.reason } };
    },
    "POST /events": createEventReceiver({ name: def.name, dataSource: db.dataSource, handlers, secret, clock, logger, tracing }),
    ...(def.routes?.(services, runtime) ?? {}),
  };
  const handler = createHttpHandler<SubgraphContext<S>>({
    apollo,
    routes,
    tracing,
    context: async (req: IncomingMessage) => {
      const token = req.headers[PRINCIPAL_HEADER];
      const principal = await verifyPrincipal(Array.isArray(token) ? token[0] : token, secret, def.name);
      // Every GraphQL request, `_entities` and `_service` included, must come through the gateway.
      if (!principal) throw new HttpError(401, "UNSIGNED_REQUEST", "This subgraph answers only requests signed by the gateway.");
      const requestId = (req.headers["x-request-id"] as string | undefined) ?? randomUUID();
      return { principal, requestId, services, loaders: new LoaderCache(), deadLetters };
    },
    around: (req, body, context, execute) =>
      withDeliveryAtOnce(
        () => idempotency.around(req, body, context.principal, execute),
        // Best effort: a delivery that fails now is retried by the relay's rounds.
        () => relay.runOnce().catch(error => logger.warn({ err: error }, "immediate event delivery failed; the relay retries")),
      ),
  });
  const hosts: RunningHost[] = [];
  return {
    name: def.name,
    runtime,
    services,
    schema,
    relay,
    jobs,
    deadLetters,
    pendingEvents: async () => (bus && consumes.length ? bus.pending(def.name) : 0),
    apollo,
    handler,
    async listen(port: number, host?: string) {
      const running = await listen(handler, port, host, { keepAliveTimeoutMs: keepAliveTimeoutMs(env) });
      hosts.push(running);
      relay.start();
      if (bus && consumes.length) await bus.consume({ durable: def.name, handle: consumeFromStream });
      jobs.start();
      logger.info({ url: `${running.url}/graphql`, database: db.engine, location: db.location }, "subgraph listening");
      return running;
    },
    async stop() {
      // Requests in flight finish first (bounded), with the database, relay and jobs still there.
      await Promise.all(hosts.splice(0).map(h => h.close()));
      await jobs.stop();
      await relay.stop();
      await bus?.close();
      client.destroy();
      await apollo.stop();
      if (db.dataSource.isInitialized) await db.dataSource.destroy();
      await tracing.shutdown();
    },
  };
}

/** The outbox's backlog and oldest undelivered event, and the database pool, read at each scrape. */
function observeDatabase(metrics: Metrics, db: SubgraphDataSource, clock: Clock): void {
  const backlog = async () => {
    const [row] = (await db.dataSource.query(
      "SELECT COUNT(*) AS pending, MIN(e.occurred_at) AS oldest FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id WHERE d.status = 'PENDING'",
    )) as Array<{ pending: number | string; oldest: string | Date | null }>;
    return row;
  };
  metrics.gauge("outbox_backlog", "Event deliveries not yet made.", async () => Number((await backlog()).pending));
  metrics.gauge("outbox_oldest_undelivered_age_seconds", "Age of the oldest event with a delivery not yet made (0 when none).", async () => {
    const { oldest } = await backlog();
    if (!oldest) return 0;
    const at = oldest instanceof Date ? oldest : new Date(`${String(oldest).replace(" ", "T")}Z`);
    return Math.max(0, (clock.now().getTime() - at.getTime()) / 1000);
  });
  metrics.gauge("event_dead_letters", "Events parked as dead letters, waiting for an officer (kit/dead-letters.ts).", async () => {
    const [row] = (await db.dataSource.query("SELECT COUNT(*) AS n FROM dead_letter WHERE status = 'PARKED'")) as Array<{ n: number | string }>;
    return Number(row.n);
  });
  // mysql2's pool keeps its connections in these lists; SQLite has one connection, always held.
  const pool = () => (db.dataSource.driver as unknown as { pool?: { _allConnections?: { length: number }; _freeConnections?: { length: number } } }).pool;
  metrics.gauge("db_pool_connections", "Database connections open.", () => pool()?._allConnections?.length ?? 1);
  metrics.gauge("db_pool_connections_in_use", "Database connections lent out.", () => {
    const p = pool();
    return p?._allConnections ? p._allConnections.length - (p._freeConnections?.length ?? 0) : 1;
  });
}

/**
 * A span for each resolver of a root field (`Query.x`, `Mutation.y`, `_entities`), active while it
 * runs, so that the SQL it causes nests under it. Only when tracing records.
 */
function traceRootResolvers(schema: GraphQLSchema, tracing: Tracing): void {
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, ctx, info) =>
        tracing.span(`resolve ${info.parentType.name}.${info.fieldName}`, { attributes: { "graphql.field.name": info.fieldName, "graphql.parent.type": info.parentType.name } }, async () => resolve(source, args, ctx, info));
    }
  }
}

/** A CLIENT span for each SQL statement (`db.query.text` cut at 1,000 characters). Only when tracing records. */
function traceStatements(dataSource: DataSource, tracing: Tracing, engine: "mysql" | "sqlite"): void {
  const driver = dataSource.driver;
  const create = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = mode => {
    const runner = create(mode);
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    (runner as { query: unknown }).query = (...args: unknown[]) =>
      tracing.span("sql", { kind: SpanKind.CLIENT, attributes: { "db.system": engine === "sqlite" ? "sqlite" : "mariadb", "db.query.text": String(args[0]).slice(0, 1000) } }, () => query(...args));
    return runner;
  };
}

/**
 * A subgraph's launcher (`subgraphs/<name>/index.ts`): creates it, runs `beforeListen` (e.g.
 * identity's demo data, which must exist before the first request), listens on `PORT` (or the
 * subgraph's default) and `HOST`, runs `afterListen` (demo data that waits for other subgraphs'
 * events), and stops gracefully on SIGINT or SIGTERM. A failure to start exits with code 1.
 */
export function launchSubgraph<S>(
  def: SubgraphDefinition<S>,
  defaultPort: number,
  hooks: { beforeListen?(subgraph: Subgraph<S>): Promise<unknown>; afterListen?(subgraph: Subgraph<S>): Promise<unknown> } = {},
): void {
  const main = async () => {
    const subgraph = await createSubgraph(def);
    await hooks.beforeListen?.(subgraph);
    await subgraph.listen(Number(process.env.PORT ?? defaultPort), process.env.HOST ?? "127.0.0.1");
    // Not awaited: it waits for other subgraphs, and a failure is logged, not fatal.
    hooks.afterListen?.(subgraph).catch(error => subgraph.runtime.logger.error({ err: error }, "demo data failed"));
    const stop = async () => {
      await subgraph.stop();
      process.exit(0);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  };
  main().catch(error => {
    console.error(error);
    process.exit(1);
  });
}
