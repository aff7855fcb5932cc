import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildWorkbook,
  columnLetter,
  LEDGER_COLUMN_LETTERS,
  LEDGER_FIRST_ROW,
  SUMMARY_FIRST_ROW,
  SUMMARY_HEADER,
} from '../../src/io/xlsx';
import { financingSheetColumns } from '../../src/io/xlsxFinancing';
import { convertToCsv } from '../support/libreoffice';
import { gridsFromCsv, ledgerSheetNames, prepare } from './workbookCheck';

/**
 * The workbook's debt schedule, equity flows, tax table and after-tax / equity NPVs recalculated
 * by LibreOffice from their formulas (cached results overwritten first) against the app.
 */
const modelDoc = readFileSync(new URL('../../docs/model.md', import.meta.url), 'utf8');
const block = (tag: string) =>
  JSON.parse(new RegExp(`\`\`\`json ${tag}\\n([\\s\\S]*?)\`\`\``).exec(modelDoc)![1]!);
const input = { ...block('worked-example-scenario'), ...block('financing-example-sections') };

const STALE = -987_654_321;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mine-or-lease-xlsx-fin-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the workbook of a financed, taxed scenario, recalculated by LibreOffice', () => {
  it('debt schedule, equity flows, tax by year and the equity NPV follow from the formulas', async () => {
    const { evaluation, ledgers } = prepare(input);
    const bytes = await buildWorkbook(evaluation, ledgers);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) {
            cell.value = { formula: cell.formula, result: STALE };
          }
        }),
      );
    }
    const path = join(dir, 'financed.xlsx');
    await writeFile(path, new Uint8Array(await workbook.xlsx.writeBuffer()));
    const grids = gridsFromCsv(await convertToCsv(path, join(dir, 'csv')));
    const names = ledgerSheetNames(ledgers, evaluation);
    const first = LEDGER_COLUMN_LETTERS.financingFirst
      .split('')
      .reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const columns = financingSheetColumns(first).index;
    const summary = grids.get('Summary')!;
    ledgers.forEach((ledger, index) => {
      const grid = grids.get(names[index]!)!;
      const part = ledger.financing!;
      part.rows.forEach((row, m) => {
        const r = LEDGER_FIRST_ROW + m;
        expect(grid(r, columns.debtBalance), `${names[index]} balance m${m}`).toBeCloseTo(
          row.debtBalanceUsd / 100,
          2,
        );
        expect(grid(r, columns.equityFlow), `${names[index]} equity m${m}`).toBeCloseTo(
          row.equityFlowUsd / 100,
          2,
        );
        expect(grid(r, columns.unleveredAfterTax)).toBeCloseTo(row.unleveredAfterTaxUsd / 100, 2);
      });
      const tax = part.taxLevered!;
      const tableFirstRow = LEDGER_FIRST_ROW + part.rows.length - 1 + 6;
      tax.years.forEach((year, y) => {
        expect(grid(tableFirstRow + y, first + 1), `EBITDA y${y}`).toBeCloseTo(year.ebitdaUsd, 2);
        expect(grid(tableFirstRow + y, first + 9), `tax y${y}`).toBeCloseTo(year.taxUsd, 2);
      });
      // The Summary's equity NPV, computed by Calc, against the app's float engine.
      const r = SUMMARY_FIRST_ROW + index;
      const strategy = evaluation.cases[0]!.strategies.find(
        (s) => s.strategyId === ledger.strategyId,
      )!;
      const equityNpv = summary(r, SUMMARY_HEADER.length + 3) as number;
      expect(Math.abs(equityNpv - strategy.financing!.leveredAfterTax!.npvUsd)).toBeLessThan(1);
      const afterTaxNpv = summary(r, SUMMARY_HEADER.length + 1) as number;
      expect(Math.abs(afterTaxNpv - strategy.financing!.unleveredAfterTax.npvUsd)).toBeLessThan(1);
    });
    expect(columnLetter(first)).toMatch(/^[A-Z]+$/);
  }, 180_000);
});
