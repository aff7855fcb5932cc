import { describe, expect, it } from 'vitest';
import {
  annualToMonthlyRate,
  type IrrResult,
  irr,
  mirr,
  npv,
  pmt,
  xirr,
  xnpv,
} from '../../src/engine/finance';

/** Expected values below were computed independently with mpmath at 40 digits. */
function expectRelativelyClose(actual: number, expected: number, tolerance = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

function expectRate(result: IrrResult, expected: number, tolerance = 1e-12): void {
  expect(result.kind).toBe('rate');
  if (result.kind === 'rate') expectRelativelyClose(result.rate, expected, tolerance);
}

const EXCEL_DOC_VALUES = [-10000, 2750, 4250, 3250, 2750];
const EXCEL_DOC_DATES = ['2008-01-01', '2008-03-01', '2008-10-30', '2009-02-15', '2009-04-01'];

/** -5,000,000 now, then 60,000 a month for the given number of months. */
function monthlySeries(months: number): number[] {
  return [-5_000_000, ...Array.from({ length: months }, () => 60_000)];
}

describe('npv', () => {
  it('discounts [110, 121] at 10% to 200 (TSDoc example)', () => {
    expectRelativelyClose(npv(0.1, [110, 121]), 200, 1e-15);
  });

  it('discounts the first value one full period, as Excel does', () => {
    expect(npv(0.1, [100])).toBe(100 / 1.1);
  });

  it('is the plain sum at rate 0 and 0 for no values', () => {
    expect(npv(0, [1, 2, 3])).toBe(6);
    expect(npv(0.1, [])).toBe(0);
  });

  it('computes rates below -1 as written, the exponents being integers', () => {
    // (1 + r) = -1: 1/(-1) + 1/1.
    expect(npv(-2, [1, 1])).toBe(0);
  });

  it('throws a RangeError naming the bad argument', () => {
    expect(() => npv(-1, [1])).toThrow(/rate must not be -1/);
    expect(() => npv(Number.NaN, [1])).toThrow(RangeError);
    expect(() => npv(0.1, [1, Number.POSITIVE_INFINITY])).toThrow(/values\[1\]/);
  });
});

describe('irr', () => {
  it('gives 0.2809484211599611 for [-100, 39, 59, 55, 20] (TSDoc example)', () => {
    expectRate(irr([-100, 39, 59, 55, 20]), 0.2809484211599611);
  });

  it('with several roots, returns the one Newton reaches from the guess, like spreadsheets', () => {
    // Real roots of the numpy-financial vector: -0.8702..., 0.0885..., 0.7095...
    const values = [-5, 10.5, 1, -8, 1];
    expectRate(irr(values), 0.08859833852775535);
    expectRate(irr(values, 0.7), 0.7095595276861836);
    expectRate(irr(values, -0.87), -0.8702012474847411);
  });

  it('solves a 120-month series from the default guess, where LibreOffice gives up', () => {
    expectRate(irr(monthlySeries(120)), 0.00645664634460592);
  });

  it('solves a 240-month series from the default guess', () => {
    expectRate(irr(monthlySeries(240)), 0.01116450135165055);
  });

  it('solves a series that Excel only solves with a guess of -10%', () => {
    // Excel's IRR documentation uses IRR(A2:A4, -10%) here; Newton from 0.1 steps below -1.
    expectRate(irr([-70000, 12000, 15000]), -0.4435069413347405);
    expectRate(irr([-70000, 12000, 15000], -0.1), -0.4435069413347405);
  });

  it('handles leading zeros and a root at a negative rate', () => {
    expectRate(irr([0, -100, 110]), 0.1);
    expectRate(irr([-100, 0, 0, 74]), -0.09549583034897252);
  });

  it('reports no-sign-change for fewer than two values, one sign only, or all zeros', () => {
    expect(irr([])).toEqual({ kind: 'no-sign-change' });
    expect(irr([-100])).toEqual({ kind: 'no-sign-change' });
    expect(irr([100, 20, 30])).toEqual({ kind: 'no-sign-change' });
    expect(irr([-1, 0, -2])).toEqual({ kind: 'no-sign-change' });
    expect(irr([0, 0])).toEqual({ kind: 'no-sign-change' });
  });

  it('reports no-root when the signs change but no rate zeroes the value', () => {
    // 1 - x + x², x = 1/(1 + r), is positive for every real x.
    expect(irr([1, -1, 1])).toEqual({ kind: 'no-root' });
  });

  it('returns a rate within rounding noise of a double root', () => {
    // (1 - x)² has a double root at r = 0; float64 pins it down only to about √ε.
    const result = irr([1, -2, 1]);
    expect(result.kind).toBe('rate');
    if (result.kind === 'rate') expect(Math.abs(result.rate)).toBeLessThan(1e-6);
  });

  it('throws a RangeError for a non-finite value or a guess not above -1', () => {
    expect(() => irr([-1, Number.NaN])).toThrow(/values\[1\]/);
    expect(() => irr([-1, 2], -1)).toThrow(/guess/);
    expect(() => irr([-1, 2], Number.POSITIVE_INFINITY)).toThrow(/guess/);
  });
});

describe('mirr', () => {
  const values = [-120000, 39000, 30000, 21000, 37000, 46000];

  it('gives 0.1260941303659051 for Excel’s five-year example (TSDoc example)', () => {
    expectRelativelyClose(mirr(values, 0.1, 0.12)!, 0.1260941303659051);
  });

  it('matches Excel’s other documented cases', () => {
    expectRelativelyClose(mirr(values.slice(0, 4), 0.1, 0.12)!, -0.04804465524998082);
    expectRelativelyClose(mirr(values, 0.1, 0.14)!, 0.13475911082831485);
  });

  it('returns null where Excel gives #DIV/0!: no positive or no negative value', () => {
    expect(mirr([100, 200], 0.1, 0.1)).toBeNull();
    expect(mirr([-100, -200, 0], 0.1, 0.1)).toBeNull();
    expect(mirr([-100], 0.1, 0.1)).toBeNull();
    expect(mirr([], 0.1, 0.1)).toBeNull();
  });

  it('throws a RangeError for a rate that is not a finite number', () => {
    expect(() => mirr(values, Number.NaN, 0.1)).toThrow(/financeRate/);
    expect(() => mirr(values, 0.1, Number.NaN)).toThrow(/reinvestRate/);
  });
});

describe('xnpv', () => {
  it('gives 2086.647602031537 for Excel’s example at 9% (TSDoc example)', () => {
    expectRelativelyClose(xnpv(0.09, EXCEL_DOC_VALUES, EXCEL_DOC_DATES), 2086.647602031537);
  });

  it('counts calendar days from the first date over 365-day years', () => {
    // 2024 is a leap year: 366 days to 2025-01-01.
    expect(xnpv(0.1, [0, 110], ['2024-01-01', '2025-01-01'])).toBe(110 * 1.1 ** (-366 / 365));
    // Across a daylight-saving change the gap is still exactly two days, in any time zone.
    expect(xnpv(0.1, [0, 1], ['2024-03-09', '2024-03-11'])).toBe(1.1 ** (-2 / 365));
  });

  it('gives a date before the first date a negative exponent', () => {
    expect(xnpv(0.1, [0, 110], ['2025-01-01', '2024-01-01'])).toBe(110 * 1.1 ** (366 / 365));
  });

  it('throws a RangeError on mismatched lengths or bad dates', () => {
    expect(() => xnpv(0.1, [1, 2], ['2024-01-01'])).toThrow(/same length/);
    for (const badDate of [
      '2024-02-30',
      '2024-13-01',
      '2024-1-01',
      '20240101',
      '2024-01-01T00:00Z',
    ]) {
      expect(() => xnpv(0.1, [1, 2], ['2024-01-01', badDate])).toThrow(/isoDates\[1\]/);
    }
    expect(() => xnpv(-1, [1], ['2024-01-01'])).toThrow(/rate/);
  });
});

describe('xirr', () => {
  it('gives 0.3733625335188315 for Excel’s example (TSDoc example)', () => {
    // Excel's documentation shows 0.373362535; Excel stops at a 1e-8 tolerance.
    expectRate(xirr(EXCEL_DOC_VALUES, EXCEL_DOC_DATES), 0.3733625335188315);
  });

  it('solves a 120-month series on monthly dates from the default guess', () => {
    const values = monthlySeries(120);
    const dates = values.map((_, month) =>
      new Date(Date.UTC(2025, month, 1)).toISOString().slice(0, 10),
    );
    const result = xirr(values, dates);
    expect(result.kind).toBe('rate');
    if (result.kind === 'rate') {
      expect(Math.abs(xnpv(result.rate, values, dates))).toBeLessThan(1e-6);
      // Close to the monthly IRR compounded, month lengths differing only slightly.
      expect(result.rate).toBeCloseTo((1 + 0.00645664634460592) ** 12 - 1, 3);
    }
  });

  it('reports no-sign-change and rejects bad input like irr and xnpv', () => {
    expect(xirr([1, 2], ['2024-01-01', '2024-06-01'])).toEqual({ kind: 'no-sign-change' });
    expect(() => xirr([-1, 2], ['2024-01-01'])).toThrow(/same length/);
    expect(() => xirr([-1, 2], ['2024-01-01', '2025-01-01'], -2)).toThrow(/guess/);
  });
});

describe('pmt', () => {
  it('gives -112.82541002081540 for PMT(0.05, 12, 1000) (TSDoc example)', () => {
    expectRelativelyClose(pmt(0.05, 12, 1000), -112.8254100208154);
  });

  it('handles payments at period starts and a future value', () => {
    expectRelativelyClose(pmt(0.05, 12, 1000, 0, 1), -107.45277144839562);
    expectRelativelyClose(pmt(0.05, 12, 1000, 500), -144.2381150312231);
  });

  it('is -(pv + fv) / nper at rate 0 and continuous next to it', () => {
    expect(pmt(0, 12, 1000, 200)).toBe(-100);
    // Series expansion: -(1200/12)(1 + r(n + 1)/2) for tiny r.
    expectRelativelyClose(pmt(1e-12, 12, 1200), -100.00000000065, 1e-13);
  });

  it('throws a RangeError where the payment is undefined', () => {
    expect(() => pmt(0.05, 0, 1000)).toThrow(/nper/);
    expect(() => pmt(-1, 12, 1000, 0, 1)).toThrow(/undefined/);
    expect(() => pmt(0.05, 12, Number.NaN)).toThrow(/pv/);
  });
});

describe('annualToMonthlyRate', () => {
  it('turns 12.682503013196977% a year into 1% a month (TSDoc example)', () => {
    expectRelativelyClose(annualToMonthlyRate(0.12682503013196977), 0.01, 1e-14);
  });

  it('compounds back to the annual rate and keeps 0 at 0', () => {
    expectRelativelyClose((1 + annualToMonthlyRate(0.08)) ** 12 - 1, 0.08, 1e-13);
    expect(annualToMonthlyRate(0)).toBe(0);
  });

  it('throws a RangeError for rates not above -1', () => {
    expect(() => annualToMonthlyRate(-1)).toThrow(/annualEffective/);
  });
});

describe('issue 11 regressions', () => {
  it('IRR false root: a discounted sum that underflows to 0 is not a root', () => {
    // 1 − x + x² has no real root: any "rate" reported here came from underflow.
    const flows = [...new Array<number>(50).fill(0), 1, -1, 1];
    expect(irr(flows)).toEqual({ kind: 'no-root' });
    expect(irr(flows, 1e6)).toEqual({ kind: 'no-root' });
    // A real root behind leading zeros is still found: −1 then +1.1 a period later → 10%.
    const real = irr([...new Array<number>(50).fill(0), -1, 1.1]);
    expect(real.kind).toBe('rate');
    expect(real.kind === 'rate' && real.rate).toBeCloseTo(0.1, 12);
  });

  it('MIRR finance rate at or below −100%: computed as spreadsheets do', () => {
    // LibreOffice Calc: =MIRR({3;4;-3}; -2; 1) → 1.58198889747161.
    // By hand: inflows compounded at 100% to the end: 3·2² + 4·2 = 20; the outflow discounted
    // at −200% to the start: −3 / (−1)² = −3; MIRR = (20 / 3)^(1/2) − 1.
    expect(mirr([3, 4, -3], -2, 1)).toBeCloseTo(Math.sqrt(20 / 3) - 1, 14);
    expect(mirr([3, 4, -3], -2, 1)).toBeCloseTo(1.582, 3);
    // Exactly −100% divides by zero (#DIV/0!): null, not a throw.
    expect(mirr([3, 4, -3], -1, 1)).toBeNull();
  });
});
