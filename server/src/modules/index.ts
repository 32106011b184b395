/** Registers every domain's routes under /api. Add a module here when you add one under modules/. */
import type { AppContext, ZodApp } from '../context';
import { accountsRoutes } from './accounts/accounts.routes';
import { healthRoutes } from './health/health.routes';
import { spacesRoutes } from './spaces/spaces.routes';

export function registerModules(app: ZodApp, ctx: AppContext): void {
  healthRoutes(app, ctx);
  accountsRoutes(app, ctx);
  spacesRoutes(app, ctx);
}
