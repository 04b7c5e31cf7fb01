import { DataSource, EntityManager, In, SelectQueryBuilder } from "typeorm";
import { Clock, ConnectionArgs, ConnectionShape, emptyConnection, keyCursor, NotFoundError, pageByKey, Principal, sqlTime, transaction, ValidationError } from "../../kit";
import { RecipientKind } from "../entities/enums";
import { Notification, NotificationRead } from "../entities/notification.entity";
import { Inbox, NotificationAccess } from "./access";

/** Rows inserted per statement when marking a whole inbox read. */
const INSERT_CHUNK = 500;

export interface MarkReadResult {
  markedCount: number;
  unreadCount: number;
}

/**
 * Reading inboxes and marking them read. A page is one statement (newest first, keyset on
 * creation time and id), its total one more only when asked for, and the read state of every
 * notification of a request one more (a loader), whatever the page size.
 */
export class InboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: NotificationAccess,
  ) {}

  /** DESIGN CHOICE: newest first, as an inbox lists them; cursors are the kit's opaque key cursors. */
  async page(inbox: Inbox, args: ConnectionArgs, unreadOnly: boolean): Promise<ConnectionShape<Notification>> {
    const base = this.inboxQuery(this.dataSource.manager, inbox, unreadOnly);
    if (!base) return emptyConnection();
    const page = base.clone();
    if (args.after) {
      const [time, id] = keyCursor.decode<[string, string]>(args.after, ["string", "string"]);
      const at = new Date(time);
      if (Number.isNaN(at.getTime())) throw new ValidationError("The cursor is not one this API issued.", { field: "after" });
      page.andWhere("(n.created_at < :cTime OR (n.created_at = :cTime AND n.id < :cId))", { cTime: sqlTime(at), cId: id });
    }
    const rows = await page.orderBy("n.created_at", "DESC").addOrderBy("n.id", "DESC").limit(args.first + 1).getMany();
    return pageByKey(rows, args, n => [n.createdAt.toISOString(), n.id], () => base.getCount());
  }

  /** Notifications of the caller's inboxes that this reader has not read: one statement. */
  async unreadCount(inbox: Inbox, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const qb = this.inboxQuery(manager, inbox, true);
    return qb ? qb.getCount() : 0;
  }

  /** By id, in key order, `null` for a miss (the `_entities` loader). */
  async byIds(ids: readonly string[]): Promise<(Notification | null)[]> {
    if (!ids.length) return [];
    const rows = await this.dataSource.getRepository(Notification).findBy({ id: In([...new Set(ids)]) });
    const byId = new Map(rows.map(n => [n.id, n]));
    return ids.map(id => byId.get(id) ?? null);
  }

  /** Whether `reader` has read each notification, in key order: one statement for a whole page. */
  async readBy(reader: string, ids: readonly string[]): Promise<boolean[]> {
    if (!ids.length) return [];
    const rows = await this.dataSource.getRepository(NotificationRead).find({ select: { notificationId: true }, where: { reader, notificationId: In([...new Set(ids)]) } });
    const read = new Set(rows.map(r => r.notificationId));
    return ids.map(id => read.has(id));
  }

  /**
   * Marks notifications read for the caller (its own marks: another user of the same partner still
   * sees them unread): the ids given, which must all be in the caller's inboxes (NOT_FOUND
   * otherwise, and nothing is marked), or with `all` every unread one. Those already read count
   * nothing. One transaction.
   */
  async markRead(principal: Principal, input: { ids?: string[] | null; all?: boolean | null }): Promise<MarkReadResult> {
    const inbox = this.access.inboxOf(principal);
    const ids = input.ids ? [...new Set(input.ids)] : null;
    if (Boolean(ids) === Boolean(input.all)) {
      throw new ValidationError("Give either the ids of the notifications to mark read, or all: true.", { field: ids ? "input.all" : "input.ids" });
    }
    return transaction(this.dataSource, async m => {
      let targets: string[];
      if (ids) {
        const found = ids.length ? await m.findBy(Notification, { id: In(ids) }) : [];
        const readable = new Set(found.filter(n => this.access.canRead(principal, n)).map(n => n.id));
        // Another inbox's notification is as unknown as a made-up id: nothing is told about it.
        const missing = ids.find(id => !readable.has(id));
        if (missing) throw new NotFoundError("Notification", missing, "input.ids");
        const already = ids.length ? await m.find(NotificationRead, { select: { notificationId: true }, where: { reader: inbox.reader, notificationId: In(ids) } }) : [];
        const done = new Set(already.map(r => r.notificationId));
        targets = ids.filter(id => !done.has(id));
      } else {
        const qb = this.inboxQuery(m, inbox, true);
        targets = qb ? (await qb.select("n.id", "id").getRawMany<{ id: string }>()).map(r => r.id) : [];
      }
      const now = this.clock.now();
      for (let i = 0; i < targets.length; i += INSERT_CHUNK) {
        const values = targets.slice(i, i + INSERT_CHUNK).map(notificationId => ({ notificationId, reader: inbox.reader, readAt: now }));
        // A concurrent mark of the same notification by the same reader is no error: it is read either way.
        await m.createQueryBuilder().insert().into(NotificationRead).values(values).orIgnore().execute();
      }
      return { markedCount: targets.length, unreadCount: await this.unreadCount(inbox, m) };
    });
  }

  /** The notifications of an inbox (its partners' and roles'), unread by its reader if asked; null when the inbox is empty. */
  private inboxQuery(manager: EntityManager, inbox: Inbox, unreadOnly: boolean): SelectQueryBuilder<Notification> | null {
    const parts: string[] = [];
    if (inbox.partnerIds.length) parts.push("(n.recipient_kind = :partnerKind AND n.recipient_id IN (:...partnerIds))");
    if (inbox.roles.length) parts.push("(n.recipient_kind = :roleKind AND n.recipient_id IN (:...roles))");
    if (!parts.length) return null;
    const qb = manager
      .getRepository(Notification)
      .createQueryBuilder("n")
      .where(`(${parts.join(" OR ")})`, { partnerKind: RecipientKind.PARTNER, partnerIds: inbox.partnerIds, roleKind: RecipientKind.OFFICER_ROLE, roles: inbox.roles });
    if (unreadOnly) qb.andWhere("NOT EXISTS (SELECT 1 FROM notification_read r WHERE r.notification_id = n.id AND r.reader = :reader)", { reader: inbox.reader });
    return qb;
  }
}
