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
  NotFoundError,
  OfficeCalendar,
  paginate,
  Principal,
  ScheduledJob,
  sqlTime,
  transitionOnce,
  ValidationError,
  zurichDate,
  requireFutureDate,
  requireLaterDate,
  startOfZurichDay,
  transaction,
} from "../../kit";
import { CustomsOffice } from "../entities/customs-office.entity";
import { CustomsDeclaration, DeclarationItem } from "../entities/declaration.entity";
import {
  CustomsDestination,
  CustomsProcedure,
  DeclarationChannel,
  DeclarationStatus,
  Direction,
  DocumentKind,
  PresentationStatus,
  SelectionResult,
  SummaryForm,
  TaxationKind,
  TaxationStatus,
  VerificationScope,
} from "../entities/enums";
import { GoodsPresentation } from "../entities/presentation.entity";
import { CorrectedParticular, DeclarationCorrection, Refusal, TaxationDecision, Verification } from "../entities/procedure.entity";
import { AuthorisedDeclarant, DeclarantEmployeeRef } from "../entities/projections.entity";
import { DocumentRequirement, SelectionDecision, SelectionRuleSet } from "../entities/selection.entity";
import { DeclarationAccess } from "./access";
import { DeadlineService } from "./deadline.service";
import { refused } from "./errors";
import { ReferenceService } from "./reference.service";
import { SelectionService } from "./selection.service";

export interface ItemInput {
  tariffNumber: string;
  description: string;
  netMassKg: string;
  grossMassKg: string;
  quantity?: number | null;
  value: number;
  origin: string;
  quotaGoods?: boolean | null;
  nonCustomsActsApply?: boolean | null;
  permitReference?: string | null;
  proofOfOriginRequired?: boolean | null;
}

export interface LodgeInput {
  declarantId: string;
  onBehalfOfId?: string | null;
  officeId: string;
  direction: Direction;
  procedure: CustomsProcedure;
  destination: CustomsDestination;
  channel: DeclarationChannel;
  businessNumber?: string | null;
  personalNumber?: string | null;
  language: string;
  presentationId?: string | null;
  plannedCrossingAt?: Date | null;
  /** DEC-R59 (OD-AFD art. 58 para. 2): tourist traffic goods; CHF 5 or less is collected. */
  touristTraffic?: boolean | null;
  items: ItemInput[];
}

/** DEC-R15 (OD-AFD art. 7) DESIGN CHOICE: de, fr, it; Romansh waits for confirmation. */
export const OFFICIAL_LANGUAGES = ["de", "fr", "it"];
/** DEC-R36, DEC-R37: "two hours of counter opening time" (T5). */
const TWO_COUNTER_HOURS = 120;
const NCTS_EXPORT_HOURS = 24;
/** How long a lodging may stay between two steps before `lodgingJob` carries it on. */
export const LODGING_STEP_GRACE_MS = 30_000;

export class DeclarationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: DeclarationAccess,
    private readonly reference: ReferenceService,
    private readonly deadlines: DeadlineService,
    private readonly selection: SelectionService,
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

  // ---------------------------------------------------------------- presentation

  /**
   * DEC-R03, DEC-R04 (LD art. 24; OD-AFD art. 3): goods presented and summarily declared. The
   * declaration is due by the end of the next business day (DEC-R06, OD-AFD art. 4). Presenting
   * the goods of an import pre-declaration is their introduction (DEC-R11): the duties' basis is
   * fixed now (X06) and the documents' deadlines start (DEC-R36 para. 1).
   */
  async present(principal: Principal, input: { officeId: string; presenterId: string; summaryForm: SummaryForm; place: string; goodsDescription: string; declarationId?: string | null }): Promise<GoodsPresentation> {
    const isOfficer = this.access.isOfficer(principal);
    if (!isOfficer && !this.access.partnerIds(principal).includes(input.presenterId)) throw refused("FORBIDDEN", "You do not act for the presenter.", { field: "input.presenterId" });
    return transaction(this.dataSource, async m => {
      const office = await this.reference.office(input.officeId, m);
      const calendar = this.reference.calendarOf(office);
      const now = this.clock.now();
      const presentation = await m.save(
        m.create(GoodsPresentation, {
          id: randomUUID(),
          officeId: office.id,
          presentedAt: now,
          presenterId: input.presenterId,
          summaryForm: input.summaryForm,
          place: input.place,
          goodsDescription: input.goodsDescription,
          computedDeclarationDueBy: calendar.endOfWorkingDaysAfter(now, 1),
          status: PresentationStatus.PRESENTED,
        }),
      );
      if (input.declarationId) {
        const d = await this.get(input.declarationId, m);
        if (!isOfficer) this.access.requireDeclarant(principal, d);
        if (!d.isPreDeclaration || d.presentationId) throw refused("NOT_A_PENDING_PRE_DECLARATION", "Only a pre-declaration whose goods are not yet presented can be linked.", { field: "input.declarationId", rule: "DEC-R08", article: "OD-AFD art. 5" });
        if (d.officeId !== office.id) throw refused("WRONG_OFFICE", "The pre-declaration was lodged at another office.", { field: "input.officeId" });
        // DEC-R10: quota goods declared on an earlier day than they are presented were declared too early.
        const quota = (await this.itemsOf([d.id], m))[0].some(i => i.quotaGoods);
        if (quota && zurichDate(d.transmittedAt) !== zurichDate(now)) {
          throw refused("QUOTA_GOODS_DECLARED_TOO_EARLY", `These quota goods were declared on ${zurichDate(d.transmittedAt)}, before the day they are presented; withdraw the pre-declaration and declare them today.`, {
            field: "input.declarationId",
            rule: "DEC-R10",
            article: "OD-AFD art. 5 para. 2",
          });
        }
        presentation.status = PresentationStatus.DECLARED;
        await m.save(presentation);
        await m.update(CustomsDeclaration, { id: d.id }, { presentationId: presentation.id, crossedBorderAt: now });
        d.presentationId = presentation.id;
        d.crossedBorderAt = now;
        await this.events.publish(m, "BorderCrossed", d.id, { declarationId: d.id, declarationNumber: d.declarationNumber, declarantId: d.declarantId, onBehalfOfId: d.onBehalfOfId, direction: d.direction, crossedAt: now.toISOString() });
        if (d.selectionResult && d.direction === Direction.IMPORT) await this.scheduleDocuments(m, d, calendar);
        // A free result deems the goods released once they are here (OD-AFD art. 17 para. 3-4, 17a para. 3).
        if (d.selectionResult && d.selectionResult !== SelectionResult.BLOCKED && d.status === DeclarationStatus.ACCEPTED) {
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

  // ---------------------------------------------------------------- lodging

  /**
   * Electronic lodging (DOMAIN.md §3.2), in three steps that each commit with their own time:
   * 1. `transmit`: the declaration is stored TRANSMITTED; until the system has confirmed receipt it
   *    counts as not presented (DEC-R16, OD-AFD art. 12 para. 4);
   * 2. `confirmReceipt`: RECEIVED; it now counts as presented, and declares the presented goods;
   * 3. `accept`: the system's summary control passes, stamping date and time (DEC-R17, OD-AFD
   *    art. 16), and the risk selection runs (DEC-R29).
   * A declaration that fails the formal checks is not received at all: nothing is stored. One that
   * a failure left between steps is carried on by `lodgingJob`.
   */
  async lodge(principal: Principal, input: LodgeInput, applicationId?: string | null): Promise<CustomsDeclaration> {
    const id = await this.transmit(principal, input, applicationId);
    await this.confirmReceipt(id);
    await this.accept(id);
    return this.get(id);
  }

  /** Step 1 (DEC-R16): every formal check, then the declaration and its items, TRANSMITTED. Returns its id. */
  async transmit(principal: Principal, input: LodgeInput, applicationId?: string | null): Promise<string> {
    this.access.requireLodgingFor(principal, input.declarantId);
    this.validateForm(input);
    return transaction(this.dataSource, async m => {
      const office = await this.reference.office(input.officeId, m);
      const calendar = this.reference.calendarOf(office);
      const now = this.clock.now();
      await this.requireAuthorisedDeclarant(m, input);
      let presentation: GoodsPresentation | null = null;
      if (input.presentationId) {
        // One declaration per presentation: the presentation's row is locked before it is checked,
        // so a parallel lodging waits and then finds this one.
        presentation = await findForUpdate(m, GoodsPresentation, { id: input.presentationId });
        if (!presentation || presentation.officeId !== office.id) throw new NotFoundError("GoodsPresentation", input.presentationId, "input.presentationId");
        const declared = await m.findOne(CustomsDeclaration, { where: { presentationId: presentation.id, status: Not(DeclarationStatus.WITHDRAWN) }, select: { id: true } });
        if (presentation.status !== PresentationStatus.PRESENTED || declared) throw refused("PRESENTATION_ALREADY_DECLARED", "These goods are already declared.", { field: "input.presentationId" });
      }
      const isPreDeclaration = !presentation;
      this.checkTiming(input, calendar, now, isPreDeclaration);
      const transmitted = m.create(CustomsDeclaration, {
        id: randomUUID(),
        declarationNumber: await this.newNumber(m, office.id, now),
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
        version: 1,
        createdAt: now,
      });
      await m.save(transmitted);
      await this.saveItems(m, transmitted.id, input.items, false);
      return transmitted.id;
    });
  }

  /**
   * Step 2 (DEC-R16, OD-AFD art. 12 para. 4): the system confirms receipt. From this moment the
   * declaration counts as presented: the presented goods are declared (DEC-R06). Returns false
   * when the declaration had already passed this step.
   */
  async confirmReceipt(id: string): Promise<boolean> {
    return transaction(this.dataSource, async m => {
      const d = await this.get(id, m);
      if (d.status !== DeclarationStatus.TRANSMITTED) return false;
      await m.update(CustomsDeclaration, { id: d.id }, { status: DeclarationStatus.RECEIVED, receiptConfirmedAt: this.clock.now() });
      if (d.presentationId) await m.update(GoodsPresentation, { id: d.presentationId }, { status: PresentationStatus.DECLARED });
      return true;
    });
  }

  /**
   * Step 3 (DEC-R17, OD-AFD art. 16): the summary control passes; the system stamps the date and
   * time of acceptance (the debt arises now, X05), and the risk selection runs. Returns false
   * when the declaration is not waiting for it.
   */
  async accept(id: string): Promise<boolean> {
    return transaction(this.dataSource, async m => {
      const d = await this.get(id, m);
      if (d.status !== DeclarationStatus.RECEIVED) return false;
      const now = this.clock.now();
      await m.update(CustomsDeclaration, { id: d.id }, { status: DeclarationStatus.ACCEPTED, acceptedAt: now });
      Object.assign(d, { status: DeclarationStatus.ACCEPTED, acceptedAt: now });
      await this.events.publish(m, "DeclarationAccepted", d.id, {
        declarationId: d.id,
        declarationNumber: d.declarationNumber,
        declarantId: d.declarantId,
        onBehalfOfId: d.onBehalfOfId,
        direction: d.direction,
        procedure: d.procedure,
        officeId: d.officeId,
        acceptedAt: now.toISOString(),
        isPreDeclaration: d.isPreDeclaration,
      });
      const office = await this.reference.office(d.officeId, m);
      await this.runSelection(m, d, (await this.itemsOf([d.id], m))[0], this.reference.calendarOf(office));
      return true;
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
          .where("(d.status = :t AND d.transmitted_at < :stale) OR (d.status = :r AND d.receipt_confirmed_at < :stale)", { t: DeclarationStatus.TRANSMITTED, r: DeclarationStatus.RECEIVED, stale })
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
    // DEC-R31, DEC-R32, DEC-R34: a free result deems the goods released (OD-AFD art. 17 para. 3-4, 17a para. 3).
    if (outcome.result !== SelectionResult.BLOCKED && !d.isPreDeclaration) {
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
    for (const kind of kinds) {
      n += 1;
      await m.save(
        m.create(DocumentRequirement, {
          id: randomUUID(),
          declarationId: d.id,
          kind,
          identificationMark: `${d.declarationNumber}-${String(n).padStart(2, "0")}-${kind.slice(0, 3)}`,
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
   * of a FREE export is due before removal (DEC-R34, OD-AFD art. 17a para. 4).
   */
  private async scheduleDocuments(m: EntityManager, d: CustomsDeclaration, calendar: OfficeCalendar): Promise<void> {
    const docs = await m.findBy(DocumentRequirement, { declarationId: d.id, submittedAt: IsNull() });
    for (const doc of docs) {
      let due: Date | null = null;
      let rule = "";
      if (d.direction === Direction.IMPORT || d.direction === Direction.TRANSIT) {
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

  // ---------------------------------------------------------------- formal checks

  private validateForm(input: LodgeInput): void {
    if (!OFFICIAL_LANGUAGES.includes(input.language)) {
      throw refused("LANGUAGE_NOT_OFFICIAL", "Declare in an official language: de, fr or it.", { field: "input.language", rule: "DEC-R15", article: "OD-AFD art. 7" });
    }
    if (!input.items.length) throw new ValidationError("A declaration has at least one item.", { field: "input.items" });
    const allowed: Record<Direction, DeclarationChannel[]> = {
      IMPORT: [DeclarationChannel.EDEC, DeclarationChannel.PASSAR_B2B, DeclarationChannel.EDEC_WEB],
      EXPORT: [DeclarationChannel.EDEC, DeclarationChannel.NCTS, DeclarationChannel.PASSAR_B2B, DeclarationChannel.EDEC_WEB],
      TRANSIT: [DeclarationChannel.NCTS, DeclarationChannel.PASSAR_B2B],
    };
    if (!allowed[input.direction].includes(input.channel)) {
      throw refused("CHANNEL_NOT_ALLOWED", `${input.direction} declarations are not made through ${input.channel}.`, { field: "input.channel", rule: "DEC-R13", article: "OD-AFD art. 6" });
    }
    const procedures: Record<Direction, CustomsProcedure[]> = {
      IMPORT: [CustomsProcedure.FREE_CIRCULATION, CustomsProcedure.CUSTOMS_WAREHOUSING, CustomsProcedure.TEMPORARY_ADMISSION, CustomsProcedure.INWARD_PROCESSING],
      EXPORT: [CustomsProcedure.EXPORT, CustomsProcedure.TEMPORARY_ADMISSION, CustomsProcedure.OUTWARD_PROCESSING],
      TRANSIT: [CustomsProcedure.TRANSIT],
    };
    if (!procedures[input.direction].includes(input.procedure)) {
      throw new ValidationError(`${input.procedure} is not a procedure for ${input.direction}.`, { field: "input.procedure", rule: "DEC-R07", article: "LD art. 47" });
    }
    input.items.forEach((item, i) => {
      for (const key of ["netMassKg", "grossMassKg"] as const) {
        if (!/^\d{1,9}(\.\d{1,3})?$/.test(item[key])) throw new ValidationError(`${key} is a mass in kg with at most 3 decimals.`, { field: `input.items.${i}.${key}` });
      }
      if (new Decimal(item.netMassKg).gt(item.grossMassKg)) throw new ValidationError("The net mass exceeds the gross mass.", { field: `input.items.${i}.netMassKg` });
      if (item.value < 0) throw new ValidationError("The value is not negative.", { field: `input.items.${i}.value` });
    });
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

  /** Replaces the items of a declaration (lodging, resubmission, rectification, change of taxation). */
  async saveItems(m: EntityManager, declarationId: string, items: ItemInput[], replace = true): Promise<DeclarationItem[]> {
    // A new declaration has no items: no DELETE, whose gap locks would make parallel lodgings deadlock.
    if (replace) await m.delete(DeclarationItem, { declarationId });
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
      }),
    );
    return m.save(rows);
  }

  /** Inside a transaction, pass its manager: a read on another connection would wait for the pool (kit/transaction.ts). */
  async itemsOf(declarationIds: readonly string[], m: EntityManager = this.dataSource.manager): Promise<DeclarationItem[][]> {
    if (!declarationIds.length) return [];
    const rows = await m.getRepository(DeclarationItem).find({ where: { declarationId: In([...new Set(declarationIds)]) }, order: { position: "ASC" } });
    return declarationIds.map(id => rows.filter(r => r.declarationId === id));
  }

  /** DESIGN CHOICE: YY + office code + 8 random digits; random so that numbers reveal no volumes. */
  private async newNumber(m: EntityManager, officeId: string, now: Date): Promise<string> {
    for (let i = 0; i < 20; i++) {
      const candidate = `${zurichDate(now).slice(2, 4)}CH${officeId}${randomInt(10_000_000, 100_000_000)}`;
      if (!(await m.findOneBy(CustomsDeclaration, { declarationNumber: candidate }))) return candidate;
    }
    throw new Error("could not draw a free declaration number");
  }

  // ---------------------------------------------------------------- documents

  async submitDocument(principal: Principal, identificationMark: string): Promise<DocumentRequirement> {
    return transaction(this.dataSource, async m => {
      const found = await m.findOneBy(DocumentRequirement, { identificationMark });
      if (!found) throw new NotFoundError("DocumentRequirement", identificationMark, "input.identificationMark");
      const d = await this.get(found.declarationId, m);
      if (!this.access.isOfficer(principal)) this.access.requireDeclarant(principal, d);
      // Read again under the declaration's lock: a parallel submission has committed by now.
      const doc = (await m.findOneBy(DocumentRequirement, { id: found.id }))!;
      if (doc.submittedAt) throw refused("DOCUMENT_ALREADY_SUBMITTED", "This document was already submitted.", { field: "input.identificationMark", rule: "DEC-R35", article: "OD-AFD art. 18" });
      doc.submittedAt = this.clock.now();
      return m.save(doc);
    });
  }

  /** DEC-R45 (LD art. 35): the office asks for a further document during the taxation procedure. */
  async requestAdditionalDocument(principal: Principal, input: { declarationId: string; kind: DocumentKind; dueAt: Date; reason: string }): Promise<DocumentRequirement> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    requireFutureDate(input.dueAt, this.clock.now(), { field: "input.dueAt", rule: "DEC-R45", article: "LD art. 35" });
    return transaction(this.dataSource, async m => {
      const d = await this.get(input.declarationId, m);
      if (![DeclarationStatus.ACCEPTED, DeclarationStatus.EX_OFFICIO_TAXED].includes(d.status)) {
        throw refused("NOT_IN_TAXATION_PROCEDURE", `A ${d.status} declaration is not in the taxation procedure.`, { rule: "DEC-R45", article: "LD art. 35", status: d.status });
      }
      const count = await m.countBy(DocumentRequirement, { declarationId: d.id });
      return m.save(
        m.create(DocumentRequirement, {
          id: randomUUID(),
          declarationId: d.id,
          kind: input.kind,
          identificationMark: `${d.declarationNumber}-${String(count + 1).padStart(2, "0")}-${input.kind.slice(0, 3)}`,
          computedDueAt: input.dueAt,
          dueRule: `DEC-R45: requested by the office (LD art. 35): ${input.reason}`.slice(0, 300),
          submittedAt: null,
          overdueFlagged: false,
        }),
      );
    });
  }

  async documentDueAt(docs: DocumentRequirement[]): Promise<Map<string, Date | null>> {
    const overrides = await this.deadlines.latest("DocumentRequirement", docs.map(d => d.id), "DOCUMENT_DUE");
    return new Map(docs.map(d => [d.id, overrides.get(d.id)?.newValue ?? d.computedDueAt]));
  }

  async documentsOf(declarationIds: readonly string[]): Promise<DocumentRequirement[][]> {
    if (!declarationIds.length) return [];
    const rows = await this.dataSource.getRepository(DocumentRequirement).find({ where: { declarationId: In([...new Set(declarationIds)]) }, order: { identificationMark: "ASC" } });
    return declarationIds.map(id => rows.filter(r => r.declarationId === id));
  }

  /** Documents past their (possibly overridden) deadline and not submitted, flagged by the job. */
  async overdueDocuments(partnerIds: string[] | null): Promise<DocumentRequirement[]> {
    const qb = this.dataSource.getRepository(DocumentRequirement).createQueryBuilder("doc").innerJoin(CustomsDeclaration, "d", "d.id = doc.declaration_id").where("doc.overdue_flagged = :t AND doc.submitted_at IS NULL", { t: true });
    if (partnerIds) {
      if (!partnerIds.length) return [];
      qb.andWhere("d.declarant_id IN (:...p)", { p: partnerIds });
    }
    return qb.orderBy("doc.due_at", "ASC").getMany();
  }

  /** The overdue-documents job: flags each document once its effective deadline has passed. */
  overdueDocumentsJob(): ScheduledJob {
    return {
      name: "flag-overdue-documents",
      run: async now => {
        const candidates = await this.dataSource.getRepository(DocumentRequirement).find({ where: { submittedAt: IsNull(), overdueFlagged: false } });
        const due = await this.documentDueAt(candidates);
        let flagged = 0;
        for (const doc of candidates) {
          const at = due.get(doc.id);
          if (!at || at.getTime() >= now.getTime()) continue;
          if (await transitionOnce(this.dataSource.manager, DocumentRequirement, doc.id, { overdueFlagged: false, submittedAt: IsNull() } as never, { overdueFlagged: true })) {
            flagged += 1;
            const d = await this.get(doc.declarationId);
            await transaction(this.dataSource, m => this.events.publish(m, "DocumentsOverdue", d.id, { declarationId: d.id, declarantId: d.declarantId, identificationMark: doc.identificationMark, dueAt: at.toISOString() }));
          }
        }
        return flagged;
      },
    };
  }

  async overrideDocumentDeadline(principal: Principal, identificationMark: string, newValue: Date, reason: string) {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    requireFutureDate(newValue, this.clock.now(), { field: "input.newDueAt", rule: "DEC-R36", article: "OD-AFD art. 19 para. 3, 19a para. 2" });
    return transaction(this.dataSource, async m => {
      const doc = await m.findOneBy(DocumentRequirement, { identificationMark });
      if (!doc) throw new NotFoundError("DocumentRequirement", identificationMark, "input.identificationMark");
      const o = await this.deadlines.override(m, principal, { type: "DocumentRequirement", id: doc.id }, "DOCUMENT_DUE", doc.computedDueAt, newValue, reason);
      if (doc.overdueFlagged && newValue.getTime() > this.clock.now().getTime()) await m.update(DocumentRequirement, { id: doc.id }, { overdueFlagged: false });
      return o;
    });
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

  /** DEC-R40 (OD-AFD art. 20 para. 2): the corrected declaration, by the (possibly extended) deadline. */
  async resubmit(principal: Principal, declarationId: string, items: ItemInput[]): Promise<CustomsDeclaration> {
    return transaction(this.dataSource, async m => {
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
      this.validateForm({ ...(d as unknown as LodgeInput), items });
      await this.saveItems(m, d.id, items);
      await m.update(Refusal, { id: refusal.id }, { resubmittedAt: now });
      await m.update(CustomsDeclaration, { id: d.id }, { status: DeclarationStatus.ACCEPTED, version: d.version + 1, receiptConfirmedAt: now, acceptedAt: now });
      return this.get(d.id, m);
    });
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
      this.validateForm({ ...(d as unknown as LodgeInput), items });
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
      this.validateForm({ ...(d as unknown as LodgeInput), items: input.items });
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

  async correctionsOf(declarationIds: readonly string[]): Promise<DeclarationCorrection[][]> {
    if (!declarationIds.length) return [];
    const rows = await this.dataSource.getRepository(DeclarationCorrection).find({ where: { declarationId: In([...new Set(declarationIds)]) }, order: { correctedAt: "ASC", id: "ASC" } });
    return declarationIds.map(id => rows.filter(r => r.declarationId === id));
  }

  // ---------------------------------------------------------------- verification

  /** DEC-R46, DEC-R47 (LD art. 36, 37): full or by sample; the declarant may ask for a full one. */
  async orderVerification(principal: Principal, input: { declarationId: string; scope: VerificationScope; sampledTariffNumbers?: string[] | null }): Promise<Verification> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    return transaction(this.dataSource, async m => {
      const d = await this.get(input.declarationId, m);
      if (d.status !== DeclarationStatus.ACCEPTED || d.releasedAt) throw refused("NOT_VERIFIABLE", "Only an accepted declaration whose goods are not released is verified.", { rule: "DEC-R46", article: "LD art. 36", status: d.status });
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

  async verificationsOf(declarationIds: readonly string[]): Promise<Verification[][]> {
    if (!declarationIds.length) return [];
    const rows = await this.dataSource.getRepository(Verification).find({ where: { declarationId: In([...new Set(declarationIds)]) }, order: { orderedAt: "ASC" } });
    return declarationIds.map(id => rows.filter(r => r.declarationId === id));
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

  async refusalsOf(declarationIds: readonly string[]): Promise<Refusal[][]> {
    if (!declarationIds.length) return [];
    const rows = await this.dataSource.getRepository(Refusal).find({ where: { declarationId: In([...new Set(declarationIds)]) }, order: { refusedAt: "ASC" } });
    return declarationIds.map(id => rows.filter(r => r.declarationId === id));
  }

  officeOf(m: EntityManager, id: string): Promise<CustomsOffice> {
    return this.reference.office(id, m);
  }

  /** DEC-R06: presented goods still undeclared after their (possibly adapted) deadline, for the offices. */
  async undeclaredPresentations(principal: Principal, officeId?: string | null): Promise<GoodsPresentation[]> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE", "AUDITOR");
    const now = this.clock.now();
    const presented = await this.dataSource.getRepository(GoodsPresentation).find({ where: { status: PresentationStatus.PRESENTED, ...(officeId ? { officeId } : {}) }, order: { presentedAt: "ASC" } });
    const overrides = await this.deadlines.latest("GoodsPresentation", presented.map(p => p.id), "DECLARATION_DUE");
    return presented.filter(p => (overrides.get(p.id)?.newValue ?? p.computedDeclarationDueBy).getTime() < now.getTime());
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
