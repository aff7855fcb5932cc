import { readdirSync, readFileSync } from 'node:fs';
import lzNamespace from 'lz-string';
import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../src/io/scenarioFile';
import {
  crc32Hex,
  decodeShareFragment,
  encodeShareFragment,
  fitsShareLink,
  MAX_SHARE_FRAGMENT_CHARS,
  SHARE_FRAGMENT_PREFIX,
} from '../../src/io/shareLink';
import type { Scenario } from '../../src/schema/scenario';
import { assertScenario, formatIssue } from '../../src/schema/validate';
import { loadScenarioFile, SCENARIOS_DIR } from '../support/fixtures';

const lz =
  (lzNamespace as typeof lzNamespace & { default?: typeof lzNamespace }).default ?? lzNamespace;

const presets: [string, Scenario][] = readdirSync(SCENARIOS_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((file) => [file, assertScenario(loadScenarioFile(file))]);
const [, texas] = presets.find(([file]) => file.startsWith('texas'))!;

/** A fragment made by hand, as a tamperer would: any JSON text, compressed, with its checksum. */
function handMade(json: string): string {
  return `${SHARE_FRAGMENT_PREFIX}${lz.compressToEncodedURIComponent(json)}&c=${crc32Hex(json)}`;
}

function message(result: ImportResult): string {
  if (result.ok) throw new Error('the link was accepted');
  return result.problems.map(formatIssue).join('\n');
}

/** A rejection with one `(link)` problem saying the link is damaged, and nothing else. */
function expectDamaged(result: ImportResult, detail: RegExp | string = ''): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.problems).toHaveLength(1);
  expect(result.problems[0]!.path).toBe('(link)');
  expect(message(result)).toMatch(
    /is damaged or incomplete|is not a scenario share link|is longer/,
  );
  expect(message(result)).toMatch(detail);
}

describe('share link round trip', () => {
  it.each(presets)('%s: link → the same scenario, well under the size limit', (_, scenario) => {
    const fragment = encodeShareFragment(scenario);
    expect(fragment.startsWith('#s=')).toBe(true);
    expect(fragment).toMatch(/^#s=[A-Za-z0-9+\-$]+&c=[0-9a-f]{8}$/);
    expect(fitsShareLink(fragment)).toBe(true);
    expect(fragment.length).toBeLessThan(4000);
    expect(decodeShareFragment(fragment)).toEqual({ ok: true, scenarios: [scenario] });
    // location.hash without its '#', and a link whose '$' an app percent-encoded.
    expect(decodeShareFragment(fragment.slice(1))).toEqual({ ok: true, scenarios: [scenario] });
    expect(decodeShareFragment(fragment.replaceAll('$', '%24'))).toEqual({
      ok: true,
      scenarios: [scenario],
    });
  });

  it('computes the standard CRC-32', () => {
    expect(crc32Hex('')).toBe('00000000');
    expect(crc32Hex('123456789')).toBe('cbf43926');
    expect(crc32Hex('é')).toBe(crc32Hex('\u00e9'));
  });
});

describe('a tampered, truncated or garbage link changes nothing', () => {
  const fragment = encodeShareFragment(texas);
  const dataEnd = fragment.indexOf('&c=');

  it('refuses every truncation', () => {
    for (let length = 0; length < fragment.length; length += 1) {
      const cut = fragment.slice(0, length);
      const result = decodeShareFragment(cut);
      expect(result.ok, `cut at ${length}`).toBe(false);
    }
    expectDamaged(decodeShareFragment(fragment.slice(0, dataEnd)), 'its end is missing');
    expectDamaged(decodeShareFragment(fragment.slice(0, -3)), 'checksum is cut or changed');
    expectDamaged(decodeShareFragment(fragment.slice(0, 200) + fragment.slice(dataEnd)));
  });

  it('never accepts a different scenario after any single changed character of the data', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
    let refused = 0;
    for (let i = SHARE_FRAGMENT_PREFIX.length; i < dataEnd; i += 1) {
      const current = alphabet.indexOf(fragment[i]!);
      const flipped = alphabet[(current + 1 + (i % 63)) % alphabet.length]!;
      const tampered = fragment.slice(0, i) + flipped + fragment.slice(i + 1);
      const result = decodeShareFragment(tampered);
      // The last character carries padding bits: flipping only those decodes to the same text.
      if (result.ok) {
        expect(result.scenarios, `changed character ${i}`).toEqual([texas]);
        continue;
      }
      expectDamaged(result);
      refused += 1;
    }
    expect(refused).toBeGreaterThanOrEqual(dataEnd - SHARE_FRAGMENT_PREFIX.length - 1);
  });

  it('refuses a changed checksum', () => {
    const tampered = `${fragment.slice(0, -1)}${fragment.endsWith('0') ? '1' : '0'}`;
    expectDamaged(decodeShareFragment(tampered), 'does not match its checksum');
  });

  it.each([
    ['', 'must start with #s='],
    ['#', 'must start with #s='],
    ['#s=', 'its end is missing'],
    ['#s=&c=00000000', 'it holds no scenario'],
    ['#scenario=abc', 'must start with #s='],
    ['https://example.com/#s=abc', 'must start with #s='],
    ['#x=N4IgLg', 'must start with #s='],
    ['#s=!!!!&c=00000000', 'characters a share link cannot'],
    ['#s=%E0%A4%A&c=00000000', 'characters a share link cannot'],
    ['#s=zzzzzzzzzzzz&c=00000000', 'its data does not decompress|does not match its checksum'],
  ])('refuses %j', (text, detail) => {
    expectDamaged(decodeShareFragment(text), new RegExp(detail));
  });

  it('refuses a fragment over the limit without decompressing it', () => {
    const long = `#s=${'A'.repeat(MAX_SHARE_FRAGMENT_CHARS)}&c=00000000`;
    expectDamaged(decodeShareFragment(long), `longer than the ${MAX_SHARE_FRAGMENT_CHARS}`);
  });

  it('refuses a short link that decompresses to far more than a scenario file (LZ bomb)', () => {
    // 20,000,000 × "a" compressed (committed: compressing it takes over a minute).
    const bomb = readFileSync(
      new URL('../fixtures/share-links/lz-bomb.txt', import.meta.url),
      'utf8',
    ).trim();
    expect(bomb.length).toBeLessThan(MAX_SHARE_FRAGMENT_CHARS);
    expect(lz.decompressFromEncodedURIComponent(bomb.slice(3, -11))).toHaveLength(20_000_000);
    expectDamaged(decodeShareFragment(bomb), 'decompresses to more than a scenario file');
  });

  it('gives the schema problems for a valid compression of an invalid scenario', () => {
    const bad = JSON.stringify({ ...texas, site: { utilityMw: -5 } });
    const result = decodeShareFragment(handMade(bad));
    expect(message(result)).toBe('site.utilityMw = -5: must be greater than 0');
  });

  it('gives the importer message for a valid compression of non-JSON or polluting JSON', () => {
    expect(message(decodeShareFragment(handMade('{"schema": ')))).toMatch(
      /^\(link\) = end of text: is not valid JSON/,
    );
    const polluting = JSON.stringify(texas).replace('"name":', '"__proto__":{"x":1},"name":');
    expect(message(decodeShareFragment(handMade(polluting)))).toContain('__proto__ = an object');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
