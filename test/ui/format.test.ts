import { describe, expect, it } from 'vitest';
import {
  formatInputNumber,
  formatMillions,
  formatPercent,
  formatUsd,
  formatUsdShort,
  parseInputNumber,
  showIrr,
  showMoic,
  showPayback,
} from '../../src/ui/format';

describe('formatting', () => {
  it('groups thousands and uses a true minus sign', () => {
    expect(formatUsd(1_173_980.6)).toBe('$1,173,981');
    expect(formatUsd(-158.7, 2)).toBe('−$158.70');
    expect(formatMillions(3_767_412_345)).toBe('3,767.4');
    expect(formatMillions(-1_234_567)).toBe('−1.2');
  });

  it('shortens large amounts for sentences', () => {
    expect(formatUsdShort(3_591_984_044)).toBe('$3.59 bn');
    expect(formatUsdShort(175_400_000)).toBe('$175.4 M');
    expect(formatUsdShort(1_171_032)).toBe('$1.17 M');
    expect(formatUsdShort(62_434.06)).toBe('$62,434');
    expect(formatUsdShort(-12.345)).toBe('−$12.35');
  });

  it('writes rates as percentages', () => {
    expect(formatPercent(0.1)).toBe('10%');
    expect(formatPercent(0.21484, 1, true)).toBe('21.5%');
    expect(formatPercent(0.08, 1, true)).toBe('8.0%');
  });

  it('says why a metric is absent', () => {
    expect(showIrr({ kind: 'no-sign-change' })).toEqual({
      text: 'n/a',
      note: 'No IRR: the cash flow never changes sign.',
    });
    expect(
      showIrr({
        kind: 'rate',
        annualRate: 0.2148,
        monthlyRate: 0.0163,
        multipleRootsPossible: true,
      }).text,
    ).toBe('21.5%*');
    expect(showPayback({ kind: 'months', months: 80.4 }).text).toBe('6.7 yr');
    expect(showPayback({ kind: 'never' }).text).toBe('never');
    expect(showMoic({ kind: 'ratio', value: 7.3305 }).text).toBe('7.33×');
    expect(showMoic({ kind: 'no-outflow' }).text).toBe('n/a');
  });
});

describe('number inputs', () => {
  it('read what the page shows: separators, exponents, signs', () => {
    expect(parseInputNumber('141,670,000,000,000')).toBe(141_670_000_000_000);
    expect(parseInputNumber(' 158.7 ')).toBe(158.7);
    expect(parseInputNumber('1e7')).toBe(10_000_000);
    expect(parseInputNumber('−5')).toBe(-5);
    expect(parseInputNumber('.5')).toBe(0.5);
    expect(parseInputNumber('10_000')).toBe(10_000);
  });

  it('hand back what is not a number, so the validator can say so', () => {
    expect(parseInputNumber('')).toBeNull();
    expect(parseInputNumber('   ')).toBeNull();
    expect(parseInputNumber('12x')).toBe('12x');
    expect(parseInputNumber('1.2.3')).toBe('1.2.3');
    expect(parseInputNumber('1e999')).toBe('1e999');
  });

  it('show numbers grouped, with every decimal they have', () => {
    expect(formatInputNumber(141_670_000_000_000)).toBe('141,670,000,000,000');
    expect(formatInputNumber(0.02)).toBe('0.02');
    expect(formatInputNumber(1.35)).toBe('1.35');
    expect(parseInputNumber(formatInputNumber(76_176.125))).toBe(76_176.125);
  });
});
