import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  computeGolden,
  GOLDEN_DIR,
  type GoldenTable,
  goldenText,
  presetFiles,
} from '../../scripts/golden-tables';

/**
 * The reviewed golden tables (test/golden/*.json) against the engine as it is now. A number that
 * moves beyond float noise fails here: if the change is meant, run `npm run golden`, review the
 * diff and list the change in docs/model.md ("Changes to the model").
 */
const ROOT = new URL('../../', import.meta.url);
const REGENERATE =
  'the model changed: run `npm run golden`, review the diff, and list the change in docs/model.md';

/** USD: a cent plus one part in 10⁹; rates, months, ratios and breakevens: one part in 10⁷. */
function tolerance(path: string, expected: number): number {
  return /Usd$/.test(path) && !path.includes('breakevens')
    ? 0.01 + Math.abs(expected) * 1e-9
    : 1e-9 + Math.abs(expected) * 1e-7;
}

/** Every leaf of `expected` in `actual`: numbers within tolerance, everything else equal. */
function compare(actual: unknown, expected: unknown, path: string, problems: string[]): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Math.abs(actual - expected) > tolerance(path, expected)) {
      problems.push(`${path}: ${actual} (golden ${expected})`);
    }
    return;
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null) {
      problems.push(`${path}: ${JSON.stringify(actual)} (golden an object)`);
      return;
    }
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of keys) {
      compare(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${path}.${key}`,
        problems,
      );
    }
    return;
  }
  if (actual !== expected) {
    problems.push(`${path}: ${JSON.stringify(actual)} (golden ${JSON.stringify(expected)})`);
  }
}

const files = presetFiles(ROOT);

describe('golden tables', () => {
  it('has one reviewed table per preset and none for a preset that is gone', () => {
    const golden = readdirSync(new URL(`${GOLDEN_DIR}/`, ROOT))
      .filter((name) => name.endsWith('.json'))
      .sort();
    expect(golden, REGENERATE).toEqual(files);
  });

  it.each(files)('%s: NPV, IRR, paybacks, MOIC and breakevens as reviewed', (file) => {
    const text = readFileSync(new URL(`${GOLDEN_DIR}/${file}`, ROOT), 'utf8');
    const golden = JSON.parse(text) as GoldenTable;
    const now = computeGolden(ROOT, file);
    const problems: string[] = [];
    compare(now, golden, file, problems);
    expect(problems, REGENERATE).toEqual([]);
    // The file is exactly what `npm run golden` writes (no hand edits, no stale layout).
    expect(goldenText(JSON.parse(text) as GoldenTable)).toBe(text);
  });

  it('flags a changed number and accepts float noise (the comparison itself)', () => {
    const problems: string[] = [];
    compare({ npvUsd: 100.004 }, { npvUsd: 100 }, 'x', problems);
    compare({ irrPctPerYear: 12.0000000001 }, { irrPctPerYear: 12 }, 'x', problems);
    expect(problems).toEqual([]);
    compare({ npvUsd: 100.02 }, { npvUsd: 100 }, 'x', problems);
    compare({ moic: 'no-investment' }, { moic: 1.5 }, 'x', problems);
    expect(problems).toEqual([
      'x.npvUsd: 100.02 (golden 100)',
      'x.moic: "no-investment" (golden 1.5)',
    ]);
  });
});
