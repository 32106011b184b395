/**
 * Post rows, their edit history and the reader's own reactions. Lists are keyset-paginated by the post
 * number (never OFFSET) and filtered in SQL by what the reader may see.
 */
import {
  and,
  asc,
  desc,
  eq,
  gt,
  gte,
  inArray,
  lt,
  ne,
  or,
  sql,
  type Column,
  type Placeholder,
  type SQL,
} from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { prepared, preparedName } from '../../db/prepared';
import {
  postFields,
  postRevisions,
  posts,
  reactions,
  spaceCounterDeltas,
  threadFields,
  threads,
  users,
  type PostRow,
  type ThreadRow,
} from '../../db/schema';

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

/**
 * The viewer as a prepared query's shape: its name, the visibility condition with the member as a
 * placeholder, and the value for that placeholder.
 */
function viewerShape(viewer: ListViewer) {
  const name = viewer.moderator ? 'moderator' : viewer.userId === null ? 'guest' : 'member';
  const member = viewer.userId === null ? null : sql.placeholder('userId');
  return {
    name,
    visible: visibleTo({ ...viewer, userId: member }),
    params: viewer.userId === null ? {} : { userId: viewer.userId },
  };
}

function selectPosts(db: Executor) {
  return db
    .select({ post: postColumns, authorUsername: users.username })
    .from(posts)
    .leftJoin(users, eq(users.id, posts.authorId));
}

/**
 * One page of a thread by post number — every thread read goes through here, so it is prepared, per
 * direction and kind of viewer: `after` (number > n, ascending) or `before` (number < n, nearest first).
 */
function listPage(
  db: Executor,
  direction: 'after' | 'before',
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
      before: lt(posts.number, position),
    };
    return selectPosts(x)
      .where(and(eq(posts.threadId, sql.placeholder('threadId')), compare[direction], shape.visible))
      .orderBy(direction === 'before' ? desc(posts.number) : asc(posts.number))
      .limit(sql.placeholder('limit'))
      .prepare(name);
  });
  return query.execute({ threadId, at, limit, ...shape.params });
}

/** `"post_count", "id", …`: the columns of a field map, for raw SQL that must return exactly them. */
function columnList(fields: Record<string, Column>): SQL {
  return sql.raw(
    Object.values(fields)
      .map((column) => `"${column.name}"`)
      .join(', '),
  );
}

/** A `row_to_json` object back into a typed row, through each column's own decoder (timestamps). */
function fromJson<T>(fields: Record<string, Column>, json: Record<string, unknown>): T {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(fields)) {
    const value = json[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T;
}

export interface NumberedReply {
  threadId: string;
  spaceId: string;
  authorId: string;
  source: string;
  html: string;
  status: PostRow['status'];
  idempotencyKey: string | null;
  now: Date;
  /** Moderators may still reply in a locked thread. */
  allowLocked: boolean;
}

export const postsRepository = {
  async insert(db: Executor, values: typeof posts.$inferInsert): Promise<PostRow> {
    const [row] = await db.insert(posts).values(values).returning(postFields);
    if (!row) throw new Error('post insert returned nothing');
    return row;
  },

  /**
   * A reply under the writer's own pseudonym in ONE statement, so without an explicit transaction: the
   * thread's next number (its row lock is held only while PostgreSQL runs this statement and commits it,
   * never across round trips to Node — under load those made 15 of 20 pooled connections wait on one hot
   * thread), the post, and the space's counter delta. Null when the thread is gone, or locked and
   * `allowLocked` is false. A held thread's posts are not counted on its space (as in `writePost`).
   * Anonymous replies need their alias under the same lock: `writePost` in a transaction. Touches threads and space counters as `threadsRepository.takeNextNumber` and
   * `bumpSpaceCounters` do, in the same way.
   */
  async insertNumberedReply(db: Executor, input: NumberedReply): Promise<{ thread: ThreadRow; post: PostRow } | null> {
    const published = input.status === 'published';
    const now = input.now.toISOString();
    const result = await db.execute(sql`
      with numbered as (
        update ${threads} set
          post_count = post_count + 1,
          reply_count = reply_count + ${published ? 1 : 0}::int,
          last_post_number = case when ${published}::boolean then post_count + 1 else last_post_number end,
          last_activity_at = case when ${published}::boolean then ${now}::timestamptz else last_activity_at end
        where id = ${input.threadId}::uuid and (${input.allowLocked}::boolean or not locked)
        returning ${columnList(threadFields)}
      ), inserted as (
        insert into ${posts} (thread_id, number, author_id, anonymous, source, html, status, idempotency_key, created_at)
        select id, post_count, ${input.authorId}::uuid, false, ${input.source}::text, ${input.html}::text,
               ${input.status}::text, ${input.idempotencyKey}::text, ${now}::timestamptz
        from numbered
        returning ${columnList(postFields)}
      ), counted as (
        insert into ${spaceCounterDeltas} (space_id, threads, posts, activity_at)
        select ${input.spaceId}::uuid, 0, 1, ${now}::timestamptz
        from numbered where ${published}::boolean and not numbered.held
      )
      select row_to_json(numbered) as thread, row_to_json(inserted) as post from numbered, inserted`);
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
      thread: Record<string, unknown> | string;
      post: Record<string, unknown> | string;
    }[];
    const row = rows[0];
    if (!row) return null;
    const json = (value: Record<string, unknown> | string) =>
      typeof value === 'string' ? (JSON.parse(value) as Record<string, unknown>) : value;
    return {
      thread: fromJson<ThreadRow>(threadFields, json(row.thread)),
      post: fromJson<PostRow>(postFields, json(row.post)),
    };
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

  /** Posts with a number below `before`, nearest first (the caller reverses them). */
  listBefore(db: Executor, threadId: string, before: number, limit: number, viewer: ListViewer) {
    return listPage(db, 'before', threadId, before, limit, viewer);
  },

  /**
   * Both sides of post `at` in one round trip (a permalink page): up to `limit` posts below it, nearest
   * first, and up to `limit` from it on, ascending.
   */
  async listAround(db: Executor, threadId: string, at: number, limit: number, viewer: ListViewer) {
    const shape = viewerShape(viewer);
    const query = prepared(db, preparedName('posts_around', { viewer: shape.name }), (x, name) => {
      const side = (position: SQL | undefined, order: SQL) =>
        selectPosts(x)
          .where(and(eq(posts.threadId, sql.placeholder('threadId')), position, shape.visible))
          .orderBy(order)
          .limit(sql.placeholder('limit'));
      const at = sql.placeholder('at');
      return side(lt(posts.number, at), desc(posts.number))
        .unionAll(side(gte(posts.number, at), asc(posts.number)))
        .prepare(name);
    });
    const rows = await query.execute({
      threadId,
      at,
      limit,
      ...shape.params,
    });
    const older = rows.filter((row) => row.post.number < at).sort((a, b) => b.post.number - a.post.number);
    const newer = rows.filter((row) => row.post.number >= at).sort((a, b) => a.post.number - b.post.number);
    return { older, newer };
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

  /**
   * A moderator's status change (hide, remove, restore, approve, reject). `deleted_at` records the
   * author's own deletion (or account erasure) only: a moderator's removal leaves it null, so
   * `restore_post` can tell the two apart and never resurrect what its author deleted.
   */
  async setStatus(db: Executor, id: string, status: PostRow['status']): Promise<PostRow> {
    const [row] = await db.update(posts).set({ status }).where(eq(posts.id, id)).returning(postFields);
    if (!row) throw new Error('post vanished');
    return row;
  },

  /** A moderator's label under the post (null clears it). */
  async setLabel(db: Executor, id: string, label: string | null): Promise<PostRow> {
    const [row] = await db.update(posts).set({ label }).where(eq(posts.id, id)).returning(postFields);
    if (!row) throw new Error('post vanished');
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
