/**
 * Review items (one open item per target: a partial unique index) and what the queue shows beside them:
 * the reported posts, threads, members and spaces (reads only; post and thread writes live in their own
 * repositories). Accepts an `Executor` so every call can run inside the caller's transaction.
 */
import { and, asc, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { moderationItems, posts, spaces, threads, users, postFields, threadFields } from '../../db/schema';

export type ItemRow = typeof moderationItems.$inferSelect;
export type TargetType = ItemRow['targetType'];

/** The queue's sort position of an item: (atRisk desc, weight desc, createdAt asc, id asc). */
export interface QueuePosition {
  atRisk: boolean;
  weight: number;
  createdAt: Date;
  id: string;
}

export interface QueueFilter {
  /** Null: every space (admins); otherwise only these spaces. */
  spaceIds: readonly string[] | null;
  status?: ItemRow['status'];
  /** Keyset: items strictly after this sort position. */
  after?: QueuePosition;
  limit: number;
}

/** The unresolved review item of a target (at most one: a partial unique index). */
function selectOpenItem(db: Executor, type: TargetType, id: string) {
  return db
    .select()
    .from(moderationItems)
    .where(
      and(
        eq(moderationItems.targetType, type),
        eq(moderationItems.targetId, id),
        ne(moderationItems.status, 'resolved'),
      ),
    );
}

export const queueRepository = {
  async findItem(db: Executor, id: string): Promise<ItemRow | null> {
    const [row] = await db.select().from(moderationItems).where(eq(moderationItems.id, id)).limit(1);
    return row ?? null;
  },

  async lockItem(db: Executor, id: string): Promise<ItemRow | null> {
    const [row] = await db.select().from(moderationItems).where(eq(moderationItems.id, id)).for('update').limit(1);
    return row ?? null;
  },

  /** The unresolved item for a target, created when missing (the partial unique index keeps it single). */
  async openItemFor(
    db: Executor,
    target: { type: TargetType; id: string; spaceId: string | null },
    now: Date,
  ): Promise<ItemRow> {
    await db
      .insert(moderationItems)
      .values({ targetType: target.type, targetId: target.id, spaceId: target.spaceId, createdAt: now, updatedAt: now })
      .onConflictDoNothing();
    const [row] = await selectOpenItem(db, target.type, target.id).for('update').limit(1);
    if (!row) throw new Error('moderation item missing after upsert');
    return row;
  },

  /**
   * The unresolved item for a target, locked, or null (unlike `openItemFor`, never creates one). An item
   * another transaction holds is skipped: that is the queue resolving it (item lock, then the post's), and
   * waiting for it while holding the post's lock would deadlock.
   */
  async findOpenItemFor(db: Executor, type: TargetType, id: string): Promise<ItemRow | null> {
    const [row] = await selectOpenItem(db, type, id).for('update', { skipLocked: true }).limit(1);
    return row ?? null;
  },

  async updateItem(db: Executor, id: string, values: Partial<typeof moderationItems.$inferInsert>): Promise<ItemRow> {
    const [row] = await db
      .update(moderationItems)
      .set({ ...values, version: sql`${moderationItems.version} + 1` })
      .where(eq(moderationItems.id, id))
      .returning();
    if (!row) throw new Error('moderation item vanished');
    return row;
  },

  async listItems(db: Executor, filter: QueueFilter): Promise<ItemRow[]> {
    const conditions: (SQL | undefined)[] = [];
    if (filter.spaceIds !== null) {
      if (filter.spaceIds.length === 0) return [];
      conditions.push(inArray(moderationItems.spaceId, [...filter.spaceIds]));
    }
    if (filter.status) conditions.push(eq(moderationItems.status, filter.status));
    else conditions.push(ne(moderationItems.status, 'resolved'));
    const a = filter.after;
    if (a) {
      // (atRisk desc, weight desc, createdAt asc, id asc)
      conditions.push(
        sql`(case when ${moderationItems.atRisk} then 0 else 1 end, -${moderationItems.weight}, ${moderationItems.createdAt}, ${moderationItems.id}) > (${a.atRisk ? 0 : 1}, ${-a.weight}, ${a.createdAt.toISOString()}::timestamptz, ${a.id}::uuid)`,
      );
    }
    return db
      .select()
      .from(moderationItems)
      .where(and(...conditions))
      .orderBy(
        desc(moderationItems.atRisk),
        desc(moderationItems.weight),
        asc(moderationItems.createdAt),
        asc(moderationItems.id),
      )
      .limit(filter.limit);
  },

  async countOpen(db: Executor, spaceIds: readonly string[] | null): Promise<number> {
    if (spaceIds !== null && spaceIds.length === 0) return 0;
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(moderationItems)
      .where(
        and(
          eq(moderationItems.status, 'open'),
          spaceIds === null ? undefined : inArray(moderationItems.spaceId, [...spaceIds]),
        ),
      );
    return row?.n ?? 0;
  },

  async spacesByIds(db: Executor, ids: string[]) {
    if (ids.length === 0) return [];
    return db
      .select({ id: spaces.id, slug: spaces.slug, name: spaces.name })
      .from(spaces)
      .where(inArray(spaces.id, ids));
  },

  async usernames(db: Executor, ids: string[]): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    if (ids.length === 0) return result;
    const rows = await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.id, ids));
    for (const row of rows) result.set(row.id, row.username);
    return result;
  },

  async findUser(db: Executor, id: string) {
    const [row] = await db
      .select({ id: users.id, username: users.username, createdAt: users.createdAt, role: users.role })
      .from(users)
      .where(eq(users.id, id))
      .limit(1);
    return row ?? null;
  },

  async postsByIds(db: Executor, ids: string[]) {
    if (ids.length === 0) return [];
    return db
      .select({
        post: postFields,
        threadTitle: threads.title,
        spaceId: threads.spaceId,
        authorUsername: users.username,
      })
      .from(posts)
      .innerJoin(threads, eq(threads.id, posts.threadId))
      .leftJoin(users, eq(users.id, posts.authorId))
      .where(inArray(posts.id, ids));
  },

  async threadsByIds(db: Executor, ids: string[]) {
    if (ids.length === 0) return [];
    return db
      .select({ thread: threadFields, authorUsername: users.username })
      .from(threads)
      .leftJoin(users, eq(users.id, threads.authorId))
      .where(inArray(threads.id, ids));
  },
};
