import { randomUUID } from "node:crypto";
import { Principal } from "../kit";
import { GraphQLResponse } from "../../test/support/graphql";
import { CUSTOMS, DebtHarness, DGD, partnerUser, startDebt } from "../../test/support/debt-harness";
import { SecurityRequisition } from "./entities/security.entity";

/**
 * Warehousing's stored lots and operators, as the debt subgraph consumes them (DOMAIN.md §4, §5,
 * §7): a consumer goods warehouse lot's conditional debt (X14) secured like a procedure case's,
 * moving with the depositor (LD art. 52 para. 2 let. b), extinguished when the lot leaves against
 * a declaration (LD art. 57, 67), due when it leaves without one (X16) or is not placed within 60
 * days of the end of its storage (X17; LD art. 51 para. 3), open to remission once destroyed
 * (X18); the debt of a lot leaving an open customs warehouse undeclared (X16; LD art. 69 let. d);
 * and the operator's security (LD art. 53 para. 6, 66 para. 4). Every event once, however often
 * and however concurrently it comes. Monday 2 March 2026, 09:00 Zurich, unless a test moves the clock.
 */
let h: DebtHarness;
const T0 = "2026-03-02T09:00:00+01:00";

beforeAll(async () => {
  h = await startDebt("customs_test_debt_warehousing", T0);
  await h.subgraph.jobs.stop();
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

const PROVIDE = `mutation ($input: ProvideSecurityInput!) { provideSecurity(input: $input) { security { id } } }`;
const REQUISITIONS = `{ securityRequisitions { edges { node { id legalGround amount depositBody decidedAt securityId } } } }`;
const DEBT = `query ($id: ID!) { customsDebt(id: $id) {
  status conditional amount securedAmount unsecuredAmount goodsReleasable birthTrigger arisenAt establishedAt dueAt paymentDeadline procedureEndedAt
  declarationNumber caseReference declaration { id } principalPaid outstanding debtors { basis jointAndSeveral partner { id } } } }`;
const BONDS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on BusinessPartner { exposure { openDebts conditionalDebts bonds { edges { node { security { id } reserved headroom } } } } } } }`;
const REMISSION = `mutation ($input: RemissionInput!) { requestRemission(input: $input) { remissionRequest { id status deadline } } }`;
const DECIDE_REMISSION = `mutation ($input: DecideRemissionInput!) { decideRemission(input: $input) { remissionRequest { id status remitted } } }`;

const FACILITY = randomUUID();
const OPERATOR = randomUUID();

const bond = async (debtorId: string, maxAmount: string) => ok(await h.as(CUSTOMS, PROVIDE, { input: { debtorId, kind: "GENERAL_BOND", maxAmount, suretyId: randomUUID() } })).provideSecurity.security.id as string;
const deposit = async (debtorId: string, maxAmount: string, requisitionId?: string) => ok(await h.as(CUSTOMS, PROVIDE, { input: { debtorId, kind: "CASH_DEPOSIT", maxAmount, requisitionId } })).provideSecurity.security.id as string;
const debt = async (id: string) => ok(await h.as(CUSTOMS, DEBT, { id })).customsDebt;
const requisitions = async (partnerId: string) => ok(await h.as(partnerUser(partnerId), REQUISITIONS)).securityRequisitions.edges.map((e: any) => e.node);

/** The exposure, its page of bonds as a plain list. */
async function exposure(partnerId: string) {
  const e = ok(await h.as(partnerUser(partnerId), BONDS, { r: [{ __typename: "BusinessPartner", id: partnerId }] }))._entities[0].exposure;
  return { ...e, bonds: e.bonds.edges.map((edge: { node: unknown }) => edge.node) };
}

async function rows(sql: string, params: unknown[]): Promise<Record<string, any>[]> {
  return h.subgraph.runtime.dataSource.query(sql, params);
}

async function outbox(type: string, aggregateId: string): Promise<Record<string, any>[]> {
  return (await rows("SELECT payload FROM outbox_event WHERE type = ? AND aggregate_id = ? ORDER BY seq", [type, aggregateId])).map(r => JSON.parse(r.payload));
}

/** The debts recorded under a key: `lot:<lot id>`. */
async function debtIds(key: string): Promise<string[]> {
  return (await rows("SELECT id FROM customs_debt WHERE declaration_id = ?", [key])).map(r => r.id);
}

/** The business tables only: a retry under a new envelope id may add a processed-event row, nothing else. */
async function businessState(): Promise<string> {
  const checksums = await rows("CHECKSUM TABLE customs_debt, debtor_liability, payment, security, security_requisition, security_reservation, remission_request, outbox_event", []);
  return checksums.map(r => `${r.Table}=${r.Checksum}`).join(";");
}

/** LotStored (X14), as warehousing publishes it for a consumer goods warehouse lot of 24 t of wheat. */
function lotStored(depositorId: string, conditionalDuties: string, extra: Record<string, unknown> = {}) {
  return {
    lotId: randomUUID(),
    facilityId: FACILITY,
    facilityKind: "CONSUMER_GOODS_WAREHOUSE",
    depositorId,
    operatorId: OPERATOR,
    entryDeclarationId: randomUUID(),
    tariffNumber: "1001.9900",
    netMassKg: "24000",
    conditionalDuties,
    storedAt: "2026-03-02T08:15:00+01:00",
    storageEnd: "2028-03-02T23:59:59.999+01:00",
    ...extra,
  };
}

/** Stores a lot and returns its payload and the id of the one debt recorded for it. */
async function storeLot(depositorId: string, conditionalDuties: string, extra: Record<string, unknown> = {}) {
  const stored = lotStored(depositorId, conditionalDuties, extra);
  expect(await h.warehousingEvent("LotStored", stored)).toBe("PROCESSED");
  const [id] = await debtIds(`lot:${stored.lotId}`);
  return { stored, id };
}

const released = (lotId: string, releasedAt = "2026-06-10T10:00:00+02:00") => ({ lotId, facilityId: FACILITY, exitDeclarationId: randomUUID(), procedure: "FREE_CIRCULATION", releasedAt });
const releasedWithoutDeclaration = (lotId: string, depositorId: string, releasedAt: string | null, facilityKind = "CONSUMER_GOODS_WAREHOUSE") => ({
  lotId,
  facilityId: FACILITY,
  facilityKind,
  depositorId,
  operatorId: OPERATOR,
  releasedAt,
  discoveredAt: "2026-07-01T11:30:00+02:00",
  tariffNumber: "1001.9900",
  netMassKg: "24000",
});
const storageExpired = (lotId: string, storageEnd = "2028-03-02T23:59:59.999+01:00") => ({ lotId, storageEnd, placementDeadline: "2028-05-01T23:59:59.999+02:00" });
const dutiesDue = (lotId: string, dueAt = "2028-05-01T23:59:59.999+02:00") => ({ lotId, storageEnd: "2028-03-02T23:59:59.999+01:00", dueAt });
const destroyed = (lotId: string, depositorId: string, destroyedAt = "2026-09-14T16:20:00+02:00") => ({ lotId, depositorId, destroyedAt, cause: "FORCE_MAJEURE" });

describe("X14 LotStored: the lot's conditional debt, secured at once (WH-R03, LD art. 51 para. 2 let. b; DEBT-R12, DEBT-R14, LD art. 76)", () => {
  it("X14 LotStored: a consumer goods warehouse lot's conditional duties become one conditional debt, secured by the depositor's general bond and a requisition for the rest (WH-R03, LD art. 51 para. 2 let. b; DEBT-R12, LD art. 76)", async () => {
    const depositor = randomUUID();
    const b = await bond(depositor, "10000.00");
    // The operator's bond secures the operator's claims, not the depositor's.
    await bond(OPERATOR, "90000.00");
    const { stored, id } = await storeLot(depositor, "12345.60");
    expect(await debt(id)).toEqual({
      status: "CONDITIONAL",
      conditional: true,
      amount: "12345.60",
      securedAmount: "10000.00",
      unsecuredAmount: "2345.60",
      goodsReleasable: false,
      birthTrigger: "WAREHOUSING",
      arisenAt: "2026-03-02T07:15:00.000Z",
      establishedAt: "2026-03-02T07:15:00.000Z",
      dueAt: "2026-03-02T07:15:00.000Z",
      paymentDeadline: null,
      procedureEndedAt: null,
      declarationNumber: null,
      caseReference: `lot:${stored.lotId}`,
      declaration: null,
      principalPaid: "0.00",
      outstanding: "0.00",
      debtors: [{ basis: "DECLARANT_OR_AGENT", jointAndSeveral: true, partner: { id: depositor } }],
    });
    expect(await exposure(depositor)).toEqual({ openDebts: "0.00", conditionalDebts: "12345.60", bonds: [{ security: { id: b }, reserved: "10000.00", headroom: "0.00" }] });
    expect(await outbox("ConditionalDebtSecured", id)).toEqual([]);
    const [requisition] = await requisitions(depositor);
    expect(requisition).toEqual({
      id: expect.any(String),
      legalGround: expect.stringContaining("LD art. 76 para. 2"),
      amount: "2345.60",
      depositBody: "the control office of the consumer goods warehouse",
      decidedAt: "2026-03-02T08:00:00.000Z",
      securityId: null,
    });
    // The rest deposited in cash: the lot's duties are secured, and warehousing learns it.
    h.clock.set("2026-03-02T14:30:00+01:00");
    const cash = await deposit(depositor, "2345.60", requisition.id);
    expect(await debt(id)).toMatchObject({ status: "CONDITIONAL", securedAmount: "12345.60", unsecuredAmount: "0.00", goodsReleasable: true });
    expect(await outbox("ConditionalDebtSecured", id)).toEqual([{ debtId: id, reference: `lot:${stored.lotId}`, securedAt: "2026-03-02T13:30:00.000Z" }]);
    expect(await requisitions(depositor)).toEqual([{ ...requisition, securityId: cash }]);
  });

  it("X14 LotStored: a bond with headroom enough secures it all, and warehousing learns it at once with no requisition (DEBT-R12, DEBT-R14; LD art. 76 para. 1, 77)", async () => {
    const depositor = randomUUID();
    const b = await bond(depositor, "20000.00");
    const { stored, id } = await storeLot(depositor, "8000.00");
    expect(await debt(id)).toMatchObject({ status: "CONDITIONAL", amount: "8000.00", securedAmount: "8000.00", unsecuredAmount: "0.00", goodsReleasable: true });
    expect(await outbox("ConditionalDebtSecured", id)).toEqual([{ debtId: id, reference: `lot:${stored.lotId}`, securedAt: "2026-03-02T08:00:00.000Z" }]);
    expect(await requisitions(depositor)).toEqual([]);
    expect((await exposure(depositor)).bonds).toEqual([{ security: { id: b }, reserved: "8000.00", headroom: "12000.00" }]);
  });

  it("X14 LotStored: duties of CHF 0.00, or a lot of an open customs warehouse or a free deposit, record nothing (WH-R03, LD art. 51 para. 2 let. a; WH-R20, LD art. 62 para. 3)", async () => {
    const depositor = randomUUID();
    await bond(depositor, "1000.00");
    const before = await businessState();
    const free = lotStored(depositor, "0.00");
    const open = lotStored(depositor, "500.00", { facilityKind: "OPEN_CUSTOMS_WAREHOUSE" });
    const deposited = lotStored(depositor, "500.00", { facilityKind: "CUSTOMS_FREE_DEPOSIT" });
    for (const lot of [free, open, deposited]) expect(await h.warehousingEvent("LotStored", lot)).toBe("PROCESSED");
    for (const lot of [free, open, deposited]) expect(await debtIds(`lot:${lot.lotId}`)).toEqual([]);
    expect(await businessState()).toBe(before);
  });

  it("X14 LotStored: the same lot delivered again, or retried under a new envelope id, records one debt, one reservation and one requisition (DEBT-R02, LD art. 69; DOMAIN.md §0.5)", async () => {
    const depositor = randomUUID();
    await bond(depositor, "300.00");
    const stored = lotStored(depositor, "500.00");
    const envelope = randomUUID();
    expect(await h.warehousingEvent("LotStored", stored, envelope)).toBe("PROCESSED");
    const before = await businessState();
    expect(await h.warehousingEvent("LotStored", stored, envelope)).toBe("DUPLICATE");
    expect(await h.warehousingEvent("LotStored", stored)).toBe("PROCESSED");
    expect(await businessState()).toBe(before);
    const [id, ...others] = await debtIds(`lot:${stored.lotId}`);
    expect(others).toEqual([]);
    expect(await debt(id)).toMatchObject({ amount: "500.00", securedAmount: "300.00", unsecuredAmount: "200.00" });
    expect((await requisitions(depositor)).map((r: { amount: string }) => r.amount)).toEqual(["200.00"]);
  });

  it("X14 LotStored: 50 concurrent deliveries (25 envelopes, each twice) are all PROCESSED or DUPLICATE, each envelope processed once, and record one debt (DEBT-R02, LD art. 69; DEBT-R14)", async () => {
    const depositor = randomUUID();
    const b = await bond(depositor, "700.00");
    const stored = lotStored(depositor, "1000.00");
    const envelopes = Array.from({ length: 25 }, () => randomUUID());
    const outcomes = await Promise.allSettled([...envelopes, ...envelopes].map(envelope => h.warehousingEvent("LotStored", stored, envelope)));
    const values = outcomes.map(o => (o.status === "fulfilled" ? o.value : String(o.reason)));
    expect(values.filter(v => v !== "PROCESSED" && v !== "DUPLICATE")).toEqual([]);
    expect(values.filter(v => v === "PROCESSED")).toHaveLength(25);
    const [id, ...others] = await debtIds(`lot:${stored.lotId}`);
    expect(others).toEqual([]);
    expect(Number((await rows("SELECT COUNT(*) AS n FROM debtor_liability WHERE debt_id = ?", [id]))[0].n)).toBe(1);
    expect(await debt(id)).toMatchObject({ amount: "1000.00", securedAmount: "700.00", unsecuredAmount: "300.00" });
    expect((await exposure(depositor)).bonds).toEqual([{ security: { id: b }, reserved: "700.00", headroom: "0.00" }]);
    expect((await requisitions(depositor)).map((r: { amount: string }) => r.amount)).toEqual(["300.00"]);
  });
});

describe("LotDepositorTransferred: the debt binds the new depositor (LD art. 52 para. 2 let. b)", () => {
  it("LotDepositorTransferred: the lot's conditional debt binds the new depositor instead of the old, with the unmet requisition; the old depositor's bond stays attached; once (LD art. 52 para. 2 let. b; DEBT-R03, LD art. 70; DEBT-R18)", async () => {
    const former = randomUUID();
    const taker = randomUUID();
    const b = await bond(former, "1000.00");
    const { stored, id } = await storeLot(former, "1500.00");
    const [requisition] = await requisitions(former);
    expect(requisition).toMatchObject({ amount: "500.00", securityId: null });
    h.clock.set("2026-04-01T10:05:00+02:00");
    const transfer = { lotId: stored.lotId, fromId: former, toId: taker, effectiveAt: "2026-04-01T10:00:00+02:00" };
    expect(await h.warehousingEvent("LotDepositorTransferred", transfer)).toBe("PROCESSED");
    expect(await debt(id)).toMatchObject({ status: "CONDITIONAL", amount: "1500.00", securedAmount: "1000.00", unsecuredAmount: "500.00", debtors: [{ basis: "DECLARANT_OR_AGENT", jointAndSeveral: true, partner: { id: taker } }] });
    // DESIGN CHOICE: the transfer does not release the former depositor's bond.
    expect(await exposure(former)).toEqual({ openDebts: "0.00", conditionalDebts: "0.00", bonds: [{ security: { id: b }, reserved: "1000.00", headroom: "0.00" }] });
    expect(await exposure(taker)).toEqual({ openDebts: "0.00", conditionalDebts: "1500.00", bonds: [] });
    expect(await requisitions(former)).toEqual([]);
    expect(await requisitions(taker)).toEqual([requisition]);
    expect((await h.as(partnerUser(former), DEBT, { id })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const before = await businessState();
    expect(await h.warehousingEvent("LotDepositorTransferred", transfer)).toBe("PROCESSED");
    expect(await businessState()).toBe(before);
    // The new depositor meets the requisition: the lot's duties are secured.
    const cash = await deposit(taker, "500.00", requisition.id);
    expect(await debt(id)).toMatchObject({ securedAmount: "1500.00", unsecuredAmount: "0.00", goodsReleasable: true });
    expect(await requisitions(taker)).toEqual([{ ...requisition, securityId: cash }]);
    expect(await outbox("ConditionalDebtSecured", id)).toEqual([{ debtId: id, reference: `lot:${stored.lotId}`, securedAt: "2026-04-01T08:05:00.000Z" }]);
  });

  it("LotDepositorTransferred: a debt that ended (the lot released) stays with the depositor it had; a lot handed back makes its first depositor the only debtor again (LD art. 52 para. 2 let. b; DEBT-R03)", async () => {
    const former = randomUUID();
    const taker = randomUUID();
    const ended = await storeLot(former, "400.00");
    await h.warehousingEvent("LotReleased", released(ended.stored.lotId));
    const before = await businessState();
    expect(await h.warehousingEvent("LotDepositorTransferred", { lotId: ended.stored.lotId, fromId: former, toId: taker, effectiveAt: "2026-06-11T09:00:00+02:00" })).toBe("PROCESSED");
    expect(await businessState()).toBe(before);
    expect(await debt(ended.id)).toMatchObject({ status: "EXTINGUISHED", debtors: [{ partner: { id: former } }] });

    // Back and forth: B hands the lot back to A, who owes it alone again.
    const open = await storeLot(former, "400.00");
    await h.warehousingEvent("LotDepositorTransferred", { lotId: open.stored.lotId, fromId: former, toId: taker, effectiveAt: "2026-04-01T10:00:00+02:00" });
    await h.warehousingEvent("LotDepositorTransferred", { lotId: open.stored.lotId, fromId: taker, toId: former, effectiveAt: "2026-05-01T10:00:00+02:00" });
    expect((await debt(open.id)).debtors).toEqual([{ basis: "DECLARANT_OR_AGENT", jointAndSeveral: true, partner: { id: former } }]);
  });
});

describe("LotReleased: the lot left against an exit declaration (WH-R12, WH-R17, WH-R25; LD art. 57, 67)", () => {
  it("LotReleased: the conditional debt is extinguished, the bond's headroom restored and the open requisition withdrawn, once; nothing later revives it (LD art. 57 para. 2, 67; DEBT-R14, DEBT-R18)", async () => {
    const depositor = randomUUID();
    const b = await bond(depositor, "1000.00");
    const { stored, id } = await storeLot(depositor, "1600.00");
    const [requisition] = await requisitions(depositor);
    expect((await exposure(depositor)).bonds).toEqual([{ security: { id: b }, reserved: "1000.00", headroom: "0.00" }]);
    h.clock.set("2026-06-10T10:05:00+02:00");
    expect(await h.warehousingEvent("LotReleased", released(stored.lotId))).toBe("PROCESSED");
    expect(await debt(id)).toMatchObject({ status: "EXTINGUISHED", amount: "1600.00", securedAmount: "0.00", procedureEndedAt: "2026-06-10T08:00:00.000Z", outstanding: "0.00" });
    expect(await exposure(depositor)).toEqual({ openDebts: "0.00", conditionalDebts: "0.00", bonds: [{ security: { id: b }, reserved: "0.00", headroom: "1000.00" }] });
    expect(await requisitions(depositor)).toEqual([]);
    expect(await h.subgraph.runtime.dataSource.getRepository(SecurityRequisition).findOneByOrFail({ id: requisition.id })).toMatchObject({ securityId: null, withdrawnAt: new Date("2026-06-10T08:00:00.000Z") });
    const before = await businessState();
    expect(await h.warehousingEvent("LotReleased", released(stored.lotId, "2026-06-11T09:00:00+02:00"))).toBe("PROCESSED");
    expect(await h.warehousingEvent("LotReleasedWithoutDeclaration", releasedWithoutDeclaration(stored.lotId, depositor, "2026-06-12T09:00:00+02:00"))).toBe("PROCESSED");
    expect(await h.warehousingEvent("LotDutiesDue", dutiesDue(stored.lotId))).toBe("PROCESSED");
    expect(await businessState()).toBe(before);
  });
});

describe("X16 LotReleasedWithoutDeclaration (WH-R13; LD art. 69 let. d)", () => {
  it("X16 LotReleasedWithoutDeclaration: a consumer goods lot's conditional debt falls due at the release, payable within the payment period, its bond still attached; once (LD art. 51 para. 3, 69 let. d; DEBT-R09, LD art. 73)", async () => {
    const depositor = randomUUID();
    const b = await bond(depositor, "5000.00");
    const { stored, id } = await storeLot(depositor, "2000.00");
    h.clock.set("2026-07-01T11:35:00+02:00");
    expect(await h.warehousingEvent("LotReleasedWithoutDeclaration", releasedWithoutDeclaration(stored.lotId, depositor, "2026-06-28T22:10:00+02:00"))).toBe("PROCESSED");
    // 28 June + 30 days: 28 July, the end of the day in summer time.
    expect(await debt(id)).toMatchObject({
      status: "DUE",
      conditional: false,
      birthTrigger: "WAREHOUSING",
      amount: "2000.00",
      arisenAt: "2026-03-02T07:15:00.000Z",
      dueAt: "2026-06-28T20:10:00.000Z",
      paymentDeadline: "2026-07-28T21:59:59.999Z",
      procedureEndedAt: "2026-06-28T20:10:00.000Z",
      securedAmount: "2000.00",
      unsecuredAmount: null,
      outstanding: "2000.00",
    });
    expect((await exposure(depositor)).bonds).toEqual([{ security: { id: b }, reserved: "2000.00", headroom: "3000.00" }]);
    const before = await businessState();
    expect(await h.warehousingEvent("LotReleasedWithoutDeclaration", releasedWithoutDeclaration(stored.lotId, depositor, "2026-06-28T22:10:00+02:00"))).toBe("PROCESSED");
    expect(await businessState()).toBe(before);
  });

  it("X16 LotReleasedWithoutDeclaration: when the release cannot be dated, a consumer goods lot's conditional debt falls due at the discovery (LD art. 69 let. d; WH-R13)", async () => {
    const depositor = randomUUID();
    const { stored, id } = await storeLot(depositor, "750.00");
    await h.warehousingEvent("LotReleasedWithoutDeclaration", releasedWithoutDeclaration(stored.lotId, depositor, null));
    expect(await debt(id)).toMatchObject({ status: "DUE", dueAt: "2026-07-01T09:30:00.000Z", paymentDeadline: "2026-07-31T21:59:59.999Z", procedureEndedAt: "2026-07-01T09:30:00.000Z" });
  });

  it("X16 LotReleasedWithoutDeclaration: a lot that left an open customs warehouse undeclared gives one debt that arises at the release, owed by the depositor, its amount for the office to establish, however often and concurrently it comes (WH-R03, WH-R13; DEBT-R02 let. d, LD art. 69 let. d)", async () => {
    const depositor = randomUUID();
    const lotId = randomUUID();
    const event = releasedWithoutDeclaration(lotId, depositor, "2026-06-28T22:10:00+02:00", "OPEN_CUSTOMS_WAREHOUSE");
    h.clock.set("2026-07-01T11:35:00+02:00");
    const concurrent = await Promise.allSettled(Array.from({ length: 20 }, () => h.warehousingEvent("LotReleasedWithoutDeclaration", event)));
    expect(concurrent.map(o => (o.status === "fulfilled" ? o.value : String(o.reason)))).toEqual(Array(20).fill("PROCESSED"));
    const [id, ...others] = await debtIds(`lot:${lotId}`);
    expect(others).toEqual([]);
    expect(await debt(id)).toEqual({
      status: "DUE",
      conditional: false,
      amount: null,
      securedAmount: "0.00",
      unsecuredAmount: null,
      goodsReleasable: null,
      birthTrigger: "WAREHOUSE_RELEASE_WITHOUT_DECLARATION",
      arisenAt: "2026-06-28T20:10:00.000Z",
      establishedAt: null,
      dueAt: "2026-06-28T20:10:00.000Z",
      paymentDeadline: null,
      procedureEndedAt: null,
      declarationNumber: null,
      caseReference: `lot:${lotId}`,
      declaration: null,
      principalPaid: "0.00",
      outstanding: "0.00",
      debtors: [{ basis: "DECLARANT_OR_AGENT", jointAndSeveral: true, partner: { id: depositor } }],
    });
    const before = await businessState();
    expect(await h.warehousingEvent("LotReleasedWithoutDeclaration", event)).toBe("PROCESSED");
    expect(await businessState()).toBe(before);
  });

  it("X16 LotReleasedWithoutDeclaration: when the release from an open customs warehouse cannot be dated, the debt arises when the omission is discovered (DEBT-R02 let. d, LD art. 69 let. d)", async () => {
    const depositor = randomUUID();
    const lotId = randomUUID();
    await h.warehousingEvent("LotReleasedWithoutDeclaration", releasedWithoutDeclaration(lotId, depositor, null, "OPEN_CUSTOMS_WAREHOUSE"));
    expect(await debt((await debtIds(`lot:${lotId}`))[0])).toMatchObject({ status: "DUE", birthTrigger: "OMITTED_DECLARATION_DISCOVERY", arisenAt: "2026-07-01T09:30:00.000Z", dueAt: "2026-07-01T09:30:00.000Z", amount: null, debtors: [{ partner: { id: depositor } }] });
  });
});

describe("X17 StoragePeriodExpired and LotDutiesDue (WH-R04, LD art. 51 para. 3)", () => {
  it("X17 StoragePeriodExpired records the end of the storage and keeps the debt conditional; LotDutiesDue 60 days later makes it due at dueAt, payable within the payment period; each once (WH-R04, LD art. 51 para. 3, 55 para. 2; DEBT-R09, LD art. 73)", async () => {
    const depositor = randomUUID();
    const b = await bond(depositor, "5000.00");
    const { stored, id } = await storeLot(depositor, "3200.00");
    h.clock.set("2028-03-03T00:00:10+01:00");
    expect(await h.warehousingEvent("StoragePeriodExpired", storageExpired(stored.lotId))).toBe("PROCESSED");
    expect(await debt(id)).toMatchObject({ status: "CONDITIONAL", conditional: true, dueAt: "2026-03-02T07:15:00.000Z", paymentDeadline: null, procedureEndedAt: "2028-03-02T22:59:59.999Z", securedAmount: "3200.00", goodsReleasable: true });
    let before = await businessState();
    expect(await h.warehousingEvent("StoragePeriodExpired", storageExpired(stored.lotId))).toBe("PROCESSED");
    expect(await h.warehousingEvent("StoragePeriodExpired", storageExpired(stored.lotId, "2028-03-05T23:59:59.999+01:00"))).toBe("PROCESSED");
    expect(await businessState()).toBe(before);

    // 2 March 2028 + 60 days: 1 May; + 30 days: 31 May, the end of the day in summer time.
    h.clock.set("2028-05-02T00:00:10+02:00");
    expect(await h.warehousingEvent("LotDutiesDue", dutiesDue(stored.lotId))).toBe("PROCESSED");
    expect(await debt(id)).toMatchObject({
      status: "DUE",
      conditional: false,
      amount: "3200.00",
      dueAt: "2028-05-01T21:59:59.999Z",
      paymentDeadline: "2028-05-31T21:59:59.999Z",
      procedureEndedAt: "2028-03-02T22:59:59.999Z",
      securedAmount: "3200.00",
      outstanding: "3200.00",
    });
    expect(await exposure(depositor)).toEqual({ openDebts: "3200.00", conditionalDebts: "0.00", bonds: [{ security: { id: b }, reserved: "3200.00", headroom: "1800.00" }] });
    before = await businessState();
    expect(await h.warehousingEvent("LotDutiesDue", dutiesDue(stored.lotId))).toBe("PROCESSED");
    expect(await h.warehousingEvent("LotReleased", released(stored.lotId, "2028-05-03T10:00:00+02:00"))).toBe("PROCESSED");
    expect(await businessState()).toBe(before);
  });

  it("LotPlacedInTime: the lot's duties made due by LotDutiesDue are conditional again when warehousing learns the goods were placed within the 60 days, and its release extinguishes them; a debt already paid in part is left to the office (WH-R04, LD art. 51 para. 3; X15, X17)", async () => {
    const depositor = randomUUID();
    const b = await bond(depositor, "5000.00");
    const { stored, id } = await storeLot(depositor, "3200.00");
    h.clock.set("2028-03-03T00:00:10+01:00");
    await h.warehousingEvent("StoragePeriodExpired", storageExpired(stored.lotId));
    h.clock.set("2028-05-02T00:00:10+02:00");
    await h.warehousingEvent("LotDutiesDue", dutiesDue(stored.lotId));
    expect(await debt(id)).toMatchObject({ status: "DUE", conditional: false, paymentDeadline: "2028-05-31T21:59:59.999Z" });
    const placed = { lotId: stored.lotId, depositorId: depositor, exitDeclarationId: randomUUID(), acceptedAt: "2028-05-01T20:00:00.000Z", placementDeadline: "2028-05-01T21:59:59.999Z" };
    expect(await h.warehousingEvent("LotPlacedInTime", placed)).toBe("PROCESSED");
    expect(await debt(id)).toMatchObject({ status: "CONDITIONAL", conditional: true, dueAt: "2026-03-02T07:15:00.000Z", paymentDeadline: null, procedureEndedAt: "2028-03-02T22:59:59.999Z", securedAmount: "3200.00" });
    expect(await exposure(depositor)).toEqual({ openDebts: "0.00", conditionalDebts: "3200.00", bonds: [{ security: { id: b }, reserved: "3200.00", headroom: "1800.00" }] });
    const before = await businessState();
    expect(await h.warehousingEvent("LotPlacedInTime", placed)).toBe("PROCESSED");
    expect(await businessState()).toBe(before);
    await h.warehousingEvent("LotReleased", released(stored.lotId, "2028-05-03T10:00:00+02:00"));
    expect(await debt(id)).toMatchObject({ status: "EXTINGUISHED", securedAmount: "0.00" });
    expect(await exposure(depositor)).toEqual({ openDebts: "0.00", conditionalDebts: "0.00", bonds: [{ security: { id: b }, reserved: "0.00", headroom: "5000.00" }] });

    // Paid in part before warehousing learnt of the placement: the debt stays as it is, for the office.
    const other = await storeLot(depositor, "1000.00");
    h.clock.set("2028-03-03T00:00:10+01:00");
    await h.warehousingEvent("StoragePeriodExpired", storageExpired(other.stored.lotId));
    h.clock.set("2028-05-02T00:00:10+02:00");
    await h.warehousingEvent("LotDutiesDue", dutiesDue(other.stored.lotId));
    const payment = await h.as(CUSTOMS, `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { payment { amount } } }`, { input: { debtId: other.id, payerId: depositor, amount: "100.00", method: "CASHLESS" } });
    expect(payment.errors).toBeUndefined();
    const paidBefore = await businessState();
    expect(await h.warehousingEvent("LotPlacedInTime", { ...placed, lotId: other.stored.lotId })).toBe("PROCESSED");
    expect(await businessState()).toBe(paidBefore);
  });

  it("X17 StoragePeriodExpired: a storage end given as a day ends with that day in Zurich; placed under another procedure within the 60 days, the lot's debt is extinguished (LD art. 51 para. 3; DOMAIN.md §0.4 T8)", async () => {
    const depositor = randomUUID();
    const { stored, id } = await storeLot(depositor, "900.00");
    await h.warehousingEvent("StoragePeriodExpired", storageExpired(stored.lotId, "2028-03-02"));
    expect(await debt(id)).toMatchObject({ status: "CONDITIONAL", procedureEndedAt: "2028-03-02T22:59:59.999Z" });
    await h.warehousingEvent("LotReleased", released(stored.lotId, "2028-04-20T09:00:00+02:00"));
    expect(await debt(id)).toMatchObject({ status: "EXTINGUISHED", procedureEndedAt: "2028-04-20T07:00:00.000Z", securedAmount: "0.00" });
    const before = await businessState();
    await h.warehousingEvent("LotDutiesDue", dutiesDue(stored.lotId));
    expect(await businessState()).toBe(before);
  });
});

describe("X18 LotDestroyed: remission of the destroyed lot's duties (WH-R28; LD art. 86 para. 1 let. a; OD-AFD art. 60)", () => {
  it("X18 LotDestroyed: the procedure ends with the destruction; the depositor's remission request is accepted until the end of the same date a year later, refused after, and its grant ends the debt and frees the bond (DEBT-R23, LD art. 86; OD-AFD art. 59; DEBT-R16, LD art. 79 para. 1)", async () => {
    const depositor = randomUUID();
    const b = await bond(depositor, "4000.00");
    const { stored, id } = await storeLot(depositor, "4600.00");
    const [requisition] = await requisitions(depositor);
    h.clock.set("2026-09-14T17:00:00+02:00");
    expect(await h.warehousingEvent("LotDestroyed", destroyed(stored.lotId, depositor))).toBe("PROCESSED");
    expect(await debt(id)).toMatchObject({ status: "CONDITIONAL", conditional: true, amount: "4600.00", procedureEndedAt: "2026-09-14T14:20:00.000Z", securedAmount: "4000.00" });
    const before = await businessState();
    expect(await h.warehousingEvent("LotDestroyed", destroyed(stored.lotId, depositor))).toBe("PROCESSED");
    expect(await businessState()).toBe(before);

    const ask = { debtId: id, ground: "DESTROYED_IN_CUSTODY_OR_PROCEDURE", justification: "The silo burned down on 14 September (fire brigade report 2026-4471)" };
    h.clock.set("2027-09-15T00:00:00.000+02:00");
    const late = await expectRefused(partnerUser(depositor), REMISSION, { input: ask }, "REMISSION_TOO_LATE");
    expect(late.extensions).toMatchObject({ rule: "DEBT-R23", article: "LD art. 86 para. 2", deadline: "2027-09-14T21:59:59.999Z" });
    h.clock.set("2027-09-14T23:59:59.999+02:00");
    const request = ok(await h.as(partnerUser(depositor), REMISSION, { input: ask })).requestRemission.remissionRequest;
    expect(request).toEqual({ id: expect.any(String), status: "PENDING", deadline: "2027-09-14T21:59:59.999Z" });
    expect(ok(await h.as(DGD, DECIDE_REMISSION, { input: { requestId: request.id, grant: true } })).decideRemission.remissionRequest).toEqual({ id: request.id, status: "GRANTED", remitted: "4600.00" });
    expect(await debt(id)).toMatchObject({ status: "REMITTED", amount: "0.00", securedAmount: "0.00", outstanding: "0.00" });
    expect(await exposure(depositor)).toEqual({ openDebts: "0.00", conditionalDebts: "0.00", bonds: [{ security: { id: b }, reserved: "0.00", headroom: "4000.00" }] });
    expect(await requisitions(depositor)).toEqual([]);
    expect(await h.subgraph.runtime.dataSource.getRepository(SecurityRequisition).findOneByOrFail({ id: requisition.id })).toMatchObject({ securityId: null, withdrawnAt: new Date("2027-09-14T21:59:59.999Z") });
  });

  it("X18 LotDestroyed: a lot with no debt (an open warehouse's, no duties fixed) or one already released changes nothing (WH-R03; LD art. 86 para. 1 let. a)", async () => {
    const depositor = randomUUID();
    const gone = await storeLot(depositor, "100.00");
    await h.warehousingEvent("LotReleased", released(gone.stored.lotId));
    const before = await businessState();
    expect(await h.warehousingEvent("LotDestroyed", destroyed(randomUUID(), depositor))).toBe("PROCESSED");
    expect(await h.warehousingEvent("LotDestroyed", destroyed(gone.stored.lotId, depositor))).toBe("PROCESSED");
    expect(await businessState()).toBe(before);
  });
});

describe("OperatorSecurityRequired: the operator's security (WH-R09, WH-R23; LD art. 53 para. 6, 66 para. 4; DEBT-R18, DEBT-R28)", () => {
  const required = (facilityId: string, operatorId: string) => ({ facilityId, operatorId, amount: "50000.00", controlOfficeId: "2201", requiredAt: "2026-03-02T08:40:00+01:00" });

  it("OperatorSecurityRequired: one requisition, listed to the operator, with the legal ground, amount and deposit body; met by a deposit with nothing further; once, however often and concurrently it comes (WH-R09, LD art. 53 para. 6, 66 para. 4; DEBT-R18, LD art. 81)", async () => {
    const operator = randomUUID();
    const facility = randomUUID();
    const event = required(facility, operator);
    const envelope = randomUUID();
    expect(await h.warehousingEvent("OperatorSecurityRequired", event, envelope)).toBe("PROCESSED");
    const listed = await requisitions(operator);
    expect(listed).toEqual([
      {
        id: expect.any(String),
        legalGround: expect.stringContaining("LD art. 53 para. 6, 66 para. 4"),
        amount: "50000.00",
        depositBody: "the control office 2201",
        decidedAt: "2026-03-02T07:40:00.000Z",
        securityId: null,
      },
    ]);
    expect((await rows("SELECT origin_key FROM security_requisition WHERE id = ?", [listed[0].id]))[0].origin_key).toBe(`facility:${facility}`);
    expect(await requisitions(randomUUID())).toEqual([]);
    const before = await businessState();
    expect(await h.warehousingEvent("OperatorSecurityRequired", event, envelope)).toBe("DUPLICATE");
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => h.warehousingEvent("OperatorSecurityRequired", event)));
    expect(outcomes).toEqual(Array(10).fill("PROCESSED"));
    expect(await businessState()).toBe(before);

    const cash = await deposit(operator, "50000.00", listed[0].id);
    expect(await requisitions(operator)).toEqual([{ ...listed[0], securityId: cash }]);
    expect(Number((await rows("SELECT COUNT(*) AS n FROM outbox_event WHERE type IN ('ConditionalDebtSecured', 'ProvisionalTaxationSecured') AND aggregate_id = ?", [facility]))[0].n)).toBe(0);
    expect(await outbox("SecurityProvided", operator)).toEqual([{ partnerId: operator, securityId: cash, kind: "CASH_DEPOSIT", reference: `CASH_DEPOSIT-${cash.slice(0, 8)}`, maxAmount: "50000.00" }]);
  });

  it("OperatorSecurityRequired: a deposit below the amount required does not meet it (DEBT-R18, LD art. 81 para. 1)", async () => {
    const operator = randomUUID();
    await h.warehousingEvent("OperatorSecurityRequired", required(randomUUID(), operator));
    const [requisition] = await requisitions(operator);
    await expectRefused(CUSTOMS, PROVIDE, { input: { debtorId: operator, kind: "CASH_DEPOSIT", maxAmount: "49999.99", requisitionId: requisition.id } }, "SECURITY_TOO_LOW");
  });
});
