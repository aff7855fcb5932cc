import { type Accessor, createEffect, createMemo, createSignal, on, onCleanup } from 'solid-js';
import type { MonteCarloPool } from '../workers/pool';
import { canonicalJson } from './canonicalJson';
import {
  loadWorkspace,
  readStoredWorkspace,
  type StorageLike,
  type StorageNotice,
  saveWorkspace,
  WORKSPACE_STORAGE_KEY,
} from './persistence';
import { blankScenario, defaultPreset } from './presets';
import { createEvaluator, type TabResults } from './results';
import { mergeNoticeText, mergeWorkspaces } from './sync';
import { createBrowserPool, createUncertainty, type UncertaintyState } from './uncertainty';
import {
  createWorkspace,
  type ScenarioTab,
  type TabData,
  tabName,
  type Workspace,
  type WorkspaceData,
  workspaceDataFor,
} from './workspace';

export interface Notice extends StorageNotice {
  readonly id: number;
  readonly action?: { readonly label: string; readonly run: () => void };
}

export type Theme = 'light' | 'dark';

export interface AppState {
  readonly workspace: Workspace;
  readonly activeTab: Accessor<ScenarioTab>;
  /** Results of the active tab (the last valid evaluation, marked stale while the draft is invalid). */
  readonly results: Accessor<TabResults>;
  readonly resultsOf: (tab: ScenarioTab) => TabResults;
  /** The price case the cards and charts show (index into the evaluation's cases). */
  readonly caseIndex: Accessor<number>;
  readonly setCaseIndex: (index: number) => void;
  readonly notices: Accessor<readonly Notice[]>;
  readonly notify: (notice: Omit<Notice, 'id'>) => void;
  readonly dismiss: (id: number) => void;
  /** Light or dark after applying the user's choice to the system preference. */
  readonly theme: Accessor<Theme>;
  readonly deleteTabWithUndo: (id: string) => void;
  /** The Monte Carlo of the active tab's last valid scenario, run in Web Workers. */
  readonly uncertainty: UncertaintyState;
}

export interface AppOptions {
  readonly storage: StorageLike | null;
  /** Whether the system prefers dark; a signal so a system switch re-themes the page. */
  readonly prefersDark: Accessor<boolean>;
  /** Delay before writing to storage after a change (ms); edits in between are coalesced. */
  readonly saveDelayMs?: number;
  /**
   * Where another tab's saves are announced (`storage` events); default: `window`, none where
   * there is no window. Tests pass a second jsdom window's.
   */
  readonly storageEvents?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
  /** Where the Monte Carlo runs; default: the browser's workers (null where there are none). */
  readonly monteCarloPool?: MonteCarloPool | null;
}

/**
 * The app's state in one place: the workspace restored from storage (or a fresh one on the
 * Texas preset), results for the active tab, notices, the theme, and saving after changes.
 * Must run inside a Solid root (the app's render, or createRoot in tests).
 */
export function createAppState(options: AppOptions): AppState {
  const [notices, setNotices] = createSignal<readonly Notice[]>([]);
  let noticeId = 0;
  const notify = (notice: Omit<Notice, 'id'>) => {
    noticeId += 1;
    const id = noticeId;
    // The same storage problem on every save is one notice, not a growing list.
    setNotices((list) => [...list.filter((n) => n.text !== notice.text), { ...notice, id }]);
  };
  const dismiss = (id: number) => setNotices((list) => list.filter((n) => n.id !== id));

  const loaded = options.storage
    ? loadWorkspace(options.storage)
    : { workspace: null, notices: [], repaired: false, revision: 0, saveBlocked: null };
  for (const notice of loaded.notices) notify(notice);
  const preset = defaultPreset();
  const workspace = createWorkspace(
    loaded.workspace ??
      (preset
        ? workspaceDataFor(preset.scenario, `preset:${preset.id}`)
        : workspaceDataFor(blankScenario(), 'blank')),
  );

  const evaluator = createEvaluator();
  const activeTab = createMemo(() => workspace.activeTab());
  const results = createMemo(() => evaluator.resultsOf(activeTab()));
  const [caseIndex, setCaseIndexSignal] = createSignal<number | null>(null);
  // Follows the engine's reference case until the user picks one; clamped when cases go away.
  const shownCase = createMemo(() => {
    const evaluation = results().evaluation;
    if (!evaluation) return 0;
    const chosen = caseIndex();
    return chosen !== null && chosen < evaluation.cases.length
      ? chosen
      : evaluation.referenceCaseIndex;
  });

  const uncertainty = createUncertainty({
    source: () => {
      const tab = activeTab();
      return { tabId: tab.id, revision: tab.validRevision, scenario: tab.lastValid };
    },
    pool: options.monteCarloPool === undefined ? createBrowserPool() : options.monteCarloPool,
    automatic: () => workspace.state.monteCarloRuns === 'automatic',
  });

  const theme = createMemo<Theme>(() => {
    const choice = workspace.state.theme;
    return choice === 'system' ? (options.prefersDark() ? 'dark' : 'light') : choice;
  });

  const storage = options.storage;
  if (storage && loaded.saveBlocked === null) {
    // The stored workspace this tab last read or wrote, and its save counter: another tab's save
    // shows as a different counter and is merged, per scenario, instead of overwritten.
    // With nothing usable stored, the base has no scenarios: this tab's are all additions.
    let base: WorkspaceData = loaded.workspace ?? { ...workspace.snapshot(), tabs: [] };
    let baseRevision = loaded.revision;
    let blocked = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    /** Merges what another tab stored into this tab; true when this tab now holds more than it. */
    const takeStored = (): boolean => {
      const stored = readStoredWorkspace(storage);
      if (stored.kind === 'unreadable') {
        // Written by a newer version of the app in another tab, or damaged: never save over it.
        blocked = true;
        notify({
          kind: 'error',
          text: `The saved workspace was changed by another tab into something this tab cannot read (${stored.reason}); this tab stops saving so it is not overwritten. Export the scenarios (Files → Export) to keep this tab's work.`,
        });
        return false;
      }
      const storedRevision = stored.kind === 'ok' ? stored.revision : 0;
      if (storedRevision === baseRevision || stored.kind !== 'ok' || !stored.workspace) {
        return stored.kind !== 'ok' || storedRevision !== baseRevision;
      }
      const mine = workspace.snapshot();
      const merged = mergeWorkspaces(base, mine, stored.workspace);
      if (canonicalJson(merged.data) !== canonicalJson(mine)) workspace.applyMerged(merged.data);
      base = stored.workspace;
      baseRevision = storedRevision;
      const text = mergeNoticeText(merged.report);
      if (text) notify({ kind: 'warning', text });
      return canonicalJson(merged.data.tabs) !== canonicalJson(stored.workspace.tabs);
    };

    /** `repair`: replace what load just set aside (its copy is safe), without merging it. */
    const save = (repair = false) => {
      clearTimeout(timer);
      timer = undefined;
      if (blocked) return;
      if (!repair) takeStored();
      if (blocked) return;
      const data = workspace.snapshot();
      const problem = saveWorkspace(storage, data, baseRevision + 1);
      if (problem) notify(problem);
      else {
        base = data;
        baseRevision += 1;
      }
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => save(), options.saveDelayMs ?? 300);
    };
    createEffect(on(() => workspace.state.revision, schedule, { defer: true }));
    // Something was set aside on load: store the cleaned workspace so it is reported once.
    if (loaded.repaired) save(true);
    const flush = () => {
      if (timer !== undefined) save();
    };
    const events =
      options.storageEvents === undefined
        ? typeof window !== 'undefined'
          ? window
          : null
        : options.storageEvents;
    const onStorage = (event: Event) => {
      const key = (event as StorageEvent).key;
      if (key !== null && key !== WORKSPACE_STORAGE_KEY) return;
      if (blocked) return;
      // Another tab saved: take its work now, and write back only what this tab adds to it.
      if (takeStored() && timer === undefined) schedule();
    };
    if (events) {
      events.addEventListener('storage', onStorage);
      onCleanup(() => events.removeEventListener('storage', onStorage));
    }
    if (typeof window !== 'undefined') {
      window.addEventListener('pagehide', flush);
      onCleanup(() => window.removeEventListener('pagehide', flush));
    }
    onCleanup(flush);
  }

  createEffect(
    on(
      () => workspace.state.tabs.length,
      () => evaluator.prune(new Set(workspace.state.tabs.map((t) => t.id))),
      { defer: true },
    ),
  );

  function deleteTabWithUndo(id: string): void {
    const removed = workspace.deleteTab(id);
    if (!removed) return;
    const name = tabName(removed.data);
    const restore = (data: TabData, index: number) => workspace.restoreTab(data, index);
    notify({
      kind: 'warning',
      text: `Deleted “${name}”.`,
      action: { label: 'Undo', run: () => restore(removed.data, removed.index) },
    });
  }

  return {
    workspace,
    activeTab,
    results,
    resultsOf: evaluator.resultsOf,
    caseIndex: shownCase,
    setCaseIndex: (index) => setCaseIndexSignal(index),
    notices,
    notify,
    dismiss,
    theme,
    deleteTabWithUndo,
    uncertainty,
  };
}
