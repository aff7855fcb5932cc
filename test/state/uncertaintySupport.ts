import { mergeChunks, runChunk } from '../../src/engine/montecarlo/index';
import type { Scenario } from '../../src/schema/scenario';
import { assertScenario } from '../../src/schema/validate';
import { DEFAULT_PRESET_ID, findPreset } from '../../src/state/presets';
import type { WorkerLike } from '../../src/workers/pool';
import {
  createWorkerState,
  type FromWorker,
  handleMessage,
  type ToWorker,
  type WorkerEngine,
  type WorkerState,
} from '../../src/workers/protocol';

/**
 * Test doubles for the Monte Carlo workers: an event loop that runs queued tasks one at a time
 * (so a test decides what happens between two chunks), and a fake Worker that runs the real
 * protocol handler and the real engine on that loop, messages structured-cloned as a browser
 * would.
 */

export const realEngine: WorkerEngine = { runChunk, mergeChunks };

/** The Texas preset (the app's default) with a small path count, validated. */
export function texasScenario(paths = 1000, seed = 42): Scenario {
  const texas = structuredClone(findPreset(DEFAULT_PRESET_ID)!.scenario);
  return assertScenario({ ...texas, monteCarlo: { ...texas.monteCarlo, paths, seed } });
}

export class EventLoop {
  private readonly tasks: (() => void)[] = [];

  push(task: () => void): void {
    this.tasks.push(task);
  }

  get pending(): number {
    return this.tasks.length;
  }

  /** Runs the oldest task; false when there was none. */
  step(): boolean {
    const task = this.tasks.shift();
    task?.();
    return task !== undefined;
  }

  /** Runs tasks until none are left (tasks may queue more). */
  drain(limit = 100_000): void {
    for (let i = 0; i < limit; i += 1) if (!this.step()) return;
    throw new Error('the event loop did not settle');
  }

  /** Runs tasks until `done()` holds. */
  runUntil(done: () => boolean, limit = 100_000): void {
    for (let i = 0; i < limit && !done(); i += 1) {
      if (!this.step()) throw new Error('the event loop ran out of tasks before the condition');
    }
  }
}

/** A Worker running the protocol handler on the shared loop; records what it was sent. */
export class FakeWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  readonly received: ToWorker[] = [];
  readonly sent: FromWorker[] = [];
  terminated = false;
  private readonly state: WorkerState;

  constructor(
    private readonly loop: EventLoop,
    engine: WorkerEngine = realEngine,
  ) {
    this.state = createWorkerState(engine, (task) => loop.push(task));
  }

  postMessage(message: ToWorker): void {
    if (this.terminated) return;
    const copy = structuredClone(message);
    this.loop.push(() => {
      if (this.terminated) return;
      this.received.push(copy);
      handleMessage(this.state, copy, (reply) => {
        const out = structuredClone(reply);
        this.sent.push(out);
        this.loop.push(() => {
          if (!this.terminated) this.onmessage?.({ data: out } as MessageEvent<FromWorker>);
        });
      });
    });
  }

  /** A failure outside the handler, as when the worker script cannot load. */
  crash(message: string): void {
    this.loop.push(() => {
      this.onerror?.({ message, preventDefault: () => {} } as ErrorEvent);
    });
  }

  terminate(): void {
    this.terminated = true;
  }
}
