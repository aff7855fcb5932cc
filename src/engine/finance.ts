/**
 * Spreadsheet financial functions (NPV, IRR, MIRR, XNPV, XIRR, PMT) with Excel/LibreOffice
 * semantics, in float64. Pure functions; invalid arguments throw a RangeError naming the argument,
 * and the rate solvers report failure as a typed result, never as NaN.
 */

import { brentRoot, expandBracket } from './root';

export type IrrResult =
  | { kind: 'rate'; rate: number }
  | { kind: 'no-sign-change' }
  | { kind: 'no-root' };

const DAYS_PER_YEAR = 365;
const MS_PER_DAY = 86_400_000;
/** Excel and LibreOffice stop after 20 Newton steps; more steps rescue slow starts for free. */
const NEWTON_MAX_ITERATIONS = 50;
const NEWTON_STEP_TOLERANCE = 1e-12;
/** A discounted sum this small relative to its terms is rounding noise: the rate is a root. */
const ROUNDING_NOISE = 4 * Number.EPSILON;
/** Width of the first interval tried, starting at the guess, when Newton fails. */
const INITIAL_BRACKET_WIDTH = 0.01;

function requireFinite(value: number, name: string): void {
  if (!Number.isFinite(value))
    throw new RangeError(`${name} must be a finite number, got ${value}`);
}

function requireFiniteValues(values: readonly number[]): void {
  for (const [index, value] of values.entries()) requireFinite(value, `values[${index}]`);
}

function requireRateAboveMinusOne(rate: number, name: string): void {
  requireFinite(rate, name);
  if (rate <= -1) throw new RangeError(`${name} must be greater than -1, got ${rate}`);
}

function hasSignChange(values: readonly number[]): boolean {
  return values.some((value) => value > 0) && values.some((value) => value < 0);
}

/**
 * Excel NPV: the first value is discounted one full period, unlike the usual textbook NPV.
 *
 *   NPV(r, v) = Σ_{i=0}^{n-1} v_i / (1 + r)^(i + 1)
 *
 * Rates below -1 are computed as written (the exponents are integers); rate = -1 is Excel's
 * #DIV/0! and throws. An empty series gives 0.
 *
 * Example: `npv(0.1, [110, 121])` = 110/1.1 + 121/1.21 = 200 (to rounding).
 */
export function npv(rate: number, values: readonly number[]): number {
  requireFinite(rate, 'rate');
  if (rate === -1) throw new RangeError('rate must not be -1 (division by zero)');
  requireFiniteValues(values);
  let total = 0;
  values.forEach((value, index) => {
    total += value / (1 + rate) ** (index + 1);
  });
  return total;
}

/**
 * Σ v_i (1 + r)^(-t_i), its derivative in r, and Σ |v_i (1 + r)^(-t_i)|, the magnitude against
 * which rounding noise in the sum is judged. Requires r > -1. `times === null` means periods
 * 0, 1, 2, …: the discount factor is then built by multiplication (no power per term), which
 * makes a 240-month IRR several times faster.
 */
function discountedSum(
  rate: number,
  values: readonly number[],
  times: readonly number[] | null,
): { value: number; slope: number; magnitude: number } {
  const growth = 1 + rate;
  const perPeriod = 1 / growth;
  let factor = 1;
  let value = 0;
  let slope = 0;
  let magnitude = 0;
  for (let index = 0; index < values.length; index += 1) {
    const time = times === null ? index : times[index]!;
    const discounted = values[index]! * (times === null ? factor : growth ** -time);
    factor *= perPeriod;
    value += discounted;
    slope -= (time * discounted) / growth;
    magnitude += Math.abs(discounted);
  }
  return { value, slope, magnitude };
}

/** Newton from the guess, as the spreadsheets do; null when a step fails or leaves (-1, ∞). */
function newtonRate(
  values: readonly number[],
  times: readonly number[] | null,
  guess: number,
): number | null {
  let rate = guess;
  for (let iteration = 0; iteration < NEWTON_MAX_ITERATIONS; iteration++) {
    const { value, slope, magnitude } = discountedSum(rate, values, times);
    // An infinite slope would make the step 0 and fake convergence at a non-root.
    if (!Number.isFinite(value) || !Number.isFinite(slope) || slope === 0) return null;
    if (Math.abs(value) <= ROUNDING_NOISE * magnitude) return rate;
    const next = rate - value / slope;
    if (!(next > -1 && Number.isFinite(next))) return null;
    if (Math.abs(next - rate) <= NEWTON_STEP_TOLERANCE * (1 + Math.abs(rate))) return next;
    rate = next;
  }
  return null;
}

/**
 * The rate r > -1 at which Σ v_i (1 + r)^(-t_i) = 0: Newton from the guess first, so that with
 * several roots the answer is the spreadsheet's; if Newton fails, the nearest sign change around
 * the guess is bracketed and solved by Brent's method.
 */
function solveRate(
  values: readonly number[],
  times: readonly number[] | null,
  guess: number,
): IrrResult {
  if (!hasSignChange(values)) return { kind: 'no-sign-change' };
  // The root does not depend on the scale of the cash flows; normalizing keeps huge values from
  // overflowing the sums.
  const largest = values.reduce((max, value) => Math.max(max, Math.abs(value)), 0);
  const normalized = values.map((value) => value / largest);

  const newtonResult = newtonRate(normalized, times, guess);
  if (newtonResult !== null && isVerifiedRoot(normalized, times, newtonResult)) {
    return { kind: 'rate', rate: newtonResult };
  }

  const presentValueAt = (rate: number) => discountedSum(rate, normalized, times).value;
  const bracket = expandBracket(presentValueAt, guess, guess + INITIAL_BRACKET_WIDTH, {
    lowerLimit: -1,
  });
  if (bracket === null) return { kind: 'no-root' };
  const root = brentRoot(presentValueAt, bracket.lo, bracket.hi);
  return root.kind === 'root' && isVerifiedRoot(normalized, times, root.x)
    ? { kind: 'rate', rate: root.x }
    : { kind: 'no-root' };
}

/** Relative size of the present value at a reported rate below which it counts as a root. */
export const IRR_ROOT_TOLERANCE = 1e-7;

/**
 * A rate the solvers return is reported only if the present value there is really ~0 relative
 * to the flows' scale (issue 11: a sum that *underflows* to exactly 0 at an absurd rate — e.g.
 * `irr([0 ×50, 1, −1, 1])` at a monthly rate of 5.4 million — is not a root). The sum is taken
 * in units of the first non-zero flow's date, so no term underflows before the ones that must
 * cancel: |Σ v_i (1+r)^−(t_i − t_first)| ≤ {@link IRR_ROOT_TOLERANCE} × Σ |same terms|.
 */
function isVerifiedRoot(
  values: readonly number[],
  times: readonly number[] | null,
  rate: number,
): boolean {
  if (!(rate > -1) || !Number.isFinite(rate)) return false;
  const first = values.findIndex((value) => value !== 0);
  const start = times === null ? first : times[first]!;
  const growth = 1 + rate;
  let value = 0;
  let magnitude = 0;
  if (times === null) {
    // Periodic flows: the discount factor by repeated division, not a power per term (a check
    // within 1e-7 of the flows' scale does not need a correctly rounded power; this check was
    // 6% of a profiled evaluation with financing and tax, docs/benchmarks.md).
    let factor = 1;
    for (let index = first; index < values.length; index += 1) {
      const term = values[index]! * factor;
      value += term;
      magnitude += Math.abs(term);
      factor /= growth;
    }
  } else {
    for (let index = first; index < values.length; index += 1) {
      const term = values[index]! * growth ** -(times[index]! - start);
      value += term;
      magnitude += Math.abs(term);
    }
  }
  return (
    Number.isFinite(value) && magnitude > 0 && Math.abs(value) <= IRR_ROOT_TOLERANCE * magnitude
  );
}

/**
 * Excel IRR: the rate r at which the cash flows, one per period, have zero present value.
 *
 *   Σ_{i=0}^{n-1} v_i / (1 + r)^i = 0
 *
 * Like Excel and LibreOffice, Newton's method starts from the guess, so when several rates solve
 * the equation the one returned is the one Newton reaches from that guess. Where the spreadsheets
 * give up (20 steps, or a step below -1, e.g. a long monthly series from guess 0.1), this falls
 * back to bracketing the sign change nearest the guess and Brent's method. Fewer than two values
 * or no sign change gives `no-sign-change`; a sign change with no root found gives `no-root`.
 *
 * Example: `irr([-100, 39, 59, 55, 20])` = `{ kind: 'rate', rate: 0.2809484211599611 }` to
 * rounding.
 */
export function irr(values: readonly number[], guess = 0.1): IrrResult {
  requireFiniteValues(values);
  requireRateAboveMinusOne(guess, 'guess');
  return solveRate(values, null, guess);
}

/**
 * Excel MIRR: inflows reinvested at reinvestRate, outflows financed at financeRate.
 *
 *   MIRR = ((-NPV(reinvest, positives) (1 + reinvest)^n)
 *           / (NPV(finance, negatives) (1 + finance)))^(1/(n-1)) - 1
 *
 * with n the number of values and NPV the Excel NPV above (positives/negatives keep their
 * positions, zeros elsewhere). Returns null where Excel gives #DIV/0!: no positive or no
 * negative value.
 *
 * Example (Excel's documentation): `mirr([-120000, 39000, 30000, 21000, 37000, 46000], 0.1, 0.12)`
 * ≈ 0.1260941303659051 (Excel shows 12.61%).
 */
export function mirr(
  values: readonly number[],
  financeRate: number,
  reinvestRate: number,
): number | null {
  requireFiniteValues(values);
  requireFinite(financeRate, 'financeRate');
  requireFinite(reinvestRate, 'reinvestRate');
  if (!hasSignChange(values)) return null;
  // Rates at or below −100% are accepted as spreadsheets accept them (issue 11: LibreOffice
  // gives 1.582 for [3, 4, −3] at −200% / 100%); exactly −100% divides by zero (#DIV/0!), and a
  // negative ratio under an even root has no real value (#NUM!): both null.
  if (financeRate === -1 || reinvestRate === -1) return null;
  const n = values.length;
  const positives = values.map((value) => Math.max(value, 0));
  const negatives = values.map((value) => Math.min(value, 0));
  const terminalValueOfInflows = -npv(reinvestRate, positives) * (1 + reinvestRate) ** n;
  const presentValueOfOutflows = npv(financeRate, negatives) * (1 + financeRate);
  const result = (terminalValueOfInflows / presentValueOfOutflows) ** (1 / (n - 1)) - 1;
  return Number.isFinite(result) ? result : null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' calendar date, read as UTC so no time zone shifts it. */
function epochDay(isoDate: string, name: string): number {
  const match = ISO_DATE.exec(isoDate);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    // Date.UTC rolls 2023-02-30 over to March, and maps years 0-99 to 1900-1999; reject both.
    if (
      date.getUTCFullYear() === year &&
      date.getUTCMonth() === month - 1 &&
      date.getUTCDate() === day
    ) {
      return date.getTime() / MS_PER_DAY;
    }
  }
  throw new RangeError(`${name} must be a calendar date 'YYYY-MM-DD', got '${isoDate}'`);
}

/** Years since the first date (365-day years, negative for earlier dates), one per cash flow. */
function yearsFromFirstDate(values: readonly number[], isoDates: readonly string[]): number[] {
  if (values.length !== isoDates.length) {
    throw new RangeError(
      `values and isoDates must have the same length, got ${values.length} and ${isoDates.length}`,
    );
  }
  const days = isoDates.map((isoDate, index) => epochDay(isoDate, `isoDates[${index}]`));
  return days.map((day) => (day - days[0]!) / DAYS_PER_YEAR);
}

/**
 * Excel XNPV: present value of dated cash flows, discounted to the first date.
 *
 *   XNPV(r) = Σ v_i / (1 + r)^((d_i - d_0) / 365)
 *
 * Dates are 'YYYY-MM-DD' calendar days (parsed as UTC), d_0 is the FIRST date, not the earliest;
 * a date before it gets a negative exponent. (Excel's documentation says #NUM! for such dates;
 * Office's XIRR accepts them, per MS-OI29500.) Throws a RangeError on mismatched lengths, a
 * malformed or impossible date, or rate ≤ -1.
 *
 * Example (Excel's documentation): `xnpv(0.09, [-10000, 2750, 4250, 3250, 2750],
 * ['2008-01-01', '2008-03-01', '2008-10-30', '2009-02-15', '2009-04-01'])` ≈ 2086.647602031537.
 */
export function xnpv(rate: number, values: readonly number[], isoDates: readonly string[]): number {
  requireRateAboveMinusOne(rate, 'rate');
  requireFiniteValues(values);
  return discountedSum(rate, values, yearsFromFirstDate(values, isoDates)).value;
}

/**
 * Excel XIRR: the annual rate r at which XNPV(r) = 0 (see xnpv for the date rules), found as irr
 * finds its rate: Newton from the guess, then bracketing and Brent's method if Newton fails.
 *
 * Example (Excel's documentation): `xirr([-10000, 2750, 4250, 3250, 2750], ['2008-01-01',
 * '2008-03-01', '2008-10-30', '2009-02-15', '2009-04-01'])` = `{ kind: 'rate', rate:
 * 0.3733625335188315 }` (Excel's documentation shows 0.373362535: Excel iterates only to
 * 0.000001%).
 */
export function xirr(
  values: readonly number[],
  isoDates: readonly string[],
  guess = 0.1,
): IrrResult {
  requireFiniteValues(values);
  requireRateAboveMinusOne(guess, 'guess');
  return solveRate(values, yearsFromFirstDate(values, isoDates), guess);
}

/**
 * Excel PMT: the level payment per period that, with the present value pv, leaves fv after nper
 * periods; payments at period ends (type 0) or starts (type 1). Sign convention as in Excel: money
 * received is positive, so a loan (pv > 0) has negative payments.
 *
 *   pv (1 + r)^nper + pmt (1 + r·type) ((1 + r)^nper - 1) / r + fv = 0
 *
 * where ((1 + r)^nper - 1) / r is nper at r = 0, so there pmt = -(pv + fv) / nper.
 *
 * Throws a RangeError for nper = 0 or where the payment is undefined (e.g. rate = -1, type 1).
 *
 * Example: `pmt(0.05, 12, 1000)` = -112.82541002081540.
 */
export function pmt(rate: number, nper: number, pv: number, fv = 0, type: 0 | 1 = 0): number {
  requireFinite(rate, 'rate');
  requireFinite(nper, 'nper');
  requireFinite(pv, 'pv');
  requireFinite(fv, 'fv');
  if (nper === 0) throw new RangeError('nper must not be 0');
  if (type !== 0 && type !== 1) throw new RangeError(`type must be 0 or 1, got ${type}`);
  // (1 + r)^nper and (1 + r)^nper - 1 each computed directly: deriving either from the other
  // cancels digits, for tiny rates in the first case and for shrinking growth in the second.
  const logGrowth = nper * Math.log1p(rate);
  const growth = rate > -1 ? Math.exp(logGrowth) : (1 + rate) ** nper;
  const growthMinusOne = rate > -1 ? Math.expm1(logGrowth) : growth - 1;
  // ((1 + r)^nper - 1) / r, the future value of 1 paid per period; dividing rather than
  // multiplying by r keeps a tiny rate from underflowing the product.
  const annuityFutureValue = rate === 0 ? nper : growthMinusOne / rate;
  const payment = -(pv * growth + fv) / ((1 + rate * type) * annuityFutureValue);
  if (!Number.isFinite(payment)) {
    throw new RangeError(`pmt is undefined for rate ${rate}, nper ${nper}, type ${type}`);
  }
  return payment;
}

/**
 * The monthly rate that compounds to the given annual effective rate: (1 + a)^(1/12) - 1.
 *
 * Example: `annualToMonthlyRate(0.12682503013196977)` = 0.01 to rounding, since 1.01^12 =
 * 1.1268250301319698.
 */
export function annualToMonthlyRate(annualEffective: number): number {
  requireRateAboveMinusOne(annualEffective, 'annualEffective');
  // Same value as the formula above, without the cancellation in "- 1" for small rates.
  return Math.expm1(Math.log1p(annualEffective) / 12);
}
