import type { PlanTemplate } from '../fastNpv';
import type { MonteCarloContext } from './context';
import type { StrategyStream } from './strategyStreams';

/**
 * The construction and lease leg on the drawn path. Without lease-side risk it does not depend on
 * the path: its NPV and cash were computed once per plan (`pathIndependentNpvUsd`, the stream's
 * fixed cash). With it, the lease leg (leaseOutcome.ts) values the plan under the path's drawn
 * lease outcome (pathDraws.ts).
 */
export function leaseNpvOnPath(
  context: MonteCarloContext,
  template: PlanTemplate,
  startMonth: number,
  pathIndependentNpvUsd: number,
): number {
  return context.leaseDraws.active
    ? context.leaseLeg.npv(template, startMonth)
    : pathIndependentNpvUsd;
}

/** A strategy's construction and lease cash by month on this path (the scratch's buffer, or fixed). */
export function leaseCashOnPath(context: MonteCarloContext, stream: StrategyStream): Float64Array {
  // A plan that converts nothing has no lease cash on any path.
  if (!context.leaseDraws.active || stream.template.tranches.length === 0) {
    return stream.fixedCashUsd;
  }
  const cash = context.scratch.leaseCashUsd;
  cash.fill(0);
  context.leaseLeg.addCash(stream.template, stream.plan.startMonth, cash);
  return cash;
}
