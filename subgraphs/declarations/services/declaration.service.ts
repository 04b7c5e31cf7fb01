import { randomInt, randomUUID } from "node:crypto";
import { DataSource, EntityManager, In, IsNull, Not } from "typeorm";
import {
  Clock,
  ConnectionArgs,
  ConnectionShape,
  Decimal,
  endOfCalendarDaysAfter,
  EventPublisher,
  findForUpdate,
  formatRappen,
  keyCursor,
  loadManyByColumn,
  NotFoundError,
  pageByKey,
  paginate,
  paginateByParent,
  Principal,
  ScheduledJob,
  sqlTime,
  transitionOnce,
  ValidationError,
  requireFutureDate,
  requireLaterDate,
  transaction,
  zurichDate,
} from "../../kit";
import { CustomsOffice } from "../entities/customs-office.entity";
import { CustomsDeclaration, DeclarationItem, DutyRelief } from "../entities/declaration.entity";
import { DeclarationStatus, DocumentKind, PresentationStatus, ProcedureCaseStatus, ReliefGround, SelectionResult, TaxationKind, TaxationStatus, VerificationScope } from "../entities/enums";
import { GoodsPresentation } from "../entities/presentation.entity";
import { CorrectedParticular, DeclarationCorrection, Refusal, TaxationDecision, Verification } from "../entities/procedure.entity";
import { ProcedureCase } from "../entities/procedure-case.entity";
import { DocumentRequirement } from "../entities/selection.entity";
import { DeclarationAccess } from "./access";
import { DeadlineService } from "./deadline.service";
import { refused } from "./errors";
import { requireNotProhibited } from "./prohibition.service";
import { ReferenceService } from "./reference.service";
import { ItemInput, LodgeInput, validateForm } from "./declaration.form";
import { isConditional } from "./procedures";
import { assessRelief, checkChangeOfUse } from "./relief";

export type { ItemInput, LodgeInput } from "./declaration.form";

export class DeclarationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: DeclarationAccess,
    private readonly reference: ReferenceService,
    private readonly deadlines: DeadlineService,
    private readonly events: EventPublisher,
  ) {}

  // ---------------------------------------------------------------- reads

  /**
   * Inside a transaction the declaration row is locked first (FOR UPDATE on MySQL): every change
   * to one declaration serialises on its row, in one lock order, so concurrent changes neither
   * lose a version bump nor deadlock.
   */
  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<CustomsDeclaration> {
    const d = manager === this.dataSource.manager ? await manager.findOneBy(CustomsDeclaration, { id }) : await findForUpdate(manager, CustomsDeclaration, { id });
    if (!d) throw new NotFoundError("CustomsDeclaration", id, "declarationId");
    return d;
  }

  /** DESIGN CHOICE: YY + office code + 8 random digits; random so that numbers reveal no volumes. */
  async newNumber(m: EntityManager, officeId: string, now: Date): Promise<string> {
    for (let i = 0; i < 20; i++) {
      const candidate = `${zurichDate(now).slice(2, 4)}CH${officeId}${randomInt(10_000_000, 100_000_000)}`;
      if (!(await m.findOneBy(CustomsDeclaration, { declarationNumber: candidate }))) return candidate;
    }
    throw new Error("could not draw a free declaration number");
  }

  async byIds(ids: readonly string[]): Promise<(CustomsDeclaration | null)[]> {
    if (!ids.length) return [];
    const rows = await this.dataSource.getRepository(CustomsDeclaration).findBy({ id: In([...new Set(ids)]) });
    return ids.map(id => rows.find(r => r.id === id) ?? null);
  }

  async list(filter: { partnerIds?: string[] | null; statuses?: DeclarationStatus[] | null; from?: Date | null; to?: Date | null }, args: ConnectionArgs): Promise<ConnectionShape<CustomsDeclaration>> {
    const qb = this.dataSource.getRepository(CustomsDeclaration).createQueryBuilder("d");
    if (filter.partnerIds) {
      if (!filter.partnerIds.length) qb.andWhere("1 = 0");
      else qb.andWhere("(d.declarant_id IN (:...p) OR d.on_behalf_of_id IN (:...p))", { p: filter.partnerIds });
    }
    if (filter.statuses?.length) qb.andWhere("d.status IN (:...s)", { s: filter.statuses });
    if (filter.from) qb.andWhere("d.created_at >= :from", { from: sqlTime(filter.from) });
    if (filter.to) qb.andWhere("d.created_at < :to", { to: sqlTime(filter.to) });
    return paginate(qb, args, { alias: "d", timeColumn: "created_at", timeProperty: "createdAt" });
  }

  /**
   * Each partner's declarations, as declarant or principal (`BusinessPartner.declarations` of many
   * partners): a page per partner in the same few statements, the filter applied to pages and counts.
   */
  pagesOfPartners(partnerIds: readonly string[], filter: { statuses?: DeclarationStatus[] | null; from?: Date | null; to?: Date | null }, args: ConnectionArgs): Promise<ConnectionShape<CustomsDeclaration>[]> {
    return paginateByParent(
      this.dataSource.getRepository(CustomsDeclaration),
      {
        parentProperty: ["declarantId", "onBehalfOfId"],
        timeProperty: "createdAt",
        where: (qb, alias) => {
          if (filter.statuses?.length) qb.andWhere(`${alias}.status IN (:...s)`, { s: filter.statuses });
          if (filter.from) qb.andWhere(`${alias}.created_at >= :from`, { from: sqlTime(filter.from) });
          if (filter.to) qb.andWhere(`${alias}.created_at < :to`, { to: sqlTime(filter.to) });
        },
      },
      partnerIds,
      args,
    );
  }

  /**
   * The presented goods a declaration declares (DEC-R03, DEC-R06): one declaration per
   * presentation. The presentation's row is locked before it is checked, so a parallel lodging
   * waits and then finds the first one (PRESENTATION_ALREADY_DECLARED).
   */
  async claimPresentation(m: EntityManager, presentationId: string, officeId: string): Promise<GoodsPresentation> {
    const presentation = await findForUpdate(m, GoodsPresentation, { id: presentationId });
    if (!presentation || presentation.officeId !== officeId) throw new NotFoundError("GoodsPresentation", presentationId, "input.presentationId");
    const declared = await m.findOne(CustomsDeclaration, { where: { presentationId: presentation.id, status: Not(DeclarationStatus.WITHDRAWN) }, select: { id: true } });
    if (presentation.status !== PresentationStatus.PRESENTED || declared) throw refused("PRESENTATION_ALREADY_DECLARED", "These goods are already declared.", { field: "input.presentationId" });
    return presentation;
  }

  /**
   * Replaces the items of a declaration (lodging, resubmission, rectification, change of
   * taxation), with the relief each claims assessed now (DEC-R77 to DEC-R79, services/relief.ts).
   */
  async saveItems(m: EntityManager, declarationId: string, items: ItemInput[], replace = true): Promise<DeclarationItem[]> {
    // A new declaration has no items: no DELETE, whose gap locks would make parallel lodgings deadlock.
    if (replace) await m.delete(DeclarationItem, { declarationId });
    const claiming = items.some(i => i.returnedGoods || i.returnToSender || i.changeOfUse);
    const d = claiming ? await m.findOneBy(CustomsDeclaration, { id: declarationId }) : null;
    const now = this.clock.now();
    const reliefs: (DutyRelief | null)[] = [];
    for (const [i, item] of items.entries()) {
      if (!d) {
        reliefs.push(null);
        continue;
      }
      checkChangeOfUse(item, d.direction, i + 1);
      reliefs.push(item.changeOfUse ? await this.changeOfUseRelief(m, d, item.changeOfUse, i + 1) : assessRelief(item, d.direction, now, i + 1));
    }
    const rows = items.map((item, i) =>
      m.create(DeclarationItem, {
        id: randomUUID(),
        declarationId,
        position: i + 1,
        tariffNumber: item.tariffNumber,
        description: item.description,
        netMassKg: new Decimal(item.netMassKg).toFixed(3),
        grossMassKg: new Decimal(item.grossMassKg).toFixed(3),
        quantity: item.quantity ?? null,
        value: item.value,
        origin: item.origin.toUpperCase(),
        quotaGoods: Boolean(item.quotaGoods),
        nonCustomsActsApply: Boolean(item.nonCustomsActsApply),
        permitReference: item.permitReference ?? null,
        proofOfOriginRequired: Boolean(item.proofOfOriginRequired),
        relief: reliefs[i],
      }),
    );
    return m.save(rows);
  }

  /**
   * DEC-R79 (LD art. 14 para. 4): the item of an earlier declaration of the same declarant (or
   * the party it acts for), taxed by a decision in force, whose use changes; its duty is deducted.
   */
  private async changeOfUseRelief(m: EntityManager, d: CustomsDeclaration, c: { originalDeclarationId: string; originalPosition: number }, position: number): Promise<DutyRelief> {
    const field = `input.items.${position - 1}.changeOfUse`;
    const original = await m.findOneBy(CustomsDeclaration, { id: c.originalDeclarationId });
    const parties = [d.declarantId, d.onBehalfOfId].filter(Boolean);
    if (!original || original.id === d.id || !(parties.includes(original.declarantId) || (original.onBehalfOfId && parties.includes(original.onBehalfOfId)))) {
      throw new NotFoundError("CustomsDeclaration", c.originalDeclarationId, `${field}.originalDeclarationId`);
    }
    const decision = await m.findOneBy(TaxationDecision, { declarationId: original.id, status: TaxationStatus.ISSUED });
    const line = decision?.lines.find(l => l.position === c.originalPosition);
    if (!line) {
      throw refused("CHANGE_OF_USE_ORIGINAL_NOT_TAXED", "The change of use concerns an item already taxed by a decision in force.", { field, rule: "DEC-R79", article: "LD art. 14 para. 4" });
    }
    return {
      ground: ReliefGround.CHANGE_OF_USE,
      eligible: true,
      explanation: `DEC-R79: change of use of item ${c.originalPosition} of declaration ${original.declarationNumber}, taxed CHF ${formatRappen(line.amount)}: the difference to the new use's duty is due (LD art. 14 para. 4)`,
      since: decision!.establishedAt.toISOString(),
      reference: original.id,
      originalPosition: c.originalPosition,
      originalAmount: line.amount,
    };
  }

  /** Inside a transaction, pass its manager: a read on another connection would wait for the pool (kit/transaction.ts). */
  async itemsOf(declarationIds: readonly string[], m: EntityManager = this.dataSource.manager): Promise<DeclarationItem[][]> {
    if (!declarationIds.length) return [];
    const rows = await m.getRepository(DeclarationItem).find({ where: { declarationId: In([...new Set(declarationIds)]) }, order: { position: "ASC" } });
    return declarationIds.map(id => rows.filter(r => r.declarationId === id));
  }

  // ---------------------------------------------------------------- refusal and resubmission

  /**
   * DEC-R38 (LD art. 32), DEC-R40 (OD-AFD art. 20 para. 1-2): the office refuses an incorrect or
   * incomplete declaration; the corrected one is due by the end of the 10th working day.
   */
  async refuse(principal: Principal, declarationId: string, reasons: string[]): Promise<Refusal> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    if (!reasons.length || reasons.some(r => r.trim().length < 3)) throw new ValidationError("Give the reasons for the refusal.", { field: "input.reasons", rule: "DEC-R38", article: "LD art. 32 para. 2" });
    return transaction(this.dataSource, async m => {
      const d = await this.get(declarationId, m);
      if (![DeclarationStatus.RECEIVED, DeclarationStatus.ACCEPTED].includes(d.status) || d.releasedAt) {
        throw refused("DECLARATION_NOT_REFUSABLE", "Only a received or accepted declaration whose goods are not released can be refused.", { rule: "DEC-R38", article: "LD art. 32", status: d.status });
      }
      const office = await this.reference.office(d.officeId, m);
      const now = this.clock.now();
      const refusal = await m.save(
        m.create(Refusal, {
          id: randomUUID(),
          declarationId: d.id,
          refusedAt: now,
          reasons: reasons.map(r => r.trim()),
          computedResubmissionDueBy: this.reference.calendarOf(office).endOfWorkingDaysAfter(now, 10),
          resubmittedAt: null,
        }),
      );
      await m.update(CustomsDeclaration, { id: d.id }, { status: DeclarationStatus.REFUSED, incorrectParticularsFoundAt: d.incorrectParticularsFoundAt ?? now });
      return refusal;
    });
  }

  async resubmissionDueBy(refusal: Refusal, manager: EntityManager = this.dataSource.manager): Promise<Date> {
    return (await this.deadlines.effective(manager, "Refusal", refusal.id, "RESUBMISSION_DUE", refusal.computedResubmissionDueBy))!;
  }

  async openRefusal(m: EntityManager, declarationId: string): Promise<Refusal | null> {
    return m.findOne(Refusal, { where: { declarationId, resubmittedAt: IsNull() }, order: { refusedAt: "DESC" } });
  }

  /**
   * DEC-R40 (OD-AFD art. 20 para. 2): the corrected declaration, by the (possibly extended)
   * deadline, in the caller's transaction (LodgingService.resubmit). A declaration accepted before
   * its refusal is accepted again now; one refused at the summary control, never accepted, goes
   * back to RECEIVED, and the lodging accepts it as any other (DEC-R17, OD-AFD art. 16: X05 and the
   * risk selection).
   */
  async resubmitIn(m: EntityManager, principal: Principal, declarationId: string, items: ItemInput[]): Promise<CustomsDeclaration> {
    const d = await this.get(declarationId, m);
    this.access.requireDeclarant(principal, d);
    const refusal = await this.openRefusal(m, d.id);
    if (!refusal || (d.status !== DeclarationStatus.REFUSED && d.status !== DeclarationStatus.RESUBMISSION_OVERDUE)) {
      throw refused("NOT_REFUSED", "Only a refused declaration is resubmitted.", { rule: "DEC-R40", article: "OD-AFD art. 20 para. 2" });
    }
    const due = await this.resubmissionDueBy(refusal, m);
    const now = this.clock.now();
    if (now.getTime() > due.getTime()) {
      throw refused("RESUBMISSION_DEADLINE_PASSED", "The resubmission period ended; the office may tax ex officio or extend the period.", { rule: "DEC-R40", article: "OD-AFD art. 20 para. 2", dueBy: due.toISOString() });
    }
    // ENF-R05 (LD art. 109 para. 2): the corrected declaration is made again, so a prohibition in force now refuses it.
    await requireNotProhibited(m, d, now, { declarant: "input.declarationId", personalNumber: "input.declarationId" });
    validateForm({ ...(d as unknown as LodgeInput), items });
    await this.saveItems(m, d.id, items);
    await m.update(Refusal, { id: refusal.id }, { resubmittedAt: now });
    const accepted = d.acceptedAt ? { status: DeclarationStatus.ACCEPTED, acceptedAt: now } : { status: DeclarationStatus.RECEIVED };
    await m.update(CustomsDeclaration, { id: d.id }, { ...accepted, version: d.version + 1, receiptConfirmedAt: now });
    return this.get(d.id, m);
  }

  /** DEC-R40: the office extends the period for fair reasons (T10); also after it passed (DESIGN CHOICE, DOMAIN.md §3.2). */
  async extendResubmission(principal: Principal, declarationId: string, until: Date, reason: string): Promise<Refusal> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    requireFutureDate(until, this.clock.now(), { field: "input.until", rule: "DEC-R40", article: "OD-AFD art. 20 para. 2" });
    return transaction(this.dataSource, async m => {
      const d = await this.get(declarationId, m);
      const refusal = await this.openRefusal(m, d.id);
      if (!refusal) throw refused("NOT_REFUSED", "The declaration has no open refusal.", { rule: "DEC-R40", article: "OD-AFD art. 20 para. 2" });
      const current = await this.resubmissionDueBy(refusal, m);
      requireLaterDate(until, current, { field: "input.until", rule: "DEC-R40", article: "OD-AFD art. 20 para. 2" });
      await this.deadlines.override(m, principal, { type: "Refusal", id: refusal.id }, "RESUBMISSION_DUE", refusal.computedResubmissionDueBy, until, reason);
      if (d.status === DeclarationStatus.RESUBMISSION_OVERDUE) await m.update(CustomsDeclaration, { id: d.id }, { status: DeclarationStatus.REFUSED });
      return refusal;
    });
  }

  /** The job: a refused declaration whose deadline passed becomes RESUBMISSION_OVERDUE, once. */
  resubmissionOverdueJob(): ScheduledJob {
    return {
      name: "resubmission-overdue",
      run: async now => {
        const refusals = await this.dataSource.getRepository(Refusal).createQueryBuilder("r").innerJoin(CustomsDeclaration, "d", "d.id = r.declaration_id").where("d.status = :s AND r.resubmitted_at IS NULL", { s: DeclarationStatus.REFUSED }).getMany();
        const overrides = await this.deadlines.latest("Refusal", refusals.map(r => r.id), "RESUBMISSION_DUE");
        let moved = 0;
        for (const r of refusals) {
          const due = overrides.get(r.id)?.newValue ?? r.computedResubmissionDueBy;
          if (due.getTime() >= now.getTime()) continue;
          const ok = await transaction(this.dataSource, async m => {
            if (!(await transitionOnce(m, CustomsDeclaration, r.declarationId, { status: DeclarationStatus.REFUSED }, { status: DeclarationStatus.RESUBMISSION_OVERDUE }))) return false;
            await this.events.publish(m, "ResubmissionOverdue", r.declarationId, { declarationId: r.declarationId, dueBy: due.toISOString() });
            return true;
          });
          if (ok) moved += 1;
        }
        return moved;
      },
    };
  }

  // ---------------------------------------------------------------- withdrawal and rectification

  /**
   * DEC-R43 (LD art. 34 para. 1): correct or withdraw only while the goods are still presented and
   * the office has neither found incorrect particulars nor ordered a verification.
   */
  private async requireCorrectable(m: EntityManager, d: CustomsDeclaration): Promise<void> {
    const base = { rule: "DEC-R43", article: "LD art. 34 para. 1" };
    if (d.status === DeclarationStatus.WITHDRAWN) throw refused("DECLARATION_WITHDRAWN", "The declaration was withdrawn.", base);
    if (d.releasedAt || d.removedAt) throw refused("GOODS_NO_LONGER_PRESENTED", "The goods are released: the declaration can no longer be corrected or withdrawn; ask for a change of taxation instead (LD art. 34 para. 3).", base);
    if (d.incorrectParticularsFoundAt) throw refused("INCORRECT_PARTICULARS_FOUND", "The office found incorrect particulars.", { ...base, article: "LD art. 34 para. 1 let. a" });
    if (await m.findOneBy(Verification, { declarationId: d.id })) throw refused("VERIFICATION_ORDERED", "The office ordered a verification.", { ...base, article: "LD art. 34 para. 1 let. b" });
  }

  async withdraw(principal: Principal, declarationId: string): Promise<CustomsDeclaration> {
    return transaction(this.dataSource, async m => {
      const d = await this.get(declarationId, m);
      this.access.requireDeclarant(principal, d);
      await this.requireCorrectable(m, d);
      // DESIGN CHOICE (LD art. 34 para. 1 is silent on procedures): once the office opened the
      // declaration's procedure case (time limit set, seals affixed, conditional duties fixed, X11),
      // it has acted on the goods, as with a verification (let. b): the case ends by discharge or
      // relief, not by a withdrawal that would leave it running to NOT_DISCHARGED (X12).
      const openCase = await m.findOneBy(ProcedureCase, { declarationId: d.id, status: ProcedureCaseStatus.OPEN });
      if (openCase) {
        throw refused("PROCEDURE_CASE_OPEN", "The office opened a procedure case on this declaration; it ends by discharge or relief, not by withdrawal.", { rule: "DEC-R43", article: "LD art. 34 para. 1", procedureCaseId: openCase.id });
      }
      await m.update(CustomsDeclaration, { id: d.id }, { status: DeclarationStatus.WITHDRAWN });
      // The taxation of a withdrawn declaration falls with it (X27 tells debt the debt is cancelled).
      await m.update(TaxationDecision, { declarationId: d.id, status: TaxationStatus.ISSUED }, { status: TaxationStatus.CANCELLED, cancelledAt: this.clock.now(), cancellationNotice: "Declaration withdrawn (LD art. 34 para. 1)" });
      if (d.presentationId) await m.update(GoodsPresentation, { id: d.presentationId }, { status: PresentationStatus.PRESENTED });
      await this.events.publish(m, "DeclarationWithdrawn", d.id, { declarationId: d.id, declarantId: d.declarantId, withdrawnAt: this.clock.now().toISOString() });
      return this.get(d.id, m);
    });
  }

  async rectify(principal: Principal, declarationId: string, items: ItemInput[]): Promise<CustomsDeclaration> {
    return transaction(this.dataSource, async m => {
      const d = await this.get(declarationId, m);
      this.access.requireDeclarant(principal, d);
      await this.requireCorrectable(m, d);
      validateForm({ ...(d as unknown as LodgeInput), items });
      await this.saveItems(m, d.id, items);
      await m.update(CustomsDeclaration, { id: d.id }, { version: d.version + 1 });
      return this.get(d.id, m);
    });
  }

  // ---------------------------------------------------------------- the office's correction

  /**
   * DEC-R39 (LD art. 18 para. 2): the office corrects the declaration's particulars (quantity,
   * tariff number, value, origin, ...), e.g. after a verification, with the reason. The corrected
   * items replace the declared ones, so the taxation follows them; the correction, particular by
   * particular, is kept and shown to the declarant; it is an incorrect particular found by the
   * office (LD art. 34 para. 1 let. a), so the declarant can no longer rectify. DESIGN CHOICE: only
   * before a taxation decision is in force; afterwards the decision is cancelled (DEC-R54) or
   * amended on a change request (DEC-R44).
   */
  async correct(principal: Principal, input: { declarationId: string; items: ItemInput[]; reason: string }): Promise<CustomsDeclaration> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    const base = { rule: "DEC-R39", article: "LD art. 18 para. 2" };
    if (input.reason.trim().length < 5) throw new ValidationError("Give the reason for the correction.", { ...base, field: "input.reason" });
    return transaction(this.dataSource, async m => {
      const d = await this.get(input.declarationId, m);
      if (d.status !== DeclarationStatus.ACCEPTED) throw refused("NOT_CORRECTABLE", `A ${d.status} declaration is not corrected by the office.`, { ...base, status: d.status });
      if (await m.findOneBy(TaxationDecision, { declarationId: d.id, status: TaxationStatus.ISSUED })) {
        throw refused("TAXATION_IN_FORCE", "A taxation decision is in force: cancel it (DEC-R54) or amend it on a change request (DEC-R44).", base);
      }
      validateForm({ ...(d as unknown as LodgeInput), items: input.items });
      const before = (await this.itemsOf([d.id], m))[0];
      const after = await this.saveItems(m, d.id, input.items);
      const changes = particularChanges(before, after);
      if (!changes.length) throw new ValidationError("The items are as declared: nothing to correct.", { ...base, field: "input.items" });
      const now = this.clock.now();
      await m.update(CustomsDeclaration, { id: d.id }, { version: d.version + 1, incorrectParticularsFoundAt: d.incorrectParticularsFoundAt ?? now });
      await m.save(m.create(DeclarationCorrection, { id: randomUUID(), declarationId: d.id, officer: principal.subject ?? "officer", correctedAt: now, reason: input.reason.trim(), changes, versionAfter: d.version + 1 }));
      return this.get(d.id, m);
    });
  }

  /** A page of each declaration's corrections (DEC-R39), in as many statements for 100 declarations as for 10. */
  async correctionPages(declarationIds: readonly string[], args: ConnectionArgs): Promise<ConnectionShape<DeclarationCorrection>[]> {
    return paginateByParent(this.dataSource.getRepository(DeclarationCorrection), { parentProperty: "declarationId", timeProperty: "correctedAt" }, declarationIds, args);
  }

  // ---------------------------------------------------------------- verification

  /** DEC-R46, DEC-R47 (LD art. 36, 37): full or by sample; the declarant may ask for a full one. */
  async orderVerification(principal: Principal, input: { declarationId: string; scope: VerificationScope; sampledTariffNumbers?: string[] | null }): Promise<Verification> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    return transaction(this.dataSource, async m => {
      const d = await this.get(input.declarationId, m);
      if (d.status !== DeclarationStatus.ACCEPTED || d.releasedAt) throw refused("NOT_VERIFIABLE", "Only an accepted declaration whose goods are not released is verified.", { rule: "DEC-R46", article: "LD art. 36", status: d.status });
      if (d.simplifiedProcedure) {
        // DEC-R63 let. a (OD-AFD art. 40 para. 1 let. a): after the intervention, the authorised
        // consignee's or consignor's documents are at the control office before the control.
        const missing = await m.findBy(DocumentRequirement, { declarationId: d.id, submittedAt: IsNull() });
        if (missing.length) {
          throw refused("DOCUMENTS_BEFORE_CONTROL", `The documents come before the control: ${missing.map(x => x.identificationMark).join(", ")}.`, { rule: "DEC-R63", article: "OD-AFD art. 40 para. 1 let. a", missing: missing.map(x => x.identificationMark) });
        }
      }
      const items = (await this.itemsOf([d.id], m))[0];
      const sampled = input.scope === VerificationScope.SAMPLE ? [...new Set(input.sampledTariffNumbers ?? [])] : [...new Set(items.map(i => i.tariffNumber))];
      if (input.scope === VerificationScope.SAMPLE && (!sampled.length || sampled.some(t => !items.some(i => i.tariffNumber === t)))) {
        throw new ValidationError("A sample names tariff numbers of the declaration's items.", { field: "input.sampledTariffNumbers", rule: "DEC-R47", article: "LD art. 37" });
      }
      return m.save(m.create(Verification, { id: randomUUID(), declarationId: d.id, orderedAt: this.clock.now(), scope: input.scope, requestedFullByDeclarant: false, sampledTariffNumbers: sampled, result: null, conforms: null, recordedAt: null }));
    });
  }

  /** DEC-R47 (LD art. 37 para. 2): the declarant may ask for a full verification instead of a sample. */
  async requestFullVerification(principal: Principal, declarationId: string): Promise<Verification> {
    return transaction(this.dataSource, async m => {
      const d = await this.get(declarationId, m);
      this.access.requireDeclarant(principal, d);
      const v = await m.findOne(Verification, { where: { declarationId: d.id, recordedAt: IsNull() }, order: { orderedAt: "DESC" } });
      if (!v || v.scope !== VerificationScope.SAMPLE) throw refused("NO_SAMPLE_VERIFICATION", "Only an open sample verification can be widened.", { rule: "DEC-R47", article: "LD art. 37" });
      const items = (await this.itemsOf([d.id], m))[0];
      Object.assign(v, { scope: VerificationScope.FULL, requestedFullByDeclarant: true, sampledTariffNumbers: [...new Set(items.map(i => i.tariffNumber))] });
      return m.save(v);
    });
  }

  /** DEC-R47: the result is recorded and is the basis of the taxation; a mismatch is an incorrect particular (LD art. 34 para. 1 let. a). */
  async recordVerification(principal: Principal, input: { verificationId: string; conforms: boolean; result: string }): Promise<Verification> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    return transaction(this.dataSource, async m => {
      const found = await m.findOneBy(Verification, { id: input.verificationId });
      if (!found) throw new NotFoundError("Verification", input.verificationId, "input.verificationId");
      // The result is recorded once: under the declaration's lock, read again.
      await this.get(found.declarationId, m);
      const v = (await m.findOneBy(Verification, { id: found.id }))!;
      if (v.recordedAt) throw refused("VERIFICATION_ALREADY_RECORDED", "The result is already recorded.", { rule: "DEC-R47", article: "LD art. 37" });
      const now = this.clock.now();
      Object.assign(v, { conforms: input.conforms, result: input.result, recordedAt: now });
      await m.save(v);
      if (!input.conforms) {
        const d = await this.get(v.declarationId, m);
        if (!d.incorrectParticularsFoundAt) await m.update(CustomsDeclaration, { id: d.id }, { incorrectParticularsFoundAt: now });
      }
      return v;
    });
  }

  /** A page of each declaration's verifications (DEC-R46, DEC-R47), in as many statements for 100 declarations as for 10. */
  async verificationPages(declarationIds: readonly string[], args: ConnectionArgs): Promise<ConnectionShape<Verification>[]> {
    return paginateByParent(this.dataSource.getRepository(Verification), { parentProperty: "declarationId", timeProperty: "orderedAt" }, declarationIds, args);
  }

  // ---------------------------------------------------------------- release and removal

  /**
   * DEC-R30, DEC-R34, DEC-R56 (OD-AFD art. 17 para. 2, 17a para. 2; LD art. 40): the office
   * releases BLOCKED goods once the printout and accompanying documents are in and any ordered
   * verification is recorded.
   */
  async release(principal: Principal, declarationId: string): Promise<CustomsDeclaration> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    return transaction(this.dataSource, async m => {
      const d = await this.get(declarationId, m);
      if (d.status !== DeclarationStatus.ACCEPTED && d.status !== DeclarationStatus.EX_OFFICIO_TAXED) throw refused("NOT_RELEASABLE", `A ${d.status} declaration is not released.`, { rule: "DEC-R56", article: "LD art. 40", status: d.status });
      if (d.releasedAt) throw refused("ALREADY_RELEASED", "The goods are already released.", { rule: "DEC-R56", article: "LD art. 40" });
      if (d.isPreDeclaration && !d.presentationId) throw refused("GOODS_NOT_PRESENTED", "The goods of this pre-declaration are not presented yet.", { rule: "DEC-R03", article: "LD art. 24" });
      const missing = await m.find(DocumentRequirement, { where: { declarationId: d.id, submittedAt: IsNull(), kind: In([DocumentKind.DECLARATION_PRINTOUT, DocumentKind.ACCOMPANYING, DocumentKind.PROOF_OF_ORIGIN]) } });
      if (missing.length) throw refused("DOCUMENTS_MISSING", `Documents not submitted: ${missing.map(x => x.identificationMark).join(", ")}.`, { rule: "DEC-R30", article: "OD-AFD art. 17 para. 2", missing: missing.map(x => x.identificationMark) });
      const open = await m.findOneBy(Verification, { declarationId: d.id, recordedAt: IsNull() });
      if (open) throw refused("VERIFICATION_PENDING", "Record the verification's result before release.", { rule: "DEC-R47", article: "LD art. 37" });
      // DEC-R55 (LD art. 39 para. 3): under a provisional taxation, only once the duties are secured at the highest rate.
      const inForce = await m.findOneBy(TaxationDecision, { declarationId: d.id, status: TaxationStatus.ISSUED });
      if (inForce && inForce.kind === TaxationKind.PROVISIONAL && !inForce.finalisedAt && !inForce.securedAt) {
        throw refused("PROVISIONAL_TAXATION_NOT_SECURED", "Goods under provisional taxation are released once the duties are secured at the highest rate for their type.", {
          rule: "DEC-R55",
          article: "LD art. 39 para. 3",
          taxationDecisionId: inForce.id,
        });
      }
      if (isConditional(d)) {
        // DEC-R67, DEC-R72 to DEC-R74 (LD art. 49 para. 2, 58-60, 76 para. 1): goods under a
        // procedure leave once its case fixed the conditional duties and debt secured them.
        const procedureCase = await m.findOneBy(ProcedureCase, { declarationId: d.id });
        if (!procedureCase) throw refused("PROCEDURE_CASE_NOT_OPEN", `Open the ${d.procedure} case first: time limit and identification (openProcedureCase).`, { rule: "DEC-R65", article: "LD art. 47, 49 para. 2, 58 para. 2" });
        if (!procedureCase.securedAt) {
          throw refused("PROCEDURE_DUTIES_NOT_SECURED", "The procedure's conditional duties are not secured yet: debt has not reported the security complete.", { rule: "DEC-R67", article: "LD art. 76 para. 1", procedureCaseId: procedureCase.id });
        }
      }
      const office = await this.reference.office(d.officeId, m);
      const now = this.clock.now();
      await m.update(CustomsDeclaration, { id: d.id }, { releasedAt: now, computedRemovalDueBy: this.reference.calendarOf(office).endOfWorkingDaysAfter(now, 1) });
      if (d.presentationId) await m.update(GoodsPresentation, { id: d.presentationId }, { status: PresentationStatus.RELEASED });
      return this.get(d.id, m);
    });
  }

  async removalDueBy(d: CustomsDeclaration): Promise<Date | null> {
    return this.deadlines.effective(this.dataSource.manager, "CustomsDeclaration", d.id, "REMOVAL_DUE", d.computedRemovalDueBy);
  }

  /**
   * DEC-R56 to DEC-R58 (LD art. 40; OD-AFD art. 36-37): goods leave only after release, a FREE
   * export's proof of origin first (DEC-R34); due by the next business day after release. A
   * later removal is recorded with the flag `removalOverdue`.
   */
  async remove(principal: Principal, declarationId: string): Promise<CustomsDeclaration> {
    return transaction(this.dataSource, async m => {
      const d = await this.get(declarationId, m);
      if (!this.access.isOfficer(principal)) this.access.requireDeclarant(principal, d);
      if (!d.releasedAt) throw refused("NOT_RELEASED", "Goods may be removed only after release.", { rule: "DEC-R56", article: "LD art. 40 para. 2" });
      if (d.removedAt) throw refused("ALREADY_REMOVED", "The goods were already removed.", { rule: "DEC-R58", article: "OD-AFD art. 37" });
      if (d.status === DeclarationStatus.WITHDRAWN) throw refused("DECLARATION_WITHDRAWN", "The declaration was withdrawn.", { rule: "DEC-R43", article: "LD art. 34 para. 1" });
      // DEC-R33 (OD-AFD art. 17 para. 5) DESIGN CHOICE: whatever the selection, goods under
      // non-customs federal acts leave only once their permits and certificates are in.
      const nonCustoms = await m.find(DocumentRequirement, { where: { declarationId: d.id, kind: In([DocumentKind.PERMIT, DocumentKind.CERTIFICATE]), submittedAt: IsNull() } });
      if (nonCustoms.length) throw refused("NON_CUSTOMS_REQUIREMENTS_PENDING", `Submit first: ${nonCustoms.map(x => x.identificationMark).join(", ")}.`, { rule: "DEC-R33", article: "OD-AFD art. 17 para. 5" });
      const proof = await m.findOneBy(DocumentRequirement, { declarationId: d.id, kind: DocumentKind.PROOF_OF_ORIGIN, submittedAt: IsNull() });
      if (proof) throw refused("PROOF_OF_ORIGIN_MISSING", "Present the proof of origin to be authenticated before removal.", { rule: "DEC-R34", article: "OD-AFD art. 17a para. 4" });
      // DEC-R64 (OD-AFD art. 41): an authorised consignee or consignor removes the goods on the
      // control office's electronic release after an intervention (let. a, the release above),
      // otherwise on evidence of proper taxation (let. b): a taxation decision in force.
      if (d.simplifiedProcedure && d.selectionResult !== SelectionResult.BLOCKED && !(await m.findOneBy(TaxationDecision, { declarationId: d.id, status: TaxationStatus.ISSUED }))) {
        throw refused("REMOVAL_NEEDS_TAXATION", "Without an intervention, the goods of an authorised consignee or consignor leave on evidence of proper taxation: a taxation decision in force.", { rule: "DEC-R64", article: "OD-AFD art. 41 let. b" });
      }
      const now = this.clock.now();
      await m.update(CustomsDeclaration, { id: d.id }, { removedAt: now });
      if (d.presentationId) await m.update(GoodsPresentation, { id: d.presentationId }, { status: PresentationStatus.REMOVED });
      return this.get(d.id, m);
    });
  }

  async overrideRemovalDeadline(principal: Principal, declarationId: string, until: Date, reason: string) {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    const rule = { field: "input.until", rule: "DEC-R58", article: "OD-AFD art. 37 para. 2" };
    requireFutureDate(until, this.clock.now(), rule);
    return transaction(this.dataSource, async m => {
      const d = await this.get(declarationId, m);
      if (!d.releasedAt || d.removedAt) throw refused("NOT_AWAITING_REMOVAL", "Only released goods not yet removed have a removal deadline.", { rule: "DEC-R58", article: "OD-AFD art. 37 para. 2" });
      // An extension (on request, OD-AFD art. 37 para. 2) ends after the deadline in force.
      const current = await this.deadlines.effective(m, "CustomsDeclaration", d.id, "REMOVAL_DUE", d.computedRemovalDueBy);
      if (current) requireLaterDate(until, current, rule);
      return this.deadlines.override(m, principal, { type: "CustomsDeclaration", id: d.id }, "REMOVAL_DUE", d.computedRemovalDueBy, until, reason);
    });
  }

  /** DEC-R44 helper: the 30 days after the day the goods left custody (T6), ending 23:59:59.999. */
  changeOfTaxationDeadline(d: CustomsDeclaration): Date | null {
    return d.removedAt ? endOfCalendarDaysAfter(d.removedAt, 30) : null;
  }

  /**
   * DEC-R38, DEC-R40 (LD art. 32; OD-AFD art. 20 para. 1-2): the refusals for correction still
   * awaiting their resubmission (the declaration REFUSED or RESUBMISSION_OVERDUE, not yet taxed ex
   * officio), for the offices: a page, earliest resubmission deadline in force first (the latest
   * override, T10, else the computed one, decided in SQL like `undeclaredPresentations`), then by
   * id; the cursor is that key.
   */
  async pendingResubmissions(principal: Principal, officeId: string | null | undefined, args: ConnectionArgs): Promise<ConnectionShape<Refusal>> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE", "AUDITOR");
    const due = `COALESCE((SELECT o.new_value FROM deadline_override o WHERE o.subject_type = 'Refusal' AND o.deadline_kind = 'RESUBMISSION_DUE' AND o.subject_id = r.id ORDER BY o.overridden_at DESC, o.id DESC LIMIT 1), r.resubmission_due_by)`;
    const qb = this.dataSource
      .getRepository(Refusal)
      .createQueryBuilder("r")
      .innerJoin(CustomsDeclaration, "d", "d.id = r.declaration_id")
      .where("r.resubmitted_at IS NULL")
      .andWhere("d.status IN (:...open)", { open: [DeclarationStatus.REFUSED, DeclarationStatus.RESUBMISSION_OVERDUE] });
    if (officeId) qb.andWhere("d.office_id = :officeId", { officeId });
    const counter = qb.clone();
    if (args.after) {
      const [at, id] = keyCursor.decode<[string, string]>(args.after, ["string", "string"]);
      const after = new Date(at);
      if (Number.isNaN(after.getTime())) throw new ValidationError("The cursor is not one this API issued.", { field: "after" });
      qb.andWhere(`(${due} > :cDue OR (${due} = :cDue AND r.id > :cId))`, { cDue: sqlTime(after), cId: id });
    }
    const rows = await qb.orderBy(due, "ASC").addOrderBy("r.id", "ASC").limit(args.first + 1).getMany();
    // The same deadline in force as the SQL chose, for the cursors and `resubmissionDueBy`.
    const overrides = await this.deadlines.latest("Refusal", rows.map(r => r.id), "RESUBMISSION_DUE");
    const dueOf = (r: Refusal) => overrides.get(r.id)?.newValue ?? r.computedResubmissionDueBy;
    return pageByKey(rows, args, r => [dueOf(r).toISOString(), r.id], () => counter.getCount());
  }

  /** Every refusal of each declaration, oldest first, in one statement (the timeline's records). */
  refusalsOf(declarationIds: readonly string[]): Promise<Refusal[][]> {
    return loadManyByColumn(this.dataSource.getRepository(Refusal), "declarationId", declarationIds, { refusedAt: "ASC", id: "ASC" });
  }

  /** Every verification of each declaration, oldest first, in one statement. */
  verificationsOf(declarationIds: readonly string[]): Promise<Verification[][]> {
    return loadManyByColumn(this.dataSource.getRepository(Verification), "declarationId", declarationIds, { orderedAt: "ASC", id: "ASC" });
  }

  /** Every correction of each declaration by the office, oldest first, in one statement. */
  correctionsOf(declarationIds: readonly string[]): Promise<DeclarationCorrection[][]> {
    return loadManyByColumn(this.dataSource.getRepository(DeclarationCorrection), "declarationId", declarationIds, { correctedAt: "ASC", id: "ASC" });
  }

  /** A page of each declaration's refusals (DEC-R38, DEC-R40), in as many statements for 100 declarations as for 10. */
  async refusalPages(declarationIds: readonly string[], args: ConnectionArgs): Promise<ConnectionShape<Refusal>[]> {
    return paginateByParent(this.dataSource.getRepository(Refusal), { parentProperty: "declarationId", timeProperty: "refusedAt" }, declarationIds, args);
  }

  officeOf(m: EntityManager, id: string): Promise<CustomsOffice> {
    return this.reference.office(id, m);
  }

}

const PARTICULARS = ["tariffNumber", "description", "netMassKg", "grossMassKg", "quantity", "value", "origin", "quotaGoods", "nonCustomsActsApply", "permitReference", "proofOfOriginRequired"] as const;

/** What changed between the declared items and the corrected ones, by position and particular. */
export function particularChanges(before: DeclarationItem[], after: DeclarationItem[]): CorrectedParticular[] {
  const text = (item: DeclarationItem | undefined, key: (typeof PARTICULARS)[number]): string | null => {
    if (!item) return null;
    const value = item[key];
    if (value === null || value === undefined) return null;
    return key === "value" ? formatRappen(value as number) : String(value);
  };
  const changes: CorrectedParticular[] = [];
  for (let position = 1; position <= Math.max(before.length, after.length); position++) {
    const [b, a] = [before.find(i => i.position === position), after.find(i => i.position === position)];
    if (!b || !a) {
      changes.push({ position, particular: "item", before: b ? b.description : null, after: a ? a.description : null });
      continue;
    }
    for (const key of PARTICULARS) {
      if (text(b, key) !== text(a, key)) changes.push({ position, particular: key, before: text(b, key), after: text(a, key) });
    }
  }
  return changes;
}
