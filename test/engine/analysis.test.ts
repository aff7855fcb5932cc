import { describe, expect, it } from 'vitest';
import { evaluateAnalysis, referenceCaseIndexOf } from '../../src/engine/analysis';
import { analyseEvaluation, evaluate, evaluateScenario } from '../../src/engine/evaluate';
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
