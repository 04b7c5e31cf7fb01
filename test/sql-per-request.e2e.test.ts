import { mintDevToken } from "../scripts/mint-token";
import { definition as debtDefinition } from "../subgraphs/debt/debt.subgraph";
import { definition as declarationsDefinition } from "../subgraphs/declarations/declarations.subgraph";
import { definition as identityDefinition } from "../subgraphs/identity/identity.subgraph";
import type { Principal } from "../subgraphs/kit";
import { DASHBOARD_QUERY, PROCEDURES_QUERY, seedDashboard, seedProcedureCases } from "./support/dashboard";
import { gql } from "./support/graphql";
import { Graph, startGraph } from "./support/graph";
import { ok, OnboardedDeclarant, onboardDeclarant } from "./support/onboarding";

/**
 * Issue 7, "constant SQL, computed fields included": the partner dashboard (partner, roles, N
 * declarations with taxation decisions and debts with status, outstanding amount, default interest
 * and debtors, securities and exposure) through the gateway costs the same number of statements in
 * each subgraph for N = 10 and N = 100, for an officer and for the partner's own portal user,
 * whether the debts are due or overdue. Access checks are batched per request, and interest is
 * computed per rate period from facts loaded once per request.
 */
let g: Graph;
let small: OnboardedDeclarant;
let large: OnboardedDeclarant;
let casesSmall: OnboardedDeclarant;
let casesLarge: OnboardedDeclarant;
let officer: string;

beforeAll(async () => {
  g = await startGraph("customs_test_e2e_sql", "2026-03-02T08:00:00+01:00", [identityDefinition, declarationsDefinition, debtDefinition]);
  officer = await mintDevToken({ kind: "officer", sub: "officer-sql", roles: ["CUSTOMS_OFFICE", "AUDITOR"] });
  small = await onboardDeclarant(g.gatewayUrl, g.spool, "95000010", "Zehn Transporte AG");
  large = await onboardDeclarant(g.gatewayUrl, g.spool, "95000100", "Hundert Logistik AG");
  casesSmall = await onboardDeclarant(g.gatewayUrl, g.spool, "95000011", "Zehn Messen AG");
  casesLarge = await onboardDeclarant(g.gatewayUrl, g.spool, "95000101", "Hundert Messen AG");
  await g.drainEvents();
  g.clock.set("2026-03-02T09:00:00+01:00");
  for (const d of [small, large, casesSmall, casesLarge]) await d.renew();
  await seedDashboard(g, small, 10, large.partnerId);
  await seedDashboard(g, large, 100, small.partnerId);
  await seedProcedureCases(g, casesSmall, 10);
  await seedProcedureCases(g, casesLarge, 100);
  // Nothing in the background while statements are counted: the relay and the jobs are stopped.
  await g.quiesce();
}, 180_000);
afterAll(async () => {
  await g?.stop();
});

/** Statements each subgraph sent while the gateway answered the dashboard (after one warm-up call). */
async function statements(partner: OnboardedDeclarant, bearer: string, first: number, query = DASHBOARD_QUERY): Promise<{ counts: Record<string, number>; data: any }> {
  const send = () => gql(g.gatewayUrl, query, { id: partner.partnerId, first }, { bearer });
  ok(await send());
  const before = Object.fromEntries(Object.entries(g.subgraphs).map(([name, s]) => [name, s.subgraph.runtime.sql.count]));
  const data = ok(await send());
  const counts = Object.fromEntries(Object.entries(g.subgraphs).map(([name, s]) => [name, s.subgraph.runtime.sql.count - before[name]]));
  return { counts, data };
}

async function compare(label: string) {
  const figures: Record<string, Record<string, number>> = {};
  for (const [who, tokens] of [
    ["officer", [officer, officer]],
    ["portal user", [small.admin, large.admin]],
  ] as const) {
    const ten = await statements(small, tokens[0], 100);
    const hundred = await statements(large, tokens[1], 100);
    // The control: the pages hold what they should, every debt with its interest and debtors.
    expect(ten.data.businessPartner.declarations.edges).toHaveLength(10);
    expect(hundred.data.businessPartner.declarations.edges).toHaveLength(100);
    for (const { node } of hundred.data.businessPartner.declarations.edges) {
      expect(node.taxationDecision.customsDebt).toMatchObject({ amount: node.taxationDecision.totalDuties, debtors: [{ partner: { name: "Hundert Logistik AG" } }] });
    }
    figures[`${who}, N=10`] = ten.counts;
    figures[`${who}, N=100`] = hundred.counts;
    expect(hundred.counts).toEqual(ten.counts);
  }
  console.log(`dashboard, ${label}: statements per subgraph ${JSON.stringify(figures)}`);
  return figures;
}

it("costs the same statements for 10 and for 100 due debts, for an officer and for the partner's portal user", async () => {
  await compare("debts due");
  const { data } = await statements(large, large.admin, 100);
  expect(data.businessPartner.exposure.bonds.edges).toEqual([{ node: { maxAmount: "100000.00", reserved: "10.00", headroom: "99990.00" } }]);
  expect(data.businessPartner.declarations.edges[0].node.taxationDecision.customsDebt).toMatchObject({ status: "DUE", interest: "0.00" });
});

it("costs the same statements for 10 and for 100 overdue debts, interest and exposure included", async () => {
  g.clock.set("2026-05-15T10:00:00+02:00");
  await g.subgraphs.debt.subgraph.jobs.runOnce();
  const figures = await compare("debts overdue");
  const { data } = await statements(large, large.admin, 100);
  const debts = data.businessPartner.declarations.edges.map((e: any) => e.node.taxationDecision.customsDebt);
  expect(debts.every((d: any) => d.status === "OVERDUE" && Number(d.interest) > 0)).toBe(true);
  // The exposure is the sum of what each debt still owes, interest included.
  const owed = debts.reduce((sum: number, d: any) => sum + Math.round(Number(d.outstanding) * 100), 0);
  expect(data.businessPartner.exposure.openDebts).toBe((owed / 100).toFixed(2));
  // 21 since each amount notified afterwards has its own payment period (DEBT-R22, LD art. 85): the
  // late debts' subsequent collections are one statement more, whatever their number.
  expect(figures["portal user, N=100"].debt).toBeLessThan(22);
});

it("costs the same statements for a partner's 10 and 100 procedure cases, relief deadlines, declarations, reliefs and conditional debts included (issue 9)", async () => {
  const figures: Record<string, Record<string, number>> = {};
  for (const [who, tokens] of [
    ["officer", [officer, officer]],
    ["portal user", [casesSmall.admin, casesLarge.admin]],
  ] as const) {
    const ten = await statements(casesSmall, tokens[0], 100, PROCEDURES_QUERY);
    const hundred = await statements(casesLarge, tokens[1], 100, PROCEDURES_QUERY);
    expect(ten.data.businessPartner.procedureCases.edges).toHaveLength(10);
    const nodes = hundred.data.businessPartner.procedureCases.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(100);
    // 1500 kg at CHF 15.00 per 100 kg gross; no bond, so the whole amount is requisitioned.
    expect(nodes.every((n: any) => n.conditionalDuties === "225.00" && n.reliefApplicationDeadline === "2026-11-30T22:59:59.999Z" && n.declaration.procedureCase.id === n.id && n.conditionalDebt.status === "CONDITIONAL" && n.conditionalDebt.unsecuredAmount === "225.00")).toBe(true);
    figures[`${who}, N=10`] = ten.counts;
    figures[`${who}, N=100`] = hundred.counts;
    expect(hundred.counts).toEqual(ten.counts);
  }
  console.log(`procedure cases: statements per subgraph ${JSON.stringify(figures)}`);
});

it("costs the same statements for the connections of 4 partners and of 100 in one _entities request: declarations, procedure cases, debts, securities, roles (issue 13)", async () => {
  const principal: Principal = { kind: "OFFICER", subject: "officer-sql", partners: [], officerRoles: ["CUSTOMS_OFFICE", "AUDITOR"] };
  const selections: Record<string, string> = {
    identity: "roles(first: 3) { totalCount edges { node { roleType } } } memberships(first: 3) { totalCount }",
    declarations: "declarations(first: 3) { totalCount edges { node { id } } } procedureCases(first: 3) { totalCount edges { node { id } } } processingAuthorisations(first: 3) { totalCount }",
    debt: "customsDebts(first: 3) { totalCount edges { node { id outstanding } } } securities(first: 3) { totalCount edges { node { id } } }",
  };
  // The four partners with data, alone and among 96 partners of the register with none.
  const withData = [small, large, casesSmall, casesLarge].map(p => p.partnerId);
  const padding = Array.from({ length: 96 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
  const entities = async (subgraph: string, ids: string[]) => {
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on BusinessPartner { id ${selections[subgraph]} } } }`;
    const send = () => gql(`${g.subgraphs[subgraph].host.url}/graphql`, query, { r: ids.map(id => ({ __typename: "BusinessPartner", id })) }, { principal, audience: subgraph });
    ok(await send());
    const { result, statements } = await g.subgraphs[subgraph].subgraph.runtime.sql.measure(send);
    return { data: ok(result)._entities as any[], statements };
  };
  const figures: Record<string, { four: number; hundred: number }> = {};
  for (const subgraph of Object.keys(selections)) {
    const four = await entities(subgraph, withData);
    const hundred = await entities(subgraph, [...withData, ...padding]);
    expect(hundred.data).toHaveLength(100);
    expect(hundred.data.slice(0, 4)).toEqual(four.data);
    figures[subgraph] = { four: four.statements, hundred: hundred.statements };
  }
  // The control: the pages hold each partner's own items, counted over all pages.
  const declarations = (await entities("declarations", withData)).data;
  expect(declarations.map(p => [p.declarations.totalCount, p.declarations.edges.length, p.procedureCases.totalCount])).toEqual([[10, 3, 0], [100, 3, 0], [10, 3, 10], [100, 3, 100]]);
  const debts = (await entities("debt", withData)).data;
  // The procedure cases each carry a conditional debt of their holder (X11).
  expect(debts.map(p => p.customsDebts.totalCount)).toEqual([10, 100, 10, 100]);
  for (const [subgraph, { four, hundred }] of Object.entries(figures)) expect({ subgraph, statements: hundred }).toEqual({ subgraph, statements: four });
  console.log(`partners' connections over 4 and 100 partners: statements per subgraph ${JSON.stringify(figures)}`);
});
