import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMonteCarlo } from '../../src/engine/montecarlo/index';
import { MONTE_CARLO_CSV_HEADER } from '../../src/io/monteCarloExports';
import { buildWorkbook, ledgerSheetName, wrappedLines } from '../../src/io/xlsx';
import { loadScenarioFile } from '../support/fixtures';
import { convertToPdf, pdfPages, pdfPageText } from '../support/libreoffice';
import { prepare } from './workbookCheck';

/**
 * Issue 10: the workbook printed as 626 portrait pages, its Summary over four, ledger headers
 * overlapping the first row and the Monte Carlo sheet headed `ci95_low`. Read back with exceljs
 * for the settings, and printed to PDF by LibreOffice for the pages they give.
 */

// Texas over 36 months: page setup, header heights and fit-to-width do not depend on the number of
// months, and the test takes 12 s instead of 17.6 s (the suite's time budget). A sheet printed without fit-to-width splits across pages sideways, so the
// page count below still catches the 626-page regression.
const scenario = { ...loadScenarioFile('texas-300mw-hut8-style-lease.json'), horizonMonths: 36 };
const texas = prepare(scenario);
const monteCarlo = runMonteCarlo(texas.evaluation.scenario, { paths: 600, seed: 42 });
let bytes: Uint8Array;
let workbook: ExcelJS.Workbook;
let dir: string;

beforeAll(async () => {
  bytes = await buildWorkbook(texas.evaluation, texas.ledgers, monteCarlo);
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  dir = await mkdtemp(join(tmpdir(), 'mine-or-lease-print-'));
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the workbook prints (read back with exceljs)', () => {
  it('every sheet is landscape, one page wide, with frozen panes', () => {
    expect(workbook.worksheets.length).toBeGreaterThan(10);
    for (const sheet of workbook.worksheets) {
      expect(sheet.pageSetup, sheet.name).toMatchObject({
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      });
      expect(sheet.views[0]?.state, sheet.name).toBe('frozen');
    }
  });

  it('repeats the header rows on every page, each header row as tall as its wrapped text', () => {
    for (const sheet of workbook.worksheets.filter((s) => s.name !== 'Monte Carlo')) {
      const titles = sheet.pageSetup.printTitlesRow;
      expect(titles, sheet.name).toMatch(/^\d+:\d+$/);
      const headerRow = sheet.getRow(Number(titles!.split(':')[1]));
      let lines = 1;
      headerRow.eachCell((cell, column) => {
        if (typeof cell.value === 'string')
          lines = Math.max(lines, wrappedLines(cell.value, sheet.getColumn(column).width ?? 9));
      });
      expect(headerRow.height, sheet.name).toBeGreaterThanOrEqual(lines * 15);
    }
    // A ledger's headers wrap to several lines ("Discount factor, construction rate").
    const ledger = workbook.getWorksheet(ledgerSheetName(texas.ledgers[0]!, new Set()))!;
    expect(ledger.getRow(4).height).toBeGreaterThanOrEqual(45);
  });

  it('heads the Monte Carlo columns in words, not ci95_low', () => {
    const sheet = workbook.getWorksheet('Monte Carlo')!;
    const texts: string[] = [];
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') texts.push(cell.value);
      });
    });
    const keys = MONTE_CARLO_CSV_HEADER.filter((key) => key.includes('_') || /^p\d/.test(key));
    for (const key of keys) expect(texts, key).not.toContain(key);
    expect(texts).toContain('95% CI of the mean, low');
  });

  it('wraps as a spreadsheet does (TSDoc example)', () => {
    expect(wrappedLines('Present value (USD)', 16)).toBe(2);
    expect(wrappedLines('Present value (USD)', 12)).toBe(3);
    expect(wrappedLines('NPV', 12)).toBe(1);
  });
});

describe('the workbook printed by LibreOffice', () => {
  it('gives a sane number of landscape pages, the Summary one page wide', async () => {
    const path = join(dir, 'texas.xlsx');
    await writeFile(path, bytes);
    const pdf = await convertToPdf(path, dir);
    const { count, sizes } = await pdfPages(pdf);
    // Every sheet one page wide: at least a page a sheet, and at most two for a sheet of 36 months.
    expect(count).toBeGreaterThan(workbook.worksheets.length - 1);
    expect(count).toBeLessThanOrEqual(2 * workbook.worksheets.length);
    for (const size of sizes) expect(size.widthPt).toBeGreaterThan(size.heightPt);
    // Page 1 is the decision; then the Summary on one page with every column: its first and
    // last headings and every strategy, and nothing of it on the page after.
    expect(await pdfPageText(pdf, 1)).toContain('the decision');
    let summaryPage = 2;
    while (summaryPage < 5 && !(await pdfPageText(pdf, summaryPage)).includes('Price case'))
      summaryPage += 1;
    const summary = await pdfPageText(pdf, summaryPage);
    expect(summary).toContain('Price case');
    expect(summary).toMatch(/Check: NPV/);
    for (const strategy of texas.evaluation.cases[0]!.strategies)
      expect(summary).toContain(strategy.label);
    const after = await pdfPageText(pdf, summaryPage + 1);
    expect(after).not.toMatch(/Check: NPV|Price case/);
    // The live workbook's model sheets make the PDF a minute or two of soffice under load.
  }, 240_000);
});
