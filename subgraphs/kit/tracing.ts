import { context, Context, propagation, ProxyTracerProvider, Span, SpanKind, SpanStatusCode, trace, Tracer } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { Resource } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor, SimpleSpanProcessor, SpanExporter } from "@opentelemetry/sdk-trace-base";

/**
 * OpenTelemetry traces (issue 13). W3C `traceparent` comes in with the client's request, goes from
 * the gateway to every subgraph fetch, and from a producer's transaction into each delivery of
 * the events it published; spans cover the HTTP request, the gateway's plan and fetches
 * (@apollo/gateway's own spans), resolvers of root fields, each SQL statement, and event handling.
 *
 * Export: OTLP over HTTP when `OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`
 * is set (and `OTEL_TRACES_EXPORTER` is not `none`), else nothing is recorded: the tracer is a
 * no-op that still passes the caller's `traceparent` on unchanged. Tests give an in-memory exporter
 * (`exportSpansTo`). One tracer provider per service, so that spans of services that share one
 * process (the tests, `npm start`'s dev mode) keep their own `service.name`.
 */
export interface Tracing {
  service: string;
  tracer: Tracer;
  /** Whether spans are recorded and exported. */
  enabled: boolean;
  /** Runs `fn` in a span that is active for everything it awaits; records a thrown error. */
  span<T>(name: string, options: { kind?: SpanKind; attributes?: Record<string, string | number | boolean | undefined>; parent?: Context }, fn: (span: Span) => Promise<T>): Promise<T>;
  /** Flushes and stops the exporter. */
  shutdown(): Promise<void>;
}

let globalsInstalled = false;
let testExporter: SpanExporter | undefined;

/** Context in AsyncLocalStorage, W3C trace context on the wire: installed once per process. */
export function installTracingGlobals(): void {
  if (globalsInstalled) return;
  globalsInstalled = true;
  const manager = new AsyncLocalStorageContextManager();
  manager.enable();
  context.setGlobalContextManager(manager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}

/** Tests: every tracing created from now on exports to this exporter (an InMemorySpanExporter). */
export function exportSpansTo(exporter: SpanExporter | undefined): void {
  testExporter = exporter;
}

function exporterFrom(env: NodeJS.ProcessEnv): { exporter: SpanExporter; batch: boolean } | undefined {
  if (testExporter) return { exporter: testExporter, batch: false };
  if ((env.OTEL_TRACES_EXPORTER ?? "").toLowerCase() === "none") return undefined;
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (env.OTEL_EXPORTER_OTLP_ENDPOINT ? `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, "")}/v1/traces` : undefined);
  if (!endpoint) return undefined;
  return { exporter: new OTLPTraceExporter({ url: endpoint }), batch: true };
}

/**
 * The tracing of one service. `global: true` (the gateway) also registers its provider as the
 * process's global one, which @apollo/gateway's own spans (request, plan, execute, fetch) use.
 */
export function createTracing(service: string, env: NodeJS.ProcessEnv = process.env, options: { global?: boolean } = {}): Tracing {
  installTracingGlobals();
  const chosen = exporterFrom(env);
  let provider: BasicTracerProvider | undefined;
  let tracer: Tracer;
  if (chosen) {
    provider = new BasicTracerProvider({
      resource: new Resource({ "service.name": service, "service.namespace": "swiss-customs-graph" }),
      spanProcessors: [chosen.batch ? new BatchSpanProcessor(chosen.exporter) : new SimpleSpanProcessor(chosen.exporter)],
    });
    tracer = provider.getTracer(service);
    if (options.global) trace.setGlobalTracerProvider(provider);
  } else {
    // A proxy without a delegate is the API's no-op: spans carry the parent's context unchanged.
    tracer = new ProxyTracerProvider().getTracer(service);
  }
  return {
    service,
    tracer,
    enabled: Boolean(chosen),
    span(name, opts, fn) {
      const parent = opts.parent ?? context.active();
      const attributes = Object.fromEntries(Object.entries(opts.attributes ?? {}).filter(([, v]) => v !== undefined)) as Record<string, string | number | boolean>;
      return tracer.startActiveSpan(name, { kind: opts.kind ?? SpanKind.INTERNAL, attributes }, parent, async span => {
        try {
          return await fn(span);
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
          throw error;
        } finally {
          span.end();
        }
      });
    },
    async shutdown() {
      await provider?.shutdown();
    },
  };
}

/** The context carried by a request's headers (`traceparent`, `tracestate`). */
export function extractContext(headers: Record<string, string | string[] | undefined>): Context {
  installTracingGlobals();
  return propagation.extract(context.active(), headers, {
    get: (carrier, key) => carrier[key],
    keys: carrier => Object.keys(carrier),
  });
}

/** The headers (`traceparent`, `tracestate`) that carry `ctx` (default: the active one) onward. */
export function traceHeaders(ctx: Context = context.active()): Record<string, string> {
  const headers: Record<string, string> = {};
  propagation.inject(ctx, headers);
  return headers;
}

/** The `traceparent` of the active context, for storing beside something sent later (an event). */
export function currentTraceparent(): string | undefined {
  return traceHeaders().traceparent;
}

export { SpanKind };
