import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { formatResults } from './harness';

/**
 * `npm run bench`: medians of repeated runs (never a timed test), section by section. Prints
 * Markdown to paste into docs/benchmarks.md, headed with the date and the machine.
 *
 * Each section runs in a process of its own (`--section N`), as the app runs the engine, the
 * Monte Carlo and the exports on threads of their own: in one process, the decimal ledgers made
 * the float engine's generic code polymorphic and left their heap, and the sections after them
 * read 1.6–2.4 times slower (docs/benchmarks.md, 2026-12-05 afternoon).
 */
// Each section's module is imported by its own process only (exceljs, playwright and decimal.js
// left on another section's heap made the Monte Carlo's garbage collection slower).
const sections: [string, () => Promise<Parameters<typeof formatResults>[1]>][] = [
  [
    'Engine (Node; float64 and decimal.js)',
    async () => (await import('./engine')).runEngineBench(),
  ],
  [
    'Financing and tax (Node, every preset)',
    async () => (await import('./financing')).runFinancingBench(),
  ],
  ['Exports (Node)', async () => (await import('./files')).runFilesBench()],
  ['Monte Carlo (Node)', async () => (await import('./montecarlo')).runMonteCarloBench()],
  ['App (built, headless Chromium on loopback)', async () => (await import('./app')).runAppBench()],
  [
    'Exports in the app (headless Chromium)',
    async () => (await import('./exportsBrowser')).runExportsBrowserBench(),
  ],
  [
    'Monte Carlo in the app (Web Worker, headless Chromium)',
    async () => (await import('./montecarloWorker')).runMonteCarloWorkerBench(),
  ],
];
const sectionFlag = process.argv.indexOf('--section');
if (sectionFlag >= 0) {
  const [title, run] = sections[Number(process.argv[sectionFlag + 1])]!;
  process.stdout.write(`${formatResults(title, await run())}\n`);
} else {
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  process.stdout.write(`## ${new Date().toISOString().slice(0, 10)} — ${machine}\n\n`);
  const script = fileURLToPath(import.meta.url);
  sections.forEach((_, index) => {
    // The same Node and loader (tsx) as this process, one section each.
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, script, '--section', String(index)],
      {
        stdio: 'inherit',
      },
    );
    if (child.status !== 0) process.exitCode = child.status ?? 1;
  });
}
