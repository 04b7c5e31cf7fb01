import { randomUUID } from "node:crypto";
import { IsUUID } from "class-validator";
import { Arg, Args, Ctx, Directive, Field, ID, InputType, Int, Mutation, ObjectType, Query, registerEnumType, Resolver } from "type-graphql";
import { DataSource, EntityManager } from "typeorm";
import type { Clock } from "./clock";
import { DomainError, ForbiddenError, NotFoundError } from "./errors";
import { DeadLetterRecord, EventEnvelope, EventHandler, OutboxDelivery, processOnce } from "./events";
import { Connection, ConnectionArgs, ConnectionShape, mapConnection, paginate } from "./pagination";
import type { Principal } from "./principal";
import { transaction } from "./transaction";

/**
 * Dead letters (issue 14): events whose delivery (HTTP, on the producer's side) or handling
 * (JetStream, on the consumer's side) failed `EVENT_MAX_ATTEMPTS` times are parked with their last
 * error. Officers list them and replay or discard them through the graph. Each subgraph keeps its
 * own and answers for them under its own name (`identityDeadLetters`, `replayIdentityDeadLetter`,
 * ...): a federated graph has one owner per root field. DESIGN CHOICE (the sources are silent):
 * this is the directorate's IT operations, so officers with the DGD role.
 */
export const DEAD_LETTER_ROLES = ["DGD"] as const;

export enum DeadLetterDirection {
  OUTGOING = "OUTGOING",
  INCOMING = "INCOMING",
}
registerEnumType(DeadLetterDirection, {
  name: "DeadLetterDirection",
  description: "Which side gave up on the event.",
  valuesConfig: {
    OUTGOING: { description: "The producer could not deliver it to the subscriber over HTTP after its attempts." },
    INCOMING: { description: "The consumer could not apply it after its attempts (JetStream transport)." },
  },
});

export enum DeadLetterStatus {
  PARKED = "PARKED",
  REPLAYED = "REPLAYED",
  DISCARDED = "DISCARDED",
}
registerEnumType(DeadLetterStatus, {
  name: "DeadLetterStatus",
  description: "Where a dead letter stands.",
  valuesConfig: {
    PARKED: { description: "Waiting for an officer: nothing retries it." },
    REPLAYED: { description: "Sent again (outgoing) or applied (incoming) at an officer's request." },
    DISCARDED: { description: "Dropped by an officer: its effect will not happen." },
  },
});

@ObjectType({ description: "An event parked after its attempts ran out, with its last error (issue 14)." })
@Directive("@shareable")
export class DeadLetter {
  @Field(() => ID, { description: "Identifier of the dead letter (not the event's)." })
  id: string;

  @Field(() => DeadLetterDirection, { description: "Which side gave up." })
  direction: DeadLetterDirection;

  @Field({ description: "The event's id, as in every delivery of it." })
  eventId: string;

  @Field({ description: "The event type, e.g. `TaxationDecisionIssued` (DOMAIN.md §7)." })
  type: string;

  @Field({ description: "The subgraph that published it." })
  producer: string;

  @Field({ description: "Outgoing: the subscriber it could not reach; incoming: the subgraph that could not apply it." })
  subscriber: string;

  @Field(() => Int, { description: "Attempts made before it was parked." })
  attempts: number;

  @Field({ description: "The last attempt's error, at most 500 characters." })
  lastError: string;

  @Field({ description: "When it was parked." })
  parkedAt: Date;

  @Field(() => DeadLetterStatus, { description: "Parked, replayed or discarded." })
  status: DeadLetterStatus;

  @Field(() => Date, { nullable: true, description: "When an officer replayed or discarded it." })
  resolvedAt: Date | null;

  @Field(() => String, { nullable: true, description: "The officer who replayed or discarded it." })
  resolvedBy: string | null;

  @Field({ description: "The event's payload as JSON text, to judge what replaying it would do." })
  payload: string;
}

@ObjectType({ description: "The dead letter as it stands after the mutation." })
@Directive("@shareable")
export class DeadLetterPayload {
  @Field(() => DeadLetter, { description: "The dead letter, replayed or discarded." })
  deadLetter: DeadLetter;
}

@InputType({ description: "Which dead letter." })
export class DeadLetterInput {
  @Field(() => ID, { description: "The dead letter's id (`DeadLetter.id`)." })
  @IsUUID("4")
  id: string;
}

/** The kit's mutations every subgraph has (a subgraph's own mutation coverage leaves them to test/events.e2e.test.ts). */
export function isKitMutation(name: string): boolean {
  return /^(replay|discard)[A-Z][A-Za-z]*DeadLetter$/.test(name);
}

const DeadLetterConnection = Connection(DeadLetter, "DeadLetter", { order: "oldest parked first", shareable: true });

function toGraph(record: DeadLetterRecord): DeadLetter {
  return Object.assign(new DeadLetter(), {
    ...record,
    direction: record.direction as DeadLetterDirection,
    status: record.status as DeadLetterStatus,
    payload: JSON.stringify(record.envelope.payload),
  });
}

/** What a subgraph's dead-letter fields work with (in every request's context as `deadLetters`). */
export class DeadLetters {
  constructor(
    private readonly subgraph: string,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly handlers: Record<string, EventHandler>,
    /** Makes the relay deliver now what was set PENDING again. */
    private readonly kickRelay: () => void,
  ) {}

  private requireOfficer(principal: Principal): void {
    if (principal.kind !== "OFFICER" || !principal.officerRoles.some(r => (DEAD_LETTER_ROLES as readonly string[]).includes(r))) {
      throw new ForbiddenError(`Dead letters are for officers with one of the roles ${DEAD_LETTER_ROLES.join(", ")}.`, { requiredRoles: [...DEAD_LETTER_ROLES] });
    }
  }

  async list(principal: Principal, args: ConnectionArgs, status: DeadLetterStatus | null): Promise<ConnectionShape<DeadLetterRecord>> {
    this.requireOfficer(principal);
    const qb = this.dataSource.getRepository(DeadLetterRecord).createQueryBuilder("l");
    if (status) qb.where("l.status = :status", { status });
    return paginate(qb, args, { alias: "l", timeColumn: "parked_at", timeProperty: "parkedAt" });
  }

  /** Parks an event this consumer could not apply (JetStream). A second parking of the same event changes nothing. */
  async parkIncoming(envelope: EventEnvelope, attempts: number, error: unknown): Promise<void> {
    await this.dataSource
      .getRepository(DeadLetterRecord)
      .createQueryBuilder()
      .insert()
      .values({
        id: randomUUID(),
        direction: "INCOMING",
        eventId: envelope.id,
        type: envelope.type,
        producer: envelope.producer ?? "unknown",
        subscriber: this.subgraph,
        envelope: envelope as never,
        attempts,
        lastError: String((error as Error)?.message ?? error).slice(0, 500),
        parkedAt: this.clock.now(),
        status: "PARKED",
        resolvedAt: null,
        resolvedBy: null,
      })
      .orIgnore()
      .execute();
  }

  /**
   * Outgoing: the delivery is PENDING again with fresh attempts, and the relay sends it now.
   * Incoming: the event is applied now, at most once (kit/events.ts `processOnce`); if it fails
   * again the dead letter stays parked with the new error, and the refusal says why. Of parallel
   * replays of one dead letter one wins; the others get DEAD_LETTER_ALREADY_RESOLVED (a
   * compare-and-set on its status).
   */
  async replay(principal: Principal, id: string): Promise<DeadLetterRecord> {
    this.requireOfficer(principal);
    const letter = await this.claim(id);
    if (letter.direction === "INCOMING") {
      try {
        await processOnce(this.dataSource, letter.envelope, this.handlers[letter.type], this.clock);
      } catch (error) {
        await this.dataSource.getRepository(DeadLetterRecord).update({ id, status: "PARKED" }, { lastError: String((error as Error).message).slice(0, 500), attempts: letter.attempts + 1 });
        throw new DomainError("DEAD_LETTER_REPLAY_FAILED", `Applying the event failed again: ${(error as Error).message}`, { deadLetterId: id });
      }
    }
    const resolved = await this.resolve(principal, letter, "REPLAYED", m =>
      letter.direction === "OUTGOING"
        ? m.update(OutboxDelivery, { eventId: letter.eventId, subscriber: letter.subscriber }, { status: "PENDING", attempts: 0, nextAttemptAt: this.clock.now(), leaseOwner: null, leaseUntil: null, lastError: null })
        : undefined,
    );
    if (letter.direction === "OUTGOING") this.kickRelay();
    return resolved;
  }

  async discard(principal: Principal, id: string): Promise<DeadLetterRecord> {
    this.requireOfficer(principal);
    const letter = await this.claim(id);
    return this.resolve(principal, letter, "DISCARDED", m =>
      letter.direction === "OUTGOING" ? m.update(OutboxDelivery, { eventId: letter.eventId, subscriber: letter.subscriber }, { status: "DISCARDED", leaseOwner: null, leaseUntil: null }) : undefined,
    );
  }

  /** PARKED → `status` by compare-and-set, and what goes with it, in one transaction; the loser of a race is refused. */
  private async resolve(principal: Principal, letter: DeadLetterRecord, status: "REPLAYED" | "DISCARDED", alongside: (m: EntityManager) => Promise<unknown> | undefined): Promise<DeadLetterRecord> {
    return transaction(this.dataSource, async m => {
      const won = await m
        .createQueryBuilder()
        .update(DeadLetterRecord)
        .set({ status, resolvedAt: this.clock.now(), resolvedBy: principal.subject ?? null })
        .where("id = :id AND status = 'PARKED'", { id: letter.id })
        .execute();
      if (!won.affected) throw this.resolvedAlready(await m.findOneByOrFail(DeadLetterRecord, { id: letter.id }));
      await alongside(m);
      return m.findOneByOrFail(DeadLetterRecord, { id: letter.id });
    });
  }

  private async claim(id: string): Promise<DeadLetterRecord> {
    const letter = await this.dataSource.getRepository(DeadLetterRecord).findOneBy({ id });
    if (!letter) throw new NotFoundError("DeadLetter", id, "input.id");
    if (letter.status !== "PARKED") throw this.resolvedAlready(letter);
    return letter;
  }

  private resolvedAlready(letter: DeadLetterRecord): DomainError {
    return new DomainError("DEAD_LETTER_ALREADY_RESOLVED", `This dead letter was already ${letter.status.toLowerCase()} (${letter.resolvedAt?.toISOString() ?? ""}).`, { field: "input.id", status: letter.status });
  }
}

interface DeadLetterContext {
  principal: Principal;
  deadLetters: DeadLetters;
}

/**
 * The dead-letter fields of one subgraph, named after it (`<name>DeadLetters`,
 * `replay<Name>DeadLetter`, `discard<Name>DeadLetter`). Listed by `buildFederatedSchema` when it
 * is given the subgraph's name.
 */
export function deadLetterResolver(subgraph: string) {
  const Name = subgraph.charAt(0).toUpperCase() + subgraph.slice(1);

  @Resolver()
  class DeadLetterResolver {
    @Query(() => DeadLetterConnection, { name: `${subgraph}DeadLetters`, description: `Events ${subgraph} parked after their attempts ran out (issue 14), oldest first; officers with the DGD role (DESIGN CHOICE).` })
    async list(
      @Args(() => ConnectionArgs) args: ConnectionArgs,
      @Arg("status", () => DeadLetterStatus, { nullable: true, description: "Only those with this status; all when omitted." }) status: DeadLetterStatus | null,
      @Ctx() ctx: DeadLetterContext,
    ) {
      return mapConnection(await ctx.deadLetters.list(ctx.principal, args, status ?? null), toGraph);
    }

    @Mutation(() => DeadLetterPayload, { name: `replay${Name}DeadLetter`, description: `Sends a parked outgoing event of ${subgraph} again, or applies a parked incoming one now; the effect happens once (processed events are recorded). DEAD_LETTER_ALREADY_RESOLVED when it is no longer parked.` })
    async replay(@Arg("input", () => DeadLetterInput, { description: "Which dead letter." }) input: DeadLetterInput, @Ctx() ctx: DeadLetterContext): Promise<DeadLetterPayload> {
      return Object.assign(new DeadLetterPayload(), { deadLetter: toGraph(await ctx.deadLetters.replay(ctx.principal, input.id)) });
    }

    @Mutation(() => DeadLetterPayload, { name: `discard${Name}DeadLetter`, description: `Drops a parked event of ${subgraph}: its effect will not happen. DEAD_LETTER_ALREADY_RESOLVED when it is no longer parked.` })
    async discard(@Arg("input", () => DeadLetterInput, { description: "Which dead letter." }) input: DeadLetterInput, @Ctx() ctx: DeadLetterContext): Promise<DeadLetterPayload> {
      return Object.assign(new DeadLetterPayload(), { deadLetter: toGraph(await ctx.deadLetters.discard(ctx.principal, input.id)) });
    }
  }
  return DeadLetterResolver;
}
