import { rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { buildApp } from './build';
import { serveStatic } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the built app is served, e.g. `http://127.0.0.1:43123/`. */
    appUrl: string;
    /** The build output directory. */
    appDir: string;
  }
}

/** Builds the app once for every e2e file and serves it on loopback. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const outDir = await buildApp();
  const server = await serveStatic(outDir);
  project.provide('appUrl', server.url);
  project.provide('appDir', outDir);
  return async () => {
    await server.close();
    await rm(outDir, { recursive: true, force: true });
  };
}
