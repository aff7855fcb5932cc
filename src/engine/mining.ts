import type { Scenario } from '../schema/scenario';
import type { Arith } from './arith';
import type { CalendarMonth } from './calendar';

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
  readonly capacityIncomePerDay: T;
  readonly creditPerCurtailedHour: readonly T[];
  readonly resaleTracksHashprice: boolean;
  /** Every block of every model running: the decisions without the shutdown rule. */
  readonly allRunning: FleetDecisions;
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
    capacityIncomePerDay: arith.mul(
      arith.mul(arith.of(power.curtailment.capacityPaymentUsdPerMwYear), fleetMw),
      perYearDay,
    ),
    creditPerCurtailedHour: models.map((model) =>
      arith.mul(arith.mul(arith.mul(model.kwWithOverhead, perThousand), uptime), curtailCredit),
    ),
    resaleTracksHashprice: mining.resaleTracksHashprice,
    allRunning: { free: models.map(() => true), paid: models.map(() => true) },
  };
}

/** What one model would earn and cost in a month if it ran all of it, before any decision. */
export interface ModelMonth<T> {
  /** Revenue per USD/TH/day of hashprice: `days × runFraction × TH`. */
  readonly revenuePerHashprice: T;
  /** The same after the pool fee: what the shutdown rule weighs against the avoidable cost. */
  readonly keptRevenuePerHashprice: T;
  readonly energyMwh: T;
  readonly curtailmentCredit: T;
  /** Cost avoided by switching it off whatever the energy is paid: variable opex + demand charge. */
  readonly fixedAvoidable: T;
}

/** The hashprice-independent terms of one month. */
export interface MiningMonth<T> {
  readonly days: T;
  readonly hours: T;
  readonly minimumEnergyMwh: T;
  readonly models: readonly ModelMonth<T>[];
}

/**
 * A month's terms: runFraction = uptime × (1 − curtailed hours / hours); per model, revenue per
 * unit of hashprice = days × runFraction × TH, energy = kW × overhead × hours × runFraction.
 */
export function miningMonth<T>(setup: MiningSetup<T>, daysInMonth: number): MiningMonth<T> {
  const { arith, uptime, hasCurtailment } = setup;
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
    hours,
    minimumEnergyMwh: arith.mul(setup.minimumMwhPerHour, hours),
    models: setup.models.map((model, index) => {
      const energyMwh = arith.mul(model.kwWithOverhead, mwhPerKw);
      const revenuePerHashprice = arith.mul(revenuePerThPerHashprice, model.thsTotal);
      return {
        revenuePerHashprice,
        keptRevenuePerHashprice: arith.mul(revenuePerHashprice, setup.keptAfterPoolFee),
        energyMwh,
        curtailmentCredit: hasCurtailment
          ? arith.mul(setup.creditPerCurtailedHour[index]!, curtailedHours)
          : setup.zero,
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

/**
 * Economic shutdown: each model is two blocks, the share of it that the take-or-pay energy still
 * unused covers (its energy is paid anyway) and the rest. A block runs when the model's earnings,
 * revenue × (1 − pool fee) + curtailment credit, cover its avoidable cost: variable opex and
 * demand charge, plus energy × price for the paid block. Without the rule every block runs.
 */
export function decideFleet<T>(
  setup: MiningSetup<T>,
  month: PricedMiningMonth<T>,
  hashprice: T,
): FleetDecisions {
  const { arith } = setup;
  if (!setup.economicShutdown) return setup.allRunning;
  const free: boolean[] = [];
  const paid: boolean[] = [];
  month.terms.models.forEach((terms, index) => {
    const earnings = arith.add(
      arith.mul(hashprice, terms.keptRevenuePerHashprice),
      terms.curtailmentCredit,
    );
    free.push(!arith.lt(earnings, terms.fixedAvoidable));
    paid.push(!arith.lt(earnings, month.paidAvoidable[index]!));
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
  setup.models.forEach((model, index) => {
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
    runningThs += model.thsTotalNumber * arith.toNumber(running);
  });
  return { revenuePerHashprice, energyUsed, runningKw, credit, runningThs };
}

/**
 * The hashprices at which each block of each model starts to run: the rule of {@link runFleet}
 * solved for hashprice, `(avoidable − credit) / (revenue per hashprice × (1 − pool fee))`, with
 * the avoidable cost of the paid block including energy × price. −∞ when the block always runs
 * (no shutdown rule, or nothing to avoid); +∞ when it never can (no revenue, a cost to avoid).
 */
export function runThresholds(
  setup: MiningSetup<number>,
  month: PricedMiningMonth<number>,
): { free: number[]; paid: number[] } {
  const threshold = (terms: ModelMonth<number>, avoidable: number) => {
    if (!setup.economicShutdown) return Number.NEGATIVE_INFINITY;
    const value = (avoidable - terms.curtailmentCredit) / terms.keptRevenuePerHashprice;
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
 * - curtailment credit of the running fleet plus the capacity payment on the fleet MW.
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
    curtailmentIncomeUsd: arith.add(run.credit, arith.mul(setup.capacityIncomePerDay, month.days)),
  };
}

/**
 * Resale value of the whole fleet at the end of each month before any hashprice scaling:
 * `Σ TH_i × resaleUsdPerTh_i × (1 − decline_i)^(m/12)` (built by multiplying the monthly factor).
 */
export function fleetResaleBaseUsd<T>(setup: MiningSetup<T>, horizonMonths: number): T[] {
  const { arith, zero, one } = setup;
  const age = setup.models.map(() => one);
  const values: T[] = [];
  for (let m = 0; m < horizonMonths; m += 1) {
    let value = zero;
    setup.models.forEach((model, index) => {
      if (m > 0) age[index] = arith.mul(age[index]!, model.resaleMonthlyFactor);
      value = arith.add(
        value,
        arith.mul(arith.mul(model.thsTotal, model.resaleUsdPerTh), age[index]!),
      );
    });
    values.push(value);
  }
  return values;
}

/** One month under one set of decisions: its items, revenue and pool fee per unit of hashprice. */
interface MiningRegime<T> {
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
  readonly resaleBaseUsd: readonly T[];
  /**
   * Per month, the regimes met so far, by the bit sets of their free and paid decisions: price
   * cases meet the same ones. Filled on use.
   */
  readonly regimes: (Map<number, Map<number, MiningRegime<T>>> | undefined)[];
}

export function prepareMiningBasis<T>(
  arith: Arith<T>,
  scenario: Scenario,
  calendar: readonly CalendarMonth[],
  energyPriceUsdPerMwh: readonly T[],
): MiningBasis<T> {
  const setup = prepareMining(arith, scenario);
  const termsByDays = new Map<number, MiningMonth<T>>();
  const months = calendar.map((calendarMonth) => {
    let terms = termsByDays.get(calendarMonth.days);
    if (terms === undefined) {
      terms = miningMonth(setup, calendarMonth.days);
      termsByDays.set(calendarMonth.days, terms);
    }
    return priceMiningMonth(setup, terms, energyPriceUsdPerMwh[calendarMonth.index]!);
  });
  return {
    setup,
    months,
    resaleBaseUsd: fleetResaleBaseUsd(setup, calendar.length),
    regimes: new Array(calendar.length).fill(undefined),
  };
}

/** The month's items per unit of hashprice under `decisions`, built on first use. */
function regimeOf<T>(basis: MiningBasis<T>, m: number, decisions: FleetDecisions): MiningRegime<T> {
  // Decisions as two bit sets (at most 50 models: exact in float64), so lookups allocate nothing.
  let freeBits = 0;
  let paidBits = 0;
  for (let i = 0; i < decisions.free.length; i += 1) {
    if (decisions.free[i]) freeBits += 2 ** i;
    if (decisions.paid[i]) paidBits += 2 ** i;
  }
  let byFree = basis.regimes[m];
  if (byFree === undefined) {
    byFree = new Map();
    basis.regimes[m] = byFree;
  }
  let byPaid = byFree.get(freeBits);
  if (byPaid === undefined) {
    byPaid = new Map();
    byFree.set(freeBits, byPaid);
  }
  let regime = byPaid.get(paidBits);
  if (regime === undefined) {
    const { setup } = basis;
    const month = basis.months[m]!;
    const run = runFleet(setup, month.terms, decisions);
    regime = {
      items: miningMonthItems(setup, month.terms, run, month.energyPrice),
      energyMwh: setup.arith.toNumber(run.energyUsed),
      runningHashrateShare: setup.fleetThs > 0 ? run.runningThs / setup.fleetThs : 0,
    };
    byPaid.set(paidBits, regime);
  }
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
  basis: MiningBasis<T>,
  hashpriceUsdPerThDay: readonly T[],
): MiningLines<T> {
  const { setup } = basis;
  const { arith } = setup;
  const lines: MiningLines<T> = {
    hashpriceUsdPerThDay: [...hashpriceUsdPerThDay],
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
  // Resale tracks HP(m) / HP(0); with HP(0) = 0 (no fees at far-future heights, a BTC price
  // that underflows) there is nothing to scale against, so resale follows its own decline as
  // with tracking off (docs/model.md, changes to the model: issue 11), instead of 0 × ∞.
  const firstHashprice = hashpriceUsdPerThDay[0];
  const perFirstHashprice =
    firstHashprice !== undefined && arith.lt(setup.zero, firstHashprice)
      ? arith.div(setup.one, firstHashprice)
      : null;
  basis.months.forEach((month, m) => {
    const hashprice = hashpriceUsdPerThDay[m]!;
    const regime = regimeOf(basis, m, decideFleet(setup, month, hashprice));
    const { items } = regime;
    lines.revenueUsd.push(arith.mul(hashprice, items.revenueUsdPerHashprice));
    lines.poolFeeUsd.push(arith.mul(hashprice, items.poolFeeUsdPerHashprice));
    lines.powerUsd.push(items.powerUsd);
    lines.takeOrPayUsd.push(items.takeOrPayUsd);
    lines.demandChargeUsd.push(items.demandChargeUsd);
    lines.nonPowerOpexUsd.push(items.nonPowerOpexUsd);
    lines.curtailmentIncomeUsd.push(items.curtailmentIncomeUsd);
    const resaleBase = basis.resaleBaseUsd[m]!;
    lines.fleetResaleValueUsd.push(
      setup.resaleTracksHashprice && perFirstHashprice !== null
        ? arith.mul(resaleBase, arith.mul(hashprice, perFirstHashprice))
        : resaleBase,
    );
    lines.energyMwh.push(regime.energyMwh);
    lines.runningHashrateShare.push(regime.runningHashrateShare);
  });
  return lines;
}
