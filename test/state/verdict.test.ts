import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/index';
import { defaultPreset } from '../../src/state/presets';
import { bestByNpv, phraseDiscountRates, selectVerdict } from '../../src/state/verdict';
import { formatUsdShort } from '../../src/ui/format';

const texas = defaultPreset()!.scenario;

describe('verdict', () => {
  it('names the best strategy, its margin and the breakeven, from engine figures only', () => {
    const evaluation = evaluate(texas);
    const verdict = selectVerdict(evaluation);
    const base = evaluation.cases[evaluation.referenceCaseIndex]!;
    expect(verdict.caseName).toBe('base');
    expect(verdict.best).toBe(bestByNpv(base.strategies));
    expect(verdict.best.strategyId).toBe('convert-now');
    expect(verdict.marginUsd).toBe(verdict.best.incremental!.npvUsd);
    expect(verdict.breakevenBtc?.kind).toBe('value');
    const breakeven = verdict.breakevenBtc as { value: number };
    expect(verdict.sentence).toBe(
      `In the base case, converting all 300 MW now (245 MW of critical IT) beats keeping it mining by ${formatUsdShort(verdict.marginUsd)} NPV at 8% (lease) / 20% (mining) / 10% (capex); it stays ahead unless BTC averages above ${formatUsdShort(breakeven.value)}.`,
    );
    expect(verdict.casesWon).toBeLessThanOrEqual(verdict.caseCount);
  });

  it('says so when keeping the site mining wins', () => {
    const evaluation = evaluate({
      ...texas,
      lease: { ...texas.lease, rateUsdPerKwMonth: 5 },
    });
    const verdict = selectVerdict(evaluation);
    expect(verdict.best.strategyId).toBe('keep-mining');
    expect(verdict.marginUsd).toBeGreaterThan(0);
    expect(verdict.marginUsd).toBe(-verdict.bestConversion.incremental!.npvUsd);
    expect(verdict.sentence).toMatch(
      /^In the base case, keeping the site mining beats the best conversion \(.+\) by \$[\d.,]+ (M|bn) NPV at /,
    );
  });

  it('phrases one rate once', () => {
    const evaluation = evaluate({
      ...texas,
      finance: {
        discountRatePctPerYear: 9,
        miningDiscountRatePctPerYear: null,
        constructionDiscountRatePctPerYear: null,
        leaseDiscountRatePctPerYear: null,
      },
    });
    expect(phraseDiscountRates(evaluation)).toBe('9%');
  });

  it('breaks NPV ties in favour of the earlier (simpler) strategy', () => {
    const base = evaluate(texas).cases[1]!.strategies;
    const tied = [base[0]!, { ...base[1]!, npvUsd: base[0]!.npvUsd }];
    expect(bestByNpv(tied)).toBe(base[0]);
  });
});
