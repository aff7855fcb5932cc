import type { JSX } from 'solid-js';

/**
 * A horizontally scrollable frame for a wide table (phones): a named region that takes focus,
 * so keyboard users can scroll it too.
 */
export function TableScroll(props: { label: string; children: JSX.Element }): JSX.Element {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard.
    <section class="table-scroll" aria-label={props.label} tabIndex={0}>
      {props.children}
    </section>
  );
}
