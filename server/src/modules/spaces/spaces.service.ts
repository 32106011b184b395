/**
 * Condition spaces: the directory, a space's page, admin settings and moderators, and join requests for
 * closed spaces. Every outcome is a Result; every admin or moderator action writes an audit entry in the
 * same transaction as the change.
 *
 * For other features: `loadSpaceForActor` is the one way to open a space whose threads and posts an actor
 * wants to read (HTTP routes and socket room joins alike).
 */
import {
  defaultHelplines,
  spaceLimits,
  type CreateSpace,
  type JoinRequest,
  type Space,
  type SpaceList,
  type SpaceSummary,
  type UpdateSpace,
} from '@kring/shared';
import type { AppContext, NoDeps, PendingNotification } from '../../context';
import type { Executor } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import { isAdmin, type Actor, type MemberActor } from '../../lib/actor';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { isUuid } from '../../lib/ids';
import { fail, ok, type Result } from '../../lib/result';
import { usernameKey } from '../../lib/username';
import { auditRepository } from '../audit/audit.repository';
import {
  canDecideJoinRequests,
  canManageSpaces,
  canModerateSpace,
  canPostInSpace,
  canReadSpace,
  canRequestToJoin,
  canSeeSpace,
} from './spaces.policy';
import {
  spacesRepository,
  type JoinRequestRow,
  type NewSpaceRow,
  type SpaceRow,
  type SpaceWithMembership,
} from './spaces.repository';

export type { SpaceWithMembership } from './spaces.repository';

/**
 * The space whose threads and posts `actor` may read, with the actor's membership — or null when it does not
 * exist *or* the actor may not read it (answer 404 in both cases). Use it in every route and socket join that
 * touches a space's content; check posting with `canPostInSpace(actor, space, membership)` and moderation with
 * `canModerateSpace(actor, space)`. Archived spaces are returned (they stay readable); nobody may post in them.
 */
export async function loadSpaceForActor(
  db: Executor,
  actor: Actor,
  ref: { slug: string } | { id: string },
): Promise<SpaceWithMembership | null> {
  if ('id' in ref && !isUuid(ref.id)) return null;
  const found = await spacesRepository.find(db, actor, ref);
  if (!found || !canReadSpace(actor, found.space, found.membership)) return null;
  return found;
}

/**
 * The same decision for a space row the caller already has (e.g. loaded together with a thread): looks up
 * the actor's membership only where it matters (a member and a closed space). Null → 404.
 */
export async function readableSpace(db: Executor, actor: Actor, space: SpaceRow): Promise<SpaceWithMembership | null> {
  const membership =
    actor.kind === 'member' && space.visibility === 'closed'
      ? ((await spacesRepository.findJoinRequest(db, space.id, actor.userId))?.status ?? 'none')
      : 'none';
  return canReadSpace(actor, space, membership) ? { space, membership } : null;
}

/** The space's front door (directory entry and page) when the actor may see it; null otherwise (404). */
async function loadVisibleSpace(db: Executor, actor: Actor, slug: string): Promise<SpaceWithMembership | null> {
  const found = await spacesRepository.find(db, actor, { slug });
  return found && canSeeSpace(actor, found.space) ? found : null;
}

const notFound = () => fail('not_found', 'not_found', 'There is no space here, or it is not open to you.');
const adminOnly = () => fail('forbidden', 'forbidden', 'Only admins can change spaces and their moderators.');
const slugTaken = () =>
  fail('conflict', 'slug_taken', 'Another space already uses this address.', {
    fields: { slug: 'already in use' },
  });
const invalidCursor = () =>
  fail('invalid', 'invalid_cursor', 'The cursor is not valid; start again from the first page.', {
    fields: { cursor: 'not a valid cursor' },
  });

function toSummary(actor: Actor, { space, membership }: SpaceWithMembership): SpaceSummary {
  return {
    id: space.id,
    slug: space.slug,
    name: space.name,
    description: space.description,
    visibility: space.visibility,
    threadCount: space.threadCount,
    postCount: space.postCount,
    lastActivityAt: space.lastActivityAt?.toISOString() ?? null,
    archived: space.archivedAt !== null,
    ...(actor.kind === 'member' ? { membership } : {}),
    can: {
      read: canReadSpace(actor, space, membership),
      join: canRequestToJoin(actor, space, membership),
    },
  };
}

function toSpace(actor: Actor, found: SpaceWithMembership, moderators: string[]): Space {
  const { space, membership } = found;
  return {
    ...toSummary(actor, found),
    rules: space.rules,
    helplines: space.helplines,
    postingPolicy: space.postingPolicy,
    allowAnonymous: space.allowAnonymous,
    moderationHours: space.moderationHours,
    unansweredAfterHours: space.unansweredAfterHours,
    moderators,
    createdAt: space.createdAt.toISOString(),
    can: {
      read: canReadSpace(actor, space, membership),
      post: canPostInSpace(actor, space, membership),
      moderate: canModerateSpace(actor, space),
      manage: canManageSpaces(actor),
      join: canRequestToJoin(actor, space, membership),
    },
  };
}

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

/** The settings an admin controls, for audit before/after details. */
const settingKeys = [
  'slug',
  'name',
  'description',
  'rules',
  'helplines',
  'visibility',
  'postingPolicy',
  'allowAnonymous',
  'moderationHours',
  'unansweredAfterHours',
] as const;
type SettingKey = (typeof settingKeys)[number];
type Settings = Pick<SpaceRow, SettingKey>;

function settingsOf(space: SpaceRow): Settings {
  return Object.fromEntries(settingKeys.map((key) => [key, space[key]])) as Settings;
}

/** Empty moderation hours mean "not stated". */
const hours = (value: string | null | undefined) => (value === undefined ? undefined : value || null);

export function createSpacesService(ctx: AppContext, _deps: NoDeps) {
  const { clock } = ctx;
  const db = ctx.database.db;
  async function spaceResponse(actor: Actor, found: SpaceWithMembership, executor: Executor = db) {
    const moderators = await spacesRepository.moderatorNames(executor, found.space.id);
    return { space: toSpace(actor, found, moderators) };
  }

  return {
    /** The directory: spaces the actor may see, alphabetically, optionally filtered by a search. */
    async list(
      actor: Actor,
      query: { q?: string | undefined; archived?: boolean | undefined; cursor?: string | undefined; limit: number },
    ): Promise<Result<SpaceList>> {
      let after: { key: string; id: string } | undefined;
      if (query.cursor !== undefined) {
        const values = decodeCursor(query.cursor, 2);
        if (!values || !isUuid(values[1] ?? '')) return invalidCursor();
        after = { key: values[0] ?? '', id: values[1] ?? '' };
      }
      const rows = await spacesRepository.list(db, actor, {
        search: query.q || undefined,
        includeArchived: query.archived === true && isAdmin(actor),
        after,
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return ok({
        items: page.map((row) => toSummary(actor, row)),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.sortKey, last.space.id]) : null,
      });
    },

    async get(actor: Actor, slug: string): Promise<Result<{ space: Space }>> {
      const found = await loadVisibleSpace(db, actor, slug);
      if (!found) return notFound();
      return ok(await spaceResponse(actor, found));
    },

    async create(actor: MemberActor, input: CreateSpace): Promise<Result<{ space: Space }>> {
      if (!canManageSpaces(actor)) return adminOnly();
      const now = clock.now();
      const values: NewSpaceRow = {
        slug: input.slug,
        name: input.name,
        description: input.description ?? '',
        rules: input.rules ?? '',
        helplines: input.helplines ?? defaultHelplines,
        visibility: input.visibility,
        postingPolicy: input.postingPolicy ?? 'open',
        allowAnonymous: input.allowAnonymous ?? true,
        moderationHours: hours(input.moderationHours) ?? null,
        unansweredAfterHours: input.unansweredAfterHours ?? spaceLimits.unansweredAfterHours.default,
        createdAt: now,
        updatedAt: now,
      };
      try {
        const space = await db.transaction(async (tx) => {
          const created = await spacesRepository.insert(tx, values);
          await auditRepository.record(tx, {
            actorId: actor.userId,
            action: 'space_created',
            spaceId: created.id,
            targetType: 'space',
            targetId: created.id,
            details: { after: settingsOf(created) },
            createdAt: now,
          });
          return created;
        });
        return ok(await spaceResponse(actor, { space, membership: 'none' }));
      } catch (error) {
        if (isUniqueViolation(error, 'spaces_slug_unique')) return slugTaken();
        throw error;
      }
    },

    /** Changes settings and/or archives; a request that changes nothing changes nothing (and logs nothing). */
    async update(actor: MemberActor, slug: string, input: UpdateSpace): Promise<Result<{ space: Space }>> {
      const found = await loadVisibleSpace(db, actor, slug);
      if (!found) return notFound();
      if (!canManageSpaces(actor)) return adminOnly();
      const current = found.space;
      const now = clock.now();

      const wanted: Partial<Settings> = {
        ...input,
        ...(input.moderationHours !== undefined ? { moderationHours: hours(input.moderationHours) ?? null } : {}),
      };
      const before: Partial<Settings> = {};
      const after: Partial<Settings> = {};
      for (const key of settingKeys) {
        const next = wanted[key];
        if (next === undefined || JSON.stringify(next) === JSON.stringify(current[key])) continue;
        Object.assign(before, { [key]: current[key] });
        Object.assign(after, { [key]: next });
      }
      const settingsChanged = Object.keys(after).length > 0;
      const archiveChange =
        input.archived === undefined || input.archived === (current.archivedAt !== null) ? null : input.archived;
      if (!settingsChanged && archiveChange === null) return ok(await spaceResponse(actor, found));

      try {
        const space = await db.transaction(async (tx) => {
          const updated = await spacesRepository.update(tx, current.id, {
            ...after,
            ...(archiveChange === null ? {} : { archivedAt: archiveChange ? now : null }),
            updatedAt: now,
          });
          const entry = { actorId: actor.userId, spaceId: current.id, targetType: 'space', targetId: current.id };
          if (settingsChanged) {
            await auditRepository.record(tx, {
              ...entry,
              action: 'space_updated',
              details: { before, after },
              createdAt: now,
            });
          }
          if (archiveChange !== null) {
            await auditRepository.record(tx, {
              ...entry,
              action: archiveChange ? 'space_archived' : 'space_unarchived',
              createdAt: now,
            });
          }
          return updated;
        });
        return ok(await spaceResponse(actor, { space, membership: found.membership }));
      } catch (error) {
        if (isUniqueViolation(error, 'spaces_slug_unique')) return slugTaken();
        throw error;
      }
    },

    /** Appoints a moderator (idempotent); answers with the space's moderators. */
    async appointModerator(
      actor: MemberActor,
      slug: string,
      username: string,
    ): Promise<Result<{ moderators: string[] }>> {
      const found = await loadVisibleSpace(db, actor, slug);
      if (!found) return notFound();
      if (!canManageSpaces(actor)) return adminOnly();
      const user = await spacesRepository.findUserByUsernameKey(db, usernameKey(username));
      if (!user) return fail('not_found', 'user_not_found', 'There is no member with this pseudonym.');
      const now = clock.now();
      const moderators = await db.transaction(async (tx) => {
        if (await spacesRepository.addModerator(tx, found.space.id, user.id, now)) {
          await auditRepository.record(tx, {
            actorId: actor.userId,
            action: 'moderator_appointed',
            spaceId: found.space.id,
            targetType: 'user',
            targetId: user.id,
            details: { username: user.username },
            createdAt: now,
          });
        }
        return spacesRepository.moderatorNames(tx, found.space.id);
      });
      return ok({ moderators });
    },

    /** Removes a moderator (idempotent). */
    async removeModerator(actor: MemberActor, slug: string, username: string): Promise<Result<null>> {
      const found = await loadVisibleSpace(db, actor, slug);
      if (!found) return notFound();
      if (!canManageSpaces(actor)) return adminOnly();
      const user = await spacesRepository.findUserByUsernameKey(db, usernameKey(username));
      if (!user) return fail('not_found', 'user_not_found', 'There is no member with this pseudonym.');
      const now = clock.now();
      await db.transaction(async (tx) => {
        if (await spacesRepository.removeModerator(tx, found.space.id, user.id)) {
          await auditRepository.record(tx, {
            actorId: actor.userId,
            action: 'moderator_removed',
            spaceId: found.space.id,
            targetType: 'user',
            targetId: user.id,
            details: { username: user.username },
            createdAt: now,
          });
        }
      });
      return ok(null);
    },

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
        return fail('forbidden', 'forbidden', "Only this space's moderators handle join requests.");
      }
      let after: { at: string; userId: string } | undefined;
      if (query.cursor !== undefined) {
        const values = decodeCursor(query.cursor, 2);
        const [at = '', userId = ''] = values ?? [];
        if (!values || Number.isNaN(Date.parse(at)) || !isUuid(userId)) return invalidCursor();
        after = { at, userId };
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
        nextCursor:
          rows.length > query.limit && last ? encodeCursor([last.requestedAt.toISOString(), last.userId]) : null,
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
        return fail('forbidden', 'forbidden', "Only this space's moderators handle join requests.");
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

export type SpacesService = ReturnType<typeof createSpacesService>;
