import type { FinancialView, PriceCase, Scenario } from '../schema/scenario';
import { floatArith } from './arith';
import { classDiscountFactors } from './discount';
import { buildStrategyFinancing, financingContext, viewFigures } from './levered';
import { buildCaseModel, buildScenarioModel, type CaseModel, type ScenarioModel } from './model';
import { buildStrategyLines, buildStrategyPlans, LINE_ITEMS } from './strategies';

/**
 * The conversion advantage on a view: `NPV_view(convert now) − NPV_view(keep mining)` (USD), from
 * the full monthly lines, taxes and debt of both plans. The breakevens solve it to zero when the
 * board sees an after-tax or levered view; on the pre-tax view it equals
 * `conversionAdvantageUsd` (a test holds the two equal).
 */
export function viewAdvantageUsd(
  view: FinancialView,
  scenario: Scenario,
  priceCase: PriceCase,
  model: ScenarioModel<number> = buildScenarioModel(floatArith, scenario),
  caseModel: CaseModel<number> = buildCaseModel(floatArith, model, priceCase),
): number {
  const factors = classDiscountFactors(scenario);
  const context = financingContext(scenario, factors);
  const H = scenario.horizonMonths;
  const [keepPlan, convertPlan] = buildStrategyPlans(scenario);
  const npvOf = (
    plan: NonNullable<typeof keepPlan>,
    keep: ReturnType<typeof buildStrategyFinancing> | null,
  ) => {
    const lines = buildStrategyLines(floatArith, scenario, caseModel.mining, model.leaseUnit, plan);
    const net = new Array<number>(H).fill(0);
    const discounted = new Float64Array(H);
    const byClass = { mining: 0, construction: 0, lease: 0 };
    for (const item of LINE_ITEMS) {
      const df = factors[item.class];
      const series = lines[item.key];
      let classNpv = 0;
      for (let m = 0; m < H; m += 1) {
        const flow = series[m]!;
        if (flow === 0) continue;
        const pv = flow * df[m]!;
        net[m] = net[m]! + flow;
        discounted[m] = discounted[m]! + pv;
        classNpv += pv;
      }
      byClass[item.class] += classNpv;
    }
    const npvUsd = byClass.mining + byClass.construction + byClass.lease;
    const financing = buildStrategyFinancing(context, plan, lines, net, npvUsd, discounted, keep);
    return {
      figures: viewFigures({ ...financing.unleveredAfterTax, npvUsd, financing }, view),
      financing,
    };
  };
  const keep = npvOf(keepPlan!, null);
  const convert = npvOf(convertPlan!, keep.financing);
  return convert.figures.npvUsd - keep.figures.npvUsd;
}
