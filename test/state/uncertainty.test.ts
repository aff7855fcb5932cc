import { createRoot, createSignal } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runMonteCarlo } from '../../src/engine/montecarlo/index';
import type { Scenario } from '../../src/schema/scenario';
import { createAppState } from '../../src/state/app';
import {
  createUncertainty,
  DEFAULT_DEBOUNCE_MS,
  defaultWorkerCount,
  type UncertaintySource,
  type UncertaintyState,
} from '../../src/state/uncertainty';
import { createMonteCarloPool, type MonteCarloPool } from '../../src/workers/pool';
import type { WorkerEngine } from '../../src/workers/protocol';
import { EventLoop, FakeWorker, realEngine, texasScenario } from './uncertaintySupport';

/**
 * The page's Monte Carlo state over fake workers that run the real handler and engine on a
 * manual event loop: debounce, progress, cancel-and-restart on input changes, stale results
 * dropped, the last result kept (marked updating), errors, tabs.
 */

const disposers: (() => void)[] = [];
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  for (const dispose of disposers.splice(0)) dispose();
  vi.useRealTimers();
});

const base = texasScenario(1000);
const withLease = (rate: number, scenario: Scenario = base): Scenario => ({
  ...scenario,
  lease: { ...scenario.lease, rateUsdPerKwMonth: rate },
});

interface Setup {
  readonly mc: UncertaintyState;
  readonly loop: EventLoop;
  readonly workers: FakeWorker[];
  readonly pool: MonteCarloPool;
  readonly setSource: (source: UncertaintySource) => void;
  readonly setAutomatic: (automatic: boolean) => void;
  /** Progress values seen, in order. */
  readonly progress: number[];
}

function setup(
  options: {
    workers?: number;
    engine?: WorkerEngine;
    source?: UncertaintySource;
    automatic?: boolean;
  } = {},
): Setup {
  const loop = new EventLoop();
  const workers: FakeWorker[] = [];
  const pool = createMonteCarloPool(() => {
    const worker = new FakeWorker(loop, options.engine);
    workers.push(worker);
    return worker;
  }, options.workers ?? 1);
  return createRoot((dispose) => {
    disposers.push(dispose);
    const [source, setSource] = createSignal<UncertaintySource>(
      options.source ?? { tabId: 'a', revision: 0, scenario: base },
    );
    const [automatic, setAutomatic] = createSignal(options.automatic ?? true);
    const mc = createUncertainty({ source, pool, automatic });
    const progress: number[] = [];
    const record = () => {
      const last = progress.at(-1);
      if (last !== mc.progress()) progress.push(mc.progress());
    };
    // Sample progress after every task of the loop, as a rendering page would.
    const step = loop.step.bind(loop);
    loop.step = () => {
      const ran = step();
      record();
      return ran;
    };
    return { mc, loop, workers, pool, setSource, setAutomatic, progress };
  });
}

/** Lets the debounce elapse: the run starts (messages queued, nothing computed yet). */
const settle = () => vi.advanceTimersByTime(DEFAULT_DEBOUNCE_MS);

describe('uncertainty: one run', () => {
  it('waits for the inputs to settle, then runs with progress per chunk to the engine’s result', () => {
    const { mc, loop, progress } = setup();
    expect(mc.status()).toBe('scheduled');
    vi.advanceTimersByTime(DEFAULT_DEBOUNCE_MS - 1);
    expect(mc.runId()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(mc.status()).toBe('running');
    expect(mc.runId()).toBe(1);
    expect(mc.progress()).toBe(0);
    loop.drain();
    expect(mc.status()).toBe('done');
    expect(progress).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const shown = mc.shown()!;
    expect(shown.runId).toBe(1);
    expect(shown.revision).toBe(0);
    expect(shown.scenario).toBe(base);
    expect(shown.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(mc.current()).toBe(true);
    expect(mc.updating()).toBe(false);
    expect(shown.result).toStrictEqual(
      runMonteCarlo(base, { paths: 1000, seed: 42, chunkSize: 250 }),
    );
  });

  it('gives the same result, bit for bit, on one worker or two', () => {
    const one = setup({ workers: 1 });
    const two = setup({ workers: 2 });
    settle();
    one.loop.drain();
    two.loop.drain();
    expect(two.workers).toHaveLength(2);
    // Both workers computed chunks; the first also summarised.
    expect(two.workers.map((w) => w.received.map((m) => m.type))).toEqual([
      ['run', 'summarise'],
      ['run'],
    ]);
    expect(two.mc.shown()!.result).toStrictEqual(one.mc.shown()!.result);
  });
});

describe('uncertainty: inputs change while a run is in flight', () => {
  it('cancels at once, keeps the last result marked updating, and shows only the final inputs’ result', () => {
    const { mc, loop, setSource, workers } = setup({ workers: 2 });
    settle();
    loop.drain();
    const first = mc.shown()!;

    // New inputs; the run for them starts after the debounce and is interrupted mid-way.
    setSource({ tabId: 'a', revision: 1, scenario: withLease(120) });
    expect(mc.status()).toBe('scheduled');
    expect(mc.updating()).toBe(true);
    expect(mc.shown()).toBe(first);
    settle();
    expect(mc.runId()).toBe(2);
    loop.step();
    loop.step();
    loop.step();
    expect(mc.status()).toBe('running');

    // Two more edits in quick succession: the run in flight is cancelled, one new run follows.
    setSource({ tabId: 'a', revision: 2, scenario: withLease(110) });
    expect(mc.cancelledRuns()).toBe(1);
    vi.advanceTimersByTime(100);
    setSource({ tabId: 'a', revision: 3, scenario: withLease(100) });
    expect(mc.cancelledRuns()).toBe(1); // nothing was running: only the timer restarted
    expect(mc.shown()).toBe(first);
    expect(mc.updating()).toBe(true);
    settle();
    expect(mc.runId()).toBe(3);
    loop.drain();

    expect(mc.status()).toBe('done');
    expect(mc.shown()!.runId).toBe(3);
    expect(mc.shown()!.revision).toBe(3);
    expect(mc.updating()).toBe(false);
    expect(mc.shown()!.result).toStrictEqual(
      runMonteCarlo(withLease(100), { paths: 1000, seed: 42, chunkSize: 250 }),
    );
    // Each worker was told to cancel run 2.
    for (const worker of workers) {
      expect(worker.received).toContainEqual({ type: 'cancel', runId: 2 });
    }
  });

  it('drops messages of a run that is no longer the latest', () => {
    const { mc, loop, setSource, pool, workers } = setup();
    settle();
    // Run 1 computes and posts everything, but the page has not read those messages yet.
    loop.runUntil(() => workers[0]!.sent.some((m) => m.type === 'partial'));
    setSource({ tabId: 'a', revision: 1, scenario: withLease(90) });
    settle();
    loop.drain();
    expect(pool.staleMessages()).toBeGreaterThan(0);
    expect(mc.shown()!.runId).toBe(2);
    expect(mc.shown()!.result.strategies[1]!.npv.meanUsd).toBe(
      runMonteCarlo(withLease(90), { paths: 1000, seed: 42, chunkSize: 250 }).strategies[1]!.npv
        .meanUsd,
    );
  });

  it('starts one run for a burst of edits within the debounce', () => {
    const { mc, loop, setSource } = setup();
    for (let revision = 1; revision <= 6; revision += 1) {
      vi.advanceTimersByTime(50);
      setSource({ tabId: 'a', revision, scenario: withLease(100 + revision) });
    }
    expect(mc.runId()).toBe(0);
    settle();
    loop.drain();
    expect(mc.runId()).toBe(1);
    expect(mc.cancelledRuns()).toBe(0);
    expect(mc.shown()!.revision).toBe(6);
  });
});

describe('uncertainty: controls, errors and tabs', () => {
  it('cancels on request (the result stays) and runs again on request', () => {
    const { mc, loop, setSource } = setup();
    settle();
    loop.drain();
    const first = mc.shown();
    setSource({ tabId: 'a', revision: 1, scenario: withLease(95) });
    settle();
    loop.step();
    mc.cancel();
    expect(mc.status()).toBe('cancelled');
    expect(mc.cancelledRuns()).toBe(1);
    loop.drain();
    expect(mc.shown()).toBe(first);
    expect(mc.current()).toBe(false);
    expect(mc.updating()).toBe(false);

    mc.restart();
    expect(mc.status()).toBe('running');
    loop.drain();
    expect(mc.shown()!.revision).toBe(1);
    expect(mc.current()).toBe(true);
  });

  it('shows an engine error and keeps the earlier result', () => {
    let fail = false;
    const engine: WorkerEngine = {
      ...realEngine,
      runChunk: (...args) => {
        if (fail) throw new Error('out of memory');
        return realEngine.runChunk(...args);
      },
    };
    const { mc, loop, setSource } = setup({ engine });
    settle();
    loop.drain();
    const first = mc.shown();
    fail = true;
    setSource({ tabId: 'a', revision: 1, scenario: withLease(80) });
    settle();
    loop.drain();
    expect(mc.status()).toBe('error');
    expect(mc.error()).toBe('out of memory');
    expect(mc.shown()).toBe(first);

    fail = false;
    mc.restart();
    expect(mc.error()).toBeNull();
    loop.drain();
    expect(mc.status()).toBe('done');
    expect(mc.shown()!.revision).toBe(1);
  });

  it('reports a worker that fails to load and starts fresh workers on the next run', () => {
    const { mc, loop, workers } = setup();
    settle();
    workers[0]!.crash('');
    loop.drain();
    expect(mc.status()).toBe('error');
    expect(mc.error()).toMatch(/could not be loaded/);
    expect(workers[0]!.terminated).toBe(true);
    mc.restart();
    loop.drain();
    expect(workers).toHaveLength(2);
    expect(mc.status()).toBe('done');
  });

  it('reports a worker that cannot be constructed, without throwing', () => {
    const pool = createMonteCarloPool(() => {
      throw new DOMException('refused by the content security policy', 'SecurityError');
    }, 2);
    const mc = createRoot((dispose) => {
      disposers.push(dispose);
      return createUncertainty({
        source: () => ({ tabId: 'a', revision: 0, scenario: base }),
        pool,
      });
    });
    settle();
    expect(mc.status()).toBe('error');
    expect(mc.error()).toBe('refused by the content security policy');
  });

  it('runs on request only: a change waits for Run, the result stays marked out of date', () => {
    const { mc, loop, setSource, setAutomatic } = setup({ automatic: false });
    settle();
    expect(mc.status()).toBe('waiting');
    expect(mc.runId()).toBe(0);
    mc.restart();
    loop.drain();
    const first = mc.shown();
    expect(first?.revision).toBe(0);
    setSource({ tabId: 'a', revision: 1, scenario: withLease(95) });
    vi.advanceTimersByTime(10 * DEFAULT_DEBOUNCE_MS);
    loop.drain();
    expect(mc.status()).toBe('waiting');
    expect(mc.runId()).toBe(1);
    expect(mc.shown()).toBe(first);
    expect(mc.current()).toBe(false);
    expect(mc.updating()).toBe(false);

    // Back to automatic: the out-of-date result is brought up to date by itself.
    setAutomatic(true);
    expect(mc.status()).toBe('scheduled');
    settle();
    loop.drain();
    expect(mc.shown()!.revision).toBe(1);
    expect(mc.current()).toBe(true);
  });

  it('turning automatic runs off or on keeps a run in flight for the current inputs', () => {
    const { mc, loop, setSource, setAutomatic } = setup({ automatic: false });
    mc.restart();
    loop.step();
    setAutomatic(true);
    setAutomatic(false);
    expect(mc.status()).toBe('running');
    expect(mc.cancelledRuns()).toBe(0);
    loop.drain();
    expect(mc.status()).toBe('done');
    expect(mc.runId()).toBe(1);
    // Off while only scheduled: nothing starts.
    setAutomatic(true);
    setSource({ tabId: 'a', revision: 1, scenario: withLease(95) });
    expect(mc.status()).toBe('scheduled');
    setAutomatic(false);
    settle();
    loop.drain();
    expect(mc.status()).toBe('waiting');
    expect(mc.runId()).toBe(1);
  });

  it('keeps a result per tab: switching back to a computed tab runs nothing', () => {
    const { mc, loop, setSource } = setup();
    settle();
    loop.drain();
    const tabA = mc.shown();
    setSource({ tabId: 'b', revision: 0, scenario: withLease(70) });
    expect(mc.shown()).toBeNull(); // another tab's result is never shown
    settle();
    loop.drain();
    expect(mc.runId()).toBe(2);
    setSource({ tabId: 'a', revision: 0, scenario: base });
    expect(mc.shown()).toBe(tabA);
    expect(mc.status()).toBe('done');
    settle();
    expect(mc.runId()).toBe(2);
  });

  it('says so where there are no Web Workers', () => {
    const mc = createRoot((dispose) => {
      disposers.push(dispose);
      return createUncertainty({
        source: () => ({ tabId: 'a', revision: 0, scenario: base }),
        pool: null,
      });
    });
    settle();
    expect(mc.status()).toBe('unavailable');
    expect(mc.error()).toMatch(/Web Workers/);
    expect(mc.workerCount).toBe(0);
  });
});

describe('uncertainty in the app state', () => {
  it('follows the active tab’s last valid scenario, not invalid keystrokes', () => {
    const loop = new EventLoop();
    const app = createRoot((dispose) => {
      disposers.push(dispose);
      return createAppState({
        storage: null,
        prefersDark: () => false,
        monteCarloPool: createMonteCarloPool(() => new FakeWorker(loop), 1),
      });
    });
    app.workspace.setField(['monteCarlo', 'paths'], 1000);
    settle();
    loop.drain();
    const mc = app.uncertainty;
    expect(mc.status()).toBe('done');
    expect(mc.shown()!.result.pathsEvaluated).toBe(1000);

    app.workspace.setField(['lease', 'rateUsdPerKwMonth'], 'oops');
    settle();
    expect(mc.runId()).toBe(1); // an invalid draft starts nothing
    expect(mc.current()).toBe(true);

    app.workspace.setField(['monteCarlo', 'seed'], 7);
    app.workspace.setField(['lease', 'rateUsdPerKwMonth'], 125);
    settle();
    loop.drain();
    expect(mc.runId()).toBe(2);
    expect(mc.shown()!.result.settings.seed).toBe(7);
    expect(mc.shown()!.scenario.lease.rateUsdPerKwMonth).toBe(125);
  });

  it('is unavailable in an environment without Web Workers (jsdom)', () => {
    const app = createRoot((dispose) => {
      disposers.push(dispose);
      return createAppState({ storage: null, prefersDark: () => false });
    });
    expect(app.uncertainty.status()).toBe('unavailable');
  });
});

describe('worker count', () => {
  it('leaves a core to the page, uses at most 2, and takes ?mc-workers=N for benchmarks', () => {
    expect([1, 2, 3, 4, 16].map((cores) => defaultWorkerCount('', cores))).toEqual([1, 1, 2, 2, 2]);
    expect(defaultWorkerCount('?mc-workers=3', 2)).toBe(3);
    expect(defaultWorkerCount('?mc-workers=0', 4)).toBe(2);
    expect(defaultWorkerCount('?mc-workers=x', 4)).toBe(2);
  });
});
