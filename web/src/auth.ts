import { gatewayEndpoints } from "./config";

/**
 * The caller's token, kept in sessionStorage (gone with the tab), and what the app reads from it.
 * A JWT's payload is decoded without verification, only to choose the pages: the gateway
 * verifies every request. Partner API access tokens are opaque (`cat_…`).
 */
const TOKEN_KEY = "customs.token";

export type Caller =
  | { kind: "officer"; subject: string; roles: string[]; expiresAt: Date | null }
  | { kind: "portal_user"; subject: string; expiresAt: Date | null }
  | { kind: "partner_application"; expiresAt: null };

export interface Session {
  token: string;
  caller: Caller;
}

/** The JSON payload of a compact JWS, or null for anything else (an opaque token). */
export function decodeJwtPayload(token: string): Record<string, unknown> | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  try {
    const base64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
    const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), c => c.charCodeAt(0));
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return payload !== null && typeof payload === "object" && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function callerOf(token: string): Caller {
  const payload = decodeJwtPayload(token);
  if (!payload) return { kind: "partner_application", expiresAt: null };
  const subject = typeof payload.sub === "string" ? payload.sub : "";
  const expiresAt = typeof payload.exp === "number" ? new Date(payload.exp * 1000) : null;
  if (payload.kind === "officer") {
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === "string") : [];
    return { kind: "officer", subject, roles, expiresAt };
  }
  if (payload.kind === "portal_user") return { kind: "portal_user", subject, expiresAt };
  // Neither kind the gateway knows for a JWT: the graph decides; the app shows the partner pages.
  return { kind: "partner_application", expiresAt: null };
}

/** What a user pastes: the token, possibly with its "Bearer " prefix or the whole header. */
export function cleanToken(pasted: string): string {
  return pasted
    .trim()
    .replace(/^authorization:\s*/i, "")
    .replace(/^bearer\s+/i, "")
    .trim();
}

export function isExpired(caller: Caller, now = Date.now()): boolean {
  return caller.expiresAt !== null && caller.expiresAt.getTime() <= now;
}

export function loadSession(): Session | null {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return null;
  const caller = callerOf(token);
  if (isExpired(caller)) {
    sessionStorage.removeItem(TOKEN_KEY);
    return null;
  }
  return { token, caller };
}

export function storeSession(token: string): Session {
  sessionStorage.setItem(TOKEN_KEY, token);
  return { token, caller: callerOf(token) };
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** One line naming the signed-in caller, for the header. */
export function describeCaller(caller: Caller): string {
  switch (caller.kind) {
    case "officer":
      return `Officer ${caller.subject}${caller.roles.length > 0 ? ` (${caller.roles.join(", ")})` : ""}`;
    case "portal_user":
      return `Portal user ${caller.subject}`;
    case "partner_application":
      return "Partner application";
  }
}

// Development login (offered by a gateway in development only): POST /auth/dev-token.

export type DevLoginRequest = { kind: "officer" } | { kind: "portal_user"; sub: string };

export const DEMO_PORTAL_USER: DevLoginRequest = { kind: "portal_user", sub: "chlogin|alice.muster" };

/** True when `GET /auth/dev-token` answers 200 `{ "enabled": true }`; false otherwise (404, no gateway). */
export async function devLoginEnabled(signal?: AbortSignal): Promise<boolean> {
  try {
    const response = await fetch(gatewayEndpoints().devToken, { headers: { accept: "application/json" }, signal });
    if (!response.ok) return false;
    const body: unknown = await response.json();
    return typeof body === "object" && body !== null && (body as { enabled?: unknown }).enabled === true;
  } catch {
    return false;
  }
}

export async function devLogin(request: DevLoginRequest): Promise<string> {
  const response = await fetch(gatewayEndpoints().devToken, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(request),
  });
  if (response.status === 404) throw new Error("Development login is off on this gateway.");
  const body: unknown = await response.json().catch(() => null);
  const token = typeof body === "object" && body !== null ? (body as { token?: unknown }).token : undefined;
  if (!response.ok || typeof token !== "string") {
    const error = typeof body === "object" && body !== null ? (body as { errors?: Array<{ message?: string; extensions?: { code?: string } }> }).errors?.[0] : undefined;
    throw new Error(error ? `${error.extensions?.code ?? "ERROR"}: ${error.message ?? ""}` : `Development login failed (HTTP ${response.status}).`);
  }
  return token;
}
