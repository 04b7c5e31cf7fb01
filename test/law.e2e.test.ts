import { mintDevToken } from "../scripts/mint-token";
import { definition as debtDefinition } from "../subgraphs/debt/debt.subgraph";
import { definition as declarationsDefinition } from "../subgraphs/declarations/declarations.subgraph";
import { definition as identityDefinition } from "../subgraphs/identity/identity.subgraph";
import { uidFromDigits } from "../subgraphs/identity/services/secrets";
import { importInput } from "./support/declarations-harness";
import { gql, GraphQLResponse } from "./support/graphql";
import { Graph, startGraph } from "./support/graph";
import { ok, OnboardedDeclarant, onboardDeclarant } from "./support/onboarding";

/**
 * Issue 8's rules that cross subgraphs, through the gateway with the real event relay: the
 * security of a provisional taxation reaches declarations (DEC-R55), an appeal's decision reaches
 * debt (DEBT-R11), and a bond that debt recorded before the application counts for identity's
 * authorisation (ID-R25).
 */
let g: Graph;
let officer: string;
let dgd: string;
let declarant: OnboardedDeclarant;

beforeAll(async () => {
  g = await startGraph("customs_test_e2e_law", "2026-03-02T08:00:00+01:00", [identityDefinition, declarationsDefinition, debtDefinition]);
  officer = await mintDevToken({ kind: "officer", sub: "officer-law", roles: ["CUSTOMS_OFFICE", "ONBOARDING_SERVICE", "DISTRICT_DIRECTORATE"] });
  dgd = await mintDevToken({ kind: "officer", sub: "officer-dgd", roles: ["DGD"] });
  declarant = await onboardDeclarant(g.gatewayUrl, g.spool, "99000001", "Gesetz Transport AG");
  await g.drainEvents();
  g.clock.set("2026-03-02T09:00:00+01:00");
  await declarant.renew();
});
afterAll(async () => {
  await g?.stop();
});

const call = <T = Record<string, any>>(query: string, variables: Record<string, unknown>, bearer: string): Promise<GraphQLResponse<T>> => gql<T>(g.gatewayUrl, query, variables, { bearer });
const code = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;

async function lodgedBlocked(items: Record<string, unknown>[]): Promise<{ id: string; marks: string[] }> {
  g.subgraphs.declarations.subgraph.services.selection.random = () => 0.001;
  const presentationId = ok(await call(`mutation ($p: ID!) { presentGoods(input: { officeId: "1001", presenterId: $p, summaryForm: ELECTRONIC, place: "Basel", goodsDescription: "Shoes" }) { presentation { id } } }`, { p: declarant.partnerId }, declarant.software())).presentGoods.presentation.id;
  const lodged = ok(await call(`mutation ($input: LodgeDeclarationInput!) { lodgeDeclaration(input: $input) { declaration { id selectionResult documents { edges { node { identificationMark } } } } } }`, { input: importInput(declarant, { presentationId, items }) }, declarant.software())).lodgeDeclaration.declaration;
  g.subgraphs.declarations.subgraph.services.selection.random = () => 0.5;
  expect(lodged.selectionResult).toBe("BLOCKED");
  return { id: lodged.id, marks: lodged.documents.edges.map((e: { node: { identificationMark: string } }) => e.node.identificationMark) };
}

it("releases goods under provisional taxation once the security debt required at the highest rate is provided (DEC-R55, LD art. 39 para. 3; DEBT-R28)", async () => {
  const shoes = [{ tariffNumber: "6403.9900", description: "Leather shoes", netMassKg: "480.000", grossMassKg: "500.000", value: "30000.00", origin: "IT", permitReference: "LEA-7", nonCustomsActsApply: true }];
  const { id, marks } = await lodgedBlocked(shoes);
  for (const m of marks) ok(await call(`mutation ($m: String!) { submitDocument(input: { identificationMark: $m }) { document { submittedAt } } }`, { m }, declarant.software()));
  const provisional = ok(await call(`mutation ($id: ID!) { taxDeclaration(input: { declarationId: $id, kind: PROVISIONAL, documentsDueBy: "2026-03-20T17:00:00+01:00" }) { taxationDecision { id } } }`, { id }, officer)).taxDeclaration.taxationDecision.id;
  const RELEASE = `mutation ($id: ID!) { releaseGoods(input: { declarationId: $id }) { declaration { releasedAt } } }`;
  expect(code(await call(RELEASE, { id }, officer))).toBe("PROVISIONAL_TAXATION_NOT_SECURED");
  await g.drainEvents();
  const [requisition] = ok(await call(`{ securityRequisitions { edges { node { id amount } } } }`, {}, declarant.software())).securityRequisitions.edges.map((e: any) => e.node);
  const PROVIDE = `mutation ($d: ID!, $a: Money!, $r: ID!) { provideSecurity(input: { debtorId: $d, kind: CASH_DEPOSIT, maxAmount: $a, requisitionId: $r }) { security { id } } }`;
  const short = ((Number(requisition.amount) * 100 - 1) / 100).toFixed(2);
  expect(code(await call(PROVIDE, { d: declarant.partnerId, a: short, r: requisition.id }, officer))).toBe("SECURITY_TOO_LOW");
  await g.drainEvents();
  expect(code(await call(RELEASE, { id }, officer))).toBe("PROVISIONAL_TAXATION_NOT_SECURED");
  ok(await call(PROVIDE, { d: declarant.partnerId, a: requisition.amount, r: requisition.id }, officer));
  await g.drainEvents();
  expect(ok(await call(RELEASE, { id }, officer)).releaseGoods.declaration.releasedAt).toBe("2026-03-02T08:00:00.000Z");
  expect(ok(await call(`query ($id: ID!) { declaration(id: $id) { taxationDecision { id securedAt } } }`, { id }, declarant.software())).declaration.taxationDecision).toEqual({ id: provisional, securedAt: "2026-03-02T08:00:00.000Z" });
});

it("ends the limitation's suspension when the district directorate decides the appeal (DEBT-R11, LD art. 75 para. 2; DEC-R60, LD art. 116)", async () => {
  const tshirts = [{ tariffNumber: "6109.1000", description: "T-shirts", netMassKg: "95.000", grossMassKg: "100.000", value: "2000.00", origin: "PT" }];
  const presentationId = ok(await call(`mutation ($p: ID!) { presentGoods(input: { officeId: "1001", presenterId: $p, summaryForm: ELECTRONIC, place: "Basel", goodsDescription: "T-shirts" }) { presentation { id } } }`, { p: declarant.partnerId }, declarant.software())).presentGoods.presentation.id;
  const id = ok(await call(`mutation ($input: LodgeDeclarationInput!) { lodgeDeclaration(input: $input) { declaration { id } } }`, { input: importInput(declarant, { presentationId, items: tshirts }) }, declarant.software())).lodgeDeclaration.declaration.id;
  const decision = ok(await call(`mutation ($id: ID!) { taxDeclaration(input: { declarationId: $id, kind: FINAL }) { taxationDecision { id } } }`, { id }, officer)).taxDeclaration.taxationDecision.id;
  g.clock.set("2026-03-10T10:00:00+01:00");
  await declarant.renew();
  const appeal = ok(await call(`mutation ($id: ID!) { fileAppeal(input: { taxationDecisionId: $id, grounds: "The rate is not the one in force." }) { appeal { id } } }`, { id: decision }, declarant.software())).fileAppeal.appeal.id;
  await g.drainEvents();
  g.clock.set("2026-03-30T10:00:00+02:00");
  ok(await call(`mutation ($id: ID!) { decideAppeal(input: { appealId: $id, outcome: "Dismissed" }) { appeal { status } } }`, { id: appeal }, officer));
  await g.drainEvents();
  const LIMITATION = `query ($id: ID!) { declaration(id: $id) { taxationDecision { customsDebt { limitationDate } } } }`;
  // 10 to 30 March: 20 calendar days after 31 December 2031 23:59:59.999 CET.
  expect(ok(await call(LIMITATION, { id }, officer)).declaration.taxationDecision.customsDebt.limitationDate).toBe("2032-01-20T22:59:59.999Z");
  g.clock.set("2026-09-30T10:00:00+02:00");
  expect(ok(await call(LIMITATION, { id }, officer)).declaration.taxationDecision.customsDebt.limitationDate).toBe("2032-01-20T22:59:59.999Z");
  g.clock.set("2026-03-02T09:00:00+01:00");
  await declarant.renew();
});

it("counts a general bond debt recorded before the application for the e-dec authorisation (ID-R25, OD-AFD art. 8 para. 1 let. c)", async () => {
  const digits = "99000003";
  const uid = uidFromDigits(digits);
  ok(await call(`mutation ($uid: String!) { recordUidRegisterEntry(input: { uid: $uid, name: "Bond Spedition AG", partnerType: LEGAL_ENTITY, address: { street: "Quai 1", postalCode: "4051", city: "Basel", country: "CH" }, domicileInCustomsTerritory: true }) { uidRegisterEntry { uid } } }`, { uid }, officer));
  const admin = await mintDevToken({ kind: "portal_user", sub: `chlogin|${digits}` });
  ok(await call(`mutation { registerPortalUser(input: { email: "admin@bond.example" }) { portalUser { id } } }`, {}, admin));
  ok(await call(`mutation { addSecondFactor(input: { kind: MTAN }) { portalUser { id } } }`, {}, admin));
  const partnerId = ok(await call(`mutation ($uid: String!) { registerBusinessPartner(input: { uid: $uid }) { businessPartner { id } } }`, { uid }, admin)).registerBusinessPartner.businessPartner.id;
  const [letter] = await g.spool.lettersFor(partnerId);
  ok(await call(`mutation ($c: String!) { redeemOnboardingCode(input: { code: $c, acceptTermsOfUse: true, termsVersion: "2024-01" }) { membership { id } } }`, { c: letter.onboardingCode }, admin));
  // The general bond exists before the application; identity learns of it through debt's event.
  ok(await call(`mutation ($d: ID!, $s: ID!) { provideSecurity(input: { debtorId: $d, kind: GENERAL_BOND, maxAmount: "50000.00", suretyId: $s }) { security { id } } }`, { d: partnerId, s: declarant.partnerId }, officer));
  await g.drainEvents();
  const application = ok(
    await call(`mutation ($p: ID!) { applyForCustomsSystemAuthorisation(input: { partnerId: $p, systems: [EDEC], scope: DOMESTIC, writtenApplicationReference: "DGD-BOND-1", itEquipmentConfirmed: true, properConductGuaranteed: true }) { authorisation { id securityProvidedAt securityReference } } }`, { p: partnerId }, admin),
  ).applyForCustomsSystemAuthorisation.authorisation;
  expect(application).toMatchObject({ securityProvidedAt: "2026-03-02T08:00:00.000Z", securityReference: expect.stringContaining("GENERAL_BOND") });
  ok(await call(`mutation ($id: ID!) { recordAuthorisationDocumentsComplete(input: { authorisationId: $id }) { authorisation { id } } }`, { id: application.id }, dgd));
  const granted = ok(await call(`mutation ($id: ID!) { grantCustomsSystemAuthorisation(input: { authorisationId: $id }) { authorisation { status businessNumber } } }`, { id: application.id }, dgd)).grantCustomsSystemAuthorisation.authorisation;
  expect(granted).toEqual({ status: "GRANTED", businessNumber: expect.stringMatching(/^\d{6}$/) });
});
