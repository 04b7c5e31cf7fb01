import { randomUUID } from "node:crypto";
import { Principal } from "../kit";
import { GraphQLResponse } from "../../test/support/graphql";
import { CUSTOMS, DebtHarness, DeliveryOutcome, partnerUser, startDebt } from "../../test/support/debt-harness";

/**
 * The debt subgraph's customs pledge, debt enforcement, fees and PCD accounts on MariaDB
 * (DOMAIN.md §5, DEBT-R04, DEBT-R09, DEBT-R19 to DEBT-R21, DEBT-R24 to DEBT-R26; §7 X02, X22).
 * Debts are born from declarations' events and PCD accounts from identity's role events, both
 * delivered through the subgraph's real handlers. The clock stands at Monday 2 March 2026, 09:00
 * Zurich time (CET), unless a test moves it; every test makes its own partners, debts and pledges.
 */
let h: DebtHarness;

const T0 = "2026-03-02T09:00:00+01:00";
/** A debt taxed on 2 March 2026 must be paid by Wednesday 1 April 2026, 23:59:59.999 (CEST); this is the next morning. */
const AFTER_DEADLINE = "2026-04-02T10:00:00+02:00";

beforeAll(async () => {
  h = await startDebt("customs_test_debt_pledge", T0);
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

const PLEDGE_FIELDS = `id objectKind description owner { id } securedDebts { id } arisenAt perishable isSecurities status sequestrationMode sequesteredAt
  releasedAt releaseReason realisationMode proceeds allocation { debtId amount } surplus realisedAt`;
const RECORD = `mutation ($input: RecordPledgeInput!) { recordCustomsPledge(input: $input) { customsPledge { ${PLEDGE_FIELDS} } } }`;
const SEQUESTER = `mutation ($input: SequesterInput!) { sequesterPledge(input: $input) { customsPledge { ${PLEDGE_FIELDS} } } }`;
const RELEASE = `mutation ($input: ReleasePledgeInput!) { releasePledge(input: $input) { customsPledge { ${PLEDGE_FIELDS} } } }`;
const REALISE = `mutation ($input: RealiseInput!) { realisePledge(input: $input) { customsPledge { ${PLEDGE_FIELDS} } } }`;
const MISAPPROPRIATION = `mutation ($input: MisappropriationInput!) { reportPledgeMisappropriation(input: $input) { customsPledge { id status } } }`;
const ENFORCE = `mutation ($input: EnforcementInput!) { openDebtEnforcement(input: $input) { enforcementCase { id kind openedAt } } }`;
const FEE = `mutation ($input: FeeInput!) { chargeFee(input: $input) { fee { id basis amount chargedAt paidAt } } }`;
const PAY = `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { payment { id amount interestPart method paidAt bySurety } } }`;
const PROVIDE = `mutation ($input: ProvideSecurityInput!) { provideSecurity(input: $input) { security { id status } } }`;
const RESERVE = `mutation ($input: ReserveInput!) { reserveSecurity(input: $input) { reservation { id amount } } }`;
const CANCEL = `mutation ($input: SecurityIdInput!) { cancelSecurity(input: $input) { security { id status } } }`;
const PLEDGES = `{ customsPledges(first: 100) { edges { node { id } } } }`;
const DEBT = `query ($id: ID!) { customsDebt(id: $id) {
  id status amount principalPaid interestPaid interest outstanding limitationDate
  debtors { basis jointAndSeveral partner { id } }
  payments { edges { node { amount interestPart method paidAt bySurety } } } } }`;
const EXPOSURE = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on BusinessPartner { exposure { openDebts conditionalDebts bonds { edges { node { maxAmount reserved headroom } } } } } } }`;
const PCD = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on BusinessPartner { id pcdAccount { active roles openedAt } } } }`;

/** The debt, its page of payments as a plain list. */
async function debt(id: string, principal: Principal = CUSTOMS): Promise<Record<string, any>> {
  const d = ok(await h.as(principal, DEBT, { id })).customsDebt;
  return { ...d, payments: d.payments.edges.map((e: { node: unknown }) => e.node) };
}

/** The exposure, its page of bonds as a plain list. */
async function exposure(partnerId: string): Promise<Record<string, any>> {
  const e = ok(await h.as(CUSTOMS, EXPOSURE, { r: [{ __typename: "BusinessPartner", id: partnerId }] }))._entities[0].exposure;
  return { ...e, bonds: e.bonds.edges.map((edge: { node: unknown }) => edge.node) };
}

async function pcdAccount(partnerId: string, principal: Principal = CUSTOMS): Promise<Record<string, any> | null> {
  return ok(await h.as(principal, PCD, { r: [{ __typename: "BusinessPartner", id: partnerId }] }))._entities[0].pcdAccount;
}

interface PledgeOptions {
  ownerId?: string | null;
  perishable?: boolean;
  isSecurities?: boolean;
  objectKind?: "DUTIABLE_GOODS" | "OFFENCE_INSTRUMENT";
}

function pledgeInput(debtIds: string[], o: PledgeOptions = {}) {
  return { objectKind: o.objectKind ?? "DUTIABLE_GOODS", description: "12 pallets of Emmental, lot 4711", ownerId: o.ownerId ?? null, debtIds, perishable: o.perishable ?? false, isSecurities: o.isSecurities ?? false };
}

/** DEBT-R19: a pledge recorded by the office on the goods securing these debts; its id. */
async function pledge(debtIds: string[], o: PledgeOptions = {}): Promise<string> {
  return ok(await h.as(CUSTOMS, RECORD, { input: pledgeInput(debtIds, o) })).recordCustomsPledge.customsPledge.id;
}

/** DEBT-R19 and DEBT-R20: recorded, then taken into control; its id. */
async function sequesteredPledge(debtIds: string[], o: PledgeOptions = {}): Promise<string> {
  const id = await pledge(debtIds, o);
  ok(await h.as(CUSTOMS, SEQUESTER, { input: { pledgeId: id, mode: "TAKEN_INTO_CONTROL" } }));
  return id;
}

const realise = (pledgeId: string, mode: string, proceeds: string, extra: Record<string, unknown> = {}) => ({ input: { pledgeId, mode, proceeds, ...extra } });

/** Moves the clock past the payment deadline and runs the overdue job (X20, LD art. 74). */
async function overdueAt(at: string = AFTER_DEADLINE): Promise<void> {
  h.clock.set(at);
  await h.subgraph.jobs.runOnce();
}

/** PartnerRoleActivated / PartnerRoleEnded, with the payload identity publishes. */
function roleEvent(type: "PartnerRoleActivated" | "PartnerRoleEnded", partnerId: string, roleType: string, envelopeId?: string): Promise<DeliveryOutcome> {
  const payload: Record<string, unknown> = { partnerId, roleId: randomUUID(), roleType };
  if (type === "PartnerRoleActivated") payload.releasedAt = h.clock.now().toISOString();
  return h.declarationEvent(type, payload, envelopeId);
}

async function outboxEvents(type: string, aggregateId: string): Promise<Record<string, any>[]> {
  const rows = (await h.subgraph.runtime.dataSource.query("SELECT payload FROM outbox_event WHERE type = ? AND aggregate_id = ?", [type, aggregateId])) as { payload: string }[];
  return rows.map(r => JSON.parse(r.payload));
}

describe("the customs pledge arises with the debts it secures (DEBT-R19, LD art. 82)", () => {
  it("is recorded by a customs office on dutiable goods securing two debts, arising with the earliest of them (DEBT-R19, LD art. 82)", async () => {
    const d = randomUUID();
    const owner = randomUUID();
    const older = await h.taxedDebt({ declarantId: d, totalDuties: "1000.00", acceptedAt: "2026-02-20T10:00:00+01:00" });
    const newer = await h.taxedDebt({ declarantId: d, totalDuties: "500.00" });
    const recorded = ok(await h.as(CUSTOMS, RECORD, { input: pledgeInput([newer, older], { ownerId: owner }) })).recordCustomsPledge.customsPledge;
    expect(recorded).toMatchObject({
      objectKind: "DUTIABLE_GOODS",
      description: "12 pallets of Emmental, lot 4711",
      owner: { id: owner },
      arisenAt: "2026-02-20T09:00:00.000Z",
      perishable: false,
      isSecurities: false,
      status: "ARISEN",
      sequestrationMode: null,
      sequesteredAt: null,
      releasedAt: null,
      realisationMode: null,
      proceeds: null,
      allocation: null,
      surplus: null,
      realisedAt: null,
    });
    expect(recorded.securedDebts.map((x: any) => x.id).sort()).toEqual([newer, older].sort());
    expect(ok(await h.as(CUSTOMS, PLEDGES)).customsPledges.edges.map((e: any) => e.node).map((p: any) => p.id)).toContain(recorded.id);
    expect(ok(await h.as(partnerUser(d), PLEDGES)).customsPledges.edges.map((e: any) => e.node)).toEqual([]);
  });

  it("is refused without a debt to secure, to a partner, and for an unknown debt (DEBT-R19, LD art. 82)", async () => {
    const d = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "300.00" });
    await expectRefused(CUSTOMS, RECORD, { input: pledgeInput([]) }, "BAD_USER_INPUT");
    await expectRefused(partnerUser(d), RECORD, { input: pledgeInput([id]) }, "OFFICER_ROLE_REQUIRED");
    await expectRefused(CUSTOMS, RECORD, { input: pledgeInput([id, randomUUID()]) }, "NOT_FOUND");
  });
});

describe("sequestration (DEBT-R20, LD art. 83)", () => {
  it("takes control of the goods or forbids disposal, once; only a customs office sequesters (DEBT-R20, LD art. 83)", async () => {
    const d = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "800.00" });
    const controlled = await pledge([id]);
    const banned = await pledge([id]);
    await expectRefused(partnerUser(d), SEQUESTER, { input: { pledgeId: controlled, mode: "TAKEN_INTO_CONTROL" } }, "OFFICER_ROLE_REQUIRED");
    h.clock.set("2026-03-03T14:30:00+01:00");
    expect(ok(await h.as(CUSTOMS, SEQUESTER, { input: { pledgeId: controlled, mode: "TAKEN_INTO_CONTROL" } })).sequesterPledge.customsPledge).toMatchObject({
      id: controlled,
      status: "SEQUESTERED",
      sequestrationMode: "TAKEN_INTO_CONTROL",
      sequesteredAt: "2026-03-03T13:30:00.000Z",
    });
    expect(ok(await h.as(CUSTOMS, SEQUESTER, { input: { pledgeId: banned, mode: "DISPOSAL_BAN" } })).sequesterPledge.customsPledge).toMatchObject({ id: banned, status: "SEQUESTERED", sequestrationMode: "DISPOSAL_BAN" });
    await expectRefused(CUSTOMS, SEQUESTER, { input: { pledgeId: controlled, mode: "TAKEN_INTO_CONTROL" } }, "PLEDGE_NOT_SEQUESTRABLE");
    await expectRefused(CUSTOMS, SEQUESTER, { input: { pledgeId: banned, mode: "TAKEN_INTO_CONTROL" } }, "PLEDGE_NOT_SEQUESTRABLE");
  });
});

describe("release of sequestered goods (DEBT-R21, LD art. 84)", () => {
  it("returns the goods against an active security (DEBT-R21, LD art. 84 para. 1)", async () => {
    const d = randomUUID();
    const owner = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "800.00" });
    const notYet = await pledge([id], { ownerId: owner });
    const security = ok(await h.as(CUSTOMS, PROVIDE, { input: { debtorId: d, kind: "CASH_DEPOSIT", maxAmount: "800.00" } })).provideSecurity.security;
    await expectRefused(CUSTOMS, RELEASE, { input: { pledgeId: notYet, securityId: security.id, reason: "Duties deposited in cash" } }, "PLEDGE_NOT_SEQUESTERED");
    const p = await sequesteredPledge([id], { ownerId: owner });
    await expectRefused(partnerUser(d), RELEASE, { input: { pledgeId: p, securityId: security.id, reason: "Duties deposited in cash" } }, "OFFICER_ROLE_REQUIRED");
    h.clock.set("2026-03-04T11:00:00+01:00");
    expect(ok(await h.as(CUSTOMS, RELEASE, { input: { pledgeId: p, securityId: security.id, reason: "Duties deposited in cash" } })).releasePledge.customsPledge).toMatchObject({
      id: p,
      status: "RELEASED_AGAINST_SECURITY",
      releasedAt: "2026-03-04T10:00:00.000Z",
      releaseReason: "Duties deposited in cash",
    });
    await expectRefused(CUSTOMS, RELEASE, { input: { pledgeId: p, securityId: security.id, reason: "Duties deposited in cash" } }, "PLEDGE_NOT_SEQUESTERED");
    // A cancelled security releases nothing.
    const other = await sequesteredPledge([id], { ownerId: owner });
    ok(await h.as(CUSTOMS, CANCEL, { input: { securityId: security.id } }));
    await expectRefused(CUSTOMS, RELEASE, { input: { pledgeId: other, securityId: security.id, reason: "Duties deposited in cash" } }, "SECURITY_NOT_ACTIVE");
  });

  it("returns them without security to an owner who is not a debtor and proves innocence, never to a debtor (DEBT-R21, LD art. 84 para. 2 let. a-b)", async () => {
    const d = randomUUID();
    const principal = randomUUID();
    const owner = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, onBehalfOfId: principal, totalDuties: "800.00" });
    const innocent = await sequesteredPledge([id], { ownerId: owner });
    expect(ok(await h.as(CUSTOMS, RELEASE, { input: { pledgeId: innocent, innocence: "ACQUIRED_IN_GOOD_FAITH", reason: "Bought at a fair before sequestration, invoice shown" } })).releasePledge.customsPledge).toMatchObject({
      id: innocent,
      status: "RELEASED_WITHOUT_SECURITY",
      releasedAt: "2026-03-02T08:00:00.000Z",
      releaseReason: "ACQUIRED_IN_GOOD_FAITH: Bought at a fair before sequestration, invoice shown",
    });
    for (const debtor of [d, principal]) {
      const p = await sequesteredPledge([id], { ownerId: debtor });
      await expectRefused(CUSTOMS, RELEASE, { input: { pledgeId: p, innocence: "USED_WITHOUT_FAULT", reason: "The lorry was used without the owner's knowledge" } }, "OWNER_PERSONALLY_LIABLE");
    }
  });

  it("needs exactly one of a security and a ground of innocence (DEBT-R21, LD art. 84)", async () => {
    const d = randomUUID();
    const owner = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "800.00" });
    const security = ok(await h.as(CUSTOMS, PROVIDE, { input: { debtorId: d, kind: "CASH_DEPOSIT", maxAmount: "800.00" } })).provideSecurity.security;
    const p = await sequesteredPledge([id], { ownerId: owner });
    await expectRefused(CUSTOMS, RELEASE, { input: { pledgeId: p, securityId: security.id, innocence: "ACQUIRED_IN_GOOD_FAITH", reason: "Both grounds at once" } }, "BAD_USER_INPUT");
    await expectRefused(CUSTOMS, RELEASE, { input: { pledgeId: p, reason: "Neither ground given" } }, "BAD_USER_INPUT");
  });
});

describe("realisation of the pledge (DEBT-R24, LD art. 87; DEBT-R19, LD art. 82 para. 2)", () => {
  it("waits until every secured debt is enforceable and its payment deadline expired, then auctions; the oldest debt is paid first (DEBT-R24, LD art. 87 para. 1)", async () => {
    const d = randomUUID();
    const owner = randomUUID();
    const older = await h.taxedDebt({ declarantId: d, totalDuties: "1000.00", acceptedAt: "2026-02-20T10:00:00+01:00" });
    const newer = await h.taxedDebt({ declarantId: d, totalDuties: "500.00" });
    const arisen = await pledge([newer, older], { ownerId: owner });
    const p = await sequesteredPledge([newer, older], { ownerId: owner });
    await expectRefused(CUSTOMS, REALISE, realise(arisen, "PUBLIC_AUCTION", "600.00"), "PLEDGE_NOT_SEQUESTERED");
    await expectRefused(partnerUser(d), REALISE, realise(p, "PUBLIC_AUCTION", "600.00"), "OFFICER_ROLE_REQUIRED");
    await expectRefused(CUSTOMS, REALISE, realise(p, "PUBLIC_AUCTION", "600.00"), "CLAIM_NOT_ENFORCEABLE");
    // The older debt's period ended on 22 March: it is OVERDUE, the newer one still only DUE.
    await overdueAt("2026-03-25T10:00:00+01:00");
    expect((await debt(older)).status).toBe("OVERDUE");
    expect((await debt(newer)).status).toBe("DUE");
    const refused = await expectRefused(CUSTOMS, REALISE, realise(p, "PUBLIC_AUCTION", "600.00"), "CLAIM_NOT_ENFORCEABLE");
    expect(refused.extensions).toMatchObject({ rule: "DEBT-R24", debts: [newer] });
    await overdueAt();
    expect((await debt(newer)).status).toBe("OVERDUE");
    expect(ok(await h.as(CUSTOMS, REALISE, realise(p, "PUBLIC_AUCTION", "600.00"))).realisePledge.customsPledge).toMatchObject({
      id: p,
      status: "REALISED",
      realisationMode: "PUBLIC_AUCTION",
      proceeds: "600.00",
      allocation: [{ debtId: older, amount: "600.00" }],
      surplus: "0.00",
      realisedAt: "2026-04-02T08:00:00.000Z",
    });
    const paidOlder = await debt(older);
    expect(paidOlder.status).toBe("OVERDUE");
    expect(paidOlder.payments).toEqual([expect.objectContaining({ amount: "600.00", method: "PLEDGE_PROCEEDS", paidAt: "2026-04-02T08:00:00.000Z", bySurety: false })]);
    expect(await debt(newer)).toMatchObject({ status: "OVERDUE", principalPaid: "0.00", payments: [] });
    await expectRefused(CUSTOMS, REALISE, realise(p, "PUBLIC_AUCTION", "600.00"), "PLEDGE_NOT_SEQUESTERED");
  });

  it("sells voluntarily only with the owner's agreement, on the stock exchange only securities, at once only perishables (DEBT-R24, LD art. 87 para. 2-4)", async () => {
    const d = randomUUID();
    const owner = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "1000.00" });
    const goods = await sequesteredPledge([id], { ownerId: owner });
    const shares = await sequesteredPledge([id], { ownerId: owner, isSecurities: true });
    await expectRefused(CUSTOMS, REALISE, realise(goods, "VOLUNTARY_SALE", "100.00"), "OWNER_AGREEMENT_REQUIRED");
    await expectRefused(CUSTOMS, REALISE, realise(goods, "VOLUNTARY_SALE", "100.00", { ownerAgreed: false }), "OWNER_AGREEMENT_REQUIRED");
    await expectRefused(CUSTOMS, REALISE, realise(goods, "STOCK_EXCHANGE", "100.00"), "NOT_SECURITIES");
    await expectRefused(CUSTOMS, REALISE, realise(goods, "IMMEDIATE_SALE", "100.00"), "NOT_PERISHABLE");
    await overdueAt();
    await expectRefused(CUSTOMS, REALISE, realise(goods, "STOCK_EXCHANGE", "100.00"), "NOT_SECURITIES");
    await expectRefused(CUSTOMS, REALISE, realise(goods, "IMMEDIATE_SALE", "100.00"), "NOT_PERISHABLE");
    expect(ok(await h.as(CUSTOMS, REALISE, realise(goods, "VOLUNTARY_SALE", "100.00", { ownerAgreed: true }))).realisePledge.customsPledge).toMatchObject({ status: "REALISED", realisationMode: "VOLUNTARY_SALE", allocation: [{ debtId: id, amount: "100.00" }] });
    h.clock.set("2026-04-02T11:00:00+02:00");
    expect(ok(await h.as(CUSTOMS, REALISE, realise(shares, "STOCK_EXCHANGE", "250.00"))).realisePledge.customsPledge).toMatchObject({ status: "REALISED", realisationMode: "STOCK_EXCHANGE", allocation: [{ debtId: id, amount: "250.00" }] });
    expect((await debt(id)).payments.map((x: any) => [x.amount, x.method])).toEqual([
      ["100.00", "PLEDGE_PROCEEDS"],
      ["250.00", "PLEDGE_PROCEEDS"],
    ]);
  });

  it("sells perishables at once while the debts are only DUE, paying the oldest debt first; a covered debt is PAID (DEBT-R24, LD art. 87 para. 2; DEBT-R19, LD art. 82 para. 2)", async () => {
    const d = randomUUID();
    const oldest = await h.taxedDebt({ declarantId: d, totalDuties: "300.00", acceptedAt: "2026-02-26T10:00:00+01:00" });
    const middle = await h.taxedDebt({ declarantId: d, totalDuties: "400.00", acceptedAt: "2026-02-28T10:00:00+01:00" });
    const newest = await h.taxedDebt({ declarantId: d, totalDuties: "200.00" });
    const p = await sequesteredPledge([newest, middle, oldest], { perishable: true });
    h.clock.set("2026-03-03T16:00:00+01:00");
    expect(ok(await h.as(CUSTOMS, REALISE, realise(p, "IMMEDIATE_SALE", "650.00"))).realisePledge.customsPledge).toMatchObject({
      status: "REALISED",
      realisationMode: "IMMEDIATE_SALE",
      proceeds: "650.00",
      allocation: [
        { debtId: oldest, amount: "300.00" },
        { debtId: middle, amount: "350.00" },
      ],
      surplus: "0.00",
    });
    expect(await debt(oldest)).toMatchObject({ status: "PAID", principalPaid: "300.00", outstanding: "0.00", payments: [{ amount: "300.00", interestPart: "0.00", method: "PLEDGE_PROCEEDS", paidAt: "2026-03-03T15:00:00.000Z", bySurety: false }] });
    expect(await debt(middle)).toMatchObject({ status: "DUE", principalPaid: "350.00", outstanding: "50.00", payments: [{ amount: "350.00", method: "PLEDGE_PROCEEDS" }] });
    expect(await debt(newest)).toMatchObject({ status: "DUE", principalPaid: "0.00", outstanding: "200.00", payments: [] });
  });

  it("pays the debts in the order the debtor chose, names only secured debts there, and leaves the surplus to the owner (DEBT-R19, LD art. 82 para. 2; DEBT-R24, LD art. 87)", async () => {
    const d = randomUUID();
    const owner = randomUUID();
    const older = await h.taxedDebt({ declarantId: d, totalDuties: "300.00", acceptedAt: "2026-02-26T10:00:00+01:00" });
    const newer = await h.taxedDebt({ declarantId: d, totalDuties: "200.00" });
    const unsecured = await h.taxedDebt({ declarantId: d, totalDuties: "100.00" });
    const p = await sequesteredPledge([older, newer], { ownerId: owner, perishable: true });
    await expectRefused(CUSTOMS, REALISE, realise(p, "IMMEDIATE_SALE", "600.00", { allocationOrder: [unsecured, newer, older] }), "BAD_USER_INPUT");
    expect(ok(await h.as(CUSTOMS, REALISE, realise(p, "IMMEDIATE_SALE", "600.00", { allocationOrder: [newer, older] }))).realisePledge.customsPledge).toMatchObject({
      status: "REALISED",
      proceeds: "600.00",
      allocation: [
        { debtId: newer, amount: "200.00" },
        { debtId: older, amount: "300.00" },
      ],
      surplus: "100.00",
    });
    for (const [id, amount] of [[newer, "200.00"], [older, "300.00"]]) {
      expect(await debt(id)).toMatchObject({ status: "PAID", outstanding: "0.00", payments: [{ amount, interestPart: "0.00", method: "PLEDGE_PROCEEDS" }] });
    }
    expect(await debt(unsecured)).toMatchObject({ status: "DUE", payments: [] });
  });

  it("pays every secured debt before the owner gets a surplus, also when the debtor's order names only some of them (DEBT-R19, LD art. 82 para. 2)", async () => {
    const d = randomUUID();
    const owner = randomUUID();
    const older = await h.taxedDebt({ declarantId: d, totalDuties: "300.00", acceptedAt: "2026-02-26T10:00:00+01:00" });
    const newer = await h.taxedDebt({ declarantId: d, totalDuties: "200.00" });
    const p = await sequesteredPledge([older, newer], { ownerId: owner, perishable: true });
    // The debtor says which debt the proceeds extinguish first; the pledge still secures the other.
    const realised = ok(await h.as(CUSTOMS, REALISE, realise(p, "IMMEDIATE_SALE", "600.00", { allocationOrder: [newer] }))).realisePledge.customsPledge;
    expect(realised.allocation).toEqual([
      { debtId: newer, amount: "200.00" },
      { debtId: older, amount: "300.00" },
    ]);
    expect(realised.surplus).toBe("100.00");
    expect((await debt(older)).status).toBe("PAID");
  });

  it("realises for the debts still open once they are overdue, when another secured debt was paid meanwhile (DEBT-R24, LD art. 87 para. 1)", async () => {
    const d = randomUUID();
    const paid = await h.taxedDebt({ declarantId: d, totalDuties: "300.00", acceptedAt: "2026-03-02T08:00:00+01:00" });
    const open = await h.taxedDebt({ declarantId: d, totalDuties: "500.00" });
    const p = await sequesteredPledge([paid, open]);
    ok(await h.as(CUSTOMS, PAY, { input: { debtId: paid, payerId: d, amount: "300.00", method: "CASH" } }));
    await overdueAt();
    expect(await debt(paid)).toMatchObject({ status: "PAID" });
    expect(await debt(open)).toMatchObject({ status: "OVERDUE" });
    expect(ok(await h.as(CUSTOMS, REALISE, realise(p, "PUBLIC_AUCTION", "200.00"))).realisePledge.customsPledge).toMatchObject({ status: "REALISED", allocation: [{ debtId: open, amount: "200.00" }], surplus: "0.00" });
  });

  it("pays the default interest of an overdue secured debt from the proceeds, interest first, before any surplus goes to the owner (DEBT-R24, LD art. 87; DEBT-R10, LD art. 74)", async () => {
    const d = randomUUID();
    const owner = randomUUID();
    const first = await h.taxedDebt({ declarantId: d, totalDuties: "1000.00", acceptedAt: "2026-03-02T08:00:00+01:00" });
    const second = await h.taxedDebt({ declarantId: d, totalDuties: "500.00" });
    const p = await sequesteredPledge([first, second], { ownerId: owner });
    await overdueAt();
    // One day late: 31 days of interest at 4 %: CHF 3.40 on 1000.00, CHF 1.70 on 500.00.
    expect(await debt(first)).toMatchObject({ status: "OVERDUE", interest: "3.40", outstanding: "1003.40" });
    expect(await debt(second)).toMatchObject({ status: "OVERDUE", interest: "1.70", outstanding: "501.70" });
    const realised = ok(await h.as(CUSTOMS, REALISE, realise(p, "PUBLIC_AUCTION", "2000.00"))).realisePledge.customsPledge;
    expect(realised.allocation).toEqual([
      { debtId: first, amount: "1003.40" },
      { debtId: second, amount: "501.70" },
    ]);
    expect(realised.surplus).toBe("494.90");
    expect(await debt(first)).toMatchObject({ status: "PAID", interest: "3.40", interestPaid: "3.40", outstanding: "0.00", payments: [{ amount: "1003.40", interestPart: "3.40", method: "PLEDGE_PROCEEDS" }] });
  });

  it("frees the bond's headroom held for a debt the proceeds settle, as a payment does (DEBT-R24, LD art. 87; DEBT-R14, LD art. 77)", async () => {
    const d = randomUUID();
    const surety = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "800.00" });
    const bond = ok(await h.as(CUSTOMS, PROVIDE, { input: { debtorId: d, kind: "GENERAL_BOND", maxAmount: "5000.00", suretyId: surety } })).provideSecurity.security.id;
    ok(await h.as(CUSTOMS, RESERVE, { input: { securityId: bond, debtId: id, amount: "800.00" } }));
    const p = await sequesteredPledge([id], { perishable: true });
    ok(await h.as(CUSTOMS, REALISE, realise(p, "IMMEDIATE_SALE", "800.00")));
    expect((await debt(id)).status).toBe("PAID");
    expect(await exposure(d)).toEqual({ openDebts: "0.00", conditionalDebts: "0.00", bonds: [{ maxAmount: "5000.00", reserved: "0.00", headroom: "5000.00" }] });
  });
});

describe("misappropriation of pledged goods (X22, LD art. 122)", () => {
  it("tells enforcement when sequestered goods were misappropriated, and not for goods never sequestered (X22, LD art. 122; DEBT-R20, LD art. 83)", async () => {
    const d = randomUUID();
    const owner = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "800.00" });
    const arisen = await pledge([id], { ownerId: owner });
    const facts = "The pallets left the bonded yard overnight despite the disposal ban";
    await expectRefused(CUSTOMS, MISAPPROPRIATION, { input: { pledgeId: arisen, facts } }, "PLEDGE_NOT_SEQUESTERED");
    expect(await outboxEvents("PledgeMisappropriated", arisen)).toEqual([]);
    const p = await pledge([id], { ownerId: owner });
    ok(await h.as(CUSTOMS, SEQUESTER, { input: { pledgeId: p, mode: "DISPOSAL_BAN" } }));
    await expectRefused(partnerUser(d), MISAPPROPRIATION, { input: { pledgeId: p, facts } }, "OFFICER_ROLE_REQUIRED");
    expect(ok(await h.as(CUSTOMS, MISAPPROPRIATION, { input: { pledgeId: p, facts } })).reportPledgeMisappropriation.customsPledge).toEqual({ id: p, status: "SEQUESTERED" });
    expect(await outboxEvents("PledgeMisappropriated", p)).toEqual([
      { pledgeId: p, ownerId: owner, description: "12 pallets of Emmental, lot 4711", facts, reportedAt: "2026-03-02T08:00:00.000Z" },
    ]);
  });
});

describe("debt enforcement (DEBT-R25, LD art. 88)", () => {
  it("starts only once the payment deadline expired, not while a realisable pledge secures the debt, except a claim in bankruptcy (DEBT-R25, LD art. 88 para. 1-2)", async () => {
    const d = randomUUID();
    const seized = await h.taxedDebt({ declarantId: d, totalDuties: "1000.00", acceptedAt: "2026-03-02T08:00:00+01:00" });
    const bankrupt = await h.taxedDebt({ declarantId: d, totalDuties: "700.00" });
    await expectRefused(CUSTOMS, ENFORCE, { input: { debtId: seized, kind: "SEIZURE" } }, "DEBT_NOT_ENFORCEABLE");
    await expectRefused(CUSTOMS, ENFORCE, { input: { debtId: bankrupt, kind: "BANKRUPTCY_CLAIM" } }, "DEBT_NOT_ENFORCEABLE");
    const p = await pledge([seized, bankrupt]);
    await overdueAt();
    await expectRefused(partnerUser(d), ENFORCE, { input: { debtId: seized, kind: "SEIZURE" } }, "OFFICER_ROLE_REQUIRED");
    await expectRefused(CUSTOMS, ENFORCE, { input: { debtId: seized, kind: "SEIZURE" } }, "PLEDGE_FIRST");
    ok(await h.as(CUSTOMS, SEQUESTER, { input: { pledgeId: p, mode: "TAKEN_INTO_CONTROL" } }));
    await expectRefused(CUSTOMS, ENFORCE, { input: { debtId: seized, kind: "SEIZURE" } }, "PLEDGE_FIRST");
    // In the debtor's bankruptcy the administration claims without prejudice to its pledge (para. 2).
    expect(ok(await h.as(CUSTOMS, ENFORCE, { input: { debtId: bankrupt, kind: "BANKRUPTCY_CLAIM" } })).openDebtEnforcement.enforcementCase).toEqual({ id: expect.any(String), kind: "BANKRUPTCY_CLAIM", openedAt: "2026-04-02T08:00:00.000Z" });
    expect((await debt(bankrupt)).status).toBe("IN_ENFORCEMENT");
    // The realisation does not cover the debt: seizure for the rest (para. 1 let. a).
    ok(await h.as(CUSTOMS, REALISE, realise(p, "PUBLIC_AUCTION", "400.00")));
    expect(ok(await h.as(CUSTOMS, ENFORCE, { input: { debtId: seized, kind: "SEIZURE" } })).openDebtEnforcement.enforcementCase).toMatchObject({ kind: "SEIZURE" });
    expect((await debt(seized)).status).toBe("IN_ENFORCEMENT");
  });

  it("puts an overdue debt without pledge IN_ENFORCEMENT, interrupts limitation, and still takes payments (DEBT-R25, LD art. 88; DEBT-R11, LD art. 75 para. 3)", async () => {
    const d = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "1000.00" });
    expect((await debt(id)).limitationDate).toBe("2031-12-31T22:59:59.999Z");
    await overdueAt("2027-02-01T10:00:00+01:00");
    expect((await debt(id)).status).toBe("OVERDUE");
    expect(ok(await h.as(CUSTOMS, ENFORCE, { input: { debtId: id, kind: "SEIZURE" } })).openDebtEnforcement.enforcementCase).toEqual({ id: expect.any(String), kind: "SEIZURE", openedAt: "2027-02-01T09:00:00.000Z" });
    // Five years from the end of 2027, the year of the recovery action.
    expect(await debt(id)).toMatchObject({ status: "IN_ENFORCEMENT", limitationDate: "2032-12-31T22:59:59.999Z", interest: "36.82" });
    // 336 days at 4 %: CHF 36.82 interest, paid first.
    expect(ok(await h.as(CUSTOMS, PAY, { input: { debtId: id, payerId: d, amount: "100.00", method: "CASH" } })).recordPayment.payment).toMatchObject({ amount: "100.00", interestPart: "36.82", method: "CASH" });
    expect(await debt(id)).toMatchObject({ status: "IN_ENFORCEMENT", principalPaid: "63.18", interestPaid: "36.82" });
    ok(await h.as(CUSTOMS, PAY, { input: { debtId: id, payerId: d, amount: "936.82", method: "CASHLESS" } }));
    expect(await debt(id)).toMatchObject({ status: "PAID", principalPaid: "1000.00", interestPaid: "36.82", outstanding: "0.00" });
  });

  it("shows what a debt IN_ENFORCEMENT still owes, principal and interest (DEBT-R25, LD art. 88; DEBT-R10, LD art. 74)", async () => {
    const d = randomUUID();
    const id = await h.taxedDebt({ declarantId: d, totalDuties: "1000.00" });
    await overdueAt("2027-02-01T10:00:00+01:00");
    expect((await debt(id)).outstanding).toBe("1036.82");
    ok(await h.as(CUSTOMS, ENFORCE, { input: { debtId: id, kind: "SEIZURE" } }));
    expect(await debt(id)).toMatchObject({ status: "IN_ENFORCEMENT", interest: "36.82", outstanding: "1036.82" });
  });
});

describe("fees (DEBT-R26, LD art. 89)", () => {
  it("are charged by a customs office for a decision or service, in a positive amount (DEBT-R26, LD art. 89)", async () => {
    const payer = randomUUID();
    const input = { payerId: payer, basis: "Inspection outside opening hours", amount: "85.00" };
    expect(ok(await h.as(CUSTOMS, FEE, { input })).chargeFee.fee).toEqual({ id: expect.any(String), basis: "Inspection outside opening hours", amount: "85.00", chargedAt: "2026-03-02T08:00:00.000Z", paidAt: null });
    await expectRefused(CUSTOMS, FEE, { input: { ...input, amount: "0.00" } }, "BAD_USER_INPUT");
    await expectRefused(CUSTOMS, FEE, { input: { ...input, amount: "-10.00" } }, "BAD_USER_INPUT");
    await expectRefused(partnerUser(payer), FEE, { input }, "OFFICER_ROLE_REQUIRED");
  });
});

describe("PCD accounts (X02; OD-AFD art. 39; DEBT-R09, LD art. 73)", () => {
  it("opens an active PCD account when an authorised consignee role is activated, visible to the partner and officers only; a freight role opens none (X02; OD-AFD art. 39)", async () => {
    const consignee = randomUUID();
    const forwarder = randomUUID();
    const other = randomUUID();
    expect(await pcdAccount(consignee)).toBeNull();
    expect(await roleEvent("PartnerRoleActivated", consignee, "AUTHORISED_CONSIGNEE")).toBe("PROCESSED");
    const account = { active: true, roles: ["AUTHORISED_CONSIGNEE"], openedAt: "2026-03-02T08:00:00.000Z" };
    expect(await pcdAccount(consignee, partnerUser(consignee))).toEqual(account);
    expect(await pcdAccount(consignee, CUSTOMS)).toEqual(account);
    const refused = await h.as(partnerUser(other), PCD, { r: [{ __typename: "BusinessPartner", id: consignee }] });
    expect(refused.data?._entities).toEqual([{ id: consignee, pcdAccount: null }]);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await roleEvent("PartnerRoleActivated", forwarder, "FREIGHT")).toBe("PROCESSED");
    expect(await pcdAccount(forwarder)).toBeNull();
    expect(await pcdAccount(forwarder, partnerUser(forwarder))).toBeNull();
  });

  it("ignores a redelivered role activation: DUPLICATE, nothing changes (X02; DOMAIN.md §0.5)", async () => {
    const consignee = randomUUID();
    const envelope = randomUUID();
    const payload = { partnerId: consignee, roleId: randomUUID(), roleType: "AUTHORISED_CONSIGNEE", releasedAt: h.clock.now().toISOString() };
    expect(await h.declarationEvent("PartnerRoleActivated", payload, envelope)).toBe("PROCESSED");
    const before = await h.fingerprint();
    h.clock.set("2026-03-05T09:00:00+01:00");
    expect(await h.declarationEvent("PartnerRoleActivated", payload, envelope)).toBe("DUPLICATE");
    expect(await h.fingerprint()).toBe(before);
    expect(await pcdAccount(consignee)).toEqual({ active: true, roles: ["AUTHORISED_CONSIGNEE"], openedAt: "2026-03-02T08:00:00.000Z" });
  });

  it("stays open while an ACee or ACor role is left, and closes when the last one ends (X02; OD-AFD art. 39)", async () => {
    const p = randomUUID();
    await roleEvent("PartnerRoleActivated", p, "AUTHORISED_CONSIGNEE");
    await roleEvent("PartnerRoleActivated", p, "AUTHORISED_CONSIGNOR");
    await roleEvent("PartnerRoleActivated", p, "FREIGHT");
    expect(await pcdAccount(p)).toMatchObject({ active: true, roles: ["AUTHORISED_CONSIGNEE", "AUTHORISED_CONSIGNOR"] });
    await roleEvent("PartnerRoleEnded", p, "FREIGHT");
    await roleEvent("PartnerRoleEnded", p, "AUTHORISED_CONSIGNEE");
    expect(await pcdAccount(p)).toMatchObject({ active: true, roles: ["AUTHORISED_CONSIGNOR"] });
    await roleEvent("PartnerRoleEnded", p, "AUTHORISED_CONSIGNOR");
    expect(await pcdAccount(p)).toMatchObject({ active: false, roles: [] });
  });

  it("takes payment against invoice in the PCD only from a payer with an active PCD account (DEBT-R09, LD art. 73; OD-AFD art. 39)", async () => {
    const d = randomUUID();
    const first = await h.taxedDebt({ declarantId: d, totalDuties: "400.00" });
    const second = await h.taxedDebt({ declarantId: d, totalDuties: "300.00" });
    const byInvoice = (debtId: string, amount: string) => ({ input: { debtId, payerId: d, amount, method: "PCD_INVOICE" } });
    await expectRefused(CUSTOMS, PAY, byInvoice(first, "400.00"), "NO_PCD_ACCOUNT");
    await roleEvent("PartnerRoleActivated", d, "AUTHORISED_CONSIGNEE");
    expect(ok(await h.as(CUSTOMS, PAY, byInvoice(first, "400.00"))).recordPayment.payment).toMatchObject({ amount: "400.00", method: "PCD_INVOICE", bySurety: false });
    expect((await debt(first)).status).toBe("PAID");
    await roleEvent("PartnerRoleEnded", d, "AUTHORISED_CONSIGNEE");
    await expectRefused(CUSTOMS, PAY, byInvoice(second, "300.00"), "NO_PCD_ACCOUNT");
  });
});

describe("the professional declarant's liability (DEBT-R04, LD art. 70 para. 4 let. a)", () => {
  it("is not joint and several when the importer holds an active PCD account at the debt's birth; only the importer's exposure counts the debt (DEBT-R04, LD art. 70 para. 4 let. a; OD-AFD art. 39)", async () => {
    const declarant = randomUUID();
    const importer = randomUUID();
    await roleEvent("PartnerRoleActivated", importer, "AUTHORISED_CONSIGNEE");
    const id = await h.taxedDebt({ declarantId: declarant, onBehalfOfId: importer, totalDuties: "1000.00" });
    const debtors = (await debt(id)).debtors.map((l: any) => [l.basis, l.partner.id, l.jointAndSeveral]);
    expect(debtors).toEqual(
      expect.arrayContaining([
        ["DECLARANT_OR_AGENT", declarant, false],
        ["PRINCIPAL", importer, true],
      ]),
    );
    expect(debtors).toHaveLength(2);
    expect((await exposure(declarant)).openDebts).toBe("0.00");
    expect((await exposure(importer)).openDebts).toBe("1000.00");
  });

  it("is joint and several when the importer has no PCD account, or only a closed one (DEBT-R03, DEBT-R04, LD art. 70 para. 3-4)", async () => {
    const declarant = randomUUID();
    const importer = randomUUID();
    const formerConsignee = randomUUID();
    await roleEvent("PartnerRoleActivated", formerConsignee, "AUTHORISED_CONSIGNEE");
    await roleEvent("PartnerRoleEnded", formerConsignee, "AUTHORISED_CONSIGNEE");
    const plain = await h.taxedDebt({ declarantId: declarant, onBehalfOfId: importer, totalDuties: "1000.00" });
    const closed = await h.taxedDebt({ declarantId: declarant, onBehalfOfId: formerConsignee, totalDuties: "500.00" });
    expect((await debt(plain)).debtors.map((l: any) => [l.basis, l.partner.id, l.jointAndSeveral])).toEqual(
      expect.arrayContaining([
        ["DECLARANT_OR_AGENT", declarant, true],
        ["PRINCIPAL", importer, true],
      ]),
    );
    expect((await debt(closed)).debtors.map((l: any) => [l.basis, l.jointAndSeveral])).toEqual(
      expect.arrayContaining([
        ["DECLARANT_OR_AGENT", true],
        ["PRINCIPAL", true],
      ]),
    );
    expect((await exposure(declarant)).openDebts).toBe("1500.00");
    expect((await exposure(importer)).openDebts).toBe("1000.00");
    expect((await exposure(formerConsignee)).openDebts).toBe("500.00");
  });
});
