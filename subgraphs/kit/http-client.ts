import http from "node:http";
import https from "node:https";

/**
 * The one HTTP client between our processes (gateway → subgraphs, gateway → identity's principal
 * endpoint, event relay → subscribers), built so that a healthy peer is never reported down:
 *
 * - **Aligned keep-alive.** A server closes a connection that stayed idle for its keep-alive
 *   timeout; a client that reuses it at that moment gets "socket hang up" (ECONNRESET) for a
 *   request the server never read. So clients drop idle connections first: `HTTP_CLIENT_IDLE_MS`
 *   (default 4 s) is well below the servers' `HTTP_KEEP_ALIVE_TIMEOUT_MS` (default 65 s, kit/http.ts),
 *   as a load balancer's idle timeout sits below its upstreams'.
 * - **One retry when nothing was sent.** If a reused connection is reset before any response byte
 *   arrives, the peer closed it as idle and never processed the request (Node's documented
 *   `req.reusedSocket` pattern): the request is sent once more on a fresh connection. Any other
 *   failure is reported as it is.
 *
 * `fetch` returns a standard `Response`, so it plugs into Apollo's `RemoteGraphQLDataSource`.
 */
export interface KeepAliveClientOptions {
  /** Close a pooled connection after it was idle this long. @default HTTP_CLIENT_IDLE_MS, else 4000 */
  idleMs?: number;
  /** Connections per host. @default 256 */
  maxSockets?: number;
}

export const DEFAULT_CLIENT_IDLE_MS = 4000;

export function clientIdleMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.HTTP_CLIENT_IDLE_MS ?? DEFAULT_CLIENT_IDLE_MS);
  if (!Number.isInteger(ms) || ms < 100 || ms > 600_000) throw new Error(`HTTP_CLIENT_IDLE_MS must be an integer from 100 to 600000, not '${env.HTTP_CLIENT_IDLE_MS}'`);
  return ms;
}

type HeadersLike = Headers | Record<string, string> | Iterable<[string, string]> | undefined;

export interface ClientRequestInit {
  method?: string;
  headers?: HeadersLike;
  body?: string | Buffer | null;
  signal?: AbortSignal | null;
}

/** Counts, for tests and metrics: requests sent again after their reused connection was reset unread. */
export interface KeepAliveClientStats {
  requests: number;
  retriedAfterIdleReset: number;
}

export class KeepAliveClient {
  readonly stats: KeepAliveClientStats = { requests: 0, retriedAfterIdleReset: 0 };
  private readonly agents: { http: http.Agent; https: https.Agent };

  constructor(options: KeepAliveClientOptions = {}) {
    // `timeout` on a keep-alive agent closes a free socket after that much inactivity (Node's
    // Agent destroys free sockets on 'timeout'); an active request is not affected by it here,
    // because the callers bound their own requests.
    const agentOptions = { keepAlive: true, timeout: options.idleMs ?? DEFAULT_CLIENT_IDLE_MS, maxSockets: options.maxSockets ?? 256, scheduling: "lifo" as const };
    this.agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
  }

  /** A `fetch` bound to this client. */
  readonly fetch = async (input: string | URL, init: ClientRequestInit = {}): Promise<Response> => {
    try {
      return await this.send(new URL(String(input)), init);
    } catch (error) {
      if (!(error as { retryable?: boolean }).retryable || init.signal?.aborted) throw error;
      this.stats.retriedAfterIdleReset += 1;
      return this.send(new URL(String(input)), init);
    }
  };

  destroy(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private send(url: URL, init: ClientRequestInit): Promise<Response> {
    this.stats.requests += 1;
    const headers: Record<string, string> = {};
    new Headers(init.headers as ConstructorParameters<typeof Headers>[0]).forEach((value, key) => (headers[key] = value));
    const body = init.body ?? undefined;
    if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
    const transport = url.protocol === "https:" ? https : http;
    return new Promise<Response>((resolve, reject) => {
      const req = transport.request(url, {
        method: init.method ?? "GET",
        headers,
        agent: url.protocol === "https:" ? this.agents.https : this.agents.http,
        signal: init.signal ?? undefined,
      });
      let answered = false;
      req.on("response", res => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on("data", chunk => chunks.push(chunk as Buffer));
        res.on("error", reject);
        res.on("end", () => {
          const responseHeaders = new Headers();
          for (const [key, value] of Object.entries(res.headers)) {
            if (value === undefined) continue;
            for (const v of Array.isArray(value) ? value : [value]) responseHeaders.append(key, v);
          }
          const status = res.statusCode ?? 500;
          // A Response with a body must not have a null-body status (204, 304).
          const payload = status === 204 || status === 304 ? null : Buffer.concat(chunks);
          resolve(new Response(payload, { status, statusText: res.statusMessage, headers: responseHeaders }));
        });
      });
      req.on("error", error => {
        const code = (error as NodeJS.ErrnoException).code;
        if (!answered && req.reusedSocket && (code === "ECONNRESET" || code === "EPIPE")) (error as { retryable?: boolean }).retryable = true;
        reject(error);
      });
      req.end(body);
    });
  }
}
