import { errorCode, GraphQLResponse, officer } from "../../test/support/graphql";
import { DGD, IdentityHarness, ONBOARDING, onboardedPartner, startIdentity } from "../../test/support/identity-harness";
import { createHistoryTriggers, dropHistoryTriggers, type Principal, transaction } from "../kit";
import { PartnerRole } from "./entities/partner-role.entity";
import { IDENTITY_HISTORY } from "./migrations/1765900000100-IdentityHistory";
import { uidFromDigits } from "./services/secrets";

/**
 * A partner page as of a past date (issue 15), on MariaDB: `BusinessPartner.roles(asOf:)`,
 * `PartnerRole.history` and `customsSystemAuthorisations(asOf:)` answer from the history the
 * database kept as each write happened (migrations/1765900000100-IdentityHistory.ts), stamped with the subgraph's clock,
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

/** A role's changes of status, as `PartnerRole.history` lists them. */
type Change = { at: string; status: string; decisionNote: string | null };
type RoleWithHistory = { id: string; roleType: string; status: string; history: Change[] };

const HISTORY = `query ($id: ID!, $asOf: DateTime) { businessPartner(id: $id) { roles(asOf: $asOf) { edges { node { id roleType status history { at status decisionNote } } } } } }`;

describe("PartnerRole.history, from the kept history (issue 15; ID-R14 to ID-R16, ePortal step 4)", () => {
  let partnerId: string;
  let admin: Principal;
  let consigneeId: string;
  let freightId: string;
  let consignorId: string;
  let againId: string;
  const [digits, strangerDigits] = uidDigits(44000000, 2);

  /** The partner's roles with their history, as `principal` reads them (as of `asOf`, when given). */
  const rolesOf = async (principal: Principal, asOf?: string): Promise<RoleWithHistory[]> =>
    ok(await h.as(principal, HISTORY, { id: partnerId, asOf: asOf ?? null })).businessPartner.roles.edges.map((e: { node: RoleWithHistory }) => e.node);
  const historyOf = async (roleId: string, asOf?: string, principal: Principal = admin) => (await rolesOf(principal, asOf)).find(r => r.id === roleId)?.history;

  beforeAll(async () => {
    h.clock.set("2026-07-01T08:00:00Z");
    ({ partnerId, admin } = await onboardedPartner(h, "chlogin|hist-changes", digits, "Verlauf Logistik AG"));
    // An ACee role waits for FOCBS (ID-R15), which asks a question before releasing it.
    h.clock.set("2026-07-01T09:00:00Z");
    consigneeId = await request(admin, partnerId, "AUTHORISED_CONSIGNEE", { name: "Anna Muster", email: "anna@example.ch" });
    h.clock.set("2026-07-02T10:00:00Z");
    ok(await h.as(ONBOARDING, DECIDE("clarifyPartnerRole"), { id: consigneeId, note: "Send the premises plan" }));
    // No mutation changes a role's contact person: written here as a data correction would be,
    // through the subgraph's one door for writes, so the triggers keep a version stamped with its clock.
    h.clock.set("2026-07-03T11:00:00Z");
    await transaction(h.subgraph.runtime.dataSource, m => m.update(PartnerRole, { id: consigneeId }, { contactPerson: { name: "Beat Muster", email: "beat@example.ch", phone: null } }));
    // FREIGHT is released at its request (ID-R15).
    h.clock.set("2026-07-04T12:00:00Z");
    freightId = await request(admin, partnerId, "FREIGHT");
    h.clock.set("2026-07-06T14:00:00Z");
    ok(await h.as(ONBOARDING, DECIDE("releasePartnerRole"), { id: consigneeId, note: "Premises plan received" }));
    // An ACor role rejected (DESIGN CHOICE, DOMAIN.md §2.2) and requested again: a new role (ID-R14).
    h.clock.set("2026-07-08T09:00:00Z");
    consignorId = await request(admin, partnerId, "AUTHORISED_CONSIGNOR");
    h.clock.set("2026-07-09T09:00:00Z");
    ok(await h.as(ONBOARDING, DECIDE("rejectPartnerRole"), { id: consignorId, note: "No premises for the goods" }));
    h.clock.set("2026-07-10T09:00:00Z");
    againId = await request(admin, partnerId, "AUTHORISED_CONSIGNOR");
    // ID-R16: the administrator adjusts the roles.
    h.clock.set("2026-07-20T08:00:00Z");
    ok(await h.as(admin, REMOVE, { id: consigneeId }));
    h.clock.set("2026-07-21T08:00:00Z");
  });

  it("ID-R15 (ePortal step 4), role history (issue 15): a role requested, put in clarification, released and removed lists the four statuses, oldest first, at the instants the administration recorded them, each with the note recorded with it", async () => {
    expect(await historyOf(consigneeId)).toEqual([
      { at: "2026-07-01T09:00:00.000Z", status: "REQUESTED", decisionNote: null },
      { at: "2026-07-02T10:00:00.000Z", status: "IN_CLARIFICATION", decisionNote: "Send the premises plan" },
      { at: "2026-07-06T14:00:00.000Z", status: "ACTIVE", decisionNote: "Premises plan received" },
      // ID-R16: a removal records no note; the release's note stays on the role, not on this entry.
      { at: "2026-07-20T08:00:00.000Z", status: "REMOVED", decisionNote: null },
    ]);
  });

  it("ID-R14 (ePortal step 4), role history (issue 15), DESIGN CHOICE: a change of the contact person alone is kept as a version of the role but adds no entry", async () => {
    const kept = (await h.subgraph.services.roles.versionsOf([consigneeId]))[0];
    expect(kept.map(v => [v.recordedAt.toISOString(), v.row.status, v.row.contactPerson?.name])).toEqual([
      ["2026-07-01T09:00:00.000Z", "REQUESTED", "Anna Muster"],
      ["2026-07-02T10:00:00.000Z", "IN_CLARIFICATION", "Anna Muster"],
      ["2026-07-03T11:00:00.000Z", "IN_CLARIFICATION", "Beat Muster"],
      ["2026-07-06T14:00:00.000Z", "ACTIVE", "Beat Muster"],
      ["2026-07-20T08:00:00.000Z", "REMOVED", "Beat Muster"],
    ]);
    const history = (await historyOf(consigneeId))!;
    expect(history.map(c => c.status)).toEqual(["REQUESTED", "IN_CLARIFICATION", "ACTIVE", "REMOVED"]);
    expect(history.map(c => c.at)).not.toContain("2026-07-03T11:00:00.000Z");
    // The change itself is read as of a date: the contact person then.
    const contact = `query ($id: ID!, $asOf: DateTime) { businessPartner(id: $id) { roles(asOf: $asOf) { edges { node { id contactPerson { name } } } } } }`;
    const contactAt = async (asOf: string) => ok(await h.as(admin, contact, { id: partnerId, asOf })).businessPartner.roles.edges.find((e: { node: { id: string } }) => e.node.id === consigneeId).node.contactPerson.name;
    expect([await contactAt("2026-07-03T10:59:59.999Z"), await contactAt("2026-07-03T11:00:00.000Z")]).toEqual(["Anna Muster", "Beat Muster"]);
  });

  it("ID-R14 (ePortal step 4), role history (issue 15): a role released at its request has one entry; a role rejected and requested again is a new role with its own history, and a mutation's payload answers it too", async () => {
    expect(await historyOf(freightId)).toEqual([{ at: "2026-07-04T12:00:00.000Z", status: "ACTIVE", decisionNote: null }]);
    expect(await historyOf(consignorId)).toEqual([
      { at: "2026-07-08T09:00:00.000Z", status: "REQUESTED", decisionNote: null },
      { at: "2026-07-09T09:00:00.000Z", status: "REJECTED", decisionNote: "No premises for the goods" },
    ]);
    expect(await historyOf(againId)).toEqual([{ at: "2026-07-10T09:00:00.000Z", status: "REQUESTED", decisionNote: null }]);
    // ID-R15: released by FOCBS after the tests above read it; the payload lists the release.
    h.clock.set("2026-07-21T09:00:00Z");
    const released = ok(await h.as(ONBOARDING, `mutation ($id: ID!) { releasePartnerRole(input: { roleId: $id, note: "Premises confirmed" }) { role { id status history { at status decisionNote } } } }`, { id: againId }))
      .releasePartnerRole.role;
    expect(released).toEqual({
      id: againId,
      status: "ACTIVE",
      history: [
        { at: "2026-07-10T09:00:00.000Z", status: "REQUESTED", decisionNote: null },
        { at: "2026-07-21T09:00:00.000Z", status: "ACTIVE", decisionNote: "Premises confirmed" },
      ],
    });
  });

  it("ID-R16 (ePortal step 4), role history as of a date (issue 15): a role read as of a date lists its history as recorded at that instant, the instant included; its last entry is the status it then had, and as of now the history is the live one", async () => {
    expect(await historyOf(consigneeId, "2026-07-01T09:00:00.000Z")).toEqual([{ at: "2026-07-01T09:00:00.000Z", status: "REQUESTED", decisionNote: null }]);
    expect(await historyOf(consigneeId, "2026-07-06T13:59:59.999Z")).toEqual([
      { at: "2026-07-01T09:00:00.000Z", status: "REQUESTED", decisionNote: null },
      { at: "2026-07-02T10:00:00.000Z", status: "IN_CLARIFICATION", decisionNote: "Send the premises plan" },
    ]);
    expect((await historyOf(consigneeId, "2026-07-19T23:59:59.999Z"))!.map(c => [c.at, c.status])).toEqual([
      ["2026-07-01T09:00:00.000Z", "REQUESTED"],
      ["2026-07-02T10:00:00.000Z", "IN_CLARIFICATION"],
      ["2026-07-06T14:00:00.000Z", "ACTIVE"],
    ]);
    // The role rejected on 9 July, as it stood the day before.
    expect(await historyOf(consignorId, "2026-07-08T23:00:00+02:00")).toEqual([{ at: "2026-07-08T09:00:00.000Z", status: "REQUESTED", decisionNote: null }]);
    for (const asOf of ["2026-07-01T09:00:00.000Z", "2026-07-03T11:00:00.000Z", "2026-07-05T00:00:00Z", "2026-07-09T09:00:00.000Z", "2026-07-15T00:00:00Z", "2026-07-20T08:00:00.000Z", "2026-07-21T08:30:00Z"]) {
      const roles = await rolesOf(admin, asOf);
      expect(roles.length).toBeGreaterThan(0);
      for (const role of roles) {
        expect(role.history[role.history.length - 1].status).toBe(role.status);
        expect(role.history.every(c => Date.parse(c.at) <= Date.parse(asOf))).toBe(true);
      }
    }
    // As of now: the live roles, with their whole history.
    const live = await rolesOf(admin);
    expect(await rolesOf(admin, h.clock.now().toISOString())).toEqual(live);
    expect(live.find(r => r.id === consigneeId)!.history).toHaveLength(4);
  });

  it("ID-R16 (ePortal step 4), role history (issue 15): readable exactly where the role is, by the partner's administrator and officers; a portal user of another partner gets the refusal of the roles and no history", async () => {
    const mine = await historyOf(consigneeId);
    expect(await historyOf(consigneeId, undefined, officer("AUDITOR"))).toEqual(mine);
    // The onboarding service's work list reaches the same role, and its history.
    const queue = ok(await h.as(ONBOARDING, `{ partnerRoleRequests(status: REMOVED, first: 100) { edges { node { id history { at status decisionNote } } } } }`)).partnerRoleRequests;
    expect(queue.edges.find((e: { node: { id: string } }) => e.node.id === consigneeId).node.history).toEqual(mine);

    const { admin: stranger } = await onboardedPartner(h, "chlogin|hist-changes-stranger", strangerDigits, "Verlauf Fremd AG");
    const bare = `query ($id: ID!, $asOf: DateTime) { businessPartner(id: $id) { roles(asOf: $asOf) { edges { node { id } } } } }`;
    for (const asOf of [null, "2026-07-06T14:00:00Z"]) {
      const refused = await h.as(stranger, HISTORY, { id: partnerId, asOf });
      expect(errorCode(refused)).toBe("FORBIDDEN");
      expect(refused.data?.businessPartner.roles).toBeNull();
      expect(refused.errors).toEqual((await h.as(stranger, bare, { id: partnerId, asOf })).errors);
    }
    const work = await h.as(stranger, `{ partnerRoleRequests(status: REMOVED) { edges { node { id history { status } } } } }`);
    expect(work.data?.partnerRoleRequests ?? null).toBeNull();
    expect(work.errors).toEqual((await h.as(stranger, `{ partnerRoleRequests(status: REMOVED) { edges { node { id } } } }`)).errors);
  });
});

describe("role history for many partners (issue 15)", () => {
  it("ID-R15 (ePortal step 4), role history (issue 15): the history of the roles of 12 partners costs as many statements as that of 3, one for all of them, live and as of a date", async () => {
    h.clock.set("2026-08-03T08:00:00Z");
    const partners: string[] = [];
    const roleIds: string[] = [];
    const digits = uidDigits(45000000, 12);
    for (let i = 0; i < 12; i++) {
      const { partnerId, admin } = await onboardedPartner(h, `chlogin|hist-changes-many-${i}`, digits[i], `Verlauf Filiale ${i}`);
      h.clock.advance(60_000);
      roleIds.push(await request(admin, partnerId, "AUTHORISED_CONSIGNOR"));
      partners.push(partnerId);
    }
    // Every other one put in clarification, then released by FOCBS (ID-R15).
    h.clock.set("2026-08-04T08:00:00Z");
    for (let i = 0; i < 12; i += 2) ok(await h.as(ONBOARDING, DECIDE("clarifyPartnerRole"), { id: roleIds[i], note: `Question ${i}` }));
    h.clock.set("2026-08-05T08:00:00Z");
    for (let i = 0; i < 12; i += 2) ok(await h.as(ONBOARDING, DECIDE("releasePartnerRole"), { id: roleIds[i] }));
    h.clock.set("2026-08-06T08:00:00Z");

    const QUERY = (fields: string) => `query ($r: [_Any!]!${fields ? ", $asOf: DateTime" : ""}) { _entities(representations: $r) { ... on BusinessPartner { id ${fields} } } }`;
    const ROLES = (history: boolean) => `roles(asOf: $asOf) { edges { node { id status ${history ? "history { at status decisionNote }" : ""} } } }`;
    type Entity = { id: string; roles?: { edges: { node: { id: string; status: string; history?: Change[] } }[] } };
    const measure = async (ids: string[], fields: string, asOf: string | null = null) => {
      const send = () => h.as(officer("AUDITOR"), QUERY(fields), { r: ids.map(id => ({ __typename: "BusinessPartner", id })), ...(fields ? { asOf } : {}) });
      ok(await send());
      const { result, statements } = await h.subgraph.runtime.sql.measure(send);
      return { data: ok(result)._entities as Entity[], statements };
    };
    const three = partners.slice(0, 3);
    const bare = await measure(three, "");
    for (const asOf of [null, "2026-08-04T12:00:00Z"]) {
      const withRoles = await measure(three, ROLES(false), asOf);
      const withHistory = await measure(three, ROLES(true), asOf);
      const twelve = await measure(partners, ROLES(true), asOf);
      expect(twelve.statements).toBe(withHistory.statements);
      // One statement for the history of all roles (kit/history.ts versionsOf), however many partners.
      expect(withHistory.statements).toBe(withRoles.statements + 1);
      expect(withRoles.statements).toBeGreaterThan(bare.statements);
      expect(twelve.data.slice(0, 3)).toEqual(withHistory.data);
      // Each role's own history: the released ones through clarification, the others still requested.
      expect(
        twelve.data.map(p => {
          const node = p.roles!.edges[0].node;
          return [p.id, node.id, node.history!.map(c => c.status), node.history![node.history!.length - 1].status === node.status];
        }),
      ).toEqual(
        partners.map((id, i) => [id, roleIds[i], i % 2 ? ["REQUESTED"] : asOf ? ["REQUESTED", "IN_CLARIFICATION"] : ["REQUESTED", "IN_CLARIFICATION", "ACTIVE"], true]),
      );
      expect(twelve.data[2].roles!.edges[0].node.history!.slice(1)).toEqual(
        asOf
          ? [{ at: "2026-08-04T08:00:00.000Z", status: "IN_CLARIFICATION", decisionNote: "Question 2" }]
          : [
              { at: "2026-08-04T08:00:00.000Z", status: "IN_CLARIFICATION", decisionNote: "Question 2" },
              // Released without a note: the question stays on the role, and is not the release's.
              { at: "2026-08-05T08:00:00.000Z", status: "ACTIVE", decisionNote: null },
            ],
      );
    }
  });
});

describe("the history of a role older than its history (issue 15; ID-R14 to ID-R16, ePortal step 4)", () => {
  let old: IdentityHarness;
  const spec = IDENTITY_HISTORY.find(s => s.table === "partner_role")!;

  beforeAll(async () => {
    old = await startIdentity("customs_test_identity_role_backfill", { now: "2026-09-01T08:00:00Z" });
  });
  afterAll(async () => {
    await old?.stop();
  });

  it("ID-R15 (ePortal step 4), role history (issue 15): a role that went through clarification and release before its history began lists one entry, its state then, dated from its request; changes after the history began follow", async () => {
    const { partnerId, admin } = await onboardedPartner(old, "chlogin|hist-backfill", uidDigits(46000000, 1)[0], "Altbestand AG");
    const runner = old.subgraph.runtime.dataSource.createQueryRunner();
    let roleId: string;
    try {
      // No history yet: the role's writes leave no version.
      await dropHistoryTriggers(runner, spec);
      old.clock.set("2026-09-01T09:00:00Z");
      roleId = ok(await old.as(admin, REQUEST_ROLE, { p: partnerId, r: "AUTHORISED_CONSIGNEE", c: null })).requestPartnerRole.role.id;
      old.clock.set("2026-09-02T09:00:00Z");
      ok(await old.as(ONBOARDING, DECIDE("clarifyPartnerRole"), { id: roleId, note: "Send the premises plan" }));
      old.clock.set("2026-09-03T09:00:00Z");
      ok(await old.as(ONBOARDING, DECIDE("releasePartnerRole"), { id: roleId, note: "Premises plan received" }));
      expect(await old.subgraph.services.roles.versionsOf([roleId])).toEqual([[]]);
      // The history begins as migration IdentityHistory begins it: each row recorded once, at its request.
      await createHistoryTriggers(runner, spec);
    } finally {
      await runner.release();
    }
    old.clock.set("2026-09-10T09:00:00Z");
    ok(await old.as(admin, REMOVE, { id: roleId }));
    const historyAt = async (asOf: string | null) =>
      ok(await old.as(admin, HISTORY, { id: partnerId, asOf })).businessPartner.roles.edges.map((e: { node: RoleWithHistory }) => [e.node.status, e.node.history]);
    const then = { at: "2026-09-01T09:00:00.000Z", status: "ACTIVE", decisionNote: "Premises plan received" };
    expect(await historyAt("2026-09-05T00:00:00Z")).toEqual([["ACTIVE", [then]]]);
    expect(await historyAt(null)).toEqual([["REMOVED", [then, { at: "2026-09-10T09:00:00.000Z", status: "REMOVED", decisionNote: null }]]]);
  });
});
