/**
 * The stress tests as a table (docs/files.md): one row per stress test and strategy, led by the
 * base rows, so a filter or pivot on `stress_test` reads it. USD, the engine's float64 values.
 */
import type { Evaluation, StressTable } from '../engine/index';
import { type CsvCell, toCsv } from './csv';

export const STRESS_BASE_NAME = 'Base (no stress)';

export const STRESS_TABLE_HEADER = [
  'stress_test',
  'shocks',
  'price_case',
  'strategy_id',
  'strategy',
  'npv_usd',
  'change_vs_base_usd',
  'versus_keep_mining_usd',
] as const;

export function stressTableRows(table: StressTable): CsvCell[][] {
  const rows: CsvCell[][] = [[...STRESS_TABLE_HEADER]];
  const keepMining = table.base[0]?.npvUsd ?? 0;
  table.base.forEach((strategy, s) => {
    rows.push([
      STRESS_BASE_NAME,
      'no shock',
      table.priceCaseName,
      strategy.strategyId,
      strategy.label,
      strategy.npvUsd,
      0,
      s === 0 ? null : strategy.npvUsd - keepMining,
    ]);
  });
  for (const row of table.rows) {
    for (const strategy of row.strategies) {
      rows.push([
        row.test.name,
        row.description,
        table.priceCaseName,
        strategy.strategyId,
        strategy.label,
        strategy.npvUsd,
        strategy.changeUsd,
        strategy.versusKeepMiningUsd,
      ]);
    }
  }
  return rows;
}

/** The stress table of an evaluation as CSV (callers saving a file prepend `UTF8_BOM`). */
export function stressCsv(evaluation: Evaluation): string {
  return toCsv(stressTableRows(evaluation.stressTests));
}
