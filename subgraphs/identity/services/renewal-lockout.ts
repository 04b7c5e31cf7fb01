import { EntityManager } from "typeorm";
import { DomainError, findForUpdate } from "../../kit";
import { ApiRenewalLockout, RenewalCredential } from "../entities/api.entity";
import { RenewalLockoutSettings } from "./config";
import { IdentityErrors } from "./errors";

/** One path's failure count of one application, row-locked for the rest of the transaction. */
export interface RenewalCounter {
  applicationId: string;
  credential: RenewalCredential;
  /** Null until the first failure (and again after a successful renewal). */
  row: ApiRenewalLockout | null;
}

type CounterState = Pick<ApiRenewalLockout, "failedAttempts" | "windowStartedAt" | "lockedUntil">;

/**
 * DESIGN CHOICE (not in sources, which say nothing on lockout; the authority's choice, as ePortal
 * locks its own logins): `attempts` failed renewals of one application by one path within
 * `windowMinutes` of the first of them lock that path for `lockMinutes`.
 *
 * - Consumer key: a known consumer key with a wrong secret fails. An unknown key counts nothing
 *   (there is nothing to lock; the gateway's per-caller rate limit covers anonymous floods).
 * - Refresh token: a known refresh token that was already rotated or revoked fails, because a
 *   replayed refresh token is the classic sign of theft. The consumer key still renews, so the
 *   software recovers with the stronger credential. An expired token is only old: it counts nothing.
 *
 * Correct under concurrency by construction: the caller holds the application's row lock
 * (SELECT ... FOR UPDATE) before `open`, which row-locks the counter too, so parallel failures of
 * one application queue, each reads the count its predecessor committed, and exactly one sets the
 * lock. The count is written in the renewal's own transaction, which commits before the refusal
 * is thrown (ApiSelfService.renew): the refusal does not roll it back.
 */
export class RenewalLockouts {
  constructor(private readonly settings: RenewalLockoutSettings) {}

  /** The path's counter; refuses with API_CREDENTIALS_LOCKED while its lock lasts, whatever the secret. */
  async open(m: EntityManager, applicationId: string, credential: RenewalCredential, now: Date): Promise<RenewalCounter> {
    const row = await findForUpdate(m, ApiRenewalLockout, { applicationId, credential });
    if (row?.lockedUntil && row.lockedUntil.getTime() > now.getTime()) throw IdentityErrors.apiCredentialsLocked(credential, row.lockedUntil, now);
    return { applicationId, credential, row };
  }

  /**
   * Counts one failure and returns the refusal that answers it: `invalid`, or API_CREDENTIALS_LOCKED
   * when this failure reaches the threshold. The caller commits, then throws it.
   */
  async fail(m: EntityManager, counter: RenewalCounter, now: Date, invalid: DomainError): Promise<DomainError> {
    const { applicationId, credential } = counter;
    const next = nextFailure(counter.row, now, this.settings);
    if (counter.row) await m.update(ApiRenewalLockout, { applicationId, credential }, next);
    else await m.insert(ApiRenewalLockout, { applicationId, credential, ...next });
    return next.lockedUntil ? IdentityErrors.apiCredentialsLocked(credential, next.lockedUntil, now) : invalid;
  }

  /** A successful renewal by this path starts its count afresh. */
  async succeed(m: EntityManager, counter: RenewalCounter): Promise<void> {
    if (counter.row) await m.delete(ApiRenewalLockout, { applicationId: counter.applicationId, credential: counter.credential });
  }

  /** New keys (ID-R23): the failures and locks earned by the old ones no longer apply. */
  async clear(m: EntityManager, applicationId: string): Promise<void> {
    await m.delete(ApiRenewalLockout, { applicationId });
  }
}

/** The counter after one more failure (never called while locked: `open` refused first). */
export function nextFailure(row: CounterState | null, now: Date, settings: RenewalLockoutSettings): CounterState {
  // A new window opens at the first failure, once the previous window is over, or after a lock expired.
  const fresh = !row || row.lockedUntil !== null || now.getTime() - row.windowStartedAt.getTime() >= settings.windowMinutes * 60_000;
  const failedAttempts = fresh ? 1 : row.failedAttempts + 1;
  const windowStartedAt = fresh ? now : row.windowStartedAt;
  const lockedUntil = failedAttempts >= settings.attempts ? new Date(now.getTime() + settings.lockMinutes * 60_000) : null;
  return { failedAttempts, windowStartedAt, lockedUntil };
}
