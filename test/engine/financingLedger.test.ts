import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate';
import { FINANCING_COLUMNS } from '../../src/engine/financingLedger';
import { buildLedgers } from '../../src/engine/ledger';
import { ledgerRows } from '../../src/io/comparisonTable';
import { loadScenarioFile } from '../support/fixtures';

const texas = loadScenarioFile('texas-300mw-hut8-style-lease.json');
const financed = {
  ...texas,
  financing: {
    boardView: 'levered-after-tax' as const,
    projectDebt: { amortisation: 'level' as const },
    fleetDebt: {},
  },
  tax: { stateRatePct: 5, interestLimitation: true },
};

describe('the debt and tax columns of the ledger of record', () => {
  const evaluation = evaluate(financed, { breakevens: false, sensitivity: false });
  const ledgers = buildLedgers(
    evaluation.scenario,
    evaluation.cases.map((c) => c.bestConversionMonth),
  );

  it('every row foots to the cent and every total is the sum of its column', () => {
    for (const ledger of ledgers) {
      const part = ledger.financing!;
      expect(part.rows).toHaveLength(ledger.rows.length);
      let balance = 0;
      const sums = Object.fromEntries(FINANCING_COLUMNS.map((c) => [c, 0])) as Record<
        string,
        number
      >;
      part.rows.forEach((row, m) => {
        const net = Math.round(Number(ledger.rows[m]!.amounts.netCashFlowUsd) * 100);
        expect(row.unleveredAfterTaxUsd).toBe(net + row.taxUnleveredUsd);
        expect(row.debtFlowUsd).toBe(
          row.drawsUsd - row.interestPaidUsd - row.principalUsd - row.feesUsd,
        );
        expect(row.interestUsd).toBe(row.interestPaidUsd + row.capitalisedInterestUsd);
        balance += row.drawsUsd + row.capitalisedInterestUsd - row.principalUsd;
        expect(row.debtBalanceUsd).toBe(balance);
        expect(row.equityFlowUsd).toBe(net + row.debtFlowUsd + row.taxLeveredUsd);
        for (const column of FINANCING_COLUMNS) {
          expect(Number.isInteger(row[column])).toBe(true);
          sums[column] = sums[column]! + row[column];
        }
      });
      for (const column of FINANCING_COLUMNS) {
        expect(part.totals[column]).toBe(column === 'debtBalanceUsd' ? balance : sums[column]);
      }
      expect(balance).toBe(0);
    }
  });

  it('agrees with the float engine: debt lines within a cent a month, tax within $1 a year', () => {
    for (const ledger of ledgers) {
      const caseResult = evaluation.cases.find((c) => c.priceCase.name === ledger.caseName)!;
      const strategy = caseResult.strategies.find((s) => s.strategyId === ledger.strategyId)!;
      const levered = strategy.financing!.leveredAfterTax!;
      ledger.financing!.rows.forEach((row, m) => {
        // The ledger's capex lines are rounded to the cent; the draws are LTC × those.
        expect(Math.abs(row.debtBalanceUsd / 100 - levered.debtBalanceUsd[m]!)).toBeLessThanOrEqual(
          0.01 * (m + 1) + 1e-6,
        );
        expect(Math.abs(row.taxLeveredUsd / 100 - levered.tax!.taxUsd[m]!)).toBeLessThanOrEqual(1);
        expect(Math.abs(row.equityFlowUsd / 100 - levered.netCashFlowUsd[m]!)).toBeLessThanOrEqual(
          1 + 0.01 * (m + 1),
        );
      });
    }
  });

  it('the ledger CSV carries the financing columns and their totals', () => {
    const rows = ledgerRows(ledgers[1]!);
    expect(rows[0]).toContain('equity_flow_usd');
    expect(rows[0]).toContain('debt_balance_usd');
    expect(rows.at(-1)![0]).toBe('TOTAL');
    expect(rows[0]!.length).toBe(rows.at(-1)!.length);
  });

  it('a file without the sections has no financing columns', () => {
    const plain = evaluate(texas, { breakevens: false, sensitivity: false });
    const [ledger] = buildLedgers(
      plain.scenario,
      plain.cases.map((c) => c.bestConversionMonth),
    );
    expect(ledger!.financing).toBeNull();
    expect(ledgerRows(ledger!)[0]).not.toContain('equity_flow_usd');
  });
});
