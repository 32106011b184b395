/**
 * Loading a space or thread *for an actor*: a missing one and one the actor may not read give the same
 * 404, for HTTP routes and socket joins alike. Space access is decided by the spaces module
 * (`loadSpaceForActor` in spaces/spaces.access.ts, re-exported here); a thread is exactly as visible as its space, except a held
 * one (its opening post waits for a moderator): that exists only for its author and the space's
 * moderators, for reads and writes alike (`canSeeThread`).
 */
import type { Executor } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { isUuid } from '../../lib/ids';
import { fail, ok, type Result } from '../../lib/result';
import { readableSpace, type SpaceAccess } from '../spaces/spaces.access';
import { canSeeThread } from './threads.policy';
import { threadsRepository, type ThreadRecord } from './threads.repository';

export { openSpace, spaceNotFound, type SpaceAccess } from '../spaces/spaces.access';

export interface ThreadAccess extends SpaceAccess {
  record: ThreadRecord;
}

export const threadNotFound = () =>
  fail('not_found', 'not_found', 'This thread does not exist or is not visible to you.');

export async function loadThreadForActor(db: Executor, actor: Actor, threadId: string): Promise<Result<ThreadAccess>> {
  if (!isUuid(threadId)) return threadNotFound();
  // Thread and space in one round trip: every thread read (page, posts, socket join) starts here.
  const found = await threadsRepository.findWithSpace(db, threadId);
  const access = found ? await readableSpace(db, actor, found.space) : null;
  if (!found || !access) return threadNotFound();
  if (!canSeeThread(actor, found.record.thread, access.moderator)) return threadNotFound();
  return ok({ ...access, record: found.record });
}
