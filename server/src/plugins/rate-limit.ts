/**
 * Generous global per-client limits against floods; features add tighter per-route limits
 * (login, sign-up, posting) through `config.rateLimit` on their routes.
 * `KRING_RATE_LIMITS=off` disables throttling (benchmarks and automated acceptance runs only).
 * With Redis (REDIS_URL) the counters live there, shared by every process; while Redis is unreachable
 * requests are let through rather than refused (see realtime/redis.ts).
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { HttpError } from '../lib/http-error';

export default fp(
  async function rateLimits(
    app: FastifyInstance,
    options: { enabled: boolean; redis?: { client: Redis; nameSpace: string } | null },
  ) {
    await app.register(rateLimit, {
      global: options.enabled,
      ...(options.redis ? { redis: options.redis.client, nameSpace: options.redis.nameSpace, skipOnError: true } : {}),
      max: 600,
      timeWindow: '1 minute',
      // Members are limited per account, guests per client address (kept in memory only, never stored).
      keyGenerator: (request) => (request.actor?.kind === 'member' ? `u:${request.actor.userId}` : `ip:${request.ip}`),
      hook: 'preHandler',
      addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
      errorResponseBuilder: (_request, context) => {
        const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
        return new HttpError(
          429,
          'rate_limited',
          `Too many requests. Try again in ${seconds} seconds.`,
          undefined,
          seconds,
        );
      },
    });
  },
  { name: 'kring-rate-limit', dependencies: ['kring-session'] },
);

/**
 * A route's own, tighter limit (per member, like the global one), or nothing when throttling is off.
 * Use as `config: { ...routeRateLimit(ctx.config, 10, '1 minute') }`.
 */
export function routeRateLimit(
  config: { rateLimits: boolean },
  max: number,
  timeWindow: string,
): { rateLimit?: { max: number; timeWindow: string } } {
  return config.rateLimits ? { rateLimit: { max, timeWindow } } : {};
}
