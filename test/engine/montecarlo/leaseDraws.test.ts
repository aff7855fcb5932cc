import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEASE_DEALS } from '../../../src/data/lease-deals';
import { prepareContext } from '../../../src/engine/montecarlo/context';
import { accumulatePaths } from '../../../src/engine/montecarlo/evaluatePaths';
import {
  type MonteCarloResult,
  mergeChunks,
  prepareMonteCarlo,
  runChunk,
  runMonteCarlo,
} from '../../../src/engine/montecarlo/index';
import {
  standardNormalCdf,
  triangularMean,
  triangularQuantile,
} from '../../../src/engine/montecarlo/leaseDraws';
import { summarise, wilsonInterval } from '../../../src/engine/montecarlo/results';
import { createTally } from '../../../src/engine/montecarlo/tally';
import { leaseRiskSchema, type ScenarioInput } from '../../../src/schema/scenario';
import { assertScenario } from '../../../src/schema/validate';
import { scenarioArbitrary } from '../../support/arbitraries';
import { loadScenarioFile } from '../../support/fixtures';
import { NO_LEASE_RISK } from '../../support/leaseRisk';

const PRESETS = [
  'texas-300mw-hut8-style-lease.json',
  'hydro-20mw-older-fleet-retrofit.json',
  'feb-2026-market-snapshot.json',
];

function withMonteCarlo(input: ScenarioInput, monteCarlo: ScenarioInput['monteCarlo']) {
  return { ...input, monteCarlo: { ...input.monteCarlo, ...monteCarlo } };
}

function withLeaseRisk(input: ScenarioInput, leaseRisk: Record<string, unknown>): ScenarioInput {
  return withMonteCarlo(input, { leaseRisk: { ...input.monteCarlo?.leaseRisk, ...leaseRisk } });
}

/** The run without the lease-side module: what the Monte Carlo computed before it. */
function runWithoutLeaseSide(input: ScenarioInput, paths: number, seed: number): MonteCarloResult {
  const scenario = assertScenario(input);
  const context = prepareContext(scenario, seed, { leaseSide: false });
  const tally = createTally(context.layout);
  accumulatePaths(context, tally, 0, paths);
  return summarise(context, tally, { paths, seed, chunkSize: 1000 });
}

describe('the distributions of the lease-side draws', () => {
  it('triangular quantiles and mean: the docs example (0, 3, 12) has median 4.65 and mean 5', () => {
    expect(triangularQuantile(0, 3, 12, 0.5)).toBeCloseTo(12 - Math.sqrt(0.5 * 12 * 9), 12);
    expect(triangularQuantile(0, 3, 12, 0)).toBe(0);
    expect(triangularQuantile(0, 3, 12, 0.25)).toBeCloseTo(3, 12);
    expect(triangularMean(0, 3, 12)).toBe(5);
    expect(triangularQuantile(0, 0, 0, 0.7)).toBe(0);
    // The average of the quantiles over a fine grid is the mean.
    const n = 100_000;
    let sum = 0;
    for (let i = 0; i < n; i += 1) sum += triangularQuantile(-10, 5, 40, (i + 0.5) / n);
    expect(sum / n).toBeCloseTo(triangularMean(-10, 5, 40), 4);
  });

  it('Φ: 0.5 at 0, 0.975 at 1.96, symmetric, to 1e-15', () => {
    expect(standardNormalCdf(0)).toBe(0.5);
    expect(Math.abs(standardNormalCdf(1.959963984540054) - 0.975)).toBeLessThan(1e-15);
    expect(Math.abs(standardNormalCdf(-1.6448536269514722) - 0.05)).toBeLessThan(1e-15);
    for (const x of [0.3, 1, 2.5, 4, 7.5]) {
      expect(Math.abs(standardNormalCdf(x) + standardNormalCdf(-x) - 1)).toBeLessThan(1e-15);
    }
  });
});

describe('two-sided risk on the shipped presets', () => {
  it.each(PRESETS)(
    '%s: every converting strategy has a real spread and P(convert wins) < 1 is weighable',
    (name) => {
      const input = loadScenarioFile(name);
      expect(prepareMonteCarlo(input, { paths: 2000, seed: 42 }).context.leaseDraws.active).toBe(
        true,
      );
      const result = runMonteCarlo(input, { paths: 2000, seed: 42 });
      for (const strategy of result.strategies) {
        if (strategy.convertUtilityMw === 0) continue;
        expect(strategy.npv.p5Usd, strategy.label).toBeLessThan(strategy.npv.p95Usd);
        expect(strategy.npv.cvar5Usd).toBeLessThan(strategy.npv.p5Usd);
        const versus = strategy.versusKeepMining!;
        expect(versus.probabilityBeatsMining).toBeGreaterThan(0);
        expect(versus.probabilityBeatsMining).toBeLessThanOrEqual(1);
        expect(versus.probabilityInterval95[0]).toBeLessThan(1);
        expect(versus.probabilityInterval95[1]).toBeGreaterThan(versus.probabilityInterval95[0]);
        // The cash fan of a converting strategy stays spread after its fleet is gone.
        const fan = result.fanCharts.cumulativeCashUsd.find(
          (f) => f.strategyId === strategy.strategyId,
        )!;
        const last = fan.bands[0]!.length - 1;
        expect(fan.bands[0]![last]).toBeLessThan(fan.bands[4]![last]!);
      }
    },
  );
});

describe('properties of the lease side', () => {
  it('with every lease-side risk at zero the results are exactly those without the lease side', () => {
    fc.assert(
      fc.property(scenarioArbitrary, fc.double({ min: -1, max: 1, noNaN: true }), (input, rho) => {
        const zero = withLeaseRisk(input, {
          ...NO_LEASE_RISK,
          cycleCorrelation: rho,
          relettingDowntimeMonths: 6,
        });
        const withZeroRisk = runMonteCarlo(zero, { paths: 40, seed: 11, chunkSize: 1000 });
        expect(withZeroRisk).toEqual(runWithoutLeaseSide(zero, 40, 11));
        // and the price side is untouched by the lease draws when they are on
        const on = runMonteCarlo(withLeaseRisk(input, {}), { paths: 40, seed: 11 });
        expect(on.fanCharts.hashpriceUsdPerThDay).toEqual(
          withZeroRisk.fanCharts.hashpriceUsdPerThDay,
        );
      }),
      { numRuns: 15, seed: 5 },
    );
  });

  it("a larger default probability never raises convert-now's mean NPV", () => {
    const texas = loadScenarioFile('texas-300mw-hut8-style-lease.json');
    const meanConvertNow = (pd: number, downtime: number | null, rho: number) =>
      runMonteCarlo(
        withLeaseRisk(
          { ...texas, lease: { ...texas.lease, tenantDefaultPctPerYear: pd } },
          { relettingDowntimeMonths: downtime, cycleCorrelation: rho },
        ),
        { paths: 400, seed: 3 },
      ).strategies.find((s) => s.strategyId === 'convert-now')!.npv.meanUsd;
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 20, noNaN: true }),
        fc.double({ min: 0.1, max: 20, noNaN: true }),
        fc.constantFrom(null, 0, 12, 36),
        fc.constantFrom(0, 0.3, -0.5),
        (pd, extra, downtime, rho) => {
          expect(meanConvertNow(pd + extra, downtime, rho)).toBeLessThanOrEqual(
            meanConvertNow(pd, downtime, rho),
          );
        },
      ),
      { numRuns: 12, seed: 9 },
    );
  });

  it('the mean of drawn defaults (price certain, nothing else random) is the expected-value NPV', () => {
    const input = withLeaseRisk(
      withMonteCarlo(loadScenarioFile('feb-2026-market-snapshot.json'), {
        volatilityPctPerYear: 0,
      }),
      {
        ...NO_LEASE_RISK,
        drawTenantDefault: true,
        drawRenewal: true,
        relettingDowntimeMonths: null,
      },
    );
    const result = runMonteCarlo(input, { paths: 20_000, seed: 4 });
    for (const strategy of result.strategies) {
      if (strategy.convertUtilityMw === 0) continue;
      const { meanUsd, standardErrorUsd } = strategy.npv;
      expect(standardErrorUsd).toBeGreaterThan(0);
      expect(Math.abs(meanUsd - strategy.deterministicNpvUsd), strategy.label).toBeLessThan(
        4 * standardErrorUsd,
      );
    }
  });

  it('regression: the exit cap draw did nothing on a lease valued by renewal DCF: it draws the exit yield, a spread for converting strategies only', () => {
    const input = withLeaseRisk(
      withMonteCarlo(loadScenarioFile('texas-300mw-hut8-style-lease.json'), {
        volatilityPctPerYear: 0,
      }),
      { ...NO_LEASE_RISK, exitCapVolatilityBp: 100, cycleCorrelation: 0 },
    );
    expect(assertScenario(input).lease.terminalValue.kind).toBe('renewal-dcf');
    const result = runMonteCarlo(input, { paths: 2_000, seed: 5 });
    expect(result.settings.leaseRisk).toContain('exit yield');
    for (const strategy of result.strategies) {
      const { p5Usd, p95Usd } = strategy.npv;
      if (strategy.convertUtilityMw === 0) {
        expect(p95Usd - p5Usd, strategy.label).toBeLessThan(1e-6 * Math.abs(p5Usd) + 1);
      } else {
        expect(p95Usd - p5Usd, strategy.label).toBeGreaterThan(1_000_000);
      }
    }
  });

  it('seeds reproduce bit for bit across chunkings with every lease-side draw on', () => {
    const input = withLeaseRisk(
      withMonteCarlo(loadScenarioFile('texas-300mw-hut8-style-lease.json'), {
        jumps: { kind: 'merton' },
      }),
      { cycleCorrelation: -0.6, constructionDelayModeMonths: 6, constructionDelayMaxMonths: 24 },
    );
    const paths = 300;
    const one = runMonteCarlo(input, { paths, seed: 8, chunkSize: paths });
    const settings = { paths, seed: 8, chunkSize: 70 };
    const chunks = [4, 0, 2, 1, 3].map((index) => runChunk(input, settings, index));
    const merged = mergeChunks(input, settings, chunks);
    expect({ ...merged, settings: { ...merged.settings, chunkSize: 0 } }).toEqual({
      ...one,
      settings: { ...one.settings, chunkSize: 0 },
    });
  });
});

describe('the sources of the defaults (docs/monte-carlo.md §2.4)', () => {
  it('the implied rents of the deals table have a log standard deviation of 0.183 (market rent default 20%)', () => {
    const logs = LEASE_DEALS.flatMap((deal) =>
      deal.avgUsdPerItKwMonth === null ? [] : [Math.log(deal.avgUsdPerItKwMonth)],
    );
    expect(logs).toHaveLength(11);
    const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
    const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (logs.length - 1));
    expect(sd).toBeCloseTo(0.183, 3);
    expect(leaseRiskSchema.parse({}).marketRentVolatilityPct).toBe(20);
  });

  it('the Wilson interval: no reversal in 10,000 paths bounds P(mining wins) below 0.04%', () => {
    const [low, high] = wilsonInterval(10_000, 10_000);
    expect(high).toBe(1);
    expect(1 - low).toBeLessThan(0.0004);
    expect(1 - low).toBeGreaterThan(0.00038);
    const [a, b] = wilsonInterval(50, 100);
    expect(a).toBeCloseTo(0.4038, 4);
    expect(b).toBeCloseTo(0.5962, 4);
  });
});
