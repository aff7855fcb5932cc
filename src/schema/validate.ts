import type { z } from 'zod';
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
  const result = scenarioSchemaV1.safeParse(migrated.value, { reportInput: true });
  if (result.success) return { ok: true, scenario: result.data };
  return { ok: false, issues: result.error.issues.map(toScenarioIssue) };
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

function toScenarioIssue(issue: z.core.$ZodIssue): ScenarioIssue {
  const path = formatPath(issue.path);
  const input = 'input' in issue ? issue.input : undefined;
  switch (issue.code) {
    case 'unrecognized_keys':
      return {
        path: issue.keys.map((key) => formatPath([...issue.path, key])).join(', '),
        value: '(present)',
        rule: 'is not a field of this format (unknown field)',
      };
    case 'too_small':
      return { path, value: describeValue(input), rule: boundRule(issue, 'small') };
    case 'too_big':
      return { path, value: describeValue(input), rule: boundRule(issue, 'big') };
    case 'invalid_type':
      return {
        path,
        value: describeValue(input),
        rule: input === undefined ? 'is required' : `must be ${article(issue.expected)}`,
      };
    case 'invalid_value':
      return {
        path,
        value: describeValue(input),
        rule: `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`,
      };
    case 'invalid_union':
      return {
        path,
        value: describeValue(input),
        rule: issue.discriminator
          ? `has an unknown "${issue.discriminator}"`
          : 'does not match any allowed form',
      };
    case 'invalid_format':
      return { path, value: describeValue(input), rule: issue.message };
    default:
      return { path, value: describeValue(input), rule: issue.message };
  }
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
