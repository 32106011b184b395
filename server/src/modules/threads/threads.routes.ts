/** Threads over HTTP: a space's thread list, starting a thread, one thread. Thin: schema, guard, service, status. */
import {
  createThreadBodySchema,
  createThreadResponseSchema,
  errorBodySchema,
  spaceSlugParamsSchema,
  threadDetailSchema,
  threadListQuerySchema,
  threadListSchema,
  threadParamsSchema,
} from '@kring/shared';
import type { AppContext, ZodApp } from '../../context';
import { ok } from '../../lib/result';
import { sendResult } from '../../plugins/errors';
import { routeRateLimit } from '../../plugins/rate-limit';
import { requireMember } from '../../plugins/session';
import { createThreadsService } from './threads.service';

export function threadsRoutes(app: ZodApp, ctx: AppContext): void {
  const threads = createThreadsService(ctx, app.log);

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
        response: { 200: threadListSchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request, reply) => sendResult(reply, await threads.list(request.actor, request.params.slug, request.query)),
  );

  app.post(
    '/spaces/:slug/threads',
    {
      schema: {
        tags: ['threads'],
        summary: 'Start a thread (title + opening post)',
        description:
          '201 when published, 202 when held for review (`post.status = "pending"`): then the thread is held — it exists only for its author and the space\'s moderators (everyone else gets 404 on every thread route and socket join) and counts nowhere until a moderator approves the opening post (`approve_post`). 200 with the original when the same `idempotencyKey` was already used by this member.',
        params: spaceSlugParamsSchema,
        body: createThreadBodySchema,
        response: {
          200: createThreadResponseSchema,
          201: createThreadResponseSchema,
          202: createThreadResponseSchema,
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
          404: errorBodySchema,
          409: errorBodySchema,
          429: errorBodySchema,
        },
      },
      config: { ...routeRateLimit(ctx.config, ctx.config.writeLimits.postsPerMinute, '1 minute') },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      const result = await threads.create(actor, request.params.slug, request.body);
      if (!result.ok) return sendResult(reply, result);
      const { thread, post, created, status, care } = result.value;
      return sendResult(
        reply,
        ok({ thread, post, ...(care ? { care } : {}) }),
        !created ? 200 : status === 'pending' ? 202 : 201,
      );
    },
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
        response: { 200: threadDetailSchema, 404: errorBodySchema },
      },
    },
    async (request, reply) => sendResult(reply, await threads.get(request.actor, request.params.id)),
  );
}
