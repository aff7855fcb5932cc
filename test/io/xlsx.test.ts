import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { scenarioInputRows } from '../../src/io/inputsTable';
import {
  buildWorkbook,
  columnLetter,
  FIXED_SHEET_NAMES,
  LEDGER_COLUMN_LETTERS,
  LEDGER_FIRST_ROW,
  ledgerSheetName,
  RATE_NAMES,
  SUMMARY_FIRST_ROW,
  VALUATION_DATE_NAME,
} from '../../src/io/xlsx';
import { loadScenarioFile } from '../support/fixtures';
import {
  checkWorkbook,
  gridsFromCachedValues,
  ledgerSheetNames,
  prepare,
  workbookCases,
} from './workbookCheck';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

describe('buildWorkbook: cached values (what a viewer without recalculation shows)', () => {
  it.each(workbookCases())('%s: every cached figure equals the engine', async (_, input) => {
    const workbookCase = prepare(input);
    const bytes = await buildWorkbook(workbookCase.evaluation, workbookCase.ledgers);
    expect(bytes[0]).toBe(0x50); // "PK": a zip container
    checkWorkbook(await gridsFromCachedValues(bytes), workbookCase);
  });
});

describe('buildWorkbook: layout and formulas', () => {
  const texas = prepare(loadScenarioFile('texas-300mw-hut8-style-lease.json'));
  const workbookPromise = buildWorkbook(texas.evaluation, texas.ledgers).then(load);

  it('has Summary, Rates, Inputs, one sheet per strategy × price case, then Stress tests', async () => {
    const workbook = await workbookPromise;
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toEqual([
      ...FIXED_SHEET_NAMES,
      ...ledgerSheetNames(texas.ledgers),
      'Stress tests',
    ]);
    expect(names).toContain('base Convert now');
    expect(names).toContain('bull Convert m24');
    for (const name of names) expect(name.length).toBeLessThanOrEqual(31);
  });

  it('names the rate cells and the valuation date', async () => {
    const workbook = await workbookPromise;
    const model = workbook.definedNames.model.map((d) => [d.name, d.ranges]);
    expect(model).toEqual(
      expect.arrayContaining([
        [RATE_NAMES.wacc, ['Rates!$B$4']],
        [RATE_NAMES.mining, ['Rates!$B$5']],
        [RATE_NAMES.construction, ['Rates!$B$6']],
        [RATE_NAMES.lease, ['Rates!$B$7']],
        [VALUATION_DATE_NAME, ['Rates!$B$8']],
      ]),
    );
    const rates = workbook.getWorksheet('Rates')!;
    expect(rates.getCell('B4').formula).toMatch(/^Inputs!\$B\$\d+\/100$/);
    expect(rates.getCell('B5').formula).toMatch(
      /^IF\(Inputs!\$B\$\d+="",rate_wacc,Inputs!\$B\$\d+\/100\)$/,
    );
  });

  it('writes live formulas over the ledger cells in the Summary', async () => {
    const summary = (await workbookPromise).getWorksheet('Summary')!;
    const row = SUMMARY_FIRST_ROW + 1; // bear, convert now
    const sheet = `'bear Convert now'!`;
    const range = (letter: string) =>
      `${sheet}${letter}${LEDGER_FIRST_ROW}:${letter}${LEDGER_FIRST_ROW + 239}`;
    const { subtotal, factor, net, endDate, incremental } = LEDGER_COLUMN_LETTERS;
    expect(summary.getCell(`D${row}`).formula).toBe(
      `SUMPRODUCT(${range(subtotal.mining)},${range(factor.mining)})`,
    );
    expect(summary.getCell(`G${row}`).formula).toBe(`D${row}+E${row}+F${row}`);
    expect(summary.getCell(`H${row}`).formula).toContain(
      `NPV((1+rate_mining)^(1/12)-1,${range(net)})`,
    );
    expect(summary.getCell(`I${row}`).formula).toContain(
      `XNPV(rate_mining,${range(net)},${range(endDate)})`,
    );
    expect(summary.getCell(`J${row}`).formula).toMatch(
      new RegExp(
        `^IFERROR\\(\\(1\\+IRR\\(${regexLiteral(range(net))},0\\.\\d{12}\\)\\)\\^12-1,"no IRR"\\)$`,
      ),
    );
    expect(summary.getCell(`K${row}`).formula).toBe(`G${row}-G${SUMMARY_FIRST_ROW}`);
    expect(summary.getCell(`L${row}`).formula).toContain(`IRR(${range(incremental)},`);
    expect(summary.getCell(`O${row}`).formula).toBe(`G${row}-M${row}`);
  });

  it('writes the ledger as values and its derived columns as formulas', async () => {
    const sheet = (await workbookPromise).getWorksheet('bear Convert now')!;
    const r = LEDGER_FIRST_ROW;
    const L = LEDGER_COLUMN_LETTERS;
    expect(sheet.getCell(`${L.firstItem}${r}`).type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell(`${L.net}${r}`).formula).toBe(`SUM(${L.firstItem}${r}:${L.lastItem}${r})`);
    expect(sheet.getCell(`${L.subtotal.lease}${r}`).formula).toBe(
      `SUMIF($${L.firstItem}$3:$${L.lastItem}$3,"lease",${L.firstItem}${r}:${L.lastItem}${r})`,
    );
    expect(sheet.getCell(`${L.factor.construction}${r}`).formula).toBe(
      `(1+rate_construction)^(-(A${r}+1)/12)`,
    );
    expect(sheet.getCell(`${L.presentValue}${r}`).formula).toBe(
      `${L.subtotal.mining}${r}*${L.factor.mining}${r}+${L.subtotal.construction}${r}*${L.factor.construction}${r}+${L.subtotal.lease}${r}*${L.factor.lease}${r}`,
    );
    expect(sheet.getCell(`${L.incremental}${r}`).formula).toBe(
      `${L.net}${r}-'bear Mine'!${L.net}${r}`,
    );
    expect(sheet.getCell(`A${LEDGER_FIRST_ROW + 240}`).value).toBe('TOTAL');
  });

  it('lists every input field with its value and unit', async () => {
    const inputs = (await workbookPromise).getWorksheet('Inputs')!;
    const rows = scenarioInputRows(texas.evaluation.scenario);
    expect(rows.length).toBeGreaterThan(80);
    rows.forEach((input, i) => {
      const row = inputs.getRow(4 + i);
      expect(row.getCell(1).value).toBe(input.path);
      expect(row.getCell(2).value ?? null).toBe(input.value);
      expect(row.getCell(3).value).toBe(input.unit);
    });
    const byPath = new Map(rows.map((r) => [r.path, r]));
    expect(byPath.get('fleet[0].hashrateThs')).toMatchObject({ value: 234, unit: 'TH/s' });
    expect(byPath.get('lease.rateUsdPerKwMonth')?.unit).toBe('USD per kW of critical IT per month');
    expect(byPath.get('priceCases[2].pricesUsdByYear[4]')).toMatchObject({
      value: 250000,
      unit: 'USD',
    });
  });

  it('writes text that looks like a formula as text, never as a formula', async () => {
    const input = loadScenarioFile('hydro-20mw-older-fleet-retrofit.json');
    const evil = prepare({
      ...input,
      name: '=HYPERLINK("http://example.com","x")',
      priceCases: input.priceCases.map((c, i) => (i === 0 ? { ...c, name: "=1+1'[x]" } : c)),
    });
    const workbook = await load(await buildWorkbook(evil.evaluation, evil.ledgers));
    const inputs = workbook.getWorksheet('Inputs')!;
    const nameCell = inputs.getCell('B6');
    expect(inputs.getCell('A6').value).toBe('name');
    expect(nameCell.type).toBe(ExcelJS.ValueType.String);
    expect(nameCell.value).toBe('=HYPERLINK("http://example.com","x")');
    expect(workbook.getWorksheet('Summary')!.getCell(`A${SUMMARY_FIRST_ROW}`).value).toBe(
      "=1+1'[x]",
    );
    // The case name becomes a valid sheet name.
    expect(workbook.worksheets[FIXED_SHEET_NAMES.length]!.name).toBe("=1+1'_x_ Mine");
  });
});

describe('sheet names and columns', () => {
  const ledger = prepare(loadScenarioFile('texas-300mw-hut8-style-lease.json')).ledgers[0]!;

  it('makes a valid, unique name of any case name', () => {
    const taken = new Set<string>();
    const long = { ...ledger, caseName: `'${'x'.repeat(60)}` };
    const first = ledgerSheetName(long, taken);
    expect(first).toBe(`${'x'.repeat(26)} Mine`);
    taken.add(first);
    expect(ledgerSheetName(long, taken)).toBe(`${'x'.repeat(24)} Mine 2`);
    expect(ledgerSheetName({ ...ledger, caseName: 'a/b:c*d?[e]\\' }, new Set())).toBe(
      'a_b_c_d__e__ Mine',
    );
    expect(ledgerSheetName({ ...ledger, caseName: 'BASE' }, new Set(['base Mine']))).toBe(
      'BASE Mine 2',
    );
  });

  it.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [52, 'AZ'],
    [703, 'AAA'],
  ])('column %i is %s', (column, letter) => {
    expect(columnLetter(column)).toBe(letter);
  });
});

/** A string as a literal inside a RegExp. */
function regexLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
