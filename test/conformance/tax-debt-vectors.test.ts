import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProjectDebt } from '../../src/engine/debt';
import { pmt } from '../../src/engine/finance';
import { MACRS_HALF_YEAR_PCT, REAL_PROPERTY_YEARS, realPropertyShare } from '../../src/engine/tax';
import { projectDebtSchema } from '../../src/schema/scenario';

/**
 * Loan schedules and depreciation rates against LibreOffice Calc as the oracle: the vectors are
 * Calc's own results (PMT, IPMT, PPMT, VDB, SLN), written by scripts/oracle/tax-debt-vectors.ts.
 */
interface Vectors {
  source: string;
  loans: {
    couponPct: number;
    months: number;
    principalUsd: number;
    pmtUsd: number;
    ipmtUsd: number[];
    ppmtUsd: number[];
  }[];
  macrsHalfYear: Record<'asic-5-year' | 'fit-out-15-year', { pct: number[]; roundedPct: number[] }>;
  realProperty39FirstYearPctByMonth: number[];
  realProperty39FullYearPct: number;
}

const vectors = JSON.parse(
  readFileSync(new URL('../fixtures/oracle/tax-debt-vectors.json', import.meta.url), 'utf8'),
) as Vectors;

/** IRS Publication 946 (2024), Table A-1, half-year convention: the published, rounded rates. */
const IRS_TABLE_A1 = {
  'asic-5-year': [20, 32, 19.2, 11.52, 11.52, 5.76],
  'fit-out-15-year': [
    5, 9.5, 8.55, 7.7, 6.93, 6.23, 5.9, 5.9, 5.91, 5.9, 5.91, 5.9, 5.91, 5.9, 5.91, 2.95,
  ],
} as const;

describe('loan schedules against Calc PMT / IPMT / PPMT', () => {
  it('the vectors come from LibreOffice', () => {
    expect(vectors.source).toMatch(/^LibreOffice \d+\.\d+/);
    expect(vectors.loans.length).toBeGreaterThanOrEqual(5);
  });

  for (const loan of vectors.loans) {
    const label = `${loan.couponPct}% × ${loan.months} months on $${loan.principalUsd}`;
    it(`pmt equals Calc PMT: ${label}`, () => {
      const payment = -pmt(loan.couponPct / 100 / 12, loan.months, loan.principalUsd);
      expect(Math.abs(payment - loan.pmtUsd)).toBeLessThan(1e-9 * loan.pmtUsd);
    });

    it(`the level term loan pays Calc's IPMT and PPMT to the cent: ${label}`, () => {
      // One draw of the whole principal in month 0, termed out at once, DSCR never binding.
      const terms = projectDebtSchema.parse({
        loanToCostPct: 100,
        backstopLoanToCostPct: 100,
        constructionCouponPctPerYear: 0,
        constructionFeePct: 0,
        termFeePct: 0,
        termCouponPctPerYear: loan.couponPct,
        tenorYears: loan.months / 12,
        amortisation: 'level',
      });
      const horizon = loan.months + 1;
      const debt = buildProjectDebt(terms, {
        horizonMonths: horizon,
        capexUsd: [-loan.principalUsd, ...new Array(loan.months).fill(0)],
        termOutMonth: 1,
        contractedCfadsUsd: new Array(horizon + 1).fill(1e15),
        cfadsUsd: new Array(horizon).fill(1e15),
        backstopShare: 0,
      });
      expect(debt.sizing.termLoanUsd).toBeCloseTo(loan.principalUsd, 2);
      let worst = 0;
      for (let k = 1; k < loan.months; k += 1) {
        worst = Math.max(
          worst,
          Math.abs(debt.interestPaidUsd[k]! - loan.ipmtUsd[k - 1]!),
          Math.abs(debt.principalUsd[k]! - loan.ppmtUsd[k - 1]!),
        );
        // Interest and principal rounded on their own: the payment within a cent of Calc's PMT.
        expect(Math.abs(debt.debtServiceUsd[k]! - loan.pmtUsd)).toBeLessThanOrEqual(0.01 + 1e-6);
      }
      // Each line is Calc's value rounded to the cent (half a cent, plus float noise on $1e9).
      expect(worst).toBeLessThanOrEqual(0.005 + 1e-6);
      // The last principal clears the balance: Calc's PPMT plus the earlier lines' roundings.
      const n = loan.months;
      expect(Math.abs(debt.principalUsd[n]! - loan.ppmtUsd[n - 1]!)).toBeLessThanOrEqual(0.005 * n);
      expect(Math.abs(debt.interestPaidUsd[n]! - loan.ipmtUsd[n - 1]!)).toBeLessThanOrEqual(0.005);
      expect(debt.closingBalanceUsd[loan.months]).toBe(0);
    });
  }
});

describe('depreciation rates against Calc', () => {
  for (const assetClass of ['asic-5-year', 'fit-out-15-year'] as const) {
    it(`${assetClass}: the engine's MACRS rates equal Calc's VDB-based table`, () => {
      const calc = vectors.macrsHalfYear[assetClass];
      expect(MACRS_HALF_YEAR_PCT[assetClass]).toHaveLength(calc.pct.length);
      MACRS_HALF_YEAR_PCT[assetClass].forEach((rate, y) => {
        expect(Math.abs(rate - calc.pct[y]!)).toBeLessThan(1e-9);
      });
      expect(MACRS_HALF_YEAR_PCT[assetClass].reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
    });

    it(`${assetClass}: Calc's rates are IRS Table A-1 to its 0.01 rounding`, () => {
      const calc = vectors.macrsHalfYear[assetClass];
      IRS_TABLE_A1[assetClass].forEach((published, y) => {
        // 0.005 is rounding; the 15-year column's 5.91s are 0.0051 off (IRS keeps the sum 100).
        expect(Math.abs(published - calc.pct[y]!)).toBeLessThan(0.0052);
      });
    });
  }

  it('39-year mid-month straight line equals Calc SLN × (12.5 − month) / 12', () => {
    vectors.realProperty39FirstYearPctByMonth.forEach((pct, month) => {
      expect(realPropertyShare(month, 0) * 100).toBeCloseTo(pct, 10);
    });
    expect(realPropertyShare(0, 1) * 100).toBeCloseTo(vectors.realProperty39FullYearPct, 10);
    let total = 0;
    for (let y = 0; y <= REAL_PROPERTY_YEARS; y += 1) total += realPropertyShare(5, y);
    expect(total).toBeCloseTo(1, 12);
  });
});
