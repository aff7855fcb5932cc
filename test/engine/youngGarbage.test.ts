import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * An edit's evaluation is garbage once the next edit replaces it, and should die in the young
 * generation. Three things kept every evaluation alive through the minor collections until the
 * next full one (a scavenge treats the old generation's references as roots): a WeakMap keyed by
 * the evaluation, thunks stored by computed key on each strategy's view, and caches keyed by the
 * scenario's sections for more than the last edit (the last too small a share to hold here).
 * Each scavenge copied and promoted some 1.5 MB, and took 2–4 ms (docs/benchmarks.md,
 * 2026-12-06). This measures what the scavenges move to the old generation while the app's edit
 * runs again and again (`node:v8`'s GC profiler), in a process of its own
 * (support/promotedPerScavenge.ts says why).
 */
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MEASURE = fileURLToPath(new URL('./support/promotedPerScavenge.ts', import.meta.url));

function promotedPerScavenge(boardView: string): Promise<{ bytes: number; scavenges: number }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', MEASURE, boardView],
      { cwd: REPO_ROOT },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout));
      },
    );
  });
}

describe('regression, evaluationsPromotedByScavenges: an edit’s evaluation dies young', () => {
  // Measured: a scavenge every 3–4 edits, each promoting 0.2 MB; 1.4–1.6 MB with the WeakMap or the
  // thunks by computed key (the latter on the levered board only: the pre-tax board has no view).
  for (const boardView of ['levered-after-tax', 'unlevered-pre-tax'] as const) {
    it(`board on ${boardView}: a scavenge promotes under 0.8 MB`, async () => {
      const { bytes, scavenges } = await promotedPerScavenge(boardView);
      // Some 4 MB allocated per edit: the young generation fills several times over.
      expect(scavenges).toBeGreaterThanOrEqual(5);
      expect(bytes).toBeLessThan(800_000);
    });
  }
});
