import { rm } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/support/browser';
import { buildApp } from '../test/e2e/support/build';
import { serveStatic } from '../test/e2e/support/server';
import { type BenchResult, formatResults, median } from './harness';

/**
 * The Monte Carlo in the browser (issue 5): the built app in headless Chromium on the Texas
 * preset (240 months, 5 strategies, 211 rules), with 1 and with 2 module workers (`?mc-workers=N`).
 * Each run is timed inside the page by the worker pool, from posting the run to the workers to
 * receiving the merged, summarised result (the section's `data-elapsed-ms`); a new seed starts
 * each run, so every run also prepares the scenario in each worker, as after a real edit.
 */

const RUNS_10K = 7;
const WARMUP_10K = 2;
const RUNS_100K = 3;
const WORKER_COUNTS = [1, 2] as const;

export async function runMonteCarloWorkerBench(): Promise<BenchResult[]> {
  const outDir = await buildApp();
  const server = await serveStatic(outDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const results: BenchResult[] = [];
  try {
    for (const workers of WORKER_COUNTS) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${server.url}?mc-workers=${workers}`);
      await waitForRun(page); // the run on load: a cold start, not counted
      const label = workers === 1 ? '1 worker' : `${workers} workers`;
      const tenThousand = await timeRuns(page, 10_000, WARMUP_10K, RUNS_10K);
      results.push({
        name: `Chromium, ${label}: 10,000 paths × 240 months × 5 strategies + 211 rules`,
        medianMs: median(tenThousand),
        runs: tenThousand.length,
        budgetMs: 600,
        note: 'in-page, posting the run → merged result',
      });
      const hundredThousand = await timeRuns(page, 100_000, 0, RUNS_100K);
      results.push({
        name: `Chromium, ${label}: 100,000 paths, same work`,
        medianMs: median(hundredThousand),
        runs: hundredThousand.length,
        note: 'in-page; the Node budget is 4,000 ms',
      });
      await context.close();
    }
    return results;
  } finally {
    await browser.close();
    await server.close();
    await rm(outDir, { recursive: true, force: true });
  }
}

/**
 * Sets the path count (its run is a warm-up), then starts one run per new seed and returns each
 * run's in-page time.
 */
async function timeRuns(page: Page, paths: number, warmup: number, runs: number) {
  await page.selectOption('#f-monteCarlo-paths', String(paths));
  await waitForRun(page, paths);
  const times: number[] = [];
  for (let i = 0; i < warmup + runs; i += 1) {
    const seed = 1000 + paths / 1000 + i;
    await page.fill('#f-monteCarlo-seed', String(seed));
    const elapsedMs = await waitForRun(page, paths, seed);
    if (i >= warmup) times.push(elapsedMs);
  }
  return times;
}

/** Waits until the section shows the latest run (of these paths and seed) and returns its time. */
async function waitForRun(page: Page, paths?: number, seed?: number): Promise<number> {
  await page.waitForFunction(
    ({ paths, seed }) => {
      const section = document.getElementById('uncertainty');
      const settings = document.getElementById('mc-settings')?.textContent ?? '';
      return (
        section?.dataset.status === 'done' &&
        section.dataset.shownRunId === section.dataset.runId &&
        (paths === null || settings.startsWith(`${paths.toLocaleString('en-US')} paths`)) &&
        (seed === null || settings.includes(`seed ${seed};`))
      );
    },
    { paths: paths ?? null, seed: seed ?? null },
    { timeout: 120_000 },
  );
  return Number(await page.getAttribute('#uncertainty', 'data-elapsed-ms'));
}

// `npx tsx bench/montecarloWorker.ts` prints the table on its own.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(
    formatResults('Monte Carlo (built app, headless Chromium)', await runMonteCarloWorkerBench()),
  );
}
