import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binIndex, binRange } from '../../../src/engine/montecarlo/sketch';
import {
  CASH_FAN_BINNING,
  createFanBuffer,
  HASHPRICE_FAN_BINNING,
  NPV_BINNING,
  record,
  recordRun,
} from '../../../src/engine/montecarlo/tally';

const BINNINGS = [CASH_FAN_BINNING, HASHPRICE_FAN_BINNING, NPV_BINNING];

describe('recordRun: the fans recorded in one loop, from each value bits', () => {
  it('counts and extremes equal record’s, value by value, for any finite values', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BINNINGS),
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.nat(5),
        (binning, values, firstHistogram) => {
          const histograms = firstHistogram + values.length;
          const expectedCounts = new Int32Array(histograms * binning.binCount);
          const expectedExtremes = new Float64Array(2 * histograms).fill(Number.NaN);
          const counts = new Int32Array(histograms * binning.binCount);
          const extremes = new Float64Array(2 * histograms).fill(Number.NaN);
          for (let h = 0; h < histograms; h += 1) {
            for (const e of [expectedExtremes, extremes]) {
              e[2 * h] = Number.POSITIVE_INFINITY;
              e[2 * h + 1] = Number.NEGATIVE_INFINITY;
            }
          }
          values.forEach((value, i) => {
            record(binning, expectedCounts, expectedExtremes, firstHistogram + i, value);
          });
          // A longer buffer than the run: only the first `values.length` are read.
          const buffer = createFanBuffer(values.length + 3);
          buffer.values.set(values);
          buffer.values.fill(1e300, values.length);
          recordRun(binning, counts, extremes, firstHistogram, buffer, values.length);
          // Typed arrays compared as bytes (toEqual walks 60,000 counts a run: too slow here).
          expect(Buffer.from(counts.buffer).equals(Buffer.from(expectedCounts.buffer))).toBe(true);
          expect(Buffer.from(extremes.buffer).equals(Buffer.from(expectedExtremes.buffer))).toBe(
            true,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('each value lands in the bin whose range holds it (the documented cash fan: 16 per octave)', () => {
    const values = [-3e9, -1e6, -64, -0, 0, 63.9, 64, 1e6, 123_456_789, 3e15];
    const buffer = createFanBuffer(values.length);
    buffer.values.set(values);
    const counts = new Int32Array(values.length * CASH_FAN_BINNING.binCount);
    const extremes = new Float64Array(2 * values.length);
    recordRun(CASH_FAN_BINNING, counts, extremes, 0, buffer, values.length);
    values.forEach((value, h) => {
      const row = counts.subarray(
        h * CASH_FAN_BINNING.binCount,
        (h + 1) * CASH_FAN_BINNING.binCount,
      );
      const bin = row.indexOf(1);
      expect(bin).toBe(binIndex(CASH_FAN_BINNING, value));
      const { low, high } = binRange(CASH_FAN_BINNING, bin);
      // Bins are [low, high) above zero and (low, high] below, mirror images; the outermost
      // bins also hold what lies beyond the range (3e15 > 2^51).
      if (Math.abs(value) < 2 ** 51) {
        expect(value < 0 ? value > low && value <= high : value >= low && value < high).toBe(true);
      }
    });
  });
});
