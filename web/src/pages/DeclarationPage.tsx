import { Link, useParams } from "react-router-dom";
import { useQuery } from "urql";
import { Badge, Day, LoadingOrErrors, Money, NotAvailable, PartialErrors, PartnerLink, paths, Section, When } from "../components/common";
import { Timeline } from "../components/Timeline";
import { humanize } from "../format";
import { DeclarationTimelineDocument } from "../generated";
import { fieldError } from "../graph";
import { useSignedIn } from "../session";


/** A declaration: its header facts and its timeline (DeclarationTimeline, one query). */
export function DeclarationPage() {
  const { id = "" } = useParams();
  const { caller } = useSignedIn();
  const [result] = useQuery({ query: DeclarationTimelineDocument, variables: { id } });

  const declaration = result.data?.declaration;
  if (!declaration) {
    return <div data-testid="declaration-page"><LoadingOrErrors result={result} /></div>;
  }
  const d = declaration;
  const selectionError = fieldError(result.error, ["declaration", "selection"]);
  const decision = d.taxationDecisions.edges.map(e => e.node).find(t => t.status === "ISSUED");

  return (
    <div data-testid="declaration-page" data-declaration-id={d.id}>
      <div className="page-head">
        <h1>
          Declaration <span data-testid="declaration-number">{d.declarationNumber}</span>
        </h1>
        <Badge>
          <span data-testid="declaration-status">{humanize(d.status)}</span>
        </Badge>
      </div>
      <PartialErrors error={result.error} />
      <Section title="Facts" testId="declaration-facts">
        <dl className="facts">
          <dt>Declarant</dt>
          <dd>
            <PartnerLink partner={d.declarant} testId="declarant-link" />
          </dd>
          {d.onBehalfOf && (
            <>
              <dt>On behalf of</dt>
              <dd>
                <PartnerLink partner={d.onBehalfOf} />
              </dd>
            </>
          )}
          <dt>Office</dt>
          <dd data-testid="declaration-office">
            {caller.kind === "officer" ? <Link to={paths.office(d.office.id)}>{d.office.name}</Link> : d.office.name}
          </dd>
          <dt>Direction / procedure</dt>
          <dd>
            {humanize(d.direction)} / {humanize(d.procedure)}
          </dd>
          <dt>Channel</dt>
          <dd>
            {humanize(d.channel)}
            {d.isPreDeclaration && " (pre-declaration)"}
          </dd>
          {d.businessNumber && (
            <>
              <dt>Business number</dt>
              <dd>
                {d.businessNumber}
                {d.personalNumber && ` / employee ${d.personalNumber}`}
              </dd>
            </>
          )}
          <dt>Transmitted</dt>
          <dd>
            <When value={d.transmittedAt} />
          </dd>
          <dt>Selection result</dt>
          <dd data-testid="selection-result">{d.selectionResult ? humanize(d.selectionResult) : "—"}</dd>
          <dt>Selection reasons</dt>
          <dd data-testid="selection-reasons">
            {d.selection ? (
              d.selection.matchedRules.length > 0 ? (
                <ul>
                  {d.selection.matchedRules.map(r => (
                    <li key={r.ruleId}>
                      <code>{r.ruleId}</code> {r.description} → {humanize(r.result)}
                    </li>
                  ))}
                </ul>
              ) : d.selection.randomlySelected ? (
                "selected at random"
              ) : (
                "no rule matched"
              )
            ) : selectionError ? (
              <NotAvailable error={selectionError} />
            ) : (
              "—"
            )}
          </dd>
          <dt>Taxation decision in force</dt>
          <dd>
            {decision ? (
              <>
                {humanize(decision.kind)}: <Money value={decision.totalDuties} />, appeal by <Day value={decision.appealDeadline} />
              </>
            ) : (
              "—"
            )}
          </dd>
          <dt>Removal</dt>
          <dd>
            {d.removedAt ? (
              <When value={d.removedAt} />
            ) : d.removalDueBy ? (
              <>
                due by <When value={d.removalDueBy} />
              </>
            ) : (
              "—"
            )}{" "}
            {d.removalOverdue && <Badge tone="bad">overdue</Badge>}
          </dd>
          <dt>Refusals</dt>
          <dd>{d.refusals.totalCount}</dd>
          <dt>Documents</dt>
          <dd>
            {d.documents.totalCount} ({d.documents.edges.filter(e => e.node.overdue).length} overdue)
          </dd>
        </dl>
      </Section>
      <Section title="Timeline" testId="declaration-timeline">
        <Timeline entries={d.timeline} />
      </Section>
    </div>
  );
}
