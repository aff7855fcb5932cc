import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
/**
 * The Node sections run the engine as the app's build compiles it (Vite, as `npm run build`),
 * not as tsx runs this script: tsx keeps every function's name by wrapping each function it
 * creates in a `__name` call, which the shipped bundle never makes (the levered edit read 8%
 * slower through tsx; docs/benchmarks.md, 2026-12-06). Built once into `.bench-build/` (one level
 * below the repository, as `bench/`, so the sections find `../scenarios/` as before).
 */
const NODE_SECTIONS = {
  engine: 'bench/engine.ts',
  financing: 'bench/financing.ts',
  files: 'bench/files.ts',
  montecarlo: 'bench/montecarlo.ts',
} as const;
const REPOSITORY = fileURLToPath(new URL('../', import.meta.url));
const BUILT = fileURLToPath(new URL('../.bench-build/', import.meta.url));

async function buildNodeSections(): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: REPOSITORY,
    logLevel: 'warn',
    build: {
      ssr: true,
      outDir: BUILT,
      emptyOutDir: true,
      minify: false,
      copyPublicDir: false,
      target: 'node20',
      rolldownOptions: {
        input: NODE_SECTIONS,
        output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
      },
    },
  });
}

/** A Node section's module as built (`buildNodeSections`, by the process that started this one). */
async function built<T>(name: keyof typeof NODE_SECTIONS): Promise<T> {
  return (await import(pathToFileURL(`${BUILT}${name}.mjs`).href)) as T;
}

/** Runs section `index` in a process of its own, on the built sections. */
function runSection(script: string, index: number): void {
  // The same Node and loader (tsx) as this process.
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, script, '--section', String(index)],
    { stdio: 'inherit', env: { ...process.env, BENCH_BUILT: '1' } },
  );
  if (child.status !== 0) process.exitCode = child.status ?? 1;
}

// Each section's module is imported by its own process only (exceljs, playwright and decimal.js
// left on another section's heap made the Monte Carlo's garbage collection slower).
const sections: [string, () => Promise<Parameters<typeof formatResults>[1]>][] = [
  [
    'Engine (Node; float64 and decimal.js)',
    async () => (await built<typeof import('./engine')>('engine')).runEngineBench(),
  ],
  [
    'Financing and tax (Node, every preset)',
    async () => (await built<typeof import('./financing')>('financing')).runFinancingBench(),
  ],
  ['Exports (Node)', async () => (await built<typeof import('./files')>('files')).runFilesBench()],
  [
    'Monte Carlo (Node)',
    async () => (await built<typeof import('./montecarlo')>('montecarlo')).runMonteCarloBench(),
  ],
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
const script = fileURLToPath(import.meta.url);
if (sectionFlag >= 0) {
  const index = Number(process.argv[sectionFlag + 1]);
  if (process.env.BENCH_BUILT === '1') {
    const [title, run] = sections[index]!;
    process.stdout.write(`${formatResults(title, await run())}\n`);
  } else {
    // A section run alone: built here, measured in a process of its own (Vite's build left its
    // heap here, and the Monte Carlo read some 15% slower beside it).
    await buildNodeSections();
    runSection(script, index);
  }
} else {
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  process.stdout.write(`## ${new Date().toISOString().slice(0, 10)} — ${machine}\n\n`);
  await buildNodeSections();
  for (const index of sections.keys()) runSection(script, index);
}
