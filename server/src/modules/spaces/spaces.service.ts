/**
 * Condition spaces: the directory, a space's page, admin settings and moderators, and join requests for
 * closed spaces. Every outcome is a Result; every admin or moderator action writes an audit entry in the
 * same transaction as the change.
 *
 * For other features: `loadSpaceForActor` (spaces.access.ts) is the one way to open a space whose threads
 * and posts an actor wants to read (HTTP routes and socket room joins alike).
 */
import {
  defaultHelplines,
  spaceLimits,
  type CreateSpace,
  type Space,
  type SpaceList,
  type SpaceSummary,
  type UpdateSpace,
} from '@kring/shared';
import type { AppContext, NoDeps } from '../../context';
import type { Executor } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import { isAdmin, type Actor, type MemberActor } from '../../lib/actor';
import { cursorCodec, invalidCursor } from '../../lib/cursor';
import { fail, ok, type Result } from '../../lib/result';
import { usernameKey } from '../../lib/username';
import { auditRepository } from '../audit/audit.repository';
import { canManageSpaces, canModerateSpace, canPostInSpace, canReadSpace, canRequestToJoin } from './spaces.policy';
import { loadVisibleSpace } from './spaces.access';

export { loadSpaceForActor, readableSpace } from './spaces.access';
import { spacesRepository, type NewSpaceRow, type SpaceRow, type SpaceWithMembership } from './spaces.repository';

export type { SpaceWithMembership } from './spaces.repository';

const notFound = () => fail('not_found', 'not_found', 'There is no space here, or it is not open to you.');
const adminOnly = () => fail('forbidden', 'forbidden', 'Only admins can change spaces and their moderators.');
const slugTaken = () =>
  fail('conflict', 'slug_taken', 'Another space already uses this address.', {
    fields: { slug: 'already in use' },
  });
/** The opaque directory cursor: [folded name, id]. */
const directoryCursor = cursorCodec('text', 'uuid');

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

// eslint-disable-next-line max-lines-per-function -- a factory: its length is the sum of the small, separately named functions it returns
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
        const values = directoryCursor.decode(query.cursor);
        if (!values) return invalidCursor();
        after = { key: values[0], id: values[1] };
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
        nextCursor: rows.length > query.limit && last ? directoryCursor.encode([last.sortKey, last.space.id]) : null,
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
  };
}

export type SpacesService = ReturnType<typeof createSpacesService>;
