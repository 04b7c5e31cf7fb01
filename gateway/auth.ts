import fs from "node:fs";
import { LRUCache } from "lru-cache";
import { createRemoteJWKSet, errors as joseErrors, importSPKI, jwtVerify, JWTPayload, JWTVerifyGetKey } from "jose";
import {
  ANONYMOUS,
  HttpError,
  Logger,
  OFFICER_ROLES,
  OfficerRole,
  Principal,
  PRINCIPAL_HEADER,
  PrincipalKind,
  servicePrincipal,
  signPrincipal,
} from "../subgraphs/kit/gateway-side";
import type { JwtSettings } from "./config";

/**
 * Who the caller is, from `Authorization: Bearer <token>`:
 * - no header: ANONYMOUS;
 * - a compact JWS (officers, dashboards, portal users logged in through CH-LOGIN): verified here;
 *   officers carry their roles in the token, portal users are looked up in identity;
 * - `cat_…`: a partner application's opaque API access token, introspected by identity. What
 *   identity answers is remembered until the token expires, at most `partnerTokenCacheMs`, and
 *   forgotten as soon as identity publishes a change that may alter it (keys revoked, the partner's
 *   roles: PRINCIPAL_EVENT_TYPES, delivered to `POST /events`), so revoking an application stops
 *   its tokens within the event relay's delay. Concurrent requests with one token share one question.
 * A verified JWT is remembered until it expires (issue 12: ES256 verification of the same token on
 * every request showed in the profile); what identity says about a portal user is not.
 * Anything else is a 401. The result is thrown as an `HttpError`, which the kit's HTTP host turns
 * into `{ errors: [{ message, extensions: { code } }] }` with that status.
 */
export interface AuthStats {
  /** JWTs whose signature was checked, and requests answered from a remembered verification. */
  jwtVerified: number;
  jwtRemembered: number;
  /** Questions sent to identity, and partner requests answered from what it said before. */
  identityAsked: number;
  partnerRemembered: number;
  /** Remembered partner principals forgotten on identity's events. */
  forgotten: number;
}

export type Authenticate = ((authorization: string | undefined, requestId: string) => Promise<Principal>) & {
  stats: AuthStats;
  /** Forgets what identity said about the callers an event concerns; returns how many entries went. */
  forget(event: { type: string; payload?: Record<string, unknown> }): number;
};

/** Identity's events after which a remembered partner principal may be wrong. */
export const PRINCIPAL_EVENT_TYPES = ["ApiCredentialsRevoked", "PartnerRoleActivated", "PartnerRoleEnded"];

export interface AuthenticatorOptions {
  jwt: Omit<JwtSettings, "key"> & { key: JWTVerifyGetKey };
  /** identity's `POST /internal/principal`; undefined when no identity subgraph is configured. */
  principalEndpoint: string | undefined;
  /** The subgraph signing secret: the gateway calls identity as `servicePrincipal("gateway")`. */
  secret: Uint8Array;
  logger: Logger;
  /** @default 5000 */
  identityTimeoutMs?: number;
  /**
   * Longest time identity's answer about an API access token is trusted without identity's word
   * (a lost event); 0 asks identity on every request. @default 60000
   */
  partnerTokenCacheMs?: number;
  /** Verified JWTs remembered (LRU). @default 10000 */
  jwtCacheSize?: number;
  /** The clock that decides whether a remembered JWT has expired. @default Date.now */
  now?: () => number;
  /** How the principal endpoint is called. @default global fetch */
  fetch?: (url: string, init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<Response>;
}

/** What identity said about a caller, and until when it holds (API access tokens only). */
interface IdentityAnswer {
  principal: Principal;
  validUntilMs?: number;
}

export const API_ACCESS_TOKEN_PREFIX = "cat_";
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Turns the configured key source into jose's key lookup (JWKS keys are fetched and cached by jose). */
export async function loadVerificationKey(settings: JwtSettings): Promise<JWTVerifyGetKey> {
  const source = settings.key;
  if (source.kind === "jwks") return createRemoteJWKSet(new URL(source.url));
  const pem = source.kind === "pem" ? source.pem : fs.readFileSync(source.path, "utf8");
  const key = await importSPKI(pem, settings.algorithms[0] ?? "ES256");
  return async () => key;
}

export function createAuthenticator(options: AuthenticatorOptions): Authenticate {
  const { jwt, logger, secret } = options;
  const timeoutMs = options.identityTimeoutMs ?? 5000;
  const now = options.now ?? Date.now;
  // Verified payloads, each until its own `exp`; a token that fails verification is not kept.
  const verified = new LRUCache<string, { payload: JWTPayload; expiresAtMs: number }>({ max: options.jwtCacheSize ?? 10_000 });
  const askingIdentity = new Map<string, Promise<IdentityAnswer>>();
  const partnerTokenCacheMs = options.partnerTokenCacheMs ?? 60_000;
  const partnerTokens = new LRUCache<string, { principal: Principal; untilMs: number }>({ max: options.jwtCacheSize ?? 10_000 });
  // A change published while identity was being asked must not be undone by its (older) answer.
  let generation = 0;
  const stats: AuthStats = { jwtVerified: 0, jwtRemembered: 0, identityAsked: 0, partnerRemembered: 0, forgotten: 0 };

  async function verifyJwt(token: string): Promise<JWTPayload> {
    const known = verified.get(token);
    if (known) {
      if (known.expiresAtMs > now()) {
        stats.jwtRemembered += 1;
        return known.payload;
      }
      verified.delete(token);
      throw unauthenticated("The bearer token has expired.");
    }
    let payload: JWTPayload;
    stats.jwtVerified += 1;
    try {
      ({ payload } = await jwtVerify(token, jwt.key, {
        issuer: jwt.issuer,
        audience: jwt.audience,
        algorithms: jwt.algorithms,
        // A token without `exp` would never expire.
        requiredClaims: ["sub", "exp"],
      }));
    } catch (error) {
      throw jwtFailure(error, logger);
    }
    verified.set(token, { payload, expiresAtMs: (payload.exp as number) * 1000 });
    return payload;
  }

  async function fromJwt(token: string, requestId: string): Promise<Principal> {
    const payload = await verifyJwt(token);
    const subject = payload.sub;
    if (typeof subject !== "string" || subject === "") throw unauthenticated("The token's 'sub' claim must be a non-empty string.");
    if (payload.kind === "officer") {
      const claimed = Array.isArray(payload.roles) ? payload.roles : [];
      const officerRoles = claimed.filter((r): r is OfficerRole => (OFFICER_ROLES as readonly unknown[]).includes(r));
      return { kind: "OFFICER", subject, officerRoles, partners: [] };
    }
    if (payload.kind === "portal_user") {
      return (await resolvePrincipal({ kind: "PORTAL_USER", subject }, "PORTAL_USER", requestId)).principal;
    }
    throw unauthenticated("The token's 'kind' claim must be 'officer' or 'portal_user'.");
  }

  /** One question to identity per distinct caller in flight: concurrent requests of one caller share it. */
  function resolvePrincipal(body: object, expected: PrincipalKind, requestId: string): Promise<IdentityAnswer> {
    const key = JSON.stringify(body);
    const pending = askingIdentity.get(key);
    if (pending) return pending;
    const asked = askIdentity(body, expected, requestId).finally(() => askingIdentity.delete(key));
    askingIdentity.set(key, asked);
    return asked;
  }

  async function fromAccessToken(token: string, requestId: string): Promise<Principal> {
    const known = partnerTokens.get(token);
    if (known && known.untilMs > now()) {
      stats.partnerRemembered += 1;
      return known.principal;
    }
    if (known) partnerTokens.delete(token);
    const asked = generation;
    const { principal, validUntilMs } = await resolvePrincipal({ kind: "API_ACCESS_TOKEN", token }, "API_APPLICATION", requestId);
    const until = Math.min(now() + partnerTokenCacheMs, validUntilMs ?? 0);
    if (partnerTokenCacheMs > 0 && asked === generation && until > now()) partnerTokens.set(token, { principal, untilMs: until });
    return principal;
  }

  /** Asks identity who a portal user or an API access token is (contract: POST /internal/principal). */
  async function askIdentity(body: object, expected: PrincipalKind, requestId: string): Promise<IdentityAnswer> {
    stats.identityAsked += 1;
    const endpoint = options.principalEndpoint;
    if (!endpoint) throw identityUnavailable();
    let response: Response;
    let payload: { principal?: unknown; validForMs?: unknown; code?: unknown; message?: unknown } | undefined;
    try {
      response = await (options.fetch ?? fetch)(endpoint, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          [PRINCIPAL_HEADER]: await signPrincipal(servicePrincipal("gateway"), secret, "identity"),
          "x-request-id": requestId,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      payload = (await response.json().catch(() => undefined)) as typeof payload;
    } catch (error) {
      logger.warn({ err: error, endpoint, requestId }, "identity unreachable while authenticating");
      throw identityUnavailable();
    }
    if ((response.status === 401 || response.status === 403) && payload?.code !== "UNSIGNED_REQUEST") {
      // identity's verdict on the caller (API_TOKEN_INVALID, API_TOKEN_EXPIRED, API_APPLICATION_REVOKED, ...).
      const code = typeof payload?.code === "string" ? payload.code : "UNAUTHENTICATED";
      const message = typeof payload?.message === "string" ? payload.message : "The credentials were refused.";
      throw new HttpError(response.status, code, message);
    }
    // Expecting the kind asked for keeps a faulty identity answer from ever granting officer or service rights.
    if (response.status !== 200 || !isPrincipal(payload?.principal) || payload.principal.kind !== expected) {
      logger.error({ status: response.status, code: payload?.code, requestId }, "identity answered /internal/principal unexpectedly");
      throw identityUnavailable();
    }
    // How long identity's answer holds, as a duration: the two clocks need not agree.
    const validUntilMs = typeof payload.validForMs === "number" && payload.validForMs > 0 ? now() + payload.validForMs : undefined;
    return { principal: payload.principal, validUntilMs };
  }

  const authenticate = async (authorization: string | undefined, requestId: string): Promise<Principal> => {
    if (authorization === undefined) return ANONYMOUS;
    const match = /^Bearer +(\S+) *$/i.exec(authorization);
    if (!match) throw unauthenticated("The Authorization header must be 'Bearer <token>'.");
    const token = match[1];
    if (token.startsWith(API_ACCESS_TOKEN_PREFIX)) return fromAccessToken(token, requestId);
    if (COMPACT_JWS.test(token)) return fromJwt(token, requestId);
    throw unauthenticated("The bearer token is neither a signed JWT nor an API access token.");
  };

  const forget: Authenticate["forget"] = ({ type, payload }) => {
    if (!PRINCIPAL_EVENT_TYPES.includes(type)) return 0;
    generation += 1;
    const applicationId = payload?.applicationId;
    const partnerId = payload?.partnerId;
    let forgotten = 0;
    for (const [token, { principal }] of partnerTokens.entries()) {
      const concerned = type === "ApiCredentialsRevoked" ? principal.applicationId === applicationId : principal.partners.some(p => p.partnerId === partnerId);
      if (concerned) {
        partnerTokens.delete(token);
        forgotten += 1;
      }
    }
    stats.forgotten += forgotten;
    return forgotten;
  };

  return Object.assign(authenticate, { forget, stats });
}

/** jose codes that mean the token itself is bad; any other failure is ours (JWKS unreachable, ...). */
const TOKEN_FAULTS = new Set([
  joseErrors.JWTExpired.code,
  joseErrors.JWTClaimValidationFailed.code,
  joseErrors.JWSSignatureVerificationFailed.code,
  joseErrors.JWSInvalid.code,
  joseErrors.JWTInvalid.code,
  joseErrors.JOSEAlgNotAllowed.code,
  joseErrors.JOSENotSupported.code,
  joseErrors.JWKSNoMatchingKey.code,
  joseErrors.JWKSMultipleMatchingKeys.code,
]);

function jwtFailure(error: unknown, logger: Logger): HttpError {
  if (error instanceof joseErrors.JWTExpired) return unauthenticated("The bearer token has expired.");
  if (error instanceof joseErrors.JOSEError && TOKEN_FAULTS.has(error.code)) {
    return unauthenticated(`The bearer token is not valid: ${error.message}`);
  }
  logger.error({ err: error }, "could not load the keys that verify bearer tokens");
  return new HttpError(503, "AUTHENTICATION_UNAVAILABLE", "Tokens cannot be verified right now; try again later.");
}

function unauthenticated(message: string): HttpError {
  return new HttpError(401, "UNAUTHENTICATED", message);
}

function identityUnavailable(): HttpError {
  return new HttpError(503, "IDENTITY_UNAVAILABLE", "The identity service is unavailable; try again later.");
}

function isPrincipal(value: unknown): value is Principal {
  const p = value as Principal | undefined;
  return typeof p === "object" && p !== null && typeof p.kind === "string" && Array.isArray(p.partners) && Array.isArray(p.officerRoles);
}
