/**
 * Fields read when first asked for (the IRRs, the after-tax views, a view's figures), as
 * enumerable getters shared by every object: each object keeps its own thunks in a hidden slot,
 * and one getter function per field name reads them.
 *
 * Why not `{ get irr() { return … } }`: an object literal's getter is a new function each time,
 * so V8 gives each such object a map of its own, kept in the old generation, and that map holds
 * the getter and everything it captures (a strategy's lines, flows, debt) alive through every
 * minor collection until the next full one. Measured on an evaluation: about 3.5 MB promoted at
 * each scavenge, 2–3 ms each (docs/benchmarks.md, 2026-12-05). Shared getters keep one map per
 * shape and let a finished evaluation die young.
 *
 * Build the object field by field in the order it is read and serialised: plain fields by
 * assignment or in the opening literal, lazy ones with {@link lazyField}, after {@link lazySource}.
 *
 * @example
 *   const result = { npvUsd: 5 };
 *   lazySource(result, { irr: () => 0.12 });
 *   lazyField(result, 'irr');
 *   result.irr === 0.12; JSON.stringify(result) === '{"npvUsd":5,"irr":0.12}'
 */

const SOURCE: unique symbol = Symbol('lazy fields');

type Thunks = Readonly<Record<string, () => unknown>>;

const getters = new Map<string, PropertyDescriptor>();

function sharedGetter(key: string): PropertyDescriptor {
  let descriptor = getters.get(key);
  if (descriptor === undefined) {
    descriptor = {
      get(this: { readonly [SOURCE]: Thunks }) {
        return this[SOURCE][key]!();
      },
      enumerable: true,
      configurable: true,
    };
    getters.set(key, descriptor);
  }
  return descriptor;
}

/** Gives `target` its thunks (a hidden, non-enumerable slot: not copied, listed or serialised). */
export function lazySource(target: object, thunks: Thunks): void {
  Object.defineProperty(target, SOURCE, { value: thunks });
}

/** Adds `key` to `target` as an enumerable getter returning `thunks[key]()` of its source. */
export function lazyField(target: object, key: string): void {
  Object.defineProperty(target, key, sharedGetter(key));
}

/**
 * A strategy's figures against keep mining: the NPV difference, and the IRR of the difference
 * solved when first read.
 *
 * @example incrementalFigures(3, () => 0.1) → { npvUsd: 3, irr: 0.1 } (the IRR read on demand)
 */
export function incrementalFigures<I>(
  npvUsd: number,
  irr: () => I,
): { readonly npvUsd: number; readonly irr: I } {
  const incremental = { npvUsd };
  lazySource(incremental, { irr });
  lazyField(incremental, 'irr');
  return incremental as { readonly npvUsd: number; readonly irr: I };
}
