/**
 * The moderator's review queue: load (filtered by space and status, paged with "meer laden"), live
 * updates (`moderation:item`), claim/unclaim, and resolve with an optional action. A 409 means someone
 * else changed the item first: the queue is reloaded and the error rethrown so the screen can say so.
 * `selected` is the item the keyboard shortcuts act on. Held posts (waiting for approval) are listed
 * apart from reports (`held`, `reports`); j/k follow that order, held first.
 */
import type { ModerationActionName, QueueItem } from '@kring/shared';
import { ApiError } from '$lib/api/client';
import { moderationApi, type ModerationApi, type ResolveBody } from '$lib/api/moderation';
import type { MuteDuration } from '$lib/moderation/catalog';
import { isHeld, matchesFilter, sortItems, type QueueStatusFilter } from '$lib/moderation/queue-order';

export type { QueueStatusFilter };
import { joinModeration } from '$lib/realtime/rooms';
import { getSocket } from '$lib/realtime/socket';

export type ModerationQueueStatus = 'loading' | 'ready' | 'forbidden' | 'unavailable';
export interface ResolveAction {
  action: ModerationActionName;
  reason: string;
  durationHours?: MuteDuration;
}

export class ModerationQueue {
  status = $state<ModerationQueueStatus>('loading');
  items = $state<QueueItem[]>([]);
  openCount = $state(0);
  nextCursor = $state<string | null>(null);
  loadingMore = $state(false);
  busy = $state<string[]>([]);
  /** For the polite live region: how many reports and held posts arrived live since the page opened. */
  arrived = $state(0);
  arrivedHeld = $state(0);
  filter = $state<{ space: string; status: QueueStatusFilter }>({ space: '', status: '' });
  selectedId = $state<string | null>(null);
  readonly selected = $derived(this.items.find((i) => i.id === this.selectedId) ?? null);
  readonly held = $derived(this.items.filter(isHeld));
  readonly reports = $derived(this.items.filter((i) => !isHeld(i)));
  /** The order the screen shows: the held section first, then the reports. */
  readonly ordered = $derived([...this.held, ...this.reports]);
  #off: (() => void) | undefined;

  constructor(private readonly moderation: ModerationApi = moderationApi) {}

  #list(cursor?: string) {
    return this.moderation.queue({
      space: this.filter.space || undefined,
      status: this.filter.status || undefined,
      cursor,
    });
  }

  async load(): Promise<void> {
    try {
      const list = await this.#list();
      this.items = sortItems(list.items);
      this.nextCursor = list.nextCursor;
      this.openCount = list.openCount;
      this.status = 'ready';
      if (!this.items.some((i) => i.id === this.selectedId)) this.selectedId = this.ordered[0]?.id ?? null;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.status =
        error.status === 403 || error.status === 401 ? 'forbidden' : error.status === 404 ? 'forbidden' : 'unavailable';
    }
  }

  async more(): Promise<void> {
    if (!this.nextCursor || this.loadingMore) return;
    this.loadingMore = true;
    try {
      const list = await this.#list(this.nextCursor);
      const known = this.items.map((i) => i.id);
      this.items = sortItems([...this.items, ...list.items.filter((i) => !known.includes(i.id))]);
      this.nextCursor = list.nextCursor;
      this.openCount = list.openCount;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    } finally {
      this.loadingMore = false;
    }
  }

  async setFilter(filter: { space: string; status: QueueStatusFilter }): Promise<void> {
    this.filter = filter;
    this.status = 'loading';
    await this.load();
  }

  #join(): void {
    // Always every space this moderator may see (the header's badge needs that too); the filter applies here.
    void joinModeration(getSocket());
  }

  /** Joins the live queue; new and changed items are merged in place. */
  listen(): void {
    const socket = getSocket();
    const join = () => this.#join();
    const onItem = ({ item }: { item: QueueItem }) => this.upsert(item, true);
    socket.on('connect', join);
    socket.on('moderation:item', onItem);
    if (socket.connected) join();
    this.#off = () => {
      socket.off('connect', join);
      socket.off('moderation:item', onItem);
    };
  }

  upsert(item: QueueItem, live = false): void {
    const known = this.items.some((i) => i.id === item.id);
    const wasOpen = this.items.find((i) => i.id === item.id)?.status === 'open';
    if (!matchesFilter(item, this.filter)) {
      if (known) this.#removeKeepingSelection(item.id);
    } else {
      this.items = sortItems(known ? this.items.map((i) => (i.id === item.id ? item : i)) : [...this.items, item]);
      if (!known && live) {
        if (isHeld(item)) this.arrivedHeld += 1;
        else this.arrived += 1;
      }
      if (this.selectedId === null) this.selectedId = item.id;
    }
    // The count of open items over all pages: adjust by what this change did.
    const nowOpen = item.status === 'open';
    if (known) {
      if (wasOpen && !nowOpen) this.openCount = Math.max(0, this.openCount - 1);
      if (!wasOpen && nowOpen) this.openCount += 1;
    } else if (nowOpen && live) {
      this.openCount += 1;
    }
  }

  #removeKeepingSelection(id: string): void {
    const index = this.ordered.findIndex((i) => i.id === id);
    this.items = this.items.filter((i) => i.id !== id);
    const rest = this.ordered;
    if (this.selectedId === id) this.selectedId = rest[Math.min(index, rest.length - 1)]?.id ?? null;
  }

  /** j/k: move the selection (returns the newly selected id). */
  move(step: 1 | -1): string | null {
    const list = this.ordered;
    if (list.length === 0) return null;
    const index = list.findIndex((i) => i.id === this.selectedId);
    const next = index === -1 ? 0 : Math.min(list.length - 1, Math.max(0, index + step));
    this.selectedId = list[next]?.id ?? null;
    return this.selectedId;
  }

  async #run(id: string, work: () => Promise<{ item: QueueItem }>): Promise<void> {
    this.busy = [...this.busy, id];
    try {
      const { item } = await work();
      this.upsert(item);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) await this.load();
      throw error;
    } finally {
      this.busy = this.busy.filter((b) => b !== id);
    }
  }

  claim(item: QueueItem): Promise<void> {
    return this.#run(item.id, () => this.moderation.claim(item.id));
  }

  unclaim(item: QueueItem): Promise<void> {
    return this.#run(item.id, () => this.moderation.unclaim(item.id));
  }

  resolve(item: QueueItem, decision: ResolveBody['decision'], action?: ResolveAction): Promise<void> {
    return this.#run(item.id, () =>
      this.moderation.resolve(item.id, {
        decision,
        version: item.version,
        ...(action
          ? {
              action: action.action,
              reason: action.reason,
              ...(action.durationHours ? { durationHours: action.durationHours } : {}),
            }
          : {}),
      }),
    );
  }

  /** Publishes a held post (the server runs the after-publish fan-out and tells the author). */
  approve(item: QueueItem, reason: string): Promise<void> {
    return this.resolve(item, 'agree', { action: 'approve_post', reason });
  }

  /** Removes a held post with a reason the author sees (and may appeal). */
  reject(item: QueueItem, reason: string): Promise<void> {
    return this.resolve(item, 'agree', { action: 'reject_post', reason });
  }

  dispose(): void {
    this.#off?.();
  }
}
