/**
 * Threads: a space's list (pinned first, then last activity; keyset cursor), one thread with what the
 * reader may do, and starting a thread (title + opening post, one transaction, idempotent).
 */
import type { Post, Thread, ThreadDetail, ThreadList } from '@kring/shared';
import { TITLE_MIN } from '@kring/shared';
import type { AppContext } from '../../context';
import { isUniqueViolation } from '../../db/errors';
import { plainTitle, renderMarkdown } from '../../content/markdown';
import type { Actor, MemberActor } from '../../lib/actor';
import { isUuid } from '../../lib/ids';
import { fail, ok, type Result } from '../../lib/result';
import { canModerateSpace } from '../spaces/spaces.policy';
import {
  IDEMPOTENCY_INDEX,
  anonymousNotAllowed,
  createPostsService,
  keyReused,
  postingDenied,
  postingGate,
  afterPosting,
  afterPostCommitted,
  type ErrorLog,
  writePost,
  type PostingStatus,
} from '../posts/posts.service';
import { postsRepository, type PostRecord } from '../posts/posts.repository';
import { createNotifier } from '../notifications/notifications.service';
import { loadSpaceForActor, loadThreadForActor, type SpaceAccess } from './threads.access';
import { threadEvents } from './threads.events';
import { canReactInThread, canReplyToThread } from './threads.policy';
import { threadsRepository, type SpaceRow, type ThreadListCursor, type ThreadRecord } from './threads.repository';
import { toThreadView } from './threads.view';

export const DEFAULT_THREAD_PAGE = 20;

const invalidCursor = () =>
  fail('invalid', 'invalid_cursor', 'The cursor is not valid. Start again without one.', {
    fields: { cursor: 'invalid' },
  });

/** The opaque list cursor: base64url of [pinned, lastActivityAt, id]. */
export function encodeThreadCursor(cursor: ThreadListCursor): string {
  return Buffer.from(JSON.stringify([cursor.pinned ? 1 : 0, cursor.lastActivityAt.toISOString(), cursor.id])).toString(
    'base64url',
  );
}

export function decodeThreadCursor(raw: string): ThreadListCursor | null {
  if (!/^[A-Za-z0-9_-]+$/.test(raw)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [pinned, at, id] = value as unknown[];
    if ((pinned !== 0 && pinned !== 1) || typeof at !== 'string' || typeof id !== 'string' || !isUuid(id)) return null;
    const lastActivityAt = new Date(at);
    if (Number.isNaN(lastActivityAt.getTime()) || lastActivityAt.toISOString() !== at) return null;
    return { pinned: pinned === 1, lastActivityAt, id };
  } catch {
    return null;
  }
}

export interface CreateThreadInput {
  title: string;
  body: string;
  anonymous?: boolean;
  intent?: Thread['intent'];
  idempotencyKey: string;
}

export function createThreadsService(ctx: AppContext, logger?: { error: (obj: object, msg: string) => void }) {
  const db = ctx.database.db;
  const events = threadEvents(ctx.publisher);
  const postsService = createPostsService(ctx, logger);
  const logError: ErrorLog = (error, message) => logger?.error({ err: error }, message);
  const notifier = createNotifier(ctx);

  async function originalThread(
    actor: MemberActor,
    access: SpaceAccess,
    record: PostRecord,
  ): Promise<Result<{ thread: Thread; post: Post; created: false; status: PostingStatus }>> {
    if (record.post.number !== 1) return keyReused();
    const thread = await threadsRepository.findById(db, record.post.threadId);
    if (!thread || thread.thread.spaceId !== access.space.id) return keyReused();
    const [post] = await postsService.viewsFor(actor, access, [record]);
    if (!post) throw new Error('view of the original post is missing');
    return ok({
      thread: toThreadView(thread, access.space.slug),
      post,
      created: false,
      status: post.status === 'pending' ? 'pending' : 'published',
    });
  }

  return {
    async list(
      actor: Actor,
      slug: string,
      query: { cursor?: string; limit?: number; filter?: 'unanswered' },
    ): Promise<Result<ThreadList>> {
      const loaded = await loadSpaceForActor(db, actor, { slug });
      if (!loaded.ok) return loaded;
      const cursor = query.cursor === undefined ? null : decodeThreadCursor(query.cursor);
      if (query.cursor !== undefined && !cursor) return invalidCursor();
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
        nextCursor: rows.length > limit && last ? encodeThreadCursor(last.thread) : null,
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

    async create(
      actor: MemberActor,
      slug: string,
      input: CreateThreadInput,
    ): Promise<
      Result<{
        thread: Thread;
        post: Post;
        created: boolean;
        status: PostingStatus;
        care?: { helplines: SpaceRow['helplines'] };
      }>
    > {
      const loaded = await loadSpaceForActor(db, actor, { slug });
      if (!loaded.ok) return loaded;
      const access = loaded.value;
      const denied = postingDenied(actor, access);
      if (denied) return denied;
      const anonymous = input.anonymous ?? false;
      if (anonymous && !access.space.allowAnonymous) return anonymousNotAllowed();

      // Titles are plain text: markup is removed, and what is left must still be a title.
      const title = plainTitle(input.title);
      if ([...title].length < TITLE_MIN) {
        return fail('invalid', 'validation_failed', 'The title is too short once markup is removed.', {
          fields: { title: `must be at least ${TITLE_MIN} characters of text` },
        });
      }

      const repeat = await postsRepository.findByIdempotencyKey(db, actor.userId, input.idempotencyKey);
      if (repeat) return originalThread(actor, access, repeat);

      const html = renderMarkdown(input.body);
      const gate = await postingGate(ctx, actor, access.space, { source: input.body, html, title });
      if (!gate.ok) return gate;

      const now = ctx.clock.now();
      let written;
      try {
        written = await db.transaction(async (tx) => {
          const thread = await threadsRepository.insert(tx, {
            spaceId: access.space.id,
            authorId: actor.userId,
            title,
            intent: input.intent ?? null,
            anonymous,
            held: gate.value.status === 'pending',
            lastActivityAt: now,
            createdAt: now,
          });
          const result = await writePost(tx, {
            thread,
            space: access.space,
            author: actor,
            source: input.body,
            html,
            anonymous,
            status: gate.value.status,
            idempotencyKey: input.idempotencyKey,
            now,
            opening: true,
            allowLocked: false,
          });
          return result;
        });
      } catch (error) {
        if (isUniqueViolation(error, IDEMPOTENCY_INDEX)) {
          const winner = await postsRepository.findByIdempotencyKey(db, actor.userId, input.idempotencyKey);
          if (winner) return originalThread(actor, access, winner);
        }
        throw error;
      }

      const threadRecord: ThreadRecord = { thread: written.thread, authorUsername: actor.username };
      const postRecord: PostRecord = { post: written.post, authorUsername: actor.username };
      const thread = toThreadView(threadRecord, access.space.slug);
      if (written.post.status === 'published') events.threadCreated(thread);
      await afterPostCommitted(db, notifier, logError, { written, space: access.space, writer: actor, now });
      const [post] = await postsService.viewsFor(actor, access, [postRecord]);
      if (!post) throw new Error('view of the opening post is missing');
      const after = await afterPosting(ctx, access.space, written.post, gate.value, title);
      return ok({ thread, post, created: true, status: gate.value.status, ...after });
    },
  };
}

export type ThreadsService = ReturnType<typeof createThreadsService>;
