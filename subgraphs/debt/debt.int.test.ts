import { randomUUID } from "node:crypto";
import { formatRappen, Principal, toRappen } from "../kit";
import { ANONYMOUS, GraphQLResponse } from "../../test/support/graphql";
import { CUSTOMS, DebtHarness, DGD, partnerUser, startDebt } from "../../test/support/debt-harness";

/**
 * The debt subgraph on MariaDB (DOMAIN.md §5): debts born from declarations' events (delivered
 * through the subgraph's real handlers, as the relay would), their debtors, payment and default
 * interest, the overdue and limitation jobs, securities and bonds, requisitions, subsequent
 * collection and remission. The clock stands at Monday 2 March 2026, 09:00 Zurich time (CET),
 * unless a test moves it; every test makes its own partners and debts.
 */
let h: DebtHarness;

const T0 = "2026-03-02T09:00:00+01:00";

beforeAll(async () => {
  h = await startDebt("customs_test_debt", T0);
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(() => {
  h.clock.set(T0);
});

function ok<T = Record<string, any>>(res: GraphQLResponse<T>): T {
  if (res.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

async function expectRefused(principal: Principal, query: string, variables: Record<string, unknown>, code: string) {
  const before = await h.fingerprint();
  const res = await h.as(principal, query, variables);
  expect(res.errors?.[0]?.extensions?.code).toBe(code);
  expect(await h.fingerprint()).toBe(before);
  return res.errors![0];
}

/** The business tables only: a producer's retry (a new envelope id) may add a processed-event row, nothing else. */
async function businessState(): Promise<string> {
  const rows = (await h.subgraph.runtime.dataSource.query(
    "CHECKSUM TABLE customs_debt, debtor_liability, payment, security_requisition, security_reservation, outbox_event",
  )) as { Table: string; Checksum: string }[];
  return rows.map(r => `${r.Table}=${r.Checksum}`).join(";");
}

const DEBT_FIELDS = `id status birthTrigger arisenAt dueAt paymentDeadline establishedAt amount principalPaid interestPaid interest outstanding
  limitationDate absoluteLimitationDate debtors { basis jointAndSeveral partner { id } }`;
const DEBT = `query ($id: ID!) { customsDebt(id: $id) { ${DEBT_FIELDS} } }`;
const MY_DEBTS = `{ customsDebts(first: 100) { edges { node { id } } } }`;
const PAY = `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { payment { id amount interestPart method paidAt bySurety } } }`;
const PROVIDE = `mutation ($input: ProvideSecurityInput!) { provideSecurity(input: $input) { security { id kind maxAmount establishedOn status } } }`;
const RESERVE = `mutation ($input: ReserveInput!) { reserveSecurity(input: $input) { reservation { id amount reservedAt } } }`;
const TERMINATE = `mutation ($input: SecurityIdInput!) { terminateBond(input: $input) { security { id status terminationReceivedAt coverageCutoff } } }`;
const CANCEL = `mutation ($input: SecurityIdInput!) { cancelSecurity(input: $input) { security { id status cancelledAt } } }`;
const INTERRUPT = `mutation ($input: InterruptInput!) { interruptLimitation(input: $input) { customsDebt { id limitationDate } } }`;
const ENFORCE = `mutation ($input: EnforcementInput!) { openDebtEnforcement(input: $input) { enforcementCase { id kind } } }`;
const COLLECT = `mutation ($input: SubsequentCollectionInput!) { decideSubsequentCollection(input: $input) { subsequentCollection { id errorType amount intentionNotifiedAt } } }`;
const REQUEST_REMISSION = `mutation ($input: RemissionInput!) { requestRemission(input: $input) { remissionRequest { id status filedAt deadline } } }`;
const DECIDE_REMISSION = `mutation ($input: DecideRemissionInput!) { decideRemission(input: $input) { remissionRequest { id status remitted } } }`;
const REQUISITIONS = `{ securityRequisitions { edges { node { id legalGround amount depositBody decidedAt securityId } } } }`;
const EXPOSURE = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on BusinessPartner { exposure { openDebts conditionalDebts bonds { edges { node { maxAmount reserved headroom } } } } } } }`;
const RESERVATIONS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Security { id status reservations(first: 100) { edges { node { amount } } totalCount } } } }`;

async function debt(id: string, principal: Principal = CUSTOMS): Promise<Record<string, any>> {
  return ok(await h.as(principal, DEBT, { id })).customsDebt;
}

/** The exposure, its page of bonds as a plain list. */
async function exposure(partnerId: string, principal: Principal = CUSTOMS) {
  const res = await h.as(principal, EXPOSURE, { r: [{ __typename: "BusinessPartner", id: partnerId }] });
  const e = res.data?._entities?.[0]?.exposure;
  if (e) e.bonds = e.bonds.edges.map((edge: { node: unknown }) => edge.node);
  return res;
}

const pay = (debtId: string, payerId: string, amount: string) => h.as(CUSTOMS, PAY, { input: { debtId, payerId, amount, method: "CASHLESS" } });

async function generalBond(debtorId: string, suretyId: string, maxAmount: string): Promise<string> {
  return ok(await h.as(CUSTOMS, PROVIDE, { input: { debtorId, kind: "GENERAL_BOND", maxAmount, suretyId } })).provideSecurity.security.id;
}

/** DeclarationAccepted's payload, as declarations publishes it. */
function acceptance(declarationId: string, declarantId: string, extra: Record<string, unknown> = {}) {
  return { declarationId, declarationNumber: "26CH100100000001", declarantId, onBehalfOfId: null, direction: "IMPORT", procedure: "FREE_CIRCULATION", officeId: "1001", acceptedAt: h.clock.now().toISOString(), isPreDeclaration: false, ...extra };
}

/** TaxationDecisionIssued's (and ExOfficioTaxation's) payload, as declarations publishes it. */
function taxation(declarationId: string, declarantId: string, extra: Record<string, unknown> = {}) {
  return { taxationDecisionId: randomUUID(), declarationId, declarationNumber: "26CH100100000001", declarantId, onBehalfOfId: null, kind: "FINAL", totalDuties: "250.00", nonCollected: false, establishedAt: h.clock.now().toISOString(), supersedesId: null, ...extra };
}

async function debtsOfDeclaration(declarationId: string): Promise<{ id: string; suspensions: string }[]> {
  return h.subgraph.runtime.dataSource.query("SELECT id, suspensions FROM customs_debt WHERE declaration_id = ?", [declarationId]);
}

/** A declaration accepted (X05) and taxed once (X08): its declarant, its id, the decision and the id of its debt. */
async function taxedOnce(totalDuties: string) {
  const d = randomUUID();
  const declarationId = randomUUID();
  await h.declarationEvent("DeclarationAccepted", acceptance(declarationId, d));
  const first = taxation(declarationId, d, { totalDuties });
  expect(await h.declarationEvent("TaxationDecisionIssued", first)).toBe("PROCESSED");
  const [{ id }] = await debtsOfDeclaration(declarationId);
  return { d, declarationId, first, id };
}

async function liabilitiesOf(debtId: string): Promise<number> {
  const rows = (await h.subgraph.runtime.dataSource.query("SELECT COUNT(*) AS n FROM debtor_liability WHERE debt_id = ?", [debtId])) as { n: string | number }[];
  return Number(rows[0].n);
}

describe("birth of the debt", () => {
  it("arises when the office accepts the declaration, payable at once, the amount fixed by the taxation (DEBT-R02, LD art. 69 let. a; DEBT-R08, LD art. 72 para. 1)", async () => {
    const d = randomUUID();
    const declarationId = randomUUID();
    // Accepted at 08:45:12.345 Zurich; the event reaches debt later, at 09:00.
    expect(await h.declarationEvent("DeclarationAccepted", acceptance(declarationId, d, { acceptedAt: "2026-03-02T07:45:12.345Z" }))).toBe("PROCESSED");
    const [row] = await debtsOfDeclaration(declarationId);
    expect(await debt(row.id)).toMatchObject({ status: "DUE", birthTrigger: "ACCEPTANCE", arisenAt: "2026-03-02T07:45:12.345Z", dueAt: "2026-03-02T07:45:12.345Z", amount: null, paymentDeadline: null });
    h.clock.set("2026-03-02T11:30:00+01:00");
    await h.declarationEvent("TaxationDecisionIssued", taxation(declarationId, d, { totalDuties: "970.49" }));
    expect(await debt(row.id)).toMatchObject({ status: "DUE", birthTrigger: "ACCEPTANCE", arisenAt: "2026-03-02T07:45:12.345Z", dueAt: "2026-03-02T07:45:12.345Z", amount: "970.49", establishedAt: "2026-03-02T10:30:00.000Z" });
  });

  it("gives a pre-declaration no debt at acceptance, only when the goods cross the border (DEBT-R02, LD art. 69 let. b)", async () => {
    const d = randomUUID();
    const declarationId = randomUUID();
    await h.declarationEvent("DeclarationAccepted", acceptance(declarationId, d, { isPreDeclaration: true }));
    expect(await debtsOfDeclaration(declarationId)).toEqual([]);
    expect(ok(await h.as(partnerUser(d), MY_DEBTS)).customsDebts.edges).toEqual([]);
    // The payload exactly as declarations publishes BorderCrossed.
    h.clock.set("2026-03-03T14:10:00+01:00");
    await h.declarationEvent("BorderCrossed", { declarationId, declarantId: d, direction: "IMPORT", crossedAt: h.clock.now().toISOString() });
    const [row] = await debtsOfDeclaration(declarationId);
    expect(await debt(row.id)).toMatchObject({ status: "DUE", birthTrigger: "BORDER_CROSSING_AFTER_PRE_ACCEPTANCE", arisenAt: "2026-03-03T13:10:00.000Z", dueAt: "2026-03-03T13:10:00.000Z" });
    await h.declarationEvent("TaxationDecisionIssued", taxation(declarationId, d, { totalDuties: "120.00" }));
    expect(await debt(row.id)).toMatchObject({ birthTrigger: "BORDER_CROSSING_AFTER_PRE_ACCEPTANCE", arisenAt: "2026-03-03T13:10:00.000Z", amount: "120.00" });
  });

  it("makes the principal of a pre-declaration a debtor too, as for a declaration accepted at the border (DEBT-R02 let. b, DEBT-R03, LD art. 69-70)", async () => {
    const d = randomUUID();
    const principal = randomUUID();
    const declarationId = randomUUID();
    await h.declarationEvent("DeclarationAccepted", acceptance(declarationId, d, { isPreDeclaration: true, onBehalfOfId: principal }));
    // Declarations' BorderCrossed names the declarant only; the taxation names both again.
    await h.declarationEvent("BorderCrossed", { declarationId, declarantId: d, direction: "IMPORT", crossedAt: h.clock.now().toISOString() });
    await h.declarationEvent("TaxationDecisionIssued", taxation(declarationId, d, { onBehalfOfId: principal, totalDuties: "120.00" }));
    const [row] = await debtsOfDeclaration(declarationId);
    const debtors = (await debt(row.id)).debtors.map((l: any) => [l.basis, l.partner.id]);
    expect(debtors).toEqual(expect.arrayContaining([["DECLARANT_OR_AGENT", d], ["PRINCIPAL", principal]]));
    expect(debtors).toHaveLength(2);
  });
});

describe("redelivery: a declaration accepted exactly once yields exactly one debt, whatever the redeliveries", () => {
  /** Each consumed event type, with what must exist before it and its payload. */
  const cases: [string, () => Promise<Record<string, unknown>>][] = [
    ["DeclarationAccepted", async () => acceptance(randomUUID(), randomUUID(), { onBehalfOfId: randomUUID() })],
    [
      "BorderCrossed",
      async () => {
        const declarationId = randomUUID();
        const d = randomUUID();
        await h.declarationEvent("DeclarationAccepted", acceptance(declarationId, d, { isPreDeclaration: true }));
        return { declarationId, declarantId: d, direction: "IMPORT", crossedAt: h.clock.now().toISOString() };
      },
    ],
    [
      "TaxationDecisionIssued",
      async () => {
        const declarationId = randomUUID();
        const d = randomUUID();
        await h.declarationEvent("DeclarationAccepted", acceptance(declarationId, d));
        return taxation(declarationId, d, { totalDuties: "640.00" });
      },
    ],
    [
      "ExOfficioTaxation",
      async () => {
        const declarationId = randomUUID();
        const d = randomUUID();
        await h.declarationEvent("DeclarationAccepted", acceptance(declarationId, d));
        return taxation(declarationId, d, { kind: "EX_OFFICIO", totalDuties: "1280.00" });
      },
    ],
    ["ProvisionalTaxationRequested", async () => ({ declarationId: randomUUID(), taxationDecisionId: randomUUID(), declarantId: randomUUID(), securityRequired: "2100.00" })],
    [
      "AppealFiled",
      async () => {
        const d = randomUUID();
        const declarationId = randomUUID();
        await h.taxedDebt({ declarantId: d, totalDuties: "300.00", declarationId });
        return { appealId: randomUUID(), taxationDecisionId: randomUUID(), declarationId, appellantId: d, filedAt: h.clock.now().toISOString() };
      },
    ],
    [
      "DeclarationWithdrawn",
      async () => {
        const d = randomUUID();
        const declarationId = randomUUID();
        await h.taxedDebt({ declarantId: d, totalDuties: "300.00", declarationId });
        return { declarationId, declarantId: d, withdrawnAt: h.clock.now().toISOString() };
      },
    ],
  ];

  it.each(cases)("%s delivered twice with the same envelope id: the second is DUPLICATE and changes nothing (DEBT-R02, LD art. 69; DOMAIN.md §0.5)", async (type, setup) => {
    const payload = await setup();
    const envelopeId = randomUUID();
    expect(await h.declarationEvent(type, payload, envelopeId)).toBe("PROCESSED");
    const before = await h.fingerprint();
    expect(await h.declarationEvent(type, payload, envelopeId)).toBe("DUPLICATE");
    expect(await h.fingerprint()).toBe(before);
  });

  it.each(cases)("%s sent again by the producer with a new envelope id: still one debt, one requisition, one suspension (DEBT-R02, LD art. 69; DOMAIN.md §0.5)", async (type, setup) => {
    const payload = await setup();
    expect(await h.declarationEvent(type, payload)).toBe("PROCESSED");
    const before = await businessState();
    expect(await h.declarationEvent(type, payload)).toBe("PROCESSED");
    expect(await businessState()).toBe(before);
    const declarationId = String(payload.declarationId);
    if (type === "ProvisionalTaxationRequested") {
      const requisitions = await h.subgraph.runtime.dataSource.query("SELECT id FROM security_requisition WHERE origin_key = ?", [`provisional:${payload.taxationDecisionId}`]);
      expect(requisitions).toHaveLength(1);
      return;
    }
    const debts = await debtsOfDeclaration(declarationId);
    expect(debts).toHaveLength(1);
    if (type === "DeclarationAccepted") expect(await liabilitiesOf(debts[0].id)).toBe(2);
    if (type === "AppealFiled") expect(JSON.parse(debts[0].suspensions)).toHaveLength(1);
  });

  it("keeps an OVERDUE debt OVERDUE, with one DebtOverdue event, when the producer sends the same taxation decision again (X08, X20; LD art. 74)", async () => {
    const { first: decision, id } = await taxedOnce("700.00");
    h.clock.set("2026-04-01T22:00:00.000Z"); // 1 ms after the payment deadline
    await h.subgraph.jobs.runOnce();
    expect((await debt(id)).status).toBe("OVERDUE");
    const before = await businessState();
    expect(await h.declarationEvent("TaxationDecisionIssued", decision)).toBe("PROCESSED");
    expect(await businessState()).toBe(before);
    await h.subgraph.jobs.runOnce();
    expect((await debt(id)).status).toBe("OVERDUE");
    expect(await h.outboxCount("DebtOverdue", id)).toBe(1);
  });

  it("DEBT-R25 (LD art. 88) / X20: an amended taxation decision keeps a debt IN_ENFORCEMENT, and the overdue job does not publish DebtOverdue a second time", async () => {
    const { d, declarationId, first, id } = await taxedOnce("1000.00");
    h.clock.set("2026-04-02T10:00:00+02:00");
    await h.subgraph.jobs.runOnce();
    expect((await debt(id)).status).toBe("OVERDUE");
    ok(await h.as(CUSTOMS, ENFORCE, { input: { debtId: id, kind: "BANKRUPTCY_CLAIM" } }));
    expect((await debt(id)).status).toBe("IN_ENFORCEMENT");
    expect(await h.outboxCount("DebtOverdue", id)).toBe(1);
    // The office corrects the duties downwards (change of taxation): the claim stays in enforcement.
    h.clock.set("2026-04-10T10:00:00+02:00");
    expect(await h.declarationEvent("TaxationDecisionIssued", taxation(declarationId, d, { totalDuties: "900.00", supersedesId: first.taxationDecisionId }))).toBe("PROCESSED");
    expect(await debt(id)).toMatchObject({ amount: "900.00", status: "IN_ENFORCEMENT" });
    await h.subgraph.jobs.runOnce();
    expect((await debt(id)).status).toBe("IN_ENFORCEMENT");
    expect(await h.outboxCount("DebtOverdue", id)).toBe(1);
  });

  it("X08 / DEBT-R01 (LD art. 68): a producer's retry of a superseded taxation decision, arriving after the amended one, does not put back the superseded amount", async () => {
    const { d, declarationId, first, id } = await taxedOnce("1000.00");
    h.clock.set("2026-03-05T10:00:00+01:00");
    const amended = taxation(declarationId, d, { totalDuties: "800.00", supersedesId: first.taxationDecisionId });
    expect(await h.declarationEvent("TaxationDecisionIssued", amended)).toBe("PROCESSED");
    expect((await debt(id)).amount).toBe("800.00");
    // The first decision sent again under a new envelope id (at-least-once delivery, out of order).
    expect(await h.declarationEvent("TaxationDecisionIssued", first)).toBe("PROCESSED");
    expect((await debt(id)).amount).toBe("800.00");
    expect((await h.debtRow(id)).taxation_decision_id).toBe(amended.taxationDecisionId);
  });

  it("X08 / DEBT-R01 (LD art. 68): a superseded taxation decision delivered for the first time after the amended one is ignored too", async () => {
    const d = randomUUID();
    const declarationId = randomUUID();
    await h.declarationEvent("DeclarationAccepted", acceptance(declarationId, d));
    const first = taxation(declarationId, d, { totalDuties: "1000.00" });
    const amended = taxation(declarationId, d, { totalDuties: "800.00", supersedesId: first.taxationDecisionId });
    expect(await h.declarationEvent("TaxationDecisionIssued", amended)).toBe("PROCESSED");
    expect(await h.declarationEvent("TaxationDecisionIssued", first)).toBe("PROCESSED");
    const [{ id }] = await debtsOfDeclaration(declarationId);
    expect((await debt(id)).amount).toBe("800.00");
  });
});

describe("debtors (DEBT-R03, LD art. 70)", () => {
  it("makes declarant and principal debtors, jointly and severally; each sees the debt, a third partner and anonymous callers do not (DEBT-R03, LD art. 70)", async () => {
    const declarant = randomUUID();
    const principal = randomUUID();
    const third = randomUUID();
    const id = await h.taxedDebt({ declarantId: declarant, onBehalfOfId: principal, totalDuties: "2400.00" });
    const seen = await debt(id);
    expect(seen.debtors.map((l: any) => [l.basis, l.partner.id, l.jointAndSeveral])).toEqual(
      expect.arrayContaining([
        ["DECLARANT_OR_AGENT", declarant, true],
        ["PRINCIPAL", principal, true],
      ]),
    );
    expect(seen.debtors).toHaveLength(2);
    for (const partnerId of [declarant, principal]) {
      expect(ok(await h.as(partnerUser(partnerId), MY_DEBTS)).customsDebts.edges.map((e: any) => e.node.id)).toEqual([id]);
      expect((await debt(id, partnerUser(partnerId))).id).toBe(id);
    }
    expect(ok(await h.as(partnerUser(third), MY_DEBTS)).customsDebts.edges).toEqual([]);
    const forbidden = await h.as(partnerUser(third), DEBT, { id });
    expect(forbidden.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(forbidden.data).toBeNull();
    expect((await h.as(ANONYMOUS, MY_DEBTS)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await h.as(ANONYMOUS, DEBT, { id })).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("lets either joint debtor pay the whole debt (DEBT-R03, LD art. 70 para. 3)", async () => {
    const declarant = randomUUID();
    const principal = randomUUID();
    const id = await h.taxedDebt({ declarantId: declarant, onBehalfOfId: principal, totalDuties: "2400.00" });
    expect(ok(await pay(id, principal, "2400.00")).recordPayment.payment).toMatchObject({ amount: "2400.00", bySurety: false });
    expect(await debt(id)).toMatchObject({ status: "PAID", outstanding: "0.00" });
  });
});

describe("non-collection (DEBT-R07, OD-AFD art. 58)", () => {
  it("does not levy duties of CHF 5.00 and takes no payment for them (DEBT-R07, OD-AFD art. 58)", async () => {
    const d = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "5.00", nonCollected: true });
    expect(await debt(id)).toMatchObject({ status: "NOT_LEVIED", amount: "5.00", outstanding: "0.00", interest: "0.00" });
    await expectRefused(CUSTOMS, PAY, { input: { debtId: id, payerId: d, amount: "5.00", method: "CASH" } }, "DEBT_NOT_PAYABLE");
    // The control: CHF 5.05 is levied.
    const levied = await h.taxedDebt({ declarantId: d, totalDuties: "5.05" });
    expect(await debt(levied)).toMatchObject({ status: "DUE", amount: "5.05" });
  });
});

describe("payment (DEBT-R08, DEBT-R09, LD art. 72-73)", () => {
  it("is due at birth; the payment period ends at the end of the 30th calendar day after the taxation decision, not shifted off a Saturday (DEBT-R08, DEBT-R09, LD art. 72-73; T6)", async () => {
    const d = randomUUID();
    // Accepted Wednesday 4 March 16:00, taxed Thursday 5 March 10:00: day 30 is Saturday 4 April (CEST).
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "1000.00", acceptedAt: "2026-03-04T16:00:00+01:00", establishedAt: "2026-03-05T10:00:00+01:00" });
    expect(await debt(id)).toMatchObject({ status: "DUE", dueAt: "2026-03-04T15:00:00.000Z", establishedAt: "2026-03-05T09:00:00.000Z", paymentDeadline: "2026-04-04T21:59:59.999Z", interest: "0.00", outstanding: "1000.00" });
  });

  it("is recorded by a customs office, for a debtor or surety, never above what is outstanding; partial payments, then the rest, settle it (DEBT-R09, LD art. 73; DEBT-R15, LD art. 78)", async () => {
    const d = randomUUID();
    const stranger = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "1000.00" });
    await expectRefused(partnerUser(d), PAY, { input: { debtId: id, payerId: d, amount: "100.00", method: "CASHLESS" } }, "OFFICER_ROLE_REQUIRED");
    await expectRefused(CUSTOMS, PAY, { input: { debtId: id, payerId: d, amount: "1000.01", method: "CASHLESS" } }, "AMOUNT_EXCEEDS_OUTSTANDING");
    await expectRefused(CUSTOMS, PAY, { input: { debtId: id, payerId: stranger, amount: "100.00", method: "CASHLESS" } }, "PAYER_NOT_LIABLE");

    h.clock.set("2026-03-10T10:00:00+01:00");
    expect(ok(await pay(id, d, "400.00")).recordPayment.payment).toMatchObject({ amount: "400.00", interestPart: "0.00", paidAt: "2026-03-10T09:00:00.000Z", bySurety: false });
    expect(await debt(id)).toMatchObject({ status: "DUE", principalPaid: "400.00", outstanding: "600.00" });
    await expectRefused(CUSTOMS, PAY, { input: { debtId: id, payerId: d, amount: "600.01", method: "CASHLESS" } }, "AMOUNT_EXCEEDS_OUTSTANDING");
    h.clock.set("2026-03-20T10:00:00+01:00");
    // The payload carries the debt as the payment left it.
    const PAY_AND_READ = `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { payment { amount } customsDebt { id status outstanding } } }`;
    expect(ok(await h.as(CUSTOMS, PAY_AND_READ, { input: { debtId: id, payerId: d, amount: "600.00", method: "CASHLESS" } })).recordPayment).toEqual({ payment: { amount: "600.00" }, customsDebt: { id, status: "PAID", outstanding: "0.00" } });
    expect(await debt(id)).toMatchObject({ status: "PAID", principalPaid: "1000.00", interestPaid: "0.00", outstanding: "0.00" });
    expect(await h.outboxCount("DebtPaid", id)).toBe(2);
    await expectRefused(CUSTOMS, PAY, { input: { debtId: id, payerId: d, amount: "0.01", method: "CASHLESS" } }, "DEBT_NOT_PAYABLE");
  });
});

describe("default interest (DEBT-R10, LD art. 74)", () => {
  it("charges none when the debt is paid in full at the last moment of the payment period (DEBT-R10, LD art. 74 para. 1)", async () => {
    const d = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "1000.00" });
    // Taxed Monday 2 March: the period ends Wednesday 1 April, 23:59:59.999 CEST.
    h.clock.set("2026-04-01T21:59:59.999Z");
    expect(await debt(id)).toMatchObject({ paymentDeadline: "2026-04-01T21:59:59.999Z", interest: "0.00", outstanding: "1000.00" });
    expect(ok(await pay(id, d, "1000.00")).recordPayment.payment).toMatchObject({ interestPart: "0.00" });
    h.clock.set("2026-06-01T10:00:00+02:00");
    expect(await debt(id)).toMatchObject({ status: "PAID", interest: "0.00", interestPaid: "0.00", outstanding: "0.00" });
  });

  it("charges interest from the due date when paid one day late, and takes each payment for interest first (DEBT-R10, LD art. 74 para. 1)", async () => {
    const d = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "1000.00" });
    h.clock.set("2026-04-02T10:00:00+02:00");
    // Due Monday 2 March; paid Thursday 2 April: the days 2 March to 1 April, 31 days, at 4.0 %:
    // 1000.00 × 0.04 × 31 / 365 = 1240 / 365 = 3.3972… → CHF 3.40 (half up, to the rappen).
    expect(await debt(id)).toMatchObject({ interest: "3.40", outstanding: "1003.40" });
    // CHF 1000.00 pays the interest first, then 996.60 of the principal.
    expect(ok(await pay(id, d, "1000.00")).recordPayment.payment).toMatchObject({ amount: "1000.00", interestPart: "3.40" });
    expect(await debt(id)).toMatchObject({ status: "DUE", principalPaid: "996.60", interestPaid: "3.40", interest: "3.40", outstanding: "3.40" });
    expect(ok(await pay(id, d, "3.40")).recordPayment.payment).toMatchObject({ interestPart: "0.00" });
    h.clock.set("2026-09-01T10:00:00+02:00");
    expect(await debt(id)).toMatchObject({ status: "PAID", principalPaid: "1000.00", interestPaid: "3.40", interest: "3.40", outstanding: "0.00" });
  });

  it("charges no interest while a cash deposit secures the debt (DEBT-R10, LD art. 74 para. 2)", async () => {
    const d = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "1000.00" });
    const deposit = ok(await h.as(CUSTOMS, PROVIDE, { input: { debtorId: d, kind: "CASH_DEPOSIT", maxAmount: "1000.00" } })).provideSecurity.security;
    ok(await h.as(CUSTOMS, RESERVE, { input: { securityId: deposit.id, debtId: id, amount: "1000.00" } }));
    h.clock.set("2026-04-20T10:00:00+02:00");
    expect(await debt(id)).toMatchObject({ interest: "0.00", outstanding: "1000.00" });
    expect(ok(await pay(id, d, "1000.00")).recordPayment.payment).toMatchObject({ interestPart: "0.00" });
    // Settled without interest, it stays so: the debt was secured by cash the whole time.
    expect(await debt(id)).toMatchObject({ status: "PAID", interestPaid: "0.00", interest: "0.00", outstanding: "0.00" });
  });

  it("DEBT-R10 (LD art. 74 para. 2): a cash deposit attached after the debt fell late stops interest from then on, but does not erase the interest accrued before it", async () => {
    const d = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "1000.00" });
    // 2 March to 20 April, unpaid past the 1 April deadline: 49 days at 4 % = CHF 5.37.
    h.clock.set("2026-04-20T10:00:00+02:00");
    const before = (await debt(id)).interest;
    expect(before).toBe("5.37");
    const deposit = ok(await h.as(CUSTOMS, PROVIDE, { input: { debtorId: d, kind: "CASH_DEPOSIT", maxAmount: "1000.00" } })).provideSecurity.security.id;
    ok(await h.as(CUSTOMS, RESERVE, { input: { securityId: deposit, debtId: id, amount: "1000.00" } }));
    // The debt was not secured by a cash deposit during those 49 days: their interest stays due.
    expect((await debt(id)).interest).toBe(before);
    // And no more accrues while the deposit secures it.
    h.clock.set("2026-06-20T10:00:00+02:00");
    expect(await debt(id)).toMatchObject({ interest: "5.37", outstanding: "1005.37" });
  });
});

describe("the overdue job (X20, LD art. 74)", () => {
  it("moves an unpaid debt to OVERDUE 1 ms after the payment deadline, not at it, and only once (X20, LD art. 74 para. 1)", async () => {
    const d = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "800.00" });
    h.clock.set("2026-04-01T21:59:59.999Z");
    await h.subgraph.jobs.runOnce();
    expect((await debt(id)).status).toBe("DUE");
    expect(await h.outboxCount("DebtOverdue", id)).toBe(0);
    h.clock.set("2026-04-01T22:00:00.000Z");
    await h.subgraph.jobs.runOnce();
    expect((await debt(id)).status).toBe("OVERDUE");
    await h.subgraph.jobs.runOnce();
    expect(await h.outboxCount("DebtOverdue", id)).toBe(1);
    const [event] = (await h.subgraph.runtime.dataSource.query("SELECT payload FROM outbox_event WHERE type = 'DebtOverdue' AND aggregate_id = ?", [id])) as { payload: string }[];
    // Naming its debtors, whose inboxes the notifications subgraph fills (DEBT-R03, LD art. 70).
    expect(JSON.parse(event.payload)).toMatchObject({ debtId: id, overdueSince: "2026-04-01T21:59:59.999Z", outstanding: "800.00", debtorIds: [d] });
  });

  it("publishes one DebtOverdue event when two runs race (X20, LD art. 74 para. 1)", async () => {
    const d = randomUUID();
    // Taxed Wednesday 11 March: the deadline, 10 April 23:59:59.999 CEST, is this debt's alone.
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "800.00", acceptedAt: "2026-03-11T09:00:00+01:00" });
    h.clock.set("2026-04-10T21:59:59.999Z");
    await h.subgraph.jobs.runOnce(); // moves every earlier debt first
    expect((await debt(id)).status).toBe("DUE");
    h.clock.set("2026-04-10T22:00:00.000Z");
    const runs = await Promise.all([h.subgraph.jobs.runOnce(), h.subgraph.jobs.runOnce()]);
    expect(runs[0]["debt-overdue"] + runs[1]["debt-overdue"]).toBe(1);
    expect((await debt(id)).status).toBe("OVERDUE");
    expect(await h.outboxCount("DebtOverdue", id)).toBe(1);
  });
});

describe("limitation (DEBT-R11, LD art. 75)", () => {
  it("time-bars a debt five years from the end of the Zurich calendar year it became due, after that moment and not at it (DEBT-R11, LD art. 75 para. 1; T7)", async () => {
    const d = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "900.00" });
    expect(await debt(id)).toMatchObject({ limitationDate: "2031-12-31T22:59:59.999Z", absoluteLimitationDate: "2041-12-31T22:59:59.999Z" });
    // 1 January 2027 00:30 in Zurich is still 2026 in UTC: the Zurich year counts.
    const newYear = await h.taxedDebt({ declarantId: d, totalDuties: "900.00", acceptedAt: "2027-01-01T00:30:00+01:00" });
    expect(await debt(newYear)).toMatchObject({ limitationDate: "2032-12-31T22:59:59.999Z", absoluteLimitationDate: "2042-12-31T22:59:59.999Z" });

    h.clock.set("2031-12-31T22:59:59.999Z");
    await h.subgraph.jobs.runOnce();
    expect((await debt(id)).status).toBe("OVERDUE");
    h.clock.set("2031-12-31T23:00:00.000Z");
    // Past the date the office cannot interrupt any more, even before the job ran.
    await expectRefused(CUSTOMS, INTERRUPT, { input: { debtId: id, reason: "Reminder sent" } }, "DEBT_TIME_BARRED");
    await h.subgraph.jobs.runOnce();
    expect((await debt(id)).status).toBe("TIME_BARRED");
    expect((await debt(newYear)).status).toBe("OVERDUE");
    await expectRefused(CUSTOMS, INTERRUPT, { input: { debtId: id, reason: "Reminder sent" } }, "DEBT_NOT_OPEN");
  });

  it("restarts from the end of the year of each interruption, never beyond 15 years from the end of the year of birth (DEBT-R11, LD art. 75 para. 3-4)", async () => {
    const d = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "900.00" });
    await expectRefused(partnerUser(d), INTERRUPT, { input: { debtId: id, reason: "Reminder sent" } }, "OFFICER_ROLE_REQUIRED");
    // DESIGN CHOICE (DOMAIN.md DEBT-R11): a new five years from the end of the interruption's year.
    h.clock.set("2027-05-10T10:00:00+02:00");
    expect(ok(await h.as(CUSTOMS, INTERRUPT, { input: { debtId: id, reason: "Reminder sent" } })).interruptLimitation.customsDebt.limitationDate).toBe("2032-12-31T22:59:59.999Z");
    h.clock.set("2032-06-01T10:00:00+02:00");
    expect(ok(await h.as(CUSTOMS, INTERRUPT, { input: { debtId: id, reason: "Debt enforcement requested" } })).interruptLimitation.customsDebt.limitationDate).toBe("2037-12-31T22:59:59.999Z");
    // 2037 + 5 = 2042, but the debt arose in 2026: 15 years from the end of 2026 is the cap.
    h.clock.set("2037-06-01T10:00:00+02:00");
    expect(ok(await h.as(CUSTOMS, INTERRUPT, { input: { debtId: id, reason: "Debt enforcement continued" } })).interruptLimitation.customsDebt.limitationDate).toBe("2041-12-31T22:59:59.999Z");
    h.clock.set("2041-12-31T22:59:59.999Z");
    await h.subgraph.jobs.runOnce();
    expect((await debt(id)).status).toBe("OVERDUE");
    h.clock.set("2041-12-31T23:00:00.000Z");
    await h.subgraph.jobs.runOnce();
    expect((await debt(id)).status).toBe("TIME_BARRED");
  });
});

describe("appeal and withdrawal (X19, X27)", () => {
  it("keeps a debt under appeal enforceable but prolongs its limitation by the time the appeal is pending (X19; DEBT-R08, LD art. 72 para. 2; DEBT-R11, LD art. 75 para. 2)", async () => {
    const d = randomUUID();
    const declarationId = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "900.00", declarationId });
    await h.declarationEvent("AppealFiled", { appealId: randomUUID(), taxationDecisionId: randomUUID(), declarationId, appellantId: d, filedAt: h.clock.now().toISOString() });
    h.clock.set("2026-03-12T09:00:00+01:00");
    // Ten days pending: 31 December 2031 23:59:59.999 + 10 days.
    expect(await debt(id)).toMatchObject({ status: "DUE", limitationDate: "2032-01-10T22:59:59.999Z" });
    expect(ok(await pay(id, d, "100.00")).recordPayment.payment.amount).toBe("100.00");
  });

  it("DEBT-R11 (LD art. 75 para. 2): two appeals filed against one debt and delivered at the same moment (two consumer replicas) each suspend its limitation; neither suspension is lost", async () => {
    const d = randomUUID();
    const declarationId = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "900.00", declarationId });
    const [first, second] = [randomUUID(), randomUUID()];
    const filed = (appealId: string) => h.declarationEvent("AppealFiled", { appealId, taxationDecisionId: randomUUID(), declarationId, appellantId: d, filedAt: h.clock.now().toISOString() });
    // Another transaction holds the debt's row: both deliveries read it and queue for their write.
    const blocker = h.subgraph.runtime.dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    let outcomes: Promise<string[]>;
    try {
      await blocker.query("SELECT id FROM customs_debt WHERE id = ? FOR UPDATE", [id]);
      outcomes = Promise.all([filed(first), filed(second)]);
      await new Promise(resolve => setTimeout(resolve, 1000));
    } finally {
      await blocker.commitTransaction();
      await blocker.release();
    }
    expect(await outcomes!).toEqual(["PROCESSED", "PROCESSED"]);
    const [row] = await debtsOfDeclaration(declarationId);
    expect((JSON.parse(row.suspensions) as { reason: string }[]).map(s => s.reason).sort()).toEqual([`appeal ${first}`, `appeal ${second}`].sort());
  });

  it("cancels the debt of a withdrawn declaration (X27; LD art. 34 para. 1)", async () => {
    const d = randomUUID();
    const declarationId = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "900.00", declarationId });
    await h.declarationEvent("DeclarationWithdrawn", { declarationId, declarantId: d, withdrawnAt: h.clock.now().toISOString() });
    expect((await debt(id)).status).toBe("CANCELLED");
    await expectRefused(CUSTOMS, PAY, { input: { debtId: id, payerId: d, amount: "900.00", method: "CASH" } }, "DEBT_NOT_PAYABLE");
    expect(ok(await exposure(d))._entities[0].exposure).toEqual({ openDebts: "0.00", conditionalDebts: "0.00", bonds: [] });
  });
});

describe("securities and bonds (DEBT-R12, DEBT-R14, DEBT-R16; LD art. 76-79)", () => {
  it("never lets 50 parallel reservations on one general bond exceed its maximum, and keeps the headroom exact (DEBT-R14, LD art. 77)", async () => {
    const d = randomUUID();
    const surety = randomUUID();
    const bond = await generalBond(d, surety, "10000.00");
    // CHF 150.00, 163.37, 176.74, … : CHF 23 878.25 in all, so only some fit.
    const amounts = Array.from({ length: 50 }, (_, i) => 15000 + 1337 * i);
    const debts: string[] = [];
    for (const amount of amounts) debts.push(await h.taxedDebt({ declarantId: d, totalDuties: formatRappen(amount) }));
    const results = await Promise.all(debts.map((debtId, i) => h.as(CUSTOMS, RESERVE, { input: { securityId: bond, debtId, amount: formatRappen(amounts[i]) } })));
    const accepted = amounts.filter((_, i) => !results[i].errors);
    const refused = amounts.filter((_, i) => results[i].errors);
    expect(results.filter(r => r.errors).map(r => r.errors![0].extensions?.code)).toEqual(refused.map(() => "BOND_HEADROOM_EXCEEDED"));
    expect(accepted.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    const reserved = accepted.reduce((s, a) => s + a, 0);
    expect(reserved).toBeLessThanOrEqual(1_000_000);
    const headroom = 1_000_000 - reserved;
    // Headroom only shrinks: a claim refused for lack of it cannot fit in what is left at the end.
    for (const amount of refused) expect(amount).toBeGreaterThan(headroom);

    const e = ok(await exposure(d))._entities[0].exposure;
    expect(e).toEqual({ openDebts: "23878.25", conditionalDebts: "0.00", bonds: [{ maxAmount: "10000.00", reserved: formatRappen(reserved), headroom: formatRappen(headroom) }] });
    const security = ok(await h.as(CUSTOMS, RESERVATIONS, { r: [{ __typename: "Security", id: bond }] }))._entities[0];
    expect(security.reservations.totalCount).toBe(accepted.length);
    expect(security.reservations.edges).toHaveLength(accepted.length);
    expect(security.reservations.edges.reduce((s: number, e: any) => s + toRappen(e.node.amount), 0)).toBe(reserved);
  });

  it("attaches one debt only to an individual bond, and only the bond debtor's debts to any bond (DEBT-R14, LD art. 77 para. 2)", async () => {
    const d = randomUUID();
    const other = randomUUID();
    const surety = randomUUID();
    const first = await h.taxedDebt({ declarantId: d, totalDuties: "400.00" });
    const second = await h.taxedDebt({ declarantId: d, totalDuties: "400.00" });
    const individual = ok(await h.as(CUSTOMS, PROVIDE, { input: { debtorId: d, kind: "INDIVIDUAL_BOND", maxAmount: "5000.00", suretyId: surety } })).provideSecurity.security;
    expect(individual).toMatchObject({ kind: "INDIVIDUAL_BOND", maxAmount: "5000.00", establishedOn: "2026-03-02", status: "ACTIVE" });
    ok(await h.as(CUSTOMS, RESERVE, { input: { securityId: individual.id, debtId: first, amount: "400.00" } }));
    await expectRefused(CUSTOMS, RESERVE, { input: { securityId: individual.id, debtId: second, amount: "400.00" } }, "INDIVIDUAL_BOND_TAKEN");
    const general = await generalBond(d, surety, "5000.00");
    const othersDebt = await h.taxedDebt({ declarantId: other, totalDuties: "400.00" });
    await expectRefused(CUSTOMS, RESERVE, { input: { securityId: general, debtId: othersDebt, amount: "400.00" } }, "NOT_THE_DEBTORS_CLAIM");
    await expectRefused(partnerUser(d), RESERVE, { input: { securityId: general, debtId: second, amount: "400.00" } }, "OFFICER_ROLE_REQUIRED");
  });

  it("lets the surety terminate a general bond from its first anniversary; it then covers claims born up to the end of the 30th day after receipt (DEBT-R16, LD art. 79 para. 2; T8)", async () => {
    const d = randomUUID();
    const surety = randomUUID();
    const suretyUser: Principal = { kind: "PORTAL_USER", subject: "x", partners: [{ partnerId: surety, portalRole: "ADMINISTRATOR", roles: [] }], officerRoles: [] };
    h.clock.set("2026-06-15T10:00:00+02:00");
    const bond = await generalBond(d, surety, "20000.00");
    h.clock.set("2027-06-14T23:59:59.999+02:00");
    await expectRefused(suretyUser, TERMINATE, { input: { securityId: bond } }, "BOND_TERMINATION_TOO_EARLY");
    h.clock.set("2027-06-15T00:00:00.000+02:00");
    await expectRefused(partnerUser(d), TERMINATE, { input: { securityId: bond } }, "FORBIDDEN");
    // DOMAIN.md DEBT-R16: received 15 June → claims arising up to and including 15 July are covered.
    expect(ok(await h.as(suretyUser, TERMINATE, { input: { securityId: bond } })).terminateBond.security).toEqual({
      id: bond,
      status: "TERMINATION_RECEIVED",
      terminationReceivedAt: "2027-06-14T22:00:00.000Z",
      coverageCutoff: "2027-07-15T21:59:59.999Z",
    });
    const atCutoff = await h.taxedDebt({ declarantId: d, totalDuties: "300.00", acceptedAt: "2027-07-15T21:59:59.999Z" });
    const afterCutoff = await h.taxedDebt({ declarantId: d, totalDuties: "300.00", acceptedAt: "2027-07-15T22:00:00.000Z" });
    ok(await h.as(CUSTOMS, RESERVE, { input: { securityId: bond, debtId: atCutoff, amount: "300.00" } }));
    await expectRefused(CUSTOMS, RESERVE, { input: { securityId: bond, debtId: afterCutoff, amount: "300.00" } }, "BOND_NO_LONGER_COVERS");
  });

  it("lets the administration cancel a bond at any time; it then covers nothing more (DEBT-R16, LD art. 79 para. 3)", async () => {
    const d = randomUUID();
    const surety = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "300.00" });
    const bond = await generalBond(d, surety, "20000.00");
    await expectRefused(partnerUser(surety), CANCEL, { input: { securityId: bond } }, "OFFICER_ROLE_REQUIRED");
    h.clock.set("2026-03-03T08:00:00+01:00"); // the next day: no waiting period for the administration
    expect(ok(await h.as(CUSTOMS, CANCEL, { input: { securityId: bond } })).cancelSecurity.security).toEqual({ id: bond, status: "CANCELLED_BY_ADMINISTRATION", cancelledAt: "2026-03-03T07:00:00.000Z" });
    await expectRefused(CUSTOMS, RESERVE, { input: { securityId: bond, debtId: id, amount: "300.00" } }, "SECURITY_NOT_ACTIVE");
  });

  it("tells identity of a security provided, for the debtor (X03; OD-AFD art. 8 para. 1 let. c)", async () => {
    const d = randomUUID();
    const surety = randomUUID();
    await expectRefused(partnerUser(d), PROVIDE, { input: { debtorId: d, kind: "GENERAL_BOND", maxAmount: "1000.00", suretyId: surety } }, "OFFICER_ROLE_REQUIRED");
    const bond = await generalBond(d, surety, "7500.00");
    const events = (await h.subgraph.runtime.dataSource.query("SELECT aggregate_id AS aggregateId, payload FROM outbox_event WHERE type = 'SecurityProvided' AND aggregate_id = ?", [d])) as { aggregateId: string; payload: string }[];
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].payload)).toMatchObject({ partnerId: d, securityId: bond, kind: "GENERAL_BOND", maxAmount: "7500.00" });
  });
});

describe("decisions requiring security (DEBT-R18, LD art. 81; DEBT-R28, LD art. 39 para. 3)", () => {
  it("requires security for a release under provisional taxation, with legal ground, amount and deposit body, met only by enough security (DEBT-R18, LD art. 81; DEBT-R28, LD art. 39 para. 3)", async () => {
    const d = randomUUID();
    const other = randomUUID();
    await h.declarationEvent("ProvisionalTaxationRequested", { declarationId: randomUUID(), taxationDecisionId: randomUUID(), declarantId: d, securityRequired: "2500.00" });
    const [requisition] = ok(await h.as(partnerUser(d), REQUISITIONS)).securityRequisitions.edges.map((e: any) => e.node);
    expect(requisition).toEqual({ id: expect.any(String), legalGround: expect.stringContaining("LD art. 39 para. 3"), amount: "2500.00", depositBody: "the taxing customs office", decidedAt: "2026-03-02T08:00:00.000Z", securityId: null });
    expect(ok(await h.as(partnerUser(other), REQUISITIONS)).securityRequisitions.edges.map((e: any) => e.node)).toEqual([]);
    await expectRefused(CUSTOMS, PROVIDE, { input: { debtorId: d, kind: "CASH_DEPOSIT", maxAmount: "2499.99", requisitionId: requisition.id } }, "SECURITY_TOO_LOW");
    const deposit = ok(await h.as(CUSTOMS, PROVIDE, { input: { debtorId: d, kind: "CASH_DEPOSIT", maxAmount: "2500.00", requisitionId: requisition.id } })).provideSecurity.security;
    expect(ok(await h.as(partnerUser(d), REQUISITIONS)).securityRequisitions.edges.map((e: any) => e.node)).toEqual([{ ...requisition, securityId: deposit.id }]);
    await expectRefused(CUSTOMS, PROVIDE, { input: { debtorId: d, kind: "CASH_DEPOSIT", maxAmount: "2500.00", requisitionId: requisition.id } }, "REQUISITION_ALREADY_MET");
  });

  it("lets a customs office, and no one else, decide that security is required (DEBT-R13, LD art. 76 para. 2; DEBT-R18, LD art. 81)", async () => {
    const d = randomUUID();
    const input = { debtorId: d, legalGround: "LD art. 76 para. 2 let. b: no domicile in Switzerland", amount: "8000.00", depositBody: "Customs office Basel" };
    const REQUIRE = `mutation ($input: RequireSecurityInput!) { requireSecurity(input: $input) { securityRequisition { id legalGround amount depositBody securityId } } }`;
    await expectRefused(partnerUser(d), REQUIRE, { input }, "OFFICER_ROLE_REQUIRED");
    const decided = ok(await h.as(CUSTOMS, REQUIRE, { input })).requireSecurity.securityRequisition;
    expect(decided).toMatchObject({ legalGround: input.legalGround, amount: "8000.00", depositBody: "Customs office Basel", securityId: null });
    expect(ok(await h.as(partnerUser(d), REQUISITIONS)).securityRequisitions.edges.map((e: any) => e.node).map((r: any) => r.id)).toEqual([decided.id]);
  });
});

describe("subsequent collection (DEBT-R22, LD art. 85)", () => {
  it("is notified within one year of the taxation decision, up to the last moment of the same date a year later, and grows the debt (DEBT-R22, LD art. 85; T8)", async () => {
    const d = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "1000.00" });
    const input = { debtId: id, errorType: "TOO_LOW", amount: "120.00" };
    await expectRefused(partnerUser(d), COLLECT, { input }, "OFFICER_ROLE_REQUIRED");
    h.clock.set("2027-03-02T23:59:59.999+01:00");
    expect(ok(await h.as(CUSTOMS, COLLECT, { input })).decideSubsequentCollection.subsequentCollection).toMatchObject({ errorType: "TOO_LOW", amount: "120.00", intentionNotifiedAt: "2027-03-02T22:59:59.999Z" });
    expect((await debt(id)).amount).toBe("1120.00");
    h.clock.set("2027-03-03T00:00:00.000+01:00");
    await expectRefused(CUSTOMS, COLLECT, { input }, "SUBSEQUENT_COLLECTION_TOO_LATE");
  });

  it("counts a year from 29 February to 28 February (DEBT-R22, LD art. 85; T8)", async () => {
    const d = randomUUID();
    h.clock.set("2028-02-29T10:00:00+01:00");
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "1000.00" });
    const input = { debtId: id, errorType: "NOT_COLLECTED", amount: "50.00" };
    h.clock.set("2029-02-28T23:59:59.999+01:00");
    ok(await h.as(CUSTOMS, COLLECT, { input }));
    h.clock.set("2029-03-01T00:00:00.000+01:00");
    await expectRefused(CUSTOMS, COLLECT, { input }, "SUBSEQUENT_COLLECTION_TOO_LATE");
  });

  it("DEBT-R10 (LD art. 74 para. 1) with DEBT-R22 (LD art. 85): a subsequent collection does not charge default interest on the principal that was paid in full within the payment period", async () => {
    const d = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "1000.00" });
    // Paid in full on 10 March, well within the period ending 1 April.
    h.clock.set("2026-03-10T10:00:00+01:00");
    ok(await pay(id, d, "1000.00"));
    expect((await debt(id)).status).toBe("PAID");
    h.clock.set("2026-06-01T10:00:00+02:00");
    ok(await h.as(CUSTOMS, COLLECT, { input: { debtId: id, errorType: "TOO_LOW", amount: "120.00" } }));
    h.clock.set("2026-06-02T10:00:00+02:00");
    // Whatever the period for the CHF 120.00 notified on 1 June, at most it bears interest from the
    // original due date (2 March to 2 June, 92 days at 4 %: CHF 1.21). The CHF 1000.00 paid on time bears none.
    const interest = Number((await debt(id)).interest);
    expect(interest).toBeLessThanOrEqual(1.21);
    // The CHF 120.00 has its own period from the notification (DEBT-R09, LD art. 73): 30 days, to the end of 1 July.
    expect(await debt(id)).toMatchObject({ status: "DUE", amount: "1120.00", paymentDeadline: "2026-07-01T21:59:59.999Z", interest: "0.00", outstanding: "120.00" });
  });

  it("DEBT-R10 (LD art. 74 para. 1) with DEBT-R22 (LD art. 85): a notified amount left unpaid past its own period bears interest from the due date; the principal paid in time still bears none", async () => {
    const d = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "1000.00" });
    h.clock.set("2026-03-10T10:00:00+01:00");
    ok(await pay(id, d, "1000.00"));
    h.clock.set("2026-06-01T10:00:00+02:00");
    ok(await h.as(CUSTOMS, COLLECT, { input: { debtId: id, errorType: "TOO_LOW", amount: "120.00" } }));
    // Unpaid on 2 July: CHF 120.00 from 2 March, 122 days at 4 %: 120 × 0.04 × 122 / 365 = 1.604… → CHF 1.60.
    h.clock.set("2026-07-02T10:00:00+02:00");
    expect(await debt(id)).toMatchObject({ interest: "1.60", outstanding: "121.60" });
  });
});

describe("subsequent collection of a debt that ended (DEBT-R22, LD art. 85)", () => {
  const remit = async (debtId: string, debtorId: string) => {
    const ask = { input: { debtId, ground: "PARTICULARLY_HARSH", justification: "The importer's warehouse burnt down with the goods." } };
    const request = ok(await h.as(partnerUser(debtorId), REQUEST_REMISSION, ask)).requestRemission.remissionRequest;
    ok(await h.as(DGD, DECIDE_REMISSION, { input: { requestId: request.id, grant: true } }));
  };

  it("DEBT-R22 (LD art. 85): refuses to collect more on a debt the DGD remitted in full or one cancelled with its declaration, naming the status, and changes nothing", async () => {
    const d = randomUUID();
    const remitted = await h.taxedDebt({ declarantId: d, totalDuties: "1000.00" });
    await remit(remitted, d);
    expect((await debt(remitted)).status).toBe("REMITTED");
    const refusal = await expectRefused(CUSTOMS, COLLECT, { input: { debtId: remitted, errorType: "TOO_LOW", amount: "120.00" } }, "DEBT_ENDED");
    expect(refusal.message).toContain("REMITTED");
    expect(refusal.extensions).toMatchObject({ field: "input.debtId", rule: "DEBT-R22", article: "LD art. 85", status: "REMITTED" });
    const declarationId = randomUUID();
    const cancelled = await h.taxedDebt({ declarantId: d, totalDuties: "1000.00", declarationId });
    await h.declarationEvent("DeclarationWithdrawn", { declarationId, declarantId: d, withdrawnAt: h.clock.now().toISOString() });
    expect((await expectRefused(CUSTOMS, COLLECT, { input: { debtId: cancelled, errorType: "NOT_COLLECTED", amount: "50.00" } }, "DEBT_ENDED")).extensions).toMatchObject({ status: "CANCELLED" });
    expect(await debt(cancelled)).toMatchObject({ status: "CANCELLED", amount: "1000.00" });
  });
});

describe("remission (DEBT-R23, LD art. 86; OD-AFD art. 59)", () => {
  const ask = (debtId: string) => ({ input: { debtId, ground: "PARTICULARLY_HARSH", justification: "The importer's warehouse burnt down with the goods." } });

  it("is asked by a debtor within one year of the taxation decision; the DGD alone grants it, here in part (DEBT-R23, LD art. 86 para. 2; OD-AFD art. 59; T8)", async () => {
    const d = randomUUID();
    const third = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "1000.00" });
    await expectRefused(partnerUser(third), REQUEST_REMISSION, ask(id), "FORBIDDEN");
    h.clock.set("2027-03-02T23:59:59.999+01:00");
    const request = ok(await h.as(partnerUser(d), REQUEST_REMISSION, ask(id))).requestRemission.remissionRequest;
    expect(request).toMatchObject({ status: "PENDING", filedAt: "2027-03-02T22:59:59.999Z", deadline: "2027-03-02T22:59:59.999Z" });
    h.clock.set("2027-03-03T00:00:00.000+01:00");
    await expectRefused(partnerUser(d), REQUEST_REMISSION, ask(id), "REMISSION_TOO_LATE");
    await expectRefused(CUSTOMS, DECIDE_REMISSION, { input: { requestId: request.id, grant: true, amount: "300.00" } }, "OFFICER_ROLE_REQUIRED");
    expect(ok(await h.as(DGD, DECIDE_REMISSION, { input: { requestId: request.id, grant: true, amount: "300.00" } })).decideRemission.remissionRequest).toMatchObject({ status: "GRANTED", remitted: "300.00" });
    expect(await debt(id)).toMatchObject({ amount: "700.00", status: "DUE" });
  });

  it("ends the debt when the DGD remits all of it (DEBT-R23, LD art. 86 para. 1; OD-AFD art. 59)", async () => {
    const d = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "1000.00" });
    h.clock.set("2026-03-20T10:00:00+01:00");
    const request = ok(await h.as(partnerUser(d), REQUEST_REMISSION, ask(id))).requestRemission.remissionRequest;
    expect(ok(await h.as(DGD, DECIDE_REMISSION, { input: { requestId: request.id, grant: true } })).decideRemission.remissionRequest).toMatchObject({ status: "GRANTED", remitted: "1000.00" });
    expect(await debt(id)).toMatchObject({ status: "REMITTED", amount: "0.00" });
    await expectRefused(CUSTOMS, PAY, { input: { debtId: id, payerId: d, amount: "1.00", method: "CASH" } }, "DEBT_NOT_PAYABLE");
  });
});

describe("BusinessPartner.exposure", () => {
  it("sums open debts with default interest to date and shows each general bond's headroom; other partners may not read it (DEBT-R03, DEBT-R10, DEBT-R14; LD art. 70, 74, 77)", async () => {
    const d = randomUUID();
    const surety = randomUUID();
    const other = randomUUID();
    const late = await h.taxedDebt({ declarantId: d, totalDuties: "1000.00" });
    const current = await h.taxedDebt({ declarantId: d, totalDuties: "500.00", acceptedAt: "2026-03-20T10:00:00+01:00" });
    await h.taxedDebt({ declarantId: d, totalDuties: "4.00" }); // not levied: owes nothing
    const bond = await generalBond(d, surety, "3000.00");
    ok(await h.as(CUSTOMS, RESERVE, { input: { securityId: bond, debtId: late, amount: "1000.00" } }));
    ok(await h.as(CUSTOMS, RESERVE, { input: { securityId: bond, debtId: current, amount: "200.00" } }));
    h.clock.set("2026-04-02T10:00:00+02:00");
    // The first is one day late: CHF 3.40 interest (1000.00 × 0.04 × 31 / 365); the second is within its period.
    expect(ok(await exposure(d, partnerUser(d)))._entities[0].exposure).toEqual({ openDebts: "1503.40", conditionalDebts: "0.00", bonds: [{ maxAmount: "3000.00", reserved: "1200.00", headroom: "1800.00" }] });
    const foreign = await exposure(d, partnerUser(other));
    expect(foreign.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(foreign.data?._entities[0].exposure ?? null).toBeNull();
    expect((await exposure(d, ANONYMOUS)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    // Paid, the second debt leaves the exposure and frees its part of the bond.
    ok(await pay(current, d, "500.00"));
    expect(ok(await exposure(d))._entities[0].exposure).toEqual({ openDebts: "1003.40", conditionalDebts: "0.00", bonds: [{ maxAmount: "3000.00", reserved: "1000.00", headroom: "2000.00" }] });
  });
});

describe("nested connections (STYLE.md: lists that grow are connections)", () => {
  const NESTED = `query ($r: [_Any!]!) { _entities(representations: $r) {
    ... on BusinessPartner { id securities { totalCount edges { node { id kind reservations { totalCount edges { node { amount } } } } } } exposure { openDebts bonds { totalCount edges { node { reserved headroom } } } } }
    ... on CustomsDebt { id payments(first: 2) { totalCount pageInfo { hasNextPage } edges { node { amount } } } } } }`;

  /** `count` partners, each with a paid-in-part debt and a general bond that secures it. */
  async function partners(count: number): Promise<{ __typename: string; id: string }[]> {
    const refs: { __typename: string; id: string }[] = [];
    for (let i = 0; i < count; i++) {
      const d = randomUUID();
      const debtId = await h.taxedDebt({ declarantId: d, totalDuties: "100.00" });
      const bond = await generalBond(d, randomUUID(), "1000.00");
      ok(await h.as(CUSTOMS, RESERVE, { input: { securityId: bond, debtId, amount: "100.00" } }));
      // A minute apart: payments are paged in the order they were made.
      for (const [k, amount] of ["10.00", "20.00", "30.00"].entries()) {
        h.clock.set(new Date(Date.parse(T0) + (k + 1) * 60_000).toISOString());
        ok(await pay(debtId, d, amount));
      }
      h.clock.set(T0);
      refs.push({ __typename: "BusinessPartner", id: d }, { __typename: "CustomsDebt", id: debtId });
    }
    return refs;
  }

  async function statements(refs: { __typename: string; id: string }[]): Promise<{ count: number; data: any }> {
    ok(await h.as(CUSTOMS, NESTED, { r: refs }));
    const before = h.subgraph.runtime.sql.count;
    const data = ok(await h.as(CUSTOMS, NESTED, { r: refs }));
    return { count: h.subgraph.runtime.sql.count - before, data };
  }

  it("pages payments, securities, reservations and bonds of 10 and of 30 parents in the same number of statements", async () => {
    const ten = await statements(await partners(10));
    const thirty = await statements(await partners(30));
    expect(thirty.data._entities).toHaveLength(60);
    for (const e of thirty.data._entities) {
      if (e.securities) {
        expect(e.securities).toMatchObject({ totalCount: 1, edges: [{ node: { kind: "GENERAL_BOND", reservations: { totalCount: 1, edges: [{ node: { amount: "100.00" } }] } } }] });
        expect(e.exposure.bonds).toEqual({ totalCount: 1, edges: [{ node: { reserved: "100.00", headroom: "900.00" } }] });
      } else {
        expect(e.payments).toEqual({ totalCount: 3, pageInfo: { hasNextPage: true }, edges: [{ node: { amount: "10.00" } }, { node: { amount: "20.00" } }] });
      }
    }
    expect(thirty.count).toBe(ten.count);
  });

  it("continues a partner's securities after the cursor, those it provides and those it stands surety for in one order", async () => {
    const d = randomUUID();
    const other = randomUUID();
    const provided: string[] = [];
    for (const [i, at] of ["2026-03-02T09:00:00+01:00", "2026-03-02T09:01:00+01:00", "2026-03-02T09:02:00+01:00"].entries()) {
      h.clock.set(at);
      // Alternately as debtor and as surety of another partner's bond.
      provided.push(i % 2 ? await generalBond(other, d, "500.00") : await generalBond(d, randomUUID(), "500.00"));
    }
    const PAGE = `query ($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on BusinessPartner { securities(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } } }`;
    const first = ok(await h.as(partnerUser(d), PAGE, { r: [{ __typename: "BusinessPartner", id: d }] }))._entities[0].securities;
    expect(first).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true }, edges: provided.slice(0, 2).map(id => ({ node: { id } })) });
    const next = ok(await h.as(partnerUser(d), PAGE, { r: [{ __typename: "BusinessPartner", id: d }], after: first.pageInfo.endCursor }))._entities[0].securities;
    expect(next).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false }, edges: [{ node: { id: provided[2] } }] });
  });
});
