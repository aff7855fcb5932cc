/**
 * Scenario and workspace files (docs/files.md): export as versioned, pretty-printed JSON in the
 * schema's key order; import from untrusted text with every problem reported and nothing
 * overwritten. Pure functions, except {@link importScenarioFile}, which reads a `Blob`.
 */
import { describeValue, type ScenarioIssue } from '../schema/issues';
import { SCENARIO_SCHEMA_ID, type Scenario } from '../schema/scenario';
import { assertScenario, parseScenario } from '../schema/validate';
import { parseJsonText } from './jsonText';

/** Marker of a workspace file: several scenarios in one file. */
export const WORKSPACE_SCHEMA_ID = 'mine-or-lease/workspace';
/** Current version of the workspace envelope (the scenarios inside carry their own version). */
export const CURRENT_WORKSPACE_VERSION = 1;
/** Most scenarios one workspace file may hold. */
export const MAX_WORKSPACE_SCENARIOS = 100;
/** Largest file accepted for import, in bytes (2 MB), checked before the file is read. */
export const MAX_SCENARIO_FILE_BYTES = 2_000_000;

/** A workspace file: `{ "schema": "mine-or-lease/workspace", "version": 1, "scenarios": [...] }`. */
export interface WorkspaceFile {
  readonly schema: typeof WORKSPACE_SCHEMA_ID;
  readonly version: typeof CURRENT_WORKSPACE_VERSION;
  readonly scenarios: readonly Scenario[];
}

/**
 * The outcome of an import: every scenario, validated and migrated, or every problem found.
 * Accepted scenarios are meant to be ADDED (see {@link namesForImport}); a rejected import must
 * change nothing.
 */
export type ImportResult =
  | { readonly ok: true; readonly scenarios: readonly Scenario[] }
  | { readonly ok: false; readonly problems: readonly ScenarioIssue[] };

/** Where the text came from, as the issues name the whole input: `(file)` or `(link)`. */
export type ImportSource = 'file' | 'link';

/**
 * One scenario as the text of a `.json` file: 2-space indents, final newline. The scenario is
 * re-validated first, so the file holds every field (defaults filled in) in the schema's key
 * order, whatever order the object had; an invalid scenario throws a `ScenarioError` instead of
 * being exported.
 */
export function scenarioFileText(scenario: Scenario): string {
  return `${JSON.stringify(assertScenario(scenario), null, 2)}\n`;
}

/**
 * Several scenarios as one workspace file (see {@link WorkspaceFile}), each as in
 * {@link scenarioFileText}. Throws a `RangeError` for no scenario or more than
 * {@link MAX_WORKSPACE_SCENARIOS}, which the importer would refuse.
 */
export function workspaceFileText(scenarios: readonly Scenario[]): string {
  if (scenarios.length === 0 || scenarios.length > MAX_WORKSPACE_SCENARIOS) {
    throw new RangeError(
      `a workspace file holds 1 to ${MAX_WORKSPACE_SCENARIOS} scenarios, not ${scenarios.length}`,
    );
  }
  const file: WorkspaceFile = {
    schema: WORKSPACE_SCHEMA_ID,
    version: CURRENT_WORKSPACE_VERSION,
    scenarios: scenarios.map(assertScenario),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** `10.5 MB`, `2 MB` (1 MB = 1,000,000 bytes) */
function megabytes(bytes: number): string {
  return `${Number((bytes / 1_000_000).toFixed(1))} MB`;
}

/** The size check done before anything is read or parsed. */
function fileSizeProblem(byteLength: number, source: ImportSource = 'file'): ScenarioIssue | null {
  if (byteLength <= MAX_SCENARIO_FILE_BYTES) return null;
  return {
    path: `(${source})`,
    value: `${megabytes(byteLength)} (${byteLength} bytes)`,
    rule: `is larger than the ${megabytes(MAX_SCENARIO_FILE_BYTES)} limit (${MAX_SCENARIO_FILE_BYTES} bytes) for a scenario or workspace file`,
  };
}

/**
 * Imports the text of a scenario or workspace file. `byteLength` is the file's size: a file over
 * {@link MAX_SCENARIO_FILE_BYTES} is refused before the text is looked at (a text longer than the
 * limit is refused too, whatever `byteLength` says). Then: the JSON checks of `parseJsonText`
 * (empty, binary, UTF-16, CSV, syntax with line/column, reserved keys, non-finite numbers), the
 * file marker, and every scenario validated (and migrated) by the schema. A workspace with one bad
 * scenario is refused whole, with each problem's path prefixed by `scenarios[i].`.
 */
export function parseScenarioFileText(
  text: string,
  byteLength: number,
  source: ImportSource = 'file',
  /** See `parseJsonText`: true when the bytes were decoded strictly or the text is a link's. */
  replacementCharIsText = false,
): ImportResult {
  // UTF-16 code units never outnumber UTF-8 bytes, so this also bounds the file's size.
  const sizeProblem = fileSizeProblem(Math.max(byteLength, text.length), source);
  if (sizeProblem) return { ok: false, problems: [sizeProblem] };
  const json = parseJsonText(text, `(${source})`, replacementCharIsText);
  if (!json.ok) return { ok: false, problems: json.issues };
  return parseScenarioFileValue(json.value, source);
}

/**
 * Reads a `File` (or any `Blob`) from a file picker or a drop and imports it: the size is checked
 * before a single byte is read. Never rejects.
 */
export async function importScenarioFile(file: Blob): Promise<ImportResult> {
  const sizeProblem = fileSizeProblem(file.size);
  if (sizeProblem) return { ok: false, problems: [sizeProblem] };
  let text: string;
  let strictUtf8 = false;
  try {
    // Decode the bytes as UTF-8 ourselves: Blob.text() in Chromium honours a UTF-16 byte order
    // mark, which would let a UTF-16 file through in the browser but not in Node.
    // Decoded leniently, so damaged bytes get the specific messages of `parseJsonText`; a
    // second, strict decode tells whether a U+FFFD in the text is the file's own character
    // (valid UTF-8) or a decoding scar (issue 11).
    const bytes = await file.arrayBuffer();
    text = new TextDecoder('utf-8').decode(bytes);
    strictUtf8 = isStrictUtf8(bytes);
  } catch (error) {
    return {
      ok: false,
      problems: [
        { path: '(file)', value: 'unreadable', rule: `could not be read: ${String(error)}` },
      ],
    };
  }
  return parseScenarioFileText(text, file.size, 'file', strictUtf8);
}

function isStrictUtf8(bytes: ArrayBuffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const MARKERS = `"${SCENARIO_SCHEMA_ID}" or "${WORKSPACE_SCHEMA_ID}"`;

/** A parsed JSON value as a scenario file or a workspace file. */
function parseScenarioFileValue(value: unknown, source: ImportSource = 'file'): ImportResult {
  if (!isRecord(value)) {
    return failure({
      path: `(${source})`,
      value: describeValue(value),
      rule: 'must be a JSON object (a Mine or Lease scenario or workspace file)',
    });
  }
  if (value.schema === WORKSPACE_SCHEMA_ID) return parseWorkspace(value);
  if (value.schema !== SCENARIO_SCHEMA_ID) {
    return failure({
      path: 'schema',
      value: describeValue(value.schema),
      rule: `must be ${MARKERS}`,
    });
  }
  const parsed = parseScenario(value);
  return parsed.ok
    ? { ok: true, scenarios: [parsed.scenario] }
    : { ok: false, problems: parsed.issues };
}

function failure(problem: ScenarioIssue): ImportResult {
  return { ok: false, problems: [problem] };
}

const WORKSPACE_KEYS = new Set(['schema', 'version', 'scenarios']);

function parseWorkspace(file: Record<string, unknown>): ImportResult {
  const { version, scenarios } = file;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return failure({
      path: 'version',
      value: describeValue(version),
      rule: 'must be a whole number from 1',
    });
  }
  if (version > CURRENT_WORKSPACE_VERSION) {
    return failure({
      path: 'version',
      value: String(version),
      rule: `is newer than this app understands (workspace version ${CURRENT_WORKSPACE_VERSION}); update the app`,
    });
  }
  const problems: ScenarioIssue[] = Object.keys(file)
    .filter((key) => !WORKSPACE_KEYS.has(key))
    .map((key) => ({
      path: key,
      value: describeValue(file[key]),
      rule: 'is not a field of a workspace file (unknown field)',
    }));
  if (!Array.isArray(scenarios)) {
    problems.push({
      path: 'scenarios',
      value: describeValue(scenarios),
      rule: scenarios === undefined ? 'is required' : 'must be an array of scenarios',
    });
    return { ok: false, problems };
  }
  if (scenarios.length === 0 || scenarios.length > MAX_WORKSPACE_SCENARIOS) {
    problems.push({
      path: 'scenarios',
      value: describeValue(scenarios),
      rule: `must have 1 to ${MAX_WORKSPACE_SCENARIOS} scenarios`,
    });
    return { ok: false, problems };
  }
  const accepted: Scenario[] = [];
  scenarios.forEach((raw, index) => {
    const parsed = parseScenario(raw);
    if (parsed.ok) accepted.push(parsed.scenario);
    else problems.push(...parsed.issues.map((issue) => prefixed(issue, index)));
  });
  return problems.length === 0 ? { ok: true, scenarios: accepted } : { ok: false, problems };
}

/** `(file)` → `scenarios[2]`, `site.utilityMw` → `scenarios[2].site.utilityMw`. */
function prefixed(issue: ScenarioIssue, index: number): ScenarioIssue {
  const root = `scenarios[${index}]`;
  const path = issue.path === '(file)' ? root : `${root}.${issue.path}`;
  return { ...issue, path };
}

const NUMBERED = /^(.*) \((\d+)\)$/;

/**
 * A name for an imported scenario that no existing one has: `name` itself when free, else
 * `name (2)`, `name (3)` … (a name already ending in ` (n)` is numbered from its stem). Compared
 * case-sensitively after trimming, as the tabs show them; kept within the schema's 200 characters.
 */
export function nameForImport(name: string, existingNames: Iterable<string>): string {
  const taken = new Set([...existingNames].map((existing) => existing.trim()));
  const trimmed = name.trim();
  if (!taken.has(trimmed)) return trimmed;
  const stem = NUMBERED.exec(trimmed)?.[1] ?? trimmed;
  for (let n = 2; ; n += 1) {
    const suffix = ` (${n})`;
    const candidate = `${stem.slice(0, 200 - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Imported scenarios renamed with {@link nameForImport} so none clashes with `existingNames` or
 * with another scenario of the same import; otherwise unchanged. Add them as new scenarios.
 */
export function namesForImport(
  scenarios: readonly Scenario[],
  existingNames: Iterable<string>,
): Scenario[] {
  const taken = [...existingNames];
  return scenarios.map((scenario) => {
    const name = nameForImport(scenario.name, taken);
    taken.push(name);
    return name === scenario.name ? scenario : { ...scenario, name };
  });
}
