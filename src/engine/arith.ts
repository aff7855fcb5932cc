import Decimal from 'decimal.js';

/**
 * The arithmetic the model is written against, so one set of equations serves both the fast
 * float64 engine and the decimal.js ledger of record (DESIGN.md §2.8) with no twin code.
 * Only what the model needs: no fractional powers inside monthly loops (they cost ~115 µs each
 * in decimal.js); monthly growth factors are computed once with {@link Arith.powFraction}.
 */
export interface Arith<T> {
  /** A JS number as T; decimal builds it from the number's shortest round-trip string. */
  of(value: number): T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  div(a: T, b: T): T;
  neg(a: T): T;
  max(a: T, b: T): T;
  min(a: T, b: T): T;
  lt(a: T, b: T): boolean;
  /** base^exponent for a fractional exponent; call once per series, not per month. */
  powFraction(base: T, exponent: number): T;
  toNumber(a: T): number;
}

export const floatArith: Arith<number> = {
  of: (value) => value,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  neg: (a) => -a,
  max: (a, b) => Math.max(a, b),
  min: (a, b) => Math.min(a, b),
  lt: (a, b) => a < b,
  powFraction: (base, exponent) => base ** exponent,
  toNumber: (a) => a,
};

/**
 * The ledger's decimal: 20 significant digits — cents on amounts up to $10^17 with digits to spare,
 * and measurably cheaper than decimal128's 34 — half-up rounding. A clone, so no other user of
 * decimal.js is affected; marked pure so bundles that never build a ledger drop decimal.js.
 */
export const LedgerDecimal = /* @__PURE__ */ Decimal.clone({
  precision: 20,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
export type LedgerDecimal = InstanceType<typeof LedgerDecimal>;

/**
 * Whole numbers recur in every month (days, hours, 1000, 2^32): building a Decimal from a string
 * each time costs more than the arithmetic, and Decimals are immutable, so they are shared.
 */
const wholeNumberCache = new Map<number, LedgerDecimal>();
const WHOLE_NUMBER_CACHE_LIMIT = 4096;

function decimalOf(value: number): LedgerDecimal {
  if (!Number.isInteger(value)) return new LedgerDecimal(String(value));
  let cached = wholeNumberCache.get(value);
  if (cached === undefined) {
    if (wholeNumberCache.size >= WHOLE_NUMBER_CACHE_LIMIT) wholeNumberCache.clear();
    cached = new LedgerDecimal(String(value));
    wholeNumberCache.set(value, cached);
  }
  return cached;
}

export const decimalArith: Arith<LedgerDecimal> = {
  of: decimalOf,
  add: (a, b) => a.plus(b),
  sub: (a, b) => a.minus(b),
  mul: (a, b) => a.times(b),
  div: (a, b) => a.dividedBy(b),
  neg: (a) => a.negated(),
  max: (a, b) => (a.greaterThan(b) ? a : b),
  min: (a, b) => (a.lessThan(b) ? a : b),
  lt: (a, b) => a.lessThan(b),
  powFraction: (base, exponent) => base.pow(new LedgerDecimal(String(exponent))),
  toNumber: (a) => a.toNumber(),
};
