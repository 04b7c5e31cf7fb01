import { registerEnumType } from "type-graphql";

/**
 * What a notification tells, one kind per producing event (issue 14 item 3). The sources name
 * ePortal's notifications for role decisions only (ID-R15: "FOCBS releases the roles and notifies in
 * ePortal"); the other kinds follow the rules whose deadlines or decisions they announce.
 */
export enum NotificationKind {
  PARTNER_ROLE_RELEASED = "PARTNER_ROLE_RELEASED",
  PARTNER_ROLE_CLARIFICATION_REQUESTED = "PARTNER_ROLE_CLARIFICATION_REQUESTED",
  PARTNER_ROLE_REJECTED = "PARTNER_ROLE_REJECTED",
  TAXATION_DECISION_ISSUED = "TAXATION_DECISION_ISSUED",
  TAXATION_DECISION_CANCELLED = "TAXATION_DECISION_CANCELLED",
  DOCUMENTS_OVERDUE = "DOCUMENTS_OVERDUE",
  DEBT_OVERDUE = "DEBT_OVERDUE",
  OPERATOR_SECURITY_REQUIRED = "OPERATOR_SECURITY_REQUIRED",
  STORAGE_PERIOD_EXPIRED = "STORAGE_PERIOD_EXPIRED",
}
registerEnumType(NotificationKind, {
  name: "NotificationKind",
  description:
    "What a notification tells, one kind per event of another subgraph. Each value names who receives it: the business partner concerned (every portal user and application of that partner) and, where an office has to act, an officer role's inbox (DESIGN CHOICE: the sources name no officer inboxes; the role that acts on the matter in this graph receives it).",
  valuesConfig: {
    PARTNER_ROLE_RELEASED: { description: "ID-R15 (ePortal step 4): FOCBS released a business partner role (identity's PartnerRoleActivated), at once or after clarification. To the partner only." },
    PARTNER_ROLE_CLARIFICATION_REQUESTED: { description: "ID-R15 (ePortal step 4): FOCBS needs clarification before releasing a role; the body carries its question. To the partner only." },
    PARTNER_ROLE_REJECTED: { description: "DESIGN CHOICE (DOMAIN.md §2.2): FOCBS refused a role request; the body carries the reason. To the partner only." },
    TAXATION_DECISION_ISSUED: { description: "DEC-R52, DEC-R53 (LD art. 38; OD-AFD art. 20a): a taxation decision was put online, which notifies it; the 60-day appeal period runs from its establishment (DEC-R60, LD art. 116). To the declarant and, when another, the partner on whose behalf it declared." },
    TAXATION_DECISION_CANCELLED: { description: "DEC-R54 (OD-AFD art. 20b): a notified electronic taxation decision was set aside with a notice and the declarant is told; a paper decision is returned to the office by the next business day. To the declarant and the partner on whose behalf it declared." },
    DOCUMENTS_OVERDUE: { description: "DEC-R36, DEC-R37 (OD-AFD art. 19): a document the selection or the office required was not supplied by its deadline. To the declarant, and to the CUSTOMS_OFFICE inbox (DESIGN CHOICE: the office that set the deadline follows it up)." },
    DEBT_OVERDUE: { description: "DEBT-R10 (LD art. 74; X20): a customs debt was not paid within its payment period; default interest runs from the due date. To each debtor, and to the CUSTOMS_OFFICE inbox (DESIGN CHOICE: the office collects)." },
    OPERATOR_SECURITY_REQUIRED: { description: "DEBT-R18 (LD art. 53 para. 6, 66 para. 4): the authorisation of a warehouse or free deposit requires security from its operator (warehousing's OperatorSecurityRequired). To the operator, and to the CUSTOMS_OFFICE inbox (DESIGN CHOICE: the control office receives the security)." },
    STORAGE_PERIOD_EXPIRED: { description: "WH-R04 (LD art. 51 para. 3; X17): a lot's storage period in a consumer goods warehouse ended; placing it under another procedure must be requested within 60 days or its duties fall due. To the depositor, and to the CUSTOMS_OFFICE inbox (DESIGN CHOICE: the control office supervises the facility)." },
  },
});

/** Whose inbox a notification is in: a business partner's (by id) or an officer role's (by name). */
export enum RecipientKind {
  PARTNER = "PARTNER",
  OFFICER_ROLE = "OFFICER_ROLE",
}
