import { randomUUID } from "node:crypto";
import { DataSource, EntityManager, In } from "typeorm";
import { Clock, findForUpdate, NotFoundError, Principal, transaction } from "../../kit";
import { AeoCriteria, AeoStatus } from "../entities/aeo-status.entity";
import { AeoStatusValue } from "../entities/enums";
import { IdentityAccess } from "./access";
import { IdentityErrors } from "./errors";

export class AeoService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: IdentityAccess,
  ) {}

  /** ID-R36 (LD art. 42a para. 1): on request, for persons domiciled in the customs territory. */
  async apply(principal: Principal, partnerId: string): Promise<AeoStatus> {
    return transaction(this.dataSource, async m => {
      await this.access.requirePartnerAdministrator(m, principal, partnerId);
      const partner = await this.access.lockPartner(m, partnerId);
      if (partner.domicileInCustomsTerritory !== true) {
        throw IdentityErrors.refused("AEO_DOMICILE_REQUIRED", "AEO status is for persons domiciled in the customs territory or in Swiss customs enclaves.", {
          rule: "ID-R36",
          article: "LD art. 42a para. 1",
        });
      }
      const open = await m.findOneBy(AeoStatus, { partnerId, status: In([AeoStatusValue.REQUESTED, AeoStatusValue.GRANTED]) });
      if (open) throw IdentityErrors.refused("AEO_ALREADY_OPEN", `The partner's AEO status is already ${open.status}.`, { rule: "ID-R36", article: "LD art. 42a" });
      return m.save(m.create(AeoStatus, { id: randomUUID(), partnerId, status: AeoStatusValue.REQUESTED, requestedAt: this.clock.now(), grantedAt: null, criteria: null, refusalReason: null }));
    });
  }

  /** ID-R36: granted only when all four criteria of LD art. 42a para. 1 let. a-d are met. */
  async grant(principal: Principal, id: string, criteria: AeoCriteria): Promise<AeoStatus> {
    this.access.requireOfficer(principal, "DGD");
    return transaction(this.dataSource, async m => {
      const status = await this.requested(m, id);
      const unmet = Object.entries(criteria).filter(([, ok]) => !ok).map(([name]) => name);
      if (unmet.length) {
        throw IdentityErrors.refused("AEO_CRITERIA_NOT_MET", `Criteria not met: ${unmet.join(", ")}; refuse instead.`, { rule: "ID-R36", article: "LD art. 42a para. 1", unmet });
      }
      Object.assign(status, { status: AeoStatusValue.GRANTED, grantedAt: this.clock.now(), criteria });
      return m.save(status);
    });
  }

  async refuse(principal: Principal, id: string, criteria: AeoCriteria, reason: string): Promise<AeoStatus> {
    this.access.requireOfficer(principal, "DGD");
    return transaction(this.dataSource, async m => {
      const status = await this.requested(m, id);
      Object.assign(status, { status: AeoStatusValue.REFUSED, criteria, refusalReason: reason });
      return m.save(status);
    });
  }

  async ofPartners(partnerIds: readonly string[]): Promise<(AeoStatus | null)[]> {
    if (!partnerIds.length) return [];
    const rows = await this.dataSource.getRepository(AeoStatus).find({ where: { partnerId: In([...new Set(partnerIds)]) }, order: { requestedAt: "ASC" } });
    // The latest request is the partner's status.
    const latest = new Map<string, AeoStatus>();
    for (const r of rows) latest.set(r.partnerId, r);
    return partnerIds.map(id => latest.get(id) ?? null);
  }

  /** The request, locked before its status is checked: a grant and a refusal at once take one decision. */
  private async requested(m: EntityManager, id: string): Promise<AeoStatus> {
    const status = await findForUpdate(m, AeoStatus, { id });
    if (!status) throw new NotFoundError("AeoStatus", id, "input.aeoStatusId");
    if (status.status !== AeoStatusValue.REQUESTED) {
      throw IdentityErrors.refused("AEO_ALREADY_DECIDED", `This request was already ${status.status}.`, { rule: "ID-R36", article: "LD art. 42a" });
    }
    return status;
  }
}
