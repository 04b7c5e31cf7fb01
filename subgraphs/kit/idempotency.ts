import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { getOperationAST, Kind, parse } from "graphql";
import { Column, DataSource, Entity, EntityManager, Index, LessThan, PrimaryColumn } from "typeorm";
import type { Clock } from "./clock";
import type { HttpAnswer } from "./http";
import type { Logger } from "./logger";
import type { Principal } from "./principal";
import type { ScheduledJob } from "./jobs";
import { withRequestTransactionHooks } from "./transaction";
import { checkIdempotencyKey, IDEMPOTENCY_HEADER } from "./idempotency-key";

export { checkIdempotencyKey, IDEMPOTENCY_HEADER };

/**
 * Safe retries (issue 7). Partner software retries a mutation after a timeout without knowing
 * whether the first attempt was applied. It sends an `Idempotency-Key` header (the gateway
 * forwards it to each subgraph); within the key's lifetime:
 *
 * - the same key with the same operation and variables returns the first response, and applies
 *   nothing a second time;
 * - the same key with another operation or other variables is refused (IDEMPOTENCY_KEY_REUSED);
 * - while the first attempt is still running, a retry is told to wait (IDEMPOTENCY_KEY_IN_FLIGHT,
 *   retryable).
 *
 * The key is recorded in the subgraph's own database, as the first statement of the mutation's
 * transaction, so key and effect commit together or not at all: an attempt that failed leaves no
 * key, and a retry runs it again. Every replica sees the same keys. Keys are kept per principal
 * (one partner's key never answers another's request) for `IDEMPOTENCY_KEY_TTL_HOURS` (default and
 * minimum 24). Anonymous requests carry no key: their responses (fresh access tokens) are no one's
 * to replay. A mutation whose result holds secrets shown once (API keys, ID-R23) is applied once,
 * but its response is not stored: a retry learns that it was applied (IDEMPOTENT_RESULT_NOT_REPLAYABLE).
 */
const MAX_STORED_RESPONSE_BYTES = 60_000;

@Entity("idempotency_key")
@Index("IDX_idempotency_key_expires", ["expiresAt"])
export class IdempotencyRecord {
  /** Who sent it: `<principal kind>:<application id or subject>`. */
  @PrimaryColumn({ type: "varchar", length: 200 })
  scope: string;

  @PrimaryColumn({ type: "varchar", length: 128, name: "idem_key" })
  key: string;

  /** SHA-256 of the operation, its name and its variables (keys sorted). */
  @Column({ type: "varchar", length: 64 })
  fingerprint: string;

  /** The first response, as sent; null while it is being produced, or when it may not be replayed. */
  @Column({ type: "text", nullable: true })
  response: string | null;

  @Column({ type: "boolean" })
  replayable: boolean;

  @Column({ type: "datetime", precision: 3, name: "created_at" })
  createdAt: Date;

  @Column({ type: "datetime", precision: 3, name: "expires_at" })
  expiresAt: Date;
}

export function idempotencyTtlHours(env: NodeJS.ProcessEnv = process.env): number {
  const hours = Number(env.IDEMPOTENCY_KEY_TTL_HOURS ?? 24);
  if (!Number.isInteger(hours) || hours < 24 || hours > 24 * 30) throw new Error(`IDEMPOTENCY_KEY_TTL_HOURS must be an integer from 24 to 720, not '${env.IDEMPOTENCY_KEY_TTL_HOURS}'`);
  return hours;
}


function scopeOf(principal: Principal): string | undefined {
  if (principal.kind === "ANONYMOUS" || principal.kind === "SERVICE") return undefined;
  return `${principal.kind}:${principal.applicationId ?? principal.subject ?? ""}`.slice(0, 200);
}

/** JSON with object keys sorted, so that a retry's variables hash alike whatever their order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value as object)
      .sort()
      .map(k => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

function refusal(status: number, code: string, message: string, extra: Record<string, unknown> = {}): HttpAnswer {
  return { status, headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify({ data: null, errors: [{ message, extensions: { code, ...extra } }] }) };
}

export interface IdempotencyOptions {
  dataSource: DataSource;
  clock: Clock;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  /** Mutations whose response holds secrets shown once: applied once, never replayed. */
  secretResults?: string[];
}

export class Idempotency {
  private readonly ttlMs: number;
  private readonly secretResults: Set<string>;

  constructor(private readonly options: IdempotencyOptions) {
    this.ttlMs = idempotencyTtlHours(options.env) * 3600_000;
    this.secretResults = new Set(options.secretResults ?? []);
  }

  /**
   * Runs a GraphQL request: as is without a key (or for a query, or an anonymous caller), else as
   * described above. `execute` produces the response; it is called at most once.
   */
  async around(req: IncomingMessage, body: unknown, principal: Principal, execute: () => Promise<HttpAnswer>): Promise<HttpAnswer> {
    const header = req.headers[IDEMPOTENCY_HEADER];
    const key = Array.isArray(header) ? header[0] : header;
    if (key === undefined) return execute();
    const invalid = checkIdempotencyKey(key);
    if (invalid) return refusal(400, "IDEMPOTENCY_KEY_INVALID", invalid);
    const scope = scopeOf(principal);
    const request = body as { query?: unknown; variables?: unknown; operationName?: unknown } | undefined;
    const mutationFields = this.mutationFields(request);
    if (!scope || !mutationFields) return execute();
    const fingerprint = createHash("sha256")
      .update(canonical({ query: request!.query, operationName: request!.operationName ?? null, variables: request!.variables ?? {} }))
      .digest("hex");
    const repo = this.options.dataSource.getRepository(IdempotencyRecord);
    const now = this.options.clock.now();
    // An expired key is free again (the purge job may not have run yet).
    await repo.delete({ scope, key, expiresAt: LessThan(now) });
    const earlier = await repo.findOneBy({ scope, key });
    if (earlier) return this.answerFrom(earlier, fingerprint);

    const replayable = !mutationFields.some(f => this.secretResults.has(f));
    const claim = { claimed: false, conflict: false };
    const record = (m: EntityManager) =>
      m.insert(IdempotencyRecord, { scope, key, fingerprint, response: null, replayable, createdAt: now, expiresAt: new Date(now.getTime() + this.ttlMs) });
    const hooks = new Map([
      [
        this.options.dataSource,
        {
          // The first transaction of the request records the key before anything else: a parallel
          // request with the same key waits on it, then finds it taken.
          onBegin: async (m: EntityManager) => {
            if (claim.claimed || claim.conflict) return;
            try {
              await record(m);
              claim.claimed = true;
            } catch (error) {
              claim.conflict = true;
              throw error;
            }
          },
          onRollback: () => {
            claim.claimed = false;
          },
        },
      ],
    ]);
    const answer = await withRequestTransactionHooks(hooks, execute);
    if (claim.conflict) {
      const first = await repo.findOneBy({ scope, key });
      return first ? this.answerFrom(first, fingerprint) : refusal(409, "IDEMPOTENCY_KEY_IN_FLIGHT", "A request with this Idempotency-Key is being processed; retry shortly.", { retryable: true });
    }
    if (claim.claimed && replayable) {
      try {
        // A TEXT column holds 64 KiB: a larger response is applied once but not replayed.
        const fits = Buffer.byteLength(answer.body) <= MAX_STORED_RESPONSE_BYTES;
        await repo.update({ scope, key }, fits ? { response: answer.body } : { replayable: false });
      } catch (error) {
        // The effect is committed; a retry will be told so instead of replaying.
        this.options.logger.error({ err: error, scope }, "could not record an idempotent response");
      }
    }
    return answer;
  }

  /** The purge job: keys past their lifetime go (in batches, by every replica, harmlessly twice). */
  purgeJob(): ScheduledJob {
    return {
      name: "idempotency-keys-purge",
      run: async now => {
        const result = await this.options.dataSource.getRepository(IdempotencyRecord).delete({ expiresAt: LessThan(now) });
        return result.affected ?? 0;
      },
    };
  }

  private answerFrom(earlier: IdempotencyRecord, fingerprint: string): HttpAnswer {
    if (earlier.fingerprint !== fingerprint) {
      return refusal(422, "IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used for another request; use a new key for a new request.");
    }
    if (earlier.response !== null) {
      return { status: 200, headers: { "content-type": "application/json; charset=utf-8", "idempotent-replayed": "true" }, body: earlier.response };
    }
    if (!earlier.replayable) {
      return refusal(409, "IDEMPOTENT_RESULT_NOT_REPLAYABLE", "This request was applied once; its response is not sent again: it holds secrets shown only once (API keys, ID-R23, ePortal step 5) or is too large to keep. Read the current state instead.", {
        rule: "ID-R23",
        article: "ePortal step 5",
      });
    }
    return refusal(409, "IDEMPOTENCY_KEY_IN_FLIGHT", "A request with this Idempotency-Key was applied and its response is being recorded; retry shortly.", { retryable: true });
  }

  /** The top-level fields of the request's operation if it is a mutation, else undefined. */
  private mutationFields(request: { query?: unknown; operationName?: unknown } | undefined): string[] | undefined {
    if (!request || typeof request.query !== "string") return undefined;
    try {
      const op = getOperationAST(parse(request.query), typeof request.operationName === "string" ? request.operationName : undefined);
      if (!op || op.operation !== "mutation") return undefined;
      return op.selectionSet.selections.flatMap(s => (s.kind === Kind.FIELD ? [s.name.value] : []));
    } catch {
      return undefined;
    }
  }
}
