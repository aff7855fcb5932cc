import type { PriceCase, Scenario } from '../schema/scenario';
import { assertScenario } from '../schema/validate';
import { floatArith } from './arith';
import { type ClassDiscountFactors, classDiscountFactors, classDiscountRates } from './discount';
import { createFastNpv, searchBestConversionMonth } from './fastNpv';
import {
  type IrrOutcome,
  type Moic,
  moic,
  monthlyIrr,
  type Payback,
  payback,
  peakFunding,
} from './metrics';
import { fleetUtilityMw } from './mining';
import { buildCaseModel, buildScenarioModel, type CaseModel, type ScenarioModel } from './model';
import { networkHashrateHs } from './network';
import { type SensitivityRow, sensitivityTable } from './sensitivity';
import { type Breakevens, solveBreakevens } from './solve';
import {
  buildStrategyLines,
  buildStrategyPlans,
  type CashFlowClass,
  itMwFor,
  LINE_ITEMS,
  miningShareByMonth,
  placeTranches,
  type StrategyId,
  type StrategyLines,
  type StrategyPlan,
} from './strategies';
import { type StressTable, stressTable } from './stress';
import { type ModelUnitEconomics, unitEconomics } from './unitEconomics';

export interface StrategyResult {
  readonly strategyId: StrategyId;
  readonly label: string;
  readonly convertUtilityMw: number;
  readonly convertItMw: number;
  readonly conversionStartMonth: number;
  readonly lines: StrategyLines<number>;
  readonly miningShare: number[];
  readonly netCashFlowUsd: number[];
  /** Each month's flows discounted at their class rates. */
  readonly discountedCashFlowUsd: number[];
  readonly npvUsd: number;
  readonly npvByClassUsd: Readonly<Record<CashFlowClass, number>>;
  readonly irr: IrrOutcome;
  readonly payback: Payback;
  readonly discountedPayback: Payback;
  readonly peakFundingUsd: number;
  readonly moic: Moic;
  /** This strategy minus keep mining; null for keep mining itself. */
  readonly incremental: { readonly npvUsd: number; readonly irr: IrrOutcome } | null;
}

export interface CaseResult {
  readonly priceCase: PriceCase;
  readonly series: {
    readonly btcPriceUsd: number[];
    readonly difficulty: number[];
    readonly networkHashrateEhs: number[];
    readonly subsidyBtcPerBlock: number[];
    readonly hashpriceUsdPerThDay: number[];
    readonly energyPriceUsdPerMwh: number[];
    readonly miningEnergyMwh: number[];
    readonly runningHashrateShare: number[];
    /** The lease's rent per MW of utility capacity (USD per MW-month), for the hashprice chart. */
    readonly leaseRentUsdPerUtilityMwMonth: number[];
    /** Mining net per MW of utility capacity (USD per MW-month), the same chart's other line. */
    readonly miningNetUsdPerUtilityMwMonth: number[];
  };
  readonly bestConversionMonth: number;
  readonly strategies: StrategyResult[];
  readonly unitEconomics: ModelUnitEconomics[];
}

export interface Evaluation {
  readonly scenario: Scenario;
  readonly months: { readonly label: string; readonly endIsoDate: string; readonly days: number }[];
  readonly derived: {
    readonly fleetUtilityMw: number;
    readonly fleetHashrateThs: number;
    readonly siteItMw: number;
    readonly partialConvertUtilityMw: number;
    readonly startBlockHeight: number;
    readonly discountRates: Readonly<Record<CashFlowClass, number>>;
  };
  readonly cases: CaseResult[];
  /** The case used for the verdict, breakevens and sensitivity: "base" if present, else the first. */
  readonly referenceCaseIndex: number;
  readonly breakevens: Breakevens;
  readonly sensitivity: SensitivityRow[];
  /** The scenario's stress tests on the reference case, every strategy (engine/stress.ts). */
  readonly stressTests: StressTable;
}

export interface EvaluateOptions {
  /** Solve the breakevens (default true). */
  readonly breakevens?: boolean;
  /** Build the sensitivity table (default true). */
  readonly sensitivity?: boolean;
  /** Evaluate the stress tests (default true; false leaves their rows empty). */
  readonly stressTests?: boolean;
}

/**
 * Validates a scenario (throwing `ScenarioError` with every field problem) and evaluates every
 * strategy under every price case: monthly lines, NPV by class, IRR, paybacks, peak funding,
 * MOIC, incremental figures against keep mining, the best conversion month, per-model unit
 * economics, the breakevens and the sensitivity table.
 */
export function evaluate(input: unknown, options: EvaluateOptions = {}): Evaluation {
  const scenario = assertScenario(input);
  const model = buildScenarioModel(floatArith, scenario);
  const factors = classDiscountFactors(scenario);
  const caseModels = scenario.priceCases.map((priceCase) =>
    buildCaseModel(floatArith, model, priceCase),
  );
  const cases = caseModels.map((caseModel) => evaluateCase(model, caseModel, factors));
  const referenceCaseIndex = referenceCaseIndexOf(scenario);
  const referenceCase = scenario.priceCases[referenceCaseIndex]!;
  const stressPlans = buildStrategyPlans(scenario, cases[referenceCaseIndex]!.bestConversionMonth);
  return {
    scenario,
    months: model.calendar.map(({ label, endIsoDate, days }) => ({ label, endIsoDate, days })),
    derived: {
      fleetUtilityMw: fleetUtilityMw(scenario),
      fleetHashrateThs: scenario.fleet.reduce((sum, m) => sum + m.units * m.hashrateThs, 0),
      siteItMw: itMwFor(scenario, scenario.site.utilityMw),
      partialConvertUtilityMw:
        scenario.strategies.partialConvertUtilityMw ?? scenario.site.utilityMw / 2,
      startBlockHeight: model.startBlockHeight,
      discountRates: classDiscountRates(scenario),
    },
    cases,
    referenceCaseIndex,
    breakevens:
      options.breakevens === false ? { computed: false } : solveBreakevens(model, referenceCase),
    sensitivity: options.sensitivity === false ? [] : sensitivityTable(scenario, referenceCase),
    stressTests: stressTable(
      model,
      referenceCase,
      stressPlans,
      caseModels[referenceCaseIndex]!.mining,
      options.stressTests === false ? [] : scenario.stressTests,
      factors,
    ),
  };
}

export function referenceCaseIndexOf(scenario: Scenario): number {
  const index = scenario.priceCases.findIndex((c) => c.name.toLowerCase() === 'base');
  return Math.max(index, 0);
}

function evaluateCase(
  model: ScenarioModel<number>,
  caseModel: CaseModel<number>,
  factors: ClassDiscountFactors,
): CaseResult {
  const { scenario } = model;
  const fastNpv = createFastNpv(scenario, caseModel.mining, model.leaseUnit, factors);
  const best = searchBestConversionMonth(scenario, fastNpv);
  const plans = buildStrategyPlans(scenario, best.month);
  const results: StrategyResult[] = [];
  let keepMining: StrategyResult | undefined;
  for (const plan of plans) {
    const result = evaluatePlan(model, caseModel, factors, plan, keepMining);
    if (plan.id === 'keep-mining') keepMining = result;
    results.push(result);
  }
  const siteMw = scenario.site.utilityMw;
  const itPerUtility = itMwFor(scenario, siteMw) / siteMw;
  const mining = caseModel.mining;
  return {
    priceCase: caseModel.priceCase,
    series: {
      btcPriceUsd: caseModel.btcPriceUsd,
      difficulty: model.network.difficulty,
      networkHashrateEhs: model.network.difficulty.map((d) => networkHashrateHs(d) / 1e18),
      subsidyBtcPerBlock: model.network.subsidyBtcPerBlock,
      hashpriceUsdPerThDay: mining.hashpriceUsdPerThDay,
      energyPriceUsdPerMwh: model.energyPriceUsdPerMwh,
      miningEnergyMwh: mining.energyMwh,
      runningHashrateShare: mining.runningHashrateShare,
      leaseRentUsdPerUtilityMwMonth: model.leaseUnit.rentUsd.map((rent, j) =>
        j < scenario.lease.freeRentMonths ? 0 : rent * itPerUtility,
      ),
      miningNetUsdPerUtilityMwMonth: mining.revenueUsd.map(
        (revenue, m) =>
          (revenue +
            mining.poolFeeUsd[m]! +
            mining.powerUsd[m]! +
            mining.takeOrPayUsd[m]! +
            mining.demandChargeUsd[m]! +
            mining.nonPowerOpexUsd[m]! +
            mining.curtailmentIncomeUsd[m]!) /
          siteMw,
      ),
    },
    bestConversionMonth: best.month,
    strategies: results,
    unitEconomics: unitEconomics(
      scenario,
      mining.hashpriceUsdPerThDay[0]!,
      caseModel.btcPriceUsd[0]!,
      model.energyPriceUsdPerMwh[0]!,
    ),
  };
}

function evaluatePlan(
  model: ScenarioModel<number>,
  caseModel: CaseModel<number>,
  factors: ClassDiscountFactors,
  plan: StrategyPlan,
  keepMining: StrategyResult | undefined,
): StrategyResult {
  const { scenario } = model;
  const horizon = scenario.horizonMonths;
  const lines = buildStrategyLines(floatArith, scenario, caseModel.mining, model.leaseUnit, plan);
  // One pass item by item: the net and the class-discounted flow of every month.
  const net = new Float64Array(horizon);
  const discounted = new Float64Array(horizon);
  const npvByClassUsd: Record<CashFlowClass, number> = { mining: 0, construction: 0, lease: 0 };
  for (const item of LINE_ITEMS) {
    const series = lines[item.key];
    const df = factors[item.class];
    let classNpv = 0;
    for (let m = 0; m < horizon; m += 1) {
      const flow = series[m]!;
      if (flow === 0) continue;
      const pv = flow * df[m]!;
      net[m] = net[m]! + flow;
      discounted[m] = discounted[m]! + pv;
      classNpv += pv;
    }
    npvByClassUsd[item.class] += classNpv;
  }
  const netFlows = Array.from(net);
  const npvUsd = npvByClassUsd.mining + npvByClassUsd.construction + npvByClassUsd.lease;
  const tranches = placeTranches(scenario, plan);
  return {
    strategyId: plan.id,
    label: plan.label,
    convertUtilityMw: plan.convertUtilityMw,
    convertItMw: tranches.reduce((sum, t) => sum + t.itMw, 0),
    conversionStartMonth: plan.startMonth,
    lines,
    miningShare: miningShareByMonth(floatArith, scenario, tranches, horizon),
    netCashFlowUsd: netFlows,
    discountedCashFlowUsd: Array.from(discounted),
    npvUsd,
    npvByClassUsd,
    irr: monthlyIrr(netFlows),
    payback: payback(net),
    discountedPayback: payback(discounted),
    peakFundingUsd: peakFunding(net),
    moic: moic(net),
    incremental: keepMining
      ? {
          npvUsd: npvUsd - keepMining.npvUsd,
          irr: monthlyIrr(netFlows.map((flow, m) => flow - keepMining.netCashFlowUsd[m]!)),
        }
      : null,
  };
}
