/**
 * The header's count of open review items, for moderators and admins, kept live: every
 * `moderation:item` event makes it ask the server for the count again (debounced), so it is always the
 * server's number across all pages and spaces.
 */
import type { QueueItem } from '@kring/shared';
import { moderationApi, type ModerationApi } from '$lib/api/moderation';
import { joinModeration } from '$lib/realtime/rooms';
import { getSocket, type KringSocket } from '$lib/realtime/socket';

const REFRESH_DELAY_MS = 250;

export class ModerationBadge {
  openCount = $state(0);
  /** Increases with every new item that arrives live (the badge's live region speaks then). */
  arrivals = $state(0);
  private socket: KringSocket | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seen: Record<string, true> = {};

  private readonly onItem = ({ item }: { item: QueueItem }) => {
    if (item.status === 'open' && !this.seen[item.id]) this.arrivals += 1;
    this.seen[item.id] = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  };
  private readonly onConnect = () => {
    if (this.socket) void joinModeration(this.socket);
    void this.refresh();
  };

  constructor(
    private readonly moderation: ModerationApi = moderationApi,
    private readonly socketFor: () => KringSocket = getSocket,
  ) {}

  start(): void {
    if (this.socket) return;
    this.socket = this.socketFor();
    this.socket.on('moderation:item', this.onItem);
    this.socket.on('connect', this.onConnect);
    if (this.socket.connected) void joinModeration(this.socket);
    void this.refresh();
  }

  stop(): void {
    this.socket?.off('moderation:item', this.onItem);
    this.socket?.off('connect', this.onConnect);
    this.socket = null;
    clearTimeout(this.timer);
    this.openCount = 0;
    this.seen = {};
  }

  async refresh(): Promise<void> {
    try {
      const list = await this.moderation.queue({ status: 'open' });
      this.openCount = list.openCount;
      for (const item of list.items) this.seen[item.id] = true;
    } catch {
      // The badge keeps its last value.
    }
  }
}

export const moderationBadge = new ModerationBadge();
