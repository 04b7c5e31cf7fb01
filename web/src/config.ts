/**
 * Where the gateway is. By default the app calls its own origin (the Vite dev server forwards
 * /graphql, /graphql/stream and /auth to the gateway; in production the app is served beside it).
 * `localStorage["customs.gatewayUrl"]` (set at run time, e.g. from the browser's console) or
 * `VITE_GATEWAY_URL` (at build time) names another origin; that origin must list the app's in
 * its CORS allowlist (GATEWAY_CORS_ORIGINS).
 */
export const GATEWAY_URL_KEY = "customs.gatewayUrl";

export interface GatewayEndpoints {
  /** "" for the app's own origin, else e.g. "https://graph.customs.example". */
  base: string;
  graphql: string;
  stream: string;
  devToken: string;
}

/** "https://host:4000/", "https://host:4000/graphql" → "https://host:4000"; anything not a URL → "". */
export function normaliseGatewayUrl(value: string | null | undefined): string {
  const trimmed = value?.trim();
  if (!trimmed) return "";
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return "";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "";
  const pathname = url.pathname.replace(/\/+$/, "").replace(/\/graphql$/, "");
  return `${url.origin}${pathname}`;
}

function storedGatewayUrl(): string | null {
  try {
    return window.localStorage.getItem(GATEWAY_URL_KEY);
  } catch {
    return null; // storage disabled
  }
}

export function gatewayEndpoints(): GatewayEndpoints {
  const base = normaliseGatewayUrl(storedGatewayUrl()) || normaliseGatewayUrl(import.meta.env.VITE_GATEWAY_URL);
  return { base, graphql: `${base}/graphql`, stream: `${base}/graphql/stream`, devToken: `${base}/auth/dev-token` };
}
