/**
 * Security headers with a strict Content-Security-Policy: scripts only from our own origin (plus the
 * hashes of the web app's inline bootstrap, computed from the built index.html), no framing, no referrer.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface SecurityHeadersOptions {
  /** Extra script-src sources, e.g. `'sha256-…'` of inline scripts in the built web app. */
  scriptHashes?: string[];
}

export default fp(
  async function securityHeaders(app: FastifyInstance, options: SecurityHeadersOptions) {
    await app.register(helmet, {
      global: true,
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", ...(options.scriptHashes ?? [])],
          styleSrc: ["'self'"],
          // SvelteKit's route announcer sets a style attribute; inline <style> elements stay blocked.
          styleSrcAttr: ["'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          frameSrc: ["'none'"],
          workerSrc: ["'self'"],
          manifestSrc: ["'self'"],
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginEmbedderPolicy: false,
      crossOriginResourcePolicy: { policy: 'same-origin' },
      crossOriginOpenerPolicy: { policy: 'same-origin' },
      strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
      xFrameOptions: { action: 'deny' },
    });
    app.addHook('onSend', async (_request, reply, payload) => {
      reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
      return payload;
    });
  },
  { name: 'kring-security-headers' },
);
