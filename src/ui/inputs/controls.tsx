import { createSignal, For, type JSX } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { formatInputNumber, parseInputNumber } from '../format';
import type { Option } from './fieldDefs';

/**
 * The native controls behind every field. Text boxes for numbers (not type=number) so that
 * thousands separators display and parse, and a bad entry stays visible with its error instead
 * of being silently dropped by the browser.
 */
interface ControlProps {
  readonly id: string;
  readonly describedBy: string;
  readonly invalid: boolean;
}

/** The attributes of every box a number is typed into (read by `parseInputNumber`, not the browser). */
export const NUMBER_INPUT = {
  type: 'text',
  inputmode: 'decimal',
  autocomplete: 'off',
  spellcheck: false,
  class: 'num',
} as const;

/** How a stored value reads in a box: numbers grouped, bad entries as typed. */
export function displayValue(value: unknown): string {
  if (typeof value === 'number') return formatInputNumber(value);
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * Keeps what the user types while the box has focus (so "1," or "1e" are not rewritten under
 * the cursor) and shows the store's value, formatted, otherwise.
 */
function useEditingText(value: () => unknown, show: (value: unknown) => string) {
  const [editing, setEditing] = createSignal<string | null>(null);
  return {
    text: () => editing() ?? show(value()),
    onFocus: (event: FocusEvent & { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
      setEditing(event.currentTarget.value),
    onBlur: () => setEditing(null),
    setEditing,
  };
}

export function NumberControl(
  props: ControlProps & {
    readonly value: unknown;
    /** Empty box means null (optional fields) rather than a missing number. */
    readonly nullable: boolean;
    readonly placeholder?: string;
    readonly onValue: (value: unknown) => void;
  },
): JSX.Element {
  const editing = useEditingText(() => props.value, displayValue);
  return (
    <input
      id={props.id}
      {...NUMBER_INPUT}
      value={editing.text()}
      placeholder={props.placeholder}
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid}
      onFocus={editing.onFocus}
      onBlur={editing.onBlur}
      onInput={(event) => {
        const text = event.currentTarget.value;
        editing.setEditing(text);
        const parsed = parseInputNumber(text);
        // An emptied required box stays "" so the validator says a number is needed.
        props.onValue(parsed === null ? (props.nullable ? null : '') : parsed);
      }}
    />
  );
}

/** A series typed as numbers separated by semicolons, spaces or new lines. */
export function NumberListControl(
  props: ControlProps & { readonly value: unknown; readonly onValue: (value: unknown[]) => void },
): JSX.Element {
  const show = (value: unknown) =>
    Array.isArray(value) ? value.map(displayValue).join('; ') : displayValue(value);
  const editing = useEditingText(() => props.value, show);
  return (
    <textarea
      id={props.id}
      class="num"
      rows={2}
      spellcheck={false}
      value={editing.text()}
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid}
      onFocus={editing.onFocus}
      onBlur={editing.onBlur}
      onInput={(event) => {
        const text = event.currentTarget.value;
        editing.setEditing(text);
        const items = text.split(/[;\s]+/).filter((item) => item !== '');
        props.onValue(items.map((item) => parseInputNumber(item) ?? item));
      }}
    />
  );
}

export function TextControl(
  props: ControlProps & {
    readonly value: unknown;
    readonly multiline?: boolean;
    readonly placeholder?: string;
    readonly onValue: (value: string) => void;
  },
): JSX.Element {
  return (
    <Dynamic
      component={props.multiline ? 'textarea' : 'input'}
      type={props.multiline ? undefined : 'text'}
      rows={props.multiline ? 4 : undefined}
      id={props.id}
      value={displayValue(props.value)}
      placeholder={props.placeholder}
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid}
      onInput={(event: InputEvent & { currentTarget: HTMLInputElement }) =>
        props.onValue(event.currentTarget.value)
      }
    />
  );
}

export function SelectControl(
  props: ControlProps & {
    readonly value: unknown;
    readonly options: readonly Option[];
    readonly onValue: (value: string) => void;
  },
): JSX.Element {
  const known = () => props.options.some((option) => option.value === props.value);
  return (
    <select
      id={props.id}
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid}
      onChange={(event) => props.onValue(event.currentTarget.value)}
    >
      {/* A value the list does not know (from an edited file) stays visible until changed. */}
      {!known() && <option value="">{displayValue(props.value) || '—'}</option>}
      <For each={props.options}>
        {(option) => (
          <option value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        )}
      </For>
    </select>
  );
}

export function CheckboxControl(
  props: ControlProps & { readonly value: unknown; readonly onValue: (value: boolean) => void },
): JSX.Element {
  return (
    <input
      id={props.id}
      type="checkbox"
      checked={props.value === true}
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid}
      onChange={(event) => props.onValue(event.currentTarget.checked)}
    />
  );
}
