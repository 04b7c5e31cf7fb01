import { AckPolicy, connect, ConsumerMessages, DeliverPolicy, headers as natsHeaders, JetStreamClient, JetStreamManager, JsMsg, nanos, NatsConnection, RetentionPolicy, StorageType } from "nats";
import type { EventEnvelope } from "./events";
import type { Logger } from "./logger";

/**
 * Events on NATS JetStream (issue 14), for graphs that run as many replicas on many machines.
 * With `NATS_URL` set, each subgraph's outbox relay publishes every event once to one stream
 * (`EVENT_STREAM`, default `CUSTOMS_EVENTS`) on the subject `<EVENT_SUBJECT_PREFIX>.<type>`
 * (default `customs.events.<type>`), with the event id as the message id, so that a republished
 * event (a relay that died after publishing, before recording it) is dropped by the stream's
 * duplicate window. Each consuming subgraph reads through a durable pull consumer named after it,
 * shared by its replicas, one message in flight at a time so that its events are applied in
 * publish order, and acknowledges a message only after the transaction that records the event as
 * processed has committed (kit/events.ts `processOnce`). The transactional outbox and the
 * idempotent receiver are the same as over HTTP; only the wire changes.
 */
export interface JetStreamSettings {
  url: string;
  stream: string;
  subjectPrefix: string;
  /** How long the stream drops a message whose id it has seen. */
  duplicateWindowMs: number;
  /** How long the stream keeps an event. */
  maxAgeMs: number;
}

export function jetStreamSettings(env: NodeJS.ProcessEnv = process.env): JetStreamSettings | undefined {
  if (!env.NATS_URL) return undefined;
  const stream = env.EVENT_STREAM || "CUSTOMS_EVENTS";
  const subjectPrefix = env.EVENT_SUBJECT_PREFIX || "customs.events";
  if (!/^[A-Za-z0-9_-]+$/.test(stream)) throw new Error(`EVENT_STREAM must be letters, digits, '_' or '-', not '${stream}'`);
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(subjectPrefix)) throw new Error(`EVENT_SUBJECT_PREFIX must be dot-separated tokens, not '${subjectPrefix}'`);
  return { url: env.NATS_URL, stream, subjectPrefix, duplicateWindowMs: 2 * 60_000, maxAgeMs: 7 * 24 * 3600_000 };
}

/** What a consumer did with one message. */
export type Disposition = { ack: true } | { ack: false; retryInMs: number };

export interface ConsumeOptions {
  /** The durable consumer: the consuming subgraph's name (its replicas share it). */
  durable: string;
  /** Applies one event; says whether to acknowledge it or have it redelivered later. */
  handle(envelope: EventEnvelope, delivery: { attempt: number; traceparent?: string }): Promise<Disposition>;
}

export class JetStreamBus {
  private consumers: ConsumerMessages[] = [];
  private loops: Promise<void>[] = [];

  private constructor(
    readonly settings: JetStreamSettings,
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly logger: Logger,
  ) {}

  /** Connects and makes sure the stream exists (every replica may create it; the first wins). */
  static async connect(settings: JetStreamSettings, logger: Logger, name = "customs-graph"): Promise<JetStreamBus> {
    const nc = await connect({ servers: settings.url, name, maxReconnectAttempts: -1 });
    const jsm = await nc.jetstreamManager();
    const config = {
      name: settings.stream,
      subjects: [`${settings.subjectPrefix}.>`],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      duplicate_window: nanos(settings.duplicateWindowMs),
      max_age: nanos(settings.maxAgeMs),
    };
    try {
      await jsm.streams.info(settings.stream);
    } catch {
      await jsm.streams.add(config).catch(async error => {
        // Another replica created it meanwhile.
        await jsm.streams.info(settings.stream).catch(() => {
          throw error;
        });
      });
    }
    return new JetStreamBus(settings, nc, nc.jetstream(), jsm, logger);
  }

  subjectOf(type: string): string {
    return `${this.settings.subjectPrefix}.${type}`;
  }

  /** Publishes one event; resolves once the stream has stored it (or knew it already). */
  async publish(envelope: EventEnvelope, traceparent?: string): Promise<{ duplicate: boolean }> {
    const h = natsHeaders();
    if (traceparent) h.set("traceparent", traceparent);
    const ack = await this.js.publish(this.subjectOf(envelope.type), JSON.stringify(envelope), { msgID: envelope.id, headers: h });
    return { duplicate: ack.duplicate };
  }

  /**
   * Reads the stream through the durable consumer `durable`, one message at a time, until
   * `close`. A message the handler could not apply is redelivered after the delay it asks for.
   */
  async consume(options: ConsumeOptions): Promise<void> {
    const durable = options.durable.replace(/[^A-Za-z0-9_-]/g, "_");
    try {
      await this.jsm.consumers.info(this.settings.stream, durable);
    } catch {
      await this.jsm.consumers.add(this.settings.stream, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: `${this.settings.subjectPrefix}.>`,
        // One at a time across all replicas: events are applied in publish order.
        max_ack_pending: 1,
        ack_wait: nanos(30_000),
      });
    }
    const consumer = await this.js.consumers.get(this.settings.stream, durable);
    const messages = await consumer.consume({ max_messages: 1 });
    this.consumers.push(messages);
    this.loops.push(
      (async () => {
        for await (const message of messages) await this.deliver(message, options);
      })().catch(error => this.logger.error({ err: error, durable }, "event consumer stopped")),
    );
  }

  private async deliver(message: JsMsg, options: ConsumeOptions): Promise<void> {
    let envelope: EventEnvelope;
    try {
      envelope = JSON.parse(message.string()) as EventEnvelope;
    } catch {
      this.logger.warn({ subject: message.subject, seq: message.seq }, "not an event: dropped");
      message.term("not an event");
      return;
    }
    try {
      const disposition = await options.handle(envelope, { attempt: message.info.redeliveryCount, traceparent: message.headers?.get("traceparent") || undefined });
      if (disposition.ack) {
        await message.ackAck();
      } else message.nak(disposition.retryInMs);
    } catch (error) {
      this.logger.warn({ err: error, event: envelope.id }, "event handling failed; redelivered later");
      message.nak(1000);
    }
  }

  /** How many messages the durable consumer has not had acknowledged yet (tests, metrics). */
  async pending(durable: string): Promise<number> {
    const info = await this.jsm.consumers.info(this.settings.stream, durable.replace(/[^A-Za-z0-9_-]/g, "_"));
    return info.num_pending + info.num_ack_pending;
  }

  /** Core NATS subscription to some event types (at most once), for caches that only forget: the gateway. */
  listen(types: readonly string[], onEvent: (envelope: EventEnvelope) => void): void {
    for (const type of types) {
      const subscription = this.nc.subscribe(this.subjectOf(type));
      void (async () => {
        for await (const message of subscription) {
          try {
            onEvent(JSON.parse(message.string()) as EventEnvelope);
          } catch (error) {
            this.logger.warn({ err: error, subject: message.subject }, "event not understood");
          }
        }
      })();
    }
  }

  /** Stops consuming (the message in hand is finished first) and closes the connection. */
  async close(): Promise<void> {
    for (const messages of this.consumers.splice(0)) await messages.close();
    await Promise.all(this.loops.splice(0));
    await this.nc.drain().catch(() => this.nc.close());
  }

  /** Tests: removes the stream (and its consumers). */
  static async deleteStream(settings: JetStreamSettings): Promise<void> {
    const nc = await connect({ servers: settings.url });
    try {
      const jsm = await nc.jetstreamManager();
      await jsm.streams.delete(settings.stream).catch(() => false);
    } finally {
      await nc.close();
    }
  }
}
