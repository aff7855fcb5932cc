import type { PriceCase, Scenario } from '../../schema/scenario';
import { floatArith } from '../arith';
import { classDiscountFactors } from '../discount';
import { referenceCaseIndexOf } from '../evaluate';
import {
  createFastNpv,
  createLeaseNpv,
  miningNpvOfPlan,
  type PlanTemplate,
  planTemplate,
  searchBestConversionMonth,
} from '../fastNpv';
import {
  createLeaseLeg,
  expectedLeaseOutcome,
  type LeaseLeg,
  type LeaseOutcome,
} from '../leaseOutcome';
import type { MiningLines } from '../mining';
import { buildCaseModel, buildScenarioModel } from '../model';
import {
  buildStrategyLines,
  buildStrategyPlans,
  LINE_ITEMS,
  miningShare,
  type StrategyPlan,
} from '../strategies';
import { addExact, createExactSums } from './exactSum';
import { buildMiningKernel, evaluateMiningPath, type MiningKernel } from './kernel';
import { buildLeaseDrawModel, drawLeaseOutcome, type LeaseDrawModel } from './leaseDraws';
import {
  buildPathModel,
  createPathBuffers,
  type PathBuffers,
  type PathModel,
  simulatePath,
} from './paths';
import { buildPolicyGrid, candidateIndex, type PolicyGrid, triggerMonths } from './policy';
import { pathRandom } from './rng';
import { binIndex, type LogBinning, logBinning } from './sketch';

/**
 * Evaluation of every strategy on every path, streamed into fixed-size summary buffers (a
 * {@link Tally}); nothing is kept per path.
 *
 * Every histogram holds deviations from the deterministic engine's value on the centre path
 * (NPV − deterministic NPV, hashprice − deterministic hashprice, …): the log bins then resolve the
 * spread, not the level, and a path equal to the deterministic one lands in the zero bin.
 *
 * Per path: draw the hashprice path (paths.ts); per month the mining net and resale value from the
 * kernel (kernel.ts) and the prefix sums of the discounted net; each strategy's NPV is
 * `miningNpvOfPlan + leaseNpv` exactly as the deterministic engine's fast NPV (fastNpv.ts). Without
 * lease-side risk the construction and lease part does not depend on the path and is computed
 * once per plan; with it (leaseDraws.ts), each path draws its lease outcome and the lease leg
 * (leaseOutcome.ts) values every plan under it, and the cash fans add its cash by month. The
 * cumulative net cash of each strategy, month by month, is `share(m) × net(m) + resale weight(m)
 * × resale(m) + fixed(m)`, where share, resale weight and the fixed (capex and lease) flows are
 * read off `buildStrategyLines` once. The conversion rules (policy.ts) reuse the same NPV at their
 * conversion month, memoised per path.
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

/** One strategy of the deterministic engine, ready for per-path evaluation. */
export interface StrategyStream {
  readonly plan: StrategyPlan;
  readonly template: PlanTemplate;
  /** Construction and lease NPV: the same on every path. */
  readonly leaseNpvUsd: number;
  readonly miningShare: Float64Array;
  readonly resaleWeight: Float64Array;
  readonly fixedCashUsd: Float64Array;
  readonly deterministicNpvUsd: number;
  readonly deterministicCumulativeCashUsd: Float64Array;
  /**
   * Months whose cash fan needs its own histogram: after the last month with a mining share or a
   * fleet sale, every month's cash is the fixed flow on every path, so the deviation of the
   * cumulative cash from the deterministic one no longer changes and later months reuse the
   * histogram of the last of these months.
   */
  readonly cashFanMonths: number;
  /** Number of its first month's cash histogram among all cash histograms. */
  readonly cashFanFirst: number;
  /**
   * An earlier strategy with the same plan (e.g. the best month is 0: convert now), whose NPV and
   * cash fan it shares, path by path; −1 for none.
   */
  readonly sameAs: number;
}

/** Everything a chunk needs, built once per scenario and settings. */
export interface MonteCarloContext {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly horizonMonths: number;
  readonly centreCase: PriceCase;
  readonly centreHashpriceUsdPerThDay: Float64Array;
  readonly pathModel: PathModel;
  readonly kernel: MiningKernel;
  readonly miningDiscountFactors: Float64Array;
  readonly wholeFleetShare: number;
  readonly strategies: readonly StrategyStream[];
  readonly fullSite: { readonly template: PlanTemplate; readonly leaseNpvByStart: Float64Array };
  readonly policy: PolicyGrid;
  readonly layout: TallyLayout;
  readonly scratch: Scratch;
  /** The lease side's draws; when not `active`, every path has the deterministic lease leg. */
  readonly leaseDraws: LeaseDrawModel;
  readonly leaseLeg: LeaseLeg;
}

/** Options for tests: `leaseSide: false` ignores the lease-side risk settings. */
export interface ContextOptions {
  readonly leaseSide?: boolean;
}

/** The price case the paths are centred on: the named one (or the reference case), at the drift. */
export function centrePriceCase(scenario: Scenario): PriceCase {
  const { monteCarlo } = scenario;
  const named =
    monteCarlo.priceCase === null
      ? scenario.priceCases[referenceCaseIndexOf(scenario)]!
      : scenario.priceCases.find((c) => c.name === monteCarlo.priceCase)!;
  if (monteCarlo.driftPctPerYear === null) return named;
  const firstPrice =
    named.kind === 'growth'
      ? named.startPriceUsd
      : named.kind === 'yearly'
        ? named.pricesUsdByYear[0]!
        : named.pricesUsdByMonth[0]!;
  return {
    name: `${named.name} at ${monteCarlo.driftPctPerYear}%/yr`,
    kind: 'growth',
    startPriceUsd: firstPrice,
    growthPctPerYear: monteCarlo.driftPctPerYear,
  };
}

export function prepareContext(
  scenario: Scenario,
  seed: number,
  options: ContextOptions = {},
): MonteCarloContext {
  const horizon = scenario.horizonMonths;
  const model = buildScenarioModel(floatArith, scenario);
  const centreCase = centrePriceCase(scenario);
  const centre = buildCaseModel(floatArith, model, centreCase);
  const factors = classDiscountFactors(scenario);
  const fastNpv = createFastNpv(scenario, centre.mining, model.leaseUnit, factors);
  const leaseNpv = createLeaseNpv(scenario, model.leaseUnit, factors);
  const bestMonth = searchBestConversionMonth(scenario, fastNpv).month;
  const plans = buildStrategyPlans(scenario, bestMonth);
  const unitMining = unitMiningLines(horizon);
  const pathModel = buildPathModel(
    scenario.monteCarlo,
    centre.mining.hashpriceUsdPerThDay,
    model.hashpriceFloor,
  );
  const drawModel = buildLeaseDrawModel(scenario, pathModel);
  const leaseDraws = options.leaseSide === false ? { ...drawModel, active: false } : drawModel;
  let cashFanFirst = 0;
  const built: StrategyStream[] = [];
  const strategies = plans.map((plan, index): StrategyStream => {
    const sameAs = plans.findIndex(
      (other, o) =>
        o < index &&
        other.convertUtilityMw === plan.convertUtilityMw &&
        other.startMonth === plan.startMonth,
    );
    const template = planTemplate(scenario, plan.convertUtilityMw);
    const unit = buildStrategyLines(floatArith, scenario, unitMining, model.leaseUnit, plan);
    const fixedCashUsd = new Float64Array(horizon);
    for (const item of LINE_ITEMS) {
      if (item.class === 'mining') continue;
      const line = unit[item.key];
      for (let m = 0; m < horizon; m += 1) fixedCashUsd[m] = fixedCashUsd[m]! + line[m]!;
    }
    const centreLines = buildStrategyLines(
      floatArith,
      scenario,
      centre.mining,
      model.leaseUnit,
      plan,
    );
    const deterministicCumulativeCashUsd = new Float64Array(horizon);
    let cumulative = 0;
    for (let m = 0; m < horizon; m += 1) {
      for (const item of LINE_ITEMS) cumulative += centreLines[item.key][m]!;
      deterministicCumulativeCashUsd[m] = cumulative;
    }
    let cashFanMonths = horizon;
    // With lease-side risk the lease cash differs path by path to the horizon.
    while (
      !leaseDraws.active &&
      cashFanMonths > 0 &&
      unit.miningRevenueUsd[cashFanMonths - 1] === 0 &&
      unit.fleetResaleUsd[cashFanMonths - 1] === 0
    ) {
      cashFanMonths -= 1;
    }
    const stream: StrategyStream = {
      plan,
      template,
      leaseNpvUsd: leaseNpv(template, plan.startMonth),
      miningShare: Float64Array.from(unit.miningRevenueUsd),
      resaleWeight: Float64Array.from(unit.fleetResaleUsd),
      fixedCashUsd,
      deterministicNpvUsd: fastNpv(plan),
      deterministicCumulativeCashUsd,
      cashFanMonths,
      cashFanFirst,
      sameAs,
    };
    if (sameAs >= 0) {
      const original = built[sameAs]!;
      const shared = {
        ...stream,
        cashFanMonths: original.cashFanMonths,
        cashFanFirst: original.cashFanFirst,
      };
      built.push(shared);
      return shared;
    }
    cashFanFirst += cashFanMonths;
    built.push(stream);
    return stream;
  });
  const fullTemplate = planTemplate(scenario, scenario.site.utilityMw);
  const centreHashprice = centre.mining.hashpriceUsdPerThDay;
  const policy = buildPolicyGrid(
    scenario,
    centreHashprice[0]!,
    plans.map((plan) => plan.startMonth),
  );
  const layout = tallyLayout(horizon, strategies.length, policy, cashFanFirst);
  return {
    scenario,
    seed,
    horizonMonths: horizon,
    centreCase,
    centreHashpriceUsdPerThDay: Float64Array.from(centreHashprice),
    pathModel,
    kernel: buildMiningKernel(model.mining, centreHashprice[0]!),
    miningDiscountFactors: factors.mining,
    wholeFleetShare: miningShare(floatArith, scenario, 0),
    strategies,
    fullSite: {
      template: fullTemplate,
      leaseNpvByStart: Float64Array.from({ length: horizon + 1 }, (_, k) =>
        leaseNpv(fullTemplate, k),
      ),
    },
    policy,
    layout,
    scratch: createScratch(horizon, policy, strategies.length, scenario),
    leaseDraws,
    leaseLeg: createLeaseLeg(scenario, factors),
  };
}

/**
 * Mining lines that are 1 where a strategy's share or stop-sale weight should be read: revenue 1
 * and stop-sale value 1 each month, everything else 0. `buildStrategyLines` on them returns the
 * share in the revenue line, the weight of the machines taken out in the resale line (the
 * horizon's sale is `share(H−1) × resale value`) and the fixed flows as they are.
 */
function unitMiningLines(horizon: number): MiningLines<number> {
  const ones = () => new Array<number>(horizon).fill(1);
  const zeros = () => new Array<number>(horizon).fill(0);
  return {
    hashpriceUsdPerThDay: ones(),
    revenueUsd: ones(),
    poolFeeUsd: zeros(),
    powerUsd: zeros(),
    takeOrPayUsd: zeros(),
    demandChargeUsd: zeros(),
    nonPowerOpexUsd: zeros(),
    curtailmentIncomeUsd: zeros(),
    fleetResaleValueUsd: zeros(),
    stopSaleValueUsd: ones(),
    refreshCapexUsd: zeros(),
    retiredResaleUsd: zeros(),
    energyMwh: zeros(),
    runningHashrateShare: ones(),
  };
}

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

function tallyLayout(
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
 * Web Worker), merged by adding (counts, exact sums) or by min/max (extremes).
 */
export interface Tally {
  paths: number;
  /** Paths in each rule group (path mod RULE_GROUPS). */
  readonly groupPaths: Uint32Array;
  /** Exact sums, see {@link TallyLayout}. */
  readonly sums: Float64Array;
  /**
   * Histograms of NPV − deterministic NPV (strategies, then ΔNPV per converting strategy),
   * NPV_BINNING each.
   */
  readonly npvCounts: Uint32Array;
  /** Exact [min, max] of the deviations in each NPV histogram. */
  readonly npvExtremes: Float64Array;
  /** Paths where each converting strategy beats keep mining (ΔNPV > 0). */
  readonly beatsMining: Uint32Array;
  /** Per month, the histogram of hashprice − deterministic hashprice (HASHPRICE_FAN_BINNING). */
  readonly hashpriceCounts: Uint32Array;
  /** Exact [min, max] of each month's hashprice deviation. */
  readonly hashpriceExtremes: Float64Array;
  /** Per strategy and fan month, the histogram of cumulative net cash − deterministic (CASH_FAN_BINNING). */
  readonly cashCounts: Uint32Array;
  /** Exact [min, max] of each cash histogram's deviations. */
  readonly cashExtremes: Float64Array;
  /** Per hashprice trigger, how many paths reach it at month τ_X = 0 … H (H = never). */
  readonly triggerMonthCounts: Uint32Array;
}

export function createTally(layout: TallyLayout): Tally {
  const histograms = layout.strategies + layout.deltas;
  return {
    paths: 0,
    groupPaths: new Uint32Array(RULE_GROUPS),
    sums: createExactSums(layout.exactSumCount),
    npvCounts: new Uint32Array(histograms * NPV_BINNING.binCount),
    npvExtremes: emptyExtremes(histograms),
    beatsMining: new Uint32Array(layout.deltas),
    hashpriceCounts: new Uint32Array(layout.horizonMonths * HASHPRICE_FAN_BINNING.binCount),
    hashpriceExtremes: emptyExtremes(layout.horizonMonths),
    cashCounts: new Uint32Array(layout.cashHistograms * CASH_FAN_BINNING.binCount),
    cashExtremes: emptyExtremes(layout.cashHistograms),
    triggerMonthCounts: new Uint32Array(layout.triggers * (layout.horizonMonths + 1)),
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
function record(
  binning: LogBinning,
  counts: Uint32Array,
  extremes: Float64Array,
  histogram: number,
  value: number,
): void {
  counts[histogram * binning.binCount + binIndex(binning, value)]! += 1;
  if (value < extremes[2 * histogram]!) extremes[2 * histogram] = value;
  if (value > extremes[2 * histogram + 1]!) extremes[2 * histogram + 1] = value;
}

/** Adds `from` into `into`: the result is the tally of both sets of paths, in any order. */
export function mergeTally(into: Tally, from: Tally): void {
  into.paths += from.paths;
  const add = (a: Float64Array | Uint32Array, b: Float64Array | Uint32Array) => {
    for (let i = 0; i < a.length; i += 1) a[i] = a[i]! + b[i]!;
  };
  add(into.groupPaths, from.groupPaths);
  add(into.sums, from.sums);
  add(into.npvCounts, from.npvCounts);
  add(into.beatsMining, from.beatsMining);
  add(into.hashpriceCounts, from.hashpriceCounts);
  add(into.cashCounts, from.cashCounts);
  add(into.triggerMonthCounts, from.triggerMonthCounts);
  mergeExtremes(into.npvExtremes, from.npvExtremes);
  mergeExtremes(into.hashpriceExtremes, from.hashpriceExtremes);
  mergeExtremes(into.cashExtremes, from.cashExtremes);
}

function mergeExtremes(into: Float64Array, from: Float64Array): void {
  for (let i = 0; i < into.length; i += 2) {
    into[i] = Math.min(into[i]!, from[i]!);
    into[i + 1] = Math.max(into[i + 1]!, from[i + 1]!);
  }
}

/** Per-path working memory, reused from path to path. */
interface Scratch {
  readonly path: PathBuffers;
  readonly netUsd: Float64Array;
  readonly resaleUsd: Float64Array;
  readonly stopSaleUsd: Float64Array;
  readonly miningPvPrefix: Float64Array;
  readonly npvUsd: Float64Array;
  readonly triggerMonth: Int32Array;
  /** NPV gain over converting now of converting at each deadline. */
  readonly gainAtDeadline: Float64Array;
  /** NPV of converting the whole site at τ, memoised for the path `npvByStartPath[τ]`. */
  readonly npvByStart: Float64Array;
  readonly npvByStartPath: Float64Array;
  /** The path's lease outcome and one strategy's lease cash by month. */
  readonly leaseOutcome: LeaseOutcome;
  readonly leaseCashUsd: Float64Array;
}

function createScratch(
  horizon: number,
  policy: PolicyGrid,
  strategies: number,
  scenario: Scenario,
): Scratch {
  return {
    leaseOutcome: expectedLeaseOutcome(scenario),
    leaseCashUsd: new Float64Array(horizon),
    path: createPathBuffers(horizon),
    netUsd: new Float64Array(horizon),
    resaleUsd: new Float64Array(horizon),
    stopSaleUsd: new Float64Array(horizon),
    miningPvPrefix: new Float64Array(horizon + 1),
    npvUsd: new Float64Array(strategies),
    triggerMonth: new Int32Array(policy.thresholdsUsdPerPhDay.length),
    gainAtDeadline: new Float64Array(policy.deadlinesWithNever.length),
    npvByStart: new Float64Array(horizon + 1),
    npvByStartPath: new Float64Array(horizon + 1).fill(-1),
  };
}

/** Evaluates paths `firstPath … firstPath + count − 1` into `tally`. */
export function accumulatePaths(
  context: MonteCarloContext,
  tally: Tally,
  firstPath: number,
  count: number,
): void {
  for (let path = firstPath; path < firstPath + count; path += 1) {
    evaluatePath(context, tally, path);
  }
}

function evaluatePath(context: MonteCarloContext, tally: Tally, path: number): void {
  const { kernel, scratch, layout, strategies, horizonMonths: horizon } = context;
  const df = context.miningDiscountFactors;
  const centreHashprice = context.centreHashpriceUsdPerThDay;
  const random = pathRandom(context.seed, path);
  simulatePath(context.pathModel, random, scratch.path);
  const hashprice = scratch.path.hashpriceUsdPerThDay;
  const { netUsd, resaleUsd, stopSaleUsd, miningPvPrefix: prefix } = scratch;

  evaluateMiningPath(kernel, hashprice, netUsd, resaleUsd, stopSaleUsd);
  const leaseActive = context.leaseDraws.active;
  if (leaseActive) {
    // From the path's own stream, after its price path: the price path is the same either way.
    drawLeaseOutcome(
      context.leaseDraws,
      random,
      scratch.path.logPriceDeviation,
      scratch.leaseOutcome,
    );
    context.leaseLeg.setOutcome(scratch.leaseOutcome);
  }
  prefix[0] = 0;
  for (let m = 0; m < horizon; m += 1) {
    const hp = hashprice[m]!;
    prefix[m + 1] = prefix[m]! + netUsd[m]! * df[m]!;
    record(
      HASHPRICE_FAN_BINNING,
      tally.hashpriceCounts,
      tally.hashpriceExtremes,
      m,
      hp - centreHashprice[m]!,
    );
  }

  // Strategies: NPV, ΔNPV against keep mining (strategy 0), cumulative cash fans.
  const npv = scratch.npvUsd;
  for (let s = 0; s < strategies.length; s += 1) {
    const stream = strategies[s]!;
    npv[s] =
      stream.sameAs >= 0
        ? npv[stream.sameAs]!
        : miningNpvOfPlan(
            stream.template,
            stream.plan.startMonth,
            context.wholeFleetShare,
            prefix,
            resaleUsd,
            stopSaleUsd,
            df,
          ) +
          (leaseActive
            ? context.leaseLeg.npv(stream.template, stream.plan.startMonth)
            : stream.leaseNpvUsd);
    addDistribution(tally, layout.strategySum(s), s, npv[s]!, stream.deterministicNpvUsd);
    if (s > 0) {
      const delta = npv[s]! - npv[0]!;
      const deterministicDelta = stream.deterministicNpvUsd - strategies[0]!.deterministicNpvUsd;
      addDistribution(
        tally,
        layout.deltaSum(s - 1),
        layout.strategies + s - 1,
        delta,
        deterministicDelta,
      );
      if (delta > 0) tally.beatsMining[s - 1]! += 1;
    }
    if (stream.sameAs >= 0) continue;
    let cumulative = 0;
    const { miningShare: share, resaleWeight, cashFanFirst } = stream;
    let fixedCashUsd = stream.fixedCashUsd;
    // A plan that converts nothing has no lease cash on any path.
    if (leaseActive && stream.template.tranches.length > 0) {
      fixedCashUsd = scratch.leaseCashUsd;
      fixedCashUsd.fill(0);
      context.leaseLeg.addCash(stream.template, stream.plan.startMonth, fixedCashUsd);
    }
    const deterministic = stream.deterministicCumulativeCashUsd;
    for (let m = 0; m < stream.cashFanMonths; m += 1) {
      cumulative += share[m]! * netUsd[m]! + resaleWeight[m]! * stopSaleUsd[m]! + fixedCashUsd[m]!;
      if (m === horizon - 1) cumulative += share[m]! * resaleUsd[m]!;
      record(
        CASH_FAN_BINNING,
        tally.cashCounts,
        tally.cashExtremes,
        cashFanFirst + m,
        cumulative - deterministic[m]!,
      );
    }
  }

  const group = path % RULE_GROUPS;
  evaluateRules(context, tally, path, group);
  tally.paths += 1;
  tally.groupPaths[group]! += 1;
}

/**
 * Every rule's NPV relative to converting now. A rule (trigger x, deadline k) converts at
 * `min(τ_x, k)`: below τ_x that is the deadline, whose gain is computed once per path; from τ_x
 * on it is τ_x, computed once per trigger.
 */
function evaluateRules(
  context: MonteCarloContext,
  tally: Tally,
  path: number,
  group: number,
): void {
  const { policy, scratch, layout, horizonMonths: horizon } = context;
  const deadlines = policy.deadlinesWithNever;
  const gainAtDeadline = scratch.gainAtDeadline;
  const npvNow = npvConvertingAt(context, path, 0);
  for (let j = 0; j < deadlines.length; j += 1) {
    gainAtDeadline[j] = npvConvertingAt(context, path, deadlines[j]!) - npvNow;
  }
  triggerMonths(policy, scratch.path.hashpriceUsdPerThDay, scratch.triggerMonth);
  const sums = tally.sums;
  for (let x = -1; x < policy.thresholdsUsdPerPhDay.length; x += 1) {
    const trigger = x < 0 ? horizon : scratch.triggerMonth[x]!;
    if (x >= 0) tally.triggerMonthCounts[x * (horizon + 1) + trigger]! += 1;
    // Never triggered (τ_x = H): the rule is its deadline, and "never" is the last deadline.
    const gainAtTrigger =
      trigger >= horizon
        ? gainAtDeadline[deadlines.length - 1]!
        : npvConvertingAt(context, path, trigger) - npvNow;
    for (let j = x < 0 ? 0 : 1; j < deadlines.length; j += 1) {
      const gain = deadlines[j]! < trigger ? gainAtDeadline[j]! : gainAtTrigger;
      addExact(sums, layout.candidateSum(candidateIndex(policy, x, j)) + group, gain);
    }
  }
}

/** Exact sums of `x − centre` and of its square; its histogram and extremes. */
function addDistribution(
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

/** NPV of converting the whole site from month τ on this path (τ = H: never), memoised. */
function npvConvertingAt(context: MonteCarloContext, path: number, tau: number): number {
  const { scratch } = context;
  if (scratch.npvByStartPath[tau] === path) return scratch.npvByStart[tau]!;
  const value =
    miningNpvOfPlan(
      context.fullSite.template,
      tau,
      context.wholeFleetShare,
      scratch.miningPvPrefix,
      scratch.resaleUsd,
      scratch.stopSaleUsd,
      context.miningDiscountFactors,
    ) +
    (context.leaseDraws.active
      ? context.leaseLeg.npv(context.fullSite.template, tau)
      : context.fullSite.leaseNpvByStart[tau]!);
  scratch.npvByStart[tau] = value;
  scratch.npvByStartPath[tau] = path;
  return value;
}
