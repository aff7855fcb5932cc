import { addExact, createExactSums } from './exactSum';
import type { PolicyGrid } from './policy';
import { binIndex, binOfHighWord, HIGH_WORD, type LogBinning, logBinning } from './sketch';

/**
 * The summary of many paths in fixed-size buffers (a {@link Tally}): nothing is kept per path.
 * Every histogram holds deviations from the deterministic engine's value on the centre path
 * (NPV − deterministic NPV, hashprice − deterministic hashprice, …): the log bins then resolve the
 * spread, not the level, and a path equal to the deterministic one lands in the zero bin.
 */

/** NPV and ΔNPV deviations: 256 bins per octave, 1 to 2^53 USD: quantiles within 0.39%. */
export const NPV_BINNING: LogBinning = logBinning(8, 0, 52);
/** Cumulative cash deviations: 16 bins per octave, 64 to 2^51 USD: within 6.25%. */
export const CASH_FAN_BINNING: LogBinning = logBinning(4, 6, 50);
/** Hashprice deviations (USD per TH/s per day): 16 per octave, 2^−24 to 2^8: within 6.25%. */
export const HASHPRICE_FAN_BINNING: LogBinning = logBinning(4, -24, 7);

/** Second moments are summed in units of (2^20 USD)² so they stay inside the exact range. */
export const SQUARE_UNIT_USD = 2 ** 20;

/**
 * Rules are summed per group of paths, path `p` in group `p mod 64`: the groups are independent
 * subsamples whatever the chunking, so the standard error of a rule's mean comes from the spread
 * of its 64 group means (batch means, ±9% on the standard error itself) at one exact sum per rule
 * and path, and the even groups are the even paths of the cross-validation.
 */
export const RULE_GROUPS = 64;

/**
 * Where each summary lives in a {@link Tally}. Exact sums (exactSum.ts): per strategy the sum of
 * `NPV − deterministic NPV` and of its square; the same per strategy for ΔNPV against keep mining
 * (keep mining itself has none); per rule and path group, the sum of `NPV − NPV(convert now)`.
 */
export interface TallyLayout {
  readonly strategies: number;
  readonly deltas: number;
  readonly candidates: number;
  readonly triggers: number;
  readonly horizonMonths: number;
  /** Number of cash histograms: Σ over strategies of their cash-fan months. */
  readonly cashHistograms: number;
  readonly strategySum: (s: number) => number;
  readonly deltaSum: (d: number) => number;
  /** The first of the rule's RULE_GROUPS sums. */
  readonly candidateSum: (c: number) => number;
  readonly exactSumCount: number;
}

export function tallyLayout(
  horizonMonths: number,
  strategies: number,
  policy: PolicyGrid,
  cashHistograms: number,
): TallyLayout {
  const deltas = strategies - 1;
  const candidates = policy.candidates.length;
  return {
    strategies,
    deltas,
    candidates,
    triggers: policy.thresholdsUsdPerPhDay.length,
    horizonMonths,
    cashHistograms,
    strategySum: (s) => 2 * s,
    deltaSum: (d) => 2 * strategies + 2 * d,
    candidateSum: (c) => 2 * (strategies + deltas) + RULE_GROUPS * c,
    exactSumCount: 2 * (strategies + deltas) + RULE_GROUPS * candidates,
  };
}

/**
 * The summary buffers of some paths: plain numbers and typed arrays (transferable to and from a
 * Web Worker), merged by adding (counts, exact sums) or by min/max (extremes). Counts are int32:
 * a run has at most MAX_PATHS (1,000,000) paths, far below 2^31, and V8 adds int32 elements in
 * integer registers where uint32 ones may leave them (a few % of a run).
 */
export interface Tally {
  paths: number;
  /** Paths in each rule group (path mod RULE_GROUPS). */
  readonly groupPaths: Int32Array;
  /** Exact sums, see {@link TallyLayout}. */
  readonly sums: Float64Array;
  /**
   * Histograms of NPV − deterministic NPV (strategies, then ΔNPV per converting strategy),
   * NPV_BINNING each.
   */
  readonly npvCounts: Int32Array;
  /** Exact [min, max] of the deviations in each NPV histogram. */
  readonly npvExtremes: Float64Array;
  /** Paths where each converting strategy beats keep mining (ΔNPV > 0). */
  readonly beatsMining: Int32Array;
  /** Per month, the histogram of hashprice − deterministic hashprice (HASHPRICE_FAN_BINNING). */
  readonly hashpriceCounts: Int32Array;
  /** Exact [min, max] of each month's hashprice deviation. */
  readonly hashpriceExtremes: Float64Array;
  /** Per strategy and fan month, the histogram of cumulative net cash − deterministic (CASH_FAN_BINNING). */
  readonly cashCounts: Int32Array;
  /** Exact [min, max] of each cash histogram's deviations. */
  readonly cashExtremes: Float64Array;
  /** Per hashprice trigger, how many paths reach it at month τ_X = 0 … H (H = never). */
  readonly triggerMonthCounts: Int32Array;
}

export function createTally(layout: TallyLayout): Tally {
  const histograms = layout.strategies + layout.deltas;
  return {
    paths: 0,
    groupPaths: new Int32Array(RULE_GROUPS),
    sums: createExactSums(layout.exactSumCount),
    npvCounts: new Int32Array(histograms * NPV_BINNING.binCount),
    npvExtremes: emptyExtremes(histograms),
    beatsMining: new Int32Array(layout.deltas),
    hashpriceCounts: new Int32Array(layout.horizonMonths * HASHPRICE_FAN_BINNING.binCount),
    hashpriceExtremes: emptyExtremes(layout.horizonMonths),
    cashCounts: new Int32Array(layout.cashHistograms * CASH_FAN_BINNING.binCount),
    cashExtremes: emptyExtremes(layout.cashHistograms),
    triggerMonthCounts: new Int32Array(layout.triggers * (layout.horizonMonths + 1)),
  };
}

/** [min, max] pairs that any value replaces. */
function emptyExtremes(count: number): Float64Array {
  const extremes = new Float64Array(2 * count);
  for (let i = 0; i < count; i += 1) {
    extremes[2 * i] = Number.POSITIVE_INFINITY;
    extremes[2 * i + 1] = Number.NEGATIVE_INFINITY;
  }
  return extremes;
}

/** Counts `value` in histogram `histogram` and widens its extremes. */
export function record(
  binning: LogBinning,
  counts: Int32Array,
  extremes: Float64Array,
  histogram: number,
  value: number,
): void {
  counts[histogram * binning.binCount + binIndex(binning, value)]! += 1;
  if (value < extremes[2 * histogram]!) extremes[2 * histogram] = value;
  if (value > extremes[2 * histogram + 1]!) extremes[2 * histogram + 1] = value;
}

/**
 * A buffer of values to record with {@link recordRun}, with an Int32Array view of its words, so
 * each value's bin is read from its bits in place.
 */
export interface FanBuffer {
  readonly values: Float64Array;
  readonly words: Int32Array;
}

export function createFanBuffer(length: number): FanBuffer {
  const values = new Float64Array(length);
  return { values, words: new Int32Array(values.buffer) };
}

/**
 * Counts `buffer.values[0 … length − 1]` in histograms `firstHistogram …` (one value each, in
 * order) and widens their extremes: {@link record} over a run of histograms, in one tight loop
 * (the fans' 12 million values a run of 10,000 paths).
 */
export function recordRun(
  binning: LogBinning,
  counts: Int32Array,
  extremes: Float64Array,
  firstHistogram: number,
  buffer: FanBuffer,
  length: number,
): void {
  const { values, words } = buffer;
  const { binCount, minExponent, maxExponent, subBits } = binning;
  const highWord = HIGH_WORD;
  let at = firstHistogram * binCount;
  let extreme = 2 * firstHistogram;
  for (let i = 0; i < length; i += 1, at += binCount, extreme += 2) {
    const value = values[i]!;
    const high = words[2 * i + highWord]!;
    counts[at + binOfHighWord(high, minExponent, maxExponent, subBits)]! += 1;
    if (value < extremes[extreme]!) extremes[extreme] = value;
    if (value > extremes[extreme + 1]!) extremes[extreme + 1] = value;
  }
}

/** Adds `from` into `into`: the result is the tally of both sets of paths, in any order. */
export function mergeTally(into: Tally, from: Tally): void {
  into.paths += from.paths;
  addCounts(into.groupPaths, from.groupPaths);
  addSums(into.sums, from.sums);
  addCounts(into.npvCounts, from.npvCounts);
  addCounts(into.beatsMining, from.beatsMining);
  addCounts(into.hashpriceCounts, from.hashpriceCounts);
  addCounts(into.cashCounts, from.cashCounts);
  addCounts(into.triggerMonthCounts, from.triggerMonthCounts);
  mergeExtremes(into.npvExtremes, from.npvExtremes);
  mergeExtremes(into.hashpriceExtremes, from.hashpriceExtremes);
  mergeExtremes(into.cashExtremes, from.cashExtremes);
}

// One function per array type: a loop over both kinds is polymorphic and ~20 times slower (the
// cash fans alone are 1.4 million counts; a merge took 40 ms).
function addCounts(into: Int32Array, from: Int32Array): void {
  for (let i = 0; i < into.length; i += 1) into[i] = into[i]! + from[i]!;
}

function addSums(into: Float64Array, from: Float64Array): void {
  for (let i = 0; i < into.length; i += 1) into[i] = into[i]! + from[i]!;
}

function mergeExtremes(into: Float64Array, from: Float64Array): void {
  for (let i = 0; i < into.length; i += 2) {
    into[i] = Math.min(into[i]!, from[i]!);
    into[i + 1] = Math.max(into[i + 1]!, from[i + 1]!);
  }
}

/** Exact sums of `x − centre` and of its square; its histogram and extremes. */
export function addDistribution(
  tally: Tally,
  sumIndex: number,
  histogram: number,
  value: number,
  centre: number,
): void {
  const deviation = value - centre;
  addExact(tally.sums, sumIndex, deviation);
  addExact(tally.sums, sumIndex + 1, (deviation / SQUARE_UNIT_USD) ** 2);
  record(NPV_BINNING, tally.npvCounts, tally.npvExtremes, histogram, deviation);
}
