import type { IncomingMessage, ServerResponse } from "node:http";
import pino from "pino";
import { Column, Entity, EntityManager, PrimaryGeneratedColumn } from "typeorm";
import { dropDatabase, freshDatabase } from "../../test/support/mysql";
import { FixedClock } from "./clock";
import { openDataSource, SubgraphDataSource } from "./datasource";
import {
  createEventReceiver,
  EVENT_ENTITIES,
  EventEnvelope,
  EventPublisher,
  EventRelay,
  OutboxDelivery,
  OutboxEvent,
  processOnce,
  ProcessedEvent,
  Subscriber,
} from "./events";
import { listen, RunningHost } from "./http";
import { KitEventTables1763800000000, KitEventTraceContext1765700000000 } from "./migrations";
import { PRINCIPAL_HEADER, Principal, servicePrincipal, signingSecret, signPrincipal } from "./principal";

/**
 * The kit's transactional outbox on MariaDB (DOMAIN.md §0.5): a producer and a consumer, each
 * with its own database and a real DataSource built by the kit, the consumer's receiver served
 * over real HTTP, the relay pushing with `runOnce()` under a FixedClock.
 */

/** The consumer's observable effect: one row per applied event (no unique key, so a double shows). */
@Entity("test_effect")
class TestEffect {
  @PrimaryGeneratedColumn({ type: "integer" })
  id: number;

  @Column({ type: "varchar", length: 36, name: "event_id" })
  eventId: string;

  @Column({ type: "varchar", length: 80 })
  type: string;

  @Column({ type: "varchar", length: 64, name: "aggregate_id" })
  aggregateId: string;
}

const logger = pino({ level: "silent" });
const secret = signingSecret({ SUBGRAPH_SIGNING_SECRET: "kit-events-test-secret-0123456789abcdef" });
const T0 = "2026-03-02T08:00:00.000Z";

let producerUrl: string;
let producer: SubgraphDataSource;
let consumer: SubgraphDataSource;
let clock: FixedClock;
let consumerHost: RunningHost | undefined;
/** Every POST the consumer's HTTP server got: path, event and answer. */
let received: { path: string; id: string; type: string; status: number }[];
/** Event ids the handler refuses (throws) once, to simulate a consumer fault. */
let failOnce: Set<string>;
/** Milliseconds the handler waits before writing its effect: widens race windows. */
let handlerDelayMs: number;

async function producerSource(url: string): Promise<SubgraphDataSource> {
  return openDataSource({ name: "kitproducer", entities: EVENT_ENTITIES, migrations: [KitEventTables1763800000000, KitEventTraceContext1765700000000], env: { KITPRODUCER_DATABASE_URL: url } });
}

/** The receiver of a subscriber (deliveries are signed for the subscriber's name). */
function receiver(name = "consumer") {
  return createEventReceiver({
    name,
    dataSource: consumer.dataSource,
    secret,
    clock,
    logger,
    handlers: {
      PartnerRoleActivated: handler,
      CustomsDebtArisen: handler,
    },
  });
}

async function handler(manager: EntityManager, event: EventEnvelope): Promise<void> {
  if (failOnce.delete(event.id)) throw new Error(`consumer fault on ${event.id}`);
  if (handlerDelayMs) await new Promise(resolve => setTimeout(resolve, handlerDelayMs));
  await manager.insert(TestEffect, { eventId: event.id, type: event.type, aggregateId: event.aggregateId });
}

/** Plain node http in front of the kit's receiver: `POST /events` for "consumer", `POST /<name>/events` for subscriber <name>. */
async function startConsumer(port = 0): Promise<RunningHost> {
  const host = await listen(async (req: IncomingMessage, res: ServerResponse) => {
    const route = receiver(/^\/(\w+)\/events$/.exec(req.url ?? "")?.[1] ?? "consumer");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    let status = 500;
    let body: unknown = { error: "consumer fault" };
    try {
      const result = await route(req, text ? JSON.parse(text) : undefined);
      status = result.status;
      body = result.body;
    } catch {
      // The handler failed: the receiver's transaction rolled back; answer 500 so the relay retries.
    }
    const envelope = (text ? JSON.parse(text) : {}) as Partial<EventEnvelope>;
    received.push({ path: req.url ?? "", id: String(envelope.id), type: String(envelope.type), status });
    res.statusCode = status;
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(body));
  }, port);
  consumerHost = host;
  return host;
}

async function stopConsumer(): Promise<void> {
  await consumerHost?.close();
  consumerHost = undefined;
}

function relayFor(subscribers: Subscriber[], dataSource = producer.dataSource): EventRelay {
  return new EventRelay({ producer: "kitproducer", dataSource, subscribers, clock, logger, secret });
}

/** Publishes one event in its own committed transaction. */
async function publishCommitted(publisher: EventPublisher, type: string, aggregateId: string, payload: Record<string, unknown> = {}): Promise<EventEnvelope> {
  return producer.dataSource.transaction(m => publisher.publish(m, type, aggregateId, payload));
}

async function deliveries(eventId?: string): Promise<OutboxDelivery[]> {
  const repo = producer.dataSource.getRepository(OutboxDelivery);
  return eventId ? repo.find({ where: { eventId }, order: { subscriber: "ASC" } }) : repo.find({ order: { eventSeq: "ASC", subscriber: "ASC" } });
}

async function effects(): Promise<TestEffect[]> {
  return consumer.dataSource.getRepository(TestEffect).find({ order: { id: "ASC" } });
}

async function post(url: string, envelope: unknown, principal?: Principal, key = secret, audience = "consumer"): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (principal) headers[PRINCIPAL_HEADER] = await signPrincipal(principal, key, audience);
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(envelope) });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  producerUrl = await freshDatabase("customs_test_kit_events_producer");
  const consumerUrl = await freshDatabase("customs_test_kit_events_consumer");
  producer = await producerSource(producerUrl);
  consumer = await openDataSource({ name: "kitconsumer", entities: [...EVENT_ENTITIES, TestEffect], migrations: [KitEventTables1763800000000, KitEventTraceContext1765700000000], env: { KITCONSUMER_DATABASE_URL: consumerUrl } });
  await consumer.dataSource.query(
    "CREATE TABLE test_effect (id INT AUTO_INCREMENT PRIMARY KEY, event_id VARCHAR(36) NOT NULL, type VARCHAR(80) NOT NULL, aggregate_id VARCHAR(64) NOT NULL)",
  );
});

afterAll(async () => {
  await stopConsumer();
  if (producer?.dataSource.isInitialized) await producer.dataSource.destroy();
  if (consumer?.dataSource.isInitialized) await consumer.dataSource.destroy();
  await dropDatabase("customs_test_kit_events_producer");
  await dropDatabase("customs_test_kit_events_consumer");
});

beforeEach(async () => {
  clock = new FixedClock(T0);
  received = [];
  failOnce = new Set();
  handlerDelayMs = 0;
  for (const table of ["outbox_delivery", "outbox_event", "processed_event"]) await producer.dataSource.query(`DELETE FROM ${table}`);
  for (const table of ["processed_event", "test_effect"]) await consumer.dataSource.query(`DELETE FROM ${table}`);
});

afterEach(async () => {
  await stopConsumer();
});

describe("the outbox and the relay", () => {
  it("never delivers an event published in a transaction that rolled back", async () => {
    const host = await startConsumer();
    const subscribers = [{ name: "consumer", url: `${host.url}/events` }];
    const publisher = new EventPublisher("kitproducer", subscribers, clock);
    await expect(
      producer.dataSource.transaction(async m => {
        await publisher.publish(m, "PartnerRoleActivated", "partner-rolled-back", { roleType: "FREIGHT" });
        throw new Error("the business change failed");
      }),
    ).rejects.toThrow("the business change failed");

    expect(await producer.dataSource.getRepository(OutboxEvent).count()).toBe(0);
    expect(await deliveries()).toEqual([]);
    expect(await relayFor(subscribers).runOnce()).toBe(0);
    expect(received).toEqual([]);
    expect(await effects()).toEqual([]);
  });

  it("delivers a committed event with runOnce and applies it exactly once", async () => {
    const host = await startConsumer();
    const subscribers = [{ name: "consumer", url: `${host.url}/events` }];
    const publisher = new EventPublisher("kitproducer", subscribers, clock);
    const sent = await publishCommitted(publisher, "PartnerRoleActivated", "partner-1", { roleType: "FREIGHT", count: 2 });
    const [pending] = await deliveries(sent.id);
    expect(pending).toMatchObject({ subscriber: "consumer", status: "PENDING", attempts: 0, nextAttemptAt: new Date(T0) });

    const relay = relayFor(subscribers);
    clock.advance(250);
    expect(await relay.runOnce()).toBe(1);

    expect(await deliveries(sent.id)).toEqual([
      expect.objectContaining({ status: "DELIVERED", attempts: 1, deliveredAt: new Date("2026-03-02T08:00:00.250Z"), leaseOwner: null, leaseUntil: null, lastError: null }),
    ]);
    expect(received).toEqual([{ path: "/events", id: sent.id, type: "PartnerRoleActivated", status: 200 }]);
    const applied = await effects();
    expect(applied.map(e => [e.eventId, e.type, e.aggregateId])).toEqual([[sent.id, "PartnerRoleActivated", "partner-1"]]);
    expect(await consumer.dataSource.getRepository(ProcessedEvent).findOneByOrFail({ eventId: sent.id })).toMatchObject({ type: "PartnerRoleActivated", producer: "kitproducer" });

    // A second round finds nothing to do and changes nothing.
    clock.advance(60_000);
    expect(await relay.runOnce()).toBe(0);
    expect(received).toHaveLength(1);
    expect(await effects()).toHaveLength(1);
  });

  it("sends the envelope the publisher returned: id, type, producer, aggregate, time and payload", async () => {
    const seen: EventEnvelope[] = [];
    const route = createEventReceiver({
      name: "consumer",
      dataSource: consumer.dataSource,
      secret,
      clock,
      logger,
      handlers: { CustomsDebtArisen: async (_m, event) => void seen.push(event) },
    });
    consumerHost = await listen(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const result = await route(req, JSON.parse(Buffer.concat(chunks).toString("utf8")));
      res.statusCode = result.status;
      res.end(JSON.stringify(result.body));
    }, 0);
    const subscribers = [{ name: "consumer", url: `${consumerHost.url}/events` }];
    const publisher = new EventPublisher("kitproducer", subscribers, clock);
    const sent = await publishCommitted(publisher, "CustomsDebtArisen", "declaration-9", { amount: "1234.50", currency: "CHF", lines: [1, 2] });
    expect(sent.occurredAt).toBe(T0);
    expect(await relayFor(subscribers).runOnce()).toBe(1);
    expect(seen).toEqual([{ id: sent.id, type: "CustomsDebtArisen", producer: "kitproducer", aggregateId: "declaration-9", occurredAt: T0, payload: { amount: "1234.50", currency: "CHF", lines: [1, 2] } }]);
  });
});

describe("the idempotent receiver", () => {
  it("applies the same envelope delivered twice over HTTP once, and answers DUPLICATE the second time", async () => {
    const host = await startConsumer();
    const envelope: EventEnvelope = { id: "7d1c2f9e-0000-4000-8000-000000000001", type: "PartnerRoleActivated", producer: "identity", aggregateId: "partner-2", occurredAt: T0, payload: {} };
    const first = await post(`${host.url}/events`, envelope, servicePrincipal("identity"));
    const second = await post(`${host.url}/events`, envelope, servicePrincipal("identity"));
    expect([first, second]).toEqual([
      { status: 200, body: { outcome: "PROCESSED" } },
      { status: 200, body: { outcome: "DUPLICATE" } },
    ]);
    expect((await effects()).map(e => e.eventId)).toEqual([envelope.id]);
    expect(await consumer.dataSource.getRepository(ProcessedEvent).countBy({ eventId: envelope.id })).toBe(1);
  });

  it("applies the same envelope once when processOnce runs five times concurrently", async () => {
    handlerDelayMs = 100; // all five read "not seen yet" before the first commits
    const envelope: EventEnvelope = { id: "7d1c2f9e-0000-4000-8000-000000000002", type: "CustomsDebtArisen", producer: "declarations", aggregateId: "declaration-1", occurredAt: T0, payload: {} };
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => processOnce(consumer.dataSource, envelope, handler, clock)));
    expect([...outcomes].sort()).toEqual(["DUPLICATE", "DUPLICATE", "DUPLICATE", "DUPLICATE", "PROCESSED"]);
    expect((await effects()).map(e => e.eventId)).toEqual([envelope.id]);
  });

  it("records an event without a handler as IGNORED, once", async () => {
    const envelope: EventEnvelope = { id: "7d1c2f9e-0000-4000-8000-000000000003", type: "SomethingElse", producer: "enforcement", aggregateId: "case-1", occurredAt: T0, payload: {} };
    expect(await processOnce(consumer.dataSource, envelope, undefined, clock)).toBe("IGNORED");
    expect(await processOnce(consumer.dataSource, envelope, undefined, clock)).toBe("DUPLICATE");
    expect(await effects()).toEqual([]);
  });

  it("keeps nothing of an event whose handler failed, so the redelivery applies it", async () => {
    const envelope: EventEnvelope = { id: "7d1c2f9e-0000-4000-8000-000000000004", type: "CustomsDebtArisen", producer: "declarations", aggregateId: "declaration-2", occurredAt: T0, payload: {} };
    failOnce.add(envelope.id);
    await expect(processOnce(consumer.dataSource, envelope, handler, clock)).rejects.toThrow("consumer fault");
    expect(await consumer.dataSource.getRepository(ProcessedEvent).countBy({ eventId: envelope.id })).toBe(0);
    expect(await processOnce(consumer.dataSource, envelope, handler, clock)).toBe("PROCESSED");
    expect(await effects()).toHaveLength(1);
  });

  it("answers 401 to an unsigned POST, to one signed with another secret or for another subscriber, and to a non-service caller, and applies nothing", async () => {
    const host = await startConsumer();
    const url = `${host.url}/events`;
    const envelope: EventEnvelope = { id: "7d1c2f9e-0000-4000-8000-000000000005", type: "PartnerRoleActivated", producer: "identity", aggregateId: "partner-3", occurredAt: T0, payload: {} };
    const otherSecret = new TextEncoder().encode("not-the-shared-secret-0123456789abcdef");
    const answers = [
      await post(url, envelope),
      await post(url, envelope, servicePrincipal("identity"), otherSecret),
      await post(url, envelope, { kind: "OFFICER", subject: "o-1", partners: [], officerRoles: ["DGD"] }),
      // A delivery signed for another subscriber is not one for this one.
      await post(url, envelope, servicePrincipal("identity"), secret, "debt"),
    ];
    expect(answers).toEqual(Array(4).fill({ status: 401, body: { error: "UNSIGNED_REQUEST" } }));
    expect(await consumer.dataSource.getRepository(ProcessedEvent).count()).toBe(0);
    expect(await effects()).toEqual([]);
    // The control: the same envelope, signed by a service, is applied.
    expect(await post(url, envelope, servicePrincipal("identity"))).toEqual({ status: 200, body: { outcome: "PROCESSED" } });
  });

  it("answers 400 to a signed POST that is not an event", async () => {
    const host = await startConsumer();
    expect(await post(`${host.url}/events`, { type: "PartnerRoleActivated" }, servicePrincipal("identity"))).toEqual({ status: 400, body: { error: "BAD_EVENT" } });
    expect(await consumer.dataSource.getRepository(ProcessedEvent).count()).toBe(0);
  });
});

describe("retries", () => {
  it("keeps a delivery PENDING with exponential backoff while the consumer is down, and delivers once it is back", async () => {
    // Reserve a port, then close it: the consumer is down.
    const port = (await startConsumer()).port;
    await stopConsumer();
    const subscribers = [{ name: "consumer", url: `http://127.0.0.1:${port}/events` }];
    const publisher = new EventPublisher("kitproducer", subscribers, clock);
    const relay = relayFor(subscribers);
    const sent = await publishCommitted(publisher, "PartnerRoleActivated", "partner-4");

    expect(await relay.runOnce()).toBe(0);
    let [d] = await deliveries(sent.id);
    expect(d).toMatchObject({ status: "PENDING", attempts: 1, nextAttemptAt: new Date("2026-03-02T08:00:01.000Z"), leaseOwner: null, leaseUntil: null, deliveredAt: null });
    expect(d.lastError).toBeTruthy();

    // Before next_attempt_at nothing is sent, not even a failing attempt.
    clock.set("2026-03-02T08:00:00.999Z");
    expect(await relay.runOnce()).toBe(0);
    [d] = await deliveries(sent.id);
    expect(d).toMatchObject({ attempts: 1, nextAttemptAt: new Date("2026-03-02T08:00:01.000Z") });

    // Second failure: the backoff doubles (2 s after the attempt).
    clock.set("2026-03-02T08:00:01.000Z");
    expect(await relay.runOnce()).toBe(0);
    [d] = await deliveries(sent.id);
    expect(d).toMatchObject({ status: "PENDING", attempts: 2, nextAttemptAt: new Date("2026-03-02T08:00:03.000Z") });

    await startConsumer(port);
    clock.set("2026-03-02T08:00:02.500Z");
    expect(await relay.runOnce()).toBe(0);
    expect(received).toEqual([]);

    clock.set("2026-03-02T08:00:03.000Z");
    expect(await relay.runOnce()).toBe(1);
    [d] = await deliveries(sent.id);
    expect(d).toMatchObject({ status: "DELIVERED", attempts: 3, deliveredAt: new Date("2026-03-02T08:00:03.000Z"), lastError: null });
    expect((await effects()).map(e => e.eventId)).toEqual([sent.id]);
  });

  it("caps the backoff at maxBackoffMs", async () => {
    const port = (await startConsumer()).port;
    await stopConsumer();
    const subscribers = [{ name: "consumer", url: `http://127.0.0.1:${port}/events` }];
    const publisher = new EventPublisher("kitproducer", subscribers, clock);
    const relay = new EventRelay({ producer: "kitproducer", dataSource: producer.dataSource, subscribers, clock, logger, secret, maxBackoffMs: 3000 });
    const sent = await publishCommitted(publisher, "PartnerRoleActivated", "partner-5");
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = clock.now().getTime();
      await relay.runOnce();
      const [d] = await deliveries(sent.id);
      waits.push(d.nextAttemptAt.getTime() - before);
      clock.set(d.nextAttemptAt);
    }
    expect(waits).toEqual([1000, 2000, 3000, 3000]);
  });

  it("retries after an HTTP 500 from the consumer and applies the event once", async () => {
    const host = await startConsumer();
    const subscribers = [{ name: "consumer", url: `${host.url}/events` }];
    const publisher = new EventPublisher("kitproducer", subscribers, clock);
    const relay = relayFor(subscribers);
    const sent = await publishCommitted(publisher, "CustomsDebtArisen", "declaration-3");
    failOnce.add(sent.id);
    expect(await relay.runOnce()).toBe(0);
    expect((await deliveries(sent.id))[0]).toMatchObject({ status: "PENDING", attempts: 1, lastError: "HTTP 500 from consumer" });
    clock.advance(1000);
    expect(await relay.runOnce()).toBe(1);
    expect(received.map(r => r.status)).toEqual([500, 200]);
    expect((await effects()).map(e => e.eventId)).toEqual([sent.id]);
  });
});

describe("restarts", () => {
  it("delivers the pending events of a producer that was restarted (new DataSource, new relay)", async () => {
    const host = await startConsumer();
    const subscribers = [{ name: "consumer", url: `${host.url}/events` }];
    const publisher = new EventPublisher("kitproducer", subscribers, clock);
    const a = await publishCommitted(publisher, "PartnerRoleActivated", "partner-6");
    const b = await publishCommitted(publisher, "CustomsDebtArisen", "declaration-4");

    await producer.dataSource.destroy();
    producer = await producerSource(producerUrl);

    expect(await relayFor(subscribers).runOnce()).toBe(2);
    expect((await effects()).map(e => e.eventId)).toEqual([a.id, b.id]);
    expect((await deliveries()).map(d => d.status)).toEqual(["DELIVERED", "DELIVERED"]);
  });

  it("leaves a delivery claimed by a relay that died alone until its lease ends, then delivers it", async () => {
    const host = await startConsumer();
    const subscribers = [{ name: "consumer", url: `${host.url}/events` }];
    const publisher = new EventPublisher("kitproducer", subscribers, clock);
    const sent = await publishCommitted(publisher, "PartnerRoleActivated", "partner-7");
    // What a relay that crashed after claiming leaves behind: a 30 s lease that nobody releases.
    await producer.dataSource.getRepository(OutboxDelivery).update({ eventId: sent.id }, { leaseOwner: "dead-relay", leaseUntil: new Date("2026-03-02T08:00:30.000Z") });

    const relay = relayFor(subscribers);
    clock.set("2026-03-02T08:00:29.999Z");
    expect(await relay.runOnce()).toBe(0);
    expect(received).toEqual([]);
    clock.set("2026-03-02T08:00:30.001Z");
    expect(await relay.runOnce()).toBe(1);
    expect((await effects()).map(e => e.eventId)).toEqual([sent.id]);
  });
});

describe("ordering and subscriptions", () => {
  it("delivers each subscriber's events in publish order", async () => {
    const host = await startConsumer();
    const subscribers = [{ name: "consumer", url: `${host.url}/events` }];
    const publisher = new EventPublisher("kitproducer", subscribers, clock);
    const sent: string[] = [];
    for (let i = 1; i <= 6; i++) sent.push((await publishCommitted(publisher, i % 2 ? "PartnerRoleActivated" : "CustomsDebtArisen", `aggregate-${i}`)).id);
    // Ids are random UUIDs: publish order is not their sort order, so this proves the relay orders by sequence.
    expect(await relayFor(subscribers).runOnce()).toBe(6);
    expect(received.map(r => r.id)).toEqual(sent);
    expect((await effects()).map(e => e.eventId)).toEqual(sent);
  });

  it("holds back an event's successors while it waits for its retry, so the order survives a failure", async () => {
    const host = await startConsumer();
    const subscribers = [{ name: "consumer", url: `${host.url}/events` }];
    const publisher = new EventPublisher("kitproducer", subscribers, clock);
    const relay = relayFor(subscribers);
    const sent: string[] = [];
    for (let i = 1; i <= 4; i++) sent.push((await publishCommitted(publisher, "PartnerRoleActivated", `partner-order-${i}`)).id);
    failOnce.add(sent[1]);

    // Round 1: the first goes through, the second fails, the third and fourth wait.
    expect(await relay.runOnce()).toBe(1);
    expect(received.map(r => [r.id, r.status])).toEqual([
      [sent[0], 200],
      [sent[1], 500],
    ]);

    // Round 2, before the second one's retry is due: nothing may overtake it.
    clock.advance(500);
    await relay.runOnce();
    clock.advance(500);
    await relay.runOnce();
    expect((await effects()).map(e => e.eventId)).toEqual(sent);
    expect(received.filter(r => r.status === 200).map(r => r.id)).toEqual(sent);
  });

  it("holds back an event's successors while another relay replica holds its lease", async () => {
    const host = await startConsumer();
    const subscribers = [{ name: "consumer", url: `${host.url}/events` }];
    const publisher = new EventPublisher("kitproducer", subscribers, clock);
    const first = await publishCommitted(publisher, "PartnerRoleActivated", "partner-lease-1");
    const second = await publishCommitted(publisher, "PartnerRoleActivated", "partner-lease-2");
    // A second replica has claimed the first event and is still pushing it.
    await producer.dataSource.getRepository(OutboxDelivery).update({ eventId: first.id }, { leaseOwner: "other-replica", leaseUntil: new Date("2026-03-02T08:00:30.000Z") });

    const relay = relayFor(subscribers);
    await relay.runOnce();
    expect(received.map(r => r.id)).not.toContain(second.id);

    clock.set("2026-03-02T08:00:30.001Z");
    await relay.runOnce();
    expect((await effects()).map(e => e.eventId)).toEqual([first.id, second.id]);
  });

  it("gives a subscriber with a types filter only its types, and one without a filter everything", async () => {
    const host = await startConsumer();
    const subscribers: Subscriber[] = [
      { name: "declarations", url: `${host.url}/declarations/events`, types: ["PartnerRoleActivated"] },
      { name: "debt", url: `${host.url}/debt/events` },
      { name: "enforcement", url: `${host.url}/enforcement/events`, types: ["SomethingNobodyPublishes"] },
    ];
    const publisher = new EventPublisher("kitproducer", subscribers, clock);
    const role = await publishCommitted(publisher, "PartnerRoleActivated", "partner-8");
    const debt = await publishCommitted(publisher, "CustomsDebtArisen", "declaration-5");

    expect((await deliveries(role.id)).map(d => d.subscriber)).toEqual(["debt", "declarations"]);
    expect((await deliveries(debt.id)).map(d => d.subscriber)).toEqual(["debt"]);

    expect(await relayFor(subscribers).runOnce()).toBe(3);
    const byPath = (path: string) => received.filter(r => r.path === path).map(r => r.type);
    expect(byPath("/declarations/events")).toEqual(["PartnerRoleActivated"]);
    expect(byPath("/debt/events")).toEqual(["PartnerRoleActivated", "CustomsDebtArisen"]);
    expect(byPath("/enforcement/events")).toEqual([]);
  });
});
