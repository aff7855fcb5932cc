import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './support/browser';
import { INITIAL_JAVASCRIPT_BUDGET_KB, initialJavaScript } from './support/bundle';
import {
  type AppPage,
  CHART_IDS,
  chartImages,
  field,
  openApp,
  paintedPixels,
  shownNumber,
  tableNpv,
  verdictText,
  waitForResults,
} from './support/page';

const url = inject('appUrl');
const origin = new URL(url).origin;
let context: BrowserContext;
const pages: AppPage[] = [];

beforeAll(async () => {
  context = await launchChromium();
});
afterAll(async () => {
  // Every page the tests opened, whatever they did, asked only its own origin for anything.
  const foreign = pages
    .flatMap((p) => p.requests)
    .filter((request) => !request.startsWith(`${origin}/`) && !/^(data|blob):/.test(request));
  expect(foreign).toEqual([]);
  await context?.close();
});

async function open(clearStorage = true): Promise<Page> {
  const app = await openApp(context, url, { clearStorage });
  pages.push(app);
  return app.page;
}

function problemsOf(page: Page): string[] {
  return pages.find((p) => p.page === page)?.problems ?? [];
}

/** Types into a field as a user would: focus, replace the text, leave. */
async function setField(page: Page, path: string, text: string): Promise<void> {
  await page.fill(field(path), text);
  await page.locator(field(path)).blur();
}

describe('the built app in Chromium', () => {
  it('serves a page whose CSP allows only its own origin', () => {
    const html = readFileSync(join(inject('appDir'), 'index.html'), 'utf8');
    const policy = html
      .match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1]
      ?.replaceAll('&#39;', "'");
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toMatch(/https?:|\*/);
  });

  it('initialJavaScriptOverBudget: the first verdict waits for at most 110 kB gzip, without zod’s classic API or its JSON Schema generator', async () => {
    // Regression: zod's classic API (not tree-shakable) and the JSON Schema generator the
    // scenario-comparison CSV reads were 25.7 and 7 kB of an initial 127 kB (docs/benchmarks.md).
    const appDir = inject('appDir');
    const size = await initialJavaScript(appDir);
    expect(size.entryGzipBytes / 1000).toBeLessThanOrEqual(INITIAL_JAVASCRIPT_BUDGET_KB);
    const entryText = size.entryFiles
      .map((file) => readFileSync(join(appDir, file), 'utf8'))
      .join('\n');
    // Zod names each schema class in a string: the classic number schema is `ZodNumber`.
    expect(entryText).toContain('ZodMiniNumber');
    expect(entryText).not.toMatch(/["'`]ZodNumber["'`]/);
    expect(entryText).not.toContain('json-schema.org');
  });

  it('opens on the Texas preset with a verdict, a full table and painted charts', async () => {
    const page = await open();
    expect(await verdictText(page)).toMatch(
      /^In the base case, converting all 300 MW now \(245 MW of critical IT\) beats keeping it mining by \$[\d.]+ (bn|M) NPV at .+; .+\$[\d.,]+ ?(M|bn)?\.$/,
    );
    expect(await page.locator('#comparison-table tbody tr').count()).toBe(3 * 6);
    const npv = await tableNpv(page, 1, 1);
    expect(npv).toBeGreaterThan(0);
    const pixels = await paintedPixels(page);
    for (const id of CHART_IDS) expect(pixels[id], id).toBeGreaterThan(2000);
    expect(problemsOf(page)).toEqual([]);
    await page.close();
  });

  it('loads another preset from the menu into a new tab', async () => {
    const page = await open();
    await page.selectOption('#start-from', 'preset:feb-2026-market-snapshot');
    await page.click('button:text-is("Add")');
    await waitForResults(page);
    expect(await page.locator('.tabs .tab').count()).toBe(2);
    expect(await page.textContent('.tab[aria-current="true"]')).toMatch(/^February 2026/);
    expect(await verdictText(page)).toContain('100 MW');
    await page.selectOption('#start-from', 'blank');
    await page.click('button:text-is("Add")');
    expect(await page.textContent('.tab[aria-current="true"]')).toBe('New site');
    expect(problemsOf(page)).toEqual([]);
    await page.close();
  });

  it('updates verdict, table and charts when a fleet model and the lease rate change', async () => {
    const page = await open();
    const verdict0 = await verdictText(page);
    const mining0 = await tableNpv(page, 1, 0);
    const convert0 = await tableNpv(page, 1, 1);
    const images0 = await chartImages(page);

    // Model 2 (S19k Pro, 120 TH/s, 2,760 W) becomes an S21 XP (270 TH/s, 3,645 W).
    await page.selectOption('#f-fleet-1-pick', { label: 'Antminer S21 XP — 270 TH/s, 3,645 W' });
    expect(await page.inputValue(field('fleet[1].hashrateThs'))).toBe('270');
    const mining1 = await tableNpv(page, 1, 0);
    expect(mining1).not.toBe(mining0);
    const images1 = await chartImages(page);
    expect(images1['chart-unit-economics']).not.toBe(images0['chart-unit-economics']);
    expect(images1['chart-cash-flow']).not.toBe(images0['chart-cash-flow']);

    await setField(page, 'lease.rateUsdPerKwMonth', '120');
    const convert2 = await tableNpv(page, 1, 1);
    expect(convert2).toBeLessThan(convert0);
    const verdict2 = await verdictText(page);
    expect(verdict2).not.toBe(verdict0);
    const images2 = await chartImages(page);
    for (const id of [
      'chart-cumulative',
      'chart-hashprice',
      'chart-tornado',
      'chart-comparables',
    ]) {
      expect(images2[id], id).not.toBe(images1[id]);
    }
    const pixels = await paintedPixels(page);
    for (const id of CHART_IDS) expect(pixels[id], id).toBeGreaterThan(2000);
    expect(problemsOf(page)).toEqual([]);
    await page.close();
  });

  it('shows the error of an invalid value while the previous results stay, marked stale', async () => {
    const page = await open();
    const verdict0 = await verdictText(page);
    const convert0 = await tableNpv(page, 1, 1);
    const images0 = await chartImages(page);

    await page.fill(field('site.utilityMw'), '-5');
    const error = page.locator('[data-path="site.utilityMw"] .error');
    expect(await error.textContent()).toBe('Must be greater than 0 (you entered -5).');
    expect(await page.getAttribute(field('site.utilityMw'), 'aria-invalid')).toBe('true');
    expect(await page.isVisible('#stale-banner')).toBe(true);
    expect(await page.getAttribute('.results-inner', 'data-stale')).toBe('true');
    expect(await verdictText(page)).toBe(verdict0);
    expect(await tableNpv(page, 1, 1)).toBe(convert0);
    const pixels = await paintedPixels(page);
    for (const id of CHART_IDS) expect(pixels[id], id).toBeGreaterThan(2000);
    expect((await chartImages(page))['chart-cash-flow']).toBe(images0['chart-cash-flow']);

    await page.fill(field('site.utilityMw'), '320');
    expect(await page.isVisible('#stale-banner')).toBe(false);
    expect(await page.locator('[data-path="site.utilityMw"] .error').count()).toBe(0);
    expect(await verdictText(page)).toContain('all 320 MW');
    expect(problemsOf(page)).toEqual([]);
    await page.close();
  });

  it('keeps the whole workspace across a reload', async () => {
    const page = await open();
    await page.click('button:text-is("Duplicate")');
    await page.click('button:text-is("Rename")');
    await page.fill('input.tab-rename', 'Texas at $140');
    await page.press('input.tab-rename', 'Enter');
    await setField(page, 'lease.rateUsdPerKwMonth', '140');
    await page.fill(field('conversion.capexUsdPerItMw'), '12x');
    const verdict = await verdictText(page);
    const tabs = await page.locator('.tabs .tab').allTextContents();

    await page.reload();
    await waitForResults(page);
    expect(await page.locator('.tabs .tab').allTextContents()).toEqual(tabs);
    expect(await page.textContent('.tab[aria-current="true"]')).toMatch(/^Texas at \$140/);
    expect(await page.inputValue(field('lease.rateUsdPerKwMonth'))).toBe('140');
    expect(await page.inputValue(field('conversion.capexUsdPerItMw'))).toBe('12x');
    expect(
      await page.locator('[data-path="conversion.capexUsdPerItMw"] .error').textContent(),
    ).toBe('Must be a number (you entered "12x").');
    expect(await page.isVisible('#stale-banner')).toBe(true);
    expect(await verdictText(page)).toBe(verdict);
    expect(problemsOf(page)).toEqual([]);
    await page.close();
  });

  it('starts, with a notice, when stored data is corrupted', async () => {
    const page = await open();
    await page.evaluate(() => localStorage.setItem('mine-or-lease/workspace', '{"format": broken'));
    await page.reload();
    await waitForResults(page);
    const notice = await page.textContent('.notice');
    expect(notice).toContain('The saved workspace could not be read (it is not valid JSON)');
    const keys = await page.evaluate(() => Object.keys(localStorage));
    expect(keys.some((key) => key.startsWith('mine-or-lease/workspace-corrupt-'))).toBe(true);
    expect(await verdictText(page)).toContain('300 MW');
    await page.close();
  });

  it('can be used with the keyboard alone', async () => {
    const page = await open();
    const verdict0 = await verdictText(page);
    const seen: string[] = [];
    // Tab from the top of the page to the utility capacity box, in document order.
    for (let i = 0; i < 60; i += 1) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(
        () => document.activeElement?.id ?? document.activeElement?.tagName,
      );
      seen.push(id ?? '');
      if (id === 'f-site-utilityMw') break;
    }
    expect(seen.at(-1)).toBe('f-site-utilityMw');
    expect(seen.indexOf('f-name')).toBeLessThan(seen.indexOf('f-startMonth'));
    expect(seen.indexOf('f-startMonth')).toBeLessThan(seen.indexOf('f-horizonMonths'));
    // Focus is visible: the ring is drawn round the field's box.
    expect(
      await page.evaluate(
        () => getComputedStyle(document.activeElement!.closest('.control')!).outlineStyle,
      ),
    ).toBe('solid');

    // Tabbing into a text box selects it, so typing replaces the value.
    await page.keyboard.type('280');
    await page.keyboard.press('Tab');
    expect(await page.inputValue(field('site.utilityMw'))).toBe('280');
    expect(await verdictText(page)).toContain('all 280 MW');
    expect(await verdictText(page)).not.toBe(verdict0);

    // Shift+Tab goes back, and the power-price form can be switched from the keyboard.
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-site-utilityMw');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-power-pricing-kind');

    // A folded section opens with Enter and its fields take input.
    const summary = page.locator('summary', { hasText: 'Curtailment income and notes' });
    for (let i = 0; i < 20; i += 1) {
      if (await summary.evaluate((element) => element === document.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(
      'f-power-curtailment-hoursPerYear',
    );
    await page.keyboard.type('400');
    expect(await page.inputValue(field('power.curtailment.hoursPerYear'))).toBe('400');
    expect(problemsOf(page)).toEqual([]);
    await page.close();
  });

  it('works with the network off once loaded', async () => {
    const page = await open();
    await context.setOffline(true);
    try {
      await setField(page, 'lease.rateUsdPerKwMonth', '150');
      await page.selectOption('#start-from', 'blank');
      await page.click('button:text-is("Add")');
      await waitForResults(page);
      expect(await verdictText(page)).toContain('100 MW');
      const pixels = await paintedPixels(page);
      for (const id of CHART_IDS) expect(pixels[id], id).toBeGreaterThan(2000);
    } finally {
      await context.setOffline(false);
    }
    await page.close();
  });

  it('compares scenarios: changed inputs highlighted, results moved', async () => {
    const page = await open();
    await page.click('button:text-is("Duplicate")');
    await setField(page, 'conversion.capexUsdPerItMw', '8,000,000');
    await page.click('button:text-is("Compare")');
    await page.waitForSelector('#compare-results');
    // Each row heads with the schema's label, its unit apart (issue 10).
    const differing = await page.locator('#compare-inputs tbody th .clip').allTextContents();
    expect(differing).toEqual(['Scenario name', 'Conversion capex']);
    const units = await page.locator('#compare-inputs tbody th .unit-head').allTextContents();
    expect(units).toEqual(['$/IT MW']);
    expect(await page.locator('#compare-inputs td.differs').count()).toBe(2);
    const convertRow = page.locator('#compare-results tr', { hasText: 'NPV · Convert now' });
    expect(await convertRow.locator('.delta.up').count()).toBe(1);
    const keepRow = page.locator('#compare-results tr', { hasText: 'NPV · Keep mining' });
    expect(await keepRow.locator('.delta').textContent()).toBe('no change');
    expect(
      shownNumber(
        (await convertRow.locator('td').nth(1).textContent())?.replace(/[a-z+].*$/i, '') ?? '',
      ),
    ).toBeGreaterThan(0);
    await page.close();
  });
});
