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
