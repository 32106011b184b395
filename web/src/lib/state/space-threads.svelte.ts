/**
 * The conversations of one space: a tab for recent threads (pinned first, then last activity) and one for
 * unanswered threads, paged with the server's cursor, kept live through the space's socket room.
 */
import type { ServerToClientEvents, Thread, ThreadListQuery } from '@kring/shared';
import { ApiError } from '$lib/api/client';
import { threadsApi, type ThreadsApi } from '$lib/api/threads';
import { joinSpace, leaveSpace } from '$lib/realtime/rooms';
import type { KringSocket } from '$lib/realtime/socket';
import { compareThreads } from './thread-posts';

export type ThreadTab = 'recent' | 'unanswered';
export type SpaceThreadsStatus = 'loading' | 'ready' | 'not_found' | 'unavailable';

export const THREAD_PAGE_SIZE = 20;

const belongsTo = (tab: ThreadTab, thread: Thread) => tab === 'recent' || (thread.replyCount === 0 && !thread.locked);

export class SpaceThreadsState {
  tab = $state<ThreadTab>('recent');
  items = $state<Thread[]>([]);
  nextCursor = $state<string | null>(null);
  status = $state<SpaceThreadsStatus>('loading');
  loadingMore = $state(false);
  /** The title of the newest thread that appeared live (for the polite live region). */
  arrived = $state<{ id: number; title: string } | null>(null);

  #slug = '';
  #arrivals = 0;

  constructor(private readonly threads: ThreadsApi = threadsApi) {}

  #list(cursor?: string, signal?: AbortSignal) {
    const query: ThreadListQuery = { limit: THREAD_PAGE_SIZE };
    if (this.tab === 'unanswered') query.filter = 'unanswered';
    if (cursor) query.cursor = cursor;
    return this.threads.list(this.#slug, query, signal ? { signal } : {});
  }

  async load(slug: string, tab: ThreadTab = this.tab, signal?: AbortSignal): Promise<void> {
    this.#slug = slug;
    this.tab = tab;
    this.status = 'loading';
    try {
      const list = await this.#list(undefined, signal);
      this.items = list.items;
      this.nextCursor = list.nextCursor;
      this.status = 'ready';
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      this.items = [];
      this.nextCursor = null;
      this.status = error instanceof ApiError && error.status === 404 ? 'not_found' : 'unavailable';
    }
  }

  async loadMore(): Promise<void> {
    if (!this.nextCursor || this.loadingMore) return;
    this.loadingMore = true;
    try {
      const list = await this.#list(this.nextCursor);
      this.items = [...this.items, ...list.items.filter((t) => !this.items.some((known) => known.id === t.id))];
      this.nextCursor = list.nextCursor;
    } finally {
      this.loadingMore = false;
    }
  }

  /** Follows new threads and activity in the space until the returned function is called. */
  connect(socket: KringSocket, slug: string): () => void {
    const created: ServerToClientEvents['space:thread_created'] = ({ slug: from, thread }) => {
      if (from !== slug || !belongsTo(this.tab, thread)) return;
      if (!this.items.some((t) => t.id === thread.id)) {
        this.items = [...this.items, thread].sort(compareThreads);
        this.arrived = { id: ++this.#arrivals, title: thread.title };
      }
    };
    const updated: ServerToClientEvents['thread:updated'] = ({ thread }) => {
      if (thread.spaceSlug !== slug) return;
      const others = this.items.filter((t) => t.id !== thread.id);
      const wasShown = others.length !== this.items.length;
      if (!belongsTo(this.tab, thread)) {
        this.items = others;
      } else if (wasShown || this.nextCursor === null || compareThreads(thread, this.items.at(-1) ?? thread) <= 0) {
        // Show it in its new place when it now sorts within what is loaded.
        this.items = [...others, thread].sort(compareThreads);
      }
    };
    let wasOffline = false;
    const join = () => {
      void joinSpace(socket, slug, this);
      // Whatever happened while the connection was down: read the list again.
      if (wasOffline) void this.load(slug, this.tab);
      wasOffline = false;
    };
    const offline = () => (wasOffline = true);
    socket.on('space:thread_created', created);
    socket.on('thread:updated', updated);
    socket.on('connect', join);
    socket.on('disconnect', offline);
    if (socket.connected) join();
    return () => {
      socket.off('space:thread_created', created);
      socket.off('thread:updated', updated);
      socket.off('connect', join);
      socket.off('disconnect', offline);
      leaveSpace(socket, slug, this);
    };
  }
}
