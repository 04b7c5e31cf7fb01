import { FixedClock, Principal } from "../kit";
import { ANONYMOUS, errorCode, officer } from "../../test/support/graphql";
import { CUSTOMS, Declarant, DeclarationsHarness, importInput, LODGE, nodes, startDeclarations } from "../../test/support/declarations-harness";
import { CANCEL, lodgePresented, ok, preDeclare, present, REFUSE, RELEASE, REMOVE, RESUBMIT, SUBMIT, TAX, taxFinal, WITHDRAW } from "../../test/support/declarations-scenarios";

/**
 * A declaration's timeline and the offices' work queues on MariaDB: the timeline lists every
 * fact and deadline the subgraph keeps, in time order, each with its rule and article, with
 * `overdue` judged by the injected clock, and every change of status the declaration's kept
 * versions hold (issue 15), each once; `overdueDocuments` and `pendingResubmissions` filter by
 * office, and the queue follows the resubmission deadline in force. Basel (1001, BS), Chiasso
 * (2301, TI), Genève (3001, GE) and Zürich (4001, ZH), from Monday 2 March 2026, 09:00 Zurich
 * time (08:00 UTC; CET until 29 March). Each test keeps to its own offices or declarations, so
 * that the lists of one do not see the rows of another.
 */
let h: DeclarationsHarness;

const AUDITOR = officer("AUDITOR");
const MONDAY = "2026-03-02T09:00:00+01:00";

beforeAll(async () => {
  h = await startDeclarations("customs_test_declarations_timeline");
  // The jobs run only when a test calls runOnce, at the instant it chose.
  await h.subgraph.jobs.stop();
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(() => {
  h.clock.set(MONDAY);
  h.subgraph.services.selection.random = () => 0.5;
});

const TIMELINE = `query ($id: ID!) { declaration(id: $id) { id timeline { at kind deadline overdue summary rule article status } } }`;
const EXTEND_RESUBMISSION = `mutation ($id: ID!, $until: DateTime!, $reason: String!) { extendResubmission(input: { declarationId: $id, until: $until, reason: $reason }) { refusal { id resubmissionDueBy } } }`;
const OVERDUE_DOCUMENTS = `query ($office: ID) { overdueDocuments(officeId: $office, first: 100) { totalCount edges { node { identificationMark } } } }`;
const PENDING = `query ($office: ID, $first: Int!, $after: String) {
  pendingResubmissions(officeId: $office, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id refusedAt resubmissionDueBy declaration { id declarationNumber status } } }
  }
}`;

type Entry = { at: string; kind: string; deadline: boolean; overdue: boolean; summary: string; rule: string | null; article: string | null; status: string | null };

async function timeline(principal: Principal, id: string): Promise<Entry[]> {
  return ok(await h.as(principal, TIMELINE, { id }), "timeline").declaration.timeline;
}

function entry(timelineOf: Entry[], kind: string): Entry {
  const found = timelineOf.filter(e => e.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}: ${JSON.stringify(timelineOf)}`);
  return found[0];
}

/** The entries that change the lodging lifecycle, as `[at, kind, status]`, in the timeline's order. */
function stateChanges(timelineOf: Entry[]): [string, string, string][] {
  return timelineOf.filter(e => e.status !== null).map(e => [e.at, e.kind, e.status!]);
}

/** No state change said twice: never two entries entering the same status at the same instant. */
function expectNoDuplicateStateChanges(timelineOf: Entry[]): void {
  const said = stateChanges(timelineOf).map(([at, , status]) => `${at} ${status}`);
  expect(said).toEqual([...new Set(said)]);
}

/** Presents goods at `officeId` and lodges their import there, now. */
async function lodgeAt(d: Declarant, officeId: string): Promise<Record<string, any>> {
  const presentationId = await present(h, d, { officeId });
  return ok(await h.as(d.software, LODGE, { input: importInput(d, { officeId, presentationId }) }), "lodgeDeclaration").lodgeDeclaration.declaration;
}

/** An import pre-declared at `officeId` for 15:00 today (FREE_WITHOUT, but not released until presented), refused now. */
async function refusedPreDeclaration(d: Declarant, officeId: string, reason = "Commercial invoice missing"): Promise<{ id: string; refusalId: string }> {
  const today = h.clock.now().toISOString().slice(0, 10);
  const { id } = await preDeclare(h, d, { officeId, plannedCrossingAt: `${today}T14:00:00.000Z` });
  const refusal = ok(await h.as(CUSTOMS, REFUSE, { id, reasons: [reason] }), "refuseDeclaration").refuseDeclaration.refusal;
  return { id, refusalId: refusal.id };
}

describe("a declaration's timeline", () => {
  it("DEC-R40 (OD-AFD art. 20 para. 2): lists an import lodged, refused, resubmitted, released and taxed in time order, facts before deadlines at the same instant, each entry with its rule and article", async () => {
    const d = await h.declarant();
    h.subgraph.services.selection.random = () => 0.001; // BLOCKED: printout and accompanying documents, due two counter hours after the declaration
    const lodged = await lodgePresented(h, d);
    const [printout, accompanying] = nodes(lodged.documents).map((x: any) => x.identificationMark);
    h.clock.set("2026-03-02T09:30:00+01:00");
    ok(await h.as(CUSTOMS, REFUSE, { id: lodged.id, reasons: ["Commercial invoice missing", "Origin of item 1 unclear"] }), "refuseDeclaration");
    // Submitted at the very instant they are due (11:00): met by the deadline, so not overdue.
    h.clock.set("2026-03-02T11:00:00+01:00");
    for (const m of [printout, accompanying]) ok(await h.as(d.software, SUBMIT, { m }), "submitDocument");
    h.clock.set("2026-03-03T09:00:00+01:00");
    ok(await h.as(d.software, RESUBMIT, { id: lodged.id, items: importInput(d).items }), "resubmitDeclaration");
    h.clock.set("2026-03-03T10:00:00+01:00");
    ok(await h.as(CUSTOMS, RELEASE, { id: lodged.id }), "releaseGoods");
    h.clock.set("2026-03-03T11:00:00+01:00");
    await taxFinal(h, lodged.id);

    const entries = await timeline(d.software, lodged.id);
    expect(entries.map(e => [e.at, e.kind, e.deadline, e.overdue, e.rule, e.article, e.status])).toEqual([
      ["2026-03-02T08:00:00.000Z", "GOODS_PRESENTED", false, false, "DEC-R03", "LD art. 24 para. 1-3", null],
      ["2026-03-02T08:00:00.000Z", "TRANSMITTED", false, false, "DEC-R16", "OD-AFD art. 12 para. 4", "TRANSMITTED"],
      // The first receipt and acceptance, which the resubmission stamped again (DeclarationService.resubmit), from the kept versions.
      ["2026-03-02T08:00:00.000Z", "RECEIPT_CONFIRMED", false, false, "DEC-R16", "OD-AFD art. 12 para. 4", "RECEIVED"],
      ["2026-03-02T08:00:00.000Z", "ACCEPTED", false, false, "DEC-R17", "OD-AFD art. 16", "ACCEPTED"],
      ["2026-03-02T08:00:00.000Z", "SELECTION_COMMUNICATED", false, false, "DEC-R29", "OD-AFD art. 17 para. 1", null],
      ["2026-03-02T08:00:00.000Z", "DOCUMENT_REQUIRED", false, false, "DEC-R30", "OD-AFD art. 17 para. 2", null],
      ["2026-03-02T08:00:00.001Z", "DOCUMENT_REQUIRED", false, false, "DEC-R30", "OD-AFD art. 17 para. 2", null],
      ["2026-03-02T08:30:00.000Z", "REFUSED", false, false, "DEC-R38", "LD art. 32", "REFUSED"],
      ["2026-03-02T10:00:00.000Z", "DOCUMENT_SUBMITTED", false, false, "DEC-R35", "OD-AFD art. 18", null],
      ["2026-03-02T10:00:00.000Z", "DOCUMENT_SUBMITTED", false, false, "DEC-R35", "OD-AFD art. 18", null],
      ["2026-03-02T10:00:00.000Z", "DOCUMENT_DUE", true, false, "DEC-R36", "OD-AFD art. 19 para. 2 let. a", null],
      ["2026-03-02T10:00:00.000Z", "DOCUMENT_DUE", true, false, "DEC-R36", "OD-AFD art. 19 para. 2 let. a", null],
      ["2026-03-03T08:00:00.000Z", "RESUBMITTED", false, false, "DEC-R40", "OD-AFD art. 20 para. 2", "RECEIVED"],
      ["2026-03-03T08:00:00.000Z", "ACCEPTED", false, false, "DEC-R17", "OD-AFD art. 16", "ACCEPTED"],
      ["2026-03-03T09:00:00.000Z", "RELEASED", false, false, "DEC-R56", "LD art. 40", null],
      ["2026-03-03T10:00:00.000Z", "TAXED", false, false, "DEC-R52", "LD art. 38", null],
      // DEC-R06: declared on Monday, by the end of Tuesday; met by the declaration.
      ["2026-03-03T22:59:59.999Z", "DECLARATION_DUE", true, false, "DEC-R06", "OD-AFD art. 4", null],
      // DEC-R58: released Tuesday 10:00, to be removed by the end of Wednesday; not yet passed.
      ["2026-03-04T22:59:59.999Z", "REMOVAL_DUE", true, false, "DEC-R58", "OD-AFD art. 37", null],
      // DEC-R40: refused Monday 2 March, the 10th working day is Monday 16 March; met on the 3rd.
      ["2026-03-16T22:59:59.999Z", "RESUBMISSION_DUE", true, false, "DEC-R40", "OD-AFD art. 20 para. 2", null],
    ]);
    expect(entry(entries, "REFUSED").summary).toBe("Refused for correction: Commercial invoice missing; Origin of item 1 unclear.");
    expect(entry(entries, "RESUBMISSION_DUE").summary).toBe("Resubmission due by the 10th working day after the refusal.");
    expect(entries.filter(e => e.kind === "ACCEPTED").map(e => e.summary)).toEqual(["Accepted: the declaration binds the declarant.", "The resubmitted declaration was accepted again: it binds the declarant."]);
    expectNoDuplicateStateChanges(entries);
    expect(entry(entries, "TAXED").summary).toBe("Taxation decision FINAL notified when put online: duties CHF 970.49.");
    expect(entries.filter(e => e.kind === "DOCUMENT_DUE").map(e => e.summary)).toEqual([
      `Document ${printout} due: two hours of counter opening after the declaration (OD-AFD art. 19 para. 2 let. a).`,
      `Document ${accompanying} due: two hours of counter opening after the declaration (OD-AFD art. 19 para. 2 let. a).`,
    ]);
    // Officers read the same timeline; others do not read the declaration at all.
    expect(await timeline(CUSTOMS, lodged.id)).toEqual(entries);
    const stranger = await h.declarant();
    expect(errorCode(await h.as(stranger.software, TIMELINE, { id: lodged.id }))).toBe("FORBIDDEN");
    expect(errorCode(await h.as(ANONYMOUS, TIMELINE, { id: lodged.id }))).toBe("UNAUTHENTICATED");
  });

  it("DEC-R40 (OD-AFD art. 20 para. 2): the resubmission deadline is overdue from the millisecond after it while unmet, and the deadline the office extended for fair reasons replaces it (T10)", async () => {
    const d = await h.declarant();
    const { id } = await refusedPreDeclaration(d, "1001");
    const due = (at: string) => {
      h.clock.set(at);
      return timeline(d.software, id).then(entries => entry(entries, "RESUBMISSION_DUE"));
    };
    expect(await due("2026-03-16T22:59:59.999Z")).toMatchObject({ at: "2026-03-16T22:59:59.999Z", deadline: true, overdue: false });
    expect(await due("2026-03-16T23:00:00.000Z")).toMatchObject({ at: "2026-03-16T22:59:59.999Z", deadline: true, overdue: true });

    const until = "2026-03-20T22:59:59.999Z";
    ok(await h.as(CUSTOMS, EXTEND_RESUBMISSION, { id, until, reason: "Invoice delayed by the supplier's strike" }), "extendResubmission");
    expect(await due("2026-03-17T08:00:00.000Z")).toEqual({
      at: until,
      kind: "RESUBMISSION_DUE",
      deadline: true,
      overdue: false,
      summary: "Resubmission due by the date the office extended for fair reasons.",
      rule: "DEC-R40",
      article: "OD-AFD art. 20 para. 2",
      status: null,
    });
    expect(await due("2026-03-20T23:00:00.000Z")).toMatchObject({ at: until, overdue: true });
  });

  it("DEC-R58 (OD-AFD art. 37): a removal deadline met late stays overdue, the removal listed after it; facts are never overdue", async () => {
    const d = await h.declarant();
    const lodged = await lodgePresented(h, d); // FREE_WITHOUT: deemed released now, to be removed by the end of Tuesday
    h.clock.set("2026-03-04T08:00:00+01:00");
    ok(await h.as(d.software, REMOVE, { id: lodged.id }), "recordRemoval");
    const entries = await timeline(d.software, lodged.id);
    expect(entry(entries, "RELEASED")).toMatchObject({ at: "2026-03-02T08:00:00.000Z", rule: "DEC-R32", article: "OD-AFD art. 17 para. 4", summary: "Deemed released by the FREE_WITHOUT selection result." });
    expect(entry(entries, "REMOVAL_DUE")).toMatchObject({ at: "2026-03-03T22:59:59.999Z", overdue: true, rule: "DEC-R58", article: "OD-AFD art. 37" });
    expect(entries.map(e => e.kind).slice(-3)).toEqual(["REMOVAL_DUE", "REMOVED", "CHANGE_OF_TAXATION_DUE"]);
    // DEC-R44 (LD art. 34 para. 3): 30 days after the day the goods left custody; passing it only ends a right.
    h.clock.set("2026-05-01T00:00:00Z");
    expect(entry(await timeline(d.software, lodged.id), "CHANGE_OF_TAXATION_DUE")).toMatchObject({ at: "2026-04-03T21:59:59.999Z", deadline: true, overdue: false, rule: "DEC-R44", article: "LD art. 34 para. 3" });
    expect((await timeline(d.software, lodged.id)).filter(e => !e.deadline).every(e => !e.overdue)).toBe(true);
  });

  it("DEC-R16, DEC-R17, DEC-R40 (OD-AFD art. 12 para. 4, 16, 20 para. 2): after a refusal and a resubmission the first receipt and acceptance are still listed at their own instants, the resubmission's acceptance after them, and the declaration deadline (DEC-R06, OD-AFD art. 4) met by the first receipt", async () => {
    const d = await h.declarant();
    h.subgraph.services.selection.random = () => 0.001; // BLOCKED: not released, so it can be refused
    h.clock.set("2026-03-02T10:15:00+01:00");
    const lodged = await lodgeAt(d, "1001");
    h.clock.set("2026-03-02T14:40:00+01:00");
    ok(await h.as(CUSTOMS, REFUSE, { id: lodged.id, reasons: ["Commercial invoice missing"] }), "refuseDeclaration");
    h.clock.set("2026-03-05T08:20:00+01:00");
    ok(await h.as(d.software, RESUBMIT, { id: lodged.id, items: importInput(d).items }), "resubmitDeclaration");

    const entries = await timeline(d.software, lodged.id);
    expect(stateChanges(entries)).toEqual([
      ["2026-03-02T09:15:00.000Z", "TRANSMITTED", "TRANSMITTED"],
      ["2026-03-02T09:15:00.000Z", "RECEIPT_CONFIRMED", "RECEIVED"],
      ["2026-03-02T09:15:00.000Z", "ACCEPTED", "ACCEPTED"],
      ["2026-03-02T13:40:00.000Z", "REFUSED", "REFUSED"],
      ["2026-03-05T07:20:00.000Z", "RESUBMITTED", "RECEIVED"],
      ["2026-03-05T07:20:00.000Z", "ACCEPTED", "ACCEPTED"],
    ]);
    expect(entries.filter(e => e.kind === "ACCEPTED").map(e => [e.at, e.summary, e.rule, e.article])).toEqual([
      ["2026-03-02T09:15:00.000Z", "Accepted: the declaration binds the declarant.", "DEC-R17", "OD-AFD art. 16"],
      ["2026-03-05T07:20:00.000Z", "The resubmitted declaration was accepted again: it binds the declarant.", "DEC-R17", "OD-AFD art. 16"],
    ]);
    // The row holds only the resubmission's receipt and acceptance now; the kept versions hold the first.
    const row = ok(await h.as(d.software, `query ($id: ID!) { declaration(id: $id) { receiptConfirmedAt acceptedAt } }`, { id: lodged.id }), "declaration").declaration;
    expect(row).toEqual({ receiptConfirmedAt: "2026-03-05T07:20:00.000Z", acceptedAt: "2026-03-05T07:20:00.000Z" });
    // Presented and declared on Monday: due by the end of Tuesday, met by Monday's receipt.
    expect(entry(entries, "DECLARATION_DUE")).toMatchObject({ at: "2026-03-03T22:59:59.999Z", overdue: false, rule: "DEC-R06", article: "OD-AFD art. 4" });
    expect(entries.some(e => e.kind === "STATUS_CHANGED")).toBe(false);
    expectNoDuplicateStateChanges(entries);
  });

  it("DEC-R43 (LD art. 34 para. 1): a withdrawal is listed as WITHDRAWN at the instant it was made, once, after the declaration's acceptance", async () => {
    const d = await h.declarant();
    // A pre-declaration: its goods are not presented yet, so nothing is released and it can be withdrawn.
    const { id } = await preDeclare(h, d, { officeId: "1001" });
    h.clock.set("2026-03-02T11:47:30.250+01:00");
    expect(ok(await h.as(d.software, WITHDRAW, { id }), "withdrawDeclaration").withdrawDeclaration.declaration.status).toBe("WITHDRAWN");
    h.clock.set("2026-03-04T09:00:00+01:00");

    const entries = await timeline(d.software, id);
    expect(entry(entries, "WITHDRAWN")).toEqual({
      at: "2026-03-02T10:47:30.250Z",
      kind: "WITHDRAWN",
      deadline: false,
      overdue: false,
      summary: "Withdrawn by the declarant while the goods were still presented.",
      rule: "DEC-R43",
      article: "LD art. 34 para. 1",
      status: "WITHDRAWN",
    });
    expect(stateChanges(entries)).toEqual([
      ["2026-03-02T08:00:00.000Z", "TRANSMITTED", "TRANSMITTED"],
      ["2026-03-02T08:00:00.000Z", "RECEIPT_CONFIRMED", "RECEIVED"],
      ["2026-03-02T08:00:00.000Z", "ACCEPTED", "ACCEPTED"],
      ["2026-03-02T10:47:30.250Z", "WITHDRAWN", "WITHDRAWN"],
    ]);
    expectNoDuplicateStateChanges(entries);
  });

  it("DEC-R18 (OD-AFD art. 20d para. 3): e-dec web's receipt and acceptance, one act of the office, are listed as its acceptance alone, at the attestation", async () => {
    const d = await h.declarant();
    const web = { channel: "EDEC_WEB", businessNumber: null, personalNumber: null };
    const presentationId = await present(h, d);
    const lodged = ok(await h.as(d.software, LODGE, { input: importInput(d, { ...web, presentationId }) }), "lodgeDeclaration").lodgeDeclaration.declaration;
    h.clock.set("2026-03-02T09:40:00+01:00");
    ok(await h.as(CUSTOMS, `mutation ($id: ID!) { attestEdecWebAcceptance(input: { declarationId: $id }) { declaration { id } } }`, { id: lodged.id }), "attestEdecWebAcceptance");

    const entries = await timeline(d.software, lodged.id);
    expect(stateChanges(entries)).toEqual([
      ["2026-03-02T08:00:00.000Z", "TRANSMITTED", "TRANSMITTED"],
      ["2026-03-02T08:40:00.000Z", "ACCEPTED", "ACCEPTED"],
    ]);
    expect(entry(entries, "ACCEPTED")).toMatchObject({ rule: "DEC-R18", article: "OD-AFD art. 20d para. 3" });
  });

  it("DEC-R16, DEC-R17, DEC-R38, DEC-R43 (OD-AFD art. 12 para. 4, 16; LD art. 32, 34 para. 1): when the clock moves between a transaction's history stamp and the moment its service reads the time, as the system clock does, each state change is still said once, by the entry its write dated", async () => {
    const d = await h.declarant();
    // Every reading of the clock is a millisecond after the previous one.
    const tick = jest.spyOn(h.clock, "now").mockImplementation(() => {
      const at = FixedClock.prototype.now.call(h.clock);
      h.clock.advance(1);
      return at;
    });
    try {
      const { id: withdrawn } = await preDeclare(h, d, { officeId: "1001" });
      ok(await h.as(d.software, WITHDRAW, { id: withdrawn }), "withdrawDeclaration");
      h.subgraph.services.selection.random = () => 0.001; // BLOCKED: not released, so it can be refused
      const refused = await lodgeAt(d, "1001");
      ok(await h.as(CUSTOMS, REFUSE, { id: refused.id, reasons: ["Commercial invoice missing"] }), "refuseDeclaration");
      ok(await h.as(d.software, RESUBMIT, { id: refused.id, items: importInput(d).items }), "resubmitDeclaration");

      const w = await timeline(d.software, withdrawn);
      expect(stateChanges(w).map(([, kind, status]) => [kind, status])).toEqual([
        ["TRANSMITTED", "TRANSMITTED"],
        ["RECEIPT_CONFIRMED", "RECEIVED"],
        ["ACCEPTED", "ACCEPTED"],
        ["WITHDRAWN", "WITHDRAWN"],
      ]);
      const r = await timeline(d.software, refused.id);
      expect(stateChanges(r).map(([, kind, status]) => [kind, status])).toEqual([
        ["TRANSMITTED", "TRANSMITTED"],
        ["RECEIPT_CONFIRMED", "RECEIVED"],
        ["ACCEPTED", "ACCEPTED"],
        ["REFUSED", "REFUSED"],
        ["RESUBMITTED", "RECEIVED"],
        ["ACCEPTED", "ACCEPTED"],
      ]);
      // The instants do differ: the entries are dated by the services' readings, each after its write's stamp.
      expect(new Set(stateChanges(r).map(([at]) => at)).size).toBeGreaterThanOrEqual(5);
    } finally {
      tick.mockRestore();
    }
  });

  it("DEC-R41 (OD-AFD art. 20 para. 3): a missed resubmission is listed as RESUBMISSION_OVERDUE when the job moved it, then the ex officio taxation, its cancellation (DEC-R54, OD-AFD art. 20b), the office's extension after expiry back to REFUSED (DEC-R40, OD-AFD art. 20 para. 2) and the resubmission, each state change once", async () => {
    const d = await h.declarant();
    h.subgraph.services.selection.random = () => 0.001; // BLOCKED: not released, so it can be refused
    const lodged = await lodgeAt(d, "1001");
    h.clock.set("2026-03-02T09:30:00+01:00");
    ok(await h.as(CUSTOMS, REFUSE, { id: lodged.id, reasons: ["Commercial invoice missing"] }), "refuseDeclaration");
    // Due by the 10th working day, Monday 16 March; the job finds it overdue on Tuesday morning.
    h.clock.set("2026-03-17T07:05:00+01:00");
    expect((await h.subgraph.jobs.runOnce())["resubmission-overdue"]).toBeGreaterThanOrEqual(1);
    h.clock.set("2026-03-18T10:00:00+01:00");
    const decision = ok(await h.as(CUSTOMS, TAX, { id: lodged.id, kind: "EX_OFFICIO" }), "taxDeclaration").taxDeclaration.taxationDecision;
    h.clock.set("2026-03-18T11:00:00+01:00");
    ok(await h.as(CUSTOMS, CANCEL, { id: decision.id, notice: "Taxed on the wrong heading" }), "cancelTaxationDecision");
    h.clock.set("2026-03-18T12:00:00+01:00");
    ok(await h.as(CUSTOMS, EXTEND_RESUBMISSION, { id: lodged.id, until: "2026-03-25T22:59:59.999Z", reason: "Invoice lost in the post, proven by the carrier" }), "extendResubmission");
    h.clock.set("2026-03-19T09:00:00+01:00");
    ok(await h.as(d.software, RESUBMIT, { id: lodged.id, items: importInput(d).items }), "resubmitDeclaration");

    const entries = await timeline(d.software, lodged.id);
    expect(stateChanges(entries)).toEqual([
      ["2026-03-02T08:00:00.000Z", "TRANSMITTED", "TRANSMITTED"],
      ["2026-03-02T08:00:00.000Z", "RECEIPT_CONFIRMED", "RECEIVED"],
      ["2026-03-02T08:00:00.000Z", "ACCEPTED", "ACCEPTED"],
      ["2026-03-02T08:30:00.000Z", "REFUSED", "REFUSED"],
      ["2026-03-17T06:05:00.000Z", "RESUBMISSION_OVERDUE", "RESUBMISSION_OVERDUE"],
      ["2026-03-18T09:00:00.000Z", "TAXED", "EX_OFFICIO_TAXED"],
      ["2026-03-18T10:00:00.000Z", "TAXATION_CANCELLED", "RESUBMISSION_OVERDUE"],
      ["2026-03-18T11:00:00.000Z", "STATUS_CHANGED", "REFUSED"],
      ["2026-03-19T08:00:00.000Z", "RESUBMITTED", "RECEIVED"],
      ["2026-03-19T08:00:00.000Z", "ACCEPTED", "ACCEPTED"],
    ]);
    expect(entry(entries, "RESUBMISSION_OVERDUE")).toMatchObject({
      deadline: false,
      overdue: false,
      rule: "DEC-R41",
      article: "OD-AFD art. 20 para. 3",
      summary: "Not resubmitted by the deadline in force (OD-AFD art. 20 para. 2): the office may now tax the goods ex officio, or extend the period.",
    });
    expect(entry(entries, "TAXED")).toMatchObject({ rule: "DEC-R41", article: "OD-AFD art. 20 para. 3" });
    expect(entry(entries, "TAXATION_CANCELLED")).toMatchObject({ rule: "DEC-R54", article: "OD-AFD art. 20b" });
    expect(entry(entries, "STATUS_CHANGED")).toMatchObject({
      rule: "DEC-R40",
      article: "OD-AFD art. 20 para. 2",
      summary: "The office extended the resubmission period after it had passed, for fair reasons: the corrected declaration is awaited again.",
    });
    // The deadline in force is the extended one, met by the resubmission.
    expect(entry(entries, "RESUBMISSION_DUE")).toMatchObject({ at: "2026-03-25T22:59:59.999Z", overdue: false });
    expectNoDuplicateStateChanges(entries);
  });
});

describe("the offices' work queues", () => {
  it("DEC-R36 (OD-AFD art. 19 para. 2): overdueDocuments(officeId) lists only the overdue documents of declarations lodged at that office", async () => {
    const d = await h.declarant();
    h.subgraph.services.selection.random = () => 0.001; // BLOCKED: two documents each, due at 11:00
    const chiasso = await lodgeAt(d, "2301");
    const zurich = await lodgeAt(d, "4001");
    const marks = (x: Record<string, any>) => nodes(x.documents).map((doc: any) => doc.identificationMark);
    h.clock.set("2026-03-02T12:00:00+01:00");
    await h.subgraph.jobs.runOnce();
    const listed = async (principal: Principal, office: string | null) => nodes<any>(ok(await h.as(principal, OVERDUE_DOCUMENTS, { office }), "overdueDocuments").overdueDocuments).map(x => x.identificationMark);

    const atChiasso = await listed(CUSTOMS, "2301");
    expect(atChiasso).toEqual(expect.arrayContaining(marks(chiasso)));
    expect(atChiasso.every(m => m.startsWith("26CH2301"))).toBe(true);
    const atZurich = await listed(CUSTOMS, "4001");
    expect(atZurich).toEqual(expect.arrayContaining(marks(zurich)));
    expect(atZurich.every(m => m.startsWith("26CH4001"))).toBe(true);
    expect(await listed(CUSTOMS, null)).toEqual(expect.arrayContaining([...marks(chiasso), ...marks(zurich)]));
    // A partner's list keeps to its own declarations, then to the office.
    expect(await listed(d.software, "2301")).toEqual(marks(chiasso));
    expect(await listed(d.software, "1001")).toEqual([]);
  });

  it("DEC-R40 (OD-AFD art. 20 para. 1-2): pendingResubmissions lists the refusals awaiting resubmission by the deadline in force, earliest first, a page at a time, by office, each with its declaration; for officers only", async () => {
    const d = await h.declarant();
    const early = await refusedPreDeclaration(d, "3001", "Invoice missing"); // Monday 2 March: due Monday 16 March
    h.clock.set("2026-03-03T09:00:00+01:00");
    const zurich = await refusedPreDeclaration(d, "4001"); // Tuesday: due Tuesday 17 March
    h.clock.set("2026-03-04T09:00:00+01:00");
    const later = await refusedPreDeclaration(d, "3001", "Weight wrong"); // Wednesday: due Wednesday 18 March
    const resubmitted = await refusedPreDeclaration(d, "3001");
    ok(await h.as(d.software, RESUBMIT, { id: resubmitted.id, items: importInput(d).items }), "resubmitDeclaration");

    const page = async (office: string | null, first: number, after: string | null = null, principal: Principal = CUSTOMS) => ok(await h.as(principal, PENDING, { office, first, after }), "pendingResubmissions").pendingResubmissions;
    const geneva = await page("3001", 10);
    expect(geneva.totalCount).toBe(2);
    expect(nodes<any>(geneva).map(r => [r.id, r.resubmissionDueBy, r.declaration.id, r.declaration.status])).toEqual([
      [early.refusalId, "2026-03-16T22:59:59.999Z", early.id, "REFUSED"],
      [later.refusalId, "2026-03-18T22:59:59.999Z", later.id, "REFUSED"],
    ]);

    // The office extends the earliest beyond the other: the queue follows the deadline in force (T10).
    ok(await h.as(CUSTOMS, EXTEND_RESUBMISSION, { id: early.id, until: "2026-03-20T22:59:59.999Z", reason: "Invoice delayed by the supplier's strike" }), "extendResubmission");
    const first = await page("3001", 1);
    expect(nodes<any>(first).map(r => r.id)).toEqual([later.refusalId]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await page("3001", 1, first.pageInfo.endCursor);
    expect(nodes<any>(second).map(r => [r.id, r.resubmissionDueBy])).toEqual([[early.refusalId, "2026-03-20T22:59:59.999Z"]]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(nodes(await page("3001", 1, second.pageInfo.endCursor))).toEqual([]);

    expect(nodes<any>(await page("4001", 10, null, AUDITOR)).map(r => r.id)).toEqual([zurich.refusalId]);
    const everywhere = nodes<any>(await page(null, 100)).map(r => r.id).filter(x => [early.refusalId, zurich.refusalId, later.refusalId, resubmitted.refusalId].includes(x));
    expect(everywhere).toEqual([zurich.refusalId, later.refusalId, early.refusalId]);

    // Partners and anonymous callers get the officer-only refusal of undeclaredPresentations.
    for (const principal of [d.software, ANONYMOUS]) {
      const res = await h.as(principal, PENDING, { office: "3001", first: 10, after: null });
      expect(errorCode(res)).toBe("OFFICER_ROLE_REQUIRED");
      expect(res.data).toBeNull();
    }
    expect(errorCode(await h.as(CUSTOMS, PENDING, { office: "3001", first: 10, after: "not-a-cursor" }))).toBe("BAD_USER_INPUT");
  });
});

describe("SQL statements", () => {
  it("DEC-R38, DEC-R40 (LD art. 32; OD-AFD art. 20): the timelines of 12 refused declarations, and each refusal's declaration, cost as many SQL statements as those of 3, in a partner's list and in the office's queue (STYLE.md: references are batched)", async () => {
    const LIST = `{ declarations(first: 100) { edges { node { id timeline { at kind overdue rule article status } refusals { edges { node { id declaration { id status } } } } } } } }`;
    const QUEUE = `query ($office: ID) { pendingResubmissions(officeId: $office, first: 100) { edges { node { id declaration { id timeline { at kind overdue rule article status } } } } } }`;
    const [few, many] = await Promise.all([h.declarant(), h.declarant()]);
    h.subgraph.services.selection.random = () => 0.001; // BLOCKED: each has a presentation, two documents with deadlines and a refusal
    for (const [who, office, count] of [[few, "2301", 3], [many, "4001", 12]] as const) {
      for (let i = 0; i < count; i++) {
        const lodged = await lodgeAt(who, office);
        ok(await h.as(CUSTOMS, REFUSE, { id: lodged.id, reasons: ["Commercial invoice missing"] }), "refuseDeclaration");
      }
    }
    const three = await h.subgraph.runtime.sql.measure(() => h.as(few.software, LIST));
    const twelve = await h.subgraph.runtime.sql.measure(() => h.as(many.software, LIST));
    expect(three.result.errors).toBeUndefined();
    expect(twelve.result.errors).toBeUndefined();
    const listed = nodes<any>(twelve.result.data?.declarations);
    expect(listed).toHaveLength(12);
    expect(nodes<any>(three.result.data?.declarations)).toHaveLength(3);
    for (const n of listed) {
      expectNoDuplicateStateChanges(n.timeline);
      expect(stateChanges(n.timeline).map(([, kind]) => kind)).toEqual(["TRANSMITTED", "RECEIPT_CONFIRMED", "ACCEPTED", "REFUSED"]);
      expect(n.timeline.filter((e: Entry) => e.kind === "DOCUMENT_DUE")).toHaveLength(2);
      expect(n.timeline.filter((e: Entry) => e.kind === "RESUBMISSION_DUE")).toHaveLength(1);
      expect(nodes<any>(n.refusals).map(r => r.declaration)).toEqual([{ id: n.id, status: "REFUSED" }]);
    }
    console.log(`declarations { timeline refusals { declaration } }: ${twelve.statements} SQL statements over 12 declarations, ${three.statements} over 3`);
    expect(twelve.statements).toBe(three.statements);
    // The page; the refusals' pages (kit paginateByParent: the window query, then the rows); their
    // declarations in one batch; the timeline's records, one statement per table (the declarations'
    // kept versions, presentations, refusals, documents, verifications, corrections, taxation
    // decisions, change requests), then every deadline override (T10) in one.
    expect(twelve.statements).toBe(13);

    // Zürich's queue also holds the pre-declaration refused in the queue test above: 13 against 3.
    const queue3 = await h.subgraph.runtime.sql.measure(() => h.as(CUSTOMS, QUEUE, { office: "2301" }));
    const queue13 = await h.subgraph.runtime.sql.measure(() => h.as(CUSTOMS, QUEUE, { office: "4001" }));
    expect(queue3.result.errors).toBeUndefined();
    expect(queue13.result.errors).toBeUndefined();
    expect(nodes<any>(queue3.result.data?.pendingResubmissions)).toHaveLength(3);
    expect(nodes<any>(queue13.result.data?.pendingResubmissions)).toHaveLength(13);
    expect(nodes<any>(queue13.result.data?.pendingResubmissions).every(r => r.declaration.timeline.some((e: Entry) => e.kind === "REFUSED"))).toBe(true);
    console.log(`pendingResubmissions { declaration { timeline } }: ${queue13.statements} SQL statements over 13 refusals, ${queue3.statements} over 3`);
    expect(queue13.statements).toBe(queue3.statements);
  });
});

describe("a declaration older than its history", () => {
  it("DEC-R40 (OD-AFD art. 20 para. 2), DEC-R43 (LD art. 34 para. 1): has only the version it had when the history began, so that its timeline is what its row and records say, as before the history: the first receipt and acceptance a resubmission overwrote, and a withdrawal, are not listed, and the declaration deadline (DEC-R06, OD-AFD art. 4) is still met", async () => {
    const d = await h.declarant();
    const { id: withdrawn } = await preDeclare(h, d, { officeId: "1001" });
    h.subgraph.services.selection.random = () => 0.001; // BLOCKED: not released, so it can be refused
    h.clock.set("2026-03-02T10:15:00+01:00");
    const resubmitted = await lodgeAt(d, "1001");
    h.clock.set("2026-03-02T14:40:00+01:00");
    ok(await h.as(CUSTOMS, REFUSE, { id: resubmitted.id, reasons: ["Commercial invoice missing"] }), "refuseDeclaration");
    h.clock.set("2026-03-02T15:00:00+01:00");
    ok(await h.as(d.software, WITHDRAW, { id: withdrawn }), "withdrawDeclaration");
    h.clock.set("2026-03-05T08:20:00+01:00");
    ok(await h.as(d.software, RESUBMIT, { id: resubmitted.id, items: importInput(d).items }), "resubmitDeclaration");
    const kept = await timeline(d.software, resubmitted.id);
    const keptWithdrawal = await timeline(d.software, withdrawn);
    expect(kept.filter(e => e.at === "2026-03-02T09:15:00.000Z" && ["RECEIPT_CONFIRMED", "ACCEPTED"].includes(e.kind))).toHaveLength(2);
    expect(keptWithdrawal.filter(e => e.kind === "WITHDRAWN")).toHaveLength(1);

    // The history begins now: DeclarationsHistory undone (its triggers and versions go) and done
    // again, which records every declaration once, as it now stands, at its creation. This runs
    // last in the file: the declarations of the tests above keep only that version too.
    const ds = h.subgraph.runtime.dataSource;
    const last = async () => ((await ds.query("SELECT name FROM migrations ORDER BY id DESC LIMIT 1")) as { name: string }[])[0].name;
    expect(await last()).toBe("DeclarationsHistory1765900000200");
    await ds.undoLastMigration({ transaction: "each" });
    await ds.runMigrations({ transaction: "each" });
    expect(await last()).toBe("DeclarationsHistory1765900000200");

    const older = await timeline(d.software, resubmitted.id);
    expect(older).toEqual(kept.filter(e => !(e.at === "2026-03-02T09:15:00.000Z" && ["RECEIPT_CONFIRMED", "ACCEPTED"].includes(e.kind))));
    expect(stateChanges(older)).toEqual([
      ["2026-03-02T09:15:00.000Z", "TRANSMITTED", "TRANSMITTED"],
      ["2026-03-02T13:40:00.000Z", "REFUSED", "REFUSED"],
      ["2026-03-05T07:20:00.000Z", "RESUBMITTED", "RECEIVED"],
      ["2026-03-05T07:20:00.000Z", "ACCEPTED", "ACCEPTED"],
    ]);
    expect(entry(older, "DECLARATION_DUE")).toMatchObject({ at: "2026-03-03T22:59:59.999Z", overdue: false });
    expect(await timeline(d.software, withdrawn)).toEqual(keptWithdrawal.filter(e => e.kind !== "WITHDRAWN"));
  });
});
