import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { conversionAdvantageUsd } from '../../src/engine/advantage';
import { floatArith } from '../../src/engine/arith';
import { evaluate, referenceCaseIndexOf } from '../../src/engine/evaluate';
import { strategyViewNpvUsd, viewFigures } from '../../src/engine/levered';
import { buildScenarioModel } from '../../src/engine/model';
import { solveBreakevens } from '../../src/engine/solve';
import { viewAdvantageUsd } from '../../src/engine/viewAdvantage';
import type { ScenarioInput } from '../../src/schema/scenario';
import { assertScenario } from '../../src/schema/validate';
import { scenarioArbitrary } from '../support/arbitraries';
import { loadScenarioFile } from '../support/fixtures';
import { expectSameFigures } from '../support/viewFigures';

const FAST = { breakevens: false, sensitivity: false } as const;

const BREAKEVEN_KEYS = [
  'flatBtcPriceUsd',
  'leaseRateUsdPerKwMonth',
  'powerPriceUsdPerMwh',
  'capexUsdPerItMw',
] as const;

/** Random debt terms inside the schema's ranges. */
const projectDebtArbitrary = fc.record({
  // Whole percentages: fast-check's doubles favour tiny values, which make cent-sized loans.
  loanToCostPct: fc.integer({ min: 0, max: 90 }),
  backstopLoanToCostPct: fc.integer({ min: 0, max: 95 }),
  constructionCouponPctPerYear: fc.double({ min: 0, max: 15, noNaN: true }),
  capitaliseConstructionInterest: fc.boolean(),
  constructionFeePct: fc.double({ min: 0, max: 3, noNaN: true }),
  termCouponPctPerYear: fc.double({ min: 0, max: 15, noNaN: true }),
  termFeePct: fc.double({ min: 0, max: 3, noNaN: true }),
  tenorYears: fc.integer({ min: 1, max: 25 }),
  amortisation: fc.constantFrom('level' as const, 'sculpted' as const),
  minDscr: fc.integer({ min: 100, max: 250 }).map((x) => x / 100),
  backstopMinDscr: fc.integer({ min: 100, max: 250 }).map((x) => x / 100),
});

const taxArbitrary = fc.record({
  federalRatePct: fc.double({ min: 0, max: 35, noNaN: true }),
  stateRatePct: fc.double({ min: 0, max: 12, noNaN: true }),
  bonusDepreciationPct: fc.constantFrom(0, 40, 60, 100),
  fitOut15YearSharePct: fc.double({ min: 0, max: 100, noNaN: true }),
  interestLimitation: fc.boolean(),
  lossUsePctOfTaxableIncome: fc.constantFrom(80, 100),
});

const financedArbitrary = fc
  .tuple(scenarioArbitrary, projectDebtArbitrary, taxArbitrary, fc.integer({ min: 0, max: 100 }))
  .map(
    ([scenario, projectDebt, tax, backstopPct]): ScenarioInput => ({
      ...scenario,
      lease: { ...scenario.lease, backstopPct },
      financing: { boardView: 'levered-after-tax', costOfEquityPctPerYear: 14, projectDebt },
      tax,
    }),
  );

describe('financing and tax on random scenarios', () => {
  it('zero leverage and zero tax reproduce the pre-tax figures exactly, and the pre-tax view never moves', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (input) => {
        const wacc = input.finance?.discountRatePctPerYear ?? 10;
        const plain = evaluate({ ...input, finance: { discountRatePctPerYear: wacc } }, FAST);
        const withSections = evaluate(
          {
            ...input,
            finance: { discountRatePctPerYear: wacc },
            financing: {
              costOfEquityPctPerYear: wacc,
              projectDebt: { loanToCostPct: 0, backstopLoanToCostPct: 0 },
              fleetDebt: { loanToValuePct: 0 },
            },
            tax: { federalRatePct: 0, stateRatePct: 0 },
          },
          FAST,
        );
        plain.cases.forEach((result, c) => {
          result.strategies.forEach((strategy, s) => {
            const other = withSections.cases[c]!.strategies[s]!;
            // The pre-tax figures are the same with or without the sections.
            expect(other.npvUsd).toBe(strategy.npvUsd);
            expect(other.netCashFlowUsd).toEqual(strategy.netCashFlowUsd);
            const financing = other.financing!;
            for (const view of [financing.unleveredAfterTax, financing.leveredAfterTax!]) {
              expectSameFigures(view, strategy);
            }
          });
        });
      }),
      { numRuns: 40 },
    );
  });

  it('equity flows + lender flows = project flows after tax, every month; balances roll forward', () => {
    fc.assert(
      fc.property(financedArbitrary, (input) => {
        const evaluation = evaluate(input, FAST);
        for (const result of evaluation.cases) {
          for (const strategy of result.strategies) {
            const levered = strategy.financing!.leveredAfterTax!;
            const tax = levered.tax!.taxUsd;
            strategy.netCashFlowUsd.forEach((project, m) => {
              const equity = levered.netCashFlowUsd[m]!;
              const lenders = -levered.debtFlowUsd[m]!;
              const scale = Math.max(1, Math.abs(project), Math.abs(lenders));
              expect(Math.abs(equity + lenders - (project + tax[m]!))).toBeLessThanOrEqual(
                scale * 1e-12,
              );
            });
            const debt = levered.projectDebt;
            if (!debt) continue;
            let balance = 0;
            for (let m = 0; m < evaluation.scenario.horizonMonths; m += 1) {
              balance +=
                debt.drawsUsd[m]! + debt.capitalisedInterestUsd[m]! - debt.principalUsd[m]!;
              expect(Math.round(balance * 100) + 0).toBe(
                Math.round(debt.closingBalanceUsd[m]! * 100) + 0,
              );
            }
            expect(debt.closingBalanceUsd[evaluation.scenario.horizonMonths - 1]).toBe(0);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('the DSCR constraint holds in every month with debt service, and is met exactly where it binds (sculpted)', () => {
    let checked = 0;
    fc.assert(
      fc.property(financedArbitrary, (input) => {
        const evaluation = evaluate(input, FAST);
        for (const result of evaluation.cases) {
          for (const strategy of result.strategies) {
            const debt = strategy.financing!.leveredAfterTax!.projectDebt;
            if (!debt) continue;
            const floor = debt.sizing.minDscr;
            debt.dscr.forEach((ratio, m) => {
              if (ratio === null) return;
              // Cent rounding of a debt service of a few dollars moves the ratio; 1e-6 relative
              // on services above $1,000.
              if (debt.debtServiceUsd[m]! < 1000) return;
              expect(ratio, `m${m}`).toBeGreaterThanOrEqual(floor * (1 - 1e-6));
              if (
                debt.sizing.binding === 'dscr' &&
                evaluation.scenario.financing!.projectDebt!.amortisation === 'sculpted'
              ) {
                expect(ratio, `binding m${m}`).toBeLessThanOrEqual(floor * (1 + 1e-6));
              }
              checked += 1;
            });
            if (debt.sizing.binding === 'dscr') {
              expect(debt.sizing.termLoanUsd).toBeLessThanOrEqual(debt.sizing.balanceAtTermOutUsd);
            }
          }
        }
      }),
      { numRuns: 40 },
    );
    // The random terms reach months with debt service; binding is also held by the test below.
    expect(checked).toBeGreaterThan(100);
  });

  it('where the DSCR sizes a sculpted loan, every month of the tenor sits exactly at the minimum', () => {
    const scenario = {
      ...loadScenarioFile('texas-300mw-hut8-style-lease.json'),
      financing: {
        projectDebt: {
          loanToCostPct: 90,
          backstopLoanToCostPct: 90,
          minDscr: 2.5,
          backstopMinDscr: 2.5,
          amortisation: 'sculpted' as const,
          tenorYears: 10,
        },
      },
    };
    const evaluation = evaluate(scenario, FAST);
    for (const result of evaluation.cases) {
      for (const strategy of result.strategies) {
        const debt = strategy.financing!.leveredAfterTax!.projectDebt;
        if (!debt) continue;
        expect(debt.sizing.binding).toBe('dscr');
        const ratios = debt.dscr.filter((ratio): ratio is number => ratio !== null);
        expect(ratios.length).toBeGreaterThan(60);
        for (const ratio of ratios) expect(ratio).toBeCloseTo(2.5, 6);
      }
    }
  });

  it('a fuller backstop never lowers the term loan', () => {
    fc.assert(
      fc.property(financedArbitrary, (input) => {
        const low = assertScenario({ ...input, lease: { ...input.lease, backstopPct: 0 } });
        const high = assertScenario({ ...input, lease: { ...input.lease, backstopPct: 100 } });
        const terms = low.financing!.projectDebt!;
        // Backstop terms that are at least as generous as the plain ones.
        const generous = {
          ...terms,
          backstopLoanToCostPct: Math.max(terms.loanToCostPct, terms.backstopLoanToCostPct),
          backstopMinDscr: Math.min(terms.minDscr, terms.backstopMinDscr),
        };
        const loanOf = (scenario: typeof low) => {
          const evaluation = evaluate(
            { ...scenario, financing: { ...scenario.financing!, projectDebt: generous } },
            FAST,
          );
          const convertNow = evaluation.cases[0]!.strategies.find(
            (s) => s.strategyId === 'convert-now',
          )!;
          return convertNow.financing!.leveredAfterTax!.projectDebt?.sizing.commitmentUsd ?? 0;
        };
        expect(loanOf(high)).toBeGreaterThanOrEqual(loanOf(low));
      }),
      { numRuns: 25 },
    );
  });

  it('a view NPV read alone (viewNpvUsd) equals the built view NPV bit for bit, every strategy and case', () => {
    fc.assert(
      fc.property(financedArbitrary, (input) => {
        const alone = evaluate(input, FAST);
        const built = evaluate(input, FAST);
        built.cases.forEach((result, c) => {
          result.strategies.forEach((strategy, s) => {
            const other = alone.cases[c]!.strategies[s]!;
            for (const view of ['unlevered-after-tax', 'levered-after-tax'] as const) {
              expect(strategyViewNpvUsd(other, view)).toBe(viewFigures(strategy, view).npvUsd);
            }
          });
        });
      }),
      { numRuns: 30 },
    );
  });

  it('breakevens on a view solved from the scenario agree with the whole-range search', () => {
    const views = ['unlevered-after-tax', 'levered-after-tax'] as const;
    fc.assert(
      fc.property(financedArbitrary, fc.constantFrom(...views), (input, view) => {
        const scenario = assertScenario(input);
        const model = buildScenarioModel(floatArith, scenario);
        const reference = scenario.priceCases[referenceCaseIndexOf(scenario)]!;
        const advantage: typeof conversionAdvantageUsd = (...args) =>
          viewAdvantageUsd(view, ...args);
        const from = solveBreakevens(model, reference, advantage, undefined, 'from-scenario');
        const whole = solveBreakevens(model, reference, advantage, undefined, 'whole-range');
        if (!from.computed || !whole.computed) throw new Error('breakevens not computed');
        for (const key of BREAKEVEN_KEYS) {
          const a = from[key];
          const b = whole[key];
          expect(a.kind, key).toBe(b.kind);
          if (a.kind === 'value' && b.kind === 'value') {
            expect(a.aboveWins, key).toBe(b.aboveWins);
            expect(Math.abs(a.value - b.value), key).toBeLessThanOrEqual(
              1e-7 * Math.max(1, Math.abs(b.value)),
            );
          } else {
            expect(a, key).toEqual(b);
          }
        }
      }),
      { numRuns: 30 },
    );
  });
});
