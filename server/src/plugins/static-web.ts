/**
 * Serves the built web app (SvelteKit SPA) from the same origin as the API, with the SPA fallback:
 * any GET that is not an API or socket path and not a file gets index.html, and the client router
 * decides. A path that is none of the app's pages (`web-routes.ts`) gets index.html with status 404, so the
 * client shows its "page not found" and the HTTP status says the same.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface WebApp {
  dir: string;
  /** CSP sources for the inline scripts in index.html (SvelteKit's bootstrap), if any. */
  scriptHashes: string[];
}

/** Reads the built app once at start; null when it has not been built. */
export function loadWebApp(dir: string | null): WebApp | null {
  if (!dir) return null;
  const indexFile = path.join(dir, 'index.html');
  if (!existsSync(indexFile)) return null;
  const html = readFileSync(indexFile, 'utf8');
  const scriptHashes: string[] = [];
  for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    const body = match[1] ?? '';
    if (body.trim() === '') continue;
    scriptHashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return { dir, scriptHashes };
}

export async function registerWebApp(app: FastifyInstance, web: WebApp): Promise<void> {
  await app.register(fastifyStatic, {
    root: web.dir,
    prefix: '/',
    wildcard: true,
    index: false,
    // Directory paths (including "/") are the SPA's routes, answered by the fallback below.
    redirect: false,
    setHeaders(reply, filePath) {
      const immutable = filePath.includes(`${path.sep}_app${path.sep}immutable${path.sep}`);
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/', { schema: { hide: true } }, (_request, reply) => sendIndex(reply));
}

export function wantsWebApp(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const pathname = request.url.split('?')[0] ?? '/';
  return !pathname.startsWith('/api/') && pathname !== '/api' && !pathname.startsWith('/socket.io');
}

export function sendIndex(reply: FastifyReply, statusCode: 200 | 404 = 200): FastifyReply {
  return reply
    .code(statusCode)
    .header('cache-control', 'no-cache')
    .type('text/html; charset=utf-8')
    .sendFile('index.html');
}
