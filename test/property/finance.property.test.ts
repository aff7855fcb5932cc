import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type IrrResult, irr, npv, pmt, xirr, xnpv } from '../../src/engine/finance';

const RUNS = 500;
const DAY_MS = 86_400_000;

/** Σ v_i (1 + r)^(-t_i) and Σ |v_i (1 + r)^(-t_i)|, the scale its rounding error is judged by. */
function presentValue(rate: number, values: readonly number[], times: readonly number[]) {
  let value = 0;
  let magnitude = 0;
  values.forEach((cashFlow, index) => {
    const discounted = cashFlow * (1 + rate) ** -times[index]!;
    value += discounted;
    magnitude += Math.abs(discounted);
  });
  return { value, magnitude };
}

function isWellFormed(result: IrrResult): boolean {
  if (result.kind === 'rate') return Number.isFinite(result.rate) && result.rate > -1;
  return result.kind === 'no-sign-change' || result.kind === 'no-root';
}

/**
 * An investment followed by returns: one sign change, so exactly one rate above -1. Returns are
 * at least 0.1% of the outlay so the rate stays where float64 can resolve it (1 + r ≥ ~1e-3).
 */
const investmentSeries = fc
  .tuple(
    fc.double({ min: 1, max: 1e7, noNaN: true }),
    fc.array(fc.double({ min: 1e-3, max: 1, noNaN: true }), { minLength: 1, maxLength: 240 }),
  )
  .map(([outlay, returnFractions]) => [-outlay, ...returnFractions.map((f) => f * outlay)]);

const anyFiniteSeries = fc.array(
  fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: -1000, max: 1000 }),
  ),
  { maxLength: 40 },
);

const guess = fc.double({ min: -0.99, max: 10, noNaN: true });

/** 'YYYY-MM-DD' on the same day of each month, starting from a random month. */
function monthlyDates(count: number, startYear: number, startMonth: number, day: number): string[] {
  return Array.from({ length: count }, (_, month) =>
    new Date(Date.UTC(startYear, startMonth + month, day)).toISOString().slice(0, 10),
  );
}

const monthlyStart = fc.record({
  year: fc.integer({ min: 1990, max: 2060 }),
  month: fc.integer({ min: 0, max: 11 }),
  day: fc.integer({ min: 1, max: 28 }),
});

describe('irr properties', () => {
  it('finds the rate of an investment series, where the present value is ≈ 0', () => {
    fc.assert(
      fc.property(investmentSeries, (values) => {
        const result = irr(values);
        expect(result.kind).toBe('rate');
        if (result.kind !== 'rate') return;
        const { value, magnitude } = presentValue(
          result.rate,
          values,
          values.map((_, index) => index),
        );
        expect(Math.abs(value)).toBeLessThanOrEqual(1e-9 * magnitude);
      }),
      { numRuns: RUNS },
    );
  });

  it('never returns NaN for any finite series and guess: a finite rate or a typed failure', () => {
    fc.assert(
      fc.property(anyFiniteSeries, guess, (values, initialGuess) => {
        expect(isWellFormed(irr(values, initialGuess))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('xirr properties', () => {
  it('recovers the annual rate of an investment series on monthly dates, XNPV ≈ 0', () => {
    // The outlay is set so the series returns exactly the drawn annual rate: an annual rate is
    // the monthly one to the 12th power, so drawing the returns freely, as for irr, would push
    // many roots closer to -1 than float64 can resolve.
    const returns = fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), {
      minLength: 1,
      maxLength: 240,
    });
    const annualRate = fc.double({ min: -0.9, max: 5, noNaN: true });
    fc.assert(
      fc.property(returns, annualRate, monthlyStart, (inflows, rate, start) => {
        const dates = monthlyDates(inflows.length + 1, start.year, start.month, start.day);
        const years = dates.map(
          (date) => (Date.parse(date) - Date.parse(dates[0]!)) / DAY_MS / 365,
        );
        const outlay = presentValue(rate, [0, ...inflows], years).value;
        const values = [-outlay, ...inflows];
        const result = xirr(values, dates);
        expect(result.kind).toBe('rate');
        if (result.kind !== 'rate') return;
        const { magnitude } = presentValue(result.rate, values, years);
        expect(Math.abs(xnpv(result.rate, values, dates))).toBeLessThanOrEqual(1e-9 * magnitude);
        expect(result.rate).toBeCloseTo(rate, 6);
      }),
      { numRuns: RUNS },
    );
  });

  it('never returns NaN for any finite series on monthly dates', () => {
    fc.assert(
      fc.property(anyFiniteSeries, monthlyStart, guess, (values, start, initialGuess) => {
        const dates = monthlyDates(values.length, start.year, start.month, start.day);
        expect(isWellFormed(xirr(values, dates, initialGuess))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('npv properties', () => {
  it('is linear in the values: npv(r, a·x + b·y) = a·npv(r, x) + b·npv(r, y)', () => {
    const cashFlow = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    const pairs = fc.array(fc.tuple(cashFlow, cashFlow), { minLength: 1, maxLength: 120 });
    const weight = fc.double({ min: -10, max: 10, noNaN: true });
    const rate = fc.double({ min: -0.9, max: 1, noNaN: true });
    fc.assert(
      fc.property(pairs, weight, weight, rate, (pairList, a, b, r) => {
        const xs = pairList.map(([x]) => x);
        const ys = pairList.map(([, y]) => y);
        const combined = npv(
          r,
          pairList.map(([x, y]) => a * x + b * y),
        );
        const separate = a * npv(r, xs) + b * npv(r, ys);
        const scale = npv(
          r,
          pairList.map(([x, y]) => Math.abs(a * x) + Math.abs(b * y)),
        );
        // The tiny absolute floor absorbs underflow when a weight is subnormal.
        expect(Math.abs(combined - separate)).toBeLessThanOrEqual(1e-12 * scale + 1e-300);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('pmt properties', () => {
  it('satisfies the annuity identity pv + pmt·(1 + r·type)·a(r, n) + fv·(1 + r)^-n = 0', () => {
    const rate = fc.oneof(fc.constant(0), fc.double({ min: -0.5, max: 1, noNaN: true }));
    // Whole cents: subnormal amounts would test float64's subnormals rather than pmt.
    const money = fc.integer({ min: -1e9, max: 1e9 }).map((cents) => cents / 100);
    fc.assert(
      fc.property(
        rate,
        fc.integer({ min: 1, max: 480 }),
        money,
        money,
        fc.constantFrom(0 as const, 1 as const),
        (r, nper, pv, fv, type) => {
          const payment = pmt(r, nper, pv, fv, type);
          // Present value of 1 per period for nper periods, in a form accurate for tiny r.
          const annuityFactor = r === 0 ? nper : -Math.expm1(-nper * Math.log1p(r)) / r;
          const discount = (1 + r) ** -nper;
          const paymentsValue = payment * (1 + r * type) * annuityFactor;
          const balance = pv + paymentsValue + fv * discount;
          const scale = Math.abs(pv) + Math.abs(paymentsValue) + Math.abs(fv * discount);
          expect(Math.abs(balance)).toBeLessThanOrEqual(1e-9 * scale);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
