/**
 * Threads over HTTP: a space's thread list and one thread. Thin: schema, guard, service, status. Starting a
 * thread is posting: its route is in posts.routes.ts.
 */
import {
  spaceSlugParamsSchema,
  threadDetailSchema,
  threadListQuerySchema,
  threadListSchema,
  threadParamsSchema,
} from '@kring/shared';
import type { AppContext, ZodApp } from '../../context';
import { errorResponses, sendResult } from '../../plugins/errors';
import type { ThreadsService } from './threads.service';

export function threadsRoutes(app: ZodApp, _ctx: AppContext, { threads }: { threads: ThreadsService }): void {
  app.get(
    '/spaces/:slug/threads',
    {
      schema: {
        tags: ['threads'],
        summary: "A space's threads: pinned first, then by last activity",
        description:
          "Keyset-paginated: pass `nextCursor` back as `cursor`. `filter=unanswered` lists open threads without replies. A held thread (its opening post waits for a moderator) is listed only for its author and the space's moderators. A malformed cursor is a 400 `invalid_cursor`.",
        params: spaceSlugParamsSchema,
        querystring: threadListQuerySchema,
        response: { 200: threadListSchema, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => sendResult(reply, await threads.list(request.actor, request.params.slug, request.query)),
  );

  app.get(
    '/threads/:id',
    {
      schema: {
        tags: ['threads'],
        summary: 'One thread, with its space and what the reader may do there',
        description:
          '404 when the thread does not exist, its space is not readable, or it is held (its opening post waits for a moderator) and the reader is neither its author nor a moderator of the space.',
        params: threadParamsSchema,
        response: { 200: threadDetailSchema, ...errorResponses(404) },
      },
    },
    async (request, reply) => sendResult(reply, await threads.get(request.actor, request.params.id)),
  );
}
