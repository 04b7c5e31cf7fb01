import { randomUUID } from "node:crypto";
import { DataSource, EntityManager, In, IsNull, LessThan } from "typeorm";
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
  ForbiddenError,
  NotFoundError,
  keyCursor,
  pageByKey,
  paginate,
  paginateByParent,
  Principal,
  ScheduledJob,
  transaction,
  transitionOnce,
  sqlTime,
  ValidationError,
} from "../../kit";
import { FacilityAuthorisation, StorageFacility } from "../entities/facility.entity";
import { AuthorisationStatus, DestructionCause, ExtensionDecision, FacilityKind, HandlingKind, InventoryKeeper, LotStatus, MovementKind } from "../entities/enums";
import { DepositorTransfer, LotHandling, StorageExtension, StoredLot } from "../entities/lot.entity";
import { WarehousingAccess } from "./access";
import { refused } from "./errors";
import { covers, FacilityService } from "./facility.service";
import { StockService, toGrams } from "./stock.service";

/** WH-R15 (OD-AFD art. 49): a consumer goods warehouse takes at least 10,000 kg net. */
export const CONSUMER_GOODS_MINIMUM_KG = "10000";
/** WH-R14 (LD art. 55 para. 2): two years, extendable to five. */
export const STORAGE_YEARS = 2;
export const MAX_STORAGE_YEARS = 5;
/** WH-R04 (LD art. 51 para. 3): placement under another procedure within 60 days of the end of storage. */
export const PLACEMENT_DAYS = 60;

export interface EntryInput {
  facilityId: string;
  officeId: string;
  depositorId: string;
  entryDeclarationId?: string | null;
  procedureCaseId?: string | null;
  presentedAt: Date;
  goodsDescription: string;
  tariffNumber: string;
  netMassKg: string;
  sensitive?: boolean | null;
  underExportRegime?: boolean | null;
  inSpecialPremises?: boolean | null;
  suitableForBulkTransport?: boolean | null;
  conditionalDuties?: number | null;
}

const who = (principal: Principal) => principal.subject ?? principal.kind;

/**
 * Stored lots from entry to exit (DOMAIN.md §4.2): the control office records the entry, the
 * inventory keeper its inventory line by the deadline, customs extends a consumer goods
 * warehouse's storage on a reasoned request, the depositor transfers its rights, the goods leave
 * against the exit declaration declarations accepted (X15), or without one (X16), or are
 * destroyed (X18); a consumer goods lot whose storage ends is STORAGE_EXPIRED (X17) and, unplaced
 * for 60 days, DUTIES_DUE. Every change of stock is a movement (StockService).
 */
export class LotService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: WarehousingAccess,
    private readonly facilities: FacilityService,
    private readonly stock: StockService,
    private readonly events: EventPublisher,
  ) {}

  /**
   * The control office named in the authorisation records the goods declared for warehousing or
   * the free deposit (WH-R02, WH-R08, WH-R22): the facility authorised; goods not excluded, in
   * special premises where required; a consumer goods warehouse only for admitted bulk goods of at
   * least 10,000 kg net (WH-R14, WH-R15) with their import duties fixed conditionally (WH-R03,
   * X14); a free deposit's entry discharges the goods' transit or export regime (X13, WH-R27).
   */
  async recordEntry(principal: Principal, input: EntryInput): Promise<StoredLot> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    const now = this.clock.now();
    if (!/^\d{4}\.\d{4}$/.test(input.tariffNumber)) throw new ValidationError("tariffNumber is NNNN.NNNN.", { field: "input.tariffNumber" });
    if (!/^\d{1,9}(\.\d{1,3})?$/.test(input.netMassKg) || new Decimal(input.netMassKg).lte(0)) throw new ValidationError("netMassKg is a positive mass in kg with at most 3 decimals.", { field: "input.netMassKg" });
    if (input.presentedAt.getTime() > now.getTime()) throw new ValidationError("The goods were presented before their entry is recorded.", { field: "input.presentedAt" });
    return transaction(this.dataSource, async m => {
      const facility = await this.facilities.get(input.facilityId, m);
      // The authorisation is locked: a revocation cannot slip between its check and the entry.
      const authorisation = (await findForUpdate(m, FacilityAuthorisation, { facilityId: facility.id }))!;
      this.checkEntry(facility, authorisation, input);
      const office = await this.facilities.office(m, facility.controlOfficeId);
      const calendar = this.facilities.calendarOf(office);
      const zfl = facility.kind === FacilityKind.CUSTOMS_FREE_DEPOSIT;
      const consumer = facility.kind === FacilityKind.CONSUMER_GOODS_WAREHOUSE;
      // WH-R11, WH-R16 (OD-AFD art. 47, 50): by the next business day; WH-R24 (OD-AFD art. 57a): a
      // free deposit's sensitive goods by the working day following; its other goods need no entry.
      const inventoryDueBy = zfl && !input.sensitive ? null : calendar.endOfWorkingDaysAfter(input.presentedAt, 1);
      const storageEnd = consumer ? endOfSameDateYearsLater(input.presentedAt, STORAGE_YEARS) : null;
      const grams = toGrams(input.netMassKg);
      const lot = await m.save(
        m.create(StoredLot, {
          id: randomUUID(),
          facilityId: facility.id,
          depositorId: input.depositorId,
          entryDeclarationId: input.entryDeclarationId ?? null,
          presentedAt: input.presentedAt,
          enteredAt: now,
          inventoryDueBy,
          inventoryRecordedAt: null,
          inventoryOverdueAt: null,
          goodsDescription: input.goodsDescription.trim(),
          tariffNumber: input.tariffNumber,
          netMassKg: new Decimal(input.netMassKg).toFixed(3),
          grams,
          sensitive: Boolean(input.sensitive),
          underExportRegime: Boolean(input.underExportRegime),
          inSpecialPremises: Boolean(input.inSpecialPremises),
          storageStart: input.presentedAt,
          storageEnd,
          maxStorageEnd: consumer ? endOfSameDateYearsLater(input.presentedAt, MAX_STORAGE_YEARS) : null,
          placementDeadline: null,
          conditionalDuties: consumer ? input.conditionalDuties! : null,
          status: inventoryDueBy ? LotStatus.DECLARED : LotStatus.STORED,
          exitDeclarationId: null,
          exitProcedure: null,
          exitDeclaredAt: null,
          leftAt: null,
          releasedWithoutDeclarationAt: null,
          destructionCause: null,
          version: 1,
        }),
      );
      await this.stock.move(m, lot, MovementKind.ENTRY, grams, now, who(principal), lot.entryDeclarationId);
      if (consumer && lot.conditionalDuties) {
        await this.events.publish(m, "LotStored", lot.id, {
          lotId: lot.id,
          facilityId: facility.id,
          facilityKind: facility.kind,
          depositorId: lot.depositorId,
          operatorId: facility.operatorId,
          entryDeclarationId: lot.entryDeclarationId,
          tariffNumber: lot.tariffNumber,
          netMassKg: lot.netMassKg,
          conditionalDuties: formatRappen(lot.conditionalDuties),
          storedAt: now.toISOString(),
          storageEnd: storageEnd!.toISOString(),
        });
      }
      if (zfl) {
        await this.events.publish(m, "GoodsEnteredFreeDeposit", lot.id, {
          lotId: lot.id,
          depositId: facility.id,
          declarationId: lot.entryDeclarationId,
          procedureCaseId: input.procedureCaseId ?? null,
          enteredAt: now.toISOString(),
        });
      }
      return lot;
    });
  }

  private checkEntry(facility: StorageFacility, authorisation: FacilityAuthorisation, input: EntryInput): void {
    const { kind } = facility;
    const zfl = kind === FacilityKind.CUSTOMS_FREE_DEPOSIT;
    const article = zfl ? "LD art. 64" : "LD art. 54";
    if (authorisation.status !== AuthorisationStatus.GRANTED) {
      throw refused("FACILITY_NOT_AUTHORISED", `The facility's authorisation is ${authorisation.status}.`, { field: "input.facilityId", rule: zfl ? "WH-R21" : "WH-R10", article, status: authorisation.status });
    }
    if (input.officeId !== facility.controlOfficeId) {
      throw refused("WRONG_CONTROL_OFFICE", `Goods for this facility are declared at office ${facility.controlOfficeId}.`, { field: "input.officeId", rule: zfl ? "WH-R22" : "WH-R08", article: zfl ? "LD art. 65 para. 1" : "LD art. 53 para. 4" });
    }
    if (covers(authorisation.excludedGoods, input.tariffNumber)) {
      throw refused("GOODS_EXCLUDED", "The authorisation excludes these goods.", { field: "input.tariffNumber", rule: zfl ? "WH-R21" : "WH-R10", article });
    }
    if (covers(authorisation.specialPremisesGoods, input.tariffNumber) && !input.inSpecialPremises) {
      throw refused("SPECIAL_PREMISES_REQUIRED", "The authorisation requires special premises for these goods.", { field: "input.inSpecialPremises", rule: zfl ? "WH-R21" : "WH-R10", article });
    }
    if (kind === FacilityKind.CONSUMER_GOODS_WAREHOUSE) {
      if (!covers(authorisation.admittedGoods, input.tariffNumber)) throw refused("GOODS_NOT_ADMITTED", "The administration has not admitted these goods to this consumer goods warehouse.", { field: "input.tariffNumber", rule: "WH-R14", article: "LD art. 55 para. 1" });
      if (new Decimal(input.netMassKg).lt(CONSUMER_GOODS_MINIMUM_KG)) {
        throw refused("BELOW_CONSUMER_GOODS_MINIMUM", "A consumer goods warehouse takes at least 10,000 kg net mass.", { field: "input.netMassKg", rule: "WH-R15", article: "OD-AFD art. 49", minimumKg: "10000.000" });
      }
      if (!input.suitableForBulkTransport) {
        throw refused("NOT_BULK_GOODS", "Only goods of uniform physical characteristics, suitable for transhipment and bulk transport.", { field: "input.suitableForBulkTransport", rule: "WH-R15", article: "OD-AFD art. 49" });
      }
      if (input.underExportRegime) throw refused("EXPORT_REGIME_NOT_ADMITTED", "Goods under the export regime go to an open customs warehouse or a free deposit.", { field: "input.underExportRegime", rule: "WH-R06", article: "LD art. 53 para. 2, 62 para. 2" });
      if (input.conditionalDuties === null || input.conditionalDuties === undefined || input.conditionalDuties < 0) {
        throw new ValidationError("A consumer goods warehouse fixes the import duties, with a conditional payment obligation.", { field: "input.conditionalDuties", rule: "WH-R03", article: "LD art. 51 para. 2 let. b" });
      }
    } else if (input.conditionalDuties !== null && input.conditionalDuties !== undefined) {
      throw new ValidationError("Open customs warehouses and free deposits fix no import duties.", { field: "input.conditionalDuties", rule: zfl ? "WH-R20" : "WH-R03", article: zfl ? "LD art. 62 para. 3" : "LD art. 51 para. 2 let. a" });
    }
    if (input.sensitive && !zfl) throw new ValidationError("Sensitive goods are a free deposit's inventory rule.", { field: "input.sensitive", rule: "WH-R23", article: "LD art. 66" });
  }

  /**
   * WH-R11, WH-R16, WH-R18, WH-R23, WH-R24: the inventory keeper (the operator, or the depositor
   * where the authorisation says so) records the lot; the officer may record it for them. After
   * the deadline it is still recorded, and stays marked overdue.
   *
   * "Not yet in the inventory" is `inventoryRecordedAt` null on a lot that has a deadline, not its
   * status: the obligation arises when the goods are presented and declared (OD-AFD art. 47, 50,
   * 57a) and the inventory holds all stored goods (LD art. 56, 66), so nothing that happens to the
   * lot afterwards ends it. DESIGN CHOICE: a lot is recorded in whatever status it has reached,
   * exit declared (X15), left, gone without declaration or destroyed included: the administration
   * reads the inventory to supervise the facility (LD art. 111 para. 2) and a late entry completes
   * it rather than leaving a gap; the overdue mark stays. Recording moves DECLARED to STORED and
   * leaves any later status as it is.
   *
   * Once: the row is locked (SELECT ... FOR UPDATE), so a concurrent recording waits and then sees
   * the entry (ALREADY_IN_INVENTORY); the compare-and-set on `inventoryRecordedAt` null and the
   * version also holds where there are no row locks (SQLite).
   */
  async recordInventory(principal: Principal, lotId: string): Promise<StoredLot> {
    return transaction(this.dataSource, async m => {
      const lot = await this.locked(m, lotId);
      const facility = await this.facilities.get(lot.facilityId, m);
      const keeper = facility.inventoryKeeper === InventoryKeeper.DEPOSITOR ? lot.depositorId : facility.operatorId;
      if (!this.access.actsAsOfficer(principal) && !this.access.actsFor(principal, keeper)) {
        throw refused("NOT_INVENTORY_KEEPER", `The inventory of this facility is kept by its ${facility.inventoryKeeper.toLowerCase()}.`, { field: "input.lotId", rule: "WH-R18", article: "LD art. 56, 66 para. 1" });
      }
      if (lot.inventoryRecordedAt || !lot.inventoryDueBy) {
        // A free deposit's goods that are not sensitive need no entry (WH-R23, LD art. 66): stored as they entered.
        const state = lot.inventoryRecordedAt ? `in the inventory since ${lot.inventoryRecordedAt.toISOString()}` : "stored without an inventory entry: free deposit goods that are not sensitive (LD art. 66)";
        throw refused("ALREADY_IN_INVENTORY", `The lot is ${state}.`, { field: "input.lotId", rule: "WH-R18", article: "LD art. 56", status: lot.status, inventoryRecordedAt: lot.inventoryRecordedAt?.toISOString() ?? null });
      }
      const now = this.clock.now();
      const status = lot.status === LotStatus.DECLARED ? LotStatus.STORED : lot.status;
      // Recorded after its deadline before the overdue job came round: flagged and reported here, as
      // the job would have (the job only sees lots still unrecorded).
      const lateUnflagged = !lot.inventoryOverdueAt && lot.inventoryDueBy.getTime() < now.getTime();
      const changes = { status, inventoryRecordedAt: now, version: lot.version + 1, ...(lateUnflagged ? { inventoryOverdueAt: lot.inventoryDueBy } : {}) };
      if (!(await transitionOnce(m, StoredLot, lot.id, { inventoryRecordedAt: IsNull(), version: lot.version } as never, changes))) throw changed();
      if (lateUnflagged) await this.publishInventoryOverdue(m, lot);
      return this.get(lot.id, m);
    });
  }

  /** WH-R14 (LD art. 55 para. 2): the depositor asks, with its reasons, for a longer storage in a consumer goods warehouse, to at most five years. One request pending at a time. */
  async requestExtension(principal: Principal, input: { lotId: string; until: Date; reason: string }): Promise<StorageExtension> {
    const rule = { rule: "WH-R14", article: "LD art. 55 para. 2" };
    if (input.reason.trim().length < 10) throw new ValidationError("A request for a longer storage gives its reasons.", { ...rule, field: "input.reason" });
    return transaction(this.dataSource, async m => {
      const lot = await this.locked(m, input.lotId);
      if (!this.access.actsAsOfficer(principal) && !this.access.actsFor(principal, lot.depositorId)) throw refused("FORBIDDEN", "Only the depositor asks.", { field: "input.lotId" });
      const facility = await this.facilities.get(lot.facilityId, m);
      this.checkExtension(facility, lot, input.until);
      if (await m.findOneBy(StorageExtension, { lotId: lot.id, decision: ExtensionDecision.PENDING })) throw refused("EXTENSION_PENDING", "A request is already waiting for its decision.", { ...rule, field: "input.lotId" });
      return m.save(m.create(StorageExtension, { id: randomUUID(), lotId: lot.id, requestedAt: this.clock.now(), reason: input.reason.trim(), requestedUntil: input.until, decision: ExtensionDecision.PENDING, decidedAt: null, decisionReason: null }));
    });
  }

  private checkExtension(facility: StorageFacility, lot: StoredLot, until: Date): void {
    const rule = { rule: "WH-R14", article: "LD art. 55 para. 2" };
    if (facility.kind !== FacilityKind.CONSUMER_GOODS_WAREHOUSE) throw refused("STORAGE_UNLIMITED", "Only a consumer goods warehouse limits storage; open warehouses and free deposits store without limit (LD art. 53 para. 3, 65).", { ...rule, field: "input.lotId" });
    if (lot.status !== LotStatus.STORED && lot.status !== LotStatus.DECLARED) throw refused("LOT_NOT_STORED", `The lot is ${lot.status}.`, { ...rule, field: "input.lotId", status: lot.status });
    const now = this.clock.now();
    if (lot.storageEnd!.getTime() < now.getTime()) throw refused("STORAGE_PERIOD_ENDED", "The storage period has ended; place the goods under another procedure.", { ...rule, field: "input.lotId" });
    if (until.getTime() <= lot.storageEnd!.getTime()) throw new ValidationError("An extension ends after the storage period in force.", { ...rule, field: "input.until" });
    if (until.getTime() > lot.maxStorageEnd!.getTime()) {
      throw refused("EXTENSION_BEYOND_FIVE_YEARS", `Storage lasts five years at most: until ${lot.maxStorageEnd!.toISOString()}.`, { ...rule, field: "input.until", maxStorageEnd: lot.maxStorageEnd!.toISOString() });
    }
  }

  /** WH-R14: customs decides the request; granted, the storage period runs to the date asked. */
  async decideExtension(principal: Principal, input: { extensionId: string; grant: boolean; reason: string }): Promise<StorageExtension> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    return transaction(this.dataSource, async m => {
      const request = await findForUpdate(m, StorageExtension, { id: input.extensionId });
      if (!request) throw new NotFoundError("StorageExtension", input.extensionId, "input.extensionId");
      if (request.decision !== ExtensionDecision.PENDING) throw refused("ALREADY_DECIDED", `The request was ${request.decision}.`, { field: "input.extensionId", rule: "WH-R14", article: "LD art. 55 para. 2" });
      const lot = await this.locked(m, request.lotId);
      const now = this.clock.now();
      if (input.grant) {
        this.checkExtension(await this.facilities.get(lot.facilityId, m), lot, request.requestedUntil);
        await m.update(StoredLot, { id: lot.id }, { storageEnd: request.requestedUntil, version: lot.version + 1 });
        await this.events.publish(m, "LotStorageExtended", lot.id, { lotId: lot.id, depositorId: lot.depositorId, from: lot.storageEnd!.toISOString(), until: request.requestedUntil.toISOString(), extendedAt: now.toISOString() });
      }
      return m.save(Object.assign(request, { decision: input.grant ? ExtensionDecision.GRANTED : ExtensionDecision.REFUSED, decidedAt: now, decisionReason: input.reason.trim() }));
    });
  }

  /**
   * WH-R05 (LD art. 52 para. 2 let. b, 63 para. 2 let. b): the depositor's rights and obligations
   * pass to another; the stock moves between their positions, and debt's conditional debt follows.
   */
  async transfer(principal: Principal, input: { lotId: string; toId: string }): Promise<DepositorTransfer> {
    return transaction(this.dataSource, async m => {
      const lot = await this.locked(m, input.lotId);
      if (!this.access.actsAsOfficer(principal) && !this.access.actsFor(principal, lot.depositorId)) throw refused("FORBIDDEN", "Only the depositor transfers its rights.", { field: "input.lotId" });
      if (input.toId === lot.depositorId) throw new ValidationError("The lot is already this depositor's.", { field: "input.toId" });
      // LD art. 52 para. 2 let. b for a customs warehouse, art. 63 para. 2 let. b for a free deposit.
      const facility = await this.facilities.get(lot.facilityId, m);
      const article = facility.kind === FacilityKind.CUSTOMS_FREE_DEPOSIT ? "LD art. 63 para. 2 let. b" : "LD art. 52 para. 2 let. b";
      if (lot.status !== LotStatus.STORED && lot.status !== LotStatus.DECLARED) throw refused("LOT_NOT_STORED", `The lot is ${lot.status}.`, { field: "input.lotId", rule: "WH-R05", article, status: lot.status });
      const now = this.clock.now();
      await this.stock.move(m, lot, MovementKind.TRANSFER_OUT, -lot.grams, now, who(principal));
      await this.stock.move(m, { ...lot, depositorId: input.toId }, MovementKind.TRANSFER_IN, lot.grams, now, who(principal));
      if (!(await transitionOnce(m, StoredLot, lot.id, { version: lot.version }, { depositorId: input.toId, version: lot.version + 1 }))) throw changed();
      const transfer = await m.save(m.create(DepositorTransfer, { id: randomUUID(), lotId: lot.id, fromId: lot.depositorId, toId: input.toId, effectiveAt: now }));
      await this.events.publish(m, "LotDepositorTransferred", lot.id, { lotId: lot.id, fromId: lot.depositorId, toId: input.toId, effectiveAt: now.toISOString() });
      return transfer;
    });
  }

  /** WH-R18, WH-R22 (DESIGN CHOICE, HandlingKind): handling recorded in open warehouses and free deposits, by the operator, the depositor or an officer. */
  async recordHandling(principal: Principal, input: { lotId: string; kind: HandlingKind; description: string }): Promise<LotHandling> {
    return transaction(this.dataSource, async m => {
      const lot = await this.locked(m, input.lotId);
      const facility = await this.facilities.get(lot.facilityId, m);
      if (!this.access.actsAsOfficer(principal) && !this.access.actsFor(principal, lot.depositorId) && !this.access.actsFor(principal, facility.operatorId)) {
        throw refused("FORBIDDEN", "Only the depositor, the operator or an officer records handling.", { field: "input.lotId" });
      }
      if (facility.kind === FacilityKind.CONSUMER_GOODS_WAREHOUSE) throw refused("HANDLING_NOT_ALLOWED", "A consumer goods warehouse stores bulk goods as admitted, without handling.", { field: "input.lotId", rule: "WH-R18", article: "LD art. 56" });
      if (lot.status !== LotStatus.STORED && lot.status !== LotStatus.DECLARED) throw refused("LOT_NOT_STORED", `The lot is ${lot.status}.`, { field: "input.lotId", rule: "WH-R18", article: "LD art. 56", status: lot.status });
      return m.save(m.create(LotHandling, { id: randomUUID(), lotId: lot.id, kind: input.kind, description: input.description.trim(), handledAt: this.clock.now(), recordedBy: who(principal) }));
    });
  }

  /**
   * X15 (LD art. 57, 67): declarations accepted a declaration taking the lot out (another
   * procedure, transit or export): the lot may leave. Also while a consumer goods lot's storage
   * has ended, within its 60 days (WH-R04), counted from the storage end whether or not the
   * storage job has marked the lot STORAGE_EXPIRED yet: a declaration accepted later takes nothing
   * out, and the job then makes the duties due. Idempotent; an unknown lot, or one no longer in the
   * facility, is left alone. A DECLARED lot goes to EXIT_DECLARED too: its inventory entry is still
   * owed by its deadline (WH-R11, OD-AFD art. 47), which `inventoryRecordedAt` tells, not the status.
   *
   * The declaration is accepted in declarations and reaches here later, through the event log: a
   * placement accepted within the 60 days may arrive after the storage job already made the duties
   * due (DUTIES_DUE). The acceptance, not the delivery, decides (WH-R04): the lot is placed all
   * the same, and `LotPlacedInTime` tells debt that the duties it was told were due are not.
   */
  async onExitDeclarationAccepted(m: EntityManager, payload: { declarationId: string; lotId: string | null; procedure: string; acceptedAt: string }): Promise<void> {
    if (!payload.lotId) return;
    const lot = await findForUpdate(m, StoredLot, { id: payload.lotId });
    if (!lot || ![LotStatus.STORED, LotStatus.DECLARED, LotStatus.STORAGE_EXPIRED, LotStatus.DUTIES_DUE].includes(lot.status)) return;
    const acceptedAt = new Date(payload.acceptedAt);
    // WH-R04 (LD art. 51 para. 3): the 60 days run from the end of the storage period, not from the
    // job's round: a lot still STORED long after its storage ended is as late as an expired one.
    if (lot.storageEnd && acceptedAt.getTime() > lot.storageEnd.getTime()) {
      const deadline = lot.placementDeadline ?? (await this.placementDeadlineOf(m, lot));
      if (acceptedAt.getTime() > deadline.getTime()) return;
    }
    await m.update(StoredLot, { id: lot.id }, { status: LotStatus.EXIT_DECLARED, exitDeclarationId: payload.declarationId, exitProcedure: payload.procedure, exitDeclaredAt: acceptedAt, version: lot.version + 1 });
    if (lot.status === LotStatus.DUTIES_DUE) {
      await this.events.publish(m, "LotPlacedInTime", lot.id, { lotId: lot.id, depositorId: lot.depositorId, exitDeclarationId: payload.declarationId, acceptedAt: acceptedAt.toISOString(), placementDeadline: lot.placementDeadline!.toISOString() });
    }
  }

  /**
   * WH-R12, WH-R17, WH-R25 (LD art. 57, 67): the goods leave against the exit declaration
   * declarations accepted (X15); without one the exit is refused and nothing changes. Debt ends the
   * lot's conditional debt (LotReleased), the exit declaration's own debt covering free circulation.
   */
  async recordExit(principal: Principal, lotId: string): Promise<StoredLot> {
    return transaction(this.dataSource, async m => {
      const lot = await this.locked(m, lotId);
      const facility = await this.facilities.get(lot.facilityId, m);
      if (!this.access.actsAsOfficer(principal) && !this.access.actsFor(principal, facility.operatorId)) throw refused("FORBIDDEN", "The operator or the office records an exit.", { field: "input.lotId" });
      const rule = facility.kind === FacilityKind.CUSTOMS_FREE_DEPOSIT ? { rule: "WH-R25", article: "LD art. 67" } : facility.kind === FacilityKind.CONSUMER_GOODS_WAREHOUSE ? { rule: "WH-R17", article: "LD art. 57 para. 2" } : { rule: "WH-R12", article: "LD art. 57 para. 1" };
      if (lot.status !== LotStatus.EXIT_DECLARED || !lot.exitDeclarationId) {
        throw refused("EXIT_DECLARATION_REQUIRED", "Goods leave only against an exit declaration accepted by customs: placement under another procedure, transit or export.", { field: "input.lotId", ...rule, status: lot.status });
      }
      const now = this.clock.now();
      await this.stock.move(m, lot, MovementKind.EXIT, -lot.grams, now, who(principal), lot.exitDeclarationId);
      if (!(await transitionOnce(m, StoredLot, lot.id, { status: LotStatus.EXIT_DECLARED, version: lot.version }, { status: LotStatus.EXITED, leftAt: now, version: lot.version + 1 }))) throw changed();
      await this.events.publish(m, "LotReleased", lot.id, { lotId: lot.id, facilityId: facility.id, exitDeclarationId: lot.exitDeclarationId, procedure: lot.exitProcedure, releasedAt: now.toISOString() });
      return this.get(lot.id, m);
    });
  }

  /**
   * WH-R13 (LD art. 69 let. d; X16): the office finds goods gone without an exit declaration. The
   * debt arises when they left, or when the omission was discovered if that date cannot be
   * established. DESIGN CHOICE: the sources name open customs warehouses; the same applies to the
   * other kinds, their goods being equally under supervision. Not for a lot whose exit declaration
   * customs accepted (EXIT_ALREADY_DECLARED): its goods leave under that declaration, whose
   * acceptance gave rise to their debt (LD art. 69 let. a); recorded as gone without one, debt
   * would be asked for a second (X16).
   */
  async recordReleaseWithoutDeclaration(principal: Principal, input: { lotId: string; releasedAt?: Date | null }): Promise<StoredLot> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    const now = this.clock.now();
    if (input.releasedAt && input.releasedAt.getTime() > now.getTime()) throw new ValidationError("The goods left before the discovery.", { field: "input.releasedAt", rule: "WH-R13", article: "LD art. 69 let. d" });
    return transaction(this.dataSource, async m => {
      const lot = await this.locked(m, input.lotId);
      if (lot.status === LotStatus.EXIT_DECLARED) {
        throw refused("EXIT_ALREADY_DECLARED", `Customs accepted exit declaration ${lot.exitDeclarationId} for this lot: its goods leave under it (recordLotExit), the debt having arisen at its acceptance (LD art. 69 let. a).`, {
          field: "input.lotId",
          rule: "WH-R13",
          article: "LD art. 69 let. d",
          status: lot.status,
          exitDeclarationId: lot.exitDeclarationId,
        });
      }
      if (![LotStatus.DECLARED, LotStatus.STORED, LotStatus.STORAGE_EXPIRED, LotStatus.DUTIES_DUE].includes(lot.status)) {
        throw refused("LOT_NOT_IN_FACILITY", `The lot is ${lot.status}.`, { field: "input.lotId", rule: "WH-R13", article: "LD art. 69 let. d", status: lot.status });
      }
      if (input.releasedAt && input.releasedAt.getTime() < lot.enteredAt.getTime()) throw new ValidationError("The goods left after they entered.", { field: "input.releasedAt", rule: "WH-R13", article: "LD art. 69 let. d" });
      const facility = await this.facilities.get(lot.facilityId, m);
      await this.stock.move(m, lot, MovementKind.EXIT_WITHOUT_DECLARATION, -lot.grams, now, who(principal));
      await m.update(StoredLot, { id: lot.id }, { status: LotStatus.EXITED_WITHOUT_DECLARATION, leftAt: now, releasedWithoutDeclarationAt: input.releasedAt ?? null, version: lot.version + 1 });
      await this.events.publish(m, "LotReleasedWithoutDeclaration", lot.id, {
        lotId: lot.id,
        facilityId: facility.id,
        facilityKind: facility.kind,
        depositorId: lot.depositorId,
        operatorId: facility.operatorId,
        releasedAt: input.releasedAt?.toISOString() ?? null,
        discoveredAt: now.toISOString(),
        tariffNumber: lot.tariffNumber,
        netMassKg: lot.netMassKg,
      });
      return this.get(lot.id, m);
    });
  }

  /** WH-R28 (LD art. 86 para. 1 let. a; OD-AFD art. 60; X18): destroyed by accident, force majeure or with the authorities' consent; remission may then be asked in debt. */
  async recordDestruction(principal: Principal, input: { lotId: string; cause: DestructionCause; destroyedAt: Date }): Promise<StoredLot> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    const now = this.clock.now();
    if (input.destroyedAt.getTime() > now.getTime()) throw new ValidationError("The destruction has happened.", { field: "input.destroyedAt", rule: "WH-R28", article: "LD art. 86 para. 1 let. a" });
    return transaction(this.dataSource, async m => {
      const lot = await this.locked(m, input.lotId);
      if (![LotStatus.DECLARED, LotStatus.STORED, LotStatus.EXIT_DECLARED, LotStatus.STORAGE_EXPIRED].includes(lot.status)) {
        throw refused("LOT_NOT_IN_FACILITY", `The lot is ${lot.status}.`, { field: "input.lotId", rule: "WH-R28", article: "LD art. 86 para. 1 let. a", status: lot.status });
      }
      if (input.destroyedAt.getTime() < lot.enteredAt.getTime()) throw new ValidationError("The goods were destroyed after they entered.", { field: "input.destroyedAt" });
      await this.stock.move(m, lot, MovementKind.DESTRUCTION, -lot.grams, now, who(principal));
      await m.update(StoredLot, { id: lot.id }, { status: LotStatus.DESTROYED, leftAt: now, destructionCause: input.cause, version: lot.version + 1 });
      await this.events.publish(m, "LotDestroyed", lot.id, { lotId: lot.id, depositorId: lot.depositorId, destroyedAt: input.destroyedAt.toISOString(), cause: input.cause });
      return this.get(lot.id, m);
    });
  }

  // ------------------------------------------------------------ time

  /** InventoryEntryOverdue (for enforcement, X-event of WH-R11, OD-AFD art. 47): once per lot, dated at its deadline. */
  private async publishInventoryOverdue(m: EntityManager, lot: StoredLot): Promise<void> {
    await this.events.publish(m, "InventoryEntryOverdue", lot.id, { lotId: lot.id, facilityId: lot.facilityId, depositorId: lot.depositorId, dueBy: lot.inventoryDueBy!.toISOString() });
  }

  /**
   * WH-R11, WH-R16, WH-R24: lots still not in the inventory at their deadline are marked and
   * reported once (InventoryEntryOverdue, for enforcement): a compare-and-set and its event in one
   * transaction, dated at the deadline. Whatever their status (OD-AFD art. 47; LD art. 56): goods
   * whose exit was declared, or that left, before their entry still owed it.
   */
  inventoryOverdueJob(): ScheduledJob {
    return {
      name: "inventory-overdue",
      run: async now => {
        // IDX_stored_lot_inventory_pending: two null seeks and a range, however many lots have left.
        const late = await this.dataSource.getRepository(StoredLot).find({ where: { inventoryRecordedAt: IsNull(), inventoryOverdueAt: IsNull(), inventoryDueBy: LessThan(now) }, take: 500 });
        let flagged = 0;
        for (const lot of late) {
          const ok = await transaction(this.dataSource, async m => {
            if (!(await transitionOnce(m, StoredLot, lot.id, { inventoryRecordedAt: IsNull(), inventoryOverdueAt: IsNull() } as never, { inventoryOverdueAt: lot.inventoryDueBy! }))) return false;
            await this.publishInventoryOverdue(m, lot);
            return true;
          });
          if (ok) flagged += 1;
        }
        return flagged;
      },
    };
  }

  /**
   * WH-R04, WH-R14 (LD art. 51 para. 3, 55 para. 2): a consumer goods lot whose storage period
   * ended unplaced is STORAGE_EXPIRED (X17), with 60 days to be placed under another procedure
   * (moved, as DEC-R60, to the next working day of the control office's canton); still unplaced
   * then, DUTIES_DUE (LotDutiesDue: debt makes the conditional duties due). Each transition is a
   * compare-and-set with its event in one transaction, dated at its deadline: once, across
   * replicas and restarts.
   */
  storageJob(): ScheduledJob {
    return {
      name: "storage-periods",
      run: async now => {
        let moved = 0;
        const ended = await this.dataSource.getRepository(StoredLot).find({ where: { status: In([LotStatus.STORED, LotStatus.DECLARED]), storageEnd: LessThan(now) }, take: 500 });
        for (const lot of ended) if (await this.expire(lot)) moved += 1;
        const unplaced = await this.dataSource.getRepository(StoredLot).find({ where: { status: LotStatus.STORAGE_EXPIRED, placementDeadline: LessThan(now) }, take: 500 });
        for (const lot of unplaced) if (await this.dutiesDue(lot)) moved += 1;
        return moved;
      },
    };
  }

  /** WH-R04 (LD art. 51 para. 3): the last instant to place the lot, 60 days after its storage end, moved as DEC-R60 past the control office's days off. */
  private async placementDeadlineOf(m: EntityManager, lot: StoredLot): Promise<Date> {
    const facility = await this.facilities.get(lot.facilityId, m);
    const calendar = this.facilities.calendarOf(await this.facilities.office(m, facility.controlOfficeId));
    return calendar.appealPeriodEndsAt(lot.storageEnd!, PLACEMENT_DAYS);
  }

  private async expire(lot: StoredLot): Promise<boolean> {
    return transaction(this.dataSource, async m => {
      const placementDeadline = await this.placementDeadlineOf(m, lot);
      if (!(await transitionOnce(m, StoredLot, lot.id, { status: lot.status, version: lot.version }, { status: LotStatus.STORAGE_EXPIRED, placementDeadline, version: lot.version + 1 }))) return false;
      await this.events.publish(m, "StoragePeriodExpired", lot.id, { lotId: lot.id, depositorId: lot.depositorId, storageEnd: lot.storageEnd!.toISOString(), placementDeadline: placementDeadline.toISOString() });
      return true;
    });
  }

  private async dutiesDue(lot: StoredLot): Promise<boolean> {
    return transaction(this.dataSource, async m => {
      if (!(await transitionOnce(m, StoredLot, lot.id, { status: LotStatus.STORAGE_EXPIRED, version: lot.version }, { status: LotStatus.DUTIES_DUE, version: lot.version + 1 }))) return false;
      await this.events.publish(m, "LotDutiesDue", lot.id, { lotId: lot.id, depositorId: lot.depositorId, storageEnd: lot.storageEnd!.toISOString(), dueAt: lot.placementDeadline!.toISOString() });
      return true;
    });
  }

  // ------------------------------------------------------------ reads

  async get(id: string, m: EntityManager = this.dataSource.manager): Promise<StoredLot> {
    const lot = await m.findOneBy(StoredLot, { id });
    if (!lot) throw new NotFoundError("StoredLot", id, "input.lotId");
    return lot;
  }

  private async locked(m: EntityManager, id: string): Promise<StoredLot> {
    const lot = await findForUpdate(m, StoredLot, { id });
    if (!lot) throw new NotFoundError("StoredLot", id, "input.lotId");
    return lot;
  }

  async byIds(ids: readonly string[]): Promise<(StoredLot | null)[]> {
    return loadByColumn(this.dataSource.getRepository(StoredLot), "id", ids);
  }

  /**
   * Pages of the lots each declaration brought in (entry declaration) or takes out (exit
   * declaration, X15), oldest entry first, for many declarations in two statements (one window
   * query over both columns picks each declaration's page, one loads the lots) and, when asked
   * for, one count for all. `visibleTo` (a partner's ids; null for officers) keeps the lots it
   * stores or whose facility it operates; a declaration whose lots are all someone else's is
   * FORBIDDEN rather than empty, at the cost of one more statement for those declarations.
   */
  async ofDeclarations(declarationIds: readonly string[], args: ConnectionArgs, visibleTo: string[] | null): Promise<(ConnectionShape<StoredLot> | Error)[]> {
    if (!declarationIds.length) return [];
    const ids = [...new Set(declarationIds)];
    const marks = (n: number) => Array(n).fill("?").join(", ");
    const union = (visible: boolean) => {
      const params: unknown[] = [];
      const half = (column: string) => {
        params.push(...ids);
        let sql = `SELECT l.id AS id, l.${column} AS parent, l.entered_at AS t FROM stored_lot l WHERE l.${column} IN (${marks(ids.length)})`;
        if (visible && visibleTo) {
          sql += visibleTo.length
            ? ` AND (l.depositor_id IN (${marks(visibleTo.length)}) OR l.facility_id IN (SELECT f.id FROM storage_facility f WHERE f.operator_id IN (${marks(visibleTo.length)})))`
            : " AND 1 = 0";
          params.push(...visibleTo, ...visibleTo);
        }
        return sql;
      };
      // UNION, not UNION ALL: a lot both entered and leaves under one declaration counts once.
      return { sql: `${half("entry_declaration_id")} UNION ${half("exit_declaration_id")}`, params };
    };
    const lots = union(true);
    const params = [...lots.params];
    let after = "";
    if (args.after) {
      const [time, id] = keyCursor.decode<[string, string]>(args.after, ["string", "string"]);
      const at = new Date(time);
      if (Number.isNaN(at.getTime())) throw new ValidationError("The cursor is not one this API issued.", { field: "after" });
      after = " WHERE (u.t > ? OR (u.t = ? AND u.id > ?))";
      params.push(sqlTime(at), sqlTime(at), id);
    }
    const picked: { id: string; parent: string }[] = await this.dataSource.query(
      `SELECT r.id, r.parent FROM (SELECT u.id, u.parent, ROW_NUMBER() OVER (PARTITION BY u.parent ORDER BY u.t ASC, u.id ASC) AS rn FROM (${lots.sql}) u${after}) r WHERE r.rn <= ?`,
      [...params, Number(args.first) + 1],
    );
    const rows = picked.length ? await this.dataSource.getRepository(StoredLot).find({ where: { id: In([...new Set(picked.map(r => r.id))]) } }) : [];
    const byId = new Map(rows.map(r => [r.id, r]));
    let counts: Promise<Map<string, number>> | undefined;
    const countAll = () =>
      (counts ??= (this.dataSource.query(`SELECT u.parent, COUNT(*) AS n FROM (${lots.sql}) u GROUP BY u.parent`, lots.params) as Promise<{ parent: string; n: string | number }[]>).then(
        raw => new Map(raw.map(r => [r.parent, Number(r.n)])),
      ));
    // Warehousing does not know the declaration's parties: the lots are the depositor's and the operator's to see.
    const empty = ids.filter(id => !picked.some(r => r.parent === id));
    const hidden = new Set<string>();
    if (visibleTo && empty.length && !args.after) {
      const all = union(false);
      const found: { parent: string }[] = await this.dataSource.query(`SELECT DISTINCT u.parent FROM (${all.sql}) u`, all.params);
      for (const r of found) if (empty.includes(r.parent)) hidden.add(r.parent);
    }
    const cursorTime = (lot: StoredLot) => lot.enteredAt.toISOString();
    return declarationIds.map(declarationId => {
      if (hidden.has(declarationId)) return new ForbiddenError("You are neither the depositor nor the operator of these lots.", { declarationId });
      const page = picked
        .filter(r => r.parent === declarationId)
        .map(r => byId.get(r.id)!)
        .sort((a, b) => a.enteredAt.getTime() - b.enteredAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return pageByKey(page, args, lot => [cursorTime(lot), lot.id], async () => (await countAll()).get(declarationId) ?? 0);
    });
  }

  /** Pages of many lots' storage extension requests, oldest first, in constant statements (WH-R14). */
  async extensionsOf(lotIds: readonly string[], args: ConnectionArgs): Promise<ConnectionShape<StorageExtension>[]> {
    return paginateByParent(this.dataSource.getRepository(StorageExtension), { parentProperty: "lotId", timeProperty: "requestedAt" }, lotIds, args);
  }

  /** Pages of many lots' depositor transfers, oldest first, in constant statements (WH-R05). */
  async transfersOf(lotIds: readonly string[], args: ConnectionArgs): Promise<ConnectionShape<DepositorTransfer>[]> {
    return paginateByParent(this.dataSource.getRepository(DepositorTransfer), { parentProperty: "lotId", timeProperty: "effectiveAt" }, lotIds, args);
  }

  /** Pages of many lots' handling records, oldest first, in constant statements (WH-R18). */
  async handlingsOf(lotIds: readonly string[], args: ConnectionArgs): Promise<ConnectionShape<LotHandling>[]> {
    return paginateByParent(this.dataSource.getRepository(LotHandling), { parentProperty: "lotId", timeProperty: "handledAt" }, lotIds, args);
  }

  async list(filter: { facilityIds?: string[] | null; depositorIds?: string[] | null; visibleTo?: string[] | null; statuses?: LotStatus[] | null }, args: ConnectionArgs): Promise<ConnectionShape<StoredLot>> {
    const qb = this.dataSource.getRepository(StoredLot).createQueryBuilder("l");
    if (filter.facilityIds) qb.andWhere(filter.facilityIds.length ? "l.facility_id IN (:...facilities)" : "1 = 0", { facilities: filter.facilityIds });
    if (filter.depositorIds) qb.andWhere(filter.depositorIds.length ? "l.depositor_id IN (:...depositors)" : "1 = 0", { depositors: filter.depositorIds });
    if (filter.visibleTo) {
      // A partner's own lots, and the lots in the facilities it operates.
      qb.andWhere(
        filter.visibleTo.length ? "(l.depositor_id IN (:...mine) OR l.facility_id IN (SELECT f.id FROM storage_facility f WHERE f.operator_id IN (:...mine)))" : "1 = 0",
        { mine: filter.visibleTo },
      );
    }
    if (filter.statuses?.length) qb.andWhere("l.status IN (:...statuses)", { statuses: filter.statuses });
    return paginate(qb, args, { alias: "l", timeColumn: "entered_at", timeProperty: "enteredAt" });
  }
}

function changed() {
  return refused("CONCURRENT_MODIFICATION", "The lot changed meanwhile; read it again.", { retryable: true });
}
