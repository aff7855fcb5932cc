import { render } from '@solidjs/testing-library';
import { createComponent } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/index';
import { defaultPreset } from '../../src/state/presets';
import { formatMillions } from '../../src/ui/format';
import { StressTestTable } from '../../src/ui/results/StressTable';

describe('the stress table in the app and the board pack (ui/results/StressTable.tsx)', () => {
  const evaluation = evaluate(defaultPreset()!.scenario, {
    breakevens: false,
    sensitivity: false,
  });

  it('shows every test and strategy with the engine’s NPV and change', () => {
    const { container, unmount } = render(() =>
      createComponent(StressTestTable, { table: evaluation.stressTests }),
    );
    const rows = [...container.querySelectorAll('#stress-table tbody tr')];
    expect(rows).toHaveLength(1 + evaluation.stressTests.rows.length);
    const base = [...rows[0]!.querySelectorAll('td')].map((cell) => cell.textContent);
    expect(base).toEqual(evaluation.stressTests.base.map((s) => formatMillions(s.npvUsd)));
    evaluation.stressTests.rows.forEach((row, r) => {
      const tr = rows[r + 1]!;
      expect(tr.querySelector('th')!.textContent).toBe(`${row.test.name}${row.description}`);
      const cells = [...tr.querySelectorAll('td')];
      row.strategies.forEach((strategy, s) => {
        const sign = strategy.changeUsd > 0 ? '+' : '';
        expect(cells[s]!.textContent).toBe(
          `${formatMillions(strategy.npvUsd)}(${sign}${formatMillions(strategy.changeUsd)})`,
        );
      });
    });
    unmount();
  });
});
