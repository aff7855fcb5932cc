import { type JSX, lazy, Show, Suspense } from 'solid-js';
import { getAt } from '../../state/paths';
import type { Palette } from '../charts/theme';
import { useApp } from '../context';
import { formatNumber } from '../format';
import { CheckboxControl, SelectControl } from '../inputs/controls';
import { Field, fieldId } from '../inputs/Field';
import type { FieldDef } from '../inputs/fieldDefs';

// The figures, charts and tables load in their own chunk when the first result arrives (a run
// takes longer than that), keeping them out of the page's initial JavaScript.
const UncertaintyResults = lazy(() => import('./UncertaintyResults'));

/**
 * "Uncertainty (Monte Carlo)": the run's controls and progress, then the last completed result
 * of the active tab — ΔNPV histogram, probability gauge, fans, percentile tables and the best
 * waiting rule. The section carries the run bookkeeping as data attributes (`data-status`,
 * `data-run-id`, `data-shown-run-id`, `data-cancelled-runs`, `data-elapsed-ms`) for tests and
 * benchmarks.
 */
export function UncertaintySection(props: { palette: Palette }): JSX.Element {
  const app = useApp();
  const mc = app.uncertainty;
  return (
    <section
      aria-labelledby="uncertainty-title"
      class="panel uncertainty"
      id="uncertainty"
      data-status={mc.status()}
      data-run-id={mc.runId()}
      data-shown-run-id={mc.shown()?.runId ?? 0}
      data-current={mc.current() ? 'true' : 'false'}
      data-cancelled-runs={mc.cancelledRuns()}
      data-elapsed-ms={mc.shown()?.elapsedMs.toFixed(1) ?? ''}
      data-workers={mc.workerCount}
    >
      <div class="panel-head">
        <h2 id="uncertainty-title">Uncertainty (Monte Carlo)</h2>
      </div>
      <p class="section-note">
        Thousands of BTC price paths around the price case, with network difficulty following
        hashprice; every strategy is valued on every path. It runs in the background and, unless
        runs are on request, restarts when the inputs change.
      </p>
      <div class="mc-controls">
        <PathsField />
        <Field def={SEED_FIELD} />
        <AutomaticRunsField />
        <RunStatus />
      </div>
      <Show when={mc.error()}>
        <p class="engine-error" role="alert">
          The Monte Carlo could not run: {mc.error()}
          {mc.shown() ? ' The figures below are from an earlier run.' : ''}
        </p>
      </Show>
      <Show
        when={mc.shown()}
        fallback={
          <Show when={mc.status() === 'scheduled' || mc.status() === 'running'}>
            <p class="empty">The first results appear when the run completes.</p>
          </Show>
        }
      >
        {(run) => (
          <Suspense fallback={<p class="empty">Loading the charts…</p>}>
            <UncertaintyResults
              run={run()}
              palette={props.palette}
              stale={mc.current() ? null : mc.updating() ? 'updating' : 'out-of-date'}
            />
          </Suspense>
        )}
      </Show>
    </section>
  );
}

const PATHS_PATH = ['monteCarlo', 'paths'] as const;
const PATH_CHOICES = [1_000, 10_000, 100_000];
/** Measured by `npm run bench` on a 2-core machine (docs/benchmarks.md), until a run here. */
const MEASURED_RUN_TIMES =
  'About 0.5 s for 10,000 and 3 s for 100,000 on a 2-core laptop; longer while it is busy.';

function formatSeconds(seconds: number): string {
  return seconds < 1 ? `${formatNumber(seconds, 1, 1)} s` : `${formatNumber(seconds, 0)} s`;
}
const SEED_FIELD: FieldDef = { kind: 'number', path: ['monteCarlo', 'seed'], label: 'Seed' };

/** The path count as a choice of three; a count from a file that is not one stays shown. */
function PathsField(): JSX.Element {
  const app = useApp();
  const id = fieldId(PATHS_PATH);
  const value = () =>
    getAt(app.activeTab().draft, PATHS_PATH) ?? app.activeTab().lastValid.monteCarlo.paths;
  const runTimeHint = () => {
    const run = app.uncertainty.shown();
    if (!run || run.result.pathsEvaluated < 1_000) return MEASURED_RUN_TIMES;
    // This computer's own pace, from the last run: the time grows with the paths.
    const secondsPer100k = (run.elapsedMs / run.result.pathsEvaluated) * 100;
    return `On this computer, about ${formatSeconds(secondsPer100k / 10)} for 10,000 and ${formatSeconds(secondsPer100k)} for 100,000 (from the last run).`;
  };
  return (
    <div class="field">
      <label for={id}>Paths</label>
      <div class="control">
        <SelectControl
          id={id}
          describedBy={`${id}-hint`}
          invalid={false}
          value={String(value())}
          options={PATH_CHOICES.map((n) => ({ value: String(n), label: formatNumber(n, 0) }))}
          onValue={(text) => app.workspace.setField(PATHS_PATH, Number(text))}
        />
      </div>
      <p class="hint" id={`${id}-hint`}>
        More paths, narrower intervals. {runTimeHint()}
      </p>
    </div>
  );
}

/**
 * Whether a change starts a run by itself. A workspace preference, like the theme, not an input
 * of the scenario: it changes when figures appear, never what they are.
 */
function AutomaticRunsField(): JSX.Element {
  const app = useApp();
  return (
    <div class="field field-checkbox mc-automatic">
      <label for="mc-automatic">Run after every change</label>
      <div class="control">
        <CheckboxControl
          id="mc-automatic"
          describedBy="mc-automatic-hint"
          invalid={false}
          value={app.workspace.state.monteCarloRuns === 'automatic'}
          onValue={(checked) =>
            app.workspace.setMonteCarloRuns(checked ? 'automatic' : 'on-request')
          }
        />
      </div>
      <p class="hint" id="mc-automatic-hint">
        Off: the figures stay as they are, marked out of date, until you press Run.
      </p>
    </div>
  );
}

/** Progress bar, what the run is doing, and Cancel (in flight) or Run (stopped). */
function RunStatus(): JSX.Element {
  const app = useApp();
  const mc = app.uncertainty;
  const percent = () => Math.round(mc.progress() * 100);
  const paths = () => formatNumber(app.activeTab().lastValid.monteCarlo.paths, 0);
  const workers = () => (mc.workerCount === 1 ? '1 worker' : `${mc.workerCount} workers`);
  const inFlight = () => mc.status() === 'scheduled' || mc.status() === 'running';
  // Changes with the status only, not every chunk, so a screen reader is not flooded.
  const text = () => {
    switch (mc.status()) {
      case 'scheduled':
        return mc.shown() ? 'Inputs changed: updating…' : 'Starting…';
      case 'running':
        return `Running ${paths()} paths on ${workers()}…`;
      case 'done': {
        const run = mc.shown();
        return run
          ? `${formatNumber(run.result.pathsEvaluated, 0)} paths in ${formatNumber(run.elapsedMs / 1000, 2, 2)} s on ${workers()}.`
          : 'Done.';
      }
      case 'waiting':
        return mc.shown()
          ? 'Runs on request: press Run for the current inputs.'
          : 'Runs on request: press Run to simulate.';
      case 'cancelled':
        return mc.current() ? 'Cancelled.' : 'Cancelled: the figures below are for earlier inputs.';
      case 'error':
        return 'Stopped by an error.';
      case 'unavailable':
        return 'Not available in this browser.';
    }
  };
  return (
    <div class="mc-run">
      <div
        class="mc-progress"
        role="progressbar"
        aria-label="Monte Carlo progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent()}
        aria-valuetext={`${percent()}%`}
      >
        <div class="mc-progress-fill" style={{ width: `${percent()}%` }} />
      </div>
      <p class="mc-status" role="status" id="mc-status">
        {text()}
      </p>
      <Show when={inFlight()}>
        <button type="button" class="button-quiet" id="mc-cancel" onClick={() => mc.cancel()}>
          Cancel
        </button>
      </Show>
      <Show
        when={mc.status() === 'cancelled' || mc.status() === 'error' || mc.status() === 'waiting'}
      >
        <button type="button" class="button" id="mc-run" onClick={() => mc.restart()}>
          Run
        </button>
      </Show>
    </div>
  );
}
