import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ImportResult,
  importScenarioFile,
  parseScenarioFileText,
} from '../../src/io/scenarioFile';
import { formatIssue } from '../../src/schema/validate';
import { GENERATED_BAD_FILES } from '../fixtures/generatedBadFiles';

const CORPUS_DIR = new URL('../fixtures/bad-scenarios/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('expected.json', CORPUS_DIR), 'utf8')) as Record<
  string,
  string
>;
const corpusFiles = readdirSync(CORPUS_DIR)
  .filter((name) => name !== 'expected.json')
  .sort();

/** Every problem as the UI lists it, one per line. */
function messageOf(result: ImportResult): string {
  if (result.ok) throw new Error(`accepted ${result.scenarios.length} scenario(s)`);
  return result.problems.map(formatIssue).join('\n');
}

function expectRejected(result: ImportResult, substring: string): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.problems.length).toBeGreaterThan(0);
  for (const problem of result.problems) {
    expect(problem.path).not.toBe('');
    expect(problem.value).not.toBe('');
    expect(problem.rule).not.toBe('');
  }
  expect(messageOf(result)).toContain(substring);
}

/** Own keys and values of Object.prototype, to show no import touched it. */
function prototypeSnapshot(): string[] {
  return Reflect.ownKeys(Object.prototype).map(String).sort();
}

describe('the bad-scenario corpus', () => {
  const before = prototypeSnapshot();

  it('has at least 30 files, each with an expected message, and nothing unlisted', () => {
    expect(corpusFiles.length).toBeGreaterThanOrEqual(30);
    expect(corpusFiles).toEqual(Object.keys(expected).sort());
  });

  it.each(corpusFiles)(
    '%s is rejected as a dropped file (Blob), with its message',
    async (name) => {
      const bytes = readFileSync(new URL(name, CORPUS_DIR));
      expectRejected(await importScenarioFile(new Blob([bytes])), expected[name]!);
    },
  );

  it.each(corpusFiles)('%s is rejected as text decoded like Blob.text()', (name) => {
    const bytes = readFileSync(new URL(name, CORPUS_DIR));
    const text = new TextDecoder().decode(bytes);
    expectRejected(parseScenarioFileText(text, bytes.byteLength), expected[name]!);
  });

  it('lists every problem of every scenario of a workspace, prefixed with its index', () => {
    const bytes = readFileSync(new URL('workspace-one-bad-scenario.json', CORPUS_DIR));
    const result = parseScenarioFileText(new TextDecoder().decode(bytes), bytes.byteLength);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toEqual([
      'scenarios[1].site.utilityMw',
      'scenarios[1].lease.rateUsdPerKwMonth',
    ]);
  });

  it('lists every reserved key of a file, not just the first', () => {
    const text =
      '{"__proto__":{},"schema":"mine-or-lease/scenario","nested":{"constructor":1,"list":[{"prototype":2}]}}';
    const result = parseScenarioFileText(text, text.length);
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual([
      '__proto__',
      'nested.constructor',
      'nested.list[0].prototype',
    ]);
  });

  it('leaves Object.prototype untouched after importing every file', () => {
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(probe.isAdmin).toBeUndefined();
    expect(prototypeSnapshot()).toEqual(before);
    expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
  });
});

describe('files generated at run time (too large to commit)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mine-or-lease-bad-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(GENERATED_BAD_FILES.map((file) => [file.name, file] as const))(
    '%s is refused for its size',
    async (_, file) => {
      const path = join(dir, file.name);
      await writeFile(path, file.bytes());
      const bytes = await readFile(path);
      expectRejected(await importScenarioFile(new Blob([bytes])), file.expected);
      expectRejected(
        parseScenarioFileText(bytes.toString('utf8'), bytes.byteLength),
        file.expected,
      );
    },
  );

  it('refuses an oversize file before reading a byte of it', async () => {
    let read = false;
    const huge = {
      size: 50_000_000,
      text: async () => {
        read = true;
        return '';
      },
    } as unknown as Blob;
    expectRejected(await importScenarioFile(huge), '50 MB (50000000 bytes): is larger than');
    expect(read).toBe(false);
  });

  it('refuses a text longer than the limit whatever byte length the caller claims', () => {
    const text = 'x'.repeat(2_000_001);
    expectRejected(parseScenarioFileText(text, 10), '(file) = 2 MB (2000001 bytes)');
  });
});
