import type { Scenario } from '../schema/scenario';
import type { Arith } from './arith';
import type { CalendarMonth } from './calendar';
import { hashpriceOf, type NetworkPath } from './network';

/**
 * Monthly lines of the whole fleet mining the whole month (share 1); strategies scale them by the
 * share of the fleet still mining. Signs: income positive, costs negative (USD).
 */
export interface MiningLines<T> {
  readonly hashpriceUsdPerThDay: T[];
  readonly revenueUsd: T[];
  readonly poolFeeUsd: T[];
  readonly powerUsd: T[];
  readonly takeOrPayUsd: T[];
  readonly demandChargeUsd: T[];
  readonly nonPowerOpexUsd: T[];
  readonly curtailmentIncomeUsd: T[];
  /** What the fleet would fetch if sold at the end of the month (a value, not a cash flow). */
  readonly fleetResaleValueUsd: T[];
  /** Energy bought for mining (MWh), for display. */
  readonly energyMwh: number[];
  /** Share of the fleet's hashrate switched on by the shutdown rule (0…1), for display. */
  readonly runningHashrateShare: number[];
}

/** One ASIC model's totals at the site, with facility overhead on its power. */
interface FleetModelTotals<T> {
  readonly thsTotal: T;
  readonly kwWithOverhead: T;
  readonly resaleUsdPerTh: T;
  readonly resaleMonthlyFactor: T;
  readonly thsTotalNumber: number;
}

/** Site power of the fleet with overhead (MW): what a converted MW displaces. */
export function fleetUtilityMw(scenario: Scenario): number {
  const watts = scenario.fleet.reduce((sum, model) => sum + model.units * model.powerW, 0);
  return (watts / 1e6) * scenario.mining.overheadMultiplier;
}

/**
 * The mining leg, month by month:
 * - revenue = hashprice × TH × days × runFraction, runFraction = uptime × (1 − curtailed hours / hours);
 * - pool fee = revenue × poolFee; energy = kW × overhead × hours × runFraction;
 * - economic shutdown: models are taken from the most to the least efficient. Each model is two
 *   blocks: the share of it that the take-or-pay energy still unused covers (its energy is paid
 *   anyway) and the rest. A block runs when the model's revenue after pool fee plus curtailment
 *   credit covers the block's avoidable cost: variable opex and demand charge, plus energy × price
 *   for the paid block. Running machines are a fraction of the model, so cost is never wasted;
 * - take-or-pay: energy billed is max(used, minimum); the shortfall is its own line;
 * - curtailment credit = kW × curtailed hours × uptime × credit; capacity payment on the fleet MW.
 */
export function buildMiningLines<T>(
  arith: Arith<T>,
  scenario: Scenario,
  calendar: readonly CalendarMonth[],
  network: NetworkPath<T>,
  btcPriceUsd: readonly T[],
  energyPriceUsdPerMwh: readonly T[],
): MiningLines<T> {
  const { mining, power } = scenario;
  const zero = arith.of(0);
  const one = arith.of(1);
  // Most efficient first: with one hashprice for all, the lowest J/TH earns most per MWh.
  const models: FleetModelTotals<T>[] = [...scenario.fleet]
    .sort((a, b) => a.powerW / a.hashrateThs - b.powerW / b.hashrateThs)
    .map((model) => ({
      thsTotal: arith.mul(arith.of(model.units), arith.of(model.hashrateThs)),
      kwWithOverhead: arith.mul(
        arith.div(arith.mul(arith.of(model.units), arith.of(model.powerW)), arith.of(1000)),
        arith.of(mining.overheadMultiplier),
      ),
      resaleUsdPerTh: arith.of(model.resaleUsdPerTh),
      resaleMonthlyFactor: arith.powFraction(
        arith.of(1 - model.resaleDeclinePctPerYear / 100),
        1 / 12,
      ),
      thsTotalNumber: model.units * model.hashrateThs,
    }));
  const fleetKw = models.reduce((sum, model) => arith.add(sum, model.kwWithOverhead), zero);
  const fleetThs = models.reduce((sum, model) => sum + model.thsTotalNumber, 0);
  const perThousand = arith.div(one, arith.of(1000));
  const perYearDay = arith.div(one, arith.of(365));
  const fleetMw = arith.mul(fleetKw, perThousand);
  const uptime = arith.of(mining.uptimePct / 100);
  const keptAfterPoolFee = arith.of(1 - mining.poolFeePct / 100);
  const poolFee = arith.of(mining.poolFeePct / 100);
  const fees = arith.of(scenario.network.feesBtcPerBlock);
  const varOpex = arith.of(mining.nonPowerOpexUsdPerMwh);
  const fixedOpex = arith.mul(fleetKw, arith.of(mining.nonPowerOpexUsdPerKwMonth));
  const demandCharge = arith.of(power.demandChargeUsdPerKwMonth);
  // Constant per-hour and per-day rates, hoisted: divisions are the costly decimal operation.
  const minimumMwhPerHour = arith.mul(fleetMw, arith.of(power.takeOrPayMinimumPct / 100));
  const hasTakeOrPay = power.takeOrPayMinimumPct > 0;
  const curtailedHoursPerDay = arith.mul(arith.of(power.curtailment.hoursPerYear), perYearDay);
  const hasCurtailment = power.curtailment.hoursPerYear > 0;
  const curtailCredit = arith.of(power.curtailment.creditUsdPerMwh);
  const capacityIncomePerDay = arith.mul(
    arith.mul(arith.of(power.curtailment.capacityPaymentUsdPerMwYear), fleetMw),
    perYearDay,
  );
  const creditPerCurtailedHour = models.map((model) =>
    arith.mul(arith.mul(arith.mul(model.kwWithOverhead, perThousand), uptime), curtailCredit),
  );

  const lines: MiningLines<T> = {
    hashpriceUsdPerThDay: [],
    revenueUsd: [],
    poolFeeUsd: [],
    powerUsd: [],
    takeOrPayUsd: [],
    demandChargeUsd: [],
    nonPowerOpexUsd: [],
    curtailmentIncomeUsd: [],
    fleetResaleValueUsd: [],
    energyMwh: [],
    runningHashrateShare: [],
  };
  const resaleAge = models.map(() => one);
  // The share of a model outside the take-or-pay block; exactly `one` (shared) when there is none.
  const paidShare = (freeShare: T) => (freeShare === zero ? one : arith.sub(one, freeShare));
  const accumulate = (total: T, amount: T) => (total === zero ? amount : arith.add(total, amount));
  let perFirstHashprice: T | undefined;

  for (const month of calendar) {
    const m = month.index;
    const price = energyPriceUsdPerMwh[m]!;
    const hashprice = hashpriceOf(
      arith,
      network.difficulty[m]!,
      btcPriceUsd[m]!,
      arith.add(network.subsidyBtcPerBlock[m]!, fees),
    );
    perFirstHashprice ??= arith.div(one, hashprice);
    const days = arith.of(month.days);
    const hours = arith.of(month.days * 24);
    const curtailedHours = hasCurtailment
      ? arith.min(hours, arith.mul(curtailedHoursPerDay, days))
      : zero;
    const runFraction = hasCurtailment
      ? arith.mul(uptime, arith.div(arith.sub(hours, curtailedHours), hours))
      : uptime;
    const revenuePerTh = arith.mul(arith.mul(hashprice, days), runFraction);
    const mwhPerKw = arith.mul(arith.mul(hours, runFraction), perThousand);
    const minimumEnergy = arith.mul(minimumMwhPerHour, hours);

    let freeEnergy = minimumEnergy;
    let revenue = zero;
    let energyUsed = zero;
    let runningKw = zero;
    let credit = zero;
    let runningThs = 0;
    models.forEach((model, index) => {
      const modelRevenue = arith.mul(revenuePerTh, model.thsTotal);
      const modelEnergy = arith.mul(model.kwWithOverhead, mwhPerKw);
      const modelCredit = hasCurtailment
        ? arith.mul(creditPerCurtailedHour[index]!, curtailedHours)
        : zero;
      // Take-or-pay makes the first MWh free at the margin: the share of this model that the
      // remaining free energy covers is one block, the rest another, each run when it pays.
      const freeShare =
        hasTakeOrPay && arith.lt(zero, modelEnergy)
          ? arith.min(one, arith.div(freeEnergy, modelEnergy))
          : zero;
      const fixedAvoidable = arith.add(
        arith.mul(modelEnergy, varOpex),
        arith.mul(model.kwWithOverhead, demandCharge),
      );
      const earnings = arith.add(arith.mul(modelRevenue, keptAfterPoolFee), modelCredit);
      const runFreeBlock = !mining.economicShutdown || !arith.lt(earnings, fixedAvoidable);
      const runPaidBlock =
        !mining.economicShutdown ||
        !arith.lt(earnings, arith.add(fixedAvoidable, arith.mul(modelEnergy, price)));
      if (runFreeBlock && hasTakeOrPay) {
        freeEnergy = arith.max(zero, arith.sub(freeEnergy, arith.mul(modelEnergy, freeShare)));
      }
      let running = zero;
      if (runFreeBlock && runPaidBlock) running = one;
      else if (runPaidBlock) running = paidShare(freeShare);
      else if (runFreeBlock) running = freeShare;
      if (running === zero) return;
      // Whole models running is the common case: add their figures without scaling by 1.
      const scaled = (amount: T) => (running === one ? amount : arith.mul(amount, running));
      revenue = accumulate(revenue, scaled(modelRevenue));
      energyUsed = accumulate(energyUsed, scaled(modelEnergy));
      runningKw = accumulate(runningKw, scaled(model.kwWithOverhead));
      if (hasCurtailment) credit = accumulate(credit, scaled(modelCredit));
      runningThs += model.thsTotalNumber * (running === one ? 1 : arith.toNumber(running));
    });
    const shortfall = hasTakeOrPay ? arith.max(zero, arith.sub(minimumEnergy, energyUsed)) : zero;

    let resaleValue = zero;
    models.forEach((model, index) => {
      const age = m === 0 ? one : arith.mul(resaleAge[index]!, model.resaleMonthlyFactor);
      resaleAge[index] = age;
      resaleValue = arith.add(
        resaleValue,
        arith.mul(arith.mul(model.thsTotal, model.resaleUsdPerTh), age),
      );
    });
    if (mining.resaleTracksHashprice) {
      resaleValue = arith.mul(resaleValue, arith.mul(hashprice, perFirstHashprice));
    }

    lines.hashpriceUsdPerThDay.push(hashprice);
    lines.revenueUsd.push(revenue);
    lines.poolFeeUsd.push(arith.neg(arith.mul(revenue, poolFee)));
    lines.powerUsd.push(arith.neg(arith.mul(energyUsed, price)));
    lines.takeOrPayUsd.push(arith.neg(arith.mul(shortfall, price)));
    lines.demandChargeUsd.push(arith.neg(arith.mul(runningKw, demandCharge)));
    lines.nonPowerOpexUsd.push(arith.neg(arith.add(arith.mul(energyUsed, varOpex), fixedOpex)));
    lines.curtailmentIncomeUsd.push(arith.add(credit, arith.mul(capacityIncomePerDay, days)));
    lines.fleetResaleValueUsd.push(resaleValue);
    lines.energyMwh.push(arith.toNumber(energyUsed));
    lines.runningHashrateShare.push(fleetThs > 0 ? runningThs / fleetThs : 0);
  }
  return lines;
}
