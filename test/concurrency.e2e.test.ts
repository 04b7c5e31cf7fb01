import { mintDevToken } from "../scripts/mint-token";
import { definition as debtDefinition } from "../subgraphs/debt/debt.subgraph";
import { definition as declarationsDefinition } from "../subgraphs/declarations/declarations.subgraph";
import { definition as identityDefinition } from "../subgraphs/identity/identity.subgraph";
import { definition as warehousingDefinition } from "../subgraphs/warehousing/warehousing.subgraph";
import { uidFromDigits } from "../subgraphs/identity/services/secrets";
import { gql, GraphQLResponse } from "./support/graphql";
import { Graph, startGraph } from "./support/graph";
import { importInput } from "./support/declarations-harness";
import { ok, OnboardedDeclarant, onboardDeclarant } from "./support/onboarding";

/**
 * Issue 7, "one effect per fact" and "bounded locks": the hottest mutation of each subgraph, 50
 * times in parallel through the gateway on MariaDB, as partner software that retries and officers
 * who double-click produce them. Each race has exactly one winner; every loser gets a typed error
 * of the domain (or the retryable CONCURRENT_MODIFICATION), none an internal error, a timeout or
 * an unavailable subgraph; and it is over within seconds, leaving the subgraph responsive.
 */
let g: Graph;
let officer: string;
let declarant: OnboardedDeclarant;

const PARALLEL = 50;

beforeAll(async () => {
  g = await startGraph("customs_test_e2e_race", "2026-03-02T08:00:00+01:00", [identityDefinition, declarationsDefinition, warehousingDefinition, debtDefinition]);
  officer = await mintDevToken({ kind: "officer", sub: "officer-race", roles: ["CUSTOMS_OFFICE", "ONBOARDING_SERVICE", "DISTRICT_DIRECTORATE"] });
  declarant = await onboardDeclarant(g.gatewayUrl, g.spool, "93000001", "Race Spedition AG");
  await g.drainEvents();
  g.clock.set("2026-03-02T09:00:00+01:00");
  await declarant.renew();
});
afterAll(async () => {
  await g?.stop();
});

const call = <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, bearer?: string): Promise<GraphQLResponse<T>> =>
  gql<T>(g.gatewayUrl, query, variables, bearer ? { bearer } : {});

interface RaceOutcome {
  winners: GraphQLResponse[];
  /** Error code of each loser. */
  losers: string[];
  ms: number;
}

/** Sends the same operation `PARALLEL` times at once (per-call variables and tokens allowed). */
async function race(send: (i: number) => Promise<GraphQLResponse>): Promise<RaceOutcome> {
  const started = Date.now();
  const responses = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => send(i)));
  const ms = Date.now() - started;
  return {
    winners: responses.filter(r => !r.errors),
    losers: responses.filter(r => r.errors).map(r => String(r.errors![0].extensions?.code)),
    ms,
  };
}

function expectOneWinner(outcome: RaceOutcome, domainCodes: string[]): void {
  expect(outcome.winners).toHaveLength(1);
  const unexpected = outcome.losers.filter(code => !domainCodes.includes(code) && code !== "CONCURRENT_MODIFICATION");
  expect(unexpected).toEqual([]);
  expect(outcome.ms).toBeLessThan(15_000);
}

const PRESENT = `mutation ($p: ID!) { presentGoods(input: { officeId: "1001", presenterId: $p, summaryForm: ELECTRONIC, place: "Basel", goodsDescription: "T-shirts" }) { presentation { id } } }`;
const LODGE = `mutation ($input: LodgeDeclarationInput!) { lodgeDeclaration(input: $input) { declaration { id status } } }`;

const ITEMS = [{ tariffNumber: "6109.1000", description: "T-shirts", netMassKg: "480.000", grossMassKg: "500.000", value: "12000.00", origin: "PT" }];

async function lodgedDeclaration(): Promise<string> {
  const presentation = ok(await call(PRESENT, { p: declarant.partnerId }, declarant.software())).presentGoods.presentation.id;
  return ok(await call(LODGE, { input: importInput(declarant, { presentationId: presentation, items: ITEMS }) }, declarant.software())).lodgeDeclaration.declaration.id;
}

it("redeems one onboarding code once: 50 parallel redemptions by five users give one administrator and typed refusals (ID-R12, ePortal step 3)", async () => {
  const uid = uidFromDigits("93000002");
  ok(await call(`mutation ($uid: String!) { recordUidRegisterEntry(input: { uid: $uid, name: "Race Import GmbH", partnerType: LEGAL_ENTITY, address: { street: "Ring 1", postalCode: "8001", city: "Zürich", country: "CH" }, domicileInCustomsTerritory: true }) { uidRegisterEntry { uid } } }`, { uid }, officer));
  const users: string[] = [];
  for (let i = 0; i < 5; i++) {
    const token = await mintDevToken({ kind: "portal_user", sub: `chlogin|race-${i}` });
    ok(await call(`mutation ($e: String!) { registerPortalUser(input: { email: $e }) { portalUser { id } } }`, { e: `race-${i}@example.ch` }, token));
    ok(await call(`mutation { addSecondFactor(input: { kind: MTAN }) { portalUser { id } } }`, {}, token));
    users.push(token);
  }
  const partnerId = ok(await call(`mutation ($uid: String!) { registerBusinessPartner(input: { uid: $uid }) { businessPartner { id } } }`, { uid }, users[0])).registerBusinessPartner.businessPartner.id;
  const [letter] = await g.spool.lettersFor(partnerId);

  const outcome = await race(i =>
    call(`mutation ($c: String!) { redeemOnboardingCode(input: { code: $c, acceptTermsOfUse: true, termsVersion: "2024-01" }) { membership { portalRole } } }`, { c: letter.onboardingCode }, users[i % users.length]),
  );

  expectOneWinner(outcome, ["ONBOARDING_CODE_ALREADY_REDEEMED"]);
  const members = ok(await call(`query ($id: ID!) { businessPartner(id: $id) { status memberships { edges { node { portalRole } } } } }`, { id: partnerId }, officer)).businessPartner;
  expect(members).toEqual({ status: "ONBOARDED", memberships: { edges: [{ node: { portalRole: "ADMINISTRATOR" } }] } });
});

it("lodges one declaration per presentation: 50 parallel lodgings of the same goods give one declaration (DEC-R03, LD art. 24)", async () => {
  const presentation = ok(await call(PRESENT, { p: declarant.partnerId }, declarant.software())).presentGoods.presentation.id;

  const outcome = await race(() => call(LODGE, { input: importInput(declarant, { presentationId: presentation, items: ITEMS }) }, declarant.software()));

  expectOneWinner(outcome, ["PRESENTATION_ALREADY_DECLARED"]);
  const [row] = await g.subgraphs.declarations.subgraph.runtime.dataSource.query("SELECT COUNT(*) AS n FROM customs_declaration WHERE presentation_id = ?", [presentation]);
  expect(Number(row.n)).toBe(1);
});

it("issues one taxation decision: 50 parallel taxations of one declaration give one decision in force, and the subgraph answers at once afterwards (DEC-R52, LD art. 38)", async () => {
  const declarationId = await lodgedDeclaration();

  const outcome = await race(() => call(`mutation ($id: ID!) { taxDeclaration(input: { declarationId: $id, kind: FINAL }) { taxationDecision { id } } }`, { id: declarationId }, officer));

  expectOneWinner(outcome, ["ALREADY_TAXED"]);
  const decisions = ok(await call(`query ($id: ID!) { declaration(id: $id) { taxationDecisions { edges { node { status } } } } }`, { id: declarationId }, officer)).declaration.taxationDecisions;
  expect(decisions.edges).toEqual([{ node: { status: "ISSUED" } }]);
  // No lock or connection is left behind: the next declaration is lodged at once.
  const started = Date.now();
  await lodgedDeclaration();
  expect(Date.now() - started).toBeLessThan(2000);
});

it("records one settling payment: 50 parallel payments of the whole debt give one payment (DEBT-R09, LD art. 73)", async () => {
  const declarationId = await lodgedDeclaration();
  const decision = ok(await call(`mutation ($id: ID!) { taxDeclaration(input: { declarationId: $id, kind: FINAL }) { taxationDecision { id totalDuties } } }`, { id: declarationId }, officer)).taxDeclaration.taxationDecision;
  await g.drainEvents();
  const debt = ok(await call(`query ($id: ID!) { declaration(id: $id) { taxationDecision { customsDebt { id amount } } } }`, { id: declarationId }, officer)).declaration.taxationDecision.customsDebt;
  expect(debt.amount).toBe(decision.totalDuties);

  const outcome = await race(() =>
    call(`mutation ($id: ID!, $p: ID!, $a: Money!) { recordPayment(input: { debtId: $id, payerId: $p, amount: $a, method: CASHLESS }) { payment { id } } }`, { id: debt.id, p: declarant.partnerId, a: debt.amount }, officer),
  );

  expectOneWinner(outcome, ["DEBT_NOT_PAYABLE", "AMOUNT_EXCEEDS_OUTSTANDING"]);
  const paid = ok(await call(`query ($id: ID!) { customsDebt(id: $id) { status outstanding payments { edges { node { amount } } } } }`, { id: debt.id }, officer)).customsDebt;
  expect(paid).toEqual({ status: "PAID", outstanding: "0.00", payments: { edges: [{ node: { amount: debt.amount } }] } });
});

// Issue 9: the once-only facts of the channels and the procedures.

const OPEN_CASE = `mutation ($input: OpenProcedureCaseInput!) { openProcedureCase(input: $input) { procedureCase { id } } }`;

it("accepts an e-dec web declaration once: 50 parallel attestations by the office give one acceptance and one DeclarationAccepted (DEC-R18, OD-AFD art. 20d para. 3)", async () => {
  const presentation = ok(await call(PRESENT, { p: declarant.partnerId }, declarant.software())).presentGoods.presentation.id;
  const web = ok(await call(LODGE, { input: importInput(declarant, { presentationId: presentation, items: ITEMS, channel: "EDEC_WEB", businessNumber: null, personalNumber: null }) }, declarant.software())).lodgeDeclaration.declaration.id;

  const outcome = await race(() => call(`mutation ($id: ID!) { attestEdecWebAcceptance(input: { declarationId: $id }) { declaration { id } } }`, { id: web }, officer));

  expectOneWinner(outcome, ["ALREADY_ACCEPTED"]);
  const [row] = await g.subgraphs.declarations.subgraph.runtime.dataSource.query("SELECT COUNT(*) AS n FROM outbox_event WHERE aggregate_id = ? AND type = 'DeclarationAccepted'", [web]);
  expect(Number(row.n)).toBe(1);
});

it("opens one procedure case per declaration: 50 parallel openings give one case and, in debt, one conditional debt (DEC-R65, LD art. 47; X11)", async () => {
  const presentation = ok(await call(PRESENT, { p: declarant.partnerId }, declarant.software())).presentGoods.presentation.id;
  const admitted = ok(await call(LODGE, { input: importInput(declarant, { presentationId: presentation, items: ITEMS, procedure: "TEMPORARY_ADMISSION" }) }, declarant.software())).lodgeDeclaration.declaration.id;

  const outcome = await race(() => call(OPEN_CASE, { input: { declarationId: admitted, timeLimit: "2026-09-01T12:00:00+02:00", transport: "ROAD", identification: "Exhibition stand, serial 7781" } }, officer));

  expectOneWinner(outcome, ["PROCEDURE_CASE_ALREADY_OPEN"]);
  await g.drainEvents();
  const [debts] = await g.subgraphs.debt.subgraph.runtime.dataSource.query("SELECT COUNT(*) AS n FROM customs_debt WHERE declaration_id = ?", [`procedure:${outcome.winners[0].data!.openProcedureCase.procedureCase.id}`]);
  expect(Number(debts.n)).toBe(1);
});

it("places the last kilograms of a processing authorisation once: 50 parallel cases on 50 declarations, room for one, give one case (DEC-R73, LD art. 59 para. 1)", async () => {
  const authorisation = ok(
    await call(`mutation ($h: ID!) { grantProcessingAuthorisation(input: { holderId: $h, kind: INWARD, system: SUSPENSION, issuer: CUSTOMS_OFFICE, issuingOfficeId: "1001", annexCategory: COMMERCIAL_GOODS_REPAIR, processing: "Printing of T-shirts", tariffHeadings: ["6109"], quantityLimitKg: "500.000", validUntil: "2026-12-31T23:59:59+01:00" }) { authorisation { id } } }`, { h: declarant.partnerId }, officer),
  ).grantProcessingAuthorisation.authorisation.id;
  const declarations: string[] = [];
  for (let i = 0; i < PARALLEL; i++) {
    const input = importInput(declarant, { plannedCrossingAt: "2026-03-02T15:00:00+01:00", items: ITEMS, procedure: "INWARD_PROCESSING", processingAuthorisationId: authorisation });
    declarations.push(ok(await call(LODGE, { input }, declarant.software())).lodgeDeclaration.declaration.id);
  }

  const outcome = await race(i => call(OPEN_CASE, { input: { declarationId: declarations[i], timeLimit: "2026-06-30T12:00:00+02:00", transport: "ROAD", identification: `Lot ${i}` } }, officer));

  expectOneWinner(outcome, ["EXCEEDS_AUTHORISATION_QUANTITY"]);
  const [row] = await g.subgraphs.declarations.subgraph.runtime.dataSource.query("SELECT quantity_used_kg AS used FROM processing_authorisation WHERE id = ?", [authorisation]);
  expect(row.used).toBe("480.000");
});

it("records an announced rural border import once: 50 parallel recordings give one crossing and one BorderCrossed (DEC-R23, OD-AFD art. 24a)", async () => {
  ok(await call(`mutation ($p: ID!) { authoriseRuralBorderTraffic(input: { operatorId: $p, officeId: "1001", empoweredPersons: ["Rita Rennen"] }) { authorisation { id } } }`, { p: declarant.partnerId }, officer));
  const input = {
    operatorId: declarant.partnerId,
    officeId: "1001",
    goodsType: "RAW_SOIL_PRODUCTS",
    language: "de",
    item: { tariffNumber: "0701.9000", description: "Potatoes", netMassKg: "900.000", grossMassKg: "920.000", value: "700.00", origin: "DE" },
    plannedCrossingAt: "2026-03-02T11:00:00+01:00",
    crossingPlace: "Riehen",
    landDistanceFromBorderKm: 2,
    announcedBy: "Rita Rennen",
    transmission: "ELECTRONIC",
  };
  const announcement = ok(await call(`mutation ($input: AnnounceRuralBorderImportInput!) { announceRuralBorderImport(input: $input) { announcement { id declaration { id } } } }`, { input }, declarant.software())).announceRuralBorderImport.announcement;
  g.clock.set("2026-03-02T11:20:00+01:00");
  try {
    const outcome = await race(() => call(`mutation ($id: ID!) { recordAnnouncedImport(input: { announcementId: $id }) { announcement { id } } }`, { id: announcement.id }, officer));
    expectOneWinner(outcome, ["ALREADY_IMPORTED"]);
    // The crossing's events are due at 11:20: delivered before the clock goes back.
    await g.drainEvents();
  } finally {
    g.clock.set("2026-03-02T09:00:00+01:00");
  }
  const [row] = await g.subgraphs.declarations.subgraph.runtime.dataSource.query("SELECT COUNT(*) AS n FROM outbox_event WHERE aggregate_id = ? AND type = 'BorderCrossed'", [announcement.declaration.id]);
  expect(Number(row.n)).toBe(1);
});

it("keeps one rural border traffic authorisation per operator: 50 parallel grants leave one, the last granted in force (DEC-R23, OD-AFD art. 24a para. 1, 6)", async () => {
  const operator = await onboardDeclarant(g.gatewayUrl, g.spool, "93000005", "Race Hof AG");
  const outcome = await race(i => call(`mutation ($p: ID!, $who: [String!]!) { authoriseRuralBorderTraffic(input: { operatorId: $p, officeId: "1001", empoweredPersons: $who }) { authorisation { id } } }`, { p: operator.partnerId, who: [`Bauer ${i}`] }, officer));
  // Every grant is either applied (a later one changes the same authorisation) or told to grant again.
  expect(outcome.losers.filter(code => code !== "CONCURRENT_MODIFICATION")).toEqual([]);
  expect(new Set(outcome.winners.map(w => w.data!.authoriseRuralBorderTraffic.authorisation.id)).size).toBe(1);
  const rows = await g.subgraphs.declarations.subgraph.runtime.dataSource.query("SELECT active FROM rural_traffic_authorisation WHERE operator_id = ?", [operator.partnerId]);
  expect(rows).toHaveLength(1);
  expect(outcome.ms).toBeLessThan(15_000);
});

// Issue 10: the once-only facts of a stored lot.

async function storedLot(kind: string, extra: Record<string, unknown> = {}): Promise<string> {
  const facility = ok(
    await call(`mutation ($p: ID!, $k: FacilityKind!) { applyForStorageFacility(input: { operatorId: $p, kind: $k, name: "Race Lager", address: "Hafen 3, 4057 Basel", controlOfficeId: "1001", domiciledInSwitzerland: true, properOperationGuaranteed: true }) { facility { id } } }`, { p: declarant.partnerId, k: kind }, officer),
  ).applyForStorageFacility.facility.id;
  ok(await call(`mutation ($f: ID!, $a: [String!]) { decideStorageFacility(input: { facilityId: $f, grant: true, disproportionateAdministrativeCost: false, admittedGoods: $a }) { authorisation { status } } }`, { f: facility, a: kind === "CONSUMER_GOODS_WAREHOUSE" ? ["1001"] : null }, officer));
  return ok(
    await call(`mutation ($i: RecordLotEntryInput!) { recordLotEntry(input: $i) { lot { id } } }`, { i: { facilityId: facility, officeId: "1001", depositorId: declarant.partnerId, presentedAt: "2026-03-02T08:50:00+01:00", goodsDescription: "Wheat", tariffNumber: "1001.9900", netMassKg: "12000.000", ...extra } }, officer),
  ).recordLotEntry.lot.id;
}

it("lets a stored lot leave once: 50 parallel exits against its accepted exit declaration give one exit and one LotReleased (WH-R12, LD art. 57 para. 1)", async () => {
  const lot = await storedLot("OPEN_CUSTOMS_WAREHOUSE");
  const presentation = ok(await call(PRESENT, { p: declarant.partnerId }, declarant.software())).presentGoods.presentation.id;
  ok(await call(LODGE, { input: importInput(declarant, { presentationId: presentation, items: ITEMS, warehouseLotId: lot }) }, declarant.software()));
  await g.drainEvents();

  const outcome = await race(() => call(`mutation ($id: ID!) { recordLotExit(input: { lotId: $id }) { lot { status } } }`, { id: lot }, officer));

  expectOneWinner(outcome, ["EXIT_DECLARATION_REQUIRED"]);
  const [row] = await g.subgraphs.warehousing.subgraph.runtime.dataSource.query("SELECT COUNT(*) AS n FROM outbox_event WHERE aggregate_id = ? AND type = 'LotReleased'", [lot]);
  expect(Number(row.n)).toBe(1);
  const [stock] = await g.subgraphs.warehousing.subgraph.runtime.dataSource.query("SELECT COUNT(*) AS n FROM lot_movement WHERE lot_id = ? AND kind = 'EXIT'", [lot]);
  expect(Number(stock.n)).toBe(1);
});

it("keeps one storage extension request pending per lot: 50 parallel requests give one (WH-R14, LD art. 55 para. 2)", async () => {
  const lot = await storedLot("CONSUMER_GOODS_WAREHOUSE", { suitableForBulkTransport: true, conditionalDuties: "5040.00" });
  const outcome = await race(() =>
    call(`mutation ($id: ID!) { requestStorageExtension(input: { lotId: $id, until: "2029-03-02T12:00:00+01:00", reason: "Reserve stock for a short harvest year." }) { extension { id } } }`, { id: lot }, declarant.software()),
  );
  expectOneWinner(outcome, ["EXTENSION_PENDING"]);
  const [row] = await g.subgraphs.warehousing.subgraph.runtime.dataSource.query("SELECT COUNT(*) AS n FROM storage_extension WHERE lot_id = ?", [lot]);
  expect(Number(row.n)).toBe(1);
});
