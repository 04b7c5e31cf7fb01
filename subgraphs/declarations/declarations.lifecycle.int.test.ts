import { ANONYMOUS, errorCode } from "../../test/support/graphql";
import { CUSTOMS, DeclarationsHarness, importInput, LODGE, nodes, startDeclarations } from "../../test/support/declarations-harness";

/**
 * The electronic import from presentation to removal on MariaDB (DOMAIN.md §3), at Basel
 * (canton BS) on Monday 2 March 2026, 09:00 Zurich time.
 */
let h: DeclarationsHarness;

beforeAll(async () => {
  h = await startDeclarations("customs_test_declarations_lifecycle");
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(() => {
  h.clock.set("2026-03-02T09:00:00+01:00");
  h.subgraph.services.selection.random = () => 0.5;
});

async function expectRefused(principal: Parameters<DeclarationsHarness["as"]>[0], query: string, variables: Record<string, unknown>, code: string) {
  const before = await h.fingerprint();
  const res = await h.as(principal, query, variables);
  expect(res.errors?.[0]?.extensions?.code).toBe(code);
  expect(await h.fingerprint()).toBe(before);
  return res.errors![0];
}

const PRESENT = `mutation ($input: PresentGoodsInput!) { presentGoods(input: $input) { presentation { id presentedAt declarationDueBy status } } }`;

describe("presentation and lodging", () => {
  it("makes the declaration due by the end of the next business day after presentation (DEC-R06, OD-AFD art. 4)", async () => {
    const d = await h.declarant();
    const res = await h.as(d.software, PRESENT, { input: { officeId: "1001", presenterId: d.partnerId, summaryForm: "ELECTRONIC", place: "Basel Weil-Autobahn", goodsDescription: "Textiles" } });
    expect(res.data?.presentGoods.presentation).toMatchObject({ status: "PRESENTED", declarationDueBy: "2026-03-03T22:59:59.999Z" });
  });

  it("receives, accepts with a timestamp and selects an electronic declaration (DEC-R16, OD-AFD art. 12 para. 4; DEC-R17, OD-AFD art. 16; DEC-R29, OD-AFD art. 17 para. 1)", async () => {
    const d = await h.declarant();
    const p = await h.as(d.software, PRESENT, { input: { officeId: "1001", presenterId: d.partnerId, summaryForm: "ELECTRONIC", place: "Basel", goodsDescription: "Textiles" } });
    const res = await h.as(d.software, LODGE, { input: importInput(d, { presentationId: p.data?.presentGoods.presentation.id }) });
    expect(res.errors).toBeUndefined();
    const decl = res.data?.lodgeDeclaration.declaration;
    expect(decl).toMatchObject({
      status: "ACCEPTED",
      isPreDeclaration: false,
      transmittedAt: "2026-03-02T08:00:00.000Z",
      receiptConfirmedAt: "2026-03-02T08:00:00.000Z",
      acceptedAt: "2026-03-02T08:00:00.000Z",
      selectionResult: "FREE_WITHOUT",
      releasedAt: "2026-03-02T08:00:00.000Z",
      removalDueBy: "2026-03-03T22:59:59.999Z",
    });
    expect(decl.declarationNumber).toMatch(/^26CH1001\d{8}$/);
  });

  it("refuses a declaration in a language that is not official, and stores nothing (DEC-R15, OD-AFD art. 7)", async () => {
    const d = await h.declarant();
    await expectRefused(d.software, LODGE, { input: importInput(d, { language: "en" }) }, "LANGUAGE_NOT_OFFICIAL");
  });

  it("refuses a business number that is not the declarant's active authorisation, and an unknown employee (ID-R33, OD-AFD art. 11)", async () => {
    const d = await h.declarant();
    const other = await h.declarant();
    await expectRefused(d.software, LODGE, { input: importInput(d, { businessNumber: other.businessNumber }) }, "DECLARANT_NOT_AUTHORISED");
    await expectRefused(d.software, LODGE, { input: importInput(d, { personalNumber: "NOBODY" }) }, "DECLARING_EMPLOYEE_UNKNOWN");
    await h.identityEvent("CustomsSystemAuthorisationWithdrawn", { partnerId: d.partnerId, businessNumber: d.businessNumber });
    await expectRefused(d.software, LODGE, { input: importInput(d) }, "DECLARANT_NOT_AUTHORISED");
    // e-dec web needs no authorisation (DEC-R18, OD-AFD art. 20c).
    const web = await h.as(d.software, LODGE, { input: importInput(d, { channel: "EDEC_WEB", businessNumber: null, personalNumber: null, plannedCrossingAt: "2026-03-02T15:00:00+01:00" }) });
    expect(web.errors).toBeUndefined();
  });
});

describe("an import selected BLOCKED", () => {
  it("runs from lodging to removal: documents late, then on time, verified, taxed, released, removed", async () => {
    const d = await h.declarant();
    h.subgraph.services.selection.random = () => 0.001;
    const p = await h.as(d.software, PRESENT, { input: { officeId: "1001", presenterId: d.partnerId, summaryForm: "ELECTRONIC", place: "Basel", goodsDescription: "Textiles" } });
    const lodged = await h.as(d.software, LODGE, { input: importInput(d, { presentationId: p.data?.presentGoods.presentation.id }) });
    const decl = lodged.data?.lodgeDeclaration.declaration;
    expect(decl.selectionResult).toBe("BLOCKED");
    expect(decl.releasedAt).toBeNull();
    // DEC-R36 para. 2 let. a: two hours of counter opening after the declaration: 09:00 → 11:00.
    expect(nodes(decl.documents).map((x: any) => [x.kind, x.dueAt])).toEqual([
      ["DECLARATION_PRINTOUT", "2026-03-02T10:00:00.000Z"],
      ["ACCOMPANYING", "2026-03-02T10:00:00.000Z"],
    ]);
    // The partner sees the result but not the reasons.
    const partnerView = await h.as(d.software, `query ($id: ID!) { declaration(id: $id) { selection { result matchedRules { ruleId } } } }`, { id: decl.id });
    expect(partnerView.data?.declaration.selection).toBeNull();
    expect(errorCode(partnerView)).toBe("FORBIDDEN");
    const officerView = await h.as(CUSTOMS, `query ($id: ID!) { declaration(id: $id) { selection { result randomlySelected randomDraw } } }`, { id: decl.id });
    expect(officerView.data?.declaration.selection).toEqual({ result: "BLOCKED", randomlySelected: true, randomDraw: "0.001" });

    // Release is refused while documents are missing.
    await expectRefused(CUSTOMS, `mutation ($id: ID!) { releaseGoods(input: { declarationId: $id }) { declaration { id } } }`, { id: decl.id }, "DOCUMENTS_MISSING");
    // 11:00:01: the documents are overdue; the job flags them once.
    h.clock.set("2026-03-02T11:00:01+01:00");
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "flag-overdue-documents": 2 });
    expect(await h.subgraph.jobs.runOnce()).toMatchObject({ "flag-overdue-documents": 0 });
    const overdue = await h.as(d.software, `{ overdueDocuments { totalCount edges { node { identificationMark } } } }`);
    expect(overdue.data?.overdueDocuments.totalCount).toBe(2);
    expect(overdue.data?.overdueDocuments.edges).toHaveLength(2);
    for (const doc of nodes(decl.documents)) {
      const s = await h.as(d.software, `mutation ($m: String!) { submitDocument(input: { identificationMark: $m }) { document { submittedAt } } }`, { m: doc.identificationMark });
      expect(s.errors).toBeUndefined();
    }
    const v = await h.as(CUSTOMS, `mutation ($id: ID!) { orderVerification(input: { declarationId: $id, scope: SAMPLE, sampledTariffNumbers: ["6109.1000"] }) { verification { id coveredItems { position } } } }`, { id: decl.id });
    expect(v.data?.orderVerification.verification.coveredItems).toEqual([{ position: 1 }]);
    await expectRefused(d.software, `mutation ($id: ID!) { withdrawDeclaration(input: { declarationId: $id }) { declaration { id } } }`, { id: decl.id }, "VERIFICATION_ORDERED");
    await h.as(CUSTOMS, `mutation ($id: ID!) { recordVerificationResult(input: { verificationId: $id, conforms: true, result: "Sample of 2 cartons matches" }) { verification { recordedAt } } }`, { id: v.data?.orderVerification.verification.id });
    const taxed = await h.as(CUSTOMS, `mutation ($id: ID!) { taxDeclaration(input: { declarationId: $id, kind: FINAL }) { taxationDecision { id kind totalDuties nonCollected appealDeadline notifiedAt lines { amount basis rateApplied } } } }`, { id: decl.id });
    expect(taxed.errors).toBeUndefined();
    // 1000.500 kg gross at CHF 97.00 per 100 kg = CHF 970.485 → 970.49 (half up). Day 60 is Friday
    // 1 May, Labour Day in Basel-Stadt: the appeal period ends Monday 4 May (DEC-R60).
    expect(taxed.data?.taxDeclaration.taxationDecision).toMatchObject({ kind: "FINAL", totalDuties: "970.49", nonCollected: false, notifiedAt: "2026-03-02T10:00:01.000Z", appealDeadline: "2026-05-04" });
    const released = await h.as(CUSTOMS, `mutation ($id: ID!) { releaseGoods(input: { declarationId: $id }) { declaration { releasedAt removalDueBy } } }`, { id: decl.id });
    expect(released.data?.releaseGoods.declaration).toEqual({ releasedAt: "2026-03-02T10:00:01.000Z", removalDueBy: "2026-03-03T22:59:59.999Z" });
    h.clock.set("2026-03-03T07:00:00+01:00");
    const removed = await h.as(d.software, `mutation ($id: ID!) { recordRemoval(input: { declarationId: $id }) { declaration { removedAt removalOverdue changeOfTaxationDeadline } } }`, { id: decl.id });
    expect(removed.data?.recordRemoval.declaration).toEqual({ removedAt: "2026-03-03T06:00:00.000Z", removalOverdue: false, changeOfTaxationDeadline: "2026-04-02T21:59:59.999Z" });
  });
});

describe("who may", () => {
  it("keeps a declaration from other partners and anonymous callers", async () => {
    const d = await h.declarant();
    const other = await h.declarant();
    const lodged = await h.as(d.software, LODGE, { input: importInput(d, { plannedCrossingAt: "2026-03-02T15:00:00+01:00" }) });
    const id = lodged.data?.lodgeDeclaration.declaration.id;
    expect(errorCode(await h.as(other.software, `query ($id: ID!) { declaration(id: $id) { id } }`, { id }))).toBe("FORBIDDEN");
    expect(errorCode(await h.as(ANONYMOUS, `query ($id: ID!) { declaration(id: $id) { id } }`, { id }))).toBe("UNAUTHENTICATED");
  });
});
