// @apollo/gateway starts an anonymous usage exporter in its constructor unless this is set.
process.env.APOLLO_TELEMETRY_DISABLED = "true";
// Before @apollo/gateway loads (see why there).
import "./flat-exports";

import { randomUUID } from "node:crypto";
import fs from "node:fs";
import type { IncomingMessage, RequestListener } from "node:http";
import path from "node:path";
import { ApolloGateway } from "@apollo/gateway";
import { Supergraph } from "@apollo/federation-internals";
import { ApolloServer, ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled, ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled } from "@apollo/server/plugin/disabled";
import {
  checkIdempotencyKey,
  clientIdleMs,
  createHttpHandler,
  HttpError,
  IDEMPOTENCY_HEADER,
  createLogger,
  createMetrics,
  createTracing,
  JetStreamBus,
  jetStreamSettings,
  isPlainRequestId,
  KeepAliveClient,
  metricsPlugin,
  Principal,
  keepAliveTimeoutMs,
  formatError,
  listen,
  Logger,
  RouteHandler,
  RunningHost,
  principalTtlSeconds,
  signingSecret,
  signPrincipal,
  PRINCIPAL_HEADER,
  verifyPrincipal,
} from "../subgraphs/kit/gateway-side";
import { ExecutionResult, GraphQLError, GraphQLSchema } from "graphql";
import { LRUCache } from "lru-cache";
import { AuthStats, createAuthenticator, loadVerificationKey, PRINCIPAL_EVENT_TYPES } from "./auth";
import { GatewayConfig, loadConfig, serviceBaseUrl, subgraphUrlFromEnv } from "./config";
import { applyCors, loadCorsOrigins } from "./cors";
import { createGraphiql, graphiqlEnabled } from "./graphiql";
import { createWebApp, loadWebAppSettings } from "./web-app";
import { createSubscriptions, STREAM_PATH, SubscriptionHub, SUBSCRIPTION_EVENT_TYPES } from "./subscriptions";
import { createEdge, EdgeStats } from "./edge";
import { loadLimits, OperationLimiter } from "./limits";
import { createRateLimiter, loadRateLimits, MemoryRateLimiter, RateLimiter } from "./rate-limit";
import { SubgraphClient, SubgraphClientStats } from "./subgraph-client";
import { GatewayContext, PrincipalForwardingDataSource } from "./subgraph-source";
import { TrustedDocuments } from "./trusted-documents";

export type { GatewayContext } from "./subgraph-source";

export interface GatewayOptions {
  /** Environment to read (see config.ts). @default process.env */
  env?: NodeJS.ProcessEnv;
  /** The supergraph itself; when absent it is read from `supergraphPath`. */
  supergraphSdl?: string;
  /** @default SUPERGRAPH_PATH, else schema/supergraph.graphql */
  supergraphPath?: string;
  /** GraphQL URL per subgraph name; wins over `<NAME>_URL`, which wins over the supergraph's routing URL. */
  subgraphUrls?: Record<string, string>;
  /** Default port of `listen()` (0 picks a free one). @default PORT, else 4000 */
  port?: number;
  /** @default HOST, else 127.0.0.1 */
  host?: string;
  logger?: Logger;
  /** How long identity may take to say who a caller is. @default 5000 */
  identityTimeoutMs?: number;
  /** How long a subgraph's /ready may take during the gateway's /ready. @default 2000 */
  healthTimeoutMs?: number;
  /** How long a subgraph fetch may take. @default SUBGRAPH_TIMEOUT_MS, else 30000 */
  subgraphTimeoutMs?: number;
  /** The rate limiter; @default Redis when REDIS_URL is set, else in memory. */
  rateLimiter?: RateLimiter;
}

export interface SubgraphEndpoint {
  name: string;
  /** The GraphQL URL the gateway sends fetches to. */
  url: string;
}

/** What the gateway counted since it started: deduplication at both ends, refusals by code. */
export interface GatewayStats {
  auth: AuthStats;
  edge: EdgeStats;
  subgraphFetches: SubgraphClientStats;
  /** Subscription streams open on this replica (gateway/subscriptions.ts). */
  subscriptions: { readonly open: number };
}

export interface Gateway {
  config: GatewayConfig;
  stats: GatewayStats;
  subgraphs: readonly SubgraphEndpoint[];
  apollo: ApolloServer<GatewayContext>;
  /** Node request listener: /graphql, GET /health, GET /ready. */
  handler: RequestListener;
  listen(port?: number, host?: string): Promise<RunningHost>;
  stop(): Promise<void>;
}

/**
 * Builds the gateway without listening: a static supergraph (composed by scripts/compose.ts) in
 * @apollo/gateway inside Apollo Server, behind the kit's HTTP host. A subgraph that is down does
 * not stop it from starting; its fields fail with an error naming it.
 */
export async function createGateway(options: GatewayOptions = {}): Promise<Gateway> {
  const env = options.env ?? process.env;
  const loaded = loadConfig(env);
  // Every setting is read (and a bad one refused) before anything is opened: a gateway that
  // cannot start leaves no connection behind.
  const settings = {
    dedup: dedupEnabled(env),
    limits: loadLimits(env),
    rateLimits: loadRateLimits(env),
    trusted: TrustedDocuments.fromFile(env.GATEWAY_TRUSTED_DOCUMENTS || undefined),
    maxConcurrentOperations: maxConcurrentOperations(env),
    partnerTokenCacheMs: partnerTokenCacheMs(env),
    corsOrigins: loadCorsOrigins(env),
    graphiql: graphiqlEnabled(env),
    streamRecheckMs: positiveMs(env.GATEWAY_STREAM_RECHECK_MS, 30_000, "GATEWAY_STREAM_RECHECK_MS"),
    webApp: loadWebAppSettings(env, loaded),
  };
  const config: GatewayConfig = {
    ...loaded,
    port: options.port ?? loaded.port,
    host: options.host ?? loaded.host,
    supergraphPath: options.supergraphPath ?? loaded.supergraphPath,
  };
  const logger = options.logger ?? createLogger("gateway");
  const metrics = createMetrics("gateway");
  // The gateway's provider is the process's global one: @apollo/gateway's plan and fetch spans use it.
  const tracing = createTracing("gateway", env, { global: true });
  const secret = signingSecret(env);
  const principalTtl = principalTtlSeconds(env);
  const supergraphSdl = options.supergraphSdl ?? fs.readFileSync(path.resolve(config.supergraphPath), "utf8");

  const subgraphs: SubgraphEndpoint[] = Supergraph.build(supergraphSdl)
    .subgraphsMetadata()
    .map(({ name, url }) => ({ name, url: options.subgraphUrls?.[name] ?? subgraphUrlFromEnv(name, env) ?? url }));
  const urlOf = new Map(subgraphs.map(s => [s.name, s.url]));
  const identityUrl = urlOf.get("identity") ?? options.subgraphUrls?.identity ?? subgraphUrlFromEnv("identity", env);

  // Identity's principal endpoint and /ready's health checks: a keep-alive client whose idle
  // connections close before the subgraphs' servers close them (a reset request is sent again once).
  const client = new KeepAliveClient({ idleMs: clientIdleMs(env) });
  const subgraphTimeoutMs = options.subgraphTimeoutMs ?? Number(env.SUBGRAPH_TIMEOUT_MS ?? 30_000);
  const dedup = settings.dedup;
  // Subgraph fetches: undici's pool, identical concurrent queries of one principal sent once.
  const subgraphClient = new SubgraphClient({ idleMs: clientIdleMs(env), timeoutMs: subgraphTimeoutMs, dedup });
  const authenticate = createAuthenticator({
    fetch: client.fetch,
    jwt: { ...config.jwt, key: await loadVerificationKey(config.jwt) },
    principalEndpoint: identityUrl ? `${serviceBaseUrl(identityUrl)}/internal/principal` : undefined,
    secret,
    logger,
    identityTimeoutMs: options.identityTimeoutMs,
    partnerTokenCacheMs: settings.partnerTokenCacheMs,
  });

  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: logger.child({ component: "apollo-gateway" }),
    buildService: ({ name, url }) => new PrincipalForwardingDataSource(name, urlOf.get(name) ?? url ?? "", logger, subgraphClient, subgraphTimeoutMs, metrics),
  });
  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: loadedSchema }) => (apiSchema = loadedSchema));
  const rateLimits = settings.rateLimits;
  // No connection to Redis for a gateway that limits no one.
  const rateLimiter = options.rateLimiter ?? (Object.keys(rateLimits).length > 0 ? createRateLimiter(env, logger) : new MemoryRateLimiter());
  if (Object.keys(rateLimits).length > 0) await rateLimiter.ready();
  const edge = createEdge({
    limiter: new OperationLimiter(settings.limits, () => apiSchema),
    rateLimiter,
    rateLimits,
    trusted: settings.trusted,
    dedup,
    maxConcurrentOperations: settings.maxConcurrentOperations,
    onRefused: code => metrics.refusals.inc({ code }),
  });
  const corsOrigins = settings.corsOrigins;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // gateway/index.ts owns shutdown.
    stopOnTerminationSignals: false,
    // Apollo's landing page loads Sandbox from the internet; the gateway serves GraphiQL itself (graphiql.ts).
    plugins: [ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled(), ApolloServerPluginLandingPageDisabled(), requestLog(logger), metricsPlugin(metrics)],
    // Stack traces of the gateway's own code tell a client nothing.
    includeStacktraceInErrorResponses: false,
    // Trusted documents replace automatic persisted queries (trusted-documents.ts says why).
    persistedQueries: false,
    formatError: (formatted, error) => {
      const serviceName = formatted.extensions?.serviceName;
      const result = formatError(formatted, error, unexpected =>
        serviceName
          ? logger.warn({ subgraph: serviceName, path: formatted.path }, "subgraph reported an internal error")
          : logger.error({ err: unexpected }, "unexpected error"),
      );
      // A masked subgraph fault still says which service it came from.
      if (serviceName && result.extensions) (result.extensions as Record<string, unknown>).serviceName = serviceName;
      return result as never;
    },
  });
  await apollo.start();

  // With NATS, identity's changes to callers reach every gateway replica on the stream's subjects
  // (core NATS, at most once: the caches also expire on their own); without it, over POST /events.
  const jetStream = jetStreamSettings(env);
  const bus = jetStream ? await JetStreamBus.connect(jetStream, logger, "gateway") : undefined;
  bus?.listen(PRINCIPAL_EVENT_TYPES, event => {
    const forgotten = authenticate.forget({ type: event.type, payload: event.payload });
    logger.info({ event: event.id, type: event.type, forgotten }, "event received from the stream");
  });
  // The events subscriptions wait for (gateway/subscriptions.ts), on this replica.
  const hub = new SubscriptionHub();
  bus?.listen(SUBSCRIPTION_EVENT_TYPES, event => hub.publish(event.type, event.payload));

  const healthTimeoutMs = options.healthTimeoutMs ?? 2000;
  const routes: Record<string, RouteHandler> = {
    // Identity's events about callers (PRINCIPAL_EVENT_TYPES), delivered by its outbox relay like
    // any subscriber's: the gateway forgets what it remembered about the callers concerned. Every
    // replica is a subscriber of its own; a redelivery forgets nothing more.
    "POST /events": async (req, body) => {
      const caller = await verifyPrincipal(header(req, PRINCIPAL_HEADER), secret, "gateway");
      if (!caller || caller.kind !== "SERVICE") return { status: 401, body: { error: "UNSIGNED_REQUEST" } };
      const event = body as { id?: unknown; type?: unknown; payload?: Record<string, unknown> } | undefined;
      if (typeof event?.id !== "string" || typeof event.type !== "string") return { status: 400, body: { error: "BAD_EVENT" } };
      const forgotten = authenticate.forget({ type: event.type, payload: event.payload });
      // The notifications subgraph's NotificationAdded: pushed to this replica's subscribers.
      const streams = hub.publish(event.type, event.payload);
      logger.info({ event: event.id, type: event.type, producer: caller.subject, forgotten, streams }, "event received");
      return { status: 200, body: { outcome: "applied", forgotten } };
    },
    "GET /health": async () => ({ status: 200, body: { status: "ok", service: "gateway" } }),
    "GET /metrics": metrics.route,
    "GET /ready": async () => {
      // Each subgraph's own /ready: its database answers and its migrations are applied (a
      // subgraph whose process is up but whose database is not is not ready).
      const checks = await Promise.all(subgraphs.map(async s => ({ name: s.name, up: await answersReady(client, s.url, healthTimeoutMs) })));
      const unreachable = checks.filter(c => !c.up).map(c => c.name);
      const services = Object.fromEntries(checks.map(c => [c.name, c.up ? "up" : "unreachable"]));
      return unreachable.length === 0
        ? { status: 200, body: { status: "ready", services } }
        : { status: 503, body: { status: "not ready", unreachable, services } };
    },
  };

  // Signed principals, reused across requests for half their life (signing showed in profiles).
  const signed = new LRUCache<string, { token: Promise<string>; at: number }>({ max: 10_000 });
  const contextFor = (principal: Principal, requestId: string, idempotencyKey?: string): GatewayContext => {
    const principalKey = keyOf(principal);
    // One token per principal and subgraph, reused while it has more than half its life left
    // (the token lives seconds: a slow plan's later fetches get a new one).
    const principalTokenFor = (subgraph: string) => {
      const key = `${subgraph}\u0000${principalKey}`;
      const cached = signed.get(key);
      if (cached && Date.now() - cached.at < (principalTtl * 1000) / 2) return cached.token;
      const fresh = { token: signPrincipal(principal, secret, subgraph, principalTtl), at: Date.now() };
      signed.set(key, fresh);
      return fresh.token;
    };
    return { principal, principalKey, principalTokenFor, requestId, idempotencyKey };
  };
  const graphqlHandler = createHttpHandler<GatewayContext>({
    apollo,
    routes,
    tracing,
    around: edge.around,
    context: async (req: IncomingMessage) => {
      const requestId = requestIdOf(req);
      const idempotencyKey = header(req, IDEMPOTENCY_HEADER);
      const invalidKey = idempotencyKey === undefined ? undefined : checkIdempotencyKey(idempotencyKey);
      if (invalidKey) throw new HttpError(400, "IDEMPOTENCY_KEY_INVALID", invalidKey);
      const principal = await authenticate(header(req, "authorization"), requestId);
      return contextFor(principal, requestId, idempotencyKey);
    },
  });
  const subscriptions = createSubscriptions({
    hub,
    schema: () => apiSchema,
    authenticate: req => authenticate(header(req, "authorization"), requestIdOf(req)),
    admit: edge.admitStream,
    logger,
    recheckMs: settings.streamRecheckMs,
    async execute(query, variables, principal, operationName) {
      const response = await apollo.executeOperation({ query, variables, operationName }, { contextValue: contextFor(principal, randomUUID()) });
      return response.body.kind === "single" ? (response.body.singleResult as ExecutionResult) : { errors: [new GraphQLError("Incremental delivery is not supported on a subscription.")] };
    },
  });
  const graphiql = settings.graphiql ? createGraphiql("/graphql") : undefined;
  const webApp = createWebApp(settings.webApp);
  const handler: RequestListener = (req, res) => {
    // One request id from here on (the caller's when it is a plain token): echoed in the answer,
    // sent to every subgraph, in every log line.
    req.headers["x-request-id"] = requestIdOf(req);
    if (applyCors(req, res, corsOrigins)) return;
    if (graphiql?.(req, res)) return;
    if (webApp(req, res)) return;
    if ((req.url ?? "").split("?")[0] === STREAM_PATH) {
      subscriptions(req, res).catch((error: unknown) => {
        // A client that goes away mid-stream (a closed tab) makes graphql-sse's next write fail:
        // the stream is over, nothing to answer. Anything else is logged, and the stream closed.
        if (res.destroyed || !res.writable) return;
        logger.warn({ err: error }, "subscription stream failed");
        res.destroy();
      });
      return;
    }
    void graphqlHandler(req, res);
  };

  const hosts: RunningHost[] = [];
  return {
    config,
    stats: {
      auth: authenticate.stats,
      edge: edge.stats,
      subgraphFetches: subgraphClient.stats,
      subscriptions: {
        get open() {
          return hub.size;
        },
      },
    },
    subgraphs,
    apollo,
    handler,
    async listen(port = config.port, host = config.host) {
      const running = await listen(handler, port, host, { keepAliveTimeoutMs: keepAliveTimeoutMs(env) });
      hosts.push(running);
      logger.info({ url: `${running.url}/graphql`, subgraphs }, "gateway listening");
      return running;
    },
    async stop() {
      await Promise.all(hosts.splice(0).map(h => h.close()));
      await apollo.stop();
      client.destroy();
      await subgraphClient.close();
      await rateLimiter.close();
      await bus?.close();
      await tracing.shutdown();
    },
  };
}

/**
 * `GATEWAY_DEDUP`: `on` (default) shares one execution among identical concurrent queries of one
 * principal, inbound and towards each subgraph; `off` runs every request as sent. Mutations never share.
 */
export function dedupEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.GATEWAY_DEDUP ?? "on").toLowerCase();
  if (value === "on" || value === "true" || value === "1") return true;
  if (value === "off" || value === "false" || value === "0") return false;
  throw new Error(`GATEWAY_DEDUP must be 'on' or 'off', not '${env.GATEWAY_DEDUP}'`);
}

/**
 * `GATEWAY_PARTNER_TOKEN_CACHE_MS`: longest time identity's answer about an API access token is
 * used without asking again (auth.ts); identity's events end it sooner. 0: ask on every request.
 */
export function partnerTokenCacheMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.GATEWAY_PARTNER_TOKEN_CACHE_MS ?? 60_000);
  if (!Number.isInteger(value) || value < 0 || value > 3_600_000) throw new Error(`GATEWAY_PARTNER_TOKEN_CACHE_MS must be a whole number from 0 to 3600000, not '${env.GATEWAY_PARTNER_TOKEN_CACHE_MS}'`);
  return value;
}

/** `GATEWAY_MAX_CONCURRENT_OPERATIONS`: operations executing at once (see edge.ts `Slots`); 0 for no bound. */
export function maxConcurrentOperations(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.GATEWAY_MAX_CONCURRENT_OPERATIONS ?? DEFAULT_MAX_CONCURRENT_OPERATIONS);
  if (!Number.isInteger(value) || value < 0) throw new Error(`GATEWAY_MAX_CONCURRENT_OPERATIONS must be a whole number (0: no bound), not '${env.GATEWAY_MAX_CONCURRENT_OPERATIONS}'`);
  return value;
}

export const DEFAULT_MAX_CONCURRENT_OPERATIONS = 0;

/** Everything a subgraph may decide by, in a fixed order: equal keys are the same caller. */
function keyOf(principal: Principal): string {
  return JSON.stringify([principal.kind, principal.subject ?? null, principal.userId ?? null, principal.applicationId ?? null, principal.partners, principal.officerRoles]);
}

async function answersReady(client: KeepAliveClient, graphqlUrl: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await client.fetch(`${serviceBaseUrl(graphqlUrl)}/ready`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Keeps a caller's request id when it is a plain token, so it can be followed through the logs. */
function requestIdOf(req: IncomingMessage): string {
  const given = header(req, "x-request-id");
  return isPlainRequestId(given) ? given : randomUUID();
}

/** One structured line per operation: who, what, how long, which error codes. */
function requestLog(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, errors }) {
          logger.info(
            {
              requestId: contextValue.requestId,
              principal: contextValue.principal.kind,
              subject: contextValue.principal.subject,
              operationName,
              ms: Number(process.hrtime.bigint() - started) / 1e6,
              errors: errors?.map(e => e.extensions?.code ?? "INTERNAL_SERVER_ERROR"),
            },
            "graphql request",
          );
        },
      };
    },
  };
}

/** A duration setting in milliseconds (1 to 3,600,000), or its default. */
function positiveMs(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1 || ms > 3_600_000) throw new Error(`${name} must be a whole number of milliseconds from 1 to 3600000, not '${value}'`);
  return ms;
}
