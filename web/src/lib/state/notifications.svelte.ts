/**
 * The member's notifications: the unread badge (kept live over the socket, in every open tab) and the
 * notification centre's list. `start()` once signed in; `stop()` on sign-out.
 */
import type { Notification, NotificationSettings, NotificationSettingsBody } from '@kring/shared';
import { notificationsApi, type NotificationsApi } from '$lib/api/notifications';
import { getSocket, type KringSocket } from '$lib/realtime/socket';

export class NotificationCenter {
  unreadCount = $state(0);
  items = $state<Notification[]>([]);
  nextCursor = $state<string | null>(null);
  status = $state<'idle' | 'loading' | 'ready' | 'unavailable'>('idle');
  /** How many notifications arrived live in this tab (the bell's live region speaks when it changes). */
  arrivals = $state(0);
  settings = $state<NotificationSettings | null>(null);

  private socket: KringSocket | null = null;
  private readonly onNotification = (payload: { notification: Notification; unreadCount: number }) => {
    this.unreadCount = payload.unreadCount;
    const rest = this.items.filter((item) => item.id !== payload.notification.id);
    if (this.status === 'ready') this.items = [payload.notification, ...rest];
    this.arrivals += 1;
  };
  private readonly onRead = (payload: { unreadCount: number }) => {
    this.unreadCount = payload.unreadCount;
    if (payload.unreadCount === 0) this.items = this.items.map((item) => ({ ...item, read: true }));
  };
  private readonly onConnect = () => {
    // After a reconnect the count may have moved on while we were away.
    void this.refreshCount();
  };

  constructor(
    private readonly notifications: NotificationsApi = notificationsApi,
    private readonly socketFor: () => KringSocket = getSocket,
  ) {}

  start(): void {
    if (this.socket) return;
    this.socket = this.socketFor();
    this.socket.on('notification', this.onNotification);
    this.socket.on('notifications:read', this.onRead);
    this.socket.on('connect', this.onConnect);
    void this.refreshCount();
  }

  stop(): void {
    this.socket?.off('notification', this.onNotification);
    this.socket?.off('notifications:read', this.onRead);
    this.socket?.off('connect', this.onConnect);
    this.socket = null;
    this.unreadCount = 0;
    this.items = [];
    this.status = 'idle';
  }

  async refreshCount(): Promise<void> {
    try {
      const { unreadCount } = await this.notifications.unreadCount();
      this.unreadCount = unreadCount;
    } catch {
      // The badge keeps its last value.
    }
  }

  async load(): Promise<void> {
    this.status = 'loading';
    try {
      const list = await this.notifications.list();
      this.items = list.items;
      this.nextCursor = list.nextCursor;
      this.unreadCount = list.unreadCount;
      this.status = 'ready';
    } catch {
      this.status = 'unavailable';
    }
  }

  async more(): Promise<void> {
    if (!this.nextCursor) return;
    const list = await this.notifications.list({ cursor: this.nextCursor });
    this.items = [...this.items, ...list.items];
    this.nextCursor = list.nextCursor;
  }

  async markRead(ids?: string[]): Promise<void> {
    const { unreadCount } = await this.notifications.markRead(ids ? { ids } : {});
    this.unreadCount = unreadCount;
    this.items = this.items.map((item) => (!ids || ids.includes(item.id) ? { ...item, read: true } : item));
  }

  async loadSettings(): Promise<void> {
    this.settings = await this.notifications.settings();
  }

  async saveSettings(change: NotificationSettingsBody): Promise<void> {
    this.settings = await this.notifications.updateSettings(change);
  }
}

export const notificationCenter = new NotificationCenter();
