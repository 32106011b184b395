import { describe, expect, it } from 'vitest';
import { MAX_SPACE_ROOMS, MAX_THREAD_ROOMS } from '../modules/threads/threads.socket';
import { SOCKET_LIMITS, STRIKES, TokenBucket } from './limits';

describe('TokenBucket', () => {
  it('allows a burst, then refills at its rate, never above the burst', () => {
    const bucket = new TokenBucket({ burst: 3, perSecond: 2 }, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([true, true, true, false]);
    expect(bucket.take(400)).toBe(false); // 0.8 of a token
    expect(bucket.take(500)).toBe(true); // 1.0
    expect(bucket.take(500)).toBe(false);
    expect(bucket.full(10_000)).toBe(true);
    expect([bucket.take(10_000), bucket.take(10_000), bucket.take(10_000), bucket.take(10_000)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('ignores a clock that goes backwards', () => {
    const bucket = new TokenBucket({ burst: 1, perSecond: 1 }, 1_000);
    expect(bucket.take(1_000)).toBe(true);
    expect(bucket.take(0)).toBe(false);
  });
});

describe('the limits', () => {
  it('let a reconnect rejoin every room a connection may have at once', () => {
    expect(SOCKET_LIMITS['thread:join'].connection.burst).toBeGreaterThanOrEqual(MAX_THREAD_ROOMS);
    expect(SOCKET_LIMITS['space:join'].connection.burst).toBeGreaterThanOrEqual(MAX_SPACE_ROOMS);
    for (const limit of Object.values(SOCKET_LIMITS)) {
      expect(limit.source.burst).toBeGreaterThanOrEqual(limit.connection.burst);
    }
    expect(STRIKES.burst).toBeGreaterThan(0);
  });
});
