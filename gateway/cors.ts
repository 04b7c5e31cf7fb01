import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * CORS for the single-page apps of the frontend teams (issue 12): origins on the allowlist
 * (`GATEWAY_CORS_ORIGINS`, comma-separated, exact `scheme://host[:port]`) may call the graph from
 * a browser with their token; any other origin gets no CORS headers, so the browser keeps the
 * answer from it. Apollo Server's CSRF prevention stays on: a simple (non-preflighted) request is
 * still refused, whatever its origin.
 */

const ALLOWED_HEADERS = ["authorization", "content-type", "idempotency-key", "x-request-id", "apollo-require-preflight", "x-apollo-operation-name", "traceparent"];
const EXPOSED_HEADERS = ["retry-after", "x-request-id"];

export function loadCorsOrigins(env: NodeJS.ProcessEnv = process.env): Set<string> {
  const origins = new Set<string>();
  for (const entry of (env.GATEWAY_CORS_ORIGINS ?? "").split(",").map(o => o.trim()).filter(Boolean)) {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`GATEWAY_CORS_ORIGINS: '${entry}' is not an origin such as https://app.customs.example`);
    }
    if (url.origin !== entry.replace(/\/$/, "")) throw new Error(`GATEWAY_CORS_ORIGINS: '${entry}' must be an origin only (scheme, host, port), without a path`);
    origins.add(url.origin);
  }
  return origins;
}

/**
 * Adds the CORS headers an allowed origin needs; answers a preflight itself. Returns true when
 * the response is complete.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowed: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  const preflight = req.method === "OPTIONS";
  res.setHeader("vary", "Origin");
  if (!origin || !allowed.has(origin)) {
    if (!preflight) return false;
    res.statusCode = 403;
    res.setHeader("content-type", "application/json; charset=utf-8");
    res.end(JSON.stringify({ errors: [{ message: `Origin ${origin ?? "(none)"} may not call this graph from a browser.`, extensions: { code: "CORS_ORIGIN_NOT_ALLOWED" } }] }));
    return true;
  }
  res.setHeader("access-control-allow-origin", origin);
  res.setHeader("access-control-allow-credentials", "true");
  if (!preflight) {
    res.setHeader("access-control-expose-headers", EXPOSED_HEADERS.join(", "));
    return false;
  }
  res.statusCode = 204;
  res.setHeader("access-control-allow-methods", "GET, POST, OPTIONS");
  res.setHeader("access-control-allow-headers", ALLOWED_HEADERS.join(", "));
  res.setHeader("access-control-max-age", "600");
  res.end();
  return true;
}
