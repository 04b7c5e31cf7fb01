import { randomInt } from "node:crypto";
import { Decimal } from "../../kit";
import { CustomsDeclaration, DeclarationItem } from "../entities/declaration.entity";
import { Direction, SelectionResult } from "../entities/enums";
import { MatchedCriterion, SelectionRule, SelectionRuleSet } from "../entities/selection.entity";

const SEVERITY: Record<SelectionResult, number> = {
  BLOCKED: 4,
  FREE_WITH: 3,
  FREE: 2,
  FREE_WITHOUT: 1,
  FREE_WITHOUT_ALAD: 0,
};

export interface SelectionOutcome {
  result: SelectionResult;
  matched: MatchedCriterion[];
  draw: string;
  randomlySelected: boolean;
}

/**
 * Risk selection after acceptance (DEC-R29, OD-AFD art. 17 para. 1, 17a para. 1): the most severe
 * result of the rules that match; if none blocks, a random draw below the rule set's rate blocks.
 * Otherwise import is FREE_WITHOUT and export FREE. Exports know only BLOCKED and FREE
 * (OD-AFD art. 17a), so any other result of a rule reads FREE there.
 */
export class SelectionService {
  /** A draw in [0, 1). Replaceable, so that tests and replays are deterministic. */
  random: () => number = () => randomInt(0, 1_000_000_000) / 1_000_000_000;

  select(declaration: CustomsDeclaration, items: DeclarationItem[], ruleSet: SelectionRuleSet): SelectionOutcome {
    const isExport = declaration.direction === Direction.EXPORT;
    const normalise = (r: SelectionResult): SelectionResult => (isExport && r !== SelectionResult.BLOCKED ? SelectionResult.FREE : r);
    const matched = ruleSet.rules.filter(rule => this.matches(rule, declaration, items)).map(rule => ({ ruleId: rule.id, description: rule.description, result: normalise(rule.result) }));
    const draw = this.random();
    let result = matched.reduce<SelectionResult | null>((worst, m) => (worst === null || SEVERITY[m.result] > SEVERITY[worst] ? m.result : worst), null);
    let randomlySelected = false;
    if (result !== SelectionResult.BLOCKED && new Decimal(draw).lt(ruleSet.randomRate)) {
      result = SelectionResult.BLOCKED;
      randomlySelected = true;
    }
    return { result: result ?? (isExport ? SelectionResult.FREE : SelectionResult.FREE_WITHOUT), matched, draw: String(draw), randomlySelected };
  }

  private matches(rule: SelectionRule, d: CustomsDeclaration, items: DeclarationItem[]): boolean {
    const w = rule.when;
    if (w.direction && w.direction !== d.direction) return false;
    const itemMatches = (i: DeclarationItem) =>
      (!w.tariffPrefixes?.length || w.tariffPrefixes.some(p => i.tariffNumber.replace(".", "").startsWith(p.replace(".", "")))) &&
      (!w.origins?.length || w.origins.includes(i.origin)) &&
      (w.nonCustomsActs === undefined || i.nonCustomsActsApply === w.nonCustomsActs) &&
      (w.quotaGoods === undefined || i.quotaGoods === w.quotaGoods) &&
      (w.proofOfOrigin === undefined || i.proofOfOriginRequired === w.proofOfOrigin);
    const hasItemCriteria = Boolean(w.tariffPrefixes?.length || w.origins?.length || w.nonCustomsActs !== undefined || w.quotaGoods !== undefined || w.proofOfOrigin !== undefined);
    if (hasItemCriteria && !items.some(itemMatches)) return false;
    if (w.minValueChf !== undefined) {
      const total = items.reduce((sum, i) => sum + i.value, 0);
      if (new Decimal(total).div(100).lt(w.minValueChf)) return false;
    }
    return true;
  }
}
