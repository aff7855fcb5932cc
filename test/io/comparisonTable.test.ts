import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LedgerDecimal } from '../../src/engine/decimalArith';
import {
  buildLedgers,
  type Evaluation,
  evaluate,
  LEDGER_COLUMNS,
  type StrategyResult,
} from '../../src/engine/index';
import {
  COMPARISON_TABLE_HEADER,
  comparisonTableRows,
  ledgerRows,
} from '../../src/io/comparisonTable';
import { type CsvCell, type CsvDecimal, toCsv } from '../../src/io/csv';

const SCENARIO_PATH = new URL('../../scenarios/texas-300mw-hut8-style-lease.json', import.meta.url);
const preset = JSON.parse(readFileSync(SCENARIO_PATH, 'utf8'));
// The preset without fleet refresh, network floor and site residual: a keep-mining leg that
// never pays back, so the "never" cells are exercised.
const rawScenario: unknown = {
  ...preset,
  site: { ...preset.site, residualUsdPerMw: 0 },
  mining: { ...preset.mining, refresh: { enabled: false } },
  network: { ...preset.network, marginalCostFloor: false },
};
const evaluation = evaluate(rawScenario, { breakevens: false, sensitivity: false });

type ColumnName = (typeof COMPARISON_TABLE_HEADER)[number];

/** Row cells by header name, so tests do not depend on column positions. */
function byName(row: readonly CsvCell[]): Record<ColumnName, CsvCell> {
  return Object.fromEntries(
    COMPARISON_TABLE_HEADER.map((name, i) => [name, row[i] ?? null]),
  ) as Record<ColumnName, CsvCell>;
}

function caseStrategyPairs(e: Evaluation): [string, StrategyResult][] {
  return e.cases.flatMap((c) =>
    c.strategies.map((s): [string, StrategyResult] => [c.priceCase.name, s]),
  );
}

describe('comparisonTableRows on the Texas 300 MW example', () => {
  const rows = comparisonTableRows(evaluation);
  const pairs = caseStrategyPairs(evaluation);

  it('has the header, then one row per price case × strategy, all the same width', () => {
    expect(rows[0]).toEqual([...COMPARISON_TABLE_HEADER]);
    expect(pairs.length).toBe(evaluation.cases.length * 5);
    expect(rows.length).toBe(1 + pairs.length);
    for (const row of rows) expect(row.length).toBe(COMPARISON_TABLE_HEADER.length);
    pairs.forEach(([caseName, strategy], i) => {
      const cells = byName(rows[i + 1]!);
      expect(cells.scenario).toBe(evaluation.scenario.name);
      expect(cells.price_case).toBe(caseName);
      expect(cells.strategy_id).toBe(strategy.strategyId);
      expect(cells.strategy).toBe(strategy.label);
    });
  });

  it('writes each NPV equal to the engine to the cent, as a plain number', () => {
    pairs.forEach(([, strategy], i) => {
      const cells = byName(rows[i + 1]!);
      expect(typeof cells.npv_usd).toBe('number');
      expect(Math.abs((cells.npv_usd as number) - strategy.npvUsd)).toBeLessThanOrEqual(0.005);
      const cents = (cells.npv_usd as number) * 100;
      expect(Math.abs(cents - Math.round(cents))).toBeLessThan(1e-3);
      const incremental = strategy.incremental;
      if (incremental === null) {
        expect(cells.incremental_npv_usd).toBeNull();
      } else {
        expect(
          Math.abs((cells.incremental_npv_usd as number) - incremental.npvUsd),
        ).toBeLessThanOrEqual(0.005);
      }
    });
  });

  it('writes IRRs as % per year and paybacks in months, with a note when there is none', () => {
    let noInvestment = 0;
    pairs.forEach(([, strategy], i) => {
      const cells = byName(rows[i + 1]!);
      if (strategy.irr.kind === 'rate') {
        expect(cells.irr_pct_per_year).toBeCloseTo(strategy.irr.annualRate * 100, 6);
        expect(cells.irr_note).toBeNull();
      } else {
        expect(cells.irr_pct_per_year).toBeNull();
        expect(cells.irr_note).toBe(strategy.irr.kind);
      }
      if (strategy.payback.kind === 'months') {
        expect(cells.payback_months).toBeCloseTo(strategy.payback.months, 2);
        expect(cells.payback_note).toBeNull();
      } else {
        expect(cells.payback_months).toBeNull();
        expect(cells.payback_note).toBe(strategy.payback.kind);
      }
      if (strategy.strategyId === 'keep-mining') {
        noInvestment += 1;
        expect(cells).toMatchObject({
          irr_pct_per_year: null,
          irr_note: 'no-investment',
          payback_months: null,
          payback_note: 'no-investment',
          discounted_payback_months: null,
          discounted_payback_note: 'no-investment',
          moic: null,
          moic_note: 'no-investment',
        });
      }
    });
    // Keep mining invests nothing in any case: no IRR, payback or MOIC in any row of it.
    expect(noInvestment).toBe(evaluation.cases.length);
    expect(toCsv(rows)).toContain(',,no-investment,');
  });

  it('renders a missing IRR, MOIC and incremental IRR as an empty number and a note', () => {
    const keep = evaluation.cases[0]!.strategies[0]!;
    const convert = evaluation.cases[0]!.strategies[1]!;
    const edited: Evaluation = {
      ...evaluation,
      cases: [
        {
          ...evaluation.cases[0]!,
          strategies: [
            { ...keep, irr: { kind: 'no-sign-change' }, moic: { kind: 'no-outflow' } },
            {
              ...convert,
              discountedPayback: { kind: 'never' },
              incremental: { npvUsd: -0.001, irr: { kind: 'no-root' } },
            },
          ],
        },
      ],
    };
    const [, keepRow, convertRow] = comparisonTableRows(edited).map(byName);
    expect(keepRow).toMatchObject({
      conversion_start_month: null,
      irr_pct_per_year: null,
      irr_note: 'no-sign-change',
      moic: null,
      moic_note: 'no-outflow',
      incremental_npv_usd: null,
      incremental_irr_pct_per_year: null,
      incremental_irr_note: null,
    });
    expect(convertRow).toMatchObject({
      conversion_start_month: 0,
      discounted_payback_months: null,
      discounted_payback_note: 'never',
      incremental_npv_usd: -0,
      incremental_irr_pct_per_year: null,
      incremental_irr_note: 'no-root',
    });
    // A negative zero after rounding is written as 0.
    expect(toCsv([[convertRow!.incremental_npv_usd]])).toBe('0\r\n');
  });
});

describe('ledgerRows', () => {
  const ledgers = buildLedgers(
    evaluation.scenario,
    evaluation.cases.map((c) => c.bestConversionMonth),
  );
  const columnCount = 2 + LEDGER_COLUMNS.length;

  it('has a snake_case header with units, a row per month and a TOTAL row', () => {
    const rows = ledgerRows(ledgers[0]!);
    expect(rows[0]).toEqual([
      'month',
      'end_date',
      'mining_revenue_usd',
      'pool_fee_usd',
      'power_usd',
      'take_or_pay_usd',
      'demand_charge_usd',
      'non_power_opex_usd',
      'curtailment_income_usd',
      'fleet_resale_usd',
      'fleet_refresh_usd',
      'capex_usd',
      'prepayment_usd',
      'rent_usd',
      'credit_loss_usd',
      'landlord_opex_usd',
      'terminal_value_usd',
      'site_residual_usd',
      'net_cash_flow_usd',
      'present_value_usd',
    ]);
    expect(rows.length).toBe(1 + evaluation.scenario.horizonMonths + 1);
    expect(rows[1]!.slice(0, 2)).toEqual(['2026-03', '2026-03-31']);
    expect(rows.at(-1)![0]).toBe('TOTAL');
    for (const row of rows) expect(row.length).toBe(columnCount);
  });

  it.each(ledgers.map((ledger) => [`${ledger.caseName} / ${ledger.strategyId}`, ledger] as const))(
    '%s: cells are the ledger strings, TOTAL equals the totals and the sum of the rows',
    (_, ledger) => {
      const rows = ledgerRows(ledger);
      const body = rows.slice(1, -1);
      const total = rows.at(-1)!;
      const text = (cell: CsvCell | undefined) => (cell as CsvDecimal).text;
      body.forEach((row, m) => {
        LEDGER_COLUMNS.forEach((column, c) => {
          expect(text(row[2 + c])).toBe(ledger.rows[m]!.amounts[column]);
        });
      });
      LEDGER_COLUMNS.forEach((column, c) => {
        expect(text(total[2 + c])).toBe(ledger.totals[column]);
        const sum = body.reduce(
          (acc, row) => acc.plus(new LedgerDecimal(text(row[2 + c]))),
          new LedgerDecimal(0),
        );
        expect(sum.toFixed(2), column).toBe(text(total[2 + c]));
      });
    },
  );

  it('writes negative amounts as numbers, not neutralised text', () => {
    const csv = toCsv(ledgerRows(ledgers[0]!));
    expect(csv).toContain(`,${ledgers[0]!.rows[0]!.amounts.poolFeeUsd},`);
    expect(ledgers[0]!.rows[0]!.amounts.poolFeeUsd.startsWith('-')).toBe(true);
    expect(csv).not.toContain("'-");
    expect(csv.split('\r\n').at(-2)!.startsWith('TOTAL,,')).toBe(true);
  });
});
