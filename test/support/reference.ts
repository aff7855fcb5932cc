import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';

/** The vendored copies (test/fixtures/reference) and the workspace's shared originals. */
const VENDORED = resolve(import.meta.dirname, '../fixtures/reference');
const SHARED = resolve(import.meta.dirname, '../../../shared/reference');

/**
 * A reference file's text from the repository's own copy. When the workspace's
 * `shared/reference/` sits beside the repository, the copy must still equal it (a drift check).
 */
export function readReferenceFile(name: string): string {
  const text = readFileSync(resolve(VENDORED, name), 'utf8');
  const original = resolve(SHARED, name);
  if (existsSync(original)) {
    expect(text, `test/fixtures/reference/${name} differs from shared/reference/${name}`).toBe(
      readFileSync(original, 'utf8'),
    );
  }
  return text;
}
