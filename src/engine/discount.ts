import type { Scenario } from '../schema/scenario';
import { zeroSeries } from './series';
import { type CashFlowClass, isZeroLine, LINE_ITEMS, type StrategyLines } from './strategies';

/** Annual effective discount rate of each cash-flow class (fractions); the WACC by default. */
export function classDiscountRates(scenario: Scenario): Record<CashFlowClass, number> {
  const { finance } = scenario;
  const wacc = finance.discountRatePctPerYear;
  return {
    mining: (finance.miningDiscountRatePctPerYear ?? wacc) / 100,
    construction: (finance.constructionDiscountRatePctPerYear ?? wacc) / 100,
    lease: (finance.leaseDiscountRatePctPerYear ?? wacc) / 100,
  };
}

/**
 * Discount factors of months 0 … H-1, each flow dated at its month end:
 * `DF(m) = (1 + r)^(-(m + 1) / 12)`.
 *
 * @example r = 10%: DF(11) = 1 / 1.1 = 0.909090…
 */
export function monthEndDiscountFactors(annualRate: number, horizonMonths: number): Float64Array {
  // The breakeven solvers and the tornado ask for the same few series hundreds of times per
  // evaluation: keep them (they are never mutated).
  const key = `${annualRate}:${horizonMonths}`;
  const cached = factorCache.get(key);
  if (cached !== undefined) return cached;
  const factors = new Float64Array(horizonMonths);
  for (let m = 0; m < horizonMonths; m += 1) factors[m] = (1 + annualRate) ** (-(m + 1) / 12);
  if (factorCache.size >= 32) factorCache.delete(factorCache.keys().next().value!);
  factorCache.set(key, factors);
  return factors;
}
const factorCache = new Map<string, Float64Array>();

export type ClassDiscountFactors = Record<CashFlowClass, Float64Array>;

export function classDiscountFactors(scenario: Scenario): ClassDiscountFactors {
  const rates = classDiscountRates(scenario);
  return {
    mining: monthEndDiscountFactors(rates.mining, scenario.horizonMonths),
    construction: monthEndDiscountFactors(rates.construction, scenario.horizonMonths),
    lease: monthEndDiscountFactors(rates.lease, scenario.horizonMonths),
  };
}

/** A strategy's lines summed by month and discounted by class (docs/model.md §8). */
export interface DiscountedLines {
  /** Net cash flow of each month (USD); a fresh array, the caller's own. */
  readonly net: number[];
  /** Each month's flows, each discounted at its class's rate (USD); a fresh array. */
  readonly discounted: number[];
  readonly npvByClassUsd: Record<CashFlowClass, number>;
}

/**
 * One pass item by item: `net(m) = Σ_i flow_i(m)`, `discounted(m) = Σ_i flow_i(m) · DF_class(i)(m)`
 * and each class's NPV, the sum of its discounted flows.
 */
export function discountLines(
  lines: StrategyLines<number>,
  factors: ClassDiscountFactors,
  horizonMonths: number,
): DiscountedLines {
  const net = zeroSeries(horizonMonths);
  const discounted = zeroSeries(horizonMonths);
  const npvByClassUsd: Record<CashFlowClass, number> = { mining: 0, construction: 0, lease: 0 };
  for (const item of LINE_ITEMS) {
    const series = lines[item.key];
    const df = factors[item.class];
    let classNpv = 0;
    for (let m = 0; m < horizonMonths; m += 1) {
      const flow = series[m]!;
      if (flow === 0) continue;
      const pv = flow * df[m]!;
      net[m] = net[m]! + flow;
      discounted[m] = discounted[m]! + pv;
      classNpv += pv;
    }
    npvByClassUsd[item.class] += classNpv;
  }
  return { net, discounted, npvByClassUsd };
}

/**
 * The net cash flow by month, `net(m) = Σ items line(m)`, into `net` (zeroed first; a caller's
 * array it reads before its next call), and, in the same pass over the lines, their present value
 * at one set of factors for every class, `Σ items Σ months line(m) × DF(m)`. Both summed as
 * {@link discountLines} sums its net and NPV (equal bit for bit, with every class at these
 * factors): what a levered view's NPV reads of the lines, at the cost of equity (levered.ts), in
 * one pass and without the discounted series.
 *
 * @example lines whose only non-zero line is rent [0, 5], factors [1, 0.5]: net [0, 5], 2.5
 */
export function netCashFlowsAndPresentValue(
  lines: StrategyLines<number>,
  horizonMonths: number,
  factors: ArrayLike<number>,
  net: number[],
): number {
  if (net.length !== horizonMonths) {
    throw new RangeError(`net has ${net.length} months: the horizon is ${horizonMonths}`);
  }
  net.fill(0);
  const byClass: Record<CashFlowClass, number> = { mining: 0, construction: 0, lease: 0 };
  for (const item of LINE_ITEMS) {
    const series = lines[item.key];
    if (isZeroLine(series)) continue;
    let classNpv = 0;
    for (let m = 0; m < horizonMonths; m += 1) {
      const flow = series[m]!;
      if (flow === 0) continue;
      net[m] = net[m]! + flow;
      classNpv += flow * factors[m]!;
    }
    byClass[item.class] += classNpv;
  }
  return byClass.mining + byClass.construction + byClass.lease;
}
