import { Decimal, MS_PER_DAY, zurichDate } from "../../kit";
import type { CustomsDebt, InterestRate, Payment } from "../entities/debt.entity";
import type { SecurityReservation, SubsequentCollection } from "../entities/security.entity";
import { DebtStatus } from "../entities/enums";

const OPEN = [DebtStatus.DUE, DebtStatus.OVERDUE, DebtStatus.IN_ENFORCEMENT];

/** What default interest depends on besides the debt itself; loaded once per request for many debts. */
export interface InterestFacts {
  /** The debt's payments, oldest first. */
  payments: Pick<Payment, "amount" | "interestPart" | "paidAt">[];
  /** Every default interest rate, by `validFrom` ascending. */
  rates: Pick<InterestRate, "validFrom" | "percentPerYear">[];
  /**
   * Since when a cash deposit secures the debt (its earliest cash deposit reservation still
   * attached), null when none does. LD art. 74 para. 2: no interest while it does, so none from
   * then on; the interest accrued before it stays due.
   */
  cashDepositSince: Date | null;
  /** The debt's subsequent collections (DEBT-R22, LD art. 85), oldest notification first: each amount has its own payment period. */
  collections: CollectedAmount[];
}

export type CollectedAmount = Pick<SubsequentCollection, "amount" | "paymentDeadline" | "priorPaymentDeadline">;

/** A part of the principal with its own payment period: the amount first fixed, then each amount notified afterwards. */
interface PaymentPeriod {
  amount: number;
  /** The principal paid once this part is settled (the parts are paid in order). */
  settledWhenPaid: number;
  deadline: Date;
}

/**
 * DEBT-R09, DEBT-R22 (LD art. 73, 85): the parts of the principal and the end of their payment
 * periods, in the order payments settle them. The amount first fixed keeps its period (the one
 * the first collection found); each amount notified afterwards has its own, from its notification.
 * A collection recorded before periods were kept per amount shares the debt's. When the debt was
 * reduced below what was notified (remission), the earliest notified amounts give way first.
 */
export function paymentPeriods(debt: CustomsDebt, collections: readonly CollectedAmount[]): PaymentPeriod[] {
  const amount = debt.amount ?? 0;
  const shared = debt.paymentDeadline!;
  const parts = [
    { amount, deadline: collections[0]?.priorPaymentDeadline ?? shared },
    ...collections.map(c => ({ amount: c.amount, deadline: c.paymentDeadline ?? shared })),
  ];
  const notified = collections.reduce((sum, c) => sum + c.amount, 0);
  parts[0].amount = Math.max(0, amount - notified);
  let excess = Math.max(0, notified - amount);
  for (const part of parts.slice(1)) {
    const cut = Math.min(excess, part.amount);
    part.amount -= cut;
    excess -= cut;
  }
  let paid = 0;
  return parts.map(part => ({ ...part, settledWhenPaid: (paid += part.amount) }));
}

/**
 * The end of the payment period of the first part of the principal still open once `principalPaid`
 * is paid; null when nothing is. The overdue job (X20) reads the debt's `paymentDeadline`: a debt
 * whose earlier amounts are paid waits for the period of the amount notified after them.
 */
export function nextPaymentDeadline(debt: CustomsDebt, collections: readonly CollectedAmount[], principalPaid: number): Date | null {
  return paymentPeriods(debt, collections).find(p => p.amount > 0 && p.settledWhenPaid > principalPaid)?.deadline ?? null;
}

/**
 * Whether the interest of `debt` at `at` depends on its payments, the rates and its securities at
 * all: a debt that is settled, not open, or not late yet owes a figure known from the debt alone.
 * Lets a page of debts that are all on time cost no statement for their interest. A debt that paid
 * interest and is open again (a subsequent collection after a late payment) needs them too.
 */
export function interestNeedsFacts(debt: CustomsDebt, at: Date): boolean {
  if (debt.status === DebtStatus.PAID) return false;
  if (!debt.amount || !debt.paymentDeadline || !OPEN.includes(debt.status)) return false;
  return at.getTime() > debt.paymentDeadline.getTime() || debt.interestPaid > 0;
}

/**
 * DEBT-R10 (LD art. 74): default interest runs from the due date when the debt is not paid within
 * the payment period; none while a cash deposit secures it, so none from the day it was attached
 * (the days before stay due). Simple interest on the outstanding principal, per calendar day
 * (Zurich), 365-day year, at the rate in force each day, rounded half up to the rappen once
 * (kit/money.ts).
 *
 * With DEBT-R22 (LD art. 85): each part of the principal with its own payment period
 * (`paymentPeriods`) bears interest only if it was not paid within it, and only once that period
 * ended; a part settled within its period bears none, whatever is notified after it.
 *
 * Computed per period, not per day: between two breakpoints (a payment day or the first day of a
 * new rate) principal and rate are constant, so the period owes principal × rate × days / 365.
 * The sum is the same as the day-by-day sum, in a handful of steps however long the debt is late.
 */
export function defaultInterest(debt: CustomsDebt, at: Date, facts: InterestFacts): number {
  // A settled debt owes exactly the interest it paid: pay() settles only once interest is paid.
  if (debt.status === DebtStatus.PAID) return debt.interestPaid;
  if (!interestNeedsFacts(debt, at)) return 0;
  const { payments, rates } = facts;
  // The parts that bear interest: late (their period ended) and not paid within their period.
  const bearing = paymentPeriods(debt, facts.collections).filter(part => {
    if (part.amount <= 0 || at.getTime() <= part.deadline.getTime()) return false;
    let paid = 0;
    for (const p of payments) {
      paid += p.amount - p.interestPart;
      if (paid >= part.settledWhenPaid) return p.paidAt.getTime() > part.deadline.getTime();
    }
    return true;
  });
  if (!bearing.length) return 0;
  let end = at;
  // Interest runs until the cash deposit was attached, not from the due date to now as if it had
  // secured the debt all along, nor not at all as if it had never been late (LD art. 74 para. 2).
  if (facts.cashDepositSince && facts.cashDepositSince.getTime() < end.getTime()) end = facts.cashDepositSince;
  const firstDay = zurichDate(debt.dueAt);
  const lastDay = zurichDate(end);
  if (firstDay >= lastDay) return 0;

  // A payment counts from the day it was made; a rate from its first day. Payments settle the
  // parts in order: what a part still owes once `paid` is paid.
  const outstanding = (paid: number) => bearing.reduce((sum, part) => sum + Math.min(part.amount, Math.max(0, part.settledWhenPaid - paid)), 0);
  const paymentDays = payments.map(p => ({ day: zurichDate(p.paidAt), principal: p.amount - p.interestPart }));
  const breakpoints = [...new Set([...paymentDays.map(p => p.day), ...rates.map(r => r.validFrom)])].filter(day => day > firstDay && day < lastDay).sort();
  const bounds = [firstDay, ...breakpoints, lastDay];
  let paid = 0;
  let applied = 0;
  let interest = new Decimal(0);
  for (let i = 0; i < bounds.length - 1; i++) {
    const [from, to] = [bounds[i], bounds[i + 1]];
    while (applied < paymentDays.length && paymentDays[applied].day <= from) paid += paymentDays[applied++].principal;
    const principal = outstanding(paid);
    if (principal <= 0) break;
    const rate = latestRate(rates, from);
    if (!rate) continue;
    interest = interest.plus(new Decimal(principal).mul(rate.percentPerYear).mul(daysBetween(from, to)).div(100).div(365));
  }
  return interest.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

/** When the first of these reservations was made, null for none (LD art. 74 para. 2: a cash deposit stops interest from then on). */
export function earliestReservation(reservations: readonly Pick<SecurityReservation, "reservedAt">[]): Date | null {
  return reservations.reduce<Date | null>((first, r) => (!first || r.reservedAt.getTime() < first.getTime() ? r.reservedAt : first), null);
}

function latestRate(rates: InterestFacts["rates"], day: string): InterestFacts["rates"][number] | undefined {
  let found: InterestFacts["rates"][number] | undefined;
  for (const r of rates) if (r.validFrom <= day) found = r;
  return found;
}

function daysBetween(from: string, to: string): number {
  const utc = (day: string) => {
    const [y, m, d] = day.split("-").map(Number);
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((utc(to) - utc(from)) / MS_PER_DAY);
}
