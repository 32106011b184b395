/**
 * Who may do what with a space. Pure functions over the actor and the space (plus the actor's membership);
 * deny by default. List queries apply the same rules in SQL (see spaces.repository.ts `visibleTo`).
 *
 * Two levels of access:
 * - *seeing* a space (its directory entry and its page with name, description, rules and helplines):
 *   public spaces for everyone, registered and closed spaces for signed-in members. A closed space's front
 *   door is visible to members so they can find it and ask to join; a space the actor cannot see is a 404.
 * - *reading* a space (its threads and posts): public: anyone; registered: signed-in members; closed: approved
 *   members and the space's moderators. Admins see and read everything.
 * Archived spaces stay readable to those who could read them (nothing is lost), but nobody posts in them;
 * the directory lists them only for admins who ask for them.
 */
import { isAdmin, moderates, type Actor } from '../../lib/actor';

export interface SpaceForPolicy {
  id: string;
  visibility: 'public' | 'registered' | 'closed';
  archivedAt: Date | null;
}

export type MembershipStatus = 'none' | 'pending' | 'approved' | 'rejected';

export function canSeeSpace(actor: Actor, space: SpaceForPolicy): boolean {
  if (isAdmin(actor) || moderates(actor, space.id)) return true;
  switch (space.visibility) {
    case 'public':
      return true;
    case 'registered':
    case 'closed':
      return actor.kind === 'member';
    default:
      return false;
  }
}

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

/**
 * The one moderation rule: moderators act in the spaces they moderate, admins everywhere; without a space
 * (a report on a member) only admins. `canModerateSpace` is the same for a space at hand.
 */
export function canModerateIn(actor: Actor, spaceId: string | null): boolean {
  if (spaceId === null) return isAdmin(actor);
  return moderates(actor, spaceId);
}

export function canModerateSpace(actor: Actor, space: Pick<SpaceForPolicy, 'id'>): boolean {
  return canModerateIn(actor, space.id);
}

export function canManageSpaces(actor: Actor): boolean {
  return isAdmin(actor);
}

/** Approving or rejecting join requests is moderators' work (admins moderate every space). */
export function canDecideJoinRequests(actor: Actor, space: Pick<SpaceForPolicy, 'id'>): boolean {
  return canModerateSpace(actor, space);
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
