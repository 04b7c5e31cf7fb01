import { mintDevToken } from "../scripts/mint-token";
import { definition as debtDefinition } from "../subgraphs/debt/debt.subgraph";
import { definition as declarationsDefinition } from "../subgraphs/declarations/declarations.subgraph";
import { definition as identityDefinition } from "../subgraphs/identity/identity.subgraph";
import { EventPublisher } from "../subgraphs/kit";
import { gql, GraphQLResponse } from "./support/graphql";
import { Graph, startGraph } from "./support/graph";
import { ok, OnboardedDeclarant, onboardDeclarant } from "./support/onboarding";

/**
 * Issue 9's procedures through the gateway, with the real event relay between declarations and
 * debt: a transit case's conditional duties (X11) become one conditional debt, secured by the
 * holder's general bond and a cash deposit for the rest, and the goods leave only then; a transit
 * not discharged in time makes its duties due exactly once (X12), even when the declarations
 * subgraph crashes in the middle of its deadline job and restarts; relief and discharge end the
 * debt. Basel, from Monday 2 March 2026.
 */
let g: Graph;
let officer: string;
let declarant: OnboardedDeclarant;
let surety: OnboardedDeclarant;

beforeAll(async () => {
  g = await startGraph("customs_test_e2e_procedures", "2026-03-02T08:00:00+01:00", [identityDefinition, declarationsDefinition, debtDefinition]);
  officer = await mintDevToken({ kind: "officer", sub: "officer-procedures", roles: ["CUSTOMS_OFFICE"] });
  declarant = await onboardDeclarant(g.gatewayUrl, g.spool, "95000001", "Transit Spedition AG");
  surety = await onboardDeclarant(g.gatewayUrl, g.spool, "95000002", "Garantie Versicherung AG");
  await g.drainEvents();
  g.clock.set("2026-03-02T09:00:00+01:00");
  await declarant.renew();
  g.subgraphs.declarations.subgraph.services.selection.random = () => 0.5;
});
afterAll(async () => {
  await g?.stop();
});

const call = <T = Record<string, any>>(query: string, variables: Record<string, unknown>, bearer: string): Promise<GraphQLResponse<T>> => gql<T>(g.gatewayUrl, query, variables, { bearer });

const CASE = `id status timeLimit conditionalDuties securedAt notDischargedAt dischargedAt dischargeMode reliefApplicationDeadline
  declaration { id releasedAt }
  conditionalDebt { status amount securedAmount unsecuredAmount goodsReleasable caseReference dueAt paymentDeadline }`;
const READ_CASE = `query ($id: ID!) { procedureCase(id: $id) { ${CASE} } }`;
/** A partner's securities and the claims attached to each (debt's connections). */
const SECURITY_RESERVATIONS = `query ($p: ID!) { businessPartner(id: $p) { securities { edges { node { id kind reservations { edges { node { amount } } } } } } } }`;
const OPEN = `mutation ($input: OpenProcedureCaseInput!) { openProcedureCase(input: $input) { procedureCase { ${CASE} } } }`;

/** A transit of T-shirts through Passar, presented in Basel: CHF 97.00 per 100 kg gross. */
async function lodgedTransit(grossMassKg: string): Promise<string> {
  const presentationId = ok(await call(`mutation ($p: ID!) { presentGoods(input: { officeId: "1001", presenterId: $p, summaryForm: ELECTRONIC, place: "Basel", goodsDescription: "T-shirts in transit" }) { presentation { id } } }`, { p: declarant.partnerId }, declarant.software())).presentGoods.presentation.id;
  const input = {
    declarantId: declarant.partnerId,
    officeId: "1001",
    direction: "TRANSIT",
    procedure: "TRANSIT",
    destination: "CUSTOMS_PROCEDURE",
    channel: "PASSAR_B2B",
    businessNumber: declarant.businessNumber,
    personalNumber: declarant.personalNumber,
    language: "de",
    presentationId,
    items: [{ tariffNumber: "6109.1000", description: "T-shirts, cotton", netMassKg: grossMassKg, grossMassKg, value: "25000.00", origin: "BD" }],
  };
  const lodged = ok(await call(`mutation ($input: LodgeDeclarationInput!) { lodgeDeclaration(input: $input) { declaration { id status selectionResult releasedAt } } }`, { input }, declarant.software())).lodgeDeclaration.declaration;
  expect(lodged).toMatchObject({ status: "ACCEPTED", selectionResult: "FREE_WITHOUT", releasedAt: null });
  return lodged.id;
}

function transitCase(declarationId: string, timeLimit = "2026-03-06T18:00:00+01:00") {
  return { declarationId, timeLimit, transport: "ROAD", sealing: "BY_PACKAGE", sealCount: 4, sealingCosts: "40.00", identification: "Seals CH-1001-0001 to 0004" };
}

let firstCase: string;
let firstDeclaration: string;
let bond: string;

it("opens a transit case through the gateway: one conditional debt in debt, secured by the holder's general bond up to its headroom and a cash deposit for the rest, the goods released only then (DEC-R67, LD art. 49 para. 2; DEBT-R12, DEBT-R14, LD art. 76; X11)", async () => {
  bond = ok(await call(`mutation ($d: ID!, $s: ID!) { provideSecurity(input: { debtorId: $d, kind: GENERAL_BOND, maxAmount: "500.00", suretyId: $s }) { security { id } } }`, { d: declarant.partnerId, s: surety.partnerId }, officer)).provideSecurity.security.id;
  firstDeclaration = await lodgedTransit("1000.500");
  const opened = ok(await call(OPEN, { input: transitCase(firstDeclaration) }, officer)).openProcedureCase.procedureCase;
  firstCase = opened.id;
  // 1000.5 kg at CHF 97.00 per 100 kg gross: CHF 970.485, rounded half up.
  expect(opened).toMatchObject({ status: "OPEN", conditionalDuties: "970.49", securedAt: null, timeLimit: "2026-03-06T17:00:00.000Z", declaration: { releasedAt: null } });
  const RELEASE = `mutation ($id: ID!) { releaseGoods(input: { declarationId: $id }) { declaration { releasedAt } } }`;
  const early = await call(RELEASE, { id: firstDeclaration }, officer);
  expect(early.errors?.[0]?.extensions).toMatchObject({ code: "PROCEDURE_DUTIES_NOT_SECURED", rule: "DEC-R67", article: "LD art. 76 para. 1" });

  await g.drainEvents();
  const waiting = ok(await call(READ_CASE, { id: firstCase }, declarant.software())).procedureCase;
  expect(waiting).toMatchObject({
    securedAt: null,
    declaration: { releasedAt: null },
    conditionalDebt: { status: "CONDITIONAL", amount: "970.49", securedAmount: "500.00", unsecuredAmount: "470.49", goodsReleasable: false, caseReference: `procedure:${firstCase}` },
  });
  const requisitions = ok(await call(`{ securityRequisitions { edges { node { id amount } } } }`, {}, declarant.software())).securityRequisitions.edges.map((e: any) => e.node);
  expect(requisitions.map((r: { amount: string }) => r.amount)).toEqual(["470.49"]);
  const bondNow = ok(await call(SECURITY_RESERVATIONS, { p: declarant.partnerId }, officer)).businessPartner.securities.edges.map((e: any) => e.node);
  expect(bondNow.find((s: { id: string }) => s.id === bond).reservations.edges).toEqual([{ node: { amount: "500.00" } }]);

  g.clock.set("2026-03-02T10:15:00+01:00");
  await declarant.renew();
  ok(await call(`mutation ($d: ID!, $r: ID!) { provideSecurity(input: { debtorId: $d, kind: CASH_DEPOSIT, maxAmount: "470.49", requisitionId: $r }) { security { id } } }`, { d: declarant.partnerId, r: requisitions[0].id }, officer));
  await g.drainEvents();
  const released = ok(await call(READ_CASE, { id: firstCase }, declarant.software())).procedureCase;
  expect(released).toMatchObject({
    securedAt: "2026-03-02T09:15:00.000Z",
    declaration: { releasedAt: "2026-03-02T09:15:00.000Z" },
    conditionalDebt: { status: "CONDITIONAL", securedAmount: "970.49", unsecuredAmount: "0.00", goodsReleasable: true },
  });
  // One conditional debt for the case, and no ordinary debt for the transit declaration itself.
  const debts = ok(await call(`query ($p: ID!) { businessPartner(id: $p) { customsDebts(first: 50) { edges { node { caseReference status declaration { id } } } } } }`, { p: declarant.partnerId }, officer)).businessPartner.customsDebts.edges.map((e: any) => e.node);
  expect(debts).toEqual([{ caseReference: `procedure:${firstCase}`, status: "CONDITIONAL", declaration: null }]);
});

it("makes the duties of a transit not discharged in time due exactly once, also when the declarations subgraph crashes in the middle of its deadline job and restarts (DEC-R68, LD art. 49 para. 3; X12)", async () => {
  g.clock.set("2026-03-02T11:00:00+01:00");
  await declarant.renew();
  const secondDeclaration = await lodgedTransit("200.000");
  const secondCase = ok(await call(OPEN, { input: transitCase(secondDeclaration, "2026-03-06T18:30:00+01:00") }, officer)).openProcedureCase.procedureCase.id;
  await g.drainEvents();

  // Past the time limit. The first run of the job crashes when it reaches the second case: its
  // transaction (the case's move and its event) rolls back, the first case's has committed.
  g.clock.set("2026-03-07T09:00:00+01:00");
  await declarant.renew();
  const declarations = g.subgraphs.declarations.subgraph;
  await declarations.jobs.stop();
  const events = (declarations.services.procedures as unknown as { events: EventPublisher }).events;
  const publish = events.publish.bind(events);
  let published = 0;
  events.publish = (async (...args: Parameters<EventPublisher["publish"]>) => {
    if (args[1] === "ProcedureNotDischarged" && ++published === 2) throw new Error("the process died here");
    return publish(...args);
  }) as EventPublisher["publish"];
  expect((await declarations.jobs.runOnce())["procedure-deadlines"]).toBe(0);
  const NOT_DISCHARGED = "SELECT aggregate_id AS id, COUNT(*) AS n FROM outbox_event WHERE type = 'ProcedureNotDischarged' GROUP BY aggregate_id";
  const counted = async () => Object.fromEntries(((await g.subgraphs.declarations.subgraph.runtime.dataSource.query(NOT_DISCHARGED)) as { id: string; n: number }[]).map(r => [r.id, Number(r.n)]));
  expect(await counted()).toEqual({ [firstCase]: 1 });

  // A new instance on the same database: its jobs start at once; another round finds nothing.
  await g.restart("declarations");
  // The new instance draws its own random selection (2 % blocked): the later lodgings expect none.
  g.subgraphs.declarations.subgraph.services.selection.random = () => 0.5;
  await g.subgraphs.declarations.subgraph.jobs.runOnce();
  await g.subgraphs.declarations.subgraph.jobs.runOnce();
  await g.drainEvents();
  expect(await counted()).toEqual({ [firstCase]: 1, [secondCase]: 1 });

  for (const id of [firstCase, secondCase]) {
    const c = ok(await call(READ_CASE, { id }, declarant.software())).procedureCase;
    expect(c).toMatchObject({
      status: "NOT_DISCHARGED",
      // 60 days after Friday 6 March 2026: Tuesday 5 May, 23:59:59.999 CEST.
      reliefApplicationDeadline: "2026-05-05T21:59:59.999Z",
      conditionalDebt: { status: "DUE" },
    });
  }
  // Debt applied each X12 once: the debt fell due once, with one payment period.
  const due = ok(await call(READ_CASE, { id: secondCase }, declarant.software())).procedureCase;
  expect(due.conditionalDebt).toMatchObject({ amount: "194.00", dueAt: due.notDischargedAt });
  const processed = await g.subgraphs.debt.subgraph.runtime.dataSource.query("SELECT COUNT(*) AS n FROM processed_event WHERE type = 'ProcedureNotDischarged'");
  expect(Number(processed[0].n)).toBe(2);
});

it("extinguishes the due duties in debt when relief applied for within 60 days is granted for goods that left in time (DEC-R68, LD art. 49 para. 4)", async () => {
  const APPLY = `mutation ($id: ID!) { applyForProcedureRelief(input: { caseId: $id, evidence: FOREIGN_TAXATION_DECISION, evidenceReference: "DE-ZOLL-2026-778812", goodsMovedAt: "2026-03-05T16:20:00+01:00" }) { procedureCase { status } } }`;
  expect(ok(await call(APPLY, { id: firstCase }, declarant.software())).applyForProcedureRelief.procedureCase.status).toBe("RELIEF_APPLIED");
  const granted = ok(await call(`mutation ($id: ID!) { decideProcedureRelief(input: { caseId: $id, grant: true, reason: "Foreign taxation decision proves the exit on 5 March" }) { procedureCase { status } } }`, { id: firstCase }, officer));
  expect(granted.decideProcedureRelief.procedureCase.status).toBe("RELIEF_GRANTED");
  await g.drainEvents();
  expect(ok(await call(READ_CASE, { id: firstCase }, declarant.software())).procedureCase.conditionalDebt).toMatchObject({ status: "EXTINGUISHED", securedAmount: "0.00" });
});

it("extinguishes the conditional debt of a transit discharged in time and gives the bond its headroom back (DEC-R70, OD-AFD art. 44; LD art. 76)", async () => {
  g.clock.set("2026-03-09T09:00:00+01:00");
  await declarant.renew();
  const declaration = await lodgedTransit("100.000");
  const id = ok(await call(OPEN, { input: transitCase(declaration, "2026-03-12T18:00:00+01:00") }, officer)).openProcedureCase.procedureCase.id;
  await g.drainEvents();
  // The relief of the first case gave the bond its CHF 500 back: it covers this case whole.
  expect(ok(await call(READ_CASE, { id }, declarant.software())).procedureCase).toMatchObject({ securedAt: "2026-03-09T08:00:00.000Z", declaration: { releasedAt: "2026-03-09T08:00:00.000Z" }, conditionalDebt: { amount: "97.00", securedAmount: "97.00" } });
  g.clock.set("2026-03-10T14:00:00+01:00");
  await declarant.renew();
  const discharged = ok(await call(`mutation ($id: ID!) { dischargeProcedureCase(input: { caseId: $id, mode: REACHED_FOREIGN_TERRITORY, occurredAt: "2026-03-10T11:30:00+01:00" }) { procedureCase { status dischargedAt } } }`, { id }, officer)).dischargeProcedureCase.procedureCase;
  expect(discharged).toEqual({ status: "DISCHARGED", dischargedAt: "2026-03-10T10:30:00.000Z" });
  const reservations = async () =>
    ok(await call(SECURITY_RESERVATIONS, { p: declarant.partnerId }, officer))
      .businessPartner.securities.edges.map((e: any) => e.node)
      .find((s: { id: string }) => s.id === bond)
      .reservations.edges.map((e: any) => e.node);
  expect(await reservations()).toEqual([{ amount: "97.00" }]);
  await g.drainEvents();
  expect(ok(await call(READ_CASE, { id }, declarant.software())).procedureCase.conditionalDebt).toMatchObject({ status: "EXTINGUISHED", securedAmount: "0.00" });
  expect(await reservations()).toEqual([]);
});
