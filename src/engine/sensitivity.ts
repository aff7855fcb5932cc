import type { PriceCase, Scenario } from '../schema/scenario';
import { conversionAdvantageUsd } from './advantage';
import { floatArith } from './arith';
import { buildLeaseUnitLines, leaseLineMonths, withConversion } from './lease';
import {
  buildCaseModel,
  buildScenarioModel,
  type CaseModel,
  type ScenarioModel,
  withDifficultyGrowth,
  withPowerPricing,
} from './model';

/** One bar of the tornado: the conversion advantage with one input moved down and up. */
export interface SensitivityRow {
  readonly input: SensitivityInput;
  readonly label: string;
  readonly lowLabel: string;
  readonly highLabel: string;
  /** NPV(convert now) − NPV(keep mining) with the input at its low / high value (USD). */
  readonly lowAdvantageUsd: number;
  readonly highAdvantageUsd: number;
  readonly baseAdvantageUsd: number;
}

export type SensitivityInput =
  | 'btcPrice'
  | 'difficultyGrowth'
  | 'powerPrice'
  | 'leaseRate'
  | 'capex'
  | 'discountRate'
  | 'exitCap'
  | 'renewalProbability'
  | 'tenantDefault'
  | 'constructionDelay';

interface Shift {
  readonly input: SensitivityInput;
  readonly label: string;
  readonly lowLabel: string;
  readonly highLabel: string;
  readonly apply: (
    scenario: Scenario,
    priceCase: PriceCase,
    direction: -1 | 1,
  ) => [Scenario, PriceCase];
}

function scalePriceCase(priceCase: PriceCase, factor: number): PriceCase {
  switch (priceCase.kind) {
    case 'growth':
      return { ...priceCase, startPriceUsd: priceCase.startPriceUsd * factor };
    case 'yearly':
      return { ...priceCase, pricesUsdByYear: priceCase.pricesUsdByYear.map((p) => p * factor) };
    case 'monthly':
      return { ...priceCase, pricesUsdByMonth: priceCase.pricesUsdByMonth.map((p) => p * factor) };
  }
}

/** The scenario with the mining load's energy price × factor (fixed price, or index and adder). */
export function scalePowerPrice(scenario: Scenario, factor: number): Scenario {
  const pricing = scenario.power.pricing;
  const scaled: Scenario['power']['pricing'] =
    pricing.kind === 'fixed'
      ? { ...pricing, priceUsdPerMwh: pricing.priceUsdPerMwh * factor }
      : {
          ...pricing,
          priceUsdPerMwhByMonth: pricing.priceUsdPerMwhByMonth.map((p) => p * factor),
          adderUsdPerMwh: pricing.adderUsdPerMwh * factor,
        };
  return { ...scenario, power: { ...scenario.power, pricing: scaled } };
}

function shiftDiscountRates(scenario: Scenario, points: number): Scenario {
  const shift = (rate: number | null) => (rate === null ? null : Math.max(0, rate + points));
  const { finance } = scenario;
  return {
    ...scenario,
    finance: {
      discountRatePctPerYear: Math.max(0, finance.discountRatePctPerYear + points),
      miningDiscountRatePctPerYear: shift(finance.miningDiscountRatePctPerYear),
      constructionDiscountRatePctPerYear: shift(finance.constructionDiscountRatePctPerYear),
      leaseDiscountRatePctPerYear: shift(finance.leaseDiscountRatePctPerYear),
    },
  };
}

function withLease(scenario: Scenario, lease: Partial<Scenario['lease']>): Scenario {
  return { ...scenario, lease: { ...scenario.lease, ...lease } };
}

/**
 * Every delivery `months` later with construction starting as planned: the construction months
 * and every tranche's delivery month grow by `months` (capex spread over the longer build).
 */
export function delayConstruction(scenario: Scenario, months: number): Scenario {
  const { conversion } = scenario;
  return {
    ...scenario,
    conversion: {
      ...conversion,
      constructionMonths: conversion.constructionMonths + months,
      tranches: conversion.tranches.map((t) => ({ ...t, deliveryMonth: t.deliveryMonth + months })),
    },
  };
}

const clampPct = (value: number) => Math.min(100, Math.max(0, value));

/** The moves of the tornado: relative for prices and costs, in points for rates. */
export const SENSITIVITY_SHIFTS: readonly Shift[] = [
  {
    input: 'btcPrice',
    label: 'BTC price',
    lowLabel: '−20%',
    highLabel: '+20%',
    apply: (s, c, d) => [s, scalePriceCase(c, 1 + 0.2 * d)],
  },
  {
    input: 'difficultyGrowth',
    label: 'Difficulty growth',
    lowLabel: '−10 pp/yr',
    highLabel: '+10 pp/yr',
    apply: (s, c, d) => {
      const shift = (g: number) => Math.max(-90, g + 10 * d);
      return [
        {
          ...s,
          network: {
            ...s.network,
            difficultyGrowthPctPerYear: shift(s.network.difficultyGrowthPctPerYear),
            difficultyGrowthOverridesPctByYear:
              s.network.difficultyGrowthOverridesPctByYear.map(shift),
          },
        },
        c,
      ];
    },
  },
  {
    input: 'powerPrice',
    label: 'Power price',
    lowLabel: '−20%',
    highLabel: '+20%',
    apply: (s, c, d) => [scalePowerPrice(s, 1 + 0.2 * d), c],
  },
  {
    input: 'leaseRate',
    label: 'Lease rate',
    lowLabel: '−10%',
    highLabel: '+10%',
    apply: (s, c, d) => [
      { ...s, lease: { ...s.lease, rateUsdPerKwMonth: s.lease.rateUsdPerKwMonth * (1 + 0.1 * d) } },
      c,
    ],
  },
  {
    input: 'capex',
    label: 'Conversion capex',
    lowLabel: '−20%',
    highLabel: '+20%',
    apply: (s, c, d) => [
      {
        ...s,
        conversion: {
          ...s.conversion,
          capexUsdPerItMw: s.conversion.capexUsdPerItMw * (1 + 0.2 * d),
        },
      },
      c,
    ],
  },
  {
    input: 'discountRate',
    label: 'Discount rates',
    lowLabel: '−2 pp',
    highLabel: '+2 pp',
    apply: (s, c, d) => [shiftDiscountRates(s, 2 * d), c],
  },
  {
    input: 'exitCap',
    label: 'Exit cap rate',
    lowLabel: '−100 bp',
    highLabel: '+100 bp',
    apply: (s, c, d) => {
      const terminal = s.lease.terminalValue;
      if (terminal.kind !== 'exit-cap') return [s, c];
      const exitCapRatePct = Math.max(1, terminal.exitCapRatePct + d);
      return [withLease(s, { terminalValue: { ...terminal, exitCapRatePct } }), c];
    },
  },
  {
    input: 'renewalProbability',
    label: 'Renewal probability',
    lowLabel: '−20 pp',
    highLabel: '+20 pp',
    apply: (s, c, d) => [
      withLease(s, { renewalProbabilityPct: clampPct(s.lease.renewalProbabilityPct + 20 * d) }),
      c,
    ],
  },
  {
    input: 'tenantDefault',
    label: 'Tenant default probability',
    lowLabel: '−1 pp/yr',
    highLabel: '+1 pp/yr',
    apply: (s, c, d) => [
      withLease(s, { tenantDefaultPctPerYear: clampPct(s.lease.tenantDefaultPctPerYear + d) }),
      c,
    ],
  },
  {
    input: 'constructionDelay',
    label: 'Construction delay',
    lowLabel: 'on plan',
    highLabel: '+6 months',
    apply: (s, c, d) => [d < 0 ? s : delayConstruction(s, 6), c],
  },
];

/**
 * Moves that rebuild the lease leg (its horizon value discounts at the lease and construction
 * rates, so the discount-rate move is one): the network and mining terms are reused.
 */
const LEASE_MOVES: ReadonlySet<SensitivityInput> = new Set([
  'discountRate',
  'leaseRate',
  'capex',
  'exitCap',
  'renewalProbability',
  'tenantDefault',
  'constructionDelay',
]);

/** Moves of the conversion alone: the unit lease lines are shared, the capex terms rebuilt. */
const CONVERSION_MOVES: ReadonlySet<SensitivityInput> = new Set(['capex', 'constructionDelay']);

/**
 * The tornado: the conversion advantage (convert now − keep mining) for each input moved down and
 * up, everything else held; sorted by swing, largest first. `model` and `referenceMining` are the
 * scenario's model and the reference case's model when the caller has them (evaluate does): the
 * moves that change neither the network, the energy prices nor the BTC price reuse them.
 */
export function sensitivityTable(
  scenario: Scenario,
  referenceCase: PriceCase,
  model: ScenarioModel<number> = buildScenarioModel(floatArith, scenario),
  referenceMining: CaseModel<number> = buildCaseModel(floatArith, model, referenceCase),
): SensitivityRow[] {
  const baseModel = model;
  const baseAdvantageUsd = conversionAdvantageUsd(
    scenario,
    referenceCase,
    baseModel,
    referenceMining,
  );
  // Only the difficulty and power moves change the network path or the energy prices, and the
  // BTC price move the price path; the other moves keep the reference case's mining lines, and
  // the lease moves rebuild just the lease leg.
  const advantageOf = (input: SensitivityInput, changed: Scenario, priceCase: PriceCase) => {
    if (input === 'difficultyGrowth') {
      return conversionAdvantageUsd(
        changed,
        priceCase,
        withDifficultyGrowth(floatArith, baseModel, changed),
      );
    }
    if (input === 'powerPrice') {
      return conversionAdvantageUsd(
        changed,
        priceCase,
        withPowerPricing(floatArith, baseModel, changed),
      );
    }
    const leaseUnit = CONVERSION_MOVES.has(input)
      ? withConversion(floatArith, baseModel.leaseUnit, changed)
      : LEASE_MOVES.has(input)
        ? buildLeaseUnitLines(floatArith, changed, leaseLineMonths(changed))
        : baseModel.leaseUnit;
    const changedModel = { ...baseModel, scenario: changed, leaseUnit };
    return input === 'btcPrice'
      ? conversionAdvantageUsd(changed, priceCase, changedModel)
      : conversionAdvantageUsd(changed, priceCase, changedModel, referenceMining);
  };
  // The exit cap moves only a lease valued by exit cap (docs/model.md §6): no row otherwise.
  const exitCap = scenario.lease.terminalValue.kind === 'exit-cap';
  const shifts = SENSITIVITY_SHIFTS.filter((shift) => exitCap || shift.input !== 'exitCap');
  const rows = shifts.map((shift) => {
    const [lowScenario, lowCase] = shift.apply(scenario, referenceCase, -1);
    const [highScenario, highCase] = shift.apply(scenario, referenceCase, 1);
    return {
      input: shift.input,
      label: shift.label,
      lowLabel: shift.lowLabel,
      highLabel: shift.highLabel,
      lowAdvantageUsd: advantageOf(shift.input, lowScenario, lowCase),
      highAdvantageUsd: advantageOf(shift.input, highScenario, highCase),
      baseAdvantageUsd,
    };
  });
  const swing = (row: SensitivityRow) => Math.abs(row.highAdvantageUsd - row.lowAdvantageUsd);
  return rows.sort((a, b) => swing(b) - swing(a));
}
