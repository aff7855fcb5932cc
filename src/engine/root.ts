/**
 * Bracketed scalar root finding, shared by the rate solvers (IRR, XIRR) and the breakeven
 * solvers. Everything here is bounded: every loop has an iteration cap, and no result carries NaN.
 */

export type RootResult =
  | { kind: 'root'; x: number; iterations: number }
  | { kind: 'no-sign-change'; lo: number; hi: number }
  | { kind: 'no-convergence'; x: number };

export type BrentOptions = {
  /** Absolute x tolerance, added to a relative one of about 2 ulp; the default: full precision. */
  xTolerance?: number;
  /** Stop as soon as |f(x)| is at most this. */
  fTolerance?: number;
  maxIterations?: number;
  /** f(lo) and f(hi) when the caller has them (a costly f): they are not evaluated again. */
  known?: { readonly fLo: number; readonly fHi: number };
};

export type BracketOptions = {
  /** Exclusive bound: approached by at most halving the remaining gap, and never evaluated. */
  lowerLimit?: number;
  /** Exclusive bound, like lowerLimit. */
  upperLimit?: number;
  maxExpansions?: number;
};

const DEFAULT_X_TOLERANCE = 1e-15;
const DEFAULT_MAX_ITERATIONS = 200;
const DEFAULT_MAX_EXPANSIONS = 60;
const BRACKET_GROWTH = 2;

/** True when a and b have opposite signs or one is zero; false whenever either is NaN. */
function straddlesZero(a: number, b: number): boolean {
  return (a <= 0 && b >= 0) || (a >= 0 && b <= 0);
}

function sameStrictSign(a: number, b: number): boolean {
  return (a > 0 && b > 0) || (a < 0 && b < 0);
}

function requireFinite(value: number, name: string): void {
  if (!Number.isFinite(value))
    throw new RangeError(`${name} must be a finite number, got ${value}`);
}

/**
 * Brent's method (inverse quadratic interpolation and secant steps, falling back to bisection)
 * on the interval between lo and hi, which may be given in either order.
 *
 * Requires f(lo) and f(hi) to have opposite signs, or one of them to be zero; otherwise returns
 * `no-sign-change`. The bracket is kept throughout, so convergence is guaranteed for any function
 * whose sign changes, continuous or not. An infinite f value still has a sign and only forces a
 * bisection step; a NaN ends the search with `no-convergence` at the best point so far.
 *
 * Example: `brentRoot((x) => x * x - 2, 0, 2)` gives `{ kind: 'root', x: 1.414213562373095 }`,
 * √2 to within one ulp, after 9 iterations.
 */
export function brentRoot(
  f: (x: number) => number,
  lo: number,
  hi: number,
  options: BrentOptions = {},
): RootResult {
  requireFinite(lo, 'lo');
  requireFinite(hi, 'hi');
  const xTolerance = options.xTolerance ?? DEFAULT_X_TOLERANCE;
  const fTolerance = options.fTolerance ?? 0;
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;

  // b is the best estimate, a the previous one, and c the point that keeps the root bracketed.
  let a = lo;
  let b = hi;
  let fa = options.known ? options.known.fLo : f(a);
  let fb = options.known ? options.known.fHi : f(b);
  if (Number.isNaN(fa) || Number.isNaN(fb)) {
    return { kind: 'no-convergence', x: Number.isNaN(fa) ? b : a };
  }
  if (fa === 0) return { kind: 'root', x: a, iterations: 0 };
  if (fb === 0) return { kind: 'root', x: b, iterations: 0 };
  if (!straddlesZero(fa, fb)) return { kind: 'no-sign-change', lo, hi };

  let c = a;
  let fc = fa;
  let step = b - a;
  let previousStep = step;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    if (sameStrictSign(fb, fc)) {
      c = a;
      fc = fa;
      step = b - a;
      previousStep = step;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tolerance = 2 * Number.EPSILON * Math.abs(b) + 0.5 * xTolerance;
    const halfInterval = 0.5 * (c - b);
    if (Math.abs(halfInterval) <= tolerance || Math.abs(fb) <= fTolerance) {
      return { kind: 'root', x: b, iterations: iteration };
    }

    // Interpolating through an infinite value yields no information, so bisect instead.
    const canInterpolate =
      Math.abs(previousStep) >= tolerance &&
      Math.abs(fa) > Math.abs(fb) &&
      Number.isFinite(fa) &&
      Number.isFinite(fc);
    if (canInterpolate) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * halfInterval * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const rb = fb / fc;
        p = s * (2 * halfInterval * qa * (qa - rb) - (b - a) * (rb - 1));
        q = (qa - 1) * (rb - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      // Accept the interpolated step only if it stays well inside the bracket and shrinks fast
      // enough; otherwise bisect, which bounds the worst case.
      if (
        2 * p <
        Math.min(3 * halfInterval * q - Math.abs(tolerance * q), Math.abs(previousStep * q))
      ) {
        previousStep = step;
        step = p / q;
      } else {
        step = halfInterval;
        previousStep = step;
      }
    } else {
      step = halfInterval;
      previousStep = step;
    }

    a = b;
    fa = fb;
    b += Math.abs(step) > tolerance ? step : Math.sign(halfInterval) * tolerance;
    fb = f(b);
    if (Number.isNaN(fb)) return { kind: 'no-convergence', x: a };
  }
  return { kind: 'no-convergence', x: b };
}

/**
 * Grows the interval [x0, x1] (either order, endpoints distinct) outward on both sides, doubling
 * the step each time, until f changes sign across one of the newly added pieces; returns that
 * piece, so the bracket found is the one nearest the starting interval (the lower side is tried
 * first within a round). Limits are exclusive: a side that would cross its limit moves only half
 * the remaining gap, so for a rate pass `lowerLimit: -1`. A side stops growing when f gives NaN
 * there or the gap to its limit is exhausted. Returns null if no sign change is found within
 * maxExpansions rounds.
 *
 * Example: `expandBracket((x) => x - 10, 0, 1)` gives `{ lo: 7, hi: 15 }`: the rounds grow the
 * interval to [-2, 3], [-6, 7], then [-14, 15], and the sign changes between 7 and 15.
 */
export function expandBracket(
  f: (x: number) => number,
  x0: number,
  x1: number,
  options: BracketOptions = {},
): { lo: number; hi: number } | null {
  requireFinite(x0, 'x0');
  requireFinite(x1, 'x1');
  if (x0 === x1) throw new RangeError('x0 and x1 must differ, so the interval has a width to grow');
  const lowerLimit = options.lowerLimit ?? Number.NEGATIVE_INFINITY;
  const upperLimit = options.upperLimit ?? Number.POSITIVE_INFINITY;
  const maxExpansions = options.maxExpansions ?? DEFAULT_MAX_EXPANSIONS;
  let lo = Math.min(x0, x1);
  let hi = Math.max(x0, x1);
  if (!(lo > lowerLimit && hi < upperLimit)) {
    throw new RangeError(`[${lo}, ${hi}] must lie strictly inside (${lowerLimit}, ${upperLimit})`);
  }

  let fLo = f(lo);
  let fHi = f(hi);
  if (straddlesZero(fLo, fHi)) return { lo, hi };
  let lowerOpen = !Number.isNaN(fLo);
  let upperOpen = !Number.isNaN(fHi);
  let width = hi - lo;
  for (let round = 0; round < maxExpansions && (lowerOpen || upperOpen); round++) {
    width *= BRACKET_GROWTH;
    if (lowerOpen) {
      const nextLo = Math.max(lo - width, lo - (lo - lowerLimit) / 2);
      const fNext = nextLo < lo && nextLo > lowerLimit ? f(nextLo) : Number.NaN;
      if (Number.isNaN(fNext)) {
        lowerOpen = false;
      } else {
        if (straddlesZero(fNext, fLo)) return { lo: nextLo, hi: lo };
        lo = nextLo;
        fLo = fNext;
      }
    }
    if (upperOpen) {
      const nextHi = Math.min(hi + width, hi + (upperLimit - hi) / 2);
      const fNext = nextHi > hi && nextHi < upperLimit ? f(nextHi) : Number.NaN;
      if (Number.isNaN(fNext)) {
        upperOpen = false;
      } else {
        if (straddlesZero(fHi, fNext)) return { lo: hi, hi: nextHi };
        hi = nextHi;
        fHi = fNext;
      }
    }
  }
  return null;
}
