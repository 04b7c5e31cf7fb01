import { errorCode, GraphQLResponse, officer } from "../../test/support/graphql";
import { DGD, IdentityHarness, ONBOARDING, onboardedPartner, startIdentity } from "../../test/support/identity-harness";
import type { Principal } from "../kit";
import { uidFromDigits } from "./services/secrets";

/**
 * A partner page as of a past date (issue 15), on MariaDB: `BusinessPartner.roles(asOf:)` and
 * `customsSystemAuthorisations(asOf:)` answer from the history the database kept as each write
 * happened (migrations/1765900000100-IdentityHistory.ts), stamped with the subgraph's clock,
 * which these tests move between the steps.
 */
let h: IdentityHarness;

beforeAll(async () => {
  h = await startIdentity("customs_test_identity_history", { now: "2026-03-02T08:00:00Z" });
});
afterAll(async () => {
  await h?.stop();
});

function ok<T>(res: GraphQLResponse<T>): T {
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!;
}

const REQUEST_ROLE = `mutation ($p: ID!, $r: PartnerRoleType!, $c: ContactPersonInput) { requestPartnerRole(input: { partnerId: $p, roleType: $r, contactPerson: $c }) { role { id status } } }`;
const DECIDE = (name: string) => `mutation ($id: ID!, $note: String) { ${name}(input: { roleId: $id, note: $note }) { role { id status } } }`;
const REMOVE = `mutation ($id: ID!) { removePartnerRole(input: { roleId: $id }) { role { id status } } }`;
const ROLES = `query ($id: ID!, $asOf: DateTime, $first: Int = 20, $after: String) {
  businessPartner(id: $id) {
    roles(asOf: $asOf, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id roleType status requestedAt releasedAt endedAt decisionNote contactPerson { name email } partner { id } } }
    }
  }
}`;

/** Eight digits from `from` on that make a valid UID (not every number has a check digit). */
function uidDigits(from: number, count: number): string[] {
  const found: string[] = [];
  for (let n = from; found.length < count; n++) {
    try {
      uidFromDigits(String(n));
      found.push(String(n));
    } catch {
      // No check digit for this one: the next.
    }
  }
  return found;
}

async function request(principal: Principal, partnerId: string, roleType: string, contactPerson?: { name: string; email?: string }): Promise<string> {
  return ok(await h.as(principal, REQUEST_ROLE, { p: partnerId, r: roleType, c: contactPerson ?? null })).requestPartnerRole.role.id;
}

async function rolesAsOf(principal: Principal, partnerId: string, asOf?: string, page: { first?: number; after?: string } = {}) {
  return h.as(principal, ROLES, { id: partnerId, asOf: asOf ?? null, ...page });
}

/** The roles' (type, status) as of `asOf`, oldest request first. */
async function statusesAsOf(principal: Principal, partnerId: string, asOf: string): Promise<[string, string][]> {
  const roles = ok(await rolesAsOf(principal, partnerId, asOf)).businessPartner.roles;
  expect(roles.totalCount).toBe(roles.edges.length);
  return roles.edges.map((e: { node: { roleType: string; status: string } }) => [e.node.roleType, e.node.status]);
}

describe("BusinessPartner.roles(asOf:), from the kept history (issue 15)", () => {
  let partnerId: string;
  let admin: Principal;
  let consigneeId: string;

  beforeAll(async () => {
    h.clock.set("2026-03-02T08:00:00Z");
    ({ partnerId, admin } = await onboardedPartner(h, "chlogin|hist-admin", "40000001", "Zeitreise Logistik AG"));
    // ID-R14: one role at a time; an ACee role waits for FOCBS (ID-R15, ROLES_NEEDING_CLARIFICATION).
    h.clock.set("2026-03-02T09:00:00Z");
    consigneeId = await request(admin, partnerId, "AUTHORISED_CONSIGNEE", { name: "Anna Muster", email: "anna@example.ch" });
    h.clock.set("2026-03-03T10:00:00Z");
    ok(await h.as(ONBOARDING, DECIDE("clarifyPartnerRole"), { id: consigneeId, note: "Send the premises plan" }));
    // A FREIGHT role, released at once (ID-R15), requested while the ACee role is in clarification.
    h.clock.set("2026-03-04T12:00:00Z");
    await request(admin, partnerId, "FREIGHT");
    h.clock.set("2026-03-05T14:00:00Z");
    ok(await h.as(ONBOARDING, DECIDE("releasePartnerRole"), { id: consigneeId, note: "Premises plan received" }));
    // ID-R16: the administrator adjusts the roles.
    h.clock.set("2026-03-20T08:00:00Z");
    ok(await h.as(admin, REMOVE, { id: consigneeId }));
    h.clock.set("2026-03-25T08:00:00Z");
  });

  it("ID-R15 (ePortal step 4), as of a date (issue 15): a role requested, in clarification, released and then removed reads at each instant with the status the administration had recorded then", async () => {
    const at = async (instant: string) => {
      const roles = ok(await rolesAsOf(admin, partnerId, instant)).businessPartner.roles;
      return roles.edges.find((e: { node: { id: string } }) => e.node.id === consigneeId)?.node;
    };
    // From the request on (its own instant included), REQUESTED.
    expect(await at("2026-03-02T09:00:00.000Z")).toMatchObject({ status: "REQUESTED", releasedAt: null, endedAt: null, decisionNote: null, contactPerson: { name: "Anna Muster", email: "anna@example.ch" } });
    expect(await at("2026-03-03T09:59:59.999Z")).toMatchObject({ status: "REQUESTED", decisionNote: null });
    // ID-R15: FOCBS needs clarification (can take a few days).
    expect(await at("2026-03-04T00:00:00+01:00")).toMatchObject({ status: "IN_CLARIFICATION", decisionNote: "Send the premises plan", releasedAt: null });
    // Released by FOCBS: ACTIVE, with its release instant.
    expect(await at("2026-03-05T14:00:00.000Z")).toMatchObject({ status: "ACTIVE", releasedAt: "2026-03-05T14:00:00.000Z", decisionNote: "Premises plan received", endedAt: null });
    expect(await at("2026-03-19T23:59:59.999Z")).toMatchObject({ status: "ACTIVE", endedAt: null });
    // ID-R16: removed by the administrator.
    expect(await at("2026-03-20T08:00:00.000Z")).toMatchObject({ status: "REMOVED", releasedAt: "2026-03-05T14:00:00.000Z", endedAt: "2026-03-20T08:00:00.000Z" });
    const removed = await at("2026-03-25T08:00:00.000Z");
    expect(removed).toMatchObject({ id: consigneeId, roleType: "AUTHORISED_CONSIGNEE", requestedAt: "2026-03-02T09:00:00.000Z", partner: { id: partnerId } });
    // The live row agrees with the last kept version.
    const live = ok(await rolesAsOf(admin, partnerId)).businessPartner.roles.edges.find((e: { node: { id: string } }) => e.node.id === consigneeId).node;
    expect(removed).toEqual(live);
  });

  it("ID-R14 (ePortal step 4), as of a date (issue 15): a role requested after the instant is not listed, and before the first request the list is empty", async () => {
    const empty = ok(await rolesAsOf(admin, partnerId, "2026-03-02T08:59:59.999Z")).businessPartner.roles;
    expect(empty).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, edges: [] });
    expect(await statusesAsOf(admin, partnerId, "2026-03-04T11:59:59.999Z")).toEqual([["AUTHORISED_CONSIGNEE", "IN_CLARIFICATION"]]);
    // FREIGHT is released at its request (ID-R15): ACTIVE from its first version on.
    expect(await statusesAsOf(admin, partnerId, "2026-03-04T12:00:00.000Z")).toEqual([
      ["AUTHORISED_CONSIGNEE", "IN_CLARIFICATION"],
      ["FREIGHT", "ACTIVE"],
    ]);
    expect(await statusesAsOf(admin, partnerId, "2026-03-21T00:00:00Z")).toEqual([
      ["AUTHORISED_CONSIGNEE", "REMOVED"],
      ["FREIGHT", "ACTIVE"],
    ]);
  });

  it("ID-R16 (ePortal step 4), as of a date (issue 15): without asOf the list is the live one, and as of now it is the same list, in the same order, with the same cursors, page by page", async () => {
    // A third role, so that pages of one have a middle.
    h.clock.set("2026-03-26T08:00:00Z");
    await request(admin, partnerId, "TRANSPORT");
    const now = h.clock.now().toISOString();
    const live = ok(await rolesAsOf(admin, partnerId)).businessPartner.roles;
    expect(live.edges.map((e: { node: { roleType: string } }) => e.node.roleType)).toEqual(["AUTHORISED_CONSIGNEE", "FREIGHT", "TRANSPORT"]);
    expect(ok(await rolesAsOf(admin, partnerId, now)).businessPartner.roles).toEqual(live);
    // Page by page, a cursor of either list reads on in the other.
    let after: string | undefined;
    for (let i = 0; i < 3; i++) {
      const livePage = ok(await rolesAsOf(admin, partnerId, undefined, { first: 1, after })).businessPartner.roles;
      const keptPage = ok(await rolesAsOf(admin, partnerId, now, { first: 1, after })).businessPartner.roles;
      expect(keptPage).toEqual(livePage);
      expect(keptPage.pageInfo.hasNextPage).toBe(i < 2);
      expect(keptPage.pageInfo.hasPreviousPage).toBe(i > 0);
      after = keptPage.pageInfo.endCursor;
    }
    // A page as of an earlier instant is cut from the roles of that instant: two then, the second on page two.
    const first = ok(await rolesAsOf(admin, partnerId, "2026-03-21T00:00:00Z", { first: 1 })).businessPartner.roles;
    expect([first.totalCount, first.pageInfo.hasNextPage, first.edges[0].node.status]).toEqual([2, true, "REMOVED"]);
    const second = ok(await rolesAsOf(admin, partnerId, "2026-03-21T00:00:00Z", { first: 1, after: first.pageInfo.endCursor })).businessPartner.roles;
    expect([second.pageInfo.hasNextPage, second.edges.map((e: { node: { roleType: string } }) => e.node.roleType)]).toEqual([false, ["FREIGHT"]]);
    expect(errorCode(await rolesAsOf(admin, partnerId, now, { after: "not-a-cursor" }))).toBe("BAD_USER_INPUT");
  });

  it("ID-R16 (ePortal step 4), as of a date (issue 15): an instant after the subgraph's clock is refused with AS_OF_IN_THE_FUTURE on asOf; now itself is answered", async () => {
    const now = h.clock.now();
    const later = new Date(now.getTime() + 1).toISOString();
    const refused = await rolesAsOf(admin, partnerId, later);
    expect(refused.data?.businessPartner.roles).toBeNull();
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors![0].path).toEqual(["businessPartner", "roles"]);
    expect(refused.errors![0].extensions).toMatchObject({ code: "AS_OF_IN_THE_FUTURE", field: "asOf", asOf: later, now: now.toISOString() });
    expect(ok(await rolesAsOf(admin, partnerId, now.toISOString())).businessPartner.roles.totalCount).toBe(3);
  });

  it("ID-R16 (ePortal step 4), as of a date (issue 15): a portal user of another partner gets the same refusal as for the live list, whatever the instant", async () => {
    h.clock.set("2026-03-27T08:00:00Z");
    const { admin: stranger } = await onboardedPartner(h, "chlogin|hist-stranger", "40000002", "Fremd AG");
    const live = await rolesAsOf(stranger, partnerId);
    expect(errorCode(live)).toBe("FORBIDDEN");
    expect(live.data?.businessPartner.roles).toBeNull();
    for (const asOf of ["2026-03-05T15:00:00Z", h.clock.now().toISOString(), "2027-01-01T00:00:00Z"]) {
      const kept = await rolesAsOf(stranger, partnerId, asOf);
      expect(kept.data?.businessPartner.roles).toBeNull();
      expect(kept.errors).toEqual(live.errors);
    }
    // Officers read it, as they read the live list.
    expect(await statusesAsOf(officer("AUDITOR"), partnerId, "2026-03-05T15:00:00Z")).toEqual([
      ["AUTHORISED_CONSIGNEE", "ACTIVE"],
      ["FREIGHT", "ACTIVE"],
    ]);
  });
});

describe("roles as of a date for many partners (issue 15)", () => {
  it("ID-R16 (ePortal step 4), as of a date (issue 15): the roles of 12 partners as of a date cost as many statements as those of 3, one for all of them", async () => {
    h.clock.set("2026-04-01T08:00:00Z");
    const partners: string[] = [];
    const roleIds: string[] = [];
    const digits = uidDigits(41000000, 12);
    for (let i = 0; i < 12; i++) {
      const { partnerId, admin } = await onboardedPartner(h, `chlogin|hist-many-${i}`, digits[i], `Zeitreise Filiale ${i}`);
      h.clock.advance(60_000);
      roleIds.push(await request(admin, partnerId, "AUTHORISED_CONSIGNOR"));
      partners.push(partnerId);
    }
    // Every other one released by FOCBS the next day (ID-R15).
    h.clock.set("2026-04-02T08:00:00Z");
    for (let i = 0; i < 12; i += 2) ok(await h.as(ONBOARDING, DECIDE("releasePartnerRole"), { id: roleIds[i] }));
    h.clock.set("2026-04-03T08:00:00Z");
    const QUERY = (withRoles: boolean) =>
      withRoles
        ? `query ($r: [_Any!]!, $asOf: DateTime!) { _entities(representations: $r) { ... on BusinessPartner { id roles(asOf: $asOf) { totalCount edges { cursor node { roleType status } } } } } }`
        : `query ($r: [_Any!]!) { _entities(representations: $r) { ... on BusinessPartner { id } } }`;
    const measure = async (ids: string[], withRoles: boolean, asOf = "2026-04-01T23:00:00Z") => {
      const send = () => h.as(officer("AUDITOR"), QUERY(withRoles), { r: ids.map(id => ({ __typename: "BusinessPartner", id })), ...(withRoles ? { asOf } : {}) });
      ok(await send());
      const { result, statements } = await h.subgraph.runtime.sql.measure(send);
      return { data: ok(result)._entities as { id: string; roles?: { totalCount: number; edges: { node: { roleType: string; status: string } }[] } }[], statements };
    };
    const three = await measure(partners.slice(0, 3), true);
    const twelve = await measure(partners, true);
    expect(twelve.statements).toBe(three.statements);
    // One statement for the roles of all partners (kit/history.ts versionsAsOf by parent).
    expect(three.statements).toBe((await measure(partners.slice(0, 3), false)).statements + 1);
    // Each partner's own role, as it stood: none released yet on 1 April.
    expect(twelve.data.map(p => [p.id, p.roles?.totalCount, p.roles?.edges.map(e => `${e.node.roleType} ${e.node.status}`)])).toEqual(
      partners.map(id => [id, 1, ["AUTHORISED_CONSIGNOR REQUESTED"]]),
    );
    expect(twelve.data.slice(0, 3)).toEqual(three.data);
    const released = await measure(partners, true, "2026-04-02T08:00:00Z");
    expect(released.data.map(p => p.roles?.edges[0].node.status)).toEqual(partners.map((_, i) => (i % 2 === 0 ? "ACTIVE" : "REQUESTED")));
    expect(released.statements).toBe(three.statements);
  });
});

describe("e-dec/NCTS authorisations as of a date, and the DGD's work queue (issue 15; OD-AFD art. 8-9)", () => {
  const APPLY = `mutation ($input: ApplyForCustomsSystemAuthorisationInput!) { applyForCustomsSystemAuthorisation(input: $input) { authorisation { id status } } }`;
  const STEP = (name: string) => `mutation ($id: ID!) { ${name}(input: { authorisationId: $id }) { authorisation { id status } } }`;
  const AUTHORISATIONS = `query ($id: ID!, $asOf: DateTime) { businessPartner(id: $id) { customsSystemAuthorisations(asOf: $asOf) { totalCount edges { cursor node { id status systems transitOnly businessNumber decisionDueBy decisionOverdue decidedAt partner { id } } } } } }`;
  const application = (partnerId: string, reference: string) => ({ partnerId, systems: ["EDEC", "NCTS"], scope: "DOMESTIC", writtenApplicationReference: reference, itEquipmentConfirmed: true, properConductGuaranteed: true });

  it("ID-R29 (OD-AFD art. 8 para. 6), as of a date (issue 15): an authorisation applied for, complete and granted late reads with its status then, and was overdue at an instant past its due day", async () => {
    h.clock.set("2026-05-04T08:00:00Z");
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|hist-edec", "42000001", "Zeitreise Zoll AG");
    h.clock.set("2026-05-04T09:00:00Z");
    const id = ok(await h.as(admin, APPLY, { input: application(partnerId, "DGD-HIST-1") })).applyForCustomsSystemAuthorisation.authorisation.id;
    h.clock.set("2026-05-05T09:00:00Z");
    ok(await h.as(DGD, `mutation ($id: ID!) { recordAuthorisationSecurity(input: { authorisationId: $id, securityReference: "BOND-H1" }) { authorisation { id } } }`, { id }));
    h.clock.set("2026-05-06T09:00:00Z");
    ok(await h.as(DGD, STEP("recordAuthorisationDocumentsComplete"), { id }));
    // Granted after the 10 days of art. 8 para. 6 (due 16 May).
    h.clock.set("2026-05-20T09:00:00Z");
    ok(await h.as(DGD, STEP("grantCustomsSystemAuthorisation"), { id }));
    h.clock.set("2026-05-21T09:00:00Z");

    const at = async (asOf?: string) => ok(await h.as(admin, AUTHORISATIONS, { id: partnerId, asOf: asOf ?? null })).businessPartner.customsSystemAuthorisations;
    expect((await at("2026-05-04T08:59:59.999Z")).totalCount).toBe(0);
    expect((await at("2026-05-04T09:00:00Z")).edges[0].node).toMatchObject({ id, status: "APPLIED", systems: ["EDEC", "NCTS"], transitOnly: false, decisionDueBy: null, decisionOverdue: false, partner: { id: partnerId } });
    expect((await at("2026-05-10T00:00:00Z")).edges[0].node).toMatchObject({ status: "DOCUMENTS_COMPLETE", decisionDueBy: "2026-05-16", decisionOverdue: false, businessNumber: null });
    // Judged at that instant: past the end of 16 May (Europe/Zurich) without a decision.
    expect((await at("2026-05-18T00:00:00Z")).edges[0].node).toMatchObject({ status: "DOCUMENTS_COMPLETE", decisionOverdue: true, decidedAt: null });
    const granted = (await at("2026-05-20T09:00:00Z")).edges[0].node;
    expect(granted).toMatchObject({ status: "GRANTED", decisionOverdue: false, decidedAt: "2026-05-20T09:00:00.000Z" });
    expect(granted.businessNumber).toMatch(/^\d{6}$/);
    // Without asOf, the live list; as of now, the same.
    expect(await at(h.clock.now().toISOString())).toEqual(await at());
    const future = await h.as(admin, AUTHORISATIONS, { id: partnerId, asOf: "2026-05-21T09:00:00.001Z" });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: "AS_OF_IN_THE_FUTURE", field: "asOf" });
    expect(future.data?.businessPartner.customsSystemAuthorisations).toBeNull();
  });

  it("ID-R25 (OD-AFD art. 8 para. 1), the DGD's work queue: each authorisation names its partner, and the partners of a whole page cost one statement", async () => {
    h.clock.set("2026-06-01T08:00:00Z");
    const names: string[] = [];
    const digits = uidDigits(43000000, 5);
    for (let i = 0; i < 4; i++) {
      const name = `Zeitreise Queue ${i} AG`;
      const { partnerId, admin } = await onboardedPartner(h, `chlogin|hist-queue-${i}`, digits[i], name);
      ok(await h.as(admin, APPLY, { input: application(partnerId, `DGD-Q-${i}`) }));
      names.push(name);
    }
    const QUEUE = (fields: string) => `{ customsSystemAuthorisations(status: APPLIED, first: 100) { edges { node { id ${fields} } } } }`;
    const send = (fields: string) => h.subgraph.runtime.sql.measure(() => h.as(DGD, QUEUE(fields)));
    const bare = await send("");
    const withPartner = await send("partner { id name uid }");
    expect(withPartner.statements).toBe(bare.statements + 1);
    // missingConditions reads the partner through the same per-request loader: still one statement.
    const withConditions = await send("missingConditions partner { id name uid }");
    expect(withConditions.statements).toBe(bare.statements + 1);
    const nodes = ok(withConditions.result).customsSystemAuthorisations.edges.map((e: { node: { partner: { name: string }; missingConditions: string[] } }) => [e.node.partner.name, e.node.missingConditions]);
    expect(nodes.sort()).toEqual(names.map(name => [name, ["security for the expected levies (OD-AFD art. 8 para. 1 let. c)"]]).sort());
    // As the authorisation is: other portal users never reach it, so never its partner through it.
    const { admin: stranger } = await onboardedPartner(h, "chlogin|hist-queue-stranger", digits[4], "Zeitreise Fremd AG");
    expect(errorCode(await h.as(stranger, QUEUE("partner { id }")))).toBe("OFFICER_ROLE_REQUIRED");
  });
});
