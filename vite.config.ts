import { createHash } from 'node:crypto';
import { defineConfig, type Plugin } from 'vite';
import solid from 'vite-plugin-solid';

/**
 * The built page may load and connect to its own origin only: no remote scripts, styles, fonts,
 * images or connections, so a scenario cannot leave the machine. Inline styles stay blocked too
 * (Solid and Chart.js set styles through the CSSOM, which CSP does not restrict).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  // The Monte Carlo runs in module workers built as files of their own: same origin, no blob:.
  "worker-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Injects the policy as a meta tag at build time only, so dev mode keeps its HMR scripts. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'mine-or-lease:csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * The installable offline app (docs/app.md, "Offline and install"): at build time, a service
 * worker that precaches every file of the bundle (index.html, every JS and CSS chunk, workers,
 * the icon) under a cache named after their content, and a web manifest. After one visit,
 * every feature — lazy chunks included (workbook, ledger CSVs, share links, Monte Carlo, board
 * pack) — loads from the cache with the server gone. No request ever leaves the app's origin.
 */

export const SERVICE_WORKER_FILE = 'sw.js';
export const MANIFEST_FILE = 'manifest.webmanifest';
export const ICON_FILE = 'icon.svg';
export const REGISTER_FILE = 'register-sw.js';

/**
 * Registers the worker once the page has loaded, so installing it never delays the answer. A
 * file of its own (the CSP allows no inline script), added to the built page only: the dev
 * server and the tests of the source run without a service worker.
 */
const REGISTER_SOURCE = `// Generated at build time by vite.config.ts: do not edit.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./${SERVICE_WORKER_FILE}', { scope: './' }).catch(() => {
      // No service worker here (private window, file://): the app still works while online.
    });
  });
}
`;

/** The app's mark: orange and blue halves, as the brand mark on the page. */
const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" rx="96" fill="#1d4f91"/><path d="M96 416V96h320z" fill="#e07a1f"/></svg>
`;

const MANIFEST = {
  name: 'Mine or Lease',
  short_name: 'Mine or Lease',
  description:
    'Keep mining or lease the megawatts to AI/HPC: an NPV decision tool for one Bitcoin mining site.',
  start_url: './',
  scope: './',
  display: 'standalone',
  background_color: '#ffffff',
  theme_color: '#1d4f91',
  icons: [{ src: ICON_FILE, sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
};

/**
 * The worker's source. Files with content hashes are served cache-first; a page load asks the
 * network first (a new version is picked up when online) and falls back to the cached page, so
 * a share link (`./#s=…`) opens offline too. An old version's cache is dropped on activation.
 */
export function serviceWorkerSource(cacheName: string, files: readonly string[]): string {
  return `// Generated at build time by vite.config.ts: do not edit.
const CACHE = ${JSON.stringify(cacheName)};
const FILES = ${JSON.stringify(['./', ...files])};
const PAGE = new URL('./index.html', self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith('mine-or-lease-') && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(() =>
        caches.match(PAGE).then((page) => page || Response.error()),
      ),
    );
    return;
  }
  event.respondWith(
    caches
      .match(request, { ignoreSearch: true })
      .then((cached) => cached || fetch(request)),
  );
});
`;
}

export function offlineApp(): Plugin {
  return {
    name: 'mine-or-lease:offline',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'link', attrs: { rel: 'manifest', href: `./${MANIFEST_FILE}` }, injectTo: 'head' },
      {
        tag: 'script',
        attrs: { type: 'module', src: `./${REGISTER_FILE}` },
        injectTo: 'body',
      },
      {
        tag: 'meta',
        attrs: { name: 'theme-color', content: MANIFEST.theme_color },
        injectTo: 'head',
      },
    ],
    generateBundle(_options, bundle) {
      this.emitFile({ type: 'asset', fileName: ICON_FILE, source: ICON_SVG });
      this.emitFile({ type: 'asset', fileName: REGISTER_FILE, source: REGISTER_SOURCE });
      this.emitFile({
        type: 'asset',
        fileName: MANIFEST_FILE,
        source: `${JSON.stringify(MANIFEST, null, 2)}\n`,
      });
      // index.html joins the bundle after this hook; its content follows the chunks' hashes.
      const files = [
        ...new Set([...Object.keys(bundle), 'index.html', ICON_FILE, MANIFEST_FILE, REGISTER_FILE]),
      ]
        .filter((file) => !file.endsWith('.map'))
        .sort();
      // Named after the content: any change to any file installs a fresh cache.
      const hash = createHash('sha256');
      for (const file of files) {
        const item = bundle[file];
        hash.update(file);
        if (item?.type === 'chunk') hash.update(item.code);
        else if (item?.type === 'asset') hash.update(item.source);
      }
      this.emitFile({
        type: 'asset',
        fileName: SERVICE_WORKER_FILE,
        source: serviceWorkerSource(
          `mine-or-lease-${hash.digest('hex').slice(0, 16)}`,
          files.map((file) => `./${file}`),
        ),
      });
    },
  };
}

export default defineConfig({
  // Relative asset URLs: the built app works from any path it is served under.
  base: './',
  plugins: [solid(), contentSecurityPolicy(), offlineApp()],
  build: { target: 'es2022' },
  // Module workers (`new Worker(url, { type: 'module' })`) as ES modules, so they may import
  // chunks like the page does.
  worker: { format: 'es' },
});
