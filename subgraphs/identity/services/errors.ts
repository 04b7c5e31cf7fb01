import { DomainError, DomainErrorDetails } from "../../kit";

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
  refused: (code: string, message: string, details: DomainErrorDetails) => new DomainError(code, message, details),
};
