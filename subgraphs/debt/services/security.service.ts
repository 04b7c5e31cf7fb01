import { randomUUID } from "node:crypto";
import { DataSource, EntityManager, In } from "typeorm";
import { Clock, ConnectionArgs, ConnectionShape, DomainError, endOfCalendarDaysAfter, endOfSameDateYearsLater, EventEnvelope, EventPublisher, findForUpdate, formatRappen, isOfficer, NotFoundError, paginate, paginateByParent, Principal, toRappen, transaction, ValidationError, zurichDate } from "../../kit";
import { CustomsDebt, DebtorLiability } from "../entities/debt.entity";
import { DebtStatus, SecurityKind, SecurityStatus } from "../entities/enums";
import { Security, SecurityReservation, SecurityRequisition } from "../entities/security.entity";

const refuse = (code: string, message: string, details: Record<string, unknown>) => new DomainError(code, message, details);

/** DEBT-R16 (LD art. 79 para. 2): the statuses of a security that may still cover a claim. */
const COVERING = [SecurityStatus.ACTIVE, SecurityStatus.TERMINATION_RECEIVED];

/** Why `security` does not cover a claim that arose at `arisenAt` (DEBT-R16, `SecurityService.requireCovers`), or null when it does. */
function coverRefusal(security: Security, arisenAt: Date, field = "input.securityId"): DomainError | null {
  if (!COVERING.includes(security.status)) {
    return refuse("SECURITY_NOT_ACTIVE", `A ${security.status} security covers nothing more.`, { field, rule: "DEBT-R16", article: "LD art. 79" });
  }
  if (security.coverageCutoff && arisenAt.getTime() > security.coverageCutoff.getTime()) {
    return refuse("BOND_NO_LONGER_COVERS", "The claim arose more than 30 days after the termination was received.", { field, rule: "DEBT-R16", article: "LD art. 79 para. 2", coverageCutoff: security.coverageCutoff.toISOString() });
  }
  return null;
}

export const alreadyReserved = () => refuse("ALREADY_RESERVED", "This claim is already attached to the security.", { field: "input.debtId" });

export class SecurityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly events: EventPublisher,
  ) {}

  /**
   * DEBT-R12, DEBT-R14 (LD art. 76 para. 1, 77): the office records a cash deposit, securities or
   * a bond signed on the official form with its maximum amount. Identity learns of it (X03:
   * OD-AFD art. 8 para. 1 let. c).
   */
  async provide(principal: Principal, input: { debtorId: string; kind: SecurityKind; maxAmount: number; suretyId?: string | null; requisitionId?: string | null }): Promise<Security> {
    if (!isOfficer(principal, "CUSTOMS_OFFICE")) throw refuse("OFFICER_ROLE_REQUIRED", "A customs office records securities.", { requiredRoles: ["CUSTOMS_OFFICE"] });
    if (input.maxAmount <= 0) throw new ValidationError("A security has a positive amount.", { field: "input.maxAmount", rule: "DEBT-R14", article: "LD art. 77 para. 3" });
    const bond = input.kind === SecurityKind.GENERAL_BOND || input.kind === SecurityKind.INDIVIDUAL_BOND;
    if (bond !== Boolean(input.suretyId)) throw new ValidationError(bond ? "A bond names its surety." : "Only a bond has a surety.", { field: "input.suretyId", rule: "DEBT-R14", article: "LD art. 77" });
    if (input.suretyId && input.suretyId === input.debtorId) throw new ValidationError("The surety is someone other than the debtor.", { field: "input.suretyId", rule: "DEBT-R14", article: "LD art. 77 para. 1" });
    return transaction(this.dataSource, async m => {
      const now = this.clock.now();
      const security = await m.save(
        m.create(Security, {
          id: randomUUID(),
          debtorId: input.debtorId,
          suretyId: input.suretyId ?? null,
          kind: input.kind,
          maxAmount: input.maxAmount,
          establishedOn: zurichDate(now),
          status: SecurityStatus.ACTIVE,
          terminationReceivedAt: null,
          coverageCutoff: null,
          cancelledAt: null,
          createdAt: now,
        }),
      );
      if (input.requisitionId) {
        // A requisition is met once: its row is locked before the check.
        const req = await findForUpdate(m, SecurityRequisition, { id: input.requisitionId });
        if (!req || req.debtorId !== input.debtorId) throw new NotFoundError("SecurityRequisition", input.requisitionId, "input.requisitionId");
        if (req.securityId) throw refuse("REQUISITION_ALREADY_MET", "This requisition is already met.", { rule: "DEBT-R18", article: "LD art. 81" });
        if (req.withdrawnAt) throw refuse("REQUISITION_WITHDRAWN", "This requisition was withdrawn: the conditional debt it secured has ended.", { field: "input.requisitionId", rule: "DEBT-R18", article: "LD art. 49 para. 3-4" });
        if (input.maxAmount < req.amount) throw refuse("SECURITY_TOO_LOW", `The decision requires CHF ${formatRappen(req.amount)}.`, { field: "input.maxAmount", rule: "DEBT-R18", article: "LD art. 81 para. 1" });
        await m.update(SecurityRequisition, { id: req.id }, { securityId: security.id });
        await this.onRequisitionMet(m, req, security);
      }
      await this.events.publish(m, "SecurityProvided", input.debtorId, { partnerId: input.debtorId, securityId: security.id, kind: input.kind, reference: `${input.kind}-${security.id.slice(0, 8)}`, maxAmount: formatRappen(input.maxAmount) });
      return security;
    });
  }

  /**
   * The office attaches a claim to a security for an amount (DEBT-R14): never beyond the
   * security's headroom (BOND_HEADROOM_EXCEEDED; `attach` is where every path's rules live).
   */
  async reserve(principal: Principal, input: { securityId: string; debtId: string; amount: number }): Promise<SecurityReservation> {
    if (!isOfficer(principal, "CUSTOMS_OFFICE")) throw refuse("OFFICER_ROLE_REQUIRED", "A customs office attaches claims to securities.", { requiredRoles: ["CUSTOMS_OFFICE"] });
    if (input.amount <= 0) throw new ValidationError("A reservation is a positive amount.", { field: "input.amount" });
    return transaction(this.dataSource, async m => {
      const security = await findForUpdate(m, Security, { id: input.securityId });
      if (!security) throw new NotFoundError("Security", input.securityId, "input.securityId");
      const debt = await m.findOneBy(CustomsDebt, { id: input.debtId });
      if (!debt) throw new NotFoundError("CustomsDebt", input.debtId, "input.debtId");
      return (await this.attach(m, security, debt, input.amount, "exactly"))!;
    });
  }

  /**
   * DEBT-R16 (LD art. 79 para. 2-3): whether a security covers a claim that arose at `arisenAt`:
   * it is active (or its termination was received), and a terminated bond covers only claims that
   * arose by its cut-off, the end of the 30th day after the termination was received. The one
   * place this rule lives: reservations, conditional debts and pledge releases all ask here.
   */
  requireCovers(security: Security, arisenAt: Date, field = "input.securityId"): void {
    const refusal = coverRefusal(security, arisenAt, field);
    if (refusal) throw refusal;
  }

  /**
   * Attaches `debt` to `security` (locked by the caller) for `amount`, after every rule of the
   * security (DEBT-R14, DEBT-R16): it covers the claim, its debtor owes it, an individual bond
   * secures one debt, a claim is attached once. Headroom: `exactly` refuses more than is left;
   * `upToHeadroom` attaches what is left (DEBT-R14 DESIGN CHOICE: the rest stays unsecured, and
   * the administration asks for more, LD art. 76 para. 2), and returns null when nothing is left.
   */
  async attach(m: EntityManager, security: Security, debt: CustomsDebt, amount: number, headroomRule: "exactly" | "upToHeadroom"): Promise<SecurityReservation | null> {
    if (![DebtStatus.DUE, DebtStatus.OVERDUE, DebtStatus.CONDITIONAL].includes(debt.status)) {
      throw refuse("DEBT_NOT_OPEN", `A ${debt.status} debt needs no security.`, { rule: "DEBT-R12", article: "LD art. 76 para. 1" });
    }
    this.requireCovers(security, debt.arisenAt);
    const debtors = (await m.findBy(DebtorLiability, { debtId: debt.id })).map(l => l.partnerId);
    if (!debtors.includes(security.debtorId)) throw refuse("NOT_THE_DEBTORS_CLAIM", "The security's debtor does not owe this debt.", { field: "input.securityId", rule: "DEBT-R14", article: "LD art. 77 para. 2" });
    const existing = await m.findBy(SecurityReservation, { securityId: security.id });
    if (security.kind === SecurityKind.INDIVIDUAL_BOND && existing.some(r => r.debtId !== debt.id)) {
      throw refuse("INDIVIDUAL_BOND_TAKEN", "An individual bond secures one specific debt.", { field: "input.securityId", rule: "DEBT-R14", article: "LD art. 77 para. 2" });
    }
    if (existing.some(r => r.debtId === debt.id)) throw alreadyReserved();
    const headroom = security.maxAmount - existing.reduce((sum, r) => sum + r.amount, 0);
    if (amount > headroom && headroomRule === "exactly") {
      throw refuse("BOND_HEADROOM_EXCEEDED", `Headroom CHF ${formatRappen(headroom)} is less than CHF ${formatRappen(amount)}; ask for additional security (LD art. 76 para. 2).`, {
        rule: "DEBT-R14",
        article: "LD art. 77 para. 3",
        headroom: formatRappen(headroom),
      });
    }
    const attached = Math.min(amount, headroom);
    if (attached <= 0) return null;
    return m.save(m.create(SecurityReservation, { id: randomUUID(), securityId: security.id, debtId: debt.id, amount: attached, reservedAt: this.clock.now() }));
  }

  /**
   * DEBT-R14 (LD art. 77): the debtor's general bonds that cover a claim arising at `arisenAt`,
   * which secure all its customs claims, oldest first, each locked for the caller's transaction.
   * DEBT-R16 (LD art. 79 para. 2): a bond whose termination was received still covers claims born
   * by its cut-off, so it is a candidate as an active one is; `requireCovers` decides. Locked in id
   * order, as the office's conditional debts lock the securities they name, so that parallel
   * procedures do not deadlock; a bond that stopped covering while this waited for its lock
   * (cancelled, run off) is left out.
   */
  async lockGeneralBonds(m: EntityManager, debtorId: string, arisenAt: Date): Promise<Security[]> {
    const candidates = await m.find(Security, { where: { debtorId, kind: SecurityKind.GENERAL_BOND, status: In(COVERING) }, order: { id: "ASC" } });
    const locked: Security[] = [];
    for (const { id } of candidates) {
      const bond = await findForUpdate(m, Security, { id });
      if (bond && !coverRefusal(bond, arisenAt)) locked.push(bond);
    }
    return locked.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  }

  /**
   * DEBT-R16 (LD art. 79 para. 2): a general bond is terminated at the earliest one year after it
   * was established (T8: from the same calendar date); it then covers claims born until the end of
   * the 30th day after the administration received the termination.
   */
  async terminate(principal: Principal, securityId: string): Promise<Security> {
    return transaction(this.dataSource, async m => {
      const security = await findForUpdate(m, Security, { id: securityId });
      if (!security) throw new NotFoundError("Security", securityId, "input.securityId");
      const isSurety = principal.partners.some(p => p.partnerId === security.suretyId);
      if (!isSurety && !isOfficer(principal, "CUSTOMS_OFFICE")) throw refuse("FORBIDDEN", "Only the surety terminates its bond.", { field: "input.securityId" });
      if (security.kind !== SecurityKind.GENERAL_BOND) throw refuse("NOT_A_GENERAL_BOND", "Only a general bond is terminated this way.", { rule: "DEBT-R16", article: "LD art. 79 para. 2" });
      if (security.status !== SecurityStatus.ACTIVE) throw refuse("SECURITY_NOT_ACTIVE", `A ${security.status} bond is not terminated.`, { rule: "DEBT-R16", article: "LD art. 79" });
      const now = this.clock.now();
      const earliestDay = zurichDate(new Date(endOfSameDateYearsLater(new Date(`${security.establishedOn}T12:00:00Z`), 1).getTime()));
      if (zurichDate(now) < earliestDay) {
        throw refuse("BOND_TERMINATION_TOO_EARLY", `A general bond can be terminated from ${earliestDay} on.`, { rule: "DEBT-R16", article: "LD art. 79 para. 2", earliest: earliestDay });
      }
      Object.assign(security, { status: SecurityStatus.TERMINATION_RECEIVED, terminationReceivedAt: now, coverageCutoff: endOfCalendarDaysAfter(now, 30) });
      await this.events.publish(m, "SecurityEnded", security.debtorId, { partnerId: security.debtorId, securityId: security.id, reason: "TERMINATION_RECEIVED", endedAt: now.toISOString() });
      return m.save(security);
    });
  }

  /** DEBT-R16 (LD art. 79 para. 3): the administration may cancel a bond at any time. */
  async cancel(principal: Principal, securityId: string): Promise<Security> {
    if (!isOfficer(principal, "CUSTOMS_OFFICE", "DGD")) throw refuse("OFFICER_ROLE_REQUIRED", "The administration cancels securities.", { requiredRoles: ["CUSTOMS_OFFICE", "DGD"] });
    return transaction(this.dataSource, async m => {
      const security = await findForUpdate(m, Security, { id: securityId });
      if (!security) throw new NotFoundError("Security", securityId, "input.securityId");
      if (security.status === SecurityStatus.CANCELLED_BY_ADMINISTRATION || security.status === SecurityStatus.ENDED) throw refuse("SECURITY_NOT_ACTIVE", `The security is already ${security.status}.`, { rule: "DEBT-R16", article: "LD art. 79 para. 3" });
      Object.assign(security, { status: SecurityStatus.CANCELLED_BY_ADMINISTRATION, cancelledAt: this.clock.now() });
      // Identity learns that it no longer covers the partner (ID-R25, OD-AFD art. 8 para. 1 let. c).
      await this.events.publish(m, "SecurityEnded", security.debtorId, { partnerId: security.debtorId, securityId: security.id, reason: "CANCELLED", endedAt: security.cancelledAt!.toISOString() });
      return m.save(security);
    });
  }

  /**
   * DEBT-R13, DEBT-R18 (LD art. 76 para. 2, 81): when no security was provided or payment appears
   * threatened (e.g. no domicile in Switzerland), the office decides that security is required,
   * stating the legal ground, the amount and where to deposit it.
   */
  async requireSecurity(principal: Principal, input: { debtorId: string; legalGround: string; amount: number; depositBody: string }): Promise<SecurityRequisition> {
    if (!isOfficer(principal, "CUSTOMS_OFFICE")) throw refuse("OFFICER_ROLE_REQUIRED", "A customs office decides that security is required.", { requiredRoles: ["CUSTOMS_OFFICE"] });
    if (input.amount <= 0) throw new ValidationError("The security required is a positive amount.", { field: "input.amount", rule: "DEBT-R18", article: "LD art. 81 para. 1" });
    if (input.legalGround.trim().length < 5) throw new ValidationError("State the legal ground.", { field: "input.legalGround", rule: "DEBT-R18", article: "LD art. 81 para. 1" });
    if (input.depositBody.trim().length < 3) throw new ValidationError("State where the security is to be deposited.", { field: "input.depositBody", rule: "DEBT-R18", article: "LD art. 81 para. 1" });
    return transaction(this.dataSource, async m => {
      const id = randomUUID();
      return m.save(m.create(SecurityRequisition, { id, debtorId: input.debtorId, legalGround: input.legalGround.trim(), amount: input.amount, depositBody: input.depositBody.trim(), decidedAt: this.clock.now(), originKey: `decision:${id}`, securityId: null, withdrawnAt: null }));
    });
  }

  /**
   * WH-R09, WH-R23, DEBT-R28 (LD art. 53 para. 6, 66 para. 4): the authorisation of a warehouse or
   * free deposit requires its operator to secure its supervision obligations (warehousing's
   * OperatorSecurityRequired): a decision requiring security (DEBT-R18, LD art. 81) for the
   * operator, to be deposited with the facility's control office, under `facility:<facilityId>`.
   * Meeting it secures no debt (`onRequisitionMet`). Once per facility: a redelivery, a retry or a
   * concurrent delivery finds the one recorded (DESIGN CHOICE: a later, different amount for the
   * same facility is the office's to decide, `requireSecurity`). No amount, no requisition.
   */
  async onOperatorSecurityRequired(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { facilityId: string; operatorId: string; amount: string; controlOfficeId: string; requiredAt: string };
    const amount = toRappen(p.amount);
    if (amount <= 0) return;
    const requisition = m.create(SecurityRequisition, {
      id: randomUUID(),
      debtorId: p.operatorId,
      legalGround: "LD art. 53 para. 6, 66 para. 4: security from the operator for the obligations of the customs warehouse or free deposit it operates (supervision, storage obligations, charges of the authorisation)",
      amount,
      depositBody: `the control office ${p.controlOfficeId}`,
      decidedAt: new Date(p.requiredAt),
      originKey: `facility:${p.facilityId}`,
      securityId: null,
      withdrawnAt: null,
    });
    // As a debt's key (claimOrigin): a concurrent insert of the same origin waits for the first's commit, then leaves it.
    await m.createQueryBuilder().insert().into(SecurityRequisition).values(requisition).orUpdate(["origin_key"], ["origin_key"]).execute();
  }

  async byIds(ids: readonly string[]): Promise<(Security | null)[]> {
    if (!ids.length) return [];
    const rows = await this.dataSource.getRepository(Security).findBy({ id: In([...new Set(ids)]) });
    return ids.map(id => rows.find(r => r.id === id) ?? null);
  }

  /**
   * A page of the securities each partner provides or stands surety for, oldest first: a page of
   * each side (a security's surety is never its debtor), merged. Four statements for any number of
   * partners, two more when `totalCount` is asked for.
   */
  async pagesOfPartners(partnerIds: readonly string[], args: ConnectionArgs): Promise<ConnectionShape<Security>[]> {
    const repo = this.dataSource.getRepository(Security);
    const asDebtor = await paginateByParent(repo, { parentProperty: "debtorId", timeProperty: "createdAt" }, partnerIds, args);
    const asSurety = await paginateByParent(repo, { parentProperty: "suretyId", timeProperty: "createdAt" }, partnerIds, args);
    return partnerIds.map((_, i) => mergePages([asDebtor[i], asSurety[i]], args.first));
  }

  /**
   * Decisions requiring security still in force (not withdrawn), oldest decision first: all of them
   * for officers (`debtorIds` null), else those addressed to the given partners.
   */
  async requisitions(debtorIds: string[] | null, args: ConnectionArgs): Promise<ConnectionShape<SecurityRequisition>> {
    const qb = this.dataSource.getRepository(SecurityRequisition).createQueryBuilder("r").where("r.withdrawn_at IS NULL");
    if (debtorIds) {
      if (!debtorIds.length) qb.andWhere("1 = 0");
      else qb.andWhere("r.debtor_id IN (:...debtors)", { debtors: debtorIds });
    }
    return paginate(qb, args, { alias: "r", timeColumn: "decided_at", timeProperty: "decidedAt" });
  }

  /**
   * What meeting a requisition sets off, by its origin:
   * - `provisional:<decision>`: the duties of a provisional taxation are secured at the highest
   *   rate; declarations may now release the goods (DEC-R55, LD art. 39 para. 3);
   * - `conditional:<debt>`: the new security covers the rest of a conditional debt (DEBT-R14);
   * - anything else (`facility:<facility>`, an operator's security, LD art. 53 para. 6, 66 para. 4;
   *   `decision:<id>`, the office's own decision): the security stands on its own, nothing follows.
   */
  private async onRequisitionMet(m: EntityManager, req: SecurityRequisition, security: Security): Promise<void> {
    const [origin, id] = req.originKey.split(":");
    const now = this.clock.now();
    if (origin === "provisional") {
      await this.events.publish(m, "ProvisionalTaxationSecured", id, { taxationDecisionId: id, requisitionId: req.id, securityId: security.id, securedAt: now.toISOString() });
    }
    if (origin === "conditional") {
      const debt = await findForUpdate(m, CustomsDebt, { id });
      if (debt && debt.status === DebtStatus.CONDITIONAL) {
        await this.attach(m, security, debt, req.amount, "exactly");
        await this.events.publish(m, "ConditionalDebtSecured", debt.id, { debtId: debt.id, reference: debt.declarationId, securedAt: now.toISOString() });
      }
    }
  }

  /** A page of each security's reservations, oldest first, in a constant number of statements whatever the number of securities. */
  async reservationPages(securityIds: readonly string[], args: ConnectionArgs): Promise<ConnectionShape<SecurityReservation>[]> {
    return paginateByParent(this.dataSource.getRepository(SecurityReservation), { parentProperty: "securityId", timeProperty: "reservedAt" }, securityIds, args);
  }
}

/**
 * One page from pages of the same order (creation time, then id) over disjoint sets, each asked
 * for with the same `first` and `after`: the first `first` edges of their union.
 */
function mergePages<T extends { id: string; createdAt: Date }>(pages: ConnectionShape<T>[], first: number): ConnectionShape<T> {
  const all = pages
    .flatMap(p => p.edges)
    .sort((a, b) => a.node.createdAt.getTime() - b.node.createdAt.getTime() || (a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0));
  const edges = all.slice(0, first);
  return {
    edges,
    get totalCount() {
      return Promise.all(pages.map(p => p.totalCount)).then(counts => counts.reduce((sum, n) => sum + n, 0));
    },
    pageInfo: {
      hasNextPage: all.length > first || pages.some(p => p.pageInfo.hasNextPage),
      hasPreviousPage: pages.some(p => p.pageInfo.hasPreviousPage),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
