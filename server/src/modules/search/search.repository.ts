/**
 * Search queries. A hit is a published post (the opening post stands for its thread's title) in a
 * space the actor may read. Full text: the generated `search_vector` columns against
 * `websearch_to_tsquery('dutch', q)` (never raw `to_tsquery` on user input). Compound words: every
 * fallback term appears as a substring of the body (or the title, for the opening post), served by
 * trigram indexes on `lower(…)`. Newest first, keyset on (created_at, id).
 */
import { and, desc, eq, getTableColumns, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { posts, spaceMembers, spaces, threads, users } from '../../db/schema';
import { isAdmin, type Actor } from '../../lib/actor';
import type { ThreadRow } from '../threads/threads.repository';

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
}

const threadColumns = getTableColumns(threads);

/** The spaces whose threads the actor may read, as SQL (the same rules as `canReadSpace`). */
export function readableSpaces(actor: Actor): SQL {
  if (isAdmin(actor)) return sql`true`;
  if (actor.kind !== 'member') return eq(spaces.visibility, 'public');
  const approved = sql`exists (select 1 from ${spaceMembers} where ${spaceMembers.spaceId} = ${spaces.id} and ${spaceMembers.userId} = ${actor.userId} and ${spaceMembers.status} = 'approved')`;
  const conditions: SQL[] = [
    inArray(spaces.visibility, ['public', 'registered']),
    and(eq(spaces.visibility, 'closed'), approved) as SQL,
  ];
  if (actor.moderatorOf.length > 0) conditions.push(inArray(spaces.id, [...actor.moderatorOf]));
  return or(...conditions) as SQL;
}

function textMatch(query: string, terms: string[], excluded: string[]): SQL {
  const tsquery = sql`websearch_to_tsquery('dutch', ${query})`;
  // The indexed conditions find candidates; the opening post is then checked against title and body
  // together, so "kinderopvang -chemo" also excludes a thread with "chemo" in its title.
  const combined = sql`(${posts.searchVector} || case when ${posts.number} = 1 then ${threads.searchVector} else ''::tsvector end)`;
  const fullText = and(
    or(sql`${posts.searchVector} @@ ${tsquery}`, and(eq(posts.number, 1), sql`${threads.searchVector} @@ ${tsquery}`)),
    sql`${combined} @@ ${tsquery}`,
  ) as SQL;
  if (terms.length === 0) return fullText;
  // Stop words ("de", "niet") are neutral in the fallback, and a query of only stop words has none.
  const meaningful = (term: string) => sql`length(to_tsvector('dutch', ${term})) > 0`;
  const substring = (term: string) => {
    const pattern = `%${term}%`;
    return or(
      sql`not ${meaningful(term)}`,
      sql`lower(${posts.source}) like ${pattern}`,
      and(eq(posts.number, 1), sql`lower(${threads.title}) like ${pattern}`),
    ) as SQL;
  };
  const absent = (term: string) => {
    const pattern = `%${term}%`;
    return and(
      sql`lower(${posts.source}) not like ${pattern}`,
      or(sql`${posts.number} <> 1`, sql`lower(${threads.title}) not like ${pattern}`),
    ) as SQL;
  };
  const fallback = and(or(...terms.map(meaningful)), ...terms.map(substring), ...excluded.map(absent)) as SQL;
  return or(fullText, fallback) as SQL;
}

/**
 * A superset of the matching posts, found through the indexes only: posts whose own vector or body
 * matches, plus the opening posts of threads whose title matches. Without it the "opening post matches by
 * its title" branch of `textMatch` made PostgreSQL join every opening post with its thread on every query.
 * `textMatch` still decides exactly; this only narrows where it looks.
 */
function candidatePosts(query: string, terms: string[]): SQL {
  const tsquery = sql`websearch_to_tsquery('dutch', ${query})`;
  // Stop words are neutral in the fallback (see textMatch); the planner folds their condition to false.
  const anyLike = (column: SQL) =>
    terms.length === 0
      ? sql`false`
      : sql.join(
          terms.map((term) => sql`(length(to_tsvector('dutch', ${term})) > 0 and ${column} like ${`%${term}%`})`),
          sql` or `,
        );
  return sql`${posts.id} in (
    select p.id from ${posts} p
      where p.search_vector @@ ${tsquery} or ${anyLike(sql`lower(p.source)`)}
    union
    select p.id from ${threads} t join ${posts} p on p.thread_id = t.id and p.number = 1
      where t.search_vector @@ ${tsquery} or ${anyLike(sql`lower(t.title)`)}
  )`;
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
      readableSpaces(options.actor),
      candidatePosts(options.query, options.terms),
      textMatch(options.query, options.terms, options.excluded),
    ];
    if (options.spaceId) conditions.push(eq(threads.spaceId, options.spaceId));
    if (options.cursor) {
      conditions.push(
        or(
          lt(posts.createdAt, options.cursor.createdAt),
          and(eq(posts.createdAt, options.cursor.createdAt), lt(posts.id, options.cursor.id)),
        ) as SQL,
      );
    }
    return db
      .select({
        postId: posts.id,
        number: posts.number,
        source: posts.source,
        createdAt: posts.createdAt,
        thread: threadColumns,
        authorUsername: users.username,
        spaceSlug: spaces.slug,
      })
      .from(posts)
      .innerJoin(threads, eq(threads.id, posts.threadId))
      .innerJoin(spaces, eq(spaces.id, threads.spaceId))
      .leftJoin(users, eq(users.id, threads.authorId))
      .where(and(...conditions))
      .orderBy(desc(posts.createdAt), desc(posts.id))
      .limit(options.limit);
  },
};
