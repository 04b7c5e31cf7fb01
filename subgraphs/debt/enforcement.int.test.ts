import { randomUUID } from "node:crypto";
import { Principal } from "../kit";
import { GraphQLResponse } from "../../test/support/graphql";
import { CUSTOMS, DebtHarness, partnerUser, startDebt } from "../../test/support/debt-harness";

/**
 * Enforcement's events, as the debt subgraph consumes them (DOMAIN.md §5, §6, §7), on MariaDB:
 * goods presumed smuggled sequestered as customs pledge (X21; ENF-R20, DEBT-R19, DEBT-R20; LD
 * art. 82 para. 1, 83 para. 3), the duties payable after prohibited traffic (X23; DEBT-R29, ENF-R10;
 * LD art. 120 para. 5), and a final fine collected like a customs debt (FineImposed; LD art.
 * 118-127, DESIGN CHOICE). Every event once, however often and however concurrently it comes.
 * Monday 2 March 2026, 09:00 Zurich (CET), unless a test moves the clock.
 */
let h: DebtHarness;
const T0 = "2026-03-02T09:00:00+01:00";

beforeAll(async () => {
  h = await startDebt("customs_test_debt_enforcement", T0);
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
}

const DEBT = `query ($id: ID!) { customsDebt(id: $id) {
  id status conditional amount principalPaid outstanding birthTrigger arisenAt establishedAt dueAt paymentDeadline declarationNumber caseReference
  declaration { id } offenceCase { id } debtors { basis jointAndSeveral partner { id } } } }`;
const PLEDGES = `{ customsPledges(first: 100) { edges { node { id objectKind description owner { id } securedDebts { id } arisenAt perishable isSecurities status sequestrationMode sequesteredAt
  releasedAt releaseReason realisationMode proceeds allocation { debtId amount } surplus seizure { id } } } } }`;
const RELEASE = `mutation ($input: ReleasePledgeInput!) { releasePledge(input: $input) { customsPledge { id status releasedAt releaseReason seizure { id } } } }`;
const REALISE = `mutation ($input: RealiseInput!) { realisePledge(input: $input) { customsPledge { id status realisationMode proceeds allocation { debtId amount } surplus } } }`;
const PROVIDE = `mutation ($input: ProvideSecurityInput!) { provideSecurity(input: $input) { security { id } } }`;
const PARTNER = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on BusinessPartner {
  customsDebts(first: 100) { edges { node { id status amount birthTrigger caseReference offenceCase { id } } } } exposure { openDebts conditionalDebts } } } }`;

const SMUGGLED_AT = "2026-02-27T07:15:00+01:00";
const SEIZED_AT = "2026-03-02T08:40:00+01:00";

async function rows(sql: string, params: unknown[]): Promise<Record<string, any>[]> {
  return h.subgraph.runtime.dataSource.query(sql, params);
}

/** The debts recorded under a key: a declaration's id, `seizure:`, `prohibited-traffic:` or `fine:`. */
async function debtIds(key: string): Promise<string[]> {
  return (await rows("SELECT id FROM customs_debt WHERE declaration_id = ?", [key])).map(r => r.id);
}

async function pledgeIds(seizureId: string): Promise<string[]> {
  return (await rows("SELECT id FROM customs_pledge WHERE seizure_id = ?", [seizureId])).map(r => r.id);
}

async function liabilities(debtId: string): Promise<number> {
  return Number((await rows("SELECT COUNT(*) AS n FROM debtor_liability WHERE debt_id = ?", [debtId]))[0].n);
}

async function outbox(type: string, aggregateId: string): Promise<Record<string, any>[]> {
  return (await rows("SELECT payload FROM outbox_event WHERE type = ? AND aggregate_id = ? ORDER BY seq", [type, aggregateId])).map(r => JSON.parse(r.payload));
}

/** The business tables only: a retry under a new envelope id may add a processed-event row, nothing else. */
async function businessState(): Promise<string> {
  const checksums = await rows("CHECKSUM TABLE customs_debt, debtor_liability, customs_pledge, payment, security, outbox_event", []);
  return checksums.map(r => `${r.Table}=${r.Checksum}`).join(";");
}

const byPartner = (a: { partner: { id: string | null } }, b: { partner: { id: string | null } }) => String(a.partner.id).localeCompare(String(b.partner.id));

async function debt(id: string, principal: Principal = CUSTOMS): Promise<Record<string, any>> {
  const found = ok(await h.as(principal, DEBT, { id })).customsDebt;
  return { ...found, debtors: [...found.debtors].sort(byPartner) };
}

async function pledge(id: string): Promise<Record<string, any>> {
  const found = ok(await h.as(CUSTOMS, PLEDGES)).customsPledges.edges.map((e: any) => e.node).find((p: { id: string }) => p.id === id);
  if (!found) throw new Error(`no pledge ${id}`);
  return found;
}

async function partnerView(partnerId: string): Promise<{ customsDebts: { edges: { node: Record<string, any> }[] }; exposure: Record<string, string> }> {
  return ok(await h.as(partnerUser(partnerId), PARTNER, { r: [{ __typename: "BusinessPartner", id: partnerId }] }))._entities[0];
}

/** X07 UndeclaredGoodsDetected, as declarations publishes it: the undeclared-goods declaration's debt. */
function detected(declarationId: string, declarantId: string, crossedAt: string | null = SMUGGLED_AT) {
  return { declarationId, declarationNumber: "26CH100100000777", declarantId, onBehalfOfId: null, officeId: "1001", channel: "GREEN_LANE", crossedAt, detectedAt: SEIZED_AT };
}

/** X09 ExOfficioTaxation for that declaration: its amount. */
function exOfficio(declarationId: string, declarantId: string, totalDuties: string) {
  return { taxationDecisionId: randomUUID(), declarationId, declarationNumber: "26CH100100000777", declarantId, onBehalfOfId: null, kind: "EX_OFFICIO", totalDuties, nonCollected: false, establishedAt: T0, supersedesId: null };
}

/** X21 GoodsSequesteredAsSmuggled, as enforcement publishes it: 38 watches in a spare tyre. */
function seized(extra: Record<string, unknown> = {}) {
  return {
    seizureId: randomUUID(),
    caseId: randomUUID(),
    declarationId: null as string | null,
    ownerId: randomUUID() as string | null,
    holderId: randomUUID() as string | null,
    description: "38 Swiss-made wristwatches hidden in a spare tyre",
    objectKind: "DUTIABLE_GOODS",
    perishable: false,
    crossedAt: SMUGGLED_AT as string | null,
    seizedAt: SEIZED_AT,
    ...extra,
  };
}

/** X23 ProhibitedTrafficEstablished, as enforcement publishes it. */
function prohibitedTraffic(suspectIds: string[], extra: Record<string, unknown> = {}) {
  return {
    caseId: randomUUID(),
    caseNumber: "ENF-2026-0042",
    suspectIds,
    declarationIds: [randomUUID()],
    authorisedImportOrExport: true,
    goodsTurnedBackOrDestroyed: false,
    duties: "4120.35",
    establishedAt: "2026-03-02T10:00:00+01:00",
    ...extra,
  };
}

/** FineImposed, as enforcement publishes it: a final penalty decision. */
function fine(payerId: string, extra: Record<string, unknown> = {}) {
  return {
    caseId: randomUUID(),
    caseNumber: "ENF-2026-0007",
    offenceType: "CUSTOMS_EVASION",
    payerId,
    payerKind: "PERSON",
    amount: "2500.00",
    decidedAt: "2026-01-26T14:00:00+01:00",
    finalAt: "2026-02-25T11:30:00+01:00",
    ...extra,
  };
}

describe("X21 GoodsSequesteredAsSmuggled: goods presumed smuggled are sequestered as customs pledge (ENF-R20; DEBT-R19, DEBT-R20; LD art. 82 para. 1, 83 para. 3)", () => {
  it("X21 GoodsSequesteredAsSmuggled: goods presumed smuggled are sequestered as customs pledge securing the debt of their undeclared-goods declaration, once however often the event comes (ENF-R20, DEBT-R20; LD art. 83 para. 3)", async () => {
    const declarationId = randomUUID();
    const traveller = randomUUID();
    const owner = randomUUID();
    expect(await h.declarationEvent("UndeclaredGoodsDetected", detected(declarationId, traveller))).toBe("PROCESSED");
    const [debtId] = await debtIds(declarationId);
    const event = seized({ declarationId, holderId: traveller, ownerId: owner });
    const envelope = randomUUID();
    expect(await h.enforcementEvent("GoodsSequesteredAsSmuggled", event, envelope)).toBe("PROCESSED");
    const [pledgeId, ...others] = await pledgeIds(event.seizureId);
    expect(others).toEqual([]);
    expect(await pledge(pledgeId)).toEqual({
      id: pledgeId,
      objectKind: "DUTIABLE_GOODS",
      description: "38 Swiss-made wristwatches hidden in a spare tyre",
      owner: { id: owner },
      securedDebts: [{ id: debtId }],
      // DEBT-R19 (LD art. 82 para. 3): the pledge arises with the debt it secures.
      arisenAt: "2026-02-27T06:15:00.000Z",
      perishable: false,
      isSecurities: false,
      status: "SEQUESTERED",
      sequestrationMode: "TAKEN_INTO_CONTROL",
      sequesteredAt: "2026-03-02T07:40:00.000Z",
      releasedAt: null,
      releaseReason: null,
      realisationMode: null,
      proceeds: null,
      allocation: null,
      surplus: null,
      seizure: { id: event.seizureId },
    });
    // The declaration's debt is the one secured: the seizure gives no debt of its own.
    expect(await debtIds(`seizure:${event.seizureId}`)).toEqual([]);
    expect(await debtIds(declarationId)).toEqual([debtId]);
    expect(await outbox("PledgeSequestered", pledgeId)).toEqual([{ pledgeId, ownerId: owner, mode: "TAKEN_INTO_CONTROL", debtIds: [debtId] }]);
    const before = await businessState();
    expect(await h.enforcementEvent("GoodsSequesteredAsSmuggled", event, envelope)).toBe("DUPLICATE");
    expect(await h.enforcementEvent("GoodsSequesteredAsSmuggled", event)).toBe("PROCESSED");
    expect(await businessState()).toBe(before);
    expect(await pledgeIds(event.seizureId)).toEqual([pledgeId]);
  });

  it("X21 GoodsSequesteredAsSmuggled: without a declaration, the goods' own debt arises under `seizure:` when they crossed the border, owed by holder and owner jointly and severally, its amount for the office to establish, and the pledge secures it (DEBT-R02 let. c, LD art. 69 let. c; DEBT-R03, LD art. 70 para. 2 let. a, c; DEBT-R19, LD art. 82 para. 3)", async () => {
    const event = seized();
    expect(await h.enforcementEvent("GoodsSequesteredAsSmuggled", event)).toBe("PROCESSED");
    const [debtId, ...more] = await debtIds(`seizure:${event.seizureId}`);
    expect(more).toEqual([]);
    expect(await debt(debtId)).toEqual({
      id: debtId,
      status: "DUE",
      conditional: false,
      amount: null,
      principalPaid: "0.00",
      outstanding: "0.00",
      birthTrigger: "OMITTED_DECLARATION_CROSSING",
      arisenAt: "2026-02-27T06:15:00.000Z",
      establishedAt: null,
      dueAt: "2026-02-27T06:15:00.000Z",
      paymentDeadline: null,
      declarationNumber: null,
      caseReference: `seizure:${event.seizureId}`,
      declaration: null,
      offenceCase: null,
      debtors: [
        { basis: "CONVEYOR", jointAndSeveral: true, partner: { id: event.holderId } },
        { basis: "PRINCIPAL", jointAndSeveral: true, partner: { id: event.ownerId } },
      ].sort(byPartner),
    });
    const [pledgeId] = await pledgeIds(event.seizureId);
    expect(await pledge(pledgeId)).toMatchObject({ securedDebts: [{ id: debtId }], arisenAt: "2026-02-27T06:15:00.000Z", status: "SEQUESTERED", sequestrationMode: "TAKEN_INTO_CONTROL", sequesteredAt: "2026-03-02T07:40:00.000Z", owner: { id: event.ownerId }, seizure: { id: event.seizureId } });
    // The holder sees the debt among its own.
    expect((await debt(debtId, partnerUser(event.holderId!))).id).toBe(debtId);
  });

  it("X21 GoodsSequesteredAsSmuggled: when the crossing cannot be established the debt arises at the discovery, the seizure; a holder who is the owner is one debtor; an offence instrument is pledged with its description whole (DEBT-R02 let. c, LD art. 69 let. c; DEBT-R19, LD art. 82 para. 1 let. b)", async () => {
    const smuggler = randomUUID();
    // Enforcement describes its objects in up to 1,000 characters: all of them are kept.
    const description = `Van with a false floor: ${"white Renault Master, plates VD 123 456, ".repeat(25)}`.slice(0, 1000);
    const event = seized({ crossedAt: null, ownerId: smuggler, holderId: smuggler, objectKind: "OFFENCE_INSTRUMENT", description, perishable: false });
    expect(await h.enforcementEvent("GoodsSequesteredAsSmuggled", event)).toBe("PROCESSED");
    const [debtId] = await debtIds(`seizure:${event.seizureId}`);
    expect(await debt(debtId)).toMatchObject({
      birthTrigger: "OMITTED_DECLARATION_DISCOVERY",
      arisenAt: "2026-03-02T07:40:00.000Z",
      dueAt: "2026-03-02T07:40:00.000Z",
      amount: null,
      debtors: [{ basis: "CONVEYOR", jointAndSeveral: true, partner: { id: smuggler } }],
    });
    const [pledgeId] = await pledgeIds(event.seizureId);
    expect(description).toHaveLength(1000);
    expect(await pledge(pledgeId)).toMatchObject({ objectKind: "OFFENCE_INSTRUMENT", description, arisenAt: "2026-03-02T07:40:00.000Z", securedDebts: [{ id: debtId }] });
  });

  it("X21 GoodsSequesteredAsSmuggled: a declaration named whose debt is not recorded yet leaves the `seizure:` debt secured, and that debt stands when the declaration's debt comes later (X07; LD art. 69 let. c, 83 para. 3)", async () => {
    const declarationId = randomUUID();
    const event = seized({ declarationId });
    expect(await h.enforcementEvent("GoodsSequesteredAsSmuggled", event)).toBe("PROCESSED");
    const [seizureDebt] = await debtIds(`seizure:${event.seizureId}`);
    expect(seizureDebt).toBeDefined();
    expect(await debtIds(declarationId)).toEqual([]);
    expect(await h.declarationEvent("UndeclaredGoodsDetected", detected(declarationId, event.holderId!))).toBe("PROCESSED");
    const [declarationDebt] = await debtIds(declarationId);
    expect(declarationDebt).not.toBe(seizureDebt);
    expect(await h.enforcementEvent("GoodsSequesteredAsSmuggled", event)).toBe("PROCESSED");
    const [pledgeId, ...more] = await pledgeIds(event.seizureId);
    expect(more).toEqual([]);
    expect((await pledge(pledgeId)).securedDebts).toEqual([{ id: seizureDebt }]);
    expect(await debtIds(`seizure:${event.seizureId}`)).toEqual([seizureDebt]);
  });

  it.each([
    ["securing the declaration's debt", true],
    ["securing the seizure's own debt", false],
  ])("X21 GoodsSequesteredAsSmuggled: 20 concurrent deliveries under distinct envelope ids all succeed and give one pledge, one debt and one PledgeSequestered (%s) (DEBT-R19, DEBT-R20; LD art. 69, 82, 83 para. 3)", async (_, withDeclaration) => {
    const declarationId = randomUUID();
    const event = seized(withDeclaration ? { declarationId } : {});
    if (withDeclaration) await h.declarationEvent("UndeclaredGoodsDetected", detected(declarationId, event.holderId!));
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => h.enforcementEvent("GoodsSequesteredAsSmuggled", event)));
    expect(outcomes.map(o => (o.status === "fulfilled" ? o.value : String(o.reason)))).toEqual(Array(20).fill("PROCESSED"));
    const [pledgeId, ...morePledges] = await pledgeIds(event.seizureId);
    expect(morePledges).toEqual([]);
    const seizureDebts = await debtIds(`seizure:${event.seizureId}`);
    const declarationDebts = await debtIds(declarationId);
    expect([seizureDebts.length, declarationDebts.length]).toEqual(withDeclaration ? [0, 1] : [1, 0]);
    const [debtId] = [...seizureDebts, ...declarationDebts];
    expect(await liabilities(debtId)).toBe(withDeclaration ? 1 : 2);
    expect((await pledge(pledgeId)).securedDebts).toEqual([{ id: debtId }]);
    expect(await outbox("PledgeSequestered", pledgeId)).toHaveLength(1);
  });

  it("X21 GoodsSequesteredAsSmuggled: the sequestered pledge is released against security like any other, and never without one to an owner liable for its debt (DEBT-R21, LD art. 84)", async () => {
    const event = seized();
    await h.enforcementEvent("GoodsSequesteredAsSmuggled", event);
    const [pledgeId] = await pledgeIds(event.seizureId);
    await expectRefused(CUSTOMS, RELEASE, { input: { pledgeId, innocence: "ACQUIRED_IN_GOOD_FAITH", reason: "Says he bought them at a market" } }, "OWNER_PERSONALLY_LIABLE");
    const deposit = ok(await h.as(CUSTOMS, PROVIDE, { input: { debtorId: event.holderId, kind: "CASH_DEPOSIT", maxAmount: "5000.00" } })).provideSecurity.security.id;
    h.clock.set("2026-03-04T11:00:00+01:00");
    expect(ok(await h.as(CUSTOMS, RELEASE, { input: { pledgeId, securityId: deposit, reason: "Duties deposited in cash by the holder" } })).releasePledge.customsPledge).toEqual({
      id: pledgeId,
      status: "RELEASED_AGAINST_SECURITY",
      releasedAt: "2026-03-04T10:00:00.000Z",
      releaseReason: "Duties deposited in cash by the holder",
      seizure: { id: event.seizureId },
    });
    await expectRefused(CUSTOMS, RELEASE, { input: { pledgeId, securityId: deposit, reason: "Duties deposited in cash by the holder" } }, "PLEDGE_NOT_SEQUESTERED");
  });

  it("X21 GoodsSequesteredAsSmuggled: perishable goods sequestered for a taxed undeclared-goods declaration are sold at once like any other pledge, the proceeds paying its debt (DEBT-R24, LD art. 87 para. 2; DEBT-R19, LD art. 82)", async () => {
    const declarationId = randomUUID();
    const traveller = randomUUID();
    await h.declarationEvent("UndeclaredGoodsDetected", detected(declarationId, traveller));
    await h.declarationEvent("ExOfficioTaxation", exOfficio(declarationId, traveller, "800.00"));
    const [debtId] = await debtIds(declarationId);
    const event = seized({ declarationId, holderId: traveller, description: "420 kg of fresh truffles", perishable: true });
    await h.enforcementEvent("GoodsSequesteredAsSmuggled", event);
    const [pledgeId] = await pledgeIds(event.seizureId);
    h.clock.set("2026-03-03T16:00:00+01:00");
    expect(ok(await h.as(CUSTOMS, REALISE, { input: { pledgeId, mode: "IMMEDIATE_SALE", proceeds: "650.00" } })).realisePledge.customsPledge).toEqual({
      id: pledgeId,
      status: "REALISED",
      realisationMode: "IMMEDIATE_SALE",
      proceeds: "650.00",
      allocation: [{ debtId, amount: "650.00" }],
      surplus: "0.00",
    });
    expect(await debt(debtId)).toMatchObject({ status: "DUE", amount: "800.00", principalPaid: "650.00", outstanding: "150.00" });
    expect(await outbox("PledgeRealised", pledgeId)).toHaveLength(1);
  });
});

describe("X23 ProhibitedTrafficEstablished: the duties of an authorised import or export (DEBT-R29, ENF-R10; LD art. 120 para. 5)", () => {
  it("X23 ProhibitedTrafficEstablished: the duties an authorised import would have incurred are due at once, owed by both suspects jointly and severally, payable within the payment period; once, however often and concurrently the event comes (DEBT-R29, LD art. 120 para. 5; DEBT-R08, LD art. 72; DEBT-R09, LD art. 73)", async () => {
    const first = randomUUID();
    const second = randomUUID();
    const event = prohibitedTraffic([first, second, first]);
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => h.enforcementEvent("ProhibitedTrafficEstablished", event)));
    expect(outcomes.map(o => (o.status === "fulfilled" ? o.value : String(o.reason)))).toEqual(Array(20).fill("PROCESSED"));
    const [debtId, ...more] = await debtIds(`prohibited-traffic:${event.caseId}`);
    expect(more).toEqual([]);
    expect(await debt(debtId)).toEqual({
      id: debtId,
      status: "DUE",
      conditional: false,
      amount: "4120.35",
      principalPaid: "0.00",
      outstanding: "4120.35",
      birthTrigger: "PROHIBITED_TRAFFIC",
      arisenAt: "2026-03-02T09:00:00.000Z",
      establishedAt: "2026-03-02T09:00:00.000Z",
      dueAt: "2026-03-02T09:00:00.000Z",
      // 30 days from 2 March: Wednesday 1 April 2026, 23:59:59.999 in Zurich (CEST).
      paymentDeadline: "2026-04-01T21:59:59.999Z",
      declarationNumber: null,
      caseReference: `prohibited-traffic:${event.caseId}`,
      declaration: null,
      offenceCase: { id: event.caseId },
      debtors: [
        { basis: "OFFENDER", jointAndSeveral: true, partner: { id: first } },
        { basis: "OFFENDER", jointAndSeveral: true, partner: { id: second } },
      ].sort(byPartner),
    });
    for (const suspect of [first, second]) {
      const view = await partnerView(suspect);
      expect(view.customsDebts.edges.map(e => e.node)).toEqual([{ id: debtId, status: "DUE", amount: "4120.35", birthTrigger: "PROHIBITED_TRAFFIC", caseReference: `prohibited-traffic:${event.caseId}`, offenceCase: { id: event.caseId } }]);
      expect(view.exposure).toEqual({ openDebts: "4120.35", conditionalDebts: "0.00" });
    }
    const before = await businessState();
    expect(await h.enforcementEvent("ProhibitedTrafficEstablished", { ...event, duties: "9999.00" })).toBe("PROCESSED");
    expect(await businessState()).toBe(before);
  });

  it("X23 ProhibitedTrafficEstablished: goods turned back or destroyed owe no duties, nor does traffic that could not have been authorised or whose duties are not given; such an event after the debt leaves it as it is (DEBT-R29, LD art. 120 para. 5)", async () => {
    const suspect = randomUUID();
    const before = await businessState();
    for (const extra of [{ goodsTurnedBackOrDestroyed: true }, { authorisedImportOrExport: false }, { duties: null }, { duties: "0.00" }]) {
      const event = prohibitedTraffic([suspect], extra);
      expect(await h.enforcementEvent("ProhibitedTrafficEstablished", event)).toBe("PROCESSED");
      expect(await debtIds(`prohibited-traffic:${event.caseId}`)).toEqual([]);
    }
    expect(await businessState()).toBe(before);
    expect((await partnerView(suspect)).customsDebts.edges).toEqual([]);
    // Recorded first, then an event saying the goods were turned back: nothing changes.
    const established = prohibitedTraffic([suspect]);
    await h.enforcementEvent("ProhibitedTrafficEstablished", established);
    const [debtId] = await debtIds(`prohibited-traffic:${established.caseId}`);
    const recorded = await businessState();
    expect(await h.enforcementEvent("ProhibitedTrafficEstablished", { ...established, goodsTurnedBackOrDestroyed: true })).toBe("PROCESSED");
    expect(await businessState()).toBe(recorded);
    expect(await debt(debtId)).toMatchObject({ status: "DUE", amount: "4120.35" });
  });
});

describe("FineImposed: the fine of a final penalty decision, collected like a customs debt (LD art. 118-127; DPA; DESIGN CHOICE)", () => {
  it("FineImposed: the fine is one debt owed by the person fined, due when the decision became final and payable within the payment period, listed among the payer's debts; once however often the event comes (LD art. 118; DEBT-R08, LD art. 72; DEBT-R09, LD art. 73)", async () => {
    const payer = randomUUID();
    const event = fine(payer);
    const envelope = randomUUID();
    expect(await h.enforcementEvent("FineImposed", event, envelope)).toBe("PROCESSED");
    const [debtId, ...more] = await debtIds(`fine:${event.caseId}`);
    expect(more).toEqual([]);
    expect(await debt(debtId, partnerUser(payer))).toEqual({
      id: debtId,
      status: "DUE",
      conditional: false,
      amount: "2500.00",
      principalPaid: "0.00",
      outstanding: "2500.00",
      birthTrigger: "PENALTY_DECISION",
      arisenAt: "2026-02-25T10:30:00.000Z",
      establishedAt: "2026-02-25T10:30:00.000Z",
      dueAt: "2026-02-25T10:30:00.000Z",
      // 30 days from 25 February: Friday 27 March 2026, 23:59:59.999 in Zurich (CET).
      paymentDeadline: "2026-03-27T22:59:59.999Z",
      declarationNumber: null,
      caseReference: `fine:${event.caseId}`,
      declaration: null,
      offenceCase: { id: event.caseId },
      debtors: [{ basis: "OFFENDER", jointAndSeveral: true, partner: { id: payer } }],
    });
    const view = await partnerView(payer);
    expect(view.customsDebts.edges.map(e => e.node)).toEqual([{ id: debtId, status: "DUE", amount: "2500.00", birthTrigger: "PENALTY_DECISION", caseReference: `fine:${event.caseId}`, offenceCase: { id: event.caseId } }]);
    expect(view.exposure).toEqual({ openDebts: "2500.00", conditionalDebts: "0.00" });
    // Someone else neither sees it nor owes it.
    const stranger = randomUUID();
    expect((await h.as(partnerUser(stranger), DEBT, { id: debtId })).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await partnerView(stranger)).customsDebts.edges).toEqual([]);
    const before = await businessState();
    expect(await h.enforcementEvent("FineImposed", event, envelope)).toBe("DUPLICATE");
    expect(await h.enforcementEvent("FineImposed", { ...event, amount: "3000.00" })).toBe("PROCESSED");
    expect(await businessState()).toBe(before);
  });

  it("FineImposed: 20 concurrent deliveries under distinct envelope ids all succeed and record one fine with one debtor (LD art. 118-127)", async () => {
    const event = fine(randomUUID());
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => h.enforcementEvent("FineImposed", event)));
    expect(outcomes.map(o => (o.status === "fulfilled" ? o.value : String(o.reason)))).toEqual(Array(20).fill("PROCESSED"));
    const [debtId, ...more] = await debtIds(`fine:${event.caseId}`);
    expect(more).toEqual([]);
    expect(await liabilities(debtId)).toBe(1);
  });

  it("FineImposed: an undertaking ordered to pay instead of the individuals responsible owes the fine as such, and a fine of CHF 5 or less is collected, the CHF 5 rule being for duties (LD art. 125; DEBT-R07, OD-AFD art. 58)", async () => {
    const undertaking = randomUUID();
    const event = fine(undertaking, { payerKind: "UNDERTAKING", amount: "4.50", offenceType: "ORDER_VIOLATION" });
    expect(await h.enforcementEvent("FineImposed", event)).toBe("PROCESSED");
    const [debtId] = await debtIds(`fine:${event.caseId}`);
    expect(await debt(debtId)).toMatchObject({ status: "DUE", amount: "4.50", outstanding: "4.50", debtors: [{ basis: "UNDERTAKING_ORDERED_TO_PAY", jointAndSeveral: true, partner: { id: undertaking } }] });
  });

  // Last: the overdue job moves every debt whose payment period has passed.
  it("FineImposed: a fine unpaid when its payment period ends is overdue and bears default interest from the day it became final, as a customs debt does (X20; DEBT-R10, LD art. 74)", async () => {
    const payer = randomUUID();
    const event = fine(payer);
    await h.enforcementEvent("FineImposed", event);
    const [debtId] = await debtIds(`fine:${event.caseId}`);
    h.clock.set("2026-03-27T23:00:00+01:00");
    await h.subgraph.jobs.runOnce();
    expect((await debt(debtId)).status).toBe("DUE");
    h.clock.set("2026-03-28T10:00:00+01:00");
    await h.subgraph.jobs.runOnce();
    expect((await debt(debtId)).status).toBe("OVERDUE");
    expect(await outbox("DebtOverdue", debtId)).toEqual([{ debtId, declarationId: `fine:${event.caseId}`, overdueSince: "2026-03-27T22:59:59.999Z", outstanding: "2500.00", debtorIds: [payer] }]);
    const { exposure } = await partnerView(payer);
    expect(Number(exposure.openDebts)).toBeGreaterThan(2500);
  });
});
