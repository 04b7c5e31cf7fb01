import { randomUUID } from "node:crypto";
import { DataSource, EntityManager } from "typeorm";
import {
  Clock,
  ConnectionArgs,
  ConnectionShape,
  EventPublisher,
  findForUpdate,
  formatRappen,
  loadByColumn,
  NotFoundError,
  OfficeCalendar,
  paginate,
  Principal,
  transaction,
  ValidationError,
} from "../../kit";
import { ControlOffice, FacilityAuthorisation, StorageFacility } from "../entities/facility.entity";
import { AuthorisationStatus, FacilityKind, InventoryKeeper } from "../entities/enums";
import { WarehousingAccess } from "./access";
import { refused } from "./errors";

export interface ApplyInput {
  operatorId: string;
  kind: FacilityKind;
  name: string;
  address: string;
  controlOfficeId: string;
  domiciledInSwitzerland: boolean;
  properOperationGuaranteed: boolean;
  openToAllOnEqualTerms?: boolean | null;
  inventoryKeeper?: InventoryKeeper | null;
}

export interface DecideInput {
  facilityId: string;
  grant: boolean;
  disproportionateAdministrativeCost?: boolean | null;
  charges?: string[] | null;
  excludedGoods?: string[] | null;
  specialPremisesGoods?: string[] | null;
  admittedGoods?: string[] | null;
  operatorSecurityRequired?: number | null;
  reason?: string | null;
}

const GOODS_RULE = /^\d{2}(\d{2}(\.\d{1,4})?)?$/;

/** The article of a facility kind's authorisation (WH-R10, LD art. 54; WH-R21, LD art. 64). */
export function authorisationRule(kind: FacilityKind): { rule: string; article: string } {
  return kind === FacilityKind.CUSTOMS_FREE_DEPOSIT ? { rule: "WH-R21", article: "LD art. 64" } : { rule: "WH-R10", article: "LD art. 54" };
}

/** Does a goods rule (a chapter, heading or tariff number prefix) cover this tariff number? */
export function covers(rules: readonly string[], tariffNumber: string): boolean {
  return rules.some(rule => tariffNumber.startsWith(rule));
}

/**
 * Facilities and their authorisations (WH-R01, WH-R05 to WH-R10, WH-R19 to WH-R23): the operator
 * applies, the administration (a district directorate or the DGD) grants with charges, excluded
 * goods, special premises, admitted goods and the operator's security, or refuses.
 */
export class FacilityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: WarehousingAccess,
    private readonly events: EventPublisher,
  ) {}

  async apply(principal: Principal, input: ApplyInput): Promise<StorageFacility> {
    if (!this.access.actsAsOfficer(principal) && !this.access.actsFor(principal, input.operatorId)) throw refused("FORBIDDEN", "You do not act for this operator.", { field: "input.operatorId" });
    const zfl = input.kind === FacilityKind.CUSTOMS_FREE_DEPOSIT;
    if (input.openToAllOnEqualTerms !== null && input.openToAllOnEqualTerms !== undefined && !zfl) {
      throw new ValidationError("Only a free deposit is open to all on equal terms.", { field: "input.openToAllOnEqualTerms", rule: "WH-R21", article: "LD art. 64 let. c" });
    }
    return transaction(this.dataSource, async m => {
      await this.office(m, input.controlOfficeId);
      const now = this.clock.now();
      const facility = await m.save(
        m.create(StorageFacility, {
          id: randomUUID(),
          kind: input.kind,
          name: input.name.trim(),
          address: input.address.trim(),
          operatorId: input.operatorId,
          controlOfficeId: input.controlOfficeId,
          inventoryKeeper: input.inventoryKeeper ?? InventoryKeeper.OPERATOR,
          createdAt: now,
        }),
      );
      await m.save(
        m.create(FacilityAuthorisation, {
          id: randomUUID(),
          facilityId: facility.id,
          status: AuthorisationStatus.APPLIED,
          appliedAt: now,
          domiciledInSwitzerland: input.domiciledInSwitzerland,
          properOperationGuaranteed: input.properOperationGuaranteed,
          openToAllOnEqualTerms: Boolean(input.openToAllOnEqualTerms),
          decidedAt: null,
          reason: null,
          charges: [],
          excludedGoods: [],
          specialPremisesGoods: [],
          admittedGoods: [],
          operatorSecurityRequired: null,
        }),
      );
      return facility;
    });
  }

  /**
   * WH-R10 (LD art. 54), WH-R21 (LD art. 64): the administration grants when the operator is
   * domiciled in Switzerland and guarantees proper operation, supervision costs nothing
   * disproportionate, and a free deposit is open to all on the same conditions; a consumer goods
   * warehouse admits named goods (WH-R14). A security required of the operator goes to debt as a
   * requisition (OperatorSecurityRequired; WH-R09, WH-R23).
   */
  async decide(principal: Principal, input: DecideInput): Promise<FacilityAuthorisation> {
    this.access.requireOfficer(principal, "DISTRICT_DIRECTORATE", "DGD");
    for (const [field, rules] of [["excludedGoods", input.excludedGoods], ["specialPremisesGoods", input.specialPremisesGoods], ["admittedGoods", input.admittedGoods]] as const) {
      if ((rules ?? []).some(r => !GOODS_RULE.test(r))) throw new ValidationError("Goods are named by tariff chapter (2 digits), heading (4) or number (NNNN.NNNN).", { field: `input.${field}` });
    }
    if (input.operatorSecurityRequired !== null && input.operatorSecurityRequired !== undefined && input.operatorSecurityRequired <= 0) {
      throw new ValidationError("The security required is positive.", { field: "input.operatorSecurityRequired" });
    }
    return transaction(this.dataSource, async m => {
      const facility = await this.get(input.facilityId, m);
      const authorisation = await findForUpdate(m, FacilityAuthorisation, { facilityId: facility.id });
      if (!authorisation) throw new NotFoundError("FacilityAuthorisation", facility.id, "input.facilityId");
      const { rule, article } = authorisationRule(facility.kind);
      if (authorisation.status !== AuthorisationStatus.APPLIED) throw refused("ALREADY_DECIDED", `The authorisation is ${authorisation.status}.`, { field: "input.facilityId", rule, article, status: authorisation.status });
      const now = this.clock.now();
      if (!input.grant) {
        if (!input.reason?.trim()) throw new ValidationError("A refusal gives its reasons.", { field: "input.reason", rule, article });
        return m.save(Object.assign(authorisation, { status: AuthorisationStatus.REFUSED, decidedAt: now, reason: input.reason.trim() }));
      }
      const unmet = [
        !authorisation.domiciledInSwitzerland && `the operator is not domiciled in Switzerland (${article} let. a)`,
        !authorisation.properOperationGuaranteed && `proper operation is not guaranteed (${article} let. a)`,
        input.disproportionateAdministrativeCost !== false && `supervision would cause disproportionate administrative cost, or it was not assessed (${article} let. b)`,
        facility.kind === FacilityKind.CUSTOMS_FREE_DEPOSIT && !authorisation.openToAllOnEqualTerms && "the free deposit is not open to all on the same conditions (LD art. 64 let. c)",
      ].filter((x): x is string => Boolean(x));
      if (unmet.length) throw refused("AUTHORISATION_CONDITIONS_NOT_MET", `Not granted: ${unmet.join("; ")}.`, { field: "input.grant", rule, article, unmet });
      if (facility.kind === FacilityKind.CONSUMER_GOODS_WAREHOUSE && !input.admittedGoods?.length) {
        throw refused("ADMITTED_GOODS_REQUIRED", "A consumer goods warehouse stores only the goods the administration admits: name them.", { field: "input.admittedGoods", rule: "WH-R14", article: "LD art. 55 para. 1" });
      }
      if (facility.kind !== FacilityKind.CONSUMER_GOODS_WAREHOUSE && input.admittedGoods?.length) {
        throw new ValidationError("Admitted goods are named for a consumer goods warehouse.", { field: "input.admittedGoods", rule: "WH-R14", article: "LD art. 55 para. 1" });
      }
      Object.assign(authorisation, {
        status: AuthorisationStatus.GRANTED,
        decidedAt: now,
        reason: input.reason?.trim() || null,
        charges: input.charges ?? [],
        excludedGoods: input.excludedGoods ?? [],
        specialPremisesGoods: input.specialPremisesGoods ?? [],
        admittedGoods: input.admittedGoods ?? [],
        operatorSecurityRequired: input.operatorSecurityRequired ?? null,
      });
      await m.save(authorisation);
      if (authorisation.operatorSecurityRequired) {
        await this.events.publish(m, "OperatorSecurityRequired", facility.id, {
          facilityId: facility.id,
          operatorId: facility.operatorId,
          amount: formatRappen(authorisation.operatorSecurityRequired),
          controlOfficeId: facility.controlOfficeId,
          requiredAt: now.toISOString(),
        });
      }
      return authorisation;
    });
  }

  /** DESIGN CHOICE (DOMAIN.md §4.2; the sources name no grounds): a revoked facility takes no more goods; those stored leave as usual. */
  async revoke(principal: Principal, input: { facilityId: string; reason: string }): Promise<FacilityAuthorisation> {
    this.access.requireOfficer(principal, "DISTRICT_DIRECTORATE", "DGD");
    return transaction(this.dataSource, async m => {
      const facility = await this.get(input.facilityId, m);
      const authorisation = (await findForUpdate(m, FacilityAuthorisation, { facilityId: facility.id }))!;
      if (authorisation.status !== AuthorisationStatus.GRANTED) throw refused("NOT_GRANTED", `The authorisation is ${authorisation.status}.`, { field: "input.facilityId", ...authorisationRule(facility.kind), status: authorisation.status });
      // As a refusal (decide): the administration gives its reasons.
      if (!input.reason.trim()) throw new ValidationError("A revocation gives its reasons.", { field: "input.reason", ...authorisationRule(facility.kind) });
      return m.save(Object.assign(authorisation, { status: AuthorisationStatus.REVOKED, decidedAt: this.clock.now(), reason: input.reason.trim() }));
    });
  }

  // ------------------------------------------------------------ reads and reference data

  async get(id: string, m: EntityManager = this.dataSource.manager): Promise<StorageFacility> {
    const facility = await m.findOneBy(StorageFacility, { id });
    if (!facility) throw new NotFoundError("StorageFacility", id, "input.facilityId");
    return facility;
  }

  async office(m: EntityManager, id: string): Promise<ControlOffice> {
    const office = await m.findOneBy(ControlOffice, { id });
    if (!office) throw new NotFoundError("CustomsOffice", id, "input.controlOfficeId");
    return office;
  }

  /** The control office's calendar: its canton's public holidays and counter hours (kit/calendar.ts). */
  calendarOf(office: ControlOffice): OfficeCalendar {
    return new OfficeCalendar({ canton: office.canton, openingHours: office.openingHours });
  }

  async byIds(ids: readonly string[]): Promise<(StorageFacility | null)[]> {
    return loadByColumn(this.dataSource.getRepository(StorageFacility), "id", ids);
  }

  async authorisationsOf(facilityIds: readonly string[]): Promise<(FacilityAuthorisation | null)[]> {
    return loadByColumn(this.dataSource.getRepository(FacilityAuthorisation), "facilityId", facilityIds);
  }

  async list(filter: { operatorIds?: string[] | null; kind?: FacilityKind | null }, args: ConnectionArgs): Promise<ConnectionShape<StorageFacility>> {
    const qb = this.dataSource.getRepository(StorageFacility).createQueryBuilder("f");
    if (filter.operatorIds) qb.andWhere(filter.operatorIds.length ? "f.operator_id IN (:...operators)" : "1 = 0", { operators: filter.operatorIds });
    if (filter.kind) qb.andWhere("f.kind = :kind", { kind: filter.kind });
    return paginate(qb, args, { alias: "f", timeColumn: "created_at", timeProperty: "createdAt" });
  }
}
