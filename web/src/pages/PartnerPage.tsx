import { useParams, useSearchParams } from "react-router-dom";
import { useQuery } from "urql";
import { LoadingOrErrors, PartialErrors } from "../components/common";
import { formatDay, zurichToday } from "../format";
import { PartnerPageDocument } from "../generated";
import { Authorisations } from "./partner/Authorisations";
import { Debts } from "./partner/Debts";
import { PartnerDeclarations } from "./partner/Declarations";
import { Employees } from "./partner/Employees";
import { Enforcement } from "./partner/Enforcement";
import { Exposure } from "./partner/Exposure";
import { Identity } from "./partner/Identity";
import { Roles } from "./partner/Roles";
import { Securities } from "./partner/Securities";
import { parseAsOf, partnerVariables } from "./partner-variables";

/**
 * A business partner: identity, roles, authorisations, employees, declarations, debts,
 * securities, exposure and enforcement (one file a section, in ./partner/). Officers see all of
 * it; a partner sees what the graph gives it, and the rest shows as "not available". Data:
 * PartnerPage (one query) and PartnerDeclarations (the paged, filterable declarations).
 */
export function PartnerPage() {
  const { id = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const asOf = parseAsOf(params.get("asOf"));
  const [result] = useQuery({ query: PartnerPageDocument, variables: partnerVariables(id, asOf, zurichToday()) });

  const setAsOf = (day: string) => {
    const next = new URLSearchParams(params);
    if (day) next.set("asOf", day);
    else next.delete("asOf");
    setParams(next, { replace: true });
  };

  const partner = result.data?.businessPartner;
  if (!partner) {
    return (
      <div data-testid="partner-page">
        <LoadingOrErrors result={result} />
      </div>
    );
  }
  const error = result.error;

  return (
    <div data-testid="partner-page" data-partner-id={partner.id}>
      <div className="page-head">
        <h1 data-testid="partner-name">{partner.name}</h1>
        <label className="as-of">
          As of{" "}
          <input type="date" data-testid="as-of-input" value={asOf ?? ""} max={zurichToday()} onChange={e => setAsOf(e.target.value)} />
          {asOf && (
            <button type="button" onClick={() => setAsOf("")} data-testid="as-of-clear">
              Today
            </button>
          )}
        </label>
      </div>
      {asOf && (
        <div className="banner" data-testid="as-of-banner" data-as-of={asOf}>
          As of {formatDay(asOf)}
          <span> — roles, authorisations, debts, securities and exposure as recorded then (kept history); the rest is today’s.</span>
        </div>
      )}
      <PartialErrors error={error} />

      <Identity partner={partner} error={error} />
      <Roles partner={partner} error={error} />
      <Authorisations partner={partner} error={error} />
      <Employees partner={partner} error={error} />
      <PartnerDeclarations key={partner.id} partnerId={partner.id} />
      <Debts partner={partner} error={error} />
      <Securities partner={partner} error={error} />
      <Exposure partner={partner} error={error} />
      <Enforcement partner={partner} error={error} />
    </div>
  );
}
