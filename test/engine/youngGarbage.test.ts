import { readFileSync } from 'node:fs';
import { GCProfiler, type GCProfilerResult } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { analyseEvaluation, evaluateScenario } from '../../src/engine/evaluate';
import { decideOnBoardView } from '../../src/engine/views';
import { assertScenario } from '../../src/schema/validate';

/**
 * An edit's evaluation is garbage once the next edit replaces it, and should die in the young
 * generation. Three things kept every evaluation alive through the minor collections until the
 * next full one (V8 treats an old object's references as roots of a scavenge): a WeakMap keyed by
 * the evaluation, thunks stored by computed key on each strategy's view, and caches keyed by the
 * scenario's sections for more than the last edit (too small a share to hold here: 0.09–0.11 MB
 * per edit). Each scavenge then copied and promoted some
 * 3 MB, and took 2–4 ms (docs/benchmarks.md, 2026-12-06). This measures what the scavenges move
 * to the old generation while the app's edit runs again and again (`node:v8`'s GC profiler).
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

/** Bytes the scavenges promoted per edit, over `edits` edits of `input`. */
function promotedPerEdit(input: unknown, edits: number): { bytes: number; scavenges: number } {
  for (let i = 0; i < 5; i += 1) edit(input);
  const profiler = new GCProfiler();
  profiler.start();
  for (let i = 0; i < edits; i += 1) edit(input);
  const { statistics } = profiler.stop()!;
  const scavenges = statistics.filter((gc) => gc.gcType === 'Scavenge');
  let promoted = 0;
  for (const gc of scavenges) promoted += oldSpaceUsed(gc.afterGC) - oldSpaceUsed(gc.beforeGC);
  return { bytes: promoted / edits, scavenges: scavenges.length };
}

describe('regression, evaluationsPromotedByScavenges: an edit’s evaluation dies young', () => {
  // Measured over the 40 edits: 0.04–0.09 MB promoted per edit; with the WeakMap 0.29–0.37 MB,
  // with the thunks by computed key 0.36 MB on the levered board (the pre-tax board has no view).
  for (const boardView of ['levered-after-tax', 'unlevered-pre-tax'] as const) {
    it(`board on ${boardView}: under 0.25 MB promoted per edit`, () => {
      const { bytes, scavenges } = promotedPerEdit(draft(boardView), 40);
      // Some 4 MB allocated per edit: the young generation fills several times over.
      expect(scavenges).toBeGreaterThanOrEqual(3);
      expect(bytes).toBeLessThan(200_000);
    });
  }
});
