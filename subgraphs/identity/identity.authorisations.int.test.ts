import { randomUUID } from "node:crypto";
import { errorCode, officer } from "../../test/support/graphql";
import { DGD, IdentityHarness, ONBOARDING, onboardedPartner, registerCompany, securedUser, startIdentity } from "../../test/support/identity-harness";
import { processOnce } from "../kit";
import { CoveringSecurity } from "./entities/covering-security.entity";
import { definition } from "./identity.subgraph";
import { fingerprint, sha256 } from "./services/secrets";

/**
 * Identity on MariaDB: API self-service (ePortal step 5), e-dec/NCTS authorisations and declaring
 * employees (OD-AFD art. 8-11) and AEO status (LD art. 42a).
 */
let h: IdentityHarness;

beforeAll(async () => {
  h = await startIdentity("customs_test_identity_authorisations");
});
afterAll(async () => {
  await h?.stop();
});

async function expectRefused(principal: Parameters<IdentityHarness["as"]>[0], query: string, variables: Record<string, unknown>, code: string) {
  const before = await h.fingerprint();
  const res = await h.as(principal, query, variables);
  expect(res.errors?.[0]?.extensions?.code).toBe(code);
  expect(await h.fingerprint()).toBe(before);
  return res.errors![0];
}

/**
 * A renewal refused for a wrong secret or a replayed refresh token counts a failure against the
 * application (DESIGN CHOICE lockout, lockout.int.test.ts): that count is its only write.
 */
async function expectRefusedCountingAFailure(principal: Parameters<IdentityHarness["as"]>[0], query: string, variables: Record<string, unknown>, code: string) {
  const ds = h.subgraph.runtime.dataSource;
  const others = ds.entityMetadatas.map(m => m.tableName).filter(t => t !== "api_renewal_lockout").sort();
  const checksum = async (tables: string[]) => JSON.stringify(await ds.query(`CHECKSUM TABLE ${tables.map(t => `\`${t}\``).join(", ")}`));
  const [before, countBefore] = [await checksum(others), await checksum(["api_renewal_lockout"])];
  const res = await h.as(principal, query, variables);
  expect(res.errors?.[0]?.extensions?.code).toBe(code);
  expect(await checksum(others)).toBe(before);
  expect(await checksum(["api_renewal_lockout"])).not.toBe(countBefore);
  return res.errors![0];
}

/** Delivers a debt event through identity's real handler, once per envelope id, as the relay would. */
async function deliver(type: "SecurityProvided" | "SecurityEnded", payload: Record<string, unknown>, id: string = randomUUID()) {
  const handler = definition.eventHandlers!(h.subgraph.services)[type];
  return processOnce(h.subgraph.runtime.dataSource, { id, type, producer: "debt", aggregateId: String(payload.partnerId), occurredAt: h.clock.now().toISOString(), payload }, handler, h.clock);
}

async function introspect(token: string): Promise<{ status: number; body: any }> {
  const { signPrincipal, signingSecret, servicePrincipal, PRINCIPAL_HEADER } = await import("../kit");
  const res = await fetch(`${h.host.url}/internal/principal`, {
    method: "POST",
    headers: { "content-type": "application/json", [PRINCIPAL_HEADER]: await signPrincipal(servicePrincipal("gateway"), signingSecret(), "identity") },
    body: JSON.stringify({ kind: "API_ACCESS_TOKEN", token }),
  });
  return { status: res.status, body: await res.json() };
}

const REQUEST_ROLE = `mutation ($p: ID!, $r: PartnerRoleType!) { requestPartnerRole(input: { partnerId: $p, roleType: $r }) { role { id status } } }`;
const SUBSCRIBE = `mutation ($p: ID!, $api: String! = "B2B HuB Partner API for Passar declarations") { subscribeToApi(input: { partnerId: $p, apiName: $api }) { subscription { id apiName status } } }`;
const CREATE_APP = `mutation ($s: ID!) { createApiApplication(input: { subscriptionId: $s, softwareName: "ClearWay 5" }) { application { id softwareName keyFingerprints } credentials { accessToken refreshToken consumerKey consumerSecret accessTokenExpiresAt } } }`;

describe("ePortal step 5: API self-service", () => {
  it("opens only with an active ACee, ACor or Freight role; Transport is not enough (ID-R20, ID-R21, ePortal step 5)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|api21", "20000001", "Transport Only AG");
    await h.as(admin, REQUEST_ROLE, { p: partnerId, r: "TRANSPORT" });
    const tile = await h.as(admin, `query ($id: ID!) { businessPartner(id: $id) { apiSelfServiceAvailable } }`, { id: partnerId });
    expect(tile.data?.businessPartner.apiSelfServiceAvailable).toBe(false);
    const refused = await expectRefused(admin, SUBSCRIBE, { p: partnerId }, "API_SELF_SERVICE_UNAVAILABLE");
    expect(refused.extensions).toMatchObject({ rule: "ID-R21", article: "ePortal step 5" });
    // An ACee role in clarification is not active yet.
    await h.as(admin, REQUEST_ROLE, { p: partnerId, r: "AUTHORISED_CONSIGNEE" });
    await expectRefused(admin, SUBSCRIBE, { p: partnerId }, "API_SELF_SERVICE_UNAVAILABLE");
    await h.as(admin, REQUEST_ROLE, { p: partnerId, r: "FREIGHT" });
    expect((await h.as(admin, SUBSCRIBE, { p: partnerId })).data?.subscribeToApi.subscription.status).toBe("ACTIVE");
  });

  it("subscribes to a catalogue API and names the application after the software (ID-R22, ePortal step 5)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|api22", "20000002", "Catalogue AG");
    await h.as(admin, REQUEST_ROLE, { p: partnerId, r: "FREIGHT" });
    await expectRefused(admin, SUBSCRIBE, { p: partnerId, api: "Some Other API" }, "API_NOT_IN_CATALOGUE");
    const sub = await h.as(admin, SUBSCRIBE, { p: partnerId });
    await expectRefused(admin, SUBSCRIBE, { p: partnerId }, "ALREADY_SUBSCRIBED");
    const app = await h.as(admin, CREATE_APP, { s: sub.data?.subscribeToApi.subscription.id });
    expect(app.data?.createApiApplication.application.softwareName).toBe("ClearWay 5");
    const clerk = await securedUser(h, "chlogin|api22clerk", "api22clerk@example.ch");
    await h.as(admin, `mutation ($p: ID!) { addPartnerUser(input: { partnerId: $p, email: "api22clerk@example.ch", portalRole: USER }) { membership { id } } }`, { p: partnerId });
    await expectRefused(clerk, CREATE_APP, { s: sub.data?.subscribeToApi.subscription.id }, "NOT_PARTNER_ADMINISTRATOR");
  });

  it("issues four keys once, keeps only hashes and fingerprints, and regenerating revokes the old ones at once (ID-R23, ID-R24, ePortal step 5)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|api23", "20000003", "Keys AG");
    await h.as(admin, REQUEST_ROLE, { p: partnerId, r: "FREIGHT" });
    const sub = await h.as(admin, SUBSCRIBE, { p: partnerId });
    const created = (await h.as(admin, CREATE_APP, { s: sub.data?.subscribeToApi.subscription.id })).data!.createApiApplication;
    const keys = created.credentials;
    expect(Object.values(keys).every(Boolean)).toBe(true);
    expect(created.application.keyFingerprints).toHaveLength(4);
    const dump = JSON.stringify(await h.subgraph.runtime.dataSource.query("SELECT * FROM api_token")) + JSON.stringify(await h.subgraph.runtime.dataSource.query("SELECT * FROM api_application"));
    expect(dump).not.toContain(keys.accessToken);
    expect(dump).not.toContain(keys.consumerSecret);
    // The keys cannot be read again: the type has no field for them.
    const again = await h.as(admin, `query ($id: ID!) { businessPartner(id: $id) { apiSubscriptions { applications { edges { node { id credentials } } } } } }`, { id: partnerId });
    expect(errorCode(again)).toBe("GRAPHQL_VALIDATION_FAILED");

    expect((await introspect(keys.accessToken)).body.principal).toMatchObject({ kind: "API_APPLICATION", partners: [{ partnerId, portalRole: null, roles: ["FREIGHT"] }] });
    const regenerated = await h.as(admin, `mutation ($id: ID!) { regenerateApiKeys(input: { applicationId: $id }) { credentials { accessToken } application { keyFingerprints } } }`, { id: created.application.id });
    const fresh = regenerated.data?.regenerateApiKeys.credentials.accessToken;
    expect(regenerated.data?.regenerateApiKeys.application.keyFingerprints).not.toEqual(created.application.keyFingerprints);
    expect(await introspect(keys.accessToken)).toMatchObject({ status: 401, body: { code: "API_APPLICATION_REVOKED" } });
    expect((await introspect(fresh)).status).toBe(200);
    const renewOld = await h.as(officer(), `mutation ($k: String!, $s: String!) { renewApiAccessToken(input: { consumerKey: $k, consumerSecret: $s }) { accessToken } }`, { k: keys.consumerKey, s: keys.consumerSecret });
    expect(errorCode(renewOld)).toBe("API_TOKEN_INVALID");
  });

  it("renews the access token with a rotating refresh token or with consumer key and secret, and refuses expired or deleted keys", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|renew", "20000004", "Renew AG");
    await h.as(admin, REQUEST_ROLE, { p: partnerId, r: "AUTHORISED_CONSIGNOR" });
    const role = (await h.as(ONBOARDING, `{ partnerRoleRequests(first: 100) { edges { node { id partner { id } } } } }`)).data!.partnerRoleRequests.edges.find((e: any) => e.node.partner.id === partnerId).node;
    await h.as(ONBOARDING, `mutation ($id: ID!) { releasePartnerRole(input: { roleId: $id }) { role { status } } }`, { id: role.id });
    const sub = await h.as(admin, SUBSCRIBE, { p: partnerId });
    const { application, credentials } = (await h.as(admin, CREATE_APP, { s: sub.data?.subscribeToApi.subscription.id })).data!.createApiApplication;
    const anonymous = { kind: "ANONYMOUS" as const, partners: [], officerRoles: [] };
    const RENEW = `mutation ($input: RenewApiAccessTokenInput!) { renewApiAccessToken(input: $input) { accessToken refreshToken accessTokenExpiresAt } }`;

    const byRefresh = await h.as(anonymous, RENEW, { input: { refreshToken: credentials.refreshToken } });
    expect(byRefresh.data?.renewApiAccessToken.accessTokenExpiresAt).toBe("2026-03-02T09:00:00.000Z");
    await expectRefusedCountingAFailure(anonymous, RENEW, { input: { refreshToken: credentials.refreshToken } }, "API_TOKEN_INVALID");
    await expectRefusedCountingAFailure(anonymous, RENEW, { input: { consumerKey: credentials.consumerKey, consumerSecret: "cs_wrong" } }, "API_TOKEN_INVALID");
    await expectRefused(anonymous, RENEW, { input: { consumerKey: credentials.consumerKey } }, "BAD_USER_INPUT");
    const byClient = await h.as(anonymous, RENEW, { input: { consumerKey: credentials.consumerKey, consumerSecret: credentials.consumerSecret } });
    expect((await introspect(byClient.data?.renewApiAccessToken.accessToken)).status).toBe(200);

    // An access token lives one hour.
    h.clock.advance(3600_000);
    expect(await introspect(byClient.data?.renewApiAccessToken.accessToken)).toMatchObject({ status: 401, body: { code: "API_TOKEN_EXPIRED" } });
    h.clock.set("2026-03-02T09:00:00+01:00");

    await h.as(admin, `mutation ($id: ID!) { deleteApiApplication(input: { applicationId: $id }) { application { status } } }`, { id: application.id });
    expect(await introspect(byClient.data?.renewApiAccessToken.accessToken)).toMatchObject({ status: 401, body: { code: "API_APPLICATION_REVOKED" } });
    expect(await introspect("cat_unknown")).toMatchObject({ status: 401, body: { code: "API_TOKEN_INVALID" } });
  });

  const RENEW_BY_CLIENT = `mutation ($k: String!, $s: String!) { renewApiAccessToken(input: { consumerKey: $k, consumerSecret: $s }) { accessToken refreshToken } }`;
  const REGENERATE = `mutation ($id: ID!) { regenerateApiKeys(input: { applicationId: $id }) { application { id keyFingerprints } credentials { accessToken refreshToken consumerKey consumerSecret } } }`;
  const anonymous = { kind: "ANONYMOUS" as const, partners: [], officerRoles: [] };
  const storedApplication = async (id: string) => ((await h.subgraph.runtime.dataSource.query("SELECT * FROM api_application WHERE id = ?", [id])) as Record<string, unknown>[])[0];

  async function applicationWithKeys(subject: string, digits: string, name: string) {
    const { partnerId, admin } = await onboardedPartner(h, subject, digits, name);
    await h.as(admin, REQUEST_ROLE, { p: partnerId, r: "FREIGHT" });
    const sub = await h.as(admin, SUBSCRIBE, { p: partnerId });
    const created = (await h.as(admin, CREATE_APP, { s: sub.data?.subscribeToApi.subscription.id })).data!.createApiApplication;
    return { partnerId, admin, application: created.application, credentials: created.credentials };
  }

  it("shows the consumer key only in the payload that issues it: ApiApplication has no field for it and the database keeps only its hash (ID-R23, ePortal step 5)", async () => {
    const { partnerId, admin, application, credentials } = await applicationWithKeys("chlogin|ck-once", "20000011", "Consumer Key AG");
    expect(credentials.consumerKey).toMatch(/^ck_/);
    expect(application.keyFingerprints).toContain(fingerprint(credentials.consumerKey));

    const type = await h.as(admin, `{ __type(name: "ApiApplication") { fields { name } } }`);
    const fields = type.data?.__type.fields.map((f: { name: string }) => f.name);
    expect(fields).toEqual(expect.arrayContaining(["id", "softwareName", "keyFingerprints"]));
    expect(fields).not.toContain("consumerKey");
    expect(fields.filter((f: string) => /token|secret|consumer/i.test(f))).toEqual([]);
    const later = await h.as(admin, `query ($id: ID!) { businessPartner(id: $id) { apiSubscriptions { applications { edges { node { id consumerKey } } } } } }`, { id: partnerId });
    expect(errorCode(later)).toBe("GRAPHQL_VALIDATION_FAILED");

    const row = await storedApplication(application.id);
    expect(row).not.toHaveProperty("consumer_key");
    expect(row.consumer_key_hash).toBe(sha256(credentials.consumerKey));
    expect(row.consumer_key_hash).not.toBe(credentials.consumerKey);
    expect(JSON.stringify(row)).not.toContain(credentials.consumerKey);

    // Regenerated: the new key is in the payload, its hash replaces the old one, neither is stored in clear.
    const regenerated = (await h.as(admin, REGENERATE, { id: application.id })).data!.regenerateApiKeys;
    expect(regenerated.credentials.consumerKey).toMatch(/^ck_/);
    expect(regenerated.credentials.consumerKey).not.toBe(credentials.consumerKey);
    expect(regenerated.application.keyFingerprints).toContain(fingerprint(regenerated.credentials.consumerKey));
    expect(regenerated.application.keyFingerprints).not.toContain(fingerprint(credentials.consumerKey));
    const after = await storedApplication(application.id);
    expect(after.consumer_key_hash).toBe(sha256(regenerated.credentials.consumerKey));
    expect(JSON.stringify(after)).not.toContain(regenerated.credentials.consumerKey);
  });

  it("renews with the consumer key and secret, found by the key's hash, and refuses a wrong key or secret with API_TOKEN_INVALID, changing nothing but the wrong secret's failure count (ID-R23, ePortal step 5)", async () => {
    const { credentials } = await applicationWithKeys("chlogin|ck-renew", "20000014", "Renew By Key AG");
    const renewed = await h.as(anonymous, RENEW_BY_CLIENT, { k: credentials.consumerKey, s: credentials.consumerSecret });
    expect(renewed.errors).toBeUndefined();
    expect((await introspect(renewed.data?.renewApiAccessToken.accessToken)).status).toBe(200);
    // The stored hash itself is no key.
    await expectRefused(anonymous, RENEW_BY_CLIENT, { k: sha256(credentials.consumerKey), s: credentials.consumerSecret }, "API_TOKEN_INVALID");
    await expectRefused(anonymous, RENEW_BY_CLIENT, { k: `${credentials.consumerKey}x`, s: credentials.consumerSecret }, "API_TOKEN_INVALID");
    await expectRefusedCountingAFailure(anonymous, RENEW_BY_CLIENT, { k: credentials.consumerKey, s: `${credentials.consumerSecret}x` }, "API_TOKEN_INVALID");
  });

  it("invalidates the old consumer key when the keys are regenerated: only the new key and secret renew (ID-R23, ePortal step 5)", async () => {
    const { admin, application, credentials } = await applicationWithKeys("chlogin|ck-regen", "20000013", "Regenerated Key AG");
    const fresh = (await h.as(admin, REGENERATE, { id: application.id })).data!.regenerateApiKeys.credentials;
    await expectRefused(anonymous, RENEW_BY_CLIENT, { k: credentials.consumerKey, s: credentials.consumerSecret }, "API_TOKEN_INVALID");
    await expectRefused(anonymous, RENEW_BY_CLIENT, { k: credentials.consumerKey, s: fresh.consumerSecret }, "API_TOKEN_INVALID");
    await expectRefusedCountingAFailure(anonymous, RENEW_BY_CLIENT, { k: fresh.consumerKey, s: credentials.consumerSecret }, "API_TOKEN_INVALID");
    const renewed = await h.as(anonymous, RENEW_BY_CLIENT, { k: fresh.consumerKey, s: fresh.consumerSecret });
    expect((await introspect(renewed.data?.renewApiAccessToken.accessToken)).status).toBe(200);
  });

  it("stops an application's keys when the partner loses its last ACee, ACor or Freight role (ID-R21, ePortal step 5)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|lose", "20000005", "Lose Role AG");
    const freight = await h.as(admin, REQUEST_ROLE, { p: partnerId, r: "FREIGHT" });
    const sub = await h.as(admin, SUBSCRIBE, { p: partnerId });
    const { credentials } = (await h.as(admin, CREATE_APP, { s: sub.data?.subscribeToApi.subscription.id })).data!.createApiApplication;
    expect((await introspect(credentials.accessToken)).status).toBe(200);
    await h.as(admin, `mutation ($id: ID!) { removePartnerRole(input: { roleId: $id }) { role { status } } }`, { id: freight.data?.requestPartnerRole.role.id });
    expect(await introspect(credentials.accessToken)).toMatchObject({ status: 401, body: { code: "API_SELF_SERVICE_UNAVAILABLE" } });
  });
});

const APPLY = `mutation ($input: ApplyForCustomsSystemAuthorisationInput!) { applyForCustomsSystemAuthorisation(input: $input) { authorisation { id status systems scope missingConditions } } }`;
const step = (name: string) => `mutation ($id: ID!) { ${name}(input: { authorisationId: $id }) { authorisation { id status businessNumber documentsCompleteAt decisionDueBy decisionOverdue missingConditions } } }`;
const baseApplication = (partnerId: string) => ({
  partnerId,
  systems: ["EDEC", "NCTS"],
  scope: "DOMESTIC",
  writtenApplicationReference: "DGD-2026-0001",
  itEquipmentConfirmed: true,
  properConductGuaranteed: true,
});

describe("e-dec/NCTS authorisations (OD-AFD art. 8-9)", () => {
  it("grants only when every condition of art. 8 para. 1 holds, and assigns a business number (ID-R25, OD-AFD art. 8 para. 1)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|edec", "30000001", "Edec AG");
    const applied = await h.as(admin, APPLY, { input: { ...baseApplication(partnerId), itEquipmentConfirmed: false } });
    const id = applied.data?.applyForCustomsSystemAuthorisation.authorisation.id;
    expect(applied.data?.applyForCustomsSystemAuthorisation.authorisation.missingConditions).toEqual([
      "IT equipment (OD-AFD art. 8 para. 1 let. b)",
      "security for the expected levies (OD-AFD art. 8 para. 1 let. c)",
    ]);
    await expectRefused(admin, APPLY, { input: baseApplication(partnerId) }, "AUTHORISATION_ALREADY_OPEN");
    await expectRefused(admin, step("recordAuthorisationDocumentsComplete"), { id }, "OFFICER_ROLE_REQUIRED");
    await expectRefused(DGD, step("grantCustomsSystemAuthorisation"), { id }, "AUTHORISATION_TRANSITION_NOT_ALLOWED");
    expect((await h.as(DGD, step("recordAuthorisationDocumentsComplete"), { id })).data?.recordAuthorisationDocumentsComplete.authorisation.status).toBe("DOCUMENTS_COMPLETE");
    const refused = await expectRefused(DGD, step("grantCustomsSystemAuthorisation"), { id }, "AUTHORISATION_CONDITIONS_NOT_MET");
    expect(refused.extensions?.missing).toHaveLength(2);

    // The other way round the refusal: refusing an application is a decision too.
    const refusedApp = await h.as(DGD, `mutation ($id: ID!) { refuseCustomsSystemAuthorisation(input: { authorisationId: $id, reason: "No IT equipment" }) { authorisation { status refusalReason } } }`, { id });
    expect(refusedApp.data?.refuseCustomsSystemAuthorisation.authorisation).toEqual({ status: "REFUSED", refusalReason: "No IT equipment" });

    const second = await h.as(admin, APPLY, { input: baseApplication(partnerId) });
    const id2 = second.data?.applyForCustomsSystemAuthorisation.authorisation.id;
    await h.as(DGD, `mutation ($id: ID!) { recordAuthorisationSecurity(input: { authorisationId: $id, securityReference: "BOND-77" }) { authorisation { id } } }`, { id: id2 });
    await h.as(DGD, step("recordAuthorisationDocumentsComplete"), { id: id2 });
    const granted = await h.as(DGD, step("grantCustomsSystemAuthorisation"), { id: id2 });
    expect(granted.data?.grantCustomsSystemAuthorisation.authorisation).toMatchObject({ status: "GRANTED", missingConditions: [] });
    expect(granted.data?.grantCustomsSystemAuthorisation.authorisation.businessNumber).toMatch(/^\d{6}$/);
    const events = await h.subgraph.runtime.dataSource.query("SELECT payload FROM outbox_event WHERE type = 'CustomsSystemAuthorisationGranted' AND aggregate_id = ?", [partnerId]);
    expect(JSON.parse(events[0].payload)).toMatchObject({ partnerId, businessNumber: granted.data?.grantCustomsSystemAuthorisation.authorisation.businessNumber });
    const lookup = await h.as(admin, `query ($b: String!) { customsSystemAuthorisationByBusinessNumber(businessNumber: $b) { id } }`, { b: granted.data?.grantCustomsSystemAuthorisation.authorisation.businessNumber });
    expect(lookup.data?.customsSystemAuthorisationByBusinessNumber.id).toBe(id2);
  });

  it("requires a seat in the customs territory for domestic declarants (ID-R25, OD-AFD art. 8 para. 1 let. a)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|seat", "30000012", "Seatless GmbH");
    await h.subgraph.runtime.dataSource.query("UPDATE business_partner SET domicile_in_customs_territory = 0 WHERE id = ?", [partnerId]);
    const a = await h.as(admin, APPLY, { input: baseApplication(partnerId) });
    expect(a.data?.applyForCustomsSystemAuthorisation.authorisation.missingConditions).toContain("seat or domicile in the customs territory (OD-AFD art. 8 para. 1 let. a)");
  });

  it("limits a foreign border-region declarant to e-dec imports with a notification domicile and data access (ID-R26, OD-AFD art. 8 para. 2)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|border", "30000003", "Grenzland GmbH");
    await expectRefused(admin, APPLY, { input: { ...baseApplication(partnerId), scope: "FOREIGN_BORDER_REGION_IMPORT" } }, "AUTHORISATION_SCOPE_SYSTEMS");
    const a = await h.as(admin, APPLY, { input: { ...baseApplication(partnerId), scope: "FOREIGN_BORDER_REGION_IMPORT", systems: ["EDEC"] } });
    expect(a.data?.applyForCustomsSystemAuthorisation.authorisation.missingConditions).toEqual([
      "security for the expected levies (OD-AFD art. 8 para. 2)",
      "domicile for notifications in the customs territory (OD-AFD art. 8 para. 2)",
      "AFD access to data and documents (OD art. 94-98) (OD-AFD art. 8 para. 2)",
    ]);
  });

  it("asks no security of a declarant in a juxtaposed control office (ID-R27, OD-AFD art. 8 para. 3)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|juxta", "30000004", "Juxta Export SAS");
    const a = await h.as(admin, APPLY, { input: { ...baseApplication(partnerId), scope: "FOREIGN_JUXTAPOSED_OFFICE_EXPORT", juxtaposedOfficePremises: "Bureau 4, Bâle-Saint-Louis", dataAccessGranted: true } });
    const id = a.data?.applyForCustomsSystemAuthorisation.authorisation.id;
    expect(a.data?.applyForCustomsSystemAuthorisation.authorisation.missingConditions).toEqual([]);
    await h.as(DGD, step("recordAuthorisationDocumentsComplete"), { id });
    expect((await h.as(DGD, step("grantCustomsSystemAuthorisation"), { id })).data?.grantCustomsSystemAuthorisation.authorisation.status).toBe("GRANTED");
  });

  it("drops the seat condition for transit declarations (ID-R28, OD-AFD art. 8 para. 5)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|transit", "30000005", "Transit Foreign BV");
    await h.subgraph.runtime.dataSource.query("UPDATE business_partner SET domicile_in_customs_territory = 0 WHERE id = ?", [partnerId]);
    await expectRefused(admin, APPLY, { input: { ...baseApplication(partnerId), transitOnly: true } }, "AUTHORISATION_SCOPE_SYSTEMS");
    const a = await h.as(admin, APPLY, { input: { ...baseApplication(partnerId), systems: ["NCTS"], transitOnly: true } });
    expect(a.data?.applyForCustomsSystemAuthorisation.authorisation.missingConditions).toEqual(["security for the expected levies (OD-AFD art. 8 para. 1 let. c)"]);
  });

  it("sets the decision due 10 days after the documents are complete, overdue from the next midnight (ID-R29, OD-AFD art. 8 para. 6)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|due", "30000006", "Due Date AG");
    const id = (await h.as(admin, APPLY, { input: baseApplication(partnerId) })).data?.applyForCustomsSystemAuthorisation.authorisation.id;
    h.clock.set("2026-03-27T16:00:00+01:00");
    const complete = await h.as(DGD, step("recordAuthorisationDocumentsComplete"), { id });
    expect(complete.data?.recordAuthorisationDocumentsComplete.authorisation).toMatchObject({ decisionDueBy: "2026-04-06", decisionOverdue: false });
    h.clock.set("2026-04-06T23:59:59.999+02:00");
    expect((await h.as(DGD, `query { customsSystemAuthorisations(status: DOCUMENTS_COMPLETE, first: 100) { edges { node { id decisionOverdue } } } }`)).data?.customsSystemAuthorisations.edges.find((e: any) => e.node.id === id).node.decisionOverdue).toBe(false);
    h.clock.set("2026-04-07T00:00:00+02:00");
    expect((await h.as(DGD, `query { customsSystemAuthorisations(status: DOCUMENTS_COMPLETE, first: 100) { edges { node { id decisionOverdue } } } }`)).data?.customsSystemAuthorisations.edges.find((e: any) => e.node.id === id).node.decisionOverdue).toBe(true);
    h.clock.set("2026-03-02T09:00:00+01:00");
  });

  it("records security provided in the debt subgraph once, however often the event arrives (ID-R25, OD-AFD art. 8 para. 1 let. c, event X03)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|x03", "30000007", "Secured AG");
    const id = (await h.as(admin, APPLY, { input: baseApplication(partnerId) })).data?.applyForCustomsSystemAuthorisation.authorisation.id;
    const handler = (await import("./identity.subgraph")).definition.eventHandlers!(h.subgraph.services).SecurityProvided;
    const event = { id: "6f2c1b8e-1111-4c4c-9d9d-000000000003", type: "SecurityProvided", producer: "debt", aggregateId: partnerId, occurredAt: new Date().toISOString(), payload: { partnerId, reference: "CASH-1" } };
    expect(await processOnce(h.subgraph.runtime.dataSource, event, handler, h.clock)).toBe("PROCESSED");
    const before = await h.fingerprint();
    expect(await processOnce(h.subgraph.runtime.dataSource, event, handler, h.clock)).toBe("DUPLICATE");
    expect(await h.fingerprint()).toBe(before);
    const a = await h.as(DGD, `query ($b: ID!) { businessPartner(id: $b) { customsSystemAuthorisations { edges { node { id securityReference missingConditions } } } } }`, { b: partnerId });
    expect(a.data?.businessPartner.customsSystemAuthorisations.edges[0].node).toEqual({ id, securityReference: "CASH-1", missingConditions: [] });
  });

  describe("an existing security counts for condition c (ID-R25, OD-AFD art. 8 para. 1 let. c)", () => {
    const AUTHORISATIONS = `query ($p: ID!) { businessPartner(id: $p) { customsSystemAuthorisations(first: 100) { edges { node { id status securityProvidedAt securityReference missingConditions } } } } }`;
    const SECURITY_MISSING = "security for the expected levies (OD-AFD art. 8 para. 1 let. c)";
    const provided = (partnerId: string, securityId: string, kind = "GENERAL_BOND") => ({ partnerId, securityId, kind, reference: `${kind}-${securityId.slice(0, 8)}`, maxAmount: "50000.00" });
    const ended = (partnerId: string, securityId: string, reason: "CANCELLED" | "TERMINATION_RECEIVED") => ({ partnerId, securityId, reason, endedAt: h.clock.now().toISOString() });
    const authorisationOf = async (partnerId: string, id: string) =>
      (await h.as(DGD, AUTHORISATIONS, { p: partnerId })).data?.businessPartner.customsSystemAuthorisations.edges.map((e: { node: { id: string } }) => e.node).find((a: { id: string }) => a.id === id);
    const applyFor = async (admin: Parameters<IdentityHarness["as"]>[0], partnerId: string) => (await h.as(admin, APPLY, { input: baseApplication(partnerId) })).data?.applyForCustomsSystemAuthorisation.authorisation.id as string;
    const projection = (partnerId: string) => h.subgraph.runtime.dataSource.query("SELECT * FROM covering_security WHERE partner_id = ? ORDER BY security_id", [partnerId]);
    const applications = (partnerId: string) => h.subgraph.runtime.dataSource.query("SELECT * FROM customs_system_authorisation WHERE partner_id = ? ORDER BY id", [partnerId]);

    it("counts a general bond provided before the application: condition c is met when the declarant applies and the grant succeeds (ID-R25, OD-AFD art. 8 para. 1 let. c)", async () => {
      const { partnerId, admin } = await onboardedPartner(h, "chlogin|bond-before", "30000021", "Bond Before AG");
      const bond = randomUUID();
      expect(await deliver("SecurityProvided", provided(partnerId, bond))).toBe("PROCESSED");
      h.clock.advance(86_400_000);
      const id = await applyFor(admin, partnerId);
      expect(await authorisationOf(partnerId, id)).toMatchObject({ securityProvidedAt: "2026-03-03T08:00:00.000Z", securityReference: `GENERAL_BOND-${bond.slice(0, 8)}`, missingConditions: [] });
      await h.as(DGD, step("recordAuthorisationDocumentsComplete"), { id });
      const granted = await h.as(DGD, step("grantCustomsSystemAuthorisation"), { id });
      expect(granted.data?.grantCustomsSystemAuthorisation.authorisation).toMatchObject({ status: "GRANTED", missingConditions: [] });
      h.clock.set("2026-03-02T09:00:00+01:00");
    });

    it("counts a security provided between the application and the decision (ID-R25, OD-AFD art. 8 para. 1 let. c)", async () => {
      const { partnerId, admin } = await onboardedPartner(h, "chlogin|bond-between", "30000022", "Bond Between AG");
      const id = await applyFor(admin, partnerId);
      expect((await authorisationOf(partnerId, id)).missingConditions).toEqual([SECURITY_MISSING]);
      await h.as(DGD, step("recordAuthorisationDocumentsComplete"), { id });
      await deliver("SecurityProvided", provided(partnerId, randomUUID(), "CASH_DEPOSIT"));
      expect((await authorisationOf(partnerId, id)).missingConditions).toEqual([]);
      expect((await h.as(DGD, step("grantCustomsSystemAuthorisation"), { id })).data?.grantCustomsSystemAuthorisation.authorisation.status).toBe("GRANTED");
    });

    it("does not count a security cancelled, or a bond whose termination was received, before the application: the grant is refused naming ID-R25 and changes nothing (ID-R25, OD-AFD art. 8 para. 1 let. c)", async () => {
      const { partnerId, admin } = await onboardedPartner(h, "chlogin|bond-cancelled", "30000023", "Bond Cancelled AG");
      const [cash, bond] = [randomUUID(), randomUUID()];
      await deliver("SecurityProvided", provided(partnerId, cash, "CASH_DEPOSIT"));
      await deliver("SecurityProvided", provided(partnerId, bond));
      await deliver("SecurityEnded", ended(partnerId, cash, "CANCELLED"));
      await deliver("SecurityEnded", ended(partnerId, bond, "TERMINATION_RECEIVED"));
      const id = await applyFor(admin, partnerId);
      expect(await authorisationOf(partnerId, id)).toMatchObject({ securityProvidedAt: null, securityReference: null, missingConditions: [SECURITY_MISSING] });
      await h.as(DGD, step("recordAuthorisationDocumentsComplete"), { id });
      const refused = await expectRefused(DGD, step("grantCustomsSystemAuthorisation"), { id }, "AUTHORISATION_CONDITIONS_NOT_MET");
      expect(refused.extensions).toMatchObject({ rule: "ID-R25", article: "OD-AFD art. 8 para. 1 let. c", missing: [{ condition: "security for the expected levies", rule: "ID-R25", article: "OD-AFD art. 8 para. 1 let. c" }] });
    });

    it("refuses the grant when the only security ends after the application but before the decision, and grants once a security covers again (ID-R25, OD-AFD art. 8 para. 1 let. c)", async () => {
      const { partnerId, admin } = await onboardedPartner(h, "chlogin|bond-ended", "30000024", "Bond Ended AG");
      const bond = randomUUID();
      await deliver("SecurityProvided", provided(partnerId, bond));
      const id = await applyFor(admin, partnerId);
      await h.as(DGD, step("recordAuthorisationDocumentsComplete"), { id });
      expect((await authorisationOf(partnerId, id)).missingConditions).toEqual([]);
      await deliver("SecurityEnded", ended(partnerId, bond, "TERMINATION_RECEIVED"));
      expect(await authorisationOf(partnerId, id)).toMatchObject({ status: "DOCUMENTS_COMPLETE", securityProvidedAt: null, securityReference: null, missingConditions: [SECURITY_MISSING] });
      const refused = await expectRefused(DGD, step("grantCustomsSystemAuthorisation"), { id }, "AUTHORISATION_CONDITIONS_NOT_MET");
      expect(refused.extensions).toMatchObject({ rule: "ID-R25", article: "OD-AFD art. 8 para. 1 let. c" });

      const cash = randomUUID();
      await deliver("SecurityProvided", provided(partnerId, cash, "CASH_DEPOSIT"));
      const granted = await h.as(DGD, step("grantCustomsSystemAuthorisation"), { id });
      expect(granted.data?.grantCustomsSystemAuthorisation.authorisation.status).toBe("GRANTED");
      expect((await authorisationOf(partnerId, id)).securityReference).toBe(`CASH_DEPOSIT-${cash.slice(0, 8)}`);
    });

    it("keeps condition c on another security still covering the declarant, and leaves a security recorded by the DGD untouched by debt's events (ID-R25, OD-AFD art. 8 para. 1 let. c)", async () => {
      const two = await onboardedPartner(h, "chlogin|bond-two", "30000030", "Two Bonds AG");
      const [first, second] = [randomUUID(), randomUUID()];
      await deliver("SecurityProvided", provided(two.partnerId, first));
      h.clock.advance(1000);
      await deliver("SecurityProvided", provided(two.partnerId, second, "CASH_DEPOSIT"));
      const id = await applyFor(two.admin, two.partnerId);
      expect((await authorisationOf(two.partnerId, id)).securityReference).toBe(`GENERAL_BOND-${first.slice(0, 8)}`);
      await deliver("SecurityEnded", ended(two.partnerId, first, "CANCELLED"));
      expect(await authorisationOf(two.partnerId, id)).toMatchObject({ securityReference: `CASH_DEPOSIT-${second.slice(0, 8)}`, missingConditions: [] });
      await h.as(DGD, step("recordAuthorisationDocumentsComplete"), { id });
      expect((await h.as(DGD, step("grantCustomsSystemAuthorisation"), { id })).data?.grantCustomsSystemAuthorisation.authorisation.status).toBe("GRANTED");
      h.clock.set("2026-03-02T09:00:00+01:00");

      const manual = await onboardedPartner(h, "chlogin|bond-dgd", "30000026", "Recorded Bond AG");
      const own = randomUUID();
      await deliver("SecurityProvided", provided(manual.partnerId, own));
      const id2 = await applyFor(manual.admin, manual.partnerId);
      await h.as(DGD, `mutation ($id: ID!) { recordAuthorisationSecurity(input: { authorisationId: $id, securityReference: "BOND-DGD-9" }) { authorisation { id } } }`, { id: id2 });
      await deliver("SecurityEnded", ended(manual.partnerId, own, "CANCELLED"));
      expect(await authorisationOf(manual.partnerId, id2)).toMatchObject({ securityReference: "BOND-DGD-9", missingConditions: [] });
      await h.as(DGD, step("recordAuthorisationDocumentsComplete"), { id: id2 });
      expect((await h.as(DGD, step("grantCustomsSystemAuthorisation"), { id: id2 })).data?.grantCustomsSystemAuthorisation.authorisation.status).toBe("GRANTED");
    });

    it("counts at the decision a security in force that the application did not record, as when the projection was filled after the application (ID-R25, OD-AFD art. 8 para. 1 let. c)", async () => {
      const { partnerId, admin } = await onboardedPartner(h, "chlogin|bond-race", "30000027", "Race Bond AG");
      const id = await applyFor(admin, partnerId);
      await h.as(DGD, step("recordAuthorisationDocumentsComplete"), { id });
      // The projection row alone, as if the event's transaction committed after the application had looked.
      const securityId = randomUUID();
      await h.subgraph.runtime.dataSource.getRepository(CoveringSecurity).insert({ securityId, partnerId, kind: "GENERAL_BOND", reference: "GENERAL_BOND-race", providedAt: h.clock.now(), endedAt: null, endReason: null });
      expect((await authorisationOf(partnerId, id)).missingConditions).toEqual([SECURITY_MISSING]);
      const granted = await h.as(DGD, step("grantCustomsSystemAuthorisation"), { id });
      expect(granted.data?.grantCustomsSystemAuthorisation.authorisation).toMatchObject({ status: "GRANTED", missingConditions: [] });
      expect((await authorisationOf(partnerId, id)).securityReference).toBe("GENERAL_BOND-race");
    });

    it("changes nothing when the same security events are delivered again, under the same or a new event id, and never revives an ended security (ID-R25, OD-AFD art. 8 para. 1 let. c)", async () => {
      const { partnerId, admin } = await onboardedPartner(h, "chlogin|bond-again", "30000028", "Redelivered Bond AG");
      const bond = randomUUID();
      const [providedId, endedId] = [randomUUID(), randomUUID()];
      expect(await deliver("SecurityProvided", provided(partnerId, bond), providedId)).toBe("PROCESSED");
      const id = await applyFor(admin, partnerId);

      let before = await h.fingerprint();
      expect(await deliver("SecurityProvided", provided(partnerId, bond), providedId)).toBe("DUPLICATE");
      expect(await h.fingerprint()).toBe(before);
      let rows = JSON.stringify([await projection(partnerId), await applications(partnerId)]);
      h.clock.advance(60_000);
      expect(await deliver("SecurityProvided", provided(partnerId, bond))).toBe("PROCESSED");
      expect(JSON.stringify([await projection(partnerId), await applications(partnerId)])).toBe(rows);

      expect(await deliver("SecurityEnded", ended(partnerId, bond, "CANCELLED"), endedId)).toBe("PROCESSED");
      expect((await authorisationOf(partnerId, id)).missingConditions).toEqual([SECURITY_MISSING]);
      before = await h.fingerprint();
      expect(await deliver("SecurityEnded", ended(partnerId, bond, "CANCELLED"), endedId)).toBe("DUPLICATE");
      expect(await h.fingerprint()).toBe(before);
      rows = JSON.stringify([await projection(partnerId), await applications(partnerId)]);
      h.clock.advance(60_000);
      expect(await deliver("SecurityEnded", ended(partnerId, bond, "TERMINATION_RECEIVED"))).toBe("PROCESSED");
      expect(await deliver("SecurityProvided", provided(partnerId, bond))).toBe("PROCESSED");
      expect(JSON.stringify([await projection(partnerId), await applications(partnerId)])).toBe(rows);
      expect(await projection(partnerId)).toEqual([expect.objectContaining({ security_id: bond, end_reason: "CANCELLED" })]);
      h.clock.set("2026-03-02T09:00:00+01:00");
    });

    it("asks no security of a declarant in a juxtaposed control office, even when a security it had ends before the decision (ID-R27, OD-AFD art. 8 para. 3)", async () => {
      const { partnerId, admin } = await onboardedPartner(h, "chlogin|bond-juxta", "30000029", "Juxta Bond SAS");
      const bond = randomUUID();
      await deliver("SecurityProvided", provided(partnerId, bond));
      const applied = await h.as(admin, APPLY, { input: { ...baseApplication(partnerId), scope: "FOREIGN_JUXTAPOSED_OFFICE_EXPORT", juxtaposedOfficePremises: "Bureau 2, Genève-Bardonnex", dataAccessGranted: true } });
      const id = applied.data?.applyForCustomsSystemAuthorisation.authorisation.id;
      await deliver("SecurityEnded", ended(partnerId, bond, "CANCELLED"));
      expect((await authorisationOf(partnerId, id)).missingConditions).toEqual([]);
      await h.as(DGD, step("recordAuthorisationDocumentsComplete"), { id });
      expect((await h.as(DGD, step("grantCustomsSystemAuthorisation"), { id })).data?.grantCustomsSystemAuthorisation.authorisation.status).toBe("GRANTED");
    });
  });

  it("withdraws a granted authorisation on a ground of art. 9 and tells the declarations subgraph (ID-R31, OD-AFD art. 9)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|withdraw", "30000008", "Offender AG");
    const id = (await h.as(admin, APPLY, { input: { ...baseApplication(partnerId), scope: "FOREIGN_JUXTAPOSED_OFFICE_EXPORT", juxtaposedOfficePremises: "Bureau 9, Chiasso-Brogeda", dataAccessGranted: true } })).data?.applyForCustomsSystemAuthorisation.authorisation.id;
    const WITHDRAW = `mutation ($id: ID!, $g: WithdrawalGround!) { withdrawCustomsSystemAuthorisation(input: { authorisationId: $id, ground: $g, reason: "Three evasion cases in 2026" }) { authorisation { status withdrawalGround } } }`;
    await expectRefused(DGD, WITHDRAW, { id, g: "REPEATED_OFFENCES" }, "AUTHORISATION_TRANSITION_NOT_ALLOWED");
    await h.as(DGD, step("recordAuthorisationDocumentsComplete"), { id });
    await h.as(DGD, step("grantCustomsSystemAuthorisation"), { id });
    const res = await h.as(DGD, WITHDRAW, { id, g: "REPEATED_OFFENCES" });
    expect(res.data?.withdrawCustomsSystemAuthorisation.authorisation).toEqual({ status: "WITHDRAWN", withdrawalGround: "REPEATED_OFFENCES" });
    const events = await h.subgraph.runtime.dataSource.query("SELECT type FROM outbox_event WHERE aggregate_id = ? ORDER BY seq", [partnerId]);
    expect(events.map((e: any) => e.type)).toEqual(["CustomsSystemAuthorisationGranted", "CustomsSystemAuthorisationWithdrawn"]);
  });
});

describe("declaring employees (OD-AFD art. 10-11)", () => {
  it("announces employees with a personal number unique in the partner and reports changes at once (ID-R32, OD-AFD art. 10)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|emp", "40000001", "Declarants AG");
    const ANNOUNCE = `mutation ($input: AnnounceDeclarantEmployeeInput!) { announceDeclarantEmployee(input: $input) { employee { id personalNumber active } } }`;
    const e = await h.as(admin, ANNOUNCE, { input: { partnerId, personalNumber: "D042", name: "Dora Deklarant" } });
    expect(e.data?.announceDeclarantEmployee.employee).toMatchObject({ personalNumber: "D042", active: true });
    await expectRefused(admin, ANNOUNCE, { input: { partnerId, personalNumber: "D042", name: "Someone Else" } }, "PERSONAL_NUMBER_TAKEN");
    await expectRefused(admin, ANNOUNCE, { input: { partnerId, personalNumber: "D-42!", name: "Bad Number" } }, "BAD_USER_INPUT");
    const off = await h.as(admin, `mutation ($id: ID!) { deactivateDeclarantEmployee(input: { employeeId: $id }) { employee { active deactivatedAt } } }`, { id: e.data?.announceDeclarantEmployee.employee.id });
    expect(off.data?.deactivateDeclarantEmployee.employee).toEqual({ active: false, deactivatedAt: "2026-03-02T08:00:00.000Z" });
    const events = await h.subgraph.runtime.dataSource.query("SELECT type FROM outbox_event WHERE aggregate_id = ? ORDER BY seq", [partnerId]);
    expect(events.map((x: any) => x.type)).toEqual(["DeclarantEmployeeAnnounced", "DeclarantEmployeeDeactivated"]);
  });
});

describe("AEO status (LD art. 42a)", () => {
  const DECIDE = (name: string) => `mutation ($input: DecideAeoStatusInput!) { ${name}(input: $input) { aeoStatus { status grantedAt refusalReason criteria { solvency } } } }`;
  const all = { complianceRecord: true, recordsManagement: true, solvency: true, safetyAndSecurity: true };

  it("grants AEO status on request only with a domicile in the customs territory and all four criteria (ID-R36, LD art. 42a para. 1)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|aeo", "50000001", "Trusted AG");
    const applied = await h.as(admin, `mutation ($p: ID!) { applyForAeoStatus(input: { partnerId: $p }) { aeoStatus { id status } } }`, { p: partnerId });
    const id = applied.data?.applyForAeoStatus.aeoStatus.id;
    await expectRefused(admin, `mutation ($p: ID!) { applyForAeoStatus(input: { partnerId: $p }) { aeoStatus { id } } }`, { p: partnerId }, "AEO_ALREADY_OPEN");
    await expectRefused(DGD, DECIDE("grantAeoStatus"), { input: { aeoStatusId: id, criteria: { ...all, solvency: false } } }, "AEO_CRITERIA_NOT_MET");
    await expectRefused(DGD, DECIDE("refuseAeoStatus"), { input: { aeoStatusId: id, criteria: { ...all, solvency: false } } }, "BAD_USER_INPUT");
    const granted = await h.as(DGD, DECIDE("grantAeoStatus"), { input: { aeoStatusId: id, criteria: all } });
    expect(granted.data?.grantAeoStatus.aeoStatus).toMatchObject({ status: "GRANTED", criteria: { solvency: true } });
    await expectRefused(DGD, DECIDE("refuseAeoStatus"), { input: { aeoStatusId: id, criteria: all, reason: "Changed our mind" } }, "AEO_ALREADY_DECIDED");

    const abroad = await onboardedPartner(h, "chlogin|aeo-abroad", "50000002", "Abroad GmbH");
    await h.subgraph.runtime.dataSource.query("UPDATE business_partner SET domicile_in_customs_territory = 0 WHERE id = ?", [abroad.partnerId]);
    await expectRefused(abroad.admin, `mutation ($p: ID!) { applyForAeoStatus(input: { partnerId: $p }) { aeoStatus { id } } }`, { p: abroad.partnerId }, "AEO_DOMICILE_REQUIRED");
  });
});

it("registers companies for the onboarding service only", async () => {
  const res = await h.as(DGD, `mutation { recordUidRegisterEntry(input: { uid: "CHE-100.000.011", name: "Not Allowed AG", partnerType: LEGAL_ENTITY, address: { street: "a", postalCode: "8000", city: "Z", country: "CH" }, domicileInCustomsTerritory: true }) { uidRegisterEntry { uid } } }`);
  expect(errorCode(res)).toBe("OFFICER_ROLE_REQUIRED");
  await registerCompany(h, "60000011", "Mirror AG");
});
