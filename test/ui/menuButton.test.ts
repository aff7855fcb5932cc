import { fireEvent, render } from '@solidjs/testing-library';
import { createComponent, createSignal } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { MenuButton, type MenuGroup } from '../../src/ui/files/MenuButton';

function groupsWith(csvReady: boolean): MenuGroup[] {
  return [
    {
      items: [
        { id: 'a', label: 'First', run: () => {} },
        {
          id: 'mc',
          label: 'Monte Carlo (CSV)',
          disabledReason: csvReady ? undefined : 'not finished',
          run: () => {},
        },
        { id: 'last', label: 'Last', run: () => {} },
      ],
    },
  ];
}

describe('the menu button', () => {
  // Regression: an item becoming available while the menu was open rebuilt every button and
  // dropped keyboard focus (a Monte Carlo run finishing under an open Export menu).
  it('keeps focus on the same item when the items change while it is open', () => {
    const [ready, setReady] = createSignal(false);
    const view = render(() =>
      createComponent(MenuButton, {
        id: 'menu',
        label: 'Export',
        get groups() {
          return groupsWith(ready());
        },
      }),
    );
    const button = document.getElementById('menu')!;
    fireEvent.keyDown(button, { key: 'Enter' });
    fireEvent.click(button);
    const menu = document.querySelector('[role="menu"]')!;
    fireEvent.keyDown(menu, { key: 'End' });
    const last = document.getElementById('menu-last');
    expect(document.activeElement).toBe(last);
    expect(document.getElementById('menu-mc')?.getAttribute('aria-disabled')).toBe('true');
    setReady(true);
    expect(document.getElementById('menu-mc')?.getAttribute('aria-disabled')).toBeNull();
    expect(document.getElementById('menu-last')).toBe(last);
    expect(document.activeElement).toBe(last);
    view.unmount();
  });
});
