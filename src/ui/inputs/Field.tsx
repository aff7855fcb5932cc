import { createMemo, For, type JSX, Match, Show, Switch } from 'solid-js';
import type { ScenarioIssue } from '../../schema/validate';
import { type FieldPath, getAt, isRecord, jsonEqual, pathKey } from '../../state/paths';
import { useApp } from '../context';
import { formatInputNumber } from '../format';
import { hintFromDescription, schemaInfoAt } from '../schemaInfo';
import {
  CheckboxControl,
  displayValue,
  NumberControl,
  NumberListControl,
  SelectControl,
  TextControl,
} from './controls';
import { type FieldDef, schemaPathOf } from './fieldDefs';

/** Kinds that take the panel's full width: long option labels and free text. */
const WIDE_KINDS: ReadonlySet<FieldDef['kind']> = new Set([
  'textarea',
  'number-list',
  'select',
  'variant',
  // A section switch starts its own row: the section's fields follow it.
  'section',
]);

/** The DOM id of a field's control, derived from its path (`f-fleet-0-powerW`). */
export function fieldId(path: FieldPath): string {
  return `f-${pathKey(path)
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/-$/, '')}`;
}

/** Issues that belong to a field: its own path, or an item of its list. */
export function issuesForField(
  issues: readonly ScenarioIssue[],
  def: Pick<FieldDef, 'path' | 'kind'>,
): ScenarioIssue[] {
  const key = pathKey(def.path);
  return issues.filter(
    (issue) =>
      issue.path === key || (def.kind === 'number-list' && issue.path.startsWith(`${key}[`)),
  );
}

/**
 * The validator's rule as a sentence: "Must be at least 0 (you entered −5)."; list items are
 * named by position; `showValue` off for whole-list rules that already quote their numbers.
 */
export function issueText(issue: ScenarioIssue, fieldKey: string, showValue = true): string {
  const item = issue.path.slice(fieldKey.length).match(/^\[(\d+)\]$/);
  const where = item ? `Value ${Number(item[1]) + 1} ` : '';
  const text =
    issue.value === '""'
      ? `${where}${where ? 'is ' : ''}empty — ${issue.rule}`
      : `${where}${issue.rule}${showValue && issue.value !== '(missing)' ? ` (you entered ${issue.value})` : ''}`;
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** A value with its unit as people write it: "$45/MWh", "97%", "3% a year", "1.1×", "600 s". */
export function withUnit(valueText: string, unit: string | undefined): string {
  if (!unit) return valueText;
  if (unit.startsWith('%')) return `${valueText}${unit.replace('%/yr', '% a year')}`;
  if (unit.startsWith('$')) return `$${valueText}${unit.slice(1)}`;
  if (unit === '×') return `${valueText}×`;
  return `${valueText} ${unit}`;
}

function defaultText(def: FieldDef, hasDefault: boolean, value: unknown): string {
  if (def.kind === 'optional-number') return `Leave blank for ${def.blankMeans}.`;
  if (!hasDefault || value === null || typeof value === 'object') return '';
  if (typeof value === 'boolean') return `${value ? 'On' : 'Off'} by default.`;
  if (def.kind === 'select' || def.kind === 'variant') {
    const option = def.options.find((o) => o.value === value);
    return option ? `Defaults to ${option.label}.` : '';
  }
  const shown = typeof value === 'number' ? formatInputNumber(value) : String(value);
  return shown === '' ? '' : `Defaults to ${withUnit(shown, def.unit)}.`;
}

/** Words that do not make a description say more than its label ("Annual …" beside "%/yr"). */
const FILLER = new Set([
  'a',
  'an',
  'the',
  'of',
  'per',
  'annual',
  'yearly',
  'monthly',
  'in',
  'each',
]);

/** Whether a schema description only repeats the field's label (so the hint would add nothing). */
export function restatesLabel(description: string, label: string): boolean {
  const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const labelWords = new Set(words(label));
  return words(description).every((word) => labelWords.has(word) || FILLER.has(word));
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/**
 * One input with everything around it: label, unit, the schema's hint and default, a "changed
 * from preset" marker, and the validator's message for this field in plain words. Every field
 * kind shares this shell; only the control differs.
 */
export function Field(props: { def: FieldDef }): JSX.Element {
  const app = useApp();
  const def = props.def;
  const id = fieldId(def.path);
  const key = pathKey(def.path);
  const info = schemaInfoAt(schemaPathOf(def));
  const described = hintFromDescription(info?.description);
  const hint = [
    // A description that only repeats the label adds nothing under the box.
    described === '' || restatesLabel(described, def.label) ? '' : sentence(described),
    def.kind === 'number-list' ? 'Separate values with semicolons or spaces.' : '',
    defaultText(def, info?.hasDefault ?? false, info?.defaultValue),
  ]
    .filter((part) => part !== '')
    .join(' ');

  const value = () => getAt(app.activeTab().draft, def.path);
  const baseline = () => getAt(app.activeTab().baseline, def.path);
  const issues = createMemo(() => issuesForField(app.activeTab().issues, def));
  const invalid = () => issues().length > 0;
  const changed = () => !jsonEqual(value(), baseline());
  const describedBy = () =>
    [def.unit ? `${id}-unit` : '', hint ? `${id}-hint` : '', invalid() ? `${id}-error` : '']
      .filter(Boolean)
      .join(' ');
  const set = (next: unknown) => app.workspace.setField(def.path, next);
  const control = {
    id,
    get describedBy() {
      return describedBy();
    },
    get invalid() {
      return invalid();
    },
  };

  return (
    <div
      class="field"
      classList={{
        invalid: invalid(),
        changed: changed(),
        'field-checkbox': def.kind === 'checkbox' || def.kind === 'section',
        'field-section': def.kind === 'section',
        'field-wide': WIDE_KINDS.has(def.kind),
      }}
      data-path={key}
    >
      <label for={id}>
        {def.label}
        <Show when={changed()}>
          <span
            class="changed-mark"
            title={`Changed from preset (was ${displayValue(baseline()) || 'blank'})`}
          >
            <span aria-hidden="true"> ●</span>
            <span class="sr-only">
              {' '}
              (changed from preset, was {displayValue(baseline()) || 'blank'})
            </span>
          </span>
        </Show>
      </label>
      <div class="control">
        <Switch>
          <Match when={def.kind === 'number' || def.kind === 'optional-number'}>
            <NumberControl
              {...control}
              value={value()}
              nullable={def.kind === 'optional-number'}
              onValue={set}
            />
          </Match>
          <Match when={def.kind === 'number-list'}>
            <NumberListControl {...control} value={value()} onValue={set} />
          </Match>
          <Match when={def.kind === 'text' || def.kind === 'textarea' ? def : undefined}>
            {(text) => (
              <TextControl
                {...control}
                value={value()}
                multiline={text().kind === 'textarea'}
                placeholder={text().placeholder}
                onValue={set}
              />
            )}
          </Match>
          <Match when={def.kind === 'checkbox'}>
            <CheckboxControl {...control} value={value()} onValue={set} />
          </Match>
          <Match when={def.kind === 'section' ? def : undefined}>
            {(section) => (
              <CheckboxControl
                {...control}
                value={isRecord(value())}
                onValue={(on) => app.workspace.setSectionOn(section().section, on)}
              />
            )}
          </Match>
          <Match when={def.kind === 'select' ? def : undefined}>
            {(select) => (
              <SelectControl
                {...control}
                // A select whose section is absent shows what the schema fills in.
                value={value() ?? (info?.hasDefault ? info.defaultValue : undefined)}
                options={select().options}
                onValue={set}
              />
            )}
          </Match>
          <Match when={def.kind === 'variant' ? def : undefined}>
            {(variant) => (
              <SelectControl
                {...control}
                value={value()}
                options={variant().options}
                onValue={(kind) => {
                  const parent = def.path.slice(0, -1);
                  app.workspace.setField(
                    parent,
                    variant().template(getAt(app.activeTab().draft, parent), kind),
                  );
                }}
              />
            )}
          </Match>
        </Switch>
        <Show when={def.unit}>
          <span class="unit" id={`${id}-unit`}>
            {def.unit}
          </span>
        </Show>
      </div>
      <Show when={hint}>
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      </Show>
      <Show when={invalid()}>
        <p class="error" id={`${id}-error`}>
          {issues()
            .map((issue) => issueText(issue, key))
            .join(' ')}
        </p>
      </Show>
    </div>
  );
}

/** A grid of fields. */
export function Fields(props: { defs: readonly FieldDef[] }): JSX.Element {
  return (
    <div class="fields">
      <For each={props.defs}>{(def) => <Field def={def} />}</For>
    </div>
  );
}
