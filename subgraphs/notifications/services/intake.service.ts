import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import { Clock, EventEnvelope, EventPublisher, OfficerRole } from "../../kit";
import { NotificationKind, RecipientKind } from "../entities/enums";
import { Notification } from "../entities/notification.entity";

/** What one event puts into one inbox, before it is stored. */
export interface NotificationDraft {
  recipientKind: RecipientKind;
  recipientId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  subjectType: string;
  subjectId: string;
  declarationId?: string | null;
  partnerId?: string | null;
}

/** The payloads consumed, as their producers publish them (only the fields read here). */
export interface RolePayload {
  partnerId: string;
  roleId: string;
  roleType: string;
  reason?: string | null;
}
export interface TaxationIssuedPayload {
  taxationDecisionId: string;
  declarationId: string;
  declarationNumber?: string | null;
  declarantId: string;
  onBehalfOfId?: string | null;
  kind: string;
  totalDuties: string;
  nonCollected?: boolean;
}
export interface TaxationCancelledPayload {
  taxationDecisionId: string;
  declarationId: string;
  declarantId: string;
  onBehalfOfId?: string | null;
  notice?: string | null;
  paperReturnDueBy?: string | null;
}
export interface DocumentsOverduePayload {
  declarationId: string;
  declarantId: string;
  identificationMark: string;
  dueAt: string;
}
export interface DebtOverduePayload {
  debtId: string;
  declarationId?: string | null;
  overdueSince: string;
  outstanding: string;
  debtorIds: string[];
}
export interface OperatorSecurityRequiredPayload {
  facilityId: string;
  operatorId: string;
  amount: string;
  controlOfficeId: string;
}
export interface StoragePeriodExpiredPayload {
  lotId: string;
  depositorId: string;
  storageEnd: string;
  placementDeadline: string;
}

/**
 * DESIGN CHOICE (the sources name no officer inboxes): the officer role whose inbox receives each
 * kind, where an office has to act on it. Role decisions are FOCBS's own acts and taxation
 * decisions the office's own, so nobody else needs telling; a missed deadline or a security to
 * receive is followed up by the customs office (the office that set the deadline, collects the
 * debt or supervises the facility). Written in the schema (NotificationKind's values).
 */
export const OFFICER_INBOX: Partial<Record<NotificationKind, OfficerRole>> = {
  [NotificationKind.DOCUMENTS_OVERDUE]: "CUSTOMS_OFFICE",
  [NotificationKind.DEBT_OVERDUE]: "CUSTOMS_OFFICE",
  [NotificationKind.OPERATOR_SECURITY_REQUIRED]: "CUSTOMS_OFFICE",
  [NotificationKind.STORAGE_PERIOD_EXPIRED]: "CUSTOMS_OFFICE",
};

/** Event types consumed, with the notifications each makes. */
export const CONSUMED_EVENTS = [
  "PartnerRoleActivated",
  "PartnerRoleClarificationRequested",
  "PartnerRoleRejected",
  "TaxationDecisionIssued",
  "TaxationDecisionCancelled",
  "DocumentsOverdue",
  "DebtOverdue",
  "OperatorSecurityRequired",
  "StoragePeriodExpired",
] as const;

const ZURICH_DAY = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Zurich", day: "numeric", month: "long", year: "numeric" });
const ZURICH_TIME = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Zurich", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" });
/** An instant as people in Switzerland read it: "2 March 2026, 10:00" (Zurich time). */
const when = (iso: string) => ZURICH_TIME.format(new Date(iso)).replace(" at ", ", ");
const day = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? ZURICH_DAY.format(new Date(`${iso}T12:00:00Z`)) : ZURICH_DAY.format(new Date(iso)));
/** `AUTHORISED_CONSIGNEE` → "authorised consignee". */
const roleName = (roleType: string) => roleType.toLowerCase().replace(/_/g, " ");

/**
 * Events in, notifications out. Each handler runs inside the receiver's transaction (kit
 * `processOnce`), so the processed event, its notifications and their `NotificationAdded` events
 * commit together; a redelivered event is a DUPLICATE there, and the unique key on (source event,
 * recipient) keeps it at one notification per recipient even so.
 */
export class IntakeService {
  constructor(
    private readonly clock: Clock,
    private readonly events: EventPublisher,
  ) {}

  /** ID-R15: a role released, at once or by FOCBS after its requests. */
  onPartnerRoleActivated(m: EntityManager, e: EventEnvelope): Promise<Notification[]> {
    const p = e.payload as unknown as RolePayload;
    return this.store(m, e, [
      this.toPartner(p.partnerId, NotificationKind.PARTNER_ROLE_RELEASED, `Role released: ${roleName(p.roleType)}`, `FOCBS released the ${roleName(p.roleType)} role of this business partner; it is active now (ID-R15, ePortal step 4).`, "PartnerRole", p.roleId),
    ]);
  }

  /** ID-R15: FOCBS asks before releasing. */
  onPartnerRoleClarificationRequested(m: EntityManager, e: EventEnvelope): Promise<Notification[]> {
    const p = e.payload as unknown as RolePayload;
    const question = p.reason ? `: ${p.reason}` : ".";
    return this.store(m, e, [
      this.toPartner(p.partnerId, NotificationKind.PARTNER_ROLE_CLARIFICATION_REQUESTED, `Clarification needed: ${roleName(p.roleType)} role`, `FOCBS needs clarification before it can release the ${roleName(p.roleType)} role (ID-R15, ePortal step 4)${question}`, "PartnerRole", p.roleId),
    ]);
  }

  /** DOMAIN.md §2.2 DESIGN CHOICE: FOCBS refuses, with its reason. */
  onPartnerRoleRejected(m: EntityManager, e: EventEnvelope): Promise<Notification[]> {
    const p = e.payload as unknown as RolePayload;
    const reason = p.reason ? ` The reason given: ${p.reason}` : "";
    return this.store(m, e, [
      this.toPartner(p.partnerId, NotificationKind.PARTNER_ROLE_REJECTED, `Role refused: ${roleName(p.roleType)}`, `FOCBS refused the request for the ${roleName(p.roleType)} role.${reason}`, "PartnerRole", p.roleId),
    ]);
  }

  /** DEC-R53 (OD-AFD art. 20a): put online is notified; to the declarant and its principal. */
  onTaxationDecisionIssued(m: EntityManager, e: EventEnvelope): Promise<Notification[]> {
    const p = e.payload as unknown as TaxationIssuedPayload;
    const number = p.declarationNumber ? ` ${p.declarationNumber}` : "";
    const duties = p.nonCollected ? `duties of CHF ${p.totalDuties}, not collected (DEC-R59, OD-AFD art. 58)` : `duties of CHF ${p.totalDuties}`;
    const body = `A ${p.kind.toLowerCase().replace(/_/g, " ")} taxation decision for declaration${number} was put online, which notifies it (DEC-R53, OD-AFD art. 20a): ${duties}. It can be appealed within 60 days of its establishment (DEC-R60, LD art. 116).`;
    return this.store(
      m,
      e,
      this.declarationParties(p).map(partnerId => ({
        ...this.toPartner(partnerId, NotificationKind.TAXATION_DECISION_ISSUED, `Taxation decision online${number ? `: declaration${number}` : ""}`, body, "TaxationDecision", p.taxationDecisionId),
        declarationId: p.declarationId,
      })),
    );
  }

  /** DEC-R54 (OD-AFD art. 20b): set aside with a notice, and the declarant is told. */
  onTaxationDecisionCancelled(m: EntityManager, e: EventEnvelope): Promise<Notification[]> {
    const p = e.payload as unknown as TaxationCancelledPayload;
    const notice = p.notice ? ` The office's notice: ${p.notice}` : "";
    const paper = p.paperReturnDueBy ? ` Return the paper decision to the taxing office by ${day(p.paperReturnDueBy)}, the next business day after the cancellation (DEC-R54, OD-AFD art. 20b para. 2).` : "";
    const body = `The office set aside the taxation decision of this declaration (DEC-R54, OD-AFD art. 20b).${notice}${paper}`;
    return this.store(
      m,
      e,
      this.declarationParties(p).map(partnerId => ({
        ...this.toPartner(partnerId, NotificationKind.TAXATION_DECISION_CANCELLED, "Taxation decision cancelled", body, "TaxationDecision", p.taxationDecisionId),
        declarationId: p.declarationId,
      })),
    );
  }

  /** DEC-R36, DEC-R37 (OD-AFD art. 19): a required document missed its deadline. */
  onDocumentsOverdue(m: EntityManager, e: EventEnvelope): Promise<Notification[]> {
    const p = e.payload as unknown as DocumentsOverduePayload;
    const title = `Document overdue: ${p.identificationMark}`;
    const body = `The document ${p.identificationMark} required for this declaration was due by ${when(p.dueAt)} and has not been supplied (DEC-R36, DEC-R37, OD-AFD art. 19).`;
    const draft = { kind: NotificationKind.DOCUMENTS_OVERDUE, title, body, subjectType: "CustomsDeclaration", subjectId: p.declarationId, declarationId: p.declarationId, partnerId: p.declarantId };
    return this.store(m, e, [{ ...draft, recipientKind: RecipientKind.PARTNER, recipientId: p.declarantId }, ...this.toOffice(draft)]);
  }

  /** DEBT-R10 (LD art. 74; X20): unpaid after the payment period; to every debtor. */
  onDebtOverdue(m: EntityManager, e: EventEnvelope): Promise<Notification[]> {
    const p = e.payload as unknown as DebtOverduePayload;
    const debtors = [...new Set(p.debtorIds ?? [])];
    const title = `Customs debt overdue: CHF ${p.outstanding}`;
    const body = `The customs debt was not paid within its payment period, which ended ${when(p.overdueSince)}: CHF ${p.outstanding} is outstanding, and default interest runs from the due date (DEBT-R10, LD art. 74).`;
    const draft = { kind: NotificationKind.DEBT_OVERDUE, title, body, subjectType: "CustomsDebt", subjectId: p.debtId, declarationId: p.declarationId ?? null };
    return this.store(m, e, [
      ...debtors.map(partnerId => ({ ...draft, recipientKind: RecipientKind.PARTNER, recipientId: partnerId, partnerId })),
      // The office's copy names the partner when there is one debtor; with several, the debt names them.
      ...this.toOffice({ ...draft, partnerId: debtors.length === 1 ? debtors[0] : null }),
    ]);
  }

  /** DEBT-R18 (LD art. 53 para. 6, 66 para. 4): the operator owes security for its facility. */
  onOperatorSecurityRequired(m: EntityManager, e: EventEnvelope): Promise<Notification[]> {
    const p = e.payload as unknown as OperatorSecurityRequiredPayload;
    const title = `Security required: CHF ${p.amount}`;
    const body = `The authorisation of this facility requires security of CHF ${p.amount} from its operator, to be given at the control office ${p.controlOfficeId} (DEBT-R18; LD art. 53 para. 6, 66 para. 4).`;
    const draft = { kind: NotificationKind.OPERATOR_SECURITY_REQUIRED, title, body, subjectType: "StorageFacility", subjectId: p.facilityId, partnerId: p.operatorId };
    return this.store(m, e, [{ ...draft, recipientKind: RecipientKind.PARTNER, recipientId: p.operatorId }, ...this.toOffice(draft)]);
  }

  /** WH-R04 (LD art. 51 para. 3; X17): 60 days to place the lot, else its duties fall due. */
  onStoragePeriodExpired(m: EntityManager, e: EventEnvelope): Promise<Notification[]> {
    const p = e.payload as unknown as StoragePeriodExpiredPayload;
    const title = "Storage period ended";
    const body = `The storage period of this lot ended on ${day(p.storageEnd)}. Request its placement under another customs procedure by ${when(p.placementDeadline)}, otherwise its import duties fall due (WH-R04, LD art. 51 para. 3).`;
    const draft = { kind: NotificationKind.STORAGE_PERIOD_EXPIRED, title, body, subjectType: "StoredLot", subjectId: p.lotId, partnerId: p.depositorId };
    return this.store(m, e, [{ ...draft, recipientKind: RecipientKind.PARTNER, recipientId: p.depositorId }, ...this.toOffice(draft)]);
  }

  /**
   * Stores the drafts of one event, one per recipient, leaving out any recipient the event already
   * reached, and publishes `NotificationAdded` for each in the same transaction (issue 14 item 4:
   * the gateway pushes it to subscribers).
   */
  async store(m: EntityManager, e: EventEnvelope, drafts: NotificationDraft[]): Promise<Notification[]> {
    const existing = await m.find(Notification, { select: { recipientKind: true, recipientId: true }, where: { sourceEventId: e.id } });
    const seen = new Set(existing.map(n => `${n.recipientKind}:${n.recipientId}`));
    // Dated when the fact happened (the event's time), not when the relay brought it: the inbox's
    // order is the order of the decisions and deadlines, whatever the delivery's delays.
    const occurred = new Date(e.occurredAt);
    const createdAt = Number.isNaN(occurred.getTime()) ? this.clock.now() : occurred;
    const rows: Notification[] = [];
    for (const d of drafts) {
      const key = `${d.recipientKind}:${d.recipientId}`;
      if (!d.recipientId || seen.has(key)) continue;
      seen.add(key);
      rows.push(
        m.create(Notification, {
          id: randomUUID(),
          recipientKind: d.recipientKind,
          recipientId: d.recipientId,
          kind: d.kind,
          title: d.title.slice(0, 200),
          body: d.body,
          subjectType: d.subjectType,
          subjectId: d.subjectId,
          declarationId: d.declarationId ?? null,
          partnerId: d.partnerId ?? null,
          sourceEventId: e.id,
          sourceEventType: e.type,
          createdAt,
        }),
      );
    }
    if (!rows.length) return [];
    await m.insert(Notification, rows);
    for (const n of rows) {
      await this.events.publish(m, "NotificationAdded", n.id, { notificationId: n.id, recipientKind: n.recipientKind, recipientId: n.recipientId, kind: n.kind, createdAt: n.createdAt.toISOString() });
    }
    return rows;
  }

  private toPartner(partnerId: string, kind: NotificationKind, title: string, body: string, subjectType: string, subjectId: string): NotificationDraft {
    return { recipientKind: RecipientKind.PARTNER, recipientId: partnerId, kind, title, body, subjectType, subjectId, partnerId };
  }

  /** The copy for the kind's officer inbox, if it has one (OFFICER_INBOX). */
  private toOffice(draft: Omit<NotificationDraft, "recipientKind" | "recipientId">): NotificationDraft[] {
    const role = OFFICER_INBOX[draft.kind];
    return role ? [{ ...draft, recipientKind: RecipientKind.OFFICER_ROLE, recipientId: role }] : [];
  }

  /** The declarant and, when another, the partner on whose behalf it declared: both are debtors of the decision (DEBT-R03, LD art. 70). */
  private declarationParties(p: { declarantId: string; onBehalfOfId?: string | null }): string[] {
    return [...new Set([p.declarantId, p.onBehalfOfId].filter((id): id is string => Boolean(id)))];
  }
}
