/** Follow and unfollow threads and spaces (members only; what you cannot read is a 404). */
import { followStateSchema, spaceSlugParamsSchema, threadParamsSchema } from '@kring/shared';
import type { AppContext, ZodApp } from '../../context';
import { errorResponses, sendResult } from '../../plugins/errors';
import { requireMember } from '../../plugins/session';
import type { FollowsService } from './follows.service';

export function followsRoutes(app: ZodApp, ctx: AppContext, { follows }: { follows: FollowsService }): void {
  const response = { 200: followStateSchema, ...errorResponses(401, 404) };

  app.get(
    '/threads/:id/follow',
    { schema: { tags: ['follows'], summary: 'Whether you follow this thread', params: threadParamsSchema, response } },
    async (request, reply) => sendResult(reply, await follows.threadState(requireMember(request), request.params.id)),
  );
  for (const [method, following] of [
    ['POST', true],
    ['DELETE', false],
  ] as const) {
    app.route({
      method,
      url: '/threads/:id/follow',
      schema: {
        tags: ['follows'],
        summary: following ? 'Follow a thread (replies notify you)' : 'Stop following a thread',
        params: threadParamsSchema,
        response,
      },
      handler: async (request, reply) =>
        sendResult(reply, await follows.setThread(requireMember(request), request.params.id, following)),
    });
    app.route({
      method,
      url: '/spaces/:slug/follow',
      schema: {
        tags: ['follows'],
        summary: following ? 'Follow a space (a digest of new threads)' : 'Stop following a space',
        params: spaceSlugParamsSchema,
        response,
      },
      handler: async (request, reply) =>
        sendResult(reply, await follows.setSpace(requireMember(request), request.params.slug, following)),
    });
  }
  app.get(
    '/spaces/:slug/follow',
    {
      schema: { tags: ['follows'], summary: 'Whether you follow this space', params: spaceSlugParamsSchema, response },
    },
    async (request, reply) => sendResult(reply, await follows.spaceState(requireMember(request), request.params.slug)),
  );
}
