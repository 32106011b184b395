/** Who follows which threads and spaces. Followers who can no longer read the space are left out. */
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { spaceFollows, spaces, threadFollows } from '../../db/schema';
import { userCanReadSpace } from '../spaces/spaces.visibility';

export const followsRepository = {
  async followThread(db: Executor, threadId: string, userId: string, now: Date): Promise<void> {
    await db.insert(threadFollows).values({ threadId, userId, createdAt: now }).onConflictDoNothing();
  },

  async unfollowThread(db: Executor, threadId: string, userId: string): Promise<void> {
    await db.delete(threadFollows).where(and(eq(threadFollows.threadId, threadId), eq(threadFollows.userId, userId)));
  },

  async followsThread(db: Executor, threadId: string, userId: string): Promise<boolean> {
    const [row] = await db
      .select({ userId: threadFollows.userId })
      .from(threadFollows)
      .where(and(eq(threadFollows.threadId, threadId), eq(threadFollows.userId, userId)))
      .limit(1);
    return row !== undefined;
  },

  async followSpace(db: Executor, spaceId: string, userId: string, now: Date): Promise<void> {
    await db.insert(spaceFollows).values({ spaceId, userId, createdAt: now }).onConflictDoNothing();
  },

  async unfollowSpace(db: Executor, spaceId: string, userId: string): Promise<void> {
    await db.delete(spaceFollows).where(and(eq(spaceFollows.spaceId, spaceId), eq(spaceFollows.userId, userId)));
  },

  async followsSpace(db: Executor, spaceId: string, userId: string): Promise<boolean> {
    const [row] = await db
      .select({ userId: spaceFollows.userId })
      .from(spaceFollows)
      .where(and(eq(spaceFollows.spaceId, spaceId), eq(spaceFollows.userId, userId)))
      .limit(1);
    return row !== undefined;
  },

  /** Followers of a thread who may still read its space, except one (the writer). */
  async threadFollowers(db: Executor, threadId: string, spaceId: string, exceptUserId: string): Promise<string[]> {
    const rows = await db
      .select({ userId: threadFollows.userId })
      .from(threadFollows)
      .where(
        and(
          eq(threadFollows.threadId, threadId),
          ne(threadFollows.userId, exceptUserId),
          userCanReadSpace(spaceId, sql`${threadFollows.userId}`),
        ),
      );
    return rows.map((row) => row.userId);
  },

  /** Followers of a space who may still read it, except one (the writer). */
  async spaceFollowers(db: Executor, spaceId: string, exceptUserId: string): Promise<string[]> {
    const rows = await db
      .select({ userId: spaceFollows.userId })
      .from(spaceFollows)
      .where(
        and(
          eq(spaceFollows.spaceId, spaceId),
          ne(spaceFollows.userId, exceptUserId),
          userCanReadSpace(spaceId, sql`${spaceFollows.userId}`),
        ),
      );
    return rows.map((row) => row.userId);
  },

  /** The member's follows, for the data export. */
  async listForUser(db: Executor, userId: string) {
    const [threadRows, spaceRows] = await Promise.all([
      db
        .select({ threadId: threadFollows.threadId, since: threadFollows.createdAt })
        .from(threadFollows)
        .where(eq(threadFollows.userId, userId)),
      db
        .select({ slug: spaces.slug, since: spaceFollows.createdAt })
        .from(spaceFollows)
        .innerJoin(spaces, eq(spaces.id, spaceFollows.spaceId))
        .where(eq(spaceFollows.userId, userId)),
    ]);
    return { threads: threadRows, spaces: spaceRows };
  },
};
