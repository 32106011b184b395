import { healthSchema } from '@kring/shared';
import type { AppContext, ZodApp } from '../../context';

export function healthRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness and database check',
        response: { 200: healthSchema },
      },
      config: { rateLimit: false },
    },
    async () => {
      await ctx.database.ping();
      return { status: 'ok' as const, database: ctx.database.kind, version: ctx.config.version };
    },
  );
}
