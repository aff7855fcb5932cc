import type { JSX } from 'solid-js';
import type { Evaluation } from '../../engine/index';
import { phraseDiscountRates, type Verdict } from '../../state/verdict';
import { formatUsd, formatUsdShort } from '../format';

/** The answer first: one sentence, then the numbers behind it. */
export function VerdictView(props: { verdict: Verdict; evaluation: Evaluation }): JSX.Element {
  const v = () => props.verdict;
  const breakeven = () => {
    const result = v().breakevenBtc;
    if (!result) return 'not computed';
    if (result.kind === 'value') return formatUsd(result.value);
    return result.kind === 'convert-ahead-throughout'
      ? 'none (converting leads)'
      : 'none (mining leads)';
  };
  return (
    <section class="verdict" aria-labelledby="verdict-title">
      <h1 id="verdict-title" class="eyebrow">
        Recommendation · {props.evaluation.scenario.name}
      </h1>
      <p class="verdict-sentence" id="verdict-sentence">
        {v().sentence}
      </p>
      <dl class="key-figures">
        <div>
          <dt>Highest NPV</dt>
          <dd>{v().best.label}</dd>
        </div>
        <div>
          <dt>Its NPV</dt>
          <dd class="num">{formatUsdShort(v().best.npvUsd)}</dd>
        </div>
        <div>
          <dt>Keep mining NPV</dt>
          <dd class="num">{formatUsdShort(v().keepMining.npvUsd)}</dd>
        </div>
        <div>
          <dt>Margin</dt>
          <dd class="num">{formatUsdShort(v().marginUsd)}</dd>
        </div>
        <div>
          <dt>Breakeven BTC, flat</dt>
          <dd class="num">{breakeven()}</dd>
        </div>
        <div>
          <dt>Best in</dt>
          <dd>
            {v().casesWon} of {v().caseCount} price cases
          </dd>
        </div>
        <div class="key-wide">
          <dt>Discount rates</dt>
          <dd>{phraseDiscountRates(props.evaluation)}</dd>
        </div>
      </dl>
    </section>
  );
}
