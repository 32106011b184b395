/**
 * Every change of a post's or thread's status after it was written, with the counters it moves: a
 * moderator hiding, removing, restoring, approving or rejecting a post (publishing a held thread's opening
 * post releases the thread), labelling it, locking, pinning or moving a thread, and an author deleting
 * their post or erasing their account. The counters: a thread's `reply_count` (published replies) and its
 * space's threads/posts/activity (published posts of threads that are not held). Each function runs in
 * the caller's transaction; `postStatusEvents` sends the live updates after the commit.
 */
import type { Thread } from '@kring/shared';
import type { AppContext } from '../../context';
import type { Executor } from '../../db/client';
import { spacesRepository } from '../spaces/spaces.repository';
import { threadEvents } from '../threads/threads.events';
import { threadsRepository, type ThreadRow } from '../threads/threads.repository';
import { toThreadView } from '../threads/threads.view';
import { postsRepository, type PostRow } from './posts.repository';
import { publicReader, toPostView } from './posts.view';

export type PostStatus = PostRow['status'];

/** A status change: the post as it is now, its thread when its counters moved, and whether it was released. */
export interface StatusChange {
  post: PostRow;
  thread: ThreadRow | null;
  /** The opening post of a held thread was published: the thread is listed and counted from now on. */
  released: boolean;
}

/**
 * Changes a post's status, keeping the thread's and space's counters right: the one place a post is
 * published or taken away by a moderator. Publishing the opening post of a held thread releases the thread
 * (`released`): from then on it is listed, counted on its space (with the replies its author and moderators
 * wrote meanwhile) and active now. A held thread's posts are not counted on the space.
 */
export async function changePostStatus(
  tx: Executor,
  post: PostRow,
  spaceId: string,
  status: PostStatus,
  now: Date,
): Promise<StatusChange> {
  const updated = await postsRepository.setStatus(tx, post.id, status);
  const was = post.status === 'published';
  const is = status === 'published';
  let thread: ThreadRow | null = null;
  let released = false;
  if (was !== is) {
    const delta = is ? 1 : -1;
    thread = await threadsRepository.adjustReplyCount(tx, post.threadId, post.number > 1 ? delta : 0);
    if (thread?.held && is && post.number === 1) {
      thread = await threadsRepository.release(tx, thread.id, now);
      released = thread !== null;
      if (thread) {
        await threadsRepository.bumpSpaceCounters(tx, spaceId, {
          threads: 1,
          posts: 1 + thread.replyCount,
          activityAt: now,
        });
      }
    } else if (thread && !thread.held) {
      await threadsRepository.bumpSpaceCounters(tx, spaceId, { posts: delta, ...(is ? { activityAt: now } : {}) });
    }
  }
  return { post: updated, thread, released };
}

/** The author deletes their own post (`current` locked by the caller): a removed stub, uncounted if it counted. */
export async function removeByAuthor(
  tx: Executor,
  current: PostRow,
  spaceId: string,
  now: Date,
): Promise<{ removed: PostRow; thread: ThreadRow | null }> {
  const removed = await postsRepository.markRemoved(tx, current.id, now);
  let thread: ThreadRow | null = null;
  if (current.status === 'published') {
    thread = await threadsRepository.adjustReplyCount(tx, current.threadId, current.number > 1 ? -1 : 0);
    // A held thread's posts are not counted on the space (see writePost).
    if (!thread?.held) await threadsRepository.bumpSpaceCounters(tx, spaceId, { posts: -1 });
  }
  return { removed, thread };
}

/**
 * An erased account's posts left the counters: the replies per thread, then the posts per space (lock
 * order thread → space, as everywhere). `erased` are the posts that were not removed before.
 */
export async function uncountErased(
  tx: Executor,
  erased: readonly { threadId: string; number: number; status: PostStatus }[],
): Promise<void> {
  const published = erased.filter((p) => p.status === 'published');
  const repliesPerThread = new Map<string, number>();
  const postsPerThread = new Map<string, number>();
  for (const post of published) {
    postsPerThread.set(post.threadId, (postsPerThread.get(post.threadId) ?? 0) + 1);
    if (post.number > 1) repliesPerThread.set(post.threadId, (repliesPerThread.get(post.threadId) ?? 0) + 1);
  }
  const threadIds = [...postsPerThread.keys()].sort();
  for (const threadId of threadIds) {
    const replies = repliesPerThread.get(threadId) ?? 0;
    if (replies > 0) await threadsRepository.adjustReplyCount(tx, threadId, -replies);
  }
  const spaceOf = await threadsRepository.countedSpaceIdsOf(tx, threadIds);
  const postsPerSpace = new Map<string, number>();
  for (const threadId of threadIds) {
    const spaceId = spaceOf.get(threadId);
    if (spaceId) postsPerSpace.set(spaceId, (postsPerSpace.get(spaceId) ?? 0) + (postsPerThread.get(threadId) ?? 0));
  }
  for (const spaceId of [...postsPerSpace.keys()].sort()) {
    await threadsRepository.bumpSpaceCounters(tx, spaceId, { posts: -(postsPerSpace.get(spaceId) ?? 0) });
  }
}

/** A moderator's label under a post (null clears it, e.g. when an appeal overturns it). */
export function setPostLabel(tx: Executor, postId: string, label: string | null): Promise<PostRow> {
  return postsRepository.setLabel(tx, postId, label);
}

/** Locks/unlocks or pins/unpins a thread. */
export function setThreadFlags(
  tx: Executor,
  threadId: string,
  values: { locked?: boolean; pinned?: boolean },
): Promise<ThreadRow> {
  return threadsRepository.setFlags(tx, threadId, values);
}

/** Moves a thread to another space, with its published posts; a held thread is counted nowhere until approved. */
export async function moveThread(tx: Executor, thread: ThreadRow, toSpaceId: string): Promise<ThreadRow> {
  if (!thread.held) {
    const published = thread.replyCount + 1;
    await threadsRepository.bumpSpaceCounters(tx, thread.spaceId, { threads: -1, posts: -published });
    await threadsRepository.bumpSpaceCounters(tx, toSpaceId, { threads: 1, posts: published });
  }
  return threadsRepository.setFlags(tx, thread.id, { spaceId: toSpaceId });
}

/** Live updates for open pages after a status change committed. */
export function postStatusEvents(ctx: Pick<AppContext, 'database' | 'publisher'>) {
  const db = ctx.database.db;
  const live = threadEvents(ctx.publisher);

  /** The thread's new state to its space's pages; a released thread arrives there as a new one. */
  async function publishThread(thread: ThreadRow, released = false): Promise<void> {
    const space = await spacesRepository.findById(db, thread.spaceId);
    const record = await threadsRepository.findById(db, thread.id);
    if (!space || !record) return;
    const view: Thread = toThreadView(record, space.slug);
    if (released && !record.thread.held) live.threadCreated(view);
    else live.threadActivity(view, record.thread.held);
  }

  /** A post's new status or content to its thread's pages (and the thread's, when its counters moved). */
  async function publishPost(post: PostRow, thread: ThreadRow | null, released = false): Promise<void> {
    if (post.status === 'published') {
      const record = await postsRepository.findById(db, post.id);
      if (record) live.postUpdated(post.threadId, toPostView(record, publicReader));
    } else if (post.status !== 'pending') {
      live.postRemoved(post.threadId, post);
    }
    if (thread) await publishThread(thread, released);
  }

  return { publishPost, publishThread, publishChange: (c: StatusChange) => publishPost(c.post, c.thread, c.released) };
}

export type PostStatusEvents = ReturnType<typeof postStatusEvents>;
