import { describe, expect, it } from 'vitest';
import { evaluateAnalysis, referenceCaseIndexOf } from '../../src/engine/analysis';
import { evaluate } from '../../src/engine/evaluate';
import { ScenarioError } from '../../src/schema/validate';
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
