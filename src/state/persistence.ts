import { checkJsonTree } from '../io/jsonText';
import { migrateToCurrent } from '../schema/migrations';
import type { Scenario } from '../schema/scenario';
import { formatIssue, parseScenario } from '../schema/validate';
import { isRecord } from './paths';
import {
  MONTE_CARLO_RUNS,
  type MonteCarloRuns,
  type TabData,
  type ThemeChoice,
  type WorkspaceData,
  type WorkspaceView,
} from './workspace';

/**
 * Saving and restoring the workspace in `localStorage` (or anything Storage-like, for tests).
 * Everything read back is re-validated: a part that fails is copied, untouched, to a
 * `…-corrupt-<timestamp>` key and reported, and the rest of the workspace still loads.
 */

export const WORKSPACE_STORAGE_KEY = 'mine-or-lease/workspace';
export const WORKSPACE_FORMAT = 'mine-or-lease/workspace';
export const WORKSPACE_FORMAT_VERSION = 1;

/** The part of the Web Storage API this module uses. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface StorageNotice {
  readonly kind: 'warning' | 'error';
  readonly text: string;
}

export interface LoadResult {
  /** The workspace to start with; null when nothing usable was saved (start a fresh one). */
  readonly workspace: WorkspaceData | null;
  readonly notices: readonly StorageNotice[];
  /** Something was set aside: save the cleaned workspace now so it is not reported again. */
  readonly repaired: boolean;
  /** The stored workspace's save counter (0 when none): see {@link saveWorkspace}. */
  readonly revision: number;
  /**
   * Why this tab must not write the workspace at all, or null. Set when an unreadable saved
   * workspace (or part of one) could not be copied aside — storage full — so the stored text is
   * its only copy: it is left untouched and the app runs on an in-memory workspace.
   */
  readonly saveBlocked: string | null;
}

const THEMES: readonly ThemeChoice[] = ['system', 'light', 'dark'];
const VIEWS: readonly WorkspaceView[] = ['edit', 'compare'];

/**
 * The stored text. `revision` counts saves of this workspace across every tab of the browser:
 * a tab that finds a revision other than the one it last read or wrote knows another tab saved
 * in between, and merges instead of overwriting (`src/state/sync.ts`).
 */
export function serializeWorkspace(data: WorkspaceData, revision = 0): string {
  return JSON.stringify({
    format: WORKSPACE_FORMAT,
    version: WORKSPACE_FORMAT_VERSION,
    revision,
    ...data,
  });
}

/** Writes the workspace; returns a notice instead of throwing when storage refuses. */
export function saveWorkspace(
  storage: StorageLike,
  data: WorkspaceData,
  revision = 0,
): StorageNotice | null {
  try {
    storage.setItem(WORKSPACE_STORAGE_KEY, serializeWorkspace(data, revision));
    return null;
  } catch (error) {
    return {
      kind: 'error',
      text: `The workspace could not be saved in this browser (${errorText(error)}); changes since the last save will be lost on reload.`,
    };
  }
}

/** A saved workspace read back: usable tabs, and the parts that are not. */
type Interpreted =
  | { readonly problem: string }
  | {
      readonly workspace: WorkspaceData | null;
      readonly revision: number;
      readonly rejected: readonly { tab: unknown; reason: string }[];
      /** Drafts replaced by their tab's last valid scenario (too deep or too odd to edit). */
      readonly badDrafts: readonly { name: string; draft: unknown; reason: string }[];
    };

function interpret(raw: string): Interpreted {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { problem: 'it is not valid JSON' };
  }
  const problem = wholeWorkspaceProblem(parsed);
  if (problem !== null) return { problem };
  const saved = parsed as Record<string, unknown> & { tabs: unknown[] };

  const tabs: TabData[] = [];
  const rejected: { tab: unknown; reason: string }[] = [];
  const badDrafts: { name: string; draft: unknown; reason: string }[] = [];
  for (const candidate of saved.tabs) {
    const result = restoreTab(candidate, new Set(tabs.map((t) => t.id)));
    if (typeof result === 'string') rejected.push({ tab: candidate, reason: result });
    else {
      tabs.push(result.tab);
      if (result.badDraft) badDrafts.push(result.badDraft);
    }
  }
  const revision =
    typeof saved.revision === 'number' &&
    Number.isSafeInteger(saved.revision) &&
    saved.revision >= 0
      ? saved.revision
      : 0;
  if (tabs.length === 0) return { workspace: null, revision, rejected, badDrafts };

  const ids = new Set(tabs.map((t) => t.id));
  const activeId =
    typeof saved.activeId === 'string' && ids.has(saved.activeId) ? saved.activeId : tabs[0]!.id;
  const compareIds = Array.isArray(saved.compareIds)
    ? saved.compareIds.filter((id): id is string => typeof id === 'string' && ids.has(id))
    : [];
  return {
    workspace: {
      tabs,
      activeId,
      view: VIEWS.includes(saved.view as WorkspaceView) ? (saved.view as WorkspaceView) : 'edit',
      compareIds,
      theme: THEMES.includes(saved.theme as ThemeChoice) ? (saved.theme as ThemeChoice) : 'system',
      // Absent in workspaces saved before the choice existed: they ran automatically.
      monteCarloRuns: MONTE_CARLO_RUNS.includes(saved.monteCarloRuns as MonteCarloRuns)
        ? (saved.monteCarloRuns as MonteCarloRuns)
        : 'automatic',
    },
    revision,
    rejected,
    badDrafts,
  };
}

/** What another tab stored, for merging: nothing, a workspace, or text this app cannot read. */
export type StoredWorkspace =
  | { readonly kind: 'none' }
  | { readonly kind: 'ok'; readonly revision: number; readonly workspace: WorkspaceData | null }
  | { readonly kind: 'unreadable'; readonly reason: string };

/** Reads the stored workspace without changing storage (no setting aside). */
export function readStoredWorkspace(storage: StorageLike): StoredWorkspace {
  let raw: string | null;
  try {
    raw = storage.getItem(WORKSPACE_STORAGE_KEY);
  } catch (error) {
    return { kind: 'unreadable', reason: errorText(error) };
  }
  if (raw === null) return { kind: 'none' };
  const result = interpret(raw);
  if ('problem' in result) return { kind: 'unreadable', reason: result.problem };
  return { kind: 'ok', revision: result.revision, workspace: result.workspace };
}

export function loadWorkspace(storage: StorageLike, now: Date = new Date()): LoadResult {
  let raw: string | null;
  try {
    raw = storage.getItem(WORKSPACE_STORAGE_KEY);
  } catch (error) {
    return {
      workspace: null,
      notices: [
        {
          kind: 'warning',
          text: `This browser does not allow local storage (${errorText(error)}); the workspace will not be kept after a reload.`,
        },
      ],
      repaired: false,
      revision: 0,
      saveBlocked: null,
    };
  }
  if (raw === null) {
    return { workspace: null, notices: [], repaired: false, revision: 0, saveBlocked: null };
  }

  const setAside = (content: string) => setAsideCopy(storage, content, now);
  const result = interpret(raw);
  if ('problem' in result) return wholeSetAside(setAside(raw), result.problem);
  const { workspace, revision, rejected, badDrafts } = result;

  const notices: StorageNotice[] = [];
  let blocked = false;
  if (rejected.length > 0) {
    const key = setAside(
      partText(
        rejected.map((r) => r.tab),
        raw,
      ),
    );
    blocked ||= key === null;
    const reasons = rejected.map((r) => `${nameOf(r.tab)}: ${r.reason}`).join('; ');
    const count = rejected.length === 1 ? '1 saved scenario' : `${rejected.length} saved scenarios`;
    notices.push({
      kind: 'warning',
      text: `${count} could not be restored (${reasons}). ${whereSetAside(key)}${
        workspace !== null ? ' The other scenarios are intact.' : ' A fresh workspace was started.'
      }`,
    });
  }
  if (badDrafts.length > 0) {
    const key = setAside(
      partText(
        badDrafts.map((b) => b.draft),
        raw,
      ),
    );
    blocked ||= key === null;
    const which = badDrafts.map((b) => `“${b.name.slice(0, 60)}”: ${b.reason}`).join('; ');
    notices.push({
      kind: 'warning',
      text: `The unsaved edits of ${badDrafts.length === 1 ? '1 scenario' : `${badDrafts.length} scenarios`} could not be restored (${which}); ${
        badDrafts.length === 1 ? 'it shows' : 'they show'
      } the last valid inputs instead. ${whereSetAside(key)}`,
    });
  }
  const repaired = rejected.length > 0 || badDrafts.length > 0;
  if (blocked) notices.push(savingBlockedNotice());
  return {
    workspace,
    notices,
    repaired: repaired && !blocked,
    revision,
    saveBlocked: blocked ? savingBlockedNotice().text : null,
  };
}

/**
 * The text to set aside for a bad part: the part as JSON, or — when it is too deeply nested for
 * `JSON.stringify` — the whole saved text it came from, which holds it unchanged.
 */
function partText(part: unknown, whole: string): string {
  try {
    return JSON.stringify(part);
  } catch {
    return whole;
  }
}

/** Storage is full and the saved text is its only copy: the tab must not save over it. */
function savingBlockedNotice(): StorageNotice {
  return {
    kind: 'error',
    text: 'Browser storage is full, so the saved workspace that could not be read was left untouched and this tab will not save: changes made now are kept only until the page is closed. Export the scenarios (Files → Export) to keep them, or free storage in the browser and reload.',
  };
}

function wholeWorkspaceProblem(parsed: unknown): string | null {
  if (!isRecord(parsed)) return 'it is not a workspace object';
  if (parsed.format !== WORKSPACE_FORMAT) return 'it is not a Mine or Lease workspace';
  if (typeof parsed.version !== 'number' || parsed.version > WORKSPACE_FORMAT_VERSION) {
    return `its version (${String(parsed.version)}) is not one this app reads`;
  }
  if (!Array.isArray(parsed.tabs)) return 'it has no list of scenarios';
  return null;
}

function wholeSetAside(key: string | null, reason: string): LoadResult {
  if (key === null) {
    return {
      workspace: null,
      notices: [
        {
          kind: 'error',
          text: `The saved workspace could not be read (${reason}) and could not be set aside: browser storage is full. It was left untouched; this tab runs on a fresh workspace it will not save. Export the scenarios (Files → Export) to keep them, or free storage in the browser and reload.`,
        },
      ],
      repaired: false,
      revision: 0,
      saveBlocked: `the saved workspace could not be read (${reason}) nor set aside (storage full)`,
    };
  }
  return {
    workspace: null,
    notices: [
      {
        kind: 'warning',
        text: `The saved workspace could not be read (${reason}). ${whereSetAside(key)} A fresh workspace was started.`,
      },
    ],
    repaired: true,
    revision: 0,
    saveBlocked: null,
  };
}

/**
 * One saved tab, validated, or the reason it cannot be used. The draft (what the user was
 * typing) is held to the same tree limits as an imported file (depth, reserved keys, finite
 * numbers): one that breaks them is replaced by the tab's last valid scenario and reported, so
 * a damaged draft can neither crash the app (deep nesting overflows `structuredClone`) nor cost
 * the user the scenario.
 */
function restoreTab(
  candidate: unknown,
  takenIds: ReadonlySet<string>,
): { tab: TabData; badDraft: { name: string; draft: unknown; reason: string } | null } | string {
  if (!isRecord(candidate)) return 'not a scenario record';
  const { id, origin, draft } = candidate;
  if (typeof id !== 'string' || id.length === 0) return 'it has no id';
  if (takenIds.has(id)) return 'its id is used twice';
  for (const part of ['lastValid', 'baseline'] as const) {
    const problem = treeProblem(candidate[part]);
    if (problem !== null) return `${part} ${problem}`;
  }
  const lastValid = revalidate(candidate.lastValid, 'lastValid');
  if (typeof lastValid === 'string') return lastValid;
  const baseline = revalidate(candidate.baseline, 'baseline');
  if (typeof baseline === 'string') return baseline;
  const draftProblem = isRecord(draft) ? treeProblem(draft) : 'is not an object';
  if (draftProblem !== null && !isRecord(draft)) return 'its draft is not an object';
  // A draft saved by an older version is upgraded like a file (version 1 → 2 adds the reference
  // case); one the migrations cannot read is kept as it is, and the validator lists its problems.
  const migrated = draftProblem === null ? migrateToCurrent(draft) : null;
  const tab: TabData = {
    id,
    origin: typeof origin === 'string' ? origin : 'restored',
    draft:
      draftProblem !== null
        ? structuredClone(lastValid)
        : migrated?.ok && isRecord(migrated.value)
          ? (migrated.value as TabData['draft'])
          : (draft as TabData['draft']),
    lastValid,
    baseline,
  };
  return {
    tab,
    badDraft:
      draftProblem === null
        ? null
        : { name: lastValid.name, draft, reason: `draft ${draftProblem}` },
  };
}

/** The first problem of a JSON tree under the import limits (`checkJsonTree`), or null. */
function treeProblem(value: unknown): string | null {
  const first = checkJsonTree(value)[0];
  return first ? `${first.path === '' ? '' : `${first.path} `}${first.rule}` : null;
}

function revalidate(value: unknown, label: string): Scenario | string {
  const parsed = parseScenario(value);
  if (parsed.ok) return parsed.scenario;
  const first = parsed.issues[0];
  const more = parsed.issues.length > 1 ? ` and ${parsed.issues.length - 1} more` : '';
  return `${label} ${first ? formatIssue(first) : 'is invalid'}${more}`;
}

function nameOf(tab: unknown): string {
  const draft = isRecord(tab) ? tab.draft : undefined;
  const name = isRecord(draft) && typeof draft.name === 'string' ? draft.name : 'unnamed';
  return `“${name.slice(0, 60)}”`;
}

/** Copies `content` to a new `…-corrupt-<timestamp>` key; null when storage refuses. */
function setAsideCopy(storage: StorageLike, content: string, now: Date): string | null {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let key = `${WORKSPACE_STORAGE_KEY}-corrupt-${stamp}`;
  try {
    for (let n = 2; storage.getItem(key) !== null; n += 1) {
      key = `${WORKSPACE_STORAGE_KEY}-corrupt-${stamp}-${n}`;
    }
    storage.setItem(key, content);
    return key;
  } catch {
    return null;
  }
}

function whereSetAside(key: string | null): string {
  return key === null
    ? 'It could not be set aside (storage refused), so it is lost.'
    : `It was set aside in this browser's storage under “${key}”.`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.name || error.message : String(error);
}
