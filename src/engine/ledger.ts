import type { Scenario } from '../schema/scenario';
import { decimalArith, LedgerDecimal } from './decimalArith';
import { classDiscountFactors, classDiscountRates } from './discount';
import { type FinancingLedgerPart, financingLedgerPart } from './financingLedger';
import { financingContext, hasFinancingOrTax } from './levered';
import { buildCaseModel, buildScenarioModel } from './model';
import { zeroSeries } from './series';
import {
  buildStrategyLines,
  buildStrategyPlans,
  type CashFlowClass,
  LINE_ITEMS,
  type LineKey,
  type StrategyId,
  type StrategyLines,
} from './strategies';

/** Columns of a ledger row that are money: the line items, their net and its present value. */
export type LedgerColumn = LineKey | 'netCashFlowUsd' | 'presentValueUsd';

export interface LedgerRow {
  readonly monthIndex: number;
  /** `YYYY-MM` */
  readonly month: string;
  /** Date of the month's cash flows (its last day), `YYYY-MM-DD`. */
  readonly endIsoDate: string;
  /** Amounts in USD with exactly two decimals, e.g. `"-1234.50"`. */
  readonly amounts: Readonly<Record<LedgerColumn, string>>;
}

export interface Ledger {
  readonly strategyId: StrategyId;
  readonly strategyLabel: string;
  readonly caseName: string;
  readonly conversionStartMonth: number;
  readonly rows: readonly LedgerRow[];
  /** Column totals: the exact sum of the rows above. */
  readonly totals: Readonly<Record<LedgerColumn, string>>;
  /** Debt and tax columns in whole cents (docs/model.md §12); null without `financing`/`tax`. */
  readonly financing: FinancingLedgerPart | null;
}

const ZERO_CENTS = '0.00';

export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  ...LINE_ITEMS.map((item) => item.key),
  'netCashFlowUsd',
  'presentValueUsd',
];

/**
 * The rounding rule of the ledger: an amount to the cent, half away from zero, as text with two
 * decimals. Zero is written `0.00`, never `-0.00`.
 *
 * @example centsText(new LedgerDecimal('-2.345')) === '-2.35'
 */
export function centsText(value: LedgerDecimal): string {
  const text = value.toFixed(2, LedgerDecimal.ROUND_HALF_UP);
  return text === '-0.00' ? ZERO_CENTS : text;
}

/** Above this many cents a float64 no longer holds every whole number: use the text path. */
const SAFE_CENTS = Number.MAX_SAFE_INTEGER / 10;

/**
 * The ledger's rounding rule as whole cents: `round_half_away_from_zero(value × 100)`, read
 * straight from the decimal's base-10^7 words (no text), because this runs ~20,000 times per
 * ledger set. Word `i` holds the digits down to place `7·floor(e/7) − 7i`; cents need the words
 * down to place −2, and the digit at place −3 decides the rounding (≥ 5 rounds up, half-up on the
 * magnitude). A test holds it equal to `toFixed(2, ROUND_HALF_UP)` on random values.
 *
 * @example wholeCents(new LedgerDecimal('-2.345')) === -235
 */
export function wholeCents(value: LedgerDecimal): number {
  const {
    d: words,
    e: exponent,
    s: sign,
  } = value as unknown as {
    d: number[];
    e: number;
    s: number;
  };
  const firstPlace = 7 * Math.floor(exponent / 7);
  let cents = 0;
  let thirdDecimal = 0;
  for (let i = 0; i < words.length; i += 1) {
    const place = firstPlace - 7 * i;
    const word = words[i]!;
    if (place >= 0) {
      cents += word * 10 ** (place + 2);
    } else if (place === -7) {
      cents += Math.floor(word / 1e5);
      thirdDecimal = Math.floor(word / 1e4) % 10;
      break;
    } else {
      break;
    }
  }
  if (thirdDecimal >= 5) cents += 1;
  if (cents > SAFE_CENTS) return Number(centsText(value).replace('.', ''));
  return sign < 0 && cents !== 0 ? -cents : cents;
}

/** Two-decimal text of whole cents. @example textOfCents(-123456) === '-1234.56' */
export function textOfCents(cents: number): string {
  if (cents === 0) return ZERO_CENTS;
  const magnitude = Math.abs(cents);
  const fraction = String(magnitude % 100).padStart(2, '0');
  return `${cents < 0 ? '-' : ''}${Math.floor(magnitude / 100)}.${fraction}`;
}

/** The discount factors of one month, per class, as the ledger's decimals and as float64. */
export interface MonthFactors {
  readonly decimal: readonly LedgerDecimal[];
  readonly float: readonly number[];
}

/**
 * Relative error bound of the float64 sum below: each factor carries one rounding from its
 * decimal, each product and sum one more (≤ 6 × 2⁻⁵³ ≈ 7e-16 of Σ|terms|), and the decimal
 * reference 20-digit roundings (≤ 1e-19); 4e-15 leaves a wide margin.
 */
const PRESENT_VALUE_RELATIVE_BOUND = 4e-15;

/**
 * A row's present value in whole cents: `round_half_away_from_zero(Σ_class cents × DF)`, the
 * decimal product of record. It runs ~3,000 times per ledger set, so it is computed in float64
 * first: when that value lies farther from a half cent than its error bound, float and decimal
 * round to the same cent, and the float result is exact. Only when it lies within the bound
 * (rare) is the decimal sum computed. A test holds it equal to the decimal on random rows and on
 * exact half cents.
 *
 * @example With DF 0.145 on 100 cents of mining: 14.5 cents exactly (14.499999999999998 in float),
 *   a half cent settled by the decimal sum and rounded up: 15.
 */
export function presentValueCents(classCents: readonly number[], factors: MonthFactors): number {
  let value = 0;
  let magnitude = 0;
  for (let c = 0; c < classCents.length; c += 1) {
    const term = classCents[c]! * factors.float[c]!;
    value += term;
    magnitude += Math.abs(term);
  }
  const absolute = Math.abs(value);
  const distanceFromHalf = Math.abs(absolute - Math.floor(absolute) - 0.5);
  if (distanceFromHalf > PRESENT_VALUE_RELATIVE_BOUND * magnitude + 1e-9) {
    const cents = Math.floor(absolute + 0.5);
    return value < 0 && cents !== 0 ? -cents : cents;
  }
  let exact = new LedgerDecimal(0);
  for (let c = 0; c < classCents.length; c += 1) {
    const cents = classCents[c]!;
    if (cents !== 0) exact = exact.plus(factors.decimal[c]!.times(cents));
  }
  return wholeCents(exact.dividedBy(100));
}

/**
 * The statement of record (docs/model.md §9): the same equations as the float engine, evaluated in
 * decimal.js from the scenario's own numbers. Each line item is rounded to the cent (half away
 * from zero); a row's net is the sum of its rounded items; its present value is the sum, over
 * cash-flow classes, of the rounded class subtotal times the class discount factor
 * `(1 + r)^(-(m+1)/12)`, rounded to the cent ({@link presentValueCents}); totals are sums of
 * rows. So every row foots and every total equals the sum of its column.
 *
 * `bestConversionMonthByCase` places the searched strategy (found by the float engine's search);
 * without it, that strategy is left out.
 */
export function buildLedgers(
  scenario: Scenario,
  bestConversionMonthByCase: readonly number[] = [],
): Ledger[] {
  const model = buildScenarioModel(decimalArith, scenario);
  const factors = decimalDiscountFactors(scenario);
  const monthFactors: MonthFactors[] = model.calendar.map(({ index: m }) => {
    const decimal = CASH_FLOW_CLASSES.map((c) => factors[c][m]!);
    return { decimal, float: decimal.map((factor) => factor.toNumber()) };
  });
  const ledgers: Ledger[] = [];
  const financing = hasFinancingOrTax(scenario)
    ? financingContext(scenario, classDiscountFactors(scenario))
    : null;
  scenario.priceCases.forEach((priceCase, caseIndex) => {
    const caseModel = buildCaseModel(decimalArith, model, priceCase);
    // The searched plan often repeats another (best month 0 is convert now): build each once.
    const linesByPlan = new Map<string, StrategyLines<LedgerDecimal>>();
    for (const plan of buildStrategyPlans(scenario, bestConversionMonthByCase[caseIndex])) {
      const planKey = `${plan.convertUtilityMw}@${plan.startMonth}`;
      let lines = linesByPlan.get(planKey);
      if (lines === undefined) {
        lines = buildStrategyLines(decimalArith, scenario, caseModel.mining, model.leaseUnit, plan);
        linesByPlan.set(planKey, lines);
      }
      const planLines = lines;
      // Rounded amounts are whole cents: sums of them are exact in float64 below 2^53 cents
      // (±$90 trillion), so rows and totals foot without further decimal arithmetic.
      const totalCents = Object.fromEntries(LEDGER_COLUMNS.map((column) => [column, 0])) as Record<
        LedgerColumn,
        number
      >;
      // The rounded amounts in whole cents, kept for the financing columns (read back from the
      // rows' text, they were a fifth of a financed ledger's time).
      const H = model.calendar.length;
      const kept = financing
        ? {
            context: financing,
            lineCents: Object.fromEntries(
              LINE_ITEMS.map((item) => [item.key, zeroSeries(H)]),
            ) as Record<LineKey, number[]>,
            netCents: zeroSeries(H),
          }
        : null;
      const rows = model.calendar.map((month) => {
        const m = month.index;
        const amounts = {} as Record<LedgerColumn, string>;
        let netCents = 0;
        const classCents: [number, number, number] = [0, 0, 0];
        for (const item of LINE_ITEMS) {
          const cents = wholeCents(planLines[item.key][m]!);
          // Most lines of most months are zero (no capex while mining, no rent before delivery).
          amounts[item.key] = textOfCents(cents);
          if (cents === 0) continue;
          if (kept) kept.lineCents[item.key][m] = cents;
          totalCents[item.key] += cents;
          netCents += cents;
          classCents[CLASS_INDEX[item.class]] += cents;
        }
        const rowPresentValueCents = presentValueCents(classCents, monthFactors[m]!);
        amounts.netCashFlowUsd = textOfCents(netCents);
        amounts.presentValueUsd = textOfCents(rowPresentValueCents);
        totalCents.netCashFlowUsd += netCents;
        totalCents.presentValueUsd += rowPresentValueCents;
        if (kept) kept.netCents[m] = netCents;
        return { monthIndex: m, month: month.label, endIsoDate: month.endIsoDate, amounts };
      });
      ledgers.push({
        strategyId: plan.id,
        strategyLabel: plan.label,
        caseName: priceCase.name,
        conversionStartMonth: plan.startMonth,
        rows,
        totals: Object.fromEntries(
          LEDGER_COLUMNS.map((column) => [column, textOfCents(totalCents[column])]),
        ) as Record<LedgerColumn, string>,
        financing: kept
          ? financingLedgerPart(kept.context, plan, kept.lineCents, kept.netCents)
          : null,
      });
    }
  });
  return ledgers;
}

const CASH_FLOW_CLASSES: readonly CashFlowClass[] = ['mining', 'construction', 'lease'];
const CLASS_INDEX: Readonly<Record<CashFlowClass, 0 | 1 | 2>> = {
  mining: 0,
  construction: 1,
  lease: 2,
};

/**
 * Decimal month-end discount factors per class, by repeated multiplication of `(1+r)^(-1/12)`;
 * classes at the same rate (one WACC) share their series.
 */
function decimalDiscountFactors(scenario: Scenario): Record<CashFlowClass, LedgerDecimal[]> {
  const rates = classDiscountRates(scenario);
  const byRate = new Map<number, LedgerDecimal[]>();
  const build = (annualRate: number) => {
    const built = byRate.get(annualRate);
    if (built !== undefined) return built;
    const monthly = decimalArith.powFraction(decimalArith.of(1 + annualRate), -1 / 12);
    const factors: LedgerDecimal[] = [];
    let factor = monthly;
    for (let m = 0; m < scenario.horizonMonths; m += 1) {
      factors.push(factor);
      factor = factor.times(monthly);
    }
    byRate.set(annualRate, factors);
    return factors;
  };
  return {
    mining: build(rates.mining),
    construction: build(rates.construction),
    lease: build(rates.lease),
  };
}
