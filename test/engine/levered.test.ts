import { describe, expect, it } from 'vitest';
import { conversionAdvantageUsd } from '../../src/engine/advantage';
import { decide } from '../../src/engine/decision';
import { classDiscountFactors } from '../../src/engine/discount';
import { evaluate } from '../../src/engine/evaluate';
import {
  CAPEX_ITEMS,
  contractedCfads,
  financingContext,
  overlay,
  viewFigures,
} from '../../src/engine/levered';
import { buildStrategyPlans, placeTranches } from '../../src/engine/strategies';
import { viewAdvantageUsd } from '../../src/engine/viewAdvantage';
import { casesOnView, evaluationOnView, viewAvailable } from '../../src/engine/views';
import { assertScenario } from '../../src/schema/validate';
import { simpleSite } from '../support/simpleSite';
import { expectSameFigures } from '../support/viewFigures';

const financed = simpleSite({
  financing: {
    boardView: 'levered-after-tax',
    costOfEquityPctPerYear: 14,
    projectDebt: { loanToCostPct: 60, tenorYears: 10 },
  },
  tax: { federalRatePct: 21, stateRatePct: 5 },
});

describe('overlay: a view copied with fields replaced, its IRRs still solved when first read', () => {
  it('reads no getter of the base while copying; the copy reads it on demand; fields win', () => {
    let solved = 0;
    const base = {
      npvUsd: 5,
      get irr() {
        solved += 1;
        return 0.12;
      },
      moic: 2,
    };
    const copy = overlay(base, { npvUsd: 7, tax: null });
    expect(solved).toBe(0);
    expect(copy.irr).toBe(0.12);
    expect(solved).toBe(1);
    expect(copy).toEqual({ npvUsd: 7, irr: 0.12, moic: 2, tax: null });
    expect(Object.keys(copy)).toEqual(['npvUsd', 'irr', 'moic', 'tax']);
    expect(overlay(base, { irr: 'n/a' }).irr).toBe('n/a');
  });
});

describe('the views are built when first read (an edit shows one case)', () => {
  const preTaxBoard = {
    ...financed,
    financing: { ...financed.financing, boardView: 'unlevered-pre-tax' as const },
  };

  it('read in any order, a case from its last strategy first, the views are the same', () => {
    const inOrder = evaluate(preTaxBoard, { breakevens: false, sensitivity: false });
    const reversed = evaluate(preTaxBoard, { breakevens: false, sensitivity: false });
    const lastFirst = [...reversed.cases]
      .reverse()
      .map((c) => [...c.strategies].reverse().map((s) => s.financing));
    const expected = inOrder.cases.map((c) => c.strategies.map((s) => s.financing));
    expect(lastFirst.reverse().map((views) => views.reverse())).toEqual(expected);
    // Incremental figures need keep mining's views: read first, they were built for it.
    const convert = expected[0]![1]!;
    expect(convert!.leveredAfterTax!.incremental!.npvUsd).toBe(
      convert!.leveredAfterTax!.npvUsd - expected[0]![0]!.leveredAfterTax!.npvUsd,
    );
  });

  it('built once: every read returns the same object, and files (JSON) carry them', () => {
    const evaluation = evaluate(preTaxBoard, { breakevens: false, sensitivity: false });
    const strategy = evaluation.cases[0]!.strategies[1]!;
    expect(strategy.financing).toBe(strategy.financing);
    const copy = JSON.parse(JSON.stringify(evaluation.cases[0]!.strategies[1]));
    expect(copy.financing.leveredAfterTax.npvUsd).toBe(strategy.financing!.leveredAfterTax!.npvUsd);
    expect(structuredClone(strategy).financing).toEqual(strategy.financing);
  });

  it('which views exist is read off the scenario, without building them', () => {
    const evaluation = evaluate(preTaxBoard, { breakevens: false, sensitivity: false });
    expect(viewAvailable(evaluation, 'levered-after-tax')).toBe(true);
    const taxOnly = evaluate(simpleSite({ tax: {} }), { breakevens: false, sensitivity: false });
    expect(viewAvailable(taxOnly, 'unlevered-after-tax')).toBe(true);
    expect(viewAvailable(taxOnly, 'levered-after-tax')).toBe(false);
    expect(taxOnly.cases[0]!.strategies[0]!.financing!.leveredAfterTax).toBeNull();
    const plain = evaluate(simpleSite(), { breakevens: false, sensitivity: false });
    expect(viewAvailable(plain, 'unlevered-after-tax')).toBe(false);
    expect(viewAvailable(plain, 'unlevered-pre-tax')).toBe(true);
  });
});

describe('the after-tax and levered views', () => {
  it('every existing file keeps its numbers: no sections, no views, the pre-tax board view', () => {
    const evaluation = evaluate(simpleSite(), { sensitivity: false });
    expect(evaluation.boardView).toBe('unlevered-pre-tax');
    expect(evaluation.cases[0]!.strategies.every((s) => s.financing === null)).toBe(true);
    expect(viewAvailable(evaluation, 'levered-after-tax')).toBe(false);
    expect(evaluationOnView(evaluation, 'levered-after-tax')).toBe(evaluation);
  });

  it('conversion capex is the only capex line today; mining-class capex lines are financed by the equipment loan when they appear', () => {
    expect(CAPEX_ITEMS.map((item) => item.key)).toContain('capexUsd');
    expect(CAPEX_ITEMS.every((item) => /capex/i.test(item.key))).toBe(true);
  });

  it('taxes lower every strategy that earns; debt funds the build so equity peak funding falls', () => {
    const evaluation = evaluate(financed, { breakevens: false, sensitivity: false });
    const convert = evaluation.cases[0]!.strategies.find((s) => s.strategyId === 'convert-now')!;
    const keep = evaluation.cases[0]!.strategies.find((s) => s.strategyId === 'keep-mining')!;
    expect(keep.financing!.unleveredAfterTax.npvUsd).toBeLessThan(keep.npvUsd);
    expect(convert.financing!.unleveredAfterTax.npvUsd).toBeLessThan(convert.npvUsd);
    const levered = convert.financing!.leveredAfterTax!;
    expect(levered.peakFundingUsd).toBeLessThan(
      convert.financing!.unleveredAfterTax.peakFundingUsd,
    );
    expect(levered.projectDebt!.sizing.commitmentUsd).toBeCloseTo(0.6 * 40_000_000, 2);
    expect(levered.minDscr).toBeGreaterThanOrEqual(levered.projectDebt!.sizing.minDscr - 1e-9);
    // Keep mining has no debt: its levered flows are its after-tax flows.
    expect(keep.financing!.leveredAfterTax!.netCashFlowUsd).toEqual(
      keep.financing!.unleveredAfterTax.netCashFlowUsd,
    );
  });

  it("the evaluation read on a view carries that view's figures everywhere", () => {
    const evaluation = evaluate(financed, { breakevens: false, sensitivity: false });
    const onView = evaluationOnView(evaluation, 'levered-after-tax');
    evaluation.cases.forEach((result, c) => {
      result.strategies.forEach((strategy, s) => {
        const projected = onView.cases[c]!.strategies[s]!;
        const levered = strategy.financing!.leveredAfterTax!;
        expect(projected.npvUsd).toBe(levered.npvUsd);
        expect(projected.irr).toEqual(levered.irr);
        expect(projected.peakFundingUsd).toBe(levered.peakFundingUsd);
        expect(projected.incremental?.npvUsd).toBe(levered.incremental?.npvUsd);
      });
    });
  });

  it("a levered board's decision reads every case's NPVs lazily: the same decision as from built figures", () => {
    const board = evaluate(financed, { sensitivity: false });
    const lazy = casesOnView(board, 'levered-after-tax');
    // Every figure of every case, read eagerly from the views themselves.
    const built = board.cases.map((result) => ({
      ...result,
      strategies: result.strategies.map((strategy) => {
        const levered = strategy.financing!.leveredAfterTax!;
        return {
          ...strategy,
          netCashFlowUsd: levered.netCashFlowUsd,
          npvUsd: levered.npvUsd,
          irr: levered.irr,
          payback: levered.payback,
          discountedPayback: levered.discountedPayback,
          peakFundingUsd: levered.peakFundingUsd,
          moic: levered.moic,
          incremental: levered.incremental,
        };
      }),
    }));
    expect(decide({ ...board, cases: built })).toEqual(board.decision);
    lazy.forEach((result, c) => {
      result.strategies.forEach((strategy, s) => {
        const eager = built[c]!.strategies[s]!;
        expectSameFigures(strategy, eager);
        expect(strategy.discountedPayback).toEqual(eager.discountedPayback);
      });
    });
  });

  it('the board view read again is the cases the decision read, and keeps the decision it stated', () => {
    for (const boardView of ['levered-after-tax', 'unlevered-after-tax'] as const) {
      const scenario = assertScenario({
        ...financed,
        financing: { ...financed.financing!, boardView },
      });
      const board = evaluate(scenario, { sensitivity: false });
      const onBoard = evaluationOnView(board, boardView);
      // The page reads the board view on every edit: the same strategies, the decision as stated.
      expect(casesOnView(board, boardView)).toBe(onBoard.cases);
      expect(onBoard.decision).toBe(board.decision);
      // Stated again from cases read afresh (a copy of the array keeps nothing): equal.
      expect(
        decide({ ...board, cases: casesOnView({ ...board, cases: [...board.cases] }, boardView) }),
      ).toEqual(board.decision);
      // Another view in between, then the board view again: the same figures as at first.
      const other = boardView === 'levered-after-tax' ? 'unlevered-after-tax' : 'levered-after-tax';
      const first = onBoard.cases.map((c) =>
        c.strategies.map((st) => [st.npvUsd, st.peakFundingUsd]),
      );
      const otherView = evaluationOnView(board, other);
      expect(otherView.decision).toEqual(decide({ ...board, cases: casesOnView(board, other) }));
      const again = evaluationOnView(board, boardView);
      expect(
        again.cases.map((c) => c.strategies.map((st) => [st.npvUsd, st.peakFundingUsd])),
      ).toEqual(first);
      expect(again.decision).toBe(board.decision);
    }
  });

  it("a strategy read on a view has every field of the evaluation's, in its order; the view replaces only its figures", () => {
    const evaluation = evaluate(financed, { breakevens: false, sensitivity: false });
    const onView = casesOnView(evaluation, 'levered-after-tax');
    const replaced = new Set([
      'netCashFlowUsd',
      'npvUsd',
      'irr',
      'payback',
      'discountedPayback',
      'peakFundingUsd',
      'moic',
      'incremental',
    ]);
    evaluation.cases.forEach((result, c) => {
      result.strategies.forEach((strategy, s) => {
        const projected = onView[c]!.strategies[s]! as unknown as Record<string, unknown>;
        expect(Object.keys(projected)).toEqual(Object.keys(strategy));
        const own = strategy as unknown as Record<string, unknown>;
        for (const key of Object.keys(strategy)) {
          if (!replaced.has(key)) expect(projected[key]).toBe(own[key]);
        }
        expect(projected.npvUsd).toBe(strategy.financing!.leveredAfterTax!.npvUsd);
        expect(projected.netCashFlowUsd).toBe(strategy.financing!.leveredAfterTax!.netCashFlowUsd);
      });
    });
  });

  it("the view advantage at the scenario's values equals the reference case's view NPVs bit for bit (where the view breakevens start)", () => {
    for (const view of ['unlevered-after-tax', 'levered-after-tax'] as const) {
      const scenario = assertScenario({
        ...financed,
        financing: { ...financed.financing, boardView: view },
      });
      const evaluation = evaluate(scenario, { breakevens: false, sensitivity: false });
      const reference = evaluation.cases[evaluation.referenceCaseIndex]!.strategies;
      const npvOf = (id: string) =>
        viewFigures(reference.find((s) => s.strategyId === id)!, view).npvUsd;
      const reusedUsd = npvOf('convert-now') - npvOf('keep-mining');
      const referenceCase = scenario.priceCases[evaluation.referenceCaseIndex]!;
      expect(viewAdvantageUsd(view, scenario, referenceCase)).toBe(reusedUsd);
    }
  });

  it('on the pre-tax view the view advantage equals the pre-tax conversion advantage', () => {
    const scenario = assertScenario(financed);
    const base = scenario.priceCases[0]!;
    expect(viewAdvantageUsd('unlevered-pre-tax', scenario, base)).toBeCloseTo(
      conversionAdvantageUsd(scenario, base),
      3,
    );
  });

  it('breakevens are solved on the board view: the levered lease-rate breakeven zeroes the levered advantage', () => {
    const evaluation = evaluate(financed, { sensitivity: false });
    const breakevens = evaluation.breakevens;
    if (!breakevens.computed || breakevens.leaseRateUsdPerKwMonth.kind !== 'value') {
      throw new Error('expected a lease-rate breakeven');
    }
    const rate = breakevens.leaseRateUsdPerKwMonth.value;
    const scenario = assertScenario({
      ...financed,
      lease: { ...financed.lease, rateUsdPerKwMonth: rate },
    });
    expect(
      Math.abs(viewAdvantageUsd('levered-after-tax', scenario, scenario.priceCases[0]!)),
    ).toBeLessThan(1);
    const preTax = evaluate(
      { ...financed, financing: { ...financed.financing, boardView: 'unlevered-pre-tax' } },
      { sensitivity: false },
    );
    if (!preTax.breakevens.computed || preTax.breakevens.leaseRateUsdPerKwMonth.kind !== 'value') {
      throw new Error('expected a pre-tax lease-rate breakeven');
    }
    expect(preTax.breakevens.leaseRateUsdPerKwMonth.value).not.toBeCloseTo(rate, 3);
  });
});

describe('contractedCfads: kept on the financing context by tranches and tenor', () => {
  const scenario = assertScenario(
    simpleSite({
      financing: { projectDebt: { tenorYears: 10 } },
      conversion: {
        itMw: 8,
        capexUsdPerItMw: 5_000_000,
        constructionMonths: 12,
        tranches: [
          { deliveryMonth: 12, itMwPct: 40 },
          { deliveryMonth: 30, itMwPct: 60 },
        ],
      },
    }),
  );
  const [, convertNow, partial] = buildStrategyPlans(scenario);
  const contextOf = () =>
    financingContext(scenario, classDiscountFactors(scenario), undefined as never);

  it('gives the same array again for the same tranches, equal to a fresh context’s', () => {
    const context = contextOf();
    const tranches = placeTranches(scenario, convertNow!);
    const first = contractedCfads(context, tranches, 120);
    // Placed again (a new array of tranches, as every call makes): found, not rebuilt.
    expect(contractedCfads(context, placeTranches(scenario, convertNow!), 120)).toBe(first);
    expect(contractedCfads(contextOf(), tranches, 120)).toStrictEqual(first);
    // Rent from the first delivery: nothing before month 12, both tranches' after month 30.
    expect(first[11]).toBe(0);
    expect(first[12]!).toBeGreaterThan(0);
    expect(first[31]! / first[13]!).toBeGreaterThan(2);
  });

  it('keeps another plan’s tranches and another tenor apart', () => {
    const context = contextOf();
    const whole = contractedCfads(context, placeTranches(scenario, convertNow!), 120);
    const half = contractedCfads(context, placeTranches(scenario, partial!), 120);
    expect(half).not.toBe(whole);
    expect(half[40]! / whole[40]!).toBeCloseTo(
      partial!.convertUtilityMw / convertNow!.convertUtilityMw,
      12,
    );
    const shorter = contractedCfads(context, placeTranches(scenario, convertNow!), 60);
    expect(shorter.length).toBe(whole.length - 60);
  });
});
