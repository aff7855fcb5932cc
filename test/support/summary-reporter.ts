import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one plain closing line, `N passed, N failed`, after vitest's own summary, because CI
 * reads that line and not vitest's formatted one. Skipped tests are reported too, never hidden.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const testModule of testModules) {
      // A module that failed to load counts as one failure: its tests never ran.
      if (testModule.state() === 'failed' && testModule.errors().length > 0) failed += 1;
      for (const testCase of testModule.children.allTests()) {
        const state = testCase.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
    }
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    // Written after vitest's own summary so it is the last line of the output.
    process.stdout.write(`\n${passed} passed, ${failed} failed${tail}\n`);
  }
}
