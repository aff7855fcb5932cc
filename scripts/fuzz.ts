/**
 * Long fuzz runs (issue 11): `npm run fuzz -- [seed] [count]`. Prints a summary and each failing
 * scenario (index, violations, the scenario JSON) and exits 1 on any failure.
 */
import { runFuzz } from '../test/support/fuzz';

const seed = Number(process.argv[2] ?? 1);
const count = Number(process.argv[3] ?? 20_000);
if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(count) || count < 1) {
  console.error('usage: npm run fuzz -- <seed (integer)> <count (≥ 1)>');
  process.exit(2);
}
const started = performance.now();
const failures = runFuzz(seed, count);
const seconds = (performance.now() - started) / 1000;
for (const failure of failures.slice(0, 20)) {
  console.log(`#${failure.index}: ${failure.problems.join('; ')}`);
  console.log(JSON.stringify(failure.input));
}
console.log(
  `fuzz seed ${seed}: ${count} scenarios, ${failures.length} failing, ${seconds.toFixed(1)} s (${((seconds * 1000) / count).toFixed(2)} ms each)`,
);
process.exit(failures.length > 0 ? 1 : 0);
