import type { Scenario } from '../schema/scenario';
import { formatIssue, parseScenario } from '../schema/validate';
import { isRecord } from './paths';
import type { TabData, ThemeChoice, WorkspaceData, WorkspaceView } from './workspace';

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
}

const THEMES: readonly ThemeChoice[] = ['system', 'light', 'dark'];
const VIEWS: readonly WorkspaceView[] = ['edit', 'compare'];

export function serializeWorkspace(data: WorkspaceData): string {
  return JSON.stringify({ format: WORKSPACE_FORMAT, version: WORKSPACE_FORMAT_VERSION, ...data });
}

/** Writes the workspace; returns a notice instead of throwing when storage refuses. */
export function saveWorkspace(storage: StorageLike, data: WorkspaceData): StorageNotice | null {
  try {
    storage.setItem(WORKSPACE_STORAGE_KEY, serializeWorkspace(data));
    return null;
  } catch (error) {
    return {
      kind: 'error',
      text: `The workspace could not be saved in this browser (${errorText(error)}); changes since the last save will be lost on reload.`,
    };
  }
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
    };
  }
  if (raw === null) return { workspace: null, notices: [], repaired: false };

  const setAside = (content: string) => setAsideCopy(storage, content, now);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return wholeSetAside(setAside(raw), 'it is not valid JSON');
  }
  const problem = wholeWorkspaceProblem(parsed);
  if (problem !== null) return wholeSetAside(setAside(raw), problem);
  const saved = parsed as Record<string, unknown> & { tabs: unknown[] };

  const tabs: TabData[] = [];
  const rejected: { tab: unknown; reason: string }[] = [];
  for (const candidate of saved.tabs) {
    const result = restoreTab(candidate, new Set(tabs.map((t) => t.id)));
    if (typeof result === 'string') rejected.push({ tab: candidate, reason: result });
    else tabs.push(result);
  }

  const notices: StorageNotice[] = [];
  if (rejected.length > 0) {
    const key = setAside(JSON.stringify(rejected.map((r) => r.tab)));
    const reasons = rejected.map((r) => `${nameOf(r.tab)}: ${r.reason}`).join('; ');
    const count = rejected.length === 1 ? '1 saved scenario' : `${rejected.length} saved scenarios`;
    notices.push({
      kind: 'warning',
      text: `${count} could not be restored (${reasons}). ${whereSetAside(key)}${
        tabs.length > 0 ? ' The other scenarios are intact.' : ' A fresh workspace was started.'
      }`,
    });
  }
  if (tabs.length === 0) return { workspace: null, notices, repaired: rejected.length > 0 };

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
    },
    notices,
    repaired: rejected.length > 0,
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
  return {
    workspace: null,
    notices: [
      {
        kind: 'warning',
        text: `The saved workspace could not be read (${reason}). ${whereSetAside(key)} A fresh workspace was started.`,
      },
    ],
    repaired: true,
  };
}

/** One saved tab, validated, or the reason it cannot be used. */
function restoreTab(candidate: unknown, takenIds: ReadonlySet<string>): TabData | string {
  if (!isRecord(candidate)) return 'not a scenario record';
  const { id, origin, draft } = candidate;
  if (typeof id !== 'string' || id.length === 0) return 'it has no id';
  if (takenIds.has(id)) return 'its id is used twice';
  if (!isRecord(draft)) return 'its draft is not an object';
  const lastValid = revalidate(candidate.lastValid, 'lastValid');
  if (typeof lastValid === 'string') return lastValid;
  const baseline = revalidate(candidate.baseline, 'baseline');
  if (typeof baseline === 'string') return baseline;
  return {
    id,
    origin: typeof origin === 'string' ? origin : 'restored',
    draft,
    lastValid,
    baseline,
  };
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
