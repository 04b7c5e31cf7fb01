import { mintDevToken } from "../scripts/mint-token";
import { definition as debtDefinition } from "../subgraphs/debt/debt.subgraph";
import { definition as declarationsDefinition } from "../subgraphs/declarations/declarations.subgraph";
import { definition as identityDefinition } from "../subgraphs/identity/identity.subgraph";
import { definition as warehousingDefinition } from "../subgraphs/warehousing/warehousing.subgraph";
import { importInput } from "./support/declarations-harness";
import { gql, GraphQLResponse } from "./support/graphql";
import { Graph, startGraph } from "./support/graph";
import { ok, OnboardedDeclarant, onboardDeclarant } from "./support/onboarding";

/**
 * Issue 10 through the gateway, with the real event relay between the four subgraphs: a lot
 * enters a consumer goods warehouse under its declaration, debt secures its conditional duties
 * (X14), the lot goes into the inventory, its storage is extended once, it leaves against an
 * accepted exit declaration (X15) and debt ends the conditional debt while the exit declaration's
 * own debt falls due; one query shows the facility, the lot, its declarations and the partner's
 * debts. Goods entering a free deposit discharge their transit (X13), and goods found gone from an
 * open warehouse make the debt arise at their release (X16). Basel, from Monday 2 March 2026.
 */
let g: Graph;
let officer: string;
let trader: OnboardedDeclarant;
let surety: OnboardedDeclarant;

beforeAll(async () => {
  g = await startGraph("customs_test_e2e_warehousing", "2026-03-02T08:00:00+01:00", [identityDefinition, declarationsDefinition, warehousingDefinition, debtDefinition]);
  officer = await mintDevToken({ kind: "officer", sub: "officer-warehousing", roles: ["CUSTOMS_OFFICE", "DISTRICT_DIRECTORATE"] });
  trader = await onboardDeclarant(g.gatewayUrl, g.spool, "97000001", "Korn Lager AG");
  surety = await onboardDeclarant(g.gatewayUrl, g.spool, "97000002", "Lager Garantie AG");
  await g.drainEvents();
  g.clock.set("2026-03-02T09:00:00+01:00");
  g.subgraphs.declarations.subgraph.services.selection.random = () => 0.5;
});
afterAll(async () => {
  await g?.stop();
});

const call = <T = Record<string, any>>(query: string, variables: Record<string, unknown>, bearer: string): Promise<GraphQLResponse<T>> => gql<T>(g.gatewayUrl, query, variables, { bearer });
const WHEAT = { tariffNumber: "1001.9900", description: "Wheat, other, in bulk", netMassKg: "25000.000", grossMassKg: "25000.000", value: "9000.00", origin: "FR" };
const LODGE = `mutation ($input: LodgeDeclarationInput!) { lodgeDeclaration(input: $input) { declaration { id declarationNumber status } } }`;

async function facility(kind: string, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const id = ok(
    await call(`mutation ($i: ApplyForStorageFacilityInput!) { applyForStorageFacility(input: $i) { facility { id } } }`, { i: { operatorId: trader.partnerId, kind, name, address: "Hafenstrasse 10, 4127 Birsfelden", controlOfficeId: "1001", domiciledInSwitzerland: true, properOperationGuaranteed: true, ...(kind === "CUSTOMS_FREE_DEPOSIT" ? { openToAllOnEqualTerms: true } : {}) } }, trader.admin),
  ).applyForStorageFacility.facility.id;
  ok(await call(`mutation ($i: DecideStorageFacilityInput!) { decideStorageFacility(input: $i) { authorisation { status } } }`, { i: { facilityId: id, grant: true, disproportionateAdministrativeCost: false, ...extra } }, officer));
  return id;
}

const ENTRY = `mutation ($i: RecordLotEntryInput!) { recordLotEntry(input: $i) { lot { id status storageEnd } } }`;

it("takes a lot into a consumer goods warehouse, extends its storage once and lets it leave against an accepted exit declaration, debt following each step; one query shows facility, lot, declarations and debts (WH-R03, WH-R14, WH-R17; X14, X15; LD art. 51, 55, 57)", async () => {
  ok(await call(`mutation ($d: ID!, $s: ID!) { provideSecurity(input: { debtorId: $d, kind: GENERAL_BOND, maxAmount: "20000.00", suretyId: $s }) { security { id } } }`, { d: trader.partnerId, s: surety.partnerId }, officer));
  const silo = await facility("CONSUMER_GOODS_WAREHOUSE", "Getreidesilo Birsfelden", { admittedGoods: ["1001"] });
  const entry = ok(await call(LODGE, { input: importInput(trader, { procedure: "CUSTOMS_WAREHOUSING", plannedCrossingAt: "2026-03-02T15:00:00+01:00", items: [WHEAT] }) }, trader.admin)).lodgeDeclaration.declaration;
  // Wheat at CHF 42.00 per 100 kg: CHF 10,500.00 fixed with a conditional payment obligation.
  const lot = ok(await call(ENTRY, { i: { facilityId: silo, officeId: "1001", depositorId: trader.partnerId, entryDeclarationId: entry.id, presentedAt: "2026-03-02T08:45:00+01:00", goodsDescription: "Wheat, in bulk", tariffNumber: "1001.9900", netMassKg: "25000.000", suitableForBulkTransport: true, conditionalDuties: "10500.00" } }, officer)).recordLotEntry.lot;
  expect(lot).toMatchObject({ status: "DECLARED", storageEnd: "2028-03-02T22:59:59.999Z" });
  await g.drainEvents();
  const LOT = `query ($id: ID!) { storedLot(id: $id) { status storageEnd customsDebt { status amount securedAmount caseReference } } }`;
  expect(ok(await call(LOT, { id: lot.id }, trader.admin)).storedLot).toMatchObject({ customsDebt: { status: "CONDITIONAL", amount: "10500.00", securedAmount: "10500.00", caseReference: `lot:${lot.id}` } });

  // The operator's inventory line, the next morning; then a reasoned request for a third year, granted.
  g.clock.set("2026-03-03T08:30:00+01:00");
  expect(ok(await call(`mutation ($id: ID!) { recordInventoryEntry(input: { lotId: $id }) { lot { status } } }`, { id: lot.id }, trader.admin)).recordInventoryEntry.lot.status).toBe("STORED");
  const extension = ok(await call(`mutation ($id: ID!) { requestStorageExtension(input: { lotId: $id, until: "2029-03-02T23:59:59.999+01:00", reason: "The harvest of 2028 is expected to be short; the wheat is kept as reserve." }) { extension { id } } }`, { id: lot.id }, trader.admin)).requestStorageExtension.extension.id;
  ok(await call(`mutation ($id: ID!) { decideStorageExtension(input: { extensionId: $id, grant: true, reason: "Reserve stock, reasons given" }) { extension { decision } } }`, { id: extension }, officer));

  // No exit without a declaration (WH-R17, LD art. 57 para. 2): refused, and nothing changes.
  const before = await g.fingerprint();
  const early = await call(`mutation ($id: ID!) { recordLotExit(input: { lotId: $id }) { lot { status } } }`, { id: lot.id }, trader.admin);
  expect(early.errors?.[0]?.extensions).toMatchObject({ code: "EXIT_DECLARATION_REQUIRED", rule: "WH-R17", article: "LD art. 57 para. 2" });
  expect(await g.fingerprint()).toEqual(before);

  // Released for free circulation: the exit declaration names the lot (X15).
  g.clock.set("2026-09-14T10:00:00+02:00");
  const presentationId = ok(await call(`mutation ($p: ID!) { presentGoods(input: { officeId: "1001", presenterId: $p, summaryForm: ELECTRONIC, place: "Birsfelden", goodsDescription: "Wheat from the silo" }) { presentation { id } } }`, { p: trader.partnerId }, trader.admin)).presentGoods.presentation.id;
  const exit = ok(await call(LODGE, { input: importInput(trader, { presentationId, warehouseLotId: lot.id, items: [WHEAT] }) }, trader.admin)).lodgeDeclaration.declaration;
  await g.drainEvents();
  expect(ok(await call(`mutation ($id: ID!) { recordLotExit(input: { lotId: $id }) { lot { status leftAt } } }`, { id: lot.id }, trader.admin)).recordLotExit.lot).toEqual({ status: "EXITED", leftAt: "2026-09-14T08:00:00.000Z" });
  ok(await call(`mutation ($id: ID!) { taxDeclaration(input: { declarationId: $id, kind: FINAL }) { taxationDecision { totalDuties } } }`, { id: exit.id }, officer));
  await g.drainEvents();

  const ONE_QUERY = `query ($p: ID!, $at: DateTime!) {
    businessPartner(id: $p) {
      name
      operatedFacilities { edges { node { name kind then: stock(at: $at) { totalNetMassKg } now: stock { totalNetMassKg } } } }
      storedLots { edges { node { status storageEnd
        entryDeclaration { declarationNumber procedure }
        exitDeclaration { declarationNumber procedure taxationDecision { totalDuties customsDebt { status amount } } }
        customsDebt { status caseReference }
        extensions { edges { node { decision } } } } } }
      customsDebts(first: 20) { edges { node { status amount caseReference } } }
    }
  }`;
  const view = ok(await call(ONE_QUERY, { p: trader.partnerId, at: "2026-06-01T12:00:00+02:00" }, trader.admin)).businessPartner;
  expect(view.name).toBe("Korn Lager AG");
  expect(view.operatedFacilities.edges.map((e: any) => e.node)).toEqual([{ name: "Getreidesilo Birsfelden", kind: "CONSUMER_GOODS_WAREHOUSE", then: { totalNetMassKg: "25000.000" }, now: { totalNetMassKg: "0.000" } }]);
  expect(view.storedLots.edges.map((e: any) => e.node)).toEqual([
    {
      status: "EXITED",
      storageEnd: "2029-03-02T22:59:59.999Z",
      entryDeclaration: { declarationNumber: entry.declarationNumber, procedure: "CUSTOMS_WAREHOUSING" },
      exitDeclaration: { declarationNumber: exit.declarationNumber, procedure: "FREE_CIRCULATION", taxationDecision: { totalDuties: "10500.00", customsDebt: { status: "DUE", amount: "10500.00" } } },
      customsDebt: { status: "EXTINGUISHED", caseReference: `lot:${lot.id}` },
      extensions: { edges: [{ node: { decision: "GRANTED" } }] },
    },
  ]);
  // Two debts only: the lot's, ended, and the release's, due; the entry declaration made none (WH-R03).
  expect(view.customsDebts.edges.map((e: any) => [e.node.status, e.node.caseReference]).sort()).toEqual([
    ["DUE", null],
    ["EXTINGUISHED", `lot:${lot.id}`],
  ]);
});

it("discharges a transit by the goods' entry into a customs free deposit: the case and its conditional debt end (X13; DEC-R70, OD-AFD art. 44; WH-R27)", async () => {
  g.clock.set("2026-09-15T09:00:00+02:00");
  const deposit = await facility("CUSTOMS_FREE_DEPOSIT", "Zollfreilager Dreispitz");
  const presentationId = ok(await call(`mutation ($p: ID!) { presentGoods(input: { officeId: "1001", presenterId: $p, summaryForm: ELECTRONIC, place: "Basel", goodsDescription: "Machines in transit" }) { presentation { id } } }`, { p: trader.partnerId }, trader.admin)).presentGoods.presentation.id;
  const machines = { tariffNumber: "6109.1000", description: "T-shirts", netMassKg: "500.000", grossMassKg: "500.000", value: "9000.00", origin: "CN" };
  const transit = ok(await call(LODGE, { input: importInput(trader, { presentationId, direction: "TRANSIT", procedure: "TRANSIT", channel: "PASSAR_B2B", items: [machines] }) }, trader.admin)).lodgeDeclaration.declaration;
  const caseId = ok(await call(`mutation ($id: ID!) { openProcedureCase(input: { declarationId: $id, timeLimit: "2026-09-18T18:00:00+02:00", transport: ROAD, sealing: BY_PACKAGE, sealCount: 2, identification: "Seals 77-78" }) { procedureCase { id } } }`, { id: transit.id }, officer)).openProcedureCase.procedureCase.id;
  await g.drainEvents();
  g.clock.set("2026-09-15T15:00:00+02:00");
  ok(await call(ENTRY, { i: { facilityId: deposit, officeId: "1001", depositorId: trader.partnerId, entryDeclarationId: transit.id, procedureCaseId: caseId, presentedAt: "2026-09-15T14:40:00+02:00", goodsDescription: "T-shirts", tariffNumber: "6109.1000", netMassKg: "500.000" } }, officer));
  await g.drainEvents();
  const c = ok(await call(`query ($id: ID!) { procedureCase(id: $id) { status dischargeMode dischargedAt conditionalDebt { status } } }`, { id: caseId }, trader.admin)).procedureCase;
  expect(c).toEqual({ status: "DISCHARGED", dischargeMode: "ENTERED_FREE_DEPOSIT", dischargedAt: "2026-09-15T13:00:00.000Z", conditionalDebt: { status: "EXTINGUISHED" } });
});

it("makes the debt arise when goods left an open customs warehouse without a declaration, at the release the office established (X16; WH-R13, LD art. 69 let. d)", async () => {
  const warehouse = await facility("OPEN_CUSTOMS_WAREHOUSE", "Zolllager Rheinhafen");
  const lot = ok(await call(ENTRY, { i: { facilityId: warehouse, officeId: "1001", depositorId: trader.partnerId, presentedAt: "2026-09-15T14:00:00+02:00", goodsDescription: "Wine", tariffNumber: "2204.2150", netMassKg: "900.000" } }, officer)).recordLotEntry.lot;
  g.clock.set("2026-10-01T09:00:00+02:00");
  ok(await call(`mutation ($id: ID!) { recordReleaseWithoutDeclaration(input: { lotId: $id, releasedAt: "2026-09-28T22:15:00+02:00" }) { lot { status } } }`, { id: lot.id }, officer));
  await g.drainEvents();
  expect(ok(await call(`query ($id: ID!) { storedLot(id: $id) { status customsDebt { birthTrigger arisenAt status } } }`, { id: lot.id }, trader.admin)).storedLot).toEqual({
    status: "EXITED_WITHOUT_DECLARATION",
    customsDebt: { birthTrigger: "WAREHOUSE_RELEASE_WITHOUT_DECLARATION", arisenAt: "2026-09-28T20:15:00.000Z", status: "DUE" },
  });
});

it("makes a consumer goods lot's duties due once its storage ended and 60 days passed unplaced: X17, then LotDutiesDue, followed by debt (WH-R04, WH-R14; LD art. 51 para. 3, 55 para. 2)", async () => {
  g.clock.set("2026-10-02T09:00:00+02:00");
  const silo = await facility("CONSUMER_GOODS_WAREHOUSE", "Silo Au", { admittedGoods: ["1001"] });
  const lot = ok(await call(ENTRY, { i: { facilityId: silo, officeId: "1001", depositorId: trader.partnerId, presentedAt: "2026-10-02T08:30:00+02:00", goodsDescription: "Wheat, in bulk", tariffNumber: "1001.9900", netMassKg: "10000.000", suitableForBulkTransport: true, conditionalDuties: "4200.00" } }, officer)).recordLotEntry.lot;
  await g.drainEvents();
  const LOT = `query ($id: ID!) { storedLot(id: $id) { status storageEnd placementDeadline customsDebt { status dueAt procedureEndedAt } } }`;
  // Storage ends on Monday 2 October 2028 at 23:59:59.999: one millisecond later it has expired.
  g.clock.set("2028-10-03T00:00:00+02:00");
  await g.subgraphs.warehousing.subgraph.jobs.runOnce();
  await g.drainEvents();
  expect(ok(await call(LOT, { id: lot.id }, trader.admin)).storedLot).toEqual({
    status: "STORAGE_EXPIRED",
    storageEnd: "2028-10-02T21:59:59.999Z",
    // 60 days later: Friday 1 December 2028, end of day.
    placementDeadline: "2028-12-01T22:59:59.999Z",
    customsDebt: { status: "CONDITIONAL", dueAt: "2026-10-02T07:00:00.000Z", procedureEndedAt: "2028-10-02T21:59:59.999Z" },
  });
  g.clock.set("2028-12-02T00:00:00+01:00");
  await g.subgraphs.warehousing.subgraph.jobs.runOnce();
  await g.drainEvents();
  expect(ok(await call(LOT, { id: lot.id }, trader.admin)).storedLot).toMatchObject({ status: "DUTIES_DUE", customsDebt: { status: "DUE", dueAt: "2028-12-01T22:59:59.999Z" } });
});

it("opens remission for a consumer goods lot destroyed by force majeure: X18 ends the procedure in debt, and the depositor's request is taken (WH-R28, LD art. 86 para. 1 let. a; DEBT-R23)", async () => {
  g.clock.set("2028-12-04T09:00:00+01:00");
  const silo = await facility("CONSUMER_GOODS_WAREHOUSE", "Silo Muttenz", { admittedGoods: ["1001"] });
  const lot = ok(await call(ENTRY, { i: { facilityId: silo, officeId: "1001", depositorId: trader.partnerId, presentedAt: "2028-12-04T08:30:00+01:00", goodsDescription: "Wheat, in bulk", tariffNumber: "1001.9900", netMassKg: "15000.000", suitableForBulkTransport: true, conditionalDuties: "6300.00" } }, officer)).recordLotEntry.lot;
  g.clock.set("2029-01-15T10:00:00+01:00");
  ok(await call(`mutation ($id: ID!) { recordLotDestruction(input: { lotId: $id, cause: FORCE_MAJEURE, destroyedAt: "2029-01-14T03:00:00+01:00" }) { lot { status } } }`, { id: lot.id }, officer));
  await g.drainEvents();
  const debt = ok(await call(`query ($id: ID!) { storedLot(id: $id) { status customsDebt { id procedureEndedAt } } }`, { id: lot.id }, trader.admin)).storedLot;
  expect(debt).toMatchObject({ status: "DESTROYED", customsDebt: { procedureEndedAt: "2029-01-14T02:00:00.000Z" } });
  const request = ok(
    await call(`mutation ($id: ID!) { requestRemission(input: { debtId: $id, ground: DESTROYED_IN_CUSTODY_OR_PROCEDURE, justification: "The silo burnt down in the night of 14 January; fire brigade report attached." }) { remissionRequest { status deadline } } }`, { id: debt.customsDebt.id }, trader.admin),
  ).requestRemission.remissionRequest;
  // One year from the end of the procedure, the destruction (DEBT-R23, LD art. 86 para. 2).
  expect(request).toEqual({ status: "PENDING", deadline: "2030-01-14T22:59:59.999Z" });
});
