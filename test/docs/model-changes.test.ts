import { describe, expect, it } from 'vitest';
import { floatArith } from '../../src/engine/arith';
import { evaluate } from '../../src/engine/evaluate';
import { buildLeaseUnitLines } from '../../src/engine/lease';
import { slotVintages } from '../../src/engine/mining';
import { flooredNetwork, hashpriceFloorPath } from '../../src/engine/network';
import { type ScenarioInput, scenarioSchemaV1 } from '../../src/schema/scenario';
import { assertScenario } from '../../src/schema/validate';

/** docs/model.md §12: the worked examples of the rules issue 9 changed, recomputed. */
const base: ScenarioInput = {
  schema: 'mine-or-lease/scenario',
  version: 2,
  name: 'changes',
  startMonth: '2026-01',
  horizonMonths: 24,
  site: { utilityMw: 10 },
  mining: { economicShutdown: false },
  fleet: [{ model: 'Slot', units: 1000, hashrateThs: 200, powerW: 3500, ageYears: 3 }],
  power: { pricing: { kind: 'fixed', priceUsdPerMwh: 50 } },
  network: {
    difficulty: 140e12,
    difficultyGrowthPctPerYear: 0,
    startBlockHeight: 900_000,
    feesBtcPerBlock: 0,
  },
  priceCases: [{ name: 'base', kind: 'growth', startPriceUsd: 80_000, growthPctPerYear: 0 }],
  referenceCase: 'base',
  conversion: { itMw: 1, capexUsdPerItMw: 0, constructionMonths: 1 },
  lease: {
    rateUsdPerKwMonth: 100,
    escalatorPctPerYear: 0,
    termYears: 1,
    landlordOpexPctOfRent: 0,
    renewalProbabilityPct: 50,
    terminalValue: { kind: 'renewal-dcf', valuationLifeYears: 3 },
  },
  strategies: { convertAtMonth: 6 },
  finance: { discountRatePctPerYear: 12 },
};

describe('docs/model.md §2: the marginal-cost floor', () => {
  it('9.5 J/TH at $120/MWh: 0.02736 USD/TH/day, 0.024624 a year later at 10%/yr', () => {
    const floor = hashpriceFloorPath(
      floatArith,
      {
        frontierJPerTh: 9.5,
        frontierEfficiencyGainPctPerYear: 10,
        networkPowerPriceUsdPerMwh: 120,
      },
      13,
    );
    expect(floor[0]).toBeCloseTo(0.02736, 12);
    expect(floor[12]).toBeCloseTo(0.024624, 12);
  });

  it('a floor of 0.04 takes 140 T down to K × 80,000 / 0.04 = 125.7285476 T', () => {
    const k = (86_400e12 * 3.125) / 2 ** 32;
    expect(k).toBeCloseTo(62_864_273.79, 2);
    const perBtc = k / 140e12;
    expect(perBtc * 80_000).toBeCloseTo(0.0359224, 7);
    const { difficulty, hashpricePerBtcUsd } = flooredNetwork(
      floatArith,
      { difficulty: [140e12, 140e12], growthFactor: [1, 1] },
      [perBtc, perBtc],
      [80_000, 80_000],
      [0.04, 0.03],
    );
    expect(difficulty[0]! / 1e12).toBeCloseTo(125.7285476, 6);
    expect(hashpricePerBtcUsd[0]! * 80_000).toBeCloseTo(0.04, 12);
    // Growth resumes from the floored level, not from the fixed path.
    expect(difficulty[1]).toBe(difficulty[0]);
  });

  it('in the engine, no month of any case has hashprice below the floor', () => {
    const result = evaluate(
      { ...base, network: { ...base.network, difficultyGrowthPctPerYear: 60 } },
      { breakevens: false, sensitivity: false },
    );
    const floor = hashpriceFloorPath(floatArith, assertScenario(base).network, 24);
    const hashprice = result.cases[0]!.series.hashpriceUsdPerThDay;
    for (const [m, hp] of hashprice.entries()) {
      expect(hp).toBeGreaterThanOrEqual(floor[m]! * (1 - 1e-12));
    }
    // 60%/yr growth reaches the floor within the horizon: difficulty stalls.
    expect(hashprice.some((hp, m) => Math.abs(hp - floor[m]!) < 1e-12)).toBe(true);
  });
});

describe('docs/model.md §5: fleet refresh', () => {
  it('1,000 × 3,500 W aged 3 years, life 5: 454,840.8 TH/s of frontier machines at month 24, again at 84', () => {
    const scenario = scenarioSchemaV1.parse({
      ...base,
      horizonMonths: 120,
      mining: { refresh: { enabled: true, lifeYears: 5 } },
    });
    const vintages = slotVintages(floatArith, scenario, scenario.fleet[0]!);
    expect(vintages.map((v) => v.fromMonth)).toEqual([-1, 24, 84]);
    expect(vintages[1]!.thsTotalNumber).toBeCloseTo(454_840.8, 1);
  });

  it('keep mining books the purchase and the retired machines’ resale in month 24', () => {
    const input = {
      ...base,
      horizonMonths: 36,
      fleet: [{ ...base.fleet![0]!, resaleUsdPerTh: 10, resaleDeclinePctPerYear: 0 }],
      mining: {
        economicShutdown: false,
        resaleTracksHashprice: false,
        refresh: { enabled: true, lifeYears: 5, frontierUsdPerTh: 16 },
      },
    };
    const keep = evaluate(input, { breakevens: false, sensitivity: false }).cases[0]!
      .strategies[0]!;
    // Flat price and difficulty: hashprice(24) = hashprice(0), so the index is 1.
    expect(keep.lines.fleetRefreshUsd[24]).toBeCloseTo(-454_840.8057 * 16, 2);
    expect(keep.lines.fleetResaleUsd[24]).toBeCloseTo(200_000 * 10, 6);
    expect(keep.lines.fleetRefreshUsd.filter((x) => x !== 0)).toHaveLength(1);
  });
});

describe('docs/model.md §6: the lease valued the same wherever the horizon falls', () => {
  it('1 IT MW, $100/kW-month, 12-month terms at 50% renewal, 36-month life, 12%: PV 1,858,275.32', () => {
    const scenario = assertScenario(base);
    const unit = buildLeaseUnitLines(floatArith, scenario, 36);
    expect(unit.tailValueUsd[0]).toBeCloseTo(1_858_275.32, 2);
    expect(unit.tailValueUsd[6]).toBeCloseTo(1_352_199.2, 2);
    expect(unit.tailValueUsd[18]).toBeCloseTo(557_020.58, 2);
    const v = 1.12 ** (-1 / 12);
    let inHorizon = 0;
    for (let j = 0; j < 6; j += 1) inHorizon += unit.rentUsd[j]! * v ** (j + 1);
    expect(inHorizon).toBeCloseTo(580_567.18, 2);
    expect(inHorizon + unit.tailValueUsd[6]! * v ** 6).toBeCloseTo(1_858_275.32, 2);
  });

  it('site residual: the same amount in every strategy, in the last month', () => {
    const result = evaluate(base, { breakevens: false, sensitivity: false });
    for (const strategy of result.cases[0]!.strategies) {
      expect(strategy.lines.siteResidualUsd[23]).toBe(10 * 1_000_000);
      expect(strategy.lines.siteResidualUsd.slice(0, 23).every((x) => x === 0)).toBe(true);
    }
  });
});
