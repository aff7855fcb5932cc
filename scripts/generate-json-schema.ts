import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildFormatDocs,
  buildJsonSchema,
  FORMAT_DOCS_PATH,
  JSON_SCHEMA_PATH,
} from './schema-artifacts';

/**
 * `npm run schema:json`: writes the JSON Schema and the format docs together, so neither can be
 * regenerated without the other (test/schema/artifacts.test.ts checks both are current).
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

for (const [path, text] of [
  [JSON_SCHEMA_PATH, buildJsonSchema()],
  [FORMAT_DOCS_PATH, buildFormatDocs()],
] as const) {
  const target = resolve(repoRoot, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  console.log(`wrote ${path}`);
}
