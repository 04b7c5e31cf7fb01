import { jwtVerify, SignJWT } from "jose";

/**
 * Who is calling. The gateway authenticates every request and forwards the principal to the
 * subgraphs in a header that it signs (HS256 over a shared secret); subgraphs trust nothing
 * else. See gateway/auth.ts for how each kind is established.
 */
export const PRINCIPAL_HEADER = "x-customs-principal";

export type PrincipalKind = "ANONYMOUS" | "OFFICER" | "PORTAL_USER" | "API_APPLICATION" | "SERVICE";

/**
 * Officer roles inside the customs administration. DESIGN CHOICE (not in sources): the sources
 * name the bodies (DGD, district directorate, customs office, FOCBS onboarding service, LD art. 91;
 * OD-AFD art. 8-12) but no role model; one role per body that acts in the graph, plus a read-only
 * auditor. The enforcement roles follow OD-AFD art. 61 (ENF-R03): the Border Guard Corps
 * (`BORDER_GUARD`), and the anti-fraud sections of the district directorates with the DGD's
 * criminal cases division (`ANTI_FRAUD`).
 */
export const OFFICER_ROLES = [
  "ONBOARDING_SERVICE",
  "DGD",
  "DISTRICT_DIRECTORATE",
  "CUSTOMS_OFFICE",
  "AUDITOR",
  "BORDER_GUARD",
  "ANTI_FRAUD",
] as const;

/** The roles that see enforcement data (ENF-R21 DESIGN CHOICE: offence data only for enforcement scopes). */
export const ENFORCEMENT_ROLES: readonly OfficerRole[] = ["BORDER_GUARD", "ANTI_FRAUD"];
export type OfficerRole = (typeof OFFICER_ROLES)[number];

export type PortalRoleName = "ADMINISTRATOR" | "DEPUTY" | "USER";

/** One business partner the caller acts for, with its portal role and the partner's active roles. */
export interface PartnerGrant {
  partnerId: string;
  /** The caller's portal role for that partner; null for an API application. */
  portalRole: PortalRoleName | null;
  /** The partner's ACTIVE business partner roles (AUTHORISED_CONSIGNEE, FREIGHT, ...). */
  roles: string[];
}

export interface Principal {
  kind: PrincipalKind;
  /** CH-LOGIN subject of a portal user, officer id of an officer, service name of a service. */
  subject?: string;
  /** PortalUser id once the CH-LOGIN account is registered in ePortal. */
  userId?: string;
  /** ApiApplication id, for partner software. */
  applicationId?: string;
  partners: PartnerGrant[];
  officerRoles: OfficerRole[];
}

export const ANONYMOUS: Principal = Object.freeze({ kind: "ANONYMOUS", partners: [], officerRoles: [] }) as Principal;

export function servicePrincipal(name: string): Principal {
  return { kind: "SERVICE", subject: name, partners: [], officerRoles: [] };
}

const ISSUER = "customs-gateway";
const DEV_SECRET = "development-only-subgraph-signing-secret-change-me";
/**
 * How long a signed principal is accepted: seconds, not minutes. The gateway signs one per
 * subgraph fetch, just before sending it, so the lifetime only covers the network and the clock
 * skew between hosts (`PRINCIPAL_TTL_SECONDS`, default 15; at most 60).
 */
export const DEFAULT_PRINCIPAL_TTL_SECONDS = 15;
/** Clock skew tolerated between the signer's and the verifier's hosts. */
const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * The shared secret. In production (`NODE_ENV=production`) it must be set; elsewhere a
 * development value is used so that a fresh clone starts.
 */
export function signingSecret(env: NodeJS.ProcessEnv = process.env): Uint8Array {
  const value = env.SUBGRAPH_SIGNING_SECRET;
  if (!value) {
    if (env.NODE_ENV === "production") throw new Error("SUBGRAPH_SIGNING_SECRET must be set in production");
    return new TextEncoder().encode(DEV_SECRET);
  }
  if (value.length < 32) throw new Error("SUBGRAPH_SIGNING_SECRET must be at least 32 characters");
  return new TextEncoder().encode(value);
}

export function principalTtlSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const ttl = Number(env.PRINCIPAL_TTL_SECONDS ?? DEFAULT_PRINCIPAL_TTL_SECONDS);
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 60) throw new Error(`PRINCIPAL_TTL_SECONDS must be an integer from 1 to 60, not '${env.PRINCIPAL_TTL_SECONDS}'`);
  return ttl;
}

/**
 * Signs a principal for one hop to one service: `audience` is the name of the subgraph (or
 * event subscriber) it is for, so a header captured on its way to one subgraph is refused by
 * every other, and it expires after `ttlSeconds`.
 */
export async function signPrincipal(principal: Principal, secret: Uint8Array, audience: string, ttlSeconds = DEFAULT_PRINCIPAL_TTL_SECONDS): Promise<string> {
  return new SignJWT({ p: principal })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(secret);
}

/** Returns the principal, or null when the header is missing, forged, expired or meant for another service. */
export async function verifyPrincipal(token: string | undefined, secret: Uint8Array, audience: string): Promise<Principal | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, secret, { issuer: ISSUER, audience, algorithms: ["HS256"], requiredClaims: ["exp", "iat"], clockTolerance: CLOCK_TOLERANCE_SECONDS });
    // A token must not outlive the longest lifetime any signer may configure, whatever its `exp` says.
    if (typeof payload.exp === "number" && typeof payload.iat === "number" && payload.exp - payload.iat > 60) return null;
    const p = payload.p as Principal | undefined;
    if (!p || typeof p.kind !== "string" || !Array.isArray(p.partners) || !Array.isArray(p.officerRoles)) return null;
    return p;
  } catch {
    return null;
  }
}

export function isOfficer(principal: Principal, ...roles: OfficerRole[]): boolean {
  if (principal.kind !== "OFFICER") return false;
  return roles.length === 0 || roles.some(r => principal.officerRoles.includes(r));
}

export function partnerGrant(principal: Principal, partnerId: string): PartnerGrant | undefined {
  return principal.partners.find(p => p.partnerId === partnerId);
}

/** Partner ids the caller acts for (portal user's memberships or an API application's partner). */
export function ownPartnerIds(principal: Principal): string[] {
  return principal.partners.map(p => p.partnerId);
}
