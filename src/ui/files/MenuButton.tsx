import { createSignal, Index, type JSX, onCleanup, Show } from 'solid-js';

export interface MenuItem {
  readonly id: string;
  readonly label: string;
  /** Shown but not actionable (kept focusable, as the ARIA practices advise, with the reason). */
  readonly disabledReason?: string;
  readonly run: () => void;
}

export interface MenuGroup {
  /** Names the group for screen readers and as a small heading; none for an unnamed group. */
  readonly label?: string;
  readonly items: readonly MenuItem[];
}

/**
 * A menu button after the WAI-ARIA Authoring Practices: the button says whether its menu is
 * open (`aria-expanded`); Enter, Space or ArrowDown open it on the first item, ArrowUp on the
 * last; arrows, Home and End move between items, a letter jumps to the next item starting with
 * it; Escape closes it and returns focus to the button; Tab or a click elsewhere closes it.
 * Choosing an item closes the menu, puts focus back on the button, then runs the item.
 */
export function MenuButton(props: {
  readonly id: string;
  readonly label: JSX.Element;
  readonly groups: readonly MenuGroup[];
  /** A line under the menu (e.g. which inputs the exports use), linked as its description. */
  readonly note?: string;
  readonly buttonClass?: string;
  /**
   * Called when the user heads for the menu (pointer over the button, focus, opening it), to
   * start preparing what its items need; may be called several times.
   */
  readonly onIntent?: () => void;
}): JSX.Element {
  const [open, setOpen] = createSignal(false);
  let button: HTMLButtonElement | undefined;
  let wrapper: HTMLDivElement | undefined;
  let menu: HTMLDivElement | undefined;
  const menuId = () => `${props.id}-menu`;
  const items = () => [...(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  const focusItem = (index: number) => {
    const list = items();
    if (list.length === 0) return;
    list[(index + list.length) % list.length]!.focus();
  };
  const openMenu = (focusIndex: number) => {
    setOpen(true);
    props.onIntent?.();
    // The menu renders synchronously when the signal changes, so its items exist now.
    focusItem(focusIndex);
  };
  const close = (returnFocus: boolean) => {
    if (!open()) return;
    setOpen(false);
    if (returnFocus) button?.focus();
  };

  // A pointer press outside closes the menu without moving focus (the press does that).
  const onDocumentPointerDown = (event: PointerEvent) => {
    if (open() && wrapper && !wrapper.contains(event.target as Node)) close(false);
  };
  document.addEventListener('pointerdown', onDocumentPointerDown);
  onCleanup(() => document.removeEventListener('pointerdown', onDocumentPointerDown));

  const onButtonKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      openMenu(event.key === 'ArrowDown' ? 0 : -1);
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent) => {
    const list = items();
    const current = list.indexOf(document.activeElement as HTMLElement);
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        focusItem(current + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        focusItem(current - 1);
        break;
      case 'Home':
        event.preventDefault();
        focusItem(0);
        break;
      case 'End':
        event.preventDefault();
        focusItem(-1);
        break;
      case 'Escape':
        event.preventDefault();
        close(true);
        break;
      case 'Tab':
        // Focus moves on to the next control in the page, as from the button.
        setOpen(false);
        break;
      default:
        if (event.key.length === 1 && /\S/.test(event.key)) {
          const key = event.key.toLowerCase();
          const next = [...list.slice(current + 1), ...list.slice(0, current + 1)].find((item) =>
            item.textContent?.trim().toLowerCase().startsWith(key),
          );
          next?.focus();
        }
    }
  };

  const choose = (item: MenuItem) => {
    if (item.disabledReason) return;
    close(true);
    item.run();
  };

  return (
    <div class="menu-wrap" ref={wrapper}>
      <button
        ref={button}
        type="button"
        id={props.id}
        class={props.buttonClass ?? 'button-quiet'}
        aria-haspopup="menu"
        aria-expanded={open()}
        aria-controls={menuId()}
        onClick={() => (open() ? close(true) : openMenu(0))}
        onKeyDown={onButtonKeyDown}
        onPointerEnter={() => props.onIntent?.()}
        onFocus={() => props.onIntent?.()}
      >
        {props.label}
        <span class="menu-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <Show when={open()}>
        <div class="menu-popover">
          <div
            ref={menu}
            id={menuId()}
            role="menu"
            aria-labelledby={props.id}
            aria-describedby={props.note ? `${props.id}-note` : undefined}
            tabIndex={-1}
            onKeyDown={onMenuKeyDown}
          >
            {/* Index, not For: the menu's items are rebuilt as their state changes (an export
                becomes available while the menu is open), and the same buttons must stay so
                that keyboard focus stays where it is. */}
            <Index each={props.groups}>
              {(group, index) => (
                <>
                  <Show when={index > 0}>
                    <hr class="menu-separator" />
                  </Show>
                  {/* biome-ignore lint/a11y/useSemanticElements: a menu's groups are role="group"; a fieldset is for form controls. */}
                  <div role="group" aria-label={group().label}>
                    <Show when={group().label}>
                      <div class="menu-group-label" aria-hidden="true">
                        {group().label}
                      </div>
                    </Show>
                    <Index each={group().items}>
                      {(item) => (
                        <button
                          type="button"
                          role="menuitem"
                          id={`${props.id}-${item().id}`}
                          class="menu-item"
                          tabIndex={-1}
                          aria-disabled={item().disabledReason ? 'true' : undefined}
                          title={item().disabledReason}
                          onClick={() => choose(item())}
                        >
                          {item().label}
                          <Show when={item().disabledReason}>
                            <span class="sr-only"> ({item().disabledReason})</span>
                          </Show>
                        </button>
                      )}
                    </Index>
                  </div>
                </>
              )}
            </Index>
          </div>
          <Show when={props.note}>
            <p class="menu-note" id={`${props.id}-note`}>
              {props.note}
            </p>
          </Show>
        </div>
      </Show>
    </div>
  );
}
