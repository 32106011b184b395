/**
 * Who hears of a new post, decided right after it committed (posts' `afterPostCommitted`; moderation
 * calls `notifyPublishedPost` inside its own transaction when it approves a held post):
 * - writing follows the thread (starting or replying follows it by default);
 * - a published opening post: followers of the space get one digest per space ("new threads");
 * - a published reply: followers of the thread get one digest per thread ("replies");
 * - mentions of `@pseudonym` in a post written under one's pseudonym (never from an anonymous post, and
 *   never to an anonymous identity: "Anoniem B" is not a pseudonym) notify that member if they may read
 *   the space.
 * Nobody is told about their own post; nothing says who wrote an anonymous post. A post held for review
 * notifies nobody until it is published (moderation calls `notifyPublishedPost` when it approves), and
 * neither does anything written in a held thread (its opening post waits for approval).
 */
import { usernameKey } from '@kring/shared';
import type { Executor } from '../../db/client';
import { notificationsRepository } from './notifications.repository';
import type { Notifier, NotifyInput, PendingNotification } from '../../context';
import { followsRepository } from '../follows/follows.repository';

export const MAX_MENTIONS = 10;

export interface PublishedPost {
  thread: { id: string; title: string };
  space: { id: string; slug: string; name: string };
  post: { number: number; anonymous: boolean; source: string; authorId: string | null };
  /** The writer's pseudonym; only used when the post is not anonymous. */
  authorUsername: string | null;
}

/** `@name` mentions in a post body (letters, digits, `_ . -`), case-folded and deduplicated. */
export function mentionedKeys(source: string): string[] {
  const keys = new Set<string>();
  for (const match of source.matchAll(/(^|[^\p{L}\p{N}_.@-])@((?:\p{L}\p{M}{0,3}|\p{Nd}|[_.-]){3,30})/gu)) {
    const name = (match[2] ?? '').replace(/[.-]+$/u, '');
    if (name.length >= 3) keys.add(usernameKey(name));
    if (keys.size >= MAX_MENTIONS) break;
  }
  return [...keys];
}

export async function followOnWrite(tx: Executor, threadId: string, userId: string, now: Date): Promise<void> {
  await followsRepository.followThread(tx, threadId, userId, now);
}

/**
 * What every written post (an opening post or a reply) sets off once it is saved: the writer follows the
 * thread, and — when the post is published — followers and mentioned members are notified.
 */
export async function afterPostWritten(
  tx: Executor,
  notifier: Notifier,
  input: Omit<PublishedPost, 'post' | 'thread'> & {
    thread: PublishedPost['thread'] & { held: boolean };
    post: PublishedPost['post'] & { status: string };
    writerId: string;
    now: Date;
  },
): Promise<PendingNotification[]> {
  await followOnWrite(tx, input.thread.id, input.writerId, input.now);
  // In a held thread (only its author and moderators see it) nobody is told; approving it runs the fan-out.
  return input.post.status === 'published' && !input.thread.held ? notifyPublishedPost(tx, notifier, input) : [];
}

export async function notifyPublishedPost(
  tx: Executor,
  notifier: Notifier,
  input: PublishedPost,
): Promise<PendingNotification[]> {
  const authorId = input.post.authorId;
  if (!authorId) return [];
  const inputs: NotifyInput[] = [];
  const common = { threadTitle: input.thread.title, spaceSlug: input.space.slug, spaceName: input.space.name };

  let mentioned: string[] = [];
  if (!input.post.anonymous && input.authorUsername) {
    const readers = await notificationsRepository.readersByUsernameKeys(
      tx,
      input.space.id,
      mentionedKeys(input.post.source),
    );
    mentioned = readers.filter((id) => id !== authorId);
  }
  for (const userId of mentioned) {
    inputs.push({
      userId,
      type: 'mention',
      threadId: input.thread.id,
      spaceId: input.space.id,
      data: { ...common, postNumber: input.post.number, actorUsername: input.authorUsername ?? undefined },
    });
  }

  const opening = input.post.number === 1;
  const followers = opening
    ? await followsRepository.spaceFollowers(tx, input.space.id, authorId)
    : await followsRepository.threadFollowers(tx, input.thread.id, input.space.id, authorId);
  for (const userId of followers) {
    if (mentioned.includes(userId)) continue;
    inputs.push(
      opening
        ? {
            userId,
            type: 'new_threads',
            threadId: input.thread.id,
            spaceId: input.space.id,
            data: common,
            groupKey: `new_threads:${input.space.id}`,
          }
        : {
            userId,
            type: 'reply',
            threadId: input.thread.id,
            spaceId: input.space.id,
            data: { ...common, postNumber: input.post.number },
            groupKey: `reply:${input.thread.id}`,
          },
    );
  }
  // One batch for everyone (a few round trips inside the writer's transaction, not a few per follower).
  return notifier.notifyMany(tx, inputs);
}
