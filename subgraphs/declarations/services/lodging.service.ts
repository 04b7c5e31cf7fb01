import { randomUUID } from "node:crypto";
import { DataSource, EntityManager, In, IsNull } from "typeorm";
import {
  Clock,
  ConnectionArgs,
  ConnectionShape,
  EventPublisher,
  findForUpdate,
  NotFoundError,
  OfficeCalendar,
  Principal,
  requireFutureDate,
  ScheduledJob,
  sqlTime,
  startOfZurichDay,
  transaction,
  paginate,
  transitionOnce,
  ValidationError,
  zurichDate,
} from "../../kit";
import { CustomsDeclaration, DeclarationItem } from "../entities/declaration.entity";
import { CustomsProcedure, DeclarationChannel, DeclarationStatus, Direction, DocumentKind, PresentationStatus, ProcessingKind, SelectionResult, SimplifiedProcedure, SummaryForm } from "../entities/enums";
import { ProcedureCase, ProcessingAuthorisation } from "../entities/procedure-case.entity";
import { GoodsPresentation } from "../entities/presentation.entity";
import { AuthorisedDeclarant, DeclarantEmployeeRef, PartnerRoleRef } from "../entities/projections.entity";
import { DocumentRequirement, requestedByOffice, SelectionDecision, SelectionRuleSet } from "../entities/selection.entity";
import { DeclarationAccess } from "./access";
import { DeadlineService } from "./deadline.service";
import { ItemInput, LodgeInput, validateForm } from "./declaration.form";
import { DeclarationService } from "./declaration.service";
import { acceptedPayload, borderCrossedPayload, exitPayload, isConditional } from "./procedures";
import { refused } from "./errors";
import { requireNotProhibited } from "./prohibition.service";
import { ReferenceService } from "./reference.service";
import { SelectionService } from "./selection.service";

/** DEC-R61 (OD-AFD art. 38 para. 1): the authorised consignee's declaration deadline. */
export const ACEE_WORKING_DAYS = 30;
/** DEC-R63 let. a (OD-AFD art. 40 para. 1 let. a): after an intervention, documents are due before the control. */
export const DOCUMENTS_BEFORE_CONTROL_RULE = "DEC-R63: before the customs control, after the control office's intervention (OD-AFD art. 40 para. 1 let. a)";
/** DEC-R36, DEC-R37: "two hours of counter opening time" (T5). */
const TWO_COUNTER_HOURS = 120;
const NCTS_EXPORT_HOURS = 24;
/** How long a lodging may stay between two steps before `lodgingJob` carries it on. */
export const LODGING_STEP_GRACE_MS = 30_000;

/**
 * From the goods' presentation to an accepted declaration (DOMAIN.md §3.2): the presentation and
 * its declaration deadline, the three lodging steps, the formal checks, the risk selection and the
 * documents it requires.
 */
/** A pre-declaration the goods' presentation can take up: transmitted, received or accepted, not withdrawn or refused. */
const PENDING_PRE_DECLARATION = [DeclarationStatus.TRANSMITTED, DeclarationStatus.RECEIVED, DeclarationStatus.ACCEPTED];

export class LodgingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: DeclarationAccess,
    private readonly reference: ReferenceService,
    private readonly deadlines: DeadlineService,
    private readonly selection: SelectionService,
    private readonly events: EventPublisher,
    private readonly declarations: DeclarationService,
  ) {}

  /**
   * DEC-R03, DEC-R04 (LD art. 24; OD-AFD art. 3): goods presented and summarily declared. The
   * declaration is due by the end of the next business day (DEC-R06, OD-AFD art. 4). Presenting
   * the goods of an import or transit pre-declaration is their introduction (DEC-R11): the duties'
   * basis is fixed now (X06) and the documents' deadlines start (DEC-R36, OD-AFD art. 19 para. 1).
   */
  async present(principal: Principal, input: { officeId: string; presenterId: string; summaryForm: SummaryForm; place: string; goodsDescription: string; declarationId?: string | null }): Promise<GoodsPresentation> {
    const isOfficer = this.access.isOfficer(principal);
    if (!isOfficer && !this.access.partnerIds(principal).includes(input.presenterId)) throw refused("FORBIDDEN", "You do not act for the presenter.", { field: "input.presenterId" });
    return transaction(this.dataSource, async m => {
      const office = await this.reference.office(input.officeId, m);
      const calendar = this.reference.calendarOf(office);
      const now = this.clock.now();
      // DEC-R61 (OD-AFD art. 38): an authorised consignee declares by the 30th working day after presentation.
      const consignee = Boolean(await m.findOneBy(PartnerRoleRef, { partnerId: input.presenterId, roleType: "AUTHORISED_CONSIGNEE", active: true }));
      const presentation = await m.save(
        m.create(GoodsPresentation, {
          id: randomUUID(),
          officeId: office.id,
          presentedAt: now,
          presenterId: input.presenterId,
          summaryForm: input.summaryForm,
          place: input.place,
          goodsDescription: input.goodsDescription,
          computedDeclarationDueBy: calendar.endOfWorkingDaysAfter(now, consignee ? ACEE_WORKING_DAYS : 1),
          authorisedConsignee: consignee,
          overdueFlaggedAt: null,
          status: PresentationStatus.PRESENTED,
        }),
      );
      if (input.declarationId) {
        const d = await this.declarations.get(input.declarationId, m);
        if (!isOfficer) this.access.requireDeclarant(principal, d);
        // A withdrawn (or refused) pre-declaration is no longer pending: its goods are declared afresh (DEC-R43, LD art. 34 para. 1).
        if (!d.isPreDeclaration || d.presentationId || !PENDING_PRE_DECLARATION.includes(d.status)) {
          throw refused("NOT_A_PENDING_PRE_DECLARATION", "Only a pre-declaration in force whose goods are not yet presented can be linked.", { field: "input.declarationId", rule: "DEC-R08", article: "OD-AFD art. 5", status: d.status });
        }
        if (d.officeId !== office.id) throw refused("WRONG_OFFICE", "The pre-declaration was lodged at another office.", { field: "input.officeId" });
        // DEC-R10: quota goods declared on an earlier day than they are presented were declared too early.
        const quota = (await this.declarations.itemsOf([d.id], m))[0].some(i => i.quotaGoods);
        if (quota && zurichDate(d.transmittedAt) !== zurichDate(now)) {
          throw refused("QUOTA_GOODS_DECLARED_TOO_EARLY", `These quota goods were declared on ${zurichDate(d.transmittedAt)}, before the day they are presented; withdraw the pre-declaration and declare them today.`, {
            field: "input.declarationId",
            rule: "DEC-R10",
            article: "OD-AFD art. 5 para. 2",
          });
        }
        if (d.channel === DeclarationChannel.EDEC_WEB && d.status === DeclarationStatus.TRANSMITTED) {
          // DEC-R18 (OD-AFD art. 20d para. 2-3): the printout comes with the goods; the office
          // accepts it now that they are here (`attestEdecWebAcceptance`), so it is no longer a
          // pre-declaration and the debt arises at that acceptance (X05).
          await m.update(CustomsDeclaration, { id: d.id }, { presentationId: presentation.id, isPreDeclaration: false });
          return presentation;
        }
        presentation.status = PresentationStatus.DECLARED;
        await m.save(presentation);
        await m.update(CustomsDeclaration, { id: d.id }, { presentationId: presentation.id, crossedBorderAt: now });
        d.presentationId = presentation.id;
        d.crossedBorderAt = now;
        await this.events.publish(m, "BorderCrossed", d.id, borderCrossedPayload(d, now));
        // DEC-R36 (OD-AFD art. 19 para. 1): counted from the presentation, for an import as for a
        // transit (its transit document, OD-AFD art. 17 para. 4); an export's run from the
        // communication of the result (DEC-R37) and are set already.
        if (d.selectionResult && (d.direction === Direction.IMPORT || d.direction === Direction.TRANSIT)) await this.scheduleDocuments(m, d, calendar);
        // A free result deems the goods released once they are here (OD-AFD art. 17 para. 3-4, 17a
        // para. 3); under a conditional procedure, only if its case's duties are secured already
        // (otherwise ConditionalDebtSecured releases them, ProcedureCaseService).
        const secured = !isConditional(d) || Boolean((await m.findOneBy(ProcedureCase, { declarationId: d.id }))?.securedAt);
        if (d.selectionResult && d.selectionResult !== SelectionResult.BLOCKED && d.status === DeclarationStatus.ACCEPTED && secured) {
          await m.update(CustomsDeclaration, { id: d.id }, { releasedAt: now, computedRemovalDueBy: calendar.endOfWorkingDaysAfter(now, 1) });
          presentation.status = PresentationStatus.RELEASED;
          await m.save(presentation);
        }
      }
      return presentation;
    });
  }

  /** T10 (OD-AFD art. 4 para. 2): the office adapts the declaration deadline to its operating conditions. */
  async overrideDeclarationDeadline(principal: Principal, presentationId: string, until: Date, reason: string) {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    requireFutureDate(until, this.clock.now(), { field: "input.until", rule: "DEC-R06", article: "OD-AFD art. 4 para. 2" });
    return transaction(this.dataSource, async m => {
      const p = await m.findOneBy(GoodsPresentation, { id: presentationId });
      if (!p) throw new NotFoundError("GoodsPresentation", presentationId, "input.presentationId");
      if (p.status !== PresentationStatus.PRESENTED) throw refused("ALREADY_DECLARED", "The goods are already declared.", { rule: "DEC-R06", article: "OD-AFD art. 4" });
      return this.deadlines.override(m, principal, { type: "GoodsPresentation", id: p.id }, "DECLARATION_DUE", p.computedDeclarationDueBy, until, reason);
    });
  }

  async declarationDueBy(p: GoodsPresentation): Promise<Date> {
    return (await this.deadlines.effective(this.dataSource.manager, "GoodsPresentation", p.id, "DECLARATION_DUE", p.computedDeclarationDueBy))!;
  }

  /**
   * Electronic lodging (DOMAIN.md §3.2), in three steps that each commit with their own time:
   * 1. `transmit`: the declaration is stored TRANSMITTED; until the system has confirmed receipt it
   *    counts as not presented (DEC-R16, OD-AFD art. 12 para. 4);
   * 2. `confirmReceipt`: RECEIVED; it now counts as presented, and declares the presented goods;
   * 3. `accept`: the system's summary control passes, stamping date and time (DEC-R17, OD-AFD
   *    art. 16), and the risk selection runs (DEC-R29).
   * A declaration that fails the formal checks is not received at all: nothing is stored. One that
   * a failure left between steps is carried on by `lodgingJob`. An e-dec web declaration stops
   * after the first step: the declarant presents the printout with the goods and the office
   * accepts it (DEC-R18, OD-AFD art. 20d; `attestEdecWebAcceptance`).
   */
  async lodge(principal: Principal, input: LodgeInput, applicationId?: string | null): Promise<CustomsDeclaration> {
    const id = await this.transmit(principal, input, applicationId);
    // DEC-R18 (OD-AFD art. 20d): e-dec web is entered and printed; the office accepts it.
    if (input.channel === DeclarationChannel.EDEC_WEB) return this.declarations.get(id);
    await this.confirmReceipt(id);
    await this.accept(id);
    return this.declarations.get(id);
  }

  /**
   * Step 1 (DEC-R16): every formal check, then the declaration and its items, TRANSMITTED. Returns
   * its id. The lodging instant is this step's: a prohibition (ENF-R05) is checked against it.
   */
  async transmit(principal: Principal, input: LodgeInput, applicationId?: string | null): Promise<string> {
    this.access.requireLodgingFor(principal, input.declarantId);
    validateForm(input);
    return transaction(this.dataSource, async m => {
      const office = await this.reference.office(input.officeId, m);
      const calendar = this.reference.calendarOf(office);
      const now = this.clock.now();
      await this.requireAuthorisedDeclarant(m, input);
      // ENF-R05 (LD art. 109 para. 2): a prohibited professional declarant lodges nothing for others.
      await requireNotProhibited(m, input, now);
      const presentation = input.presentationId ? await this.declarations.claimPresentation(m, input.presentationId, office.id) : null;
      // DEC-R79 (LD art. 14 para. 4): a change of use is declared in advance, for goods already in
      // free circulation: not a pre-declaration, nothing to present.
      const changeOfUse = this.checkChangeOfUse(input, now);
      const isPreDeclaration = !presentation && !changeOfUse;
      this.checkTiming(input, calendar, now, isPreDeclaration);
      const processingAuthorisationId = await this.requireProcessingAuthorisation(m, input, now);
      const transmitted = m.create(CustomsDeclaration, {
        id: randomUUID(),
        declarationNumber: await this.declarations.newNumber(m, office.id, now),
        direction: input.direction,
        procedure: input.procedure,
        destination: input.destination,
        channel: input.channel,
        declarantId: input.declarantId,
        onBehalfOfId: input.onBehalfOfId ?? null,
        officeId: office.id,
        businessNumber: input.businessNumber ?? null,
        personalNumber: input.personalNumber ?? null,
        language: input.language,
        isPreDeclaration,
        plannedCrossingAt: input.plannedCrossingAt ?? null,
        crossedBorderAt: null,
        presentationId: presentation?.id ?? null,
        applicationId: applicationId ?? null,
        status: DeclarationStatus.TRANSMITTED,
        transmittedAt: now,
        receiptConfirmedAt: null,
        acceptedAt: null,
        selectionResult: null,
        selectionCommunicatedAt: null,
        incorrectParticularsFoundAt: null,
        releasedAt: null,
        computedRemovalDueBy: null,
        removedAt: null,
        touristTraffic: Boolean(input.touristTraffic),
        particulars: null,
        simplifiedProcedure: await this.simplifiedProcedureOf(m, input),
        processingAuthorisationId,
        warehouseLotId: input.warehouseLotId ?? null,
        version: 1,
        createdAt: now,
      });
      await m.save(transmitted);
      await this.declarations.saveItems(m, transmitted.id, input.items, false);
      return transmitted.id;
    });
  }

  /**
   * Step 2 (DEC-R16, OD-AFD art. 12 para. 4): the system confirms receipt. From this moment the
   * declaration counts as presented: the presented goods are declared (DEC-R06). Returns false
   * when the declaration had already passed this step.
   */
  async confirmReceipt(id: string): Promise<boolean> {
    return transaction(this.dataSource, async m => this.receiveIn(m, await this.declarations.get(id, m)));
  }

  private async receiveIn(m: EntityManager, d: CustomsDeclaration): Promise<boolean> {
    if (d.status !== DeclarationStatus.TRANSMITTED) return false;
    const now = this.clock.now();
    await m.update(CustomsDeclaration, { id: d.id }, { status: DeclarationStatus.RECEIVED, receiptConfirmedAt: now });
    Object.assign(d, { status: DeclarationStatus.RECEIVED, receiptConfirmedAt: now });
    if (d.presentationId) await m.update(GoodsPresentation, { id: d.presentationId }, { status: PresentationStatus.DECLARED });
    return true;
  }

  /**
   * Step 3 (DEC-R17, OD-AFD art. 16): the summary control passes; the system stamps the date and
   * time of acceptance (the debt arises now, X05; a stored lot may leave, X15), and the risk
   * selection runs. Returns false when the declaration is not waiting for it.
   */
  async accept(id: string): Promise<boolean> {
    return transaction(this.dataSource, async m => this.acceptIn(m, await this.declarations.get(id, m)));
  }

  /** DEC-R40 (OD-AFD art. 20 para. 2): the corrected declaration; one never accepted is accepted now, as at lodging. */
  async resubmit(principal: Principal, declarationId: string, items: ItemInput[]): Promise<CustomsDeclaration> {
    return transaction(this.dataSource, async m => {
      const d = await this.declarations.resubmitIn(m, principal, declarationId, items);
      if (d.status === DeclarationStatus.RECEIVED) await this.acceptIn(m, d);
      return this.declarations.get(d.id, m);
    });
  }

  private async acceptIn(m: EntityManager, d: CustomsDeclaration): Promise<boolean> {
    if (d.status !== DeclarationStatus.RECEIVED) return false;
    const now = this.clock.now();
    await m.update(CustomsDeclaration, { id: d.id }, { status: DeclarationStatus.ACCEPTED, acceptedAt: now });
    Object.assign(d, { status: DeclarationStatus.ACCEPTED, acceptedAt: now });
    await this.events.publish(m, "DeclarationAccepted", d.id, acceptedPayload(d));
    if (d.warehouseLotId) await this.events.publish(m, "ExitDeclarationAccepted", d.id, exitPayload(d));
    const office = await this.reference.office(d.officeId, m);
    await this.runSelection(m, d, (await this.declarations.itemsOf([d.id], m))[0], this.reference.calendarOf(office));
    return true;
  }

  /**
   * DEC-R18 (OD-AFD art. 20c, 20d para. 3): the office that received the e-dec web printout with
   * the goods and the accompanying documents does the summary control, accepts the declaration
   * and attests the acceptance. Receipt and acceptance are one act of the office, at this moment.
   */
  async attestEdecWebAcceptance(principal: Principal, declarationId: string): Promise<CustomsDeclaration> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    return transaction(this.dataSource, async m => {
      const d = await findForUpdate(m, CustomsDeclaration, { id: declarationId });
      if (!d) throw new NotFoundError("CustomsDeclaration", declarationId, "input.declarationId");
      if (d.channel !== DeclarationChannel.EDEC_WEB) throw refused("NOT_EDEC_WEB", "Only an e-dec web declaration is accepted by the office; the systems accept the others.", { field: "input.declarationId", rule: "DEC-R18", article: "OD-AFD art. 20d para. 3" });
      if (d.status !== DeclarationStatus.TRANSMITTED) throw refused("ALREADY_ACCEPTED", `The declaration is ${d.status}.`, { field: "input.declarationId", rule: "DEC-R18", article: "OD-AFD art. 20d para. 3", status: d.status });
      if (!d.presentationId) {
        throw refused("GOODS_NOT_PRESENTED", "The printout is presented with the goods: present them first.", { field: "input.declarationId", rule: "DEC-R18", article: "OD-AFD art. 20d para. 2" });
      }
      await this.receiveIn(m, d);
      await this.acceptIn(m, d);
      return this.declarations.get(d.id, m);
    });
  }

  /**
   * Carries on lodgings a failure left between steps: TRANSMITTED or RECEIVED for longer than
   * `LODGING_STEP_GRACE_MS` (a lodging in progress takes milliseconds). Each step is a
   * compare-and-set under the declaration's lock, so a replica racing the lodging changes nothing.
   */
  lodgingJob(): ScheduledJob {
    return {
      name: "lodging-steps",
      run: async now => {
        const stale = sqlTime(new Date(now.getTime() - LODGING_STEP_GRACE_MS));
        const waiting = await this.dataSource
          .getRepository(CustomsDeclaration)
          .createQueryBuilder("d")
          .select(["d.id", "d.status"])
          .where("((d.status = :t AND d.transmitted_at < :stale) OR (d.status = :r AND d.receipt_confirmed_at < :stale)) AND d.channel <> :web", { t: DeclarationStatus.TRANSMITTED, r: DeclarationStatus.RECEIVED, stale, web: DeclarationChannel.EDEC_WEB })
          .getMany();
        let moved = 0;
        for (const d of waiting) {
          if (d.status === DeclarationStatus.TRANSMITTED && (await this.confirmReceipt(d.id))) moved += 1;
          if (await this.accept(d.id)) moved += 1;
        }
        return moved;
      },
    };
  }

  /** DEC-R29 to DEC-R37: select, communicate, require documents; a free result is deemed released. */
  private async runSelection(m: EntityManager, d: CustomsDeclaration, items: DeclarationItem[], calendar: OfficeCalendar): Promise<void> {
    const ruleSet = await m.getRepository(SelectionRuleSet).createQueryBuilder("r").where("r.active_from <= :now", { now: sqlTime(this.clock.now()) }).orderBy("r.version", "DESC").getOne();
    if (!ruleSet) throw new Error("no selection rule set is active");
    const outcome = this.selection.select(d, items, ruleSet);
    const now = this.clock.now();
    await m.save(
      m.create(SelectionDecision, {
        id: randomUUID(),
        declarationId: d.id,
        result: outcome.result,
        ruleSetVersion: ruleSet.version,
        matchedRules: outcome.matched,
        randomDraw: outcome.draw,
        randomlySelected: outcome.randomlySelected,
        decidedAt: now,
      }),
    );
    d.selectionResult = outcome.result;
    d.selectionCommunicatedAt = now;
    const changes: Partial<CustomsDeclaration> = { selectionResult: outcome.result, selectionCommunicatedAt: now };
    // DEC-R31, DEC-R32, DEC-R34: a free result deems the goods released (OD-AFD art. 17 para. 3-4,
    // 17a para. 3); under a conditional procedure only once its case's duties are secured (LD art. 76).
    if (outcome.result !== SelectionResult.BLOCKED && !d.isPreDeclaration && !isConditional(d)) {
      changes.releasedAt = now;
      changes.computedRemovalDueBy = calendar.endOfWorkingDaysAfter(now, 1);
    }
    await m.update(CustomsDeclaration, { id: d.id }, changes);
    Object.assign(d, changes);
    if (changes.releasedAt && d.presentationId) await m.update(GoodsPresentation, { id: d.presentationId }, { status: PresentationStatus.RELEASED });
    await this.createDocuments(m, d, items);
    await this.scheduleDocuments(m, d, calendar);
  }

  /** The documents each result requires (OD-AFD art. 17, 17a), each with its identification mark (DEC-R35, OD-AFD art. 18). */
  private async createDocuments(m: EntityManager, d: CustomsDeclaration, items: DeclarationItem[]): Promise<void> {
    const kinds: DocumentKind[] = [];
    const result = d.selectionResult!;
    if (result === SelectionResult.BLOCKED || result === SelectionResult.FREE_WITH) kinds.push(DocumentKind.DECLARATION_PRINTOUT, DocumentKind.ACCOMPANYING);
    if (items.some(i => i.permitReference)) kinds.push(DocumentKind.PERMIT);
    if (items.some(i => i.nonCustomsActsApply)) kinds.push(DocumentKind.CERTIFICATE);
    if (d.direction === Direction.EXPORT && items.some(i => i.proofOfOriginRequired)) kinds.push(DocumentKind.PROOF_OF_ORIGIN);
    if (d.procedure === CustomsProcedure.TRANSIT) kinds.push(DocumentKind.TRANSIT_DOCUMENT);
    let n = 0;
    const now = this.clock.now().getTime();
    for (const kind of kinds) {
      n += 1;
      await m.save(
        m.create(DocumentRequirement, {
          id: randomUUID(),
          declarationId: d.id,
          kind,
          identificationMark: `${d.declarationNumber}-${String(n).padStart(2, "0")}-${kind.slice(0, 3)}`,
          // One millisecond apart, so that the documents page in the order of their marks.
          requiredAt: new Date(now + n - 1),
          computedDueAt: null,
          dueRule: "due once the goods are presented",
          submittedAt: null,
          overdueFlagged: false,
        }),
      );
    }
  }

  /**
   * DEC-R36 (OD-AFD art. 19 para. 1-2) for imports: BLOCKED, within two hours of counter opening;
   * free, by the working day after. Counted from presentation for a pre-declaration, from the
   * declaration otherwise. DEC-R37 (OD-AFD art. 19a) for exports BLOCKED: e-dec within two hours
   * of counter opening after the result is communicated, NCTS within 24 hours. A proof of origin
   * of a FREE export is due before removal (DEC-R34, OD-AFD art. 17a para. 4). A document the
   * office asked for keeps the deadline it set (DEC-R45, LD art. 35), also when the goods of a
   * pre-declaration arrive after the request.
   */
  private async scheduleDocuments(m: EntityManager, d: CustomsDeclaration, calendar: OfficeCalendar): Promise<void> {
    const docs = (await m.findBy(DocumentRequirement, { declarationId: d.id, submittedAt: IsNull() })).filter(doc => !requestedByOffice(doc));
    for (const doc of docs) {
      let due: Date | null = null;
      let rule = "";
      if (d.simplifiedProcedure && d.selectionCommunicatedAt) {
        // DEC-R63 (OD-AFD art. 40 para. 1): an authorised consignee or consignor brings them to the
        // control office before the control after an intervention, else by the working day after
        // the communication of the selection result.
        if (d.selectionResult === SelectionResult.BLOCKED) {
          rule = DOCUMENTS_BEFORE_CONTROL_RULE;
        } else {
          due = calendar.endOfWorkingDaysAfter(d.selectionCommunicatedAt, 1);
          rule = "DEC-R63: the working day after the selection result was communicated (OD-AFD art. 40 para. 1 let. b)";
        }
      } else if (d.direction === Direction.IMPORT || d.direction === Direction.TRANSIT) {
        const base = d.isPreDeclaration ? d.crossedBorderAt : d.acceptedAt;
        const from = d.isPreDeclaration ? "presentation" : "the declaration";
        if (!base) continue;
        if (d.selectionResult === SelectionResult.BLOCKED) {
          due = calendar.addCounterTime(base, TWO_COUNTER_HOURS);
          rule = `DEC-R36: two hours of counter opening after ${from} (OD-AFD art. 19 para. ${d.isPreDeclaration ? 1 : 2} let. a)`;
        } else {
          due = calendar.endOfWorkingDaysAfter(base, 1);
          rule = `DEC-R36: the working day after ${from} (OD-AFD art. 19 para. ${d.isPreDeclaration ? 1 : 2} let. b)`;
        }
      } else if (d.selectionResult === SelectionResult.BLOCKED) {
        const base = d.selectionCommunicatedAt!;
        if (d.channel === DeclarationChannel.NCTS) {
          due = new Date(base.getTime() + NCTS_EXPORT_HOURS * 3600_000);
          rule = "DEC-R37: NCTS export, within 24 hours of the communication (OD-AFD art. 19a para. 1)";
        } else {
          due = calendar.addCounterTime(base, TWO_COUNTER_HOURS);
          rule = "DEC-R37: e-dec export, two hours of counter opening after the communication (OD-AFD art. 19a para. 1)";
        }
      } else {
        rule = "DEC-R34: before removal (OD-AFD art. 17a para. 4)";
      }
      await m.update(DocumentRequirement, { id: doc.id }, { computedDueAt: due, dueRule: rule });
    }
  }

  /**
   * ID-R33 (OD-AFD art. 11), ID-R30: an e-dec/NCTS declaration states the declarant's business
   * number and the declaring employee's personal number; the business number must be an active
   * authorisation of this declarant for the system used (X04), and the employee announced and
   * active (OD-AFD art. 10). e-dec web needs neither (DEC-R18, OD-AFD art. 20c).
   */
  private async requireAuthorisedDeclarant(m: EntityManager, input: LodgeInput): Promise<void> {
    if (input.channel === DeclarationChannel.EDEC_WEB) return;
    if (!input.businessNumber || !input.personalNumber) {
      throw refused("BUSINESS_NUMBER_REQUIRED", "State the business number and the declaring employee's personal number.", { field: input.businessNumber ? "input.personalNumber" : "input.businessNumber", rule: "ID-R33", article: "OD-AFD art. 11" });
    }
    const auth = await m.findOneBy(AuthorisedDeclarant, { businessNumber: input.businessNumber });
    if (!auth || auth.partnerId !== input.declarantId || !auth.active) {
      throw refused("DECLARANT_NOT_AUTHORISED", "This business number is not an active e-dec/NCTS authorisation of the declarant; use e-dec web.", { field: "input.businessNumber", rule: "ID-R33", article: "OD-AFD art. 8-9, 11, 20c" });
    }
    const system = input.channel === DeclarationChannel.NCTS ? "NCTS" : "EDEC";
    if (!auth.systems.includes(system) && input.channel !== DeclarationChannel.PASSAR_B2B) {
      throw refused("DECLARANT_NOT_AUTHORISED", `The authorisation does not cover ${system}.`, { field: "input.channel", rule: "ID-R25", article: "OD-AFD art. 8" });
    }
    if (auth.scope === "FOREIGN_BORDER_REGION_IMPORT" && input.direction !== Direction.IMPORT) {
      throw refused("DECLARANT_NOT_AUTHORISED", "A border-region authorisation covers import declarations only.", { field: "input.direction", rule: "ID-R26", article: "OD-AFD art. 8 para. 2" });
    }
    if (auth.scope === "FOREIGN_JUXTAPOSED_OFFICE_EXPORT" && input.direction !== Direction.EXPORT) {
      throw refused("DECLARANT_NOT_AUTHORISED", "A juxtaposed-office authorisation covers export declarations only.", { field: "input.direction", rule: "ID-R27", article: "OD-AFD art. 8 para. 3" });
    }
    if (auth.transitOnly && input.direction !== Direction.TRANSIT) {
      throw refused("DECLARANT_NOT_AUTHORISED", "A transit-only authorisation covers transit declarations only.", { field: "input.direction", rule: "ID-R28", article: "OD-AFD art. 8 para. 5" });
    }
    const employee = await m.findOneBy(DeclarantEmployeeRef, { partnerId: input.declarantId, personalNumber: input.personalNumber });
    if (!employee || !employee.active) {
      throw refused("DECLARING_EMPLOYEE_UNKNOWN", "The personal number is not an active declaring employee of the declarant.", { field: "input.personalNumber", rule: "ID-R33", article: "OD-AFD art. 10-11" });
    }
  }

  /** DEC-R79 (LD art. 14 para. 4): a declaration of a change of use declares only that, before the change. */
  private checkChangeOfUse(input: LodgeInput, now: Date): boolean {
    const changing = input.items.filter(i => i.changeOfUse).length;
    if (!changing) return false;
    const rule = { rule: "DEC-R79", article: "LD art. 14 para. 4" };
    if (changing !== input.items.length || input.procedure !== CustomsProcedure.FREE_CIRCULATION || input.presentationId) {
      throw refused("CHANGE_OF_USE_DECLARED_ALONE", "A change of use is declared on its own, for goods in free circulation, without a presentation.", { ...rule, field: "input.items" });
    }
    if (!input.plannedCrossingAt || input.plannedCrossingAt.getTime() <= now.getTime()) {
      throw refused("CHANGE_OF_USE_NOT_IN_ADVANCE", "A change to a use with higher duty is declared in advance: give the planned change, in the future, as plannedCrossingAt.", { ...rule, field: "input.plannedCrossingAt" });
    }
    return true;
  }

  /**
   * DEC-R61 to DEC-R64 (OD-AFD art. 38-41): an import by or for an active authorised consignee,
   * an export by or for an active authorised consignor, is in their simplified procedure (X02).
   */
  private async simplifiedProcedureOf(m: EntityManager, input: LodgeInput): Promise<SimplifiedProcedure | null> {
    const role = input.direction === Direction.IMPORT ? SimplifiedProcedure.AUTHORISED_CONSIGNEE : input.direction === Direction.EXPORT ? SimplifiedProcedure.AUTHORISED_CONSIGNOR : null;
    if (!role) return null;
    const partners = [input.declarantId, ...(input.onBehalfOfId ? [input.onBehalfOfId] : [])];
    const held = await m.findBy(PartnerRoleRef, { partnerId: In(partners), roleType: role, active: true });
    return held.length ? role : null;
  }

  /**
   * DEC-R73, DEC-R74 (LD art. 59 para. 1, 60 para. 1): inward and outward processing need an
   * authorisation of the declarant (or of the party it acts for), of the right kind, in force, for
   * the goods declared. Its quantity limit is checked when the office opens the case.
   */
  async requireProcessingAuthorisation(m: EntityManager, input: Pick<LodgeInput, "procedure" | "processingAuthorisationId" | "declarantId" | "onBehalfOfId" | "items">, now: Date): Promise<string | null> {
    const kind = input.procedure === CustomsProcedure.INWARD_PROCESSING ? ProcessingKind.INWARD : input.procedure === CustomsProcedure.OUTWARD_PROCESSING ? ProcessingKind.OUTWARD : null;
    const rule = { field: "input.processingAuthorisationId", rule: kind === ProcessingKind.OUTWARD ? "DEC-R74" : "DEC-R73", article: kind === ProcessingKind.OUTWARD ? "LD art. 60 para. 1" : "LD art. 59 para. 1" };
    if (!kind) {
      if (input.processingAuthorisationId) throw new ValidationError("A processing authorisation goes with inward or outward processing only.", { field: "input.processingAuthorisationId" });
      return null;
    }
    if (!input.processingAuthorisationId) throw refused("PROCESSING_AUTHORISATION_REQUIRED", `${input.procedure} needs a processing authorisation.`, rule);
    const auth = await m.findOneBy(ProcessingAuthorisation, { id: input.processingAuthorisationId });
    const holders = [input.declarantId, input.onBehalfOfId];
    if (!auth || !holders.includes(auth.holderId)) throw new NotFoundError("ProcessingAuthorisation", input.processingAuthorisationId, "input.processingAuthorisationId");
    if (auth.kind !== kind) throw refused("PROCESSING_AUTHORISATION_MISMATCH", `The authorisation is for ${auth.kind} processing.`, rule);
    if (auth.validUntil.getTime() < now.getTime()) throw refused("PROCESSING_AUTHORISATION_EXPIRED", `The authorisation ran until ${auth.validUntil.toISOString()}.`, rule);
    const outside = input.items.filter(i => !auth.tariffHeadings.includes(i.tariffNumber.slice(0, 4)));
    if (outside.length) throw refused("GOODS_NOT_AUTHORISED_FOR_PROCESSING", `Not covered by the authorisation: ${outside.map(i => i.tariffNumber).join(", ")}.`, { ...rule, field: "input.items" });
    return auth.id;
  }

  /**
   * DEC-R64 DESIGN CHOICE (DOMAIN.md; OD-AFD art. 38): presentations of an authorised consignee
   * still undeclared after the 30th working day (or the deadline the office set) are flagged
   * OVERDUE and the consignee is notified (AuthorisedConsigneeDeclarationOverdue), once: a
   * compare-and-set on the flag, so replicas racing the job notify once.
   */
  consigneeOverdueJob(): ScheduledJob {
    return {
      name: "consignee-overdue",
      run: async now => {
        const waiting = await this.dataSource.getRepository(GoodsPresentation).find({ where: { status: PresentationStatus.PRESENTED, authorisedConsignee: true, overdueFlaggedAt: IsNull() } });
        const overrides = await this.deadlines.latest("GoodsPresentation", waiting.map(p => p.id), "DECLARATION_DUE");
        let flagged = 0;
        for (const p of waiting) {
          const due = overrides.get(p.id)?.newValue ?? p.computedDeclarationDueBy;
          if (due.getTime() >= now.getTime()) continue;
          const ok = await transaction(this.dataSource, async m => {
            if (!(await transitionOnce(m, GoodsPresentation, p.id, { status: PresentationStatus.PRESENTED, overdueFlaggedAt: IsNull() } as never, { overdueFlaggedAt: now }))) return false;
            await this.events.publish(m, "AuthorisedConsigneeDeclarationOverdue", p.id, { presentationId: p.id, consigneeId: p.presenterId, officeId: p.officeId, presentedAt: p.presentedAt.toISOString(), dueBy: due.toISOString(), flaggedAt: now.toISOString() });
            return true;
          });
          if (ok) flagged += 1;
        }
        return flagged;
      },
    };
  }

  /**
   * Pre-declaration windows: import no earlier than the working day before introduction
   * (DEC-R08, OD-AFD art. 5 para. 1 let. a); export no sooner than four working days before
   * shipment (DEC-R09, let. b, counted as T4); quota goods at the earliest on the day they are
   * presented (DEC-R10, art. 5 para. 2), so a pre-declaration of quota goods is lodged on that day
   * (Europe/Zurich), from 00:00 on.
   */
  private checkTiming(input: LodgeInput, calendar: OfficeCalendar, now: Date, isPreDeclaration: boolean): void {
    if (!isPreDeclaration) return;
    if (!input.plannedCrossingAt) {
      throw new ValidationError("A pre-declaration gives the planned introduction or shipment.", { field: "input.plannedCrossingAt", rule: "DEC-R08", article: "OD-AFD art. 5 para. 1" });
    }
    if (input.plannedCrossingAt.getTime() < now.getTime()) {
      throw new ValidationError("The planned crossing is in the past; present the goods first.", { field: "input.plannedCrossingAt", rule: "DEC-R08", article: "OD-AFD art. 5 para. 1" });
    }
    if (input.items.some(i => i.quotaGoods) && zurichDate(now) !== zurichDate(input.plannedCrossingAt)) {
      throw refused("QUOTA_GOODS_NOT_PRESENTED", `Goods under a tariff quota are declared at the earliest on the day they are presented: lodge on ${zurichDate(input.plannedCrossingAt)}.`, {
        field: "input.plannedCrossingAt",
        rule: "DEC-R10",
        article: "OD-AFD art. 5 para. 2",
        earliest: startOfZurichDay(zurichDate(input.plannedCrossingAt)).toISOString(),
      });
    }
    const [n, rule, article] = input.direction === Direction.EXPORT ? [4, "DEC-R09", "OD-AFD art. 5 para. 1 let. b"] : [1, "DEC-R08", "OD-AFD art. 5 para. 1 let. a"];
    const earliest = calendar.startOfWorkingDaysBefore(input.plannedCrossingAt, n);
    if (now.getTime() < earliest.getTime()) {
      throw refused("PRE_DECLARATION_TOO_EARLY", `Too early: this pre-declaration may be lodged from ${zurichDate(earliest)} on.`, { field: "input.plannedCrossingAt", rule, article, earliest: earliest.toISOString() });
    }
  }

  async presentationsByIds(ids: readonly string[]): Promise<(GoodsPresentation | null)[]> {
    if (!ids.length) return [];
    const rows = await this.dataSource.getRepository(GoodsPresentation).findBy({ id: In([...new Set(ids)]) });
    return ids.map(id => rows.find(r => r.id === id) ?? null);
  }

  async selectionOf(declarationIds: readonly string[]): Promise<(SelectionDecision | null)[]> {
    if (!declarationIds.length) return [];
    const rows = await this.dataSource.getRepository(SelectionDecision).findBy({ declarationId: In([...new Set(declarationIds)]) });
    return declarationIds.map(id => rows.find(r => r.declarationId === id) ?? null);
  }

  /**
   * DEC-R06: presented goods still undeclared after their (possibly adapted, T10) deadline, for the
   * offices; a page, oldest presentation first. The deadline in force is the latest override, else
   * the computed one, decided in SQL so that a page holds only overdue presentations.
   */
  async undeclaredPresentations(principal: Principal, officeId: string | null | undefined, args: ConnectionArgs): Promise<ConnectionShape<GoodsPresentation>> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE", "AUDITOR");
    const qb = this.dataSource
      .getRepository(GoodsPresentation)
      .createQueryBuilder("p")
      .where("p.status = :presented", { presented: PresentationStatus.PRESENTED })
      .andWhere(
        `COALESCE((SELECT o.new_value FROM deadline_override o WHERE o.subject_type = 'GoodsPresentation' AND o.deadline_kind = 'DECLARATION_DUE' AND o.subject_id = p.id ORDER BY o.overridden_at DESC, o.id DESC LIMIT 1), p.declaration_due_by) < :now`,
        { now: sqlTime(this.clock.now()) },
      );
    if (officeId) qb.andWhere("p.office_id = :officeId", { officeId });
    return paginate(qb, args, { alias: "p", timeColumn: "presented_at", timeProperty: "presentedAt" });
  }
}
