/**
 * Posts: read a thread page by page, reply, edit and delete one's own posts.
 *
 * Every write: validate → load (404 when not visible) → policy → write (a reply under one's pseudonym is one
 * statement; anonymous replies, edits and deletions a transaction) → after the commit: live events, then
 * following and notifications. A submit carries an idempotency key that is unique per author in the
 * database, so a repeat — even a concurrent one — returns the original post.
 */
import { defaultHelplines, type Post, type PostPage } from '@kring/shared';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import { renderMarkdown } from '../../content/markdown';
import type { Actor, MemberActor } from '../../lib/actor';
import { isUuid } from '../../lib/ids';
import { fail, ok, type Result, type ServiceError } from '../../lib/result';
import type { GateDecision } from '../moderation/moderation.gate';
import { postingGateOf } from '../moderation/moderation.services';
import { canPostInSpace } from '../spaces/spaces.policy';
import { loadThreadForActor, type SpaceAccess, type ThreadAccess } from '../threads/threads.access';
import { threadEvents } from '../threads/threads.events';
import { canReplyToThread } from '../threads/threads.policy';
import { threadsRepository, type SpaceRow, type ThreadRow } from '../threads/threads.repository';
import { toThreadView } from '../threads/threads.view';
import { afterPostWritten } from '../notifications/notifications.fanout';
import { createNotifier, type Notifier } from '../notifications/notifications.service';
import { canDeletePost, canEditPost, isListedFor } from './posts.policy';
import { postsRepository, type ListViewer, type PostRecord, type PostRow, type ReactionKind } from './posts.repository';
import { removeByAuthor } from './posts.status';
import { toPostView, publicReader, type PostReader } from './posts.view';

export const DEFAULT_PAGE_SIZE = 30;
export const IDEMPOTENCY_INDEX = 'posts_author_idempotency_unique';

export type PostingStatus = 'published' | 'pending';

/**
 * The posting gate: the one place that decides whether a new post is published at once or held, or
 * refused. Moderation fills it in (moderation.gate.ts): suspensions, bans and mutes (403 `suspended` /
 * `banned` / `muted`), watched words (400 `watched_word` / held), the space's posting policy and new
 * members' first posts and links (→ 'pending', answered 202). Staff are exempt from holds and words.
 * It runs before the transaction and is free of side effects.
 */
export async function postingGate(
  ctx: AppContext,
  actor: MemberActor,
  space: SpaceRow,
  content: { source: string; html: string; title?: string },
): Promise<Result<GateDecision>> {
  return postingGateOf(ctx).checkPosting(actor, space, content);
}

/** After a post committed: silent review items (held, flagged words, crisis) and the writer's crisis care. */
export async function afterPosting(
  ctx: AppContext,
  space: SpaceRow,
  post: { id: string; status: string; source: string },
  decision: GateDecision,
  title?: string,
): Promise<{ care?: { helplines: SpaceRow['helplines'] } }> {
  const { crisis } = await postingGateOf(ctx).afterPosting(space, post, decision, title);
  if (!crisis) return {};
  return { care: { helplines: space.helplines.length > 0 ? space.helplines : defaultHelplines } };
}

export const archivedError = () =>
  fail('forbidden', 'space_archived', 'This space is archived: you can read it, but no longer post in it.');
export const lockedError = () => fail('forbidden', 'thread_locked', 'This thread is locked: no new replies.');
export const anonymousNotAllowed = () =>
  fail('forbidden', 'anonymous_not_allowed', 'This space does not allow anonymous posts.');
export const keyReused = () =>
  fail('conflict', 'idempotency_key_reused', 'This idempotency key was already used for a different submit.');
const postNotFound = () => fail('not_found', 'not_found', 'This post does not exist or is not visible to you.');

/** Why a member who can read a space may still not post there (403 with a specific code). */
export function postingDenied(actor: Actor, access: SpaceAccess): { ok: false; error: ServiceError } | null {
  if (canPostInSpace(actor, access.space, access.membership)) return null;
  if (access.space.archivedAt !== null) return archivedError();
  return fail('forbidden', 'forbidden', 'You cannot post in this space.');
}

class LockedDuringWrite extends Error {}

export interface WritePostInput {
  thread: ThreadRow;
  space: SpaceRow;
  author: MemberActor;
  source: string;
  html: string;
  anonymous: boolean;
  status: PostingStatus;
  idempotencyKey: string | null;
  now: Date;
  /** The opening post of a new thread (also counts the thread on the space). */
  opening: boolean;
  /** Moderators may still reply in a locked thread. */
  allowLocked: boolean;
}

/**
 * Writes one post inside the caller's transaction: the space's counter delta, then the next number under
 * the thread's row lock (held until the commit), the author's alias when anonymous, the row. Nothing else
 * belongs in that transaction: writers on one thread queue for its row lock (see `afterPostCommitted`).
 */
export async function writePost(tx: Executor, input: WritePostInput): Promise<{ thread: ThreadRow; post: PostRow }> {
  const published = input.status === 'published';
  // The space's counters first: a delta row that waits for nobody, so it stays out of the thread's row lock.
  // A held thread (and a held post) counts nowhere until approved: posts.status.ts's changePostStatus adds it.
  const counted = published && !input.thread.held;
  await threadsRepository.bumpSpaceCounters(tx, input.space.id, {
    threads: input.opening && counted ? 1 : 0,
    posts: counted ? 1 : 0,
    ...(counted ? { activityAt: input.now } : {}),
  });
  const thread = await threadsRepository.takeNextNumber(tx, input.thread.id, {
    now: input.now,
    published,
    isReply: !input.opening,
    allowLocked: input.allowLocked,
  });
  if (!thread) throw new LockedDuringWrite();
  const aliasLetter = input.anonymous ? await threadsRepository.aliasFor(tx, thread.id, input.author.userId) : null;
  const post = await postsRepository.insert(tx, {
    threadId: thread.id,
    number: thread.postCount,
    authorId: input.author.userId,
    anonymous: input.anonymous,
    aliasLetter,
    source: input.source,
    html: input.html,
    status: input.status,
    idempotencyKey: input.idempotencyKey,
    createdAt: input.now,
  });
  return { thread, post };
}

/**
 * A reply, committed: one statement for a reply under the writer's pseudonym (the thread's row lock lasts
 * only as long as PostgreSQL takes for it), a transaction for an anonymous one (its alias is handed out
 * under the same lock). Throws `LockedDuringWrite` when the thread was locked meanwhile.
 */
async function writeReply(
  db: Executor,
  input: Omit<WritePostInput, 'opening'>,
): Promise<{ thread: ThreadRow; post: PostRow }> {
  if (input.anonymous) return db.transaction((tx) => writePost(tx, { ...input, opening: false }));
  const written = await postsRepository.insertNumberedReply(db, {
    threadId: input.thread.id,
    spaceId: input.space.id,
    authorId: input.author.userId,
    source: input.source,
    html: input.html,
    status: input.status,
    idempotencyKey: input.idempotencyKey,
    now: input.now,
    allowLocked: input.allowLocked,
  });
  if (!written) throw new LockedDuringWrite();
  return written;
}

export interface PostWriteOutcome {
  post: Post;
  /** false when an earlier submit with the same key is returned (200). */
  created: boolean;
}

/** Where after-commit failures are reported (the routes pass the app's logger). */
export type ErrorLog = (error: unknown, message: string) => void;

/**
 * After a post committed: the writer follows the thread, and — when it is published — followers and
 * mentioned members are notified and told live. Outside the writing transaction on purpose: writers on one
 * thread hold its row lock only for the number and the post, not for a notification to every follower.
 * A failure here is logged and never fails the post, which is saved already.
 */
export async function afterPostCommitted(
  db: Executor,
  notifier: Notifier,
  logError: ErrorLog,
  input: { written: { thread: ThreadRow; post: PostRow }; space: SpaceRow; writer: MemberActor; now: Date },
): Promise<void> {
  try {
    const pending = await afterPostWritten(db, notifier, {
      thread: input.written.thread,
      space: input.space,
      post: input.written.post,
      authorUsername: input.writer.username,
      writerId: input.writer.userId,
      now: input.now,
    });
    await notifier.deliver(pending);
  } catch (error) {
    logError(error, 'notifying about a new post failed');
  }
}

export function createPostsService(ctx: AppContext, logger?: { error: (obj: object, msg: string) => void }) {
  const db = ctx.database.db;
  const logError: ErrorLog = (error, message) => logger?.error({ err: error }, message);
  const events = threadEvents(ctx.publisher);
  const notifier = createNotifier(ctx);

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

  /** The original of a repeated submit, as its author sees it. */
  async function original(actor: MemberActor, record: PostRecord, threadId: string): Promise<Result<PostWriteOutcome>> {
    if (record.post.threadId !== threadId || record.post.number === 1) return keyReused();
    const access = await loadThreadForActor(db, actor, threadId);
    if (!access.ok) return access;
    const [post] = await viewsFor(actor, access.value, [record]);
    if (!post) throw new Error('view of the original post is missing');
    return ok({ post, created: false });
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

    async reply(
      actor: MemberActor,
      threadId: string,
      input: { body: string; anonymous?: boolean; idempotencyKey: string },
    ): Promise<Result<PostWriteOutcome & { status: PostingStatus; care?: { helplines: SpaceRow['helplines'] } }>> {
      const loaded = await loadThreadForActor(db, actor, threadId);
      if (!loaded.ok) return loaded;
      const access = loaded.value;
      const denied = postingDenied(actor, access);
      if (denied) return denied;
      if (!canReplyToThread(actor, access.space, access.record.thread, access.membership)) return lockedError();
      const anonymous = input.anonymous ?? false;
      if (anonymous && !access.space.allowAnonymous) return anonymousNotAllowed();

      const repeat = await postsRepository.findByIdempotencyKey(db, actor.userId, input.idempotencyKey);
      if (repeat) return withStatus(await original(actor, repeat, threadId));

      const html = renderMarkdown(input.body);
      const gate = await postingGate(ctx, actor, access.space, { source: input.body, html });
      if (!gate.ok) return gate;

      const now = ctx.clock.now();
      let written: { thread: ThreadRow; post: PostRow };
      try {
        written = await writeReply(db, {
          thread: access.record.thread,
          space: access.space,
          author: actor,
          source: input.body,
          html,
          anonymous,
          status: gate.value.status,
          idempotencyKey: input.idempotencyKey,
          now,
          allowLocked: access.moderator,
        });
      } catch (error) {
        if (error instanceof LockedDuringWrite) return lockedError();
        if (isUniqueViolation(error, IDEMPOTENCY_INDEX)) {
          // A concurrent repeat won the race; its post is the original.
          const winner = await postsRepository.findByIdempotencyKey(db, actor.userId, input.idempotencyKey);
          if (winner) return withStatus(await original(actor, winner, threadId));
        }
        throw error;
      }

      const record: PostRecord = { post: written.post, authorUsername: actor.username };
      const post = toPostView(record, readerFor(actor, access), []);
      // Readers of the thread first (the live post is what they wait for), then follow and notify.
      if (written.post.status === 'published') {
        events.postCreated(threadId, toPostView(record, publicReader));
        events.threadActivity(
          toThreadView({ thread: written.thread, authorUsername: access.record.authorUsername }, access.space.slug),
          written.thread.held,
        );
      }
      await afterPostCommitted(db, notifier, logError, { written, space: access.space, writer: actor, now });
      const after = await afterPosting(ctx, access.space, written.post, gate.value);
      return ok({ post, created: true, status: gate.value.status, ...after });
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

function withStatus(result: Result<PostWriteOutcome>): Result<PostWriteOutcome & { status: PostingStatus }> {
  if (!result.ok) return result;
  return ok({ ...result.value, status: result.value.post.status === 'pending' ? 'pending' : 'published' });
}

export type PostsService = ReturnType<typeof createPostsService>;
