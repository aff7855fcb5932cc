import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkJsonTree, locateJsonSyntaxError, parseJsonText } from '../../src/io/jsonText';
import {
  importScenarioFile,
  MAX_SCENARIO_FILE_BYTES,
  nameForImport,
  namesForImport,
  parseScenarioFileText,
  scenarioFileText,
  WORKSPACE_SCHEMA_ID,
  workspaceFileText,
} from '../../src/io/scenarioFile';
import type { Scenario } from '../../src/schema/scenario';
import { assertScenario, ScenarioError } from '../../src/schema/validate';
import { loadScenarioFile, minimalScenarioInput, SCENARIOS_DIR } from '../support/fixtures';

const PRESET_FILES = readdirSync(SCENARIOS_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort();
const presets: [string, Scenario][] = PRESET_FILES.map((file) => [
  file,
  assertScenario(loadScenarioFile(file)),
]);

function importText(text: string): Scenario[] {
  const result = parseScenarioFileText(text, new TextEncoder().encode(text).length);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.rule}`).join('\n'));
  return [...result.scenarios];
}

/** The same object with its keys in reverse order, at every level. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, reversedKeys(item)]),
  );
}

describe('scenario file export → import', () => {
  it.each(presets)('%s comes back identical (deep equal)', (_, scenario) => {
    const text = scenarioFileText(scenario);
    expect(importText(text)).toEqual([scenario]);
  });

  it('writes the versioned marker, 2-space indents, the schema key order and a final newline', () => {
    const [, scenario] = presets[0]!;
    const text = scenarioFileText(scenario);
    expect(
      text.startsWith('{\n  "schema": "mine-or-lease/scenario",\n  "version": 2,\n  "name": '),
    ).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    // Key order comes from the schema, not from the object handed in.
    expect(scenarioFileText(reversedKeys(scenario) as Scenario)).toBe(text);
  });

  it('fills in every default, so the file is complete on its own', () => {
    const minimal = minimalScenarioInput();
    expect(minimal).not.toHaveProperty('finance');
    const parsed = JSON.parse(scenarioFileText(minimal as Scenario));
    expect(parsed.finance).toHaveProperty('discountRatePctPerYear');
    expect(parsed.strategies).toHaveProperty('convertAtMonth');
  });

  it('refuses to export an invalid scenario', () => {
    const [, scenario] = presets[0]!;
    const broken = { ...scenario, site: { utilityMw: -1 } } as Scenario;
    expect(() => scenarioFileText(broken)).toThrow(ScenarioError);
    expect(() => workspaceFileText([scenario, broken])).toThrow(/site\.utilityMw/);
    expect(() => workspaceFileText([])).toThrow(RangeError);
    expect(() => workspaceFileText(Array(101).fill(scenario))).toThrow(/1 to 100 scenarios/);
  });

  it('imports a file saved with a byte order mark and CRLF line ends', () => {
    const [, scenario] = presets[0]!;
    const text = `\uFEFF${scenarioFileText(scenario).replaceAll('\n', '\r\n')}`;
    expect(importText(text)).toEqual([scenario]);
  });
});

describe('workspace file export → import', () => {
  const scenarios = presets.map(([, scenario]) => scenario);

  it('round-trips every preset in one file, in order', () => {
    const text = workspaceFileText(scenarios);
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed)).toEqual(['schema', 'version', 'scenarios']);
    expect(parsed.schema).toBe(WORKSPACE_SCHEMA_ID);
    expect(parsed.version).toBe(1);
    expect(importText(text)).toEqual(scenarios);
  });

  it('accepts a file of exactly the size limit and refuses one byte more', () => {
    const [, scenario] = presets[0]!;
    const padded = (notesLength: number) =>
      workspaceFileText(
        Array.from({ length: 100 }, () => ({ ...scenario, notes: 'n'.repeat(notesLength) })),
      );
    const bytes = (text: string) => new TextEncoder().encode(text).length;
    // The notes length that lands the file just under the limit, then an ASCII pad in one name.
    const perScenario = bytes(padded(1)) - bytes(padded(0));
    const notesLength = Math.floor((MAX_SCENARIO_FILE_BYTES - bytes(padded(0))) / perScenario);
    let text = padded(notesLength);
    const spare = MAX_SCENARIO_FILE_BYTES - bytes(text);
    text = text.replace('"name": "', `"name": "${'N'.repeat(spare)}`);
    expect(bytes(text)).toBe(MAX_SCENARIO_FILE_BYTES);
    expect(importText(text)).toHaveLength(100);
    const over = text.replace('"name": "', '"name": "N');
    const result = parseScenarioFileText(over, bytes(over));
    expect(result.ok).toBe(false);
  });
});

describe('nameForImport / namesForImport', () => {
  it.each([
    ['Texas', [], 'Texas'],
    ['Texas', ['Hydro'], 'Texas'],
    ['Texas', ['Texas'], 'Texas (2)'],
    ['Texas', ['Texas', 'Texas (2)'], 'Texas (3)'],
    ['Texas (2)', ['Texas', 'Texas (2)'], 'Texas (3)'],
    ['  Texas ', ['Texas'], 'Texas (2)'],
    ['texas', ['Texas'], 'texas'],
  ])('%j with %j existing → %j', (name, existing, result) => {
    expect(nameForImport(name, existing)).toBe(result);
  });

  it('stays within the 200 characters of a name', () => {
    const long = 'L'.repeat(200);
    const renamed = nameForImport(long, [long]);
    expect(renamed).toHaveLength(200);
    expect(renamed.endsWith(' (2)')).toBe(true);
  });

  it('renames clashes with the workspace and within the import, changing nothing else', () => {
    const [, scenario] = presets[0]!;
    const renamed = namesForImport(
      [scenario, scenario, { ...scenario, name: 'Other' }],
      [scenario.name],
    );
    expect(renamed.map((s) => s.name)).toEqual([
      `${scenario.name} (2)`,
      `${scenario.name} (3)`,
      'Other',
    ]);
    expect({ ...renamed[0], name: scenario.name }).toEqual(scenario);
    // Each result validates: a renamed scenario is still a scenario.
    for (const s of renamed) expect(() => assertScenario(s)).not.toThrow();
  });
});

describe('locateJsonSyntaxError', () => {
  it('returns null exactly when JSON.parse accepts the text (property)', () => {
    const jsonish = fc.string({
      unit: fc.constantFrom(
        '{',
        '}',
        '[',
        ']',
        ',',
        ':',
        '"',
        '\\',
        '1',
        '-',
        '.',
        'e',
        't',
        'n',
        ' ',
        'a',
        'u',
      ),
      maxLength: 14,
    });
    fc.assert(
      fc.property(fc.oneof(jsonish, fc.json()), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(locateJsonSyntaxError(text) === null).toBe(valid);
      }),
      { numRuns: 3000 },
    );
  });

  it('calls every cut-short prefix of a valid file truncated, at its end', () => {
    const [, scenario] = presets[0]!;
    const text = scenarioFileText(scenario).trimEnd();
    for (let length = 1; length < text.length; length += 7) {
      const cut = text.slice(0, length);
      const error = locateJsonSyntaxError(cut);
      expect(error, `prefix of ${length}`).not.toBeNull();
      if (error?.found === 'end of text') expect(error.rule).toContain('truncated');
    }
  });

  it('names the line and column of the first error', () => {
    expect(locateJsonSyntaxError('{\n  "a": 1\n  "b": 2\n}')).toEqual({
      offset: 13,
      found: '"\\""',
      rule: "expected ',' or '}' at line 3, column 3",
    });
    expect(locateJsonSyntaxError('[1, 2')?.rule).toBe(
      "the text ends at line 1, column 6 where ',' or ']' should follow (is the file truncated?)",
    );
    expect(locateJsonSyntaxError('{"a": "x\ny"}')?.rule).toContain('no control character');
    expect(locateJsonSyntaxError('{"a": "\\q"}')?.rule).toContain('a valid escape');
    expect(locateJsonSyntaxError('{"a": 01}')?.rule).toContain("expected ',' or '}'");
    expect(locateJsonSyntaxError('{} {}')?.rule).toContain('the end of the text');
  });
});

describe('parseJsonText and checkJsonTree', () => {
  it.each([
    ['name,value\r\nTexas,300\r\n', 'name,value'],
    ['1,2,3\n4,5,6\n', '1,2,3'],
  ])('calls %j a CSV table', (text, firstLine) => {
    expect(parseJsonText(text, '(file)')).toEqual({
      ok: false,
      issues: [
        {
          path: '(file)',
          value: JSON.stringify(firstLine),
          rule: 'is a CSV table, not JSON: import a scenario file (.json) exported by this app',
        },
      ],
    });
  });

  it('reports a file the browser cannot read, without throwing', async () => {
    const unreadable = {
      size: 10,
      arrayBuffer: () => Promise.reject(new Error('NotReadableError')),
    } as unknown as Blob;
    expect(await importScenarioFile(unreadable)).toMatchObject({
      ok: false,
      problems: [{ path: '(file)', rule: expect.stringContaining('NotReadableError') }],
    });
  });

  it('decodes the bytes as UTF-8 even where Blob.text() would honour a UTF-16 mark', async () => {
    // Chromium's Blob.text() decodes a UTF-16 file by its byte order mark; the importer must not.
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'{}'].flatMap((c) => [c.charCodeAt(0), 0])]);
    const file = {
      size: utf16.byteLength,
      text: async () => '{}',
      arrayBuffer: async () => utf16.buffer,
    } as unknown as Blob;
    const result = await importScenarioFile(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.rule).join(' ')).not.toMatch(/must be "mine-or-lease/);
  });

  it('makes __proto__ an own data key of a plain object, never its prototype', () => {
    const result = parseJsonText('{"a": {"b": 1}}', '(file)');
    expect(result.ok).toBe(true);
    const parsed = JSON.parse('{"__proto__": {"polluted": true}}');
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(checkJsonTree(parsed).map((issue) => issue.path)).toEqual(['__proto__']);
  });

  it('reports non-finite numbers with their paths, in document order', () => {
    expect(checkJsonTree({ a: [1, Number.POSITIVE_INFINITY], b: { c: -Infinity } })).toEqual([
      expect.objectContaining({ path: 'a[1]', value: 'Infinity' }),
      expect.objectContaining({ path: 'b.c', value: '-Infinity' }),
    ]);
  });

  it('accepts nesting up to the limit and refuses deeper', () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(parseJsonText(nested(32), '(file)').ok).toBe(true);
    expect(parseJsonText(nested(33), '(file)').ok).toBe(false);
    // A million levels: no stack overflow anywhere.
    expect(parseJsonText(nested(1_000_000), '(link)')).toMatchObject({
      ok: false,
      issues: [{ rule: expect.stringContaining('nested more than 32 levels') }],
    });
  });
});
