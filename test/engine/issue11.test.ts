import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/index';
import { unitEconomics } from '../../src/engine/unitEconomics';
import { parseScenario } from '../../src/schema/validate';
import { scenarioArbitrary } from '../support/arbitraries';
import { nonFinitePaths } from '../support/nonFinite';

const sample = fc.sample(scenarioArbitrary, { seed: 11, numRuns: 1 })[0]!;

describe('zero hashprice (issue 11.4)', () => {
  it('a far-future start with no fees (hashprice 0 every month) evaluates to finite numbers', () => {
    const scenario = {
      ...sample,
      network: { ...sample.network, startBlockHeight: 7_000_000, feesBtcPerBlock: 0 },
      mining: { ...sample.mining, resaleTracksHashprice: true },
    };
    const evaluation = evaluate(scenario);
    expect(evaluation.cases[0]!.series.hashpriceUsdPerThDay[0]).toBe(0);
    expect(nonFinitePaths(evaluation)).toEqual([]);
  });

  it('resale value with HP(0) = 0 is not scaled (nothing to scale against), not 0 × ∞', () => {
    const scenario = {
      ...sample,
      network: { ...sample.network, startBlockHeight: 7_000_000, feesBtcPerBlock: 0 },
      mining: { ...sample.mining, resaleTracksHashprice: true },
    };
    const tracked = evaluate(scenario, { breakevens: false, sensitivity: false });
    const untracked = evaluate(
      { ...scenario, mining: { ...scenario.mining, resaleTracksHashprice: false } },
      { breakevens: false, sensitivity: false },
    );
    expect(tracked.cases[0]!.strategies).toEqual(untracked.cases[0]!.strategies);
  });
});

describe('unit economics without revenue (issue 11.5)', () => {
  it('gives typed "no revenue" values instead of ±Infinity/NaN, and JSON keeps them', () => {
    const parsed = parseScenario(sample);
    if (!parsed.ok) throw new Error('sample must be valid');
    const rows = unitEconomics(parsed.scenario, 0, 0, 50);
    expect(nonFinitePaths(rows)).toEqual([]);
    expect(rows[0]!.powerCostShareOfRevenue).toEqual({ kind: 'none', reason: 'no revenue' });
    expect(rows[0]!.shutdownBtcPriceUsd).toEqual({ kind: 'none', reason: 'no hashprice' });
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
  });
});

describe('empty fleet (issue 11.4)', () => {
  it('a fleet of zero machines evaluates to finite numbers, tornado included', () => {
    const evaluation = evaluate({
      ...sample,
      fleet: sample.fleet.map((m) => ({ ...m, units: 0 })),
    });
    expect(evaluation.sensitivity.length).toBeGreaterThan(0);
    expect(nonFinitePaths(evaluation)).toEqual([]);
  });
});

describe('convertAtMonth default on short horizons (issue 11.10)', () => {
  it('a 12-month scenario without a strategies section is valid, converting at month 11', () => {
    const { strategies: _omitted, ...rest } = sample;
    const parsed = parseScenario({ ...rest, horizonMonths: 12 });
    expect(parsed.ok && parsed.scenario.strategies.convertAtMonth).toBe(11);
    // Long horizons keep the documented default; a value the user wrote is still checked.
    const long = parseScenario({ ...rest, horizonMonths: 60 });
    expect(long.ok && long.scenario.strategies.convertAtMonth).toBe(24);
    const written = parseScenario({
      ...rest,
      horizonMonths: 12,
      strategies: { convertAtMonth: 24 },
    });
    expect(written.ok).toBe(false);
  });
});
