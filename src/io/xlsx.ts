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
  INVESTMENT_LINE_KEYS,
  irr,
  type Ledger,
  LINE_ITEMS,
  type LineKey,
  lineItemHeader,
  NO_INVESTMENT_TEXT,
  npv,
  type Payback,
  type StrategyResult,
  xnpv,
} from '../engine/index';
import type { MonteCarloResult } from '../engine/montecarlo/index';
import { type InputRow, scenarioInputRows } from './inputsTable';
import { addMonteCarloSheet } from './monteCarloExports';
import { STRESS_BASE_NAME } from './stressTable';
import {
  columnLetter,
  columnMap,
  convertedMwFormula,
  headerRow,
  INPUTS_FIRST_ROW,
  type LedgerRowContext,
  LINE_FORMULAS,
  leaseUnitMonths,
  livenessOf,
  livenessText,
  miningShareFormula,
  miningSheetName,
  nameInputs,
  planBlock,
  type RateRow,
  SharedFormulaWriter,
  sheetRef,
  title,
  writeModelSheets,
  writeRateRows,
} from './workbookModel';

export { SUMMARY_COLUMNS, SUMMARY_FIRST_ROW } from './workbookLayout';
export { columnLetter } from './workbookModel';

import {
  INPUTS_COLUMNS,
  inputValueCell,
  RATES_COLUMNS,
  SUMMARY_COLUMNS,
  SUMMARY_FIRST_ROW,
} from './workbookLayout';
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

/**
 * The columns of a ledger sheet, in order: the month, one column per line item of the engine's
 * table (`LINE_ITEMS`, with its unit), the net, the class subtotals and discount factors, the
 * present value, the helper columns of the live ledger, then the plan block (labels, values) and,
 * right of it, the debt, tax and equity columns (issue 14).
 */
export const LEDGER_SHEET_COLUMNS = columnMap({
  monthIndex: 'Month index (0 = first)',
  month: 'Month (YYYY-MM)',
  endDate: 'End date (cash-flow date)',
  ...(Object.fromEntries(LINE_ITEMS.map((item) => [item.key, lineItemHeader(item)])) as Record<
    LineKey,
    string
  >),
  net: 'Net cash flow (USD)',
  ...(Object.fromEntries(
    CLASSES.map((c) => [`${c}Flows`, `${CLASS_LABELS[c]} flows (USD)`]),
  ) as Record<`${CashFlowClass}Flows`, string>),
  ...(Object.fromEntries(
    CLASSES.map((c) => [`${c}Factor`, `Discount factor, ${c.toLowerCase()} rate`]),
  ) as Record<`${CashFlowClass}Factor`, string>),
  presentValue: 'Present value (USD)',
  incremental: 'Incremental net vs keep mining (USD)',
  convertedMw: 'Utility MW converted so far',
  miningShare: 'Mining share',
  cumulativeNet: 'Cumulative net (USD)',
  cumulativePresentValue: 'Cumulative present value (USD)',
  gap: '',
  planLabel: 'Plan (from the Inputs)',
  planValue: 'Value',
});
const LC = LEDGER_SHEET_COLUMNS.index;

const MONTH_INDEX_COL = LC.monthIndex;
const MONTH_COL = LC.month;
const DATE_COL = LC.endDate;
const FIRST_ITEM_COL = LC[LINE_ITEMS[0].key];
const LAST_ITEM_COL = LC[LINE_ITEMS[LINE_ITEMS.length - 1]!.key];
const NET_COL = LC.net;
const SUBTOTAL_COL: Readonly<Record<CashFlowClass, number>> = {
  mining: LC.miningFlows,
  construction: LC.constructionFlows,
  lease: LC.leaseFlows,
};
const FACTOR_COL: Readonly<Record<CashFlowClass, number>> = {
  mining: LC.miningFactor,
  construction: LC.constructionFactor,
  lease: LC.leaseFactor,
};
const PV_COL = LC.presentValue;
const INCREMENTAL_COL = LC.incremental;
/** Helper columns of the live ledger, then the plan block (labels, values). */
const CONVERTED_COL = LC.convertedMw;
const SHARE_COL = LC.miningShare;
const CUMULATIVE_NET_COL = LC.cumulativeNet;
const CUMULATIVE_PV_COL = LC.cumulativePresentValue;
const PLAN_LABEL_COL = LC.planLabel;
const PLAN_VALUE_COL = LC.planValue;
/** The debt, tax and equity columns (issue 14), right of the plan block. */
const FINANCING_FIRST_COL = LEDGER_SHEET_COLUMNS.next + 1;

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
  convertedMw: columnLetter(CONVERTED_COL),
  miningShare: columnLetter(SHARE_COL),
  cumulativeNet: columnLetter(CUMULATIVE_NET_COL),
  cumulativePresentValue: columnLetter(CUMULATIVE_PV_COL),
  planValue: columnLetter(PLAN_VALUE_COL),
  financingFirst: columnLetter(FINANCING_FIRST_COL),
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
  /** Address of the searched best month in the plan block (convert at the best month only). */
  readonly bestMonthCell: string | null;
}

/**
 * Builds the workbook of an evaluation and its decimal ledgers (from `ledgersOf(evaluation)`) as
 * the bytes of an `.xlsx` file. Sheets: {@link FIXED_SHEETS}, a Mining sheet per price case, then one per ledger, in the
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
  populateWorkbook(workbook, evaluation, ledgers, monteCarlo);
  return writeXlsx(workbook);
}

/** The bytes of a workbook, at the fastest deflate level. */
export async function writeXlsx(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  shareCellStyles(workbook);
  // Fastest deflate level: about twice as fast as the default, for a file ~10% larger.
  const buffer = await workbook.xlsx.writeBuffer({
    zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } },
  });
  return new Uint8Array(buffer as ArrayBuffer);
}

/**
 * Gives cells with equal styles one shared style object. exceljs gives every cell a style object
 * of its own and, writing the file, serialises each to XML to find its style id unless it has
 * seen that very object before (a WeakMap): shared, each distinct style is serialised once. The
 * file does not change (the same ids come out); only the writing is quicker. The key holds the
 * cell's type because exceljs picks a default number format by type for a style without one.
 * Call it last: a shared style object must not be edited through one cell.
 */
function shareCellStyles(workbook: ExcelJS.Workbook): void {
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  workbook.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        const style = cell.style;
        const key = styleKey(cell.type, style);
        const existing = shared.get(key);
        if (existing === undefined) shared.set(key, style);
        else if (existing !== style) cell.style = existing;
      });
    });
  });
}

/** Equal for equal styles: most cells carry no style or a number format alone. */
function styleKey(type: ExcelJS.ValueType, style: Partial<ExcelJS.Style>): string {
  let keys = 0;
  for (const _ in style) keys += 1;
  if (keys === 0) return `${type}`;
  if (keys === 1 && style.numFmt !== undefined) return `${type} n:${style.numFmt}`;
  return `${type} j:${JSON.stringify(style)}`;
}

/** A new, empty exceljs workbook (exceljs loaded on first use). */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { Workbook } = await loadExcelJs();
  return new Workbook();
}

/** Writes every sheet and defined name of the scenario's workbook into `workbook`. */
export function populateWorkbook(
  workbook: ExcelJS.Workbook,
  evaluation: Evaluation,
  ledgers: readonly Ledger[],
  monteCarlo: MonteCarloResult | null = null,
): void {
  writeDecision(
    workbook.addWorksheet('Decision', {
      views: [{ state: 'frozen', ySplit: DECISION_FIRST_ROW - 1 }],
    }),
    evaluation,
  );
  const summary = workbook.addWorksheet('Summary', { views: [{ state: 'frozen', ySplit: 4 }] });
  const checksSheet = workbook.addWorksheet('Checks');
  const ratesSheet = workbook.addWorksheet('Rates');
  const inputsSheet = workbook.addWorksheet('Inputs', { views: [{ state: 'frozen', ySplit: 3 }] });
  const formulasSheet = workbook.addWorksheet('Formulas');
  const inputRows = scenarioInputRows(evaluation.scenario);
  writeInputs(inputsSheet, inputRows);
  nameInputs(workbook, inputRows);
  writeRates(workbook, ratesSheet, evaluation, inputRows);
  writeModelSheets(workbook, evaluation, inputRows);
  writeFormulaDocs(formulasSheet);

  const financed = ledgers.some((ledger) => ledger.financing !== null);
  if (financed) writeFinancingRates(workbook, ratesSheet, evaluation);

  const taken = new Set<string>(FIXED_SHEETS);
  evaluation.scenario.priceCases.forEach((priceCase, c) => {
    taken.add(miningSheetName(c, priceCase));
  });
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
  writeChecks(checksSheet, evaluation, placed, inputRows);
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
  // The model's own sheets: their column headers on row 4, repeated on every page.
  const modelSheets = [
    checksSheet,
    formulasSheet,
    ...['Derived', 'Timeline', 'Lease unit'].map((name) => workbook.getWorksheet(name)!),
    ...evaluation.scenario.priceCases.map(
      (priceCase, c) => workbook.getWorksheet(miningSheetName(c, priceCase))!,
    ),
  ];
  for (const sheet of modelSheets) {
    if (sheet.views[0]?.state !== 'frozen') sheet.views = [{ state: 'frozen', ySplit: 4 }];
    setUpForPrint(sheet, 4, 4);
  }
}

/** Sheets before the Mining and ledger sheets, in workbook order. */
export const FIXED_SHEETS = [
  'Decision',
  'Summary',
  'Checks',
  'Rates',
  'Inputs',
  'Formulas',
  'Derived',
  'Timeline',
  'Lease unit',
] as const;

/** Text of a check that needs attention starts with this; the rest say OK. */
export const FLAG_PREFIX = 'FLAG';
const CHECKS_FIRST_ROW = 5;

/**
 * The Checks sheet: the inputs that change the workbook's shape (flagged when changed), the
 * cross-field rules of the scenario file, whether the searched best month is still the best of
 * the conversion months in the workbook, and whether the NPVs still match the app's run.
 */
function writeChecks(
  sheet: ExcelJS.Worksheet,
  evaluation: Evaluation,
  placed: readonly PlacedLedger[],
  inputRows: readonly InputRow[],
): void {
  const { scenario } = evaluation;
  title(
    sheet,
    'Checks: what the live formulas cannot follow',
    `A status starting with ${FLAG_PREFIX} needs attention: the workbook keeps computing, but that part of it no longer follows the inputs. Re-export from the app to rebuild it.`,
  );
  const checks: [string, string, string][] = [];
  const same = (name: string, value: string | number, what: string, why: string) => {
    const literal = typeof value === 'number' ? String(value) : `"${value.replaceAll('"', '""')}"`;
    checks.push([
      what,
      `IF(${name}=${literal},"OK","${FLAG_PREFIX}: changed from ${String(value).replaceAll('"', "'")}")`,
      why,
    ]);
  };
  same('Horizon', scenario.horizonMonths, 'Horizon (months)', 'Sets the number of ledger rows.');
  same(
    'Start_month',
    scenario.startMonth,
    'Start month',
    'Sets the calendar: days in each month and the dates.',
  );
  same(
    'Power_pricing_kind',
    scenario.power.pricing.kind,
    'Power pricing form',
    'Fixed and index pricing read different inputs.',
  );
  scenario.priceCases.forEach((priceCase, c) => {
    same(
      `Case_${c + 1}_kind`,
      priceCase.kind,
      `Form of the price case "${priceCase.name}"`,
      'Growth, yearly and monthly cases read different inputs.',
    );
  });
  if (scenario.lease.terminalValue.kind === 'none') {
    same(
      'Terminal_kind',
      'none',
      'Terminal value form',
      'The file had no exit cap rate: there is no cell to read one from.',
    );
  } else if (scenario.lease.terminalValue.kind === 'exit-cap') {
    checks.push([
      'Terminal value form',
      `IF(OR(Terminal_kind="exit-cap",Terminal_kind="none"),"OK","${FLAG_PREFIX}: exit-cap or none")`,
      'exit-cap capitalises the NOI of the 12 months after the horizon; none gives no value at the horizon. The file had no data hall life for renewal-dcf.',
    ]);
  } else {
    const rows = leaseUnitMonths(scenario);
    checks.push([
      'Terminal value form',
      `IF(OR(Terminal_kind="renewal-dcf",Terminal_kind="none"),"OK","${FLAG_PREFIX}: renewal-dcf or none")`,
      'renewal-dcf values the lease’s cash after the horizon; none gives no value at the horizon. The file had no exit cap rate for exit-cap.',
    ]);
    checks.push([
      `Data hall life within the Lease unit sheet (${rows} months)`,
      `IF(ROUND(Lease_life_years*12,0)<=${rows},"OK","${FLAG_PREFIX}: a life over ${rows} months needs more Lease unit rows")`,
      'The Lease unit sheet was written as far as the life at export (or the horizon): a shorter life is live, a longer one needs a re-export.',
    ]);
  }
  checks.push([
    'Lease type',
    `IF(OR(Lease_type="nnn",Lease_type="modified-gross"),"OK","${FLAG_PREFIX}: nnn or modified-gross")`,
    'Any other text is read as NNN.',
  ]);
  checks.push([
    'The fleet fits the site',
    `IF(Fleet_MW<=Site_MW*(1+1E-9),"OK","${FLAG_PREFIX}: the fleet draws more than the site's MW")`,
    'The app refuses such a file.',
  ]);
  checks.push([
    'Mine-then-convert month inside the horizon',
    `IF(AND(Convert_month>=0,Convert_month<Horizon),"OK","${FLAG_PREFIX}: must be 0 … horizon − 1")`,
    'The app refuses such a file.',
  ]);
  const tranches = scenario.conversion.tranches;
  if (tranches.length > 0) {
    const total = tranches.map((_, t) => `Tranche_${t + 1}_pct`).join('+');
    checks.push([
      `Tranches (${tranches.length}; their number is fixed at export) deliver 100%`,
      `IF(ABS(${total}-100)<=1E-6,"OK","${FLAG_PREFIX}: the tranches must deliver 100% in total")`,
      'The app refuses such a file.',
    ]);
    const early = tranches.map((_, t) => `Tranche_${t + 1}_delivery<Construction_months`).join(',');
    checks.push([
      'Each tranche is delivered after its construction',
      `IF(OR(${early}),"${FLAG_PREFIX}: a delivery month is before the construction time","OK")`,
      'The app refuses such a file.',
    ]);
  }
  // The payback trigger (docs/model.md §5): its replacement months follow each case's prices.
  if (scenario.mining.refresh.enabled && scenario.mining.refresh.trigger === 'payback') {
    checks.push([
      'Fleet refresh on the payback trigger (mining.refresh.trigger)',
      `"${FLAG_PREFIX}: the Timeline replaces machines at end of life only; the app also replaces them early when the frontier pays back within ${scenario.mining.refresh.paybackMonths} months, so the mining lines and NPVs here differ from the app's (Summary column O)"`,
      'The early replacements depend on each price case’s hashprice month by month: not a formula of the inputs (docs/files.md).',
    ]);
  }
  // Ledger lines the formulas do not cover (yet): values from the app.
  for (const item of LINE_ITEMS) {
    if (LINE_FORMULAS[item.key].formula !== null) continue;
    checks.push([
      `Ledger line "${item.label}" (values from the app, not formulas)`,
      `"${FLAG_PREFIX}: this line does not follow the inputs; the app computes it (docs/files.md)"`,
      'A rule of the model the live formulas do not cover yet.',
    ]);
  }
  // Model inputs the formulas do not cover (yet): a change here would be silently ignored.
  inputRows.forEach((row, index) => {
    const liveness = livenessOf(row.path);
    if (liveness.kind !== 'not-live' || !liveness.uncovered) return;
    const cell = inputValueCell(index);
    const value = row.value;
    const same =
      value === null
        ? `ISBLANK(${cell})`
        : typeof value === 'string'
          ? `${cell}="${value.replaceAll('"', '""')}"`
          : typeof value === 'boolean'
            ? `${cell}=${value ? 'TRUE' : 'FALSE'}`
            : `${cell}=${value}`;
    checks.push([
      `${row.path} (not in the workbook's formulas)`,
      `IF(${same},"OK","${FLAG_PREFIX}: changed, but the workbook's formulas do not read it; the app does — re-evaluate there")`,
      'A rule of the model the live formulas do not cover yet (docs/files.md lists them).',
    ]);
  });
  // The searched best month: still the best of the conversion months in this workbook?
  const summaryRow = (p: PlacedLedger) => SUMMARY_FIRST_ROW + placed.indexOf(p);
  for (const best of placed.filter((p) => p.bestMonthCell !== null)) {
    const others = placed.filter(
      (p) =>
        p.ledger.caseName === best.ledger.caseName &&
        (p.ledger.strategyId === 'convert-now' || p.ledger.strategyId === 'convert-at-month'),
    );
    if (others.length === 0) continue;
    const rivals = others.map((p) => `Summary!$${S.npv}$${summaryRow(p)}`).join(',');
    checks.push([
      `Best conversion month, price case "${best.ledger.caseName}" (searched by the app: month ${best.ledger.conversionStartMonth})`,
      `IF(Summary!$${S.npv}$${summaryRow(best)}>=MAX(${rivals})-1,"OK","${FLAG_PREFIX}: another conversion month in this workbook now has a higher NPV; the app searches every month — re-export to search again")`,
      'The workbook evaluates the conversion at the searched month but does not search again (that takes a full ledger per month).',
    ]);
  }
  const firstSummary = SUMMARY_FIRST_ROW;
  const lastSummary = SUMMARY_FIRST_ROW + placed.length - 1;
  checks.push([
    'NPVs vs the app’s run at export',
    `IF(SUMPRODUCT(MAX(ABS(Summary!$${S.npvCheck}$${firstSummary}:$${S.npvCheck}$${lastSummary})))<=1,"OK","INFO: the inputs differ from the app's run (expected after a change)")`,
    `Summary column ${S.npvCheck}: the live NPV minus the app’s NPV at export.`,
  ]);
  const notLive = inputRows.filter((row) => livenessOf(row.path).kind === 'not-live').length;
  headerRow(sheet, CHECKS_FIRST_ROW - 1, ['Check', 'Status', 'Why it matters']);
  checks.forEach(([what, status, why], k) => {
    sheet.getRow(CHECKS_FIRST_ROW + k).values = [what, { formula: status }, why];
  });
  const lastCheck = CHECKS_FIRST_ROW + checks.length - 1;
  sheet.getCell('D1').value = 'Checks flagged';
  sheet.getCell('E1').value = {
    formula: `SUMPRODUCT((LEFT($B$${CHECKS_FIRST_ROW}:$B$${lastCheck},4)="${FLAG_PREFIX}")*1)`,
  };
  sheet.getCell('D2').value =
    `Inputs not in the formulas: ${notLive} (labels, reference prices, the Monte Carlo settings; see Inputs column ${INPUTS_COLUMNS.letter.live})`;
  sheet.getColumn(1).width = 60;
  sheet.getColumn(2).width = 60;
  sheet.getColumn(3).width = 80;
}

/** The Formulas sheet: each ledger line and model sheet in words, with its docs/model.md section. */
function writeFormulaDocs(sheet: ExcelJS.Worksheet): void {
  title(
    sheet,
    'Formulas: what each line computes, in words',
    `The equations are those of docs/model.md (section given). Named cells are on Inputs (column ${INPUTS_COLUMNS.letter.name}) and Derived.`,
  );
  headerRow(sheet, 4, ['Where', 'What', 'Formula in words', 'docs/model.md']);
  const rows: [string, string, string, string][] = [
    ...LINE_ITEMS.map((item): [string, string, string, string] => [
      'Ledger sheets',
      item.label,
      LINE_FORMULAS[item.key].words,
      LINE_FORMULAS[item.key].section,
    ]),
    [
      'Ledger sheets',
      'Each line item',
      'ROUND(…, 2): to the cent, half away from zero, like the ledger of record',
      '§9',
    ],
    [
      'Ledger sheets',
      'Mining share',
      'clamp((site MW − utility MW converted so far) / fleet MW, 0, 1)',
      '§6',
    ],
    [
      'Ledger sheets',
      'Plan block',
      'Utility MW converted, start month, IT MW (entered IT MW pro rata, else MW ÷ gross-to-IT ratio), each tranche’s MW, construction start = start + delivery − construction months, delivery = start + delivery',
      '§6, §7',
    ],
    ['Ledger sheets', 'Discount factor', '(1 + class rate)^(−(m + 1)/12)', '§1'],
    ['Ledger sheets', 'Present value', 'Σ class flow × class discount factor', '§1'],
    ['Summary', 'NPV', 'Σ present values, by class and in all', '§1, §8'],
    ['Summary', 'IRR', '(1 + IRR(monthly nets, guess))^12 − 1', '§8'],
    [
      'Summary',
      'Payback',
      'Last month the cumulative net is negative, interpolated; 0 if never negative; never if it ends negative',
      '§8',
    ],
    [
      'Timeline',
      'Subsidy',
      '(blocks before the halving × 50 BTC >> era + blocks after × 50 BTC >> (era + 1)) / blocks',
      '§2',
    ],
    [
      'Timeline',
      'Difficulty by the growth rule',
      'D(m) = D(m − 1) × (1 + growth of the year the step starts in)^(1/12)',
      '§2',
    ],
    [
      'Timeline',
      'Hashprice floor',
      'frontier J/TH × (1 − gain)^(m/12) × 24 / 10⁶ × network power price (USD/TH/day)',
      '§2',
    ],
    [
      'Timeline',
      'Fleet vintages',
      'Slot i mines vintage 0 until its first refresh (life − age, at least month 0; never with refresh off), then vintage k = 1 + INT((m − first) / life): the frontier machine of its purchase month r, TH/s = W at the wall / (frontier J/TH × (1 − gain)^(r/12))',
      '§5',
    ],
    [
      'Timeline',
      'Fleet values',
      'installed: TH/s × resale × (1 − decline)^(m/12); refreshed: TH/s × frontier $/TH × (1 − refreshed decline)^((m − r)/12); a refresh in m retires the previous vintage at its value at the end of m and buys the new one at TH/s × frontier $/TH',
      '§5',
    ],
    [
      'Timeline',
      'Hashprice per USD of BTC',
      '86,400 × 10¹² × (subsidy + fees) / (difficulty × 2³²)',
      '§2',
    ],
    [
      'Timeline',
      'Energy price',
      'fixed: price × (1 + escalator)^INT(m/12); index: index(m) + adder, the last value held',
      '§4',
    ],
    ['Timeline', 'Run fraction', 'uptime × (hours − curtailed hours) / hours', '§5'],
    [
      'Timeline',
      'Avoidable cost',
      'energy × opex per MWh + kW × demand charge (+ energy × price for the paid block)',
      '§5',
    ],
    [
      'Mining sheets',
      'BTC price',
      'growth: P₀ (1 + g)^(m/12); yearly: linear between the year values, the last held; monthly: the series, the last held',
      '§3',
    ],
    [
      'Mining sheets',
      'Difficulty (marginal-cost floor)',
      'floor on: D(m) = min(D(m − 1) × growth factor, K(m) × BTC price / floor(m)); off: the growth rule. Hashprice = BTC price × K / D',
      '§2',
    ],
    [
      'Mining sheets',
      'Economic shutdown',
      'A block runs when hashprice × revenue after pool fee + curtailment credit + capacity payment on its MW ≥ its avoidable cost; take-or-pay energy goes to the most efficient vintages first (this month’s order)',
      '§5',
    ],
    [
      'Mining sheets',
      'Fleet values and refresh flows',
      'Timeline’s values × hashprice / first hashprice (resale when it tracks hashprice; the frontier $/TH always)',
      '§5',
    ],
    [
      'Lease unit',
      'Rent of 1 IT MW',
      '1000 kW × rate × (1 + escalator)^INT(j/12) × renewal^INT(j/term), 0 in free-rent months; prepayment credited first',
      '§6',
    ],
    [
      'Lease unit',
      'Credit loss',
      '− cash rent × (1 − (1 − default)^((j+1)/12)) × (1 − recovery) × (1 − backstop)',
      '§6',
    ],
    [
      'Lease unit',
      'Renewal-DCF tail',
      'tail(j) = v × (cash rent + credit loss + landlord opex of j + tail(j + 1)), v = (1 + lease rate)^(−1/12); no income after the data hall’s life',
      '§6',
    ],
  ];
  rows.forEach((row, k) => {
    sheet.getRow(5 + k).values = row;
  });
  sheet.getColumn(1).width = 16;
  sheet.getColumn(2).width = 36;
  sheet.getColumn(3).width = 110;
  sheet.getColumn(4).width = 14;
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
  headerRow(sheet, STRESS_HEADER_ROW, [
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
  headerRow(sheet, DECISION_FIRST_ROW - 1, [...DECISION_HEADER]);
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

function writeInputs(sheet: ExcelJS.Worksheet, rows: readonly InputRow[]): void {
  title(
    sheet,
    'Inputs: every field of the scenario file — change a live value (blue) and the whole model recomputes',
    `Values as validated by the app, defaults filled in. An empty value is null (see the meaning). Column ${INPUTS_COLUMNS.letter.name} is the cell’s name in the formulas; ${INPUTS_COLUMNS.letter.live} says whether it is live. Shape inputs are flagged on Checks when changed.`,
  );
  headerRow(sheet, INPUTS_FIRST_ROW - 1, INPUTS_COLUMNS.headers);
  rows.forEach((input, index) => {
    const liveness = livenessOf(input.path);
    // Strings are written as text cells, never as formulas, whatever they start with.
    const row = sheet.getRow(INPUTS_FIRST_ROW + index);
    const byColumn: Record<(typeof INPUTS_COLUMNS.keys)[number], ExcelJS.CellValue> = {
      path: input.path,
      value: input.value,
      unit: input.unit,
      meaning: input.meaning,
      name: liveness.kind === 'not-live' ? '' : liveness.name,
      live: livenessText(liveness),
    };
    row.values = INPUTS_COLUMNS.keys.map((key) => byColumn[key]);
    if (liveness.kind === 'live' || liveness.kind === 'range') {
      row.getCell(INPUTS_COLUMNS.index.value).font = { color: { argb: 'FF0000CC' } };
    }
  });
  sheet.columns.forEach((column, index) => {
    column.width = [46, 22, 28, 90, 26, 60][index] ?? 12;
  });
}

/** `Inputs!$B$<row>` of a field path. */
function inputCell(rows: readonly InputRow[], path: string): string {
  const index = rows.findIndex((row) => row.path === path);
  if (index < 0) throw new Error(`no input row for ${path}`);
  return inputValueCell(index);
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
  headerRow(sheet, RATES_FIRST_ROW - 1, RATES_COLUMNS.headers);
  const wacc = inputCell(inputs, 'finance.discountRatePctPerYear');
  const rows: RateRow[] = [
    {
      label: 'WACC',
      value: formula(`${wacc}/100`, scenario.finance.discountRatePctPerYear / 100),
      name: RATE_NAMES.wacc,
      reads: 'finance.discountRatePctPerYear ÷ 100',
      numFmt: PERCENT_FORMAT,
    },
    ...CLASSES.map((cashFlowClass): RateRow => {
      const path = `finance.${cashFlowClass}DiscountRatePctPerYear`;
      const cell = inputCell(inputs, path);
      return {
        label: `${CLASS_LABELS[cashFlowClass]} cash flows`,
        value: formula(
          `IF(${cell}="",${RATE_NAMES.wacc},${cell}/100)`,
          derived.discountRates[cashFlowClass],
        ),
        name: RATE_NAMES[cashFlowClass],
        reads: `${path} ÷ 100, or the WACC when empty`,
        numFmt: PERCENT_FORMAT,
      };
    }),
    {
      label: 'Valuation date (t = 0)',
      value: utcDate(valuationIsoDate(scenario.startMonth)),
      name: VALUATION_DATE_NAME,
      reads: 'the day before the first month: its flows fall at its end date',
      numFmt: DATE_FORMAT,
    },
  ];
  writeRateRows(workbook, sheet, RATES_FIRST_ROW, rows);
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
  const { scenario } = evaluation;
  const rates = evaluation.derived.discountRates;
  const horizon = ledger.rows.length;
  title(
    sheet,
    `${ledger.strategyLabel} — price case "${ledger.caseName}" (USD)`,
    'Every cell is a formula over the Inputs (see Formulas): line items are rounded to the cent like the ledger of record; the plan block on the right converts the inputs into this strategy’s tranches.',
  );
  const classRow = sheet.getRow(LEDGER_CLASS_ROW);
  classRow.getCell(DATE_COL).value = 'Cash-flow class →';
  LINE_ITEMS.forEach((item, i) => {
    classRow.getCell(FIRST_ITEM_COL + i).value = item.class;
  });
  headerRow(
    sheet,
    LEDGER_HEADER_ROW,
    LEDGER_SHEET_COLUMNS.keys.map((key, k) =>
      key === 'incremental' && !keepMining ? '' : LEDGER_SHEET_COLUMNS.headers[k]!,
    ),
  );
  const caseIndex = scenario.priceCases.findIndex((c) => c.name === ledger.caseName);
  const miningRef = sheetRef(miningSheetName(caseIndex, scenario.priceCases[caseIndex]!));
  const plan = planBlock(
    scenario,
    ledger.strategyId,
    ledger.conversionStartMonth,
    columnLetter(PLAN_VALUE_COL),
  );
  plan.rows.forEach((planRow, k) => {
    const row = sheet.getRow(LEDGER_FIRST_ROW + k);
    row.getCell(PLAN_LABEL_COL).value = planRow.label;
    row.getCell(PLAN_VALUE_COL).value = planRow.value;
  });
  const terminalKind = scenario.lease.terminalValue.kind;
  const leaseRows = leaseUnitMonths(scenario);

  const classRange = `$${L.firstItem}$${LEDGER_CLASS_ROW}:$${L.lastItem}$${LEDGER_CLASS_ROW}`;
  const keepRef = keepMining ? sheetRef(keepMining.sheetName) : '';
  const net: number[] = [];
  const incremental: number[] | null = keepMining ? [] : null;
  const classPv: Record<CashFlowClass, number> = { mining: 0, construction: 0, lease: 0 };
  // Column totals of the money columns, by column number, as the TOTAL row's SUMs give them.
  const totals = new Map<number, number>();
  const addToTotal = (column: number, value: number) =>
    totals.set(column, (totals.get(column) ?? 0) + value);
  let cumulativeNet = 0;
  let cumulativePv = 0;
  const writer = new SharedFormulaWriter(sheet);
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
    const context: LedgerRowContext = {
      row: r,
      monthIndex: m,
      horizon,
      mining: miningRef,
      share: `$${L.miningShare}${r}`,
      previousShare: m === 0 ? 'Initial_mining_share' : `$${L.miningShare}${r - 1}`,
      tranches: plan.tranches,
      convertMw: plan.convertMw,
      terminalKind,
      leaseRows,
    };
    const cells: ExcelJS.CellValue[] = [
      ledgerRow.monthIndex,
      ledgerRow.month,
      utcDate(ledgerRow.endIsoDate),
      ...LINE_ITEMS.map((item, i) => {
        const lineFormula = LINE_FORMULAS[item.key].formula;
        if (lineFormula === null) return items[i]!;
        const text = lineFormula(context);
        return text === '0' ? 0 : formula(`ROUND(${text},2)`, items[i]!);
      }),
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
    } else {
      cells.push(null);
    }
    cumulativeNet += netUsd;
    cumulativePv += presentValue;
    const share = result.miningShare[m]!;
    cells.push(
      { formula: convertedMwFormula(r, plan.tranches) } as ExcelJS.CellFormulaValue,
      formula(miningShareFormula(`$${L.convertedMw}${r}`), share),
      formula(m === 0 ? `${L.net}${r}` : `${L.cumulativeNet}${r - 1}+${L.net}${r}`, cumulativeNet),
      formula(
        m === 0
          ? `${L.presentValue}${r}`
          : `${L.cumulativePresentValue}${r - 1}+${L.presentValue}${r}`,
        cumulativePv,
      ),
    );
    writer.writeRow(r, cells, m >= 2 && m < horizon - 1);
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
  for (const column of [...totals.keys(), CUMULATIVE_NET_COL, CUMULATIVE_PV_COL]) {
    sheet.getColumn(column).width = 16;
    sheet.getColumn(column).numFmt = USD_FORMAT;
  }
  for (const c of CLASSES) {
    sheet.getColumn(FACTOR_COL[c]).width = 13;
    sheet.getColumn(FACTOR_COL[c]).numFmt = FACTOR_FORMAT;
  }
  sheet.getColumn(PLAN_LABEL_COL).width = 44;
  sheet.getColumn(PLAN_VALUE_COL).width = 14;
  const npvUsd = classPv.mining + classPv.construction + classPv.lease;
  const financing = writeFinancingBlock(sheet, ledger, result, {
    firstColumn: FINANCING_FIRST_COL,
    headerRow: LEDGER_HEADER_ROW,
    firstRow: LEDGER_FIRST_ROW,
    monthIndexColumn: L.monthIndex,
    netColumn: L.net,
    lineItemColumn: LEDGER_SHEET_COLUMNS.letter,
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
    bestMonthCell: plan.bestMonthCell,
  };
}

export const SUMMARY_HEADER = SUMMARY_COLUMNS.headers;
const S = SUMMARY_COLUMNS.letter;

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
  headerRow(sheet, SUMMARY_FIRST_ROW - 1, [...SUMMARY_HEADER]);
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
    const classNpv = (c: CashFlowClass) =>
      formula(`SUMPRODUCT(${range(L.subtotal[c])},${range(L.factor[c])})`, p.classPv[c]);
    const byColumn: Record<(typeof SUMMARY_COLUMNS.keys)[number], ExcelJS.CellValue> = {
      priceCase: p.ledger.caseName,
      strategy: p.ledger.strategyLabel,
      ledgerSheet: p.sheetName,
      npvMining: classNpv('mining'),
      npvConstruction: classNpv('construction'),
      npvLease: classNpv('lease'),
      npv: formula(`${S.npvMining}${r}+${S.npvConstruction}${r}+${S.npvLease}${r}`, p.npvUsd),
      excelNpv: formula(
        `IF(${oneRate},NPV((1+${RATE_NAMES.mining})^(1/12)-1,${range(L.net)}),"${CLASS_RATES_DIFFER_TEXT}")`,
        ratesEqual ? npv((1 + rate) ** (1 / 12) - 1, p.net) : CLASS_RATES_DIFFER_TEXT,
      ),
      xnpv: formula(
        `IF(${oneRate},XNPV(${RATE_NAMES.mining},${range(L.net)},${range(L.endDate)})*(1+${RATE_NAMES.mining})^(-(${ref}${L.endDate}${LEDGER_FIRST_ROW}-${VALUATION_DATE_NAME})/365),"${CLASS_RATES_DIFFER_TEXT}")`,
        ratesEqual ? xnpv(rate, [0, ...p.net], [valuation, ...dates]) : CLASS_RATES_DIFFER_TEXT,
      ),
      // A strategy that invests nothing (no conversion capex: keep mining, a tenant-funded
      // build) has no IRR or payback to audit: the cells say so in words, live (docs/model.md §8).
      irr: withInvestment(
        ref,
        p,
        appIrr.kind === 'no-investment'
          ? formula(
              `IFERROR((1+IRR(${range(L.net)},0.01))^12-1,"${NO_IRR_TEXT}")`,
              NO_INVESTMENT_TEXT,
            )
          : irrFormula(range(L.net), p.net),
      ),
      incrementalNpv:
        p.keepMining && keepRow !== undefined
          ? formula(`${S.npv}${r}-${S.npv}${keepRow}`, p.npvUsd - p.keepMining.npvUsd)
          : null,
      incrementalIrr:
        p.incremental === null ? null : irrFormula(range(L.incremental), p.incremental),
      appNpv: p.result.npvUsd,
      appIrr:
        appIrr.kind === 'rate'
          ? appIrr.annualRate
          : appIrr.kind === 'no-investment'
            ? NO_INVESTMENT_TEXT
            : appIrr.kind,
      npvCheck: formula(`${S.npv}${r}-${S.appNpv}${r}`, p.npvUsd - p.result.npvUsd),
      payback: withInvestment(
        ref,
        p,
        paybackFormula(ref, p, L.cumulativeNet, L.net, p.result.payback),
      ),
      discountedPayback: withInvestment(
        ref,
        p,
        paybackFormula(
          ref,
          p,
          L.cumulativePresentValue,
          L.presentValue,
          p.result.discountedPayback,
        ),
      ),
    };
    sheet.getRow(r).values = SUMMARY_COLUMNS.keys.map((key) => byColumn[key]);
  });
  const widths = [12, 30, 22, 18, 18, 18, 18, 20, 20, 12, 20, 14, 18, 14, 14, 12, 12];
  widths.forEach((width, index) => {
    sheet.getColumn(index + 1).width = width;
  });
  for (const key of [
    'npvMining',
    'npvConstruction',
    'npvLease',
    'npv',
    'excelNpv',
    'xnpv',
    'incrementalNpv',
    'appNpv',
    'npvCheck',
  ] as const) {
    sheet.getColumn(S[key]).numFmt = USD_FORMAT;
  }
  for (const key of ['irr', 'incrementalIrr', 'appIrr'] as const) {
    sheet.getColumn(S[key]).numFmt = PERCENT_FORMAT;
  }
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
        `${S.npv}${r}+SUMPRODUCT(${range(block.taxUnleveredColumn)},(1+${FINANCING_RATE_NAMES.tax})^(-(${months}+1)/12))`,
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

  for (const key of ['payback', 'discountedPayback'] as const) {
    sheet.getColumn(S[key]).numFmt = '0.00';
  }
}

/** What payback cells show when the cumulative flow ends negative. */
export const NEVER_TEXT = 'never';

/**
 * Payback (docs/model.md §8): the month the cumulative flow turns non-negative for the last
 * time, interpolated: n + (−cumulative(n−1)) / flow(n), n = the last month (1-based) still
 * negative; 0 if never negative; "never" if it ends negative.
 */
/** Column letter of the investment line (conversion capex) on a ledger sheet. */
const CAPEX_LETTER = columnLetter(
  FIRST_ITEM_COL + LINE_ITEMS.findIndex((item) => item.key === INVESTMENT_LINE_KEYS[0]),
);

/**
 * A metric that exists only where capital is invested: "n/a — no investment" when the ledger's
 * investment line (conversion capex) has no outflow, else the metric's own formula.
 */
function withInvestment(
  ref: string,
  p: PlacedLedger,
  metric: ExcelJS.CellFormulaValue,
): ExcelJS.CellFormulaValue {
  const capex = `${ref}$${CAPEX_LETTER}$${LEDGER_FIRST_ROW}:$${CAPEX_LETTER}$${p.lastRow}`;
  const invests = p.result.irr.kind !== 'no-investment';
  return formula(
    `IF(COUNTIF(${capex},"<0")=0,"${NO_INVESTMENT_TEXT}",${metric.formula})`,
    invests ? (metric.result as number | string) : NO_INVESTMENT_TEXT,
  );
}

function paybackFormula(
  ref: string,
  p: PlacedLedger,
  cumulativeCol: string,
  flowCol: string,
  cached: Payback,
): ExcelJS.CellFormulaValue {
  const range = (letter: string) => `${ref}$${letter}$${LEDGER_FIRST_ROW}:$${letter}$${p.lastRow}`;
  const cumulative = range(cumulativeCol);
  const last = `SUMPRODUCT(MAX((${cumulative}<0)*(${range(L.monthIndex)}+1)))`;
  return formula(
    `IF(${ref}$${cumulativeCol}$${p.lastRow}<0,"${NEVER_TEXT}",IF(${last}=0,0,${last}+(-INDEX(${cumulative},${last}))/INDEX(${range(flowCol)},${last}+1)))`,
    cached.kind === 'months' ? cached.months : NEVER_TEXT,
  );
}
