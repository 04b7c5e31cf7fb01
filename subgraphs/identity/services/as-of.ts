import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import { versionsAsOf } from "../../kit";

/**
 * A partner's records as of a past instant (issue 15), read from the history the database kept
 * (kit/history.ts; migrations/1765900000100-IdentityHistory.ts), never recomputed from today's
 * rows and their timestamps.
 */

/** The instant a row was read as of, for the fields computed from it (an authorisation's `decisionOverdue`). */
const readAsOf = new WeakMap<object, Date>();

/** The instant `row` was read as of; undefined for a row read live. */
export function asOfInstantOf(row: object): Date | undefined {
  return readAsOf.get(row);
}

/**
 * The rows of the partners as they stood at `at`, grouped by partner in the order of `partnerIds`:
 * one statement for any number of partners (the kit revives dates, booleans and JSON columns).
 */
export async function partnerRowsAsOf<T extends ObjectLiteral & { partnerId: string }>(manager: EntityManager, entity: EntityTarget<T>, partnerIds: readonly string[], at: Date): Promise<T[][]> {
  if (!partnerIds.length) return [];
  const rows = await versionsAsOf(manager, entity, { parentIds: partnerIds }, at);
  for (const row of rows) readAsOf.set(row, at);
  const byPartner = new Map<string, T[]>();
  for (const row of rows) byPartner.set(row.partnerId, [...(byPartner.get(row.partnerId) ?? []), row]);
  return partnerIds.map(id => byPartner.get(id) ?? []);
}
