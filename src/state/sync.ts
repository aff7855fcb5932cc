import { canonicalJson } from './canonicalJson';
import { newTabId, type TabData, tabName, type WorkspaceData } from './workspace';

/**
 * Two tabs of the app share one saved workspace. Each tab remembers the stored workspace it last
 * read or wrote (the *base*); when the stored one has moved on (another tab saved), the two are
 * merged scenario by scenario against that base — a three-way merge, as version control does —
 * so neither tab's work is lost. See docs/architecture.md, "Several open tabs".
 *
 * Per scenario (by id):
 * - changed in one tab only → that tab's version;
 * - changed in both → this tab's version keeps the id, the other tab's is added beside it as
 *   "<name> (other tab)";
 * - added in either → kept;
 * - deleted in one tab and unchanged in the other → deleted; deleted in one but edited in the
 *   other → the edited one is kept (an edit is never lost to a delete).
 * The view (active scenario, compare ticks, edit/compare) stays this tab's own; the theme follows
 * whichever tab changed it, and so does when the Monte Carlo runs.
 */

export interface MergeReport {
  /** Names of scenarios the other tab added. */
  readonly added: readonly string[];
  /** Names of scenarios the other tab changed (that this tab had not). */
  readonly updated: readonly string[];
  /** Names of scenarios the other tab deleted (that this tab had not changed). */
  readonly removed: readonly string[];
  /** Scenarios edited in both tabs: this tab's name and the name given to the other's copy. */
  readonly conflicts: readonly { readonly name: string; readonly copyName: string }[];
}

export interface MergeResult {
  readonly data: WorkspaceData;
  readonly report: MergeReport;
}

const OTHER_SUFFIX = ' (other tab)';

function copyFromOtherTab(tab: TabData): { data: TabData; name: string } {
  const name = `${tabName(tab).slice(0, 200 - OTHER_SUFFIX.length)}${OTHER_SUFFIX}`;
  return {
    name,
    data: {
      ...tab,
      id: newTabId(),
      draft: { ...tab.draft, name },
      lastValid: { ...tab.lastValid, name },
    },
  };
}

/** Merges `mine` and `theirs`, both descended from `base` (see the module comment). */
export function mergeWorkspaces(
  base: WorkspaceData,
  mine: WorkspaceData,
  theirs: WorkspaceData,
): MergeResult {
  const key = (tab: TabData) => canonicalJson(tab);
  const baseById = new Map(base.tabs.map((t) => [t.id, key(t)]));
  const mineById = new Map(mine.tabs.map((t) => [t.id, t]));
  const theirsById = new Map(theirs.tabs.map((t) => [t.id, t]));
  const added: string[] = [];
  const updated: string[] = [];
  const removed: string[] = [];
  const conflicts: { name: string; copyName: string }[] = [];

  const tabs: TabData[] = [];
  // Their order first (the stored order), then what only this tab has, in this tab's order.
  for (const their of theirs.tabs) {
    const baseKey = baseById.get(their.id);
    const own = mineById.get(their.id);
    if (baseKey === undefined) {
      // Not in the base: the other tab added it (or both did, under the same id: equal or not).
      if (own === undefined || key(own) === key(their)) {
        tabs.push(their);
        if (own === undefined) added.push(tabName(their));
      } else {
        tabs.push(own);
        const copy = copyFromOtherTab(their);
        tabs.push(copy.data);
        conflicts.push({ name: tabName(own), copyName: copy.name });
      }
      continue;
    }
    const theirsChanged = key(their) !== baseKey;
    if (own === undefined) {
      // This tab deleted it: keep it only if the other tab edited it meanwhile.
      if (theirsChanged) {
        tabs.push(their);
        updated.push(tabName(their));
      }
      continue;
    }
    const mineChanged = key(own) !== baseKey;
    if (!theirsChanged || key(own) === key(their)) tabs.push(own);
    else if (!mineChanged) {
      tabs.push(their);
      updated.push(tabName(their));
    } else {
      tabs.push(own);
      const copy = copyFromOtherTab(their);
      tabs.push(copy.data);
      conflicts.push({ name: tabName(own), copyName: copy.name });
    }
  }
  const placed = new Set(tabs.map((t) => t.id));
  for (const own of mine.tabs) {
    if (placed.has(own.id) || theirsById.has(own.id)) continue;
    const baseKey = baseById.get(own.id);
    if (baseKey === undefined)
      tabs.push(own); // added in this tab
    else if (key(own) !== baseKey)
      tabs.push(own); // the other deleted it, this tab edited it
    else removed.push(tabName(own)); // the other deleted it, unchanged here
  }
  if (tabs.length === 0) {
    // Both sides deleted everything they could: the workspace never has zero scenarios.
    tabs.push(...(theirs.tabs.length > 0 ? theirs.tabs : mine.tabs).slice(0, 1));
  }

  const ids = new Set(tabs.map((t) => t.id));
  return {
    data: {
      tabs,
      activeId: ids.has(mine.activeId) ? mine.activeId : tabs[0]!.id,
      view: mine.view,
      compareIds: tabs.map((t) => t.id).filter((id) => mine.compareIds.includes(id)),
      theme: mine.theme !== base.theme ? mine.theme : theirs.theme,
      monteCarloRuns:
        mine.monteCarloRuns !== base.monteCarloRuns ? mine.monteCarloRuns : theirs.monteCarloRuns,
    },
    report: { added, updated, removed, conflicts },
  };
}

/** The notice shown when another tab changed the workspace; null when nothing visible changed. */
export function mergeNoticeText(report: MergeReport): string | null {
  const parts: string[] = [];
  const list = (names: readonly string[]) =>
    names
      .slice(0, 3)
      .map((n) => `“${n.slice(0, 60)}”`)
      .join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
  if (report.added.length > 0) parts.push(`added ${list(report.added)}`);
  if (report.updated.length > 0) parts.push(`changed ${list(report.updated)}`);
  if (report.removed.length > 0) parts.push(`deleted ${list(report.removed)}`);
  const conflicts = report.conflicts.map(
    (c) =>
      ` “${c.name.slice(0, 60)}” was edited in both tabs: this tab's version is kept and the other tab's is added as “${c.copyName.slice(0, 80)}”.`,
  );
  if (parts.length === 0 && conflicts.length === 0) return null;
  const head =
    parts.length > 0
      ? `Another tab ${parts.join('; ')}. Both tabs' work is kept.`
      : 'Another tab changed this workspace.';
  return `${head}${conflicts.join('')}`;
}
