/**
 * Search over what the actor may read: thread titles and post bodies, never pending, hidden or removed
 * posts, never spaces the actor cannot read. A space filter the actor cannot read is a 404 like a
 * missing space. Queries never reach `to_tsquery` raw; odd input gives results or a 400, never a 500.
 */
import type { SearchResults } from '@kring/shared';
import type { AppContext, NoDeps } from '../../context';
import { cursorCodec, invalidCursor } from '../../lib/cursor';
import type { Actor } from '../../lib/actor';
import { ok, type Result } from '../../lib/result';
import { openSpace } from '../threads/threads.access';
import { toThreadView } from '../threads/threads.view';
import { searchRepository, type SearchCursor } from './search.repository';
import { MAX_FALLBACK_TERMS, MIN_FALLBACK_LENGTH, highlightsIn, queryTerms, snippet } from './search.text';

export const DEFAULT_SEARCH_PAGE = 20;

/** The opaque cursor: [createdAt, id] of the last hit. */
const searchCursor = cursorCodec('date', 'uuid');

export function createSearchService(ctx: AppContext, _deps: NoDeps) {
  const db = ctx.database.db;

  return {
    async search(
      actor: Actor,
      query: { q: string; space?: string; cursor?: string; limit?: number },
    ): Promise<Result<SearchResults>> {
      const decoded = query.cursor === undefined ? null : searchCursor.decode(query.cursor);
      if (query.cursor !== undefined && !decoded) return invalidCursor();
      const cursor: SearchCursor | null = decoded && { createdAt: decoded[0], id: decoded[1] };
      let spaceId: string | null = null;
      if (query.space !== undefined) {
        const loaded = await openSpace(db, actor, { slug: query.space });
        if (!loaded.ok) return loaded;
        spaceId = loaded.value.space.id;
      }
      const { include: terms, exclude } = queryTerms(query.q);
      // Nothing searchable (only punctuation or operators): no results rather than everything.
      if (terms.length === 0) return ok({ items: [], nextCursor: null });
      const fallbackTerms = terms.filter((term) => term.length >= MIN_FALLBACK_LENGTH).slice(0, MAX_FALLBACK_TERMS);
      const limit = query.limit ?? DEFAULT_SEARCH_PAGE;
      const rows = await searchRepository.search(db, {
        actor,
        query: query.q,
        terms: fallbackTerms,
        excluded: exclude.slice(0, MAX_FALLBACK_TERMS),
        spaceId,
        cursor,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return ok({
        items: page.map((row) => ({
          thread: toThreadView({ thread: row.thread, authorUsername: row.authorUsername }, row.spaceSlug),
          post: { id: row.postId, number: row.number, createdAt: row.createdAt.toISOString() },
          space: { slug: row.spaceSlug, name: row.spaceName },
          titleHighlights: highlightsIn(row.thread.title, terms),
          snippet: snippet(row.source, terms),
        })),
        nextCursor: rows.length > limit && last ? searchCursor.encode([last.createdAt, last.postId]) : null,
      });
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
