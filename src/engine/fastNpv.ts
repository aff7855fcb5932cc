import type { Scenario } from '../schema/scenario';
import { floatArith } from './arith';
import type { ClassDiscountFactors } from './discount';
import type { LeaseUnitLines } from './lease';
import type { MiningLines } from './mining';
import { miningShare, placeTranches, type StrategyPlan } from './strategies';

/**
 * NPV of any plan in O(tranches) after O(H) set-up, for the conversion-month search and the
 * breakeven solvers. It is the NPV of `buildStrategyLines` rearranged with prefix sums (a test
 * holds the two equal): mining PV is the share-weighted sum of discounted mining nets between
 * the months the share changes; a tranche delivered at month d adds
 * `itMw × v^d × Σ_{j < H−d} lease(j) DF(j)` because `DF(d + j) = v^d DF(j)` with `v = (1+r)^(-1/12)`.
 */
export function createFastNpv(
  scenario: Scenario,
  mining: MiningLines<number>,
  leaseUnit: LeaseUnitLines<number>,
  factors: ClassDiscountFactors,
): (plan: StrategyPlan) => number {
  const horizon = scenario.horizonMonths;
  const miningPvPrefix = new Float64Array(horizon + 1);
  const capexDfPrefix = new Float64Array(horizon + 1);
  const leasePvPrefix = new Float64Array(horizon + 1);
  const noiPrefix = new Float64Array(horizon + 1);
  for (let m = 0; m < horizon; m += 1) {
    const miningNet =
      mining.revenueUsd[m]! +
      mining.poolFeeUsd[m]! +
      mining.powerUsd[m]! +
      mining.takeOrPayUsd[m]! +
      mining.demandChargeUsd[m]! +
      mining.nonPowerOpexUsd[m]! +
      mining.curtailmentIncomeUsd[m]!;
    miningPvPrefix[m + 1] = miningPvPrefix[m]! + miningNet * factors.mining[m]!;
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

  // A plan's tranches and mining shares depend on the MW converted, not on the start month:
  // build them once per MW and shift them by the start month (the search calls this H times).
  interface Template {
    readonly tranches: ReturnType<typeof placeTranches>;
    /** Construction-start offsets where the share changes, ascending, with the share after each. */
    readonly steps: readonly { readonly offset: number; readonly shareAfter: number }[];
  }
  const templates = new Map<number, Template>();
  const templateFor = (convertUtilityMw: number): Template => {
    let template = templates.get(convertUtilityMw);
    if (template === undefined) {
      const tranches = placeTranches(scenario, {
        id: 'convert-at-month',
        label: '',
        convertUtilityMw,
        startMonth: 0,
      });
      const offsets = [...new Set(tranches.map((t) => t.constructionStartMonth))].sort(
        (a, b) => a - b,
      );
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
      template = { tranches, steps };
      templates.set(convertUtilityMw, template);
    }
    return template;
  };
  const wholeFleetShare = miningShare(floatArith, scenario, 0);

  return (plan) => {
    const { tranches, steps } = templateFor(plan.convertUtilityMw);
    const k = plan.startMonth;
    let npv = 0;
    let segmentStart = 0;
    let share = wholeFleetShare;
    for (const step of steps) {
      const breakpoint = step.offset + k;
      if (breakpoint >= horizon) break;
      npv += share * (miningPvPrefix[breakpoint]! - miningPvPrefix[segmentStart]!);
      npv +=
        (share - step.shareAfter) *
        mining.fleetResaleValueUsd[breakpoint]! *
        factors.mining[breakpoint]!;
      share = step.shareAfter;
      segmentStart = breakpoint;
    }
    npv += share * (miningPvPrefix[horizon]! - miningPvPrefix[segmentStart]!);
    npv += share * mining.fleetResaleValueUsd[last]! * factors.mining[last]!;

    let terminalNoi = 0;
    for (const tranche of tranches) {
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
    if (terminal.kind === 'exit-cap' && tranches.length > 0) {
      npv += (terminalNoi / (terminal.exitCapRatePct / 100)) * factors.lease[last]!;
    }
    return npv;
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
