import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import Redis from "ioredis";
import { createGateway, Gateway } from "../gateway/gateway";
import { sha256Hex } from "../gateway/trusted-documents";
import { mintDevToken } from "../scripts/mint-token";
import { RunningHost } from "../subgraphs/kit";
import { gql } from "./support/graphql";
import { Graph, startGraph } from "./support/graph";
import { onboardDeclarant } from "./support/onboarding";

/**
 * Issue 12: the gateway as a production edge. One graph (identity, declarations) and, beside its
 * own gateway, further gateways over the same subgraphs, each configured as a test needs: the
 * limits of each caller kind, trusted documents, rate limits in memory and in Redis (two replicas
 * sharing one bucket), CORS, and deduplication on and off. Every refusal is checked to have cost
 * no subgraph fetch.
 */
let g: Graph;
let trader: Awaited<ReturnType<typeof onboardDeclarant>>;
let other: Awaited<ReturnType<typeof onboardDeclarant>>;
let officerToken: string;
const extra: Array<{ gateway: Gateway; host: RunningHost }> = [];
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

beforeAll(async () => {
  g = await startGraph("customs_test_e2e_edge", "2026-03-02T08:00:00+01:00");
  trader = await onboardDeclarant(g.gatewayUrl, g.spool, "97000001", "Edge Freight AG");
  other = await onboardDeclarant(g.gatewayUrl, g.spool, "97000002", "Other Freight AG");
  officerToken = await mintDevToken({ kind: "officer", sub: "officer-edge", roles: ["AUDITOR"] });
});
afterAll(async () => {
  for (const { gateway } of extra.splice(0)) await gateway.stop();
  await g?.stop();
});

/** Another gateway replica over the graph's subgraphs, with its own settings. */
async function gatewayWith(env: NodeJS.ProcessEnv): Promise<{ url: string; gateway: Gateway }> {
  // Redis only where a test asks for it (CI exports REDIS_URL): the in-memory limiter is tested too.
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  delete inherited.REDIS_URL;
  const gateway = await createGateway({ supergraphSdl: g.supergraphSdl, env: { ...inherited, GATEWAY_RATE_LIMITS: "off", ...env } });
  const host = await gateway.listen(0, "127.0.0.1");
  extra.push({ gateway, host });
  return { url: `${host.url}/graphql`, gateway };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; json: any }> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, json: await response.json().catch(() => undefined) };
}

describe("limits per caller kind, checked before execution", () => {
  const ANONYMOUS_LIMITS = { anonymous: { depth: 4, aliases: 2, rootFields: 2, tokens: 80, cost: 60 } };
  let edge: { url: string; gateway: Gateway };
  beforeAll(async () => {
    edge = await gatewayWith({ GATEWAY_LIMITS: JSON.stringify(ANONYMOUS_LIMITS) });
  });

  async function refused(query: string, limit: string, variables: Record<string, unknown> = {}, bearer?: string) {
    const sent = edge.gateway.stats.subgraphFetches.sent;
    const res = await post(edge.url, { query, variables }, bearer ? { authorization: `Bearer ${bearer}` } : {});
    expect(res.status).toBe(400);
    expect(res.json.errors[0].extensions).toMatchObject({ code: "OPERATION_LIMIT_EXCEEDED", limit });
    expect(res.json.errors[0].message).toContain(`${limit === "rootFields" ? "root field" : limit === "aliases" ? "alias" : limit === "tokens" ? "token" : limit} limit`);
    // Refused before any subgraph was asked.
    expect(edge.gateway.stats.subgraphFetches.sent).toBe(sent);
    return res.json.errors[0].extensions;
  }

  const DEEP = `{ businessPartners(first: 1) { edges { node { registerAddress { city } } } } }`;

  it("refuses an anonymous operation deeper than 4 and names the limit, while an officer runs it", async () => {
    expect(await refused(DEEP, "depth")).toMatchObject({ maximum: 4, actual: 5, callerKind: "anonymous" });
    const asOfficer = await gql(edge.url, DEEP, {}, { bearer: officerToken });
    expect(asOfficer.errors).toBeUndefined();
    expect(asOfficer.data?.businessPartners.edges.length).toBe(1);
  });

  it("refuses more aliases than allowed, as the 5,000 aliases of one field in 150 kB that once ran for seconds", async () => {
    expect(await refused(`{ a: apiCatalogue b: apiCatalogue c: apiCatalogue }`, "aliases")).toMatchObject({ maximum: 2, actual: 3 });
    // An officer's limit is 100 aliases.
    const many = `{ ${Array.from({ length: 150 }, (_, i) => `a${i}: apiCatalogue`).join(" ")} }`;
    expect(await refused(many, "aliases", {}, officerToken)).toMatchObject({ callerKind: "officer", maximum: 100, actual: 150 });
    // The abusive shape of the issue: 5,000 aliases in about 150 kB is stopped by the first limit it meets.
    const huge = `{ ${Array.from({ length: 5000 }, (_, i) => `alias_number_${i}: apiCatalogue`).join(" ")} }`;
    expect(huge.length).toBeGreaterThan(140_000);
    const sent = edge.gateway.stats.subgraphFetches.sent;
    const started = Date.now();
    const res = await post(edge.url, { query: huge }, { authorization: `Bearer ${officerToken}` });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].extensions).toMatchObject({ code: "OPERATION_LIMIT_EXCEEDED", limit: "tokens", callerKind: "officer" });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(edge.gateway.stats.subgraphFetches.sent).toBe(sent);
  });

  it("refuses more root fields than allowed, fragments included", async () => {
    expect(await refused(`{ apiCatalogue ...More } fragment More on Query { termsOfUse { version } onboardingSupport { email } }`, "rootFields")).toMatchObject({ maximum: 2, actual: 3 });
  });

  it("refuses a document of more tokens than allowed, before building it", async () => {
    const longSelection = `{ onboardingSupport { ${Array.from({ length: 100 }, () => "email").join(" ")} } }`;
    expect(await refused(longSelection, "tokens")).toMatchObject({ maximum: 80 });
  });

  it("estimates the cost from the list sizes asked for, variables included, and refuses above the limit", async () => {
    const query = `query ($n: Int) { businessPartners(first: $n) { edges { node { id name } } } }`;
    const extensions = await refused(query, "cost", { n: 50 });
    expect(extensions.actual).toBeGreaterThan(60);
    // The same document asking for 2 is within the limit (and then refused only by the access rules, which is not a limit).
    const small = await post(edge.url, { query, variables: { n: 2 } });
    expect(small.json.errors?.[0]?.extensions?.code).not.toBe("OPERATION_LIMIT_EXCEEDED");
  });

  it("reads the limits of each caller kind from configuration and refuses a malformed configuration", async () => {
    await expect(createGateway({ supergraphSdl: g.supergraphSdl, env: { ...process.env, GATEWAY_LIMITS: `{"robots":{"depth":1}}` } })).rejects.toThrow(/unknown caller kind 'robots'/);
    await expect(createGateway({ supergraphSdl: g.supergraphSdl, env: { ...process.env, GATEWAY_LIMITS: `{"officer":{"depth":0}}` } })).rejects.toThrow(/positive integer/);
  });
});

describe("trusted documents for partner software", () => {
  const MINE = `query Mine { businessPartners(first: 5) { edges { node { name } } } }`;
  let edge: { url: string; gateway: Gateway };
  let manifest: string;

  beforeAll(async () => {
    const apps = await gql(g.gatewayUrl, `query ($p: ID!) { businessPartner(id: $p) { apiSubscriptions { applications { edges { node { id } } } } } }`, { p: trader.partnerId }, { bearer: trader.admin });
    const applicationId = apps.data?.businessPartner.apiSubscriptions[0].applications.edges[0].node.id as string;
    manifest = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "trusted-")), "manifest.json");
    fs.writeFileSync(manifest, JSON.stringify({ applications: { [applicationId]: { restricted: true, operations: [{ id: sha256Hex(MINE), name: "Mine", type: "query", body: MINE }] } } }));
    edge = await gatewayWith({ GATEWAY_TRUSTED_DOCUMENTS: manifest });
  });

  const auth = () => ({ authorization: `Bearer ${trader.software()}` });

  it("runs a registered operation sent by its hash, as documentId or as Apollo's persistedQuery extension", async () => {
    const byId = await post(edge.url, { documentId: `sha256:${sha256Hex(MINE)}` }, auth());
    expect(byId.json.errors).toBeUndefined();
    expect(byId.json.data.businessPartners.edges.map((e: any) => e.node.name)).toEqual(["Edge Freight AG"]);
    const byExtension = await post(edge.url, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(MINE) } } }, auth());
    expect(byExtension.json).toEqual(byId.json);
  });

  it("holds a restricted application to its registered operations (PERSISTED_DOCUMENT_REQUIRED, PERSISTED_DOCUMENT_NOT_FOUND)", async () => {
    const sent = edge.gateway.stats.subgraphFetches.sent;
    const freeText = await post(edge.url, { query: MINE }, auth());
    expect(freeText.status).toBe(403);
    expect(freeText.json.errors[0].extensions.code).toBe("PERSISTED_DOCUMENT_REQUIRED");
    const unknown = await post(edge.url, { documentId: sha256Hex("{ apiCatalogue }") }, auth());
    expect(unknown.json.errors[0].extensions.code).toBe("PERSISTED_DOCUMENT_NOT_FOUND");
    const mismatch = await post(edge.url, { query: "{ apiCatalogue }", documentId: sha256Hex(MINE) }, auth());
    expect(mismatch.json.errors[0].extensions.code).toBe("PERSISTED_DOCUMENT_MISMATCH");
    expect(edge.gateway.stats.subgraphFetches.sent).toBe(sent);
  });

  it("leaves other callers free to send documents, and gives them nobody's registered operations", async () => {
    const portal = await post(edge.url, { query: MINE }, { authorization: `Bearer ${other.admin}` });
    expect(portal.json.data.businessPartners.edges.map((e: any) => e.node.name)).toEqual(["Other Freight AG"]);
    const byHash = await post(edge.url, { documentId: sha256Hex(MINE) }, { authorization: `Bearer ${other.software()}` });
    expect(byHash.json.errors[0].extensions.code).toBe("PERSISTED_DOCUMENT_NOT_FOUND");
  });

  it("refuses to start on a manifest whose id is not the hash of its document", async () => {
    const bad = path.join(path.dirname(manifest), "bad.json");
    fs.writeFileSync(bad, JSON.stringify({ applications: { x: { operations: [{ id: sha256Hex("{ a }"), body: "{ b }" }] } } }));
    await expect(createGateway({ supergraphSdl: g.supergraphSdl, env: { ...process.env, GATEWAY_TRUSTED_DOCUMENTS: bad } })).rejects.toThrow(/not the SHA-256 of its body/);
  });
});

describe("rate limits per partner application and portal user", () => {
  const QUERY = `{ apiCatalogue }`;
  const LIMITS = JSON.stringify({ partnerApplication: { capacity: 3, refillPerSecond: 0.2 }, portalUser: { capacity: 3, refillPerSecond: 0.2 } });

  async function expectLimited(url: string, bearer: string) {
    const res = await post(url, { query: QUERY }, { authorization: `Bearer ${bearer}` });
    expect(res.status).toBe(429);
    expect(res.json.errors[0].extensions).toMatchObject({ code: "RATE_LIMITED", callerKind: expect.any(String), capacity: 3 });
    expect(res.json.errors[0].extensions.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(res.json.errors[0].extensions.retryAfterSeconds).toBeLessThanOrEqual(5);
    expect(res.headers.get("retry-after")).toBe(String(res.json.errors[0].extensions.retryAfterSeconds));
  }

  it("answers RATE_LIMITED with a retry time once an application's bucket is empty, in memory; other callers keep theirs", async () => {
    const { url } = await gatewayWith({ GATEWAY_RATE_LIMITS: LIMITS });
    for (let i = 0; i < 3; i++) expect((await post(url, { query: QUERY }, { authorization: `Bearer ${trader.software()}` })).status).toBe(200);
    await expectLimited(url, trader.software());
    // Another partner's software and a portal user draw on their own buckets.
    expect((await post(url, { query: QUERY }, { authorization: `Bearer ${other.software()}` })).status).toBe(200);
    expect((await post(url, { query: QUERY }, { authorization: `Bearer ${trader.admin}` })).status).toBe(200);
  });

  it("shares one bucket across gateway replicas through Redis (REDIS_URL)", async () => {
    const prefix = `customs:test:${randomUUID()}:`;
    const a = await gatewayWith({ GATEWAY_RATE_LIMITS: LIMITS, REDIS_URL, GATEWAY_RATE_LIMIT_PREFIX: prefix });
    const b = await gatewayWith({ GATEWAY_RATE_LIMITS: LIMITS, REDIS_URL, GATEWAY_RATE_LIMIT_PREFIX: prefix });
    const bearer = other.admin;
    expect((await post(a.url, { query: QUERY }, { authorization: `Bearer ${bearer}` })).status).toBe(200);
    expect((await post(b.url, { query: QUERY }, { authorization: `Bearer ${bearer}` })).status).toBe(200);
    expect((await post(a.url, { query: QUERY }, { authorization: `Bearer ${bearer}` })).status).toBe(200);
    await expectLimited(b.url, bearer);
    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`${prefix}*`);
      expect(keys).toEqual([`${prefix}user:chlogin|97000002`]);
      await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
  });
});

describe("CORS for the frontend teams' single-page apps", () => {
  const APP = "https://app.customs.example";
  let url: string;
  beforeAll(async () => {
    url = (await gatewayWith({ GATEWAY_CORS_ORIGINS: `${APP},http://localhost:5173` })).url;
  });

  it("answers the preflight of an allowed origin, and refuses another", async () => {
    const allowed = await fetch(url, { method: "OPTIONS", headers: { origin: APP, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" } });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(APP);
    expect(allowed.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(allowed.headers.get("access-control-allow-methods")).toContain("POST");
    const refused = await fetch(url, { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "POST" } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    expect(((await refused.json()) as any).errors[0].extensions.code).toBe("CORS_ORIGIN_NOT_ALLOWED");
  });

  it("lets an allowed origin read the answer, gives another origin no CORS headers, and keeps CSRF prevention on", async () => {
    const mine = await post(url, { query: "{ apiCatalogue }" }, { origin: APP });
    expect(mine.status).toBe(200);
    expect(mine.headers.get("access-control-allow-origin")).toBe(APP);
    const theirs = await post(url, { query: "{ apiCatalogue }" }, { origin: "https://evil.example" });
    expect(theirs.headers.get("access-control-allow-origin")).toBeNull();
    // A simple GET (no preflight, no JSON content type) is what a cross-site form or image could send.
    const simple = await fetch(`${url}?query=${encodeURIComponent("{ apiCatalogue }")}`, { headers: { origin: APP } });
    expect(simple.status).toBe(400);
    expect(await simple.text()).toMatch(/CSRF/i);
  });
});

describe("deduplication of identical concurrent operations", () => {
  const ME = `query Me { me { email } businessPartners(first: 5) { edges { node { name } } } }`;

  it("never gives one principal's answer to another, while sharing within one principal", async () => {
    const gateway = g.gateway;
    const before = { ...gateway.stats.edge };
    const asks = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? trader : other));
    const answers = await Promise.all(asks.map(who => gql(g.gatewayUrl, ME, {}, { bearer: who.admin })));
    answers.forEach((answer, i) => {
      const who = asks[i];
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.me.email).toBe(`admin-${who === trader ? "97000001" : "97000002"}@example.ch`);
      expect(answer.data?.businessPartners.edges.map((e: any) => e.node.name)).toEqual([who === trader ? "Edge Freight AG" : "Other Freight AG"]);
    });
    // 40 requests, at most 2 distinct (principal, operation) pairs in flight at a time: most were shared.
    expect(gateway.stats.edge.shared - before.shared).toBeGreaterThan(0);
    expect(gateway.stats.edge.shared - before.shared + (gateway.stats.edge.executed - before.executed)).toBe(40);
  });

  it("never shares a mutation: identical concurrent mutations each run", async () => {
    const gateway = g.gateway;
    const before = { ...gateway.stats.edge };
    const subgraphShared = gateway.stats.subgraphFetches.shared;
    const MUTATION = `mutation { addSecondFactor(input: { kind: MTAN }) { portalUser { email } } }`;
    const answers = await Promise.all(Array.from({ length: 6 }, () => gql(g.gatewayUrl, MUTATION, {}, { bearer: trader.admin })));
    for (const answer of answers) expect(answer.data?.addSecondFactor?.portalUser.email ?? answer.errors?.[0]?.extensions?.code).toBeDefined();
    expect(gateway.stats.edge.shared).toBe(before.shared);
    expect(gateway.stats.edge.executed - before.executed).toBe(6);
    expect(gateway.stats.subgraphFetches.shared).toBe(subgraphShared);
  });

  it("shares nothing with GATEWAY_DEDUP=off", async () => {
    const { url, gateway } = await gatewayWith({ GATEWAY_DEDUP: "off" });
    const answers = await Promise.all(Array.from({ length: 20 }, () => gql(url, ME, {}, { bearer: trader.admin })));
    for (const answer of answers) expect(answer.data?.me.email).toBe("admin-97000001@example.ch");
    expect(gateway.stats.edge.shared).toBe(0);
    expect(gateway.stats.subgraphFetches.shared).toBe(0);
    expect(gateway.stats.edge.executed).toBe(20);
  });
});

describe("what the gateway remembers about callers", () => {
  it("asks identity about an API access token once while it is valid, and forgets it before a revocation is answered (ApiCredentialsRevoked)", async () => {
    const stats = g.gateway.stats.auth;
    const QUERY = `{ businessPartners(first: 1) { edges { node { name } } } }`;
    const token = other.software();
    expect((await gql(g.gatewayUrl, QUERY, {}, { bearer: token })).data?.businessPartners.edges[0].node.name).toBe("Other Freight AG");
    const asked = stats.identityAsked;
    for (let i = 0; i < 5; i++) expect((await gql(g.gatewayUrl, QUERY, {}, { bearer: token })).errors).toBeUndefined();
    expect(stats.identityAsked).toBe(asked);

    const apps = await gql(g.gatewayUrl, `query ($p: ID!) { businessPartner(id: $p) { apiSubscriptions { applications { edges { node { id } } } } } }`, { p: other.partnerId }, { bearer: other.admin });
    const applicationId = apps.data?.businessPartner.apiSubscriptions[0].applications.edges[0].node.id;
    const forgotten = stats.forgotten;
    const regenerated = await gql(g.gatewayUrl, `mutation ($a: ID!) { regenerateApiKeys(input: { applicationId: $a }) { credentials { accessToken } } }`, { a: applicationId }, { bearer: other.admin });
    expect(regenerated.errors).toBeUndefined();
    // Identity pushed the revocation to the gateway before answering the mutation.
    expect(stats.forgotten).toBeGreaterThan(forgotten);
    const refused = await gql(g.gatewayUrl, QUERY, {}, { bearer: token });
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0].extensions?.code).toBe("API_APPLICATION_REVOKED");
    const fresh = regenerated.data?.regenerateApiKeys.credentials.accessToken as string;
    expect((await gql(g.gatewayUrl, QUERY, {}, { bearer: fresh })).data?.businessPartners.edges[0].node.name).toBe("Other Freight AG");
  });

  it("verifies a JWT's signature once and remembers it until it expires", async () => {
    const stats = g.gateway.stats.auth;
    const token = await mintDevToken({ kind: "officer", sub: "officer-remembered", roles: ["AUDITOR"] });
    const verified = stats.jwtVerified;
    for (let i = 0; i < 4; i++) expect((await gql(g.gatewayUrl, `{ apiCatalogue }`, {}, { bearer: token })).errors).toBeUndefined();
    expect(stats.jwtVerified).toBe(verified + 1);
  });
});

describe("operability", () => {
  it("echoes the caller's request id, or the one it gave the request", async () => {
    const given = await fetch(g.gatewayUrl, { method: "POST", headers: { "content-type": "application/json", "x-request-id": "trace-me-42" }, body: JSON.stringify({ query: "{ apiCatalogue }" }) });
    expect(given.headers.get("x-request-id")).toBe("trace-me-42");
    const made = await fetch(g.gatewayUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ apiCatalogue }" }) });
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("serves Prometheus metrics on the gateway and every subgraph after a demo flow", async () => {
    const base = g.gatewayUrl.replace(/\/graphql$/, "");
    // One refusal and one error on this gateway, beside the flows above.
    await post(g.gatewayUrl, { query: `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: apiCatalogue`).join(" ")} }` });
    await gql(g.gatewayUrl, `query Broken { businessPartner(id: "00000000-0000-4000-8000-000000000000") { name } }`, {}, { bearer: officerToken });
    expect((await gql(g.gatewayUrl, `{ customsOffices { id } }`, {}, { bearer: officerToken })).errors).toBeUndefined();
    const gateway = await fetch(`${base}/metrics`);
    expect(gateway.headers.get("content-type")).toContain("text/plain");
    const text = await gateway.text();
    expect(sample(text, "graphql_requests_total", { operation: "Me", outcome: "ok", service: "gateway" })).toBeGreaterThan(0);
    expect(sample(text, "graphql_request_duration_seconds_count", { operation: "Me", service: "gateway" })).toBeGreaterThan(0);
    expect(sample(text, "graphql_errors_total", { code: "NOT_FOUND", service: "gateway" })).toBeGreaterThan(0);
    expect(sample(text, "gateway_subgraph_fetches_total", { subgraph: "identity", outcome: "ok", service: "gateway" })).toBeGreaterThan(0);
    expect(sample(text, "gateway_subgraph_fetch_duration_seconds_count", { subgraph: "declarations", service: "gateway" })).toBeGreaterThan(0);
    expect(sample(text, "gateway_refusals_total", { code: "OPERATION_LIMIT_EXCEEDED", service: "gateway" })).toBeGreaterThan(0);
    expect(sample(text, "process_resident_memory_bytes", { service: "gateway" })).toBeGreaterThan(0);
    const identity = await (await fetch(`${g.subgraphs.identity.host.url}/metrics`)).text();
    expect(sample(identity, "graphql_requests_total", { outcome: "ok", service: "identity" })).toBeGreaterThan(0);
    expect(sample(identity, "event_deliveries_total", { subscriber: "gateway", outcome: "delivered", service: "identity" })).toBeGreaterThan(0);
    expect(sample(identity, "outbox_backlog", { service: "identity" })).toBeGreaterThanOrEqual(0);
    expect(sample(identity, "outbox_oldest_undelivered_age_seconds", { service: "identity" })).toBeGreaterThanOrEqual(0);
    expect(sample(identity, "db_pool_connections", { service: "identity" })).toBeGreaterThan(0);
    expect(sample(identity, "db_pool_connections_in_use", { service: "identity" })).toBeGreaterThanOrEqual(0);
    const declarations = await (await fetch(`${g.subgraphs.declarations.host.url}/metrics`)).text();
    expect(sample(declarations, "graphql_requests_total", { outcome: "ok", service: "declarations" })).toBeGreaterThan(0);
  });

  // Last: it takes a subgraph's database away.
  it("is not ready while a subgraph's database is down, though the subgraph's process answers", async () => {
    const base = g.gatewayUrl.replace(/\/graphql$/, "");
    expect((await fetch(`${base}/ready`)).status).toBe(200);
    await g.subgraphs.declarations.subgraph.runtime.dataSource.destroy();
    const declarationsBase = g.subgraphs.declarations.host.url;
    expect((await fetch(`${declarationsBase}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ unreachable: ["declarations"], services: { identity: "up", declarations: "unreachable" } });
  });
});

/** The sum of a Prometheus series' samples whose labels include `labels`; undefined when there is none. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  let total: number | undefined;
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map(m => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) total = (total ?? 0) + Number(match[3]);
  }
  return total;
}
