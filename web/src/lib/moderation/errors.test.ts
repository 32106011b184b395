import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { moderationError } from './errors';

describe('moderationError', () => {
  it('says a stale version is someone else having handled it, and offers a reload', () => {
    expect(moderationError(new ApiError(409, 'version_conflict', 'changed'))).toEqual({
      key: 'moderation.errors.version_conflict',
      conflict: true,
    });
  });

  it('treats an unknown 409 as a conflict too', () => {
    expect(moderationError(new ApiError(409, 'something_new', 'x'))).toEqual({
      key: 'moderation.errors.version_conflict',
      conflict: true,
    });
  });

  it('turns Retry-After seconds into whole minutes for a 429', () => {
    expect(moderationError(new ApiError(429, 'rate_limited', 'slow down', undefined, 90))).toEqual({
      key: 'moderation.errors.rate_limited_for',
      retryAfter: 2,
      conflict: false,
    });
    expect(moderationError(new ApiError(429, 'rate_limited', 'slow down')).key).toBe('moderation.errors.rate_limited');
  });

  it('names the server codes the screens explain (own action, already appealed, sanctions)', () => {
    expect(moderationError(new ApiError(403, 'own_action', 'no')).key).toBe('moderation.errors.own_action');
    expect(moderationError(new ApiError(409, 'already_appealed', 'no')).key).toBe('moderation.errors.already_appealed');
    expect(moderationError(new ApiError(403, 'muted', 'no')).key).toBe('moderation.errors.muted');
  });

  it('keeps the server sentence for an unexplained 400 and falls back by status otherwise', () => {
    expect(moderationError(new ApiError(400, 'odd_rule', 'Name the space.'))).toEqual({
      key: 'moderation.errors.invalid',
      detail: 'Name the space.',
      conflict: false,
    });
    expect(moderationError(new ApiError(404, 'gone', 'x')).key).toBe('moderation.errors.not_found');
    expect(moderationError(new ApiError(403, 'nope', 'x')).key).toBe('moderation.errors.forbidden');
    expect(moderationError(new ApiError(500, 'internal_error', 'x')).key).toBe('moderation.errors.generic');
    expect(moderationError(new Error('boom')).key).toBe('moderation.errors.generic');
  });
});
