import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conversionAdvantageUsd } from '../../src/engine/advantage';
import { type Evaluation, evaluate, type StrategyResult } from '../../src/engine/evaluate';
import { npv } from '../../src/engine/finance';
import type { Scenario, ScenarioInput } from '../../src/schema/scenario';
import { assertScenario } from '../../src/schema/validate';
import { scenarioArbitrary } from '../support/arbitraries';

const RUNS = 500;

function strategy(evaluation: Evaluation, caseIndex: number, id: StrategyResult['strategyId']) {
  return evaluation.cases[caseIndex]!.strategies.find((s) => s.strategyId === id)!;
}

function isTypedOrFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value === null || typeof value !== 'object') return true;
  return Object.values(value as Record<string, unknown>).every(isTypedOrFinite);
}

/** Relative closeness with an absolute floor in USD. */
function expectClose(actual: number, expected: number, relative = 1e-9, absoluteUsd = 1e-3) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    Math.max(absoluteUsd, relative * Math.abs(expected)),
  );
}

function withPrice(input: ScenarioInput, factor: number): ScenarioInput {
  return {
    ...input,
    priceCases: input.priceCases.map((c) =>
      c.kind === 'growth'
        ? { ...c, startPriceUsd: c.startPriceUsd * factor }
        : c.kind === 'monthly'
          ? { ...c, pricesUsdByMonth: c.pricesUsdByMonth.map((p) => p * factor) }
          : { ...c, pricesUsdByYear: c.pricesUsdByYear.map((p) => p * factor) },
    ),
  };
}

describe('engine properties over random valid scenarios', () => {
  it('every output is finite or a typed result, and every line is finite', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (input) => {
        const evaluation = evaluate(input);
        expect(isTypedOrFinite(evaluation.cases)).toBe(true);
        expect(isTypedOrFinite(evaluation.breakevens)).toBe(true);
        expect(isTypedOrFinite(evaluation.sensitivity)).toBe(true);
        expect(() => JSON.stringify(evaluation)).not.toThrow();
      }),
      { numRuns: 150 },
    );
  });

  it('NPV at the IRR is zero for every strategy with an IRR', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (input) => {
        const evaluation = evaluate(input, { breakevens: false, sensitivity: false });
        for (const caseResult of evaluation.cases) {
          for (const result of caseResult.strategies) {
            if (result.irr.kind !== 'rate') continue;
            // Residual against the size of the discounted terms: near r = -1 they are huge.
            const growth = 1 + result.irr.monthlyRate;
            const discounted = result.netCashFlowUsd.map((flow, m) => flow / growth ** (m + 1));
            const scale = discounted.reduce((sum, term) => sum + Math.abs(term), 0);
            expect(
              Math.abs(npv(result.irr.monthlyRate, result.netCashFlowUsd)),
            ).toBeLessThanOrEqual(scale * 1e-9);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('keep-mining NPV rises with the BTC price and falls with difficulty growth and power price', () => {
    fc.assert(
      fc.property(
        scenarioArbitrary,
        fc.double({ min: 1.01, max: 2, noNaN: true }),
        (random, factor) => {
          // Refresh purchases follow hashprice (an ASIC price index), so with refresh a higher
          // BTC price also buys dearer machines: the monotonicity holds for the fleet as it is.
          const input = { ...random, mining: { ...random.mining, refresh: { enabled: false } } };
          // Resale quotes are today's market, indexed by HP(m) / HP(0) (docs/model.md): a dearer
          // BTC today with the same quotes would make machines cheaper relative to hashprice, and
          // with the difficulty floor pinning HP at the horizon the resale would fall. The quotes
          // move with the price, as the market they come from does.
          const withQuotes = (changed: ScenarioInput, quoteFactor: number): ScenarioInput => ({
            ...changed,
            fleet: changed.fleet.map((model) => ({
              ...model,
              resaleUsdPerTh: (model.resaleUsdPerTh ?? 0) * quoteFactor,
            })),
          });
          const keep = (changed: ScenarioInput) =>
            strategy(evaluate(changed, { breakevens: false, sensitivity: false }), 0, 'keep-mining')
              .npvUsd;
          const base = keep(input);
          const tolerance = 1e-7 * Math.max(1, Math.abs(base));
          expect(keep(withQuotes(withPrice(input, factor), factor))).toBeGreaterThanOrEqual(
            base - tolerance,
          );
          const network = input.network;
          expect(
            keep({
              ...input,
              network: {
                ...network,
                difficultyGrowthPctPerYear: (network.difficultyGrowthPctPerYear ?? 20) + 10,
              },
            }),
          ).toBeLessThanOrEqual(base + tolerance);
          const pricing = input.power.pricing;
          const dearer =
            pricing.kind === 'fixed'
              ? { ...pricing, priceUsdPerMwh: pricing.priceUsdPerMwh * factor }
              : { ...pricing, adderUsdPerMwh: (pricing.adderUsdPerMwh ?? 0) + 10 * factor };
          expect(
            keep({ ...input, power: { ...input.power, pricing: dearer } }),
          ).toBeLessThanOrEqual(base + tolerance);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('convert-now NPV rises with the lease rate and falls with capex', () => {
    fc.assert(
      fc.property(
        scenarioArbitrary,
        fc.double({ min: 1.01, max: 2, noNaN: true }),
        (input, factor) => {
          const convert = (changed: ScenarioInput) =>
            strategy(evaluate(changed, { breakevens: false, sensitivity: false }), 0, 'convert-now')
              .npvUsd;
          const base = convert(input);
          const tolerance = 1e-7 * Math.max(1, Math.abs(base));
          const lease = input.lease;
          expect(
            convert({
              ...input,
              lease: { ...lease, rateUsdPerKwMonth: lease.rateUsdPerKwMonth * factor },
            }),
          ).toBeGreaterThanOrEqual(base - tolerance);
          const conversion = input.conversion;
          expect(
            convert({
              ...input,
              conversion: { ...conversion, capexUsdPerItMw: conversion.capexUsdPerItMw * factor },
            }),
          ).toBeLessThanOrEqual(base + tolerance);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('the conversion advantage is zero at each solved breakeven', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (input) => {
        const evaluation = evaluate(input, { sensitivity: false });
        const breakevens = evaluation.breakevens;
        if (!breakevens.computed) throw new Error('breakevens were not computed');
        const scenario: Scenario = evaluation.scenario;
        const reference = scenario.priceCases[evaluation.referenceCaseIndex]!;
        const scale = Math.max(
          1,
          ...evaluation.cases[evaluation.referenceCaseIndex]!.strategies.map((s) =>
            Math.abs(s.npvUsd),
          ),
        );
        const checks: [typeof breakevens.leaseRateUsdPerKwMonth, (x: number) => number][] = [
          [
            breakevens.flatBtcPriceUsd,
            (price) =>
              conversionAdvantageUsd(scenario, {
                name: 'flat',
                kind: 'growth',
                startPriceUsd: price,
                growthPctPerYear: 0,
              }),
          ],
          [
            breakevens.leaseRateUsdPerKwMonth,
            (rate) =>
              conversionAdvantageUsd(
                { ...scenario, lease: { ...scenario.lease, rateUsdPerKwMonth: rate } },
                reference,
              ),
          ],
          [
            breakevens.capexUsdPerItMw,
            (capex) =>
              conversionAdvantageUsd(
                { ...scenario, conversion: { ...scenario.conversion, capexUsdPerItMw: capex } },
                reference,
              ),
          ],
          [
            breakevens.powerPriceUsdPerMwh,
            (price) => {
              const pricing = scenario.power.pricing;
              const changed =
                pricing.kind === 'fixed'
                  ? { ...pricing, priceUsdPerMwh: price }
                  : { ...pricing, adderUsdPerMwh: price };
              return conversionAdvantageUsd(
                { ...scenario, power: { ...scenario.power, pricing: changed } },
                reference,
              );
            },
          ],
        ];
        for (const [result, advantageAt] of checks) {
          if (result.kind !== 'value') continue;
          expect(Math.abs(advantageAt(result.value))).toBeLessThanOrEqual(scale * 1e-7);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a site split into two halves has the NPV of the whole', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (input) => {
        const whole = assertScenario(input);
        const half: Scenario = {
          ...whole,
          site: { ...whole.site, utilityMw: whole.site.utilityMw / 2 },
          fleet: whole.fleet.map((model) => ({ ...model, units: model.units / 2 })),
          conversion: {
            ...whole.conversion,
            itMw: whole.conversion.itMw === null ? null : whole.conversion.itMw / 2,
          },
          strategies: {
            ...whole.strategies,
            partialConvertUtilityMw:
              whole.strategies.partialConvertUtilityMw === null
                ? null
                : whole.strategies.partialConvertUtilityMw / 2,
          },
        };
        const options = { breakevens: false, sensitivity: false } as const;
        const wholeEvaluation = evaluate(whole, options);
        const halfEvaluation = evaluate(half, options);
        wholeEvaluation.cases.forEach((caseResult, caseIndex) => {
          caseResult.strategies.forEach((result, index) => {
            const halfResult = halfEvaluation.cases[caseIndex]!.strategies[index]!;
            expect(halfResult.strategyId).toBe(result.strategyId);
            expectClose(2 * halfResult.npvUsd, result.npvUsd, 1e-9, 1e-2);
          });
        });
      }),
      { numRuns: RUNS },
    );
  });
});
