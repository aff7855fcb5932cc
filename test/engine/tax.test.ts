import { describe, expect, it } from 'vitest';
import {
  buildTaxSchedule,
  combinedTaxRate,
  depreciationByYearCents,
  macrsHalfYearPct,
  realPropertyShare,
} from '../../src/engine/tax';
import { taxSchema } from '../../src/schema/scenario';

const tax = (overrides: Record<string, unknown> = {}) => taxSchema.parse(overrides);

describe('depreciation', () => {
  it('MACRS 5-year by the method is the IRS table (TSDoc example)', () => {
    expect(macrsHalfYearPct(5, 2).map((r) => Number(r.toFixed(10)))).toEqual([
      20, 32, 19.2, 11.52, 11.52, 5.76,
    ]);
  });

  it('$1,000,000 of ASICs with 40% bonus (TSDoc example)', () => {
    const cents = depreciationByYearCents(
      { month: 3, basisUsd: 1_000_000, assetClass: 'asic-5-year' },
      0.4,
      8,
    );
    expect(cents.map((c) => c / 100)).toEqual([
      520_000, 192_000, 115_200, 69_120, 69_120, 34_560, 0, 0,
    ]);
  });

  it('39-year property placed in the first month: 11.5/468 then 1/39 (TSDoc example)', () => {
    expect(realPropertyShare(0, 0)).toBeCloseTo(11.5 / 468, 15);
    expect(realPropertyShare(0, 1)).toBeCloseTo(1 / 39, 15);
  });

  it('rounded year by year on the cumulative total, so every asset depreciates to its basis exactly', () => {
    const cents = depreciationByYearCents(
      { month: 17, basisUsd: 12_345_678.91, assetClass: 'fit-out-39-year' },
      0,
      45,
    );
    expect(cents[0]).toBe(0);
    expect(cents.reduce((a, b) => a + b, 0)).toBe(1_234_567_891);
  });
});

describe('the tax statement', () => {
  it('rate 21%, EBITDA $1M, $1M of ASICs with 40% bonus: tax $100,800 in month 11 (TSDoc example)', () => {
    const ebitda = new Array(12).fill(0);
    ebitda[5] = 1_000_000;
    const schedule = buildTaxSchedule(
      tax({ bonusDepreciationPct: 40, stateRatePct: 0 }),
      24,
      [...ebitda, ...new Array(12).fill(0)],
      null,
      [{ month: 0, basisUsd: 1_000_000, assetClass: 'asic-5-year' }],
    );
    expect(schedule.years[0]).toMatchObject({
      depreciationUsd: 520_000,
      taxableIncomeUsd: 480_000,
      taxUsd: 100_800,
    });
    expect(schedule.taxUsd[11]).toBe(-100_800);
    // Year 1 (the last): the remaining basis $288,000 is written off, a loss carried forward.
    expect(schedule.years[1]).toMatchObject({
      depreciationUsd: 192_000,
      basisWrittenOffUsd: 288_000,
      lossCarriedForwardUsd: 480_000,
      taxUsd: 0,
    });
  });

  it('state tax is deductible federally: 21% + 5% → 24.95%', () => {
    expect(combinedTaxRate(tax({ federalRatePct: 21, stateRatePct: 5 }))).toBeCloseTo(0.2495, 12);
  });

  it("losses carried forward offset at most 80% of a later year's taxable income", () => {
    const ebitda = [-1_000_000, ...new Array(11).fill(0), 2_000_000, ...new Array(11).fill(0)];
    const schedule = buildTaxSchedule(tax(), 24, ebitda, null, []);
    expect(schedule.years[0]!.lossCarriedForwardUsd).toBe(1_000_000);
    expect(schedule.years[1]).toMatchObject({
      lossUsedUsd: 1_000_000,
      taxableIncomeUsd: 1_000_000,
      taxUsd: 210_000,
    });
    const tight = buildTaxSchedule(tax(), 24, [-2_000_000, ...ebitda.slice(1)], null, []);
    expect(tight.years[1]).toMatchObject({
      lossUsedUsd: 1_600_000,
      taxableIncomeUsd: 400_000,
      lossCarriedForwardUsd: 400_000,
    });
  });

  it('with the §163(j) option, interest above 30% of EBITDA is carried forward', () => {
    const ebitda = [1_000_000, ...new Array(11).fill(0)];
    const interest = [500_000, ...new Array(11).fill(0)];
    const capped = buildTaxSchedule(tax({ interestLimitation: true }), 12, ebitda, interest, []);
    expect(capped.years[0]).toMatchObject({
      interestDeductedUsd: 300_000,
      interestCarriedForwardUsd: 200_000,
      taxableIncomeUsd: 700_000,
    });
    const uncapped = buildTaxSchedule(tax(), 12, ebitda, interest, []);
    expect(uncapped.years[0]).toMatchObject({
      interestDeductedUsd: 500_000,
      taxableIncomeUsd: 500_000,
    });
  });

  it("a short final year pays in the horizon's last month; no refunds", () => {
    const schedule = buildTaxSchedule(tax(), 18, new Array(18).fill(10_000), null, []);
    expect(schedule.years).toHaveLength(2);
    expect(schedule.years[1]!.paymentMonth).toBe(17);
    expect(schedule.taxUsd[17]).toBeCloseTo(-0.21 * 60_000, 6);
    const losing = buildTaxSchedule(tax(), 12, new Array(12).fill(-10_000), null, []);
    expect(Math.min(...losing.taxUsd)).toBe(0);
    expect(Math.max(...losing.taxUsd)).toBe(0);
  });
});
