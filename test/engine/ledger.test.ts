import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LedgerDecimal } from '../../src/engine/decimalArith';
import { evaluate } from '../../src/engine/evaluate';
import {
  buildLedgers,
  centsText,
  LEDGER_COLUMNS,
  type MonthFactors,
  presentValueCents,
  textOfCents,
  wholeCents,
} from '../../src/engine/ledger';
import { LINE_ITEMS } from '../../src/engine/strategies';
import { assertScenario } from '../../src/schema/validate';
import { loadScenarioFile } from '../support/fixtures';

const scenario = assertScenario(loadScenarioFile('texas-300mw-hut8-style-lease.json'));
const evaluation = evaluate(scenario, { breakevens: false, sensitivity: false });
const ledgers = buildLedgers(
  scenario,
  evaluation.cases.map((c) => c.bestConversionMonth),
);

describe('decimal ledger of record', () => {
  it('has one ledger per strategy and price case, one row per month', () => {
    expect(ledgers).toHaveLength(scenario.priceCases.length * 5);
    for (const ledger of ledgers) expect(ledger.rows).toHaveLength(scenario.horizonMonths);
  });

  it('holds every line within one cent of the float engine', () => {
    let worstUsd = 0;
    for (const ledger of ledgers) {
      const caseIndex = scenario.priceCases.findIndex((c) => c.name === ledger.caseName);
      const result = evaluation.cases[caseIndex]!.strategies.find(
        (s) => s.strategyId === ledger.strategyId,
      )!;
      for (const row of ledger.rows) {
        for (const item of LINE_ITEMS) {
          const difference = Math.abs(
            Number(row.amounts[item.key]) - result.lines[item.key][row.monthIndex]!,
          );
          worstUsd = Math.max(worstUsd, difference);
        }
      }
      // The ledger's present value total is the float NPV up to the cent rounding of each row.
      expect(Math.abs(Number(ledger.totals.presentValueUsd) - result.npvUsd)).toBeLessThan(
        0.01 * ledger.rows.length,
      );
    }
    expect(worstUsd).toBeLessThanOrEqual(0.01);
  });

  it('foots: each row net is the sum of its rounded lines, each total the sum of its column', () => {
    for (const ledger of ledgers.slice(0, 6)) {
      const sums = Object.fromEntries(LEDGER_COLUMNS.map((c) => [c, new LedgerDecimal(0)]));
      for (const row of ledger.rows) {
        let net = new LedgerDecimal(0);
        for (const item of LINE_ITEMS) net = net.plus(row.amounts[item.key]);
        expect(net.toFixed(2)).toBe(row.amounts.netCashFlowUsd);
        for (const column of LEDGER_COLUMNS) sums[column] = sums[column]!.plus(row.amounts[column]);
      }
      for (const column of LEDGER_COLUMNS)
        expect(sums[column]!.toFixed(2)).toBe(ledger.totals[column]);
    }
  });

  it('writes every amount with exactly two decimals', () => {
    for (const row of ledgers[1]!.rows) {
      for (const column of LEDGER_COLUMNS) expect(row.amounts[column]).toMatch(/^-?\d+\.\d{2}$/);
    }
  });

  it('rounds half away from zero to the cent (the stated rule)', () => {
    expect(centsText(new LedgerDecimal('2.345'))).toBe('2.35');
    expect(centsText(new LedgerDecimal('-2.345'))).toBe('-2.35');
    expect(centsText(new LedgerDecimal('2.3449999'))).toBe('2.34');
    expect(centsText(new LedgerDecimal('-0.004'))).toBe('0.00');
    expect(textOfCents(-123_456)).toBe('-1234.56');
    expect(textOfCents(5)).toBe('0.05');
    expect(textOfCents(-0)).toBe('0.00');
  });

  it('reads whole cents from the decimal exactly as toFixed(2, half-up) rounds them', () => {
    expect(wholeCents(new LedgerDecimal('-2.345'))).toBe(-235);
    expect(wholeCents(new LedgerDecimal('0.004999'))).toBe(0);
    expect(wholeCents(new LedgerDecimal('-0.005'))).toBe(-1);
    expect(wholeCents(new LedgerDecimal('98765432109.875'))).toBe(9_876_543_210_988);
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 19n), max: 10n ** 19n }),
        fc.integer({ min: 0, max: 16 }),
        (digits, scale) => {
          const value = new LedgerDecimal(digits.toString()).dividedBy(
            new LedgerDecimal(10).pow(scale),
          );
          const expected = Number(centsText(value).replace('.', ''));
          expect(wholeCents(value)).toBe(expected === 0 ? 0 : expected);
        },
      ),
      { numRuns: 5000 },
    );
  });

  describe('a row present value (float with an error bound, decimal near a half cent)', () => {
    const factorsOf = (texts: readonly string[]): MonthFactors => {
      const decimal = texts.map((text) => new LedgerDecimal(text));
      return { decimal, float: decimal.map((factor) => factor.toNumber()) };
    };
    /** The decimal computation of record: Σ DF × cents, in dollars, rounded half-up to the cent. */
    const decimalPresentValueCents = (cents: readonly number[], factors: MonthFactors) =>
      wholeCents(
        cents
          .reduce((sum, c, i) => sum.plus(factors.decimal[i]!.times(c)), new LedgerDecimal(0))
          .dividedBy(100),
      );

    it('settles an exact half cent the way the decimal does (float alone would round down)', () => {
      const factors = factorsOf(['0.145', '1', '1']);
      // 100 × 0.145 is 14.5 cents exactly, but 14.499999999999998 in float64.
      expect(100 * 0.145).toBeLessThan(14.5);
      expect(presentValueCents([100, 0, 0], factors)).toBe(15);
      expect(presentValueCents([-100, 0, 0], factors)).toBe(-15);
      expect(presentValueCents([100, 0, 0], factorsOf(['0.146', '1', '1']))).toBe(15);
      expect(presentValueCents([0, 0, 0], factors)).toBe(0);
    });

    it('equals the decimal sum on random rows, on and off the half cents', () => {
      const factorText = fc
        .bigInt({ min: 10n ** 18n, max: 10n ** 20n - 1n })
        .map((digits) => `0.${digits.toString().padStart(20, '0')}`);
      const cents = fc.oneof(
        fc.integer({ min: -(10 ** 12), max: 10 ** 12 }),
        fc.integer({ min: -999, max: 999 }),
        fc.constant(0),
      );
      fc.assert(
        fc.property(
          fc.array(cents, { minLength: 3, maxLength: 3 }),
          fc.array(fc.oneof(factorText, fc.constantFrom('0.5', '0.25', '0.125', '1')), {
            minLength: 3,
            maxLength: 3,
          }),
          (row, texts) => {
            const factors = factorsOf(texts);
            expect(presentValueCents(row, factors)).toBe(decimalPresentValueCents(row, factors));
          },
        ),
        { numRuns: 5000 },
      );
    });
  });

  it('leaves out the searched strategy when no conversion months are given', () => {
    expect(buildLedgers(scenario).some((l) => l.strategyId === 'convert-at-best-month')).toBe(
      false,
    );
  });
});
