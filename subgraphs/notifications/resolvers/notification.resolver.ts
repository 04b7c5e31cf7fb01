import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs } from "../../kit";
import { Notification } from "../entities/notification.entity";
import { MarkNotificationsReadInput } from "./inputs";
import { loaders, visibleNotification } from "./loaders";
import {
  BusinessPartner,
  CustomsDebt,
  CustomsDeclaration,
  MarkNotificationsReadPayload,
  NotificationConnection,
  NotificationsContext,
  PartnerFilterArgs,
  PortalUser,
  StorageFacility,
  StoredLot,
  TaxationDecision,
  UnreadFilterArgs,
} from "./types";

/** The reference of the subject when it is of `type`, else null: a stub, no statement. */
const subject = (n: Notification, type: string) => (n.subjectType === type ? { id: n.subjectId } : null);

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, {
    description:
      "The inboxes of the officer's roles (every officer with a role reads its inbox), newest first. Which kinds reach which role is a DESIGN CHOICE written on NotificationKind's values: overdue documents, overdue debts, operators' securities and ended storage periods go to CUSTOMS_OFFICE. Officers only: FORBIDDEN for partners, UNAUTHENTICATED for anonymous callers.",
  })
  async officerNotifications(@Args(() => UnreadFilterArgs) filter: UnreadFilterArgs, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: NotificationsContext) {
    return ctx.services.inbox.page(ctx.services.access.officerInbox(ctx.principal), args, filter.unreadOnly);
  }

  @Query(() => NotificationConnection, {
    description:
      "The inboxes of the business partners the caller acts for, newest first: for partner software (an API application reads its partner's), and for portal users as `me { notifications }` gives them. FORBIDDEN for officers (they read officerNotifications), UNAUTHENTICATED for anonymous callers.",
  })
  async partnerNotifications(
    // Parameter decorators apply last first: this order lists first, after, unreadOnly, partnerId.
    @Args(() => PartnerFilterArgs) partner: PartnerFilterArgs,
    @Args(() => UnreadFilterArgs) filter: UnreadFilterArgs,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: NotificationsContext,
  ) {
    return ctx.services.inbox.page(ctx.services.access.partnerInbox(ctx.principal, partner.partnerId), args, filter.unreadOnly);
  }

  @Query(() => Notification, {
    nullable: true,
    description:
      "One notification of the caller's inboxes, by id; null for one of another partner or role, or none (no hint which). The gateway answers `subscription { notificationAdded }` with this field for each new notification of the subscriber (gateway/subscriptions.ts).",
  })
  async notification(@Arg("id", () => ID, { description: "The notification's id (`Notification.id`)." }) id: string, @Ctx() ctx: NotificationsContext): Promise<Notification | null> {
    return visibleNotification(ctx, id);
  }

  @Mutation(() => MarkNotificationsReadPayload, {
    description:
      "Marks notifications read for the caller alone (another user of the same partner, or another officer of the same role, still sees them unread): the ids given, or all of the caller's inboxes. Refused with BAD_USER_INPUT unless exactly one of `ids` and `all` is given, NOT_FOUND for an id outside the caller's inboxes (nothing is marked), UNAUTHENTICATED for anonymous callers.",
  })
  async markNotificationsRead(@Arg("input", () => MarkNotificationsReadInput, { description: "The notifications to mark read: `ids`, or `all: true`." }) input: MarkNotificationsReadInput, @Ctx() ctx: NotificationsContext): Promise<MarkNotificationsReadPayload> {
    return ctx.services.inbox.markRead(ctx.principal, input);
  }

  @FieldResolver(() => Boolean, { description: "Whether the caller has marked this notification read (each reader's own mark, markNotificationsRead)." })
  async read(@Root() n: Notification, @Ctx() ctx: NotificationsContext): Promise<boolean> {
    return loaders.read(ctx).load(n.id);
  }

  @FieldResolver(() => CustomsDeclaration, { nullable: true, description: "The declaration concerned: set for taxation decisions, overdue documents and overdue debts of a declaration; null otherwise." })
  declaration(@Root() n: Notification): CustomsDeclaration | null {
    const id = n.declarationId ?? (n.subjectType === "CustomsDeclaration" ? n.subjectId : null);
    return id ? { id } : null;
  }

  @FieldResolver(() => TaxationDecision, { nullable: true, description: "The taxation decision put online or cancelled (TAXATION_DECISION_ISSUED, TAXATION_DECISION_CANCELLED); null for other kinds." })
  taxationDecision(@Root() n: Notification): TaxationDecision | null {
    return subject(n, "TaxationDecision");
  }

  @FieldResolver(() => CustomsDebt, { nullable: true, description: "The customs debt that became overdue (DEBT_OVERDUE); null for other kinds." })
  customsDebt(@Root() n: Notification): CustomsDebt | null {
    return subject(n, "CustomsDebt");
  }

  @FieldResolver(() => StoredLot, { nullable: true, description: "The stored lot whose storage period ended (STORAGE_PERIOD_EXPIRED); null for other kinds." })
  storedLot(@Root() n: Notification): StoredLot | null {
    return subject(n, "StoredLot");
  }

  @FieldResolver(() => StorageFacility, { nullable: true, description: "The facility whose operator owes security (OPERATOR_SECURITY_REQUIRED); null for other kinds." })
  storageFacility(@Root() n: Notification): StorageFacility | null {
    return subject(n, "StorageFacility");
  }

  @FieldResolver(() => BusinessPartner, {
    nullable: true,
    description:
      "The business partner concerned: in a partner's inbox the partner itself (its roles, for the role kinds: PartnerRole is no entity, so the role is `subjectId` among `partner { roles }`); in an officer role's inbox the partner the matter is about, or null when there are several (a debt's debtors: follow customsDebt).",
  })
  partner(@Root() n: Notification): BusinessPartner | null {
    return n.partnerId ? { id: n.partnerId } : null;
  }
}

@Resolver(() => PortalUser)
export class PortalUserNotificationsResolver {
  @FieldResolver(() => NotificationConnection, {
    description:
      "The user's inbox (ID-R15: FOCBS notifies in ePortal): the notifications of every business partner the user is a member of, newest first, with `unreadOnly` those the user has not marked read. Only the user itself reads it (FORBIDDEN for anyone else).",
  })
  async notifications(@Root() user: PortalUser, @Args(() => UnreadFilterArgs) filter: UnreadFilterArgs, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: NotificationsContext) {
    return ctx.services.inbox.page(ctx.services.access.userInbox(ctx.principal, user.id), args, filter.unreadOnly);
  }

  @FieldResolver(() => Int, { description: "How many notifications of the user's inbox the user has not marked read (the count ePortal shows on its letter icon). Only the user itself reads it." })
  async unreadNotificationCount(@Root() user: PortalUser, @Ctx() ctx: NotificationsContext): Promise<number> {
    return ctx.services.inbox.unreadCount(ctx.services.access.userInbox(ctx.principal, user.id));
  }
}
