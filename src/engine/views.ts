import type { FinancialView } from '../schema/scenario';
import { decide } from './decision';
import type { CaseResult, Evaluation, StrategyResult } from './evaluate';
import { lazyField, lazySource } from './lazyFields';
import { hasFinancingOrTax, strategyViewNpvUsd, type ViewFigures, viewFigures } from './levered';
import { memoized } from './memoized';

/** What each view is called, for every screen and file (docs/model.md §12). */
export const VIEW_LABELS: Readonly<Record<FinancialView, string>> = {
  'unlevered-pre-tax': 'Unlevered, pre-tax',
  'unlevered-after-tax': 'Unlevered, after tax',
  'levered-after-tax': 'Levered equity, after tax',
};

/**
 * Whether an evaluation has the figures of `view` (the after-tax views need `tax`/`financing`),
 * read off its scenario: the views themselves are built when first read (evaluate.ts).
 */
export function viewAvailable(
  evaluation: Pick<Evaluation, 'scenario'>,
  view: FinancialView,
): boolean {
  if (view === 'unlevered-pre-tax') return true;
  const { scenario } = evaluation;
  return view === 'unlevered-after-tax'
    ? hasFinancingOrTax(scenario)
    : scenario.financing !== undefined;
}

/**
 * The evaluation read on `view`: every strategy's flows, NPV, IRR, paybacks, peak funding, MOIC
 * and incremental figures replaced by the view's, so the verdict, the comparison table and the
 * board pack read any view unchanged. The pre-tax view (or a view the scenario lacks) returns the
 * evaluation itself. Breakevens are solved on the board view by `evaluate`.
 */
export function evaluationOnView(evaluation: Evaluation, view: FinancialView): Evaluation {
  if (!viewAvailable(evaluation, view)) return evaluation;
  if (view === 'unlevered-pre-tax') {
    // The figures are the evaluation's own; the decision is re-read when it was on another view.
    return view === evaluation.boardView
      ? evaluation
      : { ...evaluation, decision: decide(evaluation) };
  }
  const cases = casesOnView(evaluation, view);
  // On the board view the evaluation's decision is this view's already (`decideOnBoardView`, from
  // these very cases): the page reads the board view on every edit, and again when its
  // breakevens land. Another view's decision is read on its figures: the verdict follows the view.
  if (view === evaluation.boardView) return { ...evaluation, cases };
  return { ...evaluation, cases, decision: decide({ ...evaluation, cases }) };
}

/**
 * Every strategy's figures replaced by the view's (the pre-tax view: the cases themselves). Each
 * figure is read when first asked for, as the evaluation's own are: the IRRs stay unsolved, and
 * outside the reference case (whose figures the page shows) the NPV is read without building the
 * view's figures (`strategyViewNpvUsd`) — the decision reads every case's NPVs and nothing else.
 */
export function casesOnView(
  evaluation: Pick<Evaluation, 'scenario' | 'cases'> & { readonly referenceCaseIndex?: number },
  view: FinancialView,
): CaseResult[] {
  const { cases } = evaluation;
  if (view === 'unlevered-pre-tax' || !viewAvailable(evaluation, view)) return [...cases];
  // Kept with the cases (a hidden slot of their array): the decision, its restatement when the
  // breakevens land and the page read the same strategies on the board view, their figures and
  // NPVs solved once. The cases are never mutated, so neither are these.
  const kept = (cases as { [ON_VIEW]?: KeptOnView })[ON_VIEW];
  if (kept?.view === view && kept.referenceCaseIndex === evaluation.referenceCaseIndex) {
    return kept.cases;
  }
  const onView = cases.map((result, index) => ({
    ...result,
    strategies: result.strategies.map((strategy) =>
      strategyOnView(strategy, view, index === evaluation.referenceCaseIndex),
    ),
  }));
  if (Object.isExtensible(cases)) {
    const slot: KeptOnView = {
      view,
      referenceCaseIndex: evaluation.referenceCaseIndex,
      cases: onView,
    };
    Object.defineProperty(cases, ON_VIEW, { value: slot, writable: true });
  }
  return onView;
}

/** The cases' hidden slot for the last view they were read on (not copied, listed or serialised). */
const ON_VIEW: unique symbol = Symbol('cases on a view');

interface KeptOnView {
  readonly view: FinancialView;
  readonly referenceCaseIndex: number | undefined;
  readonly cases: CaseResult[];
}

/**
 * The figures a view replaces, in {@link StrategyResult}'s order (the pre-tax discounted flows,
 * NPV by class and invested capital stay the strategy's, between the first two and the rest).
 */
const VIEW_FIGURE_KEYS = [
  'netCashFlowUsd',
  'npvUsd',
  'irr',
  'payback',
  'discountedPayback',
  'peakFundingUsd',
  'moic',
  'incremental',
] as const satisfies readonly (keyof ViewFigures)[];

/**
 * One strategy read on `view`: the fields of {@link StrategyResult} in its order, the view's
 * figures read when first asked for (shared getters, `lazyFields`: the decision builds one per
 * strategy and case on every edit). `financing` stays a getter, so the views are still built only
 * when read.
 */
function strategyOnView(
  strategy: StrategyResult,
  view: FinancialView,
  shown: boolean,
): StrategyResult {
  const figures = memoized((): ViewFigures => viewFigures(strategy, view));
  const onView: Record<string, unknown> = {
    strategyId: strategy.strategyId,
    label: strategy.label,
    convertUtilityMw: strategy.convertUtilityMw,
    convertItMw: strategy.convertItMw,
    conversionStartMonth: strategy.conversionStartMonth,
    lines: strategy.lines,
    miningShare: strategy.miningShare,
  };
  // Every view figure from the view's own figures; the NPV outside the shown case without them.
  // One object literal, not keys added to it in a loop: closures stored by computed key kept
  // every evaluation's strategies alive through the minor collections until the next full one
  // (3.4 MB promoted at each scavenge; regression test in test/engine/youngGarbage.test.ts).
  const thunks: Readonly<Record<(typeof VIEW_FIGURE_KEYS)[number] | 'financing', () => unknown>> = {
    financing: () => strategy.financing,
    netCashFlowUsd: () => figures().netCashFlowUsd,
    npvUsd: shown ? () => figures().npvUsd : memoized(() => strategyViewNpvUsd(strategy, view)),
    irr: () => figures().irr,
    payback: () => figures().payback,
    discountedPayback: () => figures().discountedPayback,
    peakFundingUsd: () => figures().peakFundingUsd,
    moic: () => figures().moic,
    incremental: () => figures().incremental,
  };
  lazySource(onView, thunks);
  lazyField(onView, 'netCashFlowUsd');
  onView.discountedCashFlowUsd = strategy.discountedCashFlowUsd;
  lazyField(onView, 'npvUsd');
  onView.npvByClassUsd = strategy.npvByClassUsd;
  onView.investedCapitalUsd = strategy.investedCapitalUsd;
  for (const key of VIEW_FIGURE_KEYS.slice(2)) lazyField(onView, key);
  lazyField(onView, 'financing');
  return onView as unknown as StrategyResult;
}

/**
 * The decision of an evaluation stated on its board view (docs/model.md §12), from its cases and
 * breakevens: what `evaluate` stores, and what a caller that solves the breakevens later (the
 * page) recomputes when they arrive.
 */
export function decideOnBoardView(evaluation: Omit<Evaluation, 'decision'>) {
  return decide({ ...evaluation, cases: casesOnView(evaluation, evaluation.boardView) });
}
