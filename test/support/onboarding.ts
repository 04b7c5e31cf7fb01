import { mintDevToken } from "../../scripts/mint-token";
import { uidFromDigits } from "../../subgraphs/identity/services/secrets";
import type { SpoolLetterDispatcher } from "../../subgraphs/identity/services/letters";
import { gql, GraphQLResponse } from "./graphql";

export function ok<T = Record<string, any>>(res: GraphQLResponse<T>): T {
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data as T;
}

export interface OnboardedDeclarant {
  partnerId: string;
  /** The administrator's portal token, and the CH-LOGIN subject it carries. */
  admin: string;
  adminSubject: string;
  businessNumber: string;
  personalNumber: string;
  /** The clearance software's current access token; `renew()` rotates it as the day goes on. */
  software(): string;
  /** The clearance software's current refresh token (each is used once: `renew()` replaces it). */
  refreshToken(): string;
  renew(): Promise<void>;
}

/**
 * ePortal steps 1-5 and the e-dec authorisation through the gateway, as a partner and the
 * administration would do them: a declarant ready to lodge through its clearance software.
 */
export async function onboardDeclarant(gatewayUrl: string, spool: SpoolLetterDispatcher, digits: string, name: string): Promise<OnboardedDeclarant> {
  const call = (query: string, variables: Record<string, unknown> = {}, bearer?: string) => gql(gatewayUrl, query, variables, bearer ? { bearer } : {});
  const officer = await mintDevToken({ kind: "officer", sub: "officer-onboarding", roles: ["ONBOARDING_SERVICE"] });
  const dgd = await mintDevToken({ kind: "officer", sub: "officer-dgd", roles: ["DGD"] });
  const uid = uidFromDigits(digits);
  ok(await call(`mutation ($uid: String!, $name: String!) { recordUidRegisterEntry(input: { uid: $uid, name: $name, partnerType: LEGAL_ENTITY, address: { street: "Hafen 1", postalCode: "4057", city: "Basel", country: "CH" }, domicileInCustomsTerritory: true }) { uidRegisterEntry { uid } } }`, { uid, name }, officer));
  const admin = await mintDevToken({ kind: "portal_user", sub: `chlogin|${digits}` });
  ok(await call(`mutation ($e: String!) { registerPortalUser(input: { email: $e }) { portalUser { id } } }`, { e: `admin-${digits}@example.ch` }, admin));
  ok(await call(`mutation { addSecondFactor(input: { kind: MTAN }) { portalUser { id } } }`, {}, admin));
  const partnerId = ok(await call(`mutation ($uid: String!) { registerBusinessPartner(input: { uid: $uid }) { businessPartner { id } } }`, { uid }, admin)).registerBusinessPartner.businessPartner.id as string;
  const [letter] = await spool.lettersFor(partnerId);
  ok(await call(`mutation ($c: String!) { redeemOnboardingCode(input: { code: $c, acceptTermsOfUse: true, termsVersion: "2024-01" }) { membership { id } } }`, { c: letter.onboardingCode }, admin));
  ok(await call(`mutation ($p: ID!) { requestPartnerRole(input: { partnerId: $p, roleType: FREIGHT }) { role { status } } }`, { p: partnerId }, admin));
  const sub = ok(await call(`mutation ($p: ID!) { subscribeToApi(input: { partnerId: $p, apiName: "B2B HuB Partner API for Passar declarations" }) { subscription { id } } }`, { p: partnerId }, admin));
  const keys = ok(await call(`mutation ($s: ID!) { createApiApplication(input: { subscriptionId: $s, softwareName: "Clearance 1" }) { credentials { accessToken refreshToken } } }`, { s: sub.subscribeToApi.subscription.id }, admin)).createApiApplication.credentials;
  const auth = ok(await call(`mutation ($p: ID!) { applyForCustomsSystemAuthorisation(input: { partnerId: $p, systems: [EDEC], scope: DOMESTIC, writtenApplicationReference: "DGD-TEST-1", itEquipmentConfirmed: true, properConductGuaranteed: true }) { authorisation { id } } }`, { p: partnerId }, admin)).applyForCustomsSystemAuthorisation.authorisation.id;
  ok(await call(`mutation ($id: ID!) { recordAuthorisationSecurity(input: { authorisationId: $id, securityReference: "BOND-1" }) { authorisation { id } } }`, { id: auth }, dgd));
  ok(await call(`mutation ($id: ID!) { recordAuthorisationDocumentsComplete(input: { authorisationId: $id }) { authorisation { id } } }`, { id: auth }, dgd));
  const businessNumber = ok(await call(`mutation ($id: ID!) { grantCustomsSystemAuthorisation(input: { authorisationId: $id }) { authorisation { businessNumber } } }`, { id: auth }, dgd)).grantCustomsSystemAuthorisation.authorisation.businessNumber as string;
  ok(await call(`mutation ($p: ID!) { announceDeclarantEmployee(input: { partnerId: $p, personalNumber: "E1", name: "Eva Eins" }) { employee { id } } }`, { p: partnerId }, admin));
  let access = keys.accessToken as string;
  let refresh = keys.refreshToken as string;
  return {
    partnerId,
    admin,
    adminSubject: `chlogin|${digits}`,
    businessNumber,
    personalNumber: "E1",
    software: () => access,
    refreshToken: () => refresh,
    async renew() {
      const renewed = ok(await call(`mutation ($r: String!) { renewApiAccessToken(input: { refreshToken: $r }) { accessToken refreshToken } }`, { r: refresh })).renewApiAccessToken;
      access = renewed.accessToken;
      refresh = renewed.refreshToken;
    },
  };
}

/**
 * ePortal steps 1-3 through the gateway, without roles or API keys: a registered, secured
 * administrator of a partner that redeemed its onboarding code (`onboarding`: an officer token
 * with ONBOARDING_SERVICE, which records the UID register entry).
 */
export async function onboardPortalPartner(gatewayUrl: string, spool: SpoolLetterDispatcher, digits: string, name: string, onboarding: string): Promise<{ partnerId: string; admin: string }> {
  const call = (query: string, variables: Record<string, unknown>, bearer: string) => gql(gatewayUrl, query, variables, { bearer });
  const uid = uidFromDigits(digits);
  ok(await call(`mutation ($uid: String!, $name: String!) { recordUidRegisterEntry(input: { uid: $uid, name: $name, partnerType: LEGAL_ENTITY, address: { street: "Hafen 1", postalCode: "4057", city: "Basel", country: "CH" }, domicileInCustomsTerritory: true }) { uidRegisterEntry { uid } } }`, { uid, name }, onboarding));
  const admin = await mintDevToken({ kind: "portal_user", sub: `chlogin|${digits}` });
  ok(await call(`mutation ($e: String!) { registerPortalUser(input: { email: $e }) { portalUser { id } } }`, { e: `admin-${digits}@example.ch` }, admin));
  ok(await call(`mutation { addSecondFactor(input: { kind: MTAN }) { portalUser { id } } }`, {}, admin));
  const partnerId = ok(await call(`mutation ($uid: String!) { registerBusinessPartner(input: { uid: $uid }) { businessPartner { id } } }`, { uid }, admin)).registerBusinessPartner.businessPartner.id as string;
  const [letter] = await spool.lettersFor(partnerId);
  ok(await call(`mutation ($c: String!) { redeemOnboardingCode(input: { code: $c, acceptTermsOfUse: true, termsVersion: "2024-01" }) { membership { id } } }`, { c: letter.onboardingCode }, admin));
  return { partnerId, admin };
}
