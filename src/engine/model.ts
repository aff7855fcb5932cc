import type { PriceCase, Scenario } from '../schema/scenario';
import { type Arith, floatArith } from './arith';
import { buildCalendar, type CalendarMonth } from './calendar';
import { buildLeaseUnitLines, type LeaseUnitLines, leaseLineMonths } from './lease';
import { buildMiningLines, type MiningBasis, type MiningLines, prepareMiningBasis } from './mining';
import {
  buildNetworkPath,
  estimateStartBlockHeight,
  flooredNetwork,
  hashpriceFloorPath,
  hashpricePerBtcUsdPath,
  type NetworkPath,
} from './network';
import { buildEnergyPricePath } from './power';
import { buildBtcPricePath } from './price';
import { newSeries } from './series';

/** Everything about a scenario that does not depend on the BTC price case. */
export interface ScenarioModel<T> {
  readonly scenario: Scenario;
  readonly calendar: readonly CalendarMonth[];
  readonly network: NetworkPath<T>;
  readonly energyPriceUsdPerMwh: T[];
  /** Hashprice per USD of BTC price, by month, under the fixed growth rule. */
  readonly hashpricePerBtcUsd: T[];
  /** The hashprice floor (USD/TH/day) when the marginal-cost rule is on, else null. */
  readonly hashpriceFloor: T[] | null;
  /** The mining leg's terms that no price case changes. */
  readonly mining: MiningBasis<T>;
  readonly leaseUnit: LeaseUnitLines<T>;
  /** The block height used at the start (given, or estimated from a checkpoint). */
  readonly startBlockHeight: number;
}

export interface CaseModel<T> {
  readonly priceCase: PriceCase;
  readonly btcPriceUsd: T[];
  /** Difficulty under this price path (the floor rule makes it depend on the price). */
  readonly difficulty: T[];
  readonly mining: MiningLines<T>;
}

export function buildScenarioModel<T>(arith: Arith<T>, scenario: Scenario): ScenarioModel<T> {
  const calendar = buildCalendar(scenario.startMonth, scenario.horizonMonths);
  const startBlockHeight =
    scenario.network.startBlockHeight ??
    estimateStartBlockHeight(scenario.startMonth, scenario.network.blockTimeSeconds);
  const network = buildNetworkPath(arith, calendar, { ...scenario.network, startBlockHeight });
  const energyPriceUsdPerMwh = buildEnergyPricePath(
    arith,
    scenario.power.pricing,
    scenario.horizonMonths,
  );
  return {
    scenario,
    calendar,
    startBlockHeight,
    network,
    energyPriceUsdPerMwh,
    hashpricePerBtcUsd: hashpricePerBtcUsdPath(arith, network, scenario.network.feesBtcPerBlock),
    hashpriceFloor: scenario.network.marginalCostFloor
      ? hashpriceFloorPath(arith, scenario.network, scenario.horizonMonths)
      : null,
    mining: prepareMiningBasis(arith, scenario, calendar, energyPriceUsdPerMwh),
    leaseUnit: buildLeaseUnitLines(arith, scenario, leaseLineMonths(scenario)),
  };
}

/**
 * The model of `changed`, a scenario that differs from the model's only in its power pricing:
 * the energy prices and the mining terms are rebuilt, the network and lease leg are shared.
 */
export function withPowerPricing<T>(
  arith: Arith<T>,
  model: ScenarioModel<T>,
  changed: Scenario,
): ScenarioModel<T> {
  const energyPriceUsdPerMwh = buildEnergyPricePath(
    arith,
    changed.power.pricing,
    changed.horizonMonths,
  );
  return {
    ...model,
    scenario: changed,
    energyPriceUsdPerMwh,
    mining: prepareMiningBasis(arith, changed, model.calendar, energyPriceUsdPerMwh, model.mining),
  };
}

/**
 * The model of `changed`, a scenario that differs from the model's only in its difficulty growth:
 * the difficulty path is rebuilt; the blocks and subsidy, the mining terms and the lease leg are
 * shared.
 */
export function withDifficultyGrowth<T>(
  arith: Arith<T>,
  model: ScenarioModel<T>,
  changed: Scenario,
): ScenarioModel<T> {
  const sameBlockTime =
    changed.network.blockTimeSeconds === model.scenario.network.blockTimeSeconds;
  const network = buildNetworkPath(
    arith,
    model.calendar,
    { ...changed.network, startBlockHeight: model.startBlockHeight },
    sameBlockTime ? model.network : undefined,
  );
  return {
    ...model,
    scenario: changed,
    network,
    hashpricePerBtcUsd: hashpricePerBtcUsdPath(arith, network, changed.network.feesBtcPerBlock),
  };
}

/** A price case's BTC price path and the mining leg under it: hashprice = BTC price × its per-USD part. */
export function buildCaseModel<T>(
  arith: Arith<T>,
  model: ScenarioModel<T>,
  priceCase: PriceCase,
  /** A case model whose arrays to write into (`transientCaseModel`), else new arrays. */
  into?: CaseModel<T>,
): CaseModel<T> {
  const btcPriceUsd = buildBtcPricePath(
    arith,
    priceCase,
    model.scenario.horizonMonths,
    into?.btcPriceUsd,
  );
  const network = flooredNetwork(
    arith,
    model.network,
    model.hashpricePerBtcUsd,
    btcPriceUsd,
    model.hashpriceFloor,
  );
  const keptHashprice = into?.mining.hashpriceUsdPerThDay;
  const hashprice =
    keptHashprice !== undefined && keptHashprice.length === btcPriceUsd.length
      ? keptHashprice
      : newSeries(arith, btcPriceUsd.length);
  for (let m = 0; m < hashprice.length; m += 1) {
    hashprice[m] = arith.mul(btcPriceUsd[m]!, network.hashpricePerBtcUsd[m]!);
  }
  return {
    priceCase,
    btcPriceUsd,
    difficulty: network.difficulty,
    mining: buildMiningLines(model.mining, hashprice, into?.mining),
  };
}

let transient: CaseModel<number> | undefined;

/**
 * A case model built into the arrays of the one before ({@link buildCaseModel}'s `into`), for
 * callers that read it only before their next call and keep none of its arrays: the probes of
 * the breakevens, the tornado's price moves and the stress tests' shocks, some twenty models an
 * evaluation that were a sixth of its allocation. Never a result's model.
 */
export function transientCaseModel(
  model: ScenarioModel<number>,
  priceCase: PriceCase,
): CaseModel<number> {
  transient = buildCaseModel(floatArith, model, priceCase, transient);
  return transient;
}
