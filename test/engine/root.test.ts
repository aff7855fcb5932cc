import { describe, expect, it } from 'vitest';
import { brentRoot, expandBracket } from '../../src/engine/root';

/** Wraps f so a test can see every point the solver evaluated. */
function recording(f: (x: number) => number): { f: (x: number) => number; evaluated: number[] } {
  const evaluated: number[] = [];
  return {
    f: (x) => {
      evaluated.push(x);
      return f(x);
    },
    evaluated,
  };
}

describe('brentRoot', () => {
  it('finds √2 as x² - 2 = 0 on [0, 2] (TSDoc example)', () => {
    const result = brentRoot((x) => x * x - 2, 0, 2);
    // One ulp below Math.SQRT2, which the TSDoc writes out as 1.414213562373095.
    expect(result).toEqual({ kind: 'root', x: Math.SQRT2 - Number.EPSILON, iterations: 9 });
  });

  it('accepts the interval in either order', () => {
    const result = brentRoot((x) => Math.cos(x) - x, 1, 0);
    expect(result.kind).toBe('root');
    if (result.kind === 'root') expect(Math.cos(result.x) - result.x).toBeCloseTo(0, 15);
  });

  it('returns an endpoint that is already a root without iterating', () => {
    expect(brentRoot((x) => x - 3, 3, 10)).toEqual({ kind: 'root', x: 3, iterations: 0 });
    expect(brentRoot((x) => x - 10, 3, 10)).toEqual({ kind: 'root', x: 10, iterations: 0 });
  });

  it('reports no-sign-change when both ends have the same sign', () => {
    expect(brentRoot((x) => x * x + 1, -1, 1)).toEqual({ kind: 'no-sign-change', lo: -1, hi: 1 });
  });

  it('converges on a discontinuous sign change instead of looping', () => {
    const result = brentRoot((x) => (x < 0.3 ? -1 : 1), 0, 1);
    expect(result.kind).toBe('root');
    if (result.kind === 'root') expect(result.x).toBeCloseTo(0.3, 14);
  });

  it('treats an infinite value as a sign and still converges', () => {
    // Math.log(0) is -Infinity at the lower end.
    const result = brentRoot(Math.log, 0, 5);
    expect(result.kind).toBe('root');
    if (result.kind === 'root') expect(result.x).toBeCloseTo(1, 14);
  });

  it('stops with no-convergence and a finite x when f gives NaN', () => {
    const withHole = (x: number) => (x > 0.4 && x < 0.6 ? Number.NaN : x - 0.5);
    const result = brentRoot(withHole, 0, 1);
    expect(result.kind).toBe('no-convergence');
    if (result.kind === 'no-convergence') expect(Number.isFinite(result.x)).toBe(true);
    const nanAtZero = (x: number) => (x === 0 ? Number.NaN : x);
    expect(brentRoot(nanAtZero, 0, 1)).toEqual({ kind: 'no-convergence', x: 1 });
  });

  it('gives up after maxIterations evaluations', () => {
    const { f, evaluated } = recording((x) => Math.exp(x) - 2);
    const result = brentRoot(f, 0, 5, { maxIterations: 3 });
    expect(result.kind).toBe('no-convergence');
    expect(evaluated).toHaveLength(2 + 3);
  });

  it('stops early once |f| is within fTolerance', () => {
    const result = brentRoot((x) => x - 1 / 3, 0, 1, { fTolerance: 0.2 });
    expect(result.kind).toBe('root');
    if (result.kind === 'root') expect(Math.abs(result.x - 1 / 3)).toBeLessThanOrEqual(0.2);
  });

  it('needs fewer iterations for a looser xTolerance', () => {
    const f = (x: number) => x ** 5 - x - 1;
    const tight = brentRoot(f, 1, 2);
    const loose = brentRoot(f, 1, 2, { xTolerance: 1e-3 });
    expect(tight.kind === 'root' && loose.kind === 'root').toBe(true);
    if (tight.kind !== 'root' || loose.kind !== 'root') return;
    expect(loose.iterations).toBeLessThan(tight.iterations);
    expect(Math.abs(loose.x - tight.x)).toBeLessThan(1e-3);
  });

  it('rejects non-finite interval ends', () => {
    expect(() => brentRoot((x) => x, Number.NaN, 1)).toThrow(RangeError);
    expect(() => brentRoot((x) => x, 0, Number.POSITIVE_INFINITY)).toThrow(/hi/);
  });
});

describe('expandBracket', () => {
  it('grows [0, 1] until x - 10 changes sign, giving [7, 15] (TSDoc example)', () => {
    expect(expandBracket((x) => x - 10, 0, 1)).toEqual({ lo: 7, hi: 15 });
  });

  it('returns the starting interval when it already brackets a root', () => {
    expect(expandBracket((x) => x - 0.5, 1, 0)).toEqual({ lo: 0, hi: 1 });
  });

  it('tries the lower side first when both sides change sign in the same round', () => {
    // Rounds add [-0.5, 0.5] then [-1.3, 1.3]; both ±1 are crossed in the second round.
    expect(expandBracket((x) => x * x - 1, -0.1, 0.1)).toEqual({ lo: -1.3, hi: -0.5 });
  });

  it('approaches an exclusive lower limit without ever evaluating it', () => {
    // Root at r = -1 + 1e-6, as for a rate whose discounted value blows up near -1.
    const { f, evaluated } = recording((rate) => 1 / (1 + rate) - 1e6);
    const bracket = expandBracket(f, 0.1, 0.11, { lowerLimit: -1 });
    expect(bracket).not.toBeNull();
    if (bracket === null) return;
    expect(bracket.lo).toBeGreaterThan(-1);
    expect(bracket.lo).toBeLessThan(-1 + 1e-6);
    expect(bracket.hi).toBeGreaterThan(-1 + 1e-6);
    expect(evaluated.every((x) => x > -1)).toBe(true);
  });

  it('respects an exclusive upper limit', () => {
    const { f, evaluated } = recording((x) => x - 100);
    expect(expandBracket(f, 0, 1, { upperLimit: 50, maxExpansions: 200 })).toBeNull();
    expect(evaluated.every((x) => x < 50)).toBe(true);
  });

  it('returns null after a bounded number of evaluations when there is no sign change', () => {
    const { f, evaluated } = recording((x) => x * x + 1);
    expect(expandBracket(f, 0, 1, { maxExpansions: 10 })).toBeNull();
    expect(evaluated.length).toBeLessThanOrEqual(2 + 2 * 10);
  });

  it('stops growing a side where f gives NaN and keeps growing the other', () => {
    const { f, evaluated } = recording((x) => (x < 0 ? Number.NaN : x - 100));
    expect(expandBracket(f, 1, 2)).toEqual({ lo: 64, hi: 128 });
    expect(evaluated.filter((x) => x < 0)).toHaveLength(1);
  });

  it('rejects a zero-width start or one outside the limits', () => {
    expect(() => expandBracket((x) => x, 1, 1)).toThrow(/differ/);
    expect(() => expandBracket((x) => x, -1, 0, { lowerLimit: -1 })).toThrow(RangeError);
    expect(() => expandBracket((x) => x, 0, Number.NaN)).toThrow(/x1/);
  });
});
