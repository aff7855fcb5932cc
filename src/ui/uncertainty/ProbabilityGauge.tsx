import type { JSX } from 'solid-js';
import type { StrategyId } from '../../engine/index';
import { GAUGE_STROKE_WIDTH, gaugeGeometry } from '../charts/gauge';
import { strategyClass } from '../charts/theme';
import { formatNumber, formatPercent } from '../format';
import { Z_95 } from './figures';

/**
 * "P(converting beats mining)" as a half-circle gauge: an ARIA meter whose text value is also
 * printed under the arc, with the paths behind it and its Monte Carlo error.
 */
export function ProbabilityGauge(props: {
  id: string;
  /** Share of paths on which the strategy's NPV is above keep mining's. */
  probability: number;
  standardError: number;
  /** The engine's 95% Wilson interval of the probability. */
  interval: readonly [number, number];
  paths: number;
  strategyLabel: string;
  /** Colours the arc like the strategy everywhere else. */
  strategyId: StrategyId;
}): JSX.Element {
  const geometry = () => gaugeGeometry(props.probability);
  const percent = () => formatPercent(props.probability, 1);
  const losing = () => Math.round((1 - props.probability) * props.paths);
  const paths = () => formatNumber(props.paths, 0);
  // At 0% or 100% the binomial error is 0: say what was seen instead of a false "± 0%".
  const detail = () => {
    if (losing() === 0) {
      return `converting won on all ${paths()} paths (not a certainty: at 95%, mining's chance is below ${formatPercent(1 - props.interval[0], 2)})`;
    }
    if (losing() === props.paths) {
      return `mining won on all ${paths()} paths (not a certainty: at 95%, converting's chance is below ${formatPercent(props.interval[1], 2)})`;
    }
    return `± ${formatPercent(Z_95 * props.standardError, 1)} (95%); mining wins on ${formatNumber(losing(), 0)} of ${paths()} paths`;
  };
  return (
    <figure class={`gauge ${strategyClass(props.strategyId)}`}>
      {/* biome-ignore lint/a11y/useSemanticElements: a native <meter> cannot draw the half circle; this one has the same role and values. */}
      <div
        class="gauge-meter"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Number((props.probability * 100).toFixed(1))}
        aria-valuetext={`${percent()} of paths`}
        aria-labelledby={`${props.id}-caption`}
        id={props.id}
      >
        <svg
          viewBox={`0 0 ${geometry().width} ${geometry().height}`}
          width={geometry().width * 1.6}
          height={geometry().height * 1.6}
          aria-hidden="true"
        >
          <path class="gauge-track" d={geometry().track} stroke-width={GAUGE_STROKE_WIDTH} />
          <path class="gauge-value" d={geometry().value} stroke-width={GAUGE_STROKE_WIDTH} />
        </svg>
        <span class="gauge-text" aria-hidden="true">
          {percent()}
        </span>
      </div>
      <figcaption class="gauge-caption" id={`${props.id}-caption`}>
        <strong>P(converting beats mining)</strong>: {props.strategyLabel} vs keep mining
      </figcaption>
      <p class="gauge-detail">{detail()}</p>
    </figure>
  );
}
