/**
 * Spaces, their moderators and their join requests: the only module that queries these tables.
 * Every function takes an Executor, so it works on the database or inside a transaction.
 *
 * Visibility is filtered in SQL with the same rules as spaces.policy.ts: `visibleTo(actor)` for the
 * directory (which spaces the actor may see); who may read a space's content is `spaces.visibility.ts`.
 */
import { and, asc, eq, getTableColumns, isNull, sql, type Placeholder, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { prepared, preparedName } from '../../db/prepared';
import { spaceCounterDeltas, spaceMembers, spaceModerators, spaces, users } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import type { MembershipStatus } from './spaces.policy';

import type { SpaceRow } from '../../db/schema';
export type { SpaceRow };
export type NewSpaceRow = typeof spaces.$inferInsert;
export type JoinRequestRow = typeof spaceMembers.$inferSelect & { username: string };

/** The outer row's id, always qualified (drizzle leaves columns unqualified in single-table queries). */
const outerSpaceId = sql.raw('"spaces"."id"');

/** Sum of a space's counter changes not yet folded into its row (see `space_counter_deltas`). */
const pending = (column: 'threads' | 'posts') =>
  sql`coalesce((select sum(d.${sql.raw(column)}) from ${spaceCounterDeltas} d where d.space_id = ${outerSpaceId}), 0)`;

/**
 * A space row with exact counters: the folded columns plus the pending changes (one index probe on
 * `space_counter_deltas`, which the fold keeps to a few seconds' worth of writes).
 */
const liveSpace = {
  ...getTableColumns(spaces),
  threadCount: sql<number>`greatest(${spaces.threadCount} + ${pending('threads')}, 0)::int`.mapWith(Number),
  postCount: sql<number>`greatest(${spaces.postCount} + ${pending('posts')}, 0)::int`.mapWith(Number),
  lastActivityAt:
    sql<Date | null>`greatest(${spaces.lastActivityAt}, (select max(d.activity_at) from ${spaceCounterDeltas} d where d.space_id = ${outerSpaceId}))`.mapWith(
      spaces.lastActivityAt,
    ),
};

/**
 * Case and accent folding for search and sorting, done by the database with `translate` so it needs no
 * extension (works the same on PostgreSQL and PGlite, whatever the database locale). Both the column and
 * the search text go through the same expression, so they always fold alike.
 */
const FOLD_FROM =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅàáâãäåÆæÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŠšŽžČčŘřĚěŮůŐőŰűŁłĄąĘęŚśŹźŻżĆćŃńĞğŞş';
const NON_DECOMPOSING: Record<string, string> = { Æ: 'a', æ: 'a', Ø: 'o', ø: 'o', Ł: 'l', ł: 'l' };
const FOLD_TO = [...FOLD_FROM]
  .map((c) => NON_DECOMPOSING[c] ?? c.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase())
  .join('');

export function fold(value: SQLWrapper | string): SQL {
  return sql`lower(translate(${value}, ${FOLD_FROM}, ${FOLD_TO}))`;
}

/** `%`, `_` and `\` are LIKE wildcards; a search for them means the characters themselves. */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Which spaces the actor may see in the directory and open (the front door). */
export function visibleTo(actor: Actor): SQL {
  if (actor.kind === 'guest') return sql`${spaces.visibility} = 'public'`;
  // Members see every space: closed ones too, so they can find them and ask to join.
  return sql`true`;
}

/** The actor's own membership row (none for guests); `userId` may be a prepared query's placeholder. */
function membershipJoin(userId: string | Placeholder | null): SQL {
  const mine = userId === null ? sql`false` : eq(spaceMembers.userId, userId);
  return and(eq(spaceMembers.spaceId, spaces.id), mine) ?? sql`false`;
}

const memberId = (actor: Actor) => (actor.kind === 'member' ? actor.userId : null);

export interface SpaceWithMembership {
  space: SpaceRow;
  membership: MembershipStatus;
}

export interface ListSpacesOptions {
  search?: string | undefined;
  includeArchived: boolean;
  /** Keyset position: the folded name and id of the last space of the previous page. */
  after?: { key: string; id: string } | undefined;
  limit: number;
}

/**
 * Cursors carry JavaScript dates (milliseconds) while PostgreSQL keeps microseconds, so the keyset uses the
 * time truncated to milliseconds on both sides: no request is skipped or repeated between pages.
 */
const requestedAtMs = sql`date_trunc('milliseconds', ${spaceMembers.requestedAt})`;

export const spacesRepository = {
  /** One page of the spaces the actor may see, alphabetically (folded name, then id). */
  async list(
    db: Executor,
    actor: Actor,
    options: ListSpacesOptions,
  ): Promise<(SpaceWithMembership & { sortKey: string })[]> {
    const conditions: (SQL | undefined)[] = [visibleTo(actor)];
    if (!options.includeArchived) conditions.push(isNull(spaces.archivedAt));
    if (options.search) {
      const needle = fold(escapeLike(options.search));
      conditions.push(sql`${fold(sql`${spaces.name} || ' ' || ${spaces.description}`)} like ('%' || ${needle} || '%')`);
    }
    if (options.after) {
      conditions.push(sql`(${fold(spaces.name)}, ${spaces.id}) > (${options.after.key}, ${options.after.id}::uuid)`);
    }
    const rows = await db
      .select({ space: liveSpace, status: spaceMembers.status, sortKey: fold(spaces.name).mapWith(String) })
      .from(spaces)
      .leftJoin(spaceMembers, membershipJoin(memberId(actor)))
      .where(and(...conditions))
      .orderBy(fold(spaces.name), asc(spaces.id))
      .limit(options.limit);
    return rows.map((row) => ({ space: row.space, membership: row.status ?? 'none', sortKey: row.sortKey }));
  },

  /** A space by slug or id with the actor's membership, whatever the actor may see (callers apply policy). */
  /** Prepared (every space page and thread list starts here), per kind of reference and of actor. */
  async find(db: Executor, actor: Actor, ref: { slug: string } | { id: string }): Promise<SpaceWithMembership | null> {
    const by = 'slug' in ref ? 'slug' : 'id';
    const member = actor.kind === 'member';
    const query = prepared(db, preparedName('spaces_find', { by, member }), (x, name) =>
      x
        .select({ space: liveSpace, status: spaceMembers.status })
        .from(spaces)
        .leftJoin(spaceMembers, membershipJoin(member ? sql.placeholder('userId') : null))
        .where(by === 'slug' ? eq(spaces.slug, sql.placeholder('ref')) : eq(spaces.id, sql.placeholder('ref')))
        .limit(1)
        .prepare(name),
    );
    const [row] = await query.execute({
      ref: 'slug' in ref ? ref.slug : ref.id,
      ...(actor.kind === 'member' ? { userId: actor.userId } : {}),
    });
    return row ? { space: row.space, membership: row.status ?? 'none' } : null;
  },

  /** A space row by id, whoever asks (callers apply the policy). */
  async findById(db: Executor, id: string): Promise<SpaceRow | null> {
    const [row] = await db.select(liveSpace).from(spaces).where(eq(spaces.id, id)).limit(1);
    return row ?? null;
  },

  /** A space row by slug, whoever asks (callers apply the policy). */
  async findBySlug(db: Executor, slug: string): Promise<SpaceRow | null> {
    const [row] = await db.select(liveSpace).from(spaces).where(eq(spaces.slug, slug)).limit(1);
    return row ?? null;
  },

  async insert(db: Executor, values: NewSpaceRow): Promise<SpaceRow> {
    const [created] = await db.insert(spaces).values(values).returning();
    if (!created) throw new Error('space insert returned nothing');
    return created;
  },

  async update(db: Executor, id: string, values: Partial<NewSpaceRow>): Promise<SpaceRow> {
    const [updated] = await db.update(spaces).set(values).where(eq(spaces.id, id)).returning(liveSpace);
    if (!updated) throw new Error('space update matched nothing');
    return updated;
  },

  /** Pseudonyms of a space's moderators, alphabetically. */
  async moderatorNames(db: Executor, spaceId: string): Promise<string[]> {
    const rows = await db
      .select({ username: users.username })
      .from(spaceModerators)
      .innerJoin(users, eq(users.id, spaceModerators.userId))
      .where(eq(spaceModerators.spaceId, spaceId))
      .orderBy(asc(users.usernameKey));
    return rows.map((row) => row.username);
  },

  async findUserByUsernameKey(db: Executor, key: string): Promise<{ id: string; username: string } | null> {
    const [row] = await db
      .select({ id: users.id, username: users.username })
      .from(users)
      .where(eq(users.usernameKey, key))
      .limit(1);
    return row ?? null;
  },

  /** Appoints a moderator; false when they already were one. */
  async addModerator(db: Executor, spaceId: string, userId: string, at: Date): Promise<boolean> {
    const created = await db
      .insert(spaceModerators)
      .values({ spaceId, userId, appointedAt: at })
      .onConflictDoNothing()
      .returning({ userId: spaceModerators.userId });
    return created.length > 0;
  },

  /** Removes a moderator; false when they were not one. */
  async removeModerator(db: Executor, spaceId: string, userId: string): Promise<boolean> {
    const removed = await db
      .delete(spaceModerators)
      .where(and(eq(spaceModerators.spaceId, spaceId), eq(spaceModerators.userId, userId)))
      .returning({ userId: spaceModerators.userId });
    return removed.length > 0;
  },

  /** Creates a pending join request, or renews a rejected one as pending. */
  async upsertJoinRequest(db: Executor, spaceId: string, userId: string, message: string, at: Date): Promise<void> {
    const pending = { status: 'pending' as const, message, requestedAt: at, decidedAt: null, decidedBy: null };
    await db
      .insert(spaceMembers)
      .values({ spaceId, userId, ...pending })
      .onConflictDoUpdate({ target: [spaceMembers.spaceId, spaceMembers.userId], set: pending });
  },

  async findJoinRequest(db: Executor, spaceId: string, userId: string): Promise<JoinRequestRow | null> {
    const [row] = await db
      .select({ request: spaceMembers, username: users.username })
      .from(spaceMembers)
      .innerJoin(users, eq(users.id, spaceMembers.userId))
      .where(and(eq(spaceMembers.spaceId, spaceId), eq(spaceMembers.userId, userId)))
      .limit(1);
    return row ? { ...row.request, username: row.username } : null;
  },

  /** Ends an approved membership (a ban in a closed space); false when there was none. */
  async endMembership(
    db: Executor,
    input: { spaceId: string; userId: string; by: string; at: Date },
  ): Promise<boolean> {
    const rows = await db
      .update(spaceMembers)
      .set({ status: 'rejected', decidedAt: input.at, decidedBy: input.by })
      .where(
        and(
          eq(spaceMembers.spaceId, input.spaceId),
          eq(spaceMembers.userId, input.userId),
          eq(spaceMembers.status, 'approved'),
        ),
      )
      .returning({ userId: spaceMembers.userId });
    return rows.length > 0;
  },

  /** Decides a pending request; false when it was no longer pending (someone else decided first). */
  async decidePendingJoinRequest(
    db: Executor,
    spaceId: string,
    userId: string,
    decision: 'approved' | 'rejected',
    by: string,
    at: Date,
  ): Promise<boolean> {
    const updated = await db
      .update(spaceMembers)
      .set({ status: decision, decidedAt: at, decidedBy: by })
      .where(
        and(eq(spaceMembers.spaceId, spaceId), eq(spaceMembers.userId, userId), eq(spaceMembers.status, 'pending')),
      )
      .returning({ userId: spaceMembers.userId });
    return updated.length > 0;
  },

  /** One page of a space's join requests with one status, oldest first. */
  async listJoinRequests(
    db: Executor,
    spaceId: string,
    options: { status: 'pending' | 'approved' | 'rejected'; after?: { at: string; userId: string }; limit: number },
  ): Promise<JoinRequestRow[]> {
    const conditions: (SQL | undefined)[] = [
      eq(spaceMembers.spaceId, spaceId),
      eq(spaceMembers.status, options.status),
    ];
    if (options.after) {
      conditions.push(
        sql`(${requestedAtMs}, ${spaceMembers.userId}) > (${options.after.at}::timestamptz, ${options.after.userId}::uuid)`,
      );
    }
    const rows = await db
      .select({ request: spaceMembers, username: users.username })
      .from(spaceMembers)
      .innerJoin(users, eq(users.id, spaceMembers.userId))
      .where(and(...conditions))
      .orderBy(requestedAtMs, asc(spaceMembers.userId))
      .limit(options.limit);
    return rows.map((row) => ({ ...row.request, username: row.username }));
  },
};
