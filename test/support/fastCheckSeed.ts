import fc from 'fast-check';

/**
 * Property tests run on a fixed seed so `npm test` is reproducible: a red CI names a scenario,
 * not luck. `FC_SEED=<n> npx vitest run --project node test/property` explores other seeds; a
 * counterexample found that way becomes a regression test named after the bug.
 */
const seed = process.env.FC_SEED === undefined ? 20261204 : Number(process.env.FC_SEED);
fc.configureGlobal({ seed });
