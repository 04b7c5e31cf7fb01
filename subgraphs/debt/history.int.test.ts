import { randomUUID } from "node:crypto";
import { Principal } from "../kit";
import { ANONYMOUS, GraphQLResponse } from "../../test/support/graphql";
import { CUSTOMS, DebtHarness, partnerUser, startDebt } from "../../test/support/debt-harness";

/**
 * Issue 15, "as of a date": a partner's debts, securities, bond headroom and exposure as the
 * administration had recorded them at a past instant, read from the history the subgraph keeps
 * (migration DebtHistory, kit/history.ts), on MariaDB. One partner's history is built over three
 * months, the clock moved between changes; the live answer is taken at instants along the way,
 * and read again later as of those instants.
 */
let h: DebtHarness;

const BEFORE = "2026-03-01T12:00:00+01:00";
const T_DEBT = "2026-03-02T09:00:00+01:00";
const T_BOND = "2026-03-05T10:00:00+01:00";
const T_RESERVE = "2026-03-10T10:00:00+01:00";
const T_OVERDUE = "2026-04-02T06:00:00+02:00";
const T_CONDITIONAL = "2026-04-10T10:00:00+02:00";
const T_PAID = "2026-05-04T10:00:00+02:00";
const T_DISCHARGED = "2026-05-20T10:00:00+02:00";
const T_CANCELLED = "2026-06-01T10:00:00+02:00";
const NOW = "2026-06-15T10:00:00+02:00";

/** The instant 1 ms before `instant`: between the change at `instant` and the one before it. */
const justBefore = (instant: string) => new Date(Date.parse(instant) - 1).toISOString();

function ok<T = Record<string, any>>(res: GraphQLResponse<T>): T {
  if (res.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

const PARTNER = `query ($r: [_Any!]!, $asOf: DateTime, $statuses: [DebtStatus!], $first: Int = 10, $after: String) { _entities(representations: $r) { ... on BusinessPartner {
  id
  customsDebts(first: $first, after: $after, statuses: $statuses, asOf: $asOf) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node {
      id status conditional amount principalPaid interestPaid arisenAt dueAt paymentDeadline establishedAt procedureEndedAt
      interest outstanding limitationDate absoluteLimitationDate securedAmount unsecuredAmount goodsReleasable
      debtors { basis jointAndSeveral partner { id } }
      payments(first: 5) { totalCount edges { cursor node { amount interestPart method paidAt bySurety } } } } }
  }
  securities(first: 10, asOf: $asOf) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id kind status maxAmount establishedOn terminationReceivedAt coverageCutoff cancelledAt createdAt surety { id }
      reservations(first: 10) { totalCount edges { cursor node { id amount reservedAt } } } } }
  }
  exposure(asOf: $asOf) {
    openDebts conditionalDebts
    bonds(first: 10) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { maxAmount reserved headroom security { id status reservations(first: 10) { totalCount edges { node { amount } } } } } } }
  }
} } }`;

type Page = Record<string, any>;

async function partnerPage(partnerId: string, asOf: string | null, extra: Record<string, unknown> = {}, principal: Principal = CUSTOMS): Promise<Page> {
  return ok(await h.as(principal, PARTNER, { r: [{ __typename: "BusinessPartner", id: partnerId }], asOf, ...extra }))._entities[0];
}

const PROVIDE = `mutation ($input: ProvideSecurityInput!) { provideSecurity(input: $input) { security { id } } }`;
const RESERVE = `mutation ($input: ReserveInput!) { reserveSecurity(input: $input) { reservation { id } } }`;
const PAY = `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { payment { id } } }`;
const CONDITIONAL = `mutation ($input: ConditionalDebtInput!) { recordConditionalDebt(input: $input) { customsDebt { id } } }`;
const SETTLE = `mutation ($id: ID!) { settleProcedureDebt(input: { debtId: $id, discharged: true }) { customsDebt { status } } }`;
const CANCEL = `mutation ($input: SecurityIdInput!) { cancelSecurity(input: $input) { security { status } } }`;
const DEBT = `query ($id: ID!) { customsDebt(id: $id) { outstanding } }`;

async function generalBond(debtorId: string, suretyId: string, maxAmount: string): Promise<string> {
  return ok(await h.as(CUSTOMS, PROVIDE, { input: { debtorId, kind: "GENERAL_BOND", maxAmount, suretyId } })).provideSecurity.security.id;
}

beforeAll(async () => {
  h = await startDebt("customs_test_debt_history", T_DEBT);
});
afterAll(async () => {
  await h?.stop();
});

describe("a partner's page as of a date (issue 15)", () => {
  const partner = randomUUID();
  const surety = randomUUID();
  let debt: string;
  let conditional: string;
  let bond: string;
  /** The live answers the subgraph gave at instants of the history, each taken with the clock there. */
  const live = new Map<string, Page>();

  async function takeLive(instant: string): Promise<void> {
    h.clock.set(instant);
    live.set(instant, await partnerPage(partner, null));
  }

  beforeAll(async () => {
    // A debt arises (DEBT-R02, LD art. 69), payable at once, its payment period ending with 1 April.
    h.clock.set(T_DEBT);
    debt = await h.taxedDebt({ declarantId: partner, totalDuties: "1000.00" });
    await takeLive("2026-03-02T10:00:00+01:00");
    // A general bond is provided (DEBT-R14, LD art. 77).
    h.clock.set(T_BOND);
    bond = await generalBond(partner, surety, "5000.00");
    await takeLive(justBefore(T_RESERVE));
    // The debt is attached to it.
    h.clock.set(T_RESERVE);
    ok(await h.as(CUSTOMS, RESERVE, { input: { securityId: bond, debtId: debt, amount: "1000.00" } }));
    await takeLive("2026-03-20T12:00:00+01:00");
    // The payment period passed unpaid: OVERDUE (DEBT-R10, LD art. 74).
    h.clock.set(T_OVERDUE);
    await h.subgraph.jobs.runOnce();
    await takeLive("2026-04-05T12:00:00+02:00");
    // A procedure's conditional debt, secured by the bond (DEBT-R12, LD art. 76 para. 1).
    h.clock.set(T_CONDITIONAL);
    conditional = ok(await h.as(CUSTOMS, CONDITIONAL, { input: { reference: `H15-${partner.slice(0, 8)}`, debtorId: partner, procedure: "TRANSIT", amount: "2000.00", securityIds: [bond] } })).recordConditionalDebt.customsDebt.id;
    await takeLive("2026-04-20T12:00:00+02:00");
    await takeLive(justBefore(T_PAID));
    // The debt is paid with its interest: PAID, its reservation removed.
    h.clock.set(T_PAID);
    const outstanding = ok(await h.as(CUSTOMS, DEBT, { id: debt })).customsDebt.outstanding;
    ok(await h.as(CUSTOMS, PAY, { input: { debtId: debt, payerId: partner, amount: outstanding, method: "CASHLESS" } }));
    await takeLive("2026-05-10T12:00:00+02:00");
    // The procedure is discharged: the conditional debt is extinguished, its security released (LD art. 49 para. 3).
    h.clock.set(T_DISCHARGED);
    ok(await h.as(CUSTOMS, SETTLE, { id: conditional }));
    await takeLive("2026-05-25T12:00:00+02:00");
    // The administration cancels the bond (DEBT-R16, LD art. 79 para. 3).
    h.clock.set(T_CANCELLED);
    ok(await h.as(CUSTOMS, CANCEL, { input: { securityId: bond } }));
    await takeLive("2026-06-05T12:00:00+02:00");
    h.clock.set(NOW);
  });

  beforeEach(() => {
    h.clock.set(NOW);
  });

  it("as of a date (issue 15): at every instant taken along the way, reads exactly what the live page showed then: debts, computed fields, payments, securities, reservations, exposure and bonds, with the same cursors", async () => {
    expect(live.size).toBe(9);
    for (const [instant, then] of live) {
      expect({ instant, page: await partnerPage(partner, instant) }).toEqual({ instant, page: then });
    }
  });

  it("as of a date (issue 15): before anything was recorded, no debts, no securities and an exposure of zero", async () => {
    expect(await partnerPage(partner, BEFORE)).toEqual({
      id: partner,
      customsDebts: { totalCount: 0, pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, edges: [] },
      securities: { totalCount: 0, pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, edges: [] },
      exposure: { openDebts: "0.00", conditionalDebts: "0.00", bonds: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } },
    });
    // The debt exists from the instant it was recorded, not a millisecond before.
    expect((await partnerPage(partner, justBefore(T_DEBT))).customsDebts.totalCount).toBe(0);
    expect((await partnerPage(partner, T_DEBT)).customsDebts.edges.map((e: Page) => [e.node.id, e.node.status, e.node.outstanding])).toEqual([[debt, "DUE", "1000.00"]]);
  });

  it("as of a date (issue 15): a bond's reserved amount and headroom are those between two changes, the later one from the instant of the change (DEBT-R14, LD art. 77 para. 3)", async () => {
    const bonds = async (asOf: string) => (await partnerPage(partner, asOf)).exposure.bonds.edges.map((e: Page) => [e.node.security.id, e.node.maxAmount, e.node.reserved, e.node.headroom]);
    expect(await bonds(justBefore(T_BOND))).toEqual([]);
    expect(await bonds(T_BOND)).toEqual([[bond, "5000.00", "0.00", "5000.00"]]);
    expect(await bonds(justBefore(T_RESERVE))).toEqual([[bond, "5000.00", "0.00", "5000.00"]]);
    expect(await bonds(T_RESERVE)).toEqual([[bond, "5000.00", "1000.00", "4000.00"]]);
    expect(await bonds(T_CONDITIONAL)).toEqual([[bond, "5000.00", "3000.00", "2000.00"]]);
    // Paid, the debt's reservation is removed: the removal is kept, the claim is there until then.
    expect(await bonds(justBefore(T_PAID))).toEqual([[bond, "5000.00", "3000.00", "2000.00"]]);
    expect(await bonds(T_PAID)).toEqual([[bond, "5000.00", "2000.00", "3000.00"]]);
    expect(await bonds(T_DISCHARGED)).toEqual([[bond, "5000.00", "0.00", "5000.00"]]);
    const reservations = async (asOf: string) =>
      (await partnerPage(partner, asOf)).securities.edges[0].node.reservations.edges.map((e: Page) => e.node.amount);
    expect(await reservations(justBefore(T_PAID))).toEqual(["1000.00", "2000.00"]);
    expect(await reservations(T_PAID)).toEqual(["2000.00"]);
  });

  it("as of a date (issue 15): a general bond cancelled by the administration is in force until the instant of the cancellation, and listed with its status then (DEBT-R16, LD art. 79 para. 3)", async () => {
    const before = await partnerPage(partner, justBefore(T_CANCELLED));
    expect(before.securities.edges.map((e: Page) => [e.node.id, e.node.status, e.node.cancelledAt])).toEqual([[bond, "ACTIVE", null]]);
    expect(before.exposure.bonds.totalCount).toBe(1);
    const after = await partnerPage(partner, T_CANCELLED);
    expect(after.securities.edges.map((e: Page) => [e.node.id, e.node.status, e.node.cancelledAt])).toEqual([[bond, "CANCELLED_BY_ADMINISTRATION", new Date(T_CANCELLED).toISOString()]]);
    expect(after.exposure.bonds).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
  });

  it("as of a date (issue 15): the debt's status, interest and outstanding amount are those recorded then, interest accrued to that instant (DEBT-R10, LD art. 74)", async () => {
    const owed = async (asOf: string) => {
      const page = await partnerPage(partner, asOf);
      const node = page.customsDebts.edges.find((e: Page) => e.node.id === debt).node;
      return { status: node.status, interest: node.interest, outstanding: node.outstanding, principalPaid: node.principalPaid, payments: node.payments.totalCount, openDebts: page.exposure.openDebts };
    };
    expect(await owed(justBefore(T_OVERDUE))).toEqual({ status: "DUE", interest: "3.40", outstanding: "1003.40", principalPaid: "0.00", payments: 0, openDebts: "1003.40" });
    // 31 days late on 2 April, 63 days on 4 May, at 4 % a year: CHF 1000 × 4 % × 31 / 365 and × 63 / 365.
    expect(await owed(T_OVERDUE)).toEqual({ status: "OVERDUE", interest: "3.40", outstanding: "1003.40", principalPaid: "0.00", payments: 0, openDebts: "1003.40" });
    expect(await owed(justBefore(T_PAID))).toEqual({ status: "OVERDUE", interest: "6.90", outstanding: "1006.90", principalPaid: "0.00", payments: 0, openDebts: "1006.90" });
    expect(await owed(T_PAID)).toEqual({ status: "PAID", interest: "6.90", outstanding: "0.00", principalPaid: "1000.00", payments: 1, openDebts: "0.00" });
    expect(await owed(NOW)).toEqual({ status: "PAID", interest: "6.90", outstanding: "0.00", principalPaid: "1000.00", payments: 1, openDebts: "0.00" });
  });

  it("as of a date (issue 15): a conditional debt counts in the exposure while its procedure runs, secured by the bond then (DEBT-R12, LD art. 49 para. 3, 76 para. 1)", async () => {
    const at = async (asOf: string) => {
      const page = await partnerPage(partner, asOf);
      const node = page.customsDebts.edges.find((e: Page) => e.node.id === conditional)?.node;
      return { conditionalDebts: page.exposure.conditionalDebts, debt: node && [node.status, node.securedAmount, node.unsecuredAmount, node.goodsReleasable] };
    };
    expect(await at(justBefore(T_CONDITIONAL))).toEqual({ conditionalDebts: "0.00", debt: undefined });
    expect(await at(T_CONDITIONAL)).toEqual({ conditionalDebts: "2000.00", debt: ["CONDITIONAL", "2000.00", "0.00", true] });
    expect(await at(justBefore(T_DISCHARGED))).toEqual({ conditionalDebts: "2000.00", debt: ["CONDITIONAL", "2000.00", "0.00", true] });
    expect(await at(T_DISCHARGED)).toEqual({ conditionalDebts: "0.00", debt: ["EXTINGUISHED", "0.00", null, null] });
  });

  it("as of a date (issue 15): the status filter applies to the status then; the list pages in memory with the cursors of the live list", async () => {
    const ids = async (asOf: string | null, statuses: string[]) => (await partnerPage(partner, asOf, { statuses })).customsDebts.edges.map((e: Page) => e.node.id);
    expect(await ids(T_OVERDUE, ["OVERDUE"])).toEqual([debt]);
    expect(await ids(T_OVERDUE, ["PAID"])).toEqual([]);
    expect(await ids(T_PAID, ["PAID"])).toEqual([debt]);
    expect(await ids(T_PAID, ["OVERDUE"])).toEqual([]);
    expect(await ids(null, ["OVERDUE"])).toEqual([]);
    // Two debts then, one a page: the first page's cursor is the live list's, and the next page follows it.
    const first = (await partnerPage(partner, T_DISCHARGED, { first: 1 })).customsDebts;
    expect(first).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true, hasPreviousPage: false }, edges: [{ node: { id: debt } }] });
    expect(first.edges[0].cursor).toBe((await partnerPage(partner, null, { first: 1 })).customsDebts.edges[0].cursor);
    const next = (await partnerPage(partner, T_DISCHARGED, { first: 1, after: first.pageInfo.endCursor })).customsDebts;
    expect(next).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: false, hasPreviousPage: true }, edges: [{ node: { id: conditional, status: "EXTINGUISHED" } }] });
  });

  it("as of a date (issue 15): as of now, the page is the live page", async () => {
    expect(await partnerPage(partner, NOW)).toEqual(await partnerPage(partner, null));
  });

  it("as of a date (issue 15): refuses an instant after now with AS_OF_IN_THE_FUTURE on `asOf`, computing nothing", async () => {
    const before = h.subgraph.runtime.sql.count;
    const res = await h.as(CUSTOMS, PARTNER, { r: [{ __typename: "BusinessPartner", id: partner }], asOf: new Date(Date.parse(NOW) + 1).toISOString() });
    expect(h.subgraph.runtime.sql.count - before).toBe(0);
    expect(res.errors?.map(e => [e.path?.slice(-1)[0], e.extensions?.code, e.extensions?.field])).toEqual([
      ["customsDebts", "AS_OF_IN_THE_FUTURE", "asOf"],
      ["securities", "AS_OF_IN_THE_FUTURE", "asOf"],
      ["exposure", "AS_OF_IN_THE_FUTURE", "asOf"],
    ]);
    expect(res.errors?.[0].extensions).toMatchObject({ asOf: "2026-06-15T08:00:00.001Z", now: "2026-06-15T08:00:00.000Z" });
    expect(res.data?._entities[0]).toEqual({ id: partner, customsDebts: null, securities: null, exposure: null });
  });

  it("as of a date (issue 15): reads as the live fields do: officers and the partner's own users and software, no one else (DEBT-R03)", async () => {
    const asOf = justBefore(T_PAID);
    expect(await partnerPage(partner, asOf, {}, partnerUser(partner))).toEqual(await partnerPage(partner, asOf));
    for (const [principal, code] of [
      [partnerUser(randomUUID()), "FORBIDDEN"],
      [ANONYMOUS, "UNAUTHENTICATED"],
    ] as const) {
      const res = await h.as(principal, PARTNER, { r: [{ __typename: "BusinessPartner", id: partner }], asOf });
      expect(res.errors?.map(e => e.extensions?.code)).toEqual([code, code, code]);
      expect(res.data?._entities[0]).toEqual({ id: partner, customsDebts: null, securities: null, exposure: null });
    }
  });
});

describe("debtors as of a date (issue 15)", () => {
  const ACCEPTED = "2026-07-20T09:00:00+02:00";
  const TAXED = "2026-07-25T09:00:00+02:00";

  it("as of a date (issue 15): the person for whose account the goods move owes the debt from the taxation that names it, not before: in its list, its exposure and the debt's debtors (DEBT-R03, LD art. 70 para. 2 let. c)", async () => {
    const [declarant, principal, declarationId] = [randomUUID(), randomUUID(), randomUUID()];
    h.clock.set(ACCEPTED);
    expect(await h.declarationEvent("DeclarationAccepted", { declarationId, declarationNumber: "26CH1001H1500001", declarantId: declarant, onBehalfOfId: null, acceptedAt: ACCEPTED, isPreDeclaration: false })).toBe("PROCESSED");
    h.clock.set(TAXED);
    const taxation = { taxationDecisionId: randomUUID(), declarationId, declarationNumber: "26CH1001H1500001", declarantId: declarant, onBehalfOfId: principal, kind: "FINAL", totalDuties: "400.00", nonCollected: false, establishedAt: TAXED, supersedesId: null };
    expect(await h.declarationEvent("TaxationDecisionIssued", taxation)).toBe("PROCESSED");
    h.clock.set("2026-07-30T09:00:00+02:00");
    const debtors = (page: Page) => page.customsDebts.edges.map((e: Page) => e.node.debtors.map((d: Page) => [d.partner.id, d.basis]).sort());
    const before = justBefore(TAXED);
    expect((await partnerPage(principal, before)).customsDebts.totalCount).toBe(0);
    expect((await partnerPage(principal, before)).exposure.openDebts).toBe("0.00");
    expect(debtors(await partnerPage(declarant, before))).toEqual([[[declarant, "DECLARANT_OR_AGENT"]]]);
    expect((await partnerPage(declarant, before)).customsDebts.edges[0].node).toMatchObject({ status: "DUE", amount: null, outstanding: "0.00" });
    const taxed = await partnerPage(principal, TAXED);
    expect(taxed.customsDebts.edges[0].node).toMatchObject({ status: "DUE", amount: "400.00", outstanding: "400.00" });
    expect(taxed.exposure.openDebts).toBe("400.00");
    expect(debtors(taxed)).toEqual([[[declarant, "DECLARANT_OR_AGENT"], [principal, "PRINCIPAL"]].sort()]);
  });
});

describe("as of a date, for many partners at once (issue 15)", () => {
  const CREATED = "2026-07-01T09:00:00+02:00";
  const PAID = "2026-07-02T09:00:00+02:00";
  const AS_OF = "2026-07-03T09:00:00+02:00";
  const LATER = "2026-07-10T09:00:00+02:00";

  /** `count` partners, each with a late debt paid in part, a general bond securing it, and a bond it stands surety for. */
  async function partners(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const p = randomUUID();
      h.clock.set(CREATED);
      // Taxed in January: its payment period ended on 4 February, interest runs.
      const debt = await h.taxedDebt({ declarantId: p, totalDuties: "800.00", acceptedAt: "2026-01-05T09:00:00+01:00" });
      const bond = await generalBond(p, randomUUID(), "1000.00");
      await generalBond(randomUUID(), p, "300.00");
      ok(await h.as(CUSTOMS, RESERVE, { input: { securityId: bond, debtId: debt, amount: "800.00" } }));
      h.clock.set(PAID);
      ok(await h.as(CUSTOMS, PAY, { input: { debtId: debt, payerId: p, amount: "100.00", method: "CASHLESS" } }));
      ids.push(p);
    }
    h.clock.set(LATER);
    return ids;
  }

  async function statements(partnerIds: string[]): Promise<{ count: number; data: Page[] }> {
    const variables = { r: partnerIds.map(id => ({ __typename: "BusinessPartner", id })), asOf: AS_OF };
    ok(await h.as(CUSTOMS, PARTNER, variables));
    const before = h.subgraph.runtime.sql.count;
    const data = ok(await h.as(CUSTOMS, PARTNER, variables))._entities;
    return { count: h.subgraph.runtime.sql.count - before, data };
  }

  it("as of a date (issue 15): the pages of 3 and of 12 partners, debts with interest, payments, debtors and secured amounts, securities with reservations, exposure with bonds, cost the same number of statements", async () => {
    const three = await statements(await partners(3));
    const twelve = await statements(await partners(12));
    expect(twelve.data).toHaveLength(12);
    for (const page of twelve.data) {
      expect(page.customsDebts.edges).toHaveLength(1);
      expect(page.customsDebts.edges[0].node).toMatchObject({ status: "DUE", principalPaid: "84.39", securedAmount: "800.00", payments: { totalCount: 1 }, debtors: [{ partner: { id: page.id } }] });
      expect(page.securities.totalCount).toBe(2);
      expect(page.exposure.bonds.edges.map((e: Page) => [e.node.reserved, e.node.headroom])).toEqual([["800.00", "200.00"]]);
    }
    // Every figure is read in batches: a few statements per field, not per partner.
    expect(three.count).toBeGreaterThan(0);
    expect(twelve.count).toBe(three.count);
  });
});
