import type { ScenarioInput } from '../../src/schema/scenario';

/**
 * A hand-checkable site: 10 MW, 1,000 machines of 100 TH/s at 2,000 W (2 MW, no overhead,
 * full uptime, no pool fee, no opex), $50/MWh flat, BTC flat, difficulty flat, height 900,000
 * (subsidy 3.125), no fees, a single 12-month construction, $150/kW-month NNN with no extras.
 * Tests override what they examine.
 */
export function simpleSite(overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    schema: 'mine-or-lease/scenario',
    version: 2,
    name: 'Simple site',
    startMonth: '2026-01',
    horizonMonths: 36,
    site: { utilityMw: 10 },
    mining: {
      overheadMultiplier: 1,
      uptimePct: 100,
      poolFeePct: 0,
      nonPowerOpexUsdPerMwh: 0,
      nonPowerOpexUsdPerKwMonth: 0,
      economicShutdown: true,
      resaleTracksHashprice: false,
    },
    fleet: [{ model: 'Test 100', units: 1000, hashrateThs: 100, powerW: 2000, resaleUsdPerTh: 0 }],
    power: { pricing: { kind: 'fixed', priceUsdPerMwh: 50, escalatorPctPerYear: 0 } },
    network: {
      difficulty: 140e12,
      difficultyGrowthPctPerYear: 0,
      // Hand-checkable under the fixed growth rule; the floor has its own tests.
      marginalCostFloor: false,
      startBlockHeight: 900_000,
      feesBtcPerBlock: 0,
    },
    priceCases: [{ name: 'base', kind: 'growth', startPriceUsd: 80_000, growthPctPerYear: 0 }],
    referenceCase: 'base',
    conversion: { itMw: 8, capexUsdPerItMw: 5_000_000, constructionMonths: 12 },
    lease: {
      rateUsdPerKwMonth: 150,
      escalatorPctPerYear: 0,
      termYears: 15,
      landlordOpexPctOfRent: 0,
    },
    strategies: { convertAtMonth: 12 },
    finance: { discountRatePctPerYear: 10 },
    ...overrides,
  };
}

/** Hashprice of the simple site's network: 86400e12 × 3.125 × P / (D × 2^32). */
export function simpleHashprice(btcPriceUsd = 80_000, difficulty = 140e12): number {
  return (86_400e12 * 3.125 * btcPriceUsd) / (difficulty * 2 ** 32);
}
