/** Live delivery to every open tab of one member (the gateway joins `rooms.member(userId)` on connect). */
import { rooms, type Notification } from '@kring/shared';
import type { Publisher } from '../../realtime/publisher';

export function notificationEvents(publisher: Publisher) {
  return {
    created(userId: string, notification: Notification, unreadCount: number): void {
      publisher.toRoom(rooms.member(userId), 'notification', { notification, unreadCount });
    },
    read(userId: string, unreadCount: number): void {
      publisher.toRoom(rooms.member(userId), 'notifications:read', { unreadCount });
    },
  };
}
