import { render } from '@solidjs/testing-library';
import { createComponent } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { decide, type Evaluation, evaluate } from '../../src/engine/index';
import { defaultPreset } from '../../src/state/presets';
import { Breakevens } from '../../src/ui/results/Breakevens';

describe('breakevens', () => {
  it('power breakeven search range shown as a finding (issue 10): says "no breakeven in range" and puts the range in a sentence', () => {
    const evaluation = evaluate(defaultPreset()!.scenario);
    if (!evaluation.breakevens.computed) throw new Error('the preset computes breakevens');
    const withoutPower: Evaluation = {
      ...evaluation,
      breakevens: {
        ...evaluation.breakevens,
        powerPriceUsdPerMwh: {
          kind: 'convert-ahead-throughout',
          searchedFrom: 0,
          searchedTo: 10_000,
        },
      },
    };
    const view = render(() => createComponent(Breakevens, { decision: decide(withoutPower) }));
    const row = [...view.container.querySelectorAll('.breakeven')][2]!;
    expect(row.querySelector('.breakeven-value')?.textContent).toBe('No breakeven in range');
    expect(row.querySelector('.breakeven-value')?.classList.contains('breakeven-none')).toBe(true);
    expect(row.querySelector('.breakeven-note')?.textContent).toMatch(
      /^Converting leads at every power price from \$0\.00\/MWh to \$10,000\.00\/MWh\. Now \$[\d.,]+\/MWh\.$/,
    );
    view.unmount();
  });
});
