import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { launchChromium } from './support/browser';
import { type AppPage, field, openApp, screenshot, waitForResults } from './support/page';

const url = inject('appUrl');
let context: BrowserContext;
const opened: AppPage[] = [];

async function open(): Promise<Page> {
  const app = await openApp(context, url);
  opened.push(app);
  return app.page;
}

beforeAll(async () => {
  // axe-core is injected as a script tag, which the page's own CSP would (rightly) refuse.
  context = await launchChromium({ bypassCSP: true });
});
afterAll(async () => {
  const origin = new URL(url).origin;
  const foreign = opened
    .flatMap((app) => app.requests)
    .filter((request) => !request.startsWith(`${origin}/`) && !/^(data|blob):/.test(request));
  expect(foreign).toEqual([]);
  expect(opened.flatMap((app) => app.problems)).toEqual([]);
  await context?.close();
});

describe('views: accessibility and screenshots', () => {
  it('has no serious or critical axe violations in the light theme', async () => {
    const page = await open();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'desktop-light');
    await screenshot(page, 'desktop-light-full', true);
    await page.close();
  });

  it('has no serious or critical axe violations in the dark theme', async () => {
    const page = await open();
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await waitForResults(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'desktop-dark');
    await page.close();
  });

  it('switches theme with its toggle and keeps the choice', async () => {
    const page = await open();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    await page.click('.theme-toggle');
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    await page.reload();
    await waitForResults(page);
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    await page.close();
  });

  it('has no serious or critical violations with an invalid field (stale results)', async () => {
    const page = await open();
    await page.fill(field('lease.rateUsdPerKwMonth'), '-3');
    await page.waitForSelector('#stale-banner');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'desktop-stale');
    await page.close();
  });

  it('regression: the keep-mining card clipped "n/a — no investment" (every card value shows whole)', async () => {
    const page = await open();
    for (const width of [1280, 1024, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await waitForResults(page);
      // Every value of every card lies inside its card, and the keep-mining card says why it
      // has no IRR or payback in full.
      const cut = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('#strategy-cards .kpi-card')].flatMap((card) => {
          const box = card.getBoundingClientRect();
          return [...card.querySelectorAll<HTMLElement>('h3, .kpi-main, dt, dd')]
            .filter((value) => {
              const inner = value.getBoundingClientRect();
              return (
                inner.left < box.left - 0.5 ||
                inner.right > box.right + 0.5 ||
                value.scrollWidth > value.clientWidth + 1
              );
            })
            .map((value) => `${card.querySelector('h3')?.textContent}: ${value.textContent}`);
        }),
      );
      expect(cut, `${width} px`).toEqual([]);
      const keepMining = await page.locator('#strategy-cards .kpi-card').first().innerText();
      expect(keepMining).toContain('n/a — no investment');
    }
    await page.close();
  });

  it('fits a 390-px-wide phone without sideways scrolling', async () => {
    const page = await open();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await waitForResults(page);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'phone');
    await page.evaluate(() => document.getElementById('strategies-title')?.scrollIntoView());
    await screenshot(page, 'phone-results');
    await page.evaluate(() => document.getElementById('charts-title')?.scrollIntoView());
    await screenshot(page, 'phone-charts');
    await page.close();
  });

  it('reaches the financing inputs and a loan-to-cost edit moves the levered equity NPV', async () => {
    const page = await open();
    await page.check(field('financing.projectDebt'));
    const equityNpv = '.financing-table tr[data-strategy="convert-now"] td:nth-of-type(2)';
    await page.waitForSelector(equityNpv);
    await page.waitForSelector('input[name="view-picker"][value="levered-after-tax"]');
    const before = await page.textContent(equityNpv);
    await page.fill(field('financing.projectDebt.loanToCostPct'), '30');
    await page.waitForFunction(
      ([selector, old]) => document.querySelector(selector!)?.textContent !== old,
      [equityNpv, before] as const,
    );
    await page.check(field('tax'));
    await page.waitForSelector(field('tax.federalRatePct'));
    expect(await seriousViolations(page)).toEqual([]);
    await page.uncheck(field('financing.projectDebt'));
    await page.uncheck(field('tax'));
    await page.waitForSelector('.financing-table', { state: 'detached' });
    await page.close();
  });

  it('shows the compare view without serious or critical violations', async () => {
    const page = await open();
    await page.click('button:text-is("Duplicate")');
    await page.fill(field('lease.rateUsdPerKwMonth'), '135');
    await page.fill(field('conversion.capexUsdPerItMw'), '9,000,000');
    await page.selectOption('#start-from', 'preset:feb-2026-market-snapshot');
    await page.click('button:text-is("Add")');
    await waitForResults(page);
    await page.click('button:text-is("Compare")');
    await page.waitForSelector('#compare-inputs');
    expect(await seriousViolations(page)).toEqual([]);
    // Issue 10: a CFO-readable inputs table: sticky names, no raw paths, long notes clipped.
    const layout = await page.evaluate(() => {
      const table = document.getElementById('compare-inputs')!;
      const heads = [...table.querySelectorAll('tbody th[scope="row"]')];
      const clips = [...table.querySelectorAll<HTMLElement>('.clip')];
      return {
        sticky: heads.map((th) => getComputedStyle(th).position),
        rawPaths: heads
          .map((th) => th.textContent ?? '')
          .filter((t) => /\w\[\d+\]\.|^\w+\.\w+/.test(t)),
        widest: Math.max(...clips.map((clip) => clip.getBoundingClientRect().width)),
        untitled: clips.filter((clip) => clip.title !== clip.textContent).length,
        tableWidth: table.getBoundingClientRect().width,
      };
    });
    expect(new Set(layout.sticky)).toEqual(new Set(['sticky']));
    expect(layout.rawPaths).toEqual([]);
    expect(layout.widest).toBeLessThanOrEqual(24 * 16);
    expect(layout.untitled).toBe(0);
    expect(layout.tableWidth).toBeLessThan(2000);
    await screenshot(page, 'compare');
    await page.close();
  });
});
