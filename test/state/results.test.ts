import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { analyseEvaluation, evaluate, evaluateScenario } from '../../src/engine/index';
import { defaultPreset } from '../../src/state/presets';
import { createEvaluator } from '../../src/state/results';
import type { ScenarioTab } from '../../src/state/workspace';

const texas = defaultPreset()!.scenario;
const tab = (revision: number, rate: number): ScenarioTab =>
  ({
    id: 't',
    origin: 'test',
    draft: {},
    baseline: texas,
    issues: [],
    validRevision: revision,
    lastValid: { ...texas, lease: { ...texas.lease, rateUsdPerKwMonth: rate } },
  }) as unknown as ScenarioTab;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the edit path: breakevens and tornado just after the rest', () => {
  it('shows every strategy at once, then the breakevens and sensitivity of the same inputs', () => {
    const evaluator = createEvaluator();
    const first = evaluator.resultsOf(tab(1, 150));
    expect(first.analysisPending).toBe(false);
    const before = first.evaluation!.breakevens;

    const edited = evaluator.resultsOf(tab(2, 60));
    const expected = evaluate(tab(2, 60).lastValid);
    // The NPVs are the new inputs' at once; the breakevens are the previous ones, marked.
    expect(edited.evaluation!.cases[1]!.strategies[1]!.npvUsd).toBe(
      expected.cases[1]!.strategies[1]!.npvUsd,
    );
    // The stress table is the new inputs' at once too (issue 12), every strategy.
    expect(edited.evaluation!.stressTests).toEqual(expected.stressTests);
    expect(edited.evaluation!.stressTests).not.toEqual(first.evaluation!.stressTests);
    expect(edited.analysisPending).toBe(true);
    expect(edited.evaluation!.breakevens).toEqual(before);

    vi.runAllTimers();
    expect(edited.analysisPending).toBe(false);
    expect(edited.evaluation!.breakevens).toEqual(expected.breakevens);
    expect(edited.evaluation!.sensitivity).toEqual(expected.sensitivity);
    // The decision is restated with the new breakevens: evaluate's, word for word.
    expect(edited.evaluation!.decision).toEqual(expected.decision);
  });

  it('solves once for a burst of edits: only the last inputs', () => {
    const run = vi.fn(evaluateScenario);
    const analyse = vi.fn(analyseEvaluation);
    const evaluator = createEvaluator(run, analyse);
    evaluator.resultsOf(tab(1, 150));
    for (let revision = 2; revision <= 6; revision += 1)
      evaluator.resultsOf(tab(revision, 100 + revision));
    // The first evaluation is whole; each edit's evaluates the strategies without the analysis.
    expect(run.mock.calls.map(([, options]) => options)).toEqual([
      undefined,
      ...[2, 3, 4, 5, 6].map(() => ({ breakevens: false, sensitivity: false })),
    ]);
    expect(analyse).not.toHaveBeenCalled();
    vi.runAllTimers();
    // One analysis, of the last inputs, and no strategy evaluated a second time for it.
    expect(analyse).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenCalledTimes(6);
    // Analysed on the last edit's own evaluation (its models kept), not validated again.
    expect(analyse.mock.calls[0]![0]).toBe(run.mock.results[5]!.value);
    expect(evaluator.resultsOf(tab(6, 106)).evaluation!.breakevens).toEqual(
      evaluate(tab(6, 106).lastValid).breakevens,
    );
  });
});
