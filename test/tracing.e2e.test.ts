import { InMemorySpanExporter, ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { mintDevToken } from "../scripts/mint-token";
import { exportSpansTo } from "../subgraphs/kit";
import { Graph, startGraph } from "./support/graph";
import { onboardDeclarant } from "./support/onboarding";

/**
 * Issue 13: one query's trace, from the client's `traceparent` through the gateway (request,
 * plan, fetch) into two subgraphs (their HTTP request, root resolver and SQL spans), recorded by
 * an in-memory exporter that every service of the test graph exports to.
 */
const exporter = new InMemorySpanExporter();
let g: Graph;
let partnerId: string;
let admin: string;
let officer: string;

beforeAll(async () => {
  exportSpansTo(exporter);
  g = await startGraph("customs_test_e2e_tracing", "2026-03-02T08:00:00+01:00");
  ({ partnerId, admin } = await onboardDeclarant(g.gatewayUrl, g.spool, "97100001", "Trace Freight AG"));
  officer = await mintDevToken({ kind: "officer", sub: "officer-trace", roles: ["AUDITOR"] });
});
afterAll(async () => {
  await g?.stop();
  exportSpansTo(undefined);
});

const service = (span: ReadableSpan) => String(span.resource.attributes["service.name"]);
const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join("");

async function spansOf(traceId: string, until: (spans: ReadableSpan[]) => boolean): Promise<ReadableSpan[]> {
  // Spans end as their work ends: the last subgraph span may end a moment after the answer left.
  for (let i = 0; i < 50; i++) {
    const spans = exporter.getFinishedSpans().filter(s => s.spanContext().traceId === traceId);
    if (until(spans)) return spans;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  return exporter.getFinishedSpans().filter(s => s.spanContext().traceId === traceId);
}

describe("a trace of one query", () => {
  it("spans the gateway and two subgraphs under the client's traceparent, with plan, fetch, resolver and SQL spans, and echoes the request id", async () => {
    const traceId = hex(32);
    const clientSpanId = hex(16);
    const response = await fetch(g.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${officer}`, traceparent: `00-${traceId}-${clientSpanId}-01`, "x-request-id": "trace-test-1" },
      body: JSON.stringify({ query: "query PartnerWithDeclarations($id: ID!) { businessPartner(id: $id) { name declarations(first: 5) { totalCount } } }", variables: { id: partnerId }, operationName: "PartnerWithDeclarations" }),
    });
    const body = (await response.json()) as { data?: { businessPartner: { name: string; declarations: { totalCount: number } } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data?.businessPartner).toEqual({ name: "Trace Freight AG", declarations: { totalCount: 0 } });
    expect(response.headers.get("x-request-id")).toBe("trace-test-1");

    const spans = await spansOf(traceId, all => ["identity", "declarations"].every(s => all.some(span => service(span) === s && span.name.startsWith("POST /graphql"))));
    const byId = new Map(spans.map(s => [s.spanContext().spanId, s]));
    const parentOf = (span: ReadableSpan) => (span.parentSpanId ? byId.get(span.parentSpanId) : undefined);

    // The gateway's request span is the child of the client's span.
    const gatewayRequest = spans.find(s => service(s) === "gateway" && s.name === "POST /graphql");
    expect(gatewayRequest?.parentSpanId).toBe(clientSpanId);
    expect(gatewayRequest?.attributes["graphql.operation.name"]).toBe("PartnerWithDeclarations");
    expect(gatewayRequest?.attributes["http.request_id"]).toBe("trace-test-1");
    // @apollo/gateway's own spans: the plan and one fetch per subgraph.
    const gatewayNames = spans.filter(s => service(s) === "gateway").map(s => s.name);
    expect(gatewayNames).toEqual(expect.arrayContaining(["gateway.request", "gateway.plan", "gateway.execute", "gateway.fetch"]));
    const fetches = spans.filter(s => s.name === "gateway.fetch");
    expect(fetches.map(f => f.attributes.service).sort()).toEqual(["declarations", "identity"]);

    for (const subgraph of ["identity", "declarations"]) {
      const request = spans.find(s => service(s) === subgraph && s.name === "POST /graphql");
      expect(request).toBeDefined();
      // Each subgraph request is the child of the gateway's fetch of that subgraph.
      const parent = parentOf(request!);
      expect({ name: parent?.name, service: parent?.attributes.service }).toEqual({ name: "gateway.fetch", service: subgraph });
      // Under it, the root resolver and the SQL statements the request ran.
      const resolvers = spans.filter(s => service(s) === subgraph && s.name.startsWith("resolve ") && s.parentSpanId === request!.spanContext().spanId);
      expect(resolvers.length).toBeGreaterThan(0);
      const descends = (span: ReadableSpan): boolean => span.parentSpanId === request!.spanContext().spanId || Boolean(parentOf(span) && descends(parentOf(span)!));
      const sql = spans.filter(s => service(s) === subgraph && s.name === "sql" && descends(s));
      expect(sql.length).toBeGreaterThan(0);
      expect(String(sql[0].attributes["db.query.text"])).toMatch(/^SELECT/i);
    }
    // Identity's SQL ran inside its root resolver; declarations' inside the BusinessPartner.declarations
    // field of the entity the gateway asked it to extend.
    const identityResolver = spans.find(s => service(s) === "identity" && s.name === "resolve Query.businessPartner");
    expect(spans.some(s => s.name === "sql" && s.parentSpanId === identityResolver?.spanContext().spanId)).toBe(true);
    expect(spans.find(s => service(s) === "declarations" && s.name === "resolve Query._entities")).toBeDefined();
  });

  it("starts a new trace when the client sends none, and records a refused field's error on the resolver span", async () => {
    exporter.reset();
    const response = await fetch(g.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${officer}` },
      body: JSON.stringify({ query: `{ businessPartner(id: "00000000-0000-4000-8000-000000000000") { name } }` }),
    });
    const body = (await response.json()) as { errors?: Array<{ extensions: { code: string } }> };
    expect(body.errors?.[0].extensions.code).toBe("NOT_FOUND");
    const gatewayRequest = exporter.getFinishedSpans().find(s => service(s) === "gateway" && s.name === "POST /graphql");
    expect(gatewayRequest?.parentSpanId).toBeUndefined();
    const traceId = gatewayRequest!.spanContext().traceId;
    const spans = await spansOf(traceId, all => all.some(s => s.name === "resolve Query.businessPartner"));
    const resolver = spans.find(s => s.name === "resolve Query.businessPartner");
    expect(resolver?.status.code).toBe(2); // SpanStatusCode.ERROR
    expect(resolver?.events.some(e => e.name === "exception")).toBe(true);
  });

  it("continues into the events the request published: the relay's delivery and the consumer's handling join the request's trace", async () => {
    await g.drainEvents();
    const traceId = hex(32);
    const response = await fetch(g.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${admin}`, traceparent: `00-${traceId}-${hex(16)}-01` },
      body: JSON.stringify({ query: `mutation ($p: ID!) { announceDeclarantEmployee(input: { partnerId: $p, personalNumber: "T2", name: "Tara Trace" }) { employee { id } } }`, variables: { p: partnerId } }),
    });
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    await g.drainEvents();
    const spans = await spansOf(traceId, all => all.some(s => s.name === "handle DeclarantEmployeeAnnounced"));
    const byId = new Map(spans.map(s => [s.spanContext().spanId, s]));
    const handle = spans.find(s => s.name === "handle DeclarantEmployeeAnnounced");
    expect(handle && service(handle)).toBe("declarations");
    expect(handle?.attributes["event.outcome"]).toBe("PROCESSED");
    // handle ← declarations' POST /events ← identity's delivery ← ... ← identity's mutation request.
    const eventsRequest = byId.get(handle!.parentSpanId!);
    expect({ name: eventsRequest?.name, service: eventsRequest && service(eventsRequest) }).toEqual({ name: "POST /events", service: "declarations" });
    const delivery = byId.get(eventsRequest!.parentSpanId!);
    expect({ name: delivery?.name, service: delivery && service(delivery), subscriber: delivery?.attributes["event.subscriber"] }).toEqual({ name: "deliver DeclarantEmployeeAnnounced", service: "identity", subscriber: "declarations" });
    const ancestors = (span: ReadableSpan): ReadableSpan[] => (span.parentSpanId && byId.get(span.parentSpanId) ? [byId.get(span.parentSpanId)!, ...ancestors(byId.get(span.parentSpanId)!)] : []);
    expect(ancestors(delivery!).map(s => `${service(s)} ${s.name}`)).toEqual(expect.arrayContaining(["identity resolve Mutation.announceDeclarantEmployee", "identity POST /graphql", "gateway POST /graphql"]));
  });
});
