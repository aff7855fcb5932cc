import { Index, type JSX } from 'solid-js';
import type { Decision } from '../../engine/index';

/** The four solved breakevens as the engine states them: value, today's value, side above. */
export function Breakevens(props: { decision: Decision }): JSX.Element {
  return (
    <div>
      <p class="section-note">
        Converting now and keeping mining have equal NPV at these values, everything else held (
        {props.decision.caseName} case for the lease, power and capex breakevens).
      </p>
      <dl class="breakevens" id="breakevens-list">
        <Index each={props.decision.breakevens}>
          {(row) => (
            <div class="breakeven" data-input={row().input}>
              <dt>{row().label}</dt>
              <dd
                class="breakeven-value num"
                classList={{ 'breakeven-none': row().result.kind !== 'value' }}
              >
                {row().valueText}
              </dd>
              <dd class="breakeven-note">{row().noteText}</dd>
            </div>
          )}
        </Index>
      </dl>
    </div>
  );
}
