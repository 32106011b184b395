/**
 * Registers every domain's routes under /api and its socket handlers, with the services built once by the
 * composition root (`services.ts`). Add a module here when you add one under modules/ (see CONTRIBUTING.md).
 */
import type { AppContext, ZodApp } from '../context';
import type { SocketHandler } from '../realtime/gateway';
import { accountsRoutes } from './accounts/accounts.routes';
import { followsRoutes } from './follows/follows.routes';
import { healthRoutes } from './health/health.routes';
import { notificationsRoutes } from './notifications/notifications.routes';
import { moderationRoutes } from './moderation/moderation.routes';
import { moderationSocketHandlers } from './moderation/moderation.socket';
import { postsRoutes } from './posts/posts.routes';
import { reactionsRoutes } from './reactions/reactions.routes';
import { searchRoutes } from './search/search.routes';
import type { Services } from './services';
import { spacesRoutes } from './spaces/spaces.routes';
import { threadSocketHandlers } from './threads/threads.socket';
import { threadsRoutes } from './threads/threads.routes';

export { buildServices, type Services } from './services';

export function registerModules(app: ZodApp, ctx: AppContext, services: Services): void {
  healthRoutes(app, ctx);
  accountsRoutes(app, ctx, services);
  spacesRoutes(app, ctx, services);
  threadsRoutes(app, ctx, services);
  postsRoutes(app, ctx, services);
  reactionsRoutes(app, ctx, services);
  searchRoutes(app, ctx, services);
  followsRoutes(app, ctx, services);
  notificationsRoutes(app, ctx, services);
  moderationRoutes(app, ctx, services.moderation);
}

/** Socket event handlers per domain; each guards its own room joins with the domain's policy. */
export function socketHandlers(ctx: AppContext, services: Services): SocketHandler[] {
  return [threadSocketHandlers(ctx, { catchUp: services.posts }), moderationSocketHandlers(ctx, services.moderation)];
}
