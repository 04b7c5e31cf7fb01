import { useQuery } from "urql";
import { ConnectionSection, type Connection } from "../components/ConnectionTable";
import { Empty, PartnerLink } from "../components/common";
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

  let partners: Connection<PartnerRow> | undefined;
  if (portalUser && mine.data) {
    const memberships = mine.data.me?.memberships;
    partners = {
      edges: memberships?.edges.map(({ node }) => ({ node: { ...node.partner, portalRole: node.portalRole } })) ?? [],
      totalCount: memberships?.totalCount ?? 0,
    };
  } else if (!portalUser && actingFor.data) {
    const acting = actingFor.data.businessPartners;
    partners = { edges: acting.edges.map(({ node }) => ({ node: { ...node, portalRole: null } })), totalCount: acting.totalCount };
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
        <ConnectionSection
          title="Partners"
          testId="my-partners"
          connection={partners}
          query={result}
          empty="You act for no partner yet."
          columns={portalUser ? ["Name", "UID", "Status", "Your role"] : ["Name", "UID", "Status"]}
          row={row => (
            <tr key={row.id} data-testid="my-partner">
              <td>
                <PartnerLink partner={row} />
              </td>
              <td>{row.uid ?? "—"}</td>
              <td>{humanize(row.status)}</td>
              {portalUser && <td>{humanize(row.portalRole)}</td>}
            </tr>
          )}
        />
      </div>
      <NotificationsPanel />
    </div>
  );
}
