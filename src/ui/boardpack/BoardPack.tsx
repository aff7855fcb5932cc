import type { ChartConfiguration } from 'chart.js';
import {
  createEffect,
  createMemo,
  createSignal,
  For,
  Index,
  type JSX,
  on,
  onMount,
  Show,
} from 'solid-js';
import { LEASE_DEALS } from '../../data/lease-deals';
import {
  type Evaluation,
  evaluationOnView,
  type SensitivityRow,
  VIEW_LABELS,
} from '../../engine/index';
import { localIsoDate } from '../../state/files';
import type { UncertaintyRun } from '../../state/uncertainty';
import {
  comparablesData,
  comparablesOptions,
  cumulativeDiscountedData,
  hashpriceVsLeaseData,
  hashpriceVsLeaseOptions,
  strategyLinesOptions,
  tornadoData,
  tornadoOptions,
} from '../charts/configs';
import type { Palette } from '../charts/theme';
import { useApp } from '../context';
import { chartImageUrl } from '../files/chartImage';
import { useFiles } from '../files/context';
import { formatMillions, formatUsdShort } from '../format';
import { Breakevens } from '../results/Breakevens';
import { ComparablesNote, ComparablesTable } from '../results/Comparables';
import { FinancingTable } from '../results/Financing';
import { StressTestTable } from '../results/StressTable';
import { ComparisonTable, UnitEconomicsTable } from '../results/tables';
import { MonteCarloBoardSummary } from '../uncertainty/MonteCarloBoardSummary';
import { assumptionGroups } from './assumptions';
import { DecisionDrivers } from './DecisionDrivers';

export type Paper = 'a4' | 'letter';

const PAPERS: readonly { value: Paper; label: string }[] = [
  { value: 'a4', label: 'A4' },
  { value: 'letter', label: 'US Letter' },
];

/**
 * CSS size of the board pack's charts: the text width of A4 with its margins (180 mm ≈ 680 px),
 * so an image prints at its drawn size on A4 and a little larger on Letter.
 */
const CHART_WIDTH_PX = 680;
const LINE_CHART_HEIGHT_PX = 270;
/** The tornado's height grows with its rows (two-line labels). */
const tornadoHeightPx = (rows: number) => 70 + rows * 44;
/** The comparables' bars: one per priced deal plus the offer. */
const COMPARABLES_HEIGHT_PX = 320;

/** "March 12, 2026": a date a reader anywhere can read, in the app's one locale. */
export function longDate(date: Date): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long' }).format(date);
}

/**
 * The board pack (docs/app.md, "Board pack"): the answer on paper for the active tab, with a
 * toolbar that is not printed. Charts are drawn once as images at print resolution, and
 * "Download PDF" waits until they are.
 */
export function BoardPack(props: { palette: Palette }): JSX.Element {
  const app = useApp();
  const { boardPack } = useFiles();
  const [paper, setPaper] = createSignal<Paper>('a4');
  const [ready, setReady] = createSignal(false);
  const prepared = new Date();
  let back: HTMLButtonElement | undefined;
  onMount(() => {
    window.scrollTo(0, 0);
    back?.focus();
  });
  return (
    <div class="boardpack-view">
      {/* Landmarks: the toolbar is the page's banner, the pack its main content. */}
      <header class="boardpack-toolbar">
        <button
          ref={back}
          type="button"
          class="button-quiet"
          onClick={() => {
            boardPack.close();
            // The app is back on the page at once: return focus to where the pack was opened.
            document.getElementById('export-menu')?.focus();
          }}
        >
          ← Back to the app
        </button>
        <label class="paper-choice">
          Paper
          <select id="bp-paper" onChange={(event) => setPaper(event.currentTarget.value as Paper)}>
            <For each={PAPERS}>
              {(option) => (
                <option value={option.value} selected={paper() === option.value}>
                  {option.label}
                </option>
              )}
            </For>
          </select>
        </label>
        <button
          type="button"
          id="bp-print"
          class="button"
          disabled={!ready()}
          onClick={() => window.print()}
        >
          {ready() ? 'Download PDF' : 'Preparing charts…'}
        </button>
        <p class="boardpack-hint">
          Download PDF opens your browser's print dialog: choose “Save as PDF” as the destination
          and the same paper size ({paper() === 'a4' ? 'A4' : 'US Letter'}).
        </p>
      </header>
      <main class="boardpack-main">
        <Show
          when={app.results().evaluation}
          fallback={
            <p class="empty">No board pack: the engine could not evaluate this scenario.</p>
          }
        >
          {(evaluation) => (
            <Pack
              evaluation={evaluationOnView(evaluation(), evaluation().boardView)}
              caseIndex={app.caseIndex()}
              stale={app.results().stale}
              palette={props.palette}
              paper={paper()}
              prepared={prepared}
              monteCarlo={app.uncertainty.current() ? app.uncertainty.shown() : null}
              onReady={setReady}
            />
          )}
        </Show>
      </main>
    </div>
  );
}

interface PackChart {
  readonly id: string;
  readonly title: string;
  readonly note: string;
  readonly alt: string;
  readonly heightPx: number;
  readonly config: ChartConfiguration<'line'> | ChartConfiguration<'bar'>;
}

function Pack(props: {
  evaluation: Evaluation;
  caseIndex: number;
  stale: boolean;
  palette: Palette;
  paper: Paper;
  prepared: Date;
  /** A Monte Carlo run of these same inputs, or null: its summary is printed when there is one. */
  monteCarlo: UncertaintyRun | null;
  onReady: (ready: boolean) => void;
}): JSX.Element {
  const verdict = () => props.evaluation.decision;
  const shown = createMemo(
    () => props.evaluation.cases[props.caseIndex] ?? props.evaluation.cases[0]!,
  );
  const referenceCase = () =>
    props.evaluation.cases[props.evaluation.referenceCaseIndex]!.priceCase.name;
  const months = () => props.evaluation.months;
  const offerRate = () => props.evaluation.scenario.lease.rateUsdPerKwMonth;

  // The same data and options builders as the page's charts, drawn at print size.
  const charts = createMemo((): PackChart[] => {
    const palette = props.palette;
    const caseName = shown().priceCase.name;
    return [
      {
        id: 'bp-chart-cumulative',
        title: 'Cumulative discounted cash flow',
        note: `Each strategy's running total of discounted cash flow, ending at its NPV (${caseName} case, $ M).`,
        alt: `Line chart: cumulative discounted cash flow of each strategy, ${caseName} case`,
        heightPx: LINE_CHART_HEIGHT_PX,
        config: {
          type: 'line',
          data: cumulativeDiscountedData(shown(), months(), palette),
          options: strategyLinesOptions(palette, '$ M, discounted'),
        },
      },
      {
        id: 'bp-chart-hashprice',
        title: 'Mining vs lease, per utility MW',
        note: `Mining net against lease rent per utility MW-month, with hashprice on the right axis (${caseName} case).`,
        alt: `Line chart: mining net and lease rent per utility MW-month, and hashprice, ${caseName} case`,
        heightPx: LINE_CHART_HEIGHT_PX,
        config: {
          type: 'line',
          data: hashpriceVsLeaseData(shown(), months(), palette),
          options: hashpriceVsLeaseOptions(palette),
        },
      },
      {
        id: 'bp-chart-tornado',
        title: 'Sensitivity of the conversion advantage',
        note: `NPV of converting now minus keep mining as one input moves down or up (${referenceCase()} case, $ M).`,
        alt: 'Tornado chart: change in the conversion advantage when each main input moves down or up',
        heightPx: tornadoHeightPx(props.evaluation.sensitivity.length),
        config: {
          type: 'bar',
          data: tornadoData(props.evaluation.sensitivity, palette),
          options: tornadoOptions(palette),
        },
      },
      {
        id: 'bp-chart-comparables',
        title: 'The lease offer against public deals',
        note: 'Year-1 rent of the offer against the average rent of each public AI/HPC lease signed by a miner ($ per kW of IT per month).',
        alt: "Bar chart: the offer's rent per kW-month against the public deals' average rents",
        heightPx: COMPARABLES_HEIGHT_PX,
        config: {
          type: 'bar',
          data: comparablesData(offerRate(), LEASE_DEALS, palette),
          options: comparablesOptions(palette),
        },
      },
    ];
  });

  // Draws every chart once per change of data or palette; a slower earlier run is ignored. A
  // chart that cannot be drawn says so in its place, and the rest of the pack still prints.
  const [images, setImages] = createSignal<Readonly<Record<string, string>>>({});
  const [drawError, setDrawError] = createSignal<string | null>(null);
  let run = 0;
  createEffect(
    on(charts, (list) => {
      run += 1;
      const mine = run;
      props.onReady(false);
      setDrawError(null);
      Promise.all(
        list.map((chart) =>
          chartImageUrl(chart.config as ChartConfiguration, CHART_WIDTH_PX, chart.heightPx),
        ),
      ).then(
        (urls) => {
          if (mine !== run) return;
          setImages(Object.fromEntries(list.map((chart, i) => [chart.id, urls[i]!])));
          props.onReady(true);
        },
        (error: unknown) => {
          if (mine !== run) return;
          setDrawError(error instanceof Error ? error.message : String(error));
          props.onReady(true);
        },
      );
    }),
  );
  const chartsDone = () => drawError() !== null || Object.keys(images()).length === charts().length;

  const figure = (chart: PackChart, children?: JSX.Element) => (
    <figure class="bp-figure" id={chart.id}>
      <figcaption>
        <h3>{chart.title}</h3>
        <p>{chart.note}</p>
      </figcaption>
      <Show
        when={images()[chart.id]}
        fallback={
          <div class="bp-chart-placeholder">
            {drawError() === null
              ? 'Preparing the chart…'
              : `The chart could not be drawn (${drawError()}); its figures are in the tables.`}
          </div>
        }
      >
        {(src) => (
          <img
            class="bp-chart"
            src={src()}
            alt={chart.alt}
            width={CHART_WIDTH_PX}
            height={chart.heightPx}
          />
        )}
      </Show>
      {children}
    </figure>
  );

  return (
    <article
      class={`boardpack paper-${props.paper}`}
      aria-labelledby="bp-title"
      data-ready={chartsDone() ? 'true' : 'false'}
    >
      <header class="bp-header">
        <p class="bp-kicker">Board pack · Mine or Lease</p>
        <h1 id="bp-title">{props.evaluation.scenario.name}</h1>
        <p class="bp-meta">
          Prepared <time datetime={localIsoDate(props.prepared)}>{longDate(props.prepared)}</time>
          {' · '}
          {props.evaluation.scenario.horizonMonths} months from {months()[0]?.label} ·{' '}
          {boardViewText(props.evaluation)}, USD
        </p>
        <Show when={props.stale}>
          <p class="bp-stale">
            This tab's inputs have problems: the pack shows its last valid inputs.
          </p>
        </Show>
      </header>

      <section class="bp-section bp-recommendation" aria-labelledby="bp-recommendation-title">
        <h2 id="bp-recommendation-title">Recommendation</h2>
        <p class="bp-verdict" id="bp-verdict">
          {verdict().sentence}
        </p>
        <dl class="bp-figures">
          <div class="bp-figure-item">
            <dt>Highest NPV ({verdict().caseName} case)</dt>
            <dd>
              {verdict().best.label}: {formatUsdShort(verdict().best.npvUsd)}
            </dd>
          </div>
          <div class="bp-figure-item">
            <dt>Keep mining NPV</dt>
            <dd>{formatUsdShort(verdict().keepMining.npvUsd)}</dd>
          </div>
          <div class="bp-figure-item">
            <dt>Same strategy best in</dt>
            <dd>
              {verdict().casesWon.length} of {verdict().caseCount} price cases
            </dd>
          </div>
        </dl>
      </section>

      {/* Issue 9: the engine's drivers and warnings, under the recommendation. */}
      <DecisionDrivers evaluation={props.evaluation} />

      <section class="bp-section" aria-labelledby="bp-options-title">
        <h2 id="bp-options-title">Options: every strategy under every BTC price case</h2>
        <ComparisonTable evaluation={props.evaluation} />
      </section>

      <Show when={shown().strategies[0]?.financing}>
        <section class="bp-section" aria-labelledby="bp-financing-title">
          <h2 id="bp-financing-title">Financing and taxes</h2>
          <FinancingTable caseResult={shown()} />
        </section>
      </Show>

      <section class="bp-section bp-breakevens" aria-labelledby="bp-breakevens-title">
        <h2 id="bp-breakevens-title">Breakevens</h2>
        <Breakevens decision={props.evaluation.decision} />
      </section>

      <section class="bp-section" aria-labelledby="bp-charts-title">
        <h2 id="bp-charts-title">Cash flows and prices, {shown().priceCase.name} case</h2>
        {figure(charts()[0]!)}
        {figure(charts()[1]!)}
      </section>

      <section class="bp-section" aria-labelledby="bp-sensitivity-title">
        <h2 id="bp-sensitivity-title">Sensitivity</h2>
        {figure(charts()[2]!, <SensitivityTable rows={props.evaluation.sensitivity} />)}
      </section>

      <section class="bp-section" aria-labelledby="bp-unit-economics-title">
        <h2 id="bp-unit-economics-title">
          Unit economics per ASIC model, first month ({shown().priceCase.name} case)
        </h2>
        <UnitEconomicsTable models={shown().unitEconomics} />
      </section>

      <section class="bp-section" aria-labelledby="bp-comparables-title">
        <h2 id="bp-comparables-title">Market comparables</h2>
        <ComparablesNote offerUsdPerKwMonth={offerRate()} />
        {figure(charts()[3]!, <ComparablesTable id="bp-comparables-table" />)}
      </section>

      <section class="bp-section" aria-labelledby="bp-stress-title">
        <h2 id="bp-stress-title">
          Stress tests ({props.evaluation.stressTests.priceCaseName} case)
        </h2>
        <StressTestTable table={props.evaluation.stressTests} />
      </section>

      <Show when={props.monteCarlo}>
        {(run) => (
          <section class="bp-section" aria-labelledby="bp-uncertainty-title">
            <h2 id="bp-uncertainty-title">Uncertainty (Monte Carlo)</h2>
            <MonteCarloBoardSummary run={run()} />
          </section>
        )}
      </Show>

      <section class="bp-section bp-assumptions-section" aria-labelledby="bp-assumptions-title">
        <h2 id="bp-assumptions-title">Main assumptions</h2>
        <div class="bp-assumptions">
          <For each={assumptionGroups(props.evaluation)}>
            {(group) => (
              <div class="bp-assumption-group">
                <h3 class="bp-group-title">{group.title}</h3>
                <dl>
                  <For each={group.rows}>
                    {(row) => (
                      <div class="bp-assumption">
                        <dt>{row.label}</dt>
                        <dd>{row.value}</dd>
                      </div>
                    )}
                  </For>
                </dl>
              </div>
            )}
          </For>
        </div>
        <Show when={props.evaluation.scenario.notes.trim() !== ''}>
          <p class="bp-notes">
            <strong>Scenario notes:</strong> {props.evaluation.scenario.notes}
          </p>
        </Show>
      </section>

      <footer class="bp-footer">
        Every figure comes from the scenario's inputs through the Mine or Lease engine; the workbook
        export (XLSX) recomputes the NPVs and IRRs with live formulas for audit.
      </footer>
    </article>
  );
}

/** The tornado's figures as a table: the advantage of converting now at each input's extremes. */
function SensitivityTable(props: { rows: readonly SensitivityRow[] }): JSX.Element {
  return (
    <table class="data bp-sensitivity" id="bp-sensitivity-table">
      <caption>
        Conversion advantage (NPV of converting now minus keep mining) with one input moved; base:{' '}
        {formatUsdShort(props.rows[0]?.baseAdvantageUsd ?? 0)}.
      </caption>
      <thead>
        <tr>
          <th scope="col">Input</th>
          <th scope="col">Moved down / up</th>
          <th scope="col" class="num">
            Input down
            <br />
            <span class="unit-head">$ M</span>
          </th>
          <th scope="col" class="num">
            Input up
            <br />
            <span class="unit-head">$ M</span>
          </th>
        </tr>
      </thead>
      <tbody>
        <Index each={props.rows}>
          {(row) => (
            <tr>
              <th scope="row">{row().label}</th>
              <td>
                {row().lowLabel} / {row().highLabel}
              </td>
              <td class="num">{formatMillions(row().lowAdvantageUsd)}</td>
              <td class="num">{formatMillions(row().highAdvantageUsd)}</td>
            </tr>
          )}
        </Index>
      </tbody>
    </table>
  );
}

/** "pre-tax, unlevered" (the default) or the board view the scenario chose (docs/model.md §12). */
export function boardViewText(evaluation: Evaluation): string {
  return evaluation.boardView === 'unlevered-pre-tax'
    ? 'pre-tax, unlevered'
    : VIEW_LABELS[evaluation.boardView].toLowerCase();
}
