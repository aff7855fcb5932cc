import { For, type JSX, Show } from 'solid-js';
import type { Decision, DecisionStatement } from '../../engine/index';
import { formatUsdShort } from '../format';

/** The answer first: the engine's sentence, then the numbers behind it. */
export function VerdictView(props: { decision: Decision; scenarioName: string }): JSX.Element {
  const d = () => props.decision;
  const breakeven = () => d().breakevens.find((b) => b.input === 'btcPrice');
  return (
    <section class="verdict" aria-labelledby="verdict-title">
      <h1 id="verdict-title" class="eyebrow">
        Recommendation · {props.scenarioName}
      </h1>
      <p class="verdict-sentence" id="verdict-sentence">
        {d().sentence}
      </p>
      <dl class="key-figures">
        <div>
          <dt>Highest NPV</dt>
          <dd>{d().best.label}</dd>
        </div>
        <div>
          <dt>Its NPV</dt>
          <dd class="num">{formatUsdShort(d().best.npvUsd)}</dd>
        </div>
        <div>
          <dt>Keep mining NPV</dt>
          <dd class="num">{formatUsdShort(d().keepMining.npvUsd)}</dd>
        </div>
        <div>
          <dt>Margin</dt>
          <dd class="num">{formatUsdShort(d().marginUsd)}</dd>
        </div>
        <div>
          <dt>Breakeven BTC, flat</dt>
          <dd class="num">{breakeven()?.valueText ?? 'not computed'}</dd>
        </div>
        <div>
          <dt>Best in</dt>
          <dd>
            {d().casesWon.length} of {d().caseCount} price cases
          </dd>
        </div>
        <div class="key-wide">
          <dt>Discount rates</dt>
          <dd>{d().discountRatesText}</dd>
        </div>
      </dl>
      <DecisionNotes decision={d()} idPrefix="decision" />
    </section>
  );
}

/**
 * The drivers and warnings the engine found, in its words: warnings first. Used on the page and
 * in the board pack (`idPrefix` keeps their ids apart).
 */
export function DecisionNotes(props: { decision: Decision; idPrefix: string }): JSX.Element {
  const list = (
    kind: 'warnings' | 'drivers',
    title: string,
    items: readonly DecisionStatement[],
  ) => (
    <Show when={items.length > 0}>
      <div class={`decision-notes decision-${kind}`}>
        <h2 class="decision-notes-title">{title}</h2>
        <ul id={`${props.idPrefix}-${kind}`}>
          <For each={items}>{(item) => <li data-statement={item.id}>{item.text}</li>}</For>
        </ul>
      </div>
    </Show>
  );
  return (
    <>
      {list('warnings', 'Warnings', props.decision.warnings)}
      {list('drivers', 'Drivers', props.decision.drivers)}
    </>
  );
}
