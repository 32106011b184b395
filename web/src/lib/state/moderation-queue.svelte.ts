/**
 * The moderator's review queue: load, live updates (`moderation:item`), claim, and resolve with an
 * optional action. A 409 means someone else changed the item first: it is reloaded and the error rethrown
 * so the screen can say so.
 */
import type { ModerationActionName, QueueItem, QueueList } from '@kring/shared';
import { api as defaultApi, ApiError, type ApiClient } from '$lib/api/client';
import { queryString } from '$lib/api/query';
import { getSocket } from '$lib/realtime/socket';

export type ModerationQueueStatus = 'loading' | 'ready' | 'forbidden' | 'unavailable';

const rank = (item: QueueItem) => [item.priority === 'at_risk' ? 0 : 1, -item.weight, item.createdAt] as const;

function sortItems(items: QueueItem[]): QueueItem[] {
  return [...items].sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    if (ra[0] !== rb[0]) return ra[0] - rb[0];
    if (ra[1] !== rb[1]) return ra[1] - rb[1];
    return ra[2] < rb[2] ? -1 : ra[2] > rb[2] ? 1 : 0;
  });
}

export class ModerationQueue {
  status = $state<ModerationQueueStatus>('loading');
  items = $state<QueueItem[]>([]);
  openCount = $state(0);
  busy = $state<string[]>([]);
  /** For the polite live region: how many items arrived live since the page opened. */
  arrived = $state(0);
  #off: (() => void) | undefined;

  constructor(
    private readonly api: ApiClient = defaultApi,
    readonly space?: string,
  ) {}

  async load(): Promise<void> {
    try {
      const list = await this.api.get<QueueList>(`/api/moderation/queue${queryString({ space: this.space })}`);
      this.items = sortItems(list.items);
      this.openCount = list.openCount;
      this.status = 'ready';
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.status = error.status === 403 || error.status === 401 ? 'forbidden' : 'unavailable';
    }
  }

  /** Joins the live queue; new and changed items are merged in place. */
  listen(): void {
    const socket = getSocket();
    const join = () => void socket.emitWithAck('moderation:join', this.space ? { space: this.space } : {});
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
    if (item.status === 'resolved') {
      this.items = this.items.filter((i) => i.id !== item.id);
    } else {
      this.items = sortItems(known ? this.items.map((i) => (i.id === item.id ? item : i)) : [...this.items, item]);
      if (!known && live) this.arrived += 1;
    }
    this.openCount = this.items.filter((i) => i.status === 'open').length;
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
    return this.#run(item.id, () => this.api.post(`/api/moderation/queue/${item.id}/claim`, {}));
  }

  resolve(
    item: QueueItem,
    decision: 'agree' | 'disagree' | 'ignore',
    action?: { action: ModerationActionName; reason: string },
  ): Promise<void> {
    return this.#run(item.id, () =>
      this.api.post(`/api/moderation/queue/${item.id}/resolve`, {
        decision,
        version: item.version,
        ...(action ? { action: action.action, reason: action.reason } : {}),
      }),
    );
  }

  dispose(): void {
    this.#off?.();
  }
}
