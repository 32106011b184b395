/**
 * Search queries. A hit is a published post (the opening post stands for its thread's title) of a thread
 * that is not held, in a space the actor may read. Full text: the generated `search_vector` columns against
 * `websearch_to_tsquery('dutch', q)` (never raw `to_tsquery` on user input). Compound words: every
 * fallback term appears as a substring of the body (or the title, for the opening post), compared without
 * accents and served by trigram indexes on that folded text (`foldedSql`). Newest first, keyset on (created_at, id).
 */
import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { posts, spaces, threadFields, threads, users } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { readableBy } from '../spaces/spaces.visibility';
import type { ThreadRow } from '../threads/threads.repository';
import { foldedSql } from '../../db/accent-fold';

export interface SearchCursor {
  createdAt: Date;
  id: string;
}

export interface SearchRow {
  postId: string;
  number: number;
  source: string;
  createdAt: Date;
  thread: ThreadRow;
  authorUsername: string | null;
  spaceSlug: string;
  spaceName: string;
}

const threadColumns = threadFields;

function textMatch(query: string, terms: string[], excluded: string[]): SQL {
  const tsquery = sql`websearch_to_tsquery('dutch', ${query})`;
  // The indexed conditions find candidates; the opening post is then checked against title and body
  // together, so "kinderopvang -chemo" also excludes a thread with "chemo" in its title. A reply is
  // decided by its own vector alone: spelled out so, PostgreSQL estimates from its statistics how many
  // posts match (a concatenated vector gets a blind guess of almost none, and then the planner never
  // walks newest first for a common term).
  const fullText = or(
    and(sql`${posts.number} <> 1`, sql`${posts.searchVector} @@ ${tsquery}`),
    and(
      eq(posts.number, 1),
      or(sql`${posts.searchVector} @@ ${tsquery}`, sql`${threads.searchVector} @@ ${tsquery}`),
      sql`(${posts.searchVector} || ${threads.searchVector}) @@ ${tsquery}`,
    ),
  ) as SQL;
  if (terms.length === 0) return fullText;
  // Stop words ("de", "niet") are neutral in the fallback, and a query of only stop words has none.
  const meaningful = (term: string) => sql`length(to_tsvector('dutch', ${term})) > 0`;
  const substring = (term: string) => {
    const pattern = `%${term}%`;
    return or(
      sql`not ${meaningful(term)}`,
      sql`${foldedSql(posts.source)} like ${pattern}`,
      and(eq(posts.number, 1), sql`${foldedSql(threads.title)} like ${pattern}`),
    ) as SQL;
  };
  const absent = (term: string) => {
    const pattern = `%${term}%`;
    return and(
      sql`${foldedSql(posts.source)} not like ${pattern}`,
      or(sql`${posts.number} <> 1`, sql`${foldedSql(threads.title)} not like ${pattern}`),
    ) as SQL;
  };
  const fallback = and(or(...terms.map(meaningful)), ...terms.map(substring), ...excluded.map(absent)) as SQL;
  return or(fullText, fallback) as SQL;
}

/** Whether any fallback term (stop words excepted, see textMatch) is a substring of `column`. */
function anyLike(column: SQL, terms: string[]): SQL {
  // Stop words are neutral in the fallback; the planner folds their condition to false.
  if (terms.length === 0) return sql`false`;
  return sql`(${sql.join(
    terms.map((term) => sql`(length(to_tsvector('dutch', ${term})) > 0 and ${column} like ${`%${term}%`})`),
    sql` or `,
  )})`;
}

/**
 * Where matches can come from, each through its own indexes: posts whose own vector or body matches,
 * and opening posts of threads whose title matches. `textMatch` still decides exactly; these only narrow
 * where it looks. They are separate branches (each newest first with its own limit, then merged) because
 * one OR across posts and threads made PostgreSQL join every opening post with its thread, and an
 * `id in (… union …)` hid the conditions from the planner: it then collected every match of a common term
 * before sorting. Now each branch is either a few index look-ups (rare terms) or a walk newest first
 * along `posts_created_at_idx` that stops at the limit (common terms), as the planner estimates.
 */
function candidateSources(query: string, terms: string[]): SQL[] {
  const tsquery = sql`websearch_to_tsquery('dutch', ${query})`;
  return [
    sql`(${posts.searchVector} @@ ${tsquery} or ${anyLike(foldedSql(posts.source), terms)})`,
    sql`(${posts.number} = 1 and (${threads.searchVector} @@ ${tsquery} or ${anyLike(foldedSql(threads.title), terms)}))`,
  ];
}

export const searchRepository = {
  async search(
    db: Executor,
    options: {
      actor: Actor;
      query: string;
      terms: string[];
      excluded: string[];
      spaceId: string | null;
      cursor: SearchCursor | null;
      limit: number;
    },
  ): Promise<SearchRow[]> {
    const conditions: SQL[] = [
      eq(posts.status, 'published'),
      sql`${posts.deletedAt} is null`,
      // A held thread (its opening post waits for a moderator) is found by nobody, title nor replies.
      eq(threads.held, false),
      readableBy(options.actor),
      textMatch(options.query, options.terms, options.excluded),
    ];
    if (options.spaceId) conditions.push(eq(threads.spaceId, options.spaceId));
    if (options.cursor) {
      // The row comparison is the keyset condition the (created_at, id) index can start from.
      conditions.push(
        sql`(${posts.createdAt}, ${posts.id}) < (${options.cursor.createdAt.toISOString()}::timestamptz, ${options.cursor.id}::uuid)`,
      );
    }
    const newestFirst = [desc(posts.createdAt), desc(posts.id)];
    // Every branch applies all conditions, so the first `limit` of their merge are the first `limit` hits.
    const branches = candidateSources(options.query, options.terms).map(
      (source) =>
        sql`select "id" from (${db
          .select({ id: posts.id })
          .from(posts)
          .innerJoin(threads, eq(threads.id, posts.threadId))
          .innerJoin(spaces, eq(spaces.id, threads.spaceId))
          .where(and(...conditions, source))
          .orderBy(...newestFirst)
          .limit(options.limit)}) "branch"`,
    );
    return db
      .select({
        postId: posts.id,
        number: posts.number,
        source: posts.source,
        createdAt: posts.createdAt,
        thread: threadColumns,
        authorUsername: users.username,
        spaceSlug: spaces.slug,
        spaceName: spaces.name,
      })
      .from(posts)
      .innerJoin(threads, eq(threads.id, posts.threadId))
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .leftJoin(users, eq(users.id, threads.authorId))
      .where(sql`${posts.id} in (${sql.join(branches, sql` union `)})`)
      .orderBy(...newestFirst)
      .limit(options.limit);
  },
};
