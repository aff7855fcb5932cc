import { readdirSync, readFileSync } from 'node:fs';
import { type Evaluation, evaluate } from '../src/engine/evaluate';
import { buildLedgers } from '../src/engine/ledger';
import type { ScenarioInput } from '../src/schema/scenario';
import { assertScenario } from '../src/schema/validate';
import { appEdit, EDIT_RUNS, financed, readShownViews } from './appEdit';
import { type BenchResult, type BenchRow, measureInRounds } from './harness';

/**
 * Financing and tax (docs/model.md §12) on every preset: the app's whole evaluation of an edit
 * (`appEdit`: validation, every strategy, breakevens, tornado) without the sections, with them
 * on the pre-tax board view (the cost of the two extra views), and with the board on the levered
 * view (breakevens solved on it). The views are built when first read (evaluate.ts): an edit
 * reads those of the case on screen, the reference case, so each run reads them; the files read
 * every case's.
 */
const PRESETS_DIR = new URL('../scenarios/', import.meta.url);

function presets(): [string, ScenarioInput][] {
  return readdirSync(PRESETS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => [
      name.replace(/\.json$/, ''),
      JSON.parse(readFileSync(new URL(name, PRESETS_DIR), 'utf8')) as ScenarioInput,
    ]);
}

/** Every case's views, as the files read them. */
function readEveryView(evaluation: Evaluation): number {
  let npv = 0;
  for (const caseResult of evaluation.cases) {
    for (const strategy of caseResult.strategies) {
      npv += strategy.financing?.leveredAfterTax?.npvUsd ?? 0;
    }
  }
  return npv;
}

export async function runFinancingBench(): Promise<BenchResult[]> {
  // Warm the financed code on every preset first, as a session's first edits do: measured cold,
  // the first preset's views read 6.7 ms where its every-case row, measured later, read 5.0.
  for (let round = 0; round < 20; round += 1) {
    for (const [, input] of presets()) {
      readEveryView(evaluate(financed(input, 'unlevered-pre-tax')));
    }
  }
  // Every row in rounds, the presets taking turns (`measureInRounds`): each row's figure is its
  // quietest round's median.
  const rows: BenchRow[] = [];
  // The row after which each preset's added cost is shown: its views row, with its base row.
  const addedAfter = new Map<number, { base: number; name: string }>();
  for (const [name, input] of presets()) {
    const preTaxDraft = financed(input, 'unlevered-pre-tax');
    const leveredDraft = financed(input, 'levered-after-tax');
    const withViews = assertScenario(financed(input, 'unlevered-pre-tax'));
    const levered = assertScenario(financed(input, 'levered-after-tax'));
    addedAfter.set(rows.length + 1, { base: rows.length, name });
    rows.push(
      {
        name: `${name}: an edit in the app, no financing or tax (today)`,
        task: () => appEdit(input),
        runs: EDIT_RUNS,
        warmup: 30,
      },
      {
        name: `${name}: an edit in the app + the shown case's after-tax and levered views (board: pre-tax)`,
        task: () => appEdit(preTaxDraft, readShownViews),
        budgetMs: 5,
        runs: EDIT_RUNS,
        warmup: 30,
      },
      {
        name: `${name}: evaluate everything + every case's views (what a file export reads)`,
        task: () => readEveryView(evaluate(withViews)),
        runs: 40,
        warmup: 10,
      },
      {
        name: `${name}: an edit in the app, board on the levered view (breakevens on it) + the shown case's views`,
        task: () => appEdit(leveredDraft, readShownViews),
        // The budget holds for every board view.
        budgetMs: 5,
        runs: EDIT_RUNS,
        warmup: 10,
      },
      {
        name: `${name}: evaluate(), the same scenario validated (what the files and the CLI run)`,
        task: () => readShownViews(evaluate(levered)),
        runs: 40,
        warmup: 10,
      },
    );
  }
  const texas = assertScenario(
    financed(presets().find(([n]) => n.startsWith('texas'))![1], 'levered-after-tax'),
  );
  const texasEvaluation = evaluate(texas, { breakevens: false, sensitivity: false });
  const measured = await measureInRounds(rows);
  // After the edits' rounds, never between them: once the decimal ledgers have run, the generic
  // (float or decimal) engine code the edits share is no longer specialised to floats, and an
  // edit read some 65% slower in this process (the app builds ledgers in its export worker).
  const ledgers = await measureInRounds([
    {
      name: 'texas: decimal ledgers with debt and tax columns (5 strategies × 3 cases)',
      task: () =>
        buildLedgers(
          texas,
          texasEvaluation.cases.map((c) => c.bestConversionMonth),
        ),
      budgetMs: 50,
      runs: 10,
    },
  ]);
  const results: BenchResult[] = [];
  for (const [index, result] of measured.entries()) {
    results.push(result);
    const added = addedAfter.get(index);
    if (added) {
      const { base, name } = added;
      results.push({
        name: `${name}: added by financing and tax (quietest medians' difference)`,
        medianMs: result.medianMs - measured[base]!.medianMs,
        unit: 'ms',
        runs: 0,
      });
    }
  }
  results.push(...ledgers);
  return results;
}
