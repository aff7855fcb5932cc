import { fireEvent, render, screen } from '@solidjs/testing-library';
import { createComponent, createRoot } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PolicyRule } from '../../src/engine/montecarlo/index';
import { type AppState, createAppState } from '../../src/state/app';
import { DEFAULT_DEBOUNCE_MS } from '../../src/state/uncertainty';
import { gaugeGeometry } from '../../src/ui/charts/gauge';
import {
  type DeltaHistogram,
  deltaHistogramData,
  fanData,
  histogramBars,
  histogramRange,
} from '../../src/ui/charts/monteCarloConfigs';
import type { Palette } from '../../src/ui/charts/theme';
import { AppProvider } from '../../src/ui/context';
import { formatMillions, formatPercent } from '../../src/ui/format';
import { formatUsdWithError } from '../../src/ui/uncertainty/figures';
import { MonteCarloBoardSummary } from '../../src/ui/uncertainty/MonteCarloBoardSummary';
import { UncertaintySection } from '../../src/ui/uncertainty/UncertaintySection';
import { ruleSentence } from '../../src/ui/uncertainty/WaitingRule';
import { createMonteCarloPool } from '../../src/workers/pool';
import { EventLoop, FakeWorker } from '../state/uncertaintySupport';

// jsdom has no canvas: the charts are covered by the end-to-end tests in Chromium.
vi.mock('../../src/ui/charts/Chart', () => ({ Chart: () => null }));

const palette: Palette = {
  text: 'rgb(0, 0, 0)',
  muted: 'rgb(90, 90, 90)',
  grid: 'rgb(220, 220, 220)',
  strategy: {
    'keep-mining': 'rgb(194, 106, 0)',
    'convert-now': 'rgb(11, 92, 173)',
    partial: 'rgb(13, 125, 87)',
    'convert-at-month': 'rgb(138, 63, 176)',
    'convert-at-best-month': 'rgb(185, 58, 11)',
  },
  mining: 'rgb(194, 106, 0)',
  lease: 'rgb(11, 92, 173)',
  hashprice: 'rgb(95, 107, 122)',
  low: 'rgb(194, 65, 12)',
  high: 'rgb(11, 92, 173)',
  offer: 'rgb(214, 51, 108)',
  deal: 'rgb(107, 119, 135)',
};

let loop: EventLoop;
let app: AppState;
let cleanup: () => void = () => {};

beforeEach(() => {
  vi.useFakeTimers();
  loop = new EventLoop();
  let dispose = () => {};
  app = createRoot((d) => {
    dispose = d;
    return createAppState({
      storage: null,
      prefersDark: () => false,
      monteCarloPool: createMonteCarloPool(() => new FakeWorker(loop), 1),
    });
  });
  // A small run keeps the tests quick.
  app.workspace.setField(['monteCarlo', 'paths'], 1000);
  const view = render(() =>
    createComponent(AppProvider, {
      value: app,
      get children() {
        return createComponent(UncertaintySection, { palette });
      },
    }),
  );
  cleanup = () => {
    view.unmount();
    dispose();
  };
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

// The results view is a lazy module: its first import is transformed on demand, which takes
// seconds on a busy machine (not a timing assertion: it only waits for the view to exist).
const LAZY_VIEW = { timeout: 20_000 };

const section = () => document.getElementById('uncertainty')!;
const progressbar = () => screen.getByRole('progressbar');
const status = () => document.getElementById('mc-status')!.textContent;

/** Starts the scheduled run and lets the workers finish it; waits for the lazy results view. */
async function completeRun(): Promise<void> {
  vi.advanceTimersByTime(DEFAULT_DEBOUNCE_MS);
  loop.drain();
  await vi.waitFor(() => expect(document.getElementById('mc-npv-table')).not.toBeNull(), LAZY_VIEW);
}

describe('the Monte Carlo section', () => {
  it('shows progress from 0 to 100% and then the result, with its run bookkeeping on the DOM', async () => {
    expect(screen.getByRole('heading', { name: 'Uncertainty (Monte Carlo)' })).toBeTruthy();
    expect(progressbar().getAttribute('aria-valuenow')).toBe('0');
    expect(status()).toBe('Starting…');
    expect(section().dataset.status).toBe('scheduled');
    expect(document.getElementById('mc-cancel')).not.toBeNull();

    vi.advanceTimersByTime(DEFAULT_DEBOUNCE_MS);
    expect(section().dataset.runId).toBe('1');
    loop.runUntil(() => app.uncertainty.progress() > 0);
    const midway = Number(progressbar().getAttribute('aria-valuenow'));
    expect(midway).toBeGreaterThan(0);
    expect(midway).toBeLessThan(100);
    expect(status()).toBe('Running 1,000 paths on 1 worker…');

    loop.drain();
    await vi.waitFor(
      () => expect(document.getElementById('mc-npv-table')).not.toBeNull(),
      LAZY_VIEW,
    );
    expect(progressbar().getAttribute('aria-valuenow')).toBe('100');
    expect(status()).toMatch(/^1,000 paths in \d+\.\d\d s on 1 worker\.$/);
    expect(section().dataset).toMatchObject({
      status: 'done',
      runId: '1',
      shownRunId: '1',
      current: 'true',
      cancelledRuns: '0',
      workers: '1',
    });
    expect(document.getElementById('mc-cancel')).toBeNull();
  });

  it('shows the engine’s figures: tables, gauge, waiting rule and settings', async () => {
    await completeRun();
    const result = app.uncertainty.shown()!.result;
    const npvRows = document.querySelectorAll('#mc-npv-table tbody tr');
    expect(npvRows).toHaveLength(result.strategies.length);
    result.strategies.forEach((strategy, s) => {
      const cells = [...npvRows[s]!.querySelectorAll('td')];
      expect(npvRows[s]!.querySelector('th')!.textContent).toBe(strategy.label);
      expect(cells.map((cell) => Number(cell.dataset.usd))).toEqual([
        strategy.deterministicNpvUsd,
        strategy.npv.meanUsd,
        1.959963984540054 * strategy.npv.standardErrorUsd,
        strategy.npv.medianUsd,
        strategy.npv.p5Usd,
        strategy.npv.p95Usd,
        strategy.npv.cvar5Usd,
      ]);
      // Shown like every other table of the page: $ M with one decimal.
      expect(cells[1]!.textContent).toMatch(/^−?[\d,]+\.\d$/);
    });
    const deltaRows = document.querySelectorAll('#mc-delta-table tbody tr');
    expect(deltaRows).toHaveLength(result.strategies.length - 1);
    expect(deltaRows[0]!.querySelector('td:last-child')!.textContent).toBe('100.0%');

    const meter = screen.getByRole('meter');
    const convertNow = result.strategies.find((s) => s.strategyId === 'convert-now')!;
    expect(Number(meter.getAttribute('aria-valuenow'))).toBe(
      convertNow.versusKeepMining!.probabilityBeatsMining * 100,
    );
    expect(meter.getAttribute('aria-valuetext')).toBe('100% of paths');
    expect(meter.textContent).toBe('100%');
    expect(document.querySelector('.gauge-detail')!.textContent).toBe(
      `converting won on all 1,000 paths (not a certainty: at 95%, mining's chance is below ${formatPercent(1 - convertNow.versusKeepMining!.probabilityInterval95[0], 2)})`,
    );
    expect(document.getElementById(meter.getAttribute('aria-labelledby')!)!.textContent).toBe(
      'P(converting beats mining): Convert now vs keep mining',
    );

    expect(document.getElementById('mc-best-rule')!.textContent).toBe('Convert now');
    expect(document.getElementById('mc-option-value')!.dataset.usd).toBe(
      String(result.policy.optionValueUsd),
    );
    expect(document.getElementById('mc-settings')!.textContent).toMatch(
      /^1,000 paths, seed 42; BTC price around the “base” case as its mean, volatility 55%\/yr/,
    );
  });

  it('picks the converting strategy of the gauge and the strategy of the cash fan', async () => {
    await completeRun();
    const pick = document.getElementById('mc-strategy') as HTMLSelectElement;
    fireEvent.change(pick, { target: { value: 'partial' } });
    expect(document.getElementById('mc-gauge-caption')!.textContent).toMatch(
      /: Convert 150 MW, mine the rest vs keep mining$/,
    );
    const cash = document.getElementById('mc-cash-strategy') as HTMLSelectElement;
    expect(cash.value).toBe('keep-mining');
    fireEvent.change(cash, { target: { value: 'convert-now' } });
    expect(cash.value).toBe('convert-now');
  });

  it('edits paths and seed through the workspace, as every input does', async () => {
    await completeRun();
    const paths = document.getElementById('f-monteCarlo-paths') as HTMLSelectElement;
    expect(paths.value).toBe('1000');
    expect([...paths.options].map((o) => o.textContent)).toEqual(['1,000', '10,000', '100,000']);
    // The run-time hint is this computer's own pace once a run has finished.
    expect(document.getElementById('f-monteCarlo-paths-hint')!.textContent).toContain(
      `for 100,000 (from the last run)`,
    );
    fireEvent.change(paths, { target: { value: '10000' } });
    expect(app.activeTab().draft.monteCarlo).toMatchObject({ paths: 10_000 });
    expect(app.activeTab().lastValid.monteCarlo.paths).toBe(10_000);
    // The old result stays, marked as updating, until the new run completes.
    expect(document.querySelector('.mc-results.updating')).not.toBeNull();
    expect(document.getElementById('mc-updating')!.textContent).toMatch(/previous inputs/);
    expect(status()).toBe('Inputs changed: updating…');

    const seed = document.getElementById('f-monteCarlo-seed') as HTMLInputElement;
    fireEvent.focus(seed);
    fireEvent.input(seed, { target: { value: '7' } });
    expect(app.activeTab().lastValid.monteCarlo.seed).toBe(7);
    fireEvent.input(seed, { target: { value: 'x' } });
    expect(seed.getAttribute('aria-invalid')).toBe('true');
    expect(seed.closest('.field')!.querySelector('.error')!.textContent).toMatch(/number/);
    expect(app.activeTab().lastValid.monteCarlo.seed).toBe(7);
  });

  it('cancels from the button, keeps the result, and runs again from the button', async () => {
    await completeRun();
    app.workspace.setField(['lease', 'rateUsdPerKwMonth'], 140);
    vi.advanceTimersByTime(DEFAULT_DEBOUNCE_MS);
    loop.step();
    fireEvent.click(document.getElementById('mc-cancel')!);
    expect(section().dataset.status).toBe('cancelled');
    expect(section().dataset.cancelledRuns).toBe('1');
    expect(status()).toBe('Cancelled: the figures below are for earlier inputs.');
    expect(document.getElementById('mc-npv-table')).not.toBeNull();
    loop.drain();
    expect(section().dataset.shownRunId).toBe('1');
    // Monte Carlo after Cancel (issue 10): the old figures stay dimmed and labelled.
    expect(document.querySelector('.mc-results.updating')).not.toBeNull();
    expect(document.querySelector<HTMLElement>('.mc-results')!.dataset.stale).toBe('out-of-date');
    expect(document.getElementById('mc-updating')!.textContent).toMatch(/^Out of date: .*Run/);

    fireEvent.click(document.getElementById('mc-run')!);
    loop.drain();
    expect(section().dataset).toMatchObject({ status: 'done', shownRunId: '3', current: 'true' });
    expect(document.querySelector('.mc-results.updating')).toBeNull();
    expect(document.getElementById('mc-updating')).toBeNull();
  });
  it('runs on request once “Run after every change” is unticked, and says so', async () => {
    await completeRun();
    const automatic = document.getElementById('mc-automatic') as HTMLInputElement;
    expect(automatic.checked).toBe(true);
    fireEvent.click(automatic);
    expect(app.workspace.state.monteCarloRuns).toBe('on-request');
    expect(app.workspace.snapshot().monteCarloRuns).toBe('on-request');
    app.workspace.setField(['lease', 'rateUsdPerKwMonth'], 140);
    vi.advanceTimersByTime(10 * DEFAULT_DEBOUNCE_MS);
    loop.drain();
    expect(section().dataset).toMatchObject({ status: 'waiting', runId: '1', current: 'false' });
    expect(status()).toBe('Runs on request: press Run for the current inputs.');
    expect(document.querySelector<HTMLElement>('.mc-results')!.dataset.stale).toBe('out-of-date');

    fireEvent.click(document.getElementById('mc-run')!);
    loop.drain();
    expect(section().dataset).toMatchObject({ status: 'done', shownRunId: '2', current: 'true' });
    fireEvent.click(automatic);
    expect(app.workspace.state.monteCarloRuns).toBe('automatic');
  });
});

describe('the board pack summary', () => {
  it('is one compact table, the rule and the run, from the run it is given', async () => {
    await completeRun();
    const run = app.uncertainty.shown()!;
    const view = render(() => createComponent(MonteCarloBoardSummary, { run }));
    const board = view.container.querySelector('.mc-board')!;
    const rows = board.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(run.result.strategies.length);
    expect([...rows[1]!.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      formatMillions(run.result.strategies[1]!.npv.meanUsd),
      formatMillions(run.result.strategies[1]!.npv.p5Usd),
      formatMillions(run.result.strategies[1]!.npv.medianUsd),
      formatMillions(run.result.strategies[1]!.npv.p95Usd),
      formatMillions(run.result.strategies[1]!.npv.cvar5Usd),
      '100.0%',
    ]);
    expect(rows[0]!.querySelector('td:last-child')!.textContent).toBe('—');
    expect(board.querySelector('p')!.textContent).toBe(
      'When to convert: Convert now. No waiting rule beats converting now.',
    );
    expect(board.querySelector('[id]')).toBeNull();
    view.unmount();
  });
});

describe('Monte Carlo display helpers', () => {
  const rule = (threshold: number | null, deadline: number | null): PolicyRule => ({
    description: '',
    thresholdUsdPerPhDay: threshold,
    deadlineMonth: deadline,
    meanNpvUsd: 0,
    versusConvertNowUsd: 0,
    probabilityConverts: 1,
    medianConversionMonth: null,
  });
  const label = (m: number) => `2026-${String(m + 1).padStart(2, '0')}`;

  it('words the waiting rule', () => {
    expect(ruleSentence(rule(null, 0), label)).toBe('Convert now');
    expect(ruleSentence(rule(null, null), label)).toBe('Keep mining (never convert)');
    expect(ruleSentence(rule(null, 6), label)).toBe('Mine until month 6 (2026-07), then convert');
    expect(ruleSentence(rule(28, null), label)).toBe(
      'Mine until hashprice < $28/PH/day, then convert',
    );
    expect(ruleSentence(rule(8.5, 11), label)).toBe(
      'Mine until hashprice < $8.5/PH/day or month 11 (2026-12), then convert',
    );
  });

  const histogram: DeltaHistogram = {
    edgesUsd: [-20e6, -10e6, 0, 10e6, 20e6],
    counts: [1, 2, 3, 2],
    belowCount: 1,
    aboveCount: 1,
  };

  it('turns the ΔNPV histogram into bars in $ M and % of all paths, losing bars in mining’s colour', () => {
    expect(histogramBars(histogram, 10)).toEqual([
      { x: -15, y: 10, fromUsd: -20e6, toUsd: -10e6, count: 1 },
      { x: -5, y: 20, fromUsd: -10e6, toUsd: 0, count: 2 },
      { x: 5, y: 30, fromUsd: 0, toUsd: 10e6, count: 3 },
      { x: 15, y: 20, fromUsd: 10e6, toUsd: 20e6, count: 2 },
    ]);
    const data = deltaHistogramData(histogram, 10, palette.strategy['convert-now'], palette);
    expect(data.datasets[0]!.borderColor).toEqual([
      palette.strategy['keep-mining'],
      palette.strategy['keep-mining'],
      palette.strategy['convert-now'],
      palette.strategy['convert-now'],
    ]);
  });

  it('stretches the histogram to zero only when zero is near', () => {
    expect(histogramRange(histogram)).toEqual({ min: -20, max: 20 });
    const shift = (usd: number): DeltaHistogram => ({
      ...histogram,
      edgesUsd: histogram.edgesUsd.map((e) => e + usd),
    });
    expect(histogramRange(shift(25e6))).toEqual({ min: 0, max: 45 }); // 5 from zero, width 40
    expect(histogramRange(shift(40e6))).toEqual({ min: 20, max: 60 }); // 20 from zero: too far
    expect(histogramRange(shift(-25e6))).toEqual({ min: -45, max: 0 });
  });

  it('draws fans as P5–P95 and P25–P75 bands, the median and the deterministic series', () => {
    const fan = {
      percentiles: [5, 25, 50, 75, 95],
      bands: [[1], [2], [3], [4], [5]],
      deterministic: [3.5],
    };
    const data = fanData(fan, ['2026-03'], 'rgb(1, 2, 3)', palette, 1000);
    expect(data.datasets.map((d) => [d.label, d.data, d.fill])).toEqual([
      ['P5', [1000], false],
      ['P5–P95', [5000], '-1'],
      ['P25', [2000], false],
      ['P25–P75', [4000], '-1'],
      ['Median', [3000], false],
      ['Deterministic (price case)', [3500], false],
    ]);
  });

  it('writes a figure with its error in the figure’s unit when the error shows there', () => {
    expect(formatUsdWithError(429.1e6, 995_578)).toBe('$429.1 M ± $1.00 M');
    expect(formatUsdWithError(3.58e9, 1.03e6)).toBe('$3.58 bn ± $1.03 M');
    expect(formatUsdWithError(-5.76e6, 1.03e6)).toBe('−$5.76 M ± $1.03 M');
    expect(formatUsdWithError(62_434, 1_250)).toBe('$62,434 ± $1,250');
  });

  it('draws the gauge’s arc to the share, clamped', () => {
    const empty = gaugeGeometry(0);
    expect(empty.value).toBe('');
    expect(empty.track).toBe('M 7.00 57.00 A 50 50 0 0 1 107.00 57.00');
    expect(gaugeGeometry(0.5).value).toBe('M 7.00 57.00 A 50 50 0 0 1 57.00 7.00');
    expect(gaugeGeometry(2).value).toBe(empty.track);
    expect(gaugeGeometry(Number.NaN).value).toBe('');
  });
});
