import { CustomsDeclaration, DeclarationItem } from "../entities/declaration.entity";
import { Direction, SelectionResult } from "../entities/enums";
import { SelectionRuleSet } from "../entities/selection.entity";
import { SelectionService } from "./selection.service";

const ruleSet = Object.assign(new SelectionRuleSet(), {
  version: 7,
  randomRate: "0.05",
  rules: [
    { id: "MEAT", description: "Bovine meat", result: SelectionResult.BLOCKED, when: { direction: "IMPORT", tariffPrefixes: ["0201"] } },
    { id: "DOCS", description: "Non-customs acts", result: SelectionResult.FREE_WITH, when: { nonCustomsActs: true } },
    { id: "BIG", description: "Over CHF 100,000", result: SelectionResult.FREE_WITH, when: { minValueChf: "100000" } },
    { id: "ALAD", description: "Wine", result: SelectionResult.FREE_WITHOUT_ALAD, when: { tariffPrefixes: ["2204"] } },
  ],
});

const declaration = (direction: Direction) => Object.assign(new CustomsDeclaration(), { direction });
const item = (tariffNumber: string, value = 100_00, extra: Partial<DeclarationItem> = {}) =>
  Object.assign(new DeclarationItem(), { tariffNumber, value, origin: "DE", nonCustomsActsApply: false, quotaGoods: false, proofOfOriginRequired: false, ...extra });

function selector(draw: number): SelectionService {
  const s = new SelectionService();
  s.random = () => draw;
  return s;
}

describe("risk selection (DEC-R29, OD-AFD art. 17 para. 1, 17a para. 1)", () => {
  it("takes the most severe result of the rules that match, and names them", () => {
    const out = selector(0.9).select(declaration(Direction.IMPORT), [item("0201.3000"), item("9999.0000", 200_000_00, { nonCustomsActsApply: true })], ruleSet);
    expect(out.result).toBe(SelectionResult.BLOCKED);
    expect(out.matched.map(m => m.ruleId)).toEqual(["MEAT", "DOCS", "BIG"]);
    expect(out.randomlySelected).toBe(false);
  });

  it("blocks at random below the rule set's rate, and only below it", () => {
    expect(selector(0.0499).select(declaration(Direction.IMPORT), [item("6109.1000")], ruleSet)).toMatchObject({ result: SelectionResult.BLOCKED, randomlySelected: true, draw: "0.0499" });
    expect(selector(0.05).select(declaration(Direction.IMPORT), [item("6109.1000")], ruleSet)).toMatchObject({ result: SelectionResult.FREE_WITHOUT, randomlySelected: false });
  });

  it("gives an import FREE_WITH, FREE_WITHOUT or FREE_WITHOUT_ALAD as the rules say (DEC-R31, DEC-R32, OD-AFD art. 17 para. 3-4)", () => {
    expect(selector(0.9).select(declaration(Direction.IMPORT), [item("1001.9900", 100, { nonCustomsActsApply: true })], ruleSet).result).toBe(SelectionResult.FREE_WITH);
    expect(selector(0.9).select(declaration(Direction.IMPORT), [item("2204.2150")], ruleSet).result).toBe(SelectionResult.FREE_WITHOUT_ALAD);
    expect(selector(0.9).select(declaration(Direction.IMPORT), [item("1001.9900")], ruleSet).result).toBe(SelectionResult.FREE_WITHOUT);
  });

  it("knows only BLOCKED and FREE for exports (DEC-R34, OD-AFD art. 17a)", () => {
    expect(selector(0.9).select(declaration(Direction.EXPORT), [item("2204.2150", 200_000_00)], ruleSet).result).toBe(SelectionResult.FREE);
    expect(selector(0.9).select(declaration(Direction.EXPORT), [item("0201.3000")], ruleSet).result).toBe(SelectionResult.FREE);
    expect(selector(0.01).select(declaration(Direction.EXPORT), [item("0201.3000")], ruleSet).result).toBe(SelectionResult.BLOCKED);
  });

  it("compares the value threshold exactly, in rappen", () => {
    expect(selector(0.9).select(declaration(Direction.IMPORT), [item("1001.9900", 99_999_99)], ruleSet).result).toBe(SelectionResult.FREE_WITHOUT);
    expect(selector(0.9).select(declaration(Direction.IMPORT), [item("1001.9900", 100_000_00)], ruleSet).result).toBe(SelectionResult.FREE_WITH);
  });
});
