import { describe, expect, it } from 'vitest';
import { type MonteCarloChunk, runMonteCarlo } from '../../src/engine/montecarlo/index';
import { assignChunks, chunkSizeFor, runSettingsOf } from '../../src/workers/pool';
import {
  createWorkerState,
  type FromWorker,
  handleMessage,
  type RunSettings,
  type ToWorker,
  tallyBuffers,
  type WorkerEngine,
} from '../../src/workers/protocol';
import { realEngine, texasScenario } from './uncertaintySupport';

/**
 * The worker's message handler as a pure function: a manual task queue stands in for the
 * worker's event loop, so each test decides what arrives between two chunks.
 */

const scenario = texasScenario(1000);
const settings: RunSettings = { paths: 1000, seed: 42, chunkSize: 250 };

interface Posted {
  readonly message: FromWorker;
  readonly transfer: Transferable[] | undefined;
}

function harness(engine: WorkerEngine = realEngine) {
  const tasks: (() => void)[] = [];
  const posted: Posted[] = [];
  const state = createWorkerState(engine, (task) => tasks.push(task));
  return {
    state,
    posted,
    tasks,
    messages: () => posted.map((p) => p.message),
    send: (message: ToWorker) =>
      handleMessage(state, message, (reply, transfer) => posted.push({ message: reply, transfer })),
    step: () => tasks.shift()?.(),
    drain: () => {
      while (tasks.length > 0) tasks.shift()!();
    },
  };
}

const run = (runId: number, chunkIndices: number[]): ToWorker => ({
  type: 'run',
  runId,
  scenario,
  settings,
  chunkIndices,
});

function partialOf(messages: FromWorker[]): MonteCarloChunk {
  const partial = messages.find((m) => m.type === 'partial');
  if (partial?.type !== 'partial') throw new Error('no partial');
  return partial.partial;
}

describe('worker protocol: a run', () => {
  it('posts one progress event per chunk, in order, then its partial with the buffers transferred', () => {
    const worker = harness();
    worker.send(run(7, [0, 1, 2, 3]));
    expect(worker.posted).toEqual([]); // nothing runs inside the message handler itself
    worker.drain();
    const messages = worker.messages();
    expect(messages.map((m) => m.type)).toEqual([
      'progress',
      'progress',
      'progress',
      'progress',
      'partial',
    ]);
    expect(messages.every((m) => m.runId === 7)).toBe(true);
    expect(messages.flatMap((m) => (m.type === 'progress' ? [m.chunkIndex] : []))).toEqual([
      0, 1, 2, 3,
    ]);
    expect(messages.flatMap((m) => (m.type === 'progress' ? [m.pathCount] : []))).toEqual([
      250, 250, 250, 250,
    ]);
    const last = worker.posted.at(-1)!;
    const partial = partialOf(messages);
    expect(partial.pathCount).toBe(1000);
    expect(partial.tally.paths).toBe(1000);
    expect(last.transfer).toEqual(tallyBuffers(partial));
    expect(last.transfer!.length).toBeGreaterThanOrEqual(8);
    expect(worker.state.active).toBeNull();
  });

  it('summarises partials into exactly the single-threaded result', () => {
    const worker = harness();
    worker.send(run(1, [0, 1, 2, 3]));
    worker.drain();
    worker.send({
      type: 'summarise',
      runId: 1,
      scenario,
      settings,
      partials: [partialOf(worker.messages())],
    });
    const result = worker.messages().at(-1)!;
    expect(result.type).toBe('result');
    if (result.type !== 'result') return;
    expect(result.runId).toBe(1);
    expect(result.result).toStrictEqual(runMonteCarlo(scenario, settings));
  });

  it('gives bit-identical results with 1, 2 or 3 workers and partials merged in any order', () => {
    const reference = runMonteCarlo(scenario, settings);
    const chunkCount = 4;
    for (const workers of [1, 2, 3]) {
      const partials = assignChunks(chunkCount, workers).map((chunks, index) => {
        const worker = harness();
        worker.send(run(index + 1, chunks));
        worker.drain();
        return partialOf(worker.messages());
      });
      expect(partials).toHaveLength(workers);
      for (const order of [partials, [...partials].reverse()]) {
        const summariser = harness();
        summariser.send({ type: 'summarise', runId: 9, scenario, settings, partials: order });
        const message = summariser.messages()[0]!;
        if (message.type !== 'result') throw new Error(`no result: ${JSON.stringify(message)}`);
        expect(message.result, `${workers} workers`).toStrictEqual(reference);
      }
    }
  });
});

describe('worker protocol: cancellation and run ids', () => {
  it('stops a run cancelled mid-way: no further progress and no partial', () => {
    const worker = harness();
    worker.send(run(3, [0, 1, 2, 3]));
    worker.step();
    worker.step();
    worker.send({ type: 'cancel', runId: 3 });
    worker.drain();
    expect(worker.messages().map((m) => m.type)).toEqual(['progress', 'progress', 'cancelled']);
    expect(worker.messages().every((m) => m.runId === 3)).toBe(true);
    expect(worker.state.active).toBeNull();
  });

  it('ignores a cancel for a run it is not running (finished, superseded or unknown)', () => {
    const worker = harness();
    worker.send({ type: 'cancel', runId: 99 });
    worker.send(run(4, [0]));
    worker.drain();
    worker.send({ type: 'cancel', runId: 4 });
    expect(worker.messages().map((m) => `${m.type}:${m.runId}`)).toEqual([
      'progress:4',
      'partial:4',
    ]);
  });

  it('lets a newer run supersede the one in progress; the old one posts nothing more', () => {
    const worker = harness();
    worker.send(run(5, [0, 1, 2, 3]));
    worker.step();
    worker.send(run(6, [0, 1]));
    // Run 5's next chunk is still queued: it must find itself superseded and do nothing.
    worker.drain();
    expect(worker.messages().map((m) => `${m.type}:${m.runId}`)).toEqual([
      'progress:5',
      'cancelled:5',
      'progress:6',
      'progress:6',
      'partial:6',
    ]);
    expect(partialOf(worker.messages()).pathCount).toBe(500);
  });

  it('answers a summarise with its run id, whatever ran before', () => {
    const worker = harness();
    worker.send(run(1, [0, 1, 2, 3]));
    worker.drain();
    const partial = partialOf(worker.messages());
    worker.send(run(2, [0]));
    worker.send({ type: 'summarise', runId: 1, scenario, settings, partials: [partial] });
    expect(worker.messages().at(-1)).toMatchObject({ type: 'result', runId: 1 });
  });
});

describe('worker protocol: errors', () => {
  it('reports an engine failure on a chunk with the run id and stops the run', () => {
    let calls = 0;
    const failing: WorkerEngine = {
      ...realEngine,
      runChunk: (...args) => {
        calls += 1;
        if (calls === 2) throw new RangeError('chunk 1 failed');
        return realEngine.runChunk(...args);
      },
    };
    const worker = harness(failing);
    worker.send(run(8, [0, 1, 2, 3]));
    worker.drain();
    expect(worker.messages()).toEqual([
      { type: 'progress', runId: 8, chunkIndex: 0, pathCount: 250 },
      { type: 'error', runId: 8, message: 'chunk 1 failed' },
    ]);
    expect(worker.state.active).toBeNull();
  });

  it('reports an invalid scenario, naming the problem', () => {
    const worker = harness();
    worker.send({
      type: 'run',
      runId: 2,
      scenario: { ...scenario, horizonMonths: -1 },
      settings,
      chunkIndices: [0],
    });
    worker.drain();
    const [message] = worker.messages();
    expect(message).toMatchObject({ type: 'error', runId: 2 });
    expect(message?.type === 'error' && message.message).toMatch(/horizonMonths/);
  });

  it('reports a summarise that cannot merge (too few paths, a chunk given twice)', () => {
    const worker = harness();
    worker.send({ type: 'summarise', runId: 4, scenario, settings, partials: [] });
    worker.send(run(5, [0]));
    worker.drain();
    const partial = partialOf(worker.messages());
    worker.send({ type: 'summarise', runId: 5, scenario, settings, partials: [partial, partial] });
    const errors = worker.messages().filter((m) => m.type === 'error');
    expect(errors.map((m) => m.runId)).toEqual([4, 5]);
    expect(errors[0]?.type === 'error' && errors[0].message).toMatch(/at least 2 paths/);
    expect(errors[1]?.type === 'error' && errors[1].message).toMatch(/given twice/);
  });
});

describe('splitting a run', () => {
  it('sizes chunks for about ten progress steps within 250 … 2,500 paths', () => {
    expect([100, 1000, 10_000, 100_000, 1_000_000].map(chunkSizeFor)).toEqual([
      250, 250, 1000, 2500, 2500,
    ]);
    expect(runSettingsOf(texasScenario(10_000, 7))).toEqual({
      paths: 10_000,
      seed: 7,
      chunkSize: 1000,
    });
  });

  it('deals chunks round robin and leaves out workers that would get none', () => {
    expect(assignChunks(5, 2)).toEqual([
      [0, 2, 4],
      [1, 3],
    ]);
    expect(assignChunks(1, 2)).toEqual([[0]]);
    expect(assignChunks(4, 1)).toEqual([[0, 1, 2, 3]]);
  });
});
