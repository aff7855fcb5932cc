import type { PriceCase, Scenario, StressTest } from '../schema/scenario';
import { floatArith } from './arith';
import { type ClassDiscountFactors, classDiscountFactors, classDiscountRates } from './discount';
import { miningNpvOfPlan, miningPvPrefix, type PlanTemplate, planTemplate } from './fastNpv';
import {
  createLeaseLeg,
  exitYieldPremiumPct,
  expectedLeaseOutcome,
  type LeaseOutcome,
} from './leaseOutcome';
import type { MiningLines } from './mining';
import {
  buildCaseModel,
  type ScenarioModel,
  transientCaseModel,
  withDifficultyGrowth,
  withPowerPricing,
} from './model';
import { buildBtcPricePath } from './price';
import { scalePowerPrice } from './sensitivity';
import { miningShare, type StrategyId, type StrategyPlan } from './strategies';

/**
 * Named stress tests (docs/monte-carlo.md §12): each applies its shocks together and every
 * strategy is valued deterministically on the reference price case, with the same plans as the
 * base evaluation (the best conversion month is the base case's, a fixed plan).
 *
 * - BTC price × (1 + change) in months `0 … btcPriceChangeMonths − 1` (all months when null);
 * - difficulty × `(1 + change)^(min(m, 12) / 12)`: the extra change builds up evenly (in log) over
 *   the first year and is kept (year 1's growth rate × (1 + change));
 * - the BTC and difficulty shocks run through the engine's network, so the marginal-cost floor
 *   of the difficulty (docs/model.md §2) sees the shocked price;
 * - the energy price of the mining load × (1 + change) (the fixed price, or the index and adder);
 * - landlord capex × (1 + change); every delivery `constructionDelayMonths` late, the capex spread
 *   over the construction months + the delay (leaseOutcome.ts);
 * - the tenant defaults in lease month j of each tranche: recovery and backstop from then on, or
 *   until a new tenant pays the contract rent after `relettingDowntimeMonths` (the event replaces
 *   the expected credit loss);
 * - exit cap + change (bp), at least 1%, for a lease valued by exit cap; under the renewal DCF the
 *   same change moves the exit yield, the rate that values the lease's flows after the horizon
 *   (lease rate + change, at least 1%; docs/model.md §6); under `none` it changes nothing and the
 *   description says so.
 *
 * @example "Capex +40%" on a site whose landlord capex PV is −$2.4B: convert now loses $0.96B.
 */
export interface StressStrategyNpv {
  readonly strategyId: StrategyId;
  readonly label: string;
  readonly npvUsd: number;
  /** This NPV − the same strategy's NPV without the stress. */
  readonly changeUsd: number;
  /** This NPV − keep mining's NPV under the same stress; null for keep mining. */
  readonly versusKeepMiningUsd: number | null;
}

export interface StressResult {
  readonly test: StressTest;
  /** The shocks in words, e.g. "BTC −60% for 24 months; capex +40%". */
  readonly description: string;
  readonly strategies: readonly StressStrategyNpv[];
}

export interface StressTable {
  readonly priceCaseName: string;
  /** Every strategy without a stress (the deterministic engine's NPVs). */
  readonly base: readonly { strategyId: StrategyId; label: string; npvUsd: number }[];
  readonly rows: readonly StressResult[];
}

/**
 * The shocks of a test in words. With `terminalKind` (the scenario's horizon-value rule) an exit
 * cap shock on a lease not valued by exit cap says it changes nothing.
 */
export function describeStressTest(
  test: StressTest,
  terminalKind?: Scenario['lease']['terminalValue']['kind'],
): string {
  const signed = (value: number, unit: string) =>
    `${value > 0 ? '+' : '−'}${Math.abs(value)}${unit}`;
  const parts: string[] = [];
  if (test.btcPriceChangePct !== 0) {
    parts.push(
      `BTC ${signed(test.btcPriceChangePct, '%')}${test.btcPriceChangeMonths === null ? '' : ` for ${test.btcPriceChangeMonths} months`}`,
    );
  }
  if (test.difficultyChangePct !== 0) {
    parts.push(`difficulty ${signed(test.difficultyChangePct, '%')} over the first year`);
  }
  if (test.powerPriceChangePct !== 0) parts.push(`power ${signed(test.powerPriceChangePct, '%')}`);
  if (test.capexChangePct !== 0) parts.push(`capex ${signed(test.capexChangePct, '%')}`);
  if (test.constructionDelayMonths !== 0) {
    parts.push(`delivery ${test.constructionDelayMonths} months late`);
  }
  if (test.tenantDefaultLeaseMonth !== null) {
    parts.push(
      `tenant defaults in lease month ${test.tenantDefaultLeaseMonth}${test.relettingDowntimeMonths === null ? ', never re-let' : `, re-let after ${test.relettingDowntimeMonths} months`}`,
    );
  }
  if (test.exitCapChangeBp !== 0) {
    const meaning =
      terminalKind === 'renewal-dcf'
        ? ' (the lease after the horizon valued at the lease rate ' +
          `${signed(test.exitCapChangeBp, ' bp')})`
        : terminalKind === 'none'
          ? ' (no effect: no lease value after the horizon)'
          : '';
    parts.push(`exit cap ${signed(test.exitCapChangeBp, ' bp')}${meaning}`);
  }
  return parts.length === 0 ? 'no shock' : parts.join('; ');
}

/**
 * The scenario with difficulty × (1 + change) over the first year: year 1's growth rate becomes
 * `(1 + g₁)(1 + change) − 1` (g₁ its override or the yearly growth), so
 * `D(m) = D_plan(m) × (1 + change)^(min(m, 12) / 12)` under the fixed growth rule, and the
 * marginal-cost floor (docs/model.md §2) still applies on top.
 */
export function shockDifficulty(scenario: Scenario, changePct: number): Scenario {
  const { network } = scenario;
  const yearOne =
    network.difficultyGrowthOverridesPctByYear[0] ?? network.difficultyGrowthPctPerYear;
  return {
    ...scenario,
    network: {
      ...network,
      difficultyGrowthOverridesPctByYear: [
        ((1 + yearOne / 100) * (1 + changePct / 100) - 1) * 100,
        ...network.difficultyGrowthOverridesPctByYear.slice(1),
      ],
    },
  };
}

/**
 * The reference case's BTC price path × (1 + change) in months `0 … btcPriceChangeMonths − 1`
 * (all months when null), as a monthly price case.
 */
export function shockBtcPrice(
  priceCase: PriceCase,
  test: StressTest,
  horizonMonths: number,
): PriceCase {
  const factor = 1 + test.btcPriceChangePct / 100;
  const months = test.btcPriceChangeMonths ?? horizonMonths;
  return {
    name: priceCase.name,
    kind: 'monthly',
    pricesUsdByMonth: buildBtcPricePath(floatArith, priceCase, horizonMonths).map((price, m) =>
      m < months ? price * factor : price,
    ),
  };
}

/**
 * The mining lines under a test's BTC, difficulty and power shocks: the engine's own case model
 * of the shocked scenario and price path (so the difficulty floor sees the shocked price), the
 * unshocked parts of `model` reused.
 */
function stressedMining(
  model: ScenarioModel<number>,
  referenceCase: PriceCase,
  test: StressTest,
  baseMining: MiningLines<number>,
): MiningLines<number> {
  const { scenario } = model;
  if (
    test.btcPriceChangePct === 0 &&
    test.difficultyChangePct === 0 &&
    test.powerPriceChangePct === 0
  ) {
    return baseMining;
  }
  let shocked = model;
  if (test.powerPriceChangePct !== 0) {
    shocked = withPowerPricing(
      floatArith,
      shocked,
      scalePowerPrice(scenario, 1 + test.powerPriceChangePct / 100),
    );
  }
  if (test.difficultyChangePct !== 0) {
    shocked = withDifficultyGrowth(
      floatArith,
      shocked,
      shockDifficulty(shocked.scenario, test.difficultyChangePct),
    );
  }
  const priceCase =
    test.btcPriceChangePct === 0
      ? referenceCase
      : shockBtcPrice(referenceCase, test, scenario.horizonMonths);
  // Read before the next test's shock is built (stressTable).
  return transientCaseModel(shocked, priceCase).mining;
}

/** The lease outcome of a test: the expected-value leg with its lease-side shocks. */
export function stressLeaseOutcome(scenario: Scenario, test: StressTest): LeaseOutcome {
  const outcome = expectedLeaseOutcome(scenario);
  outcome.delayMonths = test.constructionDelayMonths;
  outcome.capexFactor = 1 + test.capexChangePct / 100;
  if (test.tenantDefaultLeaseMonth !== null) {
    outcome.defaultIsEvent = true;
    outcome.defaultLeaseMonth = test.tenantDefaultLeaseMonth;
    outcome.relettingDowntimeMonths = test.relettingDowntimeMonths;
  }
  outcome.exitCapRatePct = Math.max(1, outcome.exitCapRatePct + test.exitCapChangeBp / 100);
  if (scenario.lease.terminalValue.kind === 'renewal-dcf' && test.exitCapChangeBp !== 0) {
    // Under the renewal DCF the exit cap is the exit yield: the rate that values the lease's
    // flows after the horizon (docs/model.md §6).
    outcome.exitYieldPremiumPct = exitYieldPremiumPct(
      test.exitCapChangeBp / 100,
      classDiscountRates(scenario).lease,
    );
  }
  return outcome;
}

/**
 * Every stress test of the scenario for every plan, on `referenceCase`. `model` is the scenario's
 * model (reused: a shock rebuilds only the parts it changes); `baseMining` the reference case's
 * mining lines when the caller has them.
 */
export function stressTable(
  model: ScenarioModel<number>,
  referenceCase: PriceCase,
  plans: readonly StrategyPlan[],
  baseMining: MiningLines<number> = buildCaseModel(floatArith, model, referenceCase).mining,
  tests: readonly StressTest[] = model.scenario.stressTests,
  factors: ClassDiscountFactors = classDiscountFactors(model.scenario),
): StressTable {
  const { scenario } = model;
  const leg = createLeaseLeg(scenario, factors);
  const templates = new Map<number, PlanTemplate>();
  const templateOf = (plan: StrategyPlan) => {
    let template = templates.get(plan.convertUtilityMw);
    if (template === undefined) {
      template = planTemplate(scenario, plan.convertUtilityMw);
      templates.set(plan.convertUtilityMw, template);
    }
    return template;
  };
  const wholeFleetShare = miningShare(floatArith, scenario, 0);
  const npvs = (mining: MiningLines<number>, outcome: LeaseOutcome) => {
    const prefix = miningPvPrefix(mining, factors.mining);
    leg.setOutcome(outcome);
    return plans.map((plan) => {
      const template = templateOf(plan);
      return (
        miningNpvOfPlan(
          template,
          plan.startMonth,
          wholeFleetShare,
          prefix,
          mining.fleetResaleValueUsd,
          mining.stopSaleValueUsd,
          factors.mining,
        ) + leg.npv(template, plan.startMonth)
      );
    });
  };
  const baseNpvs = npvs(baseMining, expectedLeaseOutcome(scenario));
  const rows = tests.map((test): StressResult => {
    const mining = stressedMining(model, referenceCase, test, baseMining);
    const values = npvs(mining, stressLeaseOutcome(scenario, test));
    return {
      test,
      description: describeStressTest(test, scenario.lease.terminalValue.kind),
      strategies: plans.map((plan, s) => ({
        strategyId: plan.id,
        label: plan.label,
        npvUsd: values[s]!,
        changeUsd: values[s]! - baseNpvs[s]!,
        versusKeepMiningUsd: s === 0 ? null : values[s]! - values[0]!,
      })),
    };
  });
  return {
    priceCaseName: referenceCase.name,
    base: plans.map((plan, s) => ({
      strategyId: plan.id,
      label: plan.label,
      npvUsd: baseNpvs[s]!,
    })),
    rows,
  };
}
