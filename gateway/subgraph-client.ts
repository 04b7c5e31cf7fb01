import { Agent, request } from "undici";

/**
 * The gateway's HTTP client for subgraph fetches (issue 12): undici's keep-alive pool instead of
 * the make-fetch-happen / minipass-fetch / agent-base stack @apollo/gateway ships with, which a
 * profile showed at about 20 % of the gateway's CPU (agent-base builds an Error, and so a stack
 * trace, for every request).
 *
 * Identical concurrent requests can share one answer (Apollo Router's `deduplicate_query`): the
 * caller passes a key that names everything the answer depends on (subgraph, principal, body),
 * and only queries ever get one. What is shared is the answer's text; each waiter parses its own
 * copy, because @apollo/gateway merges later fetches into the objects of earlier ones.
 */

export interface SubgraphAnswer {
  status: number;
  contentType: string | undefined;
  cacheControl: string | undefined;
  text: string;
}

export interface SubgraphPostOptions {
  /** Set when identical concurrent requests may share one answer (queries only). */
  dedupKey?: string;
  /** Safe to send again once when the connection was reset before any answer (queries, or an idempotency key). */
  retryable: boolean;
}

export interface SubgraphClientStats {
  /** Requests written to a socket. */
  sent: number;
  /** Requests answered by another identical request in flight. */
  shared: number;
  /** Requests sent again after a reset connection. */
  retried: number;
}

export interface SubgraphClientOptions {
  /** Close a pooled connection idle this long (kit's HTTP_CLIENT_IDLE_MS). */
  idleMs: number;
  /** Bound on how long headers and body may take (the caller's own timeout answers first). */
  timeoutMs: number;
  /** Share identical concurrent requests. */
  dedup: boolean;
  /** Connections per subgraph origin. @default 128 */
  connections?: number;
}

/** A connection reset or closed under a request that got no answer. */
const RESET_CODES = new Set(["UND_ERR_SOCKET", "ECONNRESET", "EPIPE", "UND_ERR_CLOSED"]);

export class SubgraphClient {
  readonly stats: SubgraphClientStats = { sent: 0, shared: 0, retried: 0 };
  private readonly agent: Agent;
  private readonly inFlight = new Map<string, Promise<SubgraphAnswer>>();

  /** Whether identical concurrent requests share an answer (callers skip building keys otherwise). */
  get deduplicates(): boolean {
    return this.options.dedup;
  }

  constructor(private readonly options: SubgraphClientOptions) {
    // undici also honours the server's `Keep-Alive: timeout=` hint, closing a connection a
    // second before the server would, so requests are not written onto a closing socket.
    this.agent = new Agent({
      keepAliveTimeout: options.idleMs,
      keepAliveMaxTimeout: options.idleMs,
      connections: options.connections ?? 128,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  post(url: string, headers: Record<string, string>, body: string, options: SubgraphPostOptions): Promise<SubgraphAnswer> {
    if (!this.options.dedup || options.dedupKey === undefined) return this.sendWithRetry(url, headers, body, options.retryable);
    const pending = this.inFlight.get(options.dedupKey);
    if (pending) {
      this.stats.shared += 1;
      return pending;
    }
    const key = options.dedupKey;
    const sent = this.sendWithRetry(url, headers, body, options.retryable).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, sent);
    return sent;
  }

  async close(): Promise<void> {
    // Requests still out (a subgraph that hangs) are abandoned: their callers have been answered.
    await this.agent.destroy();
  }

  private async sendWithRetry(url: string, headers: Record<string, string>, body: string, retryable: boolean): Promise<SubgraphAnswer> {
    try {
      return await this.send(url, headers, body);
    } catch (error) {
      if (!retryable || !RESET_CODES.has((error as { code?: string }).code ?? "")) throw error;
      this.stats.retried += 1;
      return this.send(url, headers, body);
    }
  }

  private async send(url: string, headers: Record<string, string>, body: string): Promise<SubgraphAnswer> {
    this.stats.sent += 1;
    const response = await request(url, { dispatcher: this.agent, method: "POST", headers, body });
    const text = await response.body.text();
    return {
      status: response.statusCode,
      contentType: single(response.headers["content-type"]),
      cacheControl: single(response.headers["cache-control"]),
      text,
    };
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
