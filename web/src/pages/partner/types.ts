import type { CombinedError } from "urql";
import type { PartnerPageQuery } from "../../generated";

export type Partner = PartnerPageQuery["businessPartner"];

/** A section of the partner page: its part of the PartnerPage query, and the query's errors (fieldError). */
export interface PartnerSectionProps {
  partner: Partner;
  error: CombinedError | undefined;
}
