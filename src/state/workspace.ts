import { batch } from 'solid-js';
import { createStore, produce, unwrap } from 'solid-js/store';
import { namesForImport } from '../io/scenarioFile';
import type { Scenario } from '../schema/scenario';
import { parseScenario, type ScenarioIssue } from '../schema/validate';
import { canonicalJson } from './canonicalJson';
import { type FieldPath, getAt, setAt } from './paths';
import { blankScenario, findPreset } from './presets';
import {
  putSection,
  SECTION_PATHS,
  type SectionId,
  sectionDefaults,
  sectionIsOn,
} from './sections';

/** What the user is editing: scenario-shaped JSON that has not been validated yet. */
export type Draft = Record<string, unknown>;

export interface ScenarioTab {
  readonly id: string;
  /** Where it started: `preset:<file>`, `blank` or `copy:<id>`. */
  readonly origin: string;
  draft: Draft;
  /** The last state of the draft that passed validation: what the results show. */
  lastValid: Scenario;
  /** The preset or blank site it started from, for the "changed from preset" markers. */
  baseline: Scenario;
  /** The draft's validation issues; empty when the draft is valid. */
  issues: readonly ScenarioIssue[];
  /** Bumped whenever `lastValid` changes, so results recompute only then. */
  validRevision: number;
}

export type ThemeChoice = 'system' | 'light' | 'dark';
/**
 * When the Monte Carlo runs: after every change (the default), or only when the user presses
 * Run — for a busy laptop, or a screen that should not change while it is presented.
 */
export const MONTE_CARLO_RUNS = ['automatic', 'on-request'] as const;
export type MonteCarloRuns = (typeof MONTE_CARLO_RUNS)[number];
export type WorkspaceView = 'edit' | 'compare';

export interface WorkspaceState {
  tabs: ScenarioTab[];
  activeId: string;
  view: WorkspaceView;
  /** Tabs ticked for the compare view, in tab order. */
  compareIds: string[];
  theme: ThemeChoice;
  monteCarloRuns: MonteCarloRuns;
  /** Bumped by every action, so persistence can watch one number. */
  revision: number;
}

/** The saved part of a tab (issues and revisions are recomputed on load). */
export interface TabData {
  readonly id: string;
  readonly origin: string;
  readonly draft: Draft;
  readonly lastValid: Scenario;
  readonly baseline: Scenario;
}

export interface WorkspaceData {
  readonly tabs: readonly TabData[];
  readonly activeId: string;
  readonly view: WorkspaceView;
  readonly compareIds: readonly string[];
  readonly theme: ThemeChoice;
  readonly monteCarloRuns: MonteCarloRuns;
}

/** A tab's name for tabs and headings: the draft's name, or "Untitled" while it is blank. */
export function tabName(tab: Pick<ScenarioTab, 'draft'>): string {
  const name = tab.draft.name;
  return typeof name === 'string' && name.trim() !== '' ? name : 'Untitled';
}

let idCounter = 0;
/** Unique within a session and across reloads (time-based prefix). */
export function newTabId(): string {
  idCounter += 1;
  return `s${Date.now().toString(36)}${idCounter.toString(36)}`;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function tabFrom(data: TabData): ScenarioTab {
  const parsed = parseScenario(clone(data.draft));
  return {
    ...data,
    draft: clone(data.draft),
    issues: parsed.ok ? [] : parsed.issues,
    validRevision: 0,
  };
}

/** A tab data record for a scenario that starts out valid and unchanged. */
export function tabDataFor(
  scenario: Scenario,
  origin: string,
  baseline: Scenario = scenario,
): TabData {
  return {
    id: newTabId(),
    origin,
    draft: clone(scenario) as unknown as Draft,
    lastValid: clone(scenario),
    baseline: clone(baseline),
  };
}

export function workspaceDataFor(scenario: Scenario, origin: string): WorkspaceData {
  const tab = tabDataFor(scenario, origin);
  return {
    tabs: [tab],
    activeId: tab.id,
    view: 'edit',
    compareIds: [],
    theme: 'system',
    monteCarloRuns: 'automatic',
  };
}

export type Workspace = ReturnType<typeof createWorkspace>;

/**
 * The workspace store and its actions (plain functions over one `createStore`). Every edit goes
 * through `setField`/`insertItem`/`removeItem`, which revalidate the draft with `parseScenario`
 * and move `lastValid` only when the draft is valid, so results never blank on a bad field.
 */
export function createWorkspace(initial: WorkspaceData) {
  const [state, setState] = createStore<WorkspaceState>({
    tabs: initial.tabs.map(tabFrom),
    activeId: initial.activeId,
    view: initial.view,
    compareIds: [...initial.compareIds],
    theme: initial.theme,
    monteCarloRuns: initial.monteCarloRuns,
    revision: 0,
  });

  const indexOf = (id: string) => state.tabs.findIndex((tab) => tab.id === id);
  /**
   * What each tab held in a section the user switched off (`${tabId} ${section}`), so switching
   * it back on in the same session restores what was typed. Memory only: not a saved edit.
   */
  const switchedOff = new Map<string, Record<string, unknown>>();
  const touch = () => setState('revision', (r) => r + 1);

  function activeTab(): ScenarioTab {
    return state.tabs[indexOf(state.activeId)] ?? state.tabs[0]!;
  }

  function revalidate(index: number): void {
    const parsed = parseScenario(clone(unwrap(state.tabs[index]!.draft)));
    if (parsed.ok) {
      setState('tabs', index, (tab) => ({
        lastValid: parsed.scenario,
        issues: [],
        validRevision: tab.validRevision + 1,
      }));
    } else {
      setState('tabs', index, 'issues', parsed.issues);
    }
  }

  function editDraft(mutate: (draft: Draft) => void): void {
    const index = indexOf(activeTab().id);
    batch(() => {
      setState('tabs', index, 'draft', produce(mutate));
      revalidate(index);
      touch();
    });
  }

  function insertTab(data: TabData, at: number = state.tabs.length): void {
    batch(() => {
      setState('tabs', (tabs) => [...tabs.slice(0, at), tabFrom(data), ...tabs.slice(at)]);
      setState('activeId', data.id);
      touch();
    });
  }

  function addScenario(scenario: Scenario, origin: string): string {
    const data = tabDataFor(scenario, origin);
    insertTab(data);
    return data.id;
  }

  /**
   * Adds imported scenarios (a file, a share link) as new tabs after the existing ones, renamed
   * where a name is taken (`Name (2)` …), so nothing the user has is replaced. The first one
   * becomes active; each is its own baseline, so "changed" markers mean "changed since import".
   * Returns the new tabs' ids in order.
   */
  function addImported(scenarios: readonly Scenario[], origin: string): string[] {
    const named = namesForImport(
      scenarios,
      state.tabs.map((tab) => tabName(tab)),
    );
    const tabs = named.map((scenario) => tabDataFor(scenario, origin));
    if (tabs.length === 0) return [];
    batch(() => {
      setState('tabs', (existing) => [...existing, ...tabs.map(tabFrom)]);
      setState('activeId', tabs[0]!.id);
      touch();
    });
    return tabs.map((tab) => tab.id);
  }

  return {
    state,
    activeTab,
    addScenario,
    addImported,

    /** Sets one field of the active draft; `value` may be invalid (it is then reported). */
    setField(path: FieldPath, value: unknown): void {
      editDraft((draft) => {
        followCaseRename(draft, path, value);
        setAt(draft, path, value);
      });
    },

    /**
     * Switches an optional section of the active draft on or off (docs/app.md, "Financing and
     * taxes"). On restores what the section held when it was last switched off in this session,
     * else the schema's defaults; off keeps a copy of it first.
     */
    setSectionOn(id: SectionId, on: boolean): void {
      const tab = activeTab();
      const memoryKey = `${tab.id} ${id}`;
      const raw = unwrap(tab.draft);
      if (sectionIsOn(raw, id) === on) return;
      if (on) {
        const restored = clone(switchedOff.get(memoryKey) ?? sectionDefaults(id));
        editDraft((draft) => putSection(draft, id, restored));
      } else {
        switchedOff.set(memoryKey, clone(getAt(raw, SECTION_PATHS[id]) as Record<string, unknown>));
        editDraft((draft) => putSection(draft, id, null));
      }
    },

    /** Appends `item` to the array at `path` of the active draft. */
    insertItem(path: FieldPath, item: unknown): void {
      editDraft((draft) => {
        const list = getAt(draft, path);
        if (Array.isArray(list)) list.push(item);
        else setAt(draft, path, [item]);
      });
    },

    removeItem(path: FieldPath, index: number): void {
      editDraft((draft) => {
        const list = getAt(draft, path);
        if (Array.isArray(list)) list.splice(index, 1);
      });
    },

    selectTab(id: string): void {
      if (indexOf(id) < 0) return;
      batch(() => {
        setState('activeId', id);
        touch();
      });
    },

    addPreset(presetId: string): string | undefined {
      const preset = findPreset(presetId);
      return preset ? addScenario(preset.scenario, `preset:${preset.id}`) : undefined;
    },

    addBlank(): string {
      return addScenario(blankScenario(), 'blank');
    },

    /** A copy right after the original, keeping its baseline so markers still mean "from preset". */
    duplicateTab(id: string): string | undefined {
      const index = indexOf(id);
      if (index < 0) return undefined;
      const source = unwrap(state.tabs[index]!);
      const name = tabName(source);
      const data: TabData = {
        id: newTabId(),
        origin: `copy:${source.id}`,
        draft: { ...clone(source.draft), name: copyName(name) },
        lastValid: { ...clone(source.lastValid), name: copyName(source.lastValid.name) },
        baseline: clone(source.baseline),
      };
      insertTab(data, index + 1);
      return data.id;
    },

    renameTab(id: string, name: string): void {
      const index = indexOf(id);
      if (index < 0) return;
      batch(() => {
        setState('tabs', index, 'draft', 'name', name);
        revalidate(index);
        touch();
      });
    },

    /** Removes a tab (never the last one) and returns what `restoreTab` needs to undo it. */
    deleteTab(id: string): { data: TabData; index: number } | undefined {
      const index = indexOf(id);
      if (index < 0 || state.tabs.length <= 1) return undefined;
      const tab = clone(unwrap(state.tabs[index]!));
      const data: TabData = {
        id: tab.id,
        origin: tab.origin,
        draft: tab.draft,
        lastValid: tab.lastValid,
        baseline: tab.baseline,
      };
      batch(() => {
        setState('tabs', (tabs) => tabs.filter((t) => t.id !== id));
        setState('compareIds', (ids) => ids.filter((c) => c !== id));
        if (state.activeId === id) {
          setState('activeId', state.tabs[Math.min(index, state.tabs.length - 1)]!.id);
        }
        touch();
      });
      return { data, index };
    },

    restoreTab(data: TabData, index: number): void {
      if (indexOf(data.id) >= 0) return;
      insertTab(data, Math.min(index, state.tabs.length));
    },

    setView(view: WorkspaceView): void {
      batch(() => {
        setState('view', view);
        touch();
      });
    },

    /** Ticks or unticks a tab for the compare view; the list stays in tab order. */
    setCompared(id: string, compared: boolean): void {
      batch(() => {
        const ids = new Set(state.compareIds);
        if (compared) ids.add(id);
        else ids.delete(id);
        setState(
          'compareIds',
          state.tabs.map((t) => t.id).filter((tabId) => ids.has(tabId)),
        );
        touch();
      });
    },

    setTheme(theme: ThemeChoice): void {
      batch(() => {
        setState('theme', theme);
        touch();
      });
    },

    setMonteCarloRuns(runs: MonteCarloRuns): void {
      batch(() => {
        setState('monteCarloRuns', runs);
        touch();
      });
    },

    /**
     * Takes the workspace merged with another tab's save (`src/state/sync.ts`). Not an edit of
     * this tab (no revision bump, so no save of its own); tabs whose data did not change keep
     * their state and cached results.
     */
    applyMerged(data: WorkspaceData): void {
      const current = new Map(unwrap(state).tabs.map((tab) => [tab.id, tab]));
      const tabs = data.tabs.map((incoming) => {
        const old = current.get(incoming.id);
        if (old && canonicalJson(savedPart(old)) === canonicalJson(incoming)) return old;
        const fresh = tabFrom(incoming);
        return old ? { ...fresh, validRevision: old.validRevision + 1 } : fresh;
      });
      batch(() => {
        setState('tabs', tabs);
        setState('activeId', data.activeId);
        setState('view', data.view);
        setState('compareIds', [...data.compareIds]);
        setState('theme', data.theme);
        setState('monteCarloRuns', data.monteCarloRuns);
      });
    },

    /** A plain copy of what persistence saves. */
    snapshot(): WorkspaceData {
      const raw = unwrap(state);
      return clone({
        tabs: raw.tabs.map(savedPart),
        activeId: raw.activeId,
        view: raw.view,
        compareIds: raw.compareIds,
        theme: raw.theme,
        monteCarloRuns: raw.monteCarloRuns,
      });
    },
  };
}

function savedPart({ id, origin, draft, lastValid, baseline }: ScenarioTab): TabData {
  return { id, origin, draft, lastValid, baseline };
}

function copyName(name: string): string {
  const suffix = ' (copy)';
  return `${name.slice(0, 200 - suffix.length)}${suffix}`;
}

/**
 * Renaming a price case in the app renames the fields that point at it (the reference case and
 * the Monte Carlo case), so the headline stays on the case the user chose. A file edited by hand
 * gets no such help: there a dangling name is an error naming the field (docs/files.md).
 */
export function followCaseRename(draft: Draft, path: FieldPath, value: unknown): void {
  const [head, index, key] = path;
  if (path.length !== 3 || head !== 'priceCases' || typeof index !== 'number' || key !== 'name') {
    return;
  }
  const previous = getAt(draft, path);
  if (typeof previous !== 'string') return;
  for (const pointer of [['referenceCase'], ['monteCarlo', 'priceCase']] as const) {
    if (getAt(draft, pointer) === previous) setAt(draft, pointer, value);
  }
}
