import type { DataSource } from "typeorm";
import { Clock, formatRappen, KeptVersion, versionsOf } from "../../kit";
import { CustomsDeclaration } from "../entities/declaration.entity";
import { DeclarationChannel, DeclarationStatus, DeclarationTimelineKind, Direction, DocumentKind, SelectionResult, TaxationKind, TaxationStatus } from "../entities/enums";
import { GoodsPresentation } from "../entities/presentation.entity";
import { DeclarationCorrection, Refusal, TaxationChangeRequest, TaxationDecision, Verification } from "../entities/procedure.entity";
import { DocumentRequirement, requestedByOffice } from "../entities/selection.entity";
import { DeclarationTimelineEntry } from "../entities/timeline.entity";
import { deadlineKey, DeadlineSubject } from "./deadline.service";
import { DeclarationService } from "./declaration.service";

/** The kept records of one declaration that its timeline is built from (resolvers/loaders.ts loads them in batches). */
export interface TimelineRecords {
  /**
   * Every kept version of the declaration row, oldest first (kit/history.ts): since its creation,
   * or, for a declaration older than its history (migration DeclarationsHistory), one version as it
   * then stood, dated at its creation. Empty when none is kept.
   */
  versions: KeptVersion<CustomsDeclaration>[];
  presentation: GoodsPresentation | null;
  refusals: Refusal[];
  documents: DocumentRequirement[];
  verifications: Verification[];
  corrections: DeclarationCorrection[];
  taxationDecisions: TaxationDecision[];
  changeRequests: TaxationChangeRequest[];
}

/** The office's overrides in force (T10), by `deadlineKey`: what `DeadlineService.latestOf` returns, as dates. */
export type OverridesInForce = ReadonlyMap<string, Date | null>;

type Rule = [rule: string | null, article: string | null];

const KIND_ORDER = Object.values(DeclarationTimelineKind);

/** The channels lodged through e-dec, NCTS or Passar: three steps, TRANSMITTED, RECEIVED, ACCEPTED (DOMAIN.md §3.2). */
const SYSTEM_CHANNELS: readonly DeclarationChannel[] = [DeclarationChannel.EDEC, DeclarationChannel.NCTS, DeclarationChannel.PASSAR_B2B];

/** When each channel's declaration is accepted (DEC-R17 to DEC-R27). */
const ACCEPTANCE: Record<DeclarationChannel, Rule> = {
  EDEC: ["DEC-R17", "OD-AFD art. 16"],
  NCTS: ["DEC-R17", "OD-AFD art. 16"],
  PASSAR_B2B: ["DEC-R17", "OD-AFD art. 16"],
  EDEC_WEB: ["DEC-R18", "OD-AFD art. 20d para. 3"],
  PAPER: ["DEC-R22", "OD-AFD art. 24 let. a"],
  DECLARATION_BOX: ["DEC-R22", "OD-AFD art. 24 let. b"],
  VERBAL: ["DEC-R25", "OD-AFD art. 26"],
  GREEN_LANE: ["DEC-R27", "OD-AFD art. 28 para. 2"],
  GREEN_VIEW: ["DEC-R27", "OD-AFD art. 30 para. 3"],
  GREEN_PLATE: ["DEC-R27", "OD-AFD art. 32 para. 3"],
  DECLARATION_PANEL: ["DEC-R27", "OD-AFD art. 34 para. 3, 35 para. 4"],
  RURAL_BORDER_ANNOUNCEMENT: ["DEC-R23", "OD-AFD art. 24a"],
};

/** The rule and article of a taxation decision of each kind. */
const TAXATION: Record<TaxationKind, Rule> = {
  FINAL: ["DEC-R52", "LD art. 38"],
  PROVISIONAL: ["DEC-R55", "LD art. 39 para. 1"],
  EX_OFFICIO: ["DEC-R41", "OD-AFD art. 20 para. 3"],
  AMENDED: ["DEC-R44", "LD art. 34 para. 4"],
};

/** A deadline's outcome: met at `metAt`, or lapsed without anyone in default at `endedAt` (cancelled, superseded). */
interface Settlement {
  metAt?: Date | null;
  endedAt?: Date | null;
  /** The end of a right's period (change of taxation): passing it is never overdue. */
  right?: boolean;
}

const same = (a: Date | null | undefined, b: Date | null | undefined) => Boolean(a && b && a.getTime() === b.getTime());

/** The distinct instants among `dates`, earliest first. */
const distinct = (dates: (Date | null | undefined)[]): Date[] =>
  [...new Map(dates.filter((x): x is Date => Boolean(x)).map(x => [x.getTime(), x])).values()].sort((a, b) => a.getTime() - b.getTime());

/**
 * A change of the declaration's status between two consecutive kept versions, at the instant its
 * write was stamped with (the subgraph's clock when its transaction began). `until` is the stamp of
 * the next write recorded later, if any: a record the same write dated (`clock.now()` read inside
 * the transaction) lies in between.
 */
interface StatusChange {
  at: Date;
  until: Date | null;
  from: DeclarationStatus;
  to: DeclarationStatus;
  /** The declaration as this version left it. */
  row: CustomsDeclaration;
}

function statusChanges(versions: readonly KeptVersion<CustomsDeclaration>[]): StatusChange[] {
  const changes: StatusChange[] = [];
  versions.forEach((v, i) => {
    const before = versions[i - 1];
    // Declarations are never deleted (DEC-R84); a removal would say nothing of the lifecycle.
    if (!before || v.removed || before.removed || before.row.status === v.row.status) return;
    const next = versions.slice(i + 1).find(w => w.recordedAt.getTime() > v.recordedAt.getTime());
    changes.push({ at: v.recordedAt, until: next?.recordedAt ?? null, from: before.row.status, to: v.row.status, row: v.row });
  });
  return changes;
}

const earliest = (dates: (Date | null | undefined)[]): Date | null =>
  dates.filter((x): x is Date => Boolean(x)).reduce<Date | null>((min, x) => (min && min.getTime() <= x.getTime() ? min : x), null);

/**
 * A declaration's timeline (`CustomsDeclaration.timeline`): every state change and deadline, in
 * time order, each with its rule and article, built only from what the subgraph keeps: the
 * declaration's timestamps, its child rows and its kept versions (issue 15, kit/history.ts).
 * Deadlines are the computed ones the services stored when the rules applied
 * (`computedResubmissionDueBy`, `computedDueAt`, ...), or the office's override in force (T10),
 * exactly as the other fields read them; the change-of-taxation period is
 * `DeclarationService.changeOfTaxationDeadline`. Nothing here counts days.
 *
 * The kept versions date what the row itself does not: every change of status (a withdrawal, LD
 * art. 34 para. 1; the move to RESUBMISSION_OVERDUE, OD-AFD art. 20 para. 2; the office's
 * extension after it), and every receipt and acceptance a resubmission stamped again
 * (`DeclarationService.resubmit`). A declaration older than its history has one version, as it
 * stood when the history began: what it overwrote before is gone, and its timeline is what the row
 * and its child rows say, as before the history.
 */
export class DeclarationTimelineService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly declarations: DeclarationService,
  ) {}

  /** Every kept version of each declaration, oldest first, in one statement for all (resolvers/loaders.ts batches a request's). */
  async versionsOf(ids: readonly string[]): Promise<KeptVersion<CustomsDeclaration>[][]> {
    const kept = await versionsOf(this.dataSource.manager, CustomsDeclaration, ids);
    return ids.map(id => kept.get(id) ?? []);
  }

  /** The deadlines of the declaration that the office may have adapted (T10): their overrides are read in one batch. */
  overrideSubjects(d: CustomsDeclaration, r: TimelineRecords): DeadlineSubject[] {
    const subjects: DeadlineSubject[] = [];
    if (r.presentation && this.declaredAfterPresentation(d, r.presentation)) subjects.push({ type: "GoodsPresentation", kind: "DECLARATION_DUE", id: r.presentation.id });
    for (const doc of r.documents) subjects.push({ type: "DocumentRequirement", kind: "DOCUMENT_DUE", id: doc.id });
    for (const refusal of r.refusals) subjects.push({ type: "Refusal", kind: "RESUBMISSION_DUE", id: refusal.id });
    if (d.computedRemovalDueBy) subjects.push({ type: "CustomsDeclaration", kind: "REMOVAL_DUE", id: d.id });
    return subjects;
  }

  build(d: CustomsDeclaration, r: TimelineRecords, overrides: OverridesInForce): DeclarationTimelineEntry[] {
    const now = this.clock.now();
    const entries: DeclarationTimelineEntry[] = [];
    const fact = (at: Date | null | undefined, kind: DeclarationTimelineKind, summary: string, [rule, article]: Rule, status: DeclarationStatus | null = null) => {
      if (at) entries.push({ at, kind, deadline: false, overdue: false, summary, rule, article, status });
    };
    const deadline = (due: Date | null | undefined, kind: DeclarationTimelineKind, summary: string, [rule, article]: Rule, settled: Settlement) => {
      if (!due) return;
      // Met late, or unmet when the clock passed it. An unmet deadline of a withdrawn declaration is
      // moot, nothing is due any more (DESIGN CHOICE, as `overdue` says; also when it passed before
      // the withdrawal the kept versions now date, which a declaration older than its history lacks).
      const until = settled.metAt ?? settled.endedAt ?? (d.status === DeclarationStatus.WITHDRAWN ? null : now);
      const overdue = !settled.right && until !== null && until.getTime() > due.getTime();
      entries.push({ at: due, kind, deadline: true, overdue, summary, rule, article, status: null });
    };
    const inForce = (subject: DeadlineSubject, computed: Date | null) => {
      const adapted = overrides.get(deadlineKey(subject)) ?? null;
      return { due: adapted ?? computed, adapted: adapted !== null };
    };
    const resubmissions = r.refusals.map(x => x.resubmittedAt);
    // Every receipt and acceptance the declaration had, earliest first: a resubmission stamps both
    // again (DEC-R40), and the kept versions hold the earlier ones (issue 15).
    const receipts = distinct([...r.versions.map(v => v.row.receiptConfirmedAt), d.receiptConfirmedAt]);
    const acceptances = distinct([...r.versions.map(v => v.row.acceptedAt), d.acceptedAt]);

    // Presentation and lodging (DOMAIN.md §3.2).
    const p = r.presentation;
    if (p) {
      fact(p.presentedAt, DeclarationTimelineKind.GOODS_PRESENTED, `Goods presented at office ${p.officeId} (${p.place}): in customs custody.`, ["DEC-R03", "LD art. 24 para. 1-3"]);
      if (this.declaredAfterPresentation(d, p)) {
        const { due, adapted } = inForce({ type: "GoodsPresentation", kind: "DECLARATION_DUE", id: p.id }, p.computedDeclarationDueBy);
        const rule: Rule = p.authorisedConsignee ? ["DEC-R61", "OD-AFD art. 38"] : ["DEC-R06", adapted ? "OD-AFD art. 4 para. 2" : "OD-AFD art. 4"];
        const what = adapted ? "as adapted by the office" : p.authorisedConsignee ? "by the 30th working day after presentation (authorised consignee)" : "by the business day after presentation";
        // Declared once received (DEC-R16): at the first receipt. A declaration resubmitted before
        // its history began kept only the resubmission's receipt; the earliest moment that proves
        // receipt stands for the lost first one, as it did before the history.
        const firstReceipt = receipts[0] ?? null;
        const declaredAt = firstReceipt && !resubmissions.some(at => same(at, firstReceipt)) ? firstReceipt : earliest([firstReceipt, ...acceptances, d.selectionCommunicatedAt, r.refusals[0]?.refusedAt]);
        deadline(due, DeclarationTimelineKind.DECLARATION_DUE, `Declaration of the presented goods due ${what}.`, rule, { metAt: declaredAt });
      }
    }
    const undeclared = Boolean(d.particulars?.undeclaredGoods);
    if (d.crossedBorderAt && !same(d.crossedBorderAt, p?.presentedAt)) {
      if (d.isPreDeclaration) fact(d.crossedBorderAt, DeclarationTimelineKind.BORDER_CROSSED, "The pre-declared goods crossed the border: the duties follow their condition now.", ["DEC-R11", "OD-AFD art. 5 para. 3"]);
      else if (undeclared) fact(d.crossedBorderAt, DeclarationTimelineKind.BORDER_CROSSED, `Goods that did not qualify went through the ${d.channel.toLowerCase().replace(/_/g, " ")}: undeclared goods.`, ["DEC-R28", "OD-AFD art. 28 para. 3, 30 para. 4, 34 para. 4, 35 para. 5"]);
    }
    const lodged = SYSTEM_CHANNELS.includes(d.channel) || d.channel === DeclarationChannel.EDEC_WEB;
    if (lodged) {
      if (d.channel === DeclarationChannel.EDEC_WEB) fact(d.transmittedAt, DeclarationTimelineKind.TRANSMITTED, "Entered and printed in e-dec web: presented with the goods, the office accepts it.", ["DEC-R18", "OD-AFD art. 20c"], DeclarationStatus.TRANSMITTED);
      else fact(d.transmittedAt, DeclarationTimelineKind.TRANSMITTED, `Transmitted through ${d.channel}: not presented until the system confirms receipt.`, ["DEC-R16", "OD-AFD art. 12 para. 4"], DeclarationStatus.TRANSMITTED);
    }
    // The receipt of a resubmission is its RESUBMITTED entry; e-dec web's receipt and acceptance are one act of the office.
    for (const receipt of receipts) {
      if (SYSTEM_CHANNELS.includes(d.channel) && !resubmissions.some(at => same(at, receipt))) {
        fact(receipt, DeclarationTimelineKind.RECEIPT_CONFIRMED, "The system confirmed receipt: the declaration counts as presented.", ["DEC-R16", "OD-AFD art. 12 para. 4"], DeclarationStatus.RECEIVED);
      }
    }
    for (const acceptance of acceptances) {
      const reaccepted = resubmissions.some(at => same(at, acceptance));
      fact(acceptance, DeclarationTimelineKind.ACCEPTED, reaccepted ? "The resubmitted declaration was accepted again: it binds the declarant." : "Accepted: the declaration binds the declarant.", ACCEPTANCE[d.channel], DeclarationStatus.ACCEPTED);
    }
    if (d.selectionResult) {
      fact(d.selectionCommunicatedAt, DeclarationTimelineKind.SELECTION_COMMUNICATED, `Risk selection result communicated: ${d.selectionResult}.`, ["DEC-R29", d.direction === Direction.EXPORT ? "OD-AFD art. 17a para. 1" : "OD-AFD art. 17 para. 1"]);
    }

    // Documents (DEC-R30 to DEC-R37, DEC-R45).
    for (const doc of r.documents) {
      fact(doc.requiredAt, DeclarationTimelineKind.DOCUMENT_REQUIRED, `Document required: ${doc.kind} ${doc.identificationMark}.`, this.requirementRule(d, doc));
      const { due, adapted } = inForce({ type: "DocumentRequirement", kind: "DOCUMENT_DUE", id: doc.id }, doc.computedDueAt);
      const why = doc.dueRule.replace(/^DEC-R\d+: /, "");
      deadline(due, DeclarationTimelineKind.DOCUMENT_DUE, `Document ${doc.identificationMark} due${adapted ? " as adapted by the office" : ""}: ${why}.`, this.dueRule(doc.dueRule), { metAt: doc.submittedAt });
      fact(doc.submittedAt, DeclarationTimelineKind.DOCUMENT_SUBMITTED, `Document submitted: ${doc.kind} ${doc.identificationMark}.`, ["DEC-R35", "OD-AFD art. 18"]);
    }

    // Summary control, refusal and resubmission (DEC-R38 to DEC-R41).
    for (const refusal of r.refusals) {
      fact(refusal.refusedAt, DeclarationTimelineKind.REFUSED, `Refused for correction: ${refusal.reasons.join("; ")}.`, ["DEC-R38", "LD art. 32"], DeclarationStatus.REFUSED);
      const { due, adapted } = inForce({ type: "Refusal", kind: "RESUBMISSION_DUE", id: refusal.id }, refusal.computedResubmissionDueBy);
      const what = adapted ? "Resubmission due by the date the office extended for fair reasons." : "Resubmission due by the 10th working day after the refusal.";
      deadline(due, DeclarationTimelineKind.RESUBMISSION_DUE, what, ["DEC-R40", "OD-AFD art. 20 para. 2"], { metAt: refusal.resubmittedAt });
      fact(refusal.resubmittedAt, DeclarationTimelineKind.RESUBMITTED, "The corrected declaration was resubmitted and received.", ["DEC-R40", "OD-AFD art. 20 para. 2"], DeclarationStatus.RECEIVED);
    }

    // Verification and the office's corrections (DEC-R39, DEC-R46, DEC-R47).
    for (const v of r.verifications) {
      const widened = v.requestedFullByDeclarant ? ", widened to a full verification at the declarant's request (DEC-R47, LD art. 37 para. 2)" : "";
      fact(v.orderedAt, DeclarationTimelineKind.VERIFICATION_ORDERED, `Verification ordered: ${v.scope}${widened}.`, ["DEC-R46", "LD art. 36"]);
      const outcome = v.conforms ? "the goods conform to the declaration" : "the goods do not conform: incorrect particulars found";
      fact(v.recordedAt, DeclarationTimelineKind.VERIFIED, `Verification result recorded, ${outcome}: ${v.result ?? ""}`.trimEnd(), ["DEC-R47", "LD art. 37"]);
    }
    for (const c of r.corrections) {
      fact(c.correctedAt, DeclarationTimelineKind.CORRECTED, `Corrected by the office: ${c.reason} (${c.changes.length} particular(s) changed; version ${c.versionAfter}).`, ["DEC-R39", "LD art. 18 para. 2"]);
    }
    const foundBy = [...r.refusals.map(x => x.refusedAt), ...r.corrections.map(x => x.correctedAt), ...r.verifications.filter(v => v.conforms === false).map(v => v.recordedAt)];
    if (d.incorrectParticularsFoundAt && !foundBy.some(at => same(at, d.incorrectParticularsFoundAt))) {
      if (undeclared) fact(d.incorrectParticularsFoundAt, DeclarationTimelineKind.INCORRECT_PARTICULARS_FOUND, "Undeclared goods found: placed under free circulation ex officio.", ["DEC-R39", "LD art. 18 para. 3"]);
      else fact(d.incorrectParticularsFoundAt, DeclarationTimelineKind.INCORRECT_PARTICULARS_FOUND, "The office found incorrect particulars: the declaration can no longer be rectified or withdrawn.", ["DEC-R43", "LD art. 34 para. 1 let. a"]);
    }

    // Taxation (DEC-R41, DEC-R44, DEC-R52 to DEC-R55, DEC-R59).
    const decisions = r.taxationDecisions;
    decisions.forEach((t, i) => {
      // The provisional-becomes-final job turns the kind to FINAL and dates it (LD art. 39 para. 4).
      const kind = t.finalisedAt ? TaxationKind.PROVISIONAL : t.kind;
      const collected = t.nonCollected ? ", not collected (CHF 5 or less, DEC-R59)" : "";
      fact(t.notifiedAt, DeclarationTimelineKind.TAXED, `Taxation decision ${kind} notified when put online: duties CHF ${formatRappen(t.totalDuties)}${collected}.`, TAXATION[kind], kind === TaxationKind.EX_OFFICIO ? DeclarationStatus.EX_OFFICIO_TAXED : null);
      fact(t.downloadedAt, DeclarationTimelineKind.TAXATION_DOWNLOADED, "The declarant downloaded the taxation decision.", ["DEC-R53", "OD-AFD art. 20a para. 1"]);
      fact(t.securedAt, DeclarationTimelineKind.TAXATION_SECURED, "The duties of the provisional taxation were secured at the highest rate.", ["DEC-R55", "LD art. 39 para. 3"]);
      if (kind === TaxationKind.PROVISIONAL) {
        const superseded = t.status === TaxationStatus.SUPERSEDED ? (decisions[i + 1]?.establishedAt ?? null) : null;
        deadline(t.documentsDueBy, DeclarationTimelineKind.TAXATION_DOCUMENTS_DUE, "The missing documents of the provisional taxation are due; otherwise it becomes final.", ["DEC-R55", "LD art. 39 para. 4"], { endedAt: t.cancelledAt ?? superseded });
      }
      fact(t.finalisedAt, DeclarationTimelineKind.TAXATION_FINALISED, "The provisional taxation became final: the documents were not supplied in time.", ["DEC-R55", "LD art. 39 para. 4"]);
      fact(t.abuseFlaggedAt, DeclarationTimelineKind.TAXATION_ABUSE_FOUND, `Abuse found: the duties are collected after all (${t.abuseReason ?? ""}).`, ["DEC-R59", "OD-AFD art. 58 para. 2"]);
      // Cancelling an ex officio taxation puts the declaration back to RESUBMISSION_OVERDUE (TaxationService.cancel).
      fact(t.cancelledAt, DeclarationTimelineKind.TAXATION_CANCELLED, `Taxation decision cancelled: ${t.cancellationNotice ?? ""}`.trimEnd(), ["DEC-R54", "OD-AFD art. 20b"], kind === TaxationKind.EX_OFFICIO ? DeclarationStatus.RESUBMISSION_OVERDUE : null);
    });

    // Release and removal (DEC-R31, DEC-R32, DEC-R34, DEC-R56 to DEC-R58).
    fact(d.releasedAt, DeclarationTimelineKind.RELEASED, ...this.release(d));
    if (d.computedRemovalDueBy) {
      const { due, adapted } = inForce({ type: "CustomsDeclaration", kind: "REMOVAL_DUE", id: d.id }, d.computedRemovalDueBy);
      const what = adapted ? "Removal due by the date the office extended on request." : "Removal due by the end of the next business day after release.";
      deadline(due, DeclarationTimelineKind.REMOVAL_DUE, what, ["DEC-R58", adapted ? "OD-AFD art. 37 para. 2" : "OD-AFD art. 37"], { metAt: d.removedAt });
    }
    fact(d.removedAt, DeclarationTimelineKind.REMOVED, "The goods left customs custody.", ["DEC-R56", "LD art. 40 para. 2"]);
    const changeBy = this.declarations.changeOfTaxationDeadline(d);
    deadline(changeBy, DeclarationTimelineKind.CHANGE_OF_TAXATION_DUE, "Last moment to ask for a change of taxation: 30 days after the goods left customs custody.", ["DEC-R44", "LD art. 34 para. 3"], { right: true });
    for (const c of r.changeRequests) {
      fact(c.submittedAt, DeclarationTimelineKind.CHANGE_REQUESTED, `Change of taxation requested (${c.ground}) with a corrected declaration: ${c.status.toLowerCase()}.`, ["DEC-R44", "LD art. 34 para. 3"]);
    }

    // Every change of status the kept versions hold, unless an entry of the same write says it already.
    this.statusChanges(d, r.versions, entries);

    // In time order; at the same instant facts before deadlines, then the lifecycle's order, then as listed above.
    return entries
      .map((entry, seq) => ({ entry, seq }))
      .sort((a, b) => a.entry.at.getTime() - b.entry.at.getTime() || Number(a.entry.deadline) - Number(b.entry.deadline) || KIND_ORDER.indexOf(a.entry.kind) - KIND_ORDER.indexOf(b.entry.kind) || a.seq - b.seq)
      .map(x => x.entry);
  }

  /**
   * Adds an entry for each change of status between consecutive kept versions that no entry says
   * already. An entry says a change when it gives the same new status and its write dated it: at or
   * after the change's stamp and before the next write's (a service reads the clock after its
   * transaction stamped it, so under the system clock the two differ by milliseconds), so that a
   * later refusal never says an earlier move back to REFUSED. E-dec web's receipt and acceptance are
   * one act of the office (DEC-R18, OD-AFD art. 20d para. 3): its ACCEPTED entry says the RECEIVED
   * version written with it.
   */
  private statusChanges(d: CustomsDeclaration, versions: readonly KeptVersion<CustomsDeclaration>[], entries: DeclarationTimelineEntry[]): void {
    const ofWrite = (change: StatusChange, e: DeclarationTimelineEntry) => !e.deadline && e.at.getTime() >= change.at.getTime() && (change.until === null || e.at.getTime() < change.until.getTime());
    const said: DeclarationTimelineEntry[] = [];
    for (const change of statusChanges(versions)) {
      // Compared with the entries of the records and with the changes already added: one entry per status and write.
      if ([...entries, ...said].some(e => e.status === change.to && ofWrite(change, e))) continue;
      if (change.to === DeclarationStatus.RECEIVED && d.channel === DeclarationChannel.EDEC_WEB && entries.some(e => e.kind === DeclarationTimelineKind.ACCEPTED && ofWrite(change, e))) continue;
      const [kind, summary, [rule, article]] = this.statusChange(d, change);
      said.push({ at: change.at, kind, deadline: false, overdue: false, summary, rule, article, status: change.to });
    }
    entries.push(...said);
  }

  /** The entry of a change of status no other entry says: its kind, summary, rule and article (DOMAIN.md §3.2). */
  private statusChange(d: CustomsDeclaration, c: StatusChange): [DeclarationTimelineKind, string, Rule] {
    switch (c.to) {
      case DeclarationStatus.WITHDRAWN:
        return [
          DeclarationTimelineKind.WITHDRAWN,
          c.row.acceptedAt ? "Withdrawn by the declarant while the goods were still presented." : "Withdrawn by the declarant before its acceptance: it did not yet bind the declarant (DEC-R42, LD art. 33).",
          ["DEC-R43", "LD art. 34 para. 1"],
        ];
      case DeclarationStatus.RESUBMISSION_OVERDUE:
        if (c.from === DeclarationStatus.EX_OFFICIO_TAXED) return [DeclarationTimelineKind.RESUBMISSION_OVERDUE, "The ex officio taxation was set aside: the resubmission is overdue again.", ["DEC-R54", "OD-AFD art. 20b"]];
        return [DeclarationTimelineKind.RESUBMISSION_OVERDUE, "Not resubmitted by the deadline in force (OD-AFD art. 20 para. 2): the office may now tax the goods ex officio, or extend the period.", ["DEC-R41", "OD-AFD art. 20 para. 3"]];
      case DeclarationStatus.REFUSED:
        if (c.from === DeclarationStatus.RESUBMISSION_OVERDUE) return [DeclarationTimelineKind.STATUS_CHANGED, "The office extended the resubmission period after it had passed, for fair reasons: the corrected declaration is awaited again.", ["DEC-R40", "OD-AFD art. 20 para. 2"]];
        return [DeclarationTimelineKind.STATUS_CHANGED, "Refused for correction.", ["DEC-R38", "LD art. 32"]];
      case DeclarationStatus.EX_OFFICIO_TAXED:
        return [DeclarationTimelineKind.STATUS_CHANGED, "Taxed ex officio after a missed resubmission.", ["DEC-R41", "OD-AFD art. 20 para. 3"]];
      case DeclarationStatus.ACCEPTED:
        return [DeclarationTimelineKind.STATUS_CHANGED, "Accepted: the declaration binds the declarant.", ACCEPTANCE[d.channel]];
      case DeclarationStatus.RECEIVED:
        return [DeclarationTimelineKind.STATUS_CHANGED, "Receipt confirmed: the declaration counts as presented.", ["DEC-R16", "OD-AFD art. 12 para. 4"]];
      case DeclarationStatus.TRANSMITTED:
        return [DeclarationTimelineKind.STATUS_CHANGED, "Transmitted: not presented until receipt is confirmed.", ["DEC-R16", "OD-AFD art. 12 para. 4"]];
    }
  }

  /** Declared after the goods were presented (DEC-R06): a pre-declaration was declared before, so no declaration deadline runs. */
  private declaredAfterPresentation(d: CustomsDeclaration, p: GoodsPresentation): boolean {
    return p.presentedAt.getTime() <= d.transmittedAt.getTime();
  }

  /** Why a document was required: by the office (DEC-R45), or by the selection result (OD-AFD art. 17, 17a). */
  private requirementRule(d: CustomsDeclaration, doc: DocumentRequirement): Rule {
    if (requestedByOffice(doc)) return ["DEC-R45", "LD art. 35"];
    switch (doc.kind) {
      case DocumentKind.PERMIT:
      case DocumentKind.CERTIFICATE:
        return ["DEC-R33", "OD-AFD art. 17 para. 5"];
      case DocumentKind.TRANSIT_DOCUMENT:
        return ["DEC-R32", "OD-AFD art. 17 para. 4"];
      case DocumentKind.PROOF_OF_ORIGIN:
        return ["DEC-R34", "OD-AFD art. 17a para. 4"];
      default:
        if (d.direction === Direction.EXPORT) return ["DEC-R34", "OD-AFD art. 17a para. 2"];
        return d.selectionResult === SelectionResult.FREE_WITH ? ["DEC-R31", "OD-AFD art. 17 para. 3"] : ["DEC-R30", "OD-AFD art. 17 para. 2"];
    }
  }

  /**
   * The rule and article a document's stored deadline names (`dueRule`, written by the lodging and
   * document services), e.g. "DEC-R36: ... (OD-AFD art. 19 para. 2 let. a)"; null when it names none.
   */
  private dueRule(dueRule: string): Rule {
    const rule = /^(DEC-R\d+)/.exec(dueRule)?.[1] ?? null;
    const article = /\(((?:OD-AFD|LD|OD) art\. [^)]*)\)/.exec(dueRule)?.[1] ?? null;
    return [rule, article];
  }

  /** Released by the office, or deemed released by a free selection result. */
  private release(d: CustomsDeclaration): [string, Rule] {
    switch (d.selectionResult) {
      case SelectionResult.FREE_WITH:
        return ["Deemed released by the FREE_WITH selection result.", ["DEC-R31", "OD-AFD art. 17 para. 3"]];
      case SelectionResult.FREE_WITHOUT:
      case SelectionResult.FREE_WITHOUT_ALAD:
        return [`Deemed released by the ${d.selectionResult} selection result.`, ["DEC-R32", "OD-AFD art. 17 para. 4"]];
      case SelectionResult.FREE:
        return ["Deemed released by the FREE selection result: may be removed at once.", ["DEC-R34", "OD-AFD art. 17a para. 3"]];
      default:
        return ["Released: the goods may be removed.", ["DEC-R56", "LD art. 40"]];
    }
  }
}
