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
