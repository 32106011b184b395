/**
 * Threads: a space's list (pinned first, then last activity; keyset cursor) and one thread with what the
 * reader may do. Starting a thread is posting: see the posting pipeline in `posts/posts.write.ts`.
 */
import type { ThreadDetail, ThreadList } from '@kring/shared';
import type { AppContext, NoDeps } from '../../context';
import type { Actor } from '../../lib/actor';
import { cursorCodec, invalidCursor } from '../../lib/cursor';
import { ok, type Result } from '../../lib/result';
import { canModerateSpace } from '../spaces/spaces.policy';
import { openSpace, loadThreadForActor } from './threads.access';
import { canReactInThread, canReplyToThread } from './threads.policy';
import { threadsRepository } from './threads.repository';
import { toThreadView } from './threads.view';

export const DEFAULT_THREAD_PAGE = 20;

/** The opaque list cursor: [pinned, lastActivityAt, id]. */
const threadCursor = cursorCodec('flag', 'date', 'uuid');

export function createThreadsService(ctx: AppContext, _deps: NoDeps) {
  const db = ctx.database.db;

  return {
    async list(
      actor: Actor,
      slug: string,
      query: { cursor?: string; limit?: number; filter?: 'unanswered' },
    ): Promise<Result<ThreadList>> {
      const loaded = await openSpace(db, actor, { slug });
      if (!loaded.ok) return loaded;
      const decoded = query.cursor === undefined ? null : threadCursor.decode(query.cursor);
      if (query.cursor !== undefined && !decoded) return invalidCursor();
      const cursor = decoded && { pinned: decoded[0], lastActivityAt: decoded[1], id: decoded[2] };
      const limit = query.limit ?? DEFAULT_THREAD_PAGE;
      const rows = await threadsRepository.listForSpace(db, loaded.value.space.id, {
        cursor,
        limit: limit + 1,
        unanswered: query.filter === 'unanswered',
        viewer: { userId: actor.kind === 'member' ? actor.userId : null, moderator: loaded.value.moderator },
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return ok({
        items: page.map((record) => toThreadView(record, loaded.value.space.slug)),
        nextCursor:
          rows.length > limit && last
            ? threadCursor.encode([last.thread.pinned, last.thread.lastActivityAt, last.thread.id])
            : null,
      });
    },

    async get(actor: Actor, threadId: string): Promise<Result<ThreadDetail>> {
      const loaded = await loadThreadForActor(db, actor, threadId);
      if (!loaded.ok) return loaded;
      const { space, record, membership } = loaded.value;
      return ok({
        thread: toThreadView(record, space.slug),
        space: {
          id: space.id,
          slug: space.slug,
          name: space.name,
          visibility: space.visibility,
          allowAnonymous: space.allowAnonymous,
          archived: space.archivedAt !== null,
        },
        can: {
          reply: canReplyToThread(actor, space, record.thread, membership),
          react: canReactInThread(actor, space, membership),
          moderate: canModerateSpace(actor, space),
        },
        viewer: { signedIn: actor.kind === 'member' },
      });
    },
  };
}

export type ThreadsService = ReturnType<typeof createThreadsService>;
