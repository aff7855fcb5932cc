import { Index, type JSX, Show } from 'solid-js';
import { bestByNpv, type CaseResult } from '../../engine/index';
import { strategyClass } from '../charts/theme';
import { formatUsdShort, showIrr, showPayback } from '../format';

/** One card per strategy for the price case shown: NPV first, then IRR, payback, increment. */
export function StrategyCards(props: { caseResult: CaseResult }): JSX.Element {
  const best = () => bestByNpv(props.caseResult.strategies);
  return (
    <ul class="kpi-cards" id="strategy-cards">
      <Index each={props.caseResult.strategies}>
        {(strategy) => {
          const irr = () => showIrr(strategy().irr);
          const payback = () => showPayback(strategy().payback);
          return (
            <li
              class={`kpi-card ${strategyClass(strategy().strategyId)}`}
              classList={{ best: strategy() === best() }}
            >
              <h3>
                {strategy().label}
                <Show when={strategy() === best()}>
                  <span class="best-tag">highest NPV</span>
                </Show>
              </h3>
              <p class="kpi-main num">
                <span class="kpi-unit">NPV </span>
                {formatUsdShort(strategy().npvUsd)}
              </p>
              <dl>
                <div>
                  <dt>IRR</dt>
                  <dd class="num" title={irr().note}>
                    {irr().text}
                  </dd>
                </div>
                <div>
                  <dt>Payback</dt>
                  <dd class="num" title={payback().note}>
                    {payback().text}
                  </dd>
                </div>
                <div>
                  <dt title="NPV minus keep mining's NPV">vs mining</dt>
                  <dd class="num">
                    {/* Read inside JSX: a <Show> callback runs untracked, so a string returned
                        from it would freeze at the first render (issue 10). */}
                    <Show when={strategy().incremental} fallback="—">
                      {(incremental) => <>{formatUsdShort(incremental().npvUsd)}</>}
                    </Show>
                  </dd>
                </div>
              </dl>
            </li>
          );
        }}
      </Index>
    </ul>
  );
}
