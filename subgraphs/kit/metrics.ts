import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { RouteHandler } from "./http";

/**
 * Prometheus metrics (prom-client), one registry per service, served at `GET /metrics` by the
 * gateway and every subgraph (issue 13). The process's own series (CPU, heap, event loop lag, GC)
 * come with it. Every series carries `service`.
 */
export interface Metrics {
  registry: Registry;
  /** GraphQL operations by name and outcome (`ok`, `error`), and their duration. */
  requests: Counter<"operation" | "outcome">;
  requestDuration: Histogram<"operation">;
  /** Error codes answered, by code. */
  errors: Counter<"code">;
  /** Gateway: subgraph fetches by subgraph and outcome, and their duration. */
  subgraphFetches: Counter<"subgraph" | "outcome">;
  subgraphFetchDuration: Histogram<"subgraph">;
  /** Gateway: requests refused before execution (RATE_LIMITED, OPERATION_LIMIT_EXCEEDED, ...). */
  refusals: Counter<"code">;
  /** Subgraphs: event deliveries by subscriber and outcome (`delivered`, `failed`). */
  eventDeliveries: Counter<"subscriber" | "outcome">;
  /** Subgraphs: scheduled job runs by job and outcome (`ok`, `failed`), with the transitions applied. */
  jobRuns: Counter<"job" | "outcome">;
  /** Registers a gauge read when scraped (outbox backlog, database pool). */
  gauge(name: string, help: string, read: () => Promise<number> | number): void;
  route: RouteHandler;
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createMetrics(service: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const metrics: Metrics = {
    registry,
    requests: new Counter({ name: "graphql_requests_total", help: "GraphQL operations by operation name and outcome.", labelNames: ["operation", "outcome"], registers: [registry] }),
    requestDuration: new Histogram({ name: "graphql_request_duration_seconds", help: "Time to answer a GraphQL operation.", labelNames: ["operation"], buckets: SECONDS, registers: [registry] }),
    errors: new Counter({ name: "graphql_errors_total", help: "Errors answered, by extensions.code.", labelNames: ["code"], registers: [registry] }),
    subgraphFetches: new Counter({ name: "gateway_subgraph_fetches_total", help: "Fetches from the gateway to a subgraph, by outcome (ok, error, timeout, unavailable).", labelNames: ["subgraph", "outcome"], registers: [registry] }),
    subgraphFetchDuration: new Histogram({ name: "gateway_subgraph_fetch_duration_seconds", help: "Time a subgraph took to answer a fetch.", labelNames: ["subgraph"], buckets: SECONDS, registers: [registry] }),
    refusals: new Counter({ name: "gateway_refusals_total", help: "Requests refused before execution, by code (rate limits, operation limits, trusted documents).", labelNames: ["code"], registers: [registry] }),
    eventDeliveries: new Counter({ name: "event_deliveries_total", help: "Event delivery attempts by subscriber and outcome (delivered, failed).", labelNames: ["subscriber", "outcome"], registers: [registry] }),
    jobRuns: new Counter({ name: "job_runs_total", help: "Scheduled job runs by job and outcome (ok, failed).", labelNames: ["job", "outcome"], registers: [registry] }),
    gauge(name, help, read) {
      new Gauge({
        name,
        help,
        registers: [registry],
        async collect() {
          try {
            this.set(await read());
          } catch {
            // A scrape while the database is away shows the last value rather than failing whole.
          }
        },
      });
    },
    route: async () => ({ status: 200, body: await registry.metrics(), headers: { "content-type": registry.contentType } }),
  };
  return metrics;
}

/** Counts every operation, its duration and its error codes. */
export function metricsPlugin<T extends BaseContext>(metrics: Metrics): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      const end = metrics.requestDuration.startTimer();
      return {
        async willSendResponse({ operationName, errors, response }) {
          const operation = operationName ?? "anonymous";
          end({ operation });
          const answered = response.body.kind === "single" ? (response.body.singleResult.errors ?? []) : [];
          const all = [...(errors ?? []), ...answered.filter(e => !(errors ?? []).some(x => x.message === e.message))];
          metrics.requests.inc({ operation, outcome: all.length ? "error" : "ok" });
          for (const error of all) metrics.errors.inc({ code: String((error.extensions as { code?: unknown } | undefined)?.code ?? "INTERNAL_SERVER_ERROR") });
        },
      };
    },
  };
}
