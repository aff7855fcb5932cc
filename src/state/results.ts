import { unwrap } from 'solid-js/store';
import { type Evaluation, evaluate } from '../engine/index';
import type { ScenarioTab } from './workspace';

/** What the results area shows for one tab. */
export interface TabResults {
  /** The evaluation of the tab's last valid scenario; null only if the engine failed on it. */
  readonly evaluation: Evaluation | null;
  /** The draft has problems, so the evaluation is of an earlier version of the inputs. */
  readonly stale: boolean;
  /** The engine's error message, when it threw on a valid scenario (a bug to report). */
  readonly engineError: string | null;
}

/**
 * Evaluations per tab, recomputed only when the tab's last valid scenario changes (its
 * `validRevision`), so an invalid keystroke costs nothing and switching tabs is instant.
 * Called inside a Solid computation, it tracks the tab's revision and issues.
 */
export function createEvaluator(run: (scenario: unknown) => Evaluation = evaluate) {
  const cache = new Map<
    string,
    { revision: number; evaluation: Evaluation | null; error: string | null }
  >();

  function resultsOf(tab: ScenarioTab): TabResults {
    const revision = tab.validRevision;
    const stale = tab.issues.length > 0;
    let entry = cache.get(tab.id);
    if (!entry || entry.revision !== revision) {
      const previous = entry?.evaluation ?? null;
      try {
        entry = { revision, evaluation: run(unwrap(tab.lastValid)), error: null };
      } catch (error) {
        // Keep what was on screen: a failing engine must not blank the page either.
        const message = error instanceof Error ? error.message : String(error);
        entry = { revision, evaluation: previous, error: message };
      }
      cache.set(tab.id, entry);
    }
    return { evaluation: entry.evaluation, stale, engineError: entry.error };
  }

  /** Drops cached evaluations of tabs that no longer exist. */
  function prune(liveIds: ReadonlySet<string>): void {
    for (const id of cache.keys()) if (!liveIds.has(id)) cache.delete(id);
  }

  return { resultsOf, prune };
}
