/** The search page: one query (optionally within a space), results page by page. */
import type { SearchHit } from '@kring/shared';
import { ApiError } from '$lib/api/client';
import { searchApi, type SearchApi } from '$lib/api/search';

export type SearchStatus = 'idle' | 'loading' | 'ready' | 'invalid' | 'not_found' | 'unavailable';

export class SearchState {
  query = $state('');
  space = $state<string | null>(null);
  items = $state<SearchHit[]>([]);
  nextCursor = $state<string | null>(null);
  status = $state<SearchStatus>('idle');
  loadingMore = $state(false);

  constructor(private readonly searcher: SearchApi = searchApi) {}

  private search(cursor: string | null, signal?: AbortSignal) {
    const query = { q: this.query, space: this.space ?? undefined, cursor: cursor ?? undefined };
    return this.searcher.search(query, signal ? { signal } : {});
  }

  async run(query: string, space: string | null, signal?: AbortSignal): Promise<void> {
    this.query = query.trim();
    this.space = space;
    this.items = [];
    this.nextCursor = null;
    if (this.query === '') {
      this.status = 'idle';
      return;
    }
    this.status = 'loading';
    try {
      const result = await this.search(null, signal);
      this.items = result.items;
      this.nextCursor = result.nextCursor;
      this.status = 'ready';
    } catch (error) {
      if (signal?.aborted) return;
      this.status =
        error instanceof ApiError && error.status === 400
          ? 'invalid'
          : error instanceof ApiError && error.status === 404
            ? 'not_found'
            : 'unavailable';
    }
  }

  async more(): Promise<void> {
    if (!this.nextCursor || this.loadingMore) return;
    this.loadingMore = true;
    try {
      const result = await this.search(this.nextCursor);
      this.items = [...this.items, ...result.items];
      this.nextCursor = result.nextCursor;
    } catch {
      // The button stays; trying again is fine.
    } finally {
      this.loadingMore = false;
    }
  }
}
