import { ForbiddenError, ownPartnerIds, Principal, UnauthenticatedError } from "../../kit";
import type { Notification } from "../entities/notification.entity";
import { RecipientKind } from "../entities/enums";

/**
 * The inboxes a caller reads: the partners it acts for (a portal user's memberships, an
 * application's partner: `principal.partners`, as identity vouches for them through the gateway),
 * or an officer's roles. `reader` is whose read marks count.
 */
export interface Inbox {
  partnerIds: string[];
  roles: string[];
  reader: string;
}

/**
 * Who reads which notifications. A partner's inbox is shared by every portal user and
 * application of that partner, an officer role's by every officer holding the role; each reader
 * keeps its own read marks.
 */
export class NotificationAccess {
  /** `<kind>:<subject>`: a portal user by CH-LOGIN subject, an application by id, an officer by officer id. */
  readerOf(principal: Principal): string {
    const subject = principal.subject ?? principal.userId ?? principal.applicationId ?? "";
    return `${principal.kind}:${subject}`.slice(0, 240);
  }

  /** Every inbox the caller reads: its partners' and, for an officer, its roles'. */
  inboxOf(principal: Principal): Inbox {
    if (principal.kind === "ANONYMOUS") throw new UnauthenticatedError();
    if (principal.kind === "OFFICER") return { partnerIds: [], roles: [...principal.officerRoles], reader: this.readerOf(principal) };
    if (principal.kind === "PORTAL_USER" || principal.kind === "API_APPLICATION") return { partnerIds: ownPartnerIds(principal), roles: [], reader: this.readerOf(principal) };
    throw new ForbiddenError("Services have no inbox.");
  }

  /** `PortalUser.notifications`: only the user itself, for the partners it is a member of. */
  userInbox(principal: Principal, userId: string): Inbox {
    if (principal.kind === "ANONYMOUS") throw new UnauthenticatedError();
    if (principal.kind !== "PORTAL_USER" || !principal.userId || principal.userId !== userId) {
      throw new ForbiddenError("A portal user's notifications are the user's own.", { userId });
    }
    return this.inboxOf(principal);
  }

  /** `partnerNotifications`: a portal user or an application, for all its partners or the one named. */
  partnerInbox(principal: Principal, partnerId?: string | null): Inbox {
    if (principal.kind === "ANONYMOUS") throw new UnauthenticatedError();
    if (principal.kind !== "PORTAL_USER" && principal.kind !== "API_APPLICATION") {
      throw new ForbiddenError("Business partners' inboxes are read by their portal users and applications; officers read officerNotifications.");
    }
    const inbox = this.inboxOf(principal);
    if (!partnerId) return inbox;
    if (!inbox.partnerIds.includes(partnerId)) throw new ForbiddenError("You do not act for this business partner.", { partnerId });
    return { ...inbox, partnerIds: [partnerId] };
  }

  /** `officerNotifications`: an officer, for each of its roles. */
  officerInbox(principal: Principal): Inbox {
    if (principal.kind === "ANONYMOUS") throw new UnauthenticatedError();
    if (principal.kind !== "OFFICER") throw new ForbiddenError("Officer role inboxes are for officers; partners read their own notifications.");
    return this.inboxOf(principal);
  }

  /** Whether a notification is in one of the caller's inboxes; services (the gateway's later subscriptions) read any. */
  canRead(principal: Principal, n: Pick<Notification, "recipientKind" | "recipientId">): boolean {
    if (principal.kind === "SERVICE") return true;
    if (principal.kind === "OFFICER") return n.recipientKind === RecipientKind.OFFICER_ROLE && (principal.officerRoles as string[]).includes(n.recipientId);
    if (principal.kind === "PORTAL_USER" || principal.kind === "API_APPLICATION") return n.recipientKind === RecipientKind.PARTNER && ownPartnerIds(principal).includes(n.recipientId);
    return false;
  }
}
