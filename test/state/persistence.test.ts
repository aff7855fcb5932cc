import { describe, expect, it } from 'vitest';
import {
  loadWorkspace,
  saveWorkspace,
  serializeWorkspace,
  WORKSPACE_STORAGE_KEY,
} from '../../src/state/persistence';
import { blankScenario, defaultPreset } from '../../src/state/presets';
import { tabDataFor, type WorkspaceData } from '../../src/state/workspace';
import { MemoryStorage } from './memoryStorage';

const NOW = new Date('2026-03-01T12:34:56.789Z');
const CORRUPT_KEY = `${WORKSPACE_STORAGE_KEY}-corrupt-2026-03-01T12-34-56-789Z`;

function twoTabWorkspace(): WorkspaceData {
  const texas = tabDataFor(defaultPreset()!.scenario, 'preset:texas');
  const blank = tabDataFor(blankScenario(new Date('2026-01-15')), 'blank');
  return {
    tabs: [texas, blank],
    activeId: blank.id,
    view: 'compare',
    compareIds: [texas.id, blank.id],
    theme: 'dark',
    monteCarloRuns: 'on-request',
  };
}

describe('workspace persistence', () => {
  it('restores exactly what it saved', () => {
    const storage = new MemoryStorage();
    const saved = twoTabWorkspace();
    expect(saveWorkspace(storage, saved)).toBeNull();
    const loaded = loadWorkspace(storage, NOW);
    expect(loaded.notices).toEqual([]);
    expect(loaded.repaired).toBe(false);
    expect(loaded.workspace).toEqual(saved);
  });

  it('starts fresh, silently, when nothing was saved', () => {
    expect(loadWorkspace(new MemoryStorage(), NOW)).toEqual({
      workspace: null,
      notices: [],
      repaired: false,
      revision: 0,
      saveBlocked: null,
    });
  });

  it('keeps an invalid draft (a half-typed field) and its last valid scenario', () => {
    const storage = new MemoryStorage();
    const saved = twoTabWorkspace();
    const draft = { ...saved.tabs[0]!.draft, site: { utilityMw: 'abc' } };
    storage.setItem(
      WORKSPACE_STORAGE_KEY,
      serializeWorkspace({ ...saved, tabs: [{ ...saved.tabs[0]!, draft }, saved.tabs[1]!] }),
    );
    const loaded = loadWorkspace(storage, NOW);
    expect(loaded.notices).toEqual([]);
    expect(loaded.workspace?.tabs[0]?.draft.site).toEqual({ utilityMw: 'abc' });
    expect(loaded.workspace?.tabs[0]?.lastValid.site.utilityMw).toBe(300);
  });

  it('sets aside storage that is not JSON, with a notice, and starts fresh', () => {
    const storage = new MemoryStorage();
    storage.setItem(WORKSPACE_STORAGE_KEY, '{"format": "mine-or-lease/workspace", "tabs": [');
    const loaded = loadWorkspace(storage, NOW);
    expect(loaded.workspace).toBeNull();
    expect(loaded.repaired).toBe(true);
    expect(storage.getItem(CORRUPT_KEY)).toBe('{"format": "mine-or-lease/workspace", "tabs": [');
    expect(loaded.notices).toHaveLength(1);
    expect(loaded.notices[0]!.text).toContain('not valid JSON');
    expect(loaded.notices[0]!.text).toContain(CORRUPT_KEY);
  });

  it.each([
    ['an array', '[]', 'not a workspace object'],
    ['another format', '{"format":"x","version":1,"tabs":[]}', 'not a Mine or Lease workspace'],
    [
      'a newer version',
      `{"format":"mine-or-lease/workspace","version":9,"tabs":[]}`,
      'version (9)',
    ],
    ['no tab list', '{"format":"mine-or-lease/workspace","version":1}', 'no list of scenarios'],
  ])('sets aside %s', (_, raw, reason) => {
    const storage = new MemoryStorage();
    storage.setItem(WORKSPACE_STORAGE_KEY, raw);
    const loaded = loadWorkspace(storage, NOW);
    expect(loaded.workspace).toBeNull();
    expect(loaded.notices[0]!.text).toContain(reason);
    expect(storage.getItem(CORRUPT_KEY)).toBe(raw);
  });

  it('sets aside only the tab that fails validation; the others load', () => {
    const storage = new MemoryStorage();
    const saved = twoTabWorkspace();
    const broken = {
      ...saved.tabs[1]!,
      lastValid: { ...saved.tabs[1]!.lastValid, site: { utilityMw: -5, residualUsdPerMw: 0 } },
    };
    storage.setItem(
      WORKSPACE_STORAGE_KEY,
      serializeWorkspace({ ...saved, tabs: [saved.tabs[0]!, broken] }),
    );
    const loaded = loadWorkspace(storage, NOW);
    expect(loaded.workspace?.tabs.map((t) => t.id)).toEqual([saved.tabs[0]!.id]);
    // The active and compared tab was the broken one: fall back to what is left.
    expect(loaded.workspace?.activeId).toBe(saved.tabs[0]!.id);
    expect(loaded.workspace?.compareIds).toEqual([saved.tabs[0]!.id]);
    expect(loaded.repaired).toBe(true);
    const notice = loaded.notices[0]!.text;
    expect(notice).toContain('1 saved scenario could not be restored');
    expect(notice).toContain('“New site”');
    expect(notice).toContain('lastValid site.utilityMw = -5: must be greater than 0');
    expect(notice).toContain('The other scenarios are intact.');
    expect(JSON.parse(storage.getItem(CORRUPT_KEY)!)).toEqual([broken]);
  });

  it('rejects tabs without an id, with a non-object draft or a repeated id', () => {
    const storage = new MemoryStorage();
    const saved = twoTabWorkspace();
    const good = saved.tabs[0]!;
    storage.setItem(
      WORKSPACE_STORAGE_KEY,
      serializeWorkspace({
        ...saved,
        tabs: [good, { ...good, id: '' }, { ...good, id: 'x', draft: 'oops' as never }, good],
      }),
    );
    const loaded = loadWorkspace(storage, NOW);
    expect(loaded.workspace?.tabs).toHaveLength(1);
    expect(loaded.notices[0]!.text).toContain('3 saved scenarios could not be restored');
    expect(loaded.notices[0]!.text).toContain('it has no id');
    expect(loaded.notices[0]!.text).toContain('its draft is not an object');
    expect(loaded.notices[0]!.text).toContain('its id is used twice');
  });

  it('never overwrites an earlier set-aside copy', () => {
    const storage = new MemoryStorage();
    storage.setItem(CORRUPT_KEY, 'older');
    storage.setItem(WORKSPACE_STORAGE_KEY, 'not json');
    loadWorkspace(storage, NOW);
    expect(storage.getItem(CORRUPT_KEY)).toBe('older');
    expect(storage.getItem(`${CORRUPT_KEY}-2`)).toBe('not json');
  });

  it('falls back to defaults for an unknown theme or view', () => {
    const storage = new MemoryStorage();
    const saved = twoTabWorkspace();
    storage.setItem(
      WORKSPACE_STORAGE_KEY,
      serializeWorkspace({ ...saved, theme: 'purple' as never, view: 'grid' as never }),
    );
    const loaded = loadWorkspace(storage, NOW);
    expect(loaded.workspace?.theme).toBe('system');
    expect(loaded.workspace?.view).toBe('edit');
  });

  it('runs the Monte Carlo automatically for a workspace saved before the choice existed', () => {
    const storage = new MemoryStorage();
    const { monteCarloRuns: _dropped, ...older } = twoTabWorkspace();
    storage.setItem(WORKSPACE_STORAGE_KEY, serializeWorkspace(older as never));
    expect(loadWorkspace(storage, NOW).workspace?.monteCarloRuns).toBe('automatic');
    storage.setItem(
      WORKSPACE_STORAGE_KEY,
      serializeWorkspace({ ...twoTabWorkspace(), monteCarloRuns: 'sometimes' as never }),
    );
    expect(loadWorkspace(storage, NOW).workspace?.monteCarloRuns).toBe('automatic');
  });

  it('reports storage that cannot be read or written instead of throwing', () => {
    const storage = new MemoryStorage();
    storage.failReads = true;
    const loaded = loadWorkspace(storage, NOW);
    expect(loaded.workspace).toBeNull();
    expect(loaded.notices[0]!.text).toContain('does not allow local storage');

    storage.failReads = false;
    storage.failWrites = true;
    const problem = saveWorkspace(storage, twoTabWorkspace());
    expect(problem?.kind).toBe('error');
    expect(problem?.text).toContain('QuotaExceededError');
  });
});

/** Nested objects `{"a":{"a":…}}`, `depth` deep, as text (too deep to build recursively). */
function deepJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

describe('storage full: an unreadable saved workspace is never destroyed (issue 11.2)', () => {
  it.each([
    ['a newer version', '{"format":"mine-or-lease/workspace","version":9,"tabs":[{"id":"x"}]}'],
    ['corrupt text', '{"format":"mine-or-lease/workspace","tabs":[ …'],
  ])('leaves %s untouched when it cannot be set aside, and blocks saving', (_, raw) => {
    const storage = new MemoryStorage();
    storage.setItem(WORKSPACE_STORAGE_KEY, raw);
    storage.failWrites = true;
    const loaded = loadWorkspace(storage, NOW);
    expect(loaded.workspace).toBeNull();
    expect(loaded.repaired).toBe(false);
    expect(loaded.saveBlocked).not.toBeNull();
    expect(loaded.notices[0]!.kind).toBe('error');
    expect(loaded.notices[0]!.text).toContain('left untouched');
    expect(loaded.notices[0]!.text).toContain('will not save');
    expect(storage.getItem(WORKSPACE_STORAGE_KEY)).toBe(raw);
    expect(storage.keys()).toEqual([WORKSPACE_STORAGE_KEY]);
  });

  it('blocks saving when rejected scenarios could not be set aside', () => {
    const storage = new MemoryStorage();
    const saved = twoTabWorkspace();
    const broken = { ...saved.tabs[1]!, lastValid: { nope: true } as never };
    const raw = serializeWorkspace({ ...saved, tabs: [saved.tabs[0]!, broken] });
    storage.setItem(WORKSPACE_STORAGE_KEY, raw);
    storage.failWrites = true;
    const loaded = loadWorkspace(storage, NOW);
    expect(loaded.workspace?.tabs).toHaveLength(1);
    expect(loaded.saveBlocked).not.toBeNull();
    expect(loaded.repaired).toBe(false);
    expect(storage.getItem(WORKSPACE_STORAGE_KEY)).toBe(raw);
  });
});

describe('corrupt deeply nested saved draft: the app still starts (issue 11.3)', () => {
  it('replaces a 100,000-deep draft by the last valid scenario and sets the original aside', () => {
    const storage = new MemoryStorage();
    const saved = twoTabWorkspace();
    const placeholder = '"__DEEP__"';
    const text = serializeWorkspace({
      ...saved,
      tabs: [{ ...saved.tabs[0]!, draft: { name: 'Deep', junk: '__DEEP__' } }, saved.tabs[1]!],
    }).replace(placeholder, deepJson(100_000));
    storage.setItem(WORKSPACE_STORAGE_KEY, text);
    const loaded = loadWorkspace(storage, NOW);
    expect(loaded.workspace?.tabs).toHaveLength(2);
    const tab = loaded.workspace!.tabs[0]!;
    expect(tab.draft).toEqual(tab.lastValid);
    // What the rest of the app does with a draft must now be safe.
    expect(() => structuredClone(tab.draft)).not.toThrow();
    expect(loaded.repaired).toBe(true);
    expect(loaded.saveBlocked).toBeNull();
    expect(loaded.notices[0]!.text).toContain('could not be restored');
    expect(loaded.notices[0]!.text).toContain('nested more than 32 levels');
    expect(loaded.notices[0]!.text).toContain(CORRUPT_KEY);
    // Too deep to re-serialise on its own: the whole saved text, which holds it, is set aside.
    expect(storage.getItem(CORRUPT_KEY)).toBe(text);
  });

  it('sets aside a draft nested just past the import limit as JSON of the draft alone', () => {
    const storage = new MemoryStorage();
    const saved = twoTabWorkspace();
    const draft = { name: 'Deep', junk: JSON.parse(deepJson(40)) };
    storage.setItem(
      WORKSPACE_STORAGE_KEY,
      serializeWorkspace({ ...saved, tabs: [{ ...saved.tabs[0]!, draft }, saved.tabs[1]!] }),
    );
    const loaded = loadWorkspace(storage, NOW);
    expect(JSON.parse(storage.getItem(CORRUPT_KEY)!)).toEqual([draft]);
    expect(loaded.workspace!.tabs[1]).toEqual(saved.tabs[1]);
  });
});
