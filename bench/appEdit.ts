import { analyseEvaluation, type Evaluation, evaluateScenario } from '../src/engine/evaluate';
import { decideOnBoardView, evaluationOnView } from '../src/engine/views';
import type { FinancialView, ScenarioInput } from '../src/schema/scenario';
import { assertScenario } from '../src/schema/validate';

/**
 * Runs of each edit's budget row: about a second of edits, so a blip of the VM (a few hundred ms
 * at twice the time, docs/benchmarks.md) moves no median; 40 runs took 0.2 s, and one blip made
 * a row read 6.2 ms between two runs of 4.3.
 */
export const EDIT_RUNS = 200;

/**
 * What the app computes on an edit (src/state/results.ts, docs/app.md "Edit path"), in one
 * call: the draft validated once, every strategy and case evaluated, the evaluation read on the
 * board view as the page reads it (`readViews`: the shown case's views), then the breakevens and
 * tornado solved on the models that evaluation kept, the decision stated with them and the board
 * view read again. The page does the last three in the next task; this is their sum, the whole
 * evaluation an edit triggers. `draft` is the unvalidated input, as the page's draft.
 */
export function appEdit(draft: unknown, readViews: (shown: Evaluation) => unknown = () => 0) {
  const scenario = assertScenario(draft);
  const core = evaluateScenario(scenario, { breakevens: false, sensitivity: false });
  // The page reads the evaluation on the board view (src/ui/results/ResultsView.tsx).
  readViews(evaluationOnView(core, core.boardView));
  const analysis = analyseEvaluation(core);
  // When the analysis lands: the decision restated with it (src/state/results.ts), and the page
  // reads the board view again.
  const decision = decideOnBoardView({ ...core, breakevens: analysis.breakevens });
  const analysed: Evaluation = { ...core, ...analysis, decision };
  readViews(evaluationOnView(analysed, analysed.boardView));
  return decision;
}

/**
 * `input` with the financing and tax sections the bench and the GC test add: sculpted project
 * debt, fleet debt, a 5% state rate and the interest limitation, the board on `boardView`.
 */
export function financed(input: ScenarioInput, boardView: FinancialView): ScenarioInput {
  return {
    ...input,
    financing: { boardView, projectDebt: { amortisation: 'sculpted' }, fleetDebt: {} },
    tax: { stateRatePct: 5, interestLimitation: true },
  };
}

/** What the page reads on an edit: the levered views of every strategy in the case on screen. */
export function readShownViews(evaluation: Evaluation): number {
  let npv = 0;
  for (const strategy of evaluation.cases[evaluation.referenceCaseIndex]!.strategies) {
    npv += strategy.financing?.leveredAfterTax?.npvUsd ?? 0;
  }
  return npv;
}
