import { cpus, totalmem } from 'node:os';
import { runAppBench } from './app';
import { runEngineBench } from './engine';
import { runExportsBrowserBench } from './exportsBrowser';
import { runFilesBench } from './files';
import { runFinancingBench } from './financing';
import { formatResults } from './harness';
import { runMonteCarloBench } from './montecarlo';
import { runMonteCarloWorkerBench } from './montecarloWorker';

/**
 * `npm run bench`: medians of repeated runs (never a timed test), section by section. Prints
 * Markdown to paste into docs/benchmarks.md, headed with the date and the machine.
 */
const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
process.stdout.write(`## ${new Date().toISOString().slice(0, 10)} — ${machine}\n\n`);
const sections: [string, () => Promise<Parameters<typeof formatResults>[1]>][] = [
  ['Engine (Node; float64 and decimal.js)', runEngineBench],
  ['Financing and tax (Node, every preset)', runFinancingBench],
  ['Exports (Node)', runFilesBench],
  ['Monte Carlo (Node)', runMonteCarloBench],
  ['App (built, headless Chromium on loopback)', runAppBench],
  ['Exports in the app (headless Chromium)', runExportsBrowserBench],
  ['Monte Carlo in the app (Web Worker, headless Chromium)', runMonteCarloWorkerBench],
];
for (const [title, run] of sections) {
  process.stdout.write(`${formatResults(title, await run())}\n`);
}
