import type { PriceCase, Scenario } from '../../schema/scenario';
import { floatArith } from '../arith';
import { classDiscountFactors } from '../discount';
import { referenceCaseIndexOf } from '../evaluate';
import {
  createFastNpv,
  createLeaseNpv,
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
import { buildCaseModel, buildScenarioModel } from '../model';
import { buildStrategyPlans, miningShare } from '../strategies';
import { buildMiningKernel, type MiningKernel } from './kernel';
import { buildLeaseDrawModel, type LeaseDrawModel } from './leaseDraws';
import { buildPathModel, createPathBuffers, type PathBuffers, type PathModel } from './paths';
import { buildPolicyGrid, type PolicyGrid } from './policy';
import { buildStrategyStreams, type StrategyStream } from './strategyStreams';
import { createFanBuffer, type FanBuffer, type TallyLayout, tallyLayout } from './tally';

/**
 * What every path of a Monte Carlo run shares, built once per scenario and settings: the centre
 * price case and its deterministic engine, the path model, the mining kernel, the strategy
 * streams, the conversion rules' grid, the tally layout, the lease-side draws and the per-path
 * working memory (docs/monte-carlo.md).
 */

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
  const pathModel = buildPathModel(
    scenario.monteCarlo,
    centre.mining.hashpriceUsdPerThDay,
    model.hashpriceFloor,
  );
  const drawModel = buildLeaseDrawModel(scenario, pathModel);
  const leaseDraws = options.leaseSide === false ? { ...drawModel, active: false } : drawModel;
  const { strategies, cashHistograms } = buildStrategyStreams({
    scenario,
    plans,
    centreMining: centre.mining,
    leaseUnit: model.leaseUnit,
    fastNpv,
    leaseNpv,
    leaseSideActive: leaseDraws.active,
  });
  const fullTemplate = planTemplate(scenario, scenario.site.utilityMw);
  const centreHashprice = centre.mining.hashpriceUsdPerThDay;
  const policy = buildPolicyGrid(
    scenario,
    centreHashprice[0]!,
    plans.map((plan) => plan.startMonth),
  );
  const layout = tallyLayout(horizon, strategies.length, policy, cashHistograms);
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

/** Per-path working memory, reused from path to path. */
export interface Scratch {
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
  /** One strategy's (or the hashprice's) deviations from the deterministic path, by month. */
  readonly fanDeviation: FanBuffer;
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
    fanDeviation: createFanBuffer(horizon),
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
