import type { MonteCarloContext } from './context';
import { evaluateMiningLeg } from './miningLeg';
import { drawPath } from './pathDraws';
import { recordHashpriceFan, recordStrategies } from './pathOutcomes';
import { evaluateRules } from './rules';
import { RULE_GROUPS, type Tally } from './tally';

/**
 * Evaluation of every strategy on every path, streamed into fixed-size summary buffers (a
 * {@link Tally}, tally.ts); nothing is kept per path. What every path shares is built once
 * (context.ts, strategyStreams.ts); per path, one module a step:
 *
 * 1. the draws (pathDraws.ts): the hashprice path, and with lease-side risk the lease outcome;
 * 2. the mining leg (miningLeg.ts): per month the mining net and resale values from the kernel
 *    (kernel.ts) and the prefix sums of the discounted net;
 * 3. the lease leg (leaseLegPath.ts): path-independent, or valued under the drawn lease outcome;
 * 4. what the path adds to the tally (pathOutcomes.ts): the hashprice fan, each strategy's NPV,
 *    ΔNPV and cash fan; and the conversion rules (rules.ts), which reuse the same NPV at their
 *    conversion month, memoised per path.
 */

/** Evaluates paths `firstPath … firstPath + count − 1` into `tally`. */
export function accumulatePaths(
  context: MonteCarloContext,
  tally: Tally,
  firstPath: number,
  count: number,
): void {
  for (let path = firstPath; path < firstPath + count; path += 1) {
    drawPath(context, path);
    evaluateMiningLeg(context);
    recordHashpriceFan(context, tally);
    recordStrategies(context, tally);
    const group = path % RULE_GROUPS;
    evaluateRules(context, tally, path, group);
    tally.paths += 1;
    tally.groupPaths[group]! += 1;
  }
}
