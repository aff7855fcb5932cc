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
  type LineKey,
  type StrategyResult,
  type TaxSchedule,
} from '../engine/index';
import { type ColumnMap, columnMap } from './workbookLayout';
import { type RateRow, writeRateRows } from './workbookModel';

/** Defined names of the financing rates (Rates sheet). */
export const FINANCING_RATE_NAMES = {
  equity: 'rate_equity',
  tax: 'rate_tax_flows',
  taxRate: 'tax_rate',
} as const;

function formula(text: string, result: number | string): ExcelJS.CellFormulaValue {
  return { formula: text, result };
}

const USD_FORMAT = '#,##0.00;-#,##0.00';

/** The financing columns of a ledger sheet, in order, with whether each is a formula. */
export const FINANCING_SHEET_HEADERS = {
  taxUnlevered: 'Tax, unlevered (USD)',
  unleveredAfterTax: 'Unlevered after-tax flow (USD) = net + tax',
  debtDrawn: 'Debt drawn (USD)',
  interestAccrued: 'Interest accrued (USD)',
  interestCapitalised: 'Interest capitalised (USD)',
  interestPaid: 'Interest paid (USD) = accrued − capitalised',
  principal: 'Principal repaid (USD)',
  fees: 'Upfront fees (USD)',
  lenderFlow: 'Flow from lenders (USD) = drawn − paid − principal − fees',
  debtBalance: 'Debt balance (USD) = previous + drawn + capitalised − principal',
  taxLevered: 'Tax, levered (USD)',
  equityFlow: 'Equity flow (USD) = net + flow from lenders + tax',
} as const;
type FinancingColumn = keyof typeof FINANCING_SHEET_HEADERS;

/** The financing block's columns from `firstColumn` on. */
export function financingSheetColumns(firstColumn: number): ColumnMap<FinancingColumn> {
  return columnMap(FINANCING_SHEET_HEADERS, firstColumn);
}

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
  const rows: RateRow[] = [
    {
      label: 'Cost of equity (levered view)',
      value:
        (scenario.financing?.costOfEquityPctPerYear ?? scenario.finance.discountRatePctPerYear) /
        100,
      name: FINANCING_RATE_NAMES.equity,
      reads: 'financing.costOfEquityPctPerYear ÷ 100: discounts the equity flows',
      numFmt: '0.0000%',
    },
    {
      label: 'Tax flows (after-tax view)',
      value:
        (scenario.tax?.discountRatePctPerYear ?? scenario.finance.discountRatePctPerYear) / 100,
      name: FINANCING_RATE_NAMES.tax,
      reads: 'tax.discountRatePctPerYear ÷ 100, or the WACC: discounts the tax flows',
      numFmt: '0.0000%',
    },
    {
      label: 'Corporate tax rate',
      value: taxRate,
      name: FINANCING_RATE_NAMES.taxRate,
      reads: 'federal + state × (1 − federal): the tax tables multiply by it',
      numFmt: '0.0000%',
    },
  ];
  writeRateRows(workbook, sheet, start, rows);
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
    /** Each line item's column on the ledger sheet. */
    readonly lineItemColumn: Readonly<Record<LineKey, string>>;
  },
): FinancingBlock | null {
  const part = ledger.financing;
  if (!part || !result.financing) return null;
  const columns = financingSheetColumns(layout.firstColumn);
  const c = columns.letter;
  const header = sheet.getRow(layout.headerRow);
  columns.headers.forEach((label, k) => {
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
    const byColumn: Record<FinancingColumn, ExcelJS.CellValue> = {
      taxUnlevered: usd(row.taxUnleveredUsd),
      unleveredAfterTax: formula(
        `${layout.netColumn}${r}+${c.taxUnlevered}${r}`,
        usd(net + row.taxUnleveredUsd),
      ),
      debtDrawn: usd(row.drawsUsd),
      interestAccrued: usd(row.interestUsd),
      interestCapitalised: usd(row.capitalisedInterestUsd),
      interestPaid: formula(
        `${c.interestAccrued}${r}-${c.interestCapitalised}${r}`,
        usd(row.interestPaidUsd),
      ),
      principal: usd(row.principalUsd),
      fees: usd(row.feesUsd),
      lenderFlow: formula(
        `${c.debtDrawn}${r}-${c.interestPaid}${r}-${c.principal}${r}-${c.fees}${r}`,
        usd(row.debtFlowUsd),
      ),
      debtBalance: formula(
        `${m === 0 ? '0' : `${c.debtBalance}${r - 1}`}+${c.debtDrawn}${r}+${c.interestCapitalised}${r}-${c.principal}${r}`,
        usd(balance),
      ),
      taxLevered: usd(row.taxLeveredUsd),
      equityFlow: formula(
        `${layout.netColumn}${r}+${c.lenderFlow}${r}+${c.taxLevered}${r}`,
        usd(row.equityFlowUsd),
      ),
    };
    for (const key of columns.keys)
      sheet.getRow(r).getCell(columns.index[key]).value = byColumn[key];
    afterTax.push(usd(net + row.taxUnleveredUsd));
    taxUnlevered.push(usd(row.taxUnleveredUsd));
    equity.push(usd(row.equityFlowUsd));
  });
  for (const key of columns.keys) {
    sheet.getColumn(columns.index[key]).width = 16;
    sheet.getColumn(columns.index[key]).numFmt = USD_FORMAT;
  }
  const tax = part.taxLevered ?? part.taxUnlevered;
  if (tax) writeTaxTable(sheet, tax, layout, part.rows.length);
  return {
    afterTaxColumn: c.unleveredAfterTax,
    taxUnleveredColumn: c.taxUnlevered,
    equityColumn: c.equityFlow,
    afterTax,
    taxUnlevered,
    equity,
  };
}

/** Tax table labels, one column each (under the financing block). */
const TAX_TABLE_HEADERS = {
  year: 'Tax year (0 = first 12 months)',
  ebitda: 'EBITDA (USD) = Σ net − capex of the year',
  depreciation: 'Depreciation (USD)',
  writtenOff: 'Basis written off at the horizon (USD)',
  interestDeducted: 'Interest deducted (USD)',
  incomeBeforeLosses: 'Taxable income before losses (USD)',
  lossesUsed: 'Losses used (USD) = min(carried, share × income)',
  lossesCarried: 'Losses carried forward (USD)',
  taxableIncome: 'Taxable income (USD)',
  tax: 'Tax (USD) = tax rate × taxable income',
} as const;

function writeTaxTable(
  sheet: ExcelJS.Worksheet,
  tax: TaxSchedule,
  layout: {
    readonly firstColumn: number;
    readonly firstRow: number;
    readonly monthIndexColumn: string;
    readonly netColumn: string;
    /** Each line item's column on the ledger sheet. */
    readonly lineItemColumn: Readonly<Record<LineKey, string>>;
  },
  months: number,
): void {
  const columns = columnMap(TAX_TABLE_HEADERS, layout.firstColumn);
  const c = columns.letter;
  const lastDataRow = layout.firstRow + months - 1;
  const titleRow = lastDataRow + 4;
  sheet.getRow(titleRow).getCell(layout.firstColumn).value =
    'Tax by year (the tax paid in the year’s last month above; the levered tax when there is debt)';
  sheet.getRow(titleRow).getCell(layout.firstColumn).font = { bold: true };
  const headerRow = sheet.getRow(titleRow + 1);
  columns.headers.forEach((label, k) => {
    const cell = headerRow.getCell(layout.firstColumn + k);
    cell.value = label;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
  // The depreciable lines of the table (capital spending), where the ledger sheet has them.
  const capexColumns = LINE_ITEMS.filter((item) => item.depreciable).map(
    (item) => layout.lineItemColumn[item.key],
  );
  const monthRange = `$${layout.monthIndexColumn}$${layout.firstRow}:$${layout.monthIndexColumn}$${lastDataRow}`;
  const rangeOf = (column: string) => `$${column}$${layout.firstRow}:$${column}$${lastDataRow}`;
  const share = tax.lossUseShare;
  tax.years.forEach((year, y) => {
    const r = titleRow + 2 + y;
    const inYear = `(${monthRange}>=${12 * y})*(${monthRange}<${12 * y + 12})`;
    const ebitda = `SUMPRODUCT(${inYear},${rangeOf(layout.netColumn)}${capexColumns
      .map((column) => `-${rangeOf(column)}`)
      .join('')})`;
    const carriedBefore =
      y === 0 ? `${tax.openingLossCarryforwardUsd}` : `${c.lossesCarried}${r - 1}`;
    const byColumn: Record<keyof typeof TAX_TABLE_HEADERS, ExcelJS.CellValue> = {
      year: y,
      ebitda: formula(ebitda, year.ebitdaUsd),
      depreciation: year.depreciationUsd,
      writtenOff: year.basisWrittenOffUsd,
      interestDeducted: year.interestDeductedUsd,
      incomeBeforeLosses: formula(
        `${c.ebitda}${r}-${c.depreciation}${r}-${c.writtenOff}${r}-${c.interestDeducted}${r}`,
        year.taxableIncomeBeforeLossesUsd,
      ),
      lossesUsed: formula(
        `IF(${c.incomeBeforeLosses}${r}>0,MIN(${carriedBefore},ROUNDDOWN(${share}*${c.incomeBeforeLosses}${r},2)),0)`,
        year.lossUsedUsd,
      ),
      lossesCarried: formula(
        `${carriedBefore}+MAX(0,-${c.incomeBeforeLosses}${r})-${c.lossesUsed}${r}`,
        year.lossCarriedForwardUsd,
      ),
      taxableIncome: formula(
        `MAX(0,${c.incomeBeforeLosses}${r}-${c.lossesUsed}${r})`,
        year.taxableIncomeUsd,
      ),
      tax: formula(`ROUND(${FINANCING_RATE_NAMES.taxRate}*${c.taxableIncome}${r},2)`, year.taxUsd),
    };
    for (const key of columns.keys)
      sheet.getRow(r).getCell(columns.index[key]).value = byColumn[key];
  });
}
