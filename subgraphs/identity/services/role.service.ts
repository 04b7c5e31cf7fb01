import { randomUUID } from "node:crypto";
import { DataSource, EntityManager, In } from "typeorm";
import { Clock, ConnectionArgs, ConnectionShape, EventPublisher, findForUpdate, KeptVersion, NotFoundError, pageAsOf, paginate, Principal, recordedInstant, transaction, versionsOf } from "../../kit";
import { PartnerRoleType, PartnerStatus, RoleStatus } from "../entities/enums";
import { ContactPerson, PartnerRole, PartnerRoleChange } from "../entities/partner-role.entity";
import { IdentityAccess } from "./access";
import { partnerRowsAsOf } from "./as-of";
import { IdentityConfig } from "./config";
import { IdentityErrors } from "./errors";

/** ID-R21 (ePortal step 5): the roles that open API self-service. */
export const API_SELF_SERVICE_ROLES = [PartnerRoleType.AUTHORISED_CONSIGNEE, PartnerRoleType.AUTHORISED_CONSIGNOR, PartnerRoleType.FREIGHT];

/** Statuses in which a role counts as held or pending: a second request of the type is refused. */
const OPEN_STATUSES = [RoleStatus.REQUESTED, RoleStatus.IN_CLARIFICATION, RoleStatus.ACTIVE];

/**
 * Issue 15 (ID-R14 to ID-R16, ePortal step 4): the changes of a role's status, oldest first, from
 * its kept versions (oldest first), up to and including `until` when given (a role read as of that
 * instant: its history as recorded then). DESIGN CHOICE: consecutive versions with the same status
 * are one change, the first of them (a write that changed only other columns, such as the contact
 * person, is no change of status). A change's note is the version's `decisionNote` when that write
 * changed it, else null (a removal and a release without a note keep the earlier note). A version
 * that records the row's deletion ends nothing in the role's lifecycle and is skipped. A role older
 * than its history has one version, its state when the history began, dated from its request.
 */
export function roleHistory(versions: readonly KeptVersion<PartnerRole>[], until?: Date): PartnerRoleChange[] {
  const changes: PartnerRoleChange[] = [];
  let before: PartnerRole | null = null;
  for (const v of versions) {
    // As `versionsAsOf` reads a row at `until`: the versions recorded at or before it.
    if (v.removed || (until && v.recordedAt.getTime() > until.getTime())) continue;
    const note = v.row.decisionNote ?? null;
    if (!before || before.status !== v.row.status) {
      changes.push({ at: v.recordedAt, status: v.row.status, decisionNote: note !== (before?.decisionNote ?? null) ? note : null });
    }
    before = v.row;
  }
  return changes;
}

export class RoleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: IdentityAccess,
    private readonly config: IdentityConfig,
    private readonly events: EventPublisher,
  ) {}

  /**
   * ePortal step 4: the administrator or deputy (ID-R13, ID-R17) of an onboarded partner requests
   * one role (ID-R14), with a contact person where necessary. Roles that need no clarification
   * are released at once (ID-R15); the others wait for FOCBS.
   */
  async request(principal: Principal, input: { partnerId: string; roleType: PartnerRoleType; contactPerson?: ContactPerson | null }): Promise<PartnerRole> {
    return transaction(this.dataSource, async m => {
      const user = await this.access.requirePartnerAdministrator(m, principal, input.partnerId);
      const partner = await this.access.lockPartner(m, input.partnerId);
      if (partner.status !== PartnerStatus.ONBOARDED) {
        throw IdentityErrors.refused("PARTNER_NOT_ONBOARDED", "Redeem the onboarding code before selecting roles.", { rule: "ID-R13", article: "ePortal step 4" });
      }
      const open = await m.findOneBy(PartnerRole, { partnerId: input.partnerId, roleType: input.roleType, status: In(OPEN_STATUSES) });
      if (open) {
        throw IdentityErrors.refused("ROLE_ALREADY_REQUESTED", `The ${input.roleType} role is already ${open.status.toLowerCase().replace("_", " ")}.`, {
          field: "input.roleType",
          rule: "ID-R14",
          article: "ePortal step 4",
          roleId: open.id,
        });
      }
      const now = this.clock.now();
      const role = m.create(PartnerRole, {
        id: randomUUID(),
        partnerId: input.partnerId,
        roleType: input.roleType,
        status: RoleStatus.REQUESTED,
        contactPerson: input.contactPerson ?? null,
        requestedById: user.id,
        requestedAt: now,
        releasedAt: null,
        decisionNote: null,
        decidedBy: null,
        endedAt: null,
      });
      if (!this.config.rolesNeedingClarification.includes(input.roleType)) {
        role.status = RoleStatus.ACTIVE;
        role.releasedAt = now;
        role.decidedBy = "FOCBS (automatic release)";
      }
      await m.save(role);
      if (role.status === RoleStatus.ACTIVE) await this.publishActivated(m, role);
      return role;
    });
  }

  /** ID-R15: FOCBS releases a requested role, or one in clarification. */
  async release(principal: Principal, roleId: string, note?: string | null): Promise<PartnerRole> {
    this.access.requireOfficer(principal, "ONBOARDING_SERVICE");
    return this.decide(roleId, [RoleStatus.REQUESTED, RoleStatus.IN_CLARIFICATION], async (m, role) => {
      Object.assign(role, { status: RoleStatus.ACTIVE, releasedAt: this.clock.now(), decidedBy: principal.subject ?? null, decisionNote: note ?? role.decisionNote });
      await m.save(role);
      await this.publishActivated(m, role);
    });
  }

  /** ID-R15: FOCBS needs clarification (can take a few days). */
  async clarify(principal: Principal, roleId: string, question: string): Promise<PartnerRole> {
    this.access.requireOfficer(principal, "ONBOARDING_SERVICE");
    return this.decide(roleId, [RoleStatus.REQUESTED], async (m, role) => {
      Object.assign(role, { status: RoleStatus.IN_CLARIFICATION, decisionNote: question, decidedBy: principal.subject ?? null });
      await m.save(role);
      // ID-R15: the partner is told in ePortal (the notifications subgraph's inbox).
      await this.events.publish(m, "PartnerRoleClarificationRequested", role.partnerId, { partnerId: role.partnerId, roleId: role.id, roleType: role.roleType, reason: question });
    });
  }

  /** DESIGN CHOICE (DOMAIN.md §2.2): FOCBS refuses a role after clarification, with the reason. */
  async reject(principal: Principal, roleId: string, reason: string): Promise<PartnerRole> {
    this.access.requireOfficer(principal, "ONBOARDING_SERVICE");
    return this.decide(roleId, [RoleStatus.REQUESTED, RoleStatus.IN_CLARIFICATION], async (m, role) => {
      Object.assign(role, { status: RoleStatus.REJECTED, decisionNote: reason, decidedBy: principal.subject ?? null, endedAt: this.clock.now() });
      await m.save(role);
      await this.events.publish(m, "PartnerRoleRejected", role.partnerId, { partnerId: role.partnerId, roleId: role.id, roleType: role.roleType, reason });
    });
  }

  /**
   * ID-R16 (ePortal step 4): the administrator adjusts roles. Removing the last of ACee, ACor and
   * Freight closes API self-service (ID-R21): the partner's applications stop authenticating.
   */
  async remove(principal: Principal, roleId: string): Promise<PartnerRole> {
    return transaction(this.dataSource, async m => {
      // Who is asking comes first: an unknown id tells a stranger nothing.
      await this.access.requireUser(m, principal);
      // Locked before the status is checked, like a decision on it (ID-R15): a removal racing a release ends one way.
      const role = await findForUpdate(m, PartnerRole, { id: roleId });
      if (!role) throw new NotFoundError("PartnerRole", roleId, "input.roleId");
      await this.access.requirePartnerAdministrator(m, principal, role.partnerId);
      if (!OPEN_STATUSES.includes(role.status)) {
        throw IdentityErrors.refused("ROLE_NOT_OPEN", `A ${role.status} role cannot be removed.`, { rule: "ID-R16", article: "ePortal step 4" });
      }
      const wasActive = role.status === RoleStatus.ACTIVE;
      Object.assign(role, { status: RoleStatus.REMOVED, endedAt: this.clock.now() });
      await m.save(role);
      if (wasActive) {
        await this.events.publish(m, "PartnerRoleEnded", role.partnerId, { partnerId: role.partnerId, roleId: role.id, roleType: role.roleType });
      }
      return role;
    });
  }

  async rolesOf(partnerIds: readonly string[]): Promise<PartnerRole[][]> {
    if (!partnerIds.length) return [];
    const rows = await this.dataSource.getRepository(PartnerRole).find({ where: { partnerId: In([...new Set(partnerIds)]) }, order: { requestedAt: "ASC" } });
    return partnerIds.map(id => rows.filter(r => r.partnerId === id));
  }

  /**
   * Issue 15 (ID-R14 to ID-R16, ePortal step 4): each partner's roles as the administration had
   * recorded them at `at`, from the kept history, a page per partner in the order and with the
   * cursors of the live list. A role requested after `at` is not there. One statement for all
   * partners; refused for an instant after the clock's now (AS_OF_IN_THE_FUTURE).
   */
  async rolePagesAsOf(partnerIds: readonly string[], at: Date, args: ConnectionArgs): Promise<ConnectionShape<PartnerRole>[]> {
    recordedInstant(at, this.clock.now());
    const roles = await partnerRowsAsOf(this.dataSource.manager, PartnerRole, partnerIds, at);
    return roles.map(rows => pageAsOf(rows, r => r.requestedAt, args));
  }

  /** Issue 15: every kept version of each role, oldest first, in one statement for all (resolvers/loaders.ts batches a request's). */
  async versionsOf(roleIds: readonly string[]): Promise<KeptVersion<PartnerRole>[][]> {
    const kept = await versionsOf(this.dataSource.manager, PartnerRole, roleIds);
    return roleIds.map(id => kept.get(id) ?? []);
  }

  /** ID-R21: the API self-service tile shows only with an ACTIVE ACee, ACor or Freight role. */
  apiSelfServiceAvailable(roles: PartnerRole[]): boolean {
    return roles.some(r => r.status === RoleStatus.ACTIVE && API_SELF_SERVICE_ROLES.includes(r.roleType));
  }

  /** Role requests awaiting FOCBS, for the onboarding service's work list. */
  async pending(principal: Principal, status: RoleStatus | null | undefined, args: ConnectionArgs): Promise<ConnectionShape<PartnerRole>> {
    this.access.requireOfficer(principal, "ONBOARDING_SERVICE", "AUDITOR");
    const qb = this.dataSource.getRepository(PartnerRole).createQueryBuilder("r");
    qb.where("r.status IN (:...s)", { s: status ? [status] : [RoleStatus.REQUESTED, RoleStatus.IN_CLARIFICATION] });
    return paginate(qb, args, { alias: "r", timeColumn: "requested_at", timeProperty: "requestedAt" });
  }

  private async decide(roleId: string, from: RoleStatus[], apply: (m: EntityManager, role: PartnerRole) => Promise<void>): Promise<PartnerRole> {
    return transaction(this.dataSource, async m => {
      // Locked before the status is checked: a release and a rejection at once take one decision.
      const role = await findForUpdate(m, PartnerRole, { id: roleId });
      if (!role) throw new NotFoundError("PartnerRole", roleId, "input.roleId");
      if (!from.includes(role.status)) {
        throw IdentityErrors.refused("ROLE_TRANSITION_NOT_ALLOWED", `A ${role.status} role cannot move this way (allowed from ${from.join(", ")}).`, {
          rule: "ID-R15",
          article: "ePortal step 4",
          status: role.status,
        });
      }
      await apply(m, role);
      return role;
    });
  }

  /** X01/X02 (DOMAIN.md §7): API self-service (ACee, ACor, Freight); simplified procedures (ACee, ACor). */
  private async publishActivated(m: EntityManager, role: PartnerRole): Promise<void> {
    await this.events.publish(m, "PartnerRoleActivated", role.partnerId, {
      partnerId: role.partnerId,
      roleId: role.id,
      roleType: role.roleType,
      releasedAt: role.releasedAt?.toISOString() ?? null,
    });
  }
}
