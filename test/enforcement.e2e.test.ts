import { mintDevToken } from "../scripts/mint-token";
import { definition as debtDefinition } from "../subgraphs/debt/debt.subgraph";
import { definition as declarationsDefinition } from "../subgraphs/declarations/declarations.subgraph";
import { definition as enforcementDefinition } from "../subgraphs/enforcement/enforcement.subgraph";
import { definition as identityDefinition } from "../subgraphs/identity/identity.subgraph";
import { gql, GraphQLResponse } from "./support/graphql";
import { Graph, startGraph } from "./support/graph";
import { ok, OnboardedDeclarant, onboardDeclarant } from "./support/onboarding";

/**
 * Issue 11 through the gateway, with the real event relay between identity, declarations, debt and
 * enforcement: goods taken through the green lane are undeclared (X07), declarations taxes them ex
 * officio and enforcement opens an evasion case with the duties at stake; the border guard seizes
 * them and debt holds them as a sequestered customs pledge (X21); the anti-fraud section assesses
 * aggravating circumstances and decides a fine within the range the law allows; once final, the
 * fine is a debt (FineImposed); one query shows the partner, the case, the declaration and the
 * debts. A partner's token gets only the decision addressed to it, through the gateway and through
 * `_entities`. Basel, from Monday 2 March 2026.
 */
let g: Graph;
let customs: string;
let guard: string;
let fraud: string;
let trader: OnboardedDeclarant;

beforeAll(async () => {
  g = await startGraph("customs_test_e2e_enforcement", "2026-03-02T08:00:00+01:00", [identityDefinition, declarationsDefinition, debtDefinition, enforcementDefinition]);
  customs = await mintDevToken({ kind: "officer", sub: "officer-customs", roles: ["CUSTOMS_OFFICE"] });
  guard = await mintDevToken({ kind: "officer", sub: "officer-guard", roles: ["BORDER_GUARD"] });
  fraud = await mintDevToken({ kind: "officer", sub: "officer-fraud", roles: ["ANTI_FRAUD"] });
  trader = await onboardDeclarant(g.gatewayUrl, g.spool, "93000001", "Schmuggel Handel GmbH");
  await g.drainEvents();
  g.clock.set("2026-03-02T09:00:00+01:00");
});
afterAll(async () => {
  await g?.stop();
});

const call = <T = Record<string, any>>(query: string, variables: Record<string, unknown>, bearer: string): Promise<GraphQLResponse<T>> => gql<T>(g.gatewayUrl, query, variables, { bearer });
const LAPTOPS = { tariffNumber: "8471.3000", description: "Laptops, 20 pieces", netMassKg: "40.000", grossMassKg: "46.000", value: "18000.00", origin: "CN" };
const WINE = { tariffNumber: "2204.2150", description: "Wine, 60 bottles", netMassKg: "60.000", grossMassKg: "90.000", value: "1200.00", origin: "FR" };

let caseId: string;
let declarationId: string;
let seizureId: string;
let controlId: string;

it("discovers undeclared goods, seizes and pledges them, computes the fine range with aggravation, and collects the final fine as a debt; one query shows partner, case, declaration and debts (X07, X21, FineImposed; ENF-R08, ENF-R14, ENF-R20; LD art. 69 let. c, 83 para. 3, 118, 124)", async () => {
  // A green lane taken with dutiable goods: undeclared, taxed ex officio at the highest rate (X07, X09).
  const crossing = ok(
    await call(
      `mutation ($input: RecordFacilityCrossingInput!) { recordFacilityCrossing(input: $input) { undeclaredGoods { id declarationNumber status } } }`,
      { input: { officeId: "1001", travellerId: trader.partnerId, language: "de", crossedAt: "2026-03-02T08:40:00+01:00", conveyance: "PRIVATE_VEHICLE", registeredUnderAnnexC: true, facility: "GREEN_LANE", items: [LAPTOPS, WINE] } },
      customs,
    ),
  ).recordFacilityCrossing.undeclaredGoods;
  declarationId = crossing.id;
  expect(crossing.status).toBe("EX_OFFICIO_TAXED");
  await g.drainEvents();

  // Enforcement opened the evasion case from X07 and took the duties at stake from the taxation.
  const declared = ok(await call(`query ($id: ID!) { declaration(id: $id) { taxationDecision { totalDuties } offenceCases { edges { node { id caseNumber offenceType status dutiesAtStake suspects { id } } } } } }`, { id: declarationId }, fraud)).declaration;
  const duties = declared.taxationDecision.totalDuties as string;
  expect(declared.offenceCases.edges.map((e: any) => e.node)).toEqual([{ id: expect.any(String), caseNumber: expect.stringMatching(/^ENF-2026-/), offenceType: "CUSTOMS_EVASION", status: "OPENED", dutiesAtStake: duties, suspects: [{ id: trader.partnerId }] }]);
  caseId = declared.offenceCases.edges[0].node.id;

  // The border guard's control and seizure; debt records the goods as a sequestered pledge (X21).
  controlId = ok(await call(`mutation ($t: ID!, $c: ID!) { planControl(input: { kind: BORDER_AREA_CONTROL, targetId: $t, place: "Basel-Weil Autobahn", caseId: $c }) { control { id } } }`, { t: trader.partnerId, c: caseId }, guard)).planControl.control.id;
  seizureId = ok(
    await call(
      `mutation ($i: SeizeGoodsInput!) { seizeGoods(input: $i) { seizure { id status } } }`,
      { i: { kind: "SMUGGLED_GOODS", objects: "20 laptops, 60 bottles of wine", caseId, controlId, declarationId, ownerId: trader.partnerId, crossedAt: "2026-03-02T08:40:00+01:00", goodsValue: "19200.00" } },
      guard,
    ),
  ).seizeGoods.seizure.id;
  await g.drainEvents();

  // The anti-fraud section: intent, two drivers hired (LD art. 124 let. a): 7.5 times the duties, custody up to a year.
  const assessed = ok(await call(`mutation ($c: ID!) { assessOffenceCase(input: { caseId: $c, culpability: INTENT, aggravatingCircumstances: [HIRED_OTHERS] }) { offenceCase { status fineRange { maxFine custodialMonthsMax steps { article amount } } } } }`, { c: caseId }, fraud)).assessOffenceCase.offenceCase;
  const dutiesRappen = Math.round(Number(duties) * 100);
  const max = (Math.floor(dutiesRappen * 7.5) / 100).toFixed(2);
  expect(assessed).toEqual({ status: "UNDER_INVESTIGATION", fineRange: { maxFine: max, custodialMonthsMax: 12, steps: [{ article: "LD art. 118 para. 1", amount: (dutiesRappen * 5 / 100).toFixed(2) }, { article: "LD art. 118 para. 3", amount: max }] } });
  const over = await call(`mutation ($c: ID!, $f: Money!) { decidePenalty(input: { caseId: $c, fine: $f, payer: PERSON, reasons: "x" }) { offenceCase { id } } }`, { c: caseId, f: ((Math.floor(dutiesRappen * 7.5) + 1) / 100).toFixed(2) }, fraud);
  expect(over.errors?.[0]?.extensions).toMatchObject({ code: "FINE_ABOVE_LEGAL_MAXIMUM", rule: "ENF-R08", maxFine: max });
  const fine = (Math.floor(dutiesRappen * 4) / 100).toFixed(2);
  ok(await call(`mutation ($c: ID!, $f: Money!) { decidePenalty(input: { caseId: $c, fine: $f, payer: PERSON, custodialMonths: 3, reasons: "Commercial quantities through the green lane, two drivers hired." }) { offenceCase { status } } }`, { c: caseId, f: fine }, fraud));

  // Final after the appeal period (30 days, to Wednesday 1 April): the fine becomes a debt.
  g.clock.set("2026-04-02T09:00:00+02:00");
  ok(await call(`mutation ($c: ID!) { finaliseOffenceCase(input: { caseId: $c }) { offenceCase { status } } }`, { c: caseId }, fraud));
  await g.drainEvents();

  const ONE_QUERY = `query ($c: ID!) { offenceCase(id: $c) {
    caseNumber status fineImposed custodialMonths prosecutingAuthority fineRange { maxFine }
    suspects { name complianceProfile { openCases penaltiesLastFiveYears } customsDebts(first: 10) { edges { node { birthTrigger caseReference amount status offenceCase { id } } } } }
    declarations { declarationNumber status channel taxationDecision { kind totalDuties customsDebt { birthTrigger status amount } } }
    seizures { edges { node { kind status control { id } customsPledge { status sequestrationMode objectKind securedDebts { birthTrigger } } } } }
  } }`;
  const view = ok(await call(ONE_QUERY, { c: caseId }, fraud)).offenceCase;
  expect(view).toMatchObject({ status: "FINAL", fineImposed: fine, custodialMonths: 3, fineRange: { maxFine: max }, prosecutingAuthority: expect.stringContaining("customs administration") });
  expect(view.suspects).toHaveLength(1);
  expect(view.suspects[0]).toMatchObject({ name: "Schmuggel Handel GmbH", complianceProfile: { openCases: 0, penaltiesLastFiveYears: 1 } });
  const debts = view.suspects[0].customsDebts.edges.map((e: any) => e.node);
  expect(debts).toEqual(
    expect.arrayContaining([
      { birthTrigger: "OMITTED_DECLARATION_CROSSING", caseReference: null, amount: duties, status: expect.any(String), offenceCase: null },
      { birthTrigger: "PENALTY_DECISION", caseReference: `fine:${caseId}`, amount: fine, status: "DUE", offenceCase: { id: caseId } },
    ]),
  );
  expect(view.declarations).toEqual([{ declarationNumber: crossing.declarationNumber, status: "EX_OFFICIO_TAXED", channel: "GREEN_LANE", taxationDecision: { kind: "EX_OFFICIO", totalDuties: duties, customsDebt: { birthTrigger: "OMITTED_DECLARATION_CROSSING", status: expect.any(String), amount: duties } } }]);
  expect(view.seizures.edges.map((e: any) => e.node)).toEqual([{ kind: "SMUGGLED_GOODS", status: "PLEDGED", control: { id: controlId }, customsPledge: { status: "SEQUESTERED", sequestrationMode: "TAKEN_INTO_CONTROL", objectKind: "DUTIABLE_GOODS", securedDebts: [{ birthTrigger: "OMITTED_DECLARATION_CROSSING" }] } }]);
});

it("gives a partner's token nothing of enforcement but the decision addressed to it, through the gateway and through _entities; other officers see the profile's counts, not the cases (ENF-R21; LD art. 110-113)", async () => {
  // Back to the morning of the crossing, while the software's access token of that day is valid.
  g.clock.set("2026-03-02T10:00:00+01:00");
  await trader.renew();
  const refusal = (res: GraphQLResponse) => res.errors?.map(e => e.extensions?.code);
  expect(refusal(await call(`query ($c: ID!) { offenceCase(id: $c) { id } }`, { c: caseId }, trader.admin))).toEqual(["OFFICER_ROLE_REQUIRED"]);
  expect(refusal(await call(`query ($c: ID!) { control(id: $c) { id } }`, { c: controlId }, trader.software()))).toEqual(["OFFICER_ROLE_REQUIRED"]);
  const own = await call(
    `query ($p: ID!) { businessPartner(id: $p) { name offenceCases(first: 5) { totalCount } complianceProfile { openCases } penaltyDecisions { edges { node { id caseNumber fine custodialMonths final legalBasis } } } } }`,
    { p: trader.partnerId },
    trader.admin,
  );
  expect(own.data!.businessPartner).toMatchObject({ name: "Schmuggel Handel GmbH", offenceCases: null, complianceProfile: null, penaltyDecisions: { edges: [{ node: { id: caseId, custodialMonths: 3, final: true, legalBasis: "LD art. 118; LD art. 118 para. 1; LD art. 118 para. 3; LD art. 128" } }] } });
  expect(own.errors!.map(e => [e.path?.join("."), e.extensions?.code]).sort()).toEqual([
    ["businessPartner.complianceProfile", "FORBIDDEN"],
    ["businessPartner.offenceCases", "FORBIDDEN"],
  ]);
  const decl = await call(`query ($id: ID!) { declaration(id: $id) { declarationNumber offenceCases { edges { node { id } } } } }`, { id: declarationId }, trader.admin);
  expect(decl.data!.declaration).toMatchObject({ declarationNumber: expect.any(String), offenceCases: null });
  expect(refusal(decl)).toEqual(["FORBIDDEN"]);

  // Straight at the enforcement subgraph, with the principals identity gives the trader's user and software.
  const principals = g.subgraphs.identity.subgraph.services.principals;
  const url = `${g.subgraphs.enforcement.host.url}/graphql`;
  const reps = [
    { __typename: "OffenceCase", id: caseId },
    { __typename: "Control", id: controlId },
    { __typename: "Seizure", id: seizureId },
  ];
  for (const principal of [await principals.forPortalUser(trader.adminSubject), await principals.forAccessToken(trader.software())]) {
    const res = await gql(url, `query ($r: [_Any!]!) { _entities(representations: $r) { ... on OffenceCase { id facts } ... on Control { id findings } ... on Seizure { id objects } } }`, { r: reps }, { principal, audience: "enforcement" });
    expect(res.data?._entities).toEqual([null, null, null]);
  }

  // A customs officer: the counts and flags, not the cases.
  const officerView = await call(`query ($p: ID!) { businessPartner(id: $p) { complianceProfile { penaltiesLastFiveYears repeatedOffences } offenceCases(first: 5) { totalCount } } }`, { p: trader.partnerId }, customs);
  expect(officerView.data!.businessPartner).toEqual({ complianceProfile: { penaltiesLastFiveYears: 1, repeatedOffences: false }, offenceCases: null });
  expect(refusal(officerView)).toEqual(["FORBIDDEN"]);
  expect(ok(await call(`query ($p: ID!) { businessPartner(id: $p) { offenceCases(first: 5) { totalCount } } }`, { p: trader.partnerId }, guard)).businessPartner.offenceCases.totalCount).toBe(1);
});
