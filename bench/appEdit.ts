import { analyseEvaluation, type Evaluation, evaluateScenario } from '../src/engine/evaluate';
import { decideOnBoardView } from '../src/engine/views';
import { assertScenario } from '../src/schema/validate';

/**
 * What the app computes on an edit (src/state/results.ts, docs/app.md "Edit path"), in one
 * call: the draft validated once, every strategy and case evaluated, the shown case's views read
 * (`readViews`), then the breakevens and tornado solved on the models that evaluation kept and
 * the decision stated with them. The page does the last two in the next task; this is their sum,
 * the whole evaluation an edit triggers. `draft` is the unvalidated input, as the page's draft.
 */
export function appEdit(draft: unknown, readViews: (core: Evaluation) => unknown = () => 0) {
  const scenario = assertScenario(draft);
  const core = evaluateScenario(scenario, { breakevens: false, sensitivity: false });
  readViews(core);
  const analysis = analyseEvaluation(core);
  return decideOnBoardView({ ...core, breakevens: analysis.breakevens });
}
