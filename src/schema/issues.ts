/** One rejected input: where, what was there, and the rule it broke. */
export interface ScenarioIssue {
  /** Dotted path with array indices, e.g. `fleet[0].powerW`; `(file)` for the whole file. */
  readonly path: string;
  /** The offending value as short text (`(missing)` when absent). */
  readonly value: string;
  /** The rule in plain words, e.g. `must be greater than 0`. */
  readonly rule: string;
}

/** Short text for a value, so a 10 MB string never ends up in a message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}
