import { describe, expect, it } from 'vitest';
import { moic, monthlyIrr, payback, peakFunding, signChanges } from '../../src/engine/metrics';

describe('payback', () => {
  it('interpolates within the month the cumulative flow turns non-negative (the TSDoc example)', () => {
    expect(payback([-100, 50, 50, 50])).toEqual({ kind: 'months', months: 3 });
    expect(payback([-100, 40, 40, 40])).toEqual({ kind: 'months', months: 3 + 0.5 });
  });

  it('is 0 when the cumulative flow is never negative and "never" when it ends negative', () => {
    expect(payback([10, 20])).toEqual({ kind: 'months', months: 0 });
    expect(payback([-100, 10, 10])).toEqual({ kind: 'never' });
  });

  it('counts from the last time the cumulative flow recovers (mine, then build)', () => {
    // Positive mining, a build that takes the cumulative below zero, then rent.
    expect(payback([50, -200, 100, 100])).toEqual({ kind: 'months', months: 3 + 0.5 });
  });
});

describe('peak funding, MOIC and annualised IRR', () => {
  it('peak funding is the deepest cumulative shortfall', () => {
    expect(peakFunding([-100, -50, 80, -20, 200])).toBe(150);
    expect(peakFunding([5, 5])).toBe(0);
  });

  it('MOIC divides inflows by outflows, typed when nothing is invested', () => {
    expect(moic([-100, 60, 90])).toEqual({ kind: 'ratio', value: 1.5 });
    expect(moic([1, 2])).toEqual({ kind: 'no-outflow' });
  });

  it('annualises the monthly IRR as (1 + r)^12 − 1', () => {
    const result = monthlyIrr([-1000, ...new Array(12).fill(0), 1000 * 1.01 ** 13]);
    expect(result.kind).toBe('rate');
    if (result.kind !== 'rate') return;
    expect(result.monthlyRate).toBeCloseTo(0.01, 12);
    expect(result.annualRate).toBeCloseTo(1.01 ** 12 - 1, 12);
    expect(result.multipleRootsPossible).toBe(false);
    expect(monthlyIrr([1, 2, 3])).toEqual({ kind: 'no-sign-change' });
  });

  it('flags series with more than one sign change as possibly having several IRRs', () => {
    expect(signChanges([1, -2, 0, 3])).toBe(2);
    const mineBuildLease = monthlyIrr([40, 40, -1000, -1000, 600, 600, 600, 600]);
    expect(mineBuildLease.kind === 'rate' && mineBuildLease.multipleRootsPossible).toBe(true);
  });
});
