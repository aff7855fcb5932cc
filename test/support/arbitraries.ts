import fc from 'fast-check';
import type { ScenarioInput } from '../../src/schema/scenario';

/**
 * Random valid scenarios for property tests: every field inside the schema's ranges, fleets
 * sized to fit the site, short horizons so thousands of runs stay fast. Unit counts are even so
 * that a site can be split into two exact halves.
 */
export const scenarioArbitrary: fc.Arbitrary<ScenarioInput> = fc
  .record({
    utilityMw: fc.double({ min: 5, max: 500, noNaN: true }),
    fleetFillShare: fc.double({ min: 0.2, max: 0.99, noNaN: true }),
    models: fc.array(
      fc.record({
        hashrateThs: fc.double({ min: 80, max: 1200, noNaN: true }),
        jPerTh: fc.double({ min: 9, max: 40, noNaN: true }),
        weight: fc.double({ min: 0.1, max: 1, noNaN: true }),
        resaleUsdPerTh: fc.double({ min: 0, max: 25, noNaN: true }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    overheadMultiplier: fc.double({ min: 1, max: 1.3, noNaN: true }),
    uptimePct: fc.double({ min: 80, max: 100, noNaN: true }),
    poolFeePct: fc.double({ min: 0, max: 4, noNaN: true }),
    startYear: fc.integer({ min: 2025, max: 2030 }),
    startMonthOfYear: fc.integer({ min: 1, max: 12 }),
    horizonMonths: fc.integer({ min: 12, max: 120 }),
    powerKind: fc.constantFrom('fixed', 'index'),
    powerPriceUsdPerMwh: fc.double({ min: 15, max: 120, noNaN: true }),
    takeOrPayMinimumPct: fc.constantFrom(0, 0, 50, 90),
    demandChargeUsdPerKwMonth: fc.double({ min: 0, max: 5, noNaN: true }),
    curtailmentHoursPerYear: fc.double({ min: 0, max: 500, noNaN: true }),
    difficultyT: fc.double({ min: 50, max: 300, noNaN: true }),
    difficultyGrowthPctPerYear: fc.double({ min: -20, max: 60, noNaN: true }),
    btcPriceUsd: fc.double({ min: 20_000, max: 300_000, noNaN: true }),
    btcGrowthPctPerYear: fc.double({ min: -30, max: 60, noNaN: true }),
    capexUsdPerItMw: fc.double({ min: 1e6, max: 14e6, noNaN: true }),
    constructionMonths: fc.integer({ min: 1, max: 24 }),
    phased: fc.boolean(),
    rateUsdPerKwMonth: fc.double({ min: 60, max: 220, noNaN: true }),
    termYears: fc.integer({ min: 3, max: 20 }),
    freeRentMonths: fc.integer({ min: 0, max: 6 }),
    prepaymentMonthsOfRent: fc.integer({ min: 0, max: 6 }),
    tenantDefaultPctPerYear: fc.double({ min: 0, max: 10, noNaN: true }),
    renewalProbabilityPct: fc.double({ min: 0, max: 100, noNaN: true }),
    exitCap: fc.option(fc.double({ min: 5, max: 12, noNaN: true }), { nil: null }),
    leaseType: fc.constantFrom('nnn', 'modified-gross'),
    discountRatePctPerYear: fc.double({ min: 0, max: 25, noNaN: true }),
    miningPremiumPct: fc.option(fc.double({ min: 0, max: 15, noNaN: true }), { nil: null }),
    convertAtShare: fc.double({ min: 0, max: 0.99, noNaN: true }),
    renewalDcf: fc.boolean(),
    refresh: fc.boolean(),
    ageYears: fc.double({ min: 0, max: 8, noNaN: true }),
    marginalCostFloor: fc.boolean(),
  })
  .map((r): ScenarioInput => {
    const weightTotal = r.models.reduce((sum, m) => sum + m.weight, 0);
    const fleetBudgetW = (r.utilityMw * 1e6 * r.fleetFillShare) / r.overheadMultiplier;
    const fleet = r.models.map((m, index) => {
      const powerW = m.hashrateThs * m.jPerTh;
      const units = 2 * Math.floor((fleetBudgetW * (m.weight / weightTotal)) / powerW / 2);
      return {
        model: `Model ${index + 1}`,
        units,
        hashrateThs: m.hashrateThs,
        powerW,
        resaleUsdPerTh: m.resaleUsdPerTh,
        ageYears: r.ageYears,
      };
    });
    return {
      schema: 'mine-or-lease/scenario',
      version: 2,
      name: 'random site',
      startMonth: `${r.startYear}-${String(r.startMonthOfYear).padStart(2, '0')}`,
      horizonMonths: r.horizonMonths,
      site: { utilityMw: r.utilityMw },
      mining: {
        overheadMultiplier: r.overheadMultiplier,
        uptimePct: r.uptimePct,
        poolFeePct: r.poolFeePct,
        refresh: { enabled: r.refresh, lifeYears: 4 },
      },
      fleet,
      power: {
        pricing:
          r.powerKind === 'fixed'
            ? { kind: 'fixed', priceUsdPerMwh: r.powerPriceUsdPerMwh, escalatorPctPerYear: 2 }
            : {
                kind: 'index',
                priceUsdPerMwhByMonth: [
                  r.powerPriceUsdPerMwh,
                  r.powerPriceUsdPerMwh * 1.3,
                  r.powerPriceUsdPerMwh * 0.8,
                ],
                adderUsdPerMwh: 3,
              },
        takeOrPayMinimumPct: r.takeOrPayMinimumPct,
        demandChargeUsdPerKwMonth: r.demandChargeUsdPerKwMonth,
        curtailment: {
          hoursPerYear: r.curtailmentHoursPerYear,
          creditUsdPerMwh: 200,
          capacityPaymentUsdPerMwYear: 10_000,
        },
      },
      network: {
        difficulty: r.difficultyT * 1e12,
        difficultyGrowthPctPerYear: r.difficultyGrowthPctPerYear,
        marginalCostFloor: r.marginalCostFloor,
      },
      priceCases: [
        {
          name: 'base',
          kind: 'growth',
          startPriceUsd: r.btcPriceUsd,
          growthPctPerYear: r.btcGrowthPctPerYear,
        },
        { name: 'flat', kind: 'monthly', pricesUsdByMonth: [r.btcPriceUsd] },
      ],
      referenceCase: 'base',
      conversion: {
        capexUsdPerItMw: r.capexUsdPerItMw,
        constructionMonths: r.constructionMonths,
        tranches: r.phased
          ? [
              { deliveryMonth: r.constructionMonths, itMwPct: 40 },
              { deliveryMonth: r.constructionMonths + 6, itMwPct: 60 },
            ]
          : [],
      },
      lease: {
        rateUsdPerKwMonth: r.rateUsdPerKwMonth,
        termYears: r.termYears,
        leaseType: r.leaseType as 'nnn' | 'modified-gross',
        modifiedGrossCostUsdPerKwMonth: 5,
        freeRentMonths: r.freeRentMonths,
        prepaymentMonthsOfRent: r.prepaymentMonthsOfRent,
        tenantDefaultPctPerYear: r.tenantDefaultPctPerYear,
        recoveryPct: 30,
        backstopPct: 50,
        renewalProbabilityPct: r.renewalProbabilityPct,
        terminalValue: r.renewalDcf
          ? { kind: 'renewal-dcf', valuationLifeYears: 30 }
          : r.exitCap === null
            ? { kind: 'none' }
            : { kind: 'exit-cap', exitCapRatePct: r.exitCap },
      },
      strategies: { convertAtMonth: Math.floor(r.convertAtShare * r.horizonMonths) },
      finance: {
        discountRatePctPerYear: r.discountRatePctPerYear,
        miningDiscountRatePctPerYear:
          r.miningPremiumPct === null
            ? null
            : Math.min(100, r.discountRatePctPerYear + r.miningPremiumPct),
      },
    };
  });
