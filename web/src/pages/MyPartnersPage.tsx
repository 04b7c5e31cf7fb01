import { Link } from "react-router-dom";
import { useQuery } from "urql";
import { Empty, GraphErrors, Loading, MoreThanShown, Section } from "../components/common";
import { NotificationsPanel } from "../components/NotificationsPanel";
import { humanize } from "../format";
import { ActingForPartnersDocument, MyPartnersDocument, type PartnerStatus } from "../generated";
import { useSignedIn } from "../session";

interface PartnerRow {
  id: string;
  name: string;
  uid: string | null;
  status: PartnerStatus;
  portalRole: string | null;
}

/**
 * The partners the caller acts for: a portal user's memberships (MyPartners: `me { memberships }`),
 * or, for partner software, `businessPartners` (ActingForPartners), which answers its partner.
 * Beside them, the caller's notifications, live.
 */
export function MyPartnersPage() {
  const { caller } = useSignedIn();
  const portalUser = caller.kind === "portal_user";
  const [mine] = useQuery({ query: MyPartnersDocument, pause: !portalUser });
  const [actingFor] = useQuery({ query: ActingForPartnersDocument, variables: { first: 50 }, pause: portalUser });
  const result = portalUser ? mine : actingFor;

  let rows: PartnerRow[] | undefined;
  let total = 0;
  if (portalUser && mine.data) {
    const memberships = mine.data.me?.memberships;
    rows = memberships?.edges.map(({ node }) => ({ ...node.partner, portalRole: node.portalRole })) ?? [];
    total = memberships?.totalCount ?? 0;
  } else if (!portalUser && actingFor.data) {
    rows = actingFor.data.businessPartners.edges.map(({ node }) => ({ ...node, portalRole: null }));
    total = actingFor.data.businessPartners.totalCount;
  }

  return (
    <div className="with-aside">
      <div>
        <h1>My partners</h1>
        {portalUser && mine.data?.me && (
          <p className="muted" data-testid="me">
            {mine.data.me.email} · {mine.data.me.unreadNotificationCount} unread notification{mine.data.me.unreadNotificationCount === 1 ? "" : "s"}
          </p>
        )}
        {portalUser && mine.data && !mine.data.me && <Empty>Your CH-LOGIN account is not registered with the ePortal yet.</Empty>}
        <Section title="Partners" count={rows ? total : undefined} testId="my-partners">
          {!rows ? (
            result.fetching ? <Loading /> : <GraphErrors error={result.error} />
          ) : rows.length === 0 ? (
            <Empty>You act for no partner yet.</Empty>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>Name</th>
                  <th>UID</th>
                  <th>Status</th>
                  {portalUser && <th>Your role</th>}
                </tr>
              </thead>
              <tbody>
                {rows.map(row => (
                  <tr key={row.id} data-testid="my-partner">
                    <td>
                      <Link to={`/partners/${encodeURIComponent(row.id)}`}>{row.name}</Link>
                    </td>
                    <td>{row.uid ?? "—"}</td>
                    <td>{humanize(row.status)}</td>
                    {portalUser && <td>{humanize(row.portalRole)}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {rows && <MoreThanShown shown={rows.length} total={total} />}
        </Section>
      </div>
      <NotificationsPanel />
    </div>
  );
}
