import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, loggableError } from './errors';

describe('loggableError', () => {
  it('drops the parameters of a failed query (they can hold post bodies)', () => {
    const cause = Object.assign(new Error('value too long'), { code: '22001', constraint: undefined });
    const error = new DrizzleQueryError('insert into "posts" ("source") values ($1)', ['Mijn geheime verhaal'], cause);
    const safe = loggableError(error) as Error & { query: string; code: string };
    expect(JSON.stringify({ ...safe, message: safe.message })).not.toContain('Mijn geheime verhaal');
    expect(safe.message).toBe('database query failed (22001)');
    expect(safe.query).toBe('insert into "posts" ("source") values ($1)');
    expect(safe.code).toBe('22001');
  });

  it('leaves other errors alone', () => {
    const error = new Error('boom');
    expect(loggableError(error)).toBe(error);
  });
});

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['a pool that cannot get a connection in time', new Error('timeout exceeded when trying to connect')],
    ['a query the hung server never answered', new Error('Query read timeout')],
    ['a terminated backend, wrapped', Object.assign(new Error('query failed'), { cause: { code: '57P01' } })],
  ])('recognises %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('does not take a constraint violation for an outage', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
  });
});
