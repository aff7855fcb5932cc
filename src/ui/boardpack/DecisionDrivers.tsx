import type { JSX } from 'solid-js';
import type { Evaluation } from '../../engine/index';

/**
 * The board pack's place for what drives the answer and what to watch: the drivers and warnings
 * the engine states with its decision (issue 9, built separately). Until the engine returns
 * them it prints nothing; wire `evaluation`'s decision here, under the recommendation.
 */
export function DecisionDrivers(_props: { evaluation: Evaluation }): JSX.Element {
  return null;
}
