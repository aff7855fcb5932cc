/**
 * `compute()` on the first call, the same value after: the engine's figures that are costly and
 * often never shown (IRRs, the after-tax and levered views) are solved when first read.
 *
 * @example const irr = memoized(() => monthlyIrr(flows)); irr() === irr() // solved once
 */
export function memoized<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

/**
 * A pure function's last few results for each key object, found again by the values of their
 * inputs: `recall(key, inputs, compute)` returns the result of an earlier call with the same key
 * and inputs equal by `same`, else `compute()` (kept, the oldest dropped past `capacity`). The
 * engine recomputes the same debt schedule or depreciation many times in an evaluation (every
 * price case, every call of a BTC-price or power breakeven: neither changes the capex or the
 * contracted rent); this finds it again. Results are shared, so they must never be mutated.
 *
 * @example const square = recallByValue<object, number, number>(4, (a, b) => a === b);
 *   square(key, 3, () => 9); square(key, 3, () => 0) // 9: found again
 */
export function recallByValue<K extends object, I, R>(
  capacity: number,
  same: (a: I, b: I) => boolean,
  /** What is kept of inputs that their caller may later write over (copies of its arrays). */
  keep: (inputs: I) => I = (inputs) => inputs,
): (key: K, inputs: I, compute: () => R) => R {
  const byKey = new WeakMap<K, { readonly inputs: I; readonly result: R }[]>();
  return (key, inputs, compute) => {
    let entries = byKey.get(key);
    if (entries === undefined) {
      entries = [];
      byKey.set(key, entries);
    }
    for (const entry of entries) if (same(entry.inputs, inputs)) return entry.result;
    const result = compute();
    entries.unshift({ inputs: keep(inputs), result });
    if (entries.length > capacity) entries.pop();
    return result;
  };
}

/** Equal length and every element equal, zeros by sign too (`Object.is`, cheaply). */
export function sameSeries(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i]!;
    if (x !== b[i]! || (x === 0 && 1 / x !== 1 / b[i]!)) return false;
  }
  return true;
}
