import { useState } from "react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { useQuery, type CombinedError } from "urql";
import { Badge, Day, Empty, GraphErrors, Loading, Money, MoreThanShown, NotAvailable, PartialErrors, Section, When } from "../components/common";
import { formatDay, humanize, yesNo, zurichToday } from "../format";
import { PartnerDeclarationsDocument, PartnerPageDocument, type DeclarationStatus, type PartnerPageQuery } from "../generated";
import { fieldError } from "../graph";
import { parseAsOf, partnerVariables } from "./partner-variables";

type Partner = PartnerPageQuery["businessPartner"];

/**
 * A business partner: identity, roles, authorisations, employees, declarations, debts,
 * securities, exposure and enforcement. Officers see all of it; a partner sees what the graph
 * gives it, and the rest shows as "not available". Data: PartnerPage (one query) and
 * PartnerDeclarations (the paged, filterable declarations).
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
        {result.fetching ? <Loading /> : <GraphErrors error={result.error} />}
      </div>
    );
  }
  const error = result.error;
  const at = (...path: string[]) => fieldError(error, ["businessPartner", ...path]);

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

      <Identity partner={partner} aeoError={at("aeoStatus")} />
      <Roles partner={partner} error={error} />
      <Authorisations partner={partner} error={error} />
      <Employees partner={partner} error={error} />
      <PartnerDeclarations key={partner.id} partnerId={partner.id} />
      <Debts partner={partner} error={error} />
      <Securities partner={partner} error={error} />
      <ExposureSection partner={partner} error={error} />
      <Enforcement partner={partner} error={error} />
    </div>
  );
}

function Identity({ partner, aeoError }: { partner: Partner; aeoError: ReturnType<typeof fieldError> }) {
  const a = partner.registerAddress;
  const aeo = partner.aeoStatus;
  return (
    <Section title="Identity" testId="section-identity">
      <dl className="facts">
        <dt>UID</dt>
        <dd data-testid="partner-uid">{partner.uid ?? "—"}</dd>
        {partner.berNumber && (
          <>
            <dt>BER number</dt>
            <dd>{partner.berNumber}</dd>
          </>
        )}
        <dt>Type</dt>
        <dd data-testid="partner-type">{humanize(partner.partnerType)}</dd>
        <dt>Status</dt>
        <dd data-testid="partner-status">{humanize(partner.status)}</dd>
        <dt>Address</dt>
        <dd data-testid="partner-address">
          {a.street}, {a.postalCode} {a.city}, {a.country}
        </dd>
        <dt>Domicile in customs territory</dt>
        <dd>{yesNo(partner.domicileInCustomsTerritory)}</dd>
        <dt>Entered</dt>
        <dd>
          {humanize(partner.entryMode)}, <When value={partner.createdAt} />
        </dd>
        {partner.headOffice && (
          <>
            <dt>Head office</dt>
            <dd>
              <Link to={`/partners/${encodeURIComponent(partner.headOffice.id)}`}>{partner.headOffice.name}</Link>
            </dd>
          </>
        )}
        <dt>AEO status</dt>
        <dd data-testid="partner-aeo">
          {aeo ? (
            <>
              {humanize(aeo.status)} (requested <When value={aeo.requestedAt} />
              {aeo.grantedAt && (
                <>
                  , granted <When value={aeo.grantedAt} />
                </>
              )}
              ){aeo.refusalReason && <> — {aeo.refusalReason}</>}
            </>
          ) : aeoError ? (
            <NotAvailable error={aeoError} />
          ) : (
            "none requested"
          )}
        </dd>
      </dl>
    </Section>
  );
}

function Roles({ partner, error }: { partner: Partner; error: CombinedError | undefined }) {
  const roles = partner.roles;
  return (
    <Section title="Roles" count={roles?.totalCount} testId="section-roles">
      {!roles ? (
        <NotAvailable error={fieldError(error, ["businessPartner", "roles"])} />
      ) : roles.edges.length === 0 ? (
        <Empty>No roles.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Role</th>
              <th>Status</th>
              <th>Requested</th>
              <th>Released</th>
              <th>Ended</th>
              <th>Contact</th>
              <th>Note</th>
            </tr>
          </thead>
          <tbody>
            {roles.edges.map(({ node }) => (
              <tr key={node.id} data-testid="role-row" data-status={node.status}>
                <td>{humanize(node.roleType)}</td>
                <td>{humanize(node.status)}</td>
                <td>
                  <When value={node.requestedAt} />
                </td>
                <td>
                  <When value={node.releasedAt} />
                </td>
                <td>
                  <When value={node.endedAt} />
                </td>
                <td>{node.contactPerson ? [node.contactPerson.name, node.contactPerson.email, node.contactPerson.phone].filter(Boolean).join(", ") : "—"}</td>
                <td>{node.decisionNote ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {roles && <MoreThanShown shown={roles.edges.length} total={roles.totalCount} />}
    </Section>
  );
}

function Authorisations({ partner, error }: { partner: Partner; error: CombinedError | undefined }) {
  const authorisations = partner.customsSystemAuthorisations;
  return (
    <Section title="Customs-system authorisations" count={authorisations?.totalCount} testId="section-authorisations">
      {!authorisations ? (
        <NotAvailable error={fieldError(error, ["businessPartner", "customsSystemAuthorisations"])} />
      ) : authorisations.edges.length === 0 ? (
        <Empty>No authorisations applied for.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Systems</th>
              <th>Scope</th>
              <th>Status</th>
              <th>Business number</th>
              <th>Applied</th>
              <th>Decision due</th>
              <th>Decided</th>
              <th>Remarks</th>
            </tr>
          </thead>
          <tbody>
            {authorisations.edges.map(({ node }) => (
              <tr key={node.id} data-testid="authorisation-row" data-status={node.status}>
                <td>
                  {node.systems.join(", ")}
                  {node.transitOnly && " (transit only)"}
                </td>
                <td>{humanize(node.scope)}</td>
                <td>{humanize(node.status)}</td>
                <td data-testid="business-number">{node.businessNumber ?? "—"}</td>
                <td>
                  <When value={node.appliedAt} />
                </td>
                <td>
                  <Day value={node.decisionDueBy} /> {node.decisionOverdue && <Badge tone="bad">overdue</Badge>}
                </td>
                <td>
                  <When value={node.decidedAt} />
                </td>
                <td>
                  {[node.refusalReason, node.withdrawalGround && `${humanize(node.withdrawalGround)}`, node.missingConditions.length > 0 && `missing: ${node.missingConditions.join(", ")}`]
                    .filter(Boolean)
                    .join("; ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {authorisations && <MoreThanShown shown={authorisations.edges.length} total={authorisations.totalCount} />}
    </Section>
  );
}

function Employees({ partner, error }: { partner: Partner; error: CombinedError | undefined }) {
  const employees = partner.declarantEmployees;
  return (
    <Section title="Declaring employees" count={employees?.totalCount} testId="section-employees">
      {!employees ? (
        <NotAvailable error={fieldError(error, ["businessPartner", "declarantEmployees"])} />
      ) : employees.edges.length === 0 ? (
        <Empty>No employees announced.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Personal number</th>
              <th>Name</th>
              <th>Active</th>
              <th>Announced</th>
              <th>Deactivated</th>
            </tr>
          </thead>
          <tbody>
            {employees.edges.map(({ node }) => (
              <tr key={node.id} data-testid="employee-row">
                <td>{node.personalNumber}</td>
                <td>{node.name}</td>
                <td>{yesNo(node.active)}</td>
                <td>
                  <When value={node.announcedAt} />
                </td>
                <td>
                  <When value={node.deactivatedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {employees && <MoreThanShown shown={employees.edges.length} total={employees.totalCount} />}
    </Section>
  );
}

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
function PartnerDeclarations({ partnerId }: { partnerId: string }) {
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
        <>
          {declarations.edges.length === 0 ? (
            <Empty>No declarations{status ? ` in status ${humanize(status)}` : ""}.</Empty>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>Number</th>
                  <th>Direction / procedure</th>
                  <th>Status</th>
                  <th>Transmitted</th>
                  <th>Selection</th>
                  <th>Documents</th>
                  <th>Taxation decision</th>
                </tr>
              </thead>
              <tbody>
                {declarations.edges.map(({ node }, index) => (
                  <tr key={node.id} data-testid="declaration-row" data-status={node.status}>
                    <td>
                      <Link to={`/declarations/${encodeURIComponent(node.id)}`} data-testid="declaration-timeline-link">
                        {node.declarationNumber}
                      </Link>
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
                        node.selection.matchedRules.length > 0 && (
                          <small className="muted"> ({node.selection.matchedRules.map(r => r.ruleId).join(", ")})</small>
                        )
                      ) : (
                        fieldError(result.error, ["businessPartner", "declarations", "edges", index, "node", "selection"]) && (
                          <small className="muted"> (reasons not available)</small>
                        )
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
                ))}
              </tbody>
            </table>
          )}
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
        </>
      )}
    </Section>
  );
}

function Debts({ partner, error }: { partner: Partner; error: CombinedError | undefined }) {
  const debts = partner.customsDebts;
  return (
    <Section title="Customs debts" count={debts?.totalCount} testId="section-debts">
      {!debts ? (
        <NotAvailable error={fieldError(error, ["businessPartner", "customsDebts"])} />
      ) : debts.edges.length === 0 ? (
        <Empty>No debts.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Declaration</th>
              <th>Status</th>
              <th className="num">Amount</th>
              <th>Due</th>
              <th className="num">Interest</th>
              <th className="num">Outstanding</th>
              <th>Limitation</th>
            </tr>
          </thead>
          <tbody>
            {debts.edges.map(({ node }) => (
              <tr key={node.id} data-testid="debt-row" data-status={node.status}>
                <td>
                  {node.declaration ? (
                    <Link to={`/declarations/${encodeURIComponent(node.declaration.id)}`}>{node.declarationNumber ?? "declaration"}</Link>
                  ) : (
                    (node.declarationNumber ?? "—")
                  )}
                </td>
                <td>
                  {humanize(node.status)}
                  {node.conditional && " (conditional)"}
                </td>
                <td className="num">
                  <Money value={node.amount} />
                </td>
                <td>
                  <When value={node.dueAt} />
                  {node.paymentDeadline && (
                    <small className="muted">
                      <br />
                      pay by <When value={node.paymentDeadline} />
                    </small>
                  )}
                </td>
                <td className="num">
                  <Money value={node.interest} />
                </td>
                <td className="num">
                  <Money value={node.outstanding} testId="debt-outstanding" />
                </td>
                <td>
                  <Day value={node.limitationDate} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {debts && <MoreThanShown shown={debts.edges.length} total={debts.totalCount} />}
    </Section>
  );
}

function Securities({ partner, error }: { partner: Partner; error: CombinedError | undefined }) {
  const securities = partner.securities;
  return (
    <Section title="Securities" count={securities?.totalCount} testId="section-securities">
      {!securities ? (
        <NotAvailable error={fieldError(error, ["businessPartner", "securities"])} />
      ) : securities.edges.length === 0 ? (
        <Empty>No securities.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Kind</th>
              <th>Status</th>
              <th className="num">Maximum</th>
              <th>Established</th>
              <th>Surety</th>
              <th>Termination</th>
            </tr>
          </thead>
          <tbody>
            {securities.edges.map(({ node }) => (
              <tr key={node.id} data-testid="security-row" data-status={node.status}>
                <td>{humanize(node.kind)}</td>
                <td>{humanize(node.status)}</td>
                <td className="num">
                  <Money value={node.maxAmount} />
                </td>
                <td>
                  <Day value={node.establishedOn} />
                </td>
                <td>{node.surety ? <Link to={`/partners/${encodeURIComponent(node.surety.id)}`}>{node.surety.name}</Link> : "—"}</td>
                <td>
                  {node.terminationReceivedAt ? (
                    <>
                      received <When value={node.terminationReceivedAt} />, covers until <When value={node.coverageCutoff} />
                    </>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {securities && <MoreThanShown shown={securities.edges.length} total={securities.totalCount} />}
    </Section>
  );
}

function ExposureSection({ partner, error }: { partner: Partner; error: CombinedError | undefined }) {
  const exposure = partner.exposure;
  return (
    <Section title="Exposure" testId="section-exposure">
      {!exposure ? (
        <NotAvailable error={fieldError(error, ["businessPartner", "exposure"])} />
      ) : (
        <>
          <dl className="facts">
            <dt>Open debts (with interest)</dt>
            <dd>
              <Money value={exposure.openDebts} testId="exposure-open-debts" />
            </dd>
            <dt>Conditional debts</dt>
            <dd>
              <Money value={exposure.conditionalDebts} testId="exposure-conditional-debts" />
            </dd>
          </dl>
          {exposure.bonds.edges.length === 0 ? (
            <Empty>No general bonds in force.</Empty>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>General bond</th>
                  <th className="num">Maximum</th>
                  <th className="num">Reserved</th>
                  <th className="num">Headroom</th>
                </tr>
              </thead>
              <tbody>
                {exposure.bonds.edges.map(({ node }) => (
                  <tr key={node.security.id} data-testid="bond-row">
                    <td>
                      {humanize(node.security.kind)} ({humanize(node.security.status)})
                    </td>
                    <td className="num">
                      <Money value={node.maxAmount} />
                    </td>
                    <td className="num">
                      <Money value={node.reserved} />
                    </td>
                    <td className="num">
                      <Money value={node.headroom} testId="bond-headroom" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <MoreThanShown shown={exposure.bonds.edges.length} total={exposure.bonds.totalCount} />
        </>
      )}
    </Section>
  );
}

function Enforcement({ partner, error }: { partner: Partner; error: CombinedError | undefined }) {
  const cases = partner.offenceCases;
  const profile = partner.complianceProfile;
  return (
    <Section title="Enforcement" testId="section-enforcement">
      <h3>Compliance profile</h3>
      <div data-testid="compliance-profile">
        {!profile ? (
          <NotAvailable error={fieldError(error, ["businessPartner", "complianceProfile"])} />
        ) : (
          <dl className="facts">
            <dt>Open cases</dt>
            <dd>{profile.openCases}</dd>
            <dt>Cases, last five years</dt>
            <dd>{profile.casesLastFiveYears}</dd>
            <dt>Penalties, last five years</dt>
            <dd>{profile.penaltiesLastFiveYears}</dd>
            <dt>Repeated offences</dt>
            <dd>{yesNo(profile.repeatedOffences)}</dd>
            <dt>Last offence</dt>
            <dd>
              <When value={profile.lastOffenceAt} />
            </dd>
            <dt>Active prohibition</dt>
            <dd>{yesNo(profile.activeProhibition)}</dd>
            <dt>Open withdrawal referral</dt>
            <dd>{yesNo(profile.openWithdrawalReferral)}</dd>
            <dt>Open leads</dt>
            <dd>{profile.openLeads}</dd>
          </dl>
        )}
      </div>
      <h3>Offence cases{cases && <span className="count">{cases.totalCount}</span>}</h3>
      <div data-testid="offence-cases">
        {!cases ? (
          <NotAvailable error={fieldError(error, ["businessPartner", "offenceCases"])} />
        ) : cases.edges.length === 0 ? (
          <Empty>No offence cases.</Empty>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Case</th>
                <th>Offence</th>
                <th>Status</th>
                <th>Opened</th>
                <th>Decided</th>
                <th className="num">Fine</th>
              </tr>
            </thead>
            <tbody>
              {cases.edges.map(({ node }) => (
                <tr key={node.id} data-testid="offence-case-row" data-status={node.status}>
                  <td>{node.caseNumber}</td>
                  <td>{humanize(node.offenceType)}</td>
                  <td>{humanize(node.status)}</td>
                  <td>
                    <When value={node.openedAt} />
                  </td>
                  <td>
                    <When value={node.decidedAt} />
                  </td>
                  <td className="num">
                    <Money value={node.fineImposed} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {cases && <MoreThanShown shown={cases.edges.length} total={cases.totalCount} />}
      </div>
    </Section>
  );
}
