import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from "@apollo/gateway";
// The enum is not re-exported from the package index (2.14.4).
import { GraphQLDataSourceRequestKind } from "@apollo/gateway/dist/datasources/types";
import { IDEMPOTENCY_HEADER, KeepAliveClient, Logger, Principal, PRINCIPAL_HEADER } from "../subgraphs/kit";

/** The gateway's GraphQL context: who called, the same fact signed for each subgraph, and a trace id. */
export interface GatewayContext {
  principal: Principal;
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
const UNREACHABLE = new Set(["ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EPIPE"]);

/**
 * Sends each subgraph fetch with the signed principal, and turns a failed fetch into a GraphQL
 * error that names the service.
 *
 * Why `process` is overridden: when the fetch itself fails (ECONNREFUSED, or an HTTP error
 * status), `RemoteGraphQLDataSource` throws, and @apollo/gateway 2.14 (`executeNode` in
 * executeQueryPlan.js) pushes that raw error into the response without `serviceName` or a code,
 * so it ends up masked as INTERNAL_SERVER_ERROR. Returned errors, by contrast, go through the
 * gateway's `downstreamServiceError`, which keeps their code and adds `extensions.serviceName`
 * and the path; the fields of the other subgraphs are still answered.
 */
export class PrincipalForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly serviceName: string,
    url: string,
    private readonly logger: Logger,
    /** How long a subgraph may take before its fields fail with SUBGRAPH_TIMEOUT. @default 30000 */
    private readonly timeoutMs = 30_000,
    /** The keep-alive client shared by every subgraph's fetches (kit/http-client.ts). */
    fetcher?: KeepAliveClient["fetch"],
  ) {
    super({ url, ...(fetcher ? { fetcher: fetcher as never } : {}) });
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Health checks and schema loading carry no caller; the static supergraph makes neither anyway.
    if (options.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION) return;
    const headers = options.request.http?.headers;
    headers?.set(PRINCIPAL_HEADER, await options.context.principalTokenFor(this.serviceName));
    headers?.set("x-request-id", options.context.requestId);
    if (options.context.idempotencyKey) headers?.set(IDEMPOTENCY_HEADER, options.context.idempotencyKey);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    let timer: NodeJS.Timeout | undefined;
    // A subgraph that hangs must not hold the whole answer: its fields fail, the others are served.
    const timeout = new Promise<SubgraphResponse>(resolve => {
      timer = setTimeout(() => {
        const requestId = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? options.context.requestId : undefined;
        this.logger.warn({ service: this.serviceName, timeoutMs: this.timeoutMs, requestId }, "subgraph timed out");
        resolve({ errors: [{ message: `The ${this.serviceName} service did not answer in time.`, extensions: { code: "SUBGRAPH_TIMEOUT" } }] });
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([super.process(options), timeout]);
    } catch (error) {
      const requestId = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? options.context.requestId : undefined;
      return { errors: this.describeFailure(error, requestId) };
    } finally {
      clearTimeout(timer);
    }
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
        this.logger.warn({ service, status: response.status, requestId }, "subgraph refused the fetch");
        return body.errors as NonNullable<SubgraphResponse["errors"]>;
      }
      this.logger.warn({ service, status: response.status, requestId }, "subgraph answered an HTTP error");
      const unavailable = response.status === 502 || response.status === 503 || response.status === 504;
      return [
        unavailable
          ? { message: `The ${service} service is unavailable.`, extensions: { code: "SUBGRAPH_UNAVAILABLE" } }
          : { message: `The ${service} service failed (HTTP ${response.status}).`, extensions: { code: "DOWNSTREAM_SERVICE_ERROR" } },
      ];
    }
    if ((failure.code && UNREACHABLE.has(failure.code)) || failure.type === "system" || failure.type === "request-timeout") {
      // The URL and socket error stay in the log: clients learn which service, not where it runs.
      this.logger.warn({ service, url: this.url, reason: failure.message, requestId }, "subgraph unreachable");
      return [{ message: `The ${service} service is unavailable.`, extensions: { code: "SUBGRAPH_UNAVAILABLE" } }];
    }
    this.logger.error({ service, err: error, requestId }, "subgraph fetch failed");
    return [{ message: `The ${service} service sent an invalid response.`, extensions: { code: "DOWNSTREAM_SERVICE_ERROR" } }];
  }
}
