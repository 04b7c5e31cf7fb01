import { runPartnerIntegration } from "../clients/typescript/examples/partner-integration";
import { CustomsGraphError } from "../clients/typescript/src/client";
import { mintDevToken } from "../scripts/mint-token";
import { definition as debtDefinition } from "../subgraphs/debt/debt.subgraph";
import { definition as declarationsDefinition } from "../subgraphs/declarations/declarations.subgraph";
import { definition as identityDefinition } from "../subgraphs/identity/identity.subgraph";
import { gql } from "./support/graphql";
import { Graph, startGraph } from "./support/graph";
import { ok, onboardDeclarant } from "./support/onboarding";

/**
 * Issue 13: the typed client generated from schema/api.graphql (clients/typescript), used by the
 * example partner integration against the real graph: it renews its token, presents goods and
 * lodges a declaration, then reads its declarations and debts; an officer's taxation in between
 * makes the debt appear in its second run.
 */
let g: Graph;

beforeAll(async () => {
  g = await startGraph("customs_test_e2e_client", "2026-03-02T08:00:00+01:00", [identityDefinition, declarationsDefinition, debtDefinition]);
});
afterAll(async () => {
  await g?.stop();
});

describe("the example partner integration on the typed client", () => {
  it("renews its token, lodges a declaration, and reads its declarations and then the debt of its taxation", async () => {
    const partner = await onboardDeclarant(g.gatewayUrl, g.spool, "97200001", "Client Freight AG");
    await g.drainEvents();
    const settings = { url: g.gatewayUrl, partnerId: partner.partnerId, refreshToken: partner.refreshToken(), businessNumber: partner.businessNumber, personalNumber: partner.personalNumber };

    const first = await runPartnerIntegration(settings);
    expect(first.refreshToken).not.toBe(settings.refreshToken);
    expect(first.lodged.status).toBe("ACCEPTED");
    expect(first.declarations).toEqual({ totalCount: 1, numbers: [first.lodged.declarationNumber] });
    expect(first.debts).toEqual({ totalCount: 0, outstanding: [] });

    // The refresh token it used is spent: a retry with it is refused with the graph's stable code.
    const replay = await runPartnerIntegration(settings).catch(error => error);
    expect(replay).toBeInstanceOf(CustomsGraphError);
    expect((replay as CustomsGraphError).code).toMatch(/^API_/);

    const officer = await mintDevToken({ kind: "officer", sub: "officer-client", roles: ["CUSTOMS_OFFICE"] });
    ok(await gql(g.gatewayUrl, `mutation ($id: ID!) { taxDeclaration(input: { declarationId: $id, kind: FINAL }) { taxationDecision { id } } }`, { id: first.lodged.id }, { bearer: officer }));
    await g.drainEvents();

    const second = await runPartnerIntegration({ ...settings, refreshToken: first.refreshToken });
    expect(second.declarations.totalCount).toBe(2);
    expect(second.declarations.numbers).toEqual(expect.arrayContaining([first.lodged.declarationNumber, second.lodged.declarationNumber]));
    expect(second.debts.totalCount).toBe(1);
    // Money travels as an exact decimal string.
    expect(second.debts.outstanding[0]).toMatch(/^\d+\.\d{2}$/);
    expect(Number(second.debts.outstanding[0])).toBeGreaterThan(0);
  });
});
