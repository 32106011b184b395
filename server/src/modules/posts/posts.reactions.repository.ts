/**
 * Reactions (one of each kind per member per post, by primary key) and the counts kept on the post. Their
 * data lives with posts (the counts are columns of `posts`; account deletion and export of posts include
 * them); the reactions domain (reactions/) is the use case over it.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { posts, reactions } from '../../db/schema';

export type ReactionKind = (typeof reactions.$inferSelect)['kind'];

const countColumn = {
  steun: posts.reactionSteun,
  herkenning: posts.reactionHerkenning,
  dank: posts.reactionDank,
} as const;

const countKey = {
  steun: 'reactionSteun',
  herkenning: 'reactionHerkenning',
  dank: 'reactionDank',
} as const;

export interface ReactionCounts {
  steun: number;
  herkenning: number;
  dank: number;
}

const countsSelection = {
  steun: posts.reactionSteun,
  herkenning: posts.reactionHerkenning,
  dank: posts.reactionDank,
};

export const reactionsRepository = {
  /** Adds the reaction; true when it is new (a repeat changes nothing). */
  async add(db: Executor, postId: string, userId: string, kind: ReactionKind, at: Date): Promise<boolean> {
    const inserted = await db
      .insert(reactions)
      .values({ postId, userId, kind, createdAt: at })
      .onConflictDoNothing()
      .returning({ postId: reactions.postId });
    return inserted.length > 0;
  },

  /** Removes the reaction; true when there was one. */
  async remove(db: Executor, postId: string, userId: string, kind: ReactionKind): Promise<boolean> {
    const deleted = await db
      .delete(reactions)
      .where(and(eq(reactions.postId, postId), eq(reactions.userId, userId), eq(reactions.kind, kind)))
      .returning({ postId: reactions.postId });
    return deleted.length > 0;
  },

  /** Moves the post's count for one kind (the row lock of this UPDATE serialises concurrent reactions). */
  async adjustCount(db: Executor, postId: string, kind: ReactionKind, delta: 1 | -1): Promise<ReactionCounts> {
    const column = countColumn[kind];
    const [row] = await db
      .update(posts)
      .set({ [countKey[kind]]: sql`greatest(${column} + ${delta}, 0)` })
      .where(eq(posts.id, postId))
      .returning(countsSelection);
    if (!row) throw new Error('post vanished while reacting');
    return row;
  },

  async counts(db: Executor, postId: string): Promise<ReactionCounts> {
    const [row] = await db.select(countsSelection).from(posts).where(eq(posts.id, postId)).limit(1);
    if (!row) throw new Error('post vanished while reacting');
    return row;
  },

  /**
   * A member's account goes: take back all their reactions and correct the counts on the posts (the rows
   * themselves would vanish with the account and leave the counts too high). Post rows are locked in id
   * order. Returns the new counts of every post that changed.
   */
  async releaseAllByUser(
    db: Executor,
    userId: string,
  ): Promise<{ postId: string; threadId: string; reactions: ReactionCounts }[]> {
    const mine = await db
      .select({ postId: reactions.postId, kind: reactions.kind })
      .from(reactions)
      .where(eq(reactions.userId, userId));
    if (mine.length === 0) return [];
    const postIds = [...new Set(mine.map((r) => r.postId))].sort();
    await db.select({ id: posts.id }).from(posts).where(inArray(posts.id, postIds)).orderBy(posts.id).for('update');
    const changed = new Map<string, { postId: string; threadId: string; reactions: ReactionCounts }>();
    for (const kind of ['steun', 'herkenning', 'dank'] as const) {
      const ids = mine.filter((r) => r.kind === kind).map((r) => r.postId);
      if (ids.length === 0) continue;
      const column = countColumn[kind];
      const rows = await db
        .update(posts)
        .set({ [countKey[kind]]: sql`greatest(${column} - 1, 0)` })
        .where(inArray(posts.id, ids))
        .returning({ postId: posts.id, threadId: posts.threadId, ...countsSelection });
      for (const { postId, threadId, ...counts } of rows) changed.set(postId, { postId, threadId, reactions: counts });
    }
    await db.delete(reactions).where(eq(reactions.userId, userId));
    return [...changed.values()];
  },

  async listByUser(db: Executor, userId: string) {
    return db
      .select({ postId: reactions.postId, kind: reactions.kind, createdAt: reactions.createdAt })
      .from(reactions)
      .where(eq(reactions.userId, userId))
      .orderBy(reactions.createdAt);
  },

  async mine(db: Executor, postId: string, userId: string): Promise<ReactionKind[]> {
    const rows = await db
      .select({ kind: reactions.kind })
      .from(reactions)
      .where(and(eq(reactions.postId, postId), eq(reactions.userId, userId)));
    const order: ReactionKind[] = ['steun', 'herkenning', 'dank'];
    return order.filter((kind) => rows.some((row) => row.kind === kind));
  },
};
