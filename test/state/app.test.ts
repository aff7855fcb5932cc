import { createRoot } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AppState, createAppState } from '../../src/state/app';
import { WORKSPACE_STORAGE_KEY } from '../../src/state/persistence';
import { MemoryStorage } from './memoryStorage';

const disposers: (() => void)[] = [];
afterEach(() => {
  for (const dispose of disposers.splice(0)) dispose();
  vi.useRealTimers();
});

function start(storage: MemoryStorage | null, prefersDark = false): AppState {
  return createRoot((dispose) => {
    disposers.push(dispose);
    return createAppState({ storage, prefersDark: () => prefersDark, saveDelayMs: 10 });
  });
}

describe('app state', () => {
  it('opens a first visit on the Texas preset with fresh results', () => {
    const app = start(new MemoryStorage());
    expect(app.activeTab().origin).toBe('preset:texas-300mw-hut8-style-lease');
    const results = app.results();
    expect(results.stale).toBe(false);
    expect(results.evaluation?.scenario.site.utilityMw).toBe(300);
    expect(app.caseIndex()).toBe(results.evaluation!.referenceCaseIndex);
  });

  it('keeps the last valid results, marked stale, while a field is invalid', () => {
    const app = start(null);
    const before = app.results().evaluation;
    app.workspace.setField(['lease', 'rateUsdPerKwMonth'], -1);
    expect(app.results().stale).toBe(true);
    expect(app.results().evaluation).toBe(before);

    app.workspace.setField(['lease', 'rateUsdPerKwMonth'], 120);
    expect(app.results().stale).toBe(false);
    expect(app.results().evaluation).not.toBe(before);
    expect(app.results().evaluation?.scenario.lease.rateUsdPerKwMonth).toBe(120);
  });

  it('saves after a pause and a reload restores the workspace, invalid draft included', () => {
    vi.useFakeTimers();
    const storage = new MemoryStorage();
    const app = start(storage);
    app.workspace.setField(['lease', 'rateUsdPerKwMonth'], 130);
    const copy = app.workspace.duplicateTab(app.activeTab().id)!;
    app.workspace.setField(['site', 'utilityMw'], 'oops');
    expect(storage.getItem(WORKSPACE_STORAGE_KEY)).toBeNull();
    vi.advanceTimersByTime(20);
    expect(storage.getItem(WORKSPACE_STORAGE_KEY)).not.toBeNull();

    const reloaded = start(storage);
    expect(reloaded.notices()).toEqual([]);
    expect(reloaded.workspace.state.tabs).toHaveLength(2);
    expect(reloaded.activeTab().id).toBe(copy);
    expect(reloaded.activeTab().draft.site).toEqual({
      utilityMw: 'oops',
      residualUsdPerMw: 1_000_000,
    });
    expect(reloaded.results().stale).toBe(true);
    expect(reloaded.results().evaluation?.scenario.lease.rateUsdPerKwMonth).toBe(130);
  });

  it('starts with a notice, and the Texas preset, when storage is corrupted', () => {
    const storage = new MemoryStorage();
    storage.setItem(WORKSPACE_STORAGE_KEY, '%%% not json');
    const app = start(storage);
    expect(app.notices()).toHaveLength(1);
    expect(app.notices()[0]!.text).toContain('could not be read');
    expect(app.results().evaluation).not.toBeNull();
    // The cleaned workspace was written at once, so the notice does not come back on reload.
    expect(JSON.parse(storage.getItem(WORKSPACE_STORAGE_KEY)!).tabs).toHaveLength(1);
    expect(storage.keys().some((key) => key.includes('-corrupt-'))).toBe(true);
    expect(start(storage).notices()).toEqual([]);
  });

  it('tells the user once when saving fails', () => {
    vi.useFakeTimers();
    const storage = new MemoryStorage();
    const app = start(storage);
    storage.failWrites = true;
    app.workspace.setField(['lease', 'rateUsdPerKwMonth'], 131);
    vi.advanceTimersByTime(20);
    app.workspace.setField(['lease', 'rateUsdPerKwMonth'], 132);
    vi.advanceTimersByTime(20);
    expect(app.notices()).toHaveLength(1);
    expect(app.notices()[0]!.kind).toBe('error');
  });

  it('undoes a deletion from its notice', () => {
    const app = start(null);
    const first = app.activeTab().id;
    const second = app.workspace.addBlank();
    app.deleteTabWithUndo(second);
    expect(app.workspace.state.tabs.map((t) => t.id)).toEqual([first]);
    const notice = app.notices()[0]!;
    expect(notice.text).toBe('Deleted “New site”.');
    notice.action!.run();
    expect(app.workspace.state.tabs.map((t) => t.id)).toEqual([first, second]);
  });

  it('follows the system theme until the user picks one', () => {
    const app = start(null, true);
    expect(app.theme()).toBe('dark');
    app.workspace.setTheme('light');
    expect(app.theme()).toBe('light');
  });
});

describe('storage full with an unreadable saved workspace (issue 11.2)', () => {
  it('starts on an in-memory workspace, says it cannot save, and never writes over the original', () => {
    vi.useFakeTimers();
    const storage = new MemoryStorage();
    const raw = '{"format":"mine-or-lease/workspace","version":7,"tabs":[]}';
    storage.setItem(WORKSPACE_STORAGE_KEY, raw);
    storage.failWrites = true;
    const app = start(storage);
    expect(app.results().evaluation).not.toBeNull();
    expect(
      app
        .notices()
        .map((n) => n.text)
        .join(' '),
    ).toContain('will not save');
    // Even once storage has room again, this session leaves the only copy alone.
    storage.failWrites = false;
    app.workspace.setField(['lease', 'rateUsdPerKwMonth'], 140);
    app.workspace.addBlank();
    vi.advanceTimersByTime(1000);
    expect(storage.getItem(WORKSPACE_STORAGE_KEY)).toBe(raw);
    expect(storage.keys()).toEqual([WORKSPACE_STORAGE_KEY]);
  });
});
