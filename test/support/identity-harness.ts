import path from "node:path";
import { FixedClock, Principal, RunningHost, Subgraph } from "../../subgraphs/kit";
import { definition } from "../../subgraphs/identity/identity.subgraph";
import type { IdentityServices } from "../../subgraphs/identity/services";
import { SpoolLetterDispatcher } from "../../subgraphs/identity/services/letters";
import { uidFromDigits } from "../../subgraphs/identity/services/secrets";
import { GraphQLResponse, officer, portalUser } from "./graphql";
import { startTestSubgraph } from "./subgraph-harness";

export interface IdentityHarness {
  subgraph: Subgraph<IdentityServices>;
  host: RunningHost;
  url: string;
  clock: FixedClock;
  spool: SpoolLetterDispatcher;
  env: NodeJS.ProcessEnv;
  as<T = Record<string, any>>(principal: Principal, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** The onboarding code of the partner's latest letter (the letter is the only place it exists). */
  latestCode(partnerId: string): Promise<string>;
  /** CHECKSUM TABLE over every identity table (MariaDB) or row dumps (SQLite): proves "nothing changed". */
  fingerprint(): Promise<string>;
  stop(): Promise<void>;
}

export const ONBOARDING = officer("ONBOARDING_SERVICE");
export const DGD = officer("DGD");

/** Starts the identity subgraph on a fresh MariaDB database (or SQLite with `engine: "sqlite"`). */
export async function startIdentity(database: string, options: { now?: string; engine?: "mysql" | "sqlite"; extraEnv?: NodeJS.ProcessEnv } = {}): Promise<IdentityHarness> {
  const t = await startTestSubgraph(definition, database, { now: options.now, engine: options.engine, env: dir => ({ LETTER_SPOOL_DIR: path.join(dir, "letters"), ...options.extraEnv }) });
  const { subgraph, clock, host, url } = t;
  const spool = new SpoolLetterDispatcher(path.join(t.dir, "letters"));
  const env = subgraph.runtime.env;
  return {
    subgraph,
    host,
    url,
    clock,
    spool,
    env,
    as: t.as,
    async latestCode(partnerId) {
      const letters = await spool.lettersFor(partnerId);
      if (!letters.length) throw new Error(`no letter for ${partnerId}`);
      return letters[letters.length - 1].onboardingCode;
    },
    fingerprint: t.fingerprint,
    stop: t.stop,
  };
}

export const REGISTER_ENTRY = /* GraphQL */ `
  mutation ($input: RecordUidRegisterEntryInput!) { recordUidRegisterEntry(input: $input) { uidRegisterEntry { uid name } } }`;

/** Puts a company into the FOCBS mirror of the UID register, as the onboarding service does. */
export async function registerCompany(h: IdentityHarness, digits: string, name: string, options: { country?: string; domicile?: boolean; city?: string } = {}): Promise<string> {
  const uid = uidFromDigits(digits);
  const res = await h.as(ONBOARDING, REGISTER_ENTRY, {
    input: {
      uid,
      name,
      partnerType: "LEGAL_ENTITY",
      address: { street: "Bahnhofstrasse 1", postalCode: "8001", city: options.city ?? "Zürich", country: options.country ?? "CH" },
      domicileInCustomsTerritory: options.domicile ?? true,
    },
  });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return uid;
}

/** A registered, secured portal user (ePortal step 1). */
export async function securedUser(h: IdentityHarness, subject: string, email = `${subject.replace(/\W/g, ".")}@example.ch`): Promise<Principal> {
  const user = portalUser(subject);
  const a = await h.as(user, `mutation ($input: RegisterPortalUserInput!) { registerPortalUser(input: $input) { portalUser { id } } }`, { input: { email } });
  if (a.errors) throw new Error(JSON.stringify(a.errors));
  const b = await h.as(user, `mutation { addSecondFactor(input: { kind: MTAN }) { portalUser { status } } }`);
  if (b.errors) throw new Error(JSON.stringify(b.errors));
  return user;
}

/** Steps 1-3: a secured user registers the company by UID and redeems the code from the letter. */
export async function onboardedPartner(h: IdentityHarness, subject: string, digits: string, name: string): Promise<{ partnerId: string; admin: Principal; uid: string }> {
  const uid = await registerCompany(h, digits, name);
  const admin = await securedUser(h, subject);
  const reg = await h.as(admin, `mutation ($uid: String!) { registerBusinessPartner(input: { uid: $uid }) { businessPartner { id } } }`, { uid });
  if (reg.errors) throw new Error(JSON.stringify(reg.errors));
  const partnerId = reg.data!.registerBusinessPartner.businessPartner.id as string;
  const code = await h.latestCode(partnerId);
  const red = await h.as(admin, REDEEM, { code, version: h.subgraph.services.config.termsOfUseVersion });
  if (red.errors) throw new Error(JSON.stringify(red.errors));
  return { partnerId, admin, uid };
}

export const REDEEM = /* GraphQL */ `
  mutation ($code: String!, $version: String!, $accept: Boolean = true) {
    redeemOnboardingCode(input: { code: $code, acceptTermsOfUse: $accept, termsVersion: $version }) {
      membership { portalRole partner { id status } }
    }
  }`;
