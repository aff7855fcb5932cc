import { irr } from './finance';

/**
 * A strategy that invests nothing (no capital spent: keep mining, or a conversion the tenant
 * funds in full) has no IRR, payback or MOIC: there is no capital to return. The engine says so
 * with this typed result instead of a number without meaning (docs/model.md §8).
 */
export interface NoInvestment {
  readonly kind: 'no-investment';
}

export const NO_INVESTMENT: NoInvestment = Object.freeze({ kind: 'no-investment' });

/** How every output (app, board pack, files, CLI) writes {@link NoInvestment}. */
export const NO_INVESTMENT_TEXT = 'n/a — no investment';

/** Months until the cumulative cash flow is non-negative for good, or never. */
export type Payback =
  | { readonly kind: 'months'; readonly months: number }
  | { readonly kind: 'never' }
  | NoInvestment;

/** An annual IRR derived from the monthly one, or why there is none. */
export type IrrOutcome =
  | {
      readonly kind: 'rate';
      readonly annualRate: number;
      readonly monthlyRate: number;
      /** More than one sign change: other rates may also zero the NPV (Descartes' rule). */
      readonly multipleRootsPossible: boolean;
    }
  | { readonly kind: 'no-sign-change' }
  | { readonly kind: 'no-root' }
  | NoInvestment;

export type Moic =
  | { readonly kind: 'ratio'; readonly value: number }
  | { readonly kind: 'no-outflow' }
  | NoInvestment;

/**
 * Capital invested by a strategy: the total of its investment lines' outflows (USD, ≥ 0).
 * Investment lines are the capital expenditure a strategy makes (the landlord's conversion
 * capex); operating losses in a month are not an investment.
 *
 * @example investedCapitalUsd([[0, -5, -5, 0]]) === 10
 */
export function investedCapitalUsd(investmentLines: readonly ArrayLike<number>[]): number {
  let invested = 0;
  for (const line of investmentLines) {
    for (let m = 0; m < line.length; m += 1) {
      const flow = line[m]!;
      if (flow < 0) invested -= flow;
    }
  }
  return invested;
}

/**
 * Payback on month-end flows: the time at which the cumulative flow turns non-negative for the
 * last time, interpolated within that month; `0` when it is never negative; `never` when it ends
 * negative. Measured in months from the start.
 *
 * @example [-100, 50, 50, 50] → 3 months (cumulative reaches 0 at the end of month index 2).
 */
export function payback(flows: ArrayLike<number>): Payback {
  let cumulative = 0;
  let lastNegativeIndex = -1;
  let cumulativeAtLastNegative = 0;
  for (let m = 0; m < flows.length; m += 1) {
    cumulative += flows[m]!;
    if (cumulative < 0) {
      lastNegativeIndex = m;
      cumulativeAtLastNegative = cumulative;
    }
  }
  if (cumulative < 0) return { kind: 'never' };
  if (lastNegativeIndex < 0) return { kind: 'months', months: 0 };
  const nextFlow = flows[lastNegativeIndex + 1]!;
  return { kind: 'months', months: lastNegativeIndex + 1 + -cumulativeAtLastNegative / nextFlow };
}

/** Largest cumulative cash shortfall: `max(0, −min cumulative flow)` (USD). */
export function peakFunding(flows: ArrayLike<number>): number {
  let cumulative = 0;
  let lowest = 0;
  for (let m = 0; m < flows.length; m += 1) {
    cumulative += flows[m]!;
    if (cumulative < lowest) lowest = cumulative;
  }
  return lowest < 0 ? -lowest : 0;
}

/** Multiple on invested capital: sum of positive monthly nets ÷ sum of negative ones. */
export function moic(flows: ArrayLike<number>): Moic {
  let inflow = 0;
  let outflow = 0;
  for (let m = 0; m < flows.length; m += 1) {
    const flow = flows[m]!;
    if (flow > 0) inflow += flow;
    else outflow -= flow;
  }
  return outflow > 0 ? { kind: 'ratio', value: inflow / outflow } : { kind: 'no-outflow' };
}

/**
 * IRR of a monthly series, annualised as `(1 + r_month)^12 − 1`. Guess: 1% a month. A series
 * that changes sign more than once (mine, build, lease) can have several IRRs: the result says
 * so, and NPV is the measure to decide on.
 */
export function monthlyIrr(flows: readonly number[]): IrrOutcome {
  const result = irr(flows, 0.01);
  if (result.kind !== 'rate') return result;
  return {
    kind: 'rate',
    monthlyRate: result.rate,
    annualRate: (1 + result.rate) ** 12 - 1,
    multipleRootsPossible: signChanges(flows) > 1,
  };
}

/** Sign changes in a series, zeros skipped. @example signChanges([1, -2, 0, 3]) === 2 */
export function signChanges(flows: readonly number[]): number {
  let changes = 0;
  let previousSign = 0;
  for (const flow of flows) {
    const sign = Math.sign(flow);
    if (sign === 0) continue;
    if (previousSign !== 0 && sign !== previousSign) changes += 1;
    previousSign = sign;
  }
  return changes;
}
