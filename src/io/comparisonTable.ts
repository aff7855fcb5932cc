import {
  type Evaluation,
  FINANCING_COLUMNS,
  type IrrOutcome,
  LEDGER_COLUMNS,
  type Ledger,
  type Moic,
  type Payback,
  type StrategyResult,
  textOfCents,
} from '../engine/index';
import { type CsvCell, decimalCell } from './csv';

/**
 * Header of the comparison table. Where a metric can be absent (an IRR with no root, a payback
 * that never happens), its number column is empty and the `_note` column says why.
 */
export const COMPARISON_TABLE_HEADER = [
  'scenario',
  'price_case',
  'strategy_id',
  'strategy',
  'convert_utility_mw',
  'convert_it_mw',
  'conversion_start_month',
  'npv_usd',
  'npv_mining_usd',
  'npv_construction_usd',
  'npv_lease_usd',
  'irr_pct_per_year',
  'irr_note',
  'payback_months',
  'payback_note',
  'discounted_payback_months',
  'discounted_payback_note',
  'peak_funding_usd',
  'moic',
  'moic_note',
  'incremental_npv_usd',
  'incremental_irr_pct_per_year',
  'incremental_irr_note',
] as const;

/** Round half away from zero at `decimals` places; `toFixed` rounds the exact binary value. */
function round(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

const usd = (value: number) => round(value, 2);
const pct = (rate: number) => round(rate * 100, 6);

function irrCells(irr: IrrOutcome): [CsvCell, CsvCell] {
  return irr.kind === 'rate' ? [pct(irr.annualRate), null] : [null, irr.kind];
}

function paybackCells(payback: Payback): [CsvCell, CsvCell] {
  return payback.kind === 'months' ? [round(payback.months, 2), null] : [null, payback.kind];
}

function moicCells(moic: Moic): [CsvCell, CsvCell] {
  return moic.kind === 'ratio' ? [round(moic.value, 6), null] : [null, moic.kind];
}

function strategyRow(scenarioName: string, caseName: string, s: StrategyResult): CsvCell[] {
  const converts = s.convertUtilityMw > 0;
  return [
    scenarioName,
    caseName,
    s.strategyId,
    s.label,
    round(s.convertUtilityMw, 6),
    round(s.convertItMw, 6),
    // Keep mining has no conversion; a 0 there would read as "converts at once".
    converts ? s.conversionStartMonth : null,
    usd(s.npvUsd),
    usd(s.npvByClassUsd.mining),
    usd(s.npvByClassUsd.construction),
    usd(s.npvByClassUsd.lease),
    ...irrCells(s.irr),
    ...paybackCells(s.payback),
    ...paybackCells(s.discountedPayback),
    usd(s.peakFundingUsd),
    ...moicCells(s.moic),
    ...(s.incremental
      ? [usd(s.incremental.npvUsd), ...irrCells(s.incremental.irr)]
      : [null, null, null]),
  ];
}

/**
 * Columns added when the scenario has `financing` or `tax` (docs/model.md §12): the after-tax
 * and levered equity figures beside the pre-tax ones.
 */
export const FINANCING_TABLE_HEADER = [
  'after_tax_npv_usd',
  'after_tax_irr_pct_per_year',
  'after_tax_irr_note',
  'equity_npv_usd',
  'equity_irr_pct_per_year',
  'equity_irr_note',
  'equity_peak_funding_usd',
  'min_dscr',
  'average_dscr',
  'term_loan_usd',
] as const;

function financingCells(s: StrategyResult): CsvCell[] {
  const afterTax = s.financing!.unleveredAfterTax;
  const levered = s.financing!.leveredAfterTax;
  const ratio = (value: number | null | undefined) =>
    value === null || value === undefined ? null : round(value, 6);
  return [
    usd(afterTax.npvUsd),
    ...irrCells(afterTax.irr),
    ...(levered
      ? [usd(levered.npvUsd), ...irrCells(levered.irr), usd(levered.peakFundingUsd)]
      : [null, null, null, null]),
    ratio(levered?.minDscr),
    ratio(levered?.averageDscr),
    levered?.projectDebt ? usd(levered.projectDebt.sizing.termLoanUsd) : null,
  ];
}

/**
 * The comparison table (strategies × price cases) as CSV rows: the header, then one row per
 * price case and strategy in the engine's order. USD rounded to cents, percentages to 6
 * decimals, months to 2; `conversion_start_month` is the month index from the scenario start.
 * With `financing` or `tax`, the {@link FINANCING_TABLE_HEADER} columns follow.
 */
export function comparisonTableRows(evaluation: Evaluation): CsvCell[][] {
  const withFinancing = evaluation.cases[0]?.strategies[0]?.financing != null;
  const rows: CsvCell[][] = [
    [...COMPARISON_TABLE_HEADER, ...(withFinancing ? FINANCING_TABLE_HEADER : [])],
  ];
  for (const result of evaluation.cases) {
    for (const strategy of result.strategies) {
      const row = strategyRow(evaluation.scenario.name, result.priceCase.name, strategy);
      rows.push(withFinancing ? [...row, ...financingCells(strategy)] : row);
    }
  }
  return rows;
}

/** `miningRevenueUsd` → `mining_revenue_usd` */
function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * One decimal ledger as CSV rows: a header (`month`, `end_date`, then each ledger column in
 * snake case, e.g. `mining_revenue_usd`), a row per month with the ledger's own 2-decimal
 * amounts written unchanged (never through float64), and a final `TOTAL` row of its totals.
 */
export function ledgerRows(ledger: Ledger): CsvCell[][] {
  const financing = ledger.financing;
  const extra = financing ? FINANCING_COLUMNS : [];
  return [
    ['month', 'end_date', ...LEDGER_COLUMNS.map(snakeCase), ...extra.map(snakeCase)],
    ...ledger.rows.map((row, m) => [
      row.month,
      row.endIsoDate,
      ...LEDGER_COLUMNS.map((column) => decimalCell(row.amounts[column])),
      ...extra.map((column) => decimalCell(textOfCents(financing!.rows[m]![column]))),
    ]),
    [
      'TOTAL',
      null,
      ...LEDGER_COLUMNS.map((column) => decimalCell(ledger.totals[column])),
      ...extra.map((column) => decimalCell(textOfCents(financing!.totals[column]))),
    ],
  ];
}
