/** Reactions over HTTP: PUT adds, DELETE removes; both idempotent and answer with the post's counts. */
import { reactionParamsSchema, reactionsResponseSchema } from '@kring/shared';
import type { AppContext, ZodApp } from '../../context';
import { errorResponses, sendResult } from '../../plugins/errors';
import { routeRateLimit } from '../../plugins/rate-limit';
import { requireMember } from '../../plugins/session';
import type { ReactionsService } from './reactions.service';

export function reactionsRoutes(app: ZodApp, ctx: AppContext, { reactions }: { reactions: ReactionsService }): void {
  const schema = {
    tags: ['reactions'],
    params: reactionParamsSchema,
    response: {
      200: reactionsResponseSchema,
      ...errorResponses(400, 401, 403, 404, 429),
    },
  };
  const config = { ...routeRateLimit(ctx.config, ctx.config.writeLimits.reactionsPerMinute, '1 minute') };

  app.put(
    '/posts/:id/reactions/:kind',
    { schema: { ...schema, summary: 'React to a post (steun, herkenning, dank)' }, config },
    async (request, reply) => {
      const actor = requireMember(request);
      return sendResult(reply, await reactions.add(actor, request.params.id, request.params.kind));
    },
  );

  app.delete(
    '/posts/:id/reactions/:kind',
    { schema: { ...schema, summary: 'Take a reaction back' }, config },
    async (request, reply) => {
      const actor = requireMember(request);
      return sendResult(reply, await reactions.remove(actor, request.params.id, request.params.kind));
    },
  );
}
