import { randomUUID } from "node:crypto";
import { CUSTOMS, Declarant, DeclarationsHarness, startDeclarations } from "../../test/support/declarations-harness";
import { APPEAL, CANCEL, DECIDE_CHANGE, GET, REMOVE, REQUEST_CHANGE, item, lodgePresented, ok, outbox, preDeclare, PRESENT, REFUSE, RESUBMIT, TAX, taxFinal, transitInput, WITHDRAW } from "../../test/support/declarations-scenarios";
import type { GraphQLResponse } from "../../test/support/graphql";
import { DeclarationChannel, DeclarationStatus, Direction, CustomsDestination, CustomsProcedure } from "./entities/enums";

/**
 * Guards of the declarations' lifecycle (DOMAIN.md §3, §7) that an audit found missing: each test
 * failed before its fix. Basel (canton BS), Monday 2 March 2026, 09:00 Zurich time.
 */
let h: DeclarationsHarness;
let d: Declarant;

const NOW = "2026-03-02T09:00:00+01:00";
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

beforeAll(async () => {
  h = await startDeclarations("customs_test_declarations_guards", NOW);
  await h.subgraph.jobs.stop();
  d = await h.declarant();
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(() => {
  h.clock.set(NOW);
  h.subgraph.services.selection.random = () => 0.5;
});

async function read(id: string): Promise<Record<string, any>> {
  return ok(await h.as(CUSTOMS, GET, { id }), "declaration").declaration;
}

const OPEN_CASE = `mutation ($input: OpenProcedureCaseInput!) { openProcedureCase(input: $input) { procedureCase { id status securedAt } } }`;

describe("withdrawn declarations (DEC-R43, LD art. 34 para. 1; X27)", () => {
  it("DEC-R43 (LD art. 34 para. 1; X27): presenting goods does not revive a withdrawn pre-declaration (no BorderCrossed, the presentation stays free to declare)", async () => {
    const pre = await preDeclare(h, d);
    ok(await h.as(d.software, WITHDRAW, { id: pre.id }), "withdraw");
    h.clock.set("2026-03-02T15:00:00+01:00");
    const res = await h.as(d.software, PRESENT, {
      input: { officeId: "1001", presenterId: d.partnerId, summaryForm: "ELECTRONIC", place: "Basel Weil-Autobahn", goodsDescription: "Goods", declarationId: pre.id },
    });
    // The withdrawn declaration must not be linked to the goods, nor make the debt arise (X06) again.
    const crossed = (await outbox(h, pre.id)).filter(e => e.type === "BorderCrossed");
    expect(crossed).toEqual([]);
    const after = await read(pre.id);
    expect(after.status).toBe("WITHDRAWN");
    expect(after.crossedBorderAt).toBeNull();
    expect(after.presentation).toBeNull();
    if (!res.errors) {
      // If the presentation itself is kept, its goods are still to be declared.
      expect(res.data!.presentGoods.presentation.status).toBe("PRESENTED");
    }
  });

  it("DEC-R43 (LD art. 34 para. 1; DEC-R56, LD art. 40): a declaration whose procedure case the office opened is not withdrawn (PROCEDURE_CASE_OPEN), so the case's security never releases the goods of a withdrawn declaration", async () => {
    const t = await lodgePresented(h, d, { items: [item("6109.1000", "100.000")] }, transitInput);
    expect(t).toMatchObject({ status: "ACCEPTED", selectionResult: "FREE_WITHOUT", releasedAt: null });
    const c = ok(
      await h.as(CUSTOMS, OPEN_CASE, {
        input: { declarationId: t.id, transport: "ROAD", timeLimit: "2026-03-09T18:00:00+01:00", sealing: "BY_PACKAGE", sealCount: 4, sealingCosts: "20.00", identification: "Seals CH-1001-0001 to CH-1001-0004" },
      }),
      "openProcedureCase",
    ).openProcedureCase.procedureCase;
    expect(c.securedAt).toBeNull();
    const withdrawn = await h.as(d.software, WITHDRAW, { id: t.id });
    expect(withdrawn.errors?.[0]?.extensions).toMatchObject({ code: "PROCEDURE_CASE_OPEN", rule: "DEC-R43", article: "LD art. 34 para. 1", procedureCaseId: c.id });
    expect((await outbox(h, t.id)).filter(e => e.type === "DeclarationWithdrawn")).toEqual([]);
    // The case runs its course: secured, the goods of the (still accepted) declaration are released.
    h.clock.set("2026-03-02T09:30:00+01:00");
    await h.deliver("debt", "ConditionalDebtSecured", { debtId: randomUUID(), reference: `procedure:${c.id}`, securedAt: "2026-03-02T08:20:00.000Z" });
    const after = await read(t.id);
    expect(after.status).toBe("ACCEPTED");
    expect(after.releasedAt).not.toBeNull();
  });
  it("X27 (LD art. 34 para. 1) with X12 (LD art. 49 para. 3): no transit case runs out into ProcedureNotDischarged for a withdrawn declaration: the declaration of an open case stays accepted", async () => {
    const t = await lodgePresented(h, d, { items: [item("6109.1000", "100.000")] }, transitInput);
    const c = ok(
      await h.as(CUSTOMS, OPEN_CASE, {
        input: { declarationId: t.id, transport: "ROAD", timeLimit: "2026-03-09T18:00:00+01:00", sealing: "BY_PACKAGE", sealCount: 4, sealingCosts: "20.00", identification: "Seals CH-1001-0005 to CH-1001-0008" },
      }),
      "openProcedureCase",
    ).openProcedureCase.procedureCase;
    expect((await h.as(d.software, WITHDRAW, { id: t.id })).errors?.[0]?.extensions?.code).toBe("PROCEDURE_CASE_OPEN");
    // Not withdrawn, the declaration's case runs out as any other (X12): once, for the case, not for a withdrawn declaration.
    h.clock.set("2026-03-10T09:00:00+01:00");
    await h.subgraph.jobs.runOnce();
    expect((await read(t.id)).status).toBe("ACCEPTED");
    expect((await outbox(h, c.id)).filter(e => e.type === "ProcedureNotDischarged")).toHaveLength(1);
  });
});

describe("resubmission after a refusal (DEC-R40, OD-AFD art. 20 para. 2; DEC-R17, OD-AFD art. 16; X05)", () => {
  it("DEC-R40 (OD-AFD art. 20 para. 2) with DEC-R17 (OD-AFD art. 16), X05: a declaration refused before acceptance and resubmitted is accepted through the summary control: DeclarationAccepted is published and the risk selection runs", async () => {
    const presentationId = ok(
      await h.as(d.software, PRESENT, { input: { officeId: "1001", presenterId: d.partnerId, summaryForm: "ELECTRONIC", place: "Basel Weil-Autobahn", goodsDescription: "Goods" } }),
      "presentGoods",
    ).presentGoods.presentation.id;
    const lodging = h.subgraph.services.lodging;
    const id = await lodging.transmit(d.software, {
      declarantId: d.partnerId,
      officeId: "1001",
      direction: Direction.IMPORT,
      procedure: CustomsProcedure.FREE_CIRCULATION,
      destination: CustomsDestination.CUSTOMS_PROCEDURE,
      channel: DeclarationChannel.PASSAR_B2B,
      businessNumber: d.businessNumber,
      personalNumber: d.personalNumber,
      language: "de",
      presentationId,
      items: [{ tariffNumber: "6109.1000", description: "T-shirts, cotton", netMassKg: "950.000", grossMassKg: "1000.500", value: 2500000, origin: "PT" }],
    });
    expect(await lodging.confirmReceipt(id)).toBe(true);
    expect((await read(id)).status).toBe(DeclarationStatus.RECEIVED);
    // RECEIVED → REFUSED (LD art. 32 para. 2; OD-AFD art. 20 para. 1), before the summary control accepted it.
    ok(await h.as(CUSTOMS, REFUSE, { id, reasons: ["Invoice missing"] }), "refuseDeclaration");
    h.clock.set("2026-03-03T10:00:00+01:00");
    const items = [item("6109.1000", "1000.500", { origin: "PT" })];
    ok(await h.as(d.software, RESUBMIT, { id, items }), "resubmitDeclaration");
    const after = await read(id);
    expect(after.status).toBe("ACCEPTED");
    // Accepted now for the first time: debt must learn of it (X05, LD art. 69 let. a), and the selection must run (DEC-R29).
    expect((await outbox(h, id)).filter(e => e.type === "DeclarationAccepted")).toHaveLength(1);
    expect(after.selectionResult).not.toBeNull();
  });
});

describe("appeals against a cancelled decision (DEC-R60, LD art. 116; DEC-R54, OD-AFD art. 20b)", () => {
  it("DEC-R60 (LD art. 116) with DEC-R54 (OD-AFD art. 20b): an appeal that waited for the declaration's lock while the office cancelled the decision is refused TAXATION_NOT_IN_FORCE", async () => {
    const decl = await lodgePresented(h, d);
    const decision = await taxFinal(h, decl.id);
    const holder = h.subgraph.runtime.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    let cancel: Promise<GraphQLResponse<any>>;
    let appeal: Promise<GraphQLResponse<any>>;
    try {
      await holder.query("SELECT id FROM customs_declaration WHERE id IN (?) FOR UPDATE", [decl.id]);
      cancel = h.as(CUSTOMS, CANCEL, { id: decision.id, notice: "Cancelled: taxed on the wrong rate" });
      await sleep(300);
      // The appeal reads the decision (ISSUED) and then queues behind the cancellation on the declaration's row.
      appeal = h.as(d.software, APPEAL, { id: decision.id });
      await sleep(500);
    } finally {
      await holder.commitTransaction();
      await holder.release();
    }
    const [c, a] = await Promise.all([cancel!, appeal!]);
    expect(c.errors).toBeUndefined();
    expect(c.data!.cancelTaxationDecision.taxationDecision.status).toBe("CANCELLED");
    // The cancellation committed first: the appeal contests a decision no longer in force.
    expect(a.errors?.[0]?.extensions?.code).toBe("TAXATION_NOT_IN_FORCE");
    expect((await outbox(h, decl.id)).filter(e => e.type === "AppealFiled")).toEqual([]);
  });
});

describe("a provisional taxation becoming final (DEC-R55, LD art. 39 para. 4; DEC-R52, LD art. 38)", () => {
  it("DEC-R55 (LD art. 39 para. 4) with DEC-R52 (LD art. 38): the job that finalises a provisional taxation and the office's FINAL decision at the same moment leave one decision in force: the job, first under the declaration's lock, finalises it and the office's decision is refused ALREADY_TAXED", async () => {
    const decl = await lodgePresented(h, d);
    const due = "2026-03-02T17:00:00.000Z";
    const provisional = ok(await h.as(CUSTOMS, TAX, { id: decl.id, kind: "PROVISIONAL", due }), "taxDeclaration").taxDeclaration.taxationDecision;
    h.clock.set("2026-03-02T19:00:00+01:00");
    const job = h.subgraph.services.taxation.provisionalBecomesFinalJob();
    // Holding the decision's row makes the job's finalisation wait, as if it were under way when the office taxes.
    const holder = h.subgraph.runtime.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    let finalised: Promise<number>;
    let final: Promise<GraphQLResponse<any>>;
    try {
      await holder.query("SELECT id FROM taxation_decision WHERE id IN (?) FOR UPDATE", [provisional.id]);
      finalised = job.run(h.clock.now());
      await sleep(300);
      final = h.as(CUSTOMS, TAX, { id: decl.id, kind: "FINAL" });
      await sleep(700);
    } finally {
      await holder.commitTransaction();
      await holder.release();
    }
    const [done, f] = await Promise.all([finalised!, final!]);
    expect(done).toBe(1);
    expect(f.errors?.[0]?.extensions).toMatchObject({ code: "ALREADY_TAXED", rule: "DEC-R52", article: "LD art. 38", taxationDecisionId: provisional.id });
    const rows: { id: string; kind: string; status: string }[] = await h.subgraph.runtime.dataSource.query("SELECT id, kind, status FROM taxation_decision WHERE declaration_id = ?", [decl.id]);
    // Not a finalised decision superseded by a second FINAL one: the provisional one became final, and is the only one.
    expect(rows).toEqual([{ id: provisional.id, kind: "FINAL", status: "ISSUED" }]);
    const events = (await outbox(h, decl.id)).map(e => e.type).filter(t => t.startsWith("Taxation") || t.startsWith("Provisional"));
    expect(events).toEqual(["TaxationDecisionIssued", "ProvisionalTaxationRequested", "ProvisionalTaxationFinalised"]);
  });
});

describe("the non-collection threshold and abuse (DEC-R59, OD-AFD art. 58 para. 2)", () => {
  const FLAG = `mutation ($ids: [ID!]!, $reason: String!) { flagTaxationAbuse(input: { taxationDecisionIds: $ids, reason: $reason }) { taxationDecisions { id nonCollected abuseFlaggedAt } } }`;
  const IN_FORCE = `query ($id: ID!) { declaration(id: $id) { taxationDecision { id kind totalDuties nonCollected } } }`;

  it("DEC-R59 (OD-AFD art. 58 para. 2): abuse found on a declaration's decision still holds for the amended decision that supersedes it (DEC-R44): CHF 5 or less is collected", async () => {
    const decl = await lodgePresented(h, d, { items: [item("0702.0000", "100.000", { origin: "ES" })] });
    const decision = await taxFinal(h, decl.id);
    expect(decision).toMatchObject({ totalDuties: "5.00", nonCollected: true });
    const flagged = ok(await h.as(CUSTOMS, FLAG, { ids: [decision.id], reason: "One consignment split to stay under CHF 5" }), "flag").flagTaxationAbuse.taxationDecisions;
    expect(flagged[0].nonCollected).toBe(false);
    ok(await h.as(d.software, REMOVE, { id: decl.id }), "recordRemoval");
    h.clock.set("2026-03-05T10:00:00+01:00");
    const request = ok(await h.as(d.software, REQUEST_CHANGE, { id: decl.id, items: [item("0702.0000", "90.000", { origin: "ES" })] }), "requestTaxationChange").requestTaxationChange.request;
    ok(await h.as(CUSTOMS, DECIDE_CHANGE, { id: request.id, grant: true }), "decideTaxationChange");
    const amended = ok(await h.as(CUSTOMS, IN_FORCE, { id: decl.id }), "read").declaration.taxationDecision;
    expect(amended.kind).toBe("AMENDED");
    expect(amended.totalDuties).toBe("4.50");
    // The abuse the office found (the split consignment) did not go away with the amendment.
    expect(amended.nonCollected).toBe(false);
  });
});
