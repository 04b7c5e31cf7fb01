import { Decimal, formatRappen, Rappen } from "../../kit";
import { AggravatingCircumstance, OffenceType, PriorOffence } from "../entities/enums";

/**
 * The legal maximum of a fine, computed and explained step by step with its articles
 * (ENF-R08 to ENF-R17, LD art. 118-127). Pure: the case service and the schema both use it.
 */
export interface FineBasis {
  offenceType: OffenceType;
  priorOffence: PriorOffence | null;
  dutiesAtStake: Rappen | null;
  goodsValue: Rappen | null;
  aggravatingCircumstances: AggravatingCircumstance[];
  concurrentOffences: OffenceType[];
  otherConcurrentOffence: string | null;
  otherConcurrentMaxFine: Rappen | null;
  concurrenceIncrease: Rappen | null;
}

export interface FineStep {
  description: string;
  article: string;
  /** The maximum after this step, in rappen; null when the basis is not known yet. */
  amount: Rappen | null;
}

export interface FineRange {
  /** The highest fine the law allows on this basis; null until the basis is known (`missing`). */
  maxFine: Rappen | null;
  /** Months of custodial sentence that may be added (12 with aggravating circumstances, LD art. 118-120). */
  custodialMonthsMax: number;
  steps: FineStep[];
  /** What must still be established before the maximum can be computed. */
  missing: string[];
}

/** ENF-R15 (LD art. 125): the highest fine an undertaking may be ordered to pay. */
export const UNDERTAKING_FINE_LIMIT: Rappen = 100_000_00;
/** ENF-R17 (LD art. 127 para. 1, 2). */
export const ORDER_VIOLATION_MAX: Rappen = 5_000_00;
export const VERBAL_INJUNCTION_MAX: Rappen = 2_000_00;
/** LD art. 118 para. 1, 119 para. 1, 120 para. 1, 122 para. 1: "up to five times". */
const MULTIPLE = 5;
/** ENF-R08 to ENF-R10: with aggravating circumstances, custody of up to one year may be added. */
const AGGRAVATED_CUSTODY_MONTHS = 12;

interface OffenceRule {
  /** What the multiple applies to, or a fixed maximum. */
  basis: "DUTIES" | "VALUE" | "FIXED";
  fixed?: Rappen;
  article: string;
  /** Where the law raises the maximum by half for aggravating circumstances (null: it does not). */
  aggravationArticle: string | null;
  label: string;
}

const RULES: Record<Exclude<OffenceType, OffenceType.RECEIVING>, OffenceRule> = {
  [OffenceType.CUSTOMS_EVASION]: { basis: "DUTIES", article: "LD art. 118 para. 1", aggravationArticle: "LD art. 118 para. 3", label: "customs evasion: up to five times the duties evaded" },
  [OffenceType.CUSTOMS_ENDANGERMENT]: { basis: "DUTIES", article: "LD art. 119 para. 1", aggravationArticle: "LD art. 119 para. 2", label: "customs endangerment: up to five times the duties endangered" },
  [OffenceType.PROHIBITED_TRAFFIC]: { basis: "VALUE", article: "LD art. 120 para. 1", aggravationArticle: "LD art. 120 para. 3", label: "prohibited traffic: up to five times the value of the goods" },
  [OffenceType.PLEDGE_MISAPPROPRIATION]: { basis: "VALUE", article: "LD art. 122 para. 1", aggravationArticle: null, label: "misappropriation of the customs pledge: up to five times the value of the goods" },
  [OffenceType.ORDER_VIOLATION]: { basis: "FIXED", fixed: ORDER_VIOLATION_MAX, article: "LD art. 127 para. 1", aggravationArticle: null, label: "breach of order rules: up to CHF 5,000" },
  [OffenceType.VERBAL_INJUNCTION_VIOLATION]: { basis: "FIXED", fixed: VERBAL_INJUNCTION_MAX, article: "LD art. 127 para. 2", aggravationArticle: null, label: "disregard of verbal injunctions, signals or signs: up to CHF 2,000" },
};

/** ENF-R11 (LD art. 121): receiving takes the rule of the prior offence. */
function ruleOf(type: OffenceType, prior: PriorOffence | null): { rule: OffenceRule; via: string | null } | null {
  if (type !== OffenceType.RECEIVING) return { rule: RULES[type], via: null };
  if (!prior) return null;
  return { rule: RULES[prior as unknown as Exclude<OffenceType, OffenceType.RECEIVING>], via: "LD art. 121" };
}

/** One offence's maximum on the basis, with its steps. */
function maximumOf(type: OffenceType, basis: FineBasis): { max: Rappen | null; custody: number; steps: FineStep[]; missing: string[] } {
  const found = ruleOf(type, basis.priorOffence);
  if (!found) return { max: null, custody: 0, steps: [{ description: "receiving: the penalty of the author of the prior offence, which is not established yet", article: "LD art. 121", amount: null }], missing: ["priorOffence"] };
  const { rule, via } = found;
  const steps: FineStep[] = [];
  if (via) steps.push({ description: `receiving: the penalty applicable to the author of the prior offence (${rule.label.split(":")[0]})`, article: via, amount: null });
  let max: Decimal | null;
  const missing: string[] = [];
  if (rule.basis === "FIXED") {
    max = new Decimal(rule.fixed!);
    steps.push({ description: rule.label, article: rule.article, amount: rule.fixed! });
  } else {
    const base = rule.basis === "DUTIES" ? basis.dutiesAtStake : basis.goodsValue;
    if (base === null) {
      missing.push(rule.basis === "DUTIES" ? "dutiesAtStake" : "goodsValue");
      steps.push({ description: `${rule.label}; the ${rule.basis === "DUTIES" ? "duties" : "value of the goods"} are not established yet`, article: rule.article, amount: null });
      max = null;
    } else {
      max = new Decimal(base).times(MULTIPLE);
      steps.push({ description: `${rule.label}: 5 × CHF ${formatRappen(base)}`, article: rule.article, amount: max.toNumber() });
    }
  }
  let custody = 0;
  if (basis.aggravatingCircumstances.length) {
    if (rule.aggravationArticle) {
      custody = AGGRAVATED_CUSTODY_MONTHS;
      // ENF-R14 circumstances raise the maximum by half; rounded down to the rappen (a maximum is never exceeded).
      if (max !== null) max = max.times(1.5).floor();
      steps.push({
        description: `aggravating circumstances (${basis.aggravatingCircumstances.join(", ")}, LD art. 124): the maximum is raised by half; a custodial sentence of up to one year may be added`,
        article: rule.aggravationArticle,
        amount: max?.toNumber() ?? null,
      });
    } else {
      steps.push({ description: `aggravating circumstances (LD art. 124) recorded; ${rule.article} provides no raise of the maximum`, article: rule.article, amount: max?.toNumber() ?? null });
    }
  }
  return { max: max?.toNumber() ?? null, custody, steps, missing };
}

/**
 * ENF-R16 (LD art. 126) DESIGN CHOICE: with concurrent offences the maximum is the higher of
 * their maxima (the penalty of the most serious offence), plus an increase an officer entered
 * with a reason (the source gives no cap).
 */
export function fineRange(basis: FineBasis): FineRange {
  const offences = [basis.offenceType, ...basis.concurrentOffences.filter(o => o !== basis.offenceType)];
  const results = offences.map(o => ({ offence: o, ...maximumOf(o, basis) }));
  const steps = results.flatMap(r => r.steps);
  const missing = [...new Set(results.flatMap(r => r.missing))];
  const custodialMonthsMax = Math.max(...results.map(r => r.custody));
  let maxFine: Rappen | null = missing.length ? null : Math.max(...results.map(r => r.max ?? 0));
  if (results.length > 1) {
    steps.push({ description: `concurrence of ${offences.join(" and ")}: the penalty of the most serious offence`, article: "LD art. 126 para. 1", amount: maxFine });
  }
  if (basis.otherConcurrentOffence) {
    if (basis.otherConcurrentMaxFine === null) missing.push("otherConcurrentMaxFine");
    maxFine = missing.length ? null : Math.max(maxFine!, basis.otherConcurrentMaxFine!);
    steps.push({ description: `concurrence with ${basis.otherConcurrentOffence}: the penalty of the most serious offence`, article: "LD art. 126 para. 2", amount: maxFine });
  }
  if (basis.concurrenceIncrease) {
    maxFine = maxFine === null ? null : maxFine + basis.concurrenceIncrease;
    steps.push({ description: `appropriate increase for the concurrence: CHF ${formatRappen(basis.concurrenceIncrease)}`, article: "LD art. 126", amount: maxFine });
  }
  return { maxFine, custodialMonthsMax, steps, missing };
}
