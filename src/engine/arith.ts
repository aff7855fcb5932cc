/**
 * The arithmetic the model is written against, so one set of equations serves both the fast
 * float64 engine and the decimal.js ledger of record (docs/model.md §9) with no twin code.
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
