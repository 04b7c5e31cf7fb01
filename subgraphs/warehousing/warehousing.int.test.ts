import { randomUUID } from "node:crypto";
import { FieldNode, OperationDefinitionNode, parse } from "graphql";
import { isKitMutation, Principal } from "../kit";
import { ANONYMOUS, errorCode, GraphQLResponse, officer } from "../../test/support/graphql";
import { startTestSubgraph, TestSubgraph } from "../../test/support/subgraph-harness";
import type { WarehousingServices } from "./services";
import { definition } from "./warehousing.subgraph";

/**
 * The warehousing subgraph on MariaDB through its own GraphQL API (DOMAIN.md §4, §7 X13 to X18):
 * facilities and their authorisations (WH-R09, WH-R10, WH-R14, WH-R21, WH-R23), lots from entry to
 * exit (WH-R02 to WH-R08, WH-R12 to WH-R17, WH-R20 to WH-R25, WH-R28), inventory deadlines on the
 * control office's calendar, storage periods and their jobs, transfers, handling, and the stock of
 * any instant. Each mutation is accepted and refused here, a refusal with its stable code and
 * article and without any change to the database. Office 1001 is Basel (canton BS), 3001 Geneva
 * (GE), 4001 Zurich (ZH). From Monday 2 March 2026, 09:00 Zurich time (08:00 UTC).
 */
let t: TestSubgraph<WarehousingServices>;

const NOW = "2026-03-02T09:00:00+01:00";
const CUSTOMS = officer("CUSTOMS_OFFICE");
const DISTRICT = officer("DISTRICT_DIRECTORATE");
const DGD = officer("DGD");

/** A business partner and its clearance software (an API application acting for it alone). */
interface Partner {
  id: string;
  p: Principal;
}

function partner(): Partner {
  const id = randomUUID();
  return { id, p: { kind: "API_APPLICATION", applicationId: randomUUID(), subject: `app-${id.slice(0, 8)}`, partners: [{ partnerId: id, portalRole: null, roles: [] }], officerRoles: [] } };
}

const FACILITY = `id kind name address inventoryKeeper createdAt operator { id } controlOffice { id }`;
const AUTHORISATION = `status appliedAt decidedAt reason domiciledInSwitzerland properOperationGuaranteed openToAllOnEqualTerms charges excludedGoods specialPremisesGoods admittedGoods operatorSecurityRequired`;
const LOT = `id status presentedAt enteredAt inventoryDueBy inventoryRecordedAt inventoryOverdueAt goodsDescription tariffNumber netMassKg sensitive underExportRegime inSpecialPremises
  storageStart storageEnd maxStorageEnd placementDeadline conditionalDuties exitProcedure exitDeclaredAt leftAt releasedWithoutDeclarationAt destructionCause version
  facility { id } depositor { id } entryDeclaration { id } exitDeclaration { id }`;
const EXTENSION = `id requestedAt reason requestedUntil decision decidedAt decisionReason`;

const APPLY = `mutation ($input: ApplyForStorageFacilityInput!) { applyForStorageFacility(input: $input) { facility { ${FACILITY} authorisation { ${AUTHORISATION} } } } }`;
const DECIDE = `mutation ($input: DecideStorageFacilityInput!) { decideStorageFacility(input: $input) { authorisation { id ${AUTHORISATION} } } }`;
const REVOKE = `mutation ($input: RevokeStorageFacilityInput!) { revokeStorageFacility(input: $input) { authorisation { id ${AUTHORISATION} } } }`;
const ENTER = `mutation ($input: RecordLotEntryInput!) { recordLotEntry(input: $input) { lot { ${LOT} } } }`;
const RECORD_INVENTORY = `mutation ($lotId: ID!) { recordInventoryEntry(input: { lotId: $lotId }) { lot { ${LOT} } } }`;
const REQUEST_EXTENSION = `mutation ($input: RequestStorageExtensionInput!) { requestStorageExtension(input: $input) { extension { ${EXTENSION} } } }`;
const DECIDE_EXTENSION = `mutation ($input: DecideStorageExtensionInput!) { decideStorageExtension(input: $input) { extension { ${EXTENSION} } } }`;
const TRANSFER = `mutation ($input: TransferLotInput!) { transferStoredLot(input: $input) { transfer { id effectiveAt from { id } to { id } } } }`;
const HANDLE = `mutation ($input: RecordLotHandlingInput!) { recordLotHandling(input: $input) { handling { id kind description handledAt recordedBy } } }`;
const EXIT = `mutation ($lotId: ID!) { recordLotExit(input: { lotId: $lotId }) { lot { ${LOT} } } }`;
const RELEASE = `mutation ($input: RecordReleaseWithoutDeclarationInput!) { recordReleaseWithoutDeclaration(input: $input) { lot { ${LOT} } } }`;
const DESTROY = `mutation ($input: RecordLotDestructionInput!) { recordLotDestruction(input: $input) { lot { ${LOT} } } }`;

const GET_LOT = `query ($id: ID!) { storedLot(id: $id) { ${LOT} movements(first: 100) { edges { node { kind at netMassKg declarationId recordedBy } } } transfers(first: 100) { edges { node { effectiveAt from { id } to { id } } } }
  extensions(first: 100) { edges { node { id decision requestedUntil } } } handlings(first: 100) { edges { node { kind description recordedBy } } } } }`;
const GET_FACILITY = `query ($id: ID!) { storageFacility(id: $id) { ${FACILITY} } }`;
const GET_AUTHORISATION = `query ($id: ID!) { storageFacility(id: $id) { id authorisation { ${AUTHORISATION} } } }`;
const STOCK = `query ($id: ID!, $at: DateTime, $depositorId: ID, $tariffNumber: String) {
  storageFacility(id: $id) { stock(at: $at, depositorId: $depositorId, tariffNumber: $tariffNumber) { at totalNetMassKg lines(first: 100) { edges { node { depositor { id } tariffNumber netMassKg } } } } } }`;
const INVENTORY_AT = `query ($id: ID!, $at: DateTime) { storageFacility(id: $id) { inventory(at: $at, first: 100) { totalCount edges { node { id } } } } }`;
const LOTS = `query ($statuses: [LotStatus!]) { storedLots(first: 100, statuses: $statuses) { totalCount edges { node { id } } } }`;
const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on StoredLot { id status } ... on StorageFacility { id name kind } } }`;

/** Which mutations this file has seen accepted and refused: the last test wants both of each. */
const outcomes = new Map<string, Set<"accepted" | "refused">>();

function note(query: string, outcome: "accepted" | "refused"): void {
  const op = parse(query).definitions.find(x => x.kind === "OperationDefinition") as OperationDefinitionNode | undefined;
  if (op?.operation !== "mutation") return;
  const name = (op.selectionSet.selections[0] as FieldNode).name.value;
  outcomes.set(name, (outcomes.get(name) ?? new Set()).add(outcome));
}

beforeAll(async () => {
  t = await startTestSubgraph(definition, "customs_test_warehousing", { now: NOW });
  // The jobs run here only when a test calls runOnce: a background round after the clock moved
  // would change the database between a refusal and its fingerprint.
  await t.subgraph.jobs.stop();
  const send = t.as;
  t.as = (async (principal: Principal, query: string, variables?: Record<string, unknown>) => {
    const res = await send(principal, query, variables);
    if (!res.errors) note(query, "accepted");
    return res;
  }) as TestSubgraph<WarehousingServices>["as"];
});
afterAll(async () => {
  await t?.stop();
});
beforeEach(() => {
  t.clock.set(NOW);
});

/** Runs an operation that must be refused with `code` (and the `details` given), and proves it changed nothing. */
async function expectRefused(principal: Principal, query: string, variables: Record<string, unknown>, code: string, details: Record<string, unknown> = {}) {
  const before = await t.fingerprint();
  const res = await t.as(principal, query, variables);
  expect(res.errors?.[0]?.extensions).toMatchObject({ code, ...details });
  expect(await t.fingerprint()).toBe(before);
  note(query, "refused");
  return res.errors![0];
}

/** Runs an operation that must succeed and returns its data. */
async function accepted(principal: Principal, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await t.as(principal, query, variables);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

/** ISO 8601 in UTC with milliseconds, as the API writes instants. */
const iso = (at: string | Date) => new Date(at).toISOString();
/** `at` moved by `ms` milliseconds, as ISO. */
const plus = (at: string, ms: number) => new Date(new Date(at).getTime() + ms).toISOString();

/** An application for a facility of `kind` supervised from Basel, fulfilling every condition unless `extra` says otherwise. */
function application(operator: Partner, kind: string, extra: Record<string, unknown> = {}) {
  return {
    operatorId: operator.id,
    kind,
    name: `${kind.toLowerCase()} ${operator.id.slice(0, 8)}`,
    address: "Westquaistrasse 2, 4057 Basel",
    controlOfficeId: "1001",
    domiciledInSwitzerland: true,
    properOperationGuaranteed: true,
    ...(kind === "CUSTOMS_FREE_DEPOSIT" ? { openToAllOnEqualTerms: true } : {}),
    ...extra,
  };
}

async function apply(operator: Partner, kind: string, extra: Record<string, unknown> = {}): Promise<Record<string, any>> {
  return (await accepted(operator.p, APPLY, { input: application(operator, kind, extra) })).applyForStorageFacility.facility;
}

/** A facility applied for by `operator` and granted by the district directorate; a consumer goods warehouse admits wheat and barley. */
async function facility(operator: Partner, kind = "OPEN_CUSTOMS_WAREHOUSE", options: { apply?: Record<string, unknown>; grant?: Record<string, unknown> } = {}): Promise<string> {
  const applied = await apply(operator, kind, options.apply);
  const admitted = kind === "CONSUMER_GOODS_WAREHOUSE" ? { admittedGoods: ["1001", "1003"] } : {};
  await accepted(DISTRICT, DECIDE, { input: { facilityId: applied.id, grant: true, disproportionateAdministrativeCost: false, ...admitted, ...options.grant } });
  return applied.id;
}

/** Cotton T-shirts presented now at office 1001 for `depositor`; `extra` overrides. */
function entry(facilityId: string, depositor: Partner, extra: Record<string, unknown> = {}) {
  return { facilityId, officeId: "1001", depositorId: depositor.id, presentedAt: t.clock.now().toISOString(), goodsDescription: "T-shirts, cotton", tariffNumber: "6109.1000", netMassKg: "950.000", ...extra };
}

/** 24 t of wheat in bulk, its duties fixed at CHF 10,080.00 (CHF 42.00 per 100 kg), for a consumer goods warehouse. */
function wheat(facilityId: string, depositor: Partner, extra: Record<string, unknown> = {}) {
  return entry(facilityId, depositor, { goodsDescription: "Wheat, other, in bulk", tariffNumber: "1001.9900", netMassKg: "24000.000", suitableForBulkTransport: true, conditionalDuties: "10080.00", ...extra });
}

async function enter(input: Record<string, unknown>): Promise<Record<string, any>> {
  return (await accepted(CUSTOMS, ENTER, { input })).recordLotEntry.lot;
}

/** A lot entered and recorded in the inventory by the office: STORED. */
async function stored(input: Record<string, unknown>): Promise<Record<string, any>> {
  const lot = await enter(input);
  if (lot.status === "STORED") return lot;
  return (await accepted(CUSTOMS, RECORD_INVENTORY, { lotId: lot.id })).recordInventoryEntry.lot;
}

/** The nodes of a connection's page, as a plain array. */
const nodesOf = (connection: { edges: { node: any }[] }) => connection.edges.map(e => e.node);

/** A lot with its movements, transfers, extensions and handlings (first pages, up to 100 each) as plain arrays. */
async function readLot(id: string, principal: Principal = CUSTOMS): Promise<Record<string, any>> {
  const lot = (await accepted(principal, GET_LOT, { id })).storedLot;
  return { ...lot, movements: nodesOf(lot.movements), transfers: nodesOf(lot.transfers), extensions: nodesOf(lot.extensions), handlings: nodesOf(lot.handlings) };
}

async function stock(facilityId: string, at?: string, filter: { depositorId?: string; tariffNumber?: string } = {}, principal: Principal = CUSTOMS) {
  const read = (await accepted(principal, STOCK, { id: facilityId, at, ...filter })).storageFacility.stock;
  return { ...read, lines: nodesOf(read.lines) };
}

/** X15 as declarations publishes it (LD art. 57, 67): a declaration taking the lot out was accepted. */
function exitAccepted(lotId: string, extra: Record<string, unknown> = {}) {
  return { declarationId: randomUUID(), declarationNumber: "26CHWI000123456", lotId, declarantId: randomUUID(), procedure: "FREE_CIRCULATION", direction: "IMPORT", acceptedAt: t.clock.now().toISOString(), ...extra };
}

async function deliverExit(payload: Record<string, unknown>, id?: string) {
  return t.deliver("declarations", "ExitDeclarationAccepted", payload, id);
}

/** The events the subgraph published about one aggregate (a lot, a facility), oldest first. */
async function outbox(aggregateId: string, type?: string): Promise<{ type: string; payload: Record<string, any> }[]> {
  const rows: { type: string; payload: string | Record<string, any> }[] = await t.subgraph.runtime.dataSource.query("SELECT type, payload FROM outbox_event WHERE aggregate_id = ? ORDER BY seq", [aggregateId]);
  return rows.map(r => ({ type: r.type, payload: typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload })).filter(e => !type || e.type === type);
}

/** Runs every job the way `count` replicas would at once, then once more. */
async function runJobs(count = 2): Promise<void> {
  await Promise.all(Array.from({ length: count }, () => t.subgraph.jobs.runOnce()));
  await t.subgraph.jobs.runOnce();
}

describe("authorisations (WH-R10, LD art. 54; WH-R21, LD art. 64)", () => {
  it("takes the operator's application, refuses one made for another partner (FORBIDDEN), and lets no goods in before the decision (FACILITY_NOT_AUTHORISED) (WH-R10, LD art. 54)", async () => {
    const operator = partner();
    const other = partner();
    await expectRefused(other.p, APPLY, { input: application(operator, "OPEN_CUSTOMS_WAREHOUSE") }, "FORBIDDEN", { field: "input.operatorId" });
    await expectRefused(operator.p, APPLY, { input: application(operator, "OPEN_CUSTOMS_WAREHOUSE", { openToAllOnEqualTerms: true }) }, "BAD_USER_INPUT", { field: "input.openToAllOnEqualTerms", rule: "WH-R21", article: "LD art. 64 let. c" });
    await expectRefused(operator.p, APPLY, { input: application(operator, "OPEN_CUSTOMS_WAREHOUSE", { controlOfficeId: "9999" }) }, "NOT_FOUND", { entity: "CustomsOffice", field: "input.controlOfficeId" });
    const applied = await apply(operator, "OPEN_CUSTOMS_WAREHOUSE", { name: "Zolllager Rheinhafen", inventoryKeeper: "DEPOSITOR" });
    expect(applied).toEqual({
      id: expect.any(String),
      kind: "OPEN_CUSTOMS_WAREHOUSE",
      name: "Zolllager Rheinhafen",
      address: "Westquaistrasse 2, 4057 Basel",
      inventoryKeeper: "DEPOSITOR",
      createdAt: "2026-03-02T08:00:00.000Z",
      operator: { id: operator.id },
      controlOffice: { id: "1001" },
      authorisation: {
        status: "APPLIED",
        appliedAt: "2026-03-02T08:00:00.000Z",
        decidedAt: null,
        reason: null,
        domiciledInSwitzerland: true,
        properOperationGuaranteed: true,
        openToAllOnEqualTerms: false,
        charges: [],
        excludedGoods: [],
        specialPremisesGoods: [],
        admittedGoods: [],
        operatorSecurityRequired: null,
      },
    });
    await expectRefused(CUSTOMS, ENTER, { input: entry(applied.id, other) }, "FACILITY_NOT_AUTHORISED", { rule: "WH-R10", article: "LD art. 54", status: "APPLIED", field: "input.facilityId" });
    // An officer may file the application for the operator.
    expect((await accepted(DISTRICT, APPLY, { input: application(operator, "CUSTOMS_FREE_DEPOSIT") })).applyForStorageFacility.facility.authorisation.openToAllOnEqualTerms).toBe(true);
  });

  it("refuses to grant an open customs warehouse whose operator is not domiciled in Switzerland, does not guarantee proper operation, or whose supervision would cost disproportionately, naming each unmet condition (AUTHORISATION_CONDITIONS_NOT_MET; WH-R10, LD art. 54 let. a-b)", async () => {
    const operator = partner();
    const foreign = await apply(operator, "OPEN_CUSTOMS_WAREHOUSE", { domiciledInSwitzerland: false, properOperationGuaranteed: false });
    await expectRefused(DISTRICT, DECIDE, { input: { facilityId: foreign.id, grant: true } }, "AUTHORISATION_CONDITIONS_NOT_MET", {
      rule: "WH-R10",
      article: "LD art. 54",
      field: "input.grant",
      unmet: [
        "the operator is not domiciled in Switzerland (LD art. 54 let. a)",
        "proper operation is not guaranteed (LD art. 54 let. a)",
        "supervision would cause disproportionate administrative cost, or it was not assessed (LD art. 54 let. b)",
      ],
    });
    const costly = await apply(operator, "OPEN_CUSTOMS_WAREHOUSE");
    await expectRefused(DISTRICT, DECIDE, { input: { facilityId: costly.id, grant: true, disproportionateAdministrativeCost: true } }, "AUTHORISATION_CONDITIONS_NOT_MET", {
      unmet: ["supervision would cause disproportionate administrative cost, or it was not assessed (LD art. 54 let. b)"],
    });
    const improper = await apply(operator, "OPEN_CUSTOMS_WAREHOUSE", { properOperationGuaranteed: false });
    await expectRefused(DGD, DECIDE, { input: { facilityId: improper.id, grant: true, disproportionateAdministrativeCost: false } }, "AUTHORISATION_CONDITIONS_NOT_MET", {
      unmet: ["proper operation is not guaranteed (LD art. 54 let. a)"],
    });
    // The same application, once the cost is assessed as proportionate, is granted.
    expect((await accepted(DISTRICT, DECIDE, { input: { facilityId: costly.id, grant: true, disproportionateAdministrativeCost: false } })).decideStorageFacility.authorisation.status).toBe("GRANTED");
  });

  it("refuses to grant a free deposit, a separated place for goods not in free circulation (WH-R19, LD art. 62 para. 1), that is not open to all on the same conditions, and grants one that is (AUTHORISATION_CONDITIONS_NOT_MET; WH-R21, LD art. 64 let. a-c)", async () => {
    const operator = partner();
    const closed = await apply(operator, "CUSTOMS_FREE_DEPOSIT", { openToAllOnEqualTerms: false });
    await expectRefused(DISTRICT, DECIDE, { input: { facilityId: closed.id, grant: true, disproportionateAdministrativeCost: false } }, "AUTHORISATION_CONDITIONS_NOT_MET", {
      rule: "WH-R21",
      article: "LD art. 64",
      unmet: ["the free deposit is not open to all on the same conditions (LD art. 64 let. c)"],
    });
    const abroad = await apply(operator, "CUSTOMS_FREE_DEPOSIT", { domiciledInSwitzerland: false, openToAllOnEqualTerms: null });
    await expectRefused(DISTRICT, DECIDE, { input: { facilityId: abroad.id, grant: true, disproportionateAdministrativeCost: false } }, "AUTHORISATION_CONDITIONS_NOT_MET", {
      rule: "WH-R21",
      article: "LD art. 64",
      unmet: ["the operator is not domiciled in Switzerland (LD art. 64 let. a)", "the free deposit is not open to all on the same conditions (LD art. 64 let. c)"],
    });
    const open = await apply(operator, "CUSTOMS_FREE_DEPOSIT");
    const granted = (await accepted(DISTRICT, DECIDE, { input: { facilityId: open.id, grant: true, disproportionateAdministrativeCost: false } })).decideStorageFacility.authorisation;
    expect(granted).toMatchObject({ status: "GRANTED", openToAllOnEqualTerms: true, decidedAt: "2026-03-02T08:00:00.000Z" });
  });

  it("grants a consumer goods warehouse only with the goods the administration admits (ADMITTED_GOODS_REQUIRED), and names admitted goods for no other kind (WH-R14, LD art. 55 para. 1)", async () => {
    const operator = partner();
    const silo = await apply(operator, "CONSUMER_GOODS_WAREHOUSE");
    await expectRefused(DISTRICT, DECIDE, { input: { facilityId: silo.id, grant: true, disproportionateAdministrativeCost: false } }, "ADMITTED_GOODS_REQUIRED", { rule: "WH-R14", article: "LD art. 55 para. 1", field: "input.admittedGoods" });
    await expectRefused(DISTRICT, DECIDE, { input: { facilityId: silo.id, grant: true, disproportionateAdministrativeCost: false, admittedGoods: [] } }, "ADMITTED_GOODS_REQUIRED");
    await expectRefused(DISTRICT, DECIDE, { input: { facilityId: silo.id, grant: true, disproportionateAdministrativeCost: false, admittedGoods: ["wheat"] } }, "BAD_USER_INPUT");
    const open = await apply(operator, "OPEN_CUSTOMS_WAREHOUSE");
    await expectRefused(DISTRICT, DECIDE, { input: { facilityId: open.id, grant: true, disproportionateAdministrativeCost: false, admittedGoods: ["1001"] } }, "BAD_USER_INPUT", { rule: "WH-R14", article: "LD art. 55 para. 1", field: "input.admittedGoods" });
    const granted = (await accepted(DISTRICT, DECIDE, { input: { facilityId: silo.id, grant: true, disproportionateAdministrativeCost: false, admittedGoods: ["1001", "1003.9000"] } })).decideStorageFacility.authorisation;
    expect(granted).toMatchObject({ status: "GRANTED", admittedGoods: ["1001", "1003.9000"], excludedGoods: [], specialPremisesGoods: [] });
  });

  it("grants with charges, excluded goods and special premises, for the district directorate or the DGD only (OFFICER_ROLE_REQUIRED), shown to the operator and officers only (WH-R10, LD art. 54)", async () => {
    const operator = partner();
    const depositor = partner();
    const applied = await apply(operator, "OPEN_CUSTOMS_WAREHOUSE");
    const input = {
      facilityId: applied.id,
      grant: true,
      disproportionateAdministrativeCost: false,
      charges: ["Inventory kept electronically, readable by the control office", "Weapons vault inspected yearly"],
      excludedGoods: ["93"],
      specialPremisesGoods: ["9101", "9102.1100"],
      reason: "Conditions of LD art. 54 met",
    };
    await expectRefused(CUSTOMS, DECIDE, { input }, "OFFICER_ROLE_REQUIRED", { requiredRoles: ["DISTRICT_DIRECTORATE", "DGD"] });
    await expectRefused(operator.p, DECIDE, { input }, "OFFICER_ROLE_REQUIRED", { requiredRoles: ["DISTRICT_DIRECTORATE", "DGD"] });
    await expectRefused(DISTRICT, DECIDE, { input: { ...input, operatorSecurityRequired: "0.00" } }, "BAD_USER_INPUT", { field: "input.operatorSecurityRequired" });
    t.clock.set("2026-03-04T14:30:00+01:00");
    const granted = (await accepted(DISTRICT, DECIDE, { input })).decideStorageFacility.authorisation;
    const expected = {
      status: "GRANTED",
      appliedAt: "2026-03-02T08:00:00.000Z",
      decidedAt: "2026-03-04T13:30:00.000Z",
      reason: "Conditions of LD art. 54 met",
      domiciledInSwitzerland: true,
      properOperationGuaranteed: true,
      openToAllOnEqualTerms: false,
      charges: ["Inventory kept electronically, readable by the control office", "Weapons vault inspected yearly"],
      excludedGoods: ["93"],
      specialPremisesGoods: ["9101", "9102.1100"],
      admittedGoods: [],
      operatorSecurityRequired: null,
    };
    expect(granted).toEqual({ id: expect.any(String), ...expected });
    expect((await accepted(operator.p, GET_AUTHORISATION, { id: applied.id })).storageFacility.authorisation).toEqual(expected);
    const foreign = await t.as(depositor.p, GET_AUTHORISATION, { id: applied.id });
    expect(errorCode(foreign)).toBe("FORBIDDEN");
    expect(foreign.data?.storageFacility.authorisation).toBeNull();
    // No security required, nothing for debt.
    expect(await outbox(applied.id)).toEqual([]);
  });

  it("asks debt for the operator's security with exactly one OperatorSecurityRequired, and decides once (ALREADY_DECIDED) (WH-R09, LD art. 53 para. 6; WH-R23, LD art. 66 para. 4)", async () => {
    const operator = partner();
    const warehouse = await apply(operator, "OPEN_CUSTOMS_WAREHOUSE", { controlOfficeId: "4001" });
    const granted = (await accepted(DGD, DECIDE, { input: { facilityId: warehouse.id, grant: true, disproportionateAdministrativeCost: false, operatorSecurityRequired: "50000.00" } })).decideStorageFacility.authorisation;
    expect(granted).toMatchObject({ status: "GRANTED", operatorSecurityRequired: "50000.00" });
    expect(await outbox(warehouse.id)).toEqual([
      { type: "OperatorSecurityRequired", payload: { facilityId: warehouse.id, operatorId: operator.id, amount: "50000.00", controlOfficeId: "4001", requiredAt: "2026-03-02T08:00:00.000Z" } },
    ]);
    await expectRefused(DISTRICT, DECIDE, { input: { facilityId: warehouse.id, grant: true, disproportionateAdministrativeCost: false, operatorSecurityRequired: "80000.00" } }, "ALREADY_DECIDED", {
      rule: "WH-R10",
      article: "LD art. 54",
      status: "GRANTED",
    });
    const deposit = await apply(operator, "CUSTOMS_FREE_DEPOSIT");
    await accepted(DISTRICT, DECIDE, { input: { facilityId: deposit.id, grant: true, disproportionateAdministrativeCost: false, operatorSecurityRequired: "125000.50" } });
    expect(await outbox(deposit.id, "OperatorSecurityRequired")).toEqual([
      { type: "OperatorSecurityRequired", payload: { facilityId: deposit.id, operatorId: operator.id, amount: "125000.50", controlOfficeId: "1001", requiredAt: "2026-03-02T08:00:00.000Z" } },
    ]);
    expect(await outbox(warehouse.id)).toHaveLength(1);
  });

  it("refuses an authorisation only with its reasons, then decides nothing more (ALREADY_DECIDED) and lets no goods in (WH-R10, LD art. 54; WH-R21, LD art. 64)", async () => {
    const operator = partner();
    const applied = await apply(operator, "CUSTOMS_FREE_DEPOSIT");
    await expectRefused(DISTRICT, DECIDE, { input: { facilityId: applied.id, grant: false } }, "BAD_USER_INPUT", { field: "input.reason", rule: "WH-R21", article: "LD art. 64" });
    await expectRefused(DISTRICT, DECIDE, { input: { facilityId: applied.id, grant: false, reason: "   " } }, "BAD_USER_INPUT", { field: "input.reason" });
    const refused = (await accepted(DISTRICT, DECIDE, { input: { facilityId: applied.id, grant: false, reason: "The premises are not separated from the customs territory" } })).decideStorageFacility.authorisation;
    expect(refused).toMatchObject({ status: "REFUSED", reason: "The premises are not separated from the customs territory", decidedAt: "2026-03-02T08:00:00.000Z", charges: [] });
    await expectRefused(DISTRICT, DECIDE, { input: { facilityId: applied.id, grant: true, disproportionateAdministrativeCost: false } }, "ALREADY_DECIDED", { rule: "WH-R21", article: "LD art. 64", status: "REFUSED" });
    await expectRefused(DISTRICT, REVOKE, { input: { facilityId: applied.id, reason: "Never granted" } }, "NOT_GRANTED", { rule: "WH-R21", article: "LD art. 64", status: "REFUSED" });
    await expectRefused(CUSTOMS, ENTER, { input: entry(applied.id, operator) }, "FACILITY_NOT_AUTHORISED", { rule: "WH-R21", article: "LD art. 64", status: "REFUSED" });
  });

  it("revokes a granted authorisation (district directorate or DGD): no goods enter after it (FACILITY_NOT_AUTHORISED), those stored still leave against their declaration (DOMAIN.md §4.2 DESIGN CHOICE; WH-R10, LD art. 54)", async () => {
    const operator = partner();
    const depositor = partner();
    const facilityId = await facility(operator);
    const lot = await stored(entry(facilityId, depositor));
    await expectRefused(CUSTOMS, REVOKE, { input: { facilityId, reason: "Charges repeatedly ignored" } }, "OFFICER_ROLE_REQUIRED", { requiredRoles: ["DISTRICT_DIRECTORATE", "DGD"] });
    await expectRefused(operator.p, REVOKE, { input: { facilityId, reason: "Charges repeatedly ignored" } }, "OFFICER_ROLE_REQUIRED");
    await expectRefused(DISTRICT, REVOKE, { input: { facilityId, reason: "x" } }, "BAD_USER_INPUT");
    await expectRefused(DISTRICT, REVOKE, { input: { facilityId, reason: "    " } }, "BAD_USER_INPUT", { field: "input.reason", rule: "WH-R10", article: "LD art. 54" });
    t.clock.set("2026-03-10T11:00:00+01:00");
    const revoked = (await accepted(DISTRICT, REVOKE, { input: { facilityId, reason: "Charges repeatedly ignored" } })).revokeStorageFacility.authorisation;
    expect(revoked).toMatchObject({ status: "REVOKED", reason: "Charges repeatedly ignored", decidedAt: "2026-03-10T10:00:00.000Z" });
    await expectRefused(DGD, REVOKE, { input: { facilityId, reason: "Again" } }, "NOT_GRANTED", { status: "REVOKED" });
    await expectRefused(CUSTOMS, ENTER, { input: entry(facilityId, depositor) }, "FACILITY_NOT_AUTHORISED", { rule: "WH-R10", article: "LD art. 54", status: "REVOKED", field: "input.facilityId" });
    expect(await deliverExit(exitAccepted(lot.id))).toBe("PROCESSED");
    expect((await accepted(operator.p, EXIT, { lotId: lot.id })).recordLotExit.lot).toMatchObject({ status: "EXITED", leftAt: "2026-03-10T10:00:00.000Z" });
  });
});

describe("entry (WH-R02, LD art. 51 para. 1; WH-R08, LD art. 53 para. 4; WH-R22, LD art. 65)", () => {
  it("records goods declared at the facility's control office only (WRONG_CONTROL_OFFICE), by the customs office (OFFICER_ROLE_REQUIRED), with every particular and one ENTRY movement (WH-R02, LD art. 51 para. 1; WH-R08, LD art. 53 para. 4)", async () => {
    const operator = partner();
    const depositor = partner();
    const facilityId = await facility(operator);
    await expectRefused(CUSTOMS, ENTER, { input: entry(facilityId, depositor, { officeId: "4001" }) }, "WRONG_CONTROL_OFFICE", { rule: "WH-R08", article: "LD art. 53 para. 4", field: "input.officeId" });
    await expectRefused(operator.p, ENTER, { input: entry(facilityId, depositor) }, "OFFICER_ROLE_REQUIRED", { requiredRoles: ["CUSTOMS_OFFICE"] });
    await expectRefused(DISTRICT, ENTER, { input: entry(facilityId, depositor) }, "OFFICER_ROLE_REQUIRED", { requiredRoles: ["CUSTOMS_OFFICE"] });
    await expectRefused(CUSTOMS, ENTER, { input: entry(facilityId, depositor, { presentedAt: "2026-03-02T09:00:00.001+01:00" }) }, "BAD_USER_INPUT", { field: "input.presentedAt" });
    await expectRefused(CUSTOMS, ENTER, { input: entry(facilityId, depositor, { netMassKg: "0.000" }) }, "BAD_USER_INPUT", { field: "input.netMassKg" });
    await expectRefused(CUSTOMS, ENTER, { input: entry(facilityId, depositor, { netMassKg: "1.0005" }) }, "BAD_USER_INPUT");
    await expectRefused(CUSTOMS, ENTER, { input: entry(facilityId, depositor, { sensitive: true }) }, "BAD_USER_INPUT", { field: "input.sensitive", rule: "WH-R23", article: "LD art. 66" });
    const deposit = await facility(operator, "CUSTOMS_FREE_DEPOSIT");
    await expectRefused(CUSTOMS, ENTER, { input: entry(deposit, depositor, { officeId: "3001" }) }, "WRONG_CONTROL_OFFICE", { rule: "WH-R22", article: "LD art. 65 para. 1", field: "input.officeId" });

    const declarationId = randomUUID();
    t.clock.set("2026-03-02T10:15:00+01:00");
    const lot = await enter(entry(facilityId, depositor, { presentedAt: "2026-03-02T09:40:00+01:00", entryDeclarationId: declarationId, goodsDescription: "  T-shirts, cotton  ", netMassKg: "950.5" }));
    expect(lot).toEqual({
      id: expect.any(String),
      status: "DECLARED",
      presentedAt: "2026-03-02T08:40:00.000Z",
      enteredAt: "2026-03-02T09:15:00.000Z",
      inventoryDueBy: "2026-03-03T22:59:59.999Z",
      inventoryRecordedAt: null,
      inventoryOverdueAt: null,
      goodsDescription: "T-shirts, cotton",
      tariffNumber: "6109.1000",
      netMassKg: "950.500",
      sensitive: false,
      underExportRegime: false,
      inSpecialPremises: false,
      storageStart: "2026-03-02T08:40:00.000Z",
      storageEnd: null,
      maxStorageEnd: null,
      placementDeadline: null,
      conditionalDuties: null,
      exitProcedure: null,
      exitDeclaredAt: null,
      leftAt: null,
      releasedWithoutDeclarationAt: null,
      destructionCause: null,
      version: 1,
      facility: { id: facilityId },
      depositor: { id: depositor.id },
      entryDeclaration: { id: declarationId },
      exitDeclaration: null,
    });
    expect((await readLot(lot.id)).movements).toEqual([{ kind: "ENTRY", at: "2026-03-02T09:15:00.000Z", netMassKg: "950.500", declarationId, recordedBy: "officer-customs_office" }]);
    // An open customs warehouse fixes no duties and discharges no regime: nothing for the other subgraphs.
    expect(await outbox(lot.id)).toEqual([]);
  });

  it("takes the operator's own goods and other people's goods not in free circulation into its open customs warehouse (WH-R05, LD art. 53 para. 1)", async () => {
    const operator = partner();
    const depositor = partner();
    const facilityId = await facility(operator);
    const own = await enter(entry(facilityId, operator));
    const theirs = await enter(entry(facilityId, depositor));
    expect([own.depositor.id, theirs.depositor.id]).toEqual([operator.id, depositor.id]);
    expect((await stock(facilityId)).totalNetMassKg).toBe("1900.000");
  });

  it("refuses goods the authorisation excludes (GOODS_EXCLUDED) and goods at risk outside the special premises it requires (SPECIAL_PREMISES_REQUIRED) (WH-R10, LD art. 54; WH-R21, LD art. 64)", async () => {
    const operator = partner();
    const depositor = partner();
    const rules = { excludedGoods: ["93"], specialPremisesGoods: ["9101", "9102.1100"] };
    const warehouse = await facility(operator, "OPEN_CUSTOMS_WAREHOUSE", { grant: rules });
    const weapons = { goodsDescription: "Revolvers", tariffNumber: "9302.0000", netMassKg: "12.000" };
    const watches = { goodsDescription: "Wrist-watches, mechanical display", tariffNumber: "9102.1100", netMassKg: "120.500" };
    await expectRefused(CUSTOMS, ENTER, { input: entry(warehouse, depositor, weapons) }, "GOODS_EXCLUDED", { rule: "WH-R10", article: "LD art. 54", field: "input.tariffNumber" });
    await expectRefused(CUSTOMS, ENTER, { input: entry(warehouse, depositor, watches) }, "SPECIAL_PREMISES_REQUIRED", { rule: "WH-R10", article: "LD art. 54", field: "input.inSpecialPremises" });
    await expectRefused(CUSTOMS, ENTER, { input: entry(warehouse, depositor, { ...watches, inSpecialPremises: false }) }, "SPECIAL_PREMISES_REQUIRED");
    expect(await enter(entry(warehouse, depositor, { ...watches, inSpecialPremises: true }))).toMatchObject({ inSpecialPremises: true, tariffNumber: "9102.1100", netMassKg: "120.500" });
    // 9102.1900 is neither excluded nor held to special premises: the rule names 9102.1100 only.
    expect(await enter(entry(warehouse, depositor, { ...watches, tariffNumber: "9102.1900" }))).toMatchObject({ inSpecialPremises: false });
    const deposit = await facility(operator, "CUSTOMS_FREE_DEPOSIT", { grant: rules });
    await expectRefused(CUSTOMS, ENTER, { input: entry(deposit, depositor, weapons) }, "GOODS_EXCLUDED", { rule: "WH-R21", article: "LD art. 64" });
    await expectRefused(CUSTOMS, ENTER, { input: entry(deposit, depositor, watches) }, "SPECIAL_PREMISES_REQUIRED", { rule: "WH-R21", article: "LD art. 64" });
  });

  it("refuses a consumer goods lot under 10,000 kg net and takes one of exactly 10,000.000 kg (WH-R15, OD-AFD art. 49)", async () => {
    const operator = partner();
    const depositor = partner();
    const silo = await facility(operator, "CONSUMER_GOODS_WAREHOUSE");
    await expectRefused(CUSTOMS, ENTER, { input: wheat(silo, depositor, { netMassKg: "9999.999" }) }, "BELOW_CONSUMER_GOODS_MINIMUM", { rule: "WH-R15", article: "OD-AFD art. 49", field: "input.netMassKg", minimumKg: "10000.000" });
    const lot = await enter(wheat(silo, depositor, { netMassKg: "10000", conditionalDuties: "4200.00" }));
    expect(lot).toMatchObject({ status: "DECLARED", netMassKg: "10000.000", conditionalDuties: "4200.00" });
    expect((await stock(silo)).lines).toEqual([{ depositor: { id: depositor.id }, tariffNumber: "1001.9900", netMassKg: "10000.000" }]);
  });

  it("takes into a consumer goods warehouse only the goods the administration admitted (GOODS_NOT_ADMITTED; WH-R14, LD art. 55 para. 1) in bulk (NOT_BULK_GOODS; WH-R15, OD-AFD art. 49), never under the export regime (EXPORT_REGIME_NOT_ADMITTED; WH-R06, LD art. 53 para. 2)", async () => {
    const operator = partner();
    const depositor = partner();
    const silo = await facility(operator, "CONSUMER_GOODS_WAREHOUSE");
    await expectRefused(CUSTOMS, ENTER, { input: wheat(silo, depositor, { goodsDescription: "Maize", tariffNumber: "1005.9000" }) }, "GOODS_NOT_ADMITTED", { rule: "WH-R14", article: "LD art. 55 para. 1", field: "input.tariffNumber" });
    await expectRefused(CUSTOMS, ENTER, { input: wheat(silo, depositor, { suitableForBulkTransport: false }) }, "NOT_BULK_GOODS", { rule: "WH-R15", article: "OD-AFD art. 49", field: "input.suitableForBulkTransport" });
    await expectRefused(CUSTOMS, ENTER, { input: wheat(silo, depositor, { suitableForBulkTransport: null }) }, "NOT_BULK_GOODS");
    await expectRefused(CUSTOMS, ENTER, { input: wheat(silo, depositor, { underExportRegime: true }) }, "EXPORT_REGIME_NOT_ADMITTED", { rule: "WH-R06", article: "LD art. 53 para. 2, 62 para. 2", field: "input.underExportRegime" });
    expect(await enter(wheat(silo, depositor, { goodsDescription: "Barley", tariffNumber: "1003.9000" }))).toMatchObject({ tariffNumber: "1003.9000", underExportRegime: false });
  });

  it("fixes a consumer goods lot's import duties with a conditional payment obligation and tells debt once with LotStored (WH-R03, LD art. 51 para. 2 let. b; X14)", async () => {
    const operator = partner();
    const depositor = partner();
    const silo = await facility(operator, "CONSUMER_GOODS_WAREHOUSE");
    await expectRefused(CUSTOMS, ENTER, { input: wheat(silo, depositor, { conditionalDuties: null }) }, "BAD_USER_INPUT", { rule: "WH-R03", article: "LD art. 51 para. 2 let. b", field: "input.conditionalDuties" });
    await expectRefused(CUSTOMS, ENTER, { input: wheat(silo, depositor, { conditionalDuties: "-1.00" }) }, "BAD_USER_INPUT", { rule: "WH-R03" });
    await expectRefused(CUSTOMS, ENTER, { input: wheat(silo, depositor, { conditionalDuties: 10080 }) }, "BAD_USER_INPUT");
    const declarationId = randomUUID();
    t.clock.set("2026-03-02T11:00:00+01:00");
    const lot = await enter(wheat(silo, depositor, { presentedAt: "2026-03-02T10:30:00+01:00", entryDeclarationId: declarationId }));
    expect(lot).toMatchObject({ conditionalDuties: "10080.00", storageEnd: "2028-03-02T22:59:59.999Z", maxStorageEnd: "2031-03-02T22:59:59.999Z" });
    expect(await outbox(lot.id)).toEqual([
      {
        type: "LotStored",
        payload: {
          lotId: lot.id,
          facilityId: silo,
          facilityKind: "CONSUMER_GOODS_WAREHOUSE",
          depositorId: depositor.id,
          operatorId: operator.id,
          entryDeclarationId: declarationId,
          tariffNumber: "1001.9900",
          netMassKg: "24000.000",
          conditionalDuties: "10080.00",
          storedAt: "2026-03-02T10:00:00.000Z",
          storageEnd: "2028-03-02T22:59:59.999Z",
        },
      },
    ]);
  });

  it("fixes no import duties in an open customs warehouse (WH-R03, LD art. 51 para. 2 let. a) nor in a free deposit (WH-R20, LD art. 62 para. 3)", async () => {
    const operator = partner();
    const depositor = partner();
    const warehouse = await facility(operator);
    const deposit = await facility(operator, "CUSTOMS_FREE_DEPOSIT");
    await expectRefused(CUSTOMS, ENTER, { input: entry(warehouse, depositor, { conditionalDuties: "120.00" }) }, "BAD_USER_INPUT", { rule: "WH-R03", article: "LD art. 51 para. 2 let. a", field: "input.conditionalDuties" });
    await expectRefused(CUSTOMS, ENTER, { input: entry(warehouse, depositor, { conditionalDuties: "0.00" }) }, "BAD_USER_INPUT", { rule: "WH-R03" });
    await expectRefused(CUSTOMS, ENTER, { input: entry(deposit, depositor, { conditionalDuties: "120.00" }) }, "BAD_USER_INPUT", { rule: "WH-R20", article: "LD art. 62 para. 3", field: "input.conditionalDuties" });
    const lots = [await enter(entry(warehouse, depositor)), await enter(entry(deposit, depositor))];
    expect(lots.map(l => l.conditionalDuties)).toEqual([null, null]);
    for (const lot of lots) expect(await outbox(lot.id, "LotStored")).toEqual([]);
  });

  it("stores export-regime goods in an open customs warehouse (WH-R06, LD art. 53 para. 2) and a free deposit (WH-R20, LD art. 62 para. 2), not in a consumer goods warehouse", async () => {
    const operator = partner();
    const depositor = partner();
    const warehouse = await facility(operator);
    const deposit = await facility(operator, "CUSTOMS_FREE_DEPOSIT");
    const silo = await facility(operator, "CONSUMER_GOODS_WAREHOUSE");
    expect(await enter(entry(warehouse, depositor, { underExportRegime: true }))).toMatchObject({ underExportRegime: true, status: "DECLARED" });
    expect(await enter(entry(deposit, depositor, { underExportRegime: true }))).toMatchObject({ underExportRegime: true, status: "STORED" });
    await expectRefused(CUSTOMS, ENTER, { input: wheat(silo, depositor, { underExportRegime: true }) }, "EXPORT_REGIME_NOT_ADMITTED", { rule: "WH-R06" });
  });

  it("tells declarations that goods entered a free deposit with GoodsEnteredFreeDeposit, naming the regime case and declaration it discharges (X13, WH-R27; OD-AFD art. 44, LD art. 61 para. 3)", async () => {
    const operator = partner();
    const depositor = partner();
    const deposit = await facility(operator, "CUSTOMS_FREE_DEPOSIT");
    const declarationId = randomUUID();
    const procedureCaseId = randomUUID();
    t.clock.set("2026-03-03T16:20:00+01:00");
    const lot = await enter(entry(deposit, depositor, { entryDeclarationId: declarationId, procedureCaseId, underExportRegime: true }));
    expect(await outbox(lot.id)).toEqual([
      { type: "GoodsEnteredFreeDeposit", payload: { lotId: lot.id, depositId: deposit, declarationId, procedureCaseId, enteredAt: "2026-03-03T15:20:00.000Z" } },
    ]);
    const plain = await enter(entry(deposit, depositor));
    expect(await outbox(plain.id)).toEqual([
      { type: "GoodsEnteredFreeDeposit", payload: { lotId: plain.id, depositId: deposit, declarationId: null, procedureCaseId: null, enteredAt: "2026-03-03T15:20:00.000Z" } },
    ]);
  });
});

describe("inventory deadlines on the control office's calendar (WH-R11, OD-AFD art. 47; WH-R16, OD-AFD art. 50; WH-R24, OD-AFD art. 57a)", () => {
  it("gives goods presented on a Thursday until Friday 23:59:59.999 and goods presented on a Friday until Monday, by the Zurich day of presentation (WH-R11, OD-AFD art. 47; WH-R16, OD-AFD art. 50)", async () => {
    const operator = partner();
    const depositor = partner();
    const warehouse = await facility(operator);
    const silo = await facility(operator, "CONSUMER_GOODS_WAREHOUSE");
    t.clock.set("2026-03-06T09:00:00+01:00");
    const cases: [string, Record<string, unknown>, string][] = [
      ["2026-03-05T10:00:00+01:00", entry(warehouse, depositor), "2026-03-06T22:59:59.999Z"],
      // 23:30 in Zurich is still Thursday there (22:30 UTC).
      ["2026-03-05T23:30:00+01:00", entry(warehouse, depositor), "2026-03-06T22:59:59.999Z"],
      // 00:30 on Friday in Zurich is Thursday in UTC: Friday counts.
      ["2026-03-06T00:30:00+01:00", entry(warehouse, depositor), "2026-03-09T22:59:59.999Z"],
      ["2026-03-05T10:00:00+01:00", wheat(silo, depositor), "2026-03-06T22:59:59.999Z"],
      ["2026-03-06T08:45:00+01:00", wheat(silo, depositor), "2026-03-09T22:59:59.999Z"],
    ];
    for (const [presentedAt, input, due] of cases) {
      const lot = await enter({ ...input, presentedAt });
      expect([lot.presentedAt, lot.inventoryDueBy, lot.status]).toEqual([iso(presentedAt), due, "DECLARED"]);
    }
  });

  it("moves the deadline of goods presented in Basel on the Thursday before Good Friday 2026 to Tuesday 7 April, past Good Friday and Easter Monday (WH-R11, OD-AFD art. 47; WH-R24, OD-AFD art. 57a)", async () => {
    const operator = partner();
    const depositor = partner();
    const warehouse = await facility(operator);
    const deposit = await facility(operator, "CUSTOMS_FREE_DEPOSIT");
    t.clock.set("2026-04-02T15:00:00+02:00");
    const lot = await enter(entry(warehouse, depositor, { presentedAt: "2026-04-02T14:00:00+02:00" }));
    expect(lot.inventoryDueBy).toBe("2026-04-07T21:59:59.999Z");
    const sensitive = await enter(entry(deposit, depositor, { presentedAt: "2026-04-02T14:00:00+02:00", sensitive: true }));
    expect([sensitive.status, sensitive.inventoryDueBy]).toEqual(["DECLARED", "2026-04-07T21:59:59.999Z"]);
  });

  it("stores a free deposit's goods that are not sensitive at once, without an inventory deadline, and gives sensitive ones until the next working day (WH-R23, LD art. 66; WH-R24, OD-AFD art. 57a)", async () => {
    const operator = partner();
    const depositor = partner();
    const deposit = await facility(operator, "CUSTOMS_FREE_DEPOSIT");
    t.clock.set("2026-03-06T10:00:00+01:00");
    const plain = await enter(entry(deposit, depositor));
    expect(plain).toMatchObject({ status: "STORED", sensitive: false, inventoryDueBy: null, inventoryRecordedAt: null, storageEnd: null, maxStorageEnd: null });
    await expectRefused(operator.p, RECORD_INVENTORY, { lotId: plain.id }, "ALREADY_IN_INVENTORY", { status: "STORED" });
    const sensitive = await enter(entry(deposit, depositor, { sensitive: true, goodsDescription: "Gold bars", tariffNumber: "7108.1200", netMassKg: "25.000" }));
    expect(sensitive).toMatchObject({ status: "DECLARED", sensitive: true, inventoryDueBy: "2026-03-09T22:59:59.999Z" });
    // Long after any deadline, the job leaves the goods that need no inventory entry alone.
    t.clock.set("2026-04-01T10:00:00+02:00");
    await runJobs();
    expect(await readLot(plain.id)).toMatchObject({ status: "STORED", inventoryOverdueAt: null });
    expect(await outbox(plain.id, "InventoryEntryOverdue")).toEqual([]);
    expect((await readLot(sensitive.id)).inventoryOverdueAt).toBe("2026-03-09T22:59:59.999Z");
  });

  it("flags a lot still not in the inventory once, from 1 ms after its deadline, dated at the deadline, with one InventoryEntryOverdue; recorded late it is STORED and stays flagged (WH-R11, OD-AFD art. 47)", async () => {
    const operator = partner();
    const depositor = partner();
    const warehouse = await facility(operator);
    t.clock.set("2026-03-05T10:00:00+01:00");
    const lot = await enter(entry(warehouse, depositor));
    const due = "2026-03-06T22:59:59.999Z";
    expect(lot.inventoryDueBy).toBe(due);
    for (const at of [plus(due, -1), due]) {
      t.clock.set(at);
      await runJobs();
      expect((await readLot(lot.id)).inventoryOverdueAt).toBeNull();
    }
    t.clock.set(plus(due, 1));
    await runJobs();
    t.clock.set("2026-03-09T08:00:00+01:00");
    await runJobs();
    expect(await readLot(lot.id)).toMatchObject({ status: "DECLARED", inventoryOverdueAt: due });
    expect(await outbox(lot.id)).toEqual([{ type: "InventoryEntryOverdue", payload: { lotId: lot.id, facilityId: warehouse, depositorId: depositor.id, dueBy: due } }]);
    const late = (await accepted(operator.p, RECORD_INVENTORY, { lotId: lot.id })).recordInventoryEntry.lot;
    expect(late).toMatchObject({ status: "STORED", inventoryRecordedAt: "2026-03-09T07:00:00.000Z", inventoryOverdueAt: due, version: 2 });
  });

  it("lets the inventory keeper record the lot: the operator, or the depositor where the facility says DEPOSITOR, or an officer; anyone else is NOT_INVENTORY_KEEPER, and a lot is recorded once (ALREADY_IN_INVENTORY) (WH-R18, LD art. 56; WH-R23, LD art. 66 para. 1)", async () => {
    const operator = partner();
    const depositor = partner();
    const stranger = partner();
    const byOperator = await facility(operator);
    const byDepositor = await facility(operator, "CUSTOMS_FREE_DEPOSIT", { apply: { inventoryKeeper: "DEPOSITOR" } });
    t.clock.set("2026-03-02T15:00:00+01:00");
    const a = await enter(entry(byOperator, depositor));
    const b = await enter(entry(byDepositor, depositor, { sensitive: true }));
    const c = await enter(entry(byOperator, depositor));
    const keeperRule = { rule: "WH-R18", article: "LD art. 56, 66 para. 1", field: "input.lotId" };
    await expectRefused(depositor.p, RECORD_INVENTORY, { lotId: a.id }, "NOT_INVENTORY_KEEPER", keeperRule);
    await expectRefused(stranger.p, RECORD_INVENTORY, { lotId: a.id }, "NOT_INVENTORY_KEEPER", keeperRule);
    await expectRefused(operator.p, RECORD_INVENTORY, { lotId: b.id }, "NOT_INVENTORY_KEEPER", keeperRule);
    t.clock.set("2026-03-03T08:00:00+01:00");
    expect((await accepted(operator.p, RECORD_INVENTORY, { lotId: a.id })).recordInventoryEntry.lot).toMatchObject({ status: "STORED", inventoryRecordedAt: "2026-03-03T07:00:00.000Z", inventoryOverdueAt: null });
    expect((await accepted(depositor.p, RECORD_INVENTORY, { lotId: b.id })).recordInventoryEntry.lot).toMatchObject({ status: "STORED", inventoryRecordedAt: "2026-03-03T07:00:00.000Z" });
    expect((await accepted(CUSTOMS, RECORD_INVENTORY, { lotId: c.id })).recordInventoryEntry.lot.status).toBe("STORED");
    await expectRefused(operator.p, RECORD_INVENTORY, { lotId: a.id }, "ALREADY_IN_INVENTORY", { rule: "WH-R18", article: "LD art. 56", status: "STORED" });
    await expectRefused(CUSTOMS, RECORD_INVENTORY, { lotId: b.id }, "ALREADY_IN_INVENTORY", { status: "STORED" });
    await expectRefused(CUSTOMS, RECORD_INVENTORY, { lotId: randomUUID() }, "NOT_FOUND", { entity: "StoredLot", field: "input.lotId" });
  });

  it("records a lot in the inventory once under a 50-way race: one success, 49 ALREADY_IN_INVENTORY, no internal error (WH-R18, LD art. 56)", async () => {
    const operator = partner();
    const depositor = partner();
    const warehouse = await facility(operator);
    const lot = await enter(entry(warehouse, depositor));
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => t.as(i % 2 ? operator.p : CUSTOMS, RECORD_INVENTORY, { lotId: lot.id })));
    note(RECORD_INVENTORY, "refused");
    const winners = results.filter(r => !r.errors);
    expect(winners).toHaveLength(1);
    const losers = results.filter(r => r.errors).map(r => r.errors![0].extensions);
    expect(losers).toHaveLength(49);
    for (const e of losers) expect(e).toMatchObject({ code: "ALREADY_IN_INVENTORY", rule: "WH-R18", article: "LD art. 56", status: "STORED" });
    expect(await readLot(lot.id)).toMatchObject({ status: "STORED", version: 2, inventoryRecordedAt: "2026-03-02T08:00:00.000Z" });
  });

  it("still owes the inventory entry of a lot whose exit declaration is accepted before it: flagged once with InventoryEntryOverdue when its deadline passes unrecorded, then recorded late, still EXIT_DECLARED and still flagged (WH-R11, OD-AFD art. 47; WH-R18, LD art. 56)", async () => {
    const operator = partner();
    const depositor = partner();
    const warehouse = await facility(operator);
    const lot = await enter(entry(warehouse, depositor));
    // Presented Monday 2 March 2026: recorded in the inventory by Tuesday 3 March, 23:59:59.999.
    const due = "2026-03-03T22:59:59.999Z";
    expect(lot).toMatchObject({ status: "DECLARED", inventoryDueBy: due, inventoryRecordedAt: null });
    // Monday afternoon declarations accepts an export declaration taking the goods out (X15).
    t.clock.set("2026-03-02T15:00:00+01:00");
    expect(await deliverExit(exitAccepted(lot.id, { procedure: "EXPORT", direction: "EXPORT" }))).toBe("PROCESSED");
    // Wednesday: nobody recorded the goods in the inventory.
    t.clock.set("2026-03-04T10:00:00+01:00");
    await runJobs();
    const read = await readLot(lot.id);
    expect(read).toMatchObject({ status: "EXIT_DECLARED", inventoryRecordedAt: null, inventoryOverdueAt: due });
    expect(await outbox(lot.id, "InventoryEntryOverdue")).toEqual([{ type: "InventoryEntryOverdue", payload: { lotId: lot.id, facilityId: warehouse, depositorId: depositor.id, dueBy: due } }]);
    const late = (await accepted(operator.p, RECORD_INVENTORY, { lotId: lot.id })).recordInventoryEntry.lot;
    expect(late).toMatchObject({ status: "EXIT_DECLARED", inventoryRecordedAt: "2026-03-04T09:00:00.000Z", inventoryOverdueAt: due, version: 3 });
    await runJobs();
    expect(await outbox(lot.id, "InventoryEntryOverdue")).toHaveLength(1);
    expect((await accepted(operator.p, EXIT, { lotId: lot.id })).recordLotExit.lot).toMatchObject({ status: "EXITED", inventoryRecordedAt: "2026-03-04T09:00:00.000Z" });
  });

  it("flags and reports a lot recorded after its deadline before the overdue job came round, once (WH-R11, OD-AFD art. 47; WH-R24)", async () => {
    const operator = partner();
    const warehouse = await facility(operator);
    const depositor = partner();
    const lot = await enter(entry(warehouse, depositor));
    const due = "2026-03-03T22:59:59.999Z";
    t.clock.set("2026-03-04T07:30:00+01:00");
    const late = (await accepted(operator.p, RECORD_INVENTORY, { lotId: lot.id })).recordInventoryEntry.lot;
    expect(late).toMatchObject({ status: "STORED", inventoryRecordedAt: "2026-03-04T06:30:00.000Z", inventoryOverdueAt: due });
    await runJobs();
    expect(await outbox(lot.id, "InventoryEntryOverdue")).toEqual([{ type: "InventoryEntryOverdue", payload: { lotId: lot.id, facilityId: warehouse, depositorId: depositor.id, dueBy: due } }]);
  });

  it("lets the inventory keeper record, within its deadline, a lot never recorded whose exit declaration was accepted meanwhile: it stays EXIT_DECLARED, is not flagged, and is recorded once (ALREADY_IN_INVENTORY) (WH-R11, OD-AFD art. 47; WH-R18, LD art. 56)", async () => {
    const operator = partner();
    const depositor = partner();
    const warehouse = await facility(operator);
    const lot = await enter(entry(warehouse, depositor));
    t.clock.set("2026-03-02T15:00:00+01:00");
    expect(await deliverExit(exitAccepted(lot.id, { procedure: "EXPORT", direction: "EXPORT" }))).toBe("PROCESSED");
    t.clock.set("2026-03-03T08:00:00+01:00");
    const res = await t.as(operator.p, RECORD_INVENTORY, { lotId: lot.id });
    expect(res.errors?.[0]?.extensions?.code).toBeUndefined();
    expect(res.data!.recordInventoryEntry.lot).toMatchObject({ status: "EXIT_DECLARED", inventoryRecordedAt: "2026-03-03T07:00:00.000Z", inventoryOverdueAt: null, version: 3 });
    await expectRefused(CUSTOMS, RECORD_INVENTORY, { lotId: lot.id }, "ALREADY_IN_INVENTORY", { rule: "WH-R18", article: "LD art. 56", status: "EXIT_DECLARED", inventoryRecordedAt: "2026-03-03T07:00:00.000Z" });
    t.clock.set("2026-03-04T10:00:00+01:00");
    await runJobs();
    expect((await readLot(lot.id)).inventoryOverdueAt).toBeNull();
    expect(await outbox(lot.id, "InventoryEntryOverdue")).toEqual([]);
  });

  it("still owes the entry of goods that left before it, with their declaration, without one or destroyed: each flagged overdue, then recorded late in its status, once under a 50-way race, without a movement (WH-R11, OD-AFD art. 47; WH-R18, LD art. 56; DESIGN CHOICE in recordInventory)", async () => {
    const operator = partner();
    const depositor = partner();
    const warehouse = await facility(operator);
    const exported = await enter(entry(warehouse, depositor));
    const gone = await enter(entry(warehouse, depositor));
    const flooded = await enter(entry(warehouse, depositor));
    const due = "2026-03-03T22:59:59.999Z";
    t.clock.set("2026-03-02T10:00:00+01:00");
    await deliverExit(exitAccepted(exported.id, { procedure: "EXPORT", direction: "EXPORT" }));
    t.clock.set("2026-03-02T11:00:00+01:00");
    await accepted(operator.p, EXIT, { lotId: exported.id });
    await accepted(CUSTOMS, RELEASE, { input: { lotId: gone.id, releasedAt: null } });
    await accepted(CUSTOMS, DESTROY, { input: { lotId: flooded.id, cause: "FORCE_MAJEURE", destroyedAt: "2026-03-02T10:30:00+01:00" } });
    t.clock.set("2026-03-04T10:00:00+01:00");
    await runJobs();
    for (const lot of [exported, gone, flooded]) {
      expect((await readLot(lot.id)).inventoryOverdueAt).toBe(due);
      expect(await outbox(lot.id, "InventoryEntryOverdue")).toHaveLength(1);
    }
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => t.as(i % 2 ? operator.p : CUSTOMS, RECORD_INVENTORY, { lotId: exported.id })));
    expect(results.filter(r => !r.errors)).toHaveLength(1);
    const losers = results.filter(r => r.errors).map(r => r.errors![0].extensions);
    expect(losers).toHaveLength(49);
    for (const e of losers) expect(e).toMatchObject({ code: "ALREADY_IN_INVENTORY", rule: "WH-R18", article: "LD art. 56", status: "EXITED" });
    const recorded = await readLot(exported.id);
    expect(recorded).toMatchObject({ status: "EXITED", inventoryRecordedAt: "2026-03-04T09:00:00.000Z", inventoryOverdueAt: due, version: 4 });
    expect(recorded.movements.map((m: any) => m.kind)).toEqual(["ENTRY", "EXIT"]);
    expect((await accepted(operator.p, RECORD_INVENTORY, { lotId: gone.id })).recordInventoryEntry.lot).toMatchObject({ status: "EXITED_WITHOUT_DECLARATION", inventoryRecordedAt: "2026-03-04T09:00:00.000Z", inventoryOverdueAt: due });
    expect((await accepted(CUSTOMS, RECORD_INVENTORY, { lotId: flooded.id })).recordInventoryEntry.lot).toMatchObject({ status: "DESTROYED", inventoryRecordedAt: "2026-03-04T09:00:00.000Z", inventoryOverdueAt: due });
    expect(await stock(warehouse)).toMatchObject({ totalNetMassKg: "0.000", lines: [] });
  });
});

describe("storage periods (WH-R14, LD art. 55 para. 2; WH-R04, LD art. 51 para. 3)", () => {
  it("places a lot whose exit declaration was accepted within the 60 days although its X15 arrives after the storage job made the duties due, and tells debt they are not (LotPlacedInTime); one accepted after the deadline places nothing (WH-R04, LD art. 51 para. 3; X15, X17)", async () => {
    const operator = partner();
    const depositor = partner();
    const silo = await facility(operator, "CONSUMER_GOODS_WAREHOUSE");
    const lot = await stored(wheat(silo, depositor));
    const late = await stored(wheat(silo, depositor));
    t.clock.set("2028-03-03T08:00:00+01:00");
    await runJobs();
    const deadline = "2028-05-02T21:59:59.999Z";
    expect(await readLot(lot.id)).toMatchObject({ status: "STORAGE_EXPIRED", placementDeadline: deadline });
    // Declarations accepts the placement an hour before the deadline; its event is still on the way
    // (outbox relay, broker) when the storage job runs a minute after the deadline.
    const inTime = "2028-05-02T21:00:00.000Z";
    t.clock.set("2028-05-02T22:01:00.000Z");
    await runJobs();
    expect(await readLot(lot.id)).toMatchObject({ status: "DUTIES_DUE" });
    const placed = exitAccepted(lot.id, { acceptedAt: inTime });
    expect(await t.deliver("declarations", "ExitDeclarationAccepted", placed)).toBe("PROCESSED");
    expect(await readLot(lot.id)).toMatchObject({ status: "EXIT_DECLARED", exitDeclaration: { id: placed.declarationId }, exitDeclaredAt: inTime });
    expect(await outbox(lot.id, "LotPlacedInTime")).toEqual([
      { type: "LotPlacedInTime", payload: { lotId: lot.id, depositorId: depositor.id, exitDeclarationId: placed.declarationId, acceptedAt: inTime, placementDeadline: deadline } },
    ]);
    // A redelivery changes nothing and tells debt nothing more.
    expect(await t.deliver("declarations", "ExitDeclarationAccepted", placed)).toBe("PROCESSED");
    expect(await outbox(lot.id, "LotPlacedInTime")).toHaveLength(1);
    // Accepted a millisecond after the deadline: the duties stay due.
    expect(await t.deliver("declarations", "ExitDeclarationAccepted", exitAccepted(late.id, { acceptedAt: "2028-05-02T22:00:00.000Z" }))).toBe("PROCESSED");
    expect(await readLot(late.id)).toMatchObject({ status: "DUTIES_DUE" });
    expect(await outbox(late.id, "LotPlacedInTime")).toEqual([]);
  });

  it("stores a consumer goods lot until the end of the same date two years after presentation, five at most, 29 February ending on 28 February; other facilities without limit (WH-R14, LD art. 55 para. 2; WH-R07, LD art. 53 para. 3; WH-R22, LD art. 65; DOMAIN.md §0.4 T8)", async () => {
    const operator = partner();
    const depositor = partner();
    const silo = await facility(operator, "CONSUMER_GOODS_WAREHOUSE");
    const warehouse = await facility(operator);
    const lot = await enter(wheat(silo, depositor));
    expect(lot).toMatchObject({ storageStart: "2026-03-02T08:00:00.000Z", storageEnd: "2028-03-02T22:59:59.999Z", maxStorageEnd: "2031-03-02T22:59:59.999Z", placementDeadline: null });
    t.clock.set("2028-02-29T10:00:00+01:00");
    const leap = await enter(wheat(silo, depositor));
    expect(leap).toMatchObject({ storageStart: "2028-02-29T09:00:00.000Z", storageEnd: "2030-02-28T22:59:59.999Z", maxStorageEnd: "2033-02-28T22:59:59.999Z" });
    // Presented in summer time: the end is 23:59:59.999 of the same date, two years on, in summer time too.
    t.clock.set("2028-07-15T18:00:00+02:00");
    expect(await enter(wheat(silo, depositor))).toMatchObject({ storageEnd: "2030-07-15T21:59:59.999Z", maxStorageEnd: "2033-07-15T21:59:59.999Z" });
    expect(await enter(entry(warehouse, depositor))).toMatchObject({ storageEnd: null, maxStorageEnd: null });
  });

  it("takes the depositor's reasoned request for a longer storage up to exactly five years, one pending at a time; not beyond (EXTENSION_BEYOND_FIVE_YEARS), not without reasons, not where storage is unlimited (STORAGE_UNLIMITED) (WH-R14, LD art. 55 para. 2; WH-R07, LD art. 53 para. 3)", async () => {
    const operator = partner();
    const depositor = partner();
    const stranger = partner();
    const silo = await facility(operator, "CONSUMER_GOODS_WAREHOUSE");
    const warehouse = await facility(operator);
    const deposit = await facility(operator, "CUSTOMS_FREE_DEPOSIT");
    const lot = await enter(wheat(silo, depositor));
    const max = "2031-03-02T22:59:59.999Z";
    const reason = "Harvest surplus awaiting the export season";
    const rule = { rule: "WH-R14", article: "LD art. 55 para. 2" };
    await expectRefused(depositor.p, REQUEST_EXTENSION, { input: { lotId: lot.id, until: max, reason: "Surplus" } }, "BAD_USER_INPUT");
    await expectRefused(depositor.p, REQUEST_EXTENSION, { input: { lotId: lot.id, until: max, reason: "          x" } }, "BAD_USER_INPUT", { ...rule, field: "input.reason" });
    await expectRefused(depositor.p, REQUEST_EXTENSION, { input: { lotId: lot.id, until: plus(max, 1), reason } }, "EXTENSION_BEYOND_FIVE_YEARS", { ...rule, field: "input.until", maxStorageEnd: max });
    await expectRefused(depositor.p, REQUEST_EXTENSION, { input: { lotId: lot.id, until: "2028-03-02T22:59:59.999Z", reason } }, "BAD_USER_INPUT", { ...rule, field: "input.until" });
    await expectRefused(stranger.p, REQUEST_EXTENSION, { input: { lotId: lot.id, until: max, reason } }, "FORBIDDEN", { field: "input.lotId" });
    await expectRefused(operator.p, REQUEST_EXTENSION, { input: { lotId: lot.id, until: max, reason } }, "FORBIDDEN");
    for (const other of [await enter(entry(warehouse, depositor)), await enter(entry(deposit, depositor))]) {
      await expectRefused(depositor.p, REQUEST_EXTENSION, { input: { lotId: other.id, until: max, reason } }, "STORAGE_UNLIMITED", { ...rule, field: "input.lotId" });
    }
    t.clock.set("2027-11-15T10:00:00+01:00");
    const request = (await accepted(depositor.p, REQUEST_EXTENSION, { input: { lotId: lot.id, until: max, reason: `  ${reason}  ` } })).requestStorageExtension.extension;
    expect(request).toEqual({ id: expect.any(String), requestedAt: "2027-11-15T09:00:00.000Z", reason, requestedUntil: max, decision: "PENDING", decidedAt: null, decisionReason: null });
    await expectRefused(depositor.p, REQUEST_EXTENSION, { input: { lotId: lot.id, until: "2029-03-02T22:59:59.999Z", reason } }, "EXTENSION_PENDING", { ...rule, field: "input.lotId" });
    expect((await readLot(lot.id, depositor.p)).extensions).toEqual([{ id: request.id, decision: "PENDING", requestedUntil: max }]);
  });

  it("moves the end of storage when customs grants the request (CUSTOMS_OFFICE), keeps it when customs refuses, and decides once (ALREADY_DECIDED) (WH-R14, LD art. 55 para. 2)", async () => {
    const operator = partner();
    const depositor = partner();
    const silo = await facility(operator, "CONSUMER_GOODS_WAREHOUSE");
    const lot = await enter(wheat(silo, depositor));
    const reason = "Harvest surplus awaiting the export season";
    const first = (await accepted(depositor.p, REQUEST_EXTENSION, { input: { lotId: lot.id, until: "2029-03-02T22:59:59.999Z", reason } })).requestStorageExtension.extension;
    await expectRefused(depositor.p, DECIDE_EXTENSION, { input: { extensionId: first.id, grant: true, reason: "Granted" } }, "OFFICER_ROLE_REQUIRED", { requiredRoles: ["CUSTOMS_OFFICE"] });
    await expectRefused(DISTRICT, DECIDE_EXTENSION, { input: { extensionId: first.id, grant: true, reason: "Granted" } }, "OFFICER_ROLE_REQUIRED");
    await expectRefused(CUSTOMS, DECIDE_EXTENSION, { input: { extensionId: randomUUID(), grant: true, reason: "Granted" } }, "NOT_FOUND", { entity: "StorageExtension" });
    t.clock.set("2026-06-01T10:00:00+02:00");
    const granted = (await accepted(CUSTOMS, DECIDE_EXTENSION, { input: { extensionId: first.id, grant: true, reason: "Reasons accepted" } })).decideStorageExtension.extension;
    expect(granted).toMatchObject({ decision: "GRANTED", decidedAt: "2026-06-01T08:00:00.000Z", decisionReason: "Reasons accepted" });
    expect(await readLot(lot.id)).toMatchObject({ storageEnd: "2029-03-02T22:59:59.999Z", maxStorageEnd: "2031-03-02T22:59:59.999Z", version: 2 });
    expect(await outbox(lot.id, "LotStorageExtended")).toEqual([
      { type: "LotStorageExtended", payload: { lotId: lot.id, depositorId: depositor.id, from: "2028-03-02T22:59:59.999Z", until: "2029-03-02T22:59:59.999Z", extendedAt: "2026-06-01T08:00:00.000Z" } },
    ]);
    await expectRefused(CUSTOMS, DECIDE_EXTENSION, { input: { extensionId: first.id, grant: false, reason: "Changed our mind" } }, "ALREADY_DECIDED", { rule: "WH-R14", article: "LD art. 55 para. 2", field: "input.extensionId" });
    // The next request runs from the extended end.
    await expectRefused(depositor.p, REQUEST_EXTENSION, { input: { lotId: lot.id, until: "2029-03-02T22:59:59.999Z", reason } }, "BAD_USER_INPUT", { field: "input.until" });
    const second = (await accepted(depositor.p, REQUEST_EXTENSION, { input: { lotId: lot.id, until: "2031-03-02T22:59:59.999Z", reason } })).requestStorageExtension.extension;
    expect((await accepted(CUSTOMS, DECIDE_EXTENSION, { input: { extensionId: second.id, grant: false, reason: "Silo capacity needed" } })).decideStorageExtension.extension).toMatchObject({ decision: "REFUSED", decisionReason: "Silo capacity needed" });
    expect((await readLot(lot.id)).storageEnd).toBe("2029-03-02T22:59:59.999Z");
    expect(await outbox(lot.id, "LotStorageExtended")).toHaveLength(1);
  });

  it("expires a consumer goods lot 1 ms after its storage end, once however often and however concurrently the job runs, with 60 days to place it moved past 1 May in Basel but not in Geneva (StoragePeriodExpired, X17; WH-R04, LD art. 51 para. 3; DOMAIN.md §0.4 T2)", async () => {
    const operator = partner();
    const depositor = partner();
    const basel = await facility(operator, "CONSUMER_GOODS_WAREHOUSE");
    const geneva = await facility(operator, "CONSUMER_GOODS_WAREHOUSE", { apply: { controlOfficeId: "3001", address: "Route du Rhône 1, 1204 Genève" } });
    const lot = await stored(wheat(basel, depositor));
    const other = await stored(wheat(geneva, depositor, { officeId: "3001" }));
    const end = "2028-03-02T22:59:59.999Z";
    t.clock.set(end);
    await runJobs();
    expect((await readLot(lot.id)).status).toBe("STORED");
    t.clock.set(plus(end, 1));
    // Not yet seen by the job: the period is over all the same.
    await expectRefused(depositor.p, REQUEST_EXTENSION, { input: { lotId: lot.id, until: "2029-03-02T22:59:59.999Z", reason: "Harvest surplus awaiting the export season" } }, "STORAGE_PERIOD_ENDED", { rule: "WH-R14", article: "LD art. 55 para. 2" });
    await runJobs(3);
    // Day 60 after 2 March 2028 is Monday 1 May: Labour Day is a public holiday in Basel-Stadt, not in Geneva.
    expect(await readLot(lot.id)).toMatchObject({ status: "STORAGE_EXPIRED", storageEnd: end, placementDeadline: "2028-05-02T21:59:59.999Z", version: 3 });
    expect(await readLot(other.id)).toMatchObject({ status: "STORAGE_EXPIRED", placementDeadline: "2028-05-01T21:59:59.999Z" });
    expect(await outbox(lot.id, "StoragePeriodExpired")).toEqual([
      { type: "StoragePeriodExpired", payload: { lotId: lot.id, depositorId: depositor.id, storageEnd: end, placementDeadline: "2028-05-02T21:59:59.999Z" } },
    ]);
    expect(await outbox(other.id, "StoragePeriodExpired")).toHaveLength(1);
    await expectRefused(depositor.p, REQUEST_EXTENSION, { input: { lotId: lot.id, until: "2029-03-02T22:59:59.999Z", reason: "Harvest surplus awaiting the export season" } }, "LOT_NOT_STORED", { status: "STORAGE_EXPIRED" });
  });

  it("makes the duties due 1 ms after the placement deadline, once, with LotDutiesDue dated at the deadline (WH-R04, LD art. 51 para. 3; X17)", async () => {
    const operator = partner();
    const depositor = partner();
    const silo = await facility(operator, "CONSUMER_GOODS_WAREHOUSE");
    const lot = await stored(wheat(silo, depositor));
    t.clock.set("2028-03-03T08:00:00+01:00");
    await runJobs();
    const deadline = "2028-05-02T21:59:59.999Z";
    t.clock.set(deadline);
    await runJobs();
    expect((await readLot(lot.id)).status).toBe("STORAGE_EXPIRED");
    t.clock.set(plus(deadline, 1));
    await runJobs(3);
    t.clock.set("2028-06-01T10:00:00+02:00");
    await runJobs();
    expect(await readLot(lot.id)).toMatchObject({ status: "DUTIES_DUE", placementDeadline: deadline, version: 4 });
    expect((await outbox(lot.id)).map(e => e.type)).toEqual(["LotStored", "StoragePeriodExpired", "LotDutiesDue"]);
    expect(await outbox(lot.id, "LotDutiesDue")).toEqual([{ type: "LotDutiesDue", payload: { lotId: lot.id, depositorId: depositor.id, storageEnd: "2028-03-02T22:59:59.999Z", dueAt: deadline } }]);
    // Too late now: an exit declaration accepted after the deadline takes nothing out.
    expect(await deliverExit(exitAccepted(lot.id))).toBe("PROCESSED");
    await expectRefused(operator.p, EXIT, { lotId: lot.id }, "EXIT_DECLARATION_REQUIRED", { rule: "WH-R17", article: "LD art. 57 para. 2", status: "DUTIES_DUE" });
  });

  it("lets an expired lot leave against an exit declaration accepted up to its placement deadline, and not against one accepted 1 ms later (ExitDeclarationAccepted, X15; WH-R04, LD art. 51 para. 3)", async () => {
    const operator = partner();
    const depositor = partner();
    const silo = await facility(operator, "CONSUMER_GOODS_WAREHOUSE");
    const inTime = await stored(wheat(silo, depositor));
    const late = await stored(wheat(silo, depositor));
    t.clock.set("2028-03-03T08:00:00+01:00");
    await runJobs();
    const deadline = "2028-05-02T21:59:59.999Z";
    t.clock.set(plus(deadline, 1));
    const placed = exitAccepted(inTime.id, { acceptedAt: deadline, procedure: "FREE_CIRCULATION" });
    expect(await deliverExit(placed)).toBe("PROCESSED");
    expect(await deliverExit(exitAccepted(late.id, { acceptedAt: plus(deadline, 1) }))).toBe("PROCESSED");
    expect(await readLot(inTime.id)).toMatchObject({ status: "EXIT_DECLARED", exitDeclaration: { id: placed.declarationId }, exitProcedure: "FREE_CIRCULATION", exitDeclaredAt: deadline });
    expect(await readLot(late.id)).toMatchObject({ status: "STORAGE_EXPIRED", exitDeclaration: null });
    await runJobs();
    expect((await readLot(inTime.id)).status).toBe("EXIT_DECLARED");
    expect((await readLot(late.id)).status).toBe("DUTIES_DUE");
    const left = (await accepted(operator.p, EXIT, { lotId: inTime.id })).recordLotExit.lot;
    expect(left).toMatchObject({ status: "EXITED", leftAt: iso(plus(deadline, 1)) });
    expect((await outbox(inTime.id)).map(e => e.type)).toEqual(["LotStored", "StoragePeriodExpired", "LotReleased"]);
    expect(await outbox(late.id, "LotDutiesDue")).toHaveLength(1);
  });
  it("refuses a placement accepted more than 60 days after the storage end even before the job has marked the lot STORAGE_EXPIRED, and takes one accepted at the deadline (ExitDeclarationAccepted, X15; WH-R04, LD art. 51 para. 3)", async () => {
    const operator = partner();
    const depositor = partner();
    const silo = await facility(operator, "CONSUMER_GOODS_WAREHOUSE");
    const inTime = await stored(wheat(silo, depositor));
    const late = await stored(wheat(silo, depositor));
    // The job has not come round since the storage ended on 2 March 2028: both lots are still STORED.
    const deadline = "2028-05-02T21:59:59.999Z";
    t.clock.set("2028-09-01T10:00:00+02:00");
    const placed = exitAccepted(inTime.id, { acceptedAt: deadline });
    expect(await deliverExit(placed)).toBe("PROCESSED");
    expect(await deliverExit(exitAccepted(late.id, { acceptedAt: plus(deadline, 1) }))).toBe("PROCESSED");
    expect(await readLot(inTime.id)).toMatchObject({ status: "EXIT_DECLARED", exitDeclaration: { id: placed.declarationId }, exitDeclaredAt: deadline });
    expect(await readLot(late.id)).toMatchObject({ status: "STORED", exitDeclaration: null, exitProcedure: null, exitDeclaredAt: null, version: 2 });
    await expectRefused(operator.p, EXIT, { lotId: late.id }, "EXIT_DECLARATION_REQUIRED", { rule: "WH-R17", article: "LD art. 57 para. 2", status: "STORED" });
    await runJobs();
    expect((await readLot(inTime.id)).status).toBe("EXIT_DECLARED");
    expect(await readLot(late.id)).toMatchObject({ status: "DUTIES_DUE", placementDeadline: deadline });
    expect((await outbox(late.id)).map(e => e.type)).toEqual(["LotStored", "StoragePeriodExpired", "LotDutiesDue"]);
  });
});

describe("exit (WH-R12, LD art. 57 para. 1; WH-R17, LD art. 57 para. 2; WH-R25, LD art. 67)", () => {
  it("refuses an exit without an accepted exit declaration and changes nothing (EXIT_DECLARATION_REQUIRED), citing the article of each facility kind (WH-R12, LD art. 57 para. 1; WH-R17, LD art. 57 para. 2; WH-R25, LD art. 67)", async () => {
    const operator = partner();
    const depositor = partner();
    const cases: [string, Record<string, unknown>, { rule: string; article: string }][] = [
      ["OPEN_CUSTOMS_WAREHOUSE", {}, { rule: "WH-R12", article: "LD art. 57 para. 1" }],
      ["CONSUMER_GOODS_WAREHOUSE", {}, { rule: "WH-R17", article: "LD art. 57 para. 2" }],
      ["CUSTOMS_FREE_DEPOSIT", {}, { rule: "WH-R25", article: "LD art. 67" }],
    ];
    for (const [kind, , rule] of cases) {
      const facilityId = await facility(operator, kind);
      const lot = await stored(kind === "CONSUMER_GOODS_WAREHOUSE" ? wheat(facilityId, depositor) : entry(facilityId, depositor));
      await expectRefused(operator.p, EXIT, { lotId: lot.id }, "EXIT_DECLARATION_REQUIRED", { ...rule, status: "STORED", field: "input.lotId" });
      await expectRefused(CUSTOMS, EXIT, { lotId: lot.id }, "EXIT_DECLARATION_REQUIRED", rule);
    }
  });

  it("lets a lot leave once its exit declaration is accepted (X15): EXITED, LotReleased, stock down; the same X15 twice is harmless (WH-R12, LD art. 57 para. 1; WH-R25, LD art. 67)", async () => {
    const operator = partner();
    const depositor = partner();
    const warehouse = await facility(operator);
    const lot = await stored(entry(warehouse, depositor));
    t.clock.set("2026-03-04T10:00:00+01:00");
    const x15 = exitAccepted(lot.id, { procedure: "EXPORT", direction: "EXPORT" });
    const envelope = randomUUID();
    expect(await deliverExit(x15, envelope)).toBe("PROCESSED");
    const declared = await readLot(lot.id);
    expect(declared).toMatchObject({ status: "EXIT_DECLARED", exitDeclaration: { id: x15.declarationId }, exitProcedure: "EXPORT", exitDeclaredAt: "2026-03-04T09:00:00.000Z", version: 3 });
    // Redelivered, and delivered again under another envelope: nothing moves.
    expect(await deliverExit(x15, envelope)).toBe("DUPLICATE");
    expect(await deliverExit({ ...x15, acceptedAt: "2026-03-04T09:30:00+01:00" })).toBe("PROCESSED");
    expect(await deliverExit(exitAccepted(lot.id, { procedure: "TRANSIT" }))).toBe("PROCESSED");
    expect(await readLot(lot.id)).toEqual(declared);
    // X15 about no lot, or an unknown one, is left alone.
    expect(await deliverExit(exitAccepted(randomUUID()))).toBe("PROCESSED");
    expect(await deliverExit({ ...exitAccepted(lot.id), lotId: null })).toBe("PROCESSED");

    t.clock.set("2026-03-04T15:00:00+01:00");
    await expectRefused(depositor.p, EXIT, { lotId: lot.id }, "FORBIDDEN", { field: "input.lotId" });
    const left = (await accepted(operator.p, EXIT, { lotId: lot.id })).recordLotExit.lot;
    expect(left).toMatchObject({ status: "EXITED", leftAt: "2026-03-04T14:00:00.000Z", exitDeclaration: { id: x15.declarationId }, version: 4 });
    expect(await outbox(lot.id)).toEqual([
      { type: "LotReleased", payload: { lotId: lot.id, facilityId: warehouse, exitDeclarationId: x15.declarationId, procedure: "EXPORT", releasedAt: "2026-03-04T14:00:00.000Z" } },
    ]);
    expect((await readLot(lot.id)).movements.map((m: any) => [m.kind, m.at, m.netMassKg, m.declarationId])).toEqual([
      ["ENTRY", "2026-03-02T08:00:00.000Z", "950.000", null],
      ["EXIT", "2026-03-04T14:00:00.000Z", "-950.000", x15.declarationId],
    ]);
    expect(await stock(warehouse)).toEqual({ at: "2026-03-04T14:00:00.000Z", totalNetMassKg: "0.000", lines: [] });
    await expectRefused(operator.p, EXIT, { lotId: lot.id }, "EXIT_DECLARATION_REQUIRED", { status: "EXITED" });
    expect(await deliverExit(exitAccepted(lot.id))).toBe("PROCESSED");
    expect((await readLot(lot.id)).status).toBe("EXITED");
  });

  it("records the exit for the operator or the office, not for the depositor nor a stranger (FORBIDDEN) (WH-R17, LD art. 57 para. 2; WH-R25, LD art. 67)", async () => {
    const operator = partner();
    const depositor = partner();
    const stranger = partner();
    const silo = await facility(operator, "CONSUMER_GOODS_WAREHOUSE");
    const deposit = await facility(operator, "CUSTOMS_FREE_DEPOSIT");
    const grain = await stored(wheat(silo, depositor));
    const goods = await enter(entry(deposit, depositor));
    for (const lot of [grain, goods]) {
      await deliverExit(exitAccepted(lot.id));
      await expectRefused(depositor.p, EXIT, { lotId: lot.id }, "FORBIDDEN", { field: "input.lotId" });
      await expectRefused(stranger.p, EXIT, { lotId: lot.id }, "FORBIDDEN");
    }
    expect((await accepted(operator.p, EXIT, { lotId: grain.id })).recordLotExit.lot.status).toBe("EXITED");
    expect((await accepted(CUSTOMS, EXIT, { lotId: goods.id })).recordLotExit.lot.status).toBe("EXITED");
    expect((await stock(silo)).lines).toEqual([]);
    expect((await stock(deposit)).lines).toEqual([]);
  });
});

describe("goods gone or destroyed (X16, X18)", () => {
  it("records goods gone from an open customs warehouse without a declaration, with the release date or without it, and tells debt with LotReleasedWithoutDeclaration (X16; WH-R13, LD art. 69 let. d)", async () => {
    const operator = partner();
    const depositor = partner();
    const warehouse = await facility(operator);
    const dated = await stored(entry(warehouse, depositor));
    const undated = await stored(entry(warehouse, depositor, { tariffNumber: "6110.2000", goodsDescription: "Pullovers, cotton", netMassKg: "310.250" }));
    t.clock.set("2026-03-10T10:00:00+01:00");
    await expectRefused(operator.p, RELEASE, { input: { lotId: dated.id } }, "OFFICER_ROLE_REQUIRED", { requiredRoles: ["CUSTOMS_OFFICE"] });
    await expectRefused(CUSTOMS, RELEASE, { input: { lotId: dated.id, releasedAt: "2026-03-10T10:00:00.001+01:00" } }, "BAD_USER_INPUT", { field: "input.releasedAt", rule: "WH-R13", article: "LD art. 69 let. d" });
    await expectRefused(CUSTOMS, RELEASE, { input: { lotId: dated.id, releasedAt: "2026-03-02T08:59:59.999+01:00" } }, "BAD_USER_INPUT", { field: "input.releasedAt", rule: "WH-R13" });
    const gone = (await accepted(CUSTOMS, RELEASE, { input: { lotId: dated.id, releasedAt: "2026-03-09T18:00:00+01:00" } })).recordReleaseWithoutDeclaration.lot;
    expect(gone).toMatchObject({ status: "EXITED_WITHOUT_DECLARATION", releasedWithoutDeclarationAt: "2026-03-09T17:00:00.000Z", leftAt: "2026-03-10T09:00:00.000Z", exitDeclaration: null });
    expect(await outbox(dated.id)).toEqual([
      {
        type: "LotReleasedWithoutDeclaration",
        payload: {
          lotId: dated.id,
          facilityId: warehouse,
          facilityKind: "OPEN_CUSTOMS_WAREHOUSE",
          depositorId: depositor.id,
          operatorId: operator.id,
          releasedAt: "2026-03-09T17:00:00.000Z",
          discoveredAt: "2026-03-10T09:00:00.000Z",
          tariffNumber: "6109.1000",
          netMassKg: "950.000",
        },
      },
    ]);
    expect((await accepted(CUSTOMS, RELEASE, { input: { lotId: undated.id, releasedAt: null } })).recordReleaseWithoutDeclaration.lot).toMatchObject({ status: "EXITED_WITHOUT_DECLARATION", releasedWithoutDeclarationAt: null });
    expect((await outbox(undated.id))[0].payload).toMatchObject({ releasedAt: null, discoveredAt: "2026-03-10T09:00:00.000Z", tariffNumber: "6110.2000", netMassKg: "310.250" });
    expect((await readLot(dated.id)).movements.map((m: any) => [m.kind, m.netMassKg])).toEqual([["ENTRY", "950.000"], ["EXIT_WITHOUT_DECLARATION", "-950.000"]]);
    expect(await stock(warehouse)).toMatchObject({ totalNetMassKg: "0.000", lines: [] });
    await expectRefused(CUSTOMS, RELEASE, { input: { lotId: dated.id } }, "LOT_NOT_IN_FACILITY", { rule: "WH-R13", article: "LD art. 69 let. d", status: "EXITED_WITHOUT_DECLARATION", field: "input.lotId" });
  });

  it("refuses to record goods that left against their declaration as gone without one (LOT_NOT_IN_FACILITY) (WH-R13, LD art. 69 let. d)", async () => {
    const operator = partner();
    const depositor = partner();
    const warehouse = await facility(operator);
    const lot = await stored(entry(warehouse, depositor));
    await deliverExit(exitAccepted(lot.id));
    await accepted(operator.p, EXIT, { lotId: lot.id });
    await expectRefused(CUSTOMS, RELEASE, { input: { lotId: lot.id } }, "LOT_NOT_IN_FACILITY", { rule: "WH-R13", article: "LD art. 69 let. d", status: "EXITED" });
    expect(await outbox(lot.id, "LotReleasedWithoutDeclaration")).toEqual([]);
  });

  it("refuses to record goods whose exit declaration customs accepted as gone without one (EXIT_ALREADY_DECLARED): they leave under it, whose acceptance gave rise to the debt, and no second debt is asked (WH-R13, LD art. 69 let. d; X15, LD art. 69 let. a)", async () => {
    const operator = partner();
    const depositor = partner();
    const warehouse = await facility(operator);
    const lot = await stored(entry(warehouse, depositor));
    const x15 = exitAccepted(lot.id);
    expect(await deliverExit(x15)).toBe("PROCESSED");
    t.clock.set("2026-03-10T10:00:00+01:00");
    await expectRefused(CUSTOMS, RELEASE, { input: { lotId: lot.id, releasedAt: "2026-03-09T18:00:00+01:00" } }, "EXIT_ALREADY_DECLARED", {
      field: "input.lotId",
      rule: "WH-R13",
      article: "LD art. 69 let. d",
      status: "EXIT_DECLARED",
      exitDeclarationId: x15.declarationId,
    });
    await expectRefused(CUSTOMS, RELEASE, { input: { lotId: lot.id } }, "EXIT_ALREADY_DECLARED", { status: "EXIT_DECLARED" });
    expect(await outbox(lot.id, "LotReleasedWithoutDeclaration")).toEqual([]);
    expect((await accepted(CUSTOMS, EXIT, { lotId: lot.id })).recordLotExit.lot).toMatchObject({ status: "EXITED", exitDeclaration: { id: x15.declarationId }, releasedWithoutDeclarationAt: null });
  });

  it("records goods destroyed by force majeure or with the authorities' consent, with their cause, and tells debt with LotDestroyed so remission may be asked (X18; WH-R28, LD art. 86 para. 1 let. a; OD-AFD art. 60)", async () => {
    const operator = partner();
    const depositor = partner();
    const warehouse = await facility(operator);
    const silo = await facility(operator, "CONSUMER_GOODS_WAREHOUSE");
    const flooded = await stored(entry(warehouse, depositor));
    const spoilt = await stored(wheat(silo, depositor));
    t.clock.set("2026-03-04T09:00:00+01:00");
    const input = { lotId: flooded.id, cause: "FORCE_MAJEURE", destroyedAt: "2026-03-04T03:00:00+01:00" };
    await expectRefused(operator.p, DESTROY, { input }, "OFFICER_ROLE_REQUIRED", { requiredRoles: ["CUSTOMS_OFFICE"] });
    await expectRefused(CUSTOMS, DESTROY, { input: { ...input, destroyedAt: "2026-03-04T09:00:00.001+01:00" } }, "BAD_USER_INPUT", { field: "input.destroyedAt", rule: "WH-R28", article: "LD art. 86 para. 1 let. a" });
    await expectRefused(CUSTOMS, DESTROY, { input: { ...input, cause: "NEGLIGENCE" } }, "BAD_USER_INPUT");
    const destroyed = (await accepted(CUSTOMS, DESTROY, { input })).recordLotDestruction.lot;
    expect(destroyed).toMatchObject({ status: "DESTROYED", destructionCause: "FORCE_MAJEURE", leftAt: "2026-03-04T08:00:00.000Z" });
    expect(await outbox(flooded.id)).toEqual([{ type: "LotDestroyed", payload: { lotId: flooded.id, depositorId: depositor.id, destroyedAt: "2026-03-04T02:00:00.000Z", cause: "FORCE_MAJEURE" } }]);
    expect((await readLot(flooded.id)).movements.map((m: any) => [m.kind, m.netMassKg])).toEqual([["ENTRY", "950.000"], ["DESTRUCTION", "-950.000"]]);
    await expectRefused(CUSTOMS, DESTROY, { input }, "LOT_NOT_IN_FACILITY", { rule: "WH-R28", article: "LD art. 86 para. 1 let. a", status: "DESTROYED", field: "input.lotId" });
    const consented = (await accepted(CUSTOMS, DESTROY, { input: { lotId: spoilt.id, cause: "WITH_AUTHORITIES_CONSENT", destroyedAt: "2026-03-03T16:00:00+01:00" } })).recordLotDestruction.lot;
    expect(consented).toMatchObject({ status: "DESTROYED", destructionCause: "WITH_AUTHORITIES_CONSENT" });
    expect(await outbox(spoilt.id, "LotDestroyed")).toEqual([{ type: "LotDestroyed", payload: { lotId: spoilt.id, depositorId: depositor.id, destroyedAt: "2026-03-03T15:00:00.000Z", cause: "WITH_AUTHORITIES_CONSENT" } }]);
    expect((await stock(silo)).lines).toEqual([]);
  });
});

describe("transfer of the depositor's rights (WH-R05; LD art. 52 para. 2 let. b, 63 para. 2 let. b)", () => {
  it("passes a lot to another depositor at the depositor's request: the stock moves between their positions, LotDepositorTransferred, the new depositor sees the lot and the old one no longer does (WH-R05, LD art. 52 para. 2 let. b)", async () => {
    const operator = partner();
    const seller = partner();
    const buyer = partner();
    const warehouse = await facility(operator);
    const lot = await stored(entry(warehouse, seller));
    t.clock.set("2026-03-05T11:00:00+01:00");
    await expectRefused(buyer.p, TRANSFER, { input: { lotId: lot.id, toId: buyer.id } }, "FORBIDDEN", { field: "input.lotId" });
    await expectRefused(operator.p, TRANSFER, { input: { lotId: lot.id, toId: buyer.id } }, "FORBIDDEN");
    await expectRefused(seller.p, TRANSFER, { input: { lotId: lot.id, toId: seller.id } }, "BAD_USER_INPUT", { field: "input.toId" });
    const transfer = (await accepted(seller.p, TRANSFER, { input: { lotId: lot.id, toId: buyer.id } })).transferStoredLot.transfer;
    expect(transfer).toEqual({ id: expect.any(String), effectiveAt: "2026-03-05T10:00:00.000Z", from: { id: seller.id }, to: { id: buyer.id } });
    expect(await outbox(lot.id)).toEqual([{ type: "LotDepositorTransferred", payload: { lotId: lot.id, fromId: seller.id, toId: buyer.id, effectiveAt: "2026-03-05T10:00:00.000Z" } }]);
    const seen = await readLot(lot.id, buyer.p);
    expect(seen).toMatchObject({ depositor: { id: buyer.id }, status: "STORED", version: 3, transfers: [{ effectiveAt: "2026-03-05T10:00:00.000Z", from: { id: seller.id }, to: { id: buyer.id } }] });
    expect(seen.movements.map((m: any) => [m.kind, m.netMassKg])).toEqual([["ENTRY", "950.000"], ["TRANSFER_OUT", "-950.000"], ["TRANSFER_IN", "950.000"]]);
    expect(errorCode(await t.as(seller.p, GET_LOT, { id: lot.id }))).toBe("FORBIDDEN");
    expect((await accepted(seller.p, LOTS)).storedLots.edges).toEqual([]);
    expect((await accepted(buyer.p, LOTS)).storedLots.edges).toEqual([{ node: { id: lot.id } }]);
    await expectRefused(seller.p, TRANSFER, { input: { lotId: lot.id, toId: seller.id } }, "FORBIDDEN");
    expect((await stock(warehouse)).lines).toEqual([{ depositor: { id: buyer.id }, tariffNumber: "6109.1000", netMassKg: "950.000" }]);
    expect((await stock(warehouse, "2026-03-05T09:59:59.999Z")).lines).toEqual([{ depositor: { id: seller.id }, tariffNumber: "6109.1000", netMassKg: "950.000" }]);
  });

  it("transfers a free deposit's lot too, and no lot that has left (LOT_NOT_STORED) (WH-R05; LD art. 63 para. 2 let. b)", async () => {
    const operator = partner();
    const seller = partner();
    const buyer = partner();
    const deposit = await facility(operator, "CUSTOMS_FREE_DEPOSIT");
    const lot = await enter(entry(deposit, seller));
    const gone = await enter(entry(deposit, seller));
    await deliverExit(exitAccepted(gone.id));
    await accepted(operator.p, EXIT, { lotId: gone.id });
    await expectRefused(seller.p, TRANSFER, { input: { lotId: gone.id, toId: buyer.id } }, "LOT_NOT_STORED", { rule: "WH-R05", article: "LD art. 63 para. 2 let. b", status: "EXITED", field: "input.lotId" });
    expect((await accepted(seller.p, TRANSFER, { input: { lotId: lot.id, toId: buyer.id } })).transferStoredLot.transfer.to).toEqual({ id: buyer.id });
    expect((await stock(deposit, undefined, { depositorId: buyer.id })).totalNetMassKg).toBe("950.000");
    expect((await stock(deposit, undefined, { depositorId: seller.id })).totalNetMassKg).toBe("0.000");
  });
});

describe("handling (WH-R18, LD art. 56; WH-R22, LD art. 65; DESIGN CHOICE in HandlingKind)", () => {
  it("records handling in open customs warehouses and free deposits, by the operator, the depositor or an officer, and refuses it in a consumer goods warehouse (HANDLING_NOT_ALLOWED) (WH-R18, LD art. 56; DESIGN CHOICE in HandlingKind)", async () => {
    const operator = partner();
    const depositor = partner();
    const stranger = partner();
    const warehouse = await facility(operator);
    const deposit = await facility(operator, "CUSTOMS_FREE_DEPOSIT");
    const silo = await facility(operator, "CONSUMER_GOODS_WAREHOUSE");
    const shirts = await stored(entry(warehouse, depositor));
    const watches = await enter(entry(deposit, depositor, { goodsDescription: "Wrist-watches", tariffNumber: "9102.1100", netMassKg: "120.500" }));
    const grain = await stored(wheat(silo, depositor));
    t.clock.set("2026-03-03T14:00:00+01:00");
    const inspected = (await accepted(operator.p, HANDLE, { input: { lotId: shirts.id, kind: "INSPECTION", description: "Cartons opened and checked against the inventory" } })).recordLotHandling.handling;
    expect(inspected).toEqual({ id: expect.any(String), kind: "INSPECTION", description: "Cartons opened and checked against the inventory", handledAt: "2026-03-03T13:00:00.000Z", recordedBy: operator.p.subject });
    expect((await accepted(depositor.p, HANDLE, { input: { lotId: watches.id, kind: "SAMPLING", description: "Two pieces for a buyer's inspection" } })).recordLotHandling.handling.kind).toBe("SAMPLING");
    t.clock.set("2026-03-03T15:00:00+01:00");
    expect((await accepted(CUSTOMS, HANDLE, { input: { lotId: watches.id, kind: "MARKING", description: "Seals affixed" } })).recordLotHandling.handling.recordedBy).toBe("officer-customs_office");
    await expectRefused(stranger.p, HANDLE, { input: { lotId: shirts.id, kind: "REPACKING", description: "New cartons" } }, "FORBIDDEN", { field: "input.lotId" });
    await expectRefused(operator.p, HANDLE, { input: { lotId: grain.id, kind: "REPACKING", description: "Bagging the wheat" } }, "HANDLING_NOT_ALLOWED", { rule: "WH-R18", article: "LD art. 56", field: "input.lotId" });
    await expectRefused(operator.p, HANDLE, { input: { lotId: shirts.id, kind: "CUTTING", description: "New cartons" } }, "BAD_USER_INPUT");
    await deliverExit(exitAccepted(shirts.id));
    await accepted(operator.p, EXIT, { lotId: shirts.id });
    await expectRefused(operator.p, HANDLE, { input: { lotId: shirts.id, kind: "REPACKING", description: "New cartons" } }, "LOT_NOT_STORED", { rule: "WH-R18", status: "EXITED" });
    expect((await readLot(watches.id, depositor.p)).handlings).toEqual([
      { kind: "SAMPLING", description: "Two pieces for a buyer's inspection", recordedBy: depositor.p.subject },
      { kind: "MARKING", description: "Seals affixed", recordedBy: "officer-customs_office" },
    ]);
    // Handling keeps identity and mass: the stock does not move.
    expect((await stock(deposit)).totalNetMassKg).toBe("120.500");
  });
});

describe("stock through time (WH-R11, WH-R16, WH-R18, WH-R23)", () => {
  it("reads a facility's stock and inventory at any instant before, at, between and after its movements, per depositor and tariff number (WH-R11, OD-AFD art. 47; WH-R18, LD art. 56; WH-R23, LD art. 66)", async () => {
    const operator = partner();
    const [a, b] = [partner(), partner()];
    const warehouse = await facility(operator);
    const shirts = { tariffNumber: "6109.1000", goodsDescription: "T-shirts, cotton" };
    const pullovers = { tariffNumber: "6110.2000", goodsDescription: "Pullovers, cotton" };
    const T1 = "2026-03-02T10:00:00+01:00";
    const T2 = "2026-03-02T11:00:00+01:00";
    const T3 = "2026-03-02T12:00:00+01:00";
    const T4 = "2026-03-03T09:00:00+01:00";
    const T5 = "2026-03-03T14:00:00+01:00";
    const T6 = "2026-03-04T08:00:00+01:00";
    t.clock.set(T1);
    const lot1 = await enter(entry(warehouse, a, { ...shirts, netMassKg: "100.000" }));
    t.clock.set(T2);
    const lot2 = await enter(entry(warehouse, b, { ...shirts, netMassKg: "250.500" }));
    t.clock.set(T3);
    const lot3 = await enter(entry(warehouse, a, { ...pullovers, netMassKg: "30.250" }));
    t.clock.set(T4);
    await deliverExit(exitAccepted(lot1.id));
    await accepted(CUSTOMS, EXIT, { lotId: lot1.id });
    t.clock.set(T5);
    await accepted(a.p, TRANSFER, { input: { lotId: lot3.id, toId: b.id } });
    t.clock.set(T6);
    const lot4 = await enter(entry(warehouse, a, { ...shirts, netMassKg: "40.000" }));
    t.clock.set("2026-03-05T09:00:00+01:00");

    type Line = [Partner, string, string];
    const lines = (...xs: Line[]) =>
      xs
        .map(([who, tariffNumber, netMassKg]) => ({ depositor: { id: who.id }, tariffNumber, netMassKg }))
        .sort((x, y) => (x.depositor.id === y.depositor.id ? x.tariffNumber.localeCompare(y.tariffNumber) : x.depositor.id < y.depositor.id ? -1 : 1));
    const expectations: [string, ReturnType<typeof lines>, string, string[]][] = [
      [NOW, lines(), "0.000", []],
      [plus(T1, -1), lines(), "0.000", []],
      [T1, lines([a, "6109.1000", "100.000"]), "100.000", [lot1.id]],
      ["2026-03-02T10:30:00+01:00", lines([a, "6109.1000", "100.000"]), "100.000", [lot1.id]],
      [T2, lines([a, "6109.1000", "100.000"], [b, "6109.1000", "250.500"]), "350.500", [lot1.id, lot2.id]],
      [T3, lines([a, "6109.1000", "100.000"], [b, "6109.1000", "250.500"], [a, "6110.2000", "30.250"]), "380.750", [lot1.id, lot2.id, lot3.id]],
      [plus(T4, -1), lines([a, "6109.1000", "100.000"], [b, "6109.1000", "250.500"], [a, "6110.2000", "30.250"]), "380.750", [lot1.id, lot2.id, lot3.id]],
      [T4, lines([b, "6109.1000", "250.500"], [a, "6110.2000", "30.250"]), "280.750", [lot2.id, lot3.id]],
      [T5, lines([b, "6109.1000", "250.500"], [b, "6110.2000", "30.250"]), "280.750", [lot2.id, lot3.id]],
      [T6, lines([a, "6109.1000", "40.000"], [b, "6109.1000", "250.500"], [b, "6110.2000", "30.250"]), "320.750", [lot2.id, lot3.id, lot4.id]],
      ["2026-03-05T09:00:00+01:00", lines([a, "6109.1000", "40.000"], [b, "6109.1000", "250.500"], [b, "6110.2000", "30.250"]), "320.750", [lot2.id, lot3.id, lot4.id]],
    ];
    for (const [at, expected, total, present] of expectations) {
      expect([at, await stock(warehouse, at)]).toEqual([at, { at: iso(at), lines: expected, totalNetMassKg: total }]);
      const inventory = (await accepted(operator.p, INVENTORY_AT, { id: warehouse, at })).storageFacility.inventory;
      expect([at, inventory.edges.map((e: any) => e.node.id)]).toEqual([at, present]);
      expect(inventory.totalCount).toBe(present.length);
    }
    // Without `at`: now.
    expect(await stock(warehouse)).toEqual({ at: "2026-03-05T08:00:00.000Z", lines: expectations[expectations.length - 1][1], totalNetMassKg: "320.750" });
    // Filters: one depositor, one tariff number, both.
    expect(await stock(warehouse, T3, { depositorId: a.id })).toEqual({ at: iso(T3), lines: lines([a, "6109.1000", "100.000"], [a, "6110.2000", "30.250"]), totalNetMassKg: "130.250" });
    expect(await stock(warehouse, T6, { tariffNumber: "6109.1000" })).toEqual({ at: iso(T6), lines: lines([a, "6109.1000", "40.000"], [b, "6109.1000", "250.500"]), totalNetMassKg: "290.500" });
    expect(await stock(warehouse, T5, { depositorId: a.id, tariffNumber: "6110.2000" })).toEqual({ at: iso(T5), lines: [], totalNetMassKg: "0.000" });
    expect(await stock(warehouse, plus(T5, -1), { depositorId: a.id, tariffNumber: "6110.2000" })).toEqual({ at: iso(plus(T5, -1)), lines: lines([a, "6110.2000", "30.250"]), totalNetMassKg: "30.250" });
    expect((await stock(warehouse, T6, { depositorId: randomUUID() })).lines).toEqual([]);
  });

  it("keeps the stock in time order when an entry that read the clock first reaches the position's lock after a later exit: the entry is not lost from the stock (WH-R11, OD-AFD art. 47; WH-R18, LD art. 56)", async () => {
    const operator = partner();
    const depositor = partner();
    const warehouse = await facility(operator);
    const leaving = await stored(entry(warehouse, depositor, { netMassKg: "100.000" }));
    await deliverExit(exitAccepted(leaving.id));
    const ds = t.subgraph.runtime.dataSource;
    const waitingForAuthorisation = async () => {
      for (let i = 0; i < 200; i++) {
        const [{ waiting }] = await ds.query("SELECT COUNT(*) AS waiting FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND INFO LIKE '%FROM `facility_authorisation`%FOR UPDATE%'");
        if (Number(waiting) > 0) return;
        await new Promise(resolve => setTimeout(resolve, 10));
      }
      throw new Error("the entry never waited for the authorisation's lock");
    };
    // Another entry into the facility holds its authorisation (here: the blocker). An entry reads
    // the clock at 10:00 and queues behind it; meanwhile the other lot of the same depositor and
    // tariff number leaves at 11:00, which needs no authorisation lock. The entry's movement
    // comes after the exit's in the position's running balance, so it must not be dated before it.
    const blocker = ds.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    let entering: Promise<GraphQLResponse> | undefined;
    try {
      await blocker.query("SELECT id FROM facility_authorisation WHERE facility_id = ? FOR UPDATE", [warehouse]);
      t.clock.set("2026-03-02T10:00:00+01:00");
      entering = t.as(CUSTOMS, ENTER, { input: entry(warehouse, depositor, { netMassKg: "10.000" }) });
      await waitingForAuthorisation();
      t.clock.set("2026-03-02T11:00:00+01:00");
      expect((await accepted(operator.p, EXIT, { lotId: leaving.id })).recordLotExit.lot.leftAt).toBe("2026-03-02T10:00:00.000Z");
    } finally {
      await blocker.commitTransaction();
      await blocker.release();
    }
    const entered = await entering!;
    expect(entered.errors).toBeUndefined();
    const lot = entered.data!.recordLotEntry.lot;
    expect(lot.enteredAt).toBe("2026-03-02T09:00:00.000Z");
    t.clock.set("2026-03-02T12:00:00+01:00");
    const now = { at: "2026-03-02T11:00:00.000Z", lines: [{ depositor: { id: depositor.id }, tariffNumber: "6109.1000", netMassKg: "10.000" }], totalNetMassKg: "10.000" };
    expect(await stock(warehouse)).toEqual(now);
    expect((await stock(warehouse, "2026-03-02T11:00:00+01:00")).totalNetMassKg).toBe("10.000");
    // Its movement is dated at the exit it follows: the stock counts it from then.
    expect((await readLot(lot.id)).movements).toEqual([{ kind: "ENTRY", at: "2026-03-02T10:00:00.000Z", netMassKg: "10.000", declarationId: null, recordedBy: "officer-customs_office" }]);
    expect((await stock(warehouse, "2026-03-02T10:59:59.999+01:00")).totalNetMassKg).toBe("100.000");
    expect((await accepted(operator.p, INVENTORY_AT, { id: warehouse })).storageFacility.inventory.edges).toEqual([{ node: { id: lot.id } }]);
  });

  it("reads the stock of an instant in as many SQL statements for a facility with 200 movements as for one with 10: one seek per position, whatever the history (WH-R11, WH-R18, LD art. 56)", async () => {
    const operator = partner();
    const [a, b] = [partner(), partner()];
    const small = await facility(operator);
    const large = await facility(operator);
    const fill = async (facilityId: string, movements: number) => {
      for (let i = 0; i < movements; i++) {
        t.clock.advance(60_000);
        await enter(entry(facilityId, i % 2 ? b : a, { tariffNumber: i % 4 < 2 ? "6109.1000" : "6110.2000", netMassKg: "1.500" }));
      }
    };
    await fill(small, 10);
    await fill(large, 200);
    const at = t.clock.now().toISOString();
    const few = await t.subgraph.runtime.sql.measure(() => t.as(CUSTOMS, STOCK, { id: small, at }));
    const many = await t.subgraph.runtime.sql.measure(() => t.as(CUSTOMS, STOCK, { id: large, at }));
    expect(few.result.errors).toBeUndefined();
    expect(many.result.errors).toBeUndefined();
    expect(few.result.data!.storageFacility.stock.totalNetMassKg).toBe("15.000");
    expect(many.result.data!.storageFacility.stock.totalNetMassKg).toBe("300.000");
    expect(many.result.data!.storageFacility.stock.lines.edges).toHaveLength(4);
    console.log(`storageFacility { stock(at) }: ${many.statements} SQL statements over 200 movements, ${few.statements} over 10`);
    expect(many.statements).toBe(few.statements);
    // The facility, then a page of its positions with each one's balance at the instant, and their total: one statement each.
    expect(many.statements).toBe(3);
  });
});

describe("access: the operator's facility, the depositor's lots (DOMAIN.md §4.0; LD art. 52, 63)", () => {
  it("shows a lot to its depositor, the facility's operator and officers only; lists a partner's own lots and, for an operator, its facilities' lots (FORBIDDEN, UNAUTHENTICATED) (DOMAIN.md §4.0; WH-R05, LD art. 52 para. 2, 63 para. 2)", async () => {
    const operator = partner();
    const [a, b, stranger] = [partner(), partner(), partner()];
    const warehouse = await facility(operator);
    const lotA = await enter(entry(warehouse, a));
    t.clock.set("2026-03-02T09:30:00+01:00");
    const lotB = await enter(entry(warehouse, b));
    expect((await readLot(lotA.id, a.p)).id).toBe(lotA.id);
    expect((await readLot(lotA.id, operator.p)).id).toBe(lotA.id);
    expect((await readLot(lotA.id, officer("AUDITOR"))).id).toBe(lotA.id);
    for (const [who, code] of [[b.p, "FORBIDDEN"], [stranger.p, "FORBIDDEN"], [ANONYMOUS, "UNAUTHENTICATED"]] as const) {
      const res = await t.as(who, GET_LOT, { id: lotA.id });
      expect(errorCode(res)).toBe(code);
      expect(res.data).toBeNull();
    }
    const ids = async (who: Principal) => (await accepted(who, LOTS)).storedLots.edges.map((e: any) => e.node.id);
    expect(await ids(a.p)).toEqual([lotA.id]);
    expect(await ids(b.p)).toEqual([lotB.id]);
    expect(await ids(operator.p)).toEqual([lotA.id, lotB.id]);
    expect(await ids(stranger.p)).toEqual([]);
    expect(errorCode(await t.as(ANONYMOUS, LOTS))).toBe("UNAUTHENTICATED");
    expect((await accepted(CUSTOMS, LOTS)).storedLots.totalCount).toBeGreaterThanOrEqual(2);
    // BusinessPartner.storedLots: the partner's own, for itself and officers.
    const PARTNER_LOTS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on BusinessPartner { id storedLots { edges { node { id } } } } } }`;
    expect((await accepted(a.p, PARTNER_LOTS, { r: [{ __typename: "BusinessPartner", id: a.id }] }))._entities[0].storedLots.edges).toEqual([{ node: { id: lotA.id } }]);
    const spying = await t.as(stranger.p, PARTNER_LOTS, { r: [{ __typename: "BusinessPartner", id: a.id }] });
    expect(errorCode(spying)).toBe("FORBIDDEN");
    expect(spying.data?._entities[0].storedLots).toBeNull();
  });

  it("keeps a facility's stock, inventory and authorisation to its operator and officers (FORBIDDEN to a depositor or another partner, UNAUTHENTICATED anonymously), and its particulars to any signed-in caller (WH-R18, LD art. 56; WH-R23, LD art. 66; DOMAIN.md §4.0)", async () => {
    const operator = partner();
    const [depositor, stranger] = [partner(), partner()];
    const warehouse = await facility(operator);
    await enter(entry(warehouse, depositor));
    for (const who of [depositor.p, stranger.p]) {
      for (const query of [STOCK, INVENTORY_AT, GET_AUTHORISATION]) {
        const res = await t.as(who, query, { id: warehouse });
        expect(errorCode(res)).toBe("FORBIDDEN");
      }
      expect((await accepted(who, GET_FACILITY, { id: warehouse })).storageFacility).toMatchObject({ id: warehouse, kind: "OPEN_CUSTOMS_WAREHOUSE", operator: { id: operator.id } });
    }
    expect(errorCode(await t.as(ANONYMOUS, GET_FACILITY, { id: warehouse }))).toBe("UNAUTHENTICATED");
    expect((await stock(warehouse, undefined, {}, operator.p)).totalNetMassKg).toBe("950.000");
    expect((await stock(warehouse, undefined, {}, officer("AUDITOR"))).totalNetMassKg).toBe("950.000");
    const FACILITIES = `{ storageFacilities(first: 100) { edges { node { id } } } }`;
    expect((await accepted(operator.p, FACILITIES)).storageFacilities.edges).toEqual([{ node: { id: warehouse } }]);
    expect((await accepted(stranger.p, FACILITIES)).storageFacilities.edges).toEqual([]);
  });

  it("lets an auditor read lots, stock and authorisations but record nothing: no application, inventory entry, extension request, transfer, handling or exit (read-only auditor, kit/principal.ts; WH-R18, LD art. 56)", async () => {
    const AUDITOR = officer("AUDITOR");
    const operator = partner();
    const depositor = partner();
    const warehouse = await facility(operator);
    const silo = await facility(operator, "CONSUMER_GOODS_WAREHOUSE");
    const shirts = await enter(entry(warehouse, depositor));
    const grain = await stored(wheat(silo, depositor));
    const leaving = await stored(entry(warehouse, depositor));
    await deliverExit(exitAccepted(leaving.id));
    expect((await readLot(shirts.id, AUDITOR)).status).toBe("DECLARED");
    expect((await stock(warehouse, undefined, {}, AUDITOR)).totalNetMassKg).toBe("1900.000");
    expect((await accepted(AUDITOR, GET_AUTHORISATION, { id: warehouse })).storageFacility.authorisation.status).toBe("GRANTED");
    await expectRefused(AUDITOR, APPLY, { input: application(operator, "OPEN_CUSTOMS_WAREHOUSE") }, "FORBIDDEN", { field: "input.operatorId" });
    await expectRefused(AUDITOR, RECORD_INVENTORY, { lotId: shirts.id }, "NOT_INVENTORY_KEEPER", { rule: "WH-R18" });
    await expectRefused(AUDITOR, REQUEST_EXTENSION, { input: { lotId: grain.id, until: "2029-03-02T22:59:59.999Z", reason: "Harvest surplus awaiting the export season" } }, "FORBIDDEN");
    await expectRefused(AUDITOR, TRANSFER, { input: { lotId: shirts.id, toId: operator.id } }, "FORBIDDEN");
    await expectRefused(AUDITOR, HANDLE, { input: { lotId: shirts.id, kind: "INSPECTION", description: "Cartons opened" } }, "FORBIDDEN");
    await expectRefused(AUDITOR, EXIT, { lotId: leaving.id }, "FORBIDDEN");
    await expectRefused(AUDITOR, ENTER, { input: entry(warehouse, depositor) }, "OFFICER_ROLE_REQUIRED", { requiredRoles: ["CUSTOMS_OFFICE"] });
    // The officers who act do all of it for the partners.
    expect((await accepted(DGD, APPLY, { input: application(operator, "OPEN_CUSTOMS_WAREHOUSE") })).applyForStorageFacility.facility.operator).toEqual({ id: operator.id });
    expect((await accepted(CUSTOMS, REQUEST_EXTENSION, { input: { lotId: grain.id, until: "2029-03-02T22:59:59.999Z", reason: "Asked at the counter by the depositor" } })).requestStorageExtension.extension.decision).toBe("PENDING");
    expect((await accepted(DISTRICT, TRANSFER, { input: { lotId: shirts.id, toId: operator.id } })).transferStoredLot.transfer.to).toEqual({ id: operator.id });
    expect((await accepted(CUSTOMS, EXIT, { lotId: leaving.id })).recordLotExit.lot.status).toBe("EXITED");
  });

  it("resolves StoredLot references for those who may see the lot and null for a stranger; StorageFacility references for any signed-in caller and null anonymously, in two statements for 100 references as for 10 (DOMAIN.md §0.5, §4.0; LD art. 52 para. 2; STYLE.md: references are batched)", async () => {
    const operator = partner();
    const [depositor, stranger] = [partner(), partner()];
    const warehouse = await facility(operator);
    const lot = await enter(entry(warehouse, depositor));
    const lotRef = [{ __typename: "StoredLot", id: lot.id }];
    expect((await accepted(depositor.p, ENTITIES, { r: lotRef }))._entities).toEqual([{ __typename: "StoredLot", id: lot.id, status: "DECLARED" }]);
    expect((await accepted(operator.p, ENTITIES, { r: lotRef }))._entities).toEqual([{ __typename: "StoredLot", id: lot.id, status: "DECLARED" }]);
    expect((await t.as(stranger.p, ENTITIES, { r: lotRef })).data?._entities).toEqual([null]);
    const facilityRef = [{ __typename: "StorageFacility", id: warehouse }];
    const particulars = { __typename: "StorageFacility", id: warehouse, name: `open_customs_warehouse ${operator.id.slice(0, 8)}`, kind: "OPEN_CUSTOMS_WAREHOUSE" };
    expect((await accepted(stranger.p, ENTITIES, { r: facilityRef }))._entities).toEqual([particulars]);
    expect((await t.as(ANONYMOUS, ENTITIES, { r: facilityRef })).data?._entities).toEqual([null]);
    // CustomsDeclaration.storedLots: the lots a declaration brought in, for their depositor, operator and officers.
    const declarationId = randomUUID();
    const declared = await enter(entry(warehouse, depositor, { entryDeclarationId: declarationId }));
    const BY_DECLARATION = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on CustomsDeclaration { storedLots { totalCount edges { node { id } } } } } }`;
    const byDeclaration = [{ __typename: "CustomsDeclaration", id: declarationId }];
    expect((await accepted(depositor.p, BY_DECLARATION, { r: byDeclaration }))._entities).toEqual([{ storedLots: { totalCount: 1, edges: [{ node: { id: declared.id } }] } }]);
    expect((await accepted(operator.p, BY_DECLARATION, { r: byDeclaration }))._entities).toEqual([{ storedLots: { totalCount: 1, edges: [{ node: { id: declared.id } }] } }]);
    const nosy = await t.as(stranger.p, BY_DECLARATION, { r: byDeclaration });
    expect(errorCode(nosy)).toBe("FORBIDDEN");
    expect(nosy.data?._entities).toEqual([null]);
    expect((await t.as(ANONYMOUS, BY_DECLARATION, { r: byDeclaration })).data?._entities).toEqual([null]);

    const lots: Record<string, any>[] = [];
    for (let i = 0; i < 100; i++) lots.push(await enter(entry(warehouse, depositor, { netMassKg: "2.000" })));
    const refs = (n: number) => lots.slice(0, n).map(l => ({ __typename: "StoredLot", id: l.id }));
    const ten = await t.subgraph.runtime.sql.measure(() => t.as(depositor.p, ENTITIES, { r: refs(10) }));
    const hundred = await t.subgraph.runtime.sql.measure(() => t.as(depositor.p, ENTITIES, { r: refs(100) }));
    expect(ten.result.data?._entities).toHaveLength(10);
    expect(hundred.result.data?._entities.every((e: any) => e?.status === "DECLARED")).toBe(true);
    expect(hundred.statements).toBe(ten.statements);
    // The lots, then their facilities.
    expect(hundred.statements).toBe(2);
  });
});

describe("SQL per request (STYLE.md; DOMAIN.md §4.1)", () => {
  it("lists 100 lots with facility, movements, extensions, transfers and handlings in as many SQL statements as 10 (WH-R18, LD art. 56; WH-R14, LD art. 55 para. 2; WH-R05, LD art. 52 para. 2 let. b; STYLE.md)", async () => {
    const LIST = `{ storedLots(first: 100) { edges { node { id facility { name } movements { edges { node { kind } } } extensions { totalCount edges { node { id } } } transfers { edges { node { id } } } handlings { edges { node { id } } } } } } }`;
    const operator = partner();
    const [few, many, heir] = [partner(), partner(), partner()];
    const warehouse = await facility(operator);
    const silo = await facility(operator, "CONSUMER_GOODS_WAREHOUSE");
    const fill = async (who: Partner, count: number) => {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        t.clock.advance(1000);
        ids.push((await enter(i % 5 === 0 ? wheat(silo, who) : entry(warehouse, who))).id);
      }
      // One extension request each and a lot received from another depositor, so there are extensions and transfers to load.
      await accepted(who.p, REQUEST_EXTENSION, { input: { lotId: ids[0], until: "2029-03-02T22:59:59.999Z", reason: "Harvest surplus awaiting the export season" } });
      const received = await enter(entry(warehouse, heir));
      await accepted(heir.p, TRANSFER, { input: { lotId: received.id, toId: who.id } });
      return ids;
    };
    await fill(few, 9);
    await fill(many, 99);
    const ten = await t.subgraph.runtime.sql.measure(() => t.as(few.p, LIST));
    const hundred = await t.subgraph.runtime.sql.measure(() => t.as(many.p, LIST));
    expect(ten.result.errors).toBeUndefined();
    expect(hundred.result.errors).toBeUndefined();
    expect(ten.result.data!.storedLots.edges).toHaveLength(10);
    const nodes = hundred.result.data!.storedLots.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(100);
    expect(nodes.filter((n: any) => n.extensions.edges.length === 1 && n.extensions.totalCount === 1)).toHaveLength(1);
    expect(nodes.filter((n: any) => n.transfers.edges.length === 1)).toHaveLength(1);
    expect(nodes.every((n: any) => n.facility.name && n.movements.edges.length >= 1)).toBe(true);
    console.log(`storedLots(first: 100) { facility movements extensions transfers handlings }: ${hundred.statements} SQL statements over 100 lots, ${ten.statements} over 10`);
    expect(hundred.statements).toBe(ten.statements);
    // The page, then one batch each: facilities; movements, extensions and transfers two statements each (their pages' ids, then the rows), handlings one (no row to load
    // here); the extensions' counts one more.
    expect(hundred.statements).toBe(10);
  });
});

describe("nested connections (STYLE.md: lists that grow are connections)", () => {
  it("pages a lot's movements in the order they were recorded, transfers after transfers, with cursors that continue where the page ended (WH-R05, LD art. 52 para. 2 let. b; WH-R18, LD art. 56)", async () => {
    const operator = partner();
    const [a, b] = [partner(), partner()];
    const warehouse = await facility(operator);
    const lot = await stored(entry(warehouse, a));
    await accepted(a.p, TRANSFER, { input: { lotId: lot.id, toId: b.id } });
    t.clock.advance(60_000);
    await accepted(b.p, TRANSFER, { input: { lotId: lot.id, toId: a.id } });
    const PAGE = `query ($id: ID!, $after: String) { storedLot(id: $id) { movements(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { kind } } } } }`;
    const kinds: string[][] = [];
    let after: string | null = null;
    for (;;) {
      const page: Record<string, any> = (await accepted(a.p, PAGE, { id: lot.id, after })).storedLot.movements;
      expect(page.totalCount).toBe(5);
      kinds.push(page.edges.map((e: any) => e.node.kind));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(kinds).toEqual([["ENTRY", "TRANSFER_OUT"], ["TRANSFER_IN", "TRANSFER_OUT"], ["TRANSFER_IN"]]);
    const whole = await readLot(lot.id);
    expect(whole.movements.map((m: any) => m.kind)).toEqual(kinds.flat());
    expect(whole.transfers.map((x: any) => x.to.id)).toEqual([b.id, a.id]);
    expect(errorCode(await t.as(a.p, PAGE, { id: lot.id, after: "not-a-cursor" }))).toBe("BAD_USER_INPUT");
  });

  it("pages the lots of 100 declarations in as many SQL statements as 10, those a declaration brought in and the one it takes out (X15; LD art. 51 para. 1, 57, 67; STYLE.md)", async () => {
    const operator = partner();
    const depositor = partner();
    const warehouse = await facility(operator);
    const declarations: string[] = [];
    for (let i = 0; i < 100; i++) {
      t.clock.advance(1000);
      declarations.push(randomUUID());
      await enter(entry(warehouse, depositor, { entryDeclarationId: declarations[i], netMassKg: "1.000" }));
    }
    // The first declaration also takes out a lot that entered under none.
    t.clock.advance(1000);
    const leaving = await stored(entry(warehouse, depositor));
    await deliverExit(exitAccepted(leaving.id, { declarationId: declarations[0] }));
    const PAGE = `query ($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on CustomsDeclaration { storedLots(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } } }`;
    const refs = (n: number) => declarations.slice(0, n).map(id => ({ __typename: "CustomsDeclaration", id }));
    const ten = await t.subgraph.runtime.sql.measure(() => t.as(depositor.p, PAGE, { r: refs(10) }));
    const hundred = await t.subgraph.runtime.sql.measure(() => t.as(depositor.p, PAGE, { r: refs(100) }));
    expect(ten.result.errors).toBeUndefined();
    expect(hundred.result.errors).toBeUndefined();
    const pages = hundred.result.data!._entities.map((e: any) => e.storedLots);
    expect(pages.map((p: any) => p.totalCount)).toEqual([2, ...Array(99).fill(1)]);
    expect(pages.every((p: any) => p.edges.length === 1)).toBe(true);
    console.log(`CustomsDeclaration { storedLots }: ${hundred.statements} SQL statements over 100 declarations, ${ten.statements} over 10`);
    expect(hundred.statements).toBe(ten.statements);
    // The window query picking each declaration's page, the lots, and one count for all.
    expect(hundred.statements).toBe(3);
    const next = (await accepted(depositor.p, PAGE, { r: refs(1), after: pages[0].pageInfo.endCursor }))._entities[0].storedLots;
    expect(pages[0].pageInfo.hasNextPage).toBe(true);
    expect(next).toMatchObject({ pageInfo: { hasNextPage: false }, edges: [{ node: { id: leaving.id } }] });
  });
});

describe("coverage", () => {
  it("has seen every warehousing mutation both accepted and refused in this file (DOMAIN.md §4.2 and §4.3 WH-R01 to WH-R30; STYLE.md: every mutation's happy and refused paths; runs last: it reads what the tests above recorded)", () => {
    const all = Object.keys(t.subgraph.schema.getMutationType()!.getFields()).filter(name => !isKitMutation(name)).sort();
    expect(all).toHaveLength(12);
    const missing = all.filter(name => !(outcomes.get(name)?.has("accepted") && outcomes.get(name)?.has("refused")));
    expect(missing).toEqual([]);
  });
});
