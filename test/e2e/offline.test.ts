import { readdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './support/browser';
import { downloadBytes, exportDownload, foreignRequests } from './support/files';
import { type AppPage, openApp, waitForResults } from './support/page';
import { serveStatic } from './support/server';

/**
 * Issue 10: offline was half true (lazy chunks failed once the server was gone). After one
 * visit, with the server stopped, every feature works from the service worker's cache: the
 * page, the workbook, ledger CSVs, a share link, the Monte Carlo and the board pack.
 */

const appDir = inject('appDir');
let server: Awaited<ReturnType<typeof serveStatic>>;
let context: BrowserContext;
const pages: AppPage[] = [];

beforeAll(async () => {
  // A server of its own: this test stops it.
  server = await serveStatic(appDir);
  context = await launchChromium();
});
afterAll(async () => {
  await context?.close();
  await server?.close().catch(() => {});
});

async function cachedFiles(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const names = await caches.keys();
    const urls: string[] = [];
    for (const name of names) {
      for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
    }
    return urls.map((url) => new URL(url).pathname);
  });
}

describe('the installable offline app', () => {
  it('lazy chunks fail once the server is gone (issue 10): after one visit every feature works with the server stopped', async () => {
    const first = await openApp(context, server.url, { monteCarlo: 'automatic' });
    pages.push(first);
    // The service worker installs after load and takes control of the page.
    const controlled = await first.page
      .waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
        timeout: 90_000,
        polling: 250,
      })
      .then(() => 'controlled')
      .catch(async () =>
        first.page.evaluate(async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          return JSON.stringify({
            registered: registration !== undefined,
            installing: registration?.installing?.state,
            active: registration?.active?.state,
          });
        }),
      );
    expect(controlled).toBe('controlled');
    const manifest = await first.page.getAttribute('link[rel="manifest"]', 'href');
    expect(manifest).toBe('./manifest.webmanifest');
    const cached = await cachedFiles(first.page);
    const assets = readdirSync(`${appDir}/assets`).map((file) => `/assets/${file}`);
    expect(assets.length).toBeGreaterThan(5);
    for (const file of [...assets, '/', '/index.html', '/manifest.webmanifest', '/icon.svg'])
      expect(cached, file).toContain(file);
    await first.page.close();

    await server.close();

    // A fresh load with nothing listening: the page, its charts and verdict.
    const app = await openApp(context, server.url, {
      clearStorage: false,
      monteCarlo: 'automatic',
    });
    pages.push(app);
    const { page } = app;
    await waitForResults(page);

    // Workbook (exceljs and the export worker are lazy chunks).
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await downloadBytes(
        await exportDownload(page, 'workbook-xlsx'),
      )) as unknown as ExcelJS.Buffer,
    );
    expect(workbook.worksheets.map((sheet) => sheet.name).slice(0, 2)).toEqual([
      'Decision',
      'Summary',
    ]);

    // Ledger CSVs.
    const ledgers = (await downloadBytes(await exportDownload(page, 'ledgers-csv'))).toString(
      'utf8',
    );
    expect(ledgers.split('\n').length).toBeGreaterThan(1000);

    // Monte Carlo: its worker and its result chunk.
    await page.waitForSelector('#uncertainty[data-status="done"]', { timeout: 90_000 });
    await page.waitForSelector('#mc-npv-table');

    // A share link, opened in a new page.
    await page.click('#export-menu');
    await page.click('#export-menu-share-link');
    await page.waitForSelector('#share-url');
    const link = await page.inputValue('#share-url');
    expect(link).toContain('#s=');
    await page.keyboard.press('Escape');
    const opened = await openApp(context, link, { clearStorage: false, monteCarlo: 'automatic' });
    pages.push(opened);
    await opened.page.waitForSelector('[data-report="added"]');
    await opened.page.close();

    // The board pack, charts drawn.
    await page.click('#export-menu');
    await page.click('#export-menu-board-pack');
    await page.waitForSelector('.boardpack[data-ready="true"]');
    expect(await page.locator('img.bp-chart').count()).toBe(4);

    expect(foreignRequests(pages, server.url)).toEqual([]);
    for (const p of pages) expect(p.problems).toEqual([]);
    await page.close();
  });
});
