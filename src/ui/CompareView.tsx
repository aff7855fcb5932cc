import { createMemo, For, type JSX, Show } from 'solid-js';
import type { Evaluation } from '../engine/index';
import { compareResults, diffInputs, type ResultRow } from '../state/compare';
import { type ScenarioTab, tabName } from '../state/workspace';
import { describeInputDiffs } from './compareInputs';
import { useApp } from './context';
import { formatUsd, formatUsdShort } from './format';
import { TableScroll } from './results/TableScroll';

/** Two or more scenarios side by side: how the results move, then which inputs differ. */
export function CompareView(): JSX.Element {
  const app = useApp();
  const ws = app.workspace;
  const compared = createMemo(() =>
    ws.state.tabs.filter((tab) => ws.state.compareIds.includes(tab.id)),
  );
  const evaluated = createMemo(() =>
    compared().flatMap((tab) => {
      const results = app.resultsOf(tab);
      return results.evaluation
        ? [{ tab, evaluation: results.evaluation, stale: results.stale }]
        : [];
    }),
  );
  const resultRows = createMemo(() => compareResults(evaluated().map((e) => e.evaluation)));
  const inputDiffs = createMemo(() => diffInputs(evaluated().map((e) => e.evaluation.scenario)));
  const inputRows = createMemo(() =>
    describeInputDiffs(
      inputDiffs(),
      evaluated().map((e) => e.evaluation.scenario),
    ),
  );

  return (
    <main id="results" class="compare" tabIndex={-1}>
      <h1>Compare scenarios</h1>
      <fieldset class="compare-pick">
        <legend>Scenarios to compare (the first ticked is the base for changes)</legend>
        <For each={ws.state.tabs}>
          {(tab) => (
            <label>
              <input
                type="checkbox"
                checked={ws.state.compareIds.includes(tab.id)}
                onChange={(event) => ws.setCompared(tab.id, event.currentTarget.checked)}
              />
              {tabName(tab)}
            </label>
          )}
        </For>
      </fieldset>
      <Show
        when={evaluated().length >= 2}
        fallback={
          <p class="empty">
            Tick at least two scenarios. To compare a variation of this site, duplicate its tab and
            change the copy.{' '}
            <button type="button" class="button" onClick={() => ws.duplicateTab(ws.state.activeId)}>
              Duplicate “{tabName(app.activeTab())}”
            </button>
          </p>
        }
      >
        <section class="panel" aria-labelledby="compare-results-title">
          <h2 id="compare-results-title">How the results move</h2>
          <TableScroll label="Results side by side">
            <table class="data compare-table" id="compare-results">
              <thead>
                <ScenarioHeads evaluated={evaluated()} />
              </thead>
              <tbody>
                <For each={resultRows()}>
                  {(row) => (
                    <tr>
                      <th scope="row">{row.label}</th>
                      <For each={row.cells}>
                        {(cell, index) => (
                          <td class={cell.kind === 'usd' ? 'num' : ''}>
                            {cell.kind === 'usd' ? usd(cell.value, row.precision) : cell.text}
                            <Show
                              when={
                                cell.kind === 'usd' && index() > 0 && cell.deltaUsd !== null
                                  ? cell
                                  : undefined
                              }
                            >
                              {(moved) => (
                                <Delta
                                  value={(moved() as { deltaUsd: number }).deltaUsd}
                                  precision={row.precision}
                                />
                              )}
                            </Show>
                          </td>
                        )}
                      </For>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </TableScroll>
        </section>
        <section class="panel" aria-labelledby="compare-inputs-title">
          <h2 id="compare-inputs-title">Inputs that differ ({inputDiffs().length})</h2>
          <Show
            when={inputDiffs().length > 0}
            fallback={<p class="empty">The inputs are identical.</p>}
          >
            <TableScroll label="Inputs that differ">
              <table class="data compare-table" id="compare-inputs">
                <thead>
                  <ScenarioHeads evaluated={evaluated()} />
                </thead>
                <tbody>
                  <For each={inputRows()}>
                    {(row) => (
                      <tr>
                        <th scope="row" class="compare-label">
                          <span class="clip" title={row.label}>
                            {row.label}
                          </span>
                          <Show when={row.unit}>
                            <span class="unit-head">{row.unit}</span>
                          </Show>
                        </th>
                        <For each={row.cells}>
                          {(cell) => (
                            <td classList={{ num: cell.numeric, differs: cell.differs }}>
                              <span class="clip" title={cell.text}>
                                {cell.text}
                              </span>
                              <Show when={cell.differs}>
                                <span class="sr-only"> (differs)</span>
                              </Show>
                            </td>
                          )}
                        </For>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableScroll>
          </Show>
        </section>
      </Show>
    </main>
  );
}

function ScenarioHeads(props: {
  evaluated: readonly { tab: ScenarioTab; evaluation: Evaluation; stale: boolean }[];
}): JSX.Element {
  return (
    <tr>
      <th scope="col">Scenario</th>
      <For each={props.evaluated}>
        {(entry, index) => (
          <th scope="col">
            {tabName(entry.tab)}
            {index() === 0 ? ' (base)' : ''}
            {entry.stale ? ' (stale: last valid inputs)' : ''}
          </th>
        )}
      </For>
    </tr>
  );
}

const usd = (value: number, precision: ResultRow['precision']) =>
  precision === 'whole' ? formatUsd(value) : formatUsdShort(value);

/** The change against the base scenario, signed and coloured. */
function Delta(props: { value: number; precision: ResultRow['precision'] }): JSX.Element {
  return (
    <span class="delta" classList={{ up: props.value > 0, down: props.value < 0 }}>
      {props.value === 0
        ? 'no change'
        : `${props.value > 0 ? '+' : ''}${usd(props.value, props.precision)}`}
    </span>
  );
}
