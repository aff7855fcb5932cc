import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS, LINE_ITEMS, lineItemHeader } from '../../src/engine/index';
import { KERNEL_TERMS } from '../../src/engine/montecarlo/kernel';
import { ledgerCsv } from '../../src/io/csvExports';
import { columnMap, MINING_COLUMNS } from '../../src/io/workbookModel';
import { buildWorkbook, LEDGER_COLUMN_LETTERS, LEDGER_SHEET_COLUMNS } from '../../src/io/xlsx';
import { readCsv } from '../support/csvReader';
import { loadScenarioFile } from '../support/fixtures';
import { ledgerSheetNames, prepare } from './workbookCheck';

/**
 * One table of line items (src/engine/strategies.ts `LINE_ITEMS`): every consumer lists the same
 * lines in the same order, read from what each one produces, not from a list written here.
 */
const keys = LINE_ITEMS.map((item) => item.key);
/** `miningRevenueUsd` → `mining_revenue_usd`, written independently of the CSV writer. */
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

describe('the line items: one table, every consumer in its order', () => {
  const hydro = prepare(loadScenarioFile('hydro-20mw-older-fleet-retrofit.json'));

  it('the Monte Carlo kernel takes every line of the table, in order, as one of its terms', () => {
    expect(KERNEL_TERMS.map((term) => term.key)).toEqual(keys);
    // The mining net's terms are the mining lines with a month item; the rest are fleet or fixed.
    for (const { key, term } of KERNEL_TERMS) {
      const item = LINE_ITEMS.find((line) => line.key === key)!;
      expect(term === 'slope' || term === 'intercept').toBe(item.netTerm !== null);
      expect(term === 'fixed').toBe(item.class !== 'mining');
    }
  });

  it('the decimal ledger and its CSV have one column per line, in order, before the net', () => {
    expect(LEDGER_COLUMNS.slice(0, keys.length)).toEqual(keys);
    const [header] = readCsv(ledgerCsv(hydro.ledgers[0]!));
    expect(header!.slice(2, 2 + keys.length + 1)).toEqual([
      ...keys.map(snake),
      'net_cash_flow_usd',
    ]);
  });

  it('the workbook ledger sheets have one column per line, in order, with its class above it', async () => {
    const workbook = new ExcelJS.Workbook();
    const bytes = await buildWorkbook(hydro.evaluation, hydro.ledgers);
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const [name] = ledgerSheetNames(hydro.ledgers, hydro.evaluation);
    const sheet = workbook.getWorksheet(name!)!;
    const first = sheet.getColumn(LEDGER_COLUMN_LETTERS.firstItem).number;
    const last = sheet.getColumn(LEDGER_COLUMN_LETTERS.lastItem).number;
    const row = (r: number) =>
      Array.from({ length: last - first + 1 }, (_, i) => sheet.getRow(r).getCell(first + i).value);
    expect(row(4)).toEqual(LINE_ITEMS.map(lineItemHeader));
    expect(row(3)).toEqual(LINE_ITEMS.map((item) => item.class));
    expect(sheet.getRow(4).getCell(last + 1).value).toBe('Net cash flow (USD)');
    expect(LEDGER_SHEET_COLUMNS.keys.slice(first - 1, last)).toEqual(keys);
    // The Mining sheet's whole-fleet lines: the table's mining-net lines, in order.
    const miningNet = LINE_ITEMS.filter((item) => item.netTerm !== null).map((item) => item.key);
    const at = MINING_COLUMNS.keys.indexOf(miningNet[0]!);
    expect(MINING_COLUMNS.keys.slice(at, at + miningNet.length)).toEqual(miningNet);
  });

  it.each([
    'texas-300mw-hut8-style-lease.json',
    'hydro-20mw-older-fleet-retrofit.json',
    'feb-2026-market-snapshot.json',
  ])('%s: every ledger amount has its line’s sign (income ≥ 0, cost ≤ 0)', (file) => {
    const { ledgers } = file.startsWith('hydro') ? hydro : prepare(loadScenarioFile(file));
    for (const ledger of ledgers) {
      for (const item of LINE_ITEMS) {
        const amounts = ledger.rows.map((row) => Number(row.amounts[item.key]));
        if (item.sign === 'income')
          expect(Math.min(...amounts), item.key).toBeGreaterThanOrEqual(0);
        if (item.sign === 'cost') expect(Math.max(...amounts), item.key).toBeLessThanOrEqual(0);
      }
    }
  });
});

describe('columnMap: one list of a sheet’s columns', () => {
  it('gives each key its column and letter in order (the TSDoc example)', () => {
    const map = columnMap({ month: 'Month', price: 'Price' }, 3);
    expect(map.letter.price).toBe('D');
    expect(map.index).toEqual({ month: 3, price: 4 });
    expect(map.headers).toEqual(['Month', 'Price']);
    expect(map.next).toBe(5);
  });
});
