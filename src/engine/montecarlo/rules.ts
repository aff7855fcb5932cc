import type { MonteCarloContext } from './context';
import { addExact } from './exactSum';
import { leaseNpvOnPath } from './leaseLegPath';
import { miningNpvOnPath } from './miningLeg';
import { candidateIndex, triggerMonths } from './policy';
import type { Tally } from './tally';

/**
 * Every rule's NPV relative to converting now. A rule (trigger x, deadline k) converts at
 * `min(τ_x, k)`: below τ_x that is the deadline, whose gain is computed once per path; from τ_x
 * on it is τ_x, computed once per trigger.
 */
export function evaluateRules(
  context: MonteCarloContext,
  tally: Tally,
  path: number,
  group: number,
): void {
  const { policy, scratch, layout, horizonMonths: horizon } = context;
  const deadlines = policy.deadlinesWithNever;
  const gainAtDeadline = scratch.gainAtDeadline;
  const npvNow = npvConvertingAt(context, path, 0);
  for (let j = 0; j < deadlines.length; j += 1) {
    gainAtDeadline[j] = npvConvertingAt(context, path, deadlines[j]!) - npvNow;
  }
  triggerMonths(policy, scratch.path.hashpriceUsdPerThDay, scratch.triggerMonth);
  const sums = tally.sums;
  for (let x = -1; x < policy.thresholdsUsdPerPhDay.length; x += 1) {
    const trigger = x < 0 ? horizon : scratch.triggerMonth[x]!;
    if (x >= 0) tally.triggerMonthCounts[x * (horizon + 1) + trigger]! += 1;
    // Never triggered (τ_x = H): the rule is its deadline, and "never" is the last deadline.
    const gainAtTrigger =
      trigger >= horizon
        ? gainAtDeadline[deadlines.length - 1]!
        : npvConvertingAt(context, path, trigger) - npvNow;
    for (let j = x < 0 ? 0 : 1; j < deadlines.length; j += 1) {
      const gain = deadlines[j]! < trigger ? gainAtDeadline[j]! : gainAtTrigger;
      addExact(sums, layout.candidateSum(candidateIndex(policy, x, j)) + group, gain);
    }
  }
}

/** NPV of converting the whole site from month τ on this path (τ = H: never), memoised. */
function npvConvertingAt(context: MonteCarloContext, path: number, tau: number): number {
  const { scratch } = context;
  if (scratch.npvByStartPath[tau] === path) return scratch.npvByStart[tau]!;
  const { template, leaseNpvByStart } = context.fullSite;
  const value =
    miningNpvOnPath(context, template, tau) +
    leaseNpvOnPath(context, template, tau, leaseNpvByStart[tau]!);
  scratch.npvByStart[tau] = value;
  scratch.npvByStartPath[tau] = path;
  return value;
}
