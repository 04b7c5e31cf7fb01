import { decodeJwt, SignJWT } from "jose";
import { isOfficer, Principal, servicePrincipal, signingSecret, signPrincipal, verifyPrincipal } from "./principal";

/**
 * The signed principal header is the only thing a subgraph trusts about its caller (the gateway
 * signs it for one hop to one subgraph). Anything that is not a fresh token signed with the shared
 * secret for this subgraph must verify to null (issue 7: audience and a lifetime of seconds).
 */
const DEBT = "debt";
const encode = (s: string) => new TextEncoder().encode(s);
const SECRET = encode("principal-test-secret-0123456789abcdef");
const OTHER_SECRET = encode("another-secret-of-the-same-length-0123456");

const officer: Principal = { kind: "OFFICER", subject: "officer-7", partners: [], officerRoles: ["DGD", "AUDITOR"] };
const user: Principal = {
  kind: "PORTAL_USER",
  subject: "chlogin|anna",
  userId: "5b0b2a64-1d77-4a8e-9e3e-1f7f2d7c0a11",
  partners: [{ partnerId: "p-1", portalRole: "ADMINISTRATOR", roles: ["FREIGHT"] }],
  officerRoles: [],
};

/** A token shaped exactly like `signPrincipal`'s, with the parts a test wants to change. */
async function forge(options: { principal?: unknown; issuer?: string; audience?: string; expiresAt?: number; issuedAt?: number; secret?: Uint8Array }): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ p: options.principal ?? user } as Record<string, unknown>)
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(options.issuer ?? "customs-gateway")
    .setAudience(options.audience ?? DEBT)
    .setIssuedAt(options.issuedAt ?? now)
    .setExpirationTime(options.expiresAt ?? now + 15)
    .sign(options.secret ?? SECRET);
}

describe("signPrincipal / verifyPrincipal", () => {
  it("gives back the principal it signed, partners and officer roles included", async () => {
    expect(await verifyPrincipal(await signPrincipal(user, SECRET, DEBT), SECRET, DEBT)).toEqual(user);
    expect(await verifyPrincipal(await signPrincipal(officer, SECRET, DEBT), SECRET, DEBT)).toEqual(officer);
    expect(await verifyPrincipal(await signPrincipal(servicePrincipal("debt"), SECRET, DEBT), SECRET, DEBT)).toEqual({ kind: "SERVICE", subject: "debt", partners: [], officerRoles: [] });
  });

  it("signs for 15 seconds by default, for the gateway's issuer and the one subgraph named as audience", async () => {
    const claims = decodeJwt(await signPrincipal(user, SECRET, DEBT));
    expect(claims.exp! - claims.iat!).toBe(15);
    expect(claims.iss).toBe("customs-gateway");
    expect(claims.aud).toBe("debt");
    const short = decodeJwt(await signPrincipal(user, SECRET, DEBT, 5));
    expect(short.exp! - short.iat!).toBe(5);
  });

  it("refuses a token signed for another subgraph: a header sent to identity is worthless at debt", async () => {
    expect(await verifyPrincipal(await signPrincipal(user, SECRET, "identity"), SECRET, DEBT)).toBeNull();
    expect(await verifyPrincipal(await signPrincipal(user, SECRET, "identity"), SECRET, "identity")).toEqual(user);
  });

  it("refuses a token past its lifetime (beyond the 5 s clock tolerance), and one that claims to live longer than a minute", async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await verifyPrincipal(await forge({ issuedAt: now - 30, expiresAt: now - 10 }), SECRET, DEBT)).toBeNull();
    expect(await verifyPrincipal(await forge({ issuedAt: now - 12, expiresAt: now - 2 }), SECRET, DEBT)).toEqual(user);
    expect(await verifyPrincipal(await forge({ issuedAt: now, expiresAt: now + 120 }), SECRET, DEBT)).toBeNull();
  });

  it("accepts a token forged the way signPrincipal signs (the control for the refusals below)", async () => {
    expect(await verifyPrincipal(await forge({}), SECRET, DEBT)).toEqual(user);
  });

  it("refuses a token signed with another secret", async () => {
    expect(await verifyPrincipal(await signPrincipal(officer, OTHER_SECRET, DEBT), SECRET, DEBT)).toBeNull();
    expect(await verifyPrincipal(await forge({ secret: OTHER_SECRET }), SECRET, DEBT)).toBeNull();
  });

  it("refuses an expired token", async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await verifyPrincipal(await forge({ issuedAt: now - 600, expiresAt: now - 5 }), SECRET, DEBT)).toBeNull();
  });

  it("refuses a token whose payload was changed after signing", async () => {
    const token = await signPrincipal(user, SECRET, DEBT);
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    claims.p = { ...claims.p, kind: "OFFICER", officerRoles: ["DGD"] };
    const tampered = [header, Buffer.from(JSON.stringify(claims)).toString("base64url"), signature].join(".");
    expect(tampered).not.toBe(token);
    expect(await verifyPrincipal(tampered, SECRET, DEBT)).toBeNull();
  });

  it("refuses a token for another audience or from another issuer", async () => {
    expect(await verifyPrincipal(await forge({ audience: "customs-subgraphs" }), SECRET, DEBT)).toBeNull();
    expect(await verifyPrincipal(await forge({ issuer: "someone-else" }), SECRET, DEBT)).toBeNull();
  });

  it("refuses an unsigned (alg: none) token", async () => {
    const [, payload] = (await signPrincipal(officer, SECRET, DEBT)).split(".");
    const none = `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${payload}.`;
    expect(await verifyPrincipal(none, SECRET, DEBT)).toBeNull();
  });

  it("refuses a validly signed token whose payload is not a principal", async () => {
    expect(await verifyPrincipal(await forge({ principal: { kind: "OFFICER" } }), SECRET, DEBT)).toBeNull();
    expect(await verifyPrincipal(await forge({ principal: { kind: 7, partners: [], officerRoles: [] } }), SECRET, DEBT)).toBeNull();
    expect(await verifyPrincipal(await forge({ principal: "OFFICER" }), SECRET, DEBT)).toBeNull();
  });

  it("returns null for a missing header and for garbage", async () => {
    for (const garbage of [undefined, "", "garbage", "a.b.c", "Bearer x.y.z", `${"x".repeat(40)}.${"y".repeat(40)}.${"z".repeat(40)}`]) {
      expect(await verifyPrincipal(garbage, SECRET, DEBT)).toBeNull();
    }
  });
});

describe("signingSecret", () => {
  it("uses the configured secret", () => {
    const value = "s".repeat(32);
    expect(Buffer.from(signingSecret({ SUBGRAPH_SIGNING_SECRET: value })).toString("utf8")).toBe(value);
  });

  it("refuses a secret shorter than 32 characters, in development and in production", () => {
    expect(() => signingSecret({ SUBGRAPH_SIGNING_SECRET: "s".repeat(31) })).toThrow(/at least 32 characters/);
    expect(() => signingSecret({ SUBGRAPH_SIGNING_SECRET: "short", NODE_ENV: "production" })).toThrow(/at least 32 characters/);
  });

  it("refuses to fall back to the development secret in production", () => {
    expect(() => signingSecret({ NODE_ENV: "production" })).toThrow(/must be set in production/);
    expect(() => signingSecret({ NODE_ENV: "production", SUBGRAPH_SIGNING_SECRET: "" })).toThrow(/must be set in production/);
    expect(signingSecret({ NODE_ENV: "production", SUBGRAPH_SIGNING_SECRET: "p".repeat(40) }).length).toBe(40);
  });

  it("falls back to one fixed development secret outside production, so a fresh clone starts", async () => {
    const a = signingSecret({});
    const b = signingSecret({ NODE_ENV: "test" });
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    // Two subgraphs started without configuration still trust each other.
    expect(await verifyPrincipal(await signPrincipal(officer, a, DEBT), b, DEBT)).toEqual(officer);
  });
});

describe("isOfficer", () => {
  it("is true for any officer when no role is asked for", () => {
    expect(isOfficer(officer)).toBe(true);
    expect(isOfficer({ ...officer, officerRoles: [] })).toBe(true);
  });

  it("is true when the officer holds one of the roles asked for, false otherwise", () => {
    expect(isOfficer(officer, "DGD")).toBe(true);
    expect(isOfficer(officer, "ONBOARDING_SERVICE", "AUDITOR")).toBe(true);
    expect(isOfficer(officer, "ONBOARDING_SERVICE", "CUSTOMS_OFFICE")).toBe(false);
    expect(isOfficer({ ...officer, officerRoles: [] }, "DGD")).toBe(false);
  });

  it("is false for every caller that is not an officer, whatever officer roles it carries", () => {
    expect(isOfficer(user)).toBe(false);
    expect(isOfficer({ ...user, officerRoles: ["DGD"] }, "DGD")).toBe(false);
    expect(isOfficer({ ...servicePrincipal("debt"), officerRoles: ["DGD"] }, "DGD")).toBe(false);
    expect(isOfficer({ kind: "ANONYMOUS", partners: [], officerRoles: [] })).toBe(false);
    expect(isOfficer({ kind: "API_APPLICATION", applicationId: "a-1", partners: [], officerRoles: ["DGD"] }, "DGD")).toBe(false);
  });
});
