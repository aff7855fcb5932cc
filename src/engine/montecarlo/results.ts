import type { StrategyId } from '../strategies';
import type { MonteCarloContext } from './context';
import { exactSum, exactSumOfRange } from './exactSum';
import { describeLeaseRisk } from './leaseDraws';
import { describeCandidate, type PolicyCandidate } from './policy';
import {
  type HistogramView,
  type LogBinning,
  linearHistogram,
  lowerTailMean,
  quantileRelativeError,
  quantiles,
} from './sketch';
import {
  CASH_FAN_BINNING,
  HASHPRICE_FAN_BINNING,
  NPV_BINNING,
  RULE_GROUPS,
  SQUARE_UNIT_USD,
  type Tally,
} from './tally';

/** The percentiles of every fan chart. */
export const FAN_PERCENTILES = [5, 25, 50, 75, 95] as const;
/** Two-sided 95% normal quantile, for the confidence interval of a mean. */
const Z_95 = 1.959963984540054;
/** Bars of the ΔNPV histogram for the UI. */
const DISPLAY_BINS = 40;

/** Mean with its standard error and 95% interval, quantiles, tail mean and range (USD). */
export interface DistributionSummary {
  readonly meanUsd: number;
  /** Standard error of the mean: s / √n. */
  readonly standardErrorUsd: number;
  readonly ci95Usd: readonly [number, number];
  readonly p5Usd: number;
  readonly p25Usd: number;
  readonly medianUsd: number;
  readonly p75Usd: number;
  readonly p95Usd: number;
  /** Expected shortfall: the mean of the worst 5% of paths. */
  readonly cvar5Usd: number;
  readonly minUsd: number;
  readonly maxUsd: number;
}

export interface StrategyDistribution {
  readonly strategyId: StrategyId;
  readonly label: string;
  readonly convertUtilityMw: number;
  readonly conversionStartMonth: number;
  /** NPV of the deterministic engine on the centre price path. */
  readonly deterministicNpvUsd: number;
  readonly npv: DistributionSummary;
  /** This strategy minus keep mining, path by path; null for keep mining. */
  readonly versusKeepMining: {
    readonly deterministicDeltaUsd: number;
    readonly delta: DistributionSummary;
    /** Share of paths where this strategy's NPV is above keep mining's. */
    readonly probabilityBeatsMining: number;
    /** Binomial standard error of that share: √(p (1 − p) / n). */
    readonly probabilityStandardError: number;
    /**
     * 95% Wilson score interval of that probability: honest at 0% and 100% too (with no path
     * reversing the ranking out of n, the upper bound of P(mining wins) is about 3.8 / n).
     */
    readonly probabilityInterval95: readonly [number, number];
    /** ΔNPV histogram for a chart: equal bins over [P0.5, P99.5], the rest counted below/above. */
    readonly histogram: {
      readonly edgesUsd: number[];
      readonly counts: number[];
      readonly belowCount: number;
      readonly aboveCount: number;
    };
  } | null;
}

/** Percentile bands month by month: `bands[i][m]` is percentile `percentiles[i]` of month m. */
export interface FanChart {
  readonly percentiles: readonly number[];
  readonly bands: number[][];
  /** The deterministic engine's series on the centre path, for reference. */
  readonly deterministic: number[];
}

export interface PolicyRule {
  readonly description: string;
  /** Hashprice trigger (USD per PH/s per day); null = no trigger. */
  readonly thresholdUsdPerPhDay: number | null;
  /** Latest conversion month; null = no deadline. */
  readonly deadlineMonth: number | null;
  readonly meanNpvUsd: number;
  /** Mean of (this rule − convert now), path by path. */
  readonly versusConvertNowUsd: number;
  /** Share of paths on which the rule converts inside the horizon. */
  readonly probabilityConverts: number;
  /** Median conversion month over all paths; null when most paths never convert. */
  readonly medianConversionMonth: number | null;
}

export interface PolicyResult {
  readonly thresholdsUsdPerPhDay: readonly number[];
  readonly deadlineMonths: readonly number[];
  /** Every rule searched (including convert now and keep mining). */
  readonly rules: PolicyRule[];
  /** The rule with the highest mean NPV (the first such in `rules` on ties). */
  readonly best: PolicyRule & {
    /** Standard error of its mean advantage over convert now (paired; batch means of 64 groups). */
    readonly standardErrorVersusConvertNowUsd: number;
    readonly versusKeepMiningUsd: number;
  };
  readonly convertNowMeanNpvUsd: number;
  readonly keepMiningMeanNpvUsd: number;
  /** Value of waiting: best rule − convert now (≥ 0, since convert now is a rule). */
  readonly optionValueUsd: number;
  /**
   * The same, free of the optimism of picking the best of many rules on the same paths: the rule
   * is picked on the even paths and valued on the odd ones, and vice versa; the mean of the two.
   */
  readonly crossValidatedOptionValueUsd: number;
}

export interface MonteCarloResult {
  readonly settings: {
    readonly paths: number;
    readonly seed: number;
    readonly chunkSize: number;
    readonly priceCase: string;
    readonly driftPctPerYear: number | null;
    readonly volatilityPctPerYear: number;
    readonly jumps: string;
    readonly difficultyElasticityPerMonth: number;
    readonly difficultyLagMonths: number;
    readonly generator: string;
    /** The lease-side draws in words (docs/monte-carlo.md §2.4). */
    readonly leaseRisk: string;
  };
  readonly pathsEvaluated: number;
  readonly strategies: StrategyDistribution[];
  readonly fanCharts: {
    readonly hashpriceUsdPerThDay: FanChart;
    readonly cumulativeCashUsd: (FanChart & { readonly strategyId: StrategyId; label: string })[];
  };
  readonly policy: PolicyResult;
  /** Documented accuracy of the streamed summaries (docs/monte-carlo.md §5). */
  readonly accuracy: {
    readonly npvQuantileRelativeError: number;
    readonly fanQuantileRelativeError: number;
  };
}

export interface RunSettings {
  readonly paths: number;
  readonly seed: number;
  readonly chunkSize: number;
}

export const GENERATOR_NAME =
  'xoroshiro128+ (pure-rand 8.4.2), one SplitMix64-seeded stream per path';

/** Turns a tally into plain, JSON-serialisable results. */
export function summarise(
  context: MonteCarloContext,
  tally: Tally,
  settings: RunSettings,
): MonteCarloResult {
  const { scenario, layout, strategies } = context;
  const n = tally.paths;
  const mc = scenario.monteCarlo;
  const keep = strategies[0]!;
  return {
    settings: {
      ...settings,
      priceCase: context.centreCase.name,
      driftPctPerYear: mc.driftPctPerYear,
      volatilityPctPerYear: mc.volatilityPctPerYear,
      jumps:
        mc.jumps.kind === 'none'
          ? 'none'
          : `Merton: ${mc.jumps.jumpsPerYear}/yr, median ${mc.jumps.medianJumpPct}%, s.d. ${mc.jumps.jumpVolatilityPctPerJump}%`,
      difficultyElasticityPerMonth: mc.difficultyElasticityPerMonth,
      difficultyLagMonths: mc.difficultyLagMonths,
      generator: GENERATOR_NAME,
      leaseRisk: describeLeaseRisk(scenario, context.leaseDraws),
    },
    pathsEvaluated: n,
    strategies: strategies.map((stream, s) => {
      const deterministicDeltaUsd = stream.deterministicNpvUsd - keep.deterministicNpvUsd;
      const deltaHistogram = layout.strategies + s - 1;
      const delta =
        s === 0
          ? null
          : distribution(tally, layout.deltaSum(s - 1), deltaHistogram, deterministicDeltaUsd);
      const p = tally.beatsMining[s - 1]! / n;
      return {
        strategyId: stream.plan.id,
        label: stream.plan.label,
        convertUtilityMw: stream.plan.convertUtilityMw,
        conversionStartMonth: stream.plan.startMonth,
        deterministicNpvUsd: stream.deterministicNpvUsd,
        npv: distribution(tally, layout.strategySum(s), s, stream.deterministicNpvUsd),
        versusKeepMining:
          delta === null
            ? null
            : {
                deterministicDeltaUsd,
                delta,
                probabilityBeatsMining: p,
                probabilityStandardError: Math.sqrt((p * (1 - p)) / n),
                probabilityInterval95: wilsonInterval(tally.beatsMining[s - 1]!, n),
                histogram: displayHistogram(tally, deltaHistogram, deterministicDeltaUsd),
              },
      };
    }),
    fanCharts: {
      hashpriceUsdPerThDay: fanChart(
        HASHPRICE_FAN_BINNING,
        tally.hashpriceCounts,
        tally.hashpriceExtremes,
        0,
        context.centreHashpriceUsdPerThDay,
        context.horizonMonths,
      ),
      cumulativeCashUsd: strategies.map((stream) => ({
        strategyId: stream.plan.id,
        label: stream.plan.label,
        ...fanChart(
          CASH_FAN_BINNING,
          tally.cashCounts,
          tally.cashExtremes,
          stream.cashFanFirst,
          stream.deterministicCumulativeCashUsd,
          stream.cashFanMonths,
        ),
      })),
    },
    policy: policyResult(context, tally),
    accuracy: {
      npvQuantileRelativeError: quantileRelativeError(NPV_BINNING),
      fanQuantileRelativeError: quantileRelativeError(CASH_FAN_BINNING),
    },
  };
}

/**
 * The 95% Wilson score interval of a proportion k / n:
 * `(p + z²/2n ± z √(p(1−p)/n + z²/4n²)) / (1 + z²/n)`.
 *
 * @example wilsonInterval(10_000, 10_000) = [0.999616…, 1]
 */
export function wilsonInterval(k: number, n: number): [number, number] {
  const p = k / n;
  const z2 = Z_95 * Z_95;
  const centre = p + z2 / (2 * n);
  const half = Z_95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const scale = 1 + z2 / n;
  return [Math.max(0, (centre - half) / scale), Math.min(1, (centre + half) / scale)];
}

/** Mean and variance from the exact sums of `x − centre` and `((x − centre) / 2^20)²`. */
function meanAndStandardError(
  tally: Tally,
  sumIndex: number,
  centre: number,
): { mean: number; standardError: number } {
  const n = tally.paths;
  const sum = exactSum(tally.sums, sumIndex);
  const sumSquares = exactSum(tally.sums, sumIndex + 1) * SQUARE_UNIT_USD * SQUARE_UNIT_USD;
  const variance = Math.max(0, (sumSquares - (sum * sum) / n) / (n - 1));
  return { mean: centre + sum / n, standardError: Math.sqrt(variance / n) };
}

function distribution(
  tally: Tally,
  sumIndex: number,
  histogram: number,
  centre: number,
): DistributionSummary {
  const { mean, standardError } = meanAndStandardError(tally, sumIndex, centre);
  const view = npvView(tally, histogram);
  const [p5, p25, median, p75, p95] = quantiles(NPV_BINNING, view, [0.05, 0.25, 0.5, 0.75, 0.95]);
  return {
    meanUsd: mean,
    standardErrorUsd: standardError,
    ci95Usd: [mean - Z_95 * standardError, mean + Z_95 * standardError],
    p5Usd: centre + p5!,
    p25Usd: centre + p25!,
    medianUsd: centre + median!,
    p75Usd: centre + p75!,
    p95Usd: centre + p95!,
    cvar5Usd: centre + lowerTailMean(NPV_BINNING, view, 0.05),
    minUsd: centre + view.min!,
    maxUsd: centre + view.max!,
  };
}

function npvView(tally: Tally, histogram: number): HistogramView {
  return {
    counts: tally.npvCounts,
    offset: histogram * NPV_BINNING.binCount,
    min: tally.npvExtremes[2 * histogram]!,
    max: tally.npvExtremes[2 * histogram + 1]!,
  };
}

function displayHistogram(tally: Tally, histogram: number, centre: number) {
  const view = npvView(tally, histogram);
  const [from, to] = quantiles(NPV_BINNING, view, [0.005, 0.995]) as [number, number];
  const { edges, counts, below, above } = linearHistogram(
    NPV_BINNING,
    view,
    from,
    to,
    DISPLAY_BINS,
  );
  return {
    edgesUsd: edges.map((edge) => centre + edge),
    counts,
    belowCount: below,
    aboveCount: above,
  };
}

/**
 * Percentile bands from per-month histograms of deviations from `deterministic`; months from
 * `histogramMonths` on reuse the last histogram (their deviation no longer changes).
 */
function fanChart(
  binning: LogBinning,
  counts: Int32Array,
  extremes: Float64Array,
  firstHistogram: number,
  deterministic: ArrayLike<number>,
  histogramMonths: number,
): FanChart {
  const horizon = deterministic.length;
  const bands = FAN_PERCENTILES.map(() => new Array<number>(horizon));
  const qs = FAN_PERCENTILES.map((p) => p / 100);
  let deviations = qs.map(() => 0);
  for (let m = 0; m < horizon; m += 1) {
    if (m < histogramMonths) {
      const histogram = firstHistogram + m;
      deviations = quantiles(
        binning,
        {
          counts,
          offset: histogram * binning.binCount,
          min: extremes[2 * histogram]!,
          max: extremes[2 * histogram + 1]!,
        },
        qs,
      );
    }
    deviations.forEach((deviation, i) => {
      bands[i]![m] = deterministic[m]! + deviation;
    });
  }
  return { percentiles: [...FAN_PERCENTILES], bands, deterministic: Array.from(deterministic) };
}

function policyResult(context: MonteCarloContext, tally: Tally): PolicyResult {
  const { policy, layout, horizonMonths: horizon } = context;
  const n = tally.paths;
  // Rules are summed relative to convert now, whose NPV the strategies already summarise.
  const now = context.strategies.findIndex((stream) => stream.plan.id === 'convert-now');
  const convertNowMean = meanAndStandardError(
    tally,
    layout.strategySum(now),
    context.strategies[now]!.deterministicNpvUsd,
  ).mean;
  const groupSum = (c: number, group: number) =>
    exactSumOfRange(tally.sums, layout.candidateSum(c) + group, 1);
  const gainSum = (c: number) => exactSumOfRange(tally.sums, layout.candidateSum(c), RULE_GROUPS);
  const evenGainSum = (c: number) => {
    let sum = 0;
    for (let group = 0; group < RULE_GROUPS; group += 2) sum += groupSum(c, group);
    return sum;
  };
  const rules = policy.candidates.map((candidate, c): PolicyRule => {
    const versusConvertNowUsd = gainSum(c) / n;
    return {
      description: describeCandidate(policy, candidate, horizon),
      thresholdUsdPerPhDay:
        candidate.thresholdIndex < 0
          ? null
          : policy.thresholdsUsdPerPhDay[candidate.thresholdIndex]!,
      deadlineMonth: candidate.deadlineMonth < horizon ? candidate.deadlineMonth : null,
      meanNpvUsd: convertNowMean + versusConvertNowUsd,
      versusConvertNowUsd,
      ...conversionTiming(tally, candidate, horizon),
    };
  });
  const bestIndex = argMax(rules.map((rule) => rule.versusConvertNowUsd));
  const best = rules[bestIndex]!;
  const keepMining = rules[policy.neverIndex]!;
  // Cross-validation: pick on the even paths (even groups), value on the odd ones, and back.
  let evenPaths = 0;
  for (let group = 0; group < RULE_GROUPS; group += 2) evenPaths += tally.groupPaths[group]!;
  const oddPaths = n - evenPaths;
  const pickedOnEven = argMax(rules.map((_, c) => evenGainSum(c)));
  const pickedOnOdd = argMax(rules.map((_, c) => gainSum(c) - evenGainSum(c)));
  const outOfSample =
    oddPaths > 0 && evenPaths > 0
      ? ((gainSum(pickedOnEven) - evenGainSum(pickedOnEven)) / oddPaths +
          evenGainSum(pickedOnOdd) / evenPaths) /
        2
      : Number.NaN;
  return {
    thresholdsUsdPerPhDay: policy.thresholdsUsdPerPhDay,
    deadlineMonths: policy.deadlineMonths,
    rules,
    best: {
      ...best,
      standardErrorVersusConvertNowUsd: batchMeansStandardError(tally, (group) =>
        groupSum(bestIndex, group),
      ),
      versusKeepMiningUsd: best.meanNpvUsd - keepMining.meanNpvUsd,
    },
    convertNowMeanNpvUsd: convertNowMean,
    keepMiningMeanNpvUsd: keepMining.meanNpvUsd,
    optionValueUsd: best.versusConvertNowUsd,
    crossValidatedOptionValueUsd: outOfSample,
  };
}

/**
 * Standard error of a mean from its group sums (batch means): with group means m_g over n_g paths
 * and the overall mean μ, `Var(μ) ≈ G/(G−1) × Σ_g (n_g/n)² (m_g − μ)²`.
 */
function batchMeansStandardError(tally: Tally, groupSum: (group: number) => number): number {
  const n = tally.paths;
  let total = 0;
  for (let group = 0; group < RULE_GROUPS; group += 1) total += groupSum(group);
  const mean = total / n;
  let sum = 0;
  let groups = 0;
  for (let group = 0; group < RULE_GROUPS; group += 1) {
    const paths = tally.groupPaths[group]!;
    if (paths === 0) continue;
    groups += 1;
    sum += ((paths / n) * (groupSum(group) / paths - mean)) ** 2;
  }
  return groups > 1 ? Math.sqrt((groups / (groups - 1)) * sum) : Number.NaN;
}

/**
 * Share of paths on which a rule converts, and its median conversion month, from the months its
 * trigger is reached: the rule converts at `min(τ_X, k)`.
 */
function conversionTiming(
  tally: Tally,
  candidate: PolicyCandidate,
  horizon: number,
): { probabilityConverts: number; medianConversionMonth: number | null } {
  const deadline = candidate.deadlineMonth;
  if (candidate.thresholdIndex < 0) {
    return deadline < horizon
      ? { probabilityConverts: 1, medianConversionMonth: deadline }
      : { probabilityConverts: 0, medianConversionMonth: null };
  }
  const n = tally.paths;
  const first = candidate.thresholdIndex * (horizon + 1);
  const counts = tally.triggerMonthCounts;
  let cumulative = 0;
  let median: number | null = null;
  for (let month = 0; month < Math.min(deadline, horizon); month += 1) {
    cumulative += counts[first + month]!;
    if (median === null && 2 * cumulative >= n) median = month;
  }
  if (deadline < horizon)
    return { probabilityConverts: 1, medianConversionMonth: median ?? deadline };
  return { probabilityConverts: cumulative / n, medianConversionMonth: median };
}

function argMax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i += 1) if (values[i]! > values[best]!) best = i;
  return best;
}
