import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate';
import { incrementalFigures, lazyField, lazySource } from '../../src/engine/lazyFields';
import { simpleSite } from '../support/simpleSite';

describe('lazy fields: getters shared by every object', () => {
  it('reads the thunk when asked, keeps order, hides its source (the TSDoc examples)', () => {
    let reads = 0;
    const result: Record<string, unknown> = { npvUsd: 5 };
    lazySource(result, {
      irr: () => {
        reads += 1;
        return 0.12;
      },
    });
    lazyField(result, 'irr');
    result.moic = 2;
    expect(reads).toBe(0);
    expect(result.irr).toBe(0.12);
    expect(JSON.stringify(result)).toBe('{"npvUsd":5,"irr":0.12,"moic":2}');
    expect(Object.keys(result)).toEqual(['npvUsd', 'irr', 'moic']);
    expect(Object.getOwnPropertySymbols(result)).toHaveLength(1);
    expect({ ...result }).toEqual({ npvUsd: 5, irr: 0.12, moic: 2 });
    const incremental = incrementalFigures(3, () => 0.1);
    expect(JSON.stringify(incremental)).toBe('{"npvUsd":3,"irr":0.1}');
  });

  it('regression, promoted garbage: every strategy and view shares one getter function per field', () => {
    // A literal's getter is a function per object: V8 then keeps a map per object in the old
    // generation, holding that strategy's lines alive through minor collections
    // (docs/benchmarks.md, 2026-12-05, second evening).
    const evaluation = evaluate(
      simpleSite({
        financing: { boardView: 'levered-after-tax', projectDebt: { loanToCostPct: 60 } },
        tax: { federalRatePct: 21 },
      }),
      { breakevens: false, sensitivity: false },
    );
    const getterOf = (object: object, key: string) =>
      Object.getOwnPropertyDescriptor(object, key)?.get;
    const strategies = evaluation.cases.flatMap((c) => c.strategies);
    const first = strategies[0]!;
    expect(getterOf(first, 'irr')).toBeTypeOf('function');
    let leveredGetters = 0;
    for (const strategy of strategies) {
      expect(getterOf(strategy, 'irr')).toBe(getterOf(first, 'irr'));
      expect(getterOf(strategy, 'financing')).toBe(getterOf(first, 'financing'));
      const levered = strategy.financing!.leveredAfterTax!;
      // Without investment a view's IRR is the plain `no-investment` value, no getter at all.
      const irrGetter = getterOf(levered, 'irr');
      if (irrGetter !== undefined) {
        leveredGetters += 1;
        expect(irrGetter).toBe(getterOf(first, 'irr'));
      }
      expect(getterOf(levered.tax!, 'years')).toBe(
        getterOf(first.financing!.leveredAfterTax!.tax!, 'years'),
      );
    }
    expect(leveredGetters).toBeGreaterThan(strategies.length / 2);
  });
});
