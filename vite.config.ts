import { defineConfig, type Plugin } from 'vite';
import solid from 'vite-plugin-solid';
import { offlineApp } from './scripts/offlineApp';

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

export default defineConfig({
  // Relative asset URLs: the built app works from any path it is served under.
  base: './',
  plugins: [solid(), contentSecurityPolicy(), offlineApp()],
  build: { target: 'es2022' },
  // Module workers (`new Worker(url, { type: 'module' })`) as ES modules, so they may import
  // chunks like the page does.
  worker: { format: 'es' },
});
