/**
 * Cross-site request forgery guard: a state-changing request must come from our own origin.
 * Browsers send `Sec-Fetch-Site` and `Origin` on such requests; either one pointing elsewhere is refused.
 * Requests without either (curl, server-to-server) carry no ambient browser cookie risk and pass.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../lib/http-error';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function expectedOrigin(request: FastifyRequest): string | null {
  const host = request.headers.host;
  if (!host) return null;
  return `${request.protocol}://${host}`;
}

export function isCrossOrigin(
  headers: Record<string, string | string[] | undefined>,
  expected: string | null,
): boolean {
  const site = headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = headers.origin;
  if (typeof origin === 'string' && origin !== '') {
    if (origin === 'null' || expected === null) return true;
    return origin.toLowerCase() !== expected.toLowerCase();
  }
  return false;
}

export default fp(
  async function csrf(app: FastifyInstance) {
    app.addHook('onRequest', async (request) => {
      if (SAFE_METHODS.has(request.method)) return;
      if (isCrossOrigin(request.headers, expectedOrigin(request))) {
        throw new HttpError(403, 'cross_origin', 'Requests that change something must come from Kring itself.');
      }
    });
  },
  { name: 'kring-csrf' },
);
