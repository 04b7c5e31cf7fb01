import { randomUUID } from "node:crypto";
import { DataSource, EntityManager, In, IsNull } from "typeorm";
import { Clock, ConnectionArgs, ConnectionShape, Decimal, EventPublisher, findForUpdate, formatRappen, loadManyByColumn, requireFutureDate, NotFoundError, Principal, paginateByParent, ScheduledJob, sqlTime, toRappen, transitionOnce, ValidationError, zurichDate, transaction } from "../../kit";
import { CustomsDeclaration, DeclarationItem } from "../entities/declaration.entity";
import { AppealInstance, AppealStatus, ChangeGround, ChangeRequestStatus, DeclarationChannel, DeclarationStatus, Direction, RateBasis, ReliefGround, TaxationKind, TaxationStatus } from "../entities/enums";
import { Appeal, LevyLine, TaxationChangeRequest, TaxationDecision } from "../entities/procedure.entity";
import { TariffRate } from "../entities/tariff-rate.entity";
import { DeclarationAccess } from "./access";
import { DeclarationService, ItemInput } from "./declaration.service";
import { refused } from "./errors";
import { ReferenceService } from "./reference.service";

/** DEC-R59 (OD-AFD art. 58): CHF 5 or less per taxation decision is not collected. */
export const NON_COLLECTION_THRESHOLD_RAPPEN = 500;
/** DEC-R60 (LD art. 116 para. 3): 60 days to appeal against a taxation. */
export const APPEAL_DAYS = 60;
/** DEC-R44 (LD art. 34 para. 3): 30 days after the goods left custody. */
export const CHANGE_OF_TAXATION_DAYS = 30;

const ALLOWED_FROM: Record<TaxationKind, DeclarationStatus[]> = {
  FINAL: [DeclarationStatus.ACCEPTED],
  PROVISIONAL: [DeclarationStatus.ACCEPTED],
  EX_OFFICIO: [DeclarationStatus.RESUBMISSION_OVERDUE],
  AMENDED: [DeclarationStatus.ACCEPTED],
};

export class TaxationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: DeclarationAccess,
    private readonly reference: ReferenceService,
    private readonly declarations: DeclarationService,
    private readonly events: EventPublisher,
  ) {}

  /**
   * DEC-R52 (LD art. 38): the office fixes the duties and notifies the decision, which is put
   * online at once (DEC-R53, OD-AFD art. 20a). Duties follow the goods as declared (or as
   * verified) and the rates in force when the debt arises: at acceptance, or for a
   * pre-declaration at the border crossing (DEC-R48, LD art. 19 para. 1; DEC-R11, OD-AFD art. 5
   * para. 3). PROVISIONAL: DEC-R55 (LD art. 39). EX_OFFICIO: DEC-R41 (OD-AFD art. 20 para. 3).
   */
  async tax(principal: Principal, input: { declarationId: string; kind: TaxationKind; documentsDueBy?: Date | null; applyHighestRate?: boolean | null }): Promise<TaxationDecision> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    if (input.kind === TaxationKind.AMENDED) throw new ValidationError("An amended taxation comes from a granted change request.", { field: "input.kind", rule: "DEC-R44", article: "LD art. 34 para. 4" });
    requireFutureDate(input.documentsDueBy, this.clock.now(), { field: "input.documentsDueBy", rule: "DEC-R55", article: "LD art. 39 para. 4" });
    return transaction(this.dataSource, async m => {
      const d = await this.declarations.get(input.declarationId, m);
      if (!ALLOWED_FROM[input.kind].includes(d.status)) {
        throw refused("NOT_TAXABLE", `A ${d.status} declaration cannot be taxed ${input.kind}.`, {
          rule: input.kind === TaxationKind.EX_OFFICIO ? "DEC-R41" : "DEC-R52",
          article: input.kind === TaxationKind.EX_OFFICIO ? "OD-AFD art. 20 para. 3" : "LD art. 38",
          status: d.status,
        });
      }
      if (d.isPreDeclaration && !d.crossedBorderAt) throw refused("GOODS_NOT_PRESENTED", "A pre-declaration is taxed once the goods crossed the border (LD art. 19 para. 1 let. b).", { rule: "DEC-R11", article: "OD-AFD art. 5 para. 3" });
      const items = (await this.declarations.itemsOf([d.id], m))[0];
      const previous = await m.findOneBy(TaxationDecision, { declarationId: d.id, status: TaxationStatus.ISSUED });
      if (previous && !(previous.kind === TaxationKind.PROVISIONAL && input.kind === TaxationKind.FINAL && !previous.finalisedAt)) {
        throw refused("ALREADY_TAXED", "The declaration has a taxation decision in force; cancel it first.", { rule: "DEC-R52", article: "LD art. 38", taxationDecisionId: previous.id });
      }
      if (input.kind === TaxationKind.PROVISIONAL) {
        // DEC-R55: excluded for goods without the required permit and for prohibited goods.
        const lacking = items.filter(i => i.nonCustomsActsApply && !i.permitReference);
        if (lacking.length) throw refused("PROVISIONAL_TAXATION_EXCLUDED", "Provisional taxation is excluded for goods without the required permit.", { rule: "DEC-R55", article: "LD art. 39 para. 2", positions: lacking.map(i => i.position) });
        if (!input.documentsDueBy || input.documentsDueBy.getTime() <= this.clock.now().getTime()) {
          throw new ValidationError("Set the deadline for the missing documents, in the future.", { field: "input.documentsDueBy", rule: "DEC-R55", article: "LD art. 39 para. 4" });
        }
      }
      // DEC-R41 for imports taxed ex officio; DEC-R49 let. a when the office finds the description incomplete.
      const highest = (input.kind === TaxationKind.EX_OFFICIO && d.direction === Direction.IMPORT) || Boolean(input.applyHighestRate);
      const decision = await this.issue(m, d, items, input.kind, { highest, documentsDueBy: input.documentsDueBy ?? null });
      if (previous) await m.update(TaxationDecision, { id: previous.id }, { status: TaxationStatus.SUPERSEDED });
      if (input.kind === TaxationKind.EX_OFFICIO) await m.update(CustomsDeclaration, { id: d.id }, { status: DeclarationStatus.EX_OFFICIO_TAXED });
      if (input.kind === TaxationKind.PROVISIONAL) {
        // DEC-R55 (LD art. 39 para. 3): release against security at the highest rate (X10).
        const highest = await this.computeLines(m, d, items, true);
        await this.events.publish(m, "ProvisionalTaxationRequested", d.id, {
          declarationId: d.id,
          taxationDecisionId: decision.id,
          declarantId: d.declarantId,
          securityRequired: formatRappen(highest.reduce((s, l) => s + l.amount, 0)),
        });
      }
      return decision;
    });
  }

  async issue(m: EntityManager, d: CustomsDeclaration, items: DeclarationItem[], kind: TaxationKind, options: { highest: boolean; documentsDueBy: Date | null; supersedesId?: string | null }): Promise<TaxationDecision> {
    const lines = await this.computeLines(m, d, items, options.highest);
    const total = lines.reduce((sum, l) => sum + l.amount, 0);
    const now = this.clock.now();
    const office = await this.reference.office(d.officeId, m);
    const calendar = this.reference.calendarOf(office);
    // DEC-R59 (OD-AFD art. 58 para. 2): abuse found on the decision this one supersedes (an
    // amendment, DEC-R44; a final decision after a provisional one) still holds: collected however small.
    const superseded = options.supersedesId ? await m.findOneBy(TaxationDecision, { id: options.supersedesId }) : null;
    const abuse = superseded?.abuseFlaggedAt ? { abuseFlaggedAt: superseded.abuseFlaggedAt, abuseReason: superseded.abuseReason } : { abuseFlaggedAt: null, abuseReason: null };
    const decision = await m.save(
      m.create(TaxationDecision, {
        id: randomUUID(),
        declarationId: d.id,
        kind,
        establishedAt: now,
        notifiedAt: now,
        downloadedAt: null,
        paperIssued: (d.direction === Direction.IMPORT && d.channel !== DeclarationChannel.EDEC_WEB) || (d.direction === Direction.EXPORT && d.channel === DeclarationChannel.NCTS),
        lines,
        totalDuties: total,
        // DEC-R59 (OD-AFD art. 58): not collected at CHF 5 or less, except tourist traffic goods.
        nonCollected: total <= NON_COLLECTION_THRESHOLD_RAPPEN && !d.touristTraffic && !abuse.abuseFlaggedAt,
        ...abuse,
        securedAt: null,
        status: TaxationStatus.ISSUED,
        appealDeadline: calendar.appealPeriodEnd(now, APPEAL_DAYS),
        documentsDueBy: options.documentsDueBy,
        finalisedAt: null,
        cancelledAt: null,
        cancellationNotice: null,
        paperReturnDueBy: null,
        supersedesId: options.supersedesId ?? null,
      }),
    );
    const payload = {
      taxationDecisionId: decision.id,
      declarationId: d.id,
      declarationNumber: d.declarationNumber,
      declarantId: d.declarantId,
      onBehalfOfId: d.onBehalfOfId,
      kind,
      totalDuties: formatRappen(total),
      nonCollected: decision.nonCollected,
      establishedAt: now.toISOString(),
      supersedesId: decision.supersedesId,
    };
    await this.events.publish(m, kind === TaxationKind.EX_OFFICIO ? "ExOfficioTaxation" : "TaxationDecisionIssued", d.id, payload);
    return decision;
  }

  /**
   * One levy line per item, rounded half up to the rappen (kit/money.ts). With `highest`:
   * DEC-R41 / DEC-R49 (OD-AFD art. 20 para. 3; LD art. 19 para. 2), the highest rate of goods of
   * that kind on the highest basis (the gross mass).
   */
  async computeLines(m: EntityManager, d: CustomsDeclaration, items: DeclarationItem[], highest: boolean): Promise<LevyLine[]> {
    const day = zurichDate(d.isPreDeclaration && d.crossedBorderAt ? d.crossedBorderAt : d.acceptedAt ?? d.transmittedAt);
    const lines: LevyLine[] = [];
    for (const item of items) {
      const rate: TariffRate | null = highest ? await this.reference.highestRateOfHeading(m, item.tariffNumber, day) : await this.reference.rateFor(m, item.tariffNumber, day);
      if (!rate) {
        throw refused("TARIFF_RATE_MISSING", `No rate in force on ${day} for tariff number ${item.tariffNumber}.`, { rule: "DEC-R48", article: "LD art. 19 para. 1", position: item.position });
      }
      let basis: Decimal;
      let basisText: string;
      let basisKind = rate.rateBasis;
      if (highest && basisKind === RateBasis.PER_100_KG_NET) basisKind = RateBasis.PER_100_KG_GROSS;
      switch (basisKind) {
        case RateBasis.PER_100_KG_GROSS:
          basis = new Decimal(item.grossMassKg).div(100);
          basisText = `${item.grossMassKg} kg gross`;
          break;
        case RateBasis.PER_100_KG_NET:
          basis = new Decimal(item.netMassKg).div(100);
          basisText = `${item.netMassKg} kg net`;
          break;
        case RateBasis.PER_UNIT:
          if (item.quantity === null) throw refused("QUANTITY_REQUIRED", `Item ${item.position}: the rate is per unit; give the quantity.`, { rule: "DEC-R48", article: "LD art. 19 para. 1", position: item.position });
          basis = new Decimal(item.quantity);
          basisText = `${item.quantity} units`;
          break;
        default:
          basis = new Decimal(item.value).div(100).div(100);
          basisText = `value CHF ${formatRappen(item.value)}`;
      }
      let amount = toRappen(basis.mul(rate.rate));
      let note = highest ? "DEC-R41: highest rate of the heading on the highest basis (OD-AFD art. 20 para. 3; LD art. 19 para. 2)" : `DEC-R48: rate in force on ${day} (LD art. 19 para. 1)`;
      // DEC-R77 to DEC-R79 (LD art. 10, 11, 14 para. 4): the relief the item claims, as assessed when declared.
      const relief = item.relief;
      if (relief?.eligible && relief.ground === ReliefGround.CHANGE_OF_USE) {
        const full = amount;
        amount = Math.max(0, full - (relief.originalAmount ?? 0));
        note = amount > 0
          ? `${relief.explanation}: CHF ${formatRappen(full)} less CHF ${formatRappen(relief.originalAmount ?? 0)}`
          : `DEC-R79: the new use carries no higher duty (CHF ${formatRappen(full)}); a refund for a lower one is claimed only in the cases the Department sets (LD art. 14 para. 5), not in our sources`;
      } else if (relief?.eligible) {
        amount = 0;
        note = relief.explanation;
      } else if (relief) {
        note = `${note}; ${relief.explanation}`;
      }
      lines.push({
        position: item.position,
        tariffNumber: highest ? rate.tariffNumber : item.tariffNumber,
        rateApplied: basisKind === RateBasis.AD_VALOREM_PERCENT ? `${rate.rate} % of the value` : `CHF ${rate.rate} per ${basisKind === RateBasis.PER_UNIT ? "unit" : `100 kg ${basisKind === RateBasis.PER_100_KG_NET ? "net" : "gross"}`}`,
        basis: basisText,
        amount,
        note,
      });
    }
    return lines;
  }

  /**
   * DEC-R59 (OD-AFD art. 58 para. 2): the office finds abuse, e.g. one consignment split into
   * several decisions of CHF 5 or less each: their duties are collected after all. Each decision
   * must be in force; the debt subgraph learns it (TaxationAbuseFound) and makes the debt payable.
   */
  async flagAbuse(principal: Principal, input: { taxationDecisionIds: string[]; reason: string }): Promise<TaxationDecision[]> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    const base = { rule: "DEC-R59", article: "OD-AFD art. 58 para. 2" };
    if (input.reason.trim().length < 5) throw new ValidationError("Describe the abuse.", { ...base, field: "input.reason" });
    const ids = [...new Set(input.taxationDecisionIds)];
    return transaction(this.dataSource, async m => {
      const now = this.clock.now();
      const flagged: TaxationDecision[] = [];
      // In one lock order (by id), so that two officers flagging overlapping sets do not deadlock.
      for (const id of [...ids].sort()) {
        const decision = await this.lockedDecision(m, id);
        if (decision.status !== TaxationStatus.ISSUED) throw refused("TAXATION_NOT_IN_FORCE", `Decision ${id} is ${decision.status}.`, { ...base, field: "input.taxationDecisionIds", taxationDecisionId: id });
        if (decision.abuseFlaggedAt) throw refused("ABUSE_ALREADY_FLAGGED", `Decision ${id} is already flagged.`, { ...base, field: "input.taxationDecisionIds", taxationDecisionId: id });
        Object.assign(decision, { abuseFlaggedAt: now, abuseReason: input.reason.trim(), nonCollected: false });
        await m.save(decision);
        await this.events.publish(m, "TaxationAbuseFound", decision.declarationId, { taxationDecisionId: decision.id, declarationId: decision.declarationId, flaggedAt: now.toISOString(), reason: decision.abuseReason });
        flagged.push(decision);
      }
      return ids.map(id => flagged.find(f => f.id === id)!);
    });
  }

  /**
   * X-event ProvisionalTaxationSecured (debt): the security requisition of a provisional taxation
   * was met, so the duties are guaranteed at the highest rate (DEC-R55, LD art. 39 para. 3).
   */
  async onProvisionalTaxationSecured(m: EntityManager, payload: { taxationDecisionId: string; securedAt: string }): Promise<void> {
    const decision = await m.findOneBy(TaxationDecision, { id: payload.taxationDecisionId });
    if (!decision || decision.securedAt) return;
    await m.update(TaxationDecision, { id: decision.id }, { securedAt: new Date(payload.securedAt) });
  }

  /** DEC-R53 (OD-AFD art. 20a para. 1): the declarant's download is recorded at once (the first one counts). */
  async recordDownload(principal: Principal, decisionId: string): Promise<TaxationDecision> {
    return transaction(this.dataSource, async m => {
      const decision = await this.lockedDecision(m, decisionId);
      const d = await this.declarations.get(decision.declarationId, m);
      this.access.requireDeclarant(principal, d);
      if (!decision.downloadedAt) {
        decision.downloadedAt = this.clock.now();
        await m.save(decision);
      }
      return decision;
    });
  }

  /** DEC-R54 (OD-AFD art. 20b): set aside with a notice; a paper decision returns by the next business day. */
  async cancel(principal: Principal, decisionId: string, notice: string): Promise<TaxationDecision> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    if (notice.trim().length < 5) throw new ValidationError("Give the notice sent to the declarant.", { field: "input.notice", rule: "DEC-R54", article: "OD-AFD art. 20b para. 1" });
    return transaction(this.dataSource, async m => {
      const decision = await this.lockedDecision(m, decisionId);
      if (decision.status !== TaxationStatus.ISSUED) throw refused("TAXATION_NOT_IN_FORCE", `A ${decision.status} decision cannot be cancelled.`, { rule: "DEC-R54", article: "OD-AFD art. 20b" });
      const d = await this.declarations.get(decision.declarationId, m);
      const calendar = this.reference.calendarOf(await this.reference.office(d.officeId, m));
      const now = this.clock.now();
      Object.assign(decision, {
        status: TaxationStatus.CANCELLED,
        cancelledAt: now,
        cancellationNotice: notice.trim(),
        paperReturnDueBy: decision.paperIssued ? calendar.addWorkingDays(zurichDate(now), 1) : null,
      });
      await m.save(decision);
      if (d.status === DeclarationStatus.EX_OFFICIO_TAXED) await m.update(CustomsDeclaration, { id: d.id }, { status: DeclarationStatus.RESUBMISSION_OVERDUE });
      await this.events.publish(m, "TaxationDecisionCancelled", d.id, {
        taxationDecisionId: decision.id,
        declarationId: d.id,
        cancelledAt: now.toISOString(),
        // DEC-R54: the declarant is told, with the notice (the notifications subgraph's inbox).
        declarantId: d.declarantId,
        onBehalfOfId: d.onBehalfOfId,
        notice: decision.cancellationNotice,
        paperReturnDueBy: decision.paperReturnDueBy,
      });
      return decision;
    });
  }

  /**
   * DEC-R55 (LD art. 39 para. 4): a provisional taxation becomes final when the documents were
   * not supplied by the office's deadline and no amendment was asked for. Dated at the deadline.
   * Under the declaration's lock, which every change of its taxation takes (a FINAL decision by
   * the office, DEC-R52; a cancellation, DEC-R54; a change request, DEC-R44): the decision and the
   * pending request are read through it, so the office's decision and this one never both succeed.
   */
  provisionalBecomesFinalJob(): ScheduledJob {
    return {
      name: "provisional-taxation-final",
      run: async now => {
        const due = await this.dataSource
          .getRepository(TaxationDecision)
          .createQueryBuilder("t")
          .where("t.kind = :k AND t.status = :s AND t.finalised_at IS NULL AND t.documents_due_by < :now", { k: TaxationKind.PROVISIONAL, s: TaxationStatus.ISSUED, now: sqlTime(now) })
          .getMany();
        let done = 0;
        for (const t of due) {
          const ok = await transaction(this.dataSource, async m => {
            const decision = await this.lockedDecision(m, t.id);
            if (decision.kind !== TaxationKind.PROVISIONAL || decision.status !== TaxationStatus.ISSUED || decision.finalisedAt || !decision.documentsDueBy) return false;
            // An amendment asked for keeps it provisional (LD art. 39 para. 4).
            if (await m.findOneBy(TaxationChangeRequest, { declarationId: decision.declarationId, status: ChangeRequestStatus.SUBMITTED })) return false;
            if (!(await transitionOnce(m, TaxationDecision, decision.id, { kind: TaxationKind.PROVISIONAL, status: TaxationStatus.ISSUED, finalisedAt: IsNull() } as never, { kind: TaxationKind.FINAL, finalisedAt: decision.documentsDueBy }))) return false;
            await this.events.publish(m, "ProvisionalTaxationFinalised", decision.declarationId, { taxationDecisionId: decision.id, declarationId: decision.declarationId, finalisedAt: decision.documentsDueBy.toISOString() });
            return true;
          });
          if (ok) done += 1;
        }
        return done;
      },
    };
  }

  // ---------------------------------------------------------------- change of taxation

  /**
   * DEC-R44 (LD art. 34 para. 3-4): within 30 days after the day the goods left custody, with the
   * corrected declaration, on one of the two grounds.
   */
  async requestChange(principal: Principal, input: { declarationId: string; ground: ChangeGround; justification: string; correctedItems: ItemInput[] }): Promise<TaxationChangeRequest> {
    return transaction(this.dataSource, async m => {
      const d = await this.declarations.get(input.declarationId, m);
      this.access.requireDeclarant(principal, d);
      const base = { rule: "DEC-R44", article: "LD art. 34 para. 3" };
      if (!d.removedAt) throw refused("GOODS_STILL_IN_CUSTODY", "A change of taxation is asked for after the goods left custody; before, rectify the declaration (LD art. 34 para. 1).", base);
      const deadline = this.declarations.changeOfTaxationDeadline(d)!;
      if (this.clock.now().getTime() > deadline.getTime()) throw refused("CHANGE_OF_TAXATION_TOO_LATE", "The 30 days after the goods left custody have passed.", { ...base, deadline: deadline.toISOString() });
      const inForce = await m.findOneBy(TaxationDecision, { declarationId: d.id, status: TaxationStatus.ISSUED });
      if (!inForce) throw refused("NO_TAXATION_IN_FORCE", "There is no taxation decision to change.", base);
      if (await m.findOneBy(TaxationChangeRequest, { declarationId: d.id, status: ChangeRequestStatus.SUBMITTED })) throw refused("CHANGE_ALREADY_REQUESTED", "A change request is already pending.", base);
      if (!input.correctedItems.length) throw new ValidationError("File the corrected declaration with the request.", { field: "input.correctedItems", ...base });
      return m.save(
        m.create(TaxationChangeRequest, {
          id: randomUUID(),
          declarationId: d.id,
          goodsLeftCustodyAt: d.removedAt,
          submittedAt: this.clock.now(),
          ground: input.ground,
          justification: input.justification,
          correctedItems: input.correctedItems,
          status: ChangeRequestStatus.SUBMITTED,
          decisionReason: null,
        }),
      );
    });
  }

  /** DEC-R44 (LD art. 34 para. 4): granted only on proof of the ground; the amended decision supersedes. */
  async decideChange(principal: Principal, input: { requestId: string; grant: boolean; reason: string }): Promise<TaxationChangeRequest> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    return transaction(this.dataSource, async m => {
      const found = await m.findOneBy(TaxationChangeRequest, { id: input.requestId });
      if (!found) throw new NotFoundError("TaxationChangeRequest", input.requestId, "input.requestId");
      // Decided once: the declaration's lock first (every change of its taxation takes it), then read again.
      await this.declarations.get(found.declarationId, m);
      const request = (await m.findOneBy(TaxationChangeRequest, { id: found.id }))!;
      if (request.status !== ChangeRequestStatus.SUBMITTED) throw refused("CHANGE_ALREADY_DECIDED", "The request was already decided.", { rule: "DEC-R44", article: "LD art. 34 para. 4" });
      const d = await this.declarations.get(request.declarationId, m);
      const old = await m.findOneBy(TaxationDecision, { declarationId: d.id, status: TaxationStatus.ISSUED });
      if (input.grant && !old) throw refused("NO_TAXATION_IN_FORCE", "The taxation decision was cancelled meanwhile; there is nothing to amend.", { rule: "DEC-R44", article: "LD art. 34 para. 4" });
      request.status = input.grant ? ChangeRequestStatus.GRANTED : ChangeRequestStatus.REJECTED;
      request.decisionReason = input.reason;
      await m.save(request);
      if (input.grant && old) {
        const items = await this.declarations.saveItems(m, d.id, request.correctedItems as ItemInput[]);
        await m.update(TaxationDecision, { id: old.id }, { status: TaxationStatus.SUPERSEDED });
        await m.update(CustomsDeclaration, { id: d.id }, { version: d.version + 1 });
        await this.issue(m, d, items, TaxationKind.AMENDED, { highest: false, documentsDueBy: null, supersedesId: old.id });
      }
      return request;
    });
  }

  // ---------------------------------------------------------------- appeals

  /**
   * DEC-R60 (LD art. 116 para. 1, 3): an appeal against a customs office's taxation goes to the
   * district directorate within 60 days of the decision's establishment. A late appeal is
   * recorded as INADMISSIBLE_LATE, as an authority records everything it receives. A filed
   * appeal suspends the limitation of the debt (X19, LD art. 75 para. 2).
   */
  async fileAppeal(principal: Principal, input: { taxationDecisionId: string; grounds: string }): Promise<Appeal> {
    return transaction(this.dataSource, async m => {
      // Read again once the declaration is locked: a cancellation or an amendment that held the
      // lock meanwhile is seen, and the decision it ended is refused (DEC-R54).
      const decision = await this.lockedDecision(m, input.taxationDecisionId);
      const d = await this.declarations.get(decision.declarationId, m);
      this.access.requireDeclarant(principal, d);
      if (decision.status !== TaxationStatus.ISSUED) throw refused("TAXATION_NOT_IN_FORCE", `A ${decision.status} decision cannot be appealed.`, { rule: "DEC-R60", article: "LD art. 116" });
      const now = this.clock.now();
      const late = zurichDate(now) > decision.appealDeadline;
      const appeal = await m.save(
        m.create(Appeal, {
          id: randomUUID(),
          contestedType: "TaxationDecision",
          contestedId: decision.id,
          appellantId: d.declarantId,
          instance: AppealInstance.DISTRICT_DIRECTORATE,
          filedAt: now,
          deadline: decision.appealDeadline,
          status: late ? AppealStatus.INADMISSIBLE_LATE : AppealStatus.FILED,
          grounds: input.grounds,
          decidedAt: null,
          outcome: null,
          furtherAppealDeadline: null,
        }),
      );
      if (!late) {
        await this.events.publish(m, "AppealFiled", d.id, { appealId: appeal.id, taxationDecisionId: decision.id, declarationId: d.id, appellantId: d.declarantId, filedAt: now.toISOString() });
      }
      return appeal;
    });
  }

  /**
   * DEC-R60 (LD art. 116 para. 1): the district directorate decides appeals against an office's
   * decisions; its first-instance decisions can be appealed to the DGD. DESIGN CHOICE: 30 days for
   * that further appeal (general federal procedure; not in our sources), moved off weekends and
   * holidays like the taxation period.
   */
  async decideAppeal(principal: Principal, input: { appealId: string; outcome: string }): Promise<Appeal> {
    return transaction(this.dataSource, async m => {
      const appeal = await findForUpdate(m, Appeal, { id: input.appealId });
      if (!appeal) throw new NotFoundError("Appeal", input.appealId, "input.appealId");
      this.access.requireOfficer(principal, appeal.instance === AppealInstance.DGD ? "DGD" : "DISTRICT_DIRECTORATE");
      if (appeal.status !== AppealStatus.FILED) throw refused("APPEAL_NOT_OPEN", `A ${appeal.status} appeal is not decided again.`, { rule: "DEC-R60", article: "LD art. 116" });
      const now = this.clock.now();
      let further: string | null = null;
      if (appeal.instance === AppealInstance.DISTRICT_DIRECTORATE && appeal.contestedType === "TaxationDecision") {
        const decision = await this.decision(m, appeal.contestedId);
        const d = await this.declarations.get(decision.declarationId, m);
        further = this.reference.calendarOf(await this.reference.office(d.officeId, m)).appealPeriodEnd(now, 30);
      }
      Object.assign(appeal, { status: AppealStatus.DECIDED, decidedAt: now, outcome: input.outcome, furtherAppealDeadline: further });
      // The debt's limitation stood still while the appeal was pending (LD art. 75 para. 2): it runs again now.
      const contested = appeal.contestedType === "TaxationDecision" ? await this.decision(m, appeal.contestedId) : await this.decisionOfAppeal(m, appeal.contestedId);
      await this.events.publish(m, "AppealDecided", contested.declarationId, { appealId: appeal.id, taxationDecisionId: contested.id, declarationId: contested.declarationId, decidedAt: now.toISOString(), outcome: input.outcome });
      return m.save(appeal);
    });
  }

  /** DEC-R60: the appellant takes the district directorate's decision to the DGD, in time. */
  async appealToDgd(principal: Principal, input: { appealId: string; grounds: string }): Promise<Appeal> {
    return transaction(this.dataSource, async m => {
      const first = await findForUpdate(m, Appeal, { id: input.appealId });
      if (!first) throw new NotFoundError("Appeal", input.appealId, "input.appealId");
      if (principal.kind === "ANONYMOUS" || !this.access.partnerIds(principal).includes(first.appellantId)) throw refused("FORBIDDEN", "Only the appellant may appeal further.", { field: "input.appealId" });
      if (first.status !== AppealStatus.DECIDED || first.instance !== AppealInstance.DISTRICT_DIRECTORATE || !first.furtherAppealDeadline) {
        throw refused("NOTHING_TO_APPEAL", "Only a decided first-instance appeal of a district directorate goes to the DGD.", { rule: "DEC-R60", article: "LD art. 116 para. 1" });
      }
      // DESIGN CHOICE: one further appeal per first-instance decision; the first appeal's row is locked above.
      const earlier = await m.findOneBy(Appeal, { contestedType: "Appeal", contestedId: first.id });
      if (earlier) throw refused("ALREADY_APPEALED", "This decision was already taken to the DGD.", { rule: "DEC-R60", article: "LD art. 116 para. 1", appealId: earlier.id });
      const now = this.clock.now();
      const late = zurichDate(now) > first.furtherAppealDeadline;
      const appeal = await m.save(
        m.create(Appeal, {
          id: randomUUID(),
          contestedType: "Appeal",
          contestedId: first.id,
          appellantId: first.appellantId,
          instance: AppealInstance.DGD,
          filedAt: now,
          deadline: first.furtherAppealDeadline,
          status: late ? AppealStatus.INADMISSIBLE_LATE : AppealStatus.FILED,
          grounds: input.grounds,
          decidedAt: null,
          outcome: null,
          furtherAppealDeadline: null,
        }),
      );
      if (!late) {
        const decision = await this.decision(m, first.contestedId);
        await this.events.publish(m, "AppealFiled", decision.declarationId, { appealId: appeal.id, taxationDecisionId: decision.id, declarationId: decision.declarationId, appellantId: appeal.appellantId, instance: AppealInstance.DGD, filedAt: now.toISOString() });
      }
      return appeal;
    });
  }

  /** A page of the appeals against each taxation decision (DEC-R60), in as many statements for 100 decisions as for 10. */
  async appealPages(decisionIds: readonly string[], args: ConnectionArgs): Promise<ConnectionShape<Appeal>[]> {
    return paginateByParent(this.dataSource.getRepository(Appeal), { parentProperty: "contestedId", timeProperty: "filedAt", where: (qb, alias) => qb.andWhere(`${alias}.contested_type = :contested`, { contested: "TaxationDecision" }) }, decisionIds, args);
  }

  /** A page of each declaration's taxation decisions (DEC-R52), in as many statements for 100 declarations as for 10. */
  async decisionPages(declarationIds: readonly string[], args: ConnectionArgs): Promise<ConnectionShape<TaxationDecision>[]> {
    return paginateByParent(this.dataSource.getRepository(TaxationDecision), { parentProperty: "declarationId", timeProperty: "establishedAt" }, declarationIds, args);
  }

  async decisionsOf(declarationIds: readonly string[]): Promise<TaxationDecision[][]> {
    if (!declarationIds.length) return [];
    const rows = await this.dataSource.getRepository(TaxationDecision).find({ where: { declarationId: In([...new Set(declarationIds)]) }, order: { establishedAt: "ASC", id: "ASC" } });
    return declarationIds.map(id => rows.filter(r => r.declarationId === id));
  }

  /** Every change-of-taxation request of each declaration (DEC-R44), oldest first, in one statement. */
  changeRequestsOf(declarationIds: readonly string[]): Promise<TaxationChangeRequest[][]> {
    return loadManyByColumn(this.dataSource.getRepository(TaxationChangeRequest), "declarationId", declarationIds, { submittedAt: "ASC", id: "ASC" });
  }

  async decisionsByIds(ids: readonly string[]): Promise<(TaxationDecision | null)[]> {
    if (!ids.length) return [];
    const rows = await this.dataSource.getRepository(TaxationDecision).findBy({ id: In([...new Set(ids)]) });
    return ids.map(id => rows.find(r => r.id === id) ?? null);
  }

  /**
   * A decision under its declaration's lock (every change of a declaration's taxation takes it),
   * read after the lock was granted, so a parallel change has committed by then.
   */
  private async lockedDecision(m: EntityManager, id: string): Promise<TaxationDecision> {
    const found = await this.decision(m, id);
    await this.declarations.get(found.declarationId, m);
    return this.decision(m, id);
  }

  /** The taxation decision a further appeal's first-instance appeal contested. */
  private async decisionOfAppeal(m: EntityManager, appealId: string): Promise<TaxationDecision> {
    const first = await m.findOneByOrFail(Appeal, { id: appealId });
    return this.decision(m, first.contestedId);
  }

  private async decision(m: EntityManager, id: string): Promise<TaxationDecision> {
    const decision = await m.findOneBy(TaxationDecision, { id });
    if (!decision) throw new NotFoundError("TaxationDecision", id, "input.taxationDecisionId");
    return decision;
  }
}
