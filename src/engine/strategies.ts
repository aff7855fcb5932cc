import type { Scenario } from '../schema/scenario';
import { type Arith, floatArith } from './arith';
import { type LeaseUnitLines, leaseLineMonths } from './lease';
import { fleetUtilityMw, type MiningLines, type MiningMonthItems } from './mining';
import { recentCache } from './recent';
import { newSeries, zeroSeries } from './series';

/** The strategies of docs/model.md §7; the searched conversion month is its own column. */
export type StrategyId =
  | 'keep-mining'
  | 'convert-now'
  | 'partial'
  | 'convert-at-month'
  | 'convert-at-best-month';

export interface StrategyPlan {
  readonly id: StrategyId;
  readonly label: string;
  /** Utility MW converted to AI/HPC (0 = keep mining). */
  readonly convertUtilityMw: number;
  /** Month the conversion starts (the first tranche's construction may start later). */
  readonly startMonth: number;
}

/** A tranche placed on the calendar, in absolute months. */
export interface PlacedTranche {
  readonly utilityMw: number;
  readonly itMw: number;
  readonly constructionStartMonth: number;
  readonly deliveryMonth: number;
}

/** Cash-flow classes, each discounted at its own rate (docs/model.md §1). */
export type CashFlowClass = 'mining' | 'construction' | 'lease';

/**
 * A line item of the ledger: the one table every consumer derives from (docs/app.md, "Adding a
 * line item"): the strategy lines below, the class discounting, the Monte Carlo kernel's terms,
 * the ledgers' and the workbook's columns.
 */
export interface LineItem {
  readonly key: string;
  /** What it is, in the ledger's words; {@link lineItemHeader} adds the unit. */
  readonly label: string;
  readonly class: CashFlowClass;
  /** Its sign: income (≥ 0), a cost (≤ 0), or either (power at negative prices, values). */
  readonly sign: 'income' | 'cost' | 'either';
  /** The whole-fleet mining line (`MiningLines`) a strategy scales by its mining share. */
  readonly miningLine: keyof MiningLines<unknown> | null;
  /**
   * The term of the month's mining net (`MiningMonthItems`) it is: per unit of hashprice (the
   * Monte Carlo kernel's slope) or fixed within the month (its intercept).
   */
  readonly netTerm: {
    readonly item: keyof MiningMonthItems<unknown>;
    readonly perHashprice: boolean;
  } | null;
  /** Capital invested: with no outflow on these, no IRR, payback or MOIC (docs/model.md §8). */
  readonly investment: boolean;
  /** Capital spending, depreciated and financeable (docs/model.md §12). */
  readonly depreciable: boolean;
}

const net = (item: keyof MiningMonthItems<unknown>, perHashprice = false) => ({
  item,
  perHashprice,
});
const OTHER = { miningLine: null, netTerm: null, investment: false, depreciable: false } as const;

/** Ledger lines, in statement order, with the class that discounts them. */
export const LINE_ITEMS = [
  {
    ...OTHER,
    key: 'miningRevenueUsd',
    label: 'Mining revenue (subsidy + fees)',
    class: 'mining',
    sign: 'income',
    miningLine: 'revenueUsd',
    netTerm: net('revenueUsdPerHashprice', true),
  },
  {
    ...OTHER,
    key: 'poolFeeUsd',
    label: 'Pool fee',
    class: 'mining',
    sign: 'cost',
    miningLine: 'poolFeeUsd',
    netTerm: net('poolFeeUsdPerHashprice', true),
  },
  {
    ...OTHER,
    key: 'powerUsd',
    label: 'Power (energy used)',
    class: 'mining',
    sign: 'either',
    miningLine: 'powerUsd',
    netTerm: net('powerUsd'),
  },
  {
    ...OTHER,
    key: 'takeOrPayUsd',
    label: 'Take-or-pay shortfall',
    class: 'mining',
    sign: 'either',
    miningLine: 'takeOrPayUsd',
    netTerm: net('takeOrPayUsd'),
  },
  {
    ...OTHER,
    key: 'demandChargeUsd',
    label: 'Demand charge',
    class: 'mining',
    sign: 'cost',
    miningLine: 'demandChargeUsd',
    netTerm: net('demandChargeUsd'),
  },
  {
    ...OTHER,
    key: 'nonPowerOpexUsd',
    label: 'Non-power opex',
    class: 'mining',
    sign: 'cost',
    miningLine: 'nonPowerOpexUsd',
    netTerm: net('nonPowerOpexUsd'),
  },
  {
    ...OTHER,
    key: 'curtailmentIncomeUsd',
    label: 'Curtailment / demand-response income',
    class: 'mining',
    sign: 'income',
    miningLine: 'curtailmentIncomeUsd',
    netTerm: net('curtailmentIncomeUsd'),
  },
  { ...OTHER, key: 'fleetResaleUsd', label: 'Fleet resale', class: 'mining', sign: 'income' },
  {
    ...OTHER,
    key: 'fleetRefreshUsd',
    label: 'Fleet refresh purchases',
    class: 'mining',
    sign: 'cost',
    miningLine: 'refreshCapexUsd',
  },
  {
    ...OTHER,
    key: 'capexUsd',
    label: 'Conversion capex (landlord share)',
    class: 'construction',
    sign: 'cost',
    investment: true,
    depreciable: true,
  },
  { ...OTHER, key: 'prepaymentUsd', label: 'Rent prepayment', class: 'lease', sign: 'income' },
  { ...OTHER, key: 'rentUsd', label: 'Rent received', class: 'lease', sign: 'income' },
  { ...OTHER, key: 'creditLossUsd', label: 'Expected credit loss', class: 'lease', sign: 'cost' },
  { ...OTHER, key: 'landlordOpexUsd', label: 'Landlord opex', class: 'lease', sign: 'cost' },
  {
    ...OTHER,
    key: 'terminalValueUsd',
    label: 'Lease value after the horizon',
    class: 'lease',
    sign: 'either',
  },
  {
    ...OTHER,
    key: 'siteResidualUsd',
    label: 'Site residual value',
    class: 'construction',
    sign: 'income',
  },
] as const satisfies readonly LineItem[];

export type LineKey = (typeof LINE_ITEMS)[number]['key'];

/** A line item's column head with its unit, the same in the workbook and on screen: `Pool fee (USD)`. */
export function lineItemHeader(item: LineItem): string {
  return `${item.label} (USD)`;
}

/**
 * The lines that are capital invested: a strategy with no outflow on them has no IRR, payback or
 * MOIC (docs/model.md §8, "Metrics only where there is an investment").
 */
export const INVESTMENT_LINE_KEYS: readonly LineKey[] = LINE_ITEMS.filter(
  (item) => item.investment,
).map((item) => item.key);
export type StrategyLines<T> = Record<LineKey, T[]>;

/** Critical IT MW obtained from converting `utilityMw`: the entered IT MW pro rata, or MW ÷ ratio. */
export function itMwFor(scenario: Scenario, utilityMw: number): number {
  const { itMw, grossToItRatio } = scenario.conversion;
  return itMw !== null ? (itMw * utilityMw) / scenario.site.utilityMw : utilityMw / grossToItRatio;
}

/**
 * Each strategy's name where one name must cover every scenario (compare rows, column heads):
 * the one source of strategy names. `strategyLabel` adds the scenario's own MW or month.
 */
export const STRATEGY_NAMES: Readonly<Record<StrategyId, string>> = {
  'keep-mining': 'Keep mining',
  'convert-now': 'Convert now',
  partial: 'Convert part of the site, mine the rest',
  'convert-at-month': 'Mine, then convert at a set month',
  'convert-at-best-month': 'Convert at the best month',
};

/**
 * A strategy's name for one scenario, the same on cards, tables, charts and files: its name in
 * {@link STRATEGY_NAMES} with the scenario's MW or month in place of the general words, so Compare's
 * row "Mine, then convert at a set month" and the card "Mine, then convert at month 24" read alike:
 * `strategyLabel('partial', 150)` = "Convert 150 MW, mine the rest";
 * `strategyLabel('convert-at-best-month', 0)` = "Convert at the best month: now".
 * `parameter` is the partial MW, or the conversion month, for the strategies that have one.
 */
export function strategyLabel(id: StrategyId, parameter = 0): string {
  switch (id) {
    case 'partial':
      return `Convert ${formatMw(parameter)} MW, mine the rest`;
    case 'convert-at-month':
      return `Mine, then convert at month ${parameter}`;
    case 'convert-at-best-month':
      return `${STRATEGY_NAMES[id]}: ${parameter === 0 ? 'now' : `month ${parameter}`}`;
    default:
      return STRATEGY_NAMES[id];
  }
}

export function buildStrategyPlans(scenario: Scenario, bestMonthByCase?: number): StrategyPlan[] {
  const siteMw = scenario.site.utilityMw;
  const partialMw = scenario.strategies.partialConvertUtilityMw ?? siteMw / 2;
  const k = scenario.strategies.convertAtMonth;
  const plans: StrategyPlan[] = [
    { id: 'keep-mining', label: strategyLabel('keep-mining'), convertUtilityMw: 0, startMonth: 0 },
    {
      id: 'convert-now',
      label: strategyLabel('convert-now'),
      convertUtilityMw: siteMw,
      startMonth: 0,
    },
    {
      id: 'partial',
      label: strategyLabel('partial', partialMw),
      convertUtilityMw: partialMw,
      startMonth: 0,
    },
    {
      id: 'convert-at-month',
      label: strategyLabel('convert-at-month', k),
      convertUtilityMw: siteMw,
      startMonth: k,
    },
  ];
  if (bestMonthByCase !== undefined) {
    plans.push({
      id: 'convert-at-best-month',
      label: strategyLabel('convert-at-best-month', bestMonthByCase),
      convertUtilityMw: siteMw,
      startMonth: bestMonthByCase,
    });
  }
  return plans;
}

function formatMw(mw: number): string {
  return Number.isInteger(mw) ? String(mw) : mw.toFixed(1);
}

/**
 * Tranches of a plan on the calendar. Without tranches in the scenario, one tranche delivers all
 * IT MW after the construction months. Each tranche's construction starts `constructionMonths`
 * before its delivery; its utility MW stop mining when construction starts.
 */
export function placeTranches(scenario: Scenario, plan: StrategyPlan): PlacedTranche[] {
  if (plan.convertUtilityMw <= 0) return [];
  const { constructionMonths, tranches } = scenario.conversion;
  const shares =
    tranches.length > 0
      ? tranches.map((t) => ({ deliveryMonth: t.deliveryMonth, share: t.itMwPct / 100 }))
      : [{ deliveryMonth: constructionMonths, share: 1 }];
  const itMwTotal = itMwFor(scenario, plan.convertUtilityMw);
  return shares.map(({ deliveryMonth, share }) => ({
    utilityMw: plan.convertUtilityMw * share,
    itMw: itMwTotal * share,
    constructionStartMonth: plan.startMonth + deliveryMonth - constructionMonths,
    deliveryMonth: plan.startMonth + deliveryMonth,
  }));
}

/**
 * Share of the fleet still mining once `convertedUtilityMw` are taken for conversion:
 * `clamp((siteMW − convertedMW) / fleetMW, 0, 1)`. Converting MW the fleet does not use (a site
 * with spare capacity) leaves the fleet whole; beyond that, every model shrinks pro rata.
 */
export function miningShare<T>(arith: Arith<T>, scenario: Scenario, convertedUtilityMw: T): T {
  const fleetMw = fleetUtilityMw(scenario);
  if (fleetMw <= 0) return arith.of(0);
  const free = arith.sub(arith.of(scenario.site.utilityMw), convertedUtilityMw);
  return arith.max(arith.of(0), arith.min(arith.of(1), arith.div(free, arith.of(fleetMw))));
}

/** The mining share of each month: tranches leave the fleet when their construction starts. */
export function miningShareByMonth<T>(
  arith: Arith<T>,
  scenario: Scenario,
  tranches: readonly PlacedTranche[],
  horizonMonths: number,
): T[] {
  // The share only changes where a tranche's construction starts: each value once, a run each.
  const starts = [...new Set(tranches.map((t) => t.constructionStartMonth))].sort((a, b) => a - b);
  const shares = newSeries(arith, horizonMonths);
  let from = 0;
  for (const start of [...starts, horizonMonths]) {
    const to = Math.min(Math.max(start, 0), horizonMonths);
    if (to > from) {
      // The MW converted by month `from`, summed in tranche order.
      let convertedMw = 0;
      for (const tranche of tranches) {
        if (from >= tranche.constructionStartMonth) convertedMw += tranche.utilityMw;
      }
      shares.fill(miningShare(arith, scenario, arith.of(convertedMw)), from, to);
      from = to;
    }
  }
  return shares;
}

/**
 * The powered site's value at the horizon, the same in every strategy: `site MW × $/MW`.
 *
 * @example 100 MW at $1,000,000 per MW: $100,000,000 in the last month.
 */
export function siteResidualUsd<T>(arith: Arith<T>, scenario: Scenario): T {
  return arith.mul(arith.of(scenario.site.utilityMw), arith.of(scenario.site.residualUsdPerMw));
}

/** Marks a line not yet written (replaced by an array of zeros before the lines are returned). */
const EMPTY: readonly unknown[] = Object.freeze([]);

/**
 * Monthly lines of one strategy: mining lines × mining share; fleet sold as the share falls (and
 * what is left at the horizon); each tranche's capex over its construction months, its prepayment
 * at construction start and the unit lease lines × its IT MW from delivery; at the horizon the
 * lease's value after it (docs/model.md §6: renewal DCF, or forward NOI ÷ exit cap) and the site
 * residual.
 */
export function buildStrategyLines<T>(
  arith: Arith<T>,
  scenario: Scenario,
  mining: MiningLines<T>,
  leaseUnit: LeaseUnitLines<T>,
  plan: StrategyPlan,
  /**
   * Arrays to write the lines into (zeroed first), for a caller that only reads the lines, and
   * before its next call (a view's breakeven: some thirty plans an evaluation, whose fresh lines
   * were an eighth of its allocation). Lines it leaves empty are one shared line of zeros, and a
   * line that is the whole fleet's is the mining line itself. Without it every line is a new
   * array of its own.
   */
  reuse?: StrategyLines<T>,
): StrategyLines<T> {
  const horizon = scenario.horizonMonths;
  const zero = arith.of(0);
  const tranches = placeTranches(scenario, plan);
  const share = miningShareByMonth(arith, scenario, tranches, horizon);
  // Float lines are double arrays from the start (`zeroSeries`): a line holding small integers
  // or boxed numbers beside double ones would make every read of the lines box its number.
  // (`newSeries` of float64 is zeros already; another arithmetic's is filled with its zero.)
  const isFloat = arith === (floatArith as unknown);
  const zeros = (key: LineKey): T[] =>
    reuse && reuse[key].length === horizon
      ? reuse[key].fill(zero)
      : isFloat
        ? newSeries(arith, horizon)
        : newSeries(arith, horizon).fill(zero);
  const lines = {} as StrategyLines<T>;
  for (const item of LINE_ITEMS) lines[item.key] = EMPTY as T[];
  // A line gets its array on its first write (the mining lines are copied whole).
  const own = (key: LineKey): T[] => {
    let line = lines[key];
    if (line === EMPTY) {
      line = zeros(key);
      lines[key] = line;
    }
    return line;
  };
  // Whole and zero shares are the common case (keep mining, after conversion): skip the product.
  const shareNumbers = isFloat
    ? (share as unknown as number[])
    : share.map((value) => arith.toNumber(value));
  const everyShareZero = shareNumbers.every((value) => value === 0);
  const everyShareOne = shareNumbers.every((value) => value === 1);
  const scaleMining = (key: LineKey, source: readonly T[]) => {
    if (everyShareZero) return;
    if (everyShareOne && source.length === horizon) {
      // The whole fleet every month (keep mining): the line is the fleet's, copied (lines built
      // into kept arrays are only read: there it is the fleet's line itself).
      lines[key] = reuse ? (source as T[]) : source.slice();
      return;
    }
    const line = own(key);
    if (isFloat) {
      // The float product written out: through `arith.mul` each product was a boxed number.
      const from = source as unknown as readonly number[];
      const into = line as unknown as number[];
      for (let m = 0; m < horizon; m += 1) {
        const shareNumber = shareNumbers[m]!;
        if (shareNumber === 1) into[m] = from[m]!;
        else if (shareNumber !== 0) into[m] = from[m]! * shareNumber;
      }
      return;
    }
    for (let m = 0; m < horizon; m += 1) {
      const shareNumber = shareNumbers[m]!;
      if (shareNumber === 1) line[m] = source[m]!;
      else if (shareNumber !== 0) line[m] = arith.mul(source[m]!, share[m]!);
    }
  };
  for (const item of LINE_ITEMS) {
    if (item.miningLine !== null) scaleMining(item.key, mining[item.miningLine] as readonly T[]);
  }

  // Machines leave mining in three ways: retired by a refresh (the share still mining), taken out
  // when the share falls (sold at the month's stop-sale value), still mining at the horizon.
  let previousShare = miningShare(arith, scenario, zero);
  for (let m = 0; m < horizon; m += 1) {
    const retired = mining.retiredResaleUsd[m]!;
    if (retired !== zero && shareNumbers[m] !== 0) {
      own('fleetResaleUsd')[m] = shareNumbers[m] === 1 ? retired : arith.mul(retired, share[m]!);
    }
    if (share[m] !== previousShare) {
      own('fleetResaleUsd')[m] = arith.add(
        lines.fleetResaleUsd[m]!,
        arith.mul(arith.sub(previousShare, share[m]!), mining.stopSaleValueUsd[m]!),
      );
    }
    if (m === horizon - 1 && shareNumbers[m] !== 0) {
      own('fleetResaleUsd')[m] = arith.add(
        lines.fleetResaleUsd[m]!,
        arith.mul(share[m]!, mining.fleetResaleValueUsd[m]!),
      );
    }
    previousShare = share[m]!;
  }

  // Into kept arrays, the lease's lines of this plan as a breakeven's earlier probe built them
  // (the BTC-price and power breakevens change none): read, never written, like every kept line.
  // A plan with no tranche (keep mining) has none to keep, and is not looked up: met between two
  // of the converting plan's probes, it made each look new, so nothing was ever kept.
  const kept =
    reuse && isFloat && tranches.length > 0
      ? keptLeaseLinesOf(scenario, leaseUnit as unknown as LeaseUnitLines<number>, tranches)
      : undefined;
  if (kept === undefined) {
    writeLeaseLines(arith, scenario, leaseUnit, tranches, own);
  } else {
    for (const key of LEASE_LINE_KEYS) {
      const line = kept[key];
      if (line !== undefined) lines[key] = line as T[];
    }
  }
  const last = horizon - 1;
  own('siteResidualUsd')[last] = siteResidualUsd(arith, scenario);
  for (const item of LINE_ITEMS) {
    // Lines built into kept arrays share one line of zeros where they hold nothing (never
    // written: those lines are only read), which readers may skip (`isZeroLine`).
    if (reuse && isFloat && lines[item.key] === EMPTY) {
      lines[item.key] = zeroLineOf(horizon) as T[];
    } else {
      own(item.key);
    }
  }
  return lines;
}

/** The lines {@link writeLeaseLines} writes: the lease's, none of the mining's. */
export const LEASE_LINE_KEYS = [
  'capexUsd',
  'prepaymentUsd',
  'rentUsd',
  'creditLossUsd',
  'landlordOpexUsd',
  'terminalValueUsd',
] as const satisfies readonly LineKey[];
type LeaseLineKey = (typeof LEASE_LINE_KEYS)[number];

/**
 * Each tranche's capex over its construction months, its prepayment at construction start and
 * the unit lease lines × its IT MW from delivery; at the horizon the lease's value after it
 * (renewal DCF, or forward NOI ÷ exit cap). Writes through `own` (a line's array, zeroed on its
 * first write) only the lines of {@link LEASE_LINE_KEYS}.
 */
function writeLeaseLines<T>(
  arith: Arith<T>,
  scenario: Scenario,
  leaseUnit: LeaseUnitLines<T>,
  tranches: readonly PlacedTranche[],
  own: (key: LeaseLineKey) => T[],
): void {
  const isFloat = arith === (floatArith as unknown);
  const horizon = scenario.horizonMonths;
  const zero = arith.of(0);
  const { constructionMonths } = scenario.conversion;
  const last = horizon - 1;
  // A month's sum, skipping it while the month is still the shared zero.
  const plus = (current: T, amount: T): T =>
    current === zero ? amount : arith.add(current, amount);
  const addTo = (key: LeaseLineKey, m: number, amount: T) => {
    const line = own(key);
    line[m] = plus(line[m]!, amount);
  };
  const terminal = scenario.lease.terminalValue;
  const renewalDcf = terminal.kind === 'renewal-dcf';
  const leaseMonths = leaseLineMonths(scenario);
  let forwardNoi = zero;
  for (const tranche of tranches) {
    // The unit lines × the tranche's IT MW, month by month as they are read: scaled arrays of
    // every lease month (480 for a renewal DCF) cost far more than the few months read of some.
    const factor = arith.of(tranche.itMw);
    const scaled = (perItMw: T): T => arith.mul(factor, perItMw);
    for (let c = 0; c < constructionMonths; c += 1) {
      const m = tranche.constructionStartMonth + c;
      if (m < horizon) addTo('capexUsd', m, scaled(leaseUnit.capexPerConstructionMonthUsd));
      else if (renewalDcf) {
        // Capex still due after the horizon, valued at the horizon (construction class).
        addTo(
          'capexUsd',
          last,
          arith.mul(
            scaled(leaseUnit.capexPerConstructionMonthUsd),
            leaseUnit.constructionDiscountPowers[m - last]!,
          ),
        );
      }
    }
    if (tranche.constructionStartMonth < horizon) {
      addTo('prepaymentUsd', tranche.constructionStartMonth, scaled(leaseUnit.prepaymentUsd));
    } else if (renewalDcf) {
      addTo(
        'terminalValueUsd',
        last,
        arith.mul(
          scaled(leaseUnit.prepaymentUsd),
          leaseUnit.leaseDiscountPowers[tranche.constructionStartMonth - last]!,
        ),
      );
    }
    if (tranche.deliveryMonth < horizon) {
      const rent = own('rentUsd');
      const creditLoss = own('creditLossUsd');
      const landlordOpex = own('landlordOpexUsd');
      if (isFloat) {
        // The same sums in float64 without the arithmetic's calls (`plus`, `scaled`): the
        // lease's longest loop, run for every tranche of every plan a breakeven builds.
        addScaledLease(
          tranche.itMw,
          tranche.deliveryMonth,
          horizon,
          leaseUnit as unknown as LeaseUnitLines<number>,
          rent as unknown as number[],
          creditLoss as unknown as number[],
          landlordOpex as unknown as number[],
        );
      } else {
        for (let m = tranche.deliveryMonth; m < horizon; m += 1) {
          const j = m - tranche.deliveryMonth;
          rent[m] = plus(rent[m]!, scaled(leaseUnit.rentUsd[j]!));
          creditLoss[m] = plus(creditLoss[m]!, scaled(leaseUnit.creditLossUsd[j]!));
          landlordOpex[m] = plus(landlordOpex[m]!, scaled(leaseUnit.landlordOpexUsd[j]!));
        }
      }
    }
    if (renewalDcf) {
      // The lease's cash after the horizon, discounted to it at the lease rate.
      const tail = leaseUnit.tailValueUsd;
      const value =
        tranche.deliveryMonth < horizon
          ? horizon - tranche.deliveryMonth < tail.length
            ? scaled(tail[horizon - tranche.deliveryMonth]!)
            : undefined
          : arith.mul(
              leaseUnit.leaseDiscountPowers[tranche.deliveryMonth - horizon]!,
              scaled(tail[0]!),
            );
      if (value !== undefined) addTo('terminalValueUsd', last, value);
    } else if (terminal.kind === 'exit-cap' && tranche.constructionStartMonth < horizon) {
      // The 12 months after the horizon, renewal-weighted like every other month (a tranche not
      // started by the horizon is neither built nor valued).
      for (
        let m = Math.max(horizon, tranche.deliveryMonth);
        m < horizon + 12 && m - tranche.deliveryMonth < leaseMonths;
        m += 1
      ) {
        forwardNoi = arith.add(forwardNoi, scaled(leaseUnit.noiUsd[m - tranche.deliveryMonth]!));
      }
    }
  }
  if (terminal.kind === 'exit-cap' && tranches.length > 0) {
    own('terminalValueUsd')[last] = arith.div(forwardNoi, arith.of(terminal.exitCapRatePct / 100));
  }
}

/**
 * A plan's lease lines ({@link writeLeaseLines}) kept for the last few plans of the view
 * breakevens' probes: the BTC-price and power probes change neither the lease nor the
 * conversion, so each builds the same lines. Found by the lease unit lines, the lease and
 * conversion sections (the same objects in a probe's copy of the scenario), the horizon and the
 * tranches' places; the lines are shared and never written. Kept from the second time a key is
 * met in a row (undefined the first time: the caller writes its own arrays), so the lease-rate
 * and capex probes, whose lease lines are new every time, keep nothing.
 */
function keptLeaseLinesOf(
  scenario: Scenario,
  leaseUnit: LeaseUnitLines<number>,
  tranches: readonly PlacedTranche[],
): Partial<Record<LineKey, number[]>> | undefined {
  const horizon = scenario.horizonMonths;
  const matches = (key: KeptLeaseKey) =>
    key.leaseUnit === leaseUnit &&
    key.lease === scenario.lease &&
    key.conversion === scenario.conversion &&
    key.horizon === horizon &&
    sameTranches(key.tranches, tranches);
  const found = keptLeaseLines.find(matches);
  if (found !== undefined) return found;
  const key: KeptLeaseKey = {
    leaseUnit,
    lease: scenario.lease,
    conversion: scenario.conversion,
    horizon,
    tranches: tranches.slice(),
  };
  if (lastLeaseKey === undefined || !matches(lastLeaseKey)) {
    lastLeaseKey = key;
    return undefined;
  }
  const written: Partial<Record<LineKey, number[]>> = {};
  writeLeaseLines(floatArith, scenario, leaseUnit, tranches, (line: LeaseLineKey) => {
    written[line] ??= zeroSeries(horizon);
    return written[line];
  });
  keptLeaseLines.set(key, written);
  return written;
}

interface KeptLeaseKey {
  readonly leaseUnit: LeaseUnitLines<number>;
  readonly lease: Scenario['lease'];
  readonly conversion: Scenario['conversion'];
  readonly horizon: number;
  readonly tranches: readonly PlacedTranche[];
}

/** The key of the last lease lines not kept: met again next, they are. */
let lastLeaseKey: KeptLeaseKey | undefined;

const keptLeaseLines = recentCache<KeptLeaseKey, Partial<Record<LineKey, number[]>>>(4);

function sameTranches(a: readonly PlacedTranche[], b: readonly PlacedTranche[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i]!;
    const y = b[i]!;
    if (
      x.itMw !== y.itMw ||
      x.utilityMw !== y.utilityMw ||
      x.constructionStartMonth !== y.constructionStartMonth ||
      x.deliveryMonth !== y.deliveryMonth
    ) {
      return false;
    }
  }
  return true;
}

/**
 * A tranche's rent, credit loss and landlord opex from its delivery: `line(m) += itMw × unit(j)`,
 * j the lease month, a month still 0 taking the product itself (so −0 stays −0), as
 * `buildStrategyLines`' generic `plus` and `scaled` do.
 */
function addScaledLease(
  itMw: number,
  deliveryMonth: number,
  horizon: number,
  unit: LeaseUnitLines<number>,
  rent: number[],
  creditLoss: number[],
  landlordOpex: number[],
): void {
  const { rentUsd, creditLossUsd, landlordOpexUsd } = unit;
  for (let m = deliveryMonth; m < horizon; m += 1) {
    const j = m - deliveryMonth;
    const r = itMw * rentUsd[j]!;
    const c = itMw * creditLossUsd[j]!;
    const o = itMw * landlordOpexUsd[j]!;
    rent[m] = rent[m] === 0 ? r : rent[m]! + r;
    creditLoss[m] = creditLoss[m] === 0 ? c : creditLoss[m]! + c;
    landlordOpex[m] = landlordOpex[m] === 0 ? o : landlordOpex[m]! + o;
  }
}

const zeroLines = new Map<number, number[]>();

function zeroLineOf(length: number): number[] {
  let line = zeroLines.get(length);
  if (line === undefined) {
    line = zeroSeries(length);
    zeroLines.set(length, line);
  }
  return line;
}

/**
 * Whether a line is the shared line of zeros of lines built into kept arrays
 * (`buildStrategyLines`' `reuse`): a reader may skip it, its every month being 0.
 */
export function isZeroLine(line: readonly unknown[]): boolean {
  return zeroLines.get(line.length) === line;
}
