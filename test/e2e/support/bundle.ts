import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The budget of the JavaScript the first verdict waits for, gzipped (issue 3; docs/benchmarks.md):
 * read by `npm run bench` and held by a test of the built app.
 */
export const INITIAL_JAVASCRIPT_BUDGET_KB = 110;

/**
 * Gzip size of the scripts index.html loads itself (module entry and modulepreloads), and of
 * the chunks loaded later by dynamic import.
 */
export async function initialJavaScript(outDir: string) {
  const html = await readFile(join(outDir, 'index.html'), 'utf8');
  const entryFiles = [
    ...html.matchAll(
      /<script[^>]+src="([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g,
    ),
  ].map((match) => (match[1] ?? match[2])!.replace(/^\.?\//, ''));
  const allFiles = (await readdir(join(outDir, 'assets')))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  const gzip = async (file: string) =>
    gzipSync(await readFile(join(outDir, file)), { level: 9 }).length;
  let entryGzipBytes = 0;
  for (const file of entryFiles) entryGzipBytes += await gzip(file);
  let lazyGzipBytes = 0;
  for (const file of allFiles.filter((f) => !entryFiles.includes(f)))
    lazyGzipBytes += await gzip(file);
  return { entryFiles, entryGzipBytes, lazyGzipBytes };
}
