import type { Scenario } from '../../schema/scenario';
import { strategyLabel } from '../strategies';

/**
 * "When to convert": rules of the form **mine until hashprice falls below X, or until month k,
 * then convert the whole site**, searched over a grid of X and k.
 *
 * Information: the decision at the start of month m uses the latest hashprice known then, that of
 * month m − 1 (today's, month 0's, at m = 0). So a rule converts at
 *
 *     τ = min(τ_X, k),  τ_X = 0 if HP(0) < X, else 1 + (first month j ≥ 1 with HP(j) < X),
 *
 * (never, τ = H, when neither happens inside the horizon). "Converts at τ" means the conversion
 * plan of the deterministic engine starts at τ: each tranche's construction starts at
 * τ + (delivery − construction months) and its MW stop mining then, so the build lead time is
 * respected and mining continues until construction takes the MW.
 *
 * The grid always holds "convert now" (k = 0) and "never convert" (no X, no k), so the best rule
 * is never worse than either, and the deadlines of the fixed-month strategies, so it is never
 * worse than those either. HP is before pool fee (the usual hashprice).
 */
export interface PolicyCandidate {
  /** Index into the thresholds, or −1 for no hashprice trigger. */
  readonly thresholdIndex: number;
  /** Latest conversion month; the horizon H for no deadline. */
  readonly deadlineMonth: number;
}

export interface PolicyGrid {
  /** Hashprice triggers (USD per PH/s per day), ascending. */
  readonly thresholdsUsdPerPhDay: readonly number[];
  /** The same triggers in USD per TH/s per day, descending (the order of the crossing scan). */
  readonly thresholdsDescendingUsdPerThDay: Float64Array;
  /** For thresholds in descending order, their index in `thresholdsUsdPerPhDay`. */
  readonly ascendingIndexOfDescending: Int32Array;
  /** Deadlines (months), ascending, without "never". */
  readonly deadlineMonths: readonly number[];
  /** The deadlines ascending with "never" (the horizon H) last. */
  readonly deadlinesWithNever: Int32Array;
  /**
   * Every rule, trigger-major: first no trigger with each deadline (convert now … never), then
   * each trigger with each deadline but 0 (that would be convert now again), so the rule of
   * trigger x (−1 = none) and deadline j is {@link candidateIndex}.
   */
  readonly candidates: readonly PolicyCandidate[];
  /** Index of "convert now" and of "never convert" among the candidates. */
  readonly convertNowIndex: number;
  readonly neverIndex: number;
}

/** Index of the rule with trigger x (−1 = none) and deadline j (index in `deadlinesWithNever`). */
export function candidateIndex(grid: PolicyGrid, x: number, j: number): number {
  const deadlines = grid.deadlinesWithNever.length;
  return x < 0 ? j : deadlines + x * (deadlines - 1) + (j - 1);
}

const DEFAULT_DEADLINES = [0, 6, 12, 18, 24, 36, 48, 60, 84, 120];

/**
 * The grid: the scenario's triggers, or 20 from 25% to 120% of today's hashprice (rounded to two
 * significant figures); its deadlines, or 0 … 120 months; plus month 0, the fixed-month
 * strategies' months and "never". Rules with a trigger and deadline 0 are "convert now" again and
 * are left out.
 *
 * @example today $34/PH/day → triggers 8.5, 10, 12, …, 41 USD/PH/day.
 */
export function buildPolicyGrid(
  scenario: Scenario,
  todayHashpriceUsdPerThDay: number,
  strategyMonths: readonly number[],
): PolicyGrid {
  const horizon = scenario.horizonMonths;
  const { policy } = scenario.monteCarlo;
  const todayPerPh = todayHashpriceUsdPerThDay * 1000;
  const triggers =
    policy.hashpriceThresholdsUsdPerPhDay.length > 0
      ? policy.hashpriceThresholdsUsdPerPhDay
      : Array.from({ length: 20 }, (_, i) =>
          Number((todayPerPh * (0.25 + 0.05 * i)).toPrecision(2)),
        );
  const thresholdsUsdPerPhDay = [...new Set(triggers)].sort((a, b) => a - b);
  const deadlines = policy.deadlineMonths.length > 0 ? policy.deadlineMonths : DEFAULT_DEADLINES;
  const deadlineMonths = [...new Set([0, ...deadlines, ...strategyMonths])]
    .filter((month) => month < horizon)
    .sort((a, b) => a - b);

  const deadlinesWithNever = Int32Array.from([...deadlineMonths, horizon]);
  const candidates: PolicyCandidate[] = [];
  for (let x = -1; x < thresholdsUsdPerPhDay.length; x += 1) {
    deadlinesWithNever.forEach((deadlineMonth, j) => {
      if (x < 0 || j > 0) candidates.push({ thresholdIndex: x, deadlineMonth });
    });
  }
  const descending = thresholdsUsdPerPhDay.map((_, i) => i).reverse();
  return {
    thresholdsUsdPerPhDay,
    thresholdsDescendingUsdPerThDay: Float64Array.from(
      descending,
      (i) => thresholdsUsdPerPhDay[i]! / 1000,
    ),
    ascendingIndexOfDescending: Int32Array.from(descending),
    deadlineMonths,
    deadlinesWithNever,
    candidates,
    convertNowIndex: 0,
    neverIndex: deadlinesWithNever.length - 1,
  };
}

/**
 * τ_X of every trigger on one hashprice path (into `out`, indexed like `thresholdsUsdPerPhDay`),
 * in one pass: triggers are scanned from the highest, and the first month where the running
 * minimum of hashprice falls below a trigger only moves later as the trigger falls.
 */
export function triggerMonths(
  grid: PolicyGrid,
  hashpriceUsdPerThDay: ArrayLike<number>,
  out: Int32Array,
): void {
  const horizon = hashpriceUsdPerThDay.length;
  let month = 0;
  let runningMin = hashpriceUsdPerThDay[0]!;
  for (let d = 0; d < grid.thresholdsDescendingUsdPerThDay.length; d += 1) {
    const threshold = grid.thresholdsDescendingUsdPerThDay[d]!;
    while (month < horizon && runningMin >= threshold) {
      month += 1;
      if (month < horizon) runningMin = Math.min(runningMin, hashpriceUsdPerThDay[month]!);
    }
    // Seen in month 0 → convert now; seen in month j ≥ 1 → convert from month j + 1.
    out[grid.ascendingIndexOfDescending[d]!] = month === 0 ? 0 : Math.min(horizon, month + 1);
  }
}

/** A rule in words, e.g. "Mine; convert when hashprice < $28/PH/day, at month 36 at the latest". */
export function describeCandidate(grid: PolicyGrid, candidate: PolicyCandidate, horizon: number) {
  const hasDeadline = candidate.deadlineMonth < horizon;
  if (candidate.thresholdIndex < 0) {
    if (!hasDeadline) return 'Keep mining (never convert)';
    return candidate.deadlineMonth === 0
      ? 'Convert now'
      : strategyLabel('convert-at-month', candidate.deadlineMonth);
  }
  const trigger = `Mine, convert when hashprice < $${grid.thresholdsUsdPerPhDay[candidate.thresholdIndex]}/PH/day`;
  return hasDeadline ? `${trigger}, at month ${candidate.deadlineMonth} at the latest` : trigger;
}
