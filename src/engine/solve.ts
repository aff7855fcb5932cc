import type { PriceCase, Scenario } from '../schema/scenario';
import { conversionAdvantageUsd } from './advantage';
import { floatArith } from './arith';
import { buildLeaseUnitLines, type LeaseUnitLines, leaseLineMonths, withConversion } from './lease';
import { buildCaseModel, type CaseModel, type ScenarioModel, withPowerPricing } from './model';
import { flatPriceCase } from './price';
import { brentRoot } from './root';

/**
 * A solved breakeven: the input value at which converting now and keeping mining have equal NPV,
 * or which side wins across the whole searched range.
 */
export type BreakevenResult =
  | {
      readonly kind: 'value';
      readonly value: number;
      /** The side with the higher NPV when the input is above the breakeven. */
      readonly aboveWins: 'convert-now' | 'keep-mining';
    }
  | {
      readonly kind: 'convert-ahead-throughout';
      readonly searchedFrom: number;
      readonly searchedTo: number;
    }
  | {
      readonly kind: 'mine-ahead-throughout';
      readonly searchedFrom: number;
      readonly searchedTo: number;
    };

export type Breakevens =
  | { readonly computed: false }
  | {
      readonly computed: true;
      /** The price case the lease, power and capex breakevens hold the BTC price of. */
      readonly caseName: string;
      /** A flat BTC price for every month (USD). */
      readonly flatBtcPriceUsd: BreakevenResult;
      readonly leaseRateUsdPerKwMonth: BreakevenResult;
      /** Fixed contracts: the year-1 price; index contracts: the adder over the index (USD/MWh). */
      readonly powerPriceUsdPerMwh: BreakevenResult;
      readonly powerPriceMeaning: 'fixed-year-1-price' | 'index-adder';
      readonly capexUsdPerItMw: BreakevenResult;
    };

/** Search ranges: wide enough for any real site, inside the schema's limits. */
export const BREAKEVEN_RANGES = {
  flatBtcPriceUsd: [100, 10_000_000],
  leaseRateUsdPerKwMonth: [0.01, 1000],
  fixedPowerPriceUsdPerMwh: [0, 10_000],
  indexAdderUsdPerMwh: [-1000, 10_000],
  capexUsdPerItMw: [0, 50_000_000],
} as const;

/**
 * Solves `advantage(x) = 0` with Brent's method on the range; the advantage is monotone in each
 * input, so a sign change in the range means exactly one breakeven.
 */
export function solveBreakeven(
  advantageAt: (x: number) => number,
  range: readonly [number, number],
): BreakevenResult {
  const [lo, hi] = range;
  const atLo = advantageAt(lo);
  const atHi = advantageAt(hi);
  if ((atLo > 0 && atHi > 0) || (atLo < 0 && atHi < 0)) {
    const kind = atLo > 0 ? 'convert-ahead-throughout' : 'mine-ahead-throughout';
    return { kind, searchedFrom: lo, searchedTo: hi };
  }
  const scale = Math.max(1, Math.abs(atLo), Math.abs(atHi));
  const root = brentRoot(advantageAt, lo, hi, { fTolerance: scale * 1e-13 });
  // The range straddles zero, so Brent cannot report no sign change; a NaN-free model converges.
  return {
    kind: 'value',
    value: root.kind === 'no-sign-change' ? lo : root.x,
    // The advantage (convert − mine) is monotone: its sign at the top of the range is the side above.
    aboveWins: atHi > 0 ? 'convert-now' : 'keep-mining',
  };
}

/**
 * The four breakevens of docs/model.md §8, holding everything else at the scenario's values.
 * `referenceMining` is the reference case's model when the caller has it (evaluate does).
 */
export function solveBreakevens(
  model: ScenarioModel<number>,
  referenceCase: PriceCase,
  /** The advantage to zero: pre-tax by default; `viewAdvantageUsd` for another view. */
  advantage: typeof conversionAdvantageUsd = conversionAdvantageUsd,
  // Lease and capex inputs leave the mining leg as it is: its lines are built once.
  referenceMining: CaseModel<number> = buildCaseModel(floatArith, model, referenceCase),
): Breakevens {
  const { scenario } = model;
  const pricing = scenario.power.pricing;
  const withLease = (changed: Scenario, leaseUnit: LeaseUnitLines<number>) =>
    advantage(changed, referenceCase, { ...model, scenario: changed, leaseUnit }, referenceMining);
  const withPricing = (changedPricing: Scenario['power']['pricing']) => {
    const changed = { ...scenario, power: { ...scenario.power, pricing: changedPricing } };
    return advantage(changed, referenceCase, withPowerPricing(floatArith, model, changed));
  };
  return {
    computed: true,
    caseName: referenceCase.name,
    flatBtcPriceUsd: solveBreakeven(
      (price) => advantage(scenario, flatPriceCase('flat', price), model),
      BREAKEVEN_RANGES.flatBtcPriceUsd,
    ),
    leaseRateUsdPerKwMonth: solveBreakeven((rate) => {
      const changed = { ...scenario, lease: { ...scenario.lease, rateUsdPerKwMonth: rate } };
      return withLease(changed, buildLeaseUnitLines(floatArith, changed, leaseLineMonths(changed)));
    }, BREAKEVEN_RANGES.leaseRateUsdPerKwMonth),
    powerPriceUsdPerMwh:
      pricing.kind === 'fixed'
        ? solveBreakeven(
            (price) => withPricing({ ...pricing, priceUsdPerMwh: price }),
            BREAKEVEN_RANGES.fixedPowerPriceUsdPerMwh,
          )
        : solveBreakeven(
            (adder) => withPricing({ ...pricing, adderUsdPerMwh: adder }),
            BREAKEVEN_RANGES.indexAdderUsdPerMwh,
          ),
    powerPriceMeaning: pricing.kind === 'fixed' ? 'fixed-year-1-price' : 'index-adder',
    capexUsdPerItMw: solveBreakeven((capex) => {
      // Capex changes no lease line: the unit lines are shared, the capex per month rebuilt.
      const changed = {
        ...scenario,
        conversion: { ...scenario.conversion, capexUsdPerItMw: capex },
      };
      return withLease(changed, withConversion(floatArith, model.leaseUnit, changed));
    }, BREAKEVEN_RANGES.capexUsdPerItMw),
  };
}
