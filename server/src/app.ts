/**
 * buildApp(config): the whole server as a Fastify instance, ready for `listen` or `inject`.
 * Importing this file does nothing; calling buildApp opens the database and applies migrations.
 */
import type { Writable } from 'node:stream';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions, type RouteOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config';
import { unregistered, type AppContext, type Notifier, type PostingGate, type ZodApp } from './context';
import { openDatabase, type Database } from './db/client';
import { runMigrations } from './db/migrate';
import { systemClock, type Clock } from './lib/clock';
import { benchBaselines } from './bench/baselines';
import { buildServices, registerModules } from './modules';
import { createAccountExtensions } from './modules/accounts/accounts.extensions';
import { createIpHasher } from './modules/accounts/accounts.ip-hash';
import { createModerationHooks } from './modules/moderation/moderation.events';
import { startUnansweredCheck } from './modules/notifications/notifications.unanswered';
import { startSpaceCounterFold } from './modules/threads/threads.counters';
import { startAccountMaintenance } from './modules/accounts/accounts.maintenance';
import { createSessionService } from './modules/sessions/sessions.service';
import csrf from './plugins/csrf';
import errors, { frameworkErrorHandler, sendError } from './plugins/errors';
import inputGuard from './plugins/input-guard';
import rateLimits from './plugins/rate-limit';
import securityHeaders from './plugins/security-headers';
import session from './plugins/session';
import { loadWebApp, registerWebApp, sendIndex, wantsWebApp } from './plugins/static-web';
import { isWebRoute } from './plugins/web-routes';
import { createGateway } from './realtime/gateway';
import { socketHandlers } from './modules';
import { createPublisher, type KringIo } from './realtime/publisher';
import { createSocketLimiter } from './realtime/limits';
import { openRedis, type RedisConnections } from './realtime/redis';

export interface BuildOptions {
  /** Use this database instead of opening one from config (it is then not closed by the app). */
  database?: Database;
  /** Apply migrations at start (default true). */
  migrate?: boolean;
  clock?: Clock;
  /** Where log lines go (default stdout); tests capture them to check nothing private is logged. */
  logStream?: Writable;
  /** Called for every route as it is registered (the access-control matrix test enumerates them this way). */
  onRoute?: (route: RouteOptions) => void;
}

declare module 'fastify' {
  interface FastifyInstance {
    kring: AppContext;
    io: KringIo;
  }
}

function loggerOptions(config: Config, stream?: Writable): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    ...(stream ? { stream } : {}),
    // Never log bodies, cookies, tokens or passwords; URLs are logged without their query string.
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
        '*.newPassword',
        '*.currentPassword',
        '*.recoveryCode',
        '*.recoveryCodes',
        '*.token',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<ZodApp> {
  const app = Fastify({
    logger: loggerOptions(config, options.logStream),
    bodyLimit: config.bodyLimitBytes,
    // Slow clients cannot hold a connection open: the whole request (headers included) must arrive within
    // this time. Node checks for expired requests every `connectionsCheckingInterval` (30 s by default, which
    // would let a slowloris client hold a connection for up to 45 s); check often enough to keep the promise.
    requestTimeout: config.requestTimeoutMs,
    http: {
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: Math.max(250, Math.min(1_000, Math.floor(config.requestTimeoutMs / 4))),
    },
    connectionTimeout: config.requestTimeoutMs * 2,
    keepAliveTimeout: 5_000,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    frameworkErrors: (error, request, reply) => void frameworkErrorHandler(error, request, reply),
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>();

  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const ownsDatabase = !options.database;
  const database =
    options.database ??
    (await openDatabase(config.database, {
      onPoolError: (error) => app.log.warn({ err: error }, 'database connection lost; the pool will reconnect'),
    }));
  try {
    if (options.migrate !== false) await runMigrations(database);
  } catch (error) {
    if (ownsDatabase) await database.close();
    throw error;
  }

  // Several processes share fan-out and rate-limit counters through Redis; without it, one process.
  let redis: RedisConnections | null = null;
  if (config.redisUrl) {
    try {
      redis = await openRedis(config.redisUrl, config.redisPrefix, app.log);
    } catch (error) {
      if (ownsDatabase) await database.close();
      throw error;
    }
  }

  const clock = options.clock ?? systemClock;
  const sessions = createSessionService(database.db, clock);
  let io: KringIo | null = null;
  const ctx: AppContext = {
    config,
    database,
    clock,
    log: app.log,
    sessions,
    publisher: createPublisher(() => io),
    ipHasher: createIpHasher(database.db, clock),
    accountExtensions: createAccountExtensions(),
    moderationHooks: createModerationHooks(),
    postingGate: unregistered<PostingGate>('postingGate'),
    notifier: unregistered<Notifier>('notifier'),
  };
  // Every service, once, in layer order; registers ctx.postingGate and ctx.notifier.
  const services = buildServices(ctx);
  app.decorate('kring', ctx);

  const web = loadWebApp(config.webDir);

  await app.register(errors);
  await app.register(securityHeaders, { scriptHashes: web?.scriptHashes ?? [] });
  await app.register(inputGuard);
  await app.register(csrf);
  await app.register(session, { sessions });
  await app.register(rateLimits, {
    enabled: config.rateLimits,
    redis: redis ? { client: redis.rateLimit, nameSpace: redis.rateLimitNamespace } : null,
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kring API',
        description:
          'The public HTTP contract of Kring. Errors always have the shape { error: { code, message, fields? } }.',
        version: config.version,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'kring_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(
    async (api) => {
      // Almost every answer depends on who asks (their reactions, `can`, held posts, queues): no shared cache
      // (a proxy, the browser's back-forward cache) may keep one for someone else. A route may set its own.
      api.addHook('onSend', async (_request, reply, payload) => {
        if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
        return payload;
      });
      registerModules(api.withTypeProvider<ZodTypeProvider>(), ctx, services);
    },
    { prefix: '/api' },
  );

  // Frozen baselines for `npm run bench`; never registered outside bench mode.
  if (config.bench) benchBaselines(app, ctx);

  if (web) await registerWebApp(app, web);
  app.setNotFoundHandler((request, reply) => {
    if (web && wantsWebApp(request)) {
      return sendIndex(reply, isWebRoute(request.url.split('?')[0] ?? '/') ? 200 : 404);
    }
    // The raw path is not echoed back (it may be anything a prober sent).
    return sendError(reply, {
      statusCode: 404,
      code: 'not_found',
      message: 'There is no such route. The API is described at /api/docs.',
    });
  });

  io = createGateway(app.server, sessions, socketHandlers(ctx, services), {
    ...(redis ? { adapter: redis.socketAdapter } : {}),
    trustProxy: config.trustProxy,
    limiter: createSocketLimiter({
      enabled: config.rateLimits,
      hashIp: (ip) => ctx.ipHasher.hash(ip),
      redis: redis ? { client: redis.rateLimit, prefix: `${config.redisPrefix}:socket-limit:` } : null,
      trustProxy: config.trustProxy,
      log: app.log,
    }),
  });
  app.decorate('io', io);

  app.addHook('preClose', async () => {
    // Stop realtime first so no event is emitted into a closing server.
    // (io.close() would also close the HTTP server, which Fastify closes itself.)
    // Close the connections without Socket.IO's "disconnect" packet: a client told "io server disconnect"
    // never reconnects on its own (that is for logout and revocation), while a closed transport makes every
    // client reconnect — to this process once it is back, or to another one. (`io.disconnectSockets()` would
    // also go through the adapter and kick the clients of every other process.)
    io?.engine.close();
  });
  // Purges idle throttle rows (keyed IP hashes), old IP-hash keys and expired sessions every hour.
  const maintenance = startAccountMaintenance(ctx, app.log);
  // "Nobody left alone": tells moderators about threads without a reply (every 5 minutes).
  const unanswered = startUnansweredCheck(ctx, app.log);
  // Moves the spaces' pending counter changes into their rows (every 5 s; reads add what is pending).
  const counters = startSpaceCounterFold(ctx, app.log);
  app.addHook('onClose', async () => {
    maintenance.stop();
    unanswered.stop();
    counters.stop();
    if (redis) {
      await io?.of('/').adapter.close();
      await redis.close();
    }
    if (ownsDatabase) await database.close();
  });

  return app;
}
