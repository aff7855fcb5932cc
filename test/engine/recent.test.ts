import { describe, expect, it } from 'vitest';
import { recallByValue, recentCache, sameSeries, seriesFingerprint } from '../../src/engine/recent';

describe('recent caches', () => {
  it('recentCache keeps the last few entries (the TSDoc example)', () => {
    const cache = recentCache<string, number>(2);
    cache.set('a', 1);
    expect(cache.find((key) => key === 'a')).toBe(1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.find((key) => key === 'a')).toBeUndefined();
    expect(cache.find((key) => key === 'c')).toBe(3);
  });

  it('recallByValue finds a result again by its inputs’ values, per key object (the TSDoc example)', () => {
    const key = {};
    const recall = recallByValue<object, number, { n: number }>(4, (a, b) => a === b);
    let computed = 0;
    const square = (n: number) => () => {
      computed += 1;
      return { n: n * n };
    };
    const first = recall(key, 3, square(3));
    expect(recall(key, 3, () => ({ n: 0 }))).toBe(first);
    expect(recall({}, 3, square(3))).not.toBe(first);
    expect(computed).toBe(2);
    // Past its size the oldest is computed again.
    for (const n of [4, 5, 6, 7]) recall(key, n, square(n));
    expect(recall(key, 3, square(3))).not.toBe(first);
    expect(computed).toBe(7);
  });

  it('recallByValue compares against what it kept, not the caller’s array written over since', () => {
    const key = {};
    const recall = recallByValue<object, number[], string>(
      4,
      (a, b) => sameSeries(a, b),
      (inputs) => inputs.slice(),
    );
    const scratch = [1, 2, 3];
    expect(recall(key, scratch, () => 'first')).toBe('first');
    scratch[0] = 9; // the caller reuses its array for other inputs
    expect(recall(key, scratch, () => 'second')).toBe('second');
    expect(recall(key, [1, 2, 3], () => 'third')).toBe('first');
  });

  it('recallByValue with a fingerprint: entries whose print differs are passed over unseen; equal prints still compared whole', () => {
    const key = {};
    let compared = 0;
    const recall = recallByValue<object, number[], string>(
      4,
      (a, b) => {
        compared += 1;
        return sameSeries(a, b);
      },
      (inputs) => inputs.slice(),
      seriesFingerprint,
    );
    recall(key, [1, 2], () => 'a');
    recall(key, [3, 4], () => 'b');
    recall(key, [5, 6], () => 'c');
    compared = 0;
    // A miss: no entry shares its print, so `same` is never called.
    expect(recall(key, [7, 8], () => 'd')).toBe('d');
    expect(compared).toBe(0);
    // A hit: compared with the one entry of its print.
    expect(recall(key, [3, 4], () => 'x')).toBe('b');
    expect(compared).toBe(1);
    // [3, 1] and [1, 2] share the print 5 but differ: compared, not taken.
    expect(recall(key, [3, 1], () => 'e')).toBe('e');
  });

  it('recallByValue with keepResult = false: found if kept before, computed and not kept otherwise', () => {
    const key = {};
    const recall = recallByValue<object, number, string>(4, (a, b) => a === b);
    expect(recall(key, 1, () => 'one')).toBe('one');
    // A one-off caller still finds what was kept…
    expect(recall(key, 1, () => 'never', false)).toBe('one');
    // …and leaves nothing of its own behind.
    expect(recall(key, 2, () => 'two', false)).toBe('two');
    expect(recall(key, 2, () => 'two again')).toBe('two again');
    expect(recall(key, 2, () => 'never')).toBe('two again');
  });

  it('seriesFingerprint: Σ (i + 1) × x_i (the TSDoc example)', () => {
    expect(seriesFingerprint([1, 2])).toBe(5);
    expect(seriesFingerprint([])).toBe(0);
    expect(Object.is(seriesFingerprint([Number.NaN]), Number.NaN)).toBe(true);
  });

  it('sameSeries compares length, values and the sign of zero (the TSDoc example)', () => {
    expect(sameSeries([0, 1], [-0, 1])).toBe(false);
    expect(sameSeries([0, 1], [0, 1])).toBe(true);
    expect(sameSeries([0, 1], [0, 1, 2])).toBe(false);
    expect(sameSeries(new Float64Array([1, 2]), [1, 2])).toBe(true);
    expect(sameSeries([Number.NaN], [Number.NaN])).toBe(false);
  });
});
