import type { JSX } from 'solid-js';
import type { Evaluation } from '../../engine/index';
import { DecisionNotes } from '../results/Verdict';

/**
 * The board pack's drivers and warnings, under the recommendation: the statements the engine
 * makes with its decision (src/engine/decision.ts), worded as on the page.
 */
export function DecisionDrivers(props: { evaluation: Evaluation }): JSX.Element {
  return (
    <section class="bp-section bp-decision-notes" aria-labelledby="bp-drivers-title">
      <h2 id="bp-drivers-title">Drivers &amp; warnings</h2>
      <DecisionNotes decision={props.evaluation.decision} idPrefix="bp-decision" />
    </section>
  );
}
