import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { evaluate } from '../../src/engine/index';
import { UTF8_BOM } from '../../src/io/csv';
import {
  allLedgersCsv,
  comparisonCsv,
  ledgerCsv,
  ledgerCsvFileName,
  ledgersOf,
} from '../../src/io/csvExports';
import { scenarioFileText } from '../../src/io/scenarioFile';
import type { Scenario } from '../../src/schema/scenario';
import { GENERATED_BAD_FILES } from '../fixtures/generatedBadFiles';
import { seriousViolations } from './support/axe';
import { launchChromium } from './support/browser';
import {
  downloadBytes,
  exportDownload,
  foreignRequests,
  storedWorkspace,
  tabNames,
  waitForSavedTabs,
} from './support/files';
import { type AppPage, field, openApp, screenshot } from './support/page';

const url = inject('appUrl');
const TEXAS = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '../../scenarios/texas-300mw-hut8-style-lease.json'),
    'utf8',
  ),
) as unknown;
const evaluation = evaluate(TEXAS);
const texas: Scenario = evaluation.scenario;
const ledgers = ledgersOf(evaluation);
const CORPUS_DIR = join(import.meta.dirname, '../fixtures/bad-scenarios');
const expectedMessages = JSON.parse(
  readFileSync(join(CORPUS_DIR, 'expected.json'), 'utf8'),
) as Record<string, string>;

let context: BrowserContext;
let tempDir: string;
const pages: AppPage[] = [];

beforeAll(async () => {
  context = await launchChromium();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(url).origin,
  });
  tempDir = await mkdtemp(join(tmpdir(), 'mine-or-lease-files-'));
});
afterAll(async () => {
  // Every page, whatever it did, asked only its own origin for anything, without a console
  // error, page error or CSP violation.
  expect(foreignRequests(pages, url)).toEqual([]);
  expect(pages.flatMap((app) => app.problems)).toEqual([]);
  await context?.close();
  await rm(tempDir, { recursive: true, force: true });
});

async function open(target = url, clearStorage = true): Promise<Page> {
  const app = await openApp(context, target, { clearStorage });
  pages.push(app);
  return app.page;
}

/** The saved workspace's tabs (waits for the debounced save to hold `count` tabs). */
async function savedTabs(page: Page, count: number) {
  await waitForSavedTabs(page, count);
  return (JSON.parse((await storedWorkspace(page))!) as { tabs: { lastValid: Scenario }[] }).tabs;
}

/** The text of a UTF-8 CSV download, after checking and removing its byte order mark. */
function csvText(bytes: Buffer): string {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return bytes.subarray(3).toString('utf8');
}

describe('files in the browser', () => {
  it('exports the scenario file and imports it back as an identical scenario', async () => {
    const page = await open();
    const download = await exportDownload(page, 'scenario-json');
    expect(download.suggestedFilename()).toBe(
      'texas-300-mw-fixed-price-power-15-year-nnn-lease-offer.json',
    );
    const bytes = await downloadBytes(download);
    expect(bytes.toString('utf8')).toBe(scenarioFileText(texas));
    const path = join(tempDir, download.suggestedFilename());
    await writeFile(path, bytes);

    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.click('#import-button'),
    ]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles(path);
    await page.waitForSelector('[data-report="added"]');
    expect(await tabNames(page)).toEqual([texas.name, `${texas.name} (2)`]);
    expect(await page.textContent('.tab[aria-current="true"]')).toBe(`${texas.name} (2)`);
    const [original, imported] = await savedTabs(page, 2);
    expect({ ...imported!.lastValid, name: texas.name }).toEqual(original!.lastValid);
    expect(imported!.lastValid).toEqual({ ...texas, name: `${texas.name} (2)` });
    await page.close();
  });

  it('refuses every bad file of the corpus through the file input, changing nothing', async () => {
    const page = await open();
    // A saved workspace to compare: add a second tab and wait for the save.
    await page.selectOption('#start-from', 'blank');
    await page.click('button:text-is("Add")');
    await waitForSavedTabs(page, 2);
    const stored = await storedWorkspace(page);
    const tabs = await tabNames(page);

    const generated = [];
    for (const file of GENERATED_BAD_FILES) {
      const path = join(tempDir, file.name);
      await writeFile(path, file.bytes());
      generated.push({ name: file.name, path, expected: file.expected });
    }
    const corpus = readdirSync(CORPUS_DIR)
      .filter((name) => name !== 'expected.json')
      .map((name) => ({ name, path: join(CORPUS_DIR, name), expected: expectedMessages[name]! }));
    expect(corpus.length).toBeGreaterThanOrEqual(30);

    for (const file of [...corpus, ...generated]) {
      await page.setInputFiles('#import-file', file.path);
      const panel = page.locator(`[data-report="rejected"][data-source="${file.name}"]`);
      await panel.waitFor({ state: 'visible' });
      const text = (await panel.innerText()).replace(/\s+/g, ' ');
      expect(text, file.name).toContain(`“${file.name}” was not imported`);
      expect(text, file.name).toContain(file.expected.replace(/\s+/g, ' '));
      await panel.locator('button:text-is("Dismiss")').click();
      await panel.waitFor({ state: 'detached' });
    }
    await page.waitForTimeout(400);
    expect(await tabNames(page)).toEqual(tabs);
    expect(await storedWorkspace(page)).toBe(stored);
    await page.close();
  });

  it('imports a file dropped on the page, with an overlay while it is dragged', async () => {
    const page = await open();
    const text = scenarioFileText({ ...texas, name: 'Dropped site' });
    await page.evaluate((content) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], 'dropped.json', { type: 'application/json' }));
      (window as unknown as { testTransfer: DataTransfer }).testTransfer = transfer;
      document.body.dispatchEvent(
        new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }),
      );
    }, text);
    await page.waitForSelector('.drop-overlay');
    await screenshot(page, 'files-drop-overlay');
    await page.evaluate(() => {
      const transfer = (window as unknown as { testTransfer: DataTransfer }).testTransfer;
      document.body.dispatchEvent(
        new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
      );
    });
    await page.waitForSelector('[data-report="added"]');
    expect(await page.$('.drop-overlay')).toBeNull();
    expect(await page.textContent('.tab[aria-current="true"]')).toBe('Dropped site');
    const saved = await savedTabs(page, 2);
    expect(saved[1]!.lastValid).toEqual({ ...texas, name: 'Dropped site' });
    await page.close();
  });

  it('copies a share link that opens the scenario in a fresh page; a tampered one is refused', async () => {
    const page = await open();
    await page.fill(field('lease.rateUsdPerKwMonth'), '135');
    await page.locator(field('lease.rateUsdPerKwMonth')).blur();
    await page.click('#export-menu');
    await page.click('#export-menu-share-link');
    await page.waitForSelector('.share-copied');
    await screenshot(page, 'files-share-dialog');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(await page.inputValue('#share-url')).toBe(copied);
    expect(copied.startsWith(`${url}#s=`)).toBe(true);
    await page.keyboard.press('Escape');
    await page.waitForSelector('.share-dialog', { state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('export-menu');
    await waitForSavedTabs(page, 1);
    await page.close();

    // A new page on the link: the workspace saved above, plus the shared scenario.
    const opened = await open(copied, false);
    await opened.waitForSelector('[data-report="added"]');
    expect(await opened.textContent('[data-report="added"]')).toContain('from a share link');
    expect(await tabNames(opened)).toEqual([texas.name, `${texas.name} (2)`]);
    expect(new URL(opened.url()).hash).toBe('');
    const [, shared] = await savedTabs(opened, 2);
    expect(shared!.lastValid).toEqual({
      ...texas,
      name: `${texas.name} (2)`,
      lease: { ...texas.lease, rateUsdPerKwMonth: 135 },
    });
    // The fragment is gone from the address: a reload does not add it twice.
    await opened.reload();
    await opened.waitForSelector('#verdict-sentence');
    expect(await tabNames(opened)).toHaveLength(2);
    const stored = await storedWorkspace(opened);
    await opened.close();

    const hash = new URL(copied).hash;
    const changed = hash[50] === 'A' ? 'B' : 'A';
    const tampered = `${url}${hash.slice(0, 50)}${changed}${hash.slice(51)}`;
    const refused = await open(tampered, false);
    const panel = refused.locator('[data-report="rejected"]');
    await panel.waitFor();
    expect(await panel.innerText()).toMatch(
      /The share link could not be opened[\s\S]*\(link\) = .*: is damaged or incomplete: copy the whole link again/,
    );
    expect(await tabNames(refused)).toHaveLength(2);
    await refused.waitForTimeout(400);
    expect(await storedWorkspace(refused)).toBe(stored);
    await refused.close();
  });

  it('downloads CSVs equal to the io functions in Node, to the byte', async () => {
    const page = await open();
    const comparison = await exportDownload(page, 'comparison-csv');
    expect(comparison.suggestedFilename()).toBe(
      'texas-300-mw-fixed-price-power-15-year-nnn-lease-offer--comparison.csv',
    );
    expect(csvText(await downloadBytes(comparison))).toBe(comparisonCsv(evaluation));

    const all = await exportDownload(page, 'ledgers-csv');
    expect(all.suggestedFilename()).toBe(
      'texas-300-mw-fixed-price-power-15-year-nnn-lease-offer--ledgers.csv',
    );
    expect(csvText(await downloadBytes(all))).toBe(allLedgersCsv(ledgers));

    const one = await exportDownload(page, 'ledger-convert-now');
    const baseConvertNow = ledgers.find(
      (l) => l.caseName === 'base' && l.strategyId === 'convert-now',
    )!;
    expect(one.suggestedFilename()).toBe(ledgerCsvFileName(texas.name, baseConvertNow));
    expect(csvText(await downloadBytes(one))).toBe(ledgerCsv(baseConvertNow));
    expect(UTF8_BOM).toBe('\uFEFF');
    await page.close();
  });

  it('downloads a workbook that exceljs opens, with its Summary sheet', async () => {
    const page = await open();
    await page.click('#export-menu');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.click('#export-menu-workbook-xlsx'),
    ]);
    // The status shows while the worker builds it (it may already be gone when read).
    expect(download.suggestedFilename()).toBe(
      'texas-300-mw-fixed-price-power-15-year-nnn-lease-offer.xlsx',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await downloadBytes(download)) as unknown as ExcelJS.Buffer);
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names.slice(0, 5)).toEqual(['Decision', 'Summary', 'Checks', 'Rates', 'Inputs']);
    // The fixed sheets, a Mining sheet per price case, a ledger per strategy × case.
    expect(names).toHaveLength(9 + evaluation.scenario.priceCases.length + ledgers.length + 1);
    expect(names.at(-1)).toBe('Stress tests');
    const summary = workbook.getWorksheet('Summary')!;
    const npv = summary.getCell('G5').value as { formula: string; result: number };
    expect(npv.formula).toBe('D5+E5+F5');
    const keepMiningBear = evaluation.cases[0]!.strategies[0]!.npvUsd;
    expect(Math.abs(npv.result - keepMiningBear)).toBeLessThan(1);
    expect(await page.textContent('.export-status')).toBe('');
    await page.close();
  });

  it('saves a chart as a PNG on the theme background, at twice the screen resolution, under a title block (chart, scenario, case, date)', async () => {
    const page = await open();
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
      const button = page.locator('.chart-save[data-chart="chart-cumulative"]');
      expect(await button.textContent()).toBe('Save PNG: Cumulative discounted cash flow');
      const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
      expect(download.suggestedFilename()).toBe(
        'texas-300-mw-fixed-price-power-15-year-nnn-lease-offer--cumulative-discounted-cash-flow.png',
      );
      const bytes = await downloadBytes(download);
      expect([...bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
      const image = await page.evaluate(async (base64) => {
        const binary = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([binary], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
        let opaque = 0;
        let drawn = 0;
        // The title block: 52 CSS px at 2× above the chart; its two text lines are drawn pixels.
        const blockRows = 104;
        const titleRows = new Set<number>();
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3] === 255) opaque += 1;
          const differs = data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2];
          if (differs) drawn += 1;
          const row = Math.floor(i / 4 / bitmap.width);
          if (differs && row < blockRows) titleRows.add(row);
        }
        const css = document.getElementById('chart-cumulative')!.getBoundingClientRect();
        return {
          width: bitmap.width,
          height: bitmap.height,
          cssHeight: Math.round(css.height),
          titleRows: titleRows.size,
          cssWidth: Math.round(css.width),
          pixels: data.length / 4,
          opaque,
          drawn,
          corner: [data[0], data[1], data[2]],
        };
      }, bytes.toString('base64'));
      expect(image.width).toBe(image.cssWidth * 2);
      expect(image.height).toBe((image.cssHeight + 52) * 2);
      // A bold 16 px title and a 12.5 px detail line: tens of pixel rows carry text.
      expect(image.titleRows).toBeGreaterThan(30);
      expect(image.opaque).toBe(image.pixels);
      expect(image.drawn).toBeGreaterThan(5000);
      expect(image.corner).toEqual(theme === 'light' ? [255, 255, 255] : [22, 28, 35]);
    }
    // The chart on the page is back at the screen's resolution.
    expect(
      await page.evaluate(() => {
        const canvas = document.getElementById('chart-cumulative') as HTMLCanvasElement;
        return canvas.width === Math.round(canvas.getBoundingClientRect().width);
      }),
    ).toBe(true);
    await page.close();
  });
});

describe('files: accessibility', () => {
  it('has no serious or critical axe violations with the export menu or share dialog open', async () => {
    // axe is injected as a script tag, which the page's own CSP refuses: its own context.
    const axeContext = await launchChromium({ bypassCSP: true });
    try {
      const app = await openApp(axeContext, url);
      const page = app.page;
      await page.focus('#export-menu');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[role="menu"]');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
        'Scenario (JSON)',
      );
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'files-export-menu');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.share-dialog[open]');
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');

      // On a phone the menu opens within the screen.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.click('#export-menu');
      const box = (await page.locator('.menu-popover').boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      await screenshot(page, 'files-export-menu-phone');
      expect(foreignRequests([app], url)).toEqual([]);
    } finally {
      await axeContext.close();
    }
  });
});
