import { mintDevToken } from "../scripts/mint-token";
import { definition as debtDefinition } from "../subgraphs/debt/debt.subgraph";
import { definition as declarationsDefinition } from "../subgraphs/declarations/declarations.subgraph";
import { definition as identityDefinition } from "../subgraphs/identity/identity.subgraph";
import { gql } from "./support/graphql";
import { Graph, startGraph } from "./support/graph";
import { ok, onboardDeclarant } from "./support/onboarding";

/**
 * Issue "Debt and guarantees subgraph", done when: a declaration is accepted and taxed, a debt
 * arises for the right debtors with the right amount, is paid late with interest, and the
 * partner's exposure changes accordingly; one query shows declaration, taxation decision, debt
 * and partner (three subgraphs). Declarations' events reach debt through the real relay.
 */
let g: Graph;

beforeAll(async () => {
  g = await startGraph("customs_test_e2e_debt", "2026-03-02T08:00:00+01:00", [identityDefinition, declarationsDefinition, debtDefinition]);
});
afterAll(async () => {
  await g?.stop();
});

it("turns a taxed import into a debt, charges default interest when it is paid late, and shows it across three subgraphs", async () => {
  const call = (query: string, variables: Record<string, unknown> = {}, bearer?: string) => gql(g.gatewayUrl, query, variables, bearer ? { bearer } : {});
  const officer = await mintDevToken({ kind: "officer", sub: "officer-basel", roles: ["CUSTOMS_OFFICE"] });
  const d = await onboardDeclarant(g.gatewayUrl, g.spool, "91000001", "Rhone Handel AG");
  await g.drainEvents();

  g.clock.set("2026-03-02T09:00:00+01:00");
  await d.renew();
  g.subgraphs.declarations.subgraph.services.selection.random = () => 0.5;
  const presentation = ok(await call(`mutation ($p: ID!) { presentGoods(input: { officeId: "1001", presenterId: $p, summaryForm: ELECTRONIC, place: "Basel", goodsDescription: "T-shirts" }) { presentation { id } } }`, { p: d.partnerId }, d.software())).presentGoods.presentation.id;
  const declaration = ok(
    await call(
      `mutation ($input: LodgeDeclarationInput!) { lodgeDeclaration(input: $input) { declaration { id selectionResult } } }`,
      { input: { declarantId: d.partnerId, officeId: "1001", direction: "IMPORT", procedure: "FREE_CIRCULATION", destination: "CUSTOMS_PROCEDURE", channel: "PASSAR_B2B", businessNumber: d.businessNumber, personalNumber: d.personalNumber, language: "de", presentationId: presentation, items: [{ tariffNumber: "6109.1000", description: "T-shirts", netMassKg: "480.000", grossMassKg: "500.000", value: "12000.00", origin: "PT" }] } },
      d.software(),
    ),
  ).lodgeDeclaration.declaration;
  ok(await call(`mutation ($id: ID!) { taxDeclaration(input: { declarationId: $id, kind: FINAL }) { taxationDecision { id totalDuties } } }`, { id: declaration.id }, officer));
  await g.drainEvents();

  // DEBT-R02, DEBT-R03, DEBT-R08, DEBT-R09: the debt arose at acceptance, for the declarant, payable at birth, 30 days to pay.
  const EXPOSURE = `query ($id: ID!) { businessPartner(id: $id) { exposure { openDebts } customsDebts { edges { node { id status amount dueAt paymentDeadline interest outstanding debtors { basis partner { name } } } } } } }`;
  const before = ok(await call(EXPOSURE, { id: d.partnerId }, d.software())).businessPartner;
  expect(before.exposure.openDebts).toBe("485.00");
  const debt = before.customsDebts.edges[0].node;
  expect(debt).toMatchObject({ status: "DUE", amount: "485.00", dueAt: "2026-03-02T08:00:00.000Z", paymentDeadline: "2026-04-01T21:59:59.999Z", interest: "0.00", outstanding: "485.00", debtors: [{ basis: "DECLARANT_OR_AGENT", partner: { name: "Rhone Handel AG" } }] });

  // Ten days after the payment period the debt is overdue; interest runs from the due date (DEBT-R10):
  // 40 days × CHF 485.00 × 4 % / 365 = CHF 2.126 → 2.13.
  g.clock.set("2026-04-11T10:00:00+02:00");
  await d.renew();
  await g.subgraphs.debt.subgraph.jobs.runOnce();
  const late = ok(await call(EXPOSURE, { id: d.partnerId }, d.software())).businessPartner;
  expect(late.customsDebts.edges[0].node).toMatchObject({ status: "OVERDUE", interest: "2.13", outstanding: "487.13" });
  expect(late.exposure.openDebts).toBe("487.13");

  ok(await call(`mutation ($id: ID!, $p: ID!) { recordPayment(input: { debtId: $id, payerId: $p, amount: "487.13", method: CASHLESS }) { payment { interestPart } } }`, { id: debt.id, p: d.partnerId }, officer));
  const after = ok(await call(EXPOSURE, { id: d.partnerId }, d.software())).businessPartner;
  expect(after.exposure.openDebts).toBe("0.00");
  expect(after.customsDebts.edges[0].node).toMatchObject({ status: "PAID", outstanding: "0.00" });

  // One query, three subgraphs: declaration and taxation (declarations), debt (debt), partner (identity).
  const view = ok(await call(`query ($id: ID!) { declaration(id: $id) { declarant { name } taxationDecision { totalDuties customsDebt { status amount payments { edges { node { amount interestPart } } } } } } }`, { id: declaration.id }, d.software()));
  expect(view.declaration).toEqual({
    declarant: { name: "Rhone Handel AG" },
    taxationDecision: { totalDuties: "485.00", customsDebt: { status: "PAID", amount: "485.00", payments: { edges: [{ node: { amount: "487.13", interestPart: "2.13" } }] } } },
  });
});
