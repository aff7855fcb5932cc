import { type Arith, floatArith } from './arith';

/**
 * Fresh monthly series as plain number arrays, the cheap way. A `Float64Array` of a horizon's
 * months costs several times a plain array to allocate (its store lives outside the JS heap and
 * the collector tracks it), and `Array.from` on one walks an iterator; a plain array copied from
 * one that already holds doubles keeps them unboxed from the start (V8 never narrows the element
 * kind of an array, so the template below stays a double array after `fill(0)`).
 *
 * The values are the same either way: float64 numbers, `-0` included.
 */

const templates = new Map<number, number[]>();

/**
 * A new array of `length` zeros, its own (never shared): callers write into it.
 *
 * @example zeroSeries(3) → [0, 0, 0]
 */
export function zeroSeries(length: number): number[] {
  let template = templates.get(length);
  if (template === undefined) {
    template = new Array<number>(length).fill(0.5);
    template.fill(0);
    // Horizons are few; keep the map small if a caller runs through many lengths.
    if (templates.size >= 16) templates.clear();
    templates.set(length, template);
  }
  return template.slice();
}

/**
 * `reuse` zeroed when it has `length` months (a caller's kept array, written over on its next
 * call), else a new {@link zeroSeries}.
 *
 * @example zeroedSeries([4, 5], 2) → the same array, [0, 0]; zeroedSeries(undefined, 2) → [0, 0]
 */
export function zeroedSeries(reuse: number[] | undefined, length: number): number[] {
  return reuse !== undefined && reuse.length === length ? reuse.fill(0) : zeroSeries(length);
}

/**
 * A new series of `length` months for the engine's arithmetic: float64 gets a double array of
 * zeros ({@link zeroSeries}), any other arithmetic (decimal) an empty array of that length. The
 * caller writes every month.
 */
export function newSeries<T>(arith: Arith<T>, length: number): T[] {
  return arith === (floatArith as unknown) ? (zeroSeries(length) as T[]) : new Array<T>(length);
}

/**
 * A plain-array copy of a series (a typed array or another array).
 *
 * @example seriesOf(new Float64Array([1, -0])) → [1, -0]
 */
export function seriesOf(values: ArrayLike<number>): number[] {
  const copy = zeroSeries(values.length);
  for (let m = 0; m < values.length; m += 1) copy[m] = values[m]!;
  return copy;
}
