/**
 * /api/spaces: the directory, a space's page, admin settings and moderators, and join requests.
 * Who may do what is decided in the service (through spaces.policy.ts); a space the actor may not see is a 404.
 */
import {
  createSpaceSchema,
  joinRequestListQuerySchema,
  joinRequestListSchema,
  joinRequestParamsSchema,
  joinRequestResponseSchema,
  joinSpaceResponseSchema,
  joinSpaceSchema,
  moderatorParamsSchema,
  spaceListQuerySchema,
  spaceListSchema,
  spaceModeratorsResponseSchema,
  spaceResponseSchema,
  spaceSlugParamsSchema,
  updateSpaceSchema,
} from '@kring/shared';
import { z } from 'zod';
import type { AppContext, ZodApp } from '../../context';
import { errorResponses, sendResult } from '../../plugins/errors';
import { adminOnly, memberOnly, requireMember } from '../../plugins/session';
import type { SpaceMembersService } from './spaces.members';
import type { SpacesService } from './spaces.service';

const errors = errorResponses(400, 401, 403, 404, 409, 429);
const tags = ['spaces'];

// eslint-disable-next-line max-lines-per-function -- a route table: one short registration per endpoint
export function spacesRoutes(
  app: ZodApp,
  ctx: AppContext,
  { spaces, spaceMembers }: { spaces: SpacesService; spaceMembers: SpaceMembersService },
): void {
  app.get(
    '/spaces',
    {
      schema: {
        tags,
        summary: 'The directory: spaces the actor may see, with search on name and description',
        description:
          'Guests see public spaces; members also registered and closed ones (closed: to ask to join). ' +
          'Archived spaces are listed only for admins who pass `archived=true`.',
        querystring: spaceListQuerySchema,
        response: { 200: spaceListSchema, ...errorResponses(400, 429) },
      },
    },
    async (request, reply) => sendResult(reply, await spaces.list(request.actor, request.query)),
  );

  app.post(
    '/spaces',
    {
      schema: {
        tags,
        summary: 'Create a space (admins)',
        body: createSpaceSchema,
        response: { 201: spaceResponseSchema, ...errors },
      },
      ...adminOnly,
    },
    async (request, reply) => {
      const actor = requireMember(request);
      return sendResult(reply, await spaces.create(actor, request.body), 201);
    },
  );

  app.get(
    '/spaces/:slug',
    {
      schema: {
        tags,
        summary: "A space's page: settings, helplines, moderators and what the actor may do",
        params: spaceSlugParamsSchema,
        response: { 200: spaceResponseSchema, ...errorResponses(404, 429) },
      },
    },
    async (request, reply) => sendResult(reply, await spaces.get(request.actor, request.params.slug)),
  );

  app.patch(
    '/spaces/:slug',
    {
      schema: {
        tags,
        summary: "Change a space's settings, or archive / unarchive it (admins)",
        params: spaceSlugParamsSchema,
        body: updateSpaceSchema,
        response: { 200: spaceResponseSchema, ...errors },
      },
      ...memberOnly,
    },
    async (request, reply) => {
      const actor = requireMember(request);
      return sendResult(reply, await spaces.update(actor, request.params.slug, request.body));
    },
  );

  app.put(
    '/spaces/:slug/moderators/:username',
    {
      schema: {
        tags,
        summary: 'Appoint a moderator by pseudonym (admins; idempotent)',
        params: moderatorParamsSchema,
        response: { 200: spaceModeratorsResponseSchema, ...errors },
      },
      ...memberOnly,
    },
    async (request, reply) => {
      const actor = requireMember(request);
      const { slug, username } = request.params;
      return sendResult(reply, await spaces.appointModerator(actor, slug, username));
    },
  );

  app.delete(
    '/spaces/:slug/moderators/:username',
    {
      schema: {
        tags,
        summary: 'Remove a moderator (admins; idempotent)',
        params: moderatorParamsSchema,
        response: { 204: z.null().describe('Removed (or was no moderator)'), ...errors },
      },
      ...memberOnly,
    },
    async (request, reply) => {
      const actor = requireMember(request);
      const { slug, username } = request.params;
      return sendResult(reply, await spaces.removeModerator(actor, slug, username), 204);
    },
  );

  app.post(
    '/spaces/:slug/join',
    {
      schema: {
        tags,
        summary: 'Ask to join a closed space',
        description:
          'Closed space: creates a pending request for its moderators (202 `{ membership: "pending" }`, also ' +
          'when one is already pending). Someone who can already read the space, and any member of a public or ' +
          'registered space, gets 200 with their membership (following open spaces arrives with notifications).',
        params: spaceSlugParamsSchema,
        // The body may be left out entirely.
        body: joinSpaceSchema.nullish(),
        response: { 200: joinSpaceResponseSchema, 202: joinSpaceResponseSchema, ...errors },
      },
      ...memberOnly,
    },
    async (request, reply) => {
      const actor = requireMember(request);
      const result = await spaceMembers.join(actor, request.params.slug, request.body ?? {});
      return sendResult(reply, result, result.ok && result.value.membership === 'pending' ? 202 : 200);
    },
  );

  app.get(
    '/spaces/:slug/join-requests',
    {
      schema: {
        tags,
        summary: "A closed space's join requests, oldest first (its moderators and admins)",
        params: spaceSlugParamsSchema,
        querystring: joinRequestListQuerySchema,
        response: { 200: joinRequestListSchema, ...errors },
      },
      ...memberOnly,
    },
    async (request, reply) => {
      const actor = requireMember(request);
      return sendResult(reply, await spaceMembers.listJoinRequests(actor, request.params.slug, request.query));
    },
  );

  for (const [path, decision] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const) {
    app.post(
      `/spaces/:slug/join-requests/:userId/${path}`,
      {
        schema: {
          tags,
          summary: `${path === 'approve' ? 'Approve' : 'Reject'} a join request (the space's moderators)`,
          description:
            'Repeating the same decision answers 200 again; a request already decided the other way is a 409 ' +
            '`join_request_decided`.',
          params: joinRequestParamsSchema,
          response: { 200: joinRequestResponseSchema, ...errors },
        },
        ...memberOnly,
      },
      async (request, reply) => {
        const actor = requireMember(request);
        const { slug, userId } = request.params;
        return sendResult(reply, await spaceMembers.decideJoinRequest(actor, slug, userId, decision));
      },
    );
  }
}
