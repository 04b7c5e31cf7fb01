import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { importPKCS8, SignJWT } from "jose";
import { OFFICER_ROLES } from "../subgraphs/kit/gateway-side";
import { PROJECT_ROOT } from "../subgraphs/kit/layout";
import { DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER, DEV_PRIVATE_KEY_PATH, GatewayConfig } from "./config";

/**
 * The web app (issue 15: the officers' dashboard and the partners' view, `web/`) served from the
 * gateway's own origin, so that it needs no CORS entry and works where there is no internet:
 *
 * - `GET /app/...`: the files `npm run build` wrote to `dist/web` (`WEB_DIST_DIR` overrides).
 *   Hashed assets under `/app/assets/` are cached for good; `index.html` is revalidated. Any
 *   other path under `/app/` answers the page (the app routes itself). `GET /` goes to `/app/`.
 *   Without a built app the gateway serves none (`/app/` answers 404 saying how to build it).
 * - `/auth/dev-token`: development login, only when `GATEWAY_DEV_LOGIN=on` AND the gateway trusts
 *   the committed development key (it refuses to start otherwise): `GET` says it is on, `POST`
 *   `{"kind":"officer"}` or `{"kind":"portal_user","sub":"chlogin|..."}` mints a token with that
 *   key. `npm start` turns it on; production expects the customs identity provider's JWT.
 *
 * `GATEWAY_WEB_APP=off` turns the app off.
 */

const APP_PREFIX = "/app/";
const DEV_TOKEN_PATH = "/auth/dev-token";
const DEV_TOKEN_TTL_SECONDS = 8 * 3600;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".woff2": "font/woff2",
};

// The app's own scripts and styles only; it may call another gateway when told to (web/src/config.ts).
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' http: https:; frame-ancestors 'none'; base-uri 'self'";

export interface WebAppSettings {
  enabled: boolean;
  distDir: string;
  devLogin: boolean;
}

export function loadWebAppSettings(env: NodeJS.ProcessEnv, config: Pick<GatewayConfig, "jwt">): WebAppSettings {
  const devLogin = env.GATEWAY_DEV_LOGIN === "on";
  if (devLogin && (config.jwt.key.kind !== "dev" || env.NODE_ENV === "production")) {
    throw new Error("GATEWAY_DEV_LOGIN=on needs the development key (no JWT_JWKS_URL or JWT_PUBLIC_KEY) and is refused in production");
  }
  return { enabled: env.GATEWAY_WEB_APP !== "off", distDir: env.WEB_DIST_DIR || path.join(PROJECT_ROOT, "dist", "web"), devLogin };
}

/** Mints a development token with the committed key (also `npm run token`, scripts/mint-token.ts). */
export async function signDevToken(request: { kind: "officer" | "portal_user"; sub: string; roles?: string[]; ttlSeconds?: number; issuer?: string; audience?: string }): Promise<{ token: string; expiresAt: Date }> {
  const key = await importPKCS8(fs.readFileSync(DEV_PRIVATE_KEY_PATH, "utf8"), "ES256");
  const claims: Record<string, unknown> = { kind: request.kind };
  if (request.kind === "officer") claims.roles = request.roles ?? [];
  const now = Math.floor(Date.now() / 1000);
  const exp = now + (request.ttlSeconds ?? DEV_TOKEN_TTL_SECONDS);
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: "ES256", typ: "JWT" })
    .setSubject(request.sub)
    .setIssuer(request.issuer ?? DEFAULT_JWT_ISSUER)
    .setAudience(request.audience ?? DEFAULT_JWT_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .sign(key);
  return { token, expiresAt: new Date(exp * 1000) };
}

export function createWebApp(settings: WebAppSettings): (req: IncomingMessage, res: ServerResponse) => boolean {
  const root = path.resolve(settings.distDir);
  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://gateway");
    if (url.pathname === DEV_TOKEN_PATH) {
      if (!settings.devLogin) return false;
      void devToken(req, res);
      return true;
    }
    if (!settings.enabled || (req.method !== "GET" && req.method !== "HEAD")) return false;
    if (url.pathname === "/" || url.pathname === "/app") {
      res.writeHead(302, { location: APP_PREFIX }).end();
      return true;
    }
    if (!url.pathname.startsWith(APP_PREFIX)) return false;
    const index = path.join(root, "index.html");
    if (!fs.existsSync(index)) {
      sendText(res, 404, "The web app is not built: run `npm run build` (or `npm run build:web`).\n");
      return true;
    }
    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname.slice(APP_PREFIX.length));
    } catch {
      sendText(res, 400, "Bad path\n");
      return true;
    }
    const file = path.resolve(root, relative);
    const inside = file.startsWith(root + path.sep);
    const isFile = inside && fs.existsSync(file) && fs.statSync(file).isFile();
    if (!isFile && path.extname(relative)) {
      sendText(res, 404, "Not found\n");
      return true;
    }
    const target = isFile ? file : index;
    const body = fs.readFileSync(target);
    res.statusCode = 200;
    res.setHeader("content-type", TYPES[path.extname(target)] ?? "application/octet-stream");
    res.setHeader("content-length", String(body.length));
    res.setHeader("x-content-type-options", "nosniff");
    res.setHeader("cache-control", relative.startsWith("assets/") && isFile ? "public, max-age=31536000, immutable" : "no-cache");
    if (target === index) res.setHeader("content-security-policy", CSP);
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  };
}

async function devToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === "GET") return sendJson(res, 200, { enabled: true });
  if (req.method !== "POST") return sendJson(res, 405, { error: "GET or POST" });
  let body: { kind?: unknown; sub?: unknown; roles?: unknown };
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 4096) return sendJson(res, 413, { error: "The body is limited to 4 KiB." });
      chunks.push(chunk as Buffer);
    }
    body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as typeof body;
  } catch {
    return sendJson(res, 400, { error: 'Send JSON: {"kind":"officer"} or {"kind":"portal_user","sub":"chlogin|..."}' });
  }
  if (body.kind === "officer") {
    const roles = Array.isArray(body.roles) ? body.roles.filter((r): r is string => typeof r === "string" && (OFFICER_ROLES as readonly string[]).includes(r)) : [...OFFICER_ROLES];
    const sub = typeof body.sub === "string" && body.sub ? body.sub : "demo-officer";
    const minted = await signDevToken({ kind: "officer", sub, roles });
    return sendJson(res, 200, { token: minted.token, expiresAt: minted.expiresAt.toISOString() });
  }
  if (body.kind === "portal_user" && typeof body.sub === "string" && /^chlogin\|[\w.@-]{1,100}$/.test(body.sub)) {
    const minted = await signDevToken({ kind: "portal_user", sub: body.sub });
    return sendJson(res, 200, { token: minted.token, expiresAt: minted.expiresAt.toISOString() });
  }
  return sendJson(res, 400, { error: 'kind must be "officer", or "portal_user" with a sub "chlogin|<subject>"' });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": String(body.length), "cache-control": "no-store" }).end(body);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(text);
}
