import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floatArith } from '../../src/engine/arith';
import { classDiscountFactors } from '../../src/engine/discount';
import { createLeaseNpv, planTemplate } from '../../src/engine/fastNpv';
import { buildLeaseUnitLines, leaseLineMonths } from '../../src/engine/lease';
import {
  createLeaseLeg,
  expectedLeaseOutcome,
  type LeaseOutcome,
} from '../../src/engine/leaseOutcome';
import { buildStrategyLines, buildStrategyPlans, LINE_ITEMS } from '../../src/engine/strategies';
import type { Scenario, ScenarioInput } from '../../src/schema/scenario';
import { assertScenario } from '../../src/schema/validate';
import { scenarioArbitrary } from '../support/arbitraries';
import { loadScenarioFile } from '../support/fixtures';
import { simpleSite } from '../support/simpleSite';

const PRESETS = [
  'texas-300mw-hut8-style-lease.json',
  'hydro-20mw-older-fleet-retrofit.json',
  'feb-2026-market-snapshot.json',
];

const relativeGap = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

/** The expected outcome values every plan as the deterministic engine's lease leg does. */
function expectExpectedOutcomeIsTheEngine(scenario: Scenario) {
  const factors = classDiscountFactors(scenario);
  const unit = buildLeaseUnitLines(floatArith, scenario, leaseLineMonths(scenario));
  const engine = createLeaseNpv(scenario, unit, factors);
  const leg = createLeaseLeg(scenario, factors);
  leg.setOutcome(expectedLeaseOutcome(scenario));
  const zeroMining = {
    hashpriceUsdPerThDay: [],
    ...Object.fromEntries(
      [
        'revenueUsd',
        'poolFeeUsd',
        'powerUsd',
        'takeOrPayUsd',
        'demandChargeUsd',
        'nonPowerOpexUsd',
        'curtailmentIncomeUsd',
        'fleetResaleValueUsd',
        'stopSaleValueUsd',
        'refreshCapexUsd',
        'retiredResaleUsd',
        'energyMwh',
        'runningHashrateShare',
      ].map((key) => [key, new Array<number>(scenario.horizonMonths).fill(0)]),
    ),
  } as unknown as Parameters<typeof buildStrategyLines<number>>[2];
  for (const plan of buildStrategyPlans(scenario, Math.floor(scenario.horizonMonths / 3))) {
    const template = planTemplate(scenario, plan.convertUtilityMw);
    expect(
      relativeGap(leg.npv(template, plan.startMonth), engine(template, plan.startMonth)),
    ).toBeLessThan(1e-9);
    // Cash by month: the non-mining lines of buildStrategyLines.
    const lines = buildStrategyLines(floatArith, scenario, zeroMining, unit, plan);
    const cash = new Float64Array(scenario.horizonMonths);
    leg.addCash(template, plan.startMonth, cash);
    for (let m = 0; m < scenario.horizonMonths; m += 1) {
      const expected = LINE_ITEMS.filter((item) => item.class !== 'mining').reduce(
        (sum, item) => sum + lines[item.key][m]!,
        0,
      );
      expect(Math.abs(cash[m]! - expected)).toBeLessThanOrEqual(
        1e-6 * Math.max(1, Math.abs(expected)),
      );
    }
  }
}

describe('the lease leg under an outcome (leaseOutcome.ts)', () => {
  it.each(PRESETS)(
    '%s: the expected outcome is the deterministic lease leg, NPV and cash',
    (name) => {
      expectExpectedOutcomeIsTheEngine(assertScenario(loadScenarioFile(name)));
    },
  );

  it('the expected outcome is the deterministic lease leg on random scenarios', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (input) => {
        expectExpectedOutcomeIsTheEngine(assertScenario(input));
      }),
      { numRuns: 40, seed: 23 },
    );
  });

  // docs/monte-carlo.md §2.4, worked example: the renewal DCF over a hall life of one term, so
  // the lease runs lease months 0 … 179 whatever the horizon.
  const example: ScenarioInput = simpleSite({
    horizonMonths: 120,
    lease: {
      rateUsdPerKwMonth: 150,
      escalatorPctPerYear: 0,
      termYears: 15,
      landlordOpexPctOfRent: 0,
      tenantDefaultPctPerYear: 2,
      recoveryPct: 40,
      backstopPct: 50,
      terminalValue: { kind: 'renewal-dcf', valuationLifeYears: 15 },
    },
  });

  it('worked example: a default in lease month 24, never re-let, costs 360,000 × v^37 (1 − v^156)/(1 − v) = $24.09M', () => {
    const scenario = assertScenario(example);
    const factors = classDiscountFactors(scenario);
    const leg = createLeaseLeg(scenario, factors);
    const convertNow = planTemplate(scenario, scenario.site.utilityMw);
    const noDefault: LeaseOutcome = { ...expectedLeaseOutcome(scenario), defaultIsEvent: true };
    leg.setOutcome(noDefault);
    const withoutDefault = leg.npv(convertNow, 0);
    leg.setOutcome({ ...noDefault, defaultLeaseMonth: 24 });
    const loss = withoutDefault - leg.npv(convertNow, 0);
    const v = 1.1 ** (-1 / 12);
    // Lease months 24 … 179 (the hall's life), paid at months 12 + j + 1 from now.
    const closedForm = 8 * 150_000 * 0.6 * 0.5 * ((v ** 37 * (1 - v ** 156)) / (1 - v));
    expect(closedForm).toBeCloseTo(24_093_736.64, 1);
    expect(relativeGap(loss, closedForm)).toBeLessThan(1e-12);
  });

  it('worked example: the default dates weighted by the survival law give the expected credit loss ($3.36M)', () => {
    const scenario = assertScenario(example);
    const factors = classDiscountFactors(scenario);
    const leg = createLeaseLeg(scenario, factors);
    const convertNow = planTemplate(scenario, scenario.site.utilityMw);
    leg.setOutcome(expectedLeaseOutcome(scenario));
    const expectedValue = leg.npv(convertNow, 0);
    const event: LeaseOutcome = { ...expectedLeaseOutcome(scenario), defaultIsEvent: true };
    const survival = (j: number) => 0.98 ** ((j + 1) / 12);
    let mean = 0;
    // Every lease month the renewal DCF values (the hall's life), not just the horizon's.
    expect(leg.leaseMonths).toBe(180);
    for (let tau = 0; tau < leg.leaseMonths; tau += 1) {
      leg.setOutcome({ ...event, defaultLeaseMonth: tau });
      mean += (survival(tau - 1) - survival(tau)) * leg.npv(convertNow, 0);
    }
    leg.setOutcome({ ...event, defaultLeaseMonth: Number.POSITIVE_INFINITY });
    const noDefault = leg.npv(convertNow, 0);
    mean += survival(leg.leaseMonths - 1) * noDefault;
    expect(relativeGap(mean, expectedValue)).toBeLessThan(1e-12);
    // Σ_j 1.2M × (1 − S(j)) × 0.3 × v^(13 + j), j = 0 … 179.
    expect(noDefault - expectedValue).toBeCloseTo(3_363_810.54, 1);
  });

  it('worked example: an exit yield 2 points above the lease rate values the lease after the horizon at 12%, −$1.21M (docs/model.md §6)', () => {
    // 8 IT MW at $150/kW-month, no escalator, no default, delivered at month 12, lease months
    // 0 … 179: months 12 … 119 stay at their own dates at 10%; months 120 … 191 (lease months
    // 108 … 179) are discounted to month 119 at 12%, then to today at 10%.
    const scenario = assertScenario({
      ...example,
      lease: { ...example.lease, tenantDefaultPctPerYear: 0 },
    });
    const factors = classDiscountFactors(scenario);
    const leg = createLeaseLeg(scenario, factors);
    const convertNow = planTemplate(scenario, scenario.site.utilityMw);
    const expected = expectedLeaseOutcome(scenario);
    leg.setOutcome(expected);
    const atLeaseRate = leg.npv(convertNow, 0);
    leg.setOutcome({ ...expected, exitYieldPremiumPct: 2 });
    const atExitYield = leg.npv(convertNow, 0);
    const rent = 8 * 150_000;
    const v = 1.1 ** (-1 / 12);
    const w = 1.12 ** (-1 / 12);
    const tail = (x: number) => (rent * x * (1 - x ** 72)) / (1 - x);
    // The change: the 72 months after the horizon at 12% instead of 10%, valued at month 119.
    const closedForm = v ** 120 * (tail(w) - tail(v));
    expect(closedForm).toBeCloseTo(-1_213_259.46, 1);
    expect(relativeGap(atExitYield - atLeaseRate, closedForm)).toBeLessThan(1e-9);
    // The cash route (the horizon month carries the tail) gives the same NPV.
    const cash = new Float64Array(scenario.horizonMonths);
    leg.addCash(convertNow, 0, cash);
    const viaCash = cash.reduce(
      (sum, flow, m) => sum + flow * (m < 12 ? factors.construction[m]! : factors.lease[m]!),
      0,
    );
    expect(relativeGap(viaCash, atExitYield)).toBeLessThan(1e-9);
  });

  it('a delay moves the rent later and stretches the capex; an overrun scales it', () => {
    const scenario = assertScenario(example);
    const factors = classDiscountFactors(scenario);
    const leg = createLeaseLeg(scenario, factors);
    const convertNow = planTemplate(scenario, scenario.site.utilityMw);
    // No default drawn on this path: the full rent.
    const base: LeaseOutcome = { ...expectedLeaseOutcome(scenario), defaultIsEvent: true };
    const cashOf = (outcome: LeaseOutcome) => {
      leg.setOutcome(outcome);
      const cash = new Float64Array(scenario.horizonMonths);
      leg.addCash(convertNow, 0, cash);
      return cash;
    };
    const late = cashOf({ ...base, delayMonths: 6, capexFactor: 1.4 });
    // 8 MW × $5M × 1.4 over 18 months, then rent from month 18.
    for (let m = 0; m < 18; m += 1) expect(late[m]).toBeCloseTo((-8 * 5_000_000 * 1.4) / 18, 6);
    expect(late[18]).toBeCloseTo(8 * 150_000, 6);
    const onTime = cashOf(base);
    expect(onTime[12]).toBeCloseTo(8 * 150_000, 6);
  });
});
