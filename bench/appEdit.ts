import { analyseEvaluation, type Evaluation, evaluateScenario } from '../src/engine/evaluate';
import { decideOnBoardView } from '../src/engine/views';
import { assertScenario } from '../src/schema/validate';

/**
 * Runs of each edit's budget row: about a second of edits, so a blip of the VM (a few hundred ms
 * at twice the time, docs/benchmarks.md) moves no median; 40 runs took 0.2 s, and one blip made
 * a row read 6.2 ms between two runs of 4.3.
 */
export const EDIT_RUNS = 200;

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
