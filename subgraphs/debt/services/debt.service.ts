import { randomUUID } from "node:crypto";
import { DataSource, EntityManager, In, IsNull } from "typeorm";
import {
  addCalendarDays,
  Clock,
  ConnectionArgs,
  ConnectionShape,
  DomainError,
  endOfCalendarDaysAfter,
  endOfSameDateYearsLater,
  endOfZurichDay,
  EventEnvelope,
  EventPublisher,
  findForUpdate,
  formatRappen,
  isOfficer,
  MS_PER_DAY,
  NotFoundError,
  paginate,
  paginateByParent,
  Principal,
  ScheduledJob,
  sqlTime,
  toRappen,
  transaction,
  transitionOnce,
  UnauthenticatedError,
  ValidationError,
  zurichDate,
} from "../../kit";
import { CustomsDebt, DebtorLiability, InterestRate, Payment, SupersededTaxationDecision, Suspension } from "../entities/debt.entity";
import { CollectionErrorType, DebtBirthTrigger, DebtStatus, LiabilityBasis, PaymentMethod, RemissionGround, RequestStatus, SecurityKind } from "../entities/enums";
import { CustomsPledge, PcdAccount, PledgeObjectKind, PledgeStatus, SuretyReceipt } from "../entities/pledge.entity";
import { RemissionRequest, Security, SecurityReservation, SecurityRequisition, SubsequentCollection } from "../entities/security.entity";
import { defaultInterest, earliestReservation, InterestFacts, interestNeedsFacts, nextPaymentDeadline } from "./interest";

export interface DebtConfig {
  /** DEBT-R09 (LD art. 73 para. 2): the payment period, set by the Department (not in our sources): `DEBT_PAYMENT_PERIOD_DAYS`, default 30. */
  paymentPeriodDays: number;
}

const OPEN = [DebtStatus.DUE, DebtStatus.OVERDUE, DebtStatus.IN_ENFORCEMENT];
/** Past the payment period unpaid: the overdue job (X20) moved it on, and enforcement may have followed (LD art. 74, 88). */
const LATE = [DebtStatus.OVERDUE, DebtStatus.IN_ENFORCEMENT];
/** Ended otherwise than by payment or non-collection: remitted (LD art. 86), cancelled (X27), extinguished (LD art. 49 para. 3-4), time-barred (LD art. 75). */
const ENDED = [DebtStatus.REMITTED, DebtStatus.CANCELLED, DebtStatus.EXTINGUISHED, DebtStatus.TIME_BARRED];
const refuse = (code: string, message: string, details: Record<string, unknown>) => new DomainError(code, message, details);

/** One debt per declaration, omitted declaration or procedure (LD art. 69): the unique key on its origin backs this check. */
export const debtAlreadyRecorded = () => refuse("DEBT_ALREADY_RECORDED", "A debt for this declaration, case or procedure is already recorded.", { field: "input.reference", rule: "DEBT-R02", article: "LD art. 69" });

/**
 * Calendar days (Europe/Zurich) during which limitation stood still: for each suspension, the days
 * from the day it began to the day it ended (or today), a suspension begun and ended on one day
 * counting none; overlapping suspensions count a day once. DEBT-R11 (LD art. 75 para. 2-3): only
 * the days from `periodStart` on count, the day the current period began: an interruption starts
 * the period anew, and a suspension that ended before it suspended none of the new period.
 */
export function suspendedCalendarDays(suspensions: Suspension[], now: Date, periodStart: Date | null = null): number {
  const dayNumber = (instant: Date) => Date.parse(`${zurichDate(instant)}T00:00:00Z`) / MS_PER_DAY;
  const spans = suspensions.map(s => [dayNumber(new Date(s.from)), dayNumber(s.to ? new Date(s.to) : now)] as const).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let covered = periodStart ? dayNumber(periodStart) : -Infinity;
  for (const [first, end] of spans) {
    const from = Math.max(first, covered);
    if (end > from) total += end - from;
    covered = Math.max(covered, end);
  }
  return total;
}


/**
 * The birth triggers of a conditional taxation (DEBT-R12): a procedure's (LD art. 49, 58-60) and a
 * consumer goods warehouse lot's (LD art. 51 para. 2 let. b). DEBT-R23 (LD art. 86 para. 2): the
 * remission window of such a debt runs from the end of the procedure.
 */
export const CONDITIONAL_TAXATIONS: readonly DebtBirthTrigger[] = [DebtBirthTrigger.PROCEDURE, DebtBirthTrigger.WAREHOUSING];

/**
 * Inserts the debt unless its key is taken, and says whether it did (LD art. 69: one debt per
 * declaration, case, procedure or lot). Never fails on the key: a transaction inserting the same
 * key at the same moment makes this one wait for its commit, then find the key taken and leave it
 * (locked) as it is. So two deliveries of one event both succeed, and one debt is recorded.
 */
export async function claimOrigin(m: EntityManager, debt: CustomsDebt): Promise<boolean> {
  await m.createQueryBuilder().insert().into(CustomsDebt).values(debt).orUpdate(["declaration_id"], ["declaration_id"]).execute();
  return (await findForUpdate(m, CustomsDebt, { declarationId: debt.declarationId }))?.id === debt.id;
}

/**
 * A debt, locked, its requisition for additional security locked first: in the order a security
 * provided in answer takes them (SecurityService.provide), so that an end of the debt and a
 * deposit for it wait for each other instead of deadlocking.
 */
export async function lockWithRequisition(m: EntityManager, where: { id: string } | { declarationId: string }): Promise<CustomsDebt | null> {
  const found = await m.findOneBy(CustomsDebt, where);
  if (!found) return null;
  await findForUpdate(m, SecurityRequisition, { originKey: `conditional:${found.id}` });
  return findForUpdate(m, CustomsDebt, { id: found.id });
}

/**
 * The debt (locked with `lockWithRequisition`) ended: its securities are released, their headroom
 * comes back (DEBT-R16, LD art. 79 para. 1: the surety's liability ends with the debtor's), and a
 * requisition for its rest that no security met yet no longer applies (DEBT-R18).
 */
export async function releaseSecurities(m: EntityManager, debt: CustomsDebt, at: Date): Promise<void> {
  await m.delete(SecurityReservation, { debtId: debt.id });
  await m.update(SecurityRequisition, { originKey: `conditional:${debt.id}`, securityId: IsNull(), withdrawnAt: IsNull() }, { withdrawnAt: at });
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
   * often the event comes. A declaration for transit, temporary admission, inward or outward
   * processing (`conditionalProcedure`) gives none: its duties are the procedure case's conditional
   * debt (X11; LD art. 49 para. 2, 58-60). Events without the flag are ordinary declarations.
   */
  async onDeclarationAccepted(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { declarationId: string; declarationNumber?: string; declarantId: string; onBehalfOfId?: string | null; acceptedAt: string; isPreDeclaration?: boolean; conditionalProcedure?: boolean };
    if (p.isPreDeclaration || p.conditionalProcedure) return;
    await this.arise(m, p.declarationId, p.declarationNumber ?? null, DebtBirthTrigger.ACCEPTANCE, new Date(p.acceptedAt), p.declarantId, p.onBehalfOfId ?? null);
  }

  async onBorderCrossed(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { declarationId: string; declarationNumber?: string; declarantId: string; crossedAt: string; onBehalfOfId?: string | null; conditionalProcedure?: boolean };
    if (p.conditionalProcedure) return;
    await this.arise(m, p.declarationId, p.declarationNumber ?? null, DebtBirthTrigger.BORDER_CROSSING_AFTER_PRE_ACCEPTANCE, new Date(p.crossedAt), p.declarantId, p.onBehalfOfId ?? null);
  }

  /**
   * X07 (LD art. 69 let. c; DEBT-R02 let. c): goods were brought in undeclared. The debt arises
   * when they crossed the border or, when that moment cannot be established, when the omission was
   * discovered. The ex officio taxation that follows for the same declaration (X09, `onTaxation`)
   * fixes the amount and keeps this birth. Idempotent: one debt per declaration.
   */
  async onUndeclaredGoodsDetected(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { declarationId: string; declarationNumber?: string | null; declarantId: string; onBehalfOfId?: string | null; crossedAt: string | null; detectedAt: string };
    const [trigger, at] = p.crossedAt ? [DebtBirthTrigger.OMITTED_DECLARATION_CROSSING, p.crossedAt] : [DebtBirthTrigger.OMITTED_DECLARATION_DISCOVERY, p.detectedAt];
    await this.arise(m, p.declarationId, p.declarationNumber ?? null, trigger, new Date(at), p.declarantId, p.onBehalfOfId ?? null);
  }

  /**
   * DEBT-R02, DEBT-R08 (LD art. 69, 72 para. 1): the debt of `declarationId` arises at `at`, due at
   * once, its amount null until established; the one already recorded under the key otherwise
   * (`claimOrigin`: concurrent deliveries record one). Also a stored lot's (X16, `lot:<lot id>`).
   */
  async arise(m: EntityManager, declarationId: string, number: string | null, trigger: DebtBirthTrigger, at: Date, declarantId: string, principalId: string | null): Promise<CustomsDebt> {
    const existing = await m.findOneBy(CustomsDebt, { declarationId });
    if (existing) return existing;
    const debt = m.create(CustomsDebt, {
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
      procedureEndedAt: null,
    });
    if (!(await claimOrigin(m, debt))) return (await findForUpdate(m, CustomsDebt, { declarationId }))!;
    // DEBT-R03 (LD art. 70 para. 2 let. b-c): the declarant and the person for whose account the goods move, jointly and severally.
    await this.addDebtors(m, debt.id, declarantId, principalId);
    return debt;
  }

  /**
   * X08 / X09 (LD art. 38; OD-AFD art. 58): the taxation fixes the amount. CHF 5 or less is not
   * levied (DEBT-R07). The payment period starts with the decision (DEBT-R09). An amended decision
   * replaces the amount; what was paid too much is shown as a refund. The decision it supersedes
   * (`supersedesId`) is remembered and, delivered again, ignored. A debt that arose before
   * (acceptance, border crossing, undeclared goods: X05-X07) keeps its birth trigger and moment.
   */
  async onTaxation(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { taxationDecisionId: string; declarationId: string; declarantId: string; onBehalfOfId?: string | null; totalDuties: string; nonCollected: boolean; establishedAt: string; supersedesId?: string | null };
    const established = new Date(p.establishedAt);
    const debt = (await findForUpdate(m, CustomsDebt, { declarationId: p.declarationId })) ?? (await this.arise(m, p.declarationId, null, DebtBirthTrigger.ACCEPTANCE, established, p.declarantId, p.onBehalfOfId ?? null));
    await this.addDebtors(m, debt.id, p.declarantId, p.onBehalfOfId ?? null);
    // The same decision again (a producer's retry under a new envelope id) changes nothing.
    if (debt.taxationDecisionId === p.taxationDecisionId) return;
    // X08 (DEBT-R01, LD art. 68): nor does a decision an amended one replaced, however late it
    // comes (at-least-once delivery, out of order): its amount is no longer the one fixed. The
    // debt's row, locked above, orders the decisions of one debt.
    if (await m.findOneBy(SupersededTaxationDecision, { taxationDecisionId: p.taxationDecisionId })) return;
    if (p.supersedesId && !(await m.findOneBy(SupersededTaxationDecision, { taxationDecisionId: p.supersedesId }))) {
      await m.save(m.create(SupersededTaxationDecision, { taxationDecisionId: p.supersedesId, supersededById: p.taxationDecisionId, debtId: debt.id, recordedAt: this.clock.now() }));
    }
    const amount = toRappen(p.totalDuties);
    const terminal = [DebtStatus.CANCELLED, DebtStatus.REMITTED, DebtStatus.TIME_BARRED].includes(debt.status);
    let status = debt.status;
    if (!terminal) {
      if (p.nonCollected) status = DebtStatus.NOT_LEVIED;
      else if (amount <= debt.principalPaid) status = DebtStatus.PAID;
      // A late debt stays late, and one in enforcement stays there (DEBT-R25, LD art. 88): the
      // amended amount is as enforceable as the first (LD art. 72 para. 2), and the overdue job
      // (X20) must not find it DUE and announce it overdue a second time.
      else status = LATE.includes(debt.status) ? debt.status : DebtStatus.DUE;
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

  /**
   * The appeal was decided (declarations' AppealDecided): the suspension it caused ends
   * (DEBT-R11, LD art. 75 para. 2); a further appeal, if filed, suspends again (X19).
   */
  async onAppealDecided(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { declarationId: string; appealId: string; decidedAt: string };
    const debt = await findForUpdate(m, CustomsDebt, { declarationId: p.declarationId });
    if (!debt) return;
    const open = debt.suspensions.find(s => s.reason === `appeal ${p.appealId}` && s.to === null);
    if (!open) return;
    debt.suspensions = debt.suspensions.map(s => (s === open ? { ...s, to: p.decidedAt } : s));
    await m.save(debt);
  }

  /**
   * DEC-R59 / DEBT-R07 (OD-AFD art. 58 para. 2): the office found abuse on a decision of CHF 5 or
   * less (TaxationAbuseFound): the debt is levied after all. DESIGN CHOICE: the payment period
   * runs from the finding, the debtor having had no reason to pay before.
   */
  async onTaxationAbuseFound(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { taxationDecisionId: string; flaggedAt: string };
    const debt = await findForUpdate(m, CustomsDebt, { taxationDecisionId: p.taxationDecisionId });
    if (!debt || debt.status !== DebtStatus.NOT_LEVIED) return;
    const flaggedAt = new Date(p.flaggedAt);
    Object.assign(debt, { status: DebtStatus.DUE, paymentDeadline: endOfCalendarDaysAfter(flaggedAt, this.config.paymentPeriodDays) });
    await m.save(debt);
  }

  /**
   * X19 (LD art. 75 para. 2, 72 para. 2): an appeal suspends limitation, not enforceability. The
   * debt's row is locked (as in `onAppealDecided`): two appeals' events handled at the same moment
   * add their suspensions one after the other, and neither is lost (DEBT-R11).
   */
  async onAppealFiled(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { declarationId: string; filedAt: string; appealId: string };
    const debt = await findForUpdate(m, CustomsDebt, { declarationId: p.declarationId });
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
        withdrawnAt: null,
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

  // ------------------------------------------------------------ reads and figures

  async get(id: string, m: EntityManager = this.dataSource.manager): Promise<CustomsDebt> {
    const debt = m === this.dataSource.manager ? await m.findOneBy(CustomsDebt, { id }) : await findForUpdate(m, CustomsDebt, { id });
    if (!debt) throw new NotFoundError("CustomsDebt", id, "debtId");
    return debt;
  }

  /** What the securities attached to each debt cover, in key order (one statement). */
  async securedAmountsOf(debtIds: readonly string[]): Promise<number[]> {
    if (!debtIds.length) return [];
    const rows = await this.dataSource.getRepository(SecurityReservation).findBy({ debtId: In([...new Set(debtIds)]) });
    return debtIds.map(id => rows.filter(r => r.debtId === id).reduce((sum, r) => sum + r.amount, 0));
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

  /**
   * The debts each partner owes (DEBT-R03), a page per partner, for any number of partners in the
   * same few statements (`BusinessPartner.customsDebts` of a list of partners).
   */
  debtPagesOfPartners(partnerIds: readonly string[], args: ConnectionArgs, statuses?: DebtStatus[] | null): Promise<ConnectionShape<CustomsDebt>[]> {
    return paginateByParent(
      this.dataSource.getRepository(CustomsDebt),
      {
        through: { table: "debtor_liability", childColumn: "debt_id", parentColumn: "partner_id" },
        timeProperty: "createdAt",
        where: statuses?.length ? (qb, alias) => qb.andWhere(`${alias}.status IN (:...statuses)`, { statuses }) : undefined,
      },
      partnerIds,
      args,
    );
  }

  outstandingPrincipal(debt: CustomsDebt): number {
    return (debt.amount ?? 0) - debt.principalPaid;
  }

  /** DEBT-R10 (LD art. 74): the default interest of one debt at `at` (services/interest.ts). */
  async accruedInterest(debt: CustomsDebt, at: Date, m: EntityManager = this.dataSource.manager): Promise<number> {
    return (await this.interestOf([debt], at, m))[0];
  }

  /**
   * The default interest of many debts at `at`, in key order: four statements for any number of
   * late debts (their payments, their subsequent collections, their cash deposit reservations with
   * their dates, the rates), none when no debt is late.
   */
  async interestOf(debts: readonly CustomsDebt[], at: Date, m: EntityManager = this.dataSource.manager): Promise<number[]> {
    const late = [...new Set(debts.filter(d => interestNeedsFacts(d, at)).map(d => d.id))];
    const none: InterestFacts = { payments: [], rates: [], cashDepositSince: null, collections: [] };
    if (!late.length) return debts.map(d => defaultInterest(d, at, none));
    const payments = await m.find(Payment, { where: { debtId: In(late) }, order: { paidAt: "ASC", id: "ASC" } });
    // DEBT-R22 (LD art. 85): the amounts notified afterwards, each with its payment period.
    const collections = await m.find(SubsequentCollection, { where: { debtId: In(late) }, order: { intentionNotifiedAt: "ASC", id: "ASC" } });
    // LD art. 74 para. 2: since when a cash deposit secures each debt (its reservations, dated).
    const cash = await m
      .createQueryBuilder(SecurityReservation, "r")
      .innerJoin(Security, "s", "s.id = r.security_id")
      .where("r.debt_id IN (:...ids) AND s.kind = :kind", { ids: late, kind: SecurityKind.CASH_DEPOSIT })
      .getMany();
    const rates = await m.find(InterestRate, { order: { validFrom: "ASC" } });
    return debts.map(d =>
      defaultInterest(d, at, { payments: payments.filter(p => p.debtId === d.id), rates, cashDepositSince: earliestReservation(cash.filter(r => r.debtId === d.id)), collections: collections.filter(c => c.debtId === d.id) }),
    );
  }

  /** A page of each debt's payments, oldest first, in a constant number of statements whatever the number of debts. */
  async paymentPages(debtIds: readonly string[], args: ConnectionArgs): Promise<ConnectionShape<Payment>[]> {
    return paginateByParent(this.dataSource.getRepository(Payment), { parentProperty: "debtId", timeProperty: "paidAt" }, debtIds, args);
  }

  /**
   * DEBT-R11 (LD art. 75): 5 years from the end of the calendar year of the due date, restarted by
   * an interruption (DESIGN CHOICE: from the end of the year of the interruption), prolonged by the
   * days it was suspended; after an interruption, only the days from the interruption on (an
   * appeal decided before it suspended none of the new period); never later than 15 years from the end of the year of birth.
   *
   * DESIGN CHOICE: suspended time is counted in calendar days in Europe/Zurich, from the day the
   * suspension began to the day it ended, and added as days, so a period ends at 23:59:59 Zurich
   * whatever changes to summer time lie between. A suspension still open counts up to today.
   */
  limitation(debt: CustomsDebt, now: Date): { relativeEnd: Date; absoluteEnd: Date; date: Date; suspendedDays: number } {
    const yearOf = (d: Date | string) => Number(zurichDate(new Date(d)).slice(0, 4));
    const lastInterruption = debt.interruptions.length ? debt.interruptions[debt.interruptions.length - 1] : null;
    const base = lastInterruption ? yearOf(lastInterruption) : yearOf(debt.dueAt);
    // Only the suspension within the current period prolongs it (LD art. 75 para. 2-3).
    const suspendedDays = suspendedCalendarDays(debt.suspensions, now, lastInterruption ? new Date(lastInterruption) : null);
    const relative = endOfZurichDay(addCalendarDays(`${base + 5}-12-31`, suspendedDays));
    const absolute = endOfZurichDay(`${yearOf(debt.arisenAt) + 15}-12-31`);
    return { relativeEnd: relative, absoluteEnd: absolute, date: relative.getTime() < absolute.getTime() ? relative : absolute, suspendedDays };
  }

  // ------------------------------------------------------------ payments and recovery

  /**
   * DEBT-R09, DEBT-R15 (LD art. 73, 78): a payment by a debtor or by a surety whose security covers
   * the debt, recorded by the office. Interest first, then principal (DESIGN CHOICE); no overpayment.
   * DEC-R62 (OD-AFD art. 39): an authorised consignee or consignor (an active PCD account, X02)
   * pays its debts without cash, against invoice in the PCD: its CASH payment is refused. A surety
   * paying for it is not bound by its status.
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
      if (input.method === PaymentMethod.CASH && !bySurety && (await m.findOneBy(PcdAccount, { holderId: input.payerId, active: true }))) {
        throw refuse("PCD_PAYMENT_REQUIRED", "An authorised consignee or consignor pays without cash, against invoice in the PCD.", { field: "input.method", rule: "DEC-R62", article: "OD-AFD art. 39" });
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
      } else if (debt.status === DebtStatus.DUE && debt.paymentDeadline) {
        // DEBT-R22 (LD art. 85): the earlier amounts paid, the debt waits for the period of the
        // amount notified after them, not for theirs (the overdue job, X20, reads this deadline).
        const collections = await m.find(SubsequentCollection, { where: { debtId: debt.id }, order: { intentionNotifiedAt: "ASC", id: "ASC" } });
        const next = collections.length ? nextPaymentDeadline(debt, collections, debt.principalPaid) : null;
        if (next && next.getTime() > debt.paymentDeadline.getTime()) debt.paymentDeadline = next;
      }
      await m.save(debt);
      if (bySurety && debt.status === DebtStatus.PAID) await this.handOverToSurety(m, debt, input.payerId, now);
      await this.events.publish(m, "DebtPaid", debt.id, { debtId: debt.id, declarationId: debt.declarationId, amount: formatRappen(input.amount), paidAt: now.toISOString(), settled: debt.status === DebtStatus.PAID });
      return payment;
    });
  }

  /**
   * DEBT-R15 (LD art. 78 para. 2): goods in customs custody that gave rise to the claim are handed
   * to the surety against payment. DESIGN CHOICE: a pledge on dutiable goods goes to the surety
   * whose payment settled the last open debt it secures; one that still secures an open debt stays.
   */
  private async handOverToSurety(m: EntityManager, settled: CustomsDebt, suretyId: string, at: Date): Promise<void> {
    const pledges = (await m.findBy(CustomsPledge, { status: In([PledgeStatus.ARISEN, PledgeStatus.SEQUESTERED]), objectKind: PledgeObjectKind.DUTIABLE_GOODS })).filter(p => p.securedDebtIds.includes(settled.id));
    for (const pledge of pledges) {
      const others = pledge.securedDebtIds.filter(id => id !== settled.id);
      const stillOpen = others.length ? await m.countBy(CustomsDebt, { id: In(others), status: In([...OPEN, DebtStatus.CONDITIONAL]) }) : 0;
      if (stillOpen) continue;
      await m.update(CustomsPledge, { id: pledge.id }, { status: PledgeStatus.HANDED_TO_SURETY, handedToId: suretyId, releasedAt: at, releaseReason: "LD art. 78 para. 2: handed to the surety against its payment" });
    }
  }

  /**
   * DEBT-R15 (LD art. 78 para. 1): on request, the surety that paid receives a receipt for its
   * recourse against the debtors and for the final lifting of an opposition. Asked by the surety
   * (its users or software) or by the office; one per payment (RECEIPT_ALREADY_ISSUED).
   */
  async issueSuretyReceipt(principal: Principal, paymentId: string): Promise<SuretyReceipt> {
    if (principal.kind === "ANONYMOUS") throw new UnauthenticatedError();
    const base = { rule: "DEBT-R15", article: "LD art. 78 para. 1" };
    return transaction(this.dataSource, async m => {
      const payment = await findForUpdate(m, Payment, { id: paymentId });
      const mayAsk = payment && (isOfficer(principal, "CUSTOMS_OFFICE") || principal.partners.some(p => p.partnerId === payment.payerId));
      // An unknown payment and someone else's read alike: a stranger learns nothing.
      if (!payment || !mayAsk) throw new NotFoundError("Payment", paymentId, "input.paymentId");
      if (!payment.bySurety) throw refuse("NOT_PAID_BY_A_SURETY", "The payment was made by a debtor: a receipt for recourse is a surety's.", { ...base, field: "input.paymentId" });
      const existing = await m.findOneBy(SuretyReceipt, { paymentId: payment.id });
      if (existing) throw refuse("RECEIPT_ALREADY_ISSUED", "The receipt for this payment was issued.", { ...base, field: "input.paymentId", receiptId: existing.id });
      const now = this.clock.now();
      const debtorIds = (await m.findBy(DebtorLiability, { debtId: payment.debtId })).map(l => l.partnerId).sort();
      return m.save(
        m.create(SuretyReceipt, {
          id: randomUUID(),
          number: `SR-${zurichDate(now).slice(0, 4)}-${randomUUID().replace(/-/g, "").slice(0, 8).toUpperCase()}`,
          paymentId: payment.id,
          debtId: payment.debtId,
          suretyId: payment.payerId,
          debtorIds,
          amount: payment.amount,
          paidAt: payment.paidAt,
          issuedAt: now,
        }),
      );
    });
  }

  async receiptsOfPayments(paymentIds: readonly string[]): Promise<(SuretyReceipt | null)[]> {
    if (!paymentIds.length) return [];
    const rows = await this.dataSource.getRepository(SuretyReceipt).findBy({ paymentId: In([...new Set(paymentIds)]) });
    return paymentIds.map(id => rows.find(r => r.paymentId === id) ?? null);
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
            // The debtors, for their notifications (DEBT-R03, LD art. 70).
            const debtorIds = (await m.findBy(DebtorLiability, { debtId: debt.id })).map(l => l.partnerId).sort();
            await this.events.publish(m, "DebtOverdue", debt.id, { debtId: debt.id, declarationId: debt.declarationId, overdueSince: debt.paymentDeadline!.toISOString(), outstanding: formatRappen(this.outstandingPrincipal(debt)), debtorIds });
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
          // In a transaction, as every write: it stamps the clock for the history triggers (issue 15);
          // outside one a connection would hand them whatever instant it last carried.
          if (await transaction(this.dataSource, m => transitionOnce(m, CustomsDebt, debt.id, { status: debt.status }, { status: DebtStatus.TIME_BARRED }))) barred += 1;
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

  /**
   * DEBT-R22 (LD art. 85): recover what was by mistake not collected, within one year of the
   * taxation decision; the amount notified is payable within its own payment period from the
   * notification (DEBT-R09, LD art. 73), and bears default interest only if not paid within it
   * (DEBT-R10, LD art. 74 para. 1; `paymentPeriods` in services/interest.ts).
   *
   * DESIGN CHOICE (not in sources): a debt that ended otherwise than by payment or non-collection
   * takes no subsequent collection (DEBT_ENDED, naming its status): one REMITTED was waived by the
   * DGD (LD art. 86), one CANCELLED fell with its declaration (X27), one EXTINGUISHED with the
   * procedure discharged (LD art. 49 para. 3-4), one TIME_BARRED can no longer be collected
   * (LD art. 75). Growing its amount would leave a debt no one may pay (DEBT_NOT_PAYABLE); what is
   * owed after all is a new decision, not a collection on the ended debt. A PAID or NOT_LEVIED debt
   * is collected and open again (below).
   */
  async subsequentCollection(principal: Principal, input: { debtId: string; errorType: CollectionErrorType; amount: number }): Promise<SubsequentCollection> {
    if (!isOfficer(principal, "CUSTOMS_OFFICE")) throw refuse("OFFICER_ROLE_REQUIRED", "A customs office decides a subsequent collection.", { requiredRoles: ["CUSTOMS_OFFICE"] });
    if (input.amount <= 0) throw new ValidationError("The amount to recover is positive.", { field: "input.amount" });
    return transaction(this.dataSource, async m => {
      const debt = await this.get(input.debtId, m);
      if (ENDED.includes(debt.status)) throw refuse("DEBT_ENDED", `A ${debt.status} debt takes no subsequent collection.`, { field: "input.debtId", status: debt.status, rule: "DEBT-R22", article: "LD art. 85" });
      if (!debt.establishedAt) throw refuse("NOT_TAXED", "The debt has no taxation decision yet.", { rule: "DEBT-R22", article: "LD art. 85" });
      const deadline = endOfSameDateYearsLater(debt.establishedAt, 1);
      const now = this.clock.now();
      if (now.getTime() > deadline.getTime()) throw refuse("SUBSEQUENT_COLLECTION_TOO_LATE", "The intention must be notified within one year of the taxation decision.", { rule: "DEBT-R22", article: "LD art. 85", deadline: deadline.toISOString() });
      // DEBT-R09, DEBT-R10 (LD art. 73, 74 para. 1): the amount notified is payable within its own
      // period from the notification (DESIGN CHOICE, as for a decision levied after all,
      // `onTaxationAbuseFound`): the debtor had no reason to pay it before. The amounts fixed
      // before keep theirs, so what was paid within it bears no interest. A debt that was not
      // levied (OD-AFD art. 58) is levied from now on, whole. A conditional debt has no period
      // yet: the amount shares the one it gets when it falls due.
      const period = debt.paymentDeadline ? endOfCalendarDaysAfter(now, this.config.paymentPeriodDays) : null;
      const prior = debt.status === DebtStatus.NOT_LEVIED ? period : debt.paymentDeadline;
      const collection = await m.save(
        m.create(SubsequentCollection, { id: randomUUID(), debtId: debt.id, errorType: input.errorType, amount: input.amount, intentionNotifiedAt: now, paymentDeadline: period, priorPaymentDeadline: prior }),
      );
      debt.amount = (debt.amount ?? 0) + input.amount;
      debt.interruptions = [...debt.interruptions, now.toISOString()];
      // Settled before, the debt is open again with the new amount's period only; an open one keeps
      // the period of its earlier amounts (the overdue job follows it, X20), `pay` moves on to this one.
      if (debt.status === DebtStatus.PAID || debt.status === DebtStatus.NOT_LEVIED) Object.assign(debt, { status: DebtStatus.DUE, paymentDeadline: period });
      await m.save(debt);
      return collection;
    });
  }

  /**
   * DEBT-R23 (LD art. 86 para. 2): the request reaches the taxing body within one year of the
   * taxation decision; for a conditional taxation (a procedure's or a stored lot's debt), within one
   * year from the end of the procedure (for a lot: the end of its storage, its release or its
   * destruction, X17, X18), so while the procedure runs no deadline runs yet. A debtor asks, or a surety
   * whose security covers the debt, raising the debtor's defences (DEBT-R15, LD art. 78 para. 3).
   */
  remissionDeadline(debt: CustomsDebt): Date | null {
    if (CONDITIONAL_TAXATIONS.includes(debt.birthTrigger)) return debt.procedureEndedAt ? endOfSameDateYearsLater(debt.procedureEndedAt, 1) : null;
    return debt.establishedAt ? endOfSameDateYearsLater(debt.establishedAt, 1) : null;
  }

  async requestRemission(principal: Principal, input: { debtId: string; ground: RemissionGround; justification: string }): Promise<RemissionRequest> {
    return transaction(this.dataSource, async m => {
      const debt = await this.get(input.debtId, m);
      await this.requireDebtorOrSurety(m, principal, debt);
      if (!debt.establishedAt) throw refuse("NOT_TAXED", "Remission is asked for a taxed debt.", { rule: "DEBT-R23", article: "LD art. 86 para. 2" });
      const deadline = this.remissionDeadline(debt);
      const now = this.clock.now();
      if (deadline && now.getTime() > deadline.getTime()) {
        const conditional = CONDITIONAL_TAXATIONS.includes(debt.birthTrigger);
        throw refuse("REMISSION_TOO_LATE", conditional ? "The request comes more than one year after the end of the procedure." : "The request comes more than one year after the taxation decision.", {
          rule: "DEBT-R23",
          article: "LD art. 86 para. 2",
          deadline: deadline.toISOString(),
        });
      }
      if (await m.findOneBy(RemissionRequest, { debtId: debt.id, status: RequestStatus.PENDING })) throw refuse("REMISSION_PENDING", "A remission request is already pending.", { rule: "DEBT-R23", article: "LD art. 86" });
      return m.save(m.create(RemissionRequest, { id: randomUUID(), debtId: debt.id, ground: input.ground, justification: input.justification, filedAt: now, deadline, status: RequestStatus.PENDING, remitted: null }));
    });
  }

  /**
   * DEBT-R23 (OD-AFD art. 59): the DGD decides; a full remission ends the debt, and with it the
   * sureties' liability (DEBT-R16, LD art. 79 para. 1): its securities are released and a
   * requisition for a conditional debt's rest, still unmet, withdrawn.
   */
  async decideRemission(principal: Principal, input: { requestId: string; grant: boolean; amount?: number | null }): Promise<RemissionRequest> {
    if (!isOfficer(principal, "DGD")) throw refuse("OFFICER_ROLE_REQUIRED", "The DGD decides on remission (OD-AFD art. 59).", { requiredRoles: ["DGD"] });
    return transaction(this.dataSource, async m => {
      // Decided once: the request's row is locked before its status is checked.
      const request = await findForUpdate(m, RemissionRequest, { id: input.requestId });
      if (!request) throw new NotFoundError("RemissionRequest", input.requestId, "input.requestId");
      if (request.status !== RequestStatus.PENDING) throw refuse("REMISSION_DECIDED", "The request was already decided.", { rule: "DEBT-R23", article: "OD-AFD art. 59" });
      const debt = (await lockWithRequisition(m, { id: request.debtId }))!;
      if (input.grant) {
        const open = this.outstandingPrincipal(debt);
        const amount = input.amount ?? open;
        if (amount <= 0 || amount > open) throw new ValidationError(`Remit between CHF 0.01 and CHF ${formatRappen(open)}.`, { field: "input.amount", rule: "DEBT-R23", article: "LD art. 86" });
        request.remitted = amount;
        debt.amount = (debt.amount ?? 0) - amount;
        if (this.outstandingPrincipal(debt) <= 0) {
          debt.status = DebtStatus.REMITTED;
          await releaseSecurities(m, debt, this.clock.now());
        }
        await m.save(debt);
      }
      request.status = input.grant ? RequestStatus.GRANTED : RequestStatus.REFUSED;
      return m.save(request);
    });
  }

  /** A debtor, or the surety of a security attached to the debt (DEBT-R15, LD art. 78 para. 3: it may raise the debtor's defences). */
  private async requireDebtorOrSurety(m: EntityManager, principal: Principal, debt: CustomsDebt): Promise<void> {
    const mine = principal.partners.map(p => p.partnerId);
    const debtors = (await m.findBy(DebtorLiability, { debtId: debt.id })).map(l => l.partnerId);
    if (mine.some(id => debtors.includes(id))) return;
    if (mine.length && (await this.suretiesOf(m, debt.id)).some(id => mine.includes(id))) return;
    throw refuse("FORBIDDEN", "Only a debtor, or the surety of a security covering the debt, may ask.", { debtId: debt.id });
  }

  /** The sureties of the bonds attached to a debt. */
  async suretiesOf(m: EntityManager, debtId: string): Promise<string[]> {
    const reservations = await m.findBy(SecurityReservation, { debtId });
    if (!reservations.length) return [];
    const securities = await m.findBy(Security, { id: In(reservations.map(r => r.securityId)) });
    return [...new Set(securities.map(s => s.suretyId).filter((id): id is string => Boolean(id)))];
  }

  /** Debts by their key: a declaration's id, `procedure:<case id>` for a procedure's conditional debt, `lot:<lot id>` for a stored lot's (one statement). */
  async byKeys(keys: readonly string[]): Promise<(CustomsDebt | null)[]> {
    if (!keys.length) return [];
    const rows = await this.dataSource.getRepository(CustomsDebt).findBy({ declarationId: In([...new Set(keys)]) });
    return keys.map(key => rows.find(r => r.declarationId === key) ?? null);
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
