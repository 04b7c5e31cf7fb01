import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { Brackets, Column, DataSource, Entity, EntityManager, Index, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";
import type { Clock } from "./clock";
import type { RouteHandler } from "./http";
import { KeepAliveClient } from "./http-client";
import type { Logger } from "./logger";
import { PRINCIPAL_HEADER, servicePrincipal, signPrincipal, verifyPrincipal } from "./principal";
import { sqlTime } from "./time";
import { transaction } from "./transaction";
import { currentTraceparent, extractContext, SpanKind, traceHeaders, Tracing } from "./tracing";
import type { JetStreamBus } from "./jetstream";

/**
 * Cross-subgraph events (DOMAIN.md §0.5, §7): a transactional outbox in each subgraph's own
 * database, a relay that pushes each event over HTTP to the subgraphs that subscribe, retrying
 * with exponential backoff, and an idempotent receiver that records every processed event id in
 * the same transaction as its effect.
 *
 * No broker is needed: the outbox rows are the durable queue, so delivery survives a restart of
 * either side (a delivery is only marked done after the receiver committed). Several replicas of
 * a producer may run relays at once: each claims deliveries with a lease, and the receiver's
 * processed-event table makes a duplicate harmless anyway.
 */
export interface EventEnvelope<T = Record<string, unknown>> {
  id: string;
  type: string;
  producer: string;
  aggregateId: string;
  occurredAt: string;
  payload: T;
}

@Entity("outbox_event")
export class OutboxEvent {
  @PrimaryGeneratedColumn({ type: "integer" })
  seq: number;

  @Index("IDX_outbox_event_id", { unique: true })
  @Column({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: "varchar", length: 80 })
  type: string;

  @Column({ type: "varchar", length: 64, name: "aggregate_id" })
  aggregateId: string;

  @Column({ type: "simple-json" })
  payload: Record<string, unknown>;

  @Column({ type: "datetime", precision: 3, name: "occurred_at" })
  occurredAt: Date;

  /** The `traceparent` of the request that published it (kit/tracing.ts), continued by each delivery. */
  @Column({ type: "varchar", length: 100, name: "trace_context", nullable: true })
  traceContext: string | null;
}

@Entity("outbox_delivery")
@Index("IDX_outbox_delivery_due", ["status", "nextAttemptAt"])
export class OutboxDelivery {
  @PrimaryColumn({ type: "varchar", length: 36, name: "event_id" })
  eventId: string;

  @PrimaryColumn({ type: "varchar", length: 40 })
  subscriber: string;

  @Column({ type: "integer", name: "event_seq" })
  eventSeq: number;

  /** PENDING until the subscriber has committed the event, then DELIVERED. */
  @Column({ type: "varchar", length: 16 })
  status: "PENDING" | "DELIVERED" | "DEAD" | "DISCARDED";

  @Column({ type: "integer", default: 0 })
  attempts: number;

  @Column({ type: "datetime", precision: 3, name: "next_attempt_at" })
  nextAttemptAt: Date;

  @Column({ type: "varchar", length: 64, name: "lease_owner", nullable: true })
  leaseOwner: string | null;

  @Column({ type: "datetime", precision: 3, name: "lease_until", nullable: true })
  leaseUntil: Date | null;

  @Column({ type: "datetime", precision: 3, name: "delivered_at", nullable: true })
  deliveredAt: Date | null;

  @Column({ type: "varchar", length: 500, name: "last_error", nullable: true })
  lastError: string | null;
}

@Entity("processed_event")
export class ProcessedEvent {
  @PrimaryColumn({ type: "varchar", length: 36, name: "event_id" })
  eventId: string;

  @Column({ type: "varchar", length: 80 })
  type: string;

  @Column({ type: "varchar", length: 40 })
  producer: string;

  @Column({ type: "datetime", precision: 3, name: "processed_at" })
  processedAt: Date;
}

/**
 * An event parked after its attempts ran out (issue 14), with its last error, until an officer
 * replays or discards it (kit/dead-letters.ts). OUTGOING: this producer could not deliver it to
 * `subscriber` over HTTP (its delivery row is DEAD meanwhile). INCOMING: this consumer could not
 * apply it (JetStream; the stream's message was acknowledged, the event is kept here).
 */
@Entity("dead_letter")
@Index("IDX_dead_letter_event", ["eventId", "subscriber"], { unique: true })
@Index("IDX_dead_letter_status", ["status", "parkedAt"])
export class DeadLetterRecord {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: "varchar", length: 8 })
  direction: "OUTGOING" | "INCOMING";

  @Column({ type: "varchar", length: 36, name: "event_id" })
  eventId: string;

  @Column({ type: "varchar", length: 80 })
  type: string;

  @Column({ type: "varchar", length: 40 })
  producer: string;

  /** OUTGOING: where it could not be delivered; INCOMING: this subgraph. */
  @Column({ type: "varchar", length: 40 })
  subscriber: string;

  @Column({ type: "simple-json" })
  envelope: EventEnvelope;

  @Column({ type: "integer" })
  attempts: number;

  @Column({ type: "varchar", length: 500, name: "last_error" })
  lastError: string;

  @Column({ type: "datetime", precision: 3, name: "parked_at" })
  parkedAt: Date;

  @Column({ type: "varchar", length: 16 })
  status: "PARKED" | "REPLAYED" | "DISCARDED";

  @Column({ type: "datetime", precision: 3, name: "resolved_at", nullable: true })
  resolvedAt: Date | null;

  @Column({ type: "varchar", length: 120, name: "resolved_by", nullable: true })
  resolvedBy: string | null;
}

export const EVENT_ENTITIES = [OutboxEvent, OutboxDelivery, ProcessedEvent, DeadLetterRecord];

/** `EVENT_MAX_ATTEMPTS`: attempts of a delivery (HTTP) or of its handling (JetStream) before the event is parked as a dead letter. */
export function maxEventAttempts(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.EVENT_MAX_ATTEMPTS ?? 12);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`EVENT_MAX_ATTEMPTS must be an integer from 1 to 1000, not '${env.EVENT_MAX_ATTEMPTS}'`);
  return n;
}

export interface Subscriber {
  name: string;
  /** The subscriber's event endpoint, e.g. `http://127.0.0.1:4002/events`. */
  url: string;
  /** Event types it wants; empty or absent means all. */
  types?: string[];
}

/** `EVENT_SUBSCRIBERS` is a JSON array of `{ name, url, types? }`. */
export function subscribersFromEnv(env: NodeJS.ProcessEnv = process.env): Subscriber[] {
  if (!env.EVENT_SUBSCRIBERS) return [];
  const parsed = JSON.parse(env.EVENT_SUBSCRIBERS) as Subscriber[];
  if (!Array.isArray(parsed) || parsed.some(s => !s.name || !s.url)) {
    throw new Error("EVENT_SUBSCRIBERS must be a JSON array of { name, url, types? }");
  }
  return parsed;
}

/** Per request: whether it published an event to be delivered before it is answered. */
const deliverAtOnceScope = new AsyncLocalStorage<{ published: boolean }>();

/**
 * Runs a request and, if it published an event of a `deliverAtOnce` type, has `deliver` push it
 * before the request's answer is returned: whoever the event concerns (the gateway forgetting a
 * revoked application's keys) has heard of it before the caller can act on the answer.
 */
export async function withDeliveryAtOnce<T>(run: () => Promise<T>, deliver: () => Promise<unknown>): Promise<T> {
  const scope = { published: false };
  const result = await deliverAtOnceScope.run(scope, run);
  if (scope.published) await deliver();
  return result;
}

export class EventPublisher {
  constructor(
    private readonly producer: string,
    private readonly subscribers: Subscriber[],
    private readonly clock: Clock,
    /** Types delivered before the request that published them is answered (`withDeliveryAtOnce`). */
    private readonly deliverAtOnce: readonly string[] = [],
  ) {}

  /** Writes the event and one delivery per interested subscriber, inside the caller's transaction. */
  async publish<T extends Record<string, unknown>>(manager: EntityManager, type: string, aggregateId: string, payload: T): Promise<EventEnvelope<T>> {
    const now = this.clock.now();
    const event = await manager.save(
      manager.create(OutboxEvent, { id: randomUUID(), type, aggregateId, payload, occurredAt: now, traceContext: currentTraceparent() ?? null }),
    );
    const targets = this.subscribers.filter(s => !s.types?.length || s.types.includes(type));
    if (targets.length && this.deliverAtOnce.includes(type)) {
      const scope = deliverAtOnceScope.getStore();
      if (scope) scope.published = true;
    }
    if (targets.length) {
      await manager.insert(
        OutboxDelivery,
        targets.map(s => ({
          eventId: event.id,
          subscriber: s.name,
          eventSeq: event.seq,
          status: "PENDING" as const,
          attempts: 0,
          nextAttemptAt: now,
          leaseOwner: null,
          leaseUntil: null,
          deliveredAt: null,
          lastError: null,
        })),
      );
    }
    return { id: event.id, type, producer: this.producer, aggregateId, occurredAt: now.toISOString(), payload };
  }
}

export interface RelayOptions {
  producer: string;
  dataSource: DataSource;
  subscribers: Subscriber[];
  clock: Clock;
  logger: Logger;
  secret: Uint8Array;
  /** How deliveries are sent. @default a kit/http-client.ts KeepAliveClient of its own */
  fetch?: KeepAliveClient["fetch"];
  /** Poll interval. @default 500 ms */
  intervalMs?: number;
  /** How long a claimed delivery is reserved for this relay. @default 30 s */
  leaseMs?: number;
  /** Cap of the exponential backoff. @default 5 min */
  maxBackoffMs?: number;
  batchSize?: number;
  /** Counts each delivery attempt by subscriber and outcome (kit/metrics.ts). */
  onAttempt?: (subscriber: string, outcome: "delivered" | "failed") => void;
  /** Each delivery is a PRODUCER span in the trace the event was published in (kit/tracing.ts). */
  tracing?: Tracing;
  /** Failed attempts after which a delivery is parked as a dead letter. @default 12 */
  maxAttempts?: number;
  /** With NATS: every event goes once to JetStream (its one delivery row, subscriber `jetstream`), not over HTTP. */
  bus?: JetStreamBus;
}

/** The one subscriber of a producer whose events go to JetStream (kit/jetstream.ts). */
export const JETSTREAM_SUBSCRIBER: Subscriber = { name: "jetstream", url: "nats:" };

export class EventRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private readonly owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly fetch: KeepAliveClient["fetch"];

  constructor(private readonly options: RelayOptions) {
    this.fetch = options.fetch ?? new KeepAliveClient().fetch;
  }

  start(): void {
    if (this.timer || !this.options.subscribers.length) return;
    const tick = () => {
      this.running = this.runOnce()
        .catch(error => this.options.logger.warn({ err: error }, "event relay round failed"))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.options.intervalMs ?? 500);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    const timer = this.timer;
    this.timer = undefined;
    if (timer) clearTimeout(timer);
    await this.running;
  }

  /**
   * One round: claim due deliveries in one statement, push each subscriber's in order (the
   * subscribers side by side), and record the outcome in one statement per subscriber. Returns
   * deliveries made. After a failure a subscriber's later events wait for the next round, so its
   * order survives; those claimed and not tried are released at once.
   */
  async runOnce(): Promise<number> {
    const { dataSource, clock } = this.options;
    const now = clock.now();
    const leaseUntil = new Date(now.getTime() + (this.options.leaseMs ?? 30_000));
    const repo = dataSource.getRepository(OutboxDelivery);
    const due = await repo
      .createQueryBuilder("d")
      .select(["d.eventId", "d.subscriber"])
      // Per-subscriber order: nothing overtakes an earlier event still waiting for its retry or
      // held by another relay replica. Each subscriber's barrier is its first such event, found
      // once per round (a NOT EXISTS per candidate made a round quadratic in the backlog).
      .leftJoin(
        barrier =>
          barrier
            .select("h.subscriber", "subscriber")
            .addSelect("MIN(h.event_seq)", "barrier")
            .from(OutboxDelivery, "h")
            .where("h.status = 'PENDING' AND (h.next_attempt_at > :now OR h.lease_until >= :now)", { now: sqlTime(now) })
            .groupBy("h.subscriber"),
        "b",
        "b.subscriber = d.subscriber",
      )
      .where("d.status = 'PENDING' AND d.next_attempt_at <= :now", { now: sqlTime(now) })
      .andWhere("(d.lease_until IS NULL OR d.lease_until < :now)", { now: sqlTime(now) })
      .andWhere("(b.barrier IS NULL OR d.event_seq < b.barrier)")
      .orderBy("d.event_seq", "ASC")
      .limit(this.options.batchSize ?? 50)
      .getMany();
    if (!due.length) return 0;
    // A claim token of this round: the rows it set are the ones this relay may push.
    const token = `${this.owner}:${randomUUID().slice(0, 8)}`;
    await repo
      .createQueryBuilder()
      .update(OutboxDelivery)
      .set({ leaseOwner: token, leaseUntil })
      .where("status = 'PENDING' AND (lease_until IS NULL OR lease_until < :now)", { now: sqlTime(now) })
      .andWhere(new Brackets(qb => due.forEach((d, i) => qb.orWhere(`(event_id = :e${i} AND subscriber = :s${i})`, { [`e${i}`]: d.eventId, [`s${i}`]: d.subscriber }))))
      .execute();
    const claimed = await repo.find({ where: { leaseOwner: token }, order: { eventSeq: "ASC" } });
    if (!claimed.length) return 0;
    const events = new Map(
      (await dataSource.getRepository(OutboxEvent).createQueryBuilder("e").where("e.id IN (:...ids)", { ids: [...new Set(claimed.map(d => d.eventId))] }).getMany()).map(e => [e.id, e]),
    );
    const bySubscriber = new Map<string, OutboxDelivery[]>();
    for (const d of claimed) bySubscriber.set(d.subscriber, [...(bySubscriber.get(d.subscriber) ?? []), d]);
    const delivered = await Promise.all([...bySubscriber].map(([name, deliveries]) => this.pushInOrder(name, deliveries, events, token)));
    return delivered.reduce((a, b) => a + b, 0);
  }

  /** One subscriber's claimed deliveries, in order, until the first failure. */
  private async pushInOrder(name: string, deliveries: OutboxDelivery[], events: Map<string, OutboxEvent>, token: string): Promise<number> {
    const { dataSource, clock } = this.options;
    const repo = dataSource.getRepository(OutboxDelivery);
    const subscriber = this.options.subscribers.find(s => s.name === name);
    const done: string[] = [];
    let failed: { delivery: OutboxDelivery; error: Error } | undefined;
    for (const delivery of deliveries) {
      try {
        if (!subscriber) throw new Error(`subscriber ${name} is not configured`);
        await this.push(subscriber, events.get(delivery.eventId)!);
        done.push(delivery.eventId);
        this.options.onAttempt?.(name, "delivered");
      } catch (error) {
        failed = { delivery, error: error as Error };
        this.options.onAttempt?.(name, "failed");
        break;
      }
    }
    if (done.length) {
      await repo
        .createQueryBuilder()
        .update(OutboxDelivery)
        .set({ status: "DELIVERED", deliveredAt: clock.now(), attempts: () => "attempts + 1", leaseOwner: null, leaseUntil: null, lastError: null })
        .where("subscriber = :name AND lease_owner = :token AND event_id IN (:...ids)", { name, token, ids: done })
        .execute();
    }
    if (failed) {
      const { delivery, error } = failed;
      const event = events.get(delivery.eventId)!;
      const attempts = delivery.attempts + 1;
      const lastError = String(error.message).slice(0, 500);
      if (attempts >= (this.options.maxAttempts ?? 12)) {
        await this.park(delivery, event, attempts, lastError);
        this.options.logger.error({ event: event.id, type: event.type, subscriber: name, attempts, err: error.message }, "event delivery failed too often: parked as a dead letter");
      } else {
        const backoff = Math.min(1000 * 2 ** Math.min(attempts - 1, 20), this.options.maxBackoffMs ?? 300_000);
        await repo.update(
          { eventId: delivery.eventId, subscriber: name },
          { attempts, nextAttemptAt: new Date(clock.now().getTime() + backoff), leaseOwner: null, leaseUntil: null, lastError },
        );
        this.options.logger.warn({ event: event.id, type: event.type, subscriber: name, attempts, err: error.message }, "event delivery failed; will retry");
      }
      // The ones after it were claimed but not tried: free for the next round.
      await repo.createQueryBuilder().update(OutboxDelivery).set({ leaseOwner: null, leaseUntil: null }).where("subscriber = :name AND lease_owner = :token", { name, token }).execute();
    }
    return done.length;
  }

  /** The delivery is DEAD (it no longer holds back the subscriber's later events) and a dead letter says why, together. */
  private async park(delivery: OutboxDelivery, event: OutboxEvent, attempts: number, lastError: string): Promise<void> {
    const { dataSource, clock } = this.options;
    await transaction(dataSource, async m => {
      await m.update(OutboxDelivery, { eventId: delivery.eventId, subscriber: delivery.subscriber }, { status: "DEAD", leaseOwner: null, leaseUntil: null });
      await m.insert(DeadLetterRecord, {
        id: randomUUID(),
        direction: "OUTGOING",
        eventId: event.id,
        type: event.type,
        producer: this.options.producer,
        subscriber: delivery.subscriber,
        envelope: this.envelopeOf(event) as never,
        attempts,
        lastError,
        parkedAt: clock.now(),
        status: "PARKED",
        resolvedAt: null,
        resolvedBy: null,
      });
    });
  }

  private envelopeOf(event: OutboxEvent): EventEnvelope {
    return { id: event.id, type: event.type, producer: this.options.producer, aggregateId: event.aggregateId, occurredAt: new Date(event.occurredAt).toISOString(), payload: event.payload };
  }

  private async push(subscriber: Subscriber, event: OutboxEvent): Promise<void> {
    const envelope = this.envelopeOf(event);
    const bus = this.options.bus;
    const send = async () => {
      if (bus) {
        await bus.publish(envelope, traceHeaders().traceparent);
        return;
      }
      const token = await signPrincipal(servicePrincipal(this.options.producer), this.options.secret, subscriber.name);
      const response = await this.fetch(subscriber.url, {
        method: "POST",
        // The delivery's own span (or the publishing request's traceparent when tracing is off) is the consumer's parent.
        headers: { "content-type": "application/json", [PRINCIPAL_HEADER]: token, ...traceHeaders() },
        body: JSON.stringify(envelope),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status} from ${subscriber.name}`);
    };
    const tracing = this.options.tracing;
    if (!tracing || !event.traceContext) return send();
    await tracing.span(
      `deliver ${event.type}`,
      { kind: SpanKind.PRODUCER, parent: extractContext({ traceparent: event.traceContext }), attributes: { "messaging.message.id": event.id, "messaging.destination.name": event.type, "event.subscriber": subscriber.name } },
      send,
    );
  }
}

export type EventHandler = (manager: EntityManager, event: EventEnvelope) => Promise<void>;

/**
 * The receiving side: `POST /events`, signed by a service principal. The processed-event row
 * and the handler's effect commit together, so a redelivery changes nothing.
 */
export function createEventReceiver(options: {
  /** The receiving subgraph: the audience its event deliveries are signed for. */
  name: string;
  dataSource: DataSource;
  handlers: Record<string, EventHandler>;
  secret: Uint8Array;
  clock: Clock;
  logger: Logger;
  /** A span around each event's handling, under the delivery's traceparent (kit/tracing.ts). */
  tracing?: Tracing;
}): RouteHandler {
  return async (req: IncomingMessage, body: unknown) => {
    const principal = await verifyPrincipal(headerValue(req, PRINCIPAL_HEADER), options.secret, options.name);
    if (!principal || principal.kind !== "SERVICE") {
      return { status: 401, body: { error: "UNSIGNED_REQUEST" } };
    }
    const event = body as EventEnvelope;
    if (!event || typeof event.id !== "string" || typeof event.type !== "string") {
      return { status: 400, body: { error: "BAD_EVENT" } };
    }
    const handler = options.handlers[event.type];
    const process = () => processOnce(options.dataSource, event, handler, options.clock);
    const outcome = options.tracing
      ? await options.tracing.span(`handle ${event.type}`, { kind: SpanKind.CONSUMER, attributes: { "messaging.message.id": event.id, "messaging.destination.name": event.type, "event.producer": event.producer } }, async span => {
          const result = await process();
          span.setAttribute("event.outcome", result);
          return result;
        })
      : await process();
    options.logger.info({ event: event.id, type: event.type, producer: event.producer, outcome }, "event received");
    return { status: 200, body: { outcome } };
  };
}

/** Applies an event at most once. Returns what happened, for logs and tests. */
export async function processOnce(
  dataSource: DataSource,
  event: EventEnvelope,
  handler: EventHandler | undefined,
  clock: Clock,
): Promise<"PROCESSED" | "DUPLICATE" | "IGNORED"> {
  try {
    return await transaction(dataSource, async manager => {
      const seen = await manager.findOneBy(ProcessedEvent, { eventId: event.id });
      if (seen) return "DUPLICATE" as const;
      // The insert comes first: a concurrent delivery of the same event fails on the primary key
      // and rolls back its own effect.
      await manager.insert(ProcessedEvent, { eventId: event.id, type: event.type, producer: event.producer ?? "unknown", processedAt: clock.now() });
      if (!handler) return "IGNORED" as const;
      await handler(manager, event);
      return "PROCESSED" as const;
    });
  } catch (error) {
    const seen = await dataSource.getRepository(ProcessedEvent).findOneBy({ eventId: event.id });
    if (seen) return "DUPLICATE";
    throw error;
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
