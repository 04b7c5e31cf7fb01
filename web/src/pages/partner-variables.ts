import { endOfZurichDay, isDay } from "../format";
import type { PartnerPageQueryVariables } from "../generated";

/** `?asOf=` of the partner page: a calendar day, or null (today). */
export function parseAsOf(value: string | null): string | null {
  return isDay(value) ? value : null;
}

/**
 * The PartnerPage query's variables. The chosen day means the state at its end, Zurich time
 * (e.g. 2025-03-31 → 2025-03-31T23:59:59.999+02:00); today means now (no `asOf`: the end of today
 * is still in the future, which the graph refuses).
 */
export function partnerVariables(id: string, asOf: string | null, today: string): PartnerPageQueryVariables {
  return asOf && asOf < today ? { id, asOf: endOfZurichDay(asOf) } : { id };
}
