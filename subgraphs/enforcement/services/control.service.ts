import { randomUUID } from "node:crypto";
import { DataSource, EntityManager, In } from "typeorm";
import { Clock, ConnectionArgs, ConnectionShape, endOfSameDateYearsLater, findForUpdate, NotFoundError, paginate, paginateByParent, Principal, transaction, ValidationError } from "../../kit";
import { Control, ControlMeasure } from "../entities/control.entity";
import { CaseStatus, ControlKind, ControlResult, ControlStatus, HomeControlStanding, MeasureGround, MeasureKind, Sex } from "../entities/enums";
import { OffenceCase } from "../entities/offence-case.entity";
import type { EnforcementAccess } from "./access";
import { refused } from "./errors";

/** ENF-R01, ENF-R02 (LD art. 30 para. 3, 31 para. 3): years after importation during which the right to control lasts. */
export const CONTROL_RIGHT_YEARS: Record<ControlKind, number | null> = {
  [ControlKind.TERRITORY_CONTROL]: 1,
  [ControlKind.HOME_CONTROL]: 5,
  [ControlKind.BORDER_AREA_CONTROL]: null,
};

const RIGHT_RULE: Record<ControlKind, { rule: string; article: string }> = {
  [ControlKind.TERRITORY_CONTROL]: { rule: "ENF-R01", article: "LD art. 30 para. 3" },
  [ControlKind.HOME_CONTROL]: { rule: "ENF-R02", article: "LD art. 31 para. 3" },
  [ControlKind.BORDER_AREA_CONTROL]: { rule: "ENF-R03", article: "LD art. 100" },
};

/** LD art. 101 para. 2, 102 para. 1: the grounds for a pat-down, a body search or a medical examination. */
const SEARCH_GROUNDS = [MeasureGround.SUSPECTED_DANGEROUS, MeasureGround.CARRYING_WEAPONS_OR_OBJECTS_TO_SECURE, MeasureGround.PROVISIONAL_ARREST_CONDITIONS_MET];

export interface PlanControlInput {
  kind: ControlKind;
  targetId: string;
  targetStanding?: HomeControlStanding | null;
  declarationId?: string | null;
  importedAt?: Date | null;
  place: string;
  scheduledFor?: Date | null;
  caseId?: string | null;
}

export interface MeasureInput {
  controlId: string;
  kind: MeasureKind;
  grounds?: MeasureGround[] | null;
  personSex?: Sex | null;
  searcherSex?: Sex | null;
  couldNotBePostponed?: boolean | null;
  byPhysician?: boolean | null;
  handedOverTo?: string | null;
  notes?: string | null;
}

/** Controls after release and in the border area, and the measures taken in them (ENF-R01 to ENF-R04). */
export class ControlService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: EnforcementAccess,
  ) {}

  async byIds(ids: readonly string[]): Promise<(Control | null)[]> {
    const rows = await this.dataSource.getRepository(Control).findBy({ id: In([...new Set(ids)]) });
    const byId = new Map(rows.map(r => [r.id, r]));
    return ids.map(id => byId.get(id) ?? null);
  }

  /** A page of each control's measures, oldest first, in a constant number of statements. */
  async measurePages(controlIds: readonly string[], args: ConnectionArgs): Promise<ConnectionShape<ControlMeasure>[]> {
    return paginateByParent(this.dataSource.getRepository(ControlMeasure), { parentProperty: "controlId", timeProperty: "takenAt" }, controlIds, args);
  }

  /** A page of the controls made for each case, oldest planned first, in a constant number of statements. */
  async pagesOfCases(caseIds: readonly string[], args: ConnectionArgs): Promise<ConnectionShape<Control>[]> {
    return paginateByParent(this.dataSource.getRepository(Control), { parentProperty: "caseId", timeProperty: "plannedAt" }, caseIds, args);
  }

  async get(principal: Principal, id: string): Promise<Control> {
    this.access.requireControls(principal);
    const found = await this.dataSource.getRepository(Control).findOneBy({ id });
    if (!found) throw new NotFoundError("Control", id, "id");
    return found;
  }

  async list(principal: Principal, filter: { targetId?: string | null; statuses?: ControlStatus[] | null }, args: ConnectionArgs) {
    this.access.requireControls(principal);
    const qb = this.dataSource.getRepository(Control).createQueryBuilder("c");
    if (filter.targetId) qb.andWhere("c.target_id = :targetId", { targetId: filter.targetId });
    if (filter.statuses?.length) qb.andWhere("c.status IN (:...statuses)", { statuses: filter.statuses });
    return paginate(qb, args, { alias: "c", timeColumn: "planned_at", timeProperty: "plannedAt" });
  }

  /**
   * ENF-R01, ENF-R02: the last instant of the right to control goods imported at `importedAt`:
   * the end of the same calendar date one (territory) or five (home) years later (DOMAIN.md §0.4 T8).
   */
  rightExpiresAt(kind: ControlKind, importedAt: Date): Date | null {
    const years = CONTROL_RIGHT_YEARS[kind];
    return years === null ? null : endOfSameDateYearsLater(importedAt, years);
  }

  /**
   * Plans a control. Refused once the right expired, unless a criminal investigation is open
   * (LD art. 30 para. 3, 31 para. 3: "opening a criminal investigation is reserved").
   */
  async plan(principal: Principal, input: PlanControlInput): Promise<Control> {
    this.access.requireControls(principal);
    const now = this.clock.now();
    if (!input.place.trim()) throw new ValidationError("Say where the control is made.", { field: "input.place" });
    if (input.kind === ControlKind.BORDER_AREA_CONTROL) {
      if (input.importedAt) throw new ValidationError("A border area control concerns no importation.", { field: "input.importedAt", rule: "ENF-R03", article: "LD art. 100" });
    } else if (!input.importedAt) {
      throw new ValidationError("The right to control runs from the importation: give its moment.", { field: "input.importedAt", ...RIGHT_RULE[input.kind] });
    } else if (input.importedAt > now) {
      throw new ValidationError("The importation is in the past.", { field: "input.importedAt" });
    }
    if (input.kind === ControlKind.HOME_CONTROL && !input.targetStanding) {
      throw refused("HOME_CONTROL_TARGET_REQUIRED", "A home control is made at a person who is or was declarant or debtor, or must keep records under the LD.", { field: "input.targetStanding", rule: "ENF-R02", article: "LD art. 31 para. 1" });
    }
    if (input.kind !== ControlKind.HOME_CONTROL && input.targetStanding) throw new ValidationError("targetStanding is for a home control (LD art. 31 para. 1).", { field: "input.targetStanding" });
    return transaction(this.dataSource, async m => {
      const rightExpiresAt = input.importedAt ? this.rightExpiresAt(input.kind, input.importedAt) : null;
      await this.requireRight(m, input.kind, rightExpiresAt, input.caseId ?? null, now, "input.importedAt");
      const control = m.create(Control, {
        id: randomUUID(),
        kind: input.kind,
        targetId: input.targetId,
        targetStanding: input.targetStanding ?? null,
        declarationId: input.declarationId ?? null,
        importedAt: input.importedAt ?? null,
        rightExpiresAt,
        caseId: input.caseId ?? null,
        status: ControlStatus.PLANNED,
        place: input.place.trim(),
        scheduledFor: input.scheduledFor ?? null,
        plannedAt: now,
        plannedBy: principal.subject ?? principal.kind,
        performedAt: null,
        performedBy: null,
        result: null,
        findings: null,
        closedAt: null,
      });
      await m.insert(Control, control);
      return control;
    });
  }

  /** The right holds at `now`, or a criminal investigation named for the control is open. */
  private async requireRight(m: EntityManager, kind: ControlKind, rightExpiresAt: Date | null, caseId: string | null, now: Date, field: string): Promise<void> {
    if (caseId) {
      const c = await m.findOneBy(OffenceCase, { id: caseId });
      if (!c) throw new NotFoundError("OffenceCase", caseId, "input.caseId");
      if (c.status === CaseStatus.OPENED || c.status === CaseStatus.UNDER_INVESTIGATION) return;
      if (rightExpiresAt && now > rightExpiresAt) throw refused("CONTROL_RIGHT_EXPIRED", `The right to control expired ${rightExpiresAt.toISOString()} and the case named is ${c.status}, not under investigation.`, { field: "input.caseId", rightExpiresAt: rightExpiresAt.toISOString(), ...RIGHT_RULE[kind] });
    }
    if (rightExpiresAt && now > rightExpiresAt) {
      throw refused("CONTROL_RIGHT_EXPIRED", `The right to control expired ${rightExpiresAt.toISOString()}; only an open criminal investigation allows it now.`, { field, rightExpiresAt: rightExpiresAt.toISOString(), ...RIGHT_RULE[kind] });
    }
  }

  /** The control is made (its right still holding, or a criminal investigation open), with its result. */
  async perform(principal: Principal, input: { controlId: string; result: ControlResult; findings?: string | null; caseId?: string | null }): Promise<Control> {
    this.access.requireControls(principal);
    return transaction(this.dataSource, async m => {
      const control = await this.lock(m, input.controlId);
      if (control.status !== ControlStatus.PLANNED) throw refused("CONTROL_NOT_PLANNED", `The control is ${control.status}.`, { field: "input.controlId" });
      const now = this.clock.now();
      const caseId = input.caseId ?? control.caseId;
      await this.requireRight(m, control.kind, control.rightExpiresAt, caseId, now, "input.controlId");
      if (input.result === ControlResult.IRREGULARITIES && !input.findings?.trim()) throw new ValidationError("Irregularities are described.", { field: "input.findings" });
      Object.assign(control, { status: ControlStatus.PERFORMED, performedAt: now, performedBy: principal.subject ?? principal.kind, result: input.result, findings: input.findings?.trim() || null, caseId });
      return m.save(control);
    });
  }

  async close(principal: Principal, controlId: string): Promise<Control> {
    this.access.requireControls(principal);
    return transaction(this.dataSource, async m => {
      const control = await this.lock(m, controlId);
      if (control.status !== ControlStatus.PERFORMED) throw refused("CONTROL_NOT_PERFORMED", `A ${control.status} control is not closed.`, { field: "input.controlId" });
      Object.assign(control, { status: ControlStatus.CLOSED, closedAt: this.clock.now() });
      return m.save(control);
    });
  }

  /**
   * A measure in a control, with the conditions of ENF-R04 (LD art. 101-105): pat-downs, body
   * searches and medical examinations need a ground of LD art. 101 para. 2; a body search is by
   * a person of the same sex unless it cannot be postponed; a medical examination only by a
   * physician; photographs and biometrics on suspicion of a serious offence or where another act
   * provides for it; a person is taken to the customs post only on suspicion of committing or
   * preparing a serious offence (LD art. 105 para. 1); a provisionally arrested person, or one taken
   * to the post, is brought or reported to the competent authority.
   */
  async recordMeasure(principal: Principal, input: MeasureInput): Promise<ControlMeasure> {
    this.access.requireControls(principal);
    const grounds = [...new Set(input.grounds ?? [])];
    const has = (...g: MeasureGround[]) => g.some(x => grounds.includes(x));
    const kind = input.kind;
    if ((kind === MeasureKind.PAT_DOWN || kind === MeasureKind.BODY_SEARCH || kind === MeasureKind.MEDICAL_EXAMINATION) && !has(...SEARCH_GROUNDS)) {
      const article = kind === MeasureKind.PAT_DOWN ? "LD art. 101 para. 2" : "LD art. 102 para. 1";
      throw refused("MEASURE_GROUNDS_MISSING", "Only on suspicion that the person is dangerous or carries weapons or objects to be secured, or when the conditions of a provisional arrest are met.", { field: "input.grounds", rule: "ENF-R04", article });
    }
    if (kind === MeasureKind.BODY_SEARCH) {
      if (!input.personSex || !input.searcherSex) throw new ValidationError("A body search records the sex of the person and of the searcher.", { field: "input.searcherSex", rule: "ENF-R04", article: "LD art. 102 para. 2" });
      if (input.personSex !== input.searcherSex && !input.couldNotBePostponed) {
        throw refused("BODY_SEARCH_SAME_SEX", "A body search is made by a person of the same sex, unless it cannot be postponed.", { field: "input.searcherSex", rule: "ENF-R04", article: "LD art. 102 para. 2" });
      }
    } else if (input.personSex || input.searcherSex || input.couldNotBePostponed) {
      throw new ValidationError("The sexes and the urgency are recorded for a body search only (LD art. 102 para. 2).", { field: "input.personSex" });
    }
    if (kind === MeasureKind.MEDICAL_EXAMINATION && !input.byPhysician) throw refused("PHYSICIAN_REQUIRED", "A medical examination is made only by a physician.", { field: "input.byPhysician", rule: "ENF-R04", article: "LD art. 102 para. 3" });
    if (kind === MeasureKind.PHOTOGRAPHS_AND_BIOMETRICS && !has(MeasureGround.SUSPECTED_SERIOUS_OFFENCE, MeasureGround.PROVIDED_BY_ANOTHER_ACT)) {
      throw refused("MEASURE_GROUNDS_MISSING", "Photographs and biometric data only on suspicion of a serious offence or where another act provides for it.", { field: "input.grounds", rule: "ENF-R04", article: "LD art. 103 para. 2" });
    }
    if (kind === MeasureKind.TAKEN_TO_CUSTOMS_POST && !has(MeasureGround.SUSPECTED_SERIOUS_OFFENCE)) {
      throw refused("MEASURE_GROUNDS_MISSING", "A person is taken to the customs post only on suspicion of committing or preparing a serious offence.", { field: "input.grounds", rule: "ENF-R04", article: "LD art. 105 para. 1" });
    }
    if (kind === MeasureKind.PROVISIONAL_ARREST && !has(MeasureGround.URGENT, MeasureGround.RESISTANCE)) {
      throw refused("MEASURE_GROUNDS_MISSING", "A provisional arrest is for urgent cases or resistance.", { field: "input.grounds", rule: "ENF-R04", article: "LD art. 105 para. 2" });
    }
    if ((kind === MeasureKind.PROVISIONAL_ARREST || kind === MeasureKind.TAKEN_TO_CUSTOMS_POST) && !input.handedOverTo?.trim()) {
      throw refused("COMPETENT_AUTHORITY_REQUIRED", "The person is brought or reported immediately to the competent authority: name it.", { field: "input.handedOverTo", rule: "ENF-R04", article: "LD art. 105" });
    }
    return transaction(this.dataSource, async m => {
      const control = await this.lock(m, input.controlId);
      if (control.status === ControlStatus.CLOSED) throw refused("CONTROL_CLOSED", "The control is closed.", { field: "input.controlId" });
      const measure = m.create(ControlMeasure, {
        id: randomUUID(),
        controlId: control.id,
        kind,
        grounds,
        personSex: input.personSex ?? null,
        searcherSex: input.searcherSex ?? null,
        couldNotBePostponed: Boolean(input.couldNotBePostponed),
        byPhysician: Boolean(input.byPhysician),
        handedOverTo: input.handedOverTo?.trim() || null,
        notes: input.notes?.trim() || null,
        takenBy: principal.subject ?? principal.kind,
        takenAt: this.clock.now(),
      });
      await m.insert(ControlMeasure, measure);
      return measure;
    });
  }

  private async lock(m: EntityManager, id: string): Promise<Control> {
    const c = await findForUpdate(m, Control, { id });
    if (!c) throw new NotFoundError("Control", id, "input.controlId");
    return c;
  }
}
