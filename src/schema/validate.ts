import type { z } from 'zod/mini';
import { describeValue, type ScenarioIssue } from './issues';
import { migrateToCurrent } from './migrations';
import { type Scenario, scenarioSchemaV1 } from './scenario';

export type { ScenarioIssue } from './issues';

export type ScenarioParseResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

/**
 * Validates (and migrates) anything read from a file, a URL or storage. Never throws: every
 * problem comes back as an issue naming the field, the value and the rule.
 */
export function parseScenario(raw: unknown): ScenarioParseResult {
  const migrated = migrateToCurrent(raw);
  if (!migrated.ok) return { ok: false, issues: [migrated.issue] };
  const result = scenarioSchemaV1.safeParse(withConvertAtMonthDefault(migrated.value), {
    reportInput: true,
  });
  if (result.success) return { ok: true, scenario: result.data };
  return { ok: false, issues: result.error.issues.flatMap(toScenarioIssues) };
}

/** The schema's default for `strategies.convertAtMonth` (months from the start). */
export const CONVERT_AT_MONTH_DEFAULT = 24;

/**
 * Fills an omitted `strategies.convertAtMonth` with its default clamped into the horizon,
 * `min(24, horizonMonths − 1)` (issue 11: a 12–24-month scenario without the field was refused
 * over a value the user never wrote; docs/scenario-format.md). A value the user wrote is left
 * to the schema's rules. Returns the input unchanged (never mutated) when it does not apply.
 */
function withConvertAtMonthDefault(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const horizon = record.horizonMonths;
  if (typeof horizon !== 'number' || !Number.isInteger(horizon) || horizon < 1) return value;
  const strategies = record.strategies;
  if (strategies !== undefined && (typeof strategies !== 'object' || strategies === null)) {
    return value;
  }
  const section = (strategies ?? {}) as Record<string, unknown>;
  if (Array.isArray(section) || section.convertAtMonth !== undefined) return value;
  if (horizon > CONVERT_AT_MONTH_DEFAULT) return value;
  return {
    ...record,
    strategies: { ...section, convertAtMonth: Math.min(CONVERT_AT_MONTH_DEFAULT, horizon - 1) },
  };
}

/** Like {@link parseScenario} but throws a `ScenarioError` listing every issue. */
export function assertScenario(raw: unknown): Scenario {
  const result = parseScenario(raw);
  if (!result.ok) throw new ScenarioError(result.issues);
  return result.scenario;
}

export class ScenarioError extends Error {
  constructor(readonly issues: readonly ScenarioIssue[]) {
    super(`Invalid scenario:\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'ScenarioError';
  }
}

/** `fleet[0].powerW = -5: must be greater than 0` */
export function formatIssue(issue: ScenarioIssue): string {
  return `${issue.path} = ${issue.value}: ${issue.rule}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(file)';
  return path
    .map((key, index) =>
      typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`,
    )
    .join('');
}

/** One zod issue as user-facing issues; unknown keys become one issue per key. */
function toScenarioIssues(issue: z.core.$ZodIssue): ScenarioIssue[] {
  if (issue.code === 'unrecognized_keys') {
    const container = isRecord(issue.input) ? issue.input : {};
    return issue.keys.map((key) => ({
      path: formatPath([...issue.path, key]),
      value: describeValue(container[key]),
      rule: 'is not a field of this format (unknown field)',
    }));
  }
  return [toScenarioIssue(issue)];
}

function toScenarioIssue(issue: z.core.$ZodIssue): ScenarioIssue {
  const path = formatPath(issue.path);
  const input = 'input' in issue ? issue.input : undefined;
  switch (issue.code) {
    case 'too_small':
      return { path, value: describeValue(input), rule: boundRule(issue, 'small') };
    case 'too_big':
      return { path, value: describeValue(input), rule: boundRule(issue, 'big') };
    case 'invalid_type':
      return { path, value: describeValue(input), rule: typeRule(issue.expected, input) };
    case 'invalid_value':
      return { path, value: describeValue(input), rule: `must be ${alternatives(issue.values)}` };
    case 'invalid_union':
      // zod reports an unknown discriminator on the union's path + the discriminator key, with
      // the whole object as input: name the discriminator's own value and the allowed ones.
      if (issue.discriminator) {
        const options = 'options' in issue ? issue.options : undefined;
        return {
          path,
          value: describeValue(isRecord(input) ? input[issue.discriminator] : input),
          rule: options?.length
            ? `must be ${alternatives(options)}`
            : `has an unknown "${issue.discriminator}"`,
        };
      }
      return { path, value: describeValue(input), rule: 'does not match any allowed form' };
    default:
      return { path, value: describeValue(input), rule: issue.message };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `"a"`, `"a" or "b"`, `"a", "b" or "c"` */
function alternatives(values: readonly unknown[]): string {
  const quoted = values.map((v) => JSON.stringify(v));
  return quoted.length <= 1
    ? (quoted[0] ?? '')
    : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

function typeRule(expected: string, input: unknown): string {
  if (input === undefined) return 'is required';
  // NaN and ±Infinity are JS numbers, so "must be a number" alone would read as nonsense.
  if (typeof input === 'number' && !Number.isFinite(input)) return 'must be a finite number';
  return `must be ${article(expected)}`;
}

function boundRule(
  issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig,
  side: 'small' | 'big',
): string {
  const limit = 'minimum' in issue ? issue.minimum : issue.maximum;
  const inclusive = issue.inclusive ?? true;
  if (issue.origin === 'array') {
    return side === 'small'
      ? `must have at least ${limit} item(s)`
      : `must have at most ${limit} item(s)`;
  }
  if (issue.origin === 'string') {
    return side === 'small'
      ? `must have at least ${limit} character(s)`
      : `must have at most ${limit} character(s)`;
  }
  if (side === 'small')
    return inclusive ? `must be at least ${limit}` : `must be greater than ${limit}`;
  return inclusive ? `must be at most ${limit}` : `must be less than ${limit}`;
}

function article(expected: string): string {
  const word = expected === 'int' ? 'whole number' : expected;
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}
