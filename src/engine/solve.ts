import type { PriceCase, Scenario } from '../schema/scenario';
import { conversionAdvantageUsd } from './advantage';
import { floatArith } from './arith';
import { buildLeaseUnitLines, type LeaseUnitLines, leaseLineMonths, withConversion } from './lease';
import { memoized } from './memoized';
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
 * The advantage on the after-tax and levered views moves in steps of cents (their tax is whole
 * cents each year): it is zero to within this many USD at a breakeven solved by
 * {@link solveBreakevenFrom}.
 */
export const VIEW_BREAKEVEN_TOLERANCE_USD = 0.1;

/** Steps of {@link solveBreakevenFrom} before it falls back to the whole range. */
const MAX_STEPS_FROM = 30;

/**
 * Solves `advantage(x) = 0` from the input's value in the scenario, for an advantage that is
 * costly to evaluate (a view's, on full monthly lines, debt and tax: ~0.3 ms a call), in a few
 * calls where {@link solveBreakeven} takes some forty:
 *
 * 1. a probe 0.1% from the start gives the slope; each step is then a secant step,
 *    `x₂ = x₁ − f(x₁)(x₁ − x₀) / (f(x₁) − f(x₀))`, evaluated on the advantage itself;
 * 2. a step that lands where `|f| ≤ max(VIEW_BREAKEVEN_TOLERANCE_USD, 10⁻¹³ × |slope| × range)`
 *    is the breakeven (the advantage is linear between its kinks, so one step usually lands);
 * 3. a step that changes the sign is closed by Brent's method inside the two points;
 * 4. a step past an end of the range that keeps the sign there means one side leads throughout.
 *
 * Monotone in the input, the advantage has at most one zero, so the result has the same meaning
 * as {@link solveBreakeven}'s (a property test holds the two within 10⁻⁷). Two points whose
 * advantages differ by no more than the tolerance give no direction (a flat stretch, such as a
 * fleet dark at every low BTC price): that, a non-finite advantage, or no answer in
 * {@link MAX_STEPS_FROM} steps falls back to the whole-range search.
 *
 * @example On `f(x) = 3×10⁶ (x − 4)` USD over [0, 100] from x = 10 (f = 18×10⁶): the probe at
 * 10.01 gives the slope 3×10⁶, the first step lands on 4; two calls of f in all.
 */
export function solveBreakevenFrom(
  advantageAt: (x: number) => number,
  range: readonly [number, number],
  start: { readonly x: number; readonly advantage?: number },
): BreakevenResult {
  const [lo, hi] = range;
  const wholeRange = () => solveBreakeven(advantageAt, range);
  let x0 = Math.min(hi, Math.max(lo, start.x));
  let f0 = x0 === start.x && start.advantage !== undefined ? start.advantage : advantageAt(x0);
  const probe = 1e-3 * Math.max(Math.abs(x0), 1e-3 * (hi - lo));
  let x1 = x0 + probe <= hi ? x0 + probe : x0 - probe;
  let f1 = advantageAt(x1);
  // The last slope with a direction (the advantage's change beyond the tolerance).
  let slope = Number.NaN;
  const toleranceAt = () =>
    Math.max(VIEW_BREAKEVEN_TOLERANCE_USD, 1e-13 * Math.abs(slope) * (hi - lo) || 0);
  for (let step = 0; step < MAX_STEPS_FROM; step += 1) {
    if (!Number.isFinite(f1)) break;
    if ((f0 < 0 && f1 > 0) || (f0 > 0 && f1 < 0)) {
      const [a, fa, b, fb] = x0 < x1 ? [x0, f0, x1, f1] : [x1, f1, x0, f0];
      const fTolerance = toleranceAt();
      const root = brentRoot(advantageAt, a, b, { fTolerance, known: { fLo: fa, fHi: fb } });
      if (root.kind !== 'root') break;
      return { kind: 'value', value: root.x, aboveWins: fb > 0 ? 'convert-now' : 'keep-mining' };
    }
    if (Math.abs(f1) <= toleranceAt() && Number.isFinite(slope)) {
      return { kind: 'value', value: x1, aboveWins: slope > 0 ? 'convert-now' : 'keep-mining' };
    }
    // A change within the tolerance is no direction (a flat stretch: a dark fleet, say).
    if (!(Math.abs(f1 - f0) > VIEW_BREAKEVEN_TOLERANCE_USD)) break;
    slope = (f1 - f0) / (x1 - x0);
    let x2 = x1 - f1 / slope;
    if (x2 > hi || x2 < lo) {
      const end = x2 > hi ? hi : lo;
      // At the end already, the sign unchanged and the zero beyond it: none in the range.
      if (x1 === end) {
        const kind = f1 > 0 ? 'convert-ahead-throughout' : 'mine-ahead-throughout';
        return { kind, searchedFrom: lo, searchedTo: hi };
      }
      x2 = end;
    }
    x0 = x1;
    f0 = f1;
    x1 = x2;
    f1 = advantageAt(x2);
  }
  return wholeRange();
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
  /**
   * `whole-range`: Brent's method over each range (the pre-tax view, some 20 cheap calls);
   * `from-scenario`: {@link solveBreakevenFrom} from the scenario's values (the costly views).
   */
  method: 'whole-range' | 'from-scenario' = 'whole-range',
  /** The advantage at the scenario's own values when the caller has it (`evaluate` does). */
  advantageAtScenarioUsd?: number,
): Breakevens {
  const { scenario } = model;
  const pricing = scenario.power.pricing;
  const withLease = (changed: Scenario, leaseUnit: LeaseUnitLines<number>) =>
    advantage(changed, referenceCase, { ...model, scenario: changed, leaseUnit }, referenceMining);
  const withPricing = (changedPricing: Scenario['power']['pricing']) => {
    const changed = { ...scenario, power: { ...scenario.power, pricing: changedPricing } };
    return advantage(changed, referenceCase, withPowerPricing(floatArith, model, changed));
  };
  // The lease, power and capex breakevens start where the scenario is: one advantage for three.
  const atScenario = memoized(
    () => advantageAtScenarioUsd ?? advantage(scenario, referenceCase, model, referenceMining),
  );
  const solve = (
    advantageAt: (x: number) => number,
    range: readonly [number, number],
    current: number,
    sameScenario: boolean,
  ) =>
    method === 'whole-range'
      ? solveBreakeven(advantageAt, range)
      : solveBreakevenFrom(advantageAt, range, {
          x: current,
          ...(sameScenario ? { advantage: atScenario() } : {}),
        });
  return {
    computed: true,
    caseName: referenceCase.name,
    flatBtcPriceUsd: solve(
      (price) => advantage(scenario, flatPriceCase('flat', price), model),
      BREAKEVEN_RANGES.flatBtcPriceUsd,
      // The reference case's first month, the decision's "now" (a flat case is another scenario).
      referenceMining.btcPriceUsd[0]!,
      false,
    ),
    leaseRateUsdPerKwMonth: solve(
      (rate) => {
        const changed = { ...scenario, lease: { ...scenario.lease, rateUsdPerKwMonth: rate } };
        return withLease(
          changed,
          buildLeaseUnitLines(floatArith, changed, leaseLineMonths(changed)),
        );
      },
      BREAKEVEN_RANGES.leaseRateUsdPerKwMonth,
      scenario.lease.rateUsdPerKwMonth,
      true,
    ),
    powerPriceUsdPerMwh:
      pricing.kind === 'fixed'
        ? solve(
            (price) => withPricing({ ...pricing, priceUsdPerMwh: price }),
            BREAKEVEN_RANGES.fixedPowerPriceUsdPerMwh,
            pricing.priceUsdPerMwh,
            true,
          )
        : solve(
            (adder) => withPricing({ ...pricing, adderUsdPerMwh: adder }),
            BREAKEVEN_RANGES.indexAdderUsdPerMwh,
            pricing.adderUsdPerMwh,
            true,
          ),
    powerPriceMeaning: pricing.kind === 'fixed' ? 'fixed-year-1-price' : 'index-adder',
    capexUsdPerItMw: solve(
      (capex) => {
        // Capex changes no lease line: the unit lines are shared, the capex per month rebuilt.
        const changed = {
          ...scenario,
          conversion: { ...scenario.conversion, capexUsdPerItMw: capex },
        };
        return withLease(changed, withConversion(floatArith, model.leaseUnit, changed));
      },
      BREAKEVEN_RANGES.capexUsdPerItMw,
      scenario.conversion.capexUsdPerItMw,
      true,
    ),
  };
}
