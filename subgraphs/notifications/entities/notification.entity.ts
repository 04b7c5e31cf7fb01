import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { NotificationKind, RecipientKind } from "./enums";

/**
 * One notification in one inbox. An event that concerns several recipients (a debt's debtors and
 * the office) gives one row per recipient; the unique key on (source event, recipient) makes a
 * redelivered event create nothing twice, whatever the receiver's processed-event table says.
 * The federated references (declaration, customsDebt, ...) are derived from `subjectType`,
 * `subjectId`, `declarationId` and `partnerId` by the resolvers.
 */
@ObjectType({
  description:
    "A notification in an ePortal inbox (ID-R15: FOCBS notifies in ePortal): what happened, when, and the object it is about as a federated reference the client can follow in the same query. A partner's notifications are read by every portal user and application of that partner, an officer role's by every officer with that role; `read` is each reader's own.",
})
@Directive('@key(fields: "id")')
@Entity("notification")
@Index("IDX_notification_source", ["sourceEventId", "recipientKind", "recipientId"], { unique: true })
@Index("IDX_notification_inbox", ["recipientKind", "recipientId", "createdAt", "id"])
export class Notification {
  @Field(() => ID, { description: "Opaque identifier of the notification: the federation key, and what markNotificationsRead takes." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  /** PARTNER or OFFICER_ROLE. */
  @Column({ type: "varchar", length: 16, name: "recipient_kind" })
  recipientKind: RecipientKind;

  /** The business partner's id, or the officer role's name (kit/principal.ts OFFICER_ROLES). */
  @Column({ type: "varchar", length: 36, name: "recipient_id" })
  recipientId: string;

  @Field(() => NotificationKind, { description: "What the notification tells; the kind also says which object references are set." })
  @Column({ type: "varchar", length: 48 })
  kind: NotificationKind;

  @Field({ description: "A one-line title in English, as an inbox list shows it." })
  @Column({ type: "varchar", length: 200 })
  title: string;

  @Field({ description: "The text in English: what happened, the deadline it opens or closed with its rule and article, and the reason or question given, if any." })
  @Column({ type: "text" })
  body: string;

  @Field({ description: "The federation type name of the object the notification is about (`PartnerRole`, `TaxationDecision`, `CustomsDeclaration`, `CustomsDebt`, `StorageFacility`, `StoredLot`); follow it through the typed fields (`taxationDecision`, `declaration`, ...)." })
  @Column({ type: "varchar", length: 40, name: "subject_type" })
  subjectType: string;

  @Field(() => ID, { description: "The id of the object the notification is about, in its own subgraph." })
  @Column({ type: "varchar", length: 36, name: "subject_id" })
  subjectId: string;

  /** The declaration concerned, when there is one (a taxation decision's, a document's, a debt's). */
  @Column({ type: "varchar", length: 36, name: "declaration_id", nullable: true })
  declarationId: string | null;

  /** The business partner concerned: the recipient for a partner's inbox; for an officer role's, the partner the matter is about, if one. */
  @Column({ type: "varchar", length: 36, name: "partner_id", nullable: true })
  partnerId: string | null;

  /** The event that caused it (its envelope id): unique per recipient. */
  @Column({ type: "varchar", length: 36, name: "source_event_id" })
  sourceEventId: string;

  /** The event's type, for operators reading the table. */
  @Column({ type: "varchar", length: 80, name: "source_event_type" })
  sourceEventType: string;

  @Field({ description: "When what it tells happened: the time of the event that caused it (ISO 8601 with offset, stored in UTC); the inbox lists the newest first." })
  @Column({ type: "datetime", precision: 3, name: "created_at" })
  createdAt: Date;
}

/** That one reader has read one notification: a portal user, an application or an officer, by principal kind and subject. */
@Entity("notification_read")
export class NotificationRead {
  @PrimaryColumn({ type: "varchar", length: 36, name: "notification_id" })
  notificationId: string;

  /** `<principal kind>:<subject>`, e.g. `PORTAL_USER:chlogin|alice.muster` (services/access.ts `readerOf`). */
  @PrimaryColumn({ type: "varchar", length: 240 })
  reader: string;

  @Column({ type: "datetime", precision: 3, name: "read_at" })
  readAt: Date;
}
