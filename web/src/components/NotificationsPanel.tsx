import { useCallback, useState } from "react";
import { useQuery, type CombinedError } from "urql";
import type { Caller } from "../auth";
import { MyNotificationsDocument, OfficerNotificationsDocument, PartnerNotificationsDocument, type NotificationItemFragment } from "../generated";
import { formatDateTime, humanize } from "../format";
import { useNotificationStream } from "../live";
import { useSignedIn } from "../session";
import { DeclarationLink, GraphErrors, Loading } from "./common";

const PAGE = 20;

/**
 * The caller's inbox, newest first: the last 20 notifications, and the new ones as they arrive
 * (prepended). Portal users read `me { notifications }`, partner software `partnerNotifications`,
 * officers their roles' `officerNotifications`.
 */
export function NotificationsPanel() {
  const { token, caller } = useSignedIn();
  const initial = useInbox(caller);
  const [live, setLive] = useState<NotificationItemFragment[]>([]);
  const prepend = useCallback((n: NotificationItemFragment) => setLive(previous => [n, ...previous.filter(p => p.id !== n.id)]), []);
  const stream = useNotificationStream(token, prepend);

  const liveIds = new Set(live.map(n => n.id));
  const notifications = [...live, ...(initial.notifications ?? []).filter(n => !liveIds.has(n.id))];

  return (
    <aside className="notifications" data-testid="notifications-panel">
      <h2>
        Notifications
        <span className={`live-status ${stream.status}`} data-testid="notifications-live" data-status={stream.status} title={stream.reason ?? undefined}>
          {stream.status === "live" ? "live" : stream.status === "connecting" ? "connecting…" : "not live"}
        </span>
      </h2>
      {initial.fetching && !initial.notifications && <Loading />}
      {!initial.notifications && <GraphErrors error={initial.error} />}
      {initial.notifications && notifications.length === 0 && <p className="muted">No notifications.</p>}
      <ul className="notification-list">
        {notifications.map(n => (
          <li key={n.id} className={n.read ? "read" : "unread"} data-testid="notification" data-kind={n.kind} data-id={n.id}>
            <div className="notification-head">
              <strong data-testid="notification-title">{n.title}</strong>
              <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
            </div>
            <div className="muted">{humanize(n.kind)}</div>
            <p>{n.body}</p>
            {n.declaration && (
              <DeclarationLink declaration={n.declaration}>Declaration ({humanize(n.declaration.status)})</DeclarationLink>
            )}
          </li>
        ))}
      </ul>
    </aside>
  );
}

interface Inbox {
  notifications: NotificationItemFragment[] | undefined;
  fetching: boolean;
  error: CombinedError | undefined;
}

/** One query per caller kind; the other two are paused. */
function useInbox(caller: Caller): Inbox {
  const [mine] = useQuery({ query: MyNotificationsDocument, variables: { first: PAGE }, pause: caller.kind !== "portal_user" });
  const [partner] = useQuery({ query: PartnerNotificationsDocument, variables: { first: PAGE }, pause: caller.kind !== "partner_application" });
  const [officer] = useQuery({ query: OfficerNotificationsDocument, variables: { first: PAGE }, pause: caller.kind !== "officer" });
  switch (caller.kind) {
    case "portal_user":
      // `me` is null until the CH-LOGIN account is registered: an empty inbox.
      return { notifications: mine.data ? (mine.data.me?.notifications.edges.map(e => e.node) ?? []) : undefined, fetching: mine.fetching, error: mine.error };
    case "partner_application":
      return { notifications: partner.data?.partnerNotifications.edges.map(e => e.node), fetching: partner.fetching, error: partner.error };
    case "officer":
      return { notifications: officer.data?.officerNotifications.edges.map(e => e.node), fetching: officer.fetching, error: officer.error };
  }
}
