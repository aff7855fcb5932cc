import type { PriceCase, Scenario } from '../schema/scenario';
import type { Arith } from './arith';
import { buildCalendar, type CalendarMonth } from './calendar';
import { buildLeaseUnitLines, type LeaseUnitLines } from './lease';
import { buildMiningLines, type MiningLines } from './mining';
import { buildNetworkPath, estimateStartBlockHeight, type NetworkPath } from './network';
import { buildEnergyPricePath } from './power';
import { buildBtcPricePath } from './price';

/** Everything about a scenario that does not depend on the BTC price case. */
export interface ScenarioModel<T> {
  readonly scenario: Scenario;
  readonly calendar: readonly CalendarMonth[];
  readonly network: NetworkPath<T>;
  readonly energyPriceUsdPerMwh: T[];
  readonly leaseUnit: LeaseUnitLines<T>;
  /** The block height used at the start (given, or estimated from a checkpoint). */
  readonly startBlockHeight: number;
}

export interface CaseModel<T> {
  readonly priceCase: PriceCase;
  readonly btcPriceUsd: T[];
  readonly mining: MiningLines<T>;
}

export function buildScenarioModel<T>(arith: Arith<T>, scenario: Scenario): ScenarioModel<T> {
  const calendar = buildCalendar(scenario.startMonth, scenario.horizonMonths);
  const startBlockHeight =
    scenario.network.startBlockHeight ??
    estimateStartBlockHeight(scenario.startMonth, scenario.network.blockTimeSeconds);
  return {
    scenario,
    calendar,
    startBlockHeight,
    network: buildNetworkPath(arith, calendar, { ...scenario.network, startBlockHeight }),
    energyPriceUsdPerMwh: buildEnergyPricePath(
      arith,
      scenario.power.pricing,
      scenario.horizonMonths,
    ),
    leaseUnit: buildLeaseUnitLines(arith, scenario, scenario.horizonMonths),
  };
}

export function buildCaseModel<T>(
  arith: Arith<T>,
  model: ScenarioModel<T>,
  priceCase: PriceCase,
): CaseModel<T> {
  const btcPriceUsd = buildBtcPricePath(arith, priceCase, model.scenario.horizonMonths);
  return {
    priceCase,
    btcPriceUsd,
    mining: buildMiningLines(
      arith,
      model.scenario,
      model.calendar,
      model.network,
      btcPriceUsd,
      model.energyPriceUsdPerMwh,
    ),
  };
}
