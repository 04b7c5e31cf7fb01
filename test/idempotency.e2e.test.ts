import { randomUUID } from "node:crypto";
import { definition as declarationsDefinition } from "../subgraphs/declarations/declarations.subgraph";
import { createSubgraph, Principal, RunningHost, Subgraph } from "../subgraphs/kit";
import { gql, GraphQLResponse } from "./support/graphql";
import { Graph, startGraph } from "./support/graph";
import { importInput } from "./support/declarations-harness";
import { ok, OnboardedDeclarant, onboardDeclarant } from "./support/onboarding";

/**
 * Issue 7, "safe retries": a mutation sent with an `Idempotency-Key` has one effect however often
 * partner software retries it, through the gateway and across replicas of a subgraph.
 */
let g: Graph;
let declarant: OnboardedDeclarant;
let other: OnboardedDeclarant;

beforeAll(async () => {
  g = await startGraph("customs_test_e2e_idem", "2026-03-02T08:00:00+01:00");
  declarant = await onboardDeclarant(g.gatewayUrl, g.spool, "97000001", "Retry Freight AG");
  other = await onboardDeclarant(g.gatewayUrl, g.spool, "97000002", "Other Freight AG");
  await g.drainEvents();
  g.clock.set("2026-03-02T09:00:00+01:00");
  await declarant.renew();
  await other.renew();
});
afterAll(async () => {
  await g?.stop();
});

const LODGE = `mutation Lodge($input: LodgeDeclarationInput!) { lodgeDeclaration(input: $input) { declaration { id declarationNumber status } } }`;

const call = (query: string, variables: Record<string, unknown>, bearer: string, key?: string, signal?: AbortSignal): Promise<GraphQLResponse> =>
  signal
    ? fetch(g.gatewayUrl, { method: "POST", signal, headers: { "content-type": "application/json", authorization: `Bearer ${bearer}`, ...(key ? { "idempotency-key": key } : {}) }, body: JSON.stringify({ query, variables }) }).then(async r => ({ status: r.status, ...((await r.json()) as object) }))
    : gql(g.gatewayUrl, query, variables, { bearer, headers: key ? { "idempotency-key": key } : {} });

async function presentation(d: OnboardedDeclarant = declarant): Promise<string> {
  return ok(await call(`mutation ($p: ID!) { presentGoods(input: { officeId: "1001", presenterId: $p, summaryForm: ELECTRONIC, place: "Basel", goodsDescription: "Bicycles" }) { presentation { id } } }`, { p: d.partnerId }, d.software())).presentGoods.presentation.id;
}

function lodgeInput(presentationId: string, d: OnboardedDeclarant = declarant, value = "8000.00") {
  return importInput(d, { presentationId, items: [{ tariffNumber: "8712.0000", description: "Bicycles", netMassKg: "300.000", grossMassKg: "320.000", value, origin: "NL" }] });
}

async function declarationsFor(presentationId: string): Promise<number> {
  const [row] = await g.subgraphs.declarations.subgraph.runtime.dataSource.query("SELECT COUNT(*) AS n FROM customs_declaration WHERE presentation_id = ?", [presentationId]);
  return Number(row.n);
}

/** Retries while the first attempt is still being recorded, as partner software would. */
async function retryUntilAnswered(send: () => Promise<GraphQLResponse>): Promise<GraphQLResponse> {
  for (let i = 0; i < 50; i++) {
    const res = await send();
    if (res.errors?.[0]?.extensions?.code !== "IDEMPOTENCY_KEY_IN_FLIGHT") return res;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error("still in flight after 5 s");
}

it("gives one declaration for a lodging retried after the client timed out, and the retry gets the first result", async () => {
  const p = await presentation();
  const key = randomUUID();
  // The client gives up after 5 ms; the gateway and the subgraph go on and lodge the declaration.
  await expect(call(LODGE, { input: lodgeInput(p) }, declarant.software(), key, AbortSignal.timeout(5))).rejects.toThrow();
  const retry = await retryUntilAnswered(() => call(LODGE, { input: lodgeInput(p) }, declarant.software(), key));
  expect(retry.errors).toBeUndefined();
  expect(retry.data?.lodgeDeclaration.declaration.status).toBe("ACCEPTED");
  expect(await declarationsFor(p)).toBe(1);
  // The same answer again and again, one declaration.
  const again = await call(LODGE, { input: lodgeInput(p) }, declarant.software(), key);
  expect(again.data).toEqual(retry.data);
  expect(await declarationsFor(p)).toBe(1);
  // Without the key the retry is a new request, refused by the rule it breaks (DEC-R03).
  expect((await call(LODGE, { input: lodgeInput(p) }, declarant.software())).errors?.[0]?.extensions?.code).toBe("PRESENTATION_ALREADY_DECLARED");
});

it("applies 20 parallel retries with one key once: the others get the first result or are told to retry", async () => {
  const p = await presentation();
  const key = randomUUID();
  const responses = await Promise.all(Array.from({ length: 20 }, () => call(LODGE, { input: lodgeInput(p) }, declarant.software(), key)));
  const ids = new Set(responses.filter(r => !r.errors).map(r => r.data?.lodgeDeclaration.declaration.id));
  expect(ids.size).toBe(1);
  expect(responses.filter(r => r.errors).map(r => r.errors![0].extensions?.code).filter(c => c !== "IDEMPOTENCY_KEY_IN_FLIGHT")).toEqual([]);
  expect(await declarationsFor(p)).toBe(1);
});

it("refuses the same key with another input (IDEMPOTENCY_KEY_REUSED), and keeps keys apart per principal", async () => {
  const p = await presentation();
  const key = randomUUID();
  const first = ok(await call(LODGE, { input: lodgeInput(p) }, declarant.software(), key));
  const changed = await call(LODGE, { input: lodgeInput(p, declarant, "9000.00") }, declarant.software(), key);
  expect(changed.errors?.[0]?.extensions?.code).toBe("IDEMPOTENCY_KEY_REUSED");
  // Another partner's software using the same key gets its own answer, never this one's.
  const foreign = await call(LODGE, { input: lodgeInput(p) }, other.software(), key);
  expect(foreign.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  expect(JSON.stringify(foreign)).not.toContain(first.lodgeDeclaration.declaration.id);
  expect(await declarationsFor(p)).toBe(1);
});

it("refuses a malformed key, and ignores a key on a query", async () => {
  const res = await call(LODGE, { input: lodgeInput(await presentation()) }, declarant.software(), "short");
  expect(res).toMatchObject({ status: 400, errors: [{ extensions: { code: "IDEMPOTENCY_KEY_INVALID" } }] });
  const query = await call(`query ($id: ID!) { businessPartner(id: $id) { name } }`, { id: declarant.partnerId }, declarant.software(), randomUUID());
  expect(query.data?.businessPartner.name).toBe("Retry Freight AG");
});

it("creates API keys once under a key, and does not show them again: they are shown once (ID-R23, ePortal step 5)", async () => {
  const subscription = ok(await call(`query ($id: ID!) { businessPartner(id: $id) { apiSubscriptions { id } } }`, { id: declarant.partnerId }, declarant.admin)).businessPartner.apiSubscriptions[0].id;
  const CREATE = `mutation ($s: ID!) { createApiApplication(input: { subscriptionId: $s, softwareName: "Retry Clear 1" }) { credentials { consumerKey } } }`;
  const key = randomUUID();
  const first = ok(await call(CREATE, { s: subscription }, declarant.admin, key));
  expect(first.createApiApplication.credentials.consumerKey).toEqual(expect.any(String));
  const retry = await call(CREATE, { s: subscription }, declarant.admin, key);
  expect(retry.errors?.[0]?.extensions).toMatchObject({ code: "IDEMPOTENT_RESULT_NOT_REPLAYABLE", rule: "ID-R23" });
  expect(JSON.stringify(retry)).not.toContain(first.createApiApplication.credentials.consumerKey);
  const apps = ok(await call(`query ($id: ID!) { businessPartner(id: $id) { apiSubscriptions { applications(first: 100) { edges { node { softwareName } } } } } }`, { id: declarant.partnerId }, declarant.admin));
  expect(apps.businessPartner.apiSubscriptions[0].applications.edges.filter((e: { node: { softwareName: string } }) => e.node.softwareName === "Retry Clear 1")).toHaveLength(1);
});

describe("across replicas, for at least 24 hours", () => {
  let replica: Subgraph<any>;
  let replicaHost: RunningHost;
  let software: Principal;

  beforeAll(async () => {
    // A second replica of declarations on the same database.
    replica = await createSubgraph(declarationsDefinition, { env: g.subgraphs.declarations.subgraph.runtime.env, clock: g.clock });
    replicaHost = await replica.listen(0);
    software = await g.subgraphs.identity.subgraph.services.principals.forAccessToken(declarant.software());
  });
  afterAll(async () => {
    await replica?.stop();
  });

  const direct = (url: string, input: unknown, key: string) => gql(`${url}/graphql`, LODGE, { input }, { principal: software, audience: "declarations", headers: { "idempotency-key": key } });

  it("answers a retry sent to another replica with the first result, and keeps the key 24 hours, then purges it", async () => {
    const p = await presentation();
    const key = randomUUID();
    const first = await direct(g.subgraphs.declarations.host.url, lodgeInput(p), key);
    expect(first.errors).toBeUndefined();
    const elsewhere = await direct(replicaHost.url, lodgeInput(p), key);
    expect(elsewhere).toEqual(first);
    // 23 hours 59 minutes later the key still answers.
    g.clock.set("2026-03-03T08:59:00+01:00");
    expect(await direct(replicaHost.url, lodgeInput(p), key)).toEqual(first);
    // After 24 hours it is gone: the same request is a new one, refused by the rule it breaks.
    g.clock.set("2026-03-03T09:00:01+01:00");
    expect((await replica.jobs.runOnce())["idempotency-keys-purge"]).toBeGreaterThanOrEqual(1);
    const [row] = await replica.runtime.dataSource.query("SELECT COUNT(*) AS n FROM idempotency_key WHERE idem_key = ?", [key]);
    expect(Number(row.n)).toBe(0);
    expect((await direct(replicaHost.url, lodgeInput(p), key)).errors?.[0]?.extensions?.code).toBe("PRESENTATION_ALREADY_DECLARED");
    expect(await declarationsFor(p)).toBe(1);
    g.clock.set("2026-03-02T09:00:00+01:00");
  });
});
