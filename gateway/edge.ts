import type { IncomingMessage } from "node:http";
import { GraphQLError } from "graphql";
import { HttpAnswer, HttpError, Principal } from "../subgraphs/kit/gateway-side";
import { callerKindOf, CallerKind, LimitExceeded, OperationLimiter } from "./limits";
import { BucketSettings, RateLimiter, RateLimits } from "./rate-limit";
import type { GatewayContext } from "./subgraph-source";
import { TrustedDocumentError, TrustedDocuments } from "./trusted-documents";

/**
 * What the gateway does with a GraphQL request between authentication and execution (issue 12),
 * in this order: the caller's rate limit, its trusted documents, the operation's limits, and the
 * sharing of one execution among identical concurrent queries. Every refusal is a typed error
 * answered in milliseconds, before any subgraph is asked.
 */

export interface EdgeOptions {
  limiter: OperationLimiter;
  rateLimiter: RateLimiter;
  rateLimits: RateLimits;
  trusted: TrustedDocuments;
  /** Identical concurrent queries of one principal run once (`GATEWAY_DEDUP`, on by default). */
  dedup: boolean;
  /** Operations executing at once; the others wait their turn in arrival order. 0: no bound. */
  maxConcurrentOperations: number;
  /** Told each refusal's code (kit/metrics.ts). */
  onRefused?: (code: string) => void;
}

export interface EdgeStats {
  /** Requests answered by another identical request in flight. */
  shared: number;
  executed: number;
  refused: Record<string, number>;
}

interface OperationParams {
  query?: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
  documentId?: string;
}

export type Around = (req: IncomingMessage, body: unknown, context: GatewayContext, execute: () => Promise<HttpAnswer>) => Promise<HttpAnswer>;

/** Throws the HttpError a request would get (RATE_LIMITED, OPERATION_LIMIT_EXCEEDED, ...) when a stream may not open. */
export type AdmitStream = (req: IncomingMessage, principal: Principal, params: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null }) => Promise<void>;

export function createEdge(options: EdgeOptions): { around: Around; admitStream: AdmitStream; stats: EdgeStats } {
  const stats: EdgeStats = { shared: 0, executed: 0, refused: {} };
  const inFlight = new Map<string, Promise<HttpAnswer>>();
  const refuse = (error: HttpError): never => {
    stats.refused[error.code] = (stats.refused[error.code] ?? 0) + 1;
    options.onRefused?.(error.code);
    throw error;
  };

  const around: Around = async (req, body, context, execute) => {
    const kind = callerKindOf(context.principal.kind);
    const bucket = options.rateLimits[kind];
    if (bucket) {
      const verdict = await options.rateLimiter.take(bucketOf(kind, context.principal, req), bucket);
      if (!verdict.allowed) refuse(rateLimited(kind, bucket, verdict.retryAfterMs));
    }

    const params = paramsOf(req, body);
    if (!params) return run(execute);
    const hash = documentHash(params);
    try {
      const registered = options.trusted.resolve(context.principal.kind === "API_APPLICATION" ? context.principal.applicationId : undefined, hash, params.query);
      if (hash !== undefined) {
        if (req.method !== "POST") refuse(new HttpError(400, "PERSISTED_DOCUMENT_NOT_FOUND", "Send registered operations by POST."));
        // The body Apollo Server executes is this object: run the registered text, with no hash.
        const target = body as OperationParams;
        target.query = registered;
        delete target.documentId;
        if (target.extensions) delete target.extensions.persistedQuery;
        params.query = registered;
      }
    } catch (error) {
      if (error instanceof TrustedDocumentError) refuse(new HttpError(error.status, error.code, error.message));
      throw error;
    }
    if (typeof params.query !== "string") return run(execute);

    let operationType: string;
    try {
      operationType = options.limiter.check(kind, params.query, params.operationName, params.variables).operation.operation;
    } catch (error) {
      if (error instanceof LimitExceeded) refuse(new HttpError(400, error.code, error.message, error.extensions));
      // A document that does not parse: Apollo Server answers it in its usual way.
      if (error instanceof GraphQLError) return run(execute);
      throw error;
    }

    if (!options.dedup || operationType !== "query") return run(execute);
    // Everything the answer depends on: who asks, and exactly what.
    const key = `${context.principalKey}\u0000${params.operationName ?? ""}\u0000${params.query}\u0000${JSON.stringify(params.variables ?? null)}\u0000${JSON.stringify(params.extensions ?? null)}`;
    const pending = inFlight.get(key);
    if (pending) {
      stats.shared += 1;
      return pending;
    }
    const answer = run(execute).finally(() => inFlight.delete(key));
    inFlight.set(key, answer);
    return answer;
  };

  /**
   * A subscription stream (gateway/subscriptions.ts) passes the same gates as a request before it
   * opens: the caller's rate limit, trusted documents, and the operation limits (each event's
   * federated query is the subscription's own selection, so it is checked once, here).
   */
  const admitStream: AdmitStream = async (req, principal, params) => {
    const kind = callerKindOf(principal.kind);
    const bucket = options.rateLimits[kind];
    if (bucket) {
      const verdict = await options.rateLimiter.take(bucketOf(kind, principal, req), bucket);
      if (!verdict.allowed) refuse(rateLimited(kind, bucket, verdict.retryAfterMs));
    }
    try {
      options.trusted.resolve(principal.kind === "API_APPLICATION" ? principal.applicationId : undefined, undefined, params.query);
      options.limiter.check(kind, params.query, params.operationName ?? undefined, params.variables ?? undefined);
    } catch (error) {
      if (error instanceof TrustedDocumentError) refuse(new HttpError(error.status, error.code, error.message));
      if (error instanceof LimitExceeded) refuse(new HttpError(400, error.code, error.message, error.extensions));
      // A document that does not parse: graphql-sse answers it in its usual way.
      if (error instanceof GraphQLError) return;
      throw error;
    }
  };

  const slots = new Slots(options.maxConcurrentOperations);
  const run = async (execute: () => Promise<HttpAnswer>) => {
    stats.executed += 1;
    await slots.acquire();
    try {
      const answer = await execute();
      // Encoded once, here: a shared answer goes to several callers, and even a single large string
      // costs more through the socket's string path (a fresh native allocation per write, measured)
      // than as bytes.
      answer.bytes = Buffer.from(answer.body);
      return answer;
    } finally {
      slots.release();
    }
  };
  return { around, admitStream, stats };
}

/** One bucket per partner application, portal user, officer, or anonymous address. */
function bucketOf(kind: CallerKind, principal: Principal, req: IncomingMessage): string {
  switch (kind) {
    case "partnerApplication":
      return `app:${principal.applicationId ?? principal.subject}`;
    case "portalUser":
      return `user:${principal.subject}`;
    case "officer":
      return `officer:${principal.subject}`;
    default:
      return `ip:${req.socket.remoteAddress ?? "unknown"}`;
  }
}

function rateLimited(kind: CallerKind, bucket: BucketSettings, retryAfterMs: number): HttpError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new HttpError(
    429,
    "RATE_LIMITED",
    `Too many requests: ${bucket.capacity} at once and ${bucket.refillPerSecond} per second are allowed; retry in ${seconds} s.`,
    { callerKind: kind, retryAfterSeconds: seconds, retryAfterMs, capacity: bucket.capacity, refillPerSecond: bucket.refillPerSecond },
    { "retry-after": String(seconds) },
  );
}

/** The operation of a POST body or a GET query string; undefined for a batch or nothing usable. */
function paramsOf(req: IncomingMessage, body: unknown): OperationParams | undefined {
  if (req.method === "GET") {
    const search = new URL(req.url ?? "/", "http://localhost").searchParams;
    const json = (name: string) => {
      const value = search.get(name);
      if (value === null) return undefined;
      try {
        return JSON.parse(value) as Record<string, unknown>;
      } catch {
        return undefined;
      }
    };
    return { query: search.get("query") ?? undefined, operationName: search.get("operationName") ?? undefined, variables: json("variables"), extensions: json("extensions"), documentId: search.get("documentId") ?? undefined };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  return {
    query: typeof b.query === "string" ? b.query : undefined,
    operationName: typeof b.operationName === "string" ? b.operationName : undefined,
    variables: typeof b.variables === "object" && b.variables !== null ? (b.variables as Record<string, unknown>) : undefined,
    extensions: typeof b.extensions === "object" && b.extensions !== null ? (b.extensions as Record<string, unknown>) : undefined,
    documentId: typeof b.documentId === "string" ? b.documentId : undefined,
  };
}

/** `documentId` ("sha256:<hex>" or "<hex>") or Apollo's `extensions.persistedQuery.sha256Hash`. */
function documentHash(params: OperationParams): string | undefined {
  if (params.documentId) return params.documentId.replace(/^sha256:/i, "");
  const persisted = params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
  return typeof persisted?.sha256Hash === "string" ? persisted.sha256Hash : undefined;
}

/**
 * A bound on the operations executing at once, first come first served. On a saturated core,
 * running every arrived operation at once only interleaves them: each takes as long as all of
 * them together, and everything it allocated survives long enough to reach the old generation,
 * where collecting it is dear. Run a few at a time, and they finish sooner, their garbage dies
 * young, and the heap stays small; the waiting ones hold only their request.
 */
class Slots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly max: number) {}

  acquire(): Promise<void> | void {
    if (this.max <= 0 || this.running < this.max) {
      this.running += 1;
      return;
    }
    return new Promise<void>(resolve => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the next in line.
    if (next) next();
    else this.running -= 1;
  }
}
