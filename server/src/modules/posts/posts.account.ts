/**
 * Threads, posts and reactions when a member deletes their account or asks for their data. These are
 * the hooks for the accounts feature's extension points (accounts.extensions.ts), registered with
 *
 *   const hooks = threadsAccountHooks(ctx);
 *   ctx.accountExtensions.onDelete('threads', hooks.onDelete);
 *   ctx.accountExtensions.exportSection('threads', hooks.exportSection);
 *
 * On deletion, inside the accounts transaction and before the account row goes:
 * - both modes: the member's reactions are taken back and the counts on the posts corrected;
 * - `erase`: the text of every post they wrote is removed (each keeps its place as a "removed" stub),
 *   earlier versions too; thread and space counters are corrected;
 * - `anonymise`: the posts stay. Authorship detaches through the foreign keys (ON DELETE SET NULL), so the
 *   posts show "voormalig lid"; anonymous posts keep their "Anoniem A" letter.
 * Realtime events go out after the commit (the returned function).
 */
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import { reactionsRepository } from './posts.reactions.repository';
import { threadEvents } from '../threads/threads.events';
import { threadsRepository } from '../threads/threads.repository';
import { postsRepository } from './posts.repository';
import { uncountErased } from './posts.status';

export type AccountDeletionMode = 'erase' | 'anonymise';

export function threadsAccountHooks(ctx: AppContext) {
  const events = threadEvents(ctx.publisher);

  return {
    // Arrow functions, so the accounts feature can take them off this object as they are.
    onDelete: async (tx: Executor, userId: string, mode: AccountDeletionMode): Promise<() => void> => {
      const reactions = await reactionsRepository.releaseAllByUser(tx, userId);
      let removed: {
        id: string;
        threadId: string;
        number: number;
        status: 'published' | 'pending' | 'hidden' | 'removed';
      }[] = [];
      if (mode === 'erase') {
        removed = await postsRepository.eraseByAuthor(tx, userId, ctx.clock.now());
        await uncountErased(tx, removed);
      }
      return () => {
        for (const post of removed) {
          if (post.status === 'published') events.postRemoved(post.threadId, { ...post, status: 'removed' });
        }
        for (const change of reactions) events.reactionsUpdated(change.threadId, change.postId, change.reactions);
      };
    },

    /** Everything the member wrote in conversations, including their own anonymous posts (it is their data). */
    exportSection: async (db: Executor, userId: string) => {
      const [threads, posts, reactions] = await Promise.all([
        threadsRepository.listByAuthor(db, userId),
        postsRepository.listByAuthor(db, userId),
        reactionsRepository.listByUser(db, userId),
      ]);
      return {
        threads: threads.map(({ thread, spaceSlug }) => ({
          id: thread.id,
          space: spaceSlug,
          title: thread.title,
          intent: thread.intent,
          anonymous: thread.anonymous,
          createdAt: thread.createdAt.toISOString(),
        })),
        posts: posts.map((post) => ({
          id: post.id,
          threadId: post.threadId,
          number: post.number,
          anonymous: post.anonymous,
          alias: post.aliasLetter,
          status: post.status,
          source: post.source,
          createdAt: post.createdAt.toISOString(),
          editedAt: post.editedAt?.toISOString() ?? null,
        })),
        reactions: reactions.map((reaction) => ({
          postId: reaction.postId,
          kind: reaction.kind,
          createdAt: reaction.createdAt.toISOString(),
        })),
      };
    },
  };
}
