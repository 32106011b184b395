/**
 * Who may read and reply to a thread. Pure predicates over the actor, the space (with the actor's
 * membership) and the thread; deny by default. A thread is exactly as visible as its space.
 */
import type { Actor } from '../../lib/actor';
import { canModerateSpace, canPostInSpace, type MembershipStatus, type SpaceForPolicy } from '../spaces/spaces.policy';

export interface ThreadForPolicy {
  locked: boolean;
}

/**
 * Within a space the actor may read: a held thread (its opening post waits for a moderator) is there only
 * for its author and the space's moderators (`moderator`: moderates this space or is an admin).
 */
export function canSeeThread(
  actor: Actor,
  thread: { held: boolean; authorId: string | null },
  moderator: boolean,
): boolean {
  if (!thread.held || moderator) return true;
  return actor.kind === 'member' && thread.authorId !== null && thread.authorId === actor.userId;
}

/** Replying needs posting rights in the space; a locked thread takes replies from its moderators only. */
export function canReplyToThread(
  actor: Actor,
  space: SpaceForPolicy,
  thread: ThreadForPolicy,
  membership: MembershipStatus,
): boolean {
  if (!canPostInSpace(actor, space, membership)) return false;
  return !thread.locked || canModerateSpace(actor, space);
}

/** Reactions are participation too, but a lock only stops new replies, not support for what is there. */
export function canReactInThread(actor: Actor, space: SpaceForPolicy, membership: MembershipStatus): boolean {
  return canPostInSpace(actor, space, membership);
}
