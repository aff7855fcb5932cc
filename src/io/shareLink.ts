/**
 * The share link (docs/files.md): the scenario file compressed into the URL fragment, which
 * browsers never send to a server. Format: `#s=<data>&c=<crc>`, where `<data>` is lz-string's
 * `compressToEncodedURIComponent` of the compact scenario JSON and `<crc>` the CRC-32 of that
 * JSON (UTF-8 bytes) in 8 lowercase hex digits. The checksum catches a link damaged in transit
 * (truncated by a mail client, a character changed); it is not a signature, and whatever a link
 * holds is validated like an imported file.
 */
import * as lzNamespace from 'lz-string';
import { leaseRiskSchema, type Scenario, scenarioSchemaV1 } from '../schema/scenario';
import { assertScenario } from '../schema/validate';
import { type ImportResult, MAX_SCENARIO_FILE_BYTES, parseScenarioFileText } from './scenarioFile';

// lz-string is CommonJS: bundlers expose its functions on the namespace, Node only on `default`.
const lz: typeof lzNamespace =
  (lzNamespace as typeof lzNamespace & { default?: typeof lzNamespace }).default ?? lzNamespace;

/** Everything before the data: `#s=`. */
export const SHARE_FRAGMENT_PREFIX = '#s=';
const CHECKSUM_SEPARATOR = '&c=';
/**
 * Longest fragment made or decoded (characters). Browsers take URLs of about 2 MB, but chat and
 * mail clients cut long links, and LZ data can expand quadratically (a crafted 20,000-character
 * fragment decompresses to 50 million characters): past this, share the scenario as a file.
 * The presets need 2,200–3,500 characters.
 */
export const MAX_SHARE_FRAGMENT_CHARS = 32_000;
/** The characters of `compressToEncodedURIComponent` output. */
const DATA_ALPHABET = /^[A-Za-z0-9+\-$]*$/;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (IEEE 802.3, as zip and PNG) of the UTF-8 bytes of `text`, as 8 hex digits. */
export function crc32Hex(text: string): string {
  let crc = 0xffffffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  }
  return ((crc ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}

/**
 * The URL fragment that carries `scenario` (validated first: an invalid scenario throws a
 * `ScenarioError`), e.g. `#s=N4Ig…&c=1a2b3c4d`. Append it to the app's URL. A fragment longer
 * than {@link MAX_SHARE_FRAGMENT_CHARS} will not be accepted when opened: offer the file instead
 * (see {@link fitsShareLink}).
 */
export function encodeShareFragment(scenario: Scenario): string {
  const json = JSON.stringify(withoutDefaultSections(assertScenario(scenario)));
  return `${SHARE_FRAGMENT_PREFIX}${lz.compressToEncodedURIComponent(json)}${CHECKSUM_SEPARATOR}${crc32Hex(json)}`;
}

/**
 * The scenario without the sections that equal what the schema fills into a file without them
 * (the standard stress tests, the default lease-side risk): the link stays short, and decoding
 * fills them back, so the scenario is the same.
 */
function withoutDefaultSections(scenario: Scenario): unknown {
  const defaults = scenarioSchemaV1.shape;
  const { stressTests, monteCarlo, ...rest } = scenario;
  const { leaseRisk, ...monteCarloRest } = monteCarlo;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  return {
    ...rest,
    monteCarlo: same(leaseRisk, leaseRiskSchema.parse({}))
      ? monteCarloRest
      : { ...monteCarloRest, leaseRisk },
    ...(same(stressTests, defaults.stressTests.parse(undefined)) ? {} : { stressTests }),
  };
}

/** Whether a fragment from {@link encodeShareFragment} is short enough to be opened as a link. */
export function fitsShareLink(fragment: string): boolean {
  return fragment.length <= MAX_SHARE_FRAGMENT_CHARS;
}

function damaged(value: string, rule: string): ImportResult {
  return { ok: false, problems: [{ path: '(link)', value, rule }] };
}

const DAMAGED = 'is damaged or incomplete: copy the whole link again';

/** Undoes percent-encoding that some apps add when passing a link on (`$` → `%24`). */
function percentDecoded(data: string): string | null {
  if (!data.includes('%')) return data;
  try {
    return decodeURIComponent(data);
  } catch {
    return null;
  }
}

/**
 * The scenario(s) in a share fragment (`location.hash`, with or without the leading `#`). A
 * fragment that is not a share link, is cut short, has a changed character or does not
 * decompress gives one `(link)` problem saying so; a link that decodes to an invalid scenario
 * gives the schema's problems, as a file would. Never throws.
 */
export function decodeShareFragment(fragment: string): ImportResult {
  const hash = fragment.startsWith('#') ? fragment : `#${fragment}`;
  if (!hash.startsWith(SHARE_FRAGMENT_PREFIX)) {
    return damaged(
      JSON.stringify(hash.slice(0, 20)),
      `is not a scenario share link (it must start with ${SHARE_FRAGMENT_PREFIX})`,
    );
  }
  if (hash.length > MAX_SHARE_FRAGMENT_CHARS) {
    return damaged(
      `${hash.length} characters`,
      `is longer than the ${MAX_SHARE_FRAGMENT_CHARS} characters a share link may have`,
    );
  }
  const body = hash.slice(SHARE_FRAGMENT_PREFIX.length);
  const separator = body.lastIndexOf(CHECKSUM_SEPARATOR);
  if (separator < 0) return damaged('no checksum', `${DAMAGED} (its end is missing)`);
  const checksum = body.slice(separator + CHECKSUM_SEPARATOR.length);
  if (!/^[0-9a-f]{8}$/.test(checksum)) {
    return damaged(
      JSON.stringify(checksum.slice(0, 20)),
      `${DAMAGED} (its checksum is cut or changed)`,
    );
  }
  const data = percentDecoded(body.slice(0, separator));
  if (data === null || !DATA_ALPHABET.test(data)) {
    return damaged('invalid characters', `${DAMAGED} (it holds characters a share link cannot)`);
  }
  if (data === '') return damaged('no data', `${DAMAGED} (it holds no scenario)`);
  let json: string | null;
  try {
    json = lz.decompressFromEncodedURIComponent(data);
  } catch {
    json = null;
  }
  if (json === null || json === '') {
    return damaged(
      `${data.length} characters of data`,
      `${DAMAGED} (its data does not decompress)`,
    );
  }
  if (json.length > MAX_SCENARIO_FILE_BYTES) {
    return damaged(
      `${json.length} characters`,
      `${DAMAGED} (it decompresses to more than a scenario file may hold)`,
    );
  }
  if (crc32Hex(json) !== checksum) {
    return damaged(`checksum ${checksum}`, `${DAMAGED} (its data does not match its checksum)`);
  }
  // A link's text was never bytes: a U+FFFD in it is the scenario's own character.
  return parseScenarioFileText(json, json.length, 'link', true);
}
