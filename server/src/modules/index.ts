/** Registers every domain's routes under /api. Add a module here when you add one under modules/. */
import type { AppContext, ZodApp } from '../context';
import type { SocketHandler } from '../realtime/gateway';
import { accountsRoutes } from './accounts/accounts.routes';
import { followsRoutes } from './follows/follows.routes';
import { healthRoutes } from './health/health.routes';
import { notificationsRoutes } from './notifications/notifications.routes';
import { moderationRoutes } from './moderation/moderation.routes';
import { createModerationServices } from './moderation/moderation.services';
import { moderationSocketHandlers } from './moderation/moderation.socket';
import { postsRoutes } from './posts/posts.routes';
import { reactionsRoutes } from './reactions/reactions.routes';
import { searchRoutes } from './search/search.routes';
import { spacesRoutes } from './spaces/spaces.routes';
import { threadSocketHandlers } from './threads/threads.socket';
import { threadsRoutes } from './threads/threads.routes';

export function registerModules(app: ZodApp, ctx: AppContext): void {
  healthRoutes(app, ctx);
  accountsRoutes(app, ctx);
  spacesRoutes(app, ctx);
  threadsRoutes(app, ctx);
  postsRoutes(app, ctx);
  reactionsRoutes(app, ctx);
  searchRoutes(app, ctx);
  followsRoutes(app, ctx);
  notificationsRoutes(app, ctx);
  moderationRoutes(app, ctx, createModerationServices(ctx, { logger: app.log }));
}

/** Socket event handlers per domain; each guards its own room joins with the domain's policy. */
export function socketHandlers(ctx: AppContext): SocketHandler[] {
  return [threadSocketHandlers(ctx), moderationSocketHandlers(ctx, createModerationServices(ctx, {}))];
}
