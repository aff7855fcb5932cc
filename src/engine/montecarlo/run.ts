import type { Scenario } from '../../schema/scenario';
import { assertScenario } from '../../schema/validate';
import { type MonteCarloContext, prepareContext } from './context';
import { accumulatePaths } from './evaluatePaths';
import { type MonteCarloResult, type RunSettings, summarise } from './results';
import { MAX_SEED } from './rng';
import { createTally, mergeTally, type Tally } from './tally';

/**
 * Running the Monte Carlo: all at once ({@link runMonteCarlo}) or chunk by chunk for Web Workers
 * ({@link runChunk} + {@link mergeChunks}). Chunk c holds paths `c × chunkSize …` and each path
 * draws from its own random stream (rng.ts), and every summary merges exactly (counts, exact
 * sums, min/max), so the result depends only on the scenario, the seed and the path count: not
 * on the chunk size, the number of workers or the order chunks finish in.
 */

/** Paths and seed override the scenario's `monteCarlo` section; chunkSize only paces the work. */
export interface MonteCarloSettings {
  readonly paths?: number;
  readonly seed?: number;
  /** Paths per chunk (default 1,000): the granularity of progress, cancellation and workers. */
  readonly chunkSize?: number;
}

export interface MonteCarloProgress {
  readonly chunksDone: number;
  readonly chunkCount: number;
  readonly pathsDone: number;
  readonly paths: number;
}

export interface MonteCarloOptions extends MonteCarloSettings {
  /** Called after each chunk. */
  readonly onProgress?: (progress: MonteCarloProgress) => void;
  /** Checked before each chunk; true stops the run with {@link MonteCarloCancelledError}. */
  readonly shouldCancel?: () => boolean;
}

export class MonteCarloCancelledError extends Error {
  constructor(readonly progress: MonteCarloProgress) {
    super(`Monte Carlo cancelled after ${progress.pathsDone} of ${progress.paths} paths`);
    this.name = 'MonteCarloCancelledError';
  }
}

export const DEFAULT_CHUNK_SIZE = 1000;
/** Exact sums hold up to 2^21 paths (exactSum.ts); the schema allows 1,000,000. */
export const MAX_PATHS = 1_000_000;

/** A validated scenario with everything the paths need, built once per scenario and settings. */
export interface PreparedMonteCarlo {
  readonly settings: RunSettings;
  readonly chunkCount: number;
  readonly context: MonteCarloContext;
}

/**
 * The result of one chunk: its tally (typed arrays, transferable with `postMessage`) and where it
 * belongs.
 */
export interface MonteCarloChunk {
  readonly chunkIndex: number;
  readonly firstPath: number;
  readonly pathCount: number;
  readonly tally: Tally;
}

function resolveSettings(scenario: Scenario, settings: MonteCarloSettings): RunSettings {
  const paths = settings.paths ?? scenario.monteCarlo.paths;
  const seed = settings.seed ?? scenario.monteCarlo.seed;
  const chunkSize = settings.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(paths) || paths < 2 || paths > MAX_PATHS) {
    throw new RangeError(`paths = ${paths}: must be a whole number from 2 to ${MAX_PATHS}`);
  }
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(`seed = ${seed}: must be a whole number from 0 to ${MAX_SEED}`);
  }
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize = ${chunkSize}: must be a whole number from 1`);
  }
  return { paths, seed, chunkSize };
}

// The last preparation, reused while a worker is handed the same scenario and settings. Keyed by
// content, not identity: a caller may edit a scenario object in place between runs.
let lastPrepared: { key: string; prepared: PreparedMonteCarlo } | undefined;

/**
 * Validates the scenario (throwing `ScenarioError` with every problem) and builds the context: the
 * deterministic centre paths and strategy NPVs, the mining kernel, the lease part of every plan
 * and the rule grid. The last one is cached (by the scenario's JSON and the settings).
 */
export function prepareMonteCarlo(
  scenarioInput: unknown,
  settings: MonteCarloSettings = {},
): PreparedMonteCarlo {
  const key = JSON.stringify([scenarioInput, settings.paths, settings.seed, settings.chunkSize]);
  if (lastPrepared !== undefined && lastPrepared.key === key) return lastPrepared.prepared;
  const scenario = assertScenario(scenarioInput);
  const resolved = resolveSettings(scenario, settings);
  const prepared = {
    settings: resolved,
    chunkCount: Math.ceil(resolved.paths / resolved.chunkSize),
    context: prepareContext(scenario, resolved.seed),
  };
  lastPrepared = { key, prepared };
  return prepared;
}

function chunkPaths(prepared: PreparedMonteCarlo, chunkIndex: number) {
  const { chunkSize, paths } = prepared.settings;
  if (!Number.isInteger(chunkIndex) || chunkIndex < 0 || chunkIndex >= prepared.chunkCount) {
    throw new RangeError(
      `chunkIndex = ${chunkIndex}: must be a whole number below ${prepared.chunkCount}`,
    );
  }
  const firstPath = chunkIndex * chunkSize;
  return { firstPath, pathCount: Math.min(chunkSize, paths - firstPath) };
}

/**
 * Evaluates one chunk of paths (in a worker: prepare once, then call per chunk). With `into`, the
 * chunk's paths are added to that tally (a worker's running partial, of the same run) and the
 * chunk carries it: a fresh tally is ~7 MB of new memory, whose first touch cost ~20 ms a chunk.
 */
export function runChunk(
  scenario: unknown,
  settings: MonteCarloSettings,
  chunkIndex: number,
  into?: Tally,
): MonteCarloChunk {
  const prepared = prepareMonteCarlo(scenario, settings);
  const { firstPath, pathCount } = chunkPaths(prepared, chunkIndex);
  const tally = into ?? createTally(prepared.context.layout);
  accumulatePaths(prepared.context, tally, firstPath, pathCount);
  return { chunkIndex, firstPath, pathCount, tally };
}

/**
 * Merges chunks (any order; each index at most once) into the result. With every chunk it is the
 * full run's result, bit for bit; with some, the result of those paths.
 */
export function mergeChunks(
  scenario: unknown,
  settings: MonteCarloSettings,
  chunks: readonly MonteCarloChunk[],
): MonteCarloResult {
  const prepared = prepareMonteCarlo(scenario, settings);
  const seen = new Set<number>();
  const total = createTally(prepared.context.layout);
  for (const chunk of chunks) {
    if (seen.has(chunk.chunkIndex)) {
      throw new RangeError(`chunk ${chunk.chunkIndex} is given twice`);
    }
    seen.add(chunk.chunkIndex);
    mergeTally(total, chunk.tally);
  }
  if (total.paths < 2) throw new RangeError('at least 2 paths are needed for a result');
  return summarise(prepared.context, total, prepared.settings);
}

/**
 * Runs every chunk in this thread, streaming them into one set of summary buffers, with progress
 * after each chunk and cancellation checked before each.
 *
 * @example runMonteCarlo(scenario, { paths: 10_000, seed: 42 }).strategies[1].npv.meanUsd
 */
export function runMonteCarlo(
  scenario: unknown,
  options: MonteCarloOptions = {},
): MonteCarloResult {
  const { onProgress, shouldCancel, ...settings } = options;
  const prepared = prepareMonteCarlo(scenario, settings);
  const tally = createTally(prepared.context.layout);
  const progress = (chunksDone: number): MonteCarloProgress => ({
    chunksDone,
    chunkCount: prepared.chunkCount,
    pathsDone: tally.paths,
    paths: prepared.settings.paths,
  });
  for (let chunk = 0; chunk < prepared.chunkCount; chunk += 1) {
    if (shouldCancel?.()) throw new MonteCarloCancelledError(progress(chunk));
    const { firstPath, pathCount } = chunkPaths(prepared, chunk);
    accumulatePaths(prepared.context, tally, firstPath, pathCount);
    onProgress?.(progress(chunk + 1));
  }
  return summarise(prepared.context, tally, prepared.settings);
}
