/** The member's notifications: unread count, the list, marking read, and the settings. */
import type {
  MarkReadBody,
  NotificationList,
  NotificationListQuery,
  NotificationSettings,
  NotificationSettingsBody,
  UnreadCount,
} from '@kring/shared';
import { api, type ApiClient } from './client';
import { queryString } from './query';

export function createNotificationsApi(client: ApiClient = api) {
  return {
    unreadCount: () => client.get<UnreadCount>('/api/notifications/unread-count'),
    list: (query: NotificationListQuery = {}) =>
      client.get<NotificationList>(`/api/notifications${queryString(query)}`),
    /** Without `ids`: everything is marked read. */
    markRead: (body: MarkReadBody) => client.post<UnreadCount>('/api/notifications/read', body),
    settings: () => client.get<NotificationSettings>('/api/notifications/settings'),
    updateSettings: (body: NotificationSettingsBody) =>
      client.put<NotificationSettings>('/api/notifications/settings', body),
  };
}

export type NotificationsApi = ReturnType<typeof createNotificationsApi>;
export const notificationsApi: NotificationsApi = createNotificationsApi();
