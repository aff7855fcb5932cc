import { For, Index, type JSX } from 'solid-js';
import type { DistributionSummary, StrategyDistribution } from '../../engine/montecarlo/index';
import { strategyClass } from '../charts/theme';
import { formatMillions, formatPercent } from '../format';
import { TableScroll } from '../results/TableScroll';
import { Z_95 } from './figures';

/**
 * A money cell in $ M; the exact figure rides along in `data-usd` so tests (and anyone reading
 * the DOM) can compare with the engine without parsing rounded text.
 */
function UsdCell(props: { usd: number }): JSX.Element {
  return (
    <td class="num" data-usd={String(props.usd)}>
      {formatMillions(props.usd)}
    </td>
  );
}

const COLUMNS: readonly { label: string; unit: string }[] = [
  { label: 'Deterministic', unit: '$ M' },
  { label: 'Mean', unit: '$ M' },
  { label: '± 95% CI', unit: 'of mean, $ M' },
  { label: 'Median', unit: '$ M' },
  { label: 'P5', unit: '$ M' },
  { label: 'P95', unit: '$ M' },
  { label: 'CVaR 5%', unit: 'worst 5%, $ M' },
];

function Head(props: { first: string; extra?: { label: string; unit: string } }): JSX.Element {
  return (
    <thead>
      <tr>
        <th scope="col">{props.first}</th>
        <For each={props.extra ? [...COLUMNS, props.extra] : COLUMNS}>
          {(column) => (
            <th scope="col" class="num">
              {column.label}
              <br />
              <span class="unit-head">{column.unit}</span>
            </th>
          )}
        </For>
      </tr>
    </thead>
  );
}

function SummaryCells(props: { deterministicUsd: number; summary: DistributionSummary }) {
  return (
    <>
      <UsdCell usd={props.deterministicUsd} />
      <UsdCell usd={props.summary.meanUsd} />
      <td class="num" data-usd={String(Z_95 * props.summary.standardErrorUsd)}>
        ± {formatMillions(Z_95 * props.summary.standardErrorUsd)}
      </td>
      <UsdCell usd={props.summary.medianUsd} />
      <UsdCell usd={props.summary.p5Usd} />
      <UsdCell usd={props.summary.p95Usd} />
      <UsdCell usd={props.summary.cvar5Usd} />
    </>
  );
}

function StrategyHeader(props: { strategy: StrategyDistribution }): JSX.Element {
  return (
    <th scope="row">
      <span class="strategy-name">
        <span class={`swatch ${strategyClass(props.strategy.strategyId)}`} aria-hidden="true" />
        {props.strategy.label}
      </span>
    </th>
  );
}

/** NPV of each strategy over the paths. */
export function NpvDistributionTable(props: {
  strategies: readonly StrategyDistribution[];
}): JSX.Element {
  return (
    <TableScroll label="Monte Carlo NPV table">
      <table class="data mc-table" id="mc-npv-table">
        <caption class="sr-only">
          NPV of each strategy over the simulated paths: the deterministic value on the price case,
          mean with its 95% confidence interval, median, 5th and 95th percentiles and CVaR 5%
        </caption>
        <Head first="NPV by strategy" />
        <tbody>
          <Index each={props.strategies}>
            {(strategy) => (
              <tr data-strategy={strategy().strategyId}>
                <StrategyHeader strategy={strategy()} />
                <SummaryCells
                  deterministicUsd={strategy().deterministicNpvUsd}
                  summary={strategy().npv}
                />
              </tr>
            )}
          </Index>
        </tbody>
      </table>
    </TableScroll>
  );
}

/** ΔNPV of each converting strategy against keep mining, path by path. */
export function DeltaDistributionTable(props: {
  strategies: readonly StrategyDistribution[];
}): JSX.Element {
  const converting = () => props.strategies.filter((s) => s.versusKeepMining !== null);
  return (
    <TableScroll label="Monte Carlo ΔNPV table">
      <table class="data mc-table" id="mc-delta-table">
        <caption class="sr-only">
          NPV of each converting strategy minus keep mining on the same path, and the share of paths
          on which it beats mining
        </caption>
        <Head first="ΔNPV vs keep mining" extra={{ label: 'P(beats mining)', unit: 'of paths' }} />
        <tbody>
          <Index each={converting()}>
            {(strategy) => {
              const versus = () => strategy().versusKeepMining!;
              return (
                <tr data-strategy={strategy().strategyId}>
                  <StrategyHeader strategy={strategy()} />
                  <SummaryCells
                    deterministicUsd={versus().deterministicDeltaUsd}
                    summary={versus().delta}
                  />
                  <td class="num" data-share={String(versus().probabilityBeatsMining)}>
                    {formatPercent(versus().probabilityBeatsMining, 1, true)}
                  </td>
                </tr>
              );
            }}
          </Index>
        </tbody>
      </table>
    </TableScroll>
  );
}
