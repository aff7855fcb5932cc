import type { DebtSchedule } from './debt';
import { buildStrategyFinancing, type FinancingContext } from './levered';
import { LINE_ITEMS, type StrategyLines, type StrategyPlan } from './strategies';
import type { TaxSchedule } from './tax';

/**
 * The financing and tax columns of a ledger of record (docs/model.md §12): computed from the
 * ledger's own rounded line items by the same debt and tax modules as the float engine (which
 * work in whole cents), then footed in whole cents. Every row foots:
 *
 *   unlevered after tax = net + tax (unlevered)
 *   debt flow           = draws − interest paid − principal − fees
 *   debt balance        = previous balance + draws + capitalised interest − principal
 *   equity flow         = net + debt flow + tax (levered)
 *
 * and every total is the sum of its column (the balance's "total" is the balance at the end).
 */
export const FINANCING_COLUMNS = [
  'taxUnleveredUsd',
  'unleveredAfterTaxUsd',
  'drawsUsd',
  'interestUsd',
  'capitalisedInterestUsd',
  'interestPaidUsd',
  'principalUsd',
  'feesUsd',
  'debtFlowUsd',
  'debtBalanceUsd',
  'taxLeveredUsd',
  'equityFlowUsd',
] as const;

export type FinancingColumn = (typeof FINANCING_COLUMNS)[number];

/** Labels of the financing columns, for every file that shows them. */
export const FINANCING_COLUMN_LABELS: Readonly<Record<FinancingColumn, string>> = {
  taxUnleveredUsd: 'Tax, unlevered',
  unleveredAfterTaxUsd: 'Unlevered after-tax flow',
  drawsUsd: 'Debt drawn',
  interestUsd: 'Interest accrued',
  capitalisedInterestUsd: 'Interest capitalised',
  interestPaidUsd: 'Interest paid',
  principalUsd: 'Principal repaid',
  feesUsd: 'Upfront fees',
  debtFlowUsd: 'Flow from lenders',
  debtBalanceUsd: 'Debt balance (month end)',
  taxLeveredUsd: 'Tax, levered',
  equityFlowUsd: 'Equity flow (levered, after tax)',
};

export interface FinancingLedgerPart {
  /** One record per month, amounts with two decimals. */
  readonly rows: readonly Readonly<Record<FinancingColumn, number>>[];
  /** Whole cents by column: the sum of the rows (the balance: its last value). */
  readonly totals: Readonly<Record<FinancingColumn, number>>;
  /** The tax statements the columns come from (null without `tax`; levered null without debt terms). */
  readonly taxUnlevered: TaxSchedule | null;
  readonly taxLevered: TaxSchedule | null;
}

const cents = (usd: number): number => {
  const whole = Math.round(Math.abs(usd) * 100);
  return usd < 0 && whole !== 0 ? -whole : whole;
};

/**
 * The financing columns of one ledger in whole cents, from its line items in whole cents
 * (`lineCents[key][m]`) and its net cents by month.
 */
export function financingLedgerPart(
  context: FinancingContext,
  plan: StrategyPlan,
  lineCents: Readonly<Record<string, readonly number[]>>,
  netCents: readonly number[],
): FinancingLedgerPart {
  const H = context.scenario.horizonMonths;
  const lines = Object.fromEntries(
    LINE_ITEMS.map((item) => [item.key, lineCents[item.key]!.map((c) => c / 100)]),
  ) as StrategyLines<number>;
  const net = netCents.map((c) => c / 100);
  const financing = buildStrategyFinancing(context, plan, lines, net, 0, new Float64Array(H), null);
  const levered = financing.leveredAfterTax;
  const debts = [levered?.projectDebt ?? null, levered?.fleetDebt ?? null].filter(
    (d): d is NonNullable<typeof d> => d !== null,
  );
  // Each debt column in whole cents, the debts summed: once per column, not once per row.
  const centsOf = (key: keyof DebtSchedule): number[] => {
    const summed = new Array<number>(H).fill(0);
    for (const debt of debts) {
      const usd = debt[key] as readonly number[];
      for (let m = 0; m < H; m += 1) summed[m] = summed[m]! + cents(usd[m]!);
    }
    return summed;
  };
  const drawsCents = centsOf('drawsUsd');
  const interestCents = centsOf('interestUsd');
  const capitalisedCents = centsOf('capitalisedInterestUsd');
  const interestPaidCents = centsOf('interestPaidUsd');
  const principalCents = centsOf('principalUsd');
  const feesCents = centsOf('feesUsd');
  const taxUnleveredUsd = financing.unleveredAfterTax.tax?.taxUsd;
  const taxLeveredUsd = levered?.tax?.taxUsd;
  const rows: Record<FinancingColumn, number>[] = [];
  let balance = 0;
  for (let m = 0; m < H; m += 1) {
    const taxUnlevered = cents(taxUnleveredUsd?.[m] ?? 0);
    const draws = drawsCents[m]!;
    const capitalised = capitalisedCents[m]!;
    const interestPaid = interestPaidCents[m]!;
    const principal = principalCents[m]!;
    const fees = feesCents[m]!;
    const debtFlow = draws - interestPaid - principal - fees;
    balance += draws + capitalised - principal;
    const taxLevered = cents(taxLeveredUsd?.[m] ?? 0);
    rows.push({
      taxUnleveredUsd: taxUnlevered,
      unleveredAfterTaxUsd: netCents[m]! + taxUnlevered,
      drawsUsd: draws,
      interestUsd: interestCents[m]!,
      capitalisedInterestUsd: capitalised,
      interestPaidUsd: interestPaid,
      principalUsd: principal,
      feesUsd: fees,
      debtFlowUsd: debtFlow,
      debtBalanceUsd: balance,
      taxLeveredUsd: taxLevered,
      equityFlowUsd: netCents[m]! + debtFlow + taxLevered,
    });
  }
  const totals = Object.fromEntries(
    FINANCING_COLUMNS.map((column) => [
      column,
      column === 'debtBalanceUsd'
        ? (rows[H - 1]?.debtBalanceUsd ?? 0)
        : rows.reduce((sum, row) => sum + row[column], 0),
    ]),
  ) as Record<FinancingColumn, number>;
  return {
    rows,
    totals,
    taxUnlevered: financing.unleveredAfterTax.tax,
    taxLevered: levered?.tax ?? null,
  };
}
