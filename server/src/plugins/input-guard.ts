/**
 * One guard for every route, after schema validation and before the handler: path params, query strings
 * and JSON bodies may not contain C0 control characters (tab and newlines excepted), DEL or lone
 * surrogates — in values or keys. Text fields refuse them through `text()` already; this also covers
 * slugs, ids, filters and any route added later, so such bytes never reach a query (PostgreSQL refuses
 * U+0000 with an error → 500). Running after validation keeps the order routes promise: a signed-out
 * caller of a member-only route hears 401 before anything about its input.
 */
import { hasForbiddenCharacters } from '@kring/shared';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sendError } from './errors';

/** The path (`a.b.0`) of the first string in `value` with forbidden characters, or null. Iterative: bodies may nest deeply. */
export function forbiddenCharacterPath(value: unknown, root: string): string | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [current, path] = stack.pop() as [unknown, string];
    if (typeof current === 'string') {
      if (hasForbiddenCharacters(current)) return path;
    } else if (current && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        if (hasForbiddenCharacters(key)) return path;
        stack.push([child, path === root ? key : `${path}.${key}`]);
      }
    }
  }
  return null;
}

export default fp(
  async function inputGuard(app: FastifyInstance) {
    app.addHook('preHandler', async (request, reply) => {
      for (const [part, value] of [
        ['params', request.params],
        ['querystring', request.query],
        ['body', request.body],
      ] as const) {
        const path = forbiddenCharacterPath(value, part);
        if (path === null) continue;
        return sendError(reply, {
          statusCode: 400,
          code: 'validation_failed',
          message: `The ${part === 'querystring' ? 'query string' : part} contains characters that are not allowed.`,
          fields: { [path]: 'contains characters that are not allowed' },
        });
      }
    });
  },
  { name: 'kring-input-guard' },
);
