/**
 * Run by test/engine/youngGarbage.test.ts in a process of its own (`node --import tsx`): what
 * V8's scavenges promote while the app's edit of the Texas preset (`appEdit`, the bench's) runs
 * again and again, on the board view given as the argument. Prints `{ "bytes": …, "scavenges": … }`.
 *
 * A process of its own, because a test worker's heap is not this test's: the files run before it
 * in the same worker (the node project shares workers, `isolate: false`) leave their heap behind
 * (and perhaps a full collection under way), and in one CI run (2026-12-06) the median scavenge
 * promoted 1.4 MB there, where a process of its own measures 0.2 MB run after run.
 */
import { readFileSync } from 'node:fs';
import { GCProfiler, type GCProfilerResult } from 'node:v8';
import { appEdit, financed, readShownViews } from '../../../bench/appEdit';
import type { FinancialView } from '../../../src/schema/scenario';

const preset = JSON.parse(
  readFileSync(
    new URL('../../../scenarios/texas-300mw-hut8-style-lease.json', import.meta.url),
    'utf8',
  ),
);

const edit = (input: unknown) => appEdit(input, readShownViews);

function oldSpaceUsed(stats: GCProfilerResult['statistics'][number]['afterGC']) {
  return stats.heapSpaceStatistics.find((space) => space.spaceName === 'old_space')!.spaceUsedSize;
}

/**
 * What each scavenge promoted over `edits` edits, as its median (bytes), after ten edits for the
 * JIT; and how many scavenges there were.
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

const boardView = process.argv[2] as FinancialView;
process.stdout.write(`${JSON.stringify(promotedPerScavenge(financed(preset, boardView), 40))}\n`);
