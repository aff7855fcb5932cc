import { describe, expect, it } from 'vitest';
import { boardBreakevens, evaluateAnalysis, referenceCaseIndexOf } from '../../src/engine/analysis';
import { floatArith } from '../../src/engine/arith';
import { analyseEvaluation, evaluate, evaluateScenario } from '../../src/engine/evaluate';
import { buildCaseModel, buildScenarioModel } from '../../src/engine/model';
import { viewAdvantageUsd } from '../../src/engine/viewAdvantage';
import { assertScenario, ScenarioError } from '../../src/schema/validate';
import { loadScenarioFile } from '../support/fixtures';

const PRESETS = [
  'feb-2026-market-snapshot.json',
  'hydro-20mw-older-fleet-retrofit.json',
  'texas-300mw-hut8-style-lease.json',
];
const VIEWS = ['unlevered-pre-tax', 'unlevered-after-tax', 'levered-after-tax'] as const;

describe('evaluateAnalysis: the breakevens and tornado alone (what the analysis worker solves)', () => {
  it.each(PRESETS)('%s: equal to evaluate’s, bit for bit, on every board view', (file) => {
    const preset = loadScenarioFile(file);
    const scenarios = [
      preset,
      ...VIEWS.map((boardView) => ({
        ...preset,
        financing: { boardView, projectDebt: { amortisation: 'sculpted' as const }, fleetDebt: {} },
        tax: { stateRatePct: 5, interestLimitation: true },
      })),
    ];
    for (const scenario of scenarios) {
      const whole = evaluate(scenario);
      const analysis = evaluateAnalysis(scenario);
      // toStrictEqual on numbers is Object.is: the same doubles, not merely close ones.
      expect(analysis.breakevens).toStrictEqual(whole.breakevens);
      expect(analysis.sensitivity).toStrictEqual(whole.sensitivity);
      expect(analysis.breakevens.computed).toBe(true);
    }
  });

  it.each(PRESETS)(
    '%s: analyseEvaluation of an edit’s evaluation equals evaluate’s, bit for bit, on every board view',
    (file) => {
      const preset = loadScenarioFile(file);
      for (const boardView of VIEWS) {
        const scenario = assertScenario({
          ...preset,
          financing: {
            boardView,
            projectDebt: { amortisation: 'sculpted' as const },
            fleetDebt: {},
          },
          tax: { stateRatePct: 5, interestLimitation: true },
        });
        const whole = evaluate(scenario);
        // The app's edit: the strategies first, then the analysis on the models they built, with
        // other work in between (another scenario's evaluation writes the engine's kept arrays).
        const core = evaluateScenario(scenario, { breakevens: false, sensitivity: false });
        expect(core.breakevens).toStrictEqual({ computed: false });
        evaluate(loadScenarioFile(PRESETS[0]!));
        const analysis = analyseEvaluation(core);
        expect(analysis.breakevens).toStrictEqual(whole.breakevens);
        expect(analysis.sensitivity).toStrictEqual(whole.sensitivity);
        // A copy of an evaluation is analysed from its scenario, to the same numbers.
        expect(analyseEvaluation({ ...core }).breakevens).toStrictEqual(whole.breakevens);
      }
    },
  );

  it('validates its input: a bad field is named, as evaluate names it', () => {
    const preset = loadScenarioFile(PRESETS[0]!);
    const bad = { ...preset, lease: { ...preset.lease, rateUsdPerKwMonth: -5 } };
    expect(() => evaluateAnalysis(bad)).toThrow(ScenarioError);
    expect(() => evaluateAnalysis(bad)).toThrow(/lease\.rateUsdPerKwMonth/);
  });

  it('referenceCaseIndexOf finds the named case and names a missing one', () => {
    const preset = loadScenarioFile(PRESETS[0]!) as Parameters<typeof referenceCaseIndexOf>[0];
    const index = referenceCaseIndexOf(preset);
    expect(preset.priceCases[index]!.name).toBe(preset.referenceCase);
    expect(() => referenceCaseIndexOf({ ...preset, referenceCase: 'nowhere' })).toThrow(
      /referenceCase = "nowhere"/,
    );
  });
});

describe('boardBreakevens: the NPVs its caller knows', () => {
  it('keep mining’s is the one the lease-rate and capex breakevens hold, and only within the call', () => {
    const preset = loadScenarioFile('texas-300mw-hut8-style-lease.json');
    const scenario = assertScenario({
      ...preset,
      financing: { boardView: 'levered-after-tax', projectDebt: { amortisation: 'sculpted' } },
      tax: { stateRatePct: 5 },
    });
    const model = buildScenarioModel(floatArith, scenario);
    const referenceCase = scenario.priceCases[referenceCaseIndexOf(scenario)]!;
    const referenceMining = buildCaseModel(floatArith, model, referenceCase);
    const alone = boardBreakevens(model, referenceCase, referenceMining);
    // The view advantage at the scenario's values, as the breakevens' calls compute it.
    const advantageUsd = viewAdvantageUsd(
      'levered-after-tax',
      scenario,
      referenceCase,
      model,
      referenceMining,
    );
    // Given the true NPVs (as the edit's evaluation gives them): the same breakevens, bit for bit.
    const core = evaluateScenario(scenario, { breakevens: false, sensitivity: false });
    const shown = core.cases[core.referenceCaseIndex]!.strategies;
    const npvOf = (id: string) =>
      shown.find((s) => s.strategyId === id)!.financing!.leveredAfterTax!.npvUsd;
    const known = { convertNowUsd: npvOf('convert-now'), keepMiningUsd: npvOf('keep-mining') };
    expect(boardBreakevens(model, referenceCase, referenceMining, () => known)).toStrictEqual(
      alone,
    );
    // A keep-mining NPV $50M higher: the lease-rate and capex breakevens move, the BTC-price and
    // power breakevens (whose calls value keep mining themselves) do not.
    const higher = { ...known, keepMiningUsd: known.keepMiningUsd + 50e6 };
    const moved = boardBreakevens(model, referenceCase, referenceMining, () => higher);
    if (!moved.computed || !alone.computed) throw new Error('computed');
    expect(moved.flatBtcPriceUsd).toStrictEqual(alone.flatBtcPriceUsd);
    expect(moved.powerPriceUsdPerMwh).toStrictEqual(alone.powerPriceUsdPerMwh);
    const value = (result: typeof alone.leaseRateUsdPerKwMonth) =>
      result.kind === 'value' ? result.value : Number.NaN;
    expect(value(moved.leaseRateUsdPerKwMonth)).toBeGreaterThan(
      value(alone.leaseRateUsdPerKwMonth) + 1,
    );
    expect(value(moved.capexUsdPerItMw)).toBeLessThan(value(alone.capexUsdPerItMw) - 1000);
    // Known only within that call: the next call values keep mining itself again.
    expect(boardBreakevens(model, referenceCase, referenceMining)).toStrictEqual(alone);
    expect(advantageUsd).toBe(known.convertNowUsd - known.keepMiningUsd);
  });
});
