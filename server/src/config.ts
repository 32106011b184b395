/**
 * The process configuration, read from the environment and validated once at start.
 * A bad value stops the process with one readable line (see main.ts), never a stack trace.
 */
import path from 'node:path';
import { z } from 'zod';

const booleanFlag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], {
      error: 'expected true or false',
    })
    .optional()
    .transform((value) => (value === undefined ? fallback : ['true', '1', 'yes', 'on'].includes(value)));

const postgresUrl = z
  .string()
  .trim()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
      } catch {
        return false;
      }
    },
    { message: 'expected a URL like postgres://user:password@host:5432/database' },
  );

const redisUrl = z
  .string()
  .trim()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'redis:' || url.protocol === 'rediss:';
      } catch {
        return false;
      }
    },
    { message: 'expected a URL like redis://127.0.0.1:6379' },
  );

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce
    .number({ error: 'expected a port number' })
    .int('expected a whole number')
    .min(0, 'expected a port between 0 and 65535')
    .max(65535, 'expected a port between 0 and 65535')
    .default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), postgresUrl.optional()),
  REDIS_URL: z.preprocess((v) => (v === '' ? undefined : v), redisUrl.optional()),
  KRING_REDIS_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'expected 1-64 letters, digits or _ . : -')
    .default('kring'),
  KRING_DATA_DIR: z.string().trim().min(1).default('./data'),
  KRING_SEED: booleanFlag(true),
  KRING_RATE_LIMITS: booleanFlag(true),
  KRING_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KRING_WEB_DIR: z.string().trim().min(1).optional(),
  KRING_TRUST_PROXY: booleanFlag(false),
  KRING_BENCH: booleanFlag(false),
  KRING_AUTOHIDE_REPORTERS: z.coerce.number().int().min(1).max(100).default(3),
  KRING_AUTOHIDE_ACCOUNT_HOURS: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 365)
    .default(24),
  KRING_NEW_MEMBER_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  KRING_NEW_MEMBER_HELD_POSTS: z.coerce.number().int().min(0).max(100).default(2),
  // On their first day, new members wait this long between posts (PRODUCT: 120 s); 0 turns it off.
  KRING_NEW_MEMBER_POST_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(120),
  // Slow clients: the whole request (headers and body) must arrive within this time (no slowloris).
  KRING_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(200).max(600_000).default(15_000),
  // Per-member write throttles (see docs/operations.md); only checked when KRING_RATE_LIMITS is on.
  KRING_POSTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  KRING_REACTIONS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(60),
  KRING_REPORTS_PER_10_MINUTES: z.coerce.number().int().min(1).max(10_000).default(10),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string | null };
  redisUrl: string | null;
  /** Prefix of every Redis key and stream this installation uses (several installations can share one Redis). */
  redisPrefix: string;
  seed: boolean;
  rateLimits: boolean;
  logLevel: z.infer<typeof envSchema>['KRING_LOG_LEVEL'];
  /** Folder with the built web app; null = do not serve it (API only). */
  webDir: string | null;
  trustProxy: boolean;
  /** Benchmark mode (KRING_BENCH=1): also serve the frozen baselines under /bench (see bench/README.md). */
  bench: boolean;
  version: string;
  /**
   * Request timeout in ms: a request whose headers and body have not fully arrived by then is answered 408
   * and closed (slowloris); the headers alone must arrive within the same time.
   */
  requestTimeoutMs: number;
  bodyLimitBytes: number;
  /** Auto-hide a post pending review once this many distinct accounts older than `minAccountHours` reported it. */
  autoHide: { reporters: number; minAccountHours: number };
  /**
   * A member whose account is younger than `days` is a new member (0: nobody is). In every space a new
   * member's first `heldPosts` posts and their posts with links are held for review; under the
   * `new_members_premoderated` policy all of their posts are.
   */
  newMembers: { days: number; heldPosts: number; firstDayIntervalSeconds: number };
  /** Per-member write throttles: replies and new threads (each), reactions, reports. */
  writeLimits: { postsPerMinute: number; reactionsPerMinute: number; reportsPer10Minutes: number };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const defaultWebDir = path.resolve(import.meta.dirname, '../../web/build');

/** Parses the environment; throws a ConfigError whose message is one readable line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const raw = env[name];
      const shown = name === 'DATABASE_URL' || name === 'REDIS_URL' || raw === undefined ? '' : ` (got "${raw}")`;
      return `${name}: ${issue.message}${shown}`;
    });
    throw new ConfigError(`Invalid configuration — ${problems.join('; ')}`);
  }
  const e = parsed.data;
  // Demo content comes with published passwords: never in production. Unset there means no seed; asked for, a
  // clear refusal.
  const production = e.NODE_ENV === 'production';
  if (production && e.KRING_SEED && env.KRING_SEED !== undefined && env.KRING_SEED !== '') {
    throw new ConfigError(
      'KRING_SEED: the demo content (with published demo passwords) is refused when NODE_ENV=production; ' +
        'remove KRING_SEED or set it to false',
    );
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.resolve(e.KRING_DATA_DIR) },
    redisUrl: e.REDIS_URL ?? null,
    redisPrefix: e.KRING_REDIS_PREFIX,
    seed: e.KRING_SEED && !production,
    rateLimits: e.KRING_RATE_LIMITS,
    logLevel: e.KRING_LOG_LEVEL,
    webDir: e.KRING_WEB_DIR ? path.resolve(e.KRING_WEB_DIR) : defaultWebDir,
    trustProxy: e.KRING_TRUST_PROXY,
    bench: e.KRING_BENCH,
    version: process.env.npm_package_version ?? '0.1.0',
    requestTimeoutMs: e.KRING_REQUEST_TIMEOUT_MS,
    bodyLimitBytes: 64 * 1024,
    autoHide: { reporters: e.KRING_AUTOHIDE_REPORTERS, minAccountHours: e.KRING_AUTOHIDE_ACCOUNT_HOURS },
    newMembers: {
      days: e.KRING_NEW_MEMBER_DAYS,
      heldPosts: e.KRING_NEW_MEMBER_HELD_POSTS,
      firstDayIntervalSeconds: e.KRING_NEW_MEMBER_POST_INTERVAL_SECONDS,
    },
    writeLimits: {
      postsPerMinute: e.KRING_POSTS_PER_MINUTE,
      reactionsPerMinute: e.KRING_REACTIONS_PER_MINUTE,
      reportsPer10Minutes: e.KRING_REPORTS_PER_10_MINUTES,
    },
  };
}

/** A config for tests and tools: defaults plus overrides, no environment read. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    env: 'test',
    port: 0,
    host: '127.0.0.1',
    database: { kind: 'pglite', dataDir: null },
    redisUrl: null,
    redisPrefix: 'kring',
    seed: false,
    rateLimits: true,
    logLevel: 'silent',
    webDir: null,
    trustProxy: false,
    bench: false,
    version: 'test',
    requestTimeoutMs: 15_000,
    bodyLimitBytes: 64 * 1024,
    autoHide: { reporters: 3, minAccountHours: 24 },
    newMembers: { days: 7, heldPosts: 2, firstDayIntervalSeconds: 120 },
    writeLimits: { postsPerMinute: 10, reactionsPerMinute: 60, reportsPer10Minutes: 10 },
    ...overrides,
  };
}
