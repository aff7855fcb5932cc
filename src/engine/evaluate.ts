import type { FinancialView, PriceCase, Scenario } from '../schema/scenario';
import { assertScenario } from '../schema/validate';
import {
  analyseScenario,
  analysisOn,
  type BoardNpvs,
  boardBreakevens,
  type EvaluationAnalysis,
  referenceCaseIndexOf,
} from './analysis';
import { floatArith } from './arith';
import type { Decision } from './decision';
import {
  type ClassDiscountFactors,
  classDiscountFactors,
  classDiscountRates,
  discountLines,
} from './discount';
import { createFastNpv, searchBestConversionMonth } from './fastNpv';
import { incrementalFigures, lazyField, lazySource } from './lazyFields';
import {
  buildStrategyFinancing,
  type FinancingContext,
  financingContext,
  financingViewFigures,
  hasFinancingOrTax,
  overlay,
  registerViewNpv,
  type StrategyFinancing,
  type ViewFigures,
  viewFigures,
  viewNpvUsd,
} from './levered';
import { memoized } from './memoized';
import {
  type IrrOutcome,
  investedCapitalUsd,
  type Moic,
  moic,
  monthlyIrr,
  NO_INVESTMENT,
  type Payback,
  payback,
  peakFunding,
} from './metrics';
import { fleetUtilityMw } from './mining';
import { buildCaseModel, buildScenarioModel, type CaseModel, type ScenarioModel } from './model';
import { networkHashrateHs } from './network';
import { type SensitivityRow, sensitivityTable } from './sensitivity';
import type { Breakevens } from './solve';
import {
  buildStrategyLines,
  buildStrategyPlans,
  type CashFlowClass,
  INVESTMENT_LINE_KEYS,
  itMwFor,
  miningShareByMonth,
  placeTranches,
  type StrategyId,
  type StrategyLines,
  type StrategyPlan,
} from './strategies';
import { type StressTable, stressTable } from './stress';
import { type ModelUnitEconomics, unitEconomics } from './unitEconomics';
import { decideOnBoardView } from './views';

export { referenceCaseIndexOf } from './analysis';

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
  /** Capital spent on the investment lines (USD, ≥ 0); 0 makes IRR, paybacks and MOIC n/a. */
  readonly investedCapitalUsd: number;
  /** IRR, paybacks and MOIC are `no-investment` when {@link investedCapitalUsd} is 0. */
  readonly irr: IrrOutcome;
  readonly payback: Payback;
  readonly discountedPayback: Payback;
  readonly peakFundingUsd: number;
  readonly moic: Moic;
  /** This strategy minus keep mining; null for keep mining itself. */
  readonly incremental: { readonly npvUsd: number; readonly irr: IrrOutcome } | null;
  /** The after-tax and levered views (docs/model.md §12); null without `financing` or `tax`. */
  readonly financing: StrategyFinancing | null;
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
  /** The case used for the verdict, breakevens and sensitivity: the scenario's `referenceCase`. */
  readonly referenceCaseIndex: number;
  /** The view the board sees (`financing.boardView`; unlevered pre-tax without financing). */
  readonly boardView: FinancialView;
  /** Solved on the board view. */
  readonly breakevens: Breakevens;
  readonly sensitivity: SensitivityRow[];
  /** The answer and its wording (src/engine/decision.ts): every output states it from here. */
  readonly decision: Decision;
  /**
   * The scenario's stress tests on the reference case, every strategy, unlevered pre-tax
   * (engine/stress.ts).
   */
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
  return evaluateScenario(assertScenario(input), options);
}

/**
 * {@link evaluate} of a scenario already validated (`parseScenario`'s result): the app's edit
 * path, which validates the draft once and evaluates what it validated (docs/app.md, "Edit path").
 */
export function evaluateScenario(scenario: Scenario, options: EvaluateOptions = {}): Evaluation {
  const model = buildScenarioModel(floatArith, scenario);
  const factors = classDiscountFactors(scenario);
  const financing = hasFinancingOrTax(scenario)
    ? financingContext(scenario, factors, model.leaseUnit)
    : null;
  const caseModels = scenario.priceCases.map((priceCase) =>
    buildCaseModel(floatArith, model, priceCase),
  );
  const cases = caseModels.map((caseModel) => evaluateCase(model, caseModel, factors, financing));
  const referenceCaseIndex = referenceCaseIndexOf(scenario);
  const referenceCase = scenario.priceCases[referenceCaseIndex]!;
  const boardView = scenario.financing?.boardView ?? 'unlevered-pre-tax';
  const months = model.calendar.map(({ label, endIsoDate, days }) => ({ label, endIsoDate, days }));
  // The reference case's model is shared with the breakevens, the tornado and the stress tests.
  const referenceMining = caseModels[referenceCaseIndex]!;
  const breakevens: Breakevens =
    options.breakevens === false
      ? { computed: false }
      : boardBreakevens(model, referenceCase, referenceMining, () =>
          // The reference case's figures on the board view: read by the decision and the page.
          boardNpvsOf(cases[referenceCaseIndex]!, boardView),
        );
  const stressPlans = buildStrategyPlans(scenario, cases[referenceCaseIndex]!.bestConversionMonth);
  const evaluation: Omit<Evaluation, 'decision'> = {
    scenario,
    months,
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
    boardView,
    breakevens,
    sensitivity:
      options.sensitivity === false
        ? []
        : sensitivityTable(scenario, referenceCase, model, referenceMining),
    stressTests: stressTable(
      model,
      referenceCase,
      stressPlans,
      referenceMining.mining,
      options.stressTests === false ? [] : scenario.stressTests,
      factors,
    ),
  };
  // The decision is stated on the board view, like the breakevens (docs/model.md §12).
  const result: Evaluation = { ...evaluation, decision: decideOnBoardView(evaluation) };
  if (options.breakevens === false || options.sensitivity === false) {
    const kept: AnalysisInputs = {
      model,
      referenceMining,
      boardNpvsUsd: () => boardNpvsOf(cases[referenceCaseIndex]!, boardView),
    };
    Object.defineProperty(result, ANALYSIS_INPUTS, { value: kept });
  }
  return result;
}

/**
 * What an evaluation without its analysis built that its analysis reads again: the scenario's
 * model, the reference case's model and its NPVs of convert now and keep mining on the board view.
 * Kept while the evaluation lives (a tab's results), for {@link analyseEvaluation}.
 */
interface AnalysisInputs {
  readonly model: ScenarioModel<number>;
  readonly referenceMining: CaseModel<number>;
  readonly boardNpvsUsd: () => BoardNpvs;
}

/**
 * The evaluation's hidden slot for its {@link AnalysisInputs} (non-enumerable: not copied, listed
 * or serialised). Not a WeakMap: an entry kept every evaluation, its models and its cases alive
 * through the minor collections until the next full one (3.7 MB promoted at each scavenge, a
 * fifth of an evaluation's time; regression test in test/engine/youngGarbage.test.ts).
 */
const ANALYSIS_INPUTS: unique symbol = Symbol('analysis inputs');

/**
 * The breakevens and tornado of an evaluation made without them (`{ breakevens: false,
 * sensitivity: false }`): what the app solves in the task after an edit's evaluation. It reuses
 * the models that evaluation built and its reference case's figures on the board view, so the
 * edit validates and models the scenario once; the numbers are `evaluate`'s bit for bit
 * (test/engine/analysis.test.ts). Another evaluation (one not made here, or a copy) is analysed
 * from its scenario.
 */
export function analyseEvaluation(core: Evaluation): EvaluationAnalysis {
  const kept = (core as { readonly [ANALYSIS_INPUTS]?: AnalysisInputs })[ANALYSIS_INPUTS];
  if (kept === undefined) return analyseScenario(core.scenario);
  const referenceCase = core.scenario.priceCases[core.referenceCaseIndex]!;
  return analysisOn(kept.model, referenceCase, kept.referenceMining, kept.boardNpvsUsd);
}

/** The NPVs of convert now and keep mining of a case on `view` (both strategies' view figures). */
function boardNpvsOf(result: CaseResult, view: FinancialView): BoardNpvs {
  const npvOf = (id: StrategyId) =>
    viewFigures(result.strategies.find((s) => s.strategyId === id)!, view).npvUsd;
  return { convertNowUsd: npvOf('convert-now'), keepMiningUsd: npvOf('keep-mining') };
}

function evaluateCase(
  model: ScenarioModel<number>,
  caseModel: CaseModel<number>,
  factors: ClassDiscountFactors,
  financing: FinancingContext | null,
): CaseResult {
  const { scenario } = model;
  const fastNpv = createFastNpv(scenario, caseModel.mining, model.leaseUnit, factors);
  const best = searchBestConversionMonth(scenario, fastNpv);
  const plans = buildStrategyPlans(scenario, best.month);
  const results: StrategyResult[] = [];
  let keepMining: PlanFigures | undefined;
  // The searched plan often repeats another (best month 0 is convert now): its figures are
  // computed once and shared, lines and flows included (never mutated).
  const figuresByPlan = new Map<string, PlanFigures>();
  for (const plan of plans) {
    const key = `${plan.convertUtilityMw}@${plan.startMonth}`;
    let figures = figuresByPlan.get(key);
    if (figures === undefined) {
      figures = planFigures(model, caseModel, factors, plan, keepMining, financing);
      figuresByPlan.set(key, figures);
    }
    if (plan.id === 'keep-mining') keepMining = figures;
    const result = strategyResult(plan, figures);
    // Only a scenario with views has view NPVs to read (none on the plain path).
    if (financing) registerViewNpv(result, figures.viewNpvUsd);
    results.push(result);
  }
  const siteMw = scenario.site.utilityMw;
  const itPerUtility = itMwFor(scenario, siteMw) / siteMw;
  const mining = caseModel.mining;
  return {
    priceCase: caseModel.priceCase,
    series: {
      btcPriceUsd: caseModel.btcPriceUsd,
      difficulty: caseModel.difficulty,
      networkHashrateEhs: caseModel.difficulty.map((d) => networkHashrateHs(d) / 1e18),
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

/**
 * Everything a strategy result reports that depends only on its plan's converted MW and start
 * month (not on its name), so plans that repeat each other share one. The IRRs are root searches
 * and most are never shown (the table of every case sits on its own tab): each is solved the
 * first time it is read, from the plan's own copy of its flows, and kept.
 */
interface PlanFigures {
  readonly convertUtilityMw: number;
  readonly convertItMw: number;
  readonly conversionStartMonth: number;
  readonly lines: StrategyLines<number>;
  readonly miningShare: number[];
  /** The net flows as computed (private: what the IRRs are solved from). */
  readonly net: readonly number[];
  readonly netCashFlowUsd: number[];
  readonly discountedCashFlowUsd: number[];
  readonly npvUsd: number;
  readonly npvByClassUsd: Readonly<Record<CashFlowClass, number>>;
  readonly investedCapitalUsd: number;
  readonly irr: () => IrrOutcome;
  readonly payback: Payback;
  readonly discountedPayback: Payback;
  readonly peakFundingUsd: number;
  readonly moic: Moic;
  readonly incremental: { readonly npvUsd: number; readonly irr: IrrOutcome } | null;
  /** Built the first time it is read, like the IRRs: an edit shows one case's views. */
  readonly financing: () => StrategyFinancing | null;
  /** The NPV on a view: the built view's, or `viewNpvUsd` alone while the views are unbuilt. */
  readonly viewNpvUsd: (view: FinancialView) => number;
}

function planFigures(
  model: ScenarioModel<number>,
  caseModel: CaseModel<number>,
  factors: ClassDiscountFactors,
  plan: StrategyPlan,
  keepMining: PlanFigures | undefined,
  financing: FinancingContext | null,
): PlanFigures {
  const { scenario } = model;
  const horizon = scenario.horizonMonths;
  const lines = buildStrategyLines(floatArith, scenario, caseModel.mining, model.leaseUnit, plan);
  const { net, discounted, npvByClassUsd } = discountLines(lines, factors, horizon);
  // `net` stays private (the IRRs are solved from it when read); the result shows a copy.
  const netFlows = net.slice();
  const npvUsd = npvByClassUsd.mining + npvByClassUsd.construction + npvByClassUsd.lease;
  const tranches = placeTranches(scenario, plan);
  const invested = investedCapitalUsd(INVESTMENT_LINE_KEYS.map((key) => lines[key]));
  const measured = invested > 0;
  const incrementalIrr = memoized(() => {
    const keepNet = keepMining!.net;
    const difference = new Array<number>(horizon);
    for (let m = 0; m < horizon; m += 1) difference[m] = net[m]! - keepNet[m]!;
    return monthlyIrr(difference);
  });
  let viewsBuilt = false;
  const views = memoized(() => {
    viewsBuilt = true;
    return financing
      ? withoutMetricsUnless(
          measured,
          buildStrategyFinancing(
            financing,
            plan,
            lines,
            netFlows,
            npvUsd,
            discounted,
            keepMining?.financing() ?? null,
          ),
        )
      : null;
  });
  const npvOnView = new Map<FinancialView, number>();
  return {
    convertUtilityMw: plan.convertUtilityMw,
    convertItMw: tranches.reduce((sum, t) => sum + t.itMw, 0),
    conversionStartMonth: plan.startMonth,
    lines,
    miningShare: miningShareByMonth(floatArith, scenario, tranches, horizon),
    net,
    netCashFlowUsd: netFlows,
    discountedCashFlowUsd: discounted,
    npvUsd,
    npvByClassUsd,
    investedCapitalUsd: invested,
    irr: memoized(() => (measured ? monthlyIrr(net) : NO_INVESTMENT)),
    payback: measured ? payback(net) : NO_INVESTMENT,
    discountedPayback: measured ? payback(discounted) : NO_INVESTMENT,
    peakFundingUsd: peakFunding(net),
    moic: measured ? moic(net) : NO_INVESTMENT,
    incremental: keepMining ? incrementalFigures(npvUsd - keepMining.npvUsd, incrementalIrr) : null,
    financing: views,
    viewNpvUsd: (view) => {
      if (viewsBuilt || !financing) return financingViewFigures(views(), view)?.npvUsd ?? npvUsd;
      let npv = npvOnView.get(view);
      if (npv === undefined) {
        npv = viewNpvUsd(financing, plan, lines, netFlows, npvUsd, view);
        npvOnView.set(view, npv);
      }
      return npv;
    },
  };
}

/**
 * A plan's result: its figures under its own id and name; the IRR and the views solved when first
 * read (shared getters, `lazyFields`), fields in the order they are serialised.
 */
function strategyResult(plan: StrategyPlan, figures: PlanFigures): StrategyResult {
  const result: Record<string, unknown> = {
    strategyId: plan.id,
    label: plan.label,
    convertUtilityMw: figures.convertUtilityMw,
    convertItMw: figures.convertItMw,
    conversionStartMonth: figures.conversionStartMonth,
    lines: figures.lines,
    miningShare: figures.miningShare,
    netCashFlowUsd: figures.netCashFlowUsd,
    discountedCashFlowUsd: figures.discountedCashFlowUsd,
    npvUsd: figures.npvUsd,
    npvByClassUsd: figures.npvByClassUsd,
    investedCapitalUsd: figures.investedCapitalUsd,
  };
  lazySource(result, { irr: figures.irr, financing: figures.financing });
  lazyField(result, 'irr');
  result.payback = figures.payback;
  result.discountedPayback = figures.discountedPayback;
  result.peakFundingUsd = figures.peakFundingUsd;
  result.moic = figures.moic;
  result.incremental = figures.incremental;
  lazyField(result, 'financing');
  return result as unknown as StrategyResult;
}

/** A strategy without investment has no IRR, payback or MOIC on the after-tax views either. */
function withoutMetricsUnless(measured: boolean, views: StrategyFinancing): StrategyFinancing {
  if (measured) return views;
  const strip = <T extends ViewFigures>(figures: T): T =>
    overlay(figures, {
      irr: NO_INVESTMENT,
      payback: NO_INVESTMENT,
      discountedPayback: NO_INVESTMENT,
      moic: NO_INVESTMENT,
    }) as T;
  return {
    ...views,
    unleveredAfterTax: strip(views.unleveredAfterTax),
    leveredAfterTax: views.leveredAfterTax ? strip(views.leveredAfterTax) : null,
  };
}
