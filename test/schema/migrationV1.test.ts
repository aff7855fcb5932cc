import { readdirSync, readFileSync } from 'node:fs';
import lz from 'lz-string';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/index';
import { crc32Hex, decodeShareFragment, SHARE_FRAGMENT_PREFIX } from '../../src/io/shareLink';
import { migrateToCurrent, migrateV1ToV2 } from '../../src/schema/migrations';
import { parseScenario } from '../../src/schema/validate';
import {
  loadWorkspace,
  serializeWorkspace,
  WORKSPACE_STORAGE_KEY,
} from '../../src/state/persistence';
import { MemoryStorage } from '../state/memoryStorage';
import { loadScenarioFile } from '../support/fixtures';

/** The presets exactly as version 1 shipped them (before `referenceCase`). */
const V1_DIR = new URL('../fixtures/v1/', import.meta.url);
const v1Files = readdirSync(V1_DIR).filter((name) => name.endsWith('.json'));
const loadV1 = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(name, V1_DIR), 'utf8')) as Record<string, unknown>;

type Case = { name: string; kind: 'growth'; startPriceUsd: number; growthPctPerYear: number };
const growth = (name: string, startPriceUsd: number): Case => ({
  name,
  kind: 'growth',
  startPriceUsd,
  growthPctPerYear: 0,
});

/** A version-1 preset with its price cases replaced. */
function v1With(priceCases: Case[]): Record<string, unknown> {
  return { ...loadV1('hydro-20mw-older-fleet-retrofit.json'), priceCases };
}

describe('migration 1 → 2: the reference case becomes a field', () => {
  it('has version-1 fixtures of every preset', () => {
    expect(v1Files.sort()).toEqual(
      readdirSync(new URL('../../scenarios/', import.meta.url))
        .filter((name) => name.endsWith('.json'))
        .sort(),
    );
  });

  it.each(v1Files)(
    '%s: the version-1 file gives the same numbers as the version-2 preset',
    (file) => {
      const v1 = loadV1(file);
      expect(v1.version).toBe(1);
      const fromV1 = evaluate(v1, { sensitivity: false });
      const fromV2 = evaluate(loadScenarioFile(file), { sensitivity: false });
      expect(fromV1.scenario.version).toBe(2);
      expect(fromV1.scenario).toEqual(fromV2.scenario);
      expect(fromV1.referenceCaseIndex).toBe(fromV2.referenceCaseIndex);
      expect(fromV1.cases.map((c) => c.strategies.map((s) => s.npvUsd))).toEqual(
        fromV2.cases.map((c) => c.strategies.map((s) => s.npvUsd)),
      );
      expect(fromV1.breakevens).toEqual(fromV2.breakevens);
    },
  );

  it('picks the case version 1 used: the one named "base" in any letter case, wherever it is', () => {
    const migrated = migrateV1ToV2({
      priceCases: [growth('bear', 50_000), growth(' Base ', 80_000), growth('bull', 120_000)],
    });
    expect(migrated.referenceCase).toBe('Base');
    const scenario = parseScenario(
      v1With([growth('bear', 50_000), growth('BASE', 80_000), growth('bull', 120_000)]),
    );
    expect(scenario.ok && scenario.scenario.referenceCase).toBe('BASE');
    expect(evaluate(scenario.ok ? scenario.scenario : null).referenceCaseIndex).toBe(1);
  });

  it('picks the first case when none is named "base", as version 1 did', () => {
    const parsed = parseScenario(v1With([growth('low', 50_000), growth('high', 120_000)]));
    expect(parsed.ok && parsed.scenario.referenceCase).toBe('low');
  });

  it('writes referenceCase right after the price cases and keeps every other field', () => {
    const v1 = loadV1('texas-300mw-hut8-style-lease.json');
    const result = migrateToCurrent(v1);
    expect(result.ok).toBe(true);
    const value = (result.ok ? result.value : {}) as Record<string, unknown>;
    const keys = Object.keys(value);
    expect(keys[keys.indexOf('priceCases') + 1]).toBe('referenceCase');
    const { referenceCase, version, ...rest } = value;
    const { version: _v1, ...restV1 } = v1;
    expect([referenceCase, version]).toEqual(['base', 2]);
    expect(rest).toEqual(restV1);
  });

  it('leaves a file with unreadable price cases to the validator, which names the field', () => {
    const parsed = parseScenario({ ...loadV1('texas-300mw-hut8-style-lease.json'), priceCases: 7 });
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.issues.map((i) => i.path)).toContain('priceCases');
  });
});

describe('the reference case is chosen, never inferred from a name', () => {
  // Issue 9: renaming "base" to "Base case" silently switched the headline to the bear case.
  it('regression: renaming the reference case is an error naming the field, value and rule', () => {
    const scenario = loadScenarioFile('texas-300mw-hut8-style-lease.json');
    scenario.priceCases[1]!.name = 'Base case';
    const parsed = parseScenario(scenario);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.issues).toEqual([
      {
        path: 'referenceCase',
        value: '"base"',
        rule: 'must name one of the price cases (bear, Base case, bull)',
      },
    ]);
  });

  it('uses the case the field names, whatever it is called and wherever it sits', () => {
    const scenario = loadScenarioFile('texas-300mw-hut8-style-lease.json');
    scenario.referenceCase = 'bull';
    const evaluation = evaluate(scenario, { sensitivity: false });
    expect(evaluation.referenceCaseIndex).toBe(2);
    expect(evaluation.breakevens.computed && evaluation.breakevens.caseName).toBe('bull');
  });
});

describe('version-1 scenarios held by the app migrate too', () => {
  it('a share link made by a version-1 app opens as version 2', () => {
    // The fragment as the version-1 app wrote it: the file's JSON, compressed, with its CRC.
    const json = JSON.stringify(loadV1('feb-2026-market-snapshot.json'));
    const fragment = `${SHARE_FRAGMENT_PREFIX}${lz.compressToEncodedURIComponent(json)}&c=${crc32Hex(json)}`;
    const imported = decodeShareFragment(fragment);
    expect(imported.ok).toBe(true);
    const scenario = imported.ok ? imported.scenarios[0] : undefined;
    expect(scenario?.version).toBe(2);
    expect(scenario?.referenceCase).toBe('base');
  });

  it('a workspace saved by a version-1 app restores with its drafts migrated', () => {
    const v1 = loadV1('hydro-20mw-older-fleet-retrofit.json');
    const storage = new MemoryStorage();
    storage.setItem(
      WORKSPACE_STORAGE_KEY,
      serializeWorkspace({
        tabs: [{ id: 'tab-1', origin: 'preset:hydro', draft: v1, lastValid: v1, baseline: v1 }],
        activeId: 'tab-1',
        view: 'edit',
        compareIds: [],
        theme: 'light',
      } as unknown as Parameters<typeof serializeWorkspace>[0]),
    );
    const loaded = loadWorkspace(storage, new Date('2026-03-01T00:00:00Z'));
    expect(loaded.notices).toEqual([]);
    const tab = loaded.workspace?.tabs[0];
    expect(tab?.draft).toMatchObject({ version: 2, referenceCase: 'base' });
    expect(tab?.lastValid.referenceCase).toBe('base');
    expect(tab?.baseline.version).toBe(2);
  });
});
