import { type JSX, Show } from 'solid-js';
import type { PolicyResult, PolicyRule } from '../../engine/montecarlo/index';
import { formatNumber, formatPercent, formatUsdShort } from '../format';
import { formatUsdWithError, Z_95 } from './figures';

/**
 * A conversion rule in words: "Mine until hashprice < $30/PH/day or month 24, then convert".
 * `monthLabel` names a month index on the calendar (e.g. "2028-01").
 */
export function ruleSentence(rule: PolicyRule, monthLabel: (month: number) => string): string {
  const threshold = rule.thresholdUsdPerPhDay;
  const deadline = rule.deadlineMonth;
  const month = (m: number) => `month ${m} (${monthLabel(m)})`;
  if (threshold === null) {
    if (deadline === null) return 'Keep mining (never convert)';
    return deadline === 0 ? 'Convert now' : `Mine until ${month(deadline)}, then convert`;
  }
  const trigger = `hashprice < $${formatNumber(threshold, 2)}/PH/day`;
  return deadline === null
    ? `Mine until ${trigger}, then convert`
    : `Mine until ${trigger} or ${month(deadline)}, then convert`;
}

const signed = (usd: number) => (usd > 0 ? `+${formatUsdShort(usd)}` : formatUsdShort(usd));

/** The best "mine until …, then convert" rule and the value of waiting over converting now. */
export function WaitingRule(props: {
  policy: PolicyResult;
  monthLabel: (month: number) => string;
}): JSX.Element {
  const best = () => props.policy.best;
  const waits = () => best().deadlineMonth !== 0 || best().thresholdUsdPerPhDay !== null;
  const neverConverts = () => best().deadlineMonth === null && best().thresholdUsdPerPhDay === null;
  const crossValidated = () => props.policy.crossValidatedOptionValueUsd;
  return (
    <div class="waiting-rule" id="mc-waiting-rule">
      <p class="rule-sentence">
        <span class="eyebrow">Best of {formatNumber(props.policy.rules.length, 0)} rules</span>
        <strong id="mc-best-rule">{ruleSentence(best(), props.monthLabel)}</strong>
      </p>
      <p class="section-note">
        <Show
          when={waits()}
          fallback={
            <>
              Waiting does not pay on these paths: no rule of the form “mine until hashprice falls
              below X or until month k, then convert” has a higher mean NPV than converting now.
            </>
          }
        >
          {neverConverts()
            ? 'No rule that converts beats keeping mining: never converting'
            : 'Waiting'}{' '}
          is worth {formatUsdShort(props.policy.optionValueUsd)} on average over converting now;
          valued on paths it was not picked on, {formatUsdShort(crossValidated())}. When the two
          differ, trust the cross-validated value.
        </Show>
      </p>
      <dl class="key-figures">
        <div>
          <dt>Mean NPV of the rule</dt>
          <dd data-usd={String(best().meanNpvUsd)}>{formatUsdShort(best().meanNpvUsd)}</dd>
        </div>
        <div>
          <dt>Value of waiting (vs convert now)</dt>
          <dd data-usd={String(props.policy.optionValueUsd)} id="mc-option-value">
            {best().standardErrorVersusConvertNowUsd > 0
              ? formatUsdWithError(
                  props.policy.optionValueUsd,
                  Z_95 * best().standardErrorVersusConvertNowUsd,
                )
              : formatUsdShort(props.policy.optionValueUsd)}
          </dd>
        </div>
        <div>
          <dt>Cross-validated value of waiting</dt>
          <dd data-usd={String(crossValidated())} id="mc-cross-validated">
            {Number.isFinite(crossValidated()) ? formatUsdShort(crossValidated()) : 'n/a'}
          </dd>
        </div>
        <div>
          <dt>vs keep mining</dt>
          <dd data-usd={String(best().versusKeepMiningUsd)}>
            {signed(best().versusKeepMiningUsd)}
          </dd>
        </div>
        <div>
          <dt>Converts within the horizon</dt>
          <dd>
            {formatPercent(best().probabilityConverts, 1)} of paths
            <Show when={best().medianConversionMonth !== null && waits()}>
              , median {props.monthLabel(best().medianConversionMonth!)}
            </Show>
          </dd>
        </div>
      </dl>
    </div>
  );
}
