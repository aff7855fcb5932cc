import type { MonteCarloContext } from './context';
import { drawLeaseOutcome } from './leaseDraws';
import { simulatePath } from './paths';
import { pathRandom } from './rng';

/**
 * A path's draws, from its own random stream (rng.ts: the same for a path whatever the chunking
 * or the worker): the hashprice path (paths.ts) into the scratch's path buffers, then, with
 * lease-side risk, the path's lease outcome (leaseDraws.ts), which the lease leg takes on. The
 * price path is drawn first, so it is the same with or without the lease side.
 */
export function drawPath(context: MonteCarloContext, path: number): void {
  const { scratch } = context;
  const random = pathRandom(context.seed, path);
  simulatePath(context.pathModel, random, scratch.path);
  if (!context.leaseDraws.active) return;
  drawLeaseOutcome(
    context.leaseDraws,
    random,
    scratch.path.logPriceDeviation,
    scratch.leaseOutcome,
  );
  context.leaseLeg.setOutcome(scratch.leaseOutcome);
}
