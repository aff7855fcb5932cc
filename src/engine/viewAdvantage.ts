import type { FinancialView, PriceCase, Scenario } from '../schema/scenario';
import { floatArith } from './arith';
import { classDiscountFactors, discountLines, netCashFlowsAndPresentValue } from './discount';
import type { LeaseUnitLines } from './lease';
import { type FinancingContext, financingContext, viewNpvUsd } from './levered';
import {
  buildScenarioModel,
  type CaseModel,
  type ScenarioModel,
  transientCaseModel,
} from './model';
import { recentCache } from './recent';
import { zeroSeries } from './series';
import {
  buildStrategyLines,
  buildStrategyPlans,
  LINE_ITEMS,
  type StrategyLines,
  type StrategyPlan,
} from './strategies';

/**
 * The conversion advantage on a view: `NPV_view(convert now) − NPV_view(keep mining)` (USD), from
 * the full monthly lines, taxes and debt of both plans. The breakevens solve it to zero when the
 * board sees an after-tax or levered view; on the pre-tax view it equals
 * `conversionAdvantageUsd` (a test holds the two equal).
 *
 * Only the view's NPV is built (`viewNpvUsd`). Kept between the breakevens' calls (never a
 * result): the financing context of a scenario object (the BTC price breakeven varies only the
 * price case); keep mining's NPV on a case model while only the lease and the conversion change
 * (the lease-rate and capex breakevens: keep mining has neither); and each plan's lines and net
 * flows, and a probe's case model (`transientCaseModel`), in arrays the next call writes over.
 */
export function viewAdvantageUsd(
  view: FinancialView,
  scenario: Scenario,
  priceCase: PriceCase,
  model: ScenarioModel<number> = buildScenarioModel(floatArith, scenario),
  // A probe's model (the BTC-price and power breakevens): read within this call only.
  caseModel: CaseModel<number> = transientCaseModel(model, priceCase),
): number {
  const context = contextOf(scenario, model.leaseUnit);
  const H = scenario.horizonMonths;
  const [keepPlan, convertPlan] = buildStrategyPlans(scenario);
  const leveredOnly = view === 'levered-after-tax' && scenario.financing !== undefined;
  const npvOnView = (plan: StrategyPlan, oneOff: boolean) => {
    const kept = scratchOf(plan.id, H);
    const lines = buildStrategyLines(
      floatArith,
      scenario,
      caseModel.mining,
      model.leaseUnit,
      plan,
      kept.lines,
    );
    if (leveredOnly && context.equityFactors) {
      // The levered view reads the net flows and the lines' value at the cost of equity, both
      // from one pass over the lines; not the pre-tax NPV (viewNpvUsd).
      const equityPvUsd = netCashFlowsAndPresentValue(lines, H, context.equityFactors, kept.net);
      return viewNpvUsd(context, plan, lines, kept.net, Number.NaN, view, {
        equityProjectPvUsd: equityPvUsd,
        oneOff,
      });
    }
    const { net, npvByClassUsd: byClass } = discountLines(lines, context.factors, H);
    const npvUsd = byClass.mining + byClass.construction + byClass.lease;
    return viewNpvUsd(context, plan, lines, net, npvUsd, view);
  };
  let keep =
    keepMiningKnown?.caseModel === caseModel
      ? keepMiningKnown.known
      : keepMiningNpv.find((known) => known === caseModel);
  if (
    keep === undefined ||
    keep.view !== view ||
    !sameButLeaseAndConversion(keep.scenario, scenario)
  ) {
    keep = { scenario, view, npvUsd: npvOnView(keepPlan!, false) };
    keepMiningNpv.set(caseModel, keep);
    return npvOnView(convertPlan!, false) - keep.npvUsd;
  }
  // Keep mining's NPV found again: a lease-rate or capex probe, whose converting plan's debt no
  // later call asks for again.
  return npvOnView(convertPlan!, keep.scenario !== scenario) - keep.npvUsd;
}

// Each plan's lines and net flows are written over on every call: only this module reads them,
// and only before its next call (`viewNpvUsd` keeps none of them).
const scratch = new Map<string, { lines: StrategyLines<number>; net: number[] }>();

function scratchOf(planId: string, horizonMonths: number) {
  const key = `${planId}:${horizonMonths}`;
  let kept = scratch.get(key);
  if (kept === undefined) {
    const lines = {} as StrategyLines<number>;
    for (const item of LINE_ITEMS) lines[item.key] = zeroSeries(horizonMonths);
    kept = { lines, net: zeroSeries(horizonMonths) };
    if (scratch.size >= 8) scratch.clear();
    scratch.set(key, kept);
  }
  return kept;
}

// The last few scenarios' contexts, kept strongly (`recentCache`): a WeakMap entry for each
// breakeven probe's scenario was traced at every minor collection.
const contexts = recentCache<Scenario, FinancingContext>(2);

function contextOf(scenario: Scenario, leaseUnit: LeaseUnitLines<number>): FinancingContext {
  let context = contexts.find((known) => known === scenario);
  if (context === undefined) {
    context = financingContext(scenario, classDiscountFactors(scenario), leaseUnit);
    contexts.set(scenario, context);
  }
  return context;
}

// Kept for the last few case models (the BTC-price breakeven makes one per call).
const keepMiningNpv = recentCache<CaseModel<number>, KeepMiningNpv>(2);

/** Keep mining's NPV on `view` for a scenario (and its copies that change only the lease). */
interface KeepMiningNpv {
  readonly scenario: Scenario;
  readonly view: FinancialView;
  readonly npvUsd: number;
}

/**
 * `solve()` with keep mining's NPV on `view` for a case model known to every call of
 * {@link viewAdvantageUsd} it makes: an evaluation's reference case, whose NPV the view
 * breakevens' calls would compute again, to the same bits. The lease-rate and capex breakevens'
 * calls with this case model then value convert now alone. Known only within `solve`: kept
 * beyond it, the case model would outlive its evaluation through the next minor collection.
 */
export function withKeepMiningKnown<R>(
  caseModel: CaseModel<number>,
  known: KeepMiningNpv,
  solve: () => R,
): R {
  keepMiningKnown = { caseModel, known };
  try {
    return solve();
  } finally {
    keepMiningKnown = undefined;
  }
}

let keepMiningKnown:
  | { readonly caseModel: CaseModel<number>; readonly known: KeepMiningNpv }
  | undefined;

/** Every section but `lease` and `conversion` is the same object (a breakeven's copy). */
function sameButLeaseAndConversion(a: Scenario, b: Scenario): boolean {
  if (a === b) return true;
  const keys = Object.keys(a) as (keyof Scenario)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => key === 'lease' || key === 'conversion' || a[key] === b[key]);
}
