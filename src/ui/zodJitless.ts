import { z } from 'zod';

// zod compiles object parsers with `new Function` when it can; probing for that trips the
// page's CSP (script-src 'self', no 'unsafe-eval') on every load. Imported first in main.tsx,
// before any module parses a scenario.
z.config({ jitless: true });
