import type { Principal } from "../kit";
import { CUSTOMS, Declarant, DeclarationsHarness, importInput, LODGE, nodes, startDeclarations } from "../../test/support/declarations-harness";

/**
 * Every deadline of DOMAIN.md §8 that the declarations subgraph owns, proved at its boundary on
 * MariaDB: the last allowed instant and the first late one (1 ms later), over a weekend and over a
 * cantonal public holiday that one office keeps and another does not.
 *
 * The offices (migration 1763800000300): 1001 Basel (BS, counters 07:30–11:45 and 13:15–17:30),
 * 2301 Chiasso (TI, same hours), 3001 Genève (GE, 08:00–12:00 and 13:30–17:00), 4001 Zürich
 * (ZH, 07:00–18:00). Public holidays used below (date-holidays, type "public"): Good Friday
 * 3 April 2026 in BS, GE and ZH but not in TI; Easter Monday 6 April 2026 everywhere; Labour Day
 * Friday 1 May 2026 in BS, ZH and TI but not in GE; Berchtoldstag 2 January is none in ZH.
 *
 * Zurich is UTC+1 (CET) until Sunday 29 March 2026 02:00 and UTC+2 (CEST) after: every expected
 * instant below is worked out by hand in local time and written in UTC, as the graph returns it.
 */
let h: DeclarationsHarness;

beforeAll(async () => {
  h = await startDeclarations("customs_test_declarations_deadlines");
  // The harness starts the job runner on a one-second timer with the same fixed clock: a tick
  // between two steps would flag or move rows on its own and break the counts and fingerprints
  // below. This suite runs the jobs itself, at the instants it chooses.
  await h.subgraph.jobs.stop();
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(() => {
  h.subgraph.services.selection.random = () => 0.5;
});

type Vars = Record<string, unknown>;

async function expectRefused(principal: Principal, query: string, variables: Vars, code: string) {
  const before = await h.fingerprint();
  const res = await h.as(principal, query, variables);
  expect(res.errors?.[0]?.extensions?.code).toBe(code);
  expect(await h.fingerprint()).toBe(before);
  return res.errors![0];
}

/** Runs a mutation or query that must succeed and returns its data. */
async function ok(principal: Principal, query: string, variables: Vars = {}): Promise<Record<string, any>> {
  const res = await h.as(principal, query, variables);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

/**
 * The jobs scan the whole database. Moving every earlier test's open deadline past, far in the
 * future, leaves each count below to the test that asserts it.
 */
async function settleEarlierTests() {
  const now = h.clock.now();
  h.clock.set("2030-01-01T00:00:00Z");
  await h.subgraph.jobs.runOnce();
  h.clock.set(now);
}

const PRESENT = `mutation ($input: PresentGoodsInput!) { presentGoods(input: $input) { presentation { id presentedAt declarationDueBy status } } }`;
const DECLARATION = `query ($id: ID!) {
  declaration(id: $id) {
    id status isPreDeclaration releasedAt removalDueBy removalOverdue removedAt changeOfTaxationDeadline
    presentation { status declarationDueBy declarationOverdue }
    documents { edges { node { kind identificationMark dueAt overdue } } }
    refusals { edges { node { resubmissionDueBy resubmittedAt } } }
    taxationDecisions { edges { node { id kind status establishedAt paperIssued paperReturnDueBy documentsDueBy finalisedAt appealDeadline totalDuties lines { tariffNumber basis amount note } appeals { edges { node { id status deadline filedAt } } } } } }
  }
}`;
const REFUSE = `mutation ($id: ID!) { refuseDeclaration(input: { declarationId: $id, reasons: ["Commercial invoice missing"] }) { refusal { refusedAt resubmissionDueBy } } }`;
const RESUBMIT = `mutation ($id: ID!, $items: [DeclarationItemInput!]!) { resubmitDeclaration(input: { declarationId: $id, items: $items }) { declaration { status acceptedAt refusals { edges { node { resubmittedAt } } } } } }`;
const EXTEND_RESUBMISSION = `mutation ($input: ExtendResubmissionInput!) { extendResubmission(input: $input) { refusal { resubmissionDueBy } } }`;
const TAX = `mutation ($input: TaxDeclarationInput!) { taxDeclaration(input: $input) { taxationDecision { id kind status establishedAt paperIssued appealDeadline documentsDueBy finalisedAt totalDuties lines { tariffNumber basis amount note } } } }`;
const CANCEL = `mutation ($id: ID!) { cancelTaxationDecision(input: { taxationDecisionId: $id, notice: "Wrong tariff number, a new decision follows" }) { taxationDecision { status cancelledAt paperIssued paperReturnDueBy } } }`;
const REMOVE = `mutation ($id: ID!) { recordRemoval(input: { declarationId: $id }) { declaration { removedAt removalDueBy removalOverdue changeOfTaxationDeadline } } }`;
const EXTEND_REMOVAL = `mutation ($input: ExtendRemovalInput!) { extendRemovalDeadline(input: $input) { override { deadlineKind computedValue newValue reason officer overriddenAt } } }`;
const REQUEST_CHANGE = `mutation ($input: RequestTaxationChangeInput!) { requestTaxationChange(input: $input) { request { status submittedAt goodsLeftCustodyAt } } }`;
const APPEAL = `mutation ($id: ID!) { fileAppeal(input: { taxationDecisionId: $id, grounds: "The tariff number applied is wrong" }) { appeal { id status deadline filedAt } } }`;
const OVERRIDE_DOCUMENT = `mutation ($input: OverrideDocumentDeadlineInput!) { overrideDocumentDeadline(input: $input) { override { deadlineKind computedValue newValue reason officer } } }`;
const OVERRIDE_DECLARATION = `mutation ($input: OverrideDeclarationDeadlineInput!) { overrideDeclarationDeadline(input: $input) { override { deadlineKind computedValue newValue reason officer } } }`;
const OVERDUE_DOCUMENTS = `{ overdueDocuments { edges { node { identificationMark } } } }`;

const T_SHIRTS = [{ tariffNumber: "6109.1000", description: "T-shirts, cotton", netMassKg: "950.000", grossMassKg: "1000.500", value: "25000.00", origin: "PT" }];
/** Rule R2 blocks bovine meat on import, whatever the random draw. */
const BEEF = [{ tariffNumber: "0201.2000", description: "Beef cuts with bone, chilled", netMassKg: "950.000", grossMassKg: "1000.500", value: "18000.00", origin: "AR" }];

function exportInput(d: Declarant, overrides: Vars = {}) {
  return importInput(d, { direction: "EXPORT", procedure: "EXPORT", channel: "EDEC", ...overrides });
}

async function present(d: Declarant, officeId = "1001", declarationId?: string): Promise<Record<string, any>> {
  const data = await ok(d.software, PRESENT, { input: { officeId, presenterId: d.partnerId, summaryForm: "ELECTRONIC", place: "Customs yard", goodsDescription: "Goods for clearance", declarationId } });
  return data.presentGoods.presentation;
}

const ATTEST_EDEC_WEB = `mutation ($id: ID!) { attestEdecWebAcceptance(input: { declarationId: $id }) { declaration { id status } } }`;

async function lodge(d: Declarant, input: Vars): Promise<Record<string, any>> {
  return (await ok(d.software, LODGE, { input })).lodgeDeclaration.declaration;
}

/** Presents the goods at the office of `input` and declares them now (OD-AFD art. 4). */
async function declareAfterPresentation(d: Declarant, input: Vars): Promise<Record<string, any>> {
  const presentation = await present(d, String(input.officeId ?? "1001"));
  const lodged = await lodge(d, { ...input, presentationId: presentation.id });
  // DEC-R18 (OD-AFD art. 20d para. 3): the office accepts an e-dec web declaration it received with the goods.
  if (input.channel === "EDEC_WEB") await ok(CUSTOMS, ATTEST_EDEC_WEB, { id: lodged.id });
  return lodged;
}

async function declaration(id: string): Promise<Record<string, any>> {
  return (await ok(CUSTOMS, DECLARATION, { id })).declaration;
}

async function taxFinal(id: string): Promise<Record<string, any>> {
  return (await ok(CUSTOMS, TAX, { input: { declarationId: id, kind: "FINAL" } })).taxDeclaration.taxationDecision;
}

async function outboxEvents(aggregateIds: string[], type: string): Promise<{ aggregate_id: string; payload: string }[]> {
  return h.subgraph.runtime.dataSource.query(`SELECT aggregate_id, payload FROM outbox_event WHERE type = ? AND aggregate_id IN (${aggregateIds.map(() => "?").join(", ")}) ORDER BY seq`, [type, ...aggregateIds]);
}

describe("declaration after presentation", () => {
  it("makes the declaration due at 23:59:59.999 of the next business day: presented Thursday 23:59:59.999 → Friday, from Friday 00:00 → Monday (DEC-R06, OD-AFD art. 4)", async () => {
    const d = await h.declarant();
    // Thursday 5 March 23:59:59.999 CET is still Thursday in Zurich: due Friday 6 March 23:59:59.999 CET.
    h.clock.set("2026-03-05T22:59:59.999Z");
    expect((await present(d)).declarationDueBy).toBe("2026-03-06T22:59:59.999Z");
    // Friday 6 March 00:00 CET (still Thursday in UTC): over the weekend to Monday 9 March 23:59:59.999 CET.
    h.clock.set("2026-03-05T23:00:00.000Z");
    expect((await present(d)).declarationDueBy).toBe("2026-03-09T22:59:59.999Z");
  });

  it("makes the declaration due after Good Friday and Easter Monday in Basel but on Good Friday in Chiasso, after Labour Day in Basel but on it in Genève, and on Berchtoldstag in Zürich (DEC-R06, OD-AFD art. 4)", async () => {
    const d = await h.declarant();
    // Thursday 2 April 10:00 CEST. Basel: Fri 3 and Mon 6 are holidays → Tuesday 7 April 23:59:59.999 CEST.
    h.clock.set("2026-04-02T08:00:00.000Z");
    expect((await present(d, "1001")).declarationDueBy).toBe("2026-04-07T21:59:59.999Z");
    // Ticino keeps no Good Friday → Friday 3 April 23:59:59.999 CEST.
    expect((await present(d, "2301")).declarationDueBy).toBe("2026-04-03T21:59:59.999Z");
    // Thursday 30 April 10:00 CEST. Basel keeps Labour Day → Monday 4 May; Geneva does not → Friday 1 May.
    h.clock.set("2026-04-30T08:00:00.000Z");
    expect((await present(d, "1001")).declarationDueBy).toBe("2026-05-04T21:59:59.999Z");
    expect((await present(d, "3001")).declarationDueBy).toBe("2026-05-01T21:59:59.999Z");
    // New Year's Day, Thursday 1 January 10:00 CET, at Zürich airport: Berchtoldstag (Friday 2 January)
    // is no public holiday in ZH → due Friday 2 January 23:59:59.999 CET.
    h.clock.set("2026-01-01T09:00:00.000Z");
    expect((await present(d, "4001")).declarationDueBy).toBe("2026-01-02T22:59:59.999Z");
  });

  it("lets an officer adapt the declaration deadline with a reason, refuses a partner, and refuses once the goods are declared (DEC-R06, OD-AFD art. 4 para. 2; T10)", async () => {
    const d = await h.declarant();
    h.clock.set("2026-03-06T14:00:00.000Z"); // Friday 6 March 15:00 CET → due Monday 9 March 23:59:59.999 CET
    const presentation = await present(d);
    expect(presentation).toMatchObject({ declarationDueBy: "2026-03-09T22:59:59.999Z" });
    const until = "2026-03-11T22:59:59.999Z"; // Wednesday 11 March 23:59:59.999 CET
    const input = { presentationId: presentation.id, until, reason: "The consignee's broker is closed for its inventory" };
    await expectRefused(d.software, OVERRIDE_DECLARATION, { input }, "OFFICER_ROLE_REQUIRED");
    expect((await ok(CUSTOMS, OVERRIDE_DECLARATION, { input })).overrideDeclarationDeadline.override).toMatchObject({
      deadlineKind: "DECLARATION_DUE",
      computedValue: "2026-03-09T22:59:59.999Z",
      newValue: until,
      reason: input.reason,
    });
    // Declared at the last moment of the adapted deadline.
    h.clock.set(until);
    const decl = await lodge(d, importInput(d, { presentationId: presentation.id }));
    expect((await declaration(decl.id)).presentation).toMatchObject({ declarationDueBy: until, declarationOverdue: false });
    await expectRefused(CUSTOMS, OVERRIDE_DECLARATION, { input: { ...input, until: "2026-03-12T22:59:59.999Z" } }, "ALREADY_DECLARED");
  });
});

describe("pre-declaration windows", () => {
  it("refuses an import pre-declaration until 23:59:59.999 of the day before the working day preceding introduction and accepts it from 00:00 of that day: introduction Monday → from Friday (DEC-R08, OD-AFD art. 5 para. 1 let. a)", async () => {
    const d = await h.declarant();
    // Introduction Monday 9 March 10:00 CET; the preceding working day is Friday 6 March, from 00:00 CET.
    const input = importInput(d, { plannedCrossingAt: "2026-03-09T10:00:00+01:00" });
    h.clock.set("2026-03-05T22:59:59.999Z"); // Thursday 5 March 23:59:59.999 CET
    const error = await expectRefused(d.software, LODGE, { input }, "PRE_DECLARATION_TOO_EARLY");
    expect(error.extensions).toMatchObject({ rule: "DEC-R08", article: "OD-AFD art. 5 para. 1 let. a", earliest: "2026-03-05T23:00:00.000Z" });
    h.clock.set("2026-03-05T23:00:00.000Z"); // Friday 6 March 00:00 CET
    expect(await lodge(d, input)).toMatchObject({ status: "ACCEPTED", isPreDeclaration: true });
  });

  it("opens an import pre-declaration for Tuesday 7 April on Thursday 2 April in Basel (Good Friday, Easter Monday) but only on Good Friday in Chiasso (DEC-R08, OD-AFD art. 5 para. 1 let. a)", async () => {
    const d = await h.declarant();
    const planned = "2026-04-07T09:00:00+02:00";
    const basel = importInput(d, { officeId: "1001", plannedCrossingAt: planned });
    const chiasso = importInput(d, { officeId: "2301", plannedCrossingAt: planned });
    // Basel: Mon 6 and Fri 3 are holidays, the preceding working day is Thursday 2 April (00:00 CEST = 22:00Z on 1 April).
    h.clock.set("2026-04-01T21:59:59.999Z");
    await expectRefused(d.software, LODGE, { input: basel }, "PRE_DECLARATION_TOO_EARLY");
    h.clock.set("2026-04-01T22:00:00.000Z");
    expect(await lodge(d, basel)).toMatchObject({ status: "ACCEPTED", isPreDeclaration: true });
    // Chiasso: Good Friday is a working day in Ticino, so the window opens Friday 3 April 00:00 CEST.
    await expectRefused(d.software, LODGE, { input: chiasso }, "PRE_DECLARATION_TOO_EARLY");
    h.clock.set("2026-04-02T21:59:59.999Z");
    await expectRefused(d.software, LODGE, { input: chiasso }, "PRE_DECLARATION_TOO_EARLY");
    h.clock.set("2026-04-02T22:00:00.000Z");
    expect(await lodge(d, chiasso)).toMatchObject({ status: "ACCEPTED", isPreDeclaration: true });
  });

  it("refuses an export pre-declaration before the 4th working day before shipment and accepts it from 00:00 of that day: shipment Friday → from Monday of the same week (DEC-R09, OD-AFD art. 5 para. 1 let. b)", async () => {
    const d = await h.declarant();
    // Shipment Friday 13 March 14:00 CET: Thu 12, Wed 11, Tue 10, Mon 9 → from Monday 9 March 00:00 CET.
    const input = exportInput(d, { plannedCrossingAt: "2026-03-13T14:00:00+01:00" });
    h.clock.set("2026-03-08T22:59:59.999Z"); // Sunday 8 March 23:59:59.999 CET
    const error = await expectRefused(d.software, LODGE, { input }, "PRE_DECLARATION_TOO_EARLY");
    expect(error.extensions).toMatchObject({ rule: "DEC-R09", article: "OD-AFD art. 5 para. 1 let. b", earliest: "2026-03-08T23:00:00.000Z" });
    h.clock.set("2026-03-08T23:00:00.000Z"); // Monday 9 March 00:00 CET
    expect(await lodge(d, input)).toMatchObject({ status: "ACCEPTED", isPreDeclaration: true, selectionResult: "FREE" });
  });

  it("opens an export pre-declaration for Thursday 9 April on Wednesday 1 April in Basel (Easter) but on Thursday 2 April in Chiasso (DEC-R09, OD-AFD art. 5 para. 1 let. b)", async () => {
    const d = await h.declarant();
    const planned = "2026-04-09T14:00:00+02:00";
    const basel = exportInput(d, { officeId: "1001", plannedCrossingAt: planned });
    const chiasso = exportInput(d, { officeId: "2301", plannedCrossingAt: planned });
    // Basel: Wed 8, Tue 7, [Mon 6, Fri 3 holidays], Thu 2, Wed 1 → Wednesday 1 April 00:00 CEST (22:00Z on 31 March).
    h.clock.set("2026-03-31T21:59:59.999Z");
    await expectRefused(d.software, LODGE, { input: basel }, "PRE_DECLARATION_TOO_EARLY");
    h.clock.set("2026-03-31T22:00:00.000Z");
    expect(await lodge(d, basel)).toMatchObject({ status: "ACCEPTED", isPreDeclaration: true });
    // Chiasso: Wed 8, Tue 7, [Mon 6], Fri 3, Thu 2 → Thursday 2 April 00:00 CEST.
    await expectRefused(d.software, LODGE, { input: chiasso }, "PRE_DECLARATION_TOO_EARLY");
    h.clock.set("2026-04-01T21:59:59.999Z");
    await expectRefused(d.software, LODGE, { input: chiasso }, "PRE_DECLARATION_TOO_EARLY");
    h.clock.set("2026-04-01T22:00:00.000Z");
    expect(await lodge(d, chiasso)).toMatchObject({ status: "ACCEPTED", isPreDeclaration: true });
  });

  it("pre-declares quota goods from 00:00 of the day they are presented, not at 23:59:59.999 the day before, even inside the import window (DEC-R10, OD-AFD art. 5 para. 2)", async () => {
    const d = await h.declarant();
    const wheat = [{ tariffNumber: "1001.9900", description: "Wheat, in-quota", netMassKg: "24000.000", grossMassKg: "24000.000", value: "9000.00", origin: "FR", quotaGoods: true }];
    const input = importInput(d, { plannedCrossingAt: "2026-03-10T15:00:00+01:00", items: wheat });
    // Monday 9 March 23:59:59.999 CET: the window of DEC-R08 is open, but not the day of presentation.
    h.clock.set("2026-03-09T22:59:59.999Z");
    const error = await expectRefused(d.software, LODGE, { input }, "QUOTA_GOODS_NOT_PRESENTED");
    expect(error.extensions).toMatchObject({ rule: "DEC-R10", article: "OD-AFD art. 5 para. 2", field: "input.plannedCrossingAt", earliest: "2026-03-09T23:00:00.000Z" });
    // The same goods without the quota are accepted at that moment: the refusal is the quota's alone.
    expect(await lodge(d, importInput(d, { plannedCrossingAt: "2026-03-10T15:00:00+01:00", items: [{ ...wheat[0], quotaGoods: false }] }))).toMatchObject({ isPreDeclaration: true });
    // Tuesday 10 March 00:00:00.000 CET, the day of presentation: a pre-declaration is allowed.
    h.clock.set("2026-03-09T23:00:00.000Z");
    const early = await lodge(d, input);
    expect(early).toMatchObject({ status: "ACCEPTED", isPreDeclaration: true });
    // Presented that day at 23:59:59.999: still the day it was declared.
    h.clock.set("2026-03-10T22:59:59.999Z");
    expect((await present(d, "1001", early.id)).status).toBe("RELEASED");
  });

  it("refuses to present quota goods declared on an earlier day, from 00:00 the day after (DEC-R10, OD-AFD art. 5 para. 2)", async () => {
    const d = await h.declarant();
    const wheat = [{ tariffNumber: "1001.9900", description: "Wheat, in-quota", netMassKg: "24000.000", grossMassKg: "24000.000", value: "9000.00", origin: "FR", quotaGoods: true }];
    h.clock.set("2026-03-10T07:00:00.000Z");
    const lodged = await lodge(d, importInput(d, { plannedCrossingAt: "2026-03-10T15:00:00+01:00", items: wheat }));
    // The truck is late: Wednesday 11 March 00:00 CET is another day.
    h.clock.set("2026-03-10T23:00:00.000Z");
    const late = await expectRefused(d.software, PRESENT, { input: { officeId: "1001", presenterId: d.partnerId, summaryForm: "ELECTRONIC", place: "Customs yard", goodsDescription: "Wheat", declarationId: lodged.id } }, "QUOTA_GOODS_DECLARED_TOO_EARLY");
    expect(late.extensions).toMatchObject({ rule: "DEC-R10", article: "OD-AFD art. 5 para. 2", field: "input.declarationId" });
    // Presented without the early declaration, the goods are declared anew that day.
    const presentation = await present(d);
    expect(await lodge(d, importInput(d, { presentationId: presentation.id, items: wheat }))).toMatchObject({ status: "ACCEPTED", isPreDeclaration: false });
  });
});

describe("import documents", () => {
  it("gives a BLOCKED import declared after presentation two hours of counter opening, skipping Basel's lunch break (11:00 → 14:30), and the job flags the documents 1 ms after, once (DEC-R36, OD-AFD art. 19 para. 2 let. a)", async () => {
    await settleEarlierTests();
    const d = await h.declarant();
    h.subgraph.services.selection.random = () => 0.001; // below the rate of 0.02: BLOCKED
    // Tuesday 3 March 11:00 CET: 11:00–11:45 counts 45 min, the other 75 from 13:15 → 14:30 CET = 13:30Z.
    h.clock.set("2026-03-03T10:00:00.000Z");
    const decl = await declareAfterPresentation(d, importInput(d));
    expect(decl.selectionResult).toBe("BLOCKED");
    expect(nodes(decl.documents).map((x: any) => [x.kind, x.dueAt])).toEqual([
      ["DECLARATION_PRINTOUT", "2026-03-03T13:30:00.000Z"],
      ["ACCOMPANYING", "2026-03-03T13:30:00.000Z"],
    ]);
    h.clock.set("2026-03-03T13:30:00.000Z");
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "flag-overdue-documents": 0 });
    expect(nodes((await declaration(decl.id)).documents).map((x: any) => x.overdue)).toEqual([false, false]);
    h.clock.set("2026-03-03T13:30:00.001Z");
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "flag-overdue-documents": 2 });
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "flag-overdue-documents": 0 });
    expect(nodes((await declaration(decl.id)).documents).map((x: any) => x.overdue)).toEqual([true, true]);
    const overdue = nodes((await ok(d.software, OVERDUE_DOCUMENTS)).overdueDocuments).map((x: any) => x.identificationMark);
    expect(overdue.sort()).toEqual(nodes(decl.documents).map((x: any) => x.identificationMark).sort());
    expect(await outboxEvents([decl.id], "DocumentsOverdue")).toHaveLength(2);
  });

  it("carries the two counter hours of a BLOCKED import over the weekend (Friday 16:30 → Monday 08:30) and over Easter in Basel (Thursday 16:30 → Tuesday 08:30) but not in Chiasso (→ Good Friday 08:30) (DEC-R36, OD-AFD art. 19 para. 2 let. a)", async () => {
    const d = await h.declarant();
    h.subgraph.services.selection.random = () => 0.001;
    // Friday 6 March 16:30 CET: 60 min until 17:30, 60 more from Monday 07:30 → 08:30 CET.
    h.clock.set("2026-03-06T15:30:00.000Z");
    expect(nodes((await declareAfterPresentation(d, importInput(d))).documents)[0].dueAt).toBe("2026-03-09T07:30:00.000Z");
    // Thursday 2 April 16:30 CEST: 60 min until 17:30; Basel is closed Good Friday and Easter Monday → Tuesday 7 April 08:30 CEST.
    h.clock.set("2026-04-02T14:30:00.000Z");
    expect(nodes((await declareAfterPresentation(d, importInput(d, { officeId: "1001" }))).documents)[0].dueAt).toBe("2026-04-07T06:30:00.000Z");
    // Chiasso's counters open on Good Friday → Friday 3 April 08:30 CEST.
    expect(nodes((await declareAfterPresentation(d, importInput(d, { officeId: "2301", language: "it" }))).documents)[0].dueAt).toBe("2026-04-03T06:30:00.000Z");
  });

  it("counts the two counter hours of a pre-declared BLOCKED import from the presentation, not from the declaration (DEC-R36, OD-AFD art. 19 para. 1 let. a)", async () => {
    const d = await h.declarant();
    h.subgraph.services.selection.random = () => 0.001;
    // Lodged Monday 2 March 15:00 CET for an introduction on Tuesday 3 March 10:00 CET.
    h.clock.set("2026-03-02T14:00:00.000Z");
    const decl = await lodge(d, importInput(d, { plannedCrossingAt: "2026-03-03T10:00:00+01:00" }));
    expect(decl.selectionResult).toBe("BLOCKED");
    expect(nodes(decl.documents).map((x: any) => x.dueAt)).toEqual([null, null]);
    // Presented Tuesday 10:00 CET: 105 min until 11:45, 15 more from 13:15 → 13:30 CET (from the
    // declaration it would have been Monday 17:00).
    h.clock.set("2026-03-03T09:00:00.000Z");
    await present(d, "1001", decl.id);
    expect(nodes((await declaration(decl.id)).documents).map((x: any) => x.dueAt)).toEqual(["2026-03-03T12:30:00.000Z", "2026-03-03T12:30:00.000Z"]);
  });

  it("gives FREE_WITH import documents (rule R1) until 23:59:59.999 of the working day after the declaration: Thursday 30 April → Monday 4 May in Basel (Labour Day), Friday 1 May in Genève; the job flags each 1 ms after, once (DEC-R36, OD-AFD art. 19 para. 2 let. b)", async () => {
    await settleEarlierTests();
    const d = await h.declarant();
    const items = [{ ...T_SHIRTS[0], nonCustomsActsApply: true }];
    h.clock.set("2026-04-30T08:00:00.000Z"); // Thursday 30 April 10:00 CEST
    const basel = await declareAfterPresentation(d, importInput(d, { officeId: "1001", items }));
    const geneva = await declareAfterPresentation(d, importInput(d, { officeId: "3001", language: "fr", items }));
    expect(basel.selectionResult).toBe("FREE_WITH");
    expect(nodes(basel.documents).map((x: any) => [x.kind, x.dueAt])).toEqual([
      ["DECLARATION_PRINTOUT", "2026-05-04T21:59:59.999Z"],
      ["ACCOMPANYING", "2026-05-04T21:59:59.999Z"],
      ["CERTIFICATE", "2026-05-04T21:59:59.999Z"],
    ]);
    expect(nodes(geneva.documents).map((x: any) => x.dueAt)).toEqual(["2026-05-01T21:59:59.999Z", "2026-05-01T21:59:59.999Z", "2026-05-01T21:59:59.999Z"]);

    h.clock.set("2026-05-01T21:59:59.999Z"); // Friday 1 May 23:59:59.999 CEST
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "flag-overdue-documents": 0 });
    h.clock.set("2026-05-01T22:00:00.000Z"); // Saturday 2 May 00:00 CEST: Geneva's three are late, Basel's are not
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "flag-overdue-documents": 3 });
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "flag-overdue-documents": 0 });
    expect(nodes((await declaration(geneva.id)).documents).every((x: any) => x.overdue)).toBe(true);
    expect(nodes((await declaration(basel.id)).documents).some((x: any) => x.overdue)).toBe(false);
    h.clock.set("2026-05-04T21:59:59.999Z"); // Monday 4 May 23:59:59.999 CEST
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "flag-overdue-documents": 0 });
    h.clock.set("2026-05-04T22:00:00.000Z");
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "flag-overdue-documents": 3 });
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "flag-overdue-documents": 0 });
  });

  it("gives the permit of a pre-declared FREE_WITHOUT import until the working day after presentation, over the weekend (DEC-R36, OD-AFD art. 19 para. 1 let. b)", async () => {
    const d = await h.declarant();
    const items = [{ ...T_SHIRTS[0], permitReference: "SECO-2026-0042" }];
    // Lodged Thursday 5 March 10:00 CET for Friday 6 March 10:00 CET.
    h.clock.set("2026-03-05T09:00:00.000Z");
    const decl = await lodge(d, importInput(d, { plannedCrossingAt: "2026-03-06T10:00:00+01:00", items }));
    expect(decl.selectionResult).toBe("FREE_WITHOUT");
    expect(nodes(decl.documents).map((x: any) => [x.kind, x.dueAt])).toEqual([["PERMIT", null]]);
    // Presented Friday 10:00 CET → Monday 9 March 23:59:59.999 CET (from the declaration it would be Friday).
    h.clock.set("2026-03-06T09:00:00.000Z");
    await present(d, "1001", decl.id);
    expect(nodes((await declaration(decl.id)).documents).map((x: any) => [x.kind, x.dueAt])).toEqual([["PERMIT", "2026-03-09T22:59:59.999Z"]]);
  });

  it("gives the transit document of a pre-declared FREE_WITHOUT transit until the working day after presentation, over the weekend (DEC-R36, OD-AFD art. 19 para. 1 let. b; OD-AFD art. 17 para. 4)", async () => {
    const d = await h.declarant();
    // Lodged through NCTS on Thursday 5 March 10:00 CET for Friday 6 March 10:00 CET.
    h.clock.set("2026-03-05T09:00:00.000Z");
    const decl = await lodge(d, importInput(d, { direction: "TRANSIT", procedure: "TRANSIT", channel: "NCTS", plannedCrossingAt: "2026-03-06T10:00:00+01:00" }));
    expect(decl).toMatchObject({ isPreDeclaration: true, selectionResult: "FREE_WITHOUT" });
    expect(nodes(decl.documents).map((x: any) => [x.kind, x.dueAt])).toEqual([["TRANSIT_DOCUMENT", null]]);
    // Presented Friday 10:00 CET → Monday 9 March 23:59:59.999 CET, as for an import.
    h.clock.set("2026-03-06T09:00:00.000Z");
    await present(d, "1001", decl.id);
    expect(nodes((await declaration(decl.id)).documents).map((x: any) => [x.kind, x.dueAt])).toEqual([["TRANSIT_DOCUMENT", "2026-03-09T22:59:59.999Z"]]);
  });
});

describe("export documents", () => {
  it("gives a BLOCKED e-dec export two counter hours from communication: Friday 16:00 in Genève → Monday 09:00; Thursday 30 April 16:30 in Basel → Monday 4 May 08:30, in Genève 16:00 → Labour Day 09:00 (DEC-R37, OD-AFD art. 19a para. 1)", async () => {
    const d = await h.declarant();
    h.subgraph.services.selection.random = () => 0.001;
    // Friday 6 March 16:00 CET in Geneva: 60 min until 17:00, 60 more from Monday 08:00 → 09:00 CET.
    h.clock.set("2026-03-06T15:00:00.000Z");
    const friday = await declareAfterPresentation(d, exportInput(d, { officeId: "3001", language: "fr" }));
    expect(friday.selectionResult).toBe("BLOCKED");
    expect(nodes(friday.documents).map((x: any) => [x.kind, x.dueAt])).toEqual([
      ["DECLARATION_PRINTOUT", "2026-03-09T08:00:00.000Z"],
      ["ACCOMPANYING", "2026-03-09T08:00:00.000Z"],
    ]);
    // Thursday 30 April 16:30 CEST in Basel (Passar B2B): 60 min; Labour Day closed → Monday 4 May 08:30 CEST.
    h.clock.set("2026-04-30T14:30:00.000Z");
    expect(nodes((await declareAfterPresentation(d, exportInput(d, { officeId: "1001", channel: "PASSAR_B2B" }))).documents)[0].dueAt).toBe("2026-05-04T06:30:00.000Z");
    // Thursday 30 April 16:00 CEST in Geneva: 60 min; Geneva opens on 1 May → Friday 09:00 CEST.
    h.clock.set("2026-04-30T14:00:00.000Z");
    expect(nodes((await declareAfterPresentation(d, exportInput(d, { officeId: "3001", language: "fr" }))).documents)[0].dueAt).toBe("2026-05-01T07:00:00.000Z");

    h.clock.set("2026-03-09T08:00:00.000Z");
    expect(nodes((await declaration(friday.id)).documents).map((x: any) => x.overdue)).toEqual([false, false]);
    h.clock.set("2026-03-09T08:00:00.001Z");
    expect(nodes((await declaration(friday.id)).documents).map((x: any) => x.overdue)).toEqual([true, true]);
  });

  it("gives a BLOCKED NCTS export 24 calendar hours from communication, over the weekend and over Good Friday (DEC-R37, OD-AFD art. 19a para. 1)", async () => {
    const d = await h.declarant();
    h.subgraph.services.selection.random = () => 0.001;
    // Friday 6 March 16:30 CET → Saturday 7 March 16:30 CET.
    h.clock.set("2026-03-06T15:30:00.000Z");
    const friday = await declareAfterPresentation(d, exportInput(d, { channel: "NCTS" }));
    expect(nodes(friday.documents).map((x: any) => x.dueAt)).toEqual(["2026-03-07T15:30:00.000Z", "2026-03-07T15:30:00.000Z"]);
    // Thursday 2 April 16:30 CEST in Basel → Good Friday 3 April 16:30 CEST: a holiday does not stop the 24 hours.
    h.clock.set("2026-04-02T14:30:00.000Z");
    expect(nodes((await declareAfterPresentation(d, exportInput(d, { channel: "NCTS" }))).documents)[0].dueAt).toBe("2026-04-03T14:30:00.000Z");

    h.clock.set("2026-03-07T15:30:00.000Z");
    expect(nodes((await declaration(friday.id)).documents).map((x: any) => x.overdue)).toEqual([false, false]);
    h.clock.set("2026-03-07T15:30:00.001Z");
    expect(nodes((await declaration(friday.id)).documents).map((x: any) => x.overdue)).toEqual([true, true]);
  });
});

describe("refusal, resubmission and ex officio taxation", () => {
  /** Bovine meat is BLOCKED (rule R2), so it is not released and can be refused. */
  async function refusedBeef(d: Declarant, officeId = "1001"): Promise<string> {
    const decl = await declareAfterPresentation(d, importInput(d, { officeId, language: officeId === "2301" ? "it" : "de", items: BEEF }));
    expect(decl.selectionResult).toBe("BLOCKED");
    await ok(CUSTOMS, REFUSE, { id: decl.id });
    return decl.id;
  }

  it("accepts a resubmission until 23:59:59.999 of the 10th working day after refusal and refuses it from the next millisecond, across Easter in Basel (DEC-R40, OD-AFD art. 20 para. 2)", async () => {
    const d = await h.declarant();
    // Refused Tuesday 24 March 10:00 CET. Basel: Wed 25, Thu 26, Fri 27, Mon 30, Tue 31, Wed 1, Thu 2,
    // [Good Friday 3, Easter Monday 6], Tue 7, Wed 8, Thu 9 April → 23:59:59.999 CEST (after the switch to summer time).
    // Chiasso counts Good Friday → Wednesday 8 April.
    h.clock.set("2026-03-24T09:00:00.000Z");
    const inTime = await refusedBeef(d);
    const late = await refusedBeef(d);
    const chiasso = await refusedBeef(d, "2301");
    expect(nodes((await declaration(inTime)).refusals)).toEqual([{ resubmissionDueBy: "2026-04-09T21:59:59.999Z", resubmittedAt: null }]);
    expect(nodes((await declaration(chiasso)).refusals)[0].resubmissionDueBy).toBe("2026-04-08T21:59:59.999Z");

    h.clock.set("2026-04-08T22:00:00.000Z"); // Thursday 9 April 00:00 CEST: too late in Chiasso
    const error = await expectRefused(d.software, RESUBMIT, { id: chiasso, items: BEEF }, "RESUBMISSION_DEADLINE_PASSED");
    expect(error.extensions).toMatchObject({ rule: "DEC-R40", article: "OD-AFD art. 20 para. 2", dueBy: "2026-04-08T21:59:59.999Z" });
    h.clock.set("2026-04-09T21:59:59.999Z"); // the last moment in Basel
    expect((await ok(d.software, RESUBMIT, { id: inTime, items: BEEF })).resubmitDeclaration.declaration).toEqual({
      status: "ACCEPTED",
      acceptedAt: "2026-04-09T21:59:59.999Z",
      refusals: { edges: [{ node: { resubmittedAt: "2026-04-09T21:59:59.999Z" } }] },
    });
    h.clock.set("2026-04-09T22:00:00.000Z");
    await expectRefused(d.software, RESUBMIT, { id: late, items: BEEF }, "RESUBMISSION_DEADLINE_PASSED");
  });

  it("moves a refused declaration to RESUBMISSION_OVERDUE 1 ms after the deadline, once, whether the job runs twice in a row or twice at the same time (DEC-R40, OD-AFD art. 20 para. 2)", async () => {
    await settleEarlierTests();
    const d = await h.declarant();
    h.clock.set("2026-03-24T09:00:00.000Z"); // due Thursday 9 April 23:59:59.999 CEST
    const first = await refusedBeef(d);
    h.clock.set("2026-03-25T09:00:00.000Z"); // Wednesday 25 March: due Friday 10 April 23:59:59.999 CEST
    const second = await refusedBeef(d);
    expect(nodes((await declaration(second)).refusals)[0].resubmissionDueBy).toBe("2026-04-10T21:59:59.999Z");

    h.clock.set("2026-04-09T21:59:59.999Z");
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "resubmission-overdue": 0 });
    expect((await declaration(first)).status).toBe("REFUSED");
    h.clock.set("2026-04-09T22:00:00.000Z");
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "resubmission-overdue": 1 });
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "resubmission-overdue": 0 });
    expect((await declaration(first)).status).toBe("RESUBMISSION_OVERDUE");
    expect((await declaration(second)).status).toBe("REFUSED");

    // Two replicas at the same instant: exactly one of them moves the declaration.
    h.clock.set("2026-04-10T22:00:00.000Z");
    const runs = await Promise.all([h.subgraph.jobs.runOnce(), h.subgraph.jobs.runOnce()]);
    expect(runs.map(r => r["resubmission-overdue"]).sort()).toEqual([0, 1]);
    expect((await declaration(second)).status).toBe("RESUBMISSION_OVERDUE");
    expect((await outboxEvents([first], "ResubmissionOverdue")).length).toBe(1);
    expect((await outboxEvents([second], "ResubmissionOverdue")).length).toBe(1);
  });

  it("reopens an overdue resubmission by an officer's extension (T10): the job leaves it alone, ex officio taxation is refused, the declarant resubmits until the new deadline (DEC-R40, OD-AFD art. 20 para. 2)", async () => {
    await settleEarlierTests();
    const d = await h.declarant();
    h.clock.set("2026-03-24T09:00:00.000Z");
    const id = await refusedBeef(d);
    h.clock.set("2026-04-09T22:00:00.000Z");
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "resubmission-overdue": 1 });

    const until = "2026-04-15T21:59:59.999Z"; // Wednesday 15 April 23:59:59.999 CEST
    const input = { declarationId: id, until, reason: "Veterinary certificate delayed by the exporting country's authority" };
    await expectRefused(d.software, EXTEND_RESUBMISSION, { input }, "OFFICER_ROLE_REQUIRED");
    expect((await ok(CUSTOMS, EXTEND_RESUBMISSION, { input })).extendResubmission.refusal.resubmissionDueBy).toBe(until);
    expect((await declaration(id)).status).toBe("REFUSED");
    await expectRefused(CUSTOMS, TAX, { input: { declarationId: id, kind: "EX_OFFICIO" } }, "NOT_TAXABLE");
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "resubmission-overdue": 0 });

    h.clock.set(until);
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "resubmission-overdue": 0 });
    expect((await ok(d.software, RESUBMIT, { id, items: BEEF })).resubmitDeclaration.declaration.status).toBe("ACCEPTED");
  });

  it("taxes ex officio only once the resubmission is overdue, an import at the highest rate of its heading on the gross mass (DEC-R41, OD-AFD art. 20 para. 3)", async () => {
    await settleEarlierTests();
    const d = await h.declarant();
    h.clock.set("2026-03-24T09:00:00.000Z");
    const id = await refusedBeef(d);
    h.clock.set("2026-04-09T21:59:59.999Z"); // the last moment of the resubmission period
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "resubmission-overdue": 0 });
    const error = await expectRefused(CUSTOMS, TAX, { input: { declarationId: id, kind: "EX_OFFICIO" } }, "NOT_TAXABLE");
    expect(error.extensions).toMatchObject({ rule: "DEC-R41", article: "OD-AFD art. 20 para. 3", status: "REFUSED" });
    h.clock.set("2026-04-09T22:00:00.000Z");
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "resubmission-overdue": 1 });
    const decision = (await ok(CUSTOMS, TAX, { input: { declarationId: id, kind: "EX_OFFICIO" } })).taxDeclaration.taxationDecision;
    // Declared 0201.2000 (CHF 1500.00 per 100 kg gross); the heading's highest rate is 0201.3000,
    // CHF 2200.00 per 100 kg gross: 1000.500 kg / 100 × 2200.00 = CHF 22011.00.
    expect(decision).toMatchObject({ kind: "EX_OFFICIO", totalDuties: "22011.00", establishedAt: "2026-04-09T22:00:00.000Z" });
    expect(decision.lines).toEqual([expect.objectContaining({ tariffNumber: "0201.3000", basis: "1000.500 kg gross", amount: "22011.00" })]);
    expect((await declaration(id)).status).toBe("EX_OFFICIO_TAXED");
  });
});

describe("release and removal", () => {
  it("keeps removal in time until 23:59:59.999 of the next business day after release and overdue from the next millisecond, over the weekend (DEC-R58, OD-AFD art. 37)", async () => {
    const d = await h.declarant();
    // FREE_WITHOUT after presentation: deemed released on Friday 6 March 15:00 CET → due Monday 9 March 23:59:59.999 CET.
    h.clock.set("2026-03-06T14:00:00.000Z");
    const inTime = await declareAfterPresentation(d, importInput(d));
    const late = await declareAfterPresentation(d, importInput(d));
    expect(inTime).toMatchObject({ selectionResult: "FREE_WITHOUT", releasedAt: "2026-03-06T14:00:00.000Z", removalDueBy: "2026-03-09T22:59:59.999Z" });

    h.clock.set("2026-03-09T22:59:59.999Z");
    expect((await declaration(late.id)).removalOverdue).toBe(false);
    expect((await ok(d.software, REMOVE, { id: inTime.id })).recordRemoval.declaration).toMatchObject({ removedAt: "2026-03-09T22:59:59.999Z", removalOverdue: false });
    h.clock.set("2026-03-09T23:00:00.000Z");
    expect((await declaration(late.id)).removalOverdue).toBe(true);
    expect((await declaration(inTime.id)).removalOverdue).toBe(false);
    expect((await ok(d.software, REMOVE, { id: late.id })).recordRemoval.declaration).toMatchObject({ removedAt: "2026-03-09T23:00:00.000Z", removalOverdue: true });
  });

  it("makes removal due on Monday 4 May in Basel (Labour Day) but on Friday 1 May in Genève after a release on Thursday 30 April (DEC-R58, OD-AFD art. 37)", async () => {
    const d = await h.declarant();
    h.clock.set("2026-04-30T08:00:00.000Z"); // Thursday 30 April 10:00 CEST
    const basel = await declareAfterPresentation(d, importInput(d, { officeId: "1001" }));
    const geneva = await declareAfterPresentation(d, importInput(d, { officeId: "3001", language: "fr" }));
    expect(basel.removalDueBy).toBe("2026-05-04T21:59:59.999Z");
    expect(geneva.removalDueBy).toBe("2026-05-01T21:59:59.999Z");
    h.clock.set("2026-05-01T22:00:00.000Z"); // Saturday 2 May 00:00 CEST
    expect((await declaration(geneva.id)).removalOverdue).toBe(true);
    expect((await declaration(basel.id)).removalOverdue).toBe(false);
    h.clock.set("2026-05-04T22:00:00.000Z");
    expect((await declaration(basel.id)).removalOverdue).toBe(true);
  });

  it("deems a pre-declared free import released when its goods are presented, so its removal is due by the next business day (DEC-R32, OD-AFD art. 17 para. 4; DEC-R58, OD-AFD art. 37)", async () => {
    const d = await h.declarant();
    h.clock.set("2026-03-05T09:00:00.000Z"); // Thursday 5 March 10:00 CET, for Friday 6 March 10:00 CET
    const decl = await lodge(d, importInput(d, { plannedCrossingAt: "2026-03-06T10:00:00+01:00" }));
    expect(decl).toMatchObject({ selectionResult: "FREE_WITHOUT", releasedAt: null, removalDueBy: null });
    h.clock.set("2026-03-06T09:00:00.000Z");
    await present(d, "1001", decl.id);
    // Presented Friday 10:00 CET: deemed released then, removal due Monday 9 March 23:59:59.999 CET.
    expect(await declaration(decl.id)).toMatchObject({ releasedAt: "2026-03-06T09:00:00.000Z", removalDueBy: "2026-03-09T22:59:59.999Z" });
  });

  it("extends the removal deadline on request with a reason, by an officer only, never into the past nor before the deadline in force (DEC-R58, OD-AFD art. 37 para. 2; T10)", async () => {
    const d = await h.declarant();
    h.clock.set("2026-03-06T14:00:00.000Z");
    const decl = await declareAfterPresentation(d, importInput(d));
    h.clock.set("2026-03-09T23:00:00.000Z"); // Tuesday 10 March 00:00 CET: overdue
    expect((await declaration(decl.id)).removalOverdue).toBe(true);

    const until = "2026-03-10T22:59:59.999Z"; // Tuesday 10 March 23:59:59.999 CET
    const input = { declarationId: decl.id, until, reason: "Truck broke down, the replacement arrives on Tuesday" };
    await expectRefused(d.software, EXTEND_REMOVAL, { input }, "OFFICER_ROLE_REQUIRED");
    await expectRefused(CUSTOMS, EXTEND_REMOVAL, { input: { ...input, reason: "ok" } }, "BAD_USER_INPUT");
    // No deadline in the past, and an extension ends after the deadline it extends.
    await expectRefused(CUSTOMS, EXTEND_REMOVAL, { input: { ...input, until: "2000-01-01T00:00:00.000Z" } }, "BAD_USER_INPUT");
    h.clock.set("2026-03-09T20:00:00.000Z");
    const early = await h.as(CUSTOMS, EXTEND_REMOVAL, { input: { ...input, until: "2026-03-09T21:00:00.000Z" } });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.until", rule: "DEC-R58", current: "2026-03-09T22:59:59.999Z" });
    h.clock.set("2026-03-09T23:00:00.000Z");
    expect((await ok(CUSTOMS, EXTEND_REMOVAL, { input })).extendRemovalDeadline.override).toMatchObject({
      deadlineKind: "REMOVAL_DUE",
      computedValue: "2026-03-09T22:59:59.999Z",
      newValue: until,
      reason: input.reason,
      officer: "officer-customs_office",
      overriddenAt: "2026-03-09T23:00:00.000Z",
    });
    expect(await declaration(decl.id)).toMatchObject({ removalDueBy: until, removalOverdue: false });
    h.clock.set(until);
    expect((await ok(d.software, REMOVE, { id: decl.id })).recordRemoval.declaration).toMatchObject({ removalDueBy: until, removalOverdue: false });
  });
});

describe("after taxation", () => {
  /** A FREE_WITHOUT import, released on declaration, taxed FINAL at the clock's time. */
  async function taxedImport(d: Declarant, overrides: Vars = {}): Promise<{ id: string; decision: Record<string, any> }> {
    const decl = await declareAfterPresentation(d, importInput(d, overrides));
    return { id: decl.id, decision: await taxFinal(decl.id) };
  }

  it("accepts a change of taxation until 23:59:59.999 of the 30th calendar day after removal and refuses it 1 ms later, with no shift off Easter Saturday (DEC-R44, LD art. 34 para. 3; T6)", async () => {
    const d = await h.declarant();
    // Removed Thursday 5 March 10:00 CET. Day 1 is Friday 6 March, day 30 Saturday 4 April → 23:59:59.999 CEST;
    // T6 does not shift it over Easter Sunday and Monday.
    h.clock.set("2026-03-05T09:00:00.000Z");
    const inTime = await taxedImport(d);
    const late = await taxedImport(d);
    for (const x of [inTime, late]) {
      expect((await ok(d.software, REMOVE, { id: x.id })).recordRemoval.declaration.changeOfTaxationDeadline).toBe("2026-04-04T21:59:59.999Z");
    }
    const request = (id: string) => ({ input: { declarationId: id, ground: "WRONG_PROCEDURE_BY_ERROR", justification: "Declared for free circulation instead of inward processing", correctedItems: T_SHIRTS } });

    h.clock.set("2026-04-04T21:59:59.999Z");
    expect((await ok(d.software, REQUEST_CHANGE, request(inTime.id))).requestTaxationChange.request).toEqual({
      status: "SUBMITTED",
      submittedAt: "2026-04-04T21:59:59.999Z",
      goodsLeftCustodyAt: "2026-03-05T09:00:00.000Z",
    });
    h.clock.set("2026-04-04T22:00:00.000Z");
    const error = await expectRefused(d.software, REQUEST_CHANGE, request(late.id), "CHANGE_OF_TAXATION_TOO_LATE");
    expect(error.extensions).toMatchObject({ rule: "DEC-R44", article: "LD art. 34 para. 3", deadline: "2026-04-04T21:59:59.999Z" });
  });

  it("records an appeal as FILED until 23:59:59.999 of day 60 moved off a Saturday, Easter Sunday and Easter Monday, and as INADMISSIBLE_LATE from the next day, without an AppealFiled event (DEC-R60, LD art. 116 para. 3)", async () => {
    const d = await h.declarant();
    // Established Tuesday 3 February 10:00 CET: day 60 is Saturday 4 April; Sunday 5 and Easter Monday 6
    // follow, so the period ends Tuesday 7 April (DESIGN CHOICE of DEC-R60).
    h.clock.set("2026-02-03T09:00:00.000Z");
    const inTime = await taxedImport(d);
    const late = await taxedImport(d);
    expect(inTime.decision.appealDeadline).toBe("2026-04-07");

    h.clock.set("2026-04-07T21:59:59.999Z"); // Tuesday 7 April 23:59:59.999 CEST
    const filed = (await ok(d.software, APPEAL, { id: inTime.decision.id })).fileAppeal.appeal;
    expect(filed).toMatchObject({ status: "FILED", deadline: "2026-04-07", filedAt: "2026-04-07T21:59:59.999Z" });
    h.clock.set("2026-04-07T22:00:00.000Z"); // Wednesday 8 April 00:00 CEST
    const rejected = (await ok(d.software, APPEAL, { id: late.decision.id })).fileAppeal.appeal;
    expect(rejected).toMatchObject({ status: "INADMISSIBLE_LATE", deadline: "2026-04-07", filedAt: "2026-04-07T22:00:00.000Z" });

    // The late appeal is stored with its decision; only the admissible one is announced.
    expect(nodes(nodes((await declaration(late.id)).taxationDecisions)[0].appeals)).toEqual([{ id: rejected.id, status: "INADMISSIBLE_LATE", deadline: "2026-04-07", filedAt: "2026-04-07T22:00:00.000Z" }]);
    const events = (await outboxEvents([inTime.id, late.id], "AppealFiled")).map(e => JSON.parse(e.payload).appealId);
    expect(events).toEqual([filed.id]);
  });

  it("ends the appeal period on Friday 1 May in Genève but moves it to Monday 4 May in Basel, where Labour Day is a public holiday (DEC-R60, LD art. 116 para. 3)", async () => {
    const d = await h.declarant();
    // Established Monday 2 March 10:00 CET: day 60 is Friday 1 May.
    h.clock.set("2026-03-02T09:00:00.000Z");
    const basel = await taxedImport(d, { officeId: "1001" });
    const geneva = await taxedImport(d, { officeId: "3001", language: "fr" });
    expect(basel.decision.appealDeadline).toBe("2026-05-04");
    expect(geneva.decision.appealDeadline).toBe("2026-05-01");
    h.clock.set("2026-05-01T22:00:00.000Z"); // Saturday 2 May 00:00 CEST
    expect((await ok(d.software, APPEAL, { id: geneva.decision.id })).fileAppeal.appeal.status).toBe("INADMISSIBLE_LATE");
    expect((await ok(d.software, APPEAL, { id: basel.decision.id })).fileAppeal.appeal.status).toBe("FILED");
  });

  it("makes a cancelled paper taxation decision returnable by the next business day: cancelled Thursday 23:59:59.999 → Friday, from Friday 00:00 → Monday; none for e-dec web (DEC-R54, OD-AFD art. 20b para. 2)", async () => {
    const d = await h.declarant();
    h.clock.set("2026-03-05T09:00:00.000Z"); // Thursday 5 March 10:00 CET
    const thursday = await taxedImport(d);
    const friday = await taxedImport(d);
    const web = await taxedImport(d, { channel: "EDEC_WEB", businessNumber: null, personalNumber: null });
    expect([thursday.decision.paperIssued, web.decision.paperIssued]).toEqual([true, false]);

    h.clock.set("2026-03-05T22:59:59.999Z"); // Thursday 23:59:59.999 CET
    expect((await ok(CUSTOMS, CANCEL, { id: thursday.decision.id })).cancelTaxationDecision.taxationDecision).toEqual({
      status: "CANCELLED",
      cancelledAt: "2026-03-05T22:59:59.999Z",
      paperIssued: true,
      paperReturnDueBy: "2026-03-06",
    });
    h.clock.set("2026-03-05T23:00:00.000Z"); // Friday 6 March 00:00 CET
    expect((await ok(CUSTOMS, CANCEL, { id: friday.decision.id })).cancelTaxationDecision.taxationDecision.paperReturnDueBy).toBe("2026-03-09");
    expect((await ok(CUSTOMS, CANCEL, { id: web.decision.id })).cancelTaxationDecision.taxationDecision.paperReturnDueBy).toBeNull();
  });

  it("makes a paper taxation decision cancelled on Thursday 30 April returnable on Monday 4 May in Basel (Labour Day) but on Friday 1 May in Genève (DEC-R54, OD-AFD art. 20b para. 2)", async () => {
    const d = await h.declarant();
    h.clock.set("2026-04-30T08:00:00.000Z");
    const basel = await taxedImport(d, { officeId: "1001" });
    const geneva = await taxedImport(d, { officeId: "3001", language: "fr" });
    expect((await ok(CUSTOMS, CANCEL, { id: basel.decision.id })).cancelTaxationDecision.taxationDecision.paperReturnDueBy).toBe("2026-05-04");
    expect((await ok(CUSTOMS, CANCEL, { id: geneva.decision.id })).cancelTaxationDecision.taxationDecision.paperReturnDueBy).toBe("2026-05-01");
  });
});

describe("provisional taxation", () => {
  const DOCUMENTS_DUE = "2026-03-13T16:30:00.000Z"; // Friday 13 March 17:30 CET, the office's deadline

  async function provisional(d: Declarant): Promise<{ id: string; decisionId: string }> {
    h.clock.set("2026-03-09T09:00:00.000Z"); // Monday 9 March 10:00 CET
    const decl = await declareAfterPresentation(d, importInput(d));
    const decision = (await ok(CUSTOMS, TAX, { input: { declarationId: decl.id, kind: "PROVISIONAL", documentsDueBy: DOCUMENTS_DUE } })).taxDeclaration.taxationDecision;
    expect(decision).toMatchObject({ kind: "PROVISIONAL", documentsDueBy: DOCUMENTS_DUE, finalisedAt: null });
    return { id: decl.id, decisionId: decision.id };
  }

  it("makes a provisional taxation FINAL 1 ms after the documents deadline, not at it, once, dated at the deadline (DEC-R55, LD art. 39 para. 4)", async () => {
    await settleEarlierTests();
    const d = await h.declarant();
    const p = await provisional(d);
    // The deadline must lie in the future when the office sets it.
    const other = await declareAfterPresentation(d, importInput(d));
    await expectRefused(CUSTOMS, TAX, { input: { declarationId: other.id, kind: "PROVISIONAL", documentsDueBy: "2026-03-09T09:00:00.000Z" } }, "BAD_USER_INPUT");

    h.clock.set(DOCUMENTS_DUE);
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "provisional-taxation-final": 0 });
    expect(nodes((await declaration(p.id)).taxationDecisions)[0]).toMatchObject({ kind: "PROVISIONAL", finalisedAt: null });
    h.clock.set("2026-03-13T16:30:00.001Z");
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "provisional-taxation-final": 1 });
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "provisional-taxation-final": 0 });
    expect(nodes((await declaration(p.id)).taxationDecisions)).toEqual([expect.objectContaining({ id: p.decisionId, kind: "FINAL", status: "ISSUED", finalisedAt: DOCUMENTS_DUE })]);
    expect(await outboxEvents([p.id], "ProvisionalTaxationFinalised")).toHaveLength(1);
  });

  it("dates the final taxation at the documents deadline even when the job first runs three days late, as after a restart (DEC-R55, LD art. 39 para. 4)", async () => {
    await settleEarlierTests();
    const d = await h.declarant();
    const p = await provisional(d);
    h.clock.set("2026-03-16T07:00:00.000Z"); // Monday 16 March 08:00 CET: the job was down over the weekend
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "provisional-taxation-final": 1 });
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "provisional-taxation-final": 0 });
    expect(nodes((await declaration(p.id)).taxationDecisions)[0]).toMatchObject({ kind: "FINAL", finalisedAt: DOCUMENTS_DUE });
    const [event] = await outboxEvents([p.id], "ProvisionalTaxationFinalised");
    expect(JSON.parse(event.payload)).toMatchObject({ taxationDecisionId: p.decisionId, finalisedAt: DOCUMENTS_DUE });
  });
});

describe("officers adapt document deadlines", () => {
  it("lets an officer move a document deadline, which unflags an overdue document until the new deadline passes, and refuses a partner (T10; OD-AFD art. 19 para. 3)", async () => {
    await settleEarlierTests();
    const d = await h.declarant();
    h.subgraph.services.selection.random = () => 0.001;
    h.clock.set("2026-03-03T10:00:00.000Z"); // Tuesday 3 March 11:00 CET → documents due 14:30 CET
    const decl = await declareAfterPresentation(d, importInput(d));
    const [printout, accompanying] = nodes(decl.documents).map((x: any) => x.identificationMark);
    h.clock.set("2026-03-03T13:30:00.001Z");
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "flag-overdue-documents": 2 });

    const newDueAt = "2026-03-04T09:00:00.000Z"; // Wednesday 4 March 10:00 CET
    const input = { identificationMark: printout, newDueAt, reason: "Printer failure at the declarant, agreed by phone" };
    await expectRefused(d.software, OVERRIDE_DOCUMENT, { input }, "OFFICER_ROLE_REQUIRED");
    expect((await ok(CUSTOMS, OVERRIDE_DOCUMENT, { input })).overrideDocumentDeadline.override).toMatchObject({
      deadlineKind: "DOCUMENT_DUE",
      computedValue: "2026-03-03T13:30:00.000Z",
      newValue: newDueAt,
      reason: input.reason,
    });
    expect(nodes((await declaration(decl.id)).documents).map((x: any) => [x.dueAt, x.overdue])).toEqual([
      [newDueAt, false],
      ["2026-03-03T13:30:00.000Z", true],
    ]);
    expect(nodes((await ok(d.software, OVERDUE_DOCUMENTS)).overdueDocuments)).toEqual([{ identificationMark: accompanying }]);
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "flag-overdue-documents": 0 });

    h.clock.set(newDueAt);
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "flag-overdue-documents": 0 });
    h.clock.set("2026-03-04T09:00:00.001Z");
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "flag-overdue-documents": 1 });
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "flag-overdue-documents": 0 });
  });
});
