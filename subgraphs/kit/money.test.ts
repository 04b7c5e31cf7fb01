import { Kind } from "graphql";
import { formatRappen, MoneyScalar, parseMoney, rappenColumn, toRappen } from "./money";

describe("exact money (DOMAIN.md §0.4 T9)", () => {
  it("rounds half up to the rappen once, where an amount is computed", () => {
    expect(toRappen("12.345")).toBe(1235);
    expect(toRappen("12.344")).toBe(1234);
    expect(toRappen("0.005")).toBe(1);
    // 0.1 + 0.2 in floats is 0.30000000000000004; computed in decimals it is exact.
    expect(toRappen("0.3")).toBe(30);
  });

  it("prints two fraction digits and parses only amounts with at most two", () => {
    expect(formatRappen(123450)).toBe("1234.50");
    expect(formatRappen(-5)).toBe("-0.05");
    expect(parseMoney("1234.5")).toBe(123450);
    expect(() => parseMoney("1.234")).toThrow(/at most two decimals/);
    expect(() => parseMoney("1e3")).toThrow();
  });

  it("refuses a float where Money is expected", () => {
    expect(() => MoneyScalar.parseValue(12.5)).toThrow(/decimal string/);
    expect(MoneyScalar.parseLiteral({ kind: Kind.STRING, value: "7.05" } as never)).toBe(705);
    expect(() => MoneyScalar.parseLiteral({ kind: Kind.FLOAT, value: "7.05" } as never)).toThrow();
  });

  it("reads BIGINT rappen from MySQL strings and SQLite numbers alike", () => {
    expect(rappenColumn.from("9007199254740")).toBe(9007199254740);
    expect(rappenColumn.from(500)).toBe(500);
    expect(rappenColumn.from(null)).toBeNull();
  });
});
