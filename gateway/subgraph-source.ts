import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from "@apollo/gateway";
// Neither is re-exported from the package index (2.14.4).
import { parseCacheControlHeader } from "@apollo/gateway/dist/datasources/parseCacheControlHeader";
import { GraphQLDataSourceRequestKind } from "@apollo/gateway/dist/datasources/types";
import { DocumentNode, Kind } from "graphql";
import { IDEMPOTENCY_HEADER, Logger, Metrics, Principal, PRINCIPAL_HEADER, traceHeaders } from "../subgraphs/kit/gateway-side";
import { SubgraphAnswer, SubgraphClient } from "./subgraph-client";

/** The gateway's GraphQL context: who called, the same fact signed for each subgraph, and a trace id. */
export interface GatewayContext {
  principal: Principal;
  /** A stable text of the principal: requests with equal keys may share subgraph answers. */
  principalKey: string;
  /**
   * The principal signed for one subgraph (audience: its name), made when the first fetch to it
   * leaves and valid for seconds (kit/principal.ts).
   */
  principalTokenFor(subgraph: string): Promise<string>;
  requestId: string;
  /** The caller's `Idempotency-Key`, forwarded to every subgraph (kit/idempotency.ts). */
  idempotencyKey?: string;
}

type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource["process"]>>;

/** Socket-level failures: the subgraph is down or unreachable, not wrong. */
const UNREACHABLE = new Set([
  "ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EPIPE",
  // undici's names for a socket closed under a request, a connect that timed out, a stalled answer.
  "UND_ERR_SOCKET", "UND_ERR_CLOSED", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT",
]);

/**
 * Sends each subgraph fetch with the signed principal, and turns a failed fetch into a GraphQL
 * error that names the service.
 *
 * `process` is @apollo/gateway's one entry into a data source, and it is replaced whole:
 * - the request goes out through the gateway's undici client (subgraph-client.ts), without the
 *   node-fetch `Headers` and `Request` objects `RemoteGraphQLDataSource` builds for every fetch;
 *   the body is the same JSON, the answer is parsed the same way, and the subgraph's
 *   `cache-control` restricts the operation's cache policy exactly as `respond` does;
 * - identical concurrent queries of the same principal share one answer (`GATEWAY_DEDUP`);
 * - when the fetch itself fails (ECONNREFUSED, an HTTP error status), `RemoteGraphQLDataSource`
 *   would throw, and @apollo/gateway 2.14 (`executeNode`) would push that raw error into the
 *   response without `serviceName` or a code (masked as INTERNAL_SERVER_ERROR). Returned errors
 *   go through the gateway's `downstreamServiceError` instead, which keeps their code and adds
 *   `extensions.serviceName` and the path; the fields of the other subgraphs are still answered.
 */
export class PrincipalForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly serviceName: string,
    url: string,
    private readonly logger: Logger,
    /** The client every subgraph fetch goes through. */
    private readonly client: SubgraphClient,
    /** How long a subgraph may take before its fields fail with SUBGRAPH_TIMEOUT. @default 30000 */
    private readonly timeoutMs = 30_000,
    /** Fetch counts and durations by subgraph (kit/metrics.ts). */
    private readonly metrics?: Metrics,
  ) {
    super({ url });
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const incoming = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? options : undefined;
    const requestId = incoming?.context.requestId;
    const { http: _http, ...request } = options.request;
    if (!request.query) throw new Error("Missing query");
    const headers: Record<string, string> = { "content-type": "application/json" };
    // Health checks and schema loading carry no caller; the static supergraph makes neither anyway.
    if (incoming) {
      headers[PRINCIPAL_HEADER] = await incoming.context.principalTokenFor(this.serviceName);
      headers["x-request-id"] = incoming.context.requestId;
      if (incoming.context.idempotencyKey) headers[IDEMPOTENCY_HEADER] = incoming.context.idempotencyKey;
      // The fetch span of @apollo/gateway (or the caller's traceparent when tracing is off) is the
      // subgraph request's parent (kit/tracing.ts).
      Object.assign(headers, traceHeaders());
    }
    const body = JSON.stringify(request);
    const isQuery = operationTypeOf(incoming?.document, request.query) === "query";
    const idempotent = isQuery || Boolean(incoming?.context.idempotencyKey);
    const dedupKey = incoming && isQuery && this.client.deduplicates ? `${this.url}\n${incoming.context.principalKey}\n${body}` : undefined;

    let timer: NodeJS.Timeout | undefined;
    // A subgraph that hangs must not hold the whole answer: its fields fail, the others are served.
    const timeout = new Promise<"timeout">(resolve => (timer = setTimeout(() => resolve("timeout"), this.timeoutMs)));
    const subgraph = this.serviceName;
    const endTimer = this.metrics?.subgraphFetchDuration.startTimer({ subgraph });
    let outcome = "error";
    try {
      const answer = await Promise.race([this.client.post(this.url, headers, body, { dedupKey, retryable: idempotent }), timeout]);
      if (answer === "timeout") {
        outcome = "timeout";
        this.logger.warn({ subgraph: this.serviceName, timeoutMs: this.timeoutMs, requestId }, "subgraph timed out");
        return { errors: [{ message: `The ${this.serviceName} service did not answer in time.`, extensions: { code: "SUBGRAPH_TIMEOUT" } }] };
      }
      const response = this.parse(answer, requestId);
      outcome = answer.status >= 200 && answer.status < 300 && !response.errors ? "ok" : answer.status >= 500 ? "unavailable" : "error";
      const policy = incoming && this.honorSubgraphCacheControlHeader ? incoming.incomingRequestContext.overallCachePolicy : undefined;
      if (policy && "restrict" in policy) restrictCachePolicy(policy, answer.cacheControl);
      return response;
    } catch (error) {
      const errors = this.describeFailure(error, requestId);
      outcome = errors[0]?.extensions?.code === "SUBGRAPH_UNAVAILABLE" ? "unavailable" : "error";
      return { errors };
    } finally {
      clearTimeout(timer);
      endTimer?.();
      this.metrics?.subgraphFetches.inc({ subgraph, outcome });
    }
  }

  /** The answer as `RemoteGraphQLDataSource.sendRequest` would give it, or the errors it would throw. */
  private parse(answer: SubgraphAnswer, requestId: string | undefined): SubgraphResponse {
    const json = answer.contentType?.startsWith("application/json") || answer.contentType?.startsWith("application/graphql-response+json");
    let body: unknown = answer.text;
    if (json) {
      try {
        body = JSON.parse(answer.text);
      } catch {
        body = undefined;
      }
    }
    if (answer.status < 200 || answer.status > 299) {
      return { errors: this.describeFailure({ extensions: { response: { status: answer.status, body } } }, requestId) };
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      this.logger.error({ subgraph: this.serviceName, status: answer.status, requestId }, "subgraph answered something other than a JSON object");
      return { errors: [{ message: `The ${this.serviceName} service sent an invalid response.`, extensions: { code: "DOWNSTREAM_SERVICE_ERROR" } }] };
    }
    return body as SubgraphResponse;
  }

  private describeFailure(error: unknown, requestId: string | undefined): NonNullable<SubgraphResponse["errors"]> {
    const service = this.serviceName;
    const failure = error as { code?: string; type?: string; message?: string; extensions?: { response?: { status?: number; body?: unknown } } };
    const response = failure.extensions?.response;
    if (response?.status !== undefined) {
      // `errorFromResponse`: the subgraph answered with an HTTP error status.
      const body = response.body as { errors?: unknown } | undefined;
      if (Array.isArray(body?.errors) && body.errors.length > 0) {
        // It explained itself in GraphQL (a 400 validation error, a 401 UNSIGNED_REQUEST, ...): keep its codes.
        this.logger.warn({ subgraph: service, status: response.status, requestId }, "subgraph refused the fetch");
        return body.errors as NonNullable<SubgraphResponse["errors"]>;
      }
      this.logger.warn({ subgraph: service, status: response.status, requestId }, "subgraph answered an HTTP error");
      const unavailable = response.status === 502 || response.status === 503 || response.status === 504;
      return [
        unavailable
          ? { message: `The ${service} service is unavailable.`, extensions: { code: "SUBGRAPH_UNAVAILABLE" } }
          : { message: `The ${service} service failed (HTTP ${response.status}).`, extensions: { code: "DOWNSTREAM_SERVICE_ERROR" } },
      ];
    }
    if ((failure.code && UNREACHABLE.has(failure.code)) || failure.type === "system" || failure.type === "request-timeout") {
      // The URL and socket error stay in the log: clients learn which service, not where it runs.
      this.logger.warn({ subgraph: service, url: this.url, reason: failure.message, requestId }, "subgraph unreachable");
      return [{ message: `The ${service} service is unavailable.`, extensions: { code: "SUBGRAPH_UNAVAILABLE" } }];
    }
    this.logger.error({ subgraph: service, err: error, requestId }, "subgraph fetch failed");
    return [{ message: `The ${service} service sent an invalid response.`, extensions: { code: "DOWNSTREAM_SERVICE_ERROR" } }];
  }
}

/** `query` or `mutation`, from the fetch's document (the planner gives it) or its text. */
function operationTypeOf(document: DocumentNode | undefined, query: string): string {
  const operation = document?.definitions.find(d => d.kind === Kind.OPERATION_DEFINITION);
  if (operation && operation.kind === Kind.OPERATION_DEFINITION) return operation.operation;
  return /^\s*mutation\b/.test(query) ? "mutation" : /^\s*subscription\b/.test(query) ? "subscription" : "query";
}

/** `RemoteGraphQLDataSource.respond`'s reading of a subgraph's `cache-control` header. */
function restrictCachePolicy(policy: { restrict(hint: { maxAge?: number; scope?: "PUBLIC" | "PRIVATE" }): void }, header: string | undefined): void {
  const parsed = parseCacheControlHeader(header);
  const hint: { maxAge: number; scope?: "PUBLIC" | "PRIVATE" } = { maxAge: 0 };
  const maxAge = parsed["max-age"];
  if (typeof maxAge === "string" && /^[0-9]+$/.test(maxAge)) hint.maxAge = Number(maxAge);
  if (parsed.private === true) hint.scope = "PRIVATE";
  if (parsed.public === true) hint.scope = "PUBLIC";
  policy.restrict(hint);
}
