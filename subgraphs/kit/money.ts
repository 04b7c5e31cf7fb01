import Decimal from "decimal.js";
import { GraphQLScalarType, Kind } from "graphql";
import { ValueTransformer } from "typeorm";

/**
 * Money is exact end to end (DOMAIN.md §0.4 T9): CHF, stored as whole rappen (integer minor
 * units) in a BIGINT column, computed with decimal.js, published as a decimal string with two
 * fraction digits ("1234.50"). Never a float.
 *
 * Rounding rule (T9 leaves it open; DESIGN CHOICE): every computed amount is rounded half-up to
 * the rappen once, where it is computed (a levy line, an interest period); sums of rounded
 * amounts are exact.
 */
export type Rappen = number;

Decimal.set({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export const MONEY_PATTERN = /^-?\d{1,13}(\.\d{1,2})?$/;

export function toRappen(amount: Decimal.Value): Rappen {
  const rappen = new Decimal(amount).mul(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  if (rappen.abs().gt(Number.MAX_SAFE_INTEGER)) throw new RangeError("amount too large");
  return rappen.toNumber();
}

export function formatRappen(rappen: Rappen): string {
  return new Decimal(rappen).div(100).toFixed(2);
}

/** Parses a client's decimal string; refuses floats' artefacts and more than two decimals. */
export function parseMoney(value: string): Rappen {
  if (!MONEY_PATTERN.test(value)) throw new TypeError(`"${value}" is not an amount in CHF with at most two decimals`);
  return toRappen(value);
}

/** `Money`: a decimal string in CHF with exactly two fraction digits. Internally whole rappen. */
export const MoneyScalar = new GraphQLScalarType<Rappen, string>({
  name: "Money",
  description: "An exact amount in CHF as a decimal string with two fraction digits, e.g. \"1234.50\" (DOMAIN.md §0.4 T9). Never a float.",
  serialize: value => formatRappen(Number(value)),
  parseValue: value => {
    if (typeof value !== "string") throw new TypeError("Money is a decimal string, e.g. \"12.50\"");
    return parseMoney(value);
  },
  parseLiteral: ast => {
    if (ast.kind !== Kind.STRING) throw new TypeError("Money is a decimal string, e.g. \"12.50\"");
    return parseMoney(ast.value);
  },
});

/** BIGINT rappen column: MySQL returns BIGINT as a string, SQLite as a number; both become a number. */
export const rappenColumn: ValueTransformer = {
  to: (value: Rappen | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

export { Decimal };
