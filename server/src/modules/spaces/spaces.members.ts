/**
 * Membership of closed spaces: asking to join, and the space's moderators deciding (each decision audited
 * in its transaction, the member told after the commit).
 */
import type { JoinRequest } from '@kring/shared';
import type { AppContext, NoDeps, PendingNotification } from '../../context';
import type { MemberActor } from '../../lib/actor';
import { cursorCodec, invalidCursor } from '../../lib/cursor';
import { fail, ok, type Result } from '../../lib/result';
import { auditRepository } from '../audit/audit.repository';
import { loadVisibleSpace } from './spaces.access';
import { canDecideJoinRequests, canReadSpace, canRequestToJoin } from './spaces.policy';
import { spacesRepository, type JoinRequestRow } from './spaces.repository';

const notFound = () => fail('not_found', 'not_found', 'There is no space here, or it is not open to you.');
const notTheirModerator = () => fail('forbidden', 'forbidden', "Only this space's moderators handle join requests.");

/** The opaque cursor of the request list: [requestedAt, userId]. */
const requestCursor = cursorCodec('date', 'uuid');

function toJoinRequest(row: JoinRequestRow): JoinRequest {
  return {
    userId: row.userId,
    username: row.username,
    message: row.message,
    status: row.status,
    requestedAt: row.requestedAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}

// eslint-disable-next-line max-lines-per-function -- a factory: its length is the sum of the small, separately named functions it returns
export function createSpaceMembersService(ctx: AppContext, _deps: NoDeps) {
  const { clock } = ctx;
  const db = ctx.database.db;

  return {
    /**
     * Asks to join a closed space (a pending request for its moderators), idempotently. Someone who can already
     * read the space, and any member of an open space, just gets their membership back: following open spaces
     * arrives with notifications.
     */
    async join(
      actor: MemberActor,
      slug: string,
      input: { message?: string | undefined },
    ): Promise<Result<{ membership: 'none' | 'pending' | 'approved' | 'rejected' }>> {
      const found = await loadVisibleSpace(db, actor, slug);
      if (!found) return notFound();
      const { space, membership } = found;
      if (space.visibility !== 'closed' || canReadSpace(actor, space, membership)) return ok({ membership });
      if (membership === 'pending') return ok({ membership });
      if (space.archivedAt !== null) {
        return fail('forbidden', 'space_archived', 'This space is archived and takes no new members.');
      }
      if (!canRequestToJoin(actor, space, membership)) {
        return fail('forbidden', 'forbidden', 'You cannot ask to join this space.');
      }
      // Banned from a closed space means out of it: no new request either (a moderator could approve it).
      const sanction = await ctx.postingGate.activeSanction(actor.userId, space.id);
      if (sanction) return sanction;
      await spacesRepository.upsertJoinRequest(db, space.id, actor.userId, input.message ?? '', clock.now());
      return ok({ membership: 'pending' });
    },

    async listJoinRequests(
      actor: MemberActor,
      slug: string,
      query: { status: 'pending' | 'approved' | 'rejected'; cursor?: string | undefined; limit: number },
    ): Promise<Result<{ items: JoinRequest[]; nextCursor: string | null }>> {
      const found = await loadVisibleSpace(db, actor, slug);
      if (!found) return notFound();
      if (!canDecideJoinRequests(actor, found.space)) {
        return notTheirModerator();
      }
      let after: { at: string; userId: string } | undefined;
      if (query.cursor !== undefined) {
        const values = requestCursor.decode(query.cursor);
        if (!values) return invalidCursor();
        after = { at: values[0].toISOString(), userId: values[1] };
      }
      const rows = await spacesRepository.listJoinRequests(db, found.space.id, {
        status: query.status,
        ...(after ? { after } : {}),
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return ok({
        items: page.map(toJoinRequest),
        nextCursor: rows.length > query.limit && last ? requestCursor.encode([last.requestedAt, last.userId]) : null,
      });
    },

    /**
     * Approves or rejects a pending request. Repeating the same decision is harmless (200); a request someone
     * else already decided the other way is a 409. A rejected member may ask again, which makes a new request.
     */
    async decideJoinRequest(
      actor: MemberActor,
      slug: string,
      userId: string,
      decision: 'approved' | 'rejected',
    ): Promise<Result<{ request: JoinRequest }>> {
      const found = await loadVisibleSpace(db, actor, slug);
      if (!found) return notFound();
      if (!canDecideJoinRequests(actor, found.space)) {
        return notTheirModerator();
      }
      const spaceId = found.space.id;
      const now = clock.now();
      let pending: PendingNotification | null = null;
      const result = await db.transaction(async (tx): Promise<Result<{ request: JoinRequest }>> => {
        const decided = await spacesRepository.decidePendingJoinRequest(
          tx,
          spaceId,
          userId,
          decision,
          actor.userId,
          now,
        );
        const row = await spacesRepository.findJoinRequest(tx, spaceId, userId);
        if (!row) return fail('not_found', 'join_request_not_found', 'This member has not asked to join.');
        if (!decided) {
          if (row.status === decision) return ok({ request: toJoinRequest(row) });
          return fail('conflict', 'join_request_decided', 'This request has already been decided.');
        }
        await auditRepository.record(tx, {
          actorId: actor.userId,
          action: decision === 'approved' ? 'join_request_approved' : 'join_request_rejected',
          spaceId,
          targetType: 'user',
          targetId: userId,
          details: { username: row.username },
          createdAt: now,
        });
        pending = await ctx.notifier.notify(tx, {
          userId,
          type: 'join_request_decided',
          spaceId,
          data: { spaceSlug: found.space.slug, spaceName: found.space.name, outcome: decision },
        });
        return ok({ request: toJoinRequest(row) });
      });
      if (pending) await ctx.notifier.deliver([pending]);
      return result;
    },
  };
}

export type SpaceMembersService = ReturnType<typeof createSpaceMembersService>;
