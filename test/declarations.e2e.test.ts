import { mintDevToken } from "../scripts/mint-token";
import { uidFromDigits } from "../subgraphs/identity/services/secrets";
import { gql, GraphQLResponse } from "./support/graphql";
import { Graph, startGraph } from "./support/graph";

/**
 * Issue "Declarations subgraph, part 1", done when: a partner application's import through the
 * gateway — lodge, accept, BLOCKED, documents late, then on time, verify, tax, release, remove —
 * and one query returning the partner with its declarations, their taxation decisions and its
 * roles (two subgraphs). Identity's decisions reach declarations through the real event relay.
 */
let g: Graph;
let officer: string;
let dgd: string;

beforeAll(async () => {
  g = await startGraph("customs_test_e2e_decl", "2026-03-02T08:00:00+01:00");
  officer = await mintDevToken({ kind: "officer", sub: "officer-basel", roles: ["CUSTOMS_OFFICE", "ONBOARDING_SERVICE"] });
  dgd = await mintDevToken({ kind: "officer", sub: "officer-dgd", roles: ["DGD"] });
});
afterAll(async () => {
  await g?.stop();
});

const call = <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, bearer?: string): Promise<GraphQLResponse<T>> =>
  gql<T>(g.gatewayUrl, query, variables, bearer ? { bearer } : {});

function ok<T>(res: GraphQLResponse<T>): T {
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data as T;
}

it("plays a partner application's import from lodging to removal, then shows partner, declarations, taxation and roles in one query", async () => {
  // Identity: onboarding, the Freight role, API keys, the e-dec authorisation and a declaring employee.
  const uid = uidFromDigits("90000001");
  ok(await call(`mutation ($uid: String!) { recordUidRegisterEntry(input: { uid: $uid, name: "Rhein Import AG", partnerType: LEGAL_ENTITY, address: { street: "Hafen 1", postalCode: "4057", city: "Basel", country: "CH" }, domicileInCustomsTerritory: true }) { uidRegisterEntry { uid } } }`, { uid }, officer));
  const admin = await mintDevToken({ kind: "portal_user", sub: "chlogin|rhein-admin" });
  ok(await call(`mutation { registerPortalUser(input: { email: "admin@rhein.example" }) { portalUser { id } } }`, {}, admin));
  ok(await call(`mutation { addSecondFactor(input: { kind: MTAN }) { portalUser { id } } }`, {}, admin));
  const partnerId = ok(await call(`mutation ($uid: String!) { registerBusinessPartner(input: { uid: $uid }) { businessPartner { id } } }`, { uid }, admin)).registerBusinessPartner.businessPartner.id;
  const [letter] = await g.spool.lettersFor(partnerId);
  ok(await call(`mutation ($c: String!) { redeemOnboardingCode(input: { code: $c, acceptTermsOfUse: true, termsVersion: "2024-01" }) { membership { id } } }`, { c: letter.onboardingCode }, admin));
  ok(await call(`mutation ($p: ID!) { requestPartnerRole(input: { partnerId: $p, roleType: FREIGHT }) { role { status } } }`, { p: partnerId }, admin));
  const sub = ok(await call(`mutation ($p: ID!) { subscribeToApi(input: { partnerId: $p, apiName: "B2B HuB Partner API for Passar declarations" }) { subscription { id } } }`, { p: partnerId }, admin));
  const app = ok(await call(`mutation ($s: ID!) { createApiApplication(input: { subscriptionId: $s, softwareName: "Rhein Clear 2" }) { credentials { accessToken refreshToken } } }`, { s: sub.subscribeToApi.subscription.id }, admin));
  let software = app.createApiApplication.credentials.accessToken as string;
  let refreshToken = app.createApiApplication.credentials.refreshToken as string;
  // The clearance software renews its one-hour access token as the day goes on.
  const renew = async () => {
    const renewed = ok(await call(`mutation ($r: String!) { renewApiAccessToken(input: { refreshToken: $r }) { accessToken refreshToken } }`, { r: refreshToken })).renewApiAccessToken;
    software = renewed.accessToken;
    refreshToken = renewed.refreshToken;
  };
  const auth = ok(await call(`mutation ($p: ID!) { applyForCustomsSystemAuthorisation(input: { partnerId: $p, systems: [EDEC], scope: DOMESTIC, writtenApplicationReference: "DGD-2026-77", itEquipmentConfirmed: true, properConductGuaranteed: true }) { authorisation { id } } }`, { p: partnerId }, admin)).applyForCustomsSystemAuthorisation.authorisation.id;
  ok(await call(`mutation ($id: ID!) { recordAuthorisationSecurity(input: { authorisationId: $id, securityReference: "BOND-9" }) { authorisation { id } } }`, { id: auth }, dgd));
  ok(await call(`mutation ($id: ID!) { recordAuthorisationDocumentsComplete(input: { authorisationId: $id }) { authorisation { id } } }`, { id: auth }, dgd));
  const businessNumber = ok(await call(`mutation ($id: ID!) { grantCustomsSystemAuthorisation(input: { authorisationId: $id }) { authorisation { businessNumber } } }`, { id: auth }, dgd)).grantCustomsSystemAuthorisation.authorisation.businessNumber;
  ok(await call(`mutation ($p: ID!) { announceDeclarantEmployee(input: { partnerId: $p, personalNumber: "RI7", name: "Rita Imhof" }) { employee { id } } }`, { p: partnerId }, admin));
  await g.drainEvents();

  // Declarations: presentation at Basel at 09:00, then the import, selected BLOCKED.
  g.clock.set("2026-03-02T09:00:00+01:00");
  await renew();
  g.subgraphs.declarations.subgraph.services.selection.random = () => 0.001;
  const presentation = ok(await call(`mutation ($p: ID!) { presentGoods(input: { officeId: "1001", presenterId: $p, summaryForm: ELECTRONIC, place: "Basel Weil-Autobahn", goodsDescription: "Cotton T-shirts" }) { presentation { id } } }`, { p: partnerId }, software)).presentGoods.presentation.id;
  const lodged = ok(
    await call(
      `mutation ($input: LodgeDeclarationInput!) { lodgeDeclaration(input: $input) { declaration { id status acceptedAt selectionResult documents { edges { node { identificationMark dueAt } } } } } }`,
      {
        input: {
          declarantId: partnerId,
          officeId: "1001",
          direction: "IMPORT",
          procedure: "FREE_CIRCULATION",
          destination: "CUSTOMS_PROCEDURE",
          channel: "PASSAR_B2B",
          businessNumber,
          personalNumber: "RI7",
          language: "de",
          presentationId: presentation,
          items: [{ tariffNumber: "6109.1000", description: "T-shirts, cotton", netMassKg: "480.000", grossMassKg: "500.000", value: "12000.00", origin: "PT" }],
        },
      },
      software,
    ),
  ).lodgeDeclaration.declaration;
  expect(lodged).toMatchObject({ status: "ACCEPTED", acceptedAt: "2026-03-02T08:00:00.000Z", selectionResult: "BLOCKED" });
  const required = lodged.documents.edges.map((e: any) => e.node);
  expect(required.map((d: any) => d.dueAt)).toEqual(["2026-03-02T10:00:00.000Z", "2026-03-02T10:00:00.000Z"]);

  // Documents late: at 11:00:01 the job flags them and the partner sees them overdue.
  g.clock.set("2026-03-02T11:00:01+01:00");
  await renew();
  await g.subgraphs.declarations.subgraph.jobs.runOnce();
  expect(ok(await call(`{ overdueDocuments { totalCount edges { node { identificationMark } } } }`, {}, software)).overdueDocuments).toMatchObject({ totalCount: 2, edges: [{}, {}] });
  // Then on time: the office grants until 14:00 (T10), and the documents come at 13:30.
  for (const doc of required) {
    ok(await call(`mutation ($m: String!) { overrideDocumentDeadline(input: { identificationMark: $m, newDueAt: "2026-03-02T14:00:00+01:00", reason: "Printer failure at the forwarder" }) { override { id } } }`, { m: doc.identificationMark }, officer));
  }
  g.clock.set("2026-03-02T13:30:00+01:00");
  await renew();
  for (const doc of required) ok(await call(`mutation ($m: String!) { submitDocument(input: { identificationMark: $m }) { document { submittedAt } } }`, { m: doc.identificationMark }, software));
  const docs = ok(await call(`query ($id: ID!) { declaration(id: $id) { documents { edges { node { overdue dueAt } } } } }`, { id: lodged.id }, software)).declaration.documents.edges.map((e: any) => e.node);
  expect(docs).toEqual([
    { overdue: false, dueAt: "2026-03-02T13:00:00.000Z" },
    { overdue: false, dueAt: "2026-03-02T13:00:00.000Z" },
  ]);

  // Verify, tax, release, remove.
  const v = ok(await call(`mutation ($id: ID!) { orderVerification(input: { declarationId: $id, scope: FULL }) { verification { id } } }`, { id: lodged.id }, officer)).orderVerification.verification.id;
  ok(await call(`mutation ($id: ID!) { recordVerificationResult(input: { verificationId: $id, conforms: true, result: "500 kg of cotton T-shirts, as declared" }) { verification { id } } }`, { id: v }, officer));
  const taxed = ok(await call(`mutation ($id: ID!) { taxDeclaration(input: { declarationId: $id, kind: FINAL }) { taxationDecision { totalDuties } } }`, { id: lodged.id }, officer));
  expect(taxed.taxDeclaration.taxationDecision.totalDuties).toBe("485.00");
  ok(await call(`mutation ($id: ID!) { releaseGoods(input: { declarationId: $id }) { declaration { releasedAt } } }`, { id: lodged.id }, officer));
  g.clock.set("2026-03-02T15:00:00+01:00");
  await renew();
  const removed = ok(await call(`mutation ($id: ID!) { recordRemoval(input: { declarationId: $id }) { declaration { removedAt removalOverdue } } }`, { id: lodged.id }, software));
  expect(removed.recordRemoval.declaration).toEqual({ removedAt: "2026-03-02T14:00:00.000Z", removalOverdue: false });

  // One query, two subgraphs: the partner (identity), its roles (identity), its declarations and their taxation (declarations).
  const view = ok(
    await call(
      `query ($id: ID!) { businessPartner(id: $id) { name roles { edges { node { roleType status } } } declarations { totalCount edges { node { status selectionResult removedAt taxationDecision { kind totalDuties } declarant { name } } } } } }`,
      { id: partnerId },
      software,
    ),
  );
  expect(view.businessPartner).toEqual({
    name: "Rhein Import AG",
    roles: { edges: [{ node: { roleType: "FREIGHT", status: "ACTIVE" } }] },
    declarations: {
      totalCount: 1,
      edges: [{ node: { status: "ACCEPTED", selectionResult: "BLOCKED", removedAt: "2026-03-02T14:00:00.000Z", taxationDecision: { kind: "FINAL", totalDuties: "485.00" }, declarant: { name: "Rhein Import AG" } } }],
    },
  });
});
