/**
 * The CSV exports as file text (docs/files.md): one ledger, every ledger in one long table, and
 * the comparison table. RFC 4180 via `toCsv`; callers saving a file prepend `UTF8_BOM`.
 */
import { buildLedgers, decisionRows, type Evaluation, type Ledger } from '../engine/index';
import { comparisonTableRows, ledgerRows } from './comparisonTable';
import { type CsvCell, toCsv } from './csv';
import { fileNameSlug } from './fileNames';

export { fileNameSlug } from './fileNames';

/**
 * The decimal ledgers of record of an evaluation: every strategy (the searched best month
 * placed per price case) under every price case, in the engine's order.
 */
export function ledgersOf(evaluation: Evaluation): Ledger[] {
  return buildLedgers(
    evaluation.scenario,
    evaluation.cases.map((result) => result.bestConversionMonth),
  );
}

/**
 * One ledger as CSV: `month`, `end_date`, each line item, net and present value in USD (header
 * names end in `_usd`), one row per month with the ledger's own 2-decimal amounts, and a `TOTAL`
 * row. Which strategy and case it is belongs in the file name ({@link ledgerCsvFileName}).
 */
export function ledgerCsv(ledger: Ledger): string {
  return toCsv(ledgerRows(ledger));
}

/**
 * Every ledger in one long table, ready for a pivot table: `price_case`, `strategy_id` and
 * `strategy` before the columns of {@link ledgerCsv}, ledgers one after another in the engine's
 * order. No `TOTAL` rows, so every row is a month; sum by case and strategy for the totals.
 */
export function allLedgersCsv(ledgers: readonly Ledger[]): string {
  const rows: CsvCell[][] = [];
  ledgers.forEach((ledger, index) => {
    const [header, ...body] = ledgerRows(ledger);
    if (index === 0) rows.push(['price_case', 'strategy_id', 'strategy', ...header!]);
    for (const row of body.slice(0, -1)) {
      rows.push([ledger.caseName, ledger.strategyId, ledger.strategyLabel, ...row]);
    }
  });
  return toCsv(rows);
}

/** Header of the decision summary: one row per statement of the engine's decision. */
export const DECISION_CSV_HEADER = ['section', 'item', 'value', 'text'] as const;

/**
 * The decision summary as CSV (docs/files.md): the recommendation, each breakeven with the side
 * that wins above it, the drivers and the warnings, in the engine's words — the rows of the
 * workbook's Decision sheet and of the command line's `--format text`.
 */
export function decisionCsv(evaluation: Evaluation): string {
  return toCsv([
    [...DECISION_CSV_HEADER],
    ...decisionRows(evaluation.decision).map((row): CsvCell[] => [...row]),
  ]);
}

/** The comparison table (strategies × price cases, incremental columns) as CSV. */
export function comparisonCsv(evaluation: Evaluation): string {
  return toCsv(comparisonTableRows(evaluation));
}

/** `<scenario>--<case>--<strategy>.csv`, e.g. `texas-300-mw--base--convert-now.csv`. */
export function ledgerCsvFileName(scenarioName: string, ledger: Ledger): string {
  return `${fileNameSlug(scenarioName)}--${fileNameSlug(ledger.caseName)}--${ledger.strategyId}.csv`;
}
