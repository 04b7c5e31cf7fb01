import { FieldNode, OperationDefinitionNode, parse } from "graphql";
import { randomUUID } from "node:crypto";
import type { Principal } from "../kit";
import { CUSTOMS, Declarant, DeclarationsHarness, importInput, LODGE, nodes, startDeclarations } from "../../test/support/declarations-harness";
import { exportInput, ok, ORDER_VERIFICATION, OVERRIDE_DOCUMENT, outbox, present, PRESENT, REFUSE, RELEASE, REMOVE, SUBMIT, taxFinal, WITHDRAW } from "../../test/support/declarations-scenarios";
import { officer } from "../../test/support/graphql";
import { CHANNEL_MUTATIONS } from "../../test/support/procedure-scenarios";

/**
 * Issue 9, the channels (DOMAIN.md §3.3 DEC-R12 to DEC-R28, DEC-R81, DEC-R82) and the authorised
 * consignee and consignor (DEC-R61 to DEC-R64) on MariaDB: each channel accepted at the moment the
 * law names, and refused, with its stable code and article, for the goods and persons it does not
 * serve; a refusal changes nothing. Basel (canton BS) unless stated, from Monday 2 March 2026,
 * 09:00 Zurich time (08:00 UTC).
 */
let h: DeclarationsHarness;
let d: Declarant;
let traveller: string;
const DISTRICT = officer("DISTRICT_DIRECTORATE");
const DGD = officer("DGD");
const NOW = "2026-03-02T09:00:00+01:00";

const outcomes = new Map<string, Set<"accepted" | "refused">>();
function note(query: string, outcome: "accepted" | "refused"): void {
  const op = parse(query).definitions.find(x => x.kind === "OperationDefinition") as OperationDefinitionNode | undefined;
  if (op?.operation !== "mutation") return;
  const name = (op.selectionSet.selections[0] as FieldNode).name.value;
  outcomes.set(name, (outcomes.get(name) ?? new Set()).add(outcome));
}

beforeAll(async () => {
  h = await startDeclarations("customs_test_declarations_channels", NOW);
  await h.subgraph.jobs.stop();
  d = await h.declarant();
  traveller = randomUUID();
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(() => {
  h.clock.set(NOW);
  h.subgraph.services.selection.random = () => 0.5;
});

async function accepted(principal: Principal, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await h.as(principal, query, variables);
  expect(res.errors).toBeUndefined();
  note(query, "accepted");
  return res.data!;
}

async function refusedWith(principal: Principal, query: string, variables: Record<string, unknown>, code: string, details: Record<string, unknown> = {}) {
  const before = await h.fingerprint();
  const res = await h.as(principal, query, variables);
  expect(res.errors?.[0]?.extensions).toMatchObject({ code, ...details });
  expect(await h.fingerprint()).toBe(before);
  note(query, "refused");
  return res.errors![0];
}

const DECL = `id declarationNumber status channel direction procedure acceptedAt transmittedAt receiptConfirmedAt countsAsPresented releasedAt removedAt crossedBorderAt touristTraffic isPreDeclaration
  particulars { paperCase paperCategory signedBy filling filledInByOffice oralGoods facility conveyance undeclaredGoods reasons announcementId }
  taxationDecision { kind totalDuties lines { tariffNumber amount note } }`;
const PAPER = `mutation ($input: RecordPaperDeclarationInput!) { recordPaperDeclaration(input: $input) { declaration { ${DECL} } } }`;
const ORAL = `mutation ($input: RecordOralDeclarationInput!) { recordOralDeclaration(input: $input) { declaration { ${DECL} } } }`;
const BOX = `mutation ($input: RecordBoxDeclarationInput!) { recordBoxDeclaration(input: $input) { declaration { ${DECL} } } }`;
const CROSSING = `mutation ($input: RecordFacilityCrossingInput!) { recordFacilityCrossing(input: $input) { declaration { ${DECL} } undeclaredGoods { ${DECL} } } }`;
const AUTHORISE_FACILITY = `mutation ($input: AuthoriseCrossingFacilityInput!) { authoriseCrossingFacility(input: $input) { facility { officeId facility authorisedBy conditions } } }`;
const AUTHORISE_RURAL = `mutation ($input: AuthoriseRuralBorderTrafficInput!) { authoriseRuralBorderTraffic(input: $input) { authorisation { id officeId empoweredPersons zoneKm active } } }`;
const ANNOUNCE = `mutation ($input: AnnounceRuralBorderImportInput!) { announceRuralBorderImport(input: $input) { announcement { id status receivedAt plannedCrossingAt quantity changeCount writtenConfirmationRequired importedAt declaration { ${DECL} } } } }`;
const CHANGE = `mutation ($input: ChangeRuralBorderAnnouncementInput!) { changeRuralBorderAnnouncement(input: $input) { announcement { id plannedCrossingAt crossingPlace quantity changeCount writtenConfirmationRequired } } }`;
const IMPORTED = `mutation ($id: ID!) { recordAnnouncedImport(input: { announcementId: $id }) { announcement { id status importedAt declaration { ${DECL} } } } }`;
const ATTEST = `mutation ($id: ID!) { attestEdecWebAcceptance(input: { declarationId: $id }) { declaration { ${DECL} } } }`;
const READ = `query ($id: ID!) { declaration(id: $id) { ${DECL} simplifiedProcedure documents { edges { node { kind identificationMark dueAt dueRule } } } } }`;

const goods = (tariffNumber: string, grossMassKg: string, extra: Record<string, unknown> = {}) => ({
  tariffNumber,
  description: `Goods of ${tariffNumber}`,
  netMassKg: grossMassKg,
  grossMassKg,
  value: "300.00",
  origin: "DE",
  ...extra,
});
const LAPTOP = goods("8471.3000", "2.000", { description: "Laptop" });
const ORANGES = goods("0805.1000", "3.000", { description: "Oranges" });
const WINE = goods("2204.2150", "12.000", { description: "Wine, 12 bottles" });

function paper(overrides: Record<string, unknown> = {}) {
  return {
    declarantId: d.partnerId,
    officeId: "1001",
    direction: "IMPORT",
    procedure: "FREE_CIRCULATION",
    language: "de",
    paperCase: "FREE_CIRCULATION_LISTED_GOODS",
    paperCategory: 5,
    officialForm: true,
    signedBy: "Anna Muster",
    filling: "HANDWRITTEN_INK",
    items: [goods("9403.6000", "800.000", { description: "Household furniture (removal goods)" })],
    ...overrides,
  };
}

function crossing(overrides: Record<string, unknown> = {}) {
  return { facility: "GREEN_LANE", officeId: "1001", travellerId: traveller, language: "de", crossedAt: "2026-03-02T08:40:00+01:00", conveyance: "PRIVATE_VEHICLE", registeredUnderAnnexC: true, items: [LAPTOP, ORANGES], ...overrides };
}

describe("paper (DEC-R19, DEC-R20, DEC-R22)", () => {
  it("accepts a paper declaration of removal goods at the office's date stamp and signature: accepted now, without the electronic receipt (DEC-R22, OD-AFD art. 24 let. a; DEC-R19, OD-AFD art. 21 let. a no. 5)", async () => {
    const decl = (await accepted(CUSTOMS, PAPER, { input: paper() })).recordPaperDeclaration.declaration;
    expect(decl).toMatchObject({
      status: "ACCEPTED",
      channel: "PAPER",
      acceptedAt: "2026-03-02T08:00:00.000Z",
      transmittedAt: "2026-03-02T08:00:00.000Z",
      countsAsPresented: true,
      releasedAt: null,
      particulars: { paperCase: "FREE_CIRCULATION_LISTED_GOODS", paperCategory: 5, signedBy: "Anna Muster", filling: "HANDWRITTEN_INK", filledInByOffice: false },
    });
    const [event] = await outbox(h, decl.id);
    expect(event).toMatchObject({ type: "DeclarationAccepted", payload: { channel: "PAPER", acceptedAt: "2026-03-02T08:00:00.000Z", conditionalProcedure: false } });
  });

  it("refuses paper outside the cases of OD-AFD art. 21: a category carrying charges, an export of museum objects, tobacco that is not tobacco, exceptions without their authorisation, commercial small quantities (DEC-R19, OD-AFD art. 21)", async () => {
    const expectNotAllowed = (input: Record<string, unknown>, article: string, field?: string) => refusedWith(CUSTOMS, PAPER, { input: paper(input) }, "PAPER_DECLARATION_NOT_ALLOWED", { rule: "DEC-R19", article, ...(field ? { field } : {}) });
    await expectNotAllowed({ paperCategory: null }, "OD-AFD art. 21 let. a", "input.paperCategory");
    // No. 14, samples, only "if not subject to any charges": T-shirts carry CHF 97.00 per 100 kg.
    await expectNotAllowed({ paperCategory: 14, items: [goods("6109.1000", "5.000")] }, "OD-AFD art. 21 let. a", "input.paperCategory");
    await expectNotAllowed({ paperCase: "EXPORT_LISTED_GOODS", direction: "EXPORT", procedure: "EXPORT", paperCategory: 8 }, "OD-AFD art. 21 let. e", "input.paperCategory");
    await expectNotAllowed({ paperCase: "TOBACCO_EXPORT_TAX_RELIEF", direction: "EXPORT", procedure: "EXPORT", paperCategory: null, items: [WINE] }, "OD-AFD art. 21 let. f", "input.items");
    await expectNotAllowed({ paperCase: "EXCEPTIONAL_AUTHORISATION", paperCategory: null }, "OD-AFD art. 21 let. g", "input.authorisationReference");
    await expectNotAllowed({ paperCategory: 19 }, "OD-AFD art. 21 let. a", "input.authorisationReference");
    await expectNotAllowed({ paperCategory: 20, commercial: true }, "OD-AFD art. 21 let. a", "input.commercial");
    await expectNotAllowed({ paperCase: "TEMPORARY_ADMISSION", paperCategory: null }, "OD-AFD art. 21 let. c", "input.procedure");
    await expectNotAllowed({ paperCase: "INWARD_PROCESSING_SIMPLIFIED", paperCategory: null }, "OD-AFD art. 21 let. d", "input.procedure");
  });

  it("takes paper in each case of art. 21: duty-free samples, temporary admission, cigarettes for export with tobacco tax relief, the DGD's exceptional authorisation (DEC-R19, OD-AFD art. 21 let. a no. 14, let. c, f, g)", async () => {
    const samples = (await accepted(CUSTOMS, PAPER, { input: paper({ paperCategory: 14, items: [LAPTOP] }) })).recordPaperDeclaration.declaration;
    expect(samples.particulars.paperCategory).toBe(14);
    const admitted = (await accepted(CUSTOMS, PAPER, { input: paper({ paperCase: "TEMPORARY_ADMISSION", paperCategory: null, procedure: "TEMPORARY_ADMISSION", items: [goods("8703.2300", "1500.000")] }) })).recordPaperDeclaration.declaration;
    expect(admitted).toMatchObject({ procedure: "TEMPORARY_ADMISSION", status: "ACCEPTED" });
    // A temporary admission's duties are the procedure case's conditional debt (X11), not an ordinary debt.
    expect((await outbox(h, admitted.id))[0].payload.conditionalProcedure).toBe(true);
    const tobacco = (await accepted(CUSTOMS, PAPER, { input: paper({ paperCase: "TOBACCO_EXPORT_TAX_RELIEF", paperCategory: null, direction: "EXPORT", procedure: "EXPORT", items: [goods("2402.2000", "40.000")] }) })).recordPaperDeclaration.declaration;
    expect(tobacco).toMatchObject({ direction: "EXPORT", particulars: { paperCase: "TOBACCO_EXPORT_TAX_RELIEF" } });
    const exceptional = (await accepted(CUSTOMS, PAPER, { input: paper({ paperCase: "EXCEPTIONAL_AUTHORISATION", paperCategory: null, authorisationReference: "DGD-EX-2026-14", items: [goods("6109.1000", "5.000")] }) })).recordPaperDeclaration.declaration;
    expect(exceptional.particulars.paperCase).toBe("EXCEPTIONAL_AUTHORISATION");
  });

  it("refuses an irregular paper form and records the office's filling in, for a fee, confirmed by the declarant's signature (DEC-R20, OD-AFD art. 22, 23)", async () => {
    await refusedWith(CUSTOMS, PAPER, { input: paper({ officialForm: false }) }, "PAPER_FORM_NOT_OFFICIAL", { rule: "DEC-R20", article: "OD-AFD art. 22 para. 1" });
    await refusedWith(CUSTOMS, PAPER, { input: paper({ signedBy: "Muster" }) }, "SIGNATURE_MISSING", { rule: "DEC-R20", article: "OD-AFD art. 22 para. 1" });
    await refusedWith(CUSTOMS, PAPER, { input: paper({ filling: "HANDWRITTEN_OTHER" }) }, "PAPER_FORM_IRREGULAR", { rule: "DEC-R20", article: "OD-AFD art. 22 para. 2" });
    await refusedWith(CUSTOMS, PAPER, { input: paper({ uncertifiedCorrections: true }) }, "CORRECTIONS_NOT_CERTIFIED", { rule: "DEC-R20", article: "OD-AFD art. 22 para. 3" });
    await refusedWith(d.software, PAPER, { input: paper() }, "OFFICER_ROLE_REQUIRED");
    const filled = (await accepted(CUSTOMS, PAPER, { input: paper({ filling: "PRINTED", filledInByOffice: true }) })).recordPaperDeclaration.declaration;
    expect(filled.particulars).toMatchObject({ filling: "PRINTED", filledInByOffice: true, signedBy: "Anna Muster" });
  });
});

describe("declaration box (DEC-R21, DEC-R22)", () => {
  const box = (overrides: Record<string, unknown> = {}) => ({ declarantId: traveller, officeId: "1001", direction: "IMPORT", language: "de", depositedAt: "2026-03-01T22:15:00+01:00", items: [WINE], ...overrides });

  it("accepts a traveller's declaration of tourist traffic goods when it was dropped in the box, released and removed then (DEC-R21, OD-AFD art. 23a; DEC-R22, OD-AFD art. 24 let. b)", async () => {
    const decl = (await accepted(CUSTOMS, BOX, { input: box() })).recordBoxDeclaration.declaration;
    expect(decl).toMatchObject({
      channel: "DECLARATION_BOX",
      status: "ACCEPTED",
      touristTraffic: true,
      acceptedAt: "2026-03-01T21:15:00.000Z",
      releasedAt: "2026-03-01T21:15:00.000Z",
      removedAt: "2026-03-01T21:15:00.000Z",
      particulars: { facility: "DECLARATION_BOX" },
    });
    // Wine carries duties: the debt arises at the acceptance (X05) and the office taxes it.
    expect((await outbox(h, decl.id)).map(e => [e.type, e.payload.acceptedAt])).toEqual([["DeclarationAccepted", "2026-03-01T21:15:00.000Z"]]);
  });

  it("refuses a box the district directorate did not authorise, goods for trade, and a deposit not yet made (DEC-R21, OD-AFD art. 23a; DEC-R22)", async () => {
    await refusedWith(CUSTOMS, BOX, { input: box({ officeId: "2301" }) }, "FACILITY_NOT_AUTHORISED", { rule: "DEC-R21", article: "OD-AFD art. 23a" });
    await refusedWith(CUSTOMS, BOX, { input: box({ items: [{ ...WINE, forTrade: true }] }) }, "BOX_DECLARATION_NOT_ALLOWED", { rule: "DEC-R21", article: "OD-AFD art. 23a" });
    await refusedWith(CUSTOMS, BOX, { input: box({ depositedAt: "2026-03-02T09:00:00.001+01:00" }) }, "BAD_USER_INPUT", { field: "input.depositedAt" });
  });
});

describe("oral (DEC-R24, DEC-R25)", () => {
  const oral = (overrides: Record<string, unknown> = {}) => ({ declarantId: traveller, officeId: "1001", direction: "IMPORT", procedure: "FREE_CIRCULATION", language: "fr", oralGoods: "TOURIST_TRAFFIC_GOODS", items: [WINE], ...overrides });

  it("accepts an oral declaration when it is made at the office: tourist traffic goods, a foreign trailer admitted temporarily, fish from frontier waters (DEC-R25, OD-AFD art. 26; DEC-R24, OD-AFD art. 25 para. 1)", async () => {
    h.clock.set("2026-03-02T10:17:00+01:00");
    const tourist = (await accepted(CUSTOMS, ORAL, { input: oral() })).recordOralDeclaration.declaration;
    expect(tourist).toMatchObject({ channel: "VERBAL", status: "ACCEPTED", acceptedAt: "2026-03-02T09:17:00.000Z", touristTraffic: true, particulars: { oralGoods: "TOURIST_TRAFFIC_GOODS" } });
    const trailer = (await accepted(CUSTOMS, ORAL, { input: oral({ oralGoods: "FOREIGN_TRAILER", procedure: "TEMPORARY_ADMISSION", items: [goods("8716.3900", "4000.000")] }) })).recordOralDeclaration.declaration;
    expect(trailer).toMatchObject({ procedure: "TEMPORARY_ADMISSION", touristTraffic: false });
    const fish = (await accepted(CUSTOMS, ORAL, { input: oral({ oralGoods: "FRONTIER_WATERS_FISH", items: [goods("0302.1100", "18.000")] }) })).recordOralDeclaration.declaration;
    expect(fish.particulars.oralGoods).toBe("FRONTIER_WATERS_FISH");
  });

  it("refuses an oral declaration for other goods (goods for trade are not tourist traffic goods: DEC-R81, LD art. 16 para. 2), and excludes it for another procedure and for goods under non-customs acts (DEC-R24, OD-AFD art. 25)", async () => {
    await refusedWith(CUSTOMS, ORAL, { input: oral({ items: [{ ...WINE, forTrade: true }] }) }, "ORAL_DECLARATION_NOT_ALLOWED", { rule: "DEC-R24", article: "OD-AFD art. 25 para. 1 let. a" });
    await refusedWith(CUSTOMS, ORAL, { input: oral({ oralGoods: "ANNEX_C_MEANS_OF_TRANSPORT", items: [goods("8703.2300", "1500.000")] }) }, "ORAL_DECLARATION_NOT_ALLOWED", { article: "OD-AFD art. 25 para. 1 let. b" });
    await refusedWith(CUSTOMS, ORAL, { input: oral({ oralGoods: "FRONTIER_WATERS_FISH", direction: "EXPORT", procedure: "EXPORT", items: [goods("0302.1100", "18.000")] }) }, "ORAL_DECLARATION_NOT_ALLOWED", { article: "OD-AFD art. 25 para. 1 let. d" });
    await refusedWith(CUSTOMS, ORAL, { input: oral({ procedure: "TEMPORARY_ADMISSION" }) }, "ORAL_DECLARATION_EXCLUDED", { rule: "DEC-R24", article: "OD-AFD art. 25 para. 2 let. a" });
    await refusedWith(CUSTOMS, ORAL, { input: oral({ items: [{ ...WINE, nonCustomsActsApply: true }] }) }, "ORAL_DECLARATION_EXCLUDED", { rule: "DEC-R24", article: "OD-AFD art. 25 para. 2 let. b" });
    await refusedWith(d.software, ORAL, { input: oral() }, "OFFICER_ROLE_REQUIRED");
  });
});

describe("green lane, green view, green plate and panels (DEC-R26 to DEC-R28)", () => {
  it("accepts tourist traffic goods that are duty-free, unrestricted and need no permit on passage of the green lane: released and removed at once, no debt to record (DEC-R27, OD-AFD art. 28 para. 2; DEC-R26, OD-AFD art. 28 para. 1)", async () => {
    const { declaration, undeclaredGoods } = (await accepted(CUSTOMS, CROSSING, { input: crossing() })).recordFacilityCrossing;
    expect(undeclaredGoods).toBeNull();
    expect(declaration).toMatchObject({
      channel: "GREEN_LANE",
      status: "ACCEPTED",
      touristTraffic: true,
      acceptedAt: "2026-03-02T07:40:00.000Z",
      releasedAt: "2026-03-02T07:40:00.000Z",
      removedAt: "2026-03-02T07:40:00.000Z",
      crossedBorderAt: "2026-03-02T07:40:00.000Z",
      particulars: { facility: "GREEN_LANE", conveyance: "PRIVATE_VEHICLE", undeclaredGoods: null },
    });
    expect(await outbox(h, declaration.id)).toEqual([]);
  });

  it("makes goods that do not qualify undeclared goods: free circulation ex officio at the highest rate, the debt arising at the crossing (X07; DEC-R28, OD-AFD art. 28 para. 3; LD art. 18 para. 3, 69 let. c; DEC-R41)", async () => {
    const items = [LAPTOP, WINE, { ...goods("6109.1000", "20.000"), forTrade: true }, { ...ORANGES, restricted: true }, { ...goods("8471.3000", "1.000", { description: "Radio transmitter" }), permitReference: "BAKOM-1" }];
    const { declaration, undeclaredGoods } = (await accepted(CUSTOMS, CROSSING, { input: crossing({ items }) })).recordFacilityCrossing;
    expect(declaration.status).toBe("ACCEPTED");
    expect(undeclaredGoods).toMatchObject({
      channel: "GREEN_LANE",
      status: "EX_OFFICIO_TAXED",
      acceptedAt: null,
      crossedBorderAt: "2026-03-02T07:40:00.000Z",
      releasedAt: null,
      particulars: {
        undeclaredGoods: true,
        reasons: [
          "Wine, 12 bottles: not duty-free (OD-AFD art. 28 para. 1 let. a)",
          "Goods of 6109.1000: for trade, not tourist traffic goods (LD art. 16 para. 2)",
          "Oranges: restricted or prohibited (OD-AFD art. 28 para. 1 let. b)",
          "Radio transmitter: subject to a certificate or permit (OD-AFD art. 28 para. 1 let. c)",
        ],
      },
    });
    // The highest rate of each heading on the gross mass: wine 12 kg at CHF 50.00, T-shirts 20 kg at CHF 97.00.
    expect(undeclaredGoods.taxationDecision).toMatchObject({ kind: "EX_OFFICIO", totalDuties: "25.40" });
    const events = await outbox(h, undeclaredGoods.id);
    expect(events.map(e => e.type)).toEqual(["UndeclaredGoodsDetected", "ExOfficioTaxation"]);
    expect(events[0].payload).toMatchObject({ declarationId: undeclaredGoods.id, declarantId: traveller, channel: "GREEN_LANE", crossedAt: "2026-03-02T07:40:00.000Z", detectedAt: "2026-03-02T08:00:00.000Z" });
  });

  it("accepts green view on crossing the border for a registered private car with the sticker visible, and refuses it otherwise or where the DGD did not authorise it (DEC-R26, DEC-R27, OD-AFD art. 29, 30)", async () => {
    const input = crossing({ facility: "GREEN_VIEW", officeId: "3001", greenViewStickerVisible: true });
    expect((await accepted(CUSTOMS, CROSSING, { input })).recordFacilityCrossing.declaration).toMatchObject({ channel: "GREEN_VIEW", acceptedAt: "2026-03-02T07:40:00.000Z" });
    await refusedWith(CUSTOMS, CROSSING, { input: { ...input, greenViewStickerVisible: false } }, "FACILITY_CONDITIONS_NOT_MET", { rule: "DEC-R26", article: "OD-AFD art. 30 para. 2" });
    await refusedWith(CUSTOMS, CROSSING, { input: { ...input, conveyance: "COMMERCIAL_VEHICLE" } }, "FACILITY_CONDITIONS_NOT_MET", { article: "OD-AFD art. 30 para. 1" });
    await refusedWith(CUSTOMS, CROSSING, { input: { ...input, registeredUnderAnnexC: false } }, "FACILITY_CONDITIONS_NOT_MET", { article: "OD-AFD art. 30 para. 1" });
    await refusedWith(CUSTOMS, CROSSING, { input: { ...input, officeId: "1001" } }, "FACILITY_NOT_AUTHORISED", { rule: "DEC-R26", article: "OD-AFD art. 29" });
  });

  it("accepts a green plate declaration when the train left its last stop before the border, for public transport passengers only (DEC-R27, OD-AFD art. 32 para. 3; DEC-R26, art. 32 para. 1)", async () => {
    const input = crossing({ facility: "GREEN_PLATE", officeId: "2301", conveyance: "PUBLIC_TRANSPORT", registeredUnderAnnexC: null, departedLastStopAt: "2026-03-02T08:31:00+01:00" });
    expect((await accepted(CUSTOMS, CROSSING, { input })).recordFacilityCrossing.declaration).toMatchObject({ channel: "GREEN_PLATE", acceptedAt: "2026-03-02T07:31:00.000Z", crossedBorderAt: "2026-03-02T07:40:00.000Z" });
    await refusedWith(CUSTOMS, CROSSING, { input: { ...input, conveyance: "PRIVATE_VEHICLE" } }, "FACILITY_CONDITIONS_NOT_MET", { article: "OD-AFD art. 32 para. 1" });
    await refusedWith(CUSTOMS, CROSSING, { input: { ...input, departedLastStopAt: null } }, "BAD_USER_INPUT", { field: "input.departedLastStopAt", rule: "DEC-R27" });
    await refusedWith(CUSTOMS, CROSSING, { input: { ...input, departedLastStopAt: "2026-03-02T08:41:00+01:00" } }, "BAD_USER_INPUT", { field: "input.departedLastStopAt" });
  });

  it("takes a \"nothing to declare\" road on foot or in a registered vehicle under Annex C only (DEC-R26, OD-AFD art. 34 para. 2-3)", async () => {
    const input = crossing({ facility: "PANEL_NOTHING_TO_DECLARE", officeId: "3001", conveyance: "ON_FOOT", registeredUnderAnnexC: null });
    expect((await accepted(CUSTOMS, CROSSING, { input })).recordFacilityCrossing.declaration).toMatchObject({ channel: "DECLARATION_PANEL", particulars: { facility: "PANEL_NOTHING_TO_DECLARE" } });
    await refusedWith(CUSTOMS, CROSSING, { input: { ...input, conveyance: "COMMERCIAL_VEHICLE", registeredUnderAnnexC: false } }, "FACILITY_CONDITIONS_NOT_MET", { article: "OD-AFD art. 34 para. 2" });
  });

  it("takes only tourist traffic goods on a \"nothing to declare/goods to be reported\" road outside the office's staffed hours, in a private vehicle under Annex C; inside them goods for trade are undeclared (DEC-R26, DEC-R28, OD-AFD art. 35)", async () => {
    // Chiasso's counters close at 17:30: at 20:10 the road is unstaffed.
    h.clock.set("2026-03-02T20:30:00+01:00");
    const evening = crossing({ facility: "PANEL_GOODS_TO_REPORT", officeId: "2301", crossedAt: "2026-03-02T20:10:00+01:00", items: [LAPTOP, { ...goods("6109.1000", "20.000"), forTrade: true }] });
    await refusedWith(CUSTOMS, CROSSING, { input: evening }, "FACILITY_CONDITIONS_NOT_MET", { article: "OD-AFD art. 35 para. 1", field: "input.items" });
    await refusedWith(CUSTOMS, CROSSING, { input: { ...evening, items: [LAPTOP], conveyance: "COMMERCIAL_VEHICLE" } }, "FACILITY_CONDITIONS_NOT_MET", { article: "OD-AFD art. 35 para. 3" });
    expect((await accepted(CUSTOMS, CROSSING, { input: { ...evening, items: [LAPTOP] } })).recordFacilityCrossing.declaration.acceptedAt).toBe("2026-03-02T19:10:00.000Z");
    const staffed = (await accepted(CUSTOMS, CROSSING, { input: { ...evening, crossedAt: "2026-03-02T10:10:00+01:00" } })).recordFacilityCrossing;
    expect([staffed.declaration.status, staffed.undeclaredGoods.status]).toEqual(["ACCEPTED", "EX_OFFICIO_TAXED"]);
  });

  it("refuses a crossing not yet made, a box through this path, and callers other than the office (DEC-R26)", async () => {
    await refusedWith(CUSTOMS, CROSSING, { input: crossing({ crossedAt: "2026-03-02T09:00:00.001+01:00" }) }, "BAD_USER_INPUT", { field: "input.crossedAt" });
    await refusedWith(CUSTOMS, CROSSING, { input: crossing({ facility: "DECLARATION_BOX" }) }, "BAD_USER_INPUT", { field: "input.facility" });
    await refusedWith(d.software, CROSSING, { input: crossing() }, "OFFICER_ROLE_REQUIRED");
  });

  it("lets the district directorate authorise lanes, plates, panels and boxes, and only the DGD green view (DEC-R26, OD-AFD art. 27, 29, 31, 33)", async () => {
    const lane = (await accepted(DISTRICT, AUTHORISE_FACILITY, { input: { officeId: "2301", facility: "GREEN_LANE", conditions: "Southbound, tourist traffic" } })).authoriseCrossingFacility.facility;
    expect(lane).toEqual({ officeId: "2301", facility: "GREEN_LANE", authorisedBy: "DISTRICT_DIRECTORATE", conditions: "Southbound, tourist traffic" });
    await refusedWith(DISTRICT, AUTHORISE_FACILITY, { input: { officeId: "2301", facility: "GREEN_VIEW", conditions: "Cars" } }, "OFFICER_ROLE_REQUIRED");
    expect((await accepted(DGD, AUTHORISE_FACILITY, { input: { officeId: "2301", facility: "GREEN_VIEW", conditions: "Cars" } })).authoriseCrossingFacility.facility.authorisedBy).toBe("DGD");
    const list = (await h.as(d.software, `{ crossingFacilities(officeId: "2301") { facility } }`)).data!.crossingFacilities.map((f: { facility: string }) => f.facility);
    expect(list).toEqual(["GREEN_LANE", "GREEN_PLATE", "GREEN_VIEW", "PANEL_GOODS_TO_REPORT"]);
  });
});

describe("rural border traffic advance announcements (DEC-R23, DEC-R82)", () => {
  let farm: Declarant;
  const announcement = (overrides: Record<string, unknown> = {}) => ({
    operatorId: farm.partnerId,
    officeId: "1001",
    goodsType: "RAW_SOIL_PRODUCTS",
    language: "de",
    item: goods("0701.9000", "2500.000", { description: "Potatoes", origin: "DE" }),
    plannedCrossingAt: "2026-03-02T11:00:00+01:00",
    crossingPlace: "Riehen-Lörracherstrasse",
    landDistanceFromBorderKm: 4,
    announcedBy: "Hans Bauer",
    transmission: "ELECTRONIC",
    ...overrides,
  });

  beforeAll(async () => {
    farm = await h.declarant();
    await accepted(CUSTOMS, AUTHORISE_RURAL, { input: { operatorId: farm.partnerId, officeId: "1001", empoweredPersons: ["Hans Bauer", "Eva Bauer"] } });
  });

  it("accepts an announcement complete at the office two hours before the crossing, as the declaration, and records the import within the hour after the announced time, when the debt arises (DEC-R23, OD-AFD art. 24a para. 2-4; X06)", async () => {
    const a = (await accepted(farm.software, ANNOUNCE, { input: announcement() })).announceRuralBorderImport.announcement;
    expect(a).toMatchObject({ status: "ANNOUNCED", receivedAt: "2026-03-02T08:00:00.000Z", plannedCrossingAt: "2026-03-02T10:00:00.000Z", quantity: "2500.000" });
    expect(a.declaration).toMatchObject({ channel: "RURAL_BORDER_ANNOUNCEMENT", status: "ACCEPTED", acceptedAt: "2026-03-02T08:00:00.000Z", isPreDeclaration: true, particulars: { announcementId: a.id } });
    h.clock.set("2026-03-02T10:59:59.999+01:00");
    await refusedWith(CUSTOMS, IMPORTED, { id: a.id }, "IMPORT_OUTSIDE_ANNOUNCED_WINDOW", { rule: "DEC-R23", article: "OD-AFD art. 24a para. 4" });
    h.clock.set("2026-03-02T12:00:00.001+01:00");
    await refusedWith(CUSTOMS, IMPORTED, { id: a.id }, "IMPORT_OUTSIDE_ANNOUNCED_WINDOW");
    h.clock.set("2026-03-02T12:00:00+01:00");
    const imported = (await accepted(CUSTOMS, IMPORTED, { id: a.id })).recordAnnouncedImport.announcement;
    expect(imported).toMatchObject({ status: "IMPORTED", importedAt: "2026-03-02T11:00:00.000Z", declaration: { crossedBorderAt: "2026-03-02T11:00:00.000Z", releasedAt: "2026-03-02T11:00:00.000Z" } });
    expect((await outbox(h, a.declaration.id)).map(e => e.type)).toEqual(["DeclarationAccepted", "BorderCrossed"]);
    await refusedWith(CUSTOMS, IMPORTED, { id: a.id }, "ALREADY_IMPORTED");
  });

  it("takes an announcement outside opening hours if it comes two hours before, and refuses one 1 ms short of them (DEC-R23, OD-AFD art. 24a para. 4)", async () => {
    h.clock.set("2026-03-02T21:00:00+01:00");
    await refusedWith(farm.software, ANNOUNCE, { input: announcement({ plannedCrossingAt: "2026-03-02T22:59:59.999+01:00" }) }, "ANNOUNCEMENT_TOO_LATE", { rule: "DEC-R23", article: "OD-AFD art. 24a para. 4", earliestCrossing: "2026-03-02T22:00:00.000Z" });
    const night = (await accepted(farm.software, ANNOUNCE, { input: announcement({ plannedCrossingAt: "2026-03-02T23:00:00+01:00" }) })).announceRuralBorderImport.announcement;
    expect(night.receivedAt).toBe("2026-03-02T20:00:00.000Z");
  });

  it("refuses an announcement by someone not empowered, to another office, by phone, of other goods, for land outside the border area, or without authorisation (DEC-R23, OD-AFD art. 24a para. 1-2, 6; DEC-R82, LD art. 43)", async () => {
    await refusedWith(farm.software, ANNOUNCE, { input: announcement({ announcedBy: "Someone Else" }) }, "ANNOUNCER_NOT_EMPOWERED", { article: "OD-AFD art. 24a para. 6" });
    await refusedWith(farm.software, ANNOUNCE, { input: announcement({ officeId: "2301" }) }, "ANNOUNCEMENT_WRONG_OFFICE", { article: "OD-AFD art. 24a para. 1" });
    await refusedWith(farm.software, ANNOUNCE, { input: announcement({ transmission: "PHONE" }) }, "ANNOUNCEMENT_FORM_NOT_ALLOWED");
    await refusedWith(farm.software, ANNOUNCE, { input: announcement({ goodsType: "GRAPES" }) }, "NOT_RURAL_BORDER_GOODS", { field: "input.item.tariffNumber" });
    await refusedWith(farm.software, ANNOUNCE, { input: announcement({ landDistanceFromBorderKm: 11 }) }, "OUTSIDE_BORDER_AREA", { rule: "DEC-R82", article: "LD art. 43" });
    await refusedWith(d.software, ANNOUNCE, { input: announcement({ operatorId: d.partnerId }) }, "RURAL_TRAFFIC_NOT_AUTHORISED");
    await refusedWith(d.software, ANNOUNCE, { input: announcement() }, "FORBIDDEN");
    expect((await accepted(farm.software, ANNOUNCE, { input: announcement({ goodsType: "WINE", item: goods("2204.2150", "300.000"), landDistanceFromBorderKm: 10 }) })).announceRuralBorderImport.announcement.status).toBe("ANNOUNCED");
  });

  it("widens the border area only by a directorate's authorisation (DEC-R82, LD art. 43 para. 2)", async () => {
    const other = await h.declarant();
    await refusedWith(CUSTOMS, AUTHORISE_RURAL, { input: { operatorId: other.partnerId, officeId: "1001", empoweredPersons: ["Ruth Wein"], zoneKm: 15 } }, "OFFICER_ROLE_REQUIRED", { rule: "DEC-R82" });
    await refusedWith(DISTRICT, AUTHORISE_RURAL, { input: { operatorId: other.partnerId, officeId: "1001", empoweredPersons: ["Ruth Wein"], zoneKm: 9 } }, "BAD_USER_INPUT", { field: "input.zoneKm" });
    const wide = (await accepted(DISTRICT, AUTHORISE_RURAL, { input: { operatorId: other.partnerId, officeId: "1001", empoweredPersons: ["Ruth Wein"], zoneKm: 15 } })).authoriseRuralBorderTraffic.authorisation;
    expect(wide).toMatchObject({ zoneKm: 15, active: true });
    const input = { ...announcement(), operatorId: other.partnerId, announcedBy: "Ruth Wein", landDistanceFromBorderKm: 14 };
    expect((await accepted(other.software, ANNOUNCE, { input })).announceRuralBorderImport.announcement.status).toBe("ANNOUNCED");
  });

  it("takes changes before the import, by phone with written confirmation to follow, and none after it (DEC-R23, OD-AFD art. 24a para. 5)", async () => {
    const a = (await accepted(farm.software, ANNOUNCE, { input: announcement() })).announceRuralBorderImport.announcement;
    h.clock.set("2026-03-02T10:30:00+01:00");
    const changed = (await accepted(farm.software, CHANGE, { input: { announcementId: a.id, plannedCrossingAt: "2026-03-02T10:45:00+01:00", netMassKg: "2200.000", grossMassKg: "2250.000", transmission: "PHONE" } })).changeRuralBorderAnnouncement.announcement;
    expect(changed).toMatchObject({ plannedCrossingAt: "2026-03-02T09:45:00.000Z", quantity: "2200.000", changeCount: 1, writtenConfirmationRequired: true });
    await refusedWith(farm.software, CHANGE, { input: { announcementId: a.id, plannedCrossingAt: "2026-03-02T10:30:00+01:00", transmission: "FAX" } }, "BAD_USER_INPUT", { field: "input.plannedCrossingAt" });
    await refusedWith(farm.software, CHANGE, { input: { announcementId: a.id, netMassKg: "2200.000", transmission: "FAX" } }, "BAD_USER_INPUT", { field: "input.grossMassKg" });
    await refusedWith(d.software, CHANGE, { input: { announcementId: a.id, crossingPlace: "Basel-Hiltalingerstrasse", transmission: "FAX" } }, "FORBIDDEN");
    h.clock.set("2026-03-02T10:50:00+01:00");
    await accepted(CUSTOMS, IMPORTED, { id: a.id });
    await refusedWith(farm.software, CHANGE, { input: { announcementId: a.id, crossingPlace: "Basel-Hiltalingerstrasse", transmission: "FAX" } }, "ALREADY_IMPORTED", { article: "OD-AFD art. 24a para. 5" });
  });

  it("records no import on an announcement whose declaration was withdrawn or refused for correction: no crossing, no release, no debt (DEC-R23, OD-AFD art. 24a para. 3; DEC-R43, LD art. 34 para. 1; DEC-R40, OD-AFD art. 20)", async () => {
    const withdrawn = (await accepted(farm.software, ANNOUNCE, { input: announcement() })).announceRuralBorderImport.announcement;
    const corrected = (await accepted(farm.software, ANNOUNCE, { input: announcement() })).announceRuralBorderImport.announcement;
    ok(await h.as(farm.software, WITHDRAW, { id: withdrawn.declaration.id }), "withdrawDeclaration");
    ok(await h.as(CUSTOMS, REFUSE, { id: corrected.declaration.id, reasons: ["Quantity of potatoes unclear"] }), "refuseDeclaration");
    h.clock.set("2026-03-02T11:30:00+01:00");
    await refusedWith(CUSTOMS, IMPORTED, { id: withdrawn.id }, "DECLARATION_WITHDRAWN", { rule: "DEC-R43", article: "LD art. 34 para. 1", field: "input.announcementId" });
    await refusedWith(CUSTOMS, IMPORTED, { id: corrected.id }, "DECLARATION_NOT_ACCEPTED", { rule: "DEC-R23", article: "OD-AFD art. 24a para. 3", field: "input.announcementId", status: "REFUSED" });
    for (const a of [withdrawn, corrected]) expect((await outbox(h, a.declaration.id)).map(e => e.type)).not.toContain("BorderCrossed");
  });
});

describe("e-dec web (DEC-R18) and NCTS (DEC-R14)", () => {
  it("keeps an e-dec web declaration entered and printed until the office that received it with the goods accepts it, at that moment (DEC-R18, OD-AFD art. 20c, 20d)", async () => {
    const web = { channel: "EDEC_WEB", businessNumber: null, personalNumber: null };
    const presentationId = await present(h, d);
    const lodged = ok(await h.as(d.software, LODGE, { input: importInput(d, { ...web, presentationId }) }), "lodge").lodgeDeclaration.declaration;
    expect(lodged).toMatchObject({ status: "TRANSMITTED", acceptedAt: null });
    // The system's lodging job does not accept e-dec web: the office does.
    h.clock.set("2026-03-02T09:30:00+01:00");
    await h.subgraph.jobs.runOnce();
    expect((await h.as(CUSTOMS, READ, { id: lodged.id })).data!.declaration.status).toBe("TRANSMITTED");
    await refusedWith(d.software, ATTEST, { id: lodged.id }, "OFFICER_ROLE_REQUIRED");
    const attested = (await accepted(CUSTOMS, ATTEST, { id: lodged.id })).attestEdecWebAcceptance.declaration;
    expect(attested).toMatchObject({ status: "ACCEPTED", acceptedAt: "2026-03-02T08:30:00.000Z", receiptConfirmedAt: "2026-03-02T08:30:00.000Z", countsAsPresented: true });
    expect((await outbox(h, lodged.id)).map(e => e.type)).toEqual(["DeclarationAccepted"]);
    await refusedWith(CUSTOMS, ATTEST, { id: lodged.id }, "ALREADY_ACCEPTED", { rule: "DEC-R18" });
    const passar = ok(await h.as(d.software, LODGE, { input: importInput(d, { presentationId: await present(h, d) }) }), "lodge").lodgeDeclaration.declaration;
    await refusedWith(CUSTOMS, ATTEST, { id: passar.id }, "NOT_EDEC_WEB", { rule: "DEC-R18" });
  });

  it("accepts an e-dec web declaration entered before the goods once they are presented with it, as a declaration after presentation (DEC-R18, OD-AFD art. 20d para. 2-3)", async () => {
    const web = ok(await h.as(d.software, LODGE, { input: importInput(d, { channel: "EDEC_WEB", businessNumber: null, personalNumber: null, plannedCrossingAt: "2026-03-02T15:00:00+01:00" }) }), "lodge").lodgeDeclaration.declaration;
    await refusedWith(CUSTOMS, ATTEST, { id: web.id }, "GOODS_NOT_PRESENTED", { rule: "DEC-R18", article: "OD-AFD art. 20d para. 2" });
    h.clock.set("2026-03-02T14:50:00+01:00");
    await present(h, d, { declarationId: web.id });
    const attested = (await accepted(CUSTOMS, ATTEST, { id: web.id })).attestEdecWebAcceptance.declaration;
    expect(attested).toMatchObject({ status: "ACCEPTED", isPreDeclaration: false, acceptedAt: "2026-03-02T13:50:00.000Z", crossedBorderAt: null });
    // The debt arises at this acceptance (X05), not at a border crossing of a pre-declaration.
    expect((await outbox(h, web.id)).map(e => [e.type, e.payload.isPreDeclaration])).toEqual([["DeclarationAccepted", false]]);
  });

  it("publishes ExitDeclarationAccepted for warehousing when a declaration taking a stored lot out is accepted (X15; LD art. 57, 67, 69 let. a)", async () => {
    const lotId = randomUUID();
    const decl = ok(await h.as(d.software, LODGE, { input: importInput(d, { presentationId: await present(h, d), warehouseLotId: lotId }) }), "lodge").lodgeDeclaration.declaration;
    const events = await outbox(h, decl.id);
    expect(events.map(e => e.type)).toEqual(["DeclarationAccepted", "ExitDeclarationAccepted"]);
    expect(events[1].payload).toEqual({ declarationId: decl.id, declarationNumber: decl.declarationNumber, lotId, declarantId: d.partnerId, procedure: "FREE_CIRCULATION", direction: "IMPORT", acceptedAt: "2026-03-02T08:00:00.000Z" });
  });

  it("refuses an export via NCTS of goods placed under the export regime and stored in a free deposit, and takes it via e-dec (DEC-R14, WH-R26, OD-AFD art. 6a)", async () => {
    const input = exportInput(d, { channel: "NCTS", exportRegimeStorage: "CUSTOMS_FREE_DEPOSIT", plannedCrossingAt: "2026-03-03T10:00:00+01:00" });
    await refusedWith(d.software, LODGE, { input }, "NCTS_EXCLUDED_FOR_STORED_EXPORT_GOODS", { rule: "DEC-R14", article: "OD-AFD art. 6a", field: "input.channel" });
    expect(ok(await h.as(d.software, LODGE, { input: { ...input, channel: "EDEC" } }), "lodge").lodgeDeclaration.declaration.status).toBe("ACCEPTED");
  });
});

describe("authorised consignee and consignor (DEC-R61 to DEC-R64)", () => {
  let consignee: Declarant;
  beforeAll(async () => {
    consignee = await h.declarant();
    await h.identityEvent("PartnerRoleActivated", { partnerId: consignee.partnerId, roleType: "AUTHORISED_CONSIGNEE" });
  });

  const UNDECLARED = `query { undeclaredPresentations(officeId: "1001", first: 100) { edges { node { id authorisedConsignee } } } }`;

  it("gives an authorised consignee until the 30th working day after presentation, Good Friday and Easter Monday not counted, and flags and notifies it once when missed (DEC-R61, OD-AFD art. 38; DEC-R64 DESIGN CHOICE)", async () => {
    const mine = ok(await h.as(consignee.software, PRESENT, { input: { officeId: "1001", presenterId: consignee.partnerId, summaryForm: "ELECTRONIC", place: "Basel", goodsDescription: "Machines" } }), "present").presentGoods.presentation.id;
    const theirs = await present(h, d);
    const due = async (id: string) => (await h.subgraph.services.lodging.declarationDueBy((await h.subgraph.services.lodging.presentationsByIds([id]))[0]!)).toISOString();
    // 30 working days in Basel-Stadt from Monday 2 March 2026: Wednesday 15 April (3 and 6 April are holidays).
    expect(await due(mine)).toBe("2026-04-15T21:59:59.999Z");
    expect(await due(theirs)).toBe("2026-03-03T22:59:59.999Z");
    h.clock.set("2026-04-15T23:59:59.999+02:00");
    await h.subgraph.jobs.runOnce();
    expect((await outbox(h, mine)).map(e => e.type)).toEqual([]);
    h.clock.set("2026-04-16T00:00:00+02:00");
    await h.subgraph.jobs.runOnce();
    await h.subgraph.jobs.runOnce();
    const events = await outbox(h, mine);
    expect(events).toEqual([{ type: "AuthorisedConsigneeDeclarationOverdue", payload: expect.objectContaining({ presentationId: mine, consigneeId: consignee.partnerId, dueBy: "2026-04-15T21:59:59.999Z", flaggedAt: "2026-04-15T22:00:00.000Z" }) }]);
    expect(nodes((await h.as(CUSTOMS, UNDECLARED)).data!.undeclaredPresentations)).toEqual(expect.arrayContaining([{ id: mine, authorisedConsignee: true }]));
  });

  it("lodges an authorised consignee's import in its simplified procedure: documents due the working day after a free result is communicated, extendable on request (DEC-R63, OD-AFD art. 40 para. 1 let. b, para. 2)", async () => {
    // Above CHF 100 000 the rule set asks for the documents (FREE_WITH).
    const presentationId = ok(await h.as(consignee.software, PRESENT, { input: { officeId: "1001", presenterId: consignee.partnerId, summaryForm: "ELECTRONIC", place: "Basel", goodsDescription: "Machines" } }), "present").presentGoods.presentation.id;
    const decl = ok(await h.as(consignee.software, LODGE, { input: importInput(consignee, { presentationId, items: [goods("8471.3000", "500.000", { value: "150000.00" })] }) }), "lodge").lodgeDeclaration.declaration;
    expect(decl.selectionResult).toBe("FREE_WITH");
    const read = (await h.as(CUSTOMS, READ, { id: decl.id })).data!.declaration;
    expect(read.simplifiedProcedure).toBe("AUTHORISED_CONSIGNEE");
    expect(nodes(read.documents).map((x: any) => [x.kind, x.dueAt, x.dueRule])).toEqual([
      ["DECLARATION_PRINTOUT", "2026-03-03T22:59:59.999Z", "DEC-R63: the working day after the selection result was communicated (OD-AFD art. 40 para. 1 let. b)"],
      ["ACCOMPANYING", "2026-03-03T22:59:59.999Z", "DEC-R63: the working day after the selection result was communicated (OD-AFD art. 40 para. 1 let. b)"],
    ]);
    const extended = ok(await h.as(CUSTOMS, OVERRIDE_DOCUMENT, { m: nodes(read.documents)[0].identificationMark, at: "2026-03-05T17:00:00+01:00", reason: "Consignee's request, operating conditions permit" }), "override");
    expect(extended.overrideDocumentDeadline.override.newValue).toBe("2026-03-05T16:00:00.000Z");
    // DEC-R64 let. b (OD-AFD art. 41): without an intervention the goods leave on evidence of proper taxation.
    const removal = await h.as(consignee.software, REMOVE, { id: decl.id });
    expect(removal.errors?.[0]?.extensions).toMatchObject({ code: "REMOVAL_NEEDS_TAXATION", rule: "DEC-R64", article: "OD-AFD art. 41 let. b" });
    await taxFinal(h, decl.id);
    expect(ok(await h.as(consignee.software, REMOVE, { id: decl.id }), "remove").recordRemoval.declaration.removedAt).toBe("2026-03-02T08:00:00.000Z");
  });

  it("wants an authorised consignee's documents before the control after an intervention, a moment no one extends, and lets the goods go on the office's electronic release (DEC-R63, OD-AFD art. 40 para. 1 let. a; DEC-R64, OD-AFD art. 41 let. a)", async () => {
    const presentationId = ok(await h.as(consignee.software, PRESENT, { input: { officeId: "1001", presenterId: consignee.partnerId, summaryForm: "ELECTRONIC", place: "Basel", goodsDescription: "Beef" } }), "present").presentGoods.presentation.id;
    const decl = ok(await h.as(consignee.software, LODGE, { input: importInput(consignee, { presentationId, items: [goods("0201.3000", "100.000")] }) }), "lodge").lodgeDeclaration.declaration;
    expect(decl.selectionResult).toBe("BLOCKED");
    expect(nodes(decl.documents).map((x: any) => [x.dueAt, x.dueRule])).toEqual([
      [null, "DEC-R63: before the customs control, after the control office's intervention (OD-AFD art. 40 para. 1 let. a)"],
      [null, "DEC-R63: before the customs control, after the control office's intervention (OD-AFD art. 40 para. 1 let. a)"],
    ]);
    const before = await h.fingerprint();
    const control = await h.as(CUSTOMS, ORDER_VERIFICATION, { id: decl.id, scope: "FULL" });
    expect(control.errors?.[0]?.extensions).toMatchObject({ code: "DOCUMENTS_BEFORE_CONTROL", rule: "DEC-R63", article: "OD-AFD art. 40 para. 1 let. a" });
    const extension = await h.as(CUSTOMS, OVERRIDE_DOCUMENT, { m: nodes(decl.documents)[0].identificationMark, at: "2026-03-05T17:00:00+01:00", reason: "Request" });
    expect(extension.errors?.[0]?.extensions).toMatchObject({ code: "DEADLINE_NOT_EXTENSIBLE", rule: "DEC-R63", article: "OD-AFD art. 40 para. 2" });
    expect(await h.fingerprint()).toBe(before);
    for (const doc of nodes(decl.documents)) ok(await h.as(consignee.software, SUBMIT, { m: doc.identificationMark }), "submit");
    const verification = ok(await h.as(CUSTOMS, ORDER_VERIFICATION, { id: decl.id, scope: "FULL" }), "verify").orderVerification.verification;
    ok(await h.as(CUSTOMS, `mutation ($id: ID!) { recordVerificationResult(input: { verificationId: $id, conforms: true, result: "Conforms" }) { verification { id } } }`, { id: verification.id }), "record");
    ok(await h.as(CUSTOMS, RELEASE, { id: decl.id }), "release");
    // After the intervention the electronic release is enough: no taxation needed to remove.
    expect(ok(await h.as(consignee.software, REMOVE, { id: decl.id }), "remove").recordRemoval.declaration.removedAt).toBe("2026-03-02T08:00:00.000Z");
  });

  it("lodges an authorised consignor's export in its simplified procedure, and no longer once the role ended (DEC-R61 to DEC-R64; X02)", async () => {
    const consignor = await h.declarant();
    await h.identityEvent("PartnerRoleActivated", { partnerId: consignor.partnerId, roleType: "AUTHORISED_CONSIGNOR" });
    const first = ok(await h.as(consignor.software, LODGE, { input: exportInput(consignor, { plannedCrossingAt: "2026-03-03T10:00:00+01:00" }) }), "lodge").lodgeDeclaration.declaration;
    expect((await h.as(CUSTOMS, READ, { id: first.id })).data!.declaration.simplifiedProcedure).toBe("AUTHORISED_CONSIGNOR");
    // An import by a consignor is not in the consignee's procedure.
    const imported = ok(await h.as(consignor.software, LODGE, { input: importInput(consignor, { plannedCrossingAt: "2026-03-02T15:00:00+01:00" }) }), "lodge").lodgeDeclaration.declaration;
    expect((await h.as(CUSTOMS, READ, { id: imported.id })).data!.declaration.simplifiedProcedure).toBeNull();
    await h.identityEvent("PartnerRoleEnded", { partnerId: consignor.partnerId, roleType: "AUTHORISED_CONSIGNOR" });
    const later = ok(await h.as(consignor.software, LODGE, { input: exportInput(consignor, { plannedCrossingAt: "2026-03-03T10:00:00+01:00" }) }), "lodge").lodgeDeclaration.declaration;
    expect((await h.as(CUSTOMS, READ, { id: later.id })).data!.declaration.simplifiedProcedure).toBeNull();
  });
});

describe("free circulation and the special cases (DEC-R66, DEC-R77 to DEC-R81)", () => {
  const RELIEF_OF = `query ($id: ID!) { declaration(id: $id) { items { position relief { ground eligible explanation since originalPosition originalAmount } } taxationDecision { totalDuties lines { position amount note } } } }`;
  const lodgeTaxed = async (input: Record<string, unknown>) => {
    const decl = ok(await h.as(d.software, LODGE, { input }), "lodge").lodgeDeclaration.declaration;
    await taxFinal(h, decl.id);
    return { id: decl.id as string, ...(await h.as(CUSTOMS, RELIEF_OF, { id: decl.id })).data!.declaration };
  };
  const tshirts = (extra: Record<string, unknown> = {}) => goods("6109.1000", "100.000", extra);

  it("releases goods for free circulation with their import duties fixed and the non-customs acts applied whatever the selection (DEC-R66, LD art. 48)", async () => {
    const presentationId = await present(h, d);
    const decl = ok(await h.as(d.software, LODGE, { input: importInput(d, { presentationId, items: [tshirts({ nonCustomsActsApply: true })] }) }), "lodge").lodgeDeclaration.declaration;
    expect(nodes(decl.documents).map((x: any) => x.kind)).toContain("CERTIFICATE");
    const removal = await h.as(d.software, REMOVE, { id: decl.id });
    expect(removal.errors?.[0]?.extensions).toMatchObject({ code: "NON_CUSTOMS_REQUIREMENTS_PENDING", rule: "DEC-R33" });
    expect((await taxFinal(h, decl.id)).totalDuties).toBe("97.00");
  });

  it("re-imports domestic goods duty-free when unchanged, to someone else only within five years of their export, to the day (DEC-R77, LD art. 10)", async () => {
    const returned = (exportedAt: string, extra: Record<string, unknown> = {}) => tshirts({ returnedGoods: { exportedAt, unchanged: true, returnedToOriginalSender: false, exportDeclarationNumber: "21CH100112345678", ...extra } });
    const read = await lodgeTaxed(importInput(d, { presentationId: await present(h, d), items: [returned("2021-03-02T10:00:00+01:00"), returned("2021-03-01T10:00:00+01:00"), returned("2016-01-10T10:00:00+01:00", { returnedToOriginalSender: true }), returned("2025-06-01T10:00:00+02:00", { unchanged: false })] }));
    expect(read.items.map((i: any) => [i.relief.ground, i.relief.eligible])).toEqual([
      ["RETURNED_DOMESTIC_GOODS", true],
      ["RETURNED_DOMESTIC_GOODS", false],
      ["RETURNED_DOMESTIC_GOODS", true],
      ["RETURNED_DOMESTIC_GOODS", false],
    ]);
    expect(read.taxationDecision.lines.map((l: any) => l.amount)).toEqual(["0.00", "97.00", "0.00", "97.00"]);
    expect(read.taxationDecision.lines[0].note).toBe("DEC-R77: returned domestic goods, unchanged, within five years of the export (until 2026-03-02): duty-free (LD art. 10)");
    expect(read.taxationDecision.lines[1].note).toContain("more than five years after the export (2026-03-01): not duty-free (LD art. 10 para. 2)");
    const e = await h.as(d.software, LODGE, { input: exportInput(d, { plannedCrossingAt: "2026-03-03T10:00:00+01:00", items: [returned("2021-03-02T10:00:00+01:00")] }) });
    expect(e.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", rule: "DEC-R77", field: "input.items.0.returnedGoods" });
  });

  it("exempts foreign goods sent back to the sender within three years of their import, and without a time limit those with a defect found in processing (DEC-R78, LD art. 11)", async () => {
    const back = (importedAt: string, reason: string) => tshirts({ returnToSender: { importedAt, reason } });
    const read = await lodgeTaxed(exportInput(d, { presentationId: await present(h, d), items: [back("2023-03-02T08:00:00+01:00", "UNSOLD"), back("2023-03-01T08:00:00+01:00", "CONTRACT_CANCELLED"), back("2015-05-05T08:00:00+02:00", "DEFECT_FOUND_IN_PROCESSING")] }));
    expect(read.items.map((i: any) => i.relief.eligible)).toEqual([true, false, true]);
    expect(read.taxationDecision.lines.map((l: any) => l.amount)).toEqual(["0.00", "97.00", "0.00"]);
    expect(read.items[0].relief.explanation).toBe("DEC-R78: foreign goods sent back to the sender abroad (unsold) within three years of the import (until 2026-03-02): exempt from export duty, import duties refundable (LD art. 11 para. 1)");
  });

  it("declares a change to a use with higher duty in advance and levies only the difference; a lower one gives nothing here (DEC-R79, LD art. 14 para. 4-5)", async () => {
    const original = await lodgeTaxed(importInput(d, { presentationId: await present(h, d), items: [tshirts(), goods("6403.9900", "100.000")] }));
    const originalId = original.id;
    expect(original.taxationDecision.totalDuties).toBe("347.00");
    const change = (position: number, tariffNumber: string, overrides: Record<string, unknown> = {}) =>
      importInput(d, { plannedCrossingAt: "2026-03-09T08:00:00+01:00", items: [goods(tariffNumber, "100.000", { changeOfUse: { originalDeclarationId: originalId, originalPosition: position } })], ...overrides });
    // T-shirts (CHF 97.00) turned into goods at the shoe rate (CHF 250.00): CHF 153.00 due.
    const higher = await lodgeTaxed(change(1, "6403.9900"));
    expect(higher.items[0].relief).toMatchObject({ ground: "CHANGE_OF_USE", eligible: true, originalPosition: 1, originalAmount: "97.00" });
    expect(higher.taxationDecision.lines[0]).toMatchObject({ amount: "153.00" });
    const lower = await lodgeTaxed(change(2, "6109.1000"));
    expect(lower.taxationDecision.lines[0].amount).toBe("0.00");
    expect(lower.taxationDecision.lines[0].note).toContain("LD art. 14 para. 5");
    const refusedChange = async (input: unknown, code: string) => {
      const before = await h.fingerprint();
      expect((await h.as(d.software, LODGE, { input })).errors?.[0]?.extensions).toMatchObject({ code, rule: code === "NOT_FOUND" ? undefined : "DEC-R79" });
      expect(await h.fingerprint()).toBe(before);
    };
    await refusedChange(change(1, "6403.9900", { plannedCrossingAt: null }), "CHANGE_OF_USE_NOT_IN_ADVANCE");
    await refusedChange(change(1, "6403.9900", { plannedCrossingAt: "2026-03-02T09:00:00+01:00" }), "CHANGE_OF_USE_NOT_IN_ADVANCE");
    await refusedChange({ ...change(1, "6403.9900"), items: [...change(1, "6403.9900").items, tshirts()] }, "CHANGE_OF_USE_DECLARED_ALONE");
    await refusedChange(change(3, "6403.9900"), "CHANGE_OF_USE_ORIGINAL_NOT_TAXED");
    const stranger = await h.declarant();
    const e = await h.as(stranger.software, LODGE, { input: { ...change(1, "6403.9900"), declarantId: stranger.partnerId, businessNumber: stranger.businessNumber } });
    expect(e.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});

describe("coverage", () => {
  it("has seen every channel mutation both accepted and refused in this file (runs last)", () => {
    const missing = CHANNEL_MUTATIONS.filter(name => !(outcomes.get(name)?.has("accepted") && outcomes.get(name)?.has("refused")));
    expect(missing).toEqual([]);
  });
});
