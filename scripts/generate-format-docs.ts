import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFormatDocs, FORMAT_DOCS_PATH } from './schema-artifacts';

/** Writes only docs/scenario-format.md; `npm run schema:json` writes it along with the schema. */
const target = resolve(dirname(fileURLToPath(import.meta.url)), '..', FORMAT_DOCS_PATH);
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, buildFormatDocs());
console.log(`wrote ${FORMAT_DOCS_PATH}`);
