import { mintDevToken } from "../scripts/mint-token";
import { definition as declarationsDefinition } from "../subgraphs/declarations/declarations.subgraph";
import { definition as identityDefinition } from "../subgraphs/identity/identity.subgraph";
import { definition as notificationsDefinition } from "../subgraphs/notifications/notifications.subgraph";
import { gql, GraphQLResponse } from "./support/graphql";
import { Graph, startGraph } from "./support/graph";
import { ok, onboardPortalPartner } from "./support/onboarding";

/**
 * Notifications end to end (issue 14 item 3): identity's role decisions travel through the real
 * outbox relay to the notifications subgraph, and a portal user reads its inbox through the real
 * gateway as `me { notifications }`, with identity's fields of the partner in the same query.
 */
let g: Graph;
let onboarding: string;

beforeAll(async () => {
  g = await startGraph("customs_test_e2e_notifications", "2026-03-02T09:00:00+01:00", [identityDefinition, declarationsDefinition, notificationsDefinition]);
  onboarding = await mintDevToken({ kind: "officer", sub: "officer-onboarding", roles: ["ONBOARDING_SERVICE"] });
});
afterAll(async () => {
  await g?.stop();
});

const call = <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, bearer?: string): Promise<GraphQLResponse<T>> => gql<T>(g.gatewayUrl, query, variables, bearer ? { bearer } : {});

/** ePortal steps 1-3 through the gateway: a registered, secured administrator of an onboarded partner. */
const INBOX = `query ($unreadOnly: Boolean) { me { unreadNotificationCount notifications(first: 5, unreadOnly: $unreadOnly) { totalCount edges { node { id kind title read partner { id name roles { edges { node { roleType status } } } } } } } } }`;

describe("a partner's inbox through the gateway", () => {
  it("tells the partner's portal user of FOCBS's question and of the role's release, with the role's status from identity in the same query, and nobody else (ID-R15, ePortal step 4)", async () => {
    const alpine = await onboardPortalPartner(g.gatewayUrl, g.spool, "80000001", "Alpine Notify AG", onboarding);
    const bern = await onboardPortalPartner(g.gatewayUrl, g.spool, "80000002", "Bern Other AG", onboarding);
    // AUTHORISED_CONSIGNEE needs FOCBS's clarification before its release (ID-R15, ROLES_NEEDING_CLARIFICATION).
    const role = ok(await call(`mutation ($p: ID!) { requestPartnerRole(input: { partnerId: $p, roleType: AUTHORISED_CONSIGNEE }) { role { id status } } }`, { p: alpine.partnerId }, alpine.admin)).requestPartnerRole.role;
    expect(role.status).toBe("REQUESTED");
    const decide = (name: string, note?: string) => call(`mutation ($input: RoleDecisionInput!) { ${name}(input: $input) { role { status } } }`, { input: { roleId: role.id, ...(note ? { note } : {}) } }, onboarding);
    expect(ok(await decide("clarifyPartnerRole", "Send the consignee premises plan")).clarifyPartnerRole.role.status).toBe("IN_CLARIFICATION");
    g.clock.advance(60_000);
    expect(ok(await decide("releasePartnerRole")).releasePartnerRole.role.status).toBe("ACTIVE");
    await g.drainEvents();

    const inbox = ok(await call(INBOX, {}, alpine.admin)).me;
    expect(inbox.unreadNotificationCount).toBe(2);
    expect(inbox.notifications.totalCount).toBe(2);
    const partner = { id: alpine.partnerId, name: "Alpine Notify AG", roles: { edges: [{ node: { roleType: "AUTHORISED_CONSIGNEE", status: "ACTIVE" } }] } };
    // Newest first: the release, then the question.
    expect(inbox.notifications.edges.map((e: any) => e.node)).toEqual([
      { id: expect.any(String), kind: "PARTNER_ROLE_RELEASED", title: "Role released: authorised consignee", read: false, partner },
      { id: expect.any(String), kind: "PARTNER_ROLE_CLARIFICATION_REQUESTED", title: "Clarification needed: authorised consignee role", read: false, partner },
    ]);

    // A user of another partner sees nothing of it.
    const other = ok(await call(INBOX, {}, bern.admin)).me;
    expect(other).toMatchObject({ unreadNotificationCount: 0, notifications: { totalCount: 0, edges: [] } });
    const [released, question] = inbox.notifications.edges.map((e: any) => e.node.id);
    const MARK = `mutation ($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { markedCount unreadCount } }`;
    expect((await call(MARK, { input: { ids: [released] } }, bern.admin)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");

    // Marked read: it leaves the unread view.
    expect(ok(await call(MARK, { input: { ids: [released] } }, alpine.admin)).markNotificationsRead).toEqual({ markedCount: 1, unreadCount: 1 });
    const unread = ok(await call(INBOX, { unreadOnly: true }, alpine.admin)).me;
    expect(unread.unreadNotificationCount).toBe(1);
    expect(unread.notifications.edges.map((e: any) => [e.node.id, e.node.read])).toEqual([[question, false]]);
    expect(ok(await call(MARK, { input: { all: true } }, alpine.admin)).markNotificationsRead).toEqual({ markedCount: 1, unreadCount: 0 });
    expect((await call(`{ officerNotifications(first: 5) { totalCount } }`)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
