import { useNavigate, useParams } from "react-router-dom";
import { useQuery } from "urql";
import { ConnectionSection, type Connection } from "../components/ConnectionTable";
import { Badge, Day, DeclarationLink, Empty, GraphErrors, Money, PartnerLink, paths, When } from "../components/common";
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
          <select data-testid="office-picker" value={officeId ?? ""} onChange={e => navigate(e.target.value ? paths.office(e.target.value) : "/office")}>
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
  return (
    <ConnectionSection
      title="Undeclared presentations"
      testId="queue-undeclared-presentations"
      connection={result.data?.undeclaredPresentations}
      query={result}
      empty="No presented goods waiting for their declaration."
      columns={["Presented", "Presenter", "Goods", "Place", "Declaration due by"]}
      row={node => (
        <tr key={node.id} data-testid="queue-row" className={node.declarationOverdue ? "overdue" : undefined}>
          <td>
            <When value={node.presentedAt} />
          </td>
          <td>
            <PartnerLink partner={node.presenter} />
          </td>
          <td>{node.goodsDescription}</td>
          <td>
            {node.place} ({humanize(node.summaryForm)})
          </td>
          <td>
            <When value={node.declarationDueBy} /> {node.declarationOverdue && <Badge tone="bad">overdue</Badge>}
          </td>
        </tr>
      )}
    />
  );
}

/**
 * Refused declarations whose corrected version is due, earliest deadline first (DEC-R40, OD-AFD
 * art. 20 para. 2): past it the office taxes ex officio (DEC-R41).
 */
function PendingResubmissionsQueue({ officeId }: { officeId: string }) {
  const [result] = useQuery({ query: PendingResubmissionsQueueDocument, variables: { officeId, first: QUEUE } });
  const now = Date.now();
  return (
    <ConnectionSection
      title="Resubmission deadlines"
      testId="queue-pending-resubmissions"
      connection={result.data?.pendingResubmissions}
      query={result}
      empty="No refused declarations waiting for their correction."
      columns={["Declaration", "Declarant", "Refused", "Resubmission due by"]}
      row={({ declaration, refusedAt, resubmissionDueBy }) => {
        const overdue = Date.parse(resubmissionDueBy) < now;
        return (
          <tr key={declaration.id} data-testid="queue-row" className={overdue ? "overdue" : undefined}>
            <td>
              <DeclarationLink declaration={declaration} />
            </td>
            <td>{declaration.declarant ? <PartnerLink partner={declaration.declarant} /> : "—"}</td>
            <td>
              <When value={refusedAt} />
            </td>
            <td>
              <When value={resubmissionDueBy} /> {overdue && <Badge tone="bad">overdue</Badge>}
            </td>
          </tr>
        );
      }}
    />
  );
}

/** Documents past their deadline in force at this office (DEC-R36, DEC-R37; OD-AFD art. 19, 19a). */
function OverdueDocumentsQueue({ officeId }: { officeId: string }) {
  const [result] = useQuery({ query: OverdueDocumentsQueueDocument, variables: { officeId, first: QUEUE } });
  return (
    <ConnectionSection
      title="Overdue documents"
      testId="queue-overdue-documents"
      connection={result.data?.overdueDocuments}
      query={result}
      empty="No overdue documents."
      columns={["Declaration", "Declarant", "Identification mark", "Kind", "Required", "Due", "Why"]}
      row={node => (
        <tr key={node.id} data-testid="queue-row">
          <td>
            <DeclarationLink declaration={node.declaration} />
          </td>
          <td>
            <PartnerLink partner={node.declaration.declarant} />
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
      )}
    />
  );
}

function OverdueDebtsQueue() {
  const [result] = useQuery({ query: OverdueDebtsQueueDocument, variables: { first: QUEUE } });
  return (
    <ConnectionSection
      title="Overdue debts (all offices)"
      testId="queue-overdue-debts"
      connection={result.data?.customsDebts}
      query={result}
      empty="No overdue debts."
      columns={["Declaration", "Debtors", "Due", { label: "Interest", num: true }, { label: "Outstanding", num: true }, "Limitation"]}
      row={node => (
        <tr key={node.id} data-testid="queue-row">
          <td>
            {node.declaration ? (
              <DeclarationLink declaration={node.declaration}>{node.declarationNumber ?? "declaration"}</DeclarationLink>
            ) : (
              (node.declarationNumber ?? "—")
            )}
          </td>
          <td>
            {node.debtors.map((debtor, i) => (
              <span key={debtor.id}>
                {i > 0 && ", "}
                <PartnerLink partner={debtor.partner} />
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
      )}
    />
  );
}

function PendingRoleRequestsQueue() {
  const [result] = useQuery({ query: PendingRoleRequestsQueueDocument, variables: { first: QUEUE } });
  return (
    <ConnectionSection
      title="Pending role requests"
      testId="queue-role-requests"
      connection={result.data?.partnerRoleRequests}
      query={result}
      empty="No role requests waiting."
      columns={["Partner", "Role", "Status", "Requested", "Note"]}
      row={node => (
        <tr key={node.id} data-testid="queue-row" data-status={node.status}>
          <td>
            <PartnerLink partner={node.partner} />
          </td>
          <td>{humanize(node.roleType)}</td>
          <td>{humanize(node.status)}</td>
          <td>
            <When value={node.requestedAt} />
          </td>
          <td>{node.decisionNote ?? ""}</td>
        </tr>
      )}
    />
  );
}

/** Applications waiting for the DGD's decision; the graph does not name their partner. */
function PendingAuthorisationsQueue() {
  const [result] = useQuery({ query: PendingAuthorisationsQueueDocument, variables: { first: QUEUE } });
  const data = result.data;
  // The two statuses' pages as one list, documents complete first.
  const pending: Connection<AuthorisationRowFragment> | undefined = data && {
    edges: [...data.documentsComplete.edges, ...data.applied.edges],
    totalCount: data.applied.totalCount + data.documentsComplete.totalCount,
  };
  return (
    <ConnectionSection
      title="Authorisation decisions pending"
      testId="queue-pending-authorisations"
      connection={pending}
      query={result}
      empty="No applications waiting for a decision."
      columns={["Application", "Systems", "Scope", "Status", "Applied", "Documents complete", "Decision due by", "Missing"]}
      row={node => (
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
      )}
    />
  );
}
