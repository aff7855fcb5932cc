import Decimal from 'decimal.js';
import type { Arith } from './arith';

// Its own module, so that code using only the float engine (the page, the Monte Carlo worker)
// never imports decimal.js: only the ledger of record needs it.

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
