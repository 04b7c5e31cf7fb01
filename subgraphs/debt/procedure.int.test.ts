import { randomUUID } from "node:crypto";
import { Principal } from "../kit";
import { GraphQLResponse } from "../../test/support/graphql";
import { CUSTOMS, DebtHarness, partnerUser, startDebt } from "../../test/support/debt-harness";
import { SecurityRequisition } from "./entities/security.entity";

/**
 * Declarations' procedure cases, as the debt subgraph consumes them (DOMAIN.md §5, §7): the
 * conditional debt of a case opened (X11) secured by the holder's general bonds and a requisition
 * for the rest, the debt falling due when the procedure is not discharged (X12), extinguished when
 * it is or when relief is granted; the debt of undeclared goods (X07); and the PCD holder's
 * cashless payment (DEC-R62). Every event once, however often and however concurrently it comes.
 * Monday 2 March 2026, 09:00 Zurich, unless a test moves the clock.
 */
let h: DebtHarness;
const T0 = "2026-03-02T09:00:00+01:00";

beforeAll(async () => {
  h = await startDebt("customs_test_debt_procedures", T0);
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
const PAY = `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { payment { id amount method bySurety } } }`;
const REQUISITIONS = `{ securityRequisitions { edges { node { id legalGround amount depositBody decidedAt securityId } } } }`;
const DEBT = `query ($id: ID!) { customsDebt(id: $id) {
  status conditional amount securedAmount unsecuredAmount goodsReleasable birthTrigger arisenAt establishedAt dueAt paymentDeadline procedureEndedAt
  declarationNumber caseReference declaration { id } principalPaid outstanding debtors { basis jointAndSeveral partner { id } } } }`;
const BONDS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on BusinessPartner { exposure { openDebts conditionalDebts bonds { edges { node { security { id } reserved headroom } } } } } } }`;

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

/** The debts recorded under a key: a declaration's id or `procedure:<case id>`. */
async function debtIds(key: string): Promise<string[]> {
  return (await rows("SELECT id FROM customs_debt WHERE declaration_id = ?", [key])).map(r => r.id);
}

/** The business tables only: a retry under a new envelope id may add a processed-event row, nothing else. */
async function businessState(): Promise<string> {
  const checksums = await rows("CHECKSUM TABLE customs_debt, debtor_liability, payment, security, security_requisition, security_reservation, outbox_event", []);
  return checksums.map(r => `${r.Table}=${r.Checksum}`).join(";");
}

/** ProcedureCaseOpened (X11), as declarations publishes it. */
function caseOpened(holderId: string, conditionalDuties: string, extra: Record<string, unknown> = {}) {
  return {
    caseId: randomUUID(),
    declarationId: randomUUID(),
    declarationNumber: "26CH100100000451",
    procedure: "TRANSIT",
    holderId,
    officeId: "1001",
    conditionalDuties,
    openedAt: "2026-03-02T08:30:00+01:00",
    timeLimit: "2026-03-09T23:59:59.999+01:00",
    ...extra,
  };
}

/** Opens a case and returns its payload and the id of the one debt recorded for it. */
async function openCase(holderId: string, conditionalDuties: string, extra: Record<string, unknown> = {}) {
  const opened = caseOpened(holderId, conditionalDuties, extra);
  expect(await h.declarationEvent("ProcedureCaseOpened", opened)).toBe("PROCESSED");
  const [id] = await debtIds(`procedure:${opened.caseId}`);
  return { opened, id };
}

const notDischarged = (c: { caseId: string; declarationId: string; holderId: string }, notDischargedAt = "2026-03-10T10:00:00+01:00") => ({
  caseId: c.caseId,
  declarationId: c.declarationId,
  procedure: "TRANSIT",
  holderId: c.holderId,
  timeLimit: "2026-03-09T23:59:59.999+01:00",
  notDischargedAt,
  reliefApplicationDeadline: "2026-05-08",
});
const discharged = (c: { caseId: string; declarationId: string }, dischargedAt = "2026-03-06T14:00:00+01:00") => ({ caseId: c.caseId, declarationId: c.declarationId, procedure: "TRANSIT", dischargedAt, mode: "PRESENTED_AT_DESTINATION" });
const reliefGranted = (c: { caseId: string; declarationId: string }, grantedAt = "2026-04-20T11:00:00+02:00") => ({ caseId: c.caseId, declarationId: c.declarationId, grantedAt });

describe("X11 ProcedureCaseOpened: the case's conditional debt, secured at once (DEBT-R12, DEBT-R14; LD art. 49 para. 2, 58-60, 76)", () => {
  it("X11 ProcedureCaseOpened: records one conditional debt owed by the holder, covered by its general bonds oldest first, and tells declarations at once when they cover it all (DEBT-R12, DEBT-R14; LD art. 76 para. 1, 77)", async () => {
    const holder = randomUUID();
    h.clock.set("2026-02-02T09:00:00+01:00");
    const older = await bond(holder, "1000.00");
    h.clock.set(T0);
    const newer = await bond(holder, "5000.00");
    // Neither a cash deposit nor another partner's bond is a general bond of the holder's.
    await deposit(holder, "9000.00");
    await bond(randomUUID(), "9000.00");
    const { opened, id } = await openCase(holder, "1500.00");
    expect(await debt(id)).toEqual({
      status: "CONDITIONAL",
      conditional: true,
      amount: "1500.00",
      securedAmount: "1500.00",
      unsecuredAmount: "0.00",
      goodsReleasable: true,
      birthTrigger: "PROCEDURE",
      arisenAt: "2026-03-02T07:30:00.000Z",
      establishedAt: "2026-03-02T07:30:00.000Z",
      dueAt: "2026-03-02T07:30:00.000Z",
      paymentDeadline: null,
      procedureEndedAt: null,
      declarationNumber: "26CH100100000451",
      caseReference: `procedure:${opened.caseId}`,
      declaration: null,
      principalPaid: "0.00",
      outstanding: "0.00",
      debtors: [{ basis: "DECLARANT_OR_AGENT", jointAndSeveral: true, partner: { id: holder } }],
    });
    expect((await exposure(holder)).bonds).toEqual([
      { security: { id: older }, reserved: "1000.00", headroom: "0.00" },
      { security: { id: newer }, reserved: "500.00", headroom: "4500.00" },
    ]);
    expect(await outbox("ConditionalDebtSecured", id)).toEqual([{ debtId: id, reference: `procedure:${opened.caseId}`, securedAt: "2026-03-02T08:00:00.000Z" }]);
    expect(await requisitions(holder)).toEqual([]);
  });

  it("X11 ProcedureCaseOpened: a transit case's conditional debt is secured by the holder's general bond up to its headroom and a requisition for the rest, which a cash deposit meets (DEBT-R12, DEBT-R14, DEBT-R18; LD art. 76 para. 2)", async () => {
    const holder = randomUUID();
    await bond(holder, "1000.00");
    const { opened, id } = await openCase(holder, "1234.50");
    expect(await debt(id)).toMatchObject({ status: "CONDITIONAL", amount: "1234.50", securedAmount: "1000.00", unsecuredAmount: "234.50", goodsReleasable: false });
    expect(await outbox("ConditionalDebtSecured", id)).toEqual([]);
    const [requisition] = await requisitions(holder);
    expect(requisition).toEqual({
      id: expect.any(String),
      legalGround: expect.stringContaining("LD art. 76 para. 2"),
      amount: "234.50",
      depositBody: "the customs office that opened the procedure",
      decidedAt: "2026-03-02T08:00:00.000Z",
      securityId: null,
    });
    h.clock.set("2026-03-02T11:15:00+01:00");
    const cash = await deposit(holder, "234.50", requisition.id);
    expect(await debt(id)).toMatchObject({ status: "CONDITIONAL", amount: "1234.50", securedAmount: "1234.50", unsecuredAmount: "0.00", goodsReleasable: true });
    expect(await outbox("ConditionalDebtSecured", id)).toEqual([{ debtId: id, reference: `procedure:${opened.caseId}`, securedAt: "2026-03-02T10:15:00.000Z" }]);
    expect(await requisitions(holder)).toEqual([{ ...requisition, securityId: cash }]);
  });

  it("X11 ProcedureCaseOpened: with no general bond, or none with headroom left, requisitions the whole amount and records the debt all the same (DEBT-R12, DEBT-R18; LD art. 76 para. 1-2)", async () => {
    const holder = randomUUID();
    const { id } = await openCase(holder, "800.00", { procedure: "TEMPORARY_ADMISSION" });
    expect(await debt(id)).toMatchObject({ status: "CONDITIONAL", amount: "800.00", securedAmount: "0.00", unsecuredAmount: "800.00", goodsReleasable: false, debtors: [{ partner: { id: holder } }] });
    expect((await requisitions(holder)).map((r: { amount: string; securityId: string | null }) => [r.amount, r.securityId])).toEqual([["800.00", null]]);
    expect(await outbox("ConditionalDebtSecured", id)).toEqual([]);

    const exhausted = randomUUID();
    await bond(exhausted, "100.00");
    await openCase(exhausted, "100.00");
    const second = await openCase(exhausted, "60.00", { procedure: "INWARD_PROCESSING" });
    expect(await debt(second.id)).toMatchObject({ securedAmount: "0.00", unsecuredAmount: "60.00" });
    expect((await requisitions(exhausted)).map((r: { amount: string }) => r.amount)).toEqual(["60.00"]);
  });

  it("X11 ProcedureCaseOpened: conditional duties of CHF 0.00 record nothing (LD art. 49 para. 2; DEBT-R12)", async () => {
    const holder = randomUUID();
    await bond(holder, "1000.00");
    const before = await businessState();
    const opened = caseOpened(holder, "0.00", { procedure: "OUTWARD_PROCESSING" });
    expect(await h.declarationEvent("ProcedureCaseOpened", opened)).toBe("PROCESSED");
    expect(await debtIds(`procedure:${opened.caseId}`)).toEqual([]);
    expect(await businessState()).toBe(before);
  });

  it("X11 ProcedureCaseOpened: the same case delivered again, or retried under a new envelope id, records one debt, one reservation and one event (DEBT-R02, LD art. 69; DOMAIN.md §0.5)", async () => {
    const holder = randomUUID();
    await bond(holder, "300.00");
    const opened = caseOpened(holder, "500.00");
    const envelope = randomUUID();
    expect(await h.declarationEvent("ProcedureCaseOpened", opened, envelope)).toBe("PROCESSED");
    const before = await businessState();
    expect(await h.declarationEvent("ProcedureCaseOpened", opened, envelope)).toBe("DUPLICATE");
    expect(await h.declarationEvent("ProcedureCaseOpened", opened)).toBe("PROCESSED");
    expect(await businessState()).toBe(before);
    const ids = await debtIds(`procedure:${opened.caseId}`);
    expect(ids).toHaveLength(1);
    expect((await requisitions(holder)).map((r: { amount: string }) => r.amount)).toEqual(["200.00"]);
  });

  it.each([
    ["with a general bond, queueing on the bond", "700.00"],
    ["without a bond, queueing on the debt's key", null],
  ])("X11 ProcedureCaseOpened: 50 concurrent deliveries of one case under distinct envelope ids all succeed and record one debt (%s) (DEBT-R02, LD art. 69; DEBT-R14)", async (_, bondAmount) => {
    const holder = randomUUID();
    if (bondAmount) await bond(holder, bondAmount);
    const opened = caseOpened(holder, "1000.00");
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, () => h.declarationEvent("ProcedureCaseOpened", opened)));
    expect(outcomes.map(o => (o.status === "fulfilled" ? o.value : String(o.reason)))).toEqual(Array(50).fill("PROCESSED"));
    const [id, ...others] = await debtIds(`procedure:${opened.caseId}`);
    expect(others).toEqual([]);
    expect(Number((await rows("SELECT COUNT(*) AS n FROM debtor_liability WHERE debt_id = ?", [id]))[0].n)).toBe(1);
    expect(await debt(id)).toMatchObject({ amount: "1000.00", securedAmount: bondAmount ? "700.00" : "0.00" });
    expect((await requisitions(holder)).map((r: { amount: string }) => r.amount)).toEqual([bondAmount ? "300.00" : "1000.00"]);
  });
});

describe("the declaration under a procedure gives no ordinary debt (LD art. 49 para. 2, 58-60, 69)", () => {
  it("X05/X06 DeclarationAccepted, BorderCrossed with conditionalProcedure: no ordinary debt, the case's conditional debt stands for the duties; without the flag, the debt arises as before (LD art. 49 para. 2, 69 let. a-b)", async () => {
    const declarant = randomUUID();
    const transit = randomUUID();
    const accepted = (declarationId: string, extra: Record<string, unknown> = {}) => ({
      declarationId,
      declarationNumber: "26CH100100000452",
      declarantId: declarant,
      onBehalfOfId: null,
      direction: "TRANSIT",
      procedure: "TRANSIT",
      officeId: "1001",
      acceptedAt: "2026-03-02T08:30:00+01:00",
      isPreDeclaration: false,
      ...extra,
    });
    expect(await h.declarationEvent("DeclarationAccepted", accepted(transit, { conditionalProcedure: true }))).toBe("PROCESSED");
    const preDeclared = randomUUID();
    expect(await h.declarationEvent("BorderCrossed", { declarationId: preDeclared, declarationNumber: "26CH100100000453", declarantId: declarant, onBehalfOfId: null, crossedAt: "2026-03-02T08:45:00+01:00", conditionalProcedure: true })).toBe("PROCESSED");
    expect(await debtIds(transit)).toEqual([]);
    expect(await debtIds(preDeclared)).toEqual([]);
    // The control: an older event without the flag.
    const ordinary = randomUUID();
    await h.declarationEvent("DeclarationAccepted", accepted(ordinary, { procedure: "FREE_CIRCULATION", direction: "IMPORT" }));
    expect(await debt((await debtIds(ordinary))[0])).toMatchObject({ status: "DUE", birthTrigger: "ACCEPTANCE", arisenAt: "2026-03-02T07:30:00.000Z" });
  });
});

describe("the end of the procedure (LD art. 49 para. 3-4, 58-61; OD-AFD art. 44)", () => {
  it("X12 ProcedureNotDischarged: the conditional debt falls due once, payable within the payment period, its bond still attached; a second delivery changes nothing (LD art. 49 para. 3, 58 para. 3; DEBT-R09, LD art. 73)", async () => {
    const holder = randomUUID();
    const b = await bond(holder, "5000.00");
    const { opened, id } = await openCase(holder, "2000.00");
    h.clock.set("2026-03-10T10:05:00+01:00");
    expect(await h.declarationEvent("ProcedureNotDischarged", notDischarged(opened))).toBe("PROCESSED");
    // 10 March + 30 days: 9 April, the end of the day in summer time.
    expect(await debt(id)).toMatchObject({
      status: "DUE",
      conditional: false,
      amount: "2000.00",
      dueAt: "2026-03-10T09:00:00.000Z",
      paymentDeadline: "2026-04-09T21:59:59.999Z",
      procedureEndedAt: "2026-03-10T09:00:00.000Z",
      securedAmount: "2000.00",
      unsecuredAmount: null,
      outstanding: "2000.00",
    });
    expect((await exposure(holder)).bonds).toEqual([{ security: { id: b }, reserved: "2000.00", headroom: "3000.00" }]);
    const before = await businessState();
    expect(await h.declarationEvent("ProcedureNotDischarged", notDischarged(opened, "2026-03-11T10:00:00+01:00"))).toBe("PROCESSED");
    expect(await businessState()).toBe(before);
    // A case with no debt (no duties, the export regime) changes nothing either.
    expect(await h.declarationEvent("ProcedureNotDischarged", notDischarged({ caseId: randomUUID(), declarationId: randomUUID(), holderId: holder }))).toBe("PROCESSED");
    expect(await businessState()).toBe(before);
  });

  it("ProcedureCaseDischarged: the conditional debt is extinguished, the bond's headroom restored and the open requisition withdrawn, once (LD art. 49 para. 3, 58-61; OD-AFD art. 44; DEBT-R14, DEBT-R18)", async () => {
    const holder = randomUUID();
    const b = await bond(holder, "1000.00");
    const { opened, id } = await openCase(holder, "1600.00");
    const [requisition] = await requisitions(holder);
    expect(requisition).toMatchObject({ amount: "600.00", securityId: null });
    expect((await exposure(holder)).bonds).toEqual([{ security: { id: b }, reserved: "1000.00", headroom: "0.00" }]);
    h.clock.set("2026-03-06T14:10:00+01:00");
    expect(await h.declarationEvent("ProcedureCaseDischarged", discharged(opened))).toBe("PROCESSED");
    expect(await debt(id)).toMatchObject({ status: "EXTINGUISHED", amount: "1600.00", securedAmount: "0.00", procedureEndedAt: "2026-03-06T13:00:00.000Z", outstanding: "0.00" });
    expect(await exposure(holder)).toEqual({ openDebts: "0.00", conditionalDebts: "0.00", bonds: [{ security: { id: b }, reserved: "0.00", headroom: "1000.00" }] });
    expect(await requisitions(holder)).toEqual([]);
    expect(await h.subgraph.runtime.dataSource.getRepository(SecurityRequisition).findOneByOrFail({ id: requisition.id })).toMatchObject({ securityId: null, withdrawnAt: new Date("2026-03-06T13:00:00.000Z") });
    // The withdrawn requisition is not met afterwards.
    const e = await expectRefused(CUSTOMS, PROVIDE, { input: { debtorId: holder, kind: "CASH_DEPOSIT", maxAmount: "600.00", requisitionId: requisition.id } }, "REQUISITION_WITHDRAWN");
    expect(e.extensions).toMatchObject({ rule: "DEBT-R18", article: "LD art. 49 para. 3-4" });
    const before = await businessState();
    expect(await h.declarationEvent("ProcedureCaseDischarged", discharged(opened, "2026-03-07T09:00:00+01:00"))).toBe("PROCESSED");
    expect(await h.declarationEvent("ProcedureNotDischarged", notDischarged(opened))).toBe("PROCESSED");
    expect(await businessState()).toBe(before);
  });

  it("ProcedureReliefGranted: relief after the case was not discharged extinguishes the due debt and releases its bond; what was paid is shown as a refund; a second delivery changes nothing (LD art. 49 para. 4, 58 para. 3, 59 para. 4, 60 para. 4)", async () => {
    const holder = randomUUID();
    const b = await bond(holder, "900.00");
    const { opened, id } = await openCase(holder, "1500.00", { procedure: "TEMPORARY_ADMISSION" });
    const [requisition] = await requisitions(holder);
    await h.declarationEvent("ProcedureNotDischarged", notDischarged(opened));
    h.clock.set("2026-03-20T10:00:00+01:00");
    ok(await h.as(CUSTOMS, PAY, { input: { debtId: id, payerId: holder, amount: "400.00", method: "CASHLESS" } }));
    expect(await debt(id)).toMatchObject({ status: "DUE", principalPaid: "400.00", outstanding: "1100.00", securedAmount: "900.00" });
    h.clock.set("2026-04-20T11:05:00+02:00");
    expect(await h.declarationEvent("ProcedureReliefGranted", reliefGranted(opened))).toBe("PROCESSED");
    expect(await debt(id)).toMatchObject({ status: "EXTINGUISHED", amount: "0.00", principalPaid: "400.00", outstanding: "-400.00", securedAmount: "0.00", procedureEndedAt: "2026-03-10T09:00:00.000Z" });
    expect((await exposure(holder)).bonds).toEqual([{ security: { id: b }, reserved: "0.00", headroom: "900.00" }]);
    // The requisition for the rest no longer applies either.
    expect((await requisitions(holder)).map((r: { id: string }) => r.id)).not.toContain(requisition.id);
    const before = await businessState();
    expect(await h.declarationEvent("ProcedureReliefGranted", reliefGranted(opened, "2026-04-21T09:00:00+02:00"))).toBe("PROCESSED");
    expect(await businessState()).toBe(before);
  });

  it("ProcedureReliefGranted: a debt already ended otherwise is left as it is, and one paid in full is refunded in full (LD art. 49 para. 4; DEBT-R23, LD art. 86)", async () => {
    const holder = randomUUID();
    const paid = await openCase(holder, "250.00");
    await h.declarationEvent("ProcedureNotDischarged", notDischarged(paid.opened));
    ok(await h.as(CUSTOMS, PAY, { input: { debtId: paid.id, payerId: holder, amount: "250.00", method: "CASHLESS" } }));
    expect(await debt(paid.id)).toMatchObject({ status: "PAID", outstanding: "0.00" });
    await h.declarationEvent("ProcedureReliefGranted", reliefGranted(paid.opened));
    expect(await debt(paid.id)).toMatchObject({ status: "EXTINGUISHED", amount: "0.00", principalPaid: "250.00", outstanding: "-250.00" });

    const dischargedCase = await openCase(holder, "300.00");
    await h.declarationEvent("ProcedureCaseDischarged", discharged(dischargedCase.opened));
    const before = await businessState();
    await h.declarationEvent("ProcedureReliefGranted", reliefGranted(dischargedCase.opened));
    expect(await businessState()).toBe(before);
    expect(await debt(dischargedCase.id)).toMatchObject({ status: "EXTINGUISHED", amount: "300.00" });
  });
});

describe("X07 UndeclaredGoodsDetected: the debt of undeclared goods (DEBT-R02 let. c, LD art. 69 let. c)", () => {
  const detected = (declarationId: string, declarantId: string, crossedAt: string | null) => ({
    declarationId,
    declarationNumber: "26CH100100000454",
    declarantId,
    onBehalfOfId: null,
    officeId: "1001",
    channel: "GREEN_LANE",
    crossedAt,
    detectedAt: "2026-03-02T08:40:00+01:00",
  });
  const exOfficio = (declarationId: string, declarantId: string) => ({
    taxationDecisionId: randomUUID(),
    declarationId,
    declarationNumber: "26CH100100000454",
    declarantId,
    onBehalfOfId: null,
    kind: "EX_OFFICIO",
    totalDuties: "842.60",
    nonCollected: false,
    establishedAt: "2026-03-03T10:00:00+01:00",
    supersedesId: null,
  });

  it("X07 UndeclaredGoodsDetected: the debt arises when the goods crossed the border; the ex officio taxation (X09) then gives its amount and keeps that birth (DEBT-R02 let. c, LD art. 69 let. c; OD-AFD art. 20 para. 3)", async () => {
    const declarationId = randomUUID();
    const traveller = randomUUID();
    expect(await h.declarationEvent("UndeclaredGoodsDetected", detected(declarationId, traveller, "2026-02-27T07:15:00+01:00"))).toBe("PROCESSED");
    const [id] = await debtIds(declarationId);
    expect(await debt(id)).toMatchObject({ status: "DUE", birthTrigger: "OMITTED_DECLARATION_CROSSING", arisenAt: "2026-02-27T06:15:00.000Z", dueAt: "2026-02-27T06:15:00.000Z", amount: null, declaration: { id: declarationId } });
    // Delivered again under a new envelope id: nothing changes.
    const before = await businessState();
    expect(await h.declarationEvent("UndeclaredGoodsDetected", detected(declarationId, traveller, "2026-02-27T07:15:00+01:00"))).toBe("PROCESSED");
    expect(await businessState()).toBe(before);
    expect(await h.declarationEvent("ExOfficioTaxation", exOfficio(declarationId, traveller))).toBe("PROCESSED");
    expect(await debtIds(declarationId)).toEqual([id]);
    expect(await debt(id)).toMatchObject({
      status: "DUE",
      birthTrigger: "OMITTED_DECLARATION_CROSSING",
      arisenAt: "2026-02-27T06:15:00.000Z",
      amount: "842.60",
      establishedAt: "2026-03-03T09:00:00.000Z",
      paymentDeadline: "2026-04-02T21:59:59.999Z",
      outstanding: "842.60",
    });
  });

  it("X07 UndeclaredGoodsDetected: when the crossing cannot be established, the debt arises when the omission was discovered (DEBT-R02 let. c, LD art. 69 let. c)", async () => {
    const declarationId = randomUUID();
    await h.declarationEvent("UndeclaredGoodsDetected", detected(declarationId, randomUUID(), null));
    expect(await debt((await debtIds(declarationId))[0])).toMatchObject({ birthTrigger: "OMITTED_DECLARATION_DISCOVERY", arisenAt: "2026-03-02T07:40:00.000Z" });
  });
});

describe("DEC-R62: the authorised consignee or consignor pays without cash (OD-AFD art. 39)", () => {
  it("DEC-R62: refuses a cash payment from a debtor with an active PCD account, takes it against invoice, and takes cash again once the account is closed (DEC-R62, OD-AFD art. 39; DEBT-R09, LD art. 73)", async () => {
    const consignee = randomUUID();
    const first = await h.taxedDebt({ declarantId: consignee, totalDuties: "400.00" });
    const second = await h.taxedDebt({ declarantId: consignee, totalDuties: "150.00" });
    const role = (type: string) => h.declarationEvent(type, { partnerId: consignee, roleType: "AUTHORISED_CONSIGNEE", releasedAt: h.clock.now().toISOString() });
    await role("PartnerRoleActivated");
    const e = await expectRefused(CUSTOMS, PAY, { input: { debtId: first, payerId: consignee, amount: "400.00", method: "CASH" } }, "PCD_PAYMENT_REQUIRED");
    expect(e.extensions).toMatchObject({ field: "input.method", rule: "DEC-R62", article: "OD-AFD art. 39" });
    expect(ok(await h.as(CUSTOMS, PAY, { input: { debtId: first, payerId: consignee, amount: "400.00", method: "PCD_INVOICE" } })).recordPayment.payment).toMatchObject({ amount: "400.00", method: "PCD_INVOICE", bySurety: false });
    await role("PartnerRoleEnded");
    expect(ok(await h.as(CUSTOMS, PAY, { input: { debtId: second, payerId: consignee, amount: "150.00", method: "CASH" } })).recordPayment.payment).toMatchObject({ amount: "150.00", method: "CASH" });
  });
});
