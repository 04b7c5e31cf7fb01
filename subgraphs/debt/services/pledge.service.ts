import { randomUUID } from "node:crypto";
import { DataSource, In } from "typeorm";
import { Clock, ConnectionArgs, ConnectionShape, DomainError, EventPublisher, findForUpdate, formatRappen, isOfficer, NotFoundError, paginate, Principal, ValidationError, transaction } from "../../kit";
import { CustomsDebt, DebtorLiability, Payment } from "../entities/debt.entity";
import { DebtStatus, PaymentMethod } from "../entities/enums";
import { CustomsPledge, DebtEnforcementCase, Fee, InnocenceGround, PcdAccount, PledgeObjectKind, PledgeStatus, ProceedsAllocation, RealisationMode, SequestrationMode } from "../entities/pledge.entity";
import { Security, SecurityReservation } from "../entities/security.entity";
import { DebtService } from "./debt.service";
import type { SecurityService } from "./security.service";

const refuse = (code: string, message: string, details: Record<string, unknown>) => new DomainError(code, message, details);
const OPEN = [DebtStatus.DUE, DebtStatus.OVERDUE, DebtStatus.IN_ENFORCEMENT];

function requireOffice(principal: Principal): void {
  if (!isOfficer(principal, "CUSTOMS_OFFICE")) throw refuse("OFFICER_ROLE_REQUIRED", "This is a customs office's act.", { requiredRoles: ["CUSTOMS_OFFICE"] });
}

/** The customs pledge, debt enforcement, PCD accounts and fees (DEBT-R19 to DEBT-R21, DEBT-R24 to DEBT-R26). */
export class PledgeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly events: EventPublisher,
    private readonly debts: DebtService,
    private readonly securities: SecurityService,
  ) {}

  /** DEBT-R19 (LD art. 82): the pledge arises with the debts it secures, on dutiable goods or offence instruments. */
  async record(principal: Principal, input: { objectKind: PledgeObjectKind; description: string; ownerId?: string | null; debtIds: string[]; perishable: boolean; isSecurities?: boolean | null }): Promise<CustomsPledge> {
    requireOffice(principal);
    if (!input.debtIds.length) throw new ValidationError("A pledge secures at least one debt.", { field: "input.debtIds", rule: "DEBT-R19", article: "LD art. 82 para. 3" });
    return transaction(this.dataSource, async m => {
      const debts = await m.findBy(CustomsDebt, { id: In(input.debtIds) });
      if (debts.length !== new Set(input.debtIds).size) throw new NotFoundError("CustomsDebt", input.debtIds.join(", "), "input.debtIds");
      const arisenAt = debts.map(d => d.arisenAt).sort((a, b) => a.getTime() - b.getTime())[0];
      return m.save(
        m.create(CustomsPledge, {
          id: randomUUID(),
          objectKind: input.objectKind,
          description: input.description,
          ownerId: input.ownerId ?? null,
          securedDebtIds: [...new Set(input.debtIds)],
          arisenAt,
          perishable: input.perishable,
          isSecurities: Boolean(input.isSecurities),
          status: PledgeStatus.ARISEN,
          sequestrationMode: null,
          sequesteredAt: null,
          releasedAt: null,
          releaseReason: null,
          realisationMode: null,
          proceeds: null,
          allocation: null,
          surplus: null,
          realisedAt: null,
          originKey: null,
          seizureId: null,
        }),
      );
    });
  }

  /** DEBT-R20 (LD art. 83): asserted by sequestration: control taken, or disposal forbidden. */
  async sequester(principal: Principal, pledgeId: string, mode: SequestrationMode): Promise<CustomsPledge> {
    requireOffice(principal);
    return transaction(this.dataSource, async m => {
      const pledge = await this.pledge(m, pledgeId);
      if (pledge.status !== PledgeStatus.ARISEN) throw refuse("PLEDGE_NOT_SEQUESTRABLE", `A ${pledge.status} pledge is not sequestered.`, { rule: "DEBT-R20", article: "LD art. 83" });
      Object.assign(pledge, { status: PledgeStatus.SEQUESTERED, sequestrationMode: mode, sequesteredAt: this.clock.now() });
      await this.events.publish(m, "PledgeSequestered", pledge.id, { pledgeId: pledge.id, ownerId: pledge.ownerId, mode, debtIds: pledge.securedDebtIds });
      return m.save(pledge);
    });
  }

  /**
   * DEBT-R21 (LD art. 84): release against security, or without security if the owner is not
   * personally liable for the secured debts and proves innocence (para. 2 let. a-b).
   */
  async release(principal: Principal, input: { pledgeId: string; securityId?: string | null; innocence?: InnocenceGround | null; reason: string }): Promise<CustomsPledge> {
    requireOffice(principal);
    if (Boolean(input.securityId) === Boolean(input.innocence)) throw new ValidationError("Release against a security, or without one on a ground of innocence: one of the two.", { field: "input", rule: "DEBT-R21", article: "LD art. 84" });
    return transaction(this.dataSource, async m => {
      const pledge = await this.pledge(m, input.pledgeId);
      if (pledge.status !== PledgeStatus.SEQUESTERED) throw refuse("PLEDGE_NOT_SEQUESTERED", "Only sequestered goods are released.", { rule: "DEBT-R21", article: "LD art. 84 para. 1" });
      const now = this.clock.now();
      if (input.securityId) {
        const security = await findForUpdate(m, Security, { id: input.securityId });
        if (!security) throw refuse("SECURITY_NOT_ACTIVE", "Release needs an active security.", { field: "input.securityId", rule: "DEBT-R21", article: "LD art. 84 para. 1" });
        // DEBT-R16 (LD art. 79 para. 2): the security must cover every secured claim, not only the
        // earliest (`pledge.arisenAt`): a terminated bond does not cover one born after its cut-off
        // (one rule, in SecurityService).
        const secured = await m.findBy(CustomsDebt, { id: In(pledge.securedDebtIds) });
        for (const debt of secured) this.securities.requireCovers(security, debt.arisenAt);
        const debtors = (await m.findBy(DebtorLiability, { debtId: In(pledge.securedDebtIds) })).map(l => l.partnerId);
        if (security.debtorId !== pledge.ownerId && !debtors.includes(security.debtorId)) {
          throw refuse("SECURITY_NOT_FOR_THESE_DEBTS", "The security must be given by the owner or a debtor of the secured debts.", { field: "input.securityId", rule: "DEBT-R21", article: "LD art. 84 para. 1" });
        }
        Object.assign(pledge, { status: PledgeStatus.RELEASED_AGAINST_SECURITY, releasedAt: now, releaseReason: input.reason });
      } else {
        const liable = pledge.ownerId ? await m.findOneBy(DebtorLiability, { partnerId: pledge.ownerId, debtId: In(pledge.securedDebtIds) }) : null;
        if (!pledge.ownerId || liable) {
          throw refuse("OWNER_PERSONALLY_LIABLE", "Release without security is for an owner who is not personally liable for the secured debts.", { rule: "DEBT-R21", article: "LD art. 84 para. 2 let. a" });
        }
        Object.assign(pledge, { status: PledgeStatus.RELEASED_WITHOUT_SECURITY, releasedAt: now, releaseReason: `${input.innocence}: ${input.reason}` });
      }
      return m.save(pledge);
    });
  }

  /**
   * DEBT-R24 (LD art. 87): realisation needs enforceable secured claims whose payment deadline has
   * expired, except the immediate sale of perishables; a voluntary sale needs the owner's
   * agreement; only securities go to the stock exchange. The proceeds pay the secured debts
   * (DEBT-R19: in the debtor's order, else oldest first) and the rest goes to the owner.
   */
  async realise(principal: Principal, input: { pledgeId: string; mode: RealisationMode; proceeds: number; ownerAgreed?: boolean | null; allocationOrder?: string[] | null }): Promise<CustomsPledge> {
    requireOffice(principal);
    if (input.proceeds < 0) throw new ValidationError("Proceeds are not negative.", { field: "input.proceeds" });
    return transaction(this.dataSource, async m => {
      const pledge = await this.pledge(m, input.pledgeId);
      const base = { rule: "DEBT-R24", article: "LD art. 87" };
      if (pledge.status !== PledgeStatus.SEQUESTERED) throw refuse("PLEDGE_NOT_SEQUESTERED", "Only a sequestered pledge is realised.", base);
      if (input.mode === RealisationMode.VOLUNTARY_SALE && !input.ownerAgreed) throw refuse("OWNER_AGREEMENT_REQUIRED", "A voluntary sale needs the owner's agreement.", { ...base, article: "LD art. 87 para. 3" });
      if (input.mode === RealisationMode.STOCK_EXCHANGE && !pledge.isSecurities) throw refuse("NOT_SECURITIES", "Only securities are sold on the stock exchange.", { ...base, article: "LD art. 87 para. 4" });
      if (input.mode === RealisationMode.IMMEDIATE_SALE && !pledge.perishable) throw refuse("NOT_PERISHABLE", "Only goods that lose value quickly or are expensive to keep are sold at once.", { ...base, article: "LD art. 87 para. 2" });
      const debts = await m.findBy(CustomsDebt, { id: In(pledge.securedDebtIds) });
      if (input.mode !== RealisationMode.IMMEDIATE_SALE) {
        // Paid, remitted or cancelled debts need nothing; the open ones must be enforceable and late.
        const notYet = debts.filter(d => d.status === DebtStatus.DUE || d.status === DebtStatus.CONDITIONAL);
        if (notYet.length) throw refuse("CLAIM_NOT_ENFORCEABLE", "Realisation needs enforceable claims whose payment deadline has expired.", { ...base, article: "LD art. 87 para. 1 let. a-b", debts: notYet.map(d => d.id) });
      }
      const given = input.allocationOrder ?? [];
      if (given.some(id => !pledge.securedDebtIds.includes(id))) throw new ValidationError("The allocation order names only debts the pledge secures.", { field: "input.allocationOrder", rule: "DEBT-R19", article: "LD art. 82 para. 2" });
      // DEBT-R19: the debtor's order first, then the others, oldest first (DESIGN CHOICE).
      const oldestFirst = [...debts].sort((a, b) => a.arisenAt.getTime() - b.arisenAt.getTime()).map(d => d.id);
      const order = [...given, ...oldestFirst.filter(id => !given.includes(id))];
      const now = this.clock.now();
      let left = input.proceeds;
      const allocation: ProceedsAllocation[] = [];
      for (const id of order) {
        if (left <= 0) break;
        const debt = (await findForUpdate(m, CustomsDebt, { id }))!;
        if (!OPEN.includes(debt.status) || debt.amount === null) continue;
        // Like any payment: default interest first, then the principal (DEBT-R10).
        const interestDue = Math.max(0, (await this.debts.accruedInterest(debt, now, m)) - debt.interestPaid);
        const open = debt.amount - debt.principalPaid + interestDue;
        const amount = Math.min(open, left);
        if (amount <= 0) continue;
        const interestPart = Math.min(amount, interestDue);
        const payer = (await m.findOneBy(DebtorLiability, { debtId: id }))?.partnerId ?? pledge.ownerId ?? "unknown";
        await m.save(m.create(Payment, { id: randomUUID(), debtId: id, payerId: payer, amount, interestPart, method: PaymentMethod.PLEDGE_PROCEEDS, paidAt: now, bySurety: false }));
        debt.interestPaid += interestPart;
        debt.principalPaid += amount - interestPart;
        if (amount === open) {
          debt.status = DebtStatus.PAID;
          await m.delete(SecurityReservation, { debtId: id });
        }
        await m.save(debt);
        await this.events.publish(m, "DebtPaid", debt.id, { debtId: debt.id, declarationId: debt.declarationId, amount: formatRappen(amount), paidAt: now.toISOString(), settled: debt.status === DebtStatus.PAID });
        allocation.push({ debtId: id, amount });
        left -= amount;
      }
      Object.assign(pledge, { status: PledgeStatus.REALISED, realisationMode: input.mode, proceeds: input.proceeds, allocation, surplus: left, realisedAt: now });
      await this.events.publish(m, "PledgeRealised", pledge.id, { pledgeId: pledge.id, mode: input.mode, proceeds: formatRappen(input.proceeds), surplus: formatRappen(left), realisedAt: now.toISOString() });
      return m.save(pledge);
    });
  }

  /** X22 (LD art. 122): the pledged goods were misappropriated; enforcement opens a case. */
  async reportMisappropriation(principal: Principal, pledgeId: string, facts: string): Promise<CustomsPledge> {
    requireOffice(principal);
    return transaction(this.dataSource, async m => {
      const pledge = await this.pledge(m, pledgeId);
      if (pledge.status !== PledgeStatus.SEQUESTERED) throw refuse("PLEDGE_NOT_SEQUESTERED", "Only a sequestered pledge can be misappropriated.", { rule: "DEBT-R20", article: "LD art. 83, 122" });
      await this.events.publish(m, "PledgeMisappropriated", pledge.id, { pledgeId: pledge.id, ownerId: pledge.ownerId, description: pledge.description, facts, reportedAt: this.clock.now().toISOString() });
      return pledge;
    });
  }

  /**
   * DEBT-R25 (LD art. 88): enforcement by seizure (or a claim in bankruptcy) once the debt is
   * enforceable, its payment deadline expired, and no realisable pledge covers it. It is a
   * recovery action: limitation is interrupted (LD art. 75 para. 3).
   */
  async openEnforcement(principal: Principal, input: { debtId: string; kind: "SEIZURE" | "BANKRUPTCY_CLAIM" }): Promise<DebtEnforcementCase> {
    requireOffice(principal);
    return transaction(this.dataSource, async m => {
      const debt = await findForUpdate(m, CustomsDebt, { id: input.debtId });
      if (!debt) throw new NotFoundError("CustomsDebt", input.debtId, "input.debtId");
      if (debt.status !== DebtStatus.OVERDUE) throw refuse("DEBT_NOT_ENFORCEABLE", "Enforcement starts once the payment deadline expired unpaid (OVERDUE).", { rule: "DEBT-R25", article: "LD art. 88 para. 1 let. b" });
      const pledges = await m.findBy(CustomsPledge, { status: In([PledgeStatus.ARISEN, PledgeStatus.SEQUESTERED]) });
      if (input.kind === "SEIZURE" && pledges.some(p => p.securedDebtIds.includes(debt.id))) {
        throw refuse("PLEDGE_FIRST", "A realisable pledge secures the debt: realise it first.", { rule: "DEBT-R25", article: "LD art. 88 para. 1 let. a" });
      }
      const now = this.clock.now();
      debt.status = DebtStatus.IN_ENFORCEMENT;
      debt.interruptions = [...debt.interruptions, now.toISOString()];
      await m.save(debt);
      // DEBT-R15 (LD art. 78 para. 4): the enforceable title against the debtor binds the sureties too.
      const boundSuretyIds = await this.debts.suretiesOf(m, debt.id);
      return m.save(m.create(DebtEnforcementCase, { id: randomUUID(), debtId: debt.id, kind: input.kind, openedAt: now, boundSuretyIds }));
    });
  }

  /** DEBT-R26 (LD art. 89): a fee for a decision or service. */
  async chargeFee(principal: Principal, input: { payerId: string; basis: string; amount: number }): Promise<Fee> {
    requireOffice(principal);
    if (input.amount <= 0) throw new ValidationError("A fee is a positive amount.", { field: "input.amount", rule: "DEBT-R26", article: "LD art. 89" });
    return transaction(this.dataSource, m => m.save(m.create(Fee, { id: randomUUID(), payerId: input.payerId, basis: input.basis, amount: input.amount, chargedAt: this.clock.now(), paidAt: null })));
  }

  /** X02 (OD-AFD art. 39): an active ACee or ACor role opens the partner's PCD account; ending the last one closes it. */
  async onRoleActivated(m: import("typeorm").EntityManager, payload: { partnerId: string; roleType: string }): Promise<void> {
    if (!["AUTHORISED_CONSIGNEE", "AUTHORISED_CONSIGNOR"].includes(payload.roleType)) return;
    const account = await m.findOneBy(PcdAccount, { holderId: payload.partnerId });
    if (account) {
      if (!account.roles.includes(payload.roleType) || !account.active) await m.update(PcdAccount, { id: account.id }, { active: true, roles: [...new Set([...account.roles, payload.roleType])] });
      return;
    }
    await m.save(m.create(PcdAccount, { id: randomUUID(), holderId: payload.partnerId, active: true, roles: [payload.roleType], openedAt: this.clock.now() }));
  }

  async onRoleEnded(m: import("typeorm").EntityManager, payload: { partnerId: string; roleType: string }): Promise<void> {
    const account = await m.findOneBy(PcdAccount, { holderId: payload.partnerId });
    if (!account) return;
    const roles = account.roles.filter(r => r !== payload.roleType);
    await m.update(PcdAccount, { id: account.id }, { roles, active: roles.length > 0 });
  }

  /** Every customs pledge, oldest first, for officers; nothing for anyone else (DEBT-R20: pledges are the officers'). */
  async list(principal: Principal, args: ConnectionArgs): Promise<ConnectionShape<CustomsPledge>> {
    const qb = this.dataSource.getRepository(CustomsPledge).createQueryBuilder("p");
    if (principal.kind !== "OFFICER" && principal.kind !== "SERVICE") qb.where("1 = 0");
    return paginate(qb, args, { alias: "p", timeColumn: "arisen_at", timeProperty: "arisenAt" });
  }

  async pcdAccountsOf(partnerIds: readonly string[]): Promise<(PcdAccount | null)[]> {
    if (!partnerIds.length) return [];
    const rows = await this.dataSource.getRepository(PcdAccount).findBy({ holderId: In([...new Set(partnerIds)]) });
    return partnerIds.map(id => rows.find(r => r.holderId === id) ?? null);
  }

  private async pledge(m: import("typeorm").EntityManager, id: string): Promise<CustomsPledge> {
    const pledge = await findForUpdate(m, CustomsPledge, { id });
    if (!pledge) throw new NotFoundError("CustomsPledge", id, "input.pledgeId");
    return pledge;
  }
}

export { formatRappen };
