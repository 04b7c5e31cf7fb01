import { createClient } from "graphql-sse";
import { createGateway } from "../gateway/gateway";
import { mintDevToken } from "../scripts/mint-token";
import { definition as identityDefinition } from "../subgraphs/identity/identity.subgraph";
import { JetStreamBus, jetStreamSettings } from "../subgraphs/kit";
import { definition as notificationsDefinition } from "../subgraphs/notifications/notifications.subgraph";
import { gql } from "./support/graphql";
import { Graph, startGraph } from "./support/graph";
import { ok, onboardPortalPartner } from "./support/onboarding";

/**
 * Issue 14: live notifications through the gateway over server-sent events (graphql-sse at
 * /graphql/stream), with the same authentication as queries. A portal user subscribed to
 * `notificationAdded` receives the release of its partner's role within a second, with a field
 * of identity in the payload (the gateway resolves the selection as a federated query); a user of
 * another partner receives nothing; an anonymous stream is refused.
 */
let g: Graph;
let onboarding: string;

beforeAll(async () => {
  g = await startGraph("customs_test_e2e_subscriptions", "2026-03-02T09:00:00+01:00", [identityDefinition, notificationsDefinition]);
  onboarding = await mintDevToken({ kind: "officer", sub: "officer-onboarding", roles: ["ONBOARDING_SERVICE"] });
});
afterAll(async () => {
  await g?.stop();
});

const streamUrl = () => g.gatewayUrl.replace(/\/graphql$/, "/graphql/stream");

interface Received {
  at: number;
  payload: any;
}

/** Subscribes as `bearer` and collects what arrives until `dispose`. */
function subscribe(bearer: string | undefined, query: string) {
  const client = createClient({ url: streamUrl(), singleConnection: false, retryAttempts: 0, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  const received: Received[] = [];
  const errors: unknown[] = [];
  const dispose = client.subscribe({ query }, { next: payload => received.push({ at: Date.now(), payload }), error: error => errors.push(error), complete: () => undefined });
  return { received, errors, dispose: () => (dispose(), client.dispose()) };
}

async function until(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise(resolve => setTimeout(resolve, 10));
  }
}

const SUBSCRIPTION = `subscription { notificationAdded { kind title read partner { id name } } }`;

describe("subscription { notificationAdded } over server-sent events", () => {
  it("delivers the release of the user's role within a second, with identity's partner name, and nothing to a user of another partner (ID-R15, ePortal step 4)", async () => {
    const alpine = await onboardPortalPartner(g.gatewayUrl, g.spool, "81000001", "Alpine Live AG", onboarding);
    const bern = await onboardPortalPartner(g.gatewayUrl, g.spool, "81000002", "Bern Quiet AG", onboarding);
    await g.drainEvents();
    const open = g.gateway.stats.subscriptions.open;
    const alpineStream = subscribe(alpine.admin, SUBSCRIPTION);
    const bernStream = subscribe(bern.admin, SUBSCRIPTION);
    try {
      await until(() => g.gateway.stats.subscriptions.open === open + 2);
      const role = ok(await gql(g.gatewayUrl, `mutation ($p: ID!) { requestPartnerRole(input: { partnerId: $p, roleType: AUTHORISED_CONSIGNEE }) { role { id } } }`, { p: alpine.partnerId }, { bearer: alpine.admin })).requestPartnerRole.role.id;
      const decide = (name: string) => gql(g.gatewayUrl, `mutation ($id: ID!) { ${name}(input: { roleId: $id, note: "Premises plan received" }) { role { status } } }`, { id: role }, { bearer: onboarding });
      ok(await decide("clarifyPartnerRole"));
      await until(() => alpineStream.received.length === 1);
      g.clock.advance(60_000);
      ok(await decide("releasePartnerRole"));
      const released = Date.now();
      await until(() => alpineStream.received.length === 2, 3000);
      const [question, release] = alpineStream.received.map(r => r.payload);
      expect(question.data.notificationAdded.kind).toBe("PARTNER_ROLE_CLARIFICATION_REQUESTED");
      expect(release).toEqual({ data: { notificationAdded: { kind: "PARTNER_ROLE_RELEASED", title: "Role released: authorised consignee", read: false, partner: { id: alpine.partnerId, name: "Alpine Live AG" } } } });
      const latency = alpineStream.received[1].at - released;
      expect(latency).toBeLessThan(1000);
      // Bern's user heard nothing of Alpine's role, however long it waits.
      await new Promise(resolve => setTimeout(resolve, 500));
      expect(bernStream.received).toEqual([]);
      expect(alpineStream.errors).toEqual([]);
      console.log(`role released → notification on the stream: ${latency} ms`);
    } finally {
      alpineStream.dispose();
      bernStream.dispose();
    }
    await until(() => g.gateway.stats.subscriptions.open === open);
  });

  it("holds a stream to the gates of a request: the caller's operation limits and rate limit, refused before it opens", async () => {
    const limited = await createGateway({
      supergraphSdl: g.supergraphSdl,
      env: { ...process.env, GATEWAY_LIMITS: JSON.stringify({ portalUser: { depth: 3 } }), GATEWAY_RATE_LIMITS: JSON.stringify({ portalUser: { capacity: 1, refillPerSecond: 0.001 } }), REDIS_URL: "" },
    });
    try {
      const url = `${(await limited.listen(0, "127.0.0.1")).url}/graphql/stream`;
      const admin = await mintDevToken({ kind: "portal_user", sub: "chlogin|81000001" });
      const open = (query: string) => fetch(url, { method: "POST", headers: { "content-type": "application/json", accept: "text/event-stream", authorization: `Bearer ${admin}` }, body: JSON.stringify({ query }) });
      const deep = await open(`subscription { notificationAdded { partner { roles { edges { node { roleType } } } } } }`);
      expect(deep.status).toBe(400);
      expect(((await deep.json()) as any).errors[0].extensions).toMatchObject({ code: "OPERATION_LIMIT_EXCEEDED", limit: "depth", maximum: 3 });
      const again = await open(SUBSCRIPTION);
      expect(again.status).toBe(429);
      expect(((await again.json()) as any).errors[0].extensions.code).toBe("RATE_LIMITED");
      expect(limited.stats.subscriptions.open).toBe(0);
    } finally {
      await limited.stop();
    }
  });

  it("ends an idle stream when its token expires, within a re-check", async () => {
    const checking = await createGateway({ supergraphSdl: g.supergraphSdl, env: { ...process.env, GATEWAY_RATE_LIMITS: "off", GATEWAY_STREAM_RECHECK_MS: "200" } });
    try {
      const url = `${(await checking.listen(0, "127.0.0.1")).url}/graphql/stream`;
      // Four seconds of life (at least three: the expiry is in whole seconds), so that the stream is
      // surely still open after three re-checks however slowly a loaded machine opened it.
      const shortLived = await mintDevToken({ kind: "portal_user", sub: "chlogin|81000001", ttlSeconds: 4 });
      const client = createClient({ url, singleConnection: false, retryAttempts: 0, headers: { authorization: `Bearer ${shortLived}` } });
      let completed = false;
      const dispose = client.subscribe({ query: SUBSCRIPTION }, { next: () => undefined, error: () => (completed = true), complete: () => (completed = true) });
      try {
        await until(() => checking.stats.subscriptions.open === 1);
        // Open while the token lives; closed by the gateway within a re-check after it expired.
        await new Promise(resolve => setTimeout(resolve, 600));
        expect(checking.stats.subscriptions.open).toBe(1);
        await until(() => checking.stats.subscriptions.open === 0, 6000);
        await until(() => completed, 2000);
      } finally {
        dispose();
        client.dispose();
      }
    } finally {
      await checking.stop();
    }
  });

  it("refuses a stream without a valid token, and a subscription it does not serve", async () => {
    const anonymous = await fetch(streamUrl(), { method: "POST", headers: { "content-type": "application/json", accept: "text/event-stream", authorization: "Bearer not-a-token" }, body: JSON.stringify({ query: SUBSCRIPTION }) });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as any).errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const admin = await mintDevToken({ kind: "portal_user", sub: "chlogin|81000001" });
    const wrong = await fetch(streamUrl(), { method: "POST", headers: { "content-type": "application/json", accept: "text/event-stream", authorization: `Bearer ${admin}` }, body: JSON.stringify({ query: "{ termsOfUse { version } }" }) });
    const text = await wrong.text();
    expect(text).toContain("BAD_REQUEST");
  });
});

describe("with NATS JetStream, across gateway replicas", () => {
  const run = Math.random().toString(16).slice(2, 10);
  const natsEnv = { NATS_URL: process.env.NATS_URL ?? "nats://127.0.0.1:4222", EVENT_STREAM: `CUSTOMS_TEST_SSE_${run}`, EVENT_SUBJECT_PREFIX: `customs.sse.${run}` };
  let graph: Graph;
  let replica: Awaited<ReturnType<typeof createGateway>>;
  let replicaUrl: string;

  beforeAll(async () => {
    graph = await startGraph("customs_test_e2e_subscriptions_nats", "2026-03-02T09:00:00+01:00", [identityDefinition, notificationsDefinition], natsEnv);
    replica = await createGateway({ supergraphSdl: graph.supergraphSdl, env: { ...process.env, ...natsEnv, GATEWAY_RATE_LIMITS: "off" } });
    replicaUrl = `${(await replica.listen(0, "127.0.0.1")).url}/graphql/stream`;
  });
  afterAll(async () => {
    await replica?.stop();
    await graph?.stop();
    const settings = jetStreamSettings(natsEnv);
    if (settings) await JetStreamBus.deleteStream(settings);
  });

  it("delivers a notification to a subscriber of another replica than the one the mutation went through", async () => {
    const alpine = await onboardPortalPartner(graph.gatewayUrl, graph.spool, "82000001", "Alpine Replica AG", onboarding);
    await graph.drainEvents(20_000);
    const client = createClient({ url: replicaUrl, singleConnection: false, retryAttempts: 0, headers: { authorization: `Bearer ${alpine.admin}` } });
    const received: any[] = [];
    const dispose = client.subscribe({ query: SUBSCRIPTION }, { next: payload => received.push(payload), error: () => undefined, complete: () => undefined });
    try {
      await until(() => replica.stats.subscriptions.open === 1);
      // The role request and its release go through the graph's own gateway, not the replica.
      const role = ok(await gql(graph.gatewayUrl, `mutation ($p: ID!) { requestPartnerRole(input: { partnerId: $p, roleType: AUTHORISED_CONSIGNEE }) { role { id } } }`, { p: alpine.partnerId }, { bearer: alpine.admin })).requestPartnerRole.role.id;
      ok(await gql(graph.gatewayUrl, `mutation ($id: ID!) { releasePartnerRole(input: { roleId: $id }) { role { status } } }`, { id: role }, { bearer: onboarding }));
      await until(() => received.some(r => r.data?.notificationAdded?.kind === "PARTNER_ROLE_RELEASED"), 5000);
      expect(received.find(r => r.data.notificationAdded.kind === "PARTNER_ROLE_RELEASED").data.notificationAdded.partner).toEqual({ id: alpine.partnerId, name: "Alpine Replica AG" });
    } finally {
      dispose();
      client.dispose();
    }
  });
});
