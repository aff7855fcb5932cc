import { readFileSync } from 'node:fs';
import { GCProfiler, type GCProfilerResult } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { analyseEvaluation, evaluateScenario } from '../../src/engine/evaluate';
import { decideOnBoardView } from '../../src/engine/views';
import { assertScenario } from '../../src/schema/validate';

/**
 * An edit's evaluation is garbage once the next edit replaces it, and should die in the young
 * generation. Three things kept every evaluation alive through the minor collections until the
 * next full one (a scavenge treats the old generation's references as roots): a WeakMap keyed by
 * the evaluation, thunks stored by computed key on each strategy's view, and caches keyed by the
 * scenario's sections for more than the last edit (the last too small a share to hold here).
 * Each scavenge copied and promoted some 1.5 MB, and took 2–4 ms (docs/benchmarks.md,
 * 2026-12-06). This measures what the scavenges move to the old generation while the app's edit
 * runs again and again (`node:v8`'s GC profiler).
 */
const preset = JSON.parse(
  readFileSync(
    new URL('../../scenarios/texas-300mw-hut8-style-lease.json', import.meta.url),
    'utf8',
  ),
);

function draft(boardView: 'unlevered-pre-tax' | 'levered-after-tax') {
  return {
    ...preset,
    financing: { boardView, projectDebt: { amortisation: 'sculpted' }, fleetDebt: {} },
    tax: { stateRatePct: 5, interestLimitation: true },
  };
}

/** The app's edit (src/state/results.ts): a fresh draft validated, evaluated, shown, analysed. */
function edit(input: unknown) {
  const core = evaluateScenario(assertScenario(input), { breakevens: false, sensitivity: false });
  let shown = 0;
  for (const strategy of core.cases[core.referenceCaseIndex]!.strategies) {
    shown += strategy.financing?.leveredAfterTax?.npvUsd ?? 0;
  }
  const analysis = analyseEvaluation(core);
  return { shown, decision: decideOnBoardView({ ...core, breakevens: analysis.breakevens }) };
}

function oldSpaceUsed(stats: GCProfilerResult['statistics'][number]['afterGC']) {
  return stats.heapSpaceStatistics.find((space) => space.spaceName === 'old_space')!.spaceUsedSize;
}

/**
 * What each scavenge promoted, over `edits` edits of `input`, as its median (bytes): a test run
 * before this one may leave young objects that the first scavenges promote; the median ignores
 * them. Ten edits first, for the JIT and for those leftovers.
 */
function promotedPerScavenge(input: unknown, edits: number): { bytes: number; scavenges: number } {
  for (let i = 0; i < 10; i += 1) edit(input);
  const profiler = new GCProfiler();
  profiler.start();
  for (let i = 0; i < edits; i += 1) edit(input);
  const { statistics } = profiler.stop()!;
  const promoted = statistics
    .filter((gc) => gc.gcType === 'Scavenge')
    .map((gc) => oldSpaceUsed(gc.afterGC) - oldSpaceUsed(gc.beforeGC))
    .sort((a, b) => a - b);
  return { bytes: promoted[promoted.length >> 1] ?? 0, scavenges: promoted.length };
}

describe('regression, evaluationsPromotedByScavenges: an edit’s evaluation dies young', () => {
  // Measured: a scavenge every 3–4 edits, each promoting 0.2 MB; 1.4–1.6 MB with the WeakMap or the
  // thunks by computed key (the latter on the levered board only: the pre-tax board has no view).
  for (const boardView of ['levered-after-tax', 'unlevered-pre-tax'] as const) {
    it(`board on ${boardView}: a scavenge promotes under 0.8 MB`, () => {
      const { bytes, scavenges } = promotedPerScavenge(draft(boardView), 40);
      // Some 4 MB allocated per edit: the young generation fills several times over.
      expect(scavenges).toBeGreaterThanOrEqual(5);
      expect(bytes).toBeLessThan(800_000);
    });
  }
});
