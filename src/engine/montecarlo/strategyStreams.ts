import type { Scenario } from '../../schema/scenario';
import { floatArith } from '../arith';
import { type PlanTemplate, planTemplate } from '../fastNpv';
import type { LeaseUnitLines } from '../lease';
import type { MiningLines } from '../mining';
import { buildStrategyLines, LINE_ITEMS, type StrategyPlan } from '../strategies';

/**
 * Each strategy of the deterministic engine made ready for per-path evaluation, read off
 * `buildStrategyLines` once per plan: its mining share and the weight of the machines it takes out
 * of mining month by month (from unit mining lines), the flows no price path changes (every line
 * of the table outside the mining class), and its deterministic NPV and cumulative cash on the
 * centre path, which the histograms hold deviations from.
 */

/** One strategy of the deterministic engine, ready for per-path evaluation. */
export interface StrategyStream {
  readonly plan: StrategyPlan;
  readonly template: PlanTemplate;
  /** Construction and lease NPV: the same on every path. */
  readonly leaseNpvUsd: number;
  readonly miningShare: Float64Array;
  readonly resaleWeight: Float64Array;
  readonly fixedCashUsd: Float64Array;
  readonly deterministicNpvUsd: number;
  readonly deterministicCumulativeCashUsd: Float64Array;
  /**
   * Months whose cash fan needs its own histogram: after the last month with a mining share or a
   * fleet sale, every month's cash is the fixed flow on every path, so the deviation of the
   * cumulative cash from the deterministic one no longer changes and later months reuse the
   * histogram of the last of these months.
   */
  readonly cashFanMonths: number;
  /** Number of its first month's cash histogram among all cash histograms. */
  readonly cashFanFirst: number;
  /**
   * An earlier strategy with the same plan (e.g. the best month is 0: convert now), whose NPV and
   * cash fan it shares, path by path; −1 for none.
   */
  readonly sameAs: number;
}

/** What the streams are built from, once per scenario. */
export interface StreamInputs {
  readonly scenario: Scenario;
  readonly plans: readonly StrategyPlan[];
  readonly centreMining: MiningLines<number>;
  readonly leaseUnit: LeaseUnitLines<number>;
  readonly fastNpv: (plan: StrategyPlan) => number;
  readonly leaseNpv: (template: PlanTemplate, startMonth: number) => number;
  /** With lease-side risk the lease cash differs path by path to the horizon. */
  readonly leaseSideActive: boolean;
}

/** The streams, and how many cash histograms they need in all. */
export function buildStrategyStreams(inputs: StreamInputs): {
  readonly strategies: readonly StrategyStream[];
  readonly cashHistograms: number;
} {
  const { scenario, plans, leaseUnit } = inputs;
  const horizon = scenario.horizonMonths;
  const unitMining = unitMiningLines(horizon);
  let cashFanFirst = 0;
  const built: StrategyStream[] = [];
  const strategies = plans.map((plan, index): StrategyStream => {
    const sameAs = plans.findIndex(
      (other, o) =>
        o < index &&
        other.convertUtilityMw === plan.convertUtilityMw &&
        other.startMonth === plan.startMonth,
    );
    const template = planTemplate(scenario, plan.convertUtilityMw);
    const unit = buildStrategyLines(floatArith, scenario, unitMining, leaseUnit, plan);
    const fixedCashUsd = new Float64Array(horizon);
    for (const item of LINE_ITEMS) {
      if (item.class === 'mining') continue;
      const line = unit[item.key];
      for (let m = 0; m < horizon; m += 1) fixedCashUsd[m] = fixedCashUsd[m]! + line[m]!;
    }
    const centreLines = buildStrategyLines(
      floatArith,
      scenario,
      inputs.centreMining,
      leaseUnit,
      plan,
    );
    const deterministicCumulativeCashUsd = new Float64Array(horizon);
    let cumulative = 0;
    for (let m = 0; m < horizon; m += 1) {
      for (const item of LINE_ITEMS) cumulative += centreLines[item.key][m]!;
      deterministicCumulativeCashUsd[m] = cumulative;
    }
    let cashFanMonths = horizon;
    while (
      !inputs.leaseSideActive &&
      cashFanMonths > 0 &&
      unit.miningRevenueUsd[cashFanMonths - 1] === 0 &&
      unit.fleetResaleUsd[cashFanMonths - 1] === 0
    ) {
      cashFanMonths -= 1;
    }
    const stream: StrategyStream = {
      plan,
      template,
      leaseNpvUsd: inputs.leaseNpv(template, plan.startMonth),
      miningShare: Float64Array.from(unit.miningRevenueUsd),
      resaleWeight: Float64Array.from(unit.fleetResaleUsd),
      fixedCashUsd,
      deterministicNpvUsd: inputs.fastNpv(plan),
      deterministicCumulativeCashUsd,
      cashFanMonths,
      cashFanFirst,
      sameAs,
    };
    if (sameAs >= 0) {
      const original = built[sameAs]!;
      const shared = {
        ...stream,
        cashFanMonths: original.cashFanMonths,
        cashFanFirst: original.cashFanFirst,
      };
      built.push(shared);
      return shared;
    }
    cashFanFirst += cashFanMonths;
    built.push(stream);
    return stream;
  });
  return { strategies, cashHistograms: cashFanFirst };
}

/**
 * Mining lines that are 1 where a strategy's share or stop-sale weight should be read: revenue 1
 * and stop-sale value 1 each month, everything else 0. `buildStrategyLines` on them returns the
 * share in the revenue line, the weight of the machines taken out in the resale line (the
 * horizon's sale is `share(H−1) × resale value`) and the fixed flows as they are.
 */
function unitMiningLines(horizon: number): MiningLines<number> {
  const ones = () => new Array<number>(horizon).fill(1);
  const zeros = () => new Array<number>(horizon).fill(0);
  return {
    hashpriceUsdPerThDay: ones(),
    revenueUsd: ones(),
    poolFeeUsd: zeros(),
    powerUsd: zeros(),
    takeOrPayUsd: zeros(),
    demandChargeUsd: zeros(),
    nonPowerOpexUsd: zeros(),
    curtailmentIncomeUsd: zeros(),
    fleetResaleValueUsd: zeros(),
    stopSaleValueUsd: ones(),
    refreshCapexUsd: zeros(),
    retiredResaleUsd: zeros(),
    energyMwh: zeros(),
    runningHashrateShare: ones(),
  };
}
