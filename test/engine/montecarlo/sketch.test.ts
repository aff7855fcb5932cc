import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addExact,
  createExactSums,
  exactSum,
  mergeExactSums,
} from '../../../src/engine/montecarlo/exactSum';
import { PathRandom } from '../../../src/engine/montecarlo/rng';
import {
  binIndex,
  binRange,
  type LogBinning,
  linearHistogram,
  logBinning,
  lowerTailMean,
  quantileRelativeError,
  quantiles,
} from '../../../src/engine/montecarlo/sketch';

function histogramOf(binning: LogBinning, values: readonly number[]) {
  const counts = new Uint32Array(binning.binCount);
  for (const value of values) counts[binIndex(binning, value)]! += 1;
  return { counts, offset: 0, min: Math.min(...values), max: Math.max(...values) };
}

/** The exact type-1 quantile: the order statistic of rank ⌈q n⌉. */
function exactQuantile(sorted: readonly number[], q: number): number {
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

const QS = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];

function samples(kind: string, n: number, seed: number): number[] {
  const random = new PathRandom([seed, 2, 3, 4]);
  return Array.from({ length: n }, () => {
    const z = random.normal();
    switch (kind) {
      case 'normal around 3e9':
        return 3e9 + 4e7 * z;
      case 'lognormal':
        return 2e6 * Math.exp(1.5 * z);
      case 'mixed sign':
        return 5e7 * z + 1e7;
      default:
        // Heavy tail: a Student-like ratio.
        return (1e6 * z) / Math.max(0.05, Math.abs(random.normal()));
    }
  });
}

describe('streamed quantiles (log-binned histograms)', () => {
  it('the documented example: 8 sub-bits → 0.39%, 4 sub-bits → 6.25%', () => {
    expect(quantileRelativeError(logBinning(8, 0, 52))).toBeCloseTo(0.0039, 4);
    expect(quantileRelativeError(logBinning(4, 6, 50))).toBe(0.0625);
  });

  it('bins are ordered like the values; each bin holds its values; beyond the range, the end bins', () => {
    const binning = logBinning(5, -10, 40);
    const top = 2 ** 41;
    fc.assert(
      fc.property(
        fc.double({ min: -1e15, max: 1e15, noNaN: true }),
        fc.double({ min: -1e15, max: 1e15, noNaN: true }),
        (a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(binIndex(binning, low)).toBeLessThanOrEqual(binIndex(binning, high));
          const index = binIndex(binning, a);
          if (Math.abs(a) < top) {
            const range = binRange(binning, index);
            expect(a >= range.low && a <= range.high).toBe(true);
          } else {
            expect(index).toBe(a > 0 ? binning.binCount - 1 : 0);
          }
        },
      ),
      { numRuns: 3000, seed: 3 },
    );
  });

  for (const kind of ['normal around 3e9', 'lognormal', 'mixed sign', 'heavy tail']) {
    for (const subBits of [4, 8]) {
      it(`${kind}, ${subBits} sub-bits: every quantile within 2^−b of the exact one, CVaR within 2^−b of the tail's mean |x|`, () => {
        const binning = logBinning(subBits, 0, 52);
        const values = samples(kind, 20_000, subBits);
        const sorted = [...values].sort((a, b) => a - b);
        const estimates = quantiles(binning, histogramOf(binning, values), QS);
        QS.forEach((q, i) => {
          const exact = exactQuantile(sorted, q);
          const bound =
            quantileRelativeError(binning) * Math.abs(exact) + 2 ** (binning.minExponent + 1);
          expect(Math.abs(estimates[i]! - exact), `q = ${q}`).toBeLessThanOrEqual(bound);
        });
        const tail = sorted.slice(0, Math.ceil(0.05 * sorted.length));
        const exactTailMean = tail.reduce((s, v) => s + v, 0) / tail.length;
        const meanAbs = tail.reduce((s, v) => s + Math.abs(v), 0) / tail.length;
        const estimate = lowerTailMean(binning, histogramOf(binning, values), 0.05);
        expect(Math.abs(estimate - exactTailMean)).toBeLessThanOrEqual(
          quantileRelativeError(binning) * meanAbs + 2 ** (binning.minExponent + 1),
        );
      });
    }
  }

  it('a histogram of two halves merged by adding counts is the histogram of the whole', () => {
    const binning = logBinning(8, 0, 52);
    const values = samples('mixed sign', 5000, 9);
    const whole = histogramOf(binning, values);
    const first = histogramOf(binning, values.slice(0, 1234));
    const second = histogramOf(binning, values.slice(1234));
    const merged = first.counts.map((c, i) => c + second.counts[i]!);
    expect(Array.from(merged)).toEqual(Array.from(whole.counts));
  });

  it('a constant sample gives its value at every quantile (exact extremes narrow the bin)', () => {
    const binning = logBinning(4, 0, 52);
    const view = histogramOf(binning, new Array(100).fill(123_456_789));
    expect(quantiles(binning, view, [0.05, 0.5, 0.95])).toEqual([
      123_456_789, 123_456_789, 123_456_789,
    ]);
  });

  it('display histogram: counts add up, with the rest below and above', () => {
    const binning = logBinning(8, 0, 52);
    const values = samples('normal around 3e9', 4000, 4);
    const view = histogramOf(binning, values);
    const [from, to] = quantiles(binning, view, [0.005, 0.995]) as [number, number];
    const display = linearHistogram(binning, view, from, to, 40);
    expect(display.edges).toHaveLength(41);
    const total = display.counts.reduce((s, c) => s + c, 0) + display.below + display.above;
    expect(total).toBe(4000);
    expect(display.below + display.above).toBeLessThan(80);
    // Each bar holds the values between its edges, give or take those within one sketch bin
    // (0.39%) of an edge.
    const slack = (x: number) => quantileRelativeError(binning) * Math.abs(x);
    display.counts.forEach((count, i) => {
      const [left, right] = [display.edges[i]!, display.edges[i + 1]!];
      const surely = values.filter(
        (v) => v >= left + slack(left) && v < right - slack(right),
      ).length;
      const maybe = values.filter(
        (v) => v >= left - slack(left) && v < right + slack(right),
      ).length;
      expect(count).toBeGreaterThanOrEqual(surely);
      expect(count).toBeLessThanOrEqual(maybe);
    });
    // Every value equal: one visible bar around it; no range at all: an error, not a hang.
    const constant = histogramOf(binning, [5e6, 5e6]);
    const bar = linearHistogram(binning, constant, 5e6, 5e6, 10);
    expect(bar.counts.reduce((s, c) => s + c, 0)).toBe(2);
    expect(bar.edges[0]).toBeLessThan(5e6);
    expect(() => linearHistogram(binning, constant, Number.NaN, Number.NaN, 10)).toThrow(
      RangeError,
    );
  });
});

describe('exact sums', () => {
  it('the documented example: 0.1 three times is 3 × 6554 / 65,536', () => {
    const sums = createExactSums(1);
    for (let i = 0; i < 3; i += 1) addExact(sums, 0, 0.1);
    expect(exactSum(sums, 0)).toBe(0.300018310546875);
  });

  it('do not depend on the order of the terms or on how they are split and merged', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e13, max: 1e13, noNaN: true }), {
          minLength: 1,
          maxLength: 200,
        }),
        fc.integer({ min: 0, max: 200 }),
        (values, cut) => {
          const forward = createExactSums(1);
          for (const v of values) addExact(forward, 0, v);
          const backward = createExactSums(1);
          for (const v of [...values].reverse()) addExact(backward, 0, v);
          const left = createExactSums(1);
          const right = createExactSums(1);
          values.forEach((v, i) => {
            addExact(i < cut ? left : right, 0, v);
          });
          mergeExactSums(right, left);
          expect(exactSum(backward, 0)).toBe(exactSum(forward, 0));
          expect(exactSum(right, 0)).toBe(exactSum(forward, 0));
          // And they are the sum, to the 2^−17 rounding of each term.
          const plain = values.reduce((s, v) => s + v, 0);
          expect(Math.abs(exactSum(forward, 0) - plain)).toBeLessThanOrEqual(
            values.length * 2 ** -16 + 1e-15 * values.reduce((s, v) => s + Math.abs(v), 0),
          );
        },
      ),
      { numRuns: 300, seed: 8 },
    );
  });
});
