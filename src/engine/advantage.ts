import type { PriceCase, Scenario } from '../schema/scenario';
import { floatArith } from './arith';
import { classDiscountFactors } from './discount';
import { createFastNpv } from './fastNpv';
import { buildCaseModel, buildScenarioModel, type ScenarioModel } from './model';
import { buildStrategyPlans } from './strategies';

/**
 * Conversion advantage: NPV(convert now) − NPV(keep mining) in USD, the quantity every
 * breakeven sets to zero and the sensitivity table moves. Pass `model` to reuse the parts of a
 * scenario the caller did not change (the network path is the costly one).
 */
export function conversionAdvantageUsd(
  scenario: Scenario,
  priceCase: PriceCase,
  model: ScenarioModel<number> = buildScenarioModel(floatArith, scenario),
): number {
  const caseModel = buildCaseModel(floatArith, model, priceCase);
  const fastNpv = createFastNpv(
    scenario,
    caseModel.mining,
    model.leaseUnit,
    classDiscountFactors(scenario),
  );
  const [keepMining, convertNow] = buildStrategyPlans(scenario);
  return fastNpv(convertNow!) - fastNpv(keepMining!);
}
