import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/e2e/support/browser';
import { buildApp } from '../test/e2e/support/build';
import { initialJavaScript } from '../test/e2e/support/bundle';
import { serveStatic } from '../test/e2e/support/server';
import { type BenchResult, formatResults, median } from './harness';

/**
 * The exports in the browser (issue 4), on the built app in headless Chromium with the Texas
 * preset (240 months, 3 price cases, 4 strategies plus the searched month: 15 ledgers):
 * - CSV and XLSX: from the click on the menu item until the file is handed to the browser
 *   (`<a download>` clicked), timed inside the page. Ledger CSVs and the workbook are built in
 *   the exports worker; the comparison table on the page.
 * - Board pack PDF: from the click on "Board pack" until `page.pdf()` returns the bytes.
 * - What the page loads up front: exceljs and lz-string must not be in it.
 */

const RUNS = { csv: 30, xlsx: 6, pdf: 6, fresh: 3 } as const;

/** Replaces downloads with a timestamp, so runs are timed in the page and nothing is saved. */
async function recordDownloads(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { savedAt: number[] };
    w.savedAt = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      if (this.download) w.savedAt.push(performance.now());
      else click.call(this);
    };
  });
}

/**
 * Opens the Export menu, waits `pauseMs` (a user reading it: the worker prepares meanwhile),
 * clicks `item` and returns the time until its file is saved (ms).
 */
function timeExport(page: Page, item: string, pauseMs = 0): Promise<number> {
  return page.evaluate(
    async ({ item, pauseMs }) => {
      const w = window as unknown as { savedAt: number[] };
      document.getElementById('export-menu')!.click();
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      const before = w.savedAt.length;
      const start = performance.now();
      document.getElementById(`export-menu-${item}`)!.click();
      while (w.savedAt.length === before) await new Promise((resolve) => setTimeout(resolve, 0));
      return w.savedAt[before]! - start;
    },
    { item, pauseMs },
  );
}

async function repeat(runs: number, task: () => Promise<number>): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) times.push(await task());
  return times;
}

async function openApp(browser: Browser, url: string): Promise<Page> {
  const page = await (
    await browser.newContext({ viewport: { width: 1280, height: 800 } })
  ).newPage();
  await page.goto(url);
  await page.waitForSelector('#verdict-sentence');
  await recordDownloads(page);
  return page;
}

/** Gzip size (kB) of the built chunks whose name starts with `prefix`. */
async function chunkKb(outDir: string, files: readonly string[], prefix: string): Promise<number> {
  let bytes = 0;
  for (const file of files.filter((f) => f.startsWith(`assets/${prefix}`))) {
    bytes += gzipSync(await readFile(join(outDir, file)), { level: 9 }).length;
  }
  return bytes / 1000;
}

export async function runExportsBrowserBench(): Promise<BenchResult[]> {
  const outDir = await buildApp();
  const server = await serveStatic(outDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const foreign: string[] = [];
  try {
    // What index.html loads up front must hold neither library.
    const initial = await initialJavaScript(outDir);
    const entryText = (
      await Promise.all(initial.entryFiles.map((file) => readFile(join(outDir, file), 'utf8')))
    ).join('\n');
    const markers = { 'lz-string': 'compressToEncodedURIComponent', exceljs: 'xl/workbook.xml' };
    for (const [library, marker] of Object.entries(markers)) {
      if (entryText.includes(marker)) throw new Error(`${library} is in the initial bundle`);
    }
    const { readdir } = await import('node:fs/promises');
    const assets = (await readdir(join(outDir, 'assets'))).map((file) => `assets/${file}`);

    // First exports on a fresh page (worker start, evaluation, decimal ledgers; exceljs).
    const fresh = async (task: (page: Page) => Promise<number>) =>
      repeat(RUNS.fresh, async () => {
        const page = await openApp(browser, server.url);
        page.on('request', (request) => foreign.push(request.url()));
        const elapsed = await task(page);
        await page.context().close();
        return elapsed;
      });
    const coldLedgers = await fresh((page) => timeExport(page, 'ledgers-csv'));
    // As a user would: the menu open for half a second before the choice.
    const preparedLedgers = await fresh((page) => timeExport(page, 'ledgers-csv', 500));
    const firstWorkbook = await fresh((page) => timeExport(page, 'workbook-xlsx'));

    const page = await openApp(browser, server.url);
    page.on('request', (request) => foreign.push(request.url()));
    await timeExport(page, 'ledgers-csv');
    const comparison = await repeat(RUNS.csv, () => timeExport(page, 'comparison-csv'));
    const ledgers = await repeat(RUNS.csv, () => timeExport(page, 'ledgers-csv'));
    const oneLedger = await repeat(RUNS.csv, () => timeExport(page, 'ledger-convert-now'));
    const workbook = await repeat(RUNS.xlsx, () => timeExport(page, 'workbook-xlsx'));

    // Board pack: click → charts drawn at print resolution → PDF bytes; then back to the app.
    const pdf = await repeat(RUNS.pdf + 1, async () => {
      await page.click('#export-menu');
      const start = performance.now();
      await page.click('#export-menu-board-pack');
      await page.waitForSelector('.boardpack[data-ready="true"]');
      const bytes = await page.pdf({ format: 'A4' });
      const elapsed = performance.now() - start;
      if (bytes.length < 10_000) throw new Error('the board pack PDF is empty');
      await page.click('text=Back to the app');
      await page.waitForSelector('#verdict-sentence');
      return elapsed;
    });
    const [firstPdf, ...pdfRuns] = pdf;

    const origin = new URL(server.url).origin;
    const outside = foreign.filter((r) => !r.startsWith(`${origin}/`) && !/^(data|blob):/.test(r));
    if (outside.length > 0) throw new Error(`requests to other origins: ${outside.join(', ')}`);

    const ms = (name: string, times: readonly number[], budgetMs?: number, note?: string) => ({
      name,
      medianMs: median(times),
      runs: times.length,
      budgetMs,
      note,
    });
    const kb = (name: string, value: number, note?: string): BenchResult => ({
      name,
      medianMs: value,
      unit: 'kB',
      runs: 1,
      note,
    });
    return [
      ms('CSV: comparison table (on the page)', comparison, 100, 'click → file saved'),
      ms('CSV: all 15 ledgers in one file (worker, ledgers built)', ledgers, 100),
      ms('CSV: one ledger, base case, convert now (worker)', oneLedger, 100),
      ms(
        'CSV: all ledgers, fresh page, menu open 0.5 s first (worker preparing meanwhile)',
        preparedLedgers,
        undefined,
        'first export',
      ),
      ms(
        'CSV: all ledgers, fresh page, chosen at once (worker start + evaluation + ledgers)',
        coldLedgers,
        undefined,
        'first export',
      ),
      ms('XLSX: the workbook (worker, exceljs loaded)', workbook, 1500, 'click → file saved'),
      ms('XLSX: first workbook on a fresh page (loads exceljs in the worker)', firstWorkbook),
      ms('Board pack PDF, A4 (click → charts drawn → page.pdf bytes)', pdfRuns, 3000),
      ms('Board pack PDF, first opening', [firstPdf!]),
      kb(
        'initial JavaScript (gzip); no exceljs, no lz-string',
        initial.entryGzipBytes / 1000,
        initial.entryFiles.join(', '),
      ),
      kb(
        'share-link chunk with lz-string (gzip, on first use)',
        await chunkKb(outDir, assets, 'shareLink'),
      ),
      kb('exports worker (gzip, on first export)', await chunkKb(outDir, assets, 'exports.worker')),
      kb(
        'exceljs chunk(s) (gzip, in the worker on first workbook)',
        await chunkKb(outDir, assets, 'exceljs'),
      ),
    ];
  } finally {
    await browser.close();
    await server.close();
    await rm(outDir, { recursive: true, force: true });
  }
}

// `npx tsx bench/exportsBrowser.ts` prints the table on its own.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(
    formatResults('Exports (built, headless Chromium)', await runExportsBrowserBench()),
  );
}
