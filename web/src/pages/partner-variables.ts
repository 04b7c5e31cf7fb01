import { endOfZurichDay, isDay } from "../format";
import type { PartnerPageQueryVariables } from "../generated";

/**
 * AS-OF WIRING. The graph is gaining `asOf: DateTime` on BusinessPartner.exposure, securities,
 * customsDebts and roles; schema/api.graphql does not have it yet, and codegen refuses an
 * operation that uses it. When it lands:
 *   1. in web/src/operations/partner.graphql, declare `$asOf: DateTime` on PartnerPage and pass
 *      `asOf: $asOf` to exposure, securities, customsDebts and roles;
 *   2. `npm run clients`;
 *   3. set AS_OF_SUPPORTED to true (then drop it and the intersection type below).
 * Until then the page keeps the chosen day in its URL (?asOf=YYYY-MM-DD) and says that the
 * figures are today's.
 */
export const AS_OF_SUPPORTED = false;

/** `?asOf=` of the partner page: a calendar day, or null (today). */
export function parseAsOf(value: string | null): string | null {
  return isDay(value) ? value : null;
}

/**
 * The PartnerPage query's variables. The chosen day means the state at its end, Zurich time
 * (e.g. 2025-03-31 → 2025-03-31T23:59:59.999+02:00).
 */
export function partnerVariables(id: string, asOf: string | null): PartnerPageQueryVariables {
  const variables: PartnerPageQueryVariables & { asOf?: string } = { id };
  if (AS_OF_SUPPORTED && asOf) variables.asOf = endOfZurichDay(asOf);
  return variables;
}
