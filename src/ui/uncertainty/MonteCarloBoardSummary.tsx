import { Index, type JSX, Show } from 'solid-js';
import type { UncertaintyRun } from '../../state/uncertainty';
import { formatMillions, formatNumber, formatPercent, formatUsdShort } from '../format';
import { runMonthLabels } from './figures';
import { ruleSentence } from './WaitingRule';

/**
 * The Monte Carlo on paper, for the board pack: one compact percentile table (no scroll frame,
 * no ids, so it can sit on any page), the best waiting rule and the value of waiting, and the
 * run's paths and seed. The caller passes a run of the current inputs only.
 */
export function MonteCarloBoardSummary(props: { run: UncertaintyRun }): JSX.Element {
  const result = () => props.run.result;
  const policy = () => result().policy;
  const labels = () => runMonthLabels(props.run);
  return (
    <div class="mc-board">
      <table class="data">
        <caption class="sr-only">
          NPV of each strategy over the simulated paths and the share of paths on which it beats
          keeping mining
        </caption>
        <thead>
          <tr>
            <th scope="col">Strategy</th>
            <th scope="col" class="num">
              Mean NPV
              <br />
              <span class="unit-head">$ M</span>
            </th>
            <th scope="col" class="num">
              P5
              <br />
              <span class="unit-head">$ M</span>
            </th>
            <th scope="col" class="num">
              Median
              <br />
              <span class="unit-head">$ M</span>
            </th>
            <th scope="col" class="num">
              P95
              <br />
              <span class="unit-head">$ M</span>
            </th>
            <th scope="col" class="num">
              CVaR 5%
              <br />
              <span class="unit-head">$ M</span>
            </th>
            <th scope="col" class="num">
              Beats mining
              <br />
              <span class="unit-head">share of paths</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <Index each={result().strategies}>
            {(strategy) => (
              <tr>
                <th scope="row">{strategy().label}</th>
                <td class="num">{formatMillions(strategy().npv.meanUsd)}</td>
                <td class="num">{formatMillions(strategy().npv.p5Usd)}</td>
                <td class="num">{formatMillions(strategy().npv.medianUsd)}</td>
                <td class="num">{formatMillions(strategy().npv.p95Usd)}</td>
                <td class="num">{formatMillions(strategy().npv.cvar5Usd)}</td>
                <td class="num">
                  {strategy().versusKeepMining
                    ? formatPercent(strategy().versusKeepMining!.probabilityBeatsMining, 1, true)
                    : '—'}
                </td>
              </tr>
            )}
          </Index>
        </tbody>
      </table>
      <p>
        <strong>When to convert:</strong>{' '}
        {ruleSentence(policy().best, (m) => labels()[m] ?? `month ${m}`)}.{' '}
        <Show when={policy().optionValueUsd > 0} fallback="No waiting rule beats converting now.">
          Value of waiting over converting now: {formatUsdShort(policy().optionValueUsd)} (
          {formatUsdShort(policy().crossValidatedOptionValueUsd)} cross-validated).
        </Show>
      </p>
      <p class="footnote">
        {formatNumber(result().pathsEvaluated, 0)} simulated BTC price paths (volatility{' '}
        {formatNumber(result().settings.volatilityPctPerYear)}%/yr around the “
        {result().settings.priceCase}” case), difficulty following hashprice; seed{' '}
        {result().settings.seed}. Lease side drawn on every path: {result().settings.leaseRisk}.
        CVaR 5%: the mean of the worst 5% of paths.
      </p>
    </div>
  );
}
