import { describe, expect, it } from 'vitest';
import { floatArith } from '../../src/engine/arith';
import { buildLeaseUnitLines } from '../../src/engine/lease';
import type { ScenarioInput } from '../../src/schema/scenario';
import { assertScenario } from '../../src/schema/validate';
import { simpleSite } from '../support/simpleSite';

function leaseLines(
  lease: Partial<ScenarioInput['lease']>,
  conversion: Partial<ScenarioInput['conversion']> = {},
) {
  const site = simpleSite();
  const scenario = assertScenario({
    ...site,
    lease: { ...site.lease, ...lease },
    conversion: { ...site.conversion, ...conversion },
  });
  return buildLeaseUnitLines(floatArith, scenario, scenario.horizonMonths);
}

describe('lease leg per MW of critical IT', () => {
  it('charges rate × 1,000 kW and steps the escalator each lease year (the TSDoc example)', () => {
    const lines = leaseLines({ escalatorPctPerYear: 3 });
    expect(lines.rentUsd[0]).toBe(150_000);
    expect(lines.rentUsd[11]).toBe(150_000);
    expect(lines.rentUsd[12]).toBeCloseTo(154_500, 9);
    expect(lines.rentUsd[24]).toBeCloseTo(150_000 * 1.03 ** 2, 9);
  });

  it('gives free-rent months and credits a prepayment against the first rent due', () => {
    const lines = leaseLines({ freeRentMonths: 2, prepaymentMonthsOfRent: 2.5 });
    expect(lines.prepaymentUsd).toBe(375_000);
    expect(lines.rentUsd.slice(0, 6)).toEqual([0, 0, 0, 0, 75_000, 150_000]);
  });

  it('takes an expected credit loss growing with the default probability, less recovery and backstop', () => {
    const lines = leaseLines({ tenantDefaultPctPerYear: 12, recoveryPct: 25, backstopPct: 50 });
    const survivalAfterYear = 0.88;
    const lossShare = (1 - survivalAfterYear) * 0.75 * 0.5;
    expect(lines.creditLossUsd[11]).toBeCloseTo(-150_000 * lossShare, 6);
    expect(lines.creditLossUsd[0]).toBeCloseTo(-150_000 * (1 - 0.88 ** (1 / 12)) * 0.375, 6);
  });

  it('weights each renewal term by the renewal probability', () => {
    const lines = leaseLines({ termYears: 1, renewalProbabilityPct: 50 });
    expect(lines.rentUsd[11]).toBe(150_000);
    expect(lines.rentUsd[12]).toBe(75_000);
    expect(lines.rentUsd[24]).toBe(37_500);
    const ended = leaseLines({ termYears: 1, renewalProbabilityPct: 0 });
    expect(ended.rentUsd[12]).toBe(0);
  });

  it('charges landlord opex on rent due and the modified-gross cost only on modified-gross leases', () => {
    const nnn = leaseLines({ landlordOpexPctOfRent: 4, modifiedGrossCostUsdPerKwMonth: 10 });
    expect(nnn.landlordOpexUsd[0]).toBeCloseTo(-6000, 9);
    const gross = leaseLines({
      landlordOpexPctOfRent: 4,
      leaseType: 'modified-gross',
      modifiedGrossCostUsdPerKwMonth: 10,
    });
    expect(gross.landlordOpexUsd[0]).toBeCloseTo(-6000 - 10_000, 9);
    expect(gross.noiUsd[0]).toBeCloseTo(150_000 - 16_000, 9);
  });

  it('spreads the landlord share of capex evenly over the construction months', () => {
    const lines = leaseLines(
      {},
      { capexUsdPerItMw: 9_000_000, tenantFundedPct: 25, constructionMonths: 9 },
    );
    expect(lines.capexPerConstructionMonthUsd).toBeCloseTo(-750_000, 6);
  });
});
