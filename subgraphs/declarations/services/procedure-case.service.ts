import { randomUUID } from "node:crypto";
import { DataSource, EntityManager, LessThan } from "typeorm";
import {
  Clock,
  ConnectionArgs,
  ConnectionShape,
  Decimal,
  endOfSameDateYearsLater,
  EventPublisher,
  findForUpdate,
  formatRappen,
  loadByColumn,
  NotFoundError,
  paginate,
  paginateByParent,
  Principal,
  requireFutureDate,
  ScheduledJob,
  transaction,
  transitionOnce,
  ValidationError,
  zurichDate,
} from "../../kit";
import { CustomsDeclaration } from "../entities/declaration.entity";
import {
  AdmittedGoodsKind,
  CustomsProcedure,
  DeclarationStatus,
  DischargeMode,
  Direction,
  PresentationStatus,
  ProcedureCaseStatus,
  ProcessingSystem,
  ReliefEvidence,
  SelectionResult,
  Sealing,
  TransportMode,
} from "../entities/enums";
import { GoodsPresentation } from "../entities/presentation.entity";
import { ProcedureCase, ProcessingAuthorisation } from "../entities/procedure-case.entity";
import { DeclarationAccess } from "./access";
import { DeclarationService } from "./declaration.service";
import { refused } from "./errors";
import { CASE_PROCEDURES, isConditional } from "./procedures";
import { ReferenceService } from "./reference.service";
import { TaxationService } from "./taxation.service";

/** DEC-R68, DEC-R72 to DEC-R74 (LD art. 49 para. 4, 58 para. 3, 59 para. 4, 60 para. 4): relief is applied for within 60 days of the deadline. */
export const RELIEF_APPLICATION_DAYS = 60;

/** How each procedure ends in time (DEC-R65, DEC-R70, DEC-R72 to DEC-R74, DEC-R76). */
const DISCHARGE_MODES: Record<string, DischargeMode[]> = {
  [CustomsProcedure.TRANSIT]: [DischargeMode.REACHED_FOREIGN_TERRITORY, DischargeMode.ENTERED_FREE_DEPOSIT, DischargeMode.OTHER_PROCEDURE, DischargeMode.FORCE_MAJEURE_ATTESTED],
  [CustomsProcedure.TEMPORARY_ADMISSION]: [DischargeMode.RE_EXPORTED, DischargeMode.RE_IMPORTED, DischargeMode.OTHER_PROCEDURE],
  [CustomsProcedure.INWARD_PROCESSING]: [DischargeMode.PROCESSED_PRODUCTS_EXPORTED, DischargeMode.OTHER_PROCEDURE],
  [CustomsProcedure.OUTWARD_PROCESSING]: [DischargeMode.RE_IMPORTED, DischargeMode.OTHER_PROCEDURE],
  [CustomsProcedure.EXPORT]: [DischargeMode.REACHED_FOREIGN_TERRITORY, DischargeMode.ENTERED_FREE_DEPOSIT, DischargeMode.DUTY_FREE_SHOP, DischargeMode.PLACED_UNDER_TRANSIT],
};

const RULE_OF: Record<string, { rule: string; article: string }> = {
  [CustomsProcedure.TRANSIT]: { rule: "DEC-R67", article: "LD art. 49" },
  [CustomsProcedure.TEMPORARY_ADMISSION]: { rule: "DEC-R72", article: "LD art. 58" },
  [CustomsProcedure.INWARD_PROCESSING]: { rule: "DEC-R73", article: "LD art. 59" },
  [CustomsProcedure.OUTWARD_PROCESSING]: { rule: "DEC-R74", article: "LD art. 60" },
  [CustomsProcedure.EXPORT]: { rule: "DEC-R76", article: "LD art. 61" },
};

export interface OpenCaseInput {
  declarationId: string;
  timeLimit?: Date | null;
  transport: TransportMode;
  sealing?: Sealing | null;
  sealCount?: number | null;
  meansOfTransportRecognisedSealable?: boolean | null;
  sealingCosts?: number | null;
  goodsKind?: AdmittedGoodsKind | null;
  identification: string;
  exportCaseId?: string | null;
}

export interface DischargeInput {
  caseId: string;
  mode: DischargeMode;
  occurredAt: Date;
  reference?: string | null;
  nextDeclarationId?: string | null;
  identification?: string | null;
}

/**
 * The customs procedures that must be discharged (DEC-R65 to DEC-R76): the office opens a case on
 * an accepted declaration (X11), debt secures its conditional duties (ConditionalDebtSecured) and
 * the goods are released; the case ends by discharge (ProcedureCaseDischarged, also by entry into
 * a free deposit, X13), or its time limit passes (X12, exactly once) and relief may be applied
 * for within 60 days (ProcedureReliefGranted).
 */
export class ProcedureCaseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: DeclarationAccess,
    private readonly reference: ReferenceService,
    private readonly declarations: DeclarationService,
    private readonly taxation: TaxationService,
    private readonly events: EventPublisher,
  ) {}

  /**
   * The office places the declared goods under the procedure: it identifies them (seals, serial
   * numbers, the equine passport), sets the time limit and fixes the duties with a conditional
   * payment obligation (LD art. 49 para. 2, 58 para. 2, 59 para. 2, 60 para. 2), published as X11
   * for debt to secure. One case per declaration: the declaration's row is locked before the check.
   */
  async open(principal: Principal, input: OpenCaseInput): Promise<ProcedureCase> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    if (input.identification.trim().length < 2) throw new ValidationError("Say how the goods are identified.", { field: "input.identification" });
    return transaction(this.dataSource, async m => {
      const d = await findForUpdate(m, CustomsDeclaration, { id: input.declarationId });
      if (!d) throw new NotFoundError("CustomsDeclaration", input.declarationId, "input.declarationId");
      const { rule, article } = RULE_OF[d.procedure] ?? { rule: "DEC-R65", article: "LD art. 47" };
      if (!CASE_PROCEDURES.includes(d.procedure)) throw refused("NO_PROCEDURE_CASE", `${d.procedure} has no time limit to discharge.`, { field: "input.declarationId", rule: "DEC-R65", article: "LD art. 47" });
      if (d.status !== DeclarationStatus.ACCEPTED) throw refused("DECLARATION_NOT_ACCEPTED", `A ${d.status} declaration places no goods under a procedure.`, { field: "input.declarationId", rule, article, status: d.status });
      if (await m.findOneBy(ProcedureCase, { declarationId: d.id })) throw caseAlreadyOpen();
      const now = this.clock.now();
      const goodsKind = input.goodsKind ?? AdmittedGoodsKind.GENERAL;
      const timeLimit = this.timeLimitFor(d, input, goodsKind, now);
      const sealing = this.sealingFor(d, input);
      const items = (await this.declarations.itemsOf([d.id], m))[0];
      let processingSystem: ProcessingSystem | null = null;
      if (d.processingAuthorisationId) {
        const auth = await findForUpdate(m, ProcessingAuthorisation, { id: d.processingAuthorisationId });
        if (!auth) throw new NotFoundError("ProcessingAuthorisation", d.processingAuthorisationId);
        processingSystem = auth.system;
        if (timeLimit && timeLimit.getTime() > auth.validUntil.getTime()) {
          throw refused("EXCEEDS_AUTHORISATION_TIME_LIMIT", `The authorisation's charges end on ${auth.validUntil.toISOString()}.`, { field: "input.timeLimit", rule, article, validUntil: auth.validUntil.toISOString() });
        }
        // DEC-R73 (LD art. 59 para. 1): the charges' quantity limit, over every case of the
        // authorisation; its row is locked, so two cases cannot both take the last kilograms.
        const mass = items.reduce((sum, i) => sum.plus(i.netMassKg), new Decimal(0));
        const used = mass.plus(auth.quantityUsedKg);
        if (auth.quantityLimitKg && used.gt(auth.quantityLimitKg)) {
          throw refused("EXCEEDS_AUTHORISATION_QUANTITY", `The authorisation covers ${auth.quantityLimitKg} kg; ${auth.quantityUsedKg} kg are already placed under it.`, { field: "input.declarationId", rule, article, remainingKg: new Decimal(auth.quantityLimitKg).minus(auth.quantityUsedKg).toFixed(3) });
        }
        await m.update(ProcessingAuthorisation, { id: auth.id }, { quantityUsedKg: used.toFixed(3) });
      }
      // LD art. 58 para. 2 let. a, 60 para. 2: goods going out (a temporary export, outward
      // processing) are under their export duties, which our tariff has none of; import duties are
      // fixed only for goods coming in.
      const conditional = isConditional(d) && processingSystem !== ProcessingSystem.REFUND && d.direction !== Direction.EXPORT;
      const duties = conditional ? (await this.taxation.computeLines(m, d, items, false)).reduce((sum, l) => sum + l.amount, 0) : 0;
      const procedureCase = await m.save(
        m.create(ProcedureCase, {
          id: randomUUID(),
          declarationId: d.id,
          procedure: d.procedure,
          holderId: d.declarantId,
          officeId: d.officeId,
          openedAt: now,
          timeLimit,
          extensions: [],
          transport: input.transport,
          sealing: sealing?.kind ?? null,
          sealCount: sealing?.count ?? null,
          sealingCosts: sealing?.costs ?? null,
          goodsKind,
          identification: input.identification.trim(),
          processingAuthorisationId: d.processingAuthorisationId,
          processingSystem,
          conditionalDuties: duties,
          // Nothing to secure: released at once (LD art. 76 para. 1 needs security for duties only).
          securedAt: duties === 0 ? now : null,
          debtId: null,
          status: ProcedureCaseStatus.OPEN,
          dischargedAt: null,
          dischargeMode: null,
          dischargeReference: null,
          notDischargedAt: null,
          reliefAppliedAt: null,
          reliefEvidence: null,
          reliefEvidenceReference: null,
          goodsMovedAt: null,
          reliefDecidedAt: null,
          reliefDecisionReason: null,
          revokedAt: null,
          linkedCaseId: null,
          version: 1,
        }),
      );
      if (input.exportCaseId) await this.placeExportUnderTransit(m, procedureCase, d, input.exportCaseId, now);
      await this.events.publish(m, "ProcedureCaseOpened", procedureCase.id, {
        caseId: procedureCase.id,
        declarationId: d.id,
        declarationNumber: d.declarationNumber,
        procedure: d.procedure,
        holderId: procedureCase.holderId,
        officeId: d.officeId,
        conditionalDuties: formatRappen(duties),
        openedAt: now.toISOString(),
        timeLimit: timeLimit?.toISOString() ?? null,
      });
      if (procedureCase.securedAt) await this.releaseIfReady(m, d, procedureCase);
      return procedureCase;
    });
  }

  /**
   * Time limits: set by the office (LD art. 49 para. 2 let. c, 58 para. 2), in the future; none for
   * a pipeline (DEC-R71, LD art. 45); horses one year (DEC-R72, OD-AFD art. 54 para. 1). DESIGN
   * CHOICE: a first temporary admission runs for at most a year, the length of a renewal (OD-AFD
   * art. 53); the sources set no first period.
   */
  private timeLimitFor(d: CustomsDeclaration, input: OpenCaseInput, goodsKind: AdmittedGoodsKind, now: Date): Date | null {
    const { rule, article } = RULE_OF[d.procedure];
    if (goodsKind !== AdmittedGoodsKind.GENERAL && d.procedure !== CustomsProcedure.TEMPORARY_ADMISSION) {
      throw new ValidationError(`${goodsKind} is a kind of temporarily admitted goods.`, { field: "input.goodsKind", rule: "DEC-R72", article: "OD-AFD art. 54" });
    }
    if (input.transport === TransportMode.PIPELINE) {
      if (d.procedure !== CustomsProcedure.TRANSIT) throw new ValidationError("Goods sent by pipeline are under transit.", { field: "input.transport", rule: "DEC-R71", article: "LD art. 45" });
      if (input.timeLimit) throw new ValidationError("Goods sent by pipeline are under transit until re-exported or placed under another procedure: no time limit.", { field: "input.timeLimit", rule: "DEC-R71", article: "LD art. 45 para. 1" });
      return null;
    }
    const yearLater = endOfYearAfter(now);
    if (goodsKind === AdmittedGoodsKind.HORSE) {
      if (input.timeLimit && input.timeLimit.getTime() !== yearLater.getTime()) {
        throw refused("HORSE_TIME_LIMIT_ONE_YEAR", `The time limit for horses is one year: ${yearLater.toISOString()}.`, { field: "input.timeLimit", rule: "DEC-R72", article: "OD-AFD art. 54 para. 1" });
      }
      return yearLater;
    }
    if (!input.timeLimit) throw new ValidationError("Set the time limit.", { field: "input.timeLimit", rule, article });
    requireFutureDate(input.timeLimit, now, { field: "input.timeLimit", rule, article });
    if (d.procedure === CustomsProcedure.TEMPORARY_ADMISSION && input.timeLimit.getTime() > yearLater.getTime()) {
      throw refused("TIME_LIMIT_TOO_LONG", "A temporary admission runs for at most a year at a time.", { field: "input.timeLimit", rule: "DEC-R72", article: "OD-AFD art. 53" });
    }
    return input.timeLimit;
  }

  /** DEC-R69 (OD-AFD art. 42, 43): a transit's seals, by capacity only on a means of transport the office recognised as sealable; the declarant bears the costs. */
  private sealingFor(d: CustomsDeclaration, input: OpenCaseInput): { kind: Sealing; count: number; costs: number } | null {
    if (d.procedure !== CustomsProcedure.TRANSIT || input.transport === TransportMode.PIPELINE) {
      if (input.sealing) throw new ValidationError("Seals identify the goods of a transit.", { field: "input.sealing", rule: "DEC-R69", article: "OD-AFD art. 42" });
      return null;
    }
    if (!input.sealing) throw new ValidationError("Seal the transit: by capacity or by package.", { field: "input.sealing", rule: "DEC-R69", article: "OD-AFD art. 42" });
    if (input.sealing === Sealing.BY_CAPACITY && !input.meansOfTransportRecognisedSealable) {
      throw refused("NOT_SEALABLE_BY_CAPACITY", "Sealing by capacity needs a means of transport the office recognised as sealable; seal by package.", { field: "input.sealing", rule: "DEC-R69", article: "OD-AFD art. 42 let. a" });
    }
    if (!input.sealCount || input.sealCount < 1) throw new ValidationError("Give the number of seals.", { field: "input.sealCount", rule: "DEC-R69", article: "OD-AFD art. 42" });
    if (input.sealingCosts !== null && input.sealingCosts !== undefined && input.sealingCosts < 0) throw new ValidationError("Sealing costs are not negative.", { field: "input.sealingCosts" });
    return { kind: input.sealing, count: input.sealCount, costs: input.sealingCosts ?? 0 };
  }

  /**
   * DEC-R76 (LD art. 61 para. 3): goods under the export regime placed under transit discharge the
   * export regime; the two cases are linked, so that a transit not discharged revokes the export
   * regime (DEC-R68, LD art. 49 para. 3).
   */
  private async placeExportUnderTransit(m: EntityManager, transit: ProcedureCase, d: CustomsDeclaration, exportCaseId: string, now: Date): Promise<void> {
    if (d.procedure !== CustomsProcedure.TRANSIT) throw new ValidationError("Only a transit carries goods under the export regime.", { field: "input.exportCaseId", rule: "DEC-R76", article: "LD art. 61 para. 3" });
    const exported = await findForUpdate(m, ProcedureCase, { id: exportCaseId });
    if (!exported || exported.procedure !== CustomsProcedure.EXPORT) throw new NotFoundError("ProcedureCase", exportCaseId, "input.exportCaseId");
    if (exported.status !== ProcedureCaseStatus.OPEN) throw refused("CASE_NOT_OPEN", `The export regime is ${exported.status}.`, { field: "input.exportCaseId", rule: "DEC-R76", article: "LD art. 61 para. 3" });
    // As any discharge (`discharge`, X13): after the time limit the regime is not discharged, even before the job has marked it so.
    if (exported.timeLimit && now.getTime() > exported.timeLimit.getTime()) {
      throw refused("TIME_LIMIT_PASSED", "The export regime's time limit passed: placing the goods under transit now does not discharge it.", { field: "input.exportCaseId", rule: "DEC-R76", article: "LD art. 61 para. 3", timeLimit: exported.timeLimit.toISOString() });
    }
    await m.update(ProcedureCase, { id: exported.id }, { status: ProcedureCaseStatus.DISCHARGED, dischargedAt: now, dischargeMode: DischargeMode.PLACED_UNDER_TRANSIT, dischargeReference: d.declarationNumber, linkedCaseId: transit.id, version: exported.version + 1 });
    await m.update(ProcedureCase, { id: transit.id }, { linkedCaseId: exported.id });
    transit.linkedCaseId = exported.id;
    await this.publishDischarged(m, { ...exported, dischargedAt: now, dischargeMode: DischargeMode.PLACED_UNDER_TRANSIT });
  }

  /**
   * Debt reported the conditional duties secured (ConditionalDebtSecured; LD art. 76 para. 1):
   * the case records it, and goods the selection left free are released now (OD-AFD art. 17
   * para. 3-4); BLOCKED goods wait for the office's release. Idempotent.
   */
  async onConditionalDebtSecured(m: EntityManager, payload: { debtId: string; reference: string; securedAt: string }): Promise<void> {
    const [origin, caseId] = payload.reference.split(":");
    if (origin !== "procedure" || !caseId) return;
    const procedureCase = await findForUpdate(m, ProcedureCase, { id: caseId });
    if (!procedureCase || procedureCase.securedAt) return;
    procedureCase.securedAt = new Date(payload.securedAt);
    procedureCase.debtId = payload.debtId;
    await m.update(ProcedureCase, { id: caseId }, { securedAt: procedureCase.securedAt, debtId: payload.debtId });
    const d = await this.declarations.get(procedureCase.declarationId, m);
    await this.releaseIfReady(m, d, procedureCase);
  }

  private async releaseIfReady(m: EntityManager, d: CustomsDeclaration, procedureCase: ProcedureCase): Promise<void> {
    if (d.status !== DeclarationStatus.ACCEPTED || !isConditional(d) || !procedureCase.securedAt || d.releasedAt) return;
    if (!d.selectionResult || d.selectionResult === SelectionResult.BLOCKED) return;
    if (d.isPreDeclaration && !d.presentationId) return;
    const now = this.clock.now();
    const office = await this.reference.office(d.officeId, m);
    await m.update(CustomsDeclaration, { id: d.id }, { releasedAt: now, computedRemovalDueBy: this.reference.calendarOf(office).endOfWorkingDaysAfter(now, 1) });
    if (d.presentationId) await m.update(GoodsPresentation, { id: d.presentationId }, { status: PresentationStatus.RELEASED });
  }

  /**
   * DEC-R72 (OD-AFD art. 53, 54 para. 2): the office extends a temporary admission by at most a
   * year at a time, renewable; a horse's only once. DESIGN CHOICE: the other procedures' time
   * limits are the office's to set once (the sources provide no extension for them).
   */
  async extend(principal: Principal, input: { caseId: string; until: Date; reason: string }): Promise<ProcedureCase> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    const rule = { field: "input.until", rule: "DEC-R72", article: "OD-AFD art. 53" };
    requireFutureDate(input.until, this.clock.now(), rule);
    return transaction(this.dataSource, async m => {
      const c = await this.locked(m, input.caseId);
      if (c.procedure !== CustomsProcedure.TEMPORARY_ADMISSION) throw refused("NOT_EXTENSIBLE", "Only a temporary admission's validity is extended.", { ...rule, field: "input.caseId" });
      if (c.status !== ProcedureCaseStatus.OPEN) throw refused("CASE_NOT_OPEN", `The case is ${c.status}.`, { ...rule, field: "input.caseId", status: c.status });
      if (c.goodsKind === AdmittedGoodsKind.HORSE && c.extensions.length) throw refused("HORSE_EXTENDED_ONCE", "A horse's temporary admission is extended only once.", { ...rule, article: "OD-AFD art. 54 para. 2" });
      const current = c.timeLimit!;
      if (current.getTime() < this.clock.now().getTime()) {
        throw refused("TIME_LIMIT_PASSED", "The time limit has passed: the admission is not discharged and is no longer extended.", { ...rule, field: "input.caseId", timeLimit: current.toISOString() });
      }
      if (input.until.getTime() <= current.getTime()) throw new ValidationError("An extension ends after the time limit in force.", rule);
      if (input.until.getTime() > endOfYearAfter(current).getTime()) {
        throw refused("EXTENSION_TOO_LONG", "Each extension adds at most a year.", { ...rule, article: c.goodsKind === AdmittedGoodsKind.HORSE ? "OD-AFD art. 54 para. 2" : "OD-AFD art. 53" });
      }
      const now = this.clock.now();
      const extensions = [...c.extensions, { from: current, to: input.until, at: now, reason: input.reason }];
      if (!(await transitionOnce(m, ProcedureCase, c.id, { version: c.version, status: ProcedureCaseStatus.OPEN }, { timeLimit: input.until, extensions, version: c.version + 1 }))) throw concurrentlyChanged();
      return this.get(c.id, m);
    });
  }

  /**
   * The office records the discharge (DEC-R70, DEC-R72 to DEC-R74, DEC-R76): the goods reached the
   * foreign customs territory or a free deposit, left or came back, or were placed under another
   * procedure, no later than the time limit. An accident or force majeure needs its formal
   * attestation (OD-AFD art. 45); a horse is identified by its equine passport (art. 54 para. 3).
   */
  async discharge(principal: Principal, input: DischargeInput): Promise<ProcedureCase> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    const now = this.clock.now();
    if (input.occurredAt.getTime() > now.getTime()) throw new ValidationError("The discharge has happened.", { field: "input.occurredAt" });
    return transaction(this.dataSource, async m => {
      const c = await this.locked(m, input.caseId);
      const { rule, article } = RULE_OF[c.procedure];
      if (c.status !== ProcedureCaseStatus.OPEN) throw refused("CASE_NOT_OPEN", `The case is ${c.status}.`, { field: "input.caseId", rule, article, status: c.status });
      const d = await this.declarations.get(c.declarationId, m);
      const returned = c.procedure === CustomsProcedure.TEMPORARY_ADMISSION && input.mode !== DischargeMode.OTHER_PROCEDURE && input.mode !== ProcedureCaseService.expectedReturn(d.direction);
      if (!DISCHARGE_MODES[c.procedure].includes(input.mode) || returned) throw refused("DISCHARGE_MODE_NOT_FOR_PROCEDURE", `${c.procedure} (${d.direction}) is not discharged by ${input.mode}.`, { field: "input.mode", rule, article });
      if (c.timeLimit && input.occurredAt.getTime() > c.timeLimit.getTime()) {
        throw refused("TIME_LIMIT_PASSED", "The goods moved after the time limit: the procedure is not discharged; apply for relief once it is recorded so.", { field: "input.occurredAt", rule, article, timeLimit: c.timeLimit.toISOString() });
      }
      if (input.occurredAt.getTime() < c.openedAt.getTime()) throw new ValidationError("The discharge follows the opening.", { field: "input.occurredAt" });
      let reference = input.reference?.trim() || null;
      if (input.mode === DischargeMode.FORCE_MAJEURE_ATTESTED && !reference) {
        throw refused("ATTESTATION_REQUIRED", "An accident or force majeure is attested formally.", { field: "input.reference", rule: "DEC-R70", article: "OD-AFD art. 45" });
      }
      if (input.mode === DischargeMode.OTHER_PROCEDURE) {
        if (!input.nextDeclarationId) throw new ValidationError("Name the declaration of the next procedure.", { field: "input.nextDeclarationId", rule: "DEC-R65", article: "LD art. 47 para. 3" });
        const next = await m.findOneBy(CustomsDeclaration, { id: input.nextDeclarationId });
        const parties = [d.declarantId, d.onBehalfOfId].filter(Boolean);
        if (next && !parties.includes(next.declarantId) && !(next.onBehalfOfId && parties.includes(next.onBehalfOfId))) throw new NotFoundError("CustomsDeclaration", input.nextDeclarationId, "input.nextDeclarationId");
        if (!next || next.id === c.declarationId || next.status !== DeclarationStatus.ACCEPTED) throw refused("NEXT_DECLARATION_NOT_ACCEPTED", "The goods are placed under another procedure by an accepted declaration.", { field: "input.nextDeclarationId", rule: "DEC-R65", article: "LD art. 47 para. 3" });
        reference = next.declarationNumber;
      }
      if (c.goodsKind === AdmittedGoodsKind.HORSE && input.identification?.trim() !== c.identification) {
        throw refused("IDENTITY_NOT_PROVEN", "A horse is identified by its equine passport: the number does not match.", { field: "input.identification", rule: "DEC-R72", article: "OD-AFD art. 54 para. 3" });
      }
      const changes = { status: ProcedureCaseStatus.DISCHARGED, dischargedAt: input.occurredAt, dischargeMode: input.mode, dischargeReference: reference, version: c.version + 1 };
      if (!(await transitionOnce(m, ProcedureCase, c.id, { version: c.version, status: ProcedureCaseStatus.OPEN }, changes))) throw concurrentlyChanged();
      await this.publishDischarged(m, { ...c, ...changes });
      return this.get(c.id, m);
    });
  }

  /**
   * X13 (OD-AFD art. 44; LD art. 61 para. 3): goods entered a customs free deposit; an open transit
   * or export regime of theirs is discharged at the entry. Idempotent; an entry after the time
   * limit discharges nothing (relief is the way then).
   */
  async onGoodsEnteredFreeDeposit(m: EntityManager, payload: { procedureCaseId?: string | null; declarationId?: string | null; lotId?: string | null; depositId?: string | null; enteredAt: string }): Promise<void> {
    const where = payload.procedureCaseId ? { id: payload.procedureCaseId } : payload.declarationId ? { declarationId: payload.declarationId } : null;
    if (!where) return;
    const c = await findForUpdate(m, ProcedureCase, where);
    if (!c || c.status !== ProcedureCaseStatus.OPEN || (c.procedure !== CustomsProcedure.TRANSIT && c.procedure !== CustomsProcedure.EXPORT)) return;
    const enteredAt = new Date(payload.enteredAt);
    if (enteredAt.getTime() < c.openedAt.getTime() || (c.timeLimit && enteredAt.getTime() > c.timeLimit.getTime())) return;
    const changes = { status: ProcedureCaseStatus.DISCHARGED, dischargedAt: enteredAt, dischargeMode: DischargeMode.ENTERED_FREE_DEPOSIT, dischargeReference: [payload.depositId && `free deposit ${payload.depositId}`, payload.lotId && `lot ${payload.lotId}`].filter(Boolean).join(", ") || null, version: c.version + 1 };
    await m.update(ProcedureCase, { id: c.id }, changes);
    await this.publishDischarged(m, { ...c, ...changes });
  }

  private async publishDischarged(m: EntityManager, c: ProcedureCase): Promise<void> {
    await this.events.publish(m, "ProcedureCaseDischarged", c.id, { caseId: c.id, declarationId: c.declarationId, procedure: c.procedure, holderId: c.holderId, dischargedAt: c.dischargedAt!.toISOString(), mode: c.dischargeMode });
  }

  /**
   * X12 (LD art. 49 para. 3, 58 para. 3, 59 para. 4, 60 para. 4, 61 para. 4): a case still open
   * when its time limit passed is NOT_DISCHARGED and its duties fall due; a transit's goods
   * released for export lose the export regime (DEC-R68). Exactly once, also across replicas and
   * restarts: each case moves by a compare-and-set in the same transaction as its outbox event, so
   * a crash leaves either both or neither, and a second run finds nothing to move.
   */
  deadlineJob(): ScheduledJob {
    return {
      name: "procedure-deadlines",
      run: async now => {
        const expired = await this.dataSource.getRepository(ProcedureCase).find({ where: { status: ProcedureCaseStatus.OPEN, timeLimit: LessThan(now) }, order: { timeLimit: "ASC" }, take: 500 });
        let moved = 0;
        // One case that fails (its transaction rolls back) does not hold up the others; the round
        // then fails, so that it is logged, and the next round tries that case again.
        const failed: string[] = [];
        for (const c of expired) {
          try {
            if (await this.notDischarged(c.id, now)) moved += 1;
          } catch {
            failed.push(c.id);
          }
        }
        if (failed.length) throw new Error(`${failed.length} procedure case(s) could not be marked not discharged (moved ${moved}): ${failed.join(", ")}`);
        return moved;
      },
    };
  }

  /** One case past its time limit: NOT_DISCHARGED and X12, or nothing when another run got there first. */
  async notDischarged(caseId: string, now: Date): Promise<boolean> {
    return transaction(this.dataSource, async m => {
      const c = await m.findOneBy(ProcedureCase, { id: caseId });
      if (!c || c.status !== ProcedureCaseStatus.OPEN || !c.timeLimit || c.timeLimit.getTime() >= now.getTime()) return false;
      // Dated at the time limit, not at the run (kit/jobs.ts): a run a restart delayed books the
      // same instant, and debt's due date does not depend on when the job ran.
      const at = c.timeLimit;
      if (!(await transitionOnce(m, ProcedureCase, c.id, { status: ProcedureCaseStatus.OPEN, version: c.version }, { status: ProcedureCaseStatus.NOT_DISCHARGED, notDischargedAt: at, version: c.version + 1 }))) return false;
      await this.events.publish(m, "ProcedureNotDischarged", c.id, {
        caseId: c.id,
        declarationId: c.declarationId,
        procedure: c.procedure,
        holderId: c.holderId,
        timeLimit: c.timeLimit.toISOString(),
        notDischargedAt: at.toISOString(),
        reliefApplicationDeadline: c.procedure === CustomsProcedure.EXPORT ? null : (await this.reliefDeadline(m, c))!.toISOString(),
      });
      if (c.procedure === CustomsProcedure.TRANSIT && c.linkedCaseId) {
        // DEC-R68 (LD art. 49 para. 3): goods released for export whose transit is not discharged lose the export regime.
        const exported = await findForUpdate(m, ProcedureCase, { id: c.linkedCaseId });
        if (exported && exported.status !== ProcedureCaseStatus.REVOKED) await this.revokeIn(m, exported, at, `transit ${c.id} not discharged (LD art. 49 para. 3)`);
      }
      return true;
    });
  }

  /**
   * DEC-R68, DEC-R72 to DEC-R74: relief from the duties that fell due, applied for within 60 days
   * of the time limit, for goods that left (or came back) within it and are identified: by an
   * official attestation such as the foreign taxation decision (OD-AFD art. 46, 52), a horse by
   * its equine passport (art. 54 para. 3). DESIGN CHOICE, as DEC-R60: a period ending on a
   * Saturday, Sunday or holiday of the office's canton ends on the next working day. One
   * application per case.
   */
  async applyForRelief(principal: Principal, input: { caseId: string; evidence: ReliefEvidence; evidenceReference: string; goodsMovedAt: Date }): Promise<ProcedureCase> {
    return transaction(this.dataSource, async m => {
      const c = await this.locked(m, input.caseId);
      if (!this.access.isOfficer(principal) && !this.access.partnerIds(principal).includes(c.holderId)) throw refused("FORBIDDEN", "Only the holder of the procedure applies.", { field: "input.caseId" });
      const { rule, article } = RULE_OF[c.procedure];
      if (c.procedure === CustomsProcedure.EXPORT) throw refused("RELIEF_NOT_AVAILABLE", "The export regime is revoked, not relieved.", { field: "input.caseId", rule: "DEC-R76", article: "LD art. 61 para. 4" });
      if (c.status === ProcedureCaseStatus.RELIEF_APPLIED || c.status === ProcedureCaseStatus.RELIEF_GRANTED || c.status === ProcedureCaseStatus.DUTIES_DUE) {
        throw refused("RELIEF_ALREADY_APPLIED", "Relief was already applied for.", { field: "input.caseId", rule, article });
      }
      if (c.status !== ProcedureCaseStatus.NOT_DISCHARGED) throw refused("RELIEF_NOT_AVAILABLE", `The case is ${c.status}: relief is for a procedure not discharged in time.`, { field: "input.caseId", rule, article, status: c.status });
      const now = this.clock.now();
      const deadline = (await this.reliefDeadline(m, c))!;
      const reliefArticle = c.procedure === CustomsProcedure.TRANSIT ? "LD art. 49 para. 4" : c.procedure === CustomsProcedure.TEMPORARY_ADMISSION ? "LD art. 58 para. 3" : c.procedure === CustomsProcedure.INWARD_PROCESSING ? "LD art. 59 para. 4" : "LD art. 60 para. 4";
      if (now.getTime() > deadline.getTime()) throw refused("RELIEF_APPLICATION_LATE", `Relief is applied for within 60 days of the time limit: by ${zurichDate(deadline)}.`, { field: "input.caseId", rule, article: reliefArticle, deadline: deadline.toISOString() });
      if (input.goodsMovedAt.getTime() < c.openedAt.getTime()) throw new ValidationError("The goods moved after the procedure was opened.", { field: "input.goodsMovedAt", rule, article: reliefArticle });
      if (input.goodsMovedAt.getTime() > c.timeLimit!.getTime()) {
        throw refused("GOODS_MOVED_AFTER_TIME_LIMIT", "Relief is for goods that left or came back within the time limit.", { field: "input.goodsMovedAt", rule, article: reliefArticle, timeLimit: c.timeLimit!.toISOString() });
      }
      if (c.goodsKind === AdmittedGoodsKind.HORSE && input.evidence !== ReliefEvidence.EQUINE_PASSPORT) {
        throw refused("IDENTITY_NOT_PROVEN", "A horse's identity is proven by its equine passport.", { field: "input.evidence", rule: "DEC-R72", article: "OD-AFD art. 54 para. 3" });
      }
      if (input.evidenceReference.trim().length < 2) throw new ValidationError("Name the evidence.", { field: "input.evidenceReference" });
      const changes = { status: ProcedureCaseStatus.RELIEF_APPLIED, reliefAppliedAt: now, reliefEvidence: input.evidence, reliefEvidenceReference: input.evidenceReference.trim(), goodsMovedAt: input.goodsMovedAt, version: c.version + 1 };
      if (!(await transitionOnce(m, ProcedureCase, c.id, { status: ProcedureCaseStatus.NOT_DISCHARGED, version: c.version }, changes))) throw concurrentlyChanged();
      return this.get(c.id, m);
    });
  }

  /** The office decides the relief: granted, the due duties end (ProcedureReliefGranted for debt); refused, they stay due. */
  async decideRelief(principal: Principal, input: { caseId: string; grant: boolean; reason: string }): Promise<ProcedureCase> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    return transaction(this.dataSource, async m => {
      const c = await this.locked(m, input.caseId);
      const { rule, article } = RULE_OF[c.procedure];
      if (c.status !== ProcedureCaseStatus.RELIEF_APPLIED) throw refused("NO_RELIEF_APPLICATION", `The case is ${c.status}.`, { field: "input.caseId", rule, article, status: c.status });
      const now = this.clock.now();
      const status = input.grant ? ProcedureCaseStatus.RELIEF_GRANTED : ProcedureCaseStatus.DUTIES_DUE;
      if (!(await transitionOnce(m, ProcedureCase, c.id, { status: ProcedureCaseStatus.RELIEF_APPLIED, version: c.version }, { status, reliefDecidedAt: now, reliefDecisionReason: input.reason, version: c.version + 1 }))) throw concurrentlyChanged();
      if (input.grant) {
        await this.events.publish(m, "ProcedureReliefGranted", c.id, { caseId: c.id, declarationId: c.declarationId, procedure: c.procedure, holderId: c.holderId, grantedAt: now.toISOString() });
        // DEC-R68 (LD art. 49 para. 3): the goods left in time and are identified: the revocation
        // of their export regime, which the transit's X12 caused, does not apply.
        if (c.procedure === CustomsProcedure.TRANSIT && c.linkedCaseId) {
          const exported = await findForUpdate(m, ProcedureCase, { id: c.linkedCaseId });
          if (exported && exported.status === ProcedureCaseStatus.REVOKED) {
            await m.update(ProcedureCase, { id: exported.id }, { status: ProcedureCaseStatus.DISCHARGED, revokedAt: null, version: exported.version + 1 });
            await this.events.publish(m, "ExportRegimeRestored", exported.id, { caseId: exported.id, declarationId: exported.declarationId, holderId: exported.holderId, restoredAt: now.toISOString(), transitCaseId: c.id });
          }
        }
      }
      return this.get(c.id, m);
    });
  }

  /** DEC-R76 (LD art. 61 para. 4): an export regime not discharged may be revoked by the office. */
  async revokeExportRegime(principal: Principal, input: { caseId: string; reason: string }): Promise<ProcedureCase> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    return transaction(this.dataSource, async m => {
      const c = await this.locked(m, input.caseId);
      if (c.procedure !== CustomsProcedure.EXPORT) throw refused("NOT_EXPORT_REGIME", "Only the export regime is revoked.", { field: "input.caseId", rule: "DEC-R76", article: "LD art. 61 para. 4" });
      if (c.status !== ProcedureCaseStatus.NOT_DISCHARGED) throw refused("NOT_REVOCABLE", `An export regime ${c.status} is not revoked; only one not discharged.`, { field: "input.caseId", rule: "DEC-R76", article: "LD art. 61 para. 4", status: c.status });
      await this.revokeIn(m, c, this.clock.now(), input.reason);
      return this.get(c.id, m);
    });
  }

  private async revokeIn(m: EntityManager, c: ProcedureCase, now: Date, reason: string): Promise<void> {
    await m.update(ProcedureCase, { id: c.id }, { status: ProcedureCaseStatus.REVOKED, revokedAt: now, version: c.version + 1 });
    await this.events.publish(m, "ExportRegimeRevoked", c.id, { caseId: c.id, declarationId: c.declarationId, holderId: c.holderId, revokedAt: now.toISOString(), reason });
  }

  /** The end of the 60 days after the time limit (LD art. 49 para. 4 and parallels), for the office's canton. */
  async reliefDeadline(m: EntityManager, c: Pick<ProcedureCase, "timeLimit" | "officeId">): Promise<Date | null> {
    if (!c.timeLimit) return null;
    const office = await this.reference.office(c.officeId, m);
    return this.reference.calendarOf(office).appealPeriodEndsAt(c.timeLimit, RELIEF_APPLICATION_DAYS);
  }

  // ------------------------------------------------------------ reads

  async get(id: string, m: EntityManager = this.dataSource.manager): Promise<ProcedureCase> {
    const c = await m.findOneBy(ProcedureCase, { id });
    if (!c) throw new NotFoundError("ProcedureCase", id, "input.caseId");
    return c;
  }

  private async locked(m: EntityManager, id: string): Promise<ProcedureCase> {
    const c = await findForUpdate(m, ProcedureCase, { id });
    if (!c) throw new NotFoundError("ProcedureCase", id, "input.caseId");
    return c;
  }

  async byIds(ids: readonly string[]): Promise<(ProcedureCase | null)[]> {
    return loadByColumn(this.dataSource.getRepository(ProcedureCase), "id", ids);
  }

  async ofDeclarations(declarationIds: readonly string[]): Promise<(ProcedureCase | null)[]> {
    return loadByColumn(this.dataSource.getRepository(ProcedureCase), "declarationId", declarationIds);
  }

  async list(filter: { holderIds?: string[] | null; statuses?: ProcedureCaseStatus[] | null; procedure?: CustomsProcedure | null }, args: ConnectionArgs): Promise<ConnectionShape<ProcedureCase>> {
    const qb = this.dataSource.getRepository(ProcedureCase).createQueryBuilder("c");
    if (filter.holderIds) qb.andWhere(filter.holderIds.length ? "c.holder_id IN (:...holders)" : "1 = 0", { holders: filter.holderIds });
    if (filter.statuses?.length) qb.andWhere("c.status IN (:...statuses)", { statuses: filter.statuses });
    if (filter.procedure) qb.andWhere("c.procedure = :procedure", { procedure: filter.procedure });
    return paginate(qb, args, { alias: "c", timeColumn: "opened_at", timeProperty: "openedAt" });
  }

  /** Each holder's procedure cases (`BusinessPartner.procedureCases` of many partners), a page each in the same few statements. */
  pagesOfHolders(holderIds: readonly string[], filter: { statuses?: ProcedureCaseStatus[] | null; procedure?: CustomsProcedure | null }, args: ConnectionArgs): Promise<ConnectionShape<ProcedureCase>[]> {
    return paginateByParent(
      this.dataSource.getRepository(ProcedureCase),
      {
        parentProperty: "holderId",
        timeProperty: "openedAt",
        where: (qb, alias) => {
          if (filter.statuses?.length) qb.andWhere(`${alias}.status IN (:...statuses)`, { statuses: filter.statuses });
          if (filter.procedure) qb.andWhere(`${alias}.procedure = :procedure`, { procedure: filter.procedure });
        },
      },
      holderIds,
      args,
    );
  }

  /** A case's direction decides RE_EXPORTED (import) against RE_IMPORTED (export) for temporary admission. */
  static expectedReturn(direction: Direction): DischargeMode {
    return direction === Direction.EXPORT ? DischargeMode.RE_IMPORTED : DischargeMode.RE_EXPORTED;
  }
}

export function caseAlreadyOpen() {
  return refused("PROCEDURE_CASE_ALREADY_OPEN", "The goods of this declaration are already under their procedure.", { field: "input.declarationId", rule: "DEC-R65", article: "LD art. 47" });
}

function concurrentlyChanged() {
  return refused("CONCURRENT_MODIFICATION", "The case changed meanwhile; read it again.", { retryable: true });
}

/** A year of time limit: the end of the same calendar date a year later, Europe/Zurich (29 February → 28 February). */
const endOfYearAfter = (at: Date) => endOfSameDateYearsLater(at, 1);
