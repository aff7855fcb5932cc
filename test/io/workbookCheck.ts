import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import {
  type CashFlowClass,
  decisionRows,
  type Evaluation,
  evaluate,
  type Ledger,
  LINE_ITEMS,
  NO_INVESTMENT_TEXT,
  type StrategyResult,
  xnpv,
} from '../../src/engine/index';
import { ledgersOf } from '../../src/io/csvExports';
import { miningSheetName } from '../../src/io/workbookModel';
import {
  CLASS_RATES_DIFFER_TEXT,
  DECISION_FIRST_ROW,
  FIXED_SHEETS,
  LEDGER_FIRST_ROW,
  ledgerSheetName,
  NEVER_TEXT,
  NO_IRR_TEXT,
  SUMMARY_FIRST_ROW,
  SUMMARY_HEADER,
} from '../../src/io/xlsx';
import type { ScenarioInput } from '../../src/schema/scenario';
import { loadScenarioFile } from '../support/fixtures';
import { numberFromCalc, type SheetsAsCsv } from '../support/libreoffice';

/**
 * Checks a workbook written by `buildWorkbook` against the engine, cell by cell, from a grid of
 * values: the cached results read with exceljs, or what LibreOffice computed. Tolerances: NPV
 * and other dollar figures within $1 of the engine (the workbook works on the ledger's cents),
 * ledger cells to the cent, IRR within 1e-6, discount factors to 1e-12.
 */

/** A sheet's values by 1-based row and column: a number, or text ('' when empty). */
export type Grid = (row: number, column: number) => number | string;

/**
 * The workbooks the tests build: every preset, and Texas with one rate for every class. Texas runs
 * its full 240 months; the others 72 months, which keeps their own features (a lease past the
 * horizon, an early refresh, the one-rate NPV() columns) at under a third of the cells, for the
 * suite's time budget.
 */
export function workbookCases(): [string, ScenarioInput][] {
  const texas = loadScenarioFile('texas-300mw-hut8-style-lease.json');
  const oneRate: ScenarioInput = {
    ...texas,
    name: 'Texas 300 MW, one discount rate',
    horizonMonths: 72,
    finance: { discountRatePctPerYear: 9 },
  };
  return [
    ['texas', texas],
    ['feb-2026', { ...loadScenarioFile('feb-2026-market-snapshot.json'), horizonMonths: 72 }],
    ['hydro', { ...loadScenarioFile('hydro-20mw-older-fleet-retrofit.json'), horizonMonths: 72 }],
    ['texas, one rate', oneRate],
  ];
}

/**
 * The workbooks LibreOffice recalculates in full: Texas over its 240 months with its class rates
 * (a minute of soffice under load), and Hydro over 72 months with one rate for every class (its
 * fleet refreshed from month 0 and again at end of life, the one-rate NPV() and XNPV columns;
 * the shorter horizon keeps the suite within its time budget). The flex test covers the rest on
 * small workbooks.
 */
export function recalculatedWorkbookCases(): [string, ScenarioInput][] {
  const hydro = loadScenarioFile('hydro-20mw-older-fleet-retrofit.json');
  return [
    ['texas', loadScenarioFile('texas-300mw-hut8-style-lease.json')],
    [
      'hydro, one rate',
      {
        ...hydro,
        name: 'Hydro 20 MW, one discount rate',
        horizonMonths: 72,
        finance: { discountRatePctPerYear: 9 },
      },
    ],
  ];
}

export interface WorkbookCase {
  readonly evaluation: Evaluation;
  readonly ledgers: Ledger[];
}

export function prepare(input: ScenarioInput): WorkbookCase {
  const evaluation = evaluate(input, { breakevens: false, sensitivity: false });
  return { evaluation, ledgers: ledgersOf(evaluation) };
}

/** Ledger sheet names in workbook order, as `buildWorkbook` names them. */
export function ledgerSheetNames(ledgers: readonly Ledger[], evaluation: Evaluation): string[] {
  const taken = new Set<string>([...FIXED_SHEETS, ...miningSheetNames(evaluation)]);
  return ledgers.map((ledger) => {
    const name = ledgerSheetName(ledger, taken);
    taken.add(name);
    return name;
  });
}

/** The Mining sheet of each price case, in order. */
export function miningSheetNames(evaluation: Evaluation): string[] {
  return evaluation.scenario.priceCases.map((priceCase, c) => miningSheetName(c, priceCase));
}

/** Grids of LibreOffice's CSV output. */
export function gridsFromCsv(sheets: SheetsAsCsv): Map<string, Grid> {
  const grids = new Map<string, Grid>();
  for (const [name, rows] of sheets) {
    grids.set(name, (row, column) => {
      const text = rows[row - 1]?.[column - 1] ?? '';
      const value = numberFromCalc(text);
      return Number.isNaN(value) ? text : value;
    });
  }
  return grids;
}

/** Grids of the values a viewer without recalculation shows: values and cached results. */
export async function gridsFromCachedValues(bytes: Uint8Array): Promise<Map<string, Grid>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const grids = new Map<string, Grid>();
  for (const sheet of workbook.worksheets) {
    grids.set(sheet.name, (row, column) => {
      const cell = sheet.getRow(row).getCell(column);
      const value = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
      if (value instanceof Date) return value.toISOString().slice(0, 10);
      if (typeof value === 'number' || typeof value === 'string') return value;
      return value === null || value === undefined ? '' : String(value);
    });
  }
  return grids;
}

function expectNear(actual: number | string, expected: number, tolerance: number, what: string) {
  expect(typeof actual, `${what}: ${actual}`).toBe('number');
  expect(
    Math.abs((actual as number) - expected),
    `${what}: ${actual} vs ${expected}`,
  ).toBeLessThanOrEqual(tolerance);
}

function expectIrr(actual: number | string, irr: StrategyResult['irr'], what: string) {
  if (irr.kind === 'rate') expectNear(actual, irr.annualRate, 1e-6, what);
  else if (irr.kind === 'no-investment') expect(actual, what).toBe(NO_INVESTMENT_TEXT);
  else expect(actual, what).toBe(NO_IRR_TEXT);
}

/** Payback in months (the workbook works on cents: within 0.01 month), or never. */
function expectPayback(actual: number | string, payback: StrategyResult['payback'], what: string) {
  if (payback.kind === 'months') expectNear(actual, payback.months, 0.01, what);
  else if (payback.kind === 'no-investment') expect(actual, what).toBe(NO_INVESTMENT_TEXT);
  else expect(actual, what).toBe(NEVER_TEXT);
}

const CLASSES: readonly CashFlowClass[] = ['mining', 'construction', 'lease'];
const DOLLAR = 1;

/** The last day of the month before the first: the valuation date (t = 0). */
function valuationDate(evaluation: Evaluation): string {
  const [year, month] = evaluation.scenario.startMonth.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1, 0)).toISOString().slice(0, 10);
}

/** Every Summary cell against the engine's own figures. */
function checkSummary(grid: Grid, { evaluation, ledgers }: WorkbookCase): void {
  const rates = evaluation.derived.discountRates;
  const oneRate = rates.mining === rates.construction && rates.mining === rates.lease;
  const dates = evaluation.months.map((month) => month.endIsoDate);
  const names = ledgerSheetNames(ledgers, evaluation);
  SUMMARY_HEADER.forEach((label, c) => {
    expect(grid(SUMMARY_FIRST_ROW - 1, c + 1)).toBe(label);
  });
  ledgers.forEach((ledger, i) => {
    const row = SUMMARY_FIRST_ROW + i;
    const at = (column: number) => grid(row, column);
    const what = (label: string) =>
      `Summary row ${row} (${ledger.caseName}/${ledger.strategyId}) ${label}`;
    const result = evaluation.cases
      .find((c) => c.priceCase.name === ledger.caseName)!
      .strategies.find((s) => s.strategyId === ledger.strategyId)!;
    expect([at(1), at(2), at(3)]).toEqual([ledger.caseName, ledger.strategyLabel, names[i]]);
    CLASSES.forEach((c, k) => {
      expectNear(at(4 + k), result.npvByClassUsd[c], DOLLAR, what(`NPV ${c}`));
    });
    expectNear(at(7), result.npvUsd, DOLLAR, what('NPV'));
    if (oneRate) {
      expectNear(at(8), result.npvUsd, DOLLAR, what('Excel NPV()'));
      const expectedXnpv = xnpv(
        rates.mining,
        [0, ...result.netCashFlowUsd],
        [valuationDate(evaluation), ...dates],
      );
      expectNear(at(9), expectedXnpv, DOLLAR, what('XNPV'));
    } else {
      expect(at(8), what('Excel NPV()')).toBe(CLASS_RATES_DIFFER_TEXT);
      expect(at(9), what('XNPV')).toBe(CLASS_RATES_DIFFER_TEXT);
    }
    expectIrr(at(10), result.irr, what('IRR'));
    if (result.incremental === null) {
      expect([at(11), at(12)]).toEqual(['', '']);
    } else {
      expectNear(at(11), result.incremental.npvUsd, DOLLAR, what('incremental NPV'));
      expectIrr(at(12), result.incremental.irr, what('incremental IRR'));
    }
    expectNear(at(13), result.npvUsd, Math.abs(result.npvUsd) * 1e-14, what('NPV in the app'));
    if (result.irr.kind === 'rate')
      expectNear(at(14), result.irr.annualRate, 1e-12, what('app IRR'));
    else
      expect(at(14)).toBe(
        result.irr.kind === 'no-investment' ? NO_INVESTMENT_TEXT : result.irr.kind,
      );
    expectNear(at(15), 0, DOLLAR, what('check'));
    expectPayback(at(16), result.payback, what('payback'));
    expectPayback(at(17), result.discountedPayback, what('discounted payback'));
  });
}

/** Every ledger sheet: the ledger of record to the cent, and every formula column. */
function checkLedger(
  grid: Grid,
  ledger: Ledger,
  keepMining: Ledger | undefined,
  evaluation: Evaluation,
  result: StrategyResult,
): void {
  const rates = evaluation.derived.discountRates;
  const items = LINE_ITEMS.length;
  const netColumn = 4 + items;
  const where = (row: number, label: string) =>
    `${ledger.caseName}/${ledger.strategyId} row ${row} ${label}`;
  ledger.rows.forEach((ledgerRow, m) => {
    const row = LEDGER_FIRST_ROW + m;
    expect([grid(row, 1), grid(row, 2), grid(row, 3)]).toEqual([
      m,
      ledgerRow.month,
      ledgerRow.endIsoDate,
    ]);
    const classFlow: Record<CashFlowClass, number> = { mining: 0, construction: 0, lease: 0 };
    LINE_ITEMS.forEach((item, i) => {
      const amount = Number(ledgerRow.amounts[item.key]);
      classFlow[item.class] += amount;
      expectNear(grid(row, 4 + i), amount, 0.0005, where(row, item.key));
    });
    expectNear(
      grid(row, netColumn),
      Number(ledgerRow.amounts.netCashFlowUsd),
      0.005,
      where(row, 'net'),
    );
    CLASSES.forEach((c, k) => {
      expectNear(grid(row, netColumn + 1 + k), classFlow[c], 0.005, where(row, `${c} flows`));
      const factor = (1 + rates[c]) ** (-(m + 1) / 12);
      expectNear(grid(row, netColumn + 4 + k), factor, 1e-12, where(row, `${c} factor`));
    });
    expectNear(
      grid(row, netColumn + 7),
      Number(ledgerRow.amounts.presentValueUsd),
      0.0051,
      where(row, 'present value'),
    );
    if (keepMining) {
      const difference =
        Number(ledgerRow.amounts.netCashFlowUsd) -
        Number(keepMining.rows[m]!.amounts.netCashFlowUsd);
      expectNear(grid(row, netColumn + 8), difference, 0.005, where(row, 'incremental net'));
    } else {
      expect(grid(row, netColumn + 8)).toBe('');
    }
  });
  const total = LEDGER_FIRST_ROW + ledger.rows.length;
  expect(grid(total, 1)).toBe('TOTAL');
  const classTotals: Record<CashFlowClass, number> = { mining: 0, construction: 0, lease: 0 };
  LINE_ITEMS.forEach((item) => {
    classTotals[item.class] += Number(ledger.totals[item.key]);
  });
  CLASSES.forEach((c, k) => {
    expectNear(grid(total, netColumn + 1 + k), classTotals[c], 0.01, where(total, `${c} flows`));
  });
  if (keepMining) {
    const difference =
      Number(ledger.totals.netCashFlowUsd) - Number(keepMining.totals.netCashFlowUsd);
    expectNear(grid(total, netColumn + 8), difference, 0.01, where(total, 'incremental net'));
  }
  LINE_ITEMS.forEach((item, i) => {
    expectNear(grid(total, 4 + i), Number(ledger.totals[item.key]), 0.01, where(total, item.key));
  });
  expectNear(
    grid(total, netColumn),
    Number(ledger.totals.netCashFlowUsd),
    0.01,
    where(total, 'net'),
  );
  expectNear(grid(total, netColumn + 7), result.npvUsd, DOLLAR, where(total, 'present value'));
}

/** Rates: the class rates and the valuation date. */
function checkRates(grid: Grid, evaluation: Evaluation): void {
  const rates = evaluation.derived.discountRates;
  expectNear(grid(4, 2), evaluation.scenario.finance.discountRatePctPerYear / 100, 1e-15, 'WACC');
  CLASSES.forEach((c, k) => {
    expectNear(grid(5 + k, 2), rates[c], 1e-15, `${c} rate`);
  });
  expect(grid(8, 2)).toBe(valuationDate(evaluation));
}

/** Stress tests: each test's NPV and change per strategy, as the engine's stress table. */
function checkStressTests(grid: Grid, evaluation: Evaluation): void {
  const table = evaluation.stressTests;
  const count = table.base.length;
  // Values, not formulas: the file's 15 significant digits at most.
  const tolerance = (usd: number) => 1e-12 * Math.abs(usd) + 1e-6;
  table.base.forEach((strategy, s) => {
    expectNear(
      grid(4, 3 + s),
      strategy.npvUsd,
      tolerance(strategy.npvUsd),
      `base ${strategy.label}`,
    );
  });
  table.rows.forEach((row, r) => {
    expect(grid(5 + r, 1)).toBe(row.test.name);
    expect(grid(5 + r, 2)).toBe(row.description);
    row.strategies.forEach((strategy, s) => {
      const what = `${row.test.name} ${strategy.label}`;
      expectNear(grid(5 + r, 3 + s), strategy.npvUsd, tolerance(strategy.npvUsd), what);
      expectNear(grid(5 + r, 3 + count + s), strategy.changeUsd, tolerance(strategy.npvUsd), what);
    });
  });
}

/** Checks the Summary, Rates and every ledger sheet of a workbook against the engine. */
export function checkWorkbook(grids: Map<string, Grid>, workbookCase: WorkbookCase): void {
  const { evaluation, ledgers } = workbookCase;
  const names = ledgerSheetNames(ledgers, evaluation);
  expect([...grids.keys()].sort()).toEqual(
    [...FIXED_SHEETS, ...miningSheetNames(evaluation), ...names, 'Stress tests'].sort(),
  );
  // The Decision sheet holds the engine's decision rows: section, item and statement as text.
  const decision = grids.get('Decision')!;
  decisionRows(evaluation.decision).forEach((row, i) => {
    const r = DECISION_FIRST_ROW + i;
    expect([decision(r, 1), decision(r, 2)]).toEqual([row[0], row[1]]);
    // A statement that reads as a number ("9%") comes back from the grid as one.
    if (typeof decision(r, 4) === 'string') expect(decision(r, 4)).toBe(row[3]);
  });
  checkSummary(grids.get('Summary')!, workbookCase);
  checkStressTests(grids.get('Stress tests')!, evaluation);
  checkRates(grids.get('Rates')!, evaluation);
  ledgers.forEach((ledger, i) => {
    const keepMining =
      ledger.strategyId === 'keep-mining'
        ? undefined
        : ledgers.find((l) => l.caseName === ledger.caseName && l.strategyId === 'keep-mining');
    const result = evaluation.cases
      .find((c) => c.priceCase.name === ledger.caseName)!
      .strategies.find((s) => s.strategyId === ledger.strategyId)!;
    checkLedger(grids.get(names[i]!)!, ledger, keepMining, evaluation, result);
  });
}
