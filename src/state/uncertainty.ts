import { type Accessor, createEffect, createMemo, createSignal, on, onCleanup } from 'solid-js';
import { unwrap } from 'solid-js/store';
import type { MonteCarloResult } from '../engine/montecarlo/index';
import type { Scenario } from '../schema/scenario';
import {
  createMonteCarloPool,
  type MonteCarloPool,
  type RunCallbacks,
  type WorkerLike,
} from '../workers/pool';
import { errorText } from '../workers/protocol';

/**
 * The Monte Carlo of the active tab, run in Web Workers (docs/app.md, "Uncertainty"): a run
 * starts ~300 ms after the tab's last valid scenario stops changing; a change cancels the run in
 * flight at once; the last completed result stays on screen, marked as updating, until the run
 * for the current inputs completes; results of any run but the latest are dropped. Nothing here
 * blocks input: the page only posts messages and stores the result. With runs on request
 * (`automatic` false) nothing starts by itself: a change leaves the status `waiting` until Run.
 */

export type UncertaintyStatus =
  /** Waiting for the inputs to settle before starting. */
  | 'scheduled'
  | 'running'
  | 'done'
  | 'cancelled'
  | 'error'
  /** Runs are on request and the shown result (if any) is not of the current inputs. */
  | 'waiting'
  /** No Web Workers in this environment (the section says so). */
  | 'unavailable';

/** What the Monte Carlo runs on: the active tab and its validated scenario. */
export interface UncertaintySource {
  readonly tabId: string;
  /** The tab's `validRevision`: a new value means new inputs. */
  readonly revision: number;
  readonly scenario: Scenario;
}

/** A completed run, kept per tab. */
export interface UncertaintyRun {
  readonly runId: number;
  readonly revision: number;
  /** The scenario it ran on (its calendar labels the fan charts' months). */
  readonly scenario: Scenario;
  readonly result: MonteCarloResult;
  /** From posting the run to receiving the merged result. */
  readonly elapsedMs: number;
}

export interface UncertaintyState {
  readonly status: Accessor<UncertaintyStatus>;
  /** Share of the run in flight done, 0…1, per chunk (1 once done). */
  readonly progress: Accessor<number>;
  /** The active tab's last completed run, possibly of earlier inputs (see `current`). */
  readonly shown: Accessor<UncertaintyRun | null>;
  /** The shown result is of the current inputs. */
  readonly current: Accessor<boolean>;
  /** A result is shown while a run for newer inputs is scheduled or in flight. */
  readonly updating: Accessor<boolean>;
  readonly error: Accessor<string | null>;
  /** The latest run started (0 before the first). */
  readonly runId: Accessor<number>;
  /** Runs stopped before they finished (inputs changed, tab switched, or Cancel). */
  readonly cancelledRuns: Accessor<number>;
  readonly workerCount: number;
  /** Stops the run in flight; the shown result stays. */
  readonly cancel: () => void;
  /** Runs now on the current inputs (after a cancel or an error). */
  readonly restart: () => void;
}

export interface UncertaintyOptions {
  readonly source: Accessor<UncertaintySource>;
  /** null: no workers here (jsdom, very old browsers). */
  readonly pool: MonteCarloPool | null;
  /** Whether a change starts a run by itself (default: always); else only `restart` runs. */
  readonly automatic?: Accessor<boolean>;
  /** Quiet time after the last change before a run starts. */
  readonly debounceMs?: number;
  /** Completed runs kept for switching back to a tab (oldest dropped first). */
  readonly keepRuns?: number;
}

export const DEFAULT_DEBOUNCE_MS = 300;

/**
 * Must run inside a Solid root. Cancels its run and disposes the pool on cleanup.
 */
export function createUncertainty(options: UncertaintyOptions): UncertaintyState {
  const pool = options.pool;
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const automatic = options.automatic ?? (() => true);
  const keepRuns = options.keepRuns ?? 8;
  const [status, setStatus] = createSignal<UncertaintyStatus>(pool ? 'scheduled' : 'unavailable');
  const [progress, setProgress] = createSignal(0);
  const [error, setError] = createSignal<string | null>(
    pool ? null : 'The Monte Carlo needs Web Workers, which this browser does not provide.',
  );
  const [runId, setRunId] = createSignal(0);
  const [cancelledRuns, setCancelledRuns] = createSignal(0);
  // Completed runs by tab id; the signal holds a new Map on every change.
  const [runs, setRuns] = createSignal<ReadonlyMap<string, UncertaintyRun>>(new Map());
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The latest run's token: callbacks of any other run are stale (a backstop: the pool already
  // drops their messages). A token, not the id, because a worker may answer before start returns.
  let latest: object | null = null;
  // What the run in flight is of (`tabId revision`), so turning runs back to automatic does not
  // restart a run the user already started for the same inputs.
  let inFlightOf: string | null = null;

  const shown = createMemo(() => runs().get(options.source().tabId) ?? null);
  const current = createMemo(() => shown()?.revision === options.source().revision);
  const updating = createMemo(
    () => shown() !== null && !current() && (status() === 'scheduled' || status() === 'running'),
  );

  function store(tabId: string, run: UncertaintyRun): void {
    const next = new Map(runs());
    next.delete(tabId);
    next.set(tabId, run);
    while (next.size > keepRuns) next.delete(next.keys().next().value!);
    setRuns(next);
  }

  function stopRun(): void {
    clearTimeout(timer);
    timer = undefined;
    latest = null;
    inFlightOf = null;
    if (pool?.cancel()) setCancelledRuns((n) => n + 1);
  }

  function start(): void {
    clearTimeout(timer);
    timer = undefined;
    if (!pool) return;
    const { tabId, revision, scenario } = options.source();
    setError(null);
    setProgress(0);
    setStatus('running');
    const token = {};
    latest = token;
    inFlightOf = `${tabId} ${revision}`;
    // The store's plain object: a proxy cannot be posted to a worker.
    const plain = unwrap(scenario);
    let id: number;
    try {
      id = pool.start(plain, callbacks(token, tabId, revision, plain));
    } catch (error) {
      // A worker that cannot even be constructed (e.g. refused by a policy).
      latest = null;
      setError(errorText(error));
      setStatus('error');
      return;
    }
    setRunId(id);
  }

  function callbacks(
    token: object,
    tabId: string,
    revision: number,
    plain: Scenario,
  ): RunCallbacks {
    return {
      onProgress: (p) => {
        if (token === latest) setProgress(p.chunksDone / p.chunkCount);
      },
      onResult: (result, run) => {
        if (token !== latest) return;
        inFlightOf = null;
        store(tabId, { ...run, revision, scenario: plain, result });
        setProgress(1);
        setStatus('done');
      },
      onError: (message) => {
        if (token !== latest) return;
        inFlightOf = null;
        setError(message);
        setStatus('error');
      },
    };
  }

  createEffect(
    on(
      () => [options.source().tabId, options.source().revision, automatic()] as const,
      ([tabId, revision, auto]) => {
        if (inFlightOf === `${tabId} ${revision}`) return; // already running on these inputs
        stopRun();
        if (!pool) return;
        if (runs().get(tabId)?.revision === revision) {
          // Back on a tab whose result is of its current inputs: nothing to run.
          setStatus('done');
          setProgress(1);
          return;
        }
        if (!auto) {
          setProgress(0);
          setStatus('waiting');
          return;
        }
        setStatus('scheduled');
        timer = setTimeout(start, debounceMs);
      },
    ),
  );

  onCleanup(() => {
    clearTimeout(timer);
    pool?.dispose();
  });

  return {
    status,
    progress,
    shown,
    current,
    updating,
    error,
    runId,
    cancelledRuns,
    workerCount: pool?.workerCount ?? 0,
    cancel: () => {
      if (!pool) return;
      stopRun();
      setStatus('cancelled');
    },
    restart: () => {
      if (!pool) return;
      stopRun();
      start();
    },
  };
}

/**
 * Workers per run: `?mc-workers=N` (1–8, for benchmarks), else one core is left to the page —
 * typing must stay smooth while a run is in flight — and at most 2 are used: 1 worker on a 2-core
 * machine, 2 from 3 cores up. Results do not depend on it.
 */
export function defaultWorkerCount(
  search = typeof location === 'undefined' ? '' : location.search,
  cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1,
): number {
  const override = Number(new URLSearchParams(search).get('mc-workers'));
  if (Number.isInteger(override) && override >= 1 && override <= 8) return override;
  return Math.min(2, Math.max(1, cores - 1));
}

/** The browser's pool of Monte Carlo workers, or null where there are no Web Workers. */
export function createBrowserPool(workerCount = defaultWorkerCount()): MonteCarloPool | null {
  if (typeof Worker === 'undefined') return null;
  return createMonteCarloPool(
    () =>
      new Worker(new URL('../workers/montecarlo.worker.ts', import.meta.url), {
        type: 'module',
      }) as unknown as WorkerLike,
    workerCount,
  );
}
