import { randomUUID } from "node:crypto";
import { Principal } from "../kit";
import { GraphQLResponse } from "../../test/support/graphql";
import { CUSTOMS, DebtHarness, DGD, partnerUser, startDebt } from "../../test/support/debt-harness";

/**
 * Where the debt subgraph of part 1 differed from the law (issue 8), each rule at its boundaries:
 * several securities for one conditional claim, one cut-off rule for terminated bonds (every
 * secured claim of a pledge; a procedure case's general bonds), the end of an appeal's suspension
 * counted in Zurich calendar days and only within the period it suspended, remission of conditional taxations,
 * abuse making small amounts collectable, the surety's rights, and the events declarations and
 * identity rely on. Monday 2 March 2026, 09:00 Zurich, unless a test moves the clock.
 */
let h: DebtHarness;
const T0 = "2026-03-02T09:00:00+01:00";

beforeAll(async () => {
  h = await startDebt("customs_test_debt_law", T0);
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
const CONDITIONAL = `mutation ($input: ConditionalDebtInput!) { recordConditionalDebt(input: $input) { customsDebt { id status amount securedAmount unsecuredAmount goodsReleasable } } }`;
const COVER = `query ($id: ID!) { customsDebt(id: $id) { status amount securedAmount unsecuredAmount goodsReleasable } }`;
const REQUISITIONS = `{ securityRequisitions { edges { node { id legalGround amount securityId } } } }`;
const SETTLE = `mutation ($id: ID!, $d: Boolean!) { settleProcedureDebt(input: { debtId: $id, discharged: $d }) { customsDebt { status procedureEndedAt } } }`;
const TERMINATE = `mutation ($input: SecurityIdInput!) { terminateBond(input: $input) { security { id coverageCutoff } } }`;
const CANCEL = `mutation ($input: SecurityIdInput!) { cancelSecurity(input: $input) { security { id } } }`;
const LIMITATION = `query ($id: ID!) { customsDebt(id: $id) { limitationDate } }`;
const INTERRUPT = `mutation ($input: InterruptInput!) { interruptLimitation(input: $input) { customsDebt { id limitationDate } } }`;
const REMISSION = `mutation ($input: RemissionInput!) { requestRemission(input: $input) { remissionRequest { id status deadline } } }`;
const DEBT = `query ($id: ID!) { customsDebt(id: $id) { status amount paymentDeadline outstanding } }`;
const PAY = `mutation ($input: RecordPaymentInput!) { recordPayment(input: $input) { payment { id bySurety suretyReceipt { id } } } }`;
const RECEIPT = `mutation ($id: ID!) { issueSuretyReceipt(input: { paymentId: $id }) { suretyReceipt { id number amount paidAt issuedAt surety { id } recourseAgainst { id } } } }`;
const RESERVE = `mutation ($input: ReserveInput!) { reserveSecurity(input: $input) { reservation { id amount } } }`;
const RECORD_PLEDGE = `mutation ($input: RecordPledgeInput!) { recordCustomsPledge(input: $input) { customsPledge { id } } }`;
const SEQUESTER = `mutation ($id: ID!) { sequesterPledge(input: { pledgeId: $id, mode: TAKEN_INTO_CONTROL }) { customsPledge { id status } } }`;
const PLEDGES = `{ customsPledges { edges { node { id status releasedAt releaseReason } } } }`;
const RELEASE_PLEDGE = `mutation ($input: ReleasePledgeInput!) { releasePledge(input: $input) { customsPledge { id status } } }`;
const ENFORCE = `mutation ($id: ID!) { openDebtEnforcement(input: { debtId: $id, kind: "BANKRUPTCY_CLAIM" }) { enforcementCase { id bindsSureties { id } } } }`;

const bond = async (debtorId: string, maxAmount: string, suretyId = randomUUID()) => ok(await h.as(CUSTOMS, PROVIDE, { input: { debtorId, kind: "GENERAL_BOND", maxAmount, suretyId } })).provideSecurity.security.id as string;
const deposit = async (debtorId: string, maxAmount: string, requisitionId?: string) => ok(await h.as(CUSTOMS, PROVIDE, { input: { debtorId, kind: "CASH_DEPOSIT", maxAmount, requisitionId } })).provideSecurity.security.id as string;
const suretyUser = (surety: string): Principal => partnerUser(surety);

async function debtIds(key: string): Promise<string[]> {
  return ((await h.subgraph.runtime.dataSource.query("SELECT id FROM customs_debt WHERE declaration_id = ?", [key])) as { id: string }[]).map(r => r.id);
}

async function outbox(type: string, aggregateId: string): Promise<Record<string, any>[]> {
  const rows = (await h.subgraph.runtime.dataSource.query("SELECT payload FROM outbox_event WHERE type = ? AND aggregate_id = ? ORDER BY seq", [type, aggregateId])) as { payload: string }[];
  return rows.map(r => JSON.parse(r.payload));
}

describe("several securities for one conditional claim (DEBT-R12, DEBT-R14, LD art. 76)", () => {
  it("lets a bond cover a conditional debt up to its headroom, asks security for the rest, and releases the goods only once a deposit covers it (DEBT-R12, DEBT-R14, LD art. 76 para. 2)", async () => {
    const carrier = randomUUID();
    const b = await bond(carrier, "1000.00");
    const debt = ok(await h.as(CUSTOMS, CONDITIONAL, { input: { reference: "T1-2001", debtorId: carrier, procedure: "TRANSIT", amount: "1500.00", securityIds: [b] } })).recordConditionalDebt.customsDebt;
    expect(debt).toMatchObject({ status: "CONDITIONAL", amount: "1500.00", securedAmount: "1000.00", unsecuredAmount: "500.00", goodsReleasable: false });
    const [requisition] = ok(await h.as(partnerUser(carrier), REQUISITIONS)).securityRequisitions.edges.map((e: any) => e.node);
    expect(requisition).toMatchObject({ amount: "500.00", legalGround: expect.stringContaining("LD art. 76 para. 2"), securityId: null });
    // CHF 0.01 short of the rest: refused, nothing changes.
    await expectRefused(CUSTOMS, PROVIDE, { input: { debtorId: carrier, kind: "CASH_DEPOSIT", maxAmount: "499.99", requisitionId: requisition.id } }, "SECURITY_TOO_LOW");
    expect(ok(await h.as(CUSTOMS, COVER, { id: debt.id })).customsDebt.goodsReleasable).toBe(false);
    await deposit(carrier, "500.00", requisition.id);
    expect(ok(await h.as(CUSTOMS, COVER, { id: debt.id })).customsDebt).toEqual({ status: "CONDITIONAL", amount: "1500.00", securedAmount: "1500.00", unsecuredAmount: "0.00", goodsReleasable: true });
    expect(await outbox("ConditionalDebtSecured", debt.id)).toEqual([{ debtId: debt.id, reference: "procedure:T1-2001", securedAt: "2026-03-02T08:00:00.000Z" }]);
  });

  it("uses several securities in the order given, each up to its headroom, and asks for nothing when they cover it all (DEBT-R14, LD art. 76-77)", async () => {
    const carrier = randomUUID();
    const small = await bond(carrier, "300.00");
    const cash = await deposit(carrier, "1000.00");
    const debt = ok(await h.as(CUSTOMS, CONDITIONAL, { input: { reference: "T1-2002", debtorId: carrier, procedure: "TEMPORARY_ADMISSION", amount: "800.00", securityIds: [small, cash] } })).recordConditionalDebt.customsDebt;
    expect(debt).toMatchObject({ securedAmount: "800.00", unsecuredAmount: "0.00", goodsReleasable: true });
    const reserved = (await h.subgraph.runtime.dataSource.query("SELECT security_id AS s, amount_rappen AS a FROM security_reservation WHERE debt_id = ? ORDER BY amount_rappen", [debt.id])) as { s: string; a: string }[];
    expect(reserved.map(r => [r.s, Number(r.a)])).toEqual([[small, 30000], [cash, 50000]]);
    expect(ok(await h.as(partnerUser(carrier), REQUISITIONS)).securityRequisitions.edges.map((e: any) => e.node)).toEqual([]);
    // A security of another debtor secures nothing here.
    await expectRefused(CUSTOMS, CONDITIONAL, { input: { reference: "T1-2003", debtorId: carrier, procedure: "TRANSIT", amount: "10.00", securityIds: [await bond(randomUUID(), "50.00")] } }, "SECURITY_REQUIRED");
  });
});

describe("a terminated bond covers nothing after its cut-off, on every path (DEBT-R16, LD art. 79 para. 2)", () => {
  it("attaches a conditional debt arising at the cut-off to the terminated bond, and refuses one arising 1 ms later, as a reservation would (DEBT-R16, LD art. 79 para. 2)", async () => {
    const carrier = randomUUID();
    const surety = randomUUID();
    h.clock.set("2026-06-15T10:00:00+02:00");
    const b = await bond(carrier, "20000.00", surety);
    h.clock.set("2027-06-15T09:00:00+02:00");
    expect(ok(await h.as(suretyUser(surety), TERMINATE, { input: { securityId: b } })).terminateBond.security.coverageCutoff).toBe("2027-07-15T21:59:59.999Z");
    h.clock.set("2027-07-15T21:59:59.999Z");
    expect(ok(await h.as(CUSTOMS, CONDITIONAL, { input: { reference: "T1-3001", debtorId: carrier, procedure: "TRANSIT", amount: "100.00", securityIds: [b] } })).recordConditionalDebt.customsDebt.goodsReleasable).toBe(true);
    h.clock.set("2027-07-15T22:00:00.000Z");
    const e = await expectRefused(CUSTOMS, CONDITIONAL, { input: { reference: "T1-3002", debtorId: carrier, procedure: "TRANSIT", amount: "100.00", securityIds: [b] } }, "BOND_NO_LONGER_COVERS");
    expect(e.extensions).toMatchObject({ rule: "DEBT-R16", article: "LD art. 79 para. 2", coverageCutoff: "2027-07-15T21:59:59.999Z" });
    // The same rule refuses a reservation of a claim born after the cut-off.
    const late = await h.taxedDebt({ declarantId: carrier, totalDuties: "50.00", acceptedAt: "2027-07-15T22:00:00.000Z" });
    await expectRefused(CUSTOMS, RESERVE, { input: { securityId: b, debtId: late, amount: "50.00" } }, "BOND_NO_LONGER_COVERS");
  });

  it("DEBT-R16 (LD art. 79 para. 2): refuses to release a pledge against a terminated bond when one of the secured debts arose after the bond's cut-off, even if another arose before it", async () => {
    const debtor = randomUUID();
    const surety = randomUUID();
    h.clock.set("2025-01-10T10:00:00+01:00");
    const b = await bond(debtor, "5000.00", surety);
    h.clock.set("2026-01-12T10:00:00+01:00");
    // Received 12 January: covers claims born up to the end of 11 February.
    expect(ok(await h.as(suretyUser(surety), TERMINATE, { input: { securityId: b } })).terminateBond.security.coverageCutoff).toBe("2026-02-11T22:59:59.999Z");
    h.clock.set("2026-02-12T12:00:00+01:00");
    const covered = await h.taxedDebt({ declarantId: debtor, totalDuties: "400.00", acceptedAt: "2026-02-01T10:00:00+01:00" });
    const notCovered = await h.taxedDebt({ declarantId: debtor, totalDuties: "400.00", acceptedAt: "2026-02-12T10:00:00+01:00" });
    const pledge = ok(await h.as(CUSTOMS, RECORD_PLEDGE, { input: { objectKind: "DUTIABLE_GOODS", description: "Crates of wine", ownerId: debtor, debtIds: [covered, notCovered], perishable: false } })).recordCustomsPledge.customsPledge.id;
    ok(await h.as(CUSTOMS, SEQUESTER, { id: pledge }));
    // The bond does not cover the claim born 12 February: the goods that secure it may not be returned against it.
    const e = await expectRefused(CUSTOMS, RELEASE_PLEDGE, { input: { pledgeId: pledge, securityId: b, reason: "Released against the bond" } }, "BOND_NO_LONGER_COVERS");
    expect(e.extensions).toMatchObject({ rule: "DEBT-R16", article: "LD art. 79 para. 2", coverageCutoff: "2026-02-11T22:59:59.999Z" });
  });

  it("DEBT-R16 (LD art. 79 para. 2): a procedure case opened (X11) within 30 days after the termination was received is still covered by the terminated general bond", async () => {
    const holder = randomUUID();
    const surety = randomUUID();
    h.clock.set("2026-06-15T10:00:00+02:00");
    const b = await bond(holder, "20000.00", surety);
    h.clock.set("2027-06-15T09:00:00+02:00");
    expect(ok(await h.as(suretyUser(surety), TERMINATE, { input: { securityId: b } })).terminateBond.security.coverageCutoff).toBe("2027-07-15T21:59:59.999Z");
    // Five days after receipt, well before the cut-off: the bond still covers claims born now.
    h.clock.set("2027-06-20T10:00:00+02:00");
    const caseId = randomUUID();
    expect(
      await h.declarationEvent("ProcedureCaseOpened", {
        caseId,
        declarationId: randomUUID(),
        declarationNumber: "27CH100100000451",
        procedure: "TRANSIT",
        holderId: holder,
        officeId: "1001",
        conditionalDuties: "1000.00",
        openedAt: "2027-06-20T09:30:00+02:00",
        timeLimit: "2027-06-27T23:59:59.999+02:00",
      }),
    ).toBe("PROCESSED");
    const [id] = await debtIds(`procedure:${caseId}`);
    expect(ok(await h.as(CUSTOMS, COVER, { id })).customsDebt).toMatchObject({ status: "CONDITIONAL", amount: "1000.00", securedAmount: "1000.00", unsecuredAmount: "0.00", goodsReleasable: true });
    expect(ok(await h.as(partnerUser(holder), REQUISITIONS)).securityRequisitions.edges).toEqual([]);
    // A case opened after the cut-off is not: the bond is passed over and the whole is asked for (DEBT-R18, LD art. 81).
    h.clock.set("2027-07-16T10:00:00+02:00");
    const lateCase = randomUUID();
    expect(
      await h.declarationEvent("ProcedureCaseOpened", {
        caseId: lateCase,
        declarationId: randomUUID(),
        declarationNumber: "27CH100100000452",
        procedure: "TRANSIT",
        holderId: holder,
        officeId: "1001",
        conditionalDuties: "300.00",
        openedAt: "2027-07-16T09:30:00+02:00",
        timeLimit: "2027-07-23T23:59:59.999+02:00",
      }),
    ).toBe("PROCESSED");
    const [late] = await debtIds(`procedure:${lateCase}`);
    expect(ok(await h.as(CUSTOMS, COVER, { id: late })).customsDebt).toMatchObject({ status: "CONDITIONAL", securedAmount: "0.00", unsecuredAmount: "300.00", goodsReleasable: false });
    expect(ok(await h.as(partnerUser(holder), REQUISITIONS)).securityRequisitions.edges.map((edge: { node: { amount: string } }) => edge.node.amount)).toEqual(["300.00"]);
  });
});

describe("limitation suspended during an appeal ends with the appeal, and prolongs only the period it suspended (DEBT-R11, LD art. 75 para. 2-3)", () => {
  const appeal = (declarationId: string, appealId: string, filedAt: string) => h.declarationEvent("AppealFiled", { appealId, taxationDecisionId: randomUUID(), declarationId, appellantId: randomUUID(), filedAt });
  const decided = (declarationId: string, appealId: string, decidedAt: string, id?: string) =>
    h.declarationEvent("AppealDecided", { appealId, taxationDecisionId: randomUUID(), declarationId, decidedAt, outcome: "Dismissed" }, id);

  it("stops the suspension when the appeal is decided, counting whole Zurich calendar days across the change to winter time (DEBT-R11, LD art. 75 para. 2)", async () => {
    const declarationId = randomUUID();
    const id = await h.taxedDebt({ declarantId: randomUUID(), totalDuties: "400.00", declarationId });
    const appealId = randomUUID();
    // Filed Tuesday 20 October 10:00 CEST, decided Thursday 5 November 10:00 CET: 16 calendar days,
    // 16 days and one hour on the clock.
    h.clock.set("2026-10-20T10:00:00+02:00");
    await appeal(declarationId, appealId, "2026-10-20T08:00:00.000Z");
    h.clock.set("2026-11-05T10:00:00+01:00");
    const envelope = randomUUID();
    expect(await decided(declarationId, appealId, "2026-11-05T09:00:00.000Z", envelope)).toBe("PROCESSED");
    // Five years from the end of 2026 is 31 December 2031 23:59:59.999 CET; plus 16 days: 16 January 2032, the end of the day.
    expect(ok(await h.as(CUSTOMS, LIMITATION, { id })).customsDebt.limitationDate).toBe("2032-01-16T22:59:59.999Z");
    // A year later the limitation has not moved: the suspension ended with the appeal.
    h.clock.set("2027-11-05T10:00:00+01:00");
    expect(ok(await h.as(CUSTOMS, LIMITATION, { id })).customsDebt.limitationDate).toBe("2032-01-16T22:59:59.999Z");
    // The same decision again, or another appeal's, changes nothing.
    const before = await h.fingerprint();
    expect(await decided(declarationId, appealId, "2026-11-05T09:00:00.000Z", envelope)).toBe("DUPLICATE");
    expect(await h.fingerprint()).toBe(before);
    await decided(declarationId, randomUUID(), "2027-01-01T09:00:00.000Z");
    expect(ok(await h.as(CUSTOMS, LIMITATION, { id })).customsDebt.limitationDate).toBe("2032-01-16T22:59:59.999Z");
  });

  it("counts a suspension decided the day it was filed as no day, and one still pending up to today (DEBT-R11, LD art. 75 para. 2)", async () => {
    const declarationId = randomUUID();
    const id = await h.taxedDebt({ declarantId: randomUUID(), totalDuties: "400.00", declarationId });
    const sameDay = randomUUID();
    await appeal(declarationId, sameDay, "2026-03-02T08:00:00.000Z");
    await decided(declarationId, sameDay, "2026-03-02T16:00:00.000Z");
    expect(ok(await h.as(CUSTOMS, LIMITATION, { id })).customsDebt.limitationDate).toBe("2031-12-31T22:59:59.999Z");
    const pending = randomUUID();
    await appeal(declarationId, pending, "2026-03-02T08:00:00.000Z");
    h.clock.set("2026-03-09T23:30:00+01:00");
    expect(ok(await h.as(CUSTOMS, LIMITATION, { id })).customsDebt.limitationDate).toBe("2032-01-07T22:59:59.999Z");
  });

  it("DEBT-R11 (LD art. 75 para. 2-3): an appeal decided before an interruption does not prolong the new 5-year period the interruption starts", async () => {
    const declarationId = randomUUID();
    const id = await h.taxedDebt({ declarantId: randomUUID(), totalDuties: "400.00", declarationId });
    const appealId = randomUUID();
    h.clock.set("2026-04-01T10:00:00+02:00");
    expect(await appeal(declarationId, appealId, "2026-04-01T08:00:00.000Z")).toBe("PROCESSED");
    h.clock.set("2026-10-01T10:00:00+02:00");
    expect(await decided(declarationId, appealId, "2026-10-01T08:00:00.000Z")).toBe("PROCESSED");
    // The appeal suspended the first period: 31 Dec 2031 + 183 days.
    expect(ok(await h.as(CUSTOMS, LIMITATION, { id })).customsDebt.limitationDate).toBe("2032-07-01T21:59:59.999Z");
    // A recovery action in 2027 starts a new period: five years from the end of 2027 (DEBT-R11 DESIGN CHOICE).
    // The appeal ended before that period began and suspended none of it.
    h.clock.set("2027-06-01T10:00:00+02:00");
    expect(ok(await h.as(CUSTOMS, INTERRUPT, { input: { debtId: id, reason: "Reminder sent to the debtor" } })).interruptLimitation.customsDebt.limitationDate).toBe("2032-12-31T22:59:59.999Z");
    // An appeal filed after the interruption suspends the new period, by its days (10 to 20 September 2027).
    const second = randomUUID();
    h.clock.set("2027-09-10T10:00:00+02:00");
    await appeal(declarationId, second, "2027-09-10T08:00:00.000Z");
    h.clock.set("2027-09-20T10:00:00+02:00");
    await decided(declarationId, second, "2027-09-20T08:00:00.000Z");
    expect(ok(await h.as(CUSTOMS, LIMITATION, { id })).customsDebt.limitationDate).toBe("2033-01-10T22:59:59.999Z");
  });
});

describe("remission of a conditional taxation (DEBT-R23, LD art. 86 para. 2)", () => {
  it("takes a request while the procedure runs, then until the end of the same date a year after the procedure ended, and refuses it 1 ms later (DEBT-R23, LD art. 86 para. 2; T8)", async () => {
    const carrier = randomUUID();
    const b = await bond(carrier, "5000.00");
    const debt = ok(await h.as(CUSTOMS, CONDITIONAL, { input: { reference: "IP-7001", debtorId: carrier, procedure: "INWARD_PROCESSING", amount: "2000.00", securityIds: [b] } })).recordConditionalDebt.customsDebt;
    const ask = { debtId: debt.id, ground: "DESTROYED_IN_CUSTODY_OR_PROCEDURE", justification: "The goods burned in the processing plant" };
    // More than a year after the debt was recorded, the procedure still running: no deadline runs yet.
    h.clock.set("2027-05-01T10:00:00+02:00");
    expect(ok(await h.as(partnerUser(carrier), REMISSION, { input: ask })).requestRemission.remissionRequest).toMatchObject({ status: "PENDING", deadline: null });
    h.clock.set("2027-06-15T10:00:00+02:00");
    await h.as(DGD, `mutation ($id: ID!) { decideRemission(input: { requestId: $id, grant: false }) { remissionRequest { id } } }`, { id: (await h.subgraph.runtime.dataSource.query("SELECT id FROM remission_request WHERE debt_id = ?", [debt.id]))[0].id });
    expect(ok(await h.as(CUSTOMS, SETTLE, { id: debt.id, d: false })).settleProcedureDebt.customsDebt).toEqual({ status: "DUE", procedureEndedAt: "2027-06-15T08:00:00.000Z" });
    h.clock.set("2028-06-15T23:59:59.999+02:00");
    expect(ok(await h.as(partnerUser(carrier), REMISSION, { input: ask })).requestRemission.remissionRequest).toMatchObject({ status: "PENDING", deadline: "2028-06-15T21:59:59.999Z" });
    await h.as(DGD, `mutation ($id: ID!) { decideRemission(input: { requestId: $id, grant: false }) { remissionRequest { id } } }`, { id: (await h.subgraph.runtime.dataSource.query("SELECT id FROM remission_request WHERE debt_id = ? AND status = 'PENDING'", [debt.id]))[0].id });
    h.clock.set("2028-06-16T00:00:00.000+02:00");
    const e = await expectRefused(partnerUser(carrier), REMISSION, { input: ask }, "REMISSION_TOO_LATE");
    expect(e.extensions).toMatchObject({ rule: "DEBT-R23", article: "LD art. 86 para. 2", deadline: "2028-06-15T21:59:59.999Z" });
  });
});

describe("small amounts in cases of abuse (DEBT-R07, OD-AFD art. 58 para. 2)", () => {
  it("levies a debt of CHF 5.00 once declarations reports abuse, payable within the payment period from the finding (DEBT-R07, OD-AFD art. 58 para. 2)", async () => {
    const taxationDecisionId = randomUUID();
    const id = await h.taxedDebt({ declarantId: randomUUID(), totalDuties: "5.00", taxationDecisionId });
    expect(ok(await h.as(CUSTOMS, DEBT, { id })).customsDebt).toMatchObject({ status: "NOT_LEVIED", amount: "5.00" });
    h.clock.set("2026-03-10T14:00:00+01:00");
    const envelope = randomUUID();
    expect(await h.declarationEvent("TaxationAbuseFound", { taxationDecisionId, declarationId: randomUUID(), flaggedAt: "2026-03-10T13:00:00.000Z", reason: "Split consignment" }, envelope)).toBe("PROCESSED");
    expect(ok(await h.as(CUSTOMS, DEBT, { id })).customsDebt).toEqual({ status: "DUE", amount: "5.00", paymentDeadline: "2026-04-09T21:59:59.999Z", outstanding: "5.00" });
    const before = await h.fingerprint();
    expect(await h.declarationEvent("TaxationAbuseFound", { taxationDecisionId, declarationId: randomUUID(), flaggedAt: "2026-03-10T13:00:00.000Z", reason: "Split consignment" }, envelope)).toBe("DUPLICATE");
    expect(await h.fingerprint()).toBe(before);
  });
});

describe("the surety's rights (DEBT-R15, LD art. 78)", () => {
  async function securedByBond(amount: string) {
    const debtor = randomUUID();
    const surety = randomUUID();
    const id = await h.taxedDebt({ declarantId: debtor, totalDuties: amount });
    const b = await bond(debtor, "10000.00", surety);
    ok(await h.as(CUSTOMS, RESERVE, { input: { securityId: b, debtId: id, amount } }));
    return { debtor, surety, id, bond: b };
  }

  it("gives a surety that paid, on request, one receipt for its recourse against the debtors; not for a debtor's payment, not to a stranger (DEBT-R15, LD art. 78 para. 1)", async () => {
    const { debtor, surety, id } = await securedByBond("700.00");
    const byDebtor = ok(await h.as(CUSTOMS, PAY, { input: { debtId: id, payerId: debtor, amount: "200.00", method: "CASHLESS" } })).recordPayment.payment;
    h.clock.set("2026-03-05T10:00:00+01:00");
    const bySurety = ok(await h.as(CUSTOMS, PAY, { input: { debtId: id, payerId: surety, amount: "500.00", method: "CASHLESS" } })).recordPayment.payment;
    expect(bySurety).toMatchObject({ bySurety: true, suretyReceipt: null });
    await expectRefused(partnerUser(randomUUID()), RECEIPT, { id: bySurety.id }, "NOT_FOUND");
    await expectRefused(CUSTOMS, RECEIPT, { id: byDebtor.id }, "NOT_PAID_BY_A_SURETY");
    h.clock.set("2026-03-06T11:00:00+01:00");
    const receipt = ok(await h.as(suretyUser(surety), RECEIPT, { id: bySurety.id })).issueSuretyReceipt.suretyReceipt;
    expect(receipt).toEqual({ id: expect.any(String), number: expect.stringMatching(/^SR-2026-[0-9A-F]{8}$/), amount: "500.00", paidAt: "2026-03-05T09:00:00.000Z", issuedAt: "2026-03-06T10:00:00.000Z", surety: { id: surety }, recourseAgainst: [{ id: debtor }] });
    const again = await expectRefused(CUSTOMS, RECEIPT, { id: bySurety.id }, "RECEIPT_ALREADY_ISSUED");
    expect(again.extensions).toMatchObject({ rule: "DEBT-R15", article: "LD art. 78 para. 1", receiptId: receipt.id });
  });

  it("issues one receipt when 50 requests for it race: the others get RECEIPT_ALREADY_ISSUED (DEBT-R15, LD art. 78 para. 1)", async () => {
    const { surety, id } = await securedByBond("250.00");
    const payment = ok(await h.as(CUSTOMS, PAY, { input: { debtId: id, payerId: surety, amount: "250.00", method: "CASHLESS" } })).recordPayment.payment;
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => h.as(suretyUser(surety), RECEIPT, { id: payment.id })));
    expect(outcomes.filter(o => !o.errors)).toHaveLength(1);
    expect(outcomes.filter(o => o.errors).map(o => o.errors![0].extensions?.code).filter(c => c !== "RECEIPT_ALREADY_ISSUED" && c !== "CONCURRENT_MODIFICATION")).toEqual([]);
    const [row] = await h.subgraph.runtime.dataSource.query("SELECT COUNT(*) AS n FROM surety_receipt WHERE payment_id = ?", [payment.id]);
    expect(Number(row.n)).toBe(1);
  });

  it("hands the pledged goods to the surety whose payment settles the last debt they secure, not before (DEBT-R15, LD art. 78 para. 2)", async () => {
    const { debtor, surety, id } = await securedByBond("300.00");
    const other = await h.taxedDebt({ declarantId: debtor, totalDuties: "100.00" });
    const single = ok(await h.as(CUSTOMS, RECORD_PLEDGE, { input: { objectKind: "DUTIABLE_GOODS", description: "Pallet of bicycles", ownerId: debtor, debtIds: [id], perishable: false } })).recordCustomsPledge.customsPledge.id;
    const shared = ok(await h.as(CUSTOMS, RECORD_PLEDGE, { input: { objectKind: "DUTIABLE_GOODS", description: "Second pallet", ownerId: debtor, debtIds: [id, other], perishable: false } })).recordCustomsPledge.customsPledge.id;
    ok(await h.as(CUSTOMS, SEQUESTER, { id: single }));
    ok(await h.as(CUSTOMS, PAY, { input: { debtId: id, payerId: surety, amount: "300.00", method: "CASHLESS" } }));
    const pledges = ok(await h.as(CUSTOMS, PLEDGES)).customsPledges.edges.map((e: any) => e.node);
    expect(pledges.find((p: { id: string }) => p.id === single)).toEqual({ id: single, status: "HANDED_TO_SURETY", releasedAt: "2026-03-02T08:00:00.000Z", releaseReason: expect.stringContaining("LD art. 78 para. 2") });
    expect(pledges.find((p: { id: string }) => p.id === shared)).toMatchObject({ status: "ARISEN", releasedAt: null });
  });

  it("lets the surety raise the debtor's defences by asking for remission, and binds it by the enforceable title against the debtor (DEBT-R15, LD art. 78 para. 3-4)", async () => {
    const { surety, id } = await securedByBond("900.00");
    const ask = { debtId: id, ground: "PARTICULARLY_HARSH", justification: "The debtor lost the goods and its business in a fire" };
    await expectRefused(partnerUser(randomUUID()), REMISSION, { input: ask }, "FORBIDDEN");
    expect(ok(await h.as(suretyUser(surety), REMISSION, { input: ask })).requestRemission.remissionRequest.status).toBe("PENDING");
    h.clock.set("2026-05-01T10:00:00+02:00");
    await h.subgraph.jobs.runOnce();
    expect(ok(await h.as(CUSTOMS, ENFORCE, { id })).openDebtEnforcement.enforcementCase.bindsSureties).toEqual([{ id: surety }]);
  });
});

describe("events declarations and identity rely on", () => {
  it("tells declarations when the security of a provisional taxation is provided, and nothing for a lower deposit (DEC-R55, LD art. 39 para. 3; DEBT-R28)", async () => {
    const declarant = randomUUID();
    const taxationDecisionId = randomUUID();
    await h.declarationEvent("ProvisionalTaxationRequested", { declarationId: randomUUID(), taxationDecisionId, declarantId: declarant, securityRequired: "2200.00" });
    const [requisition] = ok(await h.as(partnerUser(declarant), REQUISITIONS)).securityRequisitions.edges.map((e: any) => e.node);
    await expectRefused(CUSTOMS, PROVIDE, { input: { debtorId: declarant, kind: "CASH_DEPOSIT", maxAmount: "2199.99", requisitionId: requisition.id } }, "SECURITY_TOO_LOW");
    expect(await outbox("ProvisionalTaxationSecured", taxationDecisionId)).toEqual([]);
    const security = await deposit(declarant, "2200.00", requisition.id);
    expect(await outbox("ProvisionalTaxationSecured", taxationDecisionId)).toEqual([{ taxationDecisionId, requisitionId: requisition.id, securityId: security, securedAt: "2026-03-02T08:00:00.000Z" }]);
  });

  it("tells identity when a security stops covering its debtor: cancelled, or a bond's termination received (ID-R25, OD-AFD art. 8 para. 1 let. c; DEBT-R16)", async () => {
    const debtor = randomUUID();
    const surety = randomUUID();
    const cash = await deposit(debtor, "100.00");
    ok(await h.as(CUSTOMS, CANCEL, { input: { securityId: cash } }));
    h.clock.set("2026-01-01T10:00:00+01:00");
    const b = await bond(debtor, "100.00", surety);
    h.clock.set("2027-01-04T10:00:00+01:00");
    ok(await h.as(suretyUser(surety), TERMINATE, { input: { securityId: b } }));
    expect(await outbox("SecurityEnded", debtor)).toEqual([
      { partnerId: debtor, securityId: cash, reason: "CANCELLED", endedAt: "2026-03-02T08:00:00.000Z" },
      { partnerId: debtor, securityId: b, reason: "TERMINATION_RECEIVED", endedAt: "2027-01-04T09:00:00.000Z" },
    ]);
  });

  it("releases a pledge against a terminated bond only for claims born by its cut-off: the one rule again (DEBT-R16, LD art. 79 para. 2; DEBT-R21, LD art. 84)", async () => {
    const debtor = randomUUID();
    const surety = randomUUID();
    h.clock.set("2025-01-10T10:00:00+01:00");
    const b = await bond(debtor, "5000.00", surety);
    h.clock.set("2026-01-12T10:00:00+01:00");
    ok(await h.as(suretyUser(surety), TERMINATE, { input: { securityId: b } }));
    h.clock.set("2026-02-12T10:00:00+01:00");
    const id = await h.taxedDebt({ declarantId: debtor, totalDuties: "400.00" });
    const pledge = ok(await h.as(CUSTOMS, RECORD_PLEDGE, { input: { objectKind: "DUTIABLE_GOODS", description: "Crates of wine", ownerId: debtor, debtIds: [id], perishable: false } })).recordCustomsPledge.customsPledge.id;
    ok(await h.as(CUSTOMS, SEQUESTER, { id: pledge }));
    const e = await expectRefused(CUSTOMS, RELEASE_PLEDGE, { input: { pledgeId: pledge, securityId: b, reason: "Released against the bond" } }, "BOND_NO_LONGER_COVERS");
    expect(e.extensions).toMatchObject({ rule: "DEBT-R16", article: "LD art. 79 para. 2" });
  });
});
