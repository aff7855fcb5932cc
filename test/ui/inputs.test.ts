import { fireEvent, render, within } from '@solidjs/testing-library';
import { createComponent } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/ui/App';
import { MemoryStorage } from '../state/memoryStorage';

// jsdom has no canvas: the charts are covered by the end-to-end tests in Chromium.
vi.mock('../../src/ui/charts/Chart', () => ({ Chart: () => null }));

let cleanup: () => void = () => {};
beforeEach(() => {
  // jsdom does not lay out, so it has no scrollIntoView (the tab strip uses it).
  Element.prototype.scrollIntoView ??= () => {};
  const view = render(() => createComponent(App, { storage: new MemoryStorage() }));
  cleanup = view.unmount;
});
afterEach(() => cleanup());

const verdict = () => document.getElementById('verdict-sentence')!.textContent ?? '';
/** A control by its label's own text (the label grows a marker once the value changes). */
function input(label: string): HTMLInputElement {
  const found = [...document.querySelectorAll('label')].filter(
    (element) => element.firstChild?.textContent === label,
  );
  expect(found, `one label "${label}"`).toHaveLength(1);
  return found[0]!.control as HTMLInputElement;
}
const type = (element: HTMLElement, text: string) => {
  fireEvent.focus(element);
  fireEvent.input(element, { target: { value: text } });
};

describe('inputs', () => {
  it('labels every control with a real <label for>', () => {
    const controls = document.querySelectorAll('.inputs input, .inputs select, .inputs textarea');
    expect(controls.length).toBeGreaterThan(40);
    // One pass over the labels (jsdom's `control.labels` walks the whole page per control).
    const labelled = new Set(
      [...document.querySelectorAll('label[for]')].map(
        (label) => (label as HTMLLabelElement).htmlFor,
      ),
    );
    for (const control of controls)
      expect(labelled, `no label for #${control.id}`).toContain(control.id);
    const ids = [...controls].map((control) => control.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('shows unit, hint and default beside a field', () => {
    const uptime = input('Uptime');
    const described = uptime.getAttribute('aria-describedby')!.split(' ');
    const texts = described.map((id) => document.getElementById(id)?.textContent);
    expect(texts).toEqual(['%', 'Share of the time the fleet hashes. Defaults to 97%.']);
  });

  it('reads hints as sentences, not "Tenant default probability · Default: 0 %/yr" (issue 10)', () => {
    const tenant = input('Tenant default probability');
    const hint = document.getElementById(`${tenant.id}-hint`)?.textContent;
    expect(hint).toBe('Defaults to 0% a year.');
    for (const element of document.querySelectorAll('.inputs .hint'))
      expect(element.textContent).not.toMatch(/ · |Default: /);
  });

  it('shows a specific error inline and keeps the last results, marked stale', () => {
    const before = verdict();
    const capacity = input('Utility capacity');
    type(capacity, '-5');
    expect(capacity.getAttribute('aria-invalid')).toBe('true');
    const field = capacity.closest('.field') as HTMLElement;
    expect(within(field).getByText('Must be greater than 0 (you entered -5).')).toBeTruthy();
    expect(verdict()).toBe(before);
    expect(document.getElementById('stale-banner')?.textContent).toMatch(/Stale:/);
    expect(document.querySelector('.problems')?.textContent).toContain('Utility capacity');

    type(capacity, '310');
    expect(capacity.getAttribute('aria-invalid')).toBe('false');
    expect(document.getElementById('stale-banner')).toBeNull();
    expect(verdict()).not.toBe(before);
    expect(verdict()).toContain('all 310 MW');
  });

  it('says when a required number is left empty or is not a number', () => {
    const rate = input('Lease rate, year 1');
    type(rate, '');
    expect(rate.closest('.field')?.querySelector('.error')?.textContent).toBe(
      'Empty — must be a number.',
    );
    type(rate, '15o');
    expect(rate.closest('.field')?.querySelector('.error')?.textContent).toBe(
      'Must be a number (you entered "15o").',
    );
  });

  it('marks fields changed from the preset', () => {
    const rate = input('Lease rate, year 1');
    const label = () => rate.labels![0]!.textContent ?? '';
    expect(label()).not.toContain('changed from preset');
    type(rate, '140');
    fireEvent.blur(rate);
    expect(label()).toContain('changed from preset, was 158.7');
    expect(rate.value).toBe('140');
  });

  it('switches a form and keeps what still applies', () => {
    const pricing = input('Power price') as unknown as HTMLSelectElement;
    fireEvent.change(pricing, { target: { value: 'index' } });
    const path = input('Index price by month') as unknown as HTMLTextAreaElement;
    expect(path.value).toBe('42');
    type(path, '40; 41; 1,000');
    expect(document.querySelector('.problems')).toBeNull();
    type(path, '40; abc');
    expect(path.closest('.field')?.querySelector('.error')?.textContent).toBe(
      'Value 2 must be a number (you entered "abc").',
    );
  });

  it('edits the fleet refresh trigger and its payback months, with unit and rule', () => {
    const trigger = input('Replace machines') as unknown as HTMLSelectElement;
    expect(trigger.value).toBe('end-of-life');
    expect([...trigger.options].map((option) => option.value)).toEqual(['end-of-life', 'payback']);
    fireEvent.change(trigger, { target: { value: 'payback' } });
    expect(trigger.value).toBe('payback');
    const months = input('Early replacement: payback within');
    expect(months.value).toBe('18');
    const unit = document.getElementById(months.getAttribute('aria-describedby')!.split(' ')[0]!);
    expect(unit?.textContent).toBe('months');
    type(months, '0');
    expect(months.closest('.field')?.querySelector('.error')?.textContent).toBe(
      'Must be greater than 0 (you entered 0).',
    );
    type(months, '24');
    expect(document.querySelector('.problems')).toBeNull();
    expect(document.getElementById('stale-banner')).toBeNull();
  });

  it('edits the Monte Carlo price model: volatility, drift and Merton jumps', () => {
    const volatility = input('BTC price volatility');
    expect(volatility.value).toBe('55');
    type(volatility, '70');
    expect(volatility.value).toBe('70');
    expect(document.querySelector('.problems')).toBeNull();
    type(volatility, '400');
    expect(volatility.closest('.field')?.querySelector('.error')?.textContent).toMatch(/300/);
    type(volatility, '60');
    const jumps = input('Price jumps') as unknown as HTMLSelectElement;
    fireEvent.change(jumps, { target: { value: 'merton' } });
    expect(input('Jumps per year').value).toBe('1');
    expect(input('Median jump').value).toBe('-20');
    fireEvent.change(input('Price jumps'), { target: { value: 'none' } });
    expect(
      [...document.querySelectorAll('label')].some((l) => l.textContent === 'Jumps per year'),
    ).toBe(false);
  });

  it('fills TH/s and W from the reference table when a model is picked', () => {
    const pick = document.getElementById('f-fleet-1-pick') as HTMLSelectElement;
    const s21xp = [...pick.options].find((o) => o.text.startsWith('Antminer S21 XP —'))!;
    fireEvent.change(pick, { target: { value: s21xp.value } });
    expect((document.getElementById('f-fleet-1-hashrateThs') as HTMLInputElement).value).toBe(
      '270',
    );
    expect((document.getElementById('f-fleet-1-powerW') as HTMLInputElement).value).toBe('3,645');
  });

  it('reports a whole-fleet problem under the fleet, linked from the problem list', () => {
    type(document.getElementById('f-fleet-0-units')!, '90000');
    const error = document.querySelector('[data-list="fleet"] .list-error')?.textContent ?? '';
    expect(error).toMatch(
      /^The fleet draws [\d.]+ MW with overhead, more than the site's 300 MW\.$/,
    );
    const problems = document.querySelector('.problems') as HTMLElement;
    fireEvent.click(within(problems).getByRole('button', { name: 'Fleet' }));
    expect(document.activeElement?.id).toBe('f-fleet-0-pick');
  });

  it('links each listed problem to its field', () => {
    type(input('Utility capacity'), '0');
    const link = within(document.querySelector('.problems') as HTMLElement).getByRole('button', {
      name: 'Utility capacity',
    });
    fireEvent.click(link);
    expect(document.activeElement).toBe(input('Utility capacity'));
  });
});

describe('hashprice and network hashrate beside difficulty (issue 10)', () => {
  const hashrate = () => document.getElementById('f-network-hashrateEhs') as HTMLInputElement;
  const hashprice = () =>
    document.getElementById('f-network-hashpriceUsdPerPhDay') as HTMLInputElement;
  const difficulty = () => document.getElementById('f-network-difficulty') as HTMLInputElement;
  const number = (element: HTMLInputElement) => Number(element.value.replaceAll(',', ''));

  it('follows a typed difficulty, live', () => {
    type(difficulty(), '100,000,000,000,000');
    expect(number(hashrate())).toBeCloseTo((1e14 * 2 ** 32) / 600 / 1e18, 1);
    const before = number(hashprice());
    type(difficulty(), '200,000,000,000,000');
    // Hashprice is inversely proportional to difficulty at a given price and subsidy.
    expect(number(hashprice())).toBeCloseTo(before / 2, 1);
  });

  it('sets the difficulty from a typed hashrate or hashprice, and the other follows', () => {
    type(hashrate(), '1,000');
    fireEvent.blur(hashrate());
    expect(number(difficulty())).toBe(Math.round((1000e18 * 600) / 2 ** 32));
    const atThousand = number(hashprice());
    type(hashprice(), String(atThousand * 2));
    fireEvent.blur(hashprice());
    expect(number(hashrate())).toBeCloseTo(500, 0);
  });

  it('names the field, the value and the rule for a bad entry and leaves difficulty alone', () => {
    const before = difficulty().value;
    type(hashprice(), 'abc');
    expect(hashprice().getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('f-network-hashpriceUsdPerPhDay-error')?.textContent).toBe(
      'Hashprice, first month must be a number greater than 0 (you entered abc); difficulty is unchanged.',
    );
    expect(difficulty().value).toBe(before);
  });
});
