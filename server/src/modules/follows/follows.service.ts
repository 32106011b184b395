/** Following threads and spaces: only what the member may read (otherwise 404, like a missing one). */
import type { AppContext, NoDeps } from '../../context';
import type { MemberActor } from '../../lib/actor';
import { ok, type Result } from '../../lib/result';
import { openSpace, loadThreadForActor } from '../threads/threads.access';
import { followsRepository } from './follows.repository';

export function createFollowsService(ctx: AppContext, _deps: NoDeps) {
  const db = ctx.database.db;
  return {
    async threadState(actor: MemberActor, threadId: string): Promise<Result<{ following: boolean }>> {
      const loaded = await loadThreadForActor(db, actor, threadId);
      if (!loaded.ok) return loaded;
      return ok({ following: await followsRepository.followsThread(db, loaded.value.record.thread.id, actor.userId) });
    },

    async setThread(actor: MemberActor, threadId: string, following: boolean): Promise<Result<{ following: boolean }>> {
      const loaded = await loadThreadForActor(db, actor, threadId);
      if (!loaded.ok) return loaded;
      const id = loaded.value.record.thread.id;
      if (following) await followsRepository.followThread(db, id, actor.userId, ctx.clock.now());
      else await followsRepository.unfollowThread(db, id, actor.userId);
      return ok({ following });
    },

    async spaceState(actor: MemberActor, slug: string): Promise<Result<{ following: boolean }>> {
      const loaded = await openSpace(db, actor, { slug });
      if (!loaded.ok) return loaded;
      return ok({ following: await followsRepository.followsSpace(db, loaded.value.space.id, actor.userId) });
    },

    async setSpace(actor: MemberActor, slug: string, following: boolean): Promise<Result<{ following: boolean }>> {
      const loaded = await openSpace(db, actor, { slug });
      if (!loaded.ok) return loaded;
      const id = loaded.value.space.id;
      if (following) await followsRepository.followSpace(db, id, actor.userId, ctx.clock.now());
      else await followsRepository.unfollowSpace(db, id, actor.userId);
      return ok({ following });
    },
  };
}

export type FollowsService = ReturnType<typeof createFollowsService>;
