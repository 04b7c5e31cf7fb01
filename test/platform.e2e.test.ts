import { mintDevToken } from "../scripts/mint-token";
import { BusinessPartner } from "../subgraphs/identity/entities/business-partner.entity";
import { PartnerEntryMode, PartnerStatus, PartnerType } from "../subgraphs/identity/entities/enums";
import { uidFromDigits } from "../subgraphs/identity/services/secrets";
import { signPrincipal, servicePrincipal, PRINCIPAL_HEADER } from "../subgraphs/kit";
import { gql, GraphQLResponse } from "./support/graphql";
import { Platform, startPlatform } from "./support/platform";

/**
 * The platform end to end (issue "The federated platform end to end"): a partner's whole
 * onboarding through the real gateway over HTTP, its software calling with the keys it got,
 * direct calls to a subgraph refused, batched entity resolution, and a stopped subgraph.
 */
let p: Platform;
let officerToken: string;

beforeAll(async () => {
  p = await startPlatform("customs_test_e2e_platform");
  officerToken = await mintDevToken({ kind: "officer", sub: "officer-e2e", roles: ["ONBOARDING_SERVICE", "DGD"] });
});
afterAll(async () => {
  await p?.stop();
});

const call = <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, bearer?: string): Promise<GraphQLResponse<T>> =>
  gql<T>(p.gatewayUrl, query, variables, bearer ? { bearer } : {});

function ok<T>(res: GraphQLResponse<T>): T {
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data as T;
}

describe("a freight forwarder through the gateway", () => {
  let keys: { accessToken: string; refreshToken: string; consumerKey: string; consumerSecret: string };
  let partnerId: string;
  let applicationId: string;

  it("onboards from CH-LOGIN registration to API keys (ePortal steps 1-5, ID-R01 to ID-R23)", async () => {
    const uid = uidFromDigits("70000001");
    ok(await call(`mutation ($uid: String!) { recordUidRegisterEntry(input: { uid: $uid, name: "Gotthard Spedition AG", partnerType: LEGAL_ENTITY, address: { street: "Gotthardstrasse 9", postalCode: "6490", city: "Andermatt", country: "CH" }, domicileInCustomsTerritory: true }) { uidRegisterEntry { uid } } }`, { uid }, officerToken));
    const alice = await mintDevToken({ kind: "portal_user", sub: "chlogin|gotthard-admin" });

    // Step 1: register the CH-LOGIN account and secure it.
    ok(await call(`mutation { registerPortalUser(input: { email: "admin@gotthard.example" }) { portalUser { id } } }`, {}, alice));
    ok(await call(`mutation { addSecondFactor(input: { kind: MTAN }) { portalUser { status } } }`, {}, alice));
    // Step 2: find the company in the UID register (public) and register it.
    const search = ok(await call(`{ uidRegisterSearch(query: "gotthard") { uid } }`));
    expect(search.uidRegisterSearch).toEqual([{ uid }]);
    const reg = ok(await call(`mutation ($uid: String!) { registerBusinessPartner(input: { uid: $uid }) { businessPartner { id status } } }`, { uid }, alice));
    partnerId = reg.registerBusinessPartner.businessPartner.id;
    expect(reg.registerBusinessPartner.businessPartner.status).toBe("VERIFICATION_PENDING");
    // Step 3: the letter arrives; the code makes Alice the administrator.
    const [letter] = await p.spool.lettersFor(partnerId);
    const terms = ok(await call(`{ termsOfUse { version } }`)).termsOfUse.version;
    const redeemed = ok(await call(`mutation ($c: String!, $v: String!) { redeemOnboardingCode(input: { code: $c, acceptTermsOfUse: true, termsVersion: $v }) { membership { portalRole partner { status } } } }`, { c: letter.onboardingCode, v: terms }, alice));
    expect(redeemed.redeemOnboardingCode.membership).toEqual({ portalRole: "ADMINISTRATOR", partner: { status: "ONBOARDED" } });
    // Step 4: the Freight role is released at once.
    const role = ok(await call(`mutation ($p: ID!) { requestPartnerRole(input: { partnerId: $p, roleType: FREIGHT }) { role { status } } }`, { p: partnerId }, alice));
    expect(role.requestPartnerRole.role.status).toBe("ACTIVE");
    // Step 5: API self-service, one application, four keys.
    const sub = ok(await call(`mutation ($p: ID!) { subscribeToApi(input: { partnerId: $p, apiName: "B2B HuB Partner API for Passar declarations" }) { subscription { id } } }`, { p: partnerId }, alice));
    const app = ok(await call(`mutation ($s: ID!) { createApiApplication(input: { subscriptionId: $s, softwareName: "Alpsoft Zoll 3" }) { application { id } credentials { accessToken refreshToken consumerKey consumerSecret } } }`, { s: sub.subscribeToApi.subscription.id }, alice));
    keys = app.createApiApplication.credentials;
    applicationId = app.createApiApplication.application.id;
    expect(keys.accessToken).toMatch(/^cat_/);
  });

  it("answers the partner's software with its keys, and only about its own partner", async () => {
    const mine = ok(await call(`{ businessPartners { totalCount edges { node { id name apiSelfServiceAvailable roles { edges { node { roleType status } } } } } } }`, {}, keys.accessToken));
    expect(mine.businessPartners).toEqual({ totalCount: 1, edges: [{ node: { id: partnerId, name: "Gotthard Spedition AG", apiSelfServiceAvailable: true, roles: { edges: [{ node: { roleType: "FREIGHT", status: "ACTIVE" } }] } } }] });
    const others = ok(await call(`{ businessPartners(first: 100) { totalCount } }`, {}, officerToken));
    expect(others.businessPartners.totalCount).toBeGreaterThanOrEqual(1);
    // Renewing with the refresh token needs no other credential.
    const renewed = ok(await call(`mutation ($r: String!) { renewApiAccessToken(input: { refreshToken: $r }) { accessToken } }`, { r: keys.refreshToken }));
    expect(ok(await call(`{ businessPartners { totalCount } }`, {}, renewed.renewApiAccessToken.accessToken)).businessPartners.totalCount).toBe(1);
  });

  it("stops the keys at once when the application is deleted", async () => {
    const alice = await mintDevToken({ kind: "portal_user", sub: "chlogin|gotthard-admin" });
    ok(await call(`mutation ($id: ID!) { deleteApiApplication(input: { applicationId: $id }) { application { status } } }`, { id: applicationId }, alice));
    const res = await call(`{ businessPartners { totalCount } }`, {}, keys.accessToken);
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe("API_APPLICATION_REVOKED");
  });

  it("refuses an unknown bearer token and an expired officer token with 401", async () => {
    expect((await call(`{ apiCatalogue }`, {}, "cat_made_up")).errors?.[0].extensions?.code).toBe("API_TOKEN_INVALID");
    const expired = await mintDevToken({ kind: "officer", sub: "late", roles: ["AUDITOR"], ttlSeconds: -60 });
    const res = await call(`{ apiCatalogue }`, {}, expired);
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("a subgraph reached directly", () => {
  it("refuses an unsigned or forged call, _entities included, and gives nothing away", async () => {
    const url = `${p.identityHost.url}/graphql`;
    const entities = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on BusinessPartner { id name } } }`;
    const unsigned = await gql(url, entities, { r: [{ __typename: "BusinessPartner", id: "x" }] });
    expect(unsigned.status).toBe(401);
    expect(unsigned.errors?.[0].extensions?.code).toBe("UNSIGNED_REQUEST");
    expect(unsigned.data).toBeUndefined();
    const { SignJWT } = await import("jose");
    const forged = await new SignJWT({ p: { kind: "OFFICER", partners: [], officerRoles: ["AUDITOR"] } })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("customs-gateway")
      .setAudience("customs-subgraphs")
      .setExpirationTime("2m")
      .sign(new TextEncoder().encode("an-attacker-guess-of-the-secret-0123456789"));
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", [PRINCIPAL_HEADER]: forged }, body: JSON.stringify({ query: "{ businessPartners { totalCount } }" }) });
    expect(res.status).toBe(401);
    const internal = await fetch(`${p.identityHost.url}/internal/principal`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ kind: "PORTAL_USER", subject: "chlogin|gotthard-admin" }) });
    expect(internal.status).toBe(401);
  });
});

describe("entity references across subgraphs", () => {
  it("resolves 100 partners referenced by another subgraph with at most 2 SQL statements in identity", async () => {
    const repo = p.identity.runtime.dataSource.getRepository(BusinessPartner);
    const ids: string[] = [];
    const rows = Array.from({ length: 100 }, (_, i) => {
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
      ids.push(id);
      return repo.create({
        id,
        partnerType: PartnerType.LEGAL_ENTITY,
        name: `Batch Partner ${String(i).padStart(3, "0")}`,
        uid: null,
        berNumber: null,
        headOfficeId: null,
        registerAddress: { street: "Weg 1", postalCode: "3000", city: "Bern", country: "CH" },
        entryMode: PartnerEntryMode.MANUAL,
        domicileInCustomsTerritory: true,
        status: PartnerStatus.ONBOARDED,
        registeredById: "seed",
        createdAt: new Date("2026-01-01T00:00:00Z"),
      });
    });
    await repo.insert(rows);

    const query = `query ($ids: [ID!]!) { probePartners(ids: $ids) { id name status } }`;
    await call(query, { ids: ids.slice(0, 2) }, officerToken); // warm the query plan cache
    const { result, statements, sql } = await p.identity.runtime.sql.measure(() => call(query, { ids }, officerToken));
    const data = ok(result);
    expect(data.probePartners).toHaveLength(100);
    expect(data.probePartners[42]).toEqual({ id: ids[42], name: "Batch Partner 042", status: "ONBOARDED" });
    expect({ statements, sql }).toEqual({ statements: expect.any(Number), sql: expect.any(Array) });
    expect(statements).toBeLessThanOrEqual(2);
    expect(statements).toBeGreaterThanOrEqual(1);

    // The same through identity's own _entities, as the gateway sends it, signed.
    const token = await signPrincipal(servicePrincipal("gateway"), (await import("../subgraphs/kit")).signingSecret(), "identity");
    const direct = await p.identity.runtime.sql.measure(() =>
      fetch(`${p.identityHost.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", [PRINCIPAL_HEADER]: token },
        body: JSON.stringify({ query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on BusinessPartner { id name } } }`, variables: { r: ids.map(id => ({ __typename: "BusinessPartner", id })) } }),
      }).then(r => r.json()),
    );
    expect((direct.result as any).data._entities).toHaveLength(100);
    expect(direct.statements).toBe(1);
  });
});

describe("a subgraph that hangs", () => {
  it("answers the other fields and names the slow service once its time is up", async () => {
    const started = Date.now();
    const res = await call(`{ termsOfUse { version } slowProbe(ms: 3000) }`);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(res.data).toEqual({ termsOfUse: { version: "2024-01" }, slowProbe: null });
    expect(res.errors?.[0].extensions).toMatchObject({ code: "SUBGRAPH_TIMEOUT", serviceName: "probe" });
  });
});

describe("a subgraph that is down", () => {
  it("reports it in /ready and still answers the other subgraph's fields, naming the missing service", async () => {
    const gatewayBase = p.gatewayUrl.replace(/\/graphql$/, "");
    expect((await fetch(`${gatewayBase}/ready`)).status).toBe(200);
    await p.stopIdentity();
    const ready = await fetch(`${gatewayBase}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ unreachable: ["identity"] });

    const res = await call(`{ probeStatus me { id } }`);
    expect(res.data).toEqual({ probeStatus: "probe up for ANONYMOUS", me: null });
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0].extensions).toMatchObject({ code: "SUBGRAPH_UNAVAILABLE", serviceName: "identity" });
    expect(res.errors?.[0].message).toContain("identity");

    // An officer's token is verified by the gateway itself: still served while identity is down.
    const officer = await call(`{ probeStatus }`, {}, officerToken);
    expect(officer.data).toEqual({ probeStatus: "probe up for OFFICER" });
  });
});
