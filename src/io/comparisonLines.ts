/**
 * The lines of a scenario comparison (docs/files.md §5b) and its CSV: light enough for the page
 * (no exceljs, no workbook writer); the XLSX in `scenarioComparison.ts` links its cells.
 */
import type { BreakevenResult, Evaluation, StrategyId } from '../engine/index';
import { type CsvCell, toCsv } from './csv';
import { type InputRow, scenarioInputRows } from './inputsTable';
import { inputValueAddress, SUMMARY_COLUMNS, SUMMARY_FIRST_ROW } from './workbookLayout';

export const STRATEGY_NAMES: Readonly<Record<StrategyId, string>> = {
  'keep-mining': 'Keep mining',
  'convert-now': 'Convert now',
  partial: 'Partial conversion',
  'convert-at-month': 'Mine, then convert at the chosen month',
  'convert-at-best-month': 'Mine, then convert at the best month',
};

const BREAKEVENS = [
  ['flatBtcPriceUsd', 'Breakeven BTC price, flat (USD)'],
  ['leaseRateUsdPerKwMonth', 'Breakeven lease rate (USD per kW-month)'],
  ['powerPriceUsdPerMwh', 'Breakeven power price (USD/MWh; index contracts: the adder)'],
  ['capexUsdPerItMw', 'Breakeven capex (USD per IT MW)'],
] as const;

/** One line of the comparison: a value per scenario (null where it does not apply). */
export interface ComparisonLine {
  readonly section: 'input' | 'npv_usd' | 'incremental_npv_usd' | 'breakeven';
  readonly item: string;
  readonly priceCase: string;
  readonly values: readonly (number | string | boolean | null)[];
  /** Per scenario, where the value lives in its own sheets (for live links), or null. */
  readonly sources: readonly ({ readonly sheet: string; readonly cell: string } | null)[];
}

function breakevenValue(result: BreakevenResult): number | string {
  return result.kind === 'value' ? result.value : result.kind;
}

/**
 * The comparison, scenario by scenario in the given order: inputs that differ (by field path),
 * then NPV and incremental NPV for every price case × strategy found in any scenario, then the
 * reference case's breakevens (when computed).
 */
export function comparisonLines(evaluations: readonly Evaluation[]): ComparisonLine[] {
  const lines: ComparisonLine[] = [];
  const inputRows = evaluations.map((e) => scenarioInputRows(e.scenario));
  const paths: string[] = [];
  const seen = new Set<string>();
  for (const rows of inputRows) {
    for (const row of rows) {
      if (!seen.has(row.path)) {
        seen.add(row.path);
        paths.push(row.path);
      }
    }
  }
  for (const path of paths) {
    const found = inputRows.map((rows) => {
      const index = rows.findIndex((row) => row.path === path);
      return index < 0 ? null : { row: rows[index] as InputRow, index };
    });
    const values = found.map((f) => (f ? f.row.value : null));
    if (values.every((value) => value === values[0]) && found.every((f) => f !== null)) continue;
    lines.push({
      section: 'input',
      item: path,
      priceCase: '',
      values,
      sources: found.map((f) => (f ? { sheet: 'Inputs', cell: inputValueAddress(f.index) } : null)),
    });
  }
  const keys: { caseName: string; strategyId: StrategyId }[] = [];
  const keySeen = new Set<string>();
  for (const evaluation of evaluations) {
    for (const result of evaluation.cases) {
      for (const strategy of result.strategies) {
        const key = `${result.priceCase.name}\u0000${strategy.strategyId}`;
        if (!keySeen.has(key)) {
          keySeen.add(key);
          keys.push({ caseName: result.priceCase.name, strategyId: strategy.strategyId });
        }
      }
    }
  }
  const summaryRow = (evaluation: Evaluation, caseName: string, strategyId: StrategyId) => {
    let index = 0;
    for (const result of evaluation.cases) {
      for (const strategy of result.strategies) {
        if (result.priceCase.name === caseName && strategy.strategyId === strategyId) {
          return { row: SUMMARY_FIRST_ROW + index, strategy };
        }
        index += 1;
      }
    }
    return null;
  };
  for (const section of ['npv_usd', 'incremental_npv_usd'] as const) {
    for (const { caseName, strategyId } of keys) {
      if (section === 'incremental_npv_usd' && strategyId === 'keep-mining') continue;
      const found = evaluations.map((e) => summaryRow(e, caseName, strategyId));
      lines.push({
        section,
        item: STRATEGY_NAMES[strategyId],
        priceCase: caseName,
        values: found.map((f) => {
          if (!f) return null;
          return section === 'npv_usd'
            ? f.strategy.npvUsd
            : (f.strategy.incremental?.npvUsd ?? null);
        }),
        sources: found.map((f) =>
          f
            ? {
                sheet: 'Summary',
                cell: `$${SUMMARY_COLUMNS.letter[section === 'npv_usd' ? 'npv' : 'incrementalNpv']}$${f.row}`,
              }
            : null,
        ),
      });
    }
  }
  if (evaluations.some((e) => e.breakevens.computed)) {
    for (const [key, label] of BREAKEVENS) {
      lines.push({
        section: 'breakeven',
        item: label,
        priceCase: evaluations
          .map((e) => (e.breakevens.computed ? e.breakevens.caseName : ''))
          .join(' / '),
        values: evaluations.map((e) =>
          e.breakevens.computed ? breakevenValue(e.breakevens[key]) : null,
        ),
        sources: evaluations.map(() => null),
      });
    }
  }
  return lines;
}

/** The comparison as CSV: `section,item,price_case`, then one column per scenario. */
export function scenarioComparisonCsv(evaluations: readonly Evaluation[]): string {
  const rows: CsvCell[][] = [
    ['section', 'item', 'price_case', ...evaluations.map((e) => e.scenario.name)],
  ];
  for (const line of comparisonLines(evaluations)) {
    rows.push([
      line.section,
      line.item,
      line.priceCase,
      ...line.values.map((value): CsvCell => {
        if (typeof value === 'number' && line.section !== 'input') return Number(value.toFixed(2));
        if (typeof value === 'boolean') return String(value);
        return value;
      }),
    ]);
  }
  return toCsv(rows);
}
