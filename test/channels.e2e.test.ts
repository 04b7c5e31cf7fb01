import { randomUUID } from "node:crypto";
import { mintDevToken } from "../scripts/mint-token";
import { definition as debtDefinition } from "../subgraphs/debt/debt.subgraph";
import { definition as declarationsDefinition } from "../subgraphs/declarations/declarations.subgraph";
import { definition as identityDefinition } from "../subgraphs/identity/identity.subgraph";
import { importInput } from "./support/declarations-harness";
import { gql, GraphQLResponse } from "./support/graphql";
import { Graph, startGraph } from "./support/graph";
import { ok, OnboardedDeclarant, onboardDeclarant } from "./support/onboarding";

/**
 * Issue 9: every declaration channel through the gateway (DEC-R12 to DEC-R28). For each, an
 * allowed use is accepted at the moment the law names, and a forbidden use is refused with its
 * stable code, rule and article. Goods taken through a "nothing to declare" facility that do not
 * qualify are undeclared (X07): debt records their debt as arisen at the crossing. Basel, Geneva
 * and Chiasso, Monday 2 March 2026.
 */
let g: Graph;
let officer: string;
let district: string;
let declarant: OnboardedDeclarant;
const traveller = randomUUID();

beforeAll(async () => {
  g = await startGraph("customs_test_e2e_channels", "2026-03-02T08:00:00+01:00", [identityDefinition, declarationsDefinition, debtDefinition]);
  officer = await mintDevToken({ kind: "officer", sub: "officer-channels", roles: ["CUSTOMS_OFFICE"] });
  district = await mintDevToken({ kind: "officer", sub: "officer-district", roles: ["DISTRICT_DIRECTORATE"] });
  declarant = await onboardDeclarant(g.gatewayUrl, g.spool, "96000001", "Kanal Handel AG");
  await g.drainEvents();
  g.clock.set("2026-03-02T09:00:00+01:00");
  await declarant.renew();
  g.subgraphs.declarations.subgraph.services.selection.random = () => 0.5;
});
afterAll(async () => {
  await g?.stop();
});

const call = <T = Record<string, any>>(query: string, variables: Record<string, unknown>, bearer: string): Promise<GraphQLResponse<T>> => gql<T>(g.gatewayUrl, query, variables, { bearer });
const refusal = (res: GraphQLResponse) => res.errors?.[0]?.extensions;
const DECL = "id channel status acceptedAt releasedAt crossedBorderAt";

const LAPTOP = { tariffNumber: "8471.3000", description: "Laptop", netMassKg: "2.000", grossMassKg: "2.000", value: "900.00", origin: "CN" };
const WINE = { tariffNumber: "2204.2150", description: "Wine, 12 bottles", netMassKg: "12.000", grossMassKg: "12.000", value: "240.00", origin: "FR" };

async function present(): Promise<string> {
  return ok(await call(`mutation ($p: ID!) { presentGoods(input: { officeId: "1001", presenterId: $p, summaryForm: ELECTRONIC, place: "Basel", goodsDescription: "Goods" }) { presentation { id } } }`, { p: declarant.partnerId }, declarant.software())).presentGoods.presentation.id;
}

const LODGE = `mutation ($input: LodgeDeclarationInput!) { lodgeDeclaration(input: $input) { declaration { ${DECL} } } }`;
const CROSSING = `mutation ($input: RecordFacilityCrossingInput!) { recordFacilityCrossing(input: $input) { declaration { ${DECL} } undeclaredGoods { id status } } }`;
const crossing = (overrides: Record<string, unknown>) => ({ officeId: "1001", travellerId: traveller, language: "de", crossedAt: "2026-03-02T08:40:00+01:00", conveyance: "PRIVATE_VEHICLE", registeredUnderAnnexC: true, items: [LAPTOP], ...overrides });

describe("electronic channels: the form the administration prescribes (DEC-R12, LD art. 28 para. 2)", () => {
  it("e-dec and Passar B2B: accepted when the summary control passes, at lodging; transit through e-dec refused (DEC-R17, OD-AFD art. 16; DEC-R13, OD-AFD art. 6)", async () => {
    for (const channel of ["EDEC", "PASSAR_B2B"]) {
      const d = ok(await call(LODGE, { input: importInput(declarant, { channel, presentationId: await present() }) }, declarant.software())).lodgeDeclaration.declaration;
      expect(d).toMatchObject({ channel, status: "ACCEPTED", acceptedAt: "2026-03-02T08:00:00.000Z" });
    }
    expect(refusal(await call(LODGE, { input: importInput(declarant, { channel: "EDEC", direction: "TRANSIT", procedure: "TRANSIT", presentationId: await present() }) }, declarant.software()))).toMatchObject({ code: "CHANNEL_NOT_ALLOWED", rule: "DEC-R13", article: "OD-AFD art. 6" });
  });

  it("NCTS: an export of goods stored in a free deposit under the export regime is refused (DEC-R14, WH-R26, OD-AFD art. 6a)", async () => {
    const input = importInput(declarant, { direction: "EXPORT", procedure: "EXPORT", channel: "NCTS", exportRegimeStorage: "CUSTOMS_FREE_DEPOSIT", plannedCrossingAt: "2026-03-03T10:00:00+01:00" });
    expect(refusal(await call(LODGE, { input }, declarant.software()))).toMatchObject({ code: "NCTS_EXCLUDED_FOR_STORED_EXPORT_GOODS", rule: "DEC-R14", article: "OD-AFD art. 6a" });
  });

  it("e-dec web: accepted when the office attests it, with the goods before it; not before they are presented (DEC-R18, OD-AFD art. 20c, 20d)", async () => {
    const web = { channel: "EDEC_WEB", businessNumber: null, personalNumber: null };
    const entered = ok(await call(LODGE, { input: importInput(declarant, { ...web, presentationId: await present() }) }, declarant.software())).lodgeDeclaration.declaration;
    expect(entered).toMatchObject({ status: "TRANSMITTED", acceptedAt: null });
    g.clock.set("2026-03-02T09:40:00+01:00");
    const ATTEST = `mutation ($id: ID!) { attestEdecWebAcceptance(input: { declarationId: $id }) { declaration { ${DECL} } } }`;
    expect(ok(await call(ATTEST, { id: entered.id }, officer)).attestEdecWebAcceptance.declaration).toMatchObject({ status: "ACCEPTED", acceptedAt: "2026-03-02T08:40:00.000Z" });
    const ahead = ok(await call(LODGE, { input: importInput(declarant, { ...web, plannedCrossingAt: "2026-03-02T15:00:00+01:00" }) }, declarant.software())).lodgeDeclaration.declaration;
    expect(refusal(await call(ATTEST, { id: ahead.id }, officer))).toMatchObject({ code: "GOODS_NOT_PRESENTED", rule: "DEC-R18", article: "OD-AFD art. 20d para. 2" });
    g.clock.set("2026-03-02T09:00:00+01:00");
  });
});

describe("written, oral and other expressions of will the office records (DEC-R12, LD art. 28 para. 1)", () => {
  it("paper: accepted at the office's date stamp and signature; refused outside the cases of OD-AFD art. 21 (DEC-R22, OD-AFD art. 24 let. a; DEC-R19, OD-AFD art. 21)", async () => {
    const PAPER = `mutation ($input: RecordPaperDeclarationInput!) { recordPaperDeclaration(input: $input) { declaration { ${DECL} } } }`;
    const input = { declarantId: declarant.partnerId, officeId: "1001", direction: "IMPORT", procedure: "FREE_CIRCULATION", language: "de", paperCase: "FREE_CIRCULATION_LISTED_GOODS", paperCategory: 5, officialForm: true, signedBy: "Karl Kanal", filling: "HANDWRITTEN_BALLPOINT", items: [WINE] };
    expect(ok(await call(PAPER, { input }, officer)).recordPaperDeclaration.declaration).toMatchObject({ channel: "PAPER", status: "ACCEPTED", acceptedAt: "2026-03-02T08:00:00.000Z" });
    expect(refusal(await call(PAPER, { input: { ...input, paperCategory: 18 } }, officer))).toMatchObject({ code: "PAPER_DECLARATION_NOT_ALLOWED", rule: "DEC-R19", article: "OD-AFD art. 21 let. a" });
  });

  it("oral: accepted when made at the office; refused for goods for trade (DEC-R25, OD-AFD art. 26; DEC-R24, OD-AFD art. 25 para. 1)", async () => {
    const ORAL = `mutation ($input: RecordOralDeclarationInput!) { recordOralDeclaration(input: $input) { declaration { ${DECL} } } }`;
    const input = { declarantId: traveller, officeId: "1001", direction: "IMPORT", procedure: "FREE_CIRCULATION", language: "it", oralGoods: "TOURIST_TRAFFIC_GOODS", items: [WINE] };
    expect(ok(await call(ORAL, { input }, officer)).recordOralDeclaration.declaration).toMatchObject({ channel: "VERBAL", acceptedAt: "2026-03-02T08:00:00.000Z" });
    expect(refusal(await call(ORAL, { input: { ...input, items: [{ ...WINE, forTrade: true }] } }, officer))).toMatchObject({ code: "ORAL_DECLARATION_NOT_ALLOWED", rule: "DEC-R24", article: "OD-AFD art. 25 para. 1 let. a" });
  });

  it("declaration box: accepted when dropped in; refused for goods for trade (DEC-R22, OD-AFD art. 24 let. b; DEC-R21, OD-AFD art. 23a)", async () => {
    const BOX = `mutation ($input: RecordBoxDeclarationInput!) { recordBoxDeclaration(input: $input) { declaration { ${DECL} } } }`;
    const input = { declarantId: traveller, officeId: "3001", direction: "IMPORT", language: "fr", depositedAt: "2026-03-01T23:05:00+01:00", items: [WINE] };
    expect(ok(await call(BOX, { input }, officer)).recordBoxDeclaration.declaration).toMatchObject({ channel: "DECLARATION_BOX", acceptedAt: "2026-03-01T22:05:00.000Z", releasedAt: "2026-03-01T22:05:00.000Z" });
    expect(refusal(await call(BOX, { input: { ...input, items: [{ ...WINE, forTrade: true }] } }, officer))).toMatchObject({ code: "BOX_DECLARATION_NOT_ALLOWED", rule: "DEC-R21", article: "OD-AFD art. 23a" });
  });

  it("green lane: accepted on passage; a lane the district directorate did not authorise refused (DEC-R27, OD-AFD art. 28 para. 2; DEC-R26, art. 27)", async () => {
    expect(ok(await call(CROSSING, { input: crossing({ facility: "GREEN_LANE" }) }, officer)).recordFacilityCrossing).toMatchObject({ declaration: { channel: "GREEN_LANE", acceptedAt: "2026-03-02T07:40:00.000Z" }, undeclaredGoods: null });
    expect(refusal(await call(CROSSING, { input: crossing({ facility: "GREEN_LANE", officeId: "3001" }) }, officer))).toMatchObject({ code: "FACILITY_NOT_AUTHORISED", rule: "DEC-R26", article: "OD-AFD art. 27" });
    // Once authorised, the lane serves.
    ok(await call(`mutation { authoriseCrossingFacility(input: { officeId: "3001", facility: GREEN_LANE, conditions: "Tourist traffic" }) { facility { facility } } }`, {}, district));
    expect(ok(await call(CROSSING, { input: crossing({ facility: "GREEN_LANE", officeId: "3001" }) }, officer)).recordFacilityCrossing.declaration.channel).toBe("GREEN_LANE");
  });

  it("green view: accepted on crossing the customs border; refused without the sticker on the windscreen (DEC-R27, OD-AFD art. 30 para. 3; DEC-R26, art. 30 para. 2)", async () => {
    const input = crossing({ facility: "GREEN_VIEW", officeId: "3001", greenViewStickerVisible: true });
    expect(ok(await call(CROSSING, { input }, officer)).recordFacilityCrossing.declaration).toMatchObject({ channel: "GREEN_VIEW", acceptedAt: "2026-03-02T07:40:00.000Z" });
    expect(refusal(await call(CROSSING, { input: { ...input, greenViewStickerVisible: false } }, officer))).toMatchObject({ code: "FACILITY_CONDITIONS_NOT_MET", rule: "DEC-R26", article: "OD-AFD art. 30 para. 2" });
  });

  it("green plate: accepted when the public transport leaves its last stop before the border; refused to a car (DEC-R27, OD-AFD art. 32 para. 3; DEC-R26, art. 32 para. 1)", async () => {
    const input = crossing({ facility: "GREEN_PLATE", officeId: "2301", conveyance: "PUBLIC_TRANSPORT", departedLastStopAt: "2026-03-02T08:33:00+01:00" });
    expect(ok(await call(CROSSING, { input }, officer)).recordFacilityCrossing.declaration).toMatchObject({ channel: "GREEN_PLATE", acceptedAt: "2026-03-02T07:33:00.000Z", crossedBorderAt: "2026-03-02T07:40:00.000Z" });
    expect(refusal(await call(CROSSING, { input: { ...input, conveyance: "PRIVATE_VEHICLE" } }, officer))).toMatchObject({ code: "FACILITY_CONDITIONS_NOT_MET", article: "OD-AFD art. 32 para. 1" });
  });

  it("declaration panels: accepted on crossing the border; outside staffed hours goods for trade refused (DEC-R27, OD-AFD art. 34 para. 3, 35 para. 4; DEC-R26, art. 35 para. 1)", async () => {
    expect(ok(await call(CROSSING, { input: crossing({ facility: "PANEL_NOTHING_TO_DECLARE", officeId: "3001" }) }, officer)).recordFacilityCrossing.declaration).toMatchObject({ channel: "DECLARATION_PANEL", acceptedAt: "2026-03-02T07:40:00.000Z" });
    g.clock.set("2026-03-02T21:00:00+01:00");
    const night = crossing({ facility: "PANEL_GOODS_TO_REPORT", officeId: "2301", crossedAt: "2026-03-02T20:45:00+01:00", items: [LAPTOP, { ...WINE, forTrade: true }] });
    expect(refusal(await call(CROSSING, { input: night }, officer))).toMatchObject({ code: "FACILITY_CONDITIONS_NOT_MET", rule: "DEC-R26", article: "OD-AFD art. 35 para. 1" });
    expect(ok(await call(CROSSING, { input: { ...night, items: [LAPTOP] } }, officer)).recordFacilityCrossing.declaration.acceptedAt).toBe("2026-03-02T19:45:00.000Z");
    g.clock.set("2026-03-02T09:00:00+01:00");
  });

  it("makes dutiable goods taken through the green lane undeclared goods: taxed ex officio at the highest rate, the debt arising at the crossing (X07; DEC-R28; LD art. 18 para. 3, 69 let. c)", async () => {
    const { undeclaredGoods } = ok(await call(CROSSING, { input: crossing({ facility: "GREEN_LANE", items: [LAPTOP, WINE] }) }, officer)).recordFacilityCrossing;
    expect(undeclaredGoods.status).toBe("EX_OFFICIO_TAXED");
    await g.drainEvents();
    const debt = ok(await call(`query ($id: ID!) { declaration(id: $id) { taxationDecision { kind totalDuties customsDebt { birthTrigger arisenAt amount status } } } }`, { id: undeclaredGoods.id }, officer)).declaration.taxationDecision;
    // Wine, 12 kg at the heading's highest rate, CHF 50.00 per 100 kg gross; collected even under CHF 5 as tourist traffic goods.
    expect(debt).toEqual({ kind: "EX_OFFICIO", totalDuties: "6.00", customsDebt: { birthTrigger: "OMITTED_DECLARATION_CROSSING", arisenAt: "2026-03-02T07:40:00.000Z", amount: "6.00", status: "DUE" } });
  });

  it("rural border traffic: the announcement, accepted when complete at the office, two hours ahead; one under two hours refused (DEC-R23, OD-AFD art. 24a para. 3-4)", async () => {
    ok(await call(`mutation ($p: ID!) { authoriseRuralBorderTraffic(input: { operatorId: $p, officeId: "1001", empoweredPersons: ["Karl Kanal"] }) { authorisation { id } } }`, { p: declarant.partnerId }, officer));
    const ANNOUNCE = `mutation ($input: AnnounceRuralBorderImportInput!) { announceRuralBorderImport(input: $input) { announcement { id receivedAt declaration { ${DECL} } } } }`;
    const input = {
      operatorId: declarant.partnerId,
      officeId: "1001",
      goodsType: "GRAPES",
      language: "de",
      item: { tariffNumber: "0806.1000", description: "Grapes", netMassKg: "800.000", grossMassKg: "820.000", value: "1600.00", origin: "DE" },
      plannedCrossingAt: "2026-03-02T11:00:00+01:00",
      crossingPlace: "Riehen-Grenzacherweg",
      landDistanceFromBorderKm: 3,
      announcedBy: "Karl Kanal",
      transmission: "FAX",
    };
    expect(ok(await call(ANNOUNCE, { input }, declarant.software())).announceRuralBorderImport.announcement).toMatchObject({ receivedAt: "2026-03-02T08:00:00.000Z", declaration: { channel: "RURAL_BORDER_ANNOUNCEMENT", status: "ACCEPTED", acceptedAt: "2026-03-02T08:00:00.000Z" } });
    expect(refusal(await call(ANNOUNCE, { input: { ...input, plannedCrossingAt: "2026-03-02T10:59:59.999+01:00" } }, declarant.software()))).toMatchObject({ code: "ANNOUNCEMENT_TOO_LATE", rule: "DEC-R23", article: "OD-AFD art. 24a para. 4" });
  });
});
