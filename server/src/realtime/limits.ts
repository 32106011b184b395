/**
 * Flood limits for client socket events: one connection (or one source with many connections) cannot keep
 * the server busy. Every client event passes two token buckets before its handler runs:
 *
 * - per connection and event type (in memory: a connection lives in one process);
 * - per source and event type, the source being the account when signed in, else the keyed hash of the
 *   client address (accounts.ip-hash.ts; a raw address is never stored). With Redis the source buckets
 *   live there, shared by every process; without Redis (or while it is unreachable) in this process.
 *
 * An event over either limit gets the error ack `{ ok: false, error: 'rate_limited' }` and its handler never
 * runs (so no database work). Events that pass run one at a time per connection (each after the previous one
 * answered), so one connection never has more than one handler's database work in flight. A connection that keeps going (STRIKES rejected events faster than they
 * refill) is disconnected. Unknown event names share one bucket, so made-up names cannot grow the maps.
 *
 * The gateway applies this to every event before any handler (a new handler is covered by default).
 * `KRING_RATE_LIMITS=off` turns the buckets off, as it does the HTTP limits (benchmarks only).
 */
import type { Socket } from 'node:net';
import type { Redis } from 'ioredis';
import type { ClientToServerEvents } from '@kring/shared';
import type { Actor } from '../lib/actor';
import type { KringSocket } from './publisher';

/** `burst` events at once, then `perSecond` on average. */
export interface BucketLimit {
  burst: number;
  perSecond: number;
}

export interface EventLimit {
  connection: BucketLimit;
  source: BucketLimit;
}

type ClientEvent = keyof ClientToServerEvents;

/**
 * The limits. A page of the web app joins one thread and its space (a reconnect joins them again), so a
 * reader opening threads quickly, a reconnect that rejoins every room at once (up to the room caps in
 * threads.socket.ts) and a member with many tabs all stay far below them.
 */
export const SOCKET_LIMITS: Record<ClientEvent | '*', EventLimit> = {
  'thread:join': { connection: { burst: 60, perSecond: 1 }, source: { burst: 120, perSecond: 4 } },
  'space:join': { connection: { burst: 30, perSecond: 1 }, source: { burst: 90, perSecond: 4 } },
  'moderation:join': { connection: { burst: 20, perSecond: 1 }, source: { burst: 60, perSecond: 2 } },
  'thread:leave': { connection: { burst: 60, perSecond: 2 }, source: { burst: 120, perSecond: 8 } },
  'space:leave': { connection: { burst: 30, perSecond: 1 }, source: { burst: 90, perSecond: 4 } },
  'thread:typing': { connection: { burst: 30, perSecond: 2 }, source: { burst: 120, perSecond: 10 } },
  ping: { connection: { burst: 20, perSecond: 1 }, source: { burst: 120, perSecond: 10 } },
  // Every other (unknown) event name, together.
  '*': { connection: { burst: 20, perSecond: 1 }, source: { burst: 60, perSecond: 2 } },
};

/** Rejected events a connection may have before it is disconnected: `burst` at once, refilled at `perSecond`. */
export const STRIKES: BucketLimit = { burst: 30, perSecond: 1 };

export const RATE_LIMITED_ACK = { ok: false, error: 'rate_limited' } as const;

/** A token bucket in memory. */
export class TokenBucket {
  #tokens: number;
  #at: number;

  constructor(
    private readonly limit: BucketLimit,
    now: number,
  ) {
    this.#tokens = limit.burst;
    this.#at = now;
  }

  take(now: number): boolean {
    this.#refill(now);
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Full again (nothing to remember). */
  full(now: number): boolean {
    this.#refill(now);
    return this.#tokens >= this.limit.burst;
  }

  #refill(now: number): void {
    const elapsed = Math.max(0, now - this.#at) / 1000;
    this.#tokens = Math.min(this.limit.burst, this.#tokens + elapsed * this.limit.perSecond);
    this.#at = now;
  }
}

/**
 * One token bucket in Redis, atomically (Redis' own clock, so every process agrees): returns 1 when a token
 * was taken. The key expires once the bucket would be full again.
 */
const TAKE_SCRIPT = `
local burst = tonumber(ARGV[1])
local rate = tonumber(ARGV[2]) / 1000
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local taken = 0
if tokens >= 1 then
  tokens = tokens - 1
  taken = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 1000)
return taken
`;

interface Logger {
  warn(object: object, message: string): void;
}

export interface SocketLimiterOptions {
  enabled: boolean;
  /** The address of a connection as a keyed hash (never stored raw). */
  hashIp: (ip: string) => Promise<string>;
  /** Shared source buckets (the fail-fast rate-limit connection) and their key prefix, e.g. `kring:socket-limit:`. */
  redis?: { client: Redis; prefix: string } | null;
  /** Behind a trusted proxy the address is the one it forwarded (the last X-Forwarded-For entry). */
  trustProxy?: boolean;
  log?: Logger;
  now?: () => number;
}

export interface SocketLimiter {
  /** Handshake middleware, after the session's: works out a guest connection's source. */
  handshake(socket: KringSocket, next: (error?: Error) => void): void;
  /** Puts the buckets in front of every event of this connection. */
  attach(socket: KringSocket, actor: Actor): void;
}

const SWEEP_EVERY_MS = 10_000;
const HANDLER_TIMEOUT_MS = 10_000;
const CLOSE_AFTER_MS = 1_000;

/** The client address of a handshake (the proxy's last X-Forwarded-For entry when it is trusted). */
function clientAddress(socket: KringSocket, trustProxy: boolean): string {
  const forwarded = trustProxy ? socket.handshake.headers['x-forwarded-for'] : undefined;
  const last = typeof forwarded === 'string' ? forwarded.split(',').at(-1)?.trim() : undefined;
  return last || socket.handshake.address;
}

export function createSocketLimiter(options: SocketLimiterOptions): SocketLimiter {
  const now = options.now ?? Date.now;
  const sources = new Map<string, TokenBucket>();
  let lastSweep = now();
  /** The hashed address of each connection, from its handshake. */
  const addresses = new WeakMap<KringSocket, string>();
  let redisTake: ((key: string, limit: BucketLimit) => Promise<boolean>) | null = null;

  if (options.redis) {
    const { client, prefix } = options.redis;
    redisTake = async (key, limit) =>
      (await client.eval(TAKE_SCRIPT, 1, `${prefix}${key}`, limit.burst, limit.perSecond)) === 1;
  }

  function takeLocal(key: string, limit: BucketLimit): boolean {
    const at = now();
    if (at - lastSweep > SWEEP_EVERY_MS) {
      lastSweep = at;
      for (const [k, bucket] of sources) if (bucket.full(at)) sources.delete(k);
    }
    let bucket = sources.get(key);
    if (!bucket) {
      bucket = new TokenBucket(limit, at);
      sources.set(key, bucket);
    }
    return bucket.take(at);
  }

  /** Synchronous without Redis (events keep their order); with Redis, falls back to memory when it is away. */
  function takeSource(key: string, limit: BucketLimit): boolean | Promise<boolean> {
    if (!redisTake) return takeLocal(key, limit);
    return redisTake(key, limit).catch(() => takeLocal(key, limit));
  }

  return {
    handshake(socket, next) {
      // Members are their account; only guests need the (keyed) address.
      if (!options.enabled || socket.request.kringActor?.kind === 'member') {
        next();
        return;
      }
      options
        .hashIp(clientAddress(socket, options.trustProxy ?? false))
        .then((hash) => addresses.set(socket, hash))
        // Without a hash (the database is away) the connection is its own source; its own limits still hold.
        .catch(() => addresses.set(socket, `c:${socket.id}`))
        .finally(() => next());
    },

    attach(socket, actor) {
      if (!options.enabled) return;
      const source = actor.kind === 'member' ? `u:${actor.userId}` : `ip:${addresses.get(socket) ?? `c:${socket.id}`}`;
      const buckets = new Map<string, TokenBucket>();
      const strikes = new TokenBucket(STRIKES, now());

      const reject = (event: string, ack: unknown) => {
        if (typeof ack === 'function') (ack as (result: typeof RATE_LIMITED_ACK) => void)(RATE_LIMITED_ACK);
        if (!strikes.take(now()) && socket.connected) {
          options.log?.warn({ event, member: actor.kind === 'member' }, 'socket disconnected: too many events');
          socket.disconnect(true);
          // Read nothing more from it: what it already sent would otherwise still be received and parsed. The
          // goodbye above is on its way; the connection is closed for good a moment later.
          const raw = socket.request.socket as Socket | undefined;
          raw?.pause();
          setTimeout(() => raw?.destroy(), CLOSE_AFTER_MS).unref();
        }
      };

      // The events that passed run one at a time per connection, each once the previous one answered: a burst
      // from one connection queues behind itself instead of filling the database pool ahead of everyone else.
      const queue: { event: string; packet: unknown[]; next: () => void }[] = [];
      let running = false;
      const pump = () => {
        if (running) return;
        const item = queue.shift();
        if (!item) return;
        if (!socket.connected) {
          queue.length = 0;
          return;
        }
        running = true;
        let released = false;
        const release = () => {
          if (released) return;
          released = true;
          clearTimeout(timer);
          running = false;
          pump();
        };
        // A handler that never answers does not block the connection for longer than this.
        const timer = setTimeout(release, HANDLER_TIMEOUT_MS);
        timer.unref();
        const last = item.packet.length - 1;
        const ack: unknown = item.packet[last];
        // Only a handler answers: an event nobody listens to (or without an ack) is done once dispatched.
        const answered = typeof ack === 'function' && socket.listenerCount(item.event) > 0;
        if (answered) {
          item.packet[last] = (...args: unknown[]) => {
            release();
            (ack as (...a: unknown[]) => void)(...args);
          };
          item.next();
        } else {
          item.next();
          release();
        }
      };

      socket.use((packet, next) => {
        if (!socket.connected) return;
        const name = typeof packet[0] === 'string' && Object.hasOwn(SOCKET_LIMITS, packet[0]) ? packet[0] : '*';
        const limit = SOCKET_LIMITS[name as ClientEvent | '*'];
        const ack: unknown = packet.at(-1);
        let bucket = buckets.get(name);
        if (!bucket) {
          bucket = new TokenBucket(limit.connection, now());
          buckets.set(name, bucket);
        }
        if (!bucket.take(now())) {
          reject(name, ack);
          return;
        }
        const allowed = takeSource(`${name}:${source}`, limit.source);
        const decide = (ok: boolean) => {
          if (!ok) reject(name, ack);
          else {
            queue.push({ event: String(packet[0]), packet, next });
            pump();
          }
        };
        if (typeof allowed === 'boolean') decide(allowed);
        else void allowed.then(decide);
      });
    },
  };
}
