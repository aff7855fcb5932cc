import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate';
import { buildLedgers } from '../../src/engine/ledger';
import { LINE_ITEMS } from '../../src/engine/strategies';
import { assertScenario } from '../../src/schema/validate';
import { scenarioArbitrary } from '../support/arbitraries';

/** Random scenarios with the fleet refreshed on the payback trigger (docs/model.md §5). */
const paybackScenarioArbitrary = fc
  .tuple(scenarioArbitrary, fc.double({ min: 1, max: 60, noNaN: true }))
  .map(([input, paybackMonths]) => ({
    ...input,
    mining: {
      ...input.mining,
      refresh: { enabled: true, lifeYears: 4, trigger: 'payback' as const, paybackMonths },
    },
  }));

describe('the decimal ledger against the float engine, on random scenarios', () => {
  it.each([
    ['', scenarioArbitrary, 60],
    [' (fleet refresh on the payback trigger)', paybackScenarioArbitrary, 25],
  ] as const)(
    'every line of every ledger is within one cent of the float engine; rows foot%s',
    (_, arbitrary, numRuns) => {
      fc.assert(
        fc.property(arbitrary, (input) => {
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
        { numRuns },
      );
    },
  );
});
