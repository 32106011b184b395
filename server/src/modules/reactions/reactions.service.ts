/**
 * Supportive reactions (steun, herkenning, dank): idempotent on/off per member per post; the counts on the
 * post change in the same transaction, and everyone in the thread sees the new counts after commit.
 */
import type { ReactionsResponse } from '@kring/shared';
import type { AppContext } from '../../context';
import type { MemberActor } from '../../lib/actor';
import { fail, ok, type Result } from '../../lib/result';
import { canReactToPost, isAuthor } from '../posts/posts.policy';
import { postingDenied } from '../posts/posts.errors';
import type { PostsService } from '../posts/posts.service';
import { threadEvents } from '../threads/threads.events';
import { reactionsRepository, type ReactionKind } from '../posts/posts.reactions.repository';

export interface ReactionsDeps {
  posts: Pick<PostsService, 'loadPostForActor'>;
}

export function createReactionsService(ctx: AppContext, deps: ReactionsDeps) {
  const db = ctx.database.db;
  const events = threadEvents(ctx.publisher);
  const postsService = deps.posts;

  async function change(
    actor: MemberActor,
    postId: string,
    kind: ReactionKind,
    on: boolean,
  ): Promise<Result<ReactionsResponse>> {
    const loaded = await postsService.loadPostForActor(actor, postId);
    if (!loaded.ok) return loaded;
    const { record, access } = loaded.value;
    const denied = postingDenied(actor, access);
    if (denied) return denied;
    const sanction = await ctx.postingGate.activeSanction(actor.userId, access.space.id);
    if (sanction) return sanction;
    if (!canReactToPost(actor, record.post)) {
      if (isAuthor(actor, record.post))
        return fail('forbidden', 'own_post', 'Reactions are for what others wrote, not for your own posts.');
      return fail('forbidden', 'post_not_published', 'You can only react to a published post.');
    }

    const now = ctx.clock.now();
    const outcome = await db.transaction(async (tx) => {
      const changed = on
        ? await reactionsRepository.add(tx, postId, actor.userId, kind, now)
        : await reactionsRepository.remove(tx, postId, actor.userId, kind);
      const reactions = changed
        ? await reactionsRepository.adjustCount(tx, postId, kind, on ? 1 : -1)
        : await reactionsRepository.counts(tx, postId);
      return { changed, reactions };
    });
    const myReactions = await reactionsRepository.mine(db, postId, actor.userId);
    if (outcome.changed) events.reactionsUpdated(record.post.threadId, postId, outcome.reactions);
    return ok({ reactions: outcome.reactions, myReactions });
  }

  return {
    add: (actor: MemberActor, postId: string, kind: ReactionKind) => change(actor, postId, kind, true),
    remove: (actor: MemberActor, postId: string, kind: ReactionKind) => change(actor, postId, kind, false),
  };
}

export type ReactionsService = ReturnType<typeof createReactionsService>;
