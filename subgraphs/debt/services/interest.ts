import { Decimal, MS_PER_DAY, zurichDate } from "../../kit";
import type { CustomsDebt, InterestRate, Payment } from "../entities/debt.entity";
import { DebtStatus } from "../entities/enums";

const OPEN = [DebtStatus.DUE, DebtStatus.OVERDUE, DebtStatus.IN_ENFORCEMENT];

/** What default interest depends on besides the debt itself; loaded once per request for many debts. */
export interface InterestFacts {
  /** The debt's payments, oldest first. */
  payments: Pick<Payment, "amount" | "interestPart" | "paidAt">[];
  /** Every default interest rate, by `validFrom` ascending. */
  rates: Pick<InterestRate, "validFrom" | "percentPerYear">[];
  /** A cash deposit secures the debt (LD art. 74 para. 3: no interest then). */
  securedByCashDeposit: boolean;
}

/**
 * Whether the interest of `debt` at `at` depends on its payments, the rates and its securities at
 * all: a debt that is settled, not open, or not late yet owes a figure known from the debt alone.
 * Lets a page of debts that are all on time cost no statement for their interest.
 */
export function interestNeedsFacts(debt: CustomsDebt, at: Date): boolean {
  if (debt.status === DebtStatus.PAID) return false;
  if (!debt.amount || !debt.paymentDeadline || !OPEN.includes(debt.status)) return false;
  return at.getTime() > debt.paymentDeadline.getTime();
}

/**
 * DEBT-R10 (LD art. 74): default interest runs from the due date when the debt is not paid within
 * the payment period; none while a cash deposit secures it. Simple interest on the outstanding
 * principal, per calendar day (Zurich), 365-day year, at the rate in force each day, rounded half
 * up to the rappen once (kit/money.ts).
 *
 * Computed per period, not per day: between two breakpoints (a payment day or the first day of a
 * new rate) principal and rate are constant, so the period owes principal × rate × days / 365.
 * The sum is the same as the day-by-day sum, in a handful of steps however long the debt is late.
 */
export function defaultInterest(debt: CustomsDebt, at: Date, facts: InterestFacts): number {
  // A settled debt owes exactly the interest it paid: pay() settles only once interest is paid.
  if (debt.status === DebtStatus.PAID) return debt.interestPaid;
  if (!interestNeedsFacts(debt, at)) return 0;
  const amount = debt.amount!;
  const deadline = debt.paymentDeadline!;
  const { payments, rates } = facts;
  let settledAt: Date | null = null;
  let paid = 0;
  for (const p of payments) {
    paid += p.amount - p.interestPart;
    if (paid >= amount) {
      settledAt = p.paidAt;
      break;
    }
  }
  if (settledAt && settledAt.getTime() <= deadline.getTime()) return 0;
  if (facts.securedByCashDeposit) return 0;
  const end = settledAt && settledAt.getTime() < at.getTime() ? settledAt : at;
  const firstDay = zurichDate(debt.dueAt);
  const lastDay = zurichDate(end);
  if (firstDay >= lastDay) return 0;

  // A payment counts from the day it was made; a rate from its first day.
  const paymentDays = payments.map(p => ({ day: zurichDate(p.paidAt), principal: p.amount - p.interestPart }));
  const breakpoints = [...new Set([...paymentDays.map(p => p.day), ...rates.map(r => r.validFrom)])].filter(day => day > firstDay && day < lastDay).sort();
  const bounds = [firstDay, ...breakpoints, lastDay];
  let principal = amount;
  let applied = 0;
  let interest = new Decimal(0);
  for (let i = 0; i < bounds.length - 1; i++) {
    const [from, to] = [bounds[i], bounds[i + 1]];
    while (applied < paymentDays.length && paymentDays[applied].day <= from) principal -= paymentDays[applied++].principal;
    if (principal <= 0) break;
    const rate = latestRate(rates, from);
    if (!rate) continue;
    interest = interest.plus(new Decimal(principal).mul(rate.percentPerYear).mul(daysBetween(from, to)).div(100).div(365));
  }
  return interest.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
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
