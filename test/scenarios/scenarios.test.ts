import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate';
import type { IrrOutcome, Payback } from '../../src/engine/metrics';
import { formatIssue, parseScenario } from '../../src/schema/validate';
import { loadScenarioFile, SCENARIOS_DIR } from '../support/fixtures';

const FILES = readdirSync(SCENARIOS_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort();

function expectTypedIrr(irr: IrrOutcome): void {
  expect(['rate', 'no-sign-change', 'no-root', 'no-investment']).toContain(irr.kind);
  if (irr.kind === 'rate') {
    expect(Number.isFinite(irr.annualRate)).toBe(true);
    expect(Number.isFinite(irr.monthlyRate)).toBe(true);
  }
}

function expectTypedPayback(payback: Payback, horizonMonths: number): void {
  expect(['months', 'never', 'no-investment']).toContain(payback.kind);
  if (payback.kind === 'months') {
    expect(payback.months).toBeGreaterThanOrEqual(0);
    expect(payback.months).toBeLessThanOrEqual(horizonMonths);
  }
}

describe('example scenarios', () => {
  it('has at least three example files', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(3);
  });

  describe.each(FILES)('%s', (file) => {
    it('validates, and says where its numbers come from', () => {
      const result = parseScenario(loadScenarioFile(file));
      expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual([]);
      expect(result.ok && result.scenario.notes.length).toBeGreaterThan(100);
    });

    it('preset notes naming repository paths, printed in the board pack (issue 10): none', () => {
      const notes = String((loadScenarioFile(file) as { notes: string }).notes);
      expect(notes).not.toMatch(/[\w-]+\.(csv|md|json|ts)\b|shared\/|reference\/|DESIGN/);
    });

    it('evaluates every strategy under every price case', () => {
      const evaluation = evaluate(loadScenarioFile(file));
      const { scenario } = evaluation;
      const partialMw = evaluation.derived.partialConvertUtilityMw;
      expect(evaluation.cases.map((c) => c.priceCase.name)).toEqual(
        scenario.priceCases.map((c) => c.name),
      );
      for (const priceCase of evaluation.cases) {
        expect(priceCase.strategies.map((s) => [s.strategyId, s.label])).toEqual([
          ['keep-mining', 'Keep mining'],
          ['convert-now', 'Convert now'],
          ['partial', expect.stringMatching(/^Convert [\d.]+ MW, mine the rest$/)],
          ['convert-at-month', `Mine, then convert at month ${scenario.strategies.convertAtMonth}`],
          [
            'convert-at-best-month',
            priceCase.bestConversionMonth === 0
              ? 'Convert at the best month: now'
              : `Convert at the best month: month ${priceCase.bestConversionMonth}`,
          ],
        ]);
        const partial = priceCase.strategies.find((s) => s.strategyId === 'partial');
        expect(partial?.convertUtilityMw).toBe(partialMw);
        for (const strategy of priceCase.strategies) {
          const where = `${priceCase.priceCase.name} / ${strategy.label}`;
          expect(Number.isFinite(strategy.npvUsd), where).toBe(true);
          expect(strategy.netCashFlowUsd).toHaveLength(scenario.horizonMonths);
          expect(strategy.netCashFlowUsd.every(Number.isFinite), where).toBe(true);
          expectTypedIrr(strategy.irr);
          expectTypedPayback(strategy.payback, scenario.horizonMonths);
          expectTypedPayback(strategy.discountedPayback, scenario.horizonMonths);
          // Issue 9: keep mining showed IRR −3.4%, payback 0.0 yr and MOIC 20.58×.
          if (strategy.investedCapitalUsd === 0) {
            expect([
              strategy.irr,
              strategy.payback,
              strategy.discountedPayback,
              strategy.moic,
            ]).toEqual(Array(4).fill({ kind: 'no-investment' }));
          } else {
            expect(strategy.irr.kind, where).not.toBe('no-investment');
          }
          if (strategy.strategyId === 'keep-mining') {
            expect(strategy.investedCapitalUsd, where).toBe(0);
            expect(strategy.incremental).toBeNull();
          } else {
            expect(Number.isFinite(strategy.incremental?.npvUsd), where).toBe(true);
            expectTypedIrr(strategy.incremental!.irr);
          }
        }
      }
    });
  });
});

describe('the February 2026 snapshot', () => {
  it('starts at the February 2026 hashprice (docs/model.md §2): D = 141.67e12, $76,176, 0.02 BTC fees', () => {
    const evaluation = evaluate(loadScenarioFile('feb-2026-market-snapshot.json'), {
      breakevens: false,
      sensitivity: false,
    });
    const base = evaluation.cases[evaluation.referenceCaseIndex]!;
    expect(base.priceCase.name).toBe('base');
    // 0.033802 USD/TH/day without fees (docs/model.md §2), × (3.125 + 0.02) / 3.125 with them.
    expect(base.series.hashpriceUsdPerThDay[0]).toBeCloseTo((0.033802 * 3.145) / 3.125, 5);
  });
});
