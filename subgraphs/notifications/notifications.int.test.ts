import { randomUUID } from "node:crypto";
import { Principal, transaction } from "../kit";
import { ANONYMOUS, errorCode, officer } from "../../test/support/graphql";
import { startTestSubgraph, TestSubgraph } from "../../test/support/subgraph-harness";
import type { NotificationServices } from "./services";
import { definition } from "./notifications.subgraph";

/**
 * The notifications subgraph on MariaDB through its own GraphQL API (issue 14 item 3): the other
 * subgraphs' events become notifications in the inbox of the partner concerned and, where an office
 * acts, of an officer role (ID-R15, DEC-R36, DEC-R53, DEC-R54, DEBT-R10, DEBT-R18, WH-R04); a
 * redelivered event creates nothing twice; each caller reads only its partners' or roles' inboxes,
 * `_entities` included; read marks are each reader's own; a page costs the same statements for 10
 * and 100 notifications. From Monday 2 March 2026, 09:00 Zurich time (08:00 UTC).
 */
let t: TestSubgraph<NotificationServices>;
const NOW = "2026-03-02T09:00:00+01:00";
const CUSTOMS = officer("CUSTOMS_OFFICE");
const DGD = officer("DGD");

beforeAll(async () => {
  t = await startTestSubgraph(definition, "customs_test_notifications", { now: NOW });
});
afterAll(async () => {
  await t?.stop();
});
beforeEach(() => {
  t.clock.set(NOW);
});

/** A portal user who is a member of the partners given. */
function portalUserOf(...partnerIds: string[]): Principal {
  return { kind: "PORTAL_USER", subject: `chlogin|user-${randomUUID().slice(0, 8)}`, userId: randomUUID(), partners: partnerIds.map(partnerId => ({ partnerId, portalRole: "USER", roles: [] })), officerRoles: [] };
}

/** A partner's clearance software. */
function applicationOf(partnerId: string): Principal {
  const applicationId = randomUUID();
  return { kind: "API_APPLICATION", applicationId, subject: applicationId, partners: [{ partnerId, portalRole: null, roles: [] }], officerRoles: [] };
}

const NODE = `id kind title body subjectType subjectId createdAt read declaration { id } taxationDecision { id } customsDebt { id } storedLot { id } storageFacility { id } partner { id }`;
const MINE = `query ($id: ID!, $first: Int, $after: String, $unreadOnly: Boolean) { _entities(representations: [{ __typename: "PortalUser", id: $id }]) { ... on PortalUser { unreadNotificationCount notifications(first: $first, after: $after, unreadOnly: $unreadOnly) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${NODE} } } } } } }`;
const PARTNER = `query ($first: Int, $after: String, $unreadOnly: Boolean, $partnerId: ID) { partnerNotifications(first: $first, after: $after, unreadOnly: $unreadOnly, partnerId: $partnerId) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${NODE} } } } }`;
const OFFICER = `query ($first: Int, $after: String, $unreadOnly: Boolean) { officerNotifications(first: $first, after: $after, unreadOnly: $unreadOnly) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${NODE} } } } }`;
const MARK = `mutation ($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { markedCount unreadCount } }`;
const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Notification { id kind read partner { id } } } }`;

/** The user's inbox through `PortalUser.notifications`, as the gateway asks for `me { notifications }`. */
async function inboxOf(user: Principal, variables: Record<string, unknown> = {}) {
  const res = await t.as(user, MINE, { id: user.userId, first: 100, ...variables });
  expect(res.errors).toBeUndefined();
  return res.data!._entities[0] as { unreadNotificationCount: number; notifications: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: Record<string, any> }[] } };
}

async function ok(principal: Principal, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await t.as(principal, query, variables);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

/** Runs an operation that must be refused with `code`, and proves it changed nothing. */
async function expectRefused(principal: Principal, query: string, variables: Record<string, unknown>, code: string) {
  const before = await t.fingerprint();
  const res = await t.as(principal, query, variables);
  expect(errorCode(res)).toBe(code);
  expect(await t.fingerprint()).toBe(before);
  return res.errors![0];
}

const rows = (eventId: string) =>
  t.subgraph.runtime.dataSource.query("SELECT kind, recipient_kind, recipient_id, subject_type, subject_id, declaration_id, partner_id, title, body FROM notification WHERE source_event_id = ? ORDER BY recipient_kind, recipient_id", [eventId]) as Promise<
    Record<string, string | null>[]
  >;

/** Events as their producers publish them (identity, declarations, debt, warehousing). */
const events = {
  roleReleased: (partnerId: string, roleType = "FREIGHT") => ({ partnerId, roleId: randomUUID(), roleType, releasedAt: "2026-03-02T08:00:00.000Z" }),
  roleClarification: (partnerId: string, reason: string) => ({ partnerId, roleId: randomUUID(), roleType: "AUTHORISED_CONSIGNEE", reason }),
  roleRejected: (partnerId: string, reason: string) => ({ partnerId, roleId: randomUUID(), roleType: "AUTHORISED_CONSIGNOR", reason }),
  taxation: (declarantId: string, onBehalfOfId: string | null) => ({
    taxationDecisionId: randomUUID(),
    declarationId: randomUUID(),
    declarationNumber: "26CHIM000123456789",
    declarantId,
    onBehalfOfId,
    kind: "FINAL",
    totalDuties: "970.49",
    nonCollected: false,
    establishedAt: "2026-03-02T08:00:00.000Z",
    supersedesId: null,
  }),
  taxationCancelled: (declarantId: string, onBehalfOfId: string | null) => ({
    taxationDecisionId: randomUUID(),
    declarationId: randomUUID(),
    cancelledAt: "2026-03-02T08:00:00.000Z",
    declarantId,
    onBehalfOfId,
    notice: "Wrong tariff number in item 2",
    paperReturnDueBy: "2026-03-03",
  }),
  documentsOverdue: (declarantId: string) => ({ declarationId: randomUUID(), declarantId, identificationMark: "N380", dueAt: "2026-03-02T10:00:00.000Z" }),
  debtOverdue: (debtorIds: string[], declarationId: string | null = randomUUID()) => ({ debtId: randomUUID(), declarationId, overdueSince: "2026-03-01T23:00:00.000Z", outstanding: "970.49", debtorIds }),
  securityRequired: (operatorId: string) => ({ facilityId: randomUUID(), operatorId, amount: "50000.00", controlOfficeId: "1001", requiredAt: "2026-03-02T08:00:00.000Z" }),
  storageExpired: (depositorId: string) => ({ lotId: randomUUID(), depositorId, storageEnd: "2026-03-01T23:00:00.000Z", placementDeadline: "2026-04-30T21:59:59.999Z" }),
};

describe("events in, inbox rows out", () => {
  it("puts a role's release, clarification and refusal into the partner's inbox only, with FOCBS's question and reason (ID-R15, ePortal step 4)", async () => {
    const partner = randomUUID();
    const released = randomUUID();
    const asked = randomUUID();
    const refused = randomUUID();
    const r = events.roleReleased(partner);
    expect(await t.deliver("identity", "PartnerRoleActivated", r, released)).toBe("PROCESSED");
    expect(await t.deliver("identity", "PartnerRoleClarificationRequested", events.roleClarification(partner, "Send the consignee premises plan"), asked)).toBe("PROCESSED");
    expect(await t.deliver("identity", "PartnerRoleRejected", events.roleRejected(partner, "No ACor licence"), refused)).toBe("PROCESSED");
    expect(await rows(released)).toEqual([
      expect.objectContaining({ kind: "PARTNER_ROLE_RELEASED", recipient_kind: "PARTNER", recipient_id: partner, subject_type: "PartnerRole", subject_id: r.roleId, partner_id: partner, title: "Role released: freight" }),
    ]);
    expect(await rows(asked)).toEqual([expect.objectContaining({ kind: "PARTNER_ROLE_CLARIFICATION_REQUESTED", recipient_id: partner, body: expect.stringContaining("Send the consignee premises plan") })]);
    expect(await rows(refused)).toEqual([expect.objectContaining({ kind: "PARTNER_ROLE_REJECTED", recipient_id: partner, body: expect.stringContaining("No ACor licence") })]);
  });

  it("tells the declarant and the partner it declared for of a taxation decision put online (DEC-R53, OD-AFD art. 20a) and of its cancellation with the notice and the paper's return date (DEC-R54, OD-AFD art. 20b)", async () => {
    const declarant = randomUUID();
    const importer = randomUUID();
    const issued = events.taxation(declarant, importer);
    const cancelled = events.taxationCancelled(declarant, importer);
    const [issuedId, cancelledId] = [randomUUID(), randomUUID()];
    await t.deliver("declarations", "TaxationDecisionIssued", issued, issuedId);
    await t.deliver("declarations", "TaxationDecisionCancelled", cancelled, cancelledId);
    const common = { recipient_kind: "PARTNER", subject_type: "TaxationDecision" };
    expect(await rows(issuedId)).toEqual(
      [declarant, importer].sort().map(p => expect.objectContaining({ ...common, kind: "TAXATION_DECISION_ISSUED", recipient_id: p, partner_id: p, subject_id: issued.taxationDecisionId, declaration_id: issued.declarationId })),
    );
    const told = await rows(cancelledId);
    expect(told).toHaveLength(2);
    expect(told[0]).toMatchObject({ kind: "TAXATION_DECISION_CANCELLED", subject_id: cancelled.taxationDecisionId, declaration_id: cancelled.declarationId });
    expect(told[0].body).toContain("Wrong tariff number in item 2");
    expect(told[0].body).toContain("by 3 March 2026");
    // The declarant on its own behalf is told once.
    const alone = randomUUID();
    await t.deliver("declarations", "TaxationDecisionIssued", events.taxation(declarant, declarant), alone);
    expect(await rows(alone)).toHaveLength(1);
    // Through the graph: the decision and its declaration are references the client can follow.
    const { notifications } = await inboxOf(portalUserOf(importer));
    const node = notifications.edges.find(e => e.node.kind === "TAXATION_DECISION_ISSUED")!.node;
    expect(node).toMatchObject({ subjectType: "TaxationDecision", taxationDecision: { id: issued.taxationDecisionId }, declaration: { id: issued.declarationId }, partner: { id: importer }, customsDebt: null, storedLot: null, read: false });
    expect(node.body).toContain("DEC-R53");
  });

  it("puts deadlines missed (DEC-R36 documents, DEBT-R10 debts, WH-R04 storage) and a security to give (DEBT-R18) into the partner's inbox and the CUSTOMS_OFFICE inbox", async () => {
    const declarant = randomUUID();
    const codebtor = randomUUID();
    const docs = events.documentsOverdue(declarant);
    const debt = events.debtOverdue([declarant, codebtor]);
    const security = events.securityRequired(declarant);
    const lot = events.storageExpired(declarant);
    const ids = { docs: randomUUID(), debt: randomUUID(), security: randomUUID(), lot: randomUUID() };
    await t.deliver("declarations", "DocumentsOverdue", docs, ids.docs);
    await t.deliver("debt", "DebtOverdue", debt, ids.debt);
    await t.deliver("warehousing", "OperatorSecurityRequired", security, ids.security);
    await t.deliver("warehousing", "StoragePeriodExpired", lot, ids.lot);
    const office = { recipient_kind: "OFFICER_ROLE", recipient_id: "CUSTOMS_OFFICE" };
    expect(await rows(ids.docs)).toEqual([
      expect.objectContaining({ ...office, kind: "DOCUMENTS_OVERDUE", subject_type: "CustomsDeclaration", subject_id: docs.declarationId, partner_id: declarant }),
      expect.objectContaining({ recipient_kind: "PARTNER", recipient_id: declarant, kind: "DOCUMENTS_OVERDUE", declaration_id: docs.declarationId }),
    ]);
    const debtRows = await rows(ids.debt);
    expect(debtRows.map(r => [r.recipient_kind, r.recipient_id, r.partner_id])).toEqual([
      ["OFFICER_ROLE", "CUSTOMS_OFFICE", null],
      ...[declarant, codebtor].sort().map(p => ["PARTNER", p, p]),
    ]);
    expect(debtRows[0]).toMatchObject({ kind: "DEBT_OVERDUE", subject_type: "CustomsDebt", subject_id: debt.debtId, declaration_id: debt.declarationId });
    expect(debtRows[0].body).toContain("DEBT-R10, LD art. 74");
    expect((await rows(ids.security)).map(r => [r.recipient_id, r.kind, r.subject_type, r.subject_id])).toEqual([
      ["CUSTOMS_OFFICE", "OPERATOR_SECURITY_REQUIRED", "StorageFacility", security.facilityId],
      [declarant, "OPERATOR_SECURITY_REQUIRED", "StorageFacility", security.facilityId],
    ]);
    const lotRows = await rows(ids.lot);
    expect(lotRows.map(r => [r.recipient_id, r.kind, r.subject_type, r.subject_id])).toEqual([
      ["CUSTOMS_OFFICE", "STORAGE_PERIOD_EXPIRED", "StoredLot", lot.lotId],
      [declarant, "STORAGE_PERIOD_EXPIRED", "StoredLot", lot.lotId],
    ]);
    expect(lotRows[1].body).toContain("30 April 2026, 23:59");
    expect(lotRows[1].body).toContain("WH-R04, LD art. 51 para. 3");
    // Each stored notification is announced, in the same transaction, for the gateway's subscriptions.
    const added = (await t.subgraph.runtime.dataSource.query(
      "SELECT e.payload FROM outbox_event e WHERE e.type = 'NotificationAdded' AND e.aggregate_id IN (SELECT n.id FROM notification n WHERE n.source_event_id = ?)",
      [ids.debt],
    )) as { payload: string }[];
    expect(added.map(a => JSON.parse(a.payload)).map(p => [p.recipientKind, p.recipientId, p.kind]).sort()).toEqual(debtRows.map(r => [r.recipient_kind, r.recipient_id, "DEBT_OVERDUE"]).sort());
  });

  it("creates nothing twice when an event is redelivered, through the receiver or straight to its handler", async () => {
    const partner = randomUUID();
    const id = randomUUID();
    const payload = events.debtOverdue([partner]);
    expect(await t.deliver("debt", "DebtOverdue", payload, id)).toBe("PROCESSED");
    const before = await t.fingerprint();
    expect(await t.deliver("debt", "DebtOverdue", payload, id)).toBe("DUPLICATE");
    // Past the receiver's processed-event table: the handler itself adds no recipient twice.
    const handler = definition.eventHandlers!(t.subgraph.services).DebtOverdue;
    const envelope = { id, type: "DebtOverdue", producer: "debt", aggregateId: payload.debtId, occurredAt: t.clock.now().toISOString(), payload };
    await transaction(t.subgraph.runtime.dataSource, m => handler(m, envelope));
    expect(await t.fingerprint()).toBe(before);
    expect(await rows(id)).toHaveLength(2);
    const [added] = (await t.subgraph.runtime.dataSource.query("SELECT COUNT(*) AS n FROM outbox_event WHERE type = 'NotificationAdded' AND aggregate_id IN (SELECT id FROM notification WHERE source_event_id = ?)", [id])) as { n: string | number }[];
    expect(Number(added.n)).toBe(2);
    // A second event about the same debt is a new notification.
    await t.deliver("debt", "DebtOverdue", payload);
    expect((await inboxOf(portalUserOf(partner))).notifications.totalCount).toBe(2);
  });
});

describe("who reads which inbox", () => {
  it("shows a partner's notifications to each of its portal users and applications and to nobody else, `_entities` included", async () => {
    const alpine = randomUUID();
    const bern = randomUUID();
    await t.deliver("identity", "PartnerRoleActivated", events.roleReleased(alpine));
    await t.deliver("identity", "PartnerRoleActivated", events.roleReleased(bern, "TRANSPORT"));
    const alice = portalUserOf(alpine);
    const both = portalUserOf(alpine, bern);
    const mallory = portalUserOf(bern);
    const mine = await inboxOf(alice);
    expect(mine.notifications.edges.map(e => [e.node.kind, e.node.partner.id])).toEqual([["PARTNER_ROLE_RELEASED", alpine]]);
    expect((await inboxOf(both)).notifications.totalCount).toBe(2);
    expect((await inboxOf(mallory)).notifications.edges.map(e => e.node.partner.id)).toEqual([bern]);
    // Partner software reads its partner's inbox; a partner it does not act for is refused.
    const software = applicationOf(alpine);
    expect((await ok(software, PARTNER)).partnerNotifications.edges.map((e: any) => e.node.partner.id)).toEqual([alpine]);
    expect(errorCode(await t.as(software, PARTNER, { partnerId: bern }))).toBe("FORBIDDEN");
    expect((await ok(both, PARTNER, { partnerId: bern })).partnerNotifications.edges.map((e: any) => e.node.partner.id)).toEqual([bern]);
    // A user's inbox is the user's own: another user, an application or an officer asking for it is refused.
    for (const other of [mallory, software, CUSTOMS]) expect(errorCode(await t.as(other, MINE, { id: alice.userId }))).toBe("FORBIDDEN");
    expect(errorCode(await t.as(ANONYMOUS, MINE, { id: alice.userId }))).toBe("UNAUTHENTICATED");
    // `_entities`: the owner reads it, another partner's principal gets null.
    const id = mine.notifications.edges[0].node.id;
    expect((await ok(software, ENTITIES, { r: [{ __typename: "Notification", id }] }))._entities).toEqual([{ id, kind: "PARTNER_ROLE_RELEASED", read: false, partner: { id: alpine } }]);
    expect((await ok(mallory, ENTITIES, { r: [{ __typename: "Notification", id }] }))._entities).toEqual([null]);
    expect((await ok(CUSTOMS, ENTITIES, { r: [{ __typename: "Notification", id }] }))._entities).toEqual([null]);
    expect((await ok(ANONYMOUS, ENTITIES, { r: [{ __typename: "Notification", id }] }))._entities).toEqual([null]);
  });

  it("shows an officer role's inbox to every officer with that role only, and refuses each inbox to the wrong kind of caller", async () => {
    const partner = randomUUID();
    const id = randomUUID();
    await t.deliver("declarations", "DocumentsOverdue", events.documentsOverdue(partner), id);
    const [officeCopy] = (await t.subgraph.runtime.dataSource.query("SELECT id FROM notification WHERE source_event_id = ? AND recipient_kind = 'OFFICER_ROLE'", [id])) as { id: string }[];
    for (const reader of [CUSTOMS, officer("CUSTOMS_OFFICE", "AUDITOR")]) {
      const page = (await ok(reader, OFFICER)).officerNotifications;
      expect(page.edges.map((e: any) => e.node.id)).toContain(officeCopy.id);
      expect(page.edges.every((e: any) => e.node.partner === null || typeof e.node.partner.id === "string")).toBe(true);
    }
    expect((await ok(DGD, OFFICER)).officerNotifications).toMatchObject({ totalCount: 0, edges: [] });
    expect((await ok(CUSTOMS, ENTITIES, { r: [{ __typename: "Notification", id: officeCopy.id }] }))._entities).toEqual([expect.objectContaining({ id: officeCopy.id, kind: "DOCUMENTS_OVERDUE" })]);
    expect((await ok(DGD, ENTITIES, { r: [{ __typename: "Notification", id: officeCopy.id }] }))._entities).toEqual([null]);
    expect((await ok(portalUserOf(partner), ENTITIES, { r: [{ __typename: "Notification", id: officeCopy.id }] }))._entities).toEqual([null]);
    expect(errorCode(await t.as(portalUserOf(partner), OFFICER))).toBe("FORBIDDEN");
    expect(errorCode(await t.as(applicationOf(partner), OFFICER))).toBe("FORBIDDEN");
    expect(errorCode(await t.as(CUSTOMS, PARTNER))).toBe("FORBIDDEN");
    for (const query of [OFFICER, PARTNER]) expect(errorCode(await t.as(ANONYMOUS, query))).toBe("UNAUTHENTICATED");
  });
});

describe("read marks", () => {
  it("pages newest first, filters unread, and marks read for each reader alone (markNotificationsRead)", async () => {
    const partner = randomUUID();
    for (let i = 0; i < 5; i++) {
      t.clock.advance(60_000);
      await t.deliver("identity", "PartnerRoleActivated", events.roleReleased(partner, ["FREIGHT", "TRANSPORT", "AUTHORISED_CONSIGNEE", "AUTHORISED_CONSIGNOR", "DECLARANT"][i]));
    }
    const alice = portalUserOf(partner);
    const bob = portalUserOf(partner);
    const all = await inboxOf(alice);
    expect(all.unreadNotificationCount).toBe(5);
    const created = all.notifications.edges.map(e => e.node.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    // Pages of 2 with cursors give the same order.
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof inboxOf>>["notifications"] = (await inboxOf(alice, { first: 2, after })).notifications;
      seen.push(...page.edges.map(e => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all.notifications.edges.map(e => e.node.id));
    expect(errorCode(await t.as(alice, MINE, { id: alice.userId, after: "not-a-cursor" }))).toBe("BAD_USER_INPUT");

    const [newest, second] = seen;
    expect((await ok(alice, MARK, { input: { ids: [newest, second] } })).markNotificationsRead).toEqual({ markedCount: 2, unreadCount: 3 });
    // Already read counts nothing; the same id twice counts once.
    expect((await ok(alice, MARK, { input: { ids: [newest, newest] } })).markNotificationsRead).toEqual({ markedCount: 0, unreadCount: 3 });
    const unread = await inboxOf(alice, { unreadOnly: true });
    expect(unread.notifications.totalCount).toBe(3);
    expect(unread.notifications.edges.map(e => e.node.id)).toEqual(seen.slice(2));
    expect((await inboxOf(alice)).notifications.edges.map(e => e.node.read)).toEqual([true, true, false, false, false]);
    // Bob, a user of the same partner, has read nothing.
    expect((await inboxOf(bob)).unreadNotificationCount).toBe(5);
    expect((await ok(bob, MARK, { input: { all: true } })).markNotificationsRead).toEqual({ markedCount: 5, unreadCount: 0 });
    expect((await inboxOf(bob, { unreadOnly: true })).notifications).toMatchObject({ totalCount: 0, edges: [] });
    expect((await ok(alice, MARK, { input: { all: true } })).markNotificationsRead).toEqual({ markedCount: 3, unreadCount: 0 });
  });

  it("refuses to mark another inbox's notification (NOT_FOUND), both or neither of ids and all (BAD_USER_INPUT), a malformed id, and anonymous callers, changing nothing", async () => {
    const mine = randomUUID();
    const theirs = randomUUID();
    await t.deliver("identity", "PartnerRoleActivated", events.roleReleased(mine));
    await t.deliver("identity", "PartnerRoleActivated", events.roleReleased(theirs));
    const alice = portalUserOf(mine);
    const own = (await inboxOf(alice)).notifications.edges[0].node.id;
    const other = (await inboxOf(portalUserOf(theirs))).notifications.edges[0].node.id;
    const refusal = await expectRefused(alice, MARK, { input: { ids: [own, other] } }, "NOT_FOUND");
    expect(refusal.extensions).toMatchObject({ field: "input.ids" });
    await expectRefused(alice, MARK, { input: { ids: [randomUUID()] } }, "NOT_FOUND");
    await expectRefused(alice, MARK, { input: { ids: [own], all: true } }, "BAD_USER_INPUT");
    await expectRefused(alice, MARK, { input: {} }, "BAD_USER_INPUT");
    await expectRefused(alice, MARK, { input: { ids: ["not-an-id"] } }, "BAD_USER_INPUT");
    await expectRefused(ANONYMOUS, MARK, { input: { all: true } }, "UNAUTHENTICATED");
    // An officer marks its roles' notifications, not a partner's.
    await expectRefused(CUSTOMS, MARK, { input: { ids: [own] } }, "NOT_FOUND");
    expect((await inboxOf(alice)).unreadNotificationCount).toBe(1);
  });
});

describe("constant SQL", () => {
  it("reads a page of notifications with their read marks and references, their count and the unread count, and as many through `_entities`, in the same statements for 10 and 100", async () => {
    const measure = async (n: number) => {
      const partner = randomUUID();
      for (let i = 0; i < n; i++) await t.deliver("debt", "DebtOverdue", events.debtOverdue([partner]));
      const user = portalUserOf(partner);
      // Half of them read: the marks of a page are one statement whatever they hold.
      const ids = (await inboxOf(user)).notifications.edges.map(e => e.node.id);
      await ok(user, MARK, { input: { ids: ids.filter((_, i) => i % 2 === 0) } });
      const page = await t.subgraph.runtime.sql.measure(() => inboxOf(user));
      expect(page.result.notifications.edges).toHaveLength(n);
      expect(page.result.unreadNotificationCount).toBe(n / 2);
      const entities = await t.subgraph.runtime.sql.measure(() => ok(user, ENTITIES, { r: ids.map(id => ({ __typename: "Notification", id })) }));
      expect(entities.result._entities.filter((e: any) => e.read)).toHaveLength(n / 2);
      return [page.statements, entities.statements];
    };
    const ten = await measure(10);
    const hundred = await measure(100);
    console.log(`PortalUser.notifications(first: 100) with read, references, totalCount and unreadNotificationCount: ${hundred[0]} statements for 100, ${ten[0]} for 10; _entities(Notification) with read: ${hundred[1]} for 100, ${ten[1]} for 10`);
    expect(hundred).toEqual(ten);
    // Page, count, unread count, read marks; notifications, read marks.
    expect(ten).toEqual([4, 2]);
  });
});
