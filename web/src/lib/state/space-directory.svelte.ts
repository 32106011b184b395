/**
 * The directory of spaces the visitor may see (`GET /api/spaces`): search (debounced), further pages, and
 * asking to join a closed space from its card.
 */
import type { MembershipStatus, SpaceSummary } from '@kring/shared';
import { ApiError } from '$lib/api/client';
import { spacesApi, type SpacesApi } from '$lib/api/spaces';

export type DirectoryStatus = 'idle' | 'loading' | 'ready' | 'unavailable';

export interface DirectoryOptions {
  /** Admins: also list archived spaces. */
  includeArchived?: boolean;
  /** How long typing must pause before a search runs. */
  debounceMs?: number;
  limit?: number;
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

export class SpaceDirectory {
  status = $state<DirectoryStatus>('idle');
  items = $state<SpaceSummary[]>([]);
  query = $state('');
  /** The query the shown items belong to (the live region announces results for it). */
  shownQuery = $state('');
  nextCursor = $state<string | null>(null);
  loadingMore = $state(false);
  moreFailed = $state(false);

  #controller: AbortController | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly spaces: SpacesApi = spacesApi,
    private readonly options: DirectoryOptions = {},
  ) {}

  #list(cursor?: string, signal?: AbortSignal) {
    const query = {
      q: this.query.trim(),
      archived: this.options.includeArchived ? true : undefined,
      limit: this.options.limit || undefined,
      cursor,
    };
    return this.spaces.list(query, signal ? { signal } : {});
  }

  /** Loads the first page for the current query, cancelling a load still under way. */
  async load(): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.status = 'loading';
    const query = this.query.trim();
    try {
      const list = await this.#list(undefined, controller.signal);
      this.items = list.items;
      this.nextCursor = list.nextCursor;
      this.shownQuery = query;
      this.moreFailed = false;
      this.status = 'ready';
    } catch (error) {
      if (isAbort(error)) return;
      if (!(error instanceof ApiError)) throw error;
      this.status = 'unavailable';
    }
  }

  /** Sets the search text; the search runs once typing pauses. */
  search(query: string): void {
    this.query = query;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.load();
    }, this.options.debounceMs ?? 300);
  }

  /** Runs the search now (Enter in the search box). */
  searchNow(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    void this.load();
  }

  async loadMore(): Promise<void> {
    if (!this.nextCursor || this.loadingMore) return;
    this.loadingMore = true;
    this.moreFailed = false;
    try {
      const list = await this.#list(this.nextCursor);
      const known = this.items.map((space) => space.id);
      this.items = [...this.items, ...list.items.filter((space) => !known.includes(space.id))];
      this.nextCursor = list.nextCursor;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.moreFailed = true;
    } finally {
      this.loadingMore = false;
    }
  }

  /** Asks to join a closed space; updates its card. Throws ApiError when the server refuses. */
  async join(slug: string, message: string): Promise<MembershipStatus> {
    const trimmed = message.trim();
    const { membership } = await this.spaces.join(slug, trimmed ? { message: trimmed } : {});
    this.items = this.items.map((space) =>
      space.slug === slug
        ? { ...space, membership, can: { ...space.can, join: membership !== 'pending' && space.can.join } }
        : space,
    );
    return membership;
  }

  dispose(): void {
    this.#controller?.abort();
    if (this.#timer) clearTimeout(this.#timer);
  }
}
