import { describeValue, type ScenarioIssue } from './issues';
import { CURRENT_SCENARIO_VERSION, SCENARIO_SCHEMA_ID } from './scenario';

/**
 * Version 1 → 2: the reference price case becomes a field. Version 1 used the case named "base"
 * (any letter case, after trimming), else the first case; the migration writes that case's name
 * into `referenceCase`, so every version-1 file keeps its numbers and its verdict. A file whose
 * price cases are not readable is left without one: validation then reports the price cases.
 *
 * @example migrateV1ToV2({ priceCases: [{ name: 'bear' }, { name: 'Base' }] }).referenceCase === 'Base'
 */
export function migrateV1ToV2(v1: Record<string, unknown>): Record<string, unknown> {
  const cases = Array.isArray(v1.priceCases) ? v1.priceCases : [];
  const names = cases.map((c: unknown) =>
    typeof c === 'object' && c !== null && typeof (c as { name?: unknown }).name === 'string'
      ? ((c as { name: string }).name.trim() as string)
      : null,
  );
  const base = names.find((name) => name?.toLowerCase() === 'base');
  const reference = base ?? names[0] ?? null;
  if (reference === null || 'referenceCase' in v1) return { ...v1 };
  // Inserted after the price cases, so a migrated file reads in the order of a version-2 one.
  const migrated: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(v1)) {
    migrated[key] = value;
    if (key === 'priceCases') migrated.referenceCase = reference;
  }
  return migrated;
}

/** Migrations from version N to N+1, applied in order on load; each has a test with old files. */
export const scenarioMigrations: Readonly<
  Record<number, (older: Record<string, unknown>) => Record<string, unknown>>
> = { 1: migrateV1ToV2 };

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
