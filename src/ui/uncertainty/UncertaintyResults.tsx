import { createMemo, createSignal, For, type JSX, Show } from 'solid-js';
import type { StrategyId } from '../../engine/index';
import type { MonteCarloResult, StrategyDistribution } from '../../engine/montecarlo/index';
import type { UncertaintyRun } from '../../state/uncertainty';
import { Chart } from '../charts/Chart';
import { Figure } from '../charts/Figure';
import {
  deltaHistogramData,
  deltaHistogramOptions,
  fanData,
  fanOptions,
  histogramRange,
} from '../charts/monteCarloConfigs';
import type { Palette } from '../charts/theme';
import { formatNumber, formatPercent, formatUsdShort } from '../format';
import { DeltaDistributionTable, NpvDistributionTable } from './DistributionTables';
import { formatUsdWithError, runMonthLabels, Z_95 } from './figures';
import { ProbabilityGauge } from './ProbabilityGauge';
import { WaitingRule } from './WaitingRule';

/**
 * The last completed Monte Carlo result of the active tab: probability gauge and ΔNPV histogram
 * for a chosen converting strategy, fans of hashprice and cumulative cash, percentile tables and
 * the best waiting rule; dimmed and labelled while a newer run is under way. Loaded lazily.
 */
export default function UncertaintyResults(props: {
  run: UncertaintyRun;
  palette: Palette;
  /**
   * Whether these figures are for earlier inputs: `updating` while a newer run is under way,
   * `out-of-date` when it was cancelled or failed. Either way they stay dimmed and labelled.
   */
  stale: 'updating' | 'out-of-date' | null;
}): JSX.Element {
  const result = () => props.run.result;
  const labels = createMemo(() => runMonthLabels(props.run));
  const mcSubject = () => monteCarloSubject(result());
  const monthLabel = (month: number) => labels()[month] ?? `month ${month}`;
  const converting = createMemo(() => result().strategies.filter((s) => s.versusKeepMining));
  const [deltaId, setDeltaId] = createSignal<StrategyId>('convert-now');
  const chosen = createMemo(
    () => converting().find((s) => s.strategyId === deltaId()) ?? converting()[0],
  );
  const [cashId, setCashId] = createSignal<StrategyId>('keep-mining');
  const cashFan = createMemo(() => {
    const fans = result().fanCharts.cumulativeCashUsd;
    return fans.find((fan) => fan.strategyId === cashId()) ?? fans[0]!;
  });
  const color = (id: StrategyId) => props.palette.strategy[id];
  // Options follow the theme only (the histogram's also its range), as elsewhere on the page.
  const hashpriceOptions = createMemo(() =>
    fanOptions(
      props.palette,
      '$/PH/day (log scale)',
      (v) => `$${formatNumber(v, 1, 1)}/PH/day`,
      true,
    ),
  );
  const cashOptions = createMemo(() =>
    fanOptions(props.palette, '$ M, cumulative, undiscounted', (v) => formatUsdShort(v * 1e6)),
  );

  return (
    <div
      class="mc-results"
      classList={{ updating: props.stale !== null }}
      data-stale={props.stale ?? 'no'}
      aria-describedby={props.stale ? 'mc-updating' : undefined}
    >
      <Show when={props.stale}>
        <p class="mc-updating" id="mc-updating">
          {props.stale === 'updating'
            ? 'Updating: these figures are for the previous inputs.'
            : 'Out of date: these figures are for earlier inputs. Press Run to update them.'}
        </p>
      </Show>
      <Show when={chosen()}>
        {(strategy) => (
          <DeltaOverview
            strategy={strategy()}
            converting={converting()}
            result={result()}
            palette={props.palette}
            color={color(strategy().strategyId)}
            onPick={setDeltaId}
          />
        )}
      </Show>
      <div class="chart-grid">
        <Figure
          title="BTC hashprice"
          note={`Percentile bands of the simulated hashprice by month; dashed: the ${result().settings.priceCase} case.`}
        >
          <Chart
            id="chart-mc-hashprice"
            subject={mcSubject()}
            label="Fan chart: 5th to 95th and 25th to 75th percentiles and median of hashprice by month"
            type="line"
            data={fanData(
              result().fanCharts.hashpriceUsdPerThDay,
              labels(),
              props.palette.hashprice,
              props.palette,
              1000,
            )}
            options={hashpriceOptions()}
          />
        </Figure>
        <Figure
          title="Cumulative net cash"
          note={
            <label class="inline-pick">
              Strategy{' '}
              <select
                id="mc-cash-strategy"
                onChange={(event) => setCashId(event.currentTarget.value as StrategyId)}
              >
                <For each={result().fanCharts.cumulativeCashUsd}>
                  {(fan) => (
                    <option
                      value={fan.strategyId}
                      selected={fan.strategyId === cashFan().strategyId}
                    >
                      {fan.label}
                    </option>
                  )}
                </For>
              </select>
            </label>
          }
        >
          <Chart
            id="chart-mc-cash"
            subject={mcSubject()}
            label={`Fan chart: percentiles of cumulative net cash by month, ${cashFan().label}`}
            type="line"
            data={fanData(cashFan(), labels(), color(cashFan().strategyId), props.palette, 1e-6)}
            options={cashOptions()}
          />
        </Figure>
      </div>

      <h3 class="mc-subhead">NPV over the paths</h3>
      <NpvDistributionTable strategies={result().strategies} />
      <h3 class="mc-subhead">Converting minus keep mining, path by path</h3>
      <DeltaDistributionTable strategies={result().strategies} />

      <h3 class="mc-subhead">When to convert</h3>
      <WaitingRule policy={result().policy} monthLabel={monthLabel} />

      <p class="footnote" id="mc-settings">
        {settingsNote(result())}
      </p>
    </div>
  );
}

/** The gauge, the ΔNPV histogram and its key figures for one converting strategy. */
function DeltaOverview(props: {
  strategy: StrategyDistribution;
  converting: readonly StrategyDistribution[];
  result: MonteCarloResult;
  palette: Palette;
  color: string;
  onPick: (id: StrategyId) => void;
}): JSX.Element {
  const versus = () => props.strategy.versusKeepMining!;
  const delta = () => versus().delta;
  const range = createMemo(() => histogramRange(versus().histogram));
  const options = createMemo(() => deltaHistogramOptions(props.palette, range()));
  const zeroNote = () => {
    const { min, max } = range();
    if (min > 0)
      return ` Zero is off the chart: the lowest path is ${formatUsdShort(delta().minUsd)}.`;
    if (max < 0)
      return ` Zero is off the chart: the highest path is ${formatUsdShort(delta().maxUsd)}.`;
    return '';
  };
  return (
    <div class="mc-overview">
      <div class="mc-gauge-block">
        <label class="inline-pick">
          Converting strategy{' '}
          <select
            id="mc-strategy"
            onChange={(event) => props.onPick(event.currentTarget.value as StrategyId)}
          >
            <For each={props.converting}>
              {(s) => (
                <option value={s.strategyId} selected={s.strategyId === props.strategy.strategyId}>
                  {s.label}
                </option>
              )}
            </For>
          </select>
        </label>
        <ProbabilityGauge
          id="mc-gauge"
          probability={versus().probabilityBeatsMining}
          standardError={versus().probabilityStandardError}
          interval={versus().probabilityInterval95}
          paths={props.result.pathsEvaluated}
          strategyLabel={props.strategy.label}
          strategyId={props.strategy.strategyId}
        />
        <dl class="key-figures mc-delta-figures">
          <div>
            <dt>Mean ΔNPV</dt>
            <dd data-usd={String(delta().meanUsd)}>
              {formatUsdWithError(delta().meanUsd, Z_95 * delta().standardErrorUsd)}
            </dd>
          </div>
          <div>
            <dt>P5 ΔNPV</dt>
            <dd data-usd={String(delta().p5Usd)}>{formatUsdShort(delta().p5Usd)}</dd>
          </div>
          <div>
            <dt>CVaR 5% of ΔNPV</dt>
            <dd data-usd={String(delta().cvar5Usd)}>{formatUsdShort(delta().cvar5Usd)}</dd>
          </div>
        </dl>
      </div>
      <Figure
        title="ΔNPV: converting minus keep mining"
        note={`${props.strategy.label} minus keep mining on each path; ${formatPercent(1 - versus().probabilityBeatsMining, 1)} of paths below zero.${zeroNote()}`}
      >
        <Chart
          id="chart-mc-histogram"
          subject={monteCarloSubject(props.result)}
          label={`Histogram of the NPV of ${props.strategy.label} minus keep mining over the paths, with the zero line`}
          type="bar"
          data={deltaHistogramData(
            versus().histogram,
            props.result.pathsEvaluated,
            props.color,
            props.palette,
          )}
          options={options()}
        />
      </Figure>
    </div>
  );
}

/** The run's settings and accuracy in one line. */
function settingsNote(result: MonteCarloResult): string {
  const s = result.settings;
  const drift = s.driftPctPerYear === null ? '' : `, drift ${formatNumber(s.driftPctPerYear)}%/yr`;
  return [
    `${formatNumber(result.pathsEvaluated, 0)} paths, seed ${s.seed}; BTC price around the “${s.priceCase}” case as its mean${drift}, volatility ${formatNumber(s.volatilityPctPerYear)}%/yr, jumps: ${s.jumps};`,
    `difficulty follows hashprice with elasticity ${formatNumber(s.difficultyElasticityPerMonth)}/month and a ${s.difficultyLagMonths}-month lag;`,
    `lease side: ${s.leaseRisk}.`,
    `± 95% CI is the Monte Carlo error of a mean, not the spread of outcomes; percentiles within ${formatPercent(result.accuracy.npvQuantileRelativeError, 2)} of their distance from the deterministic value (fans ${formatPercent(result.accuracy.fanQuantileRelativeError, 2)}).`,
  ].join(' ');
}

/** The saved PNG's subject: "Monte Carlo, 10,000 paths around the base case". */
function monteCarloSubject(result: MonteCarloResult): string {
  return `Monte Carlo, ${formatNumber(result.pathsEvaluated, 0)} paths around the ${result.settings.priceCase} case`;
}
