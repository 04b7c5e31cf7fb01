import { CustomsGraphClient, CustomsGraphError } from "../src/client";
import { DeclarationsAndDebtsDocument, LodgeDeclarationDocument, PresentGoodsDocument, RenewAccessTokenDocument } from "../src/generated";

/**
 * An example partner integration, as a freight forwarder's clearance software would run it
 * (ePortal onboarding done, API application created, e-dec authorisation granted):
 * 1. renew its access token with its refresh token (and keep the new refresh token: each is used once);
 * 2. present the goods and lodge an import declaration for them through the Passar B2B channel;
 * 3. read its declarations and its customs debts.
 *
 * Run it against a graph: `npx ts-node --transpile-only clients/typescript/examples/partner-integration.ts`
 * with CUSTOMS_GRAPH_URL, PARTNER_ID, REFRESH_TOKEN, BUSINESS_NUMBER and PERSONAL_NUMBER set
 * (`npm start` prints the demo application's values and where the full set is kept).
 */
export interface PartnerSettings {
  url: string;
  partnerId: string;
  refreshToken: string;
  /** The e-dec business number and the declaring employee's personal number (ID-R23, ID-R29). */
  businessNumber: string;
  personalNumber: string;
  officeId?: string;
}

export interface IntegrationRun {
  /** Store it: the next run needs it, and the one it replaced no longer works. */
  refreshToken: string;
  accessTokenExpiresAt: string;
  lodged: { id: string; declarationNumber: string; status: string };
  declarations: { totalCount: number; numbers: string[] };
  debts: { totalCount: number; outstanding: string[] };
}

export async function runPartnerIntegration(settings: PartnerSettings, fetchFn: typeof fetch = fetch): Promise<IntegrationRun> {
  const session: { accessToken?: string } = {};
  const client = new CustomsGraphClient({ url: settings.url, token: () => session.accessToken, fetch: fetchFn });

  const renewed = (await client.request(RenewAccessTokenDocument, { refreshToken: settings.refreshToken })).renewApiAccessToken;
  session.accessToken = renewed.accessToken;

  const officeId = settings.officeId ?? "1001";
  const presentation = (
    await client.request(PresentGoodsDocument, { input: { officeId, presenterId: settings.partnerId, summaryForm: "ELECTRONIC", place: "Basel", goodsDescription: "Cotton T-shirts" } })
  ).presentGoods.presentation;
  const lodged = (
    await client.request(LodgeDeclarationDocument, {
      input: {
        declarantId: settings.partnerId,
        officeId,
        direction: "IMPORT",
        procedure: "FREE_CIRCULATION",
        destination: "CUSTOMS_PROCEDURE",
        channel: "PASSAR_B2B",
        businessNumber: settings.businessNumber,
        personalNumber: settings.personalNumber,
        language: "de",
        presentationId: presentation.id,
        items: [{ tariffNumber: "6109.1000", description: "Cotton T-shirts", netMassKg: "90.000", grossMassKg: "100.000", value: "5000.00", origin: "IT" }],
      },
    })
  ).lodgeDeclaration.declaration;

  const partner = (await client.request(DeclarationsAndDebtsDocument, { partnerId: settings.partnerId, first: 50 })).businessPartner;
  return {
    refreshToken: renewed.refreshToken,
    accessTokenExpiresAt: renewed.accessTokenExpiresAt,
    lodged,
    declarations: { totalCount: partner.declarations?.totalCount ?? 0, numbers: partner.declarations?.edges.map(e => e.node.declarationNumber) ?? [] },
    debts: { totalCount: partner.customsDebts?.totalCount ?? 0, outstanding: partner.customsDebts?.edges.map(e => e.node.outstanding) ?? [] },
  };
}

if (require.main === module) {
  const need = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  runPartnerIntegration({
    url: process.env.CUSTOMS_GRAPH_URL ?? "http://127.0.0.1:4000/graphql",
    partnerId: need("PARTNER_ID"),
    refreshToken: need("REFRESH_TOKEN"),
    businessNumber: need("BUSINESS_NUMBER"),
    personalNumber: need("PERSONAL_NUMBER"),
  }).then(
    run => console.log(JSON.stringify(run, null, 2)),
    error => {
      console.error(error instanceof CustomsGraphError ? `${error.code}: ${error.message}` : error);
      process.exit(1);
    },
  );
}
