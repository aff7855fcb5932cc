import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate } from '../src/engine/index';
import { allLedgersCsv, comparisonCsv, ledgerCsv, ledgersOf } from '../src/io/csvExports';
import { buildComparisonWorkbook } from '../src/io/scenarioComparison';
import { parseScenarioFileText, scenarioFileText } from '../src/io/scenarioFile';
import { decodeShareFragment, encodeShareFragment } from '../src/io/shareLink';
import { buildWorkbook } from '../src/io/xlsx';
import { convertToCsv } from '../test/support/libreoffice';
import { type BenchResult, measure, median } from './harness';

/** The median process CPU time (user + system) of `task`, in ms: a load-independent figure. */
async function cpuMeasure(name: string, task: () => Promise<unknown>): Promise<BenchResult> {
  const times: number[] = [];
  await task();
  for (let i = 0; i < 5; i += 1) {
    const start = process.cpuUsage();
    await task();
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  return { name, medianMs: median(times), runs: times.length };
}

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

  // LibreOffice headless, as the recalculation tests run it: start, load, recalculate every
  // formula (OOXMLRecalcMode = always), write each sheet as CSV. One soffice start measured alone.
  const dir = await mkdtemp(join(tmpdir(), 'mine-or-lease-bench-'));
  const workbookPath = join(dir, 'texas.xlsx');
  await writeFile(workbookPath, await buildWorkbook(evaluation, ledgers));
  const tinyPath = join(dir, 'tiny.xlsx');
  const parsed = JSON.parse(text);
  const tinyEvaluation = evaluate(
    {
      ...parsed,
      horizonMonths: 12,
      // The reference case alone (the file's first case need not be it).
      priceCases: parsed.priceCases.filter(
        (priceCase: { name: string }) => priceCase.name === parsed.referenceCase,
      ),
      strategies: { convertAtMonth: 6 },
    },
    { breakevens: false, sensitivity: false },
  );
  const tiny = await buildWorkbook(tinyEvaluation, ledgersOf(tinyEvaluation));
  await writeFile(tinyPath, tiny);
  let run = 0;
  const recalculate = (path: string) => () => {
    run += 1;
    return convertToCsv(path, join(dir, `run-${run}`));
  };
  // The machine is shared: CPU time (user + system) of the soffice runs, from the children's
  // totals in /proc (Linux), says what recalculation costs whatever the load.
  const childCpuMs = () => {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  };
  const cpuBefore = childCpuMs();
  await recalculate(workbookPath)();
  const sofficeCpuMs = childCpuMs() - cpuBefore;
  const libreOffice = [
    {
      name: 'LibreOffice: CPU time (user + system) of one recalculation of the whole live workbook',
      medianMs: sofficeCpuMs,
      runs: 1,
    },
    await measure(
      'LibreOffice: soffice start + a 12-month workbook, recalculated',
      recalculate(tinyPath),
      {
        runs: 3,
        warmup: 1,
      },
    ),
    await measure(
      'LibreOffice: recalculation of the whole live workbook (240 months, 5 strategies × 3 cases), start to CSV',
      recalculate(workbookPath),
      { budgetMs: 30_000, runs: 3, warmup: 1 },
    ),
  ];
  await rm(dir, { recursive: true, force: true });
  const others = ['feb-2026-market-snapshot.json', 'hydro-20mw-older-fleet-retrofit.json'].map(
    (name) =>
      evaluate(JSON.parse(readFileSync(new URL(`../scenarios/${name}`, import.meta.url), 'utf8')), {
        breakevens: false,
        sensitivity: false,
      }),
  );
  const compared = [evaluation, ...others];
  const comparedLedgers = compared.map(ledgersOf);

  return [
    ...libreOffice,
    await measure(
      "XLSX: comparison of the 3 presets (Compare sheet + each scenario's live workbook)",
      () => buildComparisonWorkbook(compared, comparedLedgers),
      { runs: 3, warmup: 1 },
    ),
    await measure(
      'CSV: all 15 ledgers in one file + comparison table',
      () => [allLedgersCsv(ledgers), comparisonCsv(evaluation)],
      { budgetMs: 100, runs: 30 },
    ),
    await measure('CSV: 15 ledger files, one per strategy × case', () => ledgers.map(ledgerCsv), {
      budgetMs: 100,
      runs: 30,
    }),
    await cpuMeasure('XLSX: CPU time of the whole live workbook', () =>
      buildWorkbook(evaluation, ledgers),
    ),
    await measure(
      'XLSX: the whole live workbook (15 ledger sheets, model sheets, summary)',
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
