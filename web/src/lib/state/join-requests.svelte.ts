/** A closed space's join requests, for its moderators: load, page, approve or reject. */
import type { JoinRequest, JoinRequestStatus } from '@kring/shared';
import { ApiError } from '$lib/api/client';
import { spacesApi, type SpacesApi } from '$lib/api/spaces';

export type QueueStatus = 'loading' | 'ready' | 'forbidden' | 'not_found' | 'unavailable';

export class JoinRequestQueue {
  status = $state<QueueStatus>('loading');
  items = $state<JoinRequest[]>([]);
  nextCursor = $state<string | null>(null);
  loadingMore = $state(false);
  /** User ids with a decision on its way, so their buttons can be disabled. */
  busy = $state<string[]>([]);

  constructor(
    private readonly slug: string,
    private readonly spaces: SpacesApi = spacesApi,
    readonly filter: JoinRequestStatus = 'pending',
  ) {}

  #list(cursor?: string) {
    return this.spaces.joinRequests(this.slug, { status: this.filter, cursor });
  }

  async load(): Promise<void> {
    this.status = 'loading';
    try {
      const list = await this.#list();
      this.items = list.items;
      this.nextCursor = list.nextCursor;
      this.status = 'ready';
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.status = error.status === 403 ? 'forbidden' : error.status === 404 ? 'not_found' : 'unavailable';
    }
  }

  async loadMore(): Promise<void> {
    if (!this.nextCursor || this.loadingMore) return;
    this.loadingMore = true;
    try {
      const list = await this.#list(this.nextCursor);
      const known = this.items.map((r) => r.userId);
      this.items = [...this.items, ...list.items.filter((r) => !known.includes(r.userId))];
      this.nextCursor = list.nextCursor;
    } finally {
      this.loadingMore = false;
    }
  }

  /**
   * Approves or rejects; the request leaves this list. A 409 means another moderator decided first: the
   * request leaves the list too, and the error is rethrown so the screen can say so.
   */
  async decide(userId: string, decision: 'approve' | 'reject'): Promise<JoinRequest> {
    this.busy = [...this.busy, userId];
    try {
      const { request } = await this.spaces.decideJoinRequest(this.slug, userId, decision);
      this.items = this.items.filter((r) => r.userId !== userId);
      return request;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) this.items = this.items.filter((r) => r.userId !== userId);
      throw error;
    } finally {
      this.busy = this.busy.filter((id) => id !== userId);
    }
  }
}
