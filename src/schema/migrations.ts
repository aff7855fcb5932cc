import { describeValue, type ScenarioIssue } from './issues';
import { CURRENT_SCENARIO_VERSION, SCENARIO_SCHEMA_ID } from './scenario';

/**
 * Migrations from version N to N+1, applied in order on load. Version 1 is the first format,
 * so the table is empty; a later version adds `{ 1: (v1) => v2 }` here and a test with a v1 file.
 */
export const scenarioMigrations: Readonly<
  Record<number, (older: Record<string, unknown>) => Record<string, unknown>>
> = {};

export type MigrationResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly issue: ScenarioIssue };

/** Checks the file marker and version, then upgrades an older file to the current version. */
export function migrateToCurrent(
  raw: unknown,
  migrations: Readonly<
    Record<number, (older: Record<string, unknown>) => Record<string, unknown>>
  > = scenarioMigrations,
  currentVersion: number = CURRENT_SCENARIO_VERSION,
): MigrationResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      issue: {
        path: '(file)',
        value: describeValue(raw),
        rule: 'must be a JSON object (a scenario file)',
      },
    };
  }
  let value = raw as Record<string, unknown>;
  if (value.schema !== SCENARIO_SCHEMA_ID) {
    return {
      ok: false,
      issue: {
        path: 'schema',
        value: describeValue(value.schema),
        rule: `must be "${SCENARIO_SCHEMA_ID}"`,
      },
    };
  }
  const version = value.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return {
      ok: false,
      issue: {
        path: 'version',
        value: describeValue(version),
        rule: 'must be a whole number from 1',
      },
    };
  }
  if (version > currentVersion) {
    return {
      ok: false,
      issue: {
        path: 'version',
        value: String(version),
        rule: `is newer than this app understands (version ${currentVersion}); update the app`,
      },
    };
  }
  for (let from = version; from < currentVersion; from += 1) {
    const step = migrations[from];
    if (!step) {
      return {
        ok: false,
        issue: {
          path: 'version',
          value: String(from),
          rule: `has no migration to version ${from + 1}`,
        },
      };
    }
    value = { ...step(value), version: from + 1 };
  }
  return { ok: true, value };
}
