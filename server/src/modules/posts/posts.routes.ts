/** Posts over HTTP: start a thread, read a thread by number, reply, edit and delete one's own, preview. */
import {
  createPostBodySchema,
  createThreadBodySchema,
  createThreadResponseSchema,
  spaceSlugParamsSchema,
  editPostBodySchema,
  postPageQuerySchema,
  postPageSchema,
  postParamsSchema,
  postResponseSchema,
  previewBodySchema,
  previewResponseSchema,
  threadParamsSchema,
} from '@kring/shared';
import type { AppContext, ZodApp } from '../../context';
import { ok } from '../../lib/result';
import { errorResponses, sendResult } from '../../plugins/errors';
import { routeRateLimit } from '../../plugins/rate-limit';
import { requireMember } from '../../plugins/session';
import type { PostsService } from './posts.service';
import type { PostWriter } from './posts.write';
import { threadsAccountHooks } from './posts.account';

// eslint-disable-next-line max-lines-per-function -- a route table: one short registration per endpoint
export function postsRoutes(
  app: ZodApp,
  ctx: AppContext,
  { posts, postWriter }: { posts: PostsService; postWriter: PostWriter },
): void {
  // Account deletion erases or anonymises the member's posts; export includes them.
  const accountHooks = threadsAccountHooks(ctx);
  ctx.accountExtensions.onDelete('threads', accountHooks.onDelete);
  ctx.accountExtensions.exportSection('threads', accountHooks.exportSection);
  const writeErrors = errorResponses(400, 401, 403, 404, 409, 429);

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
          ...errorResponses(400, 401, 403, 404, 409, 429),
        },
      },
      config: { ...routeRateLimit(ctx.config, ctx.config.writeLimits.postsPerMinute, '1 minute') },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      const result = await postWriter.startThread(actor, request.params.slug, request.body);
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
    '/threads/:id/posts',
    {
      schema: {
        tags: ['posts'],
        summary: "A page of a thread's posts, ascending by number",
        description:
          'Without a position: from the first post. `after=N` newer than N, `before=N` older than N, `around=N` a page centred on post N (permalinks). Pass `nextCursor` as `after` and `prevCursor` as `before`.',
        params: threadParamsSchema,
        querystring: postPageQuerySchema,
        response: { 200: postPageSchema, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => sendResult(reply, await posts.list(request.actor, request.params.id, request.query)),
  );

  app.post(
    '/threads/:id/posts',
    {
      schema: {
        tags: ['posts'],
        summary: 'Reply to a thread',
        description:
          '201 when published, 202 when held for review, 200 with the original when the same `idempotencyKey` was already used by this member. 403 `thread_locked`, `space_archived`, `anonymous_not_allowed` (later also `muted`, `banned`).',
        params: threadParamsSchema,
        body: createPostBodySchema,
        response: { 200: postResponseSchema, 201: postResponseSchema, 202: postResponseSchema, ...writeErrors },
      },
      config: { ...routeRateLimit(ctx.config, ctx.config.writeLimits.postsPerMinute, '1 minute') },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      const result = await postWriter.reply(actor, request.params.id, request.body);
      if (!result.ok) return sendResult(reply, result);
      const { post, created, status, care } = result.value;
      return sendResult(
        reply,
        ok({ post, ...(care ? { care } : {}) }),
        !created ? 200 : status === 'pending' ? 202 : 201,
      );
    },
  );

  app.patch(
    '/posts/:id',
    {
      schema: {
        tags: ['posts'],
        summary: 'Edit your own post (the earlier version is kept for moderators)',
        params: postParamsSchema,
        body: editPostBodySchema,
        response: { 200: postResponseSchema, ...writeErrors },
      },
      config: { ...routeRateLimit(ctx.config, 20, '1 minute') },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      return sendResult(reply, await posts.edit(actor, request.params.id, request.body));
    },
  );

  app.delete(
    '/posts/:id',
    {
      schema: {
        tags: ['posts'],
        summary: 'Delete your own post',
        description: 'The post keeps its place in the thread as a stub with status "removed".',
        params: postParamsSchema,
        response: { 200: postResponseSchema, ...writeErrors },
      },
      config: { ...routeRateLimit(ctx.config, 20, '1 minute') },
    },
    async (request, reply) => {
      const actor = requireMember(request);
      return sendResult(reply, await posts.remove(actor, request.params.id));
    },
  );

  app.post(
    '/posts/preview',
    {
      schema: {
        tags: ['posts'],
        summary: 'Render markdown exactly as a post would be stored (the composer preview)',
        body: previewBodySchema,
        response: { 200: previewResponseSchema, ...errorResponses(400, 401, 429) },
      },
      config: { ...routeRateLimit(ctx.config, 60, '1 minute') },
    },
    async (request, reply) => {
      requireMember(request);
      return sendResult(reply, ok(posts.preview(request.body.body)));
    },
  );
}
