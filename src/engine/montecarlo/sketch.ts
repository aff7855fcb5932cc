/**
 * Streamed quantiles with fixed logarithmic bins (HDR-histogram style), so memory does not grow
 * with the number of paths, chunks merge by adding counts (exactly, in any order), and the
 * accuracy is known in advance.
 *
 * A binning with `subBits = b` and binary exponents `minExponent … maxExponent` splits every
 * octave `[2^e, 2^(e+1))` into 2^b equal bins, on both signs, plus one zero bin
 * `(−2^minExponent, 2^minExponent)`. The bin of x is read from its float64 bits (exponent and the
 * top b mantissa bits): no logarithm. Values beyond `2^(maxExponent+1)` land in the outermost bin
 * (the exact minimum and maximum are tracked separately where it matters).
 *
 * **Accuracy.** A quantile is the order statistic of rank `r = ⌈q n⌉` (the inverse of the
 * empirical distribution, "type 1"). The estimate is placed inside that statistic's bin, at the
 * rank's position in it, so `|estimate − exact| ≤ bin width ≤ 2^−b × |exact|`, or `2^(minExponent+1)`
 * in the zero bin. The lower-tail mean (CVaR) takes each tail value at its position in its bin:
 * `|estimate − exact| ≤ 2^−b × mean |x|` over the tail (plus the zero-bin width).
 *
 * @example b = 8: any quantile within 0.39% of its value; b = 4: within 6.25%.
 */
export interface LogBinning {
  readonly subBits: number;
  readonly minExponent: number;
  readonly maxExponent: number;
  /** Bins on one side of zero. */
  readonly binsPerSide: number;
  /** All bins: negative side, the zero bin, positive side (ascending values). */
  readonly binCount: number;
  readonly zeroIndex: number;
}

export function logBinning(subBits: number, minExponent: number, maxExponent: number): LogBinning {
  const binsPerSide = (maxExponent - minExponent + 1) << subBits;
  return {
    subBits,
    minExponent,
    maxExponent,
    binsPerSide,
    binCount: 2 * binsPerSide + 1,
    zeroIndex: binsPerSide,
  };
}

/** The largest relative error of a quantile of values outside the zero bin: 2^−subBits. */
export function quantileRelativeError(binning: LogBinning): number {
  return 2 ** -binning.subBits;
}

// The bits of a float64: one scratch value viewed as two 32-bit words.
const scratch = new Float64Array(1);
const scratchWords = new Int32Array(scratch.buffer);
/** Which 32-bit word of a float64 holds its sign, exponent and top mantissa bits (1: little-endian). */
export const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** Index of x's bin: sign, then exponent, then the top `subBits` bits of the mantissa. */
export function binIndex(binning: LogBinning, x: number): number {
  scratch[0] = x;
  return binOfHighWord(
    scratchWords[HIGH_WORD]!,
    binning.minExponent,
    binning.maxExponent,
    binning.subBits,
  );
}

/**
 * {@link binIndex} from the value's high 32-bit word (sign, exponent, top 20 mantissa bits), for
 * values read through an Int32Array view of their Float64Array (tally.ts `recordRun`), which
 * spares a store and a reload per value. The binning comes as plain numbers so a caller's loop
 * holds them in registers (read from the object, they were reloaded every value: 5–8% of a run).
 */
export function binOfHighWord(
  high: number,
  minExponent: number,
  maxExponent: number,
  subBits: number,
): number {
  const binsPerSide = (maxExponent - minExponent + 1) << subBits;
  const octave = ((high >>> 20) & 0x7ff) - 1023 - minExponent;
  if (octave < 0) return binsPerSide;
  const k =
    octave > maxExponent - minExponent
      ? binsPerSide - 1
      : (octave << subBits) | ((high & 0xfffff) >>> (20 - subBits));
  return high < 0 ? binsPerSide - 1 - k : binsPerSide + 1 + k;
}

/** The value range `[low, high)` of bin `index` (the zero bin is `(−2^min, 2^min)`). */
export function binRange(binning: LogBinning, index: number): { low: number; high: number } {
  const { zeroIndex, subBits, minExponent } = binning;
  if (index === zeroIndex) return { low: -(2 ** minExponent), high: 2 ** minExponent };
  const k = index > zeroIndex ? index - zeroIndex - 1 : zeroIndex - 1 - index;
  const octaveStart = 2 ** (minExponent + (k >> subBits));
  const width = octaveStart * 2 ** -subBits;
  const magnitudeLow = octaveStart + (k & ((1 << subBits) - 1)) * width;
  return index > zeroIndex
    ? { low: magnitudeLow, high: magnitudeLow + width }
    : { low: -(magnitudeLow + width), high: -magnitudeLow };
}

/** A histogram: `binCount` counts starting at `offset` in a shared count array. */
export interface HistogramView {
  readonly counts: ArrayLike<number>;
  readonly offset: number;
  /** Exact extremes when tracked; they narrow the outermost non-empty bins. */
  readonly min?: number;
  readonly max?: number;
}

function totalOf(binning: LogBinning, view: HistogramView): number {
  let total = 0;
  for (let i = 0; i < binning.binCount; i += 1) total += view.counts[view.offset + i]!;
  return total;
}

/** A bin's range narrowed to the tracked extremes. */
function clampedRange(binning: LogBinning, view: HistogramView, index: number) {
  const range = binRange(binning, index);
  return {
    low: view.min === undefined ? range.low : Math.max(range.low, view.min),
    high: view.max === undefined ? range.high : Math.min(range.high, view.max),
  };
}

/**
 * Quantiles `qs` (ascending, in [0, 1]) of one histogram in one pass: the order statistic of rank
 * `⌈q n⌉` (at least 1), placed at `(rank − before − ½) / count` of the way through its bin.
 * NaN for an empty histogram.
 */
export function quantiles(
  binning: LogBinning,
  view: HistogramView,
  qs: readonly number[],
): number[] {
  const total = totalOf(binning, view);
  if (total === 0) return qs.map(() => Number.NaN);
  const result: number[] = [];
  let before = 0;
  let index = 0;
  for (const q of qs) {
    const rank = Math.max(1, Math.ceil(q * total));
    while (before + view.counts[view.offset + index]! < rank) {
      before += view.counts[view.offset + index]!;
      index += 1;
    }
    const count = view.counts[view.offset + index]!;
    const { low, high } = clampedRange(binning, view, index);
    result.push(low + ((rank - before - 0.5) / count) * (high - low));
  }
  return result;
}

/**
 * Mean of the lowest `⌈share × n⌉` values (expected shortfall / CVaR at `share`), each placed at
 * its position in its bin.
 */
export function lowerTailMean(binning: LogBinning, view: HistogramView, share: number): number {
  const total = totalOf(binning, view);
  if (total === 0) return Number.NaN;
  const wanted = Math.max(1, Math.ceil(share * total));
  let taken = 0;
  let sum = 0;
  for (let index = 0; taken < wanted; index += 1) {
    const count = view.counts[view.offset + index]!;
    if (count === 0) continue;
    const used = Math.min(count, wanted - taken);
    const { low, high } = clampedRange(binning, view, index);
    // The lowest `used` of `count` values spread evenly: mean position used / (2 count).
    sum += used * (low + (used / (2 * count)) * (high - low));
    taken += used;
  }
  return sum / wanted;
}

/**
 * A display histogram with `binCount` equal-width bins over `[from, to]`: each sketch bin's count
 * goes to the display bin holding its midpoint (sketch bins are far narrower than display bins);
 * what falls outside is counted in `below` / `above`.
 */
export function linearHistogram(
  binning: LogBinning,
  view: HistogramView,
  from: number,
  to: number,
  binCount: number,
): { edges: number[]; counts: number[]; below: number; above: number } {
  let start = from;
  let end = to;
  // A degenerate range (every path equal) still gets a visible bar around the value.
  if (!(end > start)) {
    const pad = Math.max(1, Math.abs(start) * 1e-3);
    start -= pad;
    end += pad;
  }
  if (!Number.isFinite(start) || !Number.isFinite(end)) {
    throw new RangeError(`histogram range [${from}, ${to}]: must be finite`);
  }
  const width = (end - start) / binCount;
  const edges = Array.from({ length: binCount + 1 }, (_, i) => start + i * width);
  const counts = new Array<number>(binCount).fill(0);
  let below = 0;
  let above = 0;
  for (let index = 0; index < binning.binCount; index += 1) {
    const count = view.counts[view.offset + index]!;
    if (count === 0) continue;
    const { low, high } = clampedRange(binning, view, index);
    const middle = (low + high) / 2;
    if (middle < start) below += count;
    else if (middle > end) above += count;
    else counts[Math.min(binCount - 1, Math.floor((middle - start) / width))]! += count;
  }
  return { edges, counts, below, above };
}
