import { buildFederatedSchema, EventHandler, SubgraphDefinition } from "../kit";
import { Notification, NotificationRead } from "./entities/notification.entity";
import { migrations } from "./migrations";
import { visibleNotification } from "./resolvers/loaders";
import { NotificationResolver, PortalUserNotificationsResolver } from "./resolvers/notification.resolver";
import { NotificationsContext, PortalUser } from "./resolvers/types";
import { createNotificationServices, NotificationServices } from "./services";
import { CONSUMED_EVENTS } from "./services/intake.service";

export const NOTIFICATIONS_ENTITIES = [Notification, NotificationRead];

/**
 * Notifications (issue 14 item 3): an inbox per business partner (read by each of its portal users
 * and applications) and per officer role, fed by the other subgraphs' events, as ePortal shows
 * notifications (ID-R15). DESIGN CHOICE: a subgraph of its own, so that no producer needs to know
 * who is told what, and the inbox's reads and writes never load a producer's database. Owns
 * `Notification`; adds `notifications` and `unreadNotificationCount` to identity's `PortalUser`.
 * Each stored notification publishes `NotificationAdded` for the gateway's subscriptions (item 4).
 */
export const definition: SubgraphDefinition<NotificationServices> = {
  name: "notifications",
  entities: NOTIFICATIONS_ENTITIES,
  migrations,
  buildSchema: () =>
    buildFederatedSchema({
      subgraph: "notifications",
      gatewaySubscriptions: `
        """Live updates, over server-sent events at the gateway's /graphql/stream (graphql-sse), with the same authentication as queries."""
        type Subscription {
          """Each new notification of the caller's inboxes, as it is stored (issue 14): the partners a portal user or application acts for, an officer's roles. The selection may reach into other subgraphs (the gateway resolves it as a federated query for each notification)."""
          notificationAdded: Notification!
        }`,
      resolvers: [NotificationResolver, PortalUserNotificationsResolver],
      // No field here returns a PortalUser: the gateway reaches it through `_entities` (`me { notifications }`).
      orphanedTypes: [PortalUser],
      references: {
        // Only the inboxes' readers: another partner's or role's notification is withheld (null).
        Notification: { __resolveReference: (ref: { id: string }, ctx: NotificationsContext) => visibleNotification(ctx, ref.id) },
        // The user's fields check who asks (services/access.ts userInbox); the reference itself costs nothing.
        PortalUser: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
      },
    }),
  createServices: runtime => createNotificationServices(runtime),
  consumes: [...CONSUMED_EVENTS],
  eventHandlers: services => {
    const { intake } = services;
    const handlers: Record<(typeof CONSUMED_EVENTS)[number], EventHandler> = {
      // ID-R15 (ePortal step 4): identity's role decisions.
      PartnerRoleActivated: async (m, e) => void (await intake.onPartnerRoleActivated(m, e)),
      PartnerRoleClarificationRequested: async (m, e) => void (await intake.onPartnerRoleClarificationRequested(m, e)),
      PartnerRoleRejected: async (m, e) => void (await intake.onPartnerRoleRejected(m, e)),
      // DEC-R53, DEC-R54 (OD-AFD art. 20a, 20b): declarations' taxation decisions.
      TaxationDecisionIssued: async (m, e) => void (await intake.onTaxationDecisionIssued(m, e)),
      TaxationDecisionCancelled: async (m, e) => void (await intake.onTaxationDecisionCancelled(m, e)),
      // DEC-R36, DEC-R37 (OD-AFD art. 19): declarations' overdue-documents job.
      DocumentsOverdue: async (m, e) => void (await intake.onDocumentsOverdue(m, e)),
      // X20 (DEBT-R10, LD art. 74): debt's overdue job.
      DebtOverdue: async (m, e) => void (await intake.onDebtOverdue(m, e)),
      // DEBT-R18 (LD art. 53 para. 6, 66 para. 4): warehousing's authorisation with a security.
      OperatorSecurityRequired: async (m, e) => void (await intake.onOperatorSecurityRequired(m, e)),
      // X17 (WH-R04, LD art. 51 para. 3): warehousing's storage-period job.
      StoragePeriodExpired: async (m, e) => void (await intake.onStoragePeriodExpired(m, e)),
    };
    return handlers;
  },
};
