import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Arith, floatArith } from '../../src/engine/arith';
import { buildMiningLines } from '../../src/engine/mining';
import { buildCaseModel, buildScenarioModel } from '../../src/engine/model';
import { PathRandom } from '../../src/engine/montecarlo/rng';
import type { ScenarioInput } from '../../src/schema/scenario';
import { assertScenario } from '../../src/schema/validate';
import { scenarioArbitrary } from '../support/arbitraries';
import { simpleHashprice, simpleSite } from '../support/simpleSite';

function miningLines(input: ScenarioInput) {
  const scenario = assertScenario(input);
  const model = buildScenarioModel(floatArith, scenario);
  return buildCaseModel(floatArith, model, scenario.priceCases[0]!).mining;
}

const JANUARY_MWH = (2000 * 31 * 24) / 1000; // 2 MW all of January: 1,488 MWh

describe('mining leg', () => {
  it('earns hashprice × TH × days and pays energy × price when profitable', () => {
    const lines = miningLines(simpleSite());
    expect(lines.revenueUsd[0]).toBeCloseTo(simpleHashprice() * 100_000 * 31, 6);
    expect(lines.powerUsd[0]).toBeCloseTo(-JANUARY_MWH * 50, 6);
    expect(lines.energyMwh[0]).toBeCloseTo(JANUARY_MWH, 9);
    expect(lines.runningHashrateShare[0]).toBe(1);
    expect(lines.takeOrPayUsd[0]).toBeCloseTo(0, 9);
  });

  it('takes the pool fee on subsidy and fees, and applies uptime to revenue and energy', () => {
    const site = simpleSite();
    const lines = miningLines({
      ...site,
      mining: { ...site.mining, poolFeePct: 2, uptimePct: 95 },
    });
    const revenue = simpleHashprice() * 100_000 * 31 * 0.95;
    expect(lines.revenueUsd[0]).toBeCloseTo(revenue, 6);
    expect(lines.poolFeeUsd[0]).toBeCloseTo(-0.02 * revenue, 6);
    expect(lines.powerUsd[0]).toBeCloseTo(-JANUARY_MWH * 0.95 * 50, 6);
  });

  it('shuts the fleet down in months where revenue is below the power cost, and restarts it', () => {
    const site = simpleSite();
    // $20k BTC: revenue ≈ $27.8k a month against $74.4k of power.
    const lines = miningLines({
      ...site,
      priceCases: [{ name: 'dip', kind: 'monthly', pricesUsdByMonth: [80_000, 20_000, 80_000] }],
      referenceCase: 'dip',
    });
    expect(lines.runningHashrateShare.slice(0, 3)).toEqual([1, 0, 1]);
    expect(lines.revenueUsd[1]).toBe(0);
    expect(lines.powerUsd[1]).toBe(-0);
  });

  it('keeps running at a loss when economic shutdown is off', () => {
    const site = simpleSite();
    const lines = miningLines({
      ...site,
      mining: { ...site.mining, economicShutdown: false },
      priceCases: [{ name: 'low', kind: 'growth', startPriceUsd: 20_000, growthPctPerYear: 0 }],
      referenceCase: 'low',
    });
    expect(lines.runningHashrateShare[0]).toBe(1);
    expect(lines.revenueUsd[0]! + lines.powerUsd[0]!).toBeLessThan(0);
  });

  describe('take-or-pay', () => {
    const lowPrice = {
      name: 'low',
      kind: 'growth',
      startPriceUsd: 20_000,
      growthPctPerYear: 0,
    } as const;

    it('does not bind when the fleet uses more than the minimum', () => {
      const site = simpleSite();
      const lines = miningLines({ ...site, power: { ...site.power, takeOrPayMinimumPct: 60 } });
      expect(lines.takeOrPayUsd[0]).toBeCloseTo(0, 9);
      expect(lines.powerUsd[0]).toBeCloseTo(-JANUARY_MWH * 50, 6);
    });

    it('binds at a low price: the already-paid 60% keeps mining, the rest shuts down', () => {
      const site = simpleSite();
      const lines = miningLines({
        ...site,
        power: { ...site.power, takeOrPayMinimumPct: 60 },
        priceCases: [lowPrice],
        referenceCase: lowPrice.name,
      });
      expect(lines.runningHashrateShare[0]).toBeCloseTo(0.6, 12);
      expect(lines.powerUsd[0]).toBeCloseTo(-0.6 * JANUARY_MWH * 50, 6);
      expect(lines.takeOrPayUsd[0]).toBeCloseTo(0, 9);
      expect(lines.revenueUsd[0]).toBeCloseTo(0.6 * simpleHashprice(20_000) * 100_000 * 31, 6);
    });

    it('bills the shortfall when even the paid-for energy is not worth running', () => {
      const site = simpleSite();
      const lines = miningLines({
        ...site,
        mining: { ...site.mining, nonPowerOpexUsdPerMwh: 500 },
        power: { ...site.power, takeOrPayMinimumPct: 60 },
        priceCases: [lowPrice],
        referenceCase: lowPrice.name,
      });
      expect(lines.runningHashrateShare[0]).toBe(0);
      expect(lines.powerUsd[0]).toBe(-0);
      expect(lines.takeOrPayUsd[0]).toBeCloseTo(-0.6 * JANUARY_MWH * 50, 6);
    });
  });

  it('earns curtailment credit for curtailed hours and a capacity payment on the fleet MW', () => {
    const site = simpleSite();
    const lines = miningLines({
      ...site,
      power: {
        ...site.power,
        curtailment: {
          hoursPerYear: 365,
          creditUsdPerMwh: 100,
          capacityPaymentUsdPerMwYear: 36_500,
        },
      },
    });
    // 365 h/yr → 31 h in January: hashing 713 of 744 hours.
    expect(lines.revenueUsd[0]).toBeCloseTo(simpleHashprice() * 100_000 * 31 * (713 / 744), 6);
    expect(lines.curtailmentIncomeUsd[0]).toBeCloseTo(2 * 31 * 100 + 36_500 * 2 * (31 / 365), 6);
  });

  it('charges demand on the running kW and fixed opex on the fleet kW', () => {
    const site = simpleSite();
    const lines = miningLines({
      ...site,
      mining: { ...site.mining, nonPowerOpexUsdPerKwMonth: 2, nonPowerOpexUsdPerMwh: 1 },
      power: { ...site.power, demandChargeUsdPerKwMonth: 5 },
    });
    expect(lines.demandChargeUsd[0]).toBeCloseTo(-2000 * 5, 9);
    expect(lines.nonPowerOpexUsd[0]).toBeCloseTo(-(JANUARY_MWH * 1 + 2000 * 2), 9);
  });

  it('runs the most efficient model first when only part of the fleet pays', () => {
    const site = simpleSite();
    const lines = miningLines({
      ...site,
      fleet: [
        { model: 'Old', units: 500, hashrateThs: 100, powerW: 3000 },
        { model: 'New', units: 500, hashrateThs: 200, powerW: 3000 },
      ],
      priceCases: [{ name: 'mid', kind: 'growth', startPriceUsd: 60_000, growthPctPerYear: 0 }],
      referenceCase: 'mid',
    });
    // At $60k the 15 J/TH model earns ~1.5× its power cost, the 30 J/TH one ~0.75×.
    expect(lines.runningHashrateShare[0]).toBeCloseTo(100_000 / 150_000, 12);
  });

  it('values the fleet for resale declining with age', () => {
    const site = simpleSite();
    const lines = miningLines({
      ...site,
      fleet: [{ ...site.fleet[0]!, resaleUsdPerTh: 10, resaleDeclinePctPerYear: 20 }],
    });
    expect(lines.fleetResaleValueUsd[0]).toBeCloseTo(1_000_000, 6);
    expect(lines.fleetResaleValueUsd[12]).toBeCloseTo(800_000, 6);
  });
});

describe('regression: a fleet model with no units under refresh (CI seed 1615345371)', () => {
  it('keeps a finite, zero value after its life instead of NaN at the horizon', () => {
    const site = simpleSite();
    const lines = miningLines({
      ...site,
      horizonMonths: 50,
      mining: { ...site.mining, refresh: { enabled: true, lifeYears: 4 } },
      fleet: [
        ...site.fleet!,
        { model: 'Idle', units: 0, hashrateThs: 1200, powerW: 35_000, resaleUsdPerTh: 5 },
      ],
    });
    // Month 49 is past the idle slot's 48-month life; before the fix its value was NaN.
    expect(lines.fleetResaleValueUsd.every(Number.isFinite)).toBe(true);
    expect(lines.stopSaleValueUsd.every(Number.isFinite)).toBe(true);
    const alone = miningLines({
      ...site,
      horizonMonths: 50,
      mining: { ...site.mining, refresh: { enabled: true, lifeYears: 4 } },
    });
    expect(lines.fleetResaleValueUsd[49]).toBeCloseTo(alone.fleetResaleValueUsd[49]!, 6);
  });
});

describe('regression: the shutdown rule ignored the capacity payment (CI seed 14)', () => {
  it('runs a month whose revenue misses the power cost by less than the capacity payment', () => {
    const site = simpleSite();
    // 2 MW: $100k/MW-yr is $16,986 in January; revenue at $47k ≈ $65.3k against $74.4k of power.
    const lines = miningLines({
      ...site,
      power: {
        ...site.power!,
        curtailment: { hoursPerYear: 0, creditUsdPerMwh: 0, capacityPaymentUsdPerMwYear: 100_000 },
      },
      priceCases: [{ name: 'base', kind: 'growth', startPriceUsd: 47_000, growthPctPerYear: 0 }],
    });
    expect(lines.revenueUsd[0]! + lines.powerUsd[0]!).toBeLessThan(0);
    expect(lines.runningHashrateShare[0]).toBe(1);
    expect(lines.curtailmentIncomeUsd[0]).toBeCloseTo((2 * 100_000 * 31) / 365, 6);
  });
});

describe('buildMiningLines: the float months written out = the generic arithmetic', () => {
  // The same float64 operations behind another `Arith` object: every `arith === floatArith` test
  // fails, so the generic path runs (mining.ts, `writeFloatMonths` and `floatBlocksRunning`).
  const genericFloat: Arith<number> = { ...floatArith };

  function bothPaths(input: ScenarioInput, seed: number) {
    const scenario = assertScenario(input);
    const random = new PathRandom([seed | 0, 7, 11, 13]);
    // Lognormal months around $70k: hashprice crosses every model's shutdown thresholds; one
    // path in four starts at a zero hashprice (resale then follows its own decline).
    const btcPriceUsd = Array.from({ length: scenario.horizonMonths }, (_, m) =>
      m === 0 && (seed & 3) === 0 ? 0 : 70_000 * Math.exp(0.8 * random.normal()),
    );
    const lines = [floatArith, genericFloat].map((arith) => {
      const model = buildScenarioModel(arith, scenario);
      const perBtc = model.hashpricePerBtcUsd;
      return buildMiningLines(
        model.mining,
        btcPriceUsd.map((price, m) => price * perBtc[m]!),
      );
    });
    return { fast: lines[0]!, generic: lines[1]! };
  }

  it('bit for bit, on random scenarios and paths (shutdown and resale tracking on and off, refresh by payback)', () => {
    let partialMonths = 0;
    fc.assert(
      fc.property(
        scenarioArbitrary,
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.integer(),
        (input, shutdown, tracks, payback, seed) => {
          const refresh = payback
            ? { enabled: true, lifeYears: 4, trigger: 'payback' as const, paybackMonths: 24 }
            : input.mining?.refresh;
          const { fast, generic } = bothPaths(
            {
              ...input,
              mining: {
                ...input.mining,
                economicShutdown: shutdown,
                resaleTracksHashprice: tracks,
                ...(refresh ? { refresh } : {}),
              },
            },
            seed,
          );
          for (const key of Object.keys(generic) as (keyof typeof generic)[]) {
            expect(fast[key], key).toStrictEqual(generic[key]);
          }
          partialMonths += fast.runningHashrateShare.filter((s) => s > 0 && s < 1).length;
        },
      ),
      { numRuns: 60, seed: 9 },
    );
    // The paths reached months where only part of the fleet runs.
    expect(partialMonths).toBeGreaterThan(50);
  });
});
