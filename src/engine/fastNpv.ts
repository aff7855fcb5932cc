import type { Scenario } from '../schema/scenario';
import { floatArith } from './arith';
import type { ClassDiscountFactors } from './discount';
import type { LeaseUnitLines } from './lease';
import type { MiningLines } from './mining';
import { miningShare, type PlacedTranche, placeTranches, type StrategyPlan } from './strategies';

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
 * The mining part of a plan's NPV from the prefix sums `miningPvPrefix[m] = Σ_{j<m} net(j) DF(j)`:
 * the share-weighted PV between the months the share changes, the machines sold when it falls
 * (`(share before − share after) × resale × DF`) and what still mines sold at the horizon.
 */
export function miningNpvOfPlan(
  template: PlanTemplate,
  startMonth: number,
  wholeFleetShare: number,
  miningPvPrefix: ArrayLike<number>,
  fleetResaleValueUsd: ArrayLike<number>,
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
      fleetResaleValueUsd[breakpoint]! *
      miningDiscountFactors[breakpoint]!;
    share = step.shareAfter;
    segmentStart = breakpoint;
  }
  npv += share * (miningPvPrefix[horizon]! - miningPvPrefix[segmentStart]!);
  npv += share * fleetResaleValueUsd[last]! * miningDiscountFactors[last]!;
  return npv;
}

/**
 * The construction and lease part of a plan's NPV (it does not depend on the BTC price): a tranche
 * delivered at month d adds `itMw × v^d × Σ_{j < H−d} lease(j) DF(j)` because `DF(d + j) = v^d DF(j)`
 * with `v = (1+r)^(-1/12)`; capex over its construction months; prepayment at construction start;
 * the terminal value on the NOI of the last 12 months.
 */
export function createLeaseNpv(
  scenario: Scenario,
  leaseUnit: LeaseUnitLines<number>,
  factors: ClassDiscountFactors,
): (template: PlanTemplate, startMonth: number) => number {
  const horizon = scenario.horizonMonths;
  const capexDfPrefix = new Float64Array(horizon + 1);
  const leasePvPrefix = new Float64Array(horizon + 1);
  const noiPrefix = new Float64Array(horizon + 1);
  for (let m = 0; m < horizon; m += 1) {
    capexDfPrefix[m + 1] = capexDfPrefix[m]! + factors.construction[m]!;
    const leaseNet =
      leaseUnit.rentUsd[m]! + leaseUnit.creditLossUsd[m]! + leaseUnit.landlordOpexUsd[m]!;
    leasePvPrefix[m + 1] = leasePvPrefix[m]! + leaseNet * factors.lease[m]!;
    noiPrefix[m + 1] = noiPrefix[m]! + leaseUnit.noiUsd[m]!;
  }
  // v^d for the lease class: v^0 = 1, v^d = DF(d − 1).
  const leaseShift = (d: number) => (d === 0 ? 1 : factors.lease[d - 1]!);
  const terminal = scenario.lease.terminalValue;
  const { constructionMonths } = scenario.conversion;
  const last = horizon - 1;
  return (template, k) => {
    let npv = 0;
    let terminalNoi = 0;
    for (const tranche of template.tranches) {
      const start = tranche.constructionStartMonth + k;
      if (start >= horizon) continue;
      const capexEnd = Math.min(horizon, start + constructionMonths);
      npv +=
        tranche.itMw *
        leaseUnit.capexPerConstructionMonthUsd *
        (capexDfPrefix[capexEnd]! - capexDfPrefix[start]!);
      npv += tranche.itMw * leaseUnit.prepaymentUsd * factors.lease[start]!;
      const delivery = tranche.deliveryMonth + k;
      if (delivery >= horizon) continue;
      npv += tranche.itMw * leaseShift(delivery) * leasePvPrefix[horizon - delivery]!;
      const firstTerminalJ = Math.max(0, horizon - 12 - delivery);
      terminalNoi += tranche.itMw * (noiPrefix[horizon - delivery]! - noiPrefix[firstTerminalJ]!);
    }
    if (terminal.kind === 'exit-cap' && template.tranches.length > 0) {
      npv += (terminalNoi / (terminal.exitCapRatePct / 100)) * factors.lease[last]!;
    }
    return npv;
  };
}

/** Σ_{j<m} (Σ mining lines of month j) × DF(j), m = 0 … H: the prefix sums of the mining PV. */
export function miningPvPrefix(
  mining: MiningLines<number>,
  miningDiscountFactors: ArrayLike<number>,
): Float64Array {
  const horizon = mining.revenueUsd.length;
  const prefix = new Float64Array(horizon + 1);
  for (let m = 0; m < horizon; m += 1) {
    const miningNet =
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
  const prefix = miningPvPrefix(mining, factors.mining);
  const leaseNpv = createLeaseNpv(scenario, leaseUnit, factors);
  // The search calls this H times with one MW: build each template once.
  const templates = new Map<number, PlanTemplate>();
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
