import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { REPO_ROOT } from './build';

/**
 * Screenshots for human review, written outside the tracked tree (`test-results/` is ignored by
 * git): a run never rewrites tracked files. Layout is asserted by the tests themselves.
 */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results/screenshots');

/** The canvases the results view draws, by id. */
export const CHART_IDS = [
  'chart-cash-flow',
  'chart-cumulative',
  'chart-hashprice',
  'chart-tornado',
  'chart-unit-economics',
  'chart-comparables',
] as const;

/** A page on the app plus everything it did: requests, console errors, CSP violations. */
export interface AppPage {
  readonly page: Page;
  readonly requests: string[];
  readonly problems: string[];
}

export interface OpenOptions {
  /** Empty the origin's storage before the app's first script (default). */
  readonly clearStorage?: boolean;
  /**
   * `on-request` (default) unticks "Run after every change" as soon as the page shows it, before
   * the first run starts, as a user on a busy laptop would: the Monte Carlo then costs nothing
   * in files that do not test it (about 2 CPU-s per boot and per edit on the 2-core machines,
   * docs/benchmarks.md). The files that test the Monte Carlo keep it `automatic`. The choice is
   * saved with the workspace, so it lasts across reloads of the same storage.
   */
  readonly monteCarlo?: 'automatic' | 'on-request';
}

/**
 * Opens the app in a new page (by default with empty storage and Monte Carlo runs on request),
 * records every request and any console error, page error or CSP violation, and waits until the
 * verdict and all charts have painted.
 */
export async function openApp(
  context: BrowserContext,
  url: string,
  { clearStorage = true, monteCarlo = 'on-request' }: OpenOptions = {},
): Promise<AppPage> {
  const page = await context.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  if (clearStorage) {
    // Empty storage before the app's first script, once per page: a reload in the test keeps
    // what the app saved (sessionStorage lives as long as the tab). One boot instead of a
    // load, a clear and a reload.
    await page.addInitScript(() => {
      try {
        if (sessionStorage.getItem('e2e-storage-cleared') === null) {
          localStorage.clear();
          sessionStorage.setItem('e2e-storage-cleared', 'yes');
        }
      } catch {
        // about:blank and opaque origins have no storage to clear.
      }
    });
  }
  await page.goto(url);
  if (monteCarlo === 'on-request') await runMonteCarloOnRequest(page);
  await waitForResults(page);
  return { page, requests, problems };
}

/**
 * Unticks "Run after every change" (unless already unticked) and cancels a run already under
 * way. A DOM click, not Playwright's, so the page does not scroll to the Monte Carlo section.
 */
export async function runMonteCarloOnRequest(page: Page): Promise<void> {
  await page.waitForSelector('#mc-automatic', { state: 'attached' });
  await page.evaluate(() => {
    const automatic = document.getElementById('mc-automatic') as HTMLInputElement;
    if (automatic.checked) automatic.click();
    document.getElementById('mc-cancel')?.click();
  });
  await page.waitForSelector(
    '#uncertainty:not([data-status="scheduled"]):not([data-status="running"])',
    {
      state: 'attached',
    },
  );
}

/** Waits for the verdict and for every chart to have painted pixels. */
export async function waitForResults(page: Page): Promise<void> {
  await page.waitForSelector('#verdict-sentence');
  await page.waitForFunction(
    (ids) =>
      ids.every((id) => {
        const canvas = document.getElementById(id) as HTMLCanvasElement | null;
        return canvas !== null && canvas.width > 0 && canvas.toDataURL().length > 5000;
      }),
    [...CHART_IDS],
    // Every 100 ms, not every animation frame: encoding six canvases as PNG sixty times a
    // second took the CPU the app needs to boot.
    { polling: 100 },
  );
}

/** Non-transparent pixels in each chart canvas, read back from the 2D context. */
export async function paintedPixels(page: Page): Promise<Record<string, number>> {
  return page.evaluate(
    (ids) => {
      const counts: Record<string, number> = {};
      for (const id of ids) {
        const canvas = document.getElementById(id) as HTMLCanvasElement;
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted += 1;
        counts[id] = painted;
      }
      return counts;
    },
    [...CHART_IDS],
  );
}

/** Each chart's image as a data URL, to tell whether a chart redrew with different data. */
export async function chartImages(page: Page): Promise<Record<string, string>> {
  return page.evaluate(
    (ids) => {
      const images: Record<string, string> = {};
      for (const id of ids)
        images[id] = (document.getElementById(id) as HTMLCanvasElement).toDataURL();
      return images;
    },
    [...CHART_IDS],
  );
}

export async function verdictText(page: Page): Promise<string> {
  return (await page.textContent('#verdict-sentence')) ?? '';
}

/** A figure as shown ("3,767.4", "−12.5") back to a number. */
export function shownNumber(text: string | null): number {
  const cleaned = (text ?? '').replace(/[,$%×\s]|yr/g, '').replace('−', '-');
  const value = Number(cleaned);
  if (!Number.isFinite(value)) throw new Error(`not a number on screen: ${JSON.stringify(text)}`);
  return value;
}

/** The NPV ($ M) in the comparison table for a price case and a strategy (0-based). */
export async function tableNpv(
  page: Page,
  caseIndex: number,
  strategyIndex: number,
): Promise<number> {
  const cell = page
    .locator('#comparison-table tbody')
    .nth(caseIndex)
    .locator('tr')
    .nth(strategyIndex + 1)
    .locator('td')
    .first();
  return shownNumber(await cell.textContent());
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({
    path: join(SCREENSHOT_DIR, `${name}.png`),
    fullPage,
    animations: 'disabled',
  });
}

/** Selector of a field's control by its scenario path, e.g. `lease.rateUsdPerKwMonth`. */
export function field(path: string): string {
  return `#f-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;
}
