import { useEffect, useState, type FormEvent } from "react";
import { useSearchParams } from "react-router-dom";
import { useQuery } from "urql";
import { ConnectionTable } from "../components/ConnectionTable";
import { GraphErrors, Loading, PartnerLink } from "../components/common";
import { NotificationsPanel } from "../components/NotificationsPanel";
import { humanize } from "../format";
import { PartnerSearchDocument } from "../generated";

const PAGE = 20;

/** Officers: find a business partner by part of its name or UID (`businessPartners(filter: { search })`). */
export function PartnerSearchPage() {
  const [params, setParams] = useSearchParams();
  const search = params.get("q") ?? "";
  const [draft, setDraft] = useState(search);
  // Back and forward change ?q= under the field.
  useEffect(() => setDraft(search), [search]);
  const [result] = useQuery({ query: PartnerSearchDocument, variables: { search: search || null, first: PAGE } });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = draft.trim();
    setParams(q ? { q } : {});
  };

  const connection = result.data?.businessPartners;
  return (
    <div className="with-aside">
      <div>
        <h1>Business partners</h1>
        <form className="search" onSubmit={submit} role="search">
          <input
            type="search"
            data-testid="partner-search-input"
            value={draft}
            onChange={e => setDraft(e.target.value)}
            placeholder="Name or UID (CHE-…)"
            aria-label="Search partners"
          />
          <button type="submit" data-testid="partner-search-submit">
            Search
          </button>
        </form>
        {result.fetching && !connection && <Loading />}
        {!connection && <GraphErrors error={result.error} />}
        {connection && (
          <ConnectionTable
            connection={connection}
            tableTestId="partner-results"
            empty={<>No partner matches{search ? ` “${search}”` : ""}.</>}
            columns={["Name", "UID", "Type", "Status", "Place"]}
            row={node => (
              <tr key={node.id} data-testid="partner-result">
                <td>
                  <PartnerLink partner={node} />
                </td>
                <td>{node.uid ?? "—"}</td>
                <td>{humanize(node.partnerType)}</td>
                <td>{humanize(node.status)}</td>
                <td>
                  {node.registerAddress.city} ({node.registerAddress.country})
                </td>
              </tr>
            )}
          />
        )}
      </div>
      <NotificationsPanel />
    </div>
  );
}
