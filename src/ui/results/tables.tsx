import { Index, type JSX, Show } from 'solid-js';
import {
  bestByNpv,
  type CaseResult,
  type Evaluation,
  type ModelUnitEconomics,
  type NoValue,
  type StrategyResult,
} from '../../engine/index';
import { strategyClass } from '../charts/theme';
import {
  formatMillions,
  formatNumber,
  formatPercent,
  formatUsd,
  type Shown,
  showIrr,
  showMoic,
  showPayback,
} from '../format';
import { TableScroll } from './TableScroll';

/** A number cell; when the engine says why a figure is absent, the reason is its tooltip. */
export function NumCell(props: { shown: Shown }): JSX.Element {
  return (
    <td class="num" title={props.shown.note}>
      {props.shown.text}
      <Show when={props.shown.note}>
        <span class="sr-only"> ({props.shown.note})</span>
      </Show>
    </td>
  );
}

/** A strategy's name with its chart colour. */
export function StrategyName(props: { strategy: StrategyResult }): JSX.Element {
  return (
    <span class="strategy-name">
      <span class={`swatch ${strategyClass(props.strategy.strategyId)}`} aria-hidden="true" />
      {props.strategy.label}
    </span>
  );
}

/** Strategies × price cases, every metric the engine returns; the best NPV per case marked. */
export function ComparisonTable(props: { evaluation: Evaluation }): JSX.Element {
  return (
    <TableScroll label="Comparison table">
      <table class="data comparison" id="comparison-table">
        <caption class="sr-only">
          NPV, IRR, paybacks, peak funding, MOIC and incremental figures of each strategy under each
          BTC price case
        </caption>
        <thead>
          <tr>
            <th scope="col">Strategy</th>
            <th scope="col" class="num">
              NPV
              <br />
              <span class="unit-head">$ M</span>
            </th>
            <th scope="col" class="num">
              IRR
              <br />
              <span class="unit-head">per yr</span>
            </th>
            <th scope="col" class="num">
              Payback
              <br />
              <span class="unit-head">years</span>
            </th>
            <th scope="col" class="num">
              Disc. payback
              <br />
              <span class="unit-head">years</span>
            </th>
            <th scope="col" class="num">
              Peak funding
              <br />
              <span class="unit-head">$ M</span>
            </th>
            <th scope="col" class="num">
              MOIC
            </th>
            <th scope="col" class="num">
              Incr. NPV
              <br />
              <span class="unit-head">vs mining, $ M</span>
            </th>
            <th scope="col" class="num">
              Incr. IRR
              <br />
              <span class="unit-head">per yr</span>
            </th>
          </tr>
        </thead>
        <Index each={props.evaluation.cases}>
          {(caseResult, index) => (
            <CaseRows
              caseResult={caseResult()}
              reference={index === props.evaluation.referenceCaseIndex}
            />
          )}
        </Index>
      </table>
      <p class="footnote">
        * The cash flow changes sign more than once, so other IRRs may exist; decide on NPV. n/a: no
        IRR (no sign change) or no outflow; n/a — no investment: the strategy invests no capital, so
        it has no IRR, payback or MOIC. Incremental = the strategy minus keep mining, month by
        month.
      </p>
    </TableScroll>
  );
}

/** Incremental NPV and IRR against keep mining; dashes for keep mining itself. */
function IncrementalCells(props: { incremental: StrategyResult['incremental'] }): JSX.Element {
  return (
    <Show
      when={props.incremental}
      fallback={
        <>
          <td class="num">—</td>
          <td class="num">—</td>
        </>
      }
    >
      {(incremental) => (
        <>
          <td class="num">{formatMillions(incremental().npvUsd)}</td>
          <NumCell shown={showIrr(incremental().irr)} />
        </>
      )}
    </Show>
  );
}

function CaseRows(props: { caseResult: CaseResult; reference: boolean }): JSX.Element {
  const best = () => bestByNpv(props.caseResult.strategies);
  return (
    <tbody>
      <tr class="case-row">
        <th scope="rowgroup" colSpan={9}>
          {props.caseResult.priceCase.name} case
          {props.reference ? ' (reference for the verdict)' : ''}
        </th>
      </tr>
      <Index each={props.caseResult.strategies}>
        {(strategy) => (
          <tr classList={{ best: strategy() === best() }}>
            <th scope="row">
              <StrategyName strategy={strategy()} />
              <Show when={strategy() === best()}>
                <span class="best-tag">highest NPV</span>
              </Show>
            </th>
            <td class="num">{formatMillions(strategy().npvUsd)}</td>
            <NumCell shown={showIrr(strategy().irr)} />
            <NumCell shown={showPayback(strategy().payback)} />
            <NumCell shown={showPayback(strategy().discountedPayback)} />
            <td class="num">{formatMillions(strategy().peakFundingUsd)}</td>
            <NumCell shown={showMoic(strategy().moic)} />
            <IncrementalCells incremental={strategy().incremental} />
          </tr>
        )}
      </Index>
    </tbody>
  );
}

/** Per-model economics in the first month of the case shown. */
export function UnitEconomicsTable(props: { models: readonly ModelUnitEconomics[] }): JSX.Element {
  return (
    <TableScroll label="Unit economics table">
      <table class="data" id="unit-economics-table">
        <caption class="sr-only">Unit economics of each ASIC model in the first month</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col" class="num">
              Efficiency
              <br />
              <span class="unit-head">J/TH</span>
            </th>
            <th scope="col" class="num">
              Revenue
              <br />
              <span class="unit-head">$/day</span>
            </th>
            <th scope="col" class="num">
              Power cost
              <br />
              <span class="unit-head">$/day</span>
            </th>
            <th scope="col" class="num">
              Power share
              <br />
              <span class="unit-head">of revenue</span>
            </th>
            <th scope="col" class="num">
              Breakeven
              <br />
              <span class="unit-head">$/kWh</span>
            </th>
            <th scope="col" class="num">
              Shutdown hashprice
              <br />
              <span class="unit-head">$/PH/day</span>
            </th>
            <th scope="col" class="num">
              Shutdown BTC
              <br />
              <span class="unit-head">$</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <Index each={props.models}>
            {(model) => (
              <tr>
                <th scope="row">{model().model}</th>
                <td class="num">{formatNumber(model().efficiencyJPerTh, 1, 1)}</td>
                <td class="num">{formatNumber(model().revenueUsdPerDay, 2, 2)}</td>
                <td class="num">{formatNumber(model().powerCostUsdPerDay, 2, 2)}</td>
                <td class="num">
                  {valueOr(model().powerCostShareOfRevenue, (v) => formatPercent(v, 1, true))}
                </td>
                <td class="num">{formatNumber(model().breakevenUsdPerKwh, 3, 3)}</td>
                <td class="num">
                  {formatNumber(model().shutdownHashpriceUsdPerThDay * 1000, 2, 2)}
                </td>
                <td class="num">{valueOr(model().shutdownBtcPriceUsd, formatUsd)}</td>
              </tr>
            )}
          </Index>
        </tbody>
      </table>
    </TableScroll>
  );
}

/** A number formatted, or the engine's reason it has none ("no revenue"), never "∞". */
function valueOr(value: number | NoValue, format: (v: number) => string): string {
  return typeof value === 'number' ? format(value) : `— (${value.reason})`;
}
