/**
 * Loading a space or thread *for an actor*: a missing one and one the actor may not read give the same
 * 404, for HTTP routes and socket joins alike. (A small loader of our own; the spaces module's
 * `loadSpaceForActor` can replace `loadSpaceForActor` here once it exists.)
 */
import type { Executor } from '../../db/client';
import { moderates, type Actor } from '../../lib/actor';
import { isUuid } from '../../lib/ids';
import { fail, ok, type Result } from '../../lib/result';
import type { MembershipStatus } from '../spaces/spaces.policy';
import { canReadThread } from './threads.policy';
import { threadsRepository, type SpaceRow, type ThreadRecord } from './threads.repository';

export interface SpaceAccess {
  space: SpaceRow;
  membership: MembershipStatus;
  /** The actor moderates this space (or is an admin). */
  moderator: boolean;
}

export interface ThreadAccess extends SpaceAccess {
  record: ThreadRecord;
}

export const spaceNotFound = () =>
  fail('not_found', 'not_found', 'This space does not exist or is not visible to you.');
export const threadNotFound = () =>
  fail('not_found', 'not_found', 'This thread does not exist or is not visible to you.');

async function accessTo(db: Executor, actor: Actor, space: SpaceRow): Promise<SpaceAccess | null> {
  const membership =
    actor.kind === 'member' && space.visibility === 'closed'
      ? await threadsRepository.membershipStatus(db, space.id, actor.userId)
      : 'none';
  if (!canReadThread(actor, space, membership)) return null;
  return { space, membership, moderator: moderates(actor, space.id) };
}

export async function loadSpaceForActor(
  db: Executor,
  actor: Actor,
  ref: { slug: string } | { id: string },
): Promise<Result<SpaceAccess>> {
  let space: SpaceRow | null;
  if ('slug' in ref) {
    space = await threadsRepository.findSpaceBySlug(db, ref.slug);
  } else {
    space = isUuid(ref.id) ? await threadsRepository.findSpaceById(db, ref.id) : null;
  }
  const access = space ? await accessTo(db, actor, space) : null;
  return access ? ok(access) : spaceNotFound();
}

export async function loadThreadForActor(db: Executor, actor: Actor, threadId: string): Promise<Result<ThreadAccess>> {
  if (!isUuid(threadId)) return threadNotFound();
  const found = await threadsRepository.findWithSpace(db, threadId);
  if (!found) return threadNotFound();
  const access = await accessTo(db, actor, found.space);
  return access ? ok({ ...access, record: found.record }) : threadNotFound();
}
