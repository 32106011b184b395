/** The refusals of the posting path, shared by replies, new threads, edits and reactions. */
import type { Actor } from '../../lib/actor';
import { fail, type ServiceError } from '../../lib/result';
import { canPostInSpace } from '../spaces/spaces.policy';
import type { SpaceAccess } from '../threads/threads.access';

export const archivedError = () =>
  fail('forbidden', 'space_archived', 'This space is archived: you can read it, but no longer post in it.');
export const lockedError = () => fail('forbidden', 'thread_locked', 'This thread is locked: no new replies.');
export const anonymousNotAllowed = () =>
  fail('forbidden', 'anonymous_not_allowed', 'This space does not allow anonymous posts.');
export const keyReused = () =>
  fail('conflict', 'idempotency_key_reused', 'This idempotency key was already used for a different submit.');
export const postNotFound = () => fail('not_found', 'not_found', 'This post does not exist or is not visible to you.');

/** Why a member who can read a space may still not post there (403 with a specific code). */
export function postingDenied(actor: Actor, access: SpaceAccess): { ok: false; error: ServiceError } | null {
  if (canPostInSpace(actor, access.space, access.membership)) return null;
  if (access.space.archivedAt !== null) return archivedError();
  return fail('forbidden', 'forbidden', 'You cannot post in this space.');
}
