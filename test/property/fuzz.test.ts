import { describe, expect, it } from 'vitest';
import { runFuzz } from '../support/fuzz';

/**
 * Seeded fuzz (issue 11): random valid scenarios through the whole engine, each held to the
 * invariants in `test/support/fuzz.ts`. Long runs: `npm run fuzz -- <seed> <count>`
 * (results in docs/benchmarks.md).
 */
describe('fuzz: random valid scenarios', () => {
  it('finite outputs, verified IRRs, best month ≥ any fixed month, monotone NPVs, fast NPV = full NPV', () => {
    const failures = runFuzz(20_261_204, 1000);
    expect(failures.map((f) => ({ index: f.index, problems: f.problems }))).toEqual([]);
  }, 240_000);
});
