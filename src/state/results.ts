import { type Accessor, createSignal } from 'solid-js';
import { unwrap } from 'solid-js/store';
import {
  analyseEvaluation,
  decideOnBoardView,
  type EvaluateOptions,
  type Evaluation,
  type EvaluationAnalysis,
  evaluateScenario,
} from '../engine/index';
import type { Scenario } from '../schema/scenario';
import type { ScenarioTab } from './workspace';

/** What the results area shows for one tab. */
export interface TabResults {
  /** The evaluation of the tab's last valid scenario; null only if the engine failed on it. */
  readonly evaluation: Evaluation | null;
  /** The draft has problems, so the evaluation is of an earlier version of the inputs. */
  readonly stale: boolean;
  /** The engine's error message, when it threw on a valid scenario (a bug to report). */
  readonly engineError: string | null;
  /**
   * The breakevens and the sensitivity table shown are still those of the previous inputs: they
   * are solved just after the edit, off its critical path (about half the rest of the evaluation).
   */
  readonly analysisPending: boolean;
}

type Analysis = Pick<Evaluation, 'breakevens' | 'sensitivity'>;
type Run = (scenario: Scenario, options?: EvaluateOptions) => Evaluation;
type Analyse = (core: Evaluation) => EvaluationAnalysis;

/** How long after an edit the breakevens and tornado are solved (ms): a burst of keys solves once. */
export const ANALYSIS_DELAY_MS = 0;

/**
 * Evaluations per tab, recomputed only when the tab's last valid scenario changes (its
 * `validRevision`), so an invalid keystroke costs nothing and switching tabs is instant.
 * Called inside a Solid computation, it tracks the tab's revision and issues.
 *
 * The edit path (docs/app.md, "Edit path"): an edit evaluates every strategy and case at once,
 * and the breakevens and sensitivity in the next task; until then they are the previous
 * inputs' (marked `analysisPending`). The evaluation's `breakevens` and `sensitivity` read a
 * signal, so only what shows them updates when they land. A tab's first evaluation is whole.
 */
export function createEvaluator(run: Run = evaluateScenario, analyse: Analyse = analyseEvaluation) {
  const cache = new Map<
    string,
    {
      revision: number;
      evaluation: Evaluation | null;
      error: string | null;
      pending: Accessor<boolean>;
      analysis: Accessor<Analysis> | null;
      timer?: ReturnType<typeof setTimeout>;
    }
  >();

  function resultsOf(tab: ScenarioTab): TabResults {
    const revision = tab.validRevision;
    const stale = tab.issues.length > 0;
    let entry = cache.get(tab.id);
    if (!entry || entry.revision !== revision) {
      const previous = entry;
      clearTimeout(previous?.timer);
      const scenario = unwrap(tab.lastValid);
      try {
        if (!previous?.analysis) {
          const evaluation = run(scenario);
          const [analysis] = createSignal<Analysis>(evaluation, { equals: false });
          entry = { revision, evaluation, error: null, pending: () => false, analysis };
        } else {
          const core = run(scenario, { breakevens: false, sensitivity: false });
          const [analysis, setAnalysis] = createSignal<Analysis>(previous.analysis(), {
            equals: false,
          });
          const [pending, setPending] = createSignal(true);
          const evaluation = withAnalysis(core, analysis);
          const next: NonNullable<typeof entry> = {
            revision,
            evaluation,
            error: null,
            pending,
            analysis,
          };
          next.timer = setTimeout(() => {
            if (cache.get(tab.id) !== next) return;
            try {
              // The breakevens and tornado alone, on the models the edit's evaluation built (no
              // second validation, model or strategy): `evaluate`'s numbers bit for bit
              // (test/engine/analysis.test.ts).
              setAnalysis(analyse(core));
            } finally {
              setPending(false);
            }
          }, ANALYSIS_DELAY_MS);
          entry = next;
        }
      } catch (error) {
        // Keep what was on screen: a failing engine must not blank the page either.
        const message = error instanceof Error ? error.message : String(error);
        entry = {
          revision,
          evaluation: previous?.evaluation ?? null,
          error: message,
          pending: () => false,
          analysis: previous?.analysis ?? null,
        };
      }
      cache.set(tab.id, entry);
    }
    return {
      evaluation: entry.evaluation,
      stale,
      engineError: entry.error,
      get analysisPending() {
        return entry.pending();
      },
    };
  }

  /** Drops cached evaluations of tabs that no longer exist. */
  function prune(liveIds: ReadonlySet<string>): void {
    for (const [id, entry] of cache) {
      if (liveIds.has(id)) continue;
      clearTimeout(entry.timer);
      cache.delete(id);
    }
  }

  return { resultsOf, prune };
}

/**
 * The evaluation with its breakevens and sensitivity read from `analysis` (a signal), and the
 * engine's decision restated when they arrive (its breakevens and BTC clause depend on them).
 */
function withAnalysis(core: Evaluation, analysis: Accessor<Analysis>): Evaluation {
  const evaluation = { ...core };
  let decidedFor: Analysis | null = null;
  let decision = core.decision;
  Object.defineProperties(evaluation, {
    breakevens: { get: () => analysis().breakevens, enumerable: true },
    sensitivity: { get: () => analysis().sensitivity, enumerable: true },
    decision: {
      get: () => {
        const current = analysis();
        if (current !== decidedFor) {
          decidedFor = current;
          decision = decideOnBoardView({ ...core, breakevens: current.breakevens });
        }
        return decision;
      },
      enumerable: true,
    },
  });
  return evaluation;
}
