import type { FinancialView, PriceCase, Scenario } from '../schema/scenario';
import { floatArith } from './arith';
import { classDiscountFactors, discountLines } from './discount';
import { buildStrategyFinancing, financingContext, viewFigures } from './levered';
import { buildCaseModel, buildScenarioModel, type CaseModel, type ScenarioModel } from './model';
import { buildStrategyLines, buildStrategyPlans } from './strategies';

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
    const { net, discounted, npvByClassUsd: byClass } = discountLines(lines, factors, H);
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
