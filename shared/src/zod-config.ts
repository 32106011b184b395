/**
 * zod builds fast object parsers with `new Function` when it is allowed to, and probes for that when a
 * schema is created. Under the web app's CSP (`script-src 'self'`, no 'unsafe-eval') even the probe is
 * reported as a violation, so in a browser zod runs without it. Imported first by index.ts, before any
 * schema exists; the server keeps the fast parsers.
 */
import { z } from 'zod';

if (typeof document !== 'undefined') z.config({ jitless: true });
