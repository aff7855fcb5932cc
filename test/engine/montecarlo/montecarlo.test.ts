import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floatArith } from '../../../src/engine/arith';
import { classDiscountFactors } from '../../../src/engine/discount';
import { evaluate } from '../../../src/engine/evaluate';
import { buildMiningLines } from '../../../src/engine/mining';
import { buildCaseModel, buildScenarioModel } from '../../../src/engine/model';
import {
  formatMonteCarloSummary,
  MonteCarloCancelledError,
  type MonteCarloProgress,
  type MonteCarloResult,
  mergeChunks,
  prepareMonteCarlo,
  runChunk,
  runMonteCarlo,
} from '../../../src/engine/montecarlo/index';
import { createPathBuffers, simulatePath } from '../../../src/engine/montecarlo/paths';
import { pathRandom } from '../../../src/engine/montecarlo/rng';
import { hashpricePerBtcUsdPath } from '../../../src/engine/network';
import { buildBtcPricePath } from '../../../src/engine/price';
import { buildStrategyLines, LINE_ITEMS } from '../../../src/engine/strategies';
import type { ScenarioInput } from '../../../src/schema/scenario';
import { assertScenario } from '../../../src/schema/validate';
import { scenarioArbitrary } from '../../support/arbitraries';
import { loadScenarioFile } from '../../support/fixtures';
import { NO_LEASE_RISK } from '../../support/leaseRisk';
import { simpleSite } from '../../support/simpleSite';

const PRESETS = [
  'texas-300mw-hut8-style-lease.json',
  'hydro-20mw-older-fleet-retrofit.json',
  'feb-2026-market-snapshot.json',
];

function withMonteCarlo(input: ScenarioInput, monteCarlo: ScenarioInput['monteCarlo']) {
  return { ...input, monteCarlo: { ...input.monteCarlo, ...monteCarlo } };
}

function relativeGap(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1, Math.abs(b));
}

/** Every number of the result that should equal the deterministic NPV when all paths are equal. */
function expectAllPathsEqualTheEngine(input: ScenarioInput, result: MonteCarloResult) {
  const evaluation = evaluate(input, { breakevens: false, sensitivity: false });
  const reference = evaluation.cases[evaluation.referenceCaseIndex]!;
  expect(result.strategies.map((s) => s.strategyId)).toEqual(
    reference.strategies.map((s) => s.strategyId),
  );
  result.strategies.forEach((strategy, s) => {
    const engine = reference.strategies[s]!;
    const { npv } = strategy;
    for (const value of [
      strategy.deterministicNpvUsd,
      npv.meanUsd,
      npv.minUsd,
      npv.maxUsd,
      npv.p5Usd,
      npv.medianUsd,
      npv.p95Usd,
      npv.cvar5Usd,
    ]) {
      expect(relativeGap(value, engine.npvUsd), strategy.label).toBeLessThanOrEqual(1e-9);
    }
    if (strategy.versusKeepMining !== null) {
      const delta = strategy.versusKeepMining.delta;
      expect(relativeGap(delta.medianUsd, engine.incremental!.npvUsd)).toBeLessThanOrEqual(1e-9);
      expect(relativeGap(delta.meanUsd, engine.incremental!.npvUsd)).toBeLessThanOrEqual(1e-9);
    }
    // Fan of cumulative cash: every band is the engine's cumulative net cash flow.
    const fan = result.fanCharts.cumulativeCashUsd[s]!;
    let cumulative = 0;
    engine.netCashFlowUsd.forEach((flow, m) => {
      cumulative += flow;
      for (const band of fan.bands) {
        expect(Math.abs(band[m]! - cumulative)).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(cumulative)) + 1e-6,
        );
      }
    });
  });
  const hashprice = result.fanCharts.hashpriceUsdPerThDay;
  reference.series.hashpriceUsdPerThDay.forEach((value, m) => {
    for (const band of hashprice.bands)
      expect(relativeGap(band[m]!, value)).toBeLessThanOrEqual(1e-12);
  });
}

describe('Monte Carlo with zero volatility = the deterministic engine', () => {
  it.each(PRESETS)('%s: every path, every strategy, to 1e-9 relative', (name) => {
    // The difficulty rule stays on: with no price surprise it has nothing to respond to.
    const input = withMonteCarlo(loadScenarioFile(name), {
      volatilityPctPerYear: 0,
      difficultyElasticityPerMonth: 0.1,
      difficultyLagMonths: 1,
      leaseRisk: NO_LEASE_RISK,
    });
    expectAllPathsEqualTheEngine(input, runMonteCarlo(input, { paths: 50, seed: 3 }));
  });

  it('on random scenarios (take-or-pay, curtailment, phased tranches, several models)', () => {
    fc.assert(
      fc.property(scenarioArbitrary, fc.integer({ min: 0, max: 6 }), (input, lag) => {
        const zeroVolatility = withMonteCarlo(input, {
          volatilityPctPerYear: 0,
          difficultyElasticityPerMonth: 0.05,
          difficultyLagMonths: lag,
          leaseRisk: NO_LEASE_RISK,
        });
        expectAllPathsEqualTheEngine(zeroVolatility, runMonteCarlo(zeroVolatility, { paths: 4 }));
      }),
      { numRuns: 40, seed: 17 },
    );
  });
});

describe('each path is the deterministic engine on that path', () => {
  it('NPVs of two random paths equal buildMiningLines + buildStrategyLines on their price and difficulty', () => {
    const input = withMonteCarlo(loadScenarioFile('texas-300mw-hut8-style-lease.json'), {
      volatilityPctPerYear: 80,
      jumps: { kind: 'merton', jumpsPerYear: 2, medianJumpPct: -25, jumpVolatilityPctPerJump: 20 },
      difficultyElasticityPerMonth: 0.2,
      difficultyLagMonths: 2,
      leaseRisk: NO_LEASE_RISK,
    });
    const result = runMonteCarlo(input, { paths: 2, seed: 99 });
    const { context } = prepareMonteCarlo(input, { paths: 2, seed: 99 });
    const scenario = assertScenario(input);
    const model = buildScenarioModel(floatArith, scenario);
    const centrePrice = buildBtcPricePath(floatArith, context.centreCase, scenario.horizonMonths);
    const factors = classDiscountFactors(scenario);
    const buffers = createPathBuffers(scenario.horizonMonths);
    // The centre difficulty is the centre case's, under the marginal-cost floor.
    const centreDifficulty = buildCaseModel(floatArith, model, context.centreCase).difficulty;
    const npvByPath = [0, 1].map((path) => {
      simulatePath(context.pathModel, pathRandom(99, path), buffers);
      const price = centrePrice.map((p, m) => p * Math.exp(buffers.logPriceDeviation[m]!));
      const difficulty = centreDifficulty.map(
        (d, m) => d * Math.exp(buffers.logDifficultyDeviation[m]!),
      );
      const perBtcUsd = hashpricePerBtcUsdPath(
        floatArith,
        { ...model.network, difficulty },
        scenario.network.feesBtcPerBlock,
      );
      const mining = buildMiningLines(
        model.mining,
        price.map((p, m) => p * perBtcUsd[m]!),
      );
      return context.strategies.map(({ plan }) => {
        const lines = buildStrategyLines(floatArith, scenario, mining, model.leaseUnit, plan);
        let npv = 0;
        for (const item of LINE_ITEMS) {
          lines[item.key].forEach((flow, m) => {
            npv += flow * factors[item.class][m]!;
          });
        }
        return npv;
      });
    });
    result.strategies.forEach((strategy, s) => {
      const values = [npvByPath[0]![s]!, npvByPath[1]![s]!];
      expect(relativeGap(strategy.npv.minUsd, Math.min(...values))).toBeLessThanOrEqual(1e-9);
      expect(relativeGap(strategy.npv.maxUsd, Math.max(...values))).toBeLessThanOrEqual(1e-9);
      expect(relativeGap(strategy.npv.meanUsd, (values[0]! + values[1]!) / 2)).toBeLessThanOrEqual(
        1e-9,
      );
    });
  });
});

describe('reproducibility and chunking', () => {
  const input = loadScenarioFile('feb-2026-market-snapshot.json');

  it('the same seed gives the same result; another seed another one', () => {
    const a = runMonteCarlo(input, { paths: 600, seed: 5 });
    const b = runMonteCarlo(structuredClone(input), { paths: 600, seed: 5 });
    const c = runMonteCarlo(input, { paths: 600, seed: 6 });
    expect(b).toEqual(a);
    expect(c.strategies[0]!.npv.meanUsd).not.toBe(a.strategies[0]!.npv.meanUsd);
  });

  it('1 chunk, 7 chunks, and 7 chunks run separately and merged in any order: identical, bit for bit', () => {
    const paths = 700;
    const one = runMonteCarlo(input, { paths, seed: 8, chunkSize: paths });
    const seven = runMonteCarlo(input, { paths, seed: 8, chunkSize: 100 });
    const uneven = runMonteCarlo(input, { paths, seed: 8, chunkSize: 37 });
    const settings = { paths, seed: 8, chunkSize: 100 };
    const chunks = [3, 0, 6, 1, 5, 2, 4].map((index) => runChunk(input, settings, index));
    const merged = mergeChunks(input, settings, chunks);
    const withoutChunkSize = (r: MonteCarloResult) => ({
      ...r,
      settings: { ...r.settings, chunkSize: 0 },
    });
    expect(withoutChunkSize(seven)).toEqual(withoutChunkSize(one));
    expect(withoutChunkSize(uneven)).toEqual(withoutChunkSize(one));
    expect(merged).toEqual(seven);
  });

  it('chunks streamed into one tally per worker (runChunk into), then merged: identical, bit for bit', () => {
    const paths = 700;
    const settings = { paths, seed: 8, chunkSize: 100 };
    // Two "workers", round robin, each adding its chunks to its first chunk's tally.
    const partials = [
      [0, 2, 4, 6],
      [1, 3, 5],
    ].map((indices) => {
      const first = runChunk(input, settings, indices[0]!);
      for (const index of indices.slice(1)) {
        const next = runChunk(input, settings, index, first.tally);
        expect(next.tally).toBe(first.tally);
      }
      return first;
    });
    expect(partials[0]!.tally.paths).toBe(400);
    expect(mergeChunks(input, settings, partials)).toEqual(runMonteCarlo(input, settings));
  });

  it('a chunk tally survives a structured clone (postMessage to and from a worker)', () => {
    const settings = { paths: 200, seed: 1, chunkSize: 100 };
    const chunks = [0, 1].map((i) => structuredClone(runChunk(input, settings, i)));
    expect(mergeChunks(input, settings, chunks)).toEqual(runMonteCarlo(input, settings));
  });

  it('rejects a chunk given twice and a chunk index outside the run', () => {
    const settings = { paths: 200, seed: 1, chunkSize: 100 };
    const chunk = runChunk(input, settings, 0);
    expect(() => mergeChunks(input, settings, [chunk, chunk])).toThrow(/given twice/);
    expect(() => runChunk(input, settings, 2)).toThrow(RangeError);
  });

  it('the result is plain data: JSON round-trips it unchanged', () => {
    const result = runMonteCarlo(input, { paths: 300, seed: 2 });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('more paths give a narrower confidence interval (≈ 1/√n)', () => {
    const small = runMonteCarlo(input, { paths: 1000, seed: 4 });
    const large = runMonteCarlo(input, { paths: 4000, seed: 4 });
    for (const s of [0, 2]) {
      const ratio =
        large.strategies[s]!.npv.standardErrorUsd / small.strategies[s]!.npv.standardErrorUsd;
      expect(ratio).toBeGreaterThan(0.4);
      expect(ratio).toBeLessThan(0.6);
      const width = (r: MonteCarloResult) =>
        r.strategies[s]!.npv.ci95Usd[1] - r.strategies[s]!.npv.ci95Usd[0];
      expect(width(large)).toBeLessThan(width(small));
    }
  });

  it('reports progress after each chunk and stops between chunks when cancelled', () => {
    const seen: MonteCarloProgress[] = [];
    runMonteCarlo(input, { paths: 250, chunkSize: 100, onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.pathsDone)).toEqual([100, 200, 250]);
    expect(seen.every((p) => p.chunkCount === 3 && p.paths === 250)).toBe(true);
    let calls = 0;
    const run = () =>
      runMonteCarlo(input, { paths: 500, chunkSize: 100, shouldCancel: () => ++calls > 2 });
    expect(run).toThrow(MonteCarloCancelledError);
    calls = 0;
    try {
      run();
    } catch (error) {
      expect((error as MonteCarloCancelledError).progress.pathsDone).toBe(200);
    }
  });

  it('reads paths and seed from the scenario when not given', () => {
    const scenario = withMonteCarlo(input, { paths: 150, seed: 77 });
    const result = runMonteCarlo(scenario);
    expect(result.pathsEvaluated).toBe(150);
    expect(result.settings.seed).toBe(77);
    expect(runMonteCarlo(input, { paths: 150, seed: 77 }).strategies).toEqual(result.strategies);
  });
});

describe('risk measures', () => {
  const result = runMonteCarlo(loadScenarioFile('texas-300mw-hut8-style-lease.json'), {
    paths: 3000,
    seed: 12,
  });

  it('are ordered: min ≤ CVaR 5% ≤ P5 ≤ P25 ≤ median ≤ P75 ≤ P95 ≤ max, mean inside its CI', () => {
    for (const { npv } of result.strategies) {
      const ordered = [
        npv.minUsd,
        npv.cvar5Usd,
        npv.p5Usd,
        npv.p25Usd,
        npv.medianUsd,
        npv.p75Usd,
        npv.p95Usd,
        npv.maxUsd,
      ];
      expect([...ordered].sort((a, b) => a - b)).toEqual(ordered);
      expect(npv.ci95Usd[0]).toBeLessThan(npv.meanUsd);
      expect(npv.ci95Usd[1]).toBeGreaterThan(npv.meanUsd);
    }
  });

  it('probability that converting beats mining is a share with its binomial error; the histogram holds every path', () => {
    for (const strategy of result.strategies.slice(1)) {
      const versus = strategy.versusKeepMining!;
      expect(versus.probabilityBeatsMining).toBeGreaterThanOrEqual(0);
      expect(versus.probabilityBeatsMining).toBeLessThanOrEqual(1);
      const { counts, belowCount, aboveCount, edgesUsd } = versus.histogram;
      expect(counts.reduce((s, c) => s + c, 0) + belowCount + aboveCount).toBe(3000);
      expect(edgesUsd).toHaveLength(counts.length + 1);
    }
  });

  it('fan bands are ordered month by month and start at today’s hashprice', () => {
    const fan = result.fanCharts.hashpriceUsdPerThDay;
    expect(fan.bands.map((band) => band[0])).toEqual(new Array(5).fill(fan.deterministic[0]));
    for (let m = 0; m < fan.deterministic.length; m += 1) {
      const column = fan.bands.map((band) => band[m]!);
      expect([...column].sort((a, b) => a - b)).toEqual(column);
    }
  });

  it('the summary text names every strategy and the best rule', () => {
    const text = formatMonteCarloSummary(result);
    expect(text.startsWith('Monte Carlo: 3,000 paths, seed 12')).toBe(true);
    for (const strategy of result.strategies) expect(text).toContain(strategy.label);
    expect(text).toContain(`Best rule: ${result.policy.best.description}`);
  });
});

describe('when to convert', () => {
  it.each(PRESETS)(
    '%s: the best rule is at least every rule, convert now and keep mining',
    (name) => {
      const result = runMonteCarlo(loadScenarioFile(name), { paths: 800, seed: 21 });
      const { policy, strategies } = result;
      const byId = (id: string) => strategies.find((s) => s.strategyId === id)!;
      for (const rule of policy.rules)
        expect(policy.best.meanNpvUsd).toBeGreaterThanOrEqual(rule.meanNpvUsd);
      expect(policy.optionValueUsd).toBeGreaterThanOrEqual(0);
      expect(policy.best.meanNpvUsd).toBeGreaterThanOrEqual(policy.convertNowMeanNpvUsd);
      expect(policy.best.meanNpvUsd).toBeGreaterThanOrEqual(policy.keepMiningMeanNpvUsd);
      // The rules "convert now", "never" and "at month k" are the strategies, path by path.
      const rule = (threshold: number | null, deadline: number | null) =>
        policy.rules.find(
          (r) => r.thresholdUsdPerPhDay === threshold && r.deadlineMonth === deadline,
        )!;
      expect(relativeGap(rule(null, 0).meanNpvUsd, byId('convert-now').npv.meanUsd)).toBeLessThan(
        1e-9,
      );
      expect(
        relativeGap(rule(null, null).meanNpvUsd, byId('keep-mining').npv.meanUsd),
      ).toBeLessThan(1e-9);
      const atMonth = byId('convert-at-month');
      expect(
        relativeGap(rule(null, atMonth.conversionStartMonth).meanNpvUsd, atMonth.npv.meanUsd),
      ).toBeLessThan(1e-9);
      expect(rule(null, null).probabilityConverts).toBe(0);
      expect(rule(null, 0).probabilityConverts).toBe(1);
      expect(rule(null, atMonth.conversionStartMonth).medianConversionMonth).toBe(
        atMonth.conversionStartMonth,
      );
    },
  );

  it('a trigger above today’s hashprice converts now on every path; one never reached, never', () => {
    const input = withMonteCarlo(simpleSite({ horizonMonths: 60 }), {
      volatilityPctPerYear: 40,
      // Today's hashprice on the simple site is $35.9/PH/day.
      policy: { hashpriceThresholdsUsdPerPhDay: [0.001, 50], deadlineMonths: [12] },
    });
    const { policy } = runMonteCarlo(input, { paths: 300, seed: 1 });
    const rule = (threshold: number, deadline: number | null) =>
      policy.rules.find(
        (r) => r.thresholdUsdPerPhDay === threshold && r.deadlineMonth === deadline,
      )!;
    expect(rule(50, null).probabilityConverts).toBe(1);
    expect(rule(50, null).medianConversionMonth).toBe(0);
    expect(rule(50, null).meanNpvUsd).toBeCloseTo(policy.convertNowMeanNpvUsd, 3);
    expect(rule(0.001, null).probabilityConverts).toBe(0);
    expect(rule(0.001, 12).medianConversionMonth).toBe(12);
  });

  it('where mining pays now and the lease later, a hashprice trigger beats every fixed month', () => {
    // A full 10 MW fleet earning more than the rent today; difficulty +25%/yr and the 2028 halving
    // erode it, so the deterministic engine converts at month 20. The lease ends in an exit-cap
    // value, so converting later loses only the rent months.
    const input = withMonteCarlo(
      simpleSite({
        horizonMonths: 120,
        fleet: [{ model: 'T', units: 5000, hashrateThs: 100, powerW: 2000, resaleUsdPerTh: 0 }],
        power: { pricing: { kind: 'fixed', priceUsdPerMwh: 40 } },
        lease: {
          rateUsdPerKwMonth: 20,
          escalatorPctPerYear: 0,
          termYears: 20,
          landlordOpexPctOfRent: 0,
          terminalValue: { kind: 'exit-cap', exitCapRatePct: 8 },
        },
        conversion: { itMw: 8, capexUsdPerItMw: 1_000_000, constructionMonths: 6 },
        network: {
          difficulty: 140e12,
          difficultyGrowthPctPerYear: 25,
          startBlockHeight: 900_000,
          feesBtcPerBlock: 0,
        },
      }),
      { volatilityPctPerYear: 70 },
    );
    const result = runMonteCarlo(input, { paths: 2000, seed: 5 });
    const { policy } = result;
    const bestFixedMonth = result.strategies.find((s) => s.strategyId === 'convert-at-best-month')!;
    expect(bestFixedMonth.conversionStartMonth).toBe(20);
    expect(policy.best.thresholdUsdPerPhDay).not.toBeNull();
    // Waiting for hashprice beats the best fixed month by several standard errors.
    expect(policy.best.meanNpvUsd - bestFixedMonth.npv.meanUsd).toBeGreaterThan(
      4 * policy.best.standardErrorVersusConvertNowUsd,
    );
    expect(policy.optionValueUsd).toBeGreaterThan(0);
    // Picking on half the paths and valuing on the other keeps the value.
    expect(policy.crossValidatedOptionValueUsd).toBeGreaterThan(0.9 * policy.optionValueUsd);
  });
});

describe('preparation cache', () => {
  it('a scenario edited in place is prepared again, not served stale', () => {
    const input = loadScenarioFile('feb-2026-market-snapshot.json');
    const before = runMonteCarlo(input, { paths: 100, seed: 1 });
    input.lease.rateUsdPerKwMonth = 2 * input.lease.rateUsdPerKwMonth;
    const after = runMonteCarlo(input, { paths: 100, seed: 1 });
    expect(after.strategies[1]!.npv.meanUsd).not.toBe(before.strategies[1]!.npv.meanUsd);
  });
});
