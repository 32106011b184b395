/**
 * Posts: read a thread page by page, edit and delete one's own posts, preview, and what a (re)joining
 * socket missed. Writing a new post goes through the posting pipeline in `posts.write.ts`.
 */
import type { Post, PostPage } from '@kring/shared';
import type { AppContext, NoDeps } from '../../context';
import { renderMarkdown } from '../../content/markdown';
import type { Actor, MemberActor } from '../../lib/actor';
import { isUuid } from '../../lib/ids';
import { fail, ok, type Result } from '../../lib/result';
import { loadThreadForActor, type SpaceAccess, type ThreadAccess } from '../threads/threads.access';
import { threadEvents } from '../threads/threads.events';
import { toThreadView } from '../threads/threads.view';
import { lockedError, postNotFound, postingDenied } from './posts.errors';
import { canDeletePost, canEditPost, isListedFor } from './posts.policy';
import { postsRepository, type ListViewer, type PostRecord, type ReactionKind } from './posts.repository';
import { removeByAuthor } from './posts.status';
import { toPostView, publicReader, type PostReader } from './posts.view';

export const DEFAULT_PAGE_SIZE = 30;

// eslint-disable-next-line max-lines-per-function -- a factory: its length is the sum of the small, separately named functions it returns
export function createPostsService(ctx: AppContext, _deps: NoDeps) {
  const db = ctx.database.db;
  const events = threadEvents(ctx.publisher);

  function readerFor(actor: Actor, access: SpaceAccess): PostReader {
    return { actor, moderator: access.moderator };
  }

  function listViewer(actor: Actor, access: SpaceAccess): ListViewer {
    return { userId: actor.kind === 'member' ? actor.userId : null, moderator: access.moderator };
  }

  async function viewsFor(actor: Actor, access: SpaceAccess, records: PostRecord[]): Promise<Post[]> {
    const mine =
      actor.kind === 'member'
        ? await postsRepository.reactionsBy(
            db,
            actor.userId,
            records.map((r) => r.post.id),
          )
        : new Map<string, ReactionKind[]>();
    const reader = readerFor(actor, access);
    return records.map((record) => toPostView(record, reader, mine.get(record.post.id) ?? []));
  }

  /** A post together with its thread and space, as the actor may see them (404 otherwise). */
  async function loadPostForActor(
    actor: Actor,
    postId: string,
  ): Promise<Result<{ record: PostRecord; access: ThreadAccess }>> {
    if (!isUuid(postId)) return postNotFound();
    const record = await postsRepository.findById(db, postId);
    if (!record) return postNotFound();
    const access = await loadThreadForActor(db, actor, record.post.threadId);
    if (!access.ok) return postNotFound();
    if (!isListedFor(actor, record.post, access.value.moderator)) return postNotFound();
    return ok({ record, access: access.value });
  }

  return {
    loadPostForActor,
    viewsFor,

    /** One page of a thread, by post number: `after`, `before` or `around` (never OFFSET). */
    async list(
      actor: Actor,
      threadId: string,
      query: { after?: number; before?: number; around?: number; cursor?: number; limit?: number },
    ): Promise<Result<PostPage>> {
      const loaded = await loadThreadForActor(db, actor, threadId);
      if (!loaded.ok) return loaded;
      const access = loaded.value;
      const viewer = listViewer(actor, access);
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;

      let records: PostRecord[];
      let hasOlder: boolean;
      let hasNewer: boolean;
      if (query.before !== undefined) {
        const rows = await postsRepository.listBefore(db, threadId, query.before, limit + 1, viewer);
        hasOlder = rows.length > limit;
        records = rows.slice(0, limit).reverse();
        const lastNumber = records.at(-1)?.post.number ?? query.before - 1;
        hasNewer = await postsRepository.existsAfter(db, threadId, lastNumber, viewer);
      } else if (query.around !== undefined) {
        // Centre the page on the post, and fill it from the other side near either end of the thread.
        const { older, newer } = await postsRepository.listAround(db, threadId, query.around, limit + 1, viewer);
        const olderCount = Math.min(older.length, Math.max(Math.floor(limit / 2), limit - newer.length));
        const newerCount = Math.min(newer.length, limit - olderCount);
        hasOlder = older.length > olderCount;
        hasNewer = newer.length > newerCount;
        records = [...older.slice(0, olderCount).reverse(), ...newer.slice(0, newerCount)];
      } else {
        const after = query.after ?? query.cursor ?? 0;
        const rows = await postsRepository.listAfter(db, threadId, after, limit + 1, viewer);
        hasNewer = rows.length > limit;
        records = rows.slice(0, limit);
        const firstNumber = records[0]?.post.number ?? after + 1;
        // Numbers start at 1: a page that starts there has nothing older (saves a round trip on every first page).
        hasOlder = firstNumber > 1 && (await postsRepository.existsBefore(db, threadId, firstNumber, viewer));
      }

      const items = await viewsFor(actor, access, records);
      const first = items[0];
      const last = items.at(-1);
      return ok({
        items,
        nextCursor: hasNewer && last ? String(last.number) : null,
        prevCursor: hasOlder && first ? String(first.number) : null,
      });
    },

    async edit(actor: MemberActor, postId: string, input: { body: string }): Promise<Result<{ post: Post }>> {
      const loaded = await loadPostForActor(actor, postId);
      if (!loaded.ok) return loaded;
      const { record, access } = loaded.value;
      if (record.post.status === 'removed') return postNotFound();
      if (!canEditPost(actor, record.post)) {
        if (record.post.status === 'hidden' && record.post.authorId === actor.userId)
          return fail('forbidden', 'post_hidden', 'A moderator has hidden this post; it cannot be edited now.');
        return fail('forbidden', 'not_author', 'Only the author can edit this post.');
      }
      const denied = postingDenied(actor, access);
      if (denied) return denied;
      if (access.record.thread.locked && !access.moderator) return lockedError();

      const html = renderMarkdown(input.body);
      const now = ctx.clock.now();
      const updated = await db.transaction(async (tx) => {
        const current = await postsRepository.lockById(tx, postId);
        if (!current || !canEditPost(actor, current)) return null;
        if (current.source === input.body) return current;
        return postsRepository.replaceBody(tx, current, {
          source: input.body,
          html,
          editedAt: now,
          editorId: actor.userId,
        });
      });
      if (!updated) return postNotFound();

      const next: PostRecord = { post: updated, authorUsername: record.authorUsername };
      const [post] = await viewsFor(actor, access, [next]);
      if (!post) throw new Error('view of the edited post is missing');
      if (updated.status === 'published' && updated.editedAt?.getTime() === now.getTime()) {
        events.postUpdated(updated.threadId, toPostView(next, publicReader));
      }
      return ok({ post });
    },

    /** The author deletes their own post: it keeps its place as a "removed" stub; moderators can still read it. */
    async remove(actor: MemberActor, postId: string): Promise<Result<{ post: Post }>> {
      const loaded = await loadPostForActor(actor, postId);
      if (!loaded.ok) return loaded;
      const { record, access } = loaded.value;
      if (record.post.status === 'removed') return postNotFound();
      if (!canDeletePost(actor, record.post))
        return fail('forbidden', 'not_author', 'Only the author can delete this post.');

      const now = ctx.clock.now();
      const result = await db.transaction(async (tx) => {
        const current = await postsRepository.lockById(tx, postId);
        if (!current || !canDeletePost(actor, current)) return null;
        const { removed, thread } = await removeByAuthor(tx, current, access.space.id, now);
        return { removed, wasPublished: current.status === 'published', thread };
      });
      if (!result) return postNotFound();

      const next: PostRecord = { post: result.removed, authorUsername: record.authorUsername };
      const [post] = await viewsFor(actor, access, [next]);
      if (!post) throw new Error('view of the removed post is missing');
      if (result.wasPublished) {
        events.postRemoved(result.removed.threadId, result.removed);
        if (result.thread) {
          events.threadActivity(
            toThreadView({ thread: result.thread, authorUsername: access.record.authorUsername }, access.space.slug),
            result.thread.held,
          );
        }
      }
      return ok({ post });
    },

    /** The composer's preview: exactly what would be stored. */
    preview(body: string): { html: string } {
      return { html: renderMarkdown(body) };
    },

    /** The newest post number this reader may see in the thread (0 when none). */
    latestNumber(actor: Actor, access: ThreadAccess): Promise<number> {
      return postsRepository.latestVisibleNumber(db, access.record.thread.id, listViewer(actor, access));
    },

    /**
     * Posts after `lastSeen` for a socket that (re)joins a thread, as that reader may see them, plus
     * whether that was everything.
     */
    async missedSince(actor: Actor, access: ThreadAccess, lastSeen: number, max: number) {
      const viewer = listViewer(actor, access);
      const threadId = access.record.thread.id;
      const rows = await postsRepository.listAfter(db, threadId, lastSeen, max + 1, viewer);
      const posts = await viewsFor(actor, access, rows.slice(0, max));
      const complete = rows.length <= max;
      const latestNumber = complete
        ? (posts.at(-1)?.number ?? Math.max(lastSeen, 0))
        : await postsRepository.latestVisibleNumber(db, threadId, viewer);
      return { posts, complete, latestNumber };
    },
  };
}

export type PostsService = ReturnType<typeof createPostsService>;
