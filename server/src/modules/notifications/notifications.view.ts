/** A notification row → the public shape. Data never holds the account behind an anonymous post. */
import type { Notification } from '@kring/shared';
import type { NotificationRow } from './notifications.repository';

export function toNotificationView(row: NotificationRow): Notification {
  const data = row.data;
  return {
    id: row.id,
    type: row.type,
    count: row.count,
    threadId: row.threadId,
    spaceSlug: data.spaceSlug ?? null,
    threadTitle: data.threadTitle ?? null,
    spaceName: data.spaceName ?? null,
    postNumber: data.postNumber ?? null,
    actorUsername: data.actorUsername ?? null,
    outcome: data.outcome ?? null,
    reason: data.reason ?? null,
    read: row.readAt !== null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
