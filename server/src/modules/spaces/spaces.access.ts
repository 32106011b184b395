/**
 * Opening a space *for an actor* — the one way every domain does it (HTTP routes and socket joins alike):
 *
 * - `loadSpaceForActor`: the space whose threads and posts the actor may read, with their membership and
 *   whether they moderate it — or null when it does not exist *or* the actor may not read it (answer both
 *   with `spaceNotFound()`, 404). Archived spaces are returned (they stay readable); nobody may post in them
 *   (`canPostInSpace`).
 * - `readableSpace`: the same decision for a space row the caller already has (loaded with a thread).
 * - `loadVisibleSpace`: the front door (directory entry and page), which members see for closed spaces too.
 */
import type { Executor } from '../../db/client';
import { moderates, type Actor } from '../../lib/actor';
import { isUuid } from '../../lib/ids';
import { fail, ok, type Result } from '../../lib/result';
import { canReadSpace, canSeeSpace, type MembershipStatus } from './spaces.policy';
import { spacesRepository, type SpaceRow, type SpaceWithMembership } from './spaces.repository';

export interface SpaceAccess {
  space: SpaceRow;
  membership: MembershipStatus;
  /** The actor moderates this space (or is an admin). */
  moderator: boolean;
}

export const spaceNotFound = () =>
  fail('not_found', 'not_found', 'This space does not exist or is not visible to you.');

const withModerator = (actor: Actor, found: SpaceWithMembership): SpaceAccess => ({
  ...found,
  moderator: moderates(actor, found.space.id),
});

export async function loadSpaceForActor(
  db: Executor,
  actor: Actor,
  ref: { slug: string } | { id: string },
): Promise<SpaceAccess | null> {
  if ('id' in ref && !isUuid(ref.id)) return null;
  const found = await spacesRepository.find(db, actor, ref);
  if (!found || !canReadSpace(actor, found.space, found.membership)) return null;
  return withModerator(actor, found);
}

/** `loadSpaceForActor` as a Result (404 `not_found` when null), for services. */
export async function openSpace(
  db: Executor,
  actor: Actor,
  ref: { slug: string } | { id: string },
): Promise<Result<SpaceAccess>> {
  const access = await loadSpaceForActor(db, actor, ref);
  return access ? ok(access) : spaceNotFound();
}

/** Looks up the actor's membership only where it matters (a member and a closed space). Null → 404. */
export async function readableSpace(db: Executor, actor: Actor, space: SpaceRow): Promise<SpaceAccess | null> {
  const membership =
    actor.kind === 'member' && space.visibility === 'closed'
      ? ((await spacesRepository.findJoinRequest(db, space.id, actor.userId))?.status ?? 'none')
      : 'none';
  return canReadSpace(actor, space, membership) ? withModerator(actor, { space, membership }) : null;
}

/** The space's front door when the actor may see it; null otherwise (404). */
export async function loadVisibleSpace(db: Executor, actor: Actor, slug: string): Promise<SpaceWithMembership | null> {
  const found = await spacesRepository.find(db, actor, { slug });
  return found && canSeeSpace(actor, found.space) ? found : null;
}
