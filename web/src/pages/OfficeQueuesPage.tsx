import { Link, useNavigate, useParams } from "react-router-dom";
import { useQuery } from "urql";
import { Badge, Day, Empty, GraphErrors, Loading, Money, MoreThanShown, Section, When } from "../components/common";
import { humanize } from "../format";
import {
  CustomsOfficesDocument,
  OverdueDebtsQueueDocument,
  OverdueDocumentsQueueDocument,
  PendingAuthorisationsQueueDocument,
  PendingResubmissionsQueueDocument,
  PendingRoleRequestsQueueDocument,
  UndeclaredPresentationsQueueDocument,
  type AuthorisationRowFragment,
} from "../generated";

const QUEUE = 50;

/**
 * An office's work queues. Each queue is its own query (see web/src/operations/office.graphql):
 * a queue refused to this officer shows its error and the others still show.
 */
export function OfficeQueuesPage() {
  const { officeId } = useParams();
  const navigate = useNavigate();
  const [offices] = useQuery({ query: CustomsOfficesDocument });
  const office = offices.data?.customsOffices.find(o => o.id === officeId);

  return (
    <div data-testid="office-queues">
      <div className="page-head">
        <h1>{office ? `${office.name} (${office.canton})` : "Office work queues"}</h1>
        <label>
          Office{" "}
          <select data-testid="office-picker" value={officeId ?? ""} onChange={e => navigate(e.target.value ? `/office/${encodeURIComponent(e.target.value)}` : "/office")}>
            <option value="">Choose an office…</option>
            {offices.data?.customsOffices.map(o => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.canton})
              </option>
            ))}
          </select>
        </label>
      </div>
      {!offices.data && <GraphErrors error={offices.error} />}
      {officeId ? (
        <>
          <UndeclaredPresentationsQueue officeId={officeId} />
          <PendingResubmissionsQueue officeId={officeId} />
          <OverdueDocumentsQueue officeId={officeId} />
          <OverdueDebtsQueue />
          <PendingRoleRequestsQueue />
          <PendingAuthorisationsQueue />
        </>
      ) : (
        <Empty>Choose an office to see its queues.</Empty>
      )}
    </div>
  );
}

function UndeclaredPresentationsQueue({ officeId }: { officeId: string }) {
  const [result] = useQuery({ query: UndeclaredPresentationsQueueDocument, variables: { officeId, first: QUEUE } });
  const queue = result.data?.undeclaredPresentations;
  return (
    <Section title="Undeclared presentations" count={queue?.totalCount} testId="queue-undeclared-presentations">
      {!queue ? (
        result.fetching ? <Loading /> : <GraphErrors error={result.error} />
      ) : queue.edges.length === 0 ? (
        <Empty>No presented goods waiting for their declaration.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Presented</th>
              <th>Presenter</th>
              <th>Goods</th>
              <th>Place</th>
              <th>Declaration due by</th>
            </tr>
          </thead>
          <tbody>
            {queue.edges.map(({ node }) => (
              <tr key={node.id} data-testid="queue-row" className={node.declarationOverdue ? "overdue" : undefined}>
                <td>
                  <When value={node.presentedAt} />
                </td>
                <td>
                  <Link to={`/partners/${encodeURIComponent(node.presenter.id)}`}>{node.presenter.name}</Link>
                </td>
                <td>{node.goodsDescription}</td>
                <td>
                  {node.place} ({humanize(node.summaryForm)})
                </td>
                <td>
                  <When value={node.declarationDueBy} /> {node.declarationOverdue && <Badge tone="bad">overdue</Badge>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {queue && <MoreThanShown shown={queue.edges.length} total={queue.totalCount} />}
    </Section>
  );
}

/**
 * Refused declarations whose corrected version is due, earliest deadline first (DEC-R40, OD-AFD
 * art. 20 para. 2): past it the office taxes ex officio (DEC-R41).
 */
function PendingResubmissionsQueue({ officeId }: { officeId: string }) {
  const [result] = useQuery({ query: PendingResubmissionsQueueDocument, variables: { officeId, first: QUEUE } });
  const queue = result.data?.pendingResubmissions;
  const now = Date.now();
  const rows = queue?.edges.map(({ node }) => ({
    declarationId: node.declaration.id,
    declarationNumber: node.declaration.declarationNumber,
    declarant: node.declaration.declarant,
    refusedAt: node.refusedAt,
    resubmissionDueBy: node.resubmissionDueBy,
    overdue: Date.parse(node.resubmissionDueBy) < now,
  }));
  return (
    <Section title="Resubmission deadlines" count={queue?.totalCount} testId="queue-pending-resubmissions">
      {!rows ? (
        result.fetching ? <Loading /> : <GraphErrors error={result.error} />
      ) : rows.length === 0 ? (
        <Empty>No refused declarations waiting for their correction.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Declaration</th>
              <th>Declarant</th>
              <th>Refused</th>
              <th>Resubmission due by</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(row => (
              <tr key={row.declarationId} data-testid="queue-row" className={row.overdue ? "overdue" : undefined}>
                <td>
                  <Link to={`/declarations/${encodeURIComponent(row.declarationId)}`}>{row.declarationNumber}</Link>
                </td>
                <td>{row.declarant ? <Link to={`/partners/${encodeURIComponent(row.declarant.id)}`}>{row.declarant.name}</Link> : "—"}</td>
                <td>
                  <When value={row.refusedAt} />
                </td>
                <td>
                  <When value={row.resubmissionDueBy} /> {row.overdue && <Badge tone="bad">overdue</Badge>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {queue && <MoreThanShown shown={queue.edges.length} total={queue.totalCount} />}
    </Section>
  );
}

/** Documents past their deadline in force at this office (DEC-R36, DEC-R37; OD-AFD art. 19, 19a). */
function OverdueDocumentsQueue({ officeId }: { officeId: string }) {
  const [result] = useQuery({ query: OverdueDocumentsQueueDocument, variables: { officeId, first: QUEUE } });
  const queue = result.data?.overdueDocuments;
  return (
    <Section title="Overdue documents" count={queue?.totalCount} testId="queue-overdue-documents">
      {!queue ? (
        result.fetching ? <Loading /> : <GraphErrors error={result.error} />
      ) : queue.edges.length === 0 ? (
        <Empty>No overdue documents.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Declaration</th>
              <th>Declarant</th>
              <th>Identification mark</th>
              <th>Kind</th>
              <th>Required</th>
              <th>Due</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {queue.edges.map(({ node }) => (
              <tr key={node.id} data-testid="queue-row">
                <td>
                  <Link to={`/declarations/${encodeURIComponent(node.declaration.id)}`}>{node.declaration.declarationNumber}</Link>
                </td>
                <td>
                  <Link to={`/partners/${encodeURIComponent(node.declaration.declarant.id)}`}>{node.declaration.declarant.name}</Link>
                </td>
                <td>
                  <code>{node.identificationMark}</code>
                </td>
                <td>{humanize(node.kind)}</td>
                <td>
                  <When value={node.requiredAt} />
                </td>
                <td>
                  <When value={node.dueAt} />
                </td>
                <td>{node.dueRule}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {queue && <MoreThanShown shown={queue.edges.length} total={queue.totalCount} />}
    </Section>
  );
}

function OverdueDebtsQueue() {
  const [result] = useQuery({ query: OverdueDebtsQueueDocument, variables: { first: QUEUE } });
  const queue = result.data?.customsDebts;
  return (
    <Section title="Overdue debts (all offices)" count={queue?.totalCount} testId="queue-overdue-debts">
      {!queue ? (
        result.fetching ? <Loading /> : <GraphErrors error={result.error} />
      ) : queue.edges.length === 0 ? (
        <Empty>No overdue debts.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Declaration</th>
              <th>Debtors</th>
              <th>Due</th>
              <th className="num">Interest</th>
              <th className="num">Outstanding</th>
              <th>Limitation</th>
            </tr>
          </thead>
          <tbody>
            {queue.edges.map(({ node }) => (
              <tr key={node.id} data-testid="queue-row">
                <td>
                  {node.declaration ? (
                    <Link to={`/declarations/${encodeURIComponent(node.declaration.id)}`}>{node.declarationNumber ?? "declaration"}</Link>
                  ) : (
                    (node.declarationNumber ?? "—")
                  )}
                </td>
                <td>
                  {node.debtors.map((debtor, i) => (
                    <span key={debtor.id}>
                      {i > 0 && ", "}
                      <Link to={`/partners/${encodeURIComponent(debtor.partner.id)}`}>{debtor.partner.name}</Link>
                    </span>
                  ))}
                </td>
                <td>
                  <When value={node.paymentDeadline ?? node.dueAt} />
                </td>
                <td className="num">
                  <Money value={node.interest} />
                </td>
                <td className="num">
                  <Money value={node.outstanding} />
                </td>
                <td>
                  <Day value={node.limitationDate} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {queue && <MoreThanShown shown={queue.edges.length} total={queue.totalCount} />}
    </Section>
  );
}

function PendingRoleRequestsQueue() {
  const [result] = useQuery({ query: PendingRoleRequestsQueueDocument, variables: { first: QUEUE } });
  const queue = result.data?.partnerRoleRequests;
  return (
    <Section title="Pending role requests" count={queue?.totalCount} testId="queue-role-requests">
      {!queue ? (
        result.fetching ? <Loading /> : <GraphErrors error={result.error} />
      ) : queue.edges.length === 0 ? (
        <Empty>No role requests waiting.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Partner</th>
              <th>Role</th>
              <th>Status</th>
              <th>Requested</th>
              <th>Note</th>
            </tr>
          </thead>
          <tbody>
            {queue.edges.map(({ node }) => (
              <tr key={node.id} data-testid="queue-row" data-status={node.status}>
                <td>
                  <Link to={`/partners/${encodeURIComponent(node.partner.id)}`}>{node.partner.name}</Link>
                </td>
                <td>{humanize(node.roleType)}</td>
                <td>{humanize(node.status)}</td>
                <td>
                  <When value={node.requestedAt} />
                </td>
                <td>{node.decisionNote ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {queue && <MoreThanShown shown={queue.edges.length} total={queue.totalCount} />}
    </Section>
  );
}

/** Applications waiting for the DGD's decision; the graph does not name their partner. */
function PendingAuthorisationsQueue() {
  const [result] = useQuery({ query: PendingAuthorisationsQueueDocument, variables: { first: QUEUE } });
  const data = result.data;
  const rows: AuthorisationRowFragment[] = data ? [...data.documentsComplete.edges, ...data.applied.edges].map(e => e.node) : [];
  const total = data ? data.applied.totalCount + data.documentsComplete.totalCount : undefined;
  return (
    <Section title="Authorisation decisions pending" count={total} testId="queue-pending-authorisations">
      {!data ? (
        result.fetching ? <Loading /> : <GraphErrors error={result.error} />
      ) : rows.length === 0 ? (
        <Empty>No applications waiting for a decision.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Application</th>
              <th>Systems</th>
              <th>Scope</th>
              <th>Status</th>
              <th>Applied</th>
              <th>Documents complete</th>
              <th>Decision due by</th>
              <th>Missing</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(node => (
              <tr key={node.id} data-testid="queue-row" data-status={node.status} className={node.decisionOverdue ? "overdue" : undefined}>
                <td>{node.writtenApplicationReference}</td>
                <td>{node.systems.join(", ")}</td>
                <td>{humanize(node.scope)}</td>
                <td>{humanize(node.status)}</td>
                <td>
                  <When value={node.appliedAt} />
                </td>
                <td>
                  <When value={node.documentsCompleteAt} />
                </td>
                <td>
                  <Day value={node.decisionDueBy} /> {node.decisionOverdue && <Badge tone="bad">overdue</Badge>}
                </td>
                <td>{node.missingConditions.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
