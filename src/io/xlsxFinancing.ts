/**
 * The financing and tax part of the workbook (docs/model.md §12, docs/files.md): on each ledger
 * sheet, right of the pre-tax columns, the debt schedule and the monthly equity flows, and below
 * it the year-by-year tax computation, as live formulas over the ledger's cells; on the Rates
 * sheet the cost of equity, the tax discount rate and the tax rate; on the Summary the after-tax
 * and equity NPV and IRR. Only written when the scenario has `financing` or `tax`.
 */
import type * as ExcelJS from 'exceljs';
import {
  type Evaluation,
  type Ledger,
  LINE_ITEMS,
  type StrategyResult,
  type TaxSchedule,
} from '../engine/index';

/** Defined names of the financing rates (Rates sheet). */
export const FINANCING_RATE_NAMES = {
  equity: 'rate_equity',
  tax: 'rate_tax_flows',
  taxRate: 'tax_rate',
} as const;

/** 1 → A, 27 → AA */
function letter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

function formula(text: string, result: number | string): ExcelJS.CellFormulaValue {
  return { formula: text, result };
}

const USD_FORMAT = '#,##0.00;-#,##0.00';

/** The financing columns of a ledger sheet, in order, with whether each is a formula. */
export const FINANCING_SHEET_COLUMNS = [
  'Tax, unlevered (USD)',
  'Unlevered after-tax flow (USD) = net + tax',
  'Debt drawn (USD)',
  'Interest accrued (USD)',
  'Interest capitalised (USD)',
  'Interest paid (USD) = accrued − capitalised',
  'Principal repaid (USD)',
  'Upfront fees (USD)',
  'Flow from lenders (USD) = drawn − paid − principal − fees',
  'Debt balance (USD) = previous + drawn + capitalised − principal',
  'Tax, levered (USD)',
  'Equity flow (USD) = net + flow from lenders + tax',
] as const;

/** Where the financing block sits on a ledger sheet and what the summary reads from it. */
export interface FinancingBlock {
  /** Column letters of the unlevered after-tax flows, the levered tax and the equity flows. */
  readonly afterTaxColumn: string;
  readonly taxUnleveredColumn: string;
  readonly equityColumn: string;
  readonly afterTax: number[];
  readonly taxUnlevered: number[];
  readonly equity: number[];
}

/**
 * Adds the financing rates to the Rates sheet (below its rows) as defined names.
 */
export function writeFinancingRates(
  workbook: ExcelJS.Workbook,
  sheet: ExcelJS.Worksheet,
  evaluation: Evaluation,
): void {
  const { scenario } = evaluation;
  const start = sheet.rowCount + 2;
  const taxRate = evaluation.cases[0]?.strategies[0]?.financing?.unleveredAfterTax.tax?.rate ?? 0;
  const rows: [string, number, string, string][] = [
    [
      'Cost of equity (levered view)',
      (scenario.financing?.costOfEquityPctPerYear ?? scenario.finance.discountRatePctPerYear) / 100,
      FINANCING_RATE_NAMES.equity,
      'financing.costOfEquityPctPerYear ÷ 100: discounts the equity flows',
    ],
    [
      'Tax flows (after-tax view)',
      (scenario.tax?.discountRatePctPerYear ?? scenario.finance.discountRatePctPerYear) / 100,
      FINANCING_RATE_NAMES.tax,
      'tax.discountRatePctPerYear ÷ 100, or the WACC: discounts the tax flows',
    ],
    [
      'Corporate tax rate',
      taxRate,
      FINANCING_RATE_NAMES.taxRate,
      'federal + state × (1 − federal): the tax tables multiply by it',
    ],
  ];
  rows.forEach(([label, value, name, reads], index) => {
    const r = start + index;
    sheet.getRow(r).values = [label, value, name, reads];
    sheet.getCell(`B${r}`).numFmt = '0.0000%';
    workbook.definedNames.add(`Rates!$B$${r}`, name);
  });
}

/**
 * Writes the financing block of one ledger sheet from column `firstColumn`: the monthly debt and
 * equity columns beside the ledger rows (formulas where a column is a sum of others), and under
 * the ledger the yearly tax table (EBITDA, taxable income, losses and tax as formulas).
 */
export function writeFinancingBlock(
  sheet: ExcelJS.Worksheet,
  ledger: Ledger,
  result: StrategyResult,
  layout: {
    readonly firstColumn: number;
    readonly headerRow: number;
    readonly firstRow: number;
    readonly monthIndexColumn: string;
    readonly netColumn: string;
  },
): FinancingBlock | null {
  const part = ledger.financing;
  if (!part || !result.financing) return null;
  const c = (k: number) => letter(layout.firstColumn + k);
  const header = sheet.getRow(layout.headerRow);
  FINANCING_SHEET_COLUMNS.forEach((label, k) => {
    const cell = header.getCell(layout.firstColumn + k);
    cell.value = label;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
  const afterTax: number[] = [];
  const taxUnlevered: number[] = [];
  const equity: number[] = [];
  let balance = 0;
  part.rows.forEach((row, m) => {
    const r = layout.firstRow + m;
    const usd = (cents: number) => cents / 100;
    const net = Math.round(Number(ledger.rows[m]!.amounts.netCashFlowUsd) * 100);
    balance += row.drawsUsd + row.capitalisedInterestUsd - row.principalUsd;
    const values: ExcelJS.CellValue[] = [
      usd(row.taxUnleveredUsd),
      formula(`${layout.netColumn}${r}+${c(0)}${r}`, usd(net + row.taxUnleveredUsd)),
      usd(row.drawsUsd),
      usd(row.interestUsd),
      usd(row.capitalisedInterestUsd),
      formula(`${c(3)}${r}-${c(4)}${r}`, usd(row.interestPaidUsd)),
      usd(row.principalUsd),
      usd(row.feesUsd),
      formula(`${c(2)}${r}-${c(5)}${r}-${c(6)}${r}-${c(7)}${r}`, usd(row.debtFlowUsd)),
      formula(
        `${m === 0 ? '0' : `${c(9)}${r - 1}`}+${c(2)}${r}+${c(4)}${r}-${c(6)}${r}`,
        usd(balance),
      ),
      usd(row.taxLeveredUsd),
      formula(`${layout.netColumn}${r}+${c(8)}${r}+${c(10)}${r}`, usd(row.equityFlowUsd)),
    ];
    values.forEach((value, k) => {
      sheet.getRow(r).getCell(layout.firstColumn + k).value = value;
    });
    afterTax.push(usd(net + row.taxUnleveredUsd));
    taxUnlevered.push(usd(row.taxUnleveredUsd));
    equity.push(usd(row.equityFlowUsd));
  });
  for (let k = 0; k < FINANCING_SHEET_COLUMNS.length; k += 1) {
    sheet.getColumn(layout.firstColumn + k).width = 16;
    sheet.getColumn(layout.firstColumn + k).numFmt = USD_FORMAT;
  }
  const tax = part.taxLevered ?? part.taxUnlevered;
  if (tax) writeTaxTable(sheet, tax, layout, part.rows.length);
  return {
    afterTaxColumn: c(1),
    taxUnleveredColumn: c(0),
    equityColumn: c(11),
    afterTax,
    taxUnlevered,
    equity,
  };
}

/** Tax table labels, one column each (under the financing block). */
export const TAX_TABLE_COLUMNS = [
  'Tax year (0 = first 12 months)',
  'EBITDA (USD) = Σ net − capex of the year',
  'Depreciation (USD)',
  'Basis written off at the horizon (USD)',
  'Interest deducted (USD)',
  'Taxable income before losses (USD)',
  'Losses used (USD) = min(carried, share × income)',
  'Losses carried forward (USD)',
  'Taxable income (USD)',
  'Tax (USD) = tax rate × taxable income',
] as const;

function writeTaxTable(
  sheet: ExcelJS.Worksheet,
  tax: TaxSchedule,
  layout: {
    readonly firstColumn: number;
    readonly firstRow: number;
    readonly monthIndexColumn: string;
    readonly netColumn: string;
  },
  months: number,
): void {
  const c = (k: number) => letter(layout.firstColumn + k);
  const lastDataRow = layout.firstRow + months - 1;
  const titleRow = lastDataRow + 4;
  sheet.getRow(titleRow).getCell(layout.firstColumn).value =
    'Tax by year (the tax paid in the year’s last month above; the levered tax when there is debt)';
  sheet.getRow(titleRow).getCell(layout.firstColumn).font = { bold: true };
  const headerRow = sheet.getRow(titleRow + 1);
  TAX_TABLE_COLUMNS.forEach((label, k) => {
    const cell = headerRow.getCell(layout.firstColumn + k);
    cell.value = label;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
  const capexColumns = LINE_ITEMS.map((item, i) => ({ item, i }))
    .filter(({ item }) => /capex/i.test(item.key))
    .map(({ i }) => letter(4 + i));
  const monthRange = `$${layout.monthIndexColumn}$${layout.firstRow}:$${layout.monthIndexColumn}$${lastDataRow}`;
  const rangeOf = (column: string) => `$${column}$${layout.firstRow}:$${column}$${lastDataRow}`;
  const share = tax.lossUseShare;
  tax.years.forEach((year, y) => {
    const r = titleRow + 2 + y;
    const inYear = `(${monthRange}>=${12 * y})*(${monthRange}<${12 * y + 12})`;
    const ebitda = `SUMPRODUCT(${inYear},${rangeOf(layout.netColumn)}${capexColumns
      .map((column) => `-${rangeOf(column)}`)
      .join('')})`;
    const carriedBefore = y === 0 ? `${tax.openingLossCarryforwardUsd}` : `${c(7)}${r - 1}`;
    const values: ExcelJS.CellValue[] = [
      y,
      formula(ebitda, year.ebitdaUsd),
      year.depreciationUsd,
      year.basisWrittenOffUsd,
      year.interestDeductedUsd,
      formula(`${c(1)}${r}-${c(2)}${r}-${c(3)}${r}-${c(4)}${r}`, year.taxableIncomeBeforeLossesUsd),
      formula(
        `IF(${c(5)}${r}>0,MIN(${carriedBefore},ROUNDDOWN(${share}*${c(5)}${r},2)),0)`,
        year.lossUsedUsd,
      ),
      formula(`${carriedBefore}+MAX(0,-${c(5)}${r})-${c(6)}${r}`, year.lossCarriedForwardUsd),
      formula(`MAX(0,${c(5)}${r}-${c(6)}${r})`, year.taxableIncomeUsd),
      formula(`ROUND(${FINANCING_RATE_NAMES.taxRate}*${c(8)}${r},2)`, year.taxUsd),
    ];
    values.forEach((value, k) => {
      sheet.getRow(r).getCell(layout.firstColumn + k).value = value;
    });
  });
}
