import { cpus, totalmem } from 'node:os';
import { runEngineBench } from './engine';
import { formatResults } from './harness';

/**
 * `npm run bench`: medians of repeated runs (never a timed test). Prints Markdown to paste into
 * docs/benchmarks.md, headed with the date and the machine.
 */
const header = [
  `## ${new Date().toISOString().slice(0, 10)} — ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  '',
].join('\n');
process.stdout.write(`${header}\n`);
process.stdout.write(
  formatResults('Engine (Node, float64 and decimal.js)', await runEngineBench()),
);
