/** Reactions (one of each kind per member per post, by primary key) and the counts kept on the post. */
import { and, eq, sql } from 'drizzle-orm';
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

  async mine(db: Executor, postId: string, userId: string): Promise<ReactionKind[]> {
    const rows = await db
      .select({ kind: reactions.kind })
      .from(reactions)
      .where(and(eq(reactions.postId, postId), eq(reactions.userId, userId)));
    const order: ReactionKind[] = ['steun', 'herkenning', 'dank'];
    return order.filter((kind) => rows.some((row) => row.kind === kind));
  },
};
