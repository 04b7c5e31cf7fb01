import { GraphQLResponse, portalUser } from "../../test/support/graphql";
import { DGD, IdentityHarness, ONBOARDING, onboardedPartner, REDEEM, securedUser, startIdentity } from "../../test/support/identity-harness";

/**
 * Identity's "only once" decisions under concurrency (DOMAIN.md §2, §7), and the e-mail address
 * that identifies one account. Each of these failed before its fix (found by an audit).
 *
 * The concurrency tests are deterministic: a third connection holds a row lock on the record both
 * requests change, so both requests do their (non-locking) checks, then queue on their UPDATE or
 * DELETE; the lock is released and both writes go through. A service that locks the record before
 * its check (findForUpdate, as `lockPartner` does for the partner's "only once" rules) lets the
 * second request see the first one's result and refuse.
 */
let h: IdentityHarness;

beforeAll(async () => {
  h = await startIdentity("customs_test_identity_races");
});
afterAll(async () => {
  await h?.stop();
});

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Holds FOR UPDATE locks on rows of `table` from a connection outside the subgraph's transactions. */
async function holdRowLocks(table: string, ids: string[]): Promise<() => Promise<void>> {
  const qr = h.subgraph.runtime.dataSource.createQueryRunner();
  await qr.connect();
  await qr.startTransaction();
  await qr.query(`SELECT id FROM \`${table}\` WHERE id IN (${ids.map(() => "?").join(", ")}) FOR UPDATE`, ids);
  return async () => {
    await qr.commitTransaction();
    await qr.release();
  };
}

/** Starts every operation while the rows are locked, lets them all reach their write, then releases the lock. */
async function race(table: string, ids: string[], ops: (() => Promise<GraphQLResponse>)[]): Promise<GraphQLResponse[]> {
  const release = await holdRowLocks(table, ids);
  const pending = ops.map(op => op());
  await sleep(1000);
  await release();
  return Promise.all(pending);
}

const ok = (responses: GraphQLResponse[]) => responses.filter(r => !r.errors);
/** The error code of every refused answer. */
const losers = (responses: GraphQLResponse[]) => responses.filter(r => r.errors).map(r => r.errors![0].extensions?.code);

function must<T = Record<string, any>>(res: GraphQLResponse<T>): T {
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!;
}

describe("decisions taken once under concurrency: the record is locked before its status is checked", () => {
  it("ID-R29 (OD-AFD art. 8 para. 6), X04: 50 concurrent grants of one authorisation assign one business number and publish one CustomsSystemAuthorisationGranted; the 49 others are refused AUTHORISATION_TRANSITION_NOT_ALLOWED", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|audit-grant", "71000001", "Audit Juxtaposed SA");
    const applied = must(
      await h.as(admin, `mutation ($input: ApplyForCustomsSystemAuthorisationInput!) { applyForCustomsSystemAuthorisation(input: $input) { authorisation { id } } }`, {
        input: {
          partnerId,
          systems: ["EDEC", "NCTS"],
          scope: "FOREIGN_JUXTAPOSED_OFFICE_EXPORT",
          writtenApplicationReference: "DGD-AUDIT-1",
          itEquipmentConfirmed: true,
          properConductGuaranteed: true,
          dataAccessGranted: true,
          juxtaposedOfficePremises: "Bureau 4, juxtaposed office Basel/St. Louis",
        },
      }),
    );
    const id = applied.applyForCustomsSystemAuthorisation.authorisation.id as string;
    must(await h.as(DGD, `mutation ($id: ID!) { recordAuthorisationDocumentsComplete(input: { authorisationId: $id }) { authorisation { status } } }`, { id }));

    const GRANT = `mutation ($id: ID!) { grantCustomsSystemAuthorisation(input: { authorisationId: $id }) { authorisation { status businessNumber } } }`;
    const answers = await race("customs_system_authorisation", [id], Array.from({ length: 50 }, () => () => h.as(DGD, GRANT, { id })));

    const ds = h.subgraph.runtime.dataSource;
    const granted = await ds.query(`SELECT id FROM outbox_event WHERE type = 'CustomsSystemAuthorisationGranted' AND aggregate_id = ?`, [partnerId]);
    const [stored] = await ds.query(`SELECT business_number FROM customs_system_authorisation WHERE id = ?`, [id]);
    const numbersAnnounced = ok(answers).map(r => r.data!.grantCustomsSystemAuthorisation.authorisation.businessNumber);
    // The decision is taken once: the second grant must find the authorisation GRANTED already.
    expect({ grantsAccepted: ok(answers).length, grantedEvents: granted.length }).toEqual({ grantsAccepted: 1, grantedEvents: 1 });
    expect(losers(answers)).toEqual(Array(49).fill("AUTHORISATION_TRANSITION_NOT_ALLOWED"));
    // Every business number the DGD announced (answer and X04 event) is the one on record.
    expect(numbersAnnounced).toEqual([stored.business_number]);
  });

  it("ID-R15 (ePortal step 4), X01/X02: FOCBS releasing and rejecting one role 50 times at the same moment takes one decision, not both; the 49 others are refused ROLE_TRANSITION_NOT_ALLOWED", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|audit-role", "71000002", "Audit Consignee AG");
    // ACee needs clarification by default (ROLES_NEEDING_CLARIFICATION): it stays REQUESTED.
    const requested = must(await h.as(admin, `mutation ($p: ID!) { requestPartnerRole(input: { partnerId: $p, roleType: AUTHORISED_CONSIGNEE }) { role { id status } } }`, { p: partnerId }));
    const roleId = requested.requestPartnerRole.role.id as string;
    expect(requested.requestPartnerRole.role.status).toBe("REQUESTED");

    const DECIDE = (name: string) => `mutation ($id: ID!, $note: String) { ${name}(input: { roleId: $id, note: $note }) { role { status } } }`;
    const answers = await race(
      "partner_role",
      [roleId],
      Array.from({ length: 50 }, (_, i) => () => (i % 2 ? h.as(ONBOARDING, DECIDE("rejectPartnerRole"), { id: roleId, note: "No premises for the goods" }) : h.as(ONBOARDING, DECIDE("releasePartnerRole"), { id: roleId, note: "Released" }))),
    );
    expect(losers(answers)).toEqual(Array(49).fill("ROLE_TRANSITION_NOT_ALLOWED"));

    const ds = h.subgraph.runtime.dataSource;
    const events = (await ds.query(`SELECT type FROM outbox_event WHERE aggregate_id = ? AND type IN ('PartnerRoleActivated', 'PartnerRoleRejected') ORDER BY seq`, [partnerId])).map((e: { type: string }) => e.type);
    // One decision: the loser is refused, and declarations/debt hear of one outcome only.
    expect({ decisionsAccepted: ok(answers).length, events: events.length }).toEqual({ decisionsAccepted: 1, events: 1 });
  });

  it("ID-R17 (ePortal step 4, note on user administration): two administrators removing each other at the same moment leave the partner with an administrator", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|audit-admin-a", "71000003", "Audit Two Admins AG");
    // A second administrator: the only way is to redeem a new code (ID-R10, ID-R12).
    h.clock.advance(60_000);
    must(await h.as(admin, `mutation ($id: ID!) { requestNewOnboardingCode(input: { partnerId: $id }) { onboardingCode { id } } }`, { id: partnerId }));
    const second = await securedUser(h, "chlogin|audit-admin-b");
    must(await h.as(second, REDEEM, { code: await h.latestCode(partnerId), version: h.subgraph.services.config.termsOfUseVersion }));

    const members = must(await h.as(admin, `query ($id: ID!) { businessPartner(id: $id) { memberships { edges { node { id portalRole user { email } } } } } }`, { id: partnerId }));
    const byEmail = new Map<string, { id: string; portalRole: string }>(members.businessPartner.memberships.edges.map((e: any) => [e.node.user.email, e.node]));
    const a = byEmail.get("chlogin.audit.admin.a@example.ch")!;
    const b = byEmail.get("chlogin.audit.admin.b@example.ch")!;
    expect([a.portalRole, b.portalRole]).toEqual(["ADMINISTRATOR", "ADMINISTRATOR"]);

    const REMOVE = `mutation ($id: ID!) { removePartnerUser(input: { membershipId: $id }) { membership { id } } }`;
    const answers = await race("partner_membership", [a.id, b.id], [() => h.as(admin, REMOVE, { id: b.id }), () => h.as(second, REMOVE, { id: a.id })]);

    const [{ admins }] = await h.subgraph.runtime.dataSource.query(`SELECT COUNT(*) AS admins FROM partner_membership WHERE partner_id = ? AND portal_role = 'ADMINISTRATOR'`, [partnerId]);
    expect({ removalsAccepted: ok(answers).length, administratorsLeft: Number(admins) }).toEqual({ removalsAccepted: 1, administratorsLeft: 1 });
  });

  it("ID-R36 (LD art. 42a para. 1): granting and refusing one AEO request 50 times at the same moment takes one decision, not both; the 49 others are refused AEO_ALREADY_DECIDED", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|audit-aeo", "71000004", "Audit AEO AG");
    const applied = must(await h.as(admin, `mutation ($p: ID!) { applyForAeoStatus(input: { partnerId: $p }) { aeoStatus { id status } } }`, { p: partnerId }));
    const id = applied.applyForAeoStatus.aeoStatus.id as string;
    const all = { complianceRecord: true, recordsManagement: true, solvency: true, safetyAndSecurity: true };
    const DECIDE = (name: string) => `mutation ($input: DecideAeoStatusInput!) { ${name}(input: $input) { aeoStatus { status grantedAt refusalReason } } }`;

    const answers = await race(
      "aeo_status",
      [id],
      Array.from({ length: 50 }, (_, i) => () =>
        i % 2 ? h.as(DGD, DECIDE("refuseAeoStatus"), { input: { aeoStatusId: id, criteria: { ...all, solvency: false }, reason: "Creditworthiness not proven" } }) : h.as(DGD, DECIDE("grantAeoStatus"), { input: { aeoStatusId: id, criteria: all } }),
      ),
    );

    const [row] = await h.subgraph.runtime.dataSource.query(`SELECT status, granted_at, refusal_reason FROM aeo_status WHERE id = ?`, [id]);
    expect(ok(answers).length).toBe(1);
    expect(losers(answers)).toEqual(Array(49).fill("AEO_ALREADY_DECIDED"));
    // The record says one thing: granted without a refusal reason, or refused without a grant date.
    expect(row.status === "GRANTED" ? row.refusal_reason : row.granted_at).toBeNull();
  });
});

describe("API keys under concurrency (ePortal step 5)", () => {
  it("ID-R23, ID-R24 (ePortal step 5), ApiApplication ACTIVE -> DELETED (DOMAIN.md §2.2): a key regeneration racing a deletion does not bring the deleted application back with working keys", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|audit-keys", "71000006", "Audit Keys AG");
    must(await h.as(admin, `mutation ($p: ID!) { requestPartnerRole(input: { partnerId: $p, roleType: FREIGHT }) { role { status } } }`, { p: partnerId }));
    const sub = must(await h.as(admin, `mutation ($p: ID!) { subscribeToApi(input: { partnerId: $p, apiName: "B2B HuB Partner API for Passar declarations" }) { subscription { id } } }`, { p: partnerId }));
    const app = must(
      await h.as(admin, `mutation ($s: ID!) { createApiApplication(input: { subscriptionId: $s, softwareName: "ClearWay 5" }) { application { id } credentials { accessToken } } }`, {
        s: sub.subscribeToApi.subscription.id,
      }),
    );
    const applicationId = app.createApiApplication.application.id as string;

    // The administrator deletes the application (say, the software provider's keys leaked) while a
    // deputy's regeneration, which read it ACTIVE, is still under way.
    const release = await holdRowLocks("api_application", [applicationId]);
    const deleting = h.as(admin, `mutation ($id: ID!) { deleteApiApplication(input: { applicationId: $id }) { application { status } } }`, { id: applicationId });
    await sleep(400);
    const regenerating = h.as(admin, `mutation ($id: ID!) { regenerateApiKeys(input: { applicationId: $id }) { application { status } credentials { accessToken } } }`, { id: applicationId });
    await sleep(700);
    await release();
    const [deleted, regenerated] = await Promise.all([deleting, regenerating]);

    expect(deleted.errors).toBeUndefined();
    const [row] = await h.subgraph.runtime.dataSource.query(`SELECT status FROM api_application WHERE id = ?`, [applicationId]);
    expect({ storedStatus: row.status, regeneratedKeysIssued: Boolean(regenerated.data?.regenerateApiKeys?.credentials?.accessToken) && row.status === "ACTIVE" }).toEqual({
      storedStatus: "DELETED",
      regeneratedKeysIssued: false,
    });
  });
});

describe("one e-mail address, one account (ID-R17, ePortal step 4)", () => {
  it("ID-R17 (ePortal step 4, note), ID-R01 (ePortal step 1): an address is one account's, so an administrator who adds a deputy by e-mail never hands the partner to an account that merely claims it", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|audit-owner", "71000005", "Audit Victim AG");
    const victimEmail = "deputy.audit@victim.ch";
    const victim = await securedUser(h, "chlogin|audit-real-deputy", victimEmail);
    const victimId = must(await h.as(victim, `{ me { id } }`)).me.id as string;

    const stranger = portalUser("chlogin|audit-stranger");
    const REGISTER = `mutation ($e: String!) { registerPortalUser(input: { email: $e }) { portalUser { id } } }`;
    const taken = await h.as(stranger, REGISTER, { e: "Deputy.Audit@Victim.CH" });
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: "EMAIL_ALREADY_REGISTERED", field: "input.email", rule: "ID-R17" });
    must(await h.as(stranger, REGISTER, { e: "stranger@elsewhere.ch" }));
    const moved = await h.as(stranger, `mutation ($e: String!) { updatePortalUserProfile(input: { email: $e }) { portalUser { email } } }`, { e: victimEmail });
    expect(moved.errors?.[0]?.extensions?.code).toBe("EMAIL_ALREADY_REGISTERED");
    // Its own address again is no change, and no conflict.
    must(await h.as(victim, `mutation ($e: String!) { updatePortalUserProfile(input: { email: $e }) { portalUser { email } } }`, { e: victimEmail }));

    const added = must(await h.as(admin, `mutation ($p: ID!, $e: String!) { addPartnerUser(input: { partnerId: $p, email: $e, portalRole: DEPUTY }) { membership { portalRole user { id } } } }`, { p: partnerId, e: victimEmail }));
    expect(added.addPartnerUser.membership).toEqual({ portalRole: "DEPUTY", user: { id: victimId } });
  });

  it("ID-R17 (ePortal step 4): of 50 accounts registering one address at the same moment, one gets it and the 49 others EMAIL_ALREADY_REGISTERED, from the unique key", async () => {
    const REGISTER = `mutation ($e: String!) { registerPortalUser(input: { email: $e }) { portalUser { id } } }`;
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => h.as(portalUser(`chlogin|audit-same-mail-${i}`), REGISTER, { e: "same.time@example.ch" })));
    expect(ok(answers)).toHaveLength(1);
    expect(losers(answers)).toEqual(Array(49).fill("EMAIL_ALREADY_REGISTERED"));
  });
});
