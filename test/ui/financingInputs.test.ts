import { fireEvent, render } from '@solidjs/testing-library';
import { createComponent } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { evaluate } from '../../src/engine/index';
import { projectDebtSchema, type Scenario } from '../../src/schema/scenario';
import { parseScenario } from '../../src/schema/validate';
import { defaultPreset } from '../../src/state/presets';
import { App } from '../../src/ui/App';
import { formatInputNumber, formatUsdShort } from '../../src/ui/format';
import { MemoryStorage } from '../state/memoryStorage';

// jsdom has no canvas: the charts are covered by the end-to-end tests in Chromium.
vi.mock('../../src/ui/charts/Chart', () => ({ Chart: () => null }));

let cleanup: () => void = () => {};
beforeEach(() => {
  Element.prototype.scrollIntoView ??= () => {};
  const view = render(() => createComponent(App, { storage: new MemoryStorage() }));
  cleanup = view.unmount;
});
afterEach(() => cleanup());

/** A control by its label's own text (the label grows a marker once the value changes). */
function input(label: string): HTMLInputElement {
  const found = [...document.querySelectorAll('label')].filter(
    (element) => element.firstChild?.textContent === label,
  );
  expect(found, `one label "${label}"`).toHaveLength(1);
  return found[0]!.control as HTMLInputElement;
}
const hasLabel = (label: string) =>
  [...document.querySelectorAll('label')].some((l) => l.firstChild?.textContent === label);
const type = (element: HTMLElement, text: string) => {
  fireEvent.focus(element);
  fireEvent.input(element, { target: { value: text } });
  fireEvent.blur(element);
};
const toggle = (label: string) => fireEvent.click(input(label));
const viewRadios = () =>
  [...document.querySelectorAll<HTMLInputElement>('input[name="view-picker"]')].map((r) => r.value);
const comparison = () => document.querySelector('table.comparison')?.textContent ?? '';

/** The app opens on the default preset: the test's scenarios are that preset plus sections. */
function scenarioWith(sections: Partial<Scenario> | Record<string, unknown>): Scenario {
  const parsed = parseScenario({ ...structuredClone(defaultPreset()!.scenario), ...sections });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.scenario;
}

/** The levered equity NPV of converting now as the financing table shows it, and its case. */
function shownEquityNpv(): { text: string; caseName: string } {
  const caption = document.querySelector('.financing-table caption')?.textContent ?? '';
  const caseName = caption.match(/\((.+) case\)/)?.[1] ?? '';
  const row = document.querySelector('.financing-table tr[data-strategy="convert-now"]');
  return { text: row?.querySelectorAll('td')[1]?.textContent ?? '', caseName };
}

describe('financing and tax inputs', () => {
  it('switches project debt on with the schema defaults and the results gain the levered view', () => {
    expect(viewRadios()).toEqual([]);
    expect(hasLabel('Loan-to-cost')).toBe(false);
    expect(hasLabel('Cost of equity')).toBe(false);
    toggle('Project debt on the conversion');
    expect(input('Project debt on the conversion').checked).toBe(true);
    expect(input('Cost of equity').value).toBe('15');
    const defaults = projectDebtSchema.parse({});
    expect(input('Loan-to-cost').value).toBe(formatInputNumber(defaults.loanToCostPct));
    expect(input('Minimum DSCR').value).toBe(formatInputNumber(defaults.minDscr));
    expect(input('Term loan tenor').value).toBe(formatInputNumber(defaults.tenorYears));
    expect(input('Capitalise construction interest').checked).toBe(
      defaults.capitaliseConstructionInterest,
    );
    expect((input('Term loan repayment') as unknown as HTMLSelectElement).value).toBe(
      defaults.amortisation,
    );
    expect(viewRadios()).toContain('levered-after-tax');
    expect(document.querySelector('.problems')).toBeNull();
  });

  it('shows the levered equity NPV that evaluate gives after the loan-to-cost is edited', () => {
    toggle('Project debt on the conversion');
    const before = shownEquityNpv();
    type(input('Loan-to-cost'), '40');
    const after = shownEquityNpv();
    expect(after.text).not.toBe(before.text);

    const expected = evaluate(
      scenarioWith({
        financing: { projectDebt: { ...projectDebtSchema.parse({}), loanToCostPct: 40 } },
      }),
      { breakevens: false, sensitivity: false },
    );
    const shownCase = expected.cases.find((c) => c.priceCase.name === after.caseName)!;
    const convert = shownCase.strategies.find((s) => s.strategyId === 'convert-now')!;
    expect(after.text).toBe(formatUsdShort(convert.financing!.leveredAfterTax!.npvUsd));
  });

  it('switching it off returns the figures to exactly the unlevered ones', () => {
    const unlevered = comparison();
    const verdict = document.getElementById('verdict-sentence')?.textContent;
    toggle('Project debt on the conversion');
    type(input('Loan-to-cost'), '40');
    toggle('Project debt on the conversion');
    expect(hasLabel('Loan-to-cost')).toBe(false);
    expect(viewRadios()).toEqual([]);
    expect(document.querySelector('.financing-table')).toBeNull();
    expect(comparison()).toBe(unlevered);
    expect(document.getElementById('verdict-sentence')?.textContent).toBe(verdict);
  });

  it('brings back what was typed when a section is switched off and on again', () => {
    toggle('Project debt on the conversion');
    type(input('Loan-to-cost'), '45');
    type(input('Minimum DSCR'), '1.5');
    toggle('Project debt on the conversion');
    toggle('Project debt on the conversion');
    expect(input('Loan-to-cost').value).toBe('45');
    expect(input('Minimum DSCR').value).toBe('1.5');

    toggle('Corporate income tax');
    type(input('State tax rate'), '6');
    toggle('Corporate income tax');
    expect(hasLabel('State tax rate')).toBe(false);
    toggle('Corporate income tax');
    expect(input('State tax rate').value).toBe('6');
  });

  it('levers mining alike: the equipment loan and tax switch on with their own fields', () => {
    toggle('Equipment loan on mining capex');
    expect(input('Equipment loan-to-cost').value).toBe('50');
    toggle('Corporate income tax');
    expect(input('Federal tax rate').value).toBe('21');
    expect(input('Discount rate of taxes').value).toBe('');
    expect(viewRadios()).toEqual(['unlevered-pre-tax', 'unlevered-after-tax', 'levered-after-tax']);
    const board = input('Figures the board sees') as unknown as HTMLSelectElement;
    fireEvent.change(board, { target: { value: 'levered-after-tax' } });
    expect(document.querySelector('.view-picker')?.textContent).toContain(
      'Levered equity, after tax (board)',
    );
    expect(document.querySelector('.problems')).toBeNull();
  });

  it('names the field, the value and the rule for a DSCR below 1', () => {
    const before = shownEquityNpv();
    toggle('Project debt on the conversion');
    const valid = shownEquityNpv();
    expect(valid.text).not.toBe(before.text);
    const dscr = input('Minimum DSCR');
    type(dscr, '0.5');
    expect(dscr.getAttribute('aria-invalid')).toBe('true');
    expect(dscr.closest('.field')?.querySelector('.error')?.textContent).toBe(
      'Must be at least 1 (you entered 0.5).',
    );
    expect(document.querySelector('.problems')?.textContent).toContain(
      'Minimum DSCR must be at least 1',
    );
    expect(document.querySelector('#group-financing .badge-error')?.textContent).toBe('1 problem');
    // The last valid figures stay, marked stale.
    expect(shownEquityNpv().text).toBe(valid.text);
    expect(document.getElementById('stale-banner')).not.toBeNull();
  });
});
