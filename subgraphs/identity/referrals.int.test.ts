import { randomUUID } from "node:crypto";
import { errorCode, officer } from "../../test/support/graphql";
import { DGD, IdentityHarness, onboardedPartner, startIdentity } from "../../test/support/identity-harness";
import { processOnce } from "../kit";
import { CustomsSystemAuthorisation } from "./entities/authorisation.entity";
import { AuthorisationScope, AuthorisationStatus, CustomsSystem } from "./entities/enums";
import { definition } from "./identity.subgraph";

/**
 * Identity on MariaDB: enforcement's referrals of repeated offences (X24) on the holder's e-dec/NCTS
 * authorisation, and the DGD's decision on them (ID-R31, OD-AFD art. 9 let. c; ENF-R06).
 */
let h: IdentityHarness;

beforeAll(async () => {
  h = await startIdentity("customs_test_identity_referrals");
});
afterAll(async () => {
  await h?.stop();
});

type EnforcementEvent = "RepeatedOffencesReferral" | "RepeatedOffencesReferralCancelled";

/** Delivers an enforcement event through identity's real handler, once per envelope id, as the relay would. */
async function deliver(type: EnforcementEvent, payload: Record<string, unknown>, id: string = randomUUID()) {
  const handler = definition.eventHandlers!(h.subgraph.services)[type];
  return processOnce(h.subgraph.runtime.dataSource, { id, type, producer: "enforcement", aggregateId: String(payload.referralId), occurredAt: h.clock.now().toISOString(), payload }, handler, h.clock);
}

const referral = (partnerId: string, overrides: Record<string, unknown> = {}) => {
  const caseId = randomUUID();
  return {
    referralId: randomUUID(),
    partnerId,
    caseIds: [caseId, randomUUID()],
    caseNumbers: ["ENF-2026-0101", "ENF-2026-0117"],
    reason: "Two customs evasions within twelve months (LD art. 118)",
    raisedAt: "2026-03-01T10:00:00.000Z",
    ...overrides,
  };
};
const cancelled = (r: { referralId: string; partnerId: string }, reason = "Case ENF-2026-0117 dismissed on appeal") => ({ referralId: r.referralId, partnerId: r.partnerId, cancelledAt: "2026-03-02T07:30:00.000Z", reason });

const APPLY = `mutation ($input: ApplyForCustomsSystemAuthorisationInput!) { applyForCustomsSystemAuthorisation(input: $input) { authorisation { id } } }`;
const step = (name: string) => `mutation ($id: ID!) { ${name}(input: { authorisationId: $id }) { authorisation { id status } } }`;
const SECURITY = `mutation ($id: ID!) { recordAuthorisationSecurity(input: { authorisationId: $id, securityReference: "CASH-REF-1" }) { authorisation { id } } }`;
const WITHDRAW = `mutation ($id: ID!, $ground: WithdrawalGround!, $reason: String!) { withdrawCustomsSystemAuthorisation(input: { authorisationId: $id, ground: $ground, reason: $reason }) { authorisation { id status withdrawalGround withdrawalReferrals { edges { node { id status decidedBy decisionReason decidedAt } } } } } }`;
const DISMISS = `mutation ($id: ID!, $reason: String!) { dismissWithdrawalReferral(input: { referralId: $id, reason: $reason }) { withdrawalReferral { id status decidedAt decidedBy decisionReason } } }`;
const REFERRALS = `query ($p: ID!) { businessPartner(id: $p) { customsSystemAuthorisations { edges { node { id status withdrawalReferrals { edges { node { id caseIds caseNumbers reason raisedAt receivedAt status decidedAt decidedBy decisionReason } } } } } } } }`;
/** The nodes of a connection's page. */
const nodes = (connection: { edges: { node: Record<string, unknown> }[] }) => connection.edges.map(e => e.node);

let uid = 40000000;

/** An onboarded partner whose e-dec/NCTS authorisation the DGD granted (OD-AFD art. 8). */
async function holder(name: string): Promise<{ partnerId: string; admin: Parameters<IdentityHarness["as"]>[0]; authorisationId: string }> {
  uid += 1;
  const { partnerId, admin } = await onboardedPartner(h, `chlogin|referral-${uid}`, String(uid), name);
  const applied = await h.as(admin, APPLY, { input: { partnerId, systems: ["EDEC", "NCTS"], scope: "DOMESTIC", writtenApplicationReference: `DGD-${uid}`, itEquipmentConfirmed: true, properConductGuaranteed: true } });
  const authorisationId = applied.data?.applyForCustomsSystemAuthorisation.authorisation.id as string;
  await h.as(DGD, SECURITY, { id: authorisationId });
  await h.as(DGD, step("recordAuthorisationDocumentsComplete"), { id: authorisationId });
  const granted = await h.as(DGD, step("grantCustomsSystemAuthorisation"), { id: authorisationId });
  expect(granted.data?.grantCustomsSystemAuthorisation.authorisation.status).toBe("GRANTED");
  return { partnerId, admin, authorisationId };
}

async function referralsSeenBy(principal: Parameters<IdentityHarness["as"]>[0], partnerId: string) {
  const res = await h.as(principal, REFERRALS, { p: partnerId });
  expect(res.errors).toBeUndefined();
  return nodes(res.data?.businessPartner.customsSystemAuthorisations.edges[0].node.withdrawalReferrals);
}

const rows = (partnerId: string) => h.subgraph.runtime.dataSource.query("SELECT id, status, case_numbers, reason, decided_by FROM withdrawal_referral WHERE partner_id = ? ORDER BY id", [partnerId]);
const withdrawnEvents = (partnerId: string) => h.subgraph.runtime.dataSource.query("SELECT id FROM outbox_event WHERE type = 'CustomsSystemAuthorisationWithdrawn' AND aggregate_id = ?", [partnerId]);

describe("X24 RepeatedOffencesReferral (ENF-R06; OD-AFD art. 9 let. c)", () => {
  it("X24 RepeatedOffencesReferral: the DGD sees the referral on the holder's authorisation and decides it; nothing is withdrawn automatically (ENF-R06; OD-AFD art. 9 let. c)", async () => {
    const { partnerId, authorisationId } = await holder("Repeat Offender AG");
    const first = referral(partnerId);
    const second = referral(partnerId, { raisedAt: "2026-03-01T16:00:00.000Z", caseNumbers: ["ENF-2026-0140"], reason: "A third evasion" });
    expect(await deliver("RepeatedOffencesReferral", first)).toBe("PROCESSED");
    expect(await deliver("RepeatedOffencesReferral", second)).toBe("PROCESSED");

    // The DGD sees both, oldest raised first, with the cases' numbers; the authorisation stands.
    const seen = await h.as(DGD, REFERRALS, { p: partnerId });
    const authorisation = seen.data?.businessPartner.customsSystemAuthorisations.edges[0].node;
    expect(authorisation).toMatchObject({ id: authorisationId, status: "GRANTED" });
    expect(nodes(authorisation.withdrawalReferrals)).toEqual([
      { id: first.referralId, caseIds: first.caseIds, caseNumbers: first.caseNumbers, reason: first.reason, raisedAt: first.raisedAt, receivedAt: "2026-03-02T08:00:00.000Z", status: "OPEN", decidedAt: null, decidedBy: null, decisionReason: null },
      { id: second.referralId, caseIds: second.caseIds, caseNumbers: ["ENF-2026-0140"], reason: "A third evasion", raisedAt: "2026-03-01T16:00:00.000Z", receivedAt: "2026-03-02T08:00:00.000Z", status: "OPEN", decidedAt: null, decidedBy: null, decisionReason: null },
    ]);
    expect(await withdrawnEvents(partnerId)).toEqual([]);

    // The DGD decides not to withdraw on the first referral.
    h.clock.set("2026-03-03T10:15:00+01:00");
    const dismissed = await h.as(DGD, DISMISS, { id: first.referralId, reason: "Offences of a former branch, since sold" });
    expect(dismissed.errors).toBeUndefined();
    expect(dismissed.data?.dismissWithdrawalReferral.withdrawalReferral).toEqual({
      id: first.referralId,
      status: "DISMISSED",
      decidedAt: "2026-03-03T09:15:00.000Z",
      decidedBy: DGD.subject,
      decisionReason: "Offences of a former branch, since sold",
    });
    h.clock.set("2026-03-02T09:00:00+01:00");
    expect((await referralsSeenBy(DGD, partnerId)).map(r => [r.id, r.status])).toEqual([
      [first.referralId, "DISMISSED"],
      [second.referralId, "OPEN"],
    ]);
    // A decided referral is not decided again, and nothing changes.
    const before = await h.fingerprint();
    const again = await h.as(DGD, DISMISS, { id: first.referralId, reason: "Dismissed twice" });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "WITHDRAWAL_REFERRAL_NOT_OPEN", rule: "ENF-R06", article: "OD-AFD art. 9 let. c", status: "DISMISSED" });
    expect(errorCode(await h.as(DGD, DISMISS, { id: randomUUID(), reason: "No such referral" }))).toBe("NOT_FOUND");
    expect(await h.fingerprint()).toBe(before);
    // Still nothing withdrawn: only the DGD's withdrawal does that.
    expect(await withdrawnEvents(partnerId)).toEqual([]);
    expect((await h.as(DGD, REFERRALS, { p: partnerId })).data?.businessPartner.customsSystemAuthorisations.edges[0].node.status).toBe("GRANTED");
  });

  it("X24 RepeatedOffencesReferral: the same referral delivered again, under the same or a new envelope id, or 20 times at once, records one referral; one about an unknown partner is recorded too (ENF-R06; OD-AFD art. 9 let. c)", async () => {
    const { partnerId } = await holder("Redelivered Referral AG");
    const r = referral(partnerId);
    const envelope = randomUUID();
    expect(await deliver("RepeatedOffencesReferral", r, envelope)).toBe("PROCESSED");
    const recorded = await rows(partnerId);
    expect(recorded).toHaveLength(1);
    const before = await h.fingerprint();
    expect(await deliver("RepeatedOffencesReferral", r, envelope)).toBe("DUPLICATE");
    expect(await h.fingerprint()).toBe(before);
    h.clock.set("2026-03-02T11:00:00+01:00");
    expect(await deliver("RepeatedOffencesReferral", r)).toBe("PROCESSED");
    h.clock.set("2026-03-02T09:00:00+01:00");
    expect(await rows(partnerId)).toEqual(recorded);
    // A redelivery does not reopen a decided referral.
    await h.as(DGD, DISMISS, { id: r.referralId, reason: "Not repeated in the sense of art. 9" });
    expect(await deliver("RepeatedOffencesReferral", r)).toBe("PROCESSED");
    expect((await rows(partnerId)).map((x: { status: string }) => x.status)).toEqual(["DISMISSED"]);

    // 20 concurrent deliveries of one new referral: 10 envelopes, each twice.
    const concurrent = referral(partnerId, { raisedAt: "2026-03-02T07:00:00.000Z" });
    const envelopes = Array.from({ length: 10 }, () => randomUUID());
    const outcomes = await Promise.allSettled([...envelopes, ...envelopes].map(id => deliver("RepeatedOffencesReferral", concurrent, id)));
    const values = outcomes.map(o => (o.status === "fulfilled" ? o.value : String(o.reason)));
    expect(values.filter(v => v !== "PROCESSED" && v !== "DUPLICATE")).toEqual([]);
    expect(values.filter(v => v === "PROCESSED")).toHaveLength(10);
    const [one, ...others] = (await rows(partnerId)).filter((x: { id: string }) => x.id === concurrent.referralId);
    expect(others).toEqual([]);
    expect(one).toMatchObject({ status: "OPEN", reason: concurrent.reason });
    expect(JSON.parse(one.case_numbers)).toEqual(concurrent.caseNumbers);

    // A partner identity does not know: recorded all the same, harmless.
    const stranger = randomUUID();
    expect(await deliver("RepeatedOffencesReferral", referral(stranger))).toBe("PROCESSED");
    expect(await rows(stranger)).toHaveLength(1);
  });

  it("X24 RepeatedOffencesReferral: a partner never sees a referral, not even its own; only DGD officers and auditors do, and only the DGD dismisses (ENF-R21; ENF-R06, OD-AFD art. 9 let. c)", async () => {
    const { partnerId, admin } = await holder("Private Referral AG");
    const r = referral(partnerId);
    await deliver("RepeatedOffencesReferral", r);
    // The holder's own administrator reads its authorisation, without any referral.
    expect(await referralsSeenBy(admin, partnerId)).toEqual([]);
    expect(await referralsSeenBy(officer("CUSTOMS_OFFICE"), partnerId)).toEqual([]);
    expect(await referralsSeenBy(officer("ONBOARDING_SERVICE"), partnerId)).toEqual([]);
    expect((await referralsSeenBy(officer("AUDITOR"), partnerId)).map(x => x.id)).toEqual([r.referralId]);
    expect((await referralsSeenBy(DGD, partnerId)).map(x => x.id)).toEqual([r.referralId]);

    const before = await h.fingerprint();
    for (const caller of [admin, officer("CUSTOMS_OFFICE"), officer("AUDITOR"), officer("DISTRICT_DIRECTORATE")]) {
      const res = await h.as(caller, DISMISS, { id: r.referralId, reason: "Not mine to decide" });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: "OFFICER_ROLE_REQUIRED", requiredRoles: ["DGD"] });
      expect(res.data).toBeNull();
    }
    expect(await h.fingerprint()).toBe(before);
    expect((await rows(partnerId)).map((x: { status: string }) => x.status)).toEqual(["OPEN"]);
  });

  it("X24 RepeatedOffencesReferral: withdrawing on the ground of repeated offences closes the holder's open referrals in the same transaction; another ground, and other partners' referrals, stay open (ID-R31, OD-AFD art. 9 let. c; ENF-R06)", async () => {
    const a = await holder("Withdrawn For Offences AG");
    const b = await holder("Withdrawn For Conditions AG");
    const [open1, open2, dismissed] = [referral(a.partnerId), referral(a.partnerId, { raisedAt: "2026-03-01T12:00:00.000Z" }), referral(a.partnerId, { raisedAt: "2026-02-01T12:00:00.000Z" })];
    const ofB = referral(b.partnerId);
    for (const r of [open1, open2, dismissed, ofB]) await deliver("RepeatedOffencesReferral", r);
    await h.as(DGD, DISMISS, { id: dismissed.referralId, reason: "Too old to count" });

    // Another ground (let. a) withdraws B's authorisation but leaves its referral for the DGD.
    const byConditions = await h.as(DGD, WITHDRAW, { id: b.authorisationId, ground: "CONDITIONS_NO_LONGER_MET", reason: "Seat moved abroad" });
    expect(byConditions.data?.withdrawCustomsSystemAuthorisation.authorisation).toMatchObject({ status: "WITHDRAWN", withdrawalReferrals: { edges: [{ node: { id: ofB.referralId, status: "OPEN", decidedBy: null } }] } });

    // A refused withdrawal changes no referral.
    const before = await h.fingerprint();
    expect(errorCode(await h.as(officer("CUSTOMS_OFFICE"), WITHDRAW, { id: a.authorisationId, ground: "REPEATED_OFFENCES", reason: "Not the DGD" }))).toBe("OFFICER_ROLE_REQUIRED");
    expect(await h.fingerprint()).toBe(before);

    h.clock.set("2026-03-04T14:00:00+01:00");
    const withdrawn = await h.as(DGD, WITHDRAW, { id: a.authorisationId, ground: "REPEATED_OFFENCES", reason: "Repeated evasions, cases ENF-2026-0101 and -0117" });
    h.clock.set("2026-03-02T09:00:00+01:00");
    expect(withdrawn.errors).toBeUndefined();
    const decided = { status: "WITHDRAWN", decidedBy: DGD.subject, decisionReason: "Repeated evasions, cases ENF-2026-0101 and -0117", decidedAt: "2026-03-04T13:00:00.000Z" };
    expect(withdrawn.data?.withdrawCustomsSystemAuthorisation.authorisation).toMatchObject({
      status: "WITHDRAWN",
      withdrawalGround: "REPEATED_OFFENCES",
      withdrawalReferrals: {
        edges: [
          { node: { id: dismissed.referralId, status: "DISMISSED", decisionReason: "Too old to count" } },
          { node: { id: open1.referralId, ...decided } },
          { node: { id: open2.referralId, ...decided } },
        ],
      },
    });
    expect((await rows(b.partnerId)).map((x: { status: string }) => x.status)).toEqual(["OPEN"]);
    expect(await withdrawnEvents(a.partnerId)).toHaveLength(1);
    // Enforcement is told of each decision (WithdrawalReferralDecided), so its profile no longer shows them open.
    const told = (await h.subgraph.runtime.dataSource.query("SELECT aggregate_id, payload FROM outbox_event WHERE type = 'WithdrawalReferralDecided' AND aggregate_id IN (?, ?, ?)", [open1.referralId, open2.referralId, dismissed.referralId])) as { aggregate_id: string; payload: string }[];
    expect(told.map(r => JSON.parse(r.payload)).sort((x, y) => x.referralId.localeCompare(y.referralId))).toEqual(
      [
        { referralId: dismissed.referralId, partnerId: a.partnerId, outcome: "DISMISSED", decidedAt: "2026-03-02T08:00:00.000Z", reason: "Too old to count" },
        { referralId: open1.referralId, partnerId: a.partnerId, outcome: "WITHDRAWN", decidedAt: decided.decidedAt, reason: decided.decisionReason },
        { referralId: open2.referralId, partnerId: a.partnerId, outcome: "WITHDRAWN", decidedAt: decided.decidedAt, reason: decided.decisionReason },
      ].sort((x, y) => x.referralId.localeCompare(y.referralId)),
    );
    // Decided by the withdrawal: the DGD cannot dismiss it any more.
    expect(errorCode(await h.as(DGD, DISMISS, { id: open1.referralId, reason: "Changed my mind" }))).toBe("WITHDRAWAL_REFERRAL_NOT_OPEN");
  });

  it("RepeatedOffencesReferralCancelled: an open referral is cancelled, a decided one stays as decided, redelivery changes nothing, and a cancellation that overtakes its referral keeps it from opening (ENF-R06; OD-AFD art. 9 let. c)", async () => {
    const { partnerId } = await holder("Cancelled Referral AG");
    const open = referral(partnerId);
    const decided = referral(partnerId, { raisedAt: "2026-02-20T10:00:00.000Z" });
    await deliver("RepeatedOffencesReferral", open);
    await deliver("RepeatedOffencesReferral", decided);
    await h.as(DGD, DISMISS, { id: decided.referralId, reason: "Not repeated enough" });

    expect(await deliver("RepeatedOffencesReferralCancelled", cancelled(open))).toBe("PROCESSED");
    expect(await deliver("RepeatedOffencesReferralCancelled", cancelled(decided))).toBe("PROCESSED");
    const seen = await referralsSeenBy(DGD, partnerId);
    expect(seen.find(r => r.id === open.referralId)).toMatchObject({ status: "CANCELLED", decidedAt: "2026-03-02T07:30:00.000Z", decidedBy: "enforcement", decisionReason: "Case ENF-2026-0117 dismissed on appeal", caseNumbers: open.caseNumbers });
    expect(seen.find(r => r.id === decided.referralId)).toMatchObject({ status: "DISMISSED", decidedBy: DGD.subject, decisionReason: "Not repeated enough" });
    // Again, under a new envelope id: nothing changes.
    const snapshot = await rows(partnerId);
    expect(await deliver("RepeatedOffencesReferralCancelled", cancelled(open, "Cancelled twice"))).toBe("PROCESSED");
    expect(await rows(partnerId)).toEqual(snapshot);
    // A cancelled referral is not dismissed, and a late redelivery of the referral does not reopen it.
    expect(errorCode(await h.as(DGD, DISMISS, { id: open.referralId, reason: "Too late" }))).toBe("WITHDRAWAL_REFERRAL_NOT_OPEN");
    expect(await deliver("RepeatedOffencesReferral", open)).toBe("PROCESSED");
    expect((await referralsSeenBy(DGD, partnerId)).find(r => r.id === open.referralId)?.status).toBe("CANCELLED");

    // The cancellation first, its referral after: it never opens, and it shows the referral's cases.
    const overtaken = referral(partnerId, { raisedAt: "2026-03-02T06:00:00.000Z" });
    expect(await deliver("RepeatedOffencesReferralCancelled", cancelled(overtaken))).toBe("PROCESSED");
    expect(await deliver("RepeatedOffencesReferral", overtaken)).toBe("PROCESSED");
    expect((await referralsSeenBy(DGD, partnerId)).find(r => r.id === overtaken.referralId)).toMatchObject({ status: "CANCELLED", caseNumbers: overtaken.caseNumbers, reason: overtaken.reason, decidedBy: "enforcement" });
    // Withdrawing on let. c now decides nothing of these.
    const before = await rows(partnerId);
    await h.as(DGD, WITHDRAW, { id: (await h.as(DGD, REFERRALS, { p: partnerId })).data?.businessPartner.customsSystemAuthorisations.edges[0].node.id, ground: "REPEATED_OFFENCES", reason: "On other evidence" });
    expect(await rows(partnerId)).toEqual(before);
  });

  it("X24 RepeatedOffencesReferral: the referrals of 100 authorisations cost two statements, as many as for one (ENF-R06; OD-AFD art. 9 let. c)", async () => {
    const repo = h.subgraph.runtime.dataSource.getRepository(CustomsSystemAuthorisation);
    const partners = Array.from({ length: 100 }, () => randomUUID());
    await repo.insert(
      partners.map((partnerId, i) => ({
        id: randomUUID(),
        partnerId,
        systems: [CustomsSystem.EDEC],
        scope: AuthorisationScope.DOMESTIC,
        transitOnly: false,
        // The only undecided applications of this suite: the DGD's list of them holds exactly these.
        status: AuthorisationStatus.DOCUMENTS_COMPLETE,
        writtenApplicationReference: `BATCH-${i}`,
        appliedAt: new Date(Date.UTC(2026, 2, 1, 0, 0, i)),
        itEquipmentConfirmed: true,
        properConductGuaranteed: true,
        dataAccessGranted: false,
      })),
    );
    for (const partnerId of partners.slice(0, 50)) await deliver("RepeatedOffencesReferral", referral(partnerId));
    const LIST = (withReferrals: boolean) => `{ customsSystemAuthorisations(status: DOCUMENTS_COMPLETE, first: 100) { edges { node { id ${withReferrals ? "withdrawalReferrals { edges { node { id status } } }" : ""} } } } }`;
    const without = await h.subgraph.runtime.sql.measure(() => h.as(DGD, LIST(false)));
    const withReferrals = await h.subgraph.runtime.sql.measure(() => h.as(DGD, LIST(true)));
    const edges = (withReferrals.result.data as any).customsSystemAuthorisations.edges as { node: { withdrawalReferrals: { edges: unknown[] } } }[];
    expect(edges).toHaveLength(100);
    expect(edges.filter(e => e.node.withdrawalReferrals.edges.length === 1)).toHaveLength(50);
    // The 100 authorisations' pages of referrals: one window query picks them, one IN query loads them.
    expect(withReferrals.statements).toBe(without.statements + 2);
  });
});
