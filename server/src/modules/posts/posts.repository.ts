/**
 * Post rows, their edit history and the reader's own reactions. Lists are keyset-paginated by the post
 * number (never OFFSET) and filtered in SQL by what the reader may see.
 */
import { and, asc, desc, eq, gt, gte, inArray, lt, ne, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { prepared, preparedName } from '../../db/prepared';
import { postFields, postRevisions, posts, reactions, users, type PostRow } from '../../db/schema';

export type { PostRow };
export type ReactionKind = (typeof reactions.$inferSelect)['kind'];

/** A post with its author's pseudonym (dropped again by the view for anonymous posts). */
export interface PostRecord {
  post: PostRow;
  authorUsername: string | null;
}

/** Who is reading, for the SQL filter: held (pending) posts are listed only for their author and moderators. */
export interface ListViewer {
  userId: string | null;
  moderator: boolean;
}

const postColumns = postFields;

/** What a viewer may list: moderators everything, others all but pending posts (except their own). */
function visibleTo(viewer: { moderator: boolean; userId: string | Placeholder | null }): SQL | undefined {
  if (viewer.moderator) return undefined;
  if (viewer.userId === null) return ne(posts.status, 'pending');
  return or(ne(posts.status, 'pending'), eq(posts.authorId, viewer.userId));
}

/** The viewer as a prepared query's shape: the member becomes a placeholder. */
function viewerShape(viewer: ListViewer) {
  const name = viewer.moderator ? 'moderator' : viewer.userId === null ? 'guest' : 'member';
  return { name, visible: visibleTo({ ...viewer, userId: viewer.userId === null ? null : sql.placeholder('userId') }) };
}

function selectPosts(db: Executor) {
  return db
    .select({ post: postColumns, authorUsername: users.username })
    .from(posts)
    .leftJoin(users, eq(users.id, posts.authorId));
}

/**
 * One page of a thread by post number — every thread read goes through here, so it is prepared, per
 * direction and kind of viewer: `after` (number > n, ascending), `from` (number ≥ n, ascending) or
 * `before` (number < n, nearest first).
 */
function listPage(
  db: Executor,
  direction: 'after' | 'from' | 'before',
  threadId: string,
  at: number,
  limit: number,
  viewer: ListViewer,
) {
  const shape = viewerShape(viewer);
  const query = prepared(db, preparedName('posts_page', { direction, viewer: shape.name }), (x, name) => {
    const position = sql.placeholder('at');
    const compare = {
      after: gt(posts.number, position),
      from: gte(posts.number, position),
      before: lt(posts.number, position),
    };
    return selectPosts(x)
      .where(and(eq(posts.threadId, sql.placeholder('threadId')), compare[direction], shape.visible))
      .orderBy(direction === 'before' ? desc(posts.number) : asc(posts.number))
      .limit(sql.placeholder('limit'))
      .prepare(name);
  });
  return query.execute({ threadId, at, limit, ...(viewer.userId === null ? {} : { userId: viewer.userId }) });
}

export const postsRepository = {
  async insert(db: Executor, values: typeof posts.$inferInsert): Promise<PostRow> {
    const [row] = await db.insert(posts).values(values).returning(postFields);
    if (!row) throw new Error('post insert returned nothing');
    return row;
  },

  async findById(db: Executor, id: string): Promise<PostRecord | null> {
    const [row] = await selectPosts(db).where(eq(posts.id, id)).limit(1);
    return row ?? null;
  },

  async findByNumber(db: Executor, threadId: string, number: number): Promise<PostRecord | null> {
    const [row] = await selectPosts(db)
      .where(and(eq(posts.threadId, threadId), eq(posts.number, number)))
      .limit(1);
    return row ?? null;
  },

  async findByIdempotencyKey(db: Executor, authorId: string, key: string): Promise<PostRecord | null> {
    const query = prepared(db, 'posts_by_idempotency_key', (x, name) =>
      selectPosts(x)
        .where(and(eq(posts.authorId, sql.placeholder('authorId')), eq(posts.idempotencyKey, sql.placeholder('key'))))
        .limit(1)
        .prepare(name),
    );
    const [row] = await query.execute({ authorId, key });
    return row ?? null;
  },

  /** Posts with a number above `after`, ascending. */
  listAfter(db: Executor, threadId: string, after: number, limit: number, viewer: ListViewer) {
    return listPage(db, 'after', threadId, after, limit, viewer);
  },

  /** Posts from `from` on (inclusive), ascending. */
  listFrom(db: Executor, threadId: string, from: number, limit: number, viewer: ListViewer) {
    return listPage(db, 'from', threadId, from, limit, viewer);
  },

  /** Posts with a number below `before`, nearest first (the caller reverses them). */
  listBefore(db: Executor, threadId: string, before: number, limit: number, viewer: ListViewer) {
    return listPage(db, 'before', threadId, before, limit, viewer);
  },

  async existsBefore(db: Executor, threadId: string, before: number, viewer: ListViewer): Promise<boolean> {
    const [row] = await db
      .select({ one: sql<number>`1` })
      .from(posts)
      .where(and(eq(posts.threadId, threadId), lt(posts.number, before), visibleTo(viewer)))
      .limit(1);
    return row !== undefined;
  },

  async existsAfter(db: Executor, threadId: string, after: number, viewer: ListViewer): Promise<boolean> {
    const [row] = await db
      .select({ one: sql<number>`1` })
      .from(posts)
      .where(and(eq(posts.threadId, threadId), gt(posts.number, after), visibleTo(viewer)))
      .limit(1);
    return row !== undefined;
  },

  /** The newest number the viewer may see in the thread (0 when none). */
  async latestVisibleNumber(db: Executor, threadId: string, viewer: ListViewer): Promise<number> {
    const [row] = await db
      .select({ number: posts.number })
      .from(posts)
      .where(and(eq(posts.threadId, threadId), visibleTo(viewer)))
      .orderBy(desc(posts.number))
      .limit(1);
    return row?.number ?? 0;
  },

  /** The kinds this member reacted with, per post. */
  async reactionsBy(db: Executor, userId: string, postIds: string[]): Promise<Map<string, ReactionKind[]>> {
    const result = new Map<string, ReactionKind[]>();
    if (postIds.length === 0) return result;
    const rows = await db
      .select({ postId: reactions.postId, kind: reactions.kind })
      .from(reactions)
      .where(and(eq(reactions.userId, userId), inArray(reactions.postId, postIds)));
    for (const row of rows) result.set(row.postId, [...(result.get(row.postId) ?? []), row.kind]);
    return result;
  },

  /** Locks the post row for the rest of the transaction (edit, delete). */
  async lockById(db: Executor, id: string): Promise<PostRow | null> {
    const [row] = await db.select(postFields).from(posts).where(eq(posts.id, id)).for('update').limit(1);
    return row ?? null;
  },

  /** Keeps the version being replaced, then writes the new one. */
  async replaceBody(
    db: Executor,
    current: PostRow,
    next: { source: string; html: string; editedAt: Date; editorId: string },
  ): Promise<PostRow> {
    await db.insert(postRevisions).values({
      postId: current.id,
      source: current.source,
      html: current.html,
      editedAt: next.editedAt,
      editorId: next.editorId,
    });
    const [row] = await db
      .update(posts)
      .set({ source: next.source, html: next.html, editedAt: next.editedAt })
      .where(eq(posts.id, current.id))
      .returning(postFields);
    if (!row) throw new Error('post vanished while editing');
    return row;
  },

  async markRemoved(db: Executor, id: string, at: Date): Promise<PostRow> {
    const [row] = await db
      .update(posts)
      .set({ status: 'removed', deletedAt: at })
      .where(eq(posts.id, id))
      .returning(postFields);
    if (!row) throw new Error('post vanished while deleting');
    return row;
  },

  /**
   * Erasing an account: the text of every post it wrote goes (the post keeps its place as a removed stub),
   * and so do earlier versions. Locks the rows in id order first. Returns the posts that were visible.
   */
  async eraseByAuthor(
    db: Executor,
    authorId: string,
    at: Date,
  ): Promise<{ id: string; threadId: string; number: number; status: PostRow['status'] }[]> {
    const rows = await db
      .select({ id: posts.id, threadId: posts.threadId, number: posts.number, status: posts.status })
      .from(posts)
      .where(eq(posts.authorId, authorId))
      .orderBy(asc(posts.id))
      .for('update');
    if (rows.length === 0) return [];
    await db.delete(postRevisions).where(
      inArray(
        postRevisions.postId,
        rows.map((r) => r.id),
      ),
    );
    await db
      .update(posts)
      .set({
        source: '',
        html: '',
        status: 'removed',
        deletedAt: sql`coalesce(${posts.deletedAt}, ${at.toISOString()}::timestamptz)`,
      })
      .where(eq(posts.authorId, authorId));
    return rows.filter((r) => r.status !== 'removed');
  },

  /** Everything a member wrote, for their data export (their own anonymous posts included). */
  async listByAuthor(db: Executor, authorId: string) {
    return db
      .select(postFields)
      .from(posts)
      .where(eq(posts.authorId, authorId))
      .orderBy(asc(posts.createdAt), asc(posts.id));
  },

  async revisions(db: Executor, postId: string) {
    return db.select().from(postRevisions).where(eq(postRevisions.postId, postId)).orderBy(asc(postRevisions.editedAt));
  },
};
