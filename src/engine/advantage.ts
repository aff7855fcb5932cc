import type { PriceCase, Scenario } from '../schema/scenario';
import { floatArith } from './arith';
import { classDiscountFactors } from './discount';
import { createFastNpv } from './fastNpv';
import {
  buildScenarioModel,
  type CaseModel,
  type ScenarioModel,
  transientCaseModel,
} from './model';
import { buildStrategyPlans } from './strategies';

/**
 * Conversion advantage: NPV(convert now) − NPV(keep mining) in USD, the quantity every
 * breakeven sets to zero and the sensitivity table moves. Pass `model` and `caseModel` to reuse
 * the parts the caller did not change (the network path and the mining lines are the costly ones).
 */
export function conversionAdvantageUsd(
  scenario: Scenario,
  priceCase: PriceCase,
  model: ScenarioModel<number> = buildScenarioModel(floatArith, scenario),
  // A probe's or a tornado move's model: read within this call only.
  caseModel: CaseModel<number> = transientCaseModel(model, priceCase),
): number {
  const fastNpv = createFastNpv(
    scenario,
    caseModel.mining,
    model.leaseUnit,
    classDiscountFactors(scenario),
  );
  const [keepMining, convertNow] = buildStrategyPlans(scenario);
  return fastNpv(convertNow!) - fastNpv(keepMining!);
}
