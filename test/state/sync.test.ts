import { JSDOM } from 'jsdom';
import { createRoot } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AppState, createAppState } from '../../src/state/app';
import { type StorageLike, WORKSPACE_STORAGE_KEY } from '../../src/state/persistence';
import { blankScenario, defaultPreset } from '../../src/state/presets';
import { mergeNoticeText, mergeWorkspaces } from '../../src/state/sync';
import { type TabData, tabDataFor, type WorkspaceData } from '../../src/state/workspace';

/**
 * One browser's localStorage seen from several windows: a write by one window is announced to
 * the others (never to itself) by a `storage` event dispatched in a later task, as browsers do.
 */
class SharedStorage {
  readonly items = new Map<string, string>();
  private readonly windows: Window[] = [];

  viewFor(win: Window): StorageLike {
    this.windows.push(win);
    return {
      getItem: (key) => this.items.get(key) ?? null,
      setItem: (key, value) => {
        const oldValue = this.items.get(key) ?? null;
        this.items.set(key, value);
        for (const other of this.windows) {
          if (other === win) continue;
          setTimeout(() => {
            other.dispatchEvent(
              new (other as unknown as typeof globalThis).StorageEvent('storage', {
                key,
                oldValue,
                newValue: value,
              }),
            );
          }, 0);
        }
      },
    };
  }
}

const disposers: (() => void)[] = [];
afterEach(() => {
  for (const dispose of disposers.splice(0)) dispose();
  vi.useRealTimers();
});

function openTab(shared: SharedStorage): AppState {
  const win = new JSDOM('', { url: 'https://mine-or-lease.test/' }).window as unknown as Window;
  return createRoot((dispose) => {
    disposers.push(dispose);
    return createAppState({
      storage: shared.viewFor(win),
      storageEvents: win,
      prefersDark: () => false,
      saveDelayMs: 10,
      monteCarloPool: null,
    });
  });
}

const names = (app: AppState) => app.workspace.state.tabs.map((t) => String(t.draft.name));

describe('two open tabs never lose each other’s edits (issue 11.1)', () => {
  it('tab A and tab B each add a scenario: both survive a reload, and each tab is told', () => {
    vi.useFakeTimers();
    const shared = new SharedStorage();
    const first = openTab(shared);
    first.workspace.setField(['name'], 'Base');
    vi.advanceTimersByTime(50);
    const a = openTab(shared);
    const b = openTab(shared);
    a.workspace.addBlank();
    a.workspace.setField(['name'], 'From A');
    b.workspace.addBlank();
    b.workspace.setField(['name'], 'From B');
    vi.advanceTimersByTime(50);
    vi.advanceTimersByTime(50);

    const reloaded = openTab(shared);
    expect(names(reloaded).sort()).toEqual(['Base', 'From A', 'From B']);
    // Both open tabs converged on the same workspace.
    expect(names(a).sort()).toEqual(['Base', 'From A', 'From B']);
    expect(names(b).sort()).toEqual(['Base', 'From A', 'From B']);
    const told = [...a.notices(), ...b.notices()].map((n) => n.text).join('\n');
    expect(told).toMatch(/Another tab added “From [AB]”/);
  });

  it('the same scenario edited in both tabs: both versions are kept, the other as a copy', () => {
    vi.useFakeTimers();
    const shared = new SharedStorage();
    const seed = openTab(shared);
    seed.workspace.setField(['lease', 'rateUsdPerKwMonth'], 100);
    vi.advanceTimersByTime(50);
    const a = openTab(shared);
    const b = openTab(shared);
    a.workspace.setField(['lease', 'rateUsdPerKwMonth'], 111);
    vi.advanceTimersByTime(5); // A's save is still pending …
    b.workspace.setField(['lease', 'rateUsdPerKwMonth'], 222);
    vi.advanceTimersByTime(200); // … both save, both hear of the other

    const reloaded = openTab(shared);
    const rates = reloaded.workspace.state.tabs.map((t) => t.lastValid.lease.rateUsdPerKwMonth);
    expect(rates.sort()).toEqual([111, 222]);
    expect(names(reloaded).some((n) => n.endsWith('(other tab)'))).toBe(true);
    const told = [...a.notices(), ...b.notices()].map((n) => n.text).join('\n');
    expect(told).toContain('was edited in both tabs');
  });

  it('a tab with no local changes takes the other tab’s edit without writing back', () => {
    vi.useFakeTimers();
    const shared = new SharedStorage();
    const a = openTab(shared);
    a.workspace.setField(['name'], 'v1');
    vi.advanceTimersByTime(50);
    const b = openTab(shared);
    a.workspace.setField(['name'], 'v2');
    vi.advanceTimersByTime(50);
    const revision = JSON.parse(shared.items.get(WORKSPACE_STORAGE_KEY)!).revision;
    vi.advanceTimersByTime(500);
    expect(names(b)).toEqual(['v2']);
    expect(b.results().evaluation?.scenario.name).toBe('v2');
    // No ping-pong: B had nothing to add, so the stored revision did not move.
    expect(JSON.parse(shared.items.get(WORKSPACE_STORAGE_KEY)!).revision).toBe(revision);
  });
});

describe('mergeWorkspaces (three-way, per scenario)', () => {
  const texas = defaultPreset()!.scenario;
  const tab = (name: string): TabData =>
    tabDataFor({ ...blankScenario(new Date('2026-01-15')), name }, 'blank');
  const renamed = (t: TabData, name: string): TabData => ({
    ...t,
    draft: { ...t.draft, name },
    lastValid: { ...t.lastValid, name },
  });
  const ws = (tabs: TabData[], extra: Partial<WorkspaceData> = {}): WorkspaceData => ({
    tabs,
    activeId: tabs[0]!.id,
    view: 'edit',
    compareIds: [],
    theme: 'system',
    monteCarloRuns: 'automatic',
    ...extra,
  });

  it('a deletion in one tab wins over no change in the other, loses to an edit', () => {
    const [x, y] = [tab('X'), tab('Y')];
    const base = ws([x, y]);
    // Theirs deleted X; mine left it alone and edited Y.
    const merged = mergeWorkspaces(base, ws([x, renamed(y, 'Y2')]), ws([y]));
    expect(merged.data.tabs.map((t) => t.draft.name)).toEqual(['Y2']);
    expect(merged.report.removed).toEqual(['X']);
    // Theirs deleted X, but mine edited it: kept.
    const kept = mergeWorkspaces(base, ws([renamed(x, 'X2'), y]), ws([y]));
    expect(kept.data.tabs.map((t) => t.draft.name).sort()).toEqual(['X2', 'Y']);
    // Mine deleted Y, theirs edited it: kept, reported as changed.
    const back = mergeWorkspaces(base, ws([x]), ws([x, renamed(y, 'Y3')]));
    expect(back.data.tabs.map((t) => t.draft.name)).toEqual(['X', 'Y3']);
  });

  it('keeps this tab’s view, follows a theme or Monte Carlo change made in the other', () => {
    const x = tab('X');
    const t = tabDataFor(texas, 'preset:texas');
    const base = ws([x]);
    const merged = mergeWorkspaces(
      base,
      ws([x], { view: 'compare', compareIds: [x.id] }),
      ws([x, t], { theme: 'dark', activeId: t.id, monteCarloRuns: 'on-request' }),
    );
    expect(merged.data.monteCarloRuns).toBe('on-request');
    expect(merged.data.view).toBe('compare');
    expect(merged.data.activeId).toBe(x.id);
    expect(merged.data.compareIds).toEqual([x.id]);
    expect(merged.data.theme).toBe('dark');
    expect(mergeNoticeText(merged.report)).toContain(`added “${texas.name}”`);
  });

  it('nothing changed elsewhere: no notice', () => {
    const x = tab('X');
    const merged = mergeWorkspaces(ws([x]), ws([renamed(x, 'X2')]), ws([x]));
    expect(merged.data.tabs.map((t) => t.draft.name)).toEqual(['X2']);
    expect(mergeNoticeText(merged.report)).toBeNull();
  });
});
