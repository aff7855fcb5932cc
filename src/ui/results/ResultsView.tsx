import { type Accessor, createMemo, createSignal, For, type JSX, Show } from 'solid-js';
import { type Evaluation, evaluationOnView, VIEW_LABELS, viewAvailable } from '../../engine/index';
import type { FinancialView } from '../../schema/scenario';
import { Chart } from '../charts/Chart';
import {
  cashFlowData,
  cumulativeDiscountedData,
  hashpriceVsLeaseData,
  hashpriceVsLeaseOptions,
  largestTerminalValueUsd,
  strategyLinesOptions,
  tornadoData,
  tornadoOptions,
  unitEconomicsData,
  unitEconomicsOptions,
} from '../charts/configs';
import { Figure } from '../charts/Figure';
import type { Palette } from '../charts/theme';
import { useApp } from '../context';
import { formatUsdShort } from '../format';
import { UncertaintySection } from '../uncertainty/UncertaintySection';
import { Breakevens } from './Breakevens';
import { Comparables } from './Comparables';
import { FinancingPanel, ViewPicker } from './Financing';
import { StrategyCards } from './StrategyCards';
import { StressTestTable } from './StressTable';
import { ComparisonTable, UnitEconomicsTable } from './tables';
import { VerdictView } from './Verdict';

/** Container: picks the active tab's results from the app state and lays out the views. */
export function ResultsView(props: { palette: Palette }): JSX.Element {
  const app = useApp();
  const results = app.results;
  const issueCount = () => app.activeTab().issues.length;
  return (
    <div
      class="results-inner"
      classList={{ stale: results().stale }}
      data-stale={results().stale ? 'true' : 'false'}
    >
      <Show when={results().stale}>
        <p class="stale-banner" role="status" id="stale-banner">
          <strong>Stale:</strong> showing results for the last valid inputs. Fix{' '}
          {issueCount() === 1 ? 'the problem' : `the ${issueCount()} problems`} in the inputs to
          update them.
        </p>
      </Show>
      <Show when={results().engineError}>
        <p class="engine-error" role="alert">
          The engine could not evaluate these inputs ({results().engineError}); the figures shown
          are from the last successful run. Please report this scenario.
        </p>
      </Show>
      <Show
        when={results().evaluation}
        fallback={<p class="empty">No results yet: the engine could not evaluate this scenario.</p>}
      >
        {(evaluation) => <Results evaluation={evaluation} palette={props.palette} />}
      </Show>
    </div>
  );
}

function Results(props: { evaluation: Accessor<Evaluation>; palette: Palette }): JSX.Element {
  const app = useApp();
  // The view switch (docs/model.md §12): null follows the scenario's board view.
  const [chosenView, setChosenView] = createSignal<FinancialView | null>(null);
  const view = () => chosenView() ?? props.evaluation().boardView;
  const evaluated = props.evaluation;
  const evaluation = createMemo(() => evaluationOnView(evaluated(), view()));
  const shown = createMemo(() => evaluation().cases[app.caseIndex()] ?? evaluation().cases[0]!);
  const months = () => evaluation().months;
  const caseNote = () => `${shown().priceCase.name} case`;
  // A memo, so the comparables chart redraws only when the rate itself changes.
  const offerRate = createMemo(() => evaluation().scenario.lease.rateUsdPerKwMonth);
  // Options follow the theme only, so an input change updates data and nothing else.
  const options = createMemo(() => ({
    cashFlow: strategyLinesOptions(props.palette, '$ M per month'),
    cumulative: strategyLinesOptions(props.palette, '$ M, discounted'),
    hashprice: hashpriceVsLeaseOptions(props.palette),
    tornado: tornadoOptions(props.palette),
    unitEconomics: unitEconomicsOptions(props.palette),
  }));
  return (
    <>
      <Show when={viewAvailable(evaluated(), 'unlevered-after-tax')}>
        <div class="panel view-switch">
          <ViewPicker evaluation={evaluated()} view={view()} onChange={setChosenView} />
          <p class="note">
            Figures below: {VIEW_LABELS[view()].toLowerCase()}. Breakevens are solved on the board
            view ({VIEW_LABELS[evaluated().boardView].toLowerCase()}).
          </p>
        </div>
      </Show>
      <VerdictView decision={evaluation().decision} scenarioName={evaluation().scenario.name} />

      <section aria-labelledby="strategies-title" class="panel">
        <div class="panel-head">
          <h2 id="strategies-title">Strategies</h2>
          <CasePicker evaluation={evaluation()} />
        </div>
        <StrategyCards caseResult={shown()} />
      </section>

      <section aria-labelledby="comparison-title" class="panel">
        <h2 id="comparison-title">Comparison: every strategy under every price case</h2>
        <ComparisonTable evaluation={evaluation()} />
      </section>

      <FinancingPanel caseResult={evaluated().cases[app.caseIndex()] ?? evaluated().cases[0]!} />

      <section aria-labelledby="stress-title" class="panel">
        <h2 id="stress-title">
          Stress tests ({evaluation().stressTests.priceCaseName} case, every strategy)
        </h2>
        <StressTestTable table={evaluation().stressTests} />
      </section>

      <section
        aria-labelledby="breakevens-title"
        class="panel"
        classList={{ 'analysis-pending': app.results().analysisPending }}
        aria-busy={app.results().analysisPending}
      >
        <h2 id="breakevens-title">Breakevens</h2>
        <Breakevens decision={evaluation().decision} />
      </section>

      <section aria-labelledby="charts-title" class="panel">
        <h2 id="charts-title">Charts ({caseNote()})</h2>
        <div class="chart-grid">
          <Figure
            title="Monthly net cash flow"
            note={
              largestTerminalValueUsd(shown()) > 0
                ? `Per strategy, before discounting; without the terminal value in the last month (up to ${formatUsdShort(largestTerminalValueUsd(shown()))}).`
                : 'Per strategy, before discounting.'
            }
          >
            <Chart
              id="chart-cash-flow"
              label={`Line chart: monthly net cash flow of each strategy, ${caseNote()}`}
              type="line"
              data={cashFlowData(shown(), months(), props.palette)}
              options={options().cashFlow}
            />
          </Figure>
          <Figure title="Cumulative discounted cash flow" note="Ends at each strategy's NPV.">
            <Chart
              id="chart-cumulative"
              label={`Line chart: cumulative discounted cash flow of each strategy, ${caseNote()}`}
              type="line"
              data={cumulativeDiscountedData(shown(), months(), props.palette)}
              options={options().cumulative}
            />
          </Figure>
          <Figure
            title="Mining vs lease, per utility MW"
            note="Mining net per MW-month against the lease's rent per MW-month; hashprice on the right."
          >
            <Chart
              id="chart-hashprice"
              label={`Line chart: mining net and lease rent per utility MW-month, and hashprice, ${caseNote()}`}
              type="line"
              data={hashpriceVsLeaseData(shown(), months(), props.palette)}
              options={options().hashprice}
            />
          </Figure>
          <Figure
            tall
            title="Sensitivity of the conversion advantage"
            note={`NPV of converting now minus keep mining, one input moved at a time (${evaluation().cases[evaluation().referenceCaseIndex]!.priceCase.name} case).`}
          >
            <Chart
              id="chart-tornado"
              subject={`${evaluation().cases[evaluation().referenceCaseIndex]!.priceCase.name} case`}
              label="Tornado chart: change in the conversion advantage when each main input moves down or up"
              type="bar"
              data={tornadoData(evaluation().sensitivity, props.palette)}
              options={options().tornado}
            />
          </Figure>
          <Figure
            wide
            title="Unit economics per ASIC model"
            note="First month of the case: power cost as a share of revenue, and the BTC price at which a model switches off."
          >
            <Chart
              id="chart-unit-economics"
              label={`Bar chart: power cost share and shutdown BTC price per ASIC model, ${caseNote()}`}
              type="bar"
              data={unitEconomicsData(shown().unitEconomics, props.palette)}
              options={options().unitEconomics}
            />
            <UnitEconomicsTable models={shown().unitEconomics} />
          </Figure>
        </div>
      </section>

      <UncertaintySection palette={props.palette} />

      <section aria-labelledby="comparables-title" class="panel">
        <h2 id="comparables-title">Market comparables</h2>
        <Comparables offerUsdPerKwMonth={offerRate()} palette={props.palette} />
      </section>
    </>
  );
}

/** Which price case the cards and charts show; the table always shows every case. */
function CasePicker(props: { evaluation: Evaluation }): JSX.Element {
  const app = useApp();
  return (
    <fieldset class="case-picker">
      <legend>Price case shown</legend>
      <For each={props.evaluation.cases}>
        {(caseResult, index) => (
          <label>
            <input
              type="radio"
              name="case-picker"
              value={index()}
              checked={app.caseIndex() === index()}
              onChange={() => app.setCaseIndex(index())}
            />
            {caseResult.priceCase.name}
          </label>
        )}
      </For>
    </fieldset>
  );
}
