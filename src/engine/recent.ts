/**
 * A cache of the last few values, for the breakeven and tornado probes, which ask for the same
 * thing a few times in a row. Kept strongly and few: a WeakMap keyed by each probe's fresh
 * objects would leave an entry per probe for the garbage collector to trace at every minor
 * collection (measured: most of a probe's time).
 *
 * @example
 *   const cache = recentCache<string, number>(2);
 *   cache.set('a', 1);
 *   cache.find((key) => key === 'a') === 1; // and undefined for a key not among the last 2
 */
export interface RecentCache<K, V> {
  /** The value of the most recent key that `matches`, or undefined. */
  find(matches: (key: K) => boolean): V | undefined;
  /** Keeps `value` under `key`, forgetting the oldest entry beyond the size. */
  set(key: K, value: V): void;
}

export function recentCache<K, V>(size: number): RecentCache<K, V> {
  const entries: { key: K; value: V }[] = [];
  return {
    find(matches) {
      for (const entry of entries) if (matches(entry.key)) return entry.value;
      return undefined;
    },
    set(key, value) {
      entries.unshift({ key, value });
      if (entries.length > size) entries.length = size;
    },
  };
}

/**
 * Keys {@link recallByValue} keeps: an evaluation's one section (its breakevens' copies share it).
 * Only the last: kept for the edit before as well, an edit's results lived through a minor
 * collection or two and were promoted (1.4 MB at each scavenge against 0.1 MB; docs/benchmarks.md).
 */
const KEYS_KEPT = 1;

/**
 * A pure function's last few results for each key object, found again by the values of their
 * inputs: `recall(key, inputs, compute)` returns the result of an earlier call with the same key
 * and inputs equal by `same`, else `compute()` (kept in a {@link recentCache} of `size` per key).
 * The engine rebuilds the same debt schedule, placed assets and depreciation many times in an
 * evaluation (every price case of a plan; every call of the BTC-price and power breakevens, which
 * change neither the capex nor the rent): this finds them again. Results are shared, so they
 * must never be mutated; `keep` copies what of the inputs their caller may later write over.
 * A caller whose inputs no later call repeats (a lease-rate or capex probe) passes
 * `keepResult = false`: its result is not kept (kept, it lived on through minor collections).
 * `fingerprint`, when given, is a number equal inputs share (a sum of their series, say): an
 * entry whose fingerprint differs is passed over without `same` (the lease-rate and capex
 * breakevens' calls, whose inputs match no entry, compared whole series against every entry).
 *
 * @example const recall = recallByValue<object, number, { n: number }>(4, (a, b) => a === b);
 *   const first = recall(key, 3, () => ({ n: 9 })); recall(key, 3, () => ({ n: 0 })) === first
 */
export function recallByValue<K extends object, I, R>(
  size: number,
  same: (a: I, b: I) => boolean,
  keep: (inputs: I) => I = (inputs) => inputs,
  fingerprint: (inputs: I) => number = () => 0,
): (key: K, inputs: I, compute: () => R, keepResult?: boolean) => R {
  // Keys are scenario sections, shared by every copy a breakeven makes: an evaluation meets one.
  // Kept strongly and few, not in a WeakMap: an entry there kept its results through every minor
  // collection until the next full one.
  const byKey = recentCache<K, RecentCache<{ inputs: I; print: number }, R>>(KEYS_KEPT);
  return (key, inputs, compute, keepResult = true) => {
    let recent = byKey.find((known) => known === key);
    if (recent === undefined) {
      recent = recentCache(size);
      byKey.set(key, recent);
    }
    const print = fingerprint(inputs);
    const found = recent.find((kept) => Object.is(kept.print, print) && same(kept.inputs, inputs));
    if (found !== undefined) return found;
    const result = compute();
    if (keepResult) recent.set({ inputs: keep(inputs), print }, result);
    return result;
  };
}

/**
 * A number equal series share: `Σ (i + 1) × x_i` (not a hash: unequal series may share it, so a
 * match is still compared whole). NaN for a series holding NaN, which `Object.is` matches.
 *
 * @example seriesFingerprint([1, 2]) === 5
 */
export function seriesFingerprint(series: ArrayLike<number>): number {
  let print = 0;
  for (let i = 0; i < series.length; i += 1) print += (i + 1) * series[i]!;
  return print;
}

/**
 * Equal length and every element equal, zeros by sign too (as `Object.is`, cheaply).
 *
 * @example sameSeries([0, 1], [-0, 1]) === false; sameSeries([0, 1], [0, 1]) === true
 */
export function sameSeries(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i]!;
    if (x !== b[i]! || (x === 0 && 1 / x !== 1 / b[i]!)) return false;
  }
  return true;
}
