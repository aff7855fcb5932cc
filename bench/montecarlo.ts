import { readFileSync } from 'node:fs';
import { prepareMonteCarlo, runMonteCarlo } from '../src/engine/montecarlo/index';
import { pathRandom } from '../src/engine/montecarlo/rng';
import { assertScenario } from '../src/schema/validate';
import { type BenchResult, measure, measureInRounds } from './harness';

/** The benchmark scenario: 300 MW, 240 months, two ASIC models, take-or-pay, tranches. */
const scenario = assertScenario(
  JSON.parse(
    readFileSync(
      new URL('../scenarios/texas-300mw-hut8-style-lease.json', import.meta.url),
      'utf8',
    ),
  ),
);

const MONTHS = scenario.horizonMonths;
const MEBIBYTE = 2 ** 20;

/**
 * The floor: the same number of GBM price paths with the same generator and nothing else (one
 * normal and one exp per month, the price written to a buffer).
 */
function bareGbmLoop(paths: number): number {
  const price = new Float64Array(MONTHS);
  const sigma = 0.55 / Math.sqrt(12);
  const drift = -(sigma * sigma) / 2;
  let total = 0;
  for (let path = 0; path < paths; path += 1) {
    const random = pathRandom(42, path);
    let logPrice = Math.log(76_176);
    price[0] = 76_176;
    for (let m = 1; m < MONTHS; m += 1) {
      logPrice += sigma * random.normal() + drift;
      price[m] = Math.exp(logPrice);
    }
    total += price[MONTHS - 1]!;
  }
  return total;
}

/** Runs the Monte Carlo once, sampling the heap after every chunk. */
function heapDuringRun(paths: number): { beforeMb: number; peakMb: number; afterMb: number } {
  const used = () => process.memoryUsage().heapUsed / MEBIBYTE;
  const beforeMb = used();
  let peakMb = beforeMb;
  runMonteCarlo(scenario, {
    paths,
    seed: 42,
    onProgress: () => {
      peakMb = Math.max(peakMb, used());
    },
  });
  return { beforeMb, peakMb, afterMb: used() };
}

export async function runMonteCarloBench(): Promise<BenchResult[]> {
  const strategies = 5;
  // Read off the context the timed runs use: a run of other settings first would be a second
  // context in the process, which a command-line run never has (see newSeedEachRun below).
  const rules = prepareMonteCarlo(scenario, { paths: 10_000, seed: 42 }).context.policy.candidates
    .length;
  const floor = await measure(
    `bare GBM loop: 10,000 paths × ${MONTHS} months (same generator, normal + exp)`,
    () => bareGbmLoop(10_000),
    { runs: 15, warmup: 3 },
  );
  // In rounds (`measureInRounds`: its quietest round's median), before any second context
  // (below), and not taking turns with the floor's loop, whose generator calls it shares.
  const [tenThousand] = (await measureInRounds([
    {
      name: `Monte Carlo: 10,000 paths × ${MONTHS} months × ${strategies} strategies + ${rules} rules, fans, quantiles`,
      task: () => runMonteCarlo(scenario, { paths: 10_000, seed: 42 }),
      budgetMs: 400,
      runs: 15,
      warmup: 3,
    },
  ])) as [BenchResult];
  // The app's workers prepare a new context for every run (a new seed after each edit): once a
  // process has built a second context, V8 stops specialising the lease leg's closures to one,
  // which costs ~10%. Shown for the record; the app's budget is measured in Chromium.
  let seed = 1000;
  const newSeedEachRun = await measure(
    'Monte Carlo: 10,000 paths, a new seed (a new context) each run, as in the app’s workers',
    () => {
      seed += 1;
      return runMonteCarlo(scenario, { paths: 10_000, seed });
    },
    { runs: 9, warmup: 2 },
  );
  const small = heapDuringRun(10_000);
  const large = heapDuringRun(100_000);
  const format = (heap: typeof small) =>
    `before ${heap.beforeMb.toFixed(1)} MB, peak ${heap.peakMb.toFixed(1)} MB, after ${heap.afterMb.toFixed(1)} MB`;
  const [hundredThousand] = (await measureInRounds([
    {
      name: 'Monte Carlo: 100,000 paths, same work',
      task: () => runMonteCarlo(scenario, { paths: 100_000, seed: 42 }),
      budgetMs: 4000,
      runs: 3,
      warmup: 1,
      note: `heap used: 100,000 paths ${format(large)}; 10,000 paths ${format(small)}`,
    },
  ])) as [BenchResult];
  return [
    floor,
    tenThousand,
    newSeedEachRun,
    hundredThousand,
    {
      name: 'ratio: Monte Carlo 10,000 paths ÷ bare GBM loop',
      medianMs: tenThousand.medianMs / floor.medianMs,
      unit: '×',
      runs: 0,
    },
  ];
}
