import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import type { AppPage } from './page';

/** Where the app keeps its workspace (src/state/persistence.ts). */
export const WORKSPACE_KEY = 'mine-or-lease/workspace';

/** Chooses an Export menu item (its id after `export-menu-`) and waits for its download. */
export async function exportDownload(page: Page, item: string): Promise<Download> {
  await page.click('#export-menu');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.click(`#export-menu-${item}`),
  ]);
  return download;
}

/** The bytes of a finished download. */
export async function downloadBytes(download: Download): Promise<Buffer> {
  const path = await download.path();
  if (!path) throw new Error(`download ${download.suggestedFilename()} failed`);
  return readFile(path);
}

/** The saved workspace JSON, as localStorage holds it. */
export function storedWorkspace(page: Page): Promise<string | null> {
  return page.evaluate((key) => localStorage.getItem(key), WORKSPACE_KEY);
}

/** Waits until the saved workspace has `count` tabs (saving is debounced by 300 ms). */
export async function waitForSavedTabs(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    ({ key, count }) => {
      const raw = localStorage.getItem(key);
      return raw !== null && (JSON.parse(raw) as { tabs: unknown[] }).tabs.length === count;
    },
    { key: WORKSPACE_KEY, count },
  );
}

/** The names on the scenario tabs, in order. */
export function tabNames(page: Page): Promise<string[]> {
  return page.$$eval('.tabs .tab', (tabs) => tabs.map((tab) => tab.textContent ?? ''));
}

/** Requests any of the pages made outside the app's origin (data: and blob: URLs are local). */
export function foreignRequests(pages: readonly AppPage[], appUrl: string): string[] {
  const origin = new URL(appUrl).origin;
  return pages
    .flatMap((app) => app.requests)
    .filter((request) => !request.startsWith(`${origin}/`) && !/^(data|blob):/.test(request));
}

/** Text with every run of white space as one space, to compare across line wraps. */
export function squashed(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
