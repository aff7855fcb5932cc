import type { Scenario } from '../schema/scenario';
import { floatArith } from './arith';
import { type ClassDiscountFactors, classDiscountRates } from './discount';
import { type LeaseUnitLines, leaseLineMonths } from './lease';
import type { MiningLines } from './mining';
import { recentCache } from './recent';
import { zeroSeries } from './series';
import {
  miningShare,
  type PlacedTranche,
  placeTranches,
  type StrategyPlan,
  siteResidualUsd,
} from './strategies';

/**
 * A plan's tranches and mining-share steps for `convertUtilityMw` converted from month 0. They
 * depend on the MW converted, not on the start month: a plan starting at k is this shifted by k.
 */
export interface PlanTemplate {
  readonly tranches: readonly PlacedTranche[];
  /** Construction-start offsets where the share changes, ascending, with the share after each. */
  readonly steps: readonly { readonly offset: number; readonly shareAfter: number }[];
}

export function planTemplate(scenario: Scenario, convertUtilityMw: number): PlanTemplate {
  const tranches = placeTranches(scenario, {
    id: 'convert-at-month',
    label: '',
    convertUtilityMw,
    startMonth: 0,
  });
  const offsets = [...new Set(tranches.map((t) => t.constructionStartMonth))].sort((a, b) => a - b);
  const steps = offsets.map((offset) => ({
    offset,
    shareAfter: miningShare(
      floatArith,
      scenario,
      tranches.reduce(
        (sum, t) => (t.constructionStartMonth <= offset ? sum + t.utilityMw : sum),
        0,
      ),
    ),
  }));
  return { tranches, steps };
}

/**
 * The mining part of a plan's NPV from the prefix sums `miningPvPrefix[m] = Σ_{j<m} net(j) DF(j)`
 * (net includes refresh purchases and retired machines sold): the share-weighted PV between the
 * months the share changes, the machines taken out when it falls (`(share before − share after)
 * × stop-sale value × DF`) and what still mines sold at the horizon.
 */
export function miningNpvOfPlan(
  template: PlanTemplate,
  startMonth: number,
  wholeFleetShare: number,
  miningPvPrefix: ArrayLike<number>,
  fleetResaleValueUsd: ArrayLike<number>,
  stopSaleValueUsd: ArrayLike<number>,
  miningDiscountFactors: ArrayLike<number>,
): number {
  const horizon = miningPvPrefix.length - 1;
  const last = horizon - 1;
  let npv = 0;
  let segmentStart = 0;
  let share = wholeFleetShare;
  for (const step of template.steps) {
    const breakpoint = step.offset + startMonth;
    if (breakpoint >= horizon) break;
    npv += share * (miningPvPrefix[breakpoint]! - miningPvPrefix[segmentStart]!);
    npv +=
      (share - step.shareAfter) *
      stopSaleValueUsd[breakpoint]! *
      miningDiscountFactors[breakpoint]!;
    share = step.shareAfter;
    segmentStart = breakpoint;
  }
  npv += share * (miningPvPrefix[horizon]! - miningPvPrefix[segmentStart]!);
  npv += share * fleetResaleValueUsd[last]! * miningDiscountFactors[last]!;
  return npv;
}

/**
 * Discount factors `(1 + r)^(−(m+1)/12)` for months past the horizon too: the renewal DCF values
 * construction and rent that fall after it.
 */
function extendedFactors(factors: Float64Array, rate: number, length: number): Float64Array {
  if (length <= factors.length) return factors;
  // The breakeven solvers ask for the same rate and length again and again: keep the last few.
  const key = `${rate}:${length}`;
  const cached = extendedCache.get(key);
  if (cached !== undefined) return cached;
  const extended = new Float64Array(length);
  extended.set(factors);
  for (let m = factors.length; m < length; m += 1) extended[m] = (1 + rate) ** (-(m + 1) / 12);
  if (extendedCache.size > 16) extendedCache.clear();
  extendedCache.set(key, extended);
  return extended;
}
const extendedCache = new Map<string, Float64Array>();

/**
 * The part of a plan's NPV that does not depend on the BTC price: construction, lease and the
 * site residual. A tranche delivered at month d adds `itMw × v^d × Σ_j lease(j) DF(j)` because
 * `DF(d + j) = v^d DF(j)` with `v = (1+r)^(-1/12)`; capex over its construction months;
 * prepayment at construction start. The horizon value follows the scenario's rule: under the
 * renewal DCF every flow of the lease, before or after the horizon, counts at its own date (so
 * the NPV of a plan does not depend on the horizon); under exit cap, the renewal-weighted NOI of
 * the 12 months after the horizon ÷ the cap rate. Every plan ends with the site residual.
 * A plan starting at or after the horizon converts nothing.
 */
export function createLeaseNpv(
  scenario: Scenario,
  leaseUnit: LeaseUnitLines<number>,
  factors: ClassDiscountFactors,
): (template: PlanTemplate, startMonth: number) => number {
  // The BTC-price breakeven asks again for the same scenario, lease leg and rates: reuse.
  const cached = leaseNpvCache.find(
    (key) =>
      key.leaseUnit === leaseUnit &&
      key.scenario === scenario &&
      key.factors.mining === factors.mining &&
      key.factors.construction === factors.construction &&
      key.factors.lease === factors.lease,
  );
  if (cached !== undefined) return cached;
  const leaseNpv = buildLeaseNpv(scenario, leaseUnit, factors);
  leaseNpvCache.set({ leaseUnit, scenario, factors }, leaseNpv);
  return leaseNpv;
}
const leaseNpvCache = recentCache<
  { leaseUnit: LeaseUnitLines<number>; scenario: Scenario; factors: ClassDiscountFactors },
  (template: PlanTemplate, startMonth: number) => number
>(2);

function buildLeaseNpv(
  scenario: Scenario,
  leaseUnit: LeaseUnitLines<number>,
  factors: ClassDiscountFactors,
): (template: PlanTemplate, startMonth: number) => number {
  const horizon = scenario.horizonMonths;
  const leaseMonths = leaseLineMonths(scenario);
  const terminal = scenario.lease.terminalValue;
  const renewalDcf = terminal.kind === 'renewal-dcf';
  const rates = classDiscountRates(scenario);
  // Under the renewal DCF, flows run up to a life past the horizon: extend the factors.
  const span = renewalDcf
    ? Math.max(horizon + leaseUnit.leaseDiscountPowers.length, leaseMonths)
    : Math.max(horizon, leaseMonths);
  const constructionDf = extendedFactors(factors.construction, rates.construction, span);
  const leaseDf = extendedFactors(factors.lease, rates.lease, span);
  const capexDfPrefix = capexFactorPrefix(constructionDf, span);
  const { leasePvPrefix, leasePvTotal, noiPrefix } = leaseIncomeSums(
    leaseUnit,
    leaseDf,
    leaseMonths,
    renewalDcf,
    terminal.kind === 'exit-cap',
  );
  // v^d for the lease class: v^0 = 1, v^d = DF(d − 1).
  const leaseShift = (d: number) => (d === 0 ? 1 : leaseDf[d - 1]!);
  const { constructionMonths } = scenario.conversion;
  const last = horizon - 1;
  const siteResidualPv = siteResidualUsd(floatArith, scenario) * factors.construction[last]!;
  return (template, k) => {
    let npv = siteResidualPv;
    if (k >= horizon) return npv;
    let forwardNoi = 0;
    for (const tranche of template.tranches) {
      const start = tranche.constructionStartMonth + k;
      const delivery = tranche.deliveryMonth + k;
      if (renewalDcf) {
        // Every flow at its own date: nothing depends on where the horizon falls.
        npv +=
          tranche.itMw *
          leaseUnit.capexPerConstructionMonthUsd *
          (capexDfPrefix[start + constructionMonths]! - capexDfPrefix[start]!);
        npv += tranche.itMw * leaseUnit.prepaymentUsd * leaseDf[start]!;
        npv += tranche.itMw * leaseShift(delivery) * leasePvTotal;
        continue;
      }
      if (start >= horizon) continue;
      const capexEnd = Math.min(horizon, start + constructionMonths);
      npv +=
        tranche.itMw *
        leaseUnit.capexPerConstructionMonthUsd *
        (capexDfPrefix[capexEnd]! - capexDfPrefix[start]!);
      npv += tranche.itMw * leaseUnit.prepaymentUsd * leaseDf[start]!;
      if (delivery < horizon) {
        npv += tranche.itMw * leaseShift(delivery) * leasePvPrefix![horizon - delivery]!;
      }
      if (terminal.kind === 'exit-cap') {
        const from = Math.max(0, horizon - delivery);
        const to = Math.min(leaseMonths, horizon + 12 - delivery);
        if (to > from) forwardNoi += tranche.itMw * (noiPrefix![to]! - noiPrefix![from]!);
      }
    }
    if (terminal.kind === 'exit-cap' && template.tranches.length > 0) {
      npv += (forwardNoi / (terminal.exitCapRatePct / 100)) * factors.lease[last]!;
    }
    return npv;
  };
}

/**
 * `Σ_{j<m} DF(j)`, m = 0 … span, of the construction class: capex spread evenly over months
 * a … b is worth `capex × (prefix[b] − prefix[a])`. Kept per factor series (breakeven and tornado
 * probes that leave the rates alone share it).
 */
function capexFactorPrefix(constructionDf: Float64Array, span: number): readonly number[] {
  const cached = capexPrefixCache.get(constructionDf);
  if (cached !== undefined && cached.length === span + 1) return cached;
  const prefix = zeroSeries(span + 1);
  for (let m = 0; m < span; m += 1) prefix[m + 1] = prefix[m]! + constructionDf[m]!;
  capexPrefixCache.set(constructionDf, prefix);
  return prefix;
}
const capexPrefixCache = new WeakMap<Float64Array, number[]>();

/**
 * The unit lease leg's income discounted at the lease rate, `Σ_{j<m} (rent + credit loss +
 * landlord opex)(j) × DF(j)`: only its total under the renewal DCF (every month counts), its
 * prefix sums otherwise (the months before the horizon count), and the prefix sums of NOI for
 * the exit cap's forward NOI. Kept per unit lines (the capex breakeven and moves share them).
 */
function leaseIncomeSums(
  leaseUnit: LeaseUnitLines<number>,
  leaseDf: Float64Array,
  leaseMonths: number,
  totalOnly: boolean,
  withNoi: boolean,
): { leasePvPrefix: number[] | null; leasePvTotal: number; noiPrefix: number[] | null } {
  const cached = incomeCache.find(
    (key) =>
      key.rentUsd === leaseUnit.rentUsd &&
      key.creditLossUsd === leaseUnit.creditLossUsd &&
      key.landlordOpexUsd === leaseUnit.landlordOpexUsd &&
      key.noiUsd === leaseUnit.noiUsd &&
      key.leaseDf === leaseDf &&
      key.leaseMonths === leaseMonths &&
      key.totalOnly === totalOnly &&
      key.withNoi === withNoi,
  );
  if (cached !== undefined) return cached;
  const leasePvPrefix = totalOnly ? null : zeroSeries(leaseMonths + 1);
  let leasePvTotal = 0;
  for (let m = 0; m < leaseMonths; m += 1) {
    const leaseNet =
      leaseUnit.rentUsd[m]! + leaseUnit.creditLossUsd[m]! + leaseUnit.landlordOpexUsd[m]!;
    leasePvTotal += leaseNet * leaseDf[m]!;
    if (leasePvPrefix !== null) leasePvPrefix[m + 1] = leasePvTotal;
  }
  let noiPrefix: number[] | null = null;
  if (withNoi) {
    noiPrefix = zeroSeries(leaseMonths + 1);
    for (let m = 0; m < leaseMonths; m += 1) {
      noiPrefix[m + 1] = noiPrefix[m]! + leaseUnit.noiUsd[m]!;
    }
  }
  const sums = { leasePvPrefix, leasePvTotal, noiPrefix };
  incomeCache.set(
    {
      rentUsd: leaseUnit.rentUsd,
      creditLossUsd: leaseUnit.creditLossUsd,
      landlordOpexUsd: leaseUnit.landlordOpexUsd,
      noiUsd: leaseUnit.noiUsd,
      leaseDf,
      leaseMonths,
      totalOnly,
      withNoi,
    },
    sums,
  );
  return sums;
}
const incomeCache = recentCache<
  {
    rentUsd: readonly number[];
    creditLossUsd: readonly number[];
    landlordOpexUsd: readonly number[];
    noiUsd: readonly number[];
    leaseDf: Float64Array;
    leaseMonths: number;
    totalOnly: boolean;
    withNoi: boolean;
  },
  ReturnType<typeof leaseIncomeSums>
>(2);

/** Σ_{j<m} (Σ mining lines of month j) × DF(j), m = 0 … H: the prefix sums of the mining PV. */
export function miningPvPrefix(
  mining: MiningLines<number>,
  miningDiscountFactors: ArrayLike<number>,
): number[] {
  const horizon = mining.revenueUsd.length;
  const prefix = zeroSeries(horizon + 1);
  for (let m = 0; m < horizon; m += 1) {
    const miningNet =
      mining.refreshCapexUsd[m]! +
      mining.retiredResaleUsd[m]! +
      mining.revenueUsd[m]! +
      mining.poolFeeUsd[m]! +
      mining.powerUsd[m]! +
      mining.takeOrPayUsd[m]! +
      mining.demandChargeUsd[m]! +
      mining.nonPowerOpexUsd[m]! +
      mining.curtailmentIncomeUsd[m]!;
    prefix[m + 1] = prefix[m]! + miningNet * miningDiscountFactors[m]!;
  }
  return prefix;
}

/**
 * {@link miningPvPrefix}, kept per mining lines and discount factors: the lease and capex
 * breakevens and most tornado moves value the same mining lines again and again (neither is
 * ever mutated, so sharing the prefix sums is safe).
 */
function cachedMiningPvPrefix(
  mining: MiningLines<number>,
  miningDiscountFactors: Float64Array,
): readonly number[] {
  const cached = prefixCache.find(
    (key) => key.mining === mining && key.factors === miningDiscountFactors,
  );
  if (cached !== undefined) return cached;
  const prefix = miningPvPrefix(mining, miningDiscountFactors);
  prefixCache.set({ mining, factors: miningDiscountFactors }, prefix);
  return prefix;
}
const prefixCache = recentCache<
  { mining: MiningLines<number>; factors: Float64Array },
  readonly number[]
>(2);

/**
 * The plan templates of a scenario by converted MW, shared by scenarios with the same site,
 * fleet, mining terms and conversion (what {@link planTemplate} reads): the probes change other
 * sections (a spread keeps these objects).
 */
function templatesOf(scenario: Scenario): Map<number, PlanTemplate> {
  const { site, fleet, mining, conversion } = scenario;
  const cached = templateCache.find(
    (key) =>
      key.site === site &&
      key.fleet === fleet &&
      key.mining === mining &&
      key.conversion === conversion,
  );
  if (cached !== undefined) return cached;
  const templates = new Map<number, PlanTemplate>();
  templateCache.set({ site, fleet, mining, conversion }, templates);
  return templates;
}
const templateCache = recentCache<
  Pick<Scenario, 'site' | 'fleet' | 'mining' | 'conversion'>,
  Map<number, PlanTemplate>
>(4);

/**
 * NPV of any plan in O(tranches) after O(H) set-up, for the conversion-month search and the
 * breakeven solvers. It is the NPV of `buildStrategyLines` rearranged with prefix sums (a test
 * holds the two equal): {@link miningNpvOfPlan} plus {@link createLeaseNpv}.
 */
export function createFastNpv(
  scenario: Scenario,
  mining: MiningLines<number>,
  leaseUnit: LeaseUnitLines<number>,
  factors: ClassDiscountFactors,
): (plan: StrategyPlan) => number {
  const prefix = cachedMiningPvPrefix(mining, factors.mining);
  const leaseNpv = createLeaseNpv(scenario, leaseUnit, factors);
  // The search calls this H times with one MW, and the probes of the breakevens and the tornado
  // keep the site, fleet and conversion: build each template once.
  const templates = templatesOf(scenario);
  const templateFor = (convertUtilityMw: number): PlanTemplate => {
    let template = templates.get(convertUtilityMw);
    if (template === undefined) {
      template = planTemplate(scenario, convertUtilityMw);
      templates.set(convertUtilityMw, template);
    }
    return template;
  };
  const wholeFleetShare = miningShare(floatArith, scenario, 0);
  return (plan) => {
    const template = templateFor(plan.convertUtilityMw);
    return (
      miningNpvOfPlan(
        template,
        plan.startMonth,
        wholeFleetShare,
        prefix,
        mining.fleetResaleValueUsd,
        mining.stopSaleValueUsd,
        factors.mining,
      ) + leaseNpv(template, plan.startMonth)
    );
  };
}

/**
 * The conversion month k ∈ [0, H−1] that maximises the NPV of "mine, then convert the whole site
 * at k" (the earliest such k on ties).
 */
export function searchBestConversionMonth(
  scenario: Scenario,
  fastNpv: (plan: StrategyPlan) => number,
): { month: number; npvUsd: number } {
  let best = { month: 0, npvUsd: Number.NEGATIVE_INFINITY };
  for (let k = 0; k < scenario.horizonMonths; k += 1) {
    const npvUsd = fastNpv({
      id: 'convert-at-best-month',
      label: '',
      convertUtilityMw: scenario.site.utilityMw,
      startMonth: k,
    });
    if (npvUsd > best.npvUsd) best = { month: k, npvUsd };
  }
  return best;
}
