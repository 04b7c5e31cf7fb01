import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { useQuery } from "urql";
import { ConnectionTable } from "../../components/ConnectionTable";
import { DeclarationLink, GraphErrors, Loading, Money, NotAvailable, Section, When } from "../../components/common";
import { formatDay, humanize } from "../../format";
import { PartnerDeclarationsDocument, type DeclarationStatus } from "../../generated";
import { fieldError } from "../../graph";

// Every status, checked against the schema's enum by the Record's keys.
const DECLARATION_STATUSES = Object.keys({
  TRANSMITTED: true,
  RECEIVED: true,
  ACCEPTED: true,
  REFUSED: true,
  RESUBMISSION_OVERDUE: true,
  EX_OFFICIO_TAXED: true,
  WITHDRAWN: true,
} satisfies Record<DeclarationStatus, true>) as DeclarationStatus[];

function isDeclarationStatus(value: string | null): value is DeclarationStatus {
  return value !== null && (DECLARATION_STATUSES as string[]).includes(value);
}

const DECLARATIONS_PAGE = 20;

/** The partner's declarations, a page at a time (`first`/`after`), filtered by status (`?status=`). */
export function PartnerDeclarations({ partnerId }: { partnerId: string }) {
  const [params, setParams] = useSearchParams();
  const statusParam = params.get("status");
  const status = isDeclarationStatus(statusParam) ? statusParam : null;
  // The cursors of the pages before this one: `after` is the last of them.
  const [cursors, setCursors] = useState<string[]>([]);
  const after = cursors.length > 0 ? cursors[cursors.length - 1] : null;
  const [result] = useQuery({
    query: PartnerDeclarationsDocument,
    variables: { id: partnerId, statuses: status ? [status] : null, first: DECLARATIONS_PAGE, after },
  });

  const setStatus = (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set("status", value);
    else next.delete("status");
    setParams(next, { replace: true });
    setCursors([]);
  };

  const declarations = result.data?.businessPartner.declarations;
  return (
    <Section title="Declarations" count={declarations?.totalCount} testId="section-declarations">
      <div className="toolbar">
        <label>
          Status{" "}
          <select data-testid="declaration-status-filter" value={status ?? ""} onChange={e => setStatus(e.target.value)}>
            <option value="">All</option>
            {DECLARATION_STATUSES.map(s => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {result.fetching && !result.data && <Loading />}
      {!result.data && <GraphErrors error={result.error} />}
      {result.data && !declarations && <NotAvailable error={fieldError(result.error, ["businessPartner", "declarations"])} />}
      {declarations && (
        <ConnectionTable
          connection={declarations}
          empty={<>No declarations{status ? ` in status ${humanize(status)}` : ""}.</>}
          columns={["Number", "Direction / procedure", "Status", "Transmitted", "Selection", "Documents", "Taxation decision"]}
          row={(node, index) => (
            <tr key={node.id} data-testid="declaration-row" data-status={node.status}>
              <td>
                <DeclarationLink declaration={node} testId="declaration-timeline-link" />
              </td>
              <td>
                {humanize(node.direction)} / {humanize(node.procedure)}
              </td>
              <td>{humanize(node.status)}</td>
              <td>
                <When value={node.transmittedAt} />
              </td>
              <td data-testid="declaration-selection">
                {node.selectionResult ? humanize(node.selectionResult) : "—"}
                {node.selection ? (
                  node.selection.matchedRules.length > 0 && <small className="muted"> ({node.selection.matchedRules.map(r => r.ruleId).join(", ")})</small>
                ) : (
                  fieldError(result.error, ["businessPartner", "declarations", "edges", index, "node", "selection"]) && <small className="muted"> (reasons not available)</small>
                )}
              </td>
              <td>
                {node.documents.edges.length === 0
                  ? "—"
                  : node.documents.edges.map(({ node: d }) => (
                      <div key={d.id} className={d.overdue ? "overdue" : undefined}>
                        {humanize(d.kind)}: {d.submittedAt ? "submitted" : d.overdue ? "overdue" : d.dueAt ? <>due <When value={d.dueAt} /></> : "due before removal"}
                      </div>
                    ))}
                {node.documents.totalCount > node.documents.edges.length && <small className="muted">+{node.documents.totalCount - node.documents.edges.length} more</small>}
              </td>
              <td>
                {node.taxationDecision ? (
                  <>
                    {humanize(node.taxationDecision.kind)}, {humanize(node.taxationDecision.status)}: <Money value={node.taxationDecision.totalDuties} />
                    <br />
                    <small className="muted">appeal by {formatDay(node.taxationDecision.appealDeadline)}</small>
                  </>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          )}
          footer={
            <div className="pager">
              <button type="button" data-testid="declarations-previous" disabled={cursors.length === 0} onClick={() => setCursors(c => c.slice(0, -1))}>
                ← Previous
              </button>
              <span className="muted">
                Page {cursors.length + 1} of {Math.max(1, Math.ceil(declarations.totalCount / DECLARATIONS_PAGE))}
              </span>
              <button
                type="button"
                data-testid="declarations-next"
                disabled={!declarations.pageInfo.hasNextPage || !declarations.pageInfo.endCursor}
                onClick={() => {
                  const end = declarations.pageInfo.endCursor;
                  if (end) setCursors(c => [...c, end]);
                }}
              >
                Next →
              </button>
            </div>
          }
        />
      )}
    </Section>
  );
}
