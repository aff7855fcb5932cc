import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floatArith } from '../../src/engine/arith';
import { classDiscountFactors } from '../../src/engine/discount';
import { evaluate } from '../../src/engine/evaluate';
import { createFastNpv } from '../../src/engine/fastNpv';
import { buildCaseModel, buildScenarioModel } from '../../src/engine/model';
import type { ScenarioInput } from '../../src/schema/scenario';
import { assertScenario } from '../../src/schema/validate';
import { scenarioArbitrary } from '../support/arbitraries';
import { loadScenarioFile } from '../support/fixtures';

const SHIFTS = [-12, -6, 6, 12] as const;
const PRESETS = [
  'feb-2026-market-snapshot.json',
  'texas-300mw-hut8-style-lease.json',
  'hydro-20mw-older-fleet-retrofit.json',
];

function withHorizon(input: ScenarioInput, horizonMonths: number): ScenarioInput {
  const strategies = input.strategies ?? {};
  return {
    ...input,
    horizonMonths,
    strategies: {
      ...strategies,
      convertAtMonth: Math.min(strategies.convertAtMonth ?? 24, horizonMonths - 1),
    },
  };
}

/** NPV of "mine, then convert the whole site at k" for k = 0 … months − 1, per price case. */
function npvByConversionMonth(input: ScenarioInput, months: number): number[][] {
  const scenario = assertScenario(input);
  const model = buildScenarioModel(floatArith, scenario);
  const factors = classDiscountFactors(scenario);
  return scenario.priceCases.map((priceCase) => {
    const caseModel = buildCaseModel(floatArith, model, priceCase);
    const fastNpv = createFastNpv(scenario, caseModel.mining, model.leaseUnit, factors);
    return Array.from({ length: months }, (_, k) =>
      fastNpv({
        id: 'convert-at-best-month',
        label: '',
        convertUtilityMw: scenario.site.utilityMw,
        startMonth: k,
      }),
    );
  });
}

const argmax = (values: readonly number[]) =>
  values.reduce((best, value, k) => (value > values[best]! ? k : best), 0);

describe('the best conversion month does not move with the horizon (renewal DCF + site residual)', () => {
  it('random scenarios: horizon ±6 and ±12 months leave every plan’s NPV less the site residual, and the best month, unchanged', () => {
    fc.assert(
      fc.property(scenarioArbitrary, fc.integer({ min: 36, max: 108 }), (random, horizon) => {
        const input: ScenarioInput = withHorizon(
          {
            ...random,
            lease: {
              ...random.lease!,
              terminalValue: { kind: 'renewal-dcf', valuationLifeYears: 30 },
            },
          },
          horizon,
        );
        // Plans whose every tranche starts construction inside the shortest horizon: what still
        // mines past a horizon is valued at resale, so a plan still mining there differs.
        const { constructionMonths = 12, tranches = [] } = input.conversion;
        const lastStart = Math.max(0, ...tranches.map((t) => t.deliveryMonth - constructionMonths));
        const common = horizon - 12 - lastStart;
        const reference = npvByConversionMonth(input, common);
        for (const shift of SHIFTS) {
          const shifted = npvByConversionMonth(withHorizon(input, horizon + shift), common);
          reference.forEach((npvs, c) => {
            const other = shifted[c]!;
            // Every plan ends with the same site residual: differences between months are equal.
            const scale = Math.max(1, ...npvs.map(Math.abs));
            npvs.forEach((npv, k) => {
              const gap = npv - npvs[0]! - (other[k]! - other[0]!);
              expect(Math.abs(gap), `case ${c} month ${k} shift ${shift}`).toBeLessThanOrEqual(
                1e-9 * scale,
              );
            });
            const best = argmax(npvs);
            const bestShifted = argmax(other);
            if (best !== bestShifted) {
              // Only a tie to rounding may pick another month.
              expect(Math.abs(npvs[best]! - npvs[bestShifted]!)).toBeLessThanOrEqual(1e-9 * scale);
            }
          });
        }
      }),
      { numRuns: 60, seed: 9 },
    );
  });

  for (const name of PRESETS) {
    it(`${name}: the best month of every price case at the horizon ±6 and ±12 months`, () => {
      const input = loadScenarioFile(name);
      const horizon = assertScenario(input).horizonMonths;
      const options = { breakevens: false, sensitivity: false } as const;
      const best = evaluate(input, options).cases.map((c) => c.bestConversionMonth);
      // The best month lies inside every shifted horizon, so each search can find it.
      for (const month of best) expect(month).toBeLessThan(horizon - 12);
      for (const shift of SHIFTS) {
        const shifted = evaluate(withHorizon(input, horizon + shift), options);
        expect(
          shifted.cases.map((c) => c.bestConversionMonth),
          `horizon ${horizon + shift}`,
        ).toEqual(best);
      }
    });
  }
});

describe('keep mining in the presets’ reference case is not dark for most of the horizon (fleet refresh + network floor)', () => {
  for (const name of PRESETS) {
    it(name, () => {
      const result = evaluate(loadScenarioFile(name), { breakevens: false, sensitivity: false });
      const running = result.cases[result.referenceCaseIndex]!.series.runningHashrateShare;
      const darkMonths = running.filter((share) => share < 0.01).length;
      expect(darkMonths).toBeLessThan(running.length / 2);
    });
  }
});
