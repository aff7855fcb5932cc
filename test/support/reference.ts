import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The vendored reference tables (test/fixtures/reference/README.md says where they come from). */
const VENDORED = resolve(import.meta.dirname, '../fixtures/reference');

/** A reference file's text from the repository's own copy. */
export function readReferenceFile(name: string): string {
  return readFileSync(resolve(VENDORED, name), 'utf8');
}
