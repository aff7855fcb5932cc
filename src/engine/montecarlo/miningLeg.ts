import { miningNpvOfPlan, type PlanTemplate } from '../fastNpv';
import type { MonteCarloContext } from './context';
import { evaluateMiningPath } from './kernel';

/**
 * The mining leg of the drawn path: per month the mining net, the fleet's resale and stop-sale
 * values from the kernel (kernel.ts), and the prefix sums of the discounted net, from which any
 * plan's mining NPV follows in O(tranches) exactly as in the deterministic fast NPV (fastNpv.ts).
 */
export function evaluateMiningLeg(context: MonteCarloContext): void {
  const { scratch, horizonMonths: horizon } = context;
  const df = context.miningDiscountFactors;
  const { netUsd, resaleUsd, stopSaleUsd, miningPvPrefix: prefix } = scratch;
  evaluateMiningPath(
    context.kernel,
    scratch.path.hashpriceUsdPerThDay,
    netUsd,
    resaleUsd,
    stopSaleUsd,
  );
  prefix[0] = 0;
  for (let m = 0; m < horizon; m += 1) prefix[m + 1] = prefix[m]! + netUsd[m]! * df[m]!;
}

/** The mining NPV on this path of a plan converting `template` from `startMonth` (H: never). */
export function miningNpvOnPath(
  context: MonteCarloContext,
  template: PlanTemplate,
  startMonth: number,
): number {
  const { scratch } = context;
  return miningNpvOfPlan(
    template,
    startMonth,
    context.wholeFleetShare,
    scratch.miningPvPrefix,
    scratch.resaleUsd,
    scratch.stopSaleUsd,
    context.miningDiscountFactors,
  );
}
