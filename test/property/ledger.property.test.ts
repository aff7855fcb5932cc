import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate';
import { buildLedgers } from '../../src/engine/ledger';
import { LINE_ITEMS } from '../../src/engine/strategies';
import { assertScenario } from '../../src/schema/validate';
import { scenarioArbitrary } from '../support/arbitraries';

describe('the decimal ledger against the float engine, on random scenarios', () => {
  it('every line of every ledger is within one cent of the float engine; rows foot', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (input) => {
        const scenario = assertScenario(input);
        const evaluation = evaluate(scenario, { breakevens: false, sensitivity: false });
        const ledgers = buildLedgers(
          scenario,
          evaluation.cases.map((c) => c.bestConversionMonth),
        );
        expect(ledgers).toHaveLength(scenario.priceCases.length * 5);
        for (const ledger of ledgers) {
          const caseIndex = scenario.priceCases.findIndex((c) => c.name === ledger.caseName);
          const result = evaluation.cases[caseIndex]!.strategies.find(
            (s) => s.strategyId === ledger.strategyId,
          )!;
          for (const row of ledger.rows) {
            let netCents = 0;
            for (const item of LINE_ITEMS) {
              const amount = row.amounts[item.key];
              const float = result.lines[item.key][row.monthIndex]!;
              // One cent, plus float64's own error on very large amounts.
              expect(
                Math.abs(Number(amount) - float),
                `${item.key} m${row.monthIndex}`,
              ).toBeLessThanOrEqual(0.01 + Math.abs(float) * 1e-12);
              netCents += Math.round(Number(amount) * 100);
            }
            expect(Math.round(Number(row.amounts.netCashFlowUsd) * 100)).toBe(netCents);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
