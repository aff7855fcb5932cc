import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorkbook } from '../../src/io/xlsx';
import {
  convertManyToCsv,
  convertToCsv,
  requireLibreOffice,
  type SheetsAsCsv,
} from '../support/libreoffice';
import { checkWorkbook, gridsFromCsv, prepare, recalculatedWorkbookCases } from './workbookCheck';

/**
 * The exported workbook recalculated by LibreOffice headless: every formula result compared with
 * the engine. Each workbook's cached results are first overwritten with a sentinel, so a number
 * that matches the engine can only have been computed by LibreOffice from the formulas.
 */

const STALE = -987_654_321;

/** The same workbook with every formula's cached result replaced by {@link STALE}. */
async function withStaleResults(
  bytes: Uint8Array,
): Promise<{ bytes: Uint8Array; formulas: number }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  let formulas = 0;
  for (const sheet of workbook.worksheets) {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        if (cell.type !== ExcelJS.ValueType.Formula) return;
        // A shared formula's copies stay copies, with the stale result.
        const value = cell.value as ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue;
        cell.value =
          'sharedFormula' in value && value.sharedFormula
            ? ({
                sharedFormula: value.sharedFormula,
                result: STALE,
              } as ExcelJS.CellSharedFormulaValue)
            : { formula: (value as ExcelJS.CellFormulaValue).formula, result: STALE };
        formulas += 1;
      });
    });
  }
  return { bytes: new Uint8Array(await workbook.xlsx.writeBuffer()), formulas };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mine-or-lease-xlsx-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('LibreOffice headless', () => {
  it('is installed, ≥ 7.2 (else this fails: apt-get install -y libreoffice-calc-nogui)', async () => {
    const { version } = await requireLibreOffice();
    expect(version[0]).toBeGreaterThanOrEqual(7);
  });

  it('recalculates on load with the test profile, and shows cached values without it', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Proof');
    sheet.getCell('A1').value = 2;
    sheet.getCell('A2').value = 3;
    sheet.getCell('B1').value = { formula: 'A1*A2', result: 999 };
    sheet.getCell('B2').value = { formula: '(1+IRR({-100,60,60},0.01))^12-1', result: 999 };
    const path = join(dir, 'proof.xlsx');
    await writeFile(path, new Uint8Array(await workbook.xlsx.writeBuffer()));

    const cached = await convertToCsv(path, join(dir, 'proof-cached'), { recalculate: false });
    expect(cached.get('Proof')).toEqual([
      ['2', '999'],
      ['3', '999'],
    ]);
    const recalculated = await convertToCsv(path, join(dir, 'proof-recalculated'));
    const proof = recalculated.get('Proof')!;
    expect(proof[0]).toEqual(['2', '6']);
    // IRR of -100, 60, 60 is 13.066…% a period.
    expect(Number(proof[1]![1])).toBeCloseTo(1.130662386291807 ** 12 - 1, 10);
  });
});

describe('the exported workbook, recalculated by LibreOffice', () => {
  // Every workbook in one soffice run: LibreOffice starts once.
  const cases = recalculatedWorkbookCases().map(([name, input]) => ({
    name,
    workbookCase: prepare(input),
  }));
  const recalculated = new Map<string, SheetsAsCsv>();
  const formulaCounts = new Map<string, number>();
  beforeAll(async () => {
    const paths: string[] = [];
    for (const [i, { name, workbookCase }] of cases.entries()) {
      const built = await buildWorkbook(workbookCase.evaluation, workbookCase.ledgers);
      const stale = await withStaleResults(built);
      formulaCounts.set(name, stale.formulas);
      const path = join(dir, `wb${i}.xlsx`);
      await writeFile(path, stale.bytes);
      paths.push(path);
    }
    const converted = await convertManyToCsv(paths, join(dir, 'recalculated'));
    cases.forEach(({ name }, i) => {
      recalculated.set(name, converted.get(paths[i]!)!);
    });
  }, 600_000);

  it.each(cases.map(({ name }) => [name]))(
    '%s: every formula result equals the engine (NPV within one dollar, IRR within 1e-6)',
    (name) => {
      const { workbookCase } = cases.find((c) => c.name === name)!;
      expect(formulaCounts.get(name)).toBeGreaterThan(1000);
      const sheets = recalculated.get(name)!;
      for (const [sheetName, rows] of sheets) {
        for (const row of rows) {
          expect(row, `${sheetName} still shows a stale cached result`).not.toContain(
            String(STALE),
          );
        }
      }
      checkWorkbook(gridsFromCsv(sheets), workbookCase);
    },
  );
});
