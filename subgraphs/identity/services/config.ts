import path from "node:path";
import { PartnerRoleType } from "../entities/enums";

/** Identity's settings, from the environment, with the defaults a customs authority would pick. */
export interface IdentityConfig {
  /** Server-side pepper for onboarding code hashes (`ONBOARDING_CODE_PEPPER`). */
  onboardingCodePepper: string;
  /** ID-R11: days an onboarding code is valid. */
  onboardingCodeValidityDays: number;
  /** Wrong codes in a row before redemption locks (`ONBOARDING_MAX_FAILED_ATTEMPTS`, default 5). */
  maxFailedCodeAttempts: number;
  /** How long redemption stays locked (`ONBOARDING_LOCK_MINUTES`, default 30). */
  codeLockMinutes: number;
  /** Current terms of use version (ID-R09, `TERMS_OF_USE_VERSION`). */
  termsOfUseVersion: string;
  /** ID-R15: role types released only after clarification by FOCBS (`ROLES_NEEDING_CLARIFICATION`). */
  rolesNeedingClarification: PartnerRoleType[];
  /** Access token lifetime (`API_ACCESS_TOKEN_TTL_SECONDS`, default 3600). */
  accessTokenTtlSeconds: number;
  /** Refresh token lifetime (`API_REFRESH_TOKEN_TTL_SECONDS`, default 90 days). */
  refreshTokenTtlSeconds: number;
  /** Spool folder of the print service for verification letters (`LETTER_SPOOL_DIR`). */
  letterSpoolDir: string;
  /** DESIGN CHOICE: when repeated wrong secrets lock an application's renewal (services/renewal-lockout.ts). */
  renewalLockout: RenewalLockoutSettings;
}

export interface RenewalLockoutSettings {
  /** Failures that lock (`IDENTITY_LOCKOUT_ATTEMPTS`, default 5). */
  attempts: number;
  /** Within how many minutes of the first failure they count (`IDENTITY_LOCKOUT_WINDOW_MINUTES`, default 15). */
  windowMinutes: number;
  /** How long the lock lasts (`IDENTITY_LOCKOUT_MINUTES`, default 15). */
  lockMinutes: number;
}

export const B2B_API_NAME = "B2B HuB Partner API for Passar declarations";
/** The APIs that API self-service offers (ID-R22). */
export const API_CATALOGUE = [B2B_API_NAME];

export function identityConfig(env: NodeJS.ProcessEnv): IdentityConfig {
  const pepper = env.ONBOARDING_CODE_PEPPER;
  if (!pepper && env.NODE_ENV === "production") throw new Error("ONBOARDING_CODE_PEPPER must be set in production");
  const clarification = (env.ROLES_NEEDING_CLARIFICATION ?? "AUTHORISED_CONSIGNEE,AUTHORISED_CONSIGNOR")
    .split(",")
    .map(s => s.trim())
    .filter(Boolean) as PartnerRoleType[];
  for (const role of clarification) {
    if (!Object.values(PartnerRoleType).includes(role)) throw new Error(`ROLES_NEEDING_CLARIFICATION: unknown role ${role}`);
  }
  return {
    onboardingCodePepper: pepper ?? "development-only-onboarding-pepper",
    onboardingCodeValidityDays: 14,
    maxFailedCodeAttempts: Number(env.ONBOARDING_MAX_FAILED_ATTEMPTS ?? 5),
    codeLockMinutes: Number(env.ONBOARDING_LOCK_MINUTES ?? 30),
    termsOfUseVersion: env.TERMS_OF_USE_VERSION ?? "2024-01",
    rolesNeedingClarification: clarification,
    accessTokenTtlSeconds: Number(env.API_ACCESS_TOKEN_TTL_SECONDS ?? 3600),
    refreshTokenTtlSeconds: Number(env.API_REFRESH_TOKEN_TTL_SECONDS ?? 90 * 24 * 3600),
    letterSpoolDir: env.LETTER_SPOOL_DIR ?? path.resolve(env.DATA_DIR ?? "data", "letters"),
    renewalLockout: {
      attempts: positiveInteger(env, "IDENTITY_LOCKOUT_ATTEMPTS", 5),
      windowMinutes: positiveInteger(env, "IDENTITY_LOCKOUT_WINDOW_MINUTES", 15),
      lockMinutes: positiveInteger(env, "IDENTITY_LOCKOUT_MINUTES", 15),
    },
  };
}

/** A lockout that a typo turns off (0, "", "5 min") is worse than none: refuse to start. */
function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 100_000) throw new Error(`${name} must be an integer from 1 to 100000, not '${raw}'`);
  return value;
}
