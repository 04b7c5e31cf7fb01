import type { Notification } from "../entities/notification.entity";
import type { NotificationsContext } from "./types";

/** Per-request loaders: a page of 100 notifications, or 100 of them through `_entities`, costs one statement per field, not 100. */
export const loaders = {
  notification: (ctx: NotificationsContext) => ctx.loaders.get<string, Notification | null>("notification", ids => ctx.services.inbox.byIds(ids)),
  /** The caller's read marks: the read state of a page in one statement. */
  read: (ctx: NotificationsContext) => {
    const reader = ctx.services.access.readerOf(ctx.principal);
    return ctx.loaders.get<string, boolean>(`read:${reader}`, ids => ctx.services.inbox.readBy(reader, ids));
  },
};

/** A notification the caller may read, or null (`_entities`: another inbox's notification is withheld). */
export async function visibleNotification(ctx: NotificationsContext, id: string): Promise<Notification | null> {
  const n = await loaders.notification(ctx).load(id);
  return n && ctx.services.access.canRead(ctx.principal, n) ? n : null;
}
