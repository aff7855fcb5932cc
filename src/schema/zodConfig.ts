import { z } from 'zod/mini';

// zod compiles object parsers with `new Function` when it can; merely probing for that trips a
// page's Content-Security-Policy (script-src 'self', no 'unsafe-eval'). The scenario schema
// imports this first, so every consumer — the page, a worker, a lazily loaded chunk — builds
// its parsers without eval, whatever order a bundler puts the chunks in.
z.config({ jitless: true });
