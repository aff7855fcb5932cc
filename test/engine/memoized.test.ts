import { describe, expect, it } from 'vitest';
import { memoized } from '../../src/engine/memoized';

describe('memoized', () => {
  it('computes on the first call only and returns the same value after (the TSDoc example)', () => {
    let calls = 0;
    const value = memoized(() => {
      calls += 1;
      return { irr: 0.1 };
    });
    expect(calls).toBe(0);
    const first = value();
    expect(value()).toBe(first);
    expect(calls).toBe(1);
  });

  it('keeps a computed undefined or null without computing again', () => {
    let calls = 0;
    const nothing = memoized(() => {
      calls += 1;
      return null;
    });
    expect(nothing()).toBeNull();
    expect(nothing()).toBeNull();
    expect(calls).toBe(1);
  });
});
