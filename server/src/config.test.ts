import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to embedded PGlite in ./data on port 3000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database.kind).toBe('pglite');
    expect(config.database.kind === 'pglite' && config.database.dataDir).toMatch(/data$/);
    expect(config.seed).toBe(true);
    expect(config.rateLimits).toBe(true);
    expect(config.bench).toBe(false);
  });

  it('turns bench mode on only when KRING_BENCH says so', () => {
    expect(loadConfig({ KRING_BENCH: '1' }).bench).toBe(true);
    expect(loadConfig({ KRING_BENCH: 'false' }).bench).toBe(false);
    expect(() => loadConfig({ KRING_BENCH: 'maybe' })).toThrow(/KRING_BENCH: expected true or false/);
  });

  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test' });
  });

  it('honours KRING_DATA_DIR, KRING_SEED and KRING_RATE_LIMITS', () => {
    const config = loadConfig({ KRING_DATA_DIR: '/tmp/kring-x', KRING_SEED: 'false', KRING_RATE_LIMITS: 'off' });
    expect(config.database).toEqual({ kind: 'pglite', dataDir: '/tmp/kring-x' });
    expect(config.seed).toBe(false);
    expect(config.rateLimits).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration — PORT: .*\(got "abc"\)$/],
    [{ PORT: '70000' }, /PORT: expected a port between 0 and 65535/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: expected a URL like postgres:\/\//],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL: expected a URL like postgres:\/\//],
    [{ REDIS_URL: 'http://x' }, /REDIS_URL: expected a URL like redis:\/\//],
    [{ KRING_SEED: 'maybe' }, /KRING_SEED: expected true or false/],
  ])('refuses %o with one readable line', (env, message) => {
    let caught: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const text = (caught as Error).message;
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });

  it('never seeds demo content in production, and refuses to when asked', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).seed).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', KRING_SEED: 'false' }).seed).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', KRING_SEED: 'true' })).toThrow(
      /KRING_SEED: the demo content .* refused when NODE_ENV=production/,
    );
    expect(loadConfig({ NODE_ENV: 'development' }).seed).toBe(true);
  });

  it('never echoes a database URL (it may hold a password)', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:secret@host/db' })).toThrow(ConfigError);
    try {
      loadConfig({ DATABASE_URL: 'mysql://user:secret@host/db' });
    } catch (error) {
      expect((error as Error).message).not.toContain('secret');
    }
  });
});
