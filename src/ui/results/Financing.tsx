import { For, type JSX, Show } from 'solid-js';
import { type CaseResult, type Evaluation, VIEW_LABELS, viewAvailable } from '../../engine/index';
import type { FinancialView } from '../../schema/scenario';
import { formatNumber, formatUsdShort, showIrr } from '../format';

const VIEWS: readonly FinancialView[] = [
  'unlevered-pre-tax',
  'unlevered-after-tax',
  'levered-after-tax',
];

/**
 * The view switch (docs/model.md §12): which figures the verdict, cards, table and charts show.
 * Only the views the scenario has are offered; the board view is marked.
 */
export function ViewPicker(props: {
  evaluation: Evaluation;
  view: FinancialView;
  onChange: (view: FinancialView) => void;
}): JSX.Element {
  return (
    <fieldset class="case-picker view-picker">
      <legend>View shown</legend>
      <For each={VIEWS.filter((view) => viewAvailable(props.evaluation, view))}>
        {(view) => (
          <label>
            <input
              type="radio"
              name="view-picker"
              value={view}
              checked={props.view === view}
              onChange={() => props.onChange(view)}
            />
            {VIEW_LABELS[view]}
            {view === props.evaluation.boardView ? ' (board)' : ''}
          </label>
        )}
      </For>
    </fieldset>
  );
}

/** Equity and debt figures of every strategy in the shown case (levered view). */
export function FinancingTable(props: { caseResult: CaseResult }): JSX.Element {
  const ratio = (value: number | null) => (value === null ? '—' : `${formatNumber(value, 2, 2)}×`);
  return (
    <div class="table-scroll">
      <table class="comparison financing-table">
        <caption>
          Levered equity, after tax ({props.caseResult.priceCase.name} case): what shareholders put
          in and earn once the debt is served and taxes paid.
        </caption>
        <thead>
          <tr>
            <th scope="col">Strategy</th>
            <th scope="col">NPV after tax</th>
            <th scope="col">Equity NPV</th>
            <th scope="col">Equity IRR</th>
            <th scope="col">Equity peak funding</th>
            <th scope="col">Term loan</th>
            <th scope="col">Sized by</th>
            <th scope="col">Min DSCR</th>
            <th scope="col">Average DSCR</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.caseResult.strategies}>
            {(strategy) => {
              const financing = strategy.financing!;
              const levered = financing.leveredAfterTax;
              const debt = levered?.projectDebt ?? null;
              return (
                <tr data-strategy={strategy.strategyId}>
                  <th scope="row">{strategy.label}</th>
                  <td>{formatUsdShort(financing.unleveredAfterTax.npvUsd)}</td>
                  <td>{levered ? formatUsdShort(levered.npvUsd) : '—'}</td>
                  <td>{levered ? showIrr(levered.irr).text : '—'}</td>
                  <td>{levered ? formatUsdShort(levered.peakFundingUsd) : '—'}</td>
                  <td>{debt ? formatUsdShort(debt.sizing.termLoanUsd) : '—'}</td>
                  <td>
                    {debt
                      ? debt.sizing.binding === 'dscr'
                        ? `DSCR ${formatNumber(debt.sizing.minDscr, 2, 2)}×`
                        : `LTC ${formatNumber(debt.sizing.loanToCost * 100, 1)}%`
                      : '—'}
                  </td>
                  <td>{ratio(levered?.minDscr ?? null)}</td>
                  <td>{ratio(levered?.averageDscr ?? null)}</td>
                </tr>
              );
            }}
          </For>
        </tbody>
      </table>
    </div>
  );
}

/** The financing panel: shown only when the scenario has `financing` or `tax`. */
export function FinancingPanel(props: { caseResult: CaseResult }): JSX.Element {
  return (
    <Show when={props.caseResult.strategies[0]?.financing}>
      <section aria-labelledby="financing-title" class="panel">
        <h2 id="financing-title">Financing and taxes</h2>
        <FinancingTable caseResult={props.caseResult} />
      </section>
    </Show>
  );
}
