import { describe, expect, it } from 'vitest';
import { migrateToCurrent, scenarioMigrations } from '../../src/schema/migrations';
import { CURRENT_SCENARIO_VERSION, SCENARIO_SCHEMA_ID } from '../../src/schema/scenario';
import { minimalScenarioInput } from '../support/fixtures';

type Migrations = Parameters<typeof migrateToCurrent>[1];

/** A made-up version 2 that moved `siteMw` into `site.utilityMw`. */
const FAKE_MIGRATIONS: Migrations = {
  1: ({ siteMw, ...rest }) => ({ ...rest, site: { utilityMw: siteMw } }),
};

const v1File = () => ({ schema: SCENARIO_SCHEMA_ID, version: 1, name: 'old site', siteMw: 20 });

describe('migrateToCurrent', () => {
  it('upgrades a version-1 object with the step 1 → 2 and sets version 2', () => {
    const result = migrateToCurrent(v1File(), FAKE_MIGRATIONS, 2);
    expect(result).toEqual({
      ok: true,
      value: { schema: SCENARIO_SCHEMA_ID, version: 2, name: 'old site', site: { utilityMw: 20 } },
    });
  });

  it('applies the steps in order up to the current version', () => {
    const calls: number[] = [];
    const chain: Migrations = {
      1: (older) => {
        calls.push(1);
        return { ...older, addedIn2: true };
      },
      2: (older) => {
        calls.push(2);
        return { ...older, addedIn3: older.addedIn2 === true };
      },
    };
    const result = migrateToCurrent(v1File(), chain, 3);
    expect(calls).toEqual([1, 2]);
    expect(result.ok && result.value).toMatchObject({ version: 3, addedIn2: true, addedIn3: true });
  });

  it('leaves the object it was given untouched', () => {
    const file = v1File();
    migrateToCurrent(file, FAKE_MIGRATIONS, 2);
    expect(file).toEqual(v1File());
  });

  it('passes a current-version file through unchanged', () => {
    const file = { ...v1File(), version: 2 };
    expect(migrateToCurrent(file, FAKE_MIGRATIONS, 2)).toEqual({ ok: true, value: file });
  });

  it('reports a missing step', () => {
    expect(migrateToCurrent(v1File(), {}, 2)).toEqual({
      ok: false,
      issue: { path: 'version', value: '1', rule: 'has no migration to version 2' },
    });
    expect(migrateToCurrent(v1File(), FAKE_MIGRATIONS, 3)).toEqual({
      ok: false,
      issue: { path: 'version', value: '2', rule: 'has no migration to version 3' },
    });
  });

  it('rejects a file from a newer version', () => {
    const result = migrateToCurrent({ ...v1File(), version: 3 }, FAKE_MIGRATIONS, 2);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issue.path).toBe('version');
      expect(result.issue.value).toBe('3');
      expect(result.issue.rule).toContain('newer than this app understands (version 2)');
    }
  });

  it.each([
    ['missing', undefined, '(missing)'],
    ['zero', 0, '0'],
    ['negative', -1, '-1'],
    ['non-integer', 1.5, '1.5'],
    ['a string', '1', '"1"'],
    ['null', null, 'null'],
    ['NaN', Number.NaN, 'NaN'],
  ])('rejects a version that is %s', (_label, version, shown) => {
    const result = migrateToCurrent({ ...v1File(), version }, FAKE_MIGRATIONS, 2);
    expect(result).toEqual({
      ok: false,
      issue: { path: 'version', value: shown, rule: 'must be a whole number from 1' },
    });
  });

  it('checks the file marker before the version', () => {
    const result = migrateToCurrent({ schema: 'something-else', version: 99 }, FAKE_MIGRATIONS, 2);
    expect(result.ok || result.issue.path).toBe('schema');
  });

  it('rejects anything that is not an object', () => {
    for (const raw of [null, [], 'text', 7, true]) {
      const result = migrateToCurrent(raw, FAKE_MIGRATIONS, 2);
      expect(result.ok || result.issue.path).toBe('(file)');
    }
  });
});

describe('the real migration table', () => {
  it('has a step from every older version to the current one', () => {
    for (let version = 1; version < CURRENT_SCENARIO_VERSION; version += 1) {
      expect(scenarioMigrations[version], `migration ${version} → ${version + 1}`).toBeTypeOf(
        'function',
      );
    }
  });

  it('lets a current-version file through by default', () => {
    const file = minimalScenarioInput();
    expect(migrateToCurrent(file)).toEqual({ ok: true, value: file });
  });
});
