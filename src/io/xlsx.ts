/**
 * The auditable workbook (docs/files.md): the scenario's inputs, the discount rates, one sheet per
 * strategy × price case holding the decimal ledger of record, and a summary whose NPV, IRR, XNPV
 * and incremental figures are live formulas over the ledger cells. Every formula carries its
 * cached result, so a viewer that does not recalculate still shows the numbers; the workbook asks
 * Excel to recalculate fully on load. exceljs is loaded on first use only, keeping it out of the
 * app's initial bundle.
 */

import type * as ExcelJS from 'exceljs';
import {
  type CashFlowClass,
  decisionRows,
  type Evaluation,
  irr,
  type Ledger,
  LINE_ITEMS,
  NO_INVESTMENT_TEXT,
  npv,
  type StrategyResult,
  xnpv,
} from '../engine/index';
import type { MonteCarloResult } from '../engine/montecarlo/index';
import { type InputRow, scenarioInputRows } from './inputsTable';
import { addMonteCarloSheet } from './monteCarloExports';
import { STRESS_BASE_NAME } from './stressTable';
import {
  FINANCING_RATE_NAMES,
  type FinancingBlock,
  writeFinancingBlock,
  writeFinancingRates,
} from './xlsxFinancing';

type ExcelJsModule = typeof ExcelJS;

let excelJs: Promise<ExcelJsModule> | undefined;

/** exceljs, imported once on first use. Node exposes the CommonJS module as `default`. */
function loadExcelJs(): Promise<ExcelJsModule> {
  excelJs ??= import('exceljs').then(
    (mod) => (mod as ExcelJsModule & { default?: ExcelJsModule }).default ?? mod,
  );
  return excelJs;
}

/** The cash-flow classes in statement order, each with its own discount rate. */
const CLASSES: readonly CashFlowClass[] = ['mining', 'construction', 'lease'];

const CLASS_LABELS: Readonly<Record<CashFlowClass, string>> = {
  mining: 'Mining',
  construction: 'Construction',
  lease: 'Lease',
};

/** Defined names of the Rates sheet's cells, used by every discounting formula. */
export const RATE_NAMES: Readonly<Record<CashFlowClass | 'wacc', string>> = {
  wacc: 'rate_wacc',
  mining: 'rate_mining',
  construction: 'rate_construction',
  lease: 'rate_lease',
};
export const VALUATION_DATE_NAME = 'valuation_date';

/** What IRR cells show when the series has no IRR (no sign change, or no root found). */
export const NO_IRR_TEXT = 'no IRR';
/** What the one-rate cells (Excel NPV, XNPV) show when the class rates differ. */
export const CLASS_RATES_DIFFER_TEXT = 'n/a: class rates differ';

const USD_FORMAT = '#,##0.00;-#,##0.00';
const FACTOR_FORMAT = '0.0000000000';
const PERCENT_FORMAT = '0.0000%';
const DATE_FORMAT = 'yyyy-mm-dd';

/** 1 → A, 27 → AA */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** `'base Mine'!` — sheet names are always quoted, inner quotes doubled. */
function sheetRef(name: string): string {
  return `'${name.replaceAll("'", "''")}'!`;
}

/** A date cell for a `YYYY-MM-DD` day, at UTC midnight (exceljs writes UTC serials). */
function utcDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

/** The last day of the month before `YYYY-MM`: t = 0, since flows fall at month ends. */
function valuationIsoDate(startMonth: string): string {
  const [year, month] = startMonth.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1, 0)).toISOString().slice(0, 10);
}

/** A formula with its cached result. */
function formula(text: string, result: number | string): ExcelJS.CellFormulaValue {
  return { formula: text, result };
}

/**
 * An annualised IRR formula over a monthly range and its cached result. The guess is the IRR the
 * engine finds for the same flows (1% a month when it finds none): spreadsheet IRR is Newton's
 * method from the guess and gives up on many monthly series from its default of 10%, and with
 * several sign changes the guess picks which root is returned — so the workbook converges to the
 * engine's root. Recalculated after an edit, it starts from the same guess.
 */
function irrFormula(range: string, values: readonly number[]): ExcelJS.CellFormulaValue {
  const result = irr(values, 0.01);
  const guess = result.kind === 'rate' ? result.rate.toFixed(12) : '0.01';
  return formula(
    `IFERROR((1+IRR(${range},${guess}))^12-1,"${NO_IRR_TEXT}")`,
    result.kind === 'rate' ? (1 + result.rate) ** 12 - 1 : NO_IRR_TEXT,
  );
}

/**
 * Column layout of a ledger sheet (1-based columns). Data rows start at {@link LEDGER_FIRST_ROW};
 * the row above the header names each line item's cash-flow class, which the class subtotals
 * read with `SUMIF`.
 */
const LEDGER_CLASS_ROW = 3;
const LEDGER_HEADER_ROW = 4;
export const LEDGER_FIRST_ROW = 5;

const MONTH_INDEX_COL = 1;
const MONTH_COL = 2;
const DATE_COL = 3;
const FIRST_ITEM_COL = 4;
const LAST_ITEM_COL = FIRST_ITEM_COL + LINE_ITEMS.length - 1;
const NET_COL = LAST_ITEM_COL + 1;
const SUBTOTAL_COL: Readonly<Record<CashFlowClass, number>> = {
  mining: NET_COL + 1,
  construction: NET_COL + 2,
  lease: NET_COL + 3,
};
const FACTOR_COL: Readonly<Record<CashFlowClass, number>> = {
  mining: NET_COL + 4,
  construction: NET_COL + 5,
  lease: NET_COL + 6,
};
const PV_COL = NET_COL + 7;
const INCREMENTAL_COL = NET_COL + 8;

/** Column letters of a ledger sheet, by role. */
export const LEDGER_COLUMN_LETTERS = {
  monthIndex: columnLetter(MONTH_INDEX_COL),
  endDate: columnLetter(DATE_COL),
  firstItem: columnLetter(FIRST_ITEM_COL),
  lastItem: columnLetter(LAST_ITEM_COL),
  net: columnLetter(NET_COL),
  subtotal: {
    mining: columnLetter(SUBTOTAL_COL.mining),
    construction: columnLetter(SUBTOTAL_COL.construction),
    lease: columnLetter(SUBTOTAL_COL.lease),
  },
  factor: {
    mining: columnLetter(FACTOR_COL.mining),
    construction: columnLetter(FACTOR_COL.construction),
    lease: columnLetter(FACTOR_COL.lease),
  },
  presentValue: columnLetter(PV_COL),
  incremental: columnLetter(INCREMENTAL_COL),
} as const;

const L = LEDGER_COLUMN_LETTERS;

/** Short strategy names for sheet names (at most 31 characters in all). */
function strategyShortName(ledger: Ledger): string {
  switch (ledger.strategyId) {
    case 'keep-mining':
      return 'Mine';
    case 'convert-now':
      return 'Convert now';
    case 'partial':
      return 'Partial';
    case 'convert-at-month':
      return `Convert m${ledger.conversionStartMonth}`;
    case 'convert-at-best-month':
      return `Best m${ledger.conversionStartMonth}`;
  }
}

const SHEET_NAME_MAX = 31;

/**
 * `<case> <strategy>`, e.g. `base Convert now`, made a valid, unique sheet name: no `[]:*?/\`,
 * no leading quote (the strategy ends it), at most 31 characters, numbered on a clash.
 */
export function ledgerSheetName(ledger: Ledger, taken: ReadonlySet<string>): string {
  const short = strategyShortName(ledger);
  const caseName = ledger.caseName.replace(/[[\]:*?/\\]/g, '_').replace(/^'+/, '');
  // The case name is shortened to fit; the strategy and a clash number are kept whole.
  const named = (tail: string) =>
    `${caseName.slice(0, SHEET_NAME_MAX - tail.length - 1)} ${tail}`.trim();
  const isTaken = (name: string) => [...taken].some((t) => t.toLowerCase() === name.toLowerCase());
  let name = named(short);
  for (let n = 2; isTaken(name); n += 1) name = named(`${short} ${n}`);
  return name;
}

/** One ledger sheet placed in the workbook, with what the summary needs from it. */
interface PlacedLedger {
  readonly ledger: Ledger;
  readonly sheetName: string;
  readonly lastRow: number;
  readonly result: StrategyResult;
  /** The keep-mining ledger of the same price case (null for keep mining itself). */
  readonly keepMining: PlacedLedger | null;
  /** Cached values, as the formulas compute them from the ledger cells. */
  readonly net: number[];
  readonly classPv: Readonly<Record<CashFlowClass, number>>;
  readonly npvUsd: number;
  readonly incremental: number[] | null;
  /** The debt, tax and equity columns (docs/model.md §12), when the scenario has them. */
  readonly financing: FinancingBlock | null;
}

/**
 * Builds the workbook of an evaluation and its decimal ledgers (from `ledgersOf(evaluation)`) as
 * the bytes of an `.xlsx` file. Sheets: `Summary`, `Rates`, `Inputs`, then one per ledger, in the
 * order given. The incremental columns need each case's keep-mining ledger before the case's
 * other ledgers, as `ledgersOf` orders them. Throws if a ledger's strategy or case is not in the
 * evaluation. Loads exceljs on the first call.
 */
export async function buildWorkbook(
  evaluation: Evaluation,
  ledgers: readonly Ledger[],
  monteCarlo: MonteCarloResult | null = null,
): Promise<Uint8Array> {
  const { Workbook } = await loadExcelJs();
  const workbook = new Workbook();
  workbook.creator = 'Mine or Lease';
  workbook.title = evaluation.scenario.name;
  workbook.calcProperties.fullCalcOnLoad = true;

  writeDecision(
    workbook.addWorksheet('Decision', {
      views: [{ state: 'frozen', ySplit: DECISION_FIRST_ROW - 1 }],
    }),
    evaluation,
  );
  const summary = workbook.addWorksheet('Summary', { views: [{ state: 'frozen', ySplit: 4 }] });
  const ratesSheet = workbook.addWorksheet('Rates');
  const inputsSheet = workbook.addWorksheet('Inputs', { views: [{ state: 'frozen', ySplit: 3 }] });
  const inputRows = scenarioInputRows(evaluation.scenario);
  writeInputs(inputsSheet, inputRows);
  writeRates(workbook, ratesSheet, evaluation, inputRows);
  const financed = ledgers.some((ledger) => ledger.financing !== null);
  if (financed) writeFinancingRates(workbook, ratesSheet, evaluation);

  const taken = new Set<string>(FIXED_SHEET_NAMES);
  const placed: PlacedLedger[] = [];
  for (const ledger of ledgers) {
    const sheetName = ledgerSheetName(ledger, taken);
    taken.add(sheetName);
    const keepMining =
      ledger.strategyId === 'keep-mining'
        ? null
        : (placed.find(
            (p) => p.ledger.caseName === ledger.caseName && p.ledger.strategyId === 'keep-mining',
          ) ?? null);
    const sheet = workbook.addWorksheet(sheetName, {
      views: [{ state: 'frozen', xSplit: DATE_COL, ySplit: LEDGER_HEADER_ROW }],
    });
    placed.push(
      writeLedger(sheet, sheetName, ledger, resultOf(evaluation, ledger), keepMining, evaluation),
    );
  }
  writeSummary(summary, evaluation, placed);
  const stressSheet = workbook.addWorksheet(uniqueSheetName('Stress tests', taken), {
    views: [{ state: 'frozen', xSplit: 1, ySplit: STRESS_HEADER_ROW }],
  });
  writeStressTests(stressSheet, evaluation);
  // The percentile tables of a Monte Carlo run of these same inputs, when the caller has one.
  const monteCarloSheet = monteCarlo
    ? addMonteCarloSheet(workbook, monteCarlo, evaluation.scenario.startMonth)
    : null;

  // Print setup last, once every column has its width.
  const ratesTitleRow = RATES_FIRST_ROW - 1;
  ratesSheet.views = [{ state: 'frozen', ySplit: ratesTitleRow }];
  setUpForPrint(summary, SUMMARY_FIRST_ROW - 1, SUMMARY_FIRST_ROW - 1);
  setUpForPrint(ratesSheet, ratesTitleRow, ratesTitleRow);
  setUpForPrint(inputsSheet, INPUTS_FIRST_ROW - 1, INPUTS_FIRST_ROW - 1);
  for (const p of placed) {
    setUpForPrint(workbook.getWorksheet(p.sheetName)!, LEDGER_CLASS_ROW, LEDGER_HEADER_ROW);
  }
  setUpForPrint(stressSheet, STRESS_HEADER_ROW, STRESS_HEADER_ROW);
  if (monteCarloSheet) {
    monteCarloSheet.views = [{ state: 'frozen', xSplit: 1 }];
    setUpForPrint(monteCarloSheet, null, null);
  }

  // Fastest deflate level: about twice as fast as the default, for a file ~10% larger.
  const buffer = await workbook.xlsx.writeBuffer({
    zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } },
  });
  return new Uint8Array(buffer as ArrayBuffer);
}

/** `name`, or `name (2)` … when a ledger sheet already has it. */
function uniqueSheetName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n += 1) candidate = `${name} (${n})`;
  taken.add(candidate);
  return candidate;
}

/**
 * The stress tests: one row per test (base first), per strategy its NPV and its change from the
 * base (USD), the shocks in words. Values, as the engine computed them (engine/stress.ts).
 */
/** The Stress tests sheet's header row; the base row and the tests follow it. */
const STRESS_HEADER_ROW = 3;

function writeStressTests(sheet: ExcelJS.Worksheet, evaluation: Evaluation): void {
  const table = evaluation.stressTests;
  title(
    sheet,
    'Stress tests: every strategy under each shock, evaluated deterministically',
    `Price case "${table.priceCaseName}". NPV in USD; change = NPV under the stress − NPV without it.`,
  );
  const strategies = table.base;
  header(sheet, STRESS_HEADER_ROW, [
    'Stress test',
    'Shocks',
    ...strategies.map((s) => `${s.label}: NPV (USD)`),
    ...strategies.map((s) => `${s.label}: change (USD)`),
  ]);
  const rows: (string | number)[][] = [
    [STRESS_BASE_NAME, 'no shock', ...strategies.map((s) => s.npvUsd), ...strategies.map(() => 0)],
    ...table.rows.map((row) => [
      row.test.name,
      row.description,
      ...row.strategies.map((s) => s.npvUsd),
      ...row.strategies.map((s) => s.changeUsd),
    ]),
  ];
  rows.forEach((values, index) => {
    const row = sheet.getRow(STRESS_HEADER_ROW + 1 + index);
    row.values = values;
    for (let c = 3; c <= 2 + 2 * strategies.length; c += 1) row.getCell(c).numFmt = '#,##0';
  });
  sheet.getColumn(1).width = 28;
  sheet.getColumn(2).width = 44;
  for (let c = 3; c <= 2 + 2 * strategies.length; c += 1) sheet.getColumn(c).width = 18;
}

function resultOf(evaluation: Evaluation, ledger: Ledger): StrategyResult {
  const result = evaluation.cases
    .find((c) => c.priceCase.name === ledger.caseName)
    ?.strategies.find((s) => s.strategyId === ledger.strategyId);
  if (!result) {
    throw new Error(`ledger ${ledger.caseName}/${ledger.strategyId} is not in the evaluation`);
  }
  return result;
}

/** Typical width of a character of the default font, in Excel column-width units (bold ~10% wider). */
const BOLD_CHAR_WIDTH = 1.1;
/** Height of one line of 11-pt text, in points, and the padding of a row. */
const LINE_HEIGHT_PT = 15;

/**
 * Lines a wrapped text takes in a column `width` characters wide: words are laid out greedily,
 * as a spreadsheet wraps them.
 * @example wrappedLines('Present value (USD)', 16) === 2
 */
export function wrappedLines(text: string, width: number): number {
  const capacity = Math.max(1, Math.floor(width / BOLD_CHAR_WIDTH) - 1);
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const length = word.length;
    if (used === 0) {
      lines += Math.floor((length - 1) / capacity);
      used = ((length - 1) % capacity) + 1;
    } else if (used + 1 + length <= capacity) {
      used += 1 + length;
    } else {
      lines += 1 + Math.floor((length - 1) / capacity);
      used = ((length - 1) % capacity) + 1;
    }
  }
  return lines;
}

/**
 * A sheet ready to print (a board member's copy, not 600 portrait pages): landscape, scaled to
 * one page wide (as many pages down as it needs), the header rows repeated on every page; the
 * header row made as tall as its wrapped text, so it never overlaps the first data row.
 */
function setUpForPrint(
  sheet: ExcelJS.Worksheet,
  firstTitleRow: number | null,
  headerRow: number | null,
): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    ...(firstTitleRow !== null && headerRow !== null
      ? { printTitlesRow: `${firstTitleRow}:${headerRow}` }
      : {}),
  };
  sheet.headerFooter = { oddFooter: `&L${sheet.name}&RPage &P of &N` };
  if (headerRow === null) return;
  const row = sheet.getRow(headerRow);
  let lines = 1;
  row.eachCell((cell, column) => {
    if (typeof cell.value !== 'string') return;
    lines = Math.max(lines, wrappedLines(cell.value, sheet.getColumn(column).width ?? 9));
  });
  row.height = lines * LINE_HEIGHT_PT + 3;
}

/** The sheets before the ledgers, in order. */
export const FIXED_SHEET_NAMES = ['Decision', 'Summary', 'Rates', 'Inputs'] as const;

/** Layout of the Decision sheet: the engine's decision rows from {@link DECISION_FIRST_ROW}. */
export const DECISION_FIRST_ROW = 5;
export const DECISION_HEADER = ['Section', 'Item', 'Value', 'Statement'] as const;

/**
 * The decision as the engine states it (src/engine/decision.ts): the recommendation, each
 * breakeven with the side that wins above it, the drivers and the warnings — the same rows as the
 * CSV decision summary and the command line's text.
 */
function writeDecision(sheet: ExcelJS.Worksheet, evaluation: Evaluation): void {
  title(
    sheet,
    `${evaluation.scenario.name} — the decision`,
    `Reference case: ${evaluation.decision.caseName}. Values: USD, fractions (shares) or months, as the item says; the statements are the app's and the board pack's words.`,
  );
  header(sheet, DECISION_FIRST_ROW - 1, [...DECISION_HEADER]);
  decisionRows(evaluation.decision).forEach((row, index) => {
    const r = sheet.getRow(DECISION_FIRST_ROW + index);
    r.values = [...row];
    r.getCell(4).alignment = { wrapText: true, vertical: 'top' };
  });
  [16, 26, 18, 110].forEach((width, index) => {
    sheet.getColumn(index + 1).width = width;
  });
  setUpForPrint(sheet, DECISION_FIRST_ROW - 1, DECISION_FIRST_ROW - 1);
}

function title(sheet: ExcelJS.Worksheet, text: string, note: string): void {
  sheet.getCell('A1').value = text;
  sheet.getCell('A1').font = { bold: true, size: 13 };
  sheet.getCell('A2').value = note;
  sheet.getCell('A2').font = { italic: true };
}

function header(sheet: ExcelJS.Worksheet, rowNumber: number, labels: readonly string[]): void {
  const row = sheet.getRow(rowNumber);
  row.values = [...labels];
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: 'top' };
}

const INPUTS_FIRST_ROW = 4;

function writeInputs(sheet: ExcelJS.Worksheet, rows: readonly InputRow[]): void {
  title(
    sheet,
    'Inputs: every field of the scenario file',
    'Values as validated by the app, defaults filled in. An empty value is null (see the meaning). Rates reads the discount rates from here.',
  );
  header(sheet, INPUTS_FIRST_ROW - 1, ['Field (path)', 'Value', 'Unit', 'Meaning']);
  rows.forEach((input, index) => {
    // Strings are written as text cells, never as formulas, whatever they start with.
    sheet.getRow(INPUTS_FIRST_ROW + index).values = [
      input.path,
      input.value,
      input.unit,
      input.meaning,
    ];
  });
  sheet.columns.forEach((column, index) => {
    column.width = [46, 22, 28, 90][index] ?? 12;
  });
}

/** `Inputs!$B$<row>` of a field path. */
function inputCell(rows: readonly InputRow[], path: string): string {
  const index = rows.findIndex((row) => row.path === path);
  if (index < 0) throw new Error(`no input row for ${path}`);
  return `Inputs!$B$${INPUTS_FIRST_ROW + index}`;
}

const RATES_FIRST_ROW = 4;

function writeRates(
  workbook: ExcelJS.Workbook,
  sheet: ExcelJS.Worksheet,
  evaluation: Evaluation,
  inputs: readonly InputRow[],
): void {
  const { scenario, derived } = evaluation;
  title(
    sheet,
    'Discount rates (annual effective) and the valuation date',
    'Month m (0 = first) is discounted by (1 + rate)^(-(m + 1)/12) at its class rate. Change a % in Inputs (or overwrite a rate here) and every NPV recomputes.',
  );
  header(sheet, RATES_FIRST_ROW - 1, ['Rate', 'Value', 'Name', 'Formula reads']);
  const wacc = inputCell(inputs, 'finance.discountRatePctPerYear');
  const rows: [string, ExcelJS.CellValue, string, string, string][] = [
    [
      'WACC',
      formula(`${wacc}/100`, scenario.finance.discountRatePctPerYear / 100),
      RATE_NAMES.wacc,
      'finance.discountRatePctPerYear ÷ 100',
      PERCENT_FORMAT,
    ],
    ...CLASSES.map((cashFlowClass): [string, ExcelJS.CellValue, string, string, string] => {
      const path = `finance.${cashFlowClass}DiscountRatePctPerYear`;
      const cell = inputCell(inputs, path);
      return [
        `${CLASS_LABELS[cashFlowClass]} cash flows`,
        formula(
          `IF(${cell}="",${RATE_NAMES.wacc},${cell}/100)`,
          derived.discountRates[cashFlowClass],
        ),
        RATE_NAMES[cashFlowClass],
        `${path} ÷ 100, or the WACC when empty`,
        PERCENT_FORMAT,
      ];
    }),
    [
      'Valuation date (t = 0)',
      utcDate(valuationIsoDate(scenario.startMonth)),
      VALUATION_DATE_NAME,
      'the day before the first month: its flows fall at its end date',
      DATE_FORMAT,
    ],
  ];
  rows.forEach(([label, value, name, reads, numFmt], index) => {
    const rowNumber = RATES_FIRST_ROW + index;
    sheet.getRow(rowNumber).values = [label, value, name, reads];
    sheet.getCell(`B${rowNumber}`).numFmt = numFmt;
    workbook.definedNames.add(`Rates!$B$${rowNumber}`, name);
  });
  sheet.columns.forEach((column, index) => {
    column.width = [26, 14, 20, 60][index] ?? 12;
  });
}

function writeLedger(
  sheet: ExcelJS.Worksheet,
  sheetName: string,
  ledger: Ledger,
  result: StrategyResult,
  keepMining: PlacedLedger | null,
  evaluation: Evaluation,
): PlacedLedger {
  const rates = evaluation.derived.discountRates;
  title(
    sheet,
    `${ledger.strategyLabel} — price case "${ledger.caseName}" (USD)`,
    'Line items: the decimal ledger of record (values, to the cent). Net, class flows, discount factors, present value and the incremental net are formulas.',
  );
  const classRow = sheet.getRow(LEDGER_CLASS_ROW);
  classRow.getCell(DATE_COL).value = 'Cash-flow class →';
  LINE_ITEMS.forEach((item, i) => {
    classRow.getCell(FIRST_ITEM_COL + i).value = item.class;
  });
  header(sheet, LEDGER_HEADER_ROW, [
    'Month index (0 = first)',
    'Month (YYYY-MM)',
    'End date (cash-flow date)',
    ...LINE_ITEMS.map((item) => `${item.label} (USD)`),
    'Net cash flow (USD)',
    ...CLASSES.map((c) => `${CLASS_LABELS[c]} flows (USD)`),
    ...CLASSES.map((c) => `Discount factor, ${c.toLowerCase()} rate`),
    'Present value (USD)',
    ...(keepMining ? ['Incremental net vs keep mining (USD)'] : []),
  ]);

  const classRange = `$${L.firstItem}$${LEDGER_CLASS_ROW}:$${L.lastItem}$${LEDGER_CLASS_ROW}`;
  const keepRef = keepMining ? sheetRef(keepMining.sheetName) : '';
  const net: number[] = [];
  const incremental: number[] | null = keepMining ? [] : null;
  const classPv: Record<CashFlowClass, number> = { mining: 0, construction: 0, lease: 0 };
  // Column totals of the money columns, by column number, as the TOTAL row's SUMs give them.
  const totals = new Map<number, number>();
  const addToTotal = (column: number, value: number) =>
    totals.set(column, (totals.get(column) ?? 0) + value);
  ledger.rows.forEach((ledgerRow, m) => {
    const r = LEDGER_FIRST_ROW + m;
    const items = LINE_ITEMS.map((item) => Number(ledgerRow.amounts[item.key]));
    // Sums in whole cents are exact; the formulas' float sums agree to far below a cent.
    const classCents: Record<CashFlowClass, number> = { mining: 0, construction: 0, lease: 0 };
    LINE_ITEMS.forEach((item, i) => {
      classCents[item.class] += Math.round(items[i]! * 100);
      addToTotal(FIRST_ITEM_COL + i, items[i]!);
    });
    const netUsd = (classCents.mining + classCents.construction + classCents.lease) / 100;
    const factors = CLASSES.map((c) => (1 + rates[c]) ** (-(m + 1) / 12));
    let presentValue = 0;
    CLASSES.forEach((c, k) => {
      const flow = classCents[c] / 100;
      const pv = flow * factors[k]!;
      classPv[c] += pv;
      presentValue += pv;
      addToTotal(SUBTOTAL_COL[c], flow);
    });
    net.push(netUsd);
    addToTotal(NET_COL, netUsd);
    addToTotal(PV_COL, presentValue);
    const cells: ExcelJS.CellValue[] = [
      ledgerRow.monthIndex,
      ledgerRow.month,
      utcDate(ledgerRow.endIsoDate),
      ...items,
      formula(`SUM(${L.firstItem}${r}:${L.lastItem}${r})`, netUsd),
      ...CLASSES.map((c) =>
        formula(
          `SUMIF(${classRange},"${c}",${L.firstItem}${r}:${L.lastItem}${r})`,
          classCents[c] / 100,
        ),
      ),
      ...CLASSES.map((c, k) =>
        formula(`(1+${RATE_NAMES[c]})^(-(${L.monthIndex}${r}+1)/12)`, factors[k]!),
      ),
      formula(
        CLASSES.map((c) => `${L.subtotal[c]}${r}*${L.factor[c]}${r}`).join('+'),
        presentValue,
      ),
    ];
    if (keepMining && incremental) {
      const difference = netUsd - keepMining.net[m]!;
      incremental.push(difference);
      addToTotal(INCREMENTAL_COL, difference);
      cells.push(formula(`${L.net}${r}-${keepRef}${L.net}${r}`, difference));
    }
    sheet.getRow(r).values = cells;
  });

  const lastRow = LEDGER_FIRST_ROW + ledger.rows.length - 1;
  const totalRow = sheet.getRow(lastRow + 1);
  totalRow.getCell(MONTH_INDEX_COL).value = 'TOTAL';
  totalRow.font = { bold: true };
  for (const [column, total] of totals) {
    const letter = columnLetter(column);
    totalRow.getCell(column).value = formula(
      `SUM(${letter}${LEDGER_FIRST_ROW}:${letter}${lastRow})`,
      total,
    );
  }

  sheet.getColumn(MONTH_INDEX_COL).width = 8;
  sheet.getColumn(MONTH_COL).width = 9;
  sheet.getColumn(DATE_COL).width = 11;
  sheet.getColumn(DATE_COL).numFmt = DATE_FORMAT;
  for (const column of totals.keys()) {
    sheet.getColumn(column).width = 16;
    sheet.getColumn(column).numFmt = USD_FORMAT;
  }
  for (const c of CLASSES) {
    sheet.getColumn(FACTOR_COL[c]).width = 13;
    sheet.getColumn(FACTOR_COL[c]).numFmt = FACTOR_FORMAT;
  }
  const npvUsd = classPv.mining + classPv.construction + classPv.lease;
  const financing = writeFinancingBlock(sheet, ledger, result, {
    firstColumn: INCREMENTAL_COL + 2,
    headerRow: LEDGER_HEADER_ROW,
    firstRow: LEDGER_FIRST_ROW,
    monthIndexColumn: L.monthIndex,
    netColumn: L.net,
  });
  return {
    ledger,
    sheetName,
    lastRow,
    result,
    keepMining,
    net,
    classPv,
    npvUsd,
    incremental,
    financing,
  };
}

/** Layout of the Summary sheet: one row per ledger from {@link SUMMARY_FIRST_ROW}. */
export const SUMMARY_FIRST_ROW = 5;
export const SUMMARY_HEADER = [
  'Price case',
  'Strategy',
  'Ledger sheet',
  'NPV, mining flows (USD)',
  'NPV, construction flows (USD)',
  'NPV, lease flows (USD)',
  'NPV (USD)',
  'NPV by Excel NPV() (USD; one rate only)',
  'XNPV, actual/365 days (USD; one rate only)',
  "IRR (per year; guess: the app's monthly IRR)",
  'Incremental NPV vs keep mining (USD)',
  'Incremental IRR vs keep mining (per year)',
  'NPV in the app (USD, value)',
  'IRR in the app (per year, value)',
  'Check: NPV − NPV in the app (USD)',
] as const;

function writeSummary(
  sheet: ExcelJS.Worksheet,
  evaluation: Evaluation,
  placed: readonly PlacedLedger[],
): void {
  const { scenario, derived } = evaluation;
  title(
    sheet,
    `${scenario.name} — NPV and IRR by strategy and BTC price case`,
    "Live formulas over the ledger sheets and the Rates sheet. NPV: flows at month ends, each class at its rate. IRR: Excel IRR of the monthly net flows, annualised as (1 + IRR)^12 − 1, from the app's IRR as the guess. XNPV counts actual days / 365 from the valuation date, so it differs slightly from NPV.",
  );
  header(sheet, SUMMARY_FIRST_ROW - 1, [...SUMMARY_HEADER]);
  const oneRate = `AND(${RATE_NAMES.mining}=${RATE_NAMES.construction},${RATE_NAMES.mining}=${RATE_NAMES.lease})`;
  const ratesEqual =
    derived.discountRates.mining === derived.discountRates.construction &&
    derived.discountRates.mining === derived.discountRates.lease;
  const rate = derived.discountRates.mining;
  const valuation = valuationIsoDate(scenario.startMonth);
  const rowOf = new Map<PlacedLedger, number>();
  placed.forEach((p, index) => {
    const r = SUMMARY_FIRST_ROW + index;
    rowOf.set(p, r);
    const ref = sheetRef(p.sheetName);
    const range = (letter: string) => `${ref}${letter}${LEDGER_FIRST_ROW}:${letter}${p.lastRow}`;
    const dates = p.ledger.rows.map((row) => row.endIsoDate);
    const keepRow = p.keepMining ? rowOf.get(p.keepMining) : undefined;
    const { irr: appIrr } = p.result;
    sheet.getRow(r).values = [
      p.ledger.caseName,
      p.ledger.strategyLabel,
      p.sheetName,
      ...CLASSES.map((c) =>
        formula(`SUMPRODUCT(${range(L.subtotal[c])},${range(L.factor[c])})`, p.classPv[c]),
      ),
      formula(`D${r}+E${r}+F${r}`, p.npvUsd),
      formula(
        `IF(${oneRate},NPV((1+${RATE_NAMES.mining})^(1/12)-1,${range(L.net)}),"${CLASS_RATES_DIFFER_TEXT}")`,
        ratesEqual ? npv((1 + rate) ** (1 / 12) - 1, p.net) : CLASS_RATES_DIFFER_TEXT,
      ),
      formula(
        `IF(${oneRate},XNPV(${RATE_NAMES.mining},${range(L.net)},${range(L.endDate)})*(1+${RATE_NAMES.mining})^(-(${ref}${L.endDate}${LEDGER_FIRST_ROW}-${VALUATION_DATE_NAME})/365),"${CLASS_RATES_DIFFER_TEXT}")`,
        ratesEqual ? xnpv(rate, [0, ...p.net], [valuation, ...dates]) : CLASS_RATES_DIFFER_TEXT,
      ),
      // A strategy that invests nothing has no IRR to audit: the cell says so in words.
      appIrr.kind === 'no-investment' ? NO_INVESTMENT_TEXT : irrFormula(range(L.net), p.net),
      p.keepMining && keepRow !== undefined
        ? formula(`G${r}-G${keepRow}`, p.npvUsd - p.keepMining.npvUsd)
        : null,
      p.incremental === null ? null : irrFormula(range(L.incremental), p.incremental),
      p.result.npvUsd,
      appIrr.kind === 'rate'
        ? appIrr.annualRate
        : appIrr.kind === 'no-investment'
          ? NO_INVESTMENT_TEXT
          : appIrr.kind,
      formula(`G${r}-M${r}`, p.npvUsd - p.result.npvUsd),
    ];
  });
  const widths = [12, 30, 22, 18, 18, 18, 18, 20, 20, 12, 20, 14, 18, 14, 14];
  widths.forEach((width, index) => {
    sheet.getColumn(index + 1).width = width;
  });
  for (const column of ['D', 'E', 'F', 'G', 'H', 'I', 'K', 'M', 'O']) {
    sheet.getColumn(column).numFmt = USD_FORMAT;
  }
  for (const column of ['J', 'L', 'N']) sheet.getColumn(column).numFmt = PERCENT_FORMAT;
  writeFinancingSummary(sheet, evaluation, placed);
}

/** Summary columns of the after-tax and levered views, right of the pre-tax ones (P …). */
export const FINANCING_SUMMARY_HEADER = [
  'NPV after tax (USD) = NPV + tax flows at their rate',
  'IRR after tax (per year)',
  'Equity NPV (USD), at the cost of equity',
  'Equity IRR (per year)',
  'Equity NPV in the app (USD, value)',
] as const;

function writeFinancingSummary(
  sheet: ExcelJS.Worksheet,
  evaluation: Evaluation,
  placed: readonly PlacedLedger[],
): void {
  if (!placed.some((p) => p.financing)) return;
  const first = SUMMARY_HEADER.length + 1;
  const headerRow = sheet.getRow(SUMMARY_FIRST_ROW - 1);
  FINANCING_SUMMARY_HEADER.forEach((label, k) => {
    const cell = headerRow.getCell(first + k);
    cell.value = label;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
  const taxRate = evaluation.derived.discountRates.mining;
  const rates = {
    tax:
      (evaluation.scenario.tax?.discountRatePctPerYear ??
        evaluation.scenario.finance.discountRatePctPerYear) / 100,
    equity: (evaluation.scenario.financing?.costOfEquityPctPerYear ?? taxRate * 100) / 100,
  };
  placed.forEach((p, index) => {
    const block = p.financing;
    if (!block) return;
    const r = SUMMARY_FIRST_ROW + index;
    const ref = sheetRef(p.sheetName);
    const range = (letter: string) => `${ref}${letter}${LEDGER_FIRST_ROW}:${letter}${p.lastRow}`;
    const months = range(L.monthIndex);
    const discounted = (values: readonly number[], rate: number) =>
      values.reduce((sum, value, m) => sum + value * (1 + rate) ** (-(m + 1) / 12), 0);
    const levered = p.result.financing?.leveredAfterTax ?? null;
    const cells: ExcelJS.CellValue[] = [
      formula(
        `G${r}+SUMPRODUCT(${range(block.taxUnleveredColumn)},(1+${FINANCING_RATE_NAMES.tax})^(-(${months}+1)/12))`,
        p.npvUsd + discounted(block.taxUnlevered, rates.tax),
      ),
      irrFormula(range(block.afterTaxColumn), block.afterTax),
      levered
        ? formula(
            `SUMPRODUCT(${range(block.equityColumn)},(1+${FINANCING_RATE_NAMES.equity})^(-(${months}+1)/12))`,
            discounted(block.equity, rates.equity),
          )
        : null,
      levered ? irrFormula(range(block.equityColumn), block.equity) : null,
      levered ? levered.npvUsd : null,
    ];
    cells.forEach((value, k) => {
      sheet.getRow(r).getCell(first + k).value = value;
    });
  });
  [0, 2, 4].forEach((k) => {
    sheet.getColumn(first + k).numFmt = USD_FORMAT;
    sheet.getColumn(first + k).width = 20;
  });
  [1, 3].forEach((k) => {
    sheet.getColumn(first + k).numFmt = PERCENT_FORMAT;
    sheet.getColumn(first + k).width = 14;
  });
}
