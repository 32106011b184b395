/**
 * Redis, only when `REDIS_URL` is set: the Socket.IO Redis Streams adapter (fan-out between processes;
 * a stream, not pub/sub, so a process that briefly loses Redis reads what it missed once it is back)
 * and the shared counters of `@fastify/rate-limit`. One client library (ioredis) for both, two
 * connections with different failure behaviour:
 *
 * - `adapter`: queues commands while Redis is away and reconnects forever, so live updates resume by
 *   themselves after a Redis restart (no process restart needed).
 * - `rateLimit`: fails fast while Redis is away (no offline queue), and the rate-limit plugin then lets
 *   the request through (`skipOnError`): a Redis outage must not take the forum down. Login, recovery
 *   and sign-up throttles live in PostgreSQL and keep working.
 *
 * Every key and stream starts with `config.redisPrefix`, so several installations (or test runs) can
 * share one Redis. Nothing else lives in Redis: all state is in PostgreSQL.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis, type RedisOptions } from 'ioredis';

export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

export interface RedisConnections {
  /** Publishes to the adapter's stream (the adapter duplicates it for reading and pub/sub). */
  adapter: Redis;
  rateLimit: Redis;
  /** `${prefix}:rate-limit:` — the rate-limit plugin's key namespace. */
  rateLimitNamespace: string;
  /** The Socket.IO adapter factory for `new Server({ adapter })`. */
  socketAdapter: ReturnType<typeof createAdapter>;
  close(): Promise<void>;
}

interface Logger {
  warn(object: object, message: string): void;
  info(object: object, message: string): void;
}

/** Reconnect quickly at first, then every 2 s at most, forever. */
const retryStrategy = (times: number) => Math.min(100 * times, 2_000);

function waitReady(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new RedisUnavailableError('cannot reach the Redis server in REDIS_URL (is it running, is the host right?)'),
      );
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      client.off('ready', onReady);
    };
    client.on('ready', onReady);
  });
}

export async function openRedis(
  url: string,
  prefix: string,
  log: Logger,
  options: { connectTimeoutMs?: number } = {},
): Promise<RedisConnections> {
  const common: RedisOptions = { retryStrategy, lazyConnect: false, connectionName: `${prefix}-kring` };
  const adapter = new Redis(url, { ...common, maxRetriesPerRequest: null });
  const rateLimit = new Redis(url, {
    ...common,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
  let lost = false;
  for (const [name, client] of [
    ['adapter', adapter],
    ['rate-limit', rateLimit],
  ] as const) {
    // Without an error listener ioredis logs every failed reconnect to stderr itself.
    client.on('error', (error: Error) => {
      if (!lost) log.warn({ err: { message: error.message }, client: name }, 'Redis connection lost; reconnecting');
      lost = true;
    });
    client.on('ready', () => {
      if (lost) log.info({ client: name }, 'Redis connection restored');
      lost = false;
    });
  }
  const closeAll = async () => {
    await Promise.all([adapter, rateLimit].map((client) => client.quit().catch(() => client.disconnect())));
  };
  try {
    const timeout = options.connectTimeoutMs ?? 10_000;
    await Promise.all([waitReady(adapter, timeout), waitReady(rateLimit, timeout)]);
  } catch (error) {
    adapter.disconnect();
    rateLimit.disconnect();
    throw error;
  }

  const socketAdapter = createAdapter(adapter, {
    streamName: `${prefix}:socket.io`,
    channelPrefix: `${prefix}:socket.io`,
    sessionKeyPrefix: `${prefix}:socket.io:session:`,
    // Our events are JSON only.
    onlyPlaintext: true,
  });

  return { adapter, rateLimit, rateLimitNamespace: `${prefix}:rate-limit:`, socketAdapter, close: closeAll };
}
