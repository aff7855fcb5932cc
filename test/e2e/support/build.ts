import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

/** Builds the app with the project's vite config into a fresh temporary directory. */
export async function buildApp(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'mine-or-lease-build-'));
  await build({
    root: REPO_ROOT,
    configFile: join(REPO_ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}
