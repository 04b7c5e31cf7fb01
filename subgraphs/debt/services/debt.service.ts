import { randomUUID } from "node:crypto";
import { DataSource, EntityManager, In } from "typeorm";
import {
  addCalendarDays,
  Clock,
  ConnectionArgs,
  ConnectionShape,
  DomainError,
  endOfCalendarDaysAfter,
  endOfZurichDay,
  EventEnvelope,
  EventPublisher,
  findForUpdate,
  formatRappen,
  isOfficer,
  NotFoundError,
  paginate,
  Principal,
  ScheduledJob,
  sqlTime,
  toRappen,
  transitionOnce,
  ValidationError,
  zurichDate,
  transaction,
} from "../../kit";
import { CustomsDebt, DebtorLiability, InterestRate, Payment } from "../entities/debt.entity";
import { CollectionErrorType, DebtBirthTrigger, DebtStatus, LiabilityBasis, PaymentMethod, RemissionGround, RequestStatus, SecurityKind } from "../entities/enums";
import { PcdAccount } from "../entities/pledge.entity";
import { RemissionRequest, Security, SecurityReservation, SecurityRequisition, SubsequentCollection } from "../entities/security.entity";
import { defaultInterest, InterestFacts, interestNeedsFacts } from "./interest";

export interface DebtConfig {
  /** DEBT-R09 (LD art. 73 para. 2): the payment period, set by the Department (not in our sources): `DEBT_PAYMENT_PERIOD_DAYS`, default 30. */
  paymentPeriodDays: number;
}

const OPEN = [DebtStatus.DUE, DebtStatus.OVERDUE, DebtStatus.IN_ENFORCEMENT];
const refuse = (code: string, message: string, details: Record<string, unknown>) => new DomainError(code, message, details);

/** One debt per declaration, omitted declaration or procedure (LD art. 69): the unique key on its origin backs this check. */
export const debtAlreadyRecorded = () => refuse("DEBT_ALREADY_RECORDED", "A debt for this declaration, case or procedure is already recorded.", { field: "input.reference", rule: "DEBT-R02", article: "LD art. 69" });

/** The end of the same calendar date N years later (T8; 29 Feb → 28 Feb). */
export function endOfSameDateYearsLater(at: Date, years: number): Date {
  const [y, m, d] = zurichDate(at).split("-").map(Number);
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return endOfZurichDay(`${y + years}-${String(m).padStart(2, "0")}-${String(Math.min(d, lastDay)).padStart(2, "0")}`);
}

export class DebtService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly events: EventPublisher,
    private readonly config: DebtConfig,
  ) {}

  // ------------------------------------------------------------ birth (events from declarations)

  /**
   * X05 (LD art. 69 let. a): the debt arises at acceptance. A pre-declaration's debt arises when
   * the goods cross the border instead (X06, let. b). Idempotent: one debt per declaration, however
   * often the event comes.
   */
  async onDeclarationAccepted(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { declarationId: string; declarationNumber?: string; declarantId: string; onBehalfOfId?: string | null; acceptedAt: string; isPreDeclaration?: boolean };
    if (p.isPreDeclaration) return;
    await this.arise(m, p.declarationId, p.declarationNumber ?? null, DebtBirthTrigger.ACCEPTANCE, new Date(p.acceptedAt), p.declarantId, p.onBehalfOfId ?? null);
  }

  async onBorderCrossed(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { declarationId: string; declarationNumber?: string; declarantId: string; crossedAt: string; onBehalfOfId?: string | null };
    await this.arise(m, p.declarationId, p.declarationNumber ?? null, DebtBirthTrigger.BORDER_CROSSING_AFTER_PRE_ACCEPTANCE, new Date(p.crossedAt), p.declarantId, p.onBehalfOfId ?? null);
  }

  private async arise(m: EntityManager, declarationId: string, number: string | null, trigger: DebtBirthTrigger, at: Date, declarantId: string, principalId: string | null): Promise<CustomsDebt> {
    const existing = await m.findOneBy(CustomsDebt, { declarationId });
    if (existing) return existing;
    const debt = await m.save(
      m.create(CustomsDebt, {
        id: randomUUID(),
        declarationId,
        declarationNumber: number,
        taxationDecisionId: null,
        birthTrigger: trigger,
        arisenAt: at,
        conditional: false,
        amount: null,
        principalPaid: 0,
        interestPaid: 0,
        establishedAt: null,
        dueAt: at,
        paymentDeadline: null,
        status: DebtStatus.DUE,
        suspensions: [],
        interruptions: [],
        createdAt: this.clock.now(),
      }),
    );
    // DEBT-R03 (LD art. 70 para. 2 let. b-c): the declarant and the person for whose account the goods move, jointly and severally.
    await this.addDebtors(m, debt.id, declarantId, principalId);
    return debt;
  }

  /**
   * X08 / X09 (LD art. 38; OD-AFD art. 58): the taxation fixes the amount. CHF 5 or less is not
   * levied (DEBT-R07). The payment period starts with the decision (DEBT-R09). An amended decision
   * replaces the amount; what was paid too much is shown as a refund.
   */
  async onTaxation(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { taxationDecisionId: string; declarationId: string; declarantId: string; onBehalfOfId?: string | null; totalDuties: string; nonCollected: boolean; establishedAt: string };
    const established = new Date(p.establishedAt);
    const debt = (await findForUpdate(m, CustomsDebt, { declarationId: p.declarationId })) ?? (await this.arise(m, p.declarationId, null, DebtBirthTrigger.ACCEPTANCE, established, p.declarantId, p.onBehalfOfId ?? null));
    await this.addDebtors(m, debt.id, p.declarantId, p.onBehalfOfId ?? null);
    // The same decision again (a producer's retry under a new envelope id) changes nothing.
    if (debt.taxationDecisionId === p.taxationDecisionId) return;
    const amount = toRappen(p.totalDuties);
    const terminal = [DebtStatus.CANCELLED, DebtStatus.REMITTED, DebtStatus.TIME_BARRED].includes(debt.status);
    let status = debt.status;
    if (!terminal) {
      if (p.nonCollected) status = DebtStatus.NOT_LEVIED;
      else if (amount <= debt.principalPaid) status = DebtStatus.PAID;
      else status = debt.status === DebtStatus.OVERDUE ? DebtStatus.OVERDUE : DebtStatus.DUE;
    }
    Object.assign(debt, {
      amount,
      taxationDecisionId: p.taxationDecisionId,
      establishedAt: debt.establishedAt ?? established,
      paymentDeadline: debt.paymentDeadline ?? endOfCalendarDaysAfter(established, this.config.paymentPeriodDays),
      status,
    });
    await m.save(debt);
  }

  /** DEBT-R03: whoever the declarations' events name as declarant or principal owes the debt. */
  private async addDebtors(m: EntityManager, debtId: string, declarantId: string, principalId: string | null): Promise<void> {
    const existing = (await m.findBy(DebtorLiability, { debtId })).map(l => l.partnerId);
    // DEBT-R04 (LD art. 70 para. 4 let. a): a professional declarant is not jointly liable when the
    // importer pays on its own PCD account (OD-AFD art. 39).
    const importerPaysByPcd = Boolean(principalId && principalId !== declarantId && (await m.findOneBy(PcdAccount, { holderId: principalId, active: true })));
    if (!existing.includes(declarantId)) await m.save(m.create(DebtorLiability, { id: randomUUID(), debtId, partnerId: declarantId, basis: LiabilityBasis.DECLARANT_OR_AGENT, jointAndSeveral: !importerPaysByPcd }));
    if (principalId && principalId !== declarantId && !existing.includes(principalId)) {
      await m.save(m.create(DebtorLiability, { id: randomUUID(), debtId, partnerId: principalId, basis: LiabilityBasis.PRINCIPAL, jointAndSeveral: true }));
    }
  }

  /** X27 (LD art. 34 para. 1; DESIGN CHOICE): the debt that arose at acceptance falls with the withdrawal. */
  async onDeclarationWithdrawn(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { declarationId: string };
    const debt = await m.findOneBy(CustomsDebt, { declarationId: p.declarationId });
    if (debt && debt.status !== DebtStatus.CANCELLED) await m.update(CustomsDebt, { id: debt.id }, { status: DebtStatus.CANCELLED });
  }

  /** X19 (LD art. 75 para. 2, 72 para. 2): an appeal suspends limitation, not enforceability. */
  async onAppealFiled(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { declarationId: string; filedAt: string; appealId: string };
    const debt = await m.findOneBy(CustomsDebt, { declarationId: p.declarationId });
    if (!debt) return;
    if (debt.suspensions.some(s => s.reason === `appeal ${p.appealId}`)) return;
    debt.suspensions = [...debt.suspensions, { from: p.filedAt, to: null, reason: `appeal ${p.appealId}` }];
    await m.save(debt);
  }

  /** X10 (LD art. 39 para. 3; DEBT-R28): release under provisional taxation needs security at the highest rate. */
  async onProvisionalTaxation(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { taxationDecisionId: string; declarantId: string; securityRequired: string };
    const originKey = `provisional:${p.taxationDecisionId}`;
    if (await m.findOneBy(SecurityRequisition, { originKey })) return;
    await m.save(
      m.create(SecurityRequisition, {
        id: randomUUID(),
        debtorId: p.declarantId,
        legalGround: "LD art. 39 para. 3: release under provisional taxation, duties secured at the highest rate",
        amount: toRappen(p.securityRequired),
        depositBody: "the taxing customs office",
        decidedAt: new Date(e.occurredAt),
        originKey,
        securityId: null,
      }),
    );
  }

  // ------------------------------------------------------------ debts the office establishes

  /**
   * DEBT-R02 let. c-d (LD art. 69): a debt for an omitted declaration arises when the goods crossed
   * the border, were put to another use, or were sold outside the free period; if none of these
   * dates can be established, when the omission was discovered. An omitted declaration at exit from
   * an open customs warehouse: at the release. The office establishes the facts and the amount.
   */
  async recordOmittedDeclarationDebt(principal: Principal, input: { reference: string; debtorIds: string[]; trigger: DebtBirthTrigger; arisenAt: Date; amount: number }): Promise<CustomsDebt> {
    if (!isOfficer(principal, "CUSTOMS_OFFICE")) throw refuse("OFFICER_ROLE_REQUIRED", "A customs office establishes this debt.", { requiredRoles: ["CUSTOMS_OFFICE"] });
    const allowed = [DebtBirthTrigger.OMITTED_DECLARATION_CROSSING, DebtBirthTrigger.OMITTED_DECLARATION_USE_CHANGE, DebtBirthTrigger.OMITTED_DECLARATION_SALE_OUTSIDE_FREE_PERIOD, DebtBirthTrigger.OMITTED_DECLARATION_DISCOVERY, DebtBirthTrigger.WAREHOUSE_RELEASE_WITHOUT_DECLARATION];
    if (!allowed.includes(input.trigger)) throw new ValidationError("Acceptance and border crossing come from declarations; choose an omitted-declaration trigger.", { field: "input.trigger", rule: "DEBT-R02", article: "LD art. 69 let. c-d" });
    if (input.arisenAt.getTime() > this.clock.now().getTime()) throw new ValidationError("The debt cannot arise in the future.", { field: "input.arisenAt", rule: "DEBT-R02", article: "LD art. 69" });
    // DEBT-R11 (LD art. 75 para. 4): 15 years from the end of the year it arose, the debt is
    // time-barred in any case. DESIGN CHOICE: the longer periods LD art. 75 para. 4 reserves for
    // offences (DPA art. 11-12) belong to the enforcement case, not to a debt recorded here.
    const absoluteEnd = this.limitation({ dueAt: input.arisenAt, arisenAt: input.arisenAt, interruptions: [], suspensions: [] } as unknown as CustomsDebt, this.clock.now()).absoluteEnd;
    if (absoluteEnd.getTime() < this.clock.now().getTime()) {
      throw refuse("DEBT_TIME_BARRED", `A debt that arose then was time-barred on ${absoluteEnd.toISOString()}.`, { field: "input.arisenAt", rule: "DEBT-R11", article: "LD art. 75 para. 4", absoluteLimitation: absoluteEnd.toISOString() });
    }
    if (input.amount <= 0 || !input.debtorIds.length) throw new ValidationError("Give the amount and at least one debtor.", { field: input.amount <= 0 ? "input.amount" : "input.debtorIds", rule: "DEBT-R03", article: "LD art. 70" });
    return transaction(this.dataSource, async m => {
      const key = `omitted:${input.reference}`;
      if (await m.findOneBy(CustomsDebt, { declarationId: key })) throw debtAlreadyRecorded();
      const now = this.clock.now();
      const debt = await m.save(
        m.create(CustomsDebt, {
          id: randomUUID(), declarationId: key, declarationNumber: null, taxationDecisionId: null, birthTrigger: input.trigger, arisenAt: input.arisenAt, conditional: false,
          amount: input.amount, principalPaid: 0, interestPaid: 0, establishedAt: now, dueAt: input.arisenAt,
          paymentDeadline: endOfCalendarDaysAfter(now, this.config.paymentPeriodDays), status: DebtStatus.DUE, suspensions: [], interruptions: [], createdAt: now,
        }),
      );
      for (const partnerId of [...new Set(input.debtorIds)]) await m.save(m.create(DebtorLiability, { id: randomUUID(), debtId: debt.id, partnerId, basis: LiabilityBasis.CONVEYOR, jointAndSeveral: true }));
      return debt;
    });
  }

  /**
   * DEBT-R12 (LD art. 76 para. 1; LD art. 49 para. 2 let. a, 51 para. 2 let. b, 58-60): a procedure
   * fixes the duties with a conditional payment obligation, which must be secured. The debt is
   * CONDITIONAL until the procedure is discharged (EXTINGUISHED) or not (DUE).
   */
  async recordConditionalDebt(principal: Principal, input: { reference: string; debtorId: string; procedure: string; amount: number; securityId: string }): Promise<CustomsDebt> {
    if (!isOfficer(principal, "CUSTOMS_OFFICE")) throw refuse("OFFICER_ROLE_REQUIRED", "A customs office opens the procedure's debt.", { requiredRoles: ["CUSTOMS_OFFICE"] });
    if (input.amount <= 0) throw new ValidationError("The conditional duties are positive.", { field: "input.amount" });
    return transaction(this.dataSource, async m => {
      const key = `procedure:${input.reference}`;
      if (await m.findOneBy(CustomsDebt, { declarationId: key })) throw debtAlreadyRecorded();
      const security = await findForUpdate(m, Security, { id: input.securityId });
      if (!security || security.debtorId !== input.debtorId || !["ACTIVE", "TERMINATION_RECEIVED"].includes(security.status)) {
        throw refuse("SECURITY_REQUIRED", "A conditional debt must be secured by an active security of the debtor.", { field: "input.securityId", rule: "DEBT-R12", article: "LD art. 76 para. 1" });
      }
      const reserved = (await m.findBy(SecurityReservation, { securityId: security.id })).reduce((sum, r) => sum + r.amount, 0);
      if (security.maxAmount - reserved < input.amount) throw refuse("BOND_HEADROOM_EXCEEDED", `Headroom CHF ${formatRappen(security.maxAmount - reserved)}.`, { rule: "DEBT-R14", article: "LD art. 77 para. 3" });
      const now = this.clock.now();
      const debt = await m.save(
        m.create(CustomsDebt, {
          id: randomUUID(), declarationId: key, declarationNumber: input.procedure, taxationDecisionId: null, birthTrigger: DebtBirthTrigger.PROCEDURE, arisenAt: now, conditional: true,
          amount: input.amount, principalPaid: 0, interestPaid: 0, establishedAt: now, dueAt: now, paymentDeadline: null, status: DebtStatus.CONDITIONAL, suspensions: [], interruptions: [], createdAt: now,
        }),
      );
      await m.save(m.create(DebtorLiability, { id: randomUUID(), debtId: debt.id, partnerId: input.debtorId, basis: LiabilityBasis.DECLARANT_OR_AGENT, jointAndSeveral: true }));
      await m.save(m.create(SecurityReservation, { id: randomUUID(), securityId: security.id, debtId: debt.id, amount: input.amount, reservedAt: now }));
      return debt;
    });
  }

  /** LD art. 49 para. 3, 58 para. 3, 59 para. 4, 60 para. 4: discharged, the conditional debt is extinguished; not discharged, it falls due now. */
  async settleProcedure(principal: Principal, input: { debtId: string; discharged: boolean }): Promise<CustomsDebt> {
    if (!isOfficer(principal, "CUSTOMS_OFFICE")) throw refuse("OFFICER_ROLE_REQUIRED", "A customs office records the discharge.", { requiredRoles: ["CUSTOMS_OFFICE"] });
    return transaction(this.dataSource, async m => {
      const debt = await this.get(input.debtId, m);
      if (debt.status !== DebtStatus.CONDITIONAL) throw refuse("NOT_CONDITIONAL", `A ${debt.status} debt is not a procedure's conditional debt.`, { rule: "DEBT-R12", article: "LD art. 49" });
      const now = this.clock.now();
      if (input.discharged) {
        debt.status = DebtStatus.EXTINGUISHED;
        await m.delete(SecurityReservation, { debtId: debt.id });
      } else {
        Object.assign(debt, { status: DebtStatus.DUE, conditional: false, dueAt: now, paymentDeadline: endOfCalendarDaysAfter(now, this.config.paymentPeriodDays) });
      }
      return m.save(debt);
    });
  }

  // ------------------------------------------------------------ reads and figures

  async get(id: string, m: EntityManager = this.dataSource.manager): Promise<CustomsDebt> {
    const debt = m === this.dataSource.manager ? await m.findOneBy(CustomsDebt, { id }) : await findForUpdate(m, CustomsDebt, { id });
    if (!debt) throw new NotFoundError("CustomsDebt", id, "debtId");
    return debt;
  }

  async debtorsOf(debtIds: readonly string[]): Promise<DebtorLiability[][]> {
    if (!debtIds.length) return [];
    const rows = await this.dataSource.getRepository(DebtorLiability).findBy({ debtId: In([...new Set(debtIds)]) });
    return debtIds.map(id => rows.filter(r => r.debtId === id));
  }

  async list(filter: { debtorIds?: string[] | null; statuses?: DebtStatus[] | null }, args: ConnectionArgs): Promise<ConnectionShape<CustomsDebt>> {
    const qb = this.dataSource.getRepository(CustomsDebt).createQueryBuilder("d");
    if (filter.debtorIds) {
      if (!filter.debtorIds.length) qb.andWhere("1 = 0");
      else qb.andWhere("d.id IN (SELECT l.debt_id FROM debtor_liability l WHERE l.partner_id IN (:...p))", { p: filter.debtorIds });
    }
    if (filter.statuses?.length) qb.andWhere("d.status IN (:...s)", { s: filter.statuses });
    return paginate(qb, args, { alias: "d", timeColumn: "created_at", timeProperty: "createdAt" });
  }

  outstandingPrincipal(debt: CustomsDebt): number {
    return (debt.amount ?? 0) - debt.principalPaid;
  }

  /** DEBT-R10 (LD art. 74): the default interest of one debt at `at` (services/interest.ts). */
  async accruedInterest(debt: CustomsDebt, at: Date, m: EntityManager = this.dataSource.manager): Promise<number> {
    return (await this.interestOf([debt], at, m))[0];
  }

  /**
   * The default interest of many debts at `at`, in key order: three statements for any number of
   * late debts (their payments, which of them a cash deposit secures, the rates), none when no
   * debt is late.
   */
  async interestOf(debts: readonly CustomsDebt[], at: Date, m: EntityManager = this.dataSource.manager): Promise<number[]> {
    const late = [...new Set(debts.filter(d => interestNeedsFacts(d, at)).map(d => d.id))];
    const none: InterestFacts = { payments: [], rates: [], securedByCashDeposit: false };
    if (!late.length) return debts.map(d => defaultInterest(d, at, none));
    const payments = await m.find(Payment, { where: { debtId: In(late) }, order: { paidAt: "ASC", id: "ASC" } });
    const secured = new Set(
      (
        (await m
          .createQueryBuilder(SecurityReservation, "r")
          .innerJoin(Security, "s", "s.id = r.security_id")
          .select("r.debt_id", "debtId")
          .where("r.debt_id IN (:...ids) AND s.kind = :kind", { ids: late, kind: SecurityKind.CASH_DEPOSIT })
          .getRawMany()) as { debtId: string }[]
      ).map(r => r.debtId),
    );
    const rates = await m.find(InterestRate, { order: { validFrom: "ASC" } });
    return debts.map(d => defaultInterest(d, at, { payments: payments.filter(p => p.debtId === d.id), rates, securedByCashDeposit: secured.has(d.id) }));
  }

  async paymentsOf(debtIds: readonly string[]): Promise<Payment[][]> {
    if (!debtIds.length) return [];
    const rows = await this.dataSource.getRepository(Payment).find({ where: { debtId: In([...new Set(debtIds)]) }, order: { paidAt: "ASC", id: "ASC" } });
    return debtIds.map(id => rows.filter(r => r.debtId === id));
  }

  /**
   * DEBT-R11 (LD art. 75): 5 years from the end of the calendar year of the due date, restarted by
   * an interruption (DESIGN CHOICE: from the end of the year of the interruption), prolonged by the
   * days it was suspended; never later than 15 years from the end of the year of birth.
   */
  limitation(debt: CustomsDebt, now: Date): { relativeEnd: Date; absoluteEnd: Date; date: Date } {
    const yearOf = (d: Date | string) => Number(zurichDate(new Date(d)).slice(0, 4));
    const lastInterruption = debt.interruptions.length ? debt.interruptions[debt.interruptions.length - 1] : null;
    const base = lastInterruption ? yearOf(lastInterruption) : yearOf(debt.dueAt);
    let relative = endOfZurichDay(`${base + 5}-12-31`);
    const suspendedMs = debt.suspensions.reduce((sum, s) => sum + ((s.to ? new Date(s.to) : now).getTime() - new Date(s.from).getTime()), 0);
    relative = new Date(relative.getTime() + Math.max(0, suspendedMs));
    const absolute = endOfZurichDay(`${yearOf(debt.arisenAt) + 15}-12-31`);
    return { relativeEnd: relative, absoluteEnd: absolute, date: relative.getTime() < absolute.getTime() ? relative : absolute };
  }

  // ------------------------------------------------------------ payments and recovery

  /**
   * DEBT-R09, DEBT-R15 (LD art. 73, 78): a payment by a debtor or by a surety whose security covers
   * the debt, recorded by the office. Interest first, then principal (DESIGN CHOICE); no overpayment.
   */
  async pay(principal: Principal, input: { debtId: string; payerId: string; amount: number; method: PaymentMethod }): Promise<Payment> {
    if (!isOfficer(principal, "CUSTOMS_OFFICE")) throw refuse("OFFICER_ROLE_REQUIRED", "Payments are recorded by a customs office.", { requiredRoles: ["CUSTOMS_OFFICE"] });
    if (input.amount <= 0) throw new ValidationError("A payment is a positive amount.", { field: "input.amount" });
    return transaction(this.dataSource, async m => {
      const debt = await this.get(input.debtId, m);
      if (!OPEN.includes(debt.status) || debt.amount === null) throw refuse("DEBT_NOT_PAYABLE", `A ${debt.status} debt${debt.amount === null ? " without an amount" : ""} takes no payment.`, { rule: "DEBT-R08", article: "LD art. 72" });
      const debtors = (await m.findBy(DebtorLiability, { debtId: debt.id })).map(l => l.partnerId);
      const bySurety = !debtors.includes(input.payerId);
      if (bySurety) {
        const reservations = await m.findBy(SecurityReservation, { debtId: debt.id });
        const sureties = reservations.length ? (await m.findBy(Security, { id: In(reservations.map(r => r.securityId)) })).map(s => s.suretyId) : [];
        if (!sureties.includes(input.payerId)) throw refuse("PAYER_NOT_LIABLE", "The payer is neither a debtor nor a surety of this debt.", { field: "input.payerId", rule: "DEBT-R15", article: "LD art. 70, 78" });
      }
      if (input.method === PaymentMethod.PCD_INVOICE && !(await m.findOneBy(PcdAccount, { holderId: input.payerId, active: true }))) {
        throw refuse("NO_PCD_ACCOUNT", "Payment against invoice in the PCD is for authorised consignees and consignors.", { field: "input.method", rule: "DEBT-R09", article: "OD-AFD art. 39" });
      }
      const now = this.clock.now();
      const interestDue = (await this.accruedInterest(debt, now, m)) - debt.interestPaid;
      const outstanding = this.outstandingPrincipal(debt) + Math.max(0, interestDue);
      if (input.amount > outstanding) throw refuse("AMOUNT_EXCEEDS_OUTSTANDING", `Outstanding: CHF ${formatRappen(outstanding)}.`, { field: "input.amount", outstanding: formatRappen(outstanding) });
      const interestPart = Math.min(input.amount, Math.max(0, interestDue));
      const payment = await m.save(m.create(Payment, { id: randomUUID(), debtId: debt.id, payerId: input.payerId, amount: input.amount, interestPart, method: input.method, paidAt: now, bySurety }));
      debt.interestPaid += interestPart;
      debt.principalPaid += input.amount - interestPart;
      if (debt.principalPaid >= (debt.amount ?? 0) && input.amount === outstanding) {
        debt.status = DebtStatus.PAID;
        await m.delete(SecurityReservation, { debtId: debt.id });
      }
      await m.save(debt);
      await this.events.publish(m, "DebtPaid", debt.id, { debtId: debt.id, declarationId: debt.declarationId, amount: formatRappen(input.amount), paidAt: now.toISOString(), settled: debt.status === DebtStatus.PAID });
      return payment;
    });
  }

  /** The overdue job (X20, LD art. 74): unpaid after the payment period, once, dated at the deadline. */
  overdueJob(): ScheduledJob {
    return {
      name: "debt-overdue",
      run: async now => {
        const due = await this.dataSource.getRepository(CustomsDebt).createQueryBuilder("d").where("d.status = :s AND d.payment_deadline < :now", { s: DebtStatus.DUE, now: sqlTime(now) }).getMany();
        let moved = 0;
        for (const debt of due) {
          const ok = await transaction(this.dataSource, async m => {
            if (!(await transitionOnce(m, CustomsDebt, debt.id, { status: DebtStatus.DUE }, { status: DebtStatus.OVERDUE }))) return false;
            await this.events.publish(m, "DebtOverdue", debt.id, { debtId: debt.id, declarationId: debt.declarationId, overdueSince: debt.paymentDeadline!.toISOString(), outstanding: formatRappen(this.outstandingPrincipal(debt)) });
            return true;
          });
          if (ok) moved += 1;
        }
        return moved;
      },
    };
  }

  /** The limitation job: an open debt past its limitation date is time-barred (DEBT-R11, LD art. 75). */
  limitationJob(): ScheduledJob {
    return {
      name: "debt-time-barred",
      run: async now => {
        const open = await this.dataSource.getRepository(CustomsDebt).findBy({ status: In(OPEN) });
        let barred = 0;
        for (const debt of open) {
          if (this.limitation(debt, now).date.getTime() >= now.getTime()) continue;
          if (await transitionOnce(this.dataSource.manager, CustomsDebt, debt.id, { status: debt.status }, { status: DebtStatus.TIME_BARRED })) barred += 1;
        }
        return barred;
      },
    };
  }

  /** DEBT-R11: a recovery action or rectification interrupts limitation. */
  async interruptLimitation(principal: Principal, debtId: string, reason: string): Promise<CustomsDebt> {
    if (!isOfficer(principal, "CUSTOMS_OFFICE")) throw refuse("OFFICER_ROLE_REQUIRED", "A customs office interrupts limitation.", { requiredRoles: ["CUSTOMS_OFFICE"] });
    if (reason.trim().length < 5) throw new ValidationError("Name the recovery action.", { field: "input.reason", rule: "DEBT-R11", article: "LD art. 75 para. 2" });
    return transaction(this.dataSource, async m => {
      const debt = await this.get(debtId, m);
      const now = this.clock.now();
      if (!OPEN.includes(debt.status)) throw refuse("DEBT_NOT_OPEN", `A ${debt.status} debt is not recovered.`, { rule: "DEBT-R11", article: "LD art. 75" });
      if (this.limitation(debt, now).date.getTime() < now.getTime()) throw refuse("DEBT_TIME_BARRED", "The debt is time-barred.", { rule: "DEBT-R11", article: "LD art. 75" });
      debt.interruptions = [...debt.interruptions, now.toISOString()];
      return m.save(debt);
    });
  }

  /** DEBT-R22 (LD art. 85): recover what was by mistake not collected, within one year of the taxation decision. */
  async subsequentCollection(principal: Principal, input: { debtId: string; errorType: CollectionErrorType; amount: number }): Promise<SubsequentCollection> {
    if (!isOfficer(principal, "CUSTOMS_OFFICE")) throw refuse("OFFICER_ROLE_REQUIRED", "A customs office decides a subsequent collection.", { requiredRoles: ["CUSTOMS_OFFICE"] });
    if (input.amount <= 0) throw new ValidationError("The amount to recover is positive.", { field: "input.amount" });
    return transaction(this.dataSource, async m => {
      const debt = await this.get(input.debtId, m);
      if (!debt.establishedAt) throw refuse("NOT_TAXED", "The debt has no taxation decision yet.", { rule: "DEBT-R22", article: "LD art. 85" });
      const deadline = endOfSameDateYearsLater(debt.establishedAt, 1);
      const now = this.clock.now();
      if (now.getTime() > deadline.getTime()) throw refuse("SUBSEQUENT_COLLECTION_TOO_LATE", "The intention must be notified within one year of the taxation decision.", { rule: "DEBT-R22", article: "LD art. 85", deadline: deadline.toISOString() });
      const collection = await m.save(m.create(SubsequentCollection, { id: randomUUID(), debtId: debt.id, errorType: input.errorType, amount: input.amount, intentionNotifiedAt: now }));
      debt.amount = (debt.amount ?? 0) + input.amount;
      debt.interruptions = [...debt.interruptions, now.toISOString()];
      if (debt.status === DebtStatus.PAID || debt.status === DebtStatus.NOT_LEVIED) debt.status = DebtStatus.DUE;
      await m.save(debt);
      return collection;
    });
  }

  /** DEBT-R23 (LD art. 86 para. 2): the request reaches the taxing body within one year of the decision. */
  async requestRemission(principal: Principal, input: { debtId: string; ground: RemissionGround; justification: string }): Promise<RemissionRequest> {
    return transaction(this.dataSource, async m => {
      const debt = await this.get(input.debtId, m);
      await this.requireDebtor(m, principal, debt);
      if (!debt.establishedAt) throw refuse("NOT_TAXED", "Remission is asked for a taxed debt.", { rule: "DEBT-R23", article: "LD art. 86 para. 2" });
      const deadline = endOfSameDateYearsLater(debt.establishedAt, 1);
      const now = this.clock.now();
      if (now.getTime() > deadline.getTime()) throw refuse("REMISSION_TOO_LATE", "The request comes more than one year after the taxation decision.", { rule: "DEBT-R23", article: "LD art. 86 para. 2", deadline: deadline.toISOString() });
      if (await m.findOneBy(RemissionRequest, { debtId: debt.id, status: RequestStatus.PENDING })) throw refuse("REMISSION_PENDING", "A remission request is already pending.", { rule: "DEBT-R23", article: "LD art. 86" });
      return m.save(m.create(RemissionRequest, { id: randomUUID(), debtId: debt.id, ground: input.ground, justification: input.justification, filedAt: now, deadline, status: RequestStatus.PENDING, remitted: null }));
    });
  }

  /** DEBT-R23 (OD-AFD art. 59): the DGD decides; a full remission ends the debt. */
  async decideRemission(principal: Principal, input: { requestId: string; grant: boolean; amount?: number | null }): Promise<RemissionRequest> {
    if (!isOfficer(principal, "DGD")) throw refuse("OFFICER_ROLE_REQUIRED", "The DGD decides on remission (OD-AFD art. 59).", { requiredRoles: ["DGD"] });
    return transaction(this.dataSource, async m => {
      // Decided once: the request's row is locked before its status is checked.
      const request = await findForUpdate(m, RemissionRequest, { id: input.requestId });
      if (!request) throw new NotFoundError("RemissionRequest", input.requestId, "input.requestId");
      if (request.status !== RequestStatus.PENDING) throw refuse("REMISSION_DECIDED", "The request was already decided.", { rule: "DEBT-R23", article: "OD-AFD art. 59" });
      const debt = await this.get(request.debtId, m);
      if (input.grant) {
        const open = this.outstandingPrincipal(debt);
        const amount = input.amount ?? open;
        if (amount <= 0 || amount > open) throw new ValidationError(`Remit between CHF 0.01 and CHF ${formatRappen(open)}.`, { field: "input.amount", rule: "DEBT-R23", article: "LD art. 86" });
        request.remitted = amount;
        debt.amount = (debt.amount ?? 0) - amount;
        if (this.outstandingPrincipal(debt) <= 0) debt.status = DebtStatus.REMITTED;
        await m.save(debt);
      }
      request.status = input.grant ? RequestStatus.GRANTED : RequestStatus.REFUSED;
      return m.save(request);
    });
  }

  private async requireDebtor(m: EntityManager, principal: Principal, debt: CustomsDebt): Promise<void> {
    const debtors = (await m.findBy(DebtorLiability, { debtId: debt.id })).map(l => l.partnerId);
    if (!principal.partners.some(p => debtors.includes(p.partnerId))) throw refuse("FORBIDDEN", "Only a debtor may ask.", { debtId: debt.id });
  }

  async byTaxationDecisions(ids: readonly string[]): Promise<(CustomsDebt | null)[]> {
    if (!ids.length) return [];
    const rows = await this.dataSource.getRepository(CustomsDebt).findBy({ taxationDecisionId: In([...new Set(ids)]) });
    return ids.map(id => rows.find(r => r.taxationDecisionId === id) ?? null);
  }

  async byIds(ids: readonly string[]): Promise<(CustomsDebt | null)[]> {
    if (!ids.length) return [];
    const rows = await this.dataSource.getRepository(CustomsDebt).findBy({ id: In([...new Set(ids)]) });
    return ids.map(id => rows.find(r => r.id === id) ?? null);
  }
}

export { addCalendarDays };
