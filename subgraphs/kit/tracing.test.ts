import { createTracing, extractContext, traceHeaders } from "./tracing";

/** Issue 13: what tracing does when nothing records, and when OTLP export is configured. */
describe("tracing", () => {
  const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  it("records nothing without an exporter, yet passes the caller's traceparent on unchanged", async () => {
    const tracing = createTracing("kit-test", {});
    expect(tracing.enabled).toBe(false);
    const forwarded = await tracing.span("work", { parent: extractContext({ traceparent }) }, async () => traceHeaders());
    expect(forwarded.traceparent).toBe(traceparent);
    await tracing.shutdown();
  });

  it("exports over OTLP when an endpoint is configured, and not when OTEL_TRACES_EXPORTER is none", async () => {
    const otlp = createTracing("kit-test", { OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:9/otel" });
    expect(otlp.enabled).toBe(true);
    // A recorded span is a new child of the caller's span: same trace, another span id.
    const forwarded = await otlp.span("work", { parent: extractContext({ traceparent }) }, async () => traceHeaders());
    expect(forwarded.traceparent).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-(?!b7ad6b7169203331)[0-9a-f]{16}-01$/);
    const off = createTracing("kit-test", { OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:9/otel", OTEL_TRACES_EXPORTER: "none" });
    expect(off.enabled).toBe(false);
    await off.shutdown();
    // Nothing listens on port 9: shutting down must not throw for a failed export.
    await otlp.shutdown().catch(() => undefined);
  });

  it("rethrows what the work in a span threw", async () => {
    const tracing = createTracing("kit-test", {});
    await expect(tracing.span("work", {}, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
  });
});
