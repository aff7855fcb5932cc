import type { InputDiff } from '../state/compare';
import { getAt, pathKey } from '../state/paths';
import { formatInputNumber } from './format';
import { type FieldDef, fieldForKey, fullLabel, rowPrefix } from './inputs/fieldDefs';
import { hintFromDescription, schemaInfoAt } from './schemaInfo';

/**
 * The compare view's "Inputs that differ" in words a CFO reads: each row named and united as
 * the input form names it (the field definitions, whose hints and defaults come from the schema),
 * falling back to the schema's own description and unit for inputs the form does not show; each
 * value formatted (grouped numbers, option names instead of codes, Yes/No, blanks explained).
 */
export interface InputRow {
  readonly key: string;
  readonly label: string;
  /** The unit shown under the label, e.g. "$/kW-mo"; empty when the value carries none. */
  readonly unit: string;
  readonly cells: readonly InputCell[];
}

export interface InputCell {
  readonly text: string;
  /** Whether the value differs from the first (base) scenario's. */
  readonly differs: boolean;
  readonly numeric: boolean;
}

/** "BTC price in the first month (USD)" → "USD": the schema's trailing parenthesis. */
export function unitFromDescription(description: string | undefined): string {
  const match = description?.replace(/;.*$/, '').match(/\(([^()]*)\)\s*$/);
  return match?.[1]?.trim() ?? '';
}

function describeField(
  diff: InputDiff,
  scenarios: readonly unknown[],
): {
  label: string;
  unit: string;
  def: FieldDef | undefined;
} {
  // Look the field up in a scenario that has it (a fleet row may exist in one scenario only).
  const holder = scenarios.find((scenario) => getAt(scenario, diff.path) !== undefined);
  const def = fieldForKey(diff.key, holder);
  if (def) return { label: fullLabel(def), unit: def.unit ?? '', def };
  const info = schemaInfoAt(diff.path);
  const meaning = hintFromDescription(info?.description);
  return {
    label: meaning ? `${rowPrefix(diff.path)}${meaning}` : pathKey(diff.path),
    unit: unitFromDescription(info?.description),
    def: undefined,
  };
}

/** One value as the form would show it, with its unit where the label's unit is not enough. */
export function formatInputValue(value: unknown, def: FieldDef | undefined): string {
  if (def?.kind === 'section' && (value === null || value === undefined)) return 'Off';
  if (value === undefined) return '— (not in this scenario)';
  if (value === null)
    return def?.kind === 'optional-number' ? `Blank (${def.blankMeans})` : 'Blank';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return formatInputNumber(value);
  if (typeof value === 'string') {
    if (def && (def.kind === 'select' || def.kind === 'variant')) {
      return def.options.find((option) => option.value === value)?.label ?? value;
    }
    return value;
  }
  if (Array.isArray(value)) {
    return value.length === 0
      ? 'None'
      : value.map((item) => formatInputValue(item, undefined)).join('; ');
  }
  return JSON.stringify(value);
}

export function describeInputDiffs(
  diffs: readonly InputDiff[],
  scenarios: readonly unknown[],
): InputRow[] {
  return diffs.map((diff) => {
    const { label, unit, def } = describeField(diff, scenarios);
    const texts = diff.values.map((value) => formatInputValue(value, def));
    return {
      key: diff.key,
      label,
      unit,
      cells: texts.map((text, index) => ({
        text,
        differs: index > 0 && text !== texts[0],
        numeric: typeof diff.values[index] === 'number',
      })),
    };
  });
}
