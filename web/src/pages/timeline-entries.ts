import type { TimelineEntry } from "../components/Timeline";
import { formatMoney, humanize } from "../format";
import type { DeclarationTimelineQuery } from "../generated";

type Declaration = DeclarationTimelineQuery["declaration"];
type TaxationKind = Declaration["taxationDecisions"]["edges"][number]["node"]["kind"];

/**
 * TIMELINE: the graph is gaining `CustomsDeclaration.timeline`, entries of exactly the shape of
 * TimelineEntry. Until schema/api.graphql has it, the entries are built here from the fields that
 * exist, with the same kinds and meaning (a deadline is overdue when it passed unmet or was met
 * late; `status` is the lifecycle status an entry moved the declaration to, null otherwise). When
 * it lands: select `timeline { at kind deadline overdue summary rule article status }` in
 * DeclarationTimeline (web/src/operations/declaration.graphql), run `npm run clients`, and make
 * this function `return declaration.timeline` (or drop it for the field). The field knows more
 * (verifications, corrections, change requests, downloads, adapted deadlines).
 */
export function timelineEntries(declaration: Declaration, now: Date = new Date()): TimelineEntry[] {
  const d = declaration;
  const entries: TimelineEntry[] = [];
  const withdrawn = d.status === "WITHDRAWN";
  const fact = (at: string | null | undefined, kind: string, summary: string, rule: string | null, article: string | null, status: string | null = null) => {
    if (at) entries.push({ at, kind, deadline: false, overdue: false, summary, rule, article, status });
  };
  /** A deadline is overdue when met after it, or unmet once it passed (nothing is due on a withdrawn declaration). */
  const deadline = (at: string | null | undefined, kind: string, summary: string, metAt: string | null | undefined, rule: string | null, article: string | null) => {
    if (!at) return;
    const due = Date.parse(at);
    const overdue = metAt ? Date.parse(metAt) > due : !withdrawn && due < now.getTime();
    entries.push({ at, kind, deadline: true, overdue, summary, rule, article, status: null });
  };

  const presentation = d.presentation;
  if (presentation) {
    fact(presentation.presentedAt, "GOODS_PRESENTED", "Goods presented at the office", "DEC-R03", "LD art. 24");
    // Met by this declaration's transmission.
    deadline(presentation.declarationDueBy, "DECLARATION_DUE", "Declaration due for the presented goods", d.transmittedAt, "DEC-R06", "OD-AFD art. 4");
  }
  fact(d.crossedBorderAt, "BORDER_CROSSED", "Goods crossed the border", "DEC-R11", "OD-AFD art. 5 para. 3");
  fact(d.transmittedAt, "TRANSMITTED", "Declaration transmitted", "DEC-R16", "OD-AFD art. 12 para. 4", "TRANSMITTED");
  fact(d.receiptConfirmedAt, "RECEIPT_CONFIRMED", "Receipt confirmed: the declaration counts as presented", "DEC-R16", "OD-AFD art. 12 para. 4", "RECEIVED");
  fact(d.acceptedAt, "ACCEPTED", "Accepted", "DEC-R17", "OD-AFD art. 16", "ACCEPTED");
  fact(d.selectionCommunicatedAt, "SELECTION_COMMUNICATED", d.selectionResult ? `Selection result: ${humanize(d.selectionResult)}` : "Selection result communicated", "DEC-R29", "OD-AFD art. 17 para. 1");

  for (const { node: document } of d.documents.edges) {
    const name = `Document ${document.identificationMark} (${humanize(document.kind).toLowerCase()})`;
    const due = ruleAndArticle(document.dueRule);
    fact(document.requiredAt, "DOCUMENT_REQUIRED", `${name} required`, null, null);
    deadline(document.dueAt, "DOCUMENT_DUE", `${name} due: ${document.dueRule}`, document.submittedAt, due.rule, due.article);
    fact(document.submittedAt, "DOCUMENT_SUBMITTED", `${name} submitted`, "DEC-R35", "OD-AFD art. 18");
  }

  for (const { node: refusal } of d.refusals.edges) {
    fact(refusal.refusedAt, "REFUSED", `Refused for correction${refusal.reasons.length > 0 ? `: ${refusal.reasons.join("; ")}` : ""}`, "DEC-R38", "LD art. 32", "REFUSED");
    deadline(refusal.resubmissionDueBy, "RESUBMISSION_DUE", "Corrected declaration due", refusal.resubmittedAt, "DEC-R40", "OD-AFD art. 20 para. 2");
    fact(refusal.resubmittedAt, "RESUBMITTED", "Corrected declaration resubmitted", "DEC-R40", "OD-AFD art. 20 para. 2");
  }

  fact(d.incorrectParticularsFoundAt, "INCORRECT_PARTICULARS_FOUND", "The office found incorrect particulars", "DEC-R43", "LD art. 34 para. 1");

  for (const { node: decision } of d.taxationDecisions.edges) {
    const basis = TAXATION_BASIS[decision.kind];
    fact(
      decision.establishedAt,
      "TAXED",
      `${humanize(decision.kind)} taxation decision established and put online: duties ${formatMoney(decision.totalDuties)}`,
      basis.rule,
      basis.article,
      decision.kind === "EX_OFFICIO" ? "EX_OFFICIO_TAXED" : null,
    );
    fact(decision.securedAt, "TAXATION_SECURED", "Duties of the provisional taxation secured at the highest rate", "DEC-R55", "LD art. 39 para. 3");
    deadline(decision.documentsDueBy, "TAXATION_DOCUMENTS_DUE", "Missing documents of the provisional taxation due", decision.finalisedAt ?? decision.cancelledAt, "DEC-R55", "LD art. 39 para. 4");
    fact(decision.finalisedAt, "TAXATION_FINALISED", "Provisional taxation became final", "DEC-R55", "LD art. 39 para. 4");
    fact(decision.cancelledAt, "TAXATION_CANCELLED", `Taxation decision cancelled${decision.cancellationNotice ? `: ${decision.cancellationNotice}` : ""}`, "DEC-R54", "OD-AFD art. 20b");
  }

  fact(d.releasedAt, "RELEASED", "Goods released", "DEC-R56", "LD art. 40");
  if (d.removalDueBy) {
    entries.push({ at: d.removalDueBy, kind: "REMOVAL_DUE", deadline: true, overdue: d.removalOverdue, summary: "Released goods to be removed from customs custody", rule: "DEC-R58", article: "OD-AFD art. 37", status: null });
  }
  fact(d.removedAt, "REMOVED", "Goods left customs custody", "DEC-R56", "LD art. 40 para. 2");
  if (d.changeOfTaxationDeadline) {
    // The end of a right, never overdue.
    entries.push({ at: d.changeOfTaxationDeadline, kind: "CHANGE_OF_TAXATION_DUE", deadline: true, overdue: false, summary: "Last moment to ask for a change of taxation", rule: "DEC-R44", article: "LD art. 34 para. 3", status: null });
  }

  // Facts before deadlines at the same instant, as the graph orders them.
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || Number(a.deadline) - Number(b.deadline));
}

const TAXATION_BASIS: Record<TaxationKind, { rule: string; article: string }> = {
  FINAL: { rule: "DEC-R52", article: "LD art. 38" },
  PROVISIONAL: { rule: "DEC-R55", article: "LD art. 39" },
  EX_OFFICIO: { rule: "DEC-R41", article: "OD-AFD art. 20 para. 3" },
  AMENDED: { rule: "DEC-R44", article: "LD art. 34 para. 4" },
};

/** The rule id and article a document's `dueRule` names, e.g. "DEC-R45: requested by the office (LD art. 35): …". */
export function ruleAndArticle(text: string): { rule: string | null; article: string | null } {
  const rule = /\b[A-Z]{2,5}-R\d+\b/.exec(text)?.[0] ?? null;
  const article = /\b(?:LD|OD-AFD) art\. \d+[a-z]?(?: para\. \d+)?(?: let\. [a-z])?/.exec(text)?.[0] ?? null;
  return { rule, article };
}
