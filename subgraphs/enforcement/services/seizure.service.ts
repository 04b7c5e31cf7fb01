import { randomUUID } from "node:crypto";
import { DataSource, In } from "typeorm";
import { Clock, ConnectionArgs, ConnectionShape, EventPublisher, findForUpdate, NotFoundError, paginateByParent, Principal, transaction, ValidationError } from "../../kit";
import { Control } from "../entities/control.entity";
import { SeizureKind, SeizureStatus } from "../entities/enums";
import { OffenceCase } from "../entities/offence-case.entity";
import { Seizure } from "../entities/seizure.entity";
import type { EnforcementAccess } from "./access";
import { refused } from "./errors";

export interface SeizeInput {
  kind: SeizureKind;
  objects: string;
  caseId?: string | null;
  controlId?: string | null;
  declarationId?: string | null;
  ownerId?: string | null;
  holderId?: string | null;
  goodsValue?: number | null;
  perishable?: boolean | null;
  crossedAt?: Date | null;
}

/** Seizures: smuggled goods and offence instruments pledged (ENF-R20, X21), evidence forwarded (ENF-R04, LD art. 104). */
export class SeizureService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: EnforcementAccess,
    private readonly events: EventPublisher,
  ) {}

  async byIds(ids: readonly string[]): Promise<(Seizure | null)[]> {
    const rows = await this.dataSource.getRepository(Seizure).findBy({ id: In([...new Set(ids)]) });
    const byId = new Map(rows.map(r => [r.id, r]));
    return ids.map(id => byId.get(id) ?? null);
  }

  /** A page of the seizures of each case, or of each control (`by`), oldest first, in a constant number of statements. */
  async pages(by: "caseId" | "controlId", parentIds: readonly string[], args: ConnectionArgs): Promise<ConnectionShape<Seizure>[]> {
    return paginateByParent(this.dataSource.getRepository(Seizure), { parentProperty: by, timeProperty: "seizedAt" }, parentIds, args);
  }

  /**
   * Seizes goods or things. Smuggled goods and offence instruments become a customs pledge in debt
   * (X21, LD art. 82 para. 1, 83 para. 3), securing the debt of the undeclared goods; evidence is
   * held until forwarded (LD art. 104).
   */
  async seize(principal: Principal, input: SeizeInput): Promise<Seizure> {
    this.access.requireControls(principal);
    if (!input.objects.trim()) throw new ValidationError("Describe what is seized.", { field: "input.objects" });
    if (!input.caseId && !input.controlId) throw new ValidationError("A seizure is made in a control or for a case.", { field: "input.caseId" });
    if (typeof input.goodsValue === "number" && input.goodsValue < 0) throw new ValidationError("A value is not negative.", { field: "input.goodsValue" });
    const now = this.clock.now();
    if (input.crossedAt && input.crossedAt > now) throw new ValidationError("The crossing is in the past.", { field: "input.crossedAt" });
    const pledged = input.kind !== SeizureKind.EVIDENCE;
    if (pledged && !input.ownerId && !input.holderId) {
      throw new ValidationError("A customs pledge names the owner or the holder of the goods.", { field: "input.ownerId", rule: "ENF-R20", article: "LD art. 82 para. 1, 83" });
    }
    return transaction(this.dataSource, async m => {
      if (input.caseId && !(await m.findOneBy(OffenceCase, { id: input.caseId }))) throw new NotFoundError("OffenceCase", input.caseId, "input.caseId");
      if (input.controlId && !(await m.findOneBy(Control, { id: input.controlId }))) throw new NotFoundError("Control", input.controlId, "input.controlId");
      const seizure = m.create(Seizure, {
        id: randomUUID(),
        kind: input.kind,
        status: pledged ? SeizureStatus.PLEDGED : SeizureStatus.HELD,
        caseId: input.caseId ?? null,
        controlId: input.controlId ?? null,
        declarationId: input.declarationId ?? null,
        ownerId: input.ownerId ?? null,
        holderId: input.holderId ?? null,
        objects: input.objects.trim(),
        goodsValue: input.goodsValue ?? null,
        perishable: Boolean(input.perishable),
        crossedAt: input.crossedAt ?? null,
        seizedAt: now,
        seizedBy: principal.subject ?? principal.kind,
        forwardedAt: null,
        forwardedTo: null,
      });
      await m.insert(Seizure, seizure);
      if (pledged) {
        await this.events.publish(m, "GoodsSequesteredAsSmuggled", seizure.id, {
          seizureId: seizure.id,
          caseId: seizure.caseId,
          declarationId: seizure.declarationId,
          ownerId: seizure.ownerId,
          holderId: seizure.holderId,
          description: seizure.objects,
          objectKind: input.kind === SeizureKind.SMUGGLED_GOODS ? "DUTIABLE_GOODS" : "OFFENCE_INSTRUMENT",
          perishable: seizure.perishable,
          crossedAt: seizure.crossedAt?.toISOString() ?? null,
          seizedAt: now.toISOString(),
        });
      }
      return seizure;
    });
  }

  /** ENF-R04 (LD art. 104 para. 2): evidence is forwarded immediately to the competent authority. */
  async forward(principal: Principal, input: { seizureId: string; authority: string }): Promise<Seizure> {
    this.access.requireControls(principal);
    if (!input.authority.trim()) throw new ValidationError("Name the competent authority.", { field: "input.authority", rule: "ENF-R04", article: "LD art. 104 para. 2" });
    return transaction(this.dataSource, async m => {
      const s = await findForUpdate(m, Seizure, { id: input.seizureId });
      if (!s) throw new NotFoundError("Seizure", input.seizureId, "input.seizureId");
      if (s.status !== SeizureStatus.HELD) throw refused("SEIZURE_NOT_HELD", `A ${s.status} seizure is not forwarded: pledged goods are debt's to keep or realise.`, { field: "input.seizureId", rule: "ENF-R04", article: "LD art. 104 para. 2" });
      Object.assign(s, { status: SeizureStatus.FORWARDED, forwardedAt: this.clock.now(), forwardedTo: input.authority.trim() });
      return m.save(s);
    });
  }
}
