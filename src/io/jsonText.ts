/**
 * Untrusted text → a JSON value, safely: every way a file or link can fail comes back as one
 * {@link ScenarioIssue} naming where, what and the rule, never as a thrown error. Used by the
 * scenario/workspace importer and the share link.
 */
import { describeValue, type ScenarioIssue } from '../schema/issues';
import { formatPath } from '../schema/validate';

/**
 * Deepest nesting of arrays and objects accepted. A workspace file needs 6 levels
 * (`scenarios[0].priceCases[0].pricesUsdByMonth[0]` sits 5 deep); anything far deeper is not a
 * scenario and could exhaust the stack of code that walks it recursively.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Keys refused anywhere in a file. `JSON.parse` makes them ordinary own properties, so they
 * cannot pollute anything here; they are still refused, because code that later copies the data
 * with a naive deep merge would set `Object.prototype` through them.
 */
export const RESERVED_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** A parsed and checked JSON value, or the one problem (or the tree's problems) found. */
export type JsonTextResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

/**
 * Parses `text` as JSON and checks the tree. Refuses, each with a specific rule: empty text, text
 * holding NUL or U+FFFD (binary data, UTF-16, or bytes that were not UTF-8 — a browser's
 * `Blob.text()` turns those into U+FFFD), a CSV table, invalid JSON (with line and column), and
 * in the parsed tree: nesting deeper than {@link MAX_JSON_DEPTH}, a {@link RESERVED_KEYS} key
 * (every one is listed, with its path) and numbers too large to be finite (`1e400`).
 * A leading UTF-8 byte order mark is ignored. `rootLabel` names the whole input in issues,
 * e.g. `(file)` or `(link)`.
 */
export function parseJsonText(
  text: string,
  rootLabel: string,
  /**
   * The text was decoded strictly (invalid UTF-8 already refused) or never was bytes (a share
   * link): a U+FFFD in it is a character the user wrote, not a decoding scar (issue 11: a file
   * containing U+FFFD exported fine but was refused on re-import).
   */
  replacementCharIsText = false,
): JsonTextResult {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const fail = (value: string, rule: string): JsonTextResult => ({
    ok: false,
    issues: [{ path: rootLabel, value, rule }],
  });
  if (body.trim() === '') {
    return fail(
      body === '' ? 'empty' : 'only white space',
      'is empty: a scenario file is a JSON object',
    );
  }
  const encoding = encodingProblem(body, replacementCharIsText);
  if (encoding !== null) return fail(encoding.value, encoding.rule);

  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    if (looksLikeCsv(body)) {
      return fail(
        describeValue(firstLine(body)),
        'is a CSV table, not JSON: import a scenario file (.json) exported by this app',
      );
    }
    const syntax = locateJsonSyntaxError(body);
    if (syntax === null) {
      // Only reachable if JSON.parse and the locator disagree: keep the engine's own words.
      return fail('not JSON', `is not valid JSON: ${(error as Error).message}`);
    }
    return fail(syntax.found, `is not valid JSON: ${syntax.rule}`);
  }
  const treeIssues = checkJsonTree(value);
  return treeIssues.length === 0 ? { ok: true, value } : { ok: false, issues: treeIssues };
}

/** NUL or U+FFFD in decoded text: the file was binary, UTF-16, or not UTF-8. */
function encodingProblem(
  text: string,
  replacementCharIsText: boolean,
): { value: string; rule: string } | null {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    if (looksLikeUtf16(text)) {
      return {
        value: 'UTF-16 text',
        rule: 'is not UTF-8 text: it is UTF-16; save it as UTF-8 and import it again',
      };
    }
    return {
      value: `a NUL byte at ${lineColumnText(text, nul)}`,
      rule: 'is not UTF-8 text: it holds binary data (is it a scenario file?)',
    };
  }
  const replacement = replacementCharIsText ? -1 : text.indexOf('\uFFFD');
  if (replacement >= 0) {
    return {
      value: `bytes that are not UTF-8 at ${lineColumnText(text, replacement)}`,
      rule: 'is not UTF-8 text: save it as UTF-8 (it may be Latin-1/Windows-1252 or binary)',
    };
  }
  return null;
}

/**
 * UTF-16 read as UTF-8: ASCII characters alternate with NULs (`{\0"\0`), after a byte order mark
 * that decoded to U+FFFD U+FFFD, if any.
 */
function looksLikeUtf16(text: string): boolean {
  const sample = text.replace(/^\uFFFD\uFFFD/, '').slice(0, 64);
  if (sample.length < 4) return false;
  const nulsAt = (parity: number) =>
    [...sample].filter((char, i) => i % 2 === parity && char === '\u0000').length;
  const half = Math.floor(sample.length / 2);
  return nulsAt(0) >= half * 0.75 || nulsAt(1) >= half * 0.75;
}

/**
 * Text that failed to parse as JSON and looks like a table: at least two lines, the first with a
 * comma, not starting like a JSON object, array or string.
 */
function looksLikeCsv(text: string): boolean {
  const start = text.trimStart();
  if (/^[{["]/.test(start)) return false;
  const lines = start.split(/\r?\n/);
  return lines.length >= 2 && (lines[0]?.split(',').length ?? 0) >= 2;
}

function firstLine(text: string): string {
  return text.trimStart().split(/\r?\n/, 1)[0] ?? '';
}

/** 1-based line and column (in UTF-16 code units) of `offset`. */
function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function lineColumnText(text: string, offset: number): string {
  const { line, column } = lineColumnAt(text, offset);
  return `line ${line}, column ${column}`;
}

/** Where a JSON text first goes wrong: what was found there and the rule, with line/column. */
export interface JsonSyntaxError {
  readonly offset: number;
  /** `end of text`, or the character found, quoted. */
  readonly found: string;
  readonly rule: string;
}

/** A JSON number (RFC 8259 §6), matched at `lastIndex`. */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Finds the first syntax error of a JSON text (RFC 8259), independently of the JavaScript
 * engine, whose `JSON.parse` messages differ and often give no position. Returns null for valid
 * JSON. Iterative, so any nesting depth is fine.
 */
export function locateJsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  // The containers open at `i`, innermost last; `justOpened`: no member read yet in the last one.
  const stack: ('object' | 'array')[] = [];
  let justOpened = false;
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i += 1;
  };
  const error = (expected: string): JsonSyntaxError => {
    const at = lineColumnText(text, i);
    if (i >= text.length) {
      return {
        offset: i,
        found: 'end of text',
        rule: `the text ends at ${at} where ${expected} should follow (is the file truncated?)`,
      };
    }
    return {
      offset: i,
      found: JSON.stringify(text[i]),
      rule: `expected ${expected} at ${at}`,
    };
  };

  /** Scans a string starting at the opening quote; returns an error or null. */
  const scanString = (): JsonSyntaxError | null => {
    i += 1;
    while (i < text.length) {
      const char = text[i]!;
      if (char === '"') {
        i += 1;
        return null;
      }
      if (char < ' ') return error('no control character inside a string (escape it)');
      if (char === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 1;
            return error('4 hex digits after \\u');
          }
          i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) {
          i += 1;
          return error('a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)');
        }
        i += 2;
        continue;
      }
      i += 1;
    }
    return error('a closing quote "');
  };

  /** Scans one scalar, or opens a container; returns an error or null. */
  const scanValue = (): JsonSyntaxError | null => {
    skipSpace();
    const char = text[i];
    if (char === '{' || char === '[') {
      stack.push(char === '{' ? 'object' : 'array');
      justOpened = true;
      i += 1;
      return null;
    }
    if (char === '"') return scanString();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return null;
      }
    }
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return null;
    }
    return error('a value');
  };

  // After '{' or ',' in an object: a key, ':' and a value.
  const scanMember = (): JsonSyntaxError | null => {
    skipSpace();
    if (text[i] !== '"') return error('a property name in double quotes');
    const stringError = scanString();
    if (stringError) return stringError;
    skipSpace();
    if (text[i] !== ':') return error("':' after the property name");
    i += 1;
    return scanValue();
  };

  let problem = scanValue();
  while (problem === null) {
    const open = stack.at(-1);
    const containerJustOpened = justOpened;
    justOpened = false;
    skipSpace();
    if (open === undefined) {
      if (i < text.length) return error('the end of the text after the JSON value');
      return null;
    }
    const close = open === 'object' ? '}' : ']';
    if (containerJustOpened && text[i] === close) {
      i += 1;
      stack.pop();
      continue;
    }
    if (containerJustOpened) {
      problem = open === 'object' ? scanMember() : scanValue();
      continue;
    }
    if (text[i] === close) {
      i += 1;
      stack.pop();
    } else if (text[i] === ',') {
      i += 1;
      problem = open === 'object' ? scanMember() : scanValue();
    } else {
      return error(`',' or '${close}'`);
    }
  }
  return problem;
}

/**
 * Checks a parsed tree without recursion: nesting depth, reserved keys and non-finite numbers
 * (`JSON.parse('1e400')` is `Infinity`). Returns every problem found (a deep tree: one issue).
 */
export function checkJsonTree(root: unknown): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const pending: { value: unknown; path: (string | number)[]; reserved: boolean }[] = [
    { value: root, path: [], reserved: false },
  ];
  while (pending.length > 0) {
    const { value, path, reserved } = pending.pop()!;
    if (reserved) {
      issues.push({
        path: formatPath(path),
        value: describeValue(value),
        rule: 'is a reserved name (__proto__, constructor and prototype are refused: prototype pollution)',
      });
      continue;
    }
    if (typeof value === 'number' && !Number.isFinite(value)) {
      issues.push({
        path: formatPath(path),
        value: describeValue(value),
        rule: 'is too large to be a number (beyond ±1.8e308): numbers must be finite',
      });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= MAX_JSON_DEPTH) {
      return [
        {
          path: formatPath(path),
          value: describeValue(value),
          rule: `is nested more than ${MAX_JSON_DEPTH} levels deep: not a scenario file`,
        },
      ];
    }
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : Object.entries(value);
    // Pushed in reverse so issues come out in document order.
    for (let k = entries.length - 1; k >= 0; k -= 1) {
      const [key, item] = entries[k]!;
      const isReserved = typeof key === 'string' && RESERVED_KEYS.includes(key);
      pending.push({ value: item, path: [...path, key], reserved: isReserved });
    }
  }
  return issues;
}
