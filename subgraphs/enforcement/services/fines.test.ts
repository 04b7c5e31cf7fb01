import { AggravatingCircumstance, OffenceType, PriorOffence } from "../entities/enums";
import { FineBasis, fineRange } from "./fines";

const basis = (over: Partial<FineBasis>): FineBasis => ({
  offenceType: OffenceType.CUSTOMS_EVASION,
  priorOffence: null,
  dutiesAtStake: null,
  goodsValue: null,
  aggravatingCircumstances: [],
  concurrentOffences: [],
  otherConcurrentOffence: null,
  otherConcurrentMaxFine: null,
  concurrenceIncrease: null,
  ...over,
});
const HIRED = [AggravatingCircumstance.HIRED_OTHERS];

describe("the legal maximum of a fine", () => {
  it("ENF-R08 customs evasion: up to five times the duties evaded, raised by half with aggravating circumstances, plus up to one year of custody (LD art. 118 para. 1, 3)", () => {
    const plain = fineRange(basis({ dutiesAtStake: 1_234_55 }));
    expect(plain).toMatchObject({ maxFine: 6_172_75, custodialMonthsMax: 0, missing: [] });
    expect(plain.steps.map(s => s.article)).toEqual(["LD art. 118 para. 1"]);
    const aggravated = fineRange(basis({ dutiesAtStake: 1_234_55, aggravatingCircumstances: HIRED }));
    // 7.5 × 1,234.55 = 9,259.125: rounded down, the maximum is never exceeded.
    expect(aggravated).toMatchObject({ maxFine: 9_259_12, custodialMonthsMax: 12 });
    expect(aggravated.steps.map(s => s.article)).toEqual(["LD art. 118 para. 1", "LD art. 118 para. 3"]);
  });

  it("ENF-R08 customs evasion: without the duties the maximum is not computed, and says what is missing (LD art. 118 para. 4: estimated in the administrative procedure)", () => {
    expect(fineRange(basis({}))).toMatchObject({ maxFine: null, missing: ["dutiesAtStake"] });
  });

  it("ENF-R09 customs endangerment: five times the duties endangered, 7.5 times with aggravation (LD art. 119 para. 1-2)", () => {
    expect(fineRange(basis({ offenceType: OffenceType.CUSTOMS_ENDANGERMENT, dutiesAtStake: 2_000_00 })).maxFine).toBe(10_000_00);
    const r = fineRange(basis({ offenceType: OffenceType.CUSTOMS_ENDANGERMENT, dutiesAtStake: 2_000_00, aggravatingCircumstances: [AggravatingCircumstance.BY_TRADE_OR_HABIT] }));
    expect(r).toMatchObject({ maxFine: 15_000_00, custodialMonthsMax: 12 });
    expect(r.steps[1].article).toBe("LD art. 119 para. 2");
  });

  it("ENF-R10 prohibited traffic: five times the value of the goods, not the duties; raised by half with aggravation (LD art. 120 para. 1, 3)", () => {
    expect(fineRange(basis({ offenceType: OffenceType.PROHIBITED_TRAFFIC, dutiesAtStake: 100_00, goodsValue: 40_000_00 })).maxFine).toBe(200_000_00);
    expect(fineRange(basis({ offenceType: OffenceType.PROHIBITED_TRAFFIC, goodsValue: 40_000_00, aggravatingCircumstances: HIRED })).maxFine).toBe(300_000_00);
    expect(fineRange(basis({ offenceType: OffenceType.PROHIBITED_TRAFFIC, dutiesAtStake: 100_00 })).missing).toEqual(["goodsValue"]);
  });

  it("ENF-R11 receiving: the penalty of the author of the prior offence, on the receiver's own basis (LD art. 121)", () => {
    expect(fineRange(basis({ offenceType: OffenceType.RECEIVING, dutiesAtStake: 300_00 }))).toMatchObject({ maxFine: null, missing: ["priorOffence"] });
    const evaded = fineRange(basis({ offenceType: OffenceType.RECEIVING, priorOffence: PriorOffence.CUSTOMS_EVASION, dutiesAtStake: 300_00, aggravatingCircumstances: HIRED }));
    expect(evaded).toMatchObject({ maxFine: 2_250_00, custodialMonthsMax: 12 });
    expect(evaded.steps.map(s => s.article)).toEqual(["LD art. 121", "LD art. 118 para. 1", "LD art. 118 para. 3"]);
    expect(fineRange(basis({ offenceType: OffenceType.RECEIVING, priorOffence: PriorOffence.PROHIBITED_TRAFFIC, goodsValue: 1_000_00 })).maxFine).toBe(5_000_00);
  });

  it("ENF-R12 misappropriation of the customs pledge: five times the value of the goods; LD art. 122 raises nothing for aggravation and adds no custody (LD art. 122 para. 1)", () => {
    expect(fineRange(basis({ offenceType: OffenceType.PLEDGE_MISAPPROPRIATION, goodsValue: 8_000_00 })).maxFine).toBe(40_000_00);
    expect(fineRange(basis({ offenceType: OffenceType.PLEDGE_MISAPPROPRIATION, goodsValue: 8_000_00, aggravatingCircumstances: HIRED }))).toMatchObject({ maxFine: 40_000_00, custodialMonthsMax: 0 });
  });

  it("ENF-R17 breaches of order rules: CHF 5,000, and CHF 2,000 for verbal injunctions, signals or signs, whatever the duties (LD art. 127 para. 1-2)", () => {
    expect(fineRange(basis({ offenceType: OffenceType.ORDER_VIOLATION, dutiesAtStake: 1_000_000_00 })).maxFine).toBe(5_000_00);
    expect(fineRange(basis({ offenceType: OffenceType.VERBAL_INJUNCTION_VIOLATION })).maxFine).toBe(2_000_00);
  });

  it("ENF-R16 concurrence: evasion that is also prohibited traffic takes the higher maximum, plus the appropriate increase an officer entered (LD art. 126 para. 1)", () => {
    const r = fineRange(basis({ dutiesAtStake: 1_000_00, goodsValue: 3_000_00, concurrentOffences: [OffenceType.PROHIBITED_TRAFFIC] }));
    expect(r.maxFine).toBe(15_000_00);
    expect(r.steps.map(s => s.article)).toEqual(["LD art. 118 para. 1", "LD art. 120 para. 1", "LD art. 126 para. 1"]);
    expect(fineRange(basis({ dutiesAtStake: 1_000_00, goodsValue: 3_000_00, concurrentOffences: [OffenceType.PROHIBITED_TRAFFIC], concurrenceIncrease: 2_500_00 })).maxFine).toBe(17_500_00);
    // Either basis missing: no maximum yet.
    expect(fineRange(basis({ dutiesAtStake: 1_000_00, concurrentOffences: [OffenceType.PROHIBITED_TRAFFIC] })).missing).toEqual(["goodsValue"]);
  });

  it("ENF-R16 concurrence with an offence under another act the administration prosecutes: the higher of the two maxima (LD art. 126 para. 2)", () => {
    const r = fineRange(basis({ dutiesAtStake: 1_000_00, otherConcurrentOffence: "VAT evasion (VAT Act art. 96)", otherConcurrentMaxFine: 800_000_00 }));
    expect(r.maxFine).toBe(800_000_00);
    expect(r.steps.at(-1)!.article).toBe("LD art. 126 para. 2");
    expect(fineRange(basis({ dutiesAtStake: 1_000_00, otherConcurrentOffence: "VAT evasion" })).missing).toEqual(["otherConcurrentMaxFine"]);
  });
});
