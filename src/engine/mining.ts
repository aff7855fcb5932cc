import type { Scenario } from '../schema/scenario';
import { type Arith, floatArith } from './arith';
import type { CalendarMonth } from './calendar';
import { newSeries, zeroSeries } from './series';

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
  /**
   * What the machines mining in the month would fetch if sold at its end (a value, not a cash
   * flow): what still mines at the horizon is sold at this.
   */
  readonly fleetResaleValueUsd: T[];
  /**
   * What the machines that mined in the month before would fetch at the end of this month (before
   * any refresh in it): machines taken out of mining in the month (a conversion) are sold at this.
   */
  readonly stopSaleValueUsd: T[];
  /** Fleet refresh: frontier machines bought in the month (negative; cash flow, whole fleet). */
  readonly refreshCapexUsd: T[];
  /** Fleet refresh: the machines they replace, sold in the month (cash flow, whole fleet). */
  readonly retiredResaleUsd: T[];
  /** Energy bought for mining (MWh), for display. */
  readonly energyMwh: number[];
  /** Share of the fleet's hashrate switched on by the shutdown rule (0…1), for display. */
  readonly runningHashrateShare: number[];
}

/**
 * One slot of the fleet: the kW of an installed ASIC model, with facility overhead on its power.
 * With fleet refresh the slot's machines are replaced by later vintages drawing the same kW.
 */
interface FleetModelTotals<T> {
  readonly thsTotal: T;
  readonly kwWithOverhead: T;
  readonly resaleUsdPerTh: T;
  readonly resaleMonthlyFactor: T;
  readonly thsTotalNumber: number;
  /** Power of the slot's machines at the wall, without overhead (W). */
  readonly wallWatts: number;
  /** Age of the installed machines at the start (months, rounded). */
  readonly ageMonths: number;
  /** Vintages of the slot in time order: the installed machines first. */
  readonly vintages: readonly Vintage<T>[];
}

/** Machines of one slot bought at `fromMonth` (−1: installed before the start). */
export interface Vintage<T> {
  readonly fromMonth: number;
  /** Month they retire (a later vintage replaces them), or +∞. */
  readonly toMonth: number;
  readonly thsTotal: T;
  readonly thsTotalNumber: number;
  readonly jPerTh: number;
  /** Resale value per TH/s when bought (or today, for the installed machines), USD. */
  readonly resaleUsdPerTh: T;
  readonly resaleMonthlyFactor: T;
  /** Purchase price per TH/s at the first month's hashprice (0 for the installed machines). */
  readonly purchaseUsdPerTh: T;
}

/**
 * The fleet-wide constants of the mining leg, hoisted out of the monthly loop (divisions are the
 * costly decimal operation). Models are ordered from the most to the least efficient (J/TH).
 */
export interface MiningSetup<T> {
  readonly arith: Arith<T>;
  readonly models: readonly FleetModelTotals<T>[];
  readonly fleetThs: number;
  readonly economicShutdown: boolean;
  readonly zero: T;
  readonly one: T;
  readonly perThousand: T;
  readonly uptime: T;
  readonly keptAfterPoolFee: T;
  readonly poolFee: T;
  readonly fees: T;
  readonly varOpex: T;
  readonly fixedOpex: T;
  readonly demandCharge: T;
  readonly minimumMwhPerHour: T;
  readonly hasTakeOrPay: boolean;
  readonly curtailedHoursPerDay: T;
  readonly hasCurtailment: boolean;
  /** Capacity payment per running kW (with overhead) per day: only curtailable load earns it. */
  readonly capacityIncomePerKwDay: T;
  readonly creditPerCurtailedHour: readonly T[];
  readonly resaleTracksHashprice: boolean;
  /** Every block of every model running: the decisions without the shutdown rule. */
  readonly allRunning: FleetDecisions;
  /** Whether any slot changes vintage inside the horizon. */
  readonly refreshes: boolean;
  /** The payback trigger of the fleet refresh, or null (refresh at end of life only, or none). */
  readonly payback: PaybackRule<T> | null;
}

/**
 * A machine generation is replaced early only by a model at least this much newer (months): new
 * ASIC generations come about yearly, and the frontier of the model improves month by month, so
 * without it a machine bought last month could be swapped for one 1% better (docs/model.md §5).
 */
export const PAYBACK_MIN_GENERATION_GAP_MONTHS = 12;

/**
 * The constants of the payback trigger (docs/model.md §5, `mining.refresh.trigger = 'payback'`):
 * what a replacement in month m buys and what its test weighs.
 */
export interface PaybackRule<T> {
  /** N: a generation is replaced early when the frontier machine pays back within N months. */
  readonly paybackMonths: number;
  readonly lifeMonths: number;
  readonly frontierUsdPerTh: T;
  readonly newResaleMonthlyFactor: T;
  /** Frontier J/TH by month (the same {@link frontierJPerTh} as the end-of-life schedule). */
  readonly frontierJPerThByMonth: readonly number[];
}

/**
 * Frontier efficiency in month m: `J/TH₀ × (1 − gain)^(m/12)`.
 *
 * @example 9.5 J/TH improving 10%/yr: month 60 → 9.5 × 0.9⁵ = 5.6096 J/TH.
 */
export function frontierJPerTh(scenario: Scenario, month: number): number {
  const { frontierJPerTh: initial, frontierEfficiencyGainPctPerYear: gain } = scenario.network;
  return initial * (1 - gain / 100) ** (month / 12);
}

/**
 * The vintages of one slot (`units × W` at the wall): the installed machines until the end of
 * their life (`lifeYears − ageYears`, at least month 0), then, while refresh is on, the frontier
 * machine of the replacement month drawing the same power, `TH = W / (J/TH)(r)`, each for one
 * life. Without refresh, one vintage for the whole horizon.
 *
 * @example 1,000 × 3,500 W aged 3 years, life 5: replaced at month 24 by 3.5e6 / (9.5 × 0.9²) =
 *   454,840.8 TH/s of frontier machines, again at month 84.
 */
export function slotVintages<T>(
  arith: Arith<T>,
  scenario: Scenario,
  model: Scenario['fleet'][number],
): Vintage<T>[] {
  const refresh = scenario.mining.refresh;
  const horizon = scenario.horizonMonths;
  const installedThs = model.units * model.hashrateThs;
  const lifeMonths = Math.round(refresh.lifeYears * 12);
  const wallWatts = model.units * model.powerW;
  // A slot drawing no power has nothing to replace: its one vintage lasts the horizon (else it
  // would retire with no successor and have no value after its life).
  const firstRetirement =
    refresh.enabled && wallWatts > 0
      ? Math.max(0, lifeMonths - Math.round(model.ageYears * 12))
      : Number.POSITIVE_INFINITY;
  const vintages: Vintage<T>[] = [
    {
      fromMonth: -1,
      toMonth: firstRetirement < horizon ? firstRetirement : Number.POSITIVE_INFINITY,
      thsTotal: arith.mul(arith.of(model.units), arith.of(model.hashrateThs)),
      thsTotalNumber: installedThs,
      jPerTh: model.powerW / model.hashrateThs,
      resaleUsdPerTh: arith.of(model.resaleUsdPerTh),
      resaleMonthlyFactor: arith.powFraction(
        arith.of(1 - model.resaleDeclinePctPerYear / 100),
        1 / 12,
      ),
      purchaseUsdPerTh: arith.of(0),
    },
  ];
  const frontierPrice = arith.of(refresh.frontierUsdPerTh);
  const newFactor = arith.powFraction(arith.of(1 - refresh.resaleDeclinePctPerYear / 100), 1 / 12);
  for (let from = firstRetirement; from < horizon && wallWatts > 0; from += lifeMonths) {
    const jPerTh = frontierJPerTh(scenario, from);
    const ths = wallWatts / jPerTh;
    const to = from + lifeMonths;
    vintages.push({
      fromMonth: from,
      toMonth: to < horizon ? to : Number.POSITIVE_INFINITY,
      thsTotal: arith.div(arith.of(wallWatts), arith.of(jPerTh)),
      thsTotalNumber: ths,
      jPerTh,
      resaleUsdPerTh: frontierPrice,
      resaleMonthlyFactor: newFactor,
      purchaseUsdPerTh: frontierPrice,
    });
  }
  return vintages;
}

/** Site power of the fleet with overhead (MW): what a converted MW displaces. */
export function fleetUtilityMw(scenario: Scenario): number {
  const watts = scenario.fleet.reduce((sum, model) => sum + model.units * model.powerW, 0);
  return (watts / 1e6) * scenario.mining.overheadMultiplier;
}

export function prepareMining<T>(arith: Arith<T>, scenario: Scenario): MiningSetup<T> {
  const { mining, power } = scenario;
  const zero = arith.of(0);
  const one = arith.of(1);
  // Most efficient first: with one hashprice for all, the lowest J/TH earns most per MWh.
  const models: FleetModelTotals<T>[] = [...scenario.fleet]
    .sort((a, b) => a.powerW / a.hashrateThs - b.powerW / b.hashrateThs)
    .map((model) => ({
      wallWatts: model.units * model.powerW,
      ageMonths: Math.round(model.ageYears * 12),
      vintages: slotVintages(arith, scenario, model),
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
  const { refresh } = mining;
  const perThousand = arith.div(one, arith.of(1000));
  const perYearDay = arith.div(one, arith.of(365));
  const fleetMw = arith.mul(fleetKw, perThousand);
  const uptime = arith.of(mining.uptimePct / 100);
  const curtailCredit = arith.of(power.curtailment.creditUsdPerMwh);
  return {
    arith,
    models,
    fleetThs: models.reduce((sum, model) => sum + model.thsTotalNumber, 0),
    economicShutdown: mining.economicShutdown,
    zero,
    one,
    perThousand,
    uptime,
    keptAfterPoolFee: arith.of(1 - mining.poolFeePct / 100),
    poolFee: arith.of(mining.poolFeePct / 100),
    fees: arith.of(scenario.network.feesBtcPerBlock),
    varOpex: arith.of(mining.nonPowerOpexUsdPerMwh),
    fixedOpex: arith.mul(fleetKw, arith.of(mining.nonPowerOpexUsdPerKwMonth)),
    demandCharge: arith.of(power.demandChargeUsdPerKwMonth),
    minimumMwhPerHour: arith.mul(fleetMw, arith.of(power.takeOrPayMinimumPct / 100)),
    hasTakeOrPay: power.takeOrPayMinimumPct > 0,
    curtailedHoursPerDay: arith.mul(arith.of(power.curtailment.hoursPerYear), perYearDay),
    hasCurtailment: power.curtailment.hoursPerYear > 0,
    capacityIncomePerKwDay: arith.mul(
      arith.mul(arith.of(power.curtailment.capacityPaymentUsdPerMwYear), perThousand),
      perYearDay,
    ),
    creditPerCurtailedHour: models.map((model) =>
      arith.mul(arith.mul(arith.mul(model.kwWithOverhead, perThousand), uptime), curtailCredit),
    ),
    resaleTracksHashprice: mining.resaleTracksHashprice,
    allRunning: { free: models.map(() => true), paid: models.map(() => true) },
    refreshes: models.some((model) => model.vintages.length > 1),
    payback:
      refresh.enabled && refresh.trigger === 'payback'
        ? {
            paybackMonths: refresh.paybackMonths,
            lifeMonths: Math.round(refresh.lifeYears * 12),
            frontierUsdPerTh: arith.of(refresh.frontierUsdPerTh),
            newResaleMonthlyFactor: arith.powFraction(
              arith.of(1 - refresh.resaleDeclinePctPerYear / 100),
              1 / 12,
            ),
            frontierJPerThByMonth: Array.from({ length: scenario.horizonMonths }, (_, m) =>
              frontierJPerTh(scenario, m),
            ),
          }
        : null,
  };
}

/** Index of the vintage of each slot mining in month m. */
function vintagesInMonth<T>(setup: MiningSetup<T>, m: number): number[] {
  return setup.models.map((model) => {
    let v = 0;
    while (v + 1 < model.vintages.length && model.vintages[v + 1]!.fromMonth <= m) v += 1;
    return v;
  });
}

/** What one model would earn and cost in a month if it ran all of it, before any decision. */
export interface ModelMonth<T> {
  /** Revenue per USD/TH/day of hashprice: `days × runFraction × TH`. */
  readonly revenuePerHashprice: T;
  /** The same after the pool fee: what the shutdown rule weighs against the avoidable cost. */
  readonly keptRevenuePerHashprice: T;
  readonly energyMwh: T;
  readonly curtailmentCredit: T;
  /**
   * What running the whole model earns besides revenue: its curtailment credit plus the capacity
   * payment on its running MW (earned only while it runs, so the shutdown rule counts it).
   */
  readonly runningIncome: T;
  /** Cost avoided by switching it off whatever the energy is paid: variable opex + demand charge. */
  readonly fixedAvoidable: T;
}

/** The hashprice-independent terms of one month. */
export interface MiningMonth<T> {
  readonly days: T;
  /** Revenue of 1 TH/s per USD/TH/day of hashprice: `days × runFraction`. */
  readonly revenuePerThPerHashprice: T;
  readonly hours: T;
  readonly minimumEnergyMwh: T;
  readonly models: readonly ModelMonth<T>[];
  /** Slots from the most to the least efficient vintage mining in the month. */
  readonly order: readonly number[];
  /** TH/s of each slot's vintage in the month, and their sum. */
  readonly thsByModel: readonly number[];
  readonly fleetThs: number;
}

/**
 * A month's terms: runFraction = uptime × (1 − curtailed hours / hours); per model, revenue per
 * unit of hashprice = days × runFraction × TH, energy = kW × overhead × hours × runFraction.
 */
export function miningMonth<T>(
  setup: MiningSetup<T>,
  daysInMonth: number,
  vintageBySlot: readonly number[] = setup.models.map(() => 0),
): MiningMonth<T> {
  const { arith, uptime, hasCurtailment } = setup;
  const vintages = setup.models.map((model, i) => model.vintages[vintageBySlot[i]!]!);
  const thsByModel = vintages.map((v) => v.thsTotalNumber);
  const order = setup.models
    .map((_, i) => i)
    .sort((a, b) => vintages[a]!.jPerTh - vintages[b]!.jPerTh || a - b);
  const days = arith.of(daysInMonth);
  const hours = arith.of(daysInMonth * 24);
  const curtailedHours = hasCurtailment
    ? arith.min(hours, arith.mul(setup.curtailedHoursPerDay, days))
    : setup.zero;
  const runFraction = hasCurtailment
    ? arith.mul(uptime, arith.div(arith.sub(hours, curtailedHours), hours))
    : uptime;
  const revenuePerThPerHashprice = arith.mul(days, runFraction);
  const mwhPerKw = arith.mul(arith.mul(hours, runFraction), setup.perThousand);
  return {
    days,
    revenuePerThPerHashprice,
    hours,
    minimumEnergyMwh: arith.mul(setup.minimumMwhPerHour, hours),
    order,
    thsByModel,
    fleetThs: thsByModel.reduce((sum, ths) => sum + ths, 0),
    models: setup.models.map((model, index) => {
      const energyMwh = arith.mul(model.kwWithOverhead, mwhPerKw);
      const revenuePerHashprice = arith.mul(revenuePerThPerHashprice, vintages[index]!.thsTotal);
      const curtailmentCredit = hasCurtailment
        ? arith.mul(setup.creditPerCurtailedHour[index]!, curtailedHours)
        : setup.zero;
      const capacityIncome = arith.mul(
        arith.mul(setup.capacityIncomePerKwDay, model.kwWithOverhead),
        days,
      );
      return {
        revenuePerHashprice,
        keptRevenuePerHashprice: arith.mul(revenuePerHashprice, setup.keptAfterPoolFee),
        energyMwh,
        curtailmentCredit,
        runningIncome: arith.add(curtailmentCredit, capacityIncome),
        fixedAvoidable: arith.add(
          arith.mul(energyMwh, setup.varOpex),
          arith.mul(model.kwWithOverhead, setup.demandCharge),
        ),
      };
    }),
  };
}

/**
 * The shutdown decisions of one month, per model: does the block covered by the take-or-pay
 * energy still unused run (`free`), does the rest (`paid`)?
 */
export interface FleetDecisions {
  readonly free: readonly boolean[];
  readonly paid: readonly boolean[];
}

/** What the fleet did in a month: totals over the running part of each model. */
export interface FleetRun<T> {
  /** Revenue at a hashprice of 1 USD/TH/day: revenue is this × hashprice. */
  readonly revenuePerHashprice: T;
  readonly energyUsed: T;
  readonly runningKw: T;
  readonly credit: T;
  readonly runningThs: number;
}

/** A calendar month's terms at its energy price: everything the shutdown rule needs but hashprice. */
export interface PricedMiningMonth<T> {
  readonly terms: MiningMonth<T>;
  readonly energyPrice: T;
  /** Per model, the cost avoided by switching the paid block off: fixed avoidable + energy × price. */
  readonly paidAvoidable: readonly T[];
}

export function priceMiningMonth<T>(
  setup: MiningSetup<T>,
  terms: MiningMonth<T>,
  energyPrice: T,
): PricedMiningMonth<T> {
  const { arith } = setup;
  return {
    terms,
    energyPrice,
    paidAvoidable: terms.models.map((model) =>
      arith.add(model.fixedAvoidable, arith.mul(model.energyMwh, energyPrice)),
    ),
  };
}

const FREE_BLOCK = 1;
const PAID_BLOCK = 2;

/** Which blocks of model `index` run at `hashprice` under the rule of {@link decideFleet}. */
function blocksRunning<T>(
  setup: MiningSetup<T>,
  month: PricedMiningMonth<T>,
  hashprice: T,
  index: number,
): number {
  const { arith } = setup;
  const terms = month.terms.models[index]!;
  const earnings = arith.add(
    arith.mul(hashprice, terms.keptRevenuePerHashprice),
    terms.runningIncome,
  );
  return (
    (arith.lt(earnings, terms.fixedAvoidable) ? 0 : FREE_BLOCK) +
    (arith.lt(earnings, month.paidAvoidable[index]!) ? 0 : PAID_BLOCK)
  );
}

/** {@link blocksRunning} in float64, written out (the same operations, the same bits). */
function floatBlocksRunning(month: PricedMiningMonth<number>, hashprice: number, index: number) {
  const terms = month.terms.models[index]!;
  const earnings = hashprice * terms.keptRevenuePerHashprice + terms.runningIncome;
  return (
    (earnings < terms.fixedAvoidable ? 0 : FREE_BLOCK) +
    (earnings < month.paidAvoidable[index]! ? 0 : PAID_BLOCK)
  );
}

/**
 * Economic shutdown: each model is two blocks, the share of it that the take-or-pay energy still
 * unused covers (its energy is paid anyway) and the rest. A block runs when the model's earnings,
 * revenue × (1 − pool fee) + curtailment credit + capacity payment on its MW, cover its avoidable
 * cost: variable opex and demand charge, plus energy × price for the paid block. At the threshold
 * running and stopping earn the same, so NPV is continuous in every price. Without the rule every
 * block runs.
 */
export function decideFleet<T>(
  setup: MiningSetup<T>,
  month: PricedMiningMonth<T>,
  hashprice: T,
): FleetDecisions {
  if (!setup.economicShutdown) return setup.allRunning;
  const free: boolean[] = [];
  const paid: boolean[] = [];
  month.terms.models.forEach((_, index) => {
    const runs = blocksRunning(setup, month, hashprice, index);
    free.push((runs & FREE_BLOCK) !== 0);
    paid.push((runs & PAID_BLOCK) !== 0);
  });
  return { free, paid };
}

/**
 * The fleet under given decisions: models are taken from the most to the least efficient, and
 * the take-or-pay energy still unused covers the free block of each in turn. Running machines are
 * a fraction of the model, so cost is never wasted. Given the decisions, nothing but revenue
 * depends on hashprice, and revenue is linear in it: the run gives revenue per unit of hashprice.
 */
export function runFleet<T>(
  setup: MiningSetup<T>,
  month: MiningMonth<T>,
  decisions: FleetDecisions,
): FleetRun<T> {
  const { arith, zero, one, hasTakeOrPay } = setup;
  let freeEnergy = month.minimumEnergyMwh;
  let revenuePerHashprice = zero;
  let energyUsed = zero;
  let runningKw = zero;
  let credit = zero;
  let runningThs = 0;
  for (const index of month.order) {
    const model = setup.models[index]!;
    const terms = month.models[index]!;
    const modelEnergy = terms.energyMwh;
    // Take-or-pay makes the first MWh free at the margin: the share of this model that the
    // remaining free energy covers is one block, the rest another.
    const freeShare =
      hasTakeOrPay && arith.lt(zero, modelEnergy)
        ? arith.min(one, arith.div(freeEnergy, modelEnergy))
        : zero;
    let running = zero;
    if (decisions.free[index] && hasTakeOrPay) {
      running = freeShare;
      freeEnergy = arith.max(zero, arith.sub(freeEnergy, arith.mul(modelEnergy, freeShare)));
    }
    if (decisions.paid[index]) running = arith.add(running, arith.sub(one, freeShare));
    revenuePerHashprice = arith.add(
      revenuePerHashprice,
      arith.mul(terms.revenuePerHashprice, running),
    );
    energyUsed = arith.add(energyUsed, arith.mul(modelEnergy, running));
    runningKw = arith.add(runningKw, arith.mul(model.kwWithOverhead, running));
    credit = arith.add(credit, arith.mul(terms.curtailmentCredit, running));
    runningThs += month.thsByModel[index]! * arith.toNumber(running);
  }
  return { revenuePerHashprice, energyUsed, runningKw, credit, runningThs };
}

/**
 * The hashprices at which each block of each model starts to run: the rule of {@link runFleet}
 * solved for hashprice, `(avoidable − credit − capacity payment) / (revenue per hashprice ×
 * (1 − pool fee))`, with
 * the avoidable cost of the paid block including energy × price. −∞ when the block always runs
 * (no shutdown rule, or nothing to avoid); +∞ when it never can (no revenue, a cost to avoid).
 */
export function runThresholds(
  setup: MiningSetup<number>,
  month: PricedMiningMonth<number>,
): { free: number[]; paid: number[] } {
  const threshold = (terms: ModelMonth<number>, avoidable: number) => {
    if (!setup.economicShutdown) return Number.NEGATIVE_INFINITY;
    const value = (avoidable - terms.runningIncome) / terms.keptRevenuePerHashprice;
    return Number.isNaN(value) ? Number.NEGATIVE_INFINITY : value;
  };
  return {
    free: month.terms.models.map((terms) => threshold(terms, terms.fixedAvoidable)),
    paid: month.terms.models.map((terms, index) => threshold(terms, month.paidAvoidable[index]!)),
  };
}

/**
 * The month's mining line items (USD, income positive) from what the fleet did, with revenue and
 * pool fee per unit of hashprice (multiply them by the month's hashprice).
 */
export interface MiningMonthItems<T> {
  readonly revenueUsdPerHashprice: T;
  readonly poolFeeUsdPerHashprice: T;
  readonly powerUsd: T;
  readonly takeOrPayUsd: T;
  readonly demandChargeUsd: T;
  readonly nonPowerOpexUsd: T;
  readonly curtailmentIncomeUsd: T;
}

/**
 * - pool fee = revenue × poolFee; power = energy used × price;
 * - take-or-pay: energy billed is max(used, minimum); the shortfall × price is its own line;
 * - demand charge on the running kW; non-power opex = used MWh × $/MWh + fleet kW × $/kW-month;
 * - curtailment credit of the running fleet plus the capacity payment on the running MW: a
 *   switched-off machine is no load to curtail, so it earns no capacity payment.
 */
export function miningMonthItems<T>(
  setup: MiningSetup<T>,
  month: MiningMonth<T>,
  run: FleetRun<T>,
  energyPrice: T,
): MiningMonthItems<T> {
  const { arith, zero } = setup;
  const shortfall = setup.hasTakeOrPay
    ? arith.max(zero, arith.sub(month.minimumEnergyMwh, run.energyUsed))
    : zero;
  return {
    revenueUsdPerHashprice: run.revenuePerHashprice,
    poolFeeUsdPerHashprice: arith.neg(arith.mul(run.revenuePerHashprice, setup.poolFee)),
    powerUsd: arith.neg(arith.mul(run.energyUsed, energyPrice)),
    takeOrPayUsd: arith.neg(arith.mul(shortfall, energyPrice)),
    demandChargeUsd: arith.neg(arith.mul(run.runningKw, setup.demandCharge)),
    nonPowerOpexUsd: arith.neg(
      arith.add(arith.mul(run.energyUsed, setup.varOpex), setup.fixedOpex),
    ),
    curtailmentIncomeUsd: arith.add(
      run.credit,
      arith.mul(arith.mul(setup.capacityIncomePerKwDay, run.runningKw), month.days),
    ),
  };
}

/** The fleet's values and refresh flows by month, before any hashprice scaling (whole fleet). */
export interface FleetValueBase<T> {
  /** Value at the end of month m of the machines mining in m. */
  readonly resaleUsd: T[];
  /** Value at the end of month m of the machines that mined in m − 1 (before a refresh in m). */
  readonly stopSaleUsd: T[];
  /** Value of the machines retired by a refresh in m. */
  readonly retiredUsd: T[];
  /** Cost of the frontier machines bought in m at the first month's hashprice (negative). */
  readonly purchaseUsd: T[];
}

/**
 * A vintage's value at the end of month m: `TH × resale$/TH × (1 − decline)^(age/12)`, the age
 * counted from the start for installed machines and from the purchase month for refreshed ones
 * (so a machine is worth its price in the month it is bought).
 */
function vintageValue<T>(arith: Arith<T>, vintage: Vintage<T>, m: number, powers: T[]): T {
  const age = vintage.fromMonth < 0 ? m : m - vintage.fromMonth;
  return arith.mul(arith.mul(vintage.thsTotal, vintage.resaleUsdPerTh), powers[age]!);
}

/**
 * The fleet's value and refresh flows, month by month, before any hashprice scaling:
 * `Σ TH_i × resaleUsdPerTh_i × (1 − decline_i)^(age/12)` over the slots' vintages, and at each
 * refresh the purchase `−TH_new × frontier $/TH` and the retired machines' value.
 */
export function fleetValueBase<T>(setup: MiningSetup<T>, horizonMonths: number): FleetValueBase<T> {
  const { arith, zero } = setup;
  // (1 − decline)^(n/12) for n = 0 … H, per vintage, by repeated multiplication.
  const powersOf = new Map<Vintage<T>, T[]>();
  const powers = (vintage: Vintage<T>): T[] => {
    let list = powersOf.get(vintage);
    if (list === undefined) {
      list = [setup.one];
      // Ages up to the vintage's retirement month (valued then) or the horizon.
      const oldest = Math.min(horizonMonths, vintage.toMonth) - Math.max(0, vintage.fromMonth);
      for (let n = 1; n <= oldest; n += 1) {
        list.push(arith.mul(list[n - 1]!, vintage.resaleMonthlyFactor));
      }
      powersOf.set(vintage, list);
    }
    return list;
  };
  const base: FleetValueBase<T> = {
    resaleUsd: [],
    stopSaleUsd: [],
    retiredUsd: [],
    purchaseUsd: [],
  };
  let previous = setup.models.map(() => 0);
  const slots = setup.models.length;
  for (let m = 0; m < horizonMonths; m += 1) {
    const current = setup.refreshes ? vintagesInMonth(setup, m) : previous;
    let resale = zero;
    let stopSale = zero;
    let retired = zero;
    let purchase = zero;
    let refreshed = false;
    for (let i = 0; i < slots; i += 1) {
      const model = setup.models[i]!;
      const now = model.vintages[current[i]!]!;
      const before = model.vintages[previous[i]!]!;
      const nowValue = vintageValue(arith, now, m, powers(now));
      resale = arith.add(resale, nowValue);
      if (now === before) {
        stopSale = arith.add(stopSale, nowValue);
      } else {
        refreshed = true;
        const beforeValue = vintageValue(arith, before, m, powers(before));
        stopSale = arith.add(stopSale, beforeValue);
        retired = arith.add(retired, beforeValue);
        purchase = arith.sub(purchase, arith.mul(now.thsTotal, now.purchaseUsdPerTh));
      }
    }
    base.resaleUsd.push(resale);
    // Without a refresh in the month, the same value (shared: no second scaling per case).
    base.stopSaleUsd.push(refreshed ? stopSale : resale);
    base.retiredUsd.push(retired);
    base.purchaseUsd.push(purchase);
    previous = current;
  }
  return base;
}

/** One month under one set of decisions: its items, revenue and pool fee per unit of hashprice. */
interface MiningRegime<T> {
  /** The decisions as bit sets: bit i set when model i's free (paid) block runs. */
  readonly freeBits: number;
  readonly paidBits: number;
  readonly items: MiningMonthItems<T>;
  readonly energyMwh: number;
  readonly runningHashrateShare: number;
}

/**
 * Everything in the mining leg that does not depend on the BTC price case, built once per
 * scenario: the fleet setup, each calendar month's terms at its energy price (months of equal
 * length share their day terms), the resale base, and a memo of each month's regimes.
 */
export interface MiningBasis<T> {
  readonly setup: MiningSetup<T>;
  readonly months: readonly PricedMiningMonth<T>[];
  readonly values: FleetValueBase<T>;
  /**
   * Per month, the regimes met so far (a month meets few: price cases and breakeven probes meet
   * the same ones); months with the same terms and energy price share one list. Filled on use.
   */
  readonly regimes: (MiningRegime<T>[] | undefined)[];
}

export function prepareMiningBasis<T>(
  arith: Arith<T>,
  scenario: Scenario,
  calendar: readonly CalendarMonth[],
  energyPriceUsdPerMwh: readonly T[],
  samePowerTerms?: MiningBasis<T>,
): MiningBasis<T> {
  // Only the energy prices differ from `samePowerTerms` (a power-price breakeven): the fleet, its
  // month terms and values are shared.
  if (samePowerTerms !== undefined) {
    const { setup } = samePowerTerms;
    return {
      setup,
      ...priceMonths(
        setup,
        samePowerTerms.months.map((month) => month.terms),
        energyPriceUsdPerMwh,
      ),
      values: samePowerTerms.values,
    };
  }
  const setup = prepareMining(arith, scenario);
  return basisOf(
    setup,
    calendar.map((calendarMonth) => calendarMonth.days),
    energyPriceUsdPerMwh,
  );
}

/** A basis from a setup (its vintages fixed): each month's terms, priced, and the fleet's values. */
function basisOf<T>(
  setup: MiningSetup<T>,
  daysByMonth: readonly number[],
  energyPriceUsdPerMwh: readonly T[],
): MiningBasis<T> {
  const termsByKey = new Map<string, MiningMonth<T>>();
  const terms = daysByMonth.map((days, m) => {
    const vintages = setup.refreshes ? vintagesInMonth(setup, m) : undefined;
    const key = vintages === undefined ? `${days}` : `${days}|${vintages}`;
    let monthTerms = termsByKey.get(key);
    if (monthTerms === undefined) {
      monthTerms = miningMonth(setup, days, vintages);
      termsByKey.set(key, monthTerms);
    }
    return monthTerms;
  });
  return {
    setup,
    ...priceMonths(setup, terms, energyPriceUsdPerMwh),
    values: fleetValueBase(setup, daysByMonth.length),
  };
}

/**
 * One replacement decision of the payback trigger, in float64 (so the float engine, the decimal
 * ledger and every Monte Carlo path take the same decisions). Buying the frontier machine for the
 * slot's power in month m pays back within N months when
 *
 *     (TH_new × frontier $/TH × HP(m)/HP(0) − value of the retired machines at the end of m)
 *       ≤ N × (margin(TH_new) − margin(TH_old)),  with the gain > 0,
 *
 * `margin(TH) = HP(m) × days × runFraction × TH × (1 − pool fee) + running income − avoidable
 * cost at the month's energy price` (the shutdown rule's terms of the slot's whole power), floored
 * at 0 when the shutdown rule is on (a machine that would not run earns nothing). Both draw the
 * same kW, so power, opex and demand charge cancel unless the old machines are off.
 *
 * @example docs/model.md §5: 1,000 × 100 TH/s at 2,000 W worth $2/TH/s ($200,000), January, $50/MWh,
 *   HP $0.035922/TH/day, no overhead, pool fee or opex: the frontier (9.5 J/TH, $16/TH/s) gives
 *   210,526.32 TH/s for $3,368,421.05; margins $111,359.57 − $74,400 = $36,959.57 (old) and
 *   $234,441.20 − $74,400 = $160,041.20 (new): payback (3,368,421.05 − 200,000) ÷ 123,081.63 =
 *   25.74 months: replaced under N = 30, not under N = 24.
 */
export function paysBackWithin(test: {
  readonly paybackMonths: number;
  readonly purchaseUsd: number;
  readonly retiredValueUsd: number;
  readonly newMarginUsd: number;
  readonly oldMarginUsd: number;
}): boolean {
  const gain = test.newMarginUsd - test.oldMarginUsd;
  return gain > 0 && test.purchaseUsd - test.retiredValueUsd <= test.paybackMonths * gain;
}

/**
 * The vintages of every slot under the payback trigger, from one hashprice path: month by month,
 * a slot's generation is replaced at its end of life (as without the trigger) or earlier when the
 * frontier machine of that month pays back within N months ({@link paysBackWithin}) at that
 * month's hashprice and energy price — no foresight. A replaced generation's life restarts.
 */
export function paybackVintages<T>(
  basis: MiningBasis<T>,
  hashpriceUsdPerThDay: readonly T[],
): Vintage<T>[][] {
  const { setup } = basis;
  const { arith } = setup;
  const rule = setup.payback;
  if (rule === null) return setup.models.map((model) => [...model.vintages]);
  const tables = paybackTables(basis, rule);
  const horizon = basis.months.length;
  const hashprice = new Float64Array(horizon);
  for (let m = 0; m < horizon; m += 1) hashprice[m] = arith.toNumber(hashpriceUsdPerThDay[m]!);
  const perFirst = hashprice[0]! > 0 ? 1 / hashprice[0]! : 0;
  const tracks = setup.resaleTracksHashprice && perFirst > 0;
  const shutdown = setup.economicShutdown;
  const { perThKept, fixedBySlot, installedDecayBySlot, newDecay, frontierPrice } = tables;
  return setup.models.map((model, i) => {
    const installed = model.vintages[0]!;
    const schedule: Vintage<T>[] = [];
    let current: Vintage<T> = { ...installed, toMonth: Number.POSITIVE_INFINITY };
    let due = installed.toMonth;
    // The value per TH/s of the generation mining, by its age: installed or refreshed.
    let valuePerTh = tables.installedResalePerTh[i]!;
    let decay = installedDecayBySlot[i]!;
    let ths = installed.thsTotalNumber;
    const fixed = fixedBySlot[i]!;
    for (let m = 0; m < horizon && model.wallWatts > 0; m += 1) {
      const jPerTh = rule.frontierJPerThByMonth[m]!;
      let replace = m >= due;
      const ageMonths = current.fromMonth < 0 ? model.ageMonths + m : m - current.fromMonth;
      if (!replace && ageMonths >= PAYBACK_MIN_GENERATION_GAP_MONTHS && jPerTh < current.jPerTh) {
        const index = perFirst > 0 ? hashprice[m]! * perFirst : 1;
        const perTh = perThKept[m]! * hashprice[m]!;
        const newThs = model.wallWatts / jPerTh;
        let newMargin = perTh * newThs + fixed[m]!;
        let oldMargin = perTh * ths + fixed[m]!;
        if (shutdown) {
          newMargin = Math.max(0, newMargin);
          oldMargin = Math.max(0, oldMargin);
        }
        // Resale value ages from the start for installed machines (their value is today's).
        const age = current.fromMonth < 0 ? m : ageMonths;
        replace = paysBackWithin({
          paybackMonths: rule.paybackMonths,
          purchaseUsd: newThs * frontierPrice * index,
          retiredValueUsd: ths * valuePerTh * decay[age]! * (tracks ? index : 1),
          newMarginUsd: newMargin,
          oldMarginUsd: oldMargin,
        });
      }
      if (!replace) continue;
      schedule.push({ ...current, toMonth: m });
      ths = model.wallWatts / jPerTh;
      current = {
        fromMonth: m,
        toMonth: Number.POSITIVE_INFINITY,
        thsTotal: arith.div(arith.of(model.wallWatts), arith.of(jPerTh)),
        thsTotalNumber: ths,
        jPerTh,
        resaleUsdPerTh: rule.frontierUsdPerTh,
        resaleMonthlyFactor: rule.newResaleMonthlyFactor,
        purchaseUsdPerTh: rule.frontierUsdPerTh,
      };
      valuePerTh = frontierPrice;
      decay = newDecay;
      due = m + rule.lifeMonths;
    }
    schedule.push(current);
    return schedule;
  });
}

/** The path-independent float64 terms of the payback test, per basis (built on first use). */
interface PaybackTables {
  /** `days × runFraction × (1 − pool fee)` by month: kept revenue per TH/s per unit of HP. */
  readonly perThKept: Float64Array;
  /** Per slot, by month: running income − avoidable cost of the whole slot at the month's price. */
  readonly fixedBySlot: readonly Float64Array[];
  /** Per slot, the installed machines' `(1 − decline)^(m/12)` by month m. */
  readonly installedDecayBySlot: readonly Float64Array[];
  readonly installedResalePerTh: readonly number[];
  /** A refreshed machine's `(1 − decline)^(age/12)` by age in months. */
  readonly newDecay: Float64Array;
  readonly frontierPrice: number;
}

const paybackTablesOf = new WeakMap<object, PaybackTables>();

function paybackTables<T>(basis: MiningBasis<T>, rule: PaybackRule<T>): PaybackTables {
  const known = paybackTablesOf.get(basis);
  if (known !== undefined) return known;
  const { setup } = basis;
  const num = (value: T) => setup.arith.toNumber(value);
  const horizon = basis.months.length;
  const kept = num(setup.keptAfterPoolFee);
  const decayTable = (factor: number) => {
    const table = new Float64Array(horizon + 1);
    for (let n = 0; n <= horizon; n += 1) table[n] = factor ** n;
    return table;
  };
  const tables: PaybackTables = {
    perThKept: Float64Array.from(
      basis.months,
      (month) => num(month.terms.revenuePerThPerHashprice) * kept,
    ),
    fixedBySlot: setup.models.map((_, i) =>
      Float64Array.from(
        basis.months,
        (month) => num(month.terms.models[i]!.runningIncome) - num(month.paidAvoidable[i]!),
      ),
    ),
    installedDecayBySlot: setup.models.map((model) =>
      decayTable(num(model.vintages[0]!.resaleMonthlyFactor)),
    ),
    installedResalePerTh: setup.models.map((model) => num(model.vintages[0]!.resaleUsdPerTh)),
    newDecay: decayTable(num(rule.newResaleMonthlyFactor)),
    frontierPrice: num(rule.frontierUsdPerTh),
  };
  paybackTablesOf.set(basis, tables);
  return tables;
}

/** The basis of one hashprice path under the payback trigger: its own vintages, terms and values. */
export function paybackBasis<T>(
  basis: MiningBasis<T>,
  hashpriceUsdPerThDay: readonly T[],
): MiningBasis<T> {
  const vintages = paybackVintages(basis, hashpriceUsdPerThDay);
  // Price cases and breakeven iterations mostly meet the same schedule: one basis per schedule.
  let bySchedule = paybackBases.get(basis) as Map<string, MiningBasis<T>> | undefined;
  if (bySchedule === undefined) {
    bySchedule = new Map();
    paybackBases.set(basis, bySchedule);
  }
  const key = scheduleKey(vintages);
  let scheduled = bySchedule.get(key);
  if (scheduled === undefined) {
    scheduled = basisWithVintages(basis, vintages);
    if (bySchedule.size < MAX_PAYBACK_BASES) bySchedule.set(key, scheduled);
  }
  return scheduled;
}

const MAX_PAYBACK_BASES = 64;
const paybackBases = new WeakMap<object, Map<string, unknown>>();

/** The replacement months of every slot, as a key: equal keys, equal vintages. */
export function scheduleKey<T>(vintages: readonly (readonly Vintage<T>[])[]): string {
  return vintages.map((slot) => slot.map((v) => v.fromMonth).join(',')).join('|');
}

/** The basis with each slot's vintages replaced (same months, days and energy prices). */
export function basisWithVintages<T>(
  basis: MiningBasis<T>,
  vintages: readonly (readonly Vintage<T>[])[],
): MiningBasis<T> {
  const setup: MiningSetup<T> = {
    ...basis.setup,
    models: basis.setup.models.map((model, i) => ({ ...model, vintages: vintages[i]! })),
    refreshes: vintages.some((list) => list.length > 1),
  };
  return basisOf(
    setup,
    basis.months.map((month) => setup.arith.toNumber(month.terms.days)),
    basis.months.map((month) => month.energyPrice),
  );
}

/**
 * Each month's terms at its energy price, with its list of regimes: months with the same terms
 * and price (months of equal length in one year of a fixed contract) share both, so a regime is
 * built once for all of them (its items depend on nothing else).
 */
function priceMonths<T>(
  setup: MiningSetup<T>,
  terms: readonly MiningMonth<T>[],
  energyPriceUsdPerMwh: readonly T[],
): Pick<MiningBasis<T>, 'months' | 'regimes'> {
  const priced = new Map<
    MiningMonth<T>,
    { price: T; month: PricedMiningMonth<T>; regimes: MiningRegime<T>[] }[]
  >();
  const months = new Array<PricedMiningMonth<T>>(terms.length);
  const regimes = new Array<MiningRegime<T>[]>(terms.length);
  for (let m = 0; m < terms.length; m += 1) {
    const monthTerms = terms[m]!;
    const price = energyPriceUsdPerMwh[m]!;
    let known = priced.get(monthTerms);
    if (known === undefined) {
      known = [];
      priced.set(monthTerms, known);
    }
    let same: (typeof known)[number] | undefined;
    for (const entry of known) {
      // Object.is: a price of −0 is not +0 (it changes the sign of a zero power cost).
      if (Object.is(entry.price, price)) same = entry;
    }
    if (same === undefined) {
      same = { price, month: priceMiningMonth(setup, monthTerms, price), regimes: [] };
      known.push(same);
    }
    months[m] = same.month;
    regimes[m] = same.regimes;
  }
  return { months, regimes };
}

/**
 * What the fleet does under the decisions of `hashprice` ({@link runFleet}), kept per month
 * terms and decisions: it does not depend on the energy price, and months of equal length share
 * their terms, so the months of one basis and the bases of a power-price move (same terms) run
 * each fleet regime once. Keyed by the few terms objects of a basis (its day lengths × vintages).
 */
function fleetRunOf<T>(
  setup: MiningSetup<T>,
  month: PricedMiningMonth<T>,
  hashprice: T,
  freeBits: number,
  paidBits: number,
): FleetRun<T> {
  let runs = runsByTerms.get(month.terms) as
    | { freeBits: number; paidBits: number; run: FleetRun<T> }[]
    | undefined;
  if (runs === undefined) {
    runs = [];
    runsByTerms.set(month.terms, runs);
  }
  for (const known of runs) {
    if (known.freeBits === freeBits && known.paidBits === paidBits) return known.run;
  }
  const run = runFleet(setup, month.terms, decideFleet(setup, month, hashprice));
  runs.push({ freeBits, paidBits, run });
  return run;
}
const runsByTerms = new WeakMap<
  object,
  { freeBits: number; paidBits: number; run: FleetRun<unknown> }[]
>();

/** `2^i` for model i (a table: `2 ** i` in the loop was a tenth of a case model's time). */
const BIT_OF_MODEL: readonly number[] = Array.from({ length: 53 }, (_, i) => 2 ** i);

/**
 * The month's items per unit of hashprice at `hashprice`, built on first use. The decisions of
 * {@link decideFleet} are compared as two bit sets (at most 50 models: exact in float64), so a
 * lookup allocates nothing; they are built only for a regime met for the first time.
 */
function regimeAt<T>(basis: MiningBasis<T>, m: number, hashprice: T): MiningRegime<T> {
  const { setup } = basis;
  const month = basis.months[m]!;
  let freeBits = 0;
  let paidBits = 0;
  const isFloat = setup.arith === (floatArith as unknown);
  for (let i = 0; i < setup.models.length; i += 1) {
    const runs = !setup.economicShutdown
      ? FREE_BLOCK + PAID_BLOCK
      : isFloat
        ? floatBlocksRunning(
            month as unknown as PricedMiningMonth<number>,
            hashprice as unknown as number,
            i,
          )
        : blocksRunning(setup, month, hashprice, i);
    if ((runs & FREE_BLOCK) !== 0) freeBits += BIT_OF_MODEL[i]!;
    if ((runs & PAID_BLOCK) !== 0) paidBits += BIT_OF_MODEL[i]!;
  }
  let met = basis.regimes[m];
  if (met === undefined) {
    met = [];
    basis.regimes[m] = met;
  }
  for (const regime of met) {
    if (regime.freeBits === freeBits && regime.paidBits === paidBits) return regime;
  }
  const run = fleetRunOf(setup, month, hashprice, freeBits, paidBits);
  const regime: MiningRegime<T> = {
    freeBits,
    paidBits,
    items: miningMonthItems(setup, month.terms, run, month.energyPrice),
    energyMwh: setup.arith.toNumber(run.energyUsed),
    runningHashrateShare: month.terms.fleetThs > 0 ? run.runningThs / month.terms.fleetThs : 0,
  };
  met.push(regime);
  return regime;
}

/**
 * The mining leg, month by month, from a hashprice path: the shutdown rule decides
 * ({@link decideFleet}), the fleet runs ({@link runFleet}) and gives the line items
 * ({@link miningMonthItems}). Those are linear in hashprice once the decisions are known, so each
 * month's regime is built once at a hashprice of 1 and shared by every price case that meets it;
 * revenue and pool fee are then `HP × their value at 1`. Resale value is scaled by hashprice
 * relative to the first month when `resaleTracksHashprice`.
 */
export function buildMiningLines<T>(
  shared: MiningBasis<T>,
  hashpriceUsdPerThDay: readonly T[],
  /**
   * Lines to write into (every month of each is written), for a caller that reads the result
   * only before its next call (`transientCaseModel`); its hashprice line, when it is the
   * `hashpriceUsdPerThDay` given, is not copied.
   */
  into?: MiningLines<T>,
): MiningLines<T> {
  // Under the payback trigger the vintages follow this path's prices (docs/model.md §5).
  const basis = shared.setup.payback === null ? shared : paybackBasis(shared, hashpriceUsdPerThDay);
  const { setup } = basis;
  const { arith } = setup;
  const n = basis.months.length;
  // Sized up front, and float lines are double arrays from the start (series.ts): the
  // breakevens, the tornado and the stress tests build dozens of these per evaluation.
  const line = <S>(kept: S[] | undefined, fresh: () => S[]): S[] =>
    kept !== undefined && kept.length === n ? kept : fresh();
  const series = (kept: T[] | undefined) => line(kept, () => newSeries(arith, n));
  const lines: MiningLines<T> = {
    hashpriceUsdPerThDay:
      into !== undefined && into.hashpriceUsdPerThDay === hashpriceUsdPerThDay
        ? into.hashpriceUsdPerThDay
        : [...hashpriceUsdPerThDay],
    revenueUsd: series(into?.revenueUsd),
    poolFeeUsd: series(into?.poolFeeUsd),
    powerUsd: series(into?.powerUsd),
    takeOrPayUsd: series(into?.takeOrPayUsd),
    demandChargeUsd: series(into?.demandChargeUsd),
    nonPowerOpexUsd: series(into?.nonPowerOpexUsd),
    curtailmentIncomeUsd: series(into?.curtailmentIncomeUsd),
    fleetResaleValueUsd: series(into?.fleetResaleValueUsd),
    stopSaleValueUsd: series(into?.stopSaleValueUsd),
    refreshCapexUsd: series(into?.refreshCapexUsd),
    retiredResaleUsd: series(into?.retiredResaleUsd),
    energyMwh: line(into?.energyMwh, () => zeroSeries(n)),
    runningHashrateShare: line(into?.runningHashrateShare, () => zeroSeries(n)),
  };
  const { values } = basis;
  // Resale tracks HP(m) / HP(0); with HP(0) = 0 (no fees at far-future heights, a BTC price
  // that underflows) there is nothing to scale against, so resale follows its own decline as
  // with tracking off (docs/model.md, changes to the model: issue 11), instead of 0 × ∞.
  const firstHashprice = hashpriceUsdPerThDay[0];
  const perFirstHashprice =
    firstHashprice !== undefined && arith.lt(setup.zero, firstHashprice)
      ? arith.div(setup.one, firstHashprice)
      : null;
  if (arith === (floatArith as unknown)) {
    writeFloatMonths(
      basis as unknown as MiningBasis<number>,
      hashpriceUsdPerThDay as unknown as readonly number[],
      lines as unknown as MiningLines<number>,
      perFirstHashprice as unknown as number | null,
    );
    return lines;
  }
  basis.months.forEach((_, m) => {
    const hashprice = hashpriceUsdPerThDay[m]!;
    const regime = regimeAt(basis, m, hashprice);
    const { items } = regime;
    lines.revenueUsd[m] = arith.mul(hashprice, items.revenueUsdPerHashprice);
    lines.poolFeeUsd[m] = arith.mul(hashprice, items.poolFeeUsdPerHashprice);
    lines.powerUsd[m] = items.powerUsd;
    lines.takeOrPayUsd[m] = items.takeOrPayUsd;
    lines.demandChargeUsd[m] = items.demandChargeUsd;
    lines.nonPowerOpexUsd[m] = items.nonPowerOpexUsd;
    lines.curtailmentIncomeUsd[m] = items.curtailmentIncomeUsd;
    // Used machines and the frontier machine's $/TH both follow hashprice (an ASIC price index).
    const index = perFirstHashprice === null ? setup.one : arith.mul(hashprice, perFirstHashprice);
    const tracks = setup.resaleTracksHashprice && perFirstHashprice !== null;
    const resale = values.resaleUsd[m]!;
    const stopSale = values.stopSaleUsd[m]!;
    lines.fleetResaleValueUsd[m] = tracks ? arith.mul(resale, index) : resale;
    lines.stopSaleValueUsd[m] =
      stopSale === resale
        ? lines.fleetResaleValueUsd[m]!
        : tracks
          ? arith.mul(stopSale, index)
          : stopSale;
    const purchase = values.purchaseUsd[m]!;
    lines.refreshCapexUsd[m] = purchase === setup.zero ? purchase : arith.mul(purchase, index);
    const retired = values.retiredUsd[m]!;
    lines.retiredResaleUsd[m] =
      retired === setup.zero || !tracks ? retired : arith.mul(retired, index);
    lines.energyMwh[m] = regime.energyMwh;
    lines.runningHashrateShare[m] = regime.runningHashrateShare;
  });
  return lines;
}

/**
 * {@link buildMiningLines}' months in float64, its products written out: through `arith`, each
 * month's products were boxed numbers (about a tenth of an evaluation's allocation). The same
 * operations in the same order, so the same bits (test/engine/mining.test.ts).
 */
function writeFloatMonths(
  basis: MiningBasis<number>,
  hashpriceUsdPerThDay: readonly number[],
  lines: MiningLines<number>,
  perFirstHashprice: number | null,
): void {
  const { setup, values } = basis;
  const tracks = setup.resaleTracksHashprice && perFirstHashprice !== null;
  const n = basis.months.length;
  for (let m = 0; m < n; m += 1) {
    const hashprice = hashpriceUsdPerThDay[m]!;
    const regime = regimeAt(basis, m, hashprice);
    const { items } = regime;
    lines.revenueUsd[m] = hashprice * items.revenueUsdPerHashprice;
    lines.poolFeeUsd[m] = hashprice * items.poolFeeUsdPerHashprice;
    lines.powerUsd[m] = items.powerUsd;
    lines.takeOrPayUsd[m] = items.takeOrPayUsd;
    lines.demandChargeUsd[m] = items.demandChargeUsd;
    lines.nonPowerOpexUsd[m] = items.nonPowerOpexUsd;
    lines.curtailmentIncomeUsd[m] = items.curtailmentIncomeUsd;
    const index = perFirstHashprice === null ? 1 : hashprice * perFirstHashprice;
    const resale = values.resaleUsd[m]!;
    const stopSale = values.stopSaleUsd[m]!;
    const fleetResale = tracks ? resale * index : resale;
    lines.fleetResaleValueUsd[m] = fleetResale;
    lines.stopSaleValueUsd[m] =
      stopSale === resale ? fleetResale : tracks ? stopSale * index : stopSale;
    const purchase = values.purchaseUsd[m]!;
    lines.refreshCapexUsd[m] = purchase === 0 ? purchase : purchase * index;
    const retired = values.retiredUsd[m]!;
    lines.retiredResaleUsd[m] = retired === 0 || !tracks ? retired : retired * index;
    lines.energyMwh[m] = regime.energyMwh;
    lines.runningHashrateShare[m] = regime.runningHashrateShare;
  }
}
