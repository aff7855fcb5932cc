import type { MonteCarloChunk, MonteCarloResult } from '../engine/montecarlo/index';
import type { Scenario } from '../schema/scenario';
import type {
  WorkerFactory as ClientWorkerFactory,
  WorkerLike as ClientWorkerLike,
} from './client';
import { type FromWorker, type RunSettings, type ToWorker, tallyBuffers } from './protocol';

/**
 * The page's side of the Monte Carlo workers: k workers share a run by chunk index, their
 * partial tallies go to the first worker to be summarised, and only messages of the latest run
 * are acted on. Plain TypeScript over a {@link WorkerLike}, so tests drive it with a fake worker.
 */

/** The part of `Worker` the pool uses (client.ts, typed by the Monte Carlo messages). */
export type WorkerLike = ClientWorkerLike<ToWorker, FromWorker>;

export type WorkerFactory = ClientWorkerFactory<ToWorker, FromWorker>;

export interface RunProgress {
  readonly chunksDone: number;
  readonly chunkCount: number;
  readonly pathsDone: number;
  readonly paths: number;
}

export interface RunCallbacks {
  readonly onProgress: (progress: RunProgress) => void;
  /** `elapsedMs`: from posting the run to receiving the merged result. */
  readonly onResult: (
    result: MonteCarloResult,
    run: { readonly runId: number; readonly elapsedMs: number },
  ) => void;
  readonly onError: (message: string) => void;
}

export interface MonteCarloPool {
  readonly workerCount: number;
  /** Starts a run of the scenario's `monteCarlo` paths and seed (cancelling any in flight). */
  start(scenario: Scenario, callbacks: RunCallbacks): number;
  /** Stops the run in flight; true if there was one. Its late messages are dropped. */
  cancel(): boolean;
  /** Messages dropped because their run was no longer the latest (for tests and the page). */
  readonly staleMessages: () => number;
  dispose(): void;
}

/** Paths per chunk: ~10 progress steps, at least 250 paths (a chunk's merge costs ~5 ms), at most 2,500. */
export function chunkSizeFor(paths: number): number {
  return Math.min(2500, Math.max(250, Math.ceil(paths / 10)));
}

export function runSettingsOf(scenario: Scenario): RunSettings {
  const { paths, seed } = scenario.monteCarlo;
  return { paths, seed, chunkSize: chunkSizeFor(paths) };
}

/**
 * The chunk indices of each worker: round robin, so every worker advances through the paths at
 * the same pace; workers beyond the chunk count get none and are left out.
 */
export function assignChunks(chunkCount: number, workers: number): number[][] {
  const used = Math.max(1, Math.min(workers, chunkCount));
  const lists = Array.from({ length: used }, () => [] as number[]);
  for (let chunk = 0; chunk < chunkCount; chunk += 1) lists[chunk % used]!.push(chunk);
  return lists;
}

interface CurrentRun {
  readonly runId: number;
  readonly scenario: Scenario;
  readonly settings: RunSettings;
  readonly chunkCount: number;
  readonly workersUsed: number;
  readonly callbacks: RunCallbacks;
  readonly startedMs: number;
  readonly partials: MonteCarloChunk[];
  chunksDone: number;
  pathsDone: number;
  summarising: boolean;
}

export function createMonteCarloPool(
  factory: WorkerFactory,
  workerCount: number,
  now: () => number = () => performance.now(),
): MonteCarloPool {
  const count = Math.max(1, Math.floor(workerCount));
  let workers: WorkerLike[] | null = null;
  let current: CurrentRun | null = null;
  let lastRunId = 0;
  let stale = 0;

  function ensureWorkers(): WorkerLike[] {
    if (workers) return workers;
    const created: WorkerLike[] = [];
    try {
      for (let i = 0; i < count; i += 1) created.push(factory());
    } catch (error) {
      for (const worker of created) worker.terminate();
      throw error;
    }
    for (const worker of created) {
      worker.onmessage = (event) => receive(event.data);
      // A worker that fails to load or throws outside the handler is replaced on the next run.
      worker.onerror = (event) => {
        event.preventDefault?.();
        discardWorkers();
        fail(`the Monte Carlo worker stopped: ${event.message || 'it could not be loaded'}`);
      };
    }
    workers = created;
    return created;
  }

  function discardWorkers(): void {
    for (const worker of workers ?? []) worker.terminate();
    workers = null;
  }

  function fail(message: string): void {
    const run = current;
    if (!run) return;
    stopWorkers(run);
    current = null;
    run.callbacks.onError(message);
  }

  function stopWorkers(run: CurrentRun): void {
    if (run.summarising || !workers) return;
    for (const worker of workers.slice(0, run.workersUsed)) {
      worker.postMessage({ type: 'cancel', runId: run.runId });
    }
  }

  function receive(message: FromWorker): void {
    const run = current;
    if (!run || message.runId !== run.runId) {
      stale += 1;
      return;
    }
    switch (message.type) {
      case 'progress':
        run.chunksDone += 1;
        run.pathsDone += message.pathCount;
        run.callbacks.onProgress({
          chunksDone: run.chunksDone,
          chunkCount: run.chunkCount,
          pathsDone: run.pathsDone,
          paths: run.settings.paths,
        });
        return;
      case 'partial': {
        run.partials.push(message.partial);
        if (run.partials.length < run.workersUsed) return;
        run.summarising = true;
        ensureWorkers()[0]!.postMessage(
          {
            type: 'summarise',
            runId: run.runId,
            scenario: run.scenario,
            settings: run.settings,
            partials: run.partials,
          },
          { transfer: run.partials.flatMap(tallyBuffers) },
        );
        return;
      }
      case 'result':
        current = null;
        run.callbacks.onResult(message.result, {
          runId: run.runId,
          elapsedMs: now() - run.startedMs,
        });
        return;
      case 'error':
        fail(message.message);
        return;
      case 'cancelled':
        // Only sent for runs the page cancelled or replaced, which are no longer current.
        return;
    }
  }

  function cancel(): boolean {
    const run = current;
    if (!run) return false;
    stopWorkers(run);
    current = null;
    return true;
  }

  return {
    workerCount: count,
    start(scenario, callbacks) {
      cancel();
      const pool = ensureWorkers();
      const settings = runSettingsOf(scenario);
      const chunkCount = Math.ceil(settings.paths / settings.chunkSize);
      const lists = assignChunks(chunkCount, pool.length);
      lastRunId += 1;
      const run: CurrentRun = {
        runId: lastRunId,
        scenario,
        settings,
        chunkCount,
        workersUsed: lists.length,
        callbacks,
        startedMs: now(),
        partials: [],
        chunksDone: 0,
        pathsDone: 0,
        summarising: false,
      };
      current = run;
      lists.forEach((chunkIndices, index) => {
        pool[index]!.postMessage({
          type: 'run',
          runId: run.runId,
          scenario,
          settings,
          chunkIndices,
        });
      });
      return run.runId;
    },
    cancel,
    staleMessages: () => stale,
    dispose() {
      current = null;
      discardWorkers();
    },
  };
}
