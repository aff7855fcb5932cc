import { For, type JSX } from 'solid-js';
import type { StressTable } from '../../engine/index';
import { strategyClass } from '../charts/theme';
import { formatMillions } from '../format';
import { TableScroll } from './TableScroll';

/**
 * The named stress tests (engine/stress.ts): per strategy the NPV under each test and, below it,
 * the change from the base row, in $ M. Every figure is the engine's.
 */
export function StressTestTable(props: { table: StressTable }): JSX.Element {
  const signed = (usd: number) => `${usd > 0 ? '+' : ''}${formatMillions(usd)}`;
  return (
    <TableScroll label="Stress tests">
      <table class="data stress" id="stress-table">
        <caption class="sr-only">
          NPV of every strategy under each stress test, and its change from the base, in millions of
          US dollars (price case {props.table.priceCaseName})
        </caption>
        <thead>
          <tr>
            <th scope="col">Stress test</th>
            <For each={props.table.base}>
              {(strategy) => (
                <th scope="col" class="num">
                  <span class="strategy-name">
                    <span
                      class={`swatch ${strategyClass(strategy.strategyId)}`}
                      aria-hidden="true"
                    />
                    {strategy.label}
                  </span>
                  <br />
                  <span class="unit-head">NPV $ M (change)</span>
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <tr class="stress-base">
            <th scope="row">Base (no stress)</th>
            <For each={props.table.base}>
              {(strategy) => <td class="num">{formatMillions(strategy.npvUsd)}</td>}
            </For>
          </tr>
          <For each={props.table.rows}>
            {(row) => (
              <tr>
                <th scope="row" title={row.description}>
                  {row.test.name}
                  <span class="stress-shocks">{row.description}</span>
                </th>
                <For each={row.strategies}>
                  {(strategy) => (
                    <td class="num">
                      {formatMillions(strategy.npvUsd)}
                      <span class="stress-change">({signed(strategy.changeUsd)})</span>
                    </td>
                  )}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </TableScroll>
  );
}
