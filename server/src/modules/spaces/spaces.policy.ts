/**
 * Who may do what with a space. Pure functions over the actor and the space (plus the actor's membership);
 * deny by default. List queries apply the same rules in SQL (see spaces.repository.ts `visibleTo`).
 *
 * - public: anyone reads; registered: signed-in members read; closed: approved members and moderators read.
 * - admins read and manage everything; a space's moderators read it whatever its visibility.
 * - archived spaces stay readable to those who could read them, but nobody posts in them.
 */
import { isAdmin, moderates, type Actor } from '../../lib/actor';

export interface SpaceForPolicy {
  id: string;
  visibility: 'public' | 'registered' | 'closed';
  archivedAt: Date | null;
}

export type MembershipStatus = 'none' | 'pending' | 'approved' | 'rejected';

export function canReadSpace(actor: Actor, space: SpaceForPolicy, membership: MembershipStatus = 'none'): boolean {
  if (isAdmin(actor) || moderates(actor, space.id)) return true;
  switch (space.visibility) {
    case 'public':
      return true;
    case 'registered':
      return actor.kind === 'member';
    case 'closed':
      return actor.kind === 'member' && membership === 'approved';
    default:
      return false;
  }
}

/** Posting also needs a signed-in member and an active space; moderation sanctions are checked elsewhere. */
export function canPostInSpace(actor: Actor, space: SpaceForPolicy, membership: MembershipStatus = 'none'): boolean {
  if (actor.kind !== 'member' || space.archivedAt !== null) return false;
  return canReadSpace(actor, space, membership);
}

export function canModerateSpace(actor: Actor, space: Pick<SpaceForPolicy, 'id'>): boolean {
  return moderates(actor, space.id);
}

export function canManageSpaces(actor: Actor): boolean {
  return isAdmin(actor);
}

/** Members may ask to join a closed space they cannot read yet (again after a rejection). */
export function canRequestToJoin(actor: Actor, space: SpaceForPolicy, membership: MembershipStatus = 'none'): boolean {
  return (
    actor.kind === 'member' &&
    space.visibility === 'closed' &&
    space.archivedAt === null &&
    !canReadSpace(actor, space, membership) &&
    membership !== 'pending'
  );
}
