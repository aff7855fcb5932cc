import type { MonteCarloChunk, MonteCarloResult } from '../engine/montecarlo/index';
import type { Tally } from '../engine/montecarlo/tally';

/**
 * The Monte Carlo worker's message protocol, as plain data and one pure handler, so it is
 * unit-tested without a Worker (montecarlo.worker.ts only wires it to `self`).
 *
 * A run is split across k workers by chunk index. Each worker evaluates its chunks one per task
 * (so a `cancel` or a newer `run` is read between chunks), folds them into one partial tally as
 * it goes (memory stays one tally per worker, whatever the path count) and posts it. The page
 * then hands every partial to one worker to `summarise` into the result, keeping the merge and
 * the quantiles off the main thread. Every message carries the page's run id; a message for any
 * other run than the page's latest is stale and dropped there.
 */

/** The run's fixed settings: the scenario's path count and seed, and the paths per chunk. */
export interface RunSettings {
  readonly paths: number;
  readonly seed: number;
  readonly chunkSize: number;
}

/** Page → worker. */
export type ToWorker =
  | {
      readonly type: 'run';
      readonly runId: number;
      readonly scenario: unknown;
      readonly settings: RunSettings;
      /** The chunks this worker evaluates, in this order. */
      readonly chunkIndices: readonly number[];
    }
  | { readonly type: 'cancel'; readonly runId: number }
  | {
      readonly type: 'summarise';
      readonly runId: number;
      readonly scenario: unknown;
      readonly settings: RunSettings;
      /** Every worker's partial: together, each chunk exactly once. */
      readonly partials: readonly MonteCarloChunk[];
    };

/** Worker → page. */
export type FromWorker =
  | {
      readonly type: 'progress';
      readonly runId: number;
      readonly chunkIndex: number;
      /** Paths in the chunk just finished. */
      readonly pathCount: number;
    }
  | { readonly type: 'partial'; readonly runId: number; readonly partial: MonteCarloChunk }
  | { readonly type: 'result'; readonly runId: number; readonly result: MonteCarloResult }
  /** The run stopped before its partial: cancelled, or superseded by a newer `run`. */
  | { readonly type: 'cancelled'; readonly runId: number }
  | { readonly type: 'error'; readonly runId: number; readonly message: string };

export type Post = (message: FromWorker, transfer?: Transferable[]) => void;

/** The engine calls the handler makes; injectable so tests can make one fail. */
export interface WorkerEngine {
  /** One chunk's paths, added to `into` (the worker's partial) when given. */
  readonly runChunk: (
    scenario: unknown,
    settings: RunSettings,
    chunkIndex: number,
    into?: Tally,
  ) => MonteCarloChunk;
  readonly mergeChunks: (
    scenario: unknown,
    settings: RunSettings,
    chunks: readonly MonteCarloChunk[],
  ) => MonteCarloResult;
}

interface ActiveRun {
  readonly runId: number;
  readonly scenario: unknown;
  readonly settings: RunSettings;
  readonly remaining: number[];
  partial: MonteCarloChunk | null;
}

export interface WorkerState {
  readonly engine: WorkerEngine;
  /** Queues the next chunk as a new task, so messages that arrived meanwhile are handled first. */
  readonly schedule: (task: () => void) => void;
  active: ActiveRun | null;
}

export function createWorkerState(
  engine: WorkerEngine,
  schedule: (task: () => void) => void,
): WorkerState {
  return { engine, schedule, active: null };
}

/** The buffers of a chunk's typed arrays, to transfer rather than copy (~5 MB per tally). */
export function tallyBuffers(chunk: MonteCarloChunk): ArrayBuffer[] {
  return Object.values(chunk.tally).flatMap((value) =>
    ArrayBuffer.isView(value) ? [value.buffer as ArrayBuffer] : [],
  );
}

/** What went wrong, in words: an Error's (or a DOMException's) message, else the value. */
export function errorText(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return String(error.message);
  }
  return String(error);
}

/** Handles one message from the page; `post` sends to the page. */
export function handleMessage(state: WorkerState, message: ToWorker, post: Post): void {
  switch (message.type) {
    case 'run': {
      // One run at a time: a newer run supersedes the one in progress.
      if (state.active) post({ type: 'cancelled', runId: state.active.runId });
      state.active = {
        runId: message.runId,
        scenario: message.scenario,
        settings: message.settings,
        remaining: [...message.chunkIndices],
        partial: null,
      };
      const runId = message.runId;
      state.schedule(() => step(state, runId, post));
      return;
    }
    case 'cancel': {
      if (state.active?.runId !== message.runId) return; // finished or superseded already
      state.active = null;
      post({ type: 'cancelled', runId: message.runId });
      return;
    }
    case 'summarise': {
      try {
        const result = state.engine.mergeChunks(
          message.scenario,
          message.settings,
          message.partials,
        );
        post({ type: 'result', runId: message.runId, result });
      } catch (error) {
        post({ type: 'error', runId: message.runId, message: errorText(error) });
      }
      return;
    }
  }
}

/** Evaluates the next chunk of run `runId`, unless it was cancelled or superseded meanwhile. */
function step(state: WorkerState, runId: number, post: Post): void {
  const run = state.active;
  if (run === null || run.runId !== runId) return;
  const chunkIndex = run.remaining.shift();
  if (chunkIndex !== undefined) {
    try {
      // Every chunk of the run streams into the first one's tally: one tally per worker and run.
      const chunk = state.engine.runChunk(
        run.scenario,
        run.settings,
        chunkIndex,
        run.partial?.tally,
      );
      if (run.partial === null) run.partial = chunk;
      else {
        run.partial = {
          ...run.partial,
          firstPath: Math.min(run.partial.firstPath, chunk.firstPath),
          pathCount: run.partial.pathCount + chunk.pathCount,
        };
      }
      post({ type: 'progress', runId, chunkIndex, pathCount: chunk.pathCount });
    } catch (error) {
      state.active = null;
      post({ type: 'error', runId, message: errorText(error) });
      return;
    }
  }
  if (run.remaining.length > 0) {
    state.schedule(() => step(state, runId, post));
    return;
  }
  state.active = null;
  if (run.partial === null) {
    post({ type: 'error', runId, message: 'the run was given no chunks' });
    return;
  }
  post({ type: 'partial', runId, partial: run.partial }, tallyBuffers(run.partial));
}
