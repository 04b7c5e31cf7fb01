import http, { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, BaseContext, HeaderMap } from "@apollo/server";
import type { Span } from "@opentelemetry/api";
import { extractContext, SpanKind, Tracing } from "./tracing";

/**
 * A small HTTP host for an Apollo Server plus a few plain routes (`/health`, `/ready`, event
 * delivery, internal endpoints). Apollo Server 5 ships no framework integration in the box, and
 * this project needs nothing a framework would add.
 */
export type RouteHandler = (req: IncomingMessage, body: unknown) => Promise<{ status: number; body: unknown; headers?: Record<string, string> }>;

/** A GraphQL request's complete HTTP answer. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /**
   * The body already encoded, written instead of `body`: an answer sent to many callers is encoded
   * once (writing a large string makes Node encode it into a fresh allocation on every write).
   */
  bytes?: Buffer;
}

export interface HttpHostOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /** Builds the GraphQL context, or throws an `HttpError` (e.g. 401 for an unsigned request). */
  context: (req: IncomingMessage) => Promise<TContext>;
  routes?: Record<string, RouteHandler>;
  graphqlPath?: string;
  /** Largest request body accepted, in bytes. @default 1 MiB */
  maxBodyBytes?: number;
  /**
   * Wraps the execution of each GraphQL request; may answer it without executing it
   * (kit/idempotency.ts replays a first response).
   */
  around?: (req: IncomingMessage, body: unknown, context: TContext, execute: () => Promise<HttpAnswer>) => Promise<HttpAnswer>;
  /**
   * Each request runs in a SERVER span whose parent is the caller's `traceparent` (kit/tracing.ts);
   * everything it awaits (resolvers, SQL, fetches to subgraphs) is inside it.
   */
  tracing?: Tracing;
}

/** A caller's request id is kept when it is a plain token (it is echoed, forwarded and logged). */
export function isPlainRequestId(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9._:-]{1,128}$/.test(value);
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** More of the error's `extensions` (a limit's name, a retry time, ...). */
    readonly extensions: Record<string, unknown> = {},
    /** Response headers (`Retry-After`, ...). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface RunningHost {
  server: http.Server;
  url: string;
  port: number;
  /** Requests being answered right now. */
  inFlight(): number;
  /**
   * Graceful: stops accepting connections, lets the requests in flight finish (at most `graceMs`,
   * default SHUTDOWN_GRACE_MS or 10 s), then closes every connection.
   */
  close(graceMs?: number): Promise<void>;
}

/** `SHUTDOWN_GRACE_MS`: how long a stopping process lets its requests in flight finish. */
export function shutdownGraceMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.SHUTDOWN_GRACE_MS ?? 10_000);
  if (!Number.isInteger(ms) || ms < 0 || ms > 600_000) throw new Error(`SHUTDOWN_GRACE_MS must be an integer from 0 to 600000, not '${env.SHUTDOWN_GRACE_MS}'`);
  return ms;
}

export function createHttpHandler<TContext extends BaseContext>(options: HttpHostOptions<TContext>) {
  const graphqlPath = options.graphqlPath ?? "/graphql";
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const tracing = options.tracing;
  const handle = async (req: IncomingMessage, res: ServerResponse, span?: Span): Promise<void> => {
    // The request id travels back to the caller too, to find the request in the logs.
    const requestId = req.headers["x-request-id"];
    if (isPlainRequestId(requestId)) res.setHeader("x-request-id", requestId);
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      const body = req.method === "POST" ? await readJson(req, maxBody) : undefined;
      if (span) {
        span.updateName(`${req.method} ${url.pathname}`);
        const operationName = (body as { operationName?: unknown } | undefined)?.operationName;
        if (typeof operationName === "string") span.setAttribute("graphql.operation.name", operationName);
      }
      const route = options.routes?.[`${req.method} ${url.pathname}`];
      if (route) {
        const result = await route(req, body);
        return send(res, result.status, result.body, result.headers);
      }
      if (url.pathname !== graphqlPath) return send(res, 404, { error: "not found" });
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
      }
      const context = await options.context(req);
      const execute = async (): Promise<HttpAnswer> => {
        const response = await options.apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: req.method ?? "GET", headers, search: url.search, body },
          context: async () => context,
        });
        let text = "";
        if (response.body.kind === "complete") text = response.body.string;
        else for await (const chunk of response.body.asyncIterator) text += chunk;
        return { status: response.status ?? 200, headers: Object.fromEntries(response.headers), body: text };
      };
      const answer = options.around ? await options.around(req, body, context, execute) : await execute();
      for (const [key, value] of Object.entries(answer.headers)) res.setHeader(key, value);
      res.statusCode = answer.status;
      res.end(answer.bytes ?? answer.body);
    } catch (error) {
      if (error instanceof HttpError) {
        return send(res, error.status, { errors: [{ message: error.message, extensions: { ...error.extensions, code: error.code } }] }, error.headers);
      }
      return send(res, 500, { errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
    }
  };
  if (!tracing) return (req: IncomingMessage, res: ServerResponse) => handle(req, res);
  return (req: IncomingMessage, res: ServerResponse): Promise<void> =>
    tracing.span(
      `${req.method} request`,
      { kind: SpanKind.SERVER, parent: extractContext(req.headers), attributes: { "http.request.method": req.method, "url.path": req.url?.split("?")[0], "http.request_id": req.headers["x-request-id"] as string | undefined } },
      async span => {
        await handle(req, res, span);
        span.setAttribute("http.response.status_code", res.statusCode);
      },
    );
}

/**
 * How long the server keeps an idle connection open: `HTTP_KEEP_ALIVE_TIMEOUT_MS`, default 65 s,
 * longer than every client of ours keeps one (kit/http-client.ts, 4 s) and than the usual load
 * balancer idle timeout (60 s), so the client always closes first and never sends a request on a
 * connection the server is closing.
 */
export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Node's default `headersTimeout`: the least time a new connection has to send its request's headers. */
const NODE_HEADERS_TIMEOUT_MS = 60_000;

export function keepAliveTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.HTTP_KEEP_ALIVE_TIMEOUT_MS ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS);
  if (!Number.isInteger(ms) || ms < 100 || ms > 3_600_000) throw new Error(`HTTP_KEEP_ALIVE_TIMEOUT_MS must be an integer from 100 to 3600000, not '${env.HTTP_KEEP_ALIVE_TIMEOUT_MS}'`);
  return ms;
}

export async function listen(handler: http.RequestListener, port: number, host = "127.0.0.1", options: { keepAliveTimeoutMs?: number } = {}): Promise<RunningHost> {
  const active = new Set<ServerResponse>();
  let closing = false;
  let drained: (() => void) | undefined;
  const server = http.createServer((req, res) => {
    active.add(res);
    // While stopping, every answer closes its connection: clients reconnect to another replica.
    if (closing) res.setHeader("connection", "close");
    res.once("close", () => {
      active.delete(res);
      if (active.size === 0) drained?.();
    });
    handler(req, res);
  });
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS;
  // Node answers 408 (an empty body) and closes a connection whose request headers are not in
  // this long after it opened: above the idle timeout, and never below Node's own default of
  // 60 s. Tied to a short idle timeout alone (1 s + 1 s in a test), a fresh connection accepted
  // in a burst on a loaded machine waited longer than that for its first read and was refused.
  server.headersTimeout = Math.max(server.keepAliveTimeout + 1000, NODE_HEADERS_TIMEOUT_MS);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    port: address.port,
    url: `http://${host}:${address.port}`,
    inFlight: () => active.size,
    async close(graceMs = shutdownGraceMs()) {
      closing = true;
      for (const res of active) if (!res.headersSent) res.setHeader("connection", "close");
      const closed = new Promise<void>(resolve => server.close(() => resolve()));
      server.closeIdleConnections();
      if (active.size > 0) {
        await new Promise<void>(resolve => {
          const timer = setTimeout(resolve, graceMs);
          drained = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      server.closeAllConnections();
      await closed;
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  // A route that names its own content type (Prometheus text, ...) answers its text as it is.
  res.end(typeof body === "string" && headers["content-type"] ? body : JSON.stringify(body));
}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, "PAYLOAD_TOO_LARGE", `Request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new HttpError(400, "BAD_REQUEST", "The request body is not valid JSON");
  }
}
