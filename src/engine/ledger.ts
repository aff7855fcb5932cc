import type { Scenario } from '../schema/scenario';
import { decimalArith, LedgerDecimal } from './arith';
import { classDiscountRates } from './discount';
import { buildCaseModel, buildScenarioModel } from './model';
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
}

const ZERO_CENTS = '0.00';

export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  ...LINE_ITEMS.map((item) => item.key),
  'netCashFlowUsd',
  'presentValueUsd',
];

/** The rounding rule of the ledger: each amount to the cent, half away from zero. */
export function roundToCents(value: LedgerDecimal): LedgerDecimal {
  return value.isZero() ? value : value.toDecimalPlaces(2, LedgerDecimal.ROUND_HALF_UP);
}

/**
 * The statement of record (DESIGN.md §2.8): the same equations as the float engine, evaluated in
 * decimal.js from the scenario's own numbers. Each line item is rounded to the cent; a row's net
 * is the sum of its rounded items; its present value is the sum of the rounded items times their
 * class discount factor `(1 + r)^(-(m+1)/12)`, rounded to the cent; totals are sums of rows. So
 * every row foots and every total equals the sum of its column.
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
  const ledgers: Ledger[] = [];
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
      const totals = zeroTotals();
      const rows = model.calendar.map((month) => {
        const m = month.index;
        const amounts = {} as Record<LedgerColumn, string>;
        let net = new LedgerDecimal(0);
        const classTotals: Record<CashFlowClass, LedgerDecimal> = { mining: net, construction: net, lease: net };
        for (const item of LINE_ITEMS) {
          const rounded = roundToCents(planLines[item.key][m]!);
          // Most lines of most months are zero (no capex while mining, no rent before delivery).
          if (rounded.isZero()) {
            amounts[item.key] = ZERO_CENTS;
            continue;
          }
          amounts[item.key] = rounded.toFixed(2);
          totals[item.key] = totals[item.key].plus(rounded);
          net = net.plus(rounded);
          classTotals[item.class] = classTotals[item.class].plus(rounded);
        }
        const presentValue = roundToCents(
          classTotals.mining
            .times(factors.mining[m]!)
            .plus(classTotals.construction.times(factors.construction[m]!))
            .plus(classTotals.lease.times(factors.lease[m]!)),
        );
        amounts.netCashFlowUsd = net.toFixed(2);
        amounts.presentValueUsd = presentValue.toFixed(2);
        totals.netCashFlowUsd = totals.netCashFlowUsd.plus(net);
        totals.presentValueUsd = totals.presentValueUsd.plus(presentValue);
        return { monthIndex: m, month: month.label, endIsoDate: month.endIsoDate, amounts };
      });
      ledgers.push({
        strategyId: plan.id,
        strategyLabel: plan.label,
        caseName: priceCase.name,
        conversionStartMonth: plan.startMonth,
        rows,
        totals: Object.fromEntries(
          LEDGER_COLUMNS.map((column) => [column, totals[column].toFixed(2)]),
        ) as Record<LedgerColumn, string>,
      });
    }
  });
  return ledgers;
}

function zeroTotals(): Record<LedgerColumn, LedgerDecimal> {
  return Object.fromEntries(
    LEDGER_COLUMNS.map((column) => [column, new LedgerDecimal(0)]),
  ) as Record<LedgerColumn, LedgerDecimal>;
}

/** Decimal month-end discount factors per class, by repeated multiplication of `(1+r)^(-1/12)`. */
function decimalDiscountFactors(scenario: Scenario): Record<CashFlowClass, LedgerDecimal[]> {
  const rates = classDiscountRates(scenario);
  const build = (annualRate: number) => {
    const monthly = decimalArith.powFraction(decimalArith.of(1 + annualRate), -1 / 12);
    const factors: LedgerDecimal[] = [];
    let factor = monthly;
    for (let m = 0; m < scenario.horizonMonths; m += 1) {
      factors.push(factor);
      factor = factor.times(monthly);
    }
    return factors;
  };
  return {
    mining: build(rates.mining),
    construction: build(rates.construction),
    lease: build(rates.lease),
  };
}
