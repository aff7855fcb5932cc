import solid from 'vite-plugin-solid';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Three projects: `node` (engine, schema, io, cli), `dom` (state and UI under jsdom, with Solid's
 * browser build) and `e2e` (the built app in Debian's Chromium, built and served once).
 */
export default defineConfig({
  test: {
    // The summary reporter must stay last: CI reads its closing `N passed, N failed` line.
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Vitest's default is one worker less than the cores: one worker on the 2-core machines the
    // suite is budgeted for. Two keep both cores busy (the e2e files run one at a time, after the
    // node and dom files), docs/benchmarks.md "Test suite".
    maxWorkers: 2,
    // The node and dom files run without module isolation (`isolate: false`): a worker imports the
    // engine, schema and Solid once, not once per file. The code under test keeps no state a test
    // can see (its caches are pure memos); both projects pass in shuffled order
    // (`--sequence.shuffle`). Node 267 → 201 CPU-s, dom 125 → 66 (docs/benchmarks.md).
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/ui/**', 'test/state/**', 'test/e2e/**'],
          environment: 'node',
          setupFiles: ['test/support/fastCheckSeed.ts'],
          isolate: false,
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        plugins: [solid()],
        test: {
          name: 'dom',
          include: ['test/ui/**/*.test.ts', 'test/state/**/*.test.ts'],
          environment: 'jsdom',
          setupFiles: ['test/support/domSetup.ts'],
          isolate: false,
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/support/global-setup.ts'],
          // Real browser work: generous limits, one file at a time, after the node and dom files
          // (Vitest's group for files without parallelism). Run beside them the suite took longer
          // (472 s against 446 s, docs/benchmarks.md "Test suite"): Chromium uses both cores.
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
