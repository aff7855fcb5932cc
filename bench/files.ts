import { readFileSync } from 'node:fs';
import { evaluate } from '../src/engine/index';
import { allLedgersCsv, comparisonCsv, ledgerCsv, ledgersOf } from '../src/io/csvExports';
import { parseScenarioFileText, scenarioFileText } from '../src/io/scenarioFile';
import { decodeShareFragment, encodeShareFragment } from '../src/io/shareLink';
import { buildWorkbook } from '../src/io/xlsx';
import { type BenchResult, measure } from './harness';

/**
 * Exports of the benchmark scenario (Texas preset: 240 months, 3 price cases, the four
 * strategies plus the searched conversion month: 15 ledgers). The evaluation and its decimal
 * ledgers are built once, as the app holds them when the user clicks Export.
 */
export async function runFilesBench(): Promise<BenchResult[]> {
  const text = readFileSync(
    new URL('../scenarios/texas-300mw-hut8-style-lease.json', import.meta.url),
    'utf8',
  );
  const evaluation = evaluate(JSON.parse(text), { breakevens: false, sensitivity: false });
  const ledgers = ledgersOf(evaluation);
  const scenario = evaluation.scenario;
  const fileText = scenarioFileText(scenario);
  const fragment = encodeShareFragment(scenario);

  // The first workbook also loads exceljs (the lazy import): timed on its own, once.
  const coldStart = performance.now();
  await buildWorkbook(evaluation, ledgers);
  const coldMs = performance.now() - coldStart;

  return [
    await measure(
      'CSV: all 15 ledgers in one file + comparison table',
      () => [allLedgersCsv(ledgers), comparisonCsv(evaluation)],
      { budgetMs: 100, runs: 30 },
    ),
    await measure('CSV: 15 ledger files, one per strategy × case', () => ledgers.map(ledgerCsv), {
      budgetMs: 100,
      runs: 30,
    }),
    await measure(
      'XLSX: the whole workbook (15 ledger sheets + summary)',
      () => buildWorkbook(evaluation, ledgers),
      { budgetMs: 1500, runs: 10, warmup: 2 },
    ),
    { name: 'XLSX: first workbook, including loading exceljs', medianMs: coldMs, runs: 1 },
    await measure(
      'JSON: export + import of the scenario file',
      () => parseScenarioFileText(scenarioFileText(scenario), fileText.length),
      { runs: 50 },
    ),
    await measure(
      `share link: encode + decode (${fragment.length} characters)`,
      () => decodeShareFragment(encodeShareFragment(scenario)),
      { runs: 50 },
    ),
  ];
}
