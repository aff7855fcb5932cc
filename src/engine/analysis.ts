import type { PriceCase, Scenario } from '../schema/scenario';
import { assertScenario } from '../schema/validate';
import { conversionAdvantageUsd } from './advantage';
import { floatArith } from './arith';
import { buildCaseModel, buildScenarioModel, type CaseModel, type ScenarioModel } from './model';
import { type SensitivityRow, sensitivityTable } from './sensitivity';
import { type Breakevens, solveBreakevens } from './solve';
import { viewAdvantageUsd, withKeepMiningKnown } from './viewAdvantage';

/**
 * The analysis of a scenario: its breakevens, solved on the board view, and its tornado
 * (docs/model.md §8). `evaluate` reports them with everything else; the app solves them in the
 * task after an edit's evaluation, on the same thread (docs/app.md, "Edit path"). Both come
 * from {@link boardBreakevens} and `sensitivityTable`, so they are the same numbers bit for bit.
 */
export interface EvaluationAnalysis {
  readonly breakevens: Breakevens;
  readonly sensitivity: SensitivityRow[];
}

/**
 * Index of the scenario's reference case (`referenceCase`, a field since version 2; validation
 * guarantees it names one of the price cases).
 */
export function referenceCaseIndexOf(scenario: Scenario): number {
  const index = scenario.priceCases.findIndex((c) => c.name === scenario.referenceCase);
  if (index < 0) {
    throw new RangeError(
      `referenceCase = "${scenario.referenceCase}": must name one of the price cases`,
    );
  }
  return index;
}

/**
 * The breakevens on the board view (`financing.boardView`; pre-tax without financing): Brent's
 * method over each range on the pre-tax view, and from the scenario's values on the after-tax and
 * levered views (`solveBreakevens`). `npvsAtScenario` gives the reference case's NPVs of convert
 * now and keep mining on the board view when the caller has them (`evaluate` does; a thunk, so a
 * pre-tax board never builds the views it reads): their difference is where the view breakevens
 * start, and keep mining's is the one the lease-rate and capex breakevens hold (neither moves
 * it). Otherwise both are computed here, equal bit for bit (test/engine/solve.test.ts).
 */
export function boardBreakevens(
  model: ScenarioModel<number>,
  referenceCase: PriceCase,
  referenceMining: CaseModel<number>,
  npvsAtScenario?: () => BoardNpvs,
): Breakevens {
  const boardView = model.scenario.financing?.boardView ?? 'unlevered-pre-tax';
  if (boardView === 'unlevered-pre-tax') {
    return solveBreakevens(model, referenceCase, conversionAdvantageUsd, referenceMining);
  }
  const known = npvsAtScenario?.();
  const solve = () =>
    solveBreakevens(
      model,
      referenceCase,
      (...args) => viewAdvantageUsd(boardView, ...args),
      referenceMining,
      'from-scenario',
      // The advantage as `viewAdvantageUsd` subtracts it: convert now − keep mining.
      known ? known.convertNowUsd - known.keepMiningUsd : undefined,
    );
  if (!known) return solve();
  const keepMining = { scenario: model.scenario, view: boardView, npvUsd: known.keepMiningUsd };
  return withKeepMiningKnown(referenceMining, keepMining, solve);
}

/** The reference case's NPVs of convert now and keep mining on the board view (USD). */
export interface BoardNpvs {
  readonly convertNowUsd: number;
  readonly keepMiningUsd: number;
}

/**
 * Validates a scenario and solves its analysis alone: the scenario's model and its reference
 * case's, then the breakevens and the tornado; no strategy of any other case is evaluated.
 * Equal to `evaluate(input)`'s `breakevens` and `sensitivity` (a test holds them equal).
 */
export function evaluateAnalysis(input: unknown): EvaluationAnalysis {
  return analyseScenario(assertScenario(input));
}

/** {@link evaluateAnalysis} of a scenario already validated. */
export function analyseScenario(scenario: Scenario): EvaluationAnalysis {
  const model = buildScenarioModel(floatArith, scenario);
  const referenceCase = scenario.priceCases[referenceCaseIndexOf(scenario)]!;
  return analysisOn(model, referenceCase, buildCaseModel(floatArith, model, referenceCase));
}

/**
 * The breakevens on the board view and the tornado, on a scenario's model and its reference
 * case's (`evaluate` solves the same two, each when asked for).
 */
export function analysisOn(
  model: ScenarioModel<number>,
  referenceCase: PriceCase,
  referenceMining: CaseModel<number>,
  npvsAtScenario?: () => BoardNpvs,
): EvaluationAnalysis {
  return {
    breakevens: boardBreakevens(model, referenceCase, referenceMining, npvsAtScenario),
    sensitivity: sensitivityTable(model.scenario, referenceCase, model, referenceMining),
  };
}
