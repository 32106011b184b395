/** What the posting gate reads about a writer's posts (the first-day pace, "first posts are held"). */
import { desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { posts } from '../../db/schema';

export const gateRepository = {
  /** When the member last wrote a post (any status), or null: the first-day pace. */
  async lastPostAtByAuthor(db: Executor, userId: string): Promise<Date | null> {
    const [row] = await db
      .select({ at: posts.createdAt })
      .from(posts)
      .where(eq(posts.authorId, userId))
      .orderBy(desc(posts.createdAt))
      .limit(1);
    return row?.at ?? null;
  },

  /** How many of this member's posts exist (any status): for "first posts are held". */
  async postCountByAuthor(db: Executor, userId: string): Promise<number> {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(posts)
      .where(eq(posts.authorId, userId));
    return row?.n ?? 0;
  },
};
