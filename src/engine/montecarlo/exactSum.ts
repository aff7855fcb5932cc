/**
 * Sums that do not depend on the order of their terms, so 1 chunk or k chunks, merged in any
 * order, give bit-identical means and variances.
 *
 * Each term x is rounded once to a multiple of `2^−16` (1/65,536 of its unit) and split into two
 * whole numbers, `x ≈ high × 2^16 + low × 2^−16` with `high = trunc(x × 2^16 / 2^32)` and
 * `|low| ≤ 2^32`; the sums of the highs and of the lows are sums of integers below 2^53, which
 * float64 adds exactly in any order. The total is rounded once when read.
 *
 * Exact while there are at most 2^21 terms (2,097,152 paths) and every |x| < 2^48 (2.8e14 USD);
 * the quantisation error of a mean is at most 2^−17 of the unit.
 *
 * @example addExact(s, 0, 0.1) three times, then exactSum(s, 0) === 0.300018310546875
 *   (0.1 rounds to 6554 / 65,536 each time: 3 × 6554 / 65,536).
 */
const SCALE = 65_536;
const TWO_POW_32 = 4_294_967_296;

/** Storage for `count` exact sums. */
export function createExactSums(count: number): Float64Array {
  return new Float64Array(2 * count);
}

/** Adds `value` to sum number `index`. */
export function addExact(sums: Float64Array, index: number, value: number): void {
  const scaled = value * SCALE;
  const high = Math.trunc(scaled / TWO_POW_32);
  sums[2 * index] = sums[2 * index]! + high;
  sums[2 * index + 1] = sums[2 * index + 1]! + Math.round(scaled - high * TWO_POW_32);
}

/** Sum number `index`, rounded once. */
export function exactSum(sums: Float64Array, index: number): number {
  return (sums[2 * index]! * TWO_POW_32 + sums[2 * index + 1]!) / SCALE;
}

/** Sums number `first … first + count − 1` added together exactly, rounded once. */
export function exactSumOfRange(sums: Float64Array, first: number, count: number): number {
  let high = 0;
  let low = 0;
  for (let i = first; i < first + count; i += 1) {
    high += sums[2 * i]!;
    low += sums[2 * i + 1]!;
  }
  return (high * TWO_POW_32 + low) / SCALE;
}

/** Adds every sum of `from` into `into` (exact: integer parts). */
export function mergeExactSums(into: Float64Array, from: Float64Array): void {
  for (let i = 0; i < into.length; i += 1) into[i] = into[i]! + from[i]!;
}
