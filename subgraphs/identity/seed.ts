import fs from "node:fs";
import path from "node:path";
import { Principal, resolveDatabaseUrl } from "../kit";
import { AuthorisationScope, CustomsSystem, PartnerRoleType, PartnerType, PortalRole, SecondFactor } from "./entities/enums";
import { PortalUser } from "./entities/portal-user.entity";
import { UidRegisterEntry } from "./entities/uid-register.entity";
import type { IdentityServices } from "./services";
import { B2B_API_NAME } from "./services/config";
import { SpoolLetterDispatcher } from "./services/letters";
import { uidFromDigits } from "./services/secrets";

export const DEMO_OFFICER: Principal = { kind: "OFFICER", subject: "demo-officer", partners: [], officerRoles: ["ONBOARDING_SERVICE", "DGD"] };
export const DEMO_ADMIN_SUBJECT = "chlogin|alice.muster";
export const DEMO_DEPUTY_SUBJECT = "chlogin|bruno.keller";

const portalUser = (subject: string): Principal => ({ kind: "PORTAL_USER", subject, partners: [], officerRoles: [] });

export interface DemoCredentials {
  partnerId: string;
  applicationId: string;
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  consumerKey: string;
  consumerSecret: string;
}

/**
 * Where the demo application's credentials are kept: one file per identity database
 * (`<DATA_DIR>/demo-credentials/sqlite.json`, `.../mysql-127.0.0.1-3306-customs_identity.json`),
 * so that switching between the embedded SQLite and MariaDB with one data folder finds each
 * database's own credentials. `DEMO_CREDENTIALS_FILE` names a file instead.
 */
export function demoCredentialsFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DEMO_CREDENTIALS_FILE) return path.resolve(env.DEMO_CREDENTIALS_FILE);
  const dataDir = path.resolve(env.DATA_DIR || "data");
  const url = resolveDatabaseUrl("identity", env);
  let key = "sqlite";
  if (url) {
    const parsed = new URL(url);
    key = `mysql-${parsed.hostname}-${parsed.port || "3306"}-${parsed.pathname.replace(/^\//, "")}`.replace(/[^A-Za-z0-9._-]/g, "_");
  }
  return path.join(dataDir, "demo-credentials", `${key}.json`);
}

/**
 * The demo data set of `npm start`: an excerpt of the UID register, a freight forwarder onboarded
 * through the real ePortal flow (registration, letter, code, roles, API keys) and a second
 * partner awaiting its letter. Runs once; later starts only renew the demo access token.
 */
export async function seedDemoData(services: IdentityServices, credentialsFile?: string): Promise<DemoCredentials | null> {
  const file = credentialsFile ?? demoCredentialsFile(services.runtime.env);
  const users = services.runtime.dataSource.getRepository(PortalUser);
  if (await users.findOneBy({ chLoginSubject: DEMO_ADMIN_SUBJECT })) {
    if (!fs.existsSync(file)) return null;
    const saved = JSON.parse(fs.readFileSync(file, "utf8")) as DemoCredentials;
    // Credentials of another database (a file copied or named by hand) must not stop the start.
    const renewed = await services.api.renew({ consumerKey: saved.consumerKey, consumerSecret: saved.consumerSecret }).catch((error: unknown) => {
      services.runtime.logger.warn({ err: error, file }, "the demo credentials file does not belong to this database: no partner API token this time (npm run reset starts afresh)");
      return null;
    });
    if (!renewed) return null;
    const next = { ...saved, accessToken: renewed.accessToken, accessTokenExpiresAt: renewed.accessTokenExpiresAt.toISOString(), refreshToken: renewed.refreshToken };
    fs.writeFileSync(file, JSON.stringify(next, null, 2), { mode: 0o600 });
    return next;
  }
  const letters = services.letters;
  if (!(letters instanceof SpoolLetterDispatcher)) throw new Error("the demo seed reads its onboarding code from the letter spool");

  const address = (street: string, postalCode: string, city: string, country = "CH") => ({ street, postalCode, city, country });
  const register: UidRegisterEntry[] = [
    { uid: uidFromDigits("11223344"), name: "Alpine Freight AG", partnerType: PartnerType.LEGAL_ENTITY, address: address("Hafenstrasse 12", "4057", "Basel"), domicileInCustomsTerritory: true },
    { uid: uidFromDigits("22334455"), name: "Lemanic Trading SA", partnerType: PartnerType.LEGAL_ENTITY, address: address("Rue du Rhône 40", "1204", "Genève"), domicileInCustomsTerritory: true },
    { uid: uidFromDigits("33445567"), name: "Vaduz Precision Anstalt", partnerType: PartnerType.LEGAL_ENTITY, address: address("Städtle 7", "9490", "Vaduz", "LI"), domicileInCustomsTerritory: true },
    { uid: uidFromDigits("44556677"), name: "Ticino Logistica Sagl", partnerType: PartnerType.LEGAL_ENTITY, address: address("Via Cantonale 3", "6900", "Lugano"), domicileInCustomsTerritory: true },
  ];
  for (const entry of register) await services.partners.recordRegisterEntry(Object.assign(new UidRegisterEntry(), entry));
  await services.partners.recordBranchEntry({ berNumber: "87654321", headOfficeUid: register[0].uid, name: "Alpine Freight AG, Zweigniederlassung Chiasso", address: address("Via Dogana 1", "6830", "Chiasso") });

  const alice = portalUser(DEMO_ADMIN_SUBJECT);
  await services.users.register(alice, { email: "alice.muster@alpine-freight.example" });
  await services.users.addSecondFactor(alice, SecondFactor.MTAN);
  const bruno = portalUser(DEMO_DEPUTY_SUBJECT);
  await services.users.register(bruno, { email: "bruno.keller@alpine-freight.example" });
  await services.users.addSecondFactor(bruno, SecondFactor.AUTHENTICATOR_APP);

  const partner = await services.partners.register(alice, { uid: register[0].uid });
  const [letter] = await letters.lettersFor(partner.id);
  await services.partners.redeemCode(alice, { code: letter.onboardingCode, acceptTermsOfUse: true, termsVersion: services.config.termsOfUseVersion });
  await services.partners.addUser(alice, { partnerId: partner.id, email: "bruno.keller@alpine-freight.example", portalRole: PortalRole.DEPUTY });
  await services.roles.request(alice, { partnerId: partner.id, roleType: PartnerRoleType.FREIGHT, contactPerson: { name: "Alice Muster", email: "alice.muster@alpine-freight.example" } });
  await services.roles.request(alice, { partnerId: partner.id, roleType: PartnerRoleType.TRANSPORT });
  const consignee = await services.roles.request(alice, { partnerId: partner.id, roleType: PartnerRoleType.AUTHORISED_CONSIGNEE });
  await services.roles.release(DEMO_OFFICER, consignee.id, "Authorised consignee status confirmed");
  const subscription = await services.api.subscribe(alice, { partnerId: partner.id, apiName: B2B_API_NAME });
  const { application, credentials } = await services.api.createApplication(alice, { subscriptionId: subscription.id, softwareName: "ClearWay Customs 5" });
  await services.employees.announce(alice, { partnerId: partner.id, personalNumber: "AF001", name: "Alice Muster" });
  // e-dec/NCTS authorisation (OD-AFD art. 8), granted by the DGD: declarations learns of it (X04).
  const authorisation = await services.authorisations.apply(alice, {
    partnerId: partner.id,
    systems: [CustomsSystem.EDEC, CustomsSystem.NCTS],
    scope: AuthorisationScope.DOMESTIC,
    writtenApplicationReference: "DGD-DEMO-0001",
    itEquipmentConfirmed: true,
    properConductGuaranteed: true,
  });
  await services.authorisations.recordSecurity(DEMO_OFFICER, authorisation.id, "BOND-DEMO-1");
  await services.authorisations.recordDocumentsComplete(DEMO_OFFICER, authorisation.id);
  await services.authorisations.grant(DEMO_OFFICER, authorisation.id);

  // A second partner, entered but not yet verified: its letter waits in the spool.
  await services.partners.register(bruno, { uid: register[1].uid });

  const saved: DemoCredentials = {
    partnerId: partner.id,
    applicationId: application.id,
    accessToken: credentials.accessToken,
    accessTokenExpiresAt: credentials.accessTokenExpiresAt.toISOString(),
    refreshToken: credentials.refreshToken,
    consumerKey: credentials.consumerKey,
    consumerSecret: credentials.consumerSecret,
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(saved, null, 2), { mode: 0o600 });
  return saved;
}
