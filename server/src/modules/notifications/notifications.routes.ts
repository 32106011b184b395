/** The notification centre: list, unread count, mark read, settings. Members only. */
import {
  markReadBodySchema,
  notificationListQuerySchema,
  notificationListSchema,
  notificationSettingsBodySchema,
  notificationSettingsSchema,
  unreadCountSchema,
} from '@kring/shared';
import type { AppContext, ZodApp } from '../../context';
import { errorResponses, sendResult } from '../../plugins/errors';
import { routeRateLimit } from '../../plugins/rate-limit';
import { requireMember } from '../../plugins/session';
import { registerNotificationAccountHooks } from './notifications.account';
import { subscribeModerationNotifications } from './notifications.moderation';
import type { NotificationsService } from './notifications.service';

export function notificationsRoutes(
  app: ZodApp,
  ctx: AppContext,
  { notifications }: { notifications: NotificationsService },
): void {
  registerNotificationAccountHooks(ctx.accountExtensions);
  subscribeModerationNotifications(ctx);

  app.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Your notifications, newest first, with the unread count',
        description: 'Keyset-paginated: pass `nextCursor` back as `cursor`. `unread=true` lists unread ones only.',
        querystring: notificationListQuerySchema,
        response: { 200: notificationListSchema, ...errorResponses(400, 401) },
      },
    },
    async (request, reply) => sendResult(reply, await notifications.list(requireMember(request), request.query)),
  );

  app.get(
    '/notifications/unread-count',
    {
      schema: {
        tags: ['notifications'],
        summary: 'How many notifications are unread (the badge)',
        response: { 200: unreadCountSchema, ...errorResponses(401) },
      },
    },
    async (request, reply) => sendResult(reply, await notifications.unreadCount(requireMember(request))),
  );

  app.post(
    '/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark notifications read: the given ids, or all without ids',
        body: markReadBodySchema,
        response: { 200: unreadCountSchema, ...errorResponses(400, 401, 429) },
      },
      config: { ...routeRateLimit(ctx.config, 120, '1 minute') },
    },
    async (request, reply) => sendResult(reply, await notifications.markRead(requireMember(request), request.body.ids)),
  );

  app.get(
    '/notifications/settings',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Which notification types are on, and a pause',
        response: { 200: notificationSettingsSchema, ...errorResponses(401) },
      },
    },
    async (request, reply) => sendResult(reply, await notifications.settings(requireMember(request))),
  );

  app.put(
    '/notifications/settings',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Switch types on or off; pause everything until a moment ("take a break"), or end the pause with null',
        body: notificationSettingsBodySchema,
        response: { 200: notificationSettingsSchema, ...errorResponses(400, 401) },
      },
    },
    async (request, reply) => sendResult(reply, await notifications.saveSettings(requireMember(request), request.body)),
  );
}
