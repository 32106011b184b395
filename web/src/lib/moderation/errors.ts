/**
 * One place that turns a failed moderation request into a message key under `moderation.errors.*`,
 * so every dialog says the same thing for the same problem.
 */
// Relative, not $lib: the unit tests import this file without SvelteKit's aliases.
import { ApiError } from '../api/client';

const known = new Set([
  'version_conflict',
  'claimed_by_other',
  'already_resolved',
  'already_appealed',
  'already_decided',
  'not_appealable',
  'own_action',
  'own_content',
  'own_account',
  'space_required',
  'muted',
  'banned',
  'suspended',
  'rate_limited',
  'unauthenticated',
  'forbidden',
  'not_found',
  'network_error',
  'validation_failed',
]);

export interface ModerationError {
  key: string;
  /** The server's own sentence, for the cases the screen has no better words for. */
  detail?: string;
  retryAfter?: number;
  conflict: boolean;
}

export function moderationError(error: unknown): ModerationError {
  if (!(error instanceof ApiError)) return { key: 'moderation.errors.generic', conflict: false };
  const conflict = error.status === 409;
  if (error.status === 429) {
    return error.retryAfter
      ? { key: 'moderation.errors.rate_limited_for', retryAfter: Math.ceil(error.retryAfter / 60), conflict }
      : { key: 'moderation.errors.rate_limited', conflict };
  }
  if (known.has(error.code)) return { key: `moderation.errors.${error.code}`, conflict };
  if (conflict) return { key: 'moderation.errors.version_conflict', conflict };
  if (error.status === 404) return { key: 'moderation.errors.not_found', conflict };
  if (error.status === 403) return { key: 'moderation.errors.forbidden', conflict };
  if (error.status === 400) return { key: 'moderation.errors.invalid', detail: error.message, conflict };
  return { key: 'moderation.errors.generic', conflict };
}
