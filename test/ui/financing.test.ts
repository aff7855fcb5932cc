import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { createComponent } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { evaluate } from '../../src/engine/index';
import { formatUsdShort } from '../../src/ui/format';
import { FinancingTable, ViewPicker } from '../../src/ui/results/Financing';
import { simpleSite } from '../support/simpleSite';

const financed = evaluate(
  simpleSite({
    financing: { boardView: 'levered-after-tax', projectDebt: { loanToCostPct: 60 } },
    tax: { stateRatePct: 5 },
  }),
  { breakevens: false, sensitivity: false },
);

describe('the view switch and the financing table', () => {
  afterEach(cleanup);

  it('offers the views the scenario has, marks the board view and reports a change', () => {
    const onChange = vi.fn();
    render(() =>
      createComponent(ViewPicker, { evaluation: financed, view: 'levered-after-tax', onChange }),
    );
    const radios = screen.getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => r.value)).toEqual([
      'unlevered-pre-tax',
      'unlevered-after-tax',
      'levered-after-tax',
    ]);
    expect(
      (screen.getByLabelText(/Levered equity, after tax \(board\)/) as HTMLInputElement).checked,
    ).toBe(true);
    fireEvent.click(screen.getByLabelText('Unlevered, after tax'));
    expect(onChange).toHaveBeenCalledWith('unlevered-after-tax');
  });

  it('offers only the after-tax view when there is a tax section and no financing', () => {
    const taxed = evaluate(simpleSite({ tax: {} }), { breakevens: false, sensitivity: false });
    render(() =>
      createComponent(ViewPicker, {
        evaluation: taxed,
        view: 'unlevered-pre-tax',
        onChange: () => {},
      }),
    );
    expect((screen.getAllByRole('radio') as HTMLInputElement[]).map((r) => r.value)).toEqual([
      'unlevered-pre-tax',
      'unlevered-after-tax',
    ]);
  });

  it("shows each strategy's equity figures as the engine computed them", () => {
    const caseResult = financed.cases[0]!;
    render(() => createComponent(FinancingTable, { caseResult }));
    const convert = caseResult.strategies.find((s) => s.strategyId === 'convert-now')!;
    const row = document.querySelector('tr[data-strategy="convert-now"]')!;
    const cells = [...row.querySelectorAll('td')].map((cell) => cell.textContent);
    expect(cells[1]).toBe(formatUsdShort(convert.financing!.leveredAfterTax!.npvUsd));
    expect(cells[4]).toBe(
      formatUsdShort(convert.financing!.leveredAfterTax!.projectDebt!.sizing.termLoanUsd),
    );
    expect(cells[6]).toMatch(/×$/);
  });
});

describe('the board pack names the view its figures are on', () => {
  it('pre-tax by default, else the scenario board view', async () => {
    const { boardViewText } = await import('../../src/ui/boardpack/BoardPack');
    expect(boardViewText(evaluate(simpleSite(), { breakevens: false, sensitivity: false }))).toBe(
      'pre-tax, unlevered',
    );
    expect(boardViewText(financed)).toBe('levered equity, after tax');
  });
});
