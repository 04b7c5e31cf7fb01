import { DomainError, DomainErrorDetails } from "../../kit";
import type { RenewalCredential } from "../entities/api.entity";

/** DESIGN CHOICE (not in sources): the authority's own lockout of renewals, as ePortal locks its logins. */
const LOCKOUT_ARTICLE = "ePortal step 5 (DESIGN CHOICE: the sources are silent on lockout)";

/**
 * The identity subgraph's refusals. Each code is stable; the rule and its source travel with it
 * in `extensions`.
 */
export const IdentityErrors = {
  notRegistered: () =>
    new DomainError("PORTAL_USER_NOT_REGISTERED", "Register your CH-LOGIN account in ePortal first.", { rule: "ID-R01", article: "ePortal step 1" }),
  secondFactorRequired: () =>
    new DomainError("SECOND_FACTOR_REQUIRED", "Add a second factor (mTAN or authenticator app) before using FOCBS services.", {
      rule: "ID-R02",
      article: "ePortal step 1",
    }),
  notPartnerAdministrator: (partnerId: string) =>
    new DomainError("NOT_PARTNER_ADMINISTRATOR", "Only the partner's administrator or deputy may do this.", {
      rule: "ID-R13",
      article: "ePortal step 4",
      partnerId,
    }),
  officerRoleRequired: (roles: string[]) =>
    new DomainError("OFFICER_ROLE_REQUIRED", `This needs an officer with one of the roles ${roles.join(", ")}.`, { requiredRoles: roles }),
  emailTaken: (field: string) =>
    new DomainError("EMAIL_ALREADY_REGISTERED", "Another ePortal account already has this e-mail address; an address identifies one account, by which administrators add users (ID-R17).", {
      field,
      rule: "ID-R17",
      article: "ePortal step 1, step 4",
    }),
  portalUserAlreadyRegistered: () =>
    new DomainError("PORTAL_USER_ALREADY_REGISTERED", "This CH-LOGIN account is already registered.", { rule: "ID-R01", article: "ePortal step 1" }),
  partnerAlreadyRegistered: (field: "input.uid" | "input.berNumber", partnerId?: string) =>
    new DomainError(
      "PARTNER_ALREADY_REGISTERED",
      "This business partner is already registered. Ask its administrator to add you, or, if you entered it, request a new onboarding code.",
      { field, rule: "ID-R05", article: "ePortal step 2", ...(partnerId ? { partnerId } : {}) },
    ),
  alreadyAMember: () => new DomainError("ALREADY_A_MEMBER", "This user already belongs to the partner.", { field: "input.email" }),
  personalNumberTaken: (employeeId?: string) =>
    new DomainError("PERSONAL_NUMBER_TAKEN", "This personal number is already announced for the partner.", {
      field: "input.personalNumber",
      rule: "ID-R32",
      article: "OD-AFD art. 10",
      ...(employeeId ? { employeeId } : {}),
    }),
  /** Renewal by this path is locked: even the right secret or a fresh refresh token is refused until `lockedUntil`. */
  apiCredentialsLocked: (credential: RenewalCredential, lockedUntil: Date, now: Date) => {
    const retryAfterSeconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
    const until = `until ${lockedUntil.toISOString()} (retry in ${retryAfterSeconds} s)`;
    const message =
      credential === "CONSUMER_KEY"
        ? `Too many wrong consumer secrets: renewal with this consumer key is locked ${until}, even with the right secret. An administrator can regenerate the keys.`
        : `Too many refresh tokens presented after they were used or revoked (a sign that one was stolen): renewal by refresh token is locked for this application ${until}. Renew with the consumer key and secret, or have an administrator regenerate the keys.`;
    return new DomainError("API_CREDENTIALS_LOCKED", message, { article: LOCKOUT_ARTICLE, credential, lockedUntil: lockedUntil.toISOString(), retryAfterSeconds });
  },
  refused: (code: string, message: string, details: DomainErrorDetails) => new DomainError(code, message, details),
};
